//! The error overlay: while the content has errors, every HTML page the preview sends
//! starts with this box, listing each error as `file:line:col`, its message, its help and
//! the lines of the file around it. It is plain HTML put into the page by the server (no
//! script needed) and every piece of it is escaped: the messages quote the editors' text.

use std::fmt::Write as _;

use crate::diagnostics::catalogue::serve as msg;
use crate::diagnostics::{Diagnostic, Lang, Severity, Text};
use crate::render::escape::html as escape;

use super::site::Problems;

/// Errors listed in full; the rest are counted (the terminal has them all).
pub const SHOWN: usize = 20;

/// The overlay for a failed rebuild. `have_site` says whether a last good site is shown
/// below it.
pub fn html(problems: &Problems, have_site: bool, lang: Lang) -> String {
    let mut out = String::new();
    let label = Text::new(&msg::OVERLAY_LABEL).render(lang);
    let _ = write!(
        out,
        "<section id=\"tuoyu-overlay\" role=\"alert\" aria-label=\"{}\" style=\"{BOX}\">",
        escape(&label)
    );
    let errors: Vec<&Diagnostic> = match problems {
        Problems::Content(d) => d
            .sorted()
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
        Problems::Other(_) => Vec::new(),
    };
    let title = match problems {
        Problems::Content(_) => Text::new(&msg::OVERLAY_TITLE).arg("errors", errors.len()),
        Problems::Other(_) => Text::new(&msg::OVERLAY_FAILED),
    };
    let _ = write!(
        out,
        "<h2 style=\"{TITLE}\">{}</h2>",
        escape(&title.render(lang))
    );
    let status = if have_site {
        &msg::OVERLAY_KEPT
    } else {
        &msg::OVERLAY_NOTHING_YET
    };
    let _ = write!(
        out,
        "<p>{}</p>",
        escape(Text::new(status).render(lang).as_str())
    );
    if let Problems::Other(e) = problems {
        let _ = write!(
            out,
            "<pre style=\"{PRE}\">{}</pre>",
            escape(&e.render(lang))
        );
    }
    out.push_str("<ol style=\"margin:0;padding-left:1.5em\">");
    for d in errors.iter().take(SHOWN) {
        item(d, lang, &mut out);
    }
    out.push_str("</ol>");
    if errors.len() > SHOWN {
        let more = Text::new(&msg::OVERLAY_MORE).arg("n", errors.len() - SHOWN);
        let _ = write!(out, "<p>{}</p>", escape(&more.render(lang)));
    }
    out.push_str("</section>");
    out
}

/// One error: where, what, help, and the source lines.
fn item(d: &Diagnostic, lang: Lang, out: &mut String) {
    let place = format!("{}:{}:{}", d.file, d.line, d.column);
    let _ = write!(
        out,
        "<li style=\"margin:.75em 0\"><p style=\"margin:0\"><code style=\"{CODE}\">{}</code> {}</p>",
        escape(&place),
        escape(&d.message.render(lang))
    );
    if let Some(help) = &d.help {
        let help = Text::new(&msg::OVERLAY_HELP).arg("help", help.clone());
        let _ = write!(
            out,
            "<p style=\"margin:.25em 0\">{}</p>",
            escape(&help.render(lang))
        );
    }
    if let Some(snippet) = snippet(&d.file, d.line as usize) {
        let _ = write!(out, "<pre style=\"{PRE}\">{snippet}</pre>");
    }
    out.push_str("</li>");
}

/// The line before, the line itself (marked `>`) and the line after, numbered and
/// escaped; `None` when the file cannot be read (it may have gone since).
fn snippet(file: &str, line: usize) -> Option<String> {
    let text = std::fs::read(file).ok()?;
    let text = String::from_utf8_lossy(&text);
    let first = line.saturating_sub(1).max(1);
    let mut out = String::new();
    for (n, l) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if n < first {
            continue;
        }
        if n > line + 1 {
            break;
        }
        let mark = if n == line { "&gt;" } else { " " };
        let l = l.trim_start_matches('\u{feff}');
        let _ = writeln!(out, "{mark}{n:>4} | {}", escape(l));
    }
    (!out.is_empty()).then_some(out)
}

// Inline styles: the overlay must look the same whatever the theme's CSS, large and
// high-contrast like the site itself.
const BOX: &str = "position:relative;z-index:2147483647;margin:0;padding:1em 1.25em;\
background:#fff4f4;color:#1a1a1a;border:4px solid #b00020;font:18px/1.6 sans-serif;text-align:left";
const TITLE: &str = "margin:0 0 .5em;font-size:1.3em;color:#b00020";
const CODE: &str = "font-weight:bold;font-family:monospace";
const PRE: &str = "margin:.25em 0;padding:.5em;background:#fff;border:1px solid #ccc;\
overflow-x:auto;font:16px/1.5 monospace;white-space:pre";
