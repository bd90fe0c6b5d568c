//! `tuoyu build`: content → validated model → rendered pages → staged output → swap.

use std::path::PathBuf;
use std::time::Instant;

use tuoyu::cache;
use tuoyu::diagnostics::catalogue::cli as msg;
use tuoyu::diagnostics::{Failure, Format, Lang, Text};
use tuoyu::load;
use tuoyu::output::Staging;
use tuoyu::output::guard::{self, Protected};
use tuoyu::output::update::Update;
use tuoyu::pipeline::{self, timing, timing_note};
use tuoyu::render::{RenderOptions, Renderer};

use crate::cli::BuildArgs;

/// Returns false when the content has errors (nothing was written).
pub fn run(args: &BuildArgs, lang: Lang) -> anyhow::Result<bool> {
    let started = Instant::now();
    refuse_dangerous_output(args)?;
    timing("output check", started);
    // The last build's state is read beside loading and checking the content, which
    // leave a core idle at times (~0.35 s at 100,000 records, on one core).
    let out = args.out.clone();
    let last_state = std::thread::spawn(move || {
        // The search index's state on a thread of its own: read after the walk, it was
        // still being read when the index was to start (~0.15 s at 100,000 records).
        let search = {
            let out = out.clone();
            std::thread::spawn(move || cache::search::load(&out))
        };
        // One walk of the output finds the strangers and the files still as built.
        let mark = guard::read_mark(&out);
        let mut strangers = guard::Strangers::of(mark.as_deref());
        let cache = cache::load(&out, mark.as_deref(), |path| strangers.see(path));
        let search = search.join().ok().flatten();
        (strangers.verdict(&out), cache, search)
    });
    // The git history needs only git, not the loaded content: read beside the load
    // (~0.15 s at 100,000 records with its cache, several seconds without).
    let history = (!args.no_history).then(|| {
        let content = args.content.clone();
        std::thread::spawn(move || tuoyu::history::git::read(&content))
    });
    // 1. Load and validate, parsing only the record files that changed since the last
    //    build into the same folder.
    let parsed = cache::parsed::ParsedCache::load(&args.out);
    let checked = pipeline::check_cached(&args.content, pipeline::today(), &parsed)?;
    eprint!("{}", checked.diagnostics.render(Format::Human, lang));
    let Some(mut site) = checked.site else {
        let t = Text::new(&msg::BUILD_STOPPED).arg("out", args.out.display().to_string());
        eprintln!("{}", t.render(lang));
        return Ok(false);
    };
    // 2. Apply command-line overrides.
    if let Some(url) = &args.base_url {
        let url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
        if !tuoyu::model::fields::is_safe_url(&url) {
            return Err(Failure::new(Text::new(&msg::BAD_BASE_URL_FLAG).arg("url", url)).into());
        }
        site.config.base_url = url;
    }
    // 2b. What changed and when, from the content's git history (if any).
    let t = Instant::now();
    let history = history.and_then(|h| history_or_note(h.join().ok(), lang));
    if let Some(h) = &history {
        h.fill_updated(&mut site);
    }
    timing("history", t);
    // 3. Theme: built-in default, overlaid by themes/<name>/ if present.
    let themes = args
        .themes
        .clone()
        .unwrap_or_else(|| themes_beside(&args.content));
    let theme = load::theme::load(&themes, &site.config.theme)?;
    // 4. Render and write every file in parallel into a staging folder.
    let t = Instant::now();
    // The search index is made while writing, file by file (not held in memory).
    // The institutions' hashes need only the records: made beside the templates (whose
    // compilation is on one core), not after them.
    let options = RenderOptions {
        minify: !args.no_minify,
    };
    let (renderer, hashes) = rayon::join(
        || Renderer::streaming(&site, &theme, &options),
        || tuoyu::render::fingerprint::institution_hashes(&site),
    );
    let mut renderer = renderer?;
    if let Some(h) = &history {
        renderer = renderer.with_history(h);
    }
    timing("templates", t);
    let jobs = renderer.jobs();
    let t = Instant::now();
    let inputs = renderer.fingerprint_inputs(!args.no_minify, hashes);
    timing("input fingerprints", t);
    // 5. Write: over the previous output when the build cache describes it (only what
    //    changed is rendered and written), else a whole new folder swapped in.
    let t = Instant::now();
    let (strangers, cache, previous) = last_state
        .join()
        .unwrap_or_else(|_| (guard::check_strangers(&args.out), None, None));
    strangers?;
    timing("last build's state", t);
    let t = Instant::now();
    // The search index's state is written while the files move into place, and put in its
    // place once they are there.
    let prepare = |w: &pipeline::Written| cache::search::prepare(&args.out, w.search.as_ref());
    let (written, state) = match cache {
        Some(cache) => update(
            &renderer,
            &jobs,
            &args.out,
            (&cache, &inputs, previous),
            prepare,
        )?,
        None => replace(&renderer, &jobs, &args.out, &inputs, prepare)?,
    };
    timing("render and write", t);
    let t = Instant::now();
    // The cache only speeds up the next build: one that cannot be written changes nothing.
    let produced = written.produced;
    let _ = cache::save(&args.out, &produced);
    let _ = state.install();
    timing("cache", t);
    if !args.quiet {
        let t = Text::new(&msg::BUILT)
            .arg("files", produced.len())
            .arg("institutions", site.institutions.len())
            .arg("out", args.out.display().to_string())
            .arg("seconds", format!("{:.2}", started.elapsed().as_secs_f64()));
        eprintln!("{}", t.render(lang));
    }
    // The process ends here: freeing the records, the renderer and every file's hashes
    // piece by piece took ~0.15 s at 100,000 records, for nothing.
    std::mem::forget((produced, jobs, inputs, renderer));
    std::mem::forget((site, theme, history, parsed));
    Ok(true)
}

