//! Every editor-supplied string is escaped: the xss fixture puts `<script>`, `<img onerror>`,
//! `</script>` and `javascript:` into every free-text field, the site settings, district and
//! street names, a Markdown description and a Markdown page.

use crate::common::{
    self, Tok, built_fixture, json_ld_blocks, main_tokens, read_tree, text, tokenize,
};
use serde_json::Value;

const NAME: &str = "托育园<script>alert(1)</script>";

fn lower(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_lowercase()
}

/// What is wrong with one HTML page, if anything. The page is read the way HTML reads it:
/// a minifier may leave `<` unescaped inside quoted attribute values and inside <title>,
/// where no tag is ever parsed, so a plain substring search would cry wolf there. Tags,
/// attributes and script blocks are what can run.
fn html_problems(path: &str, html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let toks = tokenize(html);
    for (k, t) in toks.iter().enumerate() {
        let Tok::Start { name, attrs } = t else {
            continue;
        };
        for (key, value) in attrs {
            if key.starts_with("on") && value.contains("alert") {
                out.push(format!(
                    "{path}: <{name} {key}={value:?}> event handler from content"
                ));
            }
            if matches!(
                key.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase();
                if v.starts_with("javascript:")
                    || v.starts_with("vbscript:")
                    || v.starts_with("data:text/html")
                {
                    out.push(format!("{path}: <{name} {key}={value:?}> script URL"));
                }
            }
        }
        if name == "img"
            && t.attr("src") == Some("x")
            && attrs.iter().any(|(k, _)| k.starts_with("on"))
        {
            out.push(format!(
                "{path}: <img src=x on…> from content became an element"
            ));
        }
        if matches!(name.as_str(), "iframe" | "object" | "embed") {
            out.push(format!("{path}: <{name}> element from content"));
        }
        if name == "svg" && attrs.iter().any(|(k, _)| k == "onload") {
            out.push(format!("{path}: <svg onload> from content"));
        }
        if name == "b" && attrs.iter().any(|(k, _)| k.starts_with("on")) {
            out.push(format!("{path}: <b on…> from content"));
        }
        if name == "script" {
            let ty = t.attr("type").unwrap_or("");
            if let Some(Tok::Raw(body)) = toks.get(k + 1) {
                let is_data = ty == "application/ld+json" || ty == "application/json";
                if !is_data && body.contains("alert(") {
                    out.push(format!("{path}: executable <script> holds content text"));
                }
                if is_data && (body.to_lowercase().contains("</script") || body.contains("<!--")) {
                    out.push(format!("{path}: data <script> holds `</script` or `<!--`"));
                }
            }
        }
    }
    out
}

