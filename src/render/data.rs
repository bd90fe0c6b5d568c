//! Open data: every institution as JSON and as CSV (with a UTF-8 BOM for spreadsheets);
//! the .xlsx in the CSV's columns is [`super::xlsx`]. Unknown facts are `null` in the JSON
//! and empty cells in the CSV and spreadsheet.
//!
//! The exports are written row by row (the spreadsheet chunk by chunk), each row's place in the file noted
//! ([`RowSpan`]), so that a rebuild after one record edit copies the unchanged rows from the
//! previous file ([`OldRows`]) instead of serialising 100,000 records again: the bytes are
//! the same either way.

use std::io::Write as _;

use serde::Serialize;

use super::columns::{COLUMNS, is_text};
use super::fingerprint::{Fingerprint, Hasher, Inputs};
use super::{Job, Renderer};
use crate::model::{Institution, OfficialTotals, Site};

/// One row of an export as written: the key of everything it shows ([`Renderer::row_keys`]),
/// and where its bytes are in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpan {
    pub key: Fingerprint,
    pub start: u64,
    pub len: u64,
    /// What else a copy needs to know of the row (the spreadsheet's chunks: CRC and
    /// length of their XML); 0 for the JSON and CSV.
    pub meta: u64,
}

/// The rows of the previous file of an export, to copy instead of writing them again.
pub trait OldRows {
    /// Where the row with this key is in the old file, and its meta.
    fn find(&self, key: Fingerprint) -> Option<RowSpan>;
    /// Copy `len` bytes from `start` of the old file to the end of the new one, whose
    /// writer `w` has been flushed: through `w`, or (true) straight into the file behind it.
    fn copy(&mut self, start: u64, len: u64, w: &mut dyn std::io::Write) -> std::io::Result<bool>;
}

/// What an export's rows were: where each went, and the hash of the file's content (see
/// [`Counted`]).
pub struct Written {
    pub spans: Vec<RowSpan>,
    pub hash: Fingerprint,
}

/// The head of the JSON export: every field but the records, which follow it.
#[derive(Serialize)]
struct Head<'a> {
    title: &'a str,
    city: &'a str,
    data_as_of: Option<String>,
    notice: Option<&'a str>,
    /// The city's published figures, so readers can see what share the list holds.
    official_totals: Option<&'a OfficialTotals>,
    count: usize,
}

#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    inst: &'a Institution,
    district_id: &'a str,
    district_name: &'a str,
    url: String,
}

fn record<'a>(site: &'a Site, i: &'a Institution) -> Record<'a> {
    let d = &site.districts[i.district];
    Record {
        inst: i,
        district_id: &d.id,
        district_name: &d.name,
        url: format!("{}institutions/{}.html", site.config.base_url, i.id),
    }
}

/// Write the JSON export to `w` (streamed: 100,000 records are ~120 MB).
pub fn write_json(site: &Site, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_json_rows(site, &[], None, w).map(drop)
}

/// [`write_json`], row by row: a row whose key (`keys`, by institution; none: every row is
/// written) `old` has is copied from there. Where each row went.
pub fn write_json_rows(
    site: &Site,
    keys: &[Fingerprint],
    old: Option<&mut dyn OldRows>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<Written> {
    let head = Head {
        title: &site.config.title,
        city: &site.config.city,
        data_as_of: site.config.data_as_of.map(|d| d.to_string()),
        notice: site.config.notice.as_deref(),
        official_totals: site.config.official_totals.as_ref(),
        count: site.institutions.len(),
    };
    // serde_json writes every key, quote and comma on its own: buffered here, `w` (the
    // file and the build's hasher, behind a `dyn`) gets 64 kB at a time.
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, w);
    let mut head_bytes = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut head_bytes, HtmlSafe);
    head.serialize(&mut ser).map_err(std::io::Error::other)?;
    // `{…}` → `{…,"institutions":[` + rows + `]}`: what serialising the whole export as
    // one struct with `institutions` last gives.
    head_bytes.pop();
    head_bytes.extend_from_slice(b",\"institutions\":[");
    let mut rows = Rows::new(&mut buf, old);
    rows.w.write_all(&head_bytes)?;
    for (k, i) in site.institutions.iter().enumerate() {
        rows.row(keys.get(k).copied(), |w| {
            // Each row but the first starts with its comma, so rows copy as they are.
            if k > 0 {
                w.write_all(b",")?;
            }
            let mut ser = serde_json::Serializer::with_formatter(w, HtmlSafe);
            record(site, i)
                .serialize(&mut ser)
                .map_err(std::io::Error::other)
        })?;
    }
    rows.flush_run()?;
    rows.w.write_all(b"]}")?;
    let written = rows.finish();
    buf.flush()?;
    Ok(written)
}

