//! schema.org `ChildCare` JSON-LD for institution pages.

use serde::Serialize;

use crate::model::{Institution, Site};

/// The block's fields, in the order of their names (as a `serde_json::Value` map printed
/// them before: a struct serialises straight to text, without building a tree of maps).
#[derive(Serialize)]
struct ChildCare<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    address: Address<'a>,
    #[serde(rename = "alternateName", skip_serializing_if = "Option::is_none")]
    alternate_name: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audience: Option<Audience>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
    name: &'a str,
    #[serde(rename = "priceRange", skip_serializing_if = "Option::is_none")]
    price_range: Option<&'a str>,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    url: &'a str,
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressCountry")]
    country: &'static str,
    #[serde(rename = "addressLocality")]
    locality: &'a str,
    #[serde(rename = "addressRegion")]
    region: &'a str,
    #[serde(rename = "streetAddress", skip_serializing_if = "Option::is_none")]
    street: Option<&'a str>,
}

#[derive(Serialize)]
struct Audience {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "suggestedMaxAge")]
    max_age: f64,
    #[serde(rename = "suggestedMinAge")]
    min_age: f64,
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

/// The JSON-LD block, safe to print inside `<script type="application/ld+json">`:
/// `<`, `>` and `&` are written as `\u003c` etc., so `</script>` in a name cannot end it.
pub fn childcare(site: &Site, i: &Institution, path: &str) -> String {
    let district = &site.districts[i.district];
    let url = format!("{}{}", site.config.base_url, path);
    let v = ChildCare {
        context: "https://schema.org",
        id: &url,
        kind: "ChildCare",
        address: Address {
            kind: "PostalAddress",
            country: "CN",
            locality: &site.config.city,
            region: &district.name,
            street: i.address.as_deref(),
        },
        alternate_name: (!i.aliases.is_empty()).then_some(&i.aliases[..]),
        audience: i.ages.map(|a| Audience {
            kind: "PeopleAudience",
            max_age: f64::from(a.max_months) / 12.0,
            min_age: f64::from(a.min_months) / 12.0,
        }),
        geo: i.location.map(|l| Geo {
            kind: "GeoCoordinates",
            latitude: l.lat,
            longitude: l.lng,
        }),
        name: &i.name,
        price_range: i.fee.as_deref(),
        same_as: i.website.as_deref(),
        // A cancelled institution takes no calls: no number for search engines to show.
        telephone: i.phone.as_deref().filter(|_| !i.is_cancelled()),
        url: &url,
    };
    // Serialising plain strings and numbers cannot fail.
    escape_for_script(&serde_json::to_string(&v).unwrap_or_default())
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
    use serde_json::json;

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
