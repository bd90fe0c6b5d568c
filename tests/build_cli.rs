//! `tuoyu build` flags and safeguards: --base-url, --quiet, --no-minify, warnings that do not
//! fail the build, the shipped content, and output folders that would replace the content.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{build_fixture, built_fixture, check_links, format_bad_links, read_tree, text};

const BASE: &str = "https://tuoyu.example.org/qingdao/";

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
            .contains("警告: demonstration-without-filed/demonstration/x.yaml:6:7"),
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
    let lost = changed_files(&before, &tmp.path().join("content"));
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
    let lost = changed_files(&before, &project.join("content"));
    assert!(
        lost.is_empty(),
        "`build --out <parent of content>` (exit {}) destroyed content files: {lost:?}",
        run.code
    );
    assert_ne!(run.code, 0, "{}", run.describe());
}

/// The files of `before` that `dir` no longer holds as they were (all, if `dir` is gone).
fn changed_files(before: &BTreeMap<String, Vec<u8>>, dir: &Path) -> Vec<String> {
    let after = if dir.is_dir() {
        read_tree(dir)
    } else {
        BTreeMap::new()
    };
    before
        .keys()
        .filter(|k| after.get(*k) != before.get(*k))
        .cloned()
        .collect()
}

/// What check accepts, build builds: a 64-character id (the longest allowed) and a
/// 64-character page slug become files.
#[test]
fn the_longest_accepted_id_and_slug_are_written() {
    let (_tmp, site) = built_fixture("long-id", &[]);
    let id = "a".repeat(64);
    assert!(site.join(format!("institutions/{id}.html")).is_file());
    assert!(site.join(format!("{}.html", "p".repeat(64))).is_file());
}
