//! Tests of the helpers themselves: the tokenizer, the link checker, path resolution.

use std::collections::BTreeMap;

use super::*;

#[test]
fn tokenizer_reads_unquoted_and_quoted_attributes() {
    let t = tokenize(
        r#"<a href=../x.html class="a b" data-x='1'>T &amp; U</a><script type=application/ld+json>{"a":"</b>"}</script>"#,
    );
    assert_eq!(t[0].attr("href"), Some("../x.html"));
    assert!(t[0].has_class("b"));
    assert_eq!(t[0].attr("data-x"), Some("1"));
    assert_eq!(t[1], Tok::Text("T & U".into()));
    assert_eq!(
        json_ld_blocks(r#"<script type=application/ld+json>{"a":1}</script>"#),
        vec![r#"{"a":1}"#.to_string()]
    );
}

#[test]
fn link_checker_flags_what_breaks_and_spares_what_works() {
    let page = |body: &str| {
        format!("<!DOCTYPE html><html><head><link rel=canonical href=https://x.org/a/index.html></head><body>{body}</body></html>").into_bytes()
    };
    let mut tree = BTreeMap::new();
    tree.insert("index.html".to_string(), page("<a href=districts/d.html#s-0>d</a><a href=https://other.org/>o</a><a href=tel:123>t</a><a href=#top id=top>x</a>"));
    tree.insert(
        "districts/d.html".to_string(),
        page("<h2 id=s-0>s</h2><a href=../index.html>i</a><img src=../assets/x.svg>"),
    );
    tree.insert("assets/x.svg".to_string(), b"<svg/>".to_vec());
    assert!(
        check_links(&tree, "https://x.org/a/", true).is_empty(),
        "{}",
        format_bad_links(&check_links(&tree, "https://x.org/a/", true))
    );
    for bad in [
        "/index.html",
        "districts/",
        "nope.html",
        "https://x.org/a/index.html",
        "../../x.html",
        "javascript:alert(1)",
        "districts/d.html#nope",
    ] {
        let mut t = tree.clone();
        t.insert(
            "bad.html".to_string(),
            page(&format!("<a href=\"{bad}\">b</a>")),
        );
        let found = check_links(&t, "https://x.org/a/", true);
        assert_eq!(found.len(), 1, "{bad}: {}", format_bad_links(&found));
        assert_eq!(found[0].page, "bad.html");
    }
}

#[test]
fn resolves_relative_paths() {
    assert_eq!(
        resolve("districts/a.html", "../institutions/b.html").as_deref(),
        Some("institutions/b.html")
    );
    assert_eq!(resolve("index.html", "../x.html"), None);
    assert_eq!(
        resolve("districts/a.html", "a-2.html").as_deref(),
        Some("districts/a-2.html")
    );
}
