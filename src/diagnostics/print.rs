//! Printing diagnostics for people (source snippets), for scripts (JSON lines) and for
//! GitHub Actions (annotations).
//!
//! The snippets are drawn here rather than by miette: miette's header counts columns in
//! bytes, which for Chinese text contradicts the character column on the message line.
//! Cost is linear in the diagnostics: each source file is read and split into lines once.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::catalogue::{Lang, Text, general};
use super::{Diagnostic, Diagnostics, Format, Severity};

/// For people, at most this many mistakes of one kind are shown per file; the rest are
/// counted in one line (the machine formats list them all).
pub const PER_KIND: usize = 20;

pub(super) fn render(diags: &Diagnostics, format: Format, lang: Lang) -> String {
    let sorted = diags.sorted();
    let mut out = String::new();
    match format {
        Format::Human => human(&sorted, lang, &mut out),
        Format::Json => sorted.iter().for_each(|d| json(d, lang, &mut out)),
        Format::Github => sorted.iter().for_each(|d| github(d, lang, &mut out)),
    }
    if format == Format::Human {
        let (e, w) = (diags.count(Severity::Error), diags.count(Severity::Warning));
        if e + w > 0 {
            let t = Text::new(&general::SUMMARY)
                .arg("errors", e)
                .arg("warnings", w);
            out.push_str(&t.render(lang));
            out.push('\n');
        }
    }
    out
}

/// The first [`PER_KIND`] of each kind of mistake per file with their snippets, then one
/// line per kind for the rest.
fn human(sorted: &[&Diagnostic], lang: Lang, out: &mut String) {
    let mut start = 0;
    while start < sorted.len() {
        let file = &sorted[start].file;
        let end = start
            + sorted[start..]
                .iter()
                .take_while(|d| &d.file == file)
                .count();
        let source = Source::read(file);
        let mut shown: HashMap<String, usize> = HashMap::new();
        let mut hidden: BTreeMap<String, (usize, Text)> = BTreeMap::new();
        for d in &sorted[start..end] {
            let kind = d.kind();
            let n = shown.entry(kind.clone()).or_default();
            if *n < PER_KIND {
                *n += 1;
                human_one(d, source.as_ref(), lang, out);
            } else {
                hidden.entry(kind).or_insert((0, d.message.clone())).0 += 1;
            }
        }
        for (_, (n, message)) in hidden {
            let t = Text::new(&general::MORE_OF_KIND)
                .arg("n", n)
                .arg("message", message);
            let _ = writeln!(out, "{file}: {}", t.render(lang));
        }
        start = end;
    }
}

/// A source file as the loader saw it (BOM removed), split into lines once.
struct Source {
    text: String,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl Source {
    fn read(path: &str) -> Option<Source> {
        let bytes = std::fs::read(path).ok()?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = String::from_utf8(bytes.to_vec()).ok()?;
        // Lines break where YAML breaks them (and so the reported line numbers count):
        // at LF, CRLF and a lone CR.
        let b = text.as_bytes();
        let mut starts = vec![0];
        starts.extend((0..b.len()).filter_map(|i| {
            let lone_cr = b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
            (b[i] == b'\n' || lone_cr).then_some(i + 1)
        }));
        Some(Source { text, starts })
    }
    /// Line `n` (1-based) without its line break.
    fn line(&self, n: usize) -> Option<&str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map(|e| e - 1).unwrap_or(self.text.len());
        if start >= self.text.len() {
            return None;
        }
        Some(self.text[start..end.max(start)].trim_end_matches('\r'))
    }
}

fn level(d: &Diagnostic, lang: Lang) -> &'static str {
    match (d.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// `错误: path:line:col: message`, then the line before, the line itself with the problem
/// underlined (by display width, so CJK text lines up), the line after, and help.
fn human_one(d: &Diagnostic, source: Option<&Source>, lang: Lang, out: &mut String) {
    let (file, line, col) = (&d.file, d.line, d.column);
    let message = d.message.render(lang);
    let _ = writeln!(out, "{}: {file}:{line}:{col}: {message}", level(d, lang));
    if let Some(src) = source {
        snippet(src, d, out);
    }
    if let Some(h) = &d.help {
        let label = if lang == Lang::Zh { "提示" } else { "help" };
        let _ = writeln!(out, "     = {label}: {}", h.render(lang));
    }
}

fn snippet(src: &Source, d: &Diagnostic, out: &mut String) {
    let n = d.line as usize;
    let Some(line) = src.line(n) else { return };
    let col = (d.column.max(1) - 1) as usize;
    let before: String = line.chars().take(col).collect();
    let underline = underline_width(line, col, d);
    out.push_str("     |\n");
    if let Some(prev) = src.line(n.wrapping_sub(1)).filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "{:>4} | {prev}", n - 1);
    }
    let _ = writeln!(out, "{n:>4} | {line}");
    let pad = " ".repeat(before.width());
    let _ = writeln!(out, "     | {pad}{}", "^".repeat(underline.max(1)));
    if let Some(next) = src.line(n + 1).filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "{:>4} | {next}", n + 1);
    }
}

/// Display width of the node's text on its first line, or of the word at the column.
fn underline_width(line: &str, col: usize, d: &Diagnostic) -> usize {
    let span_len = d.span.1.saturating_sub(d.span.0);
    let mut taken = String::new();
    for c in line.chars().skip(col) {
        if (span_len > 0 && taken.len() >= span_len) || (span_len == 0 && c.is_whitespace()) {
            break;
        }
        taken.push(c);
    }
    taken.trim_end().width()
}

fn json(d: &Diagnostic, lang: Lang, out: &mut String) {
    let mut obj = serde_json::Map::new();
    obj.insert("file".into(), d.file.clone().into());
    obj.insert("line".into(), d.line.into());
    obj.insert("column".into(), d.column.into());
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    obj.insert("severity".into(), severity.into());
    if let Some(code) = d.message.key() {
        obj.insert("code".into(), code.into());
    }
    obj.insert("message".into(), d.message.render(lang).into());
    if let Some(h) = &d.help {
        obj.insert("help".into(), h.render(lang).into());
    }
    out.push_str(&serde_json::Value::Object(obj).to_string());
    out.push('\n');
}

fn github(d: &Diagnostic, lang: Lang, out: &mut String) {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut msg = d.message.render(lang);
    if let Some(h) = &d.help {
        msg.push_str(" — ");
        msg.push_str(&h.render(lang));
    }
    let _ = writeln!(
        out,
        "::{level} file={},line={},col={}::{}",
        escape_property(&d.file),
        d.line,
        d.column,
        escape_data(&msg)
    );
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
