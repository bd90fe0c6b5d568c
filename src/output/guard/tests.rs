//! The output guard against real folders.

use super::*;

fn site_tree() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    for d in ["content/filed", "themes/default"] {
        std::fs::create_dir_all(tmp.path().join(d)).unwrap_or_else(|e| panic!("{d}: {e}"));
    }
    tmp
}

fn key(r: Result<(), Refused>) -> Option<&'static str> {
    r.err().and_then(|Refused(t)| t.key())
}

#[test]
fn refuses_output_inside_equal_to_or_above_the_content() {
    let tmp = site_tree();
    let content = tmp.path().join("content");
    let themes = tmp.path().join("themes");
    let protected = [
        (Protected::Content, content.as_path()),
        (Protected::Themes, themes.as_path()),
    ];
    let at = |p: &str| key(check(&tmp.path().join(p), &protected));
    assert_eq!(at("content/filed"), Some("out-inside-protected"));
    assert_eq!(at("content/filed/new/deeper"), Some("out-inside-protected"));
    assert_eq!(at("content"), Some("out-replaces-protected"));
    assert_eq!(at("content/../content"), Some("out-replaces-protected"));
    assert_eq!(at("themes/default"), Some("out-inside-protected"));
    assert_eq!(at(""), Some("out-replaces-protected"));
    assert_eq!(at("public"), None);
}

#[test]
fn refuses_a_folder_holding_files_tuoyu_did_not_write() {
    let tmp = site_tree();
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(key(check(&out, &[])), None, "an empty folder may be used");
    std::fs::write(out.join("名单.xlsx"), b"x").unwrap_or_else(|e| panic!("{e}"));
    let refused = check(&out, &[]).err().map(|Refused(t)| t);
    assert_eq!(refused.as_ref().and_then(|t| t.key()), Some("out-not-ours"));
    let words = refused.map(|t| t.render(crate::diagnostics::Lang::Zh));
    assert!(words.is_some_and(|w| w.contains("名单.xlsx")));
    std::fs::write(out.join(MARK), MARK_TEXT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(key(check(&out, &[])), None, "a marked folder is tuoyu's");
}

#[test]
fn refuses_a_file_as_the_output_folder() {
    let tmp = site_tree();
    let out = tmp.path().join("public");
    std::fs::write(&out, b"x").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(key(check(&out, &[])), Some("out-is-file"));
}

#[cfg(unix)]
#[test]
fn sees_through_links_to_the_content() {
    let tmp = site_tree();
    let content = tmp.path().join("content");
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&content, &link).unwrap_or_else(|e| panic!("{e}"));
    let protected = [(Protected::Content, content.as_path())];
    assert_eq!(
        key(check(&link.join("filed"), &protected)),
        Some("out-inside-protected")
    );
}
