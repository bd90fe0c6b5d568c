//! Field-by-field reading of YAML nodes into typed values, collecting every problem.
//!
//! A [`Checker`] belongs to one source file. Each accessor returns `None` (and records a
//! located diagnostic) when the value is wrong, so the caller can go on checking the rest.

use jiff::civil::Date;

use super::enums::ZhEnum;
use crate::diagnostics::{Diagnostic, Text};
use crate::diagnostics::Pos;
use crate::load::yaml::{Node, Value};

/// Collects diagnostics for one file.
pub struct Checker<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub diags: &'a mut Vec<Diagnostic>,
}

/// The entries of one YAML mapping whose keys have been checked against a schema.
#[derive(Clone, Copy)]
pub struct Fields<'n> {
    pub pos: Pos,
    entries: &'n [(Node, Node)],
}

impl<'n> Fields<'n> {
    /// The value of `key`, treating an explicit null (`phone:`) as absent.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a str, text: &'a str, diags: &'a mut Vec<Diagnostic>) -> Self {
        Self { file, text, diags }
    }

    pub fn error(&mut self, pos: Pos, msg: impl Into<Text>) {
        self.diags.push(Diagnostic::error(self.file, pos, msg));
    }

    pub fn error_help(&mut self, pos: Pos, msg: impl Into<Text>, help: impl Into<Text>) {
        self.diags
            .push(Diagnostic::error(self.file, pos, msg).with_help(help));
    }

    pub fn warning(&mut self, pos: Pos, msg: impl Into<Text>) {
        self.diags.push(Diagnostic::warning(self.file, pos, msg));
    }

    fn wrong_type(&mut self, n: &Node, key: &str, expected: &str) {
        let msg = format!(
            "`{key}` should be {expected}, found {}",
            n.value.kind_name()
        );
        self.error(n.pos, msg);
    }

    /// Check that `node` is a mapping whose keys are all in `allowed`.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        allowed: &[&str],
        what: &str,
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            let msg = format!(
                "{what} should be a mapping (key: value), found {}",
                node.value.kind_name()
            );
            self.error(node.pos, msg);
            return None;
        };
        for (k, _) in entries {
            match &k.value {
                Value::Str(s) if allowed.contains(&s.as_str()) => {}
                Value::Str(s) => {
                    let help = match closest(s, allowed) {
                        Some(c) => {
                            format!("did you mean `{c}`? allowed keys: {}", allowed.join(", "))
                        }
                        None => format!("allowed keys: {}", allowed.join(", ")),
                    };
                    self.error_help(k.pos, format!("unknown key `{s}` in {what}"), help);
                }
                other => self.error(
                    k.pos,
                    format!("keys must be text, found {}", other.kind_name()),
                ),
            }
        }
        Some(Fields {
            pos: node.pos,
            entries,
        })
    }

    fn missing(&mut self, f: &Fields, key: &str, what: &str) {
        self.error(f.pos, format!("{what} is missing the required key `{key}`"));
    }

    /// A scalar read as text. Numbers keep their spelling as written in the file.
    pub fn text(&mut self, n: &Node, key: &str) -> Option<String> {
        let s = match &n.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Int(_) | Value::Float(_) => self.raw(n).unwrap_or_default(),
            Value::Bool(_) => {
                self.wrong_type(n, key, "text (put it in quotes)");
                return None;
            }
            _ => {
                self.wrong_type(n, key, "text");
                return None;
            }
        };
        if s.is_empty() {
            self.error(n.pos, format!("`{key}` is empty"));
            return None;
        }
        Some(s)
    }

    fn raw(&self, n: &Node) -> Option<String> {
        let (s, e) = (n.pos.start, n.pos.end);
        (e > s)
            .then(|| self.text.get(s..e))
            .flatten()
            .map(|t| t.trim().to_string())
    }

    pub fn opt_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.text(n, key))
    }

    pub fn req_text(&mut self, f: &Fields, key: &str, what: &str) -> Option<String> {
        match f.get(key) {
            Some(n) => self.text(n, key),
            None => {
                self.missing(f, key, what);
                None
            }
        }
    }

    /// The record id: an ASCII slug `[a-z0-9][a-z0-9-]*`.
    pub fn slug(&mut self, f: &Fields, key: &str, what: &str) -> Option<(String, Pos)> {
        let n = match f.get(key) {
            Some(n) => n,
            None => {
                self.missing(f, key, what);
                return None;
            }
        };
        let s = self.text(n, key)?;
        if is_slug(&s) {
            Some((s, n.pos))
        } else {
            self.error_help(
                n.pos,
                format!("`{key}` `{s}` is not a valid id"),
                "use lowercase ASCII letters, digits and hyphens, starting with a letter or digit (e.g. chengyang-sanli)",
            );
            None
        }
    }

    pub fn opt_bool(&mut self, f: &Fields, key: &str) -> Option<bool> {
        let n = f.get(key)?;
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(n, key, "true or false");
                None
            }
        }
    }

    /// A whole number within `min..=max`.
    pub fn int(&mut self, n: &Node, key: &str, min: i64, max: i64) -> Option<i64> {
        let Value::Int(v) = n.value else {
            self.wrong_type(n, key, "a whole number");
            return None;
        };
        if v < min || v > max {
            self.error(
                n.pos,
                format!("`{key}` is {v}, outside the allowed range {min}–{max}"),
            );
            return None;
        }
        Some(v)
    }

    pub fn opt_int(&mut self, f: &Fields, key: &str, min: i64, max: i64) -> Option<i64> {
        f.get(key).and_then(|n| self.int(n, key, min, max))
    }

    pub fn req_int(
        &mut self,
        f: &Fields,
        key: &str,
        min: i64,
        max: i64,
        what: &str,
    ) -> Option<i64> {
        match f.get(key) {
            Some(n) => self.int(n, key, min, max),
            None => {
                self.missing(f, key, what);
                None
            }
        }
    }

    /// A number (whole or decimal) within `min..=max`.
    pub fn req_float(
        &mut self,
        f: &Fields,
        key: &str,
        min: f64,
        max: f64,
        what: &str,
    ) -> Option<f64> {
        let Some(n) = f.get(key) else {
            self.missing(f, key, what);
            return None;
        };
        let v = match n.value {
            Value::Float(v) => v,
            Value::Int(v) => v as f64,
            _ => {
                self.wrong_type(n, key, "a number");
                return None;
            }
        };
        if !(min..=max).contains(&v) {
            self.error(
                n.pos,
                format!("`{key}` is {v}, outside the allowed range {min}–{max}"),
            );
            return None;
        }
        Some(v)
    }

    pub fn enum_value<E: ZhEnum>(&mut self, n: &Node, key: &str) -> Option<E> {
        let s = self.text(n, key)?;
        let v = E::parse(&s);
        if v.is_none() {
            self.error_help(
                n.pos,
                format!("`{key}` has unknown value `{s}`"),
                format!("allowed values: {}", E::allowed()),
            );
        }
        v
    }

    pub fn opt_enum<E: ZhEnum>(&mut self, f: &Fields, key: &str) -> Option<E> {
        f.get(key).and_then(|n| self.enum_value(n, key))
    }

    /// The items of a list field; a missing field is an empty list.
    pub fn list<'n>(&mut self, f: &Fields<'n>, key: &str) -> &'n [Node] {
        match f.get(key) {
            None => &[],
            Some(n) => match &n.value {
                Value::Seq(items) => items,
                _ => {
                    self.wrong_type(n, key, "a list");
                    &[]
                }
            },
        }
    }

    pub fn text_list(&mut self, f: &Fields, key: &str) -> Vec<String> {
        self.list(f, key)
            .iter()
            .filter_map(|n| self.text(n, key))
            .collect()
    }

    pub fn enum_list<E: ZhEnum + PartialEq>(&mut self, f: &Fields, key: &str) -> Vec<E> {
        let mut out: Vec<E> = Vec::new();
        for n in self.list(f, key) {
            if let Some(v) = self.enum_value::<E>(n, key) {
                if out.contains(&v) {
                    self.warning(n.pos, format!("`{key}` lists `{}` twice", v.as_str()));
                } else {
                    out.push(v);
                }
            }
        }
        out
    }

    /// A calendar date written `YYYY-MM-DD`; impossible dates (2021-02-30) are errors.
    pub fn date(&mut self, n: &Node, key: &str) -> Option<Date> {
        let s = self.text(n, key)?;
        let parsed = s
            .parse::<Date>()
            .ok()
            .filter(|_| s.len() == 10 && s.as_bytes()[4] == b'-');
        if parsed.is_none() {
            self.error_help(
                n.pos,
                format!("`{key}` `{s}` is not a valid date"),
                "write dates as YYYY-MM-DD, e.g. 2021-11-11, and check the day exists",
            );
        }
        parsed
    }

    pub fn opt_date(&mut self, f: &Fields, key: &str) -> Option<Date> {
        f.get(key).and_then(|n| self.date(n, key))
    }

    pub fn req_date(&mut self, f: &Fields, key: &str, what: &str) -> Option<Date> {
        match f.get(key) {
            Some(n) => self.date(n, key),
            None => {
                self.missing(f, key, what);
                None
            }
        }
    }

    /// An absolute http(s) URL without characters that could break out of an attribute.
    pub fn url(&mut self, n: &Node, key: &str) -> Option<String> {
        let s = self.text(n, key)?;
        if is_safe_url(&s) {
            Some(s)
        } else {
            self.error_help(
                n.pos,
                format!("`{key}` `{s}` is not a safe web address"),
                "only absolute http:// or https:// addresses are allowed",
            );
            None
        }
    }

    pub fn opt_url(&mut self, f: &Fields, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.url(n, key))
    }
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

/// The allowed key nearest to a typo, if it is close enough to be a likely intent.
fn closest<'k>(s: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|a| (levenshtein(s, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min()
        .map(|(_, a)| a)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unsafe_urls() {
        assert!(is_safe_url("https://www.qingdaonews.com/a?b=1"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("https://x.org/\"onmouseover=alert(1)"));
        assert!(!is_safe_url("//evil.org"));
        assert!(!is_safe_url("https:///path"));
    }

    #[test]
    fn suggests_close_keys() {
        assert_eq!(closest("adress", &["address", "name"]), Some("address"));
        assert_eq!(closest("zzz", &["address", "name"]), None);
    }
}
