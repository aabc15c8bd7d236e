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
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use libvirt_client::libvirt_transport::Endpoint;
use libvirt_client::{Io, fdio};
use libvirt_core::Open;
use tokio::io::Interest;
use tokio::time::Sleep;

pub use libvirt_client::{Chunk, Error, EventStream, Options, Stream, Target};
pub use libvirt_core;

pub use libvirt_client::prelude;

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

    /// Connects to a resolved target.
    pub async fn connect_target(target: Target, options: Options) -> Result<Client, Error> {
        let connect = async {
            let socket: io::Result<Socket> = match &target.endpoint {
                Endpoint::Unix(path) => tokio::net::UnixStream::connect(path)
                    .await
                    .map(Socket::Unix),
                Endpoint::Tcp { host, port } => {
                    match tokio::net::TcpStream::connect((host.as_str(), *port)).await {
                        Ok(s) => s.set_nodelay(true).map(|()| Socket::Tcp(s)),
                        Err(e) => Err(e),
                    }
                }
                other => Err(io::Error::new(
                    io::ErrorKind::Unsupported,
                    format!("no transport for {other}"),
                )),
            };
            socket.map_err(|source| Error::Connect {
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
        Client::start(socket, target.open, options).await
    }

    /// Runs the client on an already connected UNIX socket: spawns its I/O
    /// task on the current runtime and runs the open sequence (`open`
    /// [`Open::Skip`] when the socket is already past it).
    pub async fn from_unix(
        socket: tokio::net::UnixStream,
        open: Open,
        options: Options,
    ) -> Result<Client, Error> {
        Client::start(Socket::Unix(socket), open, options).await
    }

    /// Runs the client on an already connected TCP socket.
    pub async fn from_tcp(
        socket: tokio::net::TcpStream,
        open: Open,
        options: Options,
    ) -> Result<Client, Error> {
        Client::start(Socket::Tcp(socket), open, options).await
    }

    async fn start(socket: Socket, open: Open, options: Options) -> Result<Client, Error> {
        let io = TokioIo {
            unix: matches!(socket, Socket::Unix(_)),
            socket,
            sleep: Box::pin(tokio::time::sleep_until(tokio::time::Instant::now())),
            armed: None,
        };
        let (client, driver) = libvirt_client::Client::new(io, open, &options);
        tokio::spawn(driver);
        client.ready(options.connect_timeout_value()).await?;
        Ok(Client(client))
    }
}

enum Socket {
    Unix(tokio::net::UnixStream),
    Tcp(tokio::net::TcpStream),
}

impl Socket {
    /// Runs a non-blocking operation on the socket when Tokio says it is
    /// ready.
    fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        interest: Interest,
        mut op: impl FnMut(BorrowedFd<'_>) -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            let ready = match (self, interest == Interest::READABLE) {
                (Socket::Unix(s), true) => s.poll_read_ready(cx),
                (Socket::Unix(s), false) => s.poll_write_ready(cx),
                (Socket::Tcp(s), true) => s.poll_read_ready(cx),
                (Socket::Tcp(s), false) => s.poll_write_ready(cx),
            };
            ready!(ready)?;
            let result = match self {
                Socket::Unix(s) => s.try_io(interest, || op(s.as_fd())),
                Socket::Tcp(s) => s.try_io(interest, || op(s.as_fd())),
            };
            match result {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                other => return Poll::Ready(other),
            }
        }
    }
}

/// A socket registered with Tokio's reactor, and a timer.
struct TokioIo {
    socket: Socket,
    unix: bool,
    sleep: Pin<Box<Sleep>>,
    armed: Option<Instant>,
}

impl Io for TokioIo {
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>> {
        self.socket
            .poll_io(cx, Interest::READABLE, |s| fdio::recv(s, buf, fds))
    }

    fn poll_send(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.socket
            .poll_io(cx, Interest::WRITABLE, |s| fdio::send(s, buf))
    }

    fn poll_send_fd(&mut self, cx: &mut Context<'_>, fd: BorrowedFd<'_>) -> Poll<io::Result<()>> {
        self.socket
            .poll_io(cx, Interest::WRITABLE, |s| fdio::send_fd(s, fd))
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
            self.sleep.as_mut().reset(deadline.into());
        }
        self.sleep.as_mut().poll(cx)
    }
}
