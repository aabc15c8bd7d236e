//! The runtime-independent parts of libvirt-rs's adapters (Tokio, smol,
//! blocking): libvirt connection URIs and where they lead.
//!
//! It follows the rules of libvirt 11.3's client (`remote_driver.c`,
//! `remote_sockets.c`, `viruri.c`, `libvirt-admin.c`):
//!
//! - [`LibvirtUri::parse`] reads `driver[+transport]://[user@][host][:port]/path[?params][#fragment]`
//!   and gives its parts ([`LibvirtUri::driver`], [`LibvirtUri::transport`],
//!   [`LibvirtUri::param`]...); [`LibvirtUri::from_env`] reads
//!   `LIBVIRT_DEFAULT_URI`.
//! - [`LibvirtUri::remote_name`] is the name to send in `CONNECT_OPEN`.
//! - [`LibvirtUri::endpoint`] says where to connect: which UNIX socket
//!   (`?socket=`, session or system directory, the driver's own daemon or
//!   libvirtd/virtproxyd, read-only sockets, `?mode=`), or which TCP host and
//!   port. [`default_endpoint`] does it without a URI, [`admin_endpoint`]
//!   for the daemons' admin sockets.
//! - What selection depends on (root or not, `XDG_RUNTIME_DIR`, which
//!   sockets exist) comes in an [`Environment`], so that it can be tested
//!   without a real machine.
//!
//! - TLS URIs give a [`TlsEndpoint`] (credential files located as libvirt
//!   does: [`TlsFiles`]), `+ssh` URIs the exact `ssh` command line libvirt
//!   runs ([`SshEndpoint`]). `+libssh`, `+libssh2` and `+ext` give
//!   [`UriError::Unsupported`].
//!
//! Nothing here starts a daemon (libvirt's client starts a missing session
//! daemon itself).
//!
//! ```
//! use libvirt_transport::{Endpoint, Environment, LibvirtUri};
//!
//! // As root, with virtqemud running:
//! let env = Environment::simulated(true, None, ["/run/libvirt/virtqemud-sock"]);
//!
//! let uri = LibvirtUri::parse("qemu:///system")?;
//! assert_eq!(uri.remote_name(), "qemu:///system");
//! assert_eq!(
//!     uri.endpoint(&env, false)?,
//!     Endpoint::Unix("/run/libvirt/virtqemud-sock".into())
//! );
//!
//! let uri = LibvirtUri::parse("test+tcp://127.0.0.1:16599/default?mode=legacy")?;
//! assert_eq!(uri.remote_name(), "test:///default");
//! assert_eq!(
//!     uri.endpoint(&env, false)?,
//!     Endpoint::Tcp { host: "127.0.0.1".into(), port: 16599 }
//! );
//! # Ok::<(), libvirt_transport::UriError>(())
//! ```

mod endpoint;
mod env;
mod error;
mod escape;
mod ssh;
mod tls;
mod uri;

pub use endpoint::{
    Endpoint, SESSION_PROBE_DRIVERS, SYSTEM_PROBE_DRIVERS, admin_endpoint, default_endpoint,
};
pub use env::{Environment, SYSTEM_RUN_DIR};
pub use error::UriError;
pub use ssh::{SSH_PASSED_ENV, SSH_TTY_ENV, SshEndpoint, SshProxy, escape_shell, helper_command};
pub use tls::{SYSTEM_CA_DIR, SYSTEM_CERT_DIR, SYSTEM_KEY_DIR, TlsEndpoint, TlsFiles};
pub use uri::{
    CLIENT_ONLY_PARAMS, DEFAULT_TCP_PORT, DEFAULT_TLS_PORT, LibvirtUri, Mode, Transport,
};
