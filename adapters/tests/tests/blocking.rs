//! The real-daemon suite through `libvirt-blocking`: the same scenarios as
//! the async adapters', with threads instead of tasks. Each test starts its
//! own daemon.

use std::io::Read;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use libvirt_adapter_tests::{Daemon, TEST_DOMAIN, domain_xml};
use libvirt_blocking::prelude::*;
use libvirt_blocking::{
    Client, Error, EventFilter, LinkState, Notice, Options, ReconnectPolicy, Reconnecting,
};
use libvirt_core::enums::{DomainEventID, DomainEventType, DomainState, ErrorNumber};
use libvirt_core::remote;
use libvirt_core::{CloseReason, ConnectionError};

/// Runs a scenario on a thread with a watchdog: a hang fails the test.
fn run(f: impl FnOnce() + Send + 'static) {
    let (tx, rx) = mpsc::channel();
    let worker = thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(()) => worker.join().unwrap(),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The scenario panicked: pass its panic on.
            if let Err(p) = worker.join() {
                std::panic::resume_unwind(p);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the scenario hung"),
    }
}

fn connect(daemon: &Daemon) -> Client {
    Client::connect(&daemon.unix_uri()).expect("connect")
}

fn state(client: &Client, dom: &remote::NonnullDomain) -> DomainState {
    let s = client.domain_get_state(dom.clone(), 0).expect("state");
    DomainState::from_raw(s.state).expect("a known state")
}

fn basics(client: &Client) {
    assert!(client.connect_get_lib_version().unwrap() > 0);
    assert!(client.connect_get_version().unwrap() > 0);
    assert!(!client.connect_get_hostname().unwrap().is_empty());
    let connected = client.connected().expect("open");
    assert!(connected.event_callbacks && connected.close_callback);
}

#[test]
fn open_close_unix() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        basics(&client);
        client.close().unwrap();
        assert_eq!(client.closed(), Some(ConnectionError::Closed));
        let err = client.connect_get_hostname().unwrap_err();
        assert!(
            matches!(err, Error::Connection(ConnectionError::Closed)),
            "{err:?}"
        );
    });
}

#[test]
fn open_close_tcp() {
    run(|| {
        let daemon = Daemon::start();
        let client = Client::connect(&daemon.tcp_uri()).unwrap();
        basics(&client);
        client.close().unwrap();
    });
}

#[test]
fn domains() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let all = client.connect_list_all_domains(1, 0).unwrap();
        assert!(all.domains.iter().any(|d| d.name == TEST_DOMAIN));
        let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
        let info = client.domain_get_info(dom).unwrap();
        assert_eq!(
            DomainState::from_raw(i32::from(info.state)),
            Some(DomainState::Running)
        );

        let dom = client
            .domain_define_xml(domain_xml("lvrs-defined"))
            .unwrap();
        assert_eq!(state(&client, &dom), DomainState::Shutoff);
        client.domain_create(dom.clone()).unwrap();
        assert_eq!(state(&client, &dom), DomainState::Running);
        client.domain_destroy(dom.clone()).unwrap();
        assert_eq!(state(&client, &dom), DomainState::Shutoff);
        client.domain_undefine(dom).unwrap();
        let err = client.domain_lookup_by_name("lvrs-defined").unwrap_err();
        assert_eq!(err.number(), Some(ErrorNumber::ErrNoDomain));
    });
}

#[test]
fn suspend_resume_with_events() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let mut events = client
            .domain_events(None, DomainEventID::Lifecycle)
            .unwrap();
        let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
        client.domain_suspend(dom.clone()).unwrap();
        assert_eq!(state(&client, &dom), DomainState::Paused);
        client.domain_resume(dom.clone()).unwrap();
        assert_eq!(state(&client, &dom), DomainState::Running);
        for want in [DomainEventType::Suspended, DomainEventType::Resumed] {
            let event = events.next().unwrap().unwrap();
            let remote::Event::DomainEventCallbackLifecycle(e) = event else {
                panic!("expected a lifecycle event, got {event:?}");
            };
            assert_eq!(e.callback_id, events.callback_id());
            assert_eq!(e.msg.dom.name, TEST_DOMAIN);
            assert_eq!(DomainEventType::from_raw(e.msg.event), Some(want));
        }
        assert!(events.next_timeout(Duration::from_millis(200)).is_none());
    });
}

