//! The spreadsheet side of the field table: for every record field an import can fill,
//! its Chinese title (used in change reports) and the column headers officials use for it.
//!
//! Kept as plain data, one row per field, so that it folds into the field table of
//! `model::spec` (branch `contract`) by moving the `headers` into that table's rows.
//! Headers are compared after [`normalise_header`], so `托位数（个）`, `托 位 数` and
//! `托位数(个)` are all `托位数`.

/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text as written (spaces trimmed).
    Text,
    /// A district: id, name or alias from districts.yaml.
    District,
    /// A date: 2021-08-16, 2021/8/16, 2021年8月16日, 2021.8.16 or a date cell.
    Date,
    /// A whole number ≥ 0; units such as 个 are dropped.
    Count,
    /// A year such as 2021 or 2021年.
    Year,
    /// A phone number; spaces dropped.
    Phone,
    /// 是/否.
    YesNo,
    /// 收托月龄 such as 6-36个月 or 0-3岁.
    Ages,
    /// The lower or upper bound of 收托月龄 in its own column (open data).
    AgesMin,
    AgesMax,
    /// A list of 服务类型 separated by 、 , / or spaces.
    Services,
    /// 机构性质: 营利性 / 非营利性 go to `profit`, 公办 / 民办 to `ownership`.
    Nature,
    /// One of a closed set of Chinese terms (checked against the model's enum).
    Choice,
    /// The record's own id (open data exports carry it).
    Id,
}

/// One field a spreadsheet column can fill.
#[derive(Debug)]
pub struct HeaderField {
    /// The record key (`capacity`); `ages` is filled by `AgesMin`/`AgesMax` too.
    pub key: &'static str,
    /// The Chinese title shown to editors (`托位数`).
    pub title: &'static str,
    pub ty: FieldType,
    /// Header spellings, already normalised.
    pub headers: &'static [&'static str],
}

const fn f(
    key: &'static str,
    title: &'static str,
    ty: FieldType,
    headers: &'static [&'static str],
) -> HeaderField {
    HeaderField {
        key,
        title,
        ty,
        headers,
    }
}

use FieldType as T;

