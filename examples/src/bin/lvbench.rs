//! `lvbench`: libvirt-rs as a peer of the shared client benchmark (the
//! official C client, go-libvirt and libvirt-python run the same workloads
//! against the same private libvirtd). See BENCHMARKS.md.
//!
//! ```text
//! lvbench [--adapter tokio|tokio-mt|tokio-mt-main|smol|blocking] [--keepalive] [--typed] WORKLOAD --socket PATH --name URI
//!         [--n N] [--threads T]
//! lvbench [...] WORKLOAD --uri URI [--n N] [--threads T]
//! ```
//!
//! - `WORKLOAD`: `w1 w2 w3 w4list w4stats w5open w5idle`, defined in the
//!   harness's README;
//! - `--name`: the URI the *server* opens (`test:///default`); the client
//!   URI is `test+unix:///default?socket=PATH`, as the C peer derives it;
//! - `--uri`: the client URI itself, instead of `--socket` and `--name`:
//!   any transport (`test+tls://localhost:16514/default?pkipath=...`,
//!   `test+ssh://...`), to measure what a transport costs;
//! - `--typed` (or `LVBENCH_TYPED=1`): W2, W4list and W4stats through the
//!   typed layer (handles and `get_info`, `list_all_domains`, typed stats
//!   records), to compare its cost with the raw calls';
//! - `--keepalive` (or `LVBENCH_KEEPALIVE=1`): run keepalive, libvirt's
//!   default for clients with an event loop; off by default, as the C and
//!   Go peers run without it;
//! - `--adapter` (or `LVBENCH_ADAPTER`): `tokio` (default: a current-thread
//!   runtime, the connection's I/O task and the callers on one thread),
//!   `tokio-mt` (the multi-thread runtime, one worker per CPU; the workload
//!   is a spawned task), `tokio-mt-main` (the same runtime, the workload on
//!   the thread that calls `block_on`, as in `#[tokio::main]`'s body), `smol`
//!   (`smol::block_on`, the I/O task on smol's global executor) or
//!   `blocking` (no I/O thread: the caller that waits drives the socket;
//!   callers are OS threads).
//!
//! Prints one JSON object on stdout. With `LVBENCH_SERVER_PID` set it also
//! reports the daemon's CPU time in the timed section (whole process and
//! its main thread, from `/proc`).

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use libvirt_client::enums::{
    ConnectGetAllDomainStatsFlags, ConnectListAllDomainsFlags, DomainStatsTypes,
};
use libvirt_client::prelude::{ConnectApi as _, RemoteApi as _};
use libvirt_client::{Client, Error};

/// What one run measures.
struct Bench {
    workload: String,
    uri: String,
    n: Option<u64>,
    threads: usize,
    adapter: Adapter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Adapter {
    Tokio,
    TokioMt,
    TokioMtMain,
    Smol,
    Blocking,
}

impl Adapter {
    fn name(self) -> &'static str {
        match self {
            Adapter::Tokio => "tokio",
            Adapter::TokioMt => "tokio-mt",
            Adapter::TokioMtMain => "tokio-mt-main",
            Adapter::Smol => "smol",
            Adapter::Blocking => "blocking",
        }
    }
}

/// The RPCs one open and close of a `test:///default` connection sends, in
/// round trips (`+` = pipelined in one round trip), without keepalive.
const OPEN_RPCS: &str = "AUTH_LIST(66); CONNECT_OPEN(1); \
                         CONNECT_SUPPORTS_FEATURE(60,event_callback)+CONNECT_SUPPORTS_FEATURE(60,close_callback); \
                         close: CONNECT_CLOSE(2)";
/// The same with keepalive: its probe goes with CONNECT_OPEN.
const OPEN_RPCS_KEEPALIVE: &str = "AUTH_LIST(66); CONNECT_SUPPORTS_FEATURE(60,keepalive)+CONNECT_OPEN(1); \
                         CONNECT_SUPPORTS_FEATURE(60,event_callback)+CONNECT_SUPPORTS_FEATURE(60,close_callback); \
                         close: CONNECT_CLOSE(2)";

