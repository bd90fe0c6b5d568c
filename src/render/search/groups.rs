//! Where ASCII terms live: pinyin (`p:`), initials (`i:`) and words (`w:`) go to the shard
//! of a PREFIX of their text, not of their own hash, so that the inputs of a word typed key
//! by key (`do`, `dou`, `douy`, `douyun`, `dou yun`) read the shard already loaded instead
//! of one shard each (docs/search-index.md, "Term shards"). A prefix whose terms would make
//! a shard too big (`sh`, `zh`, `d` at 100,000 records) is split by the next character; the
//! split prefixes are listed in meta (`split`), and search.js picks the same group. A house
//! number after a road (`瑞路342` of 港瑞路342号) lives likewise with a prefix of at least its
//! characters and first digit (`瑞路3`; `二路27` where 二路 ends hundreds of roads), so that
//! `港瑞路3`, `港瑞路34`, `港瑞路342` typed key by key read one shard too.

use rustc_hash::FxHashSet as HashSet;

use super::encode::shard_hash_of;

use super::terms::{INLINE_ALL, INLINE_TOP};
use super::text::is_cjk;

/// The tags of the terms placed by prefix: pinyin, initials, words, and the address sound
/// pairs (`a:`, looked up beside the `p:` pair of the same text by a same-sound query).
/// Phone digits (`n:`) are not: typed numbers are long and their terms many, so prefix
/// groups of them would be split to single numbers.
const TAGS: [&str; 4] = ["p:", "i:", "w:", "a:"];

/// The text of an ASCII term after its tag (`p:douyun` → `douyun`), or None for any other.
pub fn text(term: &str) -> Option<&str> {
    TAGS.iter()
        .find_map(|t| term.strip_prefix(t))
        .filter(|s| !s.is_empty())
}

/// An address sound pair (`a:`): postings only, no cards (terms.rs).
pub fn is_sound_pair(term: &str) -> bool {
    term.starts_with("a:")
}

/// About the bytes a term takes in a shard (of `n` documents), by its name and other
/// postings and the cards that come with it (terms.rs `shard_file`): all its name
/// postings' up to 100 and its other ones' when at most 100 in all, or the first 20 of
/// its other ones for a street's term or a road's (more than 100 of them).
pub fn weight(term: &str, name: usize, other: usize, n: usize, street: bool) -> usize {
    let list = |len: usize| (3 * len).min(n.div_ceil(6) + 1);
    let cards = if is_sound_pair(term) {
        0
    } else if name + other <= INLINE_ALL {
        name + other
    } else if street || other > INLINE_ALL {
        name.min(INLINE_ALL) + INLINE_TOP
    } else {
        name.min(INLINE_ALL)
    };
    term.len() + 8 + list(name) + list(other) + CARD_BYTES * cards
}
/// About the bytes of a result card in a shard.
const CARD_BYTES: usize = 150;

/// For a term of CJK characters and a number (text.rs `Terms::grams`: `瑞路342`), the
/// number of characters of its shortest group: the CJK ones and the first digit (`瑞路3`).
pub fn number_base(term: &str) -> Option<usize> {
    let at = term.find(|c: char| c.is_ascii_digit())?;
    let (lead, number) = term.split_at(at);
    let n = lead.chars().count();
    let cjk = n > 0 && n <= 2 && lead.chars().all(is_cjk);
    (cjk && number.bytes().all(|b| b.is_ascii_digit())).then_some(n + 1)
}

/// The split prefixes (each the text of a group that was too big, split by its next
/// character).
#[derive(Debug, Default, Clone)]
pub struct Groups {
    split: HashSet<String>,
}

impl Groups {
    pub fn new<S: Into<String>>(split: impl IntoIterator<Item = S>) -> Self {
        Self {
            split: split.into_iter().map(Into::into).collect(),
        }
    }

    /// The shard key of an ASCII term's text: `~` and its group (see [`Groups::prefix`]).
    pub fn key(&self, text: &str) -> String {
        format!("~{}", self.prefix(text, 1))
    }

    /// The shard hash of [`Groups::key`] (`shard_hash(&self.key(text))`), made without it.
    pub fn key_hash(&self, text: &str) -> u32 {
        shard_hash_of(&["~", self.prefix(text, 1)])
    }

    /// The shard key of a house number's term (see [`number_base`]): its group.
    pub fn number_key<'t>(&self, term: &'t str) -> Option<&'t str> {
        Some(self.prefix(term, number_base(term)?))
    }

    /// The group of `text`: its shortest prefix of at least `min` characters that is not
    /// split (the whole text when every shorter one is); search.js `groupKey`.
    fn prefix<'t>(&self, text: &'t str, min: usize) -> &'t str {
        let mut end = 0;
        for (n, (i, c)) in text.char_indices().enumerate() {
            end = i + c.len_utf8();
            if n + 1 >= min && (end == text.len() || !self.split.contains(&text[..end])) {
                break;
            }
        }
        &text[..end]
    }

    /// The split prefixes, sorted (meta `split`).
    pub fn list(&self) -> Vec<String> {
        let mut out: Vec<String> = self.split.iter().cloned().collect();
        out.sort_unstable();
        out
    }

    /// The groups of `terms` (each an ASCII term's text and its estimated bytes in a
    /// shard) and of `numbers` (house numbers' terms, likewise): a prefix whose terms weigh
    /// more than `limit` is split by the next character, until each group is within it or
    /// is one text; a number's group is never shorter than its [`number_base`].
    pub fn plan(terms: &mut [(&str, usize)], numbers: &mut [(&str, usize)], limit: usize) -> Self {
        let limit = limit.max(1);
        terms.sort_unstable();
        let mut split = HashSet::default();
        divide(terms, 0, limit, &mut split);
        numbers.sort_unstable();
        let mut from = 0;
        while from < numbers.len() {
            let base = number_base(numbers[from].0).unwrap_or(1);
            let key = prefix(numbers[from].0, base);
            let n = numbers[from..]
                .iter()
                .take_while(|t| t.0.starts_with(key))
                .count();
            let same: Vec<(&str, usize)> = numbers[from..from + n]
                .iter()
                .filter(|t| number_base(t.0) == Some(base))
                .copied()
                .collect();
            divide(&same, base, limit, &mut split);
            from += n;
        }
        Self { split }
    }
}

