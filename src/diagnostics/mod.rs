//! The one place content problems are collected and printed, with the message catalogue.
//!
//! Every problem carries the file, line and column (in characters) it comes from, and its
//! words as a catalogue [`Text`], so the language is chosen only when printing: `check` and
//! `build` print them as human-readable snippets, JSON lines or GitHub annotations
//! ([`print`]).

pub mod catalogue;
mod pos;
mod print;

pub use catalogue::{Lang, Text};
pub use pos::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub message: Text,
    pub help: Option<Text>,
    /// Byte range of the node in the file (for the underline), empty when unknown.
    pub span: (usize, usize),
}

impl Diagnostic {
    pub fn error(file: &str, pos: Pos, message: impl Into<Text>) -> Self {
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
    pub fn warning(file: &str, pos: Pos, message: impl Into<Text>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, pos, message)
        }
    }
    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// What kind of mistake this is, for grouping: the catalogue key, or the words
    /// themselves for text not from the catalogue.
    pub fn kind(&self) -> String {
        match self.message.key() {
            Some(k) => k.to_string(),
            None => self.message.render(Lang::En),
        }
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
#[derive(Debug, Default, Clone)]
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
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Diagnostics in a stable order: by file, then position, each once.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        v.dedup();
        v
    }

    /// Every diagnostic in the chosen format and language; for people, at most
    /// [`print::PER_KIND`] of each kind per file and a closing summary line.
    pub fn render(&self, format: Format, lang: Lang) -> String {
        print::render(self, format, lang)
    }
}

/// A failure that stops a command (not a content problem): its words from the catalogue,
/// and the failure that caused it, if any.
#[derive(Debug)]
pub struct Failure {
    pub text: Text,
    pub cause: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Failure {
    pub fn new(text: impl Into<Text>) -> Self {
        Self {
            text: text.into(),
            cause: None,
        }
    }
    /// The failure that led to this one (printed after it).
    pub fn because(mut self, cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        self.cause = Some(cause.into());
        self
    }
}

impl std::fmt::Display for Failure {
    /// Chinese, the default language; commands print [`Failure::text`] in the chosen one.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.text.render(Lang::Zh))
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
