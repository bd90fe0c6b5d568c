//! Term shards made a group at a time, with each card made when a shard needs it (how a
//! large index is built), are the shards made all at once, byte for byte: with the
//! documents' terms made again for each group, read back from a scratch file, or made again
//! when that file cannot be read.

use std::collections::HashMap;
use std::path::Path;

use super::{Docs, build_in, street_terms};
use crate::model::Institution;

#[test]
fn shards_made_in_groups_are_the_shards_made_at_once() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = jiff::civil::date(2026, 12, 1);
    let checked = crate::pipeline::check_on(&content, today).expect("content loads");
    let site = checked.site.expect("content/ validates");
    let list: Vec<&Institution> = site.institutions.iter().collect();
    let cards: Vec<std::sync::OnceLock<Box<[u8]>>> =
        list.iter().map(|_| Default::default()).collect();
    let short_names: HashMap<String, Vec<u32>> = HashMap::new();
    let streets = street_terms(&site);
    let make = |cards: Option<&[std::sync::OnceLock<Box<[u8]>>]>,
                groups: usize,
                scratch: Option<std::fs::File>| {
        let docs = Docs {
            list: &list,
            cards,
            short_names: &short_names,
            street_terms: &streets,
        };
        build_in(
            &docs,
            &|key, bytes| Ok::<_, ()>((key, bytes)),
            groups,
            scratch,
        )
    };
    let Ok(whole) = make(Some(&cards), 1, None) else {
        panic!("collecting files cannot fail");
    };
    assert!(whole.files.len() > 3, "more shards than groups");
    assert!(!whole.heavy.is_empty(), "some terms are heavy");
    let scratch = || tempfile::tempfile().expect("a scratch file");
    // A file opened for reading only takes no terms: every pass makes them afresh.
    let unwritable = || {
        let path = tempfile::NamedTempFile::new().expect("a temporary file");
        std::fs::File::open(path.path()).expect("opened for reading")
    };
    let ways = [
        ("made again", None, 0),
        ("read back", Some(scratch()), 1),
        ("unwritable scratch", Some(unwritable()), 0),
    ];
    for (way, file, written) in ways {
        let handle = file
            .as_ref()
            .map(|f| f.try_clone().expect("a second handle"));
        let Ok(grouped) = make(None, 3, file) else {
            panic!("collecting files cannot fail");
        };
        let spilled = handle.map_or(0, |f| f.metadata().expect("its size").len());
        assert_eq!(
            spilled.min(1),
            written,
            "{way}: the terms went to the scratch file"
        );
        assert_eq!(whole.heavy, grouped.heavy, "{way}");
        assert_eq!(whole.split, grouped.split, "{way}");
        assert_eq!(whole.files.len(), grouped.files.len(), "{way}");
        for (a, b) in whole.files.iter().zip(&grouped.files) {
            assert!(
                a == b,
                "shard {} differs when made in groups, terms {way}",
                a.0
            );
        }
    }
}
