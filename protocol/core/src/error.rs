//! The core's error types.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

use libvirt_xdr::ByteString;

use crate::enums::{ErrorDomain, ErrorNumber};
use crate::net::MessageError;
use crate::procedure::ProcedureInfo;

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
            Some(n) => write!(f, "{message} ({}, code {})", n.c_name(), self.code),
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
    Malformed(MalformedPacket),
    /// The peer broke the protocol (a reply nobody waits for, a call from
    /// the server, ...).
    #[error("protocol violation by the server: {0}")]
    ProtocolViolation(Violation),
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
    /// The open sequence did not finish within the time the driver allows
    /// it (reported by the driver through
    /// [`crate::Connection::handle_open_timeout`]).
    #[error("the open sequence did not finish within {0:?}")]
    OpenTimeout(core::time::Duration),
    /// The connection was closed by this side.
    #[error("the connection was closed")]
    Closed,
    /// The transport failed (reported by the driver through
    /// [`crate::Connection::handle_transport_error`]).
    #[error("transport error: {0}")]
    Transport(String),
    /// The driver that moved the connection's bytes stopped, its runtime
    /// shut down (reported through
    /// [`crate::Connection::handle_driver_stopped`]).
    #[error("the I/O driver stopped (its runtime shut down)")]
    DriverStopped,
    /// The caller's arguments to the open sequence do not encode (a URI
    /// or SASL mechanism name over the protocol's string limit).
    #[error("cannot encode the open sequence's arguments (the URI or SASL mechanism): {0}")]
    OpenArguments(libvirt_xdr::Error),
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

/// How a packet from the server is malformed
/// ([`ConnectionError::Malformed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum MalformedPacket {
    /// The length word announces fewer bytes than the smallest packet
    /// (length word and header: 28).
    #[error("a length word of {0}, below the smallest packet of 28 bytes")]
    LengthBelowMinimum(u32),
    /// The length word announces more than `VIR_NET_MESSAGE_MAX` bytes.
    #[error("a length word of {0}, above VIR_NET_MESSAGE_MAX")]
    LengthAboveMaximum(u32),
    /// The header is shorter than 24 bytes.
    #[error("a header shorter than 24 bytes")]
    ShortHeader,
    /// The header's message type is not one libvirt defines.
    #[error("unknown message type {0}")]
    UnknownType(u32),
    /// The header's status is not one libvirt defines.
    #[error("unknown message status {0}")]
    UnknownStatus(u32),
    /// The server hung up in the middle of a packet (or of a reply's file
    /// descriptors).
    #[error("end of file inside a packet")]
    EofInsidePacket,
    /// A REPLY_WITH_FDS too short to hold its fd count.
    #[error("REPLY_WITH_FDS without its fd count")]
    MissingFdCount,
    /// A REPLY_WITH_FDS announcing more file descriptors than a packet may
    /// carry.
    #[error("more than 32 file descriptors")]
    TooManyFds,
    /// An error reply whose payload is not a `remote_error`.
    #[error("an error reply that does not decode")]
    UndecodableError,
    /// The reply to AUTH_LIST does not decode.
    #[error("AUTH_LIST reply does not decode")]
    UndecodableAuthList,
    /// The reply to AUTH_SASL_INIT does not decode.
    #[error("AUTH_SASL_INIT reply does not decode")]
    UndecodableSaslInit,
    /// The reply to AUTH_SASL_START or AUTH_SASL_STEP does not decode.
    #[error("AUTH_SASL_START/STEP reply does not decode")]
    UndecodableSaslStep,
}

/// How the server broke the protocol ([`ConnectionError::ProtocolViolation`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Violation {
    /// The server sent a CALL; servers only answer.
    #[error("the server sent a call")]
    CallFromServer,
    /// A reply whose serial no pending call has.
    #[error("a reply for no pending call")]
    ReplyForNoCall,
    /// A reply whose program, version or procedure is not its call's.
    #[error("a reply that does not match its call")]
    ReplyMismatch,
    /// A reply with status CONTINUE, which only stream data has.
    #[error("a reply with status CONTINUE")]
    ReplyContinue,
    /// A second reply, not an error, for a stream already open.
    #[error("a second reply for a stream")]
    SecondStreamReply,
    /// A STREAM or STREAM_HOLE packet whose serial is not a stream's.
    #[error("a stream packet for no stream")]
    StreamPacketForNoStream,
    /// A file descriptor's carrier byte came without the descriptor.
    #[error("a file descriptor carrier byte came without its descriptor")]
    FdCarrierWithoutFd,
    /// A SASL reply while no SASL step was on its way.
    #[error("a SASL reply the client did not ask for")]
    UnaskedSaslReply,
    /// An answer to the open sequence that it cannot use.
    #[error("an answer the open sequence cannot use")]
    OpenSequence,
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
    /// The transport failed: a socket error, TLS, the ssh child, the
    /// driver that carried it stopped, or the open sequence did not finish
    /// in time (`VIR_CONNECT_CLOSE_REASON_ERROR`).
    Transport,
    /// The daemon broke the protocol: a malformed packet, an unexpected
    /// reply (`VIR_CONNECT_CLOSE_REASON_ERROR`).
    Protocol,
    /// Opening or authentication was refused or failed, or its arguments
    /// could not be sent (`VIR_CONNECT_CLOSE_REASON_ERROR`).
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
            // An open that did not finish in time is reported as before:
            // libvirt has no closer word than "error" for it.
            ConnectionError::Transport(_)
            | ConnectionError::DriverStopped
            | ConnectionError::OpenTimeout(_) => CloseReason::Transport,
            ConnectionError::Malformed(_) | ConnectionError::ProtocolViolation(_) => {
                CloseReason::Protocol
            }
            ConnectionError::AuthUnsupported(_)
            | ConnectionError::Open(_)
            | ConnectionError::Auth(_)
            | ConnectionError::OpenArguments(_) => CloseReason::Refused,
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
        /// The method the URI asks for.
        wanted: AuthMethod,
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

