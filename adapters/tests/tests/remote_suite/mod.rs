//! The remote-transport scenarios every adapter passes: TLS, SASL and ssh
//! against real private daemons (a libvirtd TLS listener with certificates
//! the harness makes, a private sasldb, a private sshd). In each failure
//! case `virsh` is the oracle: where virsh connects, libvirt-rs connects;
//! where virsh fails, libvirt-rs fails with a typed error.

use std::future::Future;
use std::time::Duration;

use futures_lite::future;
use libvirt_adapter_tests::{
    Daemon, DaemonOptions, SASL_PASSWORD, SASL_USER, Sshd, TEST_DOMAIN, process_exists,
    suspend_resume_events, virsh_connects,
};
use libvirt_client::{Client, CredentialKind, Error, Options, SshError, TlsError};
use libvirt_core::enums::ErrorNumber;
use libvirt_core::remote::RemoteApi;
use libvirt_core::{AuthError, ConnectionError};

/// What an adapter provides to the suite.
pub(crate) trait Adapter: 'static {
    /// Runs a future to completion.
    fn block_on<T>(f: impl Future<Output = T>) -> T;
    /// Connects with this adapter; the client underneath it.
    fn connect(uri: String, options: Options) -> impl Future<Output = Result<Client, Error>>;
    /// Sleeps.
    fn sleep(d: Duration) -> impl Future<Output = ()>;
}

/// Runs a scenario with a watchdog: a hang fails the test.
pub(crate) fn run<A: Adapter, F: Future<Output = ()>>(f: impl FnOnce() -> F) {
    A::block_on(future::or(f(), async {
        A::sleep(Duration::from_secs(120)).await;
        panic!("the scenario hung");
    }))
}

/// One `#[test]` per scenario, for adapter `$a`.
macro_rules! remote_tests {
    ($a:ty) => {
        $crate::remote_suite::remote_tests!($a:
            tls_open_calls_events_stream
            tls_wrong_ca
            tls_client_certificate_refused
            tls_expired_server_certificate
            tls_revoked_server_certificate
            tls_host_name_mismatch
            tls_legacy_cn_only_server_certificate
            tls_missing_credentials
            sasl_scram_over_tls_and_unix
            sasl_failures
            ssh_open_calls_events_stream
            ssh_failures
        );
    };
    ($a:ty: $($name:ident)*) => {$(
        #[test]
        fn $name() {
            remote_suite::run::<$a, _>(remote_suite::$name::<$a>);
        }
    )*};
}
pub(crate) use remote_tests;

async fn connect<A: Adapter>(uri: &str) -> Result<Client, Error> {
    A::connect(uri.to_owned(), Options::new()).await
}

/// Connects where virsh connects.
async fn both_connect<A: Adapter>(uri: &str) -> Client {
    let (ok, stderr) = virsh_connects(uri);
    assert!(ok, "virsh fails on {uri}: {stderr}");
    connect::<A>(uri)
        .await
        .unwrap_or_else(|e| panic!("virsh connects to {uri}, libvirt-rs does not: {e}"))
}

/// Fails where virsh fails; gives libvirt-rs's error.
async fn both_fail<A: Adapter>(uri: &str) -> Error {
    let (ok, _) = virsh_connects(uri);
    assert!(!ok, "virsh connects to {uri}");
    match connect::<A>(uri).await {
        Ok(_) => panic!("virsh fails on {uri}, libvirt-rs connects"),
        Err(e) => e,
    }
}

