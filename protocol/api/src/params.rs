//! Typed parameters: libvirt's `virTypedParameter` lists as Rust structs,
//! both ways, through serde.
//!
//! Many libvirt calls send or return a list of named, typed values
//! (`"weight"` = uint 500, `"block.0.rd.reqs"` = ullong 42). Here such a
//! list is a struct that derives `Serialize` and `Deserialize`:
//! [`to_params`] turns one into the wire list, [`from_params`] reads the
//! wire list into one. Every parameter set of libvirt's headers has a
//! struct here, generated from libvirt's API description
//! ([`BlkioParameters`], [`SchedulerParameters`], [`MigrateParameters`],
//! the all-domain statistics record [`DomainStats`], ...: 27 sets), and
//! [`Params`] is the generic ordered list for anything else. The
//! generated sets also read a list directly, without serde's visitors
//! ([`read_set`], [`ParamSet`]), with the same result; the typed methods
//! read that way.
//!
//! ```
//! use libvirt_api::params::{self, DomainStats, ParamValue, SchedulerParameters};
//! use libvirt_core::remote::{TypedParam, TypedParamValue};
//!
//! // Sending: fields left `None` are not sent.
//! let wire = params::to_params(&SchedulerParameters {
//!     cpu_shares: Some(2048),
//!     ..Default::default()
//! })
//! .unwrap();
//! assert_eq!(wire[0].field, "cpu_shares");
//! assert_eq!(wire[0].value, TypedParamValue::Ullong(2048));
//!
//! // Receiving a `virConnectGetAllDomainStats` record.
//! let record = vec![
//!     TypedParam { field: "state.state".into(), value: TypedParamValue::Int(1) },
//!     TypedParam { field: "block.count".into(), value: TypedParamValue::Uint(1) },
//!     TypedParam { field: "block.0.name".into(), value: TypedParamValue::String("vda".into()) },
//!     TypedParam { field: "block.0.rd.reqs".into(), value: TypedParamValue::Ullong(42) },
//! ];
//! let stats: DomainStats = params::from_params(record).unwrap();
//! assert_eq!(stats.state.unwrap().state, Some(1));
//! assert_eq!(stats.block[0].name.as_deref(), Some("vda"));
//! assert_eq!(stats.block[0].rd_reqs, Some(42));
//! ```
//!
//! ```
//! use libvirt_api::params::{self, ParamValue, Params};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
//! #[serde(default)]
//! struct Blkio {
//!     weight: Option<u32>,
//!     #[serde(rename = "device_weight")]
//!     device_weights: Option<String>,
//!     #[serde(rename = "$other")]
//!     other: Params,
//! }
//!
//! let wire = params::to_params(&Blkio { weight: Some(500), ..Default::default() }).unwrap();
//! assert_eq!(wire.len(), 1); // None is not sent
//! assert_eq!(wire[0].field, "weight");
//!
//! let mut back: Vec<_> = wire;
//! back.push(libvirt_core::remote::TypedParam {
//!     field: "newer_knob".into(),
//!     value: libvirt_core::remote::TypedParamValue::Int(-1),
//! });
//! let blkio: Blkio = params::from_params(back).unwrap();
//! assert_eq!(blkio.weight, Some(500));
//! assert_eq!(blkio.other.get("newer_knob"), Some(&ParamValue::Int(-1)));
//! ```
//!
//! # How a struct maps to keys
//!
//! * **A field is a key.** Its serde name (`#[serde(rename =
//!   "rd_operations")]`) is the parameter's name, dots and all:
//!   `#[serde(rename = "cpu.time")] cpu_time_ns: Option<u64>`.
//! * **`Option`.** `None` is not sent; an absent key is `None` (with
//!   `#[serde(default)]` on the struct, any field may be absent).
//! * **Repeated keys.** libvirt sends some keys several times
//!   (`migrate_disks`): a `Vec` of values in a plain field is one key per
//!   element, and reads back every value of that key. A single-valued
//!   field that receives a key twice is [`ParamError::Repeated`].
//! * **Groups: a name ending in `.`.** A field named `"balloon."` takes
//!   every key that starts with `balloon.`, with that prefix removed, and
//!   its Rust type says what they form:
//!   * a **struct** (`Option<Balloon>`): `balloon.current` is the field
//!     `current` of `Balloon`;
//!   * a **list** (`Vec<BlockStats>`): an *indexed group*, libvirt's
//!     `block.<i>.<rest>` keys. Keys `block.0.rd.reqs` and `block.1.name`
//!     are elements 0 and 1, with fields `rd.reqs` and `name`. Elements
//!     come in index order; an element struct with a field named
//!     `"$index"` (`Option<u32>`) gets its index there, and sends it back
//!     (when `None`, its position in the `Vec` is its index). An index is
//!     a canonical decimal `u32` (`0`, `17`, not `017`); a key under the
//!     prefix that has none (`block.weird`) is an unknown key of the
//!     struct holding the list. `block.count` is a separate field
//!     (`#[serde(rename = "block.count")]`): a key that names a field
//!     exactly goes to that field before any group sees it;
//!   * a **map** ([`Params`], `BTreeMap<String, ParamValue>`): every key
//!     under the prefix, as it is (libvirt's hypervisor-specific `vm.*`
//!     statistics).
//!
//!   When group prefixes nest (`cpu.` and `cpu.cache.monitor.`), the
//!   longest wins.
//! * **Unknown keys are kept.** A field named `"$other"` (a [`Params`] or
//!   any map of `String` to [`ParamValue`]) collects every key of its
//!   level that no other field took, with its value, in wire order. A
//!   struct without one ignores unknown keys, or refuses them with
//!   `#[serde(deny_unknown_fields)]`. Sending, `$other`'s entries are sent
//!   as they are.
//!
//! `#[serde(flatten)]` is not supported for groups (serde then hides the
//! field names this mapping needs); plain fields flatten fine.
//!
//! # Value types
//!
//! Sending, a Rust value becomes the wire type of its Rust type: `i32`
//! (and `i8`, `i16`) an int, `u32` (`u8`, `u16`) a uint, `i64` an llong,
//! `u64` a ullong, `f64`/`f32` a double, `bool` a boolean, strings and
//! [`ByteString`]s a string, a unit enum variant its name as a string.
//!
//! Receiving, a field takes its own wire type, and a narrower one where
//! every value of that type fits (libvirt varies between versions and
//! drivers: IOThread polling values are a uint or a ullong):
//!
//! | field | accepts |
//! |---|---|
//! | `i32` | int |
//! | `u32` | uint |
//! | `i64` | llong, int, uint |
//! | `u64` | ullong, uint |
//! | `f64` | double, int, uint |
//! | `bool` | boolean (the wire's int: 0 is false, anything else true) |
//! | `String` | string (bytes that are not UTF-8 become U+FFFD) |
//! | [`ByteString`], `Vec<u8>` via `serde_bytes` | string, as its bytes |
//! | [`ParamValue`] | anything, as it came |
//! | a unit enum | a string naming a variant |
//! | `i8`, `i16`, `u8`, `u16`, `i128`, `u128`, `f32` | any number, if the value fits (serde's check) |
//!
//! Anything else is a [`ParamError::Mismatch`] naming the key, what the
//! field expected and what came; nothing here panics on input.
//!
//! # Bounds
//!
//! Reading allocates in proportion to the input list (indexed groups are
//! built from the indices present, never from a count or an index's
//! value), and recursion follows the target type, not the input.
//!
//! # Wire lists
//!
//! [`WireParam`] is one entry of a wire list: the remote program's
//! [`remote::TypedParam`], the admin program's [`admin::TypedParam`], and
//! the `field`/`value` records of `virNodeGetCPUStats` and
//! `virNodeGetMemoryStats` (always unsigned). [`to_wire`] and
//! [`from_wire`] work on any of them; [`to_params`]/[`from_params`] and
//! [`to_admin_params`]/[`from_admin_params`] name the common two.

