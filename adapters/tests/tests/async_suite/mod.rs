//! The scenarios every async adapter passes against a real libvirtd. Each
//! test starts its own daemon (see the crate's `Daemon`).

use std::future::Future;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_lite::future;
use libvirt_adapter_tests::{Daemon, TEST_DOMAIN, domain_xml, next_lifecycle};
use libvirt_client::libvirt_api::Open;
use libvirt_client::libvirt_api::events::DomainLifecycleChange;
use libvirt_client::typed::{Domain, DomainLifecycleEvent};
use libvirt_client::{
    Client, Error, EventFilter, LinkState, Notice, Options, ReconnectPolicy, Reconnecting,
    ReconnectingEvents,
};
use libvirt_core::api::AsyncCall;
use libvirt_core::enums::{DomainEventID, DomainEventType, DomainState, ErrorNumber};
use libvirt_core::remote::{self, RemoteApi, procedures as rp};
use libvirt_core::{CloseReason, ConnectionError};

mod typed;
pub(crate) use typed::*;

/// What a runtime provides to the suite.
pub(crate) trait Rt: 'static {
    /// Runs a future to completion.
    fn block_on<T>(f: impl Future<Output = T>) -> T;
    /// Connects with this runtime's adapter.
    fn connect(uri: String, options: Options) -> impl Future<Output = Result<Client, Error>>;
    /// Connects with the adapter's reconnecting client.
    fn connect_reconnecting(
        uri: String,
        options: Options,
        policy: ReconnectPolicy,
    ) -> impl Future<Output = Result<Reconnecting, Error>>;
    /// Runs a task; the future is its result.
    fn spawn<T: Send + 'static>(
        f: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static;
    /// Sleeps.
    fn sleep(d: Duration) -> impl Future<Output = ()> + Send;
}

/// Runs a scenario with a watchdog: a hang fails the test.
pub(crate) fn run<R: Rt, F: Future<Output = ()>>(f: impl FnOnce() -> F) {
    R::block_on(future::or(f(), async {
        R::sleep(Duration::from_secs(120)).await;
        panic!("the scenario hung");
    }))
}

async fn connect<R: Rt>(daemon: &Daemon) -> Client {
    R::connect(daemon.unix_uri(), Options::new())
        .await
        .expect("connect")
}

async fn state(client: &Client, dom: &remote::NonnullDomain) -> DomainState {
    let s = client
        .domain_get_state(dom.clone(), 0)
        .await
        .expect("state");
    DomainState::from_raw(s.state).expect("a known state")
}

async fn basics(client: &Client) {
    assert!(client.connect_get_lib_version().await.unwrap() > 0);
    assert!(client.connect_get_version().await.unwrap() > 0);
    assert!(!client.connect_get_hostname().await.unwrap().is_empty());
    let connected = client.connected().expect("open");
    assert!(connected.event_callbacks && connected.close_callback);
}

pub(crate) async fn open_close_unix<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    basics(&client).await;
    client.close().await.unwrap();
    assert_eq!(client.closed(), Some(ConnectionError::Closed));
    let err = client.connect_get_hostname().await.unwrap_err();
    assert!(
        matches!(err, Error::Connection(ConnectionError::Closed)),
        "{err:?}"
    );
}

pub(crate) async fn open_close_tcp<R: Rt>() {
    let daemon = Daemon::start();
    let client = R::connect(daemon.tcp_uri(), Options::new()).await.unwrap();
    basics(&client).await;
    client.close().await.unwrap();
}

