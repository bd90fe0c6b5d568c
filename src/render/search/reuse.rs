//! Making the search index from the last build's (docs/search-index.md, "Rebuilds"): after an
//! edit of a few records, the term postings are the last build's with those records' terms
//! taken out and put back in, and only the term shards and doc chunks that hold one of those
//! records are made again; every other file is kept as the last build left it. The files are
//! those of a build from scratch, byte for byte: the shards' layout (heavy terms, number of
//! shards, split prefixes) is worked out from the patched postings as from fresh ones, and
//! when it is not the last build's, every shard is made again.
//!
//! Only an index made all at once keeps a [`State`] (up to 350,000 documents, see
//! [`super::gather::groups`]); a larger one is made afresh at every build.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use super::DIR;
use super::gather::{Packed, Postings, collect};
use super::termindex::TermIndex;
use super::terms::{Docs, Place, Shards, shard_file, survey};
use super::text::doc_terms;
use crate::model::{Institution, Site};
use crate::render::fingerprint::{Fingerprint, Hasher};

/// A file of the index: its key (`t12`, `d3`) and content hash.
pub(super) type Name = (String, String);

/// Above one changed document in this many, the postings are gathered afresh.
const PATCH_SHARE: usize = 20;

/// What a build leaves of its search index for the next one (saved in the build cache).
#[derive(Serialize, Deserialize)]
pub struct State {
    /// The format, and what else the index is made of (districts, site settings).
    key: Fingerprint,
    /// Each document's id and input hash, in document order.
    docs: Vec<(String, Fingerprint)>,
    /// Every term and its postings, sorted by term.
    terms: TermIndex,
    heavy: Vec<String>,
    shards: usize,
    split: Vec<String>,
    ranges: Vec<(u32, u32)>,
    /// Each file's key and content hash, in index order (meta `files`).
    names: Vec<Name>,
    /// Each document's card as the term shards carry it ([`card_hash`]), in document
    /// order: a changed record whose card and terms are as they were changes no shard.
    cards: Vec<u64>,
}

impl State {
    /// At least as many bytes as the state takes in postcard's form: room to write it in
    /// without growing the buffer (see `cache::search`).
    pub fn wire_bound(&self) -> usize {
        let docs: usize = self.docs.iter().map(|(id, _)| 10 + id.len() + 16).sum();
        let names = |v: &[String]| v.iter().map(|s| 10 + s.len()).sum::<usize>();
        let files: usize = self.names.iter().map(|(k, h)| 20 + k.len() + h.len()).sum();
        64 + docs
            + self.terms.wire_bound()
            + names(&self.heavy)
            + names(&self.split)
            + self.ranges.len() * 10
            + files
            + self.cards.len() * 10
    }
}

/// What a build brings to make its index from the last one's, and to leave a [`State`].
pub struct Reuse<'r> {
    /// Each institution's input hash, by institution index: any change of the record
    /// changes it ([`crate::render::fingerprint::Inputs::institution`]).
    pub hashes: &'r [Fingerprint],
    /// The last build's state, when there is one.
    pub previous: Option<State>,
    /// Keep a file of the last build (its path in the output) as it is; false when it is no
    /// longer there as that build left it, and the file is then made again.
    pub keep: &'r (dyn Fn(&str) -> bool + Sync),
}

/// The last build's index, as far as it holds for this build.
pub(super) struct Base<'r> {
    /// The documents whose input changed (document numbers, sorted).
    pub changed: Vec<u32>,
    heavy: Vec<String>,
    shards: usize,
    split: Vec<String>,
    /// File key → content hash.
    names: HashMap<String, String>,
    /// The last build's [`State::cards`].
    pub cards: Vec<u64>,
    keep: &'r (dyn Fn(&str) -> bool + Sync),
}

/// This build's documents as a [`State`] lists them, and its key.
pub(super) struct Now {
    pub key: Fingerprint,
    pub docs: Vec<(String, Fingerprint)>,
}

impl Now {
    pub fn of(site: &Site, order: &[usize], hashes: &[Fingerprint]) -> Now {
        let mut h = Hasher::new();
        h.bytes(b"tuoyu search state 2")
            .debug(&site.config)
            .debug(&site.districts);
        let docs = order
            .iter()
            .map(|i| (site.institutions[*i].id.clone(), hashes[*i]))
            .collect();
        Now {
            key: h.finish(),
            docs,
        }
    }

