//! Term shards: every term's name and other-field postings, and beside them the result
//! cards of the documents a query for that term shows first, so that a query needs no
//! document file for most of its results (docs/search-index.md, "Term shards").

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::Write as _;

use super::encode::postings;
use super::format::{push_lite_card, term_entry};
use super::gather::{
    Counts, Gather, Packed, Postings, collect, collect_spilled, groups as shard_groups,
};
use super::groups::{self, Groups};
use super::spill::Spill;
use super::text::{TermBuf, Terms, is_cjk};
use crate::model::Institution;

/// A term whose name postings are at most this long has the cards of all of them in its
/// shard ("light"); a longer one ("heavy", listed in meta) has the cards of the first
/// [`INLINE_TOP`] results of a query for the term alone. A term of a street name also has
/// the cards of the first [`INLINE_TOP`] documents with it in other fields. (Also the first results in each
/// district: measured at 100,000 records, +60% index size and +100 MB peak memory, for
/// queries like 城阳 宝贝 that otherwise take a doc chunk or two.)
pub const INLINE_ALL: usize = 100;
pub const INLINE_TOP: usize = 20;
/// A term in more documents than this (or than half of them) is heavy too, whatever its
/// name postings (号, 号楼 of every address): its postings are a bitmap of all documents, so a query avoids it as a
/// key, and a lone such character beside other parts is left out (search.js parseQuery).
const COMMON: usize = 5000;
/// Aim for term shards of about this many bytes (before gzip).
const SHARD_BYTES: usize = 40 * 1024;
/// At most this many shards, so that the whole index stays under 2,000 files.
const MAX_SHARDS: usize = 1500;
/// What the term shards need to know of the documents (all in display order).
pub struct Docs<'a> {
    pub list: &'a [&'a Institution],
    /// Each document's result card (JSON), kept once a shard made it, for the next shard
    /// that needs it; `None`: made for every shard anew (an index made in groups: at a
    /// million documents the cards held together were ~280 MB).
    pub cards: Option<&'a [std::sync::OnceLock<Box<[u8]>>]>,
    /// Documents by normalised name, for names of one or two CJK characters (the names a
    /// single term can equal).
    pub short_names: &'a HashMap<String, Vec<u32>>,
    /// The terms of the districts' street names (see [`street_terms`]).
    pub street_terms: &'a HashSet<String>,
}

impl Docs<'_> {
    /// Document `d`'s card as term shards carry it, made once (with [`Docs::cards`]; else
    /// made at every call).
    pub fn card(&self, d: usize) -> std::borrow::Cow<'_, [u8]> {
        let make = || {
            let mut card = Vec::with_capacity(256);
            push_lite_card(&mut card, self.list[d]);
            card.into_boxed_slice()
        };
        match self.cards.and_then(|c| c.get(d)) {
            Some(kept) => std::borrow::Cow::Borrowed(kept.get_or_init(make)),
            None => std::borrow::Cow::Owned(make().into_vec()),
        }
    }
}

/// The terms of every street name of every district (grams and pinyin, as the street
/// field of a document makes them).
pub fn street_terms(site: &crate::model::Site) -> HashSet<String> {
    let mut buf = TermBuf::default();
    let mut t = Terms { out: &mut buf };
    for street in site.districts.iter().flat_map(|d| &d.streets) {
        t.grams(street);
        t.pinyin(street);
    }
    buf.iter().map(String::from).collect()
}

/// What `hand` made of each shard file `t<k>` (given key and bytes), in shard order, the
/// heavy terms, sorted, and the split prefixes of the ASCII term groups (meta `split`).
pub struct Shards<F> {
    pub files: Vec<F>,
    pub heavy: Vec<String>,
    pub split: Vec<String>,
}

/// Make the shards, handing each file to `hand` as soon as it is made (the files of
/// 100,000 records are ~185 MB: they are not held together).
/// With `scratch`, a large index's passes read the documents' terms back from it instead
/// of making them again (see [`super::spill`]).
pub fn build<F: Send, E: Send>(
    docs: &Docs,
    hand: impl Fn(String, Vec<u8>) -> Result<F, E> + Sync,
    scratch: Option<std::fs::File>,
) -> Result<Shards<F>, E> {
    build_in(docs, &hand, shard_groups(docs.list.len()), scratch)
}

