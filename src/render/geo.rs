//! The geo index of 离我最近 on the home page (docs/geo-index.md): the
//! institutions that have a `location`, split into cells of nearby entries so that a phone
//! downloads only the cells around it, never the whole city or country.
//!
//! The cells are the leaves of a k-d split (halving the wider side at the median, until a
//! cell holds at most [`LEAF`] entries), not a fixed grid: a fixed grid has either too many
//! tiny files in the countryside or huge ones in a city centre, while these cells hold
//! between `LEAF / 2` and `LEAF` entries each, so there are at most `2 · n / LEAF` files
//! (500 at 100,000 records). The index file lists each cell's bounding box; the client
//! (themes/default/static/near.js) reads the cells nearest box first and stops when the next
//! box is farther than the entries it already has.
//!
//! Files are JavaScript (`tuoyuGeoIndex({...});`, `tuoyuGeoCell(k,[...]);`) loaded by
//! `<script>` tags, so that they load from `file://` too. Each cell's name carries its own
//! content hash, so that a browser never mixes cells of two builds and an edit rewrites
//! only the cells it touches; the index's name is fixed, so that no page names a hash.

use rayon::prelude::*;
use serde_json::{Value, json};

use super::fingerprint::of_bytes;
use super::urls;
use crate::model::Site;

/// Most entries in one cell.
pub const LEAF: usize = 400;

/// The fields of a cell's entries, in order (written into the index as `fields`).
pub const FIELDS: [&str; 8] = [
    "id", "name", "district", "address", "phone", "tel", "lat", "lng",
];

/// The index files (path under the output root, bytes); the index itself is [`INDEX`].
#[derive(Debug, Default)]
pub struct GeoIndex {
    pub files: Vec<(String, Vec<u8>)>,
}

/// The index file's path: always the same, so that no page changes when a cell does.
pub const INDEX: &str = "geo/index.js";

/// One located institution: (lat, lng, index in `site.institutions`).
type Point = (f64, f64, usize);

pub fn build(site: &Site) -> GeoIndex {
    let mut points: Vec<Point> = Vec::new();
    let mut unlocated = 0usize;
    // A cancelled institution is nobody's nearest choice: it is left out (and not counted).
    for (i, inst) in site.institutions.iter().enumerate() {
        match inst.location {
            _ if inst.is_cancelled() => {}
            Some(l) if l.lat.is_finite() && l.lng.is_finite() => points.push((l.lat, l.lng, i)),
            _ => unlocated += 1,
        }
    }
    let located = points.len();
    let mut leaves = Vec::new();
    split(&mut points, &mut leaves);
    let cells: Vec<String> = leaves.par_iter().map(|c| cell_json(site, c)).collect();
    // Each cell is named by its own content: an edit renames only the cells it changed,
    // and the index keeps its name (a cached index that names a cell a later build
    // removed is read again by near.js).
    let names: Vec<String> = cells
        .par_iter()
        .enumerate()
        .map(|(k, c)| format!("{k}-{:08x}", of_bytes(c.as_bytes()) as u32))
        .collect();
    let boxes: Vec<Value> = leaves.iter().map(|c| bounding_box(c)).collect();
    let meta = json!({
        "v": 2,
        "fields": FIELDS,
        "files": names,
        "located": located,
        "unlocated": unlocated,
        "cells": boxes,
    });
    // Each cell's text is dropped as its file is made: at a million institutions the cells
    // and the files together were ~300 MB.
    let mut files: Vec<(String, Vec<u8>)> = cells
        .into_par_iter()
        .zip(names.par_iter())
        .enumerate()
        .map(|(k, (c, name))| {
            (
                format!("geo/{name}.js"),
                script(&format!("tuoyuGeoCell({k},{c});")),
            )
        })
        .collect();
    files.push((
        INDEX.to_string(),
        script(&format!("tuoyuGeoIndex({meta});")),
    ));
    GeoIndex { files }
}

fn script(text: &str) -> Vec<u8> {
    let mut s = super::jsonld::escape_for_script(text);
    s.push('\n');
    s.into_bytes()
}

/// Split `points` into leaves of at most [`LEAF`] entries, in a stable order.
fn split(points: &mut [Point], out: &mut Vec<Vec<Point>>) {
    if points.len() <= LEAF {
        if !points.is_empty() {
            out.push(points.to_vec());
        }
        return;
    }
    let (lat0, lat1) = span(points.iter().map(|p| p.0));
    let (lng0, lng1) = span(points.iter().map(|p| p.1));
    // A degree of longitude is cos(lat) as long as one of latitude.
    let mid_lat = ((lat0 + lat1) / 2.0).to_radians();
    let by_lat = (lat1 - lat0) >= (lng1 - lng0) * mid_lat.cos();
    // Ties broken by the record's position: the same input gives the same cells.
    if by_lat {
        points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    } else {
        points.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)));
    }
    let (low, high) = points.split_at_mut(points.len() / 2);
    split(low, out);
    split(high, out);
}

