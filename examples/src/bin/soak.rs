//! Soak test of the reconnecting client (a benchmark program, not a timed
//! test): a private test-driver libvirtd is killed or stopped and started
//! again every few seconds, for minutes, while 8 tasks make calls and 4
//! subscriptions count events. After each reconnection it causes lifecycle
//! events with virsh and checks that every subscription sees every one of
//! them, after its `Reconnected` marker.
//!
//! ```text
//! soak [--seconds N] [--calls-per-task-per-second N] [--script PATH]
//! ```
//!
//! It prints one line per restart and a summary, and exits non-zero if a
//! call or a reconnection hung, an event was missed, or a call failed in a
//! way other than the connection's end.

use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use libvirt_client::{EventFilter, LinkState, Notice, ReconnectPolicy, Reconnecting};
use libvirt_core::enums::DomainEventID;
use libvirt_core::remote::{self, RemoteApi};
use libvirt_tokio::{Error, Options};
use rustix::process::{Pid, Signal, kill_process};

const SUBSCRIPTIONS: usize = 4;
const CALLERS: usize = 8;
/// Lifecycle events caused per connection (suspend, resume, twice).
const CAUSED_PER_ROUND: u64 = 4;

#[derive(Default)]
struct Counts {
    ok: AtomicU64,
    connection_errors: AtomicU64,
    waited_out: AtomicU64,
    other_errors: AtomicU64,
}

