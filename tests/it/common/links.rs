//! The link checker of the tests: every href/src of a built site resolves to a file (and
//! its fragment to an id) inside the site.

use std::collections::BTreeMap;

use super::*;

/// Resolve `href` (already stripped of query and fragment) against the folder of `from`,
/// both relative to the site root. None when it climbs out of the site.
pub fn resolve(from: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Undo %XX escapes in a path.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every `id` attribute in a page.
pub fn ids_in(html: &str) -> std::collections::HashSet<String> {
    tokenize(html)
        .iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect()
}

/// Where a link is broken, and why.
#[derive(Debug)]
pub struct BadLink {
    pub page: String,
    pub attr: String,
    pub url: String,
    pub why: String,
}

/// Check every href/src/action in every HTML file of `tree` (see build_output.rs for the rules).
pub fn check_links(
    tree: &BTreeMap<String, Vec<u8>>,
    base_url: &str,
    check_fragments: bool,
) -> Vec<BadLink> {
    let mut bad = Vec::new();
    let mut ids_cache: BTreeMap<String, std::collections::HashSet<String>> = BTreeMap::new();
    for (page, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for t in tokenize(&html) {
            let Tok::Start { name, attrs } = &t else {
                continue;
            };
            for (attr, url) in attrs {
                if !matches!(attr.as_str(), "href" | "src" | "action") {
                    continue;
                }
                let mut fail = |why: &str| {
                    bad.push(BadLink {
                        page: page.clone(),
                        attr: format!("<{name} {attr}>"),
                        url: url.clone(),
                        why: why.to_string(),
                    })
                };
                let u = url.trim();
                if u.is_empty() {
                    fail("empty URL");
                    continue;
                }
                // 404.html is served at whatever path was missed, so its links into the
                // site start from base_url; check them as paths from the site root.
                let rebased;
                let u = match u.strip_prefix(base_url) {
                    Some(rest) if page == "404.html" => {
                        rebased = rest.to_string();
                        rebased.as_str()
                    }
                    _ => u,
                };
                let lower = u.to_ascii_lowercase();
                let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| {
                    !s.is_empty()
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                        && !s.contains('/')
                });
                if let Some(scheme) = scheme {
                    match scheme {
                        "http" | "https" => {
                            let canonical = name == "link"
                                && t.attr("rel").is_some_and(|r| {
                                    r.split_whitespace()
                                        .any(|x| x == "canonical" || x == "alternate")
                                });
                            if lower.starts_with(&base_url.to_ascii_lowercase()) && !canonical {
                                fail(
                                    "absolute link into the site (only canonical links may use base_url)",
                                );
                            }
                        }
                        "mailto" | "tel" | "data" => {}
                        _ => fail("unexpected URL scheme"),
                    }
                    continue;
                }
                if u.starts_with('/') {
                    fail(
                        "root-relative or protocol-relative link (breaks under a sub-path and on file://)",
                    );
                    continue;
                }
                let (before_frag, frag) = match u.split_once('#') {
                    Some((a, f)) => (a, Some(f)),
                    None => (u, None),
                };
                let path = before_frag.split('?').next().unwrap_or("");
                let target = if path.is_empty() {
                    page.clone()
                } else {
                    if path.ends_with('/')
                        || path == "."
                        || path == ".."
                        || path.ends_with("/.")
                        || path.ends_with("/..")
                    {
                        fail("names a folder, not a file");
                        continue;
                    }
                    match resolve(page, &percent_decode(path)) {
                        Some(t) => t,
                        None => {
                            fail("climbs out of the site");
                            continue;
                        }
                    }
                };
                if !tree.contains_key(&target) {
                    fail(&format!("target `{target}` does not exist"));
                    continue;
                }
                if let (true, Some(frag)) = (check_fragments, frag) {
                    if frag.is_empty() || !target.ends_with(".html") {
                        continue;
                    }
                    let ids = ids_cache
                        .entry(target.clone())
                        .or_insert_with(|| ids_in(&String::from_utf8_lossy(&tree[&target])));
                    let frag = percent_decode(frag);
                    if !ids.contains(&frag) {
                        fail(&format!("no element with id `{frag}` in `{target}`"));
                    }
                }
            }
        }
    }
    bad
}

pub fn format_bad_links(bad: &[BadLink]) -> String {
    bad.iter()
        .take(60)
        .map(|b| format!("  {}: {} = {:?}: {}", b.page, b.attr, b.url, b.why))
        .collect::<Vec<_>>()
        .join("\n")
}
