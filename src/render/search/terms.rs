//! Term shards: every term's name and other-field postings, and beside them the result
//! cards of the documents a query for that term shows first, so that a query needs no
//! document file for most of its results (docs/search-index.md, "Term shards").

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::encode::{postings, shard_hash};
use super::format::term_entry;
use super::groups::{self, Groups};
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
/// Documents whose terms are made at once.
const TERM_BATCH: usize = 4096;

/// Name postings and other-field postings of one term.
#[derive(Default)]
struct Postings {
    name: Vec<u32>,
    other: Vec<u32>,
}

/// What the term shards need to know of the documents (all in display order).
pub struct Docs<'a> {
    pub list: &'a [&'a Institution],
    /// Each document's result card, as JSON.
    pub cards: &'a [String],
    /// Documents by normalised name, for names of one or two CJK characters (the names a
    /// single term can equal).
    pub short_names: &'a HashMap<String, Vec<u32>>,
    /// The terms of the districts' street names (see [`street_terms`]).
    pub street_terms: &'a HashSet<String>,
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
pub fn build<F: Send, E: Send>(
    docs: &Docs,
    hand: impl Fn(String, Vec<u8>) -> Result<F, E> + Sync,
) -> Result<Shards<F>, E> {
    let index: Vec<(Box<str>, Postings)> = collect(docs.list).into_iter().flatten().collect();
    let n = docs.list.len();
    let common = (n / 2).min(COMMON);
    let mut heavy: Vec<String> = index
        .iter()
        .filter(|(t, p)| {
            !t.starts_with(['^', '='])
                && !is_sound_pair(t)
                && (p.name.len() > INLINE_ALL || p.name.len() + p.other.len() > common)
        })
        .map(|(t, _)| t.to_string())
        .collect();
    heavy.sort_unstable();
    let shards = shard_count(&index, n);
    let heavy_set: HashSet<&str> = heavy.iter().map(String::as_str).collect();
    let groups = ascii_groups(&index, n, shards, docs.street_terms);
    let at: Vec<usize> = index
        .par_iter()
        .map(|(term, _)| shard_of(term, &heavy_set, &groups) as usize % shards)
        .collect();
    let mut by_shard: Vec<Vec<(Box<str>, Postings)>> = (0..shards).map(|_| Vec::new()).collect();
    for ((term, p), k) in index.into_iter().zip(at) {
        by_shard[k].push((term, p));
    }
    // Each shard's postings are dropped as soon as its file is made.
    let files = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(k, terms)| {
            let (key, bytes) = shard_file(k, terms, docs);
            hand(key, bytes)
        })
        .collect::<Result<_, E>>()?;
    Ok(Shards {
        files,
        heavy,
        split: groups.list(),
    })
}

/// The prefix groups of the ASCII terms and house numbers (see [`groups`]): a group may
/// weigh as much as an average shard, by the bytes its terms' postings and cards are
/// estimated to take (measured at 100,000 records: half that made more requests for
/// pinyin typed key by key and hardly smaller shards; twice that, shards up to 650 KB).
fn ascii_groups(
    index: &[(Box<str>, Postings)],
    n: usize,
    shards: usize,
    streets: &HashSet<String>,
) -> Groups {
    let weigh = |(t, p): &(Box<str>, Postings)| {
        let street = streets.contains(&**t);
        groups::weight(t, p.name.len(), p.other.len(), n, street)
    };
    let total: usize = index.par_iter().map(weigh).sum();
    let mut ascii: Vec<(&str, usize)> = index
        .iter()
        .filter_map(|e| Some((groups::text(&e.0)?, weigh(e))))
        .collect();
    let mut numbers: Vec<(&str, usize)> = index
        .iter()
        .filter(|e| groups::number_base(&e.0).is_some())
        .map(|e| (&*e.0, weigh(e)))
        .collect();
    Groups::plan(&mut ascii, &mut numbers, total.div_ceil(shards.max(1)))
}

