//! `tuoyu check`: every validation rule of DESIGN.md, one fixture folder each, with the
//! exact file:line:column of each problem (worked out by hand from the fixture) and a
//! snapshot of the human-readable report.

mod common;

use unicode_width::UnicodeWidthStr;

use common::{Run, check_fixture, check_in, fixtures, tuoyu};
use serde_json::Value;

/// One diagnostic as `check --format json` prints it.
#[derive(Debug, Clone, PartialEq)]
struct Diag {
    file: String,
    line: u64,
    column: u64,
    severity: String,
    message: String,
    help: Option<String>,
    /// The catalogue key of the message.
    code: Option<String>,
}

fn parse_json_lines(run: &Run) -> Vec<Diag> {
    run.stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"));
            Diag {
                file: v["file"]
                    .as_str()
                    .unwrap_or_else(|| panic!("no file in {l}"))
                    .to_string(),
                line: v["line"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("no line in {l}")),
                column: v["column"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("no column in {l}")),
                severity: v["severity"]
                    .as_str()
                    .unwrap_or_else(|| panic!("no severity in {l}"))
                    .to_string(),
                message: v["message"]
                    .as_str()
                    .unwrap_or_else(|| panic!("no message in {l}"))
                    .to_string(),
                help: v["help"].as_str().map(str::to_string),
                code: v["code"].as_str().map(str::to_string),
            }
        })
        .collect()
}

/// Run `check --format json` on a fixture; assert the exit code; return the diagnostics.
fn diags(fixture: &str, expected_exit: i32) -> Vec<Diag> {
    let run = check_fixture(fixture, "json");
    assert_eq!(
        run.code,
        expected_exit,
        "check {fixture}: {}",
        run.describe()
    );
    parse_json_lines(&run)
}

/// `file:line:column` of every diagnostic, in printed order.
fn locations(ds: &[Diag]) -> Vec<String> {
    ds.iter()
        .map(|d| format!("{}:{}:{}", d.file, d.line, d.column))
        .collect()
}

fn find<'a>(ds: &'a [Diag], loc: &str) -> &'a Diag {
    ds.iter()
        .find(|d| format!("{}:{}:{}", d.file, d.line, d.column) == loc)
        .unwrap_or_else(|| panic!("no diagnostic at {loc}; got {:#?}", ds))
}

/// The human report of a fixture, asserted to exit with `code`, snapshotted.
fn human_snapshot(fixture: &str, code: i32) -> Run {
    let run = check_fixture(fixture, "human");
    assert_eq!(run.code, code, "check {fixture}: {}", run.describe());
    insta::assert_snapshot!(fixture, run.stdout);
    run
}

#[test]
fn accepts_the_valid_small_fixture() {
    let run = check_fixture("valid-small", "human");
    assert_eq!(run.code, 0, "{}", run.describe());
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        !all.lines()
            .any(|l| l.starts_with("错误") || l.starts_with("警告")),
        "{}",
        run.describe()
    );
    assert!(all.contains("没有发现错误"), "says so: {}", run.describe());
    let json = check_fixture("valid-small", "json");
    assert_eq!(json.code, 0);
    assert_eq!(
        parse_json_lines(&json),
        vec![],
        "a clean fixture prints no JSON diagnostics"
    );
}

#[test]
fn reports_wrong_types_with_expected_and_found() {
    let ds = diags("wrong-types", 1);
    assert_eq!(
        locations(&ds),
        [
            "wrong-types/filed/x.yaml:6:13",
            "wrong-types/filed/x.yaml:7:14",
            "wrong-types/filed/x.yaml:8:13",
            "wrong-types/filed/x.yaml:9:9",
            "wrong-types/filed/x.yaml:10:10",
        ]
    );
    assert!(ds.iter().all(|d| d.severity == "error"));
    let capacity = find(&ds, "wrong-types/filed/x.yaml:6:13");
    assert!(
        capacity.message.contains("capacity") && capacity.message.contains("整数"),
        "{capacity:?}"
    );
    assert!(
        find(&ds, "wrong-types/filed/x.yaml:7:14")
            .message
            .contains("“true”或“false”")
    );
    assert!(
        find(&ds, "wrong-types/filed/x.yaml:8:13")
            .message
            .contains("列表")
    );
    assert!(
        find(&ds, "wrong-types/filed/x.yaml:9:9")
            .message
            .contains("“键: 值”")
    );
    // An unquoted `true` where text belongs: tell the editor to quote it.
    assert!(
        find(&ds, "wrong-types/filed/x.yaml:10:10")
            .message
            .contains("引号")
    );
    human_snapshot("wrong-types", 1);
}

