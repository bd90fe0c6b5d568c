//! Which imported row is which record already in the content, and ids for new ones.
//!
//! A row matches, in this order: a record with the row's id (open data carries it), its
//! 统一社会信用代码, its 备案编号, the same district and name, or the same name alone when
//! only one unmatched record has it. Each record matches at most one row. A new record's
//! id is the district id and the pinyin initials of its name (`shinan-mmtyzx`), cut to
//! 64 characters, with `-2`, `-3`… when taken: the same list against the same content
//! gives the same ids on every run.

use std::collections::{HashMap, HashSet};

use pinyin::ToPinyin;

use super::existing::Existing;
use super::rows::ImportRow;

/// For each row, the index of the record it updates.
pub fn match_rows(rows: &[ImportRow], existing: &[Existing]) -> Vec<Option<usize>> {
    let mut taken = vec![false; existing.len()];
    let mut out = vec![None; rows.len()];
    type KeyFn = fn(&ImportRow) -> Option<String>;
    type RecFn = fn(&Existing) -> Option<String>;
    let passes: [(KeyFn, RecFn); 5] = [
        (|r| r.text("id").map(str::to_string), |e| Some(e.id.clone())),
        (
            |r| r.text("credit_code").map(norm),
            |e| e.credit_code.as_deref().map(norm),
        ),
        (
            |r| r.text("filing_number").map(norm),
            |e| e.filing_number.as_deref().map(norm),
        ),
        (
            |r| {
                Some(format!(
                    "{}\n{}",
                    r.text("district")?,
                    norm(r.text("name")?)
                ))
            },
            |e| Some(format!("{}\n{}", e.district.as_ref()?, norm(&e.name))),
        ),
        (|r| r.text("name").map(norm), |e| Some(norm(&e.name))),
    ];
    for (pass, (row_key, rec_key)) in passes.iter().enumerate() {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in existing.iter().enumerate().filter(|(i, _)| !taken[*i]) {
            if let Some(k) = rec_key(e).filter(|k| !k.is_empty()) {
                index.entry(k).or_default().push(i);
            }
        }
        for (ri, row) in rows.iter().enumerate() {
            if out[ri].is_some() {
                continue;
            }
            let Some(cands) = row_key(row).and_then(|k| index.get(&k)) else {
                continue;
            };
            // A name alone must be unambiguous.
            let free: Vec<usize> = cands.iter().copied().filter(|i| !taken[*i]).collect();
            if pass == 4 && free.len() != 1 {
                continue;
            }
            if let Some(&i) = free.first() {
                taken[i] = true;
                out[ri] = Some(i);
            }
        }
    }
    out
}

/// Names and codes compared without spaces and with full-width brackets folded.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

/// The longest id written.
const MAX_ID: usize = 64;

/// A readable id for a new record, not in `used` (which it joins).
pub fn new_id(name: &str, district: Option<&str>, used: &mut HashSet<String>) -> String {
    let mut base = String::new();
    if let Some(d) = district {
        base.push_str(d);
        base.push('-');
    }
    base.push_str(&initials(name));
    let base = base.trim_end_matches('-');
    let mut base: String = base.chars().take(MAX_ID - 4).collect();
    if base.is_empty() {
        base.push_str("record");
    }
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Pinyin initials of the Chinese characters, ASCII letters and digits kept as they are.
fn initials(name: &str) -> String {
    let mut out = String::new();
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => out.push_str(p.first_letter()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_initials_and_collision_safe() {
        let mut used = HashSet::new();
        assert_eq!(
            new_id("示例·阳光托育园", Some("shinan"), &mut used),
            "shinan-slygtyy"
        );
        assert_eq!(
            new_id("示例阳光托育园", Some("shinan"), &mut used),
            "shinan-slygtyy-2"
        );
        assert!(new_id(&"托".repeat(100), None, &mut used).len() <= 64);
    }
}
