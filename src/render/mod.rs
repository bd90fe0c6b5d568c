//! Turn the model into output files, in memory. Never touches the disk.
//!
//! The site is planned as a list of [`Job`]s (one per output file); each job renders
//! independently, so the caller can render, minify and write them in parallel batches
//! without ever holding 100,000 pages in memory.

pub mod changes;
pub mod charts;
pub mod columns;
pub mod compare;
pub mod context;
pub mod data;
pub mod datapackage;
pub mod escape;
pub mod fingerprint;
pub mod geo;
pub mod guide;
pub mod jsonld;
pub mod lists;
pub mod markdown;
pub mod minify;
pub mod pages;
pub mod qr;
pub mod schema;
pub mod search;
pub mod sitemap;
pub mod skeleton;
pub mod supervision;
pub mod theme;
pub mod urls;
pub mod view;
pub mod vscode;
pub mod xlsx;

use std::fmt;

use crate::history::History;
pub use crate::load::theme::Theme;
use crate::model::{Kind, Site};

/// Entries per list or district page before it is split into `…-2.html` pages.
pub const PAGE_SIZE: usize = 200;

/// How pages are rendered.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Minify the HTML (done once per template, see [`minify`]).
    pub minify: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self { minify: true }
    }
}

/// One output file, path relative to the output folder (always `/`-separated).
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A failure to take a file handed over by [`Renderer::stream_indexes`] (the disk's, usually).
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// Where files go as they are made, for those that are too many or too large to hold
/// together (the search index): the output's writer, or a map in memory. Called from
/// several threads at once.
pub type Sink<'s> = dyn Fn(OutputFile) -> Result<(), SinkError> + Sync + 's;

/// One file to produce.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    Home,
    Search,
    District {
        index: usize,
        page: usize,
    },
    Institution(usize),
    List {
        kind: Kind,
        page: usize,
    },
    Stats,
    Page(usize),
    NotFound,
    Json,
    Csv,
    /// The open data as a spreadsheet, in the columns of the CSV.
    Xlsx,
    /// `data/datapackage.json`, describing the open data.
    DataPackage,
    /// 0: sitemap.xml; k ≥ 1: the k-th part of a large site's sitemap.
    Sitemap(usize),
    Robots,
    Static(usize),
    /// A file of the search index.
    SearchIndex(usize),
    /// A file of the geo index of 离我最近 ([`geo`]).
    GeoIndex(usize),
    /// A page of changes.html (from the git history): 0 changes.html, j ≥ 1 its archive
    /// page j ([`changes::archive_pages`]).
    Changes(usize),
    /// feed.xml: the Atom feed of the latest changes.
    Feed,
    /// compare.html.
    Compare,
    /// `compare/<k>.js`: the facts compare.html loads for the ids of chunk k.
    CompareData(usize),
}

impl Job {
    /// The path of a data export, whose size grows with the records.
    pub fn data_path(&self) -> Option<&'static str> {
        match self {
            Job::Json => Some("data/institutions.json"),
            Job::Csv => Some("data/institutions.csv"),
            Job::Xlsx => Some("data/institutions.xlsx"),
            _ => None,
        }
    }

    /// The output path of an HTML page job (`None` for data files and assets).
    pub fn page_path(&self, site: &Site) -> Option<String> {
        Some(match self {
            Job::Home => "index.html".into(),
            Job::Search => "search.html".into(),
            Job::Stats => "stats.html".into(),
            Job::NotFound => "404.html".into(),
            Job::District { index, page } => format!(
                "districts/{}",
                paged_name(&site.districts[*index].id, *page)
            ),
            Job::List { kind, page } => paged_name(kind.folder(), *page),
            Job::Page(i) => format!("{}.html", site.pages[*i].slug),
            Job::Institution(i) => format!("institutions/{}.html", site.institutions[*i].id),
            Job::Changes(page) => changes::page_path(*page),
            Job::Compare => "compare.html".into(),
            _ => return None,
        })
    }

    /// An HTML page that belongs in the sitemap.
    pub fn is_listed_page(&self) -> bool {
        matches!(
            self,
            Job::Home
                | Job::Search
                | Job::Stats
                | Job::District { .. }
                | Job::List { .. }
                | Job::Page(_)
                | Job::Institution(_)
                | Job::Changes(_)
                | Job::Compare
        )
    }
}

