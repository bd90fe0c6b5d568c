//! Facet files: for each filter value (a kind, 普惠, 免费, a service, "accepts a child of N
//! months"), the documents that have it, one file each, so that a filter costs one small
//! request whatever the number of documents; and each district's streets, one file per
//! district (docs/search-index.md, "Facet files", "Street files").

use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;

use super::encode::{b64, postings};
use super::format::{AGE_CLASSES, FACETS, FEE_LIMITS};
use crate::model::AgeClass;
use crate::model::enums::{Service, ZhEnum};
use crate::model::{Ages, Institution, Site};

/// Ages in months the filter knows one by one; older ages share the last file.
const MIN_AGE_TOP: u8 = 36;

/// A filter value's test of a document.
type Test<'t> = Box<dyn Fn(&Institution) -> bool + Sync + 't>;

/// The facet files `b<k>` (key, bytes; equal lists share a file) and meta's `filters`: the
/// file of each facet (in [`FACETS`] order), each service, each age in months.
pub fn build(docs: &[&Institution]) -> (Vec<(String, Vec<u8>)>, Value) {
    let top = docs
        .iter()
        .filter_map(|i| i.ages.map(|a| a.min_months.max(a.max_months)))
        .max()
        .unwrap_or(0)
        .max(MIN_AGE_TOP);
    // Every filter value's test, in meta's order: facets, services, ages 0 ..= top and
    // top + 1 for any older child (those with no upper bound), vacancies, fees, classes.
    let mut tests: Vec<Test> = Vec::new();
    tests.extend(FACETS.iter().map(|f| Box::new(f.has) as Test));
    tests.extend(
        Service::ALL
            .iter()
            .map(|s| Box::new(move |i: &Institution| i.services.contains(s)) as Test),
    );
    let ages = 0..=top.saturating_add(1);
    tests.extend(ages.map(|m| Box::new(move |i: &Institution| accepts(i.ages, m)) as Test));
    tests.push(Box::new(|i: &Institution| {
        i.vacancies.is_some_and(|v| v.places > 0)
    }));
    tests.extend(FEE_LIMITS.iter().map(|max| {
        Box::new(move |i: &Institution| i.is_free() || i.monthly_fee.is_some_and(|f| f <= *max))
            as Test
    }));
    tests.extend(
        AGE_CLASSES
            .iter()
            .map(|c| Box::new(move |i: &Institution| runs(i.ages, c.class)) as Test),
    );
    // Every test of a document at once, into a row of bits, then each value's documents
    // from the rows: testing value by value read all 100,000 documents again for each of
    // ~70 values (~0.1 s of every build on one core, most of it waiting on memory).
    let rows = passes(docs, &tests);
    let words = tests.len().div_ceil(64);
    let encoded: Vec<String> = (0..tests.len())
        .into_par_iter()
        .map(|t| encode(&rows, words, t))
        .collect();
    let mut files = Files::default();
    let mut at = encoded.into_iter().map(|e| files.add(e));
    let mut take = |count: usize| (&mut at).take(count).collect::<Vec<usize>>();
    let facets = take(FACETS.len());
    let services = take(Service::ALL.len());
    let ages = take(usize::from(top) + 2);
    let vacancies = take(1).first().copied().unwrap_or_default();
    let fees = take(FEE_LIMITS.len());
    let classes = take(AGE_CLASSES.len());
    let meta = json!({"facets": facets, "services": services, "ages": ages,
        "vacancies": vacancies, "fees": fees, "ageClasses": classes});
    (files.out, meta)
}

/// Each document's tests passed, one bit per test (test `t` is bit `t % 64` of word
/// `t / 64` of the document's row).
fn passes(docs: &[&Institution], tests: &[Test]) -> Vec<u64> {
    let words = tests.len().div_ceil(64);
    let mut rows = vec![0u64; docs.len() * words];
    rows.par_chunks_mut(words.max(1))
        .zip(docs.par_iter())
        .for_each(|(row, i)| {
            for (t, test) in tests.iter().enumerate() {
                if test(i) {
                    row[t / 64] |= 1 << (t % 64);
                }
            }
        });
    rows
}

/// The documents passing test `t` (by their [`passes`] rows), encoded as a posting list.
fn encode(rows: &[u64], words: usize, t: usize) -> String {
    let n = rows.len() / words.max(1);
    let (word, bit) = (t / 64, 1 << (t % 64));
    let list: Vec<u32> = (0..n as u32)
        .filter(|d| rows[*d as usize * words + word] & bit != 0)
        .collect();
    postings(&list, n)
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
    /// The file index of an encoded posting list, a new file unless an equal one exists.
    fn add(&mut self, encoded: String) -> usize {
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
