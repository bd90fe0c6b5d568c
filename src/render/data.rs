//! Open data: every institution as JSON, as CSV (with a UTF-8 BOM for spreadsheets) and as
//! an .xlsx spreadsheet in the CSV's columns, which `tuoyu import` reads back.

use serde::Serialize;

use crate::model::enums::ZhEnum;
use crate::model::{Institution, Site};

#[derive(Serialize)]
struct Export<'a> {
    title: &'a str,
    city: &'a str,
    data_as_of: Option<String>,
    notice: Option<&'a str>,
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

const CSV_HEADER: &[&str] = &[
    "id",
    "名称",
    "区市",
    "街道",
    "地址",
    "已备案",
    "备案日期",
    "备案编号",
    "举办性质",
    "营利性质",
    "机构形式",
    "普惠",
    "状态",
    "示范级别",
    "示范年份",
    "托育点",
    "托位数",
    "最小月龄",
    "最大月龄",
    "服务类型",
    "收费",
    "电话",
    "服务时间",
    "纬度",
    "经度",
    "网址",
    "更新日期",
    "页面",
];

/// Write the CSV export to `w`, starting with a UTF-8 BOM so spreadsheets show Chinese.
pub fn write_csv(site: &Site, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    w.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(w);
    w.write_record(CSV_HEADER)?;
    for i in &site.institutions {
        w.write_record(row(site, i).iter().map(|c| guard(c)))?;
    }
    w.flush()
}

/// Columns written as numbers in the spreadsheet, so that they sort and sum.
const NUMERIC: &[&str] = &["示范年份", "托位数", "最小月龄", "最大月龄", "纬度", "经度"];

/// Write the spreadsheet export to `w`. Cells are typed strings, never formulas, so
/// the CSV's apostrophe guard is not needed; the sheet is built in constant-memory mode
/// (rows go to a temporary file) and only the zipped result is held in memory.
pub fn write_xlsx(site: &Site, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let err = std::io::Error::other;
    let mut book = Workbook::new();
    // The file records when it was made unless told: the data's date (or a fixed one)
    // keeps builds byte-identical.
    let made = site.config.data_as_of.unwrap_or(jiff::civil::date(2000, 1, 1));
    let when = ExcelDateTime::from_ymd(made.year() as u16, made.month() as u8, made.day() as u8)
        .map_err(err)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let sheet = book.add_worksheet_with_constant_memory().map_err(err)?;
    sheet.set_name("托育机构").map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, h) in CSV_HEADER.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
    }
    let numeric: Vec<bool> = CSV_HEADER.iter().map(|h| NUMERIC.contains(h)).collect();
    for (r, i) in site.institutions.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row(site, i).iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let number = numeric[c].then(|| value.parse::<f64>().ok()).flatten();
            match number {
                Some(n) => sheet.write_number(r, c as u16, n),
                None => sheet.write_string(r, c as u16, value),
            }
            .map_err(err)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    w.write_all(&bytes)
}

/// One institution's cells, as stored (the CSV guards them; the spreadsheet need not).
fn row(site: &Site, i: &Institution) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    let f = i.filed.as_ref();
    let d = i.demonstration.as_ref();
    vec![
        i.id.clone(),
        i.name.clone(),
        site.districts[i.district].name.clone(),
        o(&i.street),
        o(&i.address),
        yes(f.is_some()),
        f.map(|f| f.filed_on.to_string()).unwrap_or_default(),
        f.and_then(|f| f.filing_number.clone()).unwrap_or_default(),
        f.and_then(|f| f.ownership)
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        f.and_then(|f| f.profit)
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        f.and_then(|f| f.form)
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        yes(i.is_inclusive()),
        f.map(|f| f.status.as_str().to_string()).unwrap_or_default(),
        d.map(|d| d.level.as_str().to_string()).unwrap_or_default(),
        d.map(|d| d.year.to_string()).unwrap_or_default(),
        yes(i.care_site.is_some()),
        i.capacity.map(|c| c.to_string()).unwrap_or_default(),
        i.ages.map(|a| a.min_months.to_string()).unwrap_or_default(),
        i.ages.map(|a| a.max_months.to_string()).unwrap_or_default(),
        i.services
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        o(&i.fee),
        o(&i.phone),
        o(&i.hours),
        i.location.map(|l| l.lat.to_string()).unwrap_or_default(),
        i.location.map(|l| l.lng.to_string()).unwrap_or_default(),
        o(&i.website),
        i.updated.map(|d| d.to_string()).unwrap_or_default(),
        format!("{}institutions/{}.html", site.config.base_url, i.id),
    ]
}

/// Spreadsheets run cells that start with = + - @ as formulas; a leading apostrophe
/// keeps editors' text inert (CSV injection).
fn guard(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}
