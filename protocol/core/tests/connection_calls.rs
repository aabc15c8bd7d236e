//! Calls on the sans-IO connection against a simulated libvirt server
//! (see `support`): serials, replies out of order, remote errors,
//! cancelling, procedures called the wrong way.

mod support;

use libvirt_core::enums::{ErrorDomain, ErrorNumber};
use libvirt_core::net::{MessageStatus, MessageType};
use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    CallError, CallId, Config, ConnectionError, RemoteError, Violation, keepalive, qemu, remote,
};
use support::*;

#[test]
fn a_failed_connection_has_nothing_left_to_write() {
    // A driver stops once the core is over and has nothing to write:
    // bytes queued for a transport that failed must not keep it.
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    pair.writes_paused = true;
    let call = pair.call::<rp::ConnectGetVersion>(&());
    assert!(pair.conn.poll_transmit().is_some());
    pair.conn
        .handle_transport_error("write: Broken pipe (os error 32)".into());
    pair.drive();
    assert_eq!(pair.conn.poll_transmit(), None);
    assert!(matches!(
        pair.reply(call),
        Err(CallError::Connection(ConnectionError::Transport(_)))
    ));
}

#[test]
fn many_in_flight_answered_out_of_order() {
    for split in SPLITS {
        let mut pair = Pair::skip(split);
        let calls: Vec<CallId> = (0..40)
            .map(|i| pair.call::<rp::DomainLookupByName>(&lookup(&format!("dom{i}"))))
            .collect();
        assert_eq!(pair.conn.pending(), 40);
        let mut sent: Vec<(Sent, remote::DomainLookupByNameArgs)> = (0..40)
            .map(|_| pair.expect::<rp::DomainLookupByName>())
            .collect();
        Rng::new(77).shuffle(&mut sent);
        let mut bytes = Vec::new();
        for (s, args) in &sent {
            if args.name == "dom7" {
                bytes.extend(s.reply_err(&error(42, 12, "Domain not found")));
            } else {
                bytes.extend(s.reply_ok(&lookup_ret(&args.name)));
            }
        }
        pair.deliver(&bytes);
        // Events come in the server's order, each matched by serial.
        for (s, args) in &sent {
            let call = calls
                .iter()
                .copied()
                .find(|c| c.serial() == s.serial())
                .unwrap();
            let r = pair.reply(call);
            if args.name == "dom7" {
                let Err(CallError::Remote(e)) = r else {
                    panic!("{r:?}")
                };
                assert_eq!(e.number(), Some(ErrorNumber::ErrNoDomain));
            } else {
                let ret: remote::DomainLookupByNameRet = r.unwrap().decode().unwrap();
                assert_eq!(ret.dom.name, args.name);
            }
        }
        pair.no_events();
        assert_eq!(pair.conn.pending(), 0);
    }
}

#[test]
fn serials_are_distinct_and_increasing() {
    let mut pair = Pair::skip(Split::Whole);
    let mut last: Option<CallId> = None;
    for round in 0..50 {
        let ids: Vec<CallId> = (0..40)
            .map(|_| pair.call::<rp::ConnectGetVersion>(&()))
            .collect();
        for id in &ids {
            let sent = pair.sent();
            assert_eq!(sent.serial(), id.serial());
            if let Some(prev) = last {
                assert_eq!(id.serial(), prev.serial() + 1, "round {round}");
                assert!(*id > prev, "handles are ordered like serials");
            }
            last = Some(*id);
            pair.deliver_whole(&sent.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 0 }));
        }
        for id in ids {
            assert!(pair.reply(id).is_ok());
        }
    }
    assert_eq!(last.map(CallId::serial), Some(1999));
}

#[test]
fn a_reply_for_an_unknown_serial_is_fatal() {
    for split in SPLITS {
        let mut pair = Pair::skip(split);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        let sent = pair.sent();
        let mut h = sent.header;
        h.kind = MessageType::Reply;
        h.serial += 1;
        pair.deliver(&packet(h, &[0; 8]));
        let e = pair.conn.error().cloned().unwrap();
        assert!(matches!(e, ConnectionError::ProtocolViolation(_)), "{e:?}");
        assert_fatal(&mut pair, &[a], &e);
    }
}

