//! Where an incremental build spends its time, by kind of job (`TUOYU_TIMINGS=1`).

use std::time::Instant;

use crate::render::Job;

/// With TUOYU_TIMINGS set: the time spent on each kind of job (summed over threads), to
/// see which files an incremental build spends its time on.
pub(super) struct JobProfile {
    /// Whether TUOYU_TIMINGS is set, read once: reading the environment at each of 100,000
    /// jobs took ~30 ms of a rebuild (it takes a lock and walks the variables).
    on: bool,
    kinds: std::sync::Mutex<std::collections::BTreeMap<&'static str, (f64, usize)>>,
}

impl Default for JobProfile {
    fn default() -> Self {
        JobProfile {
            on: std::env::var_os("TUOYU_TIMINGS").is_some(),
            kinds: Default::default(),
        }
    }
}

impl JobProfile {
    pub(super) fn add(&self, job: &Job, since: Instant) {
        if !self.on {
            return;
        }
        let kind = match job {
            Job::Institution(_) => "institution",
            Job::District { .. } => "district",
            Job::List { .. } => "list",
            Job::SearchIndex(_) => "search",
            Job::GeoIndex(_) => "geo",
            Job::CompareData(_) => "compare data",
            Job::Sitemap(_) => "sitemap",
            Job::Json => "json",
            Job::Csv => "csv",
            Job::Xlsx => "xlsx",
            _ => "other",
        };
        let mut m = self.kinds.lock().unwrap_or_else(|p| p.into_inner());
        let e = m.entry(kind).or_default();
        e.0 += since.elapsed().as_secs_f64();
        e.1 += 1;
    }

    pub(super) fn print(&self) {
        let m = self.kinds.lock().unwrap_or_else(|p| p.into_inner());
        for (kind, (secs, n)) in m.iter() {
            eprintln!("timing:   {kind}: {n} jobs, {secs:.3} s");
        }
    }
}