/// Split the terms sharing their first `depth` characters (`items`, sorted) when they weigh
/// more than `limit`: record the prefix, then divide each next-character group in turn.
fn divide(items: &[(&str, usize)], depth: usize, limit: usize, split: &mut HashSet<String>) {
    if items.iter().map(|t| t.1).sum::<usize>() <= limit {
        return;
    }
    // Texts that are the prefix itself stay in its group; the others group by next char.
    let longer: Vec<&(&str, usize)> = items
        .iter()
        .filter(|t| t.0.chars().count() > depth)
        .collect();
    if longer.is_empty() {
        return;
    }
    if depth > 0 {
        split.insert(prefix(items[0].0, depth).to_string());
    }
    let mut from = 0;
    while from < longer.len() {
        let c = longer[from].0.chars().nth(depth);
        let to = from
            + longer[from..]
                .iter()
                .take_while(|t| t.0.chars().nth(depth) == c)
                .count();
        let group: Vec<(&str, usize)> = longer[from..to].iter().map(|t| **t).collect();
        divide(&group, depth + 1, limit, split);
        from = to;
    }
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_word_stays_in_its_group() {
        let g = Groups::default();
        for t in ["d", "do", "dou", "douy", "douyun"] {
            assert_eq!(g.key(t), "~d", "{t}");
        }
        let g = Groups::new(["d", "do"]);
        assert_eq!(g.key("d"), "~d");
        assert_eq!(g.key("do"), "~do");
        assert_eq!(g.key("dou"), "~dou");
        assert_eq!(g.key("douyun"), "~dou");
        assert_eq!(g.key("dy"), "~dy");
        assert_eq!(g.key("lü"), "~l");
        assert_eq!(Groups::new(["l"]).key("lüe"), "~lü");
    }

    #[test]
    fn a_group_s_shard_hash_is_the_hash_of_its_key() {
        let g = Groups::new(["d", "do"]);
        for t in ["d", "dou", "douyun", "lüe", "瑞路3", ""] {
            assert_eq!(
                g.key_hash(t),
                super::super::encode::shard_hash(&g.key(t)),
                "{t}"
            );
        }
    }

    #[test]
    fn heavy_prefixes_split_until_each_group_fits() {
        let mut terms = vec![
            ("d", 1),
            ("do", 2),
            ("dou", 5),
            ("douyun", 5),
            ("dong", 6),
            ("dy", 2),
            ("shi", 3),
        ];
        let g = Groups::plan(&mut terms, &mut [], 10);
        // d: 21 > 10, split; do: 18 > 10, split; dou (10), dong (6), dy (2) fit.
        assert_eq!(g.list(), ["d", "do"]);
        assert_eq!(g.key("douyun"), "~dou");
        assert_eq!(g.key("dong"), "~don");
        assert_eq!(g.key("shi"), "~s");
        // A single text heavier than the limit is one group, not split further.
        let g = Groups::plan(&mut [("zhong", 50)], &mut [], 10);
        assert_eq!(g.list(), ["z", "zh", "zho", "zhon"]);
        assert_eq!(g.key("zhong"), "~zhong");
    }

    #[test]
    fn only_pinyin_initials_and_words_are_placed_by_prefix() {
        assert_eq!(text("p:douyun"), Some("douyun"));
        assert_eq!(text("i:dy"), Some("dy"));
        assert_eq!(text("w:188"), Some("188"));
        assert_eq!(text("a:gangrui"), Some("gangrui"));
        assert_eq!(text("n:4321"), None);
        assert_eq!(text("三利"), None);
        assert_eq!(text("^三"), None);
    }

    #[test]
    fn a_house_number_lives_with_its_first_digit_or_more() {
        let g = Groups::default();
        assert_eq!(g.number_key("瑞路342"), Some("瑞路3"));
        assert_eq!(g.number_key("瑞路3"), Some("瑞路3"));
        assert_eq!(g.number_key("号7"), Some("号7"));
        assert_eq!(g.number_key("w:342"), None);
        assert_eq!(g.number_key("瑞路"), None);
        assert_eq!(g.number_key("港瑞路3"), None);
        assert_eq!(g.number_key("n:4321"), None);
        // 二路 ends many roads: its numbers split by their second digit, 瑞路's do not.
        let mut numbers = vec![
            ("二路2", 3),
            ("二路27", 4),
            ("二路278", 4),
            ("二路21", 4),
            ("瑞路3", 4),
            ("瑞路34", 4),
        ];
        let g = Groups::plan(&mut [], &mut numbers, 10);
        assert_eq!(g.list(), ["二路2"]);
        assert_eq!(g.number_key("二路278"), Some("二路27"));
        assert_eq!(g.number_key("二路2"), Some("二路2"));
        assert_eq!(g.number_key("瑞路342"), Some("瑞路3"));
    }
}
