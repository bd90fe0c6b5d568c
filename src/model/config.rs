//! `site.yaml` and `districts.yaml`.

use jiff::civil::Date;
use serde::Serialize;

use super::contract::{self, MonthOrDate, Phone};
use super::fields::{Checker, Fields, is_safe_url, is_slug};
use super::{SourceRef, spec};
use crate::diagnostics::catalogue::contract as cmsg;
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
    /// The city-wide complaints number.
    pub supervision_phone: Option<String>,
    /// The city's figures as officially published.
    pub official_totals: Option<OfficialTotals>,
}

/// `official_totals`: what the city published, to say how much of it the directory lists.
#[derive(Debug, Clone, Serialize)]
pub struct OfficialTotals {
    pub institutions: u32,
    pub places: Option<u64>,
    pub per_1000: Option<f64>,
    pub as_of: MonthOrDate,
    pub source: SourceRef,
}

/// One district-level unit (区 / 县级市).
#[derive(Debug, Clone, Serialize)]
pub struct District {
    pub id: String,
    pub name: String,
    /// Other names records may use for the district (城阳, 西海岸新区).
    pub aliases: Vec<String>,
    /// The district health bureau's complaints number.
    pub supervision_phone: Option<String>,
    pub population: Option<u64>,
    pub under3: Option<u64>,
    pub streets: Vec<String>,
}

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
    let f = ck.fields(&doc.root, &spec::keys(spec::SITE), &msg::WHAT_SITE_YAML)?;
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
        supervision_phone: f.opt::<Phone>(&mut ck, "supervision_phone").map(|p| p.0),
        official_totals: official_totals(&mut ck, &f),
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
        let Some(f) = ck.fields(item, &spec::keys(spec::DISTRICT), &msg::WHAT_DISTRICT) else {
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
        let aliases: Vec<String> = f.list_of(&mut ck, "aliases");
        let supervision_phone = f.opt::<Phone>(&mut ck, "supervision_phone").map(|p| p.0);
        let (Some((id, id_pos)), Some(name)) = (id, name) else {
            continue;
        };
        if out.iter().any(|d| d.id == id) {
            ck.error(id_pos, Text::new(&msg::DISTRICT_ID_TWICE).arg("id", id));
            continue;
        }
        refuse_shared_names(&mut ck, &f, &name, &aliases, &out);
        out.push(District {
            id,
            name,
            aliases,
            supervision_phone,
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

fn official_totals(ck: &mut Checker, f: &Fields) -> Option<OfficialTotals> {
    let n = f.get("official_totals")?;
    let g = ck.fields(
        n,
        &spec::keys(spec::OFFICIAL_TOTALS),
        &cmsg::WHAT_OFFICIAL_TOTALS,
    )?;
    let institutions = g.req_in(ck, "institutions", 0..=100_000_000);
    let places = g.opt_in(ck, "places", 0..=1_000_000_000).map(|v| v as u64);
    let per_1000 = g.opt_in(ck, "per_1000", 0.0..=1000.0);
    let as_of = g.req(ck, "as_of");
    let source = match g.get("source") {
        Some(s) => contract::source(ck, s, "source"),
        None => g.req::<String>(ck, "source").and(None),
    };
    Some(OfficialTotals {
        institutions: institutions? as u32,
        places,
        per_1000,
        as_of: as_of?,
        source: source?,
    })
}

/// A record's `district` may be a district's id, name or alias, so no name may mean two.
fn refuse_shared_names(
    ck: &mut Checker,
    f: &Fields,
    name: &str,
    aliases: &[String],
    earlier: &[District],
) {
    for alias in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        let Some(other) = contract::find_district(earlier, alias) else {
            continue;
        };
        let m = Text::new(&cmsg::DISTRICT_ALIAS_TWICE)
            .arg("alias", alias)
            .arg("other", &earlier[other].name);
        let pos = f.pos_of(if alias == name { "name" } else { "aliases" });
        ck.error_help(pos, m, Text::new(&cmsg::DISTRICT_ALIAS_TWICE_HELP));
    }
}
