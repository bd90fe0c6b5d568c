//! The HTML pages: one context per job, rendered with the theme's templates; plus the
//! sitemap and robots.txt, which list the same pages.

use serde::Serialize;
use tera::Context;

use super::view::{self, Card, DistrictCard};
use super::{
    Job, OutputFile, PAGE_SIZE, RenderError, Renderer, charts, jsonld, markdown, page_count,
    paged_name, theme,
};
use crate::model::enums::{Service, ZhEnum};
use crate::model::{Kind, Site};

#[derive(Serialize)]
struct MenuLink {
    href: String,
    label: String,
    key: String,
}

#[derive(Serialize)]
struct PageLink {
    n: usize,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

fn pagination(stem: &str, current: usize, total: usize) -> Pagination {
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

fn menu(site: &Site) -> Vec<MenuLink> {
    let fixed = [
        ("index.html", "首页", "home"),
        ("filed.html", "备案机构", "filed"),
        ("demonstration.html", "示范机构", "demonstration"),
        ("sites.html", "托育点", "sites"),
        ("stats.html", "统计", "stats"),
    ];
    let mut out: Vec<MenuLink> = fixed
        .iter()
        .map(|(h, l, k)| MenuLink {
            href: h.to_string(),
            label: l.to_string(),
            key: k.to_string(),
        })
        .collect();
    for p in site.pages.iter().filter(|p| p.order.is_some()) {
        out.push(MenuLink {
            href: format!("{}.html", p.slug),
            label: p.title.clone(),
            key: format!("page-{}", p.slug),
        });
    }
    out
}

fn district_cards(site: &Site) -> Vec<DistrictCard> {
    site.districts
        .iter()
        .zip(&site.stats.districts)
        .map(|(d, t)| view::district_card(d, t))
        .collect()
}

/// Variables that are the same on every page: set once as tera's global context rather
/// than serialised again for each of 100,000 pages.
pub fn global_context(site: &Site) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &site.config);
    ctx.insert("menu", &menu(site));
    ctx.insert("districts_menu", &district_cards(site));
    ctx.insert(
        "services",
        &Service::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
    );
    ctx
}

/// Counts shown beside the search filters before any query, for the city or one district.
fn facets(site: &Site, district: Option<usize>) -> serde_json::Value {
    let t = district.map_or(&site.stats.city, |d| &site.stats.districts[d]);
    let districts: serde_json::Map<String, serde_json::Value> = site
        .districts
        .iter()
        .zip(&site.stats.districts)
        .map(|(d, t)| (d.id.clone(), t.institutions.into()))
        .collect();
    let services: serde_json::Map<String, serde_json::Value> = t
        .services
        .iter()
        .map(|(s, n)| (s.to_string(), (*n).into()))
        .collect();
    serde_json::json!({
        "districts": districts,
        "kinds": {"filed": t.filed, "demonstration": t.demonstration, "site": t.sites},
        "services": services,
        "inclusive": t.inclusive,
        "free": t.free,
    })
}

/// The variables that differ from page to page.
fn base_context(
    r: &Renderer,
    path: &str,
    key: &str,
    title: &str,
    description: Option<&str>,
) -> Context {
    let site = r.site;
    let mut ctx = Context::new();
    ctx.insert("root", if path.contains('/') { "../" } else { "" });
    ctx.insert("page_key", key);
    ctx.insert("page_title", title);
    ctx.insert(
        "meta_description",
        &description.or(site.config.description.as_deref()),
    );
    let canonical = (key != "404").then(|| format!("{}{}", site.config.base_url, path));
    ctx.insert("canonical", &canonical);
    ctx.insert("jsonld", &Option::<String>::None);
    ctx
}

fn render_template(
    r: &Renderer,
    template: &str,
    path: String,
    ctx: &Context,
) -> Result<OutputFile, RenderError> {
    let html = r.tera().render(template, ctx).map_err(|e| RenderError {
        what: path.clone(),
        message: theme::error_chain(&e),
    })?;
    Ok(OutputFile {
        path,
        bytes: html.into_bytes(),
    })
}

