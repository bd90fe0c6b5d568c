//! The data rows of a list read into field values, every bad cell reported with its
//! place in the spreadsheet.

use super::header::{self, ColumnRole, Layout, RowKind};
use super::sheet::{self, CellValue, Table};
use super::value::{self, DistrictName, FieldValue, Problem};
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::import as m;
use crate::model::spec_headers::FieldType;

/// One data row of the list.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// 0-based row in the sheet.
    pub row: usize,
    /// Values by record key, in column order (`ages` may come from two columns).
    pub values: Vec<(&'static str, FieldValue)>,
}

impl ImportRow {
    pub fn get(&self, key: &str) -> Option<&FieldValue> {
        self.values.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(FieldValue::Str(s)) => Some(s),
            _ => None,
        }
    }
}

/// A cell that cannot be imported, with where it is (`名单2024.xlsx 备案名单!E7`).
#[derive(Debug, Clone)]
pub struct BadCell {
    pub row: usize,
    pub place: String,
    pub problem: Problem,
}

/// The place of a cell as an editor finds it: file, sheet, A1 address.
pub fn place(file: &str, sheet: &str, row: usize, col: usize) -> String {
    if sheet.is_empty() {
        format!("{file}!{}", sheet::a1(row, col))
    } else {
        format!("{file} {sheet}!{}", sheet::a1(row, col))
    }
}

/// What reading the rows gave.
#[derive(Debug, Default)]
pub struct Rows {
    pub rows: Vec<ImportRow>,
    pub bad: Vec<BadCell>,
    /// Notice rows and section titles left out (0-based rows).
    pub skipped: Vec<usize>,
    /// Rows whose membership column says they are not of this kind.
    pub other_kind: usize,
}

/// Read every row under the header.
pub fn read(table: &Table, layout: &Layout, file: &str, districts: &[DistrictName]) -> Rows {
    let mut out = Rows::default();
    let empty = Vec::new();
    let header = table.rows.get(layout.header_row).unwrap_or(&empty);
    for (r, row) in table.rows.iter().enumerate().skip(layout.header_row + 1) {
        match header::classify(row, header) {
            RowKind::Data => {}
            RowKind::Notice | RowKind::Section => {
                out.skipped.push(r);
                continue;
            }
            RowKind::Blank | RowKind::RepeatedHeader => continue,
        }
        if !is_member(layout, row) {
            out.other_kind += 1;
            continue;
        }
        let at = |c: usize| place(file, &table.sheet, r, c);
        let (values, bad) = read_row(layout, row, districts, &at);
        out.bad
            .extend(bad.into_iter().map(|(place, problem)| BadCell {
                row: r,
                place,
                problem,
            }));
        out.rows.push(ImportRow { row: r, values });
    }
    out
}

fn is_member(layout: &Layout, row: &[CellValue]) -> bool {
    layout
        .columns
        .iter()
        .filter(|c| matches!(c.role, ColumnRole::Membership))
        .all(|c| {
            let v = row.get(c.index).map(CellValue::as_text).unwrap_or_default();
            value::yes_no(&v).unwrap_or(true)
        })
}

type RowValues = Vec<(&'static str, FieldValue)>;

fn read_row(
    layout: &Layout,
    row: &[CellValue],
    districts: &[DistrictName],
    at: &dyn Fn(usize) -> String,
) -> (RowValues, Vec<(String, Problem)>) {
    let mut values: RowValues = Vec::new();
    let mut bad = Vec::new();
    let (mut min, mut max) = (None, None);
    for col in &layout.columns {
        let ColumnRole::Field(field) = col.role else {
            continue;
        };
        let Some(cell) = row.get(col.index).filter(|c| !c.is_empty()) else {
            continue;
        };
        let parsed = match field.ty {
            FieldType::District => value::district(&cell.as_text(), districts)
                .map(|id| (field.key, FieldValue::Str(id))),
            FieldType::Nature => {
                value::nature(&cell.as_text()).map(|(k, v)| (k, FieldValue::Str(v)))
            }
            ty => value::parse(ty, field.key, cell).map(|v| (field.key, v)),
        };
        match (parsed, field.ty) {
            (Ok((_, FieldValue::Int(n))), FieldType::AgesMin) => min = Some((n, col.index)),
            (Ok((_, FieldValue::Int(n))), FieldType::AgesMax) => max = Some((n, col.index)),
            (Ok(kv), _) => values.push(kv),
            (Err(p), _) => bad.push((at(col.index), p)),
        }
    }
    match (min, max) {
        (Some((a, _)), Some((b, _))) if a <= b && b <= 36 => {
            values.push(("ages", FieldValue::Ages(a as u8, b as u8)));
        }
        (Some((a, c)), Some((b, _))) => {
            let v = format!("{a}–{b}");
            bad.push((at(c), Text::new(&m::BAD_AGES).arg("value", v)));
        }
        _ => {}
    }
    (values, bad)
}
