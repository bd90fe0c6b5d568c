//! Write output files into a staging folder beside the target, then swap it in only when
//! the whole build succeeded: a failed build leaves the old site untouched. [`guard`]
//! decides first whether the target may be replaced at all.
//!
//! A file whose bytes are the same as in the previous output is not written again: it is
//! hard-linked from the previous output into the staging folder, so after the swap it keeps
//! its inode and modification time, and rsync, object-store sync and CDN uploads move only
//! what changed. The mark file lists every file written, so that the next build can tell
//! tuoyu's files from anyone else's.

pub mod guard;
pub mod manifest;
pub mod update;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::catalogue::{Msg, cli as msg, general};
use crate::diagnostics::{Lang, Text};
use crate::render::OutputFile;

/// An I/O failure with the path that failed and what was being done to it.
#[derive(Debug)]
pub struct OutputError {
    pub path: PathBuf,
    pub action: &'static Msg,
    pub source: std::io::Error,
}

impl OutputError {
    /// "无法写入 <path>：<reason>", in the reader's language.
    pub fn text(&self) -> Text {
        Text::new(&msg::OUTPUT_FAILED)
            .arg("action", self.action)
            .arg("path", self.path.display().to_string())
            .arg("reason", general::io_reason(&self.source))
    }
}

impl fmt::Display for OutputError {
    /// Chinese, the default language; commands print [`OutputError::text`] in the chosen one.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.text().render(Lang::Zh))
    }
}

impl std::error::Error for OutputError {}

fn err<'p>(
    action: &'static Msg,
    path: &'p Path,
) -> impl FnOnce(std::io::Error) -> OutputError + 'p {
    move |source| OutputError {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// An unnamed file in `dir` (a staging folder tuoyu made): created, then unlinked at once,
/// so that it lives only as long as its handle and nothing is left of it, even when the
/// build is killed. None when it cannot be made or unlinked (its user then does without).
pub(crate) fn scratch_in(dir: &Path) -> Option<std::fs::File> {
    let path = dir.join(".tuoyu-scratch");
    let mut open = std::fs::OpenOptions::new();
    let file = open
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .ok()?;
    match std::fs::remove_file(&path) {
        Ok(()) => Some(file),
        Err(_) => {
            // Where an open file cannot be unlinked, it is closed and removed instead.
            drop(file);
            let _ = std::fs::remove_file(&path);
            None
        }
    }
}

/// A staging folder that becomes the output folder on [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// The previous output (marked as tuoyu's), whose unchanged files are reused.
    previous: Option<PathBuf>,
    made: Mutex<HashSet<PathBuf>>,
    written: Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    /// Create `.<name>.tmp-<pid>` next to `target` (same file system, so the swap is a rename).
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        let dir = make_staging_dir(target)?;
        let previous = target
            .join(guard::MARK)
            .is_file()
            .then(|| target.to_path_buf());
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            previous,
            made: Mutex::new(HashSet::new()),
            written: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Write one file into the staging folder (or link it from the previous output when
    /// its bytes are the same).
    pub fn write(&self, file: &OutputFile) -> Result<(), OutputError> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            self.ensure_dir(parent)?;
        }
        self.note(&file.path);
        if let Some(old) = self.unchanged(&file.path, &file.bytes) {
            return std::fs::hard_link(&old, &path).map_err(err(&msg::ACTION_LINK, &path));
        }
        std::fs::write(&path, &file.bytes).map_err(err(&msg::ACTION_WRITE, &path))
    }

    /// A scratch file for the build's working data, in the staging folder but never in
    /// the output (see [`scratch_in`]).
    pub fn scratch(&self) -> Option<std::fs::File> {
        scratch_in(&self.dir)
    }

    /// The previous output's copy of `rel`, if it holds exactly `bytes`.
    fn unchanged(&self, rel: &str, bytes: &[u8]) -> Option<PathBuf> {
        let old = self.previous.as_ref()?.join(rel);
        let meta = std::fs::symlink_metadata(&old).ok()?;
        if !meta.is_file() || meta.len() != bytes.len() as u64 {
            return None;
        }
        (std::fs::read(&old).ok()? == bytes).then_some(old)
    }

    /// Whether two files hold the same bytes, read side by side a block at a time (the
    /// data exports are 100 MB and more: read whole, the two copies of the JSON alone
    /// pushed a rebuild over its memory budget).
    fn same_file(a: &Path, b: &Path) -> bool {
        let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
            return false;
        };
        ma.is_file() && ma.len() == mb.len() && same_bytes(a, b).unwrap_or(false)
    }

    fn note(&self, rel: &str) {
        let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        written.push(rel.to_string());
    }

    /// Create `rel` in the staging folder and let `fill` write its contents (buffered).
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            self.ensure_dir(parent)?;
        }
        let file = std::fs::File::create(&path).map_err(err(&msg::ACTION_CREATE, &path))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut w)
            .and_then(|()| std::io::Write::flush(&mut w))
            .map_err(err(&msg::ACTION_WRITE, &path))?;
        drop(w);
        self.note(rel);
        // Streamed files are compared once written; an unchanged one becomes a link.
        if let Some(old) = self.previous.as_ref().map(|p| p.join(rel))
            && Self::same_file(&old, &path)
        {
            std::fs::remove_file(&path).map_err(err(&msg::ACTION_REPLACE, &path))?;
            std::fs::hard_link(&old, &path).map_err(err(&msg::ACTION_LINK, &path))?;
        }
        Ok(())
    }

    fn ensure_dir(&self, dir: &Path) -> Result<(), OutputError> {
        let mut made = self.made.lock().unwrap_or_else(|p| p.into_inner());
        if !made.contains(dir) {
            std::fs::create_dir_all(dir).map_err(err(&msg::ACTION_CREATE, dir))?;
            made.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// Swap the staging folder in place of the target; the old output is removed after.
    pub fn commit(mut self) -> Result<(), OutputError> {
        self.write_mark()?;
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let had_old = self.target.exists();
        // Checked before the build too; checked again in case the folder changed meanwhile.
        guard::check(&self.target, &[]).map_err(|r| OutputError {
            path: self.target.clone(),
            action: &msg::ACTION_REPLACE,
            source: std::io::Error::other(r.to_string()),
        })?;
        if had_old {
            std::fs::rename(&self.target, &old)
                .map_err(err(&msg::ACTION_MOVE_ASIDE, &self.target))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(err(&msg::ACTION_MOVE_INTO_PLACE, &self.target)(e));
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old).map_err(err(&msg::ACTION_REMOVE, &old))?;
        }
        Ok(())
    }
}

