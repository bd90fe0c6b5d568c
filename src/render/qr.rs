//! A QR code of a page's absolute address, drawn at build time as one compact inline SVG
//! path (posters: printed, a phone scans it back to the page).
//!
//! The dark modules of each row are merged into runs, each a one-module-wide stroke drawn
//! with relative moves (`m3 0h7`): a 33×33 code is then about 2 kB instead of the ~15 kB
//! of one rectangle per module.

use std::fmt::Write;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

/// Modules of light margin around the code (the standard's quiet zone).
const QUIET: usize = 4;

/// `<svg class="qr" …>` for `url`, or `None` if it is too long for a QR code. `label` is
/// the accessible name (the address itself is printed beside the code by the template).
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (width, colors) = modules(url.as_bytes())?;
    let size = width + 2 * QUIET;
    // One stroke per run of dark modules along the middle of its row, every move relative
    // to the end of the previous run: "m3 0h7" instead of a rectangle per module.
    let mut d = String::with_capacity(width * width);
    let mut cursor: Option<(usize, usize)> = None;
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            // Writing to a String cannot fail.
            let _ = match cursor {
                None => write!(d, "M{} {}.5", start + QUIET, y + QUIET),
                Some((cx, cy)) => write!(d, "m{} {}", start as i64 - cx as i64, y - cy),
            };
            let _ = write!(d, "h{}", x - start);
            cursor = Some((x, y));
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{d}\" stroke=\"#000\"/></svg>",
        super::escape::html(label)
    ))
}

/// The modules of a QR code of `data` (width, row by row). Like `QrCode::new`, but with one
/// fixed mask instead of trying all eight for the lowest penalty: any mask is valid (the
/// format information names it, readers undo it), and trying eight made a code cost ~1.6 ms,
/// most of a page's render time at 100,000 pages.
fn modules(data: &[u8]) -> Option<(usize, Vec<Color>)> {
    let ec_level = EcLevel::M;
    let bits = bits::encode_auto(data, ec_level).ok()?;
    let version = bits.version();
    let (encoded, ec_data) = ec::construct_codewords(&bits.into_bytes(), version, ec_level).ok()?;
    let mut canvas = Canvas::new(version, ec_level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec_data);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let width = usize::try_from(version.width()).ok()?;
    Some((width, canvas.into_colors()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_path_with_merged_runs_and_an_escaped_label() {
        let s = super::svg(
            "https://tuoyu.example.org/qingdao/districts/chengyang.html",
            "a\"<b",
        )
        .unwrap_or_default();
        assert_eq!(s.matches("<path").count(), 1, "{s}");
        assert!(s.contains("aria-label=\"a&quot;&lt;b\""), "{s}");
        assert!(s.len() < 2500, "compact: {} bytes", s.len());
        // The finder pattern's top row is 7 dark modules: one run, not seven.
        assert!(s.contains("M4 4.5h7"), "{s}");
    }
}
