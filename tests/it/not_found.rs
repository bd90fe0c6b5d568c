//! 404.html is shown by web servers at any missed path (`/districts/nope.html`), so its
//! stylesheet, scripts and links must not be relative.

use crate::common;

#[test]
fn not_found_page_links_and_assets_start_from_the_site_address() {
    let tmp = tempfile::tempdir().expect("tmp");
    common::copy_fixture("valid-small", tmp.path(), "content");
    let run = common::tuoyu(
        tmp.path(),
        &[
            "build",
            "--out",
            "public",
            "--base-url",
            "https://example.net/care/",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.describe());
    let html = std::fs::read_to_string(tmp.path().join("public/404.html")).expect("404");
    for needle in [
        "https://example.net/care/assets/style.css",
        "https://example.net/care/index.html",
    ] {
        assert!(html.contains(needle), "404.html lacks {needle}");
    }
    assert!(
        !html.contains("\"assets/style.css\"") && !html.contains("=assets/style.css"),
        "a relative stylesheet breaks in sub-folders"
    );
    let home = std::fs::read_to_string(tmp.path().join("public/index.html")).expect("index");
    // The share image (og:image) must be absolute for WeChat and other previews; nothing else.
    let share = "https://example.net/care/assets/share.png";
    assert!(home.contains(share), "og:image is the absolute share image");
    assert!(
        !home
            .replace(share, "")
            .contains("https://example.net/care/assets/"),
        "other pages stay relative"
    );
}
