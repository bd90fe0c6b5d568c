//! An official-looking list for import benchmarks:
//! `cargo run --release --example import_list -- <ROWS> <FILE.xlsx>`
//!
//! The layout offices publish: a merged title row, a date line, the header (序号 /
//! 机构名称 / 所属区（市） / 机构地址 / 托位数（个） / 联系电话 / 备案时间 / 举办者 /
//! 机构性质), ROWS rows over the ten Qingdao districts with dates in three spellings and
//! as date cells, and a notice row. Names are fictional and unique; the same ROWS gives
//! the same list.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

const DISTRICTS: &[&str] = &[
    "市南区",
    "市北区",
    "黄岛区",
    "崂山区",
    "李沧区",
    "城阳区",
    "即墨区",
    "胶州市",
    "平度市",
    "莱西市",
];
const HEADER: &[&str] = &[
    "序号",
    "机构名称",
    "所属区（市）",
    "机构地址",
    "托位数（个）",
    "联系电话",
    "备案时间",
    "举办者",
    "机构性质",
];

fn main() -> Result<(), XlsxError> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(rows), Some(path)) = (args.get(1).and_then(|n| n.parse::<u32>().ok()), args.get(2))
    else {
        eprintln!("usage: import_list <ROWS> <FILE.xlsx>");
        std::process::exit(2);
    };
    let mut book = Workbook::new();
    let ws = book.add_worksheet_with_constant_memory()?;
    ws.set_name("备案名单")?;
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 8, "示例市托育机构备案名单（基准测试数据）", &plain)?;
    ws.write_string(1, 0, "发布日期：2024年3月1日")?;
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h)?;
    }
    for i in 0..rows {
        let r = i + 3;
        let d = DISTRICTS[i as usize % DISTRICTS.len()];
        ws.write_number(r, 0, f64::from(i + 1))?;
        ws.write_string(r, 1, format!("基准·{d}第{}托育园", i + 1))?;
        ws.write_string(r, 2, d)?;
        ws.write_string(r, 3, format!("{d}基准路{}号", i + 1))?;
        ws.write_string(r, 4, format!("{}个", 20 + i % 80))?;
        ws.write_string(
            r,
            5,
            format!("0532 {:04} {:04}", i / 10_000 % 10_000, i % 10_000),
        )?;
        match i % 4 {
            0 => ws.write_string(r, 6, "2021-08-16").map(|_| ())?,
            1 => ws.write_string(r, 6, "2021/8/16").map(|_| ())?,
            2 => ws.write_string(r, 6, "2021年8月16日").map(|_| ())?,
            _ => ws
                .write_number_with_format(r, 6, 44424.0, &date)
                .map(|_| ())?,
        }
        ws.write_string(r, 7, format!("基准教育咨询有限公司{}", i + 1))?;
        ws.write_string(
            r,
            8,
            if i % 2 == 0 {
                "营利性"
            } else {
                "非营利性"
            },
        )?;
    }
    ws.write_string(rows + 3, 0, "注：以上名单排名不分先后。")?;
    book.save(path)
}
