//! Regression tests for what the fuzzers (fuzz/, docs/fuzzing.md) found: each finding's
//! minimised input is a fixture folder `tests/fixtures/fuzz-<name>/`, and the real `tuoyu`
//! binary must check it with the exact exit status and a located error, never a panic.
//!
//! Self-contained on purpose (no `mod common`), so that it merges without touching the
//! shared helpers.

use std::path::Path;
use std::process::Command;

/// `tuoyu check --content <fixture> --lang en` run from tests/fixtures/: (exit, stdout).
fn check(fixture: &str) -> (i32, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .current_dir(&dir)
        .args(["check", "--content", fixture, "--lang", "en"])
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .output()
        .expect("the tuoyu binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stdout.contains("panicked"),
        "tuoyu panicked on {fixture}:\n{stdout}\n{stderr}"
    );
    (out.status.code().unwrap_or(-1), stdout)
}

/// Found by the `yaml` target: YAML (and every editor) ends a line at a lone CR, as old
/// Mac files have them, so the parser's line numbers count those lines; the printer split
/// lines at LF only, so the error's line did not exist for it and it showed no snippet
/// (or, with LFs later in the file, the wrong line).
#[test]
fn lone_cr_line_endings_give_the_right_line_and_snippet() {
    let (code, out) = check("fuzz-lone-cr");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("fuzz-lone-cr/filed/cr.yaml:6:13:"),
        "the impossible date is on line 6, column 13:\n{out}"
    );
    assert!(
        out.contains("   6 |   filed_on: 2021-13-01\n"),
        "the snippet shows line 6 alone:\n{out}"
    );
    assert!(
        out.contains("   5 |   address: 市南区某路 1 号\n"),
        "and the line before it:\n{out}"
    );
}
