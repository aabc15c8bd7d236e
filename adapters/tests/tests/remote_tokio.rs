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

remote_suite::remote_tests!(Tokio);