    /// The state to leave, once the index's files are made.
    pub fn state(self, made: Made, ranges: Vec<(u32, u32)>, names: Vec<Name>) -> State {
        State {
            key: self.key,
            docs: self.docs,
            terms: made.terms,
            heavy: made.heavy,
            shards: made.shards,
            split: made.split,
            ranges,
            names,
            cards: made.cards,
        }
    }
}

/// What the shards were made of, for the [`State`].
pub(super) struct Made {
    pub terms: TermIndex,
    pub heavy: Vec<String>,
    pub shards: usize,
    pub split: Vec<String>,
    pub cards: Vec<u64>,
}

impl<'r> Base<'r> {
    /// The last build's postings and what holds of its index, when it is of the same
    /// documents in the same order (only their inputs changed), the same districts and
    /// settings, and few documents changed.
    pub fn of(
        previous: Option<State>,
        now: &Now,
        ranges: &[(u32, u32)],
        keep: &'r (dyn Fn(&str) -> bool + Sync),
    ) -> Option<(Base<'r>, TermIndex)> {
        let p = previous?;
        let same = p.key == now.key && p.ranges == ranges && p.docs.len() == now.docs.len();
        let same = same && p.terms.is_whole() && p.cards.len() == now.docs.len();
        let same = same && p.docs.iter().zip(&now.docs).all(|(a, b)| a.0 == b.0);
        same.then_some(())?;
        let changed: Vec<u32> = (p.docs.iter().zip(&now.docs).enumerate())
            .filter(|(_, (a, b))| a.1 != b.1)
            .map(|(d, _)| d as u32)
            .collect();
        (changed.len() * PATCH_SHARE <= now.docs.len()).then_some(())?;
        let base = Base {
            changed,
            heavy: p.heavy,
            shards: p.shards,
            split: p.split,
            names: p.names.into_iter().collect(),
            cards: p.cards,
            keep,
        };
        Some((base, p.terms))
    }

    /// Whether the shards' layout is the last build's.
    fn same_layout(&self, shards: &Shards<Name>, count: usize) -> bool {
        self.heavy == shards.heavy && self.shards == count && self.split == shards.split
    }

    /// Keep the last build's file `key` when it is still as it was: its key and hash.
    pub fn kept(&self, key: &str) -> Option<Name> {
        let hash = self.names.get(key)?;
        (self.keep)(&format!("{DIR}{key}.{hash}.js")).then(|| (key.to_string(), hash.clone()))
    }
}

/// Every term's postings, gathered from the documents, sorted by term.
pub(super) fn gather(list: &[&Institution]) -> TermIndex {
    let mut index: Vec<(Box<str>, Packed)> = collect::<Packed>(list, None, None)
        .into_iter()
        .flatten()
        .collect();
    index.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    TermIndex::from_sorted(index)
}