/// Calls, an event subscription with events, a stream, and close: what
/// every transport must carry.
async fn exercise(client: &Client, screenshot_uri: &str) {
    assert!(!client.connect_get_hostname().await.unwrap().is_empty());
    let doms = client.connect_list_all_domains(1, 0).await.unwrap();
    assert!(doms.domains.iter().any(|d| d.name == TEST_DOMAIN));
    suspend_resume_events(client).await;
    // The screenshot stream equals what virsh saves over the same URI.
    let file = std::env::temp_dir().join(format!(
        "lvrs-shot-{}-{:?}.ppm",
        std::process::id(),
        std::thread::current().id()
    ));
    let out = std::process::Command::new("virsh")
        .args(["-q", "-c", screenshot_uri, "screenshot", TEST_DOMAIN])
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = std::fs::read(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    let (_, mut stream) = client.domain_screenshot(dom, 0, 0).await.unwrap();
    let data = stream.read_to_end().await.unwrap();
    assert!(
        data == expected,
        "{} bytes, virsh saved {}",
        data.len(),
        expected.len()
    );
    client.close().await.unwrap();
}

fn tls_daemon(server: &'static str) -> Daemon {
    Daemon::start_with(&DaemonOptions {
        tls: Some(server),
        ..DaemonOptions::default()
    })
}

fn tls_error(e: Error) -> TlsError {
    match e {
        Error::Tls(t) => t,
        other => panic!("expected a TLS error, got {other:?} ({other})"),
    }
}

// ----- TLS --------------------------------------------------------------------------

pub(crate) async fn tls_open_calls_events_stream<A: Adapter>() {
    let daemon = tls_daemon("server");
    // The certificate names localhost and 127.0.0.1: both work.
    for host in ["localhost", "127.0.0.1"] {
        let uri = daemon.tls_uri(host, "client", "");
        let client = both_connect::<A>(&uri).await;
        let t = client.transport().expect("open");
        assert_eq!(t.kind, "tls");
        assert!(t.encrypted);
        assert!(t.tls.as_deref().is_some_and(|s| s.contains("TLS")), "{t:?}");
        exercise(&client, &uri).await;
    }
    // Pipelined packets, with no keepalive ping to stir the daemon: each
    // packet must reach libvirtd in a TLS record of its own, or the daemon
    // leaves the second one inside GnuTLS unread (the open sequence and
    // these calls would then time out).
    let options = Options::new()
        .keepalive(None)
        .connect_timeout(Some(Duration::from_secs(20)))
        .call_timeout(Some(Duration::from_secs(20)));
    let client = A::connect(daemon.tls_uri("localhost", "client", ""), options)
        .await
        .expect("open, pipelined");
    let calls: Vec<_> = (0..32).map(|_| client.connect_get_lib_version()).collect();
    for call in calls {
        assert!(call.await.expect("a pipelined call") > 0);
    }
}

pub(crate) async fn tls_wrong_ca<A: Adapter>() {
    let daemon = tls_daemon("server");
    // Our own certificate is checked against the CA first, as libvirt does.
    let e = tls_error(both_fail::<A>(&daemon.tls_uri("localhost", "client-wrong-ca", "")).await);
    assert!(matches!(&e, TlsError::OwnCertificate { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("clientcert.pem: not signed by the CA in")
            && msg.contains("client-wrong-ca/cacert.pem"),
        "{msg}"
    );
    // Without that check, the server's certificate fails.
    let uri = daemon.tls_uri("localhost", "client-wrong-ca", "&no_sanity=1");
    let e = tls_error(both_fail::<A>(&uri).await);
    assert!(matches!(&e, TlsError::ServerCertificate { .. }), "{e:?}");
    assert!(
        e.to_string().contains("it is not signed by the CA in"),
        "{e}"
    );
}

pub(crate) async fn tls_client_certificate_refused<A: Adapter>() {
    let daemon = tls_daemon("server");
    // No certificate at all: the server hangs up after the handshake.
    let e = tls_error(both_fail::<A>(&daemon.tls_uri("localhost", "client-no-cert", "")).await);
    assert!(
        matches!(
            &e,
            TlsError::Rejected {
                sent_cert: false,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("sending no certificate"), "{e}");
    // A certificate from another CA: our own check catches it ...
    let e = tls_error(both_fail::<A>(&daemon.tls_uri("localhost", "client-foreign", "")).await);
    assert!(matches!(&e, TlsError::OwnCertificate { .. }), "{e:?}");
    // ... and without it, the server refuses it.
    let uri = daemon.tls_uri("localhost", "client-foreign", "&no_sanity=1");
    let e = tls_error(both_fail::<A>(&uri).await);
    assert!(
        matches!(
            &e,
            TlsError::Rejected {
                sent_cert: true,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("rejected our certificate"), "{e}");
}

pub(crate) async fn tls_expired_server_certificate<A: Adapter>() {
    let daemon = tls_daemon("server-expired");
    let e = tls_error(both_fail::<A>(&daemon.tls_uri("localhost", "client", "")).await);
    assert!(matches!(&e, TlsError::ServerCertificate { .. }), "{e:?}");
    assert!(e.to_string().contains("expired"), "{e}");
    // no_verify=1 turns it into a warning, for virsh and libvirt-rs.
    let uri = daemon.tls_uri("localhost", "client", "&no_verify=1");
    let client = both_connect::<A>(&uri).await;
    assert!(!client.connect_get_hostname().await.unwrap().is_empty());
}

pub(crate) async fn tls_revoked_server_certificate<A: Adapter>() {
    let daemon = tls_daemon("server");
    // The client's cacrl.pem revokes the server's certificate.
    let e = tls_error(both_fail::<A>(&daemon.tls_uri("localhost", "client-crl", "")).await);
    assert!(matches!(&e, TlsError::ServerCertificate { .. }), "{e:?}");
    assert!(e.to_string().contains("revoked"), "{e}");
}

pub(crate) async fn tls_host_name_mismatch<A: Adapter>() {
    let daemon = tls_daemon("server-other-name");
    let e = tls_error(both_fail::<A>(&daemon.tls_uri("localhost", "client", "")).await);
    assert!(matches!(&e, TlsError::ServerCertificate { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("it is for other.example, not localhost"),
        "{e}"
    );
}

pub(crate) async fn tls_legacy_cn_only_server_certificate<A: Adapter>() {
    let daemon = tls_daemon("server-cn-only");
    let uri = daemon.tls_uri("localhost", "client", "");
    let client = both_connect::<A>(&uri).await;
    assert!(!client.connect_get_hostname().await.unwrap().is_empty());
}

pub(crate) async fn tls_missing_credentials<A: Adapter>() {
    let daemon = tls_daemon("server");
    let e = tls_error(both_fail::<A>(&daemon.tls_uri("localhost", "no-such-dir", "")).await);
    assert!(
        matches!(
            &e,
            TlsError::Read {
                what: "CA certificate",
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("no-such-dir/cacert.pem"), "{e}");
}

// ----- SASL -------------------------------------------------------------------------

fn sasl_daemon() -> Daemon {
    Daemon::start_with(&DaemonOptions {
        tls: Some("server"),
        sasl_on_tls: true,
        sasl_on_unix: true,
        ..DaemonOptions::default()
    })
}

pub(crate) async fn sasl_scram_over_tls_and_unix<A: Adapter>() {
    let daemon = sasl_daemon();
    let authfile = format!("&authfile={}", daemon.auth_file(true).display());
    // Over TLS, with libvirt's auth.conf.
    let uri = daemon.tls_uri("localhost", "client", &authfile);
    let client = both_connect::<A>(&uri).await;
    assert_eq!(
        client.connected().unwrap().sasl_mechanism.as_deref(),
        Some("SCRAM-SHA-256")
    );
    exercise(&client, &uri).await;
    // Over unix, with the program's credential callback.
    let uri = format!("{}{authfile}", daemon.unix_uri());
    assert!(virsh_connects(&uri).0);
    let options = Options::new().credentials(|req| match req.kind {
        CredentialKind::AuthName => Some(SASL_USER.into()),
        CredentialKind::Password => Some(SASL_PASSWORD.into()),
        _ => None,
    });
    let client = A::connect(daemon.unix_uri(), options).await.unwrap();
    let t = client.transport().unwrap();
    assert_eq!((t.kind, t.encrypted), ("unix", false));
    assert_eq!(
        client.connected().unwrap().sasl_mechanism.as_deref(),
        Some("SCRAM-SHA-256")
    );
    assert!(!client.connect_get_hostname().await.unwrap().is_empty());
}

pub(crate) async fn sasl_failures<A: Adapter>() {
    let daemon = sasl_daemon();
    // A wrong password: the server's typed refusal.
    let uri = format!(
        "{}&authfile={}",
        daemon.unix_uri(),
        daemon.auth_file(false).display()
    );
    let e = both_fail::<A>(&uri).await;
    assert!(
        matches!(&e, Error::Connection(ConnectionError::Open(_))),
        "{e:?}"
    );
    assert_eq!(e.number(), Some(ErrorNumber::ErrAuthFailed), "{e}");
    // A mechanism the server does not offer.
    let uri = format!(
        "{}&authfile={}&auth=sasl.DIGEST-MD5",
        daemon.unix_uri(),
        daemon.auth_file(true).display()
    );
    let e = both_fail::<A>(&uri).await;
    assert!(
        matches!(
            &e,
            Error::Connection(ConnectionError::Auth(AuthError::MechanismNotOffered { .. }))
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("(it offers: SCRAM-SHA-256)"), "{e}");
    // No credentials anywhere: the message says where to put them.
    let uri = format!("{}&authfile=/nonexistent/auth.conf", daemon.unix_uri());
    let e = both_fail::<A>(&uri).await;
    assert!(
        matches!(
            &e,
            Error::Connection(ConnectionError::Auth(AuthError::Client(_)))
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("/nonexistent/auth.conf"), "{e}");
}

// ----- ssh --------------------------------------------------------------------------

fn ssh_error(e: Error) -> SshError {
    match e {
        Error::Ssh(s) => s,
        other => panic!("expected an ssh error, got {other:?} ({other})"),
    }
}

pub(crate) async fn ssh_open_calls_events_stream<A: Adapter>() {
    let daemon = Daemon::start();
    let sshd = Sshd::start();
    let uri = sshd.uri(&daemon, true, "");
    let client = both_connect::<A>(&uri).await;
    let t = client.transport().unwrap();
    assert_eq!((t.kind, t.encrypted), ("ssh", true));
    let children = sshd.clients();
    assert_eq!(children.len(), 1, "one ssh child: {children:?}");
    exercise(&client, &uri).await;
    drop(client);
    // The child is gone, reaped (a zombie would still be in /proc).
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while process_exists(children[0]) {
        assert!(
            std::time::Instant::now() < deadline,
            "the ssh child is left behind"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub(crate) async fn ssh_failures<A: Adapter>() {
    let daemon = Daemon::start();
    let sshd = Sshd::start();
    // An unknown host key, without no_verify.
    let e = ssh_error(both_fail::<A>(&sshd.uri(&daemon, false, "")).await);
    let msg = e.to_string();
    assert!(
        msg.contains("Host key verification failed") && msg.contains("no_verify=1"),
        "{msg}"
    );
    // With no_verify=1 both go on (the wrapper's own known_hosts takes the key).
    let client = both_connect::<A>(&sshd.uri(&daemon, false, "&no_verify=1")).await;
    assert!(!client.connect_get_hostname().await.unwrap().is_empty());
    drop(client);
    // No ssh program.
    let uri = sshd
        .uri(&daemon, true, "")
        .replace("&command=", "&command=/nonexistent");
    let e = ssh_error(both_fail::<A>(&uri).await);
    assert!(matches!(&e, SshError::Spawn { .. }), "{e:?}");
    // No netcat on the far side.
    let e = ssh_error(both_fail::<A>(&sshd.uri(&daemon, true, "&netcat=/nonexistent/nc")).await);
    let SshError::Exited { status, stderr, .. } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(*status, Some(127), "{e}");
    assert!(stderr.contains("/nonexistent/nc: not found"), "{e}");
    assert!(
        sshd.clients().is_empty(),
        "ssh children left: {:?}",
        sshd.clients()
    );
}