/// Writes rows, copying the runs of rows that the old file has (one copy per run of
/// rows that lie there one after another), and notes where each row went.
pub(crate) struct Rows<'w, 'o> {
    pub(crate) w: Counted<'w>,
    old: Option<&'o mut dyn OldRows>,
    /// Old bytes not yet copied: start and length.
    run: Option<(u64, u64)>,
    pub(crate) spans: Vec<RowSpan>,
}

impl<'w, 'o> Rows<'w, 'o> {
    pub(crate) fn new(w: &'w mut dyn std::io::Write, old: Option<&'o mut dyn OldRows>) -> Self {
        Rows {
            w: Counted {
                w,
                n: 0,
                hash: Hasher::new(),
                hashing: true,
            },
            old,
            run: None,
            spans: Vec::new(),
        }
    }

    fn row(
        &mut self,
        key: Option<Fingerprint>,
        fresh: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.row_meta(key, |w| fresh(w).map(|()| 0)).map(drop)
    }

    /// The old file has the row with this key.
    pub(crate) fn has(&self, key: Fingerprint) -> bool {
        self.old.as_ref().is_some_and(|o| o.find(key).is_some())
    }

    /// Copy the row with this key from the old file, or write it with `fresh` (which
    /// returns its meta); the row's meta either way. A row with a key is hashed by its key.
    pub(crate) fn row_meta(
        &mut self,
        key: Option<Fingerprint>,
        fresh: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<u64>,
    ) -> std::io::Result<u64> {
        let at = self.w.n + self.run.map_or(0, |(_, len)| len);
        let found = key.and_then(|k| self.old.as_ref()?.find(k));
        let (len, meta) = match found {
            Some(old) => {
                self.run = match self.run {
                    Some((s, l)) if s + l == old.start => Some((s, l + old.len)),
                    _ => {
                        self.flush_run()?;
                        Some((old.start, old.len))
                    }
                };
                (old.len, old.meta)
            }
            None => {
                self.flush_run()?;
                self.w.hashing = key.is_none();
                let meta = fresh(&mut self.w);
                self.w.hashing = true;
                let meta = meta?;
                (self.w.n - at, meta)
            }
        };
        if let Some(key) = key {
            self.w
                .hash
                .hash(key)
                .hash(u128::from(len))
                .hash(u128::from(meta));
            self.spans.push(RowSpan {
                key,
                start: at,
                len,
                meta,
            });
        }
        Ok(meta)
    }

    pub(crate) fn flush_run(&mut self) -> std::io::Result<()> {
        if let (Some((start, len)), Some(old)) = (self.run.take(), self.old.as_mut()) {
            // Unhashed: the rows' keys are.
            self.w.hashing = false;
            self.w.flush()?;
            let past = old.copy(start, len, &mut self.w);
            self.w.hashing = true;
            if past? {
                self.w.n += len;
            }
        }
        Ok(())
    }

    /// Where each row went, and the content's hash.
    pub(crate) fn finish(self) -> Written {
        Written {
            hash: self.w.hash.finish(),
            spans: self.spans,
        }
    }
}

/// A buffer that a CSV writer fills and its owner empties.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A writer that counts the bytes through it, and hashes the export's content: its bytes
/// outside the rows and, for each row, its key (which covers all the row shows), length and
/// meta. A row copied from the old file is then never read back to be hashed: the kernel
/// copies it file to file (at 100,000 records reading and writing the 180 MB of the
/// exports was ~0.3 s of CPU of every rebuild).
pub(crate) struct Counted<'w> {
    w: &'w mut dyn std::io::Write,
    pub(crate) n: u64,
    hash: Hasher,
    hashing: bool,
}

