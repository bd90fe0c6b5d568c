//! The caches beside the build cache that spare a rebuild the whole-site work: the parsed
//! record files (`.tuoyu-cache/<out>.records/`), the rows of the JSON and CSV exports
//! (`.tuoyu-cache/<out>.rows/`) and the search index's state (`.tuoyu-cache/<out>.search`).
//! Each is used while what it was made from is unchanged, and never after; a damaged one is
//! ignored (the byte-for-byte comparison of incremental and clean builds over every kind of
//! edit is in `incremental.rs`).

use std::path::PathBuf;

use crate::incremental::Site;

/// `tuoyu build`'s parse cache (`.tuoyu-cache/<out>.records/`): a check reusing it gives what
/// a fresh check gives, after edits of records, of districts.yaml and site.yaml, with a
/// broken file, and with corrupt entries.
#[test]
fn a_check_reusing_the_parse_cache_equals_a_fresh_check() {
    use tuoyu::cache::parsed::ParsedCache;
    use tuoyu::pipeline::{check_cached, check_on};
    let site = Site::new();
    let content = site.root.join("content");
    let out = site.out();
    let today = jiff::civil::date(2026, 12, 1);
    let compare = |what: &str| {
        let with = check_cached(&content, today, &ParsedCache::load(&out)).expect("check");
        let fresh = check_on(&content, today).expect("check");
        let same_site = format!("{:?}", with.site) == format!("{:?}", fresh.site);
        assert!(same_site, "{what}: the site differs from a fresh check's");
        let same_diags = format!("{:?}", with.diagnostics) == format!("{:?}", fresh.diagnostics);
        assert!(same_diags, "{what}: the diagnostics differ");
    };
    compare("first check");
    compare("second check (all from the cache)");
    let dir = tuoyu::cache::parsed::dir_for(&out);
    let entries = || -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("the cache is written")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "rec"))
            .collect();
        v.sort();
        v
    };
    assert!(entries().len() >= 3, "one entry per record file");
    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 60\n",
        "  capacity: 61\n",
    );
    compare("a capacity change");
    site.edit("content/districts.yaml", "湛山街道", "湛山路街道");
    compare("a street renamed in districts.yaml (records now name an unknown street)");
    site.edit("content/districts.yaml", "湛山路街道", "湛山街道");
    compare("the street named back");
    site.edit(
        "content/site.yaml",
        "title: 青岛市托育服务机构名录",
        "title: 青岛托育名录",
    );
    compare("a site.yaml change");
    site.write("content/filed/broken.yaml", "id: [unclosed\n");
    compare("a broken file");
    std::fs::remove_file(site.root.join("content/filed/broken.yaml")).expect("remove");
    for (k, e) in entries().iter().enumerate() {
        let bytes = std::fs::read(e).expect("entry");
        let broken = match k % 2 {
            0 => bytes[..bytes.len() / 2].to_vec(),
            // A well-formed empty entry (no records) under a stale checksum.
            _ => [&bytes[..16], &[0u8, 0][..]].concat(),
        };
        std::fs::write(e, broken).expect("write");
    }
    compare("corrupt entries");
    compare("after corrupt entries");
}

/// The parse cache is used while a file and what its records depend on are unchanged, and
/// not after: a cached entry changed behind tuoyu's back shows through until districts.yaml
/// changes, or the cache's version (its index header) differs.
#[test]
fn the_parse_cache_is_used_only_in_the_context_it_was_made_in() {
    use tuoyu::cache::parsed::{ParsedCache, dir_for, edit_entries};
    use tuoyu::pipeline::check_cached;
    let site = Site::new();
    let (content, out) = (site.root.join("content"), site.out());
    let today = jiff::civil::date(2026, 12, 1);
    let capacity_as = |cache: ParsedCache| {
        let checked = check_cached(&content, today, &cache).expect("check");
        let site = checked.site.expect("a good site");
        let inst = site
            .institutions
            .iter()
            .find(|i| i.id == "sample-shinan-zhanshan");
        inst.expect("the sample institution").capacity
    };
    let capacity = || capacity_as(ParsedCache::load(&out));
    assert_eq!(capacity(), Some(60));
    // Alter every cached entry: capacity 60 becomes 7 (what a reused entry would show).
    let tamper = || {
        let edited = edit_entries(&out, |i| {
            if i.capacity == Some(60) {
                i.capacity = Some(7);
            }
        });
        assert!(edited.expect("cache") >= 3);
    };
    tamper();
    assert_eq!(
        capacity(),
        Some(7),
        "the unchanged file was not read from the cache"
    );
    site.edit(
        "content/districts.yaml",
        "population: 486643",
        "population: 486644",
    );
    assert_eq!(
        capacity(),
        Some(60),
        "a cached parse survived a districts.yaml edit"
    );
    tamper();
    assert_eq!(capacity(), Some(7));
    site.edit(
        "content/site.yaml",
        "title: 青岛市托育服务机构名录",
        "title: 青岛托育名录",
    );
    assert_eq!(
        capacity(),
        Some(60),
        "a cached parse survived a site.yaml edit"
    );
    tamper();
    let other = ParsedCache::load_as(&out, "tuoyu 0.0.0-other".into());
    assert_eq!(
        capacity_as(other),
        Some(60),
        "a cache of another version was used"
    );
    assert_eq!(capacity(), Some(60));
    tamper();
    // A damaged index: nothing is trusted by its stamp, but entries are still found by
    // their bytes' hash (and they are whole).
    std::fs::write(dir_for(&out).join("index"), "garbage").expect("write");
    assert_eq!(capacity(), Some(7));
}

