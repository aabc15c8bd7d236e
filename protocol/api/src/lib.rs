//! The typed libvirt API: libvirt's objects, flags, parameters and events
//! as Rust types, generated at build time from libvirt's own API
//! description (`proto/api/libvirt-api.xml` and the qemu, lxc and admin
//! ones) joined to the protocol files.
//!
//! # Shape
//!
//! * **Handles.** Every kind of libvirt object has a handle:
//!   [`Domain`], [`Network`], [`NetworkPort`], [`StoragePool`],
//!   [`StorageVol`], [`NodeDevice`], [`Secret`], [`Interface`],
//!   [`NWFilter`], [`NWFilterBinding`], [`DomainSnapshot`] and
//!   [`DomainCheckpoint`] (and the admin [`AdmServer`] and [`AdmClient`]).
//!   A handle is bound to its connection, cheap to clone, comparable and
//!   hashable by its identity (a UUID, a key or a name), and has the
//!   methods of libvirt's C API for its object, named as the `virt` crate
//!   names them: `virDomainGetInfo` is [`Domain::get_info`], and a search
//!   for the C name finds it (`#[doc(alias)]`).
//! * **Connection-level calls** (`virConnect*`, `virNode*`) are the
//!   methods of [`ConnectApi`] (async) and [`ConnectBlockingApi`]
//!   (blocking), implemented for every client; lookups and definitions of
//!   objects are associated functions of their handle
//!   (`Domain::lookup_by_name(&client, "web")`), as in `virt`.
//! * **Modes.** One description serves every runtime: a handle's type
//!   parameter says how it calls, [`Async`] over an
//!   [`AsyncCall`](libvirt_core::api::AsyncCall) client (Tokio, smol, a
//!   user's own) or [`Blocking`] over a
//!   [`BlockingCall`](libvirt_core::api::BlockingCall) one. The adapters
//!   name the result: `libvirt_tokio::Domain` is
//!   `Domain<Async<libvirt_client::Client>>`.
//! * **Types.** Every `flags` argument takes the flag set libvirt's
//!   description names (one that is "not used yet" is left out and 0 is
//!   sent); enum-valued results are [`Open`] enums that keep values a
//!   newer daemon adds; UUIDs are [`uuid::Uuid`]; sizes and times carry
//!   their unit in their name (`memory_kib`, `cpu_time_ns`).
//! * **Escape hatch.** The raw generated procedures
//!   (`libvirt_core::remote::RemoteApi`, ...) stay available on every
//!   client, and every handle gives its wire form ([`Domain::raw`]).
//!
//! The coverage of libvirt's C API is counted by a test that walks the API
//! description: every public function with a remote procedure is a typed
//! method here or is listed, with the reason, in the generator's override
//! tables ([`COVERAGE`]).
#![no_std]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

use core::fmt;

pub use libvirt_core;
// The generated code names wire types by `crate::remote::...`.
use libvirt_core::remote;
pub use uuid::Uuid;

pub mod events;
mod handle;
mod open;
pub mod params;

pub use handle::{Async, Blocking, Mode};
pub use open::Open;

/// What the typed layer itself can fail with, before or after a call:
/// a value that cannot be sent, or a reply it cannot read as the type
/// libvirt documents. An adapter's error type wraps it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A typed parameter list that does not read as the struct libvirt
    /// documents for it (a value of another type, ...), or a value that
    /// cannot be sent as one.
    #[error(transparent)]
    Param(#[from] params::ParamError),
    /// A UUID string that does not parse.
    #[error("`{text}` is not a UUID: {reason}")]
    BadUuid {
        /// The text given.
        text: alloc::string::String,
        /// What is wrong with it.
        reason: alloc::string::String,
    },
}

impl Error {
    pub(crate) fn bad_uuid(text: &str, e: uuid::Error) -> Error {
        use alloc::string::ToString;
        Error::BadUuid {
            text: text.into(),
            reason: e.to_string(),
        }
    }
}

/// A wire string as text. libvirt's strings are UTF-8; a byte that is not
/// becomes U+FFFD rather than failing the call.
fn text(s: libvirt_xdr::ByteString) -> alloc::string::String {
    s.into_string_lossy()
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} functions, {} typed methods, {} served without a procedure",
            self.api, self.functions, self.typed, self.client_side
        )
    }
}

/// How much of one API description the typed layer covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// The description: `libvirt`, `libvirt-qemu`, `libvirt-lxc` or
    /// `libvirt-admin`.
    pub api: &'static str,
    /// Its public functions.
    pub functions: usize,
    /// How many are typed methods here.
    pub typed: usize,
    /// How many are served without a remote procedure of their own
    /// (handle fields, reference counts, streams, the event loop, ...).
    pub client_side: usize,
}

#[allow(
    clippy::too_many_arguments,
    clippy::needless_lifetimes,
    clippy::let_and_return,
    clippy::useless_conversion,
    clippy::redundant_field_names,
    clippy::doc_lazy_continuation
)]
mod generated {
    use alloc::string::String;
    use alloc::vec::Vec;

    use libvirt_core::api::{AsyncCall, BlockingCall};
    use libvirt_core::enums::*;
    use libvirt_core::{admin, lxc, qemu, remote};

    use crate::{Async, Blocking, Error, Open, Uuid, text};

    include!(concat!(env!("OUT_DIR"), "/typed.rs"));
}

pub use generated::*;
