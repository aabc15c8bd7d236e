//! Shared event registrations in the sans-IO core, against a simulated
//! server (see `support`): any number of subscriptions per filter, one
//! registration on the server, undone by the last one to leave.

mod support;

use libvirt_core::enums::{DomainEventID, ErrorDomain, ErrorNumber, NetworkEventID};
use libvirt_core::remote::procedures as rp;
use libvirt_core::{
    CallError, Config, ConnectionError, Discard, Event, EventFilter, SubscriptionId, qemu, remote,
};
use support::*;

fn lifecycle(callback_id: i32) -> Vec<u8> {
    event_packet::<rp::DomainEventCallbackLifecycle>(
        1,
        &remote::DomainEventCallbackLifecycleMsg {
            callback_id,
            msg: remote::DomainEventLifecycleMsg {
                dom: domain("test"),
                event: 3,
                detail: 0,
            },
        },
    )
}

fn all_lifecycle() -> EventFilter {
    EventFilter::Domain {
        event: DomainEventID::Lifecycle,
        domain: None,
    }
}

fn subscribe(pair: &mut Pair, filter: EventFilter) -> SubscriptionId {
    let sub = pair.conn.subscribe(filter).expect("subscribe accepted");
    pair.drive();
    sub
}

/// Answers the registration call the client just sent with `callback`.
fn register_ok(pair: &mut Pair, callback: i32) {
    let (sent, _) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    pair.deliver(
        &sent.reply_ok(&remote::ConnectDomainEventCallbackRegisterAnyRet {
            callback_id: callback,
        }),
    );
}

fn subscribed(pair: &mut Pair) -> (SubscriptionId, Result<(), CallError>) {
    match pair.event() {
        Event::Subscribed {
            subscription,
            result,
        } => (subscription, result),
        other => panic!("expected Subscribed, got {other:?}"),
    }
}

/// The next event is a domain event; returns who it goes to.
fn delivered(pair: &mut Pair) -> Vec<SubscriptionId> {
    let event = pair.event();
    assert!(matches!(event, Event::Remote(_)), "got {event:?}");
    pair.conn.subscribers(&event).to_vec()
}

#[test]
fn two_identical_subscriptions_share_one_registration() {
    for split in SPLITS {
        let mut pair = Pair::connected(Config::default(), split);
        let a = subscribe(&mut pair, all_lifecycle());
        register_ok(&mut pair, 7);
        assert_eq!(subscribed(&mut pair), (a, Ok(())));
        assert_eq!(pair.conn.subscription_callback(a), Some(7));

        // The second one joins: nothing goes to the server, and it is
        // ready at once.
        let b = subscribe(&mut pair, all_lifecycle());
        pair.nothing_sent();
        assert_eq!(subscribed(&mut pair), (b, Ok(())));
        assert_eq!(pair.conn.registrations(), 1);
        assert_eq!(pair.conn.subscription_callback(b), Some(7));
        assert_eq!(pair.conn.subscription_filter(b), Some(&all_lifecycle()));

        pair.deliver(&lifecycle(7));
        assert_eq!(delivered(&mut pair), [a, b]);

        // Dropping one keeps the other, with no word to the server.
        pair.conn.unsubscribe(a);
        pair.drive();
        pair.nothing_sent();
        pair.deliver(&lifecycle(7));
        assert_eq!(delivered(&mut pair), [b]);

        // The last one deregisters; events still on their way are dropped.
        pair.conn.unsubscribe(b);
        pair.drive();
        let (sent, args) = pair.expect::<rp::ConnectDomainEventCallbackDeregisterAny>();
        assert_eq!(args.callback_id, 7);
        assert_eq!(pair.conn.registrations(), 0);
        pair.deliver(&lifecycle(7));
        assert_eq!(
            pair.event(),
            Event::Discarded {
                prog: remote::PROGRAM,
                procedure: 318,
                reason: Discard::DeregisteredCallback(7),
            }
        );
        // The deregistration's answer is the core's own business.
        pair.deliver(&sent.reply_ok(&()));
        pair.no_events();
        assert_eq!(pair.conn.pending(), 0);
    }
}

#[test]
fn subscriptions_that_join_a_registration_on_its_way_wait_for_it() {
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let a = subscribe(&mut pair, all_lifecycle());
    let b = subscribe(&mut pair, all_lifecycle());
    // One registration call for both.
    let (sent, _) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    pair.nothing_sent();
    pair.no_events();
    pair.deliver(
        &sent.reply_ok(&remote::ConnectDomainEventCallbackRegisterAnyRet { callback_id: 3 }),
    );
    assert_eq!(subscribed(&mut pair), (a, Ok(())));
    assert_eq!(subscribed(&mut pair), (b, Ok(())));
    pair.deliver(&lifecycle(3));
    assert_eq!(delivered(&mut pair), [a, b]);
}

