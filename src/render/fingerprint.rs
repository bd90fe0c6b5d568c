//! What an output file depends on, as one hash, so that a rebuild can skip the pages whose
//! inputs did not change (see `crate::cache`), and every job's output path without
//! rendering it (the preview renders files only when asked for).
//!
//! Institution pages, district and list pages and compare.html's data files get an input
//! fingerprint ([`Renderer::job_fingerprint`]): they are nearly all of a large site's
//! files, and each reads a known part of the model. Every other file is rendered at every
//! build; its bytes are compared instead.

use std::io::Write;

use xxhash_rust::xxh3::Xxh3;

use super::{Job, Renderer, Theme};
use crate::model::{Institution, Site};

/// A 128-bit hash of a file's bytes or of a page's inputs.
pub type Fingerprint = u128;

/// A hasher that serde and `write!` can write into: XXH3 with 128 bits, seeded. Every
/// page's bytes go through it at every build (~10 kB each, a gigabyte at 100,000 pages),
/// so it must be fast: XXH3 hashes tens of bytes per cycle where SipHash took about one
/// byte per cycle. Collisions between two versions of a page are out of reach by
/// accident; the fingerprints guard against stale output, not against an attacker (who
/// edits the content anyway).
#[derive(Clone)]
pub struct Hasher(Xxh3);

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

/// The seed: "tuoyu v2" (a cache of SipHash fingerprints from older builds matches none).
const SEED: u64 = 0x7475_6f79_7520_7632;

impl Hasher {
    pub fn new() -> Self {
        Hasher(Xxh3::with_seed(SEED))
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    /// Add a value by its JSON form (every model type is `Serialize`). A value that does
    /// not serialise still changes the hash, so a failure can never look unchanged.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        if serde_json::to_writer(&mut *self, value).is_err() {
            self.0.update(b"unserialisable");
            self.0.update(&std::process::id().to_le_bytes());
        }
        self.0.update(&[0xff]);
        self
    }

    /// Add a value by its `Debug` form: every field, also those serde skips (an
    /// institution's district index is one).
    pub fn debug<T: std::fmt::Debug + ?Sized>(&mut self, value: &T) -> &mut Self {
        // Formatted into a buffer and hashed at once: `Debug` writes many tiny pieces.
        use std::fmt::Write as _;
        let mut text = String::with_capacity(1024);
        let _ = write!(text, "{value:?}");
        self.0.update(text.as_bytes());
        self.0.update(&[0xff]);
        self
    }

    /// Add a fingerprint by its 16 bytes (formatting a `u128` in decimal, as `debug`
    /// would, cost more than hashing it).
    pub fn hash(&mut self, f: Fingerprint) -> &mut Self {
        self.0.update(&f.to_le_bytes());
        self
    }

    pub fn finish(&self) -> Fingerprint {
        self.0.digest128()
    }
}

impl Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The hash of a file's bytes, in one call (the streaming [`Hasher`] copies the bytes
/// through its buffer first). Only ever compared with another `of_bytes`.
pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
    xxhash_rust::xxh3::xxh3_128_with_seed(bytes, SEED)
}

