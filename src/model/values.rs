//! The values an editor may write in a field ([`FromNode`] for text, yes/no, numbers,
//! dates, enumerations, web addresses and slugs), each read with located errors.

use jiff::civil::Date;

use super::enums::ZhEnum;
use super::fields::{Checker, FromNode};
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::{load as types, model as msg};
use crate::load::yaml::{Node, Value};

/// The longest id or slug: it becomes a file name (`institutions/<id>.html`), and file
/// systems refuse names over 255 bytes; 64 characters is plenty for a readable slug.
pub const MAX_SLUG_LEN: usize = 64;

/// A scalar read as text. Numbers keep their spelling as written in the file.
impl FromNode for String {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<String> {
        let s = match &n.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Int(_) | Value::Float(_) => ck.raw(n).unwrap_or_default(),
            Value::Bool(_) => {
                ck.wrong_type(n, key, Text::new(&msg::EXPECT_QUOTED_TEXT));
                return None;
            }
            _ => {
                ck.wrong_type(n, key, Text::new(&types::TYPE_TEXT));
                return None;
            }
        };
        if s.is_empty() {
            ck.error(n.pos, Text::new(&msg::EMPTY_VALUE).arg("key", key));
            return None;
        }
        Some(s)
    }
}

/// `true`/`false`, or 是/否 as editors write them.
impl FromNode for bool {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<bool> {
        match &n.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if s.trim() == "是" => Some(true),
            Value::Str(s) if s.trim() == "否" => Some(false),
            _ => {
                ck.wrong_type(n, key, Text::new(&msg::EXPECT_BOOL));
                None
            }
        }
    }
}

/// A whole number.
impl FromNode for i64 {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<i64> {
        match n.value {
            Value::Int(v) => Some(v),
            _ => {
                ck.wrong_type(n, key, Text::new(&types::TYPE_INT));
                None
            }
        }
    }
}

/// A number, whole or decimal.
impl FromNode for f64 {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<f64> {
        match n.value {
            Value::Float(v) => Some(v),
            Value::Int(v) => Some(v as f64),
            _ => {
                ck.wrong_type(n, key, Text::new(&msg::EXPECT_NUMBER));
                None
            }
        }
    }
}

/// A calendar date written `YYYY-MM-DD`; impossible dates (2021-02-30) are errors.
impl FromNode for Date {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<Date> {
        let s = String::from_node(ck, n, key)?;
        let parsed = s
            .parse::<Date>()
            .ok()
            .filter(|_| s.len() == 10 && s.as_bytes()[4] == b'-');
        if parsed.is_none() {
            let m = Text::new(&msg::BAD_DATE).arg("key", key).arg("value", s);
            ck.error_help(n.pos, m, Text::new(&msg::BAD_DATE_HELP));
        }
        parsed
    }
}

/// One of the Chinese terms of an enumeration.
impl<E: ZhEnum> FromNode for E {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<E> {
        let s = String::from_node(ck, n, key)?;
        let v = E::parse(&s);
        if v.is_none() {
            let m = Text::new(&msg::UNKNOWN_VALUE)
                .arg("key", key)
                .arg("value", s.as_str());
            let values: Vec<&str> = E::ALL.iter().map(|v| v.as_str()).collect();
            // `[全日托，半日托]` is one value to YAML: the comma is full-width.
            let parts: Vec<&str> = s.split(['，', '、']).map(str::trim).collect();
            let help = if parts.len() > 1 && parts.iter().all(|p| E::parse(p).is_some()) {
                Text::new(&msg::FULLWIDTH_COMMA_HELP).arg("fixed", parts.join(", "))
            } else {
                Text::new(&msg::ALLOWED_VALUES).arg("values", values.join(", "))
            };
            ck.error_help(n.pos, m, help);
        }
        v
    }
}

/// An absolute http(s) URL without characters that could break out of an attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct Url(pub String);

impl FromNode for Url {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<Url> {
        let s = String::from_node(ck, n, key)?;
        if is_safe_url(&s) {
            return Some(Url(s));
        }
        let m = Text::new(&msg::UNSAFE_URL).arg("key", key).arg("value", s);
        ck.error_help(n.pos, m, Text::new(&msg::UNSAFE_URL_HELP));
        None
    }
}

/// An ASCII slug `[a-z0-9][a-z0-9-]*` of at most [`MAX_SLUG_LEN`] characters: ids and
/// anything else that becomes a file name.
#[derive(Debug, Clone, PartialEq)]
pub struct Slug(pub String);

impl FromNode for Slug {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<Slug> {
        let s = String::from_node(ck, n, key)?;
        if !is_slug(&s) {
            let m = Text::new(&msg::BAD_ID).arg("key", key).arg("value", s);
            ck.error_help(n.pos, m, Text::new(&msg::BAD_ID_HELP));
            return None;
        }
        if let Some(m) = too_long(key, &s) {
            ck.error_help(n.pos, m, Text::new(&msg::TOO_LONG_HELP));
            return None;
        }
        Some(Slug(s))
    }
}

/// The error for a slug that is too long to be a file name, if it is.
pub fn too_long(key: &str, s: &str) -> Option<Text> {
    let len = s.chars().count();
    (len > MAX_SLUG_LEN).then(|| {
        Text::new(&msg::TOO_LONG)
            .arg("key", key)
            .arg("len", len)
            .arg("max", MAX_SLUG_LEN)
    })
}

pub fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// http(s) with a host, and no whitespace, quotes, angle brackets or backslashes.
pub fn is_safe_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c))
        }
        None => false,
    }
}
