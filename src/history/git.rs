//! Read the content folder's history from `git` in one pass: `git log` lists the commits
//! that touched the folder (first parent only, so merges count once), `git diff-tree`
//! names the files each changed, and one long-running `git cat-file --batch` gives their
//! texts. What was read is cached per commit in `.git/tuoyu-history-cache.bin` (safe to
//! delete): a build after one new commit reads that commit only, plus the tree it
//! starts from.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde::{Deserialize, Serialize};

use super::{Change, Commit, History, Replay};

/// What the history of a content folder is.
#[derive(Debug)]
pub enum Outcome {
    Known(History),
    /// The folder is not in a git repository.
    NotGit,
    /// A shallow clone: the history is cut off, so first appearances would be wrong.
    Shallow,
    /// git failed; the reason as git gave it.
    Failed(String),
}

// Binary (postcard): the JSON cache of 100,000 additions took ~0.15 s to read at every
// build. The JSON file of earlier versions is left where it is, unread.
const CACHE_FILE: &str = "tuoyu-history-cache.bin";
const CACHE_MAGIC: &[u8] = b"tuoyu history cache\n";
const CACHE_VERSION: u32 = 3;

#[derive(Serialize, Deserialize, Default)]
struct Cache {
    version: u32,
    /// The content folder inside the repository, as the commits were read for it.
    prefix: String,
    commits: Vec<CachedCommit>,
}

#[derive(Serialize, Deserialize)]
struct CachedCommit {
    id: String,
    changes: Vec<Change>,
}

/// The history of the content folder `content`.
pub fn read(content: &Path) -> Outcome {
    match try_read(content) {
        Ok(o) => o,
        Err(e) => Outcome::Failed(e),
    }
}

fn try_read(content: &Path) -> Result<Outcome, String> {
    let Ok(info) = git(
        content,
        &[
            "rev-parse",
            "--is-shallow-repository",
            "--absolute-git-dir",
            "--show-prefix",
        ],
    ) else {
        return Ok(Outcome::NotGit);
    };
    let mut lines = info.lines();
    let shallow = lines.next() == Some("true");
    let git_dir = PathBuf::from(lines.next().unwrap_or_default());
    let prefix = lines.next().unwrap_or_default().to_string();
    if shallow {
        return Ok(Outcome::Shallow);
    }
    let commits = commits(content)?;
    let cache_path = git_dir.join(CACHE_FILE);
    let mut cache = load_cache(&cache_path, &prefix);
    let known = cache
        .commits
        .iter()
        .zip(&commits)
        .take_while(|(c, k)| c.id == k.id)
        .count();
    cache.commits.truncate(known);
    if known < commits.len() {
        let fresh = replay(content, &prefix, &commits, known)?;
        cache.commits.extend(fresh);
        // A cache that cannot be written only costs time on the next build.
        let _ = save_cache(&cache_path, &cache);
    }
    let all = cache
        .commits
        .into_iter()
        .rev()
        .flat_map(|c| c.changes)
        .collect();
    Ok(Outcome::Known(History::new(all)))
}

fn load_cache(path: &Path, prefix: &str) -> Cache {
    std::fs::read(path)
        .ok()
        .and_then(|b| {
            let body = b.strip_prefix(CACHE_MAGIC)?;
            postcard::from_bytes::<Cache>(body).ok()
        })
        .filter(|c| c.version == CACHE_VERSION && c.prefix == prefix)
        .unwrap_or(Cache {
            version: CACHE_VERSION,
            prefix: prefix.to_string(),
            commits: Vec::new(),
        })
}

/// Write the cache beside git's own files, whole or not at all.
fn save_cache(path: &Path, cache: &Cache) -> std::io::Result<()> {
    let bytes = postcard::to_extend(cache, CACHE_MAGIC.to_vec()).map_err(std::io::Error::other)?;
    crate::cache::write_atomically(path, &bytes)
}

/// The commits that touched the content folder, oldest first.
fn commits(content: &Path) -> Result<Vec<Commit>, String> {
    let out = git(
        content,
        &[
            "log",
            "--first-parent",
            "--reverse",
            "--format=%H %cI",
            "--",
            ".",
        ],
    )?;
    Ok(out
        .lines()
        .filter_map(|l| {
            let (id, time) = l.split_once(' ')?;
            Some(Commit {
                id: id.to_string(),
                date: time.get(..10)?.to_string(),
                time: time.to_string(),
            })
        })
        .collect())
}

/// One changed file of a commit: its path inside the content folder and its new blob
/// (`None`: deleted).
type Entry = (String, Option<String>);

