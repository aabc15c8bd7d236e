//! The sans-IO connection: one libvirt RPC connection as a pure state
//! machine.
//!
//! The driver (an adapter, or your own event loop) owns the socket and the
//! clock and follows one rule: **after every call into the connection,
//! drain its outputs**: write what [`Connection::poll_transmit`] returns,
//! hand over the fds it asks for, take every [`Connection::poll_event`], and
//! arm a timer for [`Connection::poll_timeout`].
//!
//! | input | output |
//! |---|---|
//! | [`handle_input`](Connection::handle_input) (bytes read, split anywhere) | [`poll_transmit`](Connection::poll_transmit) / [`transmitted`](Connection::transmitted) (bytes and fds to write) |
//! | [`handle_fds`](Connection::handle_fds) (fds received with those bytes) | [`poll_event`](Connection::poll_event) (replies, typed events, stream news) |
//! | [`handle_timeout`](Connection::handle_timeout) (the clock) | [`poll_timeout`](Connection::poll_timeout) (the next deadline) |
//! | [`handle_eof`](Connection::handle_eof), [`handle_transport_error`](Connection::handle_transport_error) | [`wants_input`](Connection::wants_input) (backpressure) |
//!
//! Time is a [`Duration`] since any fixed origin the driver picks (a
//! monotonic clock); a spurious or early timeout is a no-op.
//!
//! File descriptors (UNIX sockets): to send, write the bytes
//! [`Transmit::Bytes`] gives up to a [`Transmit::Fds`], then send that
//! call's fds one per `sendmsg()` with a single `0` byte each. To receive,
//! always read with `recvmsg()` and room for `SCM_RIGHTS`; Linux ends a read
//! at a byte that carries fds, so each read returns bytes and the fds that
//! came with them: pass the fds' count to [`Connection::handle_fds`] first,
//! then the bytes to [`Connection::handle_input`]. The carrier bytes are
//! part of the byte stream and the connection consumes them itself; a
//! [`Reply`] says how many of the received fds, in order, are its own.
//!
//! Calls ([`Connection::call`]) return a [`CallId`]; the answer comes back
//! as [`Event::Reply`] with that id, in whatever order the server answers.
//! Streams are calls too: their data is read with
//! [`Connection::stream_recv`] and written with [`Connection::stream_send`].
//!
//! A complete driver over a blocking UNIX socket, with no runtime:
//!
//! ```no_run
//! use std::io::{Read, Write};
//! use std::os::unix::net::UnixStream;
//! use std::time::Instant;
//!
//! use libvirt_core::remote::{self, procedures};
//! use libvirt_core::{Config, Connection, Event, Open, Transmit};
//!
//! let mut socket = UnixStream::connect("/run/libvirt/libvirt-sock")?;
//! let start = Instant::now();
//! let open = Open::Remote { name: Some("test:///default".into()), read_only: false };
//! let mut conn = Connection::new(Config::default(), open, start.elapsed());
//! // Calls may be made at once: they go out when the open sequence is done.
//! let call = conn.call::<procedures::ConnectGetHostname>(&()).unwrap();
//! let mut buf = vec![0u8; 65536];
//! loop {
//!     // Drain the outputs: bytes to write, then events.
//!     while let Some(Transmit::Bytes(bytes)) = conn.poll_transmit() {
//!         let n = socket.write(bytes)?;
//!         conn.transmitted(n);
//!     }
//!     while let Some(event) = conn.poll_event() {
//!         match event {
//!             Event::Reply { call: id, result } if id == call => {
//!                 let ret: remote::ConnectGetHostnameRet = result?.decode()?;
//!                 println!("host: {}", ret.hostname);
//!                 return Ok(());
//!             }
//!             Event::Closed(e) => return Err(e.into()),
//!             _ => {}
//!         }
//!     }
//!     // Wait for input until the next deadline (keepalive).
//!     let now = start.elapsed();
//!     let deadline = conn.poll_timeout();
//!     if deadline.is_some_and(|d| d <= now) {
//!         conn.handle_timeout(now);
//!         continue;
//!     }
//!     socket.set_read_timeout(deadline.map(|d| d - now))?;
//!     match socket.read(&mut buf) {
//!         Ok(0) => conn.handle_eof(),
//!         Ok(n) => conn.handle_input(start.elapsed(), &buf[..n]),
//!         Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
//!             conn.handle_timeout(start.elapsed())
//!         }
//!         Err(e) => conn.handle_transport_error(e.to_string()),
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AuthError, CallError, ConnectionError, RemoteError};
use crate::net::{MessageError, MessageStatus, MessageType, StreamHole};
use crate::packet::{self, Header, LEN_WORD, MAX_FDS, MAX_PACKET, STREAM_CHUNK};
use crate::procedure::{CallProcedure, FdPassing, ProcedureInfo, ProcedureKind, StreamDirection};
use crate::{admin, keepalive, qemu, remote};

mod subscriptions;

use subscriptions::{Action, RegisterArgs, Subscriptions, call_family, event_family};
pub use subscriptions::{EventFilter, SubscriptionId};

/// Keepalive settings (protocol-notes §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeepaliveConfig {
    /// Send a PING after this long without hearing from the server.
    pub interval: Duration,
    /// Declare the server dead after this many unanswered PINGs.
    pub count: u32,
}

impl Default for KeepaliveConfig {
    /// libvirt's defaults: 5 seconds, 5 pings.
    fn default() -> Self {
        KeepaliveConfig {
            interval: Duration::from_secs(5),
            count: 5,
        }
    }
}

/// Which authentication to use (the URI's `auth=`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// What the server asks for: none, polkit or SASL (the first type it
    /// lists), as libvirt's client does.
    #[default]
    Server,
    /// `auth=polkit`: polkit, or a clear error if the server does not offer
    /// it.
    Polkit,
    /// `auth=sasl` or `auth=sasl.MECH`: SASL, with that mechanism only if
    /// one is named.
    Sasl {
        /// The mechanism (`SCRAM-SHA-256`, ...), matched against the
        /// server's list as libvirt does (a case-sensitive substring test).
        mechanism: Option<String>,
    },
}

/// A step of the SASL exchange for the driver to take: the core runs the
/// `AUTH_SASL_*` calls, the driver runs the mechanism (it holds the
/// credentials and the cryptography) and answers with
/// [`Connection::sasl_start`], [`Connection::sasl_step`] or
/// [`Connection::sasl_fail`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SaslEvent {
    /// Pick one of these mechanisms (the server's list, or only the one
    /// `auth=sasl.MECH` asked for) and call [`Connection::sasl_start`].
    Start {
        /// The mechanisms, in the server's order.
        mechanisms: Vec<String>,
    },
    /// The server's challenge (`None` is libvirt's `nil`: no data, which is
    /// not the same as empty data); answer with [`Connection::sasl_step`].
    Challenge {
        /// The server's data.
        data: Option<Vec<u8>>,
        /// The server says it is done; the client must still check the
        /// data (for mutual authentication) before it is done too.
        server_complete: bool,
    },
    /// Both sides are done: a security layer the mechanism negotiated
    /// applies from the next byte on, both ways (the open sequence's next
    /// packets are already queued: put the layer in place before writing
    /// them).
    Complete,
}

/// Connection settings.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// Which authentication to use (default: what the server asks for).
    pub auth: Auth,
    /// Keepalive in both directions; `None` turns it off (PINGs from the
    /// server are still answered).
    pub keepalive: Option<KeepaliveConfig>,
    /// Bytes a stream may hold unread before [`Connection::wants_input`]
    /// says to stop reading the socket.
    pub stream_buffer_limit: usize,
    /// Bytes of unsent output above which [`Connection::stream_send`]
    /// accepts nothing more.
    pub transmit_high_water: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            auth: Auth::Server,
            keepalive: Some(KeepaliveConfig::default()),
            stream_buffer_limit: 4 * STREAM_CHUNK,
            transmit_high_water: 4 * STREAM_CHUNK,
        }
    }
}

/// How the connection is opened.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Open {
    /// The remote program: AUTH_LIST, authentication (none or polkit), the
    /// keepalive probe, CONNECT_OPEN, the URI if none was given, and the
    /// event and close-callback feature probes.
    Remote {
        /// The URI sent to the server (`test:///default`,
        /// `qemu:///system`); `None` lets the server pick, and the URI it
        /// picked is fetched.
        name: Option<String>,
        /// Open read-only (`VIR_CONNECT_RO`).
        read_only: bool,
    },
    /// The admin program, on a daemon's admin socket.
    Admin {
        /// `ADMIN_CONNECT_OPEN` flags.
        flags: u32,
    },
    /// No open sequence: the socket is already open (handed over by the
    /// caller) or the peer is not a libvirt daemon.
    Skip,
}

/// What the open sequence learned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Connected {
    /// The connection's URI, if the client asked the server for it.
    pub uri: Option<String>,
    /// The server answers keepalive (feature 10), so this side pings it.
    pub keepalive: bool,
    /// The server supports callback-id events (feature 14).
    pub event_callbacks: bool,
    /// The server supports the close callback (feature 15).
    pub close_callback: bool,
    /// The SASL mechanism the connection authenticated with, if any.
    pub sasl_mechanism: Option<String>,
}

/// A call's handle. Unique for the connection's life, even after serials
/// wrap around.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallId(u64);

