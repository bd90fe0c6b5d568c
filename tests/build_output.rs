//! `tuoyu build` on the valid-small fixture: the files of DESIGN.md "Pages", links that
//! work from any sub-path and from disk, deterministic bytes, atomic output, and the
//! content of the key pages.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{
    Tok, build_fixture, built_fixture, check_links, element_text, format_bad_links, json_ld_blocks,
    main_tokens, read_tree, text, tokenize, tree_diff,
};
use serde_json::Value;

const BASE: &str = "https://tuoyu.example.org/qingdao/";

const INSTITUTIONS: &[&str] = &[
    "chengyang-dongwang",
    "chengyang-sanli",
    "jiaozhou-gonghui",
    "jiaozhou-xinxing",
    "shinan-haibin",
    "shinan-yuanyuan",
];

#[test]
fn writes_every_page_type_and_data_file() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let mut expected: Vec<String> = [
        "index.html",
        "filed.html",
        "demonstration.html",
        "sites.html",
        "stats.html",
        "about.html",
        "data/institutions.json",
        "data/institutions.csv",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "assets/style.css",
        "districts/shinan.html",
        "districts/chengyang.html",
        "districts/jiaozhou.html",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    expected.extend(
        INSTITUTIONS
            .iter()
            .map(|id| format!("institutions/{id}.html")),
    );
    let missing: Vec<&String> = expected
        .iter()
        .filter(|p| !site.join(p).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "missing output files: {missing:?}\nbuilt: {:?}",
        read_tree(&site).keys().collect::<Vec<_>>()
    );
    // One page per institution, not per record: shinan-haibin is listed in three kinds.
    let pages: Vec<String> = read_tree(&site)
        .into_keys()
        .filter(|p| p.starts_with("institutions/"))
        .collect();
    assert_eq!(pages.len(), INSTITUTIONS.len(), "{pages:?}");
}

#[test]
fn csv_starts_with_a_utf8_bom_and_lists_every_institution() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let bytes = std::fs::read(site.join("data/institutions.csv")).expect("csv");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "CSV must start with a UTF-8 BOM, starts with {:?}",
        &bytes[..bytes.len().min(8)]
    );
    let body = std::str::from_utf8(&bytes[3..]).expect("UTF-8 CSV");
    assert!(!body.starts_with('\u{feff}'), "exactly one BOM");
    let header_line = body.lines().next().unwrap_or("");
    insta::assert_snapshot!("csv_header", header_line);

    let table = common::Csv::parse(body.as_bytes());
    let (rows, col) = (&table.rows, |n: &str| table.col(n));
    let mut ids: Vec<&str> = rows.iter().map(|r| &r[col("id")]).collect();
    ids.sort();
    assert_eq!(ids, INSTITUTIONS, "one row per institution");
    let haibin = table.row("shinan-haibin");
    assert_eq!(&haibin[col("已备案")], "是");
    assert_eq!(&haibin[col("示范级别")], "省级");
    assert_eq!(&haibin[col("示范年份")], "2022");
    assert_eq!(&haibin[col("托育点")], "是");
    assert_eq!(
        &haibin[col("页面")],
        format!("{BASE}institutions/shinan-haibin.html")
    );
    let sanli = table.row("chengyang-sanli");
    assert_eq!(
        &sanli[col("服务类型")],
        "全日托、半日托、计时托",
        "小时托 is read as 计时托"
    );
    assert_eq!(&sanli[col("电话")], "0532-8888 6666");
}