/// Render everything into a new folder and swap it in place of the old one, running
/// `beside` on what was written while the folder is swapped in.
fn replace<T: Send>(
    renderer: &Renderer,
    jobs: &[tuoyu::render::Job],
    out: &std::path::Path,
    inputs: &tuoyu::render::fingerprint::Inputs,
    beside: impl FnOnce(&pipeline::Written) -> T + Send,
) -> anyhow::Result<(pipeline::Written, T)> {
    let staging = Staging::new(out)?;
    let written = pipeline::write_site_recorded(renderer, jobs, &staging, Some(inputs))
        .map_err(anyhow::Error::from_boxed)?;
    let (committed, made) = rayon::join(|| staging.commit(), || beside(&written));
    committed.map_err(|e| Failure::new(Text::new(&msg::SWAP_FAILED)).because(e))?;
    Ok((written, made))
}

/// What a rebuild starts from: the last build's cache, this build's input fingerprints, and
/// the last search index's state.
type Last<'l> = (
    &'l tuoyu::cache::BuildCache,
    &'l tuoyu::render::fingerprint::Inputs,
    Option<tuoyu::render::search::State>,
);

/// Render what changed since the build the cache describes and update the folder in place,
/// running `beside` on what was written while the files move into place.
fn update<T: Send>(
    renderer: &Renderer,
    jobs: &[tuoyu::render::Job],
    out: &std::path::Path,
    (cache, inputs, previous): Last,
    beside: impl FnOnce(&pipeline::Written) -> T + Send,
) -> anyhow::Result<(pipeline::Written, T)> {
    let update = Update::new(out)?;
    let written = pipeline::update_site(renderer, jobs, &update, cache, inputs, previous)
        .map_err(anyhow::Error::from_boxed)?;
    timing_note(&format!(
        "{} of {} files written",
        update.staged(),
        written.produced.len()
    ));
    let (committed, made) = rayon::join(|| update.commit(), || beside(&written));
    committed.map_err(|e| Failure::new(Text::new(&msg::SWAP_FAILED)).because(e))?;
    Ok((written, made))
}

/// The git history read, or `None` (said once) when there is none.
fn history_or_note(
    outcome: Option<tuoyu::history::git::Outcome>,
    lang: Lang,
) -> Option<tuoyu::history::History> {
    use tuoyu::diagnostics::Text;
    use tuoyu::diagnostics::catalogue::history as msg;
    use tuoyu::history::git::Outcome;
    let note = match outcome {
        Some(Outcome::Known(h)) => return Some(h),
        Some(Outcome::NotGit) => Text::new(&msg::HISTORY_NOT_GIT),
        Some(Outcome::Shallow) => Text::new(&msg::HISTORY_SHALLOW),
        Some(Outcome::Failed(reason)) => Text::new(&msg::HISTORY_FAILED).arg("reason", reason),
        // The reading thread panicked: said as git failing, without a reason of git's.
        None => Text::new(&msg::HISTORY_FAILED).arg("reason", "?"),
    };
    eprintln!("{}", note.render(lang));
    None
}

pub(crate) fn themes_beside(content: &std::path::Path) -> PathBuf {
    let parent = content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    parent.join("themes")
}

/// The output folder is replaced as a whole: refuse one that is, holds or lies inside the
/// content or the themes, or that is not tuoyu's (a marked folder's files are checked
/// for strangers beside the load, [`guard::check_strangers`], before anything is written).
fn refuse_dangerous_output(args: &BuildArgs) -> anyhow::Result<()> {
    let themes = args
        .themes
        .clone()
        .unwrap_or_else(|| themes_beside(&args.content));
    let cwd = std::env::current_dir()?;
    let protected = [
        (Protected::Content, args.content.as_path()),
        (Protected::Themes, themes.as_path()),
        (Protected::Current, cwd.as_path()),
    ];
    guard::check_places(&args.out, &protected)?;
    Ok(())
}
