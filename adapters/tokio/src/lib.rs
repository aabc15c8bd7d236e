//! libvirt-rs on Tokio: a pure-Rust libvirt client that speaks the RPC
//! protocol to libvirtd, virtqemud or virtproxyd, with no C library.
//!
//! ```no_run
//! use libvirt_tokio::Client;
//! use libvirt_tokio::prelude::*;
//!
//! # async fn demo() -> Result<(), libvirt_tokio::Error> {
//! let client = Client::connect("qemu:///system").await?;
//! println!("host: {}", client.connect_get_hostname().await?);
//! let domains = client.connect_list_all_domains(1, 0).await?;
//! for dom in domains.domains {
//!     println!("{}", dom.name);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! [`Client`] dereferences to [`libvirt_client::Client`]: every generated
//! procedure (through the traits in [`prelude`]), event subscriptions
//! (`domain_events`, ...), streams as `tokio::io::AsyncRead`/`AsyncWrite`,
//! per-call timeouts, `close`. One task per connection drives the socket;
//! there is no thread per connection.

use std::io;
use std::ops::Deref;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use libvirt_client::{AuthTarget, Connector, Dial, Io, fdio};
use libvirt_core::Open;
use tokio::io::Interest;
use tokio::io::unix::AsyncFd;
use tokio::time::Sleep;

pub use libvirt_client::{
    Chunk, Error, EventFilter, EventStream, LinkState, Notice, Options, ReconnectPolicy,
    Reconnecting, ReconnectingEvents, Stream, Target,
};
pub use libvirt_core;

pub use libvirt_client::prelude;

/// Tokio's side of a [`Reconnecting`] client: connecting, timers,
/// and the task that watches the connection.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioRuntime;

impl libvirt_client::Runtime for TokioRuntime {
    fn connect(
        &self,
        target: Target,
        options: Options,
    ) -> libvirt_client::BoxFuture<Result<libvirt_client::Client, Error>> {
        Box::pin(async move {
            Client::connect_target(target, options)
                .await
                .map(Into::into)
        })
    }

    fn sleep(&self, duration: std::time::Duration) -> libvirt_client::BoxFuture<()> {
        Box::pin(tokio::time::sleep(duration))
    }

    fn spawn(&self, task: libvirt_client::BoxFuture<()>) {
        drop(tokio::spawn(task));
    }
}

impl Client {
    /// Connects with a client that reconnects when the connection dies
    /// (see [`Reconnecting`]): `uri` and `options` as for
    /// [`Client::connect_with`], `policy` for when and how often. The first
    /// connection must succeed.
    pub async fn connect_reconnecting(
        uri: Option<&str>,
        options: Options,
        policy: ReconnectPolicy,
    ) -> Result<Reconnecting, Error> {
        let target = Target::resolve(uri, &options)?;
        Reconnecting::connect(TokioRuntime, target, options, policy).await
    }
}

/// A libvirt connection on Tokio; see [`libvirt_client::Client`] for what it
/// does (it dereferences to it). Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client(libvirt_client::Client);

impl Deref for Client {
    type Target = libvirt_client::Client;

    fn deref(&self) -> &libvirt_client::Client {
        &self.0
    }
}

impl From<Client> for libvirt_client::Client {
    fn from(c: Client) -> Self {
        c.0
    }
}

impl Client {
    /// Connects to a libvirt URI (`qemu:///system`, `test+tcp://host/default`,
    /// `qemu:///session`, `...?socket=/path`), as virsh does.
    pub async fn connect(uri: &str) -> Result<Client, Error> {
        Client::connect_with(Some(uri), Options::new()).await
    }

    /// Connects with options; `uri` `None` means `LIBVIRT_DEFAULT_URI`, or
    /// else the daemon's default.
    pub async fn connect_with(uri: Option<&str>, options: Options) -> Result<Client, Error> {
        let target = Target::resolve(uri, &options)?;
        Client::connect_target(target, options).await
    }

    /// Connects to the admin socket of the daemon `uri` names
    /// (`libvirtd:///system`, `virtqemud:///session`, ...); the admin API
    /// (`AdminApi`) is then callable.
    pub async fn connect_admin(uri: Option<&str>, options: Options) -> Result<Client, Error> {
        let target = Target::resolve_admin(uri)?;
        Client::connect_target(target, options).await
    }