#[test]
fn no_page_lets_editor_text_run_as_script() {
    let (_tmp, site) = built_fixture("xss", &[]);
    let tree = read_tree(&site);
    assert!(
        tree.contains_key("institutions/shinan-xss.html"),
        "{:?}",
        tree.keys().collect::<Vec<_>>()
    );
    let mut problems = Vec::new();
    for (path, bytes) in &tree {
        if path.ends_with(".html") {
            problems.extend(html_problems(path, &String::from_utf8_lossy(bytes)));
        }
    }
    for path in ["sitemap.xml", "robots.txt"] {
        let l = lower(&tree[path]);
        if l.contains("<script") || l.contains("javascript:") {
            problems.push(format!("{path}: holds markup or a script URL"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn unminified_pages_are_just_as_safe() {
    let (_tmp, site) = built_fixture("xss", &["--no-minify"]);
    let mut problems = Vec::new();
    for (path, bytes) in read_tree(&site)
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        problems.extend(html_problems(path, &String::from_utf8_lossy(bytes)));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Escaping must keep the text: a citizen sees exactly what the editor wrote.
#[test]
fn escaped_text_reads_exactly_as_written() {
    let (_tmp, site) = built_fixture("xss", &[]);
    let html = text(&site, "institutions/shinan-xss.html");
    let toks = main_tokens(&html);
    let h1 = toks
        .iter()
        .position(|t| t.is_start("h1"))
        .map(|k| common::element_text(&toks, k))
        .unwrap_or_default();
    assert_eq!(h1, NAME);
    let texts: String = common::text_of(&toks);
    for written in [
        "一路</script><script>alert(1)</script>",
        "每月<script>alert(1)</script>元",
        "全天\"><img src=x onerror=alert(1)>",
        "举办者</script><script>alert(1)</script>",
        "对象</script><script>alert(1)</script>",
        "名单<script>alert(1)</script>",
        "合格<script>alert(1)</script>",
        "第一批<script>alert(1)</script>",
    ] {
        assert!(
            texts.contains(written),
            "the page does not show `{written}` as text"
        );
    }
    let quote = text(&site, "institutions/shinan-quote.html");
    let qt = main_tokens(&quote);
    let qh1 = qt
        .iter()
        .position(|t| t.is_start("h1"))
        .map(|k| common::element_text(&qt, k))
        .unwrap_or_default();
    assert_eq!(qh1, "引号\"托育'园 & <b>粗</b>");
}

#[test]
fn json_ld_parses_and_holds_the_original_text() {
    let (_tmp, site) = built_fixture("xss", &[]);
    for id in ["shinan-xss", "shinan-quote"] {
        let html = text(&site, &format!("institutions/{id}.html"));
        let blocks = json_ld_blocks(&html);
        assert_eq!(blocks.len(), 1, "{id}");
        assert!(
            !blocks[0].to_lowercase().contains("</script"),
            "{id}: {}",
            blocks[0]
        );
        let v: Value = serde_json::from_str(&blocks[0])
            .unwrap_or_else(|e| panic!("{id}: JSON-LD does not parse ({e}): {}", blocks[0]));
        if id == "shinan-xss" {
            assert_eq!(v["name"], NAME);
            assert_eq!(
                v["address"]["streetAddress"],
                "一路</script><script>alert(1)</script>"
            );
            assert_eq!(v["priceRange"], "每月<script>alert(1)</script>元");
        } else {
            assert_eq!(v["name"], "引号\"托育'园 & <b>粗</b>");
        }
    }
}

#[test]
fn markdown_description_keeps_text_and_drops_script() {
    let (_tmp, site) = built_fixture("xss", &[]);
    let html = text(&site, "institutions/shinan-xss.html");
    let toks = main_tokens(&html);
    let texts: String = common::text_of(&toks);
    assert!(texts.contains("介绍"), "the description is shown");
    assert!(
        texts.contains("点我") && texts.contains("这里"),
        "link texts survive even when their URLs are dropped"
    );
    let links: Vec<&str> = toks.iter().filter_map(|t| t.attr("href")).collect();
    assert!(
        !links
            .iter()
            .any(|h| h.to_lowercase().contains("javascript")),
        "{links:?}"
    );
    let page = text(&site, "about.html");
    let page_toks = main_tokens(&page);
    assert!(
        page_toks
            .iter()
            .any(|t| matches!(t, Tok::Text(s) if s.contains("正文"))),
        "the Markdown page body is shown"
    );
}

/// The open data is fed to other programs and may be embedded in pages: markup characters
/// in JSON must be written as \u003c / \u003e so no `<script>` appears in the file.
/// (DESIGN: "every editor-supplied string escaped".) The JSON must still hold the text.
#[test]
fn open_data_json_escapes_markup_characters() {
    let (_tmp, site) = built_fixture("xss", &[]);
    let tree = read_tree(&site);
    let mut problems = Vec::new();
    for (path, bytes) in tree
        .iter()
        .filter(|(p, _)| p.ends_with(".json") || (p.ends_with(".js") && !p.starts_with("assets/")))
    {
        let l = lower(bytes);
        if l.contains("<script") || l.contains("</script") {
            problems.push(format!("{path}: holds a raw `<script`/`</script` tag"));
        }
    }
    let v: Value = serde_json::from_slice(&tree["data/institutions.json"]).expect("valid JSON");
    let names: Vec<&str> = v["institutions"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert!(
        names.contains(&NAME),
        "JSON keeps the original name: {names:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The CSV is data for spreadsheets: it keeps editors' text exactly (HTML escaping would
/// corrupt it), but cells that a spreadsheet would run as formulas are defused.
#[test]
fn csv_keeps_text_verbatim_and_defuses_formulas() {
    let (_tmp, site) = built_fixture("xss", &[]);
    let bytes = std::fs::read(site.join("data/institutions.csv")).expect("csv");
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM");
    let table = common::Csv::parse(body);
    let col = |n: &str| table.col(n);
    let xss = table.row("shinan-xss");
    assert_eq!(&xss[col("名称")], NAME);
    let f = table.row("shinan-formula");
    for (c, written) in [
        ("名称", "=HYPERLINK(\"https://evil.example.org\",\"点我\")"),
        ("地址", "@SUM(1+1)"),
        ("收费", "+1800"),
        ("服务时间", "-1"),
    ] {
        let cell = &f[col(c)];
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "{c} cell {cell:?} would run as a formula"
        );
        assert!(
            cell.ends_with(written),
            "{c} cell {cell:?} keeps the text {written:?}"
        );
    }
}

/// The checker above must catch what it is meant to catch.
#[test]
fn the_checker_flags_live_markup_and_spares_inert_text() {
    let live = [
        "<p><script>alert(1)</script></p>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<script type=application/ld+json>{\"a\":\"</script><script>alert(1)</script>",
        "<iframe src=x></iframe>",
    ];
    for html in live {
        assert!(
            !html_problems("t.html", html).is_empty(),
            "not flagged: {html}"
        );
    }
    let inert = [
        "<title>a<script>alert(1)</script></title>",
        "<meta content=\"</script><script>alert(1)</script>\" name=description>",
        "<p>&lt;script>alert(1)&lt;/script></p>",
        "<a href='mailto:x@example.org\"><script>alert(1)</script>'>x</a>",
        "<script type=application/ld+json>{\"a\":\"\\u003cscript\\u003ealert(1)\"}</script>",
    ];
    for html in inert {
        assert_eq!(
            html_problems("t.html", html),
            Vec::<String>::new(),
            "flagged: {html}"
        );
    }
}
