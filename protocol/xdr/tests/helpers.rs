//! The `with` helpers, the magic-name protocol, zero-copy decoding, and the
//! human-readable bypass.

use libvirt_xdr::{Error, from_bytes, from_bytes_exact, magic, to_vec, to_writer};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Domain {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<4194304, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<4194304, _, _>"
    )]
    name: String,
    #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
    uuid: [u8; 16],
    id: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Reply {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<3, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<3, _, _>"
    )]
    domains: Vec<Domain>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<5, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<5, _, _>"
    )]
    title: Option<String>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<2, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<2, _, _>"
    )]
    ids: Option<Vec<u32>>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<6, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<6, _, _>"
    )]
    cookie: Vec<u8>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<6, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<6, _, _>"
    )]
    maybe_cookie: Option<Vec<u8>>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    blob: Vec<u8>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    maybe_blob: Option<Vec<u8>>,
    nested: Option<Box<Reply>>,
}

fn domain(name: &str, byte: u8, id: i32) -> Domain {
    Domain {
        name: name.into(),
        uuid: [byte; 16],
        id,
    }
}

fn small_reply() -> Reply {
    Reply {
        domains: vec![domain("a", 1, 2)],
        title: Some("t".into()),
        ids: None,
        cookie: vec![9, 8, 7, 6, 5],
        maybe_cookie: None,
        blob: vec![],
        maybe_blob: Some(vec![0xaa]),
        nested: None,
    }
}

#[rustfmt::skip]
const SMALL_REPLY: &[u8] = &[
    0, 0, 0, 1,                     // domains: count 1
    0, 0, 0, 1, b'a', 0, 0, 0,      //   name "a"
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // uuid, no length word
    0, 0, 0, 2,                     //   id
    0, 0, 0, 1, 0, 0, 0, 1, b't', 0, 0, 0, // title: present, "t"
    0, 0, 0, 0,                     // ids: absent
    0, 0, 0, 5, 9, 8, 7, 6, 5, 0, 0, 0, // cookie
    0, 0, 0, 0,                     // maybe_cookie: absent
    0, 0, 0, 0,                     // blob: empty
    0, 0, 0, 1, 0, 0, 0, 1, 0xaa, 0, 0, 0, // maybe_blob
    0, 0, 0, 0,                     // nested: absent
];

#[test]
fn derived_struct_exact_bytes() {
    let reply = small_reply();
    let bytes = to_vec(&reply).unwrap();
    assert_eq!(bytes, SMALL_REPLY);
    assert_eq!(from_bytes_exact::<Reply>(&bytes).unwrap(), reply);
}

#[test]
fn derived_struct_nested_round_trip() {
    let mut outer = small_reply();
    outer.domains = vec![
        domain("", 0, -1),
        domain("abcde", 0xff, 7),
        domain("xyz", 3, 0),
    ];
    outer.title = Some("12345".into());
    outer.ids = Some(vec![1, 2]);
    outer.cookie = vec![1, 2, 3, 4, 5, 6];
    outer.maybe_cookie = Some(vec![]);
    outer.blob = vec![0; 1000];
    outer.maybe_blob = None;
    outer.nested = Some(Box::new(small_reply()));
    let bytes = to_vec(&outer).unwrap();
    assert_eq!(bytes.len() % 4, 0);
    assert_eq!(from_bytes_exact::<Reply>(&bytes).unwrap(), outer);
}

#[test]
fn bounds_are_enforced_when_serializing() {
    let over = |f: fn(&mut Reply)| {
        let mut r = small_reply();
        f(&mut r);
        let mut buf = vec![0xee];
        let err = to_writer(&mut buf, &r).unwrap_err();
        assert_eq!(buf, [0xee], "to_writer must truncate");
        err
    };
    assert_eq!(
        over(|r| r.domains = vec![domain("", 0, 0); 4]),
        Error::LengthExceedsMax { len: 4, max: 3 }
    );
    assert_eq!(
        over(|r| r.title = Some("123456".into())),
        Error::LengthExceedsMax { len: 6, max: 5 }
    );
    assert_eq!(
        over(|r| r.ids = Some(vec![1, 2, 3])),
        Error::LengthExceedsMax { len: 3, max: 2 }
    );
    assert_eq!(
        over(|r| r.cookie = vec![0; 7]),
        Error::LengthExceedsMax { len: 7, max: 6 }
    );
    assert_eq!(
        over(|r| r.maybe_cookie = Some(vec![0; 7])),
        Error::LengthExceedsMax { len: 7, max: 6 }
    );
    // Exactly at the bound is fine.
    let mut r = small_reply();
    r.domains = vec![domain("", 0, 0); 3];
    r.title = Some("12345".into());
    r.ids = Some(vec![1, 2]);
    r.cookie = vec![0; 6];
    assert_eq!(from_bytes::<Reply>(&to_vec(&r).unwrap()).unwrap(), r);
}

