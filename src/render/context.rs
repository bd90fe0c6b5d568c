//! What every page's template context shares: the global variables (site, menu,
//! districts), the per-page basics (root, title, canonical link), filter counts, and the
//! one call that renders a template into an output file.

use serde::Serialize;
use tera::Context;

use super::search::format::{AGE_CLASSES, FEE_LIMITS};
use super::view::{self, DistrictCard};
use super::{OutputFile, RenderError, Renderer};
use crate::model::Site;
use crate::model::enums::{Service, ZhEnum};

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

pub fn district_cards(site: &Site) -> Vec<DistrictCard> {
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
    ctx.insert("age_choices", &age_choices());
    ctx.insert("fee_limits", &FEE_LIMITS);
    ctx
}

/// The 宝宝多大 choices of the search form, from the one list the index's filter files use.
fn age_choices() -> Vec<serde_json::Value> {
    AGE_CLASSES
        .iter()
        .map(|c| serde_json::json!({"value": c.name, "label": c.label, "class": c.class}))
        .collect()
}

/// Counts shown beside the search filters before any query, for the city or one district.
pub fn facets(site: &Site, district: Option<usize>) -> serde_json::Value {
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
pub fn base_context(
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

pub fn render_template(
    r: &Renderer,
    template: &str,
    path: String,
    ctx: &Context,
) -> Result<OutputFile, RenderError> {
    // Rendered straight into bytes: `Tera::render` would check the whole page is UTF-8
    // once more to make a String (tera writes only `&str`s, so it always is).
    let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
    r.tera()
        .render_to(template, ctx, &mut bytes)
        .map_err(|e| RenderError {
            what: path.clone(),
            message: error_chain(&e),
        })?;
    Ok(OutputFile { path, bytes })
}

/// Room for a typical page (an institution page is 5–8 KB), so that it is not regrown
/// by doubling from tera's small size hint.
const PAGE_CAPACITY: usize = 16 * 1024;

/// A tera error with its causes, which hold the template name and location.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    msg
}
