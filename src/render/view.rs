//! Serializable views of the model, shaped for templates: every string a template
//! prints is plain text (tera escapes it); links are relative to the site root and
//! the template prefixes them with `root` (`""` or `"../"`).

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::markdown;
use super::urls;
use crate::model::enums::{Kind, ZhEnum};
use crate::model::{AgeClass, District, Institution, Site, Status, Totals, freshness};

/// A small coloured label: 已备案, 省级示范 2021, 托育点, 普惠, 免费, 暂停 …
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// CSS modifier: filed, demonstration, site, inclusive, free, suspended, closed.
    pub class: &'static str,
    pub label: String,
}

/// What a list or search result shows of an institution.
#[derive(Debug, Clone)]
pub struct Card {
    pub id: String,
    pub name: String,
    /// Other names, shown as 又名.
    pub aliases: Vec<String>,
    /// `institutions/<id>.html`, relative to the site root.
    pub href: String,
    pub district_id: String,
    pub district: String,
    pub street: Option<String>,
    pub address: Option<String>,
    /// None for a cancelled (注销) institution: nobody should be sent to call it.
    pub phone: Option<String>,
    /// `tel:` URL, or None when the phone has no dialable number or the institution is
    /// cancelled.
    pub tel: Option<String>,
    /// 注销.
    pub cancelled: bool,
    pub services: Vec<&'static str>,
    /// e.g. "6–36个月".
    pub ages: Option<String>,
    pub capacity: Option<u32>,
    /// 空余托位 with its date.
    pub vacancies: Option<VacancyView>,
    pub fee: Option<String>,
    /// e.g. "每月 1800 元", or "免费" for 0.
    pub monthly_fee: Option<String>,
    /// 乳儿班, 托小班, 托大班 (from the ages; see [`AgeClass::of`]).
    pub classes: Vec<&'static str>,
    pub badges: Vec<Badge>,
    pub filed_on: Option<String>,
    pub form: Option<&'static str>,
    pub status: Option<&'static str>,
    /// GCJ-02 (as the records give it), for 离我最近 on district pages.
    pub lat: Option<f64>,
    pub lng: Option<f64>,
}