#[test]
fn a_reply_that_does_not_match_its_call_is_fatal() {
    // Right serial; wrong proc, program or version.
    for (prog, vers, proc) in [
        (remote::PROGRAM, 1, 3),
        (qemu::PROGRAM, 1, 4),
        (remote::PROGRAM, 2, 4),
    ] {
        let mut pair = Pair::skip(Split::Whole);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        let b = pair.call::<rp::ConnectGetType>(&());
        let sent = pair.sent();
        let h = libvirt_core::packet::Header {
            prog,
            vers,
            proc,
            kind: MessageType::Reply,
            serial: sent.serial(),
            status: MessageStatus::Ok,
        };
        pair.deliver(&packet(h, &[0; 8]));
        let e = pair.conn.error().cloned().unwrap();
        assert_eq!(
            e,
            ConnectionError::ProtocolViolation(Violation::ReplyMismatch)
        );
        assert_fatal(&mut pair, &[a, b], &e);
    }
}

#[test]
fn a_remote_error_keeps_every_field() {
    for split in SPLITS {
        let mut pair = Pair::skip(split);
        let a = pair.call::<rp::DomainLookupByName>(&lookup("nope"));
        let (sent, _) = pair.expect::<rp::DomainLookupByName>();
        let wire = libvirt_core::net::MessageError {
            code: 42,
            domain: 12,
            message: Some("Domain not found".into()),
            level: 2,
            dom: Some(libvirt_core::net::MessageNonnullDomain {
                name: "nope".into(),
                uuid: [1; 16],
                id: -1,
            }),
            str1: Some("one".into()),
            str2: Some("two".into()),
            str3: None,
            int1: 5,
            int2: -6,
            net: None,
        };
        pair.deliver(&sent.reply_err(&wire));
        let Err(CallError::Remote(e)) = pair.reply(a) else {
            panic!("expected a remote error")
        };
        assert_eq!(
            *e,
            RemoteError {
                code: 42,
                domain: 12,
                message: Some("Domain not found".into()),
                level: 2,
                str1: Some("one".into()),
                str2: Some("two".into()),
                str3: None,
                int1: 5,
                int2: -6,
            }
        );
        assert_eq!(e.number(), Some(ErrorNumber::ErrNoDomain));
        assert_eq!(e.error_domain(), Some(ErrorDomain::Test));
        assert!(!e.is_unknown_procedure());
        assert!(e.to_string().contains("Domain not found"), "{e}");
        // Only the call failed.
        assert!(pair.conn.is_ready());
        let b = pair.call::<rp::ConnectGetVersion>(&());
        let (sent, ()) = pair.expect::<rp::ConnectGetVersion>();
        pair.deliver(&sent.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
        assert!(pair.reply(b).is_ok());
    }
}

#[test]
fn unknown_procedure_is_no_support() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::DomainGetMessages>(&remote::DomainGetMessagesArgs {
        dom: domain("test"),
        flags: 0,
    });
    let sent = pair.sent();
    pair.deliver(&sent.reply_err(&unknown_procedure(426)));
    let Err(CallError::Remote(e)) = pair.reply(a) else {
        panic!("expected a remote error")
    };
    assert_eq!((e.code, e.domain), (39, 7));
    assert_eq!(e.message.as_deref(), Some("unknown procedure: 426"));
    assert!(e.is_unknown_procedure());
    assert_eq!(e.number(), Some(ErrorNumber::ErrNoSupport));
    assert_eq!(e.error_domain(), Some(ErrorDomain::Rpc));
    // Another RPC error is not "unknown procedure".
    let other = RemoteError::from(error(39, 7, "cannot decode"));
    assert!(!other.is_unknown_procedure());
    assert_eq!(other.number(), Some(ErrorNumber::ErrRpc));
    // An unknown code has no typed number.
    assert_eq!(RemoteError::from(error(100_000, 0, "?")).number(), None);
    assert!(pair.conn.is_ready());
}

#[test]
fn cancel_drops_the_late_reply() {
    for split in SPLITS {
        let mut pair = Pair::skip(split);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        let b = pair.call::<rp::ConnectGetType>(&());
        let sa = pair.sent();
        let sb = pair.sent();
        pair.conn.cancel(a);
        pair.conn.cancel(a);
        pair.drive();
        pair.nothing_sent();
        assert_eq!(
            pair.conn.pending(),
            2,
            "the serial stays taken until the reply"
        );
        pair.deliver(&sa.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
        pair.no_events();
        assert_eq!(pair.conn.pending(), 1);
        // An error reply to a cancelled call is dropped too.
        pair.conn.cancel(b);
        pair.deliver(&sb.reply_err(&error(1, 0, "x")));
        pair.no_events();
        // The connection goes on.
        let c = pair.call::<rp::ConnectGetVersion>(&());
        let sc = pair.sent();
        pair.deliver(&sc.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 2 }));
        assert!(pair.reply(c).is_ok());
        // Cancelling something finished or unknown is harmless.
        pair.conn.cancel(c);
        pair.conn.cancel(a);
        pair.drive();
        pair.no_events();
        pair.nothing_sent();
        assert!(pair.conn.is_ready());
    }
}

