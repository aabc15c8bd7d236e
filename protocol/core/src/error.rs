//! The core's error types.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

use libvirt_xdr::ByteString;

use crate::enums::{ErrorDomain, ErrorNumber};
use crate::net::MessageError;

/// An error the server reported, with every field of libvirt's
/// `remote_error` kept. Its texts are for people: bytes in them that are
/// not UTF-8 (a domain name quoted in a message, say) show as U+FFFD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteError {
    /// The error code (`virErrorNumber`); see [`RemoteError::number`].
    pub code: i32,
    /// The part of libvirt that raised it (`virErrorDomain`); see
    /// [`RemoteError::error_domain`].
    pub domain: i32,
    /// The human-readable message.
    pub message: Option<String>,
    /// 0 none, 1 warning, 2 error.
    pub level: i32,
    /// Extra information, depending on the error.
    pub str1: Option<String>,
    /// Extra information, depending on the error.
    pub str2: Option<String>,
    /// Extra information, depending on the error.
    pub str3: Option<String>,
    /// Extra information, depending on the error.
    pub int1: i32,
    /// Extra information, depending on the error.
    pub int2: i32,
}

impl RemoteError {
    /// The code as a typed [`ErrorNumber`], if this libvirt version knows
    /// it. An "unknown procedure" error from an older server is reported as
    /// [`ErrorNumber::ErrNoSupport`], as libvirt's C client does.
    pub fn number(&self) -> Option<ErrorNumber> {
        if self.is_unknown_procedure() {
            return Some(ErrorNumber::ErrNoSupport);
        }
        ErrorNumber::from_raw(self.code)
    }

    /// The domain as a typed [`ErrorDomain`], if known.
    pub fn error_domain(&self) -> Option<ErrorDomain> {
        ErrorDomain::from_raw(self.domain)
    }

    /// Whether the server does not know the procedure that was called (it
    /// is older than the procedure): `VIR_ERR_RPC` from `VIR_FROM_RPC` with
    /// the message "unknown procedure: N".
    pub fn is_unknown_procedure(&self) -> bool {
        self.code == ErrorNumber::ErrRpc.as_raw()
            && self.domain == ErrorDomain::Rpc.as_raw()
            && self
                .message
                .as_deref()
                .is_some_and(|m| m.starts_with("unknown procedure"))
    }
}

impl From<MessageError> for RemoteError {
    fn from(e: MessageError) -> Self {
        RemoteError {
            code: e.code,
            domain: e.domain,
            message: e.message.map(ByteString::into_string_lossy),
            level: e.level,
            str1: e.str1.map(ByteString::into_string_lossy),
            str2: e.str2.map(ByteString::into_string_lossy),
            str3: e.str3.map(ByteString::into_string_lossy),
            int1: e.int1,
            int2: e.int2,
        }
    }
}

impl From<MessageError> for Box<RemoteError> {
    fn from(e: MessageError) -> Self {
        Box::new(RemoteError::from(e))
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.as_deref().unwrap_or("(no message)");
        match self.number() {
            Some(n) => write!(f, "{message} ({n}, code {})", self.code),
            None => write!(f, "{message} (code {})", self.code),
        }
    }
}

impl core::error::Error for RemoteError {}

/// Why the connection is no longer usable. Sticky: once a connection has
/// failed, every pending call and stream fails with this reason, and so does
/// every later operation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectionError {
    /// The peer sent bytes that are not a valid packet (bad length word,
    /// bad header, undecodable error payload, ...).
    #[error("malformed packet from the server: {0}")]
    Malformed(&'static str),
    /// The peer broke the protocol (a reply nobody waits for, a call from
    /// the server, ...).
    #[error("protocol violation by the server: {0}")]
    ProtocolViolation(&'static str),
    /// The server closed the connection.
    #[error("the server closed the connection")]
    Eof,
    /// The server stopped answering keepalive pings.
    #[error("the server did not answer {0} keepalive pings")]
    KeepaliveTimeout(u32),
    /// The server sent nothing for this long while the open sequence
    /// waited for its answers.
    #[error("the server sent nothing for {0:?} while the connection was being opened")]
    NoAnswer(core::time::Duration),
    /// The connection was closed by this side.
    #[error("the connection was closed")]
    Closed,
    /// The transport failed (reported by the driver through
    /// [`crate::Connection::handle_transport_error`]).
    #[error("transport error: {0}")]
    Transport(String),
    /// The server requires an authentication method this client does not
    /// support (the `remote_auth_type` value).
    #[error("the server requires an unsupported authentication method ({0})")]
    AuthUnsupported(i32),
    /// Authentication or opening the connection was refused.
    #[error("opening the connection failed: {0}")]
    Open(Box<RemoteError>),
    /// Authentication could not go on, on this side.
    #[error("authentication failed: {0}")]
    Auth(AuthError),
}

/// Why a connection ended, in libvirt's terms: each maps to one of
/// `VIR_CONNECT_CLOSE_REASON_*` ([`CloseReason::libvirt_code`]), and says
/// a little more where libvirt says only "error".
///
/// ```
/// use libvirt_core::{CloseReason, ConnectionError};
///
/// assert_eq!(ConnectionError::Eof.reason(), CloseReason::Eof);
/// assert_eq!(ConnectionError::KeepaliveTimeout(5).reason().libvirt_code(), 2);
/// assert_eq!(ConnectionError::Closed.reason(), CloseReason::Client);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CloseReason {
    /// This side closed it (`VIR_CONNECT_CLOSE_REASON_CLIENT`).
    Client,
    /// The daemon closed it: it exited, restarted, or dropped this client
    /// (`VIR_CONNECT_CLOSE_REASON_EOF`).
    Eof,
    /// The daemon stopped answering: keepalive gave up, or it said nothing
    /// while the connection was opening (`VIR_CONNECT_CLOSE_REASON_KEEPALIVE`).
    Keepalive,
    /// The transport failed: a socket error, TLS, the ssh child
    /// (`VIR_CONNECT_CLOSE_REASON_ERROR`).
    Transport,
    /// The daemon broke the protocol: a malformed packet, an unexpected
    /// reply (`VIR_CONNECT_CLOSE_REASON_ERROR`).
    Protocol,
    /// Opening or authentication was refused or failed
    /// (`VIR_CONNECT_CLOSE_REASON_ERROR`).
    Refused,
}

