//! The sitemap (split into parts for large sites) and robots.txt.

use super::{Job, OutputFile, Renderer};
use crate::model::Site;

/// Sitemaps hold at most 50,000 URLs; above this many, sitemap.xml becomes an index.
pub const SITEMAP_CHUNK: usize = 40_000;

/// The paths of the listed pages of sitemap part `part` (1, 2, …; 0: all of them), in job
/// order. Only the part's paths are made: at a million records all of them were 50 MB,
/// and held for the build they pushed its peak over 2 GiB.
fn part_paths<'j>(r: &Renderer, listed: impl Iterator<Item = &'j Job>, part: usize) -> Vec<String> {
    let (skip, take) = match part {
        0 => (0, usize::MAX),
        k => ((k - 1).saturating_mul(SITEMAP_CHUNK), SITEMAP_CHUNK),
    };
    listed
        .skip(skip)
        .take(take)
        .filter_map(|j| j.page_path(r.site))
        .collect()
}

/// `sitemap.xml` (part 0), and for large sites its parts `sitemap-1.xml`, … listed in it.
pub fn sitemap(r: &Renderer, part: usize) -> OutputFile {
    // Paths are ASCII slugs; the base URL was validated to hold no markup characters.
    let base = xml_escape(&r.site.config.base_url);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // The listed pages: every HTML page except 404.
    let jobs = r.jobs();
    let listed = || jobs.iter().filter(|j| j.is_listed_page());
    let parts = match part {
        0 => listed().count(),
        _ => 0,
    }
    .div_ceil(SITEMAP_CHUNK);
    if parts > 1 {
        xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for k in 1..=parts {
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
    let chunk = part_paths(r, listed(), part);
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in &chunk {
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
