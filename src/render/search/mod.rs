//! The search index, built from the model at build time (docs/search-index.md): term
//! shards, document chunks and facet chunks as small JavaScript files under `search/`.

pub mod encode;
mod fold;
pub mod text;

use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;

use crate::model::enums::{Service, ZhEnum};
use crate::model::{Institution, Level, Site, Status};
use encode::{b64, content_hash, js_file, postings, shard_hash};
use text::Terms;

/// Documents per doc chunk and per facet chunk.
pub const DOC_CHUNK: usize = 64;
pub const FACET_CHUNK: usize = 8192;
/// Aim for term shards of about this many bytes (before gzip).
const SHARD_BYTES: usize = 48 * 1024;
/// Documents whose terms are made at once.
const TERM_BATCH: usize = 4096;

/// The index files (path under the output root, bytes) and the meta file's path.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub meta_path: String,
}

/// Name postings and other-field postings of one term.
#[derive(Default)]
struct Postings {
    name: Vec<u32>,
    other: Vec<u32>,
}

pub fn build(site: &Site) -> SearchIndex {
    let order = doc_order(site);
    let docs: Vec<&Institution> = order.iter().map(|i| &site.institutions[*i]).collect();
    let mut index: HashMap<Box<str>, Postings> = HashMap::new();
    // Terms are made in parallel a slice of documents at a time, so that the terms of
    // 100,000 documents (~150 each) never sit in memory together.
    for (k, slice) in docs.chunks(TERM_BATCH).enumerate() {
        let per_doc: Vec<(Vec<String>, Vec<String>)> =
            slice.par_iter().map(|i| doc_terms(i)).collect();
        for (j, (name, other)) in per_doc.into_iter().enumerate() {
            let doc = (k * TERM_BATCH + j) as u32;
            for t in name {
                posting(&mut index, t).name.push(doc);
            }
            for t in other {
                posting(&mut index, t).other.push(doc);
            }
        }
    }
    let mut files = term_shards(index, docs.len());
    let shards = files.len();
    files.extend(chunks(&docs, DOC_CHUNK, "d", |chunk| {
        Value::Array(chunk.iter().map(|i| doc_entry(i)).collect())
    }));
    files.extend(chunks(&docs, FACET_CHUNK, "f", |chunk| {
        Value::String(chunk.iter().map(|i| facet_entry(site, i)).collect())
    }));
    // One hash over the whole index names every file: the meta file need not list
    // 1,500 names, and a changed index never mixes with cached old files.
    let hash = content_hash(files.iter().map(|(_, b)| b.as_slice()));
    let meta = json!({
        "v": 1,
        "n": docs.len(),
        "hash": hash,
        "districts": districts(site, &docs),
        "services": Service::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "fold": fold::table(site),
        "shards": shards,
        "docSize": DOC_CHUNK,
        "docFiles": docs.len().div_ceil(DOC_CHUNK),
        "facetSize": FACET_CHUNK,
        "facetFiles": docs.len().div_ceil(FACET_CHUNK),
    });
    let mut files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(key, bytes)| (format!("search/{key}.{hash}.js"), bytes))
        .collect();
    let meta_path = format!("search/meta.{hash}.js");
    files.push((meta_path.clone(), js_file("meta", &meta.to_string())));
    SearchIndex { meta_path, files }
}

fn posting(index: &mut HashMap<Box<str>, Postings>, term: String) -> &mut Postings {
    index.entry(term.into_boxed_str()).or_default()
}

/// Display order: district, then name, then id.
fn doc_order(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.institutions.len()).collect();
    order.sort_by(|a, b| {
        let (x, y) = (&site.institutions[*a], &site.institutions[*b]);
        (x.district, &x.name, &x.id).cmp(&(y.district, &y.name, &y.id))
    });
    order
}

/// The name terms and the other-field terms of one institution (each sorted, unique;
/// a term in the name is not repeated among the others).
fn doc_terms(i: &Institution) -> (Vec<String>, Vec<String>) {
    let mut name = Vec::new();
    let mut t = Terms { out: &mut name };
    t.grams(&i.name);
    t.prefix(&i.name);
    t.pinyin(&i.name);
    name.sort_unstable();
    name.dedup();
    let mut other = Vec::new();
    let mut t = Terms { out: &mut other };
    for field in [&i.address, &i.street].into_iter().flatten() {
        t.grams(field);
    }
    if let Some(s) = &i.street {
        t.pinyin(s);
    }
    if let Some(op) = i.filed.as_ref().and_then(|f| f.operator.as_ref()) {
        t.grams(op);
    }
    if let Some(s) = &i.site {
        for field in s.community.iter().chain(&s.funders) {
            t.grams(field);
        }
    }
    other.sort_unstable();
    other.dedup();
    other.retain(|t| name.binary_search(t).is_err());
    (name, other)
}

