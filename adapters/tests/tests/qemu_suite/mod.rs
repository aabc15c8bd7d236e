//! The real-hypervisor scenarios every adapter passes: a private full
//! libvirtd (`test-qemu-libvirtd.sh`) running a real QEMU guest (a Debian
//! kernel and a busybox initramfs from `test-guest.sh`, KVM where it boots,
//! TCG otherwise), a `dir` storage pool, and live migration between two
//! such daemons. Each check is held against what `virsh` does on the same
//! daemon.

use std::future::Future;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, Instant};

use futures_lite::future;
use libvirt_adapter_tests::QemuDaemon;
use libvirt_client::prelude::ConnectApi as _;
use libvirt_client::typed::Domain;
use libvirt_client::{Chunk, Client, Error, EventStream, Migration, Options, Runtime, Stream};
use libvirt_core::enums::{
    ConnectGetAllDomainStatsFlags, DomainEventID, DomainEventType, DomainState, DomainStatsTypes,
    ErrorNumber,
};
use libvirt_core::qemu::{self, QemuApi};
use libvirt_core::remote::{self, RemoteApi, TypedParamValue};

/// What an adapter provides to the suite.
pub(crate) trait Adapter: 'static {
    /// Runs a future to completion.
    fn block_on<T>(f: impl Future<Output = T>) -> T;
    /// Connects with this adapter; the client underneath it.
    fn connect(uri: String, options: Options) -> impl Future<Output = Result<Client, Error>>;
    /// Sleeps.
    fn sleep(d: Duration) -> impl Future<Output = ()>;
    /// The adapter's runtime, for the migration helper's timer.
    fn runtime() -> Box<dyn Runtime>;
}

/// Runs a scenario with a watchdog: a hang fails the test.
pub(crate) fn run<A: Adapter, F: Future<Output = ()>>(f: impl FnOnce() -> F) {
    A::block_on(future::or(f(), async {
        A::sleep(Duration::from_secs(300)).await;
        panic!("the scenario hung");
    }))
}

/// One `#[test]` per scenario, for adapter `$a`.
macro_rules! qemu_tests {
    ($a:ty) => {
        $crate::qemu_suite::qemu_tests!($a:
            running_guest
            storage_volumes_plain_and_sparse
            live_migration
        );
    };
    ($a:ty: $($name:ident)*) => {$(
        #[test]
        fn $name() {
            qemu_suite::run::<$a, _>(qemu_suite::$name::<$a>);
        }
    )*};
}
pub(crate) use qemu_tests;

async fn connect<A: Adapter>(daemon: &QemuDaemon) -> Client {
    A::connect(daemon.uri().to_owned(), Options::new())
        .await
        .expect("connect to the QEMU daemon")
}

/// Waits for `f` at most `secs` seconds.
async fn within<A: Adapter, T>(secs: u64, what: &str, f: impl Future<Output = T>) -> T {
    future::or(f, async {
        A::sleep(Duration::from_secs(secs)).await;
        panic!("{what}: nothing within {secs} s");
    })
    .await
}

/// The next lifecycle event must be `(event, detail)` for `name`.
async fn expect_lifecycle<A: Adapter>(
    events: &mut EventStream<remote::Event>,
    name: &str,
    event: DomainEventType,
    detail: i32,
) {
    let got = within::<A, _>(60, "a lifecycle event", events.next())
        .await
        .expect("an event")
        .expect("not an error");
    let remote::Event::DomainEventCallbackLifecycle(e) = got else {
        panic!("expected a lifecycle event, got {got:?}");
    };
    assert_eq!(e.msg.dom.name, name);
    assert_eq!(
        (DomainEventType::from_raw(e.msg.event), e.msg.detail),
        (Some(event), detail),
        "lifecycle event of {name}"
    );
}

