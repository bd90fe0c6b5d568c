//! The output folder is tuoyu's alone: a build never replaces the content, a folder inside
//! it, or a folder holding files tuoyu did not write; nothing an editor made is lost.

use crate::common::{copy_fixture, read_tree, tuoyu};

#[test]
fn build_into_a_records_folder_is_refused_and_the_records_stay() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = copy_fixture("valid-small", tmp.path(), "content");
    let before = read_tree(&content);
    let run = tuoyu(tmp.path(), &["build", "--out", "content/filed"]);
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(run.stderr.contains("content/filed"), "{}", run.describe());
    assert!(run.stderr.contains("内容文件夹"), "{}", run.describe());
    assert_eq!(read_tree(&content), before, "the content is unchanged");
}

#[test]
fn build_over_a_folder_with_a_strangers_file_is_refused_and_the_file_stays() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_fixture("valid-small", tmp.path(), "content");
    let out = tmp.path().join("report");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("名单2024.xlsx"), b"spreadsheet").expect("write");
    let run = tuoyu(tmp.path(), &["build", "--out", "report"]);
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(run.stderr.contains("名单2024.xlsx"), "{}", run.describe());
    assert_eq!(
        std::fs::read(out.join("名单2024.xlsx")).expect("still there"),
        b"spreadsheet"
    );
    assert_eq!(std::fs::read_dir(&out).expect("ls").count(), 1);
}

#[test]
fn a_folder_tuoyu_wrote_is_marked_and_replaced_by_the_next_build() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_fixture("valid-small", tmp.path(), "content");
    let first = tuoyu(tmp.path(), &["build", "--out", "public", "--quiet"]);
    assert_eq!(first.code, 0, "{}", first.describe());
    let mark = tmp.path().join("public/.tuoyu-output");
    assert!(mark.is_file(), "the output carries tuoyu's mark");
    let second = tuoyu(tmp.path(), &["build", "--out", "public", "--quiet"]);
    assert_eq!(second.code, 0, "{}", second.describe());
    assert!(tmp.path().join("public/index.html").is_file());
}

#[test]
fn english_messages_with_lang_en() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_fixture("valid-small", tmp.path(), "content");
    let run = tuoyu(tmp.path(), &["--lang", "en", "build", "--out", "content"]);
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(
        run.stderr.contains("would replace the content folder"),
        "{}",
        run.describe()
    );
}

#[test]
fn a_file_added_to_the_output_after_a_build_is_never_deleted() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_fixture("valid-small", tmp.path(), "content");
    let first = tuoyu(tmp.path(), &["build", "--quiet"]);
    assert_eq!(first.code, 0, "{}", first.describe());
    let stray = tmp.path().join("public/institutions/照片.jpg");
    std::fs::write(&stray, b"photo").expect("write");
    let second = tuoyu(tmp.path(), &["build", "--quiet"]);
    assert_eq!(second.code, 2, "{}", second.describe());
    assert!(
        second.stderr.contains("institutions/照片.jpg"),
        "{}",
        second.describe()
    );
    assert_eq!(std::fs::read(&stray).expect("still there"), b"photo");
}

#[cfg(unix)]
#[test]
fn a_second_build_of_unchanged_content_rewrites_no_file() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().expect("tmp");
    copy_fixture("valid-small", tmp.path(), "content");
    let inodes = || -> std::collections::BTreeMap<String, (u64, i64)> {
        let public = tmp.path().join("public");
        read_tree(&public)
            .keys()
            .filter(|rel| rel.as_str() != ".tuoyu-output")
            .map(|rel| {
                let m = std::fs::metadata(public.join(rel)).expect("stat");
                (rel.clone(), (m.ino(), m.mtime_nsec()))
            })
            .collect()
    };
    let first = tuoyu(tmp.path(), &["build", "--quiet"]);
    assert_eq!(first.code, 0, "{}", first.describe());
    let before = inodes();
    assert!(before.len() > 20, "the site has its files");
    let second = tuoyu(tmp.path(), &["build", "--quiet"]);
    assert_eq!(second.code, 0, "{}", second.describe());
    assert_eq!(inodes(), before, "every file is the same file as before");
}

#[test]
fn a_stopped_build_s_staging_folder_is_removed_by_the_next_build_and_nothing_else() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_fixture("valid-small", tmp.path(), "content");
    let folder = |name: &str, marked: bool| {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(dir.join("institutions")).expect("mkdir");
        std::fs::write(dir.join("institutions/a.html"), b"<p>").expect("write");
        if marked {
            std::fs::write(dir.join(".tuoyu-output"), b"tuoyu").expect("mark");
        }
        dir
    };
    // No process has a number this high (Linux's pid_max is at most 2^22).
    let stopped = folder(".public.tmp-999999999", true);
    let unmarked = folder(".public.tmp-999999998", false);
    let running = folder(&format!(".public.tmp-{}", std::process::id()), true);
    let other_site = folder(".report.tmp-999999997", true);
    let run = tuoyu(tmp.path(), &["build", "--out", "public", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    assert!(!stopped.exists(), "the stopped build's folder is removed");
    for kept in [&unmarked, &running, &other_site] {
        assert!(
            kept.join("institutions/a.html").is_file(),
            "{} stays",
            kept.display()
        );
    }
}