pub(crate) async fn domains<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let all = client.connect_list_all_domains(1, 0).await.unwrap();
    assert!(all.domains.iter().any(|d| d.name == TEST_DOMAIN));
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let info = client.domain_get_info(dom.clone()).await.unwrap();
    assert_eq!(
        DomainState::from_raw(i32::from(info.state)),
        Some(DomainState::Running)
    );
    assert!(info.nr_virt_cpu >= 1 && info.max_mem > 0);

    let xml = domain_xml("lvrs-defined");
    let dom = client.domain_define_xml(&xml).await.unwrap();
    assert_eq!(dom.name, "lvrs-defined");
    assert_eq!(state(&client, &dom).await, DomainState::Shutoff);
    client.domain_create(dom.clone()).await.unwrap();
    assert_eq!(state(&client, &dom).await, DomainState::Running);
    client.domain_destroy(dom.clone()).await.unwrap();
    assert_eq!(state(&client, &dom).await, DomainState::Shutoff);
    client.domain_undefine(dom.clone()).await.unwrap();
    let err = client
        .domain_lookup_by_name("lvrs-defined")
        .await
        .unwrap_err();
    assert_eq!(err.number(), Some(ErrorNumber::ErrNoDomain));
}

pub(crate) async fn suspend_resume_with_events<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let mut events = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    for (op, want_state, want_event) in [
        ("suspend", DomainState::Paused, DomainEventType::Suspended),
        ("resume", DomainState::Running, DomainEventType::Resumed),
    ] {
        if op == "suspend" {
            client.domain_suspend(dom.clone()).await.unwrap();
        } else {
            client.domain_resume(dom.clone()).await.unwrap();
        }
        assert_eq!(state(&client, &dom).await, want_state);
        next_lifecycle(&mut events, want_event).await;
    }
}

/// The lifecycle events of the test domain, typed: the subscription
/// yields `DomainLifecycleEvent`s with the detail paired to the event, a
/// handle equal to the looked-up one, on the same client.
pub(crate) async fn typed_lifecycle_events<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let dom = Domain::lookup_by_name(&client, TEST_DOMAIN).await.unwrap();
    let mut mine = client
        .events::<DomainLifecycleEvent>(Some(&dom))
        .await
        .unwrap();
    let mut all = client.events::<DomainLifecycleEvent>(None).await.unwrap();
    assert_ne!(mine.get_ref().callback_id(), all.get_ref().callback_id());
    dom.suspend().await.unwrap();
    dom.resume().await.unwrap();
    dom.destroy().await.unwrap();
    dom.create().await.unwrap();
    let mut seen = Vec::new();
    for (want, words) in lifecycle_script() {
        for events in [&mut mine, &mut all] {
            let e = events
                .next()
                .await
                .expect("an event")
                .expect("not an error");
            assert_eq!(e.domain, dom);
            assert_eq!(e.domain.name(), TEST_DOMAIN);
            assert_eq!(e.event, want);
            assert_eq!(
                e.to_string(),
                format!("event 'lifecycle' for domain '{TEST_DOMAIN}': {words}")
            );
            seen.push(e);
        }
    }
    // The handles are bound to this client: they call through it...
    let last = seen.pop().unwrap();
    let state = last.domain.get_state().await.unwrap();
    assert_eq!(state.state, DomainState::Running);
    // ... and fail with it once it is closed.
    client.close().await.unwrap();
    let err = last.domain.get_state().await.unwrap_err();
    assert!(
        matches!(err, Error::Connection(ConnectionError::Closed)),
        "{err:?}"
    );
}

/// What suspend, resume, destroy and start cause, typed and as `virsh
/// event` prints it.
pub(crate) fn lifecycle_script() -> [(DomainLifecycleChange, &'static str); 4] {
    use libvirt_core::enums::{
        DomainEventResumedDetailType as Resumed, DomainEventStartedDetailType as Started,
        DomainEventStoppedDetailType as Stopped, DomainEventSuspendedDetailType as Suspended,
    };
    [
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
    ]
}

pub(crate) async fn dropping_a_subscription_deregisters_it<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let first = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let mut second = client
        .domain_events(Some(dom.clone()), DomainEventID::Lifecycle)
        .await
        .unwrap();
    assert_ne!(first.callback_id(), second.callback_id());
    drop(first);
    client.domain_suspend(dom.clone()).await.unwrap();
    let e = second.next().await.unwrap().unwrap();
    assert!(
        matches!(e, remote::Event::DomainEventCallbackLifecycle(ref m) if m.callback_id == second.callback_id())
    );
    // The deregistration is answered: nothing is left pending.
    settle::<R>(&client).await;
}