impl CallId {
    /// The serial the call has on the wire.
    pub const fn serial(self) -> u32 {
        self.0 as u32
    }
}

/// What the driver should write next.
#[derive(Debug, PartialEq, Eq)]
pub enum Transmit<'a> {
    /// Write these bytes (as many as the socket takes), then call
    /// [`Connection::transmitted`] with how many were written.
    Bytes(&'a [u8]),
    /// Send the file descriptors the caller gave for `call`, one per
    /// `sendmsg()` with a single `0` byte, then call
    /// [`Connection::fds_transmitted`].
    Fds {
        /// The call whose fds go now.
        call: CallId,
        /// How many.
        count: usize,
    },
}

/// A successful reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The encoded return value.
    pub payload: Vec<u8>,
    /// How many file descriptors came with the reply: the driver hands over
    /// that many of the fds it received, in order.
    pub fds: usize,
}

impl Reply {
    /// Decodes the return value.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, CallError> {
        libvirt_xdr::from_bytes(&self.payload).map_err(CallError::Decode)
    }
}

/// Why an incoming message was dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Discard {
    /// A MESSAGE of a program this client does not know.
    UnknownProgram,
    /// An event procedure this version does not know (libvirt's rule:
    /// ignore it).
    UnknownEvent,
    /// An event for a callback this side has deregistered.
    DeregisteredCallback(i32),
    /// The event's payload did not decode.
    Undecodable(libvirt_xdr::Error),
    /// A MESSAGE whose status is not OK.
    BadStatus,
    /// The reply of a cancelled call, which carried this many file
    /// descriptors: the driver closes that many of the fds it received, in
    /// order, as if a reply had claimed them.
    CancelledWithFds(usize),
}

/// Something the driver must act on.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// The open sequence finished: calls made so far are on their way.
    Connected(Connected),
    /// The answer to a call.
    Reply {
        /// The call.
        call: CallId,
        /// Its outcome.
        result: Result<Reply, CallError>,
    },
    /// A subscription's registration is done ([`Connection::subscribe`]):
    /// its events follow. An error means the subscription is over.
    Subscribed {
        /// The subscription.
        subscription: SubscriptionId,
        /// `Ok`, or why the server refused the registration.
        result: Result<(), CallError>,
    },
    /// A typed event of the remote program. Those of a subscription's
    /// callback go to [`Connection::subscribers`].
    Remote(remote::Event),
    /// A typed event of the QEMU program.
    Qemu(qemu::Event),
    /// The SASL exchange needs the driver (see [`SaslEvent`]).
    Sasl(SaslEvent),
    /// A stream has data, a hole, its end or an error to read with
    /// [`Connection::stream_recv`].
    StreamReadable(CallId),
    /// A stream is over: finished (`Ok`), aborted or failed.
    StreamClosed {
        /// The stream.
        stream: CallId,
        /// How it ended.
        result: Result<(), CallError>,
    },
    /// An incoming message was dropped.
    Discarded {
        /// Its program.
        prog: u32,
        /// Its procedure.
        procedure: i32,
        /// Why.
        reason: Discard,
    },
    /// The connection is over; every pending call and stream has been told.
    Closed(ConnectionError),
}

/// What [`Connection::stream_recv`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamRecv {
    /// This many bytes were copied into the buffer.
    Data(usize),
    /// A hole of this many bytes (sparse streams only).
    Hole(u64),
    /// The server's data is over.
    Eof,
    /// Nothing yet: wait for [`Event::StreamReadable`].
    Pending,
}

const KEEPALIVE_PING: i32 = 1;
const KEEPALIVE_PONG: i32 = 2;
const FEATURE_KEEPALIVE: i32 = 10;
const FEATURE_EVENT_CALLBACK: i32 = 14;
/// `REMOTE_AUTH_SASL_DATA_MAX`.
const SASL_DATA_MAX: usize = 65536;
const FEATURE_CLOSE_CALLBACK: i32 = 15;

#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    Opening,
    Ready,
    /// CONNECT_CLOSE sent; waiting for its reply, then the server's hang-up.
    Closing,
    /// Over; the reason was reported.
    Done(ConnectionError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    AuthList,
    AuthPolkit,
    SaslInit,
    SaslStart,
    SaslNext,
    FeatureKeepalive,
    Open,
    GetUri,
    Feature(i32),
    AdminOpen,
    Close,
}

#[derive(Debug)]
enum Role {
    User,
    Internal(Step),
    Stream,
    /// A shared event registration ([`Connection::subscribe`]).
    Register,
    /// Its undoing, whose answer no one waits for.
    Deregister,
}

#[derive(Debug)]
struct Pending {
    id: CallId,
    prog: u32,
    vers: u32,
    proc: i32,
    role: Role,
    cancelled: bool,
    /// A deregistration's (family, callback id): forgotten from
    /// `deregistered` when its answer comes, as no event of it follows.
    deregisters: Option<(usize, i32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The creating call is on its way; data may already arrive.
    Opening,
    Active,
    /// The server's data is over; finish sent automatically.
    Finishing,
    Aborting,
    /// Over; `result` says how.
    Over,
}

#[derive(Debug)]
enum Chunk {
    Data(Vec<u8>, usize),
    Hole(u64),
}

#[derive(Debug)]
struct StreamState {
    direction: StreamDirection,
    sparse: bool,
    phase: Phase,
    /// The REPLY to the creating call has come. Until then the call stays
    /// pending, even if the server has already ended the stream.
    replied: bool,
    eof: bool,
    rx: VecDeque<Chunk>,
    rx_bytes: usize,
    failure: Option<CallError>,
    /// The user has gone (cancelled): report nothing more.
    detached: bool,
}

/// Keepalive bookkeeping.
#[derive(Debug)]
struct Keepalive {
    config: Option<KeepaliveConfig>,
    /// This side sends PINGs (the server answers them).
    pinging: bool,
    deadline: Option<Duration>,
    unanswered: u32,
    /// When the server was last heard from (or the connection made).
    last_heard: Duration,
}

/// The family and callback id of an event that has one.
fn event_callback(event: &Event) -> Option<(usize, i32)> {
    let (info, callback) = match event {
        Event::Remote(e) => (e.procedure().info(), e.callback_id()),
        Event::Qemu(e) => (e.procedure().info(), e.callback_id()),
        _ => return None,
    };
    Some((event_family(info)?, callback?))
}

/// The reply being held until its file descriptors' carrier bytes are read.
#[derive(Debug)]
struct FdReply {
    serial: u32,
    payload: Vec<u8>,
    fds: usize,
    carriers_left: usize,
}

/// One libvirt RPC connection, as a pure state machine (see the module
/// docs for the driver's rule).
#[derive(Debug)]
pub struct Connection {
    config: Config,
    open: Open,
    state: State,
    connected: Connected,
    handshake_outstanding: u32,
    next_serial: u32,
    generation: u64,
    calls: BTreeMap<u32, Pending>,
    streams: BTreeMap<CallId, StreamState>,
    /// Callbacks deregistered (family, callback id): their events are
    /// dropped until the id is handed out again.
    deregistered: BTreeSet<(usize, i32)>,
    subscriptions: Subscriptions,
    out: Vec<u8>,
    out_pos: usize,
    out_fds: VecDeque<(usize, CallId, usize)>,
    held: Vec<u8>,
    held_fds: VecDeque<(usize, CallId, usize)>,
    rx: Vec<u8>,
    fd_reply: Option<FdReply>,
    fds_available: usize,
    events: VecDeque<Event>,
    keepalive: Keepalive,
    sasl: Sasl,
}

/// Where the SASL exchange is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Sasl {
    /// Not started (or not used).
    #[default]
    Idle,
    /// Waiting for the driver's [`Connection::sasl_start`].
    Mechanism,
    /// A START or STEP is on its way; `client_complete` is what the
    /// driver's mechanism said after producing it.
    Sent { client_complete: bool },
    /// Waiting for the driver's [`Connection::sasl_step`].
    Answer { server_complete: bool },
}

impl Connection {
    /// A new connection at time `now`; the open sequence (if any) is queued
    /// for transmission at once.
    pub fn new(config: Config, open: Open, now: Duration) -> Connection {
        let mut c = Connection {
            keepalive: Keepalive {
                config: config.keepalive,
                pinging: false,
                deadline: None,
                unanswered: 0,
                last_heard: now,
            },
            config,
            open: open.clone(),
            state: State::Opening,
            connected: Connected::default(),
            handshake_outstanding: 0,
            next_serial: 0,
            generation: 0,
            calls: BTreeMap::new(),
            streams: BTreeMap::new(),
            deregistered: BTreeSet::new(),
            subscriptions: Subscriptions::default(),
            out: Vec::new(),
            out_pos: 0,
            out_fds: VecDeque::new(),
            held: Vec::new(),
            held_fds: VecDeque::new(),
            rx: Vec::new(),
            fd_reply: None,
            fds_available: 0,
            events: VecDeque::new(),
            sasl: Sasl::Idle,
        };
        match open {
            Open::Remote { .. } => {
                c.internal(remote::Procedure::AuthList.info(), &(), Step::AuthList)
            }
            Open::Admin { flags } => c.internal(
                admin::Procedure::ConnectOpen.info(),
                &admin::ConnectOpenArgs { flags },
                Step::AdminOpen,
            ),
            Open::Skip => {
                // Nothing tells whether the peer answers PINGs; a libvirt
                // peer always does.
                c.keepalive.pinging = c.keepalive.config.is_some();
                c.become_ready();
            }
        }
        c.arm_keepalive(now);
        c
    }

