//! Search helpers for the browser tests: drive the form of
//! themes/default/templates/_search_form.html, read `#search-results` and its count line, and
//! the oracle (data/institutions.json, the list pages) that says what a search must find.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::Value;

use super::{WAIT, eval, find};
use crate::common;

/// Assert that the build wrote the search index and that the home page's form names its
/// meta file.
pub fn assert_search_index_built(site: &Path) {
    let has_meta = std::fs::read_dir(site.join("search")).is_ok_and(|rd| {
        rd.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("meta."))
    });
    assert!(has_meta, "the build wrote no search/meta.*.js");
    let home = common::text(site, "index.html");
    let form = common::tokenize(&home)
        .into_iter()
        .find(|t| t.attr("id") == Some("search-form"))
        .expect("index.html has #search-form");
    let meta = form.attr("data-search-meta").unwrap_or_else(|| {
        panic!(
            "#search-form on index.html has no data-search-meta attribute (docs/search-index.md)"
        )
    });
    assert!(
        site.join(meta).is_file(),
        "#search-form names data-search-meta={meta:?}, which the build did not write"
    );
}

/// What the search shows right now.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// Institution ids linked from `#search-results`, in order, each once.
    pub ids: Vec<String>,
    /// Text of the aria-live region(s) without the result lists and cards: the count line.
    pub live: String,
    /// `q` in the address, and in the form.
    pub url_q: Option<String>,
    pub form_q: Option<String>,
    pub url: String,
}

