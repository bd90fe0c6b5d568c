//! The search index's wire format, defined once: the facets (filters on a yes/no property,
//! with their bits, badges and query words), the status bits, the fields of a result card,
//! page and chunk sizes. [`meta_format`] writes all of it into the meta file, and search.js
//! reads names from there instead of positions and bit numbers, so that a new facet is one
//! entry of [`FACETS`] (plus its label in the filter form) and nothing in the client.

use serde_json::{Map, Value, json};

use crate::model::enums::{Service, ZhEnum};
use crate::model::{Institution, Level, Status};

/// Version of the format, `v` in meta.
pub const VERSION: u32 = 5;
/// Results on a page (the first page, and each "显示更多").
pub const PAGE: usize = 20;
/// Documents per doc chunk, up to [`DOC_FILES`] chunks; more documents make chunks of a
/// multiple of this ([`doc_size`]).
pub const DOC_CHUNK: usize = 256;
/// Doc chunks at most (before districts start new ones): with the term shards' 1,500 and
/// the few facet and street files, the index stays under its budget of 2,000 files at any
/// size (docs/search-index.md).
pub const DOC_FILES: usize = 400;

/// Documents per doc chunk for `n` documents: [`DOC_CHUNK`] up to 102,400 documents, then
/// the smallest multiple of it that keeps the chunks at most [`DOC_FILES`] (`docSize` in
/// meta: the browser reads it from there).
pub fn doc_size(n: usize) -> usize {
    DOC_CHUNK * n.div_ceil(DOC_CHUNK * DOC_FILES).max(1)
}

/// A yes/no filter: a bit in a card's `facets` and a facet file of the documents having it.
pub struct Facet {
    /// Its name in meta, the filter form (a `kind` choice or a checkbox of that name) and the
    /// badge's CSS class.
    pub name: &'static str,
    /// The badge text on a result card.
    pub label: &'static str,
    /// Query words that set this filter (`普惠 城阳`).
    pub words: &'static [&'static str],
    pub has: fn(&Institution) -> bool,
}

/// The facets, bit 0 first. Order is the order of their badges, and bits are positions, so
/// a new facet goes at the end.
pub const FACETS: &[Facet] = &[
    Facet {
        name: "filed",
        label: "已备案",
        words: &["备案", "已备案"],
        has: |i| i.filed.is_some(),
    },
    Facet {
        name: "demonstration",
        label: "示范",
        words: &["示范"],
        has: |i| i.demonstration.is_some(),
    },
    Facet {
        name: "site",
        label: "托育点",
        words: &["托育点"],
        has: |i| i.care_site.is_some(),
    },
    Facet {
        name: "inclusive",
        label: "普惠",
        words: &["普惠"],
        has: Institution::is_inclusive,
    },
    Facet {
        name: "free",
        label: "免费",
        words: &["免费"],
        has: Institution::is_free,
    },
];

/// 宝宝多大: the age classes of the national standard, each a filter of the institutions
/// that run it by [`crate::model::AgeClass::of`] (the badges' definition; unknown ages
/// count as every class). Here only the filter's name in URLs and its words are added.
pub struct AgeChoice {
    pub class: crate::model::AgeClass,
    pub name: &'static str,
    pub label: &'static str,
}

impl AgeChoice {
    /// The class's months, both included (the last class includes 36).
    pub fn months(&self) -> (u8, u8) {
        let (lo, hi) = self.class.months();
        (lo, if hi == 36 { 36 } else { hi - 1 })
    }
}

pub const AGE_CLASSES: &[AgeChoice] = &[
    AgeChoice {
        class: crate::model::AgeClass::Infant,
        name: "infant",
        label: "不满1岁",
    },
    AgeChoice {
        class: crate::model::AgeClass::Toddler,
        name: "toddler",
        label: "1–2岁",
    },
    AgeChoice {
        class: crate::model::AgeClass::Older,
        name: "older",
        label: "2–3岁",
    },
];