#[test]
fn different_filters_are_different_registrations() {
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let all = subscribe(&mut pair, all_lifecycle());
    register_ok(&mut pair, 1);
    let one = subscribe(
        &mut pair,
        EventFilter::Domain {
            event: DomainEventID::Lifecycle,
            domain: Some(domain("test")),
        },
    );
    let (sent, args) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    assert_eq!(args.dom, Some(domain("test")));
    pair.deliver(
        &sent.reply_ok(&remote::ConnectDomainEventCallbackRegisterAnyRet { callback_id: 2 }),
    );
    // The same domain under another id is the same object (by UUID).
    let mut renumbered = domain("test");
    renumbered.id = 42;
    let same = subscribe(
        &mut pair,
        EventFilter::Domain {
            event: DomainEventID::Lifecycle,
            domain: Some(renumbered),
        },
    );
    pair.nothing_sent();
    let network = subscribe(
        &mut pair,
        EventFilter::Network {
            event: NetworkEventID::Lifecycle,
            network: None,
        },
    );
    let (sent, args) = pair.expect::<rp::ConnectNetworkEventRegisterAny>();
    assert_eq!(args.event_id, 0);
    pair.deliver(&sent.reply_ok(&remote::ConnectNetworkEventRegisterAnyRet { callback_id: 1 }));
    let qemu_sub = subscribe(
        &mut pair,
        EventFilter::QemuMonitor {
            domain: None,
            event: Some("STOP".into()),
            flags: 0,
        },
    );
    let (sent, args) = pair.expect::<qemu::procedures::ConnectDomainMonitorEventRegister>();
    assert_eq!(args.event, Some("STOP".into()));
    pair.deliver(&sent.reply_ok(&qemu::ConnectDomainMonitorEventRegisterRet { callback_id: 1 }));
    assert_eq!(pair.conn.registrations(), 4);
    let ready: Vec<_> = pair
        .take_events()
        .into_iter()
        .map(|e| match e {
            Event::Subscribed {
                subscription,
                result: Ok(()),
            } => subscription,
            other => panic!("expected Subscribed, got {other:?}"),
        })
        .collect();
    assert_eq!(ready, [all, one, same, network, qemu_sub]);

    // Callback ids are per program and per registration.
    pair.deliver(&lifecycle(1));
    assert_eq!(delivered(&mut pair), [all]);
    pair.deliver(&lifecycle(2));
    assert_eq!(delivered(&mut pair), [one, same]);
    pair.deliver(&event_packet::<qemu::procedures::DomainMonitorEvent>(
        1,
        &qemu::DomainMonitorEventMsg {
            callback_id: 1,
            dom: domain("test"),
            event: "STOP".into(),
            seconds: 1,
            micros: 2,
            details: None,
        },
    ));
    let event = pair.event();
    assert!(matches!(event, Event::Qemu(_)));
    assert_eq!(pair.conn.subscribers(&event), [qemu_sub]);
}

#[test]
fn a_refused_registration_fails_every_waiting_subscription() {
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let a = subscribe(&mut pair, all_lifecycle());
    let b = subscribe(&mut pair, all_lifecycle());
    let (sent, _) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    pair.deliver(&sent.reply_err(&error(
        ErrorNumber::ErrOperationInvalid.as_raw(),
        ErrorDomain::Rpc.as_raw(),
        "no",
    )));
    for sub in [a, b] {
        let (s, result) = subscribed(&mut pair);
        assert_eq!(s, sub);
        assert!(matches!(result, Err(CallError::Remote(_))));
    }
    assert_eq!(pair.conn.registrations(), 0);
    // A later subscription tries again.
    let _c = subscribe(&mut pair, all_lifecycle());
    pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
}

#[test]
fn a_registration_reply_without_a_callback_id_is_a_decode_error() {
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let a = subscribe(&mut pair, all_lifecycle());
    let (sent, _) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    pair.deliver(&sent.reply_ok(&()));
    let (s, result) = subscribed(&mut pair);
    assert_eq!(s, a);
    assert!(matches!(result, Err(CallError::Decode(_))), "{result:?}");
    assert!(pair.conn.is_ready());
}

