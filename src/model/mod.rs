//! Validated, typed records: the site configuration, districts, merged institutions,
//! Markdown pages and the figures derived from them. Pure: no I/O.
//!
//! [`settings`] reads site.yaml and districts.yaml, [`record::read_doc`] the records of one
//! file, [`assemble`] merges them into a [`Site`]; every content problem is reported.

pub mod age_class;
pub mod config;
pub mod contract;
pub mod enums;
pub mod fields;
pub mod freshness;
pub mod merge;
pub mod page;
pub mod record;
pub mod spec;
pub mod stats;
pub mod values;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use age_class::AgeClass;
pub use config::{District, OfficialTotals, SiteConfig};
pub use contract::MonthOrDate;
pub use enums::{Form, InspectionKind, Kind, Level, Ownership, Profit, Service, SiteModel, Status};
pub use page::Page;
pub use stats::{Coverage, Stats, Totals};

use crate::diagnostics::Diagnostic;
use crate::load::{Doc, PageSource};
pub use record::FileRecords;

/// Everything the renderer needs, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: SiteConfig,
    pub districts: Vec<District>,
    /// Sorted by district (in districts.yaml order), street, name, id.
    pub institutions: Vec<Institution>,
    pub pages: Vec<Page>,
    pub stats: Stats,
}

/// 收托月龄.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ages {
    pub min_months: u8,
    pub max_months: u8,
}

/// GCJ-02 coordinates as Chinese map apps give them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub lat: f64,
    pub lng: f64,
}

/// Where a fact was published. A source written as a bare URL has no title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<MonthOrDate>,
}

/// 空余托位: free places on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vacancies {
    pub places: u32,
    #[serde(serialize_with = "contract::date_text")]
    pub as_of: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    #[serde(serialize_with = "contract::date_text")]
    pub date: Date,
    pub kind: InspectionKind,
    pub result: Option<String>,
}

/// 备案 details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filing {
    #[serde(serialize_with = "contract::date_text")]
    pub filed_on: Date,
    pub filing_number: Option<String>,
    /// 统一社会信用代码, checked for its format.
    pub credit_code: Option<String>,
    pub operator: Option<String>,
    pub profit: Option<Profit>,
    pub form: Option<Form>,
    /// 普惠: `None` when the records do not say (unknown is not no).
    pub inclusive: Option<bool>,
    pub status: Status,
    pub inspections: Vec<Inspection>,
}

/// 示范 details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Demonstration {
    pub level: Level,
    pub year: i32,
    pub batch: Option<String>,
}

/// 托育点 details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareSite {
    pub community: Option<String>,
    pub model: Option<SiteModel>,
    pub funders: Vec<String>,
    pub eligibility: Option<String>,
    pub enrolled: Option<u32>,
}

/// The file and line a listing came from, for "source of every record".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub kind: Kind,
    pub file: String,
    pub line: u32,
}

/// One institution: every listing that shares its id, merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Institution {
    pub id: String,
    pub name: String,
    /// Other names (曾用名, short names): shown as 又名 and searchable.
    pub aliases: Vec<String>,
    /// Index into [`Site::districts`]; internal, so never exported.
    #[serde(skip)]
    pub district: usize,
    pub street: Option<String>,
    pub address: Option<String>,
    pub ownership: Option<Ownership>,
    pub capacity: Option<u32>,
    pub vacancies: Option<Vacancies>,
    pub ages: Option<Ages>,
    pub services: Vec<Service>,
    /// Other services in the institution's own words.
    pub programs: Vec<String>,
    pub fee: Option<String>,
    /// 元 per month of full-day care; 0 = free.
    pub monthly_fee: Option<u32>,
    pub phone: Option<String>,
    pub hours: Option<String>,
    pub location: Option<Location>,
    pub website: Option<String>,
    /// Markdown, rendered and sanitised by `render`.
    pub description: Option<String>,
    pub updated: Option<MonthOrDate>,
    pub sources: Vec<SourceRef>,
    pub filed: Option<Filing>,
    /// Boxed, as the care-site details: most institutions have neither, and inline they
    /// cost ~120 bytes each (~120 MB at a million).
    pub demonstration: Option<Box<Demonstration>>,
    /// Exported as `site`, the open data's name for the 托育点 listing.
    #[serde(rename = "site")]
    pub care_site: Option<Box<CareSite>>,
    pub origins: Vec<Origin>,
    /// The hash of this institution's binary form as the parsed-record cache read it, for
    /// as long as the institution is exactly as read (whatever changes it after reading
    /// clears this); see [`ReadForm`].
    #[serde(skip)]
    pub read_form: ReadForm,
}

