//! The XDR serializer.
//!
//! Most users only need [`to_vec`] or
//! [`to_writer`]; the types here are public because they
//! are the associated types of the [`serde::Serializer`] implementation.

use alloc::vec::Vec;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::error::{Error, Result};
use crate::magic;

/// The zero padding that follows `len` bytes of string or opaque data.
#[inline]
pub(crate) fn padding(len: usize) -> &'static [u8] {
    match len & 3 {
        0 => &[],
        1 => &[0, 0, 0],
        2 => &[0, 0],
        _ => &[0],
    }
}

/// Serializes `value` into a new buffer.
///
/// # Errors
///
/// See [`Serializer`]: unsupported serde features, bound violations, lengths
/// above `u32::MAX`, and errors raised by `value`'s own `Serialize` impl.
#[inline]
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut Serializer::new(&mut out))?;
    Ok(out)
}

/// Serializes `value`, appending it to `out`.
///
/// On error `out` is truncated back to the length it had on entry, so a
/// failed write never leaves a partial encoding behind.
///
/// # Errors
///
/// As for [`to_vec`].
#[inline]
pub fn to_writer<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> Result<()> {
    let start = out.len();
    let result = value.serialize(&mut Serializer::new(out));
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// A serde serializer that appends XDR to a caller's `Vec<u8>`.
///
/// Use it as `value.serialize(&mut Serializer::new(&mut buf))`. Unlike
/// [`to_writer`], using the serializer directly leaves
/// whatever was written before an error in the buffer.
///
/// See the [crate documentation](crate) for the mapping of serde's data model
/// to XDR.
#[derive(Debug)]
pub struct Serializer<'a> {
    out: &'a mut Vec<u8>,
    /// A `<N>` bound waiting for the next length-prefixed item.
    bound: Option<u64>,
    /// The next `serialize_bytes` is a string's ([`magic::STRING`]).
    string: bool,
}

impl<'a> Serializer<'a> {
    /// A serializer appending to `out`.
    #[inline]
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Serializer {
            out,
            bound: None,
            string: false,
        }
    }

    #[inline]
    fn put_u32(&mut self, v: u32) {
        self.bound = None;
        self.out.extend_from_slice(&v.to_be_bytes());
    }

    #[inline]
    fn put_u64(&mut self, v: u64) {
        self.bound = None;
        self.out.extend_from_slice(&v.to_be_bytes());
    }

    /// Checks a length against the pending bound (consuming it) and against
    /// `u32::MAX`, and writes it.
    #[inline]
    fn put_len(&mut self, len: usize) -> Result<()> {
        let bound = self.bound.take();
        let len64 = u64::try_from(len).map_err(|_| Error::IntegerOutOfRange)?;
        if let Some(max) = bound {
            if len64 > max {
                return Err(Error::LengthExceedsMax { len: len64, max });
            }
        }
        let len32 = u32::try_from(len).map_err(|_| Error::LengthExceedsMax {
            len: len64,
            max: u64::from(u32::MAX),
        })?;
        self.out.extend_from_slice(&len32.to_be_bytes());
        Ok(())
    }

    /// Writes bytes plus their zero padding, with no length word.
    #[inline]
    fn put_padded(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
        self.out.extend_from_slice(padding(bytes.len()));
    }

    #[inline]
    fn put_var_opaque(&mut self, bytes: &[u8]) -> Result<()> {
        self.put_len(bytes.len())?;
        self.put_padded(bytes);
        Ok(())
    }

    /// A string: opaque bytes on the wire, with the decoder's default limit
    /// when no `<N>` bound applies, so nothing is encoded that a libvirt
    /// peer (or this crate) refuses.
    #[inline]
    fn put_string(&mut self, bytes: &[u8]) -> Result<()> {
        if self.bound.is_none() && bytes.len() > crate::DEFAULT_STRING_LIMIT {
            return Err(Error::LengthExceedsMax {
                len: bytes.len() as u64,
                max: crate::DEFAULT_STRING_LIMIT as u64,
            });
        }
        self.put_var_opaque(bytes)
    }
}

