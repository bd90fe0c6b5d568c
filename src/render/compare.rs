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

use std::collections::BTreeMap;

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
///
/// Written straight to JSON, its fields in the order of their names (as a JSON object of
/// the card gave them, sorted), instead of building a `serde_json::Value` per card first:
/// that was a third of the compare files' cost.
#[derive(Serialize)]
struct Entry<'c> {
    address: &'c Option<String>,
    ages: &'c Option<String>,
    aliases: &'c [String],
    badges: &'c [view::Badge],
    cancelled: bool,
    /// Always null: compare.js reads the capacity from the search card (see above).
    capacity: Option<u32>,
    classes: &'c [&'static str],
    district: &'c str,
    district_id: &'c str,
    doc: u32,
    fee: &'c Option<String>,
    filed_on: &'c Option<String>,
    form: Option<&'static str>,
    href: &'c str,
    id: &'c str,
    lat: Option<f64>,
    lng: Option<f64>,
    monthly_fee: &'c Option<String>,
    name: &'c str,
    phone: &'c Option<String>,
    services: &'c [&'static str],
    status: Option<&'static str>,
    street: &'c Option<String>,
    tel: &'c Option<String>,
    vacancies: Option<Vacancy<'c>>,
}

/// [`view::VacancyView`] with its fields in the order of their names.
#[derive(Serialize)]
struct Vacancy<'c> {
    as_of: &'c str,
    places: u32,
    stale: bool,
}

impl<'c> Entry<'c> {
    fn new(card: &'c Card, doc: u32) -> Self {
        Self {
            address: &card.address,
            ages: &card.ages,
            aliases: &card.aliases,
            badges: &card.badges,
            cancelled: card.cancelled,
            capacity: None,
            classes: &card.classes,
            district: &card.district,
            district_id: &card.district_id,
            doc,
            fee: &card.fee,
            filed_on: &card.filed_on,
            form: card.form,
            href: &card.href,
            id: &card.id,
            lat: card.lat,
            lng: card.lng,
            monthly_fee: &card.monthly_fee,
            name: &card.name,
            phone: &card.phone,
            services: &card.services,
            status: card.status,
            street: &card.street,
            tel: &card.tel,
            vacancies: card.vacancies.as_ref().map(|v| Vacancy {
                as_of: &v.as_of,
                places: v.places,
                stale: v.stale,
            }),
        }
    }
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
    let cards: Vec<(&str, Card, u32)> = members
        .iter()
        .map(|i| {
            let inst = &site.institutions[*i];
            let doc = docs.get(*i).copied().unwrap_or_default();
            (inst.id.as_str(), view::card(site, inst), doc)
        })
        .collect();
    // By id, as a JSON object's keys are ordered.
    let map: BTreeMap<&str, Entry> = cards
        .iter()
        .map(|(id, card, doc)| (*id, Entry::new(card, *doc)))
        .collect();
    let mut bytes = format!("tuoyuCompareChunk({k},").into_bytes();
    // Serialising plain data into memory cannot fail.
    let _ = serde_json::to_writer(&mut bytes, &map);
    bytes.extend_from_slice(b");\n");
    // JSON is a JavaScript expression. `<` only occurs inside strings, where \u003c means
    // the same: no editor's text can spell `</script` even if the file is ever inlined.
    if bytes.contains(&b'<') {
        let mut escaped = Vec::with_capacity(bytes.len() + 64);
        for &b in &bytes {
            match b {
                b'<' => escaped.extend_from_slice(b"\\u003c"),
                b => escaped.push(b),
            }
        }
        bytes = escaped;
    }
    OutputFile {
        path: chunk_path(k),
        bytes,
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

    fn full_card() -> Card {
        let text = |s: &str| Some(s.to_string());
        Card {
            id: "f-1".into(),
            name: "托育园<b>".into(),
            aliases: vec!["别名".into()],
            href: "institutions/f-1.html".into(),
            district_id: "shinan".into(),
            district: "市南区".into(),
            street: text("八大关街道"),
            address: text("路 1 号"),
            phone: text("0532-1"),
            tel: text("tel:0532-1"),
            cancelled: false,
            services: vec!["全日托"],
            ages: text("6–36个月"),
            capacity: Some(30),
            vacancies: Some(view::VacancyView {
                places: 3,
                as_of: "2024-06-01".into(),
                stale: true,
            }),
            fee: text("每月 1 元"),
            monthly_fee: None,
            classes: vec!["乳儿班"],
            badges: vec![view::Badge {
                class: "filed",
                label: "已备案".into(),
            }],
            filed_on: text("2020-01-01"),
            form: Some("家庭托育点"),
            status: Some("在营"),
            lat: Some(36.06),
            lng: Some(120.38),
        }
    }

    #[test]
    fn an_entry_is_the_card_as_a_sorted_json_object_without_capacity() {
        let card = full_card();
        let mut expected = serde_json::to_value(&card).unwrap_or_default();
        expected["capacity"] = serde_json::Value::Null;
        expected["doc"] = 7.into();
        let ours = serde_json::to_string(&Entry::new(&card, 7)).unwrap_or_default();
        assert_eq!(ours, expected.to_string());
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // The published FNV-1a test vectors (compare.js must agree).
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
    }
}
