//! One YAML record of any kind (filed, demonstration, site) read into a single-listing
//! [`Institution`], with the positions that merging needs for its messages.

use std::collections::{HashMap, HashSet};

use super::enums::{InspectionKind, Kind};
use super::fields::{Checker, Fields, Url};
use super::{
    Ages, CareSite, Demonstration, District, Filing, Inspection, Institution, Location, Origin,
    SourceRef,
};
use crate::diagnostics::catalogue::{load as load_msg, model as msg};
use crate::diagnostics::{Diagnostic, Pos, Text};
use crate::load::Doc;
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

fn allowed_keys(kind: Kind) -> Vec<&'static str> {
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
            ck.warning(doc.root.pos, Text::new(&msg::NO_RECORDS));
            return out;
        }
        other => {
            let m = Text::new(&msg::RECORD_FILE_SHAPE).arg("found", other.kind_name());
            ck.error(doc.root.pos, m);
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
    let m = Text::new(&load_msg::STRAY_FILE);
    FileRecords {
        diags: vec![Diagnostic::warning(&file.path, Pos::default(), m)],
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
                    let m = Text::new(&msg::DUPLICATE_ID)
                        .arg("id", id)
                        .arg("folder", kind.folder());
                    let help =
                        Text::new(&msg::DUPLICATE_ID_HELP).arg("at", format!("{file}:{line}"));
                    diags.push(Diagnostic::error(path, *pos, m).with_help(help));
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
    let what = Text::new(&msg::WHAT_RECORD).arg("kind", kind.name());
    let Some(f) = ck.fields(node, keys, what) else {
        return (None, None);
    };
    let id = f.id(ck, "id");
    let record = read_fields(ck, &f, node, kind, id.clone(), districts);
    (id, record)
}

fn read_fields(
    ck: &mut Checker,
    f: &Fields,
    node: &Node,
    kind: Kind,
    id: Option<(String, Pos)>,
    districts: Option<&[District]>,
) -> Option<Record> {
    let name = f.req::<String>(ck, "name");
    let district = read_district(ck, f, districts);
    let street = f.opt::<String>(ck, "street");
    let address = if kind == Kind::Demonstration {
        f.opt::<String>(ck, "address")
    } else {
        f.req::<String>(ck, "address")
    };
    if let (Some(s), Some(d)) = (&street, district.and_then(|i| districts.map(|ds| &ds[i])))
        && !d.streets.contains(s)
    {
        let m = Text::new(&msg::UNKNOWN_STREET)
            .arg("street", s)
            .arg("district", &d.name);
        let help = Text::new(&msg::STREETS_OF)
            .arg("district", &d.name)
            .arg("streets", d.streets.join("、"));
        ck.error_help(f.pos_of("street"), m, help);
    }
    let mut inst = Institution {
        id: String::new(),
        name: String::new(),
        district: district.unwrap_or(0),
        street,
        address,
        capacity: f.opt_in(ck, "capacity", 0..=100_000).map(|v| v as u32),
        ages: read_ages(ck, f),
        services: f.list_of(ck, "services"),
        fee: f.opt(ck, "fee"),
        phone: read_phone(ck, f),
        hours: f.opt(ck, "hours"),
        location: read_location(ck, f),
        website: f.opt::<Url>(ck, "website").map(|u| u.0),
        description: f.opt(ck, "description"),
        updated: f.opt(ck, "updated"),
        sources: read_sources(ck, f),
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
        Kind::Filed => inst.filed = read_filing(ck, f),
        Kind::Demonstration => inst.demonstration = read_demonstration(ck, f),
        Kind::CareSite => inst.care_site = Some(read_care_site(ck, f)),
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
        name_pos: f.pos_of("name"),
        district_pos: f.pos_of("district"),
        address_pos: f.get("address").map(|n| n.pos),
    })
}

fn read_district(ck: &mut Checker, f: &Fields, districts: Option<&[District]>) -> Option<usize> {
    let id = f.req::<String>(ck, "district")?;
    let Some(districts) = districts else {
        return Some(0);
    };
    if let Some(i) = districts.iter().position(|d| d.id == id) {
        return Some(i);
    }
    let help = match districts.iter().find(|d| d.name == id) {
        Some(d) => Text::new(&msg::WRITE_DISTRICT_ID).arg("id", &d.id),
        None => {
            let ids: Vec<String> = districts
                .iter()
                .map(|d| format!("{} ({})", d.id, d.name))
                .collect();
            Text::new(&msg::KNOWN_DISTRICTS).arg("districts", ids.join(", "))
        }
    };
    let m = Text::new(&msg::UNKNOWN_DISTRICT).arg("district", id);
    ck.error_help(f.pos_of("district"), m, help);
    None
}

