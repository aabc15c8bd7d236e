//! Exact byte vectors for every serde -> XDR mapping (RFC 4506 style).

use std::collections::BTreeMap;

use libvirt_xdr::{
    Deserializer, Error, Serializer, from_bytes, from_bytes_exact, from_bytes_prefix, to_vec,
    to_writer,
};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};

/// Encodes `value`, checks the bytes, and decodes them back (exactly).
#[track_caller]
fn check<T>(value: T, expected: &[u8])
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let bytes = to_vec(&value).expect("serialize");
    assert_eq!(bytes, expected, "encoding of {value:?}");
    assert_eq!(bytes.len() % 4, 0);
    let back: T = from_bytes_exact(&bytes).expect("deserialize");
    assert_eq!(back, value);
}

#[test]
fn booleans() {
    check(false, &[0, 0, 0, 0]);
    check(true, &[0, 0, 0, 1]);
}

#[test]
fn signed_integers() {
    check(-1i8, &[0xff, 0xff, 0xff, 0xff]);
    check(i8::MIN, &[0xff, 0xff, 0xff, 0x80]);
    check(i8::MAX, &[0, 0, 0, 0x7f]);
    check(-2i16, &[0xff, 0xff, 0xff, 0xfe]);
    check(i16::MAX, &[0, 0, 0x7f, 0xff]);
    check(0i32, &[0, 0, 0, 0]);
    check(i32::MIN, &[0x80, 0, 0, 0]);
    check(0x0102_0304i32, &[1, 2, 3, 4]);
    check(-2i64, &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]);
    check(i64::MIN, &[0x80, 0, 0, 0, 0, 0, 0, 0]);
}

#[test]
fn unsigned_integers() {
    check(255u8, &[0, 0, 0, 0xff]);
    check(0xabcdu16, &[0, 0, 0xab, 0xcd]);
    check(u32::MAX, &[0xff, 0xff, 0xff, 0xff]);
    check(0x0102_0304_0506_0708u64, &[1, 2, 3, 4, 5, 6, 7, 8]);
    check(u64::MAX, &[0xff; 8]);
}

#[test]
fn floats() {
    check(1.0f32, &[0x3f, 0x80, 0, 0]);
    check(-2.5f32, &[0xc0, 0x20, 0, 0]);
    check(1.0f64, &[0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
    check(f64::INFINITY, &[0x7f, 0xf0, 0, 0, 0, 0, 0, 0]);
    let nan = from_bytes::<f64>(&to_vec(&f64::NAN).unwrap()).unwrap();
    assert!(nan.is_nan());
}

#[test]
fn chars() {
    check('A', &[0, 0, 0, 0x41]);
    check('\u{20ac}', &[0, 0, 0x20, 0xac]);
    check('\u{10ffff}', &[0, 0x10, 0xff, 0xff]);
}

#[test]
fn i128_is_unsupported() {
    assert!(matches!(to_vec(&1i128), Err(Error::Unsupported(_))));
    assert!(matches!(to_vec(&1u128), Err(Error::Unsupported(_))));
    assert!(matches!(
        from_bytes::<i128>(&[0; 16]),
        Err(Error::Unsupported(_))
    ));
    assert!(matches!(
        from_bytes::<u128>(&[0; 16]),
        Err(Error::Unsupported(_))
    ));
}

#[test]
fn strings() {
    check(String::new(), &[0, 0, 0, 0]);
    check("a".to_string(), &[0, 0, 0, 1, b'a', 0, 0, 0]);
    check("ab".to_string(), &[0, 0, 0, 2, b'a', b'b', 0, 0]);
    check("abc".to_string(), &[0, 0, 0, 3, 0x61, 0x62, 0x63, 0]);
    check("abcd".to_string(), &[0, 0, 0, 4, b'a', b'b', b'c', b'd']);
    check(
        "abcde".to_string(),
        &[0, 0, 0, 5, b'a', b'b', b'c', b'd', b'e', 0, 0, 0],
    );
    check("\u{e9}".to_string(), &[0, 0, 0, 2, 0xc3, 0xa9, 0, 0]);
    // &str serializes the same way.
    assert_eq!(to_vec("abc").unwrap(), [0, 0, 0, 3, 0x61, 0x62, 0x63, 0]);
}

/// Serializes with `serialize_bytes`, deserializes with `deserialize_byte_buf`.
#[derive(Debug, PartialEq)]
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
        }
        d.deserialize_byte_buf(V)
    }
}

#[test]
fn variable_opaque() {
    check(Bytes(vec![]), &[0, 0, 0, 0]);
    check(Bytes(vec![1, 2, 3]), &[0, 0, 0, 3, 1, 2, 3, 0]);
    check(Bytes(vec![1, 2, 3, 4]), &[0, 0, 0, 4, 1, 2, 3, 4]);
    check(
        Bytes(vec![1, 2, 3, 4, 5]),
        &[0, 0, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0],
    );
}

