//! Watching content/ and themes/ for changes, debounced.
//!
//! Editors' programs save in several steps (write a temporary file, rename it over the
//! old one, or truncate and rewrite): `notify-debouncer-full` folds the events of one save
//! into one batch after 100 ms of quiet, and tracks renames by file id. Events that only
//! say a file was opened or read are dropped: the rebuild reads every file itself, and
//! must not set off another rebuild.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// Quiet time after the last event of a save before the site is rebuilt.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// The watcher; changes stop being reported when it is dropped.
pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// A folder that could not be watched, and why.
#[derive(Debug)]
pub struct WatchError {
    pub dir: PathBuf,
    pub error: notify::Error,
}

/// Call `on_change` (on the watcher's thread) after each debounced batch of changes under
/// `dirs`; folders that do not exist are skipped (a site need not have themes/).
pub fn watch(
    dirs: &[&Path],
    mut on_change: impl FnMut() + Send + 'static,
) -> Result<Watcher, WatchError> {
    let handler = move |result: DebounceEventResult| {
        // Errors of the watcher itself (a queue overflow) may hide a change: rebuild.
        let changed = match result {
            Ok(events) => events.iter().any(|e| is_change(&e.kind)),
            Err(_) => true,
        };
        if changed {
            on_change();
        }
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|error| WatchError {
        dir: PathBuf::new(),
        error,
    })?;
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        debouncer
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|error| WatchError {
                dir: dir.to_path_buf(),
                error,
            })?;
    }
    Ok(debouncer)
}

/// Whether an event can change the site (not a mere open, read or access-time update).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::CreateKind;

    #[test]
    fn reads_are_not_changes() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }
}
