//! Synthetic content for benchmarks: `cargo run --release --example synth -- <N> <DIR> [--seed S]`
//!
//! Writes a complete, valid content folder (site.yaml, districts.yaml, filed/, demonstration/,
//! sites/, pages/) with N records in total: about 80 % filed, 8 % demonstration, 12 % sites.
//! Half of the demonstration records and a tenth of the sites share an id with a filed record
//! (and then carry the same name, district, street and address). Records are grouped into files
//! of 1000 (`filed/part-0001.yaml` …). Everything is fictional and deterministic: the same N and
//! seed always give the same bytes. Only std; the YAML is written by hand.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const DEFAULT_SEED: u64 = 0x7475_6f79_7520_3230; // "tuoyu 20"
const PER_FILE: usize = 1000;
/// Written into DIR so that a later run may clear the folders it made.
const MARKER: &str = ".synth";

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, one independent stream per (kind, index), so a filed record's name and
// address can be regenerated exactly when a demonstration record or site shares its id.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut r = Rng(seed);
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo) + 1) as u32
    }

    /// True with probability `pct` %.
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }

    /// Uniform in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const STREAM_FILED: u64 = 1;
const STREAM_DEMO: u64 = 2;
const STREAM_SITE: u64 = 3;
const STREAM_SHARE_DEMO: u64 = 4;
const STREAM_SHARE_SITE: u64 = 5;

fn stream(seed: u64, kind: u64, index: u64) -> Rng {
    let mut mix = Rng(seed ^ kind.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let base = mix.next();
    Rng::new(base ^ index.wrapping_mul(0xA076_1D64_78BD_642F))
}

// ---------------------------------------------------------------------------------------------
// Fixed data.

struct District {
    id: &'static str,
    name: &'static str,
    population: u32,
    lat: f64,
    lng: f64,
    streets: &'static [&'static str],
}

#[rustfmt::skip]
const DISTRICTS: &[District] = &[
    District {
        id: "shinan",
        name: "市南区",
        population: 486643,
        lat: 36.066,
        lng: 120.383,
        streets: &[
            "香港中路街道", "八大峡街道", "云南路街道", "中山路街道", "江苏路街道", "八大关街道",
            "湛山街道", "金湖路街道", "八大湖街道", "金门路街道", "珠海路街道",
        ],
    },
    District {
        id: "shibei",
        name: "市北区",
        population: 1096879,
        lat: 36.087,
        lng: 120.375,
        streets: &[
            "辽宁路街道", "延安路街道", "登州路街道", "宁夏路街道", "敦化路街道", "辽源路街道",
            "合肥路街道", "大港街道", "即墨路街道", "台东街道", "镇江路街道", "浮山新区街道",
            "阜新路街道", "海伦路街道", "四方街道", "兴隆路街道", "水清沟街道", "洛阳路街道",
            "河西街道", "双山街道", "湖岛街道", "开平路街道",
        ],
    },
    District {
        id: "huangdao",
        name: "黄岛区",
        population: 1903595,
        lat: 35.960,
        lng: 120.050,
        streets: &[
            "黄岛街道", "辛安街道", "薛家岛街道", "灵珠山街道", "长江路街道", "红石崖街道",
            "灵山卫街道", "珠海街道", "隐珠街道", "滨海街道", "张家楼街道", "铁山街道",
            "胶南街道", "王台镇", "琅琊镇", "泊里镇", "大场镇", "大村镇", "六汪镇", "海青镇",
            "宝山镇", "藏马镇",
        ],
    },
    District {
        id: "laoshan",
        name: "崂山区",
        population: 502370,
        lat: 36.107,
        lng: 120.468,
        streets: &["中韩街道", "沙子口街道", "王哥庄街道", "北宅街道", "金家岭街道"],
    },
    District {
        id: "licang",
        name: "李沧区",
        population: 737281,
        lat: 36.145,
        lng: 120.432,
        streets: &[
            "振华路街道", "永清路街道", "兴华路街道", "浮山路街道", "李村街道", "虎山路街道",
            "兴城路街道", "九水街道", "湘潭路街道", "楼山街道", "世园街道",
        ],
    },
    District {
        id: "chengyang",
        name: "城阳区",
        population: 1109606,
        lat: 36.307,
        lng: 120.396,
        streets: &[
            "城阳街道", "夏庄街道", "流亭街道", "棘洪滩街道", "上马街道", "惜福镇街道",
            "红岛街道", "河套街道",
        ],
    },
    District {
        id: "jimo",
        name: "即墨区",
        population: 1336077,
        lat: 36.389,
        lng: 120.447,
        streets: &[
            "环秀街道", "潮海街道", "通济街道", "北安街道", "龙山街道", "龙泉街道", "鳌山卫街道",
            "温泉街道", "灵山街道", "大信街道", "段泊岚镇", "移风店镇", "田横镇", "金口镇",
        ],
    },
    District {
        id: "jiaozhou",
        name: "胶州市",
        population: 987820,
        lat: 36.264,
        lng: 120.033,
        streets: &[
            "阜安街道", "中云街道", "三里河街道", "九龙街道", "胶东街道", "胶北街道", "胶西街道",
            "洋河镇", "里岔镇", "铺集镇", "李哥庄镇",
        ],
    },
    District {
        id: "pingdu",
        name: "平度市",
        population: 1191348,
        lat: 36.776,
        lng: 119.988,
        streets: &[
            "东阁街道", "凤台街道", "李园街道", "同和街道", "白沙河街道", "南村镇", "蓼兰镇",
            "崔家集镇", "明村镇", "田庄镇", "新河镇", "店子镇", "大泽山镇", "旧店镇", "云山镇",
            "古岘镇", "仁兆镇",
        ],
    },
    District {
        id: "laixi",
        name: "莱西市",
        population: 720103,
        lat: 36.868,
        lng: 120.517,
        streets: &[
            "水集街道", "望城街道", "沽河街道", "姜山镇", "夏格庄镇", "院上镇", "日庄镇", "南墅镇",
            "河头店镇", "店埠镇", "马连庄镇",
        ],
    },
];

