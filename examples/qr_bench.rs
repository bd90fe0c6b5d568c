//! Time of one poster QR code (`tuoyu::render::qr::svg`), which every institution page
//! draws: `cargo run --release --example qr_bench -- [N]` prints microseconds per code over
//! N addresses (default 20,000) of the length of a large site's institution pages.

use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let urls: Vec<String> = (0..n)
        .map(|i| format!("https://tuoyu.example.org/qingdao/institutions/filed-{i:06}.html"))
        .collect();
    let start = Instant::now();
    let bytes: usize = urls
        .iter()
        .map(|u| tuoyu::render::qr::svg(u, "二维码").map_or(0, |s| s.len()))
        .sum();
    let per = start.elapsed().as_secs_f64() * 1e6 / n.max(1) as f64;
    println!("qr::svg: {per:.2} µs a code over {n} addresses ({bytes} bytes of SVG)");
}
