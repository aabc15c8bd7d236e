//! A simulated libvirt server and a virtual clock to drive a [`Connection`]
//! without sockets.
//!
//! [`Pair`] holds the client under test, the fake server's view of what the
//! client wrote ([`Peer`]), the virtual time and the events the client
//! produced. It follows the driver rule of the connection's module docs:
//! after every input (bytes, fds, EOF, timeout, a call) it drains
//! `poll_transmit` into the server and `poll_event` into [`Pair::events`].
//! Server bytes go to the client cut according to [`Pair::split`], so the
//! same script runs with packets whole, one byte at a time, or cut at
//! random places.

#![allow(dead_code)]
// The helpers hand back the core's own `Result<_, CallError>`.
#![allow(clippy::result_large_err)]

use std::collections::VecDeque;
use std::time::Duration;

use libvirt_core::net::{MessageError, MessageStatus, MessageType, StreamHole};
use libvirt_core::packet::{HEADER_LEN, Header, LEN_WORD, MAX_PACKET, MIN_PACKET};
use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    CallError, CallId, CallProcedure, Config, Connected, Connection, ConnectionError, Event,
    EventProcedure, Open, Procedure, Reply, StreamRecv, Transmit, keepalive, remote,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub(crate) fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

// ----- deterministic randomness ---------------------------------------------

/// xorshift64*: small, deterministic, good enough to pick cut points.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// How server bytes are cut before they reach the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Split {
    /// Everything the server says at once in one `handle_input`.
    Whole,
    /// One byte per `handle_input`.
    Bytewise,
    /// Random cuts (tiny, medium and large pieces) from this seed.
    Random(u64),
}

/// The splits most tests run with.
pub(crate) const SPLITS: [Split; 5] = [
    Split::Whole,
    Split::Bytewise,
    Split::Random(1),
    Split::Random(2),
    Split::Random(0x5eed),
];

/// Splits for scripts with big payloads (no byte-at-a-time).
pub(crate) const BIG_SPLITS: [Split; 3] = [Split::Whole, Split::Random(3), Split::Random(4)];

/// Cuts `bytes` into pieces as `split` says.
pub(crate) fn cut<'a>(bytes: &'a [u8], split: Split, rng: &mut Rng) -> Vec<&'a [u8]> {
    match split {
        Split::Whole => vec![bytes],
        Split::Bytewise => bytes.chunks(1).collect(),
        Split::Random(_) => {
            let mut out = Vec::new();
            let mut rest = bytes;
            while !rest.is_empty() {
                let max = match rng.below(4) {
                    0 => 3,
                    1 => 40,
                    2 => 4000,
                    _ => rest.len(),
                };
                let n = 1 + rng.below(max.min(rest.len()));
                let (piece, after) = rest.split_at(n);
                out.push(piece);
                rest = after;
            }
            out
        }
    }
}

// ----- packets ----------------------------------------------------------------

pub(crate) fn header(
    prog: u32,
    proc: i32,
    kind: MessageType,
    serial: u32,
    status: MessageStatus,
) -> Header {
    Header {
        prog,
        vers: 1,
        proc,
        kind,
        serial,
        status,
    }
}

/// One packet: length word, header, payload.
pub(crate) fn packet(h: Header, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MIN_PACKET + payload.len());
    h.encode((MIN_PACKET + payload.len()) as u32, &mut out);
    out.extend_from_slice(payload);
    out
}

/// A raw packet from a length word and header words (for hostile input).
pub(crate) fn raw_packet(len: u32, words: [u32; 6], payload: &[u8]) -> Vec<u8> {
    let mut out = len.to_be_bytes().to_vec();
    for w in words {
        out.extend_from_slice(&w.to_be_bytes());
    }
    out.extend_from_slice(payload);
    out
}

pub(crate) fn xdr<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    libvirt_xdr::to_vec(value).expect("test values encode")
}

