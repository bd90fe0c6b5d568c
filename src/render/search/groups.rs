//! Where ASCII terms live: pinyin (`p:`), initials (`i:`) and words (`w:`) go to the shard
//! of a PREFIX of their text, not of their own hash, so that the inputs of a word typed key
//! by key (`do`, `dou`, `douy`, `douyun`, `dou yun`) read the shard already loaded instead
//! of one shard each (docs/search-index.md, "Term shards"). A prefix whose terms would make
//! a shard too big (`sh`, `zh`, `d` at 100,000 records) is split by the next character; the
//! split prefixes are listed in meta (`split`), and search.js picks the same group.

use std::collections::HashSet;

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

    /// The shard key of an ASCII term's text: `~` and its shortest prefix that is not split
    /// (the whole text when every shorter prefix is); search.js `groupKey`.
    pub fn key(&self, text: &str) -> String {
        let mut end = 0;
        for (i, c) in text.char_indices() {
            end = i + c.len_utf8();
            if end == text.len() || !self.split.contains(&text[..end]) {
                break;
            }
        }
        format!("~{}", &text[..end])
    }

    /// The split prefixes, sorted (meta `split`).
    pub fn list(&self) -> Vec<String> {
        let mut out: Vec<String> = self.split.iter().cloned().collect();
        out.sort_unstable();
        out
    }

    /// The groups of `terms` (each an ASCII term's text and its estimated bytes in a
    /// shard): a prefix whose terms weigh more than `limit` is split by the next character,
    /// until each group is within it or is one text.
    pub fn plan(terms: &mut [(&str, usize)], limit: usize) -> Self {
        terms.sort_unstable();
        let mut split = HashSet::new();
        divide(terms, 0, limit.max(1), &mut split);
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
        let g = Groups::plan(&mut terms, 10);
        // d: 21 > 10, split; do: 18 > 10, split; dou (10), dong (6), dy (2) fit.
        assert_eq!(g.list(), ["d", "do"]);
        assert_eq!(g.key("douyun"), "~dou");
        assert_eq!(g.key("dong"), "~don");
        assert_eq!(g.key("shi"), "~s");
        // A single text heavier than the limit is one group, not split further.
        let g = Groups::plan(&mut [("zhong", 50)], 10);
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
}
