//! Advice for YAML syntax errors, at the place of the mistake.
//!
//! The YAML parser says where it gave up, in its own (English, technical) words, and that
//! is often a line below the mistake: a tab on line 2 is reported at the end of line 1, a
//! full-width colon `：` as "simple key expected ':'". So when parsing fails, the lines
//! around that position are read again for the mistakes editors make (full-width
//! punctuation, tabs, a missing space after `:`, an unquoted `: ` or `#` in a value,
//! unclosed quotes and brackets, wrong indentation), and the nearest one becomes the
//! diagnostic: what to type instead, at its own line and column.

use super::yaml::ParseError;
use crate::diagnostics::catalogue::load as msg;
use crate::diagnostics::{Pos, Text};

/// A mistake found in the source, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub pos: Pos,
    pub message: Text,
    pub help: Text,
}

/// The advice for a parse failure, if a known mistake explains it. Only the parser's own
/// failures are explained; this crate's refusals (duplicate keys, aliases) say enough.
pub fn for_error(text: &str, err: &ParseError) -> Option<Advice> {
    err.raw.as_ref()?;
    let lines = Lines::new(text);
    let at = err.line as usize;
    // The line the parser names, then the lines above it (a mistake shows when the next
    // key arrives), then the line below (the parser reads into the next line's indentation).
    let order = std::iter::once(at)
        .chain((at.saturating_sub(3).max(1)..at).rev())
        .chain(std::iter::once(at + 1));
    for n in order {
        if let Some(a) = lines.get(n).and_then(|l| mistake(&lines, n, l, n == at)) {
            return Some(a);
        }
    }
    indentation(&lines, at)
}

/// The source split into lines with their byte offsets, and which lines are the contents
/// of block scalars (`description: |`), where any text is allowed.
struct Lines<'t> {
    items: Vec<(usize, &'t str, bool)>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let mut items = Vec::new();
        let mut offset = 0;
        let mut block: Option<usize> = None;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let indent = indent_of(line);
            let blank = line.trim().is_empty();
            let in_block = match block {
                Some(b) if blank || indent > b => true,
                _ => {
                    block = None;
                    false
                }
            };
            if !in_block && opens_block(line) {
                block = Some(indent);
            }
            items.push((offset, line, in_block));
            offset += raw.len();
        }
        Self { items }
    }

    /// Line `n` (1-based), unless it is block scalar content.
    fn get(&self, n: usize) -> Option<&'t str> {
        let (_, line, in_block) = *self.items.get(n.checked_sub(1)?)?;
        (!in_block).then_some(line)
    }

    /// The position of the character at byte `byte` of line `n`.
    fn pos(&self, n: usize, byte: usize) -> Pos {
        let (offset, line, _) = self.items[n - 1];
        let column = line[..byte].chars().count() as u32 + 1;
        let len = line[byte..].chars().next().map_or(0, char::len_utf8);
        Pos {
            line: n as u32,
            column,
            start: offset + byte,
            end: offset + byte + len,
        }
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn opens_block(line: &str) -> bool {
    let t = line.trim_end();
    let Some((_, v)) = t.split_once(": ") else {
        return false;
    };
    let v = v.trim();
    v.starts_with('|') || v.starts_with('>')
}

/// A line split as `<indent><"- " …><key><sep><rest>`, where `sep` is whatever follows
/// the key (`:`, `：`, …); `key` is empty when the line does not start with an ASCII key.
struct Parts<'l> {
    /// Byte where the key starts.
    key_at: usize,
    key: &'l str,
}

fn parts(line: &str) -> Parts<'_> {
    let mut i = indent_of(line);
    while line[i..].starts_with("- ") {
        i += 2;
        i += indent_of(&line[i..]);
    }
    let key_len = line[i..]
        .char_indices()
        .find(|(j, c)| !(c.is_ascii_alphabetic() || *c == '_' || (*j > 0 && c.is_ascii_digit())))
        .map_or(line.len() - i, |(j, _)| j);
    Parts {
        key_at: i,
        key: &line[i..i + key_len],
    }
}

fn advice(pos: Pos, message: Text, help: Text) -> Option<Advice> {
    Some(Advice { pos, message, help })
}

/// The first mistake on line `n`; `failed_here` when the parser stopped on this line, so
/// that mistakes YAML would accept elsewhere (a full-width quote) count as the cause.
fn mistake(lines: &Lines, n: usize, line: &str, failed_here: bool) -> Option<Advice> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let lead = &line[..line.len() - line.trim_start_matches([' ', '\t', '\u{3000}']).len()];
    if let Some(i) = lead.find('\t') {
        let (m, h) = (&msg::YAML_TAB, &msg::YAML_TAB_HELP);
        return advice(lines.pos(n, i), Text::new(m), Text::new(h));
    }
    if let Some(i) = lead.find('\u{3000}') {
        return fullwidth_space(lines, n, i);
    }
    let p = parts(line);
    if p.key.is_empty() {
        return None;
    }
    let after = p.key_at + p.key.len();
    let rest = &line[after..];
    let spaced = rest.trim_start_matches(' ');
    if spaced.starts_with('：') {
        let at = after + rest.len() - spaced.len();
        let m = Text::new(&msg::YAML_FULLWIDTH_COLON).arg("key", p.key);
        let h = Text::new(&msg::YAML_FULLWIDTH_COLON_HELP).arg("key", p.key);
        return advice(lines.pos(n, at), m, h);
    }
    let value = rest.strip_prefix(':')?;
    if value.starts_with('\u{3000}') {
        return fullwidth_space(lines, n, after + 1);
    }
    if !value.is_empty() && !value.starts_with([' ', '/']) {
        let m = Text::new(&msg::YAML_MISSING_SPACE).arg("key", p.key);
        let h = Text::new(&msg::YAML_MISSING_SPACE_HELP)
            .arg("key", p.key)
            .arg("value", value.trim());
        return advice(lines.pos(n, after), m, h);
    }
    let start = after + 1 + (value.len() - value.trim_start().len());
    value_mistake(lines, n, p.key, start, failed_here)
}

