//! XDR ([RFC 4506]) for serde, as libvirt's RPC protocol uses it.
//!
//! [`to_vec`] / [`to_writer`] encode any `Serialize` type; [`from_bytes`],
//! [`from_bytes_exact`] and [`from_bytes_prefix`] decode any `Deserialize`
//! type from a borrowed slice, zero-copy for `&str` and `&[u8]` fields.
//! The crate is `#![no_std]` with `alloc`, has no unsafe code, and does not
//! panic on any input: every length and count from the peer is checked
//! against its bound and against the remaining input before anything is
//! allocated or sliced, so a hostile peer cannot make it allocate more than
//! its input justifies.
//!
//! # Example
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Debug, PartialEq, Serialize, Deserialize)]
//! struct Domain {
//!     // remote_nonnull_string name;
//!     #[serde(
//!         serialize_with = "::libvirt_xdr::with::bounded::serialize::<4194304, _, _>",
//!         deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<4194304, _, _>"
//!     )]
//!     name: String,
//!     // remote_uuid uuid;  (opaque[16])
//!     #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
//!     uuid: [u8; 16],
//!     // int id;
//!     id: i32,
//!     // remote_string title;  (optional string)
//!     title: Option<String>,
//! }
//!
//! let dom = Domain { name: "vm".into(), uuid: [7; 16], id: -1, title: None };
//! let bytes = libvirt_xdr::to_vec(&dom)?;
//! assert_eq!(bytes.len(), 4 + 4 + 16 + 4 + 4); // "vm" padded, uuid, id, absent title
//! assert_eq!(&bytes[..8], b"\0\0\0\x02vm\0\0");
//! assert_eq!(&bytes[24..28], b"\xff\xff\xff\xff");
//! let back: Domain = libvirt_xdr::from_bytes(&bytes)?;
//! assert_eq!(back, dom);
//! # Ok::<(), libvirt_xdr::Error>(())
//! ```
//!
//! # Mapping
//!
//! Everything is big-endian and a multiple of 4 bytes.
//!
//! | serde | XDR | decoding checks |
//! |---|---|---|
//! | `bool` | 4-byte 0 or 1 (`int`) | [`Error::InvalidBool`] otherwise |
//! | `i8` (XDR `char`) | 4-byte `int` | -128..=255, truncated as C does, since peers whose `char` is unsigned send 128..=255 ([`Error::IntegerOutOfRange`] otherwise) |
//! | `u8` (XDR `unsigned char`) | 4-byte `unsigned int` | the same range as `i8` |
//! | `i16`, `i32` | 4-byte `int` | range ([`Error::IntegerOutOfRange`]) |
//! | `u16`, `u32` | 4-byte `unsigned int` | range |
//! | `i64` / `u64` | 8-byte `hyper` / `unsigned hyper` | |
//! | `f32` / `f64` | 4-byte `float` / 8-byte `double` (IEEE 754) | |
//! | `char` | 4-byte code point | [`Error::InvalidChar`] |
//! | `i128`, `u128` | unsupported | |
//! | `str`, `String` | `string<>`: u32 length, bytes, zero padding to 4 | bound or [`DEFAULT_STRING_LIMIT`], remaining input, zero padding, UTF-8 |
//! | bytes (`serialize_bytes`, `deserialize_bytes` / `_byte_buf`) | `opaque<>`: u32 length, bytes, zero padding | bound (if any), remaining input, zero padding |
//! | `Option<T>` | optional data `T *x`: u32 0, or u32 1 then `T` | [`Error::InvalidOptional`] for other words |
//! | unit, unit struct | nothing | |
//! | newtype struct | the inner value | |
//! | seq (`Vec<T>`, ...) | `T x<>`: u32 count, then the elements | bound (if any), and count ≤ remaining bytes / 4; exactly `count` elements |
//! | tuple, tuple struct, `[T; N]` | `T x[N]`: the elements, no count | a tuple's visitor may stop early (no count to honour) |
//! | struct | the fields in declaration order, no names | |
//! | enum variant (serde derive) | u32 variant index, then the content | |
//! | map, `deserialize_any`, identifier, ignored any | unsupported ([`Error::Unsupported`]) | |
//!
//! A sequence must have a known length to be serialized. Sequences of
//! zero-sized elements (`Vec<()>`) do not occur in libvirt and cannot be
//! decoded, because a count may not exceed a quarter of the remaining input.
//! Decoding serde's `Vec<u8>` reads an XDR array of 4-byte words; use
//! [`with::opaque`] for `opaque<>` data.
//!
//! The serializer writes strings of any length up to `u32::MAX`; the
//! [`DEFAULT_STRING_LIMIT`] applies only when decoding unbounded strings
//! (see [`Deserializer::with_string_limit`]).
//!
//! **Enums**: the variant index of serde's derive is for Rust enums local to
//! a program. libvirt's own XDR `enum`s and discriminated `union`s carry
//! explicit discriminant values (which need not be `0..n`, and may be
//! negative); their generated code implements `Serialize`/`Deserialize` by
//! hand, writing the discriminant as an `int`/`unsigned int` and then the
//! arm, rather than relying on this index.
//!
//! **Trailing bytes**: [`from_bytes`] ignores bytes after the value, as
//! libvirt does; [`from_bytes_exact`] rejects them with
//! [`Error::TrailingBytes`]; [`from_bytes_prefix`] reports how many bytes
//! the value took.
//!
//! # Helpers for fixed opaque data and bounds
//!
//! XDR has three things serde's data model lacks: fixed-length opaque data
//! (`opaque x[N]`, bytes with no length word), and `<N>` bounds on strings,
//! opaque data and arrays. The [`with`] module provides field helpers for
//! them, for `#[serde(with = ...)]` / `serialize_with` / `deserialize_with`:
//!
//! | XDR | Rust | attribute |
//! |---|---|---|
//! | `opaque x[16]` | `[u8; 16]` | `#[serde(with = "::libvirt_xdr::with::fixed_opaque")]` |
//! | `opaque x<>` | `Vec<u8>` | `#[serde(with = "::libvirt_xdr::with::opaque")]` |
//! | `opaque x<N>` | `Vec<u8>`, `Option<Vec<u8>>` | `serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<N, _, _>"`, `deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<N, _, _>"` |
//! | `string x<N>`, `T x<N>` | [`ByteString`] (or `String`), `Vec<T>`, `Option<..>` of those | `serialize_with = "::libvirt_xdr::with::bounded::serialize::<N, _, _>"`, `deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<N, _, _>"` |
//!
//! They talk to the serializer and deserializer through two reserved type
//! names (see [`magic`] for the exact protocol):
//!
//! - [`magic::FIXED_OPAQUE`]: `serialize_newtype_struct(FIXED_OPAQUE, v)`
//!   where `v` calls `serialize_bytes` writes the bytes and their padding
//!   without a length word; `deserialize_tuple_struct(FIXED_OPAQUE, N, ..)`
//!   reads exactly `N` bytes plus padding and calls `visit_borrowed_bytes`.
//! - [`magic::BOUND`]: `serialize_tuple_struct(BOUND, N)` with exactly one
//!   field, and `deserialize_tuple_struct(BOUND, N, ..)` answering with
//!   `visit_newtype_struct`, set a pending bound that the next
//!   length-prefixed item (string, opaque, array) is checked against and
//!   consumes ([`Error::LengthExceedsMax`]). An `Option`'s presence word and
//!   a newtype struct pass the bound through to their value; anything else
//!   clears it, so it never reaches an unrelated item.
//!
//! With human-readable formats (e.g. `serde_json`) the helpers serialize the
//! plain value, so generated types also work there.
//!
//! # Features
//!
//! - `std` (default): `std` support in serde and thiserror. [`Error`]
//!   implements `core::error::Error` (the same trait as
//!   `std::error::Error`) either way.
//!
//! [RFC 4506]: https://www.rfc-editor.org/rfc/rfc4506

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod de;
mod error;
pub mod ser;
mod string;
pub mod with;

