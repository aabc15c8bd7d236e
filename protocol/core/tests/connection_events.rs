//! Events on the sans-IO connection against a simulated libvirt server
//! (see `support`): typed events of the remote and QEMU programs, what is
//! discarded, deregistration.

mod support;

use libvirt_core::net::{MessageStatus, MessageType};
use libvirt_core::remote::procedures as rp;
use libvirt_core::{CallId, Config, Discard, Event, admin, qemu, remote};
use support::*;

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
            &sent.reply_ok(&remote::ConnectDomainEventCallbackRegisterAnyRet { callback_id: 7 }),
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
    pair.deliver(&sent.reply_ok(&qemu::ConnectDomainMonitorEventRegisterRet { callback_id: 2 }));
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
