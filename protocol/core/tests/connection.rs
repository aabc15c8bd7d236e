//! The sans-IO connection against a simulated libvirt server and a virtual
//! clock (see `support`): framing, the open sequence, calls and serials,
//! keepalive and events. Streams and fd passing are in
//! `connection_streams.rs`, the replay of a real virsh session in
//! `connection_golden.rs`.

mod support;

use libvirt_core::enums::{ErrorDomain, ErrorNumber};
use libvirt_core::net::{MessageStatus, MessageType};
use libvirt_core::packet::MAX_PACKET;
use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    Auth, AuthError, CallError, CallId, Config, ConnectionError, Discard, Event, KeepaliveConfig,
    Open, RemoteError, SaslEvent, Transmit, admin, keepalive, qemu, remote,
};
use support::*;

fn lookup(name: &str) -> remote::DomainLookupByNameArgs {
    remote::DomainLookupByNameArgs { name: name.into() }
}

fn lookup_ret(name: impl AsRef<[u8]>) -> remote::DomainLookupByNameRet {
    remote::DomainLookupByNameRet { dom: domain(name) }
}

fn lifecycle(callback_id: i32) -> remote::DomainEventCallbackLifecycleMsg {
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
fn assert_fatal(pair: &mut Pair, calls: &[CallId], expected: &ConnectionError) {
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

mod framing {
    use super::*;

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
}

mod open {
    use super::*;

    fn remote_open(name: Option<&str>, read_only: bool) -> Open {
        Open::Remote {
            name: name.map(Into::into),
            read_only,
        }
    }

    fn supported(yes: bool) -> remote::ConnectSupportsFeatureRet {
        remote::ConnectSupportsFeatureRet {
            supported: i32::from(yes),
        }
    }

    #[test]
    fn the_remote_sequence_packet_by_packet() {
        for split in SPLITS {
            let mut pair = Pair::new_split(
                Config::default(),
                remote_open(Some("test:///default"), false),
                split,
            );
            assert!(!pair.conn.is_ready());
            let (list, ()) = pair.expect::<rp::AuthList>();
            assert_eq!(list.serial(), 0);
            assert_eq!(list.raw.len(), 28, "AUTH_LIST is void");
            pair.nothing_sent();
            pair.deliver(&list.reply_ok(&remote::AuthListRet {
                types: vec![remote::AuthType::None],
            }));
            // The keepalive probe, then OPEN (protocol-notes §3).
            let (f10, args) = pair.expect::<rp::ConnectSupportsFeature>();
            assert_eq!((f10.serial(), args.feature), (1, 10));
            let (open, args) = pair.expect::<rp::ConnectOpen>();
            assert_eq!(open.serial(), 2);
            assert_eq!(args.name, Some("test:///default".into()));
            assert_eq!(args.flags, 0);
            pair.nothing_sent();
            pair.deliver(&f10.reply_ok(&supported(true)));
            pair.nothing_sent();
            pair.deliver(&open.reply_ok(&()));
            // A name was given: no GET_URI; the two probes.
            let (f14, args) = pair.expect::<rp::ConnectSupportsFeature>();
            assert_eq!((f14.serial(), args.feature), (3, 14));
            let (f15, args) = pair.expect::<rp::ConnectSupportsFeature>();
            assert_eq!((f15.serial(), args.feature), (4, 15));
            pair.nothing_sent();
            pair.deliver(&f15.reply_ok(&supported(true)));
            assert!(!pair.conn.is_ready());
            pair.no_events();
            pair.deliver(&f14.reply_ok(&supported(true)));
            assert!(pair.conn.is_ready());
            let Event::Connected(c) = pair.event() else {
                panic!("expected Connected")
            };
            assert_eq!(c.uri, None);
            assert!(c.keepalive && c.event_callbacks && c.close_callback);
            pair.no_events();
            pair.nothing_sent();
            // The first user call takes the next serial.
            let id = pair.call::<rp::ConnectGetVersion>(&());
            assert_eq!(id.serial(), 5);
        }
    }

    #[test]
    fn read_only_sets_the_ro_flag() {
        let mut pair = Pair::new(Config::default(), remote_open(Some("qemu:///system"), true));
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&remote::AuthListRet { types: vec![] }));
        pair.expect::<rp::ConnectSupportsFeature>();
        let (_, args) = pair.expect::<rp::ConnectOpen>();
        assert_eq!(args.name, Some("qemu:///system".into()));
        assert_eq!(args.flags, 1);
    }

    #[test]
    fn without_a_name_the_server_picks_and_the_uri_is_fetched() {
        let mut pair = Pair::new(Config::default(), remote_open(None, false));
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&remote::AuthListRet {
            types: vec![remote::AuthType::None],
        }));
        let (f10, _) = pair.expect::<rp::ConnectSupportsFeature>();
        let (open, args) = pair.expect::<rp::ConnectOpen>();
        // Like the C client: the name is sent as "" (protocol-notes §3.5).
        assert_eq!(args.name, Some("".into()));
        pair.deliver(&open.reply_ok(&()));
        let (uri, ()) = pair.expect::<rp::ConnectGetUri>();
        let (f14, _) = pair.expect::<rp::ConnectSupportsFeature>();
        let (f15, _) = pair.expect::<rp::ConnectSupportsFeature>();
        pair.deliver(&f14.reply_ok(&supported(true)));
        pair.deliver(&f15.reply_ok(&supported(false)));
        pair.deliver(&f10.reply_ok(&supported(true)));
        pair.no_events();
        pair.deliver(&uri.reply_ok(&remote::ConnectGetUriRet {
            uri: "qemu:///system".into(),
        }));
        let Event::Connected(c) = pair.event() else {
            panic!("expected Connected")
        };
        assert_eq!(c.uri.as_deref(), Some("qemu:///system"));
        assert!(c.keepalive && c.event_callbacks && !c.close_callback);
    }

    #[test]
    fn polkit_authentication() {
        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let c = pair.serve_open(&[remote::AuthType::Polkit], true);
        assert!(c.keepalive);
        let calls: Vec<i32> = pair.server.log.iter().map(|s| s.header.proc).collect();
        assert_eq!(calls, [66, 70, 60, 1, 60, 60]);
    }

    #[test]
    fn polkit_refusal_is_an_open_error() {
        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let held = pair.call::<rp::ConnectGetVersion>(&());
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&remote::AuthListRet {
            types: vec![remote::AuthType::Polkit],
        }));
        let (polkit, ()) = pair.expect::<rp::AuthPolkit>();
        let refusal = error(45, 6, "authentication failed: access denied");
        pair.deliver(&polkit.reply_err(&refusal));
        let expected = ConnectionError::Open(Box::new(RemoteError::from(refusal)));
        assert_fatal(&mut pair, &[held], &expected);
        assert_eq!(pair.server.log.len(), 2, "nothing after the refusal");
    }

    fn sasl_config(mechanism: Option<&str>) -> Config {
        let mut config = Config::default();
        config.auth = Auth::Sasl {
            mechanism: mechanism.map(Into::into),
        };
        config
    }

    /// The server's reply to AUTH_SASL_START or AUTH_SASL_STEP.
    fn sasl_ret(complete: bool, data: Option<&[u8]>) -> remote::AuthSaslStepRet {
        remote::AuthSaslStepRet {
            complete: i32::from(complete),
            nil: i32::from(data.is_none()),
            data: data.unwrap_or_default().iter().map(|&b| b as i8).collect(),
        }
    }

    fn bytes(data: &[i8]) -> Vec<u8> {
        data.iter().map(|&b| b as u8).collect()
    }

    /// AUTH_LIST says SASL; AUTH_SASL_INIT offers `mechlist`.
    fn sasl_until_start(config: Config, mechlist: &str) -> (Pair, CallId) {
        sasl_until_start_split(config, mechlist, Split::Whole)
    }

    fn sasl_until_start_split(config: Config, mechlist: &str, split: Split) -> (Pair, CallId) {
        let mut pair = Pair::new_split(config, remote_open(Some("test:///default"), false), split);
        let held = pair.call::<rp::ConnectGetVersion>(&());
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&remote::AuthListRet {
            types: vec![remote::AuthType::Sasl],
        }));
        let (init, ()) = pair.expect::<rp::AuthSaslInit>();
        pair.deliver(&init.reply_ok(&remote::AuthSaslInitRet {
            mechlist: mechlist.into(),
        }));
        (pair, held)
    }

    #[test]
    fn sasl_runs_a_scram_like_exchange_with_the_client_stepping_last() {
        for split in SPLITS {
            let (mut pair, held) =
                sasl_until_start_split(Config::default(), "SCRAM-SHA-256,DIGEST-MD5", split);
            assert_eq!(
                pair.event(),
                Event::Sasl(SaslEvent::Start {
                    mechanisms: vec!["SCRAM-SHA-256".into(), "DIGEST-MD5".into()]
                })
            );
            pair.conn
                .sasl_start("SCRAM-SHA-256", Some(b"n,,n=u,r=abc"), false);
            pair.drive();
            let (start, args) = pair.expect::<rp::AuthSaslStart>();
            assert_eq!(args.mech, "SCRAM-SHA-256");
            assert_eq!((args.nil, bytes(&args.data)), (0, b"n,,n=u,r=abc".to_vec()));
            pair.deliver(&start.reply_ok(&sasl_ret(false, Some(b"r=abcdef,s=c2FsdA==,i=4096"))));
            assert_eq!(
                pair.event(),
                Event::Sasl(SaslEvent::Challenge {
                    data: Some(b"r=abcdef,s=c2FsdA==,i=4096".to_vec()),
                    server_complete: false
                })
            );
            pair.conn.sasl_step(Some(b"c=biws,r=abcdef,p=proof"), false);
            pair.drive();
            let (step, args) = pair.expect::<rp::AuthSaslStep>();
            assert_eq!(bytes(&args.data), b"c=biws,r=abcdef,p=proof");
            // The server is done; the client checks its proof, and then
            // sends nothing more: straight on to CONNECT_OPEN.
            pair.deliver(&step.reply_ok(&sasl_ret(true, Some(b"v=signature"))));
            assert_eq!(
                pair.event(),
                Event::Sasl(SaslEvent::Challenge {
                    data: Some(b"v=signature".to_vec()),
                    server_complete: true
                })
            );
            pair.nothing_sent();
            pair.conn.sasl_step(None, true);
            pair.drive();
            assert_eq!(pair.event(), Event::Sasl(SaslEvent::Complete));
            pair.expect::<rp::ConnectSupportsFeature>();
            let (open, _) = pair.expect::<rp::ConnectOpen>();
            pair.deliver(&open.reply_ok(&()));
            pair.take_events();
            let _ = held;
            assert_eq!(pair.conn.error(), None, "the connection goes on after SASL");
        }
    }

    #[test]
    fn sasl_nil_and_empty_data_are_different() {
        let (mut pair, _) = sasl_until_start(Config::default(), "X");
        pair.event();
        pair.conn.sasl_start("X", None, false);
        pair.drive();
        let (start, args) = pair.expect::<rp::AuthSaslStart>();
        assert_eq!((args.nil, args.data.len()), (1, 0));
        pair.deliver(&start.reply_ok(&sasl_ret(false, Some(b""))));
        assert_eq!(
            pair.event(),
            Event::Sasl(SaslEvent::Challenge {
                data: Some(Vec::new()),
                server_complete: false
            })
        );
        pair.conn.sasl_step(Some(b""), false);
        pair.drive();
        let (step, args) = pair.expect::<rp::AuthSaslStep>();
        assert_eq!((args.nil, args.data.len()), (0, 0));
        pair.deliver(&step.reply_ok(&sasl_ret(false, None)));
        assert_eq!(
            pair.event(),
            Event::Sasl(SaslEvent::Challenge {
                data: None,
                server_complete: false
            })
        );
    }

    #[test]
    fn sasl_done_at_start_when_both_sides_complete() {
        let (mut pair, _) = sasl_until_start(Config::default(), "PLAIN");
        pair.event();
        pair.conn.sasl_start("PLAIN", Some(b"\0u\0p"), true);
        pair.drive();
        let (start, _) = pair.expect::<rp::AuthSaslStart>();
        pair.deliver(&start.reply_ok(&sasl_ret(true, None)));
        assert_eq!(pair.event(), Event::Sasl(SaslEvent::Complete));
        pair.no_events();
        pair.expect::<rp::ConnectSupportsFeature>();
        pair.expect::<rp::ConnectOpen>();
    }

    #[test]
    fn sasl_mechanism_from_the_uri_must_be_offered() {
        let (mut pair, held) = sasl_until_start(sasl_config(Some("SCRAM-SHA-256")), "GSSAPI");
        let expected = ConnectionError::Auth(AuthError::MechanismNotOffered {
            wanted: "SCRAM-SHA-256".into(),
            offered: "GSSAPI".into(),
        });
        assert!(expected.to_string().contains("(it offers: GSSAPI)"));
        assert_fatal(&mut pair, &[held], &expected);

        // Offered: the driver is given that one only.
        let (mut pair, _) = sasl_until_start(
            sasl_config(Some("SCRAM-SHA-256")),
            "DIGEST-MD5,SCRAM-SHA-256",
        );
        assert_eq!(
            pair.event(),
            Event::Sasl(SaslEvent::Start {
                mechanisms: vec!["SCRAM-SHA-256".into()]
            })
        );
    }

    #[test]
    fn an_auth_type_the_server_does_not_offer_is_rejected() {
        let mut pair = Pair::new(
            sasl_config(None),
            remote_open(Some("test:///default"), false),
        );
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&remote::AuthListRet {
            types: vec![remote::AuthType::None],
        }));
        let expected = ConnectionError::Auth(AuthError::TypeRejected {
            wanted: "sasl",
            offered: vec![0],
        });
        assert!(expected.to_string().contains("offers none"), "{expected}");
        assert_fatal(&mut pair, &[], &expected);
    }

    #[test]
    fn a_server_refusal_during_sasl_is_an_open_error_and_a_client_refusal_is_typed() {
        let (mut pair, held) = sasl_until_start(Config::default(), "SCRAM-SHA-256");
        pair.event();
        pair.conn
            .sasl_start("SCRAM-SHA-256", Some(b"n,,n=u,r=a"), false);
        pair.drive();
        let (start, _) = pair.expect::<rp::AuthSaslStart>();
        let refusal = error(45, 7, "authentication failed: authentication failed");
        pair.deliver(&start.reply_err(&refusal));
        let expected = ConnectionError::Open(Box::new(RemoteError::from(refusal)));
        assert_fatal(&mut pair, &[held], &expected);

        let (mut pair, held) = sasl_until_start(Config::default(), "SCRAM-SHA-256");
        pair.event();
        pair.conn.sasl_fail("no password for localhost".into());
        pair.drive();
        let expected = ConnectionError::Auth(AuthError::Client("no password for localhost".into()));
        assert_fatal(&mut pair, &[held], &expected);
    }

    #[test]
    fn sasl_data_over_the_limit_is_refused() {
        let (mut pair, held) = sasl_until_start(Config::default(), "X");
        pair.event();
        pair.conn.sasl_start("X", Some(&vec![0; 65537]), false);
        pair.drive();
        assert_fatal(
            &mut pair,
            &[held],
            &ConnectionError::Auth(AuthError::DataTooLong(65537)),
        );
    }

    #[test]
    fn an_auth_type_this_version_does_not_know_is_a_clear_error() {
        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let (list, ()) = pair.expect::<rp::AuthList>();
        // A future server's type 7 and, next to it, "none": open anyway.
        pair.deliver(&list.reply_ok(&vec![7i32, 0]));
        pair.expect::<rp::ConnectSupportsFeature>();
        pair.expect::<rp::ConnectOpen>();
        assert!(pair.conn.error().is_none());

        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&vec![7i32]));
        assert_fatal(&mut pair, &[], &ConnectionError::AuthUnsupported(7));
    }

    #[test]
    fn an_unknown_auth_list_means_no_authentication() {
        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_err(&unknown_procedure(66)));
        pair.expect::<rp::ConnectSupportsFeature>();
        pair.expect::<rp::ConnectOpen>();
        assert!(pair.conn.error().is_none());
    }

    #[test]
    fn another_auth_list_error_is_an_open_error() {
        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let (list, ()) = pair.expect::<rp::AuthList>();
        let e = error(1, 13, "internal error");
        pair.deliver(&list.reply_err(&e));
        assert_fatal(&mut pair, &[], &ConnectionError::Open(e.into()));
    }

    #[test]
    fn an_open_error_fails_the_connection_and_held_calls() {
        for split in SPLITS {
            let mut pair = Pair::new_split(
                Config::default(),
                remote_open(Some("bogus:///"), false),
                split,
            );
            let held = pair.call::<rp::ConnectGetVersion>(&());
            let (list, ()) = pair.expect::<rp::AuthList>();
            pair.deliver(&list.reply_ok(&remote::AuthListRet {
                types: vec![remote::AuthType::None],
            }));
            let (f10, _) = pair.expect::<rp::ConnectSupportsFeature>();
            let (open, _) = pair.expect::<rp::ConnectOpen>();
            pair.deliver(&f10.reply_ok(&supported(true)));
            let mut e = error(38, 0, "no connection driver available for bogus:///");
            e.str2 = Some("two".into());
            e.str3 = Some("three".into());
            e.int1 = 17;
            e.int2 = -9;
            pair.deliver(&open.reply_err(&e));
            let expected = ConnectionError::Open(Box::new(RemoteError {
                code: 38,
                domain: 0,
                message: Some("no connection driver available for bogus:///".into()),
                level: 2,
                str1: Some("no connection driver available for bogus:///".into()),
                str2: Some("two".into()),
                str3: Some("three".into()),
                int1: 17,
                int2: -9,
            }));
            assert_fatal(&mut pair, &[held], &expected);
            // The held call never went out.
            assert_eq!(pair.server.log.len(), 3);
        }
    }

    #[test]
    fn calls_made_before_ready_are_held_then_sent() {
        for split in SPLITS {
            let mut pair = Pair::new_split(
                Config::default(),
                remote_open(Some("test:///default"), false),
                split,
            );
            let a = pair.call::<rp::DomainLookupByName>(&lookup("early"));
            let b = pair.call::<rp::ConnectGetVersion>(&());
            assert_ne!(a.serial(), b.serial());
            // Only AUTH_LIST went out.
            assert_eq!(pair.server.inbox.len(), 1);
            let (list, ()) = pair.expect::<rp::AuthList>();
            assert_eq!(pair.conn.pending(), 3);
            pair.deliver(&list.reply_ok(&remote::AuthListRet {
                types: vec![remote::AuthType::None],
            }));
            // Answer the rest of the sequence, checking nothing user-made
            // leaks before Connected.
            let (f10, _) = pair.expect::<rp::ConnectSupportsFeature>();
            let (open, _) = pair.expect::<rp::ConnectOpen>();
            pair.deliver(&f10.reply_ok(&supported(true)));
            pair.deliver(&open.reply_ok(&()));
            let (f14, _) = pair.expect::<rp::ConnectSupportsFeature>();
            let (f15, _) = pair.expect::<rp::ConnectSupportsFeature>();
            pair.nothing_sent();
            pair.deliver(&f14.reply_ok(&supported(true)));
            pair.nothing_sent();
            pair.deliver(&f15.reply_ok(&supported(true)));
            assert!(matches!(pair.event(), Event::Connected(_)));
            // Now the held calls, in the order they were made.
            let (sa, args) = pair.expect::<rp::DomainLookupByName>();
            assert_eq!((sa.serial(), args.name), (a.serial(), "early".into()));
            let (sb, ()) = pair.expect::<rp::ConnectGetVersion>();
            assert_eq!(sb.serial(), b.serial());
            pair.deliver(&sb.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 3 }));
            pair.deliver(&sa.reply_ok(&lookup_ret("early")));
            assert!(pair.reply(b).is_ok());
            assert!(pair.reply(a).is_ok());
            pair.no_events();
        }
    }

    #[test]
    fn unsupported_or_failing_feature_probes() {
        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&remote::AuthListRet {
            types: vec![remote::AuthType::None],
        }));
        let (f10, _) = pair.expect::<rp::ConnectSupportsFeature>();
        let (open, _) = pair.expect::<rp::ConnectOpen>();
        pair.deliver(&open.reply_ok(&()));
        pair.deliver(&f10.reply_ok(&supported(false)));
        let (f14, _) = pair.expect::<rp::ConnectSupportsFeature>();
        let (f15, _) = pair.expect::<rp::ConnectSupportsFeature>();
        pair.deliver(&f14.reply_err(&unknown_procedure(60)));
        pair.deliver(&f15.reply_ok(&supported(false)));
        let Event::Connected(c) = pair.event() else {
            panic!("expected Connected")
        };
        assert!(!c.keepalive && !c.event_callbacks && !c.close_callback);
        assert!(pair.conn.is_ready());
    }

    #[test]
    fn keepalive_off_skips_the_keepalive_probe() {
        let mut config = Config::default();
        config.keepalive = None;
        let mut pair = Pair::new(config, remote_open(Some("test:///default"), false));
        let c = pair.serve_open(&[remote::AuthType::None], true);
        assert!(!c.keepalive, "nobody pings: keepalive is off");
        let features: Vec<i32> = pair
            .server
            .log
            .iter()
            .filter(|s| s.is::<rp::ConnectSupportsFeature>())
            .map(|s| s.decode::<remote::ConnectSupportsFeatureArgs>().feature)
            .collect();
        assert_eq!(features, [14, 15]);
    }

    #[test]
    fn admin_open_and_close() {
        for split in SPLITS {
            let mut pair = Pair::new_split(Config::default(), Open::Admin { flags: 0 }, split);
            let (open, args) = pair.expect::<admin::procedures::ConnectOpen>();
            assert_eq!(open.header.prog, admin::PROGRAM);
            assert_eq!((open.serial(), args.flags), (0, 0));
            pair.nothing_sent();
            pair.deliver(&open.reply_ok(&()));
            let Event::Connected(c) = pair.event() else {
                panic!("expected Connected")
            };
            assert!(c.keepalive);
            let id = pair.call::<admin::procedures::ConnectListServers>(
                &admin::ConnectListServersArgs {
                    need_results: 10,
                    flags: 0,
                },
            );
            let (sent, _) = pair.expect::<admin::procedures::ConnectListServers>();
            pair.deliver(&sent.reply_ok(&admin::ConnectListServersRet {
                servers: vec![],
                ret: 0,
            }));
            assert!(pair.reply(id).is_ok());
            pair.conn.close();
            pair.drive();
            let (close, ()) = pair.expect::<admin::procedures::ConnectClose>();
            // The close reply ends the connection, as libvirt's C client does.
            pair.deliver(&close.reply_ok(&()));
            assert_fatal(&mut pair, &[], &ConnectionError::Closed);
        }
    }

    #[test]
    fn admin_open_error() {
        let mut pair = Pair::new(Config::default(), Open::Admin { flags: 0 });
        let (open, _) = pair.expect::<admin::procedures::ConnectOpen>();
        let e = error(88, 66, "access denied");
        pair.deliver(&open.reply_err(&e));
        assert_fatal(&mut pair, &[], &ConnectionError::Open(e.into()));
    }

    #[test]
    fn close_reply_ends_the_connection_and_fails_pending_calls() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let a = pair.call::<rp::ConnectGetVersion>(&());
            let b = pair.call::<rp::ConnectGetType>(&());
            let (sa, ()) = pair.expect::<rp::ConnectGetVersion>();
            pair.expect::<rp::ConnectGetType>();
            pair.conn.close();
            pair.drive();
            let (close, ()) = pair.expect::<rp::ConnectClose>();
            assert_eq!(close.raw.len(), 28);
            // Calls after close are refused; replies still arrive.
            assert_eq!(
                pair.conn.call::<rp::ConnectGetVersion>(&()),
                Err(CallError::Connection(ConnectionError::Closed))
            );
            pair.deliver(&sa.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
            assert!(pair.reply(a).is_ok());
            // The close reply ends the connection (the server hangs up too);
            // the call it never answered fails.
            pair.deliver(&close.reply_ok(&()));
            assert_fatal(&mut pair, &[b], &ConnectionError::Closed);
            // A second close, and the server's hang-up, change nothing.
            pair.conn.close();
            pair.eof();
            pair.drive();
            pair.nothing_sent();
            pair.no_events();
        }
    }

    #[test]
    fn close_before_ready_ends_at_once() {
        let mut pair = Pair::new(
            Config::default(),
            remote_open(Some("test:///default"), false),
        );
        let held = pair.call::<rp::ConnectGetVersion>(&());
        pair.expect::<rp::AuthList>();
        pair.conn.close();
        pair.drive();
        assert_fatal(&mut pair, &[held], &ConnectionError::Closed);
    }

    #[test]
    fn a_second_open_is_for_the_server_to_refuse() {
        let mut pair = Pair::connected(Config::default(), Split::Whole);
        let again = pair.call::<rp::ConnectOpen>(&remote::ConnectOpenArgs {
            name: Some("test:///default".into()),
            flags: 0,
        });
        let (sent, _) = pair.expect::<rp::ConnectOpen>();
        let e = error(55, 0, "connection already open");
        pair.deliver(&sent.reply_err(&e));
        assert_eq!(pair.reply(again), Err(CallError::Remote(e.into())));
        assert!(pair.conn.is_ready());
    }

    #[test]
    fn skip_is_ready_at_once_and_starts_at_serial_zero() {
        let mut pair = Pair::new(Config::default(), Open::Skip);
        let Event::Connected(c) = pair.event() else {
            panic!("expected Connected")
        };
        assert_eq!(c.uri, None);
        assert!(pair.conn.is_ready());
        pair.nothing_sent();
        let id = pair.call::<rp::ConnectGetVersion>(&());
        assert_eq!(id.serial(), 0);
        assert_eq!(pair.sent().serial(), 0);
    }
}

