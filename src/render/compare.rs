//! compare.html (up to 3 institutions side by side) and the data it loads.
//!
//! The page cannot load every record at 100,000 of them, and must work from `file://`
//! (no fetch): the facts of each institution are in a small JavaScript file per chunk,
//! `compare/<k>.js`, which compare.js loads with `<script>` tags. An id's chunk is its
//! FNV-1a hash modulo the chunk count, a power of two chosen for about
//! [`PER_CHUNK`] records a file (at most [`MAX_CHUNKS`] files); compare.js computes the same
//! hash and reads the count from the page (`data-chunks`).
//!
//! The volatile facts (托位数) are not repeated here: compare.js reads them from the
//! record's card in the search index's doc chunks, by the document number each entry
//! carries. An update of one record's capacity then changes its doc chunk, not also a
//! compare file (issue #9: an edit changes only the files that show it).

use serde::Serialize;

use super::context::{base_context, render_template};
use super::view::{self, Card};
use super::{OutputFile, RenderError, Renderer};
use crate::model::Site;

/// Records aimed at per chunk file: three chunks are a few tens of kB even on a big site.
pub const PER_CHUNK: usize = 50;
/// 2,048 files for 100,000 records: few beside the 100,000 pages.
pub const MAX_CHUNKS: usize = 4096;

/// What compare.js shows of one institution: the card (display strings, coordinates for
/// the distance) without the capacity, and the document number of its search card.
#[derive(Serialize)]
struct Entry {
    #[serde(flatten)]
    card: Card,
    doc: u32,
}

/// Chunk files for `n` institutions (a power of two, at least 1).
pub fn chunk_count(n: usize) -> usize {
    n.div_ceil(PER_CHUNK).next_power_of_two().min(MAX_CHUNKS)
}

/// 32-bit FNV-1a of the id's bytes (compare.js: the same over its ASCII characters).
pub fn fnv1a(id: &str) -> u32 {
    id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

pub fn chunk_of(id: &str, chunks: usize) -> usize {
    fnv1a(id) as usize & (chunks - 1)
}

/// Institution indices per chunk, in site order.
pub fn chunks(site: &Site) -> Vec<Vec<usize>> {
    let n = chunk_count(site.institutions.len());
    let mut out = vec![Vec::new(); n];
    for (i, inst) in site.institutions.iter().enumerate() {
        out[chunk_of(&inst.id, n)].push(i);
    }
    out
}

pub fn chunk_path(k: usize) -> String {
    format!("compare/{k}.js")
}

/// `compare/<k>.js`: `tuoyuCompareChunk(k, {id: entry, …});`. `docs` are the document
/// numbers by institution index ([`super::search::doc_numbers`]).
pub fn chunk_file(site: &Site, docs: &[u32], k: usize, members: &[usize]) -> OutputFile {
    let map: serde_json::Map<String, serde_json::Value> = members
        .iter()
        .map(|i| {
            let inst = &site.institutions[*i];
            let mut card = view::card(site, inst);
            card.capacity = None;
            let entry = Entry {
                card,
                doc: docs.get(*i).copied().unwrap_or_default(),
            };
            (
                inst.id.clone(),
                serde_json::to_value(entry).unwrap_or_default(),
            )
        })
        .collect();
    // JSON is a JavaScript expression. `<` only occurs inside strings, where \u003c means
    // the same: no editor's text can spell `</script` even if the file is ever inlined.
    let json = serde_json::Value::Object(map)
        .to_string()
        .replace('<', "\\u003c");
    OutputFile {
        path: chunk_path(k),
        bytes: format!("tuoyuCompareChunk({k},{json});\n").into_bytes(),
    }
}

pub fn page(r: &Renderer, chunks: usize, path: String) -> Result<OutputFile, RenderError> {
    let mut ctx = base_context(
        r,
        &path,
        "compare",
        "对比托育机构",
        Some("把最多 3 家托育机构的地址、收托月龄、服务、收费、托位和电话并排比较。"),
    );
    ctx.insert("chunks", &chunks);
    // The distance row needs near.js (tuoyuGeo) when the theme ships it.
    let near = r
        .theme
        .static_files
        .iter()
        .any(|(p, _)| p == "assets/near.js");
    ctx.insert("has_near", &near);
    render_template(r, "compare.html", path, &ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_counts_stay_few_and_powers_of_two() {
        assert_eq!(chunk_count(0), 1);
        assert_eq!(chunk_count(50), 1);
        assert_eq!(chunk_count(576), 16);
        assert_eq!(chunk_count(100_000), 2048);
        assert_eq!(chunk_count(10_000_000), MAX_CHUNKS);
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // The published FNV-1a test vectors (compare.js must agree).
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
    }
}
