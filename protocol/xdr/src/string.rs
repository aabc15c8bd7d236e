//! [`ByteString`]: an XDR `string` as the bytes it is.

use alloc::borrow::Cow;
use alloc::string::{FromUtf8Error, String};
use alloc::vec::Vec;
use core::fmt;
use core::str::Utf8Error;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::magic;

/// An XDR `string`: bytes that are almost always UTF-8, kept as they came.
///
/// libvirt's strings are C strings: libvirtd sends whatever bytes a
/// domain's description, a guest agent's answer or a file name holds, and
/// nothing on the wire promises UTF-8. Decoding them into `String` would
/// fail a whole reply over one byte, and its data would be lost. So every
/// free-form `string` of the protocol files is a `ByteString`: it keeps the
/// bytes as they came and converts on demand, checked
/// ([`ByteString::to_str`]) or lossy ([`ByteString::to_str_lossy`], and
/// [`Display`](core::fmt::Display)). The common case stays short: compare
/// it with a `&str` (`dom.name == "web"`), build one with `.into()`, print
/// it with `{}`.
///
/// ```
/// use libvirt_xdr::ByteString;
///
/// let name = ByteString::from("web-1");
/// assert_eq!(name, "web-1");
/// assert_eq!(name.to_str(), Ok("web-1"));
///
/// // Not UTF-8: nothing is lost, and it still prints.
/// let odd = ByteString::from(&b"caf\xe9"[..]);
/// assert!(odd.to_str().is_err());
/// assert_eq!(odd.as_bytes(), b"caf\xe9");
/// assert_eq!(odd.to_string(), "caf\u{fffd}");
/// assert_eq!(format!("{odd:?}"), r#"b"caf\xe9""#);
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteString(Vec<u8>);

impl ByteString {
    /// An empty string.
    pub const fn new() -> ByteString {
        ByteString(Vec::new())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// The text, if it is UTF-8.
    ///
    /// # Errors
    ///
    /// Where the bytes stop being UTF-8.
    pub fn to_str(&self) -> Result<&str, Utf8Error> {
        core::str::from_utf8(&self.0)
    }

    /// The text, with U+FFFD for each run of bytes that is not UTF-8;
    /// borrowed when it is all UTF-8.
    pub fn to_str_lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    /// The text as a `String`, if it is UTF-8.
    ///
    /// # Errors
    ///
    /// The bytes back, with where they stop being UTF-8.
    pub fn into_string(self) -> Result<String, FromUtf8Error> {
        String::from_utf8(self.0)
    }

    /// The text as a `String`, with U+FFFD where it is not UTF-8.
    pub fn into_string_lossy(self) -> String {
        match String::from_utf8(self.0) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    /// Whether the bytes are UTF-8.
    pub fn is_utf8(&self) -> bool {
        self.to_str().is_ok()
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for ByteString {
    fn from(s: &str) -> Self {
        ByteString(s.as_bytes().to_vec())
    }
}

impl From<String> for ByteString {
    fn from(s: String) -> Self {
        ByteString(s.into_bytes())
    }
}

impl From<&String> for ByteString {
    fn from(s: &String) -> Self {
        ByteString::from(s.as_str())
    }
}

impl From<&ByteString> for ByteString {
    fn from(s: &ByteString) -> Self {
        s.clone()
    }
}

impl From<Vec<u8>> for ByteString {
    fn from(bytes: Vec<u8>) -> Self {
        ByteString(bytes)
    }
}

impl From<&[u8]> for ByteString {
    fn from(bytes: &[u8]) -> Self {
        ByteString(bytes.to_vec())
    }
}

impl From<ByteString> for Vec<u8> {
    fn from(s: ByteString) -> Self {
        s.0
    }
}

impl AsRef<[u8]> for ByteString {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl PartialEq<str> for ByteString {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<&str> for ByteString {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<String> for ByteString {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<ByteString> for str {
    fn eq(&self, other: &ByteString) -> bool {
        self.as_bytes() == other.0
    }
}

impl PartialEq<ByteString> for &str {
    fn eq(&self, other: &ByteString) -> bool {
        self.as_bytes() == other.0
    }
}

impl PartialEq<ByteString> for String {
    fn eq(&self, other: &ByteString) -> bool {
        self.as_bytes() == other.0
    }
}

/// The text, with U+FFFD where it is not UTF-8 (nothing is allocated).
impl fmt::Display for ByteString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Ok(s) = self.to_str() {
            return f.pad(s);
        }
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{fffd}")?;
            }
        }
        Ok(())
    }
}

/// As a `str` when it is UTF-8; otherwise as a byte string literal
/// (`b"caf\xe9"`), so nothing is hidden.
impl fmt::Debug for ByteString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Ok(s) = self.to_str() {
            return fmt::Debug::fmt(s, f);
        }
        f.write_str("b\"")?;
        for &b in &self.0 {
            write!(f, "{}", core::ascii::escape_default(b))?;
        }
        f.write_str("\"")
    }
}

/// The bytes, for the [`magic::STRING`] protocol.
struct Raw<'a>(&'a [u8]);

impl Serialize for Raw<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl Serialize for ByteString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return match self.to_str() {
                Ok(s) => serializer.serialize_str(s),
                Err(_) => serializer.serialize_bytes(&self.0),
            };
        }
        serializer.serialize_newtype_struct(magic::STRING, &Raw(&self.0))
    }
}

struct ByteStringVisitor;

impl<'de> Visitor<'de> for ByteStringVisitor {
    type Value = ByteString;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or bytes")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ByteString, E> {
        Ok(ByteString::from(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<ByteString, E> {
        Ok(ByteString::from(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<ByteString, E> {
        Ok(ByteString::from(v))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<ByteString, E> {
        Ok(ByteString(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ByteString, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(b) = seq.next_element()? {
            bytes.push(b);
        }
        Ok(ByteString(bytes))
    }

    /// Other binary formats see a newtype around bytes.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<ByteString, D::Error> {
        d.deserialize_byte_buf(self)
    }
}

impl<'de> Deserialize<'de> for ByteString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ByteString, D::Error> {
        if deserializer.is_human_readable() {
            return deserializer.deserialize_any(ByteStringVisitor);
        }
        deserializer.deserialize_newtype_struct(magic::STRING, ByteStringVisitor)
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for ByteString {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        // Mostly text, as on the wire, sometimes any bytes.
        if u.ratio(7, 8)? {
            Ok(ByteString::from(<&str>::arbitrary(u)?))
        } else {
            Ok(ByteString(Vec::arbitrary(u)?))
        }
    }
}
