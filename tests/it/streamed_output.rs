//! Issue #12 item 2: `tuoyu build` makes the search index while writing and hands each file
//! to the writer as it is made (nothing holds the whole index). The files on disk must be
//! exactly those the in-memory rendering of the same site gives (the preview's path, where
//! the index is held and its files are jobs like any other), and meta must name every
//! search file written and no other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common;
use tuoyu::pipeline;
use tuoyu::render::{RenderOptions, Renderer};

/// Every file under `out` but the guard mark (tuoyu's bookkeeping), by `/`-separated path.
fn on_disk(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(out).into_iter().flatten() {
        let rel = e.path().strip_prefix(out).expect("under out");
        let rel = rel.to_string_lossy().replace('\\', "/");
        if e.file_type().is_file() && rel != ".tuoyu-output" {
            files.insert(rel, std::fs::read(e.path()).expect("read output"));
        }
    }
    files
}

/// The site of `content` rendered into memory with the index held (no disk).
fn in_memory(content: &Path, themes: &Path) -> BTreeMap<String, Vec<u8>> {
    let checked = pipeline::check(content).expect("content loads");
    let site = checked.site.expect("content validates");
    let theme = tuoyu::load::theme::load(themes, &site.config.theme).expect("theme loads");
    let renderer = Renderer::new(&site, &theme, &RenderOptions::default()).expect("renderer");
    let files = pipeline::render_to_memory(&renderer, &renderer.jobs()).expect("renders");
    files.into_iter().collect()
}

/// The search files meta lists: `search/<key><k>.<hash>.js` for file k of each kind.
fn listed_in_meta(meta: &[u8]) -> BTreeSet<String> {
    let text = std::str::from_utf8(meta).expect("meta is UTF-8");
    let json = text
        .strip_prefix("tuoyuSearch(\"meta\",")
        .and_then(|t| t.trim_end().strip_suffix(");"))
        .expect("meta is tuoyuSearch(\"meta\", {...});");
    let meta: serde_json::Value = serde_json::from_str(json).expect("meta is JSON");
    let files = meta["files"].as_object().expect("meta has files");
    let mut out = BTreeSet::new();
    for (kind, hashes) in files {
        let hashes = hashes.as_str().expect("hashes are a string");
        for (k, h) in hashes.as_bytes().chunks(8).enumerate() {
            let h = std::str::from_utf8(h).expect("hex");
            // `py` is one file whose key has no number.
            let key = if kind == "py" {
                kind.clone()
            } else {
                format!("{kind}{k}")
            };
            out.insert(format!("search/{key}.{h}.js"));
        }
    }
    out
}

#[test]
fn a_streamed_build_writes_the_files_of_the_in_memory_rendering() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("content");
    let themes = tmp.path().join("themes");
    common::copy_dir(&common::repo().join("content"), &content);
    common::copy_dir(&common::repo().join("themes"), &themes);
    let out = tmp.path().join("public");
    let run = common::build(tmp.path(), "content", &out, &["--quiet", "--no-history"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.describe());
    let disk = on_disk(&out);
    let memory = in_memory(&content, &themes);
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(names(&disk), names(&memory), "the same files");
    for (path, bytes) in &memory {
        assert!(disk[path] == *bytes, "{path}: the same bytes");
    }
    let search: BTreeSet<String> = disk
        .keys()
        .filter(|p| p.starts_with("search/") && *p != "search/meta.js")
        .cloned()
        .collect();
    assert!(
        search.len() > 3,
        "term shards, doc chunks, facets were written"
    );
    assert_eq!(
        search,
        listed_in_meta(&disk["search/meta.js"]),
        "meta names exactly the search files written"
    );
}
