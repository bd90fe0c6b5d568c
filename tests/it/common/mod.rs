//! Helpers shared by the integration tests: where the fixtures are, one runner for the real
//! `tuoyu` binary, `check` and `build` on content folders, and copying content to edit it.
//! Reading built sites: tree.rs; HTML without a parser crate: html.rs, links.rs; the
//! 450-record site: big_site.rs; tools the ignored tests need: needs.rs.

use std::path::{Path, PathBuf};
use std::process::Command;

mod big_site;
mod html;
mod links;
pub mod needs;
mod self_tests;
mod tree;
pub use big_site::*;
pub use html::*;
pub use links::*;
pub use tree::*;

/// The institution ids of the valid-small fixture, in display order.
pub const VALID_SMALL_IDS: &[&str] = &[
    "chengyang-dongwang",
    "chengyang-sanli",
    "jiaozhou-gonghui",
    "jiaozhou-xinxing",
    "shinan-haibin",
    "shinan-yuanyuan",
];

/// The repository root (`content/`, `themes/`, `target/` are in it).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `base_url` of the valid-small fixture.
pub const VALID_SMALL_BASE: &str = "https://tuoyu.example.org/qingdao/";

/// `tests/fixtures/`: content folders that serve tests of their own (valid-small, xss).
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// `tests/fixtures/check/`: one content folder per validation rule (check/rules.rs).
pub fn rule_fixtures() -> PathBuf {
    fixtures().join("check")
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

/// Run `tuoyu <args>` with `cwd` as the working folder: the one way tests run the binary.
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

/// `tuoyu check --content <name> --format <format>` run from `parent`, so paths in messages
/// read `name/filed/x.yaml:3:13` wherever the repository is checked out.
pub fn check_in(parent: &Path, name: &str, format: &str) -> Run {
    tuoyu(parent, &["check", "--content", name, "--format", format])
}

/// `check_in` on a folder of tests/fixtures/.
pub fn check_fixture(name: &str, format: &str) -> Run {
    check_in(&fixtures(), name, format)
}

/// `check_in` on a validation-rule folder of tests/fixtures/check/.
pub fn check_rule(name: &str, format: &str) -> Run {
    check_in(&rule_fixtures(), name, format)
}

/// `tuoyu build --content <content> --out <out> [extra]`, run from `cwd`: the one build runner.
pub fn build(cwd: &Path, content: &str, out: &Path, extra: &[&str]) -> Run {
    let out = out.to_str().expect("utf-8 temp path");
    let mut args = vec!["build", "--content", content, "--out", out];
    args.extend_from_slice(extra);
    tuoyu(cwd, &args)
}

/// `build` of a folder of tests/fixtures/ (`check/<rule>` for a rule folder).
pub fn build_fixture(name: &str, out: &Path, extra: &[&str]) -> Run {
    build(&fixtures(), name, out, extra)
}

/// Build `content` (relative to `cwd`, or absolute) into a fresh temp dir, asserting success;
/// the dir (keep it alive) and the site root.
pub fn built(cwd: &Path, content: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let run = build(cwd, content, &out, extra);
    assert_eq!(
        run.code,
        0,
        "building `{content}` failed:\n{}",
        run.describe()
    );
    (tmp, out)
}

/// `built` for a folder of tests/fixtures/.
pub fn built_fixture(name: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    built(&fixtures(), name, extra)
}

/// `built` for the shipped Qingdao site (`content/`, with `themes/` beside it).
pub fn built_qingdao() -> (tempfile::TempDir, PathBuf) {
    built(&repo(), "content", &["--quiet"])
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

/// Copy fixture `name` (a folder of tests/fixtures/) into `parent/<as_name>`; the new folder.
pub fn copy_fixture(name: &str, parent: &Path, as_name: &str) -> PathBuf {
    let to = parent.join(as_name);
    copy_dir(&fixtures().join(name), &to);
    to
}
