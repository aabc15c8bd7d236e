//! Field helpers for `#[serde(...)]` attributes, mainly for generated code.
//!
//! | XDR declaration | Rust field | attribute |
//! |---|---|---|
//! | `opaque x[N]` | `[u8; N]` | `#[serde(with = "::libvirt_xdr::with::fixed_opaque")]` |
//! | `opaque x<>` | `Vec<u8>` (or `Option<Vec<u8>>`) | `#[serde(with = "::libvirt_xdr::with::opaque")]` |
//! | `opaque x<N>` | `Vec<u8>` (or `Option<Vec<u8>>`) | `#[serde(serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<N, _, _>", deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<N, _, _>")]` |
//! | `string x<N>`, `T x<N>`, and their optional forms | `String`, `Vec<T>`, `Option<String>`, `Option<Vec<T>>` | `#[serde(serialize_with = "::libvirt_xdr::with::bounded::serialize::<N, _, _>", deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<N, _, _>")]` |
//!
//! With a human-readable format (`is_human_readable()` true, e.g.
//! `serde_json`) every helper serializes and deserializes the plain value
//! (opaque data as a sequence of numbers), so generated types work with such
//! formats too. The helpers are meant for this crate's XDR and for
//! human-readable formats; other binary formats may not round-trip
//! [`fixed_opaque`].

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeTuple, SerializeTupleStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::magic;

/// A value that serializes as XDR variable-length opaque data
/// (`serialize_bytes`), used by [`opaque`] and [`bounded_opaque`].
///
/// Implemented for `[u8]`, `Vec<u8>`, `[u8; N]`, references to those, and
/// `Option` of those (optional data: presence word, then the opaque).
pub trait AsOpaque {
    /// Serializes `self` as opaque bytes, or as a plain sequence of numbers
    /// when `serializer` is human-readable.
    ///
    /// # Errors
    ///
    /// Whatever `serializer` reports.
    fn serialize_opaque<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// A value that deserializes from XDR variable-length opaque data, used by
/// [`opaque`] and [`bounded_opaque`].
///
/// Implemented for `Vec<u8>`, `&'de [u8]` (zero-copy), and `Option` of
/// those.
pub trait FromOpaque<'de>: Sized {
    /// Deserializes opaque bytes, or a plain sequence of numbers when
    /// `deserializer` is human-readable.
    ///
    /// # Errors
    ///
    /// Whatever `deserializer` reports.
    fn deserialize_opaque<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl AsOpaque for [u8] {
    #[inline]
    fn serialize_opaque<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_seq(self)
        } else {
            serializer.serialize_bytes(self)
        }
    }
}

impl AsOpaque for Vec<u8> {
    #[inline]
    fn serialize_opaque<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize_opaque(serializer)
    }
}

impl<const N: usize> AsOpaque for [u8; N] {
    #[inline]
    fn serialize_opaque<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize_opaque(serializer)
    }
}

impl<T: ?Sized + AsOpaque> AsOpaque for &T {
    #[inline]
    fn serialize_opaque<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_opaque(serializer)
    }
}

impl<T: AsOpaque> AsOpaque for Option<T> {
    #[inline]
    fn serialize_opaque<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&OpaqueRef(value)),
            None => serializer.serialize_none(),
        }
    }
}

/// Serializes the referenced value with [`AsOpaque`].
struct OpaqueRef<'a, T: ?Sized>(&'a T);

impl<T: ?Sized + AsOpaque> Serialize for OpaqueRef<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_opaque(serializer)
    }
}

/// Accepts bytes in any form, or a sequence of numbers, as a `Vec<u8>`.
struct ByteBufVisitor;

impl<'de> Visitor<'de> for ByteBufVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("opaque bytes")
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }

    #[inline]
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(v)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(byte) = seq.next_element::<u8>()? {
            out.push(byte);
        }
        Ok(out)
    }
}

/// Accepts only bytes borrowed from the input.
struct BorrowedBytesVisitor;

impl<'de> Visitor<'de> for BorrowedBytesVisitor {
    type Value = &'de [u8];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("opaque bytes borrowed from the input")
    }

    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<&'de [u8], E> {
        Ok(v)
    }
}

impl<'de> FromOpaque<'de> for Vec<u8> {
    #[inline]
    fn deserialize_opaque<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_seq(ByteBufVisitor)
        } else {
            deserializer.deserialize_byte_buf(ByteBufVisitor)
        }
    }
}

