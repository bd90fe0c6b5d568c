//! One YAML record of any kind (filed, demonstration, site) read into a single-listing
//! [`Institution`], with the positions that merging needs for its messages.

use std::collections::{HashMap, HashSet};

use super::enums::{InspectionKind, Kind};
use super::fields::{Checker, Fields};
use super::{
    Ages, Demonstration, District, Filing, Inspection, Institution, Location, Origin, CareSite,
    SourceRef,
};
use crate::diagnostics::Diagnostic;
use crate::load::Doc;
use crate::diagnostics::Pos;
use crate::load::yaml::{Node, Value};

/// A record as read from one file, before records sharing an id are merged.
pub struct Record {
    pub inst: Institution,
    pub kind: Kind,
    pub file: String,
    pub id_pos: Pos,
    pub name_pos: Pos,
    pub district_pos: Pos,
    pub address_pos: Option<Pos>,
}

const COMMON: &[&str] = &[
    "id",
    "name",
    "district",
    "street",
    "address",
    "capacity",
    "ages",
    "services",
    "fee",
    "phone",
    "hours",
    "location",
    "website",
    "description",
    "updated",
    "sources",
];
const FILED: &[&str] = &[
    "filed_on",
    "filing_number",
    "operator",
    "ownership",
    "profit",
    "form",
    "inclusive",
    "status",
    "inspections",
];
const DEMONSTRATION: &[&str] = &["level", "year", "batch"];
const SITES: &[&str] = &["community", "model", "funders", "eligibility", "enrolled"];

/// The keys a record of this kind may carry (import writes no others).
pub fn allowed_keys(kind: Kind) -> Vec<&'static str> {
    let extra = match kind {
        Kind::Filed => FILED,
        Kind::Demonstration => DEMONSTRATION,
        Kind::CareSite => SITES,
    };
    COMMON.iter().chain(extra).copied().collect()
}

/// What one record file yields.
#[derive(Default)]
pub struct FileRecords {
    /// Valid records.
    pub records: Vec<Record>,
    /// Every readable id with its position, valid record or not (for duplicate checks).
    pub ids: Vec<(Kind, String, Pos)>,
    pub diags: Vec<Diagnostic>,
}

/// Read every record of one document. `districts` is `None` when districts.yaml was
/// unusable; records are then checked for everything but their district.
pub fn read_doc(kind: Kind, doc: &Doc, districts: Option<&[District]>) -> FileRecords {
    let mut out = FileRecords::default();
    let mut ck = Checker::new(&doc.path, &doc.text, &mut out.diags);
    let items: Vec<&Node> = match &doc.root.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Map(_) => vec![&doc.root],
        Value::Null => {
            ck.warning(doc.root.pos, "this file holds no records");
            return out;
        }
        other => {
            let msg = format!(
                "a record file holds one record (a mapping) or a list of records, found {}",
                other.kind_name()
            );
            ck.error(doc.root.pos, msg);
            return out;
        }
    };
    let keys = allowed_keys(kind);
    for item in items {
        let (id, record) = read_record(&mut ck, item, kind, &keys, districts);
        if let Some((id, pos)) = id {
            out.ids.push((kind, id, pos));
        }
        out.records.extend(record.map(|mut r| {
            // Pages show where a listing comes from relative to the content folder, never
            // the build machine's path.
            for o in &mut r.inst.origins {
                o.file = doc.rel.clone();
            }
            r
        }));
    }
    out
}

/// A YAML file in a folder that holds no kind of record: read by nobody, so say so.
pub fn stray_file(file: &crate::load::FileRef) -> FileRecords {
    let msg = "this YAML file is not read: records belong in filed/, demonstration/ or sites/";
    FileRecords {
        diags: vec![Diagnostic::warning(&file.path, Pos::default(), msg)],
        ..FileRecords::default()
    }
}

/// Refuse ids used twice within a kind (across all files, in file order), keeping the
/// first record. Ids of invalid records count too, so every duplicate shows in one run.
pub fn drop_duplicates(
    files: Vec<(String, FileRecords)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    let mut seen: HashMap<(Kind, String), (String, u32)> = HashMap::new();
    let mut dup: HashSet<(String, u32, u32)> = HashSet::new();
    for (path, f) in &files {
        for (kind, id, pos) in &f.ids {
            match seen.get(&(*kind, id.clone())) {
                Some((file, line)) => {
                    diags.push(
                        Diagnostic::error(
                            path,
                            *pos,
                            format!("duplicate id `{id}` in {}/", kind.folder()),
                        )
                        .with_help(format!(
                            "first used at {file}:{line}; ids must be unique within a kind"
                        )),
                    );
                    dup.insert((path.clone(), pos.line, pos.column));
                }
                None => {
                    seen.insert((*kind, id.clone()), (path.clone(), pos.line));
                }
            }
        }
    }
    let mut out = Vec::with_capacity(files.iter().map(|(_, f)| f.records.len()).sum());
    for (_, f) in files {
        diags.extend(f.diags);
        out.extend(
            f.records
                .into_iter()
                .filter(|r| !dup.contains(&(r.file.clone(), r.id_pos.line, r.id_pos.column))),
        );
    }
    out
}

