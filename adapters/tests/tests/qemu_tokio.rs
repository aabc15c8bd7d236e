//! The real-hypervisor scenarios (QEMU, storage, migration) through `libvirt-tokio`.

mod qemu_suite;

use std::future::Future;
use std::time::Duration;

use libvirt_client::{Client, Error, Options};
use qemu_suite::Adapter;

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

    fn runtime() -> Box<dyn libvirt_client::Runtime> {
        Box::new(libvirt_tokio::TokioRuntime)
    }

    fn sleep(d: Duration) -> impl Future<Output = ()> {
        tokio::time::sleep(d)
    }
}

qemu_suite::qemu_tests!(Tokio);
