//! Figures derived from the institutions: per district and for the whole city.

use serde::Serialize;

use super::enums::{Form, InspectionKind, Kind, Service, ZhEnum};
use super::{District, Institution, OfficialTotals, Status};

/// Counts and places for one area (a district or the city).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Totals {
    /// Operating institutions (any kind; not 暂停, not 注销).
    pub institutions: usize,
    /// 暂停 and 注销 institutions: listed, but not counted as operating.
    pub suspended: usize,
    pub cancelled: usize,
    /// Sum of `capacity` over operating institutions.
    pub places: u64,
    /// Operating institutions whose capacity is not published: their places are not in
    /// `places`, which is then a lower bound (pages say so rather than show a false 0).
    pub places_unknown: usize,
    pub population: Option<u64>,
    pub under3: Option<u64>,
    /// Places per 1,000 residents, rounded to two decimals.
    pub places_per_1000: Option<f64>,
    /// The counts below are of every listed institution, as the lists and the search
    /// filters show them (a 注销 one stays on the 备案 list, marked so).
    pub filed: usize,
    pub demonstration: usize,
    pub sites: usize,
    pub inclusive: usize,
    pub free: usize,
    /// Sum of free places (空余托位) over operating institutions that publish them.
    pub vacancies: u64,
    /// Operating institutions that publish free places (the sum is of these only).
    pub vacancies_known: usize,
    /// Institutions with inspection records, and the records by kind (自查, 抽查).
    pub inspected: usize,
    pub self_inspections: usize,
    pub spot_checks: usize,
    /// (service, count) in the order of [`Service::ALL`].
    pub services: Vec<(&'static str, usize)>,
    /// (form, count) in the order of [`Form::ALL`].
    pub forms: Vec<(&'static str, usize)>,
}

impl Totals {
    /// Every institution listed, whatever its status (what the pages and search list).
    pub fn listed(&self) -> usize {
        self.institutions + self.suspended + self.cancelled
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub city: Totals,
    /// Same order as the districts.
    pub districts: Vec<Totals>,
    /// How much of the officially published figures the directory lists.
    pub coverage: Option<Coverage>,
    /// See [`super::freshness::data_date`].
    pub data_date: Option<jiff::civil::Date>,
}

/// 本名录收录 N 家，占官方公布数的 x%.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub institutions: usize,
    pub official_institutions: u32,
    /// e.g. "0.7".
    pub institutions_percent: Option<String>,
    pub places: u64,
    pub official_places: Option<u64>,
    pub places_percent: Option<String>,
    pub official_per_1000: Option<f64>,
    /// As pages show it (2021-11-11, or 2021年11月).
    pub as_of: String,
    pub source_title: String,
    pub source_url: Option<String>,
}

/// The coverage of `city` against the official totals, if site.yaml gives them.
pub fn coverage(official: Option<&OfficialTotals>, city: &Totals) -> Option<Coverage> {
    let o = official?;
    let percent =
        |n: u64, of: u64| (of > 0).then(|| format!("{:.1}", n as f64 * 100.0 / of as f64));
    let source = &o.source;
    Some(Coverage {
        institutions: city.institutions,
        official_institutions: o.institutions,
        institutions_percent: percent(city.institutions as u64, u64::from(o.institutions)),
        places: city.places,
        official_places: o.places,
        places_percent: o.places.and_then(|p| percent(city.places, p)),
        official_per_1000: o.per_1000,
        as_of: o.as_of.display(),
        source_title: source
            .title
            .clone()
            .or_else(|| source.url.clone())
            .unwrap_or_default(),
        source_url: source.url.clone(),
    })
}

pub fn compute(districts: &[District], institutions: &[Institution]) -> Stats {
    let per: Vec<Totals> = districts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            totals(
                institutions.iter().filter(|x| x.district == i),
                d.population,
                d.under3,
            )
        })
        .collect();
    let pop_known = districts.iter().all(|d| d.population.is_some());
    let population = pop_known.then(|| districts.iter().filter_map(|d| d.population).sum());
    let under3_known = districts.iter().all(|d| d.under3.is_some());
    let under3 = under3_known.then(|| districts.iter().filter_map(|d| d.under3).sum());
    Stats {
        city: totals(institutions.iter(), population, under3),
        districts: per,
        coverage: None,
        data_date: None,
    }
}

fn totals<'a>(
    list: impl Iterator<Item = &'a Institution>,
    population: Option<u64>,
    under3: Option<u64>,
) -> Totals {
    let mut t = Totals {
        population,
        under3,
        ..Totals::default()
    };
    let mut services = [0usize; 4];
    let mut forms = vec![0usize; Form::ALL.len()];
    for i in list {
        match i.status() {
            Some(Status::Closed) => t.cancelled += 1,
            Some(Status::Suspended) => t.suspended += 1,
            _ => t.institutions += 1,
        }
        // An unknown capacity adds nothing: the sum is of the places the records give.
        match (i.is_operating(), i.capacity) {
            (true, Some(c)) => t.places += u64::from(c),
            (true, None) => t.places_unknown += 1,
            _ => {}
        }
        if let (true, Some(v)) = (i.is_operating(), i.vacancies) {
            t.vacancies += u64::from(v.places);
            t.vacancies_known += 1;
        }
        count_inspections(&mut t, i);
        t.filed += usize::from(i.has_kind(Kind::Filed));
        t.demonstration += usize::from(i.has_kind(Kind::Demonstration));
        t.sites += usize::from(i.has_kind(Kind::CareSite));
        t.inclusive += usize::from(i.is_inclusive());
        t.free += usize::from(i.is_free());
        for s in &i.services {
            if let Some(k) = Service::ALL.iter().position(|x| x == s) {
                services[k] += 1;
            }
        }
        if let Some(form) = i.filed.as_ref().and_then(|f| f.form)
            && let Some(k) = Form::ALL.iter().position(|x| *x == form)
        {
            forms[k] += 1;
        }
    }
    // No capacity known at all: a rate of 0 would be invented.
    let any_known = t.places > 0 || t.places_unknown == 0;
    t.places_per_1000 = population
        .filter(|p| *p > 0 && any_known)
        .map(|p| (t.places as f64 * 1000.0 / p as f64 * 100.0).round() / 100.0);
    t.services = Service::ALL
        .iter()
        .map(|s| s.as_str())
        .zip(services)
        .collect();
    t.forms = Form::ALL.iter().map(|s| s.as_str()).zip(forms).collect();
    t
}

fn count_inspections(t: &mut Totals, i: &Institution) {
    let list = i.filed.as_ref().map_or(&[][..], |f| &f.inspections[..]);
    t.inspected += usize::from(!list.is_empty());
    for x in list {
        match x.kind {
            InspectionKind::SelfCheck => t.self_inspections += 1,
            InspectionKind::Spot => t.spot_checks += 1,
        }
    }
}
