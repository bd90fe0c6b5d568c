//! The steps of a build as library calls, the way the commands (and tests, and a preview
//! server) run them: [`check`] loads and validates a content folder; [`write_site`]
//! renders every job on all cores and writes them into a staging folder;
//! [`render_to_memory`] renders them into memory instead (the preview server).
//!
//! Data flows one way: `load` (files, YAML trees) → `model` (typed, validated records) →
//! `render` (output files in memory) → `output` (the disk).

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use crate::cache::{BuildCache, Produced, Stamp};
use crate::output::Staging;
use crate::output::update::Update;
use crate::render::data::OldRows;
use crate::render::fingerprint::{Fingerprint, Hasher, Inputs, of_bytes};
use crate::render::search::{Reuse, State as SearchState};
use crate::render::{Job, OutputFile, Renderer};

mod check;
mod profile;
pub use check::{Checked, check, check_cached, check_on, check_with, today};
use profile::JobProfile;

/// A problem writing the site: rendering or the disk.
pub type WriteError = Box<dyn std::error::Error + Send + Sync>;

/// Render on all cores; write from one thread. Creating files in one folder serialises on
/// the folder's lock in the kernel, so several writers only spin; one writer fed through
/// a bounded queue keeps the other cores rendering and memory bounded.
pub fn write_site(renderer: &Renderer, jobs: &[Job], staging: &Staging) -> Result<(), WriteError> {
    write_site_recorded(renderer, jobs, staging, None).map(drop)
}

/// What a build wrote, for the build cache: every file's hashes, and what the next build
/// needs of the search index.
pub struct Written {
    pub produced: Vec<Produced>,
    pub search: Option<SearchState>,
}

/// [`write_site`], giving every file's hashes for the build cache (with `inputs`, the
/// renderer's [`Renderer::fingerprint_inputs`], also the hashes of the pages' inputs, and
/// the search index's state).
pub fn write_site_recorded(
    renderer: &Renderer,
    jobs: &[Job],
    staging: &Staging,
    inputs: Option<&Inputs>,
) -> Result<Written, WriteError> {
    // Every file is written by the thread that makes it. One writer thread for 100,000
    // pages was the bottleneck: the render threads waited on its full queue while it
    // created files. The geo and search indexes come first, so that their working memory
    // is freed before the pages start (made beside the pages, the build was no faster:
    // the cores are busy either way).
    let indexed = std::sync::Mutex::new(Vec::new());
    let index = || {
        let t = Instant::now();
        let reuse = inputs.map(|i| Reuse {
            hashes: i.institutions(),
            previous: None,
            keep: &|_| false,
        });
        let streamed = renderer.stream_indexes(
            &|file| {
                staging.write(&file)?;
                let p = Produced::new(file.path, None, of_bytes(&file.bytes));
                indexed.lock().unwrap_or_else(|p| p.into_inner()).push(p);
                Ok(())
            },
            reuse,
            &|| staging.scratch(),
        );
        timing("search index", t);
        streamed
    };
    let profile = JobProfile::default();
    let search = index()?;
    let indexed = indexed.into_inner().unwrap_or_else(|p| p.into_inner());
    // One record per file, a million of them at a million records: collected in place
    // into one allocation with room for the index's records, never copied (a collect and
    // an extend held two or three copies at once, ~300 MB, and the peak passed 2 GiB).
    let mut made = Vec::with_capacity(jobs.len() + indexed.len());
    jobs.par_iter()
        .map(|job| {
            let t = Instant::now();
            let p = produce(renderer, job, staging, inputs);
            profile.add(job, t);
            p
        })
        .collect_into_vec(&mut made);
    profile.print();
    let mut produced = made.into_iter().collect::<Result<Vec<_>, _>>()?;
    produced.extend(indexed);
    Ok(Written { produced, search })
}