mod calls {
    use super::*;

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
                ConnectionError::ProtocolViolation("a reply that does not match its call")
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
}

mod keepalive_tests {
    use super::*;

    fn is_ping(s: &Sent) -> bool {
        s.raw == ping()
    }

    #[test]
    fn a_server_ping_is_answered_at_once() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            pair.deliver(&ping());
            let pong_sent = pair.sent();
            assert_eq!(pong_sent.raw, pong());
            assert_eq!(pong_sent.header.prog, keepalive::PROGRAM);
            assert_eq!(pong_sent.header.kind, MessageType::Message);
            assert_eq!(pong_sent.header.serial, 0);
            pair.nothing_sent();
            pair.no_events();
            // A PONG, or an unknown keepalive proc, needs no answer.
            pair.deliver(&pong());
            pair.deliver(&keepalive_packet(3));
            pair.nothing_sent();
            pair.no_events();
        }
    }

    #[test]
    fn pong_while_a_call_is_pending() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let a = pair.call::<rp::DomainLookupByName>(&lookup("busy"));
            let (sent, _) = pair.expect::<rp::DomainLookupByName>();
            for _ in 0..3 {
                pair.advance(secs(4));
                pair.deliver(&ping());
                assert_eq!(pair.sent().raw, pong());
                pair.no_events();
            }
            pair.deliver(&sent.reply_ok(&lookup_ret("busy")));
            assert!(pair.reply(a).is_ok());
            pair.nothing_sent();
        }
    }

    #[test]
    fn pings_between_pieces_of_large_replies() {
        for split in BIG_SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let a = pair.call::<rp::DomainGetXmlDesc>(&remote::DomainGetXmlDescArgs {
                dom: domain("test"),
                flags: 0,
            });
            let b = pair.call::<rp::ConnectGetCapabilities>(&());
            let (sa, _) = pair.expect::<rp::DomainGetXmlDesc>();
            let (sb, ()) = pair.expect::<rp::ConnectGetCapabilities>();
            let xml = "<domain>".repeat(400_000);
            let caps = "<capabilities/>".repeat(200_000);
            let mut bytes = ping();
            bytes.extend(sa.reply_ok(&remote::DomainGetXmlDescRet {
                xml: xml.clone().into(),
            }));
            let first_end = bytes.len();
            bytes.extend(ping());
            let ping_end = bytes.len();
            bytes.extend(sb.reply_ok(&remote::ConnectGetCapabilitiesRet {
                capabilities: caps.clone().into(),
            }));
            bytes.extend(ping());
            // 64 KiB pieces, 3 s apart: 100 s in all, far beyond
            // interval × (count + 1), yet the stream of bytes keeps the
            // connection alive; each PING is answered as soon as its last
            // byte is in.
            let mut fed = 0;
            let mut pongs = 0;
            let mut rng = Rng::new(9);
            while fed < bytes.len() {
                let n = (1 + rng.below(65536)).min(bytes.len() - fed);
                pair.now += secs(3);
                pair.conn.handle_timeout(pair.now);
                pair.drive();
                pair.deliver(&bytes[fed..fed + n]);
                fed += n;
                let expected = [28, ping_end, bytes.len()]
                    .iter()
                    .filter(|&&end| end <= fed)
                    .count();
                while let Some(s) = pair.server.inbox.pop_front() {
                    assert_eq!(s.raw, pong(), "only PONGs, no PINGs: data kept coming");
                    pongs += 1;
                }
                assert_eq!(pongs, expected, "at {fed}");
                if fed >= first_end {
                    assert!(
                        pair.events
                            .iter()
                            .any(|e| matches!(e, Event::Reply { call, .. } if *call == a))
                    );
                }
            }
            let ra = pair.reply(a).unwrap();
            assert_eq!(ra.decode::<remote::DomainGetXmlDescRet>().unwrap().xml, xml);
            let rb = pair.reply(b).unwrap();
            assert_eq!(
                rb.decode::<remote::ConnectGetCapabilitiesRet>()
                    .unwrap()
                    .capabilities,
                caps
            );
            assert!(pair.conn.is_ready());
        }
    }

    #[test]
    fn the_client_pings_after_an_interval_of_silence() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let quiet_since = pair.now;
            assert_eq!(pair.conn.poll_timeout(), Some(quiet_since + secs(5)));
            pair.advance(secs(4));
            pair.nothing_sent();
            let at = pair.fire_timer();
            assert_eq!(at, quiet_since + secs(5));
            let sent = pair.sent();
            assert!(is_ping(&sent), "{sent:?}");
            assert_eq!(sent.header.serial, 0);
            pair.nothing_sent();
            // The PONG resets everything.
            pair.advance(secs(1));
            pair.deliver(&pong());
            assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(5)));
            pair.advance(secs(4));
            pair.nothing_sent();
            pair.advance(secs(1));
            assert!(is_ping(&pair.sent()));
            pair.no_events();
        }
    }

    #[test]
    fn unanswered_pings_time_out_after_interval_times_count_plus_one() {
        let mut pair = Pair::connected(Config::default(), Split::Whole);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        pair.expect::<rp::ConnectGetVersion>();
        let quiet_since = pair.now;
        let mut pings = Vec::new();
        while pair.conn.error().is_none() {
            let at = pair.fire_timer();
            if let Some(s) = pair.server.inbox.pop_front() {
                assert!(is_ping(&s));
                pings.push(at - quiet_since);
            }
        }
        assert_eq!(
            pings,
            [secs(5), secs(10), secs(15), secs(20), secs(25)],
            "count PINGs, interval apart"
        );
        assert_eq!(pair.now - quiet_since, secs(30), "interval × (count + 1)");
        assert_fatal(&mut pair, &[a], &ConnectionError::KeepaliveTimeout(5));
    }

    #[test]
    fn custom_interval_and_count() {
        let mut config = Config::default();
        config.keepalive = Some(KeepaliveConfig {
            interval: secs(2),
            count: 3,
        });
        let mut pair = Pair::connected(config, Split::Whole);
        let start = pair.now;
        let mut pings = 0;
        while pair.conn.error().is_none() {
            pair.advance(std::time::Duration::from_millis(500));
            while pair.server.inbox.pop_front().is_some() {
                pings += 1;
            }
        }
        assert_eq!(pings, 3);
        assert_eq!(pair.now - start, secs(8));
        assert_eq!(pair.closed(), ConnectionError::KeepaliveTimeout(3));
    }

    #[test]
    fn any_incoming_packet_resets_the_count() {
        let mut pair = Pair::connected(Config::default(), Split::Whole);
        let a = pair.call::<rp::ConnectGetVersion>(&());
        let b = pair.call::<rp::ConnectGetType>(&());
        let (sa, ()) = pair.expect::<rp::ConnectGetVersion>();
        let (sb, ()) = pair.expect::<rp::ConnectGetType>();
        // Four PINGs go unanswered...
        for _ in 0..4 {
            pair.fire_timer();
            assert!(is_ping(&pair.sent()));
        }
        // ...then a reply (not a PONG) arrives: the count starts over.
        pair.advance(secs(3));
        pair.deliver(&sa.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
        assert!(pair.reply(a).is_ok());
        let heard = pair.now;
        assert_eq!(pair.conn.poll_timeout(), Some(heard + secs(5)));
        for _ in 0..5 {
            pair.fire_timer();
            assert!(is_ping(&pair.sent()));
        }
        assert!(pair.conn.error().is_none());
        // Even part of a packet counts as hearing from the server.
        let reply = sb.reply_ok(&remote::ConnectGetTypeRet {
            r#type: "TEST".into(),
        });
        pair.advance(secs(2));
        pair.deliver_whole(&reply[..10]);
        assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(5)));
        pair.advance(secs(2));
        pair.deliver_whole(&reply[10..]);
        assert!(pair.reply(b).is_ok());
        assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(5)));
        assert!(pair.conn.is_ready());
    }

    #[test]
    fn early_spurious_and_repeated_timeouts_are_no_ops() {
        let mut pair = Pair::connected(Config::default(), Split::Whole);
        let deadline = pair.conn.poll_timeout().unwrap();
        for t in [
            pair.now,
            pair.now,
            deadline - std::time::Duration::from_nanos(1),
        ] {
            pair.conn.handle_timeout(t);
            pair.drive();
            pair.nothing_sent();
            pair.no_events();
            assert_eq!(pair.conn.poll_timeout(), Some(deadline));
        }
        // A timeout from the past (a clock that went backwards) too.
        pair.conn.handle_timeout(std::time::Duration::ZERO);
        pair.drive();
        pair.nothing_sent();
        // The real one sends one PING; firing again at the same instant
        // sends nothing more.
        pair.now = deadline;
        pair.conn.handle_timeout(deadline);
        pair.conn.handle_timeout(deadline);
        pair.drive();
        assert!(is_ping(&pair.sent()));
        pair.nothing_sent();
        assert_eq!(pair.conn.poll_timeout(), Some(deadline + secs(5)));
    }

    #[test]
    fn poll_timeout_through_a_connection_life() {
        let open = Open::Remote {
            name: Some("test:///default".into()),
            read_only: false,
        };
        let mut pair = Pair::new(Config::default(), open);
        let start = pair.now;
        // Before the server said it answers PINGs: the silence limit.
        assert_eq!(pair.conn.poll_timeout(), Some(start + secs(30)));
        pair.advance(secs(7));
        let (list, ()) = pair.expect::<rp::AuthList>();
        pair.deliver(&list.reply_ok(&remote::AuthListRet { types: vec![] }));
        assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(30)));
        let (f10, _) = pair.expect::<rp::ConnectSupportsFeature>();
        let (open, _) = pair.expect::<rp::ConnectOpen>();
        pair.advance(secs(1));
        pair.deliver(&f10.reply_ok(&remote::ConnectSupportsFeatureRet { supported: 1 }));
        // The server answers PINGs now: one interval.
        assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(5)));
        pair.advance(secs(1));
        pair.deliver(&open.reply_ok(&()));
        assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(5)));
        let (f14, _) = pair.expect::<rp::ConnectSupportsFeature>();
        let (f15, _) = pair.expect::<rp::ConnectSupportsFeature>();
        pair.deliver(&f14.reply_ok(&remote::ConnectSupportsFeatureRet { supported: 1 }));
        pair.deliver(&f15.reply_ok(&remote::ConnectSupportsFeatureRet { supported: 1 }));
        assert!(matches!(pair.event(), Event::Connected(_)));
        let heard = pair.now;
        assert_eq!(pair.conn.poll_timeout(), Some(heard + secs(5)));
        pair.fire_timer();
        assert!(is_ping(&pair.sent()));
        assert_eq!(pair.conn.poll_timeout(), Some(heard + secs(10)));
        pair.eof();
        assert_eq!(pair.conn.poll_timeout(), None);
    }

    #[test]
    fn no_pings_to_a_server_without_keepalive() {
        let open = Open::Remote {
            name: Some("test:///default".into()),
            read_only: false,
        };
        let mut pair = Pair::new(Config::default(), open);
        let c = pair.serve_open(&[remote::AuthType::None], false);
        assert!(!c.keepalive);
        // Idle for an hour: nothing is sent and nothing fails.
        for _ in 0..720 {
            pair.advance(secs(5));
        }
        pair.nothing_sent();
        pair.no_events();
        assert!(pair.conn.is_ready());
        // Its PINGs are still answered.
        pair.deliver(&ping());
        assert_eq!(pair.sent().raw, pong());
    }

    #[test]
    fn keepalive_off_sends_nothing_but_answers() {
        let mut config = Config::default();
        config.keepalive = None;
        for open in [
            Open::Skip,
            Open::Remote {
                name: Some("test:///default".into()),
                read_only: false,
            },
        ] {
            let is_remote = open != Open::Skip;
            let mut pair = Pair::new(config.clone(), open);
            if is_remote {
                pair.serve_open(&[remote::AuthType::None], true);
            } else {
                pair.event();
            }
            let a = pair.call::<rp::ConnectGetVersion>(&());
            pair.sent();
            assert_eq!(pair.conn.poll_timeout(), None);
            pair.advance(secs(100_000));
            pair.nothing_sent();
            pair.no_events();
            pair.deliver(&ping());
            assert_eq!(pair.sent().raw, pong());
            assert_eq!(pair.conn.pending(), 1);
            let _ = a;
        }
    }

    #[test]
    fn a_silent_peer_during_the_open_sequence_times_out() {
        for open in [
            Open::Remote {
                name: Some("test:///default".into()),
                read_only: false,
            },
            Open::Admin { flags: 0 },
        ] {
            let mut pair = Pair::new(Config::default(), open);
            let held = pair.call::<rp::ConnectGetVersion>(&());
            let start = pair.now;
            pair.sent();
            pair.advance(secs(29));
            pair.no_events();
            pair.fire_timer();
            assert_eq!(pair.now - start, secs(30));
            pair.nothing_sent();
            assert_fatal(
                &mut pair,
                &[held],
                &ConnectionError::NoAnswer(std::time::Duration::from_secs(30)),
            );
        }
    }

    #[test]
    fn skip_mode_pings_from_the_start() {
        let mut pair = Pair::skip(Split::Whole);
        assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(5)));
        pair.fire_timer();
        assert!(is_ping(&pair.sent()));
    }

    #[test]
    fn admin_connections_ping_once_open() {
        let mut pair = Pair::new(Config::default(), Open::Admin { flags: 0 });
        let (open, _) = pair.expect::<admin::procedures::ConnectOpen>();
        pair.advance(secs(2));
        pair.deliver(&open.reply_ok(&()));
        assert!(matches!(pair.event(), Event::Connected(_)));
        assert_eq!(pair.conn.poll_timeout(), Some(pair.now + secs(5)));
        pair.fire_timer();
        assert!(is_ping(&pair.sent()));
    }
}

