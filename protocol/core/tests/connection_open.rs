//! The sans-IO connection's open sequence against a simulated libvirt
//! server (see `support`): remote and admin, authentication (polkit,
//! SASL), the feature probes.

mod support;

use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    Auth, AuthError, AuthMethod, CallError, CallId, CloseReason, Config, ConnectionError, Event,
    Open, RemoteError, SaslEvent, admin, remote,
};
use support::*;

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
        wanted: AuthMethod::Sasl,
        offered: vec![0],
    });
    assert!(expected.to_string().contains("offers none"), "{expected}");
    assert_fatal(&mut pair, &[], &expected);
}

/// A URI over the protocol's string limit is the caller's error, not a
/// malformed packet from the server.
#[test]
fn a_uri_over_the_string_limit_is_the_callers_error() {
    let name = "x".repeat(4 * 1024 * 1024 + 1);
    let mut pair = Pair::new(Config::default(), remote_open(Some(&name), false));
    let (list, ()) = pair.expect::<rp::AuthList>();
    pair.deliver(&list.reply_ok(&remote::AuthListRet {
        types: vec![remote::AuthType::None],
    }));
    let e = pair.conn.error().cloned().unwrap();
    assert!(matches!(e, ConnectionError::OpenArguments(_)), "{e:?}");
    assert!(!e.to_string().contains("server"), "{e}");
    assert_eq!(e.reason(), CloseReason::Refused);
    assert_fatal(&mut pair, &[], &e);
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
        let id =
            pair.call::<admin::procedures::ConnectListServers>(&admin::ConnectListServersArgs {
                need_results: 10,
                flags: 0,
            });
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