/// The next lifecycle events of `name` must be `want`, in any order
/// (starting a QEMU guest resumes its CPUs and reports the start, in an
/// order that is not libvirt's promise).
async fn expect_lifecycles<A: Adapter>(
    events: &mut EventStream<remote::Event>,
    name: &str,
    want: &[(DomainEventType, i32)],
) {
    let mut got = Vec::new();
    for _ in want {
        let e = within::<A, _>(60, "a lifecycle event", events.next())
            .await
            .expect("an event")
            .expect("not an error");
        let remote::Event::DomainEventCallbackLifecycle(e) = e else {
            panic!("expected a lifecycle event, got {e:?}");
        };
        assert_eq!(e.msg.dom.name, name);
        got.push((
            DomainEventType::from_raw(e.msg.event).expect("known"),
            e.msg.detail,
        ));
    }
    let mut want = want.to_vec();
    got.sort_by_key(|&(e, d)| (e.as_raw(), d));
    want.sort_by_key(|&(e, d)| (e.as_raw(), d));
    assert_eq!(got, want, "lifecycle events of {name}");
}

/// QEMU monitor event `want` must come (others, such as RTC_CHANGE, may
/// come first and are passed over).
async fn expect_monitor<A: Adapter>(events: &mut EventStream<qemu::Event>, want: &str) {
    let mut passed = Vec::new();
    within::<A, _>(60, "a QEMU monitor event", async {
        loop {
            let got = events
                .next()
                .await
                .expect("an event")
                .expect("not an error");
            let qemu::Event::DomainMonitorEvent(e) = got else {
                panic!("an unknown QEMU event: {got:?}");
            };
            if e.event == want {
                assert!(e.seconds > 0);
                return;
            }
            passed.push(e.event.to_string());
        }
    })
    .await;
    if !passed.is_empty() {
        eprintln!("QEMU events before {want}: {passed:?}");
    }
}

/// The state as libvirt-rs and virsh see it; they must agree.
async fn state(client: &Client, daemon: &QemuDaemon, dom: &remote::NonnullDomain) -> DomainState {
    let s = client.domain_get_state(dom.clone(), 0).await.unwrap();
    let state = DomainState::from_raw(s.state).expect("a known state");
    let virsh = daemon.virsh(&["domstate", &dom.name.to_string()]);
    // A state displays as virsh prints it.
    assert_eq!(virsh.trim(), state.to_string());
    state
}

/// Reads the console until `want` appears, pressing Enter now and then.
async fn console_until<A: Adapter>(console: &mut Stream, send: &[u8], want: &str) {
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut next_send = Instant::now();
    loop {
        if Instant::now() >= next_send {
            console.write_all(send).await.expect("write to the console");
            next_send = Instant::now() + Duration::from_secs(1);
        }
        let read = future::or(async { Some(console.read(&mut buf).await) }, async {
            A::sleep(Duration::from_millis(200)).await;
            None
        })
        .await;
        match read {
            Some(Ok(0)) => panic!("the console ended"),
            Some(Ok(n)) => seen.extend_from_slice(&buf[..n]),
            Some(Err(e)) => panic!("console: {e}"),
            None => {}
        }
        let text = String::from_utf8_lossy(&seen).into_owned();
        if text.contains(want) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{want:?} never came on the console; it said {text:?}"
        );
    }
}

/// `virsh console NAME` without a terminal of its own: what it prints when
/// it cannot attach (a pseudo-terminal from `script`, stdin empty).
fn virsh_console_error(daemon: &QemuDaemon, name: &str) -> String {
    let out = std::process::Command::new("timeout")
        .args(["20", "script", "-qfc"])
        .arg(format!("virsh -c '{}' console {name}", daemon.uri()))
        .arg("/dev/null")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run script");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// One typed parameter of a stats record.
fn stat<'a>(params: &'a [remote::TypedParam], field: &str) -> &'a TypedParamValue {
    &params
        .iter()
        .find(|p| p.field == field)
        .unwrap_or_else(|| panic!("no {field} in {params:?}"))
        .value
}

fn ullong(v: &TypedParamValue) -> u64 {
    match v {
        TypedParamValue::Ullong(n) => *n,
        TypedParamValue::Uint(n) => u64::from(*n),
        other => panic!("not an unsigned number: {other:?}"),
    }
}

