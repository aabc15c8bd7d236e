//! The error type shared by the serializer and the deserializer.

use alloc::string::{String, ToString};
use core::fmt::Display;

/// Everything that can go wrong while encoding or decoding XDR.
///
/// Decoding errors caused by the input (a hostile or broken peer) are typed so
/// callers can tell them apart; [`Error::Unsupported`] and
/// [`Error::SeqLengthMismatch`] point at a type whose serde implementation
/// cannot be expressed in XDR, i.e. a programming error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input ended in the middle of a fixed-size item (a scalar word, a
    /// fixed-length opaque).
    #[error("unexpected end of input: needed {needed} bytes, {remaining} remaining")]
    UnexpectedEof {
        /// Bytes the item needs, padding included.
        needed: usize,
        /// Bytes that were left in the input.
        remaining: usize,
    },
    /// A length or element count is above the declared `<N>` bound, or above
    /// the string limit when the string has no bound of its own.
    #[error("length {len} exceeds the maximum of {max}")]
    LengthExceedsMax {
        /// The length or count found (decoding) or given (encoding).
        len: u64,
        /// The bound it was checked against.
        max: u64,
    },
    /// A length-prefixed item (string, opaque, array) claims more bytes than
    /// the input has left. For arrays, `len` is the element count, which may
    /// not exceed a quarter of the remaining bytes.
    #[error("length {len} exceeds the remaining input of {remaining} bytes")]
    LengthExceedsInput {
        /// The declared length in bytes (string, opaque) or elements (array).
        len: u64,
        /// Bytes that were left in the input after the length word.
        remaining: usize,
    },
    /// A boolean word other than 0 or 1.
    #[error("invalid boolean value {0}")]
    InvalidBool(u32),
    /// An optional-data presence word other than 0 or 1.
    #[error("invalid optional-data flag {0}")]
    InvalidOptional(u32),
    /// A string is not valid UTF-8.
    #[error("string is not valid UTF-8")]
    InvalidUtf8,
    /// The padding after a string or opaque is not all zero bytes.
    #[error("non-zero padding bytes")]
    NonZeroPadding,
    /// A decoded integer does not fit the Rust type (e.g. 300 for a `u8`).
    #[error("integer out of range for the target type")]
    IntegerOutOfRange,
    /// A decoded `char` is not a Unicode scalar value.
    #[error("invalid char code point {0:#x}")]
    InvalidChar(u32),
    /// [`from_bytes_exact`](crate::from_bytes_exact) found bytes after the value.
    #[error("{0} trailing bytes after the value")]
    TrailingBytes(usize),
    /// A sequence produced or consumed a different number of elements than
    /// its declared length (a `Serialize` impl that lied about its length, or
    /// a visitor that stopped early).
    #[error("sequence declared {expected} elements but {actual} were processed")]
    SeqLengthMismatch {
        /// The declared number of elements.
        expected: usize,
        /// The number actually serialized or consumed.
        actual: usize,
    },
    /// A serde feature that XDR cannot express (maps, `deserialize_any`,
    /// identifiers, 128-bit integers, sequences of unknown length, ...).
    #[error("unsupported by XDR: {0}")]
    Unsupported(&'static str),
    /// A message from a `Serialize` or `Deserialize` implementation.
    #[error("{0}")]
    Custom(String),
}

impl serde::ser::Error for Error {
    #[cold]
    fn custom<T: Display>(msg: T) -> Self {
        Error::Custom(msg.to_string())
    }
}

impl serde::de::Error for Error {
    #[cold]
    fn custom<T: Display>(msg: T) -> Self {
        Error::Custom(msg.to_string())
    }
}

/// `core::result::Result` specialised to this crate's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;