fn fullwidth_space(lines: &Lines, n: usize, byte: usize) -> Option<Advice> {
    let (m, h) = (&msg::YAML_FULLWIDTH_SPACE, &msg::YAML_FULLWIDTH_SPACE_HELP);
    advice(lines.pos(n, byte), Text::new(m), Text::new(h))
}

/// Mistakes in the value of `key`, which starts at byte `start` of line `n`.
fn value_mistake(
    lines: &Lines,
    n: usize,
    key: &str,
    start: usize,
    failed_here: bool,
) -> Option<Advice> {
    let line = lines.get(n)?;
    let value = line[start..].trim_end();
    let first = value.chars().next()?;
    match first {
        '"' | '\'' if !closes(&value[1..], first) => {
            let q = format!("{first}");
            let m = Text::new(&msg::YAML_UNCLOSED_QUOTE).arg("quote", q.as_str());
            let h = Text::new(&msg::YAML_UNCLOSED_QUOTE_HELP).arg("quote", q);
            advice(lines.pos(n, start), m, h)
        }
        '[' | '{' => flow_mistake(lines, n, start, value),
        '“' | '”' | '‘' | '’' if failed_here => {
            let inner = value.trim_matches(['“', '”', '‘', '’']);
            let m = Text::new(&msg::YAML_FULLWIDTH_QUOTE).arg("quote", first);
            let h = Text::new(&msg::YAML_FULLWIDTH_QUOTE_HELP)
                .arg("key", key)
                .arg("value", inner);
            advice(lines.pos(n, start), m, h)
        }
        '"' | '\'' | '|' | '>' | '#' => None,
        _ => {
            let body = value.split(" #").next().unwrap_or(value);
            let colon = body
                .find(": ")
                .or_else(|| body.ends_with(':').then(|| body.len() - 1))?;
            let m = Text::new(&msg::YAML_COLON_IN_VALUE).arg("key", key);
            let h = Text::new(&msg::YAML_COLON_IN_VALUE_HELP)
                .arg("key", key)
                .arg("value", body);
            advice(lines.pos(n, start + colon), m, h)
        }
    }
}

/// Whether a quoted scalar opened by `q` is closed on the same line (`""`/`''` inside are
/// an escaped quote in single quotes, `\"` in double quotes).
fn closes(rest: &str, q: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if q == '"' && c == '\\' {
            chars.next();
        } else if c == q {
            if q == '\'' && chars.peek() == Some(&'\'') {
                chars.next();
            } else {
                return true;
            }
        }
    }
    false
}

/// A flow list or mapping on one line: a `#` comment inside it, or no closing bracket.
fn flow_mistake(lines: &Lines, n: usize, start: usize, value: &str) -> Option<Advice> {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            (None, '#') if prev == ' ' => {
                let (m, h) = (&msg::YAML_HASH_IN_VALUE, &msg::YAML_HASH_IN_VALUE_HELP);
                return advice(lines.pos(n, start + i), Text::new(m), Text::new(h));
            }
            _ => {}
        }
        prev = c;
    }
    if depth <= 0 {
        return None;
    }
    let open = &value[..1];
    let close = if open == "[" { "]" } else { "}" };
    let m = Text::new(&msg::YAML_UNCLOSED_BRACKET)
        .arg("open", open)
        .arg("close", close);
    let h = Text::new(&msg::YAML_UNCLOSED_BRACKET_HELP).arg("close", close);
    advice(lines.pos(n, start), m, h)
}

/// Line `at` indented differently from the line above it when that line opens nothing
/// (more spaces), or to no level above it (fewer spaces).
fn indentation(lines: &Lines, at: usize) -> Option<Advice> {
    let line = lines.get(at)?;
    let mine = indent_of(line);
    let above = (1..at)
        .rev()
        .filter_map(|n| lines.get(n))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let p = parts(above);
    let opens = above.trim_end().ends_with(':');
    let levels: Vec<usize> = (1..at)
        .filter_map(|n| lines.get(n))
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| [indent_of(l), parts(l).key_at])
        .collect();
    let wrong = (mine > p.key_at && !opens) || (mine < p.key_at && !levels.contains(&mine));
    if !wrong || p.key.is_empty() {
        return None;
    }
    let m = Text::new(&msg::YAML_INDENTATION);
    let h = Text::new(&msg::YAML_INDENTATION_HELP)
        .arg("spaces", p.key_at)
        .arg("sibling", p.key);
    advice(lines.pos(at, mine), m, h)
}

#[cfg(test)]
mod tests;