// An address sound pair (`a:`, text.rs `Terms::sound_pairs`): postings only, never heavy
// (a same-sound query looks both of its pairs up), no cards (its candidates are checked on
// their doc chunks, or kept).
use groups::is_sound_pair;

/// The shard of a term. `^ab` lives with `ab` (the first two CJK characters), so that a
/// query's first term brings the name-prefix postings with it; `=name` lives with the
/// first light term a query for that name looks up (see [`exact_base`]), so that an
/// exact-name query costs no extra file; an ASCII term (`p:`, `i:`, `w:`, `a:`) with its
/// prefix group and a road's house number with its first digit (see [`groups`]), so that a
/// word or a number typed key by key reads one shard.
pub fn shard_of(term: &str, heavy: &HashSet<&str>, groups: &Groups) -> u32 {
    if let Some(text) = groups::text(term) {
        return shard_hash(&groups.key(text));
    }
    if let Some(key) = groups.number_key(term) {
        return shard_hash(key);
    }
    if let Some(rest) = term.strip_prefix('^') {
        return shard_hash(rest);
    }
    if let Some(base) = term.strip_prefix('=').and_then(|n| exact_base(n, heavy)) {
        return shard_hash(&base);
    }
    shard_hash(term)
}

/// The first light term among those a query for `name` looks up (see [`run_keys`]). The
/// browser makes the same choice (`exactKey` in search.js).
pub fn exact_base(name: &str, heavy: &HashSet<&str>) -> Option<String> {
    run_keys(name, heavy)
        .into_iter()
        .flatten()
        .find(|k| !heavy.contains(k.as_str()))
}

/// The terms a query for `text` looks up, for each CJK run in turn: its terms (bigrams, or
/// the one character) when it has at most two, else its first and last light terms (the
/// first and last terms when it has no light one). The browser's `keysOf` in search.js.
pub fn run_keys(text: &str, heavy: &HashSet<&str>) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut runs: Vec<(&[char], bool)> = Vec::new();
    let mut from = 0;
    for (i, c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        if i < chars.len() && is_cjk(*c) {
            continue;
        }
        if i > from {
            runs.push((&chars[from..i], number_follows(&chars[i..])));
        }
        from = i + 1;
    }
    runs.into_iter()
        .map(|(run, number)| {
            let mut terms: Vec<String> = if run.len() == 1 {
                vec![run[0].to_string()]
            } else {
                run.windows(2).map(|w| w.iter().collect()).collect()
            };
            // A number right after the run is looked up with the run's last pair (瑞路342):
            // that pair is not looked up again (search.js textToken).
            if number && terms.len() > 1 {
                terms.pop();
            }
            if terms.len() <= 2 {
                return terms;
            }
            let light: Vec<&String> = terms
                .iter()
                .filter(|t| !heavy.contains(t.as_str()))
                .collect();
            let first = light.first().copied().unwrap_or(&terms[0]);
            let last = match light.len() {
                0 | 1 => &terms[terms.len() - 1],
                n => light[n - 1],
            };
            let mut keys = vec![first.clone()];
            if last != first {
                keys.push(last.clone());
            }
            keys
        })
        .collect()
}

/// Whether `rest` (what follows a CJK run) starts with a number the browser reads with the
/// run's last pair: an ASCII word of digits only, at most [`LEAD_DIGITS_MAX`] long.
fn number_follows(rest: &[char]) -> bool {
    let word: Vec<&char> = rest
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || **c == 'ü')
        .collect();
    !word.is_empty() && word.len() <= LEAD_DIGITS_MAX && word.iter().all(|c| c.is_ascii_digit())
}
/// search.js `LEAD_DIGITS_MAX`.
const LEAD_DIGITS_MAX: usize = 6;