#[test]
fn json_export_holds_merged_institutions() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let v: Value =
        serde_json::from_str(&text(&site, "data/institutions.json")).expect("valid JSON");
    let list = v["institutions"].as_array().expect("institutions array");
    let mut ids: Vec<&str> = list.iter().map(|i| i["id"].as_str().expect("id")).collect();
    ids.sort();
    assert_eq!(ids, INSTITUTIONS);
    let get = |id: &str| {
        list.iter()
            .find(|i| i["id"] == id)
            .expect("institution")
            .clone()
    };
    let haibin = get("shinan-haibin");
    for listing in ["filed", "demonstration", "site"] {
        assert!(
            haibin[listing].is_object(),
            "shinan-haibin merges its {listing} listing: {haibin:#}"
        );
    }
    assert_eq!(haibin["demonstration"]["level"], "省级");
    let sanli = get("chengyang-sanli");
    assert_eq!(
        sanli["services"],
        serde_json::json!(["全日托", "半日托", "计时托"])
    );
    assert_eq!(sanli["demonstration"]["year"], 2021);
    assert!(get("jiaozhou-gonghui")["filed"].is_null());
}

#[test]
fn single_record_files_and_list_files_both_become_institutions() {
    let (_tmp, site) = built_fixture("single-and-list", &[]);
    let v: Value =
        serde_json::from_str(&text(&site, "data/institutions.json")).expect("valid JSON");
    let mut ids: Vec<&str> = v["institutions"]
        .as_array()
        .expect("array")
        .iter()
        .map(|i| i["id"].as_str().expect("id"))
        .collect();
    ids.sort();
    assert_eq!(ids, ["chengyang-c", "shinan-a", "shinan-b"]);
    for id in ids {
        assert!(site.join(format!("institutions/{id}.html")).is_file());
    }
}

#[test]
fn bom_crlf_content_builds_with_clean_text() {
    let (_tmp, site) = built_fixture("bom-crlf", &[]);
    let html = text(&site, "institutions/shinan-a.html");
    assert!(html.contains("甲托育园"));
    assert!(
        !html.contains('\u{feff}'),
        "the BOM must not leak into pages"
    );
    let json = text(&site, "data/institutions.json");
    assert!(
        !json.contains("\\r"),
        "CRLF line ends must not leak into text fields: {json}"
    );
    assert!(!json.contains('\u{feff}'));
}

/// Rules: every href/src/action in every HTML file is relative (no leading `/`), never an
/// absolute URL into the site except canonical links, names a file (never a folder), and
/// resolves to a file that exists in the output. External http(s), mailto: and tel: are
/// left alone; fragments and queries are stripped before resolving.
#[test]
fn every_internal_link_is_relative_names_a_file_and_resolves() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let tree = read_tree(&site);
    let bad = check_links(&tree, BASE, false);
    assert!(
        bad.is_empty(),
        "{} broken link(s):\n{}",
        bad.len(),
        format_bad_links(&bad)
    );
    // The checker saw real links: every institution page is reachable from a district page.
    let linked: usize = [
        "districts/shinan.html",
        "districts/chengyang.html",
        "districts/jiaozhou.html",
    ]
    .iter()
    .map(|p| common::institution_links(&main_tokens(&text(&site, p))).len())
    .sum();
    assert_eq!(linked, INSTITUTIONS.len());
}

#[test]
fn links_hold_in_unminified_output_too() {
    let (_tmp, site) = built_fixture("valid-small", &["--no-minify"]);
    let bad = check_links(&read_tree(&site), BASE, false);
    assert!(
        bad.is_empty(),
        "{} broken link(s):\n{}",
        bad.len(),
        format_bad_links(&bad)
    );
}

#[test]
fn fragment_links_point_at_existing_ids() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let bad: Vec<_> = check_links(&read_tree(&site), BASE, true)
        .into_iter()
        .filter(|b| b.why.starts_with("no element"))
        .collect();
    assert!(
        bad.is_empty(),
        "{} link(s) to missing anchors:\n{}",
        bad.len(),
        format_bad_links(&bad)
    );
}

#[test]
fn canonical_links_are_absolute_under_base_url() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    for (path, bytes) in read_tree(&site)
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && *p != "404.html")
    {
        let html = String::from_utf8_lossy(bytes);
        let canon: Vec<String> = tokenize(&html)
            .iter()
            .filter(|t| t.is_start("link") && t.attr("rel") == Some("canonical"))
            .filter_map(|t| t.attr("href").map(str::to_string))
            .collect();
        assert_eq!(canon, [format!("{BASE}{path}")], "{path}");
    }
}