/// The JSON and CSV exports copy the rows of unchanged records from the previous file: a
/// row changed behind tuoyu's back (same size, time and inode, so the file still counts as
/// unchanged) survives a rebuild after another record's edit, which the edited row shows.
#[test]
fn unchanged_rows_of_the_exports_are_copied_from_the_previous_file() {
    let site = Site::new();
    site.build_into(&site.out());
    let exports = ["data/institutions.json", "data/institutions.csv"];
    for rel in exports {
        let path = site.out().join(rel);
        let modified = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
        let text = std::fs::read_to_string(&path).expect("export");
        assert!(text.contains("sample-shinan-jiangsulu"), "{rel}");
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        use std::io::Write as _;
        (&file)
            .write_all(
                text.replace("sample-shinan-jiangsulu", "sample-shinan-jiangsulX")
                    .as_bytes(),
            )
            .expect("write in place");
        file.set_modified(modified).expect("set mtime");
    }
    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 60\n",
        "  capacity: 61\n",
    );
    // Twice: the rows of an updated export are known to the next build too.
    for (run, to) in ["  capacity: 61\n", "  capacity: 62\n"].iter().enumerate() {
        if run == 1 {
            site.edit("content/filed/sample.yaml", "  capacity: 61\n", to);
        }
        site.build_into(&site.out());
        for rel in exports {
            let text = std::fs::read_to_string(site.out().join(rel)).expect("export");
            assert!(
                text.contains("sample-shinan-jiangsulX"),
                "{rel}, build {run}: the unchanged row was not copied from the previous file"
            );
            assert!(!text.contains("sample-shinan-jiangsulu"), "{rel}");
        }
    }
    let json = std::fs::read_to_string(site.out().join(exports[0])).expect("json");
    let zhanshan = json
        .find("\"id\":\"sample-shinan-zhanshan\"")
        .expect("the edited row");
    assert!(
        json[zhanshan..]
            .split("},{")
            .next()
            .is_some_and(|row| row.contains("\"capacity\":62"))
    );
}

/// The search index's state beside the build cache (`.tuoyu-cache/public.search`) is used by
/// the next build (a rebuild without edits keeps every term shard and doc chunk); a damaged
/// state is not, and an index file deleted by hand is made again; the bytes are the clean
/// build's every time. (That an edit makes again only the files holding the record is shown
/// on a larger index in `src/render/search/reuse_tests.rs`.)
#[test]
fn the_search_index_is_made_from_its_last_state_or_afresh() {
    let mut site = Site::new();
    site.build_into(&site.out());
    let state = site.root.join(".tuoyu-cache/public.search");
    assert!(state.is_file(), "a build leaves the search index's state");
    let index_files = |site: &Site, prefix: &str| {
        let tree = crate::common::read_tree(&site.out());
        tree.into_keys().filter(|p| p.starts_with(prefix)).count()
    };
    let reusable = index_files(&site, "search/t") + index_files(&site, "search/d");
    assert_eq!(
        kept_by_rebuild(&site),
        reusable,
        "every shard and doc chunk kept"
    );

    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 60\n",
        "  capacity: 62\n",
    );
    site.rebuild_matches_clean("a capacity change, the index from its state");

    let mut damaged = std::fs::read(&state).expect("state");
    let at = damaged.len() / 2;
    damaged[at] ^= 0x55;
    std::fs::write(&state, &damaged).expect("write");
    assert_eq!(kept_by_rebuild(&site), 0, "a damaged state was used");
    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 62\n",
        "  capacity: 60\n",
    );
    site.rebuild_matches_clean("after a damaged search state");

    // An index file gone: made again, not taken as kept.
    let shard = crate::common::read_tree(&site.out())
        .into_keys()
        .find(|p| p.starts_with("search/t"))
        .expect("a term shard");
    std::fs::remove_file(site.out().join(&shard)).expect("remove");
    site.rebuild_matches_clean("an index file deleted by hand");
    assert!(site.out().join(&shard).is_file(), "{shard} was made again");
}

/// Rebuild `site` over its output; how many search files it kept from the last build (as
/// `TUOYU_TIMINGS` reports it).
fn kept_by_rebuild(site: &Site) -> usize {
    let out = site.out();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .current_dir(&site.root)
        .args(["build", "--content", "content", "--quiet", "--out"])
        .arg(&out)
        .env("TUOYU_TIMINGS", "1")
        .output()
        .expect("tuoyu runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("timing: search index: "))
        .unwrap_or_else(|| panic!("no note of kept files in:\n{stderr}"));
    let count = line.split(' ').next().unwrap_or_default();
    count
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {line}"))
}