/// Replay `commits[from..]`, starting from the tree of `commits[from - 1]`. Two git
/// processes read everything: `git log --raw` names each commit's changed files, and
/// `git cat-file --batch`, fed every blob id up front from another thread, streams
/// their texts back in order.
fn replay(
    content: &Path,
    prefix: &str,
    commits: &[Commit],
    from: usize,
) -> Result<Vec<CachedCommit>, String> {
    // Only record files matter; site.yaml, pages and the rest are never read.
    let strip = |p: &str| {
        p.strip_prefix(prefix)
            .filter(|p| super::replay::kind_of(p).is_some())
            .map(str::to_string)
    };
    let base = from.checked_sub(1).map(|i| &commits[i]);
    let range = base.map(|b| format!("{}..HEAD", b.id));
    let mut args = vec![
        "log",
        "--first-parent",
        "--reverse",
        "--raw",
        "-z",
        "--no-renames",
        "--no-abbrev",
        "--format=commit %H",
    ];
    args.extend(range.as_deref());
    args.extend(["--", "."]);
    let per_commit = parse_raw_log(&git(content, &args)?, &strip);
    // Of the base tree only the files the new commits change are read: a record can only
    // change, move or go where its file changes (an id in two files fails the build).
    let touched: HashSet<&str> = per_commit
        .values()
        .flatten()
        .map(|(p, _)| p.as_str())
        .collect();
    let base_files: Vec<Entry> = match base {
        Some(base) => base_tree(content, &base.id, &strip)?
            .into_iter()
            .filter(|(path, _)| touched.contains(path.as_str()))
            .collect(),
        None => Vec::new(),
    };
    let shas: Vec<String> = base_files
        .iter()
        // In the order they are read below: the base tree, then commit by commit.
        .chain(
            commits[from..]
                .iter()
                .filter_map(|c| per_commit.get(&c.id))
                .flatten(),
        )
        .filter_map(|(_, sha)| sha.clone())
        .collect();
    let mut blobs = Blobs::start(content, shas)?;
    let mut texts = |entries: &[Entry]| -> Result<Vec<(String, Option<String>)>, String> {
        let mut out = Vec::with_capacity(entries.len());
        for (path, sha) in entries {
            let text = match sha {
                Some(_) => Some(blobs.next_text()?),
                None => None,
            };
            out.push((path.clone(), text));
        }
        Ok(out)
    };
    let mut state = Replay::default();
    if let Some(base) = base {
        state.apply(base, texts(&base_files)?);
    }
    let mut out = Vec::new();
    let Some((last, middle)) = commits[from..].split_last() else {
        return Ok(out);
    };
    let entries_of = |c: &Commit| per_commit.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
    for c in middle {
        let changes = state.apply(c, texts(entries_of(c))?);
        out.push(CachedCommit {
            id: c.id.clone(),
            changes,
        });
    }
    let changes = state.finish(last, texts(entries_of(last))?);
    out.push(CachedCommit {
        id: last.id.clone(),
        changes,
    });
    Ok(out)
}

/// The record files of the tree of commit `id` with their blob ids.
fn base_tree(
    content: &Path,
    id: &str,
    strip: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Entry>, String> {
    let tree = git(
        content,
        &["ls-tree", "-r", "-z", "--full-name", id, "--", "."],
    )?;
    let mut files = Vec::new();
    for entry in tree.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        if let (Some(sha), Some(path)) = (meta.split(' ').nth(2), strip(path)) {
            files.push((path, Some(sha.to_string())));
        }
    }
    Ok(files)
}

/// `git log --raw -z --format=commit %H`: per commit, its changed files inside the
/// content folder with their new blob ids (`None` for a deletion).
fn parse_raw_log(log: &str, strip: &dyn Fn(&str) -> Option<String>) -> HashMap<String, Vec<Entry>> {
    let mut out: HashMap<String, Vec<Entry>> = HashMap::new();
    let mut current: Option<String> = None;
    let mut tokens = log.split('\0').map(|t| t.trim_start_matches('\n'));
    while let Some(t) = tokens.next() {
        if let Some(id) = t.strip_prefix("commit ") {
            current = Some(id.trim().to_string());
            continue;
        }
        let (Some(meta), Some(path)) = (t.strip_prefix(':'), tokens.next()) else {
            continue;
        };
        let (Some(commit), Some(path)) = (&current, strip(path)) else {
            continue;
        };
        let parts: Vec<&str> = meta.split(' ').collect();
        let sha = match parts.get(4) {
            Some(status) if status.starts_with('D') => None,
            _ => parts.get(3).map(|s| s.to_string()),
        };
        out.entry(commit.clone()).or_default().push((path, sha));
    }
    out
}

/// Run git in `dir` with paths printed as they are (no octal quoting of Chinese names).
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["--no-pager", "-c", "core.quotepath=off"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    String::from_utf8(out.stdout).map_err(|e| format!("git {}: {e}", args.join(" ")))
}

/// One `git cat-file --batch`, fed every blob id by a thread of its own and read in
/// the same order, so neither side waits for the other and memory holds one file at a
/// time however long the history.
struct Blobs {
    child: Child,
    stdout: BufReader<ChildStdout>,
    feeder: Option<std::thread::JoinHandle<()>>,
}

impl Blobs {
    fn start(dir: &Path, shas: Vec<String>) -> Result<Blobs, String> {
        let mut child = Command::new("git")
            .current_dir(dir)
            .args(["--no-pager", "cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("git cat-file: {e}"))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err("git cat-file: no pipes".into());
        };
        let feeder = std::thread::spawn(move || feed(stdin, shas));
        Ok(Blobs {
            child,
            stdout: BufReader::new(stdout),
            feeder: Some(feeder),
        })
    }

    /// The text of the next blob asked for.
    fn next_text(&mut self) -> Result<String, String> {
        let err = |e: std::io::Error| format!("git cat-file: {e}");
        let mut header = String::new();
        self.stdout.read_line(&mut header).map_err(err)?;
        let size: usize = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| format!("git cat-file: {}", header.trim()))?;
        let mut bytes = vec![0; size + 1];
        self.stdout.read_exact(&mut bytes).map_err(err)?;
        bytes.truncate(size);
        // A file that is not UTF-8 was refused by the build of its day: read it as empty.
        Ok(String::from_utf8(bytes).unwrap_or_default())
    }
}

/// Write the blob ids to cat-file; a closed pipe (cat-file gone) ends the feeding.
fn feed(stdin: ChildStdin, shas: Vec<String>) {
    let mut w = std::io::BufWriter::new(stdin);
    for sha in shas {
        if writeln!(w, "{sha}").is_err() {
            return;
        }
    }
    let _ = w.flush();
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // Stop our own cat-file (it may still hold unread blobs), then its feeder.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(f) = self.feeder.take() {
            let _ = f.join();
        }
    }
}
