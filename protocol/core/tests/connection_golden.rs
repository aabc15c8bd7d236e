//! The connection replays a real virsh session (`tests/golden`): the
//! recorded server side is fed to a [`Connection`] opened with
//! `Open::Skip` that makes the same calls in the same order. Every server
//! packet must be accepted and routed to the right call, and every byte
//! the client writes must equal what the C client wrote.

mod support;

use std::collections::BTreeMap;

use libvirt_core::net::{MessageError, MessageStatus, MessageType};
use libvirt_core::packet::Header;
use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    CallError, CallId, CallProcedure, Config, Connection, ConnectionError, Event, Open, Procedure,
    RemoteError, StreamRecv, remote,
};
use support::*;

const SESSION: &[u8] = include_bytes!("golden/virsh-session.bin");
const SCREENSHOT: &[u8] = include_bytes!("golden/virsh-screenshot.bin");

const CLIENT: u8 = 0;
const SERVER: u8 = 1;

struct Record {
    direction: u8,
    header: Header,
    packet: &'static [u8],
}

fn records() -> Vec<Record> {
    let mut out = Vec::new();
    let mut rest = SESSION;
    while let Some((&direction, after)) = rest.split_first() {
        let len = u32::from_be_bytes(after[..4].try_into().unwrap()) as usize;
        let packet = &after[..len];
        out.push(Record {
            direction,
            header: Header::decode(&packet[4..]).unwrap(),
            packet,
        });
        rest = &after[len..];
    }
    assert_eq!(out.len(), 122);
    out
}

fn call_as<P: CallProcedure>(conn: &mut Connection, payload: &[u8]) -> CallId {
    let args: P::Args = libvirt_xdr::from_bytes_exact(payload).expect("recorded args decode");
    conn.call::<P>(&args).expect("call accepted")
}

/// Makes the call a recorded CALL packet made: same procedure, same
/// arguments. CONNECT_CLOSE goes through `close()`, the screenshot
/// through `call_stream`.
fn replay_call(conn: &mut Connection, header: &Header, payload: &[u8]) -> Option<CallId> {
    macro_rules! table {
        ($($p:ident),* $(,)?) => {
            $(
                if header.proc == <rp::$p as Procedure>::INFO.number {
                    return Some(call_as::<rp::$p>(conn, payload));
                }
            )*
        };
    }
    assert_eq!((header.prog, header.vers), (remote::PROGRAM, 1));
    if header.proc == rp::ConnectClose::INFO.number {
        assert!(payload.is_empty());
        conn.close();
        return None;
    }
    if header.proc == rp::DomainScreenshot::INFO.number {
        let args: remote::DomainScreenshotArgs = libvirt_xdr::from_bytes_exact(payload).unwrap();
        return Some(conn.call_stream::<rp::DomainScreenshot>(&args).unwrap());
    }
    table!(
        AuthList,
        ConnectSupportsFeature,
        ConnectOpen,
        ConnectRegisterCloseCallback,
        ConnectUnregisterCloseCallback,
        ConnectGetType,
        ConnectGetVersion,
        ConnectGetCapabilities,
        NodeGetInfo,
        NodeGetSecurityModel,
        ConnectListAllDomains,
        ConnectListAllNetworks,
        ConnectListAllStoragePools,
        ConnectGetAllDomainStats,
        DomainLookupByName,
        DomainGetState,
        DomainGetOsType,
        DomainGetInfo,
        DomainIsPersistent,
        DomainGetAutostart,
        DomainHasManagedSaveImage,
        DomainGetSecurityLabel,
        DomainGetMessages,
        DomainSuspend,
        DomainResume,
        DomainGetXmlDesc,
        DomainGetSchedulerType,
        DomainGetSchedulerParameters,
        NetworkLookupByName,
        NetworkGetAutostart,
        NetworkIsPersistent,
        NetworkIsActive,
        NetworkGetXmlDesc,
        StoragePoolLookupByName,
        StoragePoolGetAutostart,
        StoragePoolGetInfo,
        StoragePoolIsActive,
        StoragePoolIsPersistent,
        StoragePoolListAllVolumes,
    );
    panic!("procedure {} is not in the replay table", header.proc)
}

