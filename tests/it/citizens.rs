//! Citizens II (issue #11), the pages side: 空余托位 with its date (flagged when old), the
//! classes of the national standard, 监督与纠错 (supervision phones, a 信息纠错 mail naming
//! the institution), the statistics of free places and inspections, the poster QR code (decoded
//! back to the page's address), and compare.html with its per-chunk data files.
//! Fixture: tests/fixtures/citizens (data date 2024-06-30).

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::percent_decode;
use crate::common::{Tok, built, built_fixture, main_tokens, text, text_of, tokenize};

fn main_text(site: &Path, page: &str) -> String {
    text_of(&main_tokens(&text(site, page)))
}

fn hrefs(html: &str, prefix: &str) -> Vec<String> {
    tokenize(html)
        .iter()
        .filter_map(|t| t.attr("href"))
        .filter(|h| h.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

#[test]
fn vacancies_show_their_date_and_are_flagged_when_old() {
    let (_tmp, site) = built_fixture("citizens", &[]);
    let fresh = main_text(&site, "institutions/cy-fresh.html");
    assert!(fresh.contains("空余托位7 个，截至 2024-06-01"), "{fresh}");
    assert!(
        !fresh.contains("信息可能已过期"),
        "29 days old is current: {fresh}"
    );
    // 2024-01-15 is 167 days before the data date.
    let stale = main_text(&site, "institutions/cy-stale.html");
    assert!(stale.contains("空余托位3 个，截至 2024-01-15"), "{stale}");
    assert!(stale.contains("信息可能已过期"), "{stale}");
    let district = main_text(&site, "districts/chengyang.html");
    assert!(
        district.contains("7 个，截至 2024-06-01") && district.contains("3 个，截至 2024-01-15"),
        "district entries show free places: {district}"
    );
    assert_eq!(district.matches("信息可能已过期").count(), 1, "{district}");
    let fee = main_text(&site, "institutions/cy-fresh.html");
    assert!(fee.contains("每月 1800 元"), "{fee}");
}

/// The texts of the `badge-class` badges in the tokens of `page`'s main content.
fn class_badges(site: &Path, page: &str) -> Vec<String> {
    let toks = main_tokens(&text(site, page));
    (0..toks.len())
        .filter(|i| toks[*i].has_class("badge-class"))
        .map(|i| crate::common::element_text(&toks, i))
        .collect()
}

#[test]
fn classes_follow_the_ages_on_institution_pages_and_district_entries() {
    let (_tmp, site) = built_fixture("citizens", &[]);
    assert_eq!(
        class_badges(&site, "institutions/cy-fresh.html"),
        ["托小班", "托大班"]
    );
    assert_eq!(
        class_badges(&site, "institutions/cy-stale.html"),
        ["乳儿班", "托小班"]
    );
    assert_eq!(
        class_badges(&site, "districts/chengyang.html"),
        ["托小班", "托大班", "乳儿班", "托小班"]
    );
    assert!(
        class_badges(&site, "institutions/sn-site.html").is_empty(),
        "no ages, no class"
    );
}

#[test]
fn every_institution_page_has_its_supervision_phone_and_a_correction_link() {
    let (_tmp, site) = built_fixture("citizens", &[]);
    let expect = [
        ("cy-fresh", "tel:0532-00001234", "空位托育园 & <试点>"),
        ("cy-stale", "tel:0532-00001234", "旧数据托育园"),
        ("sn-city", "tel:0532-00009999", "市南托育园"),
        ("sn-site", "tel:0532-00009999", "市南社区托育点"),
    ];
    for (id, tel, name) in expect {
        let html = text(&site, &format!("institutions/{id}.html"));
        let tels = hrefs(&html, "tel:");
        assert!(tels.iter().any(|t| t == tel), "{id}: {tel} in {tels:?}");
        assert!(tels.iter().any(|t| t == "tel:12345"), "{id}: the hotline");
        if id.starts_with("sn-") {
            assert!(
                !tels.iter().any(|t| t.contains("00001234")),
                "{id}: not 城阳's"
            );
        }
        // The footer's contact link has no subject; the correction link fills one in.
        let mails: Vec<String> = hrefs(&html, "mailto:")
            .into_iter()
            .filter(|m| m.contains('?'))
            .collect();
        assert_eq!(mails.len(), 1, "{id}: one correction link: {mails:?}");
        let (to, query) = mails[0].split_once('?').expect("subject and body");
        assert_eq!(to, "mailto:fix@tuoyu.example.org");
        assert!(!query.contains(['<', '>', ' ', '"']), "encoded: {query}");
        let params: BTreeMap<&str, String> = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k, percent_decode(v)))
            .collect();
        assert_eq!(params["subject"], format!("信息纠错：{name}（{id}）"));
        assert!(
            params["body"].contains(&format!(
                "https://tuoyu.example.org/qingdao/institutions/{id}.html"
            )),
            "{}",
            params["body"]
        );
        assert!(main_text(&site, &format!("institutions/{id}.html")).contains("信息纠错"));
    }
    let inspected = main_text(&site, "institutions/cy-fresh.html");
    for shown in [
        "2024-03-01",
        "自查",
        "合格",
        "2024-05-10",
        "抽查",
        "发现问题已整改",
    ] {
        assert!(inspected.contains(shown), "{shown}: {inspected}");
    }
}

