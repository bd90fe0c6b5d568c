//! The first step of a build: load and validate a content folder, parsing again only the
//! record files that changed when an earlier check is remembered (in memory by the
//! preview, [`RecordMemo`]; on disk beside the output by `tuoyu build`, [`ParsedCache`]).

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use super::timing;
use crate::cache::Stamp;
use crate::cache::parsed::ParsedCache;
use crate::cache::records::RecordMemo;
use crate::diagnostics::Diagnostics;
use crate::load::{self, LoadError};
use crate::model::{self, FileRecords, Kind, Site};
use crate::render::fingerprint::{Fingerprint, Hasher, of_bytes};

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
    check_on(content, today())
}

/// Today's date for the editors: their lists are in China, so China Standard Time (UTC+8).
pub fn today() -> jiff::civil::Date {
    jiff::tz::offset(8)
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// [`check`] as of `today` (filing dates after it are errors).
pub fn check_on(content: &Path, today: jiff::civil::Date) -> Result<Checked, LoadError> {
    check_with(content, today, None)
}

/// [`check_on`] reusing the records of files parsed by an earlier check whose bytes did
/// not change (and remembering this check's files in `memo` for the next one).
pub fn check_with(
    content: &Path,
    today: jiff::civil::Date,
    memo: Option<&mut RecordMemo>,
) -> Result<Checked, LoadError> {
    match memo {
        Some(m) => check_reusing(content, today, Reuse::Memo(m)),
        None => check_reusing(content, today, Reuse::Nothing),
    }
}

/// [`check_on`] reusing the records that the last build into the same output folder
/// parsed ([`ParsedCache`]), and saving this check's for the next build (a cache that
/// cannot be saved only costs the next build its reuse).
pub fn check_cached(
    content: &Path,
    today: jiff::civil::Date,
    cache: &ParsedCache,
) -> Result<Checked, LoadError> {
    check_reusing(content, today, Reuse::Disk(cache))
}

/// Where already parsed record files come from.
enum Reuse<'m> {
    Nothing,
    Memo(&'m mut RecordMemo),
    Disk(&'m ParsedCache),
}

/// Each file's records, the hash of its bytes and its stamp (when reusing), and whether
/// they were reused.
type Read = (FileRecords, Option<Fingerprint>, Option<Stamp>, bool);

fn check_reusing(
    content: &Path,
    today: jiff::civil::Date,
    mut reuse: Reuse,
) -> Result<Checked, LoadError> {
    let t = Instant::now();
    let read_at = crate::cache::records::now_ns();
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
    let mut context = RecordMemo::context(&files.root_label, districts, today);
    if let Reuse::Disk(_) = reuse {
        // On disk, the settings files' very bytes too: nothing read before an edit of
        // either survives it, whatever the edit.
        let text = |d: &Option<load::Doc>| d.as_ref().map(|d| d.text.to_string());
        context = Hasher::new()
            .bytes(&context.to_le_bytes())
            .json(&(text(&site_doc), text(&districts_doc)))
            .finish();
    }
    let read = |f: &load::FileRef| -> Result<Read, LoadError> {
        let Some(kind) = Kind::of_folder(f.top_folder()) else {
            return Ok((model::record::stray_file(f), None, None, false));
        };
        let (hash, stamp) = match &reuse {
            Reuse::Nothing => (None, None),
            Reuse::Memo(m) => {
                let by_stamp = |s| {
                    let (h, known) = m.get_by_stamp(context, &f.rel, s)?;
                    Some((h, known.clone()))
                };
                let by_hash = |h| m.get(context, &f.rel, h).cloned();
                match recall(&files.dir, &f.rel, by_stamp, by_hash) {
                    Ok(known) => return Ok(known),
                    Err(seen) => seen,
                }
            }
            Reuse::Disk(c) => {
                let by_stamp = |s| c.by_stamp(context, &f.rel, s);
                let by_hash = |h| c.by_hash(context, &f.rel, h);
                match recall(&files.dir, &f.rel, by_stamp, by_hash) {
                    Ok(known) => {
                        // Noted as seen, so that the next build knows it too.
                        if let Some(h) = known.1 {
                            c.note(context, &f.rel, h, known.2, None);
                        }
                        return Ok(known);
                    }
                    Err(seen) => seen,
                }
            }
        };
        let records = match load::read_yaml(&files, f)? {
            Ok(doc) => model::record::read_doc(kind, &doc, districts, today),
            Err(d) => FileRecords {
                diags: vec![d],
                ..FileRecords::default()
            },
        };
        if let (Reuse::Disk(c), Some(h)) = (&reuse, hash) {
            c.note(context, &f.rel, h, stamp, Some(&records));
        }
        Ok((records, hash, stamp, false))
    };
    let read_files: Vec<Read> = files
        .records
        .par_iter()
        .map(read)
        .collect::<Result<_, _>>()?;
    let parsed = read_files.iter().filter(|(_, _, _, hit)| !hit).count();
    super::timing_note(&format!(
        "{parsed} of {} record files parsed",
        read_files.len()
    ));
    match &mut reuse {
        Reuse::Memo(m) => remember(m, context, read_at, &files.records, &read_files),
        // The cache only speeds up the next build: one that cannot be saved changes nothing.
        Reuse::Disk(c) => drop(c.save(context, read_at)),
        Reuse::Nothing => {}
    }
    let per_file: Vec<(String, FileRecords)> = files
        .records
        .iter()
        .zip(read_files)
        .map(|(f, (r, _, _, _))| (f.path.clone(), r))
        .collect();
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

/// What an earlier check knows of file `rel` (`by_stamp`, else `by_hash` of its bytes), or
/// the hash and stamp of the file as it is now, to parse it.
fn recall(
    dir: &Path,
    rel: &str,
    by_stamp: impl FnOnce(Stamp) -> Option<(Fingerprint, FileRecords)>,
    by_hash: impl FnOnce(Fingerprint) -> Option<FileRecords>,
) -> Result<Read, (Option<Fingerprint>, Option<Stamp>)> {
    let full = dir.join(rel);
    // The stamp before the bytes: a write in between then changes it.
    let stamp = Stamp::of(&full);
    if let Some((h, known)) = stamp.and_then(by_stamp) {
        return Ok((known, Some(h), stamp, true));
    }
    let hash = std::fs::read(&full).map(|b| of_bytes(&b)).ok();
    if let Some(known) = hash.and_then(by_hash) {
        return Ok((known, hash, stamp, true));
    }
    Err((hash, stamp))
}

/// Put this check's files into the memo: known ones move over from the old memo; only
/// new ones are copied.
fn remember(
    m: &mut RecordMemo,
    context: Fingerprint,
    read_at: u128,
    files: &[load::FileRef],
    read_files: &[Read],
) {
    let mut old = m.take_files();
    let kept = files
        .iter()
        .zip(read_files)
        .filter_map(|(f, (r, h, stamp, hit))| {
            let entry = match hit {
                true => old.remove(&f.rel).map(|(h, _, r)| (h, *stamp, r))?,
                false => ((*h)?, *stamp, r.clone()),
            };
            Some((f.rel.clone(), entry))
        });
    m.replace(context, read_at, kept.collect());
}