/// An authentication method the URI can ask for (`auth=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthMethod {
    /// `auth=polkit`.
    Polkit,
    /// `auth=sasl` or `auth=sasl.MECH`.
    Sasl,
}

impl fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuthMethod::Polkit => "polkit",
            AuthMethod::Sasl => "sasl",
        })
    }
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
    /// The procedure or stream cannot be used this way (e.g. an event
    /// procedure called, a stream procedure called without a stream, data
    /// sent on a stream that only flows from the server).
    #[error("{0}")]
    WrongKind(Misuse),
    /// The stream broke the protocol (data after end of file, a hole on a
    /// non-sparse stream, ...); only this stream is affected.
    #[error("stream protocol violation: {0}")]
    StreamViolation(StreamViolation),
    /// The stream was aborted by this side.
    #[error("the stream was aborted")]
    Aborted,
}

impl From<ConnectionError> for CallError {
    fn from(e: ConnectionError) -> Self {
        CallError::Connection(e)
    }
}

/// How a procedure or a stream was used the wrong way
/// ([`CallError::WrongKind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Misuse {
    /// The procedure cannot be called through this method (an event
    /// procedure; a stream procedure without `call_stream`; a procedure
    /// that takes fds without `call_with_fds`, or the other way round).
    #[error("procedure {} cannot be called this way", .0.name)]
    Procedure(&'static ProcedureInfo),
    /// The handle is not one of an open stream (never a stream, or
    /// released).
    #[error("no open stream has this handle")]
    NotAStream,
    /// The stream is still opening: its call's reply has not come.
    #[error("the stream is not open yet")]
    StreamNotOpen,
    /// The stream is finishing, aborting or over.
    #[error("the stream is finishing or over")]
    StreamEnding,
    /// Data or holes sent on a stream that only flows from the server.
    #[error("the stream only flows from the server")]
    ReadOnlyStream,
    /// A hole sent on a stream opened without the sparse flag.
    #[error("holes need a stream opened with the sparse flag")]
    NotSparse,
    /// A hole of this many bytes: the protocol's hole length is a signed
    /// 64-bit number.
    #[error("a hole of {0} bytes is longer than the protocol allows (2^63 - 1)")]
    HoleTooLong(u64),
}

/// How the server broke a stream's protocol ([`CallError::StreamViolation`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum StreamViolation {
    /// An end of data on a stream that only flows to the server.
    #[error("end of data on an upload stream")]
    EofOnUpload,
    /// Data on a stream that only flows to the server.
    #[error("data on an upload stream")]
    DataOnUpload,
    /// Data after the server's end of data.
    #[error("data after end of file")]
    DataAfterEof,
    /// A hole on a stream opened without the sparse flag.
    #[error("a hole on a stream that is not sparse")]
    HoleNotSparse,
    /// A hole whose payload is not a `virNetStreamHole`.
    #[error("a hole that does not decode")]
    UndecodableHole,
    /// A hole of negative length.
    #[error("a hole of negative length")]
    NegativeHole,
    /// A hole after the server's end of data.
    #[error("a hole after end of file")]
    HoleAfterEof,
    /// The server confirmed a finish or abort this side did not send.
    #[error("the server ended the stream unasked")]
    EndedUnasked,
    /// A stream error whose payload is not a `remote_error`.
    #[error("a stream error that does not decode")]
    UndecodableError,
    /// A stream packet whose status does not fit its type.
    #[error("a stream packet with an unexpected status")]
    UnexpectedStatus,
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn messages_name_the_cause() {
        let info = crate::remote::Procedure::ConnectGetVersion.info();
        assert_eq!(
            CallError::WrongKind(Misuse::Procedure(info)).to_string(),
            "procedure REMOTE_PROC_CONNECT_GET_VERSION cannot be called this way"
        );
        assert_eq!(
            CallError::WrongKind(Misuse::NotAStream).to_string(),
            "no open stream has this handle"
        );
        assert_eq!(
            ConnectionError::Malformed(MalformedPacket::LengthBelowMinimum(4)).to_string(),
            "malformed packet from the server: a length word of 4, below the smallest packet of 28 bytes"
        );
        assert_eq!(
            ConnectionError::OpenTimeout(core::time::Duration::from_secs(3)).to_string(),
            "the open sequence did not finish within 3s"
        );
        let e =
            ConnectionError::OpenArguments(libvirt_xdr::Error::LengthExceedsMax { len: 5, max: 4 });
        assert_eq!(e.reason(), CloseReason::Refused);
        assert!(!e.to_string().contains("from the server"), "{e}");
        assert_eq!(
            ConnectionError::DriverStopped.reason(),
            CloseReason::Transport
        );
        // A remote error names its code by its C name.
        let e = RemoteError {
            code: ErrorNumber::ErrNoDomain.as_raw(),
            domain: ErrorDomain::Qemu.as_raw(),
            message: Some("Domain not found".to_string()),
            level: 2,
            str1: None,
            str2: None,
            str3: None,
            int1: -1,
            int2: -1,
        };
        assert_eq!(
            e.to_string(),
            "Domain not found (VIR_ERR_NO_DOMAIN, code 42)"
        );
    }
}