impl Renderer<'_> {
    /// What every institution page shares: the theme (templates and assets), whether it is
    /// minified, the site's settings, districts and Markdown pages (the menu), and whether
    /// the git history is known.
    ///
    /// The geo index's name is fixed ([`super::geo::INDEX`]): no page depends on the
    /// index's content. The district figures (`districts_menu`) change with every record
    /// edit, and the search index's name (`search_meta`) is hashed too. They go in only
    /// when an institution page can show them: `search_meta` when a template the page can
    /// reach names it; the figures when one names `districts_menu`, except in the built-in
    /// theme, whose base template shows them on every page but institution pages. (A theme
    /// that shows them there gets every page rendered again after a record edit, as it
    /// must.)
    pub fn fingerprint_base(&self, minify: bool) -> Fingerprint {
        let mut h = Hasher::new();
        h.bytes(b"tuoyu institution page v2").json(&minify);
        theme_hash(&mut h, self.theme);
        h.debug(&self.site.config)
            .debug(&self.site.districts)
            .debug(&self.site.pages)
            .debug(&self.history.is_some());
        let reach = institution_templates(self.theme);
        let names = |var: &str| reach.iter().any(|t| t.contains(var));
        if names("search_meta") {
            h.debug(&self.search.meta_path);
        }
        if names("districts_menu") && self.theme.templates != Theme::builtin().templates {
            h.debug(&self.site.stats);
        }
        h.finish()
    }

    /// The output path of any job, without rendering it.
    pub fn job_path(&self, job: &Job) -> Option<String> {
        if let Some(p) = job.data_path() {
            return Some(p.to_string());
        }
        if let Some(p) = job.page_path(self.site) {
            return Some(p);
        }
        Some(match job {
            Job::Sitemap(0) => "sitemap.xml".into(),
            Job::Sitemap(part) => format!("sitemap-{part}.xml"),
            Job::Robots => "robots.txt".into(),
            Job::Feed => "feed.xml".into(),
            Job::DataPackage => "data/datapackage.json".into(),
            Job::Static(i) => self.theme.static_files.get(*i)?.0.clone(),
            Job::SearchIndex(i) => self.search.files.get(*i)?.0.clone(),
            Job::GeoIndex(i) => self.geo.files.get(*i)?.0.clone(),
            Job::CompareData(k) => super::compare::chunk_path(*k),
            // Named above by `data_path` or `page_path`. Listed, not `_`, so that a new
            // kind of job cannot go without a path (an incremental build needs every one).
            Job::Json | Job::Csv | Job::Xlsx => return None,
            Job::Home | Job::Search | Job::Stats | Job::NotFound | Job::Compare => return None,
            Job::District { .. } | Job::List { .. } | Job::Page(_) => return None,
            Job::Institution(_) | Job::Changes(_) => return None,
        })
    }
}

/// What the input fingerprints of one build share, computed once: the bases of
/// institution pages ([`Renderer::fingerprint_base`]) and of listing pages, and each
/// institution's own hash (every field, see [`record`]), which the pages listing it reuse
/// instead of hashing it again.
pub struct Inputs {
    institution_base: Fingerprint,
    listing_base: Fingerprint,
    institutions: Vec<Fingerprint>,
    /// Per district: its figures and the street of each of its entries, in order (what
    /// the street index on every one of its pages shows).
    districts: Vec<Fingerprint>,
}

impl Inputs {
    /// Institution `i`'s hash (every field, see [`record`]).
    pub fn institution(&self, i: usize) -> Option<Fingerprint> {
        self.institutions.get(i).copied()
    }

    /// Every institution's hash, by institution index.
    pub fn institutions(&self) -> &[Fingerprint] {
        &self.institutions
    }
}