/// The lifecycle events of the test domain, typed: the subscription
/// yields `DomainLifecycleEvent`s with the detail paired to the event, a
/// handle equal to the looked-up one, on the same client.
#[test]
fn typed_lifecycle_events() {
    use libvirt_blocking::libvirt_api::Open;
    use libvirt_blocking::libvirt_api::events::DomainLifecycleChange;
    use libvirt_blocking::{Domain, DomainLifecycleEvent};
    use libvirt_core::enums::{
        DomainEventResumedDetailType as Resumed, DomainEventStartedDetailType as Started,
        DomainEventStoppedDetailType as Stopped, DomainEventSuspendedDetailType as Suspended,
    };
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let dom = Domain::lookup_by_name(&client, TEST_DOMAIN).unwrap();
        let mut events = client.events::<DomainLifecycleEvent>(Some(&dom)).unwrap();
        dom.suspend().unwrap();
        dom.resume().unwrap();
        dom.destroy().unwrap();
        dom.create().unwrap();
        let mut last = None;
        for (want, words) in [
            (
                DomainLifecycleChange::Suspended(Open::Known(Suspended::Paused)),
                "Suspended Paused",
            ),
            (
                DomainLifecycleChange::Resumed(Open::Known(Resumed::Unpaused)),
                "Resumed Unpaused",
            ),
            (
                DomainLifecycleChange::Stopped(Open::Known(Stopped::Destroyed)),
                "Stopped Destroyed",
            ),
            (
                DomainLifecycleChange::Started(Open::Known(Started::Booted)),
                "Started Booted",
            ),
        ] {
            let e = events.next().expect("an event").expect("not an error");
            assert_eq!(e.domain, dom);
            assert_eq!(e.domain.name(), TEST_DOMAIN);
            assert_eq!(e.event, want);
            assert_eq!(
                e.to_string(),
                format!("event 'lifecycle' for domain '{TEST_DOMAIN}': {words}")
            );
            last = Some(e);
        }
        assert!(events.next_timeout(Duration::from_millis(200)).is_none());
        // The handles are bound to this client: they call through it...
        let last = last.unwrap();
        assert_eq!(last.domain.get_state().unwrap().state, DomainState::Running);
        // ... and fail with it once it is closed.
        client.close().unwrap();
        let err = last.domain.get_state().unwrap_err();
        assert!(
            matches!(err, Error::Connection(ConnectionError::Closed)),
            "{err:?}"
        );
    });
}

#[test]
fn dropping_a_subscription_deregisters_it() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let first = client
            .domain_events(None, DomainEventID::Lifecycle)
            .unwrap();
        let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
        let mut second = client
            .domain_events(Some(dom.clone()), DomainEventID::Lifecycle)
            .unwrap();
        assert_ne!(first.callback_id(), second.callback_id());
        drop(first);
        client.domain_suspend(dom).unwrap();
        let e = second.next().unwrap().unwrap();
        assert!(
            matches!(e, remote::Event::DomainEventCallbackLifecycle(ref m) if m.callback_id == second.callback_id())
        );
        // The deregistration of `first` completes: calls read its answer,
        // which libvirtd's workers may give after the suspend's.
        let deadline = Instant::now() + Duration::from_secs(10);
        while client.as_async().pending() > 0 {
            assert!(Instant::now() < deadline, "the deregistration hung");
            client.connect_get_lib_version().unwrap();
        }
    });
}