/// Rows (cells' text) of the table whose caption has `caption_id`.
fn table_rows(html: &str, caption_id: &str) -> Vec<Vec<String>> {
    let toks = tokenize(html);
    let Some(start) = toks.iter().position(|t| t.attr("id") == Some(caption_id)) else {
        return Vec::new();
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for t in &toks[start..] {
        match t {
            Tok::End(n) if n == "table" => break,
            Tok::Start { name, .. } if name == "tr" => rows.push(Vec::new()),
            Tok::Start { name, .. } if name == "td" || name == "th" => {
                if let Some(r) = rows.last_mut() {
                    r.push(String::new());
                }
            }
            Tok::Text(s) => {
                if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
                    c.push_str(s.trim());
                }
            }
            _ => {}
        }
    }
    rows
}

#[test]
fn stats_show_free_places_and_inspections_per_district() {
    let (_tmp, site) = built_fixture("citizens", &[]);
    let rows = table_rows(&text(&site, "stats.html"), "supply-caption");
    assert_eq!(
        rows,
        [
            vec![
                "区/市",
                "空余托位",
                "公布空余托位的机构",
                "有检查记录的机构",
                "自查",
                "抽查"
            ],
            vec!["城阳区", "10", "2", "1", "1", "1"],
            vec!["市南区", "未公布", "0", "1", "0", "1"],
            vec!["全市合计", "10", "2", "2", "1", "2"],
        ]
    );
}