impl std::io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.w.write(buf)?;
        self.n += n as u64;
        if self.hashing {
            std::io::Write::write_all(&mut self.hash, &buf[..n])?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Compact JSON with `<`, `>` and `&` written as `\u003c` etc.: lossless for JSON readers,
/// inert if the file is ever shown as HTML; escaped while writing, so the export is never
/// copied.
struct HtmlSafe;

impl serde_json::ser::Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(['<', '>', '&']) {
            w.write_all(&rest.as_bytes()[..i])?;
            let code = match rest.as_bytes()[i] {
                b'<' => "\\u003c",
                b'>' => "\\u003e",
                _ => "\\u0026",
            };
            w.write_all(code.as_bytes())?;
            rest = &rest[i + 1..];
        }
        w.write_all(rest.as_bytes())
    }
}

/// Write the CSV export to `w`, starting with a UTF-8 BOM so spreadsheets show Chinese.
pub fn write_csv(site: &Site, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_csv_rows(site, &[], None, w).map(drop)
}

/// [`write_csv`] row by row, as [`write_json_rows`].
pub fn write_csv_rows(
    site: &Site,
    keys: &[Fingerprint],
    old: Option<&mut dyn OldRows>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<Written> {
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, w);
    // One CSV writer for every row, into a buffer that each row then leaves.
    let out = Shared::default();
    let mut csv = csv::Writer::from_writer(out.clone());
    let take = |csv: &mut csv::Writer<Shared>, w: &mut dyn std::io::Write| {
        csv.flush()?;
        let mut bytes = out.0.borrow_mut();
        w.write_all(&bytes)?;
        bytes.clear();
        std::io::Result::Ok(())
    };
    let mut rows = Rows::new(&mut buf, old);
    rows.w.write_all(b"\xEF\xBB\xBF")?;
    csv.write_record(COLUMNS.iter().map(|c| c.header))?;
    take(&mut csv, &mut rows.w)?;
    for (k, i) in site.institutions.iter().enumerate() {
        rows.row(keys.get(k).copied(), |w| {
            csv.write_record(row(site, i))?;
            take(&mut csv, w)
        })?;
    }
    rows.flush_run()?;
    let written = rows.finish();
    buf.flush()?;
    Ok(written)
}

impl Renderer<'_> {
    /// The key of each institution's row of an export (by institution
    /// index): its record's hash and what else a row shows (district id and name, the
    /// base URL), the export and whether it is the first row (which has no comma).
    pub fn row_keys(&self, inputs: &Inputs, job: &Job) -> Vec<Fingerprint> {
        use rayon::prelude::*;
        let site = self.site;
        // What every row shares is hashed once and each row's hasher starts from it.
        let mut shared = Hasher::new();
        shared
            .bytes(b"tuoyu export row v2")
            .debug(job)
            .json(&site.config.base_url);
        let districts: Vec<Fingerprint> = (site.districts.iter())
            .map(|d| Hasher::new().json(&(&d.id, &d.name)).finish())
            .collect();
        (0..site.institutions.len())
            .into_par_iter()
            .map(|k| {
                let district = districts.get(site.institutions[k].district);
                let mut h = shared.clone();
                let known = (inputs.institution(k).is_some(), district.is_some());
                h.bytes(&[u8::from(k == 0), u8::from(known.0), u8::from(known.1)])
                    .hash(inputs.institution(k).unwrap_or_default())
                    .hash(district.copied().unwrap_or_default());
                h.finish()
            })
            .collect()
    }

    /// [`Renderer::write_data`], reusing the rows of the previous file (`old`) where their
    /// keys match: where each row (the spreadsheet: each chunk of rows) went.
    pub fn write_data_rows(
        &self,
        job: &Job,
        inputs: &Inputs,
        old: Option<&mut dyn OldRows>,
        w: &mut dyn std::io::Write,
    ) -> std::io::Result<Written> {
        let keys = || self.row_keys(inputs, job);
        match job {
            Job::Json => write_json_rows(self.site, &keys(), old, w),
            Job::Csv => write_csv_rows(self.site, &keys(), old, w),
            Job::Xlsx => super::xlsx::write_xlsx_rows(self.site, &keys(), old, w),
            _ => Err(super::not_an_export(job)),
        }
    }
}

fn row(site: &Site, i: &Institution) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| {
            let cell = (c.cell)(site, i);
            if is_text(c) { guard(&cell) } else { cell }
        })
        .collect()
}

/// Spreadsheets run cells that start with = + - @ as formulas; a leading apostrophe
/// keeps editors' text inert (CSV injection).
pub(crate) fn guard(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}