pub use de::{DEFAULT_STRING_LIMIT, Deserializer, from_bytes, from_bytes_exact, from_bytes_prefix};
pub use error::{Error, Result};
pub use ser::{Serializer, to_vec, to_writer};
pub use string::ByteString;

/// Reserved type names through which the [`with`] helpers talk to this
/// crate's [`Serializer`] and [`Deserializer`].
///
/// Both start with a NUL byte, so no Rust type can have them by accident.
/// Hand-written or generated `Serialize`/`Deserialize` impls may use them
/// directly, following the protocols described on each constant. Other
/// formats see ordinary newtype and tuple structs; the helpers in [`with`]
/// skip the magic entirely when the format is human-readable.
pub mod magic {
    /// Fixed-length opaque data (`opaque x[N]`).
    ///
    /// - Serialize: `serializer.serialize_newtype_struct(FIXED_OPAQUE, &w)`,
    ///   where `w`'s `Serialize` impl calls `serialize_bytes(bytes)` (and
    ///   nothing else). The bytes and their zero padding are written with no
    ///   length word; the writer does not know `N`, so `w` must hold exactly
    ///   `N` bytes.
    /// - Deserialize: `deserializer.deserialize_tuple_struct(FIXED_OPAQUE, N,
    ///   visitor)` reads exactly `N` bytes plus zero padding and calls
    ///   `visitor.visit_borrowed_bytes` with the `N` bytes.
    pub const FIXED_OPAQUE: &str = "\0libvirt_xdr::FixedOpaque";

