//! One rebuild of the preview: the steps of `tuoyu build` (check, theme, renderer) with
//! the output kept in memory.
//!
//! Each good build lives on a thread of its own, which owns the site, the theme and the
//! [`Renderer`] borrowing them. The files that are not HTML pages (data, search index,
//! assets, sitemap) are rendered at once with [`pipeline::render_to_memory`]; the pages
//! are rendered when first asked for, then kept. A rebuild after an edit so costs the
//! check and the search index, not 500 (or 100,000) pages, and memory holds only the
//! pages someone looked at. The thread ends when the last [`Built`] handle is dropped.
//!
//! Whatever fails is returned as [`Problems`] for the overlay and the terminal; the
//! caller keeps serving the last good site.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostics, Text};
use crate::load;
use crate::pipeline;
use crate::render::{Job, RenderOptions, Renderer};

use super::state::Files;

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

/// A page to render on the build's thread, and where to send it.
type Request = (Job, Sender<Result<Vec<u8>, String>>);

/// A good build: its files, rendered now or on request.
pub struct Built {
    files: Files,
    pages: HashMap<String, Job>,
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    renderer: Sender<Request>,
}

impl Built {
    /// Every output path of the site, pages included.
    pub fn len(&self) -> usize {
        self.files.len() + self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The file at `path`: `None` if the site has none, `Some(Err)` if rendering failed.
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
        if let Some(bytes) = self.files.get(path) {
            return Some(Ok(Arc::new(bytes.clone())));
        }
        let job = self.pages.get(path)?;
        if let Some(page) = lock(&self.rendered).get(path) {
            return Some(Ok(Arc::clone(page)));
        }
        let (tx, rx) = channel();
        let sent = self.renderer.send((job.clone(), tx));
        let page = sent
            .map_err(|_| "the preview's renderer stopped".to_string())
            .and_then(|()| {
                rx.recv()
                    .map_err(|_| "the preview's renderer stopped".into())
            })
            .and_then(|r| r)
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
type Ready = (Result<(Files, HashMap<String, Job>), Problems>, Diagnostics);

/// Build the site: check, theme, renderer, and the files that are not pages.
pub fn rebuild(sources: &Sources) -> Outcome {
    let started = Instant::now();
    let (ready_tx, ready_rx) = channel::<Ready>();
    let (req_tx, req_rx) = channel::<Request>();
    let sources = sources.clone();
    let spawned = std::thread::Builder::new()
        .name("tuoyu-preview-site".into())
        .spawn(move || site_thread(&sources, &ready_tx, req_rx));
    let ready = spawned
        .map_err(|e| e.to_string())
        .and_then(|_| ready_rx.recv().map_err(|_| "the build stopped".into()));
    let (result, diagnostics) = match ready {
        Ok(r) => r,
        Err(e) => (Err(Problems::Other(Text::verbatim(e))), Diagnostics::new()),
    };
    let result = result.map(|(files, pages)| Built {
        files,
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
fn site_thread(sources: &Sources, ready: &Sender<Ready>, requests: Receiver<Request>) {
    let other = |e: &dyn std::fmt::Display| Problems::Other(Text::verbatim(e.to_string()));
    let checked = match pipeline::check(&sources.content) {
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
    let renderer = match Renderer::new(&site, &theme, &options) {
        Ok(r) => r,
        Err(e) => return drop(ready.send((Err(other(&e)), diags))),
    };
    let (pages, now): (Vec<Job>, Vec<Job>) = renderer
        .jobs()
        .into_iter()
        .partition(|j| j.page_path(&site).is_some());
    let files = match pipeline::render_to_memory(&renderer, &now) {
        Ok(f) => f,
        Err(e) => return drop(ready.send((Err(other(&e)), diags))),
    };
    let pages = pages
        .into_iter()
        .filter_map(|j| Some((j.page_path(&site)?, j)))
        .collect();
    if ready.send((Ok((files, pages)), diags)).is_err() {
        return;
    }
    for (job, reply) in requests {
        let page = renderer.render(&job).map(|f| f.bytes);
        let _ = reply.send(page.map_err(|e| e.to_string()));
    }
}
