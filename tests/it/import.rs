//! `tuoyu import`: official lists (xlsx, CSV in UTF-8 / UTF-8+BOM / GBK) made by the tests
//! themselves, imported into a copy of the shipped content, checked and built.
//!
//! Self-contained (no `common` module) so it can be folded into one test binary.
//! rust_xlsxwriter writes .xlsx only: the .ods fixture is committed, made by
//! `scripts/make-ods-fixture.py`; no .xls writer is at hand, and calamine reads .xls
//! through the same code path (`import::sheet::read_workbook`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::{Format, Workbook};

/// A cell of a fixture sheet.
#[derive(Clone)]
enum C {
    T(&'static str),
    S(String),
    N(f64),
    /// A real date cell (serial number with a date format).
    D(f64),
    /// Merged with the cell above (a district merged over several rows).
    Above,
}

const DISTRICTS: &[&str] = &[
    "市南区",
    "shibei",
    "黄岛",
    "崂山区",
    "李沧",
    "城阳区",
    "即墨",
    "胶州市",
    "平度",
    "莱西市",
];

/// One data row of the messy list: row `i` (0-based) of the republished version `v`.
fn messy_row(i: usize, capacity: &str) -> Vec<C> {
    let date = match i % 4 {
        0 => C::T("2021-08-16"),
        1 => C::T("2021/8/16"),
        2 => C::T("2021年8月16日"),
        _ => C::D(44424.0),
    };
    vec![
        C::N(i as f64 + 1.0),
        C::S(format!(
            "测试·{}第{}托育园",
            DISTRICTS[i % 10].trim_end_matches(['区', '市']),
            i + 1
        )),
        C::T(DISTRICTS[i % 10]),
        C::S(format!("测试路{}号", i + 1)),
        C::S(capacity.to_string()),
        C::S(format!("0532 8888 {:04}", i + 1)),
        date,
        C::S(format!("测试教育咨询有限公司{}", i + 1)),
        C::T(if i.is_multiple_of(2) {
            "营利性"
        } else {
            "非营利性"
        }),
        C::T("张老师"),
    ]
}

const HEADER: &[&str] = &[
    "序号",
    "托育机构名称",
    "所属区（市）",
    "机构地址",
    "托位数（个）",
    "联系电话",
    "备案时间",
    "举办者",
    "机构性质",
    "负责人",
];

/// Write a list the way offices publish it: a merged title, a date line, a blank row,
/// the header, the data, a merged notice row.
fn write_list(path: &Path, sheet: &str, rows: &[Vec<C>]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 9, "青岛市2024年托育机构备案名单", &plain)
        .unwrap();
    ws.write_string(1, 0, "发布日期：2024年3月1日").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 4;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                C::T(s) => ws.write_string(r, c, *s).map(|_| ()),
                C::S(s) => ws.write_string(r, c, s).map(|_| ()),
                C::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                C::D(n) => ws.write_number_with_format(r, c, *n, &date).map(|_| ()),
                C::Above => match &rows[r as usize - 5][c as usize] {
                    C::T(top) => ws.merge_range(r - 1, c, r, c, top, &plain).map(|_| ()),
                    _ => Ok(()),
                },
            }
            .unwrap();
        }
    }
    let last = rows.len() as u32 + 4;
    ws.merge_range(last, 0, last, 9, "注：以上名单排名不分先后。", &plain)
        .unwrap();
    book.save(path).unwrap();
}

fn messy_rows(n: usize) -> Vec<Vec<C>> {
    let mut rows: Vec<Vec<C>> = (0..n)
        .map(|i| messy_row(i, if i % 3 == 0 { "30个" } else { "40" }))
        .collect();
    // Rows 1 and 2 share one merged 所属区 cell.
    rows[1][2] = C::Above;
    rows
}

