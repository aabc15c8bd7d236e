//! The sans-IO connection's data streams and file-descriptor passing,
//! against a simulated libvirt server (see `support`).

mod support;

use libvirt_core::net::{MessageStatus, MessageType, StreamHole};
use libvirt_core::packet::{Header, STREAM_CHUNK};
use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    CallError, CallId, Config, ConnectionError, Discard, Event, MalformedPacket, Open, RemoteError,
    StreamRecv, StreamViolation, Transmit, remote,
};
use support::*;

fn shot_args() -> remote::DomainScreenshotArgs {
    remote::DomainScreenshotArgs {
        dom: domain("test"),
        screen: 0,
        flags: 0,
    }
}

fn mime() -> remote::DomainScreenshotRet {
    remote::DomainScreenshotRet {
        mime: Some("image/png".into()),
    }
}

fn upload_args(flags: u32) -> remote::StorageVolUploadArgs {
    remote::StorageVolUploadArgs {
        vol: volume(),
        offset: 0,
        length: 0,
        flags,
    }
}

fn download_args(flags: u32) -> remote::StorageVolDownloadArgs {
    remote::StorageVolDownloadArgs {
        vol: volume(),
        offset: 0,
        length: 0,
        flags,
    }
}

fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

/// A stream control packet from the client: finish (OK) or abort (ERROR),
/// empty, on the stream's serial and procedure.
fn assert_control(sent: &Sent, call: &Sent, status: MessageStatus) {
    assert_eq!(
        sent.header,
        Header {
            kind: MessageType::Stream,
            status,
            ..call.header
        },
        "{sent:?}"
    );
    assert!(sent.payload.is_empty());
    assert_eq!(sent.raw.len(), 28);
}

fn assert_finish(pair: &mut Pair, call: &Sent) {
    let sent = pair.sent();
    assert_control(&sent, call, MessageStatus::Ok);
}

fn assert_abort(pair: &mut Pair, call: &Sent) {
    let sent = pair.sent();
    assert_control(&sent, call, MessageStatus::Error);
}

/// A screenshot stream the server has accepted.
fn open_screenshot(pair: &mut Pair) -> (CallId, Sent) {
    let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
    let (call, _) = pair.expect::<rp::DomainScreenshot>();
    assert_eq!(call.serial(), id.serial());
    pair.deliver(&call.reply_ok(&mime()));
    let reply = pair.reply(id).unwrap();
    assert_eq!(
        reply.decode::<remote::DomainScreenshotRet>().unwrap(),
        mime()
    );
    (id, call)
}

/// An upload stream the server has accepted.
fn open_upload(pair: &mut Pair, flags: u32) -> (CallId, Sent) {
    let id = pair.call_stream::<rp::StorageVolUpload>(&upload_args(flags));
    let (call, args) = pair.expect::<rp::StorageVolUpload>();
    assert_eq!(args.flags, flags);
    pair.deliver(&call.reply_ok(&()));
    assert!(pair.reply(id).is_ok());
    (id, call)
}

/// Takes the `StreamReadable(id)` events at the front; how many.
fn readable_events(pair: &mut Pair, id: CallId) -> usize {
    let mut n = 0;
    while pair.events.front() == Some(&Event::StreamReadable(id)) {
        pair.events.pop_front();
        n += 1;
    }
    n
}

