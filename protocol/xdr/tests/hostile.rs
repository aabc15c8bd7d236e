//! Hostile and truncated inputs: typed errors, nothing allocated before the
//! checks, never a panic.

use std::fmt;

use libvirt_xdr::{
    DEFAULT_STRING_LIMIT, Deserializer, Error, from_bytes, from_bytes_exact, to_vec,
};
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

fn word(v: u32) -> [u8; 4] {
    v.to_be_bytes()
}

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// A visitor that fails the test if the deserializer ever hands it data: the
/// length checks must reject the input before any visitor (which is where
/// allocation happens) runs.
struct MustNotVisit;

impl<'de> Visitor<'de> for MustNotVisit {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("nothing")
    }

    fn visit_borrowed_str<E: de::Error>(self, _: &'de str) -> Result<(), E> {
        panic!("visitor reached for a string")
    }

    fn visit_borrowed_bytes<E: de::Error>(self, _: &'de [u8]) -> Result<(), E> {
        panic!("visitor reached for bytes")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        panic!("visitor reached for a sequence")
    }
}

fn probe_str(input: &[u8]) -> Error {
    serde::Deserializer::deserialize_string(&mut Deserializer::new(input), MustNotVisit)
        .unwrap_err()
}

fn probe_bytes(input: &[u8]) -> Error {
    serde::Deserializer::deserialize_byte_buf(&mut Deserializer::new(input), MustNotVisit)
        .unwrap_err()
}

fn probe_seq(input: &[u8]) -> Error {
    serde::Deserializer::deserialize_seq(&mut Deserializer::new(input), MustNotVisit).unwrap_err()
}

#[test]
fn huge_string_length() {
    let input = cat(&[&word(u32::MAX), b"abcd"]);
    let expected = Error::LengthExceedsMax {
        len: u64::from(u32::MAX),
        max: DEFAULT_STRING_LIMIT as u64,
    };
    assert_eq!(probe_str(&input), expected);
    assert_eq!(from_bytes::<String>(&input), Err(expected.clone()));
    assert_eq!(from_bytes::<&str>(&input), Err(expected));
    // Within the limit but beyond the input.
    let input = cat(&[&word(1000), b"abcd"]);
    let expected = Error::LengthExceedsInput {
        len: 1000,
        remaining: 4,
    };
    assert_eq!(probe_str(&input), expected);
    assert_eq!(from_bytes::<String>(&input), Err(expected));
}

#[test]
fn huge_opaque_length() {
    let input = cat(&[&word(u32::MAX), b"abcd"]);
    assert_eq!(
        probe_bytes(&input),
        Error::LengthExceedsInput {
            len: u64::from(u32::MAX),
            remaining: 4
        }
    );
}

#[test]
fn huge_sequence_count() {
    let input = cat(&[&word(u32::MAX), &[0; 64]]);
    let expected = Error::LengthExceedsInput {
        len: u64::from(u32::MAX),
        remaining: 64,
    };
    assert_eq!(probe_seq(&input), expected);
    assert_eq!(from_bytes::<Vec<u32>>(&input), Err(expected.clone()));
    assert_eq!(from_bytes::<Vec<String>>(&input), Err(expected));
}

#[test]
fn sequence_count_against_remaining_input() {
    // 16 bytes left: 4 elements may follow, 5 may not.
    let ok = cat(&[&word(4), &[0; 16]]);
    assert_eq!(from_bytes::<Vec<u32>>(&ok), Ok(vec![0; 4]));
    let bad = cat(&[&word(5), &[0; 16]]);
    assert_eq!(
        probe_seq(&bad),
        Error::LengthExceedsInput {
            len: 5,
            remaining: 16
        }
    );
    // Elements bigger than 4 bytes pass the cheap check and then run out.
    let short = cat(&[&word(4), &[0; 16]]);
    assert!(matches!(
        from_bytes::<Vec<u64>>(&short),
        Err(Error::UnexpectedEof {
            needed: 8,
            remaining: 0
        })
    ));
}

#[derive(Debug, Serialize, Deserialize)]
struct Bounded {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<4, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<4, _, _>"
    )]
    s: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct BoundedSeq {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<4, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<4, _, _>"
    )]
    v: Vec<u32>,
}

#[derive(Debug, Serialize, Deserialize)]
struct BoundedOpaque {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<4, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<4, _, _>"
    )]
    v: Vec<u8>,
}

