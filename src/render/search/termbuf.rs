//! A document's terms packed in one buffer ([`TermBuf`]), and their form in a scratch file
//! ([`TermBuf::encode`], [`super::spill`]).

/// Terms of one document, packed in one string (a term a span, with a hash of it), since a
/// document has about 150 and one allocation each was most of the index's build time; sorted
/// and searched by the hash first, since comparing the strings (which share prefixes such
/// as `p:`) was most of the rest.
#[derive(Default)]
pub struct TermBuf {
    text: String,
    spans: Vec<(u64, u32, u32)>,
}

/// FxHash-style hash of a term's bytes (any fixed function serves: it only orders a
/// document's terms).
fn span_hash(b: &[u8]) -> u64 {
    let mut h: u64 = b.len() as u64;
    for chunk in b.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h
}

impl TermBuf {
    fn close(&mut self, start: u32) {
        let end = self.text.len() as u32;
        let h = span_hash(&self.text.as_bytes()[start as usize..end as usize]);
        self.spans.push((h, start, end));
    }

    pub(super) fn push(&mut self, parts: &[&str]) {
        let start = self.text.len() as u32;
        for p in parts {
            self.text.push_str(p);
        }
        self.close(start);
    }

    pub(super) fn push_chars(&mut self, prefix: &str, chars: &[char]) {
        let start = self.text.len() as u32;
        self.text.push_str(prefix);
        self.text.extend(chars);
        self.close(start);
    }

    fn at(&self, (_, a, b): &(u64, u32, u32)) -> &str {
        &self.text[*a as usize..*b as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|s| self.at(s))
    }

    /// Whether `term` is in the buffer (after [`TermBuf::sort_dedup`]).
    pub fn contains(&self, term: &str) -> bool {
        let h = span_hash(term.as_bytes());
        let from = self.spans.partition_point(|s| s.0 < h);
        self.spans[from..]
            .iter()
            .take_while(|s| s.0 == h)
            .any(|s| self.at(s) == term)
    }

    /// Each term once, ordered by hash (then text, so that the order is fixed).
    pub fn sort_dedup(&mut self) {
        let text = &self.text;
        let at = |(_, a, b): &(u64, u32, u32)| &text[*a as usize..*b as usize];
        self.spans
            .sort_unstable_by(|x, y| x.0.cmp(&y.0).then_with(|| at(x).cmp(at(y))));
        self.spans.dedup_by(|x, y| x.0 == y.0 && at(x) == at(y));
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let text = &self.text;
        self.spans
            .retain(|(_, a, b)| keep(&text[*a as usize..*b as usize]));
    }

    /// The terms, in order, appended to `out`: their number, then each one's length and
    /// bytes (lengths as LEB128 varints).
    pub fn encode(&self, out: &mut Vec<u8>) {
        push_varint(out, self.spans.len());
        for term in self.iter() {
            push_varint(out, term.len());
            out.extend_from_slice(term.as_bytes());
        }
    }

    /// The buffer [`TermBuf::encode`] wrote at the start of `bytes`, with only the terms
    /// `keep` keeps, and the bytes it took; None when they are not such a buffer.
    pub fn decode(bytes: &[u8], keep: impl Fn(&str) -> bool) -> Option<(TermBuf, usize)> {
        let (count, mut at) = read_varint(bytes)?;
        let mut buf = TermBuf::default();
        for _ in 0..count {
            let (len, used) = read_varint(&bytes[at..])?;
            at += used;
            let term = std::str::from_utf8(bytes.get(at..at + len)?).ok()?;
            at += len;
            if keep(term) {
                buf.push(&[term]);
            }
        }
        Some((buf, at))
    }

    /// A term's hash as [`TermBuf`] keeps it, by position.
    pub fn hashes(&self) -> impl Iterator<Item = u64> + '_ {
        self.spans.iter().map(|s| s.0)
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A LEB128 varint at the start of `bytes`, and its length.
fn read_varint(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut v = 0usize;
    for (i, b) in bytes.iter().enumerate().take(9) {
        v |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}
