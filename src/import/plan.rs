//! Working out an import: read the list, match its rows, compute every file's new text.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::existing::{self, Content, Existing};
use super::fields::{self, FieldType};
use super::header::{ColumnRole, Layout};
use super::rows::{self, ImportRow};
use super::sheet::{self, SheetError, Table};
use super::value::{self, FieldValue};
use super::write::{self, Edit};
use super::{Change, Gone, ImportError, Options, Plan, Touched};
use crate::diagnostics::catalogue::import as m;
use crate::diagnostics::{Lang, Text};
use crate::model::Kind;
use crate::model::spec;
use crate::model::spec::record_keys as allowed_keys;

/// Plan an import; nothing is written.
pub fn plan(opts: &Options) -> Result<Plan, ImportError> {
    let file_name = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let content = existing::read(&opts.content, opts.kind)?;
    let table =
        sheet::read(&opts.file, opts.sheet.as_deref()).map_err(|e| sheet_error(&file_name, e))?;
    let layout = super::header::detect(&table, opts.kind).ok_or_else(|| {
        ImportError::List(Text::new(&m::NO_HEADER).arg("file", file_name.as_str()))
    })?;
    let mut read = rows::read(&table, &layout, &file_name, &content.districts);
    let mut plan = Plan {
        file_name: file_name.clone(),
        kind: Some(opts.kind),
        ..Plan::default()
    };
    plan.notes = notes(&file_name, &table, &layout, &read, opts.kind);
    let keys = allowed_keys(opts.kind);
    for r in &mut read.rows {
        r.values.retain(|(k, _)| keys.contains(k));
        r.values.sort_by_key(|(k, _)| fields::order(opts.kind, k));
    }
    let matches = super::matching::match_rows(&read.rows, &content.records);
    let place = |r: usize, c: usize| rows::place(&file_name, &table.sheet, r, c);
    read.bad
        .extend(super::checks::duplicates(&layout, &read.rows, &place));
    read.bad.extend(super::checks::missing_required(
        opts.kind, &layout, &read.rows, &matches, &place,
    ));
    plan.bad = std::mem::take(&mut read.bad);
    plan.bad.sort_by_key(|b| b.row);
    let bad_rows: HashSet<usize> = plan.bad.iter().map(|b| b.row).collect();
    if opts.skip_bad_rows {
        plan.skipped_bad_rows = bad_rows.len();
    }
    let target = target_rel(opts, &file_name);
    let header = Text::new(&m::HEADER_COMMENT)
        .arg("file", file_name.as_str())
        .arg(
            "sheet",
            if table.sheet.is_empty() {
                "CSV"
            } else {
                table.sheet.as_str()
            },
        )
        .arg("date", opts.today.to_string())
        .render(Lang::Zh);
    let work = Work {
        kind: opts.kind,
        content: &content,
        rows: &read.rows,
        matches: &matches,
        bad_rows: &bad_rows,
        target: &target,
    };
    work.fill(&mut plan, &opts.content, &header);
    Ok(plan)
}

fn sheet_error(file: &str, e: SheetError) -> ImportError {
    let t = match e {
        SheetError::Io(e) => Text::new(&m::UNREADABLE)
            .arg("file", file)
            .arg("reason", e.to_string()),
        SheetError::Format(r) => Text::new(&m::UNREADABLE).arg("file", file).arg("reason", r),
        SheetError::UnknownExtension(ext) => Text::new(&m::UNKNOWN_FORMAT)
            .arg("file", file)
            .arg("ext", ext),
        SheetError::NoSuchSheet { wanted, have } => Text::new(&m::NO_SUCH_SHEET)
            .arg("file", file)
            .arg("sheet", wanted)
            .arg("have", have.join("、")),
        SheetError::Empty => Text::new(&m::EMPTY).arg("file", file),
    };
    ImportError::List(t)
}

/// The file new records go to, inside the content folder.
fn target_rel(opts: &Options, file_name: &str) -> String {
    match &opts.into {
        Some(p) => p.to_string_lossy().replace('\\', "/"),
        None => {
            let stem = Path::new(file_name)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "import".into());
            format!("{}/{stem}.yaml", opts.kind.folder())
        }
    }
}