/// Fee choices beyond 免费 (a facet): at most this many yuan a month (`monthly_fee`;
/// free ones included, unknown fees not).
pub const FEE_LIMITS: &[u32] = &[1000, 2000, 3000];

/// Query words for the filters that are not facets: 有空位 → places free now.
pub const FILTER_WORDS: &[(&str, &str)] = &[
    ("有空位", "vacancies"),
    ("有空余托位", "vacancies"),
    ("有托位", "vacancies"),
    ("有空余", "vacancies"),
];

/// The facet whose badge names the card's demonstration level and year (市级示范 2021).
const LEVELLED_FACET: &str = "demonstration";

/// A filing status shown as a badge; a bit in a card's `status` (its own field, so that
/// facets can grow without ever reading as a status).
pub struct StatusFlag {
    pub name: &'static str,
    pub label: &'static str,
    pub status: Status,
}

pub const STATUSES: &[StatusFlag] = &[
    StatusFlag {
        name: "suspended",
        label: "暂停服务",
        status: Status::Suspended,
    },
    StatusFlag {
        name: "closed",
        label: "已注销",
        status: Status::Closed,
    },
];

/// Status badges follow this facet's badge (a status is the filing's).
const STATUS_AFTER: &str = "filed";

/// The fields of a term's entry in a term shard (an array): its name postings, then its
/// other-field postings.
pub const TERM: [&str; 2] = ["name", "other"];

/// A term's entry in a term shard, as JSON: the postings strings in [`TERM`] order.
pub fn term_entry(name: &str, other: &str) -> String {
    format!("[\"{name}\",\"{other}\"]")
}

/// One field of a result card: its name in meta `card.fields`, and what writes its value's
/// JSON. Written straight into the file's bytes, not made as `serde_json::Value`s first: a
/// million records' term shards carry tens of millions of cards, and building each as
/// values was a fifth of the search index's CPU there.
type CardField = (&'static str, fn(&Institution, &mut Vec<u8>));

/// `value`'s JSON appended to `out` (writing into a Vec cannot fail, and these values
/// always serialise).
fn put<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(out, value);
}

/// The fields of a result card, in the order a card (a JSON array) holds them. `null`
/// where unknown.
pub const CARD: &[CardField] = &[
    ("id", |i, o| put(o, &i.id)),
    ("name", |i, o| put(o, &i.name)),
    // Index into meta `districts`.
    ("district", |i, o| put(o, &i.district)),
    ("street", |i, o| put(o, &i.street)),
    ("address", |i, o| put(o, &i.address)),
    // A cancelled (注销) institution is not to be called: no number, as on its page.
    ("phone", |i, o| {
        put(o, &i.phone.as_ref().filter(|_| !i.is_cancelled()))
    }),
    // The ready `tel:` URL.
    ("tel", |i, o| {
        let phone = i.phone.as_deref().filter(|_| !i.is_cancelled());
        put(o, &phone.and_then(crate::render::urls::tel))
    }),
    // Bit set over meta `services`.
    ("services", |i, o| put(o, &services_bits(i))),
    ("ageMin", |i, o| put(o, &i.ages.map(|a| a.min_months))),
    ("ageMax", |i, o| put(o, &i.ages.map(|a| a.max_months))),
    ("capacity", |i, o| put(o, &i.capacity)),
    // Bit set over meta `facets`.
    ("facets", |i, o| put(o, &facet_bits(i))),
    // Bit set over meta `status`.
    ("status", |i, o| put(o, &status_bits(i))),
    // Index into meta `card.levels` (0: not a demonstration institution).
    ("level", |i, o| put(o, &level_code(i))),
    ("year", |i, o| {
        put(o, &i.demonstration.as_ref().map(|d| d.year))
    }),
    ("fee", |i, o| put(o, &i.fee)),
    // 空余托位 (places; the date shows on the institution's page).
    ("vacancies", |i, o| {
        put(o, &i.vacancies.as_ref().map(|v| v.places))
    }),
    // Yuan per month, 0 = free: for the fee sort.
    ("monthlyFee", |i, o| put(o, &i.monthly_fee)),
    // GCJ-02, 5 decimals (about a metre): for the 离我最近 sort.
    ("lat", |i, o| {
        put(o, &i.location.as_ref().map(|l| round5(l.lat)))
    }),
    ("lng", |i, o| {
        put(o, &i.location.as_ref().map(|l| round5(l.lng)))
    }),
    // The other searchable fields (aliases, operator, community, funders, programs),
    // joined by `|`, so that the client checks a long query run against the field it
    // matched. (Name, address and street are fields of their own.)
    ("text", |i, o| put(o, &other_text(i))),
];

