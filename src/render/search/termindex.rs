//! Every term of a search index and its packed postings ([`super::gather::Packed`]), sorted
//! by term, in four blocks of memory: the terms' text, where each ends, the postings' bytes,
//! and each term's posting counts and end. The search state ([`super::reuse::State`]) keeps
//! it in the build cache, and a rebuild reads it back at once: as a list of a million terms,
//! each an allocation for its text and one for its postings, reading the state back took
//! ~0.25 s of CPU at every rebuild of 100,000 records, and saving it ~0.2 s.

use serde::{Deserialize, Serialize};

use super::gather::{Packed, PackedRef};

#[derive(Default, Serialize, Deserialize)]
pub(super) struct TermIndex {
    /// The terms, one after another.
    text: String,
    /// Where each term ends in `text`.
    text_ends: Vec<u64>,
    /// The postings' bytes, one term's after another.
    #[serde(with = "serde_bytes")]
    bytes: Vec<u8>,
    /// Per term: where its bytes end, its name and its other-field postings.
    postings: Vec<(u64, u32, u32)>,
}

impl TermIndex {
    /// From terms and their postings sorted by term (each term once).
    pub fn from_sorted(list: Vec<(Box<str>, Packed)>) -> TermIndex {
        let text = list.iter().map(|(t, _)| t.len()).sum();
        let bytes = list.iter().map(|(_, p)| p.view().bytes.len()).sum();
        let mut index = TermIndex::with_room(list.len(), text, bytes);
        for (t, p) in list {
            index.push(&t, p.view());
        }
        index
    }

    /// Room for `terms` terms of `text` bytes in all and `bytes` of postings: blocks that
    /// grew by doubling were copied into fresh memory at each step, and at 100,000 records
    /// the kernel's zeroing of those pages was ~0.2 s of a rebuild's CPU.
    fn with_room(terms: usize, text: usize, bytes: usize) -> TermIndex {
        TermIndex {
            text: String::with_capacity(text),
            text_ends: Vec::with_capacity(terms),
            bytes: Vec::with_capacity(bytes),
            postings: Vec::with_capacity(terms),
        }
    }

    /// Add a term after the last one (terms go in in order).
    pub fn push(&mut self, term: &str, p: PackedRef) {
        self.text.push_str(term);
        self.text_ends.push(self.text.len() as u64);
        self.bytes.extend_from_slice(p.bytes);
        self.postings
            .push((self.bytes.len() as u64, p.name, p.other));
    }

    pub fn len(&self) -> usize {
        self.text_ends.len()
    }

    /// At least as many bytes as the blocks take in postcard's form (varints of at most 10
    /// bytes for a `u64`, 5 for a `u32`).
    pub fn wire_bound(&self) -> usize {
        40 + self.text.len() + self.bytes.len() + self.len() * (10 + 10 + 5 + 5)
    }

