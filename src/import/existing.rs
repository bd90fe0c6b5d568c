//! The records a content folder already holds for one kind, read loosely from their YAML
//! trees (an invalid record can still be matched and updated), with the node spans that
//! editing them in place needs.

use std::collections::HashMap;
use std::path::Path;

use super::value::{self, DistrictName};
use crate::load::yaml::{Node, Value};
use crate::load::{self, LoadError};
use crate::model::Kind;

/// One record already in the content.
#[derive(Debug, Clone)]
pub struct Existing {
    /// Path inside the content folder (`filed/名单2023.yaml`).
    pub rel: String,
    pub id: String,
    pub name: String,
    /// The district's id, when it resolves.
    pub district: Option<String>,
    pub credit_code: Option<String>,
    pub filing_number: Option<String>,
    pub line: u32,
    /// The record's mapping node.
    pub node: Node,
}

impl Existing {
    pub fn get(&self, key: &str) -> Option<&Node> {
        entries(&self.node)
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }
}

pub fn entries(node: &Node) -> &[(Node, Node)] {
    match &node.value {
        Value::Map(e) => e,
        _ => &[],
    }
}

/// What the content folder holds for one kind.
#[derive(Debug, Default)]
pub struct Content {
    pub districts: Vec<DistrictName>,
    pub records: Vec<Existing>,
    /// The text of every record file of the kind, by `rel`.
    pub texts: HashMap<String, String>,
    /// Ids used by any kind: a new id must not collide with a different institution.
    pub all_ids: std::collections::HashSet<String>,
    /// Records of the other kinds, by district id and name, to their id: the same
    /// institution on another list keeps one id (and one page).
    pub others: HashMap<(String, String), String>,
}

/// Read districts.yaml and every record file (any kind, for ids; this kind, for records).
pub fn read(content: &Path, kind: Kind) -> Result<Content, LoadError> {
    let files = load::scan(content)?;
    let mut out = Content::default();
    if let Some(f) = &files.districts
        && let Ok(doc) = load::read_yaml(&files, f)?
    {
        out.districts = districts(&doc.root);
    }
    for f in &files.records {
        let Ok(doc) = load::read_yaml(&files, f)? else {
            continue;
        };
        let items: Vec<&Node> = match &doc.root.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Map(_) => vec![&doc.root],
            _ => Vec::new(),
        };
        let mine = Kind::of_folder(f.top_folder()) == Some(kind);
        for item in items {
            let Some(id) = text(item, "id") else { continue };
            out.all_ids.insert(id.clone());
            let rec = existing(&f.rel, id, item, &out.districts);
            if mine {
                out.records.push(rec);
            } else if let Some(d) = rec.district {
                out.others.entry((d, rec.name)).or_insert(rec.id);
            }
        }
        if mine {
            out.texts.insert(f.rel.clone(), doc.text.to_string());
        }
    }
    Ok(out)
}

fn existing(rel: &str, id: String, item: &Node, districts: &[DistrictName]) -> Existing {
    Existing {
        rel: rel.to_string(),
        id,
        name: text(item, "name").unwrap_or_default(),
        district: text(item, "district").and_then(|d| value::district(&d, districts).ok()),
        credit_code: text(item, "credit_code"),
        filing_number: text(item, "filing_number"),
        line: item.pos.line,
        node: item.clone(),
    }
}

/// A scalar entry as text.
pub fn text(node: &Node, key: &str) -> Option<String> {
    let (_, v) = entries(node)
        .iter()
        .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))?;
    scalar_text(v)
}

pub fn scalar_text(v: &Node) -> Option<String> {
    match &v.value {
        Value::Str(s) => Some(s.trim().to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn districts(root: &Node) -> Vec<DistrictName> {
    let Value::Seq(items) = &root.value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|d| {
            let aliases = match entries(d)
                .iter()
                .find(|(k, _)| k.value == Value::Str("aliases".into()))
            {
                Some((
                    _,
                    Node {
                        value: Value::Seq(a),
                        ..
                    },
                )) => a.iter().filter_map(scalar_text).collect(),
                _ => Vec::new(),
            };
            Some(DistrictName {
                id: text(d, "id")?,
                name: text(d, "name")?,
                aliases,
            })
        })
        .collect()
}
