//! Each mistake editors make is explained at its own line and column.

use super::*;
use crate::diagnostics::Lang;
use crate::load::yaml::parse;

/// (line, column, advice key) for `text`, which must fail to parse.
fn advised(text: &str) -> (u32, u32, &'static str) {
    let err = parse(text).expect_err("the text should not parse");
    let a = for_error(text, &err).unwrap_or_else(|| panic!("no advice for {err:?}"));
    let key = a.message.key().unwrap_or("verbatim");
    assert!(!a.help.render(Lang::Zh).is_empty());
    (a.pos.line, a.pos.column, key)
}

#[test]
fn full_width_colon() {
    let t = "id: a\nname：甲托育园\ndistrict: shinan\n";
    assert_eq!(advised(t), (2, 5, "yaml-fullwidth-colon"));
    let t = "- id: a\n  name：甲托育园\n  district: shinan\n";
    assert_eq!(advised(t), (2, 7, "yaml-fullwidth-colon"));
}

#[test]
fn full_width_space() {
    let t = "- id: a\n\u{3000} name: 甲\n  district: shinan\n";
    assert_eq!(advised(t), (2, 1, "yaml-fullwidth-space"));
    let t = "id: a\nname:\u{3000}甲\ndistrict: shinan\n";
    assert_eq!(advised(t), (2, 6, "yaml-fullwidth-space"));
}

#[test]
fn full_width_quotes() {
    let t = "id: a\nname: “甲: 乙”\ndistrict: shinan\n";
    assert_eq!(advised(t), (2, 7, "yaml-fullwidth-quote"));
}

#[test]
fn tab_in_indentation_on_its_own_line() {
    // The parser reports the end of line 1; the tab is on line 2.
    let t = "- id: a\n\tname: 甲\n  district: shinan\n";
    assert_eq!(advised(t), (2, 1, "yaml-tab"));
    let t = "id: a\nages:\n\tmin_months: 1\n";
    assert_eq!(advised(t), (3, 1, "yaml-tab"));
}

#[test]
fn colon_in_a_value() {
    let t = "id: a\nname: 青岛: 甲托育\ndistrict: shinan\n";
    assert_eq!(advised(t), (2, 9, "yaml-colon-in-value"));
}

#[test]
fn missing_space_after_colon() {
    let t = "id: a\nname:甲托育园\ndistrict: shinan\n";
    assert_eq!(advised(t), (2, 5, "yaml-missing-space"));
    let t = "- id: a\n  name:甲托育园\n  district: shinan\n";
    assert_eq!(advised(t), (2, 7, "yaml-missing-space"));
}

#[test]
fn unclosed_quotes_and_brackets() {
    let t = "id: a\nname: \"甲托育园\ndistrict: shinan\naddress: x\n";
    assert_eq!(advised(t), (2, 7, "yaml-unclosed-quote"));
    let t = "id: a\nname: '甲托育园\ndistrict: shinan\n";
    assert_eq!(advised(t), (2, 7, "yaml-unclosed-quote"));
    let t = "id: a\nservices: [全日托, 半日托\naddress: x\n";
    assert_eq!(advised(t), (2, 11, "yaml-unclosed-bracket"));
    let t = "id: a\nlocation: {lat: 1, lng: 2\nname: x\n";
    assert_eq!(advised(t), (2, 11, "yaml-unclosed-bracket"));
}

#[test]
fn hash_in_a_flow_list() {
    let t = "id: a\nservices: [全日托 #x, 半日托]\n";
    assert_eq!(advised(t), (2, 16, "yaml-hash-in-value"));
}

#[test]
fn wrong_indentation() {
    let t = "id: a\nname: 甲\n district: shinan\n";
    assert_eq!(advised(t), (3, 2, "yaml-indentation"));
    let t = "- id: a\n  name: 甲\n   district: shinan\n";
    assert_eq!(advised(t), (3, 4, "yaml-indentation"));
    let t = "- id: a\n  name: 甲\n district: shinan\n";
    assert_eq!(advised(t), (3, 2, "yaml-indentation"));
}

#[test]
fn block_scalar_text_is_not_advised_on() {
    let t = "description: |\n  时间:8点\n  地址：一路\nname: 甲\n district: x\n";
    assert_eq!(advised(t), (5, 2, "yaml-indentation"));
}
