//! Rust ↔ JavaScript agreement of the search index (docs/search-index.md): the index side
//! (src/render/search/) writes what it computes for a list of names — normalised text, terms,
//! shards, exact-name keys, pinyin, postings, street codes, cards and their badges — with
//! the meta of the shipped Qingdao site into a vector file, and `node --test tests/js/`
//! checks search.js against it (tests/js/agreement.test.js; the other files there test the
//! client's pure functions alone).
//!
//! Self-contained (no tests/common helpers). Needs `node` on PATH: its absence is a failure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use pinyin::ToPinyin;
use serde_json::{Value, json};
use tuoyu::model::enums::{Service, ZhEnum};
use tuoyu::model::{Institution, Site, Status};
use tuoyu::render::search::encode::{b64, postings, shard_hash};
use tuoyu::render::search::format::{self, FACETS, STATUSES};
use tuoyu::render::search::groups::Groups;
use tuoyu::render::search::terms::{Heavy, exact_base, run_keys, shard_of};
use tuoyu::render::search::text::{TermBuf, Terms, is_cjk, normalise, pinyin_and_initials};
use tuoyu::render::search::{self, fold};

/// Names beyond the shipped ones: long runs with heavy pairs, mixed scripts, full-width
/// text, white space, single characters, ü in pinyin.
const EXTRA_NAMES: &[&str] = &[
    "虚构·树安贝托育中心",
    "阳光宝贝",
    "城阳cy托育",
    "ABC托育188号",
    "ＡＢＣ托育　中心",
    "三利",
    "托",
    "小时托服务站",
    "绿洲女子托育园",
    "略阳路托育点",
    "三利 集团 托育班",
];

/// Heavy terms and a shard count for a second plan, so that the key choice around heavy
/// terms is checked whatever the shipped data makes heavy.
const HEAVY: &[&str] = &[
    "托育", "育中", "中心", "托", "育", "阳光", "光宝", "宝贝", "树安",
];
const HEAVY_SHARDS: u32 = 1500;
/// ASCII prefixes split further in that plan (as at 100,000 records), so that the groups of
/// pinyin, initials and words are checked beyond the shipped data's.
const HEAVY_SPLIT: &[&str] = &[
    "c", "ch", "che", "cheng", "s", "sa", "t", "tu", "tuo", "y", "yu",
];

/// Traditional and variant spellings a citizen may type.
const TRADITIONAL: &[&str] = &["託育中心", "臺東區託兒所", "嶗山區", "城陽區"];

