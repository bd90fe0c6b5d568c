//! Orchestration of the commands: each is a short list of pipeline steps.

pub mod build;
pub mod check;

use std::path::Path;

use anyhow::Context as _;
use rayon::prelude::*;
use tuoyu::diagnostics::Diagnostics;
use tuoyu::load;
use tuoyu::model::{self, FileRecords, Site};

/// Steps shared by `build` and `check`: list the files, read the settings, read every
/// record file in parallel (dropping each YAML tree as soon as its records are out),
/// then merge and validate across files.
pub fn load_and_validate(content: &Path) -> anyhow::Result<(Option<Site>, Diagnostics)> {
    let t = std::time::Instant::now();
    let files = load::scan(content)
        .with_context(|| format!("cannot read content folder {}", content.display()))?;
    let mut diags = files.diags.clone();
    let mut doc = |f: &Option<load::FileRef>| -> anyhow::Result<Option<load::Doc>> {
        let Some(f) = f else { return Ok(None) };
        Ok(load::read_yaml(&files, f)?.map_err(|d| diags.push(d)).ok())
    };
    let (site_doc, districts_doc) = (doc(&files.site)?, doc(&files.districts)?);
    let settings = model::settings(
        site_doc.as_ref(),
        districts_doc.as_ref(),
        &files.root_label,
        &mut diags,
    );
    let districts = settings.districts.as_deref();
    let per_file: Vec<(String, FileRecords)> = files
        .records
        .par_iter()
        .map(|(kind, f)| -> anyhow::Result<(String, FileRecords)> {
            let records = match load::read_yaml(&files, f)? {
                Ok(doc) => model::record::read_doc(*kind, &doc, districts),
                Err(d) => FileRecords {
                    diags: vec![d],
                    ..FileRecords::default()
                },
            };
            Ok((f.path.clone(), records))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut pages = Vec::new();
    for f in &files.pages {
        let (page, page_diags) = load::read_page(&files, f)?;
        diags.extend(page_diags);
        pages.extend(page);
    }
    timing("load", t);
    let t = std::time::Instant::now();
    let site = model::assemble(settings, per_file, &pages, &mut diags);
    timing("validate", t);
    Ok((site, Diagnostics::from(diags)))
}

/// With TUOYU_TIMINGS set, print how long a step took (for benchmarks and profiling).
pub fn timing(step: &str, since: std::time::Instant) {
    if std::env::var_os("TUOYU_TIMINGS").is_some() {
        // Resident and peak memory so far (Linux), to see which step needs the memory.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .map(|l| l[name.len()..].trim().to_string())
                .unwrap_or_default()
        };
        eprintln!(
            "timing: {step} {:.3} s (rss {}, peak {})",
            since.elapsed().as_secs_f64(),
            field("VmRSS:"),
            field("VmHWM:")
        );
    }
}