use alloc::borrow::{Cow, ToOwned};
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::{self, Vec};
use core::fmt;

use libvirt_core::{admin, remote};
pub use libvirt_xdr::ByteString;
use serde::de::{self, DeserializeOwned, IntoDeserializer};
use serde::ser::{self, Impossible};
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------
// Values

/// One typed parameter's value: the seven kinds of `virTypedParameterType`.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    /// `VIR_TYPED_PARAM_INT`
    Int(i32),
    /// `VIR_TYPED_PARAM_UINT`
    UInt(u32),
    /// `VIR_TYPED_PARAM_LLONG`
    LLong(i64),
    /// `VIR_TYPED_PARAM_ULLONG`
    ULLong(u64),
    /// `VIR_TYPED_PARAM_DOUBLE`
    Double(f64),
    /// `VIR_TYPED_PARAM_BOOLEAN`: an int on the wire; any value but 0 is
    /// true, and true is sent as 1.
    Boolean(bool),
    /// `VIR_TYPED_PARAM_STRING`, as its bytes.
    String(ByteString),
}

/// The kind of a [`ParamValue`], without the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamKind {
    /// `int`
    Int,
    /// `unsigned int`
    UInt,
    /// `long long`
    LLong,
    /// `unsigned long long`
    ULLong,
    /// `double`
    Double,
    /// `boolean`
    Boolean,
    /// `string`
    String,
}

impl fmt::Display for ParamKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamKind::Int => "an int",
            ParamKind::UInt => "a uint",
            ParamKind::LLong => "an llong",
            ParamKind::ULLong => "a ullong",
            ParamKind::Double => "a double",
            ParamKind::Boolean => "a boolean",
            ParamKind::String => "a string",
        })
    }
}

impl ParamValue {
    /// Its kind.
    pub fn kind(&self) -> ParamKind {
        match self {
            ParamValue::Int(_) => ParamKind::Int,
            ParamValue::UInt(_) => ParamKind::UInt,
            ParamValue::LLong(_) => ParamKind::LLong,
            ParamValue::ULLong(_) => ParamKind::ULLong,
            ParamValue::Double(_) => ParamKind::Double,
            ParamValue::Boolean(_) => ParamKind::Boolean,
            ParamValue::String(_) => ParamKind::String,
        }
    }
}

macro_rules! value_from {
    ($($t:ty => $v:ident),* $(,)?) => {$(
        impl From<$t> for ParamValue {
            fn from(v: $t) -> ParamValue {
                ParamValue::$v(v.into())
            }
        }
    )*};
}

value_from!(
    i32 => Int, u32 => UInt, i64 => LLong, u64 => ULLong, f64 => Double, bool => Boolean,
    ByteString => String, String => String, &str => String,
);

macro_rules! wire_value {
    ($module:ident) => {
        impl From<$module::TypedParamValue> for ParamValue {
            fn from(v: $module::TypedParamValue) -> ParamValue {
                use $module::TypedParamValue as W;
                match v {
                    W::Int(v) => ParamValue::Int(v),
                    W::Uint(v) => ParamValue::UInt(v),
                    W::Llong(v) => ParamValue::LLong(v),
                    W::Ullong(v) => ParamValue::ULLong(v),
                    W::Double(v) => ParamValue::Double(v),
                    W::Boolean(v) => ParamValue::Boolean(v != 0),
                    W::String(v) => ParamValue::String(v),
                }
            }
        }

        impl From<ParamValue> for $module::TypedParamValue {
            fn from(v: ParamValue) -> $module::TypedParamValue {
                use $module::TypedParamValue as W;
                match v {
                    ParamValue::Int(v) => W::Int(v),
                    ParamValue::UInt(v) => W::Uint(v),
                    ParamValue::LLong(v) => W::Llong(v),
                    ParamValue::ULLong(v) => W::Ullong(v),
                    ParamValue::Double(v) => W::Double(v),
                    ParamValue::Boolean(v) => W::Boolean(i32::from(v)),
                    ParamValue::String(v) => W::String(v),
                }
            }
        }

        impl WireParam for $module::TypedParam {
            fn into_entry(self) -> (String, ParamValue) {
                (self.field.into_string_lossy(), self.value.into())
            }

            fn name_bytes(&self) -> &[u8] {
                self.field.as_bytes()
            }

            fn value(&self) -> ParamValue {
                self.value.clone().into()
            }

            fn from_entry(field: String, value: ParamValue) -> Result<Self, ParamError> {
                Ok($module::TypedParam {
                    field: field.into(),
                    value: value.into(),
                })
            }
        }

        impl From<Vec<$module::TypedParam>> for Params {
            fn from(list: Vec<$module::TypedParam>) -> Params {
                list.into_iter().map(WireParam::into_entry).collect()
            }
        }

        impl From<Params> for Vec<$module::TypedParam> {
            fn from(params: Params) -> Vec<$module::TypedParam> {
                params
                    .into_iter()
                    .map(|(field, value)| $module::TypedParam {
                        field: field.into(),
                        value: value.into(),
                    })
                    .collect()
            }
        }
    };
}

wire_value!(remote);
wire_value!(admin);

macro_rules! wire_stats {
    ($($t:ty),*) => {$(
        /// Always a ullong: this record's value is `unsigned hyper` on the
        /// wire.
        impl WireParam for $t {
            fn into_entry(self) -> (String, ParamValue) {
                (self.field.into_string_lossy(), ParamValue::ULLong(self.value))
            }

            fn name_bytes(&self) -> &[u8] {
                self.field.as_bytes()
            }

            fn value(&self) -> ParamValue {
                ParamValue::ULLong(self.value)
            }

            fn from_entry(field: String, value: ParamValue) -> Result<Self, ParamError> {
                match value {
                    ParamValue::ULLong(value) => Ok(Self { field: field.into(), value }),
                    ParamValue::UInt(value) => Ok(Self { field: field.into(), value: value.into() }),
                    other => Err(ParamError::Mismatch {
                        field,
                        expected: "a ullong (this list holds nothing else)",
                        found: other.kind(),
                    }),
                }
            }
        }
    )*};
}

wire_stats!(remote::NodeGetCpuStats, remote::NodeGetMemoryStats);

/// One entry of a typed parameter list on the wire.
pub trait WireParam: Sized {
    /// Its name (as text: bytes that are not UTF-8 become U+FFFD) and
    /// value.
    fn into_entry(self) -> (String, ParamValue);

    /// The entry for a name and value.
    ///
    /// # Errors
    ///
    /// A value this kind of list cannot hold.
    fn from_entry(field: String, value: ParamValue) -> Result<Self, ParamError>;

    /// Its name, as the bytes that came.
    fn name_bytes(&self) -> &[u8];

    /// A copy of its value.
    fn value(&self) -> ParamValue;
}

// ---------------------------------------------------------------------------
// The generic list

/// A typed parameter list as it is: names and values in wire order, for
/// calls without a struct of their own, and for the keys a struct does
/// not know (its `$other` field). A name may repeat, as on the wire.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(Vec<(String, ParamValue)>);

