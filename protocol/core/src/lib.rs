//! The sans-IO core of libvirt-rs.
//!
//! This crate holds everything about libvirt's RPC protocol that does not
//! touch a socket: the types, constants and procedures of every libvirt
//! program, generated at build time from libvirt's own protocol files
//! (`proto/*.x`) and public headers (`proto/include/libvirt/*.h`), and the
//! metadata and traits that tie them together.
//!
//! | module | contents |
//! |---|---|
//! | [`net`] | the packet header, message types and statuses, the wire error, stream holes (`virnetprotocol.x`) |
//! | [`keepalive`] | the keepalive program's PING and PONG (`virkeepaliveprotocol.x`) |
//! | [`remote`] | the main program: 453 procedures and their types (`remote_protocol.x`) |
//! | [`qemu`] | QEMU-specific procedures (`qemu_protocol.x`) |
//! | [`lxc`] | LXC-specific procedures (`lxc_protocol.x`) |
//! | [`admin`] | the admin program of the daemons' admin sockets (`admin_protocol.x`) |
//! | [`enums`] | the enums and flag sets of libvirt's public C headers as typed Rust items |
//!
//! Each program module has, besides its types: a `Procedure` enum, a
//! `PROCEDURES` metadata table ([`ProcedureInfo`]), one zero-sized type per
//! procedure in `procedures` implementing [`CallProcedure`] or
//! [`EventProcedure`], an `Event` enum of its typed events (where it has
//! events), `visit_payload_type` to pick a payload's type at run time, and
//! the API traits (`RemoteApi`, `RemoteBlockingApi`, ...) that every adapter
//! gets by implementing [`api::AsyncCall`] or [`api::BlockingCall`].
//!
//! All wire types implement serde's `Serialize` and `Deserialize` as
//! libvirt's XDR through [`libvirt_xdr`]:
//!
//! ```
//! use libvirt_core::remote;
//!
//! let args = remote::DomainLookupByNameArgs { name: "test".into() };
//! let bytes = libvirt_xdr::to_vec(&args).unwrap();
//! assert_eq!(bytes, [0, 0, 0, 4, b't', b'e', b's', b't']);
//! let back: remote::DomainLookupByNameArgs = libvirt_xdr::from_bytes(&bytes).unwrap();
//! assert_eq!(back, args);
//! ```
//!
//! The crate is `#![no_std]` with `alloc`; the default `std` feature only
//! adds `std::error::Error` implementations. The `arbitrary` feature derives
//! `arbitrary::Arbitrary` for every generated type (for fuzzing and
//! property tests).

#![no_std]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod api;
pub mod connection;
mod error;
pub mod packet;
mod procedure;

pub use connection::{
    Auth, CallId, Config, Connected, Connection, Discard, Event, EventFilter, KeepaliveConfig,
    Open, Reply, SaslEvent, StreamRecv, SubscriptionId, Transmit,
};
pub use error::{
    AuthError, AuthMethod, CallError, CloseReason, ConnectionError, MalformedPacket, Misuse,
    RemoteError, StreamViolation, Violation,
};

pub use procedure::{
    CallProcedure, CallbackRole, EventFamily, EventProcedure, FdPassing, Generate, PayloadPart,
    PayloadTypeVisitor, Priority, Procedure, ProcedureInfo, ProcedureKind, StreamDirection,
};

#[cfg(feature = "arbitrary")]
pub use procedure::TypeVisitor;

macro_rules! generated {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[allow(
            clippy::all,
            clippy::pedantic,
            non_camel_case_types,
            non_upper_case_globals,
            unreachable_pub,
        )]
        pub mod $name {
            // The generated code names `Vec` as hand-written code does; the
            // rest it uses unqualified (`Option`, `Some`, `Result`, ...) is
            // in the prelude, and the generator refuses `.x` names that
            // would shadow any of them.
            #[allow(unused_imports)]
            use alloc::vec::Vec;
            include!(concat!(env!("OUT_DIR"), "/", stringify!($name), ".rs"));
        }
    };
}

generated! {
    /// The RPC layer's own definitions (`virnetprotocol.x`): packet header,
    /// message types and statuses, the wire error and the stream hole.
    net
}
generated! {
    /// The keepalive program (`virkeepaliveprotocol.x`).
    keepalive
}
generated! {
    /// The remote program (`remote_protocol.x`): the main libvirt API.
    remote
}
generated! {
    /// The QEMU program (`qemu_protocol.x`).
    qemu
}
generated! {
    /// The LXC program (`lxc_protocol.x`).
    lxc
}
generated! {
    /// The admin program (`admin_protocol.x`), spoken on the daemons' admin
    /// sockets.
    admin
}
generated! {
    /// Enums and flag sets from libvirt's public C headers (domain states,
    /// list flags, event ids, error codes and domains, typed parameter types,
    /// ...), so no magic numbers are needed.
    ///
    /// An enum displays as the words virsh prints, and `c_name()` gives its
    /// C name:
    ///
    /// ```
    /// use libvirt_core::enums::{DomainEventStartedDetailType, DomainState};
    ///
    /// assert_eq!(DomainState::Shutoff.to_string(), "shut off");
    /// assert_eq!(DomainState::Shutoff.c_name(), "VIR_DOMAIN_SHUTOFF");
    /// assert_eq!(DomainEventStartedDetailType::Booted.to_string(), "Booted");
    /// ```
    enums
}

/// Every program this crate knows: (program number, module name,
/// procedure table).
pub const PROGRAMS: [(u32, &str, &[ProcedureInfo]); 5] = [
    (remote::PROGRAM, "remote", remote::PROCEDURES),
    (qemu::PROGRAM, "qemu", qemu::PROCEDURES),
    (lxc::PROGRAM, "lxc", lxc::PROCEDURES),
    (admin::PROGRAM, "admin", admin::PROCEDURES),
    (keepalive::PROGRAM, "keepalive", keepalive::PROCEDURES),
];

/// Calls `visitor` with the Rust type of a payload of any known program,
/// chosen at run time by program number, procedure number and part (each
/// program module's `visit_payload_type`, dispatched by program). `None` for
/// an unknown program or procedure, or for `Ret` of an event.
pub fn visit_payload_type<V: PayloadTypeVisitor>(
    program: u32,
    procedure: i32,
    part: PayloadPart,
    visitor: V,
) -> Option<V::Output> {
    match program {
        remote::PROGRAM => remote::visit_payload_type(procedure, part, visitor),
        qemu::PROGRAM => qemu::visit_payload_type(procedure, part, visitor),
        lxc::PROGRAM => lxc::visit_payload_type(procedure, part, visitor),
        admin::PROGRAM => admin::visit_payload_type(procedure, part, visitor),
        keepalive::PROGRAM => keepalive::visit_payload_type(procedure, part, visitor),
        _ => None,
    }
}