    /// Starts the SASL exchange after [`SaslEvent::Start`]: the mechanism
    /// picked and its first data (`None` for none, as libvirt's `nil`).
    /// `client_complete` says whether the mechanism is already done on this
    /// side (`PLAIN` is; `SCRAM-*` is not). Out of turn, it does nothing.
    pub fn sasl_start(&mut self, mechanism: &str, data: Option<&[u8]>, client_complete: bool) {
        if self.sasl != Sasl::Mechanism || self.is_done() {
            return;
        }
        let (nil, data) = match Self::sasl_data(data) {
            Ok(d) => d,
            Err(e) => return self.fail(ConnectionError::Auth(e)),
        };
        self.connected.sasl_mechanism = Some(mechanism.into());
        self.sasl = Sasl::Sent { client_complete };
        self.internal(
            remote::Procedure::AuthSaslStart.info(),
            &remote::AuthSaslStartArgs {
                mech: mechanism.into(),
                nil,
                data,
            },
            Step::SaslStart,
        );
    }

    /// Answers a [`SaslEvent::Challenge`] with the mechanism's response
    /// (`None` for none). Once both sides are complete, nothing is sent and
    /// the connection is opened; otherwise the response goes in an
    /// `AUTH_SASL_STEP`. Out of turn, it does nothing.
    pub fn sasl_step(&mut self, data: Option<&[u8]>, client_complete: bool) {
        let Sasl::Answer { server_complete } = self.sasl else {
            return;
        };
        if self.is_done() {
            return;
        }
        if server_complete && client_complete {
            return self.sasl_done();
        }
        let (nil, data) = match Self::sasl_data(data) {
            Ok(d) => d,
            Err(e) => return self.fail(ConnectionError::Auth(e)),
        };
        self.sasl = Sasl::Sent { client_complete };
        self.internal(
            remote::Procedure::AuthSaslStep.info(),
            &remote::AuthSaslStepArgs { nil, data },
            Step::SaslNext,
        );
    }

    /// Gives up the SASL exchange on this side (no usable mechanism, no
    /// credentials, the server failed to prove itself): the connection
    /// ends with [`AuthError::Client`].
    pub fn sasl_fail(&mut self, reason: String) {
        self.fail(ConnectionError::Auth(AuthError::Client(reason)));
    }

    /// Whether the open sequence has finished and the connection is usable.
    pub fn is_ready(&self) -> bool {
        self.state == State::Ready
    }

    /// Why the connection is over, if it is.
    pub fn error(&self) -> Option<&ConnectionError> {
        match &self.state {
            State::Done(e) => Some(e),
            _ => None,
        }
    }

    /// How many calls and streams are waiting for the server.
    pub fn pending(&self) -> usize {
        self.calls.len()
    }

    // ----- calls ---------------------------------------------------------

    /// Queues a call of `P` and returns its handle; the answer comes as
    /// [`Event::Reply`]. Calls made before the open sequence has finished
    /// are sent right after it.
    pub fn call<P: CallProcedure>(&mut self, args: &P::Args) -> Result<CallId, CallError> {
        let info = P::INFO;
        if info.kind != ProcedureKind::Call
            || info.stream.is_stream()
            || matches!(info.fds, FdPassing::Call | FdPassing::Both)
        {
            return Err(CallError::WrongKind(info.name));
        }
        self.submit(info, args, Role::User, None)
    }

    /// Queues a call of `P` that opens a data stream; the stream's handle is
    /// the call's. The stream is usable once [`Event::Reply`] says `Ok`, but
    /// data the server sends earlier is kept.
    pub fn call_stream<P: CallProcedure>(&mut self, args: &P::Args) -> Result<CallId, CallError> {
        let info = P::INFO;
        if info.kind != ProcedureKind::Call || !info.stream.is_stream() {
            return Err(CallError::WrongKind(info.name));
        }
        self.submit(info, args, Role::Stream, None)
    }

    /// Queues a call of `P` that carries `fds` file descriptors
    /// (CALL_WITH_FDS); [`Connection::poll_transmit`] says when to send them.
    pub fn call_with_fds<P: CallProcedure>(
        &mut self,
        args: &P::Args,
        fds: usize,
    ) -> Result<CallId, CallError> {
        let info = P::INFO;
        if info.kind != ProcedureKind::Call
            || !matches!(info.fds, FdPassing::Call | FdPassing::Both)
        {
            return Err(CallError::WrongKind(info.name));
        }
        if fds > MAX_FDS {
            return Err(CallError::Encode(libvirt_xdr::Error::LengthExceedsMax {
                len: fds as u64,
                max: MAX_FDS as u64,
            }));
        }
        self.submit(info, args, Role::User, Some(fds))
    }

    // ----- event subscriptions ------------------------------------------

    /// Subscribes to events. Any number of subscriptions may share a filter:
    /// the first one registers with the server, the others join it (the
    /// daemon refuses a second identical registration), and the last
    /// [`Connection::unsubscribe`] undoes it. [`Event::Subscribed`] says
    /// when the registration is done (at once when one is active); from
    /// then on [`Connection::subscribers`] lists the subscription for each
    /// of its events.
    pub fn subscribe(&mut self, filter: EventFilter) -> Result<SubscriptionId, CallError> {
        self.usable()?;
        if let Some((sub, callback)) = self.subscriptions.join(&filter) {
            if callback.is_some() {
                self.events.push_back(Event::Subscribed {
                    subscription: sub,
                    result: Ok(()),
                });
            }
            return Ok(sub);
        }
        let info = filter.register_info();
        let call = self.submit(info, &RegisterArgs(&filter), Role::Register, None)?;
        Ok(self.subscriptions.add(filter, call))
    }

    /// Ends a subscription; its events stop at once. The last subscription
    /// of a registration deregisters it on the server (events already on
    /// their way are dropped as [`Discard::DeregisteredCallback`]).
    pub fn unsubscribe(&mut self, subscription: SubscriptionId) {
        let action = self.subscriptions.unsubscribe(subscription);
        self.act(action);
    }

    /// The subscriptions an event belongs to, in the order they subscribed;
    /// empty for events of no subscription (and for every other event).
    pub fn subscribers(&self, event: &Event) -> &[SubscriptionId] {
        match event_callback(event) {
            Some((family, cb)) => self.subscriptions.subscribers(family, cb),
            None => &[],
        }
    }

    /// The server's callback id behind a subscription, once registered.
    pub fn subscription_callback(&self, subscription: SubscriptionId) -> Option<i32> {
        self.subscriptions.callback(subscription)
    }

    /// What a live subscription listens to.
    pub fn subscription_filter(&self, subscription: SubscriptionId) -> Option<&EventFilter> {
        self.subscriptions.filter(subscription)
    }

    /// How many registrations the server holds for this connection's
    /// subscriptions, or is about to.
    pub fn registrations(&self) -> usize {
        self.subscriptions.registrations()
    }

    fn act(&mut self, action: Action) {
        if let Action::Deregister(filter, callback) = action {
            // Nothing to undo on a connection that is over or closing.
            let _ = self.submit(filter.deregister_info(), &callback, Role::Deregister, None);
        }
    }

    /// A registration's reply: the server may hand out a callback id that
    /// was deregistered before, whose events flow again.
    fn registered_again(
        &mut self,
        program: u32,
        procedure: i32,
        result: &Result<Reply, CallError>,
    ) {
        if let (Some(Ok(family)), Ok(reply)) = (call_family(program, procedure), result) {
            if let Some(w) = reply.payload.first_chunk::<4>() {
                self.deregistered.remove(&(family, i32::from_be_bytes(*w)));
            }
        }
    }

    fn on_registered(&mut self, call: CallId, result: Result<Reply, CallError>) {
        let callback = result
            .and_then(|r| libvirt_xdr::from_bytes::<i32>(&r.payload).map_err(CallError::Decode));
        let (subs, action) = self
            .subscriptions
            .registered(call, callback.as_ref().map(|&cb| cb).map_err(|_| ()));
        for sub in subs {
            self.events.push_back(Event::Subscribed {
                subscription: sub,
                result: callback.as_ref().map(|_| ()).map_err(Clone::clone),
            });
        }
        self.act(action);
    }

    /// Forgets a call or stream whose caller has gone: its reply will be
    /// dropped when it comes, and a stream is aborted. The connection stays
    /// usable.
    pub fn cancel(&mut self, call: CallId) {
        if let Some(s) = self.streams.get_mut(&call) {
            s.detached = true;
            s.rx.clear();
            s.rx_bytes = 0;
            if s.phase == Phase::Active {
                self.send_stream_control(call, MessageStatus::Error);
            }
            if let Some(s) = self.streams.get(&call) {
                if s.phase == Phase::Over {
                    self.streams.remove(&call);
                }
            }
        }
        if let Some(p) = self.calls.get_mut(&call.serial()) {
            if p.id == call {
                p.cancelled = true;
            }
        }
    }