/// [`build`] in `groups` groups of shards: with more than one, a first pass counts every
/// term's postings (the heavy terms and the number of shards follow from the counts), then
/// each group's postings are made, written and dropped in turn, so that only a group's
/// postings are in memory at once; with `scratch`, the first pass leaves every document's
/// terms there for the others. The files are the same whatever the groups.
fn build_in<F: Send, E: Send>(
    docs: &Docs,
    hand: &(impl Fn(String, Vec<u8>) -> Result<F, E> + Sync),
    groups: usize,
    scratch: Option<std::fs::File>,
) -> Result<Shards<F>, E> {
    let n = docs.list.len();
    let streets = docs.street_terms;
    let mut whole = None;
    let t = std::time::Instant::now();
    let mut spill = scratch.filter(|_| groups > 1).map(Spill::new);
    let (mut heavy, shards, split) = if groups == 1 {
        let index: Vec<(Box<str>, Postings)> = collect(docs.list, None, None)
            .into_iter()
            .flatten()
            .collect();
        let survey = survey(index.iter().map(|(t, p)| (&**t, p.lens())), n, streets);
        whole = Some(index);
        survey
    } else {
        let counts = collect::<Counts>(docs.list, None, spill.as_mut());
        survey(
            counts.iter().flatten().map(|(t, c)| (&**t, c.lens())),
            n,
            streets,
        )
    };
    let mut spill = spill.and_then(|mut s| s.finish().then_some(s));
    crate::timings::step("  search terms: first pass", t);
    heavy.sort_unstable();
    let heavy_set: Heavy = heavy.iter().map(String::as_str).collect();
    let place = Place {
        shards,
        groups,
        heavy: &heavy_set,
        split: &split,
    };
    let mut files = Vec::with_capacity(shards);
    if let Some(index) = whole {
        let t = std::time::Instant::now();
        files.extend(write_group(index, 0, &place, docs, hand)?);
        crate::timings::step("  search terms: shards written", t);
    }
    for g in (0..groups).filter(|_| groups > 1) {
        let t = std::time::Instant::now();
        let keep = |t: &str| place.shard(t) % groups == g;
        let spilled = spill
            .as_mut()
            .and_then(|s| collect_spilled::<Packed>(s, &keep));
        let index = spilled.unwrap_or_else(|| collect::<Packed>(docs.list, Some(&keep), None));
        // Unpacked a shard at a time (see `write_group`).
        let index = index.into_iter().flatten().collect();
        crate::timings::step(&format!("  search terms: group {g} gathered"), t);
        let t = std::time::Instant::now();
        files.extend(write_group(index, g, &place, docs, hand)?);
        crate::timings::step(&format!("  search terms: group {g} written"), t);
    }
    files.sort_unstable_by_key(|(k, _)| *k);
    let files = files.into_iter().map(|(_, f)| f).collect();
    Ok(Shards {
        files,
        heavy,
        split: split.list(),
    })
}

/// Which shard a term goes to, and which group of shards that is in.
pub(super) struct Place<'h> {
    pub shards: usize,
    pub groups: usize,
    pub heavy: &'h Heavy<'h>,
    pub split: &'h Groups,
}

impl Place<'_> {
    pub(super) fn shard(&self, term: &str) -> usize {
        shard_of(term, self.heavy, self.split) as usize % self.shards
    }
}

