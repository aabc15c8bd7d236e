//! Data streams: a call whose REPLY opens a flow of STREAM packets in one
//! or both directions (protocol-notes §7). Each [`StreamState`] holds its
//! phase, what the server sent and the user has not read, and how it
//! failed.

use alloc::collections::{BTreeMap, VecDeque};
use alloc::vec::Vec;

use super::{CallId, Connection, Event, StreamRecv, decode_error};
use crate::error::{CallError, ConnectionError, Misuse, StreamViolation, Violation};
use crate::net::{MessageStatus, MessageType, StreamHole};
use crate::packet::{Header, STREAM_CHUNK};
use crate::procedure::{ProcedureInfo, StreamDirection};

/// Where a stream is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StreamPhase {
    /// The creating call is on its way; data may already arrive.
    Opening,
    /// Open both ways (the REPLY came).
    Active,
    /// Finish sent (by the user, or at once when the server's data was
    /// over); waiting for the server's confirmation.
    Finishing,
    /// Abort sent; waiting for the server's confirmation.
    Aborting,
    /// Over; `replied` says whether the REPLY that opened it has come (the
    /// server may end a stream before it: then the call is still waiting).
    Over {
        /// The REPLY to the creating call has come.
        replied: bool,
    },
}

/// One piece of what the server sent on a stream.
#[derive(Debug)]
enum StreamChunk {
    /// Data, and how much of it has been read.
    Data(Vec<u8>, usize),
    /// A hole of this many bytes.
    Hole(u64),
}

/// Who takes what the server sends.
#[derive(Debug)]
enum Reader {
    /// The user: the pieces not read yet, and their data bytes.
    Attached {
        chunks: VecDeque<StreamChunk>,
        bytes: usize,
    },
    /// No one: the user has gone (cancelled); nothing is kept or reported.
    Cancelled,
}

/// One stream.
#[derive(Debug)]
pub(super) struct StreamState {
    /// The procedure that opened it (its packets carry its numbers).
    info: &'static ProcedureInfo,
    sparse: bool,
    phase: StreamPhase,
    /// The server's data is over.
    eof: bool,
    /// Why the stream failed, once it has: reads give this error.
    failure: Option<CallError>,
    reader: Reader,
}

impl StreamState {
    /// A stream whose creating call is on its way.
    pub(super) fn new(info: &'static ProcedureInfo, sparse: bool) -> StreamState {
        StreamState {
            info,
            sparse,
            phase: StreamPhase::Opening,
            eof: false,
            failure: None,
            reader: Reader::Attached {
                chunks: VecDeque::new(),
                bytes: 0,
            },
        }
    }

    /// Whether the REPLY to the creating call has come.
    pub(super) fn replied(&self) -> bool {
        match self.phase {
            StreamPhase::Opening => false,
            StreamPhase::Over { replied } => replied,
            StreamPhase::Active | StreamPhase::Finishing | StreamPhase::Aborting => true,
        }
    }

    /// Whether the stream is over.
    pub(super) fn is_over(&self) -> bool {
        matches!(self.phase, StreamPhase::Over { .. })
    }

    fn is_cancelled(&self) -> bool {
        matches!(self.reader, Reader::Cancelled)
    }

    /// Data bytes held for the user.
    fn unread(&self) -> usize {
        match &self.reader {
            Reader::Attached { bytes, .. } => *bytes,
            Reader::Cancelled => 0,
        }
    }

    /// Ends the stream, keeping whether its REPLY came.
    fn end(&mut self) {
        self.phase = StreamPhase::Over {
            replied: self.replied(),
        };
    }

    /// Keeps a piece for the user (unless they have gone, or the stream
    /// is being aborted); true if kept.
    fn keep(&mut self, chunk: StreamChunk) -> bool {
        if self.phase == StreamPhase::Aborting {
            return false;
        }
        let Reader::Attached { chunks, bytes } = &mut self.reader else {
            return false;
        };
        if let StreamChunk::Data(data, _) = &chunk {
            *bytes += data.len();
        }
        chunks.push_back(chunk);
        true
    }
}

