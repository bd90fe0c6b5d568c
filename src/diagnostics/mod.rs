//! The one place content problems are collected and printed.
//!
//! Every problem carries the file, line and column (in characters) it comes from; `check`
//! and `build` print them as human-readable snippets, JSON lines or GitHub annotations.
//!
//! The snippets are drawn here rather than by miette: miette's header counts columns in
//! bytes, which for Chinese text contradicts the character column on the message line.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

mod pos;
pub use pos::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the content.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip)]
    pub span: (usize, usize),
}

impl Diagnostic {
    pub fn error(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            severity: Severity::Error,
            message: message.into(),
            help: None,
            span: (pos.start, pos.end),
        }
    }
    pub fn warning(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, pos, message)
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
}

/// All diagnostics of one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Self { items }
    }
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }
    /// Diagnostics in a stable order: by file, then position.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        v.dedup();
        v
    }

    /// Render every diagnostic in the chosen format, ending with a summary line for humans.
    ///
    /// Human output shows the source lines: the files are read again here (a display path
    /// is the path as given on the command line), so the build need not keep 100 MB of
    /// YAML text in memory just in case.
    pub fn render(&self, format: Format) -> String {
        let mut out = String::new();
        let mut sources: BTreeMap<&str, Option<Arc<str>>> = BTreeMap::new();
        for d in self.sorted() {
            match format {
                Format::Human => {
                    let text = sources
                        .entry(&d.file)
                        .or_insert_with(|| read_source(&d.file));
                    out.push_str(&render_human(d, text.clone()));
                }
                Format::Json => {
                    out.push_str(&serde_json::to_string(d).unwrap_or_default());
                    out.push('\n');
                }
                Format::Github => out.push_str(&render_github(d)),
            }
        }
        if format == Format::Human {
            let (e, w) = (self.count(Severity::Error), self.count(Severity::Warning));
            if e + w > 0 {
                out.push_str(&format!("{e} error(s), {w} warning(s)\n"));
            }
        }
        out
    }
}

/// The text of a source file as the loader saw it (BOM removed), if it is readable UTF-8.
fn read_source(path: &str) -> Option<Arc<str>> {
    let bytes = std::fs::read(path).ok()?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    std::str::from_utf8(bytes).ok().map(Arc::from)
}

/// `error: path:line:col: message`, then the line before, the line itself with the
/// problem underlined (by display width, so CJK text lines up), the line after, and help.
fn render_human(d: &Diagnostic, source: Option<Arc<str>>) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!(
        "{level}: {}:{}:{}: {}\n",
        d.file, d.line, d.column, d.message
    );
    if let Some(text) = source.as_deref() {
        out.push_str(&snippet(text, d));
    }
    if let Some(h) = &d.help {
        out.push_str(&format!("     = help: {h}\n"));
    }
    out
}

fn snippet(text: &str, d: &Diagnostic) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let n = d.line as usize;
    if n == 0 || n > lines.len() {
        return String::new();
    }
    let line = lines[n - 1];
    let col = (d.column.max(1) - 1) as usize;
    let before: String = line.chars().take(col).collect();
    let underline = underline_width(line, col, d);
    let mut out = String::from("     |\n");
    if n >= 2 && !lines[n - 2].trim().is_empty() {
        out.push_str(&format!("{:>4} | {}\n", n - 1, lines[n - 2]));
    }
    out.push_str(&format!("{n:>4} | {line}\n"));
    out.push_str(&format!(
        "     | {}{}\n",
        " ".repeat(before.width()),
        "^".repeat(underline.max(1))
    ));
    if let Some(next) = lines.get(n).filter(|l| !l.trim().is_empty()) {
        out.push_str(&format!("{:>4} | {next}\n", n + 1));
    }
    out
}

/// Display width of the node's text on its first line, or of the word at the column.
fn underline_width(line: &str, col: usize, d: &Diagnostic) -> usize {
    let rest: String = line.chars().skip(col).collect();
    let span_len = d.span.1.saturating_sub(d.span.0);
    let mut taken = String::new();
    for c in rest.chars() {
        if (span_len > 0 && taken.len() >= span_len) || (span_len == 0 && c.is_whitespace()) {
            break;
        }
        taken.push(c);
    }
    taken.trim_end().width()
}

fn render_github(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut msg = d.message.clone();
    if let Some(h) = &d.help {
        msg.push_str(" — ");
        msg.push_str(h);
    }
    format!(
        "::{level} file={},line={},col={}::{}\n",
        escape_property(&d.file),
        d.line,
        d.column,
        escape_data(&msg)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
