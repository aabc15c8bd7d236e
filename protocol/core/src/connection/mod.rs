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
//! | [`handle_eof`](Connection::handle_eof), [`handle_transport_error`](Connection::handle_transport_error) (and the driver's own ends: [`handle_open_timeout`](Connection::handle_open_timeout), [`handle_driver_stopped`](Connection::handle_driver_stopped)) | [`wants_input`](Connection::wants_input) (backpressure) |
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
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

use serde::de::DeserializeOwned;

use crate::error::{CallError, ConnectionError, MalformedPacket, RemoteError, Violation};
use crate::net::{MessageError, MessageType};
use crate::packet::{self, Header, STREAM_CHUNK};
use crate::procedure::ProcedureInfo;
use crate::{admin, qemu, remote};

mod calls;
mod events;
mod framing;
mod keepalive;
mod open;
mod streams;
mod subscriptions;

pub use calls::CallId;
pub use keepalive::KeepaliveConfig;
pub use open::{Auth, Connected, Open, SaslEvent};
pub use subscriptions::{EventFilter, SubscriptionId};

use calls::{Calls, Role};
use events::Deregistered;
use framing::{Inbox, Outbox, Received};
use keepalive::Keepalive;
use open::Opening;
use streams::Streams;
use subscriptions::Subscriptions;

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

/// Where the connection is.
#[derive(Debug)]
enum State {
    /// The open sequence runs; what only it needs lives here.
    Opening(Box<Opening>),
    Ready,
    /// CONNECT_CLOSE sent; waiting for its reply, then the server's hang-up.
    Closing,
    /// Over; the reason was reported.
    Over(ConnectionError),
}

/// One libvirt RPC connection, as a pure state machine (see the module
/// docs for the driver's rule).
#[derive(Debug)]
pub struct Connection {
    state: State,
    /// The procedure that closes the connection (remote or admin).
    close_procedure: &'static ProcedureInfo,
    /// [`Config::transmit_high_water`].
    transmit_high_water: usize,
    outbox: Outbox,
    inbox: Inbox,
    calls: Calls,
    streams: Streams,
    keepalive: Keepalive,
    callbacks: Deregistered,
    subscriptions: Subscriptions,
    events: VecDeque<Event>,
}

impl Connection {
    /// A new connection at time `now`; the open sequence (if any) is queued
    /// for transmission at once.
    pub fn new(config: Config, open: Open, now: Duration) -> Connection {
        let close_procedure = match open {
            Open::Admin { .. } => admin::Procedure::ConnectClose.info(),
            _ => remote::Procedure::ConnectClose.info(),
        };
        let mut c = Connection {
            state: State::Opening(Box::new(Opening::new(open.clone(), config.auth))),
            close_procedure,
            transmit_high_water: config.transmit_high_water,
            outbox: Outbox::default(),
            inbox: Inbox::default(),
            calls: Calls::default(),
            streams: Streams::new(config.stream_buffer_limit),
            keepalive: Keepalive::new(config.keepalive, now),
            callbacks: Deregistered::default(),
            subscriptions: Subscriptions::default(),
            events: VecDeque::new(),
        };
        c.start_opening(&open);
        c.keepalive.arm(now, c.is_opening());
        c
    }

    /// Whether the open sequence has finished and the connection is usable.
    pub fn is_ready(&self) -> bool {
        matches!(self.state, State::Ready)
    }

    /// Why the connection is over, if it is.
    pub fn error(&self) -> Option<&ConnectionError> {
        match &self.state {
            State::Over(e) => Some(e),
            _ => None,
        }
    }

    /// How many calls and streams are waiting for the server.
    pub fn pending(&self) -> usize {
        self.calls.len()
    }

    /// Closes the connection politely (CONNECT_CLOSE); the server hangs up
    /// after answering. Calls still pending then fail with
    /// [`ConnectionError::Closed`].
    pub fn close(&mut self) {
        match self.state {
            State::Ready => {
                if self
                    .submit(self.close_procedure, &(), Role::Close, None)
                    .is_ok()
                {
                    self.state = State::Closing;
                }
            }
            State::Opening(_) => self.fail(ConnectionError::Closed),
            State::Closing | State::Over(_) => {}
        }
    }

    // ----- driver input ----------------------------------------------------

    /// Feeds bytes read from the socket, split anywhere.
    pub fn handle_input(&mut self, now: Duration, mut data: &[u8]) {
        if data.is_empty() || self.is_over() {
            return;
        }
        self.keepalive.heard(now, self.is_opening());
        while !data.is_empty() && !self.is_over() {
            match self.inbox.next(&mut data) {
                Err(e) => return self.fail(e),
                Ok(None) => {}
                Ok(Some(Received::Packet(body))) => self.on_packet(body),
                Ok(Some(Received::Gathered(packet))) => {
                    self.on_packet(&packet[packet::LEN_WORD..]);
                    // Keep the allocation for the next split packet.
                    self.inbox.recycle(packet);
                }
                Ok(Some(Received::FdReply(r))) => {
                    let reply = Reply {
                        payload: r.payload,
                        fds: r.fds,
                    };
                    self.complete(r.serial, Ok(reply));
                }
            }
        }
    }

    /// Tells the connection that `count` file descriptors arrived (with
    /// `SCM_RIGHTS`) in the bytes about to be passed to
    /// [`Connection::handle_input`]. Keep the fds in arrival order: replies
    /// say how many of them are theirs.
    pub fn handle_fds(&mut self, count: usize) {
        self.inbox.add_fds(count);
    }