/// Every field an import can fill, in the order records are written.
pub static HEADER_FIELDS: &[HeaderField] = &[
    f("id", "id", T::Id, &["id", "编号id", "标识"]),
    f(
        "name",
        "机构名称",
        T::Text,
        &[
            "机构名称",
            "托育机构名称",
            "名称",
            "单位名称",
            "托育点名称",
            "机构全称",
            "示范机构名称",
            "托育服务机构名称",
        ],
    ),
    f(
        "district",
        "所属区（市）",
        T::District,
        &[
            "所属区市",
            "所属区",
            "区县",
            "区市",
            "行政区",
            "所在区",
            "所在区市",
            "所属区县",
            "区县市",
            "辖区",
            "所在区县",
            "区域",
        ],
    ),
    f(
        "street",
        "街道",
        T::Text,
        &["街道", "所属街道", "所在街道", "街道镇", "镇街", "所属镇街"],
    ),
    f(
        "address",
        "地址",
        T::Text,
        &[
            "地址",
            "机构地址",
            "详细地址",
            "服务地址",
            "办公地址",
            "经营地址",
            "机构详细地址",
        ],
    ),
    f(
        "filed_on",
        "备案时间",
        T::Date,
        &["备案时间", "备案日期", "备案通过时间", "备案通过日期"],
    ),
    f(
        "filing_number",
        "备案编号",
        T::Text,
        &["备案编号", "回执编号", "备案回执编号", "备案号"],
    ),
    f(
        "credit_code",
        "统一社会信用代码",
        T::Text,
        &["统一社会信用代码", "社会信用代码", "信用代码"],
    ),
    f(
        "operator",
        "举办者",
        T::Text,
        &["举办者", "举办单位", "举办者名称", "举办主体"],
    ),
    f(
        "ownership",
        "举办性质",
        T::Choice,
        &["举办性质", "办托性质", "公办民办"],
    ),
    f(
        "profit",
        "营利性质",
        T::Choice,
        &["营利性质", "是否营利", "营利性"],
    ),
    f("nature", "机构性质", T::Nature, &["机构性质", "性质"]),
    f(
        "form",
        "机构形式",
        T::Choice,
        &["机构形式", "机构类型", "托育形式", "办托形式", "类型"],
    ),
    f(
        "inclusive",
        "普惠",
        T::YesNo,
        &["普惠", "是否普惠", "普惠性", "普惠托育", "是否为普惠机构"],
    ),
    f(
        "status",
        "状态",
        T::Choice,
        &["状态", "经营状态", "运营状态"],
    ),
    f(
        "level",
        "级别",
        T::Choice,
        &["级别", "示范级别", "等级", "示范等级"],
    ),
    f(
        "year",
        "年度",
        T::Year,
        &["年度", "年份", "示范年度", "示范年份", "认定年度"],
    ),
    f("batch", "批次", T::Text, &["批次", "认定批次"]),
    f(
        "community",
        "社区",
        T::Text,
        &["社区", "所在社区", "所属社区"],
    ),
    f(
        "model",
        "运营模式",
        T::Choice,
        &["运营模式", "办托模式", "模式"],
    ),
    f(
        "eligibility",
        "招收对象",
        T::Text,
        &["招收对象", "服务对象", "收托对象"],
    ),
    f(
        "enrolled",
        "在托人数",
        T::Count,
        &["在托人数", "在托幼儿数", "入托人数"],
    ),
    f(
        "capacity",
        "托位数",
        T::Count,
        &[
            "托位数",
            "托位",
            "核定托位",
            "核定托位数",
            "托位数量",
            "提供托位数",
        ],
    ),
    f(
        "ages",
        "收托月龄",
        T::Ages,
        &["收托月龄", "招收月龄", "收托年龄", "招收年龄", "月龄"],
    ),
    f("ages", "最小月龄", T::AgesMin, &["最小月龄"]),
    f("ages", "最大月龄", T::AgesMax, &["最大月龄"]),
    f(
        "services",
        "服务类型",
        T::Services,
        &["服务类型", "托育服务类型", "服务形式", "托育类型"],
    ),
    f("fee", "收费", T::Text, &["收费", "收费标准", "收费情况"]),
    f(
        "phone",
        "联系电话",
        T::Phone,
        &["联系电话", "咨询电话", "电话", "联系方式", "服务电话"],
    ),
    f(
        "hours",
        "服务时间",
        T::Text,
        &["服务时间", "开放时间", "营业时间"],
    ),
    f("website", "网址", T::Text, &["网址", "网站"]),
    f("updated", "更新日期", T::Date, &["更新日期", "更新时间"]),
];

/// Columns that are read but never imported: the running number and the open data's
/// own derived columns.
pub static IGNORED_HEADERS: &[&str] = &["序号", "编号", "页面", "已备案", "托育点", "示范"];

/// The open-data column that says whether a row is a listing of this kind, so that the
/// published spreadsheet of every institution can be imported kind by kind.
pub fn membership_header(folder: &str) -> Option<&'static str> {
    match folder {
        "filed" => Some("已备案"),
        "sites" => Some("托育点"),
        _ => None,
    }
}

/// Header text as compared: no spaces or line breaks, no bracketed units or notes
/// (`（个）`, `(市)`), no `*` marks of required columns, full-width letters folded.
pub fn normalise_header(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | '＊' | '：' | ':' | '\u{3000}') => {}
            c => out.push(c),
        }
    }
    out.to_lowercase()
}

/// The field a header names, if any.
pub fn field_for_header(header: &str) -> Option<&'static HeaderField> {
    let h = normalise_header(header);
    HEADER_FIELDS
        .iter()
        .find(|f| f.headers.contains(&h.as_str()))
}

/// The Chinese title of a key (for change reports).
pub fn title_of(key: &str) -> &'static str {
    HEADER_FIELDS
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.title)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_units_and_spaces() {
        assert_eq!(
            field_for_header("托位数（个）").map(|f| f.key),
            Some("capacity")
        );
        assert_eq!(
            field_for_header("所属区（市）").map(|f| f.key),
            Some("district")
        );
        assert_eq!(
            field_for_header(" 机构\n名称 ").map(|f| f.key),
            Some("name")
        );
        assert_eq!(field_for_header("*联系电话").map(|f| f.key), Some("phone"));
        assert!(field_for_header("负责人").is_none());
    }
}
