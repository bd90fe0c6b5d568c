//! What changed and when, from [`crate::history`]: `changes.html` (newest first, grouped
//! by date, paginated), the Atom feed `feed.xml`, the 变更记录 of an institution page and
//! the dates the sitemap gives as `lastmod`.

use serde::Serialize;

use super::context::{base_context, render_template};
use super::escape::html as esc;
use super::lists::pagination;
use super::{OutputFile, PAGE_SIZE, RenderError, Renderer, page_count, paged_name};
use crate::history::{Change, History};

/// Entries of the feed: the latest changes only, as feed readers expect.
pub const FEED_ENTRIES: usize = 100;

#[derive(Serialize)]
pub struct ChangeView {
    pub anchor: String,
    pub date: String,
    pub what: &'static str,
    /// `added`, `changed`, `cancelled`, `removed` (for styling).
    pub class: &'static str,
    pub kind: &'static str,
    pub name: String,
    /// The institution page, when the institution is still listed.
    pub href: Option<String>,
    pub fields: Vec<FieldView>,
}

#[derive(Serialize)]
pub struct FieldView {
    pub title: String,
    pub before: String,
    pub after: String,
}

#[derive(Serialize)]
struct DateGroup {
    date: String,
    entries: Vec<ChangeView>,
}

/// The anchor of a change on changes.html (and the tail of its feed id).
fn anchor(c: &Change) -> String {
    format!(
        "c-{}-{}-{}",
        c.commit.get(..10).unwrap_or(&c.commit),
        c.folder,
        c.id
    )
}

pub fn view(r: &Renderer, c: &Change) -> ChangeView {
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "（未填写）".into());
    ChangeView {
        anchor: anchor(c),
        date: c.date.clone(),
        what: c.what.label(),
        class: match c.what {
            crate::history::What::Added => "added",
            crate::history::What::Changed => "changed",
            crate::history::What::Cancelled => "cancelled",
            crate::history::What::Removed => "removed",
        },
        kind: c.kind().map_or("", |k| k.label()),
        name: c.name.clone(),
        href: r
            .has_institution(&c.id)
            .then(|| format!("institutions/{}.html", c.id)),
        fields: c
            .fields
            .iter()
            .map(|f| FieldView {
                title: f.title.clone(),
                before: shown(&f.before),
                after: shown(&f.after),
            })
            .collect(),
    }
}

/// The pages changes.html needs.
pub fn pages(h: &History) -> usize {
    page_count(h.changes.len())
}

/// One page of changes.html.
pub fn page(
    r: &Renderer,
    h: &History,
    page: usize,
    path: String,
) -> Result<OutputFile, RenderError> {
    let start = ((page - 1) * PAGE_SIZE).min(h.changes.len());
    let slice = &h.changes[start..(start + PAGE_SIZE).min(h.changes.len())];
    let mut groups: Vec<DateGroup> = Vec::new();
    for c in slice {
        let v = view(r, c);
        match groups.last_mut() {
            Some(g) if g.date == c.date => g.entries.push(v),
            _ => groups.push(DateGroup {
                date: c.date.clone(),
                entries: vec![v],
            }),
        }
    }
    let desc = "名录中机构的新增、变更、注销和移除记录，按日期排列，最新的在前。";
    let mut ctx = base_context(r, &path, "changes", "变更记录", Some(desc));
    ctx.insert("groups", &groups);
    ctx.insert("total", &h.changes.len());
    ctx.insert("pagination", &pagination("changes", page, pages(h)));
    render_template(r, "changes.html", path, &ctx)
}

/// The Atom feed of the latest changes, with absolute addresses.
pub fn feed(r: &Renderer, h: &History) -> OutputFile {
    let base = &r.site.config.base_url;
    let title = format!("{}：变更记录", r.site.config.title);
    let updated = h
        .changes
        .first()
        .map_or("1970-01-01T00:00:00Z".to_string(), |c| c.time.clone());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{base}feed.xml</id>\n<link rel=\"self\" href=\"{base}feed.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}changes.html\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        esc(&r.site.config.language),
        esc(&title),
        esc(&updated),
        esc(r.site.config.publisher.as_deref().unwrap_or(&r.site.config.title)),
    ));
    for (i, c) in h.changes.iter().take(FEED_ENTRIES).enumerate() {
        let v = view(r, c);
        let link = match &v.href {
            Some(href) => format!("{base}{href}"),
            None => format!(
                "{base}{}#{}",
                paged_name("changes", i / PAGE_SIZE + 1),
                v.anchor
            ),
        };
        let mut summary = format!("{}{}：{}", v.kind, v.what, v.name);
        for f in &v.fields {
            summary.push_str(&format!("；{}：{} → {}", f.title, f.before, f.after));
        }
        xml.push_str(&format!(
            "<entry>\n<title>{}：{}</title>\n<id>{base}changes.html#{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{}</updated>\n<summary type=\"text\">{}</summary>\n</entry>\n",
            v.what,
            esc(&v.name),
            esc(&v.anchor),
            esc(&link),
            esc(&c.time),
            esc(&summary),
        ));
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: "feed.xml".into(),
        bytes: xml.into_bytes(),
    }
}
