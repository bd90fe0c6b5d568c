//! The search index's state ([`crate::render::search::State`]: every term's postings, the
//! documents' input hashes, the shards' layout and the files' names), kept beside the build
//! cache (`.tuoyu-cache/<output folder name>.search`) so that a rebuild after an edit makes
//! only the index files that hold an edited record (~20 MB at 100,000 records).
//!
//! The file is this binary's identity and the state in postcard's binary form, behind a hash
//! of both: a damaged file, or one from another build of tuoyu, is never read, and the index
//! is then made from scratch (the same bytes either way). It is only used together with a
//! trusted build cache, which says which of the last build's files are still in place.

use std::path::{Path, PathBuf};

use crate::render::search::State;

pub fn path_for(out: &Path) -> PathBuf {
    let mut path = super::path_for(out).into_os_string();
    path.push(".search");
    PathBuf::from(path)
}

/// The last build's state, if there is a whole one from this binary.
pub fn load(out: &Path) -> Option<State> {
    let bytes = std::fs::read(path_for(out)).ok()?;
    let (identity, state): (String, State) = super::unseal(&bytes)?;
    (identity == super::identity()).then_some(state)
}

/// Leave `state` for the next build; with none, or when it cannot be written, no state is
/// left (a stale one must not outlive the index it describes).
pub fn save(out: &Path, state: Option<&State>) -> std::io::Result<()> {
    prepare(out, state).install()
}

/// A state written beside its place, put there once the index it describes is in the
/// output ([`Prepared::install`]): a build writes it while its files move into place.
pub struct Prepared {
    path: PathBuf,
    /// The written state; `None` when there is none, or it could not be written.
    tmp: Option<PathBuf>,
    /// Why it could not be written.
    failed: Option<std::io::Error>,
}

/// Write `state` beside its place for `out` (see [`Prepared`]).
pub fn prepare(out: &Path, state: Option<&State>) -> Prepared {
    let path = path_for(out);
    let tmp = super::tmp_beside(&path);
    let (tmp, failed) = match state.map(|s| write(&path, &tmp, s)) {
        Some(Ok(())) => (Some(tmp), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    Prepared { path, tmp, failed }
}

impl Prepared {
    /// Put the state in its place; with none (or none written), no state is left.
    pub fn install(mut self) -> std::io::Result<()> {
        let result = match (self.tmp.take(), self.failed.take()) {
            (Some(tmp), _) => std::fs::rename(&tmp, &self.path).inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            }),
            (None, Some(e)) => Err(e),
            (None, None) => return remove(&self.path),
        };
        if result.is_err() {
            let _ = remove(&self.path);
        }
        result
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

fn write(path: &Path, tmp: &Path, state: &State) -> std::io::Result<()> {
    let identity = super::identity();
    let bytes = super::seal_in(
        &(&identity, state),
        16 + identity.len() + state.wire_bound(),
    )?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(tmp, &bytes).inspect_err(|_| {
        let _ = std::fs::remove_file(tmp);
    })
}

fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
