//! libvirt-rs on Tokio: a pure-Rust libvirt client that speaks the RPC
//! protocol to libvirtd, virtqemud or virtproxyd, with no C library.
//!
//! ```no_run
//! use libvirt_tokio::enums::{ConnectListAllDomainsFlags, DomainXMLFlags};
//! use libvirt_tokio::prelude::*;
//! use libvirt_tokio::{Client, Domain};
//!
//! # async fn demo() -> Result<(), libvirt_tokio::Error> {
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
//! procedure (through the traits in [`prelude`]), event subscriptions
//! (`domain_events`, ...), streams as `tokio::io::AsyncRead`/`AsyncWrite`,
//! per-call timeouts, `close`. One task per connection drives the socket;
//! there is no thread per connection.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use libvirt_client::{Alarm, BoxFuture, Dial, Io, Timer, fdio};
use tokio::io::Interest;
use tokio::io::unix::AsyncFd;
use tokio::time::Sleep;

pub use libvirt_client::enums;
pub use libvirt_client::typed::*;
pub use libvirt_client::{
    Chunk, CommandLine, CommandLineError, Error, EventFilter, EventStream, LinkState, Notice,
    Options, ReconnectPolicy, Reconnecting, ReconnectingEvents, Stream, Target, TypedEvents,
};
pub use libvirt_core;

pub use libvirt_client::prelude;

/// A libvirt connection on Tokio, with its constructors (`connect`,
/// `connect_with`, `connect_admin`, `connect_target`, `from_unix`,
/// `from_tcp`, `connect_reconnecting`); see [`libvirt_client::Client`]
/// for what it does (it dereferences to it). Cheap to clone.
pub type Client = libvirt_client::RuntimeClient<TokioRuntime>;

/// Tokio's glue: its sockets (registered with its reactor), its tasks
/// (`tokio::spawn`, on the current runtime) and its timer. Connecting and
/// starting a client are written once over it in `libvirt-client`.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioRuntime;

impl libvirt_client::Runtime for TokioRuntime {
    type Io = TokioIo;
    type UnixStream = tokio::net::UnixStream;
    type TcpStream = tokio::net::TcpStream;

    async fn dial(&self, dial: Dial, _timeout: Option<Duration>) -> io::Result<TokioIo> {
        let (fd, unix) = match dial {
            Dial::Unix(path) => (
                OwnedFd::from(tokio::net::UnixStream::connect(path).await?.into_std()?),
                true,
            ),
            Dial::Tcp { host, port } => {
                let s = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
                s.set_nodelay(true)?;
                (OwnedFd::from(s.into_std()?), false)
            }
            Dial::Connected(s) => {
                s.set_nonblocking(true)?;
                (OwnedFd::from(s), true)
            }
            other => return Err(other.unsupported()),
        };
        TokioIo::new(fd, unix)
    }

    fn unix_io(&self, socket: tokio::net::UnixStream) -> io::Result<TokioIo> {
        TokioIo::new(OwnedFd::from(socket.into_std()?), true)
    }

    fn tcp_io(&self, socket: tokio::net::TcpStream) -> io::Result<TokioIo> {
        TokioIo::new(OwnedFd::from(socket.into_std()?), false)
    }

