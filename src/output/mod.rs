//! Write output files into a staging folder beside the target, then swap it in only when
//! the whole build succeeded: a failed build leaves the old site untouched.

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

/// A staging folder that becomes the output folder on [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Create `.<name>.tmp-<pid>` next to `target` (same file system, so the swap is a rename).
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(err(&msg::ACTION_CREATE, &parent))?;
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(err(&msg::ACTION_REMOVE, &dir))?;
        }
        std::fs::create_dir(&dir).map_err(err(&msg::ACTION_CREATE, &dir))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            made: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Write one file into the staging folder.
    pub fn write(&self, file: &OutputFile) -> Result<(), OutputError> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            self.ensure_dir(parent)?;
        }
        std::fs::write(&path, &file.bytes).map_err(err(&msg::ACTION_WRITE, &path))
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
            .map_err(err(&msg::ACTION_WRITE, &path))
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
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let had_old = self.target.exists();
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

impl Drop for Staging {
    /// An abandoned build leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
