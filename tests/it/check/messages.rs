//! How tuoyu speaks to editors: YAML mistakes explained where they are, Chinese by default
//! and English with `--lang en`, ids and slugs bounded where they are written.

use super::{Diag, locations, parse_json_lines};
use crate::common::{check_fixture, check_rule, rule_fixtures, tuoyu};

/// `check --format json` on a rule fixture, asserted to exit with `code`.
fn diags(rule: &str, code: i32) -> Vec<Diag> {
    let run = check_rule(rule, "json");
    assert_eq!(run.code, code, "check {rule}: {}", run.describe());
    parse_json_lines(&run)
}

/// The catalogue key of each diagnostic (`code` in the json format).
fn codes(rule: &str, code: i32) -> Vec<Option<String>> {
    let run = check_rule(rule, "json");
    assert_eq!(run.code, code, "check {rule}: {}", run.describe());
    run.stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_default();
            v["code"].as_str().map(str::to_string)
        })
        .collect()
}

/// Each YAML syntax mistake editors make is explained at its own line and column (not
/// where the parser gave up), with what to type instead.
#[test]
fn explains_yaml_mistakes_where_they_are() {
    let cases = [
        (
            "yaml-fullwidth-colon",
            "2:7",
            "yaml-fullwidth-colon",
            "`name: 值`",
        ),
        (
            "yaml-fullwidth-space",
            "3:1",
            "yaml-fullwidth-space",
            "半角空格",
        ),
        (
            "yaml-fullwidth-quote",
            "2:9",
            "yaml-fullwidth-quote",
            "英文双引号",
        ),
        ("yaml-tab", "3:1", "yaml-tab", "改用空格"),
        (
            "yaml-colon-in-value",
            "5:15",
            "yaml-colon-in-value",
            "`hours: \"周一至周五: 7:30-17:30\"`",
        ),
        (
            "yaml-missing-space",
            "3:11",
            "yaml-missing-space",
            "`district: shinan`",
        ),
        (
            "yaml-unclosed-quote",
            "2:9",
            "yaml-unclosed-quote",
            "补上同样的引号",
        ),
        ("yaml-syntax", "4:11", "yaml-unclosed-bracket", "补上 `]`"),
        (
            "yaml-hash-in-value",
            "5:18",
            "yaml-hash-in-value",
            "英文双引号",
        ),
        ("yaml-indentation", "3:4", "yaml-indentation", "2 个空格"),
    ];
    for (rule, at, code, advice) in cases {
        let ds = diags(rule, 1);
        assert_eq!(
            locations(&ds),
            [format!("{rule}/filed/x.yaml:{at}")],
            "{ds:#?}"
        );
        assert_eq!(codes(rule, 1), [Some(code.to_string())], "{rule}");
        let help = ds[0].help.as_deref().unwrap_or("");
        assert!(
            help.contains(advice),
            "{rule}: {help:?} should say {advice:?}"
        );
    }
    // `filing_number: #2021-001` is valid YAML (a key without a value, then a comment) but
    // surely not what the editor meant.
    let ds = diags("yaml-comment-as-value", 0);
    assert_eq!(locations(&ds), ["yaml-comment-as-value/filed/x.yaml:6:18"]);
    assert_eq!(ds[0].severity, "warning");
    assert_eq!(
        codes("yaml-comment-as-value", 0),
        [Some("comment-as-value".to_string())]
    );
    let help = ds[0].help.as_deref().unwrap_or("");
    assert!(help.contains("`filing_number: \"#2021-001\"`"), "{help}");
}

/// Words a person reads, outside `code spans` (keys, values, paths) and the paths that
/// start each line.
fn english_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in text.lines() {
        // The location prefix `错误: path:line:col: ` and snippet lines are not messages.
        let message = match line.split_once(": ") {
            Some((_, rest)) if line.starts_with("错误") || line.starts_with("警告") => {
                rest.split_once(": ").map_or(rest, |(_, m)| m)
            }
            _ if line.trim_start().starts_with("= ") => line,
            _ => continue,
        };
        let outside_code: String = message.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let split = |c: char| !c.is_ascii_alphabetic() && c != '.' && c != '/' && c != '_';
        for w in outside_code.split(split) {
            if w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()) {
                words.push(w.to_string());
            }
        }
    }
    words
}

#[test]
fn many_mistakes_are_told_in_chinese_by_default_and_in_english_with_lang_en() {
    let zh = check_rule("many-mistakes", "human");
    // Names an editor writes or reads in the files themselves: the allowed keys in a list,
    // YAML's true/false, http(s), ids of the fixture.
    let listed = |w: &str| {
        w.chars().all(|c| c.is_ascii_lowercase())
            && (zh.stdout.contains(&format!("{w}, ")) || zh.stdout.contains(&format!(", {w}")))
    };
    let names = [
        "yaml",
        "md",
        "http",
        "https",
        "true",
        "false",
        "ASCII",
        "chengyang",
        "sanli",
        "shinan",
        "qingdao",
        "tuoyu",
        "example",
        "org",
        "json",
        "format",
    ];
    let english: Vec<String> = english_words(&zh.stdout)
        .into_iter()
        .filter(|w| !listed(w) && !names.contains(&w.as_str()))
        .collect();
    assert!(
        english.is_empty(),
        "English words {english:?} in:\n{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("个错误"), "{}", zh.stdout);

    let args = ["--lang", "en", "check", "--content", "many-mistakes"];
    let en = tuoyu(&rule_fixtures(), &args);
    assert_eq!(en.code, 1, "{}", en.describe());
    let phnoe =
        "error: many-mistakes/filed/a.yaml:12:3: unknown key `phnoe` in a filed institution record";
    assert!(en.stdout.contains(phnoe), "{}", en.stdout);
    assert!(en.stdout.contains("did you mean `phone`?"), "{}", en.stdout);
    assert!(
        en.stdout.contains("11 error(s), 0 warning(s)"),
        "{}",
        en.stdout
    );
    // Chinese remains only where the content has it (values such as 省级, district names).
    for zh_word in [
        "错误", "提示", "的值", "应该", "不是", "未知", "缺少", "可选",
    ] {
        assert!(!en.stdout.contains(zh_word), "{zh_word} in:\n{}", en.stdout);
    }
    let by_env = std::process::Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .current_dir(rule_fixtures())
        .args(["check", "--content", "many-mistakes"])
        .env("TUOYU_LANG", "en")
        .output()
        .expect("run tuoyu");
    assert_eq!(String::from_utf8_lossy(&by_env.stdout), en.stdout);
}

/// Ids and page slugs become file names: 64 characters is accepted (and builds, see
/// build_cli.rs), more is refused where it is written.
#[test]
fn refuses_ids_and_slugs_too_long_for_a_file_name() {
    let ds = diags("too-long-id", 1);
    let at = |rest: &str| format!("too-long-id/{rest}");
    assert_eq!(
        locations(&ds),
        [
            at("filed/x.yaml:1:7"),
            at("filed/x.yaml:6:7"),
            at("pages/about.md:3:7")
        ]
    );
    assert_eq!(
        codes("too-long-id", 1),
        vec![Some("too-long".to_string()); 3]
    );
    assert!(ds[1].message.contains("300 个字符"), "{:?}", ds[1]);
    let long = check_fixture("long-id", "json");
    assert_eq!(
        (long.code, long.stdout.as_str()),
        (0, ""),
        "{}",
        long.describe()
    );
}