    /// Term `j` and its postings. Panics past the end, as a slice index does.
    pub fn get(&self, j: usize) -> (&str, PackedRef<'_>) {
        let start = |ends: &[u64]| j.checked_sub(1).map_or(0, |k| ends[k] as usize);
        let text = &self.text[start(&self.text_ends)..self.text_ends[j] as usize];
        let byte_start = j.checked_sub(1).map_or(0, |k| self.postings[k].0 as usize);
        let (end, name, other) = self.postings[j];
        let p = PackedRef {
            bytes: &self.bytes[byte_start..end as usize],
            name,
            other,
        };
        (text, p)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, PackedRef<'_>)> + '_ {
        (0..self.len()).map(|j| self.get(j))
    }

    /// Where `term` is, or where it would go.
    pub fn find(&self, term: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).0.cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// Whether the blocks agree with one another (a state read back from disk that passed
    /// its checksum but was made by a faulty build would otherwise panic on `get`).
    pub fn is_whole(&self) -> bool {
        let text_ok = rising(self.text_ends.iter().copied(), self.text.len())
            && self
                .text_ends
                .iter()
                .all(|e| self.text.is_char_boundary(*e as usize));
        self.text_ends.len() == self.postings.len()
            && text_ok
            && rising(self.postings.iter().map(|p| p.0), self.bytes.len())
    }

    /// A new index: each term of this one (replaced by `changed`'s postings where it has
    /// them, left out where those are `None`; `changed` sorted by index) and the `added`
    /// terms (sorted, none of them in this one), in term order.
    pub fn patched(
        &self,
        changed: &[(usize, Option<Packed>)],
        added: &[(Box<str>, Packed)],
    ) -> TermIndex {
        // At most the old blocks, the new terms and the changed terms' new postings.
        let new_bytes = |p: &Packed| p.view().bytes.len();
        let text = self.text.len() + added.iter().map(|(t, _)| t.len()).sum::<usize>();
        let bytes = self.bytes.len()
            + added.iter().map(|(_, p)| new_bytes(p)).sum::<usize>()
            + changed
                .iter()
                .filter_map(|(_, p)| p.as_ref().map(new_bytes))
                .sum::<usize>();
        let mut out = TermIndex::with_room(self.len() + added.len(), text, bytes);
        let (mut c, mut a) = (changed.iter().peekable(), added.iter().peekable());
        for j in 0..self.len() {
            let (term, p) = self.get(j);
            while let Some((t, q)) = a.next_if(|(t, _)| &**t < term) {
                out.push(t, q.view());
            }
            match c.next_if(|(k, _)| *k == j) {
                Some((_, Some(q))) => out.push(term, q.view()),
                Some((_, None)) => {}
                None => out.push(term, p),
            }
        }
        for (t, q) in a {
            out.push(t, q.view());
        }
        out
    }
}

/// Whether `ends` never fall, stay within `len` and the last is `len` (none: `len` is 0).
fn rising(ends: impl Iterator<Item = u64>, len: usize) -> bool {
    let mut last = 0;
    ends.into_iter().all(|e| {
        let ok = e >= last && e as usize <= len;
        last = e;
        ok
    }) && last as usize == len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::gather::Gather;

    fn packed(docs: &[(u32, bool)]) -> Packed {
        let mut p = Packed::default();
        for (d, n) in docs {
            p.add(*d, *n);
        }
        p
    }

    fn terms(index: &TermIndex) -> Vec<(String, Vec<u32>, Vec<u32>)> {
        (index.iter())
            .map(|(t, p)| {
                let u = p.unpack();
                (t.to_string(), u.name, u.other)
            })
            .collect()
    }

    #[test]
    fn terms_read_back_found_and_patched_in_order() {
        let index = TermIndex::from_sorted(vec![
            ("丁".into(), packed(&[(2, false), (5, true)])),
            ("乙".into(), packed(&[(1, true)])),
            ("甲".into(), packed(&[(3, true), (9, false)])),
        ]);
        assert!(index.is_whole());
        assert_eq!(index.len(), 3);
        assert_eq!(index.get(0).1.lens(), (1, 1));
        assert_eq!(index.get(1).0, "乙");
        assert_eq!(index.find("甲"), Ok(2));
        assert_eq!(index.find("丙"), Err(1));
        assert_eq!(index.find("一"), Err(0));
        let added = vec![
            ("丙".into(), packed(&[(7, true)])),
            ("鼠".into(), packed(&[(4, false)])),
        ];
        let changed = vec![(1, None), (2, Some(packed(&[(3, false)])))];
        let out = index.patched(&changed, &added);
        assert!(out.is_whole());
        assert_eq!(
            terms(&out),
            vec![
                ("丁".to_string(), vec![5], vec![2]),
                ("丙".to_string(), vec![7], vec![]),
                ("甲".to_string(), vec![], vec![3]),
                ("鼠".to_string(), vec![], vec![4]),
            ]
        );
        let bytes = postcard::to_allocvec(&out).expect("serialises");
        let back: TermIndex = postcard::from_bytes(&bytes).expect("reads back");
        assert_eq!(terms(&back), terms(&out));
    }

    #[test]
    fn blocks_that_disagree_are_not_whole() {
        let mut index = TermIndex::from_sorted(vec![("托育".into(), packed(&[(1, true)]))]);
        index.text_ends[0] = 1; // inside a character
        assert!(!index.is_whole());
        let mut index = TermIndex::from_sorted(vec![("a".into(), packed(&[(1, true)]))]);
        index.postings[0].0 = 99;
        assert!(!index.is_whole());
    }
}