    /// The server closed the connection (read returned 0).
    pub fn handle_eof(&mut self) {
        match self.state {
            State::Over(_) => {}
            State::Closing => self.fail(ConnectionError::Closed),
            _ if self.inbox.between_packets() => self.fail(ConnectionError::Eof),
            _ => self.fail(ConnectionError::Malformed(MalformedPacket::EofInsidePacket)),
        }
    }

    /// The transport failed; the connection is over.
    pub fn handle_transport_error(&mut self, description: String) {
        self.fail(ConnectionError::Transport(description));
    }

    /// The driver gave up waiting for the open sequence, which did not
    /// finish within `timeout`; the connection is over
    /// ([`ConnectionError::OpenTimeout`]).
    pub fn handle_open_timeout(&mut self, timeout: Duration) {
        self.fail(ConnectionError::OpenTimeout(timeout));
    }

    /// The driver stopped (its runtime shut down) while the connection was
    /// not over; the connection is over ([`ConnectionError::DriverStopped`]).
    pub fn handle_driver_stopped(&mut self) {
        self.fail(ConnectionError::DriverStopped);
    }

    /// Advances the clock: sends a keepalive PING, or declares the server
    /// dead. Early or repeated calls are harmless.
    pub fn handle_timeout(&mut self, now: Duration) {
        if self.is_over() {
            return;
        }
        match self.keepalive.on_timeout(now, self.is_opening()) {
            keepalive::Action::None => {}
            keepalive::Action::Ping => self.send_keepalive(keepalive::PING),
            keepalive::Action::Fail(e) => self.fail(e),
        }
    }

    // ----- driver output -----------------------------------------------------

    /// The next thing to write, if any.
    pub fn poll_transmit(&self) -> Option<Transmit<'_>> {
        self.outbox.poll_transmit()
    }

    /// `n` bytes of the last [`Transmit::Bytes`] were written.
    pub fn transmitted(&mut self, n: usize) {
        self.outbox.transmitted(n);
    }

    /// The fds of the last [`Transmit::Fds`] were sent.
    pub fn fds_transmitted(&mut self) {
        self.outbox.fds_transmitted();
    }

    /// Bytes queued for transmission and not yet written.
    pub fn transmit_pending(&self) -> usize {
        self.outbox.pending()
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
        if self.is_over() {
            return None;
        }
        self.keepalive.deadline()
    }

    /// Whether to keep reading the socket: false while some stream holds
    /// more unread data than [`Config::stream_buffer_limit`] (the server
    /// then waits, as TCP backpressure) or once the connection is over.
    pub fn wants_input(&self) -> bool {
        !self.is_over() && self.streams.within_limit()
    }

    // ----- internals -----------------------------------------------------------

    fn is_over(&self) -> bool {
        matches!(self.state, State::Over(_))
    }

    fn is_opening(&self) -> bool {
        matches!(self.state, State::Opening(_))
    }

    fn usable(&self) -> Result<(), CallError> {
        match &self.state {
            State::Over(e) => Err(CallError::Connection(e.clone())),
            State::Closing => Err(CallError::Connection(ConnectionError::Closed)),
            _ => Ok(()),
        }
    }

    /// A whole packet came (without its length word).
    fn on_packet(&mut self, body: &[u8]) {
        let header = match Header::decode(body) {
            Ok(h) => h,
            Err(packet::HeaderError::Short) => {
                return self.fail(ConnectionError::Malformed(MalformedPacket::ShortHeader));
            }
            Err(packet::HeaderError::UnknownType(t)) => {
                return self.fail(ConnectionError::Malformed(MalformedPacket::UnknownType(t)));
            }
            Err(packet::HeaderError::UnknownStatus(s)) => {
                return self.fail(ConnectionError::Malformed(MalformedPacket::UnknownStatus(
                    s,
                )));
            }
        };
        let payload = &body[packet::HEADER_LEN..];
        match header.kind {
            MessageType::Call | MessageType::CallWithFds => {
                self.fail(ConnectionError::ProtocolViolation(
                    Violation::CallFromServer,
                ));
            }
            MessageType::Reply | MessageType::ReplyWithFds => self.on_reply(&header, payload),
            MessageType::Message => self.on_message(&header, payload),
            MessageType::Stream | MessageType::StreamHole => self.on_stream(&header, payload),
        }
    }

    /// Ends the connection: every waiter learns why.
    fn fail(&mut self, error: ConnectionError) {
        if self.is_over() {
            return;
        }
        // The open sequence's state, and the calls it held, go with it.
        self.state = State::Over(error.clone());
        self.keepalive.stop();
        self.fail_calls(&error);
        self.fail_subscriptions(&error);
        self.streams.drop_cancelled();
        // Nothing more goes out: a transport that failed cannot take it,
        // and a driver that waits for the output to drain before it stops
        // would wait forever.
        self.outbox.clear();
        self.inbox.clear();
        self.events.push_back(Event::Closed(error));
    }
}

fn decode_error(payload: &[u8]) -> Option<Box<RemoteError>> {
    libvirt_xdr::from_bytes::<MessageError>(payload)
        .ok()
        .map(Into::into)
}

#[cfg(test)]
mod tests {
    //! White-box tests that need the connection's private state; the
    //! socket-free suite against a simulated server is in
    //! `tests/connection*.rs`.

    use super::*;
    use crate::net::MessageStatus;
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
        c.calls.next_serial = u32::MAX - 1;
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
        c.calls.next_serial = u32::MAX;
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