/// What was read and what was left out.
fn notes(file: &str, table: &Table, layout: &Layout, read: &rows::Rows, kind: Kind) -> Vec<Text> {
    let mut out = Vec::new();
    let (msg, sheet) = if table.sheet.is_empty() {
        (&m::READ_CSV, "")
    } else {
        (&m::READ_SHEET, table.sheet.as_str())
    };
    out.push(
        Text::new(msg)
            .arg("file", file)
            .arg("sheet", sheet)
            .arg("row", layout.header_row + 1)
            .arg("n", read.rows.len()),
    );
    if table.decoded_gbk {
        out.push(Text::new(&m::GBK).arg("file", file));
    }
    for c in &layout.columns {
        let column = sheet::a1(layout.header_row, c.index);
        let t = match &c.role {
            ColumnRole::Unknown => match fields::other_kind_field(kind, &c.header) {
                Some(other) => Text::new(&m::OTHER_KIND_COLUMN)
                    .arg("other", other.label())
                    .arg("kind", kind.label()),
                None => Text::new(&m::UNKNOWN_COLUMN),
            },
            ColumnRole::Field(fs) if fs.iter().all(|f| matches!(f.ty, FieldType::Unsupported)) => {
                Text::new(&m::UNUSED_COLUMN).arg("field", fs[0].key)
            }
            _ => continue,
        };
        out.push(t.arg("column", column).arg("header", c.header.as_str()));
    }
    for &r in &read.skipped {
        let text = table.rows[r]
            .iter()
            .find(|c| !c.is_empty())
            .map(|c| c.as_text())
            .unwrap_or_default();
        let short: String = text.chars().take(40).collect();
        out.push(
            Text::new(&m::SKIPPED_ROW)
                .arg("row", r + 1)
                .arg("text", short),
        );
    }
    if read.other_kind > 0 {
        let column = fields::membership_header(kind).unwrap_or_default();
        out.push(
            Text::new(&m::OTHER_KIND)
                .arg("n", read.other_kind)
                .arg("kind", kind.label())
                .arg("column", column),
        );
    }
    out
}

/// Ids taken: within the kind, and by any kind.
struct Used {
    kind: HashSet<String>,
    all: HashSet<String>,
}

/// The matched rows and the content, turned into the plan's records and files.
struct Work<'a> {
    kind: Kind,
    content: &'a Content,
    rows: &'a [ImportRow],
    matches: &'a [Option<usize>],
    bad_rows: &'a HashSet<usize>,
    target: &'a str,
}