impl Renderer<'_> {
    /// See [`Inputs`]; `institutions` are [`institution_hashes`] (made apart, so that a
    /// build can make them beside the templates' compilation).
    pub fn fingerprint_inputs(&self, minify: bool, institutions: Vec<Fingerprint>) -> Inputs {
        Inputs {
            institution_base: self.fingerprint_base(minify),
            listing_base: self.listing_base(minify),
            institutions,
            districts: (0..self.site.districts.len())
                .map(|d| {
                    let mut h = Hasher::new();
                    h.debug(&self.site.stats.districts.get(d));
                    // JSON, not `Debug`, for the Chinese text (see [`record`]).
                    for i in self.district_ids(d) {
                        h.json(&self.site.institutions[*i].street);
                    }
                    h.finish()
                })
                .collect(),
        }
    }

    /// What district pages, list pages and compare.html's data files share: what every
    /// page shows (theme, settings, districts, menu), the date vacancies are judged by, and
    /// each district's count (the district filter). The built-in theme shows no other
    /// figure of the district menu on these pages; another theme may, so with one the
    /// whole statistics go in.
    fn listing_base(&self, minify: bool) -> Fingerprint {
        let mut h = Hasher::new();
        h.bytes(b"tuoyu listing page v1").json(&minify);
        theme_hash(&mut h, self.theme);
        h.debug(&self.site.config)
            .debug(&self.site.districts)
            .debug(&self.site.pages)
            .debug(&self.history.is_some())
            .debug(&self.search.meta_path)
            .debug(&self.site.stats.data_date);
        for t in &self.site.stats.districts {
            h.debug(&t.listed());
        }
        if self.theme.templates != Theme::builtin().templates {
            h.debug(&self.site.stats);
        }
        h.finish()
    }

    /// The hash of everything `job`'s bytes depend on (see [`Inputs`]); `None` for a file
    /// that is rendered at every build. Institution pages, district and list pages and
    /// compare.html's data files have one.
    pub fn job_fingerprint(&self, inputs: &Inputs, job: &Job) -> Option<Fingerprint> {
        let inst = |i: &usize| inputs.institutions.get(*i).copied();
        let mut h = Hasher::new();
        match job {
            Job::Institution(i) => {
                h.hash(inputs.institution_base).hash(inst(i)?);
                self.history_of(&mut h, self.site.institutions.get(*i)?);
            }
            Job::District { index, page } => {
                let ids = self.district_ids(*index);
                h.hash(inputs.listing_base).debug(&job);
                h.hash(*inputs.districts.get(*index)?);
                for i in page_slice(ids, *page) {
                    h.hash(inst(i)?);
                }
            }
            Job::List { kind, page } => {
                let ids = self.kind_ids(*kind);
                h.hash(inputs.listing_base).debug(&job).debug(&ids.len());
                for i in page_slice(ids, *page) {
                    h.hash(inst(i)?);
                }
            }
            Job::CompareData(k) => {
                h.hash(inputs.listing_base).debug(&job);
                for i in self.compare_chunks.get(*k)? {
                    // The entry points to its search card by document number, which
                    // shifts when records before it come or go.
                    h.hash(inst(i)?).debug(&self.doc_numbers.get(*i));
                }
            }
            Job::Changes(page) => {
                // A page of changes.html shows its slice of the history and its links
                // (the total on changes.html only), in the frame every listing page has.
                let history = self.history?;
                h.hash(inputs.listing_base)
                    .debug(&job)
                    .debug(&super::changes::page_frame(history, *page));
                for c in super::changes::page_slice(history, *page) {
                    self.change(&mut h, c);
                }
            }
            _ => return None,
        }
        Some(h.finish())
    }

    fn history_of(&self, h: &mut Hasher, inst: &Institution) {
        if let Some(history) = self.history {
            for c in history.of(&inst.id) {
                self.change(h, c);
            }
            h.bytes(b"end of history");
        }
    }

    /// A change as a page shows it ([`super::changes::view`]): its own fields, and whether
    /// its institution still has a page (the link). Hashed field by field: the views as
    /// JSON cost ~0.2 s of CPU per build at 100,000 records.
    fn change(&self, h: &mut Hasher, c: &crate::history::Change) {
        h.bytes(c.date.as_bytes())
            .bytes(c.time.as_bytes())
            .bytes(c.commit.as_bytes())
            .bytes(c.folder.as_bytes())
            .bytes(c.id.as_bytes())
            .bytes(c.name.as_bytes())
            .bytes(c.what.label().as_bytes())
            .bytes(&[u8::from(self.has_institution(&c.id))])
            .bytes(&(c.fields.len() as u64).to_le_bytes());
        for f in &c.fields {
            h.bytes(f.key.as_bytes()).bytes(f.title.as_bytes());
            for v in [&f.before, &f.after] {
                match v {
                    Some(v) => h.bytes(b"+").bytes(v.as_bytes()),
                    None => h.bytes(b"-"),
                };
            }
        }
    }
}

/// Every institution's hash ([`institution_hash`]), by institution index.
pub fn institution_hashes(site: &Site) -> Vec<Fingerprint> {
    use rayon::prelude::*;
    site.institutions.par_iter().map(institution_hash).collect()
}

/// An institution's hash: every field ([`record`]).
fn institution_hash(inst: &Institution) -> Fingerprint {
    let mut h = Hasher::new();
    record(&mut h, inst);
    h.finish()
}

