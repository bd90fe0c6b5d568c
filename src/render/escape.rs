//! Escaping for the markup tuoyu writes by hand, outside the templates (which autoescape):
//! chart SVG, the QR code's label, the Atom feed, and the preview's error overlay.

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

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            super::html(r#"a&b<c>d"e'f 托育"#),
            "a&amp;b&lt;c&gt;d&quot;e&#39;f 托育"
        );
    }
}