/// From every term's counts: the heavy terms (unsorted), the number of shards (by the
/// estimated bytes of all of them) and the prefix groups of the ASCII terms and house
/// numbers (see [`groups`]). A group may weigh as much as an average shard, by the bytes
/// its terms' postings and cards are estimated to take (measured at 100,000 records: half
/// that made more requests for pinyin typed key by key and hardly smaller shards; twice
/// that, shards up to 650 KB).
pub(super) fn survey<'t>(
    index: impl Iterator<Item = (&'t str, (usize, usize))>,
    n: usize,
    streets: &HashSet<String>,
) -> (Vec<String>, usize, Groups) {
    let common = (n / 2).min(COMMON);
    let mut heavy = Vec::new();
    let (mut bytes, mut weight) = (0, 0);
    let (mut ascii, mut numbers) = (Vec::new(), Vec::new());
    for (t, p) in index {
        let (name, other) = p;
        if !t.starts_with(['^', '='])
            && !is_sound_pair(t)
            && (name > INLINE_ALL || name + other > common)
        {
            heavy.push(t.to_string());
        }
        bytes += term_bytes(t, name, other, n);
        let w = groups::weight(t, name, other, n, streets.contains(t));
        weight += w;
        if let Some(text) = groups::text(t) {
            ascii.push((text, w));
        }
        if groups::number_base(t).is_some() {
            numbers.push((t, w));
        }
    }
    let shards = bytes.div_ceil(SHARD_BYTES).clamp(1, MAX_SHARDS);
    let split = Groups::plan(&mut ascii, &mut numbers, weight.div_ceil(shards));
    (heavy, shards, split)
}

/// Make, hand over and drop the shard files of group `g` out of `index` (the terms of that
/// group); each with its shard number.
fn write_group<F: Send, E: Send, P: Into<Postings> + Send + Sync>(
    index: Vec<(Box<str>, P)>,
    g: usize,
    place: &Place,
    docs: &Docs,
    hand: &(impl Fn(String, Vec<u8>) -> Result<F, E> + Sync),
) -> Result<Vec<(usize, F)>, E> {
    let at: Vec<usize> = index.par_iter().map(|(t, _)| place.shard(t)).collect();
    let mut by_shard: Vec<Vec<(Box<str>, P)>> = (0..place.shards).map(|_| Vec::new()).collect();
    for ((term, p), k) in index.into_iter().zip(at) {
        by_shard[k].push((term, p));
    }
    // Each shard's postings are dropped as soon as its file is made.
    by_shard
        .into_par_iter()
        .enumerate()
        .filter(|(k, _)| k % place.groups == g)
        .map(|(k, terms)| {
            let terms = terms.into_iter().map(|(t, p)| (t, p.into())).collect();
            let (key, bytes) = shard_file(k, terms, docs);
            hand(key, bytes).map(|f| (k, f))
        })
        .collect()
}

// An address sound pair (`a:`, text.rs `Terms::sound_pairs`): postings only, never heavy
// (a same-sound query looks both of its pairs up), no cards (its candidates are checked on
// their doc chunks, or kept).
use groups::is_sound_pair;

pub use super::keys::{Heavy, exact_base, run_keys, shard_of};

/// A term's share of the shards' bytes (before gzip), estimated from its counts.
fn term_bytes(term: &str, name: usize, other: usize, n: usize) -> usize {
    let list_bytes = |l: usize| (3 * l).min(n.div_ceil(6) + 1);
    // A card is about 150 bytes.
    let card_bytes = 150 * name.min(INLINE_ALL);
    term.len() + 8 + list_bytes(name) + list_bytes(other) + card_bytes
}