/// The next event must be the test domain's lifecycle event `want`.
fn next_lifecycle(events: &mut libvirt_blocking::Events<remote::Event>, want: DomainEventType) {
    let event = events.next().expect("an event").expect("not an error");
    let remote::Event::DomainEventCallbackLifecycle(e) = event else {
        panic!("expected a lifecycle event, got {event:?}");
    };
    assert_eq!(e.msg.dom.name, TEST_DOMAIN);
    assert_eq!(DomainEventType::from_raw(e.msg.event), Some(want));
}

#[test]
fn identical_subscriptions_share_one_registration() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let mut a = client
            .domain_events(None, DomainEventID::Lifecycle)
            .unwrap();
        let mut b = client
            .domain_events(None, DomainEventID::Lifecycle)
            .unwrap();
        daemon.virsh(&["suspend", TEST_DOMAIN]);
        next_lifecycle(&mut a, DomainEventType::Suspended);
        next_lifecycle(&mut b, DomainEventType::Suspended);
        drop(a);
        daemon.virsh(&["resume", TEST_DOMAIN]);
        next_lifecycle(&mut b, DomainEventType::Resumed);
        drop(b);
        // The registration is gone: a new one is accepted and works. (No
        // thread drives an idle connection: calls send the deregistration
        // and read its answer, which libvirtd's workers may give after
        // theirs.)
        let deadline = Instant::now() + Duration::from_secs(10);
        while client.as_async().pending() > 0 {
            assert!(Instant::now() < deadline, "the deregistration hung");
            client.connect_get_lib_version().unwrap();
        }
        assert_eq!(client.as_async().pending(), 0);
        let mut c = client
            .domain_events(None, DomainEventID::Lifecycle)
            .unwrap();
        daemon.virsh(&["suspend", TEST_DOMAIN]);
        next_lifecycle(&mut c, DomainEventType::Suspended);
    });
}

#[test]
fn strings_that_are_not_utf8_survive() {
    run(|| {
        const NOT_UTF8: &[u8] = b"caf\xe9 \xff\xfe end";
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
        client
            .call::<libvirt_core::remote::procedures::DomainSetMetadata>(
                remote::DomainSetMetadataArgs {
                    dom: dom.clone(),
                    r#type: 0,
                    metadata: Some(NOT_UTF8.into()),
                    key: None,
                    uri: None,
                    flags: 0,
                },
            )
            .unwrap();
        let back = client.domain_get_metadata(dom.clone(), 0, None, 0).unwrap();
        assert_eq!(back.as_bytes(), NOT_UTF8);
        let xml = client.domain_get_xml_desc(dom, 0).unwrap();
        let virsh = daemon.virsh_bytes(&["dumpxml", TEST_DOMAIN]);
        assert_eq!(xml.as_bytes().trim_ascii_end(), virsh.trim_ascii_end());
    });
}

/// The next notice must be the test domain's lifecycle event `want`.
fn next_notice(events: &mut libvirt_blocking::Notices<remote::Event>, want: DomainEventType) {
    match events.next().expect("a notice").expect("not an error") {
        Notice::Event(remote::Event::DomainEventCallbackLifecycle(e)) => {
            assert_eq!(e.msg.dom.name, TEST_DOMAIN);
            assert_eq!(DomainEventType::from_raw(e.msg.event), Some(want));
        }
        other => panic!("expected a lifecycle event, got {other:?}"),
    }
}

fn wait_connected(rc: &Reconnecting, generation: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let LinkState::Connected { generation: g } = rc.state() {
            assert_eq!(g, generation);
            return;
        }
        assert!(Instant::now() < deadline, "not back: {}", rc.state());
        rc.wait_changed(Duration::from_millis(200));
    }
}

