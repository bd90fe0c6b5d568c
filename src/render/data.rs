//! Open data: every institution as JSON, as CSV (with a UTF-8 BOM for spreadsheets) and
//! as an .xlsx spreadsheet in the CSV's columns, which `tuoyu import` reads back.
//! Unknown facts are `null` in the JSON and empty cells in the CSV and spreadsheet.
//!
//! The JSON and CSV are written row by row, each row's place in the file noted
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
}

/// The rows of the previous file of an export, to copy instead of writing them again.
pub trait OldRows {
    /// Where the row with this key is in the old file: start and length.
    fn find(&self, key: Fingerprint) -> Option<(u64, u64)>;
    /// Copy `len` bytes from `start` of the old file to `w`.
    fn copy(&mut self, start: u64, len: u64, w: &mut dyn std::io::Write) -> std::io::Result<()>;
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
) -> std::io::Result<Vec<RowSpan>> {
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
    let spans = rows.spans;
    buf.flush()?;
    Ok(spans)
}

/// Writes rows, copying the runs of rows that the old file has (one copy per run of
/// rows that lie there one after another), and notes where each row went.
struct Rows<'w, 'o> {
    w: Counted<'w>,
    old: Option<&'o mut dyn OldRows>,
    /// Old bytes not yet copied: start and length.
    run: Option<(u64, u64)>,
    spans: Vec<RowSpan>,
}

impl<'w, 'o> Rows<'w, 'o> {
    fn new(w: &'w mut dyn std::io::Write, old: Option<&'o mut dyn OldRows>) -> Self {
        Rows {
            w: Counted { w, n: 0 },
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
        let at = self.w.n + self.run.map_or(0, |(_, len)| len);
        let found = key.and_then(|k| self.old.as_ref()?.find(k));
        let len = match found {
            Some((start, len)) => {
                self.run = match self.run {
                    Some((s, l)) if s + l == start => Some((s, l + len)),
                    _ => {
                        self.flush_run()?;
                        Some((start, len))
                    }
                };
                len
            }
            None => {
                self.flush_run()?;
                fresh(&mut self.w)?;
                self.w.n - at
            }
        };
        if let Some(key) = key {
            self.spans.push(RowSpan {
                key,
                start: at,
                len,
            });
        }
        Ok(())
    }

    fn flush_run(&mut self) -> std::io::Result<()> {
        if let (Some((start, len)), Some(old)) = (self.run.take(), self.old.as_mut()) {
            old.copy(start, len, &mut self.w)?;
        }
        Ok(())
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

/// A writer that counts the bytes through it.
struct Counted<'w> {
    w: &'w mut dyn std::io::Write,
    n: u64,
}

impl std::io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.w.write(buf)?;
        self.n += n as u64;
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
) -> std::io::Result<Vec<RowSpan>> {
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
    let spans = rows.spans;
    buf.flush()?;
    Ok(spans)
}

impl Renderer<'_> {
    /// The key of each institution's row of the JSON or CSV export (by institution
    /// index): its record's hash and what else a row shows (district id and name, the
    /// base URL), the export and whether it is the first row (which has no comma).
    pub fn row_keys(&self, inputs: &Inputs, job: &Job) -> Vec<Fingerprint> {
        let site = self.site;
        (0..site.institutions.len())
            .map(|k| {
                let i = &site.institutions[k];
                let d = site.districts.get(i.district);
                let mut h = Hasher::new();
                h.bytes(b"tuoyu export row v1")
                    .debug(job)
                    .debug(&(k == 0))
                    .debug(&inputs.institution(k))
                    .json(&d.map(|d| (&d.id, &d.name)))
                    .json(&site.config.base_url);
                h.finish()
            })
            .collect()
    }

    /// [`Renderer::write_data`], reusing the rows of the previous file (`old`) where their
    /// keys match: where each row went (none for the spreadsheet, which is not in rows).
    pub fn write_data_rows(
        &self,
        job: &Job,
        inputs: &Inputs,
        old: Option<&mut dyn OldRows>,
        w: &mut dyn std::io::Write,
    ) -> std::io::Result<Vec<RowSpan>> {
        match job {
            Job::Json => write_json_rows(self.site, &self.row_keys(inputs, job), old, w),
            Job::Csv => write_csv_rows(self.site, &self.row_keys(inputs, job), old, w),
            _ => self.write_data(job, w).map(|()| Vec::new()),
        }
    }
}

/// Write the spreadsheet export to `w`. Cells are typed strings, never formulas, so the
/// CSV's apostrophe guard is not needed; numeric columns are numbers so they sort and
/// sum. The sheet is built in constant-memory mode (rows go to a temporary file) and only
/// the zipped result is held in memory.
pub fn write_xlsx(site: &Site, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let err = std::io::Error::other;
    let mut book = Workbook::new();
    // The file records when it was made unless told: the data's date (or a fixed one)
    // keeps builds byte-identical.
    let made = site
        .config
        .data_as_of
        .unwrap_or(jiff::civil::date(2000, 1, 1));
    let when = ExcelDateTime::from_ymd(made.year() as u16, made.month() as u8, made.day() as u8)
        .map_err(err)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&when));
    // zip level 1, not 6: at 100,000 records level 6 took ~4 s of CPU, the most of any
    // single file; level 1 deflates several times faster for a somewhat larger file.
    book.set_zip_compression_level(1);
    let sheet = book.add_worksheet_with_constant_memory().map_err(err)?;
    sheet.set_name("托育机构").map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, col.header, &bold)
            .map_err(err)?;
    }
    let numeric: Vec<bool> = COLUMNS
        .iter()
        .map(|c| matches!(c.describe().3, "integer" | "number"))
        .collect();
    for (r, i) in site.institutions.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, col) in COLUMNS.iter().enumerate() {
            let value = (col.cell)(site, i);
            if value.is_empty() {
                continue;
            }
            let number = numeric[c].then(|| value.parse::<f64>().ok()).flatten();
            match number {
                Some(n) => sheet.write_number(r, c as u16, n),
                None => sheet.write_string(r, c as u16, &value),
            }
            .map_err(err)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    w.write_all(&bytes)
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
