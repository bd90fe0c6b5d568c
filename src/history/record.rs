//! A record as history compares it: each field's value as display text, and the
//! difference of two such records in the field order of [`crate::model::spec`].

use std::collections::BTreeMap;

use super::{Change, Commit, FieldChange, What};
use crate::load::yaml::{self, Node, Value};
use crate::model::Kind;
use crate::model::spec;
use crate::model::values::is_slug;

/// Field key → the value as text (`12–36` style is left to the record: nested values are
/// written `key: value` joined by `，`, lists joined by `、`).
pub type Flat = BTreeMap<String, String>;

/// Long values (descriptions) are cut in change lists; the page has the full text.
const SHOWN_CHARS: usize = 80;

/// Every record of a file's text with an id. A file that is not YAML yields nothing:
/// such a commit cannot have been built, and the next readable one shows the change.
pub fn records_of(_kind: Kind, text: &str) -> Vec<(String, Flat)> {
    let Ok(root) = yaml::parse(text) else {
        return Vec::new();
    };
    let items: Vec<&Node> = match &root.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Map(_) => vec![&root],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|n| {
            let Value::Map(entries) = &n.value else {
                return None;
            };
            let flat: Flat = entries
                .iter()
                .filter_map(|(k, v)| match &k.value {
                    Value::Str(k) if v.value != Value::Null => Some((k.clone(), text_of(v))),
                    _ => None,
                })
                .collect();
            // An id that is not a slug never made a page (its build failed): left out,
            // and so never put unescaped into an anchor or a feed id.
            let id = flat.get("id").filter(|id| is_slug(id))?.clone();
            Some((id, flat))
        })
        .collect()
}

fn text_of(n: &Node) -> String {
    match &n.value {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "是" } else { "否" }.into(),
        Value::Int(v) => v.to_string(),
        Value::Float(v) => v.to_string(),
        Value::Str(s) => s.trim().to_string(),
        Value::Seq(items) => items.iter().map(text_of).collect::<Vec<_>>().join("、"),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| format!("{}: {}", text_of(k), text_of(v)))
            .collect::<Vec<_>>()
            .join("，"),
    }
}

/// The change from `before` to `after` of the record `key`, if any.
pub fn diff(
    commit: &Commit,
    key: &(Kind, String),
    before: Option<&Flat>,
    after: Option<&Flat>,
) -> Option<Change> {
    let (kind, id) = key;
    let name = |f: Option<&Flat>| f.and_then(|f| f.get("name")).cloned();
    let (what, fields) = match (before, after) {
        (None, None) => return None,
        (None, Some(_)) => (What::Added, Vec::new()),
        (Some(_), None) => (What::Removed, Vec::new()),
        (Some(b), Some(a)) => {
            let fields = changed_fields(*kind, b, a);
            if fields.is_empty() {
                return None;
            }
            let cancelled = a.get("status").is_some_and(|s| s == "注销")
                && b.get("status").is_none_or(|s| s != "注销");
            let what = if cancelled {
                What::Cancelled
            } else {
                What::Changed
            };
            (what, fields)
        }
    };
    Some(Change {
        date: commit.date.clone(),
        time: commit.time.clone(),
        commit: commit.id.clone(),
        folder: kind.folder().to_string(),
        id: id.clone(),
        name: name(after)
            .or_else(|| name(before))
            .unwrap_or_else(|| id.clone()),
        what,
        fields,
    })
}

/// The fields whose text differs, in the spec's order, then unknown keys by name.
fn changed_fields(kind: Kind, b: &Flat, a: &Flat) -> Vec<FieldChange> {
    let mut keys: Vec<&str> = spec::record_keys(kind);
    let mut extra: Vec<&str> = b
        .keys()
        .chain(a.keys())
        .map(String::as_str)
        .filter(|k| !keys.contains(k))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    keys.extend(extra);
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| FieldChange {
            key: k.to_string(),
            title: spec::field(kind, k).map_or(k, |f| f.title).to_string(),
            before: b.get(k).map(|v| shorten(v)),
            after: a.get(k).map(|v| shorten(v)),
        })
        .collect()
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= SHOWN_CHARS {
        return s.to_string();
    }
    let mut out: String = s.chars().take(SHOWN_CHARS).collect();
    out.push('…');
    out
}
