//! `tuoyu serve`, end to end: the binary started on a copy of `tests/fixtures/valid-small`
//! on a free port, read with plain HTTP requests (std `TcpStream`), while the test edits
//! the content the way editors' programs save it. The browser test (ignored without
//! Chromium) checks that an open page reloads by itself.
//!
//! Self-contained: its helpers are below, not in `tests/common`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid-small");
const DONGWANG: &str = "filed/chengyang-dongwang.yaml";

// ---------------------------------------------------------------------------------------------
// Helpers

/// A running `tuoyu serve` on a copy of the fixture; dropping it kills the server.
struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Start on a free port and wait until the first page is served.
    fn start(extra: &[&str]) -> Server {
        let mut server = Self::spawn(free_port(), extra, |_| {});
        server.wait_ready();
        server
    }

    /// Start without waiting (the caller may expect another port), after `prepare` has
    /// had the content folder.
    fn spawn(port: u16, extra: &[&str], prepare: impl FnOnce(&Path)) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(Path::new(FIXTURE), &dir.path().join("content"));
        prepare(&dir.path().join("content"));
        let log = |name: &str| std::fs::File::create(dir.path().join(name)).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
            .args(["serve", "--content", "content", "--port", &port.to_string()])
            .args(extra)
            .current_dir(dir.path())
            .env_remove("TUOYU_LANG")
            .stdin(Stdio::null())
            .stdout(log("stdout.log"))
            .stderr(log("stderr.log"))
            .spawn()
            .expect("start tuoyu serve");
        Server { child, port, dir }
    }

    fn wait_ready(&mut self) {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("tuoyu serve exited ({status}):\n{}", self.output());
            }
            if self.url_printed() && get(self.port, "/").is_ok_and(|r| r.status != 0) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "tuoyu serve did not answer within 60 s:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn url_printed(&self) -> bool {
        self.stdout().contains("http://")
    }

    fn stdout(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("stdout.log")).unwrap_or_default()
    }

    fn output(&self) -> String {
        let err = std::fs::read_to_string(self.dir.path().join("stderr.log")).unwrap_or_default();
        format!("stdout:\n{}\nstderr:\n{err}", self.stdout())
    }

    fn content(&self, rel: &str) -> PathBuf {
        self.dir.path().join("content").join(rel)
    }

    /// Save a file the way many editors do: write a temporary file, rename it over.
    fn save(&self, rel: &str, text: &str) {
        let path = self.content(rel);
        let tmp = path.with_extension("yaml.tmp~");
        std::fs::write(&tmp, text).expect("write temp file");
        std::fs::rename(&tmp, &path).expect("rename over the file");
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content(rel)).expect("read content file")
    }

    fn page(&self, path: &str) -> Response {
        get(self.port, path).unwrap_or_else(|e| panic!("GET {path}: {e}\n{}", self.output()))
    }

    /// Poll `path` until `ok` holds for it, for at most `within`.
    fn wait_for(&self, path: &str, within: Duration, what: &str, ok: impl Fn(&Response) -> bool) {
        let start = Instant::now();
        loop {
            let r = self.page(path);
            if ok(&r) {
                return;
            }
            assert!(
                start.elapsed() < within,
                "{path}: {what} not seen within {within:?}; last body:\n{}\n{}",
                r.body,
                self.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

/// One GET over a fresh connection; the body ends at its Content-Length, or when the
/// server closes the connection.
fn get(port: u16, path: &str) -> std::io::Result<Response> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = s.read(&mut buf)?;
        raw.extend_from_slice(&buf[..n]);
        if n == 0 || complete(&raw) {
            break;
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    })
}

/// Whether a response with a Content-Length has all of its body.
fn complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    head.lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .is_some_and(|len| raw.len() >= end + 4 + len)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

fn has_overlay(r: &Response) -> bool {
    r.body.contains("id=\"tuoyu-overlay\"")
}

// ---------------------------------------------------------------------------------------------
// Serving

#[test]
fn serves_the_site_from_memory_with_the_reload_script_in_html_only() {
    let server = Server::start(&[]);
    let home = server.page("/");
    assert_eq!(home.status, 200);
    assert!(home.head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(home.body.contains("new EventSource(\"/__tuoyu/events\")"));
    assert!(
        home.body.trim_end().ends_with("</html>"),
        "script inside the page"
    );
    assert!(!has_overlay(&home));
    assert_eq!(server.page("/index.html").status, 200);

    let csv = server.page("/data/institutions.csv");
    assert_eq!(csv.status, 200);
    assert!(csv.head.contains("text/csv"));
    assert!(
        !csv.body.contains("EventSource"),
        "no script outside HTML pages"
    );

    let missing = server.page("/institutions/no-such-place.html");
    assert_eq!(missing.status, 404);
    let not_found = server.page("/404.html").body;
    assert_eq!(missing.body, not_found, "the site's own 404 page");

    assert!(server.stdout().contains("预览地址：http://127.0.0.1:"));
    assert!(server.stdout().contains("已构建（"));
    assert!(
        !server.dir.path().join("public").exists(),
        "nothing written to public/"
    );
}

#[test]
fn a_renamed_institution_shows_within_two_seconds() {
    let server = Server::start(&[]);
    let page = "/institutions/chengyang-dongwang.html";
    assert!(server.page(page).body.contains("东旺疃社区托育园"));
    let text = server
        .read(DONGWANG)
        .replace("东旺疃社区托育园", "东旺疃社区阳光托育园");
    server.save(DONGWANG, &text);
    server.wait_for(page, Duration::from_secs(2), "the new name", |r| {
        r.body.contains("东旺疃社区阳光托育园")
    });
    assert!(
        server.stdout().contains("已重新构建（"),
        "{}",
        server.output()
    );
}

#[test]
fn content_errors_show_on_every_page_until_fixed() {
    let server = Server::start(&[]);
    let good = server.read(DONGWANG);
    let line = good.lines().count() + 1;
    // Rewritten in place (truncate and write), the other way editors save.
    std::fs::write(server.content(DONGWANG), format!("{good}capcity: 1\n")).expect("write");
    let place = format!("{DONGWANG}:{line}:1");
    let pages = ["/", "/institutions/shinan-yuanyuan.html"];
    for page in pages {
        server.wait_for(page, Duration::from_secs(3), "the overlay", |r| {
            has_overlay(r) && r.body.contains(&place) && r.body.contains("capcity")
        });
        let r = server.page(page);
        assert_eq!(r.status, 200, "the last good site stays served");
        assert!(r.body.contains("内容有 1 个错误"), "{}", r.body);
        assert!(r.body.contains("<pre"), "the snippet");
    }
    std::fs::write(server.content(DONGWANG), &good).expect("write");
    for page in pages {
        server.wait_for(page, Duration::from_secs(3), "the overlay gone", |r| {
            !has_overlay(r) && r.status == 200
        });
    }
}

#[test]
fn content_broken_from_the_start_shows_the_errors_then_the_site() {
    let broken = |content: &Path| {
        let path = content.join(DONGWANG);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, format!("{text}capcity: 1\n")).expect("write");
    };
    let mut server = Server::spawn(free_port(), &[], broken);
    server.wait_ready();
    let home = server.page("/");
    assert!(has_overlay(&home), "{}", home.body);
    assert!(home.body.contains("还没有成功构建过网站"));
    assert!(home.body.contains("new EventSource"), "reloads once fixed");
    let fixed = server.read(DONGWANG).replace("capcity: 1\n", "");
    server.save(DONGWANG, &fixed);
    server.wait_for("/", Duration::from_secs(3), "the site", |r| {
        r.status == 200 && !has_overlay(r)
    });
}

#[test]
fn the_overlay_escapes_the_content() {
    let server = Server::start(&[]);
    let good = server.read(DONGWANG);
    std::fs::write(server.content(DONGWANG), format!("{good}\"<b>x</b>\": 1\n")).expect("write");
    server.wait_for("/", Duration::from_secs(3), "the overlay", has_overlay);
    let body = server.page("/").body;
    assert!(!body.contains("<b>x</b>"), "raw markup from the content");
    assert!(body.contains("&lt;b&gt;x&lt;/b&gt;"));
}

#[test]
fn a_port_in_use_takes_the_next_free_one_and_says_so() {
    // Hold a port whose next one is free.
    let (held, port) = loop {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        let p = l.local_addr().expect("addr").port();
        if p < u16::MAX && TcpListener::bind(("127.0.0.1", p + 1)).is_ok() {
            break (l, p);
        }
    };
    let mut server = Server::spawn(port, &["--lang", "en"], |_| {});
    server.port = port + 1;
    server.wait_ready();
    assert_eq!(server.page("/").status, 200);
    let out = server.stdout();
    assert!(
        out.contains(&format!("port {port} is in use; using port {}", port + 1)),
        "{out}"
    );
    assert!(
        out.contains(&format!("Preview: http://127.0.0.1:{}/", port + 1)),
        "{out}"
    );
    drop(held);
}

// ---------------------------------------------------------------------------------------------
// In a browser

/// Chromium + chromedriver: `cargo test --test serve -- --ignored`.
#[test]
#[ignore = "needs chromium and chromedriver"]
fn an_open_page_reloads_by_itself_after_an_edit() {
    let server = Server::start(&[]);
    let driver = Chromedriver::start();
    let url = format!(
        "http://127.0.0.1:{}/institutions/chengyang-dongwang.html",
        server.port
    );
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(async {
            let c = driver.session().await;
            c.goto(&url).await.expect("open the page");
            // A mark that only survives as long as the page is not reloaded.
            c.execute("window.__notReloaded = true;", vec![])
                .await
                .expect("mark");
            let text = server
                .read(DONGWANG)
                .replace("东旺疃社区托育园", "东旺疃社区星星托育园");
            server.save(DONGWANG, &text);
            let start = Instant::now();
            loop {
                let v = c
                    .execute(
                        "return [window.__notReloaded === true, document.body.innerText];",
                        vec![],
                    )
                    .await
                    .expect("read the page");
                let marked = v[0].as_bool().unwrap_or(true);
                let shows = v[1].as_str().unwrap_or("").contains("东旺疃社区星星托育园");
                if !marked && shows {
                    break;
                }
                assert!(
                    start.elapsed() < Duration::from_secs(5),
                    "the page did not reload by itself within 5 s\n{}",
                    server.output()
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let _ = c.close().await;
        });
}

/// A chromedriver process for the browser test; dropping it stops it. Fails loudly when
/// Chromium or chromedriver is missing (the test is only run when asked for).
struct Chromedriver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Chromedriver {
    fn start() -> Chromedriver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver must be installed (apt-get install chromium chromium-driver)");
        let d = Chromedriver {
            child,
            port,
            profile: tempfile::tempdir().expect("temp dir"),
        };
        let start = Instant::now();
        while get(port, "/status")
            .map(|r| !r.body.contains("\"ready\":true"))
            .unwrap_or(true)
        {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        d
    }

    async fn session(&self) -> fantoccini::Client {
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", self.profile.path().display()),
                ],
            },
        });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!("a JSON object literal")
        };
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a Chromium session (is chromium installed?)")
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = get(self.port, "/shutdown");
        std::thread::sleep(Duration::from_millis(200));
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
