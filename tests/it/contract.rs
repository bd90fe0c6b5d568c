//! The data contract of DESIGN.md ("Data"): districts by alias, unknown is not no,
//! 注销 institutions, the new fields on pages and in the open data, and located errors for
//! bad values of the new fields. One fixture folder per scenario (`contract-*`).

use crate::common::Tok;
use crate::common::{Csv, built_fixture, check_fixture, text};
use serde_json::Value;

fn json(site: &std::path::Path) -> Value {
    serde_json::from_str(&text(site, "data/institutions.json")).expect("valid JSON")
}

fn institution<'v>(v: &'v Value, id: &str) -> &'v Value {
    v["institutions"]
        .as_array()
        .and_then(|l| l.iter().find(|i| i["id"] == id))
        .unwrap_or_else(|| panic!("no {id} in the JSON"))
}

fn csv(site: &std::path::Path) -> Csv {
    let bytes = std::fs::read(site.join("data/institutions.csv")).expect("csv");
    Csv::parse(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM"))
}

fn main_text(site: &std::path::Path, page: &str) -> String {
    crate::common::text_of(&crate::common::main_tokens(&text(site, page)))
}

fn tel_links(html: &str) -> Vec<String> {
    crate::common::tokenize(html)
        .iter()
        .filter_map(|t| t.attr("href"))
        .filter(|h| h.starts_with("tel:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_district_may_be_written_as_its_id_name_or_alias() {
    let (_tmp, site) = built_fixture("contract-district-alias", &[]);
    let v = json(&site);
    for id in ["by-id", "by-name", "by-alias"] {
        let i = institution(&v, id);
        assert_eq!(i["district_id"], "chengyang", "{id}: {i:#}");
        assert!(
            i.get("district").is_none(),
            "no internal district index: {i:#}"
        );
    }
    let district = text(&site, "districts/chengyang.html");
    // No capacity is published for any of them: no invented 0.
    let shown = crate::common::text_of(&crate::common::main_tokens(&district));
    assert!(
        shown.contains("托位数未公布") && !shown.contains("0 个托位"),
        "{shown}"
    );
    for id in ["by-id", "by-name", "by-alias"] {
        assert!(
            district.contains(&format!("institutions/{id}.html")),
            "{id} listed"
        );
    }
}

#[test]
fn unknown_inclusive_is_never_shown_as_no() {
    let (_tmp, site) = built_fixture("contract-unknown-inclusive", &[]);
    let page = main_text(&site, "institutions/chengyang-unknown.html");
    assert!(!page.contains('否'), "no 否 on the page: {page}");
    assert!(page.contains("未公布"), "{page}");
    let v = json(&site);
    let i = institution(&v, "chengyang-unknown");
    assert!(i["filed"]["inclusive"].is_null(), "JSON null: {i:#}");
    let table = csv(&site);
    assert_eq!(&table.row("chengyang-unknown")[table.col("普惠")], "");
    for page in ["index.html", "districts/chengyang.html", "filed.html"] {
        let t = main_text(&site, page);
        assert!(
            !t.contains("普惠：否") && !t.contains("普惠 否"),
            "{page}: {t}"
        );
    }
}

#[test]
fn a_cancelled_institution_keeps_its_page_but_no_call_and_is_not_counted() {
    let (_tmp, site) = built_fixture("contract-cancelled", &[]);
    let page = text(&site, "institutions/chengyang-closed.html");
    // No call to the institution; only the complaint lines (a cancelled institution that
    // still takes children is what they are for) and the corrections number.
    let tels = tel_links(&page);
    assert!(
        tels.iter()
            .all(|t| ["tel:0532-87861234", "tel:12345", "tel:0532-12345678"].contains(&t.as_str())),
        "only supervision and corrections numbers on its page: {tels:?}"
    );
    assert!(crate::common::text_of(&crate::common::main_tokens(&page)).contains("已注销"));
    assert!(!page.contains("0532-87002222"), "its number is not offered");
    for list in ["districts/chengyang.html", "filed.html", "index.html"] {
        let html = text(&site, list);
        let tels = tel_links(&html);
        assert!(
            !tels.iter().any(|t| t.contains("87002222")),
            "{list}: {tels:?}"
        );
    }
    let open = text(&site, "institutions/chengyang-open.html");
    let tels = tel_links(&open);
    assert!(
        tels.contains(&"tel:0532-87001111".to_string()),
        "an operating one keeps its call"
    );
    for f in std::fs::read_dir(site.join("search"))
        .expect("search index")
        .flatten()
    {
        let bytes = std::fs::read(f.path()).expect("index file");
        let s = String::from_utf8_lossy(&bytes);
        assert!(!s.contains("87002222"), "{:?} offers the number", f.path());
    }
    // Still in the open data, marked 注销.
    let table = csv(&site);
    assert_eq!(&table.row("chengyang-closed")[table.col("状态")], "注销");
    // Counted apart: one operating institution with 40 places.
    let home: Vec<String> = crate::common::main_tokens(&text(&site, "index.html"))
        .into_iter()
        .filter_map(|t| match t {
            Tok::Text(s) => Some(s),
            _ => None,
        })
        .collect();
    let home = home.join("|");
    assert!(home.contains("|1|") && home.contains("|40|"), "{home}");
    assert!(!home.contains("|2|") && !home.contains("|100|"), "{home}");
    assert!(home.contains("1 家已注销"), "{home}");
    let stats = main_text(&site, "stats.html");
    assert!(stats.contains("1 家已注销"), "{stats}");
}

#[test]
fn new_fields_are_read_shown_and_exported() {
    let (_tmp, site) = built_fixture("contract-new-fields", &[]);
    let page = main_text(&site, "institutions/chengyang-full.html");
    for shown in [
        "又名：新字段园、旧名托育园",
        "91350100M000100Y43",
        "公建民营",
        "每月 1800 元",
        "6 个，截至 2021-11-01",
        "早教亲子课程、寄宿",
        "2023年6月",
        "https://www.qingdaonews.com/a.html",
        "普惠托育是",
        "0532-87861234",
    ] {
        assert!(page.contains(shown), "{shown} on the page: {page}");
    }
    let bare = text(&site, "institutions/chengyang-noaddress.html");
    assert!(crate::common::text_of(&crate::common::main_tokens(&bare)).contains("地址未公布"));
    assert!(
        !bare.contains("uri.amap.com"),
        "no map link without an address"
    );
    let v = json(&site);
    let i = institution(&v, "chengyang-full");
    assert_eq!(i["aliases"], serde_json::json!(["新字段园", "旧名托育园"]));
    assert_eq!(i["monthly_fee"], 1800);
    assert_eq!(
        i["vacancies"],
        serde_json::json!({"places": 6, "as_of": "2021-11-01"})
    );
    assert_eq!(i["updated"], "2023-06");
    assert_eq!(i["filed"]["credit_code"], "91350100M000100Y43");
    assert_eq!(i["filed"]["inclusive"], true);
    assert_eq!(i["sources"][0]["url"], "https://www.qingdaonews.com/a.html");
    assert!(i["sources"][0]["title"].is_null());
    let n = institution(&v, "chengyang-noaddress");
    assert!(n["address"].is_null() && n["monthly_fee"].is_null() && n["filed"].is_null());
    let home = main_text(&site, "index.html");
    assert!(
        home.contains("本名录收录 2 家，占官方公布数的 1.0%"),
        "{home}"
    );
    assert!(home.contains("托位 50 个，占官方公布数的 12.5%"), "{home}");
}

#[test]
fn datapackage_describes_every_column_from_the_contract() {
    let (_tmp, site) = built_fixture("contract-new-fields", &[]);
    let v: Value = serde_json::from_str(&text(&site, "data/datapackage.json")).expect("valid JSON");
    let resources = v["resources"].as_array().expect("resources");
    let paths: Vec<&str> = resources
        .iter()
        .filter_map(|r| r["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        ["institutions.csv", "institutions.xlsx", "institutions.json"]
    );
    let fields = resources[0]["schema"]["fields"].as_array().expect("fields");
    let table = csv(&site);
    let names: Vec<&str> = fields.iter().filter_map(|f| f["name"].as_str()).collect();
    assert_eq!(
        names, table.header,
        "one schema field per CSV column, in order"
    );
    let capacity = fields
        .iter()
        .find(|f| f["name"] == "托位数")
        .expect("托位数");
    assert_eq!(capacity["type"], "integer");
    assert_eq!(capacity["title"], "托位数");
    assert!(
        fields
            .iter()
            .all(|f| f["title"].as_str().is_some_and(|t| !t.is_empty()))
    );
    let ownership = fields
        .iter()
        .find(|f| f["name"] == "举办性质")
        .expect("举办性质");
    assert!(
        ownership["constraints"]["enum"]
            .to_string()
            .contains("公建民营")
    );
}

/// Each bad value of a new field is reported where it stands (lines and columns worked out
/// from tests/fixtures/contract-bad-new-fields).
#[test]
fn bad_values_of_new_fields_are_located_errors() {
    let run = check_fixture("contract-bad-new-fields", "json");
    assert_eq!(run.code, 1, "{}", run.describe());
    let got: Vec<(String, u64, u64, String)> = run
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|d| {
            let file = d["file"].as_str().unwrap_or("").to_string();
            let short = file
                .trim_start_matches("contract-bad-new-fields/")
                .to_string();
            let (line, col) = (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            );
            (
                short,
                line,
                col,
                d["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want = [
        ("filed/x.yaml", 5, 13, "future-date"),
        ("filed/x.yaml", 6, 16, "bad-credit-code"),
        ("filed/x.yaml", 7, 14, "wrong-type"),
        ("filed/x.yaml", 8, 16, "out-of-range"),
        ("filed/x.yaml", 9, 14, "missing-key"),
        ("filed/x.yaml", 10, 12, "bad-month-or-date"),
        ("filed/x.yaml", 11, 14, "unknown-value"),
        ("filed/x.yaml", 13, 7, "unsafe-url"),
        ("filed/x.yaml", 14, 7, "source-shape"),
        ("site.yaml", 8, 20, "bad-phone"),
        ("site.yaml", 10, 3, "missing-key"),
        ("site.yaml", 11, 10, "bad-month-or-date"),
        ("sites/x.yaml", 3, 13, "unknown-district"),
    ];
    for (file, line, col, code) in want {
        assert!(
            got.iter()
                .any(|g| g.0 == file && g.1 == line && g.2 == col && g.3 == code),
            "{code} at {file}:{line}:{col}; got {got:#?}"
        );
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}
