//! Facet files: for each filter value (a kind, 普惠, 免费, a service, "accepts a child of N
//! months"), the documents that have it, one file each, so that a filter costs one small
//! request whatever the number of documents; and each district's streets, one file per
//! district (docs/search-index.md, "Facet files", "Street files").

use serde_json::{Value, json};
use std::collections::HashMap;

use super::encode::{b64, postings};
use super::format::{AGE_CLASSES, FACETS, FEE_LIMITS};
use crate::model::AgeClass;
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
        .map(|c| files.add(n, docs, |i| runs(i.ages, c.class)))
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

/// Whether an institution of `ages` runs `class`, as its badges say (unknown ages: yes).
fn runs(ages: Option<Ages>, class: AgeClass) -> bool {
    ages.is_none_or(|a| AgeClass::of(a).contains(&class))
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
    fn an_age_class_filter_takes_the_institutions_with_its_badge() {
        let ages = |min, max| {
            Some(Ages {
                min_months: min,
                max_months: max,
            })
        };
        let at = |a| {
            AGE_CLASSES
                .iter()
                .map(|c| runs(a, c.class))
                .collect::<Vec<_>>()
        };
        assert_eq!(at(ages(18, 30)), [false, true, true]);
        // 12–24 months is 托小班 only, as its badge says, not also 托大班 at 24.
        assert_eq!(at(ages(12, 24)), [false, true, false]);
        assert_eq!(at(ages(36, 36)), [false, false, true]);
        assert_eq!(at(None), [true, true, true]);
    }
}