#[derive(Debug)]
pub struct RenderError {
    pub what: String,
    pub message: String,
}

impl RenderError {
    /// The failure in the reader's language; the template engine's own words stay as
    /// they are (a theme author's business, not an editor's).
    pub fn text(&self) -> crate::diagnostics::Text {
        use crate::diagnostics::catalogue::cli;
        crate::diagnostics::Text::new(&cli::RENDER_FAILED)
            .arg("what", self.what.as_str())
            .arg("detail", self.message.as_str())
    }
}

impl fmt::Display for RenderError {
    /// Chinese, the default language; commands print [`RenderError::text`] in the chosen one.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.text().render(crate::diagnostics::Lang::Zh))
    }
}

impl std::error::Error for RenderError {}

/// Renders the jobs of one site with one theme.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    tera: tera::Tera,
    search: search::SearchIndex,
    /// The search index is not held but made by [`Renderer::stream_indexes`].
    search_streamed: bool,
    /// The geo index's files, when streamed: handed over (and dropped) by
    /// [`Renderer::stream_indexes`] before the search index is made.
    geo_streamed: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
    geo: geo::GeoIndex,
    /// Institution indices per district, in display order.
    by_district: Vec<Vec<usize>>,
    /// Each district's street index ([`lists::street_indexes`]).
    street_index: Vec<Vec<lists::StreetIndex>>,
    /// Institution indices per list kind, in display order.
    by_kind: Vec<(Kind, Vec<usize>)>,
    /// Institution indices per compare.html data file ([`compare::chunks`]).
    compare_chunks: Vec<Vec<usize>>,
    /// Each institution's search document number (compare data points to its card).
    doc_numbers: Vec<u32>,
    /// The search index's fold table, when the index is streamed ([`search::fold::table`]).
    fold: String,
    /// The content's git history, when known ([`Renderer::with_history`]).
    history: Option<&'a History>,
    /// Institution ids, to link changes to pages that exist (filled with the history).
    ids: rustc_hash::FxHashSet<&'a str>,
}

