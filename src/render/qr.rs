//! A QR code of a page's absolute address, drawn at build time as one compact inline SVG
//! path (posters: printed, a phone scans it back to the page).
//!
//! The dark modules of each row are merged into runs, each a one-module-wide stroke drawn
//! with relative moves (`m3 0h7`): a 33×33 code is then about 2 kB instead of the ~15 kB
//! of one rectangle per module.
//!
//! Every institution page has a code, so it is drawn cheaply (~5 µs instead of ~60 µs):
//! the qrcode crate encodes the bits and error correction, but the symbol is painted from
//! a per-version [`Template`] (function patterns, format information and the masked
//! light modules, plus the data modules in placement order) made once, and the path is
//! written without `fmt`. The modules are exactly those of qrcode's own canvas with the
//! same fixed mask (a test compares them).

use std::sync::OnceLock;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version, bits, ec};

/// Modules of light margin around the code (the standard's quiet zone).
const QUIET: usize = 4;
const EC_LEVEL: EcLevel = EcLevel::M;
/// One fixed mask instead of trying all eight for the lowest penalty: any mask is valid
/// (the format information names it, readers undo it), and trying eight made a code cost
/// ~1.6 ms, most of a page's render time at 100,000 pages.
const MASK: MaskPattern = MaskPattern::Checkerboard;
/// QR versions 1–40.
const VERSIONS: usize = 40;

/// `<svg class="qr" …>` for `url`, or `None` if it is too long for a QR code. `label` is
/// the accessible name (the address itself is printed beside the code by the template).
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (width, dark) = modules(url.as_bytes())?;
    let size = (width + 2 * QUIET) as i64;
    let label = super::escape::html(label);
    // Bytes, not a String: every push of a String checks for a multi-byte character.
    let mut s = Vec::with_capacity(320 + label.len() + width * width);
    s.extend_from_slice(b"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    push_num(&mut s, size);
    s.push(b' ');
    push_num(&mut s, size);
    s.extend_from_slice(b"\" role=\"img\" aria-label=\"");
    s.extend_from_slice(label.as_bytes());
    s.extend_from_slice(b"\" shape-rendering=\"crispEdges\"><rect width=\"");
    push_num(&mut s, size);
    s.extend_from_slice(b"\" height=\"");
    push_num(&mut s, size);
    s.extend_from_slice(b"\" fill=\"#fff\"/><path d=\"");
    path(&mut s, width, &dark);
    s.extend_from_slice(b"\" stroke=\"#000\"/></svg>");
    // ASCII and the (valid) label: this cannot fail.
    String::from_utf8(s).ok()
}

/// One stroke per run of dark modules along the middle of its row, every move relative
/// to the end of the previous run: "m3 0h7" instead of a rectangle per module.
fn path(d: &mut Vec<u8>, width: usize, dark: &[bool]) {
    let mut cursor: Option<(usize, usize)> = None;
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while let Some(skip) = row[x..].iter().position(|&m| m) {
            let start = x + skip;
            let run = row[start..]
                .iter()
                .position(|&m| !m)
                .unwrap_or(width - start);
            x = start + run;
            match cursor {
                None => {
                    d.push(b'M');
                    push_num(d, (start + QUIET) as i64);
                    d.push(b' ');
                    push_num(d, (y + QUIET) as i64);
                    d.push(b'.');
                    d.push(b'5');
                }
                Some((cx, cy)) => {
                    d.push(b'm');
                    push_num(d, start as i64 - cx as i64);
                    d.push(b' ');
                    push_num(d, (y - cy) as i64);
                }
            }
            d.push(b'h');
            push_num(d, run as i64);
            cursor = Some((x, y));
        }
    }
}

/// A decimal integer, as `write!` would print it (nearly all are below 100 here; bytes
/// pushed one by one, since a copy of two bytes would call `memcpy`).
#[inline(always)]
fn push_num(s: &mut Vec<u8>, n: i64) {
    if n < 0 {
        s.push(b'-');
    }
    let v = n.unsigned_abs();
    if v < 10 {
        s.push(b'0' + v as u8);
    } else if v < 100 {
        s.push(b'0' + (v / 10) as u8);
        s.push(b'0' + (v % 10) as u8);
    } else {
        s.extend_from_slice(v.to_string().as_bytes());
    }
}