impl<'de> FromOpaque<'de> for &'de [u8] {
    #[inline]
    fn deserialize_opaque<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_bytes(BorrowedBytesVisitor)
    }
}

impl<'de, T: FromOpaque<'de>> FromOpaque<'de> for Option<T> {
    #[inline]
    fn deserialize_opaque<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(OptionOpaqueVisitor(PhantomData))
    }
}

/// Deserializes an optional opaque.
struct OptionOpaqueVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: FromOpaque<'de>> Visitor<'de> for OptionOpaqueVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("optional opaque bytes")
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        T::deserialize_opaque(deserializer).map(Some)
    }
}

/// A seed deserializing a `T` with [`FromOpaque`].
struct OpaqueSeed<T>(PhantomData<fn() -> T>);

impl<'de, T: FromOpaque<'de>> DeserializeSeed<'de> for OpaqueSeed<T> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_opaque(deserializer)
    }
}

/// The visitor handed to `deserialize_tuple_struct(BOUND, N, ..)`: this
/// crate's deserializer answers with `visit_newtype_struct`; other binary
/// formats with a one-element sequence.
struct BoundVisitor<Seed>(Seed);

impl<'de, Seed: DeserializeSeed<'de>> Visitor<'de> for BoundVisitor<Seed> {
    type Value = Seed::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bounded XDR value")
    }

    #[inline]
    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        seq.next_element_seed(self.0)?
            .ok_or_else(|| de::Error::invalid_length(0, &"one bounded value"))
    }
}

/// Serializes a byte slice with `serialize_bytes`.
struct RawBytes<'a>(&'a [u8]);

impl Serialize for RawBytes<'_> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// `opaque x[N]`: fixed-length opaque data, `N` bytes and zero padding, no
/// length word.
///
/// ```
/// # use serde::{Deserialize, Serialize};
/// #[derive(Serialize, Deserialize)]
/// struct Domain {
///     #[serde(with = "::libvirt_xdr::with::fixed_opaque")]
///     uuid: [u8; 16],
/// }
/// ```
///
/// In a human-readable format the array is a plain sequence of `N` numbers.
pub mod fixed_opaque {
    use super::*;

    /// Serializes `value` as `serialize_newtype_struct(FIXED_OPAQUE, bytes)`
    /// (see [`magic::FIXED_OPAQUE`]).
    ///
    /// # Errors
    ///
    /// Whatever `serializer` reports.
    #[inline]
    pub fn serialize<const N: usize, S: Serializer>(
        value: &[u8; N],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            let mut tuple = serializer.serialize_tuple(N)?;
            for byte in value {
                tuple.serialize_element(byte)?;
            }
            tuple.end()
        } else {
            serializer.serialize_newtype_struct(magic::FIXED_OPAQUE, &RawBytes(value))
        }
    }

    /// Deserializes `N` bytes with
    /// `deserialize_tuple_struct(FIXED_OPAQUE, N, ..)`.
    ///
    /// # Errors
    ///
    /// Whatever `deserializer` reports, or a length error if it hands over
    /// a number of bytes other than `N`.
    #[inline]
    pub fn deserialize<'de, const N: usize, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<[u8; N], D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_tuple(N, FixedVisitor::<N>)
        } else {
            deserializer.deserialize_tuple_struct(magic::FIXED_OPAQUE, N, FixedVisitor::<N>)
        }
    }

    struct FixedVisitor<const N: usize>;

    impl<'de, const N: usize> Visitor<'de> for FixedVisitor<N> {
        type Value = [u8; N];

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{N} bytes of fixed-length opaque data")
        }

        #[inline]
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<[u8; N], E> {
            <[u8; N]>::try_from(v).map_err(|_| E::invalid_length(v.len(), &self))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[u8; N], A::Error> {
            let mut out = [0u8; N];
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(i, &self))?;
            }
            Ok(out)
        }
    }
}

/// `opaque x<>`: variable-length opaque data without a bound, a length word,
/// the bytes and zero padding.
///
/// Works on any [`AsOpaque`] / [`FromOpaque`] type: `Vec<u8>`,
/// `Option<Vec<u8>>`, and (deserializing zero-copy) `&[u8]`.
///
/// ```
/// # use serde::{Deserialize, Serialize};
/// #[derive(Serialize, Deserialize)]
/// struct Blob {
///     #[serde(with = "::libvirt_xdr::with::opaque")]
///     data: Vec<u8>,
/// }
/// ```
pub mod opaque {
    use super::*;