/// Checks the events a recorded server packet produced.
struct Checker {
    calls: BTreeMap<u32, CallId>,
    stream: Option<CallId>,
    screenshot: Vec<u8>,
    replies: usize,
    errors: usize,
    stream_closed: bool,
    /// One server packet at a time: each leaves no other event behind.
    lockstep: bool,
}

impl Checker {
    fn new(lockstep: bool) -> Checker {
        Checker {
            calls: BTreeMap::new(),
            stream: None,
            screenshot: Vec::new(),
            replies: 0,
            errors: 0,
            stream_closed: false,
            lockstep,
        }
    }

    /// The events for one server packet, in the order it produced them.
    fn server_packet(&mut self, pair: &mut Pair, r: &Record) {
        let h = r.header;
        let payload = &r.packet[28..];
        match (h.kind, h.status) {
            (MessageType::Reply, MessageStatus::Ok) => {
                if h.proc == rp::ConnectClose::INFO.number {
                    // The close was close()'s: its reply ends the connection.
                    assert_eq!(pair.closed(), ConnectionError::Closed);
                    return;
                }
                let call = self.calls[&h.serial];
                let reply = pair.reply(call).expect("a successful reply");
                assert_eq!(reply.payload, payload, "reply to serial {}", h.serial);
                assert_eq!(reply.fds, 0);
                self.replies += 1;
            }
            (MessageType::Reply, MessageStatus::Error) => {
                let call = self.calls[&h.serial];
                let wire: MessageError = libvirt_xdr::from_bytes_exact(payload).unwrap();
                assert_eq!(
                    pair.reply(call),
                    Err(CallError::Remote(Box::new(RemoteError::from(wire))))
                );
                self.errors += 1;
            }
            (MessageType::Stream, MessageStatus::Continue) => {
                let stream = self.stream.expect("the screenshot stream");
                assert_eq!(stream.serial(), h.serial);
                pair.readable(stream);
                let mut buf = vec![0u8; 1000];
                loop {
                    match pair.conn.stream_recv(stream, &mut buf).unwrap() {
                        StreamRecv::Data(n) => self.screenshot.extend_from_slice(&buf[..n]),
                        StreamRecv::Eof => {
                            assert!(payload.is_empty());
                            break;
                        }
                        StreamRecv::Pending => {
                            assert!(!payload.is_empty());
                            break;
                        }
                        StreamRecv::Hole(_) => panic!("no holes in a screenshot"),
                    }
                }
            }
            (MessageType::Stream, MessageStatus::Ok) => {
                let stream = self.stream.expect("the screenshot stream");
                assert_eq!(pair.stream_closed(stream), Ok(()));
                self.stream_closed = true;
            }
            other => panic!("unexpected server packet {other:?}"),
        }
        if self.lockstep {
            pair.no_events();
        }
    }
}

/// Server packets go in as they were recorded, each right after the
/// client packet it answers: the client talks exactly like virsh did.
#[test]
fn the_virsh_session_in_lockstep() {
    for split in SPLITS {
        let mut pair = Pair::new_split(Config::default(), Open::Skip, split);
        assert!(matches!(pair.event(), Event::Connected(_)));
        let mut check = Checker::new(true);
        let mut client_packets = 0;
        for r in records() {
            match r.direction {
                CLIENT => {
                    if r.header.kind == MessageType::Call {
                        let id = replay_call(&mut pair.conn, &r.header, &r.packet[28..]);
                        pair.drive();
                        if let Some(id) = id {
                            assert_eq!(id.serial(), r.header.serial, "serials follow virsh's");
                            check.calls.insert(id.serial(), id);
                            if r.header.proc == rp::DomainScreenshot::INFO.number {
                                check.stream = Some(id);
                            }
                        }
                    }
                    // A CALL the replay just made, or the finish (STREAM/OK)
                    // the client sent by itself when the EOF came.
                    let sent = pair.sent();
                    assert!(
                        sent.raw == r.packet,
                        "client packet {client_packets} differs from virsh's\n ours:  {:?}\n virsh: {:?}",
                        sent.raw,
                        r.packet
                    );
                    client_packets += 1;
                    pair.nothing_sent();
                }
                SERVER => {
                    pair.deliver(r.packet);
                    if r.header.proc == rp::ConnectClose::INFO.number {
                        // CONNECT_CLOSE's reply ends the connection.
                        assert_eq!(pair.conn.error(), Some(&ConnectionError::Closed));
                    } else {
                        assert!(pair.conn.error().is_none(), "{:?}", pair.conn.error());
                    }
                    check.server_packet(&mut pair, &r);
                    if r.header.kind != MessageType::Stream || r.packet.len() != 28 {
                        // Only the EOF makes the client send something.
                        pair.nothing_sent();
                    }
                }
                other => panic!("bad direction byte {other}"),
            }
        }
        assert_eq!(client_packets, 60);
        assert_eq!((check.replies, check.errors), (57, 1));
        assert!(check.stream_closed);
        assert!(check.screenshot == SCREENSHOT, "the screenshot's bytes");
        assert_eq!(pair.conn.pending(), 0);
        // CONNECT_CLOSE's reply closed the connection; the server's hang-up
        // changes nothing.
        pair.eof();
        pair.no_events();
        pair.nothing_sent();
    }
}