/// The modules of a QR code of `data` (width, dark or not, row by row): qrcode's bits and
/// codewords painted onto the version's template.
fn modules(data: &[u8]) -> Option<(usize, Vec<bool>)> {
    let bits = bits::encode_auto(data, EC_LEVEL).ok()?;
    let version = bits.version();
    let (encoded, ec_data) = ec::construct_codewords(&bits.into_bytes(), version, EC_LEVEL).ok()?;
    let t = template(version)?;
    let mut dark = t.base.clone();
    let mut places = t.data.iter();
    for byte in encoded.iter().chain(&ec_data) {
        for bit in (0..8).rev() {
            let Some(&at) = places.next() else {
                return Some((t.width, dark));
            };
            // The base holds the mask's colour of a light module: a dark bit inverts it.
            if byte & (1 << bit) != 0 {
                let m = &mut dark[usize::from(at)];
                *m = !*m;
            }
        }
    }
    Some((t.width, dark))
}

/// What every code of one version shares.
struct Template {
    width: usize,
    /// The function patterns and format information, and every data module as the mask
    /// leaves a light one (what the remainder bits stay).
    base: Vec<bool>,
    /// The data modules' indices in the order bits are placed (the two-column zigzag
    /// from the bottom right, skipping the function patterns).
    data: Vec<u16>,
}

static TEMPLATES: [OnceLock<Option<Template>>; VERSIONS] = [const { OnceLock::new() }; VERSIONS];

fn template(version: Version) -> Option<&'static Template> {
    let Version::Normal(v) = version else {
        return None;
    };
    let slot = TEMPLATES.get(usize::try_from(v).ok()?.checked_sub(1)?)?;
    slot.get_or_init(|| make_template(version)).as_ref()
}

fn make_template(version: Version) -> Option<Template> {
    let mut canvas = Canvas::new(version, EC_LEVEL);
    canvas.draw_all_functional_patterns();
    let w = version.width();
    let data = placement_order(w)
        .filter(|&(x, y)| canvas.get(x, y) == Module::Empty)
        .map(|(x, y)| u16::try_from(y * w + x).ok())
        .collect::<Option<Vec<u16>>>()?;
    // Masking an empty module gives the mask's colour of a light one; it also draws the
    // format information.
    canvas.apply_mask(MASK);
    let base = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some(Template {
        width: usize::try_from(w).ok()?,
        base,
        data,
    })
}

/// Every module in data placement order (ISO/IEC 18004 7.7.3): up and down two-module
/// columns from the right, stepping over the vertical timing pattern in column 6. The
/// caller skips the function modules.
fn placement_order(width: i16) -> impl Iterator<Item = (i16, i16)> {
    let mut right = width - 1;
    let mut columns = Vec::new();
    while right > 0 {
        if right == 6 {
            right -= 1;
        }
        columns.push(right);
        right -= 2;
    }
    columns.into_iter().enumerate().flat_map(move |(k, right)| {
        let upward = k % 2 == 0;
        (0..width).flat_map(move |i| {
            let y = if upward { width - 1 - i } else { i };
            [(right, y), (right - 1, y)]
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// qrcode's own canvas with the same mask: what the template must reproduce.
    fn reference(data: &[u8]) -> Option<(usize, Vec<bool>)> {
        let bits = bits::encode_auto(data, EC_LEVEL).ok()?;
        let version = bits.version();
        let (encoded, ec_data) =
            ec::construct_codewords(&bits.into_bytes(), version, EC_LEVEL).ok()?;
        let mut canvas = Canvas::new(version, EC_LEVEL);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&encoded, &ec_data);
        canvas.apply_mask(MASK);
        let width = usize::try_from(version.width()).ok()?;
        let dark = canvas.into_colors().into_iter().map(|c| c == Color::Dark);
        Some((width, dark.collect()))
    }

    #[test]
    fn the_modules_are_those_of_the_qrcode_canvas_in_every_version_used() {
        // Lengths from version 1 up to version 10 and beyond (alignment patterns from
        // version 2, version information from version 7), digits and letters mixed.
        let mut versions = std::collections::BTreeSet::new();
        for len in (1..400).step_by(7) {
            let url: String = "https://例子.example.org/a-0123456789/"
                .chars()
                .cycle()
                .take(len)
                .collect();
            let ours = modules(url.as_bytes());
            assert_eq!(ours, reference(url.as_bytes()), "length {len}");
            versions.insert(ours.map(|(w, _)| w));
        }
        assert!(versions.len() > 10, "{versions:?}");
    }

    #[test]
    fn numbers_are_written_as_fmt_writes_them() {
        for n in [0, 7, 10, 99, 123, -1, -40, i64::MAX, i64::MIN + 1] {
            let mut s = Vec::new();
            push_num(&mut s, n);
            assert_eq!(s, n.to_string().as_bytes());
        }
    }
}
