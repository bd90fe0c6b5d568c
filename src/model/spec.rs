//! The data contract of DESIGN.md as one table: every content field of every file and
//! record kind, with its Chinese title, a description in Chinese and English, its type,
//! whether it is required, and the spreadsheet headers officials use for it.
//!
//! This is the one definition of the fields: the validator's allowed keys, the import
//! command's header mapping, the JSON Schemas, the open-data `datapackage.json` and the
//! documentation all read it. Enumerated values are not repeated here: an enum field
//! points at its [`ZhEnum`], whose terms are the official ones.
//!
//! ```
//! use tuoyu::model::{Kind, spec};
//! let f = spec::by_header(Kind::Filed, "核定托位").next().unwrap();
//! assert_eq!((f.key, f.title), ("capacity", "托位数"));
//! assert!(spec::record_keys(Kind::CareSite).contains(&"aliases"));
//! ```

use super::enums::{
    Form, InspectionKind, Kind, Level, Ownership, Profit, Service, SiteModel, Status, ZhEnum,
};

/// What a field's value is.
#[derive(Debug, Clone, Copy)]
pub enum Type {
    /// One line of text (numbers are read as written).
    Text,
    /// Markdown text.
    Markdown,
    /// An ASCII slug `[a-z0-9][a-z0-9-]*`.
    Slug,
    /// A whole number within the range.
    Int { min: i64, max: i64 },
    /// A number (whole or decimal) within the range.
    Number { min: f64, max: f64 },
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD`, or `YYYY-MM` where the source gives only a month.
    MonthOrDate,
    /// 是否: `true`/`false` or `是`/`否`.
    Bool,
    /// One of the official terms; the function lists them.
    Enum(fn() -> Vec<&'static str>),
    /// An absolute http(s) address.
    Url,
    /// Phone numbers: digits with spaces, -, +, parentheses; several separated by 、.
    Phone,
    /// 统一社会信用代码: 18 characters of digits and capital letters (not I, O, S, V, Z).
    CreditCode,
    /// A district's id, name or one of its aliases.
    District,
    /// One of the district's streets.
    Street,
    /// A source: a mapping of [`SOURCE`] or a bare URL.
    Source,
    /// A list of values of the inner type.
    List(&'static Type),
    /// A mapping with these fields.
    Map(&'static [Field]),
}

impl Type {
    /// The Frictionless Table Schema type of a column holding this value.
    pub fn table_type(self) -> &'static str {
        match self {
            Type::Int { .. } => "integer",
            Type::Number { .. } => "number",
            Type::Date => "date",
            Type::Bool => "boolean",
            Type::Url => "string",
            Type::List(_) => "array",
            Type::Map(_) | Type::Source => "object",
            _ => "string",
        }
    }
}

/// Whether a field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// Required in these record kinds only (`address` on filed records).
    RequiredIn(&'static [Kind]),
}

/// One field of the contract.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The YAML key.
    pub key: &'static str,
    /// 标题: the field's name as pages, spreadsheets and the open data show it.
    pub title: &'static str,
    /// One sentence in Chinese.
    pub zh: &'static str,
    /// One sentence in English.
    pub en: &'static str,
    pub ty: Type,
    pub need: Need,
    /// Spreadsheet headers of official lists that mean this field (for `tuoyu import`).
    /// A header may belong to two fields (机构性质 → `ownership` or `profit`): the value
    /// decides, see [`by_header`].
    pub headers: &'static [&'static str],
}

impl Field {
    pub fn required_in(&self, kind: Kind) -> bool {
        match self.need {
            Need::Required => true,
            Need::Optional => false,
            Need::RequiredIn(kinds) => kinds.contains(&kind),
        }
    }
}

fn names<E: ZhEnum>() -> Vec<&'static str> {
    E::ALL.iter().map(|v| v.as_str()).collect()
}

const fn f(
    key: &'static str,
    title: &'static str,
    zh: &'static str,
    en: &'static str,
    ty: Type,
    need: Need,
    headers: &'static [&'static str],
) -> Field {
    Field {
        key,
        title,
        zh,
        en,
        ty,
        need,
        headers,
    }
}

use Need::{Optional as OPT, Required as REQ};

const COUNT: Type = Type::Int {
    min: 0,
    max: 100_000,
};
const PEOPLE: Type = Type::Int {
    min: 0,
    max: 2_000_000_000,
};
const TEXTS: Type = Type::List(&Type::Text);

/// `site.yaml`.
#[rustfmt::skip]
pub const SITE: &[Field] = &[
    f("title", "网站名称", "网站的名称，显示在每个页面的标题中。", "The site's name, shown in every page title.", Type::Text, REQ, &[]),
    f("city", "城市", "名录所覆盖的城市（或省、全国）。", "The city (or province, country) the directory covers.", Type::Text, REQ, &[]),
    f("base_url", "网站地址", "网站发布后的绝对地址，http(s) 开头、以 / 结尾。", "The site's absolute address once published: http(s), ending with /.", Type::Url, REQ, &[]),
    f("description", "网站简介", "搜索引擎和分享时显示的一句话简介。", "One sentence for search engines and sharing.", Type::Text, OPT, &[]),
    f("language", "语言", "页面语言，默认 zh-CN。", "The pages' language, zh-CN by default.", Type::Text, OPT, &[]),
    f("publisher", "发布者", "发布本名录的单位。", "Who publishes the directory.", Type::Text, OPT, &[]),
    f("contact", "纠错联系方式", "报告信息错误的电话或邮箱。", "A phone number or e-mail address for corrections.", Type::Text, OPT, &[]),
    f("data_as_of", "数据截至", "官方名单的日期。", "The date of the official lists.", Type::Date, OPT, &[]),
    f("theme", "主题", "themes/ 下所用主题的文件夹名，默认 default。", "The theme folder under themes/, default by default.", Type::Slug, OPT, &[]),
    f("notice", "提示", "每个页面顶部显示的提示（如“示例数据”）。", "A banner shown on every page (e.g. sample data).", Type::Text, OPT, &[]),
    f("supervision_phone", "监督投诉电话", "全市托育服务投诉电话（12345 为政务服务热线）。", "The city-wide complaints number (12345 is the general hotline).", Type::Phone, OPT, &[]),
    f("official_totals", "官方公布总数", "官方公布的全市机构数、托位数，用于说明本名录收录了其中多少。", "The city's figures as officially published, so pages can say how much of them the directory lists.", Type::Map(OFFICIAL_TOTALS), OPT, &[]),
];

/// `site.yaml` `official_totals`.
#[rustfmt::skip]
pub const OFFICIAL_TOTALS: &[Field] = &[
    f("institutions", "机构数", "官方公布的托育机构数。", "The number of institutions officially published.", COUNT, REQ, &[]),
    f("places", "托位数", "官方公布的托位数。", "The number of places officially published.", Type::Int { min: 0, max: 100_000_000 }, OPT, &[]),
    f("per_1000", "每千人托位数", "官方公布的每千名常住人口托位数。", "Places per 1,000 residents as officially published.", Type::Number { min: 0.0, max: 1000.0 }, OPT, &[]),
    f("as_of", "截至日期", "这些数字的日期（可只写年月）。", "The date of these figures (a month is enough).", Type::MonthOrDate, REQ, &[]),
    f("source", "来源", "公布这些数字的文件或报道。", "The document or report that published them.", Type::Source, REQ, &[]),
];

/// One entry of `districts.yaml`.
#[rustfmt::skip]
pub const DISTRICT: &[Field] = &[
    f("id", "区市代码", "区（市）的英文短名，用于网址。", "The district's ASCII slug, used in addresses.", Type::Slug, REQ, &[]),
    f("name", "区市名称", "区（市）的名称，如市南区。", "The district's name, e.g. 市南区.", Type::Text, REQ, &[]),
    f("aliases", "别称", "人们和名单中使用的其他名称，如城阳、西海岸新区。", "Other names people and lists use, e.g. 城阳, 西海岸新区.", TEXTS, OPT, &[]),
    f("supervision_phone", "监督投诉电话", "区卫生健康局的托育投诉电话。", "The district health bureau's number for complaints.", Type::Phone, OPT, &[]),
    f("population", "常住人口", "常住人口数。", "Resident population.", PEOPLE, OPT, &[]),
    f("under3", "3岁以下婴幼儿数", "3岁以下婴幼儿人数。", "Children under three.", PEOPLE, OPT, &[]),
    f("streets", "街道（镇）", "辖区内的街道和镇，机构的 street 必须是其中之一。", "The district's streets and towns; a record's street must be one of them.", TEXTS, OPT, &[]),
];

/// Fields every record kind may carry.
#[rustfmt::skip]
pub const COMMON: &[Field] = &[
    f("id", "编号", "机构的英文短名，在同类名单中唯一；不同名单中相同即为同一机构。", "The institution's ASCII slug, unique within its kind; the same id in two kinds is one institution.", Type::Slug, REQ, &[]),
    f("name", "机构名称", "机构的正式名称。", "The institution's official name.", Type::Text, REQ, &["机构名称", "托育机构名称", "名称", "单位名称", "托育点名称"]),
    f("district", "所在区市", "所在区（市），可写代码、名称或别称。", "The district: its id, name or an alias.", Type::District, REQ, &["所属区（市）", "所属区市", "区县", "区（市）", "区市", "行政区", "所在区", "所属区"]),
    f("street", "街道（镇）", "所在街道或镇，须是该区市 streets 中的一个。", "The street or town, one of its district's streets.", Type::Street, OPT, &["街道", "所属街道", "街道（镇）", "镇街", "所在街道"]),
    f("address", "地址", "机构地址；未公布时不填。", "The address; left out when unknown.", Type::Text, Need::RequiredIn(&[Kind::Filed]), &["地址", "机构地址", "详细地址", "服务地址"]),
    f("aliases", "又名", "机构的其他名称：曾用名、简称，可搜索。", "Other names of the institution (former names, short names); searchable.", TEXTS, OPT, &["曾用名", "别名", "简称"]),
    f("ownership", "举办性质", "公办、民办、公办民营或公建民营。", "Public, private, publicly run by a private operator, or publicly built and privately run.", Type::Enum(names::<Ownership>), OPT, &["举办性质", "机构性质", "办托性质", "性质"]),
    f("capacity", "托位数", "核定的托位数。", "The number of childcare places.", COUNT, OPT, &["托位数", "托位", "核定托位", "核定托位数", "托位数（个）"]),
    f("vacancies", "空余托位", "空余托位数及其日期。", "Free places and the date they were counted.", Type::Map(VACANCIES), OPT, &["空余托位", "空余托位数"]),
    f("ages", "收托月龄", "收托婴幼儿的月龄范围（0–36个月）。", "The children's age range in months (0–36).", Type::Map(AGES), OPT, &["收托月龄", "招收月龄", "收托年龄"]),
    f("services", "服务类型", "全日托、半日托、计时托、临时托（小时托读作计时托）。", "Full-day, half-day, hourly or occasional care (小时托 is read as hourly).", Type::List(&Type::Enum(names::<Service>)), OPT, &["服务类型", "托育类型", "服务形式", "托育形式"]),
    f("programs", "其他服务", "机构自述的其他服务，如早教亲子课程、寄宿。", "Other services in the institution's own words, e.g. parent-child classes, boarding.", TEXTS, OPT, &["其他服务", "特色服务", "特色课程"]),
    f("fee", "收费", "收费标准，如免费、每月1800元。", "The fee as published, e.g. 免费 or 每月1800元.", Type::Text, OPT, &["收费标准", "收费", "收费情况"]),
    f("monthly_fee", "月收费（元）", "全日托每月收费（元），0 为免费；用于筛选和比较。", "Yuan per month of full-day care, 0 = free; for filtering and comparing.", Type::Int { min: 0, max: 1_000_000 }, OPT, &["月收费", "月收费（元）", "每月收费"]),
    f("phone", "联系电话", "咨询电话。", "The phone number for enquiries.", Type::Phone, OPT, &["联系电话", "咨询电话", "电话", "联系方式"]),
    f("hours", "服务时间", "开放或服务时间。", "Opening hours.", Type::Text, OPT, &["服务时间", "开放时间", "营业时间"]),
    f("location", "坐标", "GCJ-02 坐标（国内地图应用给出的坐标）。", "GCJ-02 coordinates, as Chinese map apps give them.", Type::Map(LOCATION), OPT, &[]),
    f("website", "网站", "机构网站，仅限 http/https。", "The institution's website, http/https only.", Type::Url, OPT, &["网址", "网站"]),
    f("description", "机构介绍", "机构介绍（Markdown）。", "A description (Markdown).", Type::Markdown, OPT, &["简介", "机构简介"]),
    f("updated", "更新日期", "信息最后核实的日期（可只写年月）。", "When the record was last checked (a month is enough).", Type::MonthOrDate, OPT, &["更新日期", "更新时间"]),
    f("sources", "信息来源", "公布这些信息的文件或报道：title、url、date，或只写网址。", "Where the facts were published: title, url, date, or a bare URL.", Type::List(&Type::Source), OPT, &[]),
];

/// `filed/`: 备案机构.
#[rustfmt::skip]
pub const FILED: &[Field] = &[
    f("filed_on", "备案日期", "备案通过的日期，不能晚于今天。", "The date the filing was accepted; not in the future.", Type::Date, REQ, &["备案时间", "备案日期", "备案通过时间"]),
    f("filing_number", "备案编号", "备案编号或备案回执编号。", "The filing number or receipt number.", Type::Text, OPT, &["备案编号", "回执编号", "备案回执编号"]),
    f("credit_code", "统一社会信用代码", "机构的18位统一社会信用代码。", "The institution's 18-character unified social credit code.", Type::CreditCode, OPT, &["统一社会信用代码", "社会信用代码", "信用代码"]),
    f("operator", "举办者", "举办单位或个人。", "The organisation or person running it.", Type::Text, OPT, &["举办者", "举办单位", "举办者名称"]),
    f("profit", "营利性质", "营利性或非营利性。", "For-profit or non-profit.", Type::Enum(names::<Profit>), OPT, &["营利性质", "是否营利", "机构性质"]),
    f("form", "机构形式", "独立托育机构、社区嵌入式、幼儿园托班等。", "The form: independent, community-embedded, kindergarten class, …", Type::Enum(names::<Form>), OPT, &["机构形式", "机构类型", "举办形式", "类型"]),
    f("inclusive", "普惠", "是否普惠托育机构；不填表示未公布。", "Whether it is an inclusive (普惠) institution; absent means unknown.", Type::Bool, OPT, &["普惠", "是否普惠", "普惠性", "普惠托育"]),
    f("status", "经营状态", "在营、暂停或注销，默认在营。", "Operating, suspended or cancelled; operating by default.", Type::Enum(names::<Status>), OPT, &["状态", "经营状态", "备案状态"]),
    f("inspections", "检查记录", "检查的日期、类型（自查、抽查）和结果。", "Inspections: date, kind (self-check, spot check), result.", Type::List(&Type::Map(INSPECTION)), OPT, &[]),
];

/// `demonstration/`: 示范机构.
#[rustfmt::skip]
pub const DEMONSTRATION: &[Field] = &[
    f("level", "示范级别", "省级或市级示范。", "Provincial or municipal demonstration.", Type::Enum(names::<Level>), REQ, &["级别", "示范级别"]),
    f("year", "评定年度", "评为示范机构的年度。", "The year it was named a demonstration institution.", Type::Int { min: 1949, max: 2100, }, REQ, &["年度", "评定年度", "年份"]),
    f("batch", "批次", "评定批次。", "The batch of the naming.", Type::Text, OPT, &["批次"]),
];

/// `sites/`: 托育点.
#[rustfmt::skip]
pub const CARE_SITE: &[Field] = &[
    f("community", "所在社区", "托育点所在社区。", "The community the site is in.", Type::Text, OPT, &["社区", "所在社区"]),
    f("model", "举办模式", "企业工会联合、街道社区联动、幼儿园托育一体化、社区嵌入式或其他。", "How it is run: employer and union, street and community, kindergarten, community-embedded or other.", Type::Enum(names::<SiteModel>), OPT, &["模式", "举办模式"]),
    f("funders", "举办或支持单位", "出资或支持的单位。", "Who funds or supports it.", TEXTS, OPT, &["出资单位", "支持单位", "举办单位"]),
    f("eligibility", "招收对象", "可以送托的人，如本企业职工子女、社区居民、不限。", "Who may use it, e.g. employees' children, residents, anyone.", Type::Text, OPT, &["招收对象", "服务对象"]),
    f("enrolled", "在托人数", "报道或名单给出的在托幼儿人数。", "Children enrolled, as reported.", COUNT, OPT, &["在托人数", "在托幼儿数"]),
];

/// `ages`.
#[rustfmt::skip]
pub const AGES: &[Field] = &[
    f("min_months", "最小月龄", "收托的最小月龄。", "The youngest age taken, in months.", Type::Int { min: 0, max: 36 }, REQ, &["最小月龄"]),
    f("max_months", "最大月龄", "收托的最大月龄。", "The oldest age taken, in months.", Type::Int { min: 0, max: 36 }, REQ, &["最大月龄"]),
];

/// `vacancies`.
#[rustfmt::skip]
pub const VACANCIES: &[Field] = &[
    f("places", "空余托位数", "空余的托位数。", "The number of free places.", COUNT, REQ, &[]),
    f("as_of", "统计日期", "空余托位的统计日期。", "The date the free places were counted.", Type::Date, REQ, &[]),
];

/// `location`.
#[rustfmt::skip]
pub const LOCATION: &[Field] = &[
    f("lat", "纬度", "纬度（GCJ-02）。", "Latitude (GCJ-02).", Type::Number { min: -90.0, max: 90.0, }, REQ, &["纬度"]),
    f("lng", "经度", "经度（GCJ-02）。", "Longitude (GCJ-02).", Type::Number { min: -180.0, max: 180.0, }, REQ, &["经度"]),
];

/// One entry of `sources` (or `official_totals.source`) written as a mapping.
#[rustfmt::skip]
pub const SOURCE: &[Field] = &[
    f("title", "标题", "文件或报道的标题。", "The document's or report's title.", Type::Text, REQ, &[]),
    f("url", "网址", "文件或报道的网址。", "Its address.", Type::Url, OPT, &[]),
    f("date", "日期", "发布日期（可只写年月）。", "When it was published (a month is enough).", Type::MonthOrDate, OPT, &[]),
];

/// One entry of `inspections`.
#[rustfmt::skip]
pub const INSPECTION: &[Field] = &[
    f("date", "检查日期", "检查的日期。", "The date of the inspection.", Type::Date, REQ, &[]),
    f("kind", "检查类型", "自查或抽查。", "Self-check or spot check.", Type::Enum(names::<InspectionKind>), REQ, &[]),
    f("result", "检查结果", "检查结果。", "The result.", Type::Text, OPT, &[]),
];

/// The fields only `kind` has (beside [`COMMON`]).
pub fn kind_fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Filed => FILED,
        Kind::Demonstration => DEMONSTRATION,
        Kind::CareSite => CARE_SITE,
    }
}

/// Every field a record of `kind` may carry: [`COMMON`], then the kind's own.
pub fn record(kind: Kind) -> impl Iterator<Item = &'static Field> {
    COMMON.iter().chain(kind_fields(kind))
}

/// The keys of a list of fields, in order (the validator's allowed keys).
pub fn keys(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.key).collect()
}

/// The keys a record of `kind` may carry.
pub fn record_keys(kind: Kind) -> Vec<&'static str> {
    record(kind).map(|f| f.key).collect()
}

/// The field `key` of a record of `kind`.
pub fn field(kind: Kind, key: &str) -> Option<&'static Field> {
    record(kind).find(|f| f.key == key)
}

/// The fields of `kind` a spreadsheet header may mean, best first. Spaces, full-width
/// parentheses and a leading `*` (marking required columns) are ignored. Where there are
/// two (机构性质), the importer keeps the one whose [`Type::Enum`] accepts the cell.
pub fn by_header(kind: Kind, header: &str) -> impl Iterator<Item = &'static Field> {
    let h = normalise_header(header);
    record(kind).filter(move |f| f.headers.iter().any(|x| normalise_header(x) == h))
}

fn normalise_header(s: &str) -> String {
    s.trim()
        .trim_start_matches(['*', '＊'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_names_fields_of_one_type_family() {
        for kind in Kind::ALL {
            let keys = record_keys(kind);
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "a key twice in {kind:?}");
        }
        let got: Vec<&str> = by_header(Kind::Filed, " 所属区(市) ")
            .map(|f| f.key)
            .collect();
        assert_eq!(got, ["district"]);
        let got: Vec<&str> = by_header(Kind::Filed, "机构性质").map(|f| f.key).collect();
        assert_eq!(got, ["ownership", "profit"]);
        assert!(by_header(Kind::CareSite, "备案时间").next().is_none());
    }

    #[test]
    fn every_field_has_a_title_and_both_descriptions() {
        let all = [
            SITE,
            OFFICIAL_TOTALS,
            DISTRICT,
            COMMON,
            FILED,
            DEMONSTRATION,
            CARE_SITE,
            AGES,
            VACANCIES,
            LOCATION,
            SOURCE,
            INSPECTION,
        ];
        for f in all.iter().flat_map(|t| t.iter()) {
            assert!(
                !f.title.is_empty() && !f.zh.is_empty() && !f.en.is_empty(),
                "{}",
                f.key
            );
        }
    }

    #[test]
    fn enums_come_from_the_official_terms() {
        let Some(Type::Enum(values)) = field(Kind::Filed, "ownership").map(|f| f.ty) else {
            panic!("ownership is an enum");
        };
        assert!(values().contains(&"公办民营"));
        assert!(field(Kind::Filed, "address").is_some_and(|f| f.required_in(Kind::Filed)));
        assert!(field(Kind::CareSite, "address").is_some_and(|f| !f.required_in(Kind::CareSite)));
    }
}
