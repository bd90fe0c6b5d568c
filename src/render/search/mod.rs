//! The search index, built from the model at build time (docs/search-index.md): term
//! shards with result cards, document chunks and facet files, as small JavaScript files under
//! `search/`.

pub mod encode;
mod facets;
mod fold;
mod terms;
pub mod text;

use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;

use crate::model::enums::{Service, ZhEnum};
use crate::model::{Institution, Level, Site, Status};
use encode::{content_hash, js_file};

/// Documents per doc chunk.
pub const DOC_CHUNK: usize = 256;

/// The index files (path under the output root, bytes) and the meta file's path.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub meta_path: String,
}

pub fn build(site: &Site) -> SearchIndex {
    let order = doc_order(site);
    let docs: Vec<&Institution> = order.iter().map(|i| &site.institutions[*i]).collect();
    let cards: Vec<String> = docs.par_iter().map(|i| doc_entry(i).to_string()).collect();
    let ranges = district_ranges(site, &docs);
    let short_names = short_names(&docs);
    let street_terms = terms::street_terms(site);
    let shards = terms::build(&terms::Docs {
        list: &docs,
        cards: &cards,
        short_names: &short_names,
        street_terms: &street_terms,
    });
    let mut files = shards.files;
    let shard_count = files.len();
    // Doc chunks start afresh with each district, so that a district's first page of
    // results (its first documents) is one file.
    let slices: Vec<&[String]> = ranges
        .iter()
        .flat_map(|(start, end)| cards[*start as usize..*end as usize].chunks(DOC_CHUNK))
        .collect();
    let doc_files = slices.len();
    let chunks: Vec<(String, Vec<u8>)> = slices
        .par_iter()
        .enumerate()
        .map(|(k, chunk)| {
            let key = format!("d{k}");
            let bytes = js_file(&key, &format!("[{}]", chunk.join(",")));
            (key, bytes)
        })
        .collect();
    files.extend(chunks);
    let (facet_files, facet_meta) = facets::build(&docs);
    let facet_count = facet_files.len();
    files.extend(facet_files);
    files.extend(facets::streets(site, &docs, &ranges));
    // One hash over the whole index names every file: the meta file need not list
    // 1,500 names, and a changed index never mixes with cached old files.
    let parts: Vec<&[u8]> = files.iter().map(|(_, b)| b.as_slice()).collect();
    let hash = content_hash(&parts);
    let meta = json!({
        "v": 2,
        "n": docs.len(),
        "hash": hash,
        "districts": districts(site, &ranges),
        "services": Service::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "fold": fold::table(site),
        "shards": shard_count,
        "heavy": shards.heavy.join(" "),
        "docSize": DOC_CHUNK,
        "docFiles": doc_files,
        "facetFiles": facet_count,
        "facets": facet_meta,
    });
    let mut files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(key, bytes)| (format!("search/{key}.{hash}.js"), bytes))
        .collect();
    let meta_path = format!("search/meta.{hash}.js");
    files.push((meta_path.clone(), js_file("meta", &meta.to_string())));
    SearchIndex { meta_path, files }
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
        let name = text::normalise(&i.name);
        let count = name.chars().count();
        if (1..=2).contains(&count) && name.chars().all(text::is_cjk) {
            out.entry(name).or_default().push(d as u32);
        }
    }
    out
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

fn districts(site: &Site, ranges: &[(u32, u32)]) -> Vec<Value> {
    let mut chunk = 0;
    site.districts
        .iter()
        .zip(ranges)
        .map(|(d, (start, end))| {
            let first_chunk = chunk;
            chunk += ((end - start) as usize).div_ceil(DOC_CHUNK);
            let short = short_name(&d.name);
            let (py, ini) = text::pinyin_and_initials(short);
            json!({"id": d.id, "name": d.name, "short": short, "py": py, "ini": ini, "start": start, "end": end, "chunk": first_chunk, "streets": d.streets})
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
