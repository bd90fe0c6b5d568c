//! `tuoyu check`: every validation rule of DESIGN.md as a fixture folder with the whole human
//! report snapshotted (rules.rs), what the other output formats must agree on (formats.rs),
//! and content edited in a temp dir for what a committed folder cannot hold (edited.rs).

mod edited;
mod formats;
mod messages;
mod rules;

use serde_json::Value;

use crate::common::Run;

/// One diagnostic as `check --format json` prints it.
#[derive(Debug, Clone, PartialEq)]
struct Diag {
    file: String,
    line: u64,
    column: u64,
    severity: String,
    message: String,
    help: Option<String>,
}

impl Diag {
    /// `file:line:column`.
    fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

/// The diagnostics of a `--format json` run: one JSON object per line, each with a string
/// `file`, whole-number `line` and `column`, `severity` error or warning, a non-empty
/// `message` and an optional string `help`.
fn parse_json_lines(run: &Run) -> Vec<Diag> {
    run.stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(parse_json_line)
        .collect()
}

fn parse_json_line(l: &str) -> Diag {
    let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"));
    let text = |key: &str| {
        v[key]
            .as_str()
            .unwrap_or_else(|| panic!("no string `{key}` in {l}"))
            .to_string()
    };
    let number = |key: &str| {
        v[key]
            .as_u64()
            .unwrap_or_else(|| panic!("no whole number `{key}` in {l}"))
    };
    let d = Diag {
        file: text("file"),
        line: number("line"),
        column: number("column"),
        severity: text("severity"),
        message: text("message"),
        help: match &v["help"] {
            Value::Null => None,
            h => Some(
                h.as_str()
                    .unwrap_or_else(|| panic!("`help` is not text: {l}"))
                    .into(),
            ),
        },
    };
    assert!(
        matches!(d.severity.as_str(), "error" | "warning"),
        "severity is error or warning: {l}"
    );
    assert!(!d.message.is_empty(), "an empty message: {l}");
    d
}

/// `file:line:column` of every diagnostic, in printed order.
fn locations(ds: &[Diag]) -> Vec<String> {
    ds.iter().map(Diag::location).collect()
}
