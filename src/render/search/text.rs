//! Text as the search index sees it: normalised, cut into CJK grams, pinyin syllables and
//! initials, ASCII words. The browser applies the same rules to queries.

use pinyin::ToPinyin;

use crate::model::Institution;

pub use super::termbuf::TermBuf;

/// CJK ideographs (the unified block and extension A, compatibility ideographs).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Full-width ASCII to half-width, ideographic space to space, ASCII lower case.
pub fn normalise(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if out.contains("小时托") {
        out.replace("小时托", "计时托")
    } else {
        out
    }
}

/// Terms of one text field, appended to `out`.
pub struct Terms<'o> {
    pub out: &'o mut TermBuf,
}

impl Terms<'_> {
    /// CJK characters and adjacent pairs, and ASCII words (`w:`); a number right after
    /// CJK characters is also a term with the (last two) characters before it (港瑞路342号 →
    /// `瑞路342`), so that a road and a house number are one light term, not a road's
    /// hundreds of documents and a number's hundreds met in the browser.
    pub fn grams(&mut self, text: &str) {
        let text = normalise(text);
        // The CJK characters right before the current position (at most two), and those
        // right before the current ASCII word.
        let mut run: [Option<char>; 2] = [None, None];
        let mut lead: [Option<char>; 2] = [None, None];
        let mut word = String::new();
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                if word.is_empty() {
                    lead = run;
                }
                word.push(c);
            } else {
                self.flush_word(&mut word, &lead);
            }
            if is_cjk(c) {
                self.out.push_chars("", &[c]);
                if let Some(p) = run[1] {
                    self.out.push_chars("", &[p, c]);
                }
                run = [run[1], Some(c)];
            } else {
                run = [None, None];
            }
        }
        self.flush_word(&mut word, &lead);
    }

    fn flush_word(&mut self, word: &mut String, lead: &[Option<char>; 2]) {
        if !word.is_empty() {
            self.out.push(&["w:", word]);
            if lead[1].is_some() && word.bytes().all(|b| b.is_ascii_digit()) {
                let before: String = lead.iter().flatten().collect();
                self.out.push(&[&before, word]);
            }
            word.clear();
        }
    }

    /// `^` + the first character and the first two (for name-prefix ranking), and `=` +
    /// the whole name (for exact-name ranking).
    pub fn prefix(&mut self, name: &str) {
        let name = normalise(name);
        let chars: Vec<char> = name.chars().filter(|c| is_cjk(*c)).take(2).collect();
        if let Some(first) = chars.first() {
            self.out.push_chars("^", &[*first]);
        }
        if chars.len() == 2 {
            self.out.push_chars("^", &chars);
        }
        let name = name.trim();
        if !name.is_empty() && !name.contains(char::is_whitespace) {
            self.out.push(&["=", name]);
        }
    }

    /// A phone number's digits (`n:`), for each number in the field: the whole number,
    /// its last 8, 7 and 4 digits (the local number, the 尾号 people remember).
    pub fn phone(&mut self, text: &str) {
        let numbers = text.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == ' '));
        for number in numbers {
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            for keep in [digits.len(), 8, 7, 4] {
                if digits.len() >= 4 && keep <= digits.len() {
                    self.out.push(&["n:", &digits[digits.len() - keep..]]);
                }
            }
        }
    }

    /// Adjacent pairs of pinyin syllables (`a:`) inside each run of CJK characters of an
    /// address, for same-sound matches of a road or a 小区 (港睿路 for 港瑞路): other-field
    /// postings without cards, in the shard of the `p:` pair of the same text.
    pub fn sound_pairs(&mut self, text: &str) {
        let mut prev: Option<&str> = None;
        for c in normalise(text).chars() {
            let syl = Some(c)
                .filter(|c| is_cjk(*c))
                .and_then(|c| c.to_pinyin())
                .map(|p| p.plain());
            if let (Some(a), Some(b)) = (prev, syl) {
                self.out.push(&["a:", a, b]);
            }
            prev = syl;
        }
    }

    /// Pinyin syllables and adjacent pairs (`p:`), and adjacent initials (`i:`).
    pub fn pinyin(&mut self, text: &str) {
        let syllables: Vec<&str> = normalise(text)
            .chars()
            .filter(|c| is_cjk(*c))
            .filter_map(|c| c.to_pinyin())
            .map(|p| p.plain())
            .collect();
        for (i, s) in syllables.iter().enumerate() {
            self.out.push(&["p:", s]);
            if let Some(next) = syllables.get(i + 1) {
                self.out.push(&["p:", s, next]);
                let (a, b) = (s.chars().next(), next.chars().next());
                if let (Some(a), Some(b)) = (a, b) {
                    self.out.push_chars("i:", &[a, b]);
                }
            }
        }
    }
}