const READ_HITS: &str = r#"
    const box = document.getElementById('search-results');
    if (!box) return null;
    const ids = [];
    for (const a of box.querySelectorAll('a[href]')) {
      const m = a.getAttribute('href').match(/(?:^|\/)institutions\/([^\/?#]+)\.html(?:[?#].*)?$/);
      if (m && !ids.includes(m[1])) ids.push(m[1]);
    }
    const live = Array.from(document.querySelectorAll('[aria-live]')).map(el => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('ol, ul, li, article, a').forEach(x => x.remove());
      return copy.textContent.replace(/\s+/g, ' ').trim();
    }).filter(Boolean).join(' | ');
    const field = document.querySelector('#search-form [name=q]');
    return { ids, live, url_q: new URLSearchParams(location.search).get('q'),
             form_q: field ? field.value : null, url: location.href };"#;

pub async fn read_hits(c: &Client) -> Option<Hits> {
    let v = c.execute(READ_HITS, vec![]).await.ok()?;
    if v.is_null() {
        return None;
    }
    Some(Hits {
        ids: v["ids"]
            .as_array()?
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        live: v["live"].as_str().unwrap_or("").to_string(),
        url_q: v["url_q"].as_str().map(str::to_string),
        form_q: v["form_q"].as_str().map(str::to_string),
        url: v["url"].as_str().unwrap_or("").to_string(),
    })
}

/// Wait until the results for query `q` are shown (address and form hold `q`, the live region
/// has its count line) and have stayed the same for 200 ms.
pub async fn settled_hits(c: &Client, q: Option<&str>) -> Hits {
    let mut last: Option<Hits> = None;
    let mut same = 0;
    let start = Instant::now();
    loop {
        let now = read_hits(c).await;
        if let Some(h) = &now
            && h.live.contains("失败")
        {
            panic!(
                "the search reports a failure for q={q:?}: {:?} at {}",
                h.live, h.url
            );
        }
        // "正在搜索…" (searching) is not an answer yet.
        let ready = now.as_ref().is_some_and(|h| {
            !h.live.is_empty()
                && !h.live.contains("正在")
                && q.is_none_or(|q| h.url_q.as_deref() == Some(q) && h.form_q.as_deref() == Some(q))
        });
        if ready && now == last {
            same += 1;
            if same >= 4 {
                return now.expect("ready");
            }
        } else {
            same = 0;
        }
        last = now;
        if start.elapsed() > WAIT {
            panic!(
                "timed out after {} s waiting for the search results for q={q:?}: \
                 #search-results with a count line in an aria-live region, the address and \
                 the form holding the query (is the search client loaded?); last seen: {last:?}",
                WAIT.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Type `q` into the search box of the current page and press Enter.
pub async fn type_query(c: &Client, q: &str) -> Hits {
    let input = find(c, "#search-form [name=q]").await;
    input.clear().await.expect("clear the search box");
    input.send_keys(q).await.expect("type the query");
    input
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .expect("press Enter");
    settled_hits(c, Some(q)).await
}

/// Submit the search form as it stands (Enter in the search box).
pub async fn submit(c: &Client) {
    let input = find(c, "#search-form [name=q]").await;
    input
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .expect("press Enter");
}

/// Wait until the address contains `part` (e.g. `district=chengyang`).
pub async fn wait_for_url(c: &Client, part: &str) {
    super::wait_for(&format!("`{part}` in the address"), async || {
        super::url_of(c).await.contains(part).then_some(())
    })
    .await;
}

/// The district options of the search form once they show counts: (value, label, count).
pub async fn district_options(c: &Client) -> Vec<(String, String, Option<usize>)> {
    super::wait_for("district options showing counts", async || {
        let opts = options_now(c, "district").await?;
        opts.iter()
            .filter(|(v, ..)| !v.is_empty())
            .all(|(.., n)| n.is_some())
            .then_some(opts)
    })
    .await
}

/// The options of the search form's `<select name=…>`: (value, label, count in the label).
pub async fn select_options(c: &Client, name: &str) -> Vec<(String, String, Option<usize>)> {
    super::wait_for(&format!("options of select[name={name}]"), async || {
        options_now(c, name).await.filter(|o| !o.is_empty())
    })
    .await
}

async fn options_now(c: &Client, name: &str) -> Option<Vec<(String, String, Option<usize>)>> {
    let script = format!(
        "return Array.from(document.querySelectorAll(\
         '#search-form select[name={name}] option'), o => [o.value, o.textContent])"
    );
    let v = eval(c, &script).await;
    let opts = v
        .as_array()?
        .iter()
        .map(|o| {
            let label = o[1].as_str().unwrap_or("").to_string();
            let n = label
                .split(|c: char| !c.is_ascii_digit())
                .rfind(|s| !s.is_empty())
                .and_then(|s| s.parse().ok());
            (o[0].as_str().unwrap_or("").to_string(), label, n)
        })
        .collect();
    Some(opts)
}

/// Whether a count line mentions `n` as a count (`3 家`, `共 3 条`, `找到3个` …).
pub fn mentions_count(live: &str, n: usize) -> bool {
    let chars: Vec<char> = live.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let num: String = chars[start..i].iter().collect();
        let next = chars[i..].iter().find(|c| !c.is_whitespace());
        let prev = chars[..start].iter().rev().find(|c| !c.is_whitespace());
        if num.parse::<usize>() == Ok(n)
            && (next.is_some_and(|c| "家个条项所处".contains(*c))
                || prev.is_some_and(|c| "共到".contains(*c)))
        {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// What a search must find

/// One row of data/institutions.json: the oracle for what a search must find.
pub struct Inst {
    pub id: String,
    pub name: String,
    pub district: String,
    pub street: Option<String>,
    pub services: Vec<String>,
    /// The other fields search reads: address, street, operator, community, funders.
    pub other: Vec<String>,
    /// Accepted ages in months, when known.
    pub ages: Option<(u64, u64)>,
    /// Yuan a month, when known.
    pub monthly_fee: Option<u32>,
}

pub fn institutions(site: &Path) -> Vec<Inst> {
    let v: Value = serde_json::from_str(&common::text(site, "data/institutions.json"))
        .expect("data/institutions.json is JSON");
    v["institutions"]
        .as_array()
        .expect("institutions array")
        .iter()
        .map(|i| Inst {
            id: i["id"].as_str().expect("id").to_string(),
            name: i["name"].as_str().expect("name").to_string(),
            district: i["district_id"].as_str().expect("district_id").to_string(),
            street: i["street"].as_str().map(str::to_string),
            services: i["services"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            other: [
                &i["address"],
                &i["street"],
                &i["filed"]["operator"],
                &i["site"]["community"],
            ]
            .into_iter()
            .chain(i["site"]["funders"].as_array().into_iter().flatten())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
            ages: i["ages"]["min_months"]
                .as_u64()
                .zip(i["ages"]["max_months"].as_u64()),
            monthly_fee: i["monthly_fee"]
                .as_u64()
                .and_then(|f| u32::try_from(f).ok()),
        })
        .collect()
}

/// Institution ids listed in the main content of a built page.
pub fn listed_on(site: &Path, page: &str) -> BTreeSet<String> {
    common::institution_links(&common::main_tokens(&common::text(site, page)))
        .into_iter()
        .collect()
}

/// Choose `value` in the form's `<select name=…>`.
pub async fn find_select(c: &fantoccini::Client, name: &str, value: &str) {
    let sel = find(c, &format!("#search-form select[name={name}]")).await;
    // The filters may sit in a closed <details>: open it as a user would.
    eval(c, "const d = document.querySelector('#search-form details'); if (d) d.open = true; return true").await;
    sel.select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("select {name}={value}: {e}"));
}

/// The synth example (std only), built with rustc into `dir` unless cargo already built it.
pub fn synth_binary(dir: &Path) -> PathBuf {
    let src = common::repo().join("examples/synth/main.rs");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_tuoyu"))
        .parent()
        .expect("target dir");
    let built = bin_dir.join("examples/synth");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    // The example is a folder of modules: fresh when newer than every one of them.
    let newest_source = std::fs::read_dir(common::repo().join("examples/synth"))
        .expect("examples/synth")
        .filter_map(|e| modified(&e.ok()?.path()))
        .max();
    let fresh = |p: &Path| modified(p).zip(newest_source).is_some_and(|(b, s)| b >= s);
    if fresh(&built) {
        return built;
    }
    let out = dir.join("synth");
    let status = std::process::Command::new(std::env::var("RUSTC").unwrap_or("rustc".into()))
        .args(["--edition", "2024", "-O", "--crate-name", "synth"])
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("rustc runs");
    assert!(status.success(), "compiling examples/synth/main.rs failed");
    out
}
