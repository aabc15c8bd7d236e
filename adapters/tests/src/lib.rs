//! The harness of the adapters' real-daemon suite: a private libvirtd per
//! test, serving libvirt's built-in test driver on a unix socket in a
//! temporary directory and on a loopback TCP port (auth none), started with
//! `examples/scripts/test-libvirtd.sh` (which installs Debian's
//! `libvirt-daemon` if it is missing). Dropping the [`Daemon`] stops that
//! daemon and no other.
//!
//! The suite itself is in `tests/`: `tokio.rs`, `smol.rs` and
//! `blocking.rs` run the same scenarios through each adapter, and
//! `remote_*.rs` the TLS, SASL and ssh scenarios (a TLS listener with
//! certificates from `test-pki.sh`, a private sasldb, a private sshd from
//! `test-sshd.sh`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The test driver's domain that runs from the start.
pub const TEST_DOMAIN: &str = "test";

/// The next event of `events` must be a lifecycle event `want` of the
/// test domain, on this subscription's callback.
pub async fn next_lifecycle(
    events: &mut libvirt_client::EventStream<libvirt_core::remote::Event>,
    want: libvirt_core::enums::DomainEventType,
) {
    let event = events
        .next()
        .await
        .expect("an event")
        .expect("not an error");
    let libvirt_core::remote::Event::DomainEventCallbackLifecycle(e) = event else {
        panic!("expected a lifecycle event, got {event:?}");
    };
    assert_eq!(e.callback_id, events.callback_id());
    assert_eq!(e.msg.dom.name, TEST_DOMAIN);
    assert_eq!(
        libvirt_core::enums::DomainEventType::from_raw(e.msg.event),
        Some(want)
    );
}

/// Subscribes to lifecycle events, suspends and resumes the test domain,
/// and checks that both events come: what every transport must carry.
pub async fn suspend_resume_events(client: &libvirt_client::Client) {
    use libvirt_core::enums::{DomainEventID, DomainEventType};
    use libvirt_core::remote::RemoteApi;
    let mut events = client
        .domain_events(None, DomainEventID::Lifecycle)
        .await
        .expect("subscribe");
    let dom = client
        .domain_lookup_by_name(TEST_DOMAIN)
        .await
        .expect("the test domain");
    client.domain_suspend(dom.clone()).await.expect("suspend");
    client.domain_resume(dom).await.expect("resume");
    next_lifecycle(&mut events, DomainEventType::Suspended).await;
    next_lifecycle(&mut events, DomainEventType::Resumed).await;
}

/// A test-driver node file of `n` running domains, each a clone of the
/// driver's built-in `test` domain with a disk, an interface and a
/// balloon: `dom0000`, `dom0001`, ... (the shared benchmark's W4 shape).
pub fn node_xml(n: usize) -> String {
    let mut out = String::from("<node>\n");
    for i in 0..n {
        out.push_str(&format!(
            "<domain type='test'><name>dom{i:04}</name>\
             <uuid>6695eb01-f6a4-8304-79aa-{i:012x}</uuid>\
             <memory unit='KiB'>8388608</memory><currentMemory unit='KiB'>2097152</currentMemory>\
             <vcpu placement='static'>2</vcpu><os><type arch='i686'>hvm</type><boot dev='hd'/></os>\
             <devices><disk type='file' device='disk'><source file='/guest/diskimage{i}'/>\
             <target dev='vda' bus='virtio'/></disk>\
             <interface type='network'><mac address='aa:bb:{:02x}:{:02x}:{:02x}:{:02x}'/>\
             <source network='default'/><target dev='testnet{i}'/></interface>\
             <memballoon model='virtio'/></devices></domain>\n",
            (i >> 24) & 255,
            (i >> 16) & 255,
            (i >> 8) & 255,
            i & 255
        ));
    }
    out.push_str("</node>\n");
    out
}

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
    tls_port: u16,
    /// The script's environment, to start it again the same way.
    env: Vec<(&'static str, String)>,
}

fn script() -> PathBuf {
    scripts().join("test-libvirtd.sh")
}

fn scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/scripts")
}

