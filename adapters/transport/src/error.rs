//! The error type of this crate.

/// Why a libvirt URI could not be parsed, or could not be turned into
/// somewhere to connect.
///
/// ```
/// use libvirt_transport::{LibvirtUri, UriError};
///
/// let err = LibvirtUri::parse("qemu+carrier-pigeon://host/system").unwrap_err();
/// assert!(matches!(err, UriError::UnknownTransport { .. }));
/// assert!(err.to_string().contains("carrier-pigeon"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UriError {
    /// The string is not a libvirt URI at all: not a URI, no scheme, no
    /// `//` part, a bad port, or a bad percent-escape.
    #[error("invalid libvirt URI '{uri}': {reason}")]
    Parse {
        /// The string given.
        uri: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The part of the scheme after `+` is not one of libvirt's transports.
    #[error(
        "unknown transport '{transport}' in the URI scheme (libvirt knows unix, tcp, tls, ssh, libssh, libssh2 and ext)"
    )]
    UnknownTransport {
        /// The part after `+`, lower-cased.
        transport: String,
    },

    /// A `+unix` URI names a host; UNIX sockets only reach the local host.
    #[error(
        "the unix transport only reaches the local host, but the URI names host '{host}' (drop '+unix' or the host)"
    )]
    UnixWithHost {
        /// The host in the URI.
        host: String,
    },

    /// The URI's transport is one libvirt has but libvirt-rs does not
    /// support yet.
    #[error(
        "the {transport} transport is not supported by libvirt-rs: use +ssh (the system ssh, with ~/.ssh/config, the agent and known_hosts), +tls, +tcp or +unix"
    )]
    Unsupported {
        /// `"tls"`, `"ssh"`, `"libssh"`, `"libssh2"` or `"ext"`.
        transport: &'static str,
    },

    /// A URI parameter has a value this crate (and libvirt) rejects.
    #[error("invalid value '{value}' for URI parameter '{name}': expected {expected}")]
    BadParam {
        /// The parameter's name, as written in the URI.
        name: String,
        /// Its value, percent-decoded.
        value: String,
        /// What would have been accepted.
        expected: &'static str,
    },

    /// An admin URI has a parameter other than `socket`.
    #[error("unknown parameter '{name}' in an admin URI (only 'socket' is allowed)")]
    UnknownParam {
        /// The parameter's name.
        name: String,
    },

    /// The session daemon's socket directory is `$XDG_RUNTIME_DIR/libvirt`,
    /// and `XDG_RUNTIME_DIR` is not set.
    #[error(
        "cannot find the session daemon's socket: XDG_RUNTIME_DIR is not set (set it, give the socket with ?socket=, or use a /system URI)"
    )]
    NoSessionDir,

    /// `mode=direct` was asked for, but the URI's driver has no daemon of
    /// its own (`remote://` names no driver; the test driver runs inside
    /// libvirtd and virtproxyd).
    #[error("mode=direct needs a driver with a daemon of its own, but {}", no_direct_reason(.driver))]
    NoDirectDaemon {
        /// The URI's driver (`""` for `remote://`).
        driver: String,
    },

    /// An admin URI that does not name a local daemon's admin socket.
    #[error("invalid admin URI '{uri}': {reason}")]
    BadAdminUri {
        /// The URI as given.
        uri: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

fn no_direct_reason(driver: &str) -> String {
    match driver {
        "" => "the URI names no driver (remote:// lets the daemon choose); use mode=legacy or mode=auto"
            .to_owned(),
        "test" => "the test driver runs inside libvirtd and virtproxyd (there is no virttestd); use mode=legacy or mode=auto"
            .to_owned(),
        other => format!("the {other} driver has none"),
    }
}