/// A keepalive message (PING = 1, PONG = 2) as libvirt sends it.
pub(crate) fn keepalive_packet(proc: i32) -> Vec<u8> {
    packet(
        header(
            keepalive::PROGRAM,
            proc,
            MessageType::Message,
            0,
            MessageStatus::Ok,
        ),
        &[],
    )
}

pub(crate) fn ping() -> Vec<u8> {
    keepalive_packet(1)
}

pub(crate) fn pong() -> Vec<u8> {
    keepalive_packet(2)
}

/// An event MESSAGE of procedure `P` with `serial` (libvirt uses 1).
pub(crate) fn event_packet<P: EventProcedure>(serial: u32, msg: &P::Message) -> Vec<u8> {
    packet(
        header(
            P::INFO.program,
            P::INFO.number,
            MessageType::Message,
            serial,
            MessageStatus::Ok,
        ),
        &xdr(msg),
    )
}

/// A `remote_error` with the given code, domain and message; the other
/// fields as libvirt usually fills them.
pub(crate) fn error(code: i32, domain: i32, message: &str) -> MessageError {
    MessageError {
        code,
        domain,
        message: Some(message.into()),
        level: 2,
        dom: None,
        str1: Some(message.into()),
        str2: None,
        str3: None,
        int1: -1,
        int2: -1,
        net: None,
    }
}

/// libvirt's answer to a procedure it does not know.
pub(crate) fn unknown_procedure(n: i32) -> MessageError {
    error(39, 7, &format!("unknown procedure: {n}"))
}

pub(crate) fn domain(name: impl AsRef<[u8]>) -> remote::NonnullDomain {
    remote::NonnullDomain {
        name: name.as_ref().into(),
        uuid: [7; 16],
        id: 1,
    }
}

pub(crate) fn volume() -> remote::NonnullStorageVol {
    remote::NonnullStorageVol {
        pool: "default-pool".into(),
        name: "disk.img".into(),
        key: "/pool/disk.img".into(),
    }
}

// ----- what the server saw --------------------------------------------------------

/// A packet the client wrote, as the server parsed it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Sent {
    pub(crate) header: Header,
    /// The fd count word of a CALL_WITH_FDS.
    pub(crate) fd_count: Option<u32>,
    /// The payload (after the count word, if any).
    pub(crate) payload: Vec<u8>,
    /// The whole packet as written.
    pub(crate) raw: Vec<u8>,
    /// The `Transmit::Fds` that came right after this packet's last byte.
    pub(crate) fds: Option<(CallId, usize)>,
}

impl Sent {
    pub(crate) fn is<P: Procedure>(&self) -> bool {
        (self.header.prog, self.header.vers, self.header.proc)
            == (P::INFO.program, P::INFO.version, P::INFO.number)
    }

    pub(crate) fn serial(&self) -> u32 {
        self.header.serial
    }

    /// The payload decoded as `T`, all of it.
    pub(crate) fn decode<T: DeserializeOwned>(&self) -> T {
        libvirt_xdr::from_bytes_exact(&self.payload)
            .unwrap_or_else(|e| panic!("payload of {:?}: {e}", self.header))
    }

    fn answer(&self, kind: MessageType, status: MessageStatus, payload: &[u8]) -> Vec<u8> {
        let h = Header {
            kind,
            status,
            ..self.header
        };
        packet(h, payload)
    }

    /// REPLY/OK with `ret`.
    pub(crate) fn reply_ok<T: Serialize + ?Sized>(&self, ret: &T) -> Vec<u8> {
        self.answer(MessageType::Reply, MessageStatus::Ok, &xdr(ret))
    }

    /// REPLY/ERROR with `e`.
    pub(crate) fn reply_err(&self, e: &MessageError) -> Vec<u8> {
        self.answer(MessageType::Reply, MessageStatus::Error, &xdr(e))
    }

    /// REPLY_WITH_FDS/OK: the count word, then `ret`.
    pub(crate) fn reply_with_fds<T: Serialize + ?Sized>(&self, count: u32, ret: &T) -> Vec<u8> {
        let mut payload = count.to_be_bytes().to_vec();
        payload.extend_from_slice(&xdr(ret));
        self.answer(MessageType::ReplyWithFds, MessageStatus::Ok, &payload)
    }

