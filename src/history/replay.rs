//! The records at one point of the history, moved commit by commit.
//!
//! A list file of 1,000 records changes a few records per commit, so a changed file is cut
//! into its top-level items (`- ` at the start of a line) and only items whose text is new
//! are parsed; an item whose text is unchanged is the same record, unchanged.
//!
//! Between commits a record is kept as the text of its item, not as parsed fields: at
//! 100,000 records the fields (a map of some twenty owned strings each) cost several times
//! the text, and only the few records a commit changes are read again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;

use rayon::prelude::*;

use super::record::{self, Flat, records_of};
use super::{Change, Commit};
use crate::model::Kind;

type Key = (Kind, String);

/// A changed file between the two passes of [`Replay::apply`].
struct Pending<'t> {
    path: String,
    kind: Kind,
    /// Items whose text is unchanged, with their records.
    kept: Vec<(u64, Key)>,
    /// Items whose text is new, to be read.
    fresh: Vec<(u64, &'t str)>,
}

#[derive(Debug, Default)]
pub struct Replay {
    /// Per file (path inside the content folder): each item's text hash and its record.
    files: HashMap<String, Vec<(u64, Key)>>,
    /// Each record: the file it is in and the text of its item.
    records: HashMap<Key, (Rc<str>, Box<str>)>,
}

impl Replay {
    /// Apply one commit: `changed` holds each changed file of the content folder and its
    /// new text (`None`: deleted). Returns the records' changes, by kind and id.
    pub fn apply(
        &mut self,
        commit: &Commit,
        changed: Vec<(String, Option<String>)>,
    ) -> Vec<Change> {
        self.step(commit, &changed, true)
    }

    /// Apply the last commit of a replay: the same changes as [`Replay::apply`], but the
    /// records' texts are not kept for a next commit (at 100,000 records in one commit,
    /// ~110 MB that nothing would read).
    pub fn finish(
        mut self,
        commit: &Commit,
        changed: Vec<(String, Option<String>)>,
    ) -> Vec<Change> {
        self.step(commit, &changed, false)
    }

    fn step(
        &mut self,
        commit: &Commit,
        changed: &[(String, Option<String>)],
        keep: bool,
    ) -> Vec<Change> {
        let mut touched: BTreeSet<Key> = BTreeSet::new();
        let mut before: BTreeMap<Key, Flat> = BTreeMap::new();
        // First every changed file lets go of its changed records (a record may move to
        // another file in the same commit), then the new items are read.
        let mut pending: Vec<Pending> = Vec::new();
        for (path, text) in changed {
            let old = self.files.remove(path).unwrap_or_default();
            let items = match (kind_of(path), text) {
                (Some(kind), Some(text)) => Some((kind, items(text))),
                _ => None,
            };
            let old_hashes: HashMap<u64, &Key> = old.iter().map(|(h, k)| (*h, k)).collect();
            let (mut kept, mut fresh) = (Vec::new(), Vec::new());
            for (h, item) in items.as_ref().map(|(_, i)| i.as_slice()).unwrap_or(&[]) {
                match old_hashes.get(h) {
                    Some(key) => kept.push((*h, (*key).clone())),
                    None => fresh.push((*h, *item)),
                }
            }
            for (_, key) in &old {
                if kept.iter().any(|(_, k)| k == key) {
                    continue;
                }
                if self.records.get(key).is_some_and(|(p, _)| **p == **path)
                    && let Some((_, text)) = self.records.remove(key)
                    && let Some(flat) = record_in(key, &text)
                {
                    before.insert(key.clone(), flat);
                }
                touched.insert(key.clone());
            }
            if let Some((kind, _)) = items {
                let path = path.clone();
                pending.push(Pending {
                    path,
                    kind,
                    kept,
                    fresh,
                });
            }
        }
        // Changes of records read again, made as each is read so that a commit adding
        // 100,000 records never holds all their fields at once; files are read in
        // parallel (a first build's replay is ~100,000 records to parse).
        let read: Vec<Vec<Fresh>> = pending
            .par_iter()
            .map(|p| read_fresh(commit, p, &before))
            .collect();
        let mut done: BTreeMap<Key, Option<Change>> = BTreeMap::new();
        for (p, read) in pending.into_iter().zip(read) {
            let mut entries = p.kept;
            let path: Rc<str> = p.path.as_str().into();
            for (h, item, key, change) in read {
                if keep {
                    self.records
                        .insert(key.clone(), (path.clone(), item.into()));
                }
                done.insert(key.clone(), change);
                touched.insert(key.clone());
                entries.push((h, key));
            }
            if keep {
                self.files.insert(p.path, entries);
            }
        }
        touched
            .into_iter()
            .filter_map(|key| match done.remove(&key) {
                Some(change) => change,
                // A record this commit did not read again is where it was, unchanged.
                None => {
                    let now = self.records.get(&key).and_then(|(_, t)| record_in(&key, t));
                    record::diff(commit, &key, before.get(&key), now.as_ref())
                }
            })
            .collect()
    }
}

