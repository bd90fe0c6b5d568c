//! One YAML record of any kind (filed, demonstration, site) read into a single-listing
//! [`Institution`], with the positions that merging needs for its messages.

use std::collections::HashSet;

use jiff::civil::Date;

use super::contract::{self, CreditCode, Phone};
use super::enums::{InspectionKind, Kind};
use super::fields::{Checker, Fields, Url};
use super::spec;
use super::{
    Ages, CareSite, Demonstration, District, Filing, Inspection, Institution, Location, Origin,
};
use crate::diagnostics::catalogue::{load as load_msg, model as msg};
use crate::diagnostics::{Diagnostic, Pos, Text};
use crate::load::Doc;
use crate::load::yaml::{Node, Value};

/// A record as read from one file, before records sharing an id are merged.
#[derive(Clone)]
pub struct Record {
    pub inst: Institution,
    pub kind: Kind,
    pub file: String,
    pub id_pos: Pos,
    pub name_pos: Pos,
    pub district_pos: Pos,
    pub address_pos: Option<Pos>,
}

/// What one record file yields.
#[derive(Default, Clone)]
pub struct FileRecords {
    /// Valid records.
    pub records: Vec<Record>,
    /// Every readable id with its position, valid record or not (for duplicate checks).
    pub ids: Vec<(Kind, String, Pos)>,
    pub diags: Vec<Diagnostic>,
}

/// Read every record of one document. `districts` is `None` when districts.yaml was
/// unusable; records are then checked for everything but their district.
/// `today` refuses filing dates in the future.
pub fn read_doc(kind: Kind, doc: &Doc, districts: Option<&[District]>, today: Date) -> FileRecords {
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
    let keys = spec::record_keys(kind);
    let cx = Context { districts, today };
    for item in items {
        let (id, record) = read_record(&mut ck, item, kind, &keys, &cx);
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
) -> Vec<Vec<Record>> {
    // Every id by (kind, id, file, place in it), borrowed: sorted, each id's uses come
    // together, the first in file order first (a map of a million ids cost ~150 MB as it grew).
    let mut all: Vec<(Kind, &str, u32, u32)> = files
        .iter()
        .enumerate()
        .flat_map(|(i, (_, f))| {
            let ids = f.ids.iter().enumerate();
            ids.map(move |(k, (kind, id, _))| (*kind, id.as_str(), i as u32, k as u32))
        })
        .collect();
    // Every entry is unique (file, place), so the parallel sort gives the one order.
    rayon::slice::ParallelSliceMut::par_sort_unstable(&mut all[..]);
    // Each later use, in file order, with the first.
    let mut later: Vec<((u32, u32), (u32, u32))> = Vec::new();
    for run in all.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        later.extend(run[1..].iter().map(|x| ((x.2, x.3), (run[0].2, run[0].3))));
    }
    drop(all);
    later.sort_unstable();
    let mut dup: HashSet<(String, u32, u32)> = HashSet::new();
    for ((i, k), (first_i, first_k)) in later {
        let (path, f) = &files[i as usize];
        let (kind, id, pos) = &f.ids[k as usize];
        let (file, first) = &files[first_i as usize];
        let line = first.ids[first_k as usize].2.line;
        let m = Text::new(&msg::DUPLICATE_ID)
            .arg("id", id)
            .arg("folder", kind.folder());
        let help = Text::new(&msg::DUPLICATE_ID_HELP).arg("at", format!("{file}:{line}"));
        diags.push(Diagnostic::error(path, *pos, m).with_help(help));
        dup.insert((path.clone(), pos.line, pos.column));
    }
    // Kept per file: the merge consumes one file's records at a time, so that the records
    // and the institutions made of them are never all in memory together.
    let mut out = Vec::with_capacity(files.len());
    for (_, mut f) in files {
        diags.extend(f.diags);
        if !dup.is_empty() {
            f.records
                .retain(|r| !dup.contains(&(r.file.clone(), r.id_pos.line, r.id_pos.column)));
        }
        out.push(f.records);
    }
    out
}

/// What records are checked against.
struct Context<'d> {
    districts: Option<&'d [District]>,
    today: Date,
}

/// The record's id (if readable) and the record (if valid).
fn read_record(
    ck: &mut Checker,
    node: &Node,
    kind: Kind,
    keys: &[&str],
    cx: &Context,
) -> (Option<(String, Pos)>, Option<Record>) {
    let what = Text::new(&msg::WHAT_RECORD).arg("kind", kind.name());
    let Some(f) = ck.fields(node, keys, what) else {
        return (None, None);
    };
    let id = f.id(ck, "id");
    let record = read_fields(ck, &f, node, kind, id.clone(), cx);
    (id, record)
}

