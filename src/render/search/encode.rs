//! Byte-level encodings of the search index (see docs/search-index.md).

/// FNV-1a over UTF-16 code units, as the browser computes it with `charCodeAt`.
pub fn shard_hash(term: &str) -> u32 {
    shard_hash_of(&[term])
}

/// [`shard_hash`] of the parts joined, without joining them (a term's shard is worked out
/// for every term of every document: an allocation each showed at a million records).
pub fn shard_hash_of(parts: &[&str]) -> u32 {
    let mut h: u32 = 2_166_136_261;
    for unit in parts.iter().flat_map(|p| p.encode_utf16()) {
        h ^= u32::from(unit);
        h = h.wrapping_mul(16_777_619);
    }
    h
}

/// A short content hash for cache-busting file names: FNV-1a 64 over each part (in
/// parallel), then over those hashes in order; 8 hex digits.
pub fn content_hash(parts: &[&[u8]]) -> String {
    use rayon::prelude::*;
    let each: Vec<u64> = parts.par_iter().map(|p| fnv64(p)).collect();
    let all: Vec<u8> = each.iter().flat_map(|h| h.to_le_bytes()).collect();
    let h = fnv64(&all);
    format!("{:08x}", (h >> 32) as u32 ^ h as u32)
}

fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Sorted document numbers out of `n`: delta-encoded in base 36 and joined by commas, or,
/// when that would be longer (a term in most documents), `!` and a bitmap of `n` bits,
/// six to a character (bit 0 of the first character is document 0).
pub fn postings(docs: &[u32], n: usize) -> String {
    let bitmap_len = n.div_ceil(6) + 1;
    if docs.len() * 3 > bitmap_len {
        let mut bits = vec![0u32; n.div_ceil(6)];
        for d in docs {
            bits[*d as usize / 6] |= 1 << (d % 6);
        }
        let mut out = String::with_capacity(bitmap_len);
        out.push('!');
        out.extend(bits.into_iter().map(b64));
        let delta = deltas(docs);
        if delta.len() > out.len() {
            return out;
        }
        return delta;
    }
    deltas(docs)
}

fn deltas(docs: &[u32]) -> String {
    let mut out = String::with_capacity(docs.len() * 3);
    let mut prev = 0;
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(&mut out, d - prev);
        prev = *d;
    }
    out
}

fn push_base36(out: &mut String, mut v: u32) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 8];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(v % 36) as usize];
        v /= 36;
        if v == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|b| *b as char));
}

/// One 6-bit value as a character of `A–Z a–z 0–9 - _`.
pub fn b64(v: u32) -> char {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    ALPHABET[(v & 63) as usize] as char
}

/// `tuoyuSearch("<key>", <json>);` with `<`, `>`, `&` escaped so the file is inert as HTML.
pub fn js_file(key: &str, json: impl AsRef<[u8]>) -> Vec<u8> {
    let json = json.as_ref();
    // Written straight into the file's bytes (the index is ~150 MB at 100,000 records:
    // each extra copy showed in the build time), escaping as `escape_for_script` does.
    let mut out = Vec::with_capacity(json.len() + json.len() / 64 + key.len() + 20);
    out.extend_from_slice(b"tuoyuSearch(");
    out.extend_from_slice(serde_json::to_string(key).unwrap_or_default().as_bytes());
    out.push(b',');
    let mut from = 0;
    for at in memchr::memchr3_iter(b'<', b'>', b'&', json) {
        out.extend_from_slice(&json[from..at]);
        out.extend_from_slice(match json[at] {
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            _ => b"\\u0026",
        });
        from = at + 1;
    }
    out.extend_from_slice(&json[from..]);
    out.extend_from_slice(b");\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_delta_base36() {
        assert_eq!(postings(&[3, 4, 14, 50], 100), "3,1,a,10");
        assert_eq!(postings(&[], 100), "");
    }

    #[test]
    fn dense_postings_are_a_bitmap() {
        let all: Vec<u32> = (0..12).collect();
        assert_eq!(postings(&all, 12), "!__");
        assert_eq!(postings(&[0, 7], 12), "0,7");
        let most: Vec<u32> = (0..60).filter(|d| d % 7 != 0).collect();
        let p = postings(&most, 60);
        assert!(p.starts_with('!') && p.len() == 11, "{p}");
    }

    #[test]
    fn js_files_are_inert_as_html_and_the_same_as_escape_for_script() {
        let json = r#"{"a":"</script>&<b>"}"#;
        let want = format!(
            "tuoyuSearch(\"t1\",{});\n",
            crate::render::jsonld::escape_for_script(json)
        );
        assert_eq!(String::from_utf8(js_file("t1", json)).unwrap(), want);
        assert!(!want.contains("</script"));
    }

    #[test]
    fn shard_hash_matches_the_browser() {
        // Values computed in JavaScript with Math.imul over charCodeAt.
        assert_eq!(shard_hash(""), 2_166_136_261);
        assert_eq!(shard_hash("a"), 0xe40c292c);
        assert_eq!(shard_hash("三利"), 2_315_992_183);
        assert_eq!(shard_hash("p:sanli"), 1_721_156_460);
    }
}