// ---------------------------------------------------------------- measuring

/// CPU and wall clock at one instant.
#[derive(Clone, Copy)]
struct Sample {
    wall: Instant,
    user: f64,
    sys: f64,
    /// Context switches, voluntary and not.
    switches: i64,
    server: Option<(f64, f64)>,
}

#[allow(unsafe_code)]
fn rusage() -> (f64, f64, i64) {
    let mut ru = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `struct rusage` into the pointer it
    // is given, which points at one; RUSAGE_SELF is always valid.
    let ru = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, ru.as_mut_ptr()) != 0 {
            return (0.0, 0.0, 0);
        }
        ru.assume_init()
    };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let switches = ru.ru_nvcsw + ru.ru_nivcsw;
    (tv(ru.ru_utime), tv(ru.ru_stime), switches)
}

/// utime + stime (fields 14 and 15) of a `/proc/.../stat` file, in seconds.
fn proc_stat_cpu(path: &str) -> Option<f64> {
    let s = std::fs::read_to_string(path).ok()?;
    let rest = s.get(s.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / clock_ticks())
}

fn clock_ticks() -> f64 {
    rustix::param::clock_ticks_per_second() as f64
}

fn sample() -> Sample {
    let (user, sys, switches) = rusage();
    let server = std::env::var("LVBENCH_SERVER_PID")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|&p| p > 0)
        .and_then(|p| {
            Some((
                proc_stat_cpu(&format!("/proc/{p}/stat"))?,
                proc_stat_cpu(&format!("/proc/{p}/task/{p}/stat"))?,
            ))
        });
    // The clock last, so that the /proc reads fall outside the section.
    Sample {
        wall: Instant::now(),
        user,
        sys,
        switches,
        server,
    }
}

/// A `/proc/self/status` field in KiB (or a count), -1 if missing.
fn status(key: &str) -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                let v = l.strip_prefix(key)?.strip_prefix(':')?;
                v.split_whitespace().next()?.parse().ok()
            })
        })
        .unwrap_or(-1)
}

