//! The search index, built from the model at build time (docs/search-index.md): term
//! shards with result cards, document chunks and facet files, as small JavaScript files under
//! `search/`.

pub mod encode;
mod facets;
pub mod fold;
pub mod format;
mod gather;
pub mod groups;
mod keys;
mod reuse;
mod sound;
mod spill;
mod termbuf;
mod termindex;
pub mod terms;
pub mod text;

use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;

use super::{OutputFile, Sink, SinkError};
use crate::model::{Institution, Site};
use encode::{content_hash, js_file};
use format::PAGE as FIRST_PAGE;
use reuse::{Base, Made, Name, Now};
pub use reuse::{Reuse, State};
use termindex::TermIndex;

/// The index files (path under the output root, bytes) and the meta file's path.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub meta_path: String,
}

impl SearchIndex {
    /// No files (the index is streamed instead, see [`stream`]); the meta file's path.
    pub fn empty() -> Self {
        Self {
            files: Vec::new(),
            meta_path: META_PATH.to_string(),
        }
    }
}

/// The whole index in memory (the preview server; tests).
pub fn build(site: &Site) -> SearchIndex {
    let files = std::sync::Mutex::new(Vec::new());
    let push = |f: OutputFile| -> Result<(), SinkError> {
        let mut files = files.lock().unwrap_or_else(|p| p.into_inner());
        files.push((f.path, f.bytes));
        Ok(())
    };
    // Collecting into memory cannot fail.
    let _ = stream(site, &push);
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    // Handed over from several threads: put back in a stable order, meta last.
    files.sort_by(|a, b| (a.0 == META_PATH, &a.0).cmp(&(b.0 == META_PATH, &b.0)));
    SearchIndex {
        files,
        meta_path: META_PATH.to_string(),
    }
}

/// Make the index and hand each file to `sink` as soon as it is made, meta last: the files
/// of 100,000 records (~200 MB) are never held together. Each file is named by its own
/// content hash, listed in meta (which has a fixed name): editing one record renames only
/// the files that hold it, and a cached file never mixes with a newer index.
pub fn stream(site: &Site, sink: &Sink) -> Result<(), SinkError> {
    stream_reusing(site, None, sink, None, None).map(drop)
}

/// Whether the index of `site` is made in passes that can use a scratch file (see
/// [`spill`]): above ~350,000 records.
pub fn uses_scratch(site: &Site) -> bool {
    gather::groups(site.institutions.len()) > 1
}

/// What the caller of [`stream_reusing`] worked out ahead of the index, on a core the
/// index would leave idle: the documents' numbers ([`doc_numbers`]) and the fold table
/// ([`fold::table`], ~0.05–0.09 s at 100,000 records).
pub struct Ahead<'a> {
    pub numbers: &'a [u32],
    pub fold: &'a str,
}

/// [`stream`], keeping what still holds of the last build's index (see [`reuse`]); with
/// `reuse`, the state to leave for the next build (of an index made all at once). With
/// `scratch` (see [`uses_scratch`]), a large index keeps its working terms there.
pub fn stream_reusing(
    site: &Site,
    ahead: Option<&Ahead>,
    sink: &Sink,
    reuse: Option<Reuse>,
    scratch: Option<std::fs::File>,
) -> Result<Option<State>, SinkError> {
    let numbers = ahead.map(|a| a.numbers);
    let order = match numbers.filter(|n| n.len() == site.institutions.len()) {
        Some(numbers) => order_of(numbers),
        None => doc_order(site),
    };
    let docs: Vec<&Institution> = order.iter().map(|i| &site.institutions[*i]).collect();
    let ranges = district_ranges(site, &docs);
    let reuse = reuse.filter(|_| gather::groups(docs.len()) == 1);
    let now = reuse.as_ref().map(|r| Now::of(site, &order, r.hashes));
    let (base, old) = match (reuse, &now) {
        (Some(r), Some(now)) => Base::of(r.previous, now, &ranges, r.keep).unzip(),
        _ => (None, None),
    };
    let made = term_shards(
        site,
        &docs,
        (base.as_ref(), old),
        now.is_some(),
        scratch,
        sink,
    );
    let (shards, terms) = made?;
    let t = std::time::Instant::now();
    let shard_count = shards.files.len();
    let (heavy, split) = (shards.heavy.join(" "), shards.split.join(" "));
    let made = terms.map(|(terms, cards)| Made {
        terms,
        heavy: shards.heavy,
        shards: shard_count,
        split: shards.split,
        cards,
    });
    let mut names: Vec<(String, String)> = shards.files;
    // The full cards only now, once the shards' working memory is gone (the postings kept
    // for the state are packed), and a chunk at a time.
    let doc_size = format::doc_size(docs.len());
    let (slices, starts) = doc_chunks(docs.len(), &ranges, doc_size);
    let doc_files = slices.len();
    names.extend(doc_files_of(&docs, &slices, base.as_ref(), sink)?);
    crate::timings::step("  search documents", t);
    let t = std::time::Instant::now();
    let (facet_files, facet_meta) = facets::build(&docs);
    let facet_count = facet_files.len();
    names.extend(hand_over(facet_files, sink)?);
    names.extend(hand_over(facets::streets(site, &docs, &ranges), sink)?);
    names.push(put(sink, "py".into(), js_file("py", sound::table()))?);
    let hash = content_hash(&names.iter().map(|(_, h)| h.as_bytes()).collect::<Vec<_>>());
    let mut meta = format::meta_format(doc_size);
    let index = json!({
        "n": docs.len(),
        "hash": hash,
        "districts": districts(site, &ranges, &starts),
        "fold": ahead.map_or_else(|| fold::table(site), |a| a.fold.to_string()),
        "shards": shard_count,
        "heavy": heavy,
        "split": split,
        "docFiles": doc_files,
        "facetFiles": facet_count,
        "filters": facet_meta,
        "files": file_hashes(&names),
    });
    if let Value::Object(index) = index {
        meta.extend(index);
    }
    let meta = Value::Object(meta).to_string();
    crate::timings::step("  search facets and meta", t);
    sink(OutputFile {
        path: META_PATH.to_string(),
        bytes: js_file("meta", &meta),
    })?;
    Ok(now
        .zip(made)
        .map(|(now, made)| now.state(made, ranges, names)))
}

