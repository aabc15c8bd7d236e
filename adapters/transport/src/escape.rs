//! Percent-decoding and -encoding with the character sets libvirt uses.
//!
//! `url` keeps the components of a non-special URL percent-encoded; libvirt
//! (through libxml2 and GLib) decodes them on parsing and encodes them again,
//! each with its own set of characters left alone, when it builds the name
//! sent in `CONNECT_OPEN`. These helpers do the same.

/// Decodes `%XX` escapes. Unlike form decoding, `+` stays `+` (libvirt's
/// query parser does not turn it into a space either).
///
/// A `%` not followed by two hex digits, an escape of the NUL byte (libvirt
/// works on C strings) and bytes that are not UTF-8 are errors; the message
/// describes the problem.
pub(crate) fn decode(s: &str) -> Result<String, &'static str> {
    if !s.contains('%') {
        return Ok(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let byte = match (
                bytes.get(i + 1).copied().and_then(hex_value),
                bytes.get(i + 2).copied().and_then(hex_value),
            ) {
                (Some(hi), Some(lo)) => (hi << 4) | lo,
                _ => return Err("'%' is not followed by two hexadecimal digits"),
            };
            if byte == 0 {
                return Err("'%00' (a NUL byte) is not allowed");
            }
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "percent-escapes that do not decode to UTF-8")
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Encodes every byte for which `keep` is false as `%XX` (upper-case hex,
/// as both libxml2 and GLib write it).
pub(crate) fn encode(s: &str, keep: fn(u8) -> bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// RFC 3986 "unreserved": what GLib's `g_string_append_uri_escaped` leaves
/// alone; libvirt writes query parameter values with it.
pub(crate) fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// RFC 2396 "unreserved" (alphanumerics and marks), libxml2's base set.
fn is_libxml_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
        )
}

/// What libxml2's `xmlSaveUri` leaves alone in a path.
pub(crate) fn is_path_char(b: u8) -> bool {
    is_libxml_unreserved(b) || matches!(b, b'/' | b';' | b'@' | b'&' | b'=' | b'+' | b'$' | b',')
}

/// What libxml2's `xmlSaveUri` leaves alone in a fragment (unreserved and
/// reserved characters).
pub(crate) fn is_fragment_char(b: u8) -> bool {
    is_libxml_unreserved(b)
        || matches!(
            b,
            b';' | b'/' | b'?' | b':' | b'@' | b'&' | b'=' | b'+' | b'$' | b',' | b'[' | b']'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_cases() {
        let ok = [
            ("plain", "plain"),
            ("a%20b", "a b"),
            ("a+b", "a+b"),
            ("%2Fx%2f", "/x/"),
            ("%C3%A9", "é"),
            ("", ""),
        ];
        for (input, want) in ok {
            assert_eq!(decode(input).as_deref(), Ok(want), "{input}");
        }
        for bad in ["%", "%2", "%zz", "a%g0", "%00", "%FF"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn encode_sets() {
        assert_eq!(encode("a b/c:d~", is_unreserved), "a%20b%2Fc%3Ad~");
        assert_eq!(encode("/a b/c:d;e", is_path_char), "/a%20b/c%3Ad;e");
        assert_eq!(encode("s:1 [x]#", is_fragment_char), "s:1%20[x]%23");
        assert_eq!(encode("é", is_unreserved), "%C3%A9");
    }
}