fn still_usable(pair: &mut Pair) {
    assert!(pair.conn.is_ready(), "{:?}", pair.conn.error());
    let id = pair.call::<rp::ConnectGetVersion>(&());
    let (sent, ()) = pair.expect::<rp::ConnectGetVersion>();
    pair.deliver(&sent.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
    assert!(pair.reply(id).is_ok());
    pair.nothing_sent();
}

mod download {
    use super::*;

    #[test]
    fn reply_then_data_then_eof_then_finish() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
            let (call, _) = pair.expect::<rp::DomainScreenshot>();
            let mut buf = [0u8; 4096];
            assert_eq!(pair.conn.stream_recv(id, &mut buf), Ok(StreamRecv::Pending));
            pair.deliver(&call.reply_ok(&mime()));
            assert!(pair.reply(id).is_ok());
            pair.no_events();
            assert_eq!(pair.conn.stream_recv(id, &mut buf), Ok(StreamRecv::Pending));

            let data = pattern(100_000, 1);
            let mut bytes = Vec::new();
            for chunk in data.chunks(30_000) {
                bytes.extend(call.data(chunk));
            }
            pair.deliver(&bytes);
            assert_eq!(readable_events(&mut pair, id), 4);
            pair.no_events();
            let (got, end) = pair.read_stream(id, 4096);
            assert!(got == data);
            assert_eq!(end, Ok(StreamRecv::Pending));
            pair.nothing_sent();

            // EOF: the client finishes by itself.
            pair.deliver(&call.eof());
            assert_eq!(readable_events(&mut pair, id), 1);
            assert_finish(&mut pair, &call);
            pair.nothing_sent();
            assert_eq!(pair.conn.stream_recv(id, &mut buf), Ok(StreamRecv::Eof));
            assert_eq!(pair.conn.pending(), 1, "until the server confirms");
            pair.deliver(&call.stream_ok());
            assert_eq!(pair.stream_closed(id), Ok(()));
            pair.no_events();
            assert_eq!(pair.conn.pending(), 0);
            // Still readable (its end) until released.
            assert_eq!(pair.conn.stream_recv(id, &mut buf), Ok(StreamRecv::Eof));
            pair.conn.stream_release(id);
            assert!(matches!(
                pair.conn.stream_recv(id, &mut buf),
                Err(CallError::WrongKind(_))
            ));
            pair.drive();
            pair.nothing_sent();
            still_usable(&mut pair);
        }
    }

    #[test]
    fn data_and_eof_before_the_reply() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
            let (call, _) = pair.expect::<rp::DomainScreenshot>();
            let data = pattern(5000, 2);
            let mut bytes = call.data(&data[..1000]);
            bytes.extend(call.data(&data[1000..]));
            bytes.extend(call.eof());
            pair.deliver(&bytes);
            assert_eq!(readable_events(&mut pair, id), 3);
            pair.no_events();
            // Not finished before the REPLY opened the stream.
            pair.nothing_sent();
            // The data is readable already.
            let (got, end) = pair.read_stream(id, 777);
            assert_eq!(got, data);
            assert_eq!(end, Ok(StreamRecv::Eof));
            pair.deliver(&call.reply_ok(&mime()));
            assert!(pair.reply(id).is_ok());
            assert_finish(&mut pair, &call);
            pair.deliver(&call.stream_ok());
            assert_eq!(pair.stream_closed(id), Ok(()));
            pair.no_events();
            still_usable(&mut pair);
        }
    }

    #[test]
    fn data_on_both_sides_of_the_reply() {
        let mut pair = Pair::skip(Split::Random(11));
        let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
        let (call, _) = pair.expect::<rp::DomainScreenshot>();
        let data = pattern(600_000, 3);
        let (a, b) = data.split_at(250_000);
        let mut bytes = call.data(a);
        bytes.extend(call.reply_ok(&mime()));
        for chunk in b.chunks(STREAM_CHUNK) {
            bytes.extend(call.data(chunk));
        }
        bytes.extend(call.eof());
        pair.deliver(&bytes);
        let events = pair.take_events();
        assert!(events.contains(&Event::Reply {
            call: id,
            result: Ok(libvirt_core::Reply {
                payload: xdr(&mime()),
                fds: 0
            })
        }));
        assert_finish(&mut pair, &call);
        let (got, end) = pair.read_stream(id, 65536);
        assert!(got == data);
        assert_eq!(end, Ok(StreamRecv::Eof));
    }

    #[test]
    fn pings_between_stream_packets_are_answered() {
        for split in BIG_SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let (id, call) = open_screenshot(&mut pair);
            let data = pattern(3 * STREAM_CHUNK, 8);
            let mut bytes = Vec::new();
            for chunk in data.chunks(STREAM_CHUNK) {
                bytes.extend(call.data(chunk));
                bytes.extend(ping());
            }
            bytes.extend(call.eof());
            pair.deliver(&bytes);
            for _ in 0..3 {
                assert_eq!(pair.sent().raw, pong());
            }
            assert_finish(&mut pair, &call);
            let (got, end) = pair.read_stream(id, 1 << 16);
            assert!(got == data);
            assert_eq!(end, Ok(StreamRecv::Eof));
        }
    }

    #[test]
    fn an_error_reply_means_no_stream() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
            let (call, _) = pair.expect::<rp::DomainScreenshot>();
            let e = error(
                55,
                10,
                "Requested operation is not valid: domain is not running",
            );
            // Even data that came first is dropped with it.
            let mut bytes = call.data(b"early");
            bytes.extend(call.reply_err(&e));
            pair.deliver(&bytes);
            pair.skip_readable();
            assert_eq!(pair.reply(id), Err(CallError::Remote(e.into())));
            pair.no_events();
            let mut buf = [0u8; 8];
            assert!(matches!(
                pair.conn.stream_recv(id, &mut buf),
                Err(CallError::WrongKind(_))
            ));
            assert_eq!(pair.conn.pending(), 0);
            // Anything more for that serial is dropped.
            pair.deliver(&call.data(b"late"));
            pair.deliver(&call.eof());
            pair.no_events();
            pair.nothing_sent();
            still_usable(&mut pair);
        }
    }

    #[test]
    fn sparse_download_yields_holes() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let id = pair.call_stream::<rp::StorageVolDownload>(&download_args(1));
            let (call, _) = pair.expect::<rp::StorageVolDownload>();
            pair.deliver(&call.reply_ok(&()));
            assert!(pair.reply(id).is_ok());
            let mut bytes = call.data(&pattern(100, 4));
            bytes.extend(call.hole(1 << 40));
            bytes.extend(call.hole(0)); // nothing to skip
            bytes.extend(call.data(&pattern(50, 5)));
            bytes.extend(call.hole(4096));
            bytes.extend(call.eof());
            pair.deliver(&bytes);
            assert_finish(&mut pair, &call);
            let mut buf = [0u8; 64];
            let mut got = Vec::new();
            loop {
                match pair.conn.stream_recv(id, &mut buf).unwrap() {
                    StreamRecv::Data(n) => got.push(StreamRecv::Data(n)),
                    StreamRecv::Eof => break,
                    other => got.push(other),
                }
            }
            assert_eq!(
                got,
                [
                    StreamRecv::Data(64),
                    StreamRecv::Data(36),
                    StreamRecv::Hole(1 << 40),
                    StreamRecv::Data(50),
                    StreamRecv::Hole(4096),
                ]
            );
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            assert_eq!(pair.stream_closed(id), Ok(()));
        }
    }

    /// The stream fails, the connection does not, and the server is told
    /// to drop the stream.
    fn violation(pair: &mut Pair, id: CallId, call: &Sent, bytes: &[u8], why: StreamViolation) {
        pair.deliver(bytes);
        assert_abort(pair, call);
        pair.nothing_sent();
        let (_, end) = pair.read_stream(id, 1 << 20);
        assert_eq!(end, Err(CallError::StreamViolation(why)));
        // The server confirms the abort.
        pair.deliver(&call.stream_ok());
        pair.skip_readable();
        assert_eq!(pair.stream_closed(id), Err(CallError::StreamViolation(why)));
        pair.no_events();
        assert_eq!(pair.conn.pending(), 0);
        still_usable(pair);
    }

    #[test]
    fn a_hole_on_a_stream_that_is_not_sparse() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_screenshot(&mut pair);
            violation(
                &mut pair,
                id,
                &call,
                &call.hole(10),
                StreamViolation::HoleNotSparse,
            );
            // A download opened without the sparse flag too.
            let id = pair.call_stream::<rp::StorageVolDownload>(&download_args(0));
            let (call, _) = pair.expect::<rp::StorageVolDownload>();
            pair.deliver(&call.reply_ok(&()));
            assert!(pair.reply(id).is_ok());
            violation(
                &mut pair,
                id,
                &call,
                &call.hole(10),
                StreamViolation::HoleNotSparse,
            );
        }
    }

    #[test]
    fn a_negative_or_undecodable_hole() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let id = pair.call_stream::<rp::StorageVolDownload>(&download_args(1));
            let (call, _) = pair.expect::<rp::StorageVolDownload>();
            pair.deliver(&call.reply_ok(&()));
            assert!(pair.reply(id).is_ok());
            violation(
                &mut pair,
                id,
                &call,
                &call.hole(-1),
                StreamViolation::NegativeHole,
            );
            let id = pair.call_stream::<rp::StorageVolDownload>(&download_args(1));
            let (call, _) = pair.expect::<rp::StorageVolDownload>();
            pair.deliver(&call.reply_ok(&()));
            assert!(pair.reply(id).is_ok());
            let short = packet(
                Header {
                    kind: MessageType::StreamHole,
                    status: MessageStatus::Continue,
                    ..call.header
                },
                &[0, 0, 0, 1],
            );
            violation(
                &mut pair,
                id,
                &call,
                &short,
                StreamViolation::UndecodableHole,
            );
        }
    }

    #[test]
    fn data_after_eof() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_screenshot(&mut pair);
            pair.deliver(&call.data(b"png"));
            pair.deliver(&call.eof());
            assert_finish(&mut pair, &call);
            // A repeated EOF is harmless.
            pair.deliver(&call.eof());
            pair.nothing_sent();
            pair.deliver(&call.data(b"more"));
            assert_abort(&mut pair, &call);
            let mut buf = [0u8; 16];
            assert_eq!(pair.conn.stream_recv(id, &mut buf), Ok(StreamRecv::Data(3)));
            assert_eq!(
                pair.conn.stream_recv(id, &mut buf),
                Err(CallError::StreamViolation(StreamViolation::DataAfterEof))
            );
            // The server answers the finish (and drops the abort).
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            assert_eq!(
                pair.stream_closed(id),
                Err(CallError::StreamViolation(StreamViolation::DataAfterEof))
            );
            pair.deliver(&call.stream_ok());
            pair.no_events();
            still_usable(&mut pair);
        }
    }

    #[test]
    fn an_unsolicited_stream_ok_fails_only_the_stream() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_screenshot(&mut pair);
            pair.deliver(&call.data(b"abc"));
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            let expected = CallError::StreamViolation(StreamViolation::EndedUnasked);
            assert_eq!(pair.stream_closed(id), Err(expected.clone()));
            pair.nothing_sent();
            // What was received can still be read, then the error.
            let (got, end) = pair.read_stream(id, 2);
            assert_eq!(got, b"abc");
            assert_eq!(end, Err(expected));
            assert_eq!(pair.conn.pending(), 0);
            still_usable(&mut pair);
        }
    }

    #[test]
    fn a_server_error_ends_the_stream() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_screenshot(&mut pair);
            let e = error(1, 10, "internal error: cannot read");
            pair.deliver(&call.stream_err(&e));
            assert_eq!(
                pair.stream_closed(id),
                Err(CallError::Remote(e.clone().into()))
            );
            pair.nothing_sent();
            let mut buf = [0u8; 4];
            assert_eq!(
                pair.conn.stream_recv(id, &mut buf),
                Err(CallError::Remote(e.into()))
            );
            assert_eq!(pair.conn.stream_abort(id), Ok(()));
            pair.drive();
            pair.nothing_sent();
            still_usable(&mut pair);
        }
    }

    #[test]
    fn the_stream_ends_before_its_reply() {
        // The server may fail (or end) a download stream before the REPLY
        // that opened it is written: the REPLY still belongs to that call.
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
            let (call, _) = pair.expect::<rp::DomainScreenshot>();
            let e = error(1, 10, "internal error: screenshot failed");
            let mut bytes = call.data(b"x");
            bytes.extend(call.stream_err(&e));
            bytes.extend(call.reply_ok(&mime()));
            pair.deliver(&bytes);
            pair.skip_readable();
            assert_eq!(
                pair.stream_closed(id),
                Err(CallError::Remote(e.clone().into()))
            );
            assert!(pair.reply(id).is_ok());
            pair.no_events();
            // No finish or abort for a stream the server has closed.
            pair.nothing_sent();
            assert_eq!(pair.conn.pending(), 0);
            let (got, end) = pair.read_stream(id, 8);
            assert_eq!(got, b"x");
            assert_eq!(end, Err(CallError::Remote(e.into())));
            still_usable(&mut pair);
        }
    }

    #[test]
    fn a_violation_before_the_reply_aborts_once_open() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
            let (call, _) = pair.expect::<rp::DomainScreenshot>();
            let mut bytes = call.eof();
            bytes.extend(call.data(b"after eof"));
            pair.deliver(&bytes);
            pair.skip_readable();
            pair.nothing_sent();
            pair.deliver(&call.reply_ok(&mime()));
            assert!(pair.reply(id).is_ok());
            // The stream is broken: abort it, do not finish it.
            assert_abort(&mut pair, &call);
            pair.nothing_sent();
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            assert_eq!(
                pair.stream_closed(id),
                Err(CallError::StreamViolation(StreamViolation::DataAfterEof))
            );
            assert_eq!(pair.conn.pending(), 0);
            still_usable(&mut pair);
        }
    }

    #[test]
    fn late_packets_for_a_finished_stream_are_ignored() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_screenshot(&mut pair);
            pair.deliver(&call.eof());
            assert_finish(&mut pair, &call);
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            assert_eq!(pair.stream_closed(id), Ok(()));
            let mut bytes = call.data(b"late");
            bytes.extend(call.eof());
            bytes.extend(call.hole(5));
            bytes.extend(call.stream_ok());
            bytes.extend(call.stream_err(&error(1, 0, "late")));
            pair.deliver(&bytes);
            pair.no_events();
            pair.nothing_sent();
            let mut buf = [0u8; 4];
            assert_eq!(pair.conn.stream_recv(id, &mut buf), Ok(StreamRecv::Eof));
            still_usable(&mut pair);
        }
    }

    #[test]
    fn unread_data_stops_reading_the_socket() {
        let mut config = Config::default();
        config.stream_buffer_limit = 1000;
        for split in SPLITS {
            let mut pair = Pair::new_split(config.clone(), Open::Skip, split);
            pair.event();
            let (id, call) = open_screenshot(&mut pair);
            assert!(pair.conn.wants_input());
            pair.deliver(&call.data(&[1; 600]));
            assert!(pair.conn.wants_input());
            pair.deliver(&call.data(&[2; 600]));
            assert!(!pair.conn.wants_input(), "1200 unread bytes > 1000");
            let mut buf = [0u8; 150];
            assert_eq!(
                pair.conn.stream_recv(id, &mut buf),
                Ok(StreamRecv::Data(150))
            );
            assert!(!pair.conn.wants_input(), "1050 unread");
            assert_eq!(
                pair.conn.stream_recv(id, &mut buf),
                Ok(StreamRecv::Data(150))
            );
            assert!(pair.conn.wants_input(), "900 unread");
            // Holes and the end do not count.
            pair.deliver(&call.eof());
            assert!(pair.conn.wants_input());
        }
        // The default limit is four chunks.
        let mut pair = Pair::skip(Split::Whole);
        let (id, call) = open_screenshot(&mut pair);
        for _ in 0..3 {
            pair.deliver(&call.data(&vec![0; STREAM_CHUNK]));
        }
        assert!(pair.conn.wants_input());
        pair.deliver(&call.data(&vec![0; STREAM_CHUNK]));
        assert!(!pair.conn.wants_input());
        let mut buf = [0u8; 1];
        pair.conn.stream_recv(id, &mut buf).unwrap();
        assert!(pair.conn.wants_input());
    }

    #[test]
    fn cancelling_an_open_stream_aborts_it() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_screenshot(&mut pair);
            pair.deliver(&call.data(&[9; 5000]));
            pair.skip_readable();
            pair.conn.cancel(id);
            pair.drive();
            assert_abort(&mut pair, &call);
            // Nothing more is reported for it, whatever comes.
            let mut bytes = call.data(&[9; 100]);
            bytes.extend(call.eof());
            bytes.extend(call.stream_ok());
            pair.deliver(&bytes);
            pair.no_events();
            pair.nothing_sent();
            assert_eq!(pair.conn.pending(), 0);
            let mut buf = [0u8; 4];
            assert!(matches!(
                pair.conn.stream_recv(id, &mut buf),
                Err(CallError::WrongKind(_))
            ));
            still_usable(&mut pair);
        }
    }

    #[test]
    fn cancelling_a_stream_before_its_reply() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            // Accepted by the server: aborted once open, silently.
            let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
            let (call, _) = pair.expect::<rp::DomainScreenshot>();
            pair.conn.cancel(id);
            pair.drive();
            pair.nothing_sent();
            let mut bytes = call.data(b"data");
            bytes.extend(call.reply_ok(&mime()));
            pair.deliver(&bytes);
            assert_abort(&mut pair, &call);
            pair.deliver(&call.stream_ok());
            pair.no_events();
            assert_eq!(pair.conn.pending(), 0);
            // Refused by the server: nothing at all.
            let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
            let (call, _) = pair.expect::<rp::DomainScreenshot>();
            pair.conn.cancel(id);
            pair.deliver(&call.reply_err(&error(55, 10, "no")));
            pair.no_events();
            pair.nothing_sent();
            assert_eq!(pair.conn.pending(), 0);
            still_usable(&mut pair);
        }
    }

    #[test]
    fn abort_racing_eof() {
        for split in SPLITS {
            // The client aborts while the server's EOF is on its way.
            let mut pair = Pair::skip(split);
            let (id, call) = open_screenshot(&mut pair);
            pair.deliver(&call.data(b"part"));
            assert_eq!(pair.conn.stream_abort(id), Ok(()));
            pair.drive();
            assert_abort(&mut pair, &call);
            assert_eq!(pair.conn.stream_abort(id), Ok(()), "aborting twice");
            pair.drive();
            pair.nothing_sent();
            let mut bytes = call.data(b"more");
            bytes.extend(call.eof());
            pair.deliver(&bytes);
            pair.nothing_sent(); // no finish after an abort
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            assert_eq!(pair.stream_closed(id), Err(CallError::Aborted));
            pair.no_events();
            assert_eq!(pair.conn.pending(), 0);

            // The EOF came first (the finish is out) and then the user aborts.
            let (id, call) = open_screenshot(&mut pair);
            pair.deliver(&call.eof());
            assert_finish(&mut pair, &call);
            assert_eq!(pair.conn.stream_abort(id), Ok(()));
            pair.drive();
            assert_abort(&mut pair, &call);
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            assert_eq!(pair.stream_closed(id), Err(CallError::Aborted));
            // The server ignores the abort of a closed stream or confirms
            // it again: either way nothing more happens.
            pair.deliver(&call.stream_ok());
            pair.no_events();

            // The server's error crosses the client's abort.
            let (id, call) = open_screenshot(&mut pair);
            pair.conn.stream_abort(id).unwrap();
            pair.drive();
            assert_abort(&mut pair, &call);
            let e = error(1, 10, "I/O error");
            pair.deliver(&call.stream_err(&e));
            assert_eq!(pair.stream_closed(id), Err(CallError::Remote(e.into())));
            still_usable(&mut pair);
        }
    }

    #[test]
    fn a_read_stream_cannot_be_written() {
        let mut pair = Pair::skip(Split::Whole);
        let id = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
        assert!(matches!(
            pair.conn.stream_abort(id),
            Err(CallError::WrongKind(_))
        ));
        let (call, _) = pair.expect::<rp::DomainScreenshot>();
        pair.deliver(&call.reply_ok(&mime()));
        pair.reply(id).unwrap();
        assert!(matches!(
            pair.conn.stream_send(id, b"x"),
            Err(CallError::WrongKind(_))
        ));
        assert!(matches!(
            pair.conn.stream_finish(id),
            Err(CallError::WrongKind(_))
        ));
        assert!(matches!(
            pair.conn.stream_send_hole(id, 1),
            Err(CallError::WrongKind(_))
        ));
        // A plain call is no stream.
        let plain = pair.call::<rp::ConnectGetVersion>(&());
        let mut buf = [0u8; 1];
        assert!(matches!(
            pair.conn.stream_recv(plain, &mut buf),
            Err(CallError::WrongKind(_))
        ));
        assert!(matches!(
            pair.conn.stream_send(plain, b"x"),
            Err(CallError::WrongKind(_))
        ));
        pair.drive();
        assert_eq!(pair.server.inbox.len(), 1);
    }

    #[test]
    fn a_stream_packet_for_a_plain_call_is_fatal() {
        let mut pair = Pair::skip(Split::Whole);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        let sent = pair.sent();
        pair.deliver(&sent.data(b"???"));
        let e = pair.conn.error().cloned().unwrap();
        assert!(matches!(e, ConnectionError::ProtocolViolation(_)), "{e:?}");
        assert_eq!(pair.reply(a), Err(CallError::Connection(e.clone())));
        assert_eq!(pair.closed(), e);
    }

    #[test]
    fn a_stream_packet_for_an_unknown_serial_is_dropped() {
        let mut pair = Pair::skip(Split::Whole);
        let (_, call) = open_screenshot(&mut pair);
        let mut h = call.header;
        h.serial += 100;
        h.kind = MessageType::Stream;
        h.status = MessageStatus::Continue;
        pair.deliver(&packet(h, b"stray"));
        pair.no_events();
        still_usable(&mut pair);
    }
}