    /// A `<N>` bound on the next string, opaque or array.
    ///
    /// - Serialize: `let mut s = serializer.serialize_tuple_struct(BOUND,
    ///   N)?; s.serialize_field(&value)?; s.end()`, with exactly one field.
    ///   The serializer records the pending bound `N`; the next
    ///   length-prefixed item (`serialize_str`, `serialize_bytes`,
    ///   `serialize_seq`) fails with
    ///   [`LengthExceedsMax`](crate::Error::LengthExceedsMax) if longer than
    ///   `N`, and consumes the bound.
    /// - Deserialize: `deserializer.deserialize_tuple_struct(BOUND, N,
    ///   visitor)`; the deserializer records the pending bound and calls
    ///   `visitor.visit_newtype_struct(deserializer)`, in which the visitor
    ///   deserializes the value. The next length prefix read is checked
    ///   against `N` (instead of the default string limit) and consumes the
    ///   bound.
    ///
    /// In both directions `Option`'s presence word and newtype structs pass
    /// a pending bound through to the inner value; every other item (scalars,
    /// `None`, structs, tuples, enums, units) clears it, and so does the end of
    /// the wrapper, so a bound never leaks to a later item.
    pub const BOUND: &str = "\0libvirt_xdr::Bound";

    /// A `string` as bytes that need not be UTF-8 ([`crate::ByteString`]).
    ///
    /// - Serialize: `serializer.serialize_newtype_struct(STRING, &w)`, where
    ///   `w`'s `Serialize` impl calls `serialize_bytes(bytes)` (and nothing
    ///   else): written as a string is, with the same limits.
    /// - Deserialize: `deserializer.deserialize_newtype_struct(STRING,
    ///   visitor)` reads a string's length and bytes, checked against the
    ///   pending bound or the default string limit, and calls
    ///   `visitor.visit_borrowed_bytes` without checking UTF-8.
    pub const STRING: &str = "\0libvirt_xdr::String";

    const FIXED_OPAQUE_BYTES: &[u8; 25] = b"\0libvirt_xdr::FixedOpaque";
    const BOUND_BYTES: &[u8; 19] = b"\0libvirt_xdr::Bound";
    const STRING_BYTES: &[u8; 20] = b"\0libvirt_xdr::String";

    /// Whether `name` is exactly `magic`; comparing fixed-size arrays lets
    /// the compiler inline the check (this runs for every tuple struct).
    #[inline]
    fn is<const N: usize>(name: &str, magic: &[u8; N]) -> bool {
        <&[u8; N]>::try_from(name.as_bytes()).is_ok_and(|bytes| bytes == magic)
    }

    #[inline]
    pub(crate) fn is_fixed_opaque(name: &str) -> bool {
        is(name, FIXED_OPAQUE_BYTES)
    }

    #[inline]
    pub(crate) fn is_bound(name: &str) -> bool {
        is(name, BOUND_BYTES)
    }

    #[inline]
    pub(crate) fn is_string(name: &str) -> bool {
        is(name, STRING_BYTES)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn byte_forms_match() {
            assert_eq!(super::FIXED_OPAQUE.as_bytes(), super::FIXED_OPAQUE_BYTES);
            assert_eq!(super::BOUND.as_bytes(), super::BOUND_BYTES);
            assert_eq!(super::STRING.as_bytes(), super::STRING_BYTES);
            assert!(super::is_string(super::STRING));
            assert!(super::is_bound(super::BOUND));
            assert!(!super::is_bound(super::FIXED_OPAQUE));
            assert!(super::is_fixed_opaque(super::FIXED_OPAQUE));
            assert!(!super::is_fixed_opaque("\0libvirt_xdr::FixedOpaquX"));
            assert!(!super::is_bound(""));
        }
    }
}