impl Params {
    /// An empty list.
    pub const fn new() -> Params {
        Params(Vec::new())
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first value named `name`.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Every value named `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ParamValue> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// Appends an entry (a name already present stays: libvirt reads some
    /// names several times).
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<ParamValue>) {
        self.0.push((name.into(), value.into()));
    }

    /// Sets `name` to `value`: replaces its first entry and drops the
    /// others, or appends one.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<ParamValue>) {
        let name = name.into();
        let value = value.into();
        match self.0.iter().position(|(n, _)| *n == name) {
            Some(i) => {
                self.0[i].1 = value;
                let mut j = 0;
                self.0.retain(|(n, _)| {
                    j += 1;
                    j - 1 <= i || *n != name
                });
            }
            None => self.0.push((name, value)),
        }
    }

    /// Removes every entry named `name`; returns the first one's value.
    pub fn remove(&mut self, name: &str) -> Option<ParamValue> {
        let first = self.0.iter().position(|(n, _)| n == name)?;
        let value = self.0[first].1.clone();
        self.0.retain(|(n, _)| n != name);
        Some(value)
    }

    /// The entries, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, (String, ParamValue)> {
        self.0.iter()
    }

    /// The entries, owned.
    pub fn into_vec(self) -> Vec<(String, ParamValue)> {
        self.0
    }
}

impl From<Vec<(String, ParamValue)>> for Params {
    fn from(v: Vec<(String, ParamValue)>) -> Params {
        Params(v)
    }
}

impl<K: Into<String>, V: Into<ParamValue>> FromIterator<(K, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Params {
        Params(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl<K: Into<String>, V: Into<ParamValue>> Extend<(K, V)> for Params {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.0
            .extend(iter.into_iter().map(|(k, v)| (k.into(), v.into())));
    }
}

impl IntoIterator for Params {
    type Item = (String, ParamValue);
    type IntoIter = vec::IntoIter<(String, ParamValue)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Params {
    type Item = &'a (String, ParamValue);
    type IntoIter = core::slice::Iter<'a, (String, ParamValue)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for ParamValue {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ParamValue::Int(v) => s.serialize_i32(*v),
            ParamValue::UInt(v) => s.serialize_u32(*v),
            ParamValue::LLong(v) => s.serialize_i64(*v),
            ParamValue::ULLong(v) => s.serialize_u64(*v),
            ParamValue::Double(v) => s.serialize_f64(*v),
            ParamValue::Boolean(v) => s.serialize_bool(*v),
            ParamValue::String(v) => v.serialize(s),
        }
    }
}

/// Reads any value as the kind it came as: an `i32` is an int, a `u32` a
/// uint, an `i64` an llong, and so on (from a format that only knows
/// 64-bit numbers, such as JSON, numbers are llongs, ullongs or doubles).
impl<'de> Deserialize<'de> for ParamValue {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<ParamValue, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> de::Visitor<'de> for ValueVisitor {
    type Value = ParamValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a typed parameter value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<ParamValue, E> {
        Ok(ParamValue::Boolean(v))
    }
    fn visit_i8<E>(self, v: i8) -> Result<ParamValue, E> {
        Ok(ParamValue::Int(v.into()))
    }
    fn visit_i16<E>(self, v: i16) -> Result<ParamValue, E> {
        Ok(ParamValue::Int(v.into()))
    }
    fn visit_i32<E>(self, v: i32) -> Result<ParamValue, E> {
        Ok(ParamValue::Int(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<ParamValue, E> {
        Ok(ParamValue::LLong(v))
    }
    fn visit_u8<E>(self, v: u8) -> Result<ParamValue, E> {
        Ok(ParamValue::UInt(v.into()))
    }
    fn visit_u16<E>(self, v: u16) -> Result<ParamValue, E> {
        Ok(ParamValue::UInt(v.into()))
    }
    fn visit_u32<E>(self, v: u32) -> Result<ParamValue, E> {
        Ok(ParamValue::UInt(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<ParamValue, E> {
        Ok(ParamValue::ULLong(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<ParamValue, E> {
        Ok(ParamValue::Double(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<ParamValue, E> {
        Ok(ParamValue::String(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<ParamValue, E> {
        Ok(ParamValue::String(v.into()))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<ParamValue, E> {
        Ok(ParamValue::String(v.into()))
    }
    fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<ParamValue, E> {
        Ok(ParamValue::String(v.into()))
    }
}

/// A map from name to value, in order (a name may repeat).
impl Serialize for Params {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Params, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Params;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of typed parameters")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Params, A::Error> {
                // Bounded by what the input holds, not by its size hint.
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, ParamValue>()? {
                    out.push(entry);
                }
                Ok(Params(out))
            }
        }
        d.deserialize_map(V)
    }
}

// ---------------------------------------------------------------------------
// Errors

/// A typed parameter list that does not fit a struct, or a struct that has
/// no typed-parameter form. `field` is the full key (`block.0.rd.reqs`),
/// or empty for the list as a whole.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ParamError {
    /// A value of a kind the field does not take.
    #[error("typed parameter `{field}`: expected {expected}, found {found}")]
    Mismatch {
        /// The key.
        field: String,
        /// What the field takes.
        expected: &'static str,
        /// What came.
        found: ParamKind,
    },
    /// Keys under a prefix (`balloon.current`) where the field takes one
    /// value.
    #[error(
        "typed parameter `{field}`: expected {expected}, found a group of keys under `{field}.`"
    )]
    Group {
        /// The field's name, without its trailing dot.
        field: String,
        /// What the field takes.
        expected: &'static str,
    },
    /// One value where the field takes a group (a struct, list or map);
    /// such a field's name ends in `.`.
    #[error("typed parameter `{field}`: expected a group of keys, found {found}")]
    NotAGroup {
        /// The key.
        field: String,
        /// What came.
        found: ParamKind,
    },
    /// A key that came several times, for a field that takes one value.
    #[error("typed parameter `{field}`: {count} values for a field that takes one")]
    Repeated {
        /// The key.
        field: String,
        /// How many values came.
        count: usize,
    },
    /// Sending: a Rust value with no typed-parameter form.
    #[error("typed parameter `{field}`: {what}")]
    Unsupported {
        /// Where.
        field: String,
        /// What cannot be sent.
        what: &'static str,
    },
    /// What serde itself reports: a missing required field, an unknown
    /// one refused, a value out of a small integer's range, an unknown
    /// enum variant...
    #[error("typed parameter `{field}`: {message}")]
    Message {
        /// The key, or empty.
        field: String,
        /// serde's message.
        message: String,
    },
}

impl ParamError {
    /// The key it concerns (empty for the list as a whole).
    pub fn field(&self) -> &str {
        match self {
            ParamError::Mismatch { field, .. }
            | ParamError::Group { field, .. }
            | ParamError::NotAGroup { field, .. }
            | ParamError::Repeated { field, .. }
            | ParamError::Unsupported { field, .. }
            | ParamError::Message { field, .. } => field,
        }
    }

    fn field_mut(&mut self) -> &mut String {
        match self {
            ParamError::Mismatch { field, .. }
            | ParamError::Group { field, .. }
            | ParamError::NotAGroup { field, .. }
            | ParamError::Repeated { field, .. }
            | ParamError::Unsupported { field, .. }
            | ParamError::Message { field, .. } => field,
        }
    }

    /// The same error, one level up: `name` is the key or group prefix
    /// (`block.`, `0.`) it was found under.
    fn under(mut self, name: &str) -> ParamError {
        let field = self.field_mut();
        *field = if field.is_empty() {
            name.trim_end_matches('.').to_owned()
        } else if name.ends_with('.') {
            format!("{name}{field}")
        } else {
            format!("{name}.{field}")
        };
        self
    }

    fn unsupported(field: &str, what: &'static str) -> ParamError {
        ParamError::Unsupported {
            field: field.trim_end_matches('.').to_owned(),
            what,
        }
    }
}

impl de::Error for ParamError {
    fn custom<T: fmt::Display>(msg: T) -> ParamError {
        ParamError::Message {
            field: String::new(),
            message: msg.to_string(),
        }
    }

    fn missing_field(field: &'static str) -> ParamError {
        ParamError::Message {
            field: field.to_owned(),
            message: "required, and absent".to_owned(),
        }
    }
}

impl ser::Error for ParamError {
    fn custom<T: fmt::Display>(msg: T) -> ParamError {
        ParamError::Message {
            field: String::new(),
            message: msg.to_string(),
        }
    }
}

// ---------------------------------------------------------------------------
// Entry points

/// Reads a remote typed parameter list into `T`.
///
/// # Errors
///
/// The list does not fit `T` ([`ParamError`]).
pub fn from_params<T: DeserializeOwned>(params: Vec<remote::TypedParam>) -> Result<T, ParamError> {
    from_wire(params)
}

/// Turns `value` into a remote typed parameter list.
///
/// # Errors
///
/// `value` has no typed-parameter form ([`ParamError::Unsupported`]).
pub fn to_params<T: Serialize + ?Sized>(value: &T) -> Result<Vec<remote::TypedParam>, ParamError> {
    to_wire(value)
}

/// Reads an admin typed parameter list into `T`.
///
/// # Errors
///
/// The list does not fit `T` ([`ParamError`]).
pub fn from_admin_params<T: DeserializeOwned>(
    params: Vec<admin::TypedParam>,
) -> Result<T, ParamError> {
    from_wire(params)
}

/// Turns `value` into an admin typed parameter list.
///
/// # Errors
///
/// `value` has no typed-parameter form ([`ParamError::Unsupported`]).
pub fn to_admin_params<T: Serialize + ?Sized>(
    value: &T,
) -> Result<Vec<admin::TypedParam>, ParamError> {
    to_wire(value)
}

/// Reads any wire list ([`WireParam`]) into `T`.
///
/// # Errors
///
/// The list does not fit `T` ([`ParamError`]).
pub fn from_wire<T: DeserializeOwned, P: WireParam>(params: Vec<P>) -> Result<T, ParamError> {
    from_entries(params.into_iter().map(WireParam::into_entry).collect())
}

/// Turns `value` into any wire list ([`WireParam`]).
///
/// # Errors
///
/// `value` has no typed-parameter form, or a value the list cannot hold.
pub fn to_wire<T: Serialize + ?Sized, P: WireParam>(value: &T) -> Result<Vec<P>, ParamError> {
    to_entries(value)?
        .into_iter()
        .map(|(k, v)| P::from_entry(k, v))
        .collect()
}

/// Reads names and values into `T`.
///
/// # Errors
///
/// The list does not fit `T` ([`ParamError`]).
pub fn from_entries<T: DeserializeOwned>(
    entries: Vec<(String, ParamValue)>,
) -> Result<T, ParamError> {
    T::deserialize(GroupDe {
        entries,
        index: None,
        sink: None,
    })
}

/// Turns `value` into names and values, in field order.
///
/// # Errors
///
/// `value` has no typed-parameter form ([`ParamError::Unsupported`]).
pub fn to_entries<T: Serialize + ?Sized>(
    value: &T,
) -> Result<Vec<(String, ParamValue)>, ParamError> {
    let mut out = Vec::new();
    value.serialize(GroupSer {
        out: &mut out,
        prefix: String::new(),
        index: None,
    })?;
    Ok(out)
}

/// For fields libvirt documents as "a uint, or a ullong since version X"
/// (IOThread polling): reads either into a `u64`, and sends a uint when
/// the value fits, so older daemons accept it. Use it on an `Option<u64>`
/// field with `#[serde(with = "...", default)]`.
pub mod uint_or_ullong {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Sends a uint when the value fits one, else a ullong.
    ///
    /// # Errors
    ///
    /// The serializer's.
    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match *v {
            None => s.serialize_none(),
            Some(v) => match u32::try_from(v) {
                Ok(small) => s.serialize_some(&small),
                Err(_) => s.serialize_some(&v),
            },
        }
    }

    /// Reads a uint or a ullong.
    ///
    /// # Errors
    ///
    /// Anything else.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        Option::<u64>::deserialize(d)
    }
}

