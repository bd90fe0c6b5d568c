//! Records of different kinds that share an `id` are one institution: merge them, and
//! report disagreements on name, district or address. (Duplicate ids within a kind were
//! already refused by `record`.)

use super::enums::Kind;
use super::record::Record;
use super::{District, Institution};
use crate::diagnostics::catalogue::model as msg;
use crate::diagnostics::{Diagnostic, Text};

pub fn merge(
    records: Vec<Record>,
    districts: &Option<Vec<District>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Institution> {
    // Sorting and walking runs of equal ids keeps one copy of the records in memory (a map
    // of small vectors cost 2.5 KB per institution at 100,000 records).
    let mut records = records;
    records.sort_unstable_by(|a, b| (&a.inst.id, a.kind).cmp(&(&b.inst.id, b.kind)));
    let mut out = Vec::with_capacity(records.len());
    let mut iter = records.into_iter().peekable();
    while let Some(first) = iter.next() {
        let mut group = vec![first];
        while let Some(next) = iter.next_if(|r| r.inst.id == group[0].inst.id) {
            group.push(next);
        }
        check_agreement(&group, districts.as_deref(), diags);
        if let Some(first) = group.first().filter(|r| r.kind == Kind::Demonstration) {
            let m = Text::new(&msg::DEMONSTRATION_NOT_FILED).arg("id", &first.inst.id);
            diags.push(
                Diagnostic::warning(&first.file, first.id_pos, m)
                    .with_help(Text::new(&msg::DEMONSTRATION_NOT_FILED_HELP)),
            );
        }
        let mut iter = group.into_iter().map(|r| r.inst);
        if let Some(first) = iter.next() {
            out.push(iter.fold(first, absorb));
        }
    }
    if let Some(ds) = districts {
        sort_institutions(&mut out, ds);
    }
    out.shrink_to_fit();
    out
}

fn check_agreement(group: &[Record], districts: Option<&[District]>, diags: &mut Vec<Diagnostic>) {
    let Some(first) = group.first() else { return };
    let dname = |i: usize| {
        districts
            .and_then(|d| d.get(i))
            .map(|d| d.id.clone())
            .unwrap_or_default()
    };
    for r in &group[1..] {
        let at = format!("{}:{}", first.file, first.id_pos.line);
        let mut conflict = |field: &str, pos, mine: &str, theirs: &str| {
            let m = Text::new(&msg::SHARED_ID_CONFLICT)
                .arg("field", field)
                .arg("mine", mine)
                .arg("kind", Text::new(first.kind.name()))
                .arg("theirs", theirs);
            let help = Text::new(&msg::SHARED_ID_CONFLICT_HELP)
                .arg("id", &r.inst.id)
                .arg("at", at.as_str());
            diags.push(Diagnostic::error(&r.file, pos, m).with_help(help));
        };
        if r.inst.name != first.inst.name {
            conflict("name", r.name_pos, &r.inst.name, &first.inst.name);
        }
        if r.inst.district != first.inst.district {
            conflict(
                "district",
                r.district_pos,
                &dname(r.inst.district),
                &dname(first.inst.district),
            );
        }
        if let (Some(a), Some(b), Some(pos)) = (&r.inst.address, &first.inst.address, r.address_pos)
            && a != b
        {
            conflict("address", pos, a, b);
        }
    }
}

/// Fold a later listing into the institution: first value wins, lists are united.
fn absorb(mut a: Institution, b: Institution) -> Institution {
    macro_rules! first {
        ($($f:ident),*) => { $( if a.$f.is_none() { a.$f = b.$f; } )* };
    }
    first!(
        street,
        address,
        ownership,
        capacity,
        vacancies,
        monthly_fee,
        ages,
        fee,
        phone,
        hours,
        location,
        website,
        description,
        filed,
        demonstration,
        care_site
    );
    for s in b.aliases {
        if !a.aliases.contains(&s) && s != a.name {
            a.aliases.push(s);
        }
    }
    for s in b.programs {
        if !a.programs.contains(&s) {
            a.programs.push(s);
        }
    }
    for s in b.services {
        if !a.services.contains(&s) {
            a.services.push(s);
        }
    }
    for s in b.sources {
        if !a.sources.contains(&s) {
            a.sources.push(s);
        }
    }
    a.updated = a.updated.max(b.updated);
    a.origins.extend(b.origins);
    a
}

/// District order as in districts.yaml, then street order, then name and id.
pub fn sort_institutions(list: &mut [Institution], districts: &[District]) {
    list.sort_by_cached_key(|i| {
        let street = i
            .street
            .as_ref()
            .and_then(|s| {
                districts
                    .get(i.district)
                    .and_then(|d| d.streets.iter().position(|x| x == s))
            })
            .unwrap_or(usize::MAX);
        (i.district, street, i.name.clone(), i.id.clone())
    });
}