/// Text for the normalisation check.
const NORMALISE: &[&str] = &["ＡＢＣ　小时托", "Sanli 三利", "计时托", "ｃｙ１２３"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_site() -> Site {
    let checked = tuoyu::pipeline::check(&repo().join("content")).expect("content/ loads");
    checked.site.expect("the shipped content has no errors")
}

/// The JSON of an index file `tuoyuSearch("key",<json>);`.
fn file_json(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    let start = text.find(',').map_or(0, |i| i + 1);
    let end = text.rfind(')').unwrap_or(text.len());
    serde_json::from_str(&text[start..end]).expect("index file holds JSON")
}

fn name_terms(name: &str) -> Vec<String> {
    let mut buf = TermBuf::default();
    let mut t = Terms { out: &mut buf };
    t.grams(name);
    t.prefix(name);
    t.pinyin(name);
    buf.sort_dedup();
    buf.iter().map(String::from).collect()
}

/// What the index side makes of one name, under a heavy list and a shard count.
fn name_vector(name: &str, heavy: &Heavy, groups: &Groups, shards: u32) -> Value {
    let terms = name_terms(name);
    let shard: BTreeMap<&str, u32> = terms
        .iter()
        .map(|t| (t.as_str(), shard_of(t, heavy, groups) % shards))
        .collect();
    let hash: BTreeMap<&str, u32> = terms.iter().map(|t| (t.as_str(), shard_hash(t))).collect();
    let normalised = normalise(name);
    let (py, ini) = pinyin_and_initials(&normalised);
    // As Terms::pinyin spells them.
    let syllables: Vec<&str> = normalised
        .chars()
        .filter(|c| is_cjk(*c))
        .filter_map(|c| c.to_pinyin())
        .map(|p| p.plain())
        .collect();
    json!({
        "name": name,
        "normalised": normalised,
        "terms": terms,
        "shard": shard,
        "hash": hash,
        "exactBase": exact_base(normalised.trim(), heavy),
        "keys": run_keys(&normalised, heavy),
        "pinyin": py,
        "initials": ini,
        "syllables": syllables,
    })
}

fn names(site: &Site) -> Vec<String> {
    let mut out: Vec<String> = site.institutions.iter().map(|i| i.name.clone()).collect();
    out.extend(EXTRA_NAMES.iter().map(|s| s.to_string()));
    out
}

fn plan(site: &Site, meta: &Value, heavy: &Heavy, split: &[&str], shards: u32) -> Value {
    let groups = Groups::new(split.iter().copied());
    let list: Vec<Value> = names(site)
        .iter()
        .map(|n| name_vector(n, heavy, &groups, shards))
        .collect();
    json!({
        "heavy": heavy.iter().copied().collect::<Vec<_>>().join(" "),
        "split": split.join(" "),
        "shards": shards,
        "fold": meta["fold"],
        "names": list,
    })
}

/// An institution's card, and what the site's own list pages show of it (render::view),
/// spelt as the client's `card()` gives it.
fn card_vector(site: &Site, i: &Institution) -> Value {
    let v = tuoyu::render::view::card(site, i);
    let badges: Vec<Value> = v.badges.iter().map(|b| json!([b.class, b.label])).collect();
    let area: Vec<&str> = [Some(v.district.as_str()), v.street.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let services: Vec<&str> = Service::ALL
        .iter()
        .map(|s| s.as_str())
        .filter(|s| v.services.contains(s))
        .collect();
    let shown = json!({
        "id": v.id,
        "name": v.name,
        "area": area.join(" · "),
        "address": v.address.unwrap_or_default(),
        "phone": v.phone.unwrap_or_default(),
        "tel": v.tel.unwrap_or_default(),
        // The card's bit set gives services in the standard order, whatever the record's.
        "services": services.join("、"),
        "ages": v.ages.unwrap_or_default(),
        "capacity": v.capacity.map(|c| format!("{c} 个")).unwrap_or_default(),
        "fee": v.fee.unwrap_or_default(),
        "vacancies": i.vacancies.as_ref().map(|x| format!("{} 个", x.places)).unwrap_or_default(),
        "monthlyFee": i.monthly_fee,
        "pos": i.location.as_ref().map(|l| json!({"lat": l.lat, "lng": l.lng})),
        "badges": badges,
    });
    json!({ "card": format::card(i), "shown": shown })
}

/// The shipped institutions, and variants of them in every status and facet.
fn cards(site: &Site) -> Vec<Value> {
    let mut out: Vec<Value> = site
        .institutions
        .iter()
        .map(|i| card_vector(site, i))
        .collect();
    let filed = site.institutions.iter().find(|i| i.filed.is_some());
    for status in [Status::Suspended, Status::Closed] {
        let Some(mut i) = filed.cloned() else {
            continue;
        };
        if let Some(f) = i.filed.as_mut() {
            f.status = status;
            f.inclusive = Some(true);
        }
        i.fee = Some("免费".into());
        out.push(card_vector(site, &i));
    }
    // 空余托位 and a monthly fee (the shipped content states none of either).
    if let Some(mut i) = filed.cloned() {
        i.vacancies = Some(tuoyu::model::Vacancies {
            places: 3,
            as_of: jiff::civil::date(2026, 11, 1),
        });
        i.monthly_fee = Some(1800);
        out.push(card_vector(site, &i));
    }
    out
}

/// Document number → id, from the cards that term shards carry; and each doc chunk's ids.
fn documents(index: &search::SearchIndex) -> (BTreeMap<u32, String>, BTreeMap<String, Value>) {
    let id = format::CARD.iter().position(|(name, _)| *name == "id");
    let id = id.expect("cards have an id");
    let (mut docs, mut chunks) = (BTreeMap::new(), BTreeMap::new());
    for (path, bytes) in &index.files {
        let key = path.trim_start_matches("search/").split('.').next();
        let Some(key) = key else { continue };
        let json = file_json(bytes);
        if key.starts_with('t') {
            for (d, card) in json["c"].as_object().into_iter().flatten() {
                if let (Ok(d), Some(doc_id)) = (d.parse(), card[id].as_str()) {
                    docs.insert(d, doc_id.to_string());
                }
            }
        } else if let Some(k) = key.strip_prefix('d') {
            let ids: Vec<Value> = json
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| c[id].clone())
                .collect();
            chunks.insert(k.to_string(), json!(ids));
        }
    }
    (docs, chunks)
}

fn postings_vectors() -> Vec<Value> {
    let lists: [(Vec<u32>, usize); 5] = [
        (vec![], 10),
        (vec![3, 4, 14, 50], 100),
        ((0..12).collect(), 12),
        ((0..60).filter(|d| d % 7 != 0).collect(), 60),
        ((0..1000).filter(|d| d % 3 == 0).collect(), 1000),
    ];
    lists
        .iter()
        .map(|(docs, n)| json!({"docs": docs, "n": n, "encoded": postings(docs, *n)}))
        .collect()
}

fn vectors(site: &Site) -> Value {
    let index = search::build(site);
    let meta_file = index.files.iter().find(|(p, _)| *p == index.meta_path);
    let meta = file_json(&meta_file.expect("the index has its meta file").1);
    let shipped_heavy: Vec<&str> = meta["heavy"].as_str().unwrap_or("").split(' ').collect();
    let shipped_heavy: Heavy = shipped_heavy
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let shipped_split: Vec<&str> = meta["split"]
        .as_str()
        .unwrap_or("")
        .split(' ')
        .filter(|t| !t.is_empty())
        .collect();
    let shards = meta["shards"]
        .as_u64()
        .and_then(|s| u32::try_from(s).ok())
        .unwrap_or(1);
    let t2s = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
        .expect("OpenCC t2s");
    let (docs, chunks) = documents(&index);
    let streets: Vec<Value> = [0u32, 1, 63, 64, 100, 4094, 4095]
        .iter()
        .map(|c| json!({"code": c, "text": format!("{}{}", b64(c >> 6), b64(c & 63))}))
        .collect();
    json!({
        "meta": meta,
        "facets": FACETS.iter().map(|f| json!({"name": f.name, "label": f.label, "words": f.words})).collect::<Vec<_>>(),
        "statuses": STATUSES.iter().map(|s| s.name).collect::<Vec<_>>(),
        "page": format::PAGE,
        "docSize": format::DOC_CHUNK,
        "plans": [
            plan(site, &meta, &shipped_heavy, &shipped_split, shards),
            plan(site, &meta, &HEAVY.iter().copied().collect(), HEAVY_SPLIT, HEAVY_SHARDS),
        ],
        "fold": TRADITIONAL.iter().map(|s| json!({"input": s, "output": t2s.convert(s)})).collect::<Vec<_>>(),
        "foldTable": fold::table(site),
        "normalise": NORMALISE.iter().map(|s| json!({"input": s, "output": normalise(s)})).collect::<Vec<_>>(),
        "postings": postings_vectors(),
        "streets": streets,
        "cards": cards(site),
        "docs": docs,
        "chunks": chunks,
    })
}

fn node_output(out: &std::process::Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run_node(vectors: &Path) -> std::process::Output {
    let js = repo().join("tests/js");
    let run = Command::new("node")
        .arg("--test")
        .arg(&js)
        .env("TUOYU_SEARCH_VECTORS", vectors)
        .current_dir(repo())
        .output();
    match run {
        Ok(out) => out,
        Err(e) => panic!(
            "`node` is needed for the search client's tests (tests/js/) and was not found: {e}"
        ),
    }
}

#[test]
fn search_js_agrees_with_the_index_and_passes_its_node_tests() {
    let site = shipped_site();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("search-vectors.json");
    let json = serde_json::to_string(&vectors(&site)).expect("vectors serialise");
    std::fs::write(&path, json).expect("write the vector file");
    let out = run_node(&path);
    let text = node_output(&out);
    assert!(
        out.status.success(),
        "node --test tests/js/ failed:\n{text}"
    );
    // The agreement file really ran against the vectors (it skips without them).
    assert!(
        text.contains("agreement: vectors read"),
        "agreement tests did not run:\n{text}"
    );
}