// ---------------------------------------------------------------------------
// The parameter sets of libvirt's headers, generated from its API
// description by `libvirt_codegen::params`.

include!(concat!(env!("OUT_DIR"), "/params.rs"));

// ---------------------------------------------------------------------------
// Reading a generated set directly

/// A parameter set that reads a wire list key by key, straight into its
/// fields: every set generated from libvirt's headers, and [`Params`].
///
/// [`read_set`] reads with it. The result is the one [`from_params`]
/// gives; what differs is the cost: no serde visitors, no routing tables
/// built per list, no copy of the names. The typed methods read their
/// sets this way.
pub trait ParamSet: Default {
    /// Takes one key, relative to this level, and its value. `Err` means
    /// "not the simple case" (a type mismatch, a repeated single key, an
    /// index-less key under a list's prefix), and [`read_set`] then reads
    /// the whole list through serde, which reports or handles it.
    #[doc(hidden)]
    fn read_key(&mut self, key: &[u8], value: ParamValue) -> Result<(), NotSimple>;
}

/// What [`ParamSet::read_key`] returns when a list needs serde's reading.
#[doc(hidden)]
#[derive(Debug)]
pub struct NotSimple;

impl ParamSet for Params {
    fn read_key(&mut self, key: &[u8], value: ParamValue) -> Result<(), NotSimple> {
        read::keep(self, key, value);
        Ok(())
    }
}

/// Reads a wire list into a parameter set: what [`from_wire`] gives, read
/// without serde when every key is simple (see [`ParamSet`]).
///
/// # Errors
///
/// The list does not fit `T` ([`ParamError`]).
pub fn read_set<T: ParamSet + DeserializeOwned, P: WireParam>(
    params: Vec<P>,
) -> Result<T, ParamError> {
    let mut out = T::default();
    read_set_into(&mut out, params)?;
    Ok(out)
}

/// [`read_set`] into a set that is already in place (a large record in
/// its list), which must be empty ([`Default`]): no copy of it is made.
///
/// # Errors
///
/// The list does not fit `T` ([`ParamError`]); `out` is then unspecified.
pub fn read_set_into<T: ParamSet + DeserializeOwned, P: WireParam>(
    out: &mut T,
    params: Vec<P>,
) -> Result<(), ParamError> {
    if !read_simple(out, &params) {
        *out = from_wire(params)?;
    }
    Ok(())
}

/// Reads every key of `params` into `out`; false at the first that is not
/// simple (`out` is then half read).
fn read_simple<T: ParamSet, P: WireParam>(out: &mut T, params: &[P]) -> bool {
    params
        .iter()
        .all(|p| out.read_key(p.name_bytes(), p.value()).is_ok())
}

/// [`read_set`] for a list that stays where it is (an event's parameters):
/// only the values that are strings are copied, and the list only when
/// serde has to read it.
///
/// # Errors
///
/// The list does not fit `T` ([`ParamError`]).
pub fn read_set_ref<T: ParamSet + DeserializeOwned, P: WireParam + Clone>(
    params: &[P],
) -> Result<T, ParamError> {
    let mut out = T::default();
    if read_simple(&mut out, params) {
        Ok(out)
    } else {
        from_wire(params.to_vec())
    }
}

/// The pieces the generated [`ParamSet`] implementations are made of.
#[doc(hidden)]
pub mod read {
    use super::{NotSimple, ParamSet, ParamValue, Params, split_index};
    use alloc::string::String;
    use alloc::vec::Vec;

    /// A field's Rust type, from the wire values it takes: its own, and a
    /// narrower one whose every value fits (as serde's reading does).
    pub trait Value: Sized {
        /// The value, or `None` for another kind.
        fn take(value: ParamValue) -> Option<Self>;
    }

    macro_rules! value {
        ($($t:ty => $($v:ident)|+;)*) => {$(
            impl Value for $t {
                fn take(value: ParamValue) -> Option<$t> {
                    match value {
                        $(ParamValue::$v(x) => Some(x.into()),)+
                        _ => None,
                    }
                }
            }
        )*};
    }

    value! {
        i32 => Int;
        u32 => UInt;
        i64 => LLong | Int | UInt;
        u64 => ULLong | UInt;
        f64 => Double | Int | UInt;
        bool => Boolean;
    }

    impl Value for String {
        fn take(value: ParamValue) -> Option<String> {
            match value {
                ParamValue::String(s) => Some(s.into_string_lossy()),
                _ => None,
            }
        }
    }

    /// An indexed group's element: it knows its index.
    pub trait Element: ParamSet {
        /// Its index.
        fn index(&self) -> Option<u32>;
        /// A new element at `index`.
        fn at(index: u32) -> Self;
    }

