//! libvirt-rs on smol / async-io: a pure-Rust libvirt client that speaks the
//! RPC protocol to libvirtd, virtqemud or virtproxyd, with no C library.
//!
//! ```no_run
//! use libvirt_smol::Client;
//! use libvirt_smol::prelude::*;
//!
//! smol::block_on(async {
//!     let client = Client::connect("qemu:///system").await?;
//!     println!("host: {}", client.connect_get_hostname().await?);
//!     client.close().await
//! })?;
//! # Ok::<(), libvirt_smol::Error>(())
//! ```
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
use std::ops::Deref;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use async_io::{Async, Timer};
use libvirt_client::{AuthTarget, Connector, Dial, Io, fdio};
use libvirt_core::Open;
use smol::future::FutureExt;

pub use libvirt_client::{
    Chunk, Error, EventFilter, EventStream, LinkState, Notice, Options, ReconnectPolicy,
    Reconnecting, ReconnectingEvents, Stream, Target,
};
pub use libvirt_core;

pub use libvirt_client::prelude;

/// smol's (async-io's timers, smol's global executor) side of a [`Reconnecting`] client: connecting, timers,
/// and the task that watches the connection.
#[derive(Clone, Copy, Debug, Default)]
pub struct SmolRuntime;

impl libvirt_client::Runtime for SmolRuntime {
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
        Box::pin(async move {
            Timer::after(duration).await;
        })
    }

    fn spawn(&self, task: libvirt_client::BoxFuture<()>) {
        smol::spawn(task).detach();
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
        Reconnecting::connect(SmolRuntime, target, options, policy).await
    }
}

/// A libvirt connection on smol; see [`libvirt_client::Client`] for what it
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
    /// (`libvirtd:///system`, `virtqemud:///session`, ...).
    pub async fn connect_admin(uri: Option<&str>, options: Options) -> Result<Client, Error> {
        let target = Target::resolve_admin(uri)?;
        Client::connect_target(target, options).await
    }

    /// Connects to a resolved target: a UNIX socket, TCP, TLS over TCP,
    /// or an `ssh` child.
    pub async fn connect_target(target: Target, options: Options) -> Result<Client, Error> {
        let (dial, connector) = Connector::new(&target.endpoint)?;
        let connect = async {
            connect_socket(dial).await.map_err(|source| Error::Connect {
                endpoint: target.endpoint.to_string(),
                source,
            })
        };
        let socket = match options.connect_timeout_value() {
            Some(t) => {
                connect
                    .or(async {
                        Timer::after(t).await;
                        Err(Error::Timeout(t))
                    })
                    .await?
            }
            None => connect.await?,
        };
        let io = connector.wrap(SmolIo::new(socket))?;
        Client::start(io, target.open, target.auth, options).await
    }

    /// Runs the client on an already connected UNIX socket: spawns its I/O
    /// task and runs the open sequence (`open` [`Open::Skip`] when the
    /// socket is already past it).
    pub async fn from_unix(
        socket: Async<UnixStream>,
        open: Open,
        options: Options,
    ) -> Result<Client, Error> {
        let io = SmolIo::new(Socket::Unix(socket));
        Client::start(io, open, AuthTarget::default(), options).await
    }

    /// Runs the client on an already connected TCP socket.
    pub async fn from_tcp(
        socket: Async<TcpStream>,
        open: Open,
        options: Options,
    ) -> Result<Client, Error> {
        let io = SmolIo::new(Socket::Tcp(socket));
        Client::start(io, open, AuthTarget::default(), options).await
    }

    async fn start<I: Io>(
        io: I,
        open: Open,
        auth: AuthTarget,
        options: Options,
    ) -> Result<Client, Error> {
        let (client, driver) = libvirt_client::Client::with_auth(io, open, auth, &options);
        smol::spawn(driver).detach();
        client.ready(options.connect_timeout_value()).await?;
        Ok(Client(client))
    }
}

async fn connect_socket(dial: Dial) -> io::Result<Socket> {
    match dial {
        Dial::Unix(path) => Ok(Socket::Unix(Async::<UnixStream>::connect(path).await?)),
        Dial::Connected(s) => Ok(Socket::Unix(Async::new(s)?)),
        Dial::Tcp { host, port } => {
            let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
            for addr in smol::net::resolve((host.as_str(), port)).await? {
                match Async::<TcpStream>::connect(addr).await {
                    Ok(s) => {
                        s.get_ref().set_nodelay(true)?;
                        return Ok(Socket::Tcp(s));
                    }
                    Err(e) => last = e,
                }
            }
            Err(last)
        }
        other => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("cannot dial {other:?}"),
        )),
    }
}

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
struct SmolIo {
    socket: Socket,
    /// The last read drained the socket: wait for readiness before the
    /// next one.
    drained: bool,
    unix: bool,
    timer: Timer,
    armed: Option<Instant>,
}

impl SmolIo {
    fn new(socket: Socket) -> SmolIo {
        SmolIo {
            unix: matches!(socket, Socket::Unix(_)),
            socket,
            drained: false,
            timer: Timer::never(),
            armed: None,
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
        if Instant::now() >= deadline {
            return Poll::Ready(());
        }
        if self.armed != Some(deadline) {
            self.armed = Some(deadline);
            self.timer.set_at(deadline);
        }
        Pin::new(&mut self.timer).poll(cx).map(|_| ())
    }

    fn cancel_sleep(&mut self) {
        if self.armed.take().is_some() {
            // A timer that never fires is not registered with the reactor.
            self.timer = Timer::never();
        }
    }
}