/// Pinyin of a short text, as one word (城阳 → chengyang) and its initials (cy).
pub fn pinyin_and_initials(text: &str) -> (String, String) {
    let syllables: Vec<&str> = text
        .chars()
        .filter_map(|c| c.to_pinyin())
        .map(|p| p.plain())
        .collect();
    (
        syllables.concat(),
        syllables.iter().filter_map(|s| s.chars().next()).collect(),
    )
}

/// The name terms and the other-field terms of one institution (each sorted, unique;
/// a term in the name is not repeated among the others).
pub(super) fn doc_terms(i: &Institution) -> (TermBuf, TermBuf) {
    let mut name = TermBuf::default();
    let mut t = Terms { out: &mut name };
    // Other names (曾用名, short names) are found the way the name is.
    for n in std::iter::once(&i.name).chain(&i.aliases) {
        t.grams(n);
        t.prefix(n);
        t.pinyin(n);
    }
    name.sort_dedup();
    let mut other = TermBuf::default();
    let mut t = Terms { out: &mut other };
    for field in [&i.address, &i.street].into_iter().flatten() {
        t.grams(field);
    }
    if let Some(a) = &i.address {
        t.sound_pairs(a);
    }
    if let Some(s) = &i.street {
        t.pinyin(s);
    }
    if let Some(op) = i.filed.as_ref().and_then(|f| f.operator.as_ref()) {
        t.grams(op);
    }
    if let Some(s) = &i.care_site {
        for field in s.community.iter().chain(&s.funders) {
            t.grams(field);
        }
    }
    for p in &i.programs {
        t.grams(p);
    }
    // A cancelled (注销) institution is not to be called: its number is not searchable either.
    if let Some(phone) = i.phone.as_ref().filter(|_| !i.is_cancelled()) {
        t.phone(phone);
    }
    other.sort_dedup();
    other.retain(|t| !name.contains(t));
    (name, other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(f: impl FnOnce(&mut Terms)) -> Vec<String> {
        let mut out = TermBuf::default();
        f(&mut Terms { out: &mut out });
        out.iter().map(String::from).collect()
    }

    #[test]
    fn cjk_grams_and_ascii_words() {
        assert_eq!(
            terms(|t| t.grams("三利 A1号")),
            ["三", "利", "三利", "w:a1", "号"]
        );
    }

    #[test]
    fn a_number_after_cjk_is_a_term_with_the_two_characters_before_it() {
        assert_eq!(
            terms(|t| t.grams("港瑞路342号 号7")),
            [
                "港",
                "瑞",
                "港瑞",
                "路",
                "瑞路",
                "w:342",
                "瑞路342",
                "号",
                "号",
                "w:7",
                "号7"
            ]
        );
        // Not after a space or a letter, nor for a word that is not all digits.
        assert_eq!(
            terms(|t| t.grams("路 12 路a1")),
            ["路", "w:12", "路", "w:a1"]
        );
    }

    #[test]
    fn pinyin_syllables_pairs_and_initials() {
        assert_eq!(
            terms(|t| t.pinyin("城阳")),
            ["p:cheng", "p:chengyang", "i:cy", "p:yang"]
        );
        assert_eq!(
            pinyin_and_initials("城阳"),
            ("chengyang".into(), "cy".into())
        );
    }

    #[test]
    fn address_sound_pairs_stay_inside_a_run() {
        assert_eq!(
            terms(|t| t.sound_pairs("港瑞路342号东区")),
            ["a:gangrui", "a:ruilu", "a:haodong", "a:dongqu"]
        );
    }

    #[test]
    fn phone_numbers_by_whole_local_and_last_four_digits() {
        let mut t = terms(|t| t.phone("0532-87654321"));
        t.sort();
        t.dedup();
        assert_eq!(t, ["n:053287654321", "n:4321", "n:7654321", "n:87654321"]);
        assert_eq!(terms(|t| t.phone("123")), Vec::<String>::new());
    }

    #[test]
    fn a_buffer_keeps_each_term_once_and_finds_it() {
        let mut buf = TermBuf::default();
        let mut t = Terms { out: &mut buf };
        t.grams("三利三利 三");
        buf.sort_dedup();
        let mut got: Vec<&str> = buf.iter().collect();
        got.sort();
        assert_eq!(got, ["三", "三利", "利", "利三"]);
        assert!(buf.contains("利三") && buf.contains("三"));
        assert!(!buf.contains("三利三") && !buf.contains(""));
    }

    #[test]
    fn normalises_width_case_and_hourly_care() {
        assert_eq!(normalise("ＡＢＣ　小时托"), "abc 计时托");
    }
}