/// Every term's postings, in [`BUCKETS`] maps filled side by side (a term's bucket is fixed
/// by its hash), since one map filled by one thread was most of the index's build time.
fn collect(list: &[&Institution]) -> Vec<Index> {
    let mut maps: Vec<Index> = (0..BUCKETS).map(|_| Index::default()).collect();
    // Terms are made a slice of documents at a time, so that the terms of 100,000
    // documents (~150 each) never sit in memory together.
    for (k, slice) in list.chunks(TERM_BATCH).enumerate() {
        // Each term with its bucket, worked out once.
        let per_doc: Vec<(TermBuf, TermBuf, Vec<u8>)> = slice
            .par_iter()
            .map(|i| {
                let (name, other) = doc_terms(i);
                let buckets = name.hashes().chain(other.hashes()).map(bucket).collect();
                (name, other, buckets)
            })
            .collect();
        let base = (k * TERM_BATCH) as u32;
        maps.par_iter_mut().enumerate().for_each(|(b, map)| {
            for (j, (name, other, buckets)) in per_doc.iter().enumerate() {
                let doc = base + j as u32;
                let tagged = name.iter().map(|t| (true, t));
                let terms = tagged.chain(other.iter().map(|t| (false, t)));
                for ((is_name, t), _) in terms.zip(buckets).filter(|(_, tb)| usize::from(**tb) == b)
                {
                    let push = |p: &mut Postings| match is_name {
                        true => p.name.push(doc),
                        false => p.other.push(doc),
                    };
                    match map.get_mut(t) {
                        Some(p) => push(p),
                        None => {
                            let mut p = Postings::default();
                            push(&mut p);
                            map.insert(t.into(), p);
                        }
                    }
                }
            }
        });
    }
    maps
}

type Index = HashMap<Box<str>, Postings, rustc_hash::FxBuildHasher>;
const BUCKETS: usize = 4;

/// A term's map, from the hash its document's [`TermBuf`] has of it.
fn bucket(hash: u64) -> u8 {
    ((hash >> 32) as usize % BUCKETS) as u8
}

/// The name terms and the other-field terms of one institution (each sorted, unique;
/// a term in the name is not repeated among the others).
fn doc_terms(i: &Institution) -> (TermBuf, TermBuf) {
    let mut name = TermBuf::default();
    let mut t = Terms { out: &mut name };
    // Other names (曾用名, short names) are found the way the name is.
    for n in std::iter::once(&i.name).chain(&i.aliases) {
        t.grams(n);
        t.prefix(n);
        t.pinyin(n);
    }
    name.sort_dedup();
    let mut other = TermBuf::default();
    let mut t = Terms { out: &mut other };
    for field in [&i.address, &i.street].into_iter().flatten() {
        t.grams(field);
    }
    if let Some(a) = &i.address {
        t.sound_pairs(a);
    }
    if let Some(s) = &i.street {
        t.pinyin(s);
    }
    if let Some(op) = i.filed.as_ref().and_then(|f| f.operator.as_ref()) {
        t.grams(op);
    }
    if let Some(s) = &i.care_site {
        for field in s.community.iter().chain(&s.funders) {
            t.grams(field);
        }
    }
    for p in &i.programs {
        t.grams(p);
    }
    // A cancelled (注销) institution is not to be called: its number is not searchable either.
    if let Some(phone) = i.phone.as_ref().filter(|_| !i.is_cancelled()) {
        t.phone(phone);
    }
    other.sort_dedup();
    other.retain(|t| !name.contains(t));
    (name, other)
}

fn shard_count(index: &[(Box<str>, Postings)], n: usize) -> usize {
    let list_bytes = |l: &Vec<u32>| (3 * l.len()).min(n.div_ceil(6) + 1);
    // A card is about 150 bytes.
    let card_bytes = |p: &Postings| 150 * p.name.len().min(INLINE_ALL);
    let bytes: usize = index
        .iter()
        .map(|(t, p)| t.len() + 8 + list_bytes(&p.name) + list_bytes(&p.other) + card_bytes(p))
        .sum();
    bytes.div_ceil(SHARD_BYTES).clamp(1, MAX_SHARDS)
}