/// What a workload reports besides its timing.
#[derive(Default)]
struct Extra {
    rpcs: Option<u64>,
    fields: Vec<(&'static str, String)>,
}

fn report(b: &Bench, n: u64, a: Sample, z: Sample, extra: Extra) {
    let wall = z.wall.duration_since(a.wall).as_secs_f64();
    let mut out = format!(
        "{{\"peer\":\"rust\",\"adapter\":\"{}\",\"workload\":\"{}\",\"n\":{n},",
        b.adapter.name(),
        b.workload
    );
    if let Some(r) = extra.rpcs {
        out += &format!("\"rpcs\":{r},");
    }
    out += &format!(
        "\"wall_s\":{wall:.6},\"ops_per_s\":{:.3},\"cpu_user_s\":{:.4},\"cpu_sys_s\":{:.4},\"maxrss_kb\":{}",
        n as f64 / wall,
        z.user - a.user,
        z.sys - a.sys,
        status("VmHWM"),
    );
    if let (Some(sa), Some(sz)) = (a.server, z.server) {
        out += &format!(
            ",\"server_cpu_s\":{:.3},\"server_main_cpu_s\":{:.3}",
            sz.0 - sa.0,
            sz.1 - sa.1
        );
    }
    out += &format!(",\"context_switches\":{}", z.switches - a.switches);
    out += &format!(
        ",\"keepalive\":{},\"open_rpcs\":\"{}\"",
        keepalive(),
        if keepalive() {
            OPEN_RPCS_KEEPALIVE
        } else {
            OPEN_RPCS
        }
    );
    for (k, v) in extra.fields {
        out += &format!(",\"{k}\":{v}");
    }
    out.push('}');
    println!("{out}");
}

fn failed(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("lvbench: {what} failed: {e}");
    std::process::exit(1);
}

fn check(cond: bool, what: &str) {
    if !cond {
        eprintln!("lvbench: {what}");
        std::process::exit(1);
    }
}

/// Whether connections run keepalive (`--keepalive`, or
/// `LVBENCH_KEEPALIVE=1`). Off by default, as the C peer (no event loop
/// registered) and go-libvirt have it: the same wire work. With it,
/// libvirtd re-arms its keepalive timer on every message it receives,
/// which costs it CPU on every call (BENCHMARKS.md).
fn keepalive() -> bool {
    KEEPALIVE.load(Ordering::Relaxed)
}

static KEEPALIVE: AtomicBool = AtomicBool::new(false);

/// `--typed`: W2, W4list and W4stats through the typed layer
/// (`libvirt_api`: handles, `get_info`, `list_all_domains`, typed stats
/// records) instead of the raw procedures.
static TYPED: AtomicBool = AtomicBool::new(false);

fn typed() -> bool {
    TYPED.load(Ordering::Relaxed)
}

/// The fields typed stats records hold: the state group's two (the test
/// driver's records have no other), so that the count compares with the
/// raw mode's parameter count.
fn typed_fields<M>(recs: &libvirt_client::libvirt_api::DomainStatsRecords<M>) -> usize {
    recs.iter()
        .map(|(_, s)| {
            s.state.as_ref().map_or(0, |st| {
                usize::from(st.state.is_some()) + usize::from(st.reason.is_some())
            }) + s.other.len()
        })
        .sum()
}

/// The connection options: libvirt's defaults, without keepalive unless
/// asked for.
fn options() -> libvirt_client::Options {
    let options = libvirt_client::Options::new();
    if keepalive() {
        options
    } else {
        options.keepalive(None)
    }
}

// ------------------------------------------------------- async workloads

/// What the async workloads need of a runtime.
trait Runtime {
    /// Connects and opens `uri`.
    fn connect(uri: &str) -> impl Future<Output = Result<Client, Error>> + Send;
    /// Runs `f` as a task of its own.
    fn spawn<F>(f: F) -> Pin<Box<dyn Future<Output = ()> + Send>>
    where
        F: Future<Output = ()> + Send + 'static;
    /// Sleeps without blocking the runtime's thread (the connections'
    /// tasks go on, keepalive included).
    fn sleep(d: Duration) -> impl Future<Output = ()> + Send;
}

struct Tokio;

impl Runtime for Tokio {
    async fn connect(uri: &str) -> Result<Client, Error> {
        libvirt_tokio::Client::connect_with(Some(uri), options())
            .await
            .map(Client::from)
    }
    fn spawn<F>(f: F) -> Pin<Box<dyn Future<Output = ()> + Send>>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let task = tokio::spawn(f);
        Box::pin(async move { task.await.unwrap_or_else(|e| failed("a caller", e)) })
    }
    async fn sleep(d: Duration) {
        tokio::time::sleep(d).await;
    }
}

struct Smol;

impl Runtime for Smol {
    async fn connect(uri: &str) -> Result<Client, Error> {
        libvirt_smol::Client::connect_with(Some(uri), options())
            .await
            .map(Client::from)
    }
    fn spawn<F>(f: F) -> Pin<Box<dyn Future<Output = ()> + Send>>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        Box::pin(smol::spawn(f))
    }
    async fn sleep(d: Duration) {
        smol::Timer::after(d).await;
    }
}

async fn connect<R: Runtime>(uri: &str) -> Client {
    R::connect(uri)
        .await
        .unwrap_or_else(|e| failed("connect", e))
}

async fn get_lib_version(c: &Client) {
    if let Err(e) = c.connect_get_lib_version().await {
        failed("ConnectGetLibVersion", e);
    }
}