    /// A single-valued field.
    #[inline]
    pub fn one<T: Value>(slot: &mut Option<T>, value: ParamValue) -> Result<(), NotSimple> {
        if slot.is_some() {
            return Err(NotSimple);
        }
        *slot = Some(T::take(value).ok_or(NotSimple)?);
        Ok(())
    }

    /// A repeated key's field: every value.
    #[inline]
    pub fn many<T: Value>(slot: &mut Vec<T>, value: ParamValue) -> Result<(), NotSimple> {
        slot.push(T::take(value).ok_or(NotSimple)?);
        Ok(())
    }

    /// The rest of `key` under `prefix` (which ends in `.`), if anything
    /// follows it.
    #[inline]
    pub fn under<'k>(key: &'k [u8], prefix: &[u8]) -> Option<&'k [u8]> {
        match key.strip_prefix(prefix) {
            Some(rest) if !rest.is_empty() => Some(rest),
            _ => None,
        }
    }

    /// A key of an indexed group, prefix removed (`0.rd.reqs`).
    pub fn element<E: Element>(
        list: &mut Vec<E>,
        key: &[u8],
        value: ParamValue,
    ) -> Result<(), NotSimple> {
        let (index, rest) = split_index(key).ok_or(NotSimple)?;
        // Keys usually come element by element, in index order.
        let at = match list.last().map(E::index) {
            Some(last) if last == Some(index) => list.len() - 1,
            Some(last) if last > Some(index) => {
                match list.binary_search_by_key(&Some(index), E::index) {
                    Ok(at) => at,
                    Err(at) => {
                        list.insert(at, E::at(index));
                        at
                    }
                }
            }
            _ => {
                list.push(E::at(index));
                list.len() - 1
            }
        };
        list[at].read_key(rest, value)
    }

    /// A key kept as it came (a map field, or `$other`).
    #[inline]
    pub fn keep(map: &mut Params, key: &[u8], value: ParamValue) {
        map.0
            .push((String::from_utf8_lossy(key).into_owned(), value));
    }
}

// ---------------------------------------------------------------------------
// Reading

type Entry = (String, ParamValue);

/// Where the keys under a list's prefix that are no element's go: the
/// unknown keys of the struct holding the list, named from its level.
struct Sink<'s> {
    out: &'s mut Vec<Entry>,
    prefix: Cow<'static, str>,
}

/// The keys of one level: the whole list, a group's keys with its prefix
/// removed, or a list element's.
struct GroupDe<'s> {
    entries: Vec<Entry>,
    /// The element's index, when this is a list element.
    index: Option<u32>,
    /// `None` at the top level.
    sink: Option<Sink<'s>>,
}

/// `17.rest` as (17, "rest"): a canonical decimal `u32`, a dot and at
/// least one more byte.
fn split_index(key: &[u8]) -> Option<(u32, &[u8])> {
    let dot = key.iter().position(|&b| b == b'.')?;
    let (digits, rest) = (&key[..dot], &key[dot + 1..]);
    if rest.is_empty()
        || digits.is_empty()
        || !digits.iter().all(u8::is_ascii_digit)
        || (digits.len() > 1 && digits[0] == b'0')
    {
        return None;
    }
    let mut index: u32 = 0;
    for &d in digits {
        index = index.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
    }
    Some((index, rest))
}

macro_rules! group_scalars {
    ($($method:ident => $expected:literal),* $(,)?) => {$(
        fn $method<V: de::Visitor<'de>>(self, _v: V) -> Result<V::Value, ParamError> {
            Err(ParamError::Group { field: String::new(), expected: $expected })
        }
    )*};
}

impl<'de> de::Deserializer<'de> for GroupDe<'_> {
    type Error = ParamError;

    fn deserialize_any<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        self.deserialize_map(v)
    }

    fn deserialize_map<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        v.visit_map(FlatMap {
            entries: self.entries.into_iter(),
            pending: None,
        })
    }

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ParamError> {
        v.visit_map(StructAccess::new(self.entries, fields, self.index))
    }

    fn deserialize_seq<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        let Some(sink) = self.sink else {
            return Err(ParamError::unsupported(
                "",
                "a list at the top level: indexed groups are fields named with a trailing '.'",
            ));
        };
        let mut groups: BTreeMap<u32, Vec<Entry>> = BTreeMap::new();
        for (key, value) in self.entries {
            match split_index(key.as_bytes()) {
                // The index and its dot are ASCII: the rest starts on a
                // character boundary.
                Some((i, rest)) => groups
                    .entry(i)
                    .or_default()
                    .push((key[key.len() - rest.len()..].to_owned(), value)),
                None => sink.out.push((format!("{}{key}", sink.prefix), value)),
            }
        }
        v.visit_seq(IndexedSeq {
            groups: groups.into_iter(),
            sink,
        })
    }

    fn deserialize_tuple<V: de::Visitor<'de>>(
        self,
        _len: usize,
        v: V,
    ) -> Result<V::Value, ParamError> {
        self.deserialize_seq(v)
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        v.visit_some(self)
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, ParamError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_unit<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        v.visit_unit()
    }

    fn deserialize_unit_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, ParamError> {
        v.visit_unit()
    }

    fn deserialize_ignored_any<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        v.visit_unit()
    }

    fn deserialize_tuple_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value, ParamError> {
        self.deserialize_seq(v)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _v: V,
    ) -> Result<V::Value, ParamError> {
        Err(ParamError::Group {
            field: String::new(),
            expected: "an enum",
        })
    }

    group_scalars!(
        deserialize_bool => "a boolean",
        deserialize_i8 => "a number",
        deserialize_i16 => "a number",
        deserialize_i32 => "an int",
        deserialize_i64 => "an llong",
        deserialize_i128 => "a number",
        deserialize_u8 => "a number",
        deserialize_u16 => "a number",
        deserialize_u32 => "a uint",
        deserialize_u64 => "a ullong",
        deserialize_u128 => "a number",
        deserialize_f32 => "a double",
        deserialize_f64 => "a double",
        deserialize_char => "a string",
        deserialize_str => "a string",
        deserialize_string => "a string",
        deserialize_bytes => "a string",
        deserialize_byte_buf => "a string",
        deserialize_identifier => "a string",
    );
}

/// The elements of an indexed group, in index order.
struct IndexedSeq<'s> {
    groups: alloc::collections::btree_map::IntoIter<u32, Vec<Entry>>,
    sink: Sink<'s>,
}

impl<'de> de::SeqAccess<'de> for IndexedSeq<'_> {
    type Error = ParamError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ParamError> {
        let Some((i, entries)) = self.groups.next() else {
            return Ok(None);
        };
        let prefix = format!("{i}.");
        let element = GroupDe {
            entries,
            index: Some(i),
            sink: Some(Sink {
                out: &mut *self.sink.out,
                prefix: Cow::Owned(format!("{}{prefix}", self.sink.prefix)),
            }),
        };
        seed.deserialize(element)
            .map(Some)
            .map_err(|e| e.under(&prefix))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.groups.len())
    }
}

/// Every key of a level as it is: maps (`$other`, [`Params`], `vm.`).
struct FlatMap {
    entries: vec::IntoIter<Entry>,
    pending: Option<Entry>,
}