mod upload {
    use super::*;

    #[test]
    fn chunks_then_finish() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let id = pair.call_stream::<rp::StorageVolUpload>(&upload_args(0));
            // Not before the server accepted it.
            assert!(matches!(
                pair.conn.stream_send(id, b"early"),
                Err(CallError::WrongKind(_))
            ));
            let (call, _) = pair.expect::<rp::StorageVolUpload>();
            pair.deliver(&call.reply_ok(&()));
            assert!(pair.reply(id).is_ok());
            let data = pattern(600_000, 6);
            assert_eq!(pair.conn.stream_send(id, &data), Ok(600_000));
            assert_eq!(pair.conn.stream_send(id, &[]), Ok(0));
            pair.drive();
            let mut got = Vec::new();
            let mut sizes = Vec::new();
            while let Some(s) = pair.server.inbox.pop_front() {
                assert_eq!(
                    s.header,
                    Header {
                        kind: MessageType::Stream,
                        status: MessageStatus::Continue,
                        ..call.header
                    }
                );
                assert!(!s.payload.is_empty() && s.payload.len() <= STREAM_CHUNK);
                sizes.push(s.payload.len());
                got.extend_from_slice(&s.payload);
            }
            assert_eq!(sizes, [262_120, 262_120, 75_760]);
            assert!(got == data);
            assert_eq!(pair.conn.stream_finish(id), Ok(()));
            pair.drive();
            assert_finish(&mut pair, &call);
            assert!(matches!(
                pair.conn.stream_send(id, b"x"),
                Err(CallError::WrongKind(_))
            ));
            pair.no_events();
            pair.deliver(&call.stream_ok());
            assert_eq!(pair.stream_closed(id), Ok(()));
            assert_eq!(pair.conn.pending(), 0);
            still_usable(&mut pair);
        }
    }

    #[test]
    fn sending_respects_the_transmit_high_water_mark() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, call) = open_upload(&mut pair, 0);
        pair.writes_paused = true;
        let data = pattern(3_000_000, 7);
        let first = pair.conn.stream_send(id, &data).unwrap();
        assert_eq!(
            first,
            4 * STREAM_CHUNK,
            "four chunks reach the default mark"
        );
        assert_eq!(pair.conn.transmit_pending(), 4 * (STREAM_CHUNK + 28));
        assert_eq!(pair.conn.stream_send(id, &data[first..]), Ok(0));
        assert_eq!(pair.conn.stream_send(id, &data[first..]), Ok(0));
        // The socket takes a little: still at or above the mark.
        let over =
            pair.conn.transmit_pending() - pair.conn.transmit_pending().min(4 * STREAM_CHUNK);
        pair.write_some(over);
        assert_eq!(pair.conn.transmit_pending(), 4 * STREAM_CHUNK);
        assert_eq!(pair.conn.stream_send(id, &data[first..]), Ok(0));
        // One byte below the mark: one more chunk goes in.
        pair.write_some(1);
        assert_eq!(pair.conn.stream_send(id, &data[first..]), Ok(STREAM_CHUNK));
        assert_eq!(pair.conn.stream_send(id, &data[first..]), Ok(0));
        pair.writes_paused = false;
        pair.drive();
        assert_eq!(pair.conn.transmit_pending(), 0);
        let mut sent = first + STREAM_CHUNK;
        while sent < data.len() {
            let n = pair.conn.stream_send(id, &data[sent..]).unwrap();
            assert!(n > 0);
            sent += n;
            pair.drive();
        }
        pair.conn.stream_finish(id).unwrap();
        pair.drive();
        let mut got = Vec::new();
        let mut packets = 0;
        while let Some(s) = pair.server.inbox.pop_front() {
            if s.payload.is_empty() {
                assert_control(&s, &call, MessageStatus::Ok);
                assert!(pair.server.inbox.is_empty());
            } else {
                got.extend_from_slice(&s.payload);
                packets += 1;
            }
        }
        assert!(got == data);
        assert_eq!(packets, 12);

        // A small mark: one chunk at a time.
        let mut config = Config::default();
        config.transmit_high_water = 1000;
        let mut pair = Pair::new(config, Open::Skip);
        pair.event();
        let (id, _) = open_upload(&mut pair, 0);
        pair.writes_paused = true;
        assert_eq!(pair.conn.stream_send(id, &[1; 5000]), Ok(5000));
        assert_eq!(pair.conn.stream_send(id, &[1; 5000]), Ok(0));
        pair.writes_paused = false;
        pair.drive();
        assert_eq!(pair.conn.stream_send(id, &[1; 5000]), Ok(5000));
    }

    #[test]
    fn a_server_error_mid_upload_fails_later_sends_cleanly() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_upload(&mut pair, 0);
            assert_eq!(pair.conn.stream_send(id, &[5; 1000]), Ok(1000));
            pair.drive();
            pair.sent();
            let e = error(38, 18, "cannot write to volume: No space left on device");
            pair.deliver(&call.stream_err(&e));
            let remote_e = CallError::Remote(Box::new(RemoteError::from(e)));
            assert_eq!(pair.stream_closed(id), Err(remote_e.clone()));
            assert_eq!(pair.conn.stream_send(id, &[5; 1000]), Err(remote_e.clone()));
            assert_eq!(pair.conn.stream_finish(id), Err(remote_e.clone()));
            assert_eq!(pair.conn.stream_send_hole(id, 10), Err(remote_e));
            assert_eq!(pair.conn.stream_abort(id), Ok(()));
            pair.drive();
            pair.nothing_sent();
            assert_eq!(pair.conn.pending(), 0);
            still_usable(&mut pair);
        }
    }

    #[test]
    fn a_failed_hole_comes_back_as_an_error_reply() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, call) = open_upload(&mut pair, 1);
            pair.conn.stream_send(id, &[1; 10]).unwrap();
            pair.conn.stream_send_hole(id, 1 << 33).unwrap();
            pair.drive();
            pair.sent();
            let hole = pair.sent();
            assert_eq!(
                hole.header,
                Header {
                    kind: MessageType::StreamHole,
                    status: MessageStatus::Continue,
                    ..call.header
                }
            );
            assert_eq!(
                hole.decode::<StreamHole>(),
                StreamHole {
                    length: 1 << 33,
                    flags: 0
                }
            );
            // libvirt's quirk: a REPLY/ERROR on the stream's serial.
            let e = error(1, 18, "failed to seek");
            pair.deliver(&call.reply_err(&e));
            let remote_e = CallError::Remote(Box::new(RemoteError::from(e)));
            assert_eq!(pair.stream_closed(id), Err(remote_e.clone()));
            assert_eq!(pair.conn.stream_send(id, &[1; 10]), Err(remote_e));
            pair.nothing_sent();
            assert_eq!(pair.conn.pending(), 0);
            still_usable(&mut pair);
        }
    }

    #[test]
    fn a_second_ok_reply_on_a_stream_is_fatal() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, call) = open_upload(&mut pair, 0);
        pair.deliver(&call.reply_ok(&()));
        let e = pair.conn.error().cloned().unwrap();
        assert!(matches!(e, ConnectionError::ProtocolViolation(_)), "{e:?}");
        assert_eq!(
            pair.stream_closed(id),
            Err(CallError::Connection(e.clone()))
        );
        assert_eq!(pair.closed(), e);
    }

    #[test]
    fn holes_need_the_sparse_flag() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, _) = open_upload(&mut pair, 0);
        assert!(matches!(
            pair.conn.stream_send_hole(id, 10),
            Err(CallError::WrongKind(_))
        ));
        let (sparse, _) = open_upload(&mut pair, 1);
        assert!(matches!(
            pair.conn.stream_send_hole(sparse, u64::MAX),
            Err(CallError::WrongKind(_))
        ));
        assert_eq!(pair.conn.stream_send_hole(sparse, i64::MAX as u64), Ok(()));
        pair.drive();
        let hole = pair.sent();
        assert_eq!(hole.header.kind, MessageType::StreamHole);
        assert_eq!(hole.decode::<StreamHole>().length, i64::MAX);
        pair.nothing_sent();
    }

    #[test]
    fn data_or_eof_from_the_server_on_an_upload_is_a_violation() {
        for (bytes_of, why) in [
            (
                Sent::eof as fn(&Sent) -> Vec<u8>,
                StreamViolation::EofOnUpload,
            ),
            (|s: &Sent| s.data(b"?"), StreamViolation::DataOnUpload),
        ] {
            let mut pair = Pair::skip(Split::Whole);
            let (id, call) = open_upload(&mut pair, 0);
            pair.deliver(&bytes_of(&call));
            assert_abort(&mut pair, &call);
            assert_eq!(
                pair.conn.stream_send(id, b"x"),
                Err(CallError::StreamViolation(why))
            );
            pair.deliver(&call.stream_ok());
            pair.skip_readable();
            assert_eq!(pair.stream_closed(id), Err(CallError::StreamViolation(why)));
            still_usable(&mut pair);
        }
    }

    #[test]
    fn a_console_flows_both_ways() {
        let mut pair = Pair::skip(Split::Random(5));
        let id = pair.call_stream::<rp::DomainOpenConsole>(&remote::DomainOpenConsoleArgs {
            dom: domain("test"),
            dev_name: None,
            flags: 0,
        });
        let (call, _) = pair.expect::<rp::DomainOpenConsole>();
        pair.deliver(&call.reply_ok(&()));
        assert!(pair.reply(id).is_ok());
        assert_eq!(pair.conn.stream_send(id, b"root\n"), Ok(5));
        pair.drive();
        assert_eq!(pair.sent().payload, b"root\n");
        pair.deliver(&call.data(b"Password: "));
        let (got, _) = pair.read_stream(id, 64);
        assert_eq!(got, b"Password: ");
        // Hang-up by EOF.
        pair.deliver(&call.eof());
        assert_finish(&mut pair, &call);
        pair.deliver(&call.stream_ok());
        pair.skip_readable();
        assert_eq!(pair.stream_closed(id), Ok(()));
    }
}