/// Render an HTML page job.
pub fn html(r: &Renderer, job: &Job) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let Some(path) = job.page_path(site) else {
        return Err(RenderError {
            what: format!("{job:?}"),
            message: "not an HTML page".into(),
        });
    };
    match job {
        Job::Home => {
            let mut ctx = base_context(r, &path, "home", &site.config.title, None);
            ctx.insert("totals", &site.stats.city);
            ctx.insert("districts", &district_cards(site));
            ctx.insert("facets", &facets(site, None));
            render_template(r, "index.html", path, &ctx)
        }
        Job::Search => {
            let mut ctx = base_context(r, &path, "search", "搜索托育机构", None);
            ctx.insert("facets", &facets(site, None));
            render_template(r, "search.html", path, &ctx)
        }
        Job::District { index, page } => district(r, *index, *page, path),
        Job::Institution(i) => institution(r, *i, path),
        Job::List {
            kind: Kind::Demonstration,
            page,
        } => demonstration(r, *page, path),
        Job::List { kind, page } => list(r, *kind, *page, path),
        Job::Stats => stats(r, path),
        Job::Page(i) => {
            let p = &site.pages[*i];
            let mut ctx = base_context(
                r,
                &path,
                &format!("page-{}", p.slug),
                &p.title,
                p.description.as_deref(),
            );
            ctx.insert("page", &serde_json::json!({"slug": p.slug, "title": p.title, "description": p.description, "body_html": markdown::render(without_title(&p.body, &p.title), "")}));
            render_template(r, "page.html", path, &ctx)
        }
        _ => {
            let ctx = base_context(r, &path, "404", "找不到这个页面", None);
            render_template(r, "404.html", path, &ctx)
        }
    }
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

fn district(
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
    for (pos, i) in ids.iter().enumerate() {
        let inst = &site.institutions[*i];
        let name = inst.street.clone().unwrap_or_else(|| NO_STREET.into());
        match index_rows.last_mut() {
            Some(last) if last.street == name => last.count += 1,
            _ => index_rows.push(StreetIndex {
                street: name,
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
    ctx.insert("facets", &facets(site, Some(index)));
    ctx.insert("pagination", &pagination(&d.id, page, total));
    render_template(r, "district.html", path, &ctx)
}

fn institution(r: &Renderer, index: usize, path: String) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let inst = &site.institutions[index];
    let d = &site.districts[inst.district];
    let desc = format!(
        "{}（{}{}）：地址、电话、收托月龄、服务类型、备案与示范信息。",
        inst.name, site.config.city, d.name
    );
    let mut ctx = base_context(r, &path, "institution", &inst.name, Some(&desc));
    ctx.insert("inst", &view::institution(site, inst));
    ctx.insert("jsonld", &Some(jsonld::childcare(site, inst, &path)));
    render_template(r, "institution.html", path, &ctx)
}

fn list(r: &Renderer, kind: Kind, page: usize, path: String) -> Result<OutputFile, RenderError> {
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

fn demonstration(r: &Renderer, page: usize, path: String) -> Result<OutputFile, RenderError> {
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

fn stats(r: &Renderer, path: String) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let mut ctx = base_context(
        r,
        &path,
        "stats",
        "统计",
        Some("各区市托育机构数、托位数和每千人托位数。"),
    );
    ctx.insert("city", &site.stats.city);
    let rows: Vec<serde_json::Value> = site
        .districts
        .iter()
        .zip(&site.stats.districts)
        .map(|(d, t)| {
            let mut card = serde_json::to_value(view::district_card(d, t)).unwrap_or_default();
            card["population"] = d.population.into();
            card["under3"] = d.under3.into();
            serde_json::json!({"district": card, "totals": t})
        })
        .collect();
    ctx.insert("rows", &rows);
    ctx.insert("charts", &charts::all(site));
    render_template(r, "stats.html", path, &ctx)
}

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
        xml.push_str(&format!("<url><loc>{base}{path}</loc></url>\n"));
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

/// A page body that repeats its title as a first `# heading` would show it twice.
fn without_title<'b>(body: &'b str, title: &str) -> &'b str {
    let trimmed = body.trim_start();
    match trimmed.split_once('\n') {
        Some((first, rest)) if first.trim() == format!("# {title}") => rest,
        None if trimmed.trim() == format!("# {title}") => "",
        _ => body,
    }
}
