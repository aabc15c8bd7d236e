//! The harness of the adapters' real-daemon suite: a private libvirtd per
//! test, serving libvirt's built-in test driver on a unix socket in a
//! temporary directory and on a loopback TCP port (auth none), started with
//! `examples/scripts/test-libvirtd.sh` (which installs Debian's
//! `libvirt-daemon` if it is missing). Dropping the [`Daemon`] stops that
//! daemon and no other.
//!
//! The suite itself is in `tests/`: `tokio.rs`, `smol.rs` and
//! `blocking.rs` run the same scenarios through each adapter.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The test driver's domain that runs from the start.
pub const TEST_DOMAIN: &str = "test";

/// A domain definition for define/undefine tests.
pub fn domain_xml(name: &str) -> String {
    format!(
        "<domain type='test'><name>{name}</name><memory unit='MiB'>64</memory>\
         <vcpu>1</vcpu><os><type>hvm</type></os></domain>"
    )
}

/// A private libvirtd.
#[derive(Debug)]
pub struct Daemon {
    dir: PathBuf,
    port: u16,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/scripts/test-libvirtd.sh")
}

/// A loopback port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Daemon {
    /// Starts a daemon of its own for one test.
    pub fn start() -> Daemon {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let base = std::env::temp_dir().join(format!("lvrs-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let out = Command::new(script())
                .arg("start")
                .arg(&base)
                .env("TEST_LIBVIRTD_TCP_PORT", port.to_string())
                .output()
                .expect("run test-libvirtd.sh");
            if out.status.success() {
                return Daemon { dir: base, port };
            }
            // Most likely the port was taken in between: try another.
            last = String::from_utf8_lossy(&out.stderr).into_owned();
            let _ = Command::new(script()).arg("stop").arg(&base).output();
        }
        panic!("the test libvirtd did not start:\n{last}");
    }

    /// `test+unix:///default?socket=...`
    pub fn unix_uri(&self) -> String {
        format!("test+unix:///default?socket={}", self.socket().display())
    }

    /// `test+tcp://127.0.0.1:PORT/default`
    pub fn tcp_uri(&self) -> String {
        format!("test+tcp://127.0.0.1:{}/default", self.port)
    }

    /// The read-write unix socket.
    pub fn socket(&self) -> PathBuf {
        self.dir.join("run/libvirt-sock")
    }

    /// A scratch directory that goes with the daemon.
    pub fn scratch(&self) -> PathBuf {
        let p = self.dir.join("scratch");
        std::fs::create_dir_all(&p).expect("scratch dir");
        p
    }

    /// The daemon's pid.
    pub fn pid(&self) -> u32 {
        std::fs::read_to_string(self.dir.join("libvirtd.pid"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .expect("the daemon's pid file")
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid().to_string())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{sig} failed");
    }

    /// Kills the daemon outright (SIGKILL) and waits until it is gone.
    pub fn kill(&self) {
        let pid = self.pid();
        self.signal("KILL");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}/cmdline")).exists()
            && std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| !c.is_empty())
        {
            assert!(Instant::now() < deadline, "libvirtd survived SIGKILL");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Freezes the daemon (SIGSTOP): it holds its sockets open and answers
    /// nothing.
    pub fn freeze(&self) {
        self.signal("STOP");
    }

    /// Thaws a frozen daemon.
    pub fn thaw(&self) {
        self.signal("CONT");
    }

    /// Runs `virsh -c <unix uri> ARGS` and returns its stdout.
    pub fn virsh(&self, args: &[&str]) -> String {
        let out = Command::new("virsh")
            .arg("-q")
            .arg("-c")
            .arg(self.unix_uri())
            .args(args)
            .env("LIBVIRT_AUTOSTART", "0")
            .env_remove("LIBVIRT_DEFAULT_URI")
            .output()
            .expect("run virsh");
        assert!(
            out.status.success(),
            "virsh {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        // A frozen daemon would ignore SIGTERM.
        let _ = Command::new("kill")
            .arg("-CONT")
            .arg(
                std::fs::read_to_string(self.dir.join("libvirtd.pid"))
                    .unwrap_or_default()
                    .trim(),
            )
            .output();
        let _ = Command::new(script()).arg("stop").arg(&self.dir).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