mod events {
    use super::*;

    fn monitor_event(callback_id: i32) -> qemu::DomainMonitorEventMsg {
        qemu::DomainMonitorEventMsg {
            callback_id,
            dom: domain("test"),
            event: "SHUTDOWN".into(),
            seconds: 1_700_000_000,
            micros: 123_456,
            details: Some("{\"guest\":true}".into()),
        }
    }

    #[test]
    fn a_lifecycle_event_is_decoded_with_its_callback_id() {
        for split in SPLITS {
            for serial in [1, 0] {
                let mut pair = Pair::connected(Config::default(), split);
                let bytes = event_packet::<rp::DomainEventCallbackLifecycle>(serial, &lifecycle(3));
                pair.deliver(&bytes);
                let Event::Remote(e) = pair.event() else {
                    panic!("expected a remote event")
                };
                assert_eq!(e.callback_id(), Some(3));
                assert_eq!(
                    e.procedure(),
                    remote::Procedure::DomainEventCallbackLifecycle
                );
                let remote::Event::DomainEventCallbackLifecycle(m) = e else {
                    panic!("{e:?}")
                };
                assert_eq!(m.msg.dom.name, "test");
                assert_eq!((m.msg.event, m.msg.detail), (3, 0));
                pair.no_events();
                pair.nothing_sent();
            }
        }
    }

