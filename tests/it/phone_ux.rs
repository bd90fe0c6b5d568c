//! The phone side of issue #11 in a real browser (headless Chromium via chromedriver):
//! 离我最近 (near.js with the geo index on the home page, the page's cards on a district page),
//! the first screen of a 390×844 phone (the `<h1>` within 250 px, the home search box
//! visible, a 菜单 that works without JavaScript, a notice that folds and stays folded), and
//! the 高对比 mode.
//!
//! The position is set through Chrome DevTools (`Browser.setPermission`,
//! `Emulation.setGeolocationOverride`), sent to chromedriver's `goog/cdp/execute` endpoint:
//! fantoccini has no CDP call of its own, and this keeps the page's real
//! `navigator.geolocation` in the path. Every test is ignored by `cargo test` (it needs
//! chromium and chromedriver) and fails without them when run.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::common;
use crate::harness::server::Server;
use crate::harness::{self, Driver, PHONE, eval, file_url, find, open, wait_for, with_browser};

/// One Chrome DevTools command through chromedriver (POST …/goog/cdp/execute).
fn cdp(port: u16, session: &str, cmd: &str, params: Value) -> Value {
    let body = json!({"cmd": cmd, "params": params}).to_string();
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect to chromedriver");
    s.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let req = format!(
        "POST /session/{session}/goog/cdp/execute HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    (&s).write_all(req.as_bytes()).expect("send a CDP command");
    let mut r = BufReader::new(&s);
    let mut status = String::new();
    r.read_line(&mut status).expect("CDP status line");
    let mut rest = String::new();
    r.read_to_string(&mut rest).ok();
    let json = rest.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    assert!(
        status.contains(" 200 "),
        "CDP {cmd} failed: {status} {json}"
    );
    serde_json::from_str(json).unwrap_or(Value::Null)
}

async fn session_id(c: &Client) -> String {
    c.session_id()
        .await
        .ok()
        .flatten()
        .expect("a WebDriver session id")
}

/// Allow (or deny) geolocation and, when allowed, put the phone at a WGS-84 position.
async fn set_position(d: &Driver, c: &Client, wgs: Option<(f64, f64)>) {
    let id = session_id(c).await;
    let setting = if wgs.is_some() { "granted" } else { "denied" };
    cdp(
        d.port(),
        &id,
        "Browser.setPermission",
        json!({"permission": {"name": "geolocation"}, "setting": setting}),
    );
    if let Some((lat, lng)) = wgs {
        cdp(
            d.port(),
            &id,
            "Emulation.setGeolocationOverride",
            json!({"latitude": lat, "longitude": lng, "accuracy": 10}),
        );
    }
}

/// The first located card of a district page: (id, GCJ-02 lat, lng), read from the page.
async fn located_card(c: &Client) -> (String, f64, f64) {
    let v = eval(
        c,
        r#"const c = document.querySelector('.street .card[data-lat]:not([data-cancelled])');
        if (!c) return null;
        const id = c.querySelector('a').getAttribute('href').replace(/^.*\//, '').replace(/\.html$/, '');
        return [id, parseFloat(c.dataset.lat), parseFloat(c.dataset.lng)];"#,
    )
    .await;
    let id = v[0]
        .as_str()
        .expect("a district card with data-lat")
        .to_string();
    (
        id,
        v[1].as_f64().unwrap_or(f64::NAN),
        v[2].as_f64().unwrap_or(f64::NAN),
    )
}

/// The record's GCJ-02 location converted back to WGS-84 (what a phone's GPS would say there),
/// with near.js's inverse; the conversion itself is checked against published pairs in
/// tests/js/near.test.js.
async fn wgs_of(c: &Client, lat: f64, lng: f64) -> (f64, f64) {
    let v = eval(
        c,
        &format!("const w = window.tuoyuGeo.gcj02ToWgs84({lat}, {lng}); return [w.lat, w.lng];"),
    )
    .await;
    (
        v[0].as_f64().unwrap_or(f64::NAN),
        v[1].as_f64().unwrap_or(f64::NAN),
    )
}

/// Press 离我最近 and wait for the list (or a message): (ids in order, metres, status text).
async fn press_near(c: &Client) -> (Vec<String>, Vec<f64>, String) {
    let btn = find(c, ".near .btn-near").await;
    assert!(
        btn.is_displayed().await.unwrap_or(false),
        "离我最近 is shown with JavaScript"
    );
    // (The theme scrolls smoothly: put the button in view at once, then click it as a user.)
    eval(c, "document.querySelector('.near .btn-near').scrollIntoView({block: 'center', behavior: 'instant'})").await;
    btn.click().await.expect("click 离我最近");
    let status = wait_for("the 离我最近 status after the position", async || {
        let s = eval(
            c,
            "return document.querySelector('.near-status').textContent",
        )
        .await;
        let s = s.as_str().unwrap_or("").to_string();
        (!s.is_empty() && !s.contains("正在")).then_some(s)
    })
    .await;
    let v = eval(
        c,
        r#"return Array.from(document.querySelectorAll('.near-list > li'), li => [
          li.querySelector('a').getAttribute('href').replace(/^.*\//, '').replace(/\.html$/, ''),
          li.hasAttribute('data-distance') ? parseFloat(li.dataset.distance) : -1]);"#,
    )
    .await;
    let rows = v.as_array().cloned().unwrap_or_default();
    let ids = rows
        .iter()
        .map(|r| r[0].as_str().unwrap_or("").to_string())
        .collect();
    let metres = rows.iter().map(|r| r[1].as_f64().unwrap_or(-1.0)).collect();
    (ids, metres, status)
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn near_me_lists_the_record_at_the_position_first() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    with_browser(
        "near_me_lists_the_record_at_the_position_first",
        async |d| {
            let c = d.session(PHONE).await;
            open(&c, &server.url("districts/chengyang.html")).await;
            let (id, lat, lng) = located_card(&c).await;
            let wgs = wgs_of(&c, lat, lng).await;
            set_position(d, &c, Some(wgs)).await;
            let mut bad = Vec::new();
            let pages = [
                server.url("districts/chengyang.html"),
                server.url("index.html"),
                format!("{}/index.html", file_url(&site)),
            ];
            for page in &pages {
                open(&c, page).await;
                let (ids, metres, status) = press_near(&c).await;
                if ids.first() != Some(&id)
                    || !metres.first().is_some_and(|m| (0.0..150.0).contains(m))
                {
                    bad.push(format!(
                        "{page}: expected {id} first under 150 m, got {ids:?} {metres:?} ({status})"
                    ));
                }
                let located: Vec<f64> = metres.iter().copied().filter(|m| *m >= 0.0).collect();
                if located.windows(2).any(|w| w[0] > w[1]) {
                    bad.push(format!("{page}: not nearest first: {metres:?}"));
                }
                let first_text = eval(
                    &c,
                    "return document.querySelector('.near-list .near-distance').textContent",
                )
                .await;
                if !first_text
                    .as_str()
                    .is_some_and(|t| t.ends_with(" 米") || t.contains("米以内"))
                {
                    bad.push(format!("{page}: first distance reads {first_text}"));
                }
            }
            // The district list puts the cards without a location last, saying so.
            open(&c, &server.url("districts/chengyang.html")).await;
            let (ids, metres, status) = press_near(&c).await;
            let cards = eval(
                &c,
                "return document.querySelectorAll('.street .card:not([data-cancelled])').length",
            )
            .await;
            if Some(ids.len() as u64) != cards.as_u64() {
                bad.push(format!("district list has {} of {cards} cards", ids.len()));
            }
            if let Some(k) = metres.iter().position(|m| *m < 0.0)
                && (metres[k..].iter().any(|m| *m >= 0.0) || !status.contains("没有公布位置"))
            {
                bad.push(format!(
                    "unlocated not last or not said: {metres:?} {status}"
                ));
            }
            assert!(bad.is_empty(), "离我最近:\n  {}", bad.join("\n  "));
            c.close().await.ok();
        },
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn near_me_denied_says_so_and_leaves_the_list() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    with_browser("near_me_denied_says_so_and_leaves_the_list", async |d| {
        let c = d.session(PHONE).await;
        open(&c, &server.url("index.html")).await;
        set_position(d, &c, None).await;
        for page in ["index.html", "districts/chengyang.html"] {
            open(&c, &server.url(page)).await;
            let order = "return Array.from(document.querySelectorAll('.street .card a'), a => a.href).join()";
            let before = eval(&c, order).await;
            let (ids, _, status) = press_near(&c).await;
            assert!(ids.is_empty(), "{page}: no list when denied: {ids:?}");
            assert!(
                status.contains("没有得到位置权限"),
                "{page}: message {status:?}"
            );
            assert_eq!(
                eval(&c, order).await,
                before,
                "{page}: the page's list is unchanged"
            );
        }
        c.close().await.ok();
    });
}

/// Pages of every type: (path, has a home search box).
fn first_screen_pages(site: &std::path::Path) -> Vec<String> {
    let mut pages: Vec<String> = [
        "index.html",
        "search.html",
        "districts/chengyang.html",
        "institutions/chengyang-sanli.html",
        "filed.html",
        "demonstration.html",
        "sites.html",
        "stats.html",
        "about.html",
        "changes.html",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    pages.retain(|p| site.join(p).is_file());
    assert!(pages.len() >= 9, "the build has the page types: {pages:?}");
    pages
}

const H1_LIMIT: f64 = 250.0;

#[test]
#[ignore = "needs chromium and chromedriver"]
fn phone_first_screen_shows_the_heading_and_the_search_box() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    let pages = first_screen_pages(&site);
    with_browser(
        "phone_first_screen_shows_the_heading_and_the_search_box",
        async |d| {
            let c = d.session(PHONE).await;
            let mut bad = Vec::new();
            for p in &pages {
                open(&c, &server.url(p)).await;
                let notice = eval(
                    &c,
                    "const n = document.querySelector('.notice'); return !!n && n.offsetHeight > 0",
                )
                .await;
                if notice != json!(true) {
                    bad.push(format!("{p}: the site notice is not shown"));
                }
                let top = eval(
                    &c,
                    "return document.querySelector('h1').getBoundingClientRect().bottom",
                )
                .await;
                let top = top.as_f64().unwrap_or(f64::MAX);
                eprintln!("{p}: h1 bottom at {top:.0} px");
                if top > H1_LIMIT {
                    bad.push(format!("{p}: <h1> ends at {top:.0} px (limit {H1_LIMIT})"));
                }
            }
            open(&c, &server.url("index.html")).await;
            let r = eval(&c, "const r = document.querySelector('#search-form input[type=search]').getBoundingClientRect(); return [r.top, r.bottom]").await;
            let bottom = r[1].as_f64().unwrap_or(f64::MAX);
            if bottom > 844.0 || r[0].as_f64().unwrap_or(-1.0) < 0.0 {
                bad.push(format!("home search box at {r} is not within 844 px"));
            }
            assert!(
                bad.is_empty(),
                "first screen at 390×844:\n  {}",
                bad.join("\n  ")
            );
            c.close().await.ok();
        },
    );
}

/// The menu opens (and its links show) with and without JavaScript.
#[test]
#[ignore = "needs chromium and chromedriver"]
fn menu_opens_with_and_without_javascript() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    with_browser("menu_opens_with_and_without_javascript", async |d| {
        for js in [true, false] {
            let c = d.session(harness::Opts { js, ..PHONE }).await;
            open(&c, &server.url("stats.html")).await;
            let link = c
                .find(Locator::Css(".menu-list a[href='filed.html']"))
                .await
                .expect("menu link");
            assert!(
                !link.is_displayed().await.unwrap_or(true),
                "js={js}: the menu starts closed"
            );
            c.find(Locator::Css(".menu > summary"))
                .await
                .expect("菜单")
                .click()
                .await
                .expect("click 菜单");
            assert!(
                link.is_displayed().await.unwrap_or(false),
                "js={js}: 菜单 opens the menu"
            );
            c.close().await.ok();
        }
    });
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn notice_folds_stays_folded_and_shows_without_javascript() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    with_browser(
        "notice_folds_stays_folded_and_shows_without_javascript",
        async |d| {
            let c = d.session(PHONE).await;
            let shown = "return document.getElementById('notice-body').offsetHeight > 0";
            open(&c, &server.url("index.html")).await;
            assert_eq!(
                eval(&c, shown).await,
                json!(true),
                "the notice shows at first"
            );
            let fold = find(&c, "#notice-fold").await;
            fold.click().await.expect("fold the notice");
            assert_eq!(eval(&c, shown).await, json!(false), "folded");
            assert_eq!(
                fold.attr("aria-expanded").await.ok().flatten().as_deref(),
                Some("false")
            );
            open(&c, &server.url("stats.html")).await;
            assert_eq!(
                eval(&c, shown).await,
                json!(false),
                "stays folded on the next page"
            );
            find(&c, "#notice-fold")
                .await
                .click()
                .await
                .expect("unfold");
            assert_eq!(eval(&c, shown).await, json!(true), "shown again");
            c.close().await.ok();
            let c = d.session(harness::Opts { js: false, ..PHONE }).await;
            open(&c, &server.url("index.html")).await;
            assert_eq!(
                eval(&c, shown).await,
                json!(true),
                "without JavaScript the notice shows"
            );
            c.close().await.ok();
        },
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn high_contrast_mode_is_a_remembered_toggle_button() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    with_browser(
        "high_contrast_mode_is_a_remembered_toggle_button",
        async |d| {
            let c = d.session(PHONE).await;
            open(&c, &server.url("index.html")).await;
            let bg = "return getComputedStyle(document.body).backgroundColor";
            let before = eval(&c, bg).await;
            harness::turn_on_high_contrast(&c).await;
            let after = eval(&c, bg).await;
            assert_eq!(
                after,
                json!("rgb(0, 0, 0)"),
                "high contrast is light on black (was {before})"
            );
            open(&c, &server.url("districts/chengyang.html")).await;
            let on = "return document.documentElement.classList.contains('high-contrast')";
            assert_eq!(
                eval(&c, on).await,
                json!(true),
                "remembered on the next page"
            );
            let pressed = find(&c, "#contrast-toggle")
                .await
                .attr("aria-pressed")
                .await
                .ok()
                .flatten();
            assert_eq!(pressed.as_deref(), Some("true"), "its button says it is on");
            c.close().await.ok();
        },
    );
}

/// A site of `n` filed institutions spread over a 1° square around Qingdao (GCJ-02), so that
/// the geo index has many cells: (temp dir, content folder, their locations by id).
fn spread_site(
    n: usize,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Vec<(String, f64, f64)>,
) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("content");
    std::fs::create_dir_all(content.join("filed")).expect("content folders");
    std::fs::write(
        content.join("site.yaml"),
        "title: 离我最近测试\ncity: 测试市\nbase_url: https://example.org/\n",
    )
    .expect("site.yaml");
    std::fs::write(
        content.join("districts.yaml"),
        "- id: a\n  name: 甲区\n  streets: []\n",
    )
    .expect("districts.yaml");
    let mut yaml = String::new();
    let mut places = Vec::new();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let lat = 35.8 + (x % 1_000_000) as f64 / 1_000_000.0;
        let lng = 119.9 + ((x >> 24) % 1_000_000) as f64 / 1_000_000.0;
        let id = format!("p{i:05}");
        yaml.push_str(&format!(
            "- id: {id}\n  name: 测试托育{i}\n  district: a\n  address: 测试路{i}号\n  filed_on: 2021-01-01\n  \
             location: {{lat: {lat:.6}, lng: {lng:.6}}}\n"
        ));
        places.push((id, (lat * 1e6).round() / 1e6, (lng * 1e6).round() / 1e6));
    }
    std::fs::write(content.join("filed/all.yaml"), yaml).expect("records");
    (tmp, content, places)
}