/// A record read again: its item's hash and text, its key and its change.
type Fresh<'t> = (u64, &'t str, Key, Option<Change>);

/// Read the new items of one changed file.
fn read_fresh<'t>(
    commit: &Commit,
    p: &Pending<'t>,
    before: &BTreeMap<Key, Flat>,
) -> Vec<Fresh<'t>> {
    let mut out = Vec::new();
    for (h, item) in &p.fresh {
        for (id, flat) in records_of(p.kind, item) {
            let key = (p.kind, id);
            let change = record::diff(commit, &key, before.get(&key), Some(&flat));
            out.push((*h, *item, key, change));
        }
    }
    out
}

/// The fields of the record `key` in the text of its item.
fn record_in(key: &Key, text: &str) -> Option<Flat> {
    records_of(key.0, text)
        .into_iter()
        .find(|(id, _)| *id == key.1)
        .map(|(_, flat)| flat)
}

/// The top-level items of a file with their text hashes: each `- ` line at column 0 starts
/// one. A file that is one record (a mapping) is one item. Text before the first item
/// (comments) belongs to no record and is left out.
fn items(text: &str) -> Vec<(u64, &str)> {
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("- ") || line.trim_end() == "-" {
            starts.push(at);
        }
        at += line.len();
    }
    // Only a file that is a list at its top level is cut: in a mapping, `- ` at column 0
    // may be an item of a key's list.
    let first = text
        .lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---");
    let is_list = first.is_some_and(|l| l.starts_with("- ") || l == "-");
    if starts.is_empty() || !is_list {
        return vec![(hash(text), text)];
    }
    starts.push(text.len());
    starts
        .windows(2)
        .map(|w| &text[w[0]..w[1]])
        .map(|item| (hash(item), item))
        .collect()
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// The record kind of a file inside the content folder (`filed/list.yaml` → filed).
pub(super) fn kind_of(path: &str) -> Option<Kind> {
    let (top, _) = path.split_once('/')?;
    let yaml = path.ends_with(".yaml") || path.ends_with(".yml");
    Kind::of_folder(top).filter(|_| yaml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_lists_into_items_but_not_mappings() {
        let list = "# 名单\n- id: a\n  services:\n  - 全日托\n- id: b\n";
        let got: Vec<&str> = items(list).into_iter().map(|(_, t)| t).collect();
        assert_eq!(got, ["- id: a\n  services:\n  - 全日托\n", "- id: b\n"]);
        // A key's list may stand at column 0 in a one-record file.
        let one = "id: a\nservices:\n- 全日托\n";
        assert_eq!(items(one).len(), 1);
        let c = Commit {
            id: "c1".into(),
            date: "2024-01-01".into(),
            time: "2024-01-01T00:00:00Z".into(),
        };
        let mut r = Replay::default();
        let changes = r.apply(&c, vec![("filed/a.yaml".into(), Some(one.into()))]);
        assert_eq!(changes.len(), 1);
        let two = one.replace("全日托", "半日托");
        let changes = r.apply(&c, vec![("filed/a.yaml".into(), Some(two))]);
        assert_eq!(changes[0].fields[0].title, "服务类型");
    }
}
