//! The runtime-independent half of libvirt-rs's adapters.
//!
//! `libvirt-tokio`, `libvirt-smol` and `libvirt-blocking` are thin: each
//! implements [`Runtime`] (dialing its sockets, spawning, sleeping) and
//! [`Io`] (readiness and a timer) for its runtime. Everything else, the
//! same for all three, is here:
//!
//! - [`runtime`]: connecting, written once over a [`Runtime`]
//!   ([`runtime::connect_target`]: dial, connect timeout, transport
//!   layers, then the [`Driver`] spawned and the open sequence awaited),
//!   and [`RuntimeClient`], the `Client` of the async adapters with its
//!   constructors (`connect`, `connect_with`, `connect_admin`,
//!   `from_unix`, `from_tcp`, `connect_reconnecting`).
//! - [`Client`]: a cheap-to-clone handle on one connection. It implements
//!   `libvirt_core::api::AsyncCall`, so every generated procedure is a
//!   method (`use libvirt_core::remote::RemoteApi;` then
//!   `client.connect_get_hostname().await`). Calls from many tasks run
//!   concurrently; dropping a call's future cancels it without harming the
//!   connection; [`Client::with_timeout`] gives calls a timeout.
//! - [`EventStream`]: one event subscription (`Client::domain_events`,
//!   `network_events`, ...), deregistered on drop; [`TypedEvents`]: one
//!   kind of typed event (`client.events::<DomainLifecycleEvent>(..)`),
//!   with handles on the client.
//! - [`Stream`]: a libvirt data stream, with holes, as the runtime's
//!   byte-stream traits (features `tokio` and `futures-io`).
//! - [`Target`]: where a libvirt URI leads (socket and open sequence), via
//!   `libvirt-transport`.
//! - [`CommandLine`]: virsh's `-c URI` and `-r` on a program's command
//!   line, for `connect_with` (`LIBVIRT_DEFAULT_URI` when there is no
//!   `-c`).
//! - [`transport`]: the layers between a runtime's socket and the core,
//!   the same for every adapter: [`Connector`] prepares an endpoint (TLS
//!   credentials, an `ssh` child) and names the socket to [`Dial`];
//!   [`Layered`] puts TLS ([`tls`], rustls), the ssh child and a SASL
//!   security layer on the runtime's [`Io`].
//! - [`sasl`]: the client side of SASL (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN;
//!   libvirt's `auth.conf` and [`Options::credentials`]; plug-in mechanisms
//!   such as `libvirt-gssapi`'s GSSAPI).
//! - [`fdio`]: `recvmsg`/`sendmsg` with `SCM_RIGHTS` for fd passing.
//!
//! The [`Driver`] is the loop of the design: read into the core, write what
//! it wants written, arm its timer, hand its events to their waiters. It
//! holds no protocol logic; the `libvirt_core::Connection` decides
//! everything. When the connection ends (closed, the daemon gone, keepalive
//! failed) every waiter gets the reason: pending calls, streams and event
//! subscriptions alike.

mod client;
mod command_line;
mod error;
mod events;
pub mod fdio;
mod io;
pub mod migrate;
mod options;
mod reconnect;
pub mod runtime;
pub mod sasl;
mod shared;
mod stream;
pub mod tls;
pub mod transport;

pub use client::Client;
pub use command_line::{CommandLine, CommandLineError};
pub use error::Error;
pub use events::{EventStream, NextTimeout, ProgramEvent, RawSubscription, Subscribe, TypedEvents};
pub use io::{Alarm, Driver, Io, Timer};
pub use libvirt_core::{EventFilter, SubscriptionId};
pub use migrate::{Migration, MigrationProgress, migrate};
pub use options::{AuthTarget, Options, Target};
pub use reconnect::{LinkState, Notice, ReconnectPolicy, Reconnecting, ReconnectingEvents};
pub use runtime::{BoxFuture, Runtime, RuntimeClient};
pub use sasl::{
    CredentialKind, CredentialRequest, SaslMechanism, SaslPeer, SaslPlugin, SecurityLayer,
};
pub use stream::{Chunk, Stream};
pub use tls::TlsError;
pub use transport::{Connector, Dial, Layered, SshError, TransportInfo};

pub use libvirt_api;
pub use libvirt_core;
pub use libvirt_core::enums;
pub use libvirt_transport;

/// The typed handles on this client: `Domain` is
/// `libvirt_api::Domain<libvirt_api::Async<Client>>`, and so on for every
/// kind of object. Their methods are libvirt's C API for that object
/// (`dom.get_info()`, `pool.list_all_volumes(..)`); the connection-level
/// calls are the methods of [`libvirt_api::ConnectApi`], in the prelude.
/// The typed events with handles on this client are here too:
/// `DomainLifecycleEvent` is
/// `libvirt_api::events::DomainLifecycleEvent<libvirt_api::Async<Client>>`,
/// for [`Client::events`].
pub mod typed {
    libvirt_api::handle_aliases!(Async, crate::Client);
    libvirt_api::event_aliases!(Async, crate::Client);
}

/// What a program needs in scope (`use libvirt_tokio::prelude::*;`): the
/// typed connection-level calls ([`libvirt_api::ConnectApi`],
/// `client.list_all_domains(..)`, and the QEMU and LXC ones), and under
/// them the generated raw API traits of the remote, QEMU and LXC programs
/// (`client.connect_list_all_domains(..)`, the wire as it is). The admin
/// program's traits (`libvirt_api::AdmConnectApi`,
/// `libvirt_core::admin::AdminApi`, for `connect_admin`) are left out:
/// their method names overlap the remote program's. `AsyncCall` is the
/// escape hatch under them all: `client.call::<P>(args)` makes any
/// procedure's call from its arguments struct.
pub mod prelude {
    pub use libvirt_api::ConnectApi;
    pub use libvirt_core::api::AsyncCall;
    pub use libvirt_core::lxc::LxcApi;
    pub use libvirt_core::qemu::QemuApi;
    pub use libvirt_core::remote::RemoteApi;
}
