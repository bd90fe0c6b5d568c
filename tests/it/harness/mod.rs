//! Harness for the browser tests (accessibility.rs, browser.rs, search_scale.rs): a
//! chromedriver started per test, headless Chromium sessions, polling waits. The static file
//! server is in server.rs, site builds in sites.rs, axe-core in axe.rs, the search helpers in
//! search.rs. Every test using it is `#[ignore = "needs chromium and chromedriver"]`; run, it
//! fails when they are missing (common/needs.rs).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::common::needs;
use server::http_get;

pub mod axe;
pub mod search;
pub mod server;
pub mod sites;

/// How long a wait polls before it fails.
pub const WAIT: Duration = Duration::from_secs(5);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free local port")
        .port()
}

// ---------------------------------------------------------------------------------------------
// chromedriver + sessions

/// A chromedriver process owned by one test; dropping it ends its sessions and the process.
pub struct Driver {
    child: Child,
    port: u16,
    chrome: PathBuf,
    /// Fresh `--user-data-dir`s (one per session) and chromedriver's log.
    tmp: tempfile::TempDir,
    sessions: usize,
}

/// What a session looks like.
#[derive(Clone, Copy, Debug)]
pub struct Opts {
    pub width: u32,
    pub height: u32,
    pub js: bool,
}

pub const PHONE: Opts = Opts {
    width: 390,
    height: 844,
    js: true,
};
pub const DESKTOP: Opts = Opts {
    width: 1366,
    height: 900,
    js: true,
};

