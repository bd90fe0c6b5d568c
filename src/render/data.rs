//! Open data: every institution as JSON and as CSV (with a UTF-8 BOM for spreadsheets).
//! Unknown facts are `null` in the JSON and empty cells in the CSV.

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
    let mut ser = serde_json::Serializer::with_formatter(w, HtmlSafe);
    export.serialize(&mut ser).map_err(std::io::Error::other)
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