#[test]
fn a_cancelled_call_gets_no_event_when_the_connection_fails() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::ConnectGetVersion>(&());
    let b = pair.call::<rp::ConnectGetType>(&());
    pair.conn.cancel(a);
    pair.eof();
    assert_fatal(&mut pair, &[b], &ConnectionError::Eof);
}

#[test]
fn procedures_called_the_wrong_way() {
    let mut pair = Pair::skip(Split::Whole);
    use libvirt_core::Connection;
    fn wrong<T: std::fmt::Debug>(r: Result<T, CallError>) {
        assert!(matches!(r, Err(CallError::WrongKind(_))), "{r:?}");
    }
    // Event and keepalive procedures do not implement CallProcedure, so
    // the compiler refuses them; a hand-made impl is refused at run time.
    #[derive(Debug)]
    struct AsCall<const PROG: u32, const N: i32>;
    impl<const PROG: u32, const N: i32> libvirt_core::Procedure for AsCall<PROG, N> {
        const INFO: &'static libvirt_core::ProcedureInfo = match PROG {
            remote::PROGRAM => remote::Procedure::from_i32(N).unwrap().info(),
            qemu::PROGRAM => qemu::Procedure::from_i32(N).unwrap().info(),
            _ => keepalive::Procedure::from_i32(N).unwrap().info(),
        };
    }
    impl<const PROG: u32, const N: i32> libvirt_core::CallProcedure for AsCall<PROG, N> {
        type Args = ();
        type Ret = ();
    }
    let c: &mut Connection = &mut pair.conn;
    wrong(c.call::<AsCall<{ remote::PROGRAM }, 318>>(&()));
    wrong(c.call_stream::<AsCall<{ remote::PROGRAM }, 318>>(&()));
    wrong(c.call_with_fds::<AsCall<{ remote::PROGRAM }, 318>>(&(), 1));
    wrong(c.call::<AsCall<{ qemu::PROGRAM }, 6>>(&()));
    wrong(c.call::<AsCall<{ keepalive::PROGRAM }, 1>>(&()));
    // Streams need call_stream, fds need call_with_fds.
    let shot = remote::DomainScreenshotArgs {
        dom: domain("test"),
        screen: 0,
        flags: 0,
    };
    wrong(c.call::<rp::DomainScreenshot>(&shot));
    let graphics = remote::DomainOpenGraphicsArgs {
        dom: domain("test"),
        idx: 0,
        flags: 0,
    };
    wrong(c.call::<rp::DomainOpenGraphics>(&graphics));
    wrong(c.call_stream::<rp::ConnectGetVersion>(&()));
    wrong(c.call_with_fds::<rp::ConnectGetVersion>(&(), 1));
    // Over 32 fds cannot be encoded.
    assert!(matches!(
        c.call_with_fds::<rp::DomainOpenGraphics>(&graphics, 33),
        Err(CallError::Encode(_))
    ));
    pair.drive();
    pair.nothing_sent();
    pair.no_events();
    assert_eq!(pair.conn.pending(), 0);
    assert!(pair.conn.is_ready());
}

#[test]
fn arguments_that_do_not_encode_send_nothing() {
    let mut pair = Pair::skip(Split::Whole);
    let huge = "x".repeat(4_194_305);
    let r = pair.conn.call::<rp::DomainLookupByName>(&lookup(&huge));
    assert!(matches!(r, Err(CallError::Encode(_))), "{r:?}");
    pair.drive();
    pair.nothing_sent();
    assert_eq!(pair.conn.pending(), 0);
    // The largest legal string goes.
    let max = "y".repeat(4_194_304);
    let a = pair.call::<rp::DomainLookupByName>(&lookup(&max));
    let (sent, args) = pair.expect::<rp::DomainLookupByName>();
    assert_eq!(args.name.len(), 4_194_304);
    pair.deliver(&sent.reply_ok(&lookup_ret("y")));
    assert!(pair.reply(a).is_ok());
}

#[test]
fn a_reply_that_does_not_decode_fails_only_the_decode() {
    let mut pair = Pair::skip(Split::Whole);
    let a = pair.call::<rp::ConnectGetVersion>(&());
    let sent = pair.sent();
    let short = libvirt_core::packet::Header {
        kind: MessageType::Reply,
        ..sent.header
    };
    pair.deliver(&packet(short, &[1, 2]));
    let r = pair.reply(a).unwrap();
    assert!(matches!(
        r.decode::<remote::ConnectGetVersionRet>(),
        Err(CallError::Decode(_))
    ));
    assert!(pair.conn.is_ready());
}