#[rustfmt::skip]
const NAME_CHARS: &[&str] = &[
    "贝", "乐", "橙", "禾", "苗", "星", "月", "晨", "曦", "童", "趣", "阳", "光", "彩", "虹", "暖",
    "爱", "心", "树", "悦", "安", "宁", "朵", "朵", "小", "鹿", "鸥", "海", "韵", "蓝", "天", "云",
    "芽", "果", "豆", "宝", "欣", "怡", "嘉", "和", "康", "睿", "启", "明", "知", "语", "林", "溪",
];
const NAME_SUFFIXES: &[&str] = &["托育中心", "托育园", "宝贝之家", "育儿园", "托育服务中心"];
#[rustfmt::skip]
const ROAD_CHARS: &[&str] = &[
    "松", "涛", "青", "峰", "泉", "秀", "柳", "桃", "梅", "枫", "银", "杏", "春", "秋", "福", "泰",
    "兴", "华", "瑞", "祥", "长", "宁", "平", "安", "丰", "顺", "海", "港", "湾", "崂", "东", "西",
];
const ROAD_SUFFIXES: &[&str] = &["路", "路", "路", "街", "大道", "一路", "二路", "三路"];

const OWNERSHIP: &[&str] = &["公办", "民办", "民办", "民办", "公办民营"];
const PROFIT: &[&str] = &["营利性", "非营利性"];
const FORMS: &[&str] = &[
    "独立托育机构",
    "社区嵌入式",
    "幼儿园托班",
    "用人单位办托",
    "家庭托育点",
    "托育综合服务中心",
];
const SERVICES: &[&str] = &["全日托", "半日托", "计时托", "临时托"];
const HOURS: &[&str] = &[
    "周一至周五 7:30-17:30",
    "周一至周五 8:00-17:00",
    "周一至周六 7:00-18:00",
    "工作日 7:30-18:00",
    "周一至周五 7:45-17:45",
];
const MODELS: &[&str] = &[
    "企业工会联合",
    "街道社区联动",
    "幼儿园托育一体化",
    "社区嵌入式",
    "其他",
];
const FUNDERS: &[&str] = &[
    "虚构集团工会",
    "虚构街道办事处",
    "虚构社区居委会",
    "虚构区卫生健康局",
    "虚构实验幼儿园",
    "虚构科技有限公司",
];
const ELIGIBILITY: &[&str] = &["本企业职工子女", "社区居民", "不限"];
const PARAGRAPH: &[&str] = &[
    "机构设有独立的睡眠室、盥洗室和户外活动场地，室内采光良好。",
    "保育人员均持证上岗，**师幼比不低于1:5**。",
    "提供营养配餐，每周公布食谱，食材来源可追溯。",
    "已接入区级托育服务监管平台，公共区域**视频监控全覆盖**。",
    "与社区卫生服务中心签约，定期开展健康检查和生长发育评估。",
    "可预约参观，入托前安排**一周适应期**，家长可陪同。",
    "每日安排不少于两小时的户外活动，天气不佳时改在室内活动区进行。",
    "开设亲子阅读、音乐律动和感统游戏等活动，每月举办一次家长开放日。",
    "园所位于小区内部，远离主干道，接送方便。",
    "本条记录为**虚构数据**，仅用于测试，请勿拨打所列电话。",
];

