//! How long `tuoyu build` takes from clean and after a one-record edit (the incremental
//! build over its previous output), and how many files the edit rewrites:
//!
//! ```text
//! cargo build --release --bin tuoyu --example synth --example bench_incremental
//! target/release/examples/synth 100000 /work/tmp/big/content
//! target/release/examples/bench_incremental /work/tmp/big/content [RUNS]
//! ```
//!
//! Runs the release binary beside this example (`target/release/tuoyu`), building into
//! `public-bench/` beside the content folder (deleted first, with its build cache): once
//! from clean, then RUNS times (default 3) after changing one record's capacity in
//! `filed/part-0001.yaml` (alternately up and down, so the content ends as it began), then
//! once with nothing changed, then twice after renaming the file's first record (a suffix
//! added, then taken away). Prints the wall time of each, and the files rewritten (their
//! modification time moved), counted on disk. `sync` runs before each build: wall times on
//! a shared disk swing without it.

#[path = "shared/capacity.rs"]
mod capacity;
use capacity::edit_capacity;
#[path = "shared/rename.rs"]
mod rename;
use rename::edit_name;

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let content = PathBuf::from(args.next().unwrap_or_else(|| "content".into()));
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let parent = content.parent().unwrap_or(Path::new(".")).to_path_buf();
    let out = parent.join("public-bench");
    let tuoyu = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("tuoyu"))
        .ok_or_else(|| anyhow::anyhow!("no tuoyu binary beside the example"))?;
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(parent.join(".tuoyu-cache"));
    let (clean, _) = build(&tuoyu, &content, &out)?;
    let files = count_files(&out);
    println!("{files} files; clean build {clean:.2} s");
    let record = content.join("filed/part-0001.yaml");
    let mut times = Vec::new();
    for run in 0..runs {
        edit_capacity(&record, if run % 2 == 0 { 1 } else { -1 })?;
        let started = SystemTime::now();
        let (secs, said) = build(&tuoyu, &content, &out)?;
        let rewritten = changed_since(&out, started);
        println!("one-record edit: {secs:.2} s, {rewritten} files rewritten ({said})");
        times.push(secs);
    }
    if runs % 2 == 1 {
        edit_capacity(&record, -1)?;
        build(&tuoyu, &content, &out)?;
    }
    let started = SystemTime::now();
    let (secs, said) = build(&tuoyu, &content, &out)?;
    let rewritten = changed_since(&out, started);
    println!("no edit: {secs:.2} s, {rewritten} files rewritten ({said})");
    // A corrected name: it moves the record in the lists' name order and changes its
    // search terms and geo cell.
    for on in [true, false] {
        edit_name(&record, on)?;
        let started = SystemTime::now();
        let (secs, said) = build(&tuoyu, &content, &out)?;
        let rewritten = changed_since(&out, started);
        println!("one-record rename: {secs:.2} s, {rewritten} files rewritten ({said})");
    }
    times.sort_by(f64::total_cmp);
    if let Some(median) = times.get(times.len() / 2) {
        println!(
            "median one-record rebuild {median:.2} s = {:.0} % of the clean build",
            median / clean * 100.0
        );
    }
    Ok(())
}

/// One `tuoyu build`: its wall time and what it said about the files it wrote.
fn build(tuoyu: &Path, content: &Path, out: &Path) -> anyhow::Result<(f64, String)> {
    let _ = std::process::Command::new("sync").status();
    let started = Instant::now();
    let run = std::process::Command::new(tuoyu)
        .args(["build", "--quiet", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .env("TUOYU_TIMINGS", "1")
        .output()?;
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&run.stderr);
    anyhow::ensure!(run.status.success(), "the build failed:\n{stderr}");
    let said = stderr
        .lines()
        .find(|l| l.contains("files written"))
        .map_or("replaced the folder: no usable cache".into(), |l| {
            l.trim_start_matches("timing: ").to_string()
        });
    Ok((secs, said))
}

fn count_files(dir: &Path) -> usize {
    walk(dir).len()
}

/// Files under `dir` modified at or after `since`.
fn changed_since(dir: &Path, since: SystemTime) -> usize {
    walk(dir)
        .iter()
        .filter(|p| {
            std::fs::metadata(p)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since)
        })
        .count()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(_) => out.push(e.path()),
                Err(_) => {}
            }
        }
    }
    out
}
