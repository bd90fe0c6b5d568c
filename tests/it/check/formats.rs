//! What the human snapshots cannot show: `--format json` and `--format github` report the
//! same problems as the human output, in the same order, on every rule folder; every problem
//! comes in one run; exit statuses of a clean folder, of an unreadable one, and of the
//! shipped content.

use super::{Diag, locations, parse_json_lines};
use crate::common::{self, check_fixture, check_rule};

/// The human line a diagnostic starts with: `错误: path:line:col: message`.
fn human_line(d: &Diag) -> String {
    let level = if d.severity == "error" {
        "错误"
    } else {
        "警告"
    };
    format!("{level}: {}: {}", d.location(), d.message)
}

/// The start of the GitHub annotation of a diagnostic, before its message.
fn github_prefix(d: &Diag) -> String {
    format!(
        "::{} file={},line={},col={}::",
        d.severity, d.file, d.line, d.column
    )
}

#[test]
fn json_and_github_formats_agree_with_the_human_report_on_every_rule() {
    let rules = std::fs::read_dir(common::rule_fixtures()).expect("rule folders");
    for rule in rules.map(|e| e.expect("entry").file_name().into_string().expect("utf-8")) {
        let human = check_rule(&rule, "human");
        let json = check_rule(&rule, "json");
        let github = check_rule(&rule, "github");
        assert_eq!(
            (json.code, github.code),
            (human.code, human.code),
            "{rule}: every format exits as the human one does"
        );
        let ds = parse_json_lines(&json);
        let human_lines: Vec<&str> = human
            .stdout
            .lines()
            .filter(|l| l.starts_with("错误: ") || l.starts_with("警告: "))
            .collect();
        let want: Vec<String> = ds.iter().map(human_line).collect();
        assert_eq!(human_lines, want, "{rule}: json and human differ");
        let annotations: Vec<&str> = github.stdout.lines().collect();
        assert_eq!(annotations.len(), ds.len(), "{rule}: {}", github.stdout);
        for (a, d) in annotations.iter().zip(&ds) {
            let body = a
                .strip_prefix(&github_prefix(d))
                .unwrap_or_else(|| panic!("{rule}: {a:?} should start {:?}", github_prefix(d)));
            assert!(body.starts_with(&d.message), "{rule}: {a:?} lacks {d:?}");
            if let Some(help) = &d.help {
                assert!(
                    body.ends_with(help.as_str()),
                    "{rule}: {a:?} lacks {help:?}"
                );
            }
        }
    }
}

/// many-mistakes/ holds eleven mistakes in six files: one run reports them all, in path order.
#[test]
fn every_mistake_is_reported_in_one_run() {
    let run = check_rule("many-mistakes", "json");
    assert_eq!(run.code, 1, "{}", run.describe());
    let ds = parse_json_lines(&run);
    assert_eq!(
        locations(&ds),
        [
            "many-mistakes/demonstration/c.yaml:4:8",
            "many-mistakes/demonstration/c.yaml:5:7",
            "many-mistakes/districts.yaml:4:7",
            "many-mistakes/filed/a.yaml:3:13",
            "many-mistakes/filed/a.yaml:11:13",
            "many-mistakes/filed/a.yaml:12:3",
            "many-mistakes/filed/b.yaml:5:11",
            "many-mistakes/pages/e.md:2:1",
            "many-mistakes/pages/e.md:2:1",
            "many-mistakes/site.yaml:3:11",
            "many-mistakes/sites/d.yaml:5:12",
        ]
    );
    assert!(ds.iter().all(|d| d.severity == "error"), "{ds:#?}");
}

#[test]
fn the_valid_small_fixture_checks_clean_in_every_format() {
    for format in ["human", "json", "github"] {
        let run = check_fixture("valid-small", format);
        assert_eq!(run.code, 0, "{format}: {}", run.describe());
        assert_eq!(run.stderr, "", "{format}");
        let diagnostics = run
            .stdout
            .lines()
            .filter(|l| l.starts_with("error") || l.starts_with("warning") || l.starts_with("::"))
            .count();
        assert_eq!(diagnostics, 0, "{format}: {}", run.stdout);
    }
    assert_eq!(check_fixture("valid-small", "json").stdout, "");
    assert_eq!(check_fixture("valid-small", "github").stdout, "");
}

#[test]
fn exits_2_when_the_content_folder_cannot_be_read() {
    let run = check_fixture("no-such-folder", "human");
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(run.stderr.contains("no-such-folder"), "{}", run.describe());
}

#[test]
fn the_shipped_content_checks_without_errors() {
    let run = common::tuoyu(
        &common::repo(),
        &["check", "--content", "content", "--format", "json"],
    );
    assert_eq!(run.code, 0, "content/ has errors: {}", run.describe());
    let errors: Vec<Diag> = parse_json_lines(&run)
        .into_iter()
        .filter(|d| d.severity == "error")
        .collect();
    assert_eq!(errors, [], "content/ has errors");
}
