//! Gathering the term postings of the documents, all of them or the terms a filter keeps
//! (a group of shards, see [`super::terms::build`]), or only how many each term has.

use rayon::prelude::*;
use std::collections::HashMap;

use super::spill::{DocTerms, Spill};
use super::text::{TermBuf, doc_terms};
use crate::model::Institution;

/// Documents whose terms are made at once.
const TERM_BATCH: usize = 4096;

/// Above this many documents, the postings are made a group of shards at a time (see
/// [`super::terms::build`]), packed ([`Packed`]): at a million documents all of them at
/// once, as lists, were ~1.4 GB; packed, in three groups, each group's were ~170 MB (in two,
/// ~330 MB: the build's peak then came within 100 MB of 2 GiB).
const GROUP_DOCS: usize = 350_000;

/// Name postings and other-field postings of one term.
#[derive(Default)]
pub(super) struct Postings {
    pub name: Vec<u32>,
    pub other: Vec<u32>,
}

/// How many name and other-field postings a term has (what the shards' layout needs).
#[derive(Default)]
pub(super) struct Counts {
    name: u32,
    other: u32,
}

/// What [`collect`] gathers for a term: its postings, or only their counts.
pub(super) trait Gather: Default + Send {
    fn add(&mut self, doc: u32, is_name: bool);
    /// Name postings, other-field postings.
    fn lens(&self) -> (usize, usize);
}

impl Gather for Postings {
    fn add(&mut self, doc: u32, is_name: bool) {
        match is_name {
            true => self.name.push(doc),
            false => self.other.push(doc),
        }
    }
    fn lens(&self) -> (usize, usize) {
        (self.name.len(), self.other.len())
    }
}

impl Gather for Counts {
    fn add(&mut self, _: u32, is_name: bool) {
        match is_name {
            true => self.name += 1,
            false => self.other += 1,
        }
    }
    fn lens(&self) -> (usize, usize) {
        (self.name as usize, self.other as usize)
    }
}

/// A term's postings packed while they are gathered, for the shards made in groups: each
/// document's distance from the term's previous one, shifted left by one with the low bit
/// set for a name posting, as a LEB128 varint. Most postings are in common terms, a byte or
/// two each where a `u32` list (with its spare capacity) held eight on average.
#[derive(Default, Clone)]
pub(super) struct Packed {
    bytes: Vec<u8>,
    last: u32,
    name: u32,
    other: u32,
}

impl Gather for Packed {
    fn add(&mut self, doc: u32, is_name: bool) {
        let mut v = (u64::from(doc - self.last) << 1) | u64::from(is_name);
        self.last = doc;
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(byte);
                break;
            }
            self.bytes.push(byte | 0x80);
        }
        match is_name {
            true => self.name += 1,
            false => self.other += 1,
        }
    }
    fn lens(&self) -> (usize, usize) {
        self.view().lens()
    }
}

/// The postings as lists, as the shard file needs them.
impl From<Packed> for Postings {
    fn from(p: Packed) -> Postings {
        p.unpack()
    }
}

impl Packed {
    /// The postings of two sorted lists (a document is in one of them at most).
    pub(super) fn of(p: &Postings) -> Packed {
        let mut out = Packed::default();
        let (mut a, mut b) = (0, 0);
        while a < p.name.len() || b < p.other.len() {
            let name = b == p.other.len() || (a < p.name.len() && p.name[a] < p.other[b]);
            match name {
                true => (out.add(p.name[a], true), a += 1),
                false => (out.add(p.other[b], false), b += 1),
            };
        }
        out
    }

    /// The postings as a view, as the [`super::termindex::TermIndex`] keeps them.
    pub(super) fn view(&self) -> PackedRef<'_> {
        PackedRef {
            bytes: &self.bytes,
            name: self.name,
            other: self.other,
        }
    }

    pub(super) fn unpack(&self) -> Postings {
        self.view().unpack()
    }
}

/// A term's packed postings where they lie ([`Packed`]'s bytes and counts).
#[derive(Clone, Copy)]
pub(super) struct PackedRef<'p> {
    pub bytes: &'p [u8],
    pub name: u32,
    pub other: u32,
}

impl PackedRef<'_> {
    /// Name postings, other-field postings.
    pub(super) fn lens(&self) -> (usize, usize) {
        (self.name as usize, self.other as usize)
    }

    /// Whether these are the same postings as `other`'s.
    pub(super) fn same(&self, other: &PackedRef) -> bool {
        (self.name, self.other, self.bytes) == (other.name, other.other, other.bytes)
    }

    /// Whether any of `docs` (sorted) is in the postings.
    pub(super) fn has_any(&self, docs: &[u32]) -> bool {
        let Some(last) = docs.last() else {
            return false;
        };
        self.iter()
            .map(|(doc, _)| doc)
            .take_while(|doc| doc <= last)
            .any(|doc| docs.binary_search(&doc).is_ok())
    }

    pub(super) fn unpack(&self) -> Postings {
        let mut out = Postings {
            name: Vec::with_capacity(self.name as usize),
            other: Vec::with_capacity(self.other as usize),
        };
        for (doc, is_name) in self.iter() {
            match is_name {
                true => out.name.push(doc),
                false => out.other.push(doc),
            }
        }
        out
    }

    /// Each document in turn, and whether it is a name posting.
    fn iter(&self) -> impl Iterator<Item = (u32, bool)> + '_ {
        let (mut doc, mut v, mut shift) = (0u32, 0u64, 0);
        self.bytes.iter().filter_map(move |b| {
            v |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 != 0 {
                return None;
            }
            doc += (v >> 1) as u32;
            let is_name = v & 1 == 1;
            (v, shift) = (0, 0);
            Some((doc, is_name))
        })
    }
}