/// The record's id (if readable) and the record (if valid).
fn read_record(
    ck: &mut Checker,
    node: &Node,
    kind: Kind,
    keys: &[&str],
    districts: Option<&[District]>,
) -> (Option<(String, Pos)>, Option<Record>) {
    let what = format!("a {} record", kind.label());
    let Some(f) = ck.fields(node, keys, &what) else {
        return (None, None);
    };
    let id = ck.slug(&f, "id", &what);
    let record = read_fields(ck, &f, node, kind, &what, id.clone(), districts);
    (id, record)
}

fn read_fields(
    ck: &mut Checker,
    f: &Fields,
    node: &Node,
    kind: Kind,
    what: &str,
    id: Option<(String, Pos)>,
    districts: Option<&[District]>,
) -> Option<Record> {
    let f = *f;
    let what = what.to_string();
    let name = ck.req_text(&f, "name", &what);
    let district = read_district(ck, &f, &what, districts);
    let street = ck.opt_text(&f, "street");
    let address = if kind == Kind::Demonstration {
        ck.opt_text(&f, "address")
    } else {
        ck.req_text(&f, "address", &what)
    };
    if let (Some(s), Some(d)) = (&street, district.and_then(|i| districts.map(|ds| &ds[i])))
        && !d.streets.contains(s)
    {
        let pos = f.get("street").map(|n| n.pos).unwrap_or(f.pos);
        ck.error_help(
            pos,
            format!("street `{s}` is not one of {}'s streets", d.name),
            format!("{} has: {}", d.name, d.streets.join("、")),
        );
    }
    let mut inst = Institution {
        id: String::new(),
        name: String::new(),
        district: district.unwrap_or(0),
        street,
        address,
        capacity: ck.opt_int(&f, "capacity", 0, 100_000).map(|v| v as u32),
        ages: read_ages(ck, &f),
        services: ck.enum_list(&f, "services"),
        fee: ck.opt_text(&f, "fee"),
        phone: read_phone(ck, &f),
        hours: ck.opt_text(&f, "hours"),
        location: read_location(ck, &f),
        website: ck.opt_url(&f, "website"),
        description: ck.opt_text(&f, "description"),
        updated: ck.opt_date(&f, "updated"),
        sources: read_sources(ck, &f),
        filed: None,
        demonstration: None,
        care_site: None,
        origins: vec![Origin {
            kind,
            file: ck.file.to_string(),
            line: node.pos.line,
        }],
    };
    match kind {
        Kind::Filed => inst.filed = read_filing(ck, &f, &what),
        Kind::Demonstration => inst.demonstration = read_demonstration(ck, &f, &what),
        Kind::CareSite => inst.care_site = Some(read_care_site(ck, &f)),
    }
    let complete = inst.filed.is_some() || inst.demonstration.is_some() || inst.care_site.is_some();
    let ((id, id_pos), name, district) = (id?, name?, district?);
    if !complete || (kind != Kind::Demonstration && inst.address.is_none()) {
        return None;
    }
    inst.id = id;
    inst.name = name;
    inst.district = district;
    Some(Record {
        inst,
        kind,
        file: ck.file.to_string(),
        id_pos,
        name_pos: f.get("name").map(|n| n.pos).unwrap_or(f.pos),
        district_pos: f.get("district").map(|n| n.pos).unwrap_or(f.pos),
        address_pos: f.get("address").map(|n| n.pos),
    })
}

fn read_district(
    ck: &mut Checker,
    f: &Fields,
    what: &str,
    districts: Option<&[District]>,
) -> Option<usize> {
    let n = f.get("district");
    let id = ck.req_text(f, "district", what)?;
    let Some(districts) = districts else {
        return Some(0);
    };
    let pos = n.map(|n| n.pos).unwrap_or(f.pos);
    if let Some(i) = districts.iter().position(|d| d.id == id) {
        return Some(i);
    }
    let help = match districts.iter().find(|d| d.name == id) {
        Some(d) => format!("write the district's id: `{}`", d.id),
        None => {
            let ids: Vec<String> = districts
                .iter()
                .map(|d| format!("{} ({})", d.id, d.name))
                .collect();
            format!("known districts: {}", ids.join(", "))
        }
    };
    ck.error_help(pos, format!("unknown district `{id}`"), help);
    None
}