/// The xxh3-128 hash of an institution's postcard form, when it was read from that form
/// and not changed since (`cache::parsed` sets it; a merge or a history date clears it):
/// the build's input fingerprints then hash this instead of serialising the institution
/// again (~0.2 s of CPU at every rebuild of 100,000 records). Not part of the record: it
/// never compares, and shows as `ReadForm` only.
///
/// Held as bytes: a `u128` would give every institution its 16-byte alignment (560 bytes
/// where 544 do), and 100,000 of them are in fresh memory at every build.
#[derive(Clone, Copy, Default)]
pub struct ReadForm(Option<[u8; 16]>);

impl ReadForm {
    /// The form's hash, as read.
    pub fn read(hash: u128) -> Self {
        ReadForm(Some(hash.to_le_bytes()))
    }

    /// Not (or no longer) the form read.
    pub fn none() -> Self {
        ReadForm(None)
    }

    pub fn hash(&self) -> Option<u128> {
        self.0.map(u128::from_le_bytes)
    }
}

impl PartialEq for ReadForm {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for ReadForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadForm")
    }
}

impl Institution {
    /// 免费: the fee says so.
    pub fn is_free(&self) -> bool {
        self.fee.as_deref() == Some("免费")
    }
    /// 普惠, as stated on the filing (false when unknown: use [`Self::inclusive`] to
    /// tell unknown from no).
    pub fn is_inclusive(&self) -> bool {
        self.inclusive() == Some(true)
    }
    /// 普惠: yes, no, or `None` when the records do not say.
    pub fn inclusive(&self) -> Option<bool> {
        self.filed.as_ref().and_then(|f| f.inclusive)
    }
    /// 注销: listed with its page, but never called and never counted as operating.
    pub fn is_cancelled(&self) -> bool {
        self.status() == Some(Status::Closed)
    }
    pub fn status(&self) -> Option<Status> {
        self.filed.as_ref().map(|f| f.status)
    }
    pub fn has_kind(&self, kind: Kind) -> bool {
        match kind {
            Kind::Filed => self.filed.is_some(),
            Kind::Demonstration => self.demonstration.is_some(),
            Kind::CareSite => self.care_site.is_some(),
        }
    }
    /// Closed (注销) or suspended (暂停) institutions are listed but not counted as places.
    pub fn is_operating(&self) -> bool {
        self.filed.as_ref().is_none_or(|f| f.status == Status::Open)
    }
}

/// The site settings and districts, read first because every record is checked
/// against the districts.
pub struct Settings {
    pub config: Option<SiteConfig>,
    pub districts: Option<Vec<District>>,
}

/// Read `site.yaml` and `districts.yaml` (either may be missing: that is an error).
pub fn settings(
    site: Option<&Doc>,
    districts: Option<&Doc>,
    root_label: &str,
    diags: &mut Vec<Diagnostic>,
) -> Settings {
    Settings {
        config: config::site_config(site, root_label, diags),
        districts: config::districts(districts, root_label, diags),
    }
}

/// Merge the records of all files, check pages, derive statistics. Returns `None` when
/// any error was found; the diagnostics list every problem either way.
pub fn assemble(
    settings: Settings,
    files: Vec<(String, FileRecords)>,
    pages: &[PageSource],
    diags: &mut Vec<Diagnostic>,
) -> Option<Site> {
    let records = record::drop_duplicates(files, diags);
    let institutions = merge::merge(records, &settings.districts, diags);
    let pages = page::read_all(pages, diags);
    if diags
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error)
    {
        return None;
    }
    let (config, districts) = (settings.config?, settings.districts?);
    let mut stats = stats::compute(&districts, &institutions);
    stats.coverage = stats::coverage(config.official_totals.as_ref(), &stats.city);
    stats.data_date = freshness::data_date(&config, &institutions);
    Some(Site {
        config,
        districts,
        institutions,
        pages,
        stats,
    })
}