#[test]
fn reconnecting_client_survives_a_daemon_restart() {
    run(|| {
        let daemon = Daemon::start();
        let policy =
            ReconnectPolicy::new().delays(Duration::from_millis(20), Duration::from_millis(200));
        let rc = Reconnecting::connect(Some(&daemon.unix_uri()), Options::new(), policy).unwrap();
        let filter = EventFilter::Domain {
            event: DomainEventID::Lifecycle,
            domain: None,
        };
        let mut a = rc.subscribe::<remote::Event>(filter.clone()).unwrap();
        let mut b = rc.subscribe::<remote::Event>(filter).unwrap();
        daemon.virsh(&["suspend", TEST_DOMAIN]);
        next_notice(&mut a, DomainEventType::Suspended);
        next_notice(&mut b, DomainEventType::Suspended);

        // The call in flight at the kill fails; it is not sent again.
        daemon.freeze();
        let in_flight = {
            let rc = rc.clone();
            thread::spawn(move || rc.connect_get_hostname())
        };
        thread::sleep(Duration::from_millis(100));
        daemon.kill();
        let err = in_flight.join().unwrap().unwrap_err();
        assert!(err.is_connection_error(), "{err:?}");

        // A call made while it is down waits for the next connection.
        let waiting = {
            let rc = rc.clone();
            thread::spawn(move || rc.connect_get_lib_version())
        };
        thread::sleep(Duration::from_millis(300));
        assert!(matches!(rc.state(), LinkState::Reconnecting { .. }));
        daemon.restart();
        wait_connected(&rc, 2);
        assert!(waiting.join().unwrap().unwrap() > 0);
        for events in [&mut a, &mut b] {
            assert_eq!(
                events.next().unwrap().unwrap(),
                Notice::Reconnected { generation: 2 }
            );
        }
        daemon.virsh(&["suspend", TEST_DOMAIN]);
        next_notice(&mut a, DomainEventType::Suspended);
        next_notice(&mut b, DomainEventType::Suspended);
        rc.close().unwrap();
        assert!(matches!(a.next(), Some(Err(Error::Connection(_)))));
    });
}

#[test]
fn networks_and_pools() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let nets = client.connect_list_all_networks(1, 0).unwrap();
        assert!(nets.nets.iter().any(|n| n.name == "default"));
        let pools = client.connect_list_all_storage_pools(1, 0).unwrap();
        assert!(pools.pools.iter().any(|p| p.name == "default-pool"));
    });
}

#[test]
fn screenshot_matches_virsh() {
    run(|| {
        let daemon = Daemon::start();
        let file = daemon.scratch().join("virsh.ppm");
        daemon.virsh(&["screenshot", TEST_DOMAIN, file.to_str().unwrap()]);
        let expected = std::fs::read(&file).unwrap();
        let client = connect(&daemon);
        let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
        let (_, mut stream) = client.domain_screenshot(dom.clone(), 0, 0).unwrap();
        let mut data = Vec::new();
        stream.read_to_end(&mut data).unwrap();
        assert!(
            data == expected,
            "{} bytes, virsh saved {}",
            data.len(),
            expected.len()
        );
        // Dropped half-way: aborted, and the connection goes on.
        let (_, mut stream) = client.domain_screenshot(dom, 0, 0).unwrap();
        let mut buf = [0u8; 16];
        assert!(stream.read(&mut buf).unwrap() > 0);
        drop(stream);
        basics(&client);
    });
}

#[test]
fn missing_domain_is_a_typed_error() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let err = client.domain_lookup_by_name("no-such-domain").unwrap_err();
        assert_eq!(err.number(), Some(ErrorNumber::ErrNoDomain), "{err:?}");
        assert!(!err.is_connection_error());
        basics(&client);
    });
}

#[test]
fn read_only_connection_is_denied_writes() {
    run(|| {
        let daemon = Daemon::start();
        let client =
            Client::connect_with(Some(&daemon.unix_uri()), Options::new().read_only(true)).unwrap();
        let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
        let err = client.domain_suspend(dom).unwrap_err();
        assert_eq!(
            err.number(),
            Some(ErrorNumber::ErrOperationDenied),
            "{err:?}"
        );
    });
}