    /// Closes the connection politely (CONNECT_CLOSE); the server hangs up
    /// after answering. Calls still pending then fail with
    /// [`ConnectionError::Closed`].
    pub fn close(&mut self) {
        match self.state {
            State::Ready => {
                let info = match self.open {
                    Open::Admin { .. } => admin::Procedure::ConnectClose.info(),
                    _ => remote::Procedure::ConnectClose.info(),
                };
                self.internal(info, &(), Step::Close);
                self.state = State::Closing;
            }
            State::Opening => self.fail(ConnectionError::Closed),
            State::Closing | State::Done(_) => {}
        }
    }

    // ----- driver input ----------------------------------------------------

    /// Feeds bytes read from the socket, split anywhere.
    pub fn handle_input(&mut self, now: Duration, mut data: &[u8]) {
        if data.is_empty() || self.is_done() {
            return;
        }
        self.heard_from_server(now);
        while !data.is_empty() && !self.is_done() {
            if self.fd_reply.is_some() {
                data = self.eat_carriers(data);
                continue;
            }
            if self.rx.is_empty() {
                // Fast path: whole packets straight from the caller's buffer.
                if let Some(word) = data.first_chunk::<LEN_WORD>() {
                    let len = match packet::packet_len(*word) {
                        Ok(len) => len,
                        Err(why) => return self.fail(ConnectionError::Malformed(why)),
                    };
                    if let Some((packet, rest)) = data.split_at_checked(len) {
                        self.process(&packet[LEN_WORD..]);
                        data = rest;
                        continue;
                    }
                }
            }
            // Slow path: gather a packet split across reads.
            let need = if self.rx.len() < LEN_WORD {
                LEN_WORD
            } else {
                let word = [self.rx[0], self.rx[1], self.rx[2], self.rx[3]];
                match packet::packet_len(word) {
                    Ok(len) => len,
                    Err(why) => return self.fail(ConnectionError::Malformed(why)),
                }
            };
            let take = (need - self.rx.len()).min(data.len());
            self.rx.extend_from_slice(&data[..take]);
            data = &data[take..];
            if let Some(word) = self
                .rx
                .first_chunk::<LEN_WORD>()
                .filter(|_| need == LEN_WORD)
            {
                // Judge a length word as soon as it is complete, not when
                // (if ever) the next byte comes.
                if let Err(why) = packet::packet_len(*word) {
                    return self.fail(ConnectionError::Malformed(why));
                }
            }
            if self.rx.len() == need && need > LEN_WORD {
                let rx = core::mem::take(&mut self.rx);
                self.process(&rx[LEN_WORD..]);
                if self.rx.is_empty() {
                    // Keep the allocation for the next split packet.
                    self.rx = rx;
                    self.rx.clear();
                }
            }
        }
    }

    /// Tells the connection that `count` file descriptors arrived (with
    /// `SCM_RIGHTS`) in the bytes about to be passed to
    /// [`Connection::handle_input`]. Keep the fds in arrival order: replies
    /// say how many of them are theirs.
    pub fn handle_fds(&mut self, count: usize) {
        self.fds_available = self.fds_available.saturating_add(count);
    }

    /// The server closed the connection (read returned 0).
    pub fn handle_eof(&mut self) {
        match self.state {
            State::Done(_) => {}
            State::Closing => self.fail(ConnectionError::Closed),
            _ if self.rx.is_empty() && self.fd_reply.is_none() => self.fail(ConnectionError::Eof),
            _ => self.fail(ConnectionError::Malformed("end of file inside a packet")),
        }
    }

    /// The transport failed; the connection is over.
    pub fn handle_transport_error(&mut self, description: String) {
        self.fail(ConnectionError::Transport(description));
    }

    /// Advances the clock: sends a keepalive PING, or declares the server
    /// dead. Early or repeated calls are harmless.
    pub fn handle_timeout(&mut self, now: Duration) {
        if self.is_done() {
            return;
        }
        let Some(config) = self.keepalive.config else {
            return;
        };
        let Some(deadline) = self.keepalive.deadline else {
            return;
        };
        if now < deadline {
            return;
        }
        if !self.keepalive.pinging {
            // Only during the open sequence (before the server said it
            // answers PINGs): silence this long, interval × (count + 1),
            // while waiting for its answers means it is gone.
            if self.state == State::Opening {
                self.fail(ConnectionError::NoAnswer(
                    deadline.saturating_sub(self.keepalive.last_heard),
                ));
            } else {
                self.keepalive.deadline = None;
            }
            return;
        }
        if self.keepalive.unanswered >= config.count {
            return self.fail(ConnectionError::KeepaliveTimeout(config.count));
        }
        self.keepalive.unanswered += 1;
        self.send_keepalive(KEEPALIVE_PING);
        self.keepalive.deadline = Some(now + config.interval);
    }

    // ----- driver output -----------------------------------------------------

