//! How long `tuoyu serve` takes to rebuild a site into memory after an edit:
//!
//! ```text
//! cargo run --release --example synth -- 576 /tmp/qd/content      # Qingdao scale
//! cargo run --release --example bench_rebuild -- /tmp/qd/content [RUNS]
//! ```
//!
//! Runs the preview's first build, then RUNS times (default 20) changes one record's
//! capacity in `filed/part-0001.yaml` (or the first record file; alternately up and down,
//! so the content ends as it began) and runs the preview's rebuild
//! (`tuoyu::serve::site::rebuild_with`, as `tuoyu serve` does after a save: check, parsing
//! only the changed file, theme, renderer and search index; files render on request).
//! Prints the first build's time and the fastest and median rebuild wall time, and on
//! Linux the CPU time per rebuild: on a shared machine the wall time mostly measures the
//! other processes, the CPU time what a rebuild costs.

#[path = "shared/capacity.rs"]
mod capacity;
use capacity::edit_capacity;

use std::path::PathBuf;
use std::time::Instant;

use tuoyu::serve::site::{Memo, Sources, rebuild_with};

/// The allocator `tuoyu serve` runs with (src/main.rs): with the system's, malloc and free
/// were ~37 % of a rebuild's CPU here, which the preview never pays.
#[cfg(not(feature = "no-mimalloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let content = PathBuf::from(args.next().unwrap_or_else(|| "content".into()));
    let runs: usize = args
        .next()
        .map(|r| r.parse())
        .transpose()?
        .unwrap_or(20)
        .max(1);
    let themes = content
        .parent()
        .map(|p| p.join("themes"))
        .unwrap_or_default();
    let record = record_file(&content)?;
    let sources = Sources { content, themes };
    let memo = Memo::default();
    let first = Instant::now();
    rebuild_with(&sources, &memo)
        .result
        .map_err(|p| anyhow::anyhow!("the site does not build: {p:?}"))?;
    println!(
        "first build {:.0} ms",
        first.elapsed().as_secs_f64() * 1000.0
    );
    let mut walls = Vec::with_capacity(runs);
    let mut cpu = 0.0;
    let mut files = 0;
    for run in 0..runs {
        edit_capacity(&record, if run % 2 == 0 { 1 } else { -1 })?;
        let cpu_before = cpu_ms();
        let started = Instant::now();
        let outcome = rebuild_with(&sources, &memo);
        walls.push(started.elapsed().as_secs_f64() * 1000.0);
        cpu += cpu_ms().zip(cpu_before).map_or(f64::NAN, |(b, a)| b - a);
        files = outcome
            .result
            .map_err(|p| anyhow::anyhow!("the site does not build: {p:?}"))?
            .len();
    }
    walls.sort_by(f64::total_cmp);
    print!(
        "{files} files; rebuild wall time: fastest {:.0} ms, median {:.0} ms",
        walls[0],
        walls[runs / 2]
    );
    println!("; CPU time {:.0} ms per rebuild", cpu / runs as f64);
    if runs % 2 == 1 {
        edit_capacity(&record, -1)?;
    }
    Ok(())
}

/// The record file the benchmark edits: synth's first filed file, else any filed file.
fn record_file(content: &std::path::Path) -> anyhow::Result<PathBuf> {
    let synth = content.join("filed/part-0001.yaml");
    if synth.is_file() {
        return Ok(synth);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(content.join("filed"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("capacity: ")))
        .collect();
    files.sort();
    files
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no filed record with a capacity"))
}

/// CPU time (user + system) of this process so far, in ms (Linux: /proc, 10 ms ticks).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    Some((ticks(11)? + ticks(12)?) * 10.0)
}