#[test]
fn fds_travel_with_a_call() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
        let (ours, _theirs) = UnixStream::pair().unwrap();
        let err = client
            .domain_open_graphics(dom.clone(), 0, 0, vec![ours.into()])
            .unwrap_err();
        assert_eq!(err.number(), Some(ErrorNumber::ErrNoSupport), "{err:?}");
        basics(&client);
        let tcp = Client::connect(&daemon.tcp_uri()).unwrap();
        let (ours, _theirs) = UnixStream::pair().unwrap();
        let err = tcp
            .domain_open_graphics(dom, 0, 0, vec![ours.into()])
            .unwrap_err();
        assert!(matches!(err, Error::Fds(_)), "{err:?}");
        basics(&tcp);
    });
}

#[test]
fn a_thousand_calls_from_32_threads_with_timeouts() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let host = client.connect_get_hostname().unwrap();
        let answered = Arc::new(AtomicUsize::new(0));
        let timed_out = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..32)
            .map(|t| {
                let client = client.clone();
                let host = host.clone();
                let answered = answered.clone();
                let timed_out = timed_out.clone();
                thread::spawn(move || {
                    // A blocking caller cannot drop a call half-way; a
                    // zero timeout is its cancellation.
                    let impatient = client.with_timeout(Some(Duration::ZERO));
                    for i in 0..32 {
                        if (t + i) % 7 == 0 {
                            match impatient.domain_lookup_by_name(TEST_DOMAIN) {
                                Err(Error::Timeout(_)) => timed_out.fetch_add(1, Ordering::Relaxed),
                                Ok(_) => answered.fetch_add(1, Ordering::Relaxed),
                                Err(e) => panic!("{e:?}"),
                            };
                        } else if i % 2 == 0 {
                            assert_eq!(client.connect_get_hostname().unwrap(), host);
                            answered.fetch_add(1, Ordering::Relaxed);
                        } else {
                            let dom = client.domain_lookup_by_name(TEST_DOMAIN).unwrap();
                            assert_eq!(dom.name, TEST_DOMAIN);
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let (a, c) = (
            answered.load(Ordering::Relaxed),
            timed_out.load(Ordering::Relaxed),
        );
        assert_eq!(a + c, 1024);
        assert!(c > 50, "{c} cancellations");
        basics(&client);
        let deadline = Instant::now() + Duration::from_secs(10);
        while client.as_async().pending() > 0 {
            assert!(Instant::now() < deadline);
            thread::sleep(Duration::from_millis(10));
        }
    });
}

#[test]
fn daemon_killed_mid_call() {
    run(|| {
        let daemon = Daemon::start();
        let client = connect(&daemon);
        let mut events = client
            .domain_events(None, DomainEventID::Lifecycle)
            .unwrap();
        daemon.freeze();
        let calls: Vec<_> = (0..20)
            .map(|_| {
                let client = client.clone();
                thread::spawn(move || client.connect_get_hostname())
            })
            .collect();
        thread::sleep(Duration::from_millis(100));
        daemon.kill();
        for call in calls {
            let err = call.join().unwrap().unwrap_err();
            assert!(err.is_connection_error(), "{err:?}");
        }
        let end = events.next().expect("the end is reported");
        assert!(matches!(end, Err(Error::Connection(_))), "{end:?}");
        assert!(events.next().is_none());
        assert!(
            client
                .connect_get_hostname()
                .unwrap_err()
                .is_connection_error()
        );
    });
}

#[test]
fn keepalive_detects_a_frozen_daemon() {
    run(|| {
        let daemon = Daemon::start();
        let options = Options::new().keepalive(Some((Duration::from_millis(200), 2)));
        let client = Client::connect_with(Some(&daemon.unix_uri()), options).unwrap();
        basics(&client);
        daemon.freeze();
        let started = Instant::now();
        let err = client.connect_get_hostname().unwrap_err();
        assert!(
            matches!(err, Error::Connection(ConnectionError::KeepaliveTimeout(2))),
            "{err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        daemon.thaw();
    });
}

#[test]
fn an_idle_connection_is_driven_only_in_the_background() {
    run(|| {
        let daemon = Daemon::start();
        let options = Options::new().keepalive(Some((Duration::from_millis(200), 2)));
        let idle = Client::connect_with(Some(&daemon.unix_uri()), options.clone()).unwrap();
        let driven = Client::connect_with(Some(&daemon.unix_uri()), options).unwrap();
        driven.drive_in_background().unwrap();
        daemon.freeze();
        // No call waits on either. The one with a thread of its own pings,
        // hears nothing and gives up by itself; the other is not read at
        // all, as libvirt's C client without an event loop.
        let deadline = Instant::now() + Duration::from_secs(10);
        while driven.closed().is_none() {
            assert!(
                Instant::now() < deadline,
                "the driven connection never noticed"
            );
            thread::sleep(Duration::from_millis(20));
        }
        assert!(matches!(
            driven.closed(),
            Some(ConnectionError::KeepaliveTimeout(2))
        ));
        assert!(idle.closed().is_none());
        // Its next call drives it and finds out.
        let err = idle.connect_get_hostname().unwrap_err();
        assert!(
            matches!(err, Error::Connection(ConnectionError::KeepaliveTimeout(2))),
            "{err:?}"
        );
        daemon.thaw();
    });
}

#[test]
fn close_reasons() {
    run(|| {
        let daemon = Daemon::start();
        let watch = |client: &Client| {
            let c = client.clone();
            std::thread::spawn(move || c.wait_closed())
        };
        let client = connect(&daemon);
        let waiter = watch(&client);
        client.close().unwrap();
        let e = waiter.join().unwrap();
        assert_eq!(e.reason(), CloseReason::Client, "{e}");
        let options = Options::new().keepalive(Some((Duration::from_millis(200), 2)));
        let client = Client::connect_with(Some(&daemon.unix_uri()), options).unwrap();
        let waiter = watch(&client);
        daemon.freeze();
        let e = waiter.join().unwrap();
        daemon.thaw();
        assert_eq!(e.reason(), CloseReason::Keepalive, "{e}");
        let client = connect(&daemon);
        let waiter = watch(&client);
        daemon.terminate();
        let e = waiter.join().unwrap();
        assert_eq!(e.reason(), CloseReason::Eof, "{e}");
        assert_eq!(e.reason().libvirt_code(), 1);
    });
}

#[test]
fn a_call_timeout_leaves_the_connection_usable() {
    run(|| {
        let daemon = Daemon::start();
        let client =
            Client::connect_with(Some(&daemon.unix_uri()), Options::new().keepalive(None)).unwrap();
        daemon.freeze();
        let quick = client.with_timeout(Some(Duration::from_millis(300)));
        let err = quick.connect_get_hostname().unwrap_err();
        assert!(matches!(err, Error::Timeout(_)), "{err:?}");
        daemon.thaw();
        basics(&client);
        basics(&quick);
    });
}

#[test]
fn a_call_bigger_than_the_socket_buffer_waits_for_room() {
    run(|| {
        let daemon = Daemon::start();
        let client =
            Client::connect_with(Some(&daemon.unix_uri()), Options::new().keepalive(None)).unwrap();
        daemon.freeze();
        // 1 MiB of XML that the test driver rejects once it has read it all.
        let xml = format!(
            "<domain type='test'><name>big</name><description>{}</description>",
            "x".repeat(1 << 20)
        );
        let big = std::thread::spawn({
            let client = client.clone();
            move || client.domain_define_xml(&xml)
        });
        let small = std::thread::spawn({
            let client = client.clone();
            move || client.connect_get_lib_version()
        });
        std::thread::sleep(Duration::from_millis(200));
        daemon.thaw();
        let err = big.join().unwrap().unwrap_err();
        assert!(
            err.remote().is_some(),
            "a typed error from the daemon: {err:?}"
        );
        assert!(small.join().unwrap().unwrap() > 0);
        basics(&client);
    });
}
