//! The TLS, SASL and ssh scenarios through `libvirt-blocking`: it
//! connects with the blocking API (its I/O thread carries TLS and the ssh
//! child), and the scenarios then use the client underneath.

mod remote_suite;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
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
        // No runtime: a thread wakes the waiter.
        let state: Arc<Mutex<(bool, Option<Waker>)>> = Arc::default();
        let timer = state.clone();
        std::thread::spawn(move || {
            std::thread::sleep(d);
            let mut s = timer.lock().unwrap();
            s.0 = true;
            if let Some(w) = s.1.take() {
                w.wake();
            }
        });
        std::future::poll_fn(move |cx| {
            let mut s = state.lock().unwrap();
            if s.0 {
                Poll::Ready(())
            } else {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}

remote_suite::remote_tests!(Blocking);
