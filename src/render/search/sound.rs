//! The reading table for same-sound (同音字) matches: for each toneless pinyin syllable, the
//! characters read that way, over the 6,763 characters of GB 2312 (what people type with a
//! pinyin IME) and those of the corpus. The client loads it only when a query with Chinese
//! characters found nothing, reads the query's characters as syllables and looks those up
//! as pinyin (docs/search-index.md, "Same sound").

use pinyin::{ToPinyin, ToPinyinMulti};
use std::collections::BTreeMap;

use super::text::is_cjk;

/// `{"d": {syllable: characters whose first reading it is}, "a": {syllable: characters
/// that have it as a further reading (多音字)}}`, as JSON. Depends on no record, so that the
/// file keeps its name from build to build.
pub fn table() -> String {
    let mut first: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut alt: BTreeMap<&'static str, String> = BTreeMap::new();
    for c in gb2312() {
        let Some(main) = c.to_pinyin().map(|p| p.plain()) else {
            continue;
        };
        first.entry(main).or_default().push(c);
        if let Some(multi) = c.to_pinyin_multi() {
            let mut seen = vec![main];
            for p in multi {
                let s = p.plain();
                if !seen.contains(&s) {
                    seen.push(s);
                    alt.entry(s).or_default().push(c);
                }
            }
        }
    }
    serde_json::json!({ "d": first, "a": alt }).to_string()
}

/// The Chinese characters of GB 2312 (rows 16–87 of the two-byte area), in code order.
fn gb2312() -> Vec<char> {
    let mut bytes = Vec::with_capacity(72 * 94 * 2);
    for hi in 0xB0u8..=0xF7 {
        for lo in 0xA1u8..=0xFE {
            bytes.extend([hi, lo]);
        }
    }
    let (text, _, _) = encoding_rs::GBK.decode(&bytes);
    text.chars().filter(|c| is_cjk(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_sound_characters_share_a_syllable() {
        let t: serde_json::Value = serde_json::from_str(&table()).unwrap_or_default();
        let wang = t["d"]["wang"].as_str().unwrap_or_default();
        assert!(wang.contains('王') && wang.contains('旺'), "{wang}");
        let dian = t["d"]["dian"].as_str().unwrap_or_default();
        assert!(dian.contains('店') && dian.contains('电'));
        // 长 (多音字) is under one reading first and under the other as a further one.
        let under =
            |part: &str, syl: &str| t[part][syl].as_str().unwrap_or_default().contains('长');
        assert!(
            under("d", "chang") != under("d", "zhang"),
            "one first reading"
        );
        assert!(under("d", "chang") || under("a", "chang"));
        assert!(under("d", "zhang") || under("a", "zhang"));
        assert!(gb2312().len() > 6700);
    }
}