/// Like `Reply`'s leading fields, but without bounds, to produce over-long
/// encodings.
#[derive(Serialize)]
struct Unbounded {
    domains: Vec<Domain>,
    title: Option<String>,
    ids: Option<Vec<u32>>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    cookie: Vec<u8>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    maybe_cookie: Option<Vec<u8>>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    blob: Vec<u8>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    maybe_blob: Option<Vec<u8>>,
    nested: Option<()>,
}

fn unbounded() -> Unbounded {
    Unbounded {
        domains: vec![],
        title: None,
        ids: None,
        cookie: vec![],
        maybe_cookie: None,
        blob: vec![],
        maybe_blob: None,
        nested: None,
    }
}

#[test]
fn bounds_are_enforced_when_deserializing() {
    let decode = |f: fn(&mut Unbounded)| {
        let mut u = unbounded();
        f(&mut u);
        from_bytes::<Reply>(&to_vec(&u).unwrap()).unwrap_err()
    };
    assert_eq!(
        decode(|u| u.domains = vec![domain("", 0, 0); 4]),
        Error::LengthExceedsMax { len: 4, max: 3 }
    );
    assert_eq!(
        decode(|u| u.title = Some("123456".into())),
        Error::LengthExceedsMax { len: 6, max: 5 }
    );
    assert_eq!(
        decode(|u| u.ids = Some(vec![1, 2, 3])),
        Error::LengthExceedsMax { len: 3, max: 2 }
    );
    assert_eq!(
        decode(|u| u.cookie = vec![0; 7]),
        Error::LengthExceedsMax { len: 7, max: 6 }
    );
    assert_eq!(
        decode(|u| u.maybe_cookie = Some(vec![0; 7])),
        Error::LengthExceedsMax { len: 7, max: 6 }
    );
    // The bound check happens before the length is compared with the input.
    let mut bytes = to_vec(&unbounded()).unwrap();
    bytes[..4].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(
        from_bytes::<Reply>(&bytes).unwrap_err(),
        Error::LengthExceedsMax {
            len: u64::from(u32::MAX),
            max: 3
        }
    );
}

/// A bounded first field of type `T`, then unbounded length-prefixed items
/// longer than the bound.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "T: Serialize + serde::de::DeserializeOwned")]
struct LeakAfter<T> {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<2, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<2, _, _>"
    )]
    first: T,
    after: String,
    list: Vec<u32>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    blob: Vec<u8>,
}

#[track_caller]
fn no_leak<T>(first: T)
where
    T: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let value = LeakAfter {
        first,
        after: "longer than two".into(),
        list: vec![1, 2, 3, 4],
        blob: vec![1, 2, 3],
    };
    let bytes = to_vec(&value).unwrap();
    assert_eq!(from_bytes_exact::<LeakAfter<T>>(&bytes).unwrap(), value);
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Inner {
    a: u32,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Choice {
    A(u32),
}

#[test]
fn pending_bound_does_not_leak() {
    no_leak(None::<String>);
    no_leak(None::<Vec<u32>>);
    no_leak(Some(1u32));
    no_leak(1u32);
    no_leak(1u64);
    no_leak(true);
    no_leak(1.5f64);
    no_leak('x');
    no_leak(());
    no_leak((1u32, 2u32));
    no_leak(Inner { a: 1 });
    no_leak(Choice::A(3));
    // Consumed by the first field; the bound covers the count only, not the
    // (longer) elements.
    no_leak(vec![
        "long name".to_string(),
        "another long name".to_string(),
    ]);
    no_leak(Some("ab".to_string()));
}

#[test]
fn bound_replaces_the_default_string_limit() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Big {
        #[serde(
            serialize_with = "::libvirt_xdr::with::bounded::serialize::<5000000, _, _>",
            deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<5000000, _, _>"
        )]
        s: String,
    }
    let big = Big {
        s: "x".repeat(4_500_000),
    };
    let bytes = to_vec(&big).unwrap();
    assert_eq!(from_bytes::<Big>(&bytes).unwrap(), big);
    assert!(matches!(
        from_bytes::<String>(&bytes),
        Err(Error::LengthExceedsMax {
            len: 4_500_000,
            max: 4_194_304
        })
    ));
}

