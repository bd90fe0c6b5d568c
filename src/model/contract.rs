//! The values and small mappings that DESIGN.md's contract added (see [`super::spec`]):
//! month-or-date, 统一社会信用代码, phone numbers, sources written as a bare URL,
//! vacancies, and districts named by id, name or alias. Each is read with located errors.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::fields::{Checker, Fields, FromNode, Url, is_safe_url};
use super::{District, SourceRef, Vacancies, spec};
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::{contract as cmsg, model as msg};
use crate::load::yaml::{Node, Value};

/// A date, or only a month where the source gives no day (`2023-06`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthOrDate {
    pub year: i16,
    pub month: i8,
    pub day: Option<i8>,
}

impl MonthOrDate {
    pub fn from_date(d: Date) -> Self {
        Self {
            year: d.year(),
            month: d.month(),
            day: Some(d.day()),
        }
    }

    /// `YYYY-MM-DD` or `YYYY-MM`; impossible dates are refused.
    pub fn parse(s: &str) -> Option<Self> {
        if s.len() == 10 && s.as_bytes()[4] == b'-' {
            return s.parse::<Date>().ok().map(Self::from_date);
        }
        let (y, m) = s.split_once('-')?;
        let ok = y.len() == 4
            && m.len() == 2
            && s.bytes().filter(|b| *b != b'-').all(|b| b.is_ascii_digit());
        let (year, month) = (y.parse::<i16>().ok()?, m.parse::<i8>().ok()?);
        (ok && (1..=12).contains(&month) && year >= 1900).then_some(Self {
            year,
            month,
            day: None,
        })
    }

    /// As pages show it: `2023-06-15`, or `2023年6月` for a month.
    pub fn display(&self) -> String {
        match self.day {
            Some(_) => self.to_string(),
            None => format!("{}年{}月", self.year, self.month),
        }
    }
}

impl fmt::Display for MonthOrDate {
    /// `YYYY-MM-DD` or `YYYY-MM`, as editors write it (and as the open data has it).
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        match self.day {
            Some(d) => write!(f, "-{d:02}"),
            None => Ok(()),
        }
    }
}

impl Serialize for MonthOrDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Formatted once: postcard's `collect_str` formats a value twice (to measure it,
        // then to write it), and every record's dates are hashed at every build.
        s.serialize_str(&self.to_string())
    }
}

/// A date as its text (2024-03-01), formatted once (jiff's own `Serialize` goes through
/// `collect_str`, which postcard formats twice; see [`MonthOrDate`]'s).
pub fn date_text<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

/// Read back from the build cache (`crate::cache::parsed`), as written.
impl<'de> Deserialize<'de> for MonthOrDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        MonthOrDate::parse(&s).ok_or_else(|| serde::de::Error::custom("bad month or date"))
    }
}

impl FromNode for MonthOrDate {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<Self> {
        let s = String::from_node(ck, n, key)?;
        let v = MonthOrDate::parse(&s);
        if v.is_none() {
            let m = Text::new(&cmsg::BAD_MONTH_OR_DATE)
                .arg("key", key)
                .arg("value", s);
            ck.error_help(n.pos, m, Text::new(&cmsg::BAD_MONTH_OR_DATE_HELP));
        }
        v
    }
}

/// 统一社会信用代码 (GB 32100-2015): 18 characters with a check character.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditCode(pub String);

const CODE_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Whether `s` is a well-formed code whose last character is its check character.
pub fn is_credit_code(s: &str) -> bool {
    let values: Option<Vec<usize>> = s.chars().map(|c| CODE_CHARS.find(c)).collect();
    let Some(v) = values.filter(|v| v.len() == 18) else {
        return false;
    };
    let mut weight = 1usize;
    let mut sum = 0usize;
    for x in &v[..17] {
        sum += x * weight;
        weight = weight * 3 % 31;
    }
    (31 - sum % 31) % 31 == v[17]
}

impl FromNode for CreditCode {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<Self> {
        let s = String::from_node(ck, n, key)?.to_ascii_uppercase();
        if is_credit_code(&s) {
            return Some(CreditCode(s));
        }
        let m = Text::new(&cmsg::BAD_CREDIT_CODE)
            .arg("key", key)
            .arg("value", s);
        ck.error_help(n.pos, m, Text::new(&cmsg::BAD_CREDIT_CODE_HELP));
        None
    }
}

/// Phone numbers as officials write them: digits with spaces, -, +, parentheses, 转;
/// several separated by 、 or commas.
#[derive(Debug, Clone, PartialEq)]
pub struct Phone(pub String);

