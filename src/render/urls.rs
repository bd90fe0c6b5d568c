//! URLs built from editors' text: `tel:` links, map links, percent-encoding.

use crate::model::Institution;

/// A `tel:` URL for the first number in a phone field ("0532-1234 转 8" → tel:0532-1234,8).
pub fn tel(phone: &str) -> Option<String> {
    let first = phone.split(['、', ',', '，', '/']).next().unwrap_or(phone);
    let mut out = String::from("tel:");
    for c in first.chars() {
        match c {
            '0'..='9' | '+' => out.push(c),
            '-' if !out.ends_with('-') && out.len() > 4 => out.push('-'),
            '转' => out.push(','),
            _ => {}
        }
    }
    let digits = out.chars().filter(char::is_ascii_digit).count();
    (digits >= 3).then_some(out)
}

/// An Amap link: a marker at the GCJ-02 coordinates, else a search for the address.
pub fn map(i: &Institution, city: &str) -> Option<String> {
    if let Some(l) = i.location {
        return Some(format!(
            "https://uri.amap.com/marker?position={:.6},{:.6}&name={}&coordinate=gaode&callnative=1",
            l.lng,
            l.lat,
            encode(&i.name)
        ));
    }
    let address = i.address.as_ref()?;
    Some(format!(
        "https://uri.amap.com/search?keyword={}&city={}&callnative=1",
        encode(address),
        encode(city)
    ))
}

/// Percent-encode everything outside RFC 3986's unreserved set.
pub fn encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Bytes, not `String::push` of chars (each push checks how long a UTF-8 sequence the
    // char needs): every byte of a Chinese address or mail body is encoded.
    let mut out = Vec::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_keeps_digits_only() {
        assert_eq!(tel("0532-8888 6666").as_deref(), Some("tel:0532-88886666"));
        assert_eq!(
            tel("0532-1234转8、13800000000").as_deref(),
            Some("tel:0532-1234,8")
        );
        assert_eq!(tel("--"), None);
    }

    #[test]
    fn encode_escapes_everything_risky() {
        assert_eq!(encode("a b&\"<"), "a%20b%26%22%3C");
        assert_eq!(encode("青岛 Az09-._~"), "%E9%9D%92%E5%B2%9B%20Az09-._~");
    }
}
