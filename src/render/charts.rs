//! Build-time SVG bar charts for stats.html, each with a text summary as its alternative.

use serde::Serialize;

use super::escape::html as escape;
use crate::model::Site;

#[derive(Debug, Serialize)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    /// The chart in one sentence, for people who cannot see it.
    pub summary: String,
    /// Inline SVG; every label in it is XML-escaped.
    pub svg: String,
}

pub fn all(site: &Site) -> Vec<Chart> {
    let names: Vec<&str> = site.districts.iter().map(|d| d.name.as_str()).collect();
    let t = &site.stats.districts;
    let mut charts = vec![
        bar_chart(
            "chart-institutions",
            "各区市托育机构数",
            "家",
            &names,
            &t.iter().map(|x| x.institutions as f64).collect::<Vec<_>>(),
            0,
        ),
        bar_chart(
            "chart-places",
            "各区市托位数",
            "个",
            &names,
            &t.iter().map(|x| x.places as f64).collect::<Vec<_>>(),
            0,
        ),
    ];
    if t.iter().any(|x| x.places_per_1000.is_some()) {
        let v: Vec<f64> = t.iter().map(|x| x.places_per_1000.unwrap_or(0.0)).collect();
        charts.push(bar_chart(
            "chart-per-1000",
            "各区市每千名常住人口托位数",
            "个",
            &names,
            &v,
            2,
        ));
    }
    charts
}

fn fmt(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

fn bar_chart(
    id: &'static str,
    title: &str,
    unit: &str,
    names: &[&str],
    values: &[f64],
    decimals: usize,
) -> Chart {
    const LABEL_W: f64 = 96.0;
    const BAR_H: f64 = 28.0;
    const GAP: f64 = 12.0;
    const WIDTH: f64 = 640.0;
    let max = values.iter().copied().fold(0.0_f64, f64::max).max(1e-9);
    let plot_w = WIDTH - LABEL_W - 90.0;
    let height = (BAR_H + GAP) * names.len() as f64 + GAP;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title\" class=\"chart\"><title id=\"{id}-title\">{}</title>",
        escape(title)
    );
    for (k, (name, v)) in names.iter().zip(values).enumerate() {
        let y = GAP + k as f64 * (BAR_H + GAP);
        let w = (v / max * plot_w).max(if *v > 0.0 { 2.0 } else { 0.0 });
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" class=\"chart-label\">{}</text><rect x=\"{LABEL_W}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_H}\" rx=\"3\" class=\"chart-bar\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"chart-value\">{}</text>",
            LABEL_W - 8.0,
            y + BAR_H * 0.7,
            escape(name),
            LABEL_W + w + 6.0,
            y + BAR_H * 0.7,
            fmt(*v, decimals)
        ));
    }
    svg.push_str("</svg>");
    let summary = summarise(title, unit, names, values, decimals);
    Chart {
        id,
        title: title.to_string(),
        summary,
        svg,
    }
}

fn summarise(title: &str, unit: &str, names: &[&str], values: &[f64], decimals: usize) -> String {
    let mut pairs: Vec<(&str, f64)> = names.iter().copied().zip(values.iter().copied()).collect();
    pairs.sort_by(|a, b| b.1.total_cmp(&a.1));
    let list: Vec<String> = pairs
        .iter()
        .map(|(n, v)| format!("{n} {}{unit}", fmt(*v, decimals)))
        .collect();
    format!("{title}，从高到低：{}。", list.join("，"))
}
