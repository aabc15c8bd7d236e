//! The XDR deserializer.
//!
//! Most users only need [`from_bytes`] and its siblings;
//! the types here are public because they are the associated types of the
//! [`serde::Deserializer`] implementation.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::error::{Error, Result};
use crate::magic;
use crate::ser::padding;

/// The default limit on the length of a string without a `<N>` bound:
/// libvirt's `VIR_NET_MESSAGE_STRING_MAX` (4 MiB).
pub const DEFAULT_STRING_LIMIT: usize = 4_194_304;

/// Deserializes a `T` from the start of `input`, ignoring any bytes after it
/// (libvirt's rule for payloads).
///
/// Borrowed `&str` and `&[u8]` fields of `T` point into `input`.
///
/// # Errors
///
/// Any decoding error; see [`Error`].
#[inline]
pub fn from_bytes<'de, T: Deserialize<'de>>(input: &'de [u8]) -> Result<T> {
    T::deserialize(&mut Deserializer::new(input))
}

/// Deserializes a `T` that must span all of `input`.
///
/// # Errors
///
/// Any decoding error, or [`Error::TrailingBytes`] if bytes remain after it.
#[inline]
pub fn from_bytes_exact<'de, T: Deserialize<'de>>(input: &'de [u8]) -> Result<T> {
    let mut de = Deserializer::new(input);
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Deserializes a `T` from the start of `input` and returns it with the
/// number of bytes it took.
///
/// # Errors
///
/// Any decoding error; see [`Error`].
#[inline]
pub fn from_bytes_prefix<'de, T: Deserialize<'de>>(input: &'de [u8]) -> Result<(T, usize)> {
    let mut de = Deserializer::new(input);
    let value = T::deserialize(&mut de)?;
    Ok((value, de.position()))
}

/// A serde deserializer reading XDR from a borrowed byte slice.
///
/// Use it as `T::deserialize(&mut Deserializer::new(bytes))`. Every length
/// and count is checked against its bound and the remaining input before
/// anything is allocated or sliced, so a hostile peer cannot make it allocate
/// more than the input justifies, and no input makes it panic.
///
/// See the [crate documentation](crate) for the mapping of serde's data model
/// to XDR.
#[derive(Clone, Debug)]
pub struct Deserializer<'de> {
    input: &'de [u8],
    total: usize,
    string_limit: usize,
    /// A `<N>` bound waiting for the next length-prefixed item.
    bound: Option<u64>,
}

#[cold]
fn eof(needed: usize, remaining: usize) -> Error {
    Error::UnexpectedEof { needed, remaining }
}

impl<'de> Deserializer<'de> {
    /// A deserializer over `input` with the [`DEFAULT_STRING_LIMIT`].
    #[must_use]
    #[inline]
    pub fn new(input: &'de [u8]) -> Self {
        Deserializer {
            input,
            total: input.len(),
            string_limit: DEFAULT_STRING_LIMIT,
            bound: None,
        }
    }

    /// Sets the limit for strings that have no `<N>` bound of their own.
    #[must_use]
    #[inline]
    pub fn with_string_limit(mut self, limit: usize) -> Self {
        self.string_limit = limit;
        self
    }

    /// The number of bytes consumed so far.
    #[must_use]
    #[inline]
    pub fn position(&self) -> usize {
        self.total.saturating_sub(self.input.len())
    }

