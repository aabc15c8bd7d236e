//! libvirt-rs on smol / async-io: a pure-Rust libvirt client that speaks the
//! RPC protocol to libvirtd, virtqemud or virtproxyd, with no C library.
//!
//! ```no_run
//! use libvirt_smol::enums::{ConnectListAllDomainsFlags, DomainXMLFlags};
//! use libvirt_smol::prelude::*;
//! use libvirt_smol::{Client, Domain};
//!
//! # async fn demo() -> Result<(), libvirt_smol::Error> {
//! let client = Client::connect("qemu:///system").await?;
//! println!("host: {}", client.get_hostname().await?);
//! for dom in client.list_all_domains(ConnectListAllDomainsFlags::ACTIVE).await? {
//!     let info = dom.get_info().await?;
//!     println!("{} {} {} KiB", dom.name(), info.state, info.memory_kib);
//! }
//! let web = Domain::lookup_by_name(&client, "web").await?;
//! let xml = web.get_xml_desc(DomainXMLFlags::INACTIVE).await?;
//! # let _ = xml;
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! **Where the methods are.** The typed API (`libvirt_api`, generated
//! from libvirt's API description): the connection-level calls
//! (`virConnect*`, `virNode*`: `get_hostname`, `list_all_domains`, ...) are
//! the methods of [`libvirt_api::ConnectApi`](libvirt_client::libvirt_api::ConnectApi),
//! brought in by the [`prelude`]; every object's calls are methods of its
//! handle ([`Domain`], [`Network`], [`StoragePool`], [`StorageVol`],
//! [`NodeDevice`], [`Secret`], [`Interface`], [`NWFilter`],
//! [`NWFilterBinding`], [`DomainSnapshot`], [`DomainCheckpoint`],
//! [`NetworkPort`]), and lookups are associated functions of the handle
//! (`Domain::lookup_by_name(&client, ..)`). A search for a C name
//! (`virDomainGetInfo`) finds its method. The raw procedures stay
//! underneath (`client.domain_get_info(raw_dom)`, also in the prelude).
//!
//! [`Client`] dereferences to [`libvirt_client::Client`]: every generated
//! procedure (through the traits in [`prelude`]), event subscriptions,
//! streams as `futures_io::AsyncRead`/`AsyncWrite`, per-call timeouts,
//! `close`. The connection's I/O task runs on smol's global executor
//! (`smol::spawn`); sockets and timers are async-io's, so any executor that
//! runs async-io works.
//!
//! For many calls in a row, run the work as a task on the same executor
//! (`smol::block_on(smol::spawn(async move { ... }))`): a call made from
//! `block_on`'s own thread crosses to the I/O task's thread and back, some
//! four context switches a call instead of one (BENCHMARKS.md).

use std::io;
use std::net::TcpStream;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use async_io::{Async, Timer};
use libvirt_client::{Alarm, BoxFuture, Dial, Io, fdio};

pub use libvirt_client::enums;
pub use libvirt_client::typed::*;
pub use libvirt_client::{
    Chunk, CommandLine, CommandLineError, Error, EventFilter, EventStream, LinkState, Notice,
    Options, ReconnectPolicy, Reconnecting, ReconnectingEvents, Stream, Target, TypedEvents,
};
pub use libvirt_core;

pub use libvirt_client::prelude;

/// A libvirt connection on smol, with its constructors (`connect`,
/// `connect_with`, `connect_admin`, `connect_target`, `from_unix`,
/// `from_tcp`, `connect_reconnecting`); see [`libvirt_client::Client`]
/// for what it does (it dereferences to it). Cheap to clone.
pub type Client = libvirt_client::RuntimeClient<SmolRuntime>;

/// smol's glue: async-io's sockets and timers, and smol's global executor
/// for tasks. Connecting and starting a client are written once over it
/// in `libvirt-client`.
#[derive(Clone, Copy, Debug, Default)]
pub struct SmolRuntime;

impl libvirt_client::Runtime for SmolRuntime {
    type Io = SmolIo;
    type UnixStream = Async<UnixStream>;
    type TcpStream = Async<TcpStream>;

    async fn dial(&self, dial: Dial, _timeout: Option<Duration>) -> io::Result<SmolIo> {
        let socket = match dial {
            Dial::Unix(path) => Socket::Unix(Async::<UnixStream>::connect(path).await?),
            Dial::Connected(s) => Socket::Unix(Async::new(s)?),
            Dial::Tcp { host, port } => Socket::Tcp(connect_tcp(&host, port).await?),
            other => return Err(other.unsupported()),
        };
        Ok(SmolIo::new(socket))
    }

    fn unix_io(&self, socket: Async<UnixStream>) -> io::Result<SmolIo> {
        Ok(SmolIo::new(Socket::Unix(socket)))
    }

    fn tcp_io(&self, socket: Async<TcpStream>) -> io::Result<SmolIo> {
        Ok(SmolIo::new(Socket::Tcp(socket)))
    }

    fn spawn(&self, task: BoxFuture<()>) {
        smol::spawn(task).detach();
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<()> {
        Box::pin(async move {
            Timer::after(duration).await;
        })
    }
}

/// Connects to the first of `host`'s addresses that answers.
async fn connect_tcp(host: &str, port: u16) -> io::Result<Async<TcpStream>> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
    for addr in smol::net::resolve((host, port)).await? {
        match Async::<TcpStream>::connect(addr).await {
            Ok(s) => {
                s.get_ref().set_nodelay(true)?;
                return Ok(s);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A socket registered with async-io's reactor.
enum Socket {
    Unix(Async<UnixStream>),
    Tcp(Async<TcpStream>),
}

impl Socket {
    /// Runs a non-blocking operation, waiting for readiness on
    /// `WouldBlock`. With `wait_first` (the last read came back short: the
    /// socket was drained), it waits for readiness before trying, which
    /// saves the system call that would only say `EAGAIN`; async-io
    /// re-arms its one-shot registration then, so data that came meanwhile
    /// is reported at once.
    fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        read: bool,
        wait_first: &mut bool,
        mut op: impl FnMut(BorrowedFd<'_>) -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            if !std::mem::take(wait_first) {
                let fd = match self {
                    Socket::Unix(s) => s.get_ref().as_fd(),
                    Socket::Tcp(s) => s.get_ref().as_fd(),
                };
                match op(fd) {
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    other => return Poll::Ready(other),
                }
            }
            let ready = match (self, read) {
                (Socket::Unix(s), true) => s.poll_readable(cx),
                (Socket::Unix(s), false) => s.poll_writable(cx),
                (Socket::Tcp(s), true) => s.poll_readable(cx),
                (Socket::Tcp(s), false) => s.poll_writable(cx),
            };
            if ready.is_pending() {
                *wait_first = read;
                return Poll::Pending;
            }
            if let Poll::Ready(Err(e)) = ready {
                return Poll::Ready(Err(e));
            }
        }
    }
}

/// A socket registered with async-io's reactor, and a timer.
pub struct SmolIo {
    socket: Socket,
    /// The last read drained the socket: wait for readiness before the
    /// next one.
    drained: bool,
    unix: bool,
    alarm: Alarm<SmolTimer>,
}

/// async-io's timer.
struct SmolTimer(Timer);

impl libvirt_client::Timer for SmolTimer {
    fn reset(&mut self, deadline: Instant) {
        self.0.set_at(deadline);
    }

    fn poll_fired(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.0).poll(cx).map(|_| ())
    }

    fn disarm(&mut self) {
        // A timer that never fires is not registered with the reactor.
        self.0 = Timer::never();
    }
}

impl SmolIo {
    fn new(socket: Socket) -> SmolIo {
        SmolIo {
            unix: matches!(socket, Socket::Unix(_)),
            socket,
            drained: false,
            alarm: Alarm::new(SmolTimer(Timer::never())),
        }
    }
}

impl Io for SmolIo {
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>> {
        let mut wait_first = self.drained;
        let r = self.socket.poll_io(cx, true, &mut wait_first, |s| {
            fdio::recv_drained(s, buf, fds)
        });
        self.drained = match &r {
            Poll::Ready(Ok((_, drained))) => *drained,
            Poll::Ready(Err(_)) => false,
            Poll::Pending => wait_first,
        };
        r.map_ok(|(n, _)| n)
    }

    fn poll_send(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.socket
            .poll_io(cx, false, &mut false, |s| fdio::send(s, buf))
    }

    fn poll_send_fd(&mut self, cx: &mut Context<'_>, fd: BorrowedFd<'_>) -> Poll<io::Result<()>> {
        self.socket
            .poll_io(cx, false, &mut false, |s| fdio::send_fd(s, fd))
    }

    fn passes_fds(&self) -> bool {
        self.unix
    }

    fn poll_sleep_until(&mut self, cx: &mut Context<'_>, deadline: Instant) -> Poll<()> {
        self.alarm.poll_sleep_until(cx, deadline)
    }

    fn cancel_sleep(&mut self) {
        self.alarm.cancel();
    }
}
