//! The paginated pages: districts (grouped by street) and the official lists (filed,
//! sites, demonstration grouped by level and year), 200 entries a page.

use serde::Serialize;

use super::context::{base_context, facets, render_template};
use super::view::{self, Card};
use super::{OutputFile, PAGE_SIZE, RenderError, Renderer, page_count, paged_name};
use crate::model::enums::ZhEnum;
use crate::model::{Kind, Site};

#[derive(Serialize)]
struct PageLink {
    n: usize,
    href: String,
    current: bool,
}

/// A list's pages as its pager shows them. `pages` holds only the pages a pager can
/// link to from this one: the first two, the last two and those within three of the
/// current one (the default theme shows the first, the last, two either side and the gaps
/// between). All of them, on each of a list's pages, made every page cost as much as the
/// list is long: 4,000 pages of 800,000 filed records took 10 ms each instead of 2.
#[derive(Serialize)]
pub(crate) struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

/// How far from the current page the pager's links reach (`…` gaps included).
const PAGER_REACH: usize = 3;

pub(crate) fn pagination(stem: &str, current: usize, total: usize) -> Pagination {
    let href = |n: usize| paged_name(stem, n);
    let near = current.saturating_sub(PAGER_REACH)..=current + PAGER_REACH;
    let mut shown: Vec<usize> = [1, 2, total.saturating_sub(1), total]
        .into_iter()
        .chain(near)
        .filter(|n| (1..=total).contains(n))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| href(current - 1)),
        next: (current < total).then(|| href(current + 1)),
        pages: shown
            .into_iter()
            .map(|n| PageLink {
                n,
                href: href(n),
                current: n == current,
            })
            .collect(),
    }
}

/// The entries of one page of a list.
fn page_slice(ids: &[usize], page: usize) -> &[usize] {
    let start = ((page - 1) * PAGE_SIZE).min(ids.len());
    &ids[start..(start + PAGE_SIZE).min(ids.len())]
}

/// Institution indices in the order a list of `kind` shows them.
pub fn list_order(site: &Site, kind: Kind) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..site.institutions.len())
        .filter(|i| site.institutions[*i].has_kind(kind))
        .collect();
    if kind == Kind::Demonstration {
        // Grouped by level (省级 first), newest year first; the stable sort keeps district order within.
        ids.sort_by_key(|i| {
            let d = site.institutions[*i].demonstration.as_ref();
            (d.map(|d| d.level), d.map(|d| std::cmp::Reverse(d.year)))
        });
    }
    ids
}

#[derive(Serialize)]
struct StreetGroup {
    street: String,
    anchor: String,
    cards: Vec<Card>,
}

/// One row of a district's street index: a street, how many entries it has, and the page
/// and anchor where they start.
#[derive(Serialize)]
pub(crate) struct StreetIndex {
    street: String,
    count: usize,
    href: String,
}

const NO_STREET: &str = "其他/未注明街道";

/// A street's number in its district (the anchor of its group), the streets not listed in
/// districts.yaml last.
fn street_no(d: &crate::model::District, s: &Option<String>) -> usize {
    s.as_ref()
        .and_then(|s| d.streets.iter().position(|x| x == s))
        .unwrap_or(d.streets.len())
}

/// Every district's street index, by the district's entries in page order (`by_district`).
/// It covers all of a district's pages, so it is made once: made on each page, every page
/// walked all the district's entries, 13 ms a page at 1,000,000 records instead of 3.
pub(crate) fn street_indexes(site: &Site, by_district: &[Vec<usize>]) -> Vec<Vec<StreetIndex>> {
    let index = |(d, ids): (&crate::model::District, &Vec<usize>)| {
        let mut rows: Vec<StreetIndex> = Vec::new();
        for (pos, i) in ids.iter().enumerate() {
            let inst = &site.institutions[*i];
            let name = inst.street.as_deref().unwrap_or(NO_STREET);
            match rows.last_mut() {
                Some(last) if last.street == name => last.count += 1,
                _ => rows.push(StreetIndex {
                    street: name.to_string(),
                    count: 1,
                    href: format!(
                        "{}#s-{}",
                        paged_name(&d.id, pos / super::PAGE_SIZE + 1),
                        street_no(d, &inst.street)
                    ),
                }),
            }
        }
        rows
    };
    site.districts.iter().zip(by_district).map(index).collect()
}

