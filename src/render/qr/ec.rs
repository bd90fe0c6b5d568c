//! Reed–Solomon error correction of QR codes at level M, and the interleaving of blocks
//! (ISO/IEC 18004 7.5 and Table 9).
//!
//! qrcode's own `ec::construct_codewords` does the same with a `% 255` in its innermost
//! loop and a vector per block: a quarter of a page's QR code. Here the multiplication by
//! each generator coefficient is a lookup in exponent and logarithm tables made at compile
//! time, the generator polynomials are made once per version, and the codewords are written
//! into one buffer. The result is the same (a test compares it with qrcode's).

/// exp[i] = α^i in GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1, twice over so that the
/// sum of two logarithms needs no reduction; log[x] for x ≠ 0.
struct Gf {
    exp: [u8; 512],
    log: [u8; 256],
}

const GF: Gf = {
    let (mut exp, mut log) = ([0u8; 512], [0u8; 256]);
    let (mut x, mut i) = (1u16, 0);
    while i < 255 {
        exp[i] = x as u8;
        exp[i + 255] = x as u8;
        log[x as usize] = i as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11d;
        }
        i += 1;
    }
    Gf { exp, log }
};

/// (data codewords per block, blocks) of one group of blocks.
type Group = (usize, usize);

/// Level M of Table 9 for versions 1–40: EC codewords per block, then the first group of
/// blocks and the second.
const LEVEL_M: [(usize, Group, Group); 40] = [
    (10, (16, 1), (0, 0)),
    (16, (28, 1), (0, 0)),
    (26, (44, 1), (0, 0)),
    (18, (32, 2), (0, 0)),
    (24, (43, 2), (0, 0)),
    (16, (27, 4), (0, 0)),
    (18, (31, 4), (0, 0)),
    (22, (38, 2), (39, 2)),
    (22, (36, 3), (37, 2)),
    (26, (43, 4), (44, 1)),
    (30, (50, 1), (51, 4)),
    (22, (36, 6), (37, 2)),
    (22, (37, 8), (38, 1)),
    (24, (40, 4), (41, 5)),
    (24, (41, 5), (42, 5)),
    (28, (45, 7), (46, 3)),
    (28, (46, 10), (47, 1)),
    (26, (43, 9), (44, 4)),
    (26, (44, 3), (45, 11)),
    (26, (41, 3), (42, 13)),
    (26, (42, 17), (0, 0)),
    (28, (46, 17), (0, 0)),
    (28, (47, 4), (48, 14)),
    (28, (45, 6), (46, 14)),
    (28, (47, 8), (48, 13)),
    (28, (46, 19), (47, 4)),
    (28, (45, 22), (46, 3)),
    (28, (45, 3), (46, 23)),
    (28, (45, 21), (46, 7)),
    (28, (47, 19), (48, 10)),
    (28, (46, 2), (47, 29)),
    (28, (46, 10), (47, 23)),
    (28, (46, 14), (47, 21)),
    (28, (46, 14), (47, 23)),
    (28, (47, 12), (48, 26)),
    (28, (47, 6), (48, 34)),
    (28, (46, 29), (47, 14)),
    (28, (46, 13), (47, 32)),
    (28, (47, 40), (48, 7)),
    (28, (47, 18), (48, 31)),
];

/// The block layout and generator polynomial of one version at level M.
pub struct Blocks {
    ec_len: usize,
    /// The size of every block's data, in order.
    sizes: Vec<usize>,
    /// Logarithms of the generator polynomial's coefficients after the leading 1.
    generator: Vec<u8>,
}

impl Blocks {
    /// Version 1–40.
    pub fn new(version: usize) -> Option<Self> {
        let &(ec_len, (s1, n1), (s2, n2)) = LEVEL_M.get(version.checked_sub(1)?)?;
        let mut sizes = vec![s1; n1];
        sizes.extend(std::iter::repeat_n(s2, n2));
        Some(Self {
            ec_len,
            sizes,
            generator: generator(ec_len),
        })
    }

    /// Data and error correction codewords, interleaved as they are placed; `None` when
    /// `data` is not this version's data length.
    pub fn codewords(&self, data: &[u8]) -> Option<Vec<u8>> {
        if data.len() != self.sizes.iter().sum::<usize>() {
            return None;
        }
        let blocks = self.sizes.len();
        let mut out = vec![0u8; data.len() + blocks * self.ec_len];
        let (data_out, ec_out) = out.split_at_mut(data.len());
        let mut ec = vec![0u8; self.ec_len];
        let (mut start, longest) = (0, self.sizes.iter().copied().max().unwrap_or(0));
        // The first group's blocks are the shorter: data byte i of block b goes to
        // i * blocks + b, except the last byte of a longer block, after all the others.
        let shorter = self.sizes.iter().take_while(|&&s| s < longest).count();
        for (b, &size) in self.sizes.iter().enumerate() {
            let block = &data[start..start + size];
            start += size;
            for (i, &byte) in block.iter().enumerate() {
                let at = if i + 1 < longest || shorter == 0 {
                    i * blocks + b
                } else {
                    (longest - 1) * blocks - shorter + b
                };
                data_out[at] = byte;
            }
            self.remainder(block, &mut ec);
            for (i, &byte) in ec.iter().enumerate() {
                ec_out[i * blocks + b] = byte;
            }
        }
        Some(out)
    }

    /// The error correction of one block: the remainder of block(x)·x^n by the generator.
    fn remainder(&self, block: &[u8], ec: &mut [u8]) {
        ec.fill(0);
        for &byte in block {
            let feedback = byte ^ ec[0];
            ec.copy_within(1.., 0);
            if let Some(last) = ec.last_mut() {
                *last = 0;
            }
            if feedback != 0 {
                let log_f = usize::from(GF.log[usize::from(feedback)]);
                for (e, &g) in ec.iter_mut().zip(&self.generator) {
                    *e ^= GF.exp[usize::from(g) + log_f];
                }
            }
        }
    }
}

/// Logarithms of the coefficients (after the leading 1) of ∏ (x − αⁱ), i < n.
fn generator(n: usize) -> Vec<u8> {
    let mul = |a: u8, b: u8| match (a, b) {
        (0, _) | (_, 0) => 0,
        _ => GF.exp[usize::from(GF.log[usize::from(a)]) + usize::from(GF.log[usize::from(b)])],
    };
    let mut g = vec![1u8];
    for i in 0..n {
        let root = GF.exp[i];
        let mut next = g.clone();
        next.push(0);
        for j in 1..next.len() {
            next[j] ^= mul(g[j - 1], root);
        }
        g = next;
    }
    // Every coefficient of this polynomial is non-zero, so each has a logarithm.
    g[1..].iter().map(|&c| GF.log[usize::from(c)]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{EcLevel, Version};

    #[test]
    fn codewords_are_qrcodes_in_every_version() {
        let mut seed = 0x2545_f491_u32;
        for v in 1..=40 {
            let blocks = Blocks::new(v).unwrap_or_else(|| panic!("version {v}"));
            let n: usize = blocks.sizes.iter().sum();
            let data: Vec<u8> = (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed >> 24) as u8
                })
                .collect();
            let version = Version::Normal(v as i16);
            let (d, e) = qrcode::ec::construct_codewords(&data, version, EcLevel::M)
                .unwrap_or_else(|e| panic!("version {v}: {e:?}"));
            assert_eq!(
                blocks.codewords(&data),
                Some([d, e].concat()),
                "version {v}"
            );
            assert_eq!(blocks.codewords(&data[1..]), None);
        }
    }
}
