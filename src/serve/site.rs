//! One rebuild of the preview: the steps of `tuoyu build` (check, theme, render) with the
//! files kept in memory. Whatever fails is returned as [`Problems`] for the overlay and the
//! terminal; the caller keeps serving the last good site.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostics, Text};
use crate::load;
use crate::pipeline;
use crate::render::{RenderOptions, Renderer};

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
    pub result: Result<Files, Problems>,
    /// Every diagnostic, warnings included (for the terminal).
    pub diagnostics: Diagnostics,
    pub took: Duration,
}

/// Build the whole site into memory.
pub fn rebuild(sources: &Sources) -> Outcome {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let result = build(sources, &mut diagnostics);
    Outcome {
        result,
        diagnostics,
        took: started.elapsed(),
    }
}

fn build(sources: &Sources, diagnostics: &mut Diagnostics) -> Result<Files, Problems> {
    let other = |e: &dyn std::fmt::Display| Problems::Other(Text::verbatim(e.to_string()));
    let checked = pipeline::check(&sources.content).map_err(|e| other(&e))?;
    *diagnostics = checked.diagnostics;
    let Some(site) = checked.site else {
        return Err(Problems::Content(diagnostics.clone()));
    };
    let theme = load::theme::load(&sources.themes, &site.config.theme).map_err(|e| other(&e))?;
    // Unminified: the preview is read by people (view source) and built faster.
    let options = RenderOptions { minify: false };
    let renderer = Renderer::new(&site, &theme, &options).map_err(|e| other(&e))?;
    let jobs = renderer.jobs();
    pipeline::render_to_memory(&renderer, &jobs).map_err(|e| other(&e))
}