/// What a build that leaves a state keeps of its term shards: every term's postings, and
/// every document's card hash.
type Kept = (TermIndex, Vec<u64>);

/// The term shards, handed over; with `keep_terms` (a build that leaves a state), made
/// from every term's postings (the last build's patched, when `base` holds), which it
/// gives back with every document's card hash ([`reuse::card_hash`]).
fn term_shards(
    site: &Site,
    docs: &[&Institution],
    (base, old): (Option<&Base>, Option<TermIndex>),
    keep_terms: bool,
    scratch: Option<std::fs::File>,
    sink: &Sink,
) -> Result<(terms::Shards<Name>, Option<Kept>), SinkError> {
    // Each card made the first time a shard needs it and kept for the next: a build from
    // scratch makes every shard, a rebuild only those that hold a changed record (~130,
    // sharing many cards). Not kept when the shards are made in groups (a large index):
    // together they are hundreds of MB, and at a million records making them again for
    // each shard costs no more than packing them once (the groups' writes took 3.3 s each
    // either way).
    let at_once = gather::groups(docs.len()) == 1;
    let cards: Vec<std::sync::OnceLock<Box<[u8]>>> = match at_once {
        true => (0..docs.len()).map(|_| Default::default()).collect(),
        false => Vec::new(),
    };
    let short_names = short_names(docs);
    let street_terms = terms::street_terms(site);
    let d = terms::Docs {
        list: docs,
        cards: at_once.then_some(cards.as_slice()),
        short_names: &short_names,
        street_terms: &street_terms,
    };
    let hand = |key, bytes| put(sink, key, bytes);
    if !keep_terms {
        return Ok((terms::build(&d, hand, scratch)?, None));
    }
    let (index, touched, hashes) = match (old, base) {
        (Some(old), Some(b)) => {
            let (recarded, hashes) = recarded(b, &d);
            let (index, touched) = reuse::patch(old, &b.changed, &recarded, docs);
            (index, Some(touched), Some(hashes))
        }
        _ => (reuse::gather(docs), None, None),
    };
    let shards = reuse::shards(&d, &index, base.zip(touched.as_ref()), &hand)?;
    // A fresh index's card hashes once its shards are made: most cards are then made.
    let hashes = hashes.unwrap_or_else(|| {
        (0..docs.len())
            .into_par_iter()
            .map(|k| reuse::card_hash(&d.card(k)))
            .collect()
    });
    Ok((shards, Some((index, hashes))))
}

/// The changed documents whose card is not the last build's (sorted), and every
/// document's card hash now.
fn recarded(base: &Base, docs: &terms::Docs) -> (Vec<u32>, Vec<u64>) {
    let mut hashes = base.cards.clone();
    let mut recarded = Vec::new();
    for d in &base.changed {
        let now = reuse::card_hash(&docs.card(*d as usize));
        if hashes[*d as usize] != now {
            hashes[*d as usize] = now;
            recarded.push(*d);
        }
    }
    (recarded, hashes)
}