    /// STREAM/CONTINUE with data (empty: end of file).
    pub(crate) fn data(&self, bytes: &[u8]) -> Vec<u8> {
        self.answer(MessageType::Stream, MessageStatus::Continue, bytes)
    }

    /// STREAM/CONTINUE empty: the server's end of file.
    pub(crate) fn eof(&self) -> Vec<u8> {
        self.data(&[])
    }

    /// STREAM/OK empty: finish or abort confirmed.
    pub(crate) fn stream_ok(&self) -> Vec<u8> {
        self.answer(MessageType::Stream, MessageStatus::Ok, &[])
    }

    /// STREAM/ERROR with `e`: the stream failed.
    pub(crate) fn stream_err(&self, e: &MessageError) -> Vec<u8> {
        self.answer(MessageType::Stream, MessageStatus::Error, &xdr(e))
    }

    /// STREAM_HOLE/CONTINUE of `length` bytes.
    pub(crate) fn hole(&self, length: i64) -> Vec<u8> {
        self.answer(
            MessageType::StreamHole,
            MessageStatus::Continue,
            &xdr(&StreamHole { length, flags: 0 }),
        )
    }
}

/// The fake server's receiving side: parses every byte the client writes.
#[derive(Debug, Default)]
pub(crate) struct Peer {
    rx: Vec<u8>,
    /// Packets not yet looked at by the test.
    pub(crate) inbox: VecDeque<Sent>,
    /// Every packet, in order.
    pub(crate) log: Vec<Sent>,
    /// Every byte the client wrote, in order.
    pub(crate) bytes: Vec<u8>,
}

impl Peer {
    fn receive(&mut self, data: &[u8]) {
        self.bytes.extend_from_slice(data);
        self.rx.extend_from_slice(data);
        while self.rx.len() >= LEN_WORD {
            let len = u32::from_be_bytes(self.rx[..4].try_into().unwrap()) as usize;
            assert!(
                (MIN_PACKET..=MAX_PACKET).contains(&len),
                "client wrote length word {len}"
            );
            if self.rx.len() < len {
                break;
            }
            let raw: Vec<u8> = self.rx.drain(..len).collect();
            let header = Header::decode(&raw[LEN_WORD..]).expect("client header decodes");
            let body = &raw[LEN_WORD + HEADER_LEN..];
            let (fd_count, payload) = if header.kind == MessageType::CallWithFds {
                let (count, rest) = body.split_first_chunk::<4>().expect("fd count word");
                (Some(u32::from_be_bytes(*count)), rest.to_vec())
            } else {
                (None, body.to_vec())
            };
            if matches!(header.kind, MessageType::Call | MessageType::CallWithFds) {
                assert_eq!(header.status, MessageStatus::Ok, "a CALL must carry OK");
            }
            let sent = Sent {
                header,
                fd_count,
                payload,
                raw,
                fds: None,
            };
            self.log.push(sent.clone());
            self.inbox.push_back(sent);
        }
    }

    fn receive_fds(&mut self, call: CallId, count: usize) {
        assert!(
            self.rx.is_empty(),
            "fds must go exactly at a packet boundary ({} bytes of a packet written)",
            self.rx.len()
        );
        let last = self.log.last_mut().expect("fds come after a packet");
        assert_eq!(last.header.kind, MessageType::CallWithFds);
        assert_eq!(last.header.serial, call.serial());
        assert_eq!(last.fd_count, Some(count as u32));
        assert_eq!(last.fds, None, "fds of a packet sent twice");
        last.fds = Some((call, count));
        let raw = last.raw.clone();
        if let Some(q) = self.inbox.back_mut().filter(|q| q.raw == raw) {
            q.fds = Some((call, count));
        }
    }
}

// ----- the pair ---------------------------------------------------------------------