    #[test]
    fn a_qemu_monitor_event_is_decoded() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            pair.deliver(&event_packet::<qemu::procedures::DomainMonitorEvent>(
                1,
                &monitor_event(9),
            ));
            assert_eq!(
                pair.event(),
                Event::Qemu(qemu::Event::DomainMonitorEvent(monitor_event(9)))
            );
            pair.no_events();
        }
    }

    #[test]
    fn legacy_events_without_callback_id_are_delivered() {
        let mut pair = Pair::connected(Config::default(), Split::Whole);
        let msg = remote::DomainEventLifecycleMsg {
            dom: domain("old"),
            event: 1,
            detail: 2,
        };
        pair.deliver(&event_packet::<rp::DomainEventLifecycle>(1, &msg));
        assert_eq!(
            pair.event(),
            Event::Remote(remote::Event::DomainEventLifecycle(msg))
        );
    }

    #[test]
    fn an_unknown_event_procedure_is_discarded() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let a = pair.call::<rp::ConnectGetVersion>(&());
            let (sent, ()) = pair.expect::<rp::ConnectGetVersion>();
            let mut bytes = Vec::new();
            // A future event, and a call procedure sent as a MESSAGE.
            for proc in [9999, 4] {
                bytes.extend(packet(
                    header(
                        remote::PROGRAM,
                        proc,
                        MessageType::Message,
                        1,
                        MessageStatus::Ok,
                    ),
                    &[0, 0, 0, 1, 0xde, 0xad],
                ));
            }
            bytes.extend(sent.reply_ok(&remote::ConnectGetVersionRet { hv_ver: 1 }));
            pair.deliver(&bytes);
            for proc in [9999, 4] {
                assert_eq!(
                    pair.event(),
                    Event::Discarded {
                        prog: remote::PROGRAM,
                        procedure: proc,
                        reason: Discard::UnknownEvent
                    }
                );
            }
            assert!(pair.reply(a).is_ok());
            assert!(pair.conn.is_ready());
        }
    }

    #[test]
    fn an_unknown_program_is_discarded() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            // lxc has no events here; 0x1234 is nobody.
            for prog in [0x1234, libvirt_core::lxc::PROGRAM, admin::PROGRAM] {
                pair.deliver(&packet(
                    header(prog, 1, MessageType::Message, 1, MessageStatus::Ok),
                    &[1, 2, 3, 4],
                ));
                assert_eq!(
                    pair.event(),
                    Event::Discarded {
                        prog,
                        procedure: 1,
                        reason: Discard::UnknownProgram
                    }
                );
            }
            assert!(pair.conn.is_ready());
            pair.nothing_sent();
        }
    }

    #[test]
    fn undecodable_and_bad_status_events_are_discarded() {
        let mut pair = Pair::connected(Config::default(), Split::Whole);
        pair.deliver(&packet(
            header(
                remote::PROGRAM,
                318,
                MessageType::Message,
                1,
                MessageStatus::Ok,
            ),
            &[0, 0, 0, 1],
        ));
        assert!(matches!(
            pair.event(),
            Event::Discarded {
                procedure: 318,
                reason: Discard::Undecodable(_),
                ..
            }
        ));
        let mut bytes = event_packet::<rp::DomainEventCallbackLifecycle>(1, &lifecycle(1));
        bytes[27] = 1; // status ERROR
        pair.deliver(&bytes);
        assert!(matches!(
            pair.event(),
            Event::Discarded {
                procedure: 318,
                reason: Discard::BadStatus,
                ..
            }
        ));
        assert!(pair.conn.is_ready());
    }

    #[test]
    fn events_after_deregistration_are_discarded_until_it_is_answered() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let register = remote::ConnectDomainEventCallbackRegisterAnyArgs {
                event_id: 0,
                dom: None,
            };
            let r = pair.call::<rp::ConnectDomainEventCallbackRegisterAny>(&register);
            let (sent, _) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
            pair.deliver(
                &sent
                    .reply_ok(&remote::ConnectDomainEventCallbackRegisterAnyRet { callback_id: 7 }),
            );
            assert!(pair.reply(r).is_ok());
            let ev7 = event_packet::<rp::DomainEventCallbackLifecycle>(1, &lifecycle(7));
            let ev8 = event_packet::<rp::DomainEventCallbackLifecycle>(1, &lifecycle(8));
            pair.deliver(&ev7);
            assert!(matches!(pair.event(), Event::Remote(_)));

            // Deregister: from the moment the call is sent, its events are
            // dropped (they may still be on their way).
            let d = pair.call::<rp::ConnectDomainEventCallbackDeregisterAny>(
                &remote::ConnectDomainEventCallbackDeregisterAnyArgs { callback_id: 7 },
            );
            let (dsent, args) = pair.expect::<rp::ConnectDomainEventCallbackDeregisterAny>();
            assert_eq!(args.callback_id, 7);
            pair.deliver(&ev7);
            assert_eq!(
                pair.event(),
                Event::Discarded {
                    prog: remote::PROGRAM,
                    procedure: 318,
                    reason: Discard::DeregisteredCallback(7)
                }
            );
            // Other callbacks are not affected.
            pair.deliver(&ev8);
            assert!(matches!(pair.event(), Event::Remote(_)));
            // Once the server has answered, it sends no more of them (it
            // never hands the id out again), so nothing is kept: a stray
            // one is an event of no subscription.
            pair.deliver(&dsent.reply_ok(&()));
            assert!(pair.reply(d).is_ok());
            pair.deliver(&ev7);
            let stray = pair.event();
            assert!(matches!(stray, Event::Remote(_)));
            assert!(pair.conn.subscribers(&stray).is_empty());
            pair.no_events();
        }
    }

    #[test]
    fn qemu_deregistration_is_tracked_per_program() {
        let mut pair = Pair::connected(Config::default(), Split::Whole);
        let d = pair.call::<qemu::procedures::ConnectDomainMonitorEventDeregister>(
            &qemu::ConnectDomainMonitorEventDeregisterArgs { callback_id: 2 },
        );
        let (sent, _) = pair.expect::<qemu::procedures::ConnectDomainMonitorEventDeregister>();
        pair.deliver(&event_packet::<qemu::procedures::DomainMonitorEvent>(
            1,
            &monitor_event(2),
        ));
        assert_eq!(
            pair.event(),
            Event::Discarded {
                prog: qemu::PROGRAM,
                procedure: 6,
                reason: Discard::DeregisteredCallback(2)
            }
        );
        // A remote callback with the same number is someone else.
        pair.deliver(&event_packet::<rp::DomainEventCallbackLifecycle>(
            1,
            &lifecycle(2),
        ));
        assert!(matches!(pair.event(), Event::Remote(_)));
        pair.deliver(&sent.reply_ok(&()));
        assert!(pair.reply(d).is_ok());
        // Registering again (qemu 4) clears it.
        let r = pair.call::<qemu::procedures::ConnectDomainMonitorEventRegister>(
            &qemu::ConnectDomainMonitorEventRegisterArgs {
                dom: None,
                event: None,
                flags: 0,
            },
        );
        let (sent, _) = pair.expect::<qemu::procedures::ConnectDomainMonitorEventRegister>();
        pair.deliver(
            &sent.reply_ok(&qemu::ConnectDomainMonitorEventRegisterRet { callback_id: 2 }),
        );
        assert!(pair.reply(r).is_ok());
        pair.deliver(&event_packet::<qemu::procedures::DomainMonitorEvent>(
            1,
            &monitor_event(2),
        ));
        assert!(matches!(pair.event(), Event::Qemu(_)));
    }

    #[test]
    fn events_and_replies_interleaved() {
        for split in SPLITS {
            let mut pair = Pair::connected(Config::default(), split);
            let calls: Vec<CallId> = (0..5)
                .map(|i| pair.call::<rp::DomainLookupByName>(&lookup(&format!("d{i}"))))
                .collect();
            let mut bytes = Vec::new();
            let mut expected = Vec::new();
            for (i, call) in calls.iter().enumerate().rev() {
                let (sent, args) = pair.expect::<rp::DomainLookupByName>();
                assert_eq!(sent.serial(), calls[4 - i].serial());
                bytes.extend(event_packet::<rp::DomainEventCallbackLifecycle>(
                    1,
                    &lifecycle(i as i32),
                ));
                expected.push(Event::Remote(remote::Event::DomainEventCallbackLifecycle(
                    lifecycle(i as i32),
                )));
                bytes.extend(sent.reply_ok(&lookup_ret(&args.name)));
                expected.push(Event::Reply {
                    call: calls[4 - i],
                    result: Ok(libvirt_core::Reply {
                        payload: xdr(&lookup_ret(&args.name)),
                        fds: 0,
                    }),
                });
                let _ = call;
            }
            pair.deliver(&bytes);
            assert_eq!(pair.take_events(), expected);
        }
    }
}