/// The doc chunks, handed over (a chunk none of whose documents changed is kept when
/// `base` holds); their names in order.
fn doc_files_of(
    docs: &[&Institution],
    slices: &[std::ops::Range<usize>],
    base: Option<&Base>,
    sink: &Sink,
) -> Result<Vec<(String, String)>, SinkError> {
    let chunks = slices.par_iter().enumerate().map(|(k, range)| {
        let key = format!("d{k}");
        let same = base.filter(|b| !b.changed.iter().any(|d| range.contains(&(*d as usize))));
        if let Some(name) = same.and_then(|b| b.kept(&key)) {
            return Ok(name);
        }
        let mut json = Vec::with_capacity(range.len() * 400);
        json.push(b'[');
        for (j, i) in docs[range.clone()].iter().enumerate() {
            if j > 0 {
                json.push(b',');
            }
            format::push_card(&mut json, i);
        }
        json.push(b']');
        let bytes = js_file(&key, &json);
        put(sink, key, bytes)
    });
    chunks.collect()
}

/// Hand files over in parallel, each dropped once handed over; their names in order.
fn hand_over(
    files: Vec<(String, Vec<u8>)>,
    sink: &Sink,
) -> Result<Vec<(String, String)>, SinkError> {
    files
        .into_par_iter()
        .map(|(key, bytes)| put(sink, key, bytes))
        .collect()
}

/// Hand one file over as `search/<key>.<hash>.js`; its key and hash.
fn put(sink: &Sink, key: String, bytes: Vec<u8>) -> Result<(String, String), SinkError> {
    let hash = content_hash(&[bytes.as_slice()]);
    let path = format!("{DIR}{key}.{hash}.js");
    sink(OutputFile { path, bytes })?;
    Ok((key, hash))
}

/// The folder of the index's files in the output.
pub const DIR: &str = "search/";

/// The meta file's path: fixed, so that pages embedding it never change with the index.
pub const META_PATH: &str = "search/meta.js";

/// Meta `files`: for each kind of file (`t`, `d`, `b`, `s`, `py`), the hashes in its
/// name, file k's hash at characters `8k .. 8k + 8` (a string, not 2,000 JSON strings).
fn file_hashes(names: &[(String, String)]) -> Value {
    let mut out = serde_json::Map::new();
    for (key, h) in names {
        let kind = key.trim_end_matches(|c: char| c.is_ascii_digit());
        let entry = out.entry(kind).or_insert_with(|| json!(""));
        if let Value::String(s) = entry {
            s.push_str(h);
        }
    }
    Value::Object(out)
}

/// Each institution's document number (by institution index): where its card is in the
/// doc chunks, which compare.html reads for the volatile fields (docs/search-index.md).
pub fn doc_numbers(site: &Site) -> Vec<u32> {
    let mut numbers = vec![0; site.institutions.len()];
    for (d, i) in doc_order(site).into_iter().enumerate() {
        numbers[i] = d as u32;
    }
    numbers
}

/// The documents in order from their numbers (institution `i` is document `numbers[i]`).
fn order_of(numbers: &[u32]) -> Vec<usize> {
    let mut order = vec![0; numbers.len()];
    for (i, d) in numbers.iter().enumerate() {
        if let Some(slot) = order.get_mut(*d as usize) {
            *slot = i;
        }
    }
    order
}

/// Display order: district, then id. Not the name: a renamed record keeps its number, so
/// that after the edit of a name the last build's index still holds for every other
/// document (`reuse`), where an order by name shifted every document between the old and
/// the new place, and with them most term shards.
fn doc_order(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.institutions.len()).collect();
    // Ids are unique: the parallel sort gives the one order.
    order.par_sort_unstable_by(|a, b| {
        let (x, y) = (&site.institutions[*a], &site.institutions[*b]);
        (x.district, &x.id).cmp(&(y.district, &y.id))
    });
    order
}

/// Each district's documents, `[start, end)` (documents are in district order).
fn district_ranges(site: &Site, docs: &[&Institution]) -> Vec<(u32, u32)> {
    (0..site.districts.len())
        .map(|k| {
            let start = docs.partition_point(|i| i.district < k) as u32;
            let end = docs.partition_point(|i| i.district <= k) as u32;
            (start, end)
        })
        .collect()
}

/// Documents whose normalised name is one or two CJK characters, by that name.
fn short_names(docs: &[&Institution]) -> HashMap<String, Vec<u32>> {
    let mut out: HashMap<String, Vec<u32>> = HashMap::new();
    for (d, i) in docs.iter().enumerate() {
        // Normalising keeps the number of characters: a longer name is never short.
        if i.name.chars().nth(2).is_some() {
            continue;
        }
        let name = text::normalise(&i.name);
        let count = name.chars().count();
        if (1..=2).contains(&count) && name.chars().all(text::is_cjk) {
            out.entry(name).or_default().push(d as u32);
        }
    }
    out
}

