//! Issue #9 item 4: one record edit changes few output files. Search files are named by their
//! own content hash (listed in the fixed-name `search/meta.js`), and term shards carry cards
//! without the volatile fields, so changing one record's 托位数 renames only the doc chunk
//! holding it; pages embed `search/meta.js` and do not change at all. compare.html's data
//! leaves the capacity to that card, and the output's mark lists search files by pattern.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common;

/// Every output file (path relative to `out`, search hashes taken out of the name: a renamed
/// search file is the same file changed) → its bytes. The output's mark is included: it
/// lists content-named files by pattern, so a renamed search file leaves it as it was.
fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(out).into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(out).expect("under out");
        let rel = rel.to_string_lossy().replace('\\', "/");
        files.insert(
            unhashed(&rel),
            std::fs::read(e.path()).expect("read output"),
        );
    }
    files
}

/// `search/d0.1a2b3c4d.js` → `search/d0.js`.
fn unhashed(rel: &str) -> String {
    let Some(stem) = rel.strip_suffix(".js") else {
        return rel.to_string();
    };
    match stem.rsplit_once('.') {
        Some((key, h)) if h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
            format!("{key}.js")
        }
        _ => rel.to_string(),
    }
}

#[test]
fn one_capacity_edit_changes_only_the_files_that_show_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("content");
    common::copy_dir(&common::repo().join("content"), &content);
    common::copy_dir(&common::repo().join("themes"), &tmp.path().join("themes"));
    let out = tmp.path().join("public");
    let build = || {
        let run = common::build(tmp.path(), "content", &out, &["--quiet", "--no-history"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.describe());
        snapshot(&out)
    };
    let before = build();
    // 示例·市南区湛山街道某托育中心: 60 places → 61.
    let file = content.join("filed/sample.yaml");
    let yaml = std::fs::read_to_string(&file).expect("read sample.yaml");
    let edited = yaml.replacen("  capacity: 60\n", "  capacity: 61\n", 1);
    assert_ne!(edited, yaml, "sample.yaml has a record of 60 places");
    std::fs::write(&file, edited).expect("write sample.yaml");
    let after = build();
    let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let changed: BTreeSet<&str> = names
        .into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .map(String::as_str)
        .collect();
    let expected = BTreeSet::from([
        // The record's page, its district's page, the pages with totals or a capacity column.
        "institutions/sample-shinan-zhanshan.html",
        "districts/shinan.html",
        "index.html",
        "stats.html",
        "filed.html",
        // The open data.
        "data/institutions.json",
        "data/institutions.csv",
        "data/institutions.xlsx",
        // The doc chunk holding its card, and meta (which lists that chunk's new name);
        // compare.html reads the capacity from that card too, so no compare file changes.
        "search/d0.js",
        "search/meta.js",
    ]);
    assert_eq!(changed, expected, "files changed by one capacity edit");
    assert!(
        before.len() > 60,
        "the site was built: {} files",
        before.len()
    );
}

#[test]
fn search_file_names_drop_only_their_own_hash() {
    assert_eq!(unhashed("search/t12.0a1b2c3d.js"), "search/t12.js");
    assert_eq!(unhashed("search/meta.js"), "search/meta.js");
    assert_eq!(unhashed("assets/search.js"), "assets/search.js");
}
