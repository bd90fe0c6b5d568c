//! Field-by-field reading of YAML nodes into typed values, collecting every problem.
//!
//! A [`Checker`] belongs to one source file and collects its diagnostics. [`Checker::fields`]
//! checks a mapping's keys and gives [`Fields`], which knows what the mapping is (for
//! messages such as "备案机构记录缺少必填的键"), so readers need only the key:
//! `f.req::<String>(ck, "name")`, `f.opt::<Date>(ck, "updated")`,
//! `f.opt_in(ck, "capacity", 0..=100_000)`. Every type an editor may write implements
//! [`FromNode`]; a reader returns `None` (and records a located diagnostic) when the value
//! is wrong, so the caller goes on checking the rest.

use std::ops::RangeInclusive;

pub use super::values::{Slug, Url, is_safe_url, is_slug, too_long};
use crate::diagnostics::catalogue::{load as types, model as msg};
use crate::diagnostics::{Diagnostic, Pos, Text};
use crate::load::yaml::{Node, Value};

pub use super::values::MAX_SLUG_LEN;
/// Collects diagnostics for one file.
pub struct Checker<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub diags: &'a mut Vec<Diagnostic>,
}

/// The entries of one YAML mapping whose keys have been checked, and what it is.
#[derive(Clone)]
pub struct Fields<'n> {
    pub pos: Pos,
    /// What the mapping is, for messages ("备案机构记录", "a source").
    pub what: Text,
    entries: &'n [(Node, Node)],
}

/// A value an editor may write in a field, read from its node with located errors.
pub trait FromNode: Sized {
    fn from_node(ck: &mut Checker, n: &Node, key: &str) -> Option<Self>;
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

    /// Where `key`'s value stands, or the mapping itself when it is absent.
    pub fn pos_of(&self, key: &str) -> Pos {
        self.get(key).map(|n| n.pos).unwrap_or(self.pos)
    }

    /// An optional field.
    pub fn opt<T: FromNode>(&self, ck: &mut Checker, key: &str) -> Option<T> {
        self.get(key).and_then(|n| T::from_node(ck, n, key))
    }

    /// A required field: absent is an error at the mapping.
    pub fn req<T: FromNode>(&self, ck: &mut Checker, key: &str) -> Option<T> {
        match self.get(key) {
            Some(n) => T::from_node(ck, n, key),
            None => {
                let m = Text::new(&msg::MISSING_KEY)
                    .arg("what", self.what.clone())
                    .arg("key", key);
                ck.error(self.pos, m);
                None
            }
        }
    }

    /// An optional number within `range`.
    pub fn opt_in<T: Ranged>(
        &self,
        ck: &mut Checker,
        key: &str,
        range: RangeInclusive<T>,
    ) -> Option<T> {
        let n = self.get(key)?;
        T::from_node(ck, n, key).and_then(|v| ck.in_range(n, key, v, range))
    }

    /// A required number within `range`.
    pub fn req_in<T: Ranged>(
        &self,
        ck: &mut Checker,
        key: &str,
        range: RangeInclusive<T>,
    ) -> Option<T> {
        let n = self.get(key);
        let v = self.req::<T>(ck, key)?;
        ck.in_range(n?, key, v, range)
    }

    /// The items of a list field; a missing field is an empty list.
    pub fn list(&self, ck: &mut Checker, key: &str) -> &'n [Node] {
        match self.get(key) {
            None => &[],
            Some(n) => match &n.value {
                Value::Seq(items) => items,
                _ => {
                    ck.wrong_type(n, key, Text::new(&types::TYPE_LIST));
                    &[]
                }
            },
        }
    }

    /// A list of values, each once (a repeated one is a warning).
    pub fn list_of<T: FromNode + PartialEq>(&self, ck: &mut Checker, key: &str) -> Vec<T> {
        let mut out: Vec<T> = Vec::new();
        for n in self.list(ck, key) {
            let Some(v) = T::from_node(ck, n, key) else {
                continue;
            };
            if out.contains(&v) {
                let shown = ck.raw(n).unwrap_or_default();
                let m = Text::new(&msg::LISTED_TWICE)
                    .arg("key", key)
                    .arg("value", shown);
                ck.warning(n.pos, m);
            } else {
                out.push(v);
            }
        }
        out
    }

    /// An id (ASCII slug, at most [`MAX_SLUG_LEN`] characters) and where it stands.
    pub fn id(&self, ck: &mut Checker, key: &str) -> Option<(String, Pos)> {
        let Slug(s) = self.req(ck, key)?;
        Some((s, self.pos_of(key)))
    }
}