#[test]
fn optional_data() {
    check(None::<u32>, &[0, 0, 0, 0]);
    check(Some(7u32), &[0, 0, 0, 1, 0, 0, 0, 7]);
    check(
        Some("hi".to_string()),
        &[0, 0, 0, 1, 0, 0, 0, 2, b'h', b'i', 0, 0],
    );
    check(Some(None::<u32>), &[0, 0, 0, 1, 0, 0, 0, 0]);
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct UnitStruct;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Newtype(u32);

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct TupleStruct(u32, i64, bool);

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Plain {
    a: u32,
    b: String,
    c: Option<i32>,
}

#[test]
fn units_and_newtypes() {
    check((), &[]);
    check(UnitStruct, &[]);
    check(Newtype(5), &[0, 0, 0, 5]);
}

#[test]
fn variable_arrays() {
    check(Vec::<u32>::new(), &[0, 0, 0, 0]);
    check(vec![1u32, 2], &[0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2]);
    // serde's Vec<u8> is an array of 4-byte words, not opaque data.
    check(vec![1u8, 2], &[0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2]);
    check(
        vec!["a".to_string(), String::new()],
        &[0, 0, 0, 2, 0, 0, 0, 1, b'a', 0, 0, 0, 0, 0, 0, 0],
    );
    check(
        vec![vec![9u32], vec![]],
        &[0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 0],
    );
}

#[test]
fn fixed_arrays_tuples_and_tuple_structs() {
    check([1u32, 2, 3], &[0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]);
    check([0i8; 0], &[]);
    check((1u32, 2u8), &[0, 0, 0, 1, 0, 0, 0, 2]);
    check(
        TupleStruct(1, -1, true),
        &[
            0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1,
        ],
    );
}

#[test]
fn structs() {
    check(
        Plain {
            a: 1,
            b: "xy".into(),
            c: Some(-1),
        },
        &[
            0, 0, 0, 1, 0, 0, 0, 2, b'x', b'y', 0, 0, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff,
        ],
    );
    check(
        Plain {
            a: 0,
            b: String::new(),
            c: None,
        },
        &[0; 12],
    );
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Shape {
    Empty,
    Circle(u32),
    Rect(u32, u32),
    Named { id: u32, name: String },
}

#[test]
fn enums() {
    check(Shape::Empty, &[0, 0, 0, 0]);
    check(Shape::Circle(3), &[0, 0, 0, 1, 0, 0, 0, 3]);
    check(Shape::Rect(4, 5), &[0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 5]);
    check(
        Shape::Named {
            id: 6,
            name: "z".into(),
        },
        &[0, 0, 0, 3, 0, 0, 0, 6, 0, 0, 0, 1, b'z', 0, 0, 0],
    );
    // Unknown variant index.
    assert!(matches!(
        from_bytes::<Shape>(&[0, 0, 0, 4]),
        Err(Error::Custom(_))
    ));
}

#[test]
fn maps_are_unsupported() {
    let mut map = BTreeMap::new();
    map.insert(1u32, 2u32);
    assert_eq!(to_vec(&map), Err(Error::Unsupported("maps")));
    assert_eq!(
        from_bytes::<BTreeMap<u32, u32>>(&[0, 0, 0, 0]),
        Err(Error::Unsupported("maps"))
    );
}

#[test]
fn self_describing_features_are_unsupported() {
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Untagged {
        A(u32),
    }
    assert!(matches!(
        from_bytes::<Untagged>(&[0, 0, 0, 0]),
        Err(Error::Unsupported(_))
    ));
    assert!(matches!(
        from_bytes::<IgnoredAny>(&[0, 0, 0, 0]),
        Err(Error::Unsupported(_))
    ));
    let mut de = Deserializer::new(&[0, 0, 0, 0]);
    assert!(matches!(
        serde::Deserializer::deserialize_identifier(&mut de, IgnoredAny),
        Err(Error::Unsupported(_))
    ));
    let mut de = Deserializer::new(&[0, 0, 0, 0]);
    assert!(matches!(
        serde::Deserializer::deserialize_any(&mut de, IgnoredAny),
        Err(Error::Unsupported(_))
    ));
}

/// A sequence whose length is not known up front.
struct Unsized;

impl Serialize for Unsized {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..10u32).filter(|x| x % 2 == 0))
    }
}

/// A sequence that declares more elements than it produces.
struct Liar;

impl Serialize for Liar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(3))?;
        seq.serialize_element(&1u32)?;
        seq.end()
    }
}

#[test]
fn sequences_need_an_honest_known_length() {
    assert!(matches!(to_vec(&Unsized), Err(Error::Unsupported(_))));
    assert_eq!(
        to_vec(&Liar),
        Err(Error::SeqLengthMismatch {
            expected: 3,
            actual: 1
        })
    );
}