async fn lookup_info(c: &Client) {
    if typed() {
        let dom = libvirt_client::typed::Domain::lookup_by_name(c, "test")
            .await
            .unwrap_or_else(|e| failed("virDomainLookupByName", e));
        if let Err(e) = dom.get_info().await {
            failed("virDomainGetInfo", e);
        }
        return;
    }
    let dom = c
        .domain_lookup_by_name("test")
        .await
        .unwrap_or_else(|e| failed("DomainLookupByName", e));
    if let Err(e) = c.domain_get_info(dom).await {
        failed("DomainGetInfo", e);
    }
}

async fn list_all(c: &Client) -> usize {
    if typed() {
        return c
            .list_all_domains(ConnectListAllDomainsFlags::empty())
            .await
            .unwrap_or_else(|e| failed("virConnectListAllDomains", e))
            .len();
    }
    c.connect_list_all_domains(1, 0)
        .await
        .unwrap_or_else(|e| failed("ConnectListAllDomains", e))
        .domains
        .len()
}

async fn all_stats(c: &Client) -> (usize, usize) {
    if typed() {
        let recs = c
            .get_all_domain_stats(
                DomainStatsTypes::empty(),
                ConnectGetAllDomainStatsFlags::empty(),
            )
            .await
            .unwrap_or_else(|e| failed("virConnectGetAllDomainStats", e));
        return (recs.len(), typed_fields(&recs));
    }
    let recs = c
        .connect_get_all_domain_stats(Vec::new(), 0, 0)
        .await
        .unwrap_or_else(|e| failed("ConnectGetAllDomainStats", e));
    (recs.len(), recs.iter().map(|r| r.params.len()).sum())
}

async fn close(c: &Client) {
    if let Err(e) = c.close().await {
        failed("close", e);
    }
}

async fn run_async<R: Runtime>(b: &Bench) {
    let uri = b.uri.as_str();
    match b.workload.as_str() {
        "w1" => {
            let n = b.n.unwrap_or(20_000);
            let c = connect::<R>(uri).await;
            for _ in 0..100 {
                get_lib_version(&c).await;
            }
            let a = sample();
            for _ in 0..n {
                get_lib_version(&c).await;
            }
            let z = sample();
            report(b, n, a, z, rpcs(n));
            close(&c).await;
        }
        "w2" => {
            let n = b.n.unwrap_or(5_000);
            let c = connect::<R>(uri).await;
            for _ in 0..50 {
                lookup_info(&c).await;
            }
            let a = sample();
            for _ in 0..n {
                lookup_info(&c).await;
            }
            let z = sample();
            report(b, n, a, z, rpcs(2 * n));
            close(&c).await;
        }
        "w3" => {
            let n = b.n.unwrap_or(40_000);
            let t = b.threads.max(1) as u64;
            let c = connect::<R>(uri).await;
            for _ in 0..100 {
                get_lib_version(&c).await;
            }
            let barrier = Arc::new(smol::lock::Barrier::new(b.threads.max(1) + 1));
            let tasks: Vec<_> = (0..t)
                .map(|i| {
                    let calls = n / t + u64::from(i < n % t);
                    let (c, barrier) = (c.clone(), barrier.clone());
                    R::spawn(async move {
                        barrier.wait().await;
                        for _ in 0..calls {
                            get_lib_version(&c).await;
                        }
                    })
                })
                .collect();
            let a = sample();
            barrier.wait().await;
            for task in tasks {
                task.await;
            }
            let z = sample();
            let mut e = rpcs(n);
            e.fields.push(("threads", t.to_string()));
            report(b, n, a, z, e);
            close(&c).await;
        }
        "w4list" => {
            let n = b.n.unwrap_or(200);
            let c = connect::<R>(uri).await;
            let nd = list_all(&c).await;
            let a = sample();
            for _ in 0..n {
                check(list_all(&c).await == nd, "domain count changed");
            }
            let z = sample();
            let mut e = rpcs(n);
            e.fields.push(("domains", nd.to_string()));
            report(b, n, a, z, e);
            close(&c).await;
        }
        "w4stats" => {
            let n = b.n.unwrap_or(50);
            let c = connect::<R>(uri).await;
            let (nr, np) = all_stats(&c).await;
            let a = sample();
            for _ in 0..n {
                check(all_stats(&c).await.0 == nr, "record count changed");
            }
            let z = sample();
            let mut e = rpcs(n);
            e.fields.push(("records", nr.to_string()));
            e.fields.push(("params", np.to_string()));
            report(b, n, a, z, e);
            close(&c).await;
        }
        "w5open" => {
            let n = b.n.unwrap_or(500);
            for _ in 0..5 {
                close(&connect::<R>(uri).await).await;
            }
            let a = sample();
            for _ in 0..n {
                close(&connect::<R>(uri).await).await;
            }
            let z = sample();
            report(b, n, a, z, Extra::default());
        }
        "w5idle" => {
            let n = b.n.unwrap_or(200);
            let before = status("VmRSS");
            let a = sample();
            let mut conns = Vec::with_capacity(n as usize);
            for _ in 0..n {
                conns.push(connect::<R>(uri).await);
            }
            let z = sample();
            R::sleep(Duration::from_secs(1)).await;
            let e = held(before);
            report(b, n, a, z, e);
            for c in &conns {
                close(c).await;
            }
        }
        _ => unreachable!("checked in main"),
    }
}

