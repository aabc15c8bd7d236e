//! GSSAPI against a real KDC and libvirtd, through Tokio, smol and
//! blocking: a private MIT KDC (`test-kdc.sh`), a libvirtd whose TCP
//! listener wants SASL GSSAPI (`libvirt/localhost` in its keytab), and a
//! ticket for `alice`. Plain TCP needs GSSAPI's security layer (SSF 56),
//! so every byte after authentication is a wrap token. `virsh` is the
//! oracle on the same URI with the same Kerberos settings.
//!
//! One test: the Kerberos library reads `KRB5_CONFIG` and `KRB5CCNAME`
//! from the process's environment, which is only safe to set while no
//! other test thread runs.
#![allow(unsafe_code)]

use std::future::Future;
use std::path::Path;

use libvirt_adapter_tests::{Daemon, DaemonOptions, Kdc, TEST_DOMAIN, suspend_resume_events};
use libvirt_client::{Client, Error, Options};
use libvirt_core::ConnectionError;
use libvirt_core::remote::RemoteApi;

fn virsh_hostname(uri: &str, ccache: &Path) -> bool {
    std::process::Command::new("virsh")
        .args(["-q", "-c", uri, "hostname"])
        .env("KRB5CCNAME", ccache)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run virsh")
        .status
        .success()
}

async fn exercise(client: &Client) {
    let t = client.transport().expect("open");
    assert_eq!(t.kind, "tcp");
    assert!(t.sasl_ssf >= 56 && t.encrypted, "{t:?}");
    assert_eq!(
        client.connected().unwrap().sasl_mechanism.as_deref(),
        Some("GSSAPI")
    );
    assert!(!client.connect_get_hostname().await.unwrap().is_empty());
    suspend_resume_events(client).await;
    let dom = client.domain_lookup_by_name(TEST_DOMAIN).await.unwrap();
    // A stream bigger than one security-layer token.
    let (_, mut stream) = client.domain_screenshot(dom, 0, 0).await.unwrap();
    let data = stream.read_to_end().await.unwrap();
    assert!(data.len() > 1000, "{} bytes", data.len());
    // 200 calls at once: many tokens each way.
    let calls: Vec<_> = (0..200).map(|_| client.connect_get_lib_version()).collect();
    for c in calls {
        assert!(c.await.unwrap() > 0);
    }
    client.close().await.unwrap();
}

fn options() -> Options {
    Options::new().sasl_plugin(libvirt_gssapi::plugin())
}

async fn adapters<F: Future<Output = Result<Client, Error>>>(
    uri: &str,
    connect: impl Fn(String, Options) -> F,
) {
    exercise(
        &connect(uri.to_owned(), options())
            .await
            .expect("GSSAPI connects"),
    )
    .await;
}

#[test]
fn gssapi_over_plain_tcp_with_its_security_layer() {
    let kdc = Kdc::start();
    // SAFETY: the only test of this binary, before any thread of ours is
    // started: nothing reads the environment concurrently.
    unsafe {
        std::env::set_var("KRB5_CONFIG", kdc.krb5_config());
        std::env::set_var("KRB5CCNAME", kdc.ccache());
    }
    let daemon = Daemon::start_with(&DaemonOptions {
        gssapi_on_tcp: Some(kdc.dir()),
        ..DaemonOptions::default()
    });
    let uri = daemon.tcp_uri_for("localhost");
    assert!(virsh_hostname(&uri, &kdc.ccache()), "virsh connects");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(adapters(&uri, |u, o| async move {
        libvirt_tokio::Client::connect_with(Some(&u), o)
            .await
            .map(Into::into)
    }));
    smol::block_on(adapters(&uri, |u, o| async move {
        libvirt_smol::Client::connect_with(Some(&u), o)
            .await
            .map(Into::into)
    }));
    futures_lite::future::block_on(adapters(&uri, |u, o| async move {
        libvirt_blocking::Client::connect_with(Some(&u), o)
            .and_then(libvirt_blocking::Client::into_async)
    }));

    // Without the plug-in, the error names it.
    let e = futures_lite::future::block_on(async {
        libvirt_blocking::Client::connect_with(Some(&uri), Options::new()).unwrap_err()
    });
    assert!(e.to_string().contains("libvirt-gssapi"), "{e}");

    // Without a ticket, both fail; the error says to kinit.
    let empty = kdc.dir().join("no-ticket");
    assert!(!virsh_hostname(&uri, &empty));
    // SAFETY: as above; the clients of this test are closed.
    unsafe { std::env::set_var("KRB5CCNAME", &empty) };
    let e = futures_lite::future::block_on(async {
        libvirt_blocking::Client::connect_with(Some(&uri), options()).unwrap_err()
    });
    assert!(
        matches!(&e, Error::Connection(ConnectionError::Auth(_))),
        "{e:?}"
    );
    assert!(e.to_string().contains("kinit"), "{e}");
}