/// The dark modules of a `render::qr` SVG, as a greyscale bitmap of `scale` px a module,
/// decoded with rqrr.
fn decode_qr(svg: &str, scale: usize) -> String {
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("viewBox");
    let d = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("path");
    let mut dark = vec![false; size * size];
    let (mut x, mut y) = (0i64, 0i64);
    // Commands: M x y.5 (absolute), m dx dy (relative), h n (a run of n dark modules).
    let mut rest = d;
    while let Some(cmd) = rest.chars().next() {
        let body_end = rest[1..]
            .find(['M', 'm', 'h'])
            .map_or(rest.len(), |i| i + 1);
        let nums: Vec<f64> = rest[1..body_end]
            .split(' ')
            .map(|n| n.parse().expect("number"))
            .collect();
        match cmd {
            'M' => (x, y) = (nums[0] as i64, nums[1].floor() as i64),
            'm' => (x, y) = (x + nums[0] as i64, y + nums[1] as i64),
            'h' => {
                for k in 0..nums[0] as i64 {
                    dark[(y as usize) * size + (x + k) as usize] = true;
                }
                x += nums[0] as i64;
            }
            c => panic!("unexpected path command {c}"),
        }
        rest = &rest[body_end..];
    }
    let px = size * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if dark[(y / scale) * size + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

fn qr_svg(html: &str) -> String {
    let start = html.find("<svg class=\"qr\"").expect("an svg.qr");
    let end = html[start..].find("</svg>").expect("closed") + start;
    html[start..end].to_string()
}

#[test]
fn poster_qr_codes_decode_to_the_pages_absolute_url() {
    let (_tmp, site) = built_fixture("citizens", &[]);
    for page in ["districts/chengyang.html", "institutions/cy-fresh.html"] {
        let svg = qr_svg(&text(&site, page));
        assert_eq!(svg.matches("<path").count(), 1, "one merged path: {svg}");
        assert_eq!(
            decode_qr(&svg, 4),
            format!("https://tuoyu.example.org/qingdao/{page}")
        );
    }
    let district = main_text(&site, "districts/chengyang.html");
    assert!(district.contains("打印海报") && district.contains("数据截至 2024-06-30"));
    // The district poster lists its institutions with their phones.
    assert!(district.contains("空位托育园 & <试点>") && district.contains("0532-00000001"));
}

#[test]
fn compare_page_without_javascript_points_to_the_lists() {
    let (_tmp, site) = built_fixture("citizens", &[]);
    let html = text(&site, "compare.html");
    let toks = main_tokens(&html);
    let nojs = toks
        .iter()
        .position(|t| t.attr("id") == Some("compare-nojs"))
        .expect("a no-JavaScript note");
    assert!(crate::common::element_text(&toks, nojs).contains("需要浏览器开启 JavaScript"));
    let links: Vec<&str> = toks[nojs..].iter().filter_map(|t| t.attr("href")).collect();
    for l in [
        "districts/chengyang.html",
        "districts/shinan.html",
        "filed.html",
    ] {
        assert!(links.contains(&l), "{l} in {links:?}");
    }
    for page in ["institutions/cy-fresh.html", "districts/chengyang.html"] {
        let toks = tokenize(&text(&site, page));
        let buttons: Vec<&Tok> = toks
            .iter()
            .filter(|t| t.is_start("button") && t.attr("data-compare").is_some())
            .collect();
        assert!(!buttons.is_empty(), "{page}: 加入对比 buttons");
        assert!(
            buttons
                .iter()
                .all(|b| b.attr("aria-pressed") == Some("false"))
        );
    }
}

/// FNV-1a as compare.js computes it.
fn fnv1a(id: &str) -> u32 {
    id.bytes().fold(0x811c_9dc5, |h: u32, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The citizens fixture with 126 generated records more: 130, in 4 compare chunk files.
/// (content dir, output dir, site root).
pub fn citizens_with_130_records() -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = tmp.path().join("content");
    crate::common::copy_dir(&crate::common::fixtures().join("citizens"), &content);
    let mut yaml = String::new();
    for k in 0..126 {
        yaml.push_str(&format!(
            "- {{id: gen-{k}, name: 生成托育园{k}, district: shinan, address: 市南区{k}号, filed_on: 2022-01-01}}\n"
        ));
    }
    std::fs::write(content.join("filed/gen.yaml"), yaml).expect("write records");
    let (out, site) = built(tmp.path(), "content", &["--quiet"]);
    (tmp, out, site)
}

#[test]
fn compare_data_files_hold_each_institution_once_in_its_hash_chunk() {
    let (_tmp, _out, site) = citizens_with_130_records();
    let page = text(&site, "compare.html");
    assert!(
        page.contains("data-chunks=\"4\""),
        "4 chunks for 130 records"
    );
    let mut seen = Vec::new();
    for k in 0..4u32 {
        let js = text(&site, &format!("compare/{k}.js"));
        let json = js
            .strip_prefix(&format!("tuoyuCompareChunk({k},"))
            .and_then(|s| s.trim_end().strip_suffix(");"))
            .expect("tuoyuCompareChunk(k, {...});");
        let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
        for (id, entry) in v.as_object().expect("object") {
            assert_eq!(fnv1a(id) & 3, k, "{id} is in the chunk of its hash");
            assert_eq!(entry["href"], format!("institutions/{id}.html"));
            seen.push(id.clone());
        }
    }
    seen.sort();
    assert_eq!(seen.len(), 130, "every institution once");
    seen.dedup();
    assert_eq!(seen.len(), 130);
    assert!(!site.join("compare/4.js").exists());
}

mod browser {
    //! compare.html in Chromium: the table, axe at phone and desktop widths, the 加入对比
    //! buttons and their limit of 3, from file:// as well as over HTTP.

    use serde_json::json;

    use crate::common::{built_fixture, needs};
    use crate::harness::axe::axe_violations;
    use crate::harness::server::Server;
    use crate::harness::{
        DESKTOP, PHONE, eval, file_url, find, horizontal_overflow, open, wait_for, with_browser,
    };

    const HEADS: &str = "return Array.from(document.querySelectorAll('.compare-table thead th a')).map(a => a.textContent)";

    fn row(title: &str) -> String {
        format!(
            "const r = Array.from(document.querySelectorAll('.compare-table tbody tr'))
               .find(r => r.querySelector('th').textContent === '{title}');
             return r ? Array.from(r.querySelectorAll('td')).map(t => t.textContent) : null"
        )
    }

    /// Bring an element to the middle of the viewport at once (the theme scrolls smoothly,
    /// and a click during the scroll lands elsewhere).
    async fn scroll_to(c: &fantoccini::Client, css: &str) {
        let js = format!(
            "document.querySelector(\"{css}\").scrollIntoView({{block: 'center', behavior: 'instant'}}); return 1"
        );
        eval(c, &js).await;
    }

    async fn columns(c: &fantoccini::Client, n: usize) -> serde_json::Value {
        wait_for(&format!("{n} institutions in the table"), async || {
            let v = eval(c, HEADS).await;
            (v.as_array()?.len() == n).then_some(v)
        })
        .await
    }

    #[test]
    #[ignore = "needs chromium, chromedriver and axe-core"]
    fn compare_shows_both_institutions_in_one_table_axe_clean() {
        let axe = needs::axe_core();
        // 4 chunk files, the two ids in different ones (compare.js hashes as render does).
        let (_tmp, _out, site) = super::citizens_with_130_records();
        assert_ne!(super::fnv1a("cy-fresh") & 3, super::fnv1a("cy-stale") & 3);
        let server = Server::start(&site);
        with_browser(
            "compare_shows_both_institutions_in_one_table_axe_clean",
            async |d| {
                let mut bad = Vec::new();
                for o in [PHONE, DESKTOP] {
                    let c = d.session(o).await;
                    open(&c, &server.url("compare.html?ids=cy-fresh,cy-stale")).await;
                    let heads = columns(&c, 2).await;
                    assert_eq!(heads, json!(["空位托育园 & <试点>", "旧数据托育园"]));
                    assert_eq!(
                        eval(&c, &row("空余托位")).await,
                        json!([
                            "7 个，截至 2024-06-01",
                            "3 个，截至 2024-01-15（信息可能已过期）"
                        ])
                    );
                    // Read from the records' cards in the search index's doc chunks.
                    assert_eq!(eval(&c, &row("托位数")).await, json!(["40 个", "20 个"]));
                    assert_eq!(
                        eval(&c, &row("班级")).await,
                        json!(["托小班、托大班", "乳儿班、托小班"])
                    );
                    assert_eq!(
                        eval(&c, &row("收费")).await,
                        json!(["每月 1800 元", "未公布"])
                    );
                    let nojs = "return document.getElementById('compare-nojs').hidden";
                    assert_eq!(
                        eval(&c, nojs).await,
                        json!(true),
                        "the no-JS note is hidden"
                    );
                    for v in axe_violations(&c, &axe).await {
                        bad.push(format!("{} px: {v}", o.width));
                    }
                    if o.width == PHONE.width
                        && let Some(w) = horizontal_overflow(&c).await
                    {
                        bad.push(format!("390 px scrolls sideways: {w}"));
                    }
                    c.close().await.ok();
                }
                assert!(bad.is_empty(), "compare.html:\n  {}", bad.join("\n  "));
            },
        );
    }

    #[test]
    #[ignore = "needs chromium and chromedriver"]
    fn compare_buttons_keep_the_choice_and_stop_at_three_from_file_urls() {
        let (_tmp, site) = built_fixture("citizens", &[]);
        let page = file_url(&site.join("institutions/cy-fresh.html"));
        with_browser(
            "compare_buttons_keep_the_choice_and_stop_at_three",
            async |d| {
                let c = d.session(PHONE).await;
                open(&c, &page).await;
                eval(&c, "localStorage.removeItem('tuoyu-compare'); return 1").await;
                open(&c, &page).await;
                let btn = find(&c, "button[data-compare='cy-fresh']:not([hidden])").await;
                scroll_to(&c, "button[data-compare='cy-fresh']").await;
                btn.click().await.expect("click 加入对比");
                let status = "return document.getElementById('compare-status').textContent";
                let said = wait_for("the choice announced", async || {
                    let s = eval(&c, status).await;
                    s.as_str().filter(|s| !s.is_empty()).map(str::to_string)
                })
                .await;
                assert!(
                    said.contains("已加入对比") && said.contains("空位托育园"),
                    "{said}"
                );
                assert_eq!(
                    btn.attr("aria-pressed").await.ok().flatten().as_deref(),
                    Some("true")
                );
                let href = "return document.getElementById('compare-link').getAttribute('href')";
                assert_eq!(eval(&c, href).await, json!("../compare.html?ids=cy-fresh"));
                // Full: three others chosen already.
                eval(&c, "localStorage.setItem('tuoyu-compare', JSON.stringify(['sn-city','sn-site','cy-stale'])); return 1").await;
                open(&c, &page).await;
                let btn = find(&c, "button[data-compare='cy-fresh']:not([hidden])").await;
                scroll_to(&c, "button[data-compare='cy-fresh']").await;
                btn.click().await.expect("click 加入对比");
                let said = wait_for("the limit announced", async || {
                    let s = eval(&c, status).await;
                    s.as_str()
                        .filter(|s| s.contains("最多"))
                        .map(str::to_string)
                })
                .await;
                assert!(said.contains("最多只能对比 3 家"), "{said}");
                assert_eq!(
                    btn.attr("aria-pressed").await.ok().flatten().as_deref(),
                    Some("false")
                );
                // compare.html from file:// with the stored choice, written into its URL.
                open(&c, &file_url(&site.join("compare.html"))).await;
                let heads = columns(&c, 3).await;
                assert_eq!(
                    heads,
                    json!(["市南托育园", "市南社区托育点", "旧数据托育园"])
                );
                // The search doc chunk loads from file:// too; two publish no capacity.
                assert_eq!(
                    eval(&c, &row("托位数")).await,
                    json!(["未公布", "未公布", "20 个"])
                );
                let url = crate::harness::url_of(&c).await;
                assert!(
                    url.ends_with("compare.html?ids=sn-city,sn-site,cy-stale"),
                    "{url}"
                );
                c.close().await.ok();
            },
        );
    }
}
