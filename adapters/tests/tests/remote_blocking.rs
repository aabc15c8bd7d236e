//! The TLS, SASL and ssh scenarios through `libvirt-blocking`: it
//! connects with the blocking API (the connecting thread drives TLS, SASL
//! and the ssh child through the open sequence), and the scenarios then
//! use the client underneath (`into_async`: a thread of the connection's
//! own drives it).

mod remote_suite;

use std::future::Future;
use std::time::Duration;

use libvirt_client::{Client, Error, Options};
use remote_suite::Adapter;

struct Blocking;

impl Adapter for Blocking {
    fn block_on<T>(f: impl Future<Output = T>) -> T {
        futures_lite::future::block_on(f)
    }

    async fn connect(uri: String, options: Options) -> Result<Client, Error> {
        libvirt_blocking::Client::connect_with(Some(&uri), options)
            .and_then(libvirt_blocking::Client::into_async)
    }

    fn sleep(d: Duration) -> impl Future<Output = ()> {
        libvirt_adapter_tests::thread_sleep(d)
    }
}

remote_suite::remote_tests!(Blocking);
