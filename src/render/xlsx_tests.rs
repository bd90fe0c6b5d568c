//! The spreadsheet reads back as the CSV's table, and one made by copying the previous
//! file's chunks is the one made from scratch, byte for byte.

use std::path::Path;

use calamine::{Data, DataType, Reader, Xlsx};

use super::write_chunked;
use crate::model::Site;
use crate::render::data::{OldRows, RowSpan};
use crate::render::fingerprint::{Fingerprint, of_bytes};

fn site() -> Site {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked =
        crate::pipeline::check_on(&content, jiff::civil::date(2026, 12, 1)).expect("content loads");
    checked.site.expect("content/ validates")
}

fn keys(site: &Site) -> Vec<Fingerprint> {
    let h = |i| of_bytes(format!("{i:?}").as_bytes());
    site.institutions.iter().map(h).collect()
}

/// A previous file in memory, with the spans its build noted.
struct Old {
    bytes: Vec<u8>,
    spans: Vec<RowSpan>,
    copied: usize,
}

impl OldRows for Old {
    fn find(&self, key: Fingerprint) -> Option<RowSpan> {
        self.spans.iter().find(|s| s.key == key).copied()
    }

    fn copy(&mut self, start: u64, len: u64, w: &mut dyn std::io::Write) -> std::io::Result<bool> {
        self.copied += 1;
        w.write_all(&self.bytes[start as usize..(start + len) as usize])
            .map(|()| false)
    }
}

fn write(site: &Site, old: Option<&mut Old>, per_chunk: usize) -> (Vec<u8>, Vec<RowSpan>) {
    let mut bytes = Vec::new();
    let old = old.map(|o| o as &mut dyn OldRows);
    let written = write_chunked(site, &keys(site), old, &mut bytes, per_chunk).expect("writes");
    (bytes, written.spans)
}

fn cells(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let sheet = book.worksheet_range("托育机构").expect("the sheet");
    sheet.rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn the_spreadsheet_has_the_csv_header_and_one_typed_row_per_record() {
    let site = site();
    let rows = cells(write(&site, None, 3).0);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let columns: Vec<&str> = super::COLUMNS.iter().map(|c| c.header).collect();
    assert_eq!(header, columns);
    assert_eq!(rows.len(), site.institutions.len() + 1);
    let first = &site.institutions[0];
    assert_eq!(rows[1][0], Data::String(first.id.clone()));
    assert_eq!(rows[1][1], Data::String(first.name.clone()));
    let capacity = columns
        .iter()
        .position(|h| *h == "托位数")
        .expect("a capacity column");
    let with_capacity = site.institutions.iter().position(|i| i.capacity.is_some());
    let k = with_capacity.expect("some record has a capacity");
    let expected = site.institutions[k].capacity.map(f64::from);
    assert_eq!(rows[k + 1][capacity].as_f64(), expected);
    assert!(matches!(rows[k + 1][capacity], Data::Float(_)));
}

#[test]
fn a_rebuild_copies_the_unchanged_chunks_and_makes_the_same_bytes() {
    let mut site = site();
    let (before, spans) = write(&site, None, 2);
    let chunks = site.institutions.len().div_ceil(2);
    assert_eq!(spans.len(), chunks);
    let last = site.institutions.len() - 1;
    site.institutions[last].name.push_str("（二园）");
    let (fresh, _) = write(&site, None, 2);
    let mut old = Old {
        bytes: before.clone(),
        spans,
        copied: 0,
    };
    let (reused, _) = write(&site, Some(&mut old), 2);
    assert_eq!(reused, fresh);
    assert_ne!(reused, before);
    // Every chunk but the edited one lies in one run of the old file: one copy.
    assert_eq!(old.copied, 1);
    let rows = cells(reused);
    assert_eq!(
        rows[last + 1][1],
        Data::String(site.institutions[last].name.clone())
    );
}

#[test]
fn text_that_xml_cannot_hold_comes_back_as_written() {
    let mut site = site();
    site.institutions[0].name = " 托育<&>_x0041_\u{1}园 ".into();
    let rows = cells(write(&site, None, 256).0);
    assert_eq!(rows[1][1], Data::String(" 托育<&>_x0041_\u{1}园 ".into()));
}
