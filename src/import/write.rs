//! YAML text for imported records: new records appended as blocks, changed fields of
//! existing records edited in place in their file's text, so comments, key order and
//! other records stay as the editor left them.

use super::existing::{Existing, entries};
use super::value::FieldValue;
use crate::load::yaml::{self, Node, Value};

/// A replacement of the bytes `start..end` of a file's text.
#[derive(Debug, Clone)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Apply edits (in any order; overlapping or misplaced ones are dropped) to a text, in
/// one pass, so that thousands of edits to one big list stay linear.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + edits.len() * 16);
    let mut at = 0;
    for e in edits {
        let fits = at <= e.start
            && e.start <= e.end
            && text.is_char_boundary(e.start)
            && text.is_char_boundary(e.end);
        if !fits {
            continue;
        }
        out.push_str(&text[at..e.start]);
        out.push_str(&e.text);
        at = e.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A string as a YAML scalar: plain when it reads back as the same text, else quoted.
pub fn scalar(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && s.trim() == s
        && !s.contains(['\n', '\r', '\t', '"', '\'', '#', '`'])
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@',
        ])
        && !s.contains(": ")
        && !s.contains(['{', '}', '[', ']', ','])
        && (!s.is_ascii() || reads_back(s));
    if plain_ok {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
    }
}

/// Whether `k: s` parses back to the text `s` (not a number, date-less bool, null…).
fn reads_back(s: &str) -> bool {
    match yaml::parse(&format!("k: {s}\n")) {
        Ok(Node {
            value: Value::Map(e),
            ..
        }) => matches!(e.first(), Some((_, Node { value: Value::Str(v), .. })) if v == s),
        _ => false,
    }
}

/// A value in YAML flow form (it fits after `key: `).
pub fn value_yaml(v: &FieldValue) -> String {
    match v {
        FieldValue::Str(s) => scalar(s),
        FieldValue::Int(i) => i.to_string(),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Date(d) => d.to_string(),
        FieldValue::List(l) => {
            let items: Vec<String> = l.iter().map(|s| scalar(s)).collect();
            format!("[{}]", items.join(", "))
        }
        FieldValue::Ages(a, b) => format!("{{min_months: {a}, max_months: {b}}}"),
        FieldValue::Num(n) => n.to_string(),
        FieldValue::Location(lat, lng) => format!("{{lat: {lat}, lng: {lng}}}"),
    }
}

