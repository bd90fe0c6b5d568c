//! Record files parsed by an earlier check, kept in memory by the preview server: a
//! rebuild after one edit parses only the files whose bytes changed (parsing and checking
//! YAML is most of the load step), and reads only the files whose size, modification time
//! or inode changed.
//!
//! A file's records also depend on the districts (names, streets) and on today's date
//! (filing dates after it are errors), and their diagnostics on the content folder's name:
//! when any of those differ from the last check, nothing is reused.
//!
//! A file is taken as unchanged by its stamp alone (not read) only when it was last
//! modified well before the check that read it: a file written just before or while it
//! was read could be written again within the same tick of a coarse file-system clock,
//! with the same size, and keep its stamp (git's "racily clean" entries). Such a file is
//! read and compared by its bytes' hash.

use std::collections::HashMap;

use super::Stamp;
use crate::model::{District, FileRecords};
use crate::render::fingerprint::{Fingerprint, Hasher};

/// How much older than the check that read it a file's modification time must be for its
/// stamp to be trusted: more than any file system's clock tick (FAT: 2 s).
pub(crate) const RACY_NS: u128 = 3_000_000_000;

/// One remembered file: the hash of its bytes, its stamp when read, and its records.
pub type Known = (Fingerprint, Option<Stamp>, FileRecords);

/// See the module comment.
#[derive(Default)]
pub struct RecordMemo {
    context: Fingerprint,
    /// When the check that read the files started (ns since the Unix epoch).
    read_at: u128,
    files: HashMap<String, Known>,
}

impl RecordMemo {
    /// What every file's records depend on besides its own bytes.
    pub fn context(
        root_label: &str,
        districts: Option<&[District]>,
        today: jiff::civil::Date,
    ) -> Fingerprint {
        Hasher::new()
            .bytes(root_label.as_bytes())
            .debug(&districts)
            .debug(&today)
            .finish()
    }

    /// The records of file `rel` if it was parsed with these bytes in this context.
    pub fn get(&self, context: Fingerprint, rel: &str, bytes: Fingerprint) -> Option<&FileRecords> {
        if context != self.context {
            return None;
        }
        self.files
            .get(rel)
            .and_then(|(b, _, records)| (*b == bytes).then_some(records))
    }

    /// The hash and records of file `rel` if, in this context, its stamp is still the one
    /// it had when it was read, and that stamp can be trusted (see the module comment).
    pub fn get_by_stamp(
        &self,
        context: Fingerprint,
        rel: &str,
        stamp: Stamp,
    ) -> Option<(Fingerprint, &FileRecords)> {
        if context != self.context {
            return None;
        }
        let (hash, known, records) = self.files.get(rel)?;
        let trusted = *known == Some(stamp) && stamp.mtime_ns + RACY_NS < self.read_at;
        trusted.then_some((*hash, records))
    }

    /// Remember the files of the last check, which started reading at `read_at` (and
    /// forget files that are gone).
    pub fn replace(&mut self, context: Fingerprint, read_at: u128, files: HashMap<String, Known>) {
        self.context = context;
        self.read_at = read_at;
        self.files = files;
    }

    /// The remembered files, leaving the memo empty (to move entries into the next one).
    pub fn take_files(&mut self) -> HashMap<String, Known> {
        std::mem::take(&mut self.files)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Now, in ns since the Unix epoch (0 if the clock is before it: then no stamp is trusted).
pub fn now_ns() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_trusted_only_when_the_file_is_older_than_its_reading() {
        let stamp = |mtime_ns| Stamp {
            len: 10,
            mtime_ns,
            inode: 7,
        };
        let mut memo = RecordMemo::default();
        let now = 100 * RACY_NS;
        let files = [
            ("old.yaml", stamp(now - 2 * RACY_NS)),
            ("racy.yaml", stamp(now - RACY_NS / 2)),
        ]
        .map(|(f, s)| (f.to_string(), (1, Some(s), FileRecords::default())));
        memo.replace(5, now, files.into_iter().collect());
        let old = stamp(now - 2 * RACY_NS);
        assert!(memo.get_by_stamp(5, "old.yaml", old).is_some());
        assert!(memo.get_by_stamp(6, "old.yaml", old).is_none(), "context");
        let moved = Stamp { inode: 8, ..old };
        assert!(memo.get_by_stamp(5, "old.yaml", moved).is_none());
        let racy = stamp(now - RACY_NS / 2);
        assert!(memo.get_by_stamp(5, "racy.yaml", racy).is_none());
        assert!(
            memo.get(5, "racy.yaml", 1).is_some(),
            "still known by its bytes"
        );
    }
}
