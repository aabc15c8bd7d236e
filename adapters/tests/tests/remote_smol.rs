//! The TLS, SASL and ssh scenarios through `libvirt-smol`.

mod remote_suite;

use std::future::Future;
use std::time::Duration;

use libvirt_client::{Client, Error, Options};
use remote_suite::Adapter;

struct Smol;

impl Adapter for Smol {
    fn block_on<T>(f: impl Future<Output = T>) -> T {
        smol::block_on(f)
    }

    async fn connect(uri: String, options: Options) -> Result<Client, Error> {
        libvirt_smol::Client::connect_with(Some(&uri), options)
            .await
            .map(Into::into)
    }

    async fn sleep(d: Duration) {
        smol::Timer::after(d).await;
    }
}

remote_suite::remote_tests!(Smol);