pub(crate) async fn identical_subscriptions_share_one_registration<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    // libvirtd refuses a second identical registration: both share one.
    let mut a = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    let mut b = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    assert_eq!(a.callback_id(), b.callback_id());
    // virsh causes the events; both subscriptions see each.
    daemon.virsh(&["suspend", TEST_DOMAIN]);
    next_lifecycle(&mut a, DomainEventType::Suspended).await;
    next_lifecycle(&mut b, DomainEventType::Suspended).await;
    // Dropping one keeps the other, and the registration, alive.
    drop(a);
    daemon.virsh(&["resume", TEST_DOMAIN]);
    next_lifecycle(&mut b, DomainEventType::Resumed).await;
    // A subscription made later gets the events from then on.
    let mut c = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    assert_eq!(c.callback_id(), b.callback_id());
    daemon.virsh(&["suspend", TEST_DOMAIN]);
    next_lifecycle(&mut b, DomainEventType::Suspended).await;
    next_lifecycle(&mut c, DomainEventType::Suspended).await;
    // The last one out deregisters: a new registration then works (the
    // daemon would refuse it if the old one were still there) and gets
    // the next event.
    let old = c.callback_id();
    drop((b, c));
    settle::<R>(&client).await;
    let mut d = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    assert_ne!(d.callback_id(), old);
    daemon.virsh(&["resume", TEST_DOMAIN]);
    next_lifecycle(&mut d, DomainEventType::Resumed).await;
}

/// A description that is not UTF-8, as libvirt's C strings allow.
pub(crate) const NOT_UTF8: &[u8] = b"caf\xe9 \xff\xfe end";

pub(crate) async fn strings_that_are_not_utf8_survive<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    // Set through the args struct: any bytes.
    client
        .call::<rp::DomainSetMetadata>(remote::DomainSetMetadataArgs {
            dom: dom.clone(),
            r#type: 0, // VIR_DOMAIN_METADATA_DESCRIPTION
            metadata: Some(NOT_UTF8.into()),
            key: None,
            uri: None,
            flags: 0,
        })
        .await
        .unwrap();
    let back = client
        .domain_get_metadata(dom.clone(), 0, None, 0)
        .await
        .unwrap();
    assert_eq!(back.as_bytes(), NOT_UTF8);
    assert!(back.to_str().is_err());
    assert_eq!(back.to_string(), "caf\u{fffd} \u{fffd}\u{fffd} end");
    // The whole domain XML carries it, byte for byte as virsh gets it.
    let xml = client.domain_get_xml_desc(dom, 0).await.unwrap();
    let virsh = daemon.virsh_bytes(&["dumpxml", TEST_DOMAIN]);
    assert_eq!(xml.as_bytes().trim_ascii_end(), virsh.trim_ascii_end());
    assert!(
        xml.as_bytes()
            .windows(NOT_UTF8.len())
            .any(|w| w == NOT_UTF8)
    );
}

/// Waits until the reconnecting client is connected again.
async fn wait_connected<R: Rt>(rc: &Reconnecting, generation: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let LinkState::Connected { generation: g } = rc.state() {
            assert_eq!(g, generation);
            return;
        }
        assert!(Instant::now() < deadline, "not back: {}", rc.state());
        future::or(
            async { drop(rc.changed().await) },
            R::sleep(Duration::from_millis(200)),
        )
        .await;
    }
}