/// 空余托位 7 个，截至 2024-06-01 (信息可能已过期 when `stale`).
#[derive(Debug, Clone, Serialize)]
pub struct VacancyView {
    pub places: u32,
    pub as_of: String,
    /// Older than [`freshness::STALE_AFTER_DAYS`] before the data date.
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FiledView {
    pub filed_on: String,
    pub filing_number: Option<String>,
    pub credit_code: Option<String>,
    pub operator: Option<String>,
    pub profit: Option<&'static str>,
    pub form: Option<&'static str>,
    /// `None`: not published (shown as 未公布, never 否).
    pub inclusive: Option<bool>,
    pub status: &'static str,
    pub inspections: Vec<InspectionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InspectionView {
    pub date: String,
    pub kind: &'static str,
    pub result: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemonstrationView {
    pub level: &'static str,
    pub year: i32,
    pub batch: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CareSiteView {
    pub community: Option<String>,
    pub model: Option<&'static str>,
    pub funders: Vec<String>,
    pub eligibility: Option<String>,
    pub enrolled: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// The title, or the address for a source given as a bare URL.
    pub title: String,
    pub url: Option<String>,
    pub date: Option<String>,
}

/// Everything the institution page shows: the card's fields and its own, side by side.
#[derive(Debug, Clone)]
pub struct InstitutionView {
    pub card: Card,
    pub hours: Option<String>,
    pub website: Option<String>,
    pub ownership: Option<&'static str>,
    pub programs: Vec<String>,
    /// Sanitised HTML from the Markdown description (printed with `| safe`).
    pub description_html: Option<String>,
    pub updated: Option<String>,
    /// Amap link: a marker when coordinates are known, else an address search.
    pub map_url: Option<String>,
    pub free: bool,
    pub filed: Option<FiledView>,
    pub demonstration: Option<DemonstrationView>,
    pub site_info: Option<CareSiteView>,
    pub sources: Vec<SourceView>,
    /// "content/filed/sample.yaml 第 12 行" — where each listing comes from.
    pub origins: Vec<String>,
}

// Serialised by hand rather than derived so that the institution page's view can carry
// the card's fields as a struct of its own: `#[serde(flatten)]` makes the serializer build
// a map key by key (a tenth of an institution page's context).
impl Card {
    const FIELDS: usize = 24;

    fn serialize_fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("id", &self.id)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("aliases", &self.aliases)?;
        s.serialize_field("href", &self.href)?;
        s.serialize_field("district_id", &self.district_id)?;
        s.serialize_field("district", &self.district)?;
        s.serialize_field("street", &self.street)?;
        s.serialize_field("address", &self.address)?;
        s.serialize_field("phone", &self.phone)?;
        s.serialize_field("tel", &self.tel)?;
        s.serialize_field("cancelled", &self.cancelled)?;
        s.serialize_field("services", &self.services)?;
        s.serialize_field("ages", &self.ages)?;
        s.serialize_field("capacity", &self.capacity)?;
        s.serialize_field("vacancies", &self.vacancies)?;
        s.serialize_field("fee", &self.fee)?;
        s.serialize_field("monthly_fee", &self.monthly_fee)?;
        s.serialize_field("classes", &self.classes)?;
        s.serialize_field("badges", &self.badges)?;
        s.serialize_field("filed_on", &self.filed_on)?;
        s.serialize_field("form", &self.form)?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("lat", &self.lat)?;
        s.serialize_field("lng", &self.lng)?;
        Ok(())
    }
}

impl Serialize for Card {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Card", Self::FIELDS)?;
        self.serialize_fields(&mut s)?;
        s.end()
    }
}

impl Serialize for InstitutionView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("InstitutionView", Card::FIELDS + 13)?;
        self.card.serialize_fields(&mut s)?;
        s.serialize_field("hours", &self.hours)?;
        s.serialize_field("website", &self.website)?;
        s.serialize_field("ownership", &self.ownership)?;
        s.serialize_field("programs", &self.programs)?;
        s.serialize_field("description_html", &self.description_html)?;
        s.serialize_field("updated", &self.updated)?;
        s.serialize_field("map_url", &self.map_url)?;
        s.serialize_field("free", &self.free)?;
        s.serialize_field("filed", &self.filed)?;
        s.serialize_field("demonstration", &self.demonstration)?;
        s.serialize_field("site_info", &self.site_info)?;
        s.serialize_field("sources", &self.sources)?;
        s.serialize_field("origins", &self.origins)?;
        s.end()
    }
}

/// A district in the home page grid and in navigation.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictCard {
    pub id: String,
    pub name: String,
    pub href: String,
    pub institutions: usize,
    pub places: u64,
    /// Institutions whose capacity is not published (see [`Totals::places_unknown`]).
    pub places_unknown: usize,
    pub places_per_1000: Option<String>,
}

pub fn badges(i: &Institution) -> Vec<Badge> {
    let mut out = Vec::new();
    if let Some(f) = &i.filed {
        out.push(Badge {
            class: "filed",
            label: "已备案".into(),
        });
        match f.status {
            Status::Open => {}
            Status::Suspended => out.push(Badge {
                class: "suspended",
                label: "暂停服务".into(),
            }),
            Status::Closed => out.push(Badge {
                class: "closed",
                label: "已注销".into(),
            }),
        }
    }
    if let Some(d) = &i.demonstration {
        out.push(Badge {
            class: "demonstration",
            label: format!("{}示范 {}", d.level.as_str(), d.year),
        });
    }
    if i.care_site.is_some() {
        out.push(Badge {
            class: "site",
            label: Kind::CareSite.label().into(),
        });
    }
    if i.is_inclusive() {
        out.push(Badge {
            class: "inclusive",
            label: "普惠".into(),
        });
    }
    if i.is_free() {
        out.push(Badge {
            class: "free",
            label: "免费".into(),
        });
    }
    out
}

