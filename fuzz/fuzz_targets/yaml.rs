//! Fuzz target `yaml`: `tuoyu::load::yaml::parse` on arbitrary UTF-8 text.
//!
//! Besides "never panics", it checks what the diagnostics rely on: every node's line and
//! column are ≥ 1 and name a place inside the text (the line exists, lines broken as
//! YAML breaks them; the column is at most
//! one past the line's last character), and its byte range lies inside the text on
//! character boundaries. A syntax error's line and column obey the same rules.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tuoyu::load::yaml::{Node, Value, parse};

/// The text as the parser sees it (BOM removed), split into lines as YAML does: at LF,
/// CRLF and a lone CR (old Mac files; editors show it as a line break too).
struct Lines<'a> {
    text: &'a str,
    /// Byte range of each line, without its break.
    lines: Vec<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut lines = Vec::new();
        let (mut start, mut i) = (0, 0);
        while i < b.len() {
            match b[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push((start, b.len()));
        Lines { text, lines }
    }

    /// Assert that `line:column` (1-based, column in characters) is inside the text.
    fn check_point(&self, line: u32, column: u32, what: &str) {
        assert!(
            line >= 1 && column >= 1,
            "{what}: {line}:{column} not 1-based"
        );
        let Some(&(start, end)) = self.lines.get(line as usize - 1) else {
            panic!(
                "{what}: line {line} past the text's {} lines",
                self.lines.len()
            );
        };
        let chars = self.text[start..end].chars().count();
        assert!(
            column as usize <= chars + 1,
            "{what}: column {column} past the end of line {line} ({chars} characters)"
        );
    }

    fn check_node(&self, node: &Node) {
        let p = node.pos;
        self.check_point(p.line, p.column, "node");
        assert!(
            p.start <= p.end && p.end <= self.text.len(),
            "node bytes {}..{} outside the text of {} bytes",
            p.start,
            p.end,
            self.text.len()
        );
        assert!(
            self.text.is_char_boundary(p.start) && self.text.is_char_boundary(p.end),
            "node bytes {}..{} not on character boundaries",
            p.start,
            p.end
        );
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|n| self.check_node(n)),
            Value::Map(entries) => entries.iter().for_each(|(k, v)| {
                self.check_node(k);
                self.check_node(v);
            }),
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = Lines::new(text.strip_prefix('\u{feff}').unwrap_or(text));
    match parse(text) {
        Ok(node) => lines.check_node(&node),
        Err(e) => lines.check_point(e.line, e.column, "syntax error"),
    }
});