/// Terms spread over shards by hash; each shard one file `t<k>`.
fn term_shards(index: HashMap<Box<str>, Postings>, n: usize) -> Vec<(String, Vec<u8>)> {
    let list_bytes = |l: &Vec<u32>| (3 * l.len()).min(n.div_ceil(6) + 1);
    let bytes: usize = index
        .iter()
        .map(|(t, p)| t.len() + 8 + list_bytes(&p.name) + list_bytes(&p.other))
        .sum();
    let shards = bytes
        .div_ceil(SHARD_BYTES)
        .next_power_of_two()
        .clamp(1, 1024);
    let mut by_shard: Vec<Vec<(Box<str>, Postings)>> = (0..shards).map(|_| Vec::new()).collect();
    for (term, p) in index {
        by_shard[shard_hash(&term) as usize % shards].push((term, p));
    }
    by_shard
        .into_par_iter()
        .enumerate()
        .map(|(shard, mut terms)| {
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut json = String::from("{");
            for (k, (term, p)) in terms.iter().enumerate() {
                if k > 0 {
                    json.push(',');
                }
                json.push_str(&serde_json::to_string(term).unwrap_or_default());
                json.push_str(&format!(
                    ":[\"{}\",\"{}\"]",
                    postings(&p.name, n),
                    postings(&p.other, n)
                ));
            }
            json.push('}');
            let key = format!("t{shard}");
            let bytes = js_file(&key, &json);
            (key, bytes)
        })
        .collect()
}

fn chunks(
    docs: &[&Institution],
    size: usize,
    prefix: &str,
    f: impl Fn(&[&Institution]) -> Value + Sync,
) -> Vec<(String, Vec<u8>)> {
    docs.par_chunks(size)
        .enumerate()
        .map(|(k, chunk)| {
            let key = format!("{prefix}{k}");
            let bytes = js_file(&key, &f(chunk).to_string());
            (key, bytes)
        })
        .collect()
}

fn services_bits(i: &Institution) -> u32 {
    i.services
        .iter()
        .map(|s| 1 << Service::ALL.iter().position(|x| x == s).unwrap_or(0))
        .sum()
}

fn level_code(i: &Institution) -> u32 {
    match i.demonstration.as_ref().map(|d| d.level) {
        None => 0,
        Some(Level::Provincial) => 1,
        Some(Level::Municipal) => 2,
    }
}

fn doc_entry(i: &Institution) -> Value {
    let status = i.filed.as_ref().map(|f| f.status);
    let flags = u32::from(i.filed.is_some())
        | u32::from(i.demonstration.is_some()) << 1
        | u32::from(i.site.is_some()) << 2
        | u32::from(i.is_inclusive()) << 3
        | u32::from(i.is_free()) << 4
        | u32::from(status == Some(Status::Suspended)) << 5
        | u32::from(status == Some(Status::Closed)) << 6;
    json!([
        i.id,
        i.name,
        i.district,
        i.street,
        i.address,
        i.phone,
        i.phone.as_deref().and_then(crate::render::urls::tel),
        services_bits(i),
        i.ages.map(|a| a.min_months),
        i.ages.map(|a| a.max_months),
        i.capacity,
        flags,
        level_code(i),
        i.demonstration.as_ref().map(|d| d.year),
        i.fee,
    ])
}

fn facet_entry(site: &Site, i: &Institution) -> String {
    let kinds = u32::from(i.filed.is_some())
        | u32::from(i.demonstration.is_some()) << 1
        | u32::from(i.site.is_some()) << 2
        | u32::from(i.is_inclusive()) << 3
        | u32::from(i.is_free()) << 4
        | u32::from(i.is_operating()) << 5;
    let street = i
        .street
        .as_ref()
        .and_then(|s| {
            site.districts[i.district]
                .streets
                .iter()
                .position(|x| x == s)
        })
        .map_or(4095, |p| p.min(4094) as u32);
    let (min, max) = i.ages.map_or((63, 63), |a| {
        (u32::from(a.min_months), u32::from(a.max_months))
    });
    [
        kinds,
        services_bits(i) | level_code(i) << 4,
        min,
        max,
        (i.name.chars().count() as u32).min(63),
        street >> 6,
        street & 63,
    ]
    .into_iter()
    .map(b64)
    .collect()
}

fn districts(site: &Site, docs: &[&Institution]) -> Vec<Value> {
    site.districts
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let start = docs.partition_point(|i| i.district < k);
            let end = docs.partition_point(|i| i.district <= k);
            let short = short_name(&d.name);
            let (py, ini) = text::pinyin_and_initials(short);
            json!({"id": d.id, "name": d.name, "short": short, "py": py, "ini": ini, "start": start, "end": end, "streets": d.streets})
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
