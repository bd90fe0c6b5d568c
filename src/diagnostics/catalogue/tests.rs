//! The catalogue's own checks: both languages, same placeholders, unique keys.

use super::*;

#[test]
fn every_message_has_both_languages_with_the_same_placeholders() {
    for area in areas() {
        for m in area.iter() {
            assert!(!m.zh.trim().is_empty(), "{}: no Chinese text", m.key);
            assert!(!m.en.trim().is_empty(), "{}: no English text", m.key);
            assert_eq!(
                placeholders(m.zh),
                placeholders(m.en),
                "{}: the two languages fill different placeholders",
                m.key
            );
        }
    }
}

#[test]
fn keys_are_unique_across_areas() {
    let mut keys: Vec<&str> = areas()
        .iter()
        .flat_map(|a| a.iter().map(|m| m.key))
        .collect();
    let n = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), n, "a key is defined twice");
}

#[test]
fn fills_placeholders_in_the_chosen_language() {
    let t = Text::new(&general::SUMMARY)
        .arg("errors", 2usize)
        .arg("warnings", 0usize);
    assert_eq!(t.render(Lang::Zh), "2 个错误，0 个警告");
    assert_eq!(t.render(Lang::En), "2 error(s), 0 warning(s)");
}

#[test]
fn nested_messages_follow_the_language() {
    let inner = Text::new(&general::NO_ERRORS).arg("folder", "content");
    let t = Text::new(&general::MORE_OF_KIND)
        .arg("n", 3usize)
        .arg("message", inner);
    assert!(t.render(Lang::Zh).contains("content：没有发现错误"));
    assert!(t.render(Lang::En).contains("content: no errors"));
}

#[test]
fn lang_from_flag_then_environment() {
    assert_eq!(Lang::choose(Some("en"), Some("zh")), Lang::En);
    assert_eq!(Lang::choose(None, Some("en_US.UTF-8")), Lang::En);
    assert_eq!(Lang::choose(None, None), Lang::Zh);
    assert_eq!(Lang::choose(Some("fr"), None), Lang::Zh);
}
