//! Hostile server bytes, split at arbitrary points, fed to a connection with
//! calls and a stream pending: no panic, no unbounded growth, and once the
//! connection fails every pending call learns it exactly once.
#![no_main]

use std::collections::BTreeMap;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use libvirt_core::{CallId, Config, Connection, Event, Open, remote};

fuzz_target!(|data: &[u8]| {
    let Some((&split, data)) = data.split_first() else {
        return;
    };
    let now = Duration::ZERO;
    let mut c = Connection::new(Config::default(), Open::Skip, now);
    let mut waiting: BTreeMap<CallId, usize> = BTreeMap::new();
    for _ in 0..3 {
        let id = c.call::<remote::procedures::ConnectGetVersion>(&()).unwrap();
        waiting.insert(id, 0);
    }
    let dom = remote::NonnullDomain { name: "test".into(), uuid: [0; 16], id: 1 };
    let args = remote::DomainScreenshotArgs { dom, screen: 0, flags: 0 };
    let stream = c.call_stream::<remote::procedures::DomainScreenshot>(&args).unwrap();
    waiting.insert(stream, 0);
    let step = usize::from(split).max(1);
    let mut buf = [0u8; 4096];
    for chunk in data.chunks(step) {
        c.handle_input(now, chunk);
        while let Some(event) = c.poll_event() {
            if let Event::Reply { call, .. } = event {
                *waiting.get_mut(&call).expect("a reply for a call that was made") += 1;
            }
        }
        while let Ok(libvirt_core::StreamRecv::Data(_) | libvirt_core::StreamRecv::Hole(_)) =
            c.stream_recv(stream, &mut buf)
        {}
        let pending = c.transmit_pending();
        c.transmitted(pending);
    }
    c.handle_eof();
    while let Some(event) = c.poll_event() {
        if let Event::Reply { call, .. } = event {
            *waiting.get_mut(&call).expect("a reply for a call that was made") += 1;
        }
    }
    assert!(c.error().is_some(), "after EOF the connection is over");
    for (call, replies) in waiting {
        assert_eq!(replies, 1, "call {call:?} got {replies} replies");
    }
});
