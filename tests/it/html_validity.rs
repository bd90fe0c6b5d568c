//! Valid HTML (DESIGN "Quality bars"): the Nu HTML Checker finds no error on any page type.
//!
//! The checker is the npm package `vnu-jar`, installed by `.ci/run` with
//! `npm install --prefix target/vnu vnu-jar`, and run with the system Java (VNU_JAR names a
//! jar elsewhere). Every test is ignored by `cargo test` and, run, fails without them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::build_cli::built_with_labelled_email_contact;
use crate::common::{self, built_fixture, html_paths, needs};

/// Run vnu over `files`; return "file:line: message" for every error.
fn vnu_errors(jar: &Path, files: &[PathBuf]) -> Vec<String> {
    assert!(!files.is_empty(), "no files to check");
    let out = Command::new("java")
        .arg("-Xss4m")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .args(files)
        .output()
        .expect("java runs");
    // vnu writes its JSON report to stderr.
    let report = String::from_utf8_lossy(&out.stderr);
    let json_start = report.find('{').unwrap_or_else(|| {
        panic!(
            "no JSON from vnu (exit {:?}):\n{report}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let v: Value = serde_json::from_str(&report[json_start..])
        .unwrap_or_else(|e| panic!("vnu JSON does not parse ({e}):\n{report}"));
    let mut errors = Vec::new();
    for m in v["messages"].as_array().expect("messages") {
        let ty = m["type"].as_str().unwrap_or("");
        if ty == "info" {
            continue;
        }
        let url = m["url"].as_str().unwrap_or("?");
        let file = url.rsplit_once("/public/").map(|(_, f)| f).unwrap_or(url);
        errors.push(format!(
            "{file}:{}:{}: [{ty}] {}\n      {}",
            m["lastLine"].as_u64().unwrap_or(0),
            m["firstColumn"]
                .as_u64()
                .or(m["lastColumn"].as_u64())
                .unwrap_or(0),
            m["message"].as_str().unwrap_or(""),
            m["extract"].as_str().unwrap_or("").replace('\n', " ")
        ));
    }
    if errors.is_empty() {
        assert!(
            out.status.success(),
            "vnu failed without reporting errors:\n{report}"
        );
    }
    errors
}

fn assert_valid(what: &str, jar: &Path, files: &[PathBuf]) {
    let errors = vnu_errors(jar, files);
    assert!(
        errors.is_empty(),
        "{what}: the Nu HTML Checker found {} error(s) in {} file(s):\n{}",
        errors.len(),
        files.len(),
        errors.join("\n")
    );
}

#[test]
#[ignore = "needs java and vnu.jar"]
fn every_page_type_of_the_small_site_is_valid_html() {
    let jar = needs::java_and_vnu_jar();
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let files = html_paths(&site);
    for page in [
        "index.html",
        "search.html",
        "stats.html",
        "404.html",
        "about.html",
        "filed.html",
        "demonstration.html",
        "sites.html",
        "districts/jiaozhou.html",
        "institutions/chengyang-sanli.html",
        "institutions/shinan-haibin.html",
    ] {
        assert!(
            files.contains(&site.join(page)),
            "{page} is not among the built pages: {files:?}"
        );
    }
    assert_valid("valid-small (minified)", &jar, &files);
}

#[test]
#[ignore = "needs java and vnu.jar"]
fn unminified_pages_are_valid_html() {
    let jar = needs::java_and_vnu_jar();
    let (_tmp, site) = built_fixture("valid-small", &["--no-minify"]);
    assert_valid("valid-small (--no-minify)", &jar, &html_paths(&site));
}

#[test]
#[ignore = "needs java and vnu.jar"]
fn pages_full_of_hostile_text_are_valid_html() {
    let jar = needs::java_and_vnu_jar();
    let (_tmp, site) = built_fixture("xss", &[]);
    assert_valid("xss", &jar, &html_paths(&site));
}

/// 空余托位 (fresh and stale), classes, 监督与纠错 with a filled-in mailto:, inspections,
/// the poster QR code and compare.html (citizens.rs) keep the pages valid.
#[test]
#[ignore = "needs java and vnu.jar"]
fn citizens_pages_are_valid_html() {
    let jar = needs::java_and_vnu_jar();
    let (_tmp, site) = built_fixture("citizens", &[]);
    assert_valid("citizens", &jar, &html_paths(&site));
}

/// A contact written with its label (build_cli.rs: it builds, with a mailto: link) keeps
/// the pages valid.
#[test]
#[ignore = "needs java and vnu.jar"]
fn a_labelled_email_contact_renders_valid_html() {
    let jar = needs::java_and_vnu_jar();
    let (_tmp, out) = built_with_labelled_email_contact();
    assert_valid(
        "labelled contact",
        &jar,
        &[
            out.join("index.html"),
            out.join("institutions/chengyang-sanli.html"),
        ],
    );
}

#[test]
#[ignore = "needs java and vnu.jar"]
fn paginated_pages_are_valid_html() {
    let jar = needs::java_and_vnu_jar();
    let (_tmp, out) = common::build_big_site();
    let files: Vec<PathBuf> = [
        "districts/big.html",
        "districts/big-2.html",
        "districts/big-3.html",
        "filed.html",
        "filed-2.html",
        "filed-3.html",
        "index.html",
        "stats.html",
    ]
    .iter()
    .map(|p| out.join(p))
    .collect();
    assert_valid("450-record site", &jar, &files);
}

#[test]
#[ignore = "needs java and vnu.jar"]
fn the_shipped_qingdao_site_is_valid_html() {
    let jar = needs::java_and_vnu_jar();
    let (_tmp, out) = common::built_qingdao();
    assert_valid("content/", &jar, &html_paths(&out));
}