#[test]
fn reports_unknown_keys_with_did_you_mean() {
    let ds = diags("unknown-key", 1);
    let adress = find(&ds, "unknown-key/filed/x.yaml:4:1");
    assert!(adress.message.contains("未知的键 `adress`"), "{adress:?}");
    assert!(
        adress
            .help
            .as_deref()
            .unwrap_or("")
            .contains("您是不是想写 `address`？"),
        "{adress:?}"
    );
    let colour = find(&ds, "unknown-key/filed/x.yaml:6:1");
    assert!(colour.message.contains("未知的键 `colour`"), "{colour:?}");
    let help = colour.help.as_deref().unwrap_or("");
    assert!(
        !help.contains("您是不是想写"),
        "no key is close to `colour`: {colour:?}"
    );
    assert!(
        help.contains("filed_on") && help.contains("inspections"),
        "the allowed keys are listed: {colour:?}"
    );
    // The misspelt key leaves the record without its required address.
    assert!(
        ds.iter()
            .any(|d| d.message.contains("`address`") && d.message.contains("缺少")),
        "{ds:#?}"
    );
    human_snapshot("unknown-key", 1);
}

#[test]
fn refuses_duplicate_keys_with_line() {
    let ds = diags("duplicate-key", 1);
    let d = find(&ds, "duplicate-key/filed/x.yaml:5:1");
    assert!(d.message.contains("键 `name` 写了两次"), "{d:?}");
    human_snapshot("duplicate-key", 1);
}

#[test]
fn reports_missing_required_fields() {
    let ds = diags("missing-required", 1);
    let mut got: Vec<(String, String)> = ds
        .iter()
        .map(|d| {
            (
                format!("{}:{}:{}", d.file, d.line, d.column),
                d.message.clone(),
            )
        })
        .collect();
    got.sort();
    let expect_missing = [
        ("missing-required/demonstration/x.yaml:1:1", "`level`"),
        ("missing-required/demonstration/x.yaml:1:1", "`year`"),
        ("missing-required/filed/x.yaml:1:3", "`filed_on`"),
        ("missing-required/filed/x.yaml:1:3", "`name`"),
    ];
    assert_eq!(got.len(), expect_missing.len(), "{got:#?}");
    for ((loc, msg), (want_loc, key)) in got.iter().zip(expect_missing) {
        assert_eq!(loc, want_loc);
        assert!(msg.contains("缺少") && msg.contains(key), "{msg}");
    }
    human_snapshot("missing-required", 1);
}

#[test]
fn reports_bad_enum_values_with_allowed_ones() {
    let ds = diags("bad-enum", 1);
    assert_eq!(
        locations(&ds),
        [
            "bad-enum/filed/x.yaml:6:12",
            "bad-enum/filed/x.yaml:7:7",
            "bad-enum/filed/x.yaml:8:9",
            "bad-enum/filed/x.yaml:9:17"
        ]
    );
    let help = |loc| find(&ds, loc).help.clone().unwrap_or_default();
    assert!(help("bad-enum/filed/x.yaml:6:12").contains("[公办, 民办, 公办民营, 公建民营]"));
    assert!(
        help("bad-enum/filed/x.yaml:7:7").contains("独立托育机构")
            && help("bad-enum/filed/x.yaml:7:7").contains("家庭托育点")
    );
    assert!(help("bad-enum/filed/x.yaml:8:9").contains("[在营, 暂停, 注销]"));
    // 全托 is the second list item: column 17 counts characters (全日托 is 3 characters, 9 bytes).
    let services = find(&ds, "bad-enum/filed/x.yaml:9:17");
    assert!(services.message.contains("`全托`"), "{services:?}");
    assert!(
        services
            .help
            .as_deref()
            .unwrap_or("")
            .contains("[全日托, 半日托, 计时托, 临时托]")
    );
    human_snapshot("bad-enum", 1);
}

#[test]
fn reports_unknown_district_with_line() {
    let ds = diags("unknown-district", 1);
    assert_eq!(
        locations(&ds),
        [
            "unknown-district/filed/x.yaml:3:13",
            "unknown-district/filed/x.yaml:8:13"
        ]
    );
    let by_id = find(&ds, "unknown-district/filed/x.yaml:3:13");
    assert!(
        by_id.message.contains("未知的区（市） `laoshan`"),
        "{by_id:?}"
    );
    assert!(
        by_id
            .help
            .as_deref()
            .unwrap_or("")
            .contains("shinan (市南区)"),
        "known districts are listed: {by_id:?}"
    );
    // A name that is no district's name or alias (a district's name or alias is fine:
    // tests/contract.rs): the known ones are listed.
    let by_name = find(&ds, "unknown-district/filed/x.yaml:8:13");
    assert!(
        by_name
            .help
            .as_deref()
            .unwrap_or("")
            .contains("shinan (市南区)"),
        "{by_name:?}"
    );
    human_snapshot("unknown-district", 1);
}

