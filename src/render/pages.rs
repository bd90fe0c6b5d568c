//! The single HTML pages (home, search, institution, stats, Markdown pages, 404): one
//! context per job, rendered with the theme's templates, and the variables all pages share.

use serde::Serialize;
use tera::Context;

use super::view::{self, DistrictCard};
use super::{Job, OutputFile, RenderError, Renderer, charts, jsonld, lists, markdown, theme};
use crate::model::enums::{Service, ZhEnum};
use crate::model::{Kind, Site};

#[derive(Serialize)]
struct MenuLink {
    href: String,
    label: String,
    key: String,
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

pub(crate) fn district_cards(site: &Site) -> Vec<DistrictCard> {
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
pub(crate) fn facets(site: &Site, district: Option<usize>) -> serde_json::Value {
    let t = district.map_or(&site.stats.city, |d| &site.stats.districts[d]);
    let districts: serde_json::Map<String, serde_json::Value> = site
        .districts
        .iter()
        .zip(&site.stats.districts)
        .map(|(d, t)| (d.id.clone(), t.listed().into()))
        .collect();
    let services: serde_json::Map<String, serde_json::Value> = t
        .services
        .iter()
        .map(|(s, n)| (s.to_string(), (*n).into()))
        .collect();
    serde_json::json!({
        "districts": districts,
        // A district page fills in its streets (the street filter; lists::district).
        "streets": [],
        "kinds": {"filed": t.filed, "demonstration": t.demonstration, "site": t.sites},
        "services": services,
        "inclusive": t.inclusive,
        "free": t.free,
    })
}

/// The variables that differ from page to page.
pub(crate) fn base_context(
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

pub(crate) fn render_template(
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
            ctx.insert("coverage", &site.stats.coverage);
            ctx.insert("districts", &district_cards(site));
            ctx.insert("facets", &facets(site, None));
            render_template(r, "index.html", path, &ctx)
        }
        Job::Search => {
            let mut ctx = base_context(r, &path, "search", "搜索托育机构", None);
            ctx.insert("facets", &facets(site, None));
            render_template(r, "search.html", path, &ctx)
        }
        Job::District { index, page } => lists::district(r, *index, *page, path),
        Job::Institution(i) => institution(r, *i, path),
        Job::List {
            kind: Kind::Demonstration,
            page,
        } => lists::demonstration(r, *page, path),
        Job::List { kind, page } => lists::list(r, *kind, *page, path),
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
            let mut ctx = base_context(r, &path, "404", "找不到这个页面", None);
            // Servers show 404.html at whatever path was missed, so its links and assets
            // cannot be relative: they start from the site's address.
            ctx.insert("root", &site.config.base_url);
            render_template(r, "404.html", path, &ctx)
        }
    }
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
    let history: Vec<super::changes::ChangeView> = r
        .history()
        .map(|h| h.of(&inst.id).map(|c| super::changes::view(r, c)).collect())
        .unwrap_or_default();
    ctx.insert("history", &history);
    ctx.insert("history_known", &r.history().is_some());
    render_template(r, "institution.html", path, &ctx)
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
    ctx.insert("coverage", &site.stats.coverage);
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

/// A page body that repeats its title as a first `# heading` would show it twice.
fn without_title<'b>(body: &'b str, title: &str) -> &'b str {
    let trimmed = body.trim_start();
    match trimmed.split_once('\n') {
        Some((first, rest)) if first.trim() == format!("# {title}") => rest,
        None if trimmed.trim() == format!("# {title}") => "",
        _ => body,
    }
}
