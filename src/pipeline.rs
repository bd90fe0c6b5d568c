//! The steps of a build as library calls, the way the commands (and tests, and a preview
//! server) run them: [`check`] loads and validates a content folder; [`write_site`]
//! renders every job on all cores and writes them into a staging folder.
//!
//! Data flows one way: `load` (files, YAML trees) → `model` (typed, validated records) →
//! `render` (output files in memory) → `output` (the disk).

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::load::{self, LoadError};
use crate::model::{self, FileRecords, Kind, Site};
use crate::output::Staging;
use crate::render::{Job, OutputFile, Renderer};

/// What validation of a content folder gives: the site when it has no errors, and every
/// problem found either way.
pub struct Checked {
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
}

/// Load and validate a content folder: list the files, read the settings, read every
/// record file in parallel (each YAML tree dropped as soon as its records are out), then
/// merge and validate across files. Only I/O failures are errors; bad content is a
/// diagnostic.
pub fn check(content: &Path) -> Result<Checked, LoadError> {
    // Editors and their lists are in China: "today" is China Standard Time (UTC+8).
    let cst = jiff::tz::offset(8);
    check_on(content, cst.to_datetime(jiff::Timestamp::now()).date())
}

/// [`check`] as of `today` (filing dates after it are errors).
pub fn check_on(content: &Path, today: jiff::civil::Date) -> Result<Checked, LoadError> {
    let t = Instant::now();
    let files = load::scan(content)?;
    let mut diags = files.diags.clone();
    let mut doc = |f: &Option<load::FileRef>| -> Result<Option<load::Doc>, LoadError> {
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
        .map(|f| -> Result<(String, FileRecords), LoadError> {
            let Some(kind) = Kind::of_folder(f.top_folder()) else {
                return Ok((f.path.clone(), model::record::stray_file(f)));
            };
            let records = match load::read_yaml(&files, f)? {
                Ok(doc) => model::record::read_doc(kind, &doc, districts, today),
                Err(d) => FileRecords {
                    diags: vec![d],
                    ..FileRecords::default()
                },
            };
            Ok((f.path.clone(), records))
        })
        .collect::<Result<_, _>>()?;
    let mut pages = Vec::new();
    for f in &files.pages {
        let (page, page_diags) = load::read_page(&files, f)?;
        diags.extend(page_diags);
        pages.extend(page);
    }
    timing("load", t);
    let t = Instant::now();
    let site = model::assemble(settings, per_file, &pages, &mut diags);
    timing("validate", t);
    Ok(Checked {
        site,
        diagnostics: Diagnostics::from(diags),
    })
}

/// A problem writing the site: rendering or the disk.
pub type WriteError = Box<dyn std::error::Error + Send + Sync>;

/// Render on all cores; write from one thread. Creating files in one folder serialises on
/// the folder's lock in the kernel, so several writers only spin; one writer fed through
/// a bounded queue keeps the other cores rendering and memory bounded.
pub fn write_site(renderer: &Renderer, jobs: &[Job], staging: &Staging) -> Result<(), WriteError> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<OutputFile>(16);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<(), WriteError> {
            for file in rx {
                staging.write(&file)?;
            }
            Ok(())
        });
        let rendered = jobs
            .par_iter()
            .try_for_each_with(tx, |tx, job| -> Result<(), WriteError> {
                // Data exports grow with the records: streamed to their file, not queued.
                if let Some(path) = job.data_path() {
                    staging.write_with(path, |w| renderer.write_data(job, w))?;
                    return Ok(());
                }
                let file = renderer.render(job)?;
                // A closed queue means the writer failed; its error is reported below.
                tx.send(file).map_err(|_| writer_stopped())?;
                Ok(())
            });
        let written = writer.join().map_err(|_| writer_stopped())?;
        written.and(rendered)
    })
}

fn writer_stopped() -> crate::diagnostics::Failure {
    use crate::diagnostics::catalogue::cli;
    crate::diagnostics::Failure::new(crate::diagnostics::Text::new(&cli::WRITER_STOPPED))
}

/// With TUOYU_TIMINGS set, print how long a step took (for benchmarks and profiling).
pub fn timing(step: &str, since: Instant) {
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
