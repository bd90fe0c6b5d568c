//! Escaping for the markup tuoyu writes by hand, outside the templates (which autoescape):
//! chart SVG, the QR code's label, the Atom feed, the preview's error overlay and the
//! spreadsheet's cells.

/// Escape `s` for XML/HTML text and quoted attribute values: `& < > " '`.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Append `s` as the text of a spreadsheet cell (OOXML's `ST_Xstring`): `& < >` escaped,
/// and the characters XML cannot hold (controls, U+FFFE, U+FFFF) written `_xHHHH_`, as
/// Excel reads them; a literal `_xHHHH_` in the text is kept by escaping its `_`.
pub fn xml_text(out: &mut String, s: &str) {
    for (at, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("_x{:04X}_", c as u32));
            }
            '_' if looks_escaped(&s[at..]) => out.push_str("_x005F_"),
            c => out.push(c),
        }
    }
}

/// `s` starts with `_xHHHH_`.
fn looks_escaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            super::html(r#"a&b<c>d"e'f 托育"#),
            "a&amp;b&lt;c&gt;d&quot;e&#39;f 托育"
        );
    }

    #[test]
    fn spreadsheet_text_escapes_markup_controls_and_literal_escapes() {
        let mut out = String::new();
        super::xml_text(&mut out, "a&<b>\u{1}c\t_x0041_ 托育_x");
        assert_eq!(out, "a&amp;&lt;b&gt;_x0001_c\t_x005F_x0041_ 托育_x");
    }
}
