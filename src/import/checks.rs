//! Checks of whole rows once they are matched: a new record must have its required
//! fields, and one institution must not stand twice in the list.

use std::collections::HashMap;

use super::fields;
use super::header::Layout;
use super::rows::{BadCell, ImportRow};
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::import as m;
use crate::model::Kind;

/// Rows with the district and name of an earlier row (the same institution twice).
pub fn duplicates(
    layout: &Layout,
    rows: &[ImportRow],
    place: &dyn Fn(usize, usize) -> String,
) -> Vec<BadCell> {
    let col = layout.column_of("name").map(|c| c.index).unwrap_or(0);
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for row in rows {
        let (Some(d), Some(n)) = (row.text("district"), row.text("name")) else {
            continue;
        };
        let name: String = n.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(first) = seen.insert((d.to_string(), name), row.row) {
            out.push(BadCell {
                row: row.row,
                place: place(row.row, col),
                problem: Text::new(&m::DUPLICATE_ROW).arg("row", first + 1),
            });
        }
    }
    out
}

/// New records without a required field.
pub fn missing_required(
    kind: Kind,
    layout: &Layout,
    rows: &[ImportRow],
    matches: &[Option<usize>],
    place: &dyn Fn(usize, usize) -> String,
) -> Vec<BadCell> {
    let mut out = Vec::new();
    for (row, _) in rows.iter().zip(matches).filter(|(_, m)| m.is_none()) {
        for key in fields::required(kind) {
            if row.get(key).is_some() {
                continue;
            }
            let title = fields::title_of(kind, key);
            let (col, msg) = match layout.column_of(key) {
                Some(c) => (c.index, &m::MISSING_REQUIRED),
                None => (0, &m::MISSING_COLUMN),
            };
            out.push(BadCell {
                row: row.row,
                place: place(row.row, col),
                problem: Text::new(msg).arg("field", title),
            });
        }
    }
    out
}