impl<'a, 'b> ser::Serializer for &'b mut Serializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = SeqSerializer<'b, 'a>;
    type SerializeTuple = Self;
    type SerializeTupleStruct = TupleStructSerializer<'b, 'a>;
    type SerializeTupleVariant = Self;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    #[inline]
    fn is_human_readable(&self) -> bool {
        false
    }

    #[inline]
    fn serialize_bool(self, v: bool) -> Result<()> {
        self.put_u32(u32::from(v));
        Ok(())
    }

    #[inline]
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i32(i32::from(v))
    }

    #[inline]
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i32(i32::from(v))
    }

    #[inline]
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.put_u32(u32::from_be_bytes(v.to_be_bytes()));
        Ok(())
    }

    #[inline]
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.put_u64(u64::from_be_bytes(v.to_be_bytes()));
        Ok(())
    }

    fn serialize_i128(self, _v: i128) -> Result<()> {
        Err(Error::Unsupported("128-bit integers"))
    }

    #[inline]
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.put_u32(u32::from(v));
        Ok(())
    }

    #[inline]
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.put_u32(u32::from(v));
        Ok(())
    }

    #[inline]
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.put_u32(v);
        Ok(())
    }

    #[inline]
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.put_u64(v);
        Ok(())
    }

    fn serialize_u128(self, _v: u128) -> Result<()> {
        Err(Error::Unsupported("128-bit integers"))
    }

    #[inline]
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.put_u32(v.to_bits());
        Ok(())
    }

    #[inline]
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.put_u64(v.to_bits());
        Ok(())
    }

    #[inline]
    fn serialize_char(self, v: char) -> Result<()> {
        self.put_u32(u32::from(v));
        Ok(())
    }

    #[inline]
    fn serialize_str(self, v: &str) -> Result<()> {
        self.put_string(v.as_bytes())
    }

    #[inline]
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        if core::mem::take(&mut self.string) {
            return self.put_string(v);
        }
        self.put_var_opaque(v)
    }

    #[inline]
    fn serialize_none(self) -> Result<()> {
        self.put_u32(0);
        Ok(())
    }

    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        // The presence word passes a pending bound through to the value.
        self.out.extend_from_slice(&1u32.to_be_bytes());
        value.serialize(self)
    }

    #[inline]
    fn serialize_unit(self) -> Result<()> {
        self.bound = None;
        Ok(())
    }

    #[inline]
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.bound = None;
        Ok(())
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
    ) -> Result<()> {
        self.put_u32(variant_index);
        Ok(())
    }

    #[inline]
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if magic::is_fixed_opaque(name) {
            self.bound = None;
            value.serialize(FixedOpaqueWriter {
                out: &mut *self.out,
            })
        } else if magic::is_string(name) {
            // The value calls `serialize_bytes` at once; a bound passes through.
            self.string = true;
            let result = value.serialize(&mut *self);
            self.string = false;
            result
        } else {
            value.serialize(self)
        }
    }

    #[inline]
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.put_u32(variant_index);
        value.serialize(self)
    }

    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        let Some(len) = len else {
            self.bound = None;
            return Err(Error::Unsupported("sequences of unknown length"));
        };
        self.put_len(len)?;
        Ok(SeqSerializer {
            ser: self,
            expected: len,
            count: 0,
        })
    }

    #[inline]
    fn serialize_tuple(self, _len: usize) -> Result<Self> {
        self.bound = None;
        Ok(self)
    }

    #[inline]
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        if magic::is_bound(name) {
            let max = u64::try_from(len).map_err(|_| Error::IntegerOutOfRange)?;
            Ok(TupleStructSerializer {
                ser: self,
                bound: Some(max),
                fields: 0,
            })
        } else {
            self.bound = None;
            Ok(TupleStructSerializer {
                ser: self,
                bound: None,
                fields: 0,
            })
        }
    }

    #[inline]
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self> {
        self.put_u32(variant_index);
        Ok(self)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        self.bound = None;
        Err(Error::Unsupported("maps"))
    }

    #[inline]
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self> {
        self.bound = None;
        Ok(self)
    }

    #[inline]
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self> {
        self.put_u32(variant_index);
        Ok(self)
    }
}

/// Serializes the elements of a variable-length array (after its count) and
/// checks that their number matches the declared length.
#[derive(Debug)]
pub struct SeqSerializer<'b, 'a> {
    ser: &'b mut Serializer<'a>,
    expected: usize,
    count: usize,
}

impl ser::SerializeSeq for SeqSerializer<'_, '_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.count = self.count.saturating_add(1);
        value.serialize(&mut *self.ser)
    }

    #[inline]
    fn end(self) -> Result<()> {
        if self.count == self.expected {
            Ok(())
        } else {
            Err(Error::SeqLengthMismatch {
                expected: self.expected,
                actual: self.count,
            })
        }
    }
}

/// Serializes the fields of a tuple struct, or the single value wrapped by a
/// [`magic::BOUND`] tuple struct.
#[derive(Debug)]
pub struct TupleStructSerializer<'b, 'a> {
    ser: &'b mut Serializer<'a>,
    /// `Some(N)` for a [`magic::BOUND`] wrapper.
    bound: Option<u64>,
    fields: usize,
}