/// Make and write one file of a clean build.
fn produce(
    renderer: &Renderer,
    job: &Job,
    staging: &Staging,
    inputs: Option<&Inputs>,
) -> Result<Produced, WriteError> {
    let input = inputs.and_then(|i| renderer.job_fingerprint(i, job));
    // Data exports grow with the records: streamed to their file, never held whole.
    if let Some(path) = job.data_path() {
        let (mut output, mut rows) = (0, Vec::new());
        staging.write_with(path, |w| {
            // With the inputs, the rows give the content's hash (see `render::data`).
            match inputs {
                Some(i) => {
                    let written = renderer.write_data_rows(job, i, None, w)?;
                    (output, rows) = (written.hash, written.spans);
                }
                None => {
                    let mut h = Hasher::new();
                    renderer.write_data(job, &mut Tee(w, &mut h))?;
                    output = h.finish();
                }
            }
            Ok(())
        })?;
        return Ok(Produced::new(path, input, output).with_rows(rows));
    }
    let file = renderer.render(job)?;
    staging.write(&file)?;
    Ok(Produced::new(file.path, input, of_bytes(&file.bytes)))
}

/// Rebuild over an output folder that `cache` describes: a page whose inputs are as
/// recorded is not rendered, a file whose bytes are as recorded is not written; the rest
/// is staged in `update` (see [`crate::output::update`]).
pub fn update_site(
    renderer: &Renderer,
    jobs: &[Job],
    update: &Update,
    cache: &BuildCache,
    inputs: &Inputs,
    previous: Option<SearchState>,
) -> Result<Written, WriteError> {
    let out = update.target();
    // The geo and search indexes, each file kept or written as it is made. Unlike a clean
    // build, they run beside the pages and exports: after one edit the index is most of
    // the work and has long stretches on one core, which the exports fill.
    let searched = std::sync::Mutex::new(Vec::new());
    let searched_push = |p: Produced| searched.lock().unwrap_or_else(|p| p.into_inner()).push(p);
    // A file of the last build's index that still holds is kept as it is.
    let kept = std::sync::atomic::AtomicUsize::new(0);
    let keep = |path: &str| match cache.unchanged(path) {
        Some(e) => {
            kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            update.keep(path);
            searched_push(Produced::new(path, None, e.output).with_stamp(Some(e.stamp)));
            true
        }
        None => false,
    };
    let index = || {
        let t = Instant::now();
        let reuse = Reuse {
            hashes: inputs.institutions(),
            previous,
            keep: &keep,
        };
        let streamed = renderer.stream_indexes(
            &|file| {
                let path = file.path.clone();
                let (output, stamp) = keep_or_write(update, cache.unchanged(&path), file)?;
                searched_push(Produced::new(path, None, output).with_stamp(stamp));
                Ok(())
            },
            Some(reuse),
            &|| update.scratch(),
        );
        timing("search index", t);
        let kept = kept.load(std::sync::atomic::Ordering::Relaxed);
        timing_note(&format!(
            "search index: {kept} files kept from the last build"
        ));
        streamed
    };
    let profile = JobProfile::default();
    let one = |job: &Job| {
        let t = Instant::now();
        let p = update_one(renderer, job, update, cache, inputs, out);
        profile.add(job, t);
        p
    };
    // The data exports are long tasks: they start at once, each on its own thread, while
    // the other threads do the rest (in one parallel loop, two of them could queue up on
    // one thread at the end).
    let (exports, rest): (Vec<&Job>, Vec<&Job>) =
        jobs.iter().partition(|j| j.data_path().is_some());
    let pages = || {
        rayon::join(
            || {
                exports
                    .par_iter()
                    .with_max_len(1)
                    .map(|j| one(j))
                    .collect::<Result<Vec<_>, _>>()
            },
            || {
                rest.par_iter()
                    .map(|j| one(j))
                    .collect::<Result<Vec<_>, _>>()
            },
        )
    };
    let (indexed, (exported, others)) = rayon::join(index, pages);
    let search = indexed?;
    profile.print();
    let mut produced = searched.into_inner().unwrap_or_else(|p| p.into_inner());
    produced.extend(exported?);
    produced.extend(others?);
    Ok(Written { produced, search })
}

