//! schema.org `ChildCare` JSON-LD for institution pages.

use serde_json::json;

use crate::model::{Institution, Site};

/// The JSON-LD block, safe to print inside `<script type="application/ld+json">`:
/// `<`, `>` and `&` are written as `\u003c` etc., so `</script>` in a name cannot end it.
pub fn childcare(site: &Site, i: &Institution, path: &str) -> String {
    let district = &site.districts[i.district];
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "ChildCare",
        "@id": format!("{}{}", site.config.base_url, path),
        "url": format!("{}{}", site.config.base_url, path),
        "name": i.name,
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressLocality": site.config.city,
            "addressRegion": district.name,
        },
    });
    if let Some(a) = &i.address {
        v["address"]["streetAddress"] = a.clone().into();
    }
    // A cancelled institution takes no calls: no number for search engines to show.
    if let Some(p) = i.phone.as_ref().filter(|_| !i.is_cancelled()) {
        v["telephone"] = p.clone().into();
    }
    if !i.aliases.is_empty() {
        v["alternateName"] = i.aliases.clone().into();
    }
    if let Some(w) = &i.website {
        v["sameAs"] = w.clone().into();
    }
    if let Some(l) = i.location {
        v["geo"] = json!({"@type": "GeoCoordinates", "latitude": l.lat, "longitude": l.lng});
    }
    if let Some(f) = &i.fee {
        v["priceRange"] = f.clone().into();
    }
    if let Some(a) = i.ages {
        v["audience"] = json!({"@type": "PeopleAudience", "suggestedMinAge": f64::from(a.min_months) / 12.0, "suggestedMaxAge": f64::from(a.max_months) / 12.0});
    }
    escape_for_script(&v.to_string())
}

pub fn escape_for_script(json: &str) -> String {
    // One pass copying the runs between the three bytes, found with SIMD (the search index
    // sends megabytes through here; three `replace` passes copied everything three times).
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    let mut from = 0;
    for at in memchr::memchr3_iter(b'<', b'>', b'&', json.as_bytes()) {
        out.push_str(&json[from..at]);
        out.push_str(match json.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        from = at + 1;
    }
    out.push_str(&json[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_tag_cannot_escape() {
        let s =
            escape_for_script(&json!({"name": "</script><script>alert(1)</script>"}).to_string());
        assert!(!s.contains("</script"));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn escapes_exactly_the_three_bytes() {
        assert_eq!(
            escape_for_script("<a>&托育<<&>x"),
            "\\u003ca\\u003e\\u0026托育\\u003c\\u003c\\u0026\\u003ex"
        );
        assert_eq!(escape_for_script("市南区"), "市南区");
        assert_eq!(escape_for_script(""), "");
    }
}