    /// Connects to a resolved target: a UNIX socket, TCP, TLS over TCP,
    /// or an `ssh` child.
    pub async fn connect_target(target: Target, options: Options) -> Result<Client, Error> {
        let (dial, connector) = Connector::new(&target.endpoint)?;
        let connect = async {
            let socket: io::Result<Socket> = match dial {
                Dial::Unix(path) => tokio::net::UnixStream::connect(path)
                    .await
                    .map(Socket::Unix),
                Dial::Tcp { host, port } => {
                    match tokio::net::TcpStream::connect((host.as_str(), port)).await {
                        Ok(s) => s.set_nodelay(true).map(|()| Socket::Tcp(s)),
                        Err(e) => Err(e),
                    }
                }
                Dial::Connected(s) => s
                    .set_nonblocking(true)
                    .and_then(|()| tokio::net::UnixStream::from_std(s))
                    .map(Socket::Unix),
                other => Err(io::Error::new(
                    io::ErrorKind::Unsupported,
                    format!("cannot dial {other:?}"),
                )),
            };
            socket
                .and_then(Socket::register)
                .map_err(|source| Error::Connect {
                    endpoint: target.endpoint.to_string(),
                    source,
                })
        };
        let socket = match options.connect_timeout_value() {
            Some(t) => tokio::time::timeout(t, connect)
                .await
                .map_err(|_| Error::Timeout(t))??,
            None => connect.await?,
        };
        let io = connector.wrap(TokioIo::new(socket))?;
        Client::start(io, target.open, target.auth, options).await
    }

    /// Runs the client on an already connected UNIX socket: spawns its I/O
    /// task on the current runtime and runs the open sequence (`open`
    /// [`Open::Skip`] when the socket is already past it).
    pub async fn from_unix(
        socket: tokio::net::UnixStream,
        open: Open,
        options: Options,
    ) -> Result<Client, Error> {
        let io = TokioIo::new(Socket::Unix(socket).register_given()?);
        Client::start(io, open, AuthTarget::default(), options).await
    }

    /// Runs the client on an already connected TCP socket.
    pub async fn from_tcp(
        socket: tokio::net::TcpStream,
        open: Open,
        options: Options,
    ) -> Result<Client, Error> {
        let io = TokioIo::new(Socket::Tcp(socket).register_given()?);
        Client::start(io, open, AuthTarget::default(), options).await
    }

    async fn start<I: Io>(
        io: I,
        open: Open,
        auth: AuthTarget,
        options: Options,
    ) -> Result<Client, Error> {
        let (client, driver) = libvirt_client::Client::with_auth(io, open, auth, &options);
        tokio::spawn(driver);
        client.ready(options.connect_timeout_value()).await?;
        Ok(Client(client))
    }
}

/// A socket as Tokio's networking types connect it; the client then
/// registers its fd with [`AsyncFd`] (non-blocking, as `into_std` leaves
/// it).
enum Socket {
    Unix(tokio::net::UnixStream),
    Tcp(tokio::net::TcpStream),
}

impl Socket {
    /// The socket's fd registered with the reactor for reading, and
    /// whether it is a UNIX socket.
    fn register(self) -> io::Result<(AsyncFd<Arc<OwnedFd>>, bool)> {
        let (fd, unix) = match self {
            Socket::Unix(s) => (OwnedFd::from(s.into_std()?), true),
            Socket::Tcp(s) => (OwnedFd::from(s.into_std()?), false),
        };
        Ok((register(Arc::new(fd), Interest::READABLE)?, unix))
    }

    /// [`Socket::register`] for a socket the caller connected.
    fn register_given(self) -> Result<(AsyncFd<Arc<OwnedFd>>, bool), Error> {
        self.register().map_err(|source| Error::Connect {
            endpoint: "the given socket".into(),
            source,
        })
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
struct TokioIo {
    socket: AsyncFd<Arc<OwnedFd>>,
    writer: Option<AsyncFd<OwnedFd>>,
    unix: bool,
    sleep: Pin<Box<Sleep>>,
    armed: Option<Instant>,
}

impl TokioIo {
    fn new((socket, unix): (AsyncFd<Arc<OwnedFd>>, bool)) -> TokioIo {
        TokioIo {
            unix,
            socket,
            writer: None,
            sleep: Box::pin(tokio::time::sleep_until(tokio::time::Instant::now())),
            armed: None,
        }
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
        if Instant::now() >= deadline {
            return Poll::Ready(());
        }
        if self.armed != Some(deadline) {
            self.armed = Some(deadline);
            self.sleep.as_mut().reset(deadline.into());
        }
        self.sleep.as_mut().poll(cx)
    }

    fn cancel_sleep(&mut self) {
        if self.armed.take().is_some() {
            // A new `Sleep` is not in the timer wheel until it is polled;
            // the old one leaves it when dropped.
            self.sleep = Box::pin(tokio::time::sleep_until(tokio::time::Instant::now()));
        }
    }
}
