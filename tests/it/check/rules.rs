//! One folder per validation rule under tests/fixtures/check/, found by reading the folder:
//! each one's whole `tuoyu check` report (exit status and human output) is one snapshot,
//! check/snapshots/<folder>.snap. A new folder needs its snapshot accepted; a snapshot
//! without its folder is an error. Beside them, what a snapshot cannot show: that the caret
//! under each snippet sits at the reported column, that an alias bomb is refused fast, and
//! that the byte-level fixtures still hold their bytes.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

use crate::common::{Run, check_rule, rule_fixtures};

/// The rule folders of tests/fixtures/check/, by name.
fn rule_folders() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(rule_fixtures())
        .expect("tests/fixtures/check/")
        .map(|e| e.expect("dir entry"))
        .filter(|e| e.file_type().expect("file type").is_dir())
        .map(|e| e.file_name().into_string().expect("utf-8 folder name"))
        .collect();
    names.sort();
    assert!(
        !names.is_empty(),
        "no rule folders in tests/fixtures/check/"
    );
    names
}

/// What a snapshot holds: the exit status, stdout, and stderr when there is any.
fn report(run: &Run) -> String {
    let mut out = format!("exit status {}\n{}", run.code, run.stdout);
    if !run.stderr.is_empty() {
        out.push_str("--- stderr ---\n");
        out.push_str(&run.stderr);
    }
    out
}

#[test]
fn every_rule_folder_reports_what_its_snapshot_holds() {
    let mut failed = Vec::new();
    for rule in rule_folders() {
        let output = report(&check_rule(&rule, "human"));
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(rule_fixtures().join(&rule));
        let checked = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(rule.as_str(), output));
        }));
        if checked.is_err() {
            failed.push(rule);
        }
    }
    assert!(
        failed.is_empty(),
        "the check report of these rule folders differs from its snapshot \
         (tests/it/check/snapshots/): {failed:?}"
    );
}

#[test]
fn every_rule_snapshot_has_its_rule_folder() {
    let dir = std::path::Path::new(file!())
        .parent()
        .expect("check/")
        .join("snapshots");
    let dir = crate::common::repo().join(dir);
    let folders = rule_folders();
    let orphans: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/it/check/snapshots/")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .into_string()
                .expect("utf-8")
        })
        .filter(|n| {
            n.strip_suffix(".snap")
                .is_none_or(|rule| !folders.iter().any(|f| f == rule))
        })
        .collect();
    assert!(
        orphans.is_empty(),
        "{} holds files that are no rule folder's snapshot: {orphans:?}",
        dir.display()
    );
}

/// Every problem whose source is shown: the snippet shows the reported line, with the caret
/// under the reported column (in display width, CJK being 2 wide), and nothing of the message
/// leaks into the snippet frame (long messages used to wrap into it).
#[test]
fn human_snippet_carets_point_at_the_reported_column() {
    let mut problems = Vec::new();
    let mut without_snippet = Vec::new();
    for rule in rule_folders() {
        let run = check_rule(&rule, "human");
        let lines: Vec<&str> = run.stdout.lines().collect();
        for (k, l) in lines.iter().enumerate() {
            let Some(rest) = l
                .strip_prefix("错误: ")
                .or_else(|| l.strip_prefix("警告: "))
            else {
                continue;
            };
            let loc = rest.split(": ").next().unwrap_or("");
            match caret_mismatch(loc, &lines[k + 1..]) {
                Caret::Right => {}
                Caret::NoSnippet => without_snippet.push(loc.to_string()),
                Caret::Wrong(why) => problems.push(format!("{rule}: after `{l}`\n    {why}")),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} mismatch(es):\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Only an empty file, a missing one and one that is not text have no source to show.
    assert_eq!(
        without_snippet,
        [
            "empty-and-stray/filed/empty.yaml:1:1",
            "missing-site/site.yaml:1:1",
            "not-utf8/filed/x.yaml:2:7"
        ]
    );
}

enum Caret {
    Right,
    NoSnippet,
    Wrong(String),
}

/// Whether the snippet after a message (`following`) marks `path:line:col`.
fn caret_mismatch(loc: &str, following: &[&str]) -> Caret {
    let mut parts = loc.rsplitn(3, ':');
    let col: usize = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    let line_no: usize = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    let snippet: Vec<&str> = following
        .iter()
        .take_while(|l| {
            l.starts_with("     ")
                || l.trim_start()
                    .split(" | ")
                    .next()
                    .is_some_and(|n| n.trim().parse::<usize>().is_ok())
        })
        .copied()
        .collect();
    if snippet.iter().all(|l| l.starts_with("     = ")) {
        return Caret::NoSnippet;
    }
    let prefix = format!("{line_no:>4} | ");
    let Some(i) = snippet.iter().position(|l| l.starts_with(&prefix)) else {
        return Caret::Wrong(format!("the snippet does not show line {line_no}"));
    };
    let text = &snippet[i][prefix.len()..];
    let want: usize = text.chars().take(col - 1).collect::<String>().width();
    let caret = snippet
        .get(i + 1)
        .and_then(|c| c.strip_prefix("     | "))
        .and_then(|c| c.find('^'));
    if caret == Some(want) {
        Caret::Right
    } else {
        Caret::Wrong(format!("caret at {caret:?}, expected column {want}"))
    }
}

#[test]
fn an_alias_bomb_is_refused_without_expanding_it() {
    let started = Instant::now();
    let run = check_rule("alias-bomb", "json");
    let elapsed = started.elapsed();
    assert_eq!(run.code, 1, "{}", run.describe());
    assert!(
        elapsed < Duration::from_secs(10),
        "an alias bomb must be refused fast, took {elapsed:?}"
    );
}

/// The fixtures whose point is their bytes (see tests/fixtures/.gitattributes) still hold them.
#[test]
fn byte_level_fixtures_keep_their_bytes() {
    let read = |rel: &str| std::fs::read(rule_fixtures().join(rel)).expect("fixture");
    for file in [
        "bom-crlf/filed/list.yaml",
        "bom-crlf-errors/filed/list.yaml",
    ] {
        let bytes = read(file);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{file} lost its BOM");
        assert!(
            bytes.windows(2).any(|w| w == b"\r\n"),
            "{file} lost its CRLF line ends"
        );
    }
    // "name: 甲托育园" saved in GBK, as Windows editors do.
    let gbk = read("not-utf8/filed/x.yaml");
    assert!(std::str::from_utf8(&gbk).is_err(), "not-utf8 became UTF-8");
    assert!(
        gbk.windows(8)
            .any(|w| w == [0xBC, 0xD7, 0xCD, 0xD0, 0xD3, 0xFD, 0xD4, 0xB0]),
        "not-utf8 lost its GBK bytes"
    );
}
