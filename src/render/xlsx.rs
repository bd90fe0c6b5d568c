//! The open data as an .xlsx spreadsheet (the CSV's columns, which `tuoyu import` reads
//! back), written here rather than by a spreadsheet library.
//!
//! Why by hand: the sheet of 100,000 records is 127 MB of XML, and a library rewrote and
//! deflated all of it on every build (1.1–1.4 s of a one-record rebuild). Here the sheet's
//! records go in chunks of [`ROWS_PER_CHUNK`] rows, each deflated on its own (a fresh
//! compressor, ending on a sync flush), so that the chunks are independent pieces of one
//! deflate stream: a rebuild copies the compressed bytes of every chunk whose records did
//! not change from the previous file (found by key, as the JSON and CSV rows are, see
//! [`super::data::OldRows`]) and deflates only the rest; the file's CRC is combined from
//! the chunks' CRCs. Fresh chunks are made in parallel. The bytes are the same whichever
//! chunks were copied.
//!
//! Cells are typed strings (inline, never formulas, so the CSV's apostrophe guard is not
//! needed) or numbers (numeric columns, so they sort and sum); the header row is bold.

mod zip;

use std::io::{self, Write};

use rayon::prelude::*;

use super::columns::{COLUMNS, Column};
use super::data::{OldRows, Rows, Written};
use super::escape::xml_text;
use super::fingerprint::{Fingerprint, Hasher};
use crate::model::{Institution, Site};

/// Records per deflated chunk: a one-record edit deflates this many rows again.
pub const ROWS_PER_CHUNK: usize = 256;
/// Chunks made at once (in parallel), so that memory holds a window of compressed
/// chunks, never the whole sheet.
const WINDOW: usize = 64;
const SHEET: &str = "xl/worksheets/sheet1.xml";
/// Excel's limit on the characters of a cell; longer text is cut (the CSV has it whole).
const CELL_MAX: usize = 32_767;

/// Write the spreadsheet to `w`.
pub fn write_xlsx(site: &Site, w: &mut dyn Write) -> io::Result<()> {
    write_xlsx_rows(site, &[], None, w).map(drop)
}

/// [`write_xlsx`], copying the chunks of `old` whose keys match (`keys`: each record's
/// row key, see [`super::Renderer::row_keys`]); where each chunk went.
pub fn write_xlsx_rows(
    site: &Site,
    keys: &[Fingerprint],
    old: Option<&mut dyn OldRows>,
    w: &mut dyn Write,
) -> io::Result<Written> {
    write_chunked(site, keys, old, w, ROWS_PER_CHUNK)
}

/// A chunk as deflated: its bytes, and `meta` (CRC-32 of the XML, high half; its length, low).
struct Piece {
    bytes: Vec<u8>,
    meta: u64,
}

fn piece(xml: &[u8], last: bool) -> io::Result<Piece> {
    let len = u64::from(zip::small(xml.len() as u64)?);
    Ok(Piece {
        bytes: zip::deflate(xml, last)?,
        meta: (u64::from(crc32fast::hash(xml)) << 32) | len,
    })
}

/// The CRC and length of a sheet made of pieces, piece by piece.
#[derive(Default)]
struct Sum {
    crc: crc32fast::Hasher,
    len: u64,
}

impl Sum {
    fn add(&mut self, meta: u64) {
        let (crc, len) = ((meta >> 32) as u32, meta & 0xffff_ffff);
        self.crc
            .combine(&crc32fast::Hasher::new_with_initial_len(crc, len));
        self.len += len;
    }
}

pub(crate) fn write_chunked(
    site: &Site,
    keys: &[Fingerprint],
    old: Option<&mut dyn OldRows>,
    w: &mut dyn Write,
    per_chunk: usize,
) -> io::Result<Written> {
    let mut buf = io::BufWriter::with_capacity(1 << 16, w);
    let mut rows = Rows::new(&mut buf, old);
    let mut zip = zip::Zip::default();
    for (name, text) in parts(site) {
        let at = rows.w.n;
        zip.whole(&mut rows.w, at, name, text.as_bytes())?;
    }
    let at = rows.w.n;
    zip.begin_streamed(&mut rows.w, at, SHEET)?;
    let start = rows.w.n;
    let mut sum = Sum::default();
    let head = piece(sheet_head(site).as_bytes(), false)?;
    rows.w.write_all(&head.bytes)?;
    sum.add(head.meta);
    let chunks = site.institutions.len().div_ceil(per_chunk);
    for first in (0..chunks).step_by(WINDOW) {
        let window: Vec<usize> = (first..chunks.min(first + WINDOW)).collect();
        write_window(site, keys, per_chunk, &window, &mut rows, &mut sum)?;
    }
    rows.flush_run()?;
    let tail = piece(SHEET_TAIL.as_bytes(), false)?;
    rows.w.write_all(&tail.bytes)?;
    rows.w.write_all(&zip::FINAL_BLOCK)?;
    sum.add(tail.meta);
    let compressed = rows.w.n - start;
    zip.end_streamed(&mut rows.w, sum.crc.finalize(), compressed, sum.len)?;
    let at = rows.w.n;
    zip.finish(&mut rows.w, at)?;
    let written = rows.finish();
    buf.flush()?;
    Ok(written)
}