fn read_ages(ck: &mut Checker, f: &Fields) -> Option<Ages> {
    let n = f.get("ages")?;
    let g = ck.fields(n, &["min_months", "max_months"], "`ages`")?;
    let min = ck.req_int(&g, "min_months", 0, 36, "`ages`");
    let max = ck.req_int(&g, "max_months", 0, 36, "`ages`");
    let (min, max) = (min?, max?);
    if min > max {
        ck.error(
            n.pos,
            format!("`ages`: min_months ({min}) is greater than max_months ({max})"),
        );
        return None;
    }
    Some(Ages {
        min_months: min as u8,
        max_months: max as u8,
    })
}

fn read_phone(ck: &mut Checker, f: &Fields) -> Option<String> {
    let n = f.get("phone")?;
    let p = ck.text(n, "phone")?;
    let ok = p.chars().any(|c| c.is_ascii_digit())
        && p.chars()
            .all(|c| c.is_ascii_digit() || " -+()（）转,，、/".contains(c));
    if !ok {
        ck.error_help(
            n.pos,
            format!("`phone` `{p}` is not a phone number"),
            "digits with optional spaces, -, +, parentheses; separate several numbers with 、",
        );
        return None;
    }
    Some(p)
}

fn read_location(ck: &mut Checker, f: &Fields) -> Option<Location> {
    let n = f.get("location")?;
    let g = ck.fields(n, &["lat", "lng"], "`location`")?;
    let lat = ck.req_float(&g, "lat", -90.0, 90.0, "`location`");
    let lng = ck.req_float(&g, "lng", -180.0, 180.0, "`location`");
    Some(Location {
        lat: lat?,
        lng: lng?,
    })
}

fn read_sources(ck: &mut Checker, f: &Fields) -> Vec<SourceRef> {
    let mut out = Vec::new();
    for n in ck.list(f, "sources") {
        let Some(g) = ck.fields(n, &["title", "url", "date"], "a source") else {
            continue;
        };
        let title = ck.req_text(&g, "title", "a source");
        let url = ck.opt_url(&g, "url");
        let date = ck.opt_date(&g, "date");
        if let Some(title) = title {
            out.push(SourceRef { title, url, date });
        }
    }
    out
}

fn read_filing(ck: &mut Checker, f: &Fields, what: &str) -> Option<Filing> {
    let filed_on = ck.req_date(f, "filed_on", what);
    let mut inspections = Vec::new();
    for n in ck.list(f, "inspections") {
        let Some(g) = ck.fields(n, &["date", "kind", "result"], "an inspection") else {
            continue;
        };
        let date = ck.req_date(&g, "date", "an inspection");
        let kind = match g.get("kind") {
            Some(k) => ck.enum_value::<InspectionKind>(k, "kind"),
            None => ck.req_text(&g, "kind", "an inspection").and(None),
        };
        let result = ck.opt_text(&g, "result");
        if let (Some(date), Some(kind)) = (date, kind) {
            inspections.push(Inspection { date, kind, result });
        }
    }
    inspections.sort_by_key(|i| std::cmp::Reverse(i.date));
    Some(Filing {
        filed_on: filed_on?,
        filing_number: ck.opt_text(f, "filing_number"),
        operator: ck.opt_text(f, "operator"),
        ownership: ck.opt_enum(f, "ownership"),
        profit: ck.opt_enum(f, "profit"),
        form: ck.opt_enum(f, "form"),
        inclusive: ck.opt_bool(f, "inclusive").unwrap_or(false),
        status: ck.opt_enum(f, "status").unwrap_or(super::Status::Open),
        inspections,
    })
}

fn read_demonstration(ck: &mut Checker, f: &Fields, what: &str) -> Option<Demonstration> {
    let level = match f.get("level") {
        Some(n) => ck.enum_value(n, "level"),
        None => ck.req_text(f, "level", what).and(None),
    };
    let year = match f.get("year") {
        Some(n) => ck.int(n, "year", 1949, 2100),
        None => ck.req_text(f, "year", what).and(None),
    };
    Some(Demonstration {
        level: level?,
        year: year? as i32,
        batch: ck.opt_text(f, "batch"),
    })
}

fn read_care_site(ck: &mut Checker, f: &Fields) -> CareSite {
    CareSite {
        community: ck.opt_text(f, "community"),
        model: ck.opt_enum(f, "model"),
        funders: ck.text_list(f, "funders"),
        eligibility: ck.opt_text(f, "eligibility"),
        enrolled: ck.opt_int(f, "enrolled", 0, 100_000).map(|v| v as u32),
    }
}