/// The entries of page `page` (from 1) of a listing of `ids` (as the list pages split it).
fn page_slice(ids: &[usize], page: usize) -> &[usize] {
    let start = (page.saturating_sub(1) * super::PAGE_SIZE).min(ids.len());
    &ids[start..(start + super::PAGE_SIZE).min(ids.len())]
}

/// The texts of the templates an institution page can reach: institution.html, every
/// template whose name appears in one reached (extends, include, import), and every
/// template that defines a component (components are callable from any template).
fn institution_templates(theme: &Theme) -> Vec<&str> {
    let by_name: std::collections::HashMap<&str, &str> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut reached: Vec<&str> = vec!["institution.html"];
    reached.extend(
        theme
            .templates
            .iter()
            .filter(|(_, t)| t.contains("{% component") || t.contains("{%- component"))
            .map(|(n, _)| n.as_str()),
    );
    let mut i = 0;
    while let Some(name) = reached.get(i).copied() {
        i += 1;
        let Some(text) = by_name.get(name) else {
            continue;
        };
        for other in by_name.keys() {
            let quoted = |q: char| text.contains(&format!("{q}{other}{q}"));
            if !reached.contains(other) && (quoted('"') || quoted('\'')) {
                reached.push(other);
            }
        }
    }
    reached
        .iter()
        .filter_map(|n| by_name.get(n).copied())
        .collect()
}

/// Add a record by its serde form, and the one field serde skips (the district index).
/// Not `Debug`: `Debug` escapes every non-ASCII character of a string through
/// `char::escape_debug`, and hashing a Chinese record that way cost ~200 µs a page.
fn record(h: &mut Hasher, inst: &Institution) {
    // Every field named, so that a new one cannot be left out unnoticed: one serde skips
    // must be hashed here by hand.
    let Institution {
        district,
        id: _,
        name: _,
        aliases: _,
        street: _,
        address: _,
        ownership: _,
        capacity: _,
        vacancies: _,
        ages: _,
        services: _,
        programs: _,
        fee: _,
        monthly_fee: _,
        phone: _,
        hours: _,
        location: _,
        website: _,
        description: _,
        updated: _,
        sources: _,
        filed: _,
        demonstration: _,
        care_site: _,
        origins: _,
        read_form,
    } = inst;
    h.bytes(&(*district as u64).to_le_bytes());
    // The hash of postcard's compact form: for one type it is as unambiguous as JSON (it
    // can be read back) and has no escaping or number formatting; with JSON the hashes of
    // 100,000 institutions took ~0.33 s of CPU at every build. An institution read from
    // that very form brings its hash along.
    h.hash(read_form.hash().unwrap_or_else(|| form_hash(inst)));
    #[cfg(debug_assertions)]
    if let Some(read) = read_form.hash() {
        debug_assert_eq!(
            read,
            form_hash(inst),
            "{}: changed since it was read",
            inst.id
        );
    }
}

/// The hash of an institution's postcard form (as [`crate::model::ReadForm`] holds it).
pub fn form_hash(inst: &Institution) -> Fingerprint {
    match postcard::to_extend(inst, Vec::with_capacity(1024)) {
        Ok(bytes) => of_bytes(&bytes),
        Err(_) => Hasher::new().json(inst).finish(),
    }
}

fn theme_hash(h: &mut Hasher, theme: &Theme) {
    for (name, text) in &theme.templates {
        h.bytes(name.as_bytes()).bytes(text.as_bytes());
    }
    for (path, bytes) in &theme.static_files {
        h.bytes(path.as_bytes()).bytes(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_institution_page_of_the_builtin_theme_reaches_its_base_and_components_only() {
        let theme = Theme::builtin();
        let reach = institution_templates(&theme);
        let name_of = |text: &str| {
            theme
                .templates
                .iter()
                .find(|(_, t)| t == text)
                .map(|(n, _)| n.clone())
        };
        let mut names: Vec<String> = reach.iter().filter_map(|t| name_of(t)).collect();
        names.sort();
        assert_eq!(names, ["base.html", "components.html", "institution.html"]);
        assert!(!reach.iter().any(|t| t.contains("search_meta")));
    }
}