impl Work<'_> {
    fn fill(&self, plan: &mut Plan, content_dir: &Path, header: &str) {
        let mut edits: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
        let mut blocks = String::new();
        // Ids of this kind may not repeat; a new id also keeps clear of other kinds' ids
        // unless it is the same institution.
        let mut used = Used {
            kind: self.content.records.iter().map(|r| r.id.clone()).collect(),
            all: self.content.all_ids.clone(),
        };
        let mut matched = vec![false; self.content.records.len()];
        for (row, m) in self.rows.iter().zip(self.matches) {
            if self.bad_rows.contains(&row.row) {
                if let Some(i) = m {
                    matched[*i] = true;
                }
                continue;
            }
            match m {
                Some(i) => {
                    matched[*i] = true;
                    self.update(plan, &self.content.records[*i], row, &mut edits);
                }
                None => blocks.push_str(&self.add(plan, row, &mut used)),
            }
        }
        let lists = list_files(&self.content.records, &matched, self.target);
        for (e, _) in self
            .content
            .records
            .iter()
            .zip(&matched)
            .filter(|(e, m)| !**m && lists.contains(e.rel.as_str()))
        {
            plan.gone.push(Gone {
                id: e.id.clone(),
                name: e.name.clone(),
                rel: e.rel.clone(),
                line: e.line,
            });
        }
        self.texts(plan, content_dir, header, edits, blocks);
    }

    fn update(
        &self,
        plan: &mut Plan,
        rec: &Existing,
        row: &ImportRow,
        edits: &mut BTreeMap<String, Vec<Edit>>,
    ) {
        let mut changes = Vec::new();
        let mut values = Vec::new();
        for (key, v) in &row.values {
            // A district may be written as its name or an alias: compared by id.
            let old = match *key {
                "district" => rec.district.clone(),
                _ => rec.get(key).map(|n| node_canon(self.kind, key, n)),
            };
            if old.as_deref() == Some(v.canon().as_str()) {
                continue;
            }
            changes.push(Change {
                field: fields::title_of(self.kind, key),
                old: old.unwrap_or_else(|| "（无）".into()),
                new: v.canon(),
            });
            values.push((*key, v.clone()));
        }
        if changes.is_empty() {
            plan.unchanged += 1;
            return;
        }
        if let Some(text) = self.content.texts.get(&rec.rel) {
            edits
                .entry(rec.rel.clone())
                .or_default()
                .extend(write::record_edits(text, rec, &values));
        }
        plan.changed.push(Touched {
            id: rec.id.clone(),
            name: rec.name.clone(),
            rel: rec.rel.clone(),
            changes,
        });
    }

    fn add(&self, plan: &mut Plan, row: &ImportRow, used: &mut Used) -> String {
        let name = row.text("name").unwrap_or_default().to_string();
        let district = row.text("district").unwrap_or_default().to_string();
        let same = self.content.others.get(&(district, name.clone()));
        let id = match row.text("id").or(same.map(String::as_str)) {
            Some(id) if !used.kind.contains(id) => id.to_string(),
            _ => super::matching::new_id(&name, row.text("district"), &mut used.all),
        };
        used.kind.insert(id.clone());
        used.all.insert(id.clone());
        plan.added.push(Touched {
            id: id.clone(),
            name,
            rel: self.target.to_string(),
            changes: Vec::new(),
        });
        let values: Vec<(&'static str, FieldValue)> = row
            .values
            .iter()
            .filter(|(k, _)| *k != "id")
            .cloned()
            .collect();
        write::record_block(&id, &values)
    }

    fn texts(
        &self,
        plan: &mut Plan,
        dir: &Path,
        header: &str,
        mut edits: BTreeMap<String, Vec<Edit>>,
        blocks: String,
    ) {
        let target_edits = edits.remove(self.target);
        let mut files: Vec<(String, String)> = edits
            .into_iter()
            .filter_map(|(rel, es)| {
                Some((rel.clone(), write::apply(self.content.texts.get(&rel)?, es)))
            })
            .collect();
        if target_edits.is_some() || !blocks.is_empty() {
            let text = match self.content.texts.get(self.target) {
                Some(t) => write::apply(t, target_edits.unwrap_or_default()),
                None => header.to_string(),
            };
            files.push((self.target.to_string(), append(text, &blocks)));
        }
        plan.writes = files
            .into_iter()
            .map(|(rel, text)| (dir.join(PathBuf::from(rel)), text))
            .collect();
    }
}

/// The files that hold this list: the target, and any file at least half of whose
/// records the list matched (the list imported before under another file name). Records
/// of other files (written by hand) are not expected on the list.
fn list_files<'a>(records: &'a [Existing], matched: &[bool], target: &'a str) -> HashSet<&'a str> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (r, m) in records.iter().zip(matched) {
        let c = counts.entry(r.rel.as_str()).or_default();
        c.0 += usize::from(*m);
        c.1 += 1;
    }
    let mut out: HashSet<&str> = counts
        .into_iter()
        .filter(|(_, (m, n))| *m * 2 >= *n && *m > 0)
        .map(|(rel, _)| rel)
        .collect();
    out.insert(target);
    out
}

fn append(mut text: String, blocks: &str) -> String {
    if blocks.is_empty() {
        return text;
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(blocks);
    text
}

/// An existing value in the form [`FieldValue::canon`] gives, for comparison.
fn node_canon(kind: Kind, key: &str, n: &crate::load::yaml::Node) -> String {
    use crate::load::yaml::Value;
    let is_bool = matches!(spec::field(kind, key).map(|f| f.ty), Some(spec::Type::Bool));
    let num = |k| existing::text(n, k).and_then(|s| s.parse::<f64>().ok());
    match &n.value {
        Value::Str(s) if is_bool => match value::yes_no(s) {
            Ok(b) => FieldValue::Bool(b).canon(),
            Err(_) => s.clone(),
        },
        Value::Bool(b) => FieldValue::Bool(*b).canon(),
        Value::Seq(items) => items
            .iter()
            .filter_map(existing::scalar_text)
            .collect::<Vec<_>>()
            .join("、"),
        Value::Map(_) => match (num("min_months"), num("max_months"), num("lat"), num("lng")) {
            (Some(a), Some(b), _, _) => FieldValue::Ages(a as u8, b as u8).canon(),
            (_, _, Some(lat), Some(lng)) => FieldValue::Location(lat, lng).canon(),
            _ => String::new(),
        },
        _ => existing::scalar_text(n).unwrap_or_default(),
    }
}
