//! Cell values as officials write them, parsed into record values: dates in four
//! spellings or as date cells, counts such as `30个`, phones with spaces, 是/否,
//! districts by id, name or alias, 收托月龄 such as `6-36个月`.
//!
//! A cell that cannot be read gives a [`Problem`]: a message saying what would be right.

use jiff::civil::Date;

use super::fields::FieldType;
use super::sheet::CellValue;
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::import as m;
use crate::model::enums::{Service, ZhEnum};

/// One imported value, ready to be written as YAML.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Str(String),
    Int(i64),
    Bool(bool),
    Date(Date),
    List(Vec<String>),
    Ages(u8, u8),
    /// One coordinate (纬度 or 经度), before the two are joined into a location.
    Num(f64),
    Location(f64, f64),
}

impl FieldValue {
    /// The value as compared with what a record holds, and as shown in change reports.
    pub fn canon(&self) -> String {
        match self {
            FieldValue::Str(s) => s.clone(),
            FieldValue::Int(i) => i.to_string(),
            FieldValue::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            FieldValue::Date(d) => d.to_string(),
            FieldValue::List(l) => l.join("、"),
            FieldValue::Ages(a, b) => format!("{a}–{b} 个月"),
            FieldValue::Num(n) => n.to_string(),
            FieldValue::Location(lat, lng) => format!("{lat}, {lng}"),
        }
    }
}

/// A cell that cannot be read: what is wrong and what would be right.
pub type Problem = Text;

/// A district as districts.yaml names it.
#[derive(Debug, Clone, Default)]
pub struct DistrictName {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// Resolve a district cell to its id: the id, the name, an alias, or the name without
/// its 区/市/县 ending (`城阳` for 城阳区).
pub fn district(s: &str, districts: &[DistrictName]) -> Result<String, Problem> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let short = |n: &str| n.trim_end_matches(['区', '市', '县']).to_string();
    let found = districts
        .iter()
        .find(|d| d.id == s || d.name == s || d.aliases.contains(&s))
        .or_else(|| {
            let want = short(&s);
            districts
                .iter()
                .find(|d| !want.is_empty() && short(&d.name) == want)
        });
    match found {
        Some(d) => Ok(d.id.clone()),
        None => {
            let names: Vec<&str> = districts.iter().map(|d| d.name.as_str()).collect();
            Err(Text::new(&m::BAD_DISTRICT)
                .arg("value", s)
                .arg("allowed", names.join("、")))
        }
    }
}

/// Parse one non-empty cell for a field of type `ty` (not `District`).
pub fn parse(ty: FieldType, cell: &CellValue) -> Result<FieldValue, Problem> {
    let text = cell.as_text();
    match ty {
        FieldType::Date => date(cell).map(FieldValue::Date),
        FieldType::Count | FieldType::AgesMin | FieldType::AgesMax => {
            count(cell).map(FieldValue::Int)
        }
        FieldType::Year => year(&text).map(FieldValue::Int),
        FieldType::Phone => Ok(FieldValue::Str(phone(&text))),
        FieldType::YesNo => yes_no(&text).map(FieldValue::Bool),
        FieldType::Ages => ages(&text).map(|(a, b)| FieldValue::Ages(a, b)),
        FieldType::Services => services(&text).map(FieldValue::List),
        FieldType::Choice(values) => choice(values, &text).map(FieldValue::Str),
        FieldType::Id => id(&text).map(FieldValue::Str),
        FieldType::CreditCode => credit_code(&text).map(FieldValue::Str),
        FieldType::Lat | FieldType::Lng => number(cell).map(FieldValue::Num),
        FieldType::TextList => Ok(FieldValue::List(text_list(&text))),
        FieldType::Text | FieldType::District | FieldType::Unsupported => {
            Ok(FieldValue::Str(collapse_spaces(&text)))
        }
    }
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn id(s: &str) -> Result<String, Problem> {
    let ok = s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(Text::new(&m::BAD_ID).arg("value", s))
    }
}

/// Spreadsheet serial number 1 is 1900-01-01 with Lotus's phantom 1900-02-29, so serials
/// from 61 on count from 1899-12-30.
fn serial_date(n: f64) -> Option<Date> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    let epoch = Date::new(1899, 12, 30).ok()?;
    epoch
        .checked_add(jiff::Span::new().days(n.floor() as i64))
        .ok()
}