/// The next notice must be the test domain's lifecycle event `want`.
async fn next_notice(events: &mut ReconnectingEvents<remote::Event>, want: DomainEventType) {
    match events
        .next()
        .await
        .expect("a notice")
        .expect("not an error")
    {
        Notice::Event(remote::Event::DomainEventCallbackLifecycle(e)) => {
            assert_eq!(e.msg.dom.name, TEST_DOMAIN);
            assert_eq!(DomainEventType::from_raw(e.msg.event), Some(want));
        }
        other => panic!("expected a lifecycle event, got {other:?}"),
    }
}

fn lifecycle() -> EventFilter {
    EventFilter::Domain {
        event: DomainEventID::Lifecycle,
        domain: None,
    }
}

pub(crate) async fn reconnecting_client_survives_a_daemon_restart<R: Rt>() {
    let daemon = Daemon::start();
    let policy =
        ReconnectPolicy::new().delays(Duration::from_millis(20), Duration::from_millis(200));
    let rc = R::connect_reconnecting(daemon.unix_uri(), Options::new(), policy)
        .await
        .unwrap();
    assert!(matches!(rc.state(), LinkState::Connected { generation: 1 }));
    let mut a = rc.subscribe::<remote::Event>(lifecycle()).await.unwrap();
    let mut b = rc.subscribe::<remote::Event>(lifecycle()).await.unwrap();
    daemon.virsh(&["suspend", TEST_DOMAIN]);
    next_notice(&mut a, DomainEventType::Suspended).await;
    next_notice(&mut b, DomainEventType::Suspended).await;

    // A call in flight when the daemon dies fails with the typed error:
    // it is never sent again.
    daemon.freeze();
    let in_flight = {
        let rc = rc.clone();
        R::spawn(async move { rc.connect_get_hostname().await })
    };
    R::sleep(Duration::from_millis(100)).await;
    daemon.kill();
    let err = in_flight.await.unwrap_err();
    assert!(err.is_connection_error(), "{err:?}");

    // While it is down, calls wait for the next connection.
    let waiting = {
        let rc = rc.clone();
        R::spawn(async move { rc.connect_get_lib_version().await })
    };
    R::sleep(Duration::from_millis(300)).await;
    assert!(
        matches!(rc.state(), LinkState::Reconnecting { attempt, .. } if attempt > 1),
        "{}",
        rc.state()
    );
    daemon.restart();
    wait_connected::<R>(&rc, 2).await;
    assert!(waiting.await.unwrap() > 0);

    // Each subscription says it was reconnected, before any event of the
    // new connection; then the events virsh causes arrive.
    for events in [&mut a, &mut b] {
        let first = events.next().await.unwrap().unwrap();
        assert_eq!(first, Notice::Reconnected { generation: 2 });
    }
    daemon.virsh(&["suspend", TEST_DOMAIN]);
    next_notice(&mut a, DomainEventType::Suspended).await;
    next_notice(&mut b, DomainEventType::Suspended).await;
    // A graceful shutdown of the daemon is survived the same way.
    daemon.terminate();
    daemon.restart();
    wait_connected::<R>(&rc, 3).await;
    assert_eq!(
        a.next().await.unwrap().unwrap(),
        Notice::Reconnected { generation: 3 }
    );
    daemon.virsh(&["suspend", TEST_DOMAIN]);
    next_notice(&mut a, DomainEventType::Suspended).await;
    rc.close().await.unwrap();
    assert!(matches!(rc.state(), LinkState::Closed));
    assert!(matches!(a.next().await, Some(Err(Error::Connection(_)))));
}