/// Haversine metres (as near.js computes them), for the expected order.
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (r, rad) = (6_371_008.8, std::f64::consts::PI / 180.0);
    let (dlat, dlng) = ((b.0 - a.0) * rad, (b.1 - a.1) * rad);
    let h = (dlat / 2.0).sin().powi(2)
        + (a.0 * rad).cos() * (b.0 * rad).cos() * (dlng / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().min(1.0).asin()
}

/// With thousands of records in many cells, the home list is exactly the nearest 20, then 40
/// after 显示更多, and reads only some of the cells.
#[test]
#[ignore = "needs chromium and chromedriver"]
fn near_me_on_the_home_page_reads_the_nearest_cells_only() {
    let (_tmp, content, places) = spread_site(4000);
    let (_tmp2, site) = crate::harness::sites::build_content(&content);
    let cells = std::fs::read_dir(site.join("geo")).expect("geo/").count() - 1;
    assert!(
        cells >= 10,
        "4,000 records make at least 10 cells, not {cells}"
    );
    let here = (36.3, 120.4);
    let mut want: Vec<(f64, &str)> = places
        .iter()
        .map(|(id, lat, lng)| (metres(here, (*lat, *lng)), id.as_str()))
        .collect();
    want.sort_by(|a, b| a.0.total_cmp(&b.0));
    let want: Vec<String> = want.iter().take(40).map(|(_, id)| id.to_string()).collect();
    let server = Server::start(&site);
    with_browser(
        "near_me_on_the_home_page_reads_the_nearest_cells_only",
        async |d| {
            let c = d.session(PHONE).await;
            open(&c, &server.url("index.html")).await;
            let wgs = wgs_of(&c, here.0, here.1).await;
            set_position(d, &c, Some(wgs)).await;
            open(&c, &server.url("index.html")).await;
            let (ids, _, status) = press_near(&c).await;
            assert_eq!(ids, want[..20].to_vec(), "the nearest 20 ({status})");
            let more = find(&c, ".near-more").await;
            eval(&c, "document.querySelector('.near-more').scrollIntoView({block: 'center', behavior: 'instant'})").await;
            more.click().await.expect("click 显示更多");
            let ids = wait_for("40 entries after 显示更多", async || {
            let v = eval(&c, "return Array.from(document.querySelectorAll('.near-list > li'), li => li.dataset.id)").await;
            let ids: Vec<String> = v.as_array()?.iter().filter_map(|x| x.as_str().map(String::from)).collect();
            (ids.len() >= 40).then_some(ids)
        })
        .await;
            assert_eq!(ids, want, "the nearest 40 after 显示更多");
            let loaded = eval(
                &c,
                "return document.querySelectorAll('script[src*=\"geo/\"]').length",
            )
            .await;
            let loaded = loaded.as_u64().unwrap_or(0) as usize;
            eprintln!(
                "geo index: {cells} cells, {} read for the nearest 40",
                loaded.saturating_sub(1)
            );
            assert!(
                loaded - 1 < cells,
                "read {loaded} files of {cells} cells: not all of them"
            );
            c.close().await.ok();
        },
    );
}