/// One shard: `{"t": {term: [name, other]}, "c": {doc: card}}`.
pub(super) fn shard_file(
    k: usize,
    mut sorted: Vec<(Box<str>, Postings)>,
    docs: &Docs,
) -> (String, Vec<u8>) {
    let n = docs.list.len();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let prefixes: HashMap<&str, &[u32]> = sorted
        .iter()
        .filter_map(|(t, p)| Some((t.strip_prefix('^')?, p.name.as_slice())))
        .collect();
    // Sized up front: a shard at a million records is ~1 MB, and growing it by doubling
    // copied it and faulted in fresh pages each time.
    let mut json = Vec::with_capacity(sorted.len() * 48 + 4096);
    json.extend_from_slice(b"{\"t\":{");
    let mut cards: Vec<u32> = Vec::new();
    for (j, (term, p)) in sorted.iter().enumerate() {
        if j > 0 {
            json.push(b',');
        }
        push_json_str(&mut json, term);
        json.push(b':');
        let entry = term_entry(&postings(&p.name, n), &postings(&p.other, n));
        json.extend_from_slice(entry.as_bytes());
        if is_sound_pair(term) {
            continue;
        }
        // A light term with few other-field documents brings their cards too, so that a
        // long run matched in an address or operator is checked on the card.
        if p.name.len() + p.other.len() <= INLINE_ALL && !term.starts_with(['^', '=']) {
            cards.extend_from_slice(&p.other);
        }
        if !term.starts_with('^') {
            inline(
                term,
                &p.name,
                prefixes.get(&**term).copied(),
                docs,
                &mut cards,
            );
        }
        // A street's name or pinyin (棘洪滩, sanli), a road or a 小区 (a light term in
        // hundreds of addresses: 港瑞, 瑞路) finds its institutions through their other
        // fields: they rank after name matches, in display order, and the first page of
        // them comes with the term.
        let light = p.name.len() <= INLINE_ALL && !term.starts_with(['^', '=']);
        if docs.street_terms.contains(&**term)
            || (light && p.other.len() > INLINE_ALL - p.name.len())
        {
            cards.extend(p.other.iter().take(INLINE_TOP));
        }
    }
    json.extend_from_slice(b"},\"c\":{");
    cards.sort_unstable();
    cards.dedup();
    json.reserve(cards.len() * 160);
    for (j, d) in cards.iter().enumerate() {
        if j > 0 {
            json.push(b',');
        }
        let _ = write!(json, "\"{d}\":");
        match docs.cards.is_some() {
            true => json.extend_from_slice(&docs.card(*d as usize)),
            false => push_lite_card(&mut json, docs.list[*d as usize]),
        }
    }
    json.extend_from_slice(b"}}");
    let key = format!("t{k}");
    let bytes = super::encode::js_file(&key, &json);
    (key, bytes)
}

/// `term` as a JSON string: as it is when nothing in it needs escaping (nearly every term).
fn push_json_str(json: &mut Vec<u8>, term: &str) {
    if term.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        json.extend_from_slice(serde_json::to_string(term).unwrap_or_default().as_bytes());
    } else {
        json.push(b'"');
        json.extend_from_slice(term.as_bytes());
        json.push(b'"');
    }
}

/// The documents whose cards go with `term`: all its name postings when light; when
/// heavy, its first results as a query for the term alone ranks them (exact name, then
/// name prefix, then the rest, each in display order).
fn inline(term: &str, name: &[u32], prefix: Option<&[u32]>, docs: &Docs, out: &mut Vec<u32>) {
    if name.len() <= INLINE_ALL {
        out.extend_from_slice(name);
        return;
    }
    let cjk = term.chars().all(is_cjk);
    let exact: &[u32] = match docs.short_names.get(term) {
        Some(list) if cjk => list,
        _ => &[],
    };
    let prefix = if cjk { prefix.unwrap_or(&[]) } else { &[] };
    top(name, exact, prefix, out);
}

/// The first [`INLINE_TOP`] of `name` (sorted) ranked exact, then prefix, then the rest.
fn top(name: &[u32], exact: &[u32], prefix: &[u32], out: &mut Vec<u32>) {
    let mut left = INLINE_TOP;
    let mut take = |d: u32, out: &mut Vec<u32>| {
        if left > 0 {
            out.push(d);
            left -= 1;
        }
        left > 0
    };
    let is = |l: &[u32], d: &u32| l.binary_search(d).is_ok();
    for d in exact {
        if !take(*d, out) {
            return;
        }
    }
    for d in prefix.iter().filter(|d| !is(exact, d) && is(name, d)) {
        if !take(*d, out) {
            return;
        }
    }
    for d in name.iter().filter(|d| !is(exact, d) && !is(prefix, d)) {
        if !take(*d, out) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heavy_terms_keep_exact_then_prefix_then_the_rest() {
        let name: Vec<u32> = (0..50).collect();
        let mut out = Vec::new();
        top(&name, &[40], &[3, 30, 40], &mut out);
        assert_eq!(out.len(), INLINE_TOP);
        assert_eq!(&out[..4], &[40, 3, 30, 0]);
        // 0, 1, 2, then 4 … 17: seventeen documents after the three ranked above.
        assert_eq!(out[INLINE_TOP - 1], 17);
    }
}

#[cfg(test)]
#[path = "terms_contract_tests.rs"]
mod contract_tests;

#[cfg(test)]
#[path = "terms_group_tests.rs"]
mod group_tests;