    /// Serializes `value` with `serialize_bytes`.
    ///
    /// # Errors
    ///
    /// Whatever `serializer` reports.
    #[inline]
    pub fn serialize<T: ?Sized + AsOpaque, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize_opaque(serializer)
    }

    /// Deserializes with `deserialize_byte_buf` (or `deserialize_bytes` for
    /// `&[u8]`).
    ///
    /// # Errors
    ///
    /// Whatever `deserializer` reports.
    #[inline]
    pub fn deserialize<'de, T: FromOpaque<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::deserialize_opaque(deserializer)
    }
}

/// `string x<N>`, `T x<N>` (and their optional forms): a value whose next
/// length-prefixed item (string, opaque given as bytes, or array) may not
/// exceed `N` bytes or elements.
///
/// ```
/// # use serde::{Deserialize, Serialize};
/// #[derive(Serialize, Deserialize)]
/// struct List {
///     #[serde(
///         serialize_with = "::libvirt_xdr::with::bounded::serialize::<16384, _, _>",
///         deserialize_with = "::libvirt_xdr::with::bounded::deserialize::<16384, _, _>"
///     )]
///     names: Vec<String>,
/// }
/// ```
pub mod bounded {
    use super::*;

    /// Serializes `value` as `serialize_tuple_struct(BOUND, N)` with one
    /// field (see [`magic::BOUND`]).
    ///
    /// # Errors
    ///
    /// Whatever `serializer` reports; this crate's serializer reports
    /// [`Error::LengthExceedsMax`](crate::Error::LengthExceedsMax) for a
    /// value longer than `N`.
    #[inline]
    pub fn serialize<const N: usize, T: ?Sized + Serialize, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return value.serialize(serializer);
        }
        let mut wrapper = serializer.serialize_tuple_struct(magic::BOUND, N)?;
        wrapper.serialize_field(value)?;
        wrapper.end()
    }

    /// Deserializes a `T` with `deserialize_tuple_struct(BOUND, N, ..)`.
    ///
    /// # Errors
    ///
    /// Whatever `deserializer` reports; this crate's deserializer reports
    /// [`Error::LengthExceedsMax`](crate::Error::LengthExceedsMax) for a
    /// length or count above `N`.
    #[inline]
    pub fn deserialize<'de, const N: usize, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        if deserializer.is_human_readable() {
            return T::deserialize(deserializer);
        }
        deserializer.deserialize_tuple_struct(magic::BOUND, N, BoundVisitor(PhantomData::<T>))
    }
}

/// `opaque x<N>` (and its optional form): bounded variable-length opaque
/// data, for any [`AsOpaque`] / [`FromOpaque`] type.
///
/// ```
/// # use serde::{Deserialize, Serialize};
/// #[derive(Serialize, Deserialize)]
/// struct Cookie {
///     #[serde(
///         serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<4194304, _, _>",
///         deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<4194304, _, _>"
///     )]
///     cookie: Vec<u8>,
///     #[serde(
///         serialize_with = "::libvirt_xdr::with::bounded_opaque::serialize::<65536, _, _>",
///         deserialize_with = "::libvirt_xdr::with::bounded_opaque::deserialize::<65536, _, _>"
///     )]
///     maybe: Option<Vec<u8>>,
/// }
/// ```
pub mod bounded_opaque {
    use super::*;

    /// Serializes `value` as `serialize_tuple_struct(BOUND, N)` whose one
    /// field is the opaque bytes (`serialize_bytes`).
    ///
    /// # Errors
    ///
    /// As for [`bounded::serialize`].
    #[inline]
    pub fn serialize<const N: usize, T: ?Sized + AsOpaque, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return value.serialize_opaque(serializer);
        }
        let mut wrapper = serializer.serialize_tuple_struct(magic::BOUND, N)?;
        wrapper.serialize_field(&OpaqueRef(value))?;
        wrapper.end()
    }

    /// Deserializes opaque bytes with `deserialize_tuple_struct(BOUND, N, ..)`.
    ///
    /// # Errors
    ///
    /// As for [`bounded::deserialize`].
    #[inline]
    pub fn deserialize<'de, const N: usize, T: FromOpaque<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        if deserializer.is_human_readable() {
            return T::deserialize_opaque(deserializer);
        }
        deserializer.deserialize_tuple_struct(
            magic::BOUND,
            N,
            BoundVisitor(OpaqueSeed::<T>(PhantomData)),
        )
    }
}