    /// The next thing to write, if any.
    pub fn poll_transmit(&self) -> Option<Transmit<'_>> {
        if let Some(&(end, call, count)) = self.out_fds.front() {
            if end == self.out_pos {
                return Some(Transmit::Fds { call, count });
            }
            return Some(Transmit::Bytes(&self.out[self.out_pos..end]));
        }
        (self.out_pos < self.out.len()).then(|| Transmit::Bytes(&self.out[self.out_pos..]))
    }

    /// `n` bytes of the last [`Transmit::Bytes`] were written.
    pub fn transmitted(&mut self, n: usize) {
        let limit = self.out_fds.front().map_or(self.out.len(), |f| f.0);
        self.out_pos = (self.out_pos + n).min(limit);
        self.compact_out();
    }

    /// The fds of the last [`Transmit::Fds`] were sent.
    pub fn fds_transmitted(&mut self) {
        if self.out_fds.front().is_some_and(|f| f.0 == self.out_pos) {
            self.out_fds.pop_front();
        }
        self.compact_out();
    }

    /// Bytes queued for transmission and not yet written.
    pub fn transmit_pending(&self) -> usize {
        self.out.len() - self.out_pos
    }

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<Event> {
        let event = self.events.pop_front();
        if self.events.is_empty() && self.events.capacity() > 0 {
            // An idle connection holds no event storage (an event is some
            // 200 bytes; the queue's storage would outlive the burst).
            self.events = VecDeque::new();
        }
        event
    }

    /// When [`Connection::handle_timeout`] should be called next.
    pub fn poll_timeout(&self) -> Option<Duration> {
        if self.is_done() {
            return None;
        }
        self.keepalive.deadline
    }

    /// Whether to keep reading the socket: false while some stream holds
    /// more unread data than [`Config::stream_buffer_limit`] (the server
    /// then waits, as TCP backpressure) or once the connection is over.
    pub fn wants_input(&self) -> bool {
        !self.is_done()
            && self
                .streams
                .values()
                .all(|s| s.rx_bytes < self.config.stream_buffer_limit)
    }

    // ----- streams -----------------------------------------------------------

    /// Reads from a stream into `buf`: data, a hole, the end, or nothing
    /// yet. Fails with the stream's error once it failed.
    pub fn stream_recv(&mut self, stream: CallId, buf: &mut [u8]) -> Result<StreamRecv, CallError> {
        let Some(s) = self.streams.get_mut(&stream) else {
            return Err(CallError::WrongKind("not an open stream"));
        };
        match s.rx.front_mut() {
            Some(Chunk::Data(data, offset)) => {
                let n = (data.len() - *offset).min(buf.len());
                buf[..n].copy_from_slice(&data[*offset..*offset + n]);
                *offset += n;
                s.rx_bytes -= n;
                if *offset == data.len() {
                    s.rx.pop_front();
                }
                Ok(StreamRecv::Data(n))
            }
            Some(Chunk::Hole(len)) => {
                let len = *len;
                s.rx.pop_front();
                Ok(StreamRecv::Hole(len))
            }
            None => {
                if let Some(e) = &s.failure {
                    Err(e.clone())
                } else if s.eof {
                    Ok(StreamRecv::Eof)
                } else {
                    Ok(StreamRecv::Pending)
                }
            }
        }
    }

    /// Writes data to a stream (in packets of at most 262120 bytes);
    /// returns how much was taken, `0` while the unsent output is above
    /// [`Config::transmit_high_water`].
    pub fn stream_send(&mut self, stream: CallId, data: &[u8]) -> Result<usize, CallError> {
        self.writable_stream(stream)?;
        let mut taken = 0;
        while taken < data.len() && self.transmit_pending() < self.config.transmit_high_water {
            let n = (data.len() - taken).min(STREAM_CHUNK);
            self.send_stream_packet(
                stream,
                MessageType::Stream,
                MessageStatus::Continue,
                &data[taken..taken + n],
            );
            taken += n;
        }
        Ok(taken)
    }

    /// Sends a hole of `length` bytes on a sparse stream.
    pub fn stream_send_hole(&mut self, stream: CallId, length: u64) -> Result<(), CallError> {
        let s = self.writable_stream(stream)?;
        if !s.sparse {
            return Err(CallError::WrongKind(
                "holes need a stream opened with the sparse flag",
            ));
        }
        let length =
            i64::try_from(length).map_err(|_| CallError::WrongKind("hole longer than 2^63"))?;
        let hole =
            libvirt_xdr::to_vec(&StreamHole { length, flags: 0 }).map_err(CallError::Encode)?;
        self.send_stream_packet(
            stream,
            MessageType::StreamHole,
            MessageStatus::Continue,
            &hole,
        );
        Ok(())
    }

    /// Finishes a stream this side writes to: the server answers when the
    /// data is committed, as [`Event::StreamClosed`].
    pub fn stream_finish(&mut self, stream: CallId) -> Result<(), CallError> {
        self.writable_stream(stream)?;
        self.send_stream_control(stream, MessageStatus::Ok);
        Ok(())
    }

    /// Aborts a stream; the server confirms with [`Event::StreamClosed`].
    pub fn stream_abort(&mut self, stream: CallId) -> Result<(), CallError> {
        let Some(s) = self.streams.get(&stream) else {
            return Err(CallError::WrongKind("not an open stream"));
        };
        match s.phase {
            Phase::Active | Phase::Finishing => {
                self.send_stream_control(stream, MessageStatus::Error);
                Ok(())
            }
            Phase::Opening => Err(CallError::WrongKind("the stream is not open yet")),
            Phase::Aborting | Phase::Over => Ok(()),
        }
    }

    /// Forgets a stream that is over and fully read (or cancels it if not).
    pub fn stream_release(&mut self, stream: CallId) {
        self.cancel(stream);
        if self
            .streams
            .get(&stream)
            .is_some_and(|s| s.phase == Phase::Over)
        {
            self.streams.remove(&stream);
        }
    }

    // ----- internals: sending -----------------------------------------------

    fn is_done(&self) -> bool {
        matches!(self.state, State::Done(_))
    }

    fn usable(&self) -> Result<(), CallError> {
        match &self.state {
            State::Done(e) => Err(CallError::Connection(e.clone())),
            State::Closing => Err(CallError::Connection(ConnectionError::Closed)),
            _ => Ok(()),
        }
    }

    fn next_call_id(&mut self) -> CallId {
        // A live serial is never reused: skip those still pending.
        loop {
            let serial = self.next_serial;
            let generation = self.generation;
            self.next_serial = serial.wrapping_add(1);
            if self.next_serial == 0 {
                self.generation += 1;
            }
            if !self.calls.contains_key(&serial) {
                return CallId((generation << 32) | u64::from(serial));
            }
        }
    }

    fn submit(
        &mut self,
        info: &'static ProcedureInfo,
        args: &impl Serialize,
        role: Role,
        fds: Option<usize>,
    ) -> Result<CallId, CallError> {
        self.usable()?;
        let id = self.next_call_id();
        // User calls wait for the open sequence; its own calls do not.
        let held = self.state == State::Opening && !matches!(role, Role::Internal(_));
        let header = Header {
            prog: info.program,
            vers: info.version,
            proc: info.number,
            kind: if fds.is_some() {
                MessageType::CallWithFds
            } else {
                MessageType::Call
            },
            serial: id.serial(),
            status: MessageStatus::Ok,
        };
        let buf = if held { &mut self.held } else { &mut self.out };
        let start = buf.len();
        let payload_start = start + packet::MIN_PACKET + if fds.is_some() { 4 } else { 0 };
        let written = write_packet(buf, &header, |buf| {
            if let Some(n) = fds {
                buf.extend_from_slice(&(n as u32).to_be_bytes());
            }
            libvirt_xdr::to_writer(buf, args)
        });
        if let Err(e) = written {
            return Err(CallError::Encode(e));
        }
        let end = buf.len();
        if let Some(n) = fds.filter(|&n| n > 0) {
            let markers = if held {
                &mut self.held_fds
            } else {
                &mut self.out_fds
            };
            markers.push_back((end, id, n));
        }
        // Note what the event bookkeeping needs from the arguments.
        let mut deregisters = None;
        if let Some(Err(family)) = call_family(info.program, info.number) {
            let buf = if held { &self.held } else { &self.out };
            if let Some(w) = buf.get(payload_start..).and_then(|b| b.first_chunk::<4>()) {
                let key = (family, i32::from_be_bytes(*w));
                self.deregistered.insert(key);
                deregisters = Some(key);
            }
        }
        let mut sparse = false;
        if let (Role::Stream, Some(bit)) = (&role, info.sparse_flag) {
            // The sparse procedures' `flags` is their last argument.
            let buf = if held { &self.held } else { &self.out };
            if let Some(w) = buf.get(..end).and_then(|b| b.last_chunk::<4>()) {
                sparse = u32::from_be_bytes(*w) & bit != 0;
            }
        }
        if let Role::Stream = role {
            self.streams.insert(
                id,
                StreamState {
                    direction: info.stream,
                    sparse,
                    phase: Phase::Opening,
                    replied: false,
                    eof: false,
                    rx: VecDeque::new(),
                    rx_bytes: 0,
                    failure: None,
                    detached: false,
                },
            );
        }
        self.calls.insert(
            id.serial(),
            Pending {
                id,
                prog: info.program,
                vers: info.version,
                proc: info.number,
                role,
                cancelled: false,
                deregisters,
            },
        );
        Ok(id)
    }

    fn internal(&mut self, info: &'static ProcedureInfo, args: &impl Serialize, step: Step) {
        self.handshake_outstanding += u32::from(step != Step::Close);
        if let Err(e) = self.submit(info, args, Role::Internal(step), None) {
            // Encoding the open sequence's own small arguments cannot fail
            // unless a caller-given name is over 4 MiB.
            let _ = e;
            self.fail(ConnectionError::Malformed(
                "the open sequence's arguments do not encode",
            ));
        }
    }

    fn send_keepalive(&mut self, proc: i32) {
        let header = Header {
            prog: keepalive::PROGRAM,
            vers: keepalive::VERSION,
            proc,
            kind: MessageType::Message,
            serial: 0,
            status: MessageStatus::Ok,
        };
        let _ = write_packet(&mut self.out, &header, |_| Ok(()));
    }

    fn writable_stream(&self, stream: CallId) -> Result<&StreamState, CallError> {
        let Some(s) = self.streams.get(&stream) else {
            return Err(CallError::WrongKind("not an open stream"));
        };
        if let Some(e) = &s.failure {
            return Err(e.clone());
        }
        if s.direction == StreamDirection::Read {
            return Err(CallError::WrongKind(
                "the stream only flows from the server",
            ));
        }
        match s.phase {
            Phase::Active => Ok(s),
            Phase::Opening => Err(CallError::WrongKind("the stream is not open yet")),
            _ => Err(CallError::WrongKind("the stream is finishing or over")),
        }
    }

    fn send_stream_packet(
        &mut self,
        stream: CallId,
        kind: MessageType,
        status: MessageStatus,
        payload: &[u8],
    ) {
        let Some(p) = self.calls.get(&stream.serial()) else {
            return;
        };
        let header = Header {
            prog: p.prog,
            vers: p.vers,
            proc: p.proc,
            kind,
            serial: stream.serial(),
            status,
        };
        let _ = write_packet(&mut self.out, &header, |buf| {
            buf.extend_from_slice(payload);
            Ok(())
        });
    }

    /// Sends finish (OK) or abort (ERROR) and moves the stream on.
    fn send_stream_control(&mut self, stream: CallId, status: MessageStatus) {
        self.send_stream_packet(stream, MessageType::Stream, status, &[]);
        if let Some(s) = self.streams.get_mut(&stream) {
            s.phase = if status == MessageStatus::Ok {
                Phase::Finishing
            } else {
                Phase::Aborting
            };
        }
    }

    fn compact_out(&mut self) {
        if self.out_pos == self.out.len() && self.out_fds.is_empty() {
            self.out.clear();
            self.out_pos = 0;
        } else if self.out_pos > 65536 && self.out_pos * 2 > self.out.len() {
            self.out.drain(..self.out_pos);
            for f in &mut self.out_fds {
                f.0 -= self.out_pos;
            }
            self.out_pos = 0;
        }
    }

    // ----- internals: receiving ----------------------------------------------

    fn heard_from_server(&mut self, now: Duration) {
        self.keepalive.unanswered = 0;
        self.keepalive.last_heard = now;
        self.arm_keepalive(now);
    }

    fn arm_keepalive(&mut self, now: Duration) {
        let opening = self.state == State::Opening;
        self.keepalive.deadline = self.keepalive.config.and_then(|k| {
            if self.keepalive.pinging {
                Some(now + k.interval)
            } else if opening {
                Some(now + k.interval * (k.count + 1))
            } else {
                // The server does not answer PINGs: as with libvirt's C
                // client, nothing can tell a quiet server from a dead one.
                None
            }
        });
    }

    /// Consumes the one-byte carriers of the fds of a REPLY_WITH_FDS.
    fn eat_carriers<'a>(&mut self, data: &'a [u8]) -> &'a [u8] {
        let Some(r) = self.fd_reply.as_mut() else {
            return data;
        };
        let n = r.carriers_left.min(data.len());
        if self.fds_available < n {
            self.fail(ConnectionError::ProtocolViolation(
                "a file descriptor carrier byte came without its descriptor",
            ));
            return &[];
        }
        self.fds_available -= n;
        r.carriers_left -= n;
        if r.carriers_left == 0 {
            if let Some(r) = self.fd_reply.take() {
                let reply = Reply {
                    payload: r.payload,
                    fds: r.fds,
                };
                self.complete(r.serial, Ok(reply));
            }
        }
        &data[n..]
    }

    fn process(&mut self, body: &[u8]) {
        let header = match Header::decode(body) {
            Ok(h) => h,
            Err(packet::HeaderError::Short) => {
                return self.fail(ConnectionError::Malformed("short header"));
            }
            Err(packet::HeaderError::UnknownType(_)) => {
                return self.fail(ConnectionError::Malformed("unknown message type"));
            }
            Err(packet::HeaderError::UnknownStatus(_)) => {
                return self.fail(ConnectionError::Malformed("unknown message status"));
            }
        };
        let payload = &body[packet::HEADER_LEN..];
        match header.kind {
            MessageType::Call | MessageType::CallWithFds => {
                self.fail(ConnectionError::ProtocolViolation("the server sent a call"));
            }
            MessageType::Reply | MessageType::ReplyWithFds => self.on_reply(&header, payload),
            MessageType::Message => self.on_message(&header, payload),
            MessageType::Stream | MessageType::StreamHole => self.on_stream(&header, payload),
        }
    }

    fn on_reply(&mut self, h: &Header, payload: &[u8]) {
        let Some(p) = self.calls.get(&h.serial) else {
            return self.fail(ConnectionError::ProtocolViolation(
                "a reply for no pending call",
            ));
        };
        if (p.prog, p.vers, p.proc) != (h.prog, h.vers, h.proc) {
            return self.fail(ConnectionError::ProtocolViolation(
                "a reply that does not match its call",
            ));
        }
        let id = p.id;
        // A REPLY on a stream that is already open: the server's answer to
        // a failed HOLE (protocol-notes §7).
        if matches!(p.role, Role::Stream) && self.streams.get(&id).is_some_and(|s| s.replied) {
            return match decode_error(payload) {
                Some(e) if h.status == MessageStatus::Error => {
                    self.stream_over(id, Err(CallError::Remote(e)))
                }
                _ => self.fail(ConnectionError::ProtocolViolation(
                    "a second reply for a stream",
                )),
            };
        }
        match h.status {
            MessageStatus::Ok if h.kind == MessageType::ReplyWithFds => {
                let Some((count, rest)) = payload.split_first_chunk::<4>() else {
                    return self.fail(ConnectionError::Malformed(
                        "REPLY_WITH_FDS without its fd count",
                    ));
                };
                let count = u32::from_be_bytes(*count) as usize;
                if count > MAX_FDS {
                    return self.fail(ConnectionError::Malformed("more than 32 file descriptors"));
                }
                if count == 0 {
                    return self.complete(
                        h.serial,
                        Ok(Reply {
                            payload: rest.to_vec(),
                            fds: 0,
                        }),
                    );
                }
                self.fd_reply = Some(FdReply {
                    serial: h.serial,
                    payload: rest.to_vec(),
                    fds: count,
                    carriers_left: count,
                });
            }
            MessageStatus::Ok => self.complete(
                h.serial,
                Ok(Reply {
                    payload: payload.to_vec(),
                    fds: 0,
                }),
            ),
            MessageStatus::Error => match decode_error(payload) {
                Some(e) => self.complete(h.serial, Err(CallError::Remote(e))),
                None => self.fail(ConnectionError::Malformed(
                    "an error reply that does not decode",
                )),
            },
            MessageStatus::Continue => self.fail(ConnectionError::ProtocolViolation(
                "a reply with status CONTINUE",
            )),
        }
    }

    /// A call is over: its serial is free again. An idle connection holds
    /// no map storage (an empty `BTreeMap` keeps its root node).
    fn forget_call(&mut self, serial: u32) {
        self.calls.remove(&serial);
        if self.calls.is_empty() {
            self.calls = BTreeMap::new();
        }
    }

    /// A call's answer arrived: route it to its waiter or to the open
    /// sequence.
    fn complete(&mut self, serial: u32, result: Result<Reply, CallError>) {
        let Some(p) = self.calls.get(&serial) else {
            return;
        };
        let (id, prog, proc, cancelled) = (p.id, p.prog, p.proc, p.cancelled);
        if let Some(key) = p.deregisters {
            // The server answers after the events it sent before: none of
            // that callback follows (its id is not handed out again).
            self.deregistered.remove(&key);
        }
        match p.role {
            Role::Internal(step) => {
                self.forget_call(serial);
                self.on_step(step, result);
            }
            Role::Register => {
                self.forget_call(serial);
                self.registered_again(prog, proc, &result);
                self.on_registered(id, result);
            }
            Role::Deregister => self.forget_call(serial),
            Role::User => {
                self.forget_call(serial);
                self.registered_again(prog, proc, &result);
                if !cancelled {
                    self.events.push_back(Event::Reply { call: id, result });
                } else if let Some(n) = result.as_ref().ok().map(|r| r.fds).filter(|&n| n > 0) {
                    // The driver holds fds that no one will claim.
                    self.events.push_back(Event::Discarded {
                        prog,
                        procedure: proc,
                        reason: Discard::CancelledWithFds(n),
                    });
                }
            }
            Role::Stream => {
                let ok = result.is_ok();
                // The server may end a stream before the REPLY that opened
                // it: then the call is over with this reply.
                let over = self.streams.get(&id).is_none_or(|s| s.phase == Phase::Over);
                if !ok || over {
                    self.forget_call(serial);
                }
                if !ok {
                    self.streams.remove(&id);
                }
                if let Some(s) = self.streams.get_mut(&id) {
                    s.replied = true;
                    if s.phase == Phase::Opening {
                        s.phase = Phase::Active;
                        if s.detached || s.failure.is_some() {
                            // Gone, or broken before the reply came.
                            self.send_stream_control(id, MessageStatus::Error);
                        } else if s.eof {
                            // The data ended before the reply came.
                            self.send_stream_control(id, MessageStatus::Ok);
                        }
                    }
                }
                if !cancelled {
                    self.events.push_back(Event::Reply { call: id, result });
                } else if let Some(n) = result.as_ref().ok().map(|r| r.fds).filter(|&n| n > 0) {
                    // The driver holds fds that no one will claim.
                    self.events.push_back(Event::Discarded {
                        prog,
                        procedure: proc,
                        reason: Discard::CancelledWithFds(n),
                    });
                }
            }
        }
    }

    fn on_message(&mut self, h: &Header, payload: &[u8]) {
        let discard = |reason| Event::Discarded {
            prog: h.prog,
            procedure: h.proc,
            reason,
        };
        if h.status != MessageStatus::Ok {
            self.events.push_back(discard(Discard::BadStatus));
            return;
        }
        let decoded = match h.prog {
            keepalive::PROGRAM => {
                if h.proc == KEEPALIVE_PING {
                    self.send_keepalive(KEEPALIVE_PONG);
                }
                // PONG needs nothing more: hearing anything resets the count.
                return;
            }
            remote::PROGRAM => remote::Event::decode(h.proc, payload).map(|e| e.map(Event::Remote)),
            qemu::PROGRAM => qemu::Event::decode(h.proc, payload).map(|e| e.map(Event::Qemu)),
            _ => {
                self.events.push_back(discard(Discard::UnknownProgram));
                return;
            }
        };
        let event = match decoded {
            Ok(Some(e)) => e,
            Ok(None) => return self.events.push_back(discard(Discard::UnknownEvent)),
            Err(e) => return self.events.push_back(discard(Discard::Undecodable(e))),
        };
        if let Some((family, cb)) = event_callback(&event) {
            if self.deregistered.contains(&(family, cb)) {
                return self
                    .events
                    .push_back(discard(Discard::DeregisteredCallback(cb)));
            }
        }
        self.events.push_back(event);
    }

    fn on_stream(&mut self, h: &Header, payload: &[u8]) {
        let Some(p) = self.calls.get(&h.serial) else {
            // Late packets of a finished stream are dropped (§7).
            return;
        };
        if !matches!(p.role, Role::Stream) || (p.prog, p.vers, p.proc) != (h.prog, h.vers, h.proc) {
            return self.fail(ConnectionError::ProtocolViolation(
                "a stream packet for no stream",
            ));
        }
        let id = p.id;
        let Some(s) = self.streams.get_mut(&id) else {
            return;
        };
        if s.phase == Phase::Over {
            return;
        }
        match (h.kind, h.status) {
            (MessageType::Stream, MessageStatus::Continue) if payload.is_empty() => {
                if s.direction == StreamDirection::Write {
                    return self.stream_violation(id, "end of data on an upload stream");
                }
                if s.eof {
                    return;
                }
                s.eof = true;
                let auto_finish = s.phase == Phase::Active;
                self.readable(id);
                if auto_finish {
                    self.send_stream_control(id, MessageStatus::Ok);
                }
            }
            (MessageType::Stream, MessageStatus::Continue) => {
                if s.direction == StreamDirection::Write {
                    return self.stream_violation(id, "data on an upload stream");
                }
                if s.eof {
                    return self.stream_violation(id, "data after end of file");
                }
                if !s.detached && s.phase != Phase::Aborting {
                    s.rx_bytes += payload.len();
                    s.rx.push_back(Chunk::Data(payload.to_vec(), 0));
                    self.readable(id);
                }
            }
            (MessageType::StreamHole, MessageStatus::Continue) => {
                if !s.sparse {
                    return self.stream_violation(id, "a hole on a stream that is not sparse");
                }
                let Ok(hole) = libvirt_xdr::from_bytes::<StreamHole>(payload) else {
                    return self.stream_violation(id, "a hole that does not decode");
                };
                let Ok(length) = u64::try_from(hole.length) else {
                    return self.stream_violation(id, "a hole of negative length");
                };
                if s.eof {
                    return self.stream_violation(id, "a hole after end of file");
                }
                if !s.detached && s.phase != Phase::Aborting && length > 0 {
                    s.rx.push_back(Chunk::Hole(length));
                    self.readable(id);
                }
            }
            (MessageType::Stream, MessageStatus::Ok) => {
                let result = match s.phase {
                    Phase::Finishing => Ok(()),
                    Phase::Aborting => Err(CallError::Aborted),
                    _ => Err(CallError::StreamViolation(
                        "the server ended the stream unasked",
                    )),
                };
                self.stream_over(id, result);
            }
            (_, MessageStatus::Error) => {
                let result = match decode_error(payload) {
                    Some(e) => CallError::Remote(e),
                    None => CallError::StreamViolation("a stream error that does not decode"),
                };
                self.stream_over(id, Err(result));
            }
            _ => self.stream_violation(id, "a stream packet with an unexpected status"),
        }
    }

    fn readable(&mut self, id: CallId) {
        if self.streams.get(&id).is_some_and(|s| !s.detached) {
            self.events.push_back(Event::StreamReadable(id));
        }
    }

    /// A stream broke the protocol: it fails (the connection does not), and
    /// the server is told to drop it.
    fn stream_violation(&mut self, id: CallId, why: &'static str) {
        if let Some(s) = self.streams.get_mut(&id) {
            s.failure = Some(CallError::StreamViolation(why));
            let active = matches!(s.phase, Phase::Active | Phase::Finishing);
            if active {
                self.send_stream_control(id, MessageStatus::Error);
            }
            self.readable(id);
        }
    }

    /// The server ended a stream: free its serial and tell the user.
    fn stream_over(&mut self, id: CallId, result: Result<(), CallError>) {
        if self.streams.get(&id).is_none_or(|s| s.replied) {
            self.forget_call(id.serial());
        }
        let Some(s) = self.streams.get_mut(&id) else {
            return;
        };
        s.phase = Phase::Over;
        if let Err(e) = &result {
            if s.failure.is_none() && *e != CallError::Aborted {
                s.failure = Some(e.clone());
            }
        }
        if s.detached {
            self.streams.remove(&id);
            return;
        }
        let result = match (&s.failure, result) {
            (Some(f), _) => Err(f.clone()),
            (None, r) => r,
        };
        self.events
            .push_back(Event::StreamClosed { stream: id, result });
    }

    // ----- internals: the open sequence --------------------------------------

    fn sasl_data(data: Option<&[u8]>) -> Result<(i32, Vec<i8>), AuthError> {
        match data {
            None => Ok((1, Vec::new())),
            Some(d) if d.len() > SASL_DATA_MAX => Err(AuthError::DataTooLong(d.len())),
            Some(d) => Ok((0, d.iter().map(|&b| b as i8).collect())),
        }
    }

    fn on_step(&mut self, step: Step, result: Result<Reply, CallError>) {
        self.handshake_outstanding = self.handshake_outstanding.saturating_sub(1);
        match (step, result) {
            // The types as plain ints: a newer server may list a type this
            // version does not know, and must not break every connection.
            (Step::AuthList, Ok(r)) => match r.decode::<Vec<i32>>() {
                Ok(types) => self.authenticate(&types),
                Err(_) => self.fail(ConnectionError::Malformed(
                    "AUTH_LIST reply does not decode",
                )),
            },
            // A server too old to list auth types needs none.
            (Step::AuthList, Err(CallError::Remote(e))) if e.is_unknown_procedure() => {
                self.send_open()
            }
            (Step::AuthPolkit, Ok(_)) => self.send_open(),
            (Step::SaslInit, Ok(r)) => match r.decode::<remote::AuthSaslInitRet>() {
                Ok(ret) => self.sasl_mechanisms(ret.mechlist.into_string_lossy()),
                Err(_) => self.fail(ConnectionError::Malformed(
                    "AUTH_SASL_INIT reply does not decode",
                )),
            },
            (Step::SaslStart | Step::SaslNext, Ok(r)) => {
                // START and STEP have the same reply.
                match r.decode::<remote::AuthSaslStepRet>() {
                    Ok(ret) => self.sasl_reply(ret),
                    Err(_) => self.fail(ConnectionError::Malformed(
                        "AUTH_SASL_START/STEP reply does not decode",
                    )),
                }
            }
            (Step::FeatureKeepalive, r) => {
                self.connected.keepalive = supported(r);
                self.keepalive.pinging =
                    self.connected.keepalive && self.keepalive.config.is_some();
                // The deadline was armed for a peer that does not ping.
                self.arm_keepalive(self.keepalive.last_heard);
            }
            (Step::Open, Ok(_)) => {
                if let Open::Remote { name: None, .. } = self.open {
                    self.internal(remote::Procedure::ConnectGetUri.info(), &(), Step::GetUri);
                }
                for feature in [FEATURE_EVENT_CALLBACK, FEATURE_CLOSE_CALLBACK] {
                    self.internal(
                        remote::Procedure::ConnectSupportsFeature.info(),
                        &remote::ConnectSupportsFeatureArgs { feature },
                        Step::Feature(feature),
                    );
                }
            }
            (Step::GetUri, r) => {
                self.connected.uri = r
                    .ok()
                    .and_then(|r| r.decode::<remote::ConnectGetUriRet>().ok())
                    .map(|r| r.uri.into_string_lossy());
            }
            (Step::Feature(f), r) => {
                let yes = supported(r);
                if f == FEATURE_EVENT_CALLBACK {
                    self.connected.event_callbacks = yes;
                } else {
                    self.connected.close_callback = yes;
                }
            }
            (Step::AdminOpen, Ok(_)) => {
                self.keepalive.pinging = self.keepalive.config.is_some();
                self.connected.keepalive = self.keepalive.pinging;
                self.arm_keepalive(self.keepalive.last_heard);
            }
            (Step::Close, _) => {
                // Done, as libvirt's C client is: the driver closes the
                // socket (the server hangs up too).
                return self.fail(ConnectionError::Closed);
            }
            (_, Err(CallError::Remote(e))) => return self.fail(ConnectionError::Open(e)),
            (_, Err(CallError::Connection(e))) => return self.fail(e),
            (_, Err(_)) => {
                return self.fail(ConnectionError::Malformed("the open sequence failed"));
            }
        }
        // Waiting for the driver's SASL answer is not the end of the
        // sequence, though nothing is outstanding on the wire.
        if self.state == State::Opening
            && self.handshake_outstanding == 0
            && self.sasl == Sasl::Idle
        {
            self.become_ready();
        }
    }

    /// Picks the authentication from the server's `AUTH_LIST` and the
    /// configured [`Auth`], as libvirt's `remoteAuthenticate` does (a server
    /// that lists "none" among others is opened without authentication).
    fn authenticate(&mut self, types: &[i32]) {
        let offers = |t: remote::AuthType| types.contains(&t.as_i32());
        let chosen = match &self.config.auth {
            Auth::Server if types.is_empty() || offers(remote::AuthType::None) => {
                return self.send_open();
            }
            Auth::Server => types.first().copied().unwrap_or(-1),
            Auth::Polkit if offers(remote::AuthType::Polkit) => remote::AuthType::Polkit.as_i32(),
            Auth::Sasl { .. } if offers(remote::AuthType::Sasl) => remote::AuthType::Sasl.as_i32(),
            wanted => {
                let wanted = if matches!(wanted, Auth::Polkit) {
                    "polkit"
                } else {
                    "sasl"
                };
                return self.fail(ConnectionError::Auth(AuthError::TypeRejected {
                    wanted,
                    offered: types.to_vec(),
                }));
            }
        };
        if chosen == remote::AuthType::Polkit.as_i32() {
            self.internal(remote::Procedure::AuthPolkit.info(), &(), Step::AuthPolkit);
        } else if chosen == remote::AuthType::Sasl.as_i32() {
            self.internal(remote::Procedure::AuthSaslInit.info(), &(), Step::SaslInit);
        } else if chosen == remote::AuthType::None.as_i32() {
            self.send_open();
        } else {
            self.fail(ConnectionError::AuthUnsupported(chosen));
        }
    }

    fn sasl_mechanisms(&mut self, mechlist: String) {
        let mechanisms = match &self.config.auth {
            // libvirt tests `strstr(mechlist, wanted)`.
            Auth::Sasl {
                mechanism: Some(wanted),
            } => {
                if !mechlist.contains(wanted.as_str()) {
                    let wanted = wanted.clone();
                    return self.fail(ConnectionError::Auth(AuthError::MechanismNotOffered {
                        wanted,
                        offered: mechlist,
                    }));
                }
                alloc::vec![wanted.clone()]
            }
            _ => mechlist
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(String::from)
                .collect(),
        };
        self.sasl = Sasl::Mechanism;
        self.events
            .push_back(Event::Sasl(SaslEvent::Start { mechanisms }));
    }

    fn sasl_reply(&mut self, ret: remote::AuthSaslStepRet) {
        let Sasl::Sent { client_complete } = self.sasl else {
            return self.fail(ConnectionError::ProtocolViolation(
                "a SASL reply the client did not ask for",
            ));
        };
        let server_complete = ret.complete != 0;
        if server_complete && client_complete {
            return self.sasl_done();
        }
        self.sasl = Sasl::Answer { server_complete };
        let data = (ret.nil == 0).then(|| ret.data.iter().map(|&b| b as u8).collect());
        self.events.push_back(Event::Sasl(SaslEvent::Challenge {
            data,
            server_complete,
        }));
    }

    fn sasl_done(&mut self) {
        self.sasl = Sasl::Idle;
        self.events.push_back(Event::Sasl(SaslEvent::Complete));
        self.send_open();
    }

    fn send_open(&mut self) {
        let Open::Remote { name, read_only } = &self.open else {
            return;
        };
        let args = remote::ConnectOpenArgs {
            // Without a URI the C client sends "" (not an absent name) and
            // lets the server pick (protocol-notes §3).
            name: Some(name.clone().unwrap_or_default().into()),
            flags: u32::from(*read_only), // VIR_CONNECT_RO
        };
        if self.keepalive.config.is_some() {
            self.internal(
                remote::Procedure::ConnectSupportsFeature.info(),
                &remote::ConnectSupportsFeatureArgs {
                    feature: FEATURE_KEEPALIVE,
                },
                Step::FeatureKeepalive,
            );
        }
        self.internal(remote::Procedure::ConnectOpen.info(), &args, Step::Open);
    }

    fn become_ready(&mut self) {
        self.state = State::Ready;
        // Calls made during the open sequence go now.
        let base = self.out.len();
        self.out.append(&mut self.held);
        for (end, id, n) in self.held_fds.drain(..) {
            self.out_fds.push_back((end + base, id, n));
        }
        self.events
            .push_back(Event::Connected(self.connected.clone()));
    }

    /// Ends the connection: every waiter learns why.
    fn fail(&mut self, error: ConnectionError) {
        if self.is_done() {
            return;
        }
        self.state = State::Done(error.clone());
        self.keepalive.deadline = None;
        let calls = core::mem::take(&mut self.calls);
        for (_, p) in calls {
            match p.role {
                Role::User if !p.cancelled => self.events.push_back(Event::Reply {
                    call: p.id,
                    result: Err(CallError::Connection(error.clone())),
                }),
                Role::Stream => {
                    if let Some(s) = self.streams.get_mut(&p.id) {
                        // Still waiting for its REPLY: the call fails.
                        let opening = !s.replied;
                        s.phase = Phase::Over;
                        if s.failure.is_none() {
                            s.failure = Some(CallError::Connection(error.clone()));
                        }
                        if s.detached {
                            continue;
                        }
                        if opening && !p.cancelled {
                            self.events.push_back(Event::Reply {
                                call: p.id,
                                result: Err(CallError::Connection(error.clone())),
                            });
                        } else {
                            self.events.push_back(Event::StreamClosed {
                                stream: p.id,
                                result: Err(CallError::Connection(error.clone())),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        for sub in self.subscriptions.take_waiting() {
            self.events.push_back(Event::Subscribed {
                subscription: sub,
                result: Err(CallError::Connection(error.clone())),
            });
        }
        self.streams.retain(|_, s| !s.detached);
        self.held.clear();
        self.held_fds.clear();
        // Nothing more goes out: a transport that failed cannot take it,
        // and a driver that waits for the output to drain before it stops
        // would wait forever.
        self.out.clear();
        self.out_pos = 0;
        self.out_fds.clear();
        self.fd_reply = None;
        self.events.push_back(Event::Closed(error));
    }
}

/// Writes one packet into `buf`: header, then `body`; fixes the length
/// word. On error (or a packet over the size limit) `buf` is left as it was.
fn write_packet(
    buf: &mut Vec<u8>,
    header: &Header,
    body: impl FnOnce(&mut Vec<u8>) -> Result<(), libvirt_xdr::Error>,
) -> Result<(), libvirt_xdr::Error> {
    let start = buf.len();
    header.encode(0, buf);
    if let Err(e) = body(buf) {
        buf.truncate(start);
        return Err(e);
    }
    let len = buf.len() - start;
    if len > MAX_PACKET {
        buf.truncate(start);
        return Err(libvirt_xdr::Error::LengthExceedsMax {
            len: len as u64,
            max: MAX_PACKET as u64,
        });
    }
    buf[start..start + LEN_WORD].copy_from_slice(&(len as u32).to_be_bytes());
    Ok(())
}

fn decode_error(payload: &[u8]) -> Option<Box<RemoteError>> {
    libvirt_xdr::from_bytes::<MessageError>(payload)
        .ok()
        .map(Into::into)
}

fn supported(r: Result<Reply, CallError>) -> bool {
    r.ok()
        .and_then(|r| r.decode::<remote::ConnectSupportsFeatureRet>().ok())
        .is_some_and(|r| r.supported != 0)
}

#[cfg(test)]
mod tests {
    //! White-box tests that need the connection's private state; the
    //! socket-free suite against a simulated server is in
    //! `tests/connection*.rs`.

    use super::*;
    use crate::remote::procedures::{ConnectGetType, ConnectGetVersion};

    fn reply(serial: u32, proc: i32, payload: &[u8]) -> Vec<u8> {
        let header = Header {
            prog: remote::PROGRAM,
            vers: remote::VERSION,
            proc,
            kind: MessageType::Reply,
            serial,
            status: MessageStatus::Ok,
        };
        let mut out = Vec::new();
        header.encode((packet::MIN_PACKET + payload.len()) as u32, &mut out);
        out.extend_from_slice(payload);
        out
    }

    /// The serials of the packets written so far.
    fn written_serials(c: &mut Connection) -> Vec<u32> {
        let mut serials = Vec::new();
        while let Some(Transmit::Bytes(b)) = c.poll_transmit() {
            let n = b.len();
            let mut rest = b;
            while let Some(word) = rest.first_chunk::<4>() {
                let len = u32::from_be_bytes(*word) as usize;
                serials.push(Header::decode(&rest[4..]).unwrap().serial);
                rest = &rest[len..];
            }
            c.transmitted(n);
        }
        serials
    }

    /// The serial wraps from 0xFFFFFFFF to 0, skipping serials still in
    /// use, and handles stay unique and ordered. Reaching the wrap through
    /// the public API takes 2^32 calls, far too slow for a test, so the
    /// counter is set directly here rather than widening the public API
    /// with a test-only setter.
    #[test]
    fn serials_wrap_and_skip_live_ones() {
        let mut c = Connection::new(Config::default(), Open::Skip, Duration::ZERO);
        assert!(matches!(c.poll_event(), Some(Event::Connected(_))));
        let a = c.call::<ConnectGetVersion>(&()).unwrap();
        let b = c.call::<ConnectGetType>(&()).unwrap();
        assert_eq!((a.serial(), b.serial()), (0, 1));
        c.next_serial = u32::MAX - 1;
        let x = c.call::<ConnectGetVersion>(&()).unwrap();
        let y = c.call::<ConnectGetVersion>(&()).unwrap();
        // 0 and 1 are still waiting for their replies: skipped.
        let z = c.call::<ConnectGetVersion>(&()).unwrap();
        assert_eq!(
            (x.serial(), y.serial(), z.serial()),
            (u32::MAX - 1, u32::MAX, 2)
        );
        assert!(
            a < b && b < x && x < y && y < z,
            "handles follow issue order"
        );
        assert_eq!(written_serials(&mut c), [0, 1, u32::MAX - 1, u32::MAX, 2]);

        // Replies reach the right calls on both sides of the wrap.
        let version = [0, 0, 0, 0, 0, 0, 0, 9];
        let mut bytes = reply(2, 4, &version);
        bytes.extend(reply(0, 4, &version));
        bytes.extend(reply(u32::MAX, 4, &version));
        c.handle_input(Duration::ZERO, &bytes);
        let answered: Vec<CallId> = core::iter::from_fn(|| c.poll_event())
            .map(|e| match e {
                Event::Reply { call, result } => {
                    assert_eq!(result.unwrap().payload, version);
                    call
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(answered, [z, a, y]);
        // Serial 0 is free again, 1 is not.
        let next: Vec<CallId> = (0..2)
            .map(|_| c.call::<ConnectGetVersion>(&()).unwrap())
            .collect();
        assert_eq!(written_serials(&mut c), [3, 4]);
        assert!(next.iter().all(|id| *id > z));
        c.next_serial = u32::MAX;
        let w = c.call::<ConnectGetVersion>(&()).unwrap();
        let v = c.call::<ConnectGetVersion>(&()).unwrap();
        assert_eq!((w.serial(), v.serial()), (u32::MAX, 0));
        assert_ne!(v, a, "a reused serial is a new handle");
        assert!(v > w);
        // The old handle of serial 0 no longer cancels anything.
        c.cancel(a);
        c.handle_input(Duration::ZERO, &reply(0, 4, &version));
        assert!(matches!(
            c.poll_event(),
            Some(Event::Reply { call, result: Ok(_) }) if call == v
        ));
        assert!(c.is_ready());
    }
}
