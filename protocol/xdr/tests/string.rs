//! `ByteString`: a libvirt string kept as bytes. It is the same on the wire
//! as `String`, carries bytes that are not UTF-8 without loss, and keeps
//! the limits strings have.

use libvirt_xdr::{ByteString, DEFAULT_STRING_LIMIT, Error, from_bytes, to_vec};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Meta {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<5, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<5, _, _>"
    )]
    short: ByteString,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<5, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<5, _, _>"
    )]
    maybe: Option<ByteString>,
    free: ByteString,
    list: Vec<ByteString>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct MetaAsText {
    short: String,
    maybe: Option<String>,
    free: String,
    list: Vec<String>,
}

#[test]
fn the_wire_form_is_a_strings() {
    let text = MetaAsText {
        short: "ab".into(),
        maybe: Some("cde".into()),
        free: "any length".into(),
        list: vec!["x".into(), String::new()],
    };
    let bytes = Meta {
        short: "ab".into(),
        maybe: Some("cde".into()),
        free: "any length".into(),
        list: vec!["x".into(), ByteString::new()],
    };
    let wire = to_vec(&text).unwrap();
    assert_eq!(to_vec(&bytes).unwrap(), wire);
    assert_eq!(from_bytes::<Meta>(&wire).unwrap(), bytes);
}

#[test]
fn bytes_that_are_not_utf8_survive_where_a_string_fails() {
    let meta = Meta {
        short: ByteString::from(&b"\xff\xfe"[..]),
        maybe: None,
        free: ByteString::from(&b"caf\xe9 \xc3\x28 ok"[..]),
        list: vec![ByteString::from(&b"\x80"[..])],
    };
    let wire = to_vec(&meta).unwrap();
    let back: Meta = from_bytes(&wire).unwrap();
    assert_eq!(back, meta);
    assert_eq!(back.free.as_bytes(), b"caf\xe9 \xc3\x28 ok");
    assert_eq!(back.free.to_string(), "caf\u{fffd} \u{fffd}( ok");
    // The same bytes as a String: the whole value is lost.
    assert_eq!(from_bytes::<MetaAsText>(&wire), Err(Error::InvalidUtf8));
}

#[test]
fn bounds_and_the_default_limit_hold() {
    let mut meta = Meta {
        short: "123456".into(),
        maybe: None,
        free: ByteString::new(),
        list: vec![],
    };
    assert_eq!(
        to_vec(&meta),
        Err(Error::LengthExceedsMax { len: 6, max: 5 })
    );
    meta.short = ByteString::new();
    meta.maybe = Some("123456".into());
    assert_eq!(
        to_vec(&meta),
        Err(Error::LengthExceedsMax { len: 6, max: 5 })
    );
    meta.maybe = None;
    meta.free = ByteString::from(vec![b'a'; DEFAULT_STRING_LIMIT + 1]);
    assert!(matches!(to_vec(&meta), Err(Error::LengthExceedsMax { .. })));

    // Decoding: the same limits, from text-typed encodings.
    let long = MetaAsText {
        short: "123456".into(),
        maybe: None,
        free: String::new(),
        list: vec![],
    };
    assert_eq!(
        from_bytes::<Meta>(&to_vec(&long).unwrap()),
        Err(Error::LengthExceedsMax { len: 6, max: 5 })
    );
    let mut wire = to_vec(&MetaAsText {
        short: String::new(),
        maybe: None,
        free: String::new(),
        list: vec![],
    })
    .unwrap();
    // `free`'s length word claims more than the default limit.
    let at = 8;
    wire[at..at + 4].copy_from_slice(&((DEFAULT_STRING_LIMIT as u32) + 1).to_be_bytes());
    assert!(matches!(
        from_bytes::<Meta>(&wire),
        Err(Error::LengthExceedsMax { .. })
    ));
}

#[test]
fn human_readable_formats_see_text_or_bytes() {
    let meta = Meta {
        short: "ab".into(),
        maybe: Some(ByteString::from(&b"\xff"[..])),
        free: "x".into(),
        list: vec![],
    };
    let json = serde_json::to_string(&meta).unwrap();
    assert_eq!(json, r#"{"short":"ab","maybe":[255],"free":"x","list":[]}"#);
    assert_eq!(serde_json::from_str::<Meta>(&json).unwrap(), meta);
}

#[test]
fn comparisons_and_conversions() {
    let s = ByteString::from("web");
    assert_eq!(s, "web");
    assert_eq!("web", s);
    assert_eq!(s, String::from("web"));
    assert!(s != "db");
    assert_eq!(s.to_str(), Ok("web"));
    assert_eq!(s.clone().into_string().unwrap(), "web");
    assert_eq!(format!("[{s:>5}]"), "[  web]");
    assert_eq!(format!("{s:?}"), "\"web\"");
    let odd = ByteString::from(vec![b'a', 0xff]);
    assert!(!odd.is_utf8());
    assert_eq!(odd.to_str_lossy(), "a\u{fffd}");
    assert_eq!(odd.clone().into_string_lossy(), "a\u{fffd}");
    assert_eq!(
        odd.clone().into_string().unwrap_err().into_bytes(),
        b"a\xff"
    );
    assert_eq!(format!("{odd:?}"), r#"b"a\xff""#);
    assert_eq!(odd.len(), 2);
}
