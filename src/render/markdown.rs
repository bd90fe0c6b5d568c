//! Markdown to sanitised HTML: the only HTML from editors that reaches a page unescaped.

use pulldown_cmark::{Options, Parser, html};

/// Render Markdown and strip anything that could run script (raw HTML passes through
/// pulldown-cmark, so ammonia removes `<script>`, event handlers and `javascript:` URLs).
pub fn render(md: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(md, opts);
    let mut raw = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_script_and_handlers() {
        let out = render("hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
    }

    #[test]
    fn keeps_ordinary_markdown() {
        assert_eq!(render("**托育**"), "<p><strong>托育</strong></p>\n");
    }
}