#[test]
fn a_fatal_error_fails_every_stream() {
    for split in SPLITS {
        let mut pair = Pair::skip(split);
        let (active, active_call) = open_screenshot(&mut pair);
        pair.deliver(&active_call.data(b"kept"));
        pair.skip_readable();
        let (finishing, finishing_call) = open_upload(&mut pair, 0);
        pair.conn.stream_finish(finishing).unwrap();
        let opening = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
        let cancelled = pair.call_stream::<rp::DomainScreenshot>(&shot_args());
        pair.conn.cancel(cancelled);
        let plain = pair.call::<rp::ConnectGetVersion>(&());
        pair.skip_readable();
        let _ = finishing_call;
        pair.eof();
        let eof = CallError::Connection(ConnectionError::Eof);
        let mut events = pair.take_events();
        assert_eq!(events.pop(), Some(Event::Closed(ConnectionError::Eof)));
        events.sort_by_key(|e| format!("{e:?}"));
        let mut expected = vec![
            Event::StreamClosed {
                stream: active,
                result: Err(eof.clone()),
            },
            Event::StreamClosed {
                stream: finishing,
                result: Err(eof.clone()),
            },
            Event::Reply {
                call: opening,
                result: Err(eof.clone()),
            },
            Event::Reply {
                call: plain,
                result: Err(eof.clone()),
            },
        ];
        expected.sort_by_key(|e| format!("{e:?}"));
        assert_eq!(events, expected);
        let (got, end) = pair.read_stream(active, 16);
        assert_eq!(got, b"kept");
        assert_eq!(end, Err(eof.clone()));
        assert_eq!(pair.conn.stream_send(finishing, b"x"), Err(eof));
    }
}

