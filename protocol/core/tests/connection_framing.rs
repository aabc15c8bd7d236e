//! The sans-IO connection's framing against a simulated libvirt server
//! (see `support`): packets cut anywhere, bad length words and headers,
//! what is fatal, partial writes.

mod support;

use libvirt_core::net::{MessageStatus, MessageType};
use libvirt_core::packet::MAX_PACKET;
use libvirt_core::remote::procedures as rp;
use libvirt_core::{CallError, CallId, ConnectionError, Event, Transmit, remote};
use support::*;

/// Two replies, a PING and an event as one byte stream.
fn script(pair: &mut Pair) -> (CallId, CallId, Vec<u8>) {
    let a = pair.call::<rp::DomainLookupByName>(&lookup("a"));
    let b = pair.call::<rp::ConnectGetVersion>(&());
    let (sa, _) = pair.expect::<rp::DomainLookupByName>();
    let (sb, ()) = pair.expect::<rp::ConnectGetVersion>();
    let mut bytes = sa.reply_ok(&lookup_ret("a"));
    bytes.extend(ping());
    bytes.extend(event_packet::<rp::DomainEventCallbackLifecycle>(
        1,
        &lifecycle(4),
    ));
    bytes.extend(sb.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 9_000_000 }));
    (a, b, bytes)
}

fn check(pair: &mut Pair, a: CallId, b: CallId) {
    let ra = pair.reply(a).unwrap();
    assert_eq!(ra.payload, xdr(&lookup_ret("a")));
    assert_eq!(ra.fds, 0);
    assert_eq!(
        pair.event(),
        Event::Remote(remote::Event::DomainEventCallbackLifecycle(lifecycle(4)))
    );
    let rb = pair.reply(b).unwrap();
    assert_eq!(
        rb.decode::<remote::ConnectGetVersionRet>().unwrap().hv_ver,
        9_000_000
    );
    pair.no_events();
    assert_eq!(pair.sent().raw, pong());
    pair.nothing_sent();
    assert!(pair.conn.is_ready() && pair.conn.pending() == 0);
}

#[test]
fn packets_cut_at_every_one_and_two_places() {
    let mut pair = Pair::skip(Split::Whole);
    let (_, _, bytes) = script(&mut pair);
    let len = bytes.len();
    for i in 0..=len {
        for j in i..=len {
            let mut pair = Pair::skip(Split::Whole);
            let (a, b, bytes) = script(&mut pair);
            for piece in [&bytes[..i], &bytes[i..j], &bytes[j..]] {
                pair.deliver_whole(piece);
            }
            check(&mut pair, a, b);
        }
    }
}

#[test]
fn packets_whole_bytewise_and_random() {
    for split in SPLITS {
        let mut pair = Pair::skip(split);
        let (a, b, bytes) = script(&mut pair);
        pair.deliver(&bytes);
        check(&mut pair, a, b);
    }
}

#[test]
fn many_packets_in_one_chunk() {
    let mut pair = Pair::skip(Split::Whole);
    let calls: Vec<CallId> = (0..100)
        .map(|i| pair.call::<rp::DomainLookupByName>(&lookup(&format!("d{i}"))))
        .collect();
    let mut bytes = Vec::new();
    for _ in 0..100 {
        let (sent, args) = pair.expect::<rp::DomainLookupByName>();
        bytes.extend(sent.reply_ok(&lookup_ret(&args.name)));
        bytes.extend(ping());
    }
    pair.deliver_whole(&bytes);
    for (i, call) in calls.into_iter().enumerate() {
        let r = pair.reply(call).unwrap();
        let ret: remote::DomainLookupByNameRet = r.decode().unwrap();
        assert_eq!(ret.dom.name, format!("d{i}"));
    }
    for _ in 0..100 {
        assert_eq!(pair.sent().raw, pong());
    }
    pair.nothing_sent();
    pair.no_events();
}

#[test]
fn bad_length_words_are_fatal() {
    for len in [0u32, 4, 27, 33_554_437, u32::MAX] {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let a = pair.call::<rp::ConnectGetVersion>(&());
            let b = pair.call::<rp::ConnectGetType>(&());
            let bytes = raw_packet(len, [remote::PROGRAM, 1, 4, 1, 0, 0], &[0; 8]);
            pair.deliver(&bytes);
            let e = pair.conn.error().cloned().expect("failed");
            assert!(matches!(e, ConnectionError::Malformed(_)), "{len}: {e:?}");
            assert_fatal(&mut pair, &[a, b], &e);
        }
    }
}

#[test]
fn a_bad_length_word_alone_is_detected_at_once() {
    // The peer sends only the length word and then waits: the client
    // must not wait for more bytes to see that it is bad.
    for split in [Split::Whole, Split::Bytewise] {
        let mut pair = Pair::skip(split);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        pair.deliver(&27u32.to_be_bytes());
        assert!(
            matches!(pair.conn.error(), Some(ConnectionError::Malformed(_))),
            "{split:?}: {:?}",
            pair.conn.error()
        );
        let e = pair.conn.error().cloned().unwrap();
        assert_fatal(&mut pair, &[a], &e);
    }
}

#[test]
fn the_largest_legal_packet_is_accepted() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::ConnectGetCapabilities>(&());
    let (sent, ()) = pair.expect::<rp::ConnectGetCapabilities>();
    let payload = vec![0x5a; MAX_PACKET - 28];
    let mut bytes = sent.reply_ok(&());
    bytes.truncate(28);
    bytes[..4].copy_from_slice(&(MAX_PACKET as u32).to_be_bytes());
    bytes.extend_from_slice(&payload);
    for piece in bytes.chunks(1 << 20) {
        pair.deliver_whole(piece);
    }
    let r = pair.reply(a).unwrap();
    assert_eq!(r.payload.len(), payload.len());
    assert!(r.payload == payload);
    // The core hands the payload over; decoding it is the caller's.
    assert!(matches!(
        r.decode::<remote::ConnectGetCapabilitiesRet>(),
        Err(CallError::Decode(_))
    ));
    assert!(pair.conn.is_ready());
}