fn held(rss_before: i64) -> Extra {
    Extra {
        rpcs: None,
        fields: vec![
            ("rss_before_kb", rss_before.to_string()),
            ("rss_held_kb", status("VmRSS").to_string()),
            ("hwm_kb", status("VmHWM").to_string()),
            ("threads_held", status("Threads").to_string()),
        ],
    }
}

fn rpcs(n: u64) -> Extra {
    Extra {
        rpcs: Some(n),
        fields: Vec::new(),
    }
}

// ---------------------------------------------------- blocking workloads

mod blocking {
    use super::*;
    use libvirt_blocking::Client;
    use libvirt_blocking::prelude::{ConnectBlockingApi as _, RemoteBlockingApi as _};

    fn connect(uri: &str) -> Client {
        Client::connect_with(Some(uri), options()).unwrap_or_else(|e| failed("connect", e))
    }

    fn get_lib_version(c: &Client) {
        if let Err(e) = c.connect_get_lib_version() {
            failed("ConnectGetLibVersion", e);
        }
    }

    fn lookup_info(c: &Client) {
        if typed() {
            let dom = libvirt_blocking::Domain::lookup_by_name(c, "test")
                .unwrap_or_else(|e| failed("virDomainLookupByName", e));
            if let Err(e) = dom.get_info() {
                failed("virDomainGetInfo", e);
            }
            return;
        }
        let dom = c
            .domain_lookup_by_name("test")
            .unwrap_or_else(|e| failed("DomainLookupByName", e));
        if let Err(e) = c.domain_get_info(dom) {
            failed("DomainGetInfo", e);
        }
    }

    fn list_all(c: &Client) -> usize {
        if typed() {
            return c
                .list_all_domains(ConnectListAllDomainsFlags::empty())
                .unwrap_or_else(|e| failed("virConnectListAllDomains", e))
                .len();
        }
        c.connect_list_all_domains(1, 0)
            .unwrap_or_else(|e| failed("ConnectListAllDomains", e))
            .domains
            .len()
    }

    fn all_stats(c: &Client) -> (usize, usize) {
        if typed() {
            let recs = c
                .get_all_domain_stats(
                    DomainStatsTypes::empty(),
                    ConnectGetAllDomainStatsFlags::empty(),
                )
                .unwrap_or_else(|e| failed("virConnectGetAllDomainStats", e));
            return (recs.len(), typed_fields(&recs));
        }
        let recs = c
            .connect_get_all_domain_stats(Vec::new(), 0, 0)
            .unwrap_or_else(|e| failed("ConnectGetAllDomainStats", e));
        (recs.len(), recs.iter().map(|r| r.params.len()).sum())
    }