/// Card fields that change often (a capacity or vacancy update): term shards carry cards
/// without them (null), so that editing one leaves every shard as it is and changes the
/// record's doc chunk only (docs/search-index.md, "File names"); the client fills them
/// in from the doc chunk.
pub const VOLATILE: &[&str] = &["capacity", "vacancies"];

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn other_text(i: &Institution) -> Option<String> {
    let operator = i.filed.as_ref().and_then(|f| f.operator.as_ref());
    let site = i.care_site.as_ref();
    let parts: Vec<&str> = i
        .aliases
        .iter()
        .chain(operator)
        .chain(
            site.into_iter()
                .flat_map(|s| s.community.iter().chain(&s.funders)),
        )
        .chain(&i.programs)
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join("|"))
}

/// A document's result card (as in its doc chunk), its JSON appended to `out`.
pub fn push_card(out: &mut Vec<u8>, i: &Institution) {
    push_fields(out, i, |_| false);
}

/// A document's result card as a JSON value (for tests and tools: the build writes the
/// bytes, [`push_card`]).
pub fn card(i: &Institution) -> Value {
    let mut out = Vec::new();
    push_card(&mut out, i);
    serde_json::from_slice(&out).unwrap_or(Value::Null)
}

/// A document's card as term shards carry it, appended to `out`: the [`VOLATILE`] fields
/// null.
pub fn push_lite_card(out: &mut Vec<u8>, i: &Institution) {
    push_fields(out, i, |name| VOLATILE.contains(&name));
}

fn push_fields(out: &mut Vec<u8>, i: &Institution, null: impl Fn(&str) -> bool) {
    out.push(b'[');
    for (k, (name, write)) in CARD.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        match null(name) {
            true => out.extend_from_slice(b"null"),
            false => write(i, out),
        }
    }
    out.push(b']');
}

pub fn facet_bits(i: &Institution) -> u32 {
    FACETS
        .iter()
        .enumerate()
        .map(|(bit, f)| u32::from((f.has)(i)) << bit)
        .sum()
}

pub fn status_bits(i: &Institution) -> u32 {
    let status = i.filed.as_ref().map(|f| f.status);
    STATUSES
        .iter()
        .enumerate()
        .map(|(bit, s)| u32::from(status == Some(s.status)) << bit)
        .sum()
}

fn services_bits(i: &Institution) -> u32 {
    Service::ALL
        .iter()
        .enumerate()
        .filter(|(_, s)| i.services.contains(s))
        .map(|(bit, _)| 1 << bit)
        .sum()
}

/// 0 none, else 1 + the level's place in [`Level::ALL`] (省级, 市级).
fn level_code(i: &Institution) -> usize {
    i.demonstration
        .as_ref()
        .and_then(|d| Level::ALL.iter().position(|l| *l == d.level))
        .map_or(0, |p| p + 1)
}

/// Badge names in the order cards show them: facets in order, the statuses after theirs.
fn badge_order() -> Vec<&'static str> {
    let mut out = Vec::new();
    for f in FACETS {
        out.push(f.name);
        if f.name == STATUS_AFTER {
            out.extend(STATUSES.iter().map(|s| s.name));
        }
    }
    out
}