/// Keep a file whose bytes are as the cache recorded (`old`), else stage it; the hash of
/// its bytes, and the stamp of a kept file (as the cache checked it).
fn keep_or_write(
    update: &Update,
    old: Option<&crate::cache::Entry>,
    file: OutputFile,
) -> Result<(Fingerprint, Option<Stamp>), WriteError> {
    let output = of_bytes(&file.bytes);
    match old.filter(|e| e.output == output) {
        Some(e) => {
            update.keep(&file.path);
            Ok((output, Some(e.stamp)))
        }
        None => {
            update.write(&file)?;
            Ok((output, None))
        }
    }
}

/// One job of [`update_site`].
fn update_one(
    renderer: &Renderer,
    job: &Job,
    update: &Update,
    cache: &BuildCache,
    inputs: &Inputs,
    out: &Path,
) -> Result<Produced, WriteError> {
    let input = renderer.job_fingerprint(inputs, job);
    let path = renderer.job_path(job).ok_or_else(|| not_a_file(job))?;
    let old = cache.unchanged(&path);
    if let (Some(i), Some(e)) = (input, old)
        && e.input == Some(i)
    {
        update.keep(&path);
        return Ok(Produced::new(path, input, e.output).with_stamp(Some(e.stamp)));
    }
    let mut rows = Vec::new();
    let (output, stamp) = if job.data_path().is_some() {
        // The rows of records that did not change are copied from the previous file.
        let mut previous = old.and_then(|e| crate::cache::rows::old(out, &path, e));
        let mut output = 0;
        update.write_with(&path, |w, file| {
            if let Some(p) = previous.as_mut() {
                p.copy_into(file);
            }
            let reuse = previous.as_mut().map(|p| p as &mut dyn OldRows);
            let written = renderer.write_data_rows(job, inputs, reuse, w)?;
            (output, rows) = (written.hash, written.spans);
            Ok(())
        })?;
        match old.filter(|e| e.output == output) {
            Some(e) => {
                update.discard(&path)?;
                (output, Some(e.stamp))
            }
            None => {
                update.confirm(&path);
                (output, None)
            }
        }
    } else {
        let file = renderer.render(job)?;
        let old = old.filter(|_| file.path == path);
        keep_or_write(update, old, file)?
    };
    Ok(Produced::new(path, input, output)
        .with_rows(rows)
        .with_stamp(stamp))
}

fn not_a_file(job: &Job) -> crate::render::RenderError {
    crate::render::RenderError {
        what: format!("{job:?}"),
        message: "no output path".into(),
    }
}

/// Writes to a file and a hasher at once (data exports are hashed as they stream out).
struct Tee<'w, 'h>(&'w mut dyn std::io::Write, &'h mut Hasher);

impl std::io::Write for Tee<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf)?;
        std::io::Write::write_all(self.1, &buf[..n])?;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Every file of the site in memory, keyed by its output path (`/`-separated), for the
/// preview server and tests: the same jobs as [`write_site`], nothing written to disk.
pub fn render_to_memory(
    renderer: &Renderer,
    jobs: &[Job],
) -> Result<std::collections::HashMap<String, Vec<u8>>, WriteError> {
    jobs.par_iter()
        .map(|job| -> Result<(String, Vec<u8>), WriteError> {
            if let Some(path) = job.data_path() {
                let mut bytes = Vec::new();
                renderer.write_data(job, &mut bytes)?;
                return Ok((path.to_string(), bytes));
            }
            let file = renderer.render(job)?;
            Ok((file.path, file.bytes))
        })
        .collect()
}

pub use crate::timings::{note as timing_note, step as timing};