    fn close(c: &Client) {
        if let Err(e) = c.close() {
            failed("close", e);
        }
    }

    pub(super) fn run(b: &Bench) {
        let uri = b.uri.as_str();
        match b.workload.as_str() {
            "w1" => {
                let n = b.n.unwrap_or(20_000);
                let c = connect(uri);
                (0..100).for_each(|_| get_lib_version(&c));
                let a = sample();
                (0..n).for_each(|_| get_lib_version(&c));
                let z = sample();
                report(b, n, a, z, rpcs(n));
                close(&c);
            }
            "w2" => {
                let n = b.n.unwrap_or(5_000);
                let c = connect(uri);
                (0..50).for_each(|_| lookup_info(&c));
                let a = sample();
                (0..n).for_each(|_| lookup_info(&c));
                let z = sample();
                report(b, n, a, z, rpcs(2 * n));
                close(&c);
            }
            "w3" => {
                let n = b.n.unwrap_or(40_000);
                let t = b.threads.max(1) as u64;
                let c = connect(uri);
                (0..100).for_each(|_| get_lib_version(&c));
                let barrier = Arc::new(std::sync::Barrier::new(t as usize + 1));
                let threads: Vec<_> = (0..t)
                    .map(|i| {
                        let calls = n / t + u64::from(i < n % t);
                        let (c, barrier) = (c.clone(), barrier.clone());
                        std::thread::spawn(move || {
                            barrier.wait();
                            (0..calls).for_each(|_| get_lib_version(&c));
                        })
                    })
                    .collect();
                let a = sample();
                barrier.wait();
                for th in threads {
                    th.join()
                        .unwrap_or_else(|_| failed("a caller", "it panicked"));
                }
                let z = sample();
                let mut e = rpcs(n);
                e.fields.push(("threads", t.to_string()));
                report(b, n, a, z, e);
                close(&c);
            }
            "w4list" => {
                let n = b.n.unwrap_or(200);
                let c = connect(uri);
                let nd = list_all(&c);
                let a = sample();
                (0..n).for_each(|_| check(list_all(&c) == nd, "domain count changed"));
                let z = sample();
                let mut e = rpcs(n);
                e.fields.push(("domains", nd.to_string()));
                report(b, n, a, z, e);
                close(&c);
            }
            "w4stats" => {
                let n = b.n.unwrap_or(50);
                let c = connect(uri);
                let (nr, np) = all_stats(&c);
                let a = sample();
                (0..n).for_each(|_| check(all_stats(&c).0 == nr, "record count changed"));
                let z = sample();
                let mut e = rpcs(n);
                e.fields.push(("records", nr.to_string()));
                e.fields.push(("params", np.to_string()));
                report(b, n, a, z, e);
                close(&c);
            }
            "w5open" => {
                let n = b.n.unwrap_or(500);
                (0..5).for_each(|_| close(&connect(uri)));
                let a = sample();
                (0..n).for_each(|_| close(&connect(uri)));
                let z = sample();
                report(b, n, a, z, Extra::default());
            }
            "w5idle" => {
                let n = b.n.unwrap_or(200);
                let before = status("VmRSS");
                let a = sample();
                let conns: Vec<Client> = (0..n).map(|_| connect(uri)).collect();
                let z = sample();
                std::thread::sleep(Duration::from_secs(1));
                let e = held(before);
                report(b, n, a, z, e);
                conns.iter().for_each(close);
            }
            _ => unreachable!("checked in main"),
        }
    }
}

// ------------------------------------------------------------------ main

const WORKLOADS: [&str; 7] = ["w1", "w2", "w3", "w4list", "w4stats", "w5open", "w5idle"];

