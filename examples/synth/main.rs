//! Synthetic content for benchmarks: `cargo run --release --example synth -- <N> <DIR> [--seed S]`
//!
//! Writes a complete, valid content folder (site.yaml, districts.yaml, filed/, demonstration/,
//! sites/, pages/) with N records in total: about 80 % filed, 8 % demonstration, 12 % sites.
//! Half of the demonstration records and a tenth of the sites share an id with a filed record
//! (and then carry the same name, district, street and address). Records are grouped into files
//! of 1000 (`filed/part-0001.yaml` …). Everything is fictional and deterministic: the same N and
//! seed always give the same bytes. Only std; the YAML is written by hand.
//!
//! The records are shaped like real lists (see `names.rs`): names sharing long district,
//! street and kind prefixes and chain branches, addresses on shared roads and 小区, operators
//! repeated across institutions. The district and street names are Qingdao's; every
//! institution, road, 小区 and company is invented.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

mod data;
mod fixed;
mod names;
mod rng;
mod yaml;

use data::*;
use names::{Base, base};
use rng::*;
use yaml::Yaml;

const DEFAULT_SEED: u64 = 0x7475_6f79_7520_3230; // "tuoyu 20"
const PER_FILE: usize = 1000;
/// Written into DIR so that a later run may clear the folders it made.
const MARKER: &str = ".synth";

// ---------------------------------------------------------------------------------------------
// Records.

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
    y.str("operator", &b.operator);
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
    let mut bytes = fixed::write_fixed(dir, n).map_err(io)?;
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
