//! Markdown to sanitised HTML: the only HTML from editors that reaches a page unescaped.
//!
//! Raw HTML in Markdown is shown as text, never passed through; ammonia then cleans the
//! result anyway (no script, event handlers or `javascript:` URLs survive either path).
//! Headings move down one level when the text uses `#`, since the page's `<h1>` is its title.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Render Markdown for a page whose links to other pages need `root` (`""` or `"../"`).
pub fn render(md: &str, root: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = Parser::new_ext(md, opts).collect();
    let has_h1 = events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    let events = events.into_iter().map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) if has_h1 => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) if has_h1 => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    let mut raw = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::Custom(Box::new(FromRoot(
            root.to_string(),
        ))))
        .clean(&raw)
        .to_string()
}

/// Links between pages are written from the site root; this page may sit in a folder.
struct FromRoot(String);

impl ammonia::UrlRelativeEvaluate<'_> for FromRoot {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        let anchored = url.starts_with('#') || url.starts_with('/') || url.starts_with("../");
        Some(if anchored {
            Cow::Borrowed(url)
        } else {
            Cow::Owned(format!("{}{url}", self.0))
        })
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_script_and_handlers() {
        let out = render(
            "hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
            "",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
    }

    #[test]
    fn keeps_ordinary_markdown() {
        assert_eq!(render("**托育**", ""), "<p><strong>托育</strong></p>\n");
    }

    #[test]
    fn relative_links_start_from_the_site_root() {
        let out = render("[关于](about.html) [外](https://a.org/) [段](#x)", "../");
        assert!(out.contains("href=\"../about.html\""), "{out}");
        assert!(out.contains("href=\"https://a.org/\""), "{out}");
        assert!(out.contains("href=\"#x\""), "{out}");
    }

    #[test]
    fn headings_move_below_the_page_title() {
        assert!(render("# 标题\n\n## 小节", "").starts_with("<h2>标题</h2>\n<h3>"));
        assert!(render("## 小节", "").starts_with("<h2>"));
    }
}
