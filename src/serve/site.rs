//! One rebuild of the preview: the steps of `tuoyu build` (check, theme, renderer) with
//! the output kept in memory.
//!
//! Each good build lives on a thread of its own, which owns the site, the theme and the
//! [`Renderer`] borrowing them. Every file (pages, data, search index, assets, sitemap) is
//! rendered when first asked for, then kept; the search index is built when a page first
//! asks for one of its files. A rebuild after an edit so costs the check, not the index
//! and 500 (or 100,000) pages, and memory holds only the files someone looked at. The record files parsed by the last rebuild are kept ([`Memo`]), so
//! that a rebuild parses only the files that changed. The thread ends when the last
//! [`Built`] handle is dropped.
//!
//! Whatever fails is returned as [`Problems`] for the overlay and the terminal; the
//! caller keeps serving the last good site.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cache::records::RecordMemo;
use crate::diagnostics::{Diagnostics, Text};
use crate::load;
use crate::pipeline;
use crate::render::{Job, RenderOptions, Renderer};

/// The folders a preview is built from (and watched).
#[derive(Debug, Clone)]
pub struct Sources {
    pub content: PathBuf,
    pub themes: PathBuf,
}

/// Why a rebuild gave no site.
#[derive(Debug)]
pub enum Problems {
    /// Errors in the content, with file, line and column.
    Content(Diagnostics),
    /// Anything else: a folder that cannot be read, a broken template.
    Other(Text),
}

/// What a rebuild gave.
pub struct Outcome {
    /// The site, or why there is none.
    pub result: Result<Built, Problems>,
    /// Every diagnostic, warnings included (for the terminal).
    pub diagnostics: Diagnostics,
    pub took: Duration,
}

/// What a request for a file gets: `None` when the site has no such file.
type Reply = Sender<Option<Result<Vec<u8>, String>>>;

/// A file to render on the build's thread, and where to send it: a known job, or a path
/// under `search/` (the search index is built when first asked for).
enum Request {
    Job(Job, Reply),
    Search(String, Reply),
}

/// A good build: its files, rendered now or on request.
pub struct Built {
    pages: HashMap<String, Job>,
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    renderer: Sender<Request>,
}

impl Built {
    /// Every output path of the site, pages included.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The file at `path`: `None` if the site has none, `Some(Err)` if rendering failed.
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
        if let Some(page) = lock(&self.rendered).get(path) {
            return Some(Ok(Arc::clone(page)));
        }
        let (tx, rx) = channel();
        let request = match self.pages.get(path) {
            Some(job) => Request::Job(job.clone(), tx),
            None if path.starts_with(crate::render::search::DIR) => {
                Request::Search(path.to_string(), tx)
            }
            None => return None,
        };
        let stopped = || "the preview's renderer stopped".to_string();
        let page = match self.renderer.send(request).map(|()| rx.recv()) {
            Ok(Ok(reply)) => reply?,
            _ => Err(stopped()),
        }
        .map(Arc::new);
        if let Ok(p) = &page {
            lock(&self.rendered).insert(path.to_string(), Arc::clone(p));
        }
        Some(page)
    }
}

// A poisoned lock only means a connection thread panicked; the map stays consistent
// (single inserts), so it is used as it is.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// What the build's thread reports once its site is ready (or failed).
type Ready = (Result<HashMap<String, Job>, Problems>, Diagnostics);

/// Build the site: check, theme, renderer (with the search index); the files themselves
/// are rendered when asked for.
pub fn rebuild(sources: &Sources) -> Outcome {
    rebuild_with(sources, &Memo::default())
}

/// What one preview keeps from rebuild to rebuild: the parsed record files.
#[derive(Clone, Default)]
pub struct Memo(Arc<Mutex<RecordMemo>>);