impl Driver {
    /// chromedriver's port (for its Chrome DevTools endpoint, `goog/cdp/execute`).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Start chromedriver (failing the test when Chromium or chromedriver is missing).
    pub fn start() -> Driver {
        let (chrome, driver) = needs::chromium_and_chromedriver();
        let tmp = tempfile::tempdir().expect("temp dir");
        let log = tmp.path().join("chromedriver.log");
        let port = free_port();
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
        let mut d = Driver {
            child,
            port,
            chrome,
            tmp,
            sessions: 0,
        };
        let start = Instant::now();
        loop {
            if let Ok((200, body)) = http_get(port, "/status")
                && String::from_utf8_lossy(&body).contains("\"ready\":true")
            {
                break;
            }
            if let Ok(Some(status)) = d.child.try_wait() {
                panic!(
                    "chromedriver exited at start ({status}):\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "chromedriver did not answer on port {port} within 10 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        d
    }

    /// A new headless Chromium session with a fresh profile, its viewport `o.width` CSS px wide.
    pub async fn session(&mut self, o: Opts) -> Client {
        self.sessions += 1;
        let profile = self.tmp.path().join(format!("profile-{}", self.sessions));
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-extensions".into(),
            "--no-first-run".into(),
            "--lang=zh-CN".into(),
            format!("--user-data-dir={}", profile.display()),
            format!("--window-size={},{}", o.width, o.height),
        ];
        let mut prefs = serde_json::Map::new();
        if !o.js {
            args.push("--blink-settings=scriptEnabled=false".into());
            prefs.insert(
                "profile.managed_default_content_settings.javascript".into(),
                json!(2),
            );
        }
        let caps = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "goog:chromeOptions": {
                "binary": self.chrome,
                "args": args,
                "prefs": prefs,
            },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let url = format!("http://127.0.0.1:{}", self.port);
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session via chromedriver: {e}"));
        if o.js {
            fit_viewport(&c, o.width, o.height).await;
        }
        c
    }
}

/// Resize the window so that `window.innerWidth` is exactly `width`.
async fn fit_viewport(c: &Client, width: u32, height: u32) {
    c.goto("about:blank").await.expect("about:blank");
    let (mut w, mut h) = (width, height);
    for _ in 0..3 {
        c.set_window_size(w, h).await.expect("set window size");
        let inner = eval(c, "return window.innerWidth")
            .await
            .as_u64()
            .unwrap_or(0) as i64;
        if inner == i64::from(width) {
            return;
        }
        w = (i64::from(w) + i64::from(width) - inner).max(100) as u32;
        h = height + 100;
    }
    panic!("could not make the viewport {width} px wide");
}

impl Drop for Driver {
    fn drop(&mut self) {
        // /shutdown quits every session (and so Chromium) before chromedriver exits.
        let _ = http_get(self.port, "/shutdown");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// Script, waits, navigation

/// Run a script (a function body; `return` a value).
pub async fn eval(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Poll `f` every 50 ms until it gives Some, for up to `WAIT`; then fail naming `what`.
pub async fn wait_for<T>(what: &str, mut f: impl AsyncFnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        if start.elapsed() > WAIT {
            panic!("timed out after {} s waiting for {what}", WAIT.as_secs());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Go to `url` and wait for the document to be complete.
pub async fn open(c: &Client, url: &str) {
    c.goto(url)
        .await
        .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
}

/// The element for a CSS selector, waiting for it to exist.
pub async fn find(c: &Client, css: &str) -> fantoccini::elements::Element {
    wait_for(
        &format!("element `{css}` on {}", url_of(c).await),
        async || c.find(Locator::Css(css)).await.ok(),
    )
    .await
}

pub async fn url_of(c: &Client) -> String {
    c.current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// `file://` URL of a file in a built site.
pub fn file_url(path: &Path) -> String {
    let p = path.canonicalize().expect("canonical path");
    format!("file://{}", p.display())
}

/// Whether the page scrolls sideways: Some(description) when it does.
pub async fn horizontal_overflow(c: &Client) -> Option<String> {
    let v = eval(
        c,
        r#"const d = document.documentElement, w = window.innerWidth;
        if (d.scrollWidth <= w) return null;
        const wide = [];
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > w + 0.5 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
            let s = el.tagName.toLowerCase();
            if (el.id) s += '#' + el.id;
            if (typeof el.className === 'string' && el.className.trim())
              s += '.' + el.className.trim().split(/\s+/).join('.');
            wide.push(s + ' (right edge ' + Math.round(r.right) + ' px)');
          }
        }
        return 'scrollWidth ' + d.scrollWidth + ' > innerWidth ' + w + '; elements past the edge: '
          + wide.slice(0, 8).join(', ');"#,
    )
    .await;
    v.as_str().map(str::to_string)
}

/// Turn on the large-text mode by clicking the theme's button (as a user would).
pub async fn turn_on_large_text(c: &Client) {
    turn_on_mode(c, "text-size-toggle", "large-text").await;
}

/// Turn on the high-contrast mode by clicking the theme's button.
pub async fn turn_on_high_contrast(c: &Client) {
    turn_on_mode(c, "contrast-toggle", "high-contrast").await;
}

/// Click the header button `#id` until `<html>` has the class `cls`; its aria-pressed says so.
async fn turn_on_mode(c: &Client, id: &str, cls: &str) {
    let on = format!("return document.documentElement.classList.contains('{cls}')");
    if eval(c, &on).await == json!(true) {
        return;
    }
    let css = format!("#{id}");
    let btn = wait_for(&format!("a visible {css} button"), async || {
        let b = c.find(Locator::Css(&css)).await.ok()?;
        b.is_displayed().await.ok()?.then_some(b)
    })
    .await;
    btn.click().await.expect("click the mode button");
    wait_for(
        &format!("the {cls} class after clicking the button"),
        async || (eval(c, &on).await == json!(true)).then_some(()),
    )
    .await;
    assert_eq!(
        btn.attr("aria-pressed").await.ok().flatten().as_deref(),
        Some("true"),
        "the {cls} button reports its state with aria-pressed"
    );
}

// ---------------------------------------------------------------------------------------------
// Running

/// Start chromedriver and run `f` on a fresh current-thread runtime (failing when the browser
/// is missing). The driver (and its sessions) end afterwards, also when `f` panics.
pub fn with_browser(test: &str, f: impl AsyncFnOnce(&mut Driver)) {
    let mut d = Driver::start();
    let started = Instant::now();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(f(&mut d));
    eprintln!(
        "{test}: {:.1} s in the browser",
        started.elapsed().as_secs_f64()
    );
}
