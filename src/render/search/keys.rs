//! Where a term lives and which terms a query looks up: the shard of a term and the keys
//! of a query's CJK runs, made the same way by search.js (`shardOf`, `keysOf`, `exactKey`;
//! docs/search-index.md, "Term shards" and "Queries").

/// The heavy terms, looked up for every term of every document when the shards are placed:
/// Fx, not SipHash (at a million documents SipHash was ~1.5 s of CPU per group pass).
pub type Heavy<'h> = rustc_hash::FxHashSet<&'h str>;

use super::encode::shard_hash;
use super::groups::{self, Groups};
use super::text::is_cjk;

/// The shard of a term. `^ab` lives with `ab` (the first two CJK characters), so that a
/// query's first term brings the name-prefix postings with it; `=name` lives with the
/// first light term a query for that name looks up (see [`exact_base`]), so that an
/// exact-name query costs no extra file; an ASCII term (`p:`, `i:`, `w:`, `a:`) with its
/// prefix group and a road's house number with its first digit (see [`groups`]), so that a
/// word or a number typed key by key reads one shard.
pub fn shard_of(term: &str, heavy: &Heavy, groups: &Groups) -> u32 {
    if let Some(text) = groups::text(term) {
        return groups.key_hash(text);
    }
    if let Some(key) = groups.number_key(term) {
        return shard_hash(key);
    }
    if let Some(rest) = term.strip_prefix('^') {
        return shard_hash(rest);
    }
    if let Some(base) = term.strip_prefix('=').and_then(|n| exact_base_in(n, heavy)) {
        return shard_hash(base);
    }
    shard_hash(term)
}

/// The first light term among those a query for `name` looks up (see [`run_keys`]). The
/// browser makes the same choice (`exactKey` in search.js).
pub fn exact_base(name: &str, heavy: &Heavy) -> Option<String> {
    exact_base_in(name, heavy).map(String::from)
}

/// [`exact_base`] as a part of `name`, found without making the keys: within each run the
/// keys [`run_keys`] gives are its first and last light terms (or all its terms, when it
/// has one or two), so the first light key is the first light term of the first run that
/// has one. It is worked out for every document's name at every build.
fn exact_base_in<'n>(name: &'n str, heavy: &Heavy) -> Option<&'n str> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let end = |k: usize| chars.get(k + 1).map_or(name.len(), |c| c.0);
    let mut from = 0;
    while from < chars.len() {
        if !is_cjk(chars[from].1) {
            from += 1;
            continue;
        }
        let to = from + chars[from..].iter().take_while(|c| is_cjk(c.1)).count();
        let rest: Vec<char> = chars[to..].iter().map(|c| c.1).chain([' ']).collect();
        // The run's terms: the one character, or its pairs less the last when a number
        // follows (the browser looks that pair up with the number).
        let pairs = (to - from).saturating_sub(1);
        let count = match pairs {
            0 => 1,
            n if n > 1 && number_follows(&rest) => n - 1,
            n => n,
        };
        let term = |k: usize| match pairs {
            0 => &name[chars[from].0..end(from)],
            _ => &name[chars[from + k].0..end(from + k + 1)],
        };
        if let Some(t) = (0..count).map(term).find(|t| !heavy.contains(t)) {
            return Some(t);
        }
        from = to;
    }
    None
}

/// The terms a query for `text` looks up, for each CJK run in turn: its terms (bigrams, or
/// the one character) when it has at most two, else its first and last light terms (the
/// first and last terms when it has no light one). The browser's `keysOf` in search.js.
pub fn run_keys(text: &str, heavy: &Heavy) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut runs: Vec<(&[char], bool)> = Vec::new();
    let mut from = 0;
    for (i, c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        if i < chars.len() && is_cjk(*c) {
            continue;
        }
        if i > from {
            runs.push((&chars[from..i], number_follows(&chars[i..])));
        }
        from = i + 1;
    }
    runs.into_iter()
        .map(|(run, number)| {
            let mut terms: Vec<String> = if run.len() == 1 {
                vec![run[0].to_string()]
            } else {
                run.windows(2).map(|w| w.iter().collect()).collect()
            };
            // A number right after the run is looked up with the run's last pair (瑞路342):
            // that pair is not looked up again (search.js textToken).
            if number && terms.len() > 1 {
                terms.pop();
            }
            if terms.len() <= 2 {
                return terms;
            }
            let light: Vec<&String> = terms
                .iter()
                .filter(|t| !heavy.contains(t.as_str()))
                .collect();
            let first = light.first().copied().unwrap_or(&terms[0]);
            let last = match light.len() {
                0 | 1 => &terms[terms.len() - 1],
                n => light[n - 1],
            };
            let mut keys = vec![first.clone()];
            if last != first {
                keys.push(last.clone());
            }
            keys
        })
        .collect()
}

