//! Orchestration of the commands: each is a short list of pipeline steps.

pub mod build;
pub mod check;

use std::path::Path;

use anyhow::Context as _;
use tuoyu::diagnostics::Diagnostics;
use tuoyu::load;
use tuoyu::model::{self, Site};

/// Steps shared by `build` and `check`: load the content, validate it, collect diagnostics.
pub fn load_and_validate(content: &Path) -> anyhow::Result<(Option<Site>, Diagnostics)> {
    let (loaded, load_diags) = load::load(content).with_context(|| format!("cannot load content folder {}", content.display()))?;
    let mut diags = Diagnostics::new();
    for s in &loaded.sources {
        diags.add_source(s);
    }
    diags.extend(load_diags);
    let (site, model_diags) = model::build(&loaded);
    diags.extend(model_diags);
    Ok((site, diags))
}