mod fds {
    use super::*;

    fn graphics() -> remote::DomainOpenGraphicsArgs {
        remote::DomainOpenGraphicsArgs {
            dom: domain("test"),
            idx: 0,
            flags: 1,
        }
    }

    fn graphics_fd() -> remote::DomainOpenGraphicsFdArgs {
        remote::DomainOpenGraphicsFdArgs {
            dom: domain("test"),
            idx: 0,
            flags: 0,
        }
    }

    #[test]
    fn call_with_fds_then_the_fds_at_the_packet_boundary() {
        // Driven by hand: the exact transmit sequence.
        let mut pair = Pair::skip(Split::Whole);
        pair.writes_paused = true;
        let id = pair
            .conn
            .call_with_fds::<rp::DomainOpenGraphics>(&graphics(), 1)
            .unwrap();
        let next = pair.conn.call::<rp::ConnectGetVersion>(&()).unwrap();
        let args = xdr(&graphics());
        let len = 28 + 4 + args.len();
        let Some(Transmit::Bytes(b)) = pair.conn.poll_transmit() else {
            panic!("bytes first")
        };
        assert_eq!(b.len(), len, "only the packet that carries the fds");
        assert_eq!(u32::from_be_bytes(b[..4].try_into().unwrap()) as usize, len);
        assert_eq!(&b[16..20], &4u32.to_be_bytes(), "CALL_WITH_FDS");
        assert_eq!(&b[28..32], &1u32.to_be_bytes(), "the count word");
        assert_eq!(&b[32..], &args[..]);
        pair.conn.transmitted(10);
        assert!(
            matches!(pair.conn.poll_transmit(), Some(Transmit::Bytes(b)) if b.len() == len - 10)
        );
        pair.conn.transmitted(len - 10);
        assert_eq!(
            pair.conn.poll_transmit(),
            Some(Transmit::Fds { call: id, count: 1 })
        );
        // Writing bytes does not skip the fds.
        pair.conn.transmitted(5);
        assert_eq!(
            pair.conn.poll_transmit(),
            Some(Transmit::Fds { call: id, count: 1 })
        );
        pair.conn.fds_transmitted();
        let Some(Transmit::Bytes(b)) = pair.conn.poll_transmit() else {
            panic!("the next packet")
        };
        assert_eq!(b.len(), 28);
        assert_eq!(&b[20..24], &next.serial().to_be_bytes());
        pair.conn.transmitted(28);
        assert_eq!(pair.conn.poll_transmit(), None);
        // A spurious fds_transmitted does nothing.
        pair.conn.fds_transmitted();
        assert_eq!(pair.conn.poll_transmit(), None);
    }

