//! Markdown pages from `content/pages/*.md`: front matter checked, body kept as Markdown.

use serde::Serialize;

use super::fields::{Checker, is_slug};
use crate::diagnostics::Diagnostic;
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
                "page has no front matter",
                "start the file with a `---` line, then `title: …`, then another `---` line",
            );
            continue;
        };
        let Some(f) = ck.fields(
            front,
            &["title", "slug", "description", "order"],
            "page front matter",
        ) else {
            continue;
        };
        let title = ck.req_text(&f, "title", "page front matter");
        let slug = ck.opt_text(&f, "slug").unwrap_or_else(|| src.stem.clone());
        let pos = f.get("slug").map(|n| n.pos).unwrap_or(f.pos);
        if !is_slug(&slug) {
            ck.error_help(
                pos,
                format!("page slug `{slug}` is not valid"),
                "use lowercase ASCII letters, digits and hyphens (set `slug:` or rename the file)",
            );
            continue;
        }
        if is_reserved(&slug) {
            ck.error(
                pos,
                format!("page slug `{slug}` is reserved for a generated page"),
            );
            continue;
        }
        if pages.iter().any(|p| p.slug == slug) {
            ck.error(pos, format!("page slug `{slug}` is used twice"));
            continue;
        }
        let description = ck.opt_text(&f, "description");
        let order = ck.opt_int(&f, "order", -1000, 1000);
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