/// The last build's postings (`old`, sorted by term) with the `changed` documents' terms
/// taken out and put back as they are now: the postings sorted by term, and the terms whose
/// shards must be made again: those whose postings changed, and those that hold a document
/// of `recarded` (changed documents whose card changed, sorted), whose shards carry it.
pub(super) fn patch(
    old: TermIndex,
    changed: &[u32],
    recarded: &[u32],
    list: &[&Institution],
) -> (TermIndex, HashSet<Box<str>>) {
    let mut fresh: HashMap<Box<str>, Vec<(u32, bool)>> = HashMap::new();
    for d in changed {
        let (name, other) = doc_terms(list[*d as usize]);
        let tagged = name.iter().map(|t| (t, true));
        for (t, is_name) in tagged.chain(other.iter().map(|t| (t, false))) {
            fresh.entry(t.into()).or_default().push((*d, is_name));
        }
    }
    // The old terms that had or have a changed document: those whose postings moved, with
    // their postings now, and each with whether its shard changes.
    let hit: Vec<(usize, Option<Option<Packed>>, bool)> = (0..old.len())
        .into_par_iter()
        .filter_map(|j| {
            let (t, p) = old.get(j);
            let add = fresh.get(t);
            if add.is_none() && !p.has_any(changed) {
                return None;
            }
            let mut u = p.unpack();
            u.name.retain(|d| changed.binary_search(d).is_err());
            u.other.retain(|d| changed.binary_search(d).is_err());
            let now = with(u, add.map_or(&[][..], Vec::as_slice));
            let moved = now.as_ref().is_none_or(|n| !n.view().same(&p));
            Some((j, moved.then_some(now), moved || p.has_any(recarded)))
        })
        .collect();
    let mut touched: HashSet<Box<str>> = (hit.iter())
        .filter(|(_, _, touched)| *touched)
        .map(|(j, _, _)| old.get(*j).0.into())
        .collect();
    let hit: Vec<(usize, Option<Packed>)> = (hit.into_iter())
        .filter_map(|(j, now, _)| Some((j, now?)))
        .collect();
    let mut added: Vec<(Box<str>, Packed)> = fresh
        .into_iter()
        .filter(|(t, _)| old.find(t).is_err())
        .filter_map(|(t, add)| Some((t.clone(), with(Postings::default(), &add)?)))
        .collect();
    added.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    touched.extend(added.iter().map(|(t, _)| t.clone()));
    // An edit that moved no posting (a capacity, a phone) leaves the index as it was: a
    // copy of every term was ~0.1 s and ~40 MB of fresh memory at 100,000 records.
    match hit.is_empty() && added.is_empty() {
        true => (old, touched),
        false => (old.patched(&hit, &added), touched),
    }
}

/// The hash of a document's card as the term shards carry it.
pub(super) fn card_hash(card: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(card)
}

/// `u` with the documents of `add` put in; `None` when no document has the term.
fn with(mut u: Postings, add: &[(u32, bool)]) -> Option<Packed> {
    for (d, is_name) in add {
        let list = if *is_name { &mut u.name } else { &mut u.other };
        if let Err(at) = list.binary_search(d) {
            list.insert(at, *d);
        }
    }
    (!u.name.is_empty() || !u.other.is_empty()).then(|| Packed::of(&u))
}

/// The term shards from every term's postings (`index`); with `base` and the terms whose
/// postings changed, a shard with none of them is kept when the layout is the last build's.
pub(super) fn shards<E: Send>(
    docs: &Docs,
    index: &TermIndex,
    base: Option<(&Base, &HashSet<Box<str>>)>,
    hand: &(impl Fn(String, Vec<u8>) -> Result<Name, E> + Sync),
) -> Result<Shards<Name>, E> {
    let n = docs.list.len();
    let (mut heavy, count, split) = survey(
        index.iter().map(|(t, p)| (t, p.lens())),
        n,
        docs.street_terms,
    );
    heavy.sort_unstable();
    let mut out = Shards {
        files: Vec::new(),
        heavy,
        split: split.list(),
    };
    let heavy_set: super::terms::Heavy = out.heavy.iter().map(String::as_str).collect();
    let place = Place {
        shards: count,
        groups: 1,
        heavy: &heavy_set,
        split: &split,
    };
    let mut by_shard = vec![Vec::new(); count];
    let at: Vec<usize> = (0..index.len())
        .into_par_iter()
        .map(|j| place.shard(index.get(j).0))
        .collect();
    for (j, k) in at.into_iter().enumerate() {
        by_shard[k].push(j);
    }
    let base = base.filter(|(b, _)| b.same_layout(&out, count));
    let mut made = vec![base.is_none(); count];
    for t in base.iter().flat_map(|(_, touched)| touched.iter()) {
        made[place.shard(t)] = true;
    }
    out.files = (by_shard.par_iter().enumerate())
        .map(|(k, terms)| {
            if let Some(name) = base
                .filter(|_| !made[k])
                .and_then(|(b, _)| b.kept(&format!("t{k}")))
            {
                return Ok(name);
            }
            let terms = terms
                .iter()
                .map(|j| {
                    let (t, p) = index.get(*j);
                    (t.into(), p.unpack())
                })
                .collect();
            let (key, bytes) = shard_file(k, terms, docs);
            hand(key, bytes)
        })
        .collect::<Result<Vec<_>, E>>()?;
    Ok(out)
}

#[cfg(test)]
#[path = "reuse_tests.rs"]
mod tests;