#[test]
fn eof_inside_a_packet_is_malformed() {
    let mut pair = Pair::skip(Split::Whole);
    pair.call::<rp::DomainLookupByName>(&lookup("a"));
    let whole = pair.sent().reply_ok(&lookup_ret("a"));
    for cut in 1..whole.len() {
        for split in [Split::Whole, Split::Bytewise] {
            let mut pair = Pair::skip(split);
            let a = pair.call::<rp::DomainLookupByName>(&lookup("a"));
            pair.deliver(&whole[..cut]);
            pair.no_events();
            pair.eof();
            let e = pair.conn.error().cloned().unwrap();
            assert!(matches!(e, ConnectionError::Malformed(_)), "{cut}: {e:?}");
            assert_fatal(&mut pair, &[a], &e);
        }
    }
}

#[test]
fn eof_between_packets_is_eof() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::ConnectGetVersion>(&());
    let b = pair.call::<rp::ConnectGetType>(&());
    let (sent, ()) = pair.expect::<rp::ConnectGetVersion>();
    pair.deliver(&sent.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
    assert!(pair.reply(a).is_ok());
    pair.eof();
    assert_fatal(&mut pair, &[b], &ConnectionError::Eof);
}

#[test]
fn unknown_message_type_or_status_is_malformed() {
    // type 7, status 3, and a header word with the top bit set.
    for (kind, status) in [(7u32, 0u32), (1, 3), (0x8000_0001, 0), (1, 0xffff_ffff)] {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let a = pair.call::<rp::ConnectGetVersion>(&());
            let bytes = raw_packet(28, [remote::PROGRAM, 1, 4, kind, 0, status], &[]);
            pair.deliver(&bytes);
            let e = pair.conn.error().cloned().unwrap();
            assert!(matches!(e, ConnectionError::Malformed(_)), "{e:?}");
            assert_fatal(&mut pair, &[a], &e);
        }
    }
}

#[test]
fn a_call_from_the_server_is_a_protocol_violation() {
    for kind in [MessageType::Call, MessageType::CallWithFds] {
        let mut pair = Pair::skip(Split::Whole);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        pair.deliver(&packet(
            header(remote::PROGRAM, 4, kind, 0, MessageStatus::Ok),
            &[0, 0, 0, 0],
        ));
        let e = pair.conn.error().cloned().unwrap();
        assert!(matches!(e, ConnectionError::ProtocolViolation(_)), "{e:?}");
        assert_fatal(&mut pair, &[a], &e);
    }
}

#[test]
fn a_reply_with_status_continue_is_a_protocol_violation() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::ConnectGetVersion>(&());
    let sent = pair.sent();
    pair.deliver(&packet(
        header(
            remote::PROGRAM,
            4,
            MessageType::Reply,
            sent.serial(),
            MessageStatus::Continue,
        ),
        &[0; 8],
    ));
    let e = pair.conn.error().cloned().unwrap();
    assert!(matches!(e, ConnectionError::ProtocolViolation(_)), "{e:?}");
    assert_fatal(&mut pair, &[a], &e);
}

#[test]
fn an_error_reply_that_does_not_decode_is_malformed() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::ConnectGetVersion>(&());
    let b = pair.call::<rp::ConnectGetType>(&());
    let sent = pair.sent();
    let mut bytes = sent.reply_err(&error(1, 0, "x"));
    bytes.truncate(40);
    bytes[..4].copy_from_slice(&40u32.to_be_bytes());
    pair.deliver(&bytes);
    let e = pair.conn.error().cloned().unwrap();
    assert!(matches!(e, ConnectionError::Malformed(_)), "{e:?}");
    assert_fatal(&mut pair, &[a, b], &e);
}

#[test]
fn a_transport_error_fails_everything() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::ConnectGetVersion>(&());
    pair.conn.handle_transport_error("connection reset".into());
    pair.drive();
    assert_fatal(
        &mut pair,
        &[a],
        &ConnectionError::Transport("connection reset".into()),
    );
}

#[test]
fn partial_writes_and_transmit_pending() {
    let mut pair = Pair::skip(Split::Whole);
    pair.write_chunk = 5;
    let a = pair.call::<rp::DomainLookupByName>(&lookup("partial"));
    let b = pair.call::<rp::ConnectGetVersion>(&());
    assert_eq!(pair.conn.transmit_pending(), 0);
    let (sa, args) = pair.expect::<rp::DomainLookupByName>();
    assert_eq!(args.name, "partial");
    let (sb, ()) = pair.expect::<rp::ConnectGetVersion>();
    pair.deliver(&sb.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 2 }));
    pair.deliver(&sa.reply_ok(&lookup_ret("partial")));
    assert!(pair.reply(b).is_ok());
    assert!(pair.reply(a).is_ok());

    pair.writes_paused = true;
    pair.call::<rp::ConnectGetVersion>(&());
    assert_eq!(pair.conn.transmit_pending(), 28);
    assert_eq!(
        pair.conn
            .poll_transmit()
            .map(|t| matches!(t, Transmit::Bytes(b) if b.len() == 28)),
        Some(true)
    );
    pair.conn.transmitted(10);
    assert_eq!(pair.conn.transmit_pending(), 18);
    pair.writes_paused = false;
    pair.drive();
    assert_eq!(pair.conn.transmit_pending(), 0);
    assert_eq!(pair.conn.poll_transmit(), None);
}
