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

#[derive(Serialize)]
pub(crate) struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

pub(crate) fn pagination(stem: &str, current: usize, total: usize) -> Pagination {
    let href = |n: usize| paged_name(stem, n);
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| href(current - 1)),
        next: (current < total).then(|| href(current + 1)),
        pages: (1..=total)
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

#[derive(Serialize)]
struct StreetIndex {
    street: String,
    count: usize,
    href: String,
}

const NO_STREET: &str = "其他/未注明街道";

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
    let street_no = |s: &Option<String>| {
        s.as_ref()
            .and_then(|s| d.streets.iter().position(|x| x == s))
            .unwrap_or(d.streets.len())
    };
    // The street index covers all pages: where each street's entries start.
    let mut index_rows: Vec<StreetIndex> = Vec::new();
    // Every page of a district walks all its entries: no string is copied but a row's.
    for (pos, i) in ids.iter().enumerate() {
        let inst = &site.institutions[*i];
        let name = inst.street.as_deref().unwrap_or(NO_STREET);
        match index_rows.last_mut() {
            Some(last) if last.street == name => last.count += 1,
            _ => index_rows.push(StreetIndex {
                street: name.to_string(),
                count: 1,
                href: format!(
                    "{}#s-{}",
                    paged_name(&d.id, pos / super::PAGE_SIZE + 1),
                    street_no(&inst.street)
                ),
            }),
        }
    }
    let mut groups: Vec<StreetGroup> = Vec::new();
    for i in page_slice(ids, page) {
        let inst = &site.institutions[*i];
        let name = inst.street.clone().unwrap_or_else(|| NO_STREET.into());
        if groups.last().is_none_or(|g| g.street != name) {
            groups.push(StreetGroup {
                street: name,
                anchor: format!("s-{}", street_no(&inst.street)),
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
    ctx.insert("street_index", &index_rows);
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
