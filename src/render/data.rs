//! Open data: every institution as JSON, as CSV (with a UTF-8 BOM for spreadsheets) and
//! as an .xlsx spreadsheet in the CSV's columns, which `tuoyu import` reads back.
//! Unknown facts are `null` in the JSON and empty cells in the CSV and spreadsheet.

use std::io::Write as _;

use serde::Serialize;

use super::columns::{COLUMNS, is_text};
use crate::model::{Institution, OfficialTotals, Site};

#[derive(Serialize)]
struct Export<'a> {
    title: &'a str,
    city: &'a str,
    data_as_of: Option<String>,
    notice: Option<&'a str>,
    /// The city's published figures, so readers can see what share the list holds.
    official_totals: Option<&'a OfficialTotals>,
    count: usize,
    institutions: Vec<Record<'a>>,
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
    let export = Export {
        title: &site.config.title,
        city: &site.config.city,
        data_as_of: site.config.data_as_of.map(|d| d.to_string()),
        notice: site.config.notice.as_deref(),
        official_totals: site.config.official_totals.as_ref(),
        count: site.institutions.len(),
        institutions: site.institutions.iter().map(|i| record(site, i)).collect(),
    };
    // serde_json writes every key, quote and comma on its own: buffered here, `w` (the
    // file and the build's hasher, behind a `dyn`) gets 64 kB at a time.
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, w);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, HtmlSafe);
    export.serialize(&mut ser).map_err(std::io::Error::other)?;
    buf.flush()
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
    w.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(w);
    w.write_record(COLUMNS.iter().map(|c| c.header))?;
    for i in &site.institutions {
        w.write_record(row(site, i))?;
    }
    w.flush()
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