/// Numbers checked against a range.
pub trait Ranged: FromNode + PartialOrd + Copy + std::fmt::Display {}
impl Ranged for i64 {}
impl Ranged for f64 {}

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

    pub(super) fn wrong_type(&mut self, n: &Node, key: &str, expected: Text) {
        let m = Text::new(&msg::WRONG_TYPE)
            .arg("key", key)
            .arg("expected", expected)
            .arg("found", n.value.kind_name());
        self.error(n.pos, m);
    }

    /// Check that `node` is a mapping whose keys are all in `allowed`; `what` names it in
    /// every later message about its fields.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        allowed: &[&str],
        what: impl Into<Text>,
    ) -> Option<Fields<'n>> {
        let what = what.into();
        let Value::Map(entries) = &node.value else {
            let m = Text::new(&msg::NOT_A_MAPPING)
                .arg("what", what)
                .arg("found", node.value.kind_name());
            self.error(node.pos, m);
            return None;
        };
        for (k, v) in entries {
            if v.value == Value::Null {
                self.comment_as_value(k);
            }
            match &k.value {
                Value::Str(s) if allowed.contains(&s.as_str()) => {}
                Value::Str(s) => {
                    let list = allowed.join(", ");
                    let help = match closest(s, allowed) {
                        Some(c) => Text::new(&msg::DID_YOU_MEAN)
                            .arg("suggestion", c)
                            .arg("allowed", list),
                        None => Text::new(&msg::ALLOWED_KEYS).arg("allowed", list),
                    };
                    let m = Text::new(&msg::UNKNOWN_KEY)
                        .arg("key", s)
                        .arg("what", what.clone());
                    self.error_help(k.pos, m, help);
                }
                other => {
                    let m = Text::new(&msg::KEY_NOT_TEXT).arg("found", other.kind_name());
                    self.error(k.pos, m);
                }
            }
        }
        Some(Fields {
            pos: node.pos,
            what,
            entries,
        })
    }

    /// `phone: #2` is a key with no value and a comment: say so where the `#` is, since
    /// the editor almost surely meant the text.
    fn comment_as_value(&mut self, k: &Node) {
        let Value::Str(key) = &k.value else { return };
        let line_end = self.text[k.pos.end..]
            .find('\n')
            .map_or(self.text.len(), |i| k.pos.end + i);
        let Some(after) = self.text.get(k.pos.end..line_end) else {
            return;
        };
        let Some(rest) = after.strip_prefix(':') else {
            return;
        };
        let comment = rest.trim_start_matches([' ', '\t']);
        if !comment.starts_with('#') || comment.len() == rest.len() {
            return;
        }
        let start = line_end - comment.len();
        let column = k.pos.column + after[..after.len() - comment.len()].chars().count() as u32;
        let pos = Pos {
            line: k.pos.line,
            column: column + key.chars().count() as u32,
            start,
            end: start + 1,
        };
        let m = Text::new(&msg::COMMENT_AS_VALUE).arg("key", key);
        let h = Text::new(&msg::COMMENT_AS_VALUE_HELP)
            .arg("key", key)
            .arg("value", comment.trim_end());
        self.diags
            .push(Diagnostic::warning(self.file, pos, m).with_help(h));
    }

    fn in_range<T: Ranged>(
        &mut self,
        n: &Node,
        key: &str,
        v: T,
        range: RangeInclusive<T>,
    ) -> Option<T> {
        if range.contains(&v) {
            return Some(v);
        }
        let m = Text::new(&msg::OUT_OF_RANGE)
            .arg("key", key)
            .arg("value", v.to_string())
            .arg("min", range.start().to_string())
            .arg("max", range.end().to_string());
        self.error(n.pos, m);
        None
    }

    /// The node's text as written in the file.
    pub(super) fn raw(&self, n: &Node) -> Option<String> {
        let (s, e) = (n.pos.start, n.pos.end);
        (e > s)
            .then(|| self.text.get(s..e))
            .flatten()
            .map(|t| t.trim().to_string())
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

    #[test]
    fn slugs_are_bounded() {
        assert!(too_long("id", &"a".repeat(MAX_SLUG_LEN)).is_none());
        assert!(too_long("id", &"a".repeat(MAX_SLUG_LEN + 1)).is_some());
    }
}