impl ser::SerializeTupleStruct for TupleStructSerializer<'_, '_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.fields = self.fields.saturating_add(1);
        if let Some(max) = self.bound {
            if self.fields != 1 {
                self.ser.bound = None;
                return Err(Error::Unsupported(
                    "a bound wrapper with more than one field",
                ));
            }
            self.ser.bound = Some(max);
        }
        let result = value.serialize(&mut *self.ser);
        // Never let a bound the value did not consume leak to later items.
        self.ser.bound = None;
        result
    }

    #[inline]
    fn end(self) -> Result<()> {
        if self.bound.is_some() && self.fields != 1 {
            return Err(Error::Unsupported("a bound wrapper without a value"));
        }
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Serializer<'_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }

    #[inline]
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Serializer<'_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }

    #[inline]
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Serializer<'_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _key: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(&mut **self)
    }

    fn skip_field(&mut self, _key: &'static str) -> Result<()> {
        Err(Error::Unsupported("skipping struct fields"))
    }

    #[inline]
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Serializer<'_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _key: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(&mut **self)
    }

    fn skip_field(&mut self, _key: &'static str) -> Result<()> {
        Err(Error::Unsupported("skipping struct fields"))
    }

    #[inline]
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The serializer handed to the value of a [`magic::FIXED_OPAQUE`] newtype:
/// it accepts exactly one `serialize_bytes` call and writes the bytes and
/// their padding with no length word.
struct FixedOpaqueWriter<'a> {
    out: &'a mut Vec<u8>,
}

const NOT_BYTES: Error = Error::Unsupported("a fixed-opaque wrapper whose value is not bytes");

macro_rules! not_bytes {
    ($($method:ident($($ty:ty),*) -> $ret:ty;)*) => {
        $(
            fn $method(self, $(_: $ty),*) -> Result<$ret> {
                Err(NOT_BYTES)
            }
        )*
    };
}

impl ser::Serializer for FixedOpaqueWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn is_human_readable(&self) -> bool {
        false
    }

    #[inline]
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.out.extend_from_slice(v);
        self.out.extend_from_slice(padding(v.len()));
        Ok(())
    }

    not_bytes! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<()> {
        Err(NOT_BYTES)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        // A newtype around the bytes is transparent, as everywhere else.
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(NOT_BYTES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::ser::{SerializeTupleStruct, Serializer as _};

    #[test]
    fn padding_lengths() {
        for len in 0..16 {
            assert_eq!((len + padding(len).len()) % 4, 0);
            assert!(padding(len).len() < 4);
            assert!(padding(len).iter().all(|&b| b == 0));
        }
    }

    #[test]
    fn bound_wrapper_takes_exactly_one_field() {
        let mut buf = Vec::new();
        let mut ser = Serializer::new(&mut buf);
        let mut ts = (&mut ser).serialize_tuple_struct(magic::BOUND, 3).unwrap();
        ts.serialize_field(&1u32).unwrap();
        assert!(matches!(
            ts.serialize_field(&2u32),
            Err(Error::Unsupported(_))
        ));
        assert_eq!(ser.bound, None);

        let ts = (&mut ser).serialize_tuple_struct(magic::BOUND, 3).unwrap();
        assert!(matches!(
            SerializeTupleStruct::end(ts),
            Err(Error::Unsupported(_))
        ));
        assert_eq!(ser.bound, None);
    }

    #[test]
    fn bound_is_cleared_after_its_value() {
        let mut buf = Vec::new();
        let mut ser = Serializer::new(&mut buf);
        let mut ts = (&mut ser).serialize_tuple_struct(magic::BOUND, 1).unwrap();
        ts.serialize_field(&7u64).unwrap();
        SerializeTupleStruct::end(ts).unwrap();
        assert_eq!(ser.bound, None);
        "longer than one".serialize(&mut ser).unwrap();
        let mut ts = (&mut ser).serialize_tuple_struct(magic::BOUND, 1).unwrap();
        ts.serialize_field(&()).unwrap();
        assert_eq!(ser.bound, None);
    }

    #[test]
    fn plain_tuple_structs_write_their_fields() {
        let mut buf = Vec::new();
        let mut ser = Serializer::new(&mut buf);
        let mut ts = (&mut ser).serialize_tuple_struct("Pair", 2).unwrap();
        ts.serialize_field(&1u32).unwrap();
        ts.serialize_field(&2u32).unwrap();
        SerializeTupleStruct::end(ts).unwrap();
        assert_eq!(buf, [0, 0, 0, 1, 0, 0, 0, 2]);
    }
}
