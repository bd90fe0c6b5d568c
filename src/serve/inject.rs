//! What the preview adds to the HTML pages it sends, and to nothing else: the error
//! overlay right after `<body…>` and the reload script before `</body>`. The built site
//! itself never contains either.

use super::EVENTS_PATH;

/// The page as sent: `overlay` (if any) first in the body, then the page, then the reload
/// script for `version` (the build the page comes from).
pub fn page(html: &[u8], overlay: Option<&str>, version: &str) -> Vec<u8> {
    let script = reload_script(version);
    let mut out = Vec::with_capacity(html.len() + script.len() + overlay.map_or(0, str::len));
    let body_start = find(html, b"<body")
        .and_then(|i| find(&html[i..], b">").map(|j| i + j + 1))
        .unwrap_or(0);
    let body_end = rfind(html, b"</body>")
        .filter(|&e| e >= body_start)
        .unwrap_or(html.len());
    out.extend_from_slice(&html[..body_start]);
    if let Some(o) = overlay {
        out.extend_from_slice(o.as_bytes());
    }
    out.extend_from_slice(&html[body_start..body_end]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[body_end..]);
    out
}

/// A page for when no site has built yet: only the overlay.
pub fn empty_page(title: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title></head><body></body></html>",
        crate::render::escape::html(title)
    )
    .into_bytes()
}

/// Listen for rebuilds; reload when the server's version is no longer the page's. The
/// version (digits and a dash) comes from the server, never from content. EventSource
/// reconnects by itself when the server restarts; the new run's version then differs.
/// A hidden tab closes its stream (a browser opens at most 6 connections to one server
/// over HTTP/1.1, so many open tabs would otherwise block new pages) and, shown again,
/// reconnects: the version it then hears says whether it missed a rebuild.
pub fn reload_script(version: &str) -> String {
    format!(
        "<script>(function(){{if(!window.EventSource)return;var v=\"{version}\",es=null;\
         function open(){{es=new EventSource(\"{EVENTS_PATH}\");\
         es.onmessage=function(e){{if(e.data!==v){{es.close();location.reload();}}}};}}\
         document.addEventListener(\"visibilitychange\",function(){{\
         if(document.hidden){{if(es){{es.close();es=null;}}}}else if(!es){{open();}}}});\
         if(!document.hidden)open();}})();</script>"
    )
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_after_body_and_script_before_its_end() {
        let html = b"<html><body class=\"x\"><p>hi</p></body></html>";
        let out = String::from_utf8(page(html, Some("<section>E</section>"), "1-2")).unwrap();
        assert!(out.starts_with("<html><body class=\"x\"><section>E</section><p>hi</p><script>"));
        assert!(out.ends_with("</script></body></html>"));
        assert!(out.contains("var v=\"1-2\""));
    }

    #[test]
    fn a_fragment_without_body_still_gets_both() {
        let out = String::from_utf8(page(b"<p>hi</p>", Some("O"), "1-0")).unwrap();
        assert!(out.starts_with("O<p>hi</p><script>"));
    }
}
