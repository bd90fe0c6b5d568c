//! How long `tuoyu serve` takes to rebuild a site into memory after an edit:
//!
//! ```text
//! cargo run --release --example synth -- 576 /tmp/qd/content      # Qingdao scale
//! cargo run --release --example bench_rebuild -- /tmp/qd/content [RUNS]
//! ```
//!
//! Runs the preview's rebuild (`tuoyu::serve::site::rebuild`: check, theme, render into
//! memory) RUNS times (default 20) and prints the fastest and median wall time, and on
//! Linux the CPU time per rebuild: on a shared machine the wall time mostly measures the
//! other processes, the CPU time what a rebuild costs.

use std::path::PathBuf;
use std::time::Instant;

use tuoyu::serve::site::{Sources, rebuild};

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
    let sources = Sources { content, themes };
    let mut walls = Vec::with_capacity(runs);
    let cpu_before = cpu_ms();
    let mut files = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let outcome = rebuild(&sources);
        walls.push(started.elapsed().as_secs_f64() * 1000.0);
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
    match (cpu_before, cpu_ms()) {
        (Some(a), Some(b)) => println!("; CPU time {:.0} ms per rebuild", (b - a) / runs as f64),
        _ => println!(),
    }
    Ok(())
}

/// CPU time (user + system) of this process so far, in ms (Linux: /proc, 10 ms ticks).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    Some((ticks(11)? + ticks(12)?) * 10.0)
}