pub(crate) async fn reconnecting_client_fails_fast_and_gives_up_when_told<R: Rt>() {
    let daemon = Daemon::start();
    let policy = ReconnectPolicy::new()
        .delays(Duration::from_millis(20), Duration::from_millis(50))
        .max_attempts(5)
        .wait_while_reconnecting(false);
    let rc = R::connect_reconnecting(daemon.unix_uri(), Options::new(), policy)
        .await
        .unwrap();
    let mut events = rc.subscribe::<remote::Event>(lifecycle()).await.unwrap();
    daemon.kill();
    // Fail fast: a call made while it reconnects is not sent.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match rc.connect_get_hostname().await {
            Err(Error::Reconnecting { attempt }) => {
                assert!(attempt >= 1);
                break;
            }
            Err(Error::GaveUp { .. }) => break,
            other => {
                assert!(Instant::now() < deadline, "{other:?}");
                R::sleep(Duration::from_millis(5)).await;
            }
        }
    }
    // After five failed attempts it gives up, and says so everywhere.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !matches!(rc.state(), LinkState::GaveUp { .. }) {
        assert!(Instant::now() < deadline, "{}", rc.state());
        R::sleep(Duration::from_millis(20)).await;
    }
    let LinkState::GaveUp {
        attempts,
        last_error,
    } = rc.state()
    else {
        unreachable!()
    };
    assert_eq!(attempts, 5);
    assert!(
        matches!(*last_error, Error::Connect { .. }),
        "{last_error:?}"
    );
    let err = rc.connect_get_hostname().await.unwrap_err();
    assert!(matches!(err, Error::GaveUp { attempts: 5, .. }), "{err:?}");
    assert!(matches!(
        events.next().await,
        Some(Err(Error::GaveUp { .. }))
    ));
    assert!(events.next().await.is_none());
}

/// Waits until no call is pending (answers the daemon sends on its own
/// schedule, such as a deregistration's).
async fn settle<R: Rt>(client: &Client) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.pending() > 0 {
        assert!(
            Instant::now() < deadline,
            "{} calls left pending",
            client.pending()
        );
        R::sleep(Duration::from_millis(10)).await;
    }
}

pub(crate) async fn networks_and_pools<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let nets = client.connect_list_all_networks(1, 0).await.unwrap();
    assert!(nets.nets.iter().any(|n| n.name == "default"), "{nets:?}");
    let pools = client.connect_list_all_storage_pools(1, 0).await.unwrap();
    assert!(
        pools.pools.iter().any(|p| p.name == "default-pool"),
        "{pools:?}"
    );
}

pub(crate) async fn screenshot_matches_virsh<R: Rt>() {
    let daemon = Daemon::start();
    let file = daemon.scratch().join("virsh.ppm");
    daemon.virsh(&["screenshot", TEST_DOMAIN, file.to_str().unwrap()]);
    let expected = std::fs::read(&file).unwrap();
    let client = connect::<R>(&daemon).await;
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let (mime, mut stream) = client.domain_screenshot(dom, 0, 0).await.unwrap();
    assert!(mime.is_some());
    let data = stream.read_to_end().await.unwrap();
    assert!(!data.is_empty());
    assert!(
        data == expected,
        "{} bytes, virsh saved {}",
        data.len(),
        expected.len()
    );
    // A stream dropped half-way is aborted and the connection goes on.
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let (_, mut stream) = client.domain_screenshot(dom, 0, 0).await.unwrap();
    let mut buf = [0u8; 16];
    assert!(stream.read(&mut buf).await.unwrap() > 0);
    drop(stream);
    basics(&client).await;
}

pub(crate) async fn missing_domain_is_a_typed_error<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let err = client
        .domain_lookup_by_name("no-such-domain")
        .await
        .unwrap_err();
    assert_eq!(err.number(), Some(ErrorNumber::ErrNoDomain), "{err:?}");
    let remote = err.remote().expect("a remote error");
    assert_eq!(
        remote.message.as_deref(),
        Some("Domain not found"),
        "{remote:?}"
    );
    assert_eq!(
        remote.error_domain(),
        Some(libvirt_core::enums::ErrorDomain::Test)
    );
    assert!(!err.is_connection_error());
    basics(&client).await;
}