// ---------------------------------------------------------------------------------------------
// Records.

/// What records that share an id must agree on.
struct Base {
    name: String,
    district: usize,
    street: &'static str,
    address: String,
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

fn base(rng: &mut Rng) -> Base {
    let district = pick_district(rng);
    let d = &DISTRICTS[district];
    let street = rng.pick(d.streets);
    let mut name = String::with_capacity(48);
    name.push_str("虚构·");
    for _ in 0..rng.range(2, 4) {
        name.push_str(rng.pick(NAME_CHARS));
    }
    name.push_str(rng.pick(NAME_SUFFIXES));
    let mut address = String::with_capacity(80);
    address.push_str(d.name);
    address.push_str(street);
    address.push_str(rng.pick(ROAD_CHARS));
    address.push_str(rng.pick(ROAD_CHARS));
    address.push_str(rng.pick(ROAD_SUFFIXES));
    let _ = write!(address, "{}号", rng.range(1, 399));
    if rng.chance(30) {
        let _ = write!(address, "{}号楼", rng.range(1, 30));
    }
    Base {
        name,
        district,
        street,
        address,
    }
}

/// A tiny YAML emitter for one list of records: every string double-quoted.
struct Yaml {
    buf: String,
}

impl Yaml {
    fn quoted(&mut self, s: &str) {
        self.buf.push('"');
        for c in s.chars() {
            match c {
                '\\' => self.buf.push_str("\\\\"),
                '"' => self.buf.push_str("\\\""),
                _ => self.buf.push(c),
            }
        }
        self.buf.push('"');
    }

    /// `- key: "value"` for the first field of a list item, `  key: "value"` after.
    fn first(&mut self, key: &str, val: &str) {
        self.buf.push_str("- ");
        self.buf.push_str(key);
        self.buf.push_str(": ");
        self.quoted(val);
        self.buf.push('\n');
    }

    fn str(&mut self, key: &str, val: &str) {
        self.buf.push_str("  ");
        self.buf.push_str(key);
        self.buf.push_str(": ");
        self.quoted(val);
        self.buf.push('\n');
    }

    fn raw(&mut self, key: &str, val: impl std::fmt::Display) {
        let _ = writeln!(self.buf, "  {key}: {val}");
    }

    fn list(&mut self, key: &str, items: &[&str]) {
        self.buf.push_str("  ");
        self.buf.push_str(key);
        self.buf.push_str(": [");
        for (i, s) in items.iter().enumerate() {
            if i > 0 {
                self.buf.push_str(", ");
            }
            self.quoted(s);
        }
        self.buf.push_str("]\n");
    }

    fn base(&mut self, id: &str, b: &Base) {
        self.first("id", id);
        self.str("name", &b.name);
        self.str("district", DISTRICTS[b.district].id);
        self.str("street", b.street);
        self.str("address", &b.address);
    }
}

#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct Date(u32, u32, u32);

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

fn date(rng: &mut Rng, from: u32, to: u32) -> Date {
    Date(rng.range(from, to), rng.range(1, 12), rng.range(1, 28))
}

fn services(rng: &mut Rng) -> Vec<&'static str> {
    let mask = rng.range(1, 15);
    SERVICES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| *s)
        .collect()
}

