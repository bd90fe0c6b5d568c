//! What changed and when, from the content's git history: per institution (kind + id),
//! when it first appeared, each change with the fields that changed (`托位数 30 → 40`,
//! with the Chinese titles of [`crate::model::spec`]), cancellation (状态 → 注销) and
//! removal.
//!
//! Records are compared by id, never by "this file was touched": one list file holds
//! hundreds of records. [`Replay`] is pure (file texts in, changes out); [`git`] feeds it
//! from `git` and caches what it read per commit.

pub mod git;
mod record;
mod replay;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::Kind;
pub use record::{Flat, records_of};
pub use replay::Replay;

/// What happened to a record in one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum What {
    Added,
    Changed,
    Cancelled,
    Removed,
}

impl What {
    /// 新增 / 变更 / 注销 / 移除, as pages show it.
    pub fn label(self) -> &'static str {
        match self {
            What::Added => "新增",
            What::Changed => "变更",
            What::Cancelled => "注销",
            What::Removed => "移除",
        }
    }
}

/// One field's change: its title and the values before and after (absent = not given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub key: String,
    pub title: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One record's change in one commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The commit's date, `YYYY-MM-DD` (committer's own calendar day).
    pub date: String,
    /// The committer time, RFC 3339 (for the feed).
    pub time: String,
    pub commit: String,
    /// The content folder of the kind (`filed`, `demonstration`, `sites`).
    pub folder: String,
    pub id: String,
    pub name: String,
    pub what: What,
    /// Changed fields (empty for additions and removals).
    pub fields: Vec<FieldChange>,
}

impl Change {
    pub fn kind(&self) -> Option<Kind> {
        Kind::of_folder(&self.folder)
    }
}

/// A commit as the replay needs it.
#[derive(Debug, Clone)]
pub struct Commit {
    pub id: String,
    pub date: String,
    pub time: String,
}

/// Every change, newest first, with an index by institution id.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub changes: Vec<Change>,
    by_id: HashMap<String, Vec<usize>>,
}

impl History {
    /// From changes newest commit first (within a commit, by kind and id).
    pub fn new(changes: Vec<Change>) -> History {
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in changes.iter().enumerate() {
            by_id.entry(c.id.clone()).or_default().push(i);
        }
        History { changes, by_id }
    }

    /// The changes of the institution `id` (every kind), newest first.
    pub fn of(&self, id: &str) -> impl Iterator<Item = &Change> {
        self.by_id
            .get(id)
            .into_iter()
            .flatten()
            .map(|i| &self.changes[*i])
    }

    /// The date of the institution's latest change.
    pub fn last_date(&self, id: &str) -> Option<&str> {
        self.of(id).next().map(|c| c.date.as_str())
    }

    /// Give every institution without an `updated` date that of its latest change, so the
    /// open data and pages say when a record last changed.
    pub fn fill_updated(&self, site: &mut crate::model::Site) {
        for inst in site.institutions.iter_mut().filter(|i| i.updated.is_none()) {
            inst.updated = self
                .last_date(&inst.id)
                .and_then(crate::model::contract::MonthOrDate::parse);
            if inst.updated.is_some() {
                inst.read_form = crate::model::ReadForm::none();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(n: u32) -> Commit {
        Commit {
            id: format!("c{n}"),
            date: format!("2024-01-0{n}"),
            time: format!("2024-01-0{n}T10:00:00+08:00"),
        }
    }

    #[test]
    fn compares_records_by_id_not_by_file() {
        let mut r = Replay::default();
        let one = "- {id: a, name: 甲, capacity: 30}\n- {id: b, name: 乙}\n";
        let c = r.apply(&commit(1), vec![("filed/x.yaml".into(), Some(one.into()))]);
        assert_eq!(
            c.iter().map(|c| c.what).collect::<Vec<_>>(),
            [What::Added; 2]
        );
        let two = "- {id: a, name: 甲, capacity: 40}\n- {id: b, name: 乙}\n";
        let c = r.apply(&commit(2), vec![("filed/x.yaml".into(), Some(two.into()))]);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].fields[0].title, "托位数");
        assert_eq!(c[0].fields[0].before.as_deref(), Some("30"));
        let three = "- {id: a, name: 甲, capacity: 40, status: 注销}\n";
        let c = r.apply(
            &commit(3),
            vec![("filed/x.yaml".into(), Some(three.into()))],
        );
        assert_eq!((c[0].what, c[1].what), (What::Cancelled, What::Removed));
        // Moving a record to another file is no change.
        let c = r.apply(
            &commit(4),
            vec![
                ("filed/x.yaml".into(), None),
                ("filed/y.yaml".into(), Some(three.into())),
            ],
        );
        assert!(c.is_empty(), "{c:?}");
    }
}
