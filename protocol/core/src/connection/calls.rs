//! Calls: handles tied to serials, the calls waiting for their answers,
//! sending a call and routing its answer.

use alloc::collections::BTreeMap;

use serde::Serialize;

use super::framing::FdReply;
use super::open::Step;
use super::streams::StreamState;
use super::subscriptions::call_family;
use super::{Connection, Discard, Event, Reply, State, decode_error};
use crate::error::{CallError, ConnectionError, MalformedPacket, Misuse, Violation};
use crate::net::{MessageStatus, MessageType};
use crate::packet::{Header, MAX_FDS};
use crate::procedure::{CallProcedure, FdPassing, ProcedureInfo, ProcedureKind};

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

/// Who waits for a call's answer.
#[derive(Debug)]
pub(super) enum Role {
    /// The user, as [`Event::Reply`].
    User,
    /// The open sequence.
    Step(Step),
    /// [`Connection::close`]: its answer ends the connection.
    Close,
    /// The user, and the call opens a stream.
    Stream,
    /// A shared event registration ([`Connection::subscribe`]).
    Register,
    /// Its undoing, whose answer no one waits for.
    Deregister,
}

/// A call waiting for its answer.
#[derive(Debug)]
pub(super) struct CallEntry {
    pub(super) id: CallId,
    pub(super) info: &'static ProcedureInfo,
    pub(super) role: Role,
    /// The caller has gone: the answer is dropped.
    pub(super) cancelled: bool,
    /// A deregistration's (family, callback id): forgotten from the
    /// deregistered callbacks when its answer comes, as no event of it
    /// follows.
    pub(super) deregisters: Option<(usize, i32)>,
}

impl CallEntry {
    /// Whether a packet with this header belongs to the call.
    pub(super) fn matches(&self, h: &Header) -> bool {
        (self.info.program, self.info.version, self.info.number) == (h.prog, h.vers, h.proc)
    }
}

/// The calls waiting for their answers, by serial, and the serial
/// counter.
#[derive(Debug, Default)]
pub(super) struct Calls {
    pub(super) next_serial: u32,
    generation: u64,
    entries: BTreeMap<u32, CallEntry>,
}

impl Calls {
    /// A handle for a new call, on a serial not in use.
    fn next_id(&mut self) -> CallId {
        // A live serial is never reused: skip those still pending.
        loop {
            let serial = self.next_serial;
            let generation = self.generation;
            self.next_serial = serial.wrapping_add(1);
            if self.next_serial == 0 {
                self.generation += 1;
            }
            if !self.entries.contains_key(&serial) {
                return CallId((generation << 32) | u64::from(serial));
            }
        }
    }

    /// How many calls wait.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The call waiting on `serial`.
    pub(super) fn get(&self, serial: u32) -> Option<&CallEntry> {
        self.entries.get(&serial)
    }

    /// A call is over: its serial is free again. An idle connection holds
    /// no map storage (an empty `BTreeMap` keeps its root node).
    pub(super) fn forget(&mut self, serial: u32) {
        self.entries.remove(&serial);
        if self.entries.is_empty() {
            self.entries = BTreeMap::new();
        }
    }

    /// The caller of `call` has gone.
    fn cancel(&mut self, call: CallId) {
        if let Some(p) = self.entries.get_mut(&call.serial()) {
            if p.id == call {
                p.cancelled = true;
            }
        }
    }

    /// Every waiting call, which the connection's end fails.
    pub(super) fn take_all(&mut self) -> BTreeMap<u32, CallEntry> {
        core::mem::take(&mut self.entries)
    }
}

impl Connection {
    /// Queues a call of `P` and returns its handle; the answer comes as
    /// [`Event::Reply`]. Calls made before the open sequence has finished
    /// are sent right after it.
    pub fn call<P: CallProcedure>(&mut self, args: &P::Args) -> Result<CallId, CallError> {
        let info = P::INFO;
        if info.kind != ProcedureKind::Call
            || info.stream.is_stream()
            || matches!(info.fds, FdPassing::Call | FdPassing::Both)
        {
            return Err(CallError::WrongKind(Misuse::Procedure(info)));
        }
        self.submit(info, args, Role::User, None)
    }

