//! Markdown pages from `content/pages/*.md`: front matter checked, body kept as Markdown.

use serde::Serialize;

use super::fields::{Checker, is_slug, too_long};
use crate::diagnostics::catalogue::model as msg;
use crate::diagnostics::{Diagnostic, Text};
use crate::load::PageSource;

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    /// Menu position; pages without one are not in the menu.
    pub order: Option<i64>,
    pub body: String,
}

/// Slugs that would overwrite generated pages.
const RESERVED: &[&str] = &[
    "index",
    "filed",
    "demonstration",
    "sites",
    "stats",
    "404",
    "search",
];

pub fn read_all(sources: &[PageSource], diags: &mut Vec<Diagnostic>) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for src in sources {
        let mut ck = Checker::new(&src.path, &src.text, diags);
        let Some(front) = &src.front else {
            ck.error_help(
                Default::default(),
                Text::new(&msg::NO_FRONT_MATTER),
                Text::new(&msg::NO_FRONT_MATTER_HELP),
            );
            continue;
        };
        let Some(f) = ck.fields(
            front,
            &["title", "slug", "description", "order"],
            &msg::WHAT_PAGE,
        ) else {
            continue;
        };
        let title = f.req::<String>(&mut ck, "title");
        let slug = f
            .opt::<String>(&mut ck, "slug")
            .unwrap_or_else(|| src.stem.clone());
        let pos = f.pos_of("slug");
        if !is_slug(&slug) {
            let m = Text::new(&msg::BAD_SLUG).arg("slug", slug.as_str());
            ck.error_help(pos, m, Text::new(&msg::BAD_SLUG_HELP));
            continue;
        }
        if let Some(m) = too_long("slug", &slug) {
            ck.error_help(pos, m, Text::new(&msg::TOO_LONG_HELP));
            continue;
        }
        if is_reserved(&slug) {
            ck.error(
                pos,
                Text::new(&msg::RESERVED_SLUG).arg("slug", slug.as_str()),
            );
            continue;
        }
        if pages.iter().any(|p| p.slug == slug) {
            ck.error(pos, Text::new(&msg::SLUG_TWICE).arg("slug", slug.as_str()));
            continue;
        }
        let description = f.opt(&mut ck, "description");
        let order = f.opt_in(&mut ck, "order", -1000..=1000);
        let Some(title) = title else { continue };
        pages.push(Page {
            slug,
            title,
            description,
            order,
            body: src.body.clone(),
        });
    }
    pages.sort_by(|a, b| {
        (a.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.order.unwrap_or(i64::MAX), &b.slug))
    });
    pages
}

/// Generated pages, including the `-2`, `-3` … pages of the paginated lists.
fn is_reserved(slug: &str) -> bool {
    let stem = match slug.rsplit_once('-') {
        Some((stem, n)) if n.parse::<u32>().is_ok() => stem,
        _ => slug,
    };
    RESERVED.contains(&slug) || ["filed", "demonstration", "sites"].contains(&stem)
}
