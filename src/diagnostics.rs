//! The one place content problems are collected and printed.
//!
//! Every problem carries the file, line and column it comes from; `check` and `build`
//! print them as human-readable snippets (miette), JSON lines or GitHub annotations.

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::load::yaml::Pos;

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
        Self { severity: Severity::Warning, ..Self::error(file, pos, message) }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
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
                    let text = sources.entry(&d.file).or_insert_with(|| read_source(&d.file));
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

fn render_human(d: &Diagnostic, source: Option<Arc<str>>) -> String {
    {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{level}: {}:{}:{}: {}\n", d.file, d.line, d.column, d.message);
        let Some(text) = source else {
            if let Some(h) = &d.help {
                out.push_str(&format!("  help: {h}\n"));
            }
            return out;
        };
        let (start, len) = snippet_span(&text, d);
        let mut diag = MietteDiagnostic::new(d.message.clone())
            .with_label(LabeledSpan::at(start..start + len, "here"));
        if let Some(h) = &d.help {
            diag = diag.with_help(h.clone());
        }
        let report = miette::Report::new(diag)
            .with_source_code(NamedSource::new(d.file.clone(), text));
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_context_lines(1);
        let mut rendered = String::new();
        if handler.render_report(&mut rendered, report.as_ref()).is_ok() {
            // The first line repeats the message we already printed with its location.
            for line in rendered.lines().skip(1) {
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
        out
    }
}

/// The byte range to underline: the node's span if known, else the rest of the word at line:col.
fn snippet_span(text: &str, d: &Diagnostic) -> (usize, usize) {
    let (s, e) = d.span;
    if e > s && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) {
        let first_line_end = text[s..e].find('\n').map(|i| s + i).unwrap_or(e);
        return (s, (first_line_end - s).max(1));
    }
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == d.line as usize {
            let col_byte: usize = line.chars().take(d.column.saturating_sub(1) as usize).map(char::len_utf8).sum();
            let rest = line[col_byte..].trim_end();
            let len = rest.len().max(1).min(line.len().saturating_sub(col_byte).max(1));
            let start = (offset + col_byte).min(text.len());
            return (start, if start + len <= text.len() { len } else { 0 });
        }
        offset += line.len();
    }
    (text.len(), 0)
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
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