/// A new record as a list item block, after a blank line.
pub fn record_block(id: &str, values: &[(&'static str, FieldValue)]) -> String {
    let mut out = format!("\n- id: {}\n", scalar(id));
    for (k, v) in values {
        out.push_str(&format!("  {k}: {}\n", value_yaml(v)));
    }
    out
}

/// The edits that set `values` on an existing record: a present key's value is replaced,
/// an absent key goes on a new line after the record's last one-line entry.
pub fn record_edits(
    text: &str,
    rec: &Existing,
    values: &[(&'static str, FieldValue)],
) -> Vec<Edit> {
    let es = entries(&rec.node);
    let mut edits = Vec::new();
    let mut inserts = String::new();
    for (key, v) in values {
        match es
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
        {
            Some((_, node))
                if !matches!(node.value, Value::Map(_) | Value::Seq(_)) || is_flow(text, node) =>
            {
                let end = scalar_end(text, node);
                edits.push(Edit {
                    start: node.pos.start,
                    end,
                    text: value_yaml(v),
                });
            }
            // A block list or mapping: rewritten in flow form after its key.
            Some((k, node)) => edits.push(Edit {
                start: k.pos.end,
                end: block_end(text, node),
                text: format!(": {}", value_yaml(v)),
            }),
            None => inserts.push_str(&format!(
                "{}{key}: {}\n",
                indent_of(text, rec),
                value_yaml(v)
            )),
        }
    }
    if !inserts.is_empty() {
        edits.push(insertion(text, rec, inserts));
    }
    edits
}

fn is_flow(text: &str, node: &Node) -> bool {
    text.get(node.pos.start..)
        .is_some_and(|t| t.starts_with(['{', '[']))
}

/// A value's end. Plain scalars end at their last character (the parser may end a span
/// at the next token); flow collections at their closing bracket, found by counting
/// (the parser's span of a flow collection covers only its opening bracket).
fn scalar_end(text: &str, node: &Node) -> usize {
    let (start, end) = (node.pos.start, node.pos.end.min(text.len()));
    if is_flow(text, node) {
        return flow_end(text, start).unwrap_or(end);
    }
    match text.get(start..end) {
        Some(t) if !t.starts_with(['|', '>']) => start + t.trim_end().len(),
        _ => end,
    }
}

/// The byte after the bracket that closes the one at `start`, quotes respected.
fn flow_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.get(start..)?.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(start + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where a block collection's text ends: the end of its last line with content.
fn block_end(text: &str, node: &Node) -> usize {
    let end = node.pos.end.min(text.len());
    let t = text.get(..end).unwrap_or("");
    t.trim_end().len()
}

fn indent_of(text: &str, rec: &Existing) -> String {
    let first_key = entries(&rec.node)
        .first()
        .map(|(k, _)| k.pos.start)
        .unwrap_or(0);
    let line_start = text
        .get(..first_key)
        .and_then(|t| t.rfind('\n'))
        .map(|i| i + 1)
        .unwrap_or(0);
    let before = text.get(line_start..first_key).unwrap_or("");
    // `- id: x`: the keys stand where `id` stands.
    " ".repeat(before.chars().count())
}

/// New lines go after the last entry whose value is on one line, at the start of the
/// next line (flow-style records get `, key: value` before their `}`).
fn insertion(text: &str, rec: &Existing, lines: String) -> Edit {
    if is_flow(text, &rec.node) {
        let close = rec.node.pos.end.min(text.len());
        let at = text
            .get(..close)
            .and_then(|t| t.rfind('}'))
            .unwrap_or(close);
        let pairs: Vec<String> = lines.lines().map(|l| l.trim().to_string()).collect();
        return Edit {
            start: at,
            end: at,
            text: format!(", {}", pairs.join(", ")),
        };
    }
    let last = entries(&rec.node)
        .iter()
        .filter(|(_, v)| !matches!(v.value, Value::Map(_) | Value::Seq(_)) || is_flow(text, v))
        .map(|(_, v)| scalar_end(text, v))
        .max()
        .unwrap_or(rec.node.pos.start);
    let at = match text.get(last..).and_then(|t| t.find('\n')) {
        Some(i) => last + i + 1,
        None => text.len(),
    };
    let lead = if at == text.len() && !text.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    Edit {
        start: at,
        end: at,
        text: format!("{lead}{lines}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_values_are_replaced_whole() {
        let text = "- id: a\n  ages: {min_months: 12, max_months: 36}\n  services: [全日托, 半日托]\n  hours: 8:00\n";
        let root = yaml::parse(text).unwrap();
        let Value::Seq(items) = &root.value else {
            panic!()
        };
        let rec = Existing {
            rel: String::new(),
            id: "a".into(),
            name: String::new(),
            district: None,
            credit_code: None,
            filing_number: None,
            line: 1,
            node: items[0].clone(),
        };
        let values = [
            ("ages", FieldValue::Ages(6, 36)),
            ("services", FieldValue::List(vec!["全日托".into()])),
            ("capacity", FieldValue::Int(40)),
        ];
        let out = apply(text, record_edits(text, &rec, &values));
        assert_eq!(
            out,
            "- id: a\n  ages: {min_months: 6, max_months: 36}\n  services: [全日托]\n  hours: 8:00\n  capacity: 40\n"
        );
    }

    #[test]
    fn scalars_quote_only_when_needed() {
        assert_eq!(scalar("示例托育园"), "示例托育园");
        assert_eq!(scalar("0532-88886666"), "0532-88886666");
        assert_eq!(scalar("30"), "\"30\"");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("-x"), "\"-x\"");
    }
}
