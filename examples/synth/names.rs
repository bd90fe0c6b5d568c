//! Names, addresses and operators shaped like the official lists, not like a tidy test set:
//! hundreds of names share long prefixes (平度市崔家集镇婴幼儿照护驿站, a chain's branches
//! 贝乐托育中心（二园）…), addresses stand on a few dozen roads per district and in a few
//! dozen 小区, and the same operators run many institutions. Every brand, road, 小区 and
//! company is invented (drawn from character pools); districts and streets are Qingdao's.

use std::fmt::Write as _;

use super::data::{DISTRICTS, NAME_CHARS, NAME_SUFFIXES, ROAD_CHARS, ROAD_SUFFIXES};
use super::rng::Rng;

/// What records that share an id must agree on.
pub struct Base {
    pub name: String,
    pub district: usize,
    pub street: &'static str,
    pub address: String,
    pub operator: String,
}

const BRANCHES: &[&str] = &[
    "一园", "二园", "三园", "四园", "五园", "分园", "总园", "东园", "西园",
];
const KINDERGARTENS: &[&str] = &["幼儿园托班", "幼儿园托育部", "中心幼儿园托班"];
const ESTATES: &[&str] = &["小区", "花园", "苑", "家园", "新村", "公馆", "社区"];
const STATIONS: &[&str] = &["婴幼儿照护驿站", "托育服务驿站", "托育点", "婴幼儿成长驿站"];
const COMPANIES: &[&str] = &[
    "教育科技有限公司",
    "托育服务有限公司",
    "教育咨询有限公司",
    "健康管理有限公司",
];

/// A word of `n` characters from a numbered pool entry: the same `k` always gives the same
/// word, so a small `k` range makes a small, repeated vocabulary.
fn word(pool: &[&str], k: u64, n: usize) -> String {
    let mut x = k.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D;
    let mut w = String::new();
    for _ in 0..n {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        w.push_str(pool[(x >> 33) as usize % pool.len()]);
    }
    w
}

fn brand(k: u64) -> String {
    word(NAME_CHARS, k, 2)
}

/// A district's roads: 40 per district, so addresses share them.
fn road(rng: &mut Rng, district: usize) -> String {
    let k = district as u64 * 1000 + rng.below(40);
    let mut r = word(ROAD_CHARS, k, 2);
    r.push_str(ROAD_SUFFIXES[(k % ROAD_SUFFIXES.len() as u64) as usize]);
    r
}

/// A district's 小区: 60 per district.
fn estate(rng: &mut Rng, district: usize) -> String {
    let k = district as u64 * 1000 + 500 + rng.below(60);
    let mut e = word(NAME_CHARS, k, 2);
    e.push_str(ESTATES[(k % ESTATES.len() as u64) as usize]);
    e
}

/// 300 companies in the whole city, most running several institutions.
fn operator(rng: &mut Rng) -> String {
    let k = rng.below(300);
    format!(
        "青岛{}{}",
        word(NAME_CHARS, 7000 + k, 2),
        COMPANIES[(k % COMPANIES.len() as u64) as usize]
    )
}

fn pick_district(rng: &mut Rng) -> usize {
    let total: u64 = DISTRICTS.iter().map(|d| u64::from(d.population)).sum();
    let mut x = rng.below(total);
    for (i, d) in DISTRICTS.iter().enumerate() {
        let p = u64::from(d.population);
        if x < p {
            return i;
        }
        x -= p;
    }
    DISTRICTS.len() - 1
}

/// The name, in one of the shapes the official lists use.
fn name(rng: &mut Rng, district: usize, street: &str, estate: &str, operator: &str) -> String {
    let d = DISTRICTS[district].name;
    let chain = brand(rng.below(150));
    let suffix = rng.pick(NAME_SUFFIXES);
    let mut n = match rng.below(100) {
        // 平度市崔家集镇贝乐托育中心
        0..30 => format!("{d}{street}{chain}{suffix}"),
        // A chain's branch: 贝乐托育中心（二园）
        30..50 => format!("{chain}{suffix}（{}）", rng.pick(BRANCHES)),
        // 城阳区流亭街道星月社区婴幼儿照护驿站
        50..65 => {
            let community = word(NAME_CHARS, rng.below(30) + district as u64 * 100, 2);
            format!("{d}{street}{community}社区{}", rng.pick(STATIONS))
        }
        // 即墨区启明幼儿园托班
        65..80 => format!(
            "{d}{}{}",
            brand(300 + rng.below(200)),
            rng.pick(KINDERGARTENS)
        ),
        // 青岛贝乐教育科技有限公司阳光花园托育园
        80..90 => format!("{}{estate}托育园", operator.trim_end_matches("有限公司")),
        _ => format!(
            "{}{}{suffix}",
            word(NAME_CHARS, rng.next(), 2),
            word(NAME_CHARS, rng.next(), 1)
        ),
    };
    // Some lists write the street again in brackets.
    if rng.chance(5) {
        let _ = write!(n, "（{street}）");
    }
    n
}

/// A record's base facts, drawn from `rng`.
pub fn base(rng: &mut Rng) -> Base {
    let district = pick_district(rng);
    let d = &DISTRICTS[district];
    let street = rng.pick(d.streets);
    let estate = estate(rng, district);
    let operator = operator(rng);
    let name = name(rng, district, street, &estate, &operator);
    let mut address = String::with_capacity(80);
    address.push_str(d.name);
    address.push_str(street);
    address.push_str(&road(rng, district));
    let _ = write!(address, "{}号", rng.range(1, 399));
    if rng.chance(45) {
        address.push_str(&estate);
        let _ = write!(address, "{}号楼", rng.range(1, 30));
        if rng.chance(40) {
            let _ = write!(address, "{}单元", rng.range(1, 4));
        }
    }
    Base {
        name,
        district,
        street,
        address,
        operator,
    }
}
