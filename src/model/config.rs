//! `site.yaml` and `districts.yaml`.

use jiff::civil::Date;
use serde::Serialize;

use super::fields::{Checker, is_safe_url, is_slug};
use crate::diagnostics::Diagnostic;
use crate::load::Doc;
use crate::diagnostics::Pos;
use crate::load::yaml::Value;

/// The site's settings from `site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub city: String,
    /// Absolute, ends with `/`.
    pub base_url: String,
    pub description: Option<String>,
    pub language: String,
    pub publisher: Option<String>,
    pub contact: Option<String>,
    pub data_as_of: Option<Date>,
    pub theme: String,
    /// A banner shown on every page (e.g. "sample data, not an official list").
    pub notice: Option<String>,
}

/// One district-level unit (区 / 县级市).
#[derive(Debug, Clone, Serialize)]
pub struct District {
    pub id: String,
    pub name: String,
    pub population: Option<u64>,
    pub under3: Option<u64>,
    pub streets: Vec<String>,
}

const SITE_KEYS: &[&str] = &[
    "title",
    "city",
    "base_url",
    "description",
    "language",
    "publisher",
    "contact",
    "data_as_of",
    "theme",
    "notice",
];
const DISTRICT_KEYS: &[&str] = &["id", "name", "population", "under3", "streets"];

fn missing_file(root: &str, name: &str, diags: &mut Vec<Diagnostic>) {
    let file = format!("{root}/{name}");
    diags.push(
        Diagnostic::error(&file, Pos::default(), format!("{name} is missing")).with_help(
            "every content folder needs site.yaml and districts.yaml; see README.md for an example",
        ),
    );
}

pub fn site_config(
    doc: Option<&Doc>,
    root: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let Some(doc) = doc else {
        missing_file(root, "site.yaml", diags);
        return None;
    };
    let mut ck = Checker::new(&doc.path, &doc.text, diags);
    let f = ck.fields(&doc.root, SITE_KEYS, "site.yaml")?;
    let what = "site.yaml";
    let title = ck.req_text(&f, "title", what);
    let city = ck.req_text(&f, "city", what);
    let base_url = ck.req_text(&f, "base_url", what).and_then(|u| {
        let ok = is_safe_url(&u) && u.ends_with('/');
        if !ok {
            let pos = f.get("base_url").map(|n| n.pos).unwrap_or(f.pos);
            ck.error_help(
                pos,
                format!("`base_url` `{u}` must be an absolute http(s) address ending with `/`"),
                "e.g. https://tuoyu.example.org/qingdao/",
            );
        }
        ok.then_some(u)
    });
    let theme = ck.opt_text(&f, "theme").unwrap_or_else(|| "default".into());
    if !is_slug(&theme) {
        let pos = f.get("theme").map(|n| n.pos).unwrap_or(f.pos);
        ck.error(
            pos,
            format!("`theme` `{theme}` must be a folder name under themes/ (a-z, 0-9, -)"),
        );
    }
    let config = SiteConfig {
        title: title?,
        city: city?,
        base_url: base_url?,
        description: ck.opt_text(&f, "description"),
        language: ck
            .opt_text(&f, "language")
            .unwrap_or_else(|| "zh-CN".into()),
        publisher: ck.opt_text(&f, "publisher"),
        contact: ck.opt_text(&f, "contact"),
        data_as_of: ck.opt_date(&f, "data_as_of"),
        theme,
        notice: ck.opt_text(&f, "notice"),
    };
    Some(config)
}

pub fn districts(
    doc: Option<&Doc>,
    root: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<District>> {
    let Some(doc) = doc else {
        missing_file(root, "districts.yaml", diags);
        return None;
    };
    let mut ck = Checker::new(&doc.path, &doc.text, diags);
    let Value::Seq(items) = &doc.root.value else {
        let msg = format!(
            "districts.yaml should be a list of districts, found {}",
            doc.root.value.kind_name()
        );
        ck.error(doc.root.pos, msg);
        return None;
    };
    let mut out: Vec<District> = Vec::new();
    let mut id_positions: Vec<Pos> = Vec::new();
    for item in items {
        let Some(f) = ck.fields(item, DISTRICT_KEYS, "a district") else {
            continue;
        };
        let id = ck.slug(&f, "id", "a district");
        let name = ck.req_text(&f, "name", "a district");
        let population = ck
            .opt_int(&f, "population", 0, 2_000_000_000)
            .map(|v| v as u64);
        let under3 = ck.opt_int(&f, "under3", 0, 2_000_000_000).map(|v| v as u64);
        let mut streets: Vec<String> = Vec::new();
        for n in ck.list(&f, "streets") {
            if let Some(s) = ck.text(n, "streets") {
                if streets.contains(&s) {
                    ck.warning(n.pos, format!("street `{s}` is listed twice"));
                } else {
                    streets.push(s);
                }
            }
        }
        let (Some((id, id_pos)), Some(name)) = (id, name) else {
            continue;
        };
        if out.iter().any(|d| d.id == id) {
            ck.error(id_pos, format!("district id `{id}` is used twice"));
            continue;
        }
        out.push(District {
            id,
            name,
            population,
            under3,
            streets,
        });
        id_positions.push(id_pos);
    }
    refuse_page_name_collisions(&mut ck, &id_positions, &out);
    if out.is_empty() && items.is_empty() {
        ck.error(doc.root.pos, "districts.yaml lists no districts");
    }
    Some(out)
}

/// A long district is split into `<id>.html`, `<id>-2.html`, …; an id such as `big-2`
/// beside `big` would overwrite one of those pages.
fn refuse_page_name_collisions(ck: &mut Checker, positions: &[Pos], districts: &[District]) {
    for (d, pos) in districts.iter().zip(positions) {
        let Some((stem, n)) = d.id.rsplit_once('-') else {
            continue;
        };
        if n.parse::<u32>().is_ok_and(|n| n >= 2) && districts.iter().any(|o| o.id == stem) {
            ck.error_help(
                *pos,
                format!(
                    "district id `{}` collides with page {n} of district `{stem}`",
                    d.id
                ),
                "choose an id that does not end in -<number>",
            );
        }
    }
}
