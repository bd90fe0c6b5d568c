//! The sitemap (split into parts for large sites) and robots.txt.

use super::{OutputFile, Renderer};
use crate::model::Site;

/// Sitemaps hold at most 50,000 URLs; above this many, sitemap.xml becomes an index.
pub const SITEMAP_CHUNK: usize = 40_000;

/// The path of every HTML page except 404, in job order.
pub fn page_paths(r: &Renderer) -> Vec<String> {
    r.jobs()
        .iter()
        .filter(|j| j.is_listed_page())
        .filter_map(|j| j.page_path(r.site))
        .collect()
}

/// `sitemap.xml` (part 0), and for large sites its parts `sitemap-1.xml`, … listed in it.
pub fn sitemap(r: &Renderer, paths: &[String], part: usize) -> OutputFile {
    // Paths are ASCII slugs; the base URL was validated to hold no markup characters.
    let base = xml_escape(&r.site.config.base_url);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let chunks: Vec<&[String]> = paths.chunks(SITEMAP_CHUNK).collect();
    if part == 0 && chunks.len() > 1 {
        xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for k in 1..=chunks.len() {
            xml.push_str(&format!(
                "<sitemap><loc>{base}sitemap-{k}.xml</loc></sitemap>\n"
            ));
        }
        xml.push_str("</sitemapindex>\n");
        return OutputFile {
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        };
    }
    let chunk = chunks.get(part.saturating_sub(1)).copied().unwrap_or(paths);
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in chunk {
        match lastmod(r, path) {
            Some(date) => xml.push_str(&format!(
                "<url><loc>{base}{path}</loc><lastmod>{date}</lastmod></url>\n"
            )),
            None => xml.push_str(&format!("<url><loc>{base}{path}</loc></url>\n")),
        }
    }
    xml.push_str("</urlset>\n");
    let path = if part == 0 {
        "sitemap.xml".to_string()
    } else {
        format!("sitemap-{part}.xml")
    };
    OutputFile {
        path,
        bytes: xml.into_bytes(),
    }
}

/// When the page last changed, where the git history tells: an institution's latest
/// change, and for changes.html the newest change of all.
fn lastmod<'h>(r: &Renderer<'h>, path: &str) -> Option<&'h str> {
    let h = r.history()?;
    if let Some(id) = path
        .strip_prefix("institutions/")
        .and_then(|p| p.strip_suffix(".html"))
    {
        return h.last_date(id);
    }
    path.starts_with("changes")
        .then(|| h.changes.first().map(|c| c.date.as_str()))
        .flatten()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn robots(site: &Site) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    );
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}
