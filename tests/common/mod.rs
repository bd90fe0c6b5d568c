//! Helpers shared by the integration tests: run the real `tuoyu` binary on fixture
//! folders, read a built site into memory, and pick HTML apart without a parser crate.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/fixtures/` of this crate.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// For assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Run `tuoyu <args>` with `cwd` as the working folder.
pub fn tuoyu(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .current_dir(cwd)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .output()
        .expect("the tuoyu binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `tuoyu check --content <name> --format <format>` run from tests/fixtures/, so paths in
/// messages read `name/filed/x.yaml:3:13` wherever the repository is checked out.
pub fn check_fixture(name: &str, format: &str) -> Run {
    tuoyu(
        &fixtures(),
        &["check", "--content", name, "--format", format],
    )
}

/// `tuoyu check` on a content folder `parent/name`, run from `parent`.
pub fn check_in(parent: &Path, name: &str, format: &str) -> Run {
    tuoyu(parent, &["check", "--content", name, "--format", format])
}

/// `tuoyu build --content <fixture> --out <out> [extra]`, run from tests/fixtures/.
pub fn build_fixture(name: &str, out: &Path, extra: &[&str]) -> Run {
    let out = out.to_str().expect("utf-8 temp path");
    let mut args = vec!["build", "--content", name, "--out", out];
    args.extend_from_slice(extra);
    tuoyu(&fixtures(), &args)
}

/// Build a fixture into a fresh temp dir and return the dir (kept alive) and the site root.
pub fn built_fixture(name: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let run = build_fixture(name, &out, extra);
    assert_eq!(
        run.code,
        0,
        "building fixture `{name}` failed:\n{}",
        run.describe()
    );
    (tmp, out)
}

/// Copy a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Copy fixture `name` into `parent/<as_name>` and return the new folder.
pub fn copy_fixture(name: &str, parent: &Path, as_name: &str) -> PathBuf {
    let to = parent.join(as_name);
    copy_dir(&fixtures().join(name), &to);
    to
}

/// Every file under `dir`, keyed by its `/`-separated path relative to `dir`.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry"))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if e.file_type().expect("file type").is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Read one output file as text.
pub fn text(site: &Path, rel: &str) -> String {
    let p = site.join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    String::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"))
}

/// Names of the files that differ between two trees (added, removed or changed).
pub fn tree_diff(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in a {
        match b.get(k) {
            None => out.push(format!("only in first: {k}")),
            Some(w) if w != v => out.push(format!("differs: {k}")),
            _ => {}
        }
    }
    for k in b.keys().filter(|k| !a.contains_key(*k)) {
        out.push(format!("only in second: {k}"));
    }
    out
}

// ---------------------------------------------------------------------------------------
// A small HTML tokenizer: enough to find tags, attributes (quoted or not, as a minifier
// leaves them), text and the raw content of <script>/<style>.

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
    Text(String),
    /// The raw content of a <script> or <style> element (follows its Start). The content
    /// of <title> and <textarea> is Text: no tags are read inside them either.
    Raw(String),
}

impl Tok {
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Tok::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
    pub fn is_start(&self, tag: &str) -> bool {
        matches!(self, Tok::Start { name, .. } if name == tag)
    }
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// Decode the character references a template engine or minifier writes.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|j| j + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn tokenize(html: &str) -> Vec<Tok> {
    let b = html.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |toks: &mut Vec<Tok>, from: usize, to: usize| {
        if to > from {
            toks.push(Tok::Text(decode_entities(&html[from..to])));
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            flush(&mut toks, text_start, i);
            i = html[i..].find("-->").map(|j| i + j + 3).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        if html[i..].starts_with("<!") || html[i..].starts_with("<?") {
            flush(&mut toks, text_start, i);
            i = html[i..].find('>').map(|j| i + j + 1).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let name_start = if closing { i + 2 } else { i + 1 };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        flush(&mut toks, text_start, i);
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        if closing {
            i = html[j..].find('>').map(|k| j + k + 1).unwrap_or(b.len());
            toks.push(Tok::End(name));
            text_start = i;
            continue;
        }
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                j += 1;
                continue;
            }
            let k0 = j;
            let ends_name = |j: usize| {
                j >= b.len()
                    || b[j].is_ascii_whitespace()
                    || matches!(b[j], b'=' | b'>')
                    || (b[j] == b'/' && b.get(j + 1) == Some(&b'>'))
            };
            while !ends_name(j) {
                j += 1;
            }
            let key = html[k0..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v0 = j + 1;
                    let v1 = b[v0..]
                        .iter()
                        .position(|c| *c == q)
                        .map(|p| v0 + p)
                        .unwrap_or(b.len());
                    value = decode_entities(&html[v0..v1]);
                    j = (v1 + 1).min(b.len());
                } else {
                    let v0 = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[v0..j]);
                }
            }
            if !key.is_empty() {
                attrs.push((key, value));
            }
        }
        toks.push(Tok::Start {
            name: name.clone(),
            attrs,
        });
        i = j;
        if matches!(name.as_str(), "script" | "style" | "title" | "textarea") {
            // Raw text (script, style) and escapable raw text (title, textarea): HTML reads
            // no tags inside them until the matching end tag.
            let close = format!("</{name}");
            let lower = html[i..].to_ascii_lowercase();
            let end = lower.find(&close).map(|k| i + k).unwrap_or(b.len());
            if name == "script" || name == "style" {
                toks.push(Tok::Raw(html[i..end].to_string()));
            } else if end > i {
                toks.push(Tok::Text(decode_entities(&html[i..end])));
            }
            i = end;
        }
        text_start = i;
    }
    flush(&mut toks, text_start, b.len());
    toks
}