/// 朗读 reads the name and key facts through speechSynthesis (captured here, not spoken) and
/// offers 停止朗读 while it speaks.
#[test]
#[ignore = "needs chromium and chromedriver"]
fn read_aloud_speaks_the_key_facts_in_chinese() {
    let (_tmp, site) = common::built_qingdao();
    let server = Server::start(&site);
    with_browser("read_aloud_speaks_the_key_facts_in_chinese", async |d| {
        let c = d.session(PHONE).await;
        open(&c, &server.url("institutions/chengyang-sanli.html")).await;
        let play = find(&c, "#read-aloud .read-play").await;
        assert!(
            play.is_displayed().await.unwrap_or(false),
            "朗读 shows where speech is supported"
        );
        eval(
            &c,
            "window.__said = []; speechSynthesis.speak = u => window.__said.push([u.text, u.lang]); \
             document.querySelector('.read-play').scrollIntoView({block: 'center', behavior: 'instant'});",
        )
        .await;
        play.click().await.expect("click 朗读");
        let said = eval(&c, "return window.__said").await;
        let text = said[0][0].as_str().unwrap_or("");
        let h1 = eval(&c, "return document.querySelector('h1').textContent").await;
        assert!(
            text.contains(h1.as_str().unwrap_or("?")) && text.contains("地址"),
            "said {said}"
        );
        assert_eq!(said[0][1], json!("zh-CN"));
        let stop = find(&c, "#read-aloud .read-stop").await;
        assert!(
            stop.is_displayed().await.unwrap_or(false),
            "停止朗读 while speaking"
        );
        stop.click().await.expect("click 停止朗读");
        assert!(
            play.is_displayed().await.unwrap_or(false),
            "朗读 again after stopping"
        );
        c.close().await.ok();
    });
}

