//! The four real sites of content/ (from news reports) build, and every other name they go
//! by is a name term of theirs, found the way their names are.

use std::path::Path;

use super::super::text::doc_terms;

#[test]
fn the_real_sites_aliases_are_name_terms() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = jiff::civil::date(2026, 12, 1);
    let checked = crate::pipeline::check_on(&content, today).expect("content loads");
    let site = checked.site.expect("content/ validates");
    let cases = [
        ("licang-zhigong-aixin", "爱心托育中心"),
        ("licang-hengxing", "恒星科技学院"),
        ("pingdu-kangbei", "融合托育"),
        ("pingdu-kangbei", "kangbei"),
    ];
    for (id, alias_part) in cases {
        let inst = site
            .institutions
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("{id} is in content/"));
        assert!(!inst.aliases.is_empty(), "{id} has aliases");
        let (name, _) = doc_terms(inst);
        let mut buf = super::TermBuf::default();
        let mut t = super::Terms { out: &mut buf };
        t.grams(alias_part);
        for term in buf.iter() {
            assert!(
                name.contains(term),
                "{id}: `{term}` of `{alias_part}` is a name term"
            );
        }
    }
    let hemei = site
        .institutions
        .iter()
        .find(|i| i.id == "chengyang-qianwangtuan-hemei")
        .expect("the 前旺疃 centre is in content/");
    assert!(hemei.programs.iter().any(|p| p == "孕产育一体化"));
}