    #[test]
    fn call_with_fds_through_the_driver() {
        for write_chunk in [usize::MAX, 7, 1] {
            let mut pair = Pair::skip(Split::Whole);
            pair.write_chunk = write_chunk;
            let a = pair.call::<rp::ConnectGetVersion>(&());
            let id = pair
                .conn
                .call_with_fds::<rp::DomainOpenGraphics>(&graphics(), 1)
                .unwrap();
            let two = pair
                .conn
                .call_with_fds::<rp::DomainOpenGraphics>(&graphics(), 2)
                .unwrap();
            let none = pair
                .conn
                .call_with_fds::<rp::DomainOpenGraphics>(&graphics(), 0)
                .unwrap();
            let b = pair.call::<rp::ConnectGetType>(&());
            pair.drive();
            let log: Vec<_> = pair
                .server
                .log
                .iter()
                .map(|s| (s.header.kind, s.fd_count, s.fds))
                .collect();
            assert_eq!(
                log,
                [
                    (MessageType::Call, None, None),
                    (MessageType::CallWithFds, Some(1), Some((id, 1))),
                    (MessageType::CallWithFds, Some(2), Some((two, 2))),
                    (MessageType::CallWithFds, Some(0), None),
                    (MessageType::Call, None, None),
                ]
            );
            pair.sent(); // CONNECT_GET_VERSION
            let g = pair.sent();
            assert_eq!(g.decode::<remote::DomainOpenGraphicsArgs>(), graphics());
            // An ordinary reply; an error reply is a plain REPLY too.
            pair.deliver(&g.reply_ok(&()));
            assert_eq!(pair.reply(id).unwrap().fds, 0);
            let g2 = pair.sent();
            let e = error(55, 10, "no graphics");
            pair.deliver(&g2.reply_err(&e));
            assert_eq!(pair.reply(two), Err(CallError::Remote(e.into())));
            let _ = (a, b, none);
        }
    }

