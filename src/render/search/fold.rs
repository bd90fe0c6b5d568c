//! The traditional → simplified folding table the browser needs for this corpus: only the
//! traditional and variant characters whose simplified form occurs in the indexed text.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use std::collections::BTreeSet;

use super::text::is_cjk;
use crate::model::Site;

/// Pairs of characters, "traditional then simplified", concatenated (e.g. "託托臺台").
pub fn table(site: &Site) -> String {
    let corpus = corpus_chars(site);
    let Ok(t2s) = OpenCC::from_config(BuiltinConfig::T2s) else {
        return String::new();
    };
    let mut out = String::new();
    // Every CJK ideograph that OpenCC folds to a character the corpus uses.
    for c in ('\u{3400}'..='\u{4DBF}').chain('\u{4E00}'..='\u{9FFF}') {
        let folded = t2s.convert(c.encode_utf8(&mut [0; 4]));
        let mut chars = folded.chars();
        if let (Some(s), None) = (chars.next(), chars.next())
            && s != c
            && corpus.contains(&s)
        {
            out.push(c);
            out.push(s);
        }
    }
    out
}

fn corpus_chars(site: &Site) -> BTreeSet<char> {
    let mut set = BTreeSet::new();
    let mut add = |s: &str| set.extend(s.chars().filter(|c| is_cjk(*c)));
    for i in &site.institutions {
        add(&i.name);
        i.address.as_deref().map(&mut add);
        i.street.as_deref().map(&mut add);
    }
    for d in &site.districts {
        add(&d.name);
    }
    // Query words the client understands beyond the corpus.
    add("托育全日半计时临普惠免费备案示范点区市街道镇");
    set
}