impl FromNode for Phone {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<Self> {
        let p = String::from_node(ck, n, key)?;
        let ok = p.chars().any(|c| c.is_ascii_digit())
            && p.chars()
                .all(|c| c.is_ascii_digit() || " -+()（）转,，、/".contains(c));
        if ok {
            return Some(Phone(p));
        }
        let m = Text::new(&msg::BAD_PHONE).arg("value", p);
        ck.error_help(n.pos, m, Text::new(&msg::BAD_PHONE_HELP));
        None
    }
}

/// One source: a mapping of title, url, date, or a bare URL.
pub fn source(ck: &mut Checker, n: &Node, key: &str) -> Option<SourceRef> {
    match &n.value {
        Value::Str(s) if is_safe_url(s.trim()) => Some(SourceRef {
            title: None,
            url: Some(s.trim().to_string()),
            date: None,
        }),
        Value::Str(_) => Url::from_node(ck, n, key).and(None),
        Value::Map(_) => {
            let g = ck.fields(n, &spec::keys(spec::SOURCE), &msg::WHAT_SOURCE)?;
            let title: Option<String> = g.opt(ck, "title");
            let url = g.opt::<Url>(ck, "url").map(|u| u.0);
            let date = g.opt(ck, "date");
            if title.is_none() && url.is_none() {
                ck.error(n.pos, Text::new(&cmsg::SOURCE_NEEDS_TITLE_OR_URL));
                return None;
            }
            Some(SourceRef { title, url, date })
        }
        other => {
            let m = Text::new(&cmsg::SOURCE_SHAPE).arg("found", other.kind_name());
            ck.error(n.pos, m);
            None
        }
    }
}

/// The `sources` list of a record.
pub fn sources(ck: &mut Checker, f: &Fields) -> Vec<SourceRef> {
    let mut out: Vec<SourceRef> = Vec::new();
    for n in f.list(ck, "sources") {
        if let Some(s) = source(ck, n, "sources")
            && !out.contains(&s)
        {
            out.push(s);
        }
    }
    out
}

/// `vacancies: {places, as_of}`.
pub fn vacancies(ck: &mut Checker, f: &Fields) -> Option<Vacancies> {
    let n = f.get("vacancies")?;
    let g = ck.fields(n, &spec::keys(spec::VACANCIES), &cmsg::WHAT_VACANCIES)?;
    let places = g.req_in(ck, "places", 0..=100_000);
    let as_of = g.req(ck, "as_of");
    Some(Vacancies {
        places: places? as u32,
        as_of: as_of?,
    })
}

/// A date that must not be after `today` (a filing accepted tomorrow is a typo).
pub fn not_future(ck: &mut Checker, f: &Fields, key: &str, d: Date, today: Date) -> Option<Date> {
    if d <= today {
        return Some(d);
    }
    let m = Text::new(&cmsg::FUTURE_DATE)
        .arg("key", key)
        .arg("value", d.to_string())
        .arg("today", today.to_string());
    ck.error_help(f.pos_of(key), m, Text::new(&cmsg::FUTURE_DATE_HELP));
    None
}

/// The district a record names by its id, its name or one of its aliases.
pub fn find_district(districts: &[District], s: &str) -> Option<usize> {
    districts
        .iter()
        .position(|d| d.id == s)
        .or_else(|| districts.iter().position(|d| d.name == s))
        .or_else(|| {
            districts
                .iter()
                .position(|d| d.aliases.iter().any(|a| a == s))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_months_and_dates() {
        let m = MonthOrDate::parse("2023-06").unwrap();
        assert_eq!(
            (m.to_string(), m.display()),
            ("2023-06".into(), "2023年6月".into())
        );
        assert_eq!(
            MonthOrDate::parse("2023-06-15").unwrap().to_string(),
            "2023-06-15"
        );
        for bad in ["2023-13", "2023-6", "2021-02-30", "23-06", "2023-0a"] {
            assert!(MonthOrDate::parse(bad).is_none(), "{bad}");
        }
        assert!(MonthOrDate::parse("2023-06").unwrap() < MonthOrDate::parse("2023-06-01").unwrap());
    }

    #[test]
    fn checks_credit_codes() {
        assert!(is_credit_code("91350100M000100Y43"));
        assert!(!is_credit_code("91350100M000100Y44"));
        assert!(!is_credit_code("91350100M000100Y4"));
        assert!(!is_credit_code("91350100M0001O0Y43"));
    }
}
