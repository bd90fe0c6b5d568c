//! `tuoyu build` on the valid-small fixture: the files of DESIGN.md "Pages" and the data
//! exports, links that work from any sub-path and from disk, deterministic bytes, and atomic
//! output (the pages' content: tests/pages.rs; flags and safeguards: tests/build_cli.rs).

use crate::common::{
    self, VALID_SMALL_IDS, build_fixture, built_fixture, check_links, format_bad_links,
    main_tokens, read_tree, text, tokenize, tree_diff,
};
use serde_json::Value;

use crate::common::VALID_SMALL_BASE as BASE;

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
        VALID_SMALL_IDS
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
    assert_eq!(pages.len(), VALID_SMALL_IDS.len(), "{pages:?}");
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
    assert_eq!(ids, VALID_SMALL_IDS, "one row per institution");
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
    assert_eq!(ids, VALID_SMALL_IDS);
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
    let (_tmp, site) = built_fixture("check/single-and-list", &[]);
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
    let (_tmp, site) = built_fixture("check/bom-crlf", &[]);
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
    assert_eq!(linked, VALID_SMALL_IDS.len());
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
    let run = common::build(tmp.path(), abs_content.to_str().expect("utf-8"), &out, &[]);
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
    let run = common::build(tmp.path(), "broken", &out, &[]);
    assert_eq!(run.code, 1, "{}", run.describe());
    assert!(
        run.stderr.contains("broken/filed/zz-broken.yaml:3:11"),
        "the build reports the problem: {}",
        run.describe()
    );

    assert_untouched(&before, &out, tmp.path(), &["public", "broken"]);
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

    assert_untouched(&before, &out, tmp.path(), &["public", "content", "themes"]);
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

/// A failed build left the published site `out` as it was (`before`), and nothing but
/// `keep` in the folder beside it (no staging folder).
fn assert_untouched(
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    out: &std::path::Path,
    parent: &std::path::Path,
    keep: &[&str],
) {
    let diff = tree_diff(before, &read_tree(out));
    assert!(
        diff.is_empty(),
        "a failed build changed the published site:\n{}",
        diff.join("\n")
    );
    let leftovers: Vec<String> = std::fs::read_dir(parent)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        // The build cache of the last good build (tests/it/incremental.rs), not a leftover.
        .filter(|n| n != ".tuoyu-cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "a failed build left files behind: {leftovers:?}"
    );
}