fn description(rng: &mut Rng, b: &Base, services: &[&str], capacity: u32) -> String {
    let mut s = String::with_capacity(640);
    let d = &DISTRICTS[b.district];
    let _ = write!(
        s,
        "**{}**位于{}{}，提供{}服务，设托位{}个。",
        b.name,
        d.name,
        b.street,
        services.join("、"),
        capacity
    );
    // Shuffled paragraph sentences until the text is 100–200 characters long.
    let mut chars = s.chars().count();
    let target = 100 + rng.below(80) as usize;
    let mut order: [usize; PARAGRAPH.len()] = std::array::from_fn(|i| i);
    for i in 0..order.len() {
        if chars >= target {
            break;
        }
        let j = i + rng.below((order.len() - i) as u64) as usize;
        order.swap(i, j);
        let p = PARAGRAPH[order[i]];
        let len = p.chars().count();
        if chars + len <= 200 {
            s.push_str(p);
            chars += len;
        }
    }
    s
}

fn location(rng: &mut Rng, y: &mut Yaml, district: usize) {
    let d = &DISTRICTS[district];
    let lat = (d.lat + (rng.unit() - 0.5) * 0.08).clamp(35.6, 36.9);
    let lng = (d.lng + (rng.unit() - 0.5) * 0.10).clamp(119.5, 121.0);
    let _ = writeln!(y.buf, "  location: {{lat: {lat:.6}, lng: {lng:.6}}}");
}

fn filed(y: &mut Yaml, seed: u64, i: usize) {
    let mut rng = stream(seed, STREAM_FILED, i as u64);
    let b = base(&mut rng);
    y.base(&filed_id(i), &b);
    let filed_on = date(&mut rng, 2019, 2025);
    y.raw("filed_on", filed_on);
    y.str("ownership", rng.pick(OWNERSHIP));
    y.str("profit", rng.pick(PROFIT));
    y.str("form", rng.pick(FORMS));
    let inclusive = rng.chance(40);
    y.raw("inclusive", inclusive);
    let status = match rng.below(100) {
        0..90 => "在营",
        90..96 => "暂停",
        _ => "注销",
    };
    y.str("status", status);
    let capacity = rng.range(10, 200);
    y.raw("capacity", capacity);
    let min = rng.pick(&[0u32, 3, 6, 12, 18]);
    let max = rng.pick(&[24u32, 30, 36]);
    let _ = writeln!(y.buf, "  ages: {{min_months: {min}, max_months: {max}}}");
    let svc = services(&mut rng);
    y.list("services", &svc);
    if inclusive && rng.chance(25) {
        y.str("fee", "免费");
    } else {
        let _ = writeln!(y.buf, "  fee: \"每月{}元\"", rng.range(10, 48) * 100);
    }
    let _ = writeln!(y.buf, "  phone: \"0532-8{:07}\"", rng.below(10_000_000));
    y.str("hours", rng.pick(HOURS));
    location(&mut rng, y, b.district);
    let desc = description(&mut rng, &b, &svc, capacity);
    y.str("description", &desc);
    let updated = date(&mut rng, filed_on.0.max(2023), 2025);
    y.raw(
        "updated",
        if updated < filed_on {
            filed_on
        } else {
            updated
        },
    );
    let _ = write!(
        y.buf,
        "  sources:\n    - title: \"虚构来源第{n}号\"\n      url: \"https://example.org/src/{n}\"\n      date: {}\n",
        date(&mut rng, 2021, 2025),
        n = i + 1
    );
    if rng.chance(30) {
        y.buf.push_str("  inspections:\n");
        for _ in 0..rng.range(1, 2) {
            let kind = if rng.chance(50) { "自查" } else { "抽查" };
            let _ = writeln!(
                y.buf,
                "    - {{date: {}, kind: \"{kind}\", result: \"合格\"}}",
                date(&mut rng, 2022, 2025)
            );
        }
    }
}

fn filed_id(i: usize) -> String {
    format!("f-{:06}", i + 1)
}

/// The filed record that the `k`-th of `shared` shared records points at: spread evenly over
/// the filed records, one per slot, so no filed id is used twice within a kind.
fn shared_filed(seed: u64, stream_kind: u64, k: usize, shared: usize, n_filed: usize) -> usize {
    let lo = k * n_filed / shared;
    let hi = (k + 1) * n_filed / shared;
    lo + stream(seed, stream_kind, k as u64).below((hi - lo) as u64) as usize
}

