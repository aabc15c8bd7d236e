//! The adapters' error type.

use std::io;
use std::time::Duration;

use libvirt_core::enums::ErrorNumber;
use libvirt_core::{CallError, ConnectionError, RemoteError};
use libvirt_transport::UriError;

/// Why a call, a stream operation, an event subscription or a connect
/// failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The daemon answered with an error (`virErrorPtr` in C): see
    /// [`Error::remote`] and [`Error::number`].
    #[error("{0}")]
    Remote(Box<RemoteError>),
    /// The connection is over (closed by [`crate::Client::close`], the daemon
    /// went away, keepalive gave up, a protocol violation, ...). Every pending
    /// call, stream and event subscription gets this.
    #[error(transparent)]
    Connection(ConnectionError),
    /// The call failed on this side: encoding, decoding, a stream protocol
    /// violation, an abort.
    #[error(transparent)]
    Call(CallError),
    /// The call's timeout ([`crate::Options::call_timeout`],
    /// [`crate::Client::with_timeout`]) expired; the call was cancelled and the
    /// connection stays usable.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The URI is not valid, or names something this version cannot reach
    /// (`+libssh`, `+libssh2`, `+ext`).
    #[error(transparent)]
    Uri(#[from] UriError),
    /// Connecting the socket failed.
    #[error("cannot connect to {endpoint}: {source}")]
    Connect {
        /// Where to (a socket path or `host:port`).
        endpoint: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// The TLS layer failed: credentials, certificates, the handshake, or
    /// the server's refusal of this client.
    #[error(transparent)]
    Tls(#[from] crate::tls::TlsError),
    /// The `ssh` transport failed; its stderr says why.
    #[error(transparent)]
    Ssh(#[from] crate::transport::SshError),
    /// File descriptors cannot travel on this transport (TCP), or a reply
    /// claimed more than were received.
    #[error("file descriptor passing: {0}")]
    Fds(&'static str),
    /// A [`crate::Reconnecting`] client is between connections and its
    /// policy says not to wait: the call was not sent.
    #[error("the connection is down, reconnecting (attempt {attempt}); the call was not sent")]
    Reconnecting {
        /// The reconnection attempt under way.
        attempt: u32,
    },
    /// The typed layer ([`libvirt_api`]) could not send a value or read a
    /// reply as the type libvirt documents (a UUID string that does not
    /// parse, a typed parameter of another type).
    #[error(transparent)]
    Typed(#[from] libvirt_api::Error),
    /// A [`crate::Reconnecting`] client gave up reconnecting.
    #[error("gave up reconnecting after {attempts} attempts; the last failed with: {last_error}")]
    GaveUp {
        /// The attempts made.
        attempts: u32,
        /// Why the last one failed.
        last_error: String,
    },
}

impl Error {
    /// The daemon's error, if that is what this is.
    pub fn remote(&self) -> Option<&RemoteError> {
        match self {
            Error::Remote(e) => Some(e),
            Error::Connection(ConnectionError::Open(e)) => Some(e),
            _ => None,
        }
    }

    /// The daemon's typed error code (`VIR_ERR_NO_DOMAIN`, ...), if the daemon
    /// answered with an error.
    pub fn number(&self) -> Option<ErrorNumber> {
        self.remote().and_then(RemoteError::number)
    }

    /// Whether the connection is over (as opposed to this one call failing).
    pub fn is_connection_error(&self) -> bool {
        matches!(self, Error::Connection(_))
    }
}

impl From<CallError> for Error {
    fn from(e: CallError) -> Self {
        match e {
            CallError::Remote(e) => Error::Remote(e),
            CallError::Connection(e) => Error::Connection(e),
            other => Error::Call(other),
        }
    }
}

impl From<ConnectionError> for Error {
    fn from(e: ConnectionError) -> Self {
        Error::Connection(e)
    }
}

impl From<Error> for io::Error {
    /// For the byte-stream traits: the kind says what happened, the error
    /// itself is kept inside.
    fn from(e: Error) -> io::Error {
        let kind = match &e {
            Error::Connection(_) => io::ErrorKind::ConnectionAborted,
            Error::Timeout(_) => io::ErrorKind::TimedOut,
            Error::Call(CallError::Aborted) => io::ErrorKind::Interrupted,
            _ => io::ErrorKind::Other,
        };
        io::Error::new(kind, e)
    }
}
