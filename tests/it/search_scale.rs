//! Search at scale in a real browser (headless Chromium via chromedriver): 2,000 synthetic
//! records (examples/synth/) and 400 more whose names share every pair of characters,
//! built into a temp dir. Exact names come first whatever the index keeps beside a term, and
//! the counts of a common term, a service and an age agree with data/institutions.json.
//!
//! Both tests are ignored by `cargo test` (they need chromium and chromedriver) and, run,
//! fail without them.

use std::collections::BTreeSet;

use crate::harness::search::{
    self, Inst, institutions, mentions_count, settled_hits, synth_binary, type_query,
};
use crate::harness::server::Server;
use crate::harness::sites::build_content;
use crate::harness::{DESKTOP, PHONE, open, with_browser};

/// `n` synthetic records, and 400 more named with eight of the four characters 阳光宝贝
/// (every pair of characters in those names is in over 100 of them), built into a temp
/// dir: the site folder.
fn synthetic_site(n: usize) -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("content");
    let synth = synth_binary(tmp.path());
    let run = std::process::Command::new(&synth)
        .arg(n.to_string())
        .arg(&content)
        .output()
        .expect("synth runs");
    assert!(
        run.status.success(),
        "synth failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let alike: String = (0..ALIKE)
        .map(|k| {
            format!(
                "- id: \"f-alike-{k:03}\"\n  name: \"{}\"\n  district: \"licang\"\n  street: \"振华路街道\"\n  address: \"李沧区振华路街道柳平一路{k}号\"\n  filed_on: 2022-06-28\n  ownership: \"公办民营\"\n  profit: \"营利性\"\n  form: \"社区嵌入式\"\n  inclusive: true\n  status: \"在营\"\n",
                alike_name(k)
            )
        })
        .collect();
    std::fs::write(content.join("filed/alike.yaml"), alike).expect("write alike.yaml");
    let (out, site) = build_content(&content);
    (tmp, out, site)
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_finds_a_name_among_2000_synthetic_records() {
    let test = "search_finds_a_name_among_2000_synthetic_records";
    let (_tmp, _out, site) = synthetic_site(2000);
    search::assert_search_index_built(&site);
    let all = institutions(&site);
    assert!(
        all.len() > 1500,
        "2,000 records make {} institutions",
        all.len()
    );
    // Names the corpus holds once, from the middle and the end of the display order, and
    // one whose every pair of characters is in over 100 names (the index keeps the cards of
    // only the first few of those, so the exact-name postings must put it first).
    let unique: Vec<&Inst> = all
        .iter()
        .filter(|i| all.iter().filter(|j| j.name == i.name).count() == 1)
        .collect();
    // One that is among the first 20 results of neither its first pair of characters (over
    // 20 names start with that pair and come before it) nor its last (over 20 names start
    // with that one), the two pairs a search for it looks up.
    let mut alike: Vec<&Inst> = all
        .iter()
        .filter(|i| i.id.starts_with("f-alike-"))
        .collect();
    // In display order (district, then id: they share their district).
    alike.sort_by(|a, b| a.id.cmp(&b.id));
    let pair = |i: &Inst, at: usize| i.name.chars().skip(at).take(2).collect::<String>();
    let starting = |p: &str| alike.iter().filter(|i| i.name.starts_with(p)).count();
    let alike = *alike
        .iter()
        .enumerate()
        .filter(|(k, i)| {
            let (first, last) = (pair(i, 0), pair(i, 6));
            let before = alike[..*k]
                .iter()
                .filter(|j| j.name.starts_with(&first))
                .count();
            first != last && before > 20 && starting(&last) > 20
        })
        .map(|(_, i)| i)
        .next_back()
        .expect("an alike name past the first results of its pairs");
    let picks = [unique[unique.len() / 2], unique[unique.len() - 1], alike];
    let server = Server::start(&site);
    with_browser(test, async |d| {
        let c = d.session(PHONE).await;
        open(&c, &server.url("index.html")).await;
        for inst in picks {
            let h = type_query(&c, &inst.name).await;
            assert_eq!(
                h.ids.first(),
                Some(&inst.id),
                "searching the exact name {} puts {} first; got {:?}",
                inst.name,
                inst.id,
                &h.ids[..h.ids.len().min(10)]
            );
        }
        c.close().await.ok();
    });
}

const ALIKE: usize = 400;

/// The `k`th of [`ALIKE`] distinct names of eight characters from 阳光宝贝 (k in base 4,
/// spread by an odd multiplier so that neighbours differ early).
fn alike_name(k: usize) -> String {
    let mut v = (k * 40_503) % 65_536;
    (0..8)
        .map(|_| {
            let c = ['阳', '光', '宝', '贝'][v % 4];
            v /= 4;
            c
        })
        .collect()
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_counts_match_the_data_among_2000_synthetic_records() {
    let test = "search_counts_match_the_data_among_2000_synthetic_records";
    let (_tmp, _out, site) = synthetic_site(2000);
    search::assert_search_index_built(&site);
    let all = institutions(&site);
    // The most common pair of characters in names (far more than a page of results).
    let mut pairs: std::collections::HashMap<String, usize> = Default::default();
    for i in &all {
        let chars: Vec<char> = i.name.chars().collect();
        let mut seen = BTreeSet::new();
        for w in chars.windows(2).filter(|w| w.iter().all(|c| *c != '·')) {
            if seen.insert(w.iter().collect::<String>()) {
                *pairs.entry(w.iter().collect()).or_default() += 1;
            }
        }
    }
    let (pair, _) = pairs
        .into_iter()
        .max_by_key(|(p, n)| (*n, p.clone()))
        .expect("names");
    let in_name = all.iter().filter(|i| i.name.contains(&pair)).count();
    let anywhere = all
        .iter()
        .filter(|i| i.name.contains(&pair) || i.other.iter().any(|f| f.contains(&pair)))
        .count();
    let full_day = |i: &&Inst| i.services.iter().any(|s| s == "全日托");
    let services = all.iter().filter(full_day).count();
    let age_30 = all
        .iter()
        .filter(full_day)
        .filter(|i| i.ages.is_none_or(|(lo, hi)| lo <= 30 && 30 <= hi))
        .count();
    // The largest district's first page of full-day care, in display order (by id within
    // the district): its documents run over more than one doc chunk.
    let largest = all
        .iter()
        .map(|i| &i.district)
        .max_by_key(|d| all.iter().filter(|i| &i.district == *d).count())
        .expect("a district")
        .clone();
    let mut in_largest: Vec<&Inst> = all
        .iter()
        .filter(|i| i.district == largest)
        .filter(full_day)
        .collect();
    in_largest.sort_by(|a, b| a.id.cmp(&b.id));
    let largest_page: Vec<String> = in_largest.iter().take(20).map(|i| i.id.clone()).collect();
    let name_of = |id: &str| all.iter().find(|i| i.id == id).map(|i| i.name.clone());
    let server = Server::start(&site);
    with_browser(test, async |d| {
        let c = d.session(DESKTOP).await;
        open(&c, &server.url("index.html")).await;
        let mut bad = Vec::new();
        let h = type_query(&c, &pair).await;
        if !mentions_count(&h.live, anywhere) {
            bad.push(format!(
                "{pair}: count line {:?}, the data has {anywhere}",
                h.live
            ));
        }
        let shown_names = h.ids.iter().filter_map(|id| name_of(id));
        let first_page = shown_names.take(in_name.min(20)).collect::<Vec<_>>();
        if first_page.len() < in_name.min(20) || !first_page.iter().all(|n| n.contains(&pair)) {
            bad.push(format!(
                "{pair}: name matches come first, got {first_page:?}"
            ));
        }
        for (url, want) in [
            ("search.html?q=%E5%85%A8%E6%97%A5%E6%89%98", services),
            (
                "search.html?service=%E5%85%A8%E6%97%A5%E6%89%98&age=30",
                age_30,
            ),
        ] {
            open(&c, &server.url(url)).await;
            let h = settled_hits(&c, None).await;
            if !mentions_count(&h.live, want) {
                bad.push(format!(
                    "{url}: count line {:?}, the data has {want}",
                    h.live
                ));
            }
        }
        let url = format!("search.html?district={largest}&service=%E5%85%A8%E6%97%A5%E6%89%98");
        open(&c, &server.url(&url)).await;
        let h = settled_hits(&c, None).await;
        if h.ids != largest_page || !mentions_count(&h.live, in_largest.len()) {
            bad.push(format!(
                "{url}: shows {:?} ({:?}); the data's first page is {largest_page:?} of {}",
                h.ids,
                h.live,
                in_largest.len()
            ));
        }
        assert!(
            bad.is_empty(),
            "search disagrees with the data:\n  {}",
            bad.join("\n  ")
        );
        c.close().await.ok();
    });
}