/// The format part of meta: everything the client needs to read cards, filters and pages.
pub fn meta_format(doc_size: usize) -> Map<String, Value> {
    let bits = |names: &mut dyn Iterator<Item = &'static str>| -> Map<String, Value> {
        names
            .enumerate()
            .map(|(bit, name)| (name.to_string(), json!(bit)))
            .collect()
    };
    let labels: Map<String, Value> = FACETS
        .iter()
        .map(|f| (f.name, f.label))
        .chain(STATUSES.iter().map(|s| (s.name, s.label)))
        .map(|(n, l)| (n.to_string(), json!(l)))
        .collect();
    let words: Map<String, Value> = FACETS
        .iter()
        .flat_map(|f| f.words.iter().map(|w| (w.to_string(), json!(f.name))))
        .collect();
    let levels: Vec<&str> = std::iter::once("")
        .chain(Level::ALL.iter().map(|l| l.as_str()))
        .collect();
    let mut out = Map::new();
    out.insert("v".into(), json!(VERSION));
    out.insert("page".into(), json!(PAGE));
    out.insert("docSize".into(), json!(doc_size));
    out.insert(
        "card".into(),
        json!({
            "fields": CARD.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            "levels": levels,
            "levelled": LEVELLED_FACET,
            "volatile": VOLATILE,
        }),
    );
    out.insert("term".into(), json!({ "fields": TERM }));
    let classes: Vec<Value> = AGE_CLASSES
        .iter()
        .map(|c| {
            let (min, max) = c.months();
            json!({"name": c.name, "label": c.label, "min": min, "max": max})
        })
        .collect();
    out.insert("ageClasses".into(), classes.into());
    out.insert("feeLimits".into(), json!(FEE_LIMITS));
    let filter_words: Map<String, Value> = FILTER_WORDS
        .iter()
        .map(|(w, f)| (w.to_string(), json!(f)))
        .collect();
    out.insert("filterWords".into(), filter_words.into());
    out.insert(
        "facets".into(),
        bits(&mut FACETS.iter().map(|f| f.name)).into(),
    );
    out.insert(
        "status".into(),
        bits(&mut STATUSES.iter().map(|s| s.name)).into(),
    );
    out.insert("labels".into(), labels.into());
    out.insert("badges".into(), json!(badge_order()));
    out.insert("words".into(), words.into());
    out.insert(
        "services".into(),
        json!(Service::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_fit_their_fields() {
        let mut names: Vec<&str> = FACETS.iter().map(|f| f.name).collect();
        names.extend(STATUSES.iter().map(|s| s.name));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a badge name means one thing");
        assert!(FACETS.len() <= 31 && STATUSES.len() <= 31);
        assert!(FACETS.iter().any(|f| f.name == STATUS_AFTER));
        assert!(FACETS.iter().any(|f| f.name == LEVELLED_FACET));
    }

    #[test]
    fn doc_chunks_grow_only_past_the_file_budget() {
        assert_eq!(doc_size(0), DOC_CHUNK);
        assert_eq!(doc_size(DOC_CHUNK * DOC_FILES), DOC_CHUNK);
        assert_eq!(doc_size(DOC_CHUNK * DOC_FILES + 1), 2 * DOC_CHUNK);
        assert_eq!(doc_size(1_000_000), 10 * DOC_CHUNK);
        for n in [1usize, 99_999, 250_000, 1_000_000, 5_000_000] {
            assert!(n.div_ceil(doc_size(n)) <= DOC_FILES, "{n} documents");
        }
        assert_eq!(meta_format(doc_size(1_000_000))["docSize"], 2560);
    }

    #[test]
    fn meta_names_the_card_fields_in_card_order() {
        let m = meta_format(DOC_CHUNK);
        let fields = m["card"]["fields"].as_array().map(Vec::len);
        assert_eq!(fields, Some(CARD.len()));
        assert_eq!(m["card"]["fields"][11], "facets");
        assert_eq!(m["facets"]["inclusive"], 3);
        assert_eq!(m["status"]["closed"], 1);
        assert_eq!(m["words"]["已备案"], "filed");
        assert_eq!(
            m["badges"],
            json!([
                "filed",
                "suspended",
                "closed",
                "demonstration",
                "site",
                "inclusive",
                "free"
            ])
        );
    }
}
