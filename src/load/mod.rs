//! Walk a content folder, read every file, parse YAML into located nodes.
//!
//! [`scan`] lists the files; [`read_yaml`] and [`read_page`] read one file each, so the
//! caller can stream record files in parallel. Loading never fails on bad content:
//! unreadable YAML, non-UTF-8 bytes and stray files become diagnostics. Only I/O
//! failures (a missing folder, a permission error) are errors.

pub mod theme;
pub mod yaml;
pub mod yaml_advice;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

use crate::diagnostics::catalogue::{general, load as msg};
use crate::diagnostics::{Diagnostic, Pos, Text};
use yaml::Node;

/// One parsed YAML file.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Display path, e.g. `content/filed/list.yaml`.
    pub path: String,
    /// Path inside the content folder, e.g. `filed/list.yaml` (what the site may show).
    pub rel: String,
    pub text: Arc<str>,
    pub root: Node,
}

/// One Markdown page, split into front matter and body.
#[derive(Debug, Clone)]
pub struct PageSource {
    pub path: String,
    pub text: Arc<str>,
    /// File name without `.md`: the default slug.
    pub stem: String,
    pub front: Option<Node>,
    pub body: String,
}

/// One file of the content folder.
#[derive(Debug, Clone)]
pub struct FileRef {
    /// Path relative to the content folder, `/`-separated.
    pub rel: String,
    /// Display path, e.g. `content/filed/list.yaml` (the folder as given, then `rel`).
    pub path: String,
}

impl FileRef {
    /// The top folder the file stands in (`filed` for `filed/2021/list.yaml`).
    pub fn top_folder(&self) -> &str {
        self.rel.split_once('/').map(|(t, _)| t).unwrap_or("")
    }
}

/// The files of a content folder, by role. Nothing is read yet: record files are read
/// one at a time (in parallel) so that 100,000 records never sit in memory as YAML trees.
#[derive(Debug, Default)]
pub struct ContentFiles {
    pub dir: PathBuf,
    /// How the content folder is shown in messages (as given on the command line).
    pub root_label: String,
    pub site: Option<FileRef>,
    pub districts: Option<FileRef>,
    /// Every other YAML file below a folder (`filed/list.yaml`): which folder holds which
    /// kind of record is the model's business, not the loader's.
    pub records: Vec<FileRef>,
    pub pages: Vec<FileRef>,
    /// Warnings about files that are not read (YAML files at the top level).
    pub diags: Vec<Diagnostic>,
}

/// A failure to read the content or a theme (not a content problem), with the path that
/// failed and why, in catalogue words.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: Text,
}

impl LoadError {
    /// An I/O failure.
    pub fn io(path: &Path, source: &std::io::Error) -> Self {
        Self {
            path: path.to_path_buf(),
            reason: general::io_reason(source),
        }
    }
    /// The whole message: "无法读取 <path>：<reason>".
    pub fn text(&self) -> Text {
        Text::new(&msg::CANNOT_READ)
            .arg("path", self.path.display().to_string())
            .arg("reason", self.reason.clone())
    }
}

impl fmt::Display for LoadError {
    /// Chinese, the default language; commands print [`LoadError::text`] in the chosen one.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.text().render(crate::diagnostics::Lang::Zh))
    }
}

impl std::error::Error for LoadError {}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> LoadError + '_ {
    move |source| LoadError::io(path, &source)
}

/// List the content folder's files and the role each plays.
pub fn scan(dir: &Path) -> Result<ContentFiles, LoadError> {
    let meta = std::fs::metadata(dir).map_err(io_err(dir))?;
    if !meta.is_dir() {
        return Err(LoadError {
            path: dir.to_path_buf(),
            reason: Text::new(&msg::NOT_A_FOLDER),
        });
    }
    let root_label = dir
        .to_string_lossy()
        .trim_end_matches('/')
        .replace('\\', "/");
    let mut files = ContentFiles {
        dir: dir.to_path_buf(),
        root_label: root_label.clone(),
        ..ContentFiles::default()
    };
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(not_ignored)
    {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf());
            let source: std::io::Error = e.into();
            LoadError::io(&path, &source)
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_of(dir, entry.path());
        let file = FileRef {
            path: format!("{root_label}/{rel}"),
            rel,
        };
        match role_of(&file.rel) {
            Some(Role::Site) => files.site = Some(file),
            Some(Role::Districts) => files.districts = Some(file),
            Some(Role::Record) => files.records.push(file),
            Some(Role::Page) => files.pages.push(file),
            Some(Role::Stray) => {
                let m = Text::new(&msg::STRAY_FILE);
                files
                    .diags
                    .push(Diagnostic::warning(&file.path, Pos::default(), m));
            }
            None => {}
        }
    }
    Ok(files)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Site,
    Districts,
    Record,
    Page,
    Stray,
}

/// The size of the record files [`scan`] would find under `dir`, counted until it reaches
/// `limit`: how large a build will be, known before it starts (unreadable entries count
/// nothing).
pub fn record_bytes(dir: &Path, limit: u64) -> u64 {
    let mut total = 0;
    for entry in WalkDir::new(dir)
        .into_iter()
        .filter_entry(not_ignored)
        .flatten()
    {
        let is_record = entry.file_type().is_file()
            && role_of(&rel_of(dir, entry.path())) == Some(Role::Record);
        if is_record {
            total += entry.metadata().map_or(0, |m| m.len());
            if total >= limit {
                break;
            }
        }
    }
    total
}