    /// The input not consumed yet.
    #[must_use]
    #[inline]
    pub fn remaining(&self) -> &'de [u8] {
        self.input
    }

    /// Checks that the whole input has been consumed.
    ///
    /// # Errors
    ///
    /// [`Error::TrailingBytes`] with the number of bytes left.
    #[inline]
    pub fn end(&self) -> Result<()> {
        if self.input.is_empty() {
            Ok(())
        } else {
            Err(Error::TrailingBytes(self.input.len()))
        }
    }

    #[inline]
    fn read_u32(&mut self) -> Result<u32> {
        match self.input.split_first_chunk::<4>() {
            Some((word, rest)) => {
                self.input = rest;
                Ok(u32::from_be_bytes(*word))
            }
            None => Err(eof(4, self.input.len())),
        }
    }

    #[inline]
    fn read_u64(&mut self) -> Result<u64> {
        match self.input.split_first_chunk::<8>() {
            Some((word, rest)) => {
                self.input = rest;
                Ok(u64::from_be_bytes(*word))
            }
            None => Err(eof(8, self.input.len())),
        }
    }

    /// Reads a scalar word; clears any pending bound (a bound on a scalar is
    /// meaningless and must not reach a later item).
    #[inline]
    fn scalar_u32(&mut self) -> Result<u32> {
        self.bound = None;
        self.read_u32()
    }

    #[inline]
    fn scalar_i32(&mut self) -> Result<i32> {
        self.scalar_u32()
            .map(|v| i32::from_be_bytes(v.to_be_bytes()))
    }

    /// Takes `len` bytes and their zero padding off the input. `from_peer`
    /// selects the error for a short input: `LengthExceedsInput` when the
    /// length came from the peer, `UnexpectedEof` when the type fixes it.
    #[inline]
    fn take_padded(&mut self, len: usize, from_peer: bool) -> Result<&'de [u8]> {
        let pad = padding(len);
        let remaining = self.input.len();
        let short = || {
            if from_peer {
                Error::LengthExceedsInput {
                    len: u64::try_from(len).unwrap_or(u64::MAX),
                    remaining,
                }
            } else {
                eof(len.saturating_add(pad.len()), remaining)
            }
        };
        let (data, rest) = self.input.split_at_checked(len).ok_or_else(short)?;
        let (pad_bytes, rest) = rest.split_at_checked(pad.len()).ok_or_else(short)?;
        if pad_bytes.iter().any(|&b| b != 0) {
            return Err(Error::NonZeroPadding);
        }
        self.input = rest;
        Ok(data)
    }

    /// Reads a length word and checks it against the pending bound (consuming
    /// it), or `default_max` when there is none.
    #[inline]
    fn read_len(&mut self, default_max: Option<usize>) -> Result<usize> {
        let bound = self.bound.take();
        let len = self.read_u32()?;
        let max = match bound {
            Some(max) => Some(max),
            None => default_max.map(|m| u64::try_from(m).unwrap_or(u64::MAX)),
        };
        if let Some(max) = max {
            if u64::from(len) > max {
                return Err(Error::LengthExceedsMax {
                    len: u64::from(len),
                    max,
                });
            }
        }
        usize::try_from(len).map_err(|_| Error::LengthExceedsInput {
            len: u64::from(len),
            remaining: self.input.len(),
        })
    }

    #[inline]
    fn read_var_opaque(&mut self, default_max: Option<usize>) -> Result<&'de [u8]> {
        let len = self.read_len(default_max)?;
        self.take_padded(len, true)
    }

    #[inline]
    fn read_str(&mut self) -> Result<&'de str> {
        let bytes = self.read_var_opaque(Some(self.string_limit))?;
        core::str::from_utf8(bytes).map_err(|_| Error::InvalidUtf8)
    }

    /// Hands `count` elements to `visitor` and checks it took them all.
    #[inline]
    fn visit_elements<V: Visitor<'de>>(&mut self, count: usize, visitor: V) -> Result<V::Value> {
        self.visit_elements_up_to(count, visitor, true)
    }

    /// Hands up to `count` elements to `visitor`. With `exact`, a visitor
    /// that stops early is an error (a counted array would be left half
    /// read); without, it is fine: a tuple has no count on the wire, and a
    /// union's void arm reads only its discriminant.
    #[inline]
    fn visit_elements_up_to<V: Visitor<'de>>(
        &mut self,
        count: usize,
        visitor: V,
        exact: bool,
    ) -> Result<V::Value> {
        let mut access = Elements {
            de: self,
            left: count,
        };
        let value = visitor.visit_seq(&mut access)?;
        if access.left == 0 || !exact {
            Ok(value)
        } else {
            Err(Error::SeqLengthMismatch {
                expected: count,
                actual: count.saturating_sub(access.left),
            })
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    #[inline]
    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::Unsupported(
            "deserialize_any (XDR is not self-describing)",
        ))
    }

    #[inline]
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar_u32()? {
            0 => visitor.visit_bool(false),
            1 => visitor.visit_bool(true),
            other => Err(Error::InvalidBool(other)),
        }
    }

    #[inline]
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // XDR `char`: C peers send `(int)c`, sign-extended where `char` is
        // signed (x86) and zero-extended where it is not (aarch64, ppc64le,
        // s390x), and decode by truncating. Accept both ranges.
        let v = self.scalar_i32()?;
        if !(-128..=255).contains(&v) {
            return Err(Error::IntegerOutOfRange);
        }
        visitor.visit_i8(v as i8)
    }

    #[inline]
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let v = i16::try_from(self.scalar_i32()?).map_err(|_| Error::IntegerOutOfRange)?;
        visitor.visit_i16(v)
    }

    #[inline]
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i32(self.scalar_i32()?)
    }

    #[inline]
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.bound = None;
        let v = self.read_u64()?;
        visitor.visit_i64(i64::from_be_bytes(v.to_be_bytes()))
    }

    fn deserialize_i128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::Unsupported("128-bit integers"))
    }

    #[inline]
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // XDR `unsigned char`, with the same tolerance as `char` for peers
        // whose `char` is signed.
        let v = self.scalar_i32()?;
        if !(-128..=255).contains(&v) {
            return Err(Error::IntegerOutOfRange);
        }
        visitor.visit_u8(v as u8)
    }

    #[inline]
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let v = u16::try_from(self.scalar_u32()?).map_err(|_| Error::IntegerOutOfRange)?;
        visitor.visit_u16(v)
    }

    #[inline]
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(self.scalar_u32()?)
    }

    #[inline]
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.bound = None;
        visitor.visit_u64(self.read_u64()?)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::Unsupported("128-bit integers"))
    }

    #[inline]
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f32(f32::from_bits(self.scalar_u32()?))
    }

    #[inline]
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.bound = None;
        visitor.visit_f64(f64::from_bits(self.read_u64()?))
    }

    #[inline]
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let v = self.scalar_u32()?;
        visitor.visit_char(char::from_u32(v).ok_or(Error::InvalidChar(v))?)
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.read_str()?)
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.read_str()?)
    }

    #[inline]
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_bytes(self.read_var_opaque(None)?)
    }

    #[inline]
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_bytes(self.read_var_opaque(None)?)
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // The presence word passes a pending bound through to the value.
        match self.read_u32()? {
            0 => {
                self.bound = None;
                visitor.visit_none()
            }
            1 => visitor.visit_some(self),
            other => {
                self.bound = None;
                Err(Error::InvalidOptional(other))
            }
        }
    }

    #[inline]
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.bound = None;
        visitor.visit_unit()
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.bound = None;
        visitor.visit_unit()
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if magic::is_string(name) {
            let bytes = self.read_var_opaque(Some(self.string_limit))?;
            return visitor.visit_borrowed_bytes(bytes);
        }
        visitor.visit_newtype_struct(self)
    }

    #[inline]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let count = self.read_len(None)?;
        // Every XDR item takes at least 4 bytes, so a count above a quarter
        // of the remaining input cannot be honest; refuse it before the
        // visitor preallocates anything.
        let remaining = self.input.len();
        if count > remaining / 4 {
            return Err(Error::LengthExceedsInput {
                len: u64::try_from(count).unwrap_or(u64::MAX),
                remaining,
            });
        }
        self.visit_elements(count, visitor)
    }

    #[inline]
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.bound = None;
        self.visit_elements_up_to(len, visitor, false)
    }

    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        if magic::is_bound(name) {
            self.bound = Some(u64::try_from(len).unwrap_or(u64::MAX));
            let result = visitor.visit_newtype_struct(&mut *self);
            // Never let a bound the value did not consume leak to later items.
            self.bound = None;
            result
        } else if magic::is_fixed_opaque(name) {
            self.bound = None;
            let bytes = self.take_padded(len, false)?;
            visitor.visit_borrowed_bytes(bytes)
        } else {
            self.bound = None;
            self.visit_elements(len, visitor)
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::Unsupported("maps"))
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.bound = None;
        self.visit_elements(fields.len(), visitor)
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.bound = None;
        visitor.visit_enum(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::Unsupported("identifiers"))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::Unsupported(
            "deserialize_ignored_any (XDR is not self-describing)",
        ))
    }
}