/// Every page carries the share tags (WeChat and others read Open Graph): its own title, a
/// description, its canonical address as og:url, and the shipped 1200×630 PNG by absolute URL.
#[test]
fn every_page_has_open_graph_tags_with_an_absolute_share_image() {
    let (_tmp, site) = common::built_qingdao();
    let png = std::fs::read(site.join("assets/share.png")).expect("assets/share.png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let size = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    assert_eq!(
        (size(16), size(20)),
        (1200, 630),
        "the share image is 1200×630"
    );
    // An attribute's value in a (possibly minified, unquoted) tag.
    let attr = |tag: &str, name: &str| -> Option<String> {
        let v = &tag[tag.find(&format!("{name}="))? + name.len() + 1..];
        Some(match v.strip_prefix('"') {
            Some(q) => q[..q.find('"')?].to_string(),
            None => v[..v.find([' ', '>']).unwrap_or(v.len())].to_string(),
        })
    };
    let meta = |html: &str, prop: &str| -> Option<String> {
        html.split("<meta ")
            .skip(1)
            .map(|t| &t[..=t.find('>').unwrap_or(t.len() - 1)])
            .find(|t| attr(t, "property").as_deref() == Some(prop))
            .and_then(|t| attr(t, "content"))
    };
    let base = "https://tuoyu.example.org/qingdao/";
    let mut bad = Vec::new();
    for page in common::html_files(&site) {
        let html = std::fs::read_to_string(site.join(&page)).expect("page");
        if meta(&html, "og:image") != Some(format!("{base}assets/share.png")) {
            bad.push(format!("{page}: og:image {:?}", meta(&html, "og:image")));
        }
        for p in ["og:title", "og:description"] {
            if meta(&html, p).is_none_or(|v| v.trim().is_empty()) {
                bad.push(format!("{page}: no {p}"));
            }
        }
        if page != "404.html" && meta(&html, "og:url") != Some(format!("{base}{page}")) {
            bad.push(format!("{page}: og:url {:?}", meta(&html, "og:url")));
        }
    }
    let sanli =
        std::fs::read_to_string(site.join("institutions/chengyang-sanli.html")).expect("page");
    assert_eq!(
        meta(&sanli, "og:title").as_deref(),
        Some("三利集团职工托育班"),
        "the page's own title"
    );
    assert!(bad.is_empty(), "share tags:\n  {}", bad.join("\n  "));
}