#[test]
fn skipped_serialize_fields_are_rejected() {
    #[derive(Serialize)]
    struct Skipping {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<u32>,
    }
    assert!(matches!(
        to_vec(&Skipping { a: None }),
        Err(Error::Unsupported(_))
    ));
    assert_eq!(
        to_vec(&Skipping { a: Some(1) }).unwrap(),
        [0, 0, 0, 1, 0, 0, 0, 1]
    );
}

/// A visitor that reads only the first of the tuple's elements.
#[derive(Debug)]
struct Greedy;

impl<'de> Deserialize<'de> for Greedy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Greedy;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a tuple")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Greedy, A::Error> {
                let _first: Option<u32> = seq.next_element()?;
                Ok(Greedy)
            }
        }
        d.deserialize_tuple(3, V)
    }
}

/// The same visitor on a counted array.
#[derive(Debug)]
struct GreedySeq;

impl<'de> Deserialize<'de> for GreedySeq {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = GreedySeq;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<GreedySeq, A::Error> {
                let _first: Option<u32> = seq.next_element()?;
                Ok(GreedySeq)
            }
        }
        d.deserialize_seq(V)
    }
}

#[test]
fn a_counted_array_must_be_read_whole_but_a_tuple_may_end_early() {
    // The count is on the wire: stopping early would misread what follows.
    assert_eq!(
        from_bytes::<GreedySeq>(&[0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap_err(),
        Error::SeqLengthMismatch {
            expected: 3,
            actual: 1
        }
    );
    // A tuple has no count; a union's void arm reads only its discriminant.
    let (_, used) = libvirt_xdr::from_bytes_prefix::<Greedy>(&[0; 12]).unwrap();
    assert_eq!(used, 4);
}

#[test]
fn trailing_bytes() {
    let input = [0, 0, 0, 5, 0xaa, 0xbb];
    assert_eq!(from_bytes::<u32>(&input), Ok(5));
    assert_eq!(
        from_bytes_exact::<u32>(&input),
        Err(Error::TrailingBytes(2))
    );
    assert_eq!(from_bytes_prefix::<u32>(&input), Ok((5, 4)));
    assert_eq!(from_bytes_exact::<u32>(&input[..4]), Ok(5));
    let (s, used) = from_bytes_prefix::<String>(&[0, 0, 0, 1, b'x', 0, 0, 0, 9]).unwrap();
    assert_eq!((s.as_str(), used), ("x", 8));
}

#[test]
fn deserializer_position_and_remaining() {
    let input = [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3];
    let mut de = Deserializer::new(&input);
    assert_eq!(de.position(), 0);
    let a = u32::deserialize(&mut de).unwrap();
    assert_eq!((a, de.position()), (1, 4));
    assert_eq!(de.remaining(), &input[4..]);
    assert!(std::ptr::eq(de.remaining(), &input[4..]));
    let b = u64::deserialize(&mut de).unwrap();
    assert_eq!(b, 0x0000_0002_0000_0003);
    assert_eq!(de.position(), 12);
    assert!(de.remaining().is_empty());
    assert_eq!(de.end(), Ok(()));
}

#[test]
fn human_readable_is_false() {
    let mut buf = Vec::new();
    let mut ser = Serializer::new(&mut buf);
    assert!(!serde::Serializer::is_human_readable(&&mut ser));
    let mut de = Deserializer::new(&[]);
    assert!(!serde::Deserializer::is_human_readable(&&mut de));
}

#[test]
fn to_writer_appends() {
    let mut buf = vec![0xee];
    to_writer(&mut buf, &1u32).unwrap();
    to_writer(&mut buf, "a").unwrap();
    assert_eq!(buf, [0xee, 0, 0, 0, 1, 0, 0, 0, 1, b'a', 0, 0, 0]);
}

#[test]
fn to_writer_truncates_on_error() {
    #[derive(Serialize)]
    struct Bad {
        a: u32,
        b: String,
        c: BTreeMap<u32, u32>,
    }
    let mut buf = vec![1, 2, 3];
    let bad = Bad {
        a: 1,
        b: "hello".into(),
        c: BTreeMap::new(),
    };
    assert_eq!(to_writer(&mut buf, &bad), Err(Error::Unsupported("maps")));
    assert_eq!(buf, [1, 2, 3]);

    // The serializer used directly leaves the partial write.
    let mut buf = Vec::new();
    assert!(bad.serialize(&mut Serializer::new(&mut buf)).is_err());
    assert_eq!(buf.len(), 4 + 12);
}

#[test]
fn custom_errors() {
    use serde::de::Error as _;
    assert_eq!(
        <Error as serde::ser::Error>::custom("boom"),
        Error::Custom("boom".into())
    );
    assert_eq!(
        <Error as serde::de::Error>::custom(42),
        Error::Custom("42".into())
    );
    let _ = Error::missing_field("x");
    let e: Box<dyn std::error::Error + Send + Sync> = Box::new(Error::InvalidBool(2));
    assert_eq!(e.to_string(), "invalid boolean value 2");
}