/// The walk's filter: the folder itself, and every entry that is not [`is_ignored`].
fn not_ignored(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !is_ignored(e.file_name())
}

/// `path` inside content folder `dir`, `/`-separated.
fn rel_of(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Dotfiles, editor swap and backup files.
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with('.')
        || n.ends_with('~')
        || n.starts_with('#')
        || n.ends_with(".swp")
        || n.ends_with(".swo")
        || n.ends_with(".tmp")
        || n.ends_with(".bak")
}

fn role_of(rel: &str) -> Option<Role> {
    let is_yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
    let (top, rest) = rel.split_once('/').unwrap_or(("", rel));
    match (top, rest) {
        ("", "site.yaml" | "site.yml") => Some(Role::Site),
        ("", "districts.yaml" | "districts.yml") => Some(Role::Districts),
        ("pages", r) if r.ends_with(".md") && !r.contains('/') => Some(Role::Page),
        ("", _) if is_yaml => Some(Role::Stray),
        (_, _) if is_yaml => Some(Role::Record),
        _ => None,
    }
}

/// Read a file as UTF-8 text; a file that is not UTF-8 is a diagnostic.
fn read_text(
    files: &ContentFiles,
    file: &FileRef,
) -> Result<Result<String, Diagnostic>, LoadError> {
    let full = files.dir.join(&file.rel);
    let bytes = std::fs::read(&full).map_err(io_err(&full))?;
    Ok(decode(&bytes).map_err(|(line, column)| {
        let pos = Pos::at(line, column);
        Diagnostic::error(&file.path, pos, Text::new(&msg::NOT_UTF8))
            .with_help(Text::new(&msg::NOT_UTF8_HELP))
    }))
}

/// Read and parse one YAML file. Content problems come back as a diagnostic.
pub fn read_yaml(
    files: &ContentFiles,
    file: &FileRef,
) -> Result<Result<Doc, Diagnostic>, LoadError> {
    let text = match read_text(files, file)? {
        Ok(t) => t,
        Err(d) => return Ok(Err(d)),
    };
    Ok(match yaml::parse(&text) {
        Ok(root) => Ok(Doc {
            path: file.path.clone(),
            rel: file.rel.clone(),
            text: Arc::from(text),
            root,
        }),
        Err(e) => Err(syntax_error(&file.path, &text, e, None)),
    })
}

/// A file that is not YAML: advice at the mistake when a known one explains it, else
/// where the parser stopped. `wrap` puts the words in context (front matter).
fn syntax_error(
    path: &str,
    text: &str,
    e: yaml::ParseError,
    wrap: Option<&'static crate::diagnostics::catalogue::Msg>,
) -> Diagnostic {
    let in_context = |t: Text| match wrap {
        Some(w) => Text::new(w).arg("detail", t),
        None => t,
    };
    match yaml_advice::for_error(text, &e) {
        Some(a) => Diagnostic::error(path, a.pos, in_context(a.message)).with_help(a.help),
        None => {
            let d = Diagnostic::error(path, Pos::at(e.line, e.column), in_context(e.message));
            match e.raw {
                Some(_) => d.with_help(Text::new(&msg::YAML_GENERIC_HELP)),
                None => d,
            }
        }
    }
}

/// Read one Markdown page and split off its front matter.
pub fn read_page(
    files: &ContentFiles,
    file: &FileRef,
) -> Result<(Option<PageSource>, Vec<Diagnostic>), LoadError> {
    let mut diags = Vec::new();
    match read_text(files, file)? {
        Ok(text) => Ok((
            Some(split_page(&file.path, &file.rel, &text, &mut diags)),
            diags,
        )),
        Err(d) => Ok((None, vec![d])),
    }
}

/// UTF-8 text without a BOM, or the line and column of the first invalid byte.
fn decode(bytes: &[u8]) -> Result<String, (u32, u32)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let line_start = good
                .iter()
                .rposition(|b| *b == b'\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() as u32 + 1;
            Err((line, column))
        }
    }
}

/// Split `---` front matter from the Markdown body. The front matter is parsed in place
/// (the opening `---` becomes a YAML comment of the same length) so positions stay true.
fn split_page(path: &str, rel: &str, text: &str, diags: &mut Vec<Diagnostic>) -> PageSource {
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md")
        .to_string();
    let mut page = PageSource {
        path: path.to_string(),
        text: Arc::from(text),
        stem,
        front: None,
        body: text.to_string(),
    };
    if !(text.starts_with("---\n") || text.starts_with("---\r\n")) {
        return page;
    }
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && matches!(line.trim_end(), "---" | "...") {
            let front = format!("#--{}", &text[3..offset]);
            match yaml::parse(&front) {
                Ok(node) => page.front = Some(node),
                Err(e) => {
                    let wrap = Some(&msg::FRONT_MATTER_YAML_ERROR);
                    diags.push(syntax_error(path, &front, e, wrap));
                    page.front = Some(Node {
                        pos: Pos::default(),
                        value: yaml::Value::Map(Vec::new()),
                    });
                }
            }
            page.body = text[offset + line.len()..].to_string();
            return page;
        }
        offset += line.len();
    }
    diags.push(
        Diagnostic::error(
            path,
            Pos {
                line: 1,
                column: 1,
                start: 0,
                end: 3,
            },
            Text::new(&msg::FRONT_MATTER_NOT_CLOSED),
        )
        .with_help(Text::new(&msg::FRONT_MATTER_NOT_CLOSED_HELP)),
    );
    page
}
