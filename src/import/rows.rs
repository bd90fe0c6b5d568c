//! The data rows of a list read into field values, every bad cell reported with its
//! place in the spreadsheet.

use super::fields::{FieldType, ImportField};
use super::header::{self, ColumnRole, Layout, RowKind};
use super::sheet::{self, CellValue, Table};
use super::value::{self, DistrictName, FieldValue, Problem};
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::import as m;

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

/// A cell read as the first of its column's fields that accepts it.
fn parse_cell(
    fields: &[ImportField],
    cell: &CellValue,
    districts: &[DistrictName],
) -> Result<(ImportField, FieldValue), Problem> {
    let mut first_err = None;
    for f in fields {
        let parsed = match f.ty {
            FieldType::District => value::district(&cell.as_text(), districts).map(FieldValue::Str),
            ty => value::parse(ty, cell),
        };
        match parsed {
            Ok(v) => return Ok((*f, v)),
            Err(e) => first_err = first_err.or(Some(e)),
        }
    }
    Err(first_err.unwrap_or_else(|| {
        Text::new(&m::BAD_CHOICE)
            .arg("value", cell.as_text())
            .arg("allowed", "")
    }))
}

/// The two-column fields (最小月龄 + 最大月龄, 纬度 + 经度) as they are read.
#[derive(Default)]
struct Pairs {
    ages: [Option<(f64, usize)>; 2],
    location: [Option<(f64, usize)>; 2],
}

fn read_row(
    layout: &Layout,
    row: &[CellValue],
    districts: &[DistrictName],
    at: &dyn Fn(usize) -> String,
) -> (RowValues, Vec<(String, Problem)>) {
    let mut values: RowValues = Vec::new();
    let mut bad = Vec::new();
    let mut pairs = Pairs::default();
    for col in &layout.columns {
        let ColumnRole::Field(fields) = &col.role else {
            continue;
        };
        let Some(cell) = row.get(col.index).filter(|c| !c.is_empty()) else {
            continue;
        };
        let (field, v) = match parse_cell(fields, cell, districts) {
            Ok(fv) => fv,
            Err(p) => {
                bad.push((at(col.index), p));
                continue;
            }
        };
        let n = match &v {
            FieldValue::Int(n) => *n as f64,
            FieldValue::Num(n) => *n,
            _ => 0.0,
        };
        match field.ty {
            FieldType::AgesMin => pairs.ages[0] = Some((n, col.index)),
            FieldType::AgesMax => pairs.ages[1] = Some((n, col.index)),
            FieldType::Lat => pairs.location[0] = Some((n, col.index)),
            FieldType::Lng => pairs.location[1] = Some((n, col.index)),
            FieldType::Unsupported => {}
            _ => values.push((field.key, v)),
        }
    }
    join_pairs(&pairs, &mut values, &mut bad, at);
    (values, bad)
}

fn join_pairs(
    pairs: &Pairs,
    values: &mut RowValues,
    bad: &mut Vec<(String, Problem)>,
    at: &dyn Fn(usize) -> String,
) {
    if let [Some((a, _)), Some((b, c))] = pairs.ages {
        if a <= b && b <= 36.0 {
            values.push(("ages", FieldValue::Ages(a as u8, b as u8)));
        } else {
            let v = format!("{a}–{b}");
            bad.push((at(c), Text::new(&m::BAD_AGES).arg("value", v)));
        }
    }
    if let [Some((lat, _)), Some((lng, c))] = pairs.location {
        if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng) {
            values.push(("location", FieldValue::Location(lat, lng)));
        } else {
            let v = format!("{lat}, {lng}");
            bad.push((at(c), Text::new(&m::BAD_NUMBER).arg("value", v)));
        }
    }
}