/// `virsh domstats` as `field=value` pairs.
fn virsh_stats(daemon: &QemuDaemon, name: &str) -> Vec<(String, String)> {
    daemon
        .virsh(&["domstats", name, "--cpu-total", "--balloon", "--vcpu"])
        .lines()
        .filter_map(|l| l.trim().split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn virsh_stat(stats: &[(String, String)], field: &str) -> u64 {
    stats
        .iter()
        .find(|(k, _)| k == field)
        .unwrap_or_else(|| panic!("virsh has no {field}: {stats:?}"))
        .1
        .parse()
        .expect("a number")
}

pub(crate) async fn running_guest<A: Adapter>() {
    let daemon = QemuDaemon::start();
    let client = connect::<A>(&daemon).await;
    let name = "lvrs-guest";
    let mut lifecycle = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();

    // Define and start: each with its state and its event.
    let dom = client
        .domain_define_xml(daemon.guest_xml(name))
        .await
        .unwrap();
    expect_lifecycle::<A>(&mut lifecycle, name, DomainEventType::Defined, 0).await;
    assert_eq!(state(&client, &daemon, &dom).await, DomainState::Shutoff);
    client.domain_create(dom.clone()).await.unwrap();
    let booted = [(DomainEventType::Resumed, 0), (DomainEventType::Started, 0)];
    expect_lifecycles::<A>(&mut lifecycle, name, &booted).await;
    assert_eq!(state(&client, &daemon, &dom).await, DomainState::Running);
    daemon.wait_ready(name);

    // The console, both ways: a command typed in, its output read back.
    let mut console = client
        .domain_open_console(dom.clone(), None, 0)
        .await
        .unwrap();
    // The shell evaluates what it is sent: 42 is its answer, not an echo.
    console_until::<A>(&mut console, b"echo lvrs-$((6*7))\r", "lvrs-42").await;
    // A second open without the force flag fails while it is attached, as
    // virsh's does; with it, it takes over and the first one ends.
    let err = client
        .domain_open_console(dom.clone(), None, 0)
        .await
        .unwrap_err();
    assert_eq!(err.number(), Some(ErrorNumber::ErrOperationFailed), "{err}");
    let message = err
        .remote()
        .and_then(|r| r.message.clone())
        .unwrap_or_default();
    assert!(
        message.contains("Active console session exists"),
        "{message}"
    );
    let virsh = virsh_console_error(&daemon, name);
    assert!(
        virsh.contains("Active console session exists"),
        "virsh said: {virsh}"
    );
    let mut second = client
        .domain_open_console(dom.clone(), None, 1) // VIR_DOMAIN_CONSOLE_FORCE
        .await
        .unwrap();
    let mut buf = [0u8; 256];
    let first_end = within::<A, _>(30, "the first console's end", async {
        loop {
            match console.read(&mut buf).await {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) => return Err(e),
            }
        }
    })
    .await;
    assert!(
        first_end.is_ok() || first_end.as_ref().is_err_and(|e| !e.is_connection_error()),
        "{first_end:?}"
    );
    console_until::<A>(&mut second, b"echo again-$((2*21))\r", "again-42").await;
    // Detach; a plain open works again.
    second.abort().await.unwrap();
    let third = client
        .domain_open_console(dom.clone(), None, 0)
        .await
        .unwrap();
    drop(third);

    // The QEMU monitor, HMP and QMP, as virsh sees it.
    let hmp = client
        .domain_monitor_command(dom.clone(), "info status", 1) // HMP
        .await
        .unwrap();
    let virsh_hmp = daemon.virsh(&["qemu-monitor-command", name, "--hmp", "info status"]);
    assert_eq!(hmp.to_string().trim(), virsh_hmp.trim());
    assert!(hmp.to_string().contains("running"), "{hmp}");
    let qmp = client
        .domain_monitor_command(dom.clone(), r#"{"execute":"query-status"}"#, 0)
        .await
        .unwrap()
        .to_string();
    let virsh_qmp = daemon.virsh(&[
        "qemu-monitor-command",
        name,
        r#"{"execute":"query-status"}"#,
    ]);
    for reply in [&qmp, &virsh_qmp] {
        assert!(reply.contains(r#""status":"running""#), "{reply}");
        assert!(reply.contains(r#""running":true"#), "{reply}");
    }

    // Suspend and resume: state, lifecycle event and QEMU's own event.
    let mut monitor = client
        .qemu_monitor_events(Some(dom.clone()), None, 0)
        .await
        .unwrap();
    client.domain_suspend(dom.clone()).await.unwrap();
    expect_lifecycle::<A>(&mut lifecycle, name, DomainEventType::Suspended, 0).await;
    expect_monitor::<A>(&mut monitor, "STOP").await;
    assert_eq!(state(&client, &daemon, &dom).await, DomainState::Paused);
    client.domain_resume(dom.clone()).await.unwrap();
    expect_lifecycle::<A>(&mut lifecycle, name, DomainEventType::Resumed, 0).await;
    expect_monitor::<A>(&mut monitor, "RESUME").await;
    assert_eq!(state(&client, &daemon, &dom).await, DomainState::Running);

    // Real statistics, consistent with virsh's.
    let stats = 2 | 4 | 8; // VIR_DOMAIN_STATS_CPU_TOTAL | BALLOON | VCPU
    let before = client
        .connect_get_all_domain_stats(vec![dom.clone()], stats, 0)
        .await
        .unwrap();
    let virsh = virsh_stats(&daemon, name);
    let after = client
        .connect_get_all_domain_stats(vec![dom.clone()], stats, 0)
        .await
        .unwrap();
    let (b, a) = (&before[0].params, &after[0].params);
    assert_eq!(before[0].dom.name, name);
    let (cpu_b, cpu_v, cpu_a) = (
        ullong(stat(b, "cpu.time")),
        virsh_stat(&virsh, "cpu.time"),
        ullong(stat(a, "cpu.time")),
    );
    assert!(
        cpu_b > 0 && cpu_b <= cpu_v && cpu_v <= cpu_a,
        "{cpu_b} {cpu_v} {cpu_a}"
    );
    for field in [
        "balloon.current",
        "balloon.maximum",
        "vcpu.current",
        "vcpu.maximum",
    ] {
        assert_eq!(ullong(stat(a, field)), virsh_stat(&virsh, field), "{field}");
    }
    assert_eq!(ullong(stat(a, "balloon.current")), 128 * 1024);
    assert_eq!(ullong(stat(a, "vcpu.current")), 1);
    assert!(ullong(stat(a, "vcpu.0.time")) > 0);

    // The same through the typed layer: records of handles and typed
    // groups, agreeing with virsh.
    let typed_dom = Domain::from_raw(libvirt_api::Async(client.clone()), dom.clone());
    let records = client
        .domain_list_get_stats(
            std::slice::from_ref(&typed_dom),
            DomainStatsTypes::STATE
                | DomainStatsTypes::CPU_TOTAL
                | DomainStatsTypes::BALLOON
                | DomainStatsTypes::VCPU,
            ConnectGetAllDomainStatsFlags::empty(),
        )
        .await
        .unwrap();
    let virsh = virsh_stats(&daemon, name);
    let [(rec_dom, rec)] = records.as_slice() else {
        panic!("one record expected: {records:?}");
    };
    assert_eq!(rec_dom, &typed_dom);
    assert_eq!(
        rec.state.as_ref().and_then(|s| s.state),
        Some(DomainState::Running.as_raw())
    );
    let cpu = rec.cpu.as_ref().and_then(|c| c.time_ns).expect("cpu.time");
    assert!(cpu > 0 && cpu <= virsh_stat(&virsh, "cpu.time"), "{cpu}");
    let balloon = rec.balloon.as_ref().expect("balloon.*");
    assert_eq!(balloon.current_kib, Some(128 * 1024));
    assert_eq!(
        balloon.maximum_kib,
        Some(virsh_stat(&virsh, "balloon.maximum"))
    );
    assert_eq!(
        rec.vcpu_current.map(u64::from),
        Some(virsh_stat(&virsh, "vcpu.current"))
    );
    assert_eq!(
        rec.vcpu_maximum.map(u64::from),
        Some(virsh_stat(&virsh, "vcpu.maximum"))
    );
    assert_eq!(rec.vcpu.len(), 1);
    assert!(rec.vcpu[0].time.is_some_and(|t| t > 0));

    // A screenshot of the real VGA, byte for byte what virsh saves.
    let file = daemon.scratch().join("virsh-shot");
    let mut matched = false;
    for _ in 0..5 {
        daemon.virsh(&["screenshot", name, file.to_str().unwrap()]);
        let expected = std::fs::read(&file).unwrap();
        let (mime, mut stream) = client.domain_screenshot(dom.clone(), 0, 0).await.unwrap();
        let data = stream.read_to_end().await.unwrap();
        assert!(mime.is_some_and(|m| m.to_string().starts_with("image/")));
        assert!(data.len() > 1000, "{} bytes", data.len());
        if data == expected {
            matched = true;
            break;
        }
        // The screen changed between the two (a blinking cursor): again.
    }
    assert!(matched, "the screenshots never matched virsh's");

    // fds: the daemon hands over a socket connected to the guest's VNC
    // server (DOMAIN_OPEN_GRAPHICS_FD, fds in the reply), which greets in
    // RFB.
    let fds = client
        .domain_open_graphics_fd(dom.clone(), 0, 0)
        .await
        .unwrap();
    assert_eq!(fds.len(), 1);
    let mut vnc = std::os::unix::net::UnixStream::from(fds.into_iter().next().unwrap());
    vnc.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut hello = [0u8; 12];
    vnc.read_exact(&mut hello).unwrap();
    assert!(hello.starts_with(b"RFB 003."), "{hello:?}");
    // And the other way: the daemon takes our socket with the call
    // (DOMAIN_OPEN_GRAPHICS, CALL_WITH_FDS) and gives it to QEMU's VNC
    // server, which greets on our end.
    let (ours, theirs) = std::os::unix::net::UnixStream::pair().unwrap();
    client
        .domain_open_graphics(dom.clone(), 0, 0, vec![theirs.into()])
        .await
        .unwrap();
    let mut ours = ours;
    ours.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut hello = [0u8; 12];
    ours.read_exact(&mut hello).unwrap();
    assert!(hello.starts_with(b"RFB 003."), "{hello:?}");

    // ACPI shutdown: the guest powers itself off.
    client.domain_shutdown(dom.clone()).await.unwrap();
    expect_monitor::<A>(&mut monitor, "POWERDOWN").await;
    expect_monitor::<A>(&mut monitor, "SHUTDOWN").await;
    expect_lifecycle::<A>(&mut lifecycle, name, DomainEventType::Shutdown, 1).await; // guest
    expect_lifecycle::<A>(&mut lifecycle, name, DomainEventType::Stopped, 0).await;
    assert_eq!(state(&client, &daemon, &dom).await, DomainState::Shutoff);

    // Start again, destroy, undefine.
    client.domain_create(dom.clone()).await.unwrap();
    expect_lifecycles::<A>(&mut lifecycle, name, &booted).await;
    client.domain_destroy(dom.clone()).await.unwrap();
    // QEMU, told to quit, may report a host-initiated shutdown first
    // (Shutdown, detail host): a race that libvirt does not settle.
    let mut next = within::<A, _>(60, "destroyed", lifecycle.next()).await;
    if let Some(Ok(remote::Event::DomainEventCallbackLifecycle(e))) = &next {
        if DomainEventType::from_raw(e.msg.event) == Some(DomainEventType::Shutdown) {
            assert_eq!(e.msg.detail, 2);
            next = within::<A, _>(60, "destroyed", lifecycle.next()).await;
        }
    }
    match next {
        Some(Ok(remote::Event::DomainEventCallbackLifecycle(e))) => assert_eq!(
            (DomainEventType::from_raw(e.msg.event), e.msg.detail),
            (Some(DomainEventType::Stopped), 1) // destroyed
        ),
        other => panic!("expected the Stopped event, got {other:?}"),
    }
    assert_eq!(state(&client, &daemon, &dom).await, DomainState::Shutoff);
    client.domain_undefine(dom.clone()).await.unwrap();
    expect_lifecycle::<A>(&mut lifecycle, name, DomainEventType::Undefined, 0).await;
    let err = client.domain_lookup_by_name(name).await.unwrap_err();
    assert_eq!(err.number(), Some(ErrorNumber::ErrNoDomain));
    assert!(daemon.try_virsh(&["dominfo", name]).is_err());
}

const MIB: u64 = 1 << 20;
const IMAGE: u64 = 64 * MIB;
/// The image's data: 1 MiB at each of these offsets; the rest are holes.
const DATA_AT: [u64; 3] = [0, 20 * MIB, 63 * MIB];

/// The source image: 64 MiB, 3 MiB of data, sparse on disk.
fn make_image(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = vec![0u8; IMAGE as usize];
    let mut f = std::fs::File::create(path).unwrap();
    f.set_len(IMAGE).unwrap();
    for (i, &at) in DATA_AT.iter().enumerate() {
        let chunk: Vec<u8> = (0..MIB).map(|j| (j as u8) ^ (i as u8 * 77) | 1).collect();
        f.seek(SeekFrom::Start(at)).unwrap();
        f.write_all(&chunk).unwrap();
        bytes[at as usize..(at + MIB) as usize].copy_from_slice(&chunk);
    }
    bytes
}

/// Bytes a file holds on disk.
fn allocated(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).unwrap().blocks() * 512
}

/// The image's segments: data and holes, in order.
fn segments() -> Vec<(u64, u64, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &d in &DATA_AT {
        if d > at {
            out.push((at, d - at, false));
        }
        out.push((d, MIB, true));
        at = d + MIB;
    }
    if at < IMAGE {
        out.push((at, IMAGE - at, false));
    }
    out
}

/// Downloads `vol` sparsely into `path`, holes left as holes.
async fn download_sparse(client: &Client, vol: &remote::NonnullStorageVol, path: &std::path::Path) {
    let mut stream = client
        .storage_vol_download(vol.clone(), 0, 0, 1) // VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM
        .await
        .unwrap();
    let mut f = std::fs::File::create(path).unwrap();
    let mut at = 0u64;
    let mut holes = 0;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match stream.recv(&mut buf).await.unwrap() {
            Chunk::Data(n) => {
                f.seek(SeekFrom::Start(at)).unwrap();
                f.write_all(&buf[..n]).unwrap();
                at += n as u64;
            }
            Chunk::Hole(len) => {
                holes += 1;
                at += len;
            }
            Chunk::Eof => break,
        }
    }
    f.set_len(at).unwrap();
    assert!(holes >= 2, "a sparse download with {holes} holes");
}

pub(crate) async fn storage_volumes_plain_and_sparse<A: Adapter>() {
    let daemon = QemuDaemon::start();
    let client = connect::<A>(&daemon).await;
    let dir = daemon.scratch();
    let pool_dir = dir.join("pool");
    std::fs::create_dir_all(&pool_dir).unwrap();
    let pool = client
        .storage_pool_create_xml(
            format!(
                "<pool type='dir'><name>lvrs</name><target><path>{}</path></target></pool>",
                pool_dir.display()
            ),
            0,
        )
        .await
        .unwrap();
    let source_path = dir.join("source.img");
    let source = make_image(&source_path);
    assert!(allocated(&source_path) <= 4 * MIB);
    let volume = |name: &str| {
        format!(
            "<volume><name>{name}</name><capacity unit='bytes'>{IMAGE}</capacity>\
             <allocation>0</allocation><target><format type='raw'/></target></volume>"
        )
    };

    // Plain: every byte travels, and both sides are fully allocated.
    let plain = client
        .storage_vol_create_xml(pool.clone(), volume("plain.img"), 0)
        .await
        .unwrap();
    let started = Instant::now();
    let mut up = client
        .storage_vol_upload(plain.clone(), 0, 0, 0)
        .await
        .unwrap();
    up.write_all(&source).await.unwrap();
    up.finish().await.unwrap();
    let plain_up = started.elapsed();
    assert!(allocated(&pool_dir.join("plain.img")) >= IMAGE - MIB);
    let mut down = client
        .storage_vol_download(plain.clone(), 0, 0, 0)
        .await
        .unwrap();
    assert!(
        down.read_to_end().await.unwrap() == source,
        "plain download differs"
    );

    // Sparse: data and holes; the holes stay holes on both sides.
    let sparse = client
        .storage_vol_create_xml(pool.clone(), volume("sparse.img"), 0)
        .await
        .unwrap();
    let started = Instant::now();
    let mut up = client
        .storage_vol_upload(sparse.clone(), 0, 0, 1) // VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM
        .await
        .unwrap();
    for (at, len, data) in segments() {
        if data {
            up.write_all(&source[at as usize..(at + len) as usize])
                .await
                .unwrap();
        } else {
            up.send_hole(len).unwrap();
        }
    }
    up.finish().await.unwrap();
    let sparse_up = started.elapsed();
    let on_disk = pool_dir.join("sparse.img");
    assert!(
        std::fs::read(&on_disk).unwrap() == source,
        "the sparse upload differs"
    );
    let held = allocated(&on_disk);
    assert!(
        held <= 4 * MIB + MIB,
        "the sparse upload holds {held} bytes"
    );
    let ours = dir.join("ours.img");
    download_sparse(&client, &sparse, &ours).await;
    assert!(
        std::fs::read(&ours).unwrap() == source,
        "the sparse download differs"
    );
    assert!(allocated(&ours) <= 4 * MIB + MIB, "{}", allocated(&ours));
    // virsh's sparse download of the same volume: the same file.
    let theirs = dir.join("theirs.img");
    daemon.virsh(&[
        "vol-download",
        "--pool",
        "lvrs",
        "sparse.img",
        theirs.to_str().unwrap(),
        "--sparse",
    ]);
    assert!(std::fs::read(&theirs).unwrap() == std::fs::read(&ours).unwrap());
    assert!(allocated(&theirs).abs_diff(allocated(&ours)) <= 2 * MIB);
    // And what virsh uploads sparsely, libvirt-rs downloads the same.
    client
        .storage_vol_create_xml(pool.clone(), volume("virsh.img"), 0)
        .await
        .unwrap();
    daemon.virsh(&[
        "vol-upload",
        "--pool",
        "lvrs",
        "virsh.img",
        source_path.to_str().unwrap(),
        "--sparse",
    ]);
    let by_virsh = client
        .storage_vol_lookup_by_name(pool.clone(), "virsh.img")
        .await
        .unwrap();
    let back = dir.join("back.img");
    download_sparse(&client, &by_virsh, &back).await;
    assert!(std::fs::read(&back).unwrap() == source);
    eprintln!(
        "storage: plain upload {plain_up:?}, sparse upload {sparse_up:?}, sparse file {held} bytes on disk"
    );
    client.storage_pool_destroy(pool).await.unwrap();
}

pub(crate) async fn live_migration<A: Adapter>() {
    let source = QemuDaemon::start();
    let dest = QemuDaemon::start();
    let src = connect::<A>(&source).await;
    let dst = connect::<A>(&dest).await;
    let name = "lvrs-migrant";
    let mut src_events = src
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    let mut dst_events = dst
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .unwrap();
    let dom = src
        .domain_create_xml(source.guest_xml(name), 0)
        .await
        .unwrap();
    let booted = [(DomainEventType::Resumed, 0), (DomainEventType::Started, 0)];
    expect_lifecycles::<A>(&mut src_events, name, &booted).await;
    source.wait_ready(name);

    // Step by step: begin, prepare, perform, finish, confirm.
    let flags = 1; // VIR_MIGRATE_LIVE
    let params = Migration::live()
        .param(libvirt_client::migrate::PARAM_URI, "tcp://127.0.0.1")
        .param(libvirt_client::migrate::PARAM_LISTEN_ADDRESS, "127.0.0.1")
        .params;
    let started = Instant::now();
    let begin = src
        .domain_migrate_begin3_params(dom.clone(), params.clone(), flags)
        .await
        .unwrap();
    assert!(begin.xml.to_string().contains(name));
    let mut prepare_params = params.clone();
    prepare_params.push(libvirt_client::migrate::string_param(
        libvirt_client::migrate::PARAM_DEST_XML,
        begin.xml.clone(),
    ));
    let prepare = dst
        .domain_migrate_prepare3_params(prepare_params.clone(), begin.cookie_out, flags)
        .await
        .unwrap();
    // The destination names the port it listens on.
    let uri = prepare.uri_out.expect("the destination's migration URI");
    assert!(uri.to_string().starts_with("tcp://127.0.0.1:"), "{uri}");
    prepare_params.retain(|p| p.field != libvirt_client::migrate::PARAM_URI);
    prepare_params.push(libvirt_client::migrate::string_param(
        libvirt_client::migrate::PARAM_URI,
        uri,
    ));
    let cookie = src
        .domain_migrate_perform3_params(
            dom.clone(),
            None,
            prepare_params.clone(),
            prepare.cookie_out,
            flags,
        )
        .await
        .unwrap();
    // Finish finds the domain by its name on the destination.
    prepare_params.push(libvirt_client::migrate::string_param(
        libvirt_client::migrate::PARAM_DEST_NAME,
        name,
    ));
    let finish = dst
        .domain_migrate_finish3_params(prepare_params.clone(), cookie, flags, 0)
        .await
        .unwrap();
    src.domain_migrate_confirm3_params(dom.clone(), prepare_params, finish.cookie_out, flags, 0)
        .await
        .unwrap();
    let by_steps = started.elapsed();
    assert_eq!(finish.dom.name, name);
    // It runs on the destination, and is gone from the source.
    assert_eq!(state(&dst, &dest, &finish.dom).await, DomainState::Running);
    assert!(source.try_virsh(&["dominfo", name]).is_err());
    // "Migrated" details: suspended 1, stopped 3; started 1, resumed 1.
    let left = [
        (DomainEventType::Suspended, 1),
        (DomainEventType::Stopped, 3),
    ];
    expect_lifecycles::<A>(&mut src_events, name, &left).await;
    let arrived = [(DomainEventType::Started, 1), (DomainEventType::Resumed, 1)];
    expect_lifecycles::<A>(&mut dst_events, name, &arrived).await;
    // Its console still answers.
    let mut console = dst
        .domain_open_console(finish.dom.clone(), None, 0)
        .await
        .unwrap();
    console_until::<A>(&mut console, b"echo moved-$((40+2))\r", "moved-42").await;
    drop(console);

    // And back, through the client's helper, with progress from job info.
    let runtime = A::runtime();
    let mut reports = Vec::new();
    let started = Instant::now();
    let back = libvirt_client::migrate(
        &*runtime,
        &dst,
        &src,
        finish.dom.clone(),
        Migration::live()
            .param(libvirt_client::migrate::PARAM_URI, "tcp://127.0.0.1")
            .param(libvirt_client::migrate::PARAM_LISTEN_ADDRESS, "127.0.0.1")
            .progress_every(Duration::from_millis(50)),
        |p| reports.push(p),
    )
    .await
    .unwrap();
    let by_helper = started.elapsed();
    assert!(
        reports.iter().any(|p| p.data_processed_bytes > 0),
        "no progress was reported: {reports:?}"
    );
    // The last report is the completed job's, with its downtime.
    let last = reports.last().unwrap();
    assert!(
        last.downtime.is_some() && last.data_remaining_bytes == 0,
        "{last:?}"
    );
    assert_eq!(back.name, name);
    assert_eq!(state(&src, &source, &back).await, DomainState::Running);
    assert!(dest.try_virsh(&["dominfo", name]).is_err());
    eprintln!(
        "migration: by steps {by_steps:?}, by the helper {by_helper:?}, {} progress reports, last {:?}",
        reports.len(),
        reports.last()
    );
    src.domain_destroy(back).await.unwrap();
}