#[test]
fn reports_unknown_street_with_the_districts_streets() {
    let ds = diags("unknown-street", 1);
    assert_eq!(locations(&ds), ["unknown-street/filed/x.yaml:4:9"]);
    let d = &ds[0];
    assert!(
        d.message.contains("城阳街道") && d.message.contains("市南区"),
        "{d:?}"
    );
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .contains("八大峡街道、中山路街道"),
        "{d:?}"
    );
    human_snapshot("unknown-street", 1);
}

#[test]
fn reports_duplicate_ids_within_a_kind() {
    let ds = diags("duplicate-id", 1);
    assert_eq!(
        locations(&ds),
        [
            "duplicate-id/filed/a.yaml:6:7",
            "duplicate-id/filed/b.yaml:1:5"
        ]
    );
    for d in &ds {
        assert!(
            d.message.contains("编号 `shinan-a` 在 filed/ 中重复"),
            "{d:?}"
        );
        assert!(
            d.help
                .as_deref()
                .unwrap_or("")
                .contains("duplicate-id/filed/a.yaml:1"),
            "points at the first use: {d:?}"
        );
    }
    human_snapshot("duplicate-id", 1);
}

#[test]
fn reports_impossible_dates() {
    let ds = diags("impossible-date", 1);
    assert_eq!(
        locations(&ds),
        [
            "impossible-date/filed/x.yaml:5:11",
            "impossible-date/filed/x.yaml:6:10",
            "impossible-date/filed/x.yaml:8:11"
        ]
    );
    assert!(ds[0].message.contains("2021-02-30"));
    assert!(ds[1].message.contains("2021-13-01"));
    assert!(ds[2].message.contains("2021/09/10"));
    human_snapshot("impossible-date", 1);
}

#[test]
fn reports_out_of_range_numbers() {
    let ds = diags("out-of-range", 1);
    assert_eq!(
        locations(&ds),
        [
            "out-of-range/filed/x.yaml:6:11",
            "out-of-range/filed/x.yaml:9:15",
            "out-of-range/filed/x.yaml:10:17"
        ]
    );
    assert!(ds[0].message.contains("`capacity` 是 -1"), "{:?}", ds[0]);
    assert!(
        ds[1].message.contains("`max_months` 是 40") && ds[1].message.contains("0–36"),
        "{:?}",
        ds[1]
    );
    assert!(ds[2].message.contains("`lat` 是 136.3"), "{:?}", ds[2]);
    human_snapshot("out-of-range", 1);
}

#[test]
fn refuses_unsafe_urls() {
    let ds = diags("unsafe-url", 1);
    assert_eq!(
        locations(&ds),
        [
            "unsafe-url/filed/x.yaml:6:10",
            "unsafe-url/filed/x.yaml:9:10",
            "unsafe-url/filed/x.yaml:11:10"
        ]
    );
    assert!(ds[0].message.contains("javascript:alert(1)"));
    assert!(
        ds[1].message.contains("onmouseover"),
        "a quote that would break out of href: {:?}",
        ds[1]
    );
    assert!(
        ds[2].message.contains("//evil.example.org"),
        "protocol-relative: {:?}",
        ds[2]
    );
    human_snapshot("unsafe-url", 1);
}

#[test]
fn refuses_yaml_alias_bomb_without_expanding_it() {
    let started = std::time::Instant::now();
    let ds = diags("alias-bomb", 1);
    let elapsed = started.elapsed();
    assert!(
        elapsed.as_secs() < 10,
        "an alias bomb must be refused fast, took {elapsed:?}"
    );
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!(ds[0].file, "alias-bomb/filed/x.yaml");
    assert!(ds[0].message.contains("别名"), "{:?}", ds[0]);
    human_snapshot("alias-bomb", 1);
}

