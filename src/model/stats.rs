//! Figures derived from the institutions: per district and for the whole city.

use serde::Serialize;

use super::enums::{Form, Kind, Service, ZhEnum};
use super::{District, Institution};

/// Counts and places for one area (a district or the city).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Totals {
    /// Institutions listed (any kind, any status).
    pub institutions: usize,
    /// Sum of `capacity` over operating institutions.
    pub places: u64,
    pub population: Option<u64>,
    pub under3: Option<u64>,
    /// Places per 1,000 residents, rounded to two decimals.
    pub places_per_1000: Option<f64>,
    pub filed: usize,
    pub demonstration: usize,
    pub sites: usize,
    pub inclusive: usize,
    pub free: usize,
    /// (service, count) in the order of [`Service::ALL`].
    pub services: Vec<(&'static str, usize)>,
    /// (form, count) in the order of [`Form::ALL`].
    pub forms: Vec<(&'static str, usize)>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub city: Totals,
    /// Same order as the districts.
    pub districts: Vec<Totals>,
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
        t.institutions += 1;
        if i.is_operating() {
            t.places += u64::from(i.capacity.unwrap_or(0));
        }
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
    t.places_per_1000 = population
        .filter(|p| *p > 0)
        .map(|p| (t.places as f64 * 1000.0 / p as f64 * 100.0).round() / 100.0);
    t.services = Service::ALL
        .iter()
        .map(|s| s.as_str())
        .zip(services)
        .collect();
    t.forms = Form::ALL.iter().map(|s| s.as_str()).zip(forms).collect();
    t
}