/// A client [`Connection`], the fake server and the virtual clock.
#[derive(Debug)]
pub(crate) struct Pair {
    pub(crate) conn: Connection,
    pub(crate) now: Duration,
    pub(crate) server: Peer,
    pub(crate) events: VecDeque<Event>,
    pub(crate) split: Split,
    rng: Rng,
    /// While set, the socket takes nothing: bytes stay queued.
    pub(crate) writes_paused: bool,
    /// The most bytes one write takes.
    pub(crate) write_chunk: usize,
}

impl Pair {
    pub(crate) fn new(config: Config, open: Open) -> Pair {
        Pair::new_split(config, open, Split::Whole)
    }

    pub(crate) fn new_split(config: Config, open: Open, split: Split) -> Pair {
        let now = secs(1000);
        let seed = match split {
            Split::Random(s) => s,
            _ => 0,
        };
        let mut pair = Pair {
            conn: Connection::new(config, open, now),
            now,
            server: Peer::default(),
            events: VecDeque::new(),
            split,
            rng: Rng::new(seed),
            writes_paused: false,
            write_chunk: usize::MAX,
        };
        pair.drive();
        pair
    }

    /// A pair with `Open::Skip`, ready, its `Connected` event taken.
    pub(crate) fn skip(split: Split) -> Pair {
        let mut pair = Pair::new_split(Config::default(), Open::Skip, split);
        assert!(matches!(pair.event(), Event::Connected(_)));
        pair
    }

    /// A pair that went through the remote open sequence with a server
    /// that supports everything; ready, nothing pending.
    pub(crate) fn connected(config: Config, split: Split) -> Pair {
        let open = Open::Remote {
            name: Some("test:///default".into()),
            read_only: false,
        };
        let mut pair = Pair::new_split(config, open, split);
        let connected = pair.serve_open(&[remote::AuthType::None], true);
        assert!(connected.event_callbacks && connected.close_callback);
        pair
    }

    /// Plays the server through the remote open sequence (from AUTH_LIST
    /// on), answering every feature probe with `features`; returns what
    /// the client learned.
    pub(crate) fn serve_open(&mut self, auth: &[remote::AuthType], features: bool) -> Connected {
        let (list, ()) = self.expect::<remote::procedures::AuthList>();
        self.deliver(&list.reply_ok(&remote::AuthListRet {
            types: auth.to_vec(),
        }));
        if auth.contains(&remote::AuthType::Polkit) {
            let (polkit, ()) = self.expect::<remote::procedures::AuthPolkit>();
            self.deliver(&polkit.reply_ok(&remote::AuthPolkitRet { complete: 1 }));
        }
        let supported = remote::ConnectSupportsFeatureRet {
            supported: i32::from(features),
        };
        while !self.conn.is_ready() {
            let sent = self.sent();
            if sent.is::<remote::procedures::ConnectSupportsFeature>() {
                self.deliver(&sent.reply_ok(&supported));
            } else if sent.is::<remote::procedures::ConnectOpen>() {
                self.deliver(&sent.reply_ok(&()));
            } else if sent.is::<remote::procedures::ConnectGetUri>() {
                self.deliver(&sent.reply_ok(&remote::ConnectGetUriRet {
                    uri: "test:///default".into(),
                }));
            } else {
                panic!("unexpected packet during the open sequence: {sent:?}");
            }
            assert!(self.conn.error().is_none(), "{:?}", self.conn.error());
        }
        match self.event() {
            Event::Connected(c) => c,
            other => panic!("expected Connected, got {other:?}"),
        }
    }

    // ----- the driver ------------------------------------------------------------

    /// The driver rule: write everything the client wants written, then
    /// take every event.
    pub(crate) fn drive(&mut self) {
        while !self.writes_paused {
            let written = match self.conn.poll_transmit() {
                None => break,
                Some(Transmit::Bytes(b)) => {
                    assert!(!b.is_empty(), "poll_transmit returned no bytes");
                    let n = b.len().min(self.write_chunk);
                    self.server.receive(&b[..n]);
                    Some(n)
                }
                Some(Transmit::Fds { call, count }) => {
                    self.server.receive_fds(call, count);
                    None
                }
            };
            match written {
                Some(n) => self.conn.transmitted(n),
                None => self.conn.fds_transmitted(),
            }
        }
        while let Some(e) = self.conn.poll_event() {
            self.events.push_back(e);
        }
    }

