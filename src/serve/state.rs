//! What the server serves, shared between the watcher (which publishes rebuilds) and the
//! connection threads (which read snapshots and wait for changes).
//!
//! One mutex guards the whole state, held only to swap or clone `Arc`s, never while a
//! page is rendered or sent; a condition variable wakes the event streams on a change.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::site::Built;

/// One consistent view of the preview.
#[derive(Clone, Default)]
pub struct Snapshot {
    /// The last site that built without errors (none before the first one).
    pub site: Option<Arc<Built>>,
    /// The error overlay (HTML) while the content has errors.
    pub overlay: Option<Arc<String>>,
    /// Changes on every rebuild, good or bad; pages reload when it differs from theirs.
    pub version: String,
}

/// The preview's state; see the module comment.
pub struct Preview {
    state: Mutex<(Snapshot, u64)>,
    changed: Condvar,
    /// Distinguishes this run from an earlier one, so pages reload after a restart too.
    session: u64,
}

impl Preview {
    pub fn new(session: u64) -> Preview {
        let snapshot = Snapshot {
            version: format!("{session}-0"),
            ..Snapshot::default()
        };
        Preview {
            state: Mutex::new((snapshot, 0)),
            changed: Condvar::new(),
            session,
        }
    }

    fn lock(&self) -> MutexGuard<'_, (Snapshot, u64)> {
        // A panicking connection thread cannot leave the state half-written: every
        // update is a single assignment, so a poisoned lock is still consistent.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn snapshot(&self) -> Snapshot {
        self.lock().0.clone()
    }

    /// A good build: serve it and clear the overlay.
    pub fn publish_site(&self, site: Built) {
        self.update(|s| {
            s.site = Some(Arc::new(site));
            s.overlay = None;
        });
    }

    /// A failed build: keep the last good site, show the problems on top of it.
    pub fn publish_problems(&self, overlay: String) {
        self.update(|s| s.overlay = Some(Arc::new(overlay)));
    }

    fn update(&self, f: impl FnOnce(&mut Snapshot)) {
        let mut guard = self.lock();
        let (snapshot, generation) = &mut *guard;
        f(snapshot);
        *generation += 1;
        snapshot.version = format!("{}-{generation}", self.session);
        self.changed.notify_all();
    }

    /// Wait until the version differs from `seen` or `timeout` passes; the current version.
    pub fn wait_change(&self, seen: &str, timeout: Duration) -> String {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |(s, _)| s.version == seen)
            .unwrap_or_else(|p| p.into_inner());
        guard.0.version.clone()
    }
}
