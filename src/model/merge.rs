//! Records of different kinds that share an `id` are one institution: merge them, and
//! report disagreements on name, district or address. (Duplicate ids within a kind were
//! already refused by `record`.)

use super::enums::Kind;
use super::record::Record;
use super::{District, Institution};
use crate::diagnostics::catalogue::model as msg;
use crate::diagnostics::{Diagnostic, Text};

pub fn merge(
    files: Vec<Vec<Record>>,
    districts: &Option<Vec<District>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Institution> {
    // Each record by (file, position), in (id, kind) order: runs of equal ids are checked
    // while the records are whole; the institutions are then moved out file by file, so
    // that the records and the institutions are never both in memory (at a million records
    // each is ~0.8 GB).
    let mut order: Vec<(u32, u32)> = files
        .iter()
        .enumerate()
        .flat_map(|(f, v)| (0..v.len() as u32).map(move |r| (f as u32, r)))
        .collect();
    let at = |(f, r): (u32, u32)| &files[f as usize][r as usize];
    // Position breaks ties, so that every key is unique and the parallel sort gives the
    // one order (sorting 100,000 borrowed ids was most of this step on one core).
    use rayon::prelude::*;
    order.par_sort_unstable_by(|a, b| {
        let (x, y) = (at(*a), at(*b));
        (&x.inst.id, x.kind, a).cmp(&(&y.inst.id, y.kind, b))
    });
    let mut starts = Vec::with_capacity(files.len());
    let mut n = 0;
    for f in &files {
        starts.push(n);
        n += f.len();
    }
    // The runs of more than one listing: where the first is, then where the others are.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for run in order.chunk_by(|a, b| at(*a).inst.id == at(*b).inst.id) {
        let group: Vec<&Record> = run.iter().map(|k| at(*k)).collect();
        check_agreement(&group, districts.as_deref(), diags);
        if let Some(first) = group.first().filter(|r| r.kind == Kind::Demonstration) {
            let m = Text::new(&msg::DEMONSTRATION_NOT_FILED).arg("id", &first.inst.id);
            diags.push(
                Diagnostic::warning(&first.file, first.id_pos, m)
                    .with_help(Text::new(&msg::DEMONSTRATION_NOT_FILED_HELP)),
            );
        }
        if run.len() > 1 {
            runs.push(
                run.iter()
                    .map(|(f, r)| starts[*f as usize] + *r as usize)
                    .collect(),
            );
        }
    }
    drop(order);
    let mut slots: Vec<Option<Institution>> = Vec::with_capacity(n);
    for file in files {
        slots.extend(file.into_iter().map(|r| Some(r.inst)));
    }
    for run in runs {
        let mut merged = slots[run[0]].take();
        for k in &run[1..] {
            merged = match (merged, slots[*k].take()) {
                (Some(a), Some(b)) => Some(absorb(a, b)),
                (a, b) => a.or(b),
            };
        }
        slots[run[0]] = merged;
    }
    // In place: an `Option<Institution>` is as large as an `Institution` (asserted below),
    // and `filter_map` (unlike `flatten`) keeps the buffer.
    #[allow(clippy::filter_map_identity)]
    let mut out: Vec<Institution> = slots.into_iter().filter_map(|s| s).collect();
    match districts {
        Some(ds) => sort_institutions(&mut out, ds),
        None => out.sort_unstable_by(|a, b| a.id.cmp(&b.id)),
    }
    out
}

const _: () = assert!(size_of::<Option<Institution>>() == size_of::<Institution>());

fn check_agreement(group: &[&Record], districts: Option<&[District]>, diags: &mut Vec<Diagnostic>) {
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
    a.read_form = super::ReadForm::none();
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
    // A permutation sorted by borrowed keys, then applied in place: keys holding copies of
    // the names and ids cost ~150 MB at a million institutions.
    use rayon::prelude::*;
    let street: Vec<usize> = list
        .par_iter()
        .map(|i| {
            i.street
                .as_ref()
                .and_then(|s| {
                    districts
                        .get(i.district)
                        .and_then(|d| d.streets.iter().position(|x| x == s))
                })
                .unwrap_or(usize::MAX)
        })
        .collect();
    let key = |k: usize| (list[k].district, street[k], &list[k].name, &list[k].id);
    let mut order: Vec<usize> = (0..list.len()).collect();
    // Every key is unique (ids are), so the parallel sort gives the one order.
    order.par_sort_unstable_by(|a, b| key(*a).cmp(&key(*b)));
    drop(street);
    permute(list, order);
}

/// Reorder `list` so that position k holds what was at `order[k]`, in place (following
/// each cycle of the permutation).
fn permute<T>(list: &mut [T], mut order: Vec<usize>) {
    for start in 0..list.len() {
        let mut k = start;
        while order[k] != start {
            let next = order[k];
            list.swap(k, next);
            order[k] = k;
            k = next;
        }
        order[k] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_puts_each_element_where_the_order_says() {
        let mut list = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut list, vec![3, 0, 4, 1, 2]);
        assert_eq!(list, ['d', 'a', 'e', 'b', 'c']);
        let mut list = vec![1, 2, 3];
        permute(&mut list, vec![0, 1, 2]);
        assert_eq!(list, [1, 2, 3]);
    }
}
