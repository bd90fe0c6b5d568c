//! A QR code of a page's absolute address, drawn at build time as one compact inline SVG
//! path (posters: printed, a phone scans it back to the page).
//!
//! The dark modules of each row are merged into runs, each a one-module-wide stroke drawn
//! with relative moves (`m3 0h7`): a 33×33 code is then about 2 kB instead of the ~15 kB
//! of one rectangle per module.
//!
//! Every institution page has a code, so it is drawn cheaply (~30 k instructions instead
//! of ~60 µs): the qrcode crate encodes the bits (its segmentation), our [`ec`] adds the
//! error correction, and the symbol is painted as one bit per module onto a per-version
//! [`Template`] (function patterns, format information and the masked light modules, plus
//! the data modules in placement order) made once; the path's runs are found a word at a
//! time and written without `fmt`. The modules are exactly those of qrcode's own canvas
//! with the same fixed mask (a test compares them).

mod ec;

use std::sync::OnceLock;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version, bits};

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
    let symbol = symbol(url.as_bytes())?;
    let width = symbol.width;
    let size = (width + 2 * QUIET) as i64;
    let label = super::escape::html(label);
    // Bytes, not a String: every push of a String checks for a multi-byte character.
    let mut s = Vec::with_capacity(320 + label.len() + width * width / 2);
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
    path(&mut s, &symbol);
    s.extend_from_slice(b"\" stroke=\"#000\"/></svg>");
    // ASCII and the (valid) label: this cannot fail.
    String::from_utf8(s).ok()
}

