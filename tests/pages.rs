//! `tuoyu build` on the valid-small fixture, page by page: institution pages (badges, tel:,
//! JSON-LD, Markdown), district pages grouped by street, the official lists, the home page,
//! Markdown pages and the sitemap.

mod common;

use common::{
    Tok, VALID_SMALL_IDS, built_fixture, element_text, json_ld_blocks, main_tokens, read_tree,
    text, tokenize,
};
use serde_json::Value;

const BASE: &str = "https://tuoyu.example.org/qingdao/";

/// Text of every element with class `badge` in a page's <main>.
fn badges(html: &str) -> Vec<String> {
    let toks = main_tokens(html);
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.has_class("badge") {
            out.push(element_text(&toks, k));
        }
    }
    out
}

/// The first badge group inside <main> (the page's own, before any lists).
fn first_badge_group(html: &str) -> Vec<String> {
    let toks = main_tokens(html);
    let Some(start) = toks.iter().position(|t| t.has_class("badges")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut depth = 0;
    for (k, t) in toks.iter().enumerate().skip(start) {
        match t {
            Tok::Start { name, .. } if name == "span" => {
                depth += 1;
                if t.has_class("badge") {
                    out.push(element_text(&toks, k));
                }
            }
            Tok::End(name) if name == "span" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn institution_pages_have_tel_link_badges_and_childcare_json_ld() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let sanli = text(&site, "institutions/chengyang-sanli.html");
    let tels: Vec<String> = tokenize(&sanli)
        .iter()
        .filter_map(|t| t.attr("href"))
        .filter(|h| h.starts_with("tel:"))
        .map(str::to_string)
        .collect();
    assert!(
        tels.iter().any(|t| t == "tel:0532-88886666"),
        "a tel: link dials the number without spaces: {tels:?}"
    );
    assert_eq!(
        first_badge_group(&sanli),
        ["已备案", "市级示范 2021", "普惠"]
    );

    let haibin = text(&site, "institutions/shinan-haibin.html");
    assert_eq!(
        first_badge_group(&haibin),
        ["已备案", "省级示范 2022", "托育点", "普惠"],
        "a merged institution shows every listing"
    );
    let gonghui = text(&site, "institutions/jiaozhou-gonghui.html");
    assert_eq!(first_badge_group(&gonghui), ["托育点", "免费"]);
    let yuanyuan = text(&site, "institutions/shinan-yuanyuan.html");
    assert!(
        first_badge_group(&yuanyuan)
            .iter()
            .any(|b| b.contains("暂停")),
        "a suspended institution says so: {:?}",
        badges(&yuanyuan)
    );

    for id in VALID_SMALL_IDS {
        let html = text(&site, &format!("institutions/{id}.html"));
        let blocks = json_ld_blocks(&html);
        assert_eq!(blocks.len(), 1, "{id}: one JSON-LD block");
        let v: Value = serde_json::from_str(&blocks[0])
            .unwrap_or_else(|e| panic!("{id}: JSON-LD does not parse: {e}\n{}", blocks[0]));
        assert_eq!(v["@type"], "ChildCare", "{id}");
        assert_eq!(v["url"], format!("{BASE}institutions/{id}.html"), "{id}");
    }
    let ld: Value = serde_json::from_str(&json_ld_blocks(&sanli)[0]).expect("json");
    insta::assert_snapshot!(
        "json_ld_chengyang_sanli",
        serde_json::to_string_pretty(&ld).expect("pretty")
    );
}

#[test]
fn institution_page_renders_description_markdown_and_details() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let html = text(&site, "institutions/chengyang-sanli.html");
    let main: String = common::text_of(&main_tokens(&html));
    for fact in [
        "城阳区正阳路 188 号",
        "6–36个月",
        "全日托、半日托、计时托",
        "每月1800元",
        "80 个",
        "青卫托备 2021-001",
        "青岛三利教育咨询有限公司",
        "2021-09-10",
        "抽查",
        "合格",
        "城阳区 2021 年托育机构备案名单",
        "2021-11-11",
    ] {
        assert!(main.contains(fact), "institution page lacks `{fact}`");
    }
    let toks = main_tokens(&html);
    assert!(
        toks.iter()
            .enumerate()
            .any(|(k, t)| t.is_start("strong") && element_text(&toks, k) == "城阳街道"),
        "**城阳街道** in the description is rendered as <strong>"
    );
    assert!(
        toks.iter().filter(|t| t.is_start("li")).count() >= 2,
        "the description's list is rendered"
    );
}

/// (heading, institution ids) for each heading inside <main> that has institution links under it.
fn street_groups(html: &str) -> Vec<(String, Vec<String>)> {
    let toks = main_tokens(html);
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.is_start("h2") {
            groups.push((element_text(&toks, k), Vec::new()));
        } else if let Some(g) = groups.last_mut() {
            for id in common::institution_links(std::slice::from_ref(t)) {
                if !g.1.contains(&id) {
                    g.1.push(id);
                }
            }
        }
    }
    groups.retain(|g| !g.1.is_empty());
    groups
}

#[test]
fn district_pages_group_institutions_by_street_in_districts_yaml_order() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let mut snap = String::new();
    for d in ["shinan", "chengyang", "jiaozhou"] {
        let groups = street_groups(&text(&site, &format!("districts/{d}.html")));
        snap.push_str(&format!("{d}:\n"));
        for (h, ids) in &groups {
            snap.push_str(&format!("  {h}: {}\n", ids.join(", ")));
        }
    }
    let shinan = street_groups(&text(&site, "districts/shinan.html"));
    assert_eq!(shinan.len(), 2, "{shinan:?}");
    assert!(
        shinan[0].0.starts_with("八大峡街道") && shinan[0].1 == ["shinan-haibin"],
        "{shinan:?}"
    );
    assert!(
        shinan[1].0.starts_with("中山路街道") && shinan[1].1 == ["shinan-yuanyuan"],
        "{shinan:?}"
    );
    let chengyang = street_groups(&text(&site, "districts/chengyang.html"));
    assert_eq!(chengyang.len(), 2, "{chengyang:?}");
    assert!(
        chengyang[0].0.starts_with("城阳街道") && chengyang[0].1 == ["chengyang-sanli"],
        "{chengyang:?}"
    );
    assert!(
        chengyang[1].0.starts_with("流亭街道") && chengyang[1].1 == ["chengyang-dongwang"],
        "{chengyang:?}"
    );
    // Institutions without a street come last, under their own heading.
    let jiaozhou = street_groups(&text(&site, "districts/jiaozhou.html"));
    assert_eq!(jiaozhou.len(), 2, "{jiaozhou:?}");
    assert!(
        jiaozhou[0].0.starts_with("三里河街道") && jiaozhou[0].1 == ["jiaozhou-gonghui"],
        "{jiaozhou:?}"
    );
    assert!(
        !jiaozhou[1].0.starts_with("三里河街道") && jiaozhou[1].1 == ["jiaozhou-xinxing"],
        "{jiaozhou:?}"
    );
    insta::assert_snapshot!("district_street_groups", snap);
}