impl<'de> de::MapAccess<'de> for FlatMap {
    type Error = ParamError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ParamError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let k = seed
            .deserialize(key.as_str().into_deserializer())
            .map_err(|e: ParamError| e.under(&key))?;
        self.pending = Some((key, value));
        Ok(Some(k))
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ParamError> {
        let (key, value) = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("a value asked for before its key"))?;
        seed.deserialize(ValueDe::one(value))
            .map_err(|e| e.under(&key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The keys a struct's field takes; made when its first key comes.
enum Slot {
    /// A plain field: the value of its key, and the values after the
    /// first if the key repeats.
    Exact {
        name: &'static str,
        first: ParamValue,
        rest: Vec<ParamValue>,
    },
    /// A group field (`block.`): its keys, prefix removed.
    Prefix {
        name: &'static str,
        entries: Vec<Entry>,
    },
}

enum Pending {
    Index(u32),
    Slot(Slot),
    Unknown(Entry),
    Other,
}

/// A struct's level: its fields' keys routed to them, the rest kept.
struct StructAccess {
    fields: &'static [&'static str],
    index: Option<u32>,
    /// The fields that have keys, in field order, with their positions.
    slots: vec::IntoIter<(usize, Slot)>,
    /// Keys no field took (and, once the groups are read, the keys under a
    /// list's prefix that no element took).
    unknown: Vec<Entry>,
    has_other: bool,
    other_done: bool,
    unknown_iter: Option<vec::IntoIter<Entry>>,
    pending: Option<Pending>,
}

/// The field of `fields` that takes `key`: an exact name wins, else the
/// longest group prefix (`cpu.cache.monitor.` before `cpu.`).
fn route(fields: &'static [&'static str], key: &str) -> Option<usize> {
    let first = *key.as_bytes().first()?;
    let mut best: Option<(usize, usize)> = None;
    for (i, name) in fields.iter().enumerate() {
        // A cheap test first: most names differ in their first byte.
        if name.as_bytes().first() != Some(&first) {
            continue;
        }
        if name.ends_with('.') {
            if key.len() > name.len()
                && key.starts_with(name)
                && best.is_none_or(|(_, len)| name.len() > len)
            {
                best = Some((i, name.len()));
            }
        } else if *name == key {
            return Some(i);
        }
    }
    best.map(|(i, _)| i)
}

impl StructAccess {
    fn new(entries: Vec<Entry>, fields: &'static [&'static str], index: Option<u32>) -> Self {
        // Only the fields that get keys have a slot, kept in field order
        // (a struct has a few dozen fields, a record often a few keys): no
        // allocation per field, none per plain value, none per key.
        let mut slots: Vec<(usize, Slot)> = Vec::new();
        let mut unknown = Vec::new();
        for (mut key, value) in entries {
            // A key spelled `$index` or `$other` reaches no field.
            let Some(field) = route(fields, &key).filter(|&i| !fields[i].starts_with('$')) else {
                unknown.push((key, value));
                continue;
            };
            let at = slots.partition_point(|(i, _)| *i < field);
            match slots.get_mut(at) {
                Some((i, Slot::Exact { rest, .. })) if *i == field => rest.push(value),
                Some((i, Slot::Prefix { name, entries })) if *i == field => {
                    key.drain(..name.len());
                    entries.push((key, value));
                }
                _ => {
                    let name = fields[field];
                    let slot = if name.ends_with('.') {
                        key.drain(..name.len());
                        // Room for the group's next keys: they usually come.
                        let mut entries = Vec::with_capacity(4);
                        entries.push((key, value));
                        Slot::Prefix { name, entries }
                    } else {
                        Slot::Exact {
                            name,
                            first: value,
                            rest: Vec::new(),
                        }
                    };
                    slots.insert(at, (field, slot));
                }
            }
        }
        let (mut has_index, mut has_other) = (false, false);
        for name in fields.iter().filter(|n| n.starts_with('$')) {
            has_index |= *name == "$index";
            has_other |= *name == "$other";
        }
        StructAccess {
            fields,
            index: index.filter(|_| has_index),
            slots: slots.into_iter(),
            unknown,
            has_other,
            other_done: false,
            unknown_iter: None,
            pending: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for StructAccess {
    type Error = ParamError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ParamError> {
        let (pending, key): (Pending, Cow<'static, str>) = if let Some(i) = self.index.take() {
            (Pending::Index(i), Cow::Borrowed("$index"))
        } else if let Some((_, slot)) = self.slots.next() {
            let name = match &slot {
                Slot::Exact { name, .. } | Slot::Prefix { name, .. } => *name,
            };
            (Pending::Slot(slot), Cow::Borrowed(name))
        } else if self.has_other {
            if self.other_done || self.unknown.is_empty() {
                return Ok(None);
            }
            self.other_done = true;
            (Pending::Other, Cow::Borrowed("$other"))
        } else {
            let iter = self
                .unknown_iter
                .get_or_insert_with(|| core::mem::take(&mut self.unknown).into_iter());
            // A key that is spelled like one of the struct's own names
            // (`block.`, `$index`) but reached no field is dropped, not
            // handed to serde as that field.
            let fields = self.fields;
            match iter.find(|(key, _)| !fields.contains(&key.as_str())) {
                Some((key, value)) => {
                    let k = Cow::Owned(key.clone());
                    (Pending::Unknown((key, value)), k)
                }
                None => return Ok(None),
            }
        };
        let k = seed
            .deserialize(key.as_ref().into_deserializer())
            .map_err(|e: ParamError| e.under(&key))?;
        self.pending = Some(pending);
        Ok(Some(k))
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ParamError> {
        match self.pending.take() {
            Some(Pending::Index(i)) => seed
                .deserialize(ValueDe::one(ParamValue::UInt(i)))
                .map_err(|e| e.under("$index")),
            Some(Pending::Slot(Slot::Exact { name, first, rest })) => seed
                .deserialize(ValueDe { first, rest })
                .map_err(|e| e.under(name)),
            Some(Pending::Slot(Slot::Prefix { name, entries })) => seed
                .deserialize(GroupDe {
                    entries,
                    index: None,
                    sink: Some(Sink {
                        out: &mut self.unknown,
                        prefix: Cow::Borrowed(name),
                    }),
                })
                .map_err(|e| e.under(name)),
            Some(Pending::Unknown((key, value))) => seed
                .deserialize(ValueDe::one(value))
                .map_err(|e| e.under(&key)),
            Some(Pending::Other) => seed.deserialize(GroupDe {
                entries: core::mem::take(&mut self.unknown),
                index: None,
                sink: None,
            }),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }
}

/// The value (or values, for a repeated key) of one key.
struct ValueDe {
    first: ParamValue,
    /// The values after the first, for a repeated key.
    rest: Vec<ParamValue>,
}

impl ValueDe {
    fn one(value: ParamValue) -> ValueDe {
        ValueDe {
            first: value,
            rest: Vec::new(),
        }
    }

    fn single(self) -> Result<ParamValue, ParamError> {
        if self.rest.is_empty() {
            return Ok(self.first);
        }
        Err(ParamError::Repeated {
            field: String::new(),
            count: self.rest.len() + 1,
        })
    }
}

fn mismatch(expected: &'static str, found: &ParamValue) -> ParamError {
    ParamError::Mismatch {
        field: String::new(),
        expected,
        found: found.kind(),
    }
}

fn visit_value<'de, V: de::Visitor<'de>>(value: ParamValue, v: V) -> Result<V::Value, ParamError> {
    match value {
        ParamValue::Int(x) => v.visit_i32(x),
        ParamValue::UInt(x) => v.visit_u32(x),
        ParamValue::LLong(x) => v.visit_i64(x),
        ParamValue::ULLong(x) => v.visit_u64(x),
        ParamValue::Double(x) => v.visit_f64(x),
        ParamValue::Boolean(x) => v.visit_bool(x),
        ParamValue::String(s) => match s.into_string() {
            Ok(s) => v.visit_string(s),
            Err(e) => v.visit_byte_buf(e.into_bytes()),
        },
    }
}

/// Small and wide types: any number, as it came; serde checks the range.
macro_rules! value_any_number {
    ($($method:ident),*) => {$(
        fn $method<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
            match self.single()? {
                value @ (ParamValue::String(_) | ParamValue::Boolean(_)) => {
                    Err(mismatch("a number", &value))
                }
                value => visit_value(value, v),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for ValueDe {
    type Error = ParamError;

    fn deserialize_any<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        visit_value(self.single()?, v)
    }

    fn deserialize_bool<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::Boolean(b) => v.visit_bool(b),
            other => Err(mismatch("a boolean", &other)),
        }
    }

    fn deserialize_i32<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::Int(x) => v.visit_i32(x),
            other => Err(mismatch("an int", &other)),
        }
    }

    fn deserialize_u32<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::UInt(x) => v.visit_u32(x),
            other => Err(mismatch("a uint", &other)),
        }
    }

    fn deserialize_i64<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::LLong(x) => v.visit_i64(x),
            ParamValue::Int(x) => v.visit_i64(x.into()),
            ParamValue::UInt(x) => v.visit_i64(x.into()),
            other => Err(mismatch("an llong (or an int or uint)", &other)),
        }
    }