fn demonstration(y: &mut Yaml, seed: u64, j: usize, share: &Share) {
    let mut rng = stream(seed, STREAM_DEMO, j as u64);
    match share.filed_index(j) {
        Some(f) => {
            let b = base(&mut stream(seed, STREAM_FILED, f as u64));
            y.base(&filed_id(f), &b);
        }
        None => y.base(&format!("d-{:06}", j + 1), &base(&mut rng)),
    }
    y.str("level", if rng.chance(25) { "省级" } else { "市级" });
    let year = rng.range(2019, 2025);
    y.raw("year", year);
    let _ = writeln!(y.buf, "  batch: \"第{}批\"", rng.range(1, 3));
    if rng.chance(50) {
        y.raw("capacity", rng.range(20, 200));
    }
}

fn site(y: &mut Yaml, seed: u64, j: usize, share: &Share) {
    let mut rng = stream(seed, STREAM_SITE, j as u64);
    match share.filed_index(j) {
        Some(f) => {
            let b = base(&mut stream(seed, STREAM_FILED, f as u64));
            y.base(&filed_id(f), &b);
        }
        None => y.base(&format!("s-{:06}", j + 1), &base(&mut rng)),
    }
    let _ = writeln!(y.buf, "  community: \"虚构社区{}\"", rng.range(1, 999));
    y.str("model", rng.pick(MODELS));
    let a = rng.below(FUNDERS.len() as u64) as usize;
    if rng.chance(50) {
        y.list("funders", &[FUNDERS[a]]);
    } else {
        y.list("funders", &[FUNDERS[a], FUNDERS[(a + 1) % FUNDERS.len()]]);
    }
    y.str("eligibility", rng.pick(ELIGIBILITY));
    let capacity = rng.range(10, 60);
    y.raw("capacity", capacity);
    y.raw("enrolled", rng.range(0, capacity));
    y.str("fee", "免费");
    y.list("services", &services(&mut rng));
}

/// Which records of a kind share an id with a filed record: every `every`-th one.
struct Share {
    seed: u64,
    stream: u64,
    every: usize,
    count: usize,
    n_filed: usize,
}

impl Share {
    fn new(seed: u64, stream: u64, every: usize, n_kind: usize, n_filed: usize) -> Self {
        let count = n_kind.div_ceil(every);
        let count = if n_filed > 0 && count <= n_filed {
            count
        } else {
            0
        };
        Share {
            seed,
            stream,
            every,
            count,
            n_filed,
        }
    }