fn read_fields(
    ck: &mut Checker,
    f: &Fields,
    node: &Node,
    kind: Kind,
    id: Option<(String, Pos)>,
    cx: &Context,
) -> Option<Record> {
    let districts = cx.districts;
    let name = f.req::<String>(ck, "name");
    let district = read_district(ck, f, districts);
    let street = f.opt::<String>(ck, "street");
    let address_required = spec::field(kind, "address").is_some_and(|a| a.required_in(kind));
    let address = if address_required {
        f.req::<String>(ck, "address")
    } else {
        f.opt::<String>(ck, "address")
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
        aliases: f.list_of(ck, "aliases"),
        district: district.unwrap_or(0),
        street,
        address,
        ownership: f.opt(ck, "ownership"),
        capacity: f.opt_in(ck, "capacity", 0..=100_000).map(|v| v as u32),
        vacancies: contract::vacancies(ck, f),
        ages: read_ages(ck, f),
        services: f.list_of(ck, "services"),
        programs: f.list_of(ck, "programs"),
        fee: f.opt(ck, "fee"),
        monthly_fee: f.opt_in(ck, "monthly_fee", 0..=1_000_000).map(|v| v as u32),
        phone: f.opt::<Phone>(ck, "phone").map(|p| p.0),
        hours: f.opt(ck, "hours"),
        location: read_location(ck, f),
        website: f.opt::<Url>(ck, "website").map(|u| u.0),
        description: f.opt(ck, "description"),
        updated: f.opt(ck, "updated"),
        sources: contract::sources(ck, f),
        filed: None,
        demonstration: None,
        care_site: None,
        origins: vec![Origin {
            kind,
            file: ck.file.to_string(),
            line: node.pos.line,
        }],
        read_form: Default::default(),
    };
    match kind {
        Kind::Filed => inst.filed = read_filing(ck, f, cx.today),
        Kind::Demonstration => inst.demonstration = read_demonstration(ck, f).map(Box::new),
        Kind::CareSite => inst.care_site = Some(Box::new(read_care_site(ck, f))),
    }
    let complete = inst.filed.is_some() || inst.demonstration.is_some() || inst.care_site.is_some();
    let ((id, id_pos), name, district) = (id?, name?, district?);
    if !complete || (address_required && inst.address.is_none()) {
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
    if let Some(i) = contract::find_district(districts, &id) {
        return Some(i);
    }
    let ids: Vec<String> = districts
        .iter()
        .map(|d| format!("{} ({})", d.id, d.name))
        .collect();
    let help = Text::new(&msg::KNOWN_DISTRICTS).arg("districts", ids.join(", "));
    let m = Text::new(&msg::UNKNOWN_DISTRICT).arg("district", id);
    ck.error_help(f.pos_of("district"), m, help);
    None
}

fn read_ages(ck: &mut Checker, f: &Fields) -> Option<Ages> {
    let n = f.get("ages")?;
    let g = ck.fields(n, &spec::keys(spec::AGES), &msg::WHAT_AGES)?;
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

fn read_location(ck: &mut Checker, f: &Fields) -> Option<Location> {
    let n = f.get("location")?;
    let g = ck.fields(n, &spec::keys(spec::LOCATION), &msg::WHAT_LOCATION)?;
    let lat = g.req_in(ck, "lat", -90.0..=90.0);
    let lng = g.req_in(ck, "lng", -180.0..=180.0);
    Some(Location {
        lat: lat?,
        lng: lng?,
    })
}

fn read_filing(ck: &mut Checker, f: &Fields, today: Date) -> Option<Filing> {
    let filed_on = f
        .req(ck, "filed_on")
        .and_then(|d| contract::not_future(ck, f, "filed_on", d, today));
    let mut inspections = Vec::new();
    for n in f.list(ck, "inspections") {
        let Some(g) = ck.fields(n, &spec::keys(spec::INSPECTION), &msg::WHAT_INSPECTION) else {
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
    // Every field is read before any `?`, so that one bad value does not hide the others.
    let filing_number = f.opt(ck, "filing_number");
    let credit_code = f.opt::<CreditCode>(ck, "credit_code").map(|c| c.0);
    let operator = f.opt(ck, "operator");
    let (profit, form) = (f.opt(ck, "profit"), f.opt(ck, "form"));
    // Absent is unknown, never 否.
    let inclusive = f.opt(ck, "inclusive");
    let status = f.opt(ck, "status").unwrap_or(super::Status::Open);
    Some(Filing {
        filed_on: filed_on?,
        filing_number,
        credit_code,
        operator,
        profit,
        form,
        inclusive,
        status,
        inspections,
    })
}

fn read_demonstration(ck: &mut Checker, f: &Fields) -> Option<Demonstration> {
    let level = f.req(ck, "level");
    let year = f.req_in(ck, "year", 1949..=2100);
    let batch = f.opt(ck, "batch");
    Some(Demonstration {
        level: level?,
        year: year? as i32,
        batch,
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
