//! Markdown to safe HTML: the only HTML from editors that reaches a page unescaped.
//!
//! Safety is enforced on pulldown-cmark's event stream, before any HTML exists: raw HTML
//! in the Markdown becomes text (escaped on output), and link and image URLs other than
//! http(s), mailto, tel and relative ones are dropped. Everything else pulldown-cmark
//! writes itself, escaping text and attributes. (This replaces an ammonia pass over the
//! output, which re-parsed every description with html5ever: 10% of a 100,000-record
//! build, for no gain once raw HTML can no longer get through.)
//! Headings move down one level when the text uses `#`, since the page's `<h1>` is its title.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

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
    // Links and images whose URL is refused lose their tags and keep their text.
    let mut dropped: Vec<bool> = Vec::new();
    let events = events.into_iter().filter_map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) if has_h1 => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) if has_h1 => {
            Some(Event::End(TagEnd::Heading(demote(level))))
        }
        Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
            let tag = with_safe_url(tag, root);
            dropped.push(tag.is_none());
            tag.map(Event::Start)
        }
        Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
            (!dropped.pop().unwrap_or(false)).then_some(Event::End(end))
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// A link or image with its URL made safe, or `None` when the URL is refused.
fn with_safe_url<'a>(tag: Tag<'a>, root: &str) -> Option<Tag<'a>> {
    Some(match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: safe_url(dest_url, root)?,
            title,
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: safe_url(dest_url, root)?,
            title,
            id,
        },
        other => other,
    })
}

/// Keep web, mail and phone links; write page links from the site root; refuse the rest
/// (`javascript:`, `data:`, …) and empty ones.
fn safe_url<'a>(url: CowStr<'a>, root: &str) -> Option<CowStr<'a>> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        Some("http" | "https" | "mailto" | "tel") => Some(url),
        Some(_) => None,
        None if lower.is_empty() => None,
        None if lower.starts_with('#') || lower.starts_with('/') || lower.starts_with("../") => {
            Some(url)
        }
        None => Some(CowStr::from(format!("{root}{url}"))),
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
            "hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <JavaScript:alert(2)> ![i](data:text/html,x)",
            "",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("href"), "{out}");
        assert!(
            out.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {out}"
        );
        assert!(
            out.contains(">x<") || out.contains(" x "),
            "a refused link keeps its text: {out}"
        );
    }

    #[test]
    fn keeps_ordinary_markdown() {
        assert_eq!(render("**托育**", ""), "<p><strong>托育</strong></p>\n");
    }

    #[test]
    fn relative_links_start_from_the_site_root() {
        let out = render(
            "[关于](about.html) [外](https://a.org/) [段](#x) [信](mailto:a@b.org)",
            "../",
        );
        assert!(out.contains("href=\"../about.html\""), "{out}");
        assert!(out.contains("href=\"https://a.org/\""), "{out}");
        assert!(out.contains("href=\"#x\""), "{out}");
        assert!(out.contains("href=\"mailto:a@b.org\""), "{out}");
    }

    #[test]
    fn headings_move_below_the_page_title() {
        assert!(render("# 标题\n\n## 小节", "").starts_with("<h2>标题</h2>\n<h3>"));
        assert!(render("## 小节", "").starts_with("<h2>"));
    }
}
