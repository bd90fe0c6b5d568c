//! 离我最近 in a real browser (headless Chromium via chromedriver): near.js with the geo
//! index on the home page (over HTTP and from `file://`) and the page's cards on a district
//! page; denied permission; the exact nearest 20 and 40 over a many-cell index.
//!
//! The position is set through Chrome DevTools (`Browser.setPermission`,
//! `Emulation.setGeolocationOverride`), sent to chromedriver's `goog/cdp/execute` endpoint:
//! fantoccini has no CDP call of its own, and this keeps the page's real
//! `navigator.geolocation` in the path. Every test is ignored by `cargo test` (it needs
//! chromium and chromedriver) and fails without them when run.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use fantoccini::Client;
use serde_json::{Value, json};

use crate::common;
use crate::harness::server::Server;
use crate::harness::{Driver, PHONE, eval, file_url, find, open, wait_for, with_browser};

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

/// The ids of the `n` places nearest to `here` (GCJ-02), nearest first.
fn nearest_ids(places: &[(String, f64, f64)], here: (f64, f64), n: usize) -> Vec<String> {
    let mut by_distance: Vec<(f64, &str)> = places
        .iter()
        .map(|(id, lat, lng)| (metres(here, (*lat, *lng)), id.as_str()))
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    by_distance
        .iter()
        .take(n)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Open the home page with the phone at `here` (GCJ-02) and press 离我最近 (as [`press_near`]).
async fn near_from_home(
    d: &Driver,
    c: &Client,
    server: &Server,
    here: (f64, f64),
) -> (Vec<String>, Vec<f64>, String) {
    open(c, &server.url("index.html")).await;
    let wgs = wgs_of(c, here.0, here.1).await;
    set_position(d, c, Some(wgs)).await;
    open(c, &server.url("index.html")).await;
    press_near(c).await
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
    let want = nearest_ids(&places, here, 40);
    let server = Server::start(&site);
    with_browser(
        "near_me_on_the_home_page_reads_the_nearest_cells_only",
        async |d| {
            let c = d.session(PHONE).await;
            let (ids, _, status) = near_from_home(d, &c, &server, here).await;
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

/// A browser may hold an older geo index naming cells a later build removed: near.js reads
/// the index once more past the cache and still lists the nearest entries.
#[test]
#[ignore = "needs chromium and chromedriver"]
fn near_me_reads_the_index_again_when_a_cached_one_names_removed_cells() {
    let (_tmp, content, places) = spread_site(1200);
    let (_tmp2, site) = crate::harness::sites::build_content(&content);
    let index = site.join("geo/index.js");
    let real = std::fs::read_to_string(&index).expect("geo/index.js");
    // The stale index: every cell named by a hash no build made. Served only to a load
    // without `?r=`, as a browser's cache would.
    let json = real
        .trim()
        .strip_prefix("tuoyuGeoIndex(")
        .and_then(|r| r.strip_suffix(");"))
        .expect("tuoyuGeoIndex({...});");
    let mut meta: serde_json::Value = serde_json::from_str(json).expect("the index's JSON");
    let files = meta["files"].as_array_mut().expect("files");
    for (k, f) in files.iter_mut().enumerate() {
        *f = json!(format!("{k}-00000000"));
    }
    let stale = format!("tuoyuGeoIndex({meta});");
    assert_ne!(stale, real, "the index names its cells");
    std::fs::write(
        &index,
        format!(
            "if (String(document.currentScript.src).indexOf('?r=') < 0) {{ {stale} }} else {{ {real} }}"
        ),
    )
    .expect("write the stale index");
    let here = (36.3, 120.4);
    let want = nearest_ids(&places, here, 20);
    let server = Server::start(&site);
    with_browser(
        "near_me_reads_the_index_again_when_a_cached_one_names_removed_cells",
        async |d| {
            let c = d.session(PHONE).await;
            let (ids, _, status) = near_from_home(d, &c, &server, here).await;
            assert_eq!(ids, want, "the nearest 20 from the fresh index ({status})");
            c.close().await.ok();
        },
    );
}