#[test]
fn bound_plus_one() {
    let five = cat(&[&word(5), b"abcde\0\0\0"]);
    let over = Error::LengthExceedsMax { len: 5, max: 4 };
    assert_eq!(from_bytes::<Bounded>(&five).unwrap_err(), over);
    assert_eq!(from_bytes::<BoundedOpaque>(&five).unwrap_err(), over);
    let seq = cat(&[&word(5), &[0; 20]]);
    assert_eq!(from_bytes::<BoundedSeq>(&seq).unwrap_err(), over);
    // u32::MAX is refused by the bound too.
    assert_eq!(
        from_bytes::<BoundedSeq>(&word(u32::MAX)).unwrap_err(),
        Error::LengthExceedsMax {
            len: u64::from(u32::MAX),
            max: 4
        }
    );
    // At the bound.
    let four = cat(&[&word(4), b"abcd"]);
    assert_eq!(from_bytes::<Bounded>(&four).unwrap().s, "abcd");
    assert_eq!(from_bytes::<BoundedOpaque>(&four).unwrap().v, b"abcd");
}

#[test]
fn invalid_flags() {
    assert_eq!(
        from_bytes::<Option<u32>>(&word(2)),
        Err(Error::InvalidOptional(2))
    );
    assert_eq!(
        from_bytes::<Option<u32>>(&word(u32::MAX)),
        Err(Error::InvalidOptional(u32::MAX))
    );
    assert_eq!(from_bytes::<bool>(&word(2)), Err(Error::InvalidBool(2)));
    assert_eq!(
        from_bytes::<bool>(&word(0x100)),
        Err(Error::InvalidBool(0x100))
    );
}

#[test]
fn non_zero_padding() {
    assert_eq!(
        from_bytes::<String>(&cat(&[&word(1), b"a\0\x01\0"])),
        Err(Error::NonZeroPadding)
    );
    assert_eq!(
        from_bytes::<String>(&cat(&[&word(3), b"abc\x80"])),
        Err(Error::NonZeroPadding)
    );
    assert_eq!(
        probe_bytes(&cat(&[&word(2), b"ab\0\x01"])),
        Error::NonZeroPadding
    );
    // Padding is only ever checked for the bytes that exist: a truncated
    // padding is a length error.
    assert_eq!(
        from_bytes::<String>(&cat(&[&word(1), b"a\0"])),
        Err(Error::LengthExceedsInput {
            len: 1,
            remaining: 2
        })
    );
}

#[test]
fn invalid_utf8_char_and_ranges() {
    assert_eq!(
        from_bytes::<String>(&cat(&[&word(2), b"\xc3\x28\0\0"])),
        Err(Error::InvalidUtf8)
    );
    assert_eq!(
        from_bytes::<&str>(&cat(&[&word(1), b"\xff\0\0\0"])),
        Err(Error::InvalidUtf8)
    );
    assert_eq!(
        from_bytes::<char>(&word(0xd800)),
        Err(Error::InvalidChar(0xd800))
    );
    assert_eq!(
        from_bytes::<char>(&word(0x11_0000)),
        Err(Error::InvalidChar(0x11_0000))
    );
    assert_eq!(from_bytes::<u8>(&word(256)), Err(Error::IntegerOutOfRange));
    assert_eq!(
        from_bytes::<u16>(&word(0x1_0000)),
        Err(Error::IntegerOutOfRange)
    );
    // XDR `char`: what a peer with signed `char` sends (sign-extended) and
    // what one with unsigned `char` sends (zero-extended) both decode.
    assert_eq!(from_bytes::<i8>(&word(0xff)), Ok(-1));
    assert_eq!(from_bytes::<i8>(&word(0xffff_ffff)), Ok(-1));
    assert_eq!(from_bytes::<i8>(&word(128)), Ok(i8::MIN));
    assert_eq!(from_bytes::<u8>(&word(0xffff_ffff)), Ok(255));
    assert_eq!(from_bytes::<i8>(&word(256)), Err(Error::IntegerOutOfRange));
    assert_eq!(
        from_bytes::<i8>(&word(0xffff_ff7f)),
        Err(Error::IntegerOutOfRange)
    );
    assert_eq!(
        from_bytes::<u8>(&word(0xffff_ff7f)),
        Err(Error::IntegerOutOfRange)
    );
    assert_eq!(
        from_bytes::<i16>(&word(0x8000)),
        Err(Error::IntegerOutOfRange)
    );
    assert_eq!(
        from_bytes::<i16>(&word(0xffff_7fff)),
        Err(Error::IntegerOutOfRange)
    );
    assert_eq!(from_bytes::<i8>(&word(0xffff_ff80)), Ok(i8::MIN));
}