/// One stroke per run of dark modules along the middle of its row, every move relative
/// to the end of the previous run: "m3 0h7" instead of a rectangle per module.
fn path(d: &mut Vec<u8>, symbol: &Symbol) {
    let mut cursor: Option<(usize, usize)> = None;
    for (y, row) in symbol.rows().enumerate() {
        let mut x = 0;
        while let Some(start) = next_module(row, x, true, symbol.width) {
            x = next_module(row, start, false, symbol.width).unwrap_or(symbol.width);
            let run = x - start;
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

/// The first module at or after `from` that is dark (or light), a word at a time.
fn next_module(row: &[u64], from: usize, dark: bool, width: usize) -> Option<usize> {
    let flip = if dark { 0 } else { u64::MAX };
    let mut word = from / 64;
    let mut bits = (row.get(word)? ^ flip) & (u64::MAX << (from % 64));
    loop {
        if bits != 0 {
            // Past the width the bits are light: a light one there means "none".
            let at = word * 64 + bits.trailing_zeros() as usize;
            return (at < width).then_some(at);
        }
        word += 1;
        bits = row.get(word)? ^ flip;
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

/// A painted QR code: one bit per module (1 = dark), row by row, each row in whole words.
struct Symbol {
    width: usize,
    words: usize,
    bits: Vec<u64>,
}

impl Symbol {
    fn rows(&self) -> std::slice::Chunks<'_, u64> {
        self.bits.chunks(self.words)
    }
}

/// The QR code of `data`: qrcode's bits, our error correction, painted onto the version's
/// template.
fn symbol(data: &[u8]) -> Option<Symbol> {
    let bits = bits::encode_auto(data, EC_LEVEL).ok()?;
    let t = template(bits.version())?;
    let codewords = t.blocks.codewords(&bits.into_bytes())?;
    let mut dark = t.base.clone();
    // Remainder bits (places beyond the codewords) stay as the base has them.
    for (byte, places) in codewords.iter().zip(t.data.chunks_exact(8)) {
        for (k, &at) in places.iter().enumerate() {
            // The base holds the mask's colour of a light module: a dark bit inverts it.
            let bit = u64::from((byte << k) >> 7);
            dark[(at >> 6) as usize] ^= bit << (at & 63);
        }
    }
    Some(Symbol {
        width: t.width,
        words: t.words,
        bits: dark,
    })
}

/// The modules of the QR code of `data` (width, dark or not, row by row).
#[cfg(test)]
fn modules(data: &[u8]) -> Option<(usize, Vec<bool>)> {
    let s = symbol(data)?;
    let dark = s
        .rows()
        .flat_map(|row| (0..s.width).map(move |x| row[x / 64] >> (x % 64) & 1 == 1))
        .collect();
    Some((s.width, dark))
}

/// What every code of one version shares.
struct Template {
    width: usize,
    /// Words per row of the bit rows.
    words: usize,
    /// The function patterns and format information, and every data module as the mask
    /// leaves a light one (what the remainder bits stay), in [`Symbol`]'s layout.
    base: Vec<u64>,
    /// The data modules in the order bits are placed (the two-column zigzag from the
    /// bottom right, skipping the function patterns), as word index × 64 + bit.
    data: Vec<u32>,
    blocks: ec::Blocks,
}

static TEMPLATES: [OnceLock<Option<Template>>; VERSIONS] = [const { OnceLock::new() }; VERSIONS];

fn template(version: Version) -> Option<&'static Template> {
    let Version::Normal(v) = version else {
        return None;
    };
    let v = usize::try_from(v).ok()?;
    let slot = TEMPLATES.get(v.checked_sub(1)?)?;
    slot.get_or_init(|| make_template(version, v)).as_ref()
}

fn make_template(version: Version, number: usize) -> Option<Template> {
    let mut canvas = Canvas::new(version, EC_LEVEL);
    canvas.draw_all_functional_patterns();
    let w = version.width();
    let width = usize::try_from(w).ok()?;
    let words = width.div_ceil(64);
    let at = |x: i16, y: i16| -> Option<u32> {
        let (x, y) = (usize::try_from(x).ok()?, usize::try_from(y).ok()?);
        u32::try_from((y * words + x / 64) * 64 + x % 64).ok()
    };
    let data = placement_order(w)
        .filter(|&(x, y)| canvas.get(x, y) == Module::Empty)
        .map(|(x, y)| at(x, y))
        .collect::<Option<Vec<u32>>>()?;
    // Masking an empty module gives the mask's colour of a light one; it also draws the
    // format information.
    canvas.apply_mask(MASK);
    let mut base = vec![0u64; width * words];
    for (i, c) in canvas.into_colors().into_iter().enumerate() {
        if c == Color::Dark {
            let (x, y) = (i % width, i / width);
            base[y * words + x / 64] |= 1 << (x % 64);
        }
    }
    Some(Template {
        width,
        words,
        base,
        data,
        blocks: ec::Blocks::new(number)?,
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
    use qrcode::ec as qr_ec;

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
            qr_ec::construct_codewords(&bits.into_bytes(), version, EC_LEVEL).ok()?;
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

    /// The path drawn module by module, the plain way.
    fn reference_path(width: usize, dark: &[bool]) -> String {
        let (mut d, mut cursor) = (String::new(), None::<(usize, usize)>);
        for (y, row) in dark.chunks(width).enumerate() {
            let mut x = 0;
            while x < width {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < width && row[x] {
                    x += 1;
                }
                d += &match cursor {
                    None => format!("M{} {}.5", start + QUIET, y + QUIET),
                    Some((cx, cy)) => format!("m{} {}", start as i64 - cx as i64, y - cy),
                };
                d += &format!("h{}", x - start);
                cursor = Some((x, y));
            }
        }
        d
    }

    #[test]
    fn runs_are_found_across_words_as_module_by_module() {
        // Up to version 20 (97 modules: two words a row, runs across the boundary).
        for len in (10..700).step_by(37) {
            let url = "https://example.org/x/".repeat(len / 22 + 1);
            let url = &url[..len];
            let (Some(symbol), Some((width, dark))) =
                (symbol(url.as_bytes()), modules(url.as_bytes()))
            else {
                panic!("length {len}");
            };
            let mut ours = Vec::new();
            path(&mut ours, &symbol);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                reference_path(width, &dark),
                "length {len}"
            );
        }
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