#[test]
fn fixed_opaque_lengths_and_padding() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Fixed {
        #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
        five: [u8; 5],
        #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
        none: [u8; 0],
        #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
        big: [u8; 64],
        tail: u32,
    }
    let value = Fixed {
        five: [1, 2, 3, 4, 5],
        none: [],
        big: [0x5a; 64],
        tail: 9,
    };
    let bytes = to_vec(&value).unwrap();
    let mut expected = vec![1, 2, 3, 4, 5, 0, 0, 0];
    expected.extend_from_slice(&[0x5a; 64]);
    expected.extend_from_slice(&[0, 0, 0, 9]);
    assert_eq!(bytes, expected);
    assert_eq!(from_bytes_exact::<Fixed>(&bytes).unwrap(), value);

    let mut bad = expected.clone();
    bad[6] = 1;
    assert_eq!(from_bytes::<Fixed>(&bad), Err(Error::NonZeroPadding));
    assert_eq!(
        from_bytes::<Fixed>(&expected[..7]),
        Err(Error::UnexpectedEof {
            needed: 8,
            remaining: 7
        })
    );
}

#[test]
fn magic_names() {
    assert!(magic::FIXED_OPAQUE.starts_with("\0libvirt_xdr::"));
    assert!(magic::BOUND.starts_with("\0libvirt_xdr::"));
    assert_ne!(magic::FIXED_OPAQUE, magic::BOUND);
}

/// A hand-written impl using the magic protocol directly, as generated code
/// may do.
#[derive(Debug, PartialEq)]
struct HandBound(String);

impl Serialize for HandBound {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTupleStruct;
        let mut t = s.serialize_tuple_struct(magic::BOUND, 4)?;
        t.serialize_field(&self.0)?;
        t.end()
    }
}

#[test]
fn magic_protocol_by_hand() {
    assert_eq!(
        to_vec(&HandBound("abcd".into())).unwrap(),
        [0, 0, 0, 4, b'a', b'b', b'c', b'd']
    );
    assert_eq!(
        to_vec(&HandBound("abcde".into())),
        Err(Error::LengthExceedsMax { len: 5, max: 4 })
    );
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Borrowed<'a> {
    name: &'a str,
    #[serde(serialize_with = "::libvirt_xdr::with::opaque::serialize")]
    data: &'a [u8],
    #[serde(
        borrow,
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<8, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<8, _, _>"
    )]
    bounded: &'a str,
    #[serde(borrow, with = "::libvirt_xdr::with::opaque")]
    maybe: Option<&'a [u8]>,
}

fn inside(input: &[u8], part: &[u8]) -> bool {
    let range = input.as_ptr_range();
    let p = part.as_ptr_range();
    range.start <= p.start && p.end <= range.end
}

#[test]
fn zero_copy_borrowed_fields() {
    let value = Borrowed {
        name: "borrowed",
        data: &[1, 2, 3],
        bounded: "eight!!!",
        maybe: Some(&[4, 5]),
    };
    let bytes = to_vec(&value).unwrap();
    let back: Borrowed<'_> = from_bytes_exact(&bytes).unwrap();
    assert_eq!(back, value);
    assert!(inside(&bytes, back.name.as_bytes()));
    assert!(inside(&bytes, back.data));
    assert!(inside(&bytes, back.bounded.as_bytes()));
    assert!(inside(&bytes, back.maybe.unwrap()));
    assert_eq!(back.name.as_ptr(), bytes[4..].as_ptr());
}

#[test]
fn human_readable_bypass_json() {
    let reply = Reply {
        domains: vec![domain("vm", 1, 3)],
        title: Some("this is longer than the bound".into()),
        ids: Some(vec![1, 2, 3, 4]),
        cookie: vec![1, 2, 3, 4, 5, 6, 7, 8],
        maybe_cookie: Some(vec![1]),
        blob: vec![2],
        maybe_blob: None,
        nested: None,
    };
    let json = serde_json::to_string(&reply).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"domains":[{"name":"vm","uuid":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],"id":3}],"#,
            r#""title":"this is longer than the bound","ids":[1,2,3,4],"#,
            r#""cookie":[1,2,3,4,5,6,7,8],"maybe_cookie":[1],"blob":[2],"#,
            r#""maybe_blob":null,"nested":null}"#
        )
    );
    let back: Reply = serde_json::from_str(&json).unwrap();
    assert_eq!(back, reply);
}

#[test]
fn fixed_opaque_wrapper_must_hold_bytes() {
    struct NotBytes;
    impl Serialize for NotBytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_newtype_struct(magic::FIXED_OPAQUE, &5u32)
        }
    }
    assert!(matches!(to_vec(&NotBytes), Err(Error::Unsupported(_))));
}
