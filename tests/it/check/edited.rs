//! `tuoyu check` on content written into a temp dir, for what a committed rule folder cannot
//! hold: the default `content` folder of the working folder, a folder name with `,` and `:`
//! (GitHub annotations escape them), and a 201-record list whose page 2 a page slug takes.

use super::{locations, parse_json_lines};
use crate::common::{check_in, copy_dir, rule_fixtures, tuoyu};

/// Copy rule folder `rule` into `parent/<as_name>`; the new folder.
fn copy_rule(rule: &str, parent: &std::path::Path, as_name: &str) -> std::path::PathBuf {
    let to = parent.join(as_name);
    copy_dir(&rule_fixtures().join(rule), &to);
    to
}

#[test]
fn check_reads_the_content_folder_of_the_working_folder_by_default() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_rule("unknown-street", tmp.path(), "content");
    let run = tuoyu(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.describe());
    assert_eq!(
        locations(&parse_json_lines(&run)),
        ["content/filed/x.yaml:4:9"]
    );
}

/// A page slug such as `filed-2` names page 2 of the filed list once that list has more
/// than 200 entries: one of the two pages would silently overwrite the other.
#[test]
fn refuses_a_page_slug_that_collides_with_a_paginated_list_page() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = copy_rule("reserved-page-slug", tmp.path(), "paged-slug");
    std::fs::remove_file(dir.join("pages/home.md")).expect("rm");
    std::fs::write(
        dir.join("pages/list.md"),
        "---\ntitle: 名单说明\nslug: filed-2\n---\n正文\n",
    )
    .expect("write");
    let records: String = (0..201)
        .map(|k| format!("- id: n-{k}\n  name: 机构{k}\n  district: shinan\n  address: 路 {k} 号\n  filed_on: 2021-06-01\n"))
        .collect();
    std::fs::write(dir.join("filed/many.yaml"), records).expect("write");
    let run = check_in(tmp.path(), "paged-slug", "json");
    assert_eq!(
        run.code,
        1,
        "slug `filed-2` collides with page 2 of the 202-entry filed list: {}",
        run.describe()
    );
    assert_eq!(
        locations(&parse_json_lines(&run)),
        ["paged-slug/pages/list.md:3:7"]
    );
}

#[test]
fn github_annotations_escape_newlines_percent_and_separators() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = copy_rule("unknown-street", tmp.path(), "a,b:c");
    std::fs::write(
        dir.join("filed/x.yaml"),
        "id: shinan-a\nname: 甲托育园\ndistrict: \"50%\\nx\"\naddress: x\nfiled_on: 2021-06-01\n",
    )
    .expect("write");
    let run = check_in(tmp.path(), "a,b:c", "github");
    assert_eq!(run.code, 1, "{}", run.describe());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one annotation, on one line: {:?}",
        run.stdout
    );
    assert!(
        lines[0].starts_with("::error file=a%2Cb%3Ac/filed/x.yaml,line=3,col=11::"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("50%25%0Ax"), "{}", lines[0]);
}