impl CloseReason {
    /// libvirt's `virConnectCloseReason` value: `ERROR` 0, `EOF` 1,
    /// `KEEPALIVE` 2, `CLIENT` 3.
    pub const fn libvirt_code(self) -> i32 {
        match self {
            CloseReason::Client => 3,
            CloseReason::Eof => 1,
            CloseReason::Keepalive => 2,
            CloseReason::Transport | CloseReason::Protocol | CloseReason::Refused => 0,
        }
    }
}

impl fmt::Display for CloseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CloseReason::Client => "closed by the client",
            CloseReason::Eof => "closed by the daemon",
            CloseReason::Keepalive => "the daemon stopped answering",
            CloseReason::Transport => "the transport failed",
            CloseReason::Protocol => "the daemon broke the protocol",
            CloseReason::Refused => "opening the connection failed",
        })
    }
}

impl ConnectionError {
    /// Why the connection ended, as a [`CloseReason`].
    pub fn reason(&self) -> CloseReason {
        match self {
            ConnectionError::Closed => CloseReason::Client,
            ConnectionError::Eof => CloseReason::Eof,
            ConnectionError::KeepaliveTimeout(_) | ConnectionError::NoAnswer(_) => {
                CloseReason::Keepalive
            }
            ConnectionError::Transport(_) => CloseReason::Transport,
            ConnectionError::Malformed(_) | ConnectionError::ProtocolViolation(_) => {
                CloseReason::Protocol
            }
            ConnectionError::AuthUnsupported(_)
            | ConnectionError::Open(_)
            | ConnectionError::Auth(_) => CloseReason::Refused,
        }
    }
}

/// Why authentication could not go on, on this side (a refusal by the
/// server is [`ConnectionError::Open`] with the server's error).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// `auth=polkit` or `auth=sasl` asked for a type the server does not
    /// offer.
    #[error(
        "the URI asks for {wanted} authentication, but the server offers {} (remove auth= or change the server's auth_* setting)",
        auth_names(offered)
    )]
    TypeRejected {
        /// `"polkit"` or `"sasl"`.
        wanted: &'static str,
        /// The server's `remote_auth_type` values.
        offered: alloc::vec::Vec<i32>,
    },
    /// `auth=sasl.MECH` named a mechanism the server does not offer.
    #[error("the SASL mechanism {wanted} is not offered by the server (it offers: {offered})")]
    MechanismNotOffered {
        /// The mechanism asked for.
        wanted: String,
        /// The server's list, comma-separated.
        offered: String,
    },
    /// The mechanism produced more than 65536 bytes for one step.
    #[error("SASL data of {0} bytes is over the protocol's limit of 65536")]
    DataTooLong(usize),
    /// The client side of the mechanism gave up (no usable mechanism, no
    /// credentials, the server failed to prove itself).
    #[error("{0}")]
    Client(String),
}

fn auth_names(types: &[i32]) -> String {
    use alloc::string::ToString;
    if types.is_empty() {
        return "none".into();
    }
    types
        .iter()
        .map(|&t| match t {
            0 => "none".to_string(),
            1 => "sasl".to_string(),
            2 => "polkit".to_string(),
            n => alloc::format!("type {n}"),
        })
        .collect::<alloc::vec::Vec<_>>()
        .join(", ")
}

/// Why a call, or a stream, failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallError {
    /// The server answered with an error; the connection stays usable.
    /// (Boxed: it keeps every field of libvirt's error, and a `Result` with
    /// this error stays small.)
    #[error("{0}")]
    Remote(Box<RemoteError>),
    /// The connection failed or was closed before the answer came.
    #[error(transparent)]
    Connection(ConnectionError),
    /// The arguments could not be encoded (e.g. a list over its `.x` bound).
    #[error("cannot encode the call: {0}")]
    Encode(libvirt_xdr::Error),
    /// The answer could not be decoded into the expected type.
    #[error("cannot decode the answer: {0}")]
    Decode(libvirt_xdr::Error),
    /// The procedure cannot be used this way (e.g. an event procedure
    /// called, or a stream procedure called without a stream).
    #[error("procedure {0} cannot be called this way")]
    WrongKind(&'static str),
    /// The stream broke the protocol (data after end of file, a hole on a
    /// non-sparse stream, ...); only this stream is affected.
    #[error("stream protocol violation: {0}")]
    StreamViolation(&'static str),
    /// The stream was aborted by this side.
    #[error("the stream was aborted")]
    Aborted,
}

impl From<ConnectionError> for CallError {
    fn from(e: ConnectionError) -> Self {
        CallError::Connection(e)
    }
}