    #[test]
    fn fds_of_a_call_held_during_the_open_sequence() {
        let open = Open::Remote {
            name: Some("test:///default".into()),
            read_only: false,
        };
        let mut pair = Pair::new(Config::default(), open);
        let id = pair
            .conn
            .call_with_fds::<rp::DomainOpenGraphics>(&graphics(), 1)
            .unwrap();
        pair.drive();
        pair.serve_open(&[remote::AuthType::None], true);
        let g = pair.sent();
        assert_eq!(g.header.kind, MessageType::CallWithFds);
        assert_eq!(g.serial(), id.serial());
        assert_eq!(g.fds, Some((id, 1)));
        pair.nothing_sent();
    }

    /// A REPLY_WITH_FDS of `count`, for a call of DOMAIN_OPEN_GRAPHICS_FD.
    fn graphics_fd_call(pair: &mut Pair) -> (CallId, Sent) {
        let id = pair.call::<rp::DomainOpenGraphicsFd>(&graphics_fd());
        let (sent, _) = pair.expect::<rp::DomainOpenGraphicsFd>();
        assert_eq!(sent.header.kind, MessageType::Call);
        (id, sent)
    }

    #[test]
    fn reply_with_fds_waits_for_its_carrier_byte_and_fd() {
        for split in SPLITS {
            for carrier in [0u8, 0xff] {
                let mut pair = Pair::skip(split);
                let (id, sent) = graphics_fd_call(&mut pair);
                let other = pair.call::<rp::ConnectGetVersion>(&());
                let other_sent = pair.sent();
                pair.deliver(&sent.reply_with_fds(1, &()));
                pair.no_events();
                // The fd comes with the carrier byte (recvmsg): announced
                // first, then the byte.
                pair.deliver_fds(1);
                pair.no_events();
                pair.deliver(&[carrier]);
                let reply = pair.reply(id).unwrap();
                assert_eq!(reply.fds, 1);
                assert!(reply.payload.is_empty());
                // The stream goes on after the carrier.
                pair.deliver(&other_sent.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
                assert!(pair.reply(other).is_ok());
                assert!(pair.conn.is_ready());
            }
        }
    }

    #[test]
    fn reply_with_fds_and_carrier_in_one_read() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, sent) = graphics_fd_call(&mut pair);
        let other = pair.call::<rp::ConnectGetVersion>(&());
        let other_sent = pair.sent();
        let mut bytes = sent.reply_with_fds(1, &());
        bytes.push(0);
        bytes.extend(other_sent.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
        pair.deliver_fds(1);
        pair.deliver_whole(&bytes);
        assert_eq!(pair.reply(id).unwrap().fds, 1);
        assert!(pair.reply(other).is_ok());
    }