impl<'a> Renderer<'a> {
    /// A renderer holding the search index in memory: its files are jobs like any other
    /// (the preview server renders files when asked for).
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: &RenderOptions,
    ) -> Result<Self, RenderError> {
        Self::with_search(site, theme, options, search::build(site))
    }

    /// [`Renderer::new`] with the search index left out (no search file among its jobs),
    /// for the preview: a rebuild then costs no index, which is built only when a page asks
    /// for it ([`Renderer::set_search`]). Pages name the index by its fixed meta path, so
    /// they render the same either way.
    pub fn without_search(
        site: &'a Site,
        theme: &'a Theme,
        options: &RenderOptions,
    ) -> Result<Self, RenderError> {
        Self::with_search(site, theme, options, search::SearchIndex::empty())
    }

    /// Put in the search index (of this renderer's site) that [`Renderer::without_search`]
    /// left out; its files then are among the jobs.
    pub fn set_search(&mut self, index: search::SearchIndex) {
        self.search = index;
    }

    /// A renderer for writing the whole site out: the search index (a few hundred MB at
    /// 100,000 records) is not held; [`Renderer::stream_indexes`] makes it and hands each
    /// file over as it is made, and the geo index's files, and [`Renderer::jobs`] leaves
    /// both out.
    pub fn streaming(
        site: &'a Site,
        theme: &'a Theme,
        options: &RenderOptions,
    ) -> Result<Self, RenderError> {
        // The fold table beside the templates, which leave a core idle at times.
        let (renderer, fold) = rayon::join(
            || Self::with_search(site, theme, options, search::SearchIndex::empty()),
            || search::fold::table(site),
        );
        let mut renderer = renderer?;
        renderer.search_streamed = true;
        renderer.fold = fold;
        let geo_files = std::mem::take(&mut renderer.geo.files);
        renderer.geo_streamed = std::sync::Mutex::new(geo_files);
        Ok(renderer)
    }

    /// Hand the geo index's files to `sink`, then make the search index and hand its files
    /// over one by one (nothing when this renderer holds them: they are then jobs). Once.
    /// With `reuse`, what still holds of the last build's index is kept, and the state for
    /// the next build is given back ([`search::reuse`]). `scratch` makes a file for a large
    /// index's working terms, when it needs one ([`search::uses_scratch`]).
    pub fn stream_indexes(
        &self,
        sink: &Sink,
        reuse: Option<search::Reuse>,
        scratch: &dyn Fn() -> Option<std::fs::File>,
    ) -> Result<Option<search::State>, SinkError> {
        let geo = std::mem::take(&mut *self.geo_streamed.lock().unwrap_or_else(|p| p.into_inner()));
        for (path, bytes) in geo {
            sink(OutputFile { path, bytes })?;
        }
        match self.search_streamed {
            true => {
                let scratch = search::uses_scratch(self.site).then(scratch).flatten();
                let ahead = search::Ahead {
                    numbers: &self.doc_numbers,
                    fold: &self.fold,
                };
                search::stream_reusing(self.site, Some(&ahead), sink, reuse, scratch)
            }
            false => Ok(None),
        }
    }

    fn with_search(
        site: &'a Site,
        theme: &'a Theme,
        options: &RenderOptions,
        search: search::SearchIndex,
    ) -> Result<Self, RenderError> {
        let (geo, doc_numbers) = rayon::join(|| geo::build(site), || search::doc_numbers(site));
        let mut tera = theme::compile(theme, site, options.minify, &search.meta_path)?;
        tera.global_context().insert("geo_index", geo::INDEX);
        let mut by_district = vec![Vec::new(); site.districts.len()];
        for (i, inst) in site.institutions.iter().enumerate() {
            by_district[inst.district].push(i);
        }
        let by_kind = Kind::ALL
            .iter()
            .map(|k| (*k, lists::list_order(site, *k)))
            .collect();
        Ok(Self {
            site,
            theme,
            tera,
            search,
            search_streamed: false,
            geo_streamed: Default::default(),
            geo,
            street_index: lists::street_indexes(site, &by_district),
            by_district,
            by_kind,
            compare_chunks: compare::chunks(site),
            doc_numbers,
            fold: String::new(),
            history: None,
            ids: Default::default(),
        })
    }

    /// Add the pages of the git history: changes.html, feed.xml, 变更记录, `lastmod`.
    pub fn with_history(mut self, history: &'a History) -> Self {
        self.ids = self
            .site
            .institutions
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        self.history = Some(history);
        self
    }

    pub fn history(&self) -> Option<&'a History> {
        self.history
    }

    pub(crate) fn has_institution(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Every file of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![
            Job::Home,
            Job::Search,
            Job::Stats,
            Job::NotFound,
            Job::Json,
            Job::Csv,
            Job::Xlsx,
            Job::DataPackage,
            Job::Robots,
            Job::Compare,
        ];
        for (index, ids) in self.by_district.iter().enumerate() {
            jobs.extend((1..=page_count(ids.len())).map(|page| Job::District { index, page }));
        }
        for (kind, ids) in &self.by_kind {
            jobs.extend((1..=page_count(ids.len())).map(|page| Job::List { kind: *kind, page }));
        }
        jobs.extend((0..self.site.pages.len()).map(Job::Page));
        jobs.extend((0..self.theme.static_files.len()).map(Job::Static));
        jobs.extend((0..self.search.files.len()).map(Job::SearchIndex));
        jobs.extend((0..self.geo.files.len()).map(Job::GeoIndex));
        jobs.extend((0..self.compare_chunks.len()).map(Job::CompareData));
        jobs.extend((0..self.site.institutions.len()).map(Job::Institution));
        if let Some(h) = self.history {
            jobs.extend((0..=changes::archive_pages(h)).map(Job::Changes));
            jobs.push(Job::Feed);
        }
        let pages = jobs.iter().filter(|j| j.is_listed_page()).count();
        let chunks = pages.div_ceil(sitemap::SITEMAP_CHUNK);
        let sitemaps = if chunks > 1 { chunks + 1 } else { 1 };
        jobs.extend((0..sitemaps).map(Job::Sitemap));
        jobs
    }

    /// Produce one file.
    pub fn render(&self, job: &Job) -> Result<OutputFile, RenderError> {
        match job {
            Job::Json | Job::Csv | Job::Xlsx => {
                let mut bytes = Vec::new();
                self.write_data(job, &mut bytes).map_err(|e| RenderError {
                    what: format!("{job:?}"),
                    message: e.to_string(),
                })?;
                let path = job.data_path().unwrap_or_default().to_string();
                Ok(OutputFile { path, bytes })
            }
            Job::Sitemap(part) => Ok(sitemap::sitemap(self, *part)),
            Job::Robots => Ok(sitemap::robots(self.site)),
            Job::Feed => Ok(changes::feed(self, self.history.unwrap_or(&EMPTY))),
            Job::Changes(page) => changes::page(self, self.history.unwrap_or(&EMPTY), *page),
            Job::CompareData(k) => Ok(compare::chunk_file(
                self.site,
                &self.doc_numbers,
                *k,
                self.compare_chunks.get(*k).map_or(&[][..], |v| &v[..]),
            )),
            Job::DataPackage => Ok(OutputFile {
                path: "data/datapackage.json".into(),
                bytes: datapackage::descriptor(self.site),
            }),
            Job::Static(i) => {
                let (path, bytes) = &self.theme.static_files[*i];
                Ok(OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                })
            }
            Job::SearchIndex(i) | Job::GeoIndex(i) => {
                let files = match job {
                    Job::GeoIndex(_) => &self.geo.files,
                    _ => &self.search.files,
                };
                let (path, bytes) = &files[*i];
                Ok(OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                })
            }
            page => self.render_page(page),
        }
    }

    /// The one dispatcher of HTML pages to their module.
    fn render_page(&self, job: &Job) -> Result<OutputFile, RenderError> {
        let Some(path) = job.page_path(self.site) else {
            return Err(RenderError {
                what: format!("{job:?}"),
                message: "not an HTML page".into(),
            });
        };
        match job {
            Job::Home => pages::home(self, path),
            Job::Search => pages::search(self, path),
            Job::District { index, page } => lists::district(self, *index, *page, path),
            Job::Institution(i) => pages::institution(self, *i, path),
            Job::List {
                kind: Kind::Demonstration,
                page,
            } => lists::demonstration(self, *page, path),
            Job::List { kind, page } => lists::list(self, *kind, *page, path),
            Job::Stats => pages::stats(self, path),
            Job::Page(i) => pages::page(self, *i, path),
            Job::Compare => compare::page(self, self.compare_chunks.len(), path),
            _ => pages::not_found(self, path),
        }
    }

    /// Write a data export (a job with a [`Job::data_path`]) straight to `w`: the exports
    /// grow with the records, so the build streams them to disk instead of into memory.
    pub fn write_data(&self, job: &Job, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        match job {
            Job::Json => data::write_json(self.site, w),
            Job::Csv => data::write_csv(self.site, w),
            Job::Xlsx => xlsx::write_xlsx(self.site, w),
            _ => Err(not_an_export(job)),
        }
    }

    pub(crate) fn district_ids(&self, index: usize) -> &[usize] {
        &self.by_district[index]
    }

    pub(crate) fn kind_ids(&self, kind: Kind) -> &[usize] {
        self.by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    pub(crate) fn tera(&self) -> &tera::Tera {
        &self.tera
    }
}

/// The history of a renderer given none (its jobs then hold no history pages).
static EMPTY: std::sync::LazyLock<History> = std::sync::LazyLock::new(History::default);

/// Pages needed for `n` entries (at least one, so an empty list still has its page).
pub fn page_count(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// `stem.html`, `stem-2.html`, …
pub fn paged_name(stem: &str, page: usize) -> String {
    if page <= 1 {
        format!("{stem}.html")
    } else {
        format!("{stem}-{page}.html")
    }
}

/// The error of writing a job that is not a data export as one.
fn not_an_export(job: &Job) -> std::io::Error {
    std::io::Error::other(format!("{job:?} is not a data export"))
}
