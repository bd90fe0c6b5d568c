//! One record per file of the new build, held until the build cache is saved: a
//! million of them at a million records, so it is kept to 64 bytes (the rare parts, the
//! rows of an export and the stamp of a kept file, behind one pointer).

use super::Stamp;
use crate::render::data::RowSpan;
use crate::render::fingerprint::Fingerprint;

/// A file of the new build: its path and hashes (the stamp of a file written now is read
/// once it is in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produced {
    path: Box<str>,
    // Halves of a `Fingerprint`: a `u128` is aligned to 16 bytes, and an `Option` of one
    // takes 32 where this takes 24.
    input: Option<[u64; 2]>,
    output: [u64; 2],
    extra: Option<Box<Extra>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Extra {
    rows: Vec<RowSpan>,
    stamp: Option<Stamp>,
}

fn split(h: Fingerprint) -> [u64; 2] {
    [h as u64, (h >> 64) as u64]
}

fn join([lo, hi]: [u64; 2]) -> Fingerprint {
    (u128::from(hi) << 64) | u128::from(lo)
}

impl Produced {
    /// A file written now, with the hash of its inputs (a page that has them) and its bytes.
    pub fn new(path: impl Into<Box<str>>, input: Option<Fingerprint>, output: Fingerprint) -> Self {
        Produced {
            path: path.into(),
            input: input.map(split),
            output: split(output),
            extra: None,
        }
    }

    /// Where each row of an export went ([`super::rows`]).
    pub fn with_rows(mut self, rows: Vec<RowSpan>) -> Self {
        if !rows.is_empty() {
            self.extra.get_or_insert_default().rows = rows;
        }
        self
    }

    /// The stamp of a file the build kept as it was (checked against the cache), so that
    /// saving the cache need not read it again.
    pub fn with_stamp(mut self, stamp: Option<Stamp>) -> Self {
        if stamp.is_some() {
            self.extra.get_or_insert_default().stamp = stamp;
        }
        self
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn input(&self) -> Option<Fingerprint> {
        self.input.map(join)
    }

    pub fn output(&self) -> Fingerprint {
        join(self.output)
    }

    pub fn rows(&self) -> &[RowSpan] {
        self.extra.as_ref().map_or(&[], |e| &e.rows)
    }

    /// `None` for a file written now.
    pub fn stamp(&self) -> Option<Stamp> {
        self.extra.as_ref().and_then(|e| e.stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_gives_back_what_it_was_made_of_in_64_bytes() {
        let (input, output) = (u128::MAX - 5, (7u128 << 64) | 9);
        let stamp = Stamp {
            len: 1,
            mtime_ns: 2,
            inode: 3,
        };
        let p = Produced::new("a/b.html", Some(input), output).with_stamp(Some(stamp));
        assert_eq!(
            (p.path(), p.input(), p.output(), p.stamp()),
            ("a/b.html", Some(input), output, Some(stamp))
        );
        assert!(p.rows().is_empty());
        let bare = Produced::new("c.html", None, 1).with_rows(Vec::new());
        assert_eq!((bare.input(), bare.stamp(), bare.extra), (None, None, None));
        assert_eq!(std::mem::size_of::<Produced>(), 64);
    }
}