    #[test]
    fn a_reply_with_several_fds() {
        for split in SPLITS {
            let mut pair = Pair::skip(split);
            let (id, sent) = graphics_fd_call(&mut pair);
            pair.deliver(&sent.reply_with_fds(3, &()));
            for i in 0..3 {
                pair.no_events();
                pair.deliver_fds(1);
                pair.deliver(&[i]);
            }
            assert_eq!(pair.reply(id).unwrap().fds, 3);
        }
    }

    #[test]
    fn a_cancelled_reply_with_fds_tells_the_driver_to_close_them() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, sent) = graphics_fd_call(&mut pair);
        pair.conn.cancel(id);
        let mut bytes = sent.reply_with_fds(2, &());
        bytes.extend([0, 0]);
        pair.deliver_fds(2);
        pair.deliver_whole(&bytes);
        let events: Vec<Event> = pair.events.drain(..).collect();
        assert!(
            matches!(
                events.as_slice(),
                [Event::Discarded {
                    reason: Discard::CancelledWithFds(2),
                    ..
                }]
            ),
            "{events:?}"
        );
        assert!(pair.conn.is_ready());
    }

    #[test]
    fn a_zero_count_needs_no_carrier() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, sent) = graphics_fd_call(&mut pair);
        pair.deliver(&sent.reply_with_fds(0, &()));
        assert_eq!(pair.reply(id).unwrap().fds, 0);
    }

    #[test]
    fn more_than_32_fds_is_malformed() {
        for count in [33, u32::MAX] {
            let mut pair = Pair::skip(Split::Whole);
            let (id, sent) = graphics_fd_call(&mut pair);
            pair.deliver_fds(40);
            pair.deliver(&sent.reply_with_fds(count, &()));
            let e = pair.conn.error().cloned().unwrap();
            assert_eq!(e, ConnectionError::Malformed(MalformedPacket::TooManyFds));
            assert_eq!(pair.reply(id), Err(CallError::Connection(e.clone())));
            assert_eq!(pair.closed(), e);
        }
        // 32 is fine.
        let mut pair = Pair::skip(Split::Whole);
        let (id, sent) = graphics_fd_call(&mut pair);
        pair.deliver(&sent.reply_with_fds(32, &()));
        pair.deliver_fds(32);
        pair.deliver(&[0; 32]);
        assert_eq!(pair.reply(id).unwrap().fds, 32);
    }

    #[test]
    fn a_count_larger_than_the_fds_sent_is_a_violation() {
        for split in SPLITS {
            // Two announced, one fd came with two carrier bytes.
            let mut pair = Pair::skip(split);
            let (id, sent) = graphics_fd_call(&mut pair);
            pair.deliver(&sent.reply_with_fds(2, &()));
            pair.deliver_fds(1);
            pair.deliver(&[0, 0]);
            let e = pair.conn.error().cloned().unwrap();
            assert!(matches!(e, ConnectionError::ProtocolViolation(_)), "{e:?}");
            assert_eq!(pair.reply(id), Err(CallError::Connection(e.clone())));
            assert_eq!(pair.closed(), e);

            // One announced, none sent: the next packet's first byte is
            // taken for a carrier without an fd.
            let mut pair = Pair::skip(split);
            let (id, sent) = graphics_fd_call(&mut pair);
            let mut bytes = sent.reply_with_fds(1, &());
            bytes.extend(ping());
            pair.deliver(&bytes);
            let e = pair.conn.error().cloned().unwrap();
            assert!(matches!(e, ConnectionError::ProtocolViolation(_)), "{e:?}");
            assert_eq!(pair.reply(id), Err(CallError::Connection(e.clone())));
            pair.nothing_sent();
        }
    }

    #[test]
    fn eof_before_the_carrier_is_malformed() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, sent) = graphics_fd_call(&mut pair);
        pair.deliver(&sent.reply_with_fds(1, &()));
        pair.eof();
        let e = pair.conn.error().cloned().unwrap();
        assert!(matches!(e, ConnectionError::Malformed(_)), "{e:?}");
        assert_eq!(pair.reply(id), Err(CallError::Connection(e)));
    }

    #[test]
    fn reply_with_fds_without_its_count_is_malformed() {
        let mut pair = Pair::skip(Split::Whole);
        let (id, sent) = graphics_fd_call(&mut pair);
        pair.deliver(&packet(
            Header {
                kind: MessageType::ReplyWithFds,
                status: MessageStatus::Ok,
                ..sent.header
            },
            &[0, 0],
        ));
        let e = pair.conn.error().cloned().unwrap();
        assert!(matches!(e, ConnectionError::Malformed(_)), "{e:?}");
        assert_eq!(pair.reply(id), Err(CallError::Connection(e)));
    }
}