    fn deserialize_u64<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::ULLong(x) => v.visit_u64(x),
            ParamValue::UInt(x) => v.visit_u64(x.into()),
            other => Err(mismatch("a ullong (or a uint)", &other)),
        }
    }

    fn deserialize_f64<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::Double(x) => v.visit_f64(x),
            ParamValue::Int(x) => v.visit_f64(x.into()),
            ParamValue::UInt(x) => v.visit_f64(x.into()),
            other => Err(mismatch("a double (or an int or uint)", &other)),
        }
    }

    value_any_number!(
        deserialize_i8,
        deserialize_i16,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u128,
        deserialize_f32
    );

    fn deserialize_char<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        self.deserialize_string(v)
    }

    fn deserialize_str<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        self.deserialize_string(v)
    }

    fn deserialize_string<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::String(s) => v.visit_string(s.into_string_lossy()),
            other => Err(mismatch("a string", &other)),
        }
    }

    fn deserialize_bytes<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        self.deserialize_byte_buf(v)
    }

    fn deserialize_byte_buf<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::String(s) => v.visit_byte_buf(s.into_bytes()),
            other => Err(mismatch("a string", &other)),
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        v.visit_some(self)
    }

    fn deserialize_unit<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        let _ = v;
        Err(mismatch("nothing (a unit)", &self.single()?))
    }

    fn deserialize_unit_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, ParamError> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, ParamError> {
        v.visit_newtype_struct(self)
    }

    /// A repeated key: every value, in order.
    fn deserialize_seq<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        v.visit_seq(de::value::SeqDeserializer::new(
            core::iter::once(self.first)
                .chain(self.rest)
                .map(ValueDe::one),
        ))
    }

    fn deserialize_tuple<V: de::Visitor<'de>>(
        self,
        _len: usize,
        v: V,
    ) -> Result<V::Value, ParamError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value, ParamError> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: de::Visitor<'de>>(self, _v: V) -> Result<V::Value, ParamError> {
        let value = self.single()?;
        Err(ParamError::NotAGroup {
            field: String::new(),
            found: value.kind(),
        })
    }

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ParamError> {
        self.deserialize_map(v)
    }

    /// A string naming a unit variant.
    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ParamError> {
        match self.single()? {
            ParamValue::String(s) => {
                let s: de::value::StringDeserializer<ParamError> =
                    s.into_string_lossy().into_deserializer();
                v.visit_enum(s)
            }
            other => Err(mismatch("a string naming a variant", &other)),
        }
    }

    fn deserialize_identifier<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        self.deserialize_string(v)
    }

    fn deserialize_ignored_any<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, ParamError> {
        v.visit_unit()
    }
}

impl<'de> IntoDeserializer<'de, ParamError> for ValueDe {
    type Deserializer = ValueDe;

    fn into_deserializer(self) -> ValueDe {
        self
    }
}

// ---------------------------------------------------------------------------
// Writing

/// A group position: the top level, a group field (`block.`), a list
/// element, `$other`. Takes a struct, a map or a list.
struct GroupSer<'a> {
    out: &'a mut Vec<Entry>,
    /// Empty, or ends with `.`.
    prefix: String,
    /// For a list element: where its `$index` field goes.
    index: Option<&'a mut Option<u32>>,
}

impl GroupSer<'_> {
    fn not_a_group(&self) -> ParamError {
        ParamError::unsupported(
            &self.prefix,
            "a single value where a group belongs (a field named with a trailing '.' holds a struct, a list or a map)",
        )
    }
}

macro_rules! group_ser_scalars {
    ($($method:ident($t:ty)),* $(,)?) => {$(
        fn $method(self, _v: $t) -> Result<(), ParamError> {
            Err(self.not_a_group())
        }
    )*};
}

impl<'a> ser::Serializer for GroupSer<'a> {
    type Ok = ();
    type Error = ParamError;
    type SerializeSeq = ListSer<'a>;
    type SerializeTuple = ListSer<'a>;
    type SerializeTupleStruct = Impossible<(), ParamError>;
    type SerializeTupleVariant = Impossible<(), ParamError>;
    type SerializeMap = MapSer<'a>;
    type SerializeStruct = StructSer<'a>;
    type SerializeStructVariant = Impossible<(), ParamError>;

    group_ser_scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
    );

    fn serialize_none(self) -> Result<(), ParamError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), ParamError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), ParamError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), ParamError> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<(), ParamError> {
        Err(self.not_a_group())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), ParamError> {
        Err(ParamError::unsupported(
            &self.prefix,
            "an enum variant with data",
        ))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<ListSer<'a>, ParamError> {
        if self.prefix.is_empty() {
            return Err(ParamError::unsupported(
                "",
                "a list at the top level: indexed groups are fields named with a trailing '.'",
            ));
        }
        Ok(ListSer {
            out: self.out,
            prefix: self.prefix,
            position: 0,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<ListSer<'a>, ParamError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(ParamError::unsupported(&self.prefix, "a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(ParamError::unsupported(
            &self.prefix,
            "an enum variant with data",
        ))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<MapSer<'a>, ParamError> {
        Ok(MapSer {
            out: self.out,
            prefix: self.prefix,
            key: None,
        })
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<StructSer<'a>, ParamError> {
        Ok(StructSer {
            out: self.out,
            prefix: self.prefix,
            index: self.index,
        })
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(ParamError::unsupported(
            &self.prefix,
            "an enum variant with data",
        ))
    }
}

/// A struct's fields as keys.
struct StructSer<'a> {
    out: &'a mut Vec<Entry>,
    prefix: String,
    index: Option<&'a mut Option<u32>>,
}

impl ser::SerializeStruct for StructSer<'_> {
    type Ok = ();
    type Error = ParamError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        match key {
            "$other" => value.serialize(GroupSer {
                out: &mut *self.out,
                prefix: self.prefix.clone(),
                index: None,
            }),
            "$index" => {
                let index = value
                    .serialize(IndexSer)
                    .map_err(|e| e.under(&format!("{}$index", self.prefix)))?;
                if let (Some(slot), Some(i)) = (self.index.as_deref_mut(), index) {
                    *slot = Some(i);
                }
                Ok(())
            }
            k if k.ends_with('.') => value.serialize(GroupSer {
                out: &mut *self.out,
                prefix: format!("{}{k}", self.prefix),
                index: None,
            }),
            k => value.serialize(ValueSer {
                out: &mut *self.out,
                key: format!("{}{k}", self.prefix),
            }),
        }
    }

    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

/// A map's entries as keys, under the group's prefix.
struct MapSer<'a> {
    out: &'a mut Vec<Entry>,
    prefix: String,
    key: Option<String>,
}

impl ser::SerializeMap for MapSer<'_> {
    type Ok = ();
    type Error = ParamError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ParamError> {
        self.key = Some(key.serialize(KeySer)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        let key = self.key.take().unwrap_or_default();
        value.serialize(ValueSer {
            out: &mut *self.out,
            key: format!("{}{key}", self.prefix),
        })
    }

    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

/// An indexed group's elements: `<prefix><index>.<key>`.
struct ListSer<'a> {
    out: &'a mut Vec<Entry>,
    prefix: String,
    position: u32,
}

impl ser::SerializeSeq for ListSer<'_> {
    type Ok = ();
    type Error = ParamError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        let mut element = Vec::new();
        let mut index = None;
        let position = self.position;
        self.position = self.position.saturating_add(1);
        value
            .serialize(GroupSer {
                out: &mut element,
                prefix: String::new(),
                index: Some(&mut index),
            })
            .map_err(|e| e.under(&format!("{}{position}.", self.prefix)))?;
        let i = index.unwrap_or(position);
        self.out.extend(
            element
                .into_iter()
                .map(|(k, v)| (format!("{}{i}.{k}", self.prefix), v)),
        );
        Ok(())
    }

    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

