//! `tuoyu import`: an official list (.xlsx, .xls, .ods, .csv) into YAML records.
//!
//! [`plan`] reads the list ([`sheet`]), finds its header ([`header`]), parses every cell
//! ([`value`], [`rows`]), matches rows to the records the content already has
//! ([`existing`], [`matching`]) and works out the new text of every file it would touch
//! ([`write`]). Nothing is written until [`apply`]; a dry run prints the plan only.

pub mod checks;
pub mod existing;
pub mod fields;
pub mod header;
pub mod matching;
mod plan;
pub mod rows;
pub mod sheet;
pub mod value;
pub mod write;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostics::catalogue::import as m;
use crate::diagnostics::{Lang, Text};
use crate::load::LoadError;
use crate::model::Kind;
pub use plan::plan;
pub use rows::BadCell;

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub kind: Kind,
    pub file: PathBuf,
    /// The file new records go to, inside the content folder (`filed/名单2024.yaml`);
    /// default: the kind's folder and the list's file stem.
    pub into: Option<PathBuf>,
    pub sheet: Option<String>,
    pub skip_bad_rows: bool,
    /// The date written in a new file's header comment.
    pub today: Date,
}

/// One field that changes: its Chinese title, the old and the new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// A record the import adds or changes.
#[derive(Debug, Clone)]
pub struct Touched {
    pub id: String,
    pub name: String,
    /// Its file inside the content folder.
    pub rel: String,
    pub changes: Vec<Change>,
}

/// A record of the list's file that the new list no longer has.
#[derive(Debug, Clone)]
pub struct Gone {
    pub id: String,
    pub name: String,
    pub rel: String,
    pub line: u32,
}

/// What an import would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub file_name: String,
    pub kind: Option<Kind>,
    /// What was read and what was left out (header row, GBK, unknown columns…).
    pub notes: Vec<Text>,
    pub bad: Vec<BadCell>,
    /// Rows left out for their bad cells (with `--skip-bad-rows`).
    pub skipped_bad_rows: usize,
    pub added: Vec<Touched>,
    pub changed: Vec<Touched>,
    pub unchanged: usize,
    pub gone: Vec<Gone>,
    /// The new text of every file to write.
    pub writes: Vec<(PathBuf, String)>,
}

/// Why an import could not even be planned.
#[derive(Debug)]
pub enum ImportError {
    Load(LoadError),
    /// The list cannot be read or has no header.
    List(Text),
}

impl From<LoadError> for ImportError {
    fn from(e: LoadError) -> Self {
        ImportError::Load(e)
    }
}

impl Plan {
    /// Bad cells stop the import unless their rows were skipped.
    pub fn blocked(&self) -> bool {
        !self.bad.is_empty() && self.skipped_bad_rows == 0
    }

    /// The one closing line.
    pub fn summary(&self) -> Text {
        Text::new(&m::SUMMARY)
            .arg("file", self.file_name.as_str())
            .arg("added", self.added.len())
            .arg("changed", self.changed.len())
            .arg("unchanged", self.unchanged)
            .arg("gone", self.gone.len())
    }

    /// Every line of the report but the summary: notes, bad cells, records.
    pub fn report(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.notes.iter().map(|t| t.render(lang)).collect();
        for b in &self.bad {
            let t = Text::new(&m::BAD_CELL)
                .arg("place", b.place.as_str())
                .arg("problem", b.problem.clone());
            out.push(t.render(lang));
        }
        if !self.bad.is_empty() && self.skipped_bad_rows > 0 {
            out.push(
                Text::new(&m::SKIPPED_BAD)
                    .arg("n", self.skipped_bad_rows)
                    .render(lang),
            );
        }
        for (msg, list) in [(&m::ADDED, &self.added), (&m::CHANGED, &self.changed)] {
            for t in list {
                out.push(touched(msg, t).render(lang));
                for c in &t.changes {
                    let line = Text::new(&m::CHANGE)
                        .arg("field", c.field)
                        .arg("old", c.old.as_str())
                        .arg("new", c.new.as_str());
                    out.push(line.render(lang));
                }
            }
        }
        self.report_gone(lang, &mut out);
        out
    }

    fn report_gone(&self, lang: Lang, out: &mut Vec<String>) {
        for g in &self.gone {
            let t = Text::new(&m::GONE)
                .arg("id", g.id.as_str())
                .arg("name", g.name.as_str())
                .arg("file", g.rel.as_str())
                .arg("line", g.line);
            out.push(t.render(lang));
        }
        if !self.gone.is_empty() {
            let help = match self.kind {
                Some(Kind::Filed) => &m::GONE_HELP_FILED,
                _ => &m::GONE_HELP,
            };
            out.push(Text::new(help).render(lang));
        }
    }
}

fn touched(msg: &'static crate::diagnostics::catalogue::Msg, t: &Touched) -> Text {
    Text::new(msg)
        .arg("id", t.id.as_str())
        .arg("name", t.name.as_str())
        .arg("file", t.rel.as_str())
}

/// Write the planned files, each through a temporary file renamed into place, so an
/// interrupted import never leaves half a list. Returns the files written.
pub fn apply(plan: &Plan) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (path, text) in &plan.writes {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = tmp_path(path);
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)?;
        written.push(path.clone());
    }
    Ok(written)
}

fn tmp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tuoyu-import.tmp"))
}