/// Write the chunks of `window`: copied from the old file where their keys are there,
/// else made (in parallel) and deflated.
fn write_window(
    site: &Site,
    keys: &[Fingerprint],
    per_chunk: usize,
    window: &[usize],
    rows: &mut Rows,
    sum: &mut Sum,
) -> io::Result<()> {
    let keyed: Vec<Option<Fingerprint>> = window
        .iter()
        .map(|&c| chunk_key(keys, site.institutions.len(), c, per_chunk))
        .collect();
    let fresh: Vec<bool> = keyed
        .iter()
        .map(|k| !k.is_some_and(|k| rows.has(k)))
        .collect();
    let mut made: Vec<Option<Piece>> = window
        .par_iter()
        .zip(&fresh)
        .map(|(&c, &fresh)| {
            fresh
                .then(|| piece(chunk_xml(site, c, per_chunk).as_bytes(), false))
                .transpose()
        })
        .collect::<io::Result<_>>()?;
    for (key, made) in keyed.into_iter().zip(made.iter_mut()) {
        let meta = rows.row_meta(key, |w| {
            let p = made
                .take()
                .ok_or_else(|| io::Error::other("xlsx chunk not made"))?;
            w.write_all(&p.bytes)?;
            Ok(p.meta)
        })?;
        sum.add(meta);
    }
    Ok(())
}

/// The key of chunk `c`: its place and its records' row keys (none without a key for
/// every record, then the chunk is always made afresh).
fn chunk_key(
    keys: &[Fingerprint],
    records: usize,
    c: usize,
    per_chunk: usize,
) -> Option<Fingerprint> {
    (keys.len() == records).then_some(())?;
    let mut h = Hasher::new();
    h.bytes(b"tuoyu xlsx chunk v1").debug(&(c, per_chunk));
    for k in keys.iter().skip(c * per_chunk).take(per_chunk) {
        h.bytes(&k.to_le_bytes());
    }
    Some(h.finish())
}

/// The column letters of column `c` (0 → A, 26 → AA).
fn column_name(c: usize) -> String {
    let mut name = Vec::new();
    let mut n = c + 1;
    while n > 0 {
        name.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

fn string_cell(out: &mut String, at: &str, style: &str, text: &str) {
    let text = match text.char_indices().nth(CELL_MAX) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let space = if text.trim() != text {
        " xml:space=\"preserve\""
    } else {
        ""
    };
    out.push_str(&format!(
        "<c r=\"{at}\"{style} t=\"inlineStr\"><is><t{space}>"
    ));
    xml_text(out, text);
    out.push_str("</t></is></c>");
}

/// What each column's cells need, worked out once per chunk: its letters and whether its
/// cells are numbers (the contract's type, looked up by field path).
struct Layout {
    letters: Vec<String>,
    numeric: Vec<bool>,
}

impl Layout {
    fn new() -> Self {
        Layout {
            letters: (0..COLUMNS.len()).map(column_name).collect(),
            numeric: COLUMNS.iter().map(Column::is_numeric).collect(),
        }
    }
}

fn record_row(out: &mut String, site: &Site, i: &Institution, r: usize, layout: &Layout) {
    out.push_str(&format!("<row r=\"{r}\">"));
    let cells = COLUMNS.iter().zip(&layout.letters).zip(&layout.numeric);
    for ((col, letter), &numeric) in cells {
        let value = (col.cell)(site, i);
        if value.is_empty() {
            continue;
        }
        match numeric.then(|| value.parse::<f64>().ok()).flatten() {
            Some(n) if n.is_finite() => {
                out.push_str(&format!("<c r=\"{letter}{r}\"><v>{n}</v></c>"))
            }
            _ => string_cell(out, &format!("{letter}{r}"), "", &value),
        }
    }
    out.push_str("</row>");
}

/// The rows of chunk `c` (the header row is row 1, record k is row k + 2).
fn chunk_xml(site: &Site, c: usize, per_chunk: usize) -> String {
    let layout = Layout::new();
    let mut out = String::with_capacity(per_chunk * 1536);
    for (k, i) in site
        .institutions
        .iter()
        .enumerate()
        .skip(c * per_chunk)
        .take(per_chunk)
    {
        record_row(&mut out, site, i, k + 2, &layout);
    }
    out
}

/// The sheet up to its first record: the dimension and the bold header row.
fn sheet_head(site: &Site) -> String {
    let last = column_name(COLUMNS.len().saturating_sub(1));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{MAIN}\" xmlns:r=\"{RELS}\"><dimension ref=\"A1:{last}{}\"/><sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><sheetData><row r=\"1\">",
        site.institutions.len() + 1
    );
    for (c, col) in COLUMNS.iter().enumerate() {
        string_cell(
            &mut out,
            &format!("{}1", column_name(c)),
            " s=\"1\"",
            col.header,
        );
    }
    out.push_str("</row>");
    out
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const SHEET_TAIL: &str = "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

/// The package's other parts, each small and written whole.
fn parts(site: &Site) -> Vec<(&'static str, String)> {
    // The file records when it was made: the data's date (or a fixed one) keeps builds
    // byte-identical.
    let made = site
        .config
        .data_as_of
        .unwrap_or(jiff::civil::date(2000, 1, 1));
    let core = include_str!("xlsx/core.xml").replace("{made}", &made.to_string());
    vec![
        (
            "[Content_Types].xml",
            include_str!("xlsx/content_types.xml").into(),
        ),
        ("_rels/.rels", include_str!("xlsx/rels.xml").into()),
        ("docProps/app.xml", include_str!("xlsx/app.xml").into()),
        ("docProps/core.xml", core),
        ("xl/workbook.xml", include_str!("xlsx/workbook.xml").into()),
        (
            "xl/_rels/workbook.xml.rels",
            include_str!("xlsx/workbook_rels.xml").into(),
        ),
        ("xl/styles.xml", include_str!("xlsx/styles.xml").into()),
        (
            "xl/theme/theme1.xml",
            include_str!("xlsx/theme1.xml").into(),
        ),
    ]
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