/// All the calls first, then the whole server side as one byte stream cut
/// at random places (across packet boundaries): pipelined, the client
/// still routes every packet, and each packet it writes is virsh's.
#[test]
fn the_virsh_session_pipelined() {
    for seed in [1, 2, 3, 4, 5, 6, 7, 8] {
        let mut pair = Pair::new_split(Config::default(), Open::Skip, Split::Random(seed));
        assert!(matches!(pair.event(), Event::Connected(_)));
        let records = records();
        let mut check = Checker::new(false);
        let mut recorded_client = Vec::new();
        let mut server_bytes = Vec::new();
        for r in &records {
            if r.direction == CLIENT {
                recorded_client.push(r.packet);
                if r.header.kind == MessageType::Call {
                    if let Some(id) = replay_call(&mut pair.conn, &r.header, &r.packet[28..]) {
                        assert_eq!(id.serial(), r.header.serial);
                        check.calls.insert(id.serial(), id);
                        if r.header.proc == rp::DomainScreenshot::INFO.number {
                            check.stream = Some(id);
                        }
                    }
                }
            } else {
                server_bytes.extend_from_slice(r.packet);
            }
        }
        pair.drive();
        assert_eq!(pair.conn.pending(), 59);
        pair.deliver(&server_bytes);
        // The last server packet, CONNECT_CLOSE's reply, ends the connection.
        assert_eq!(pair.conn.error(), Some(&ConnectionError::Closed));
        // Events in the order of the server packets; stream data may be
        // reported in fewer StreamReadable events when packets share a read.
        let stream = check.stream.unwrap();
        let mut pending_data = 0;
        for r in records.iter().filter(|r| r.direction == SERVER) {
            if r.header.kind == MessageType::Stream && r.header.status == MessageStatus::Continue {
                pending_data += 1;
                continue;
            }
            if pending_data > 0 {
                pair.readable(stream);
                pending_data = 0;
            }
            check.server_packet(&mut pair, r);
        }
        pair.no_events();
        let (data, end) = pair.read_stream(stream, 4096);
        assert!(data == SCREENSHOT, "the screenshot's bytes");
        assert_eq!(end, Ok(StreamRecv::Eof));
        assert_eq!((check.replies, check.errors), (57, 1));
        assert!(check.stream_closed);
        // The client wrote virsh's packets; only the finish moved (it goes
        // when the EOF arrives, after all the calls here).
        let ours: Vec<Vec<u8>> = pair.server.log.iter().map(|s| s.raw.clone()).collect();
        let finish_at = recorded_client
            .iter()
            .position(|p| Header::decode(&p[4..]).unwrap().kind == MessageType::Stream)
            .unwrap();
        let mut expected: Vec<Vec<u8>> = recorded_client.iter().map(|p| p.to_vec()).collect();
        let finish = expected.remove(finish_at);
        expected.push(finish);
        assert!(ours == expected, "seed {seed}: the client's bytes");
        // The connection closed at CONNECT_CLOSE's reply; the hang-up
        // changes nothing.
        pair.eof();
        pair.no_events();
    }
}