pub(crate) async fn read_only_connection_is_denied_writes<R: Rt>() {
    let daemon = Daemon::start();
    let client = R::connect(daemon.unix_uri(), Options::new().read_only(true))
        .await
        .unwrap();
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let err = client.domain_suspend(dom).await.unwrap_err();
    assert_eq!(
        err.number(),
        Some(ErrorNumber::ErrOperationDenied),
        "{err:?}"
    );
}

pub(crate) async fn fds_travel_with_a_call<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let (ours, _theirs) = UnixStream::pair().unwrap();
    // The daemon receives the fd with the call (CALL_WITH_FDS); the test
    // driver has no graphics, so it answers "not supported".
    let err = client
        .domain_open_graphics(dom.clone(), 0, 0, vec![ours.into()])
        .await
        .unwrap_err();
    assert_eq!(err.number(), Some(ErrorNumber::ErrNoSupport), "{err:?}");
    basics(&client).await;
    // TCP cannot carry fds: a clear error, and the connection goes on.
    let tcp = R::connect(daemon.tcp_uri(), Options::new()).await.unwrap();
    let (ours, _theirs) = UnixStream::pair().unwrap();
    let err = tcp
        .domain_open_graphics(dom, 0, 0, vec![ours.into()])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Fds(_)), "{err:?}");
    basics(&tcp).await;
}