/// Whether `rest` (what follows a CJK run) starts with a number the browser reads with the
/// run's last pair: an ASCII word of digits only, at most [`LEAD_DIGITS_MAX`] long.
fn number_follows(rest: &[char]) -> bool {
    let word: Vec<&char> = rest
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || **c == 'ü')
        .collect();
    !word.is_empty() && word.len() <= LEAD_DIGITS_MAX && word.iter().all(|c| c.is_ascii_digit())
}
/// search.js `LEAD_DIGITS_MAX`.
const LEAD_DIGITS_MAX: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::groups::Groups;

    fn heavy<'a>(terms: &[&'a str]) -> Heavy<'a> {
        terms.iter().copied().collect()
    }

    /// exact_base as first written: the first light key of [`run_keys`].
    fn exact_base_by_keys(name: &str, heavy: &Heavy) -> Option<String> {
        run_keys(name, heavy)
            .into_iter()
            .flatten()
            .find(|k| !heavy.contains(k.as_str()))
    }

    #[test]
    fn the_exact_base_is_the_first_light_key_of_the_query() {
        let h = heavy(&["托育", "育中", "中心", "宝贝", "路", "瑞路", "三"]);
        let names = [
            "虚构·树安贝托育中心",
            "托育中心",
            "三 托育中心",
            "港瑞路342号",
            "港瑞路3421234号 托育",
            "瑞路12",
            "宝贝 a1 路 三利",
            "托育中心 宝贝",
            "三",
            "abc",
            "",
            "a托b育c",
            "托育12 宝贝3",
            "育中心托育",
        ];
        for name in names {
            assert_eq!(exact_base(name, &h), exact_base_by_keys(name, &h), "{name}");
        }
        assert_eq!(exact_base("托育中心 宝贝", &h), None);
        assert_eq!(exact_base("港瑞路342号", &h).as_deref(), Some("港瑞"));
    }

    #[test]
    fn exact_name_lives_with_the_first_light_key() {
        // 虚构 is a whole run of two characters: its one term is the key, heavy; the
        // next run's first light term comes next.
        let h = heavy(&["虚构", "托育", "育中", "中心"]);
        assert_eq!(
            exact_base("虚构·树安贝托育中心", &h).as_deref(),
            Some("树安")
        );
        assert_eq!(
            shard_of("=虚构·树安贝托育中心", &h, &Groups::default()),
            shard_hash("树安"),
            "the exact-name term goes to the shard the query loads anyway"
        );
        // A long run is looked up by its first and last light terms only: 安贝 is light but
        // not a key, so with 树安 heavy the key is 贝托.
        let h = heavy(&["虚构", "树安", "托育", "育中", "中心"]);
        assert_eq!(
            exact_base("虚构·树安贝托育中心", &h).as_deref(),
            Some("安贝")
        );
    }

    #[test]
    fn exact_name_with_only_heavy_keys_has_a_shard_of_its_own() {
        let h = heavy(&["阳光", "光宝", "宝贝"]);
        assert_eq!(exact_base("阳光宝贝", &h), None);
        assert_eq!(
            shard_of("=阳光宝贝", &h, &Groups::default()),
            shard_hash("=阳光宝贝")
        );
        assert_eq!(exact_base("abc", &h), None);
    }

    #[test]
    fn a_run_before_a_number_drops_its_last_pair() {
        let none = Heavy::default();
        assert_eq!(run_keys("港瑞路342号", &none), [vec!["港瑞"], vec!["号"]]);
        // Not before letters, a number with letters or a long number (a phone number).
        assert_eq!(run_keys("港瑞路a1", &none), [vec!["港瑞", "瑞路"]]);
        assert_eq!(run_keys("港瑞路12345678", &none), [vec!["港瑞", "瑞路"]]);
        assert_eq!(run_keys("路3", &none), [vec!["路"]]);
    }

    #[test]
    fn prefix_terms_live_with_their_pair() {
        assert_eq!(
            shard_of("^三利", &Heavy::default(), &Groups::default()),
            shard_hash("三利")
        );
        assert_eq!(
            shard_of("三利", &Heavy::default(), &Groups::default()),
            shard_hash("三利")
        );
    }
}
