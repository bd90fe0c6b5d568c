//! Fuzz target `markdown`: `tuoyu::render::markdown::render`, the one place where
//! editors' text reaches a page as HTML, must give safe HTML whatever the input.
//!
//! The output's tags are read back and checked: only the elements pulldown-cmark writes
//! for the enabled syntax, no `on…` event attribute, no `style`, and no `href`/`src`
//! whose URL (entities decoded, as a browser strips tabs, newlines and leading controls)
//! starts with `javascript:`, `vbscript:` or `data:`. And no `<script` anywhere.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tuoyu::render::markdown::render;

/// Every element the renderer may write (CommonMark + tables + strikethrough).
const ALLOWED: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes pulldown-cmark writes on those elements.
const ALLOWED_ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "start", "style", "id", "class",
];

fn decode(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn check_url(attr: &str, value: &str, html: &str) {
    let url: String = decode(value)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_start_matches(|c: char| c <= ' ')
        .to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:"] {
        assert!(
            !url.starts_with(scheme),
            "{attr}={value:?} is a {scheme} URL in {html:?}"
        );
    }
}

/// Read the tags of `html` and check each element and attribute.
fn check_tags(html: &str) {
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        let end = start
            + html[start..]
                .find('>')
                .unwrap_or_else(|| panic!("unclosed tag at {start} in {html:?}"));
        let tag = &html[start..end];
        i = end + 1;
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let tag = tag.strip_suffix('/').unwrap_or(tag).trim_end();
        let name_len = tag
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        assert!(ALLOWED.contains(&name), "element <{name}> in {html:?}");
        // Attributes: name="value" (pulldown-cmark always quotes with `"`, escaping `"`),
        // or a bare name (`disabled`, `checked`).
        let mut rest = tag[name_len..].trim_start();
        while !rest.is_empty() {
            let n = rest
                .find(|c: char| c == '=' || c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            let attr = rest[..n].to_ascii_lowercase();
            assert!(
                !attr.starts_with("on"),
                "event attribute {attr} in {html:?}"
            );
            assert!(
                ALLOWED_ATTRS.contains(&attr.as_str()),
                "attribute {attr} on <{name}> in {html:?}"
            );
            rest = &rest[n..];
            if let Some(r) = rest.strip_prefix("=\"") {
                let close = r
                    .find('"')
                    .unwrap_or_else(|| panic!("unclosed attribute value in {html:?}"));
                let value = &r[..close];
                if attr == "href" || attr == "src" {
                    check_url(&attr, value, html);
                }
                if attr == "style" {
                    // Only table cells' alignment.
                    assert!(
                        value.starts_with("text-align: "),
                        "style={value:?} in {html:?}"
                    );
                }
                rest = &r[close + 1..];
            } else if rest.starts_with('=') {
                panic!("unquoted attribute value in {html:?}");
            }
            rest = rest.trim_start();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the page depth, so both link roots get fuzzed.
    let root = if data.first().is_some_and(|b| b & 1 == 1) {
        "../"
    } else {
        ""
    };
    let html = render(text, root);
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "<script in {html:?}"
    );
    check_tags(&html);
});