    /// Queues a call of `P` that opens a data stream; the stream's handle is
    /// the call's. The stream is usable once [`Event::Reply`] says `Ok`, but
    /// data the server sends earlier is kept.
    pub fn call_stream<P: CallProcedure>(&mut self, args: &P::Args) -> Result<CallId, CallError> {
        let info = P::INFO;
        if info.kind != ProcedureKind::Call || !info.stream.is_stream() {
            return Err(CallError::WrongKind(Misuse::Procedure(info)));
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
            return Err(CallError::WrongKind(Misuse::Procedure(info)));
        }
        if fds > MAX_FDS {
            return Err(CallError::Encode(libvirt_xdr::Error::LengthExceedsMax {
                len: fds as u64,
                max: MAX_FDS as u64,
            }));
        }
        self.submit(info, args, Role::User, Some(fds))
    }

    /// Forgets a call or stream whose caller has gone: its reply will be
    /// dropped when it comes, and a stream is aborted. The connection stays
    /// usable.
    pub fn cancel(&mut self, call: CallId) {
        self.cancel_stream(call);
        self.calls.cancel(call);
    }

    /// Encodes and queues a call; user calls made while opening wait for
    /// the open sequence to finish.
    pub(super) fn submit(
        &mut self,
        info: &'static ProcedureInfo,
        args: &impl Serialize,
        role: Role,
        fds: Option<usize>,
    ) -> Result<CallId, CallError> {
        self.usable()?;
        let id = self.calls.next_id();
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
        // User calls wait for the open sequence; its own calls do not.
        let outbox = match &mut self.state {
            State::Opening(o) if !matches!(role, Role::Step(_)) => &mut o.held,
            _ => &mut self.outbox,
        };
        let payload = outbox
            .write(&header, |buf| {
                if let Some(n) = fds {
                    buf.extend_from_slice(&(n as u32).to_be_bytes());
                }
                libvirt_xdr::to_writer(buf, args)
            })
            .map_err(CallError::Encode)?;
        let args_bytes = if fds.is_some() {
            payload.get(4..).unwrap_or_default()
        } else {
            payload
        };
        // Note what the event bookkeeping needs from the arguments.
        let mut deregisters = None;
        if let Some(Err(family)) = call_family(info.program, info.number) {
            if let Some(w) = args_bytes.first_chunk::<4>() {
                deregisters = Some((family, i32::from_be_bytes(*w)));
            }
        }
        let mut sparse = false;
        if let (Role::Stream, Some(bit)) = (&role, info.sparse_flag) {
            // The sparse procedures' `flags` is their last argument.
            if let Some(w) = args_bytes.last_chunk::<4>() {
                sparse = u32::from_be_bytes(*w) & bit != 0;
            }
        }
        if let Some(n) = fds.filter(|&n| n > 0) {
            outbox.fds_after_last(id, n);
        }
        if let Some(key) = deregisters {
            self.callbacks.deregistering(key);
        }
        if let Role::Stream = role {
            self.streams.insert(id, StreamState::new(info, sparse));
        }
        self.calls.entries.insert(
            id.serial(),
            CallEntry {
                id,
                info,
                role,
                cancelled: false,
                deregisters,
            },
        );
        Ok(id)
    }