impl Staging {
    /// The mark file: what it is for, then every file written, sorted (so that two builds
    /// of the same content give the same bytes).
    fn write_mark(&self) -> Result<(), OutputError> {
        let written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        let text = manifest::text(&written);
        let mark = self.dir.join(guard::MARK);
        std::fs::write(&mark, text).map_err(err(&msg::ACTION_WRITE, &mark))
    }
}

/// Create `.<name>.tmp-<pid>` next to `target`, marked as tuoyu's.
fn make_staging_dir(target: &Path) -> Result<PathBuf, OutputError> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(err(&msg::ACTION_CREATE, &parent))?;
    remove_abandoned(&parent, &name);
    let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    // A leftover of an earlier run with this process id is ours only if marked.
    if dir.join(guard::MARK).is_file() {
        std::fs::remove_dir_all(&dir).map_err(err(&msg::ACTION_REMOVE, &dir))?;
    }
    std::fs::create_dir(&dir).map_err(err(&msg::ACTION_CREATE, &dir))?;
    let mark = dir.join(guard::MARK);
    std::fs::write(&mark, guard::MARK_TEXT).map_err(err(&msg::ACTION_WRITE, &mark))?;
    Ok(dir)
}

/// The staging folders of earlier builds of `name` that were stopped (Ctrl-C, killed) before
/// they could remove their own: a million records' is 17 GB, and nothing else ever removes
/// it. Only a folder marked as tuoyu's and named for a process that no longer runs is
/// removed; where running processes cannot be told (no `/proc`), none is.
fn remove_abandoned(parent: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.tmp-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let pid = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else {
            continue;
        };
        let dir = entry.path();
        let stopped = pid != std::process::id() && !proc.join(pid.to_string()).exists();
        if stopped && dir.join(guard::MARK).is_file() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

impl Drop for Staging {
    /// An abandoned build leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The two files' bytes are equal (their lengths are known to be).
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let (mut fa, mut fb) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = fa.read(&mut x)?;
        if n == 0 {
            return Ok(fb.read(&mut y[..1])? == 0);
        }
        fb.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

#[cfg(test)]
mod scratch_tests {
    use super::*;
    use std::io::{Read, Seek, Write};

    #[test]
    fn a_scratch_file_holds_its_bytes_and_is_never_in_the_output() {
        let root = tempfile::tempdir().expect("a temporary folder");
        let target = root.path().join("public");
        let staging = Staging::new(&target).expect("a staging folder");
        let mut file = staging.scratch().expect("a scratch file");
        let mut again = staging.scratch().expect("a second one beside it");
        assert!(file.write_all(b"terms").is_ok() && again.write_all(b"x").is_ok());
        let mut back = String::new();
        assert!(file.rewind().is_ok() && file.read_to_string(&mut back).is_ok());
        assert_eq!(back, "terms");
        let listed = |dir: &Path| -> Vec<std::ffi::OsString> {
            let entries = std::fs::read_dir(dir).expect("listed");
            entries.map(|e| e.expect("an entry").file_name()).collect()
        };
        let mut before = listed(&staging.dir);
        before.retain(|n| n != guard::MARK);
        assert!(
            before.is_empty(),
            "the staging folder shows no scratch file: {before:?}"
        );
        staging.commit().expect("committed");
        let mut after = listed(&target);
        after.retain(|n| n != guard::MARK);
        assert!(
            after.is_empty(),
            "the output holds only tuoyu's mark: {after:?}"
        );
    }
}
