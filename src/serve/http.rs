//! A small HTTP/1.1 server on `std::net` for the preview: GET and HEAD, one thread per
//! connection, every response `Connection: close` (a preview has one reader; keep-alive
//! would only add state). `/` means `index.html`, a missing file gets the site's
//! `404.html`, and `/__tuoyu/events` is a server-sent event stream that says the current
//! build's version on connect and on every rebuild.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::state::{Preview, Snapshot};
use super::{EVENTS_PATH, inject};

/// Ports tried after the one asked for, when it is taken.
pub const PORT_TRIES: u16 = 20;

/// A request head larger than this is refused (a preview's requests are tiny).
const MAX_HEAD: usize = 16 * 1024;

/// Bind `addr:port`, or the next free port: the listener and the port it got, or the
/// error of the last port tried.
pub fn bind(addr: IpAddr, port: u16) -> io::Result<(TcpListener, u16)> {
    let mut last = None;
    for p in (port..=port.saturating_add(PORT_TRIES)).take(usize::from(PORT_TRIES) + 1) {
        match TcpListener::bind(SocketAddr::new(addr, p)) {
            Ok(l) => {
                let got = l.local_addr().map(|a| a.port()).unwrap_or(p);
                return Ok((l, got));
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AddrInUse)))
}

/// Accept connections until the listener fails; each is answered on its own thread.
pub fn serve(listener: TcpListener, preview: Arc<Preview>) -> io::Result<()> {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let preview = Arc::clone(&preview);
        // A broken connection concerns only that request.
        std::thread::spawn(move || {
            let _ = handle(stream, &preview);
        });
    }
    Ok(())
}

/// Read one request and answer it.
fn handle(mut stream: TcpStream, preview: &Preview) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some((method, target)) = read_head(&stream)? else {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad request",
            false,
        );
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"GET or HEAD only",
            false,
        );
    }
    let path = decode_path(&target);
    if path == EVENTS_PATH {
        return events(stream, preview);
    }
    let snapshot = preview.snapshot();
    let (status, file, bytes) = lookup(&snapshot, &path);
    let ctype = content_type(&file);
    if ctype.starts_with("text/html") {
        let overlay = snapshot.overlay.as_deref().map(String::as_str);
        let page = inject::page(&bytes, overlay, &snapshot.version);
        return respond(&mut stream, status, ctype, &page, head_only);
    }
    respond(&mut stream, status, ctype, &bytes, head_only)
}

/// The request line's method and target; the headers are read and ignored.
fn read_head(stream: &TcpStream) -> io::Result<Option<(String, String)>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let request = (method.to_string(), target.to_string());
    let mut read = line.len();
    loop {
        let mut header = String::new();
        let n = reader.read_line(&mut header)?;
        read += n;
        if n == 0 || header.trim().is_empty() {
            return Ok(Some(request));
        }
        if read > MAX_HEAD {
            return Ok(None);
        }
    }
}

/// The output path a request target names: percent-decoded, without query or fragment,
/// without leading `/`; a folder means its `index.html`.
pub fn decode_path(target: &str) -> String {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let mut bytes = Vec::with_capacity(raw.len());
    let mut it = raw.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex: Vec<u8> = it.clone().take(2).collect();
            if let Some(v) = std::str::from_utf8(&hex)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                bytes.push(v);
                it.nth(1);
                continue;
            }
        }
        bytes.push(b);
    }
    let path = String::from_utf8_lossy(&bytes).into_owned();
    if path == EVENTS_PATH {
        return path;
    }
    let rel = path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// The file for a path: itself, `<path>/index.html`, or the site's 404 page; a page
/// that fails to render is a 500 with the reason.
fn lookup(snapshot: &Snapshot, path: &str) -> (u16, String, Arc<Vec<u8>>) {
    let Some(site) = &snapshot.site else {
        return (
            404,
            "404.html".into(),
            Arc::new(inject::empty_page("tuoyu")),
        );
    };
    let index = format!("{path}/index.html");
    for p in [path, index.as_str(), "404.html"] {
        let status = if p == "404.html" && path != p {
            404
        } else {
            200
        };
        match site.get(p) {
            Some(Ok(bytes)) => return (status, p.to_string(), bytes),
            Some(Err(e)) => return (500, "error.txt".into(), Arc::new(e.into_bytes())),
            None => {}
        }
    }
    (
        404,
        "404.html".into(),
        Arc::new(inject::empty_page("tuoyu")),
    )
}

/// The stream of versions: one event now, one per rebuild, a comment every 15 s so that
/// a closed page ends its thread.
fn events(mut stream: TcpStream, preview: &Preview) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: close\r\n\r\nretry: 500\n\n",
    )?;
    let mut version = preview.snapshot().version;
    write!(stream, "data: {version}\n\n")?;
    loop {
        let now = preview.wait_change(&version, Duration::from_secs(15));
        if now == version {
            stream.write_all(b": ping\n\n")?;
        } else {
            version = now;
            write!(stream, "data: {version}\n\n")?;
        }
        stream.flush()?;
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    ctype: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The content type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_files() {
        assert_eq!(decode_path("/"), "index.html");
        assert_eq!(decode_path("/districts/a.html?q=1"), "districts/a.html");
        assert_eq!(decode_path("/docs/"), "docs/index.html");
        assert_eq!(decode_path("/%E5%85%B3%E4%BA%8E.html"), "关于.html");
        assert_eq!(decode_path("/__tuoyu/events"), EVENTS_PATH);
        assert_eq!(decode_path("/bad%zz"), "bad%zz");
    }
}