pub(crate) async fn a_thousand_calls_from_32_tasks_with_cancellations<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let host = client.connect_get_hostname().await.unwrap();
    let answered = Arc::new(AtomicUsize::new(0));
    let cancelled = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for t in 0..32 {
        let client = client.clone();
        let host = host.clone();
        let answered = answered.clone();
        let cancelled = cancelled.clone();
        tasks.push(R::spawn(async move {
            for i in 0..32 {
                if (t + i) % 7 == 0 {
                    // Start a call and drop it before its answer.
                    let call = client.domain_lookup_by_name(TEST_DOMAIN);
                    let _ = future::poll_once(call).await;
                    cancelled.fetch_add(1, Ordering::Relaxed);
                } else if i % 2 == 0 {
                    assert_eq!(client.connect_get_hostname().await.unwrap(), host);
                    answered.fetch_add(1, Ordering::Relaxed);
                } else {
                    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
                    assert_eq!(dom.name, TEST_DOMAIN);
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for t in tasks {
        t.await;
    }
    let (a, c) = (
        answered.load(Ordering::Relaxed),
        cancelled.load(Ordering::Relaxed),
    );
    assert_eq!(a + c, 1024);
    assert!(c > 100, "{c} cancellations");
    // Cancelled calls' replies were dropped; the connection is fine.
    basics(&client).await;
    settle::<R>(&client).await;
}

pub(crate) async fn daemon_killed_mid_call<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let mut events = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let (_, mut stream) = client.domain_screenshot(dom, 0, 0).await.unwrap();
    // Frozen, the daemon leaves these calls unanswered; then it dies.
    daemon.freeze();
    let mut calls = Vec::new();
    for _ in 0..20 {
        let client = client.clone();
        calls.push(R::spawn(async move { client.connect_get_hostname().await }));
    }
    R::sleep(Duration::from_millis(100)).await;
    daemon.kill();
    for call in calls {
        let err = call.await.unwrap_err();
        assert!(err.is_connection_error(), "{err:?}");
    }
    // Everyone learns: the subscription ends with the error, the stream
    // fails, new calls fail at once.
    let end = events.next().await.expect("the end is reported");
    assert!(matches!(end, Err(Error::Connection(_))), "{end:?}");
    assert!(events.next().await.is_none());
    let mut buf = vec![0u8; 1 << 20];
    let mut failed = false;
    for _ in 0..64 {
        match stream.read(&mut buf).await {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                assert!(e.is_connection_error(), "{e:?}");
                failed = true;
                break;
            }
        }
    }
    // The screenshot may have been read whole before the daemon died.
    let _ = failed;
    assert!(
        client
            .connect_get_hostname()
            .await
            .unwrap_err()
            .is_connection_error()
    );
    assert!(client.closed().is_some());
}

pub(crate) async fn keepalive_detects_a_frozen_daemon<R: Rt>() {
    let daemon = Daemon::start();
    let options = Options::new().keepalive(Some((Duration::from_millis(200), 2)));
    let client = R::connect(daemon.unix_uri(), options).await.unwrap();
    basics(&client).await;
    daemon.freeze();
    let started = Instant::now();
    let err = client.connect_get_hostname().await.unwrap_err();
    assert!(
        matches!(err, Error::Connection(ConnectionError::KeepaliveTimeout(2))),
        "{err:?}"
    );
    // interval × (count + 1), with slack for a loaded machine.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    daemon.thaw();
}

pub(crate) async fn close_reasons<R: Rt>() {
    let daemon = Daemon::start();
    let watch = |client: &Client| {
        let c = client.clone();
        R::spawn(async move { c.wait_closed().await })
    };
    // This side closes.
    let client = connect::<R>(&daemon).await;
    let waiter = watch(&client);
    client.close().await.unwrap();
    let e = waiter.await;
    assert_eq!(e.reason(), CloseReason::Client, "{e}");
    assert_eq!(e.reason().libvirt_code(), 3);
    // The daemon stops answering: keepalive.
    let options = Options::new().keepalive(Some((Duration::from_millis(200), 2)));
    let client = R::connect(daemon.unix_uri(), options).await.unwrap();
    let waiter = watch(&client);
    daemon.freeze();
    let e = waiter.await;
    daemon.thaw();
    assert_eq!(e.reason(), CloseReason::Keepalive, "{e}");
    assert_eq!(e.reason().libvirt_code(), 2);
    // The daemon shuts down: end of file.
    let client = connect::<R>(&daemon).await;
    let waiter = watch(&client);
    daemon.terminate();
    let e = waiter.await;
    assert_eq!(e.reason(), CloseReason::Eof, "{e}");
    assert_eq!(e.reason().libvirt_code(), 1);
    assert_eq!(client.closed().map(|e| e.reason()), Some(CloseReason::Eof));
}

pub(crate) async fn a_call_timeout_leaves_the_connection_usable<R: Rt>() {
    let daemon = Daemon::start();
    let options = Options::new().keepalive(None);
    let client = R::connect(daemon.unix_uri(), options).await.unwrap();
    daemon.freeze();
    let quick = client.with_timeout(Some(Duration::from_millis(300)));
    let err = quick.connect_get_hostname().await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    daemon.thaw();
    // The late reply is dropped; the next call gets its own answer.
    basics(&client).await;
    basics(&quick).await;
}

/// A call bigger than the socket buffer, sent while the daemon is frozen:
/// the writes stop at a full socket and go on when the daemon drains it
/// (the adapters' wait for room to write), while other calls queue
/// behind it; then the daemon answers all of them in order.
pub(crate) async fn a_call_bigger_than_the_socket_buffer_waits_for_room<R: Rt>() {
    let daemon = Daemon::start();
    let options = Options::new().keepalive(None);
    let client = R::connect(daemon.unix_uri(), options).await.unwrap();
    daemon.freeze();
    // 1 MiB of XML that the test driver rejects once it has read it all.
    let xml = format!(
        "<domain type='test'><name>big</name><description>{}</description>",
        "x".repeat(1 << 20)
    );
    let big = R::spawn({
        let client = client.clone();
        async move { client.domain_define_xml(&xml).await }
    });
    let small = R::spawn({
        let client = client.clone();
        async move { client.connect_get_lib_version().await }
    });
    R::sleep(Duration::from_millis(200)).await;
    daemon.thaw();
    let err = big.await.unwrap_err();
    assert!(
        err.remote().is_some(),
        "a typed error from the daemon: {err:?}"
    );
    assert!(small.await.unwrap() > 0);
    basics(&client).await;
}
