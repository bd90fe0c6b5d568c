//! The single HTML pages (home, search, institution, stats, Markdown pages, 404): one
//! context per page, rendered with the theme's templates.

use super::context::{base_context, district_cards, facets, render_template};
use super::{OutputFile, RenderError, Renderer, charts, jsonld, markdown, qr, supervision, view};

pub fn home(r: &Renderer, path: String) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let mut ctx = base_context(r, &path, "home", &site.config.title, None);
    ctx.insert("totals", &site.stats.city);
    ctx.insert("coverage", &site.stats.coverage);
    ctx.insert("districts", &district_cards(site));
    ctx.insert("facets", &facets(site, None));
    render_template(r, "index.html", path, &ctx)
}

pub fn search(r: &Renderer, path: String) -> Result<OutputFile, RenderError> {
    let mut ctx = base_context(r, &path, "search", "搜索托育机构", None);
    ctx.insert("facets", &facets(r.site, None));
    render_template(r, "search.html", path, &ctx)
}

/// A Markdown page of content/pages/.
pub fn page(r: &Renderer, index: usize, path: String) -> Result<OutputFile, RenderError> {
    let p = &r.site.pages[index];
    let key = format!("page-{}", p.slug);
    let mut ctx = base_context(r, &path, &key, &p.title, p.description.as_deref());
    let body_html = markdown::render(without_title(&p.body, &p.title), "");
    ctx.insert(
        "page",
        &serde_json::json!({"slug": p.slug, "title": p.title, "description": p.description, "body_html": body_html}),
    );
    render_template(r, "page.html", path, &ctx)
}

pub fn not_found(r: &Renderer, path: String) -> Result<OutputFile, RenderError> {
    let mut ctx = base_context(r, &path, "404", "找不到这个页面", None);
    // Servers show 404.html at whatever path was missed, so its links and assets
    // cannot be relative: they start from the site's address.
    ctx.insert("root", &r.site.config.base_url);
    render_template(r, "404.html", path, &ctx)
}

pub fn institution(r: &Renderer, index: usize, path: String) -> Result<OutputFile, RenderError> {
    let site = r.site;
    let inst = &site.institutions[index];
    let d = &site.districts[inst.district];
    let desc = format!(
        "{}（{}{}）：地址、电话、收托月龄、服务类型、备案与示范信息。",
        inst.name, site.config.city, d.name
    );
    let mut ctx = base_context(r, &path, "institution", &inst.name, Some(&desc));
    ctx.insert("inst", &view::institution(site, inst));
    let url = format!("{}{}", site.config.base_url, path);
    ctx.insert("supervision", &supervision::view(site, inst, &url));
    ctx.insert("qr", &qr::svg(&url, &format!("二维码：{url}")));
    ctx.insert("page_url", &url);
    ctx.insert("jsonld", &Some(jsonld::childcare(site, inst, &path)));
    let history: Vec<super::changes::ChangeView> = r
        .history()
        .map(|h| h.of(&inst.id).map(|c| super::changes::view(r, c)).collect())
        .unwrap_or_default();
    ctx.insert("history", &history);
    ctx.insert("history_known", &r.history().is_some());
    render_template(r, "institution.html", path, &ctx)
}

pub fn stats(r: &Renderer, path: String) -> Result<OutputFile, RenderError> {
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
    ctx.insert("stats_date", &site.stats.data_date.map(|d| d.to_string()));
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