fn usage() -> ExitCode {
    eprintln!(
        "usage: lvbench [--adapter tokio|tokio-mt|tokio-mt-main|smol|blocking] [--keepalive] [--typed] WORKLOAD (--socket PATH --name URI | --uri URI) [--n N] [--threads T]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut workload = None;
    let (mut socket, mut name, mut n, mut threads) = (None, None, None, 32usize);
    let mut uri = None;
    let mut adapter = std::env::var("LVBENCH_ADAPTER").unwrap_or_else(|_| "tokio".into());
    if std::env::var("LVBENCH_TYPED").is_ok_and(|v| v == "1") {
        TYPED.store(true, Ordering::Relaxed);
    }
    if std::env::var("LVBENCH_KEEPALIVE").is_ok_and(|v| v == "1") {
        KEEPALIVE.store(true, Ordering::Relaxed);
    }
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--socket" => socket = Some(value()),
            "--name" => name = Some(value()),
            "--uri" => uri = Some(value()),
            "--n" => n = value().parse::<u64>().ok().filter(|&n| n > 0),
            "--threads" => threads = value().parse().unwrap_or(32),
            "--adapter" => adapter = value(),
            "--keepalive" => KEEPALIVE.store(true, Ordering::Relaxed),
            "--typed" => TYPED.store(true, Ordering::Relaxed),
            w if !w.starts_with('-') && workload.is_none() => workload = Some(w.to_owned()),
            _ => return usage(),
        }
    }
    let Some(workload) = workload else {
        return usage();
    };
    if !WORKLOADS.contains(&workload.as_str()) {
        eprintln!("lvbench: unknown workload {workload}");
        return ExitCode::from(3); // "not supported", for the harness
    }
    let adapter = match adapter.as_str() {
        "tokio" => Adapter::Tokio,
        "tokio-mt" => Adapter::TokioMt,
        "tokio-mt-main" => Adapter::TokioMtMain,
        "smol" => Adapter::Smol,
        "blocking" => Adapter::Blocking,
        other => {
            eprintln!("lvbench: unknown adapter {other}");
            return usage();
        }
    };
    let uri = match (uri, socket, name) {
        (Some(uri), None, None) => uri,
        // "test:///default" -> "test+unix:///default?socket=PATH", as the C
        // peer derives it.
        (None, Some(socket), Some(name)) => {
            let Some((scheme, rest)) = name.split_once("://") else {
                eprintln!("lvbench: bad --name {name}");
                return usage();
            };
            format!("{scheme}+unix://{rest}?socket={socket}")
        }
        _ => return usage(),
    };
    let b = Bench {
        workload,
        uri,
        n,
        threads,
        adapter,
    };
    match adapter {
        Adapter::Tokio => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| failed("the Tokio runtime", e))
            .block_on(run_async::<Tokio>(&b)),
        // The workload is a task, as an application's work usually is: it
        // and the connection's I/O task then share a worker while they
        // hand the connection back and forth.
        Adapter::TokioMt => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .unwrap_or_else(|e| failed("the Tokio runtime", e));
            let b = Arc::new(b);
            rt.block_on(async move {
                tokio::spawn(async move { run_async::<Tokio>(&b).await })
                    .await
                    .unwrap_or_else(|e| failed("the workload task", e))
            })
        }
        // The workload runs on the thread that calls `block_on` (the body
        // of `#[tokio::main]`), outside the worker pool: every call goes to
        // the I/O task on a worker and back.
        Adapter::TokioMtMain => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| failed("the Tokio runtime", e))
            .block_on(run_async::<Tokio>(&b)),
        // The workload runs as a task on smol's global executor, beside the
        // connections' I/O tasks (on the calling thread, each call would
        // cross threads twice).
        Adapter::Smol => smol::block_on(smol::spawn(async move { run_async::<Smol>(&b).await })),
        Adapter::Blocking => blocking::run(&b),
    }
    ExitCode::SUCCESS
}
