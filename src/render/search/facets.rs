//! Facet files: for each filter value (a kind, 普惠, 免费, a service, "accepts a child of N
//! months"), the documents that have it, one file each, so that a filter costs one small
//! request whatever the number of documents; and each district's streets, one file per
//! district (docs/search-index.md, "Facet files", "Street files").

use serde_json::{Value, json};
use std::collections::HashMap;

use super::encode::{b64, postings};
use super::format::{AGE_CLASSES, FACETS, FEE_LIMITS};
use crate::model::enums::{Service, ZhEnum};
use crate::model::{Ages, Institution, Site};

/// Ages in months the filter knows one by one; older ages share the last file.
const MIN_AGE_TOP: u8 = 36;

/// The facet files `b<k>` (key, bytes; equal lists share a file) and meta's `filters`: the
/// file of each facet (in [`FACETS`] order), each service, each age in months.
pub fn build(docs: &[&Institution]) -> (Vec<(String, Vec<u8>)>, Value) {
    let n = docs.len();
    let mut files = Files::default();
    let facets: Vec<usize> = FACETS.iter().map(|f| files.add(n, docs, f.has)).collect();
    let services: Vec<usize> = Service::ALL
        .iter()
        .map(|s| files.add(n, docs, |i| i.services.contains(s)))
        .collect();
    let top = docs
        .iter()
        .filter_map(|i| i.ages.map(|a| a.min_months.max(a.max_months)))
        .max()
        .unwrap_or(0)
        .max(MIN_AGE_TOP);
    // Ages 0 ..= top, and top + 1 for any older child (those with no upper bound).
    let ages: Vec<usize> = (0..=top.saturating_add(1))
        .map(|m| files.add(n, docs, |i| accepts(i.ages, m)))
        .collect();
    let vacancies = files.add(n, docs, |i| i.vacancies.is_some_and(|v| v.places > 0));
    let fees: Vec<usize> = FEE_LIMITS
        .iter()
        .map(|max| {
            files.add(n, docs, |i| {
                i.is_free() || i.monthly_fee.is_some_and(|f| f <= *max)
            })
        })
        .collect();
    let classes: Vec<usize> = AGE_CLASSES
        .iter()
        .map(|c| files.add(n, docs, |i| overlaps(i.ages, c.min, c.max)))
        .collect();
    let meta = json!({"facets": facets, "services": services, "ages": ages,
        "vacancies": vacancies, "fees": fees, "ageClasses": classes});
    (files.out, meta)
}

/// The street files `s<k>`, one per district: for each of its documents in order, the index
/// of its street in the district's `streets` (two characters, high then low 6 bits; 4095
/// when it has none), for the street filter of district pages.
pub fn streets(
    site: &Site,
    docs: &[&Institution],
    ranges: &[(u32, u32)],
) -> Vec<(String, Vec<u8>)> {
    ranges
        .iter()
        .enumerate()
        .map(|(k, (start, end))| {
            let streets = &site.districts[k].streets;
            let codes: String = docs[*start as usize..*end as usize]
                .iter()
                .flat_map(|i| {
                    let at = i
                        .street
                        .as_ref()
                        .and_then(|s| streets.iter().position(|x| x == s));
                    let code = at.map_or(4095, |p| p.min(4094) as u32);
                    [b64(code >> 6), b64(code & 63)]
                })
                .collect();
            let key = format!("s{k}");
            let json = serde_json::to_string(&codes).unwrap_or_default();
            let bytes = super::encode::js_file(&key, &json);
            (key, bytes)
        })
        .collect()
}

/// Whether a child of `months` may attend (unknown ages do not exclude anyone).
fn accepts(ages: Option<Ages>, months: u8) -> bool {
    ages.is_none_or(|a| a.min_months <= months && months <= a.max_months)
}

/// Whether some age in `min ..= max` months may attend (unknown ages: yes).
fn overlaps(ages: Option<Ages>, min: u8, max: u8) -> bool {
    ages.is_none_or(|a| a.min_months <= max && min <= a.max_months)
}

#[derive(Default)]
struct Files {
    out: Vec<(String, Vec<u8>)>,
    seen: HashMap<String, usize>,
}

impl Files {
    /// The file index of the documents passing `f`, a new file unless an equal one exists.
    fn add(&mut self, n: usize, docs: &[&Institution], f: impl Fn(&Institution) -> bool) -> usize {
        let list: Vec<u32> = (0..n as u32).filter(|d| f(docs[*d as usize])).collect();
        let encoded = postings(&list, n);
        if let Some(k) = self.seen.get(&encoded) {
            return *k;
        }
        let k = self.out.len();
        let key = format!("b{k}");
        let json = serde_json::to_string(&encoded).unwrap_or_default();
        self.out
            .push((key.clone(), super::encode::js_file(&key, &json)));
        self.seen.insert(encoded, k);
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ages_accept_every_child() {
        assert!(accepts(None, 0) && accepts(None, 40));
        let ages = Some(Ages {
            min_months: 12,
            max_months: 36,
        });
        assert!(!accepts(ages, 11) && accepts(ages, 12) && accepts(ages, 36) && !accepts(ages, 37));
    }

    #[test]
    fn age_classes_take_institutions_whose_ages_overlap_them() {
        let ages = Some(Ages {
            min_months: 18,
            max_months: 30,
        });
        assert!(!overlaps(ages, 6, 11) && overlaps(ages, 12, 23) && overlaps(ages, 24, 36));
        assert!(overlaps(None, 6, 11));
    }
}