#[test]
fn every_page_declares_zh_cn() {
    let (_tmp, site) = built_fixture("valid-small", &[]);
    for (path, bytes) in read_tree(&site)
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let html = String::from_utf8_lossy(bytes);
        let lang = tokenize(&html)
            .iter()
            .find(|t| t.is_start("html"))
            .and_then(|t| t.attr("lang").map(str::to_string));
        assert_eq!(lang.as_deref(), Some("zh-CN"), "{path}");
    }
}

#[test]
fn two_builds_of_the_same_content_are_byte_identical() {
    let (_a, first) = built_fixture("valid-small", &[]);
    let (_b, second) = built_fixture("valid-small", &[]);
    let diff = tree_diff(&read_tree(&first), &read_tree(&second));
    assert!(diff.is_empty(), "builds differ:\n{}", diff.join("\n"));
}

/// The same content folder, named relatively or absolutely, gives the same site: build
/// machine paths must not leak into published pages.
#[test]
fn output_does_not_depend_on_how_the_content_path_is_spelled() {
    let (_a, relative) = built_fixture("valid-small", &[]);
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let abs_content = common::fixtures().join("valid-small");
    let run = common::tuoyu(
        tmp.path(),
        &[
            "build",
            "--content",
            abs_content.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.describe());
    let (a, b) = (read_tree(&relative), read_tree(&out));
    let diff = tree_diff(&a, &b);
    let leaked: Vec<&String> = b
        .iter()
        .filter(|(_, v)| {
            String::from_utf8_lossy(v).contains(common::fixtures().to_string_lossy().as_ref())
        })
        .map(|(k, _)| k)
        .collect();
    assert!(
        diff.is_empty(),
        "output depends on the --content spelling:\n{}\nfiles holding the build machine's path: {leaked:?}",
        diff.join("\n")
    );
}

#[test]
fn a_build_with_content_errors_leaves_the_existing_output_untouched() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let run = build_fixture("valid-small", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.describe());
    let before = read_tree(&out);
    assert!(before.contains_key("index.html"));

    let broken = common::copy_fixture("valid-small", tmp.path(), "broken");
    std::fs::write(
        broken.join("filed/zz-broken.yaml"),
        "id: shinan-zz\nname: 坏记录\ndistrict: laoshan\naddress: x\nfiled_on: 2021-02-30\n",
    )
    .expect("write");
    let run = common::tuoyu(
        tmp.path(),
        &[
            "build",
            "--content",
            "broken",
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.describe());
    assert!(
        run.stderr.contains("broken/filed/zz-broken.yaml:3:11"),
        "the build reports the problem: {}",
        run.describe()
    );

    let diff = tree_diff(&before, &read_tree(&out));
    assert!(
        diff.is_empty(),
        "a failed build changed the published site:\n{}",
        diff.join("\n")
    );
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "public" && n != "broken")
        .collect();
    assert!(
        leftovers.is_empty(),
        "a failed build left files behind: {leftovers:?}"
    );
}

#[test]
fn a_build_that_fails_while_rendering_leaves_the_existing_output_untouched() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let content = common::copy_fixture("valid-small", tmp.path(), "content");
    let run = common::tuoyu(
        tmp.path(),
        &["build", "--out", out.to_str().expect("utf-8")],
    );
    assert_eq!(run.code, 0, "{}", run.describe());
    let before = read_tree(&out);

    // A site theme whose institution template fails at render time, after the staging
    // folder has been filled with other pages.
    let site_yaml = std::fs::read_to_string(content.join("site.yaml")).expect("site.yaml");
    std::fs::write(
        content.join("site.yaml"),
        format!("{site_yaml}theme: broken\n"),
    )
    .expect("write");
    let templates = tmp.path().join("themes/broken/templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(templates.join("institution.html"), "{% extends \"base.html\" %}{% block content %}{{ no_such_variable.field }}{% endblock content %}").expect("write");
    let run = common::tuoyu(
        tmp.path(),
        &["build", "--out", out.to_str().expect("utf-8")],
    );
    assert_ne!(
        run.code,
        0,
        "a template error must fail the build: {}",
        run.describe()
    );

    let diff = tree_diff(&before, &read_tree(&out));
    assert!(
        diff.is_empty(),
        "a failed build changed the published site:\n{}",
        diff.join("\n")
    );
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !matches!(n.as_str(), "public" | "content" | "themes"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "a failed build left files behind: {leftovers:?}"
    );
}

