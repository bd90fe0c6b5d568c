//! `TUOYU_TIMINGS=1`: what each step of a build took (time, CPU, memory), printed to stderr
//! for benchmarks and profiling. Apart from the steps so that any of them (the search
//! index's passes, say) can report its own parts.

use std::time::Instant;

/// With TUOYU_TIMINGS set, say something about the build (for benchmarks).
pub fn note(what: &str) {
    if std::env::var_os("TUOYU_TIMINGS").is_some() {
        eprintln!("timing: {what}");
    }
}

/// With TUOYU_TIMINGS set, print how long a step took (for benchmarks and profiling).
pub fn step(step: &str, since: Instant) {
    if std::env::var_os("TUOYU_TIMINGS").is_some() {
        // Resident and peak memory so far (Linux), to see which step needs the memory.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .map(|l| l[name.len()..].trim().to_string())
                .unwrap_or_default()
        };
        // CPU time so far (user + system, Linux): on a shared machine wall times mostly
        // measure the other processes.
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let ticks: u64 = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split(' ').skip(12).take(2))
            .into_iter()
            .flatten()
            .filter_map(|t| t.parse::<u64>().ok())
            .sum();
        eprintln!(
            "timing: {step} {:.3} s (cpu so far {:.2} s, rss {}, peak {})",
            since.elapsed().as_secs_f64(),
            ticks as f64 / 100.0,
            field("VmRSS:"),
            field("VmHWM:")
        );
    }
}
