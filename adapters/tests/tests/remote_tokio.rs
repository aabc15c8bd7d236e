//! The TLS, SASL and ssh scenarios through `libvirt-tokio`.

mod remote_suite;

use std::future::Future;
use std::time::Duration;

use libvirt_client::{Client, Error, Options};
use remote_suite::Adapter;

struct Tokio;

impl Adapter for Tokio {
    fn block_on<T>(f: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(f)
    }

    async fn connect(uri: String, options: Options) -> Result<Client, Error> {
        libvirt_tokio::Client::connect_with(Some(&uri), options)
            .await
            .map(Into::into)
    }

    fn sleep(d: Duration) -> impl Future<Output = ()> {
        tokio::time::sleep(d)
    }
}

macro_rules! suite {
    ($($name:ident)*) => {$(
        #[test]
        fn $name() {
            remote_suite::run::<Tokio, _>(remote_suite::$name::<Tokio>);
        }
    )*};
}

suite! {
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
}