#[test]
fn rebuilding_removes_pages_of_deleted_records() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let content = common::copy_fixture("valid-small", tmp.path(), "content");
    assert_eq!(
        common::tuoyu(
            tmp.path(),
            &["build", "--out", out.to_str().expect("utf-8")]
        )
        .code,
        0
    );
    assert!(out.join("institutions/chengyang-dongwang.html").is_file());
    std::fs::remove_file(content.join("filed/chengyang-dongwang.yaml")).expect("rm");
    let run = common::tuoyu(
        tmp.path(),
        &["build", "--out", out.to_str().expect("utf-8")],
    );
    assert_eq!(run.code, 0, "{}", run.describe());
    assert!(
        !out.join("institutions/chengyang-dongwang.html").exists(),
        "a stale page survived the rebuild"
    );
}

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

    for id in INSTITUTIONS {
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
    assert!(main.contains("|6|"), "6 institutions: {main}");
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

#[test]
fn base_url_flag_overrides_site_yaml() {
    let (_tmp, site) = built_fixture(
        "valid-small",
        &["--base-url", "https://other.example.net/tuoyu"],
    );
    let xml = text(&site, "sitemap.xml");
    assert!(
        xml.contains("<loc>https://other.example.net/tuoyu/index.html</loc>"),
        "{xml}"
    );
    assert!(!xml.contains(BASE));
    let html = text(&site, "institutions/chengyang-sanli.html");
    assert!(html.contains("https://other.example.net/tuoyu/institutions/chengyang-sanli.html"));
    let bad = check_links(&read_tree(&site), "https://other.example.net/tuoyu/", false);
    assert!(bad.is_empty(), "{}", format_bad_links(&bad));
}

#[test]
fn base_url_flag_refuses_unsafe_addresses() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let run = build_fixture(
        "valid-small",
        &out,
        &["--base-url", "javascript:alert(1)//"],
    );
    assert_ne!(run.code, 0, "{}", run.describe());
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn quiet_build_prints_nothing_on_success() {
    let tmp = tempfile::tempdir().expect("tmp");
    let run = build_fixture("valid-small", &tmp.path().join("public"), &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}

#[test]
fn build_warns_but_succeeds_for_demonstration_without_filed_record() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let run = build_fixture("demonstration-without-filed", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.describe());
    assert!(
        run.stderr
            .contains("warning: demonstration-without-filed/demonstration/x.yaml:6:7"),
        "{}",
        run.describe()
    );
    assert!(out.join("institutions/chengyang-b.html").is_file());
}

#[test]
fn html_is_minified_by_default_and_readable_with_no_minify() {
    let (_a, min) = built_fixture("valid-small", &[]);
    let (_b, full) = built_fixture("valid-small", &["--no-minify"]);
    let (m, f) = (text(&min, "index.html"), text(&full, "index.html"));
    assert!(
        m.len() < f.len(),
        "minified {} bytes, unminified {} bytes",
        m.len(),
        f.len()
    );
    // Minifying keeps the same pages and the same JSON data.
    let (tm, tf): (BTreeMap<_, _>, BTreeMap<_, _>) = (read_tree(&min), read_tree(&full));
    assert_eq!(tm.keys().collect::<Vec<_>>(), tf.keys().collect::<Vec<_>>());
    assert_eq!(tm["data/institutions.json"], tf["data/institutions.json"]);
}

/// Editors write links in a description as they write them in pages/: relative to the
/// site root. On institutions/<id>.html they must still reach the page.
#[test]
fn relative_links_in_a_description_reach_their_page() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = common::copy_fixture("valid-small", tmp.path(), "content");
    std::fs::write(
        content.join("sites/linked.yaml"),
        "id: shinan-linked\nname: 链接测试托育点\ndistrict: shinan\naddress: 市南区一路 1 号\ndescription: 收费标准和入托流程详见[关于本名录](about.html)，或看[统计](stats.html#chart-places)。\n",
    )
    .expect("write");
    let out = tmp.path().join("public");
    let run = common::tuoyu(
        tmp.path(),
        &["build", "--out", out.to_str().expect("utf-8")],
    );
    assert_eq!(run.code, 0, "{}", run.describe());
    let tree = read_tree(&out);
    let bad: Vec<_> = check_links(&tree, BASE, false)
        .into_iter()
        .filter(|b| b.page == "institutions/shinan-linked.html")
        .collect();
    assert!(
        bad.is_empty(),
        "{} broken link(s):\n{}",
        bad.len(),
        format_bad_links(&bad)
    );
}

