//! Random operation sequences on the connection state machine: calls,
//! streams, cancellations, structured and raw server packets, fds, EOF and
//! timeouts interleaved, SASL steps, shared event subscriptions. Invariants:
//! no panic; every call gets at most one reply and every subscription at
//! most one answer; at the end (after EOF) every call that was not
//! cancelled, and every subscription that was not left, got exactly one.
#![no_main]

use std::collections::BTreeMap;
use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use libvirt_core::packet::Header;
use libvirt_core::enums::{DomainEventID, NetworkEventID};
use libvirt_core::{
    Auth, CallId, Config, Connection, Event, EventFilter, KeepaliveConfig, Open, SubscriptionId,
    Transmit, net, remote,
};

#[derive(Arbitrary, Debug)]
enum Op {
    Call,
    CallStream { sparse: bool },
    Cancel(u8),
    /// A well-formed packet from the server about one of the calls.
    Packet { target: u8, kind: u8, status: u8, payload: Vec<u8> },
    /// An event message.
    Message { proc: u16, payload: Vec<u8> },
    Raw(Vec<u8>),
    Fds(u8),
    Advance(u16),
    Transmit(u16),
    Recv(u8),
    Send { target: u8, len: u16 },
    Finish(u8),
    Abort(u8),
    Close,
    Eof,
    /// The driver's side of SASL, in or out of turn.
    SaslStart { data: Option<Vec<u8>>, done: bool },
    SaslStep { data: Option<Vec<u8>>, done: bool },
    SaslFail,
    /// Event subscriptions: which of four filters, and leaving one.
    Subscribe(u8),
    Unsubscribe(u8),
}

#[derive(Arbitrary, Debug)]
struct Script {
    open: u8,
    ops: Vec<Op>,
}

/// What must hold for every event: one reply per call, one answer per
/// subscription, events only for live subscriptions.
fn check(
    c: &Connection,
    event: &Event,
    calls: &[CallId],
    subs: &[SubscriptionId],
    replies: &mut BTreeMap<CallId, u32>,
    subscribed: &mut BTreeMap<SubscriptionId, u32>,
) {
    match event {
        Event::Reply { call, .. } => {
            assert!(calls.contains(call), "a reply for a call never made");
            let n = replies.entry(*call).or_default();
            *n += 1;
            assert_eq!(*n, 1, "two replies for {call:?}");
        }
        Event::Subscribed { subscription, .. } => {
            assert!(subs.contains(subscription), "an answer for a subscription never made");
            let n = subscribed.entry(*subscription).or_default();
            *n += 1;
            assert_eq!(*n, 1, "two answers for {subscription:?}");
        }
        _ => {
            for s in c.subscribers(event) {
                assert!(subs.contains(s), "an event for a subscription never made");
            }
        }
    }
}

fn packet(h: Header, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    h.encode((28 + payload.len()) as u32, &mut out);
    out.extend_from_slice(payload);
    out
}