    /// The socket takes `n` bytes of what the client wants written (even
    /// while writes are paused).
    pub(crate) fn write_some(&mut self, n: usize) {
        let n = match self.conn.poll_transmit() {
            Some(Transmit::Bytes(b)) => {
                let n = n.min(b.len());
                self.server.receive(&b[..n]);
                n
            }
            other => panic!("expected bytes to write, got {other:?}"),
        };
        self.conn.transmitted(n);
    }

    /// Server bytes reach the client, cut as `self.split` says.
    pub(crate) fn deliver(&mut self, bytes: &[u8]) {
        let split = self.split;
        let pieces: Vec<Vec<u8>> = cut(bytes, split, &mut self.rng)
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect();
        for piece in pieces {
            self.conn.handle_input(self.now, &piece);
            self.drive();
        }
    }

    /// Server bytes reach the client in one `handle_input`.
    pub(crate) fn deliver_whole(&mut self, bytes: &[u8]) {
        self.conn.handle_input(self.now, bytes);
        self.drive();
    }

    /// `count` fds arrived with the next bytes.
    pub(crate) fn deliver_fds(&mut self, count: usize) {
        self.conn.handle_fds(count);
        self.drive();
    }

    pub(crate) fn eof(&mut self) {
        self.conn.handle_eof();
        self.drive();
    }

    /// The clock moves on by `d`; the timer fires.
    pub(crate) fn advance(&mut self, d: Duration) {
        self.now += d;
        self.conn.handle_timeout(self.now);
        self.drive();
    }

    /// The clock jumps to the client's deadline, which fires.
    pub(crate) fn fire_timer(&mut self) -> Duration {
        let at = self.conn.poll_timeout().expect("a deadline");
        assert!(at >= self.now, "deadline in the past");
        self.now = at;
        self.conn.handle_timeout(at);
        self.drive();
        at
    }

    /// Makes a call and drives.
    pub(crate) fn call<P: CallProcedure>(&mut self, args: &P::Args) -> CallId {
        let id = self.conn.call::<P>(args).expect("call accepted");
        self.drive();
        id
    }

    pub(crate) fn call_stream<P: CallProcedure>(&mut self, args: &P::Args) -> CallId {
        let id = self
            .conn
            .call_stream::<P>(args)
            .expect("stream call accepted");
        self.drive();
        id
    }

    // ----- what the server saw ------------------------------------------------------

    /// The next packet the client wrote.
    pub(crate) fn sent(&mut self) -> Sent {
        self.server
            .inbox
            .pop_front()
            .expect("the client should have written a packet")
    }

    /// The next packet must be a CALL of `P`; returns it and its arguments.
    pub(crate) fn expect<P: CallProcedure>(&mut self) -> (Sent, P::Args) {
        let sent = self.sent();
        assert!(
            sent.is::<P>(),
            "expected a call of {}, got {:?}",
            P::INFO.name,
            sent.header
        );
        assert!(matches!(
            sent.header.kind,
            MessageType::Call | MessageType::CallWithFds
        ));
        assert_eq!(sent.header.status, MessageStatus::Ok);
        let args = sent.decode::<P::Args>();
        (sent, args)
    }

    pub(crate) fn nothing_sent(&self) {
        assert!(
            self.server.inbox.is_empty(),
            "unexpected packets: {:?}",
            self.server.inbox
        );
    }

    // ----- what the client reported ---------------------------------------------------

    pub(crate) fn event(&mut self) -> Event {
        self.events
            .pop_front()
            .expect("the client should have reported an event")
    }

    pub(crate) fn take_events(&mut self) -> Vec<Event> {
        self.events.drain(..).collect()
    }

    pub(crate) fn no_events(&self) {
        assert!(
            self.events.is_empty(),
            "unexpected events: {:?}",
            self.events
        );
    }