#[test]
fn leaving_before_the_registration_answer_undoes_it_when_it_comes() {
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let a = subscribe(&mut pair, all_lifecycle());
    let (sent, _) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    pair.conn.unsubscribe(a);
    pair.drive();
    pair.nothing_sent();
    pair.deliver(
        &sent.reply_ok(&remote::ConnectDomainEventCallbackRegisterAnyRet { callback_id: 9 }),
    );
    // No one hears of it; the server is told to forget it.
    pair.no_events();
    let (_, args) = pair.expect::<rp::ConnectDomainEventCallbackDeregisterAny>();
    assert_eq!(args.callback_id, 9);
    pair.deliver(&lifecycle(9));
    assert!(matches!(
        pair.event(),
        Event::Discarded {
            reason: Discard::DeregisteredCallback(9),
            ..
        }
    ));
    assert_eq!(pair.conn.registrations(), 0);
}

#[test]
fn a_new_subscription_after_the_last_left_registers_again() {
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let a = subscribe(&mut pair, all_lifecycle());
    register_ok(&mut pair, 7);
    assert_eq!(subscribed(&mut pair), (a, Ok(())));
    pair.conn.unsubscribe(a);
    pair.drive();
    let (dsent, _) = pair.expect::<rp::ConnectDomainEventCallbackDeregisterAny>();
    // Registering again before the deregistration is answered: the server
    // handles them in order, and may hand out 7 again.
    let b = subscribe(&mut pair, all_lifecycle());
    let (sent, _) = pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    pair.deliver(&dsent.reply_ok(&()));
    pair.deliver(
        &sent.reply_ok(&remote::ConnectDomainEventCallbackRegisterAnyRet { callback_id: 7 }),
    );
    assert_eq!(subscribed(&mut pair), (b, Ok(())));
    pair.deliver(&lifecycle(7));
    assert_eq!(delivered(&mut pair), [b]);
}

#[test]
fn subscriptions_made_while_opening_wait_for_the_open_sequence() {
    let open = libvirt_core::Open::Remote {
        name: Some("test:///default".into()),
        read_only: false,
    };
    let mut pair = Pair::new(Config::default(), open);
    let a = subscribe(&mut pair, all_lifecycle());
    pair.serve_open(&[remote::AuthType::None], true);
    register_ok(&mut pair, 4);
    assert_eq!(subscribed(&mut pair), (a, Ok(())));
}

#[test]
fn a_dying_connection_fails_waiting_subscriptions_and_refuses_new_ones() {
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let active = subscribe(&mut pair, all_lifecycle());
    register_ok(&mut pair, 1);
    assert_eq!(subscribed(&mut pair), (active, Ok(())));
    let waiting = subscribe(
        &mut pair,
        EventFilter::Domain {
            event: DomainEventID::Reboot,
            domain: None,
        },
    );
    pair.expect::<rp::ConnectDomainEventCallbackRegisterAny>();
    pair.eof();
    let (s, result) = subscribed(&mut pair);
    assert_eq!(s, waiting);
    assert_eq!(result, Err(CallError::Connection(ConnectionError::Eof)));
    assert_eq!(pair.closed(), ConnectionError::Eof);
    assert_eq!(
        pair.conn.subscribe(all_lifecycle()),
        Err(CallError::Connection(ConnectionError::Eof))
    );
    // Leaving now sends nothing.
    pair.conn.unsubscribe(active);
    pair.drive();
    pair.nothing_sent();
}

#[test]
fn callback_ids_are_per_family() {
    // Each of libvirt's drivers counts its own callback ids: domain
    // callback 1 and network callback 1 are different registrations, and
    // deregistering one does not silence the other.
    let mut pair = Pair::connected(Config::default(), Split::Whole);
    let dom = subscribe(&mut pair, all_lifecycle());
    register_ok(&mut pair, 1);
    let net = subscribe(
        &mut pair,
        EventFilter::Network {
            event: NetworkEventID::Lifecycle,
            network: None,
        },
    );
    let (sent, _) = pair.expect::<rp::ConnectNetworkEventRegisterAny>();
    pair.deliver(&sent.reply_ok(&remote::ConnectNetworkEventRegisterAnyRet { callback_id: 1 }));
    assert_eq!(subscribed(&mut pair), (dom, Ok(())));
    assert_eq!(subscribed(&mut pair), (net, Ok(())));
    pair.conn.unsubscribe(net);
    pair.drive();
    pair.expect::<rp::ConnectNetworkEventDeregisterAny>();
    pair.deliver(&lifecycle(1));
    assert_eq!(delivered(&mut pair), [dom]);
}
