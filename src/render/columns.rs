//! The columns of the open-data table (CSV and spreadsheet): each column's header, the
//! contract field it holds (`model::spec`, for its title, description and type in
//! `datapackage.json`) and how its cell is made. Unknown facts are empty cells, never 否.

use crate::model::enums::ZhEnum;
use crate::model::spec::{self, Field, Type};
use crate::model::{Institution, Kind, Site};

/// One column.
pub struct Column {
    /// The CSV header.
    pub header: &'static str,
    /// The contract field, as a path (`ages.min_months`), or a derived column's meaning.
    pub meaning: Meaning,
    pub cell: fn(&Site, &Institution) -> String,
}

/// What a column holds.
pub enum Meaning {
    Field(&'static str),
    /// Not a content field: (标题, zh, en, Table Schema type).
    Derived(&'static str, &'static str, &'static str, &'static str),
}

impl Column {
    /// A number in the spreadsheet (Table Schema `integer` or `number`), so it sorts and sums.
    pub fn is_numeric(&self) -> bool {
        matches!(self.describe().3, "integer" | "number")
    }

    /// 标题, Chinese and English descriptions and Table Schema type.
    pub fn describe(&self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self.meaning {
            Meaning::Derived(t, zh, en, ty) => (t, zh, en, ty),
            Meaning::Field(path) => match field(path) {
                Some(f) => (f.title, f.zh, f.en, table_type(f.ty)),
                None => (self.header, "", "", "string"),
            },
        }
    }
}

/// The CSV cell of a list or enum is text ("全日托、半日托"); numbers and dates keep
/// their types.
fn table_type(ty: Type) -> &'static str {
    match ty {
        Type::List(_) | Type::Map(_) | Type::Source => "string",
        t => t.table_type(),
    }
}

/// The contract field at `path` (`name`, `ages.min_months`), in whichever kind has it.
pub fn field(path: &str) -> Option<&'static Field> {
    let mut parts = path.split('.');
    let top = parts.next()?;
    let mut f = Kind::ALL.into_iter().find_map(|k| spec::field(k, top))?;
    for part in parts {
        let Type::Map(inner) = f.ty else { return None };
        f = inner.iter().find(|x| x.key == part)?;
    }
    Some(f)
}

fn o(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}
fn yes(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}
fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}
fn zh<E: ZhEnum>(v: Option<E>) -> String {
    v.map(|v| v.as_str().to_string()).unwrap_or_default()
}
fn joined<T: AsRef<str>>(v: &[T]) -> String {
    v.iter().map(|s| s.as_ref()).collect::<Vec<_>>().join("、")
}

use Meaning::{Derived as D, Field as F};

macro_rules! col {
    ($h:literal, $m:expr, |$s:ident, $i:ident| $e:expr) => {
        Column {
            header: $h,
            meaning: $m,
            cell: |$s, $i| {
                let _ = &$s;
                $e
            },
        }
    };
}

/// Every column, in order. Text that an editor wrote goes through [`super::data::guard`]
/// when the row is written.
#[rustfmt::skip]
pub const COLUMNS: &[Column] = &[
    col!("id", F("id"), |_s, i| i.id.clone()),
    col!("名称", F("name"), |_s, i| i.name.clone()),
    col!("又名", F("aliases"), |_s, i| joined(&i.aliases)),
    col!("区市", F("district"), |s, i| s.districts[i.district].name.clone()),
    col!("街道", F("street"), |_s, i| o(&i.street)),
    col!("地址", F("address"), |_s, i| o(&i.address)),
    col!("已备案", D("已备案", "是否列入备案机构名单。", "Whether it is on the list of filed institutions.", "boolean"), |_s, i| yes(i.filed.is_some())),
    col!("备案日期", F("filed_on"), |_s, i| num(i.filed.as_ref().map(|f| f.filed_on))),
    col!("备案编号", F("filing_number"), |_s, i| o(&i.filed.as_ref().and_then(|f| f.filing_number.clone()))),
    col!("统一社会信用代码", F("credit_code"), |_s, i| o(&i.filed.as_ref().and_then(|f| f.credit_code.clone()))),
    col!("举办者", F("operator"), |_s, i| o(&i.filed.as_ref().and_then(|f| f.operator.clone()))),
    col!("举办性质", F("ownership"), |_s, i| zh(i.ownership)),
    col!("营利性质", F("profit"), |_s, i| zh(i.filed.as_ref().and_then(|f| f.profit))),
    col!("机构形式", F("form"), |_s, i| zh(i.filed.as_ref().and_then(|f| f.form))),
    // Unknown is an empty cell, not 否.
    col!("普惠", F("inclusive"), |_s, i| i.inclusive().map(yes).unwrap_or_default()),
    col!("状态", F("status"), |_s, i| zh(i.status())),
    col!("示范级别", F("level"), |_s, i| zh(i.demonstration.as_ref().map(|d| d.level))),
    col!("示范年份", F("year"), |_s, i| num(i.demonstration.as_ref().map(|d| d.year))),
    col!("托育点", D("托育点", "是否列入托育点名单。", "Whether it is on the list of childcare sites.", "boolean"), |_s, i| yes(i.care_site.is_some())),
    col!("托位数", F("capacity"), |_s, i| num(i.capacity)),
    col!("空余托位", F("vacancies.places"), |_s, i| num(i.vacancies.map(|v| v.places))),
    col!("空余托位统计日期", F("vacancies.as_of"), |_s, i| num(i.vacancies.map(|v| v.as_of))),
    col!("最小月龄", F("ages.min_months"), |_s, i| num(i.ages.map(|a| a.min_months))),
    col!("最大月龄", F("ages.max_months"), |_s, i| num(i.ages.map(|a| a.max_months))),
    col!("服务类型", F("services"), |_s, i| i.services.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、")),
    col!("其他服务", F("programs"), |_s, i| joined(&i.programs)),
    col!("收费", F("fee"), |_s, i| o(&i.fee)),
    col!("月收费（元）", F("monthly_fee"), |_s, i| num(i.monthly_fee)),
    col!("电话", F("phone"), |_s, i| o(&i.phone)),
    col!("服务时间", F("hours"), |_s, i| o(&i.hours)),
    col!("纬度", F("location.lat"), |_s, i| num(i.location.map(|l| l.lat))),
    col!("经度", F("location.lng"), |_s, i| num(i.location.map(|l| l.lng))),
    col!("网址", F("website"), |_s, i| o(&i.website)),
    col!("更新日期", F("updated"), |_s, i| num(i.updated)),
    col!("页面", D("页面", "机构页面的网址。", "The address of the institution's page.", "string"), |s, i| format!("{}institutions/{}.html", s.config.base_url, i.id)),
];

/// Columns whose cells are editors' text, to be defused against spreadsheet formulas.
pub fn is_text(c: &Column) -> bool {
    !matches!(c.header, "id" | "页面" | "网址" | "纬度" | "经度")
}