#[test]
fn demonstration_list_is_grouped_by_level_then_year() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let groups = street_groups(&text(&site, "demonstration.html"));
    let got: Vec<(String, Vec<String>)> = groups.into_iter().collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].0.contains("省级") && got[0].0.contains("2022") && got[0].1 == ["shinan-haibin"],
        "{got:?}"
    );
    assert!(
        got[1].0.contains("市级") && got[1].0.contains("2021") && got[1].1 == ["chengyang-sanli"],
        "{got:?}"
    );
}

#[test]
fn official_lists_hold_exactly_their_kind() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let ids = |p: &str| {
        let mut v = common::institution_links(&main_tokens(&text(&site, p)));
        v.sort();
        v
    };
    assert_eq!(
        ids("filed.html"),
        [
            "chengyang-dongwang",
            "chengyang-sanli",
            "jiaozhou-xinxing",
            "shinan-haibin",
            "shinan-yuanyuan"
        ]
    );
    assert_eq!(
        ids("demonstration.html"),
        ["chengyang-sanli", "shinan-haibin"]
    );
    assert_eq!(ids("sites.html"), ["jiaozhou-gonghui", "shinan-haibin"]);
    // The lists are accessible tables.
    for p in ["filed.html", "demonstration.html", "sites.html"] {
        let toks = main_tokens(&text(&site, p));
        assert!(toks.iter().any(|t| t.is_start("table")), "{p} has a table");
        assert!(
            toks.iter()
                .any(|t| t.is_start("th") && t.attr("scope") == Some("col")),
            "{p} has column headers"
        );
    }
}

#[test]
fn home_page_counts_places_of_operating_institutions_only() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let main: String = main_tokens(&text(&site, "index.html"))
        .iter()
        .filter_map(|t| {
            if let Tok::Text(s) = t {
                Some(s.clone())
            } else {
                None
            }
        })
        .collect::<Vec<_>>()
        .join("|");
    // 80 + 40 + 25 + 30 + 20; 市南区园园托育 (12 places) is suspended (暂停).
    assert!(
        main.contains("|195|"),
        "city places 195 on the home page: {main}"
    );
    assert!(!main.contains("|207|"), "suspended places counted: {main}");
    // Six listed, of which five operate: the suspended one is counted apart.
    assert!(main.contains("|5|"), "5 operating institutions: {main}");
    assert!(
        main.contains("另有 1 家暂停服务"),
        "suspended shown apart: {main}"
    );
}

#[test]
fn markdown_pages_get_their_front_matter_title_and_a_menu_link() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let html = text(&site, "about.html");
    let toks = tokenize(&html);
    let title = toks
        .iter()
        .position(|t| t.is_start("title"))
        .map(|k| element_text(&toks, k))
        .unwrap_or_default();
    assert!(title.contains("关于本名录"), "{title}");
    let main = main_tokens(&html);
    assert!(
        main.iter()
            .enumerate()
            .any(|(k, t)| t.is_start("strong") && element_text(&main, k) == "已备案"),
        "Markdown body rendered"
    );
    // order: 1 puts the page in the menu of every page.
    let index = text(&site, "index.html");
    assert!(
        tokenize(&index)
            .iter()
            .any(|t| t.attr("href") == Some("about.html")),
        "home page links to about.html"
    );
    let inst = text(&site, "institutions/chengyang-sanli.html");
    assert!(
        tokenize(&inst)
            .iter()
            .any(|t| t.attr("href") == Some("../about.html")),
        "institution page links to ../about.html"
    );
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let tree = read_tree(&site);
    let xml = text(&site, "sitemap.xml");
    assert!(xml.starts_with("<?xml"), "{xml}");
    let locs: Vec<String> = xml
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap_or("").to_string())
        .collect();
    let mut listed: Vec<String> = locs
        .iter()
        .map(|l| {
            l.strip_prefix(BASE)
                .unwrap_or_else(|| panic!("sitemap URL {l} is not under {BASE}"))
                .to_string()
        })
        .collect();
    listed.sort();
    let mut pages: Vec<String> = tree
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .cloned()
        .collect();
    pages.sort();
    assert_eq!(
        listed, pages,
        "the sitemap lists every page but 404.html, once"
    );
    let robots = text(&site, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}