pub fn card(site: &Site, i: &Institution) -> Card {
    let district = &site.districts[i.district];
    let cancelled = i.is_cancelled();
    let phone = i.phone.clone().filter(|_| !cancelled);
    Card {
        id: i.id.clone(),
        name: i.name.clone(),
        aliases: i.aliases.clone(),
        href: format!("institutions/{}.html", i.id),
        district_id: district.id.clone(),
        district: district.name.clone(),
        street: i.street.clone(),
        address: i.address.clone(),
        tel: phone.as_deref().and_then(urls::tel),
        phone,
        cancelled,
        services: i.services.iter().map(|s| s.as_str()).collect(),
        ages: i
            .ages
            .map(|a| format!("{}–{}个月", a.min_months, a.max_months)),
        capacity: i.capacity,
        vacancies: i.vacancies.map(|v| VacancyView {
            places: v.places,
            as_of: v.as_of.to_string(),
            stale: freshness::is_stale(v.as_of, site.stats.data_date),
        }),
        fee: i.fee.clone(),
        monthly_fee: i.monthly_fee.map(|f| match f {
            0 => "免费".to_string(),
            f => format!("每月 {f} 元"),
        }),
        classes: i
            .ages
            .map(|a| AgeClass::of(a).into_iter().map(AgeClass::as_str).collect())
            .unwrap_or_default(),
        badges: badges(i),
        filed_on: i.filed.as_ref().map(|f| f.filed_on.to_string()),
        form: i.filed.as_ref().and_then(|f| f.form).map(|f| f.as_str()),
        status: i.filed.as_ref().map(|f| f.status.as_str()),
        lat: i.location.map(|l| l.lat),
        lng: i.location.map(|l| l.lng),
    }
}

pub fn institution(site: &Site, i: &Institution) -> InstitutionView {
    let city = &site.config.city;
    InstitutionView {
        card: card(site, i),
        hours: i.hours.clone(),
        website: i.website.clone(),
        ownership: i.ownership.map(|v| v.as_str()),
        programs: i.programs.clone(),
        description_html: i.description.as_deref().map(|d| markdown::render(d, "../")),
        updated: i.updated.map(|d| d.display()),
        map_url: urls::map(i, city),
        free: i.is_free(),
        filed: i.filed.as_ref().map(|f| FiledView {
            filed_on: f.filed_on.to_string(),
            filing_number: f.filing_number.clone(),
            credit_code: f.credit_code.clone(),
            operator: f.operator.clone(),
            profit: f.profit.map(|v| v.as_str()),
            form: f.form.map(|v| v.as_str()),
            inclusive: f.inclusive,
            status: f.status.as_str(),
            inspections: f
                .inspections
                .iter()
                .map(|x| InspectionView {
                    date: x.date.to_string(),
                    kind: x.kind.as_str(),
                    result: x.result.clone(),
                })
                .collect(),
        }),
        demonstration: i.demonstration.as_ref().map(|d| DemonstrationView {
            level: d.level.as_str(),
            year: d.year,
            batch: d.batch.clone(),
        }),
        site_info: i.care_site.as_ref().map(|s| CareSiteView {
            community: s.community.clone(),
            model: s.model.map(|m| m.as_str()),
            funders: s.funders.clone(),
            eligibility: s.eligibility.clone(),
            enrolled: s.enrolled,
        }),
        sources: i
            .sources
            .iter()
            .map(|s| SourceView {
                title: s
                    .title
                    .clone()
                    .or_else(|| s.url.clone())
                    .unwrap_or_default(),
                url: s.url.clone(),
                date: s.date.map(|d| d.display()),
            })
            .collect(),
        origins: i
            .origins
            .iter()
            // The file, not the line: a line number would change the page whenever an
            // unrelated record above it moves.
            .map(|o| format!("{}（{}）", o.file, o.kind.label()))
            .collect(),
    }
}

pub fn district_card(d: &District, t: &Totals) -> DistrictCard {
    DistrictCard {
        id: d.id.clone(),
        name: d.name.clone(),
        href: format!("districts/{}.html", d.id),
        institutions: t.institutions,
        places: t.places,
        places_unknown: t.places_unknown,
        places_per_1000: t.places_per_1000.map(|v| format!("{v:.2}")),
    }
}