/// Hands a known number of elements (array items, tuple members, struct
/// fields) to a visitor.
#[derive(Debug)]
pub struct Elements<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.left.checked_sub(1) {
            None => Ok(None),
            Some(left) => {
                self.left = left;
                seed.deserialize(&mut *self.de).map(Some)
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Deserializer<'de> {
    type Error = Error;
    type Variant = Self;

    #[inline]
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let index = self.scalar_u32()?;
        let value = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(index))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Deserializer<'de> {
    type Error = Error;

    #[inline]
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }

    #[inline]
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.visit_elements(len, visitor)
    }

    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.visit_elements(fields.len(), visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserializer as _;
    use serde::de::IgnoredAny;

    /// Deserializes a `u32` inside a bound wrapper, leaving the bound state
    /// to be inspected.
    struct ScalarInBound;

    impl<'de> Visitor<'de> for ScalarInBound {
        type Value = u32;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a u32")
        }

        fn visit_newtype_struct<D: de::Deserializer<'de>>(
            self,
            d: D,
        ) -> core::result::Result<u32, D::Error> {
            u32::deserialize(d)
        }
    }

    #[test]
    fn scalars_clear_a_pending_bound() {
        let input = [0, 0, 0, 9];
        let mut de = Deserializer::new(&input);
        de.bound = Some(1);
        assert_eq!(u32::deserialize(&mut de), Ok(9));
        assert_eq!(de.bound, None);
    }

    #[test]
    fn bound_wrapper_clears_the_bound_on_exit() {
        let input = [0, 0, 0, 9];
        let mut de = Deserializer::new(&input);
        assert_eq!(
            (&mut de).deserialize_tuple_struct(magic::BOUND, 2, ScalarInBound),
            Ok(9)
        );
        assert_eq!(de.bound, None);
    }

    #[test]
    fn option_passes_the_bound_through() {
        let input = [0, 0, 0, 1, 0, 0, 0, 3, b'a', b'b', b'c', 0];
        let mut de = Deserializer::new(&input);
        de.bound = Some(2);
        assert_eq!(
            Option::<&str>::deserialize(&mut de),
            Err(Error::LengthExceedsMax { len: 3, max: 2 })
        );
        assert_eq!(de.bound, None);

        let mut de = Deserializer::new(&input[..4]);
        de.bound = Some(2);
        assert_eq!(
            Option::<&str>::deserialize(&mut de),
            Err(Error::UnexpectedEof {
                needed: 4,
                remaining: 0
            })
        );
        assert_eq!(de.bound, None);
    }

    #[test]
    fn none_and_structs_clear_the_bound() {
        let input = [0, 0, 0, 0];
        let mut de = Deserializer::new(&input);
        de.bound = Some(2);
        assert_eq!(Option::<&str>::deserialize(&mut de), Ok(None));
        assert_eq!(de.bound, None);

        let mut de = Deserializer::new(&input);
        de.bound = Some(2);
        assert_eq!(<(u32,)>::deserialize(&mut de), Ok((0,)));
        assert_eq!(de.bound, None);
    }

    #[test]
    fn ignored_any_is_unsupported() {
        let mut de = Deserializer::new(&[]);
        assert!(matches!(
            IgnoredAny::deserialize(&mut de),
            Err(Error::Unsupported(_))
        ));
    }

    #[test]
    fn take_padded_errors() {
        let input = [1, 2, 3, 0, 0];
        let mut de = Deserializer::new(&input);
        assert_eq!(
            de.take_padded(5, false),
            Err(Error::UnexpectedEof {
                needed: 8,
                remaining: 5
            })
        );
        assert_eq!(
            de.take_padded(usize::MAX, true),
            Err(Error::LengthExceedsInput {
                len: u64::MAX,
                remaining: 5
            })
        );
        assert_eq!(de.take_padded(3, false), Ok(&input[..3]));
        assert_eq!(de.position(), 4);
    }
}
