//! The index made from the last build's state is the index made from scratch, byte for
//! byte, and only the files that hold an edited record are made again.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use super::super::{build, stream_reusing};
use super::{Reuse, State};
use crate::model::Site;
use crate::render::OutputFile;
use crate::render::fingerprint::{Fingerprint, of_bytes};

type Files = BTreeMap<String, Vec<u8>>;

/// The records of content/, each repeated `copies` times under its own id, name and
/// house number (enough documents for many term shards).
fn site(copies: usize) -> Site {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = jiff::civil::date(2026, 12, 1);
    let checked = crate::pipeline::check_on(&content, today).expect("content loads");
    let mut site = checked.site.expect("content/ validates");
    let originals = std::mem::take(&mut site.institutions);
    for k in 0..copies {
        for i in &originals {
            let mut i = i.clone();
            i.id = format!("{}-{k}", i.id);
            i.name = format!("{}第{k}分园", i.name);
            i.address = i.address.map(|a| format!("{a}{k}号"));
            site.institutions.push(i);
        }
    }
    site
}

fn hashes(site: &Site) -> Vec<Fingerprint> {
    let h = |i| of_bytes(format!("{i:?}").as_bytes());
    site.institutions.iter().map(h).collect()
}

/// The files a build made, the paths it kept from `old`, and its state.
fn make(site: &Site, previous: Option<State>, old: &Files) -> (Files, Vec<String>, State) {
    let (made, kept) = (Mutex::new(Files::new()), Mutex::new(Vec::new()));
    let keep = |path: &str| {
        let there = old.contains_key(path);
        if there {
            kept.lock().expect("lock").push(path.to_string());
        }
        there
    };
    let sink = |f: OutputFile| {
        made.lock().expect("lock").insert(f.path, f.bytes);
        Ok(())
    };
    let hashes = hashes(site);
    let reuse = Reuse {
        hashes: &hashes,
        previous,
        keep: &keep,
    };
    let state = stream_reusing(site, None, &sink, Some(reuse), None).expect("in memory");
    let (made, kept) = (
        made.into_inner().expect("lock"),
        kept.into_inner().expect("lock"),
    );
    (made, kept, state.expect("a small index leaves a state"))
}

/// The index made from scratch, without any state.
fn scratch(site: &Site) -> Files {
    build(site).files.into_iter().collect()
}

/// The files of a build over `old`: those it made, and those it kept.
fn whole(made: &Files, kept: &[String], old: &Files) -> Files {
    let mut all = made.clone();
    for path in kept {
        all.insert(path.clone(), old[path].clone());
    }
    all
}

fn shards(files: &Files, paths: impl IntoIterator<Item = String>) -> usize {
    let shard = |p: &String| p.starts_with("search/t") && files.contains_key(p);
    paths.into_iter().filter(shard).count()
}

#[test]
fn an_edited_record_makes_again_only_the_files_that_hold_it() {
    let mut site = site(60);
    let (first, kept, state) = make(&site, None, &Files::new());
    assert!(kept.is_empty());
    assert!(
        first == scratch(&site),
        "a build leaving a state makes the same files"
    );
    let total = shards(&first, first.keys().cloned());
    assert!(total > 20, "many term shards ({total})");

    // A capacity (on the card) and an address (its terms) change, of one record.
    site.institutions[300].capacity = Some(97);
    site.institutions[300].address = Some("新建路88号".into());
    let (made, kept, _) = make(&site, Some(state), &first);
    let after = whole(&made, &kept, &first);
    assert!(
        after == scratch(&site),
        "the edited index equals one made from scratch"
    );
    let remade = shards(&after, made.keys().cloned());
    assert!(remade * 2 < total, "{remade} of {total} shards made again");
    assert!(shards(&after, kept.iter().cloned()) + remade == total);
    assert!(
        kept.iter().any(|p| p.starts_with("search/d")),
        "untouched doc chunks kept"
    );
}