#[test]
fn reports_conflicting_name_district_address_for_a_shared_id() {
    let ds = diags("conflicting-shared-id", 1);
    assert_eq!(
        locations(&ds),
        [
            "conflicting-shared-id/demonstration/x.yaml:2:7",
            "conflicting-shared-id/demonstration/x.yaml:3:11",
            "conflicting-shared-id/sites/x.yaml:4:10",
        ]
    );
    assert!(
        ds[0].message.contains("`name`")
            && ds[0].message.contains("甲托育中心")
            && ds[0].message.contains("甲托育园")
    );
    assert!(
        ds[1].message.contains("`district`")
            && ds[1].message.contains("chengyang")
            && ds[1].message.contains("shinan")
    );
    assert!(
        ds[2].message.contains("`address`")
            && ds[2].message.contains("2 号")
            && ds[2].message.contains("1 号")
    );
    for d in &ds {
        assert!(
            d.help
                .as_deref()
                .unwrap_or("")
                .contains("conflicting-shared-id/filed/x.yaml:1"),
            "{d:?}"
        );
    }
    human_snapshot("conflicting-shared-id", 1);
}

#[test]
fn warns_about_demonstration_without_filed_record_but_passes() {
    let ds = diags("demonstration-without-filed", 0);
    assert_eq!(
        ds.len(),
        1,
        "only chengyang-b lacks a filed record: {ds:#?}"
    );
    assert_eq!(ds[0].severity, "warning");
    assert_eq!(
        format!("{}:{}:{}", ds[0].file, ds[0].line, ds[0].column),
        "demonstration-without-filed/demonstration/x.yaml:6:7"
    );
    assert!(ds[0].message.contains("chengyang-b"));
    let github = check_fixture("demonstration-without-filed", "github");
    assert_eq!(github.code, 0);
    assert!(
        github.stdout.starts_with(
            "::warning file=demonstration-without-filed/demonstration/x.yaml,line=6,col=7::"
        ),
        "{}",
        github.stdout
    );
    human_snapshot("demonstration-without-filed", 0);
}

#[test]
fn accepts_files_with_bom_and_crlf() {
    // Guard: the fixture must really hold a BOM and CRLF line ends (see tests/fixtures/.gitattributes).
    let bytes = std::fs::read(fixtures().join("bom-crlf/filed/list.yaml")).expect("fixture");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "fixture lost its BOM");
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "fixture lost its CRLF line ends"
    );
    let run = check_fixture("bom-crlf", "json");
    assert_eq!(run.code, 0, "{}", run.describe());
    assert_eq!(parse_json_lines(&run), vec![]);
}

#[test]
fn reports_true_positions_in_bom_crlf_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::copy_fixture("bom-crlf", tmp.path(), "crlf-errors");
    std::fs::write(
        dir.join("filed/list.yaml"),
        "\u{feff}- id: shinan-a\r\n  name: 甲托育园\r\n  district: laoshan\r\n  address: 市南区一路 1 号\r\n  filed_on: 2021-02-30\r\n",
    )
    .expect("write");
    let run = check_in(tmp.path(), "crlf-errors", "json");
    assert_eq!(run.code, 1, "{}", run.describe());
    let ds = parse_json_lines(&run);
    assert_eq!(
        locations(&ds),
        [
            "crlf-errors/filed/list.yaml:3:13",
            "crlf-errors/filed/list.yaml:5:13"
        ]
    );
}

#[test]
fn accepts_a_single_mapping_and_a_list_of_records() {
    let run = check_fixture("single-and-list", "json");
    assert_eq!(run.code, 0, "{}", run.describe());
    assert_eq!(parse_json_lines(&run), vec![]);
}

#[test]
fn reports_a_file_that_is_not_utf8_as_gbk() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::copy_fixture("unknown-street", tmp.path(), "not-utf8");
    // "name: 甲托育园" saved in GBK, as Windows editors do.
    let mut gbk = b"id: shinan-a\nname: ".to_vec();
    gbk.extend_from_slice(&[0xBC, 0xD7, 0xCD, 0xD0, 0xD3, 0xFD, 0xD4, 0xB0]);
    gbk.extend_from_slice(b"\ndistrict: shinan\naddress: x\nfiled_on: 2021-06-01\n");
    std::fs::write(dir.join("filed/x.yaml"), gbk).expect("write");
    let run = check_in(tmp.path(), "not-utf8", "json");
    assert_eq!(run.code, 1, "{}", run.describe());
    let ds = parse_json_lines(&run);
    assert_eq!(
        locations(&ds),
        ["not-utf8/filed/x.yaml:2:7"],
        "the first bad byte: line 2, after `name: `"
    );
    assert!(
        ds[0]
            .message
            .contains("不是 UTF-8 编码（可能保存成了 GBK？）"),
        "{:?}",
        ds[0]
    );
    let human = check_in(tmp.path(), "not-utf8", "human");
    assert!(
        human
            .stdout
            .contains("错误: not-utf8/filed/x.yaml:2:7: 文件不是 UTF-8 编码（可能保存成了 GBK？）"),
        "{}",
        human.describe()
    );
}

