//! Bad input at scale: every mistake is found, people see the first 20 of each kind per
//! file and a count of the rest, machines get all of them.
//! (The time this takes at 50,000 mistakes is measured by `scripts/bench-bad-input.sh`.)

use crate::common::{copy_fixture, tuoyu};

/// A copy of valid-small whose `filed/many.yaml` holds `n` records, each with one
/// misspelt key (`capcity`) and nothing else wrong.
fn many_misspelt(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = copy_fixture("valid-small", tmp.path(), "content");
    let mut yaml = String::new();
    for i in 0..n {
        yaml.push_str(&format!(
            "- id: many-{i}\n  name: 测试托育{i}\n  district: chengyang\n  address: 某路{i}号\n  filed_on: 2021-03-01\n  capcity: 3\n"
        ));
    }
    std::fs::write(content.join("filed/many.yaml"), yaml).expect("write");
    tmp
}

#[test]
fn people_see_twenty_of_a_kind_and_a_count_of_the_rest() {
    let tmp = many_misspelt(1000);
    let run = tuoyu(tmp.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.describe());
    let located = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("错误: content/filed/many.yaml:"))
        .count();
    assert_eq!(located, 20, "{}", run.stdout);
    let rest: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("还有 980 处同类问题"))
        .collect();
    assert_eq!(rest.len(), 1, "{}", run.stdout);
    assert!(
        rest[0].starts_with("content/filed/many.yaml: "),
        "{}",
        rest[0]
    );
    assert!(
        run.stdout.ends_with("1000 个错误，0 个警告\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn machine_formats_list_every_mistake() {
    let tmp = many_misspelt(1000);
    for format in ["json", "github"] {
        let run = tuoyu(tmp.path(), &["check", "--format", format]);
        assert_eq!(run.code, 1, "{}", run.describe());
        assert_eq!(run.stdout.lines().count(), 1000, "{format}");
    }
}