#[test]
fn shipped_content_builds_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let run = common::tuoyu(
        root,
        &[
            "build",
            "--content",
            "content",
            "--out",
            out.to_str().expect("utf-8"),
            "--quiet",
        ],
    );
    assert_eq!(run.code, 0, "content/ must build: {}", run.describe());
    let site_yaml =
        std::fs::read_to_string(root.join("content/site.yaml")).expect("content/site.yaml");
    let base = site_yaml
        .lines()
        .find_map(|l| l.strip_prefix("base_url:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .expect("base_url");
    let bad = check_links(&read_tree(&out), &base, false);
    assert!(
        bad.is_empty(),
        "{} broken link(s) in the Qingdao site:\n{}",
        bad.len(),
        format_bad_links(&bad)
    );
}

/// A typo such as `--out content` must never destroy the editors' data: the build swaps
/// the output folder in and deletes the old one.
#[test]
fn refuses_to_replace_the_content_folder_with_the_site() {
    let tmp = tempfile::tempdir().expect("tmp");
    common::copy_fixture("valid-small", tmp.path(), "content");
    let before = read_tree(&tmp.path().join("content"));
    let run = common::tuoyu(
        tmp.path(),
        &[
            "build",
            "--content",
            "content",
            "--out",
            "content",
            "--quiet",
        ],
    );
    let after = if tmp.path().join("content").is_dir() {
        read_tree(&tmp.path().join("content"))
    } else {
        BTreeMap::new()
    };
    let lost: Vec<&String> = before
        .keys()
        .filter(|k| after.get(*k) != before.get(*k))
        .collect();
    assert!(
        lost.is_empty(),
        "`build --out content` (exit {}) destroyed content files: {lost:?}",
        run.code
    );
    assert_ne!(
        run.code,
        0,
        "building over the content folder must be refused: {}",
        run.describe()
    );
}

#[test]
fn refuses_an_output_folder_that_holds_the_content_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let project = tmp.path().join("project");
    common::copy_fixture("valid-small", &project, "content");
    let before = read_tree(&project.join("content"));
    let run = common::tuoyu(
        tmp.path(),
        &[
            "build",
            "--content",
            "project/content",
            "--out",
            "project",
            "--quiet",
        ],
    );
    let after = if project.join("content").is_dir() {
        read_tree(&project.join("content"))
    } else {
        BTreeMap::new()
    };
    let lost: Vec<&String> = before
        .keys()
        .filter(|k| after.get(*k) != before.get(*k))
        .collect();
    assert!(
        lost.is_empty(),
        "`build --out <parent of content>` (exit {}) destroyed content files: {lost:?}",
        run.code
    );
    assert_ne!(run.code, 0, "{}", run.describe());
}
