//! `site.yaml` and `districts.yaml`.

use jiff::civil::Date;
use serde::Serialize;

use super::fields::{Checker, is_safe_url, is_slug};
use crate::diagnostics::catalogue::model as msg;
use crate::diagnostics::{Diagnostic, Pos, Text};
use crate::load::Doc;
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
        Diagnostic::error(
            &file,
            Pos::default(),
            Text::new(&msg::MISSING_FILE).arg("name", name),
        )
        .with_help(Text::new(&msg::MISSING_FILE_HELP)),
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
    let f = ck.fields(&doc.root, SITE_KEYS, &msg::WHAT_SITE_YAML)?;
    let title = f.req(&mut ck, "title");
    let city = f.req(&mut ck, "city");
    let base_url = f.req::<String>(&mut ck, "base_url").and_then(|u| {
        let ok = is_safe_url(&u) && u.ends_with('/');
        if !ok {
            let m = Text::new(&msg::BAD_BASE_URL).arg("value", u.as_str());
            ck.error_help(f.pos_of("base_url"), m, Text::new(&msg::BASE_URL_EXAMPLE));
        }
        ok.then_some(u)
    });
    let theme = f
        .opt::<String>(&mut ck, "theme")
        .unwrap_or_else(|| "default".into());
    if !is_slug(&theme) || theme.chars().count() > super::fields::MAX_SLUG_LEN {
        let m = Text::new(&msg::BAD_THEME).arg("value", theme.as_str());
        ck.error(f.pos_of("theme"), m);
    }
    let config = SiteConfig {
        title: title?,
        city: city?,
        base_url: base_url?,
        description: f.opt(&mut ck, "description"),
        language: f.opt(&mut ck, "language").unwrap_or_else(|| "zh-CN".into()),
        publisher: f.opt(&mut ck, "publisher"),
        contact: f.opt(&mut ck, "contact"),
        data_as_of: f.opt(&mut ck, "data_as_of"),
        theme,
        notice: f.opt(&mut ck, "notice"),
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
        let m = Text::new(&msg::DISTRICTS_SHAPE).arg("found", doc.root.value.kind_name());
        ck.error(doc.root.pos, m);
        return None;
    };
    let mut out: Vec<District> = Vec::new();
    let mut id_positions: Vec<Pos> = Vec::new();
    for item in items {
        let Some(f) = ck.fields(item, DISTRICT_KEYS, &msg::WHAT_DISTRICT) else {
            continue;
        };
        let id = f.id(&mut ck, "id");
        let name = f.req::<String>(&mut ck, "name");
        let population = f
            .opt_in(&mut ck, "population", 0..=2_000_000_000)
            .map(|v| v as u64);
        let under3 = f
            .opt_in(&mut ck, "under3", 0..=2_000_000_000)
            .map(|v| v as u64);
        let streets: Vec<String> = f.list_of(&mut ck, "streets");
        let (Some((id, id_pos)), Some(name)) = (id, name) else {
            continue;
        };
        if out.iter().any(|d| d.id == id) {
            ck.error(id_pos, Text::new(&msg::DISTRICT_ID_TWICE).arg("id", id));
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
        ck.error(doc.root.pos, Text::new(&msg::NO_DISTRICTS));
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
            let m = Text::new(&msg::DISTRICT_PAGE_COLLISION)
                .arg("id", &d.id)
                .arg("n", n)
                .arg("stem", stem);
            ck.error_help(*pos, m, Text::new(&msg::DISTRICT_PAGE_COLLISION_HELP));
        }
    }
}