#[test]
fn reports_missing_site_yaml() {
    let ds = diags("missing-site", 1);
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!(ds[0].file, "missing-site/site.yaml");
    assert!(ds[0].message.contains("缺少 site.yaml"));
    human_snapshot("missing-site", 1);
}

#[test]
fn exits_2_when_the_content_folder_cannot_be_read() {
    let run = check_fixture("no-such-folder", "human");
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(run.stderr.contains("no-such-folder"), "{}", run.describe());
    assert!(
        run.stderr
            .starts_with("错误：无法读取 no-such-folder：文件或文件夹不存在"),
        "{}",
        run.describe()
    );
    let en = tuoyu(
        &fixtures(),
        &["check", "--lang", "en", "--content", "no-such-folder"],
    );
    assert!(
        en.stderr
            .starts_with("error: cannot read no-such-folder: no such file or folder"),
        "{}",
        en.describe()
    );
}

/// Every mistake of many-mistakes/, located by hand from the files.
const MANY_MISTAKES: &[(&str, &str)] = &[
    ("many-mistakes/demonstration/c.yaml:4:8", "`level`"),
    ("many-mistakes/demonstration/c.yaml:5:7", "`year`"),
    ("many-mistakes/districts.yaml:4:7", "Lao Shan"),
    ("many-mistakes/filed/a.yaml:3:13", "laoshan"),
    ("many-mistakes/filed/a.yaml:11:13", "`capacity`"),
    ("many-mistakes/filed/a.yaml:12:3", "`phnoe`"),
    ("many-mistakes/filed/b.yaml:5:11", "2021-02-30"),
    ("many-mistakes/pages/e.md:2:1", "`titel`"),
    ("many-mistakes/pages/e.md:2:1", "`title`"),
    ("many-mistakes/site.yaml:3:11", "base_url"),
    ("many-mistakes/sites/d.yaml:5:12", "javascript:"),
];

#[test]
fn lists_every_mistake_with_path_line_column() {
    let run = human_snapshot("many-mistakes", 1);
    for (loc, what) in MANY_MISTAKES {
        let prefix = format!("错误: {loc}: ");
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&prefix) && l.contains(what)),
            "no `{prefix}…{what}…` line in:\n{}",
            run.stdout
        );
    }
    let count = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("错误: "))
        .count();
    assert_eq!(count, MANY_MISTAKES.len(), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("{} 个错误，0 个警告", MANY_MISTAKES.len())),
        "{}",
        run.stdout
    );
}

#[test]
fn lists_every_mistake_as_json_lines() {
    let ds = diags("many-mistakes", 1);
    assert_eq!(ds.len(), MANY_MISTAKES.len(), "{ds:#?}");
    for (d, (loc, what)) in ds.iter().zip(MANY_MISTAKES) {
        assert_eq!(&format!("{}:{}:{}", d.file, d.line, d.column), loc);
        assert!(d.message.contains(what), "{d:?} should mention {what}");
        assert_eq!(d.severity, "error");
    }
}

#[test]
fn lists_every_mistake_as_github_annotations() {
    let run = check_fixture("many-mistakes", "github");
    assert_eq!(run.code, 1, "{}", run.describe());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), MANY_MISTAKES.len(), "{}", run.stdout);
    for (l, (loc, what)) in lines.iter().zip(MANY_MISTAKES) {
        let (file, rest) = loc.split_once(':').expect("loc");
        let (line, col) = rest.split_once(':').expect("loc");
        let prefix = format!("::error file={file},line={line},col={col}::");
        assert!(l.starts_with(&prefix), "{l:?} should start with {prefix:?}");
        assert!(l.contains(what), "{l:?} should mention {what}");
    }
}