    fn spawn(&self, task: BoxFuture<()>) {
        drop(tokio::spawn(task));
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Registers `fd` with Tokio's reactor (edge-triggered) for `interest`.
#[allow(unsafe_code)]
fn register<F: AsRawFd>(fd: F, interest: Interest) -> io::Result<AsyncFd<F>> {
    // SAFETY: `register_with_interest` needs the fd to stay open and the
    // same for the `AsyncFd`'s whole life. The `AsyncFd` owns an `OwnedFd`
    // or a share of one (the client's write-through holds the other
    // shares, and only writes): nothing can close it before the last share
    // goes, and `as_raw_fd` always returns the one fd it holds.
    unsafe { AsyncFd::register_with_interest(fd, interest) }.map_err(io::Error::from)
}

/// Runs a non-blocking operation on `fd` when Tokio says it is ready. The
/// operation says whether it used up the readiness (a short read or
/// write: the socket's queue is empty, or full); then readiness is cleared
/// at once, and the next attempt waits for the reactor instead of paying
/// a system call for `EAGAIN`. Readiness that arrived meanwhile is not
/// lost: Tokio clears only the event this attempt saw.
fn poll_io<R, F: AsRawFd>(
    registered: &AsyncFd<F>,
    fd: BorrowedFd<'_>,
    cx: &mut Context<'_>,
    read: bool,
    mut op: impl FnMut(BorrowedFd<'_>) -> io::Result<(R, bool)>,
) -> Poll<io::Result<R>> {
    loop {
        let mut guard = if read {
            ready!(registered.poll_read_ready(cx))?
        } else {
            ready!(registered.poll_write_ready(cx))?
        };
        match guard.try_io(|_| op(fd)) {
            Ok(Ok((r, used_up))) => {
                if used_up {
                    guard.clear_ready();
                }
                return Poll::Ready(Ok(r));
            }
            Ok(Err(e)) => return Poll::Ready(Err(e)),
            // WouldBlock: readiness is cleared, wait for the next event.
            Err(_) => {}
        }
    }
}

/// A socket registered with Tokio's reactor, and a timer.
///
/// The socket is registered for reading only. A registration for writing
/// would wake the task each time the daemon reads a request (the socket
/// turns writable again: an edge), a context switch for nothing on every
/// call. Writes are tried directly; only when one finds the socket full is
/// a duplicate of the fd registered for writing, until a write goes
/// through whole again.
pub struct TokioIo {
    socket: AsyncFd<Arc<OwnedFd>>,
    writer: Option<AsyncFd<OwnedFd>>,
    unix: bool,
    alarm: Alarm<TokioTimer>,
}

/// Tokio's timer.
struct TokioTimer(Pin<Box<Sleep>>);

impl Timer for TokioTimer {
    fn reset(&mut self, deadline: Instant) {
        self.0.as_mut().reset(deadline.into());
    }

    fn poll_fired(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        self.0.as_mut().poll(cx)
    }

    fn disarm(&mut self) {
        // A new `Sleep` is not in the timer wheel until it is polled; the
        // old one leaves it when dropped.
        self.0 = Box::pin(tokio::time::sleep_until(tokio::time::Instant::now()));
    }
}

impl TokioIo {
    /// A connected socket (non-blocking, as `into_std` leaves it),
    /// registered with the reactor for reading; `unix` if fds can travel
    /// on it.
    fn new(fd: OwnedFd, unix: bool) -> io::Result<TokioIo> {
        Ok(TokioIo {
            unix,
            socket: register(Arc::new(fd), Interest::READABLE)?,
            writer: None,
            alarm: Alarm::new(TokioTimer(Box::pin(tokio::time::sleep_until(
                tokio::time::Instant::now(),
            )))),
        })
    }

    /// A write: tried at once while the socket has room, else when the
    /// write registration says it has room again.
    fn poll_write<R>(
        &mut self,
        cx: &mut Context<'_>,
        mut op: impl FnMut(BorrowedFd<'_>) -> io::Result<(R, bool)>,
    ) -> Poll<io::Result<R>> {
        let fd = self.socket.get_ref().as_fd();
        loop {
            if let Some(writer) = &self.writer {
                let mut still_full = false;
                let r = ready!(poll_io(writer, fd, cx, false, |s| {
                    let (r, full) = op(s)?;
                    still_full = full;
                    Ok((r, full))
                }))?;
                if !still_full {
                    // Room again: back to plain writes (this deregisters
                    // and closes the duplicate).
                    self.writer = None;
                }
                return Poll::Ready(Ok(r));
            }
            let done = match op(fd) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => None,
                Ok((r, full)) => Some((r, full)),
                Err(e) => return Poll::Ready(Err(e)),
            };
            if done.as_ref().is_none_or(|&(_, full)| full) {
                self.writer = Some(register(fd.try_clone_to_owned()?, Interest::WRITABLE)?);
            }
            if let Some((r, _)) = done {
                return Poll::Ready(Ok(r));
            }
        }
    }
}

impl Io for TokioIo {
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>> {
        poll_io(&self.socket, self.socket.get_ref().as_fd(), cx, true, |s| {
            fdio::recv_drained(s, buf, fds)
        })
    }

    fn poll_send(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.poll_write(cx, |s| fdio::send(s, buf).map(|n| (n, n < buf.len())))
    }

    fn poll_send_fd(&mut self, cx: &mut Context<'_>, fd: BorrowedFd<'_>) -> Poll<io::Result<()>> {
        self.poll_write(cx, |s| fdio::send_fd(s, fd).map(|()| ((), false)))
    }

    fn passes_fds(&self) -> bool {
        self.unix
    }

    fn write_through(&self) -> Option<Arc<OwnedFd>> {
        Some(self.socket.get_ref().clone())
    }

    fn poll_sleep_until(&mut self, cx: &mut Context<'_>, deadline: Instant) -> Poll<()> {
        self.alarm.poll_sleep_until(cx, deadline)
    }

    fn cancel_sleep(&mut self) {
        self.alarm.cancel();
    }
}