/// Term shards carry cards without the capacity (`VOLATILE`): an edit of it alone makes no
/// shard again, only the record's doc chunk and the meta.
#[test]
fn a_capacity_edit_makes_no_term_shard_again() {
    let mut site = site(60);
    let (first, _, state) = make(&site, None, &Files::new());
    site.institutions[300].capacity = Some(site.institutions[300].capacity.unwrap_or(0) + 7);
    let (made, kept, _) = make(&site, Some(state), &first);
    let after = whole(&made, &kept, &first);
    assert!(after == scratch(&site), "equals an index made from scratch");
    let mut made: Vec<&str> = made
        .keys()
        .map(|k| &k[..k.find('.').unwrap_or(k.len())])
        .collect();
    made.retain(|k| !k.starts_with("search/py") && !k.starts_with("search/b"));
    made.retain(|k| !k.starts_with("search/s"));
    assert_eq!(made.len(), 2, "made again: {made:?}");
    assert!(made.contains(&"search/meta"), "made again: {made:?}");
    assert!(
        made.iter().any(|k| k.starts_with("search/d")),
        "made again: {made:?}"
    );
}

/// A corrected name moves the record in name order: documents are numbered by id, so the
/// last build's index still holds for every other one.
#[test]
fn a_renamed_record_keeps_the_other_documents_files() {
    let mut site = site(60);
    let (first, _, state) = make(&site, None, &Files::new());
    let total = shards(&first, first.keys().cloned());
    // From the first place in name order to the last.
    let last = site.institutions.iter().map(|i| i.name.clone()).max();
    site.institutions[0].name = format!("{}乙", last.unwrap_or_default());
    let (made, kept, state) = make(&site, Some(state), &first);
    let after = whole(&made, &kept, &first);
    assert!(after == scratch(&site), "equals an index made from scratch");
    let remade = shards(&after, made.keys().cloned());
    assert!(remade * 2 < total, "{remade} of {total} shards made again");
    let wire = postcard::to_allocvec(&state).map_or(usize::MAX, |b| b.len());
    assert!(
        wire <= state.wire_bound(),
        "the state's {wire} bytes within its bound {}",
        state.wire_bound()
    );
}

#[test]
fn files_no_longer_in_place_or_other_documents_make_the_index_afresh() {
    let mut site = site(20);
    let (first, _, state) = make(&site, None, &Files::new());
    // The last build's files are gone: every one is made again.
    site.institutions[3].capacity = Some(5);
    let (made, kept, state) = make(&site, Some(state), &Files::new());
    assert!(kept.is_empty());
    assert!(made == scratch(&site));

    // One more document: every document number after it moves, nothing is kept.
    let mut extra = site.institutions[0].clone();
    extra.id = "extra".into();
    extra.name = "新增托育园".into();
    site.institutions.push(extra);
    let (made, kept, _) = make(&site, Some(state), &first);
    assert!(kept.is_empty(), "kept {kept:?}");
    assert!(made == scratch(&site));
}

#[test]
fn a_state_is_in_place_only_once_installed_and_none_removes_the_last() {
    use crate::cache::search::{load, path_for, prepare, save};
    let site = site(2);
    let (_, _, state) = make(&site, None, &Files::new());
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    save(&out, Some(&state)).expect("saved");
    let before = std::fs::read(path_for(&out)).expect("state file");
    assert!(load(&out).is_some());
    // A build whose files did not move into place: its state is dropped, not installed.
    drop(prepare(&out, Some(&state)));
    let cache_dir = path_for(&out).parent().expect("cache folder").to_path_buf();
    let names: Vec<_> = std::fs::read_dir(&cache_dir)
        .expect("cache folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "no half-made state is left: {names:?}");
    assert_eq!(std::fs::read(path_for(&out)).expect("state file"), before);
    // A build that leaves no state removes the last one.
    prepare(&out, None).install().expect("removed");
    assert!(!path_for(&out).exists());
}