/// The doc chunks (ranges of documents), and where each district starts: (chunk, position
/// in it). Chunks hold `size` documents, except that a district starts a new chunk when the
/// current one has no room for its first page ([`FIRST_PAGE`] documents): a district's first
/// results are then one file, and small districts still share one.
fn doc_chunks(
    len: usize,
    ranges: &[(u32, u32)],
    size: usize,
) -> (Vec<std::ops::Range<usize>>, Vec<(usize, usize)>) {
    // Chunk starts; the current chunk starts at the last one and holds the documents
    // from there to the district at hand (at most `size`).
    let mut cuts = vec![0usize];
    let mut starts = Vec::new();
    for (start, end) in ranges {
        let (start, end) = (*start as usize, *end as usize);
        let fill = start - cuts[cuts.len() - 1];
        if fill > 0 && size - fill < (end - start).min(FIRST_PAGE) {
            cuts.push(start);
        }
        let current = cuts[cuts.len() - 1];
        starts.push((cuts.len() - 1, start - current));
        let mut next = current + size;
        while next < end {
            cuts.push(next);
            next += size;
        }
    }
    cuts.push(len);
    cuts.dedup();
    let slices = cuts
        .windows(2)
        .map(|w| w[0]..w[1])
        .filter(|s| !s.is_empty())
        .collect();
    (slices, starts)
}

fn districts(site: &Site, ranges: &[(u32, u32)], starts: &[(usize, usize)]) -> Vec<Value> {
    site.districts
        .iter()
        .zip(ranges)
        .zip(starts)
        .map(|((d, (start, end)), (chunk, offset))| {
            let short = short_name(&d.name);
            let (py, ini) = text::pinyin_and_initials(short);
            json!({"id": d.id, "name": d.name, "short": short, "py": py, "ini": ini, "start": start, "end": end, "chunk": chunk, "offset": offset, "streets": d.streets})
        })
        .collect()
}

/// 城阳区 → 城阳, 胶州市 → 胶州 (what people type); two-character names stay whole.
fn short_name(name: &str) -> &str {
    let trimmed = name.trim_end_matches(['区', '市', '县', '旗']);
    if trimmed.chars().count() >= 2 {
        trimmed
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the browser looks for document d (search.js `chunkOf`).
    fn locate(
        ranges: &[(u32, u32)],
        starts: &[(usize, usize)],
        d: usize,
        size: usize,
    ) -> (usize, usize) {
        let x = ranges
            .iter()
            .rposition(|(s, _)| *s as usize <= d)
            .unwrap_or(0);
        let p = starts[x].1 + d - ranges[x].0 as usize;
        (starts[x].0 + p / size, p % size)
    }

    fn check(sizes: &[u32]) -> Vec<usize> {
        check_sized(sizes, format::DOC_CHUNK)
    }

    fn check_sized(sizes: &[u32], size: usize) -> Vec<usize> {
        let mut ranges = Vec::new();
        let mut at = 0;
        for n in sizes {
            ranges.push((at, at + n));
            at += n;
        }
        let (slices, starts) = doc_chunks(at as usize, &ranges, size);
        for d in 0..at as usize {
            let (k, p) = locate(&ranges, &starts, d, size);
            assert_eq!(slices[k].start + p, d, "document {d} of {sizes:?}");
            assert!(p < slices[k].len(), "document {d} of {sizes:?}");
        }
        for ((start, end), (k, p)) in ranges.iter().zip(&starts) {
            let first = (*end - *start).min(FIRST_PAGE as u32) as usize;
            assert!(
                p + first <= size,
                "district at {start} starts too late in chunk {k}"
            );
        }
        slices.iter().map(|s| s.len()).collect()
    }

    #[test]
    fn small_districts_share_a_doc_chunk() {
        assert_eq!(check(&[3, 0, 5, 2]), vec![10]);
    }

    #[test]
    fn a_district_starts_a_chunk_when_its_first_page_would_not_fit() {
        // 250 fill the first chunk but for 6 places: the next district starts afresh.
        assert_eq!(check(&[250, 30]), vec![250, 30]);
        // 230 leave room for 26: the next district's first page fits.
        assert_eq!(check(&[230, 30]), vec![256, 4]);
        assert_eq!(check(&[600, 10, 256]), vec![256, 256, 256, 98]);
    }

    #[test]
    fn larger_chunks_keep_the_browser_s_arithmetic() {
        assert_eq!(check_sized(&[600, 10, 256], 512), vec![512, 354]);
        assert_eq!(check_sized(&[1000, 3, 5000], 2560), vec![2560, 2560, 883]);
        assert_eq!(check_sized(&[2550, 30], 2560), vec![2550, 30]);
    }
}
