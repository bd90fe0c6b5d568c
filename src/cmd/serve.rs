//! `tuoyu serve`: build into memory, watch, serve; print what happens in the editor's
//! language. The work is in [`tuoyu::serve`]; this only wires it together.
//!
//! Ctrl-C ends the process with the default signal action: the preview writes no file
//! and holds nothing that needs closing, so there is nothing to clean up.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use tuoyu::diagnostics::catalogue::serve as msg;
use tuoyu::diagnostics::{Format, Lang, Text};
use tuoyu::serve::site::{self, Outcome, Problems, Sources};
use tuoyu::serve::state::Preview;
use tuoyu::serve::{http, overlay, watch};

use crate::cli::ServeArgs;

/// Build, watch and serve until stopped (Ctrl-C); returns only when the server fails.
pub fn run(args: &ServeArgs, lang: Lang) -> anyhow::Result<bool> {
    let sources = Sources {
        content: args.content.clone(),
        themes: args
            .themes
            .clone()
            .unwrap_or_else(|| super::build::themes_beside(&args.content)),
    };
    let session = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default();
    let preview = Arc::new(Preview::new(session));
    let memo = site::Memo::default();
    publish(site::rebuild_with(&sources, &memo), &preview, true, lang);
    let _watcher = start_watching(&sources, &preview, memo, lang)?;
    let (listener, port) = match http::bind(args.bind, args.port) {
        Ok(bound) => bound,
        Err(e) => anyhow::bail!(say(
            Text::new(&msg::SERVE_NO_PORT)
                .arg("addr", args.bind.to_string())
                .arg("first", u32::from(args.port))
                .arg(
                    "last",
                    u32::from(args.port.saturating_add(http::PORT_TRIES))
                )
                .arg("error", e.to_string()),
            lang
        )),
    };
    let url = announce(args, &sources, port, lang);
    if args.open {
        open_browser(&url, lang);
    }
    http::serve(listener, preview)?;
    Ok(true)
}

/// Say where the preview is (and whether the port or the address is not the usual one).
fn announce(args: &ServeArgs, sources: &Sources, port: u16, lang: Lang) -> String {
    if port != args.port {
        let t = Text::new(&msg::SERVE_PORT_TAKEN)
            .arg("port", u32::from(args.port))
            .arg("other", u32::from(port));
        println!("{}", say(t, lang));
    }
    if !args.bind.is_loopback() {
        let t = Text::new(&msg::SERVE_NOT_LOCAL).arg("addr", args.bind.to_string());
        println!("{}", say(t, lang));
    }
    // 0.0.0.0 listens everywhere but is no address to open: show this computer's.
    let shown = if args.bind.is_unspecified() {
        std::net::IpAddr::from([127, 0, 0, 1])
    } else {
        args.bind
    };
    let url = format!("http://{}/", SocketAddr::new(shown, port));
    println!("{}", say(Text::new(&msg::SERVE_URL).arg("url", &url), lang));
    let hint = Text::new(&msg::SERVE_HINT)
        .arg("content", sources.content.display().to_string())
        .arg("themes", sources.themes.display().to_string());
    println!("{}", say(hint, lang));
    url
}

fn say(t: Text, lang: Lang) -> String {
    t.render(lang)
}

/// Rebuild on every change, on the watcher's thread.
fn start_watching(
    sources: &Sources,
    preview: &Arc<Preview>,
    memo: site::Memo,
    lang: Lang,
) -> anyhow::Result<watch::Watcher> {
    let (src, state) = (sources.clone(), Arc::clone(preview));
    let dirs = [sources.content.as_path(), sources.themes.as_path()];
    watch::watch(&dirs, move || {
        publish(site::rebuild_with(&src, &memo), &state, false, lang)
    })
    .map_err(|e| {
        anyhow::anyhow!(say(
            Text::new(&msg::SERVE_WATCH_FAILED)
                .arg("dir", e.dir.display().to_string())
                .arg("error", e.error.to_string()),
            lang
        ))
    })
}

/// Print a rebuild's outcome and hand it to the server.
fn publish(outcome: Outcome, preview: &Preview, first: bool, lang: Lang) {
    eprint!("{}", outcome.diagnostics.render(Format::Human, lang));
    let ms = outcome.took.as_millis() as u64;
    match outcome.result {
        Ok(files) => {
            let t = if first {
                Text::new(&msg::SERVE_BUILT)
                    .arg("ms", ms)
                    .arg("files", files.len())
            } else {
                Text::new(&msg::SERVE_REBUILT).arg("ms", ms)
            };
            preview.publish_site(files);
            println!("{}", say(t, lang));
        }
        Err(problems) => {
            if let Problems::Other(e) = &problems {
                eprintln!(
                    "{}",
                    say(
                        Text::new(&msg::SERVE_OTHER_FAILED).arg("error", e.clone()),
                        lang
                    )
                );
            }
            let have_site = preview.snapshot().site.is_some();
            preview.publish_problems(overlay::html(&problems, have_site, lang));
            println!("{}", say(Text::new(&msg::SERVE_FAILED).arg("ms", ms), lang));
        }
    }
}

/// Best effort: the URL is printed either way.
fn open_browser(url: &str, lang: Lang) {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        let t = Text::new(&msg::SERVE_OPEN_FAILED)
            .arg("error", e.to_string())
            .arg("url", url);
        eprintln!("{}", say(t, lang));
    }
}
