//! Enum values that a newer daemon may extend.

use core::fmt;

/// A value of a libvirt enum as the daemon sent it: one this build knows,
/// or a newer one, kept as its number rather than rejected.
///
/// It displays as the known value does (the words `virsh` prints:
/// `running`, `shut off`), or as the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Open<E> {
    /// A value of the enum.
    Known(E),
    /// A value this build does not know.
    Unknown(i64),
}

impl<E> Open<E> {
    /// The known value, if it is one.
    pub fn known(self) -> Option<E> {
        match self {
            Open::Known(e) => Some(e),
            Open::Unknown(_) => None,
        }
    }

    /// Whether it is `value`.
    pub fn is(&self, value: E) -> bool
    where
        E: PartialEq,
    {
        matches!(self, Open::Known(e) if *e == value)
    }
}

impl<E: PartialEq> PartialEq<E> for Open<E> {
    fn eq(&self, other: &E) -> bool {
        self.is_known_as(other)
    }
}

impl<E: PartialEq> Open<E> {
    fn is_known_as(&self, other: &E) -> bool {
        matches!(self, Open::Known(e) if e == other)
    }
}

impl<E> From<E> for Open<E> {
    fn from(e: E) -> Self {
        Open::Known(e)
    }
}

impl<E: fmt::Display> fmt::Display for Open<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Open::Known(e) => e.fmt(f),
            Open::Unknown(n) => write!(f, "unknown ({n})"),
        }
    }
}

/// The generated enums' `from_raw`, for [`Open::from_raw`].
pub trait RawEnum: Sized {
    /// The value with this number, if there is one.
    fn from_raw_i64(raw: i64) -> Option<Self>;
}

impl<E: RawEnum> Open<E> {
    /// The value with this number, known or not.
    pub fn from_raw(raw: impl Into<i64>) -> Self {
        let raw = raw.into();
        E::from_raw_i64(raw).map_or(Open::Unknown(raw), Open::Known)
    }
}