/// One shard: `{"t": {term: [name, other]}, "c": {doc: card}}`.
fn shard_file(k: usize, mut sorted: Vec<(Box<str>, Postings)>, docs: &Docs) -> (String, Vec<u8>) {
    let n = docs.list.len();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let prefixes: HashMap<&str, &[u32]> = sorted
        .iter()
        .filter_map(|(t, p)| Some((t.strip_prefix('^')?, p.name.as_slice())))
        .collect();
    let mut json = String::from("{\"t\":{");
    let mut cards: Vec<u32> = Vec::new();
    for (j, (term, p)) in sorted.iter().enumerate() {
        if j > 0 {
            json.push(',');
        }
        push_json_str(&mut json, term);
        json.push(':');
        json.push_str(&term_entry(&postings(&p.name, n), &postings(&p.other, n)));
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
    json.push_str("},\"c\":{");
    cards.sort_unstable();
    cards.dedup();
    for (j, d) in cards.iter().enumerate() {
        if j > 0 {
            json.push(',');
        }
        let _ = write!(json, "\"{d}\":");
        json.push_str(&docs.cards[*d as usize]);
    }
    json.push_str("}}");
    let key = format!("t{k}");
    let bytes = super::encode::js_file(&key, &json);
    (key, bytes)
}

/// `term` as a JSON string: as it is when nothing in it needs escaping (nearly every term).
fn push_json_str(json: &mut String, term: &str) {
    if term.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        json.push_str(&serde_json::to_string(term).unwrap_or_default());
    } else {
        json.push('"');
        json.push_str(term);
        json.push('"');
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

    fn heavy<'a>(terms: &[&'a str]) -> HashSet<&'a str> {
        terms.iter().copied().collect()
    }

    #[test]
    fn exact_name_lives_with_the_first_light_key() {
        // 虚构 is a whole run of two characters: its one term is the key, heavy; the
        // next run's first light term comes next.
        let h = heavy(&["虚构", "托育", "育中", "中心"]);
        assert_eq!(
            exact_base("虚构·树安贝托育中心", &h).as_deref(),
            Some("树安")
        );
        assert_eq!(
            shard_of("=虚构·树安贝托育中心", &h, &Groups::default()),
            shard_hash("树安"),
            "the exact-name term goes to the shard the query loads anyway"
        );
        // A long run is looked up by its first and last light terms only: 安贝 is light but
        // not a key, so with 树安 heavy the key is 贝托.
        let h = heavy(&["虚构", "树安", "托育", "育中", "中心"]);
        assert_eq!(
            exact_base("虚构·树安贝托育中心", &h).as_deref(),
            Some("安贝")
        );
    }

    #[test]
    fn exact_name_with_only_heavy_keys_has_a_shard_of_its_own() {
        let h = heavy(&["阳光", "光宝", "宝贝"]);
        assert_eq!(exact_base("阳光宝贝", &h), None);
        assert_eq!(
            shard_of("=阳光宝贝", &h, &Groups::default()),
            shard_hash("=阳光宝贝")
        );
        assert_eq!(exact_base("abc", &h), None);
    }

    #[test]
    fn a_run_before_a_number_drops_its_last_pair() {
        let none = HashSet::new();
        assert_eq!(run_keys("港瑞路342号", &none), [vec!["港瑞"], vec!["号"]]);
        // Not before letters, a number with letters or a long number (a phone number).
        assert_eq!(run_keys("港瑞路a1", &none), [vec!["港瑞", "瑞路"]]);
        assert_eq!(run_keys("港瑞路12345678", &none), [vec!["港瑞", "瑞路"]]);
        assert_eq!(run_keys("路3", &none), [vec!["路"]]);
    }

    #[test]
    fn prefix_terms_live_with_their_pair() {
        assert_eq!(
            shard_of("^三利", &HashSet::new(), &Groups::default()),
            shard_hash("三利")
        );
        assert_eq!(
            shard_of("三利", &HashSet::new(), &Groups::default()),
            shard_hash("三利")
        );
    }

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