fn span(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// `[minLat, minLng, maxLat, maxLng, entries]`.
fn bounding_box(cell: &[Point]) -> Value {
    let (lat0, lat1) = span(cell.iter().map(|p| p.0));
    let (lng0, lng1) = span(cell.iter().map(|p| p.1));
    json!([lat0, lng0, lat1, lng1, cell.len()])
}

/// A cell's entries in [`FIELDS`] order, by id within the cell. Each row is written as
/// borrowed fields: made as `serde_json::Value`s first, the geo index took ~0.1 s of CPU
/// at every build of 100,000 records, before any page could start.
fn cell_json(site: &Site, cell: &[Point]) -> String {
    let mut rows: Vec<&Point> = cell.iter().collect();
    rows.sort_by(|a, b| site.institutions[a.2].id.cmp(&site.institutions[b.2].id));
    let mut out = Vec::with_capacity(rows.len() * 160 + 2);
    out.push(b'[');
    for (k, &&(lat, lng, i)) in rows.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let inst = &site.institutions[i];
        let phone = inst.phone.as_deref();
        let row = (
            &inst.id,
            &inst.name,
            &site.districts[inst.district].name,
            &inst.address,
            phone,
            phone.and_then(urls::tel),
            lat,
            lng,
        );
        // Writing into memory fails only for a value JSON cannot hold (none here).
        let _ = serde_json::to_writer(&mut out, &row);
    }
    out.push(b']');
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points spread over a 3° square with a dense centre, as a country's cities are.
    fn points(n: usize) -> Vec<Point> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let a = (x % 1_000_000) as f64 / 1_000_000.0;
                let b = ((x >> 20) % 1_000_000) as f64 / 1_000_000.0;
                let (a, b) = if i % 3 == 0 { (a, b) } else { (a * a, b * b) };
                (36.0 + 3.0 * a, 120.0 + 3.0 * b, i)
            })
            .collect()
    }

    #[test]
    fn cells_are_bounded_in_size_and_number_at_100000_records() {
        let mut p = points(100_000);
        let mut leaves = Vec::new();
        split(&mut p, &mut leaves);
        assert!(leaves.len() <= 2 * 100_000 / LEAF, "{} cells", leaves.len());
        assert!(
            leaves
                .iter()
                .all(|c| c.len() <= LEAF && c.len() >= LEAF / 2)
        );
        assert_eq!(leaves.iter().map(Vec::len).sum::<usize>(), 100_000);
    }

    #[test]
    fn a_small_site_is_one_cell_and_an_empty_one_none() {
        let mut leaves = Vec::new();
        split(&mut points(18), &mut leaves);
        assert_eq!(leaves.len(), 1);
        let mut none = Vec::new();
        split(&mut [], &mut none);
        assert!(none.is_empty());
    }

    /// The records of content/ with a location, copied `copies` times a little apart.
    fn located_site(copies: usize) -> Site {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let checked = crate::pipeline::check_on(&content, jiff::civil::date(2026, 12, 1))
            .expect("content loads");
        let mut site = checked.site.expect("content/ validates");
        let originals: Vec<_> = std::mem::take(&mut site.institutions)
            .into_iter()
            .filter(|i| i.location.is_some())
            .collect();
        for k in 0..copies {
            for i in &originals {
                let mut i = i.clone();
                i.id = format!("{}-{k}", i.id);
                if let Some(l) = i.location.as_mut() {
                    l.lat += k as f64 * 0.001;
                }
                site.institutions.push(i);
            }
        }
        site
    }

    #[test]
    fn a_renamed_record_renames_only_its_cell_and_the_index_keeps_its_name() {
        let mut site = located_site(100);
        let before = build(&site);
        assert!(before.files.len() > 3, "{} files", before.files.len());
        let open = site.institutions.iter().position(|i| !i.is_cancelled());
        site.institutions[open.unwrap_or_default()].name = "改名后的托育园".into();
        let after = build(&site);
        let index = |g: &GeoIndex| g.files.iter().find(|(p, _)| p == INDEX).cloned();
        assert!(
            index(&before).is_some() && index(&after).is_some(),
            "{INDEX} in both"
        );
        let names = |g: &GeoIndex| -> std::collections::BTreeSet<String> {
            g.files.iter().map(|(p, _)| p.clone()).collect()
        };
        let gone: Vec<_> = names(&before).difference(&names(&after)).cloned().collect();
        assert_eq!(gone.len(), 1, "one cell renamed: {gone:?}");
        let changed = (before.files.iter().zip(&after.files))
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(changed, 2, "the renamed record's cell and the index");
    }

    #[test]
    fn the_split_is_deterministic_and_boxes_hold_their_points() {
        let (mut a, mut b) = (points(5000), points(5000));
        b.reverse();
        let (mut la, mut lb) = (Vec::new(), Vec::new());
        split(&mut a, &mut la);
        split(&mut b, &mut lb);
        let ids = |l: &Vec<Vec<Point>>| -> Vec<Vec<usize>> {
            l.iter().map(|c| c.iter().map(|p| p.2).collect()).collect()
        };
        assert_eq!(
            ids(&la),
            ids(&lb),
            "the input order does not change the cells"
        );
        for c in &la {
            let bx = bounding_box(c);
            let f = |k: usize| bx[k].as_f64().unwrap_or(f64::NAN);
            assert!(
                c.iter()
                    .all(|p| p.0 >= f(0) && p.0 <= f(2) && p.1 >= f(1) && p.1 <= f(3))
            );
        }
    }
}