#[test]
fn default_string_limit_boundary() {
    let at = vec![b'x'; DEFAULT_STRING_LIMIT];
    let input = cat(&[&word(DEFAULT_STRING_LIMIT as u32), &at]);
    let s: &str = from_bytes(&input).unwrap();
    assert_eq!(s.len(), 4_194_304);

    let over = vec![b'x'; DEFAULT_STRING_LIMIT + 1];
    let input = cat(&[&word(DEFAULT_STRING_LIMIT as u32 + 1), &over, &[0, 0, 0]]);
    assert_eq!(
        from_bytes::<String>(&input),
        Err(Error::LengthExceedsMax {
            len: 4_194_305,
            max: 4_194_304
        })
    );
    // A raised limit accepts it; a lowered one refuses smaller strings.
    let mut de = Deserializer::new(&input).with_string_limit(DEFAULT_STRING_LIMIT + 1);
    assert_eq!(String::deserialize(&mut de).unwrap().len(), 4_194_305);
    let small = cat(&[&word(3), b"abc\0"]);
    let mut de = Deserializer::new(&small).with_string_limit(2);
    assert_eq!(
        String::deserialize(&mut de),
        Err(Error::LengthExceedsMax { len: 3, max: 2 })
    );
    // The string limit does not apply to opaque data.
    let mut de = Deserializer::new(&small).with_string_limit(2);
    assert!(serde_bytes_len(&mut de) == 3);
}

fn serde_bytes_len(de: &mut Deserializer<'_>) -> usize {
    let v: Vec<u8> = libvirt_xdr::with::opaque::deserialize(de).unwrap();
    v.len()
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Kind {
    A,
    B(String),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Everything {
    flag: bool,
    small: i8,
    word: u32,
    hyper: i64,
    real: f64,
    letter: char,
    name: String,
    maybe: Option<String>,
    list: Vec<u16>,
    #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
    uuid: [u8; 16],
    #[serde(with = "::libvirt_xdr::with::opaque")]
    blob: Vec<u8>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<8, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<8, _, _>"
    )]
    names: Vec<String>,
    kinds: Vec<Kind>,
    pair: (u8, [u32; 2]),
}

fn everything() -> Everything {
    Everything {
        flag: true,
        small: -3,
        word: 0xdead_beef,
        hyper: -1,
        real: 0.5,
        letter: 'q',
        name: "hello".into(),
        maybe: Some("abc".into()),
        list: vec![1, 2, 3],
        uuid: [0x11; 16],
        blob: vec![1, 2, 3, 4, 5, 6, 7],
        names: vec!["a".into(), "bb".into(), String::new()],
        kinds: vec![Kind::A, Kind::B("x".into())],
        pair: (9, [10, 11]),
    }
}

#[test]
fn truncated_at_every_prefix() {
    let bytes = to_vec(&everything()).unwrap();
    assert_eq!(
        from_bytes_exact::<Everything>(&bytes).unwrap(),
        everything()
    );
    for len in 0..bytes.len() {
        let prefix = &bytes[..len];
        match from_bytes::<Everything>(prefix) {
            Err(Error::UnexpectedEof { needed, remaining }) => {
                assert!(remaining < needed, "prefix {len}: {needed} vs {remaining}");
            }
            Err(Error::LengthExceedsInput { .. }) => {}
            other => panic!("prefix of {len} bytes gave {other:?}"),
        }
    }
}

#[test]
fn every_single_byte_corruption_is_handled() {
    let bytes = to_vec(&everything()).unwrap();
    for i in 0..bytes.len() {
        for v in [0x00, 0x01, 0x02, 0x7f, 0x80, 0xff] {
            let mut corrupt = bytes.clone();
            corrupt[i] = v;
            // Any result is fine; it must not panic.
            let _ = from_bytes::<Everything>(&corrupt);
            let _ = from_bytes_exact::<Everything>(&corrupt);
        }
    }
}

#[test]
fn empty_input() {
    let eof = Error::UnexpectedEof {
        needed: 4,
        remaining: 0,
    };
    assert_eq!(from_bytes::<u32>(&[]), Err(eof.clone()));
    assert_eq!(from_bytes::<String>(&[]), Err(eof.clone()));
    assert_eq!(from_bytes::<Option<u32>>(&[]), Err(eof.clone()));
    assert_eq!(from_bytes::<Vec<u32>>(&[]), Err(eof));
    assert_eq!(
        from_bytes::<u64>(&[0, 0, 0, 0, 0]),
        Err(Error::UnexpectedEof {
            needed: 8,
            remaining: 5
        })
    );
    assert_eq!(from_bytes::<()>(&[]), Ok(()));
}
