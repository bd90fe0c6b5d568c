//! What changed and when, from [`crate::history`]: `changes.html` (newest first, grouped
//! by date, paginated), the Atom feed `feed.xml`, the 变更记录 of an institution page and
//! the dates the sitemap gives as `lastmod`.

use serde::Serialize;

use super::context::{base_context, render_template};
use super::escape::html as esc;
use super::{OutputFile, PAGE_SIZE, RenderError, Renderer};
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

/// The archive pages of changes.html, `changes-1.html` (the oldest changes) on: each holds
/// a fixed run of [`PAGE_SIZE`] changes counted from the oldest, so that a new change
/// rewrites changes.html and no archive page (newest-first pages of a fixed size all
/// shifted by one, 500 files at 100,000 changes), and a change's page never moves.
/// changes.html holds the newest full run and what came after it.
pub fn archive_pages(h: &History) -> usize {
    (h.changes.len() / PAGE_SIZE).saturating_sub(1)
}

/// The output path of changes page `page`: 0 is changes.html, j ≥ 1 archive page j.
pub fn page_path(page: usize) -> String {
    match page {
        0 => "changes.html".into(),
        j => format!("changes-{j}.html"),
    }
}

/// The changes page `page` shows, newest first (see [`archive_pages`]).
pub fn page_slice(h: &History, page: usize) -> &[Change] {
    let n = h.changes.len();
    // Counted from the oldest change: [lo, hi).
    let (lo, hi) = match page {
        0 => (archive_pages(h) * PAGE_SIZE, n),
        j => ((j - 1) * PAGE_SIZE, j * PAGE_SIZE),
    };
    let (lo, hi) = (lo.min(n), hi.min(n));
    &h.changes[n - hi..n - lo]
}

/// The page of the change at `i` (newest first) of the history.
fn page_of(h: &History, i: usize) -> usize {
    let j = (h.changes.len() - 1 - i) / PAGE_SIZE + 1;
    if j > archive_pages(h) { 0 } else { j }
}

/// The links between changes pages, and what an archive page says of its run.
#[derive(Serialize, Debug)]
struct Nav {
    newest: Option<String>,
    newer: Option<String>,
    older: Option<String>,
    oldest: Option<String>,
    /// An archive page's run, counted from the oldest change (`None` on changes.html).
    first: Option<usize>,
    last: Option<usize>,
    /// The dates of its oldest and newest change.
    from_date: Option<String>,
    to_date: Option<String>,
}

/// What page `page` links to. An archive page's links depend on the count of changes
/// only on the newest archive page (its link to a newer archive page).
fn nav(h: &History, page: usize) -> Nav {
    let archives = archive_pages(h);
    match page {
        0 => Nav {
            newest: None,
            newer: None,
            older: (archives >= 1).then(|| page_path(archives)),
            oldest: (archives >= 2).then(|| page_path(1)),
            first: None,
            last: None,
            from_date: None,
            to_date: None,
        },
        j => {
            let slice = page_slice(h, j);
            Nav {
                newest: Some(page_path(0)),
                newer: (j < archives).then(|| page_path(j + 1)),
                older: (j > 1).then(|| page_path(j - 1)),
                oldest: (j > 2).then(|| page_path(1)),
                first: Some((j - 1) * PAGE_SIZE + 1),
                last: Some(j * PAGE_SIZE),
                from_date: slice.last().map(|c| c.date.clone()),
                to_date: slice.first().map(|c| c.date.clone()),
            }
        }
    }
}

/// What a changes page shows besides its changes, for its fingerprint: the total on
/// changes.html only, and the links.
pub fn page_frame(h: &History, page: usize) -> impl std::fmt::Debug {
    ((page == 0).then_some(h.changes.len()), nav(h, page))
}

/// One page of changes.html.
pub fn page(r: &Renderer, h: &History, page: usize) -> Result<OutputFile, RenderError> {
    let path = page_path(page);
    let slice = page_slice(h, page);
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
    let nav = nav(h, page);
    let title = match (nav.first, nav.last) {
        (Some(a), Some(b)) => format!("变更记录（第 {a}–{b} 条）"),
        _ => "变更记录".to_string(),
    };
    let desc = "名录中机构的新增、变更、注销和移除记录，按日期排列，最新的在前。";
    let mut ctx = base_context(r, &path, "changes", &title, Some(desc));
    ctx.insert("groups", &groups);
    if page == 0 {
        ctx.insert("total", &h.changes.len());
    }
    ctx.insert("nav", &nav);
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
            None => format!("{base}{}#{}", page_path(page_of(h, i)), v.anchor),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::What;

    /// `n` changes, newest first, the newest numbered `n - 1`.
    fn history(n: usize) -> History {
        let change = |k: usize| Change {
            date: format!("2024-01-{:02}", k % 28 + 1),
            time: String::new(),
            commit: format!("{k:010}"),
            folder: "filed".into(),
            id: format!("r{k}"),
            name: format!("机构{k}"),
            what: What::Added,
            fields: Vec::new(),
        };
        History::new((0..n).rev().map(change).collect())
    }

    fn ids(h: &History, page: usize) -> Vec<String> {
        page_slice(h, page).iter().map(|c| c.id.clone()).collect()
    }

    #[test]
    fn every_change_is_on_one_page_and_the_feed_links_to_it() {
        for n in [0, 1, 199, 200, 399, 400, 650] {
            let h = history(n);
            let mut seen = 0;
            for page in 0..=archive_pages(&h) {
                let slice = page_slice(&h, page);
                for c in slice {
                    let i = h.changes.iter().position(|x| x.id == c.id).expect("in");
                    assert_eq!(page_of(&h, i), page, "n {n}, change {}", c.id);
                }
                seen += slice.len();
            }
            assert_eq!(seen, n, "n {n}");
        }
        // changes.html holds the newest full run and what came after it.
        let h = history(650);
        assert_eq!(archive_pages(&h), 2);
        assert_eq!(page_slice(&h, 0).len(), 250);
        assert_eq!(ids(&h, 1).first().map(String::as_str), Some("r199"));
        assert_eq!(ids(&h, 1).last().map(String::as_str), Some("r0"));
    }

    #[test]
    fn a_new_change_leaves_the_archive_pages_as_they_were() {
        let before = history(650);
        let after = history(651);
        for page in 1..=archive_pages(&before) {
            assert_eq!(ids(&before, page), ids(&after, page), "page {page}");
            assert_eq!(
                format!("{:?}", page_frame(&before, page)),
                format!("{:?}", page_frame(&after, page)),
                "page {page}"
            );
        }
        assert_ne!(ids(&before, 0), ids(&after, 0));
        // Once a run fills, it becomes an archive page: only the archive page before it
        // gains a link to it.
        let (full, more) = (history(799), history(800));
        assert_eq!((archive_pages(&full), archive_pages(&more)), (2, 3));
        assert_eq!(ids(&full, 1), ids(&more, 1));
        assert_eq!(
            format!("{:?}", page_frame(&full, 1)),
            format!("{:?}", page_frame(&more, 1))
        );
        assert_ne!(
            format!("{:?}", page_frame(&full, 2)),
            format!("{:?}", page_frame(&more, 2))
        );
        assert_eq!(nav(&more, 2).newer.as_deref(), Some("changes-3.html"));
        assert_eq!(nav(&more, 0).older.as_deref(), Some("changes-3.html"));
        assert_eq!(nav(&more, 3).oldest.as_deref(), Some("changes-1.html"));
    }
}