fn tuoyu(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A copy of the shipped content/ in a temporary folder.
fn shipped_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    (dir, content)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file of a folder and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn build(content: &Path, out: &Path) -> usize {
    let (ok, text) = tuoyu(&["build", "--content", s(content), "--out", s(out), "-q"]);
    assert!(ok, "{text}");
    std::fs::read_dir(out.join("institutions")).unwrap().count()
}

fn import(content: &Path, list: &Path, extra: &[&str]) -> (bool, String) {
    let mut args = vec!["import", "--kind", "filed", "--content", s(content)];
    args.extend(extra);
    args.push(s(list));
    tuoyu(&args)
}

fn last_line(text: &str) -> &str {
    text.trim_end().lines().last().unwrap_or("")
}

#[test]
fn messy_official_list_adds_thirty_records_that_check_and_build() {
    let (dir, content) = shipped_copy();
    let before = build(&content, &dir.path().join("before"));
    let list = dir.path().join("名单2024.xlsx");
    write_list(&list, "备案名单", &messy_rows(30));
    let (ok, out) = import(&content, &list, &[]);
    assert!(ok, "{out}");
    assert_eq!(
        last_line(&out),
        "导入 名单2024.xlsx：新增 30 条，变更 0 条，未变 0 条，名单中未再出现 0 条",
        "{out}"
    );
    assert!(out.contains("未识别的列 J4「负责人」"), "{out}");
    assert!(out.contains("跳过第 35 行"), "{out}");
    let yaml = std::fs::read_to_string(content.join("filed/名单2024.yaml")).unwrap();
    assert!(
        yaml.starts_with("# 由 tuoyu import 从 名单2024.xlsx（备案名单）导入"),
        "{yaml}"
    );
    assert_eq!(yaml.matches("filed_on: 2021-08-16").count(), 30, "{yaml}");
    assert!(yaml.contains("phone: 0532-88880001"), "{yaml}");
    assert!(yaml.contains("capacity: 30\n"), "{yaml}");
    assert!(yaml.contains("district: huangdao"), "{yaml}");
    assert_eq!(
        yaml.matches("district: shinan").count(),
        4,
        "merged cell: {yaml}"
    );
    let (ok, out) = tuoyu(&["check", "--content", s(&content)]);
    assert!(ok, "{out}");
    assert_eq!(build(&content, &dir.path().join("after")), before + 30);
}

#[test]
fn republished_list_dry_run_then_real_run_keeps_ids() {
    let (dir, content) = shipped_copy();
    let list = dir.path().join("名单2024.xlsx");
    write_list(&list, "备案名单", &messy_rows(30));
    assert!(import(&content, &list, &[]).0);
    let first = std::fs::read_to_string(content.join("filed/名单2024.yaml")).unwrap();
    let ids: Vec<String> = first
        .lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .map(str::to_string)
        .collect();

    // Republished: row 2's 托位数 and row 3's phone change, row 4 is gone, one is new.
    let mut rows = messy_rows(31);
    rows[1][4] = C::T("987");
    rows[2][5] = C::T("0532-12345678");
    rows.remove(3);
    let v2 = dir.path().join("v2");
    std::fs::create_dir_all(&v2).unwrap();
    let list2 = v2.join("名单2024.xlsx");
    write_list(&list2, "备案名单", &rows);

    let before = snapshot(&content);
    let (ok, out) = import(&content, &list2, &["--dry-run"]);
    assert!(ok, "{out}");
    assert_eq!(
        last_line(&out),
        "导入 名单2024.xlsx：新增 1 条，变更 2 条，未变 27 条，名单中未再出现 1 条",
        "{out}"
    );
    assert!(out.contains("托位数 40 → 987"), "{out}");
    assert!(out.contains("status: 注销"), "{out}");
    assert_eq!(snapshot(&content), before, "a dry run wrote something");

    let (ok, out) = import(&content, &list2, &[]);
    assert!(ok, "{out}");
    let second = std::fs::read_to_string(content.join("filed/名单2024.yaml")).unwrap();
    for id in &ids {
        assert!(
            second.contains(&format!("- id: {id}\n")),
            "{id} lost:\n{second}"
        );
    }
    assert!(
        second.starts_with(&first[..first.find("\n\n").unwrap()]),
        "header comment kept"
    );
    let site = dir.path().join("public");
    build(&content, &site);
    let page = std::fs::read_to_string(site.join(format!("institutions/{}.html", ids[1]))).unwrap();
    assert!(page.contains("987"), "the new 托位数 is not on the page");
    // Importing the same list again changes nothing.
    let (_, out) = import(&content, &list2, &["--dry-run"]);
    assert!(
        last_line(&out).contains("新增 0 条，变更 0 条，未变 30 条"),
        "{out}"
    );
}

#[test]
fn bad_cell_is_reported_with_its_place_and_nothing_is_written() {
    let (dir, content) = shipped_copy();
    let mut rows = messy_rows(30);
    rows[2][4] = C::T("三十"); // sheet row 7, column E (托位数)
    let list = dir.path().join("名单2024.xlsx");
    write_list(&list, "备案名单", &rows);
    let before = snapshot(&content);
    let (ok, out) = import(&content, &list, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("名单2024.xlsx 备案名单!E7：「三十」不是整数；应写成 30 或 30个"),
        "{out}"
    );
    assert!(out.contains("没有写入任何文件"), "{out}");
    assert_eq!(snapshot(&content), before);
    let (ok, out) = import(&content, &list, &["--skip-bad-rows"]);
    assert!(ok, "{out}");
    assert!(last_line(&out).contains("新增 29 条"), "{out}");
}

#[test]
fn csv_in_utf8_bom_and_gbk_gives_the_same_records() {
    let mut text =
        String::from("青岛市托育机构备案名单,,,,\n序号,机构名称,区县,详细地址,备案日期\n");
    for i in 1..=3 {
        text.push_str(&format!(
            "{i},测试·CSV托育园{i},城阳,测试路{i}号,2022.3.{i}\n"
        ));
    }
    text.push_str("注：数据截至2022年4月,,,,\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let mut results = Vec::new();
    for (name, bytes) in [
        ("utf8", text.as_bytes()),
        ("bom", &bom[..]),
        ("gbk", &gbk[..]),
    ] {
        let (dir, content) = shipped_copy();
        let list = dir.path().join("名单.csv");
        std::fs::write(&list, bytes).unwrap();
        let (ok, out) = import(&content, &list, &[]);
        assert!(ok, "{name}: {out}");
        assert!(last_line(&out).contains("新增 3 条"), "{name}: {out}");
        assert_eq!(
            out.contains("已按 GBK 读取"),
            name == "gbk",
            "{name}: {out}"
        );
        let yaml = std::fs::read_to_string(content.join("filed/名单.yaml")).unwrap();
        assert!(yaml.contains("filed_on: 2022-03-02"), "{yaml}");
        results.push(yaml);
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(
        results[1].replace("CSV）", ""),
        results[2].replace("CSV）", "")
    );
}

#[test]
fn open_data_xlsx_reads_back_into_the_same_records() {
    let (dir, content) = shipped_copy();
    let site = dir.path().join("public");
    build(&content, &site);
    let csv_before = std::fs::read(site.join("data/institutions.csv")).unwrap();
    std::fs::remove_file(content.join("filed/sample.yaml")).unwrap();
    let (ok, out) = import(&content, &site.join("data/institutions.xlsx"), &[]);
    assert!(ok, "{out}");
    let again = dir.path().join("again");
    build(&content, &again);
    let csv_after = std::fs::read(again.join("data/institutions.csv")).unwrap();
    // Same institutions, same facts, cell for cell.
    assert_eq!(
        String::from_utf8_lossy(&csv_before),
        String::from_utf8_lossy(&csv_after)
    );
}

#[test]
fn the_same_institution_twice_in_a_list_is_a_bad_row() {
    let (dir, content) = shipped_copy();
    let list = dir.path().join("重复.csv");
    let text = "机构名称,所属区（市）,地址,备案时间\n测试·重复托育园,城阳区,测试路1号,2022-01-05\n测试·重复托育园,城阳,测试路1号,2022-01-05\n";
    std::fs::write(&list, text).unwrap();
    let (ok, out) = import(&content, &list, &["--dry-run"]);
    assert!(!ok, "{out}");
    assert!(out.contains("重复.csv!A3：与第 2 行是同一机构"), "{out}");
}

/// `tests/fixtures/import/list.ods` is made by `scripts/make-ods-fixture.py` (Rust here
/// writes .xlsx only); it has a spanning title, a date cell and a notice row.
#[test]
fn ods_list_imports() {
    let (_dir, content) = shipped_copy();
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/list.ods");
    let (ok, out) = import(&content, &list, &[]);
    assert!(ok, "{out}");
    assert!(last_line(&out).contains("新增 2 条"), "{out}");
    let yaml = std::fs::read_to_string(content.join("filed/list.yaml")).unwrap();
    assert!(yaml.contains("filed_on: 2021-08-16"), "{yaml}");
    assert!(yaml.contains("filed_on: 2021-09-01"), "{yaml}");
    assert!(yaml.contains("district: chengyang"), "{yaml}");
}
