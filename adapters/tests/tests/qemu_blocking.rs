//! The real-hypervisor scenarios (QEMU, storage, migration) through
//! `libvirt-blocking`: it connects with the blocking API, and the
//! scenarios then use the client underneath (`into_async`: a thread of
//! the connection's own drives it).

mod qemu_suite;

use std::future::Future;
use std::time::Duration;

use libvirt_client::{Client, Error, Options};
use qemu_suite::Adapter;

struct Blocking;

impl Adapter for Blocking {
    fn block_on<T>(f: impl Future<Output = T>) -> T {
        futures_lite::future::block_on(f)
    }

    async fn connect(uri: String, options: Options) -> Result<Client, Error> {
        libvirt_blocking::Client::connect_with(Some(&uri), options)
            .and_then(libvirt_blocking::Client::into_async)
    }

    fn runtime() -> Box<dyn libvirt_client::Runtime> {
        Box::new(libvirt_blocking::ThreadRuntime)
    }

    fn sleep(d: Duration) -> impl Future<Output = ()> {
        libvirt_adapter_tests::thread_sleep(d)
    }
}

qemu_suite::qemu_tests!(Blocking);