/// The snippet under each message names the same place as the message line, and nothing
/// of the message leaks into the snippet frame (long messages used to wrap into it).
#[test]
fn human_snippet_repeats_the_reported_location() {
    let fixtures_with_errors = [
        "wrong-types",
        "unknown-key",
        "duplicate-key",
        "missing-required",
        "bad-enum",
        "unknown-district",
        "unknown-street",
        "duplicate-id",
        "impossible-date",
        "out-of-range",
        "unsafe-url",
        "alias-bomb",
        "conflicting-shared-id",
        "demonstration-without-filed",
        "many-mistakes",
        "yaml-fullwidth-colon",
        "yaml-fullwidth-space",
        "yaml-fullwidth-quote",
        "yaml-tab",
        "yaml-colon-in-value",
        "yaml-missing-space",
        "yaml-unclosed-quote",
        "yaml-hash-in-value",
        "yaml-indentation",
        "too-long-id",
    ];
    let mut problems = Vec::new();
    let mut checked = 0;
    for f in fixtures_with_errors {
        let run = check_fixture(f, "human");
        let lines: Vec<&str> = run.stdout.lines().collect();
        for (k, l) in lines.iter().enumerate() {
            let Some(rest) = l
                .strip_prefix("错误: ")
                .or_else(|| l.strip_prefix("警告: "))
            else {
                continue;
            };
            // `path:line:col: message`, then the snippet: the reported line, and a caret
            // under the reported column (counted in display width, CJK being 2 wide).
            let loc = rest.split(": ").next().unwrap_or("");
            let mut parts = loc.rsplitn(3, ':');
            let col: usize = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let line_no: usize = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let snippet: Vec<&str> = lines[k + 1..]
                .iter()
                .take_while(|l| {
                    l.starts_with("     ")
                        || l.trim_start()
                            .split(" | ")
                            .next()
                            .is_some_and(|n| n.trim().parse::<usize>().is_ok())
                })
                .copied()
                .collect();
            if snippet.is_empty() {
                continue; // no source to show (e.g. a file that is not UTF-8)
            }
            let prefix = format!("{line_no:>4} | ");
            let Some(i) = snippet.iter().position(|l| l.starts_with(&prefix)) else {
                problems.push(format!("{f}: `{l}`: snippet does not show line {line_no}"));
                continue;
            };
            checked += 1;
            let text = &snippet[i][prefix.len()..];
            let want: usize = text.chars().take(col - 1).collect::<String>().width();
            let caret = snippet
                .get(i + 1)
                .and_then(|c| c.strip_prefix("     | "))
                .and_then(|c| c.find('^'));
            if caret != Some(want) {
                problems.push(format!(
                    "{f}: after `{l}`\n    caret at {caret:?}, expected column {want}"
                ));
            }
        }
    }
    assert!(checked >= 15, "only {checked} snippets were found to check");
    assert!(
        problems.is_empty(),
        "{} mismatch(es):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn check_with_default_content_folder_reads_content() {
    // `--content` defaults to `content` relative to the working folder.
    let tmp = tempfile::tempdir().expect("tmp");
    common::copy_fixture("unknown-street", tmp.path(), "content");
    let run = tuoyu(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.describe());
    let ds = parse_json_lines(&run);
    assert_eq!(locations(&ds), ["content/filed/x.yaml:4:9"]);
}

#[test]
fn reports_yaml_syntax_errors_with_line() {
    let ds = diags("yaml-syntax", 1);
    assert_eq!(ds.len(), 1, "{ds:#?}");
    // The flow list opened on line 4 is still open when `address:` arrives on line 5: the
    // advice points at the `[` that is never closed.
    assert_eq!(locations(&ds), ["yaml-syntax/filed/x.yaml:4:11"]);
    assert!(ds[0].message.contains("没有对应的 `]`"), "{:?}", ds[0]);
    human_snapshot("yaml-syntax", 1);
}

#[test]
fn refuses_ids_that_are_not_ascii_slugs() {
    let ds = diags("bad-id", 1);
    assert_eq!(
        locations(&ds),
        ["bad-id/filed/x.yaml:1:7", "bad-id/filed/x.yaml:6:7"]
    );
    assert!(ds[0].message.contains("三利托育") && ds[1].message.contains("Shinan_B"));
    human_snapshot("bad-id", 1);
}

#[test]
fn refuses_text_that_is_not_a_phone_number_and_inverted_ages() {
    let ds = diags("bad-phone", 1);
    assert_eq!(
        locations(&ds),
        ["bad-phone/filed/x.yaml:6:8", "bad-phone/filed/x.yaml:7:7"]
    );
    assert!(ds[0].message.contains("见官网"));
    assert!(
        ds[1].message.contains("min_months（30）") && ds[1].message.contains("max_months（12）")
    );
}

#[test]
fn warns_about_empty_record_files_and_stray_yaml() {
    let ds = diags("empty-and-stray", 0);
    assert_eq!(
        locations(&ds),
        [
            "empty-and-stray/filed/empty.yaml:1:1",
            "empty-and-stray/notes.yaml:1:1"
        ]
    );
    assert!(ds.iter().all(|d| d.severity == "warning"), "{ds:#?}");
    assert!(ds[1].message.contains("不会被读取"), "{:?}", ds[1]);
}

#[test]
fn refuses_page_slugs_that_would_overwrite_generated_pages() {
    let ds = diags("reserved-page-slug", 1);
    assert_eq!(
        locations(&ds),
        [
            "reserved-page-slug/pages/home.md:3:7",
            "reserved-page-slug/pages/list.md:3:7"
        ]
    );
    assert!(ds.iter().all(|d| d.message.contains("占用")), "{ds:#?}");
}

/// A page slug such as `filed-2` names page 2 of the filed list once that list has more
/// than 200 entries: one of the two pages would silently overwrite the other.
#[test]
fn refuses_a_page_slug_that_collides_with_a_paginated_list_page() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::copy_fixture("reserved-page-slug", tmp.path(), "paged-slug");
    std::fs::remove_file(dir.join("pages/home.md")).expect("rm");
    std::fs::write(
        dir.join("pages/list.md"),
        "---\ntitle: 名单说明\nslug: filed-2\n---\n正文\n",
    )
    .expect("write");
    let records: String = (0..201)
        .map(|k| format!("- id: n-{k}\n  name: 机构{k}\n  district: shinan\n  address: 路 {k} 号\n  filed_on: 2021-06-01\n"))
        .collect();
    std::fs::write(dir.join("filed/many.yaml"), records).expect("write");
    let run = check_in(tmp.path(), "paged-slug", "json");
    assert_eq!(
        run.code,
        1,
        "slug `filed-2` collides with page 2 of the 202-entry filed list: {}",
        run.describe()
    );
    let ds = parse_json_lines(&run);
    assert!(
        locations(&ds).contains(&"paged-slug/pages/list.md:3:7".to_string()),
        "{ds:#?}"
    );
}

