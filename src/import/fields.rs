//! Which record field a spreadsheet column fills, and how its cells are read.
//!
//! The header names and Chinese titles are the contract's ([`crate::model::spec`]): a
//! column is a field when its header is one of the field's `headers` or its title (the
//! open data's columns carry titles). This module adds only what is the importer's own:
//! how each contract type is parsed from a cell, the columns never imported (序号), and
//! the open data's membership columns (已备案, 托育点).

use crate::model::Kind;
use crate::model::spec::{self, Field, Type};

/// How a column's cells are read.
#[derive(Debug, Clone, Copy)]
pub enum FieldType {
    Text,
    District,
    Date,
    /// A whole number ≥ 0; units such as 个 are dropped.
    Count,
    /// 2021 or 2021年.
    Year,
    Phone,
    /// 是/否.
    YesNo,
    /// 收托月龄 in one cell: 6-36个月, 0-3岁.
    Ages,
    /// 最小月龄 / 最大月龄 in their own columns.
    AgesMin,
    AgesMax,
    /// 纬度 / 经度 in their own columns.
    Lat,
    Lng,
    /// 服务类型, separated by 、 , / or spaces.
    Services,
    /// Other lists of text (又名, 其他服务), separated by 、 or ；.
    TextList,
    /// One of the official terms.
    Choice(fn() -> Vec<&'static str>),
    CreditCode,
    /// The record's own id (the open data carries it).
    Id,
    /// A field that no single cell can give (空余托位 needs its date too).
    Unsupported,
}

/// A field a column fills.
#[derive(Debug, Clone, Copy)]
pub struct ImportField {
    /// The record key; `ages` and `location` are filled from two columns.
    pub key: &'static str,
    pub title: &'static str,
    pub ty: FieldType,
}

/// Columns that are read but never imported: the running number and the open data's
/// page link.
pub const IGNORED_HEADERS: &[&str] = &["序号", "编号", "页面", "序"];

/// The open-data column that says whether a row is a listing of this kind, so that the
/// spreadsheet of every institution can be imported kind by kind.
pub fn membership_header(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Filed => Some("已备案"),
        Kind::CareSite => Some("托育点"),
        Kind::Demonstration => None,
    }
}

/// Header text as compared: no spaces, no `*` marks, full-width parentheses folded.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '：' | ':'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// The header without bracketed units or notes: `托位数（张）` → `托位数`.
fn without_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in normalise(s).chars() {
        match c {
            '(' | '【' | '[' => depth += 1,
            ')' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The fields of `kind` a header may mean, best first (机构性质 may be 举办性质 or
/// 营利性质: the cell decides).
pub fn for_header(kind: Kind, header: &str) -> Vec<ImportField> {
    let h = normalise(header);
    if h.eq_ignore_ascii_case("id") {
        return vec![ImportField {
            key: "id",
            title: "id",
            ty: FieldType::Id,
        }];
    }
    let found = matching(kind, &h);
    if !found.is_empty() {
        return found;
    }
    matching(kind, &without_brackets(header))
}

fn matching(kind: Kind, h: &str) -> Vec<ImportField> {
    let named = |f: &Field| {
        f.key != "id" && (normalise(f.title) == h || f.headers.iter().any(|x| normalise(x) == h))
    };
    let mut out: Vec<ImportField> = spec::record(kind)
        .filter(|f| named(f))
        .map(|f| ImportField {
            key: f.key,
            title: f.title,
            ty: type_of(f),
        })
        .collect();
    for (key, sub, types) in [
        ("ages", spec::AGES, [FieldType::AgesMin, FieldType::AgesMax]),
        ("location", spec::LOCATION, [FieldType::Lat, FieldType::Lng]),
    ] {
        if spec::field(kind, key).is_none() {
            continue;
        }
        for (f, ty) in sub.iter().zip(types) {
            if named(f) {
                out.push(ImportField {
                    key,
                    title: f.title,
                    ty,
                });
            }
        }
    }
    out
}

/// Whether a header names a field of another kind (示范级别 on a list imported as filed).
pub fn other_kind_field(kind: Kind, header: &str) -> Option<Kind> {
    let h = without_brackets(header);
    Kind::ALL
        .into_iter()
        .filter(|k| *k != kind)
        .find(|k| !matching(*k, &h).is_empty() || !matching(*k, &normalise(header)).is_empty())
}

fn type_of(f: &Field) -> FieldType {
    match (f.key, f.ty) {
        ("year", _) => FieldType::Year,
        ("ages", _) => FieldType::Ages,
        ("services", _) => FieldType::Services,
        (_, Type::Text | Type::Markdown | Type::Url | Type::Street) => FieldType::Text,
        (_, Type::Slug) => FieldType::Id,
        (_, Type::Int { .. }) => FieldType::Count,
        (_, Type::Date | Type::MonthOrDate) => FieldType::Date,
        (_, Type::Bool) => FieldType::YesNo,
        (_, Type::Enum(values)) => FieldType::Choice(values),
        (_, Type::Phone) => FieldType::Phone,
        (_, Type::CreditCode) => FieldType::CreditCode,
        (_, Type::District) => FieldType::District,
        (_, Type::List(Type::Text)) => FieldType::TextList,
        _ => FieldType::Unsupported,
    }
}

/// The Chinese title of a record key (for change reports).
pub fn title_of(kind: Kind, key: &str) -> &'static str {
    spec::field(kind, key).map(|f| f.title).unwrap_or("")
}

/// The keys a new record of `kind` cannot do without (the id is made if missing).
pub fn required(kind: Kind) -> Vec<&'static str> {
    spec::record(kind)
        .filter(|f| f.key != "id" && f.required_in(kind))
        .map(|f| f.key)
        .collect()
}

/// Where a key stands in the contract's order (records are written in it).
pub fn order(kind: Kind, key: &str) -> usize {
    spec::record(kind)
        .position(|f| f.key == key)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(h: &str) -> Vec<&'static str> {
        for_header(Kind::Filed, h).iter().map(|f| f.key).collect()
    }

    #[test]
    fn headers_by_contract_names_titles_and_units() {
        assert_eq!(keys("托位数（个）"), ["capacity"]);
        assert_eq!(keys("托位数（张）"), ["capacity"]);
        assert_eq!(keys("所属区（市）"), ["district"]);
        assert_eq!(keys(" 机构\n名称 "), ["name"]);
        assert_eq!(keys("*联系电话"), ["phone"]);
        assert_eq!(keys("机构性质"), ["ownership", "profit"]);
        assert_eq!(keys("备案日期"), ["filed_on"]);
        assert_eq!(keys("最小月龄"), ["ages"]);
        assert_eq!(keys("纬度"), ["location"]);
        assert!(keys("负责人").is_empty());
        assert_eq!(
            other_kind_field(Kind::Filed, "示范级别"),
            Some(Kind::Demonstration)
        );
    }
}
