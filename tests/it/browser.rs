//! The shipped Qingdao site in a real browser (headless Chromium via chromedriver): every
//! institution reachable by links without JavaScript, and the search of DESIGN.md "Search"
//! (docs/search-index.md): Chinese substrings, pinyin, initials, traditional characters,
//! filters (street on a district page), facet counts, URL state (reload, back), and `file://`
//! (at scale: tests/search_scale.rs).
//!
//! Every test is ignored by `cargo test` (it needs chromium and chromedriver) and, run, fails
//! without them; a build without its search index fails the search tests.

use std::collections::{BTreeSet, VecDeque};

use serde_json::Value;

use crate::common;
use crate::harness::search::{
    self, find_select, institutions, listed_on, mentions_count, settled_hits, type_query,
};
use crate::harness::server::Server;
use crate::harness::sites::institution_files;
use crate::harness::{self, DESKTOP, PHONE, eval, file_url, open, with_browser};

/// Crawl from `start` following only links (no script runs), within `root`; the pages seen.
async fn crawl(c: &fantoccini::Client, root: &str, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([start.to_string()]);
    seen.insert(start.to_string());
    while let Some(page) = queue.pop_front() {
        open(c, &format!("{root}{page}")).await;
        let links = eval(c, "return Array.from(document.links, a => a.href)").await;
        for href in links
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let Some(rel) = href.strip_prefix(root) else {
                continue;
            };
            let rel = common::percent_decode(rel.split(['#', '?']).next().unwrap_or(""));
            if rel.ends_with(".html") && seen.insert(rel.clone()) {
                queue.push_back(rel);
            }
        }
    }
    seen
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn without_javascript_every_institution_is_reachable_by_links() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    let expected = institution_files(&site);
    assert!(expected.len() > 20, "the Qingdao site has its institutions");
    with_browser(
        "without_javascript_every_institution_is_reachable_by_links",
        async |d| {
            let c = d.session(harness::Opts { js: false, ..PHONE }).await;
            open(&c, &server.url("index.html")).await;
            // site.js would unhide the large-text button: it stays hidden, so scripts are off.
            let hidden = eval(
                &c,
                "return document.getElementById('text-size-toggle').hidden",
            )
            .await;
            assert_eq!(hidden, Value::Bool(true), "JavaScript is really disabled");
            let roots = [server.url(""), format!("{}/", file_url(&site))];
            for root in roots {
                let pages = crawl(&c, &root, "index.html").await;
                let reached: BTreeSet<String> = pages
                    .iter()
                    .filter_map(|p| p.strip_prefix("institutions/")?.strip_suffix(".html"))
                    .map(str::to_string)
                    .collect();
                let unreached: Vec<_> = expected.difference(&reached).collect();
                assert!(
                    unreached.is_empty(),
                    "from {root}index.html, following links only, these institution pages cannot be \
                 reached: {unreached:?}"
                );
                assert_eq!(
                    reached, expected,
                    "links to institution pages that were not built"
                );
            }
            c.close().await.ok();
        },
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_finds_substrings_pinyin_initials_and_traditional() {
    let test = "search_finds_substrings_pinyin_initials_and_traditional";
    let (_tmp, site) = common::built_qingdao();
    search::assert_search_index_built(&site);
    let all = institutions(&site);
    let chengyang: BTreeSet<String> = all
        .iter()
        .filter(|i| i.district == "chengyang")
        .map(|i| i.id.clone())
        .collect();
    let cy_full_day: BTreeSet<String> = all
        .iter()
        .filter(|i| i.district == "chengyang" && i.services.iter().any(|s| s == "全日托"))
        .map(|i| i.id.clone())
        .collect();
    let name = |id: &str| all.iter().find(|i| i.id == id).map(|i| i.name.clone());
    let server = Server::start(&site);
    with_browser(test, async |d| {
        let c = d.session(PHONE).await;
        open(&c, &server.url("index.html")).await;
        let mut bad = Vec::new();
        for (q, first) in [
            ("三利", "chengyang-sanli"),
            ("东旺疃", "chengyang-dongwangtuan"),
            ("西后楼", "chengyang-xihoulou"),
            ("sanli", "chengyang-sanli"),
        ] {
            let h = type_query(&c, q).await;
            if h.ids.first().map(String::as_str) != Some(first) {
                bad.push(format!("{q}: expected {first} first, got {:?}", h.ids));
            }
            if !mentions_count(&h.live, h.ids.len()) {
                bad.push(format!(
                    "{q}: count line {:?} does not say {}",
                    h.live,
                    h.ids.len()
                ));
            }
        }
        // District names (chengyang, cy) and services (全日托) are filters, not text.
        for (q, want) in [
            ("chengyang", &chengyang),
            ("cy", &chengyang),
            ("城阳 全日托", &cy_full_day),
        ] {
            let h = type_query(&c, q).await;
            let got: BTreeSet<String> = h.ids.iter().cloned().collect();
            if &got != want || h.ids.len() != got.len() {
                bad.push(format!("{q}: expected exactly {want:?}, got {:?}", h.ids));
            }
        }
        // Traditional 託育 folds to 托育.
        let h = type_query(&c, "託育").await;
        let with_tuoyu: Vec<_> = h
            .ids
            .iter()
            .filter(|id| name(id).is_some_and(|n| n.contains("托育")))
            .collect();
        if with_tuoyu.is_empty() {
            bad.push(format!(
                "託育: no result whose name contains 托育: {:?}",
                h.ids
            ));
        }
        assert!(bad.is_empty(), "search misses:\n  {}", bad.join("\n  "));
        c.close().await.ok();
    });
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_filters_match_district_and_list_pages() {
    let test = "search_filters_match_district_and_list_pages";
    let (_tmp, site) = common::built_qingdao();
    search::assert_search_index_built(&site);
    let on_district: Vec<(String, BTreeSet<String>)> = common::html_files(&site)
        .iter()
        .filter_map(|p| Some((p.strip_prefix("districts/")?.strip_suffix(".html")?, p)))
        .map(|(d, p)| (d.to_string(), listed_on(&site, p)))
        .collect();
    let demonstration = listed_on(&site, "demonstration.html");
    let server = Server::start(&site);
    with_browser(test, async |d| {
        let c = d.session(DESKTOP).await;
        // Facet counts in the form before any query: each district option counts its pages' cards.
        open(&c, &server.url("index.html")).await;
        let options = search::district_options(&c).await;
        let mut bad = Vec::new();
        for (id, cards) in &on_district {
            let Some((_, label, n)) = options.iter().find(|(v, ..)| v == id) else {
                bad.push(format!("no district option for {id}"));
                continue;
            };
            if *n != Some(cards.len()) {
                bad.push(format!(
                    "option {label:?} but districts/{id}.html lists {}",
                    cards.len()
                ));
            }
        }
        // A filter-only search lists exactly the district page's institutions.
        find_select(&c, "district", "chengyang").await;
        search::submit(&c).await;
        search::wait_for_url(&c, "district=chengyang").await;
        let h = settled_hits(&c, None).await;
        let want = &on_district
            .iter()
            .find(|(d, _)| d == "chengyang")
            .expect("chengyang")
            .1;
        let got: BTreeSet<String> = h.ids.iter().cloned().collect();
        if &got != want {
            bad.push(format!(
                "district=chengyang lists {:?}, districts/chengyang.html {want:?}",
                h.ids
            ));
        }
        if !mentions_count(&h.live, want.len()) {
            bad.push(format!(
                "district=chengyang: count line {:?} does not say {}",
                h.live,
                want.len()
            ));
        }
        // On a district page, a street lists that street's institutions, as many as its
        // option says.
        open(&c, &server.url("districts/chengyang.html")).await;
        let streets = search::select_options(&c, "street").await;
        let Some((street, label, n)) = streets
            .iter()
            .find(|(v, _, n)| !v.is_empty() && *n > Some(1))
        else {
            panic!(
                "districts/chengyang.html has no street with two institutions or more: {streets:?}"
            );
        };
        let want: BTreeSet<String> = institutions(&site)
            .into_iter()
            .filter(|i| i.district == "chengyang" && i.street.as_deref() == Some(street.as_str()))
            .map(|i| i.id)
            .collect();
        find_select(&c, "street", street).await;
        search::submit(&c).await;
        search::wait_for_url(&c, "street=").await;
        let h = settled_hits(&c, None).await;
        let got: BTreeSet<String> = h.ids.iter().cloned().collect();
        if got != want || *n != Some(want.len()) {
            bad.push(format!(
                "street {label:?} lists {:?}; the data has {want:?}",
                h.ids
            ));
        }
        // kind=demonstration lists what demonstration.html lists.
        open(&c, &server.url("search.html?kind=demonstration")).await;
        let h = settled_hits(&c, None).await;
        let got: BTreeSet<String> = h.ids.iter().cloned().collect();
        if got != demonstration {
            bad.push(format!(
                "kind=demonstration lists {:?}, demonstration.html {demonstration:?}",
                h.ids
            ));
        }
        assert!(
            bad.is_empty(),
            "filters disagree with the pages:\n  {}",
            bad.join("\n  ")
        );
        c.close().await.ok();
    });
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_state_lives_in_the_url() {
    let test = "search_state_lives_in_the_url";
    let (_tmp, site) = common::built_qingdao();
    search::assert_search_index_built(&site);
    let server = Server::start(&site);
    with_browser(test, async |d| {
        let c = d.session(PHONE).await;
        open(&c, &server.url("search.html")).await;
        // Text plus filters: the URL holds all of them.
        find_select(&c, "district", "chengyang").await;
        find_select(&c, "service", "全日托").await;
        let first = type_query(&c, "托育班").await;
        assert!(
            !first.ids.is_empty(),
            "托育班 in 城阳区 with 全日托 finds something: {first:?}"
        );
        let url = harness::url_of(&c).await;
        let params = eval(
            &c,
            "return Object.fromEntries(new URLSearchParams(location.search))",
        )
        .await;
        for (k, v) in [
            ("q", "托育班"),
            ("district", "chengyang"),
            ("service", "全日托"),
        ] {
            assert_eq!(params[k].as_str(), Some(v), "the URL holds {k}={v}: {url}");
        }
        // Reload: the same results.
        c.refresh().await.expect("reload");
        let again = settled_hits(&c, Some("托育班")).await;
        assert_eq!(
            again.ids, first.ids,
            "reloading {url} shows the same results"
        );
        // A second query, then back: the first query's results.
        // (The filters stay set: 三利 is in 城阳区 and offers 全日托.)
        let second = type_query(&c, "三利").await;
        assert_eq!(
            second.ids,
            ["chengyang-sanli"],
            "三利 with the same filters"
        );
        assert_ne!(second.ids, first.ids, "托育班 finds more than 三利 does");
        c.back().await.expect("back");
        let back = settled_hits(&c, Some("托育班")).await;
        assert_eq!(
            back.ids, first.ids,
            "the back button returns to the previous results"
        );
        // A shared link opened in a fresh page.
        open(&c, &url).await;
        let shared = settled_hits(&c, Some("托育班")).await;
        assert_eq!(
            shared.ids, first.ids,
            "opening the shared URL shows the same results"
        );
        c.close().await.ok();
    });
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_works_from_file_urls() {
    let test = "search_works_from_file_urls";
    let (_tmp, site) = common::built_qingdao();
    search::assert_search_index_built(&site);
    with_browser(test, async |d| {
        let c = d.session(PHONE).await;
        for page in ["index.html", "search.html"] {
            let url = format!("{}?q=%E4%B8%89%E5%88%A9", file_url(&site.join(page)));
            open(&c, &url).await;
            let h = settled_hits(&c, Some("三利")).await;
            assert_eq!(
                h.ids.first().map(String::as_str),
                Some("chengyang-sanli"),
                "{url} (三利) shows 三利集团职工托育班 first: {h:?}"
            );
        }
        // Typing works from disk too.
        let h = type_query(&c, "东旺疃").await;
        assert_eq!(
            h.ids.first().map(String::as_str),
            Some("chengyang-dongwangtuan"),
            "{h:?}"
        );
        c.close().await.ok();
    });
}