fn read_ages(ck: &mut Checker, f: &Fields) -> Option<Ages> {
    let n = f.get("ages")?;
    let g = ck.fields(n, &["min_months", "max_months"], &msg::WHAT_AGES)?;
    let min = g.req_in(ck, "min_months", 0..=36);
    let max = g.req_in(ck, "max_months", 0..=36);
    let (min, max) = (min?, max?);
    if min > max {
        let m = Text::new(&msg::AGES_ORDER).arg("min", min).arg("max", max);
        ck.error(n.pos, m);
        return None;
    }
    Some(Ages {
        min_months: min as u8,
        max_months: max as u8,
    })
}

fn read_phone(ck: &mut Checker, f: &Fields) -> Option<String> {
    let n = f.get("phone")?;
    let p = f.opt::<String>(ck, "phone")?;
    let ok = p.chars().any(|c| c.is_ascii_digit())
        && p.chars()
            .all(|c| c.is_ascii_digit() || " -+()（）转,，、/".contains(c));
    if !ok {
        let m = Text::new(&msg::BAD_PHONE).arg("value", p);
        ck.error_help(n.pos, m, Text::new(&msg::BAD_PHONE_HELP));
        return None;
    }
    Some(p)
}

fn read_location(ck: &mut Checker, f: &Fields) -> Option<Location> {
    let n = f.get("location")?;
    let g = ck.fields(n, &["lat", "lng"], &msg::WHAT_LOCATION)?;
    let lat = g.req_in(ck, "lat", -90.0..=90.0);
    let lng = g.req_in(ck, "lng", -180.0..=180.0);
    Some(Location {
        lat: lat?,
        lng: lng?,
    })
}

fn read_sources(ck: &mut Checker, f: &Fields) -> Vec<SourceRef> {
    let mut out = Vec::new();
    for n in f.list(ck, "sources") {
        let Some(g) = ck.fields(n, &["title", "url", "date"], &msg::WHAT_SOURCE) else {
            continue;
        };
        let title = g.req(ck, "title");
        let url = g.opt::<Url>(ck, "url").map(|u| u.0);
        let date = g.opt(ck, "date");
        if let Some(title) = title {
            out.push(SourceRef { title, url, date });
        }
    }
    out
}

fn read_filing(ck: &mut Checker, f: &Fields) -> Option<Filing> {
    let filed_on = f.req(ck, "filed_on");
    let mut inspections = Vec::new();
    for n in f.list(ck, "inspections") {
        let Some(g) = ck.fields(n, &["date", "kind", "result"], &msg::WHAT_INSPECTION) else {
            continue;
        };
        let date = g.req(ck, "date");
        let kind = g.req::<InspectionKind>(ck, "kind");
        let result = g.opt(ck, "result");
        if let (Some(date), Some(kind)) = (date, kind) {
            inspections.push(Inspection { date, kind, result });
        }
    }
    inspections.sort_by_key(|i| std::cmp::Reverse(i.date));
    Some(Filing {
        filed_on: filed_on?,
        filing_number: f.opt(ck, "filing_number"),
        operator: f.opt(ck, "operator"),
        ownership: f.opt(ck, "ownership"),
        profit: f.opt(ck, "profit"),
        form: f.opt(ck, "form"),
        inclusive: f.opt(ck, "inclusive").unwrap_or(false),
        status: f.opt(ck, "status").unwrap_or(super::Status::Open),
        inspections,
    })
}

fn read_demonstration(ck: &mut Checker, f: &Fields) -> Option<Demonstration> {
    let level = f.req(ck, "level");
    let year = f.req_in(ck, "year", 1949..=2100);
    Some(Demonstration {
        level: level?,
        year: year? as i32,
        batch: f.opt(ck, "batch"),
    })
}

fn read_care_site(ck: &mut Checker, f: &Fields) -> CareSite {
    CareSite {
        community: f.opt(ck, "community"),
        model: f.opt(ck, "model"),
        funders: f.list_of(ck, "funders"),
        eligibility: f.opt(ck, "eligibility"),
        enrolled: f.opt_in(ck, "enrolled", 0..=100_000).map(|v| v as u32),
    }
}