/// A date cell, or text as 2021-08-16, 2021/8/16, 2021年8月16日, 2021.8.16 or 20210816.
pub fn date(cell: &CellValue) -> Result<Date, Problem> {
    let bad = |v: &str| Text::new(&m::BAD_DATE).arg("value", v);
    match cell {
        CellValue::Date(n) => serial_date(*n).ok_or_else(|| bad(&cell.as_text())),
        // A number in the range of recent serials is a date cell that lost its format.
        CellValue::Number(n) if (20_000.0..80_000.0).contains(n) => {
            serial_date(*n).ok_or_else(|| bad(&cell.as_text()))
        }
        _ => {
            let text = cell.as_text();
            date_text(&text).ok_or_else(|| bad(&text))
        }
    }
}

fn date_text(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches('日');
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '－', '／', '．'])
        .map(str::trim)
        .collect();
    let nums: Vec<i64> = match parts.as_slice() {
        [one] if one.len() == 8 => {
            let (y, rest) = one.split_at(4);
            let (mo, d) = rest.split_at(2);
            vec![y.parse().ok()?, mo.parse().ok()?, d.parse().ok()?]
        }
        [y, mo, d] => vec![y.parse().ok()?, mo.parse().ok()?, d.parse().ok()?],
        _ => return None,
    };
    let (y, mo, d) = (nums[0], nums[1], nums[2]);
    if !(1900..=2200).contains(&y) {
        return None;
    }
    Date::new(y as i16, i8::try_from(mo).ok()?, i8::try_from(d).ok()?).ok()
}

/// 30, "30", 30个, 30张, 30 人: a whole number ≥ 0.
pub fn count(cell: &CellValue) -> Result<i64, Problem> {
    let text = cell.as_text();
    let bad = || Text::new(&m::BAD_COUNT).arg("value", text.clone());
    if let CellValue::Number(n) = cell {
        return (n.fract() == 0.0 && *n >= 0.0 && *n < 1e9)
            .then_some(*n as i64)
            .ok_or_else(bad);
    }
    let digits = text
        .trim()
        .trim_end_matches(['个', '张', '人', '名', '位', '席'])
        .trim();
    digits.parse::<u32>().map(i64::from).map_err(|_| bad())
}

fn year(s: &str) -> Result<i64, Problem> {
    let t = s
        .trim()
        .trim_end_matches("年度")
        .trim_end_matches('年')
        .trim();
    match t.parse::<i64>() {
        Ok(y) if (1990..=2200).contains(&y) => Ok(y),
        _ => Err(Text::new(&m::BAD_YEAR).arg("value", s)),
    }
}

/// Full-width digits and dashes folded, spaces dropped, except that a space after an
/// area code becomes a dash: `0532 8888 6666` → `0532-88886666`, `139 0000 0000` →
/// `13900000000`.
pub fn phone(s: &str) -> String {
    let folded: String = s.chars().map(fold_phone_char).collect();
    let parts: Vec<&str> = folded.split_whitespace().collect();
    match parts.as_slice() {
        [area, rest @ ..]
            if !rest.is_empty()
                && area.starts_with('0')
                && (3..=4).contains(&area.len())
                && area.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{area}-{}", rest.concat())
        }
        _ => parts.concat(),
    }
}

fn fold_phone_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '－' | '—' | '–' => '-',
        c => c,
    }
}

pub fn yes_no(s: &str) -> Result<bool, Problem> {
    match s.trim() {
        "是" | "有" | "√" | "✓" | "Y" | "y" | "yes" | "true" | "TRUE" | "普惠" | "普惠性" => {
            Ok(true)
        }
        "否" | "无" | "×" | "N" | "n" | "no" | "false" | "FALSE" | "非普惠" | "非普惠性" => {
            Ok(false)
        }
        other => Err(Text::new(&m::BAD_YES_NO).arg("value", other)),
    }
}

/// `6-36个月`, `6～36月龄`, `0-3岁`, `1至3周岁`.
fn ages(s: &str) -> Result<(u8, u8), Problem> {
    let bad = || Text::new(&m::BAD_AGES).arg("value", s);
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let years = t.contains('岁');
    let t = t.replace(['～', '~', '至', '到', '—', '–', '－'], "-");
    let nums: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let [a, b] = nums[..] else { return Err(bad()) };
    let (a, b) = if years { (a * 12, b * 12) } else { (a, b) };
    if a <= b && b <= 36 {
        Ok((a as u8, b as u8))
    } else {
        Err(bad())
    }
}

