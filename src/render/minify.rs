//! Minify templates once, instead of minifying every rendered page.
//!
//! minify-html costs about 200 µs for a 5 KB page, more than rendering it; over 100,000
//! institution pages that is 20 s of CPU. Minifying each template's HTML once (tera
//! syntax preserved) gives the same bytes to within the dynamic text. minify-html cannot
//! keep tera tags *between attributes* (`<details {% if x %}open{% endif %}>`): those are
//! swapped for placeholder attributes first and put back after. If a template still
//! comes out with its tera tags or element tags changed, it is used unminified.

/// Minify-html settings: keep `<html>`/`<head>` and closing tags; leave JavaScript alone
/// (minifying it breaks variables shared between scripts).
fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        preserve_brace_template_syntax: true,
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: true,
        keep_input_type_text_attr: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    }
}

const PLACEHOLDER: &str = "data-tera-hole-";

/// The minified template, or the original when minifying would change its structure.
pub fn template(source: &str) -> String {
    let (protected, holes) = protect(source);
    let mut out =
        String::from_utf8_lossy(&minify_html::minify(protected.as_bytes(), &cfg())).into_owned();
    for (i, hole) in holes.iter().enumerate().rev() {
        out = out.replace(&format!("{PLACEHOLDER}{i}"), hole);
    }
    if same_structure(source, &out) {
        out
    } else {
        source.to_string()
    }
}

/// Replace tera constructs that stand between attributes of a start tag by placeholders.
fn protect(src: &str) -> (String, Vec<String>) {
    let b = src.as_bytes();
    let (mut out, mut holes) = (String::with_capacity(src.len()), Vec::new());
    let (mut i, mut in_tag, mut quote) = (0, false, 0u8);
    while i < b.len() {
        let c = b[i];
        if in_tag && quote == 0 && (src[i..].starts_with("{%") || src[i..].starts_with("{{")) {
            let end = construct_end(src, i);
            holes.push(src[i..end].to_string());
            out.push_str(&format!(" {PLACEHOLDER}{} ", holes.len() - 1));
            i = end;
            continue;
        }
        match c {
            b'<' if !in_tag && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => in_tag = true,
            b'"' | b'\'' if in_tag && quote == 0 => quote = c,
            q if in_tag && q == quote => quote = 0,
            b'>' if in_tag && quote == 0 => in_tag = false,
            _ => {}
        }
        let ch_len = src[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&src[i..i + ch_len]);
        i += ch_len;
    }
    (out, holes)
}

/// End of the construct at `start`: `{{ … }}`, or a `{% if/for %}` block up to its matching end.
fn construct_end(src: &str, start: usize) -> usize {
    let close = |from: usize, pat: &str| {
        src[from..]
            .find(pat)
            .map_or(src.len(), |k| from + k + pat.len())
    };
    if src[start..].starts_with("{{") {
        return close(start, "}}");
    }
    let (mut depth, mut pos) = (0i32, start);
    while pos < src.len() {
        let Some(k) = src[pos..].find("{%") else {
            return src.len();
        };
        let open = pos + k;
        let end = close(open, "%}");
        let word = src[open + 2..end.saturating_sub(2)]
            .trim_matches(|c: char| c == '-' || c.is_whitespace());
        let word = word.split_whitespace().next().unwrap_or("");
        match word {
            "if" | "for" => depth += 1,
            "endif" | "endfor" => depth -= 1,
            _ => {}
        }
        pos = end;
        if depth <= 0 {
            return end;
        }
    }
    src.len()
}

/// Tera constructs (sorted), and the number of start and end tags.
fn structure(s: &str) -> (Vec<String>, usize, usize) {
    let mut constructs = Vec::new();
    let mut rest = s;
    while let Some(k) = rest.find(['{']) {
        let tail = &rest[k..];
        let close = if tail.starts_with("{{") {
            "}}"
        } else if tail.starts_with("{%") {
            "%}"
        } else if tail.starts_with("{#") {
            "#}"
        } else {
            ""
        };
        if close.is_empty() {
            rest = &tail[1..];
            continue;
        }
        let end = tail.find(close).map_or(tail.len(), |e| e + 2);
        constructs.push(tail[..end].split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &tail[end..];
    }
    // minify-html sorts attributes, which may reorder constructs inside a tag: compare
    // them as a multiset.
    constructs.sort();
    let starts = s
        .as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count();
    (constructs, starts, s.matches("</").count())
}

fn same_structure(a: &str, b: &str) -> bool {
    structure(a) == structure(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_tera_tags_between_attributes() {
        let t = "<details class=\"f\" {% if open %}open{% endif %}>\n  <summary> x </summary>\n</details>";
        let m = template(t);
        assert!(m.contains("{% if open %}open{% endif %}"), "{m}");
        assert!(m.len() < t.len(), "{m}");
    }

    #[test]
    fn keeps_nested_blocks_inside_a_tag() {
        let t = "<option value=\"{{ d.id }}\" {% if a %}{% if b %}selected{% endif %}{% endif %}>{{ d.name }}</option>";
        let m = template(t);
        assert!(
            m.contains("{% if a %}{% if b %}selected{% endif %}{% endif %}"),
            "{m}"
        );
        assert!(m.contains("{{ d.name }}"), "{m}");
    }

    #[test]
    fn every_default_template_minifies_without_falling_back() {
        for (name, source) in crate::load::theme::Theme::builtin().templates {
            let m = template(&source);
            assert!(m.len() < source.len(), "{name} was not minified");
            assert_eq!(structure(&m), structure(&source), "{name}");
        }
    }

    #[test]
    fn falls_back_when_structure_would_change() {
        // An end tag without its start tag would be dropped by minify-html.
        let t = "<div>\n  {% if a %}<details>{% endif %}\n</details>\n</div>";
        let m = template(t);
        assert_eq!(structure(&m), structure(t));
    }
}