/// Every stream of the connection.
#[derive(Debug)]
pub(super) struct Streams {
    map: BTreeMap<CallId, StreamState>,
    /// [`crate::Config::stream_buffer_limit`].
    buffer_limit: usize,
}

impl Streams {
    pub(super) fn new(buffer_limit: usize) -> Streams {
        Streams {
            map: BTreeMap::new(),
            buffer_limit,
        }
    }

    pub(super) fn get(&self, id: CallId) -> Option<&StreamState> {
        self.map.get(&id)
    }

    pub(super) fn insert(&mut self, id: CallId, stream: StreamState) {
        self.map.insert(id, stream);
    }

    pub(super) fn remove(&mut self, id: CallId) {
        self.map.remove(&id);
    }

    /// Whether every stream holds less unread data than the limit.
    pub(super) fn within_limit(&self) -> bool {
        self.map.values().all(|s| s.unread() < self.buffer_limit)
    }

    /// Forgets the streams whose user has gone.
    pub(super) fn drop_cancelled(&mut self) {
        self.map.retain(|_, s| !s.is_cancelled());
    }
}

impl Connection {
    /// Reads from a stream into `buf`: data, a hole, the end, or nothing
    /// yet. Fails with the stream's error once it failed.
    pub fn stream_recv(&mut self, stream: CallId, buf: &mut [u8]) -> Result<StreamRecv, CallError> {
        let Some(s) = self.streams.map.get_mut(&stream) else {
            return Err(CallError::WrongKind(Misuse::NotAStream));
        };
        let front = match &mut s.reader {
            Reader::Attached { chunks, bytes } => chunks.front_mut().map(|c| (c, bytes)),
            Reader::Cancelled => None,
        };
        match front {
            Some((StreamChunk::Data(data, offset), bytes)) => {
                let n = (data.len() - *offset).min(buf.len());
                buf[..n].copy_from_slice(&data[*offset..*offset + n]);
                *offset += n;
                *bytes -= n;
                if *offset == data.len() {
                    s.pop_front();
                }
                Ok(StreamRecv::Data(n))
            }
            Some((StreamChunk::Hole(len), _)) => {
                let len = *len;
                s.pop_front();
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
    /// [`crate::Config::transmit_high_water`].
    pub fn stream_send(&mut self, stream: CallId, data: &[u8]) -> Result<usize, CallError> {
        self.writable_stream(stream)?;
        let mut taken = 0;
        while taken < data.len() && self.transmit_pending() < self.transmit_high_water {
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
            return Err(CallError::WrongKind(Misuse::NotSparse));
        }
        let length =
            i64::try_from(length).map_err(|_| CallError::WrongKind(Misuse::HoleTooLong(length)))?;
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
        let Some(s) = self.streams.get(stream) else {
            return Err(CallError::WrongKind(Misuse::NotAStream));
        };
        match s.phase {
            StreamPhase::Active | StreamPhase::Finishing => {
                self.send_stream_control(stream, MessageStatus::Error);
                Ok(())
            }
            StreamPhase::Opening => Err(CallError::WrongKind(Misuse::StreamNotOpen)),
            StreamPhase::Aborting | StreamPhase::Over { .. } => Ok(()),
        }
    }

    /// Forgets a stream that is over and fully read (or cancels it if not).
    pub fn stream_release(&mut self, stream: CallId) {
        self.cancel(stream);
        if self.streams.get(stream).is_some_and(StreamState::is_over) {
            self.streams.remove(stream);
        }
    }

    /// The user of a stream has gone: drop what it holds, abort it if it
    /// is open, forget it if it is over.
    pub(super) fn cancel_stream(&mut self, stream: CallId) {
        let Some(s) = self.streams.map.get_mut(&stream) else {
            return;
        };
        s.reader = Reader::Cancelled;
        if s.phase == StreamPhase::Active {
            self.send_stream_control(stream, MessageStatus::Error);
        }
        if self.streams.get(stream).is_some_and(StreamState::is_over) {
            self.streams.remove(stream);
        }
    }

    fn writable_stream(&self, stream: CallId) -> Result<&StreamState, CallError> {
        let Some(s) = self.streams.get(stream) else {
            return Err(CallError::WrongKind(Misuse::NotAStream));
        };
        if let Some(e) = &s.failure {
            return Err(e.clone());
        }
        if s.info.stream == StreamDirection::Read {
            return Err(CallError::WrongKind(Misuse::ReadOnlyStream));
        }
        match s.phase {
            StreamPhase::Active => Ok(s),
            StreamPhase::Opening => Err(CallError::WrongKind(Misuse::StreamNotOpen)),
            _ => Err(CallError::WrongKind(Misuse::StreamEnding)),
        }
    }

    fn send_stream_packet(
        &mut self,
        stream: CallId,
        kind: MessageType,
        status: MessageStatus,
        payload: &[u8],
    ) {
        let Some(s) = self.streams.get(stream) else {
            return;
        };
        let header = Header {
            prog: s.info.program,
            vers: s.info.version,
            proc: s.info.number,
            kind,
            serial: stream.serial(),
            status,
        };
        let _ = self.outbox.write(&header, |buf| {
            buf.extend_from_slice(payload);
            Ok(())
        });
    }

    /// Sends finish (OK) or abort (ERROR) and moves the stream on.
    fn send_stream_control(&mut self, stream: CallId, status: MessageStatus) {
        self.send_stream_packet(stream, MessageType::Stream, status, &[]);
        if let Some(s) = self.streams.map.get_mut(&stream) {
            s.phase = if status == MessageStatus::Ok {
                StreamPhase::Finishing
            } else {
                StreamPhase::Aborting
            };
        }
    }

    /// The REPLY that opens a stream came (`Ok`): it is open, unless its
    /// user has gone or it broke or ended meanwhile.
    pub(super) fn stream_replied(&mut self, id: CallId) {
        let Some(s) = self.streams.map.get_mut(&id) else {
            return;
        };
        match s.phase {
            StreamPhase::Opening => {
                s.phase = StreamPhase::Active;
                if s.is_cancelled() || s.failure.is_some() {
                    // Gone, or broken before the reply came.
                    self.send_stream_control(id, MessageStatus::Error);
                } else if s.eof {
                    // The data ended before the reply came.
                    self.send_stream_control(id, MessageStatus::Ok);
                }
            }
            StreamPhase::Over { .. } => s.phase = StreamPhase::Over { replied: true },
            StreamPhase::Active | StreamPhase::Finishing | StreamPhase::Aborting => {}
        }
    }

    /// A STREAM or STREAM_HOLE packet came.
    pub(super) fn on_stream(&mut self, h: &Header, payload: &[u8]) {
        let Some(p) = self.calls.get(h.serial) else {
            // Late packets of a finished stream are dropped (§7).
            return;
        };
        if !matches!(p.role, super::calls::Role::Stream) || !p.matches(h) {
            return self.fail(ConnectionError::ProtocolViolation(
                Violation::StreamPacketForNoStream,
            ));
        }
        let id = p.id;
        let Some(s) = self.streams.map.get_mut(&id) else {
            return;
        };
        if s.is_over() {
            return;
        }
        let direction = s.info.stream;
        match (h.kind, h.status) {
            (MessageType::Stream, MessageStatus::Continue) if payload.is_empty() => {
                if direction == StreamDirection::Write {
                    return self.stream_violation(id, StreamViolation::EofOnUpload);
                }
                if s.eof {
                    return;
                }
                s.eof = true;
                let auto_finish = s.phase == StreamPhase::Active;
                self.readable(id);
                if auto_finish {
                    self.send_stream_control(id, MessageStatus::Ok);
                }
            }
            (MessageType::Stream, MessageStatus::Continue) => {
                if direction == StreamDirection::Write {
                    return self.stream_violation(id, StreamViolation::DataOnUpload);
                }
                if s.eof {
                    return self.stream_violation(id, StreamViolation::DataAfterEof);
                }
                if s.keep(StreamChunk::Data(payload.to_vec(), 0)) {
                    self.readable(id);
                }
            }
            (MessageType::StreamHole, MessageStatus::Continue) => {
                if !s.sparse {
                    return self.stream_violation(id, StreamViolation::HoleNotSparse);
                }
                let Ok(hole) = libvirt_xdr::from_bytes::<StreamHole>(payload) else {
                    return self.stream_violation(id, StreamViolation::UndecodableHole);
                };
                let Ok(length) = u64::try_from(hole.length) else {
                    return self.stream_violation(id, StreamViolation::NegativeHole);
                };
                if s.eof {
                    return self.stream_violation(id, StreamViolation::HoleAfterEof);
                }
                if length > 0 && s.keep(StreamChunk::Hole(length)) {
                    self.readable(id);
                }
            }
            (MessageType::Stream, MessageStatus::Ok) => {
                let result = match s.phase {
                    StreamPhase::Finishing => Ok(()),
                    StreamPhase::Aborting => Err(CallError::Aborted),
                    _ => Err(CallError::StreamViolation(StreamViolation::EndedUnasked)),
                };
                self.stream_over(id, result);
            }
            (_, MessageStatus::Error) => {
                let result = match decode_error(payload) {
                    Some(e) => CallError::Remote(e),
                    None => CallError::StreamViolation(StreamViolation::UndecodableError),
                };
                self.stream_over(id, Err(result));
            }
            _ => self.stream_violation(id, StreamViolation::UnexpectedStatus),
        }
    }

    fn readable(&mut self, id: CallId) {
        if self.streams.get(id).is_some_and(|s| !s.is_cancelled()) {
            self.events.push_back(Event::StreamReadable(id));
        }
    }

    /// A stream broke the protocol: it fails (the connection does not), and
    /// the server is told to drop it.
    fn stream_violation(&mut self, id: CallId, why: StreamViolation) {
        if let Some(s) = self.streams.map.get_mut(&id) {
            s.failure = Some(CallError::StreamViolation(why));
            let active = matches!(s.phase, StreamPhase::Active | StreamPhase::Finishing);
            if active {
                self.send_stream_control(id, MessageStatus::Error);
            }
            self.readable(id);
        }
    }

    /// The server ended a stream: free its serial and tell the user.
    pub(super) fn stream_over(&mut self, id: CallId, result: Result<(), CallError>) {
        if self.streams.get(id).is_none_or(StreamState::replied) {
            self.calls.forget(id.serial());
        }
        let Some(s) = self.streams.map.get_mut(&id) else {
            return;
        };
        s.end();
        if let Err(e) = &result {
            if s.failure.is_none() && *e != CallError::Aborted {
                s.failure = Some(e.clone());
            }
        }
        if s.is_cancelled() {
            self.streams.remove(id);
            return;
        }
        let result = match (&s.failure, result) {
            (Some(f), _) => Err(f.clone()),
            (None, r) => r,
        };
        self.events
            .push_back(Event::StreamClosed { stream: id, result });
    }

    /// The connection ended while the stream's call was waiting: the
    /// stream is over, and its user learns why (as the call's reply if it
    /// was still opening).
    pub(super) fn fail_stream(&mut self, id: CallId, cancelled: bool, error: &ConnectionError) {
        let Some(s) = self.streams.map.get_mut(&id) else {
            return;
        };
        // Still waiting for its REPLY: the call fails.
        let opening = !s.replied();
        s.end();
        if s.failure.is_none() {
            s.failure = Some(CallError::Connection(error.clone()));
        }
        if s.is_cancelled() {
            return;
        }
        let error = CallError::Connection(error.clone());
        if opening && !cancelled {
            self.events.push_back(Event::Reply {
                call: id,
                result: Err(error),
            });
        } else {
            self.events.push_back(Event::StreamClosed {
                stream: id,
                result: Err(error),
            });
        }
    }
}

impl StreamState {
    fn pop_front(&mut self) {
        if let Reader::Attached { chunks, .. } = &mut self.reader {
            chunks.pop_front();
        }
    }
}