pub(crate) fn district(
    r: &Renderer,
    index: usize,
    page: usize,
    path: String,
) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let d = &site.districts[index];
    let ids = r.district_ids(index);
    let total = page_count(ids.len());
    let index_rows = &r.street_index[index];
    let mut groups: Vec<StreetGroup> = Vec::new();
    for i in page_slice(ids, page) {
        let inst = &site.institutions[*i];
        let name = inst.street.clone().unwrap_or_else(|| NO_STREET.into());
        if groups.last().is_none_or(|g| g.street != name) {
            groups.push(StreetGroup {
                street: name,
                anchor: format!("s-{}", street_no(d, &inst.street)),
                cards: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.cards.push(view::card(site, inst));
        }
    }
    let title = if page > 1 {
        format!("{}托育机构（第 {page} 页）", d.name)
    } else {
        format!("{}托育机构", d.name)
    };
    let desc = format!(
        "{}{}的托育机构、示范机构和托育点名录，共 {} 家。",
        site.config.city,
        d.name,
        ids.len()
    );
    let mut ctx = base_context(r, &path, "district", &title, Some(&desc));
    let t = &site.stats.districts[index];
    let mut card = serde_json::to_value(view::district_card(d, t)).unwrap_or_default();
    card["population"] = d.population.into();
    card["under3"] = d.under3.into();
    ctx.insert("district", &card);
    ctx.insert("totals", t);
    ctx.insert("groups", &groups);
    ctx.insert("street_index", index_rows);
    let mut facets = facets(site, Some(index));
    // The street filter: the streets of the street index, without the catch-all row.
    facets["streets"] = index_rows
        .iter()
        .filter(|s| s.street != NO_STREET)
        .map(|s| serde_json::json!({"name": s.street, "count": s.count}))
        .collect();
    ctx.insert("facets", &facets);
    ctx.insert("pagination", &pagination(&d.id, page, total));
    let url = format!("{}{}", site.config.base_url, path);
    ctx.insert("qr", &super::qr::svg(&url, &format!("二维码：{url}")));
    ctx.insert("page_url", &url);
    render_template(r, "district.html", path, &ctx)
}

pub(crate) fn list(
    r: &Renderer,
    kind: Kind,
    page: usize,
    path: String,
) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let ids = r.kind_ids(kind);
    let stem = kind.folder();
    let (heading, intro, key) = match kind {
        Kind::Filed => (
            "备案托育机构名单",
            "已向卫生健康部门备案的托育机构。备案是托育机构合法开展服务的前提。",
            "filed",
        ),
        _ => (
            "托育点名单",
            "由街道、社区、企业等举办的托育点，其中包括免费托育试点。",
            "sites",
        ),
    };
    let title = if page > 1 {
        format!("{heading}（第 {page} 页）")
    } else {
        heading.to_string()
    };
    let mut ctx = base_context(r, &path, key, &title, Some(intro));
    ctx.insert(
        "list_kind",
        if kind == Kind::Filed { "filed" } else { "site" },
    );
    ctx.insert("heading", heading);
    ctx.insert("intro", intro);
    ctx.insert("total", &ids.len());
    let rows: Vec<Card> = page_slice(ids, page)
        .iter()
        .map(|i| view::card(site, &site.institutions[*i]))
        .collect();
    ctx.insert("rows", &rows);
    ctx.insert("pagination", &pagination(stem, page, page_count(ids.len())));
    render_template(r, "list.html", path, &ctx)
}

#[derive(Serialize)]
struct DemoRow {
    #[serde(flatten)]
    card: Card,
    batch: Option<String>,
}

#[derive(Serialize)]
struct DemoGroup {
    level: &'static str,
    year: i32,
    heading: String,
    anchor: String,
    rows: Vec<DemoRow>,
}

pub(crate) fn demonstration(
    r: &Renderer,
    page: usize,
    path: String,
) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let ids = r.kind_ids(Kind::Demonstration);
    let mut groups: Vec<DemoGroup> = Vec::new();
    for i in page_slice(ids, page) {
        let inst = &site.institutions[*i];
        let Some(d) = &inst.demonstration else {
            continue;
        };
        if groups
            .last()
            .is_none_or(|g| g.level != d.level.as_str() || g.year != d.year)
        {
            let anchor = format!(
                "{}-{}",
                if d.level == crate::model::Level::Provincial {
                    "province"
                } else {
                    "city"
                },
                d.year
            );
            groups.push(DemoGroup {
                level: d.level.as_str(),
                year: d.year,
                heading: format!("{}示范 · {}年", d.level.as_str(), d.year),
                anchor,
                rows: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.rows.push(DemoRow {
                card: view::card(site, inst),
                batch: d.batch.clone(),
            });
        }
    }
    let title = if page > 1 {
        format!("示范托育机构（第 {page} 页）")
    } else {
        "示范托育机构".into()
    };
    let mut ctx = base_context(
        r,
        &path,
        "demonstration",
        &title,
        Some("省级、市级示范托育机构名单，按级别和年份分组。"),
    );
    ctx.insert("groups", &groups);
    ctx.insert("total", &ids.len());
    ctx.insert(
        "pagination",
        &pagination("demonstration", page, page_count(ids.len())),
    );
    render_template(r, "demonstration.html", path, &ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(current: usize, total: usize) -> Vec<usize> {
        let p = pagination("filed", current, total);
        p.pages.iter().map(|l| l.n).collect()
    }

    #[test]
    fn a_pager_lists_the_ends_and_the_pages_near_the_current_one() {
        assert_eq!(shown(50, 100), [1, 2, 47, 48, 49, 50, 51, 52, 53, 99, 100]);
        assert_eq!(shown(1, 100), [1, 2, 3, 4, 99, 100]);
        assert_eq!(shown(5, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(shown(1, 1), [1]);
        let p = pagination("filed", 50, 100);
        let current: Vec<usize> = p.pages.iter().filter(|l| l.current).map(|l| l.n).collect();
        assert_eq!(current, [50]);
        assert_eq!(p.pages[0].href, "filed.html");
        assert_eq!(p.pages[10].href, "filed-100.html");
        assert_eq!(
            (p.prev.as_deref(), p.next.as_deref()),
            (Some("filed-49.html"), Some("filed-51.html"))
        );
    }
}