    /// The next event must be the reply to `call`.
    pub(crate) fn reply(&mut self, call: CallId) -> Result<Reply, CallError> {
        match self.event() {
            Event::Reply { call: c, result } if c == call => result,
            other => panic!("expected the reply to {call:?}, got {other:?}"),
        }
    }

    /// The next event must be `StreamReadable(stream)`; skips repeats.
    pub(crate) fn readable(&mut self, stream: CallId) {
        match self.event() {
            Event::StreamReadable(s) if s == stream => {}
            other => panic!("expected StreamReadable({stream:?}), got {other:?}"),
        }
        while self.events.front() == Some(&Event::StreamReadable(stream)) {
            self.events.pop_front();
        }
    }

    /// Drops `StreamReadable` events (tests that read by polling).
    pub(crate) fn skip_readable(&mut self) {
        self.events
            .retain(|e| !matches!(e, Event::StreamReadable(_)));
    }

    /// The next event must be `StreamClosed` for `stream`.
    pub(crate) fn stream_closed(&mut self, stream: CallId) -> Result<(), CallError> {
        match self.event() {
            Event::StreamClosed { stream: s, result } if s == stream => result,
            other => panic!("expected StreamClosed({stream:?}), got {other:?}"),
        }
    }

    /// The next event must be `Closed`.
    pub(crate) fn closed(&mut self) -> libvirt_core::ConnectionError {
        match self.event() {
            Event::Closed(e) => e,
            other => panic!("expected Closed, got {other:?}"),
        }
    }

    /// Reads everything a stream holds now, with reads of at most `max`
    /// bytes; returns the data and what ended the reading.
    pub(crate) fn read_stream(
        &mut self,
        stream: CallId,
        max: usize,
    ) -> (Vec<u8>, Result<StreamRecv, CallError>) {
        let mut data = Vec::new();
        let mut buf = vec![0u8; max];
        loop {
            match self.conn.stream_recv(stream, &mut buf) {
                Ok(StreamRecv::Data(n)) => {
                    assert!(n > 0 && n <= max);
                    data.extend_from_slice(&buf[..n]);
                }
                other => return (data, other),
            }
        }
    }
}

// ----- shared by the connection tests -----------------------------------------------

pub(crate) fn lookup(name: &str) -> remote::DomainLookupByNameArgs {
    remote::DomainLookupByNameArgs { name: name.into() }
}

pub(crate) fn lookup_ret(name: impl AsRef<[u8]>) -> remote::DomainLookupByNameRet {
    remote::DomainLookupByNameRet { dom: domain(name) }
}

pub(crate) fn lifecycle(callback_id: i32) -> remote::DomainEventCallbackLifecycleMsg {
    remote::DomainEventCallbackLifecycleMsg {
        callback_id,
        msg: remote::DomainEventLifecycleMsg {
            dom: domain("test"),
            event: 3,
            detail: 0,
        },
    }
}

/// Every pending call got the connection's error, then `Closed`; the
/// error is sticky.
pub(crate) fn assert_fatal(pair: &mut Pair, calls: &[CallId], expected: &ConnectionError) {
    pair.server.inbox.clear();
    for &call in calls {
        assert_eq!(
            pair.reply(call),
            Err(CallError::Connection(expected.clone())),
            "pending call {call:?}"
        );
    }
    assert_eq!(&pair.closed(), expected);
    pair.no_events();
    assert_eq!(pair.conn.error(), Some(expected));
    assert!(!pair.conn.is_ready());
    assert!(!pair.conn.wants_input());
    assert_eq!(pair.conn.poll_timeout(), None);
    assert_eq!(pair.conn.pending(), 0);
    assert_eq!(
        pair.conn.call::<rp::ConnectGetVersion>(&()),
        Err(CallError::Connection(expected.clone()))
    );
    // Nothing the server says any more matters.
    pair.deliver(&ping());
    pair.advance(secs(3600));
    pair.eof();
    pair.no_events();
    pair.nothing_sent();
}