/// The tokens inside the first `<main>` element (the whole page if there is none).
pub fn main_tokens(html: &str) -> Vec<Tok> {
    let toks = tokenize(html);
    let Some(start) = toks.iter().position(|t| t.is_start("main")) else {
        return toks;
    };
    let end = toks[start..]
        .iter()
        .position(|t| *t == Tok::End("main".into()))
        .map(|e| start + e)
        .unwrap_or(toks.len());
    toks[start..end].to_vec()
}

/// The text of the element that starts at `toks[i]` (up to its matching end tag).
pub fn element_text(toks: &[Tok], i: usize) -> String {
    let Tok::Start { name, .. } = &toks[i] else {
        return String::new();
    };
    let mut depth = 0;
    let mut out = String::new();
    for t in &toks[i..] {
        match t {
            Tok::Start { name: n, .. } if n == name => depth += 1,
            Tok::End(n) if n == name => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Tok::Text(s) => out.push_str(s),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The content of every `<script type="application/ld+json">` block.
pub fn json_ld_blocks(html: &str) -> Vec<String> {
    let toks = tokenize(html);
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.is_start("script")
            && t.attr("type") == Some("application/ld+json")
            && let Some(Tok::Raw(s)) = toks.get(k + 1)
        {
            out.push(s.clone());
        }
    }
    out
}

/// Institution ids linked from the given tokens (`…institutions/<id>.html`), in order,
/// each listed once.
pub fn institution_links(toks: &[Tok]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in toks {
        if let Some(href) = t.attr("href") {
            let path = href.split(['#', '?']).next().unwrap_or("");
            if let Some((_, rest)) = path.rsplit_once("institutions/")
                && let Some(id) = rest.strip_suffix(".html")
                && !id.contains('/')
                && !out.iter().any(|x| x == id)
            {
                out.push(id.to_string());
            }
        }
    }
    out
}

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

pub const BIG_BASE: &str = "https://tuoyu.example.org/big/";
pub const BIG_STREETS: [&str; 3] = ["甲街道", "乙街道", "丙街道"];

/// Records in district `big` of [`build_big_site`].
pub const BIG_N: usize = 450;

/// Write a content folder with BIG_N filed records in district `big` (spread over three
/// streets) and one record in district `small`; build it; return (tempdir, site root).
pub fn build_big_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("big");
    std::fs::create_dir_all(content.join("filed")).expect("mkdir");
    std::fs::write(
        content.join("site.yaml"),
        format!("title: 大名录\ncity: 测试市\nbase_url: {BIG_BASE}\n"),
    )
    .expect("write");
    std::fs::write(
        content.join("districts.yaml"),
        format!("- id: big\n  name: 大区\n  population: 1000000\n  streets: [{}]\n- id: small\n  name: 小区\n  streets: [一街道]\n", BIG_STREETS.join(", ")),
    )
    .expect("write");
    let mut yaml = String::new();
    for k in 0..BIG_N {
        yaml.push_str(&format!(
            "- id: inst-{k:03}\n  name: 测试托育机构{k:03}\n  district: big\n  street: {}\n  address: 测试路 {k} 号\n  filed_on: 2021-06-01\n  capacity: 10\n",
            BIG_STREETS[k % 3]
        ));
    }
    std::fs::write(content.join("filed/all.yaml"), yaml).expect("write");
    std::fs::write(
        content.join("filed/small.yaml"),
        "id: small-one\nname: 小机构\ndistrict: small\naddress: 一路\nfiled_on: 2021-06-01\n",
    )
    .expect("write");
    let out = tmp.path().join("public");
    let run = tuoyu(
        tmp.path(),
        &[
            "build",
            "--content",
            "big",
            "--out",
            out.to_str().expect("utf-8"),
            "--quiet",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.describe());
    (tmp, out)
}

/// The text of a run of tokens, concatenated (what a reader sees, tags left out).
pub fn text_of(toks: &[Tok]) -> String {
    toks.iter()
        .filter_map(|t| match t {
            Tok::Text(s) => Some(s.as_str()),
            _ => None,
        })
        .collect()
}

/// The open-data CSV (without its BOM): the header, the rows, and a column by name.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<csv::StringRecord>,
}

impl Csv {
    pub fn parse(body: &[u8]) -> Csv {
        let mut rdr = csv::Reader::from_reader(body);
        let header = rdr
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = rdr.records().map(|r| r.expect("row")).collect();
        Csv { header, rows }
    }

    /// The index of the column `name` (panics, naming the columns, if there is none).
    pub fn col(&self, name: &str) -> usize {
        let header = &self.header;
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no `{name}` column in {header:?}"))
    }

    /// The row whose `id` column is `id`.
    pub fn row(&self, id: &str) -> &csv::StringRecord {
        let c = self.col("id");
        self.rows
            .iter()
            .find(|r| &r[c] == id)
            .unwrap_or_else(|| panic!("no row with id {id}"))
    }
}

#[cfg(test)]
mod self_tests {
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
}