impl ser::SerializeTuple for ListSer<'_> {
    type Ok = ();
    type Error = ParamError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

/// One key's value: a scalar, nothing (`None`), or a list of scalars (a
/// repeated key).
struct ValueSer<'a> {
    out: &'a mut Vec<Entry>,
    key: String,
}

impl ValueSer<'_> {
    fn push(self, value: ParamValue) -> Result<(), ParamError> {
        self.out.push((self.key, value));
        Ok(())
    }

    fn not_a_value(&self, what: &'static str) -> ParamError {
        ParamError::unsupported(&self.key, what)
    }
}

const GROUP_IN_VALUE: &str =
    "a struct or map in a plain field: a group's field is named with a trailing '.'";

impl<'a> ser::Serializer for ValueSer<'a> {
    type Ok = ();
    type Error = ParamError;
    type SerializeSeq = RepeatSer<'a>;
    type SerializeTuple = RepeatSer<'a>;
    type SerializeTupleStruct = Impossible<(), ParamError>;
    type SerializeTupleVariant = Impossible<(), ParamError>;
    type SerializeMap = Impossible<(), ParamError>;
    type SerializeStruct = Impossible<(), ParamError>;
    type SerializeStructVariant = Impossible<(), ParamError>;

    fn serialize_bool(self, v: bool) -> Result<(), ParamError> {
        self.push(ParamValue::Boolean(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), ParamError> {
        self.push(ParamValue::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), ParamError> {
        self.push(ParamValue::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), ParamError> {
        self.push(ParamValue::Int(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), ParamError> {
        self.push(ParamValue::LLong(v))
    }
    fn serialize_i128(self, v: i128) -> Result<(), ParamError> {
        match i64::try_from(v) {
            Ok(v) => self.push(ParamValue::LLong(v)),
            Err(_) => Err(self.not_a_value("an i128 beyond an llong's range")),
        }
    }
    fn serialize_u8(self, v: u8) -> Result<(), ParamError> {
        self.push(ParamValue::UInt(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), ParamError> {
        self.push(ParamValue::UInt(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), ParamError> {
        self.push(ParamValue::UInt(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), ParamError> {
        self.push(ParamValue::ULLong(v))
    }
    fn serialize_u128(self, v: u128) -> Result<(), ParamError> {
        match u64::try_from(v) {
            Ok(v) => self.push(ParamValue::ULLong(v)),
            Err(_) => Err(self.not_a_value("a u128 beyond a ullong's range")),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), ParamError> {
        self.push(ParamValue::Double(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<(), ParamError> {
        self.push(ParamValue::Double(v))
    }
    fn serialize_char(self, v: char) -> Result<(), ParamError> {
        let mut buf = [0u8; 4];
        self.push(ParamValue::String((&*v.encode_utf8(&mut buf)).into()))
    }
    fn serialize_str(self, v: &str) -> Result<(), ParamError> {
        self.push(ParamValue::String(v.into()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), ParamError> {
        self.push(ParamValue::String(v.into()))
    }
    fn serialize_none(self) -> Result<(), ParamError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), ParamError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), ParamError> {
        Err(self.not_a_value("a unit"))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), ParamError> {
        Err(self.not_a_value("a unit struct"))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), ParamError> {
        self.push(ParamValue::String(variant.into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), ParamError> {
        Err(self.not_a_value("an enum variant with data"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<RepeatSer<'a>, ParamError> {
        Ok(RepeatSer {
            out: self.out,
            key: self.key,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<RepeatSer<'a>, ParamError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(self.not_a_value("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(self.not_a_value("an enum variant with data"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(self.not_a_value(GROUP_IN_VALUE))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(self.not_a_value(GROUP_IN_VALUE))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Impossible<(), ParamError>, ParamError> {
        Err(self.not_a_value("an enum variant with data"))
    }
}

/// A list in a plain field: the key once per element.
struct RepeatSer<'a> {
    out: &'a mut Vec<Entry>,
    key: String,
}

impl ser::SerializeSeq for RepeatSer<'_> {
    type Ok = ();
    type Error = ParamError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        value.serialize(ValueSer {
            out: &mut *self.out,
            key: self.key.clone(),
        })
    }

    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

impl ser::SerializeTuple for RepeatSer<'_> {
    type Ok = ();
    type Error = ParamError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

/// A map key: a string (or a number, written in decimal).
struct KeySer;

macro_rules! key_numbers {
    ($($method:ident($t:ty)),* $(,)?) => {$(
        fn $method(self, v: $t) -> Result<String, ParamError> {
            Ok(v.to_string())
        }
    )*};
}

macro_rules! key_unsupported {
    ($($method:ident($t:ty)),* $(,)?) => {$(
        fn $method(self, _v: $t) -> Result<String, ParamError> {
            Err(ParamError::unsupported("", "a map key that is not a string or an integer"))
        }
    )*};
}

impl ser::Serializer for KeySer {
    type Ok = String;
    type Error = ParamError;
    type SerializeSeq = Impossible<String, ParamError>;
    type SerializeTuple = Impossible<String, ParamError>;
    type SerializeTupleStruct = Impossible<String, ParamError>;
    type SerializeTupleVariant = Impossible<String, ParamError>;
    type SerializeMap = Impossible<String, ParamError>;
    type SerializeStruct = Impossible<String, ParamError>;
    type SerializeStructVariant = Impossible<String, ParamError>;

    key_numbers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_char(char),
    );
    key_unsupported!(
        serialize_bool(bool),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
    );

    fn serialize_str(self, v: &str) -> Result<String, ParamError> {
        Ok(v.to_owned())
    }
    fn serialize_none(self) -> Result<String, ParamError> {
        Err(ParamError::unsupported("", "a map key that is None"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, ParamError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a unit"))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, ParamError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, ParamError> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, ParamError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, ParamError> {
        self.serialize_unit()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a list"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a tuple"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a map"))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a struct"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, ParamError> {
        Err(ParamError::unsupported("", "a map key that is a struct"))
    }
}

/// An element's `$index`: an integer that fits a `u32`, or `None`.
struct IndexSer;

macro_rules! index_numbers {
    ($($method:ident($t:ty)),* $(,)?) => {$(
        fn $method(self, v: $t) -> Result<Option<u32>, ParamError> {
            u32::try_from(v)
                .map(Some)
                .map_err(|_| ParamError::unsupported("", "an index beyond a u32's range"))
        }
    )*};
}

macro_rules! index_unsupported {
    ($($method:ident($t:ty)),* $(,)?) => {$(
        fn $method(self, _v: $t) -> Result<Option<u32>, ParamError> {
            Err(ParamError::unsupported("", "an index that is not an integer"))
        }
    )*};
}

impl ser::Serializer for IndexSer {
    type Ok = Option<u32>;
    type Error = ParamError;
    type SerializeSeq = Impossible<Option<u32>, ParamError>;
    type SerializeTuple = Impossible<Option<u32>, ParamError>;
    type SerializeTupleStruct = Impossible<Option<u32>, ParamError>;
    type SerializeTupleVariant = Impossible<Option<u32>, ParamError>;
    type SerializeMap = Impossible<Option<u32>, ParamError>;
    type SerializeStruct = Impossible<Option<u32>, ParamError>;
    type SerializeStructVariant = Impossible<Option<u32>, ParamError>;

    index_numbers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
    );
    index_unsupported!(
        serialize_bool(bool),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
    );

    fn serialize_none(self) -> Result<Option<u32>, ParamError> {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Option<u32>, ParamError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Option<u32>, ParamError> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Option<u32>, ParamError> {
        Ok(None)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<Option<u32>, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Option<u32>, ParamError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Option<u32>, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, ParamError> {
        Err(ParamError::unsupported(
            "",
            "an index that is not an integer",
        ))
    }
}