    fn filed_index(&self, j: usize) -> Option<usize> {
        (self.count > 0 && j.is_multiple_of(self.every)).then(|| {
            shared_filed(
                self.seed,
                self.stream,
                j / self.every,
                self.count,
                self.n_filed,
            )
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Files.

/// Writes `n` records of one kind as `dir/part-NNNN.yaml`, `PER_FILE` to a file.
fn write_kind(
    dir: &Path,
    n: usize,
    mut record: impl FnMut(&mut Yaml, usize),
) -> io::Result<(usize, u64)> {
    fs::create_dir_all(dir)?;
    let (mut files, mut bytes) = (0, 0u64);
    let mut y = Yaml {
        buf: String::with_capacity(PER_FILE * 1400),
    };
    for start in (0..n).step_by(PER_FILE) {
        y.buf.clear();
        for j in start..n.min(start + PER_FILE) {
            record(&mut y, j);
        }
        files += 1;
        bytes += y.buf.len() as u64;
        fs::write(dir.join(format!("part-{files:04}.yaml")), &y.buf)?;
    }
    Ok((files, bytes))
}

fn write_fixed(dir: &Path, n: usize) -> io::Result<u64> {
    let mut y = Yaml { buf: String::new() };
    y.buf.push_str(
        "# Synthetic content written by `cargo run --example synth`: every record is fictional.\n",
    );
    y.buf.push_str(
        "title: \"合成测试名录\"\ncity: \"青岛市\"\nbase_url: \"https://example.org/synth/\"\n",
    );
    let _ = writeln!(
        y.buf,
        "description: \"程序生成的虚构托育机构名录（{n} 条记录），用于性能测试。\""
    );
    y.buf.push_str(
        "data_as_of: 2021-11-11\nnotice: \"本站数据为程序生成的虚构数据，仅用于性能测试。\"\n",
    );
    fs::write(dir.join("site.yaml"), &y.buf)?;
    let mut bytes = y.buf.len() as u64;

    let mut out = BufWriter::new(fs::File::create(dir.join("districts.yaml"))?);
    for d in DISTRICTS {
        y.buf.clear();
        y.first("id", d.id);
        y.str("name", d.name);
        y.raw("population", d.population);
        y.raw("under3", d.population / 1000 * 23);
        y.buf.push_str("  streets:\n");
        for s in d.streets {
            y.buf.push_str("    - ");
            y.quoted(s);
            y.buf.push('\n');
        }
        out.write_all(y.buf.as_bytes())?;
        bytes += y.buf.len() as u64;
    }
    out.flush()?;

    fs::create_dir_all(dir.join("pages"))?;
    let about = "---\ntitle: 关于\nslug: about\norder: 1\n---\n\n\
        本站是 **tuoyu** 的性能测试站点。所有机构、地址和电话均由程序随机生成，\
        与任何真实机构无关。\n\n\
        数据由 `cargo run --release --example synth` 生成，相同的参数总是得到相同的内容。\n";
    fs::write(dir.join("pages/about.md"), about)?;
    Ok(bytes + about.len() as u64)
}

/// DIR must be new, empty, or made by an earlier run (then its record folders are cleared).
fn prepare(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            if !dir.join(MARKER).exists() {
                return Err(format!(
                    "{} is not empty and was not written by synth; give a new or empty folder",
                    dir.display()
                ));
            }
            for sub in ["filed", "demonstration", "sites", "pages"] {
                let p = dir.join(sub);
                if p.exists() {
                    fs::remove_dir_all(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                }
            }
        }
    }
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::write(
        dir.join(MARKER),
        "written by `cargo run --example synth`; safe to overwrite\n",
    )
    .map_err(|e| format!("{}: {e}", dir.display()))
}

fn usage() -> ! {
    eprintln!("usage: synth <N> <DIR> [--seed S]   (N records in total, e.g. 100000 or 100_000)");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut pos, mut seed) = (Vec::new(), DEFAULT_SEED);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "-h" | "--help" => usage(),
            _ => pos.push(a),
        }
    }
    let [n, dir] = pos.as_slice() else { usage() };
    let Ok(n) = n.replace('_', "").parse::<usize>() else {
        usage()
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = run(n, &dir, seed) {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}

fn run(n: usize, dir: &Path, seed: u64) -> Result<(), String> {
    let t0 = Instant::now();
    prepare(dir)?;
    let n_filed = n * 80 / 100;
    let n_demo = n * 8 / 100;
    let n_sites = n - n_filed - n_demo;
    // 示范机构 should be filed: every demonstration record shares a filed id (no warnings).
    let demo_share = Share::new(seed, STREAM_SHARE_DEMO, 1, n_demo, n_filed);
    let site_share = Share::new(seed, STREAM_SHARE_SITE, 10, n_sites, n_filed);

    let io = |e: io::Error| format!("writing into {}: {e}", dir.display());
    let mut bytes = write_fixed(dir, n).map_err(io)?;
    let (demo_share_count, site_share_count) = (demo_share.count, site_share.count);
    // Three kinds, three threads: the filed records are most of the work.
    let results = std::thread::scope(|s| {
        let filed = s.spawn(|| write_kind(&dir.join("filed"), n_filed, |y, i| filed(y, seed, i)));
        let demo = s.spawn(|| {
            write_kind(&dir.join("demonstration"), n_demo, |y, j| {
                demonstration(y, seed, j, &demo_share)
            })
        });
        let sites = write_kind(&dir.join("sites"), n_sites, |y, j| {
            site(y, seed, j, &site_share)
        });
        [
            filed.join().expect("filed thread"),
            demo.join().expect("demonstration thread"),
            sites,
        ]
    });
    let mut files = 3; // site.yaml, districts.yaml, pages/about.md
    for r in results {
        let (f, b) = r.map_err(io)?;
        files += f;
        bytes += b;
    }
    eprintln!(
        "synth: {n} records ({n_filed} filed, {n_demo} demonstration [{demo_share_count} shared], {n_sites} sites [{site_share_count} shared]) \
         in {files} files, {:.1} MB -> {} in {:.2} s",
        bytes as f64 / 1e6,
        dir.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
