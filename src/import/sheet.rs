//! Any spreadsheet format read into rows of cells that know their A1 position.
//!
//! .xlsx, .xls, .ods through calamine; .csv through the csv crate after decoding
//! (UTF-8 with or without BOM, else GBK, which spreadsheet programs on Chinese Windows
//! save). Merged cells are filled with their top-left value, so a district merged over
//! five rows reads as five districts.

use std::path::Path;

use calamine::{Data, Reader, Sheets};

/// One cell's value as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell: days since 1899-12-30 (the spreadsheet serial number).
    Date(f64),
    Bool(bool),
}

impl CellValue {
    /// The cell as text (numbers without a trailing `.0`).
    pub fn as_text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.trim().to_string(),
            CellValue::Number(n) | CellValue::Date(n) => number_text(*n),
            CellValue::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A table read from one sheet: `rows[r][c]` is the cell at row `r + 1`, column `c`.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The sheet's name (empty for CSV).
    pub sheet: String,
    pub rows: Vec<Vec<CellValue>>,
    /// Set when a CSV file was not UTF-8 and was read as GBK.
    pub decoded_gbk: bool,
}

/// Why a spreadsheet could not be read.
#[derive(Debug)]
pub enum SheetError {
    Io(std::io::Error),
    Format(String),
    UnknownExtension(String),
    NoSuchSheet { wanted: String, have: Vec<String> },
    Empty,
}

/// `E7`: the column letters and the 1-based row.
pub fn a1(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Read the chosen sheet (or the first with content) of a spreadsheet or CSV file.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, SheetError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => read_csv(&std::fs::read(path).map_err(SheetError::Io)?),
        "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => read_workbook(path, sheet),
        other => Err(SheetError::UnknownExtension(other.to_string())),
    }
}

fn read_workbook(path: &Path, wanted: Option<&str>) -> Result<Table, SheetError> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Io(e) => SheetError::Io(e),
        other => SheetError::Format(other.to_string()),
    })?;
    let names = book.sheet_names();
    let candidates: Vec<String> = match wanted {
        Some(w) if names.iter().any(|n| n == w) => vec![w.to_string()],
        Some(w) => {
            return Err(SheetError::NoSuchSheet {
                wanted: w.to_string(),
                have: names,
            });
        }
        None => names,
    };
    for name in candidates {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SheetError::Format(e.to_string()))?;
        if range.is_empty() {
            continue;
        }
        let mut rows = range_rows(&range);
        fill_merged(&mut book, &name, &mut rows);
        return Ok(Table {
            sheet: name,
            rows,
            decoded_gbk: false,
        });
    }
    Err(SheetError::Empty)
}

/// The range as rows from A1 (calamine's range starts at the first used cell).
fn range_rows(range: &calamine::Range<Data>) -> Vec<Vec<CellValue>> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut cells = vec![CellValue::Empty; c0 as usize];
        cells.extend(row.iter().map(cell_value));
        rows.push(cells);
    }
    rows
}

fn cell_value(d: &Data) -> CellValue {
    match d {
        Data::Empty | Data::Error(_) => CellValue::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => CellValue::Date(dt.as_f64()),
    }
}

/// Copy each merged region's top-left value into the region's other cells (xlsx, xls).
fn fill_merged<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
    rows: &mut [Vec<CellValue>],
) {
    let regions = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    for d in regions {
        let (r0, c0) = (d.start.0 as usize, d.start.1 as usize);
        let Some(v) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else {
            continue;
        };
        for r in r0..=(d.end.0 as usize).min(rows.len().saturating_sub(1)) {
            let row = &mut rows[r];
            let last = d.end.1 as usize;
            if row.len() <= last {
                row.resize(last + 1, CellValue::Empty);
            }
            for cell in &mut row[c0..=last] {
                if cell.is_empty() {
                    *cell = v.clone();
                }
            }
        }
    }
}

/// Decode CSV bytes (UTF-8, UTF-8 with BOM, else GBK) and split them into cells.
pub fn read_csv(bytes: &[u8]) -> Result<Table, SheetError> {
    let (text, decoded_gbk) = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| SheetError::Format(e.to_string()))?;
        rows.push(rec.iter().map(text_cell).collect());
    }
    if rows.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(Table {
        sheet: String::new(),
        rows,
        decoded_gbk,
    })
}

fn text_cell(s: &str) -> CellValue {
    if s.trim().is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(s.to_string())
    }
}

/// UTF-8 (BOM dropped) when the bytes are valid UTF-8, else GB18030 (a superset of GBK).
pub fn decode_text(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 4), "E7");
        assert_eq!(a1(9, 26), "AA10");
    }

    #[test]
    fn csv_in_three_encodings() {
        let text = "序号,机构名称\n1,示例托育园\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        for (bytes, is_gbk) in [
            (text.as_bytes(), false),
            (&bom[..], false),
            (&gbk[..], true),
        ] {
            let t = read_csv(bytes).unwrap();
            assert_eq!(t.decoded_gbk, is_gbk);
            assert_eq!(t.rows[1][1], CellValue::Text("示例托育园".into()));
        }
    }
}
