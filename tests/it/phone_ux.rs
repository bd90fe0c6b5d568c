//! The phone side of issue #11 in a real browser (headless Chromium via chromedriver): the
//! first screen of a 390×844 phone (the `<h1>` within 250 px, the home search box visible, a
//! 菜单 that works without JavaScript, a notice that folds and stays folded), the 高对比 mode,
//! 朗读; and (without a browser) the Open Graph share tags. 离我最近 is in near_me.rs.
//! Browser tests are ignored by `cargo test` and fail without chromium when run.

use fantoccini::Locator;
use serde_json::json;

use crate::common;
use crate::harness::server::Server;
use crate::harness::{self, PHONE, eval, find, open, with_browser};

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
