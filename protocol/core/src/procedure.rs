//! Procedure metadata and the traits that tie each generated procedure to
//! its argument and return types.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// How a procedure is used on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProcedureKind {
    /// The client sends a CALL and the server answers with a REPLY.
    Call,
    /// The server sends it unasked as a MESSAGE (an event); it is never
    /// called.
    Event,
    /// Either side sends it as a MESSAGE with no reply (keepalive PING and
    /// PONG).
    Message,
}

/// Which way a procedure's data stream flows, once its CALL succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StreamDirection {
    /// The procedure opens no stream.
    None,
    /// Server to client (`@readstream`), e.g. volume download, screenshot.
    Read,
    /// Client to server (`@writestream`), e.g. volume upload.
    Write,
    /// Both ways: the console and channel streams, which libvirt annotates
    /// as read streams but uses in both directions.
    Both,
}

impl StreamDirection {
    /// Whether the procedure opens a stream at all.
    pub const fn is_stream(self) -> bool {
        !matches!(self, StreamDirection::None)
    }
}

/// Whether a procedure's packets carry file descriptors (UNIX sockets only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FdPassing {
    /// No file descriptors.
    None,
    /// The CALL is sent as CALL_WITH_FDS.
    Call,
    /// The REPLY comes as REPLY_WITH_FDS.
    Reply,
    /// Both the CALL and the REPLY may carry file descriptors.
    Both,
}

/// libvirt's dispatch priority (`@priority`): high-priority calls never
/// block on a hypervisor monitor and may run on the server's priority
/// workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Priority {
    /// The default.
    Low,
    /// `@priority: high`.
    High,
}

/// Which stubs libvirt itself generates for a procedure (`@generate`);
/// anything but `Both` marks hand-written semantics on libvirt's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Generate {
    /// `@generate: none`
    None,
    /// `@generate: client`
    Client,
    /// `@generate: server`
    Server,
    /// `@generate: both`
    Both,
}

/// A family of libvirt events that go to registered callbacks: the
/// procedures that register and deregister its callbacks and the events
/// they receive (see [`CallbackRole`]). Each family counts its callback ids
/// on its own.
///
/// The generator names each family after its procedures
/// (`REMOTE_PROC_CONNECT_<FAMILY>_EVENT_..._REGISTER_ANY`,
/// `REMOTE_PROC_<FAMILY>_EVENT_...`); a family new in libvirt's protocol
/// files fails the build until it is added here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventFamily {
    /// Domain events (`virConnectDomainEventRegisterAny`).
    Domain,
    /// Network events (`virConnectNetworkEventRegisterAny`).
    Network,
    /// Storage pool events (`virConnectStoragePoolEventRegisterAny`).
    StoragePool,
    /// Node device events (`virConnectNodeDeviceEventRegisterAny`).
    NodeDevice,
    /// Secret events (`virConnectSecretEventRegisterAny`).
    Secret,
    /// QEMU monitor events of the qemu program
    /// (`virConnectDomainQemuMonitorEventRegister`).
    DomainMonitor,
}

/// A procedure's part in libvirt's event callbacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CallbackRole {
    /// Registers a callback of the family; the REPLY starts with its
    /// callback id.
    Register(EventFamily),
    /// Deregisters a callback of the family; the CALL starts with its
    /// callback id.
    Deregister(EventFamily),
    /// An event for a callback of the family; the MESSAGE starts with its
    /// callback id.
    Event(EventFamily),
}

impl CallbackRole {
    /// The family the procedure belongs to.
    pub const fn family(self) -> EventFamily {
        match self {
            CallbackRole::Register(f) | CallbackRole::Deregister(f) | CallbackRole::Event(f) => f,
        }
    }
}

/// Everything known about one procedure of one program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcedureInfo {
    /// The program number (e.g. `0x20008086` for the remote program).
    pub program: u32,
    /// The program version.
    pub version: u32,
    /// The procedure number within the program.
    pub number: i32,
    /// The C name, e.g. `REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME`.
    pub name: &'static str,
    /// The snake_case method name, e.g. `domain_lookup_by_name`.
    pub method: &'static str,
    /// The `.x` name of the argument (or event message) type, if any.
    pub args: Option<&'static str>,
    /// The `.x` name of the return type, if any.
    pub ret: Option<&'static str>,
    /// Call, event or keepalive message.
    pub kind: ProcedureKind,
    /// The procedure's part in event callbacks, if any (the legacy domain
    /// event registrations and the events without a callback id have
    /// none).
    pub callback: Option<CallbackRole>,
    /// The data stream the procedure opens, if any.
    pub stream: StreamDirection,
    /// The `args.flags` bit that allows holes on the stream, if the stream
    /// can be sparse (`@sparseflag`).
    pub sparse_flag: Option<u32>,
    /// Whether the CALL or REPLY carries file descriptors.
    pub fds: FdPassing,
    /// The dispatch priority.
    pub priority: Priority,
    /// Which stubs libvirt generates for it.
    pub generate: Generate,
    /// The server's access-control rules (`@acl`).
    pub acl: &'static [&'static str],
    /// The server's list filters (`@aclfilter`).
    pub aclfilter: &'static [&'static str],
}

/// A procedure of a libvirt program, as a type: one zero-sized type per
/// procedure is generated (e.g. `remote::procedures::DomainLookupByName`).
pub trait Procedure {
    /// The procedure's metadata.
    const INFO: &'static ProcedureInfo;
}

/// A procedure the client calls: the CALL carries [`Self::Args`] and a
/// successful REPLY carries [`Self::Ret`] (`()` when void).
pub trait CallProcedure: Procedure {
    /// The argument type (`()` when the procedure takes none).
    type Args: Serialize + DeserializeOwned + core::fmt::Debug + Send + Sync + 'static;
    /// The return type (`()` when the procedure returns nothing).
    type Ret: Serialize + DeserializeOwned + core::fmt::Debug + Send + Sync + 'static;
}

/// An event the server sends as a MESSAGE carrying [`Self::Message`].
pub trait EventProcedure: Procedure {
    /// The message's payload type.
    type Message: Serialize + DeserializeOwned + core::fmt::Debug + Send + Sync + 'static;
}

/// Which part of a procedure's traffic a payload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PayloadPart {
    /// The arguments of a CALL (or the payload of an event MESSAGE).
    Args,
    /// The payload of a successful REPLY.
    Ret,
}

/// A generic operation over "the Rust type of a payload", used to decode,
/// re-encode or print a payload whose type is only known at run time from
/// its procedure number (see each program's `visit_payload_type`).
pub trait PayloadTypeVisitor {
    /// What the visit produces.
    type Output;
    /// Called with the payload's type.
    fn visit<T>(self) -> Self::Output
    where
        T: Serialize + DeserializeOwned + core::fmt::Debug + Send + Sync + 'static;
}

/// A generic operation over every generated wire type, with the bounds a
/// property test or fuzz target needs (see each module's `visit_all_types`).
#[cfg(feature = "arbitrary")]
pub trait TypeVisitor {
    /// Called once per type with its `.x` name.
    fn visit<T>(&mut self, name: &'static str)
    where
        T: Serialize
            + DeserializeOwned
            + core::fmt::Debug
            + PartialEq
            + for<'a> arbitrary::Arbitrary<'a>
            + 'static;
}
