//! Read the content folder's history from `git` in one pass: `git log` lists the commits
//! that touched the folder (first parent only, so merges count once), `git diff-tree`
//! names the files each changed, and one long-running `git cat-file --batch` gives their
//! texts. What was read is cached per commit in `.git/tuoyu-history-cache.json` (safe to
//! delete): a build after one new commit reads that commit only, plus the tree it
//! starts from.

use std::collections::HashMap;
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

const CACHE_FILE: &str = "tuoyu-history-cache.json";
const CACHE_VERSION: u32 = 1;

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
        if let Ok(text) = serde_json::to_vec(&cache) {
            let _ = std::fs::write(&cache_path, text);
        }
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
        .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
        .filter(|c| c.version == CACHE_VERSION && c.prefix == prefix)
        .unwrap_or(Cache {
            version: CACHE_VERSION,
            prefix: prefix.to_string(),
            commits: Vec::new(),
        })
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

/// Replay `commits[from..]`, starting from the tree of `commits[from - 1]`.
fn replay(
    content: &Path,
    prefix: &str,
    commits: &[Commit],
    from: usize,
) -> Result<Vec<CachedCommit>, String> {
    let mut blobs = Blobs::start(content)?;
    let mut state = Replay::default();
    let strip = |p: &str| p.strip_prefix(prefix).map(str::to_string);
    if let Some(base) = from.checked_sub(1).map(|i| &commits[i]) {
        let tree = git(
            content,
            &["ls-tree", "-r", "-z", "--full-name", &base.id, "--", "."],
        )?;
        let mut files = Vec::new();
        for entry in tree.split('\0').filter(|e| !e.is_empty()) {
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let (Some(sha), Some(path)) = (meta.split(' ').nth(2), strip(path)) else {
                continue;
            };
            files.push((path, Some(blobs.text(sha)?)));
        }
        state.apply(&commits[from - 1], files);
    }
    let mut out = Vec::new();
    for (i, c) in commits.iter().enumerate().skip(from) {
        let range: Vec<&str> = match i.checked_sub(1) {
            Some(p) => vec![commits[p].id.as_str(), c.id.as_str()],
            None => vec!["--root", c.id.as_str()],
        };
        let mut args = vec![
            "diff-tree",
            "-r",
            "-z",
            "--no-renames",
            "--no-commit-id",
            "--full-index",
        ];
        args.extend(range);
        args.extend(["--", "."]);
        let diff = git(content, &args)?;
        let mut changed = Vec::new();
        let mut fields = diff.split('\0').filter(|e| !e.is_empty());
        while let (Some(meta), Some(path)) = (fields.next(), fields.next()) {
            let Some(path) = strip(path) else { continue };
            let parts: Vec<&str> = meta.split(' ').collect();
            let (sha, status) = (parts.get(3).copied(), parts.get(4).copied());
            let text = match (status, sha) {
                (Some("D"), _) | (_, None) => None,
                (_, Some(sha)) => Some(blobs.text(sha)?),
            };
            changed.push((path, text));
        }
        let changes = state.apply(c, changed);
        out.push(CachedCommit {
            id: c.id.clone(),
            changes,
        });
    }
    Ok(out)
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

/// One `git cat-file --batch`: blob texts by id, asked for one at a time, so memory
/// holds one file at a time however long the history.
struct Blobs {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// Unchanged files keep their blob id: a text read once is not read again.
    seen: HashMap<String, String>,
}

impl Blobs {
    fn start(dir: &Path) -> Result<Blobs, String> {
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
        Ok(Blobs {
            child,
            stdin,
            stdout: BufReader::new(stdout),
            seen: HashMap::new(),
        })
    }

    fn text(&mut self, sha: &str) -> Result<String, String> {
        if let Some(t) = self.seen.get(sha) {
            return Ok(t.clone());
        }
        let err = |e: std::io::Error| format!("git cat-file: {e}");
        writeln!(self.stdin, "{sha}").map_err(err)?;
        self.stdin.flush().map_err(err)?;
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
        let text = String::from_utf8(bytes).unwrap_or_default();
        // Only small files are kept: a 1,000-record list changes in most commits anyway.
        if text.len() < 64 * 1024 {
            self.seen.insert(sha.to_string(), text.clone());
        }
        Ok(text)
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