#[test]
fn github_annotations_escape_newlines_percent_and_separators() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = common::copy_fixture("unknown-street", tmp.path(), "a,b:c");
    std::fs::write(
        dir.join("filed/x.yaml"),
        "id: shinan-a\nname: 甲托育园\ndistrict: \"50%\\nx\"\naddress: x\nfiled_on: 2021-06-01\n",
    )
    .expect("write");
    let run = check_in(tmp.path(), "a,b:c", "github");
    assert_eq!(run.code, 1, "{}", run.describe());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one annotation, on one line: {:?}",
        run.stdout
    );
    assert!(
        lines[0].starts_with("::error file=a%2Cb%3Ac/filed/x.yaml,line=3,col=11::"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("50%25%0Ax"), "{}", lines[0]);
}

#[test]
fn the_shipped_content_checks_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = tuoyu(root, &["check", "--content", "content", "--format", "json"]);
    assert_eq!(run.code, 0, "content/ has errors: {}", run.describe());
    let errors: Vec<Diag> = parse_json_lines(&run)
        .into_iter()
        .filter(|d| d.severity == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Each YAML syntax mistake editors make is explained at its own line and column (not
/// where the parser gave up), with what to type instead.
#[test]
fn explains_yaml_mistakes_where_they_are() {
    let cases = [
        (
            "yaml-fullwidth-colon",
            "filed/x.yaml:2:7",
            "yaml-fullwidth-colon",
            "`name: 值`",
        ),
        (
            "yaml-fullwidth-space",
            "filed/x.yaml:3:1",
            "yaml-fullwidth-space",
            "半角空格",
        ),
        (
            "yaml-fullwidth-quote",
            "filed/x.yaml:2:9",
            "yaml-fullwidth-quote",
            "英文双引号",
        ),
        ("yaml-tab", "filed/x.yaml:3:1", "yaml-tab", "改用空格"),
        (
            "yaml-colon-in-value",
            "filed/x.yaml:5:15",
            "yaml-colon-in-value",
            "`hours: \"周一至周五: 7:30-17:30\"`",
        ),
        (
            "yaml-missing-space",
            "filed/x.yaml:3:11",
            "yaml-missing-space",
            "`district: shinan`",
        ),
        (
            "yaml-unclosed-quote",
            "filed/x.yaml:2:9",
            "yaml-unclosed-quote",
            "补上同样的引号",
        ),
        (
            "yaml-syntax",
            "filed/x.yaml:4:11",
            "yaml-unclosed-bracket",
            "补上 `]`",
        ),
        (
            "yaml-hash-in-value",
            "filed/x.yaml:5:18",
            "yaml-hash-in-value",
            "英文双引号",
        ),
        (
            "yaml-indentation",
            "filed/x.yaml:3:4",
            "yaml-indentation",
            "2 个空格",
        ),
    ];
    for (fixture, loc, code, advice) in cases {
        let ds = diags(fixture, 1);
        assert_eq!(locations(&ds), [format!("{fixture}/{loc}")], "{ds:#?}");
        assert_eq!(ds[0].code.as_deref(), Some(code), "{:?}", ds[0]);
        let help = ds[0].help.as_deref().unwrap_or("");
        assert!(
            help.contains(advice),
            "{fixture}: {help:?} should say {advice:?}"
        );
    }
    // `filing_number: #2021-001` is valid YAML (a key without a value, then a comment) but
    // surely not what the editor meant.
    let ds = diags("yaml-comment-as-value", 0);
    assert_eq!(locations(&ds), ["yaml-comment-as-value/filed/x.yaml:6:18"]);
    assert_eq!(ds[0].severity, "warning");
    assert_eq!(ds[0].code.as_deref(), Some("comment-as-value"));
    assert!(
        ds[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`filing_number: \"#2021-001\"`")
    );
    let run = check_fixture("yaml-fullwidth-colon", "human");
    insta::assert_snapshot!("yaml-fullwidth-colon", run.stdout);
}

/// Words a person reads, outside `code spans` (keys, values, paths) and the paths that
/// start each line: by default none of them is English.
fn english_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in text.lines() {
        // The location prefix `错误: path:line:col: ` and snippet lines are not messages.
        let message = match line.split_once(": ") {
            Some((_, rest)) if line.starts_with("错误") || line.starts_with("警告") => {
                rest.split_once(": ").map_or(rest, |(_, m)| m)
            }
            _ if line.trim_start().starts_with("= ") => line,
            _ => continue,
        };
        let outside_code: String = message.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for w in outside_code
            .split(|c: char| !c.is_ascii_alphabetic() && c != '.' && c != '/' && c != '_')
        {
            let is_word = w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic());
            if is_word {
                words.push(w.to_string());
            }
        }
    }
    words
}

#[test]
fn many_mistakes_are_told_in_chinese_by_default_and_in_english_with_lang_en() {
    let zh = check_fixture("many-mistakes", "human");
    // Names an editor writes or reads in the files themselves: file names, the allowed keys
    // in a list, YAML's true/false, http(s), ASCII letters in an example id.
    let allowed = |w: &str| {
        matches!(
            w,
            "yaml" | "md" | "http" | "https" | "true" | "false" | "README" | "ASCII"
        ) || w.chars().all(|c| c.is_ascii_lowercase())
            && (zh.stdout.contains(&format!("{w}, ")) || zh.stdout.contains(&format!(", {w}")))
            || [
                "chengyang",
                "sanli",
                "shinan",
                "qingdao",
                "tuoyu",
                "example",
                "org",
                "json",
                "format",
            ]
            .contains(&w)
    };
    let english: Vec<String> = english_words(&zh.stdout)
        .into_iter()
        .filter(|w| !allowed(w))
        .collect();
    assert!(
        english.is_empty(),
        "English words {english:?} in:\n{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("个错误"), "{}", zh.stdout);

    let en = common::tuoyu(
        &fixtures(),
        &["--lang", "en", "check", "--content", "many-mistakes"],
    );
    assert_eq!(en.code, 1, "{}", en.describe());
    assert!(en.stdout.contains("error: many-mistakes/filed/a.yaml:12:3: unknown key `phnoe` in a filed institution record"), "{}", en.stdout);
    assert!(en.stdout.contains("did you mean `phone`?"), "{}", en.stdout);
    assert!(
        en.stdout.contains("11 error(s), 0 warning(s)"),
        "{}",
        en.stdout
    );
    // Chinese remains only where the content has it (values such as 省级, district names).
    for zh_word in [
        "错误", "提示", "的值", "应该", "不是", "未知", "缺少", "可选",
    ] {
        assert!(
            !en.stdout.contains(zh_word),
            "{zh_word} in the English report:\n{}",
            en.stdout
        );
    }
    let by_env = std::process::Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .current_dir(fixtures())
        .args(["check", "--content", "many-mistakes"])
        .env("TUOYU_LANG", "en")
        .output()
        .expect("run tuoyu");
    assert_eq!(String::from_utf8_lossy(&by_env.stdout), en.stdout);
}

/// Ids and page slugs become file names: 64 characters is accepted (and builds, see
/// build_cli.rs), more is refused where it is written.
#[test]
fn refuses_ids_and_slugs_too_long_for_a_file_name() {
    let ds = diags("too-long-id", 1);
    assert_eq!(
        locations(&ds),
        [
            "too-long-id/filed/x.yaml:1:7",
            "too-long-id/filed/x.yaml:6:7",
            "too-long-id/pages/about.md:3:7",
        ]
    );
    assert!(
        ds.iter().all(|d| d.code.as_deref() == Some("too-long")),
        "{ds:#?}"
    );
    assert!(ds[1].message.contains("300 个字符"), "{:?}", ds[1]);
    assert!(diags("long-id", 0).is_empty());
}
