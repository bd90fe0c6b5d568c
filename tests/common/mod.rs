//! Helpers shared by the integration tests: run the real `tuoyu` binary on fixture
//! folders, read a built site into memory, and pick HTML apart without a parser crate.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

mod html;
mod links;
pub use html::*;
pub use links::*;

/// The institution ids of the valid-small fixture, in display order.
pub const VALID_SMALL_IDS: &[&str] = &[
    "chengyang-dongwang",
    "chengyang-sanli",
    "jiaozhou-gonghui",
    "jiaozhou-xinxing",
    "shinan-haibin",
    "shinan-yuanyuan",
];

/// `tests/fixtures/` of this crate.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// For assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Run `tuoyu <args>` with `cwd` as the working folder.
pub fn tuoyu(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .current_dir(cwd)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .env_remove("TUOYU_LANG")
        .env("NO_COLOR", "1")
        .output()
        .expect("the tuoyu binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `tuoyu check --content <name> --format <format>` run from tests/fixtures/, so paths in
/// messages read `name/filed/x.yaml:3:13` wherever the repository is checked out.
pub fn check_fixture(name: &str, format: &str) -> Run {
    tuoyu(
        &fixtures(),
        &["check", "--content", name, "--format", format],
    )
}

/// `tuoyu check` on a content folder `parent/name`, run from `parent`.
pub fn check_in(parent: &Path, name: &str, format: &str) -> Run {
    tuoyu(parent, &["check", "--content", name, "--format", format])
}

/// `tuoyu build --content <fixture> --out <out> [extra]`, run from tests/fixtures/.
pub fn build_fixture(name: &str, out: &Path, extra: &[&str]) -> Run {
    let out = out.to_str().expect("utf-8 temp path");
    let mut args = vec!["build", "--content", name, "--out", out];
    args.extend_from_slice(extra);
    tuoyu(&fixtures(), &args)
}

/// Build a fixture into a fresh temp dir and return the dir (kept alive) and the site root.
pub fn built_fixture(name: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let run = build_fixture(name, &out, extra);
    assert_eq!(
        run.code,
        0,
        "building fixture `{name}` failed:\n{}",
        run.describe()
    );
    (tmp, out)
}

/// Copy a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Copy fixture `name` into `parent/<as_name>` and return the new folder.
pub fn copy_fixture(name: &str, parent: &Path, as_name: &str) -> PathBuf {
    let to = parent.join(as_name);
    copy_dir(&fixtures().join(name), &to);
    to
}

/// Every file under `dir`, keyed by its `/`-separated path relative to `dir`.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry"))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if e.file_type().expect("file type").is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Read one output file as text.
pub fn text(site: &Path, rel: &str) -> String {
    let p = site.join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    String::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"))
}

/// Names of the files that differ between two trees (added, removed or changed).
pub fn tree_diff(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in a {
        match b.get(k) {
            None => out.push(format!("only in first: {k}")),
            Some(w) if w != v => out.push(format!("differs: {k}")),
            _ => {}
        }
    }
    for k in b.keys().filter(|k| !a.contains_key(*k)) {
        out.push(format!("only in second: {k}"));
    }
    out
}

pub const BIG_BASE: &str = "https://tuoyu.example.org/big/";
pub const BIG_STREETS: [&str; 3] = ["甲街道", "乙街道", "丙街道"];

/// Records in district `big` of [`build_big_site`].
pub const BIG_N: usize = 450;

/// Write a content folder with BIG_N filed records in district `big` (spread over three
/// streets) and one record in district `small`; build it; return (tempdir, site root).
pub fn build_big_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("big");
    std::fs::create_dir_all(content.join("filed")).expect("mkdir");
    std::fs::write(
        content.join("site.yaml"),
        format!("title: 大名录\ncity: 测试市\nbase_url: {BIG_BASE}\n"),
    )
    .expect("write");
    std::fs::write(
        content.join("districts.yaml"),
        format!("- id: big\n  name: 大区\n  population: 1000000\n  streets: [{}]\n- id: small\n  name: 小区\n  streets: [一街道]\n", BIG_STREETS.join(", ")),
    )
    .expect("write");
    let mut yaml = String::new();
    for k in 0..BIG_N {
        yaml.push_str(&format!(
            "- id: inst-{k:03}\n  name: 测试托育机构{k:03}\n  district: big\n  street: {}\n  address: 测试路 {k} 号\n  filed_on: 2021-06-01\n  capacity: 10\n",
            BIG_STREETS[k % 3]
        ));
    }
    std::fs::write(content.join("filed/all.yaml"), yaml).expect("write");
    std::fs::write(
        content.join("filed/small.yaml"),
        "id: small-one\nname: 小机构\ndistrict: small\naddress: 一路\nfiled_on: 2021-06-01\n",
    )
    .expect("write");
    let out = tmp.path().join("public");
    let run = tuoyu(
        tmp.path(),
        &[
            "build",
            "--content",
            "big",
            "--out",
            out.to_str().expect("utf-8"),
            "--quiet",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.describe());
    (tmp, out)
}

/// The open-data CSV (without its BOM): the header, the rows, and a column by name.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<csv::StringRecord>,
}

impl Csv {
    pub fn parse(body: &[u8]) -> Csv {
        let mut rdr = csv::Reader::from_reader(body);
        let header = rdr
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = rdr.records().map(|r| r.expect("row")).collect();
        Csv { header, rows }
    }

    /// The index of the column `name` (panics, naming the columns, if there is none).
    pub fn col(&self, name: &str) -> usize {
        let header = &self.header;
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no `{name}` column in {header:?}"))
    }

    /// The row whose `id` column is `id`.
    pub fn row(&self, id: &str) -> &csv::StringRecord {
        let c = self.col("id");
        self.rows
            .iter()
            .find(|r| &r[c] == id)
            .unwrap_or_else(|| panic!("no row with id {id}"))
    }
}

#[cfg(test)]
mod self_tests {
    use super::*;

    #[test]
    fn tokenizer_reads_unquoted_and_quoted_attributes() {
        let t = tokenize(
            r#"<a href=../x.html class="a b" data-x='1'>T &amp; U</a><script type=application/ld+json>{"a":"</b>"}</script>"#,
        );
        assert_eq!(t[0].attr("href"), Some("../x.html"));
        assert!(t[0].has_class("b"));
        assert_eq!(t[0].attr("data-x"), Some("1"));
        assert_eq!(t[1], Tok::Text("T & U".into()));
        assert_eq!(
            json_ld_blocks(r#"<script type=application/ld+json>{"a":1}</script>"#),
            vec![r#"{"a":1}"#.to_string()]
        );
    }

    #[test]
    fn link_checker_flags_what_breaks_and_spares_what_works() {
        let page = |body: &str| {
            format!("<!DOCTYPE html><html><head><link rel=canonical href=https://x.org/a/index.html></head><body>{body}</body></html>").into_bytes()
        };
        let mut tree = BTreeMap::new();
        tree.insert("index.html".to_string(), page("<a href=districts/d.html#s-0>d</a><a href=https://other.org/>o</a><a href=tel:123>t</a><a href=#top id=top>x</a>"));
        tree.insert(
            "districts/d.html".to_string(),
            page("<h2 id=s-0>s</h2><a href=../index.html>i</a><img src=../assets/x.svg>"),
        );
        tree.insert("assets/x.svg".to_string(), b"<svg/>".to_vec());
        assert!(
            check_links(&tree, "https://x.org/a/", true).is_empty(),
            "{}",
            format_bad_links(&check_links(&tree, "https://x.org/a/", true))
        );
        for bad in [
            "/index.html",
            "districts/",
            "nope.html",
            "https://x.org/a/index.html",
            "../../x.html",
            "javascript:alert(1)",
            "districts/d.html#nope",
        ] {
            let mut t = tree.clone();
            t.insert(
                "bad.html".to_string(),
                page(&format!("<a href=\"{bad}\">b</a>")),
            );
            let found = check_links(&t, "https://x.org/a/", true);
            assert_eq!(found.len(), 1, "{bad}: {}", format_bad_links(&found));
            assert_eq!(found[0].page, "bad.html");
        }
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(
            resolve("districts/a.html", "../institutions/b.html").as_deref(),
            Some("institutions/b.html")
        );
        assert_eq!(resolve("index.html", "../x.html"), None);
        assert_eq!(
            resolve("districts/a.html", "a-2.html").as_deref(),
            Some("districts/a-2.html")
        );
    }
}
