//! Update an output folder in place, for a rebuild that changes few of its files: replacing
//! a 100,000-file folder by a new one (even of hard links) costs seconds, moving a few new
//! files into it does not.
//!
//! The promise of [`super::Staging`] holds: every changed file is first written into a
//! staging folder beside the target, and only when the whole build succeeded is each one
//! renamed into place (the same file system, so each rename is atomic); a failed build
//! leaves the target untouched. Files of the previous build that the new one no longer has
//! are deleted, but only those the mark lists: never a file tuoyu did not write. While
//! files move, the mark lists the old and the new files, so that an interrupted update
//! still leaves a folder whose every file is accounted for.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{OutputError, err, guard, manifest};
use crate::diagnostics::catalogue::cli as msg;
use crate::render::OutputFile;

/// The files of a rebuild: kept as they are, or staged to replace the target's.
pub struct Update {
    target: PathBuf,
    dir: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    /// Every file of the new site.
    files: Mutex<Vec<String>>,
    /// The files written into the staging folder, to be moved into place.
    staged: Mutex<Vec<String>>,
    committed: bool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Update {
    /// Start updating `target`, which must exist and carry tuoyu's mark.
    pub fn new(target: &Path) -> Result<Update, OutputError> {
        let dir = super::make_staging_dir(target)?;
        Ok(Update {
            target: target.to_path_buf(),
            dir,
            made: Mutex::new(HashSet::new()),
            files: Mutex::new(Vec::new()),
            staged: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// A scratch file in the staging folder (see [`super::scratch_in`]).
    pub fn scratch(&self) -> Option<std::fs::File> {
        super::scratch_in(&self.dir)
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// `rel` is part of the new site and already in the target as it should be.
    pub fn keep(&self, rel: &str) {
        lock(&self.files).push(rel.to_string());
    }

    /// Stage a new or changed file.
    pub fn write(&self, file: &OutputFile) -> Result<(), OutputError> {
        let path = self.staged_path(&file.path)?;
        std::fs::write(&path, &file.bytes).map_err(err(&msg::ACTION_WRITE, &path))?;
        self.note_staged(&file.path);
        Ok(())
    }

    /// Stage `rel` by letting `fill` write it (buffered); the caller then either
    /// [`Update::confirm`]s it or [`Update::discard`]s it (its bytes turned out unchanged).
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn std::io::Write, std::fs::File) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        let path = self.staged_path(rel)?;
        let file = std::fs::File::create(&path).map_err(err(&msg::ACTION_CREATE, &path))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        // The file too (a handle sharing its offset), for what `fill` copies into it
        // directly after flushing `w`.
        let file = w
            .get_ref()
            .try_clone()
            .map_err(err(&msg::ACTION_CREATE, &path))?;
        fill(&mut w, file)
            .and_then(|()| std::io::Write::flush(&mut w))
            .map_err(err(&msg::ACTION_WRITE, &path))
    }

    /// A file staged by [`Update::write_with`] is to replace the target's.
    pub fn confirm(&self, rel: &str) {
        self.note_staged(rel);
    }

    /// A file staged by [`Update::write_with`] is the same as the target's: keep that one.
    pub fn discard(&self, rel: &str) -> Result<(), OutputError> {
        let path = self.dir.join(rel);
        std::fs::remove_file(&path).map_err(err(&msg::ACTION_REMOVE, &path))?;
        self.keep(rel);
        Ok(())
    }

    /// How many files the update writes.
    pub fn staged(&self) -> usize {
        lock(&self.staged).len()
    }

    fn note_staged(&self, rel: &str) {
        lock(&self.staged).push(rel.to_string());
        lock(&self.files).push(rel.to_string());
    }

    fn staged_path(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            let mut made = lock(&self.made);
            if !made.contains(parent) {
                std::fs::create_dir_all(parent).map_err(err(&msg::ACTION_CREATE, parent))?;
                made.insert(parent.to_path_buf());
            }
        }
        Ok(path)
    }
}

impl Update {
    /// Move the staged files into the target and delete the previous build's files that
    /// the new one no longer has; then the mark lists exactly the new files.
    pub fn commit(mut self) -> Result<(), OutputError> {
        // No second look for strangers (a walk of every file): an update replaces no
        // folder and deletes only files the mark lists, so a stranger is never lost.
        let mark = self.target.join(guard::MARK);
        let old_mark = std::fs::read_to_string(&mark).map_err(err(&msg::ACTION_WRITE, &mark))?;
        let old = manifest::entries(&old_mark);
        let files = std::mem::take(&mut *lock(&self.files));
        let staged = std::mem::take(&mut *lock(&self.staged));
        let new: super::manifest::Entries = files.iter().map(String::as_str).collect();
        let gone = manifest::gone(&self.target, &old, &new);
        // While files move, the mark vouches for the old and the new ones. When it lists
        // the same entries as before (an edit renames only content-named files, which it
        // lists by pattern), it already does and stays as it is: making and writing it
        // twice took ~50 ms of every rebuild at 100,000 pages.
        let same_mark = manifest::same_text(&old_mark, &old, &files);
        if staged.is_empty() && gone.is_empty() && same_mark {
            self.committed = true;
            return Ok(());
        }
        let new_text = (!same_mark).then(|| manifest::text(&files));
        if new_text.is_some() {
            let both: Vec<String> = old
                .iter()
                .map(|e| e.to_string())
                .chain(files.iter().cloned())
                .collect();
            self.replace_mark(&manifest::text(&both))?;
        }
        for rel in &staged {
            self.move_into_place(rel)?;
        }
        for rel in &gone {
            self.remove_old(rel)?;
        }
        if let Some(new_text) = &new_text {
            self.replace_mark(new_text)?;
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(())
    }

    /// Write the mark beside and rename it over the target's (never half a mark).
    fn replace_mark(&self, text: &str) -> Result<(), OutputError> {
        let tmp = self.dir.join(".tuoyu-output.next");
        std::fs::write(&tmp, text).map_err(err(&msg::ACTION_WRITE, &tmp))?;
        let mark = self.target.join(guard::MARK);
        std::fs::rename(&tmp, &mark).map_err(err(&msg::ACTION_MOVE_INTO_PLACE, &mark))
    }

    fn move_into_place(&self, rel: &str) -> Result<(), OutputError> {
        let to = self.target.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(err(&msg::ACTION_CREATE, parent))?;
        }
        let from = self.dir.join(rel);
        std::fs::rename(&from, &to).map_err(err(&msg::ACTION_MOVE_INTO_PLACE, &to))
    }

    /// Delete a file of the previous build, and the folders it leaves empty (a clean
    /// build would not have them).
    fn remove_old(&self, rel: &str) -> Result<(), OutputError> {
        let path = self.target.join(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(err(&msg::ACTION_REMOVE, &path)(e)),
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != self.target && d.starts_with(&self.target)) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }
}

impl Drop for Update {
    /// An abandoned update leaves the target as it was and nothing beside it.
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