    /// A REPLY (or REPLY_WITH_FDS) came.
    pub(super) fn on_reply(&mut self, h: &Header, payload: &[u8]) {
        let Some(p) = self.calls.get(h.serial) else {
            return self.fail(ConnectionError::ProtocolViolation(
                Violation::ReplyForNoCall,
            ));
        };
        if !p.matches(h) {
            return self.fail(ConnectionError::ProtocolViolation(Violation::ReplyMismatch));
        }
        let id = p.id;
        // A REPLY on a stream that is already open: the server's answer to
        // a failed HOLE (protocol-notes §7).
        if matches!(p.role, Role::Stream) && self.streams.get(id).is_some_and(|s| s.replied()) {
            return match decode_error(payload) {
                Some(e) if h.status == MessageStatus::Error => {
                    self.stream_over(id, Err(CallError::Remote(e)))
                }
                _ => self.fail(ConnectionError::ProtocolViolation(
                    Violation::SecondStreamReply,
                )),
            };
        }
        match h.status {
            MessageStatus::Ok if h.kind == MessageType::ReplyWithFds => {
                let Some((count, rest)) = payload.split_first_chunk::<4>() else {
                    return self.fail(ConnectionError::Malformed(MalformedPacket::MissingFdCount));
                };
                let count = u32::from_be_bytes(*count) as usize;
                if count > MAX_FDS {
                    return self.fail(ConnectionError::Malformed(MalformedPacket::TooManyFds));
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
                self.inbox
                    .expect_carriers(FdReply::new(h.serial, rest.to_vec(), count));
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
                    MalformedPacket::UndecodableError,
                )),
            },
            MessageStatus::Continue => {
                self.fail(ConnectionError::ProtocolViolation(Violation::ReplyContinue))
            }
        }
    }

    /// A call's answer arrived: route it to its waiter or to the open
    /// sequence.
    pub(super) fn complete(&mut self, serial: u32, result: Result<Reply, CallError>) {
        let Some(p) = self.calls.get(serial) else {
            return;
        };
        let (id, info, cancelled) = (p.id, p.info, p.cancelled);
        if let Some(key) = p.deregisters {
            // The server answers after the events it sent before: none of
            // that callback follows (its id is not handed out again).
            self.callbacks.deregistered(key);
        }
        match p.role {
            Role::Step(step) => {
                self.calls.forget(serial);
                self.on_step(step, result);
            }
            Role::Close => {
                self.calls.forget(serial);
                // Done, as libvirt's C client is: the driver closes the
                // socket (the server hangs up too).
                self.fail(ConnectionError::Closed);
            }
            Role::Register => {
                self.calls.forget(serial);
                self.registered_again(info, &result);
                self.on_registered(id, result);
            }
            Role::Deregister => self.calls.forget(serial),
            Role::User => {
                self.calls.forget(serial);
                self.registered_again(info, &result);
                self.answer(id, info, cancelled, result);
            }
            Role::Stream => {
                let ok = result.is_ok();
                // The server may end a stream before the REPLY that opened
                // it: then the call is over with this reply.
                let over = self.streams.get(id).is_none_or(|s| s.is_over());
                if !ok || over {
                    self.calls.forget(serial);
                }
                if ok {
                    self.stream_replied(id);
                } else {
                    self.streams.remove(id);
                }
                self.answer(id, info, cancelled, result);
            }
        }
    }

    /// Tells the user a call's outcome, unless they have gone.
    fn answer(
        &mut self,
        call: CallId,
        info: &'static ProcedureInfo,
        cancelled: bool,
        result: Result<Reply, CallError>,
    ) {
        if !cancelled {
            self.events.push_back(Event::Reply { call, result });
        } else if let Some(n) = result.as_ref().ok().map(|r| r.fds).filter(|&n| n > 0) {
            // The driver holds fds that no one will claim.
            self.events.push_back(Event::Discarded {
                prog: info.program,
                procedure: info.number,
                reason: Discard::CancelledWithFds(n),
            });
        }
    }

    /// The connection ended: every call still waiting learns why.
    pub(super) fn fail_calls(&mut self, error: &ConnectionError) {
        let calls = self.calls.take_all();
        for (_, p) in calls {
            match p.role {
                Role::User if !p.cancelled => self.events.push_back(Event::Reply {
                    call: p.id,
                    result: Err(CallError::Connection(error.clone())),
                }),
                Role::Stream => self.fail_stream(p.id, p.cancelled, error),
                _ => {}
            }
        }
    }
}