fn services(s: &str) -> Result<Vec<String>, Problem> {
    let mut out = Vec::new();
    for part in s
        .split(['、', ',', '，', '/', '／', ';', '；', ' '])
        .filter(|p| !p.is_empty())
    {
        match Service::parse(part) {
            Some(v) => out.push(v.as_str().to_string()),
            None => {
                return Err(Text::new(&m::BAD_CHOICE)
                    .arg("value", part)
                    .arg("allowed", Service::allowed()));
            }
        }
    }
    Ok(out)
}

/// The allowed terms of a closed field, or `None` for a key without a closed set.
/// One of the official terms. 省级示范 reads as 省级 and 非营利 as 非营利性.
fn choice(values: fn() -> Vec<&'static str>, s: &str) -> Result<String, Problem> {
    let s = s.trim();
    let all = values();
    let prefix: String = s.chars().take(2).collect();
    let found = all
        .iter()
        .find(|v| **v == s)
        .or_else(|| all.iter().find(|v| **v == format!("{s}性")))
        .or_else(|| all.iter().find(|v| v.chars().count() == 2 && **v == prefix));
    found.map(|v| v.to_string()).ok_or_else(|| {
        Text::new(&m::BAD_CHOICE)
            .arg("value", s)
            .arg("allowed", all.join("、"))
    })
}

/// 统一社会信用代码: 18 digits and capital letters.
fn credit_code(s: &str) -> Result<String, Problem> {
    let code: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if code.chars().count() == 18 && code.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(code)
    } else {
        Err(Text::new(&m::BAD_CREDIT_CODE).arg("value", s))
    }
}

fn number(cell: &CellValue) -> Result<f64, Problem> {
    match cell {
        CellValue::Number(n) => Ok(*n),
        _ => {
            let t = cell.as_text();
            t.trim()
                .parse::<f64>()
                .map_err(|_| Text::new(&m::BAD_NUMBER).arg("value", t))
        }
    }
}

fn text_list(s: &str) -> Vec<String> {
    s.split(['、', '；', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> CellValue {
        // (test helper)
        CellValue::Text(s.into())
    }

    #[test]
    fn dates_in_every_shape() {
        let want = Date::new(2021, 8, 16).unwrap();
        for s in [
            "2021-08-16",
            "2021/8/16",
            "2021年8月16日",
            "2021.8.16",
            "20210816",
        ] {
            assert_eq!(date(&t(s)).unwrap(), want, "{s}");
        }
        assert_eq!(date(&CellValue::Date(44424.0)).unwrap(), want);
        assert_eq!(date(&CellValue::Number(44424.0)).unwrap(), want);
        assert!(date(&t("2021-13-45")).is_err());
    }

    #[test]
    fn counts_phones_yes_no_ages() {
        assert_eq!(count(&t("30个")).unwrap(), 30);
        assert_eq!(count(&CellValue::Number(40.0)).unwrap(), 40);
        assert!(count(&t("三十")).is_err());
        assert_eq!(phone(" 0532 8888 6666 "), "0532-88886666");
        assert_eq!(phone("139 0000 0000"), "13900000000");
        assert_eq!(phone("０５３２－８８８８６６６６"), "0532-88886666");
        assert!(yes_no("是").unwrap());
        assert_eq!(ages("6-36个月").unwrap(), (6, 36));
        assert_eq!(ages("1至3岁").unwrap(), (12, 36));
        let profit = || vec!["营利性", "非营利性"];
        assert_eq!(choice(profit, "非营利").unwrap(), "非营利性");
        assert!(choice(profit, "民办").is_err());
        let level = || vec!["省级", "市级"];
        assert_eq!(choice(level, "省级示范").unwrap(), "省级");
    }

    #[test]
    fn districts_by_id_name_alias_short_name() {
        let ds = vec![DistrictName {
            id: "huangdao".into(),
            name: "黄岛区".into(),
            aliases: vec!["西海岸新区".into()],
        }];
        for s in ["huangdao", "黄岛区", "西海岸新区", "黄岛"] {
            assert_eq!(district(s, &ds).unwrap(), "huangdao", "{s}");
        }
        assert!(district("崂山区", &ds).is_err());
    }
}