fuzz_target!(|script: Script| {
    let mut now = Duration::from_secs(1);
    let open = match script.open % 4 {
        0 => Open::Skip,
        1 | 3 => Open::Remote { name: Some("test:///default".into()), read_only: false },
        _ => Open::Admin { flags: 0 },
    };
    let mut config = Config::default();
    if script.open % 4 == 3 {
        config.auth = Auth::Sasl { mechanism: if script.open & 4 != 0 { Some("SCRAM-SHA-256".into()) } else { None } };
    }
    config.keepalive = Some(KeepaliveConfig { interval: Duration::from_secs(5), count: 2 });
    let mut c = Connection::new(config, open, now);
    let mut calls: Vec<CallId> = Vec::new();
    let mut replies: BTreeMap<CallId, u32> = BTreeMap::new();
    let mut cancelled: Vec<CallId> = Vec::new();
    let mut subs: Vec<SubscriptionId> = Vec::new();
    let mut left: Vec<SubscriptionId> = Vec::new();
    let mut subscribed: BTreeMap<SubscriptionId, u32> = BTreeMap::new();
    let pick = |calls: &[CallId], i: u8| calls.get(usize::from(i) % calls.len().max(1)).copied();
    let dom = remote::NonnullDomain { name: "d".into(), uuid: [7; 16], id: 1 };
    let mut buf = [0u8; 1024];
    for op in script.ops.into_iter().take(256) {
        match op {
            Op::Call => {
                if let Ok(id) = c.call::<remote::procedures::DomainLookupByName>(
                    &remote::DomainLookupByNameArgs { name: "d".into() },
                ) {
                    calls.push(id);
                }
            }
            Op::CallStream { sparse } => {
                let args = remote::StorageVolDownloadArgs {
                    vol: remote::NonnullStorageVol { pool: "p".into(), name: "v".into(), key: "k".into() },
                    offset: 0,
                    length: 0,
                    flags: u32::from(sparse),
                };
                if let Ok(id) = c.call_stream::<remote::procedures::StorageVolDownload>(&args) {
                    calls.push(id);
                }
                let _ = &dom;
            }
            Op::Cancel(i) => {
                if let Some(id) = pick(&calls, i) {
                    c.cancel(id);
                    cancelled.push(id);
                }
            }
            Op::Packet { target, kind, status, payload } => {
                let serial = pick(&calls, target).map_or(u32::from(target), |id| id.serial());
                let (proc, kind) = match kind % 9 {
                    // A domain event registration's reply.
                    8 => (316, net::MessageType::Reply),
                    0 => (23, net::MessageType::Reply),
                    1 => (209, net::MessageType::Reply),
                    2 => (209, net::MessageType::Stream),
                    3 => (209, net::MessageType::StreamHole),
                    // The open sequence's AUTH_LIST and SASL replies.
                    4 => (66, net::MessageType::Reply),
                    5 => (67, net::MessageType::Reply),
                    6 => (68, net::MessageType::Reply),
                    _ => (69, net::MessageType::Reply),
                };
                let status = match status % 3 {
                    0 => net::MessageStatus::Ok,
                    1 => net::MessageStatus::Error,
                    _ => net::MessageStatus::Continue,
                };
                let h = Header { prog: remote::PROGRAM, vers: 1, proc, kind, serial, status };
                c.handle_input(now, &packet(h, &payload));
            }
            Op::Message { proc, payload } => {
                let h = Header {
                    prog: if proc & 0x8000 != 0 { 0x6b65_6570 } else { remote::PROGRAM },
                    vers: 1,
                    proc: i32::from(proc & 0x7fff),
                    kind: net::MessageType::Message,
                    serial: 1,
                    status: net::MessageStatus::Ok,
                };
                c.handle_input(now, &packet(h, &payload));
            }
            Op::Raw(bytes) => c.handle_input(now, &bytes),
            Op::Fds(n) => c.handle_fds(usize::from(n % 4)),
            Op::Advance(ms) => {
                now += Duration::from_millis(u64::from(ms) * 10);
                c.handle_timeout(now);
            }
            Op::Transmit(n) => match c.poll_transmit() {
                Some(Transmit::Bytes(b)) => {
                    let n = usize::from(n).min(b.len());
                    c.transmitted(n);
                }
                Some(Transmit::Fds { .. }) => c.fds_transmitted(),
                None => {}
            },
            Op::Recv(i) => {
                if let Some(id) = pick(&calls, i) {
                    let _ = c.stream_recv(id, &mut buf);
                }
            }
            Op::Send { target, len } => {
                if let Some(id) = pick(&calls, target) {
                    let data = vec![0u8; usize::from(len)];
                    let _ = c.stream_send(id, &data);
                }
            }
            Op::Finish(i) => {
                if let Some(id) = pick(&calls, i) {
                    let _ = c.stream_finish(id);
                }
            }
            Op::Abort(i) => {
                if let Some(id) = pick(&calls, i) {
                    let _ = c.stream_abort(id);
                }
            }
            Op::Close => c.close(),
            Op::Eof => c.handle_eof(),
            Op::SaslStart { data, done } => c.sasl_start("SCRAM-SHA-256", data.as_deref(), done),
            Op::SaslStep { data, done } => c.sasl_step(data.as_deref(), done),
            Op::SaslFail => c.sasl_fail("given up".into()),
            Op::Subscribe(i) => {
                let filter = match i % 4 {
                    0 => EventFilter::Domain { event: DomainEventID::Lifecycle, domain: None },
                    1 => EventFilter::Domain { event: DomainEventID::Lifecycle, domain: Some(dom.clone()) },
                    2 => EventFilter::Network { event: NetworkEventID::Lifecycle, network: None },
                    _ => EventFilter::QemuMonitor { domain: None, event: None, flags: 0 },
                };
                if let Ok(id) = c.subscribe(filter) {
                    subs.push(id);
                }
            }
            Op::Unsubscribe(i) => {
                if let Some(&id) = subs.get(usize::from(i) % subs.len().max(1)) {
                    c.unsubscribe(id);
                    left.push(id);
                }
            }
        }
        while let Some(event) = c.poll_event() {
            check(&c, &event, &calls, &subs, &mut replies, &mut subscribed);
        }
    }
    c.handle_eof();
    while let Some(event) = c.poll_event() {
        check(&c, &event, &calls, &subs, &mut replies, &mut subscribed);
    }
    for id in calls {
        if !cancelled.contains(&id) {
            assert_eq!(replies.get(&id), Some(&1), "{id:?} never heard back");
        }
    }
    // Every subscription that stayed heard whether its registration worked.
    for id in subs {
        if !left.contains(&id) {
            assert_eq!(subscribed.get(&id), Some(&1), "{id:?} never heard back");
        }
    }
});