/// What one subscription has seen: the generation of its last
/// `Reconnected` marker, and lifecycle events since.
#[derive(Default)]
struct Seen {
    generation: AtomicU64,
    since_marker: AtomicU64,
    total: AtomicU64,
    markers: AtomicU64,
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

struct Daemon {
    script: String,
    dir: String,
}

impl Daemon {
    fn run(&self, what: &str) -> Result<String, String> {
        let out = Command::new(&self.script)
            .arg(what)
            .arg(&self.dir)
            .output()
            .map_err(|e| format!("{}: {e}", self.script))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    fn pid(&self) -> Option<i32> {
        std::fs::read_to_string(format!("{}/libvirtd.pid", self.dir))
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    /// Ends the daemon with `signal` and waits until it is gone.
    fn end(&self, signal: Signal) -> Result<(), String> {
        let pid = self.pid().ok_or("no pid file")?;
        let target = Pid::from_raw(pid).ok_or("a bad pid file")?;
        kill_process(target, signal).map_err(|e| format!("kill {pid}: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| !c.is_empty()) {
            if Instant::now() > deadline {
                return Err(format!("libvirtd {pid} did not exit"));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Ok(())
    }

    fn virsh(&self, uri: &str, args: &[&str]) -> Result<(), String> {
        let out = Command::new("virsh")
            .args(["-q", "-c", uri])
            .args(args)
            .output()
            .map_err(|e| format!("virsh: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }
}

fn arg<T: std::str::FromStr>(rest: &[String], name: &str, default: T) -> T {
    rest.iter()
        .position(|a| a == name)
        .and_then(|i| rest.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    // It starts a daemon of its own, so it takes no URI.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = arg(&args, "--seconds", 600);
    let rate: u64 = arg(&args, "--calls-per-task-per-second", 100);
    let script: String = arg(
        &args,
        "--script",
        concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/test-libvirtd.sh").to_owned(),
    );
    let dir = std::env::temp_dir().join(format!("lvrs-soak-{}", std::process::id()));
    let daemon = Daemon {
        script,
        dir: dir.display().to_string(),
    };
    let uri = match daemon.run("start") {
        Ok(uri) => uri,
        Err(e) => {
            eprintln!("soak: the daemon did not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = soak(&daemon, &uri, seconds, rate).await;
    let _ = daemon.run("stop");
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("soak: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn wait_connected(rc: &Reconnecting, generation: u64) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match rc.state() {
            LinkState::Connected { generation: g } if g >= generation => return Ok(()),
            LinkState::GaveUp { .. } | LinkState::Closed => {
                return Err(format!("the client stopped: {}", rc.state()));
            }
            _ => {}
        }
        if Instant::now() > deadline {
            return Err(format!("not reconnected after 30 s: {}", rc.state()));
        }
        let _ = tokio::time::timeout(Duration::from_millis(100), rc.changed()).await;
    }
}

/// Waits until every subscription has seen `want` events since its
/// marker for `generation`.
async fn wait_seen(seen: &[Arc<Seen>], generation: u64, want: u64) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let done = seen.iter().all(|s| {
            s.generation.load(Ordering::SeqCst) == generation
                && s.since_marker.load(Ordering::SeqCst) >= want
        });
        if done {
            return Ok(());
        }
        if Instant::now() > deadline {
            let got: Vec<_> = seen
                .iter()
                .map(|s| {
                    (
                        s.generation.load(Ordering::SeqCst),
                        s.since_marker.load(Ordering::SeqCst),
                    )
                })
                .collect();
            return Err(format!(
                "connection {generation}: wanted {want} events per subscription, got (generation, events) {got:?}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn soak(daemon: &Daemon, uri: &str, seconds: u64, rate: u64) -> Result<(), String> {
    let policy = ReconnectPolicy::new().delays(Duration::from_millis(50), Duration::from_secs(1));
    let options = Options::new().call_timeout(Some(Duration::from_secs(20)));
    let rc = libvirt_tokio::Client::connect_reconnecting(Some(uri), options, policy)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let stop = Arc::new(AtomicBool::new(false));

    // Subscriptions: two pairs with the same filter (shared registrations).
    let mut seen = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..SUBSCRIPTIONS {
        let mut events = rc
            .subscribe::<remote::Event>(EventFilter::Domain {
                event: DomainEventID::Lifecycle,
                domain: None,
            })
            .await
            .map_err(|e| format!("subscribe: {e}"))?;
        let s = Arc::new(Seen::default());
        s.generation.store(1, Ordering::SeqCst);
        seen.push(s.clone());
        tasks.push(tokio::spawn(async move {
            while let Some(notice) = events.next().await {
                match notice {
                    Ok(Notice::Reconnected { generation }) => {
                        s.since_marker.store(0, Ordering::SeqCst);
                        s.generation.store(generation, Ordering::SeqCst);
                        s.markers.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(Notice::Event(remote::Event::DomainEventCallbackLifecycle(_))) => {
                        s.since_marker.fetch_add(1, Ordering::SeqCst);
                        s.total.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(Notice::Event(_)) => {}
                    Err(_) => break,
                }
            }
        }));
    }

    // Callers, paced.
    let counts = Arc::new(Counts::default());
    for i in 0..CALLERS {
        let rc = rc.clone();
        let counts = counts.clone();
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            let period = Duration::from_micros(1_000_000 / rate.max(1));
            let mut tick = tokio::time::interval(period);
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                let r = if i % 2 == 0 {
                    rc.connect_get_lib_version().await.map(drop)
                } else {
                    rc.domain_lookup_by_name("test").await.map(drop)
                };
                let slot = match r {
                    Ok(()) => &counts.ok,
                    Err(Error::Connection(_)) => &counts.connection_errors,
                    Err(Error::Timeout(_)) => &counts.waited_out,
                    Err(e) => {
                        eprintln!("soak: call failed: {e}");
                        &counts.other_errors
                    }
                };
                slot.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }

    let start = Instant::now();
    let mut generation = 1u64;
    let mut restarts = 0u64;
    let mut caused = 0u64;
    let mut reconnect_times = Vec::new();
    let mut rss_after_warmup = 0;
    let mut rss_peak = rss_kib();
    let mut failure = None;
    let mut restarted_at: Option<Instant> = None;
    loop {
        // Back on the connection: every subscription announced it, then
        // sees every event virsh causes.
        if let Err(e) = wait_connected(&rc, generation).await {
            failure = Some(e);
            break;
        }
        if let Some(at) = restarted_at.take() {
            reconnect_times.push(at.elapsed());
        }
        if start.elapsed() >= Duration::from_secs(seconds) {
            // The last restart is survived too: its markers came.
            if let Err(e) = wait_seen(&seen, generation, 0).await {
                failure = Some(e);
            }
            break;
        }
        if let Err(e) = wait_seen(&seen, generation, 0).await {
            failure = Some(e);
            break;
        }
        for op in ["suspend", "resume", "suspend", "resume"] {
            if let Err(e) = daemon.virsh(uri, &[op, "test"]) {
                failure = Some(format!("virsh {op}: {e}"));
                break;
            }
        }
        if failure.is_some() {
            break;
        }
        caused += CAUSED_PER_ROUND;
        if let Err(e) = wait_seen(&seen, generation, CAUSED_PER_ROUND).await {
            failure = Some(e);
            break;
        }
        // Calls go on for a few seconds, then the daemon goes away.
        let pause = Duration::from_millis(fastrand_between(1500, 4000));
        tokio::time::sleep(pause).await;
        let (signal, how) = if restarts % 2 == 0 {
            (Signal::KILL, "killed")
        } else {
            (Signal::TERM, "stopped")
        };
        if let Err(e) = daemon.end(signal) {
            failure = Some(e);
            break;
        }
        tokio::time::sleep(Duration::from_millis(fastrand_between(0, 500))).await;
        restarted_at = Some(Instant::now());
        if let Err(e) = daemon.run("start") {
            failure = Some(format!("restart: {e}"));
            break;
        }
        restarts += 1;
        generation += 1;
        let rss = rss_kib();
        rss_peak = rss_peak.max(rss);
        if restarts == 5 {
            rss_after_warmup = rss;
        }
        println!(
            "{:>5.0}s restart {restarts:>3} ({how}): rss {rss} KiB, calls ok {}, ended by the connection {}",
            start.elapsed().as_secs_f64(),
            counts.ok.load(Ordering::Relaxed),
            counts.connection_errors.load(Ordering::Relaxed),
        );
    }
    stop.store(true, Ordering::Relaxed);
    let rss_end = rss_kib();
    let _ = rc.close().await;
    for t in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(10), t).await;
    }
    let seen_total: u64 = seen.iter().map(|s| s.total.load(Ordering::SeqCst)).sum();
    let markers: u64 = seen.iter().map(|s| s.markers.load(Ordering::SeqCst)).sum();
    reconnect_times.sort();
    let median = reconnect_times
        .get(reconnect_times.len() / 2)
        .copied()
        .unwrap_or_default();
    let max = reconnect_times.last().copied().unwrap_or_default();
    println!("soak summary:");
    println!(
        "  ran {:.0} s, restarts survived {restarts}",
        start.elapsed().as_secs_f64()
    );
    println!(
        "  events caused {caused}, seen {seen_total} over {SUBSCRIPTIONS} subscriptions (want {})",
        caused * SUBSCRIPTIONS as u64
    );
    println!(
        "  Reconnected markers {markers} (want {})",
        restarts * SUBSCRIPTIONS as u64
    );
    println!(
        "  calls ok {}, ended by the connection {}, timed out {}, other errors {}",
        counts.ok.load(Ordering::Relaxed),
        counts.connection_errors.load(Ordering::Relaxed),
        counts.waited_out.load(Ordering::Relaxed),
        counts.other_errors.load(Ordering::Relaxed)
    );
    println!(
        "  from the daemon's restart (its start command) to connected again: median {median:?}, max {max:?}"
    );
    println!(
        "  rss: after 5 restarts {rss_after_warmup} KiB, peak {rss_peak} KiB, end {rss_end} KiB"
    );
    if let Some(e) = failure {
        return Err(e);
    }
    if seen_total != caused * SUBSCRIPTIONS as u64 {
        return Err("events were missed".into());
    }
    if markers != restarts * SUBSCRIPTIONS as u64 {
        return Err("a reconnection was not announced to every subscription".into());
    }
    if counts.other_errors.load(Ordering::Relaxed) > 0
        || counts.waited_out.load(Ordering::Relaxed) > 0
    {
        return Err("calls failed in other ways than the connection's end".into());
    }
    Ok(())
}

fn fastrand_between(lo: u64, hi: u64) -> u64 {
    fastrand::u64(lo..hi)
}
