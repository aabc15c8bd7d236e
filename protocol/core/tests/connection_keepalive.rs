//! Keepalive on the sans-IO connection against a simulated libvirt server
//! and a virtual clock (see `support`): answering PINGs, pinging a quiet
//! server, timing out, silence during the open sequence.

mod support;

use libvirt_core::net::MessageType;
use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    Config, ConnectionError, Event, KeepaliveConfig, Open, admin, keepalive, remote,
};
use support::*;

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