/// The groups of shards [`super::terms::build`] makes one after the other for `n` documents
/// (1: all at once).
pub fn groups(n: usize) -> usize {
    n.div_ceil(GROUP_DOCS).max(1)
}

/// Every term's postings (or counts), in [`BUCKETS`] maps filled side by side (a term's
/// bucket is fixed by its hash), since one map filled by one thread was most of the index's
/// build time. With `keep`, only the terms it keeps. With `spill`, every document's terms
/// are also written to it, for later passes to read back ([`collect_spilled`]).
pub(super) fn collect<G: Gather>(
    list: &[&Institution],
    keep: Option<&Keep<'_>>,
    mut spill: Option<&mut Spill>,
) -> Vec<Index<G>> {
    let mut maps: Vec<Index<G>> = (0..BUCKETS).map(|_| Index::default()).collect();
    // Terms are made a slice of documents at a time, so that the terms of 100,000
    // documents (~150 each) never sit in memory together.
    for (k, slice) in list.chunks(TERM_BATCH).enumerate() {
        let per_doc: Vec<Bucketed> = slice
            .par_iter()
            .map(|i| bucketed(doc_terms(i), keep))
            .collect();
        if let Some(spill) = spill.as_deref_mut() {
            spill.write(&per_doc);
        }
        add_batch(&mut maps, (k * TERM_BATCH) as u32, &per_doc);
    }
    maps
}

/// [`collect`] from the terms a first pass left in `spill`; None when it could not be read.
pub(super) fn collect_spilled<G: Gather>(
    spill: &mut Spill,
    keep: &Keep<'_>,
) -> Option<Vec<Index<G>>> {
    let mut maps: Vec<Index<G>> = (0..BUCKETS).map(|_| Index::default()).collect();
    let mut base = 0u32;
    let read = spill.read(keep, |docs| {
        let per_doc: Vec<Bucketed> = docs.into_par_iter().map(|d| bucketed(d, None)).collect();
        add_batch(&mut maps, base, &per_doc);
        base += per_doc.len() as u32;
    });
    read.then_some(maps)
}

/// Which terms a pass gathers.
pub(super) type Keep<'k> = dyn Fn(&str) -> bool + Sync + 'k;

/// A document's name and other-field terms, and each one's bucket.
pub(super) type Bucketed = (TermBuf, TermBuf, Vec<u8>);

/// Each term with its bucket, worked out once.
fn bucketed((mut name, mut other): DocTerms, keep: Option<&Keep<'_>>) -> Bucketed {
    if let Some(keep) = keep {
        name.retain(keep);
        other.retain(keep);
    }
    let buckets = name.hashes().chain(other.hashes()).map(bucket).collect();
    (name, other, buckets)
}

/// Add the terms of a batch of documents (numbered from `base`) to the maps.
fn add_batch<G: Gather>(maps: &mut [Index<G>], base: u32, per_doc: &[Bucketed]) {
    maps.par_iter_mut().enumerate().for_each(|(b, map)| {
        for (j, (name, other, buckets)) in per_doc.iter().enumerate() {
            let doc = base + j as u32;
            let tagged = name.iter().map(|t| (true, t));
            let terms = tagged.chain(other.iter().map(|t| (false, t)));
            for ((is_name, t), _) in terms.zip(buckets).filter(|(_, tb)| usize::from(**tb) == b) {
                match map.get_mut(t) {
                    Some(p) => p.add(doc, is_name),
                    None => {
                        let mut p = G::default();
                        p.add(doc, is_name);
                        map.insert(t.into(), p);
                    }
                }
            }
        }
    });
}

type Index<G> = HashMap<Box<str>, G, rustc_hash::FxBuildHasher>;
const BUCKETS: usize = 4;

/// A term's map, from the hash its document's [`TermBuf`] has of it.
fn bucket(hash: u64) -> u8 {
    ((hash >> 32) as usize % BUCKETS) as u8
}

#[cfg(test)]
mod tests {
    use super::{Gather, Packed};

    #[test]
    fn packed_postings_unpack_to_the_lists() {
        let mut p = Packed::default();
        let docs = [
            (0, true),
            (1, false),
            (2, true),
            (130, true),
            (20_000, false),
        ];
        let big = (u32::MAX, false);
        for (d, is_name) in docs.iter().chain([&big]) {
            p.add(*d, *is_name);
        }
        let u = p.unpack();
        assert_eq!(u.name, [0, 2, 130]);
        assert_eq!(u.other, [1, 20_000, u32::MAX]);
        assert_eq!(p.lens(), (3, 3));
    }
}