/// Runs one of `examples/scripts`; panics with its stderr if it fails.
fn run_script(name: &str, args: &[&str]) {
    let out = Command::new(scripts().join(name))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {name}: {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A private SASL configuration in `dir`: `libvirt.conf` (SCRAM-SHA-256,
/// a sasldb of its own) with [`SASL_USER`], and two `auth.conf` files.
fn make_sasl(dir: &Path) {
    run_script("ensure-packages.sh", &["saslpasswd2=sasl2-bin"]);
    std::fs::create_dir_all(dir).expect("the SASL directory");
    let db = dir.join("passwd.db");
    std::fs::write(
        dir.join("libvirt.conf"),
        format!("mech_list: scram-sha-256\nsasldb_path: {}\n", db.display()),
    )
    .expect("libvirt.conf");
    let realm = Command::new("hostname")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .expect("hostname");
    let mut child = Command::new("saslpasswd2")
        .args(["-p", "-c", "-f"])
        .arg(&db)
        .args(["-a", "libvirt", "-u", &realm, SASL_USER])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("saslpasswd2");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(SASL_PASSWORD.as_bytes())
        .expect("the password");
    assert!(
        child.wait().expect("saslpasswd2").success(),
        "saslpasswd2 failed"
    );
    for (file, password) in [
        ("auth.conf", SASL_PASSWORD),
        ("wrong.conf", "queen-of-hearts"),
    ] {
        std::fs::write(
            dir.join(file),
            format!(
                "[credentials-test]\nauthname={SASL_USER}\npassword={password}\n\n\
                 [auth-libvirt-default]\ncredentials=test\n"
            ),
        )
        .expect("auth.conf");
    }
}

/// A loopback port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// How a test's daemon listens and authenticates, beyond the default
/// (unix and loopback TCP, auth none).
#[derive(Debug, Clone, Default)]
pub struct DaemonOptions {
    /// A TLS listener with this server certificate of `test-pki.sh`'s
    /// (`"server"`, `"server-expired"`, `"server-cn-only"`,
    /// `"server-other-name"`).
    pub tls: Option<&'static str>,
    /// `auth_tls = "sasl"` instead of none.
    pub sasl_on_tls: bool,
    /// `auth_unix_rw = "sasl"` instead of none.
    pub sasl_on_unix: bool,
    /// `auth_tcp = "sasl"` with GSSAPI, against this [`Kdc`]'s realm
    /// (the daemon's principal is `libvirt/localhost`).
    pub gssapi_on_tcp: Option<PathBuf>,
}

/// The SASL user the daemons know (SCRAM-SHA-256 only, in a private
/// sasldb).
pub const SASL_USER: &str = "alice";
/// Its password.
pub const SASL_PASSWORD: &str = "wonderland";

impl Daemon {
    /// Starts a daemon of its own for one test.
    pub fn start() -> Daemon {
        Daemon::start_with(&DaemonOptions::default())
    }

    /// Starts a daemon of its own for one test, with TLS or SASL: the
    /// certificates ([`Daemon::pki`]) and the SASL database
    /// ([`Daemon::auth_file`]) are made in its directory.
    pub fn start_with(options: &DaemonOptions) -> Daemon {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let base = std::env::temp_dir().join(format!("lvrs-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).expect("the daemon's directory");
        let mut env: Vec<(&str, String)> = Vec::new();
        if let Some(server) = options.tls {
            run_script("test-pki.sh", &[base.join("pki").to_str().unwrap()]);
            env.push((
                "TEST_LIBVIRTD_TLS_DIR",
                base.join("pki").join(server).display().to_string(),
            ));
        }
        if options.sasl_on_tls || options.sasl_on_unix {
            make_sasl(&base.join("sasl"));
            env.push((
                "TEST_LIBVIRTD_SASL_DIR",
                base.join("sasl").display().to_string(),
            ));
        }
        if options.sasl_on_tls {
            env.push(("TEST_LIBVIRTD_AUTH_TLS", "sasl".into()));
        }
        if let Some(kdc) = &options.gssapi_on_tcp {
            env.push(("TEST_LIBVIRTD_AUTH_TCP", "sasl".into()));
            env.push((
                "TEST_LIBVIRTD_SASL_DIR",
                kdc.join("sasl").display().to_string(),
            ));
            env.push((
                "TEST_LIBVIRTD_KRB5_CONFIG",
                kdc.join("krb5.conf").display().to_string(),
            ));
            env.push((
                "TEST_LIBVIRTD_KRB5_KTNAME",
                kdc.join("libvirt.keytab").display().to_string(),
            ));
        }
        if options.sasl_on_unix {
            env.push(("TEST_LIBVIRTD_AUTH_UNIX", "sasl".into()));
        }
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let tls_port = options.tls.map(|_| free_port());
            let mut cmd = Command::new(script());
            cmd.arg("start")
                .arg(&base)
                .env("TEST_LIBVIRTD_TCP_PORT", port.to_string())
                .envs(env.iter().map(|(k, v)| (k, v)));
            if let Some(p) = tls_port {
                cmd.env("TEST_LIBVIRTD_TLS_PORT", p.to_string());
            }
            let out = cmd.output().expect("run test-libvirtd.sh");
            if out.status.success() {
                return Daemon {
                    dir: base,
                    port,
                    tls_port: tls_port.unwrap_or(0),
                    env,
                };
            }
            // Most likely the port was taken in between: try another.
            last = String::from_utf8_lossy(&out.stderr).into_owned();
            let _ = Command::new(script()).arg("stop").arg(&base).output();
        }
        panic!("the test libvirtd did not start:\n{last}");
    }

    /// `test+tls://HOST:PORT/default?pkipath=<pki>/CLIENT` plus `extra`
    /// parameters (`"&no_verify=1"`...). `client` is a client directory of
    /// `test-pki.sh` (`"client"`, `"client-wrong-ca"`, ...).
    pub fn tls_uri(&self, host: &str, client: &str, extra: &str) -> String {
        format!(
            "test+tls://{host}:{}/default?pkipath={}{extra}",
            self.tls_port,
            self.pki().join(client).display()
        )
    }

    /// The certificates of this daemon's TLS listener and its clients.
    pub fn pki(&self) -> PathBuf {
        self.dir.join("pki")
    }

    /// An `auth.conf` with [`SASL_USER`]'s credentials for every host;
    /// `auth_file(false)` has a wrong password.
    pub fn auth_file(&self, right: bool) -> PathBuf {
        self.dir
            .join("sasl")
            .join(if right { "auth.conf" } else { "wrong.conf" })
    }

    /// `test+unix:///default?socket=...`
    pub fn unix_uri(&self) -> String {
        format!("test+unix:///default?socket={}", self.socket().display())
    }

    /// `test+tcp://127.0.0.1:PORT/default`
    pub fn tcp_uri(&self) -> String {
        self.tcp_uri_for("127.0.0.1")
    }

    /// `test+tcp://HOST:PORT/default` (GSSAPI needs the host name of the
    /// service principal, `localhost`).
    pub fn tcp_uri_for(&self, host: &str) -> String {
        format!("test+tcp://{host}:{}/default", self.port)
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

    /// Stops the daemon the way a service manager does (SIGTERM: it shuts
    /// down and closes its clients' connections), and waits until it is
    /// gone.
    pub fn terminate(&self) {
        let pid = self.pid();
        self.signal("TERM");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| !c.is_empty()) {
            assert!(Instant::now() < deadline, "libvirtd ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts the daemon again after [`Daemon::kill`] or
    /// [`Daemon::terminate`], on the same sockets and ports (the test
    /// driver's state starts afresh).
    pub fn restart(&self) {
        let mut cmd = Command::new(script());
        cmd.arg("start")
            .arg(&self.dir)
            .env("TEST_LIBVIRTD_TCP_PORT", self.port.to_string())
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        if self.tls_port != 0 {
            cmd.env("TEST_LIBVIRTD_TLS_PORT", self.tls_port.to_string());
        }
        let out = cmd.output().expect("run test-libvirtd.sh");
        assert!(
            out.status.success(),
            "the test libvirtd did not start again:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
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
        String::from_utf8_lossy(&self.virsh_bytes(args)).into_owned()
    }

    /// Runs virsh against this daemon and returns its stdout as bytes, as
    /// they came (libvirt's strings need not be UTF-8).
    pub fn virsh_bytes(&self, args: &[&str]) -> Vec<u8> {
        virsh_bytes_at(&self.unix_uri(), args)
    }
}

/// Runs `virsh -q -c URI ARGS` and returns its stdout; panics with its
/// stderr if it fails.
pub fn virsh_at(uri: &str, args: &[&str]) -> String {
    String::from_utf8_lossy(&virsh_bytes_at(uri, args)).into_owned()
}

/// [`virsh_at`], as bytes.
fn virsh_bytes_at(uri: &str, args: &[&str]) -> Vec<u8> {
    {
        let out = Command::new("virsh")
            .arg("-q")
            .arg("-c")
            .arg(uri)
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
        out.stdout
    }
}

/// Whether `virsh -c URI hostname` connects (the oracle for the transport
/// tests), and what it printed on stderr.
pub fn virsh_connects(uri: &str) -> (bool, String) {
    let out = Command::new("virsh")
        .arg("-q")
        .arg("-c")
        .arg(uri)
        .arg("hostname")
        .env("LIBVIRT_AUTOSTART", "0")
        .env_remove("LIBVIRT_DEFAULT_URI")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run virsh");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A private sshd on 127.0.0.1 (`examples/scripts/test-sshd.sh`), with its
/// own host key, a client key it accepts for root, and `ssh` wrappers that
/// use their own `known_hosts`. Dropping it stops that sshd.
#[derive(Debug)]
pub struct Sshd {
    dir: PathBuf,
    port: u16,
}

impl Sshd {
    /// Starts one for a test.
    pub fn start() -> Sshd {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("lvrs-sshd-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let out = Command::new(scripts().join("test-sshd.sh"))
                .arg("start")
                .arg(&dir)
                .arg(port.to_string())
                .output()
                .expect("run test-sshd.sh");
            if out.status.success() {
                return Sshd { dir, port };
            }
            last = String::from_utf8_lossy(&out.stderr).into_owned();
        }
        panic!("the test sshd did not start:\n{last}");
    }

    /// `test+ssh://root@127.0.0.1:PORT/default?socket=SOCKET&keyfile=KEY&no_tty=1&command=WRAPPER`
    /// plus `extra`; the wrapper knows the host key unless `known_host` is
    /// false.
    pub fn uri(&self, daemon: &Daemon, known_host: bool, extra: &str) -> String {
        format!(
            "test+ssh://root@127.0.0.1:{}/default?socket={}&keyfile={}&no_tty=1&command={}{extra}",
            self.port,
            daemon.socket().display(),
            self.dir.join("id_ed25519").display(),
            self.dir
                .join(if known_host { "ssh" } else { "ssh-unknown" })
                .display(),
        )
    }

    /// The pids of the `ssh` clients running through this sshd's wrappers.
    pub fn clients(&self) -> Vec<u32> {
        let needle = self.dir.join("ssh_config").display().to_string();
        let mut pids = Vec::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline);
            if cmdline.starts_with("ssh\0") && cmdline.contains(&needle) {
                pids.push(pid);
            }
        }
        pids
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = Command::new(scripts().join("test-sshd.sh"))
            .arg("stop")
            .arg(&self.dir)
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A private Kerberos KDC on 127.0.0.1 (`examples/scripts/test-kdc.sh`),
/// realm `LIBVIRT.TEST`, with a user `alice` whose ticket is in
/// [`Kdc::ccache`] and the service `libvirt/localhost` in
/// `libvirt.keytab` in [`Kdc::dir`]. Dropping it stops that KDC.
#[derive(Debug)]
pub struct Kdc {
    dir: PathBuf,
}

impl Kdc {
    /// Starts one.
    pub fn start() -> Kdc {
        let dir = std::env::temp_dir().join(format!("lvrs-kdc-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let out = Command::new(scripts().join("test-kdc.sh"))
                .arg("start")
                .arg(&dir)
                .arg(port.to_string())
                .output()
                .expect("run test-kdc.sh");
            if out.status.success() {
                return Kdc { dir };
            }
            last = String::from_utf8_lossy(&out.stderr).into_owned();
        }
        panic!("the test KDC did not start:\n{last}");
    }

    /// Its directory (what [`DaemonOptions::gssapi_on_tcp`] takes).
    pub fn dir(&self) -> PathBuf {
        self.dir.clone()
    }

    /// `KRB5_CONFIG` for clients.
    pub fn krb5_config(&self) -> PathBuf {
        self.dir.join("krb5.conf")
    }

    /// `KRB5CCNAME` with alice's ticket.
    pub fn ccache(&self) -> PathBuf {
        self.dir.join("ccache")
    }
}

impl Drop for Kdc {
    fn drop(&mut self) {
        let _ = Command::new(scripts().join("test-kdc.sh"))
            .arg("stop")
            .arg(&self.dir)
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether a process exists (a zombie counts: it has not been reaped).
pub fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
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

/// A sleep for code with no runtime: a thread wakes the waiter.
pub fn thread_sleep(d: Duration) -> impl std::future::Future<Output = ()> {
    use std::sync::{Arc, Mutex};
    use std::task::{Poll, Waker};
    let state: Arc<Mutex<(bool, Option<Waker>)>> = Arc::default();
    let timer = state.clone();
    std::thread::spawn(move || {
        std::thread::sleep(d);
        let mut s = timer.lock().unwrap_or_else(|e| e.into_inner());
        s.0 = true;
        if let Some(w) = s.1.take() {
            w.wake();
        }
    });
    std::future::poll_fn(move |cx| {
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
}

/// The guest's ready marker on its serial console (see `test-guest.sh`).
pub const GUEST_READY: &str = "LIBVIRT-RS-GUEST-READY";

/// A private full libvirtd (qemu, storage, ... drivers) in a mount
/// namespace of its own, started with `examples/scripts/test-qemu-libvirtd.sh`
/// (QEMU and the guest from `test-guest.sh`, which installs what is
/// missing). Dropping it destroys its guests and stops it and its QEMUs.
#[derive(Debug)]
pub struct QemuDaemon {
    dir: PathBuf,
    uri: String,
}

impl QemuDaemon {
    /// Starts a daemon of its own, with a random host UUID (two of them
    /// can migrate between each other).
    pub fn start() -> QemuDaemon {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("lvrs-qemu-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the daemon's directory");
        let out = Command::new(scripts().join("test-qemu-libvirtd.sh"))
            .arg("start")
            .arg(&dir)
            .output()
            .expect("run test-qemu-libvirtd.sh");
        assert!(
            out.status.success(),
            "the QEMU libvirtd did not start:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let uri = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        QemuDaemon { dir, uri }
    }

    /// `qemu+unix:///system?socket=...`.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// A directory for the test's files, inside the daemon's (outside
    /// its private `/run`, so the daemon sees it too).
    pub fn scratch(&self) -> PathBuf {
        let d = self.dir.join("scratch");
        std::fs::create_dir_all(&d).expect("the scratch directory");
        d
    }

    /// The guest's domain XML under `name` (`test-guest.sh xml`), its
    /// serial console logged to [`QemuDaemon::serial_log`].
    pub fn guest_xml(&self, name: &str) -> String {
        let out = Command::new(scripts().join("test-guest.sh"))
            .args(["xml", name])
            .env("TEST_GUEST_LOG", self.serial_log(name))
            .output()
            .expect("run test-guest.sh");
        assert!(
            out.status.success(),
            "test-guest.sh xml failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Where the guest `name`'s serial console is logged (by QEMU).
    pub fn serial_log(&self, name: &str) -> PathBuf {
        self.scratch().join(format!("{name}.serial.log"))
    }

    /// Waits until the guest `name` has printed its ready marker (its
    /// shell is up on the console), at most two minutes.
    pub fn wait_ready(&self, name: &str) {
        let log = self.serial_log(name);
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if std::fs::read(&log).is_ok_and(|b| {
                b.windows(GUEST_READY.len())
                    .any(|w| w == GUEST_READY.as_bytes())
            }) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the guest {name} did not come up; its console said:\n{}",
                String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default())
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `virsh -c <uri> ARGS`; its stdout as bytes, or its stderr as
    /// the error.
    pub fn try_virsh(&self, args: &[&str]) -> Result<Vec<u8>, String> {
        let out = Command::new("virsh")
            .arg("-q")
            .arg("-c")
            .arg(&self.uri)
            .args(args)
            .env_remove("LIBVIRT_DEFAULT_URI")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run virsh");
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    /// Runs `virsh -c <uri> ARGS` and returns its stdout.
    pub fn virsh(&self, args: &[&str]) -> String {
        match self.try_virsh(args) {
            Ok(out) => String::from_utf8_lossy(&out).into_owned(),
            Err(e) => panic!("virsh {args:?}: {e}"),
        }
    }
}

impl Drop for QemuDaemon {
    fn drop(&mut self) {
        let _ = Command::new(scripts().join("test-qemu-libvirtd.sh"))
            .arg("stop")
            .arg(&self.dir)
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
