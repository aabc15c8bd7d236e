//! The real-hypervisor scenarios (QEMU, storage, migration) through `libvirt-smol`.

mod qemu_suite;

use std::future::Future;
use std::time::Duration;

use libvirt_client::{Client, Error, Options};
use qemu_suite::Adapter;

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

    fn runtime() -> Box<dyn libvirt_client::Runtime> {
        Box::new(libvirt_smol::SmolRuntime)
    }

    async fn sleep(d: Duration) {
        smol::Timer::after(d).await;
    }
}

qemu_suite::qemu_tests!(Smol);