/// [`rebuild`], parsing again only the record files that changed since the last rebuild
/// with the same `memo`.
pub fn rebuild_with(sources: &Sources, memo: &Memo) -> Outcome {
    let started = Instant::now();
    let (ready_tx, ready_rx) = channel::<Ready>();
    let (req_tx, req_rx) = channel::<Request>();
    let (sources, memo) = (sources.clone(), memo.clone());
    let spawned = std::thread::Builder::new()
        .name("tuoyu-preview-site".into())
        .spawn(move || site_thread(&sources, &memo, &ready_tx, req_rx));
    let ready = spawned
        .map_err(|e| e.to_string())
        .and_then(|_| ready_rx.recv().map_err(|_| "the build stopped".into()));
    let (result, diagnostics) = match ready {
        Ok(r) => r,
        Err(e) => (Err(Problems::Other(Text::verbatim(e))), Diagnostics::new()),
    };
    let result = result.map(|pages| Built {
        pages,
        rendered: Mutex::new(HashMap::new()),
        renderer: req_tx,
    });
    Outcome {
        result,
        diagnostics,
        took: started.elapsed(),
    }
}

/// The life of one build: report it, then render pages on request until the site is
/// replaced (every sender gone).
fn site_thread(sources: &Sources, memo: &Memo, ready: &Sender<Ready>, requests: Receiver<Request>) {
    let other = |e: &dyn std::fmt::Display| Problems::Other(Text::verbatim(e.to_string()));
    let checked = {
        let mut memo = lock(&memo.0);
        pipeline::check_with(&sources.content, pipeline::today(), Some(&mut memo))
    };
    let checked = match checked {
        Ok(c) => c,
        Err(e) => return drop(ready.send((Err(other(&e)), Diagnostics::new()))),
    };
    let diags = checked.diagnostics;
    let Some(site) = checked.site else {
        return drop(ready.send((Err(Problems::Content(diags.clone())), diags)));
    };
    let theme = match load::theme::load(&sources.themes, &site.config.theme) {
        Ok(t) => t,
        Err(e) => return drop(ready.send((Err(other(&e)), diags))),
    };
    // Unminified: the preview is read by people (view source) and built faster.
    let options = RenderOptions { minify: false };
    let t = Instant::now();
    let renderer = match Renderer::without_search(&site, &theme, &options) {
        Ok(r) => r,
        Err(e) => return drop(ready.send((Err(other(&e)), diags))),
    };
    pipeline::timing("preview renderer", t);
    // Every file, pages, data and index alike, is rendered when first asked for, and the
    // search index built then: a rebuild so costs the check, whatever the size of the site.
    let pages = renderer
        .jobs()
        .into_iter()
        .filter_map(|j| Some((renderer.job_path(&j)?, j)))
        .collect();
    if ready.send((Ok(pages), diags)).is_err() {
        return;
    }
    serve_requests(renderer, &site, requests);
}

/// Render what the server asks for until the site is replaced.
fn serve_requests(mut renderer: Renderer, site: &crate::model::Site, requests: Receiver<Request>) {
    let mut search: Option<HashMap<String, Job>> = None;
    for request in requests {
        let (job, reply) = match request {
            Request::Job(job, reply) => (Some(job), reply),
            Request::Search(path, reply) => {
                let files = search.get_or_insert_with(|| {
                    let t = Instant::now();
                    renderer.set_search(crate::render::search::build(site));
                    pipeline::timing("preview search index", t);
                    search_jobs(&renderer)
                });
                (files.get(&path).cloned(), reply)
            }
        };
        let page = job.map(|job| {
            renderer
                .render(&job)
                .map(|f| f.bytes)
                .map_err(|e| e.to_string())
        });
        let _ = reply.send(page);
    }
}

/// The search index's files by path (once [`Renderer::set_search`] put them in).
fn search_jobs(renderer: &Renderer) -> HashMap<String, Job> {
    renderer
        .jobs()
        .into_iter()
        .filter(|j| matches!(j, Job::SearchIndex(_)))
        .filter_map(|j| Some((renderer.job_path(&j)?, j)))
        .collect()
}
