//! Valid HTML (DESIGN "Quality bars"): the Nu HTML Checker finds no error on any page type.
//!
//! The checker is the npm package `vnu-jar`, installed by `.ci/run` with
//! `npm install --prefix target/vnu vnu-jar`, and run with the system Java. Set VNU_JAR to
//! use a jar elsewhere. Locally a missing java or jar skips the test with a "SKIPPED:" line;
//! under CI (CI=true) it fails, so a broken install cannot pass silently.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{built_fixture, read_tree};
use serde_json::Value;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn jar_path() -> PathBuf {
    match std::env::var_os("VNU_JAR") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/vnu/node_modules/vnu-jar/build/dist/vnu.jar"),
    }
}

/// The jar, or None after printing why the test is skipped (panics under CI).
fn checker() -> Option<PathBuf> {
    let java_ok = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let jar = jar_path();
    let problem = if !java_ok {
        Some("`java` is not installed (apt-get install default-jre-headless)".to_string())
    } else if !jar.is_file() {
        Some(format!(
            "the Nu HTML Checker is not at {} (npm install --prefix target/vnu vnu-jar)",
            jar.display()
        ))
    } else {
        None
    };
    match problem {
        None => Some(jar),
        Some(p) if in_ci() => panic!("CI=true but the HTML checker cannot run: {p}"),
        Some(p) => {
            eprintln!("SKIPPED: html_validity: {p}");
            None
        }
    }
}

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

fn html_files(site: &Path) -> Vec<PathBuf> {
    read_tree(site)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| site.join(p))
        .collect()
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
fn every_page_type_of_the_small_site_is_valid_html() {
    let Some(jar) = checker() else { return };
    let (_tmp, site) = built_fixture("valid-small", &[]);
    let files = html_files(&site);
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
fn unminified_pages_are_valid_html() {
    let Some(jar) = checker() else { return };
    let (_tmp, site) = built_fixture("valid-small", &["--no-minify"]);
    assert_valid("valid-small (--no-minify)", &jar, &html_files(&site));
}

#[test]
fn pages_full_of_hostile_text_are_valid_html() {
    let Some(jar) = checker() else { return };
    let (_tmp, site) = built_fixture("xss", &[]);
    assert_valid("xss", &jar, &html_files(&site));
}

/// site.yaml `contact` is "phone or email for corrections"; editors write it as they would
/// on paper, label and all. The page must stay valid whatever the template does with it.
#[test]
fn a_labelled_email_contact_renders_valid_html() {
    let Some(jar) = checker() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let content = common::copy_fixture("valid-small", tmp.path(), "content");
    let site_yaml = std::fs::read_to_string(content.join("site.yaml")).expect("site.yaml");
    let site_yaml: String = site_yaml
        .lines()
        .filter(|l| !l.starts_with("contact:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(
        content.join("site.yaml"),
        format!("{site_yaml}contact: 纠错邮箱 tuoyu@qingdao.example.org\n"),
    )
    .expect("write");
    let out = tmp.path().join("public");
    let run = common::tuoyu(
        tmp.path(),
        &["build", "--out", out.to_str().expect("utf-8"), "--quiet"],
    );
    if run.code == 1 && run.stderr.contains("site.yaml") {
        return; // Refusing such a contact in check is a fine answer too.
    }
    assert_eq!(run.code, 0, "{}", run.describe());
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
fn paginated_pages_are_valid_html() {
    let Some(jar) = checker() else { return };
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
fn the_shipped_qingdao_site_is_valid_html() {
    let Some(jar) = checker() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
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
    assert_eq!(run.code, 0, "{}", run.describe());
    assert_valid("content/", &jar, &html_files(&out));
}
