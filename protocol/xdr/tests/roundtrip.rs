//! Property tests: round trips of composite types, and arbitrary input never
//! panics.

use libvirt_xdr::{Error, from_bytes, from_bytes_exact, from_bytes_prefix, to_vec, to_writer};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Handle {
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<64, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<64, _, _>"
    )]
    name: String,
    #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
    uuid: [u8; 16],
    id: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Value {
    Int(i32),
    UInt(u32),
    Hyper(i64),
    UHyper(u64),
    Double(u64), // bits, so NaN compares equal
    Bool(bool),
    Str(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Param {
    field: String,
    value: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Message {
    handles: Vec<Handle>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<16, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<16, _, _>"
    )]
    params: Vec<Param>,
    title: Option<String>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded::serialize::<8, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<8, _, _>"
    )]
    cpus: Option<Vec<u16>>,
    #[serde(
        serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<100, _, _>",
        deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<100, _, _>"
    )]
    cookie: Option<Vec<u8>>,
    #[serde(with = "::libvirt_xdr::with::opaque")]
    data: Vec<u8>,
    pair: (i8, u64, char),
    flags: [u32; 3],
    ratio: f32,
}

fn handle() -> impl Strategy<Value = Handle> {
    ("\\PC{0,64}", any::<[u8; 16]>(), any::<i32>())
        .prop_filter("name fits the bound", |(n, _, _)| n.len() <= 64)
        .prop_map(|(name, uuid, id)| Handle { name, uuid, id })
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i32>().prop_map(Value::Int),
        any::<u32>().prop_map(Value::UInt),
        any::<i64>().prop_map(Value::Hyper),
        any::<u64>().prop_map(Value::UHyper),
        any::<u64>().prop_map(Value::Double),
        any::<bool>().prop_map(Value::Bool),
        ".*".prop_map(Value::Str),
    ]
}

fn message() -> impl Strategy<Value = Message> {
    (
        prop::collection::vec(handle(), 0..5),
        prop::collection::vec(
            (".{0,20}", value()).prop_map(|(field, value)| Param { field, value }),
            0..=16,
        ),
        prop::option::of(".*"),
        prop::option::of(prop::collection::vec(any::<u16>(), 0..=8)),
        prop::option::of(prop::collection::vec(any::<u8>(), 0..=100)),
        prop::collection::vec(any::<u8>(), 0..300),
        (any::<i8>(), any::<u64>(), any::<char>()),
        any::<[u32; 3]>(),
        any::<f32>().prop_filter("not NaN", |f| !f.is_nan()),
    )
        .prop_map(
            |(handles, params, title, cpus, cookie, data, pair, flags, ratio)| Message {
                handles,
                params,
                title,
                cpus,
                cookie,
                data,
                pair,
                flags,
                ratio,
            },
        )
}

proptest! {
    #[test]
    fn message_round_trips(msg in message(), junk in prop::collection::vec(any::<u8>(), 0..8)) {
        let bytes = to_vec(&msg).unwrap();
        prop_assert_eq!(bytes.len() % 4, 0);
        prop_assert_eq!(&from_bytes_exact::<Message>(&bytes).unwrap(), &msg);

        // Appending to a buffer, and trailing bytes after the value.
        let mut buf = junk.clone();
        to_writer(&mut buf, &msg).unwrap();
        prop_assert_eq!(&buf[..junk.len()], &junk[..]);
        let mut with_tail = bytes.clone();
        with_tail.extend_from_slice(&junk);
        prop_assert_eq!(&from_bytes::<Message>(&with_tail).unwrap(), &msg);
        let (back, used) = from_bytes_prefix::<Message>(&with_tail).unwrap();
        prop_assert_eq!(&back, &msg);
        prop_assert_eq!(used, bytes.len());
        if !junk.is_empty() {
            prop_assert_eq!(
                from_bytes_exact::<Message>(&with_tail).unwrap_err(),
                Error::TrailingBytes(junk.len())
            );
        }
    }

    #[test]
    fn json_round_trips(msg in message()) {
        // The helpers fall back to plain values in human-readable formats.
        let json = serde_json::to_string(&msg).unwrap();
        let back: Message = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, msg);
    }

    #[test]
    fn truncated_messages_fail_cleanly(msg in message(), cut in any::<prop::sample::Index>()) {
        let bytes = to_vec(&msg).unwrap();
        let len = cut.index(bytes.len());
        let result = from_bytes::<Message>(&bytes[..len]);
        prop_assert!(
            matches!(result, Err(Error::UnexpectedEof { .. } | Error::LengthExceedsInput { .. })),
            "{:?}", result
        );
    }

    #[test]
    fn arbitrary_input_never_panics(input in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = from_bytes::<Message>(&input);
        let _ = from_bytes::<Vec<Handle>>(&input);
        let _ = from_bytes::<Vec<Param>>(&input);
        let _ = from_bytes::<(Option<String>, Vec<Vec<u8>>, bool, char)>(&input);
        let _ = from_bytes::<(&str, Option<&str>)>(&input);
    }

    #[test]
    fn mutated_messages_never_panic(
        msg in message(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = to_vec(&msg).unwrap();
        for (at, v) in edits {
            let i = at.index(bytes.len());
            bytes[i] = v;
        }
        let _ = from_bytes::<Message>(&bytes);
    }

    #[test]
    fn strings_round_trip(s in ".*") {
        let bytes = to_vec(&s).unwrap();
        prop_assert_eq!(bytes.len(), 4 + s.len().div_ceil(4) * 4);
        prop_assert_eq!(&bytes[..4], &(s.len() as u32).to_be_bytes()[..]);
        let back: &str = from_bytes_exact(&bytes).unwrap();
        prop_assert_eq!(back, s.as_str());
    }
}
