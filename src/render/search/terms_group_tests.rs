//! Term shards made a group at a time, with each card made when a shard needs it (how a
//! large index is built), are the shards made all at once, byte for byte.

use std::collections::HashMap;
use std::path::Path;

use super::{Docs, build_in, lite_card, street_terms};
use crate::model::Institution;

#[test]
fn shards_made_in_groups_are_the_shards_made_at_once() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = jiff::civil::date(2026, 12, 1);
    let checked = crate::pipeline::check_on(&content, today).expect("content loads");
    let site = checked.site.expect("content/ validates");
    let list: Vec<&Institution> = site.institutions.iter().collect();
    let cards: Vec<String> = list.iter().map(|i| lite_card(i).to_string()).collect();
    let short_names: HashMap<String, Vec<u32>> = HashMap::new();
    let streets = street_terms(&site);
    let make = |cards: Option<&[String]>, groups: usize| {
        let docs = Docs {
            list: &list,
            cards,
            short_names: &short_names,
            street_terms: &streets,
        };
        build_in(&docs, &|key, bytes| Ok::<_, ()>((key, bytes)), groups)
    };
    let (Ok(whole), Ok(grouped)) = (make(Some(&cards), 1), make(None, 3)) else {
        panic!("collecting files cannot fail");
    };
    assert!(whole.files.len() > 3, "more shards than groups");
    assert!(!whole.heavy.is_empty(), "some terms are heavy");
    assert_eq!(whole.heavy, grouped.heavy);
    assert_eq!(whole.files.len(), grouped.files.len());
    for (a, b) in whole.files.iter().zip(&grouped.files) {
        assert!(a == b, "shard {} differs when made in groups", a.0);
    }
}
