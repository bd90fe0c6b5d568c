//! What the poster QR code costs per page: draws the QR SVG of N page addresses (as an
//! institution page's) and prints the time and size per code.
//!
//! `cargo run --release --example bench_qr -- 100000`

use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let base = "https://tuoyu.example.org/qingdao/institutions/";
    let start = Instant::now();
    let mut bytes = 0usize;
    for i in 0..n {
        let url = format!("{base}synth-{i:06}-chengyang.html");
        bytes += tuoyu::render::qr::svg(&url, &url).map_or(0, |s| s.len());
    }
    let took = start.elapsed();
    println!(
        "{n} QR codes: {:.3} s, {:.1} µs and {} bytes per page",
        took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / n as f64,
        bytes / n.max(1)
    );
}
