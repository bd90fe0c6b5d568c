//! Record files parsed by an earlier check, kept in memory by the preview server: a
//! rebuild after one edit re-reads every file (cheap) but parses only the files whose bytes
//! changed (parsing and checking YAML is most of the load step).
//!
//! A file's records also depend on the districts (names, streets) and on today's date
//! (filing dates after it are errors), and their diagnostics on the content folder's name:
//! when any of those differ from the last check, nothing is reused.

use std::collections::HashMap;

use crate::model::{District, FileRecords};
use crate::render::fingerprint::{Fingerprint, Hasher};

/// See the module comment.
#[derive(Default)]
pub struct RecordMemo {
    context: Fingerprint,
    files: HashMap<String, (Fingerprint, FileRecords)>,
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
            .and_then(|(b, records)| (*b == bytes).then_some(records))
    }

    /// Remember the files of the last check (and forget files that are gone).
    pub fn replace(
        &mut self,
        context: Fingerprint,
        files: HashMap<String, (Fingerprint, FileRecords)>,
    ) {
        self.context = context;
        self.files = files;
    }

    /// The remembered files, leaving the memo empty (to move entries into the next one).
    pub fn take_files(&mut self) -> HashMap<String, (Fingerprint, FileRecords)> {
        std::mem::take(&mut self.files)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
