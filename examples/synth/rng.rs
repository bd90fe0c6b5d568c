//! Deterministic randomness for the synthetic content.

// splitmix64, one independent stream per (kind, index), so a filed record's name and
// address can be regenerated exactly when a demonstration record or site shares its id.

pub struct Rng(pub u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut r = Rng(seed);
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo) + 1) as u32
    }

    /// True with probability `pct` %.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }

    /// Uniform in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub const STREAM_FILED: u64 = 1;
pub const STREAM_DEMO: u64 = 2;
pub const STREAM_SITE: u64 = 3;
pub const STREAM_SHARE_DEMO: u64 = 4;
pub const STREAM_SHARE_SITE: u64 = 5;

pub fn stream(seed: u64, kind: u64, index: u64) -> Rng {
    let mut mix = Rng(seed ^ kind.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let base = mix.next();
    Rng::new(base ^ index.wrapping_mul(0xA076_1D64_78BD_642F))
}
