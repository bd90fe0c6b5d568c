//! Finding the header row of an official list and mapping its columns to fields.
//!
//! Official lists start with a title (often merged across the table), sometimes a date
//! line or a blank row, then the header; under the table comes a notice (注：…). The
//! header is the first row that names a record's name and at least one more known
//! field. Unknown columns are listed for the editor, never guessed.

use super::fields::{self, ImportField};
use super::sheet::{CellValue, Table};
use crate::model::Kind;

/// What a column holds.
#[derive(Debug, Clone)]
pub enum ColumnRole {
    /// The fields the header may mean, best first (the cell decides between them).
    Field(Vec<ImportField>),
    /// 序号 and the open data's derived columns.
    Ignored,
    /// The open data's 已备案 / 托育点 column: whether the row is a listing of this kind.
    Membership,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub index: usize,
    /// The header as written (for messages).
    pub header: String,
    pub role: ColumnRole,
}

/// The header row and what each column means.
#[derive(Debug, Clone)]
pub struct Layout {
    /// 0-based row of the header.
    pub header_row: usize,
    pub columns: Vec<Column>,
}

impl Layout {
    pub fn column_of(&self, key: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| matches!(&c.role, ColumnRole::Field(fs) if fs.iter().any(|f| f.key == key)))
    }
    pub fn unknown(&self) -> impl Iterator<Item = &Column> {
        self.columns
            .iter()
            .filter(|c| matches!(c.role, ColumnRole::Unknown))
    }
    /// Two columns for one field (`电话` and `联系电话`): the first wins, the other is
    /// reported like an unknown column.
    fn dedupe(&mut self) {
        let mut seen: Vec<&'static str> = Vec::new();
        for c in &mut self.columns {
            if let ColumnRole::Field(fs) = &c.role {
                let titles: Vec<&'static str> = fs.iter().map(|f| f.title).collect();
                if titles.iter().all(|t| seen.contains(t)) {
                    c.role = ColumnRole::Unknown;
                } else {
                    seen.extend(titles);
                }
            }
        }
    }
}

/// How many rows from the top may stand before the header.
const MAX_HEADER_ROW: usize = 30;

/// Find the header row within the first rows; `None` when there is none.
pub fn detect(table: &Table, kind: Kind) -> Option<Layout> {
    table
        .rows
        .iter()
        .take(MAX_HEADER_ROW)
        .enumerate()
        .find_map(|(r, row)| {
            let layout = map_row(r, row, kind);
            let known = layout
                .columns
                .iter()
                .filter(|c| matches!(c.role, ColumnRole::Field(_)))
                .count();
            (layout.column_of("name").is_some() && known >= 2).then_some(layout)
        })
}

fn map_row(r: usize, row: &[CellValue], kind: Kind) -> Layout {
    let membership = fields::membership_header(kind);
    let mut columns = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let header = cell.as_text();
        let norm = fields::normalise(&header);
        let found = fields::for_header(kind, &header);
        let role = if membership == Some(norm.as_str()) {
            ColumnRole::Membership
        } else if !found.is_empty() {
            ColumnRole::Field(found)
        } else if fields::IGNORED_HEADERS.contains(&norm.as_str()) {
            ColumnRole::Ignored
        } else {
            ColumnRole::Unknown
        };
        columns.push(Column {
            index: i,
            header,
            role,
        });
    }
    let mut layout = Layout {
        header_row: r,
        columns,
    };
    layout.dedupe();
    layout
}

/// What a row under the header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Data,
    Blank,
    /// 注：…, 备注, 说明, 数据来源, 制表: the notes under the table.
    Notice,
    /// The header again (a PDF turned into a spreadsheet repeats it on every page).
    RepeatedHeader,
    /// A single value across the row: a section title such as 市南区（12家）.
    Section,
}

const NOTICE_STARTS: &[&str] = &[
    "注",
    "备注",
    "说明",
    "附",
    "数据来源",
    "来源",
    "制表",
    "填报",
    "合计",
    "总计",
];

pub fn classify(row: &[CellValue], header: &[CellValue]) -> RowKind {
    let texts: Vec<String> = row
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| c.as_text())
        .collect();
    let Some(first) = texts.first() else {
        return RowKind::Blank;
    };
    if NOTICE_STARTS.iter().any(|s| first.starts_with(s)) {
        return RowKind::Notice;
    }
    if row == header {
        return RowKind::RepeatedHeader;
    }
    // A merged row holds the same text in every cell.
    if texts.iter().all(|t| t == first) && (texts.len() == 1 || texts.len() >= 3) {
        return RowKind::Section;
    }
    RowKind::Data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<CellValue> {
        cells
            .iter()
            .map(|s| {
                if s.is_empty() {
                    CellValue::Empty
                } else {
                    CellValue::Text(s.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn skips_title_and_finds_header() {
        let table = Table {
            sheet: "Sheet1".into(),
            rows: vec![
                row(&[
                    "2024年备案托育机构名单",
                    "2024年备案托育机构名单",
                    "2024年备案托育机构名单",
                ]),
                row(&["", "", ""]),
                row(&[
                    "序号",
                    "托育机构名称",
                    "所属区（市）",
                    "托位数（个）",
                    "负责人",
                ]),
                row(&["1", "某托育园", "市南区", "30个", "张三"]),
                row(&["注：以上排名不分先后", "", ""]),
            ],
            decoded_gbk: false,
        };
        let l = detect(&table, Kind::Filed).unwrap();
        assert_eq!(l.header_row, 2);
        assert_eq!(l.column_of("capacity").unwrap().index, 3);
        assert_eq!(
            l.unknown().map(|c| c.header.as_str()).collect::<Vec<_>>(),
            ["负责人"]
        );
        let h = &table.rows[2];
        assert_eq!(classify(&table.rows[3], h), RowKind::Data);
        assert_eq!(classify(&table.rows[4], h), RowKind::Notice);
        assert_eq!(classify(&table.rows[1], h), RowKind::Blank);
    }
}
