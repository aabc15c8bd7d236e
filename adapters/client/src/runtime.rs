//! What an adapter provides ([`Runtime`]: its sockets, tasks and timers)
//! and what is written once over it: connecting ([`connect_target`]:
//! [`dial`] within the connect timeout, the transport's layers, then
//! [`start`]: the driver run and the open sequence awaited), and the
//! constructors of the async adapters' `Client` ([`RuntimeClient`]).

use std::fmt;
use std::future::{Future, poll_fn};
use std::io;
use std::marker::PhantomData;
use std::ops::Deref;
use std::pin::{Pin, pin};
use std::task::Poll;
use std::time::Duration;

use libvirt_core::Open;

use crate::io::{Driver, Io};
use crate::transport::{Connector, Dial, Layered};
use crate::{AuthTarget, Client, Error, Options, ReconnectPolicy, Reconnecting, Target};

/// A boxed future, as a [`Runtime`] takes and hands them out.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// A runtime's glue: its sockets, tasks and timers. Everything else is
/// written once over it in this crate: [`connect_target`] and
/// [`RuntimeClient`] (`connect`, `connect_with`, `connect_admin`,
/// `from_unix`, `from_tcp`, `connect_reconnecting`), [`Reconnecting`]
/// and [`crate::migrate()`].
///
/// The transports are not the runtime's business: TLS and SASL's
/// security layer are byte layers that [`Connector::wrap`] puts on its
/// [`Runtime::Io`], and an `ssh` child comes as an already connected
/// socket ([`Dial::Connected`]).
///
/// The items that name the runtime's types need `Self: Sized`, so that
/// `dyn Runtime` stays usable where only tasks and timers are needed
/// (a reconnecting client's supervisor, migration's progress ticks).
///
/// Each adapter provides one: `libvirt_tokio::TokioRuntime`,
/// `libvirt_smol::SmolRuntime`, and `libvirt_blocking::ThreadRuntime`
/// (std sockets, threads; its own `Client` drives a connection from the
/// threads that wait on it, and dials through [`dial`]).
pub trait Runtime: Send + Sync + 'static {
    /// A connected socket on this runtime, with a timer: what the
    /// [`Driver`] runs on (under the transport's [`Layered`]).
    type Io: Io
    where
        Self: Sized;

    /// The runtime's UNIX stream, for [`RuntimeClient::from_unix`].
    type UnixStream
    where
        Self: Sized;

    /// The runtime's TCP stream, for [`RuntimeClient::from_tcp`].
    type TcpStream
    where
        Self: Sized;

    /// Connects the socket `dial` names: a UNIX socket, TCP (with
    /// `TCP_NODELAY`, as libvirt sets it), or an already connected socket
    /// to adopt ([`Dial::Connected`]). `timeout` is the connect timeout:
    /// [`connect_target`] bounds the whole dial by it with
    /// [`Runtime::sleep`], so only a runtime whose dial blocks the thread
    /// needs to apply it itself.
    fn dial(
        &self,
        dial: Dial,
        timeout: Option<Duration>,
    ) -> impl Future<Output = io::Result<Self::Io>> + Send
    where
        Self: Sized;

    /// The I/O on a UNIX stream that the caller connected.
    fn unix_io(&self, socket: Self::UnixStream) -> io::Result<Self::Io>
    where
        Self: Sized;

    /// The I/O on a TCP stream that the caller connected.
    fn tcp_io(&self, socket: Self::TcpStream) -> io::Result<Self::Io>
    where
        Self: Sized;

    /// Runs `task` to completion in the background (a reconnecting
    /// client's supervisor).
    fn spawn(&self, task: BoxFuture<()>);

    /// Runs a connection's driver until the connection is over: as a task
    /// ([`Runtime::spawn`], unless the runtime says otherwise), or on a
    /// thread of its own where the [`Runtime::Io`] needs a thread to wait
    /// in (the blocking adapter's).
    fn run_driver(&self, driver: Driver<Layered<Self::Io>>)
    where
        Self: Sized,
    {
        self.spawn(Box::pin(driver));
    }

    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<()>;
}

/// Connects the socket of `target`'s endpoint on `runtime` within the
/// connect timeout ([`Options::connect_timeout`]), and puts the transport's
/// layers on it (TLS, the `ssh` child: see [`Connector`]).
pub async fn dial<R: Runtime>(
    runtime: &R,
    target: &Target,
    options: &Options,
) -> Result<Layered<R::Io>, Error> {
    let (dial, connector) = Connector::new(&target.endpoint)?;
    let timeout = options.connect_timeout_value();
    let socket = async {
        runtime
            .dial(dial, timeout)
            .await
            .map_err(|source| Error::Connect {
                endpoint: target.endpoint.to_string(),
                source,
            })
    };
    let io = match timeout {
        Some(t) => within(runtime, t, socket).await?,
        None => socket.await?,
    };
    connector.wrap(io)
}

/// Starts a client on a connected socket: runs its [`Driver`] on
/// `runtime` ([`Runtime::run_driver`]) and the open sequence, within the
/// connect timeout.
pub async fn start<R: Runtime>(
    runtime: &R,
    io: Layered<R::Io>,
    open: Open,
    auth: AuthTarget,
    options: &Options,
) -> Result<Client, Error> {
    let (client, driver) = Client::with_auth(io, open, auth, options);
    runtime.run_driver(driver);
    client.ready(options.connect_timeout_value()).await?;
    Ok(client)
}

/// Connects to a resolved target on `runtime` ([`dial`], then [`start`]):
/// a UNIX socket, TCP, TLS over TCP, or an `ssh` child.
pub async fn connect_target<R: Runtime>(
    runtime: &R,
    target: Target,
    options: Options,
) -> Result<Client, Error> {
    let io = dial(runtime, &target, &options).await?;
    start(runtime, io, target.open, target.auth, &options).await
}

/// `fut`'s output, or [`Error::Timeout`] once `t` has passed first.
pub(crate) async fn within<R: Runtime + ?Sized, T>(
    runtime: &R,
    t: Duration,
    fut: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    let mut fut = pin!(fut);
    let mut timer = runtime.sleep(t);
    poll_fn(|cx| {
        if let Poll::Ready(r) = fut.as_mut().poll(cx) {
            return Poll::Ready(r);
        }
        timer.as_mut().poll(cx).map(|()| Err(Error::Timeout(t)))
    })
    .await
}

/// A [`Client`] on the runtime `R`, with the constructors every async
/// adapter offers: `libvirt_tokio::Client` and `libvirt_smol::Client` are
/// this type for their runtimes. It dereferences to [`Client`] (every
/// generated procedure, events, streams, `close`) and is cheap to clone.
pub struct RuntimeClient<R> {
    client: Client,
    _runtime: PhantomData<fn() -> R>,
}

impl<R> Clone for RuntimeClient<R> {
    fn clone(&self) -> Self {
        RuntimeClient {
            client: self.client.clone(),
            _runtime: PhantomData,
        }
    }
}

impl<R> fmt::Debug for RuntimeClient<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Client").field(&self.client).finish()
    }
}

impl<R> Deref for RuntimeClient<R> {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl<R> From<RuntimeClient<R>> for Client {
    fn from(c: RuntimeClient<R>) -> Self {
        c.client
    }
}

impl<R: Runtime + Default> RuntimeClient<R> {
    fn new(client: Client) -> Self {
        RuntimeClient {
            client,
            _runtime: PhantomData,
        }
    }

    /// Connects to a libvirt URI (`qemu:///system`, `test+tcp://host/default`,
    /// `qemu:///session`, `...?socket=/path`), as virsh does.
    pub async fn connect(uri: &str) -> Result<Self, Error> {
        Self::connect_with(Some(uri), Options::new()).await
    }

    /// Connects with options; `uri` `None` means `LIBVIRT_DEFAULT_URI`, or
    /// else the daemon's default.
    pub async fn connect_with(uri: Option<&str>, options: Options) -> Result<Self, Error> {
        let target = Target::resolve(uri, &options)?;
        Self::connect_target(target, options).await
    }

    /// Connects to the admin socket of the daemon `uri` names
    /// (`libvirtd:///system`, `virtqemud:///session`, ...); the admin API
    /// (`AdminApi`) is then callable.
    pub async fn connect_admin(uri: Option<&str>, options: Options) -> Result<Self, Error> {
        let target = Target::resolve_admin(uri)?;
        Self::connect_target(target, options).await
    }

    /// Connects to a resolved target: a UNIX socket, TCP, TLS over TCP,
    /// or an `ssh` child.
    pub async fn connect_target(target: Target, options: Options) -> Result<Self, Error> {
        connect_target(&R::default(), target, options)
            .await
            .map(Self::new)
    }

    /// Runs the client on an already connected UNIX socket: spawns its I/O
    /// task on the runtime and runs the open sequence (`open`
    /// [`Open::Skip`] when the socket is already past it).
    pub async fn from_unix(
        socket: R::UnixStream,
        open: Open,
        options: Options,
    ) -> Result<Self, Error> {
        let runtime = R::default();
        let io = runtime.unix_io(socket).map_err(given_socket)?;
        Self::from_io(&runtime, io, open, options).await
    }

    /// Runs the client on an already connected TCP socket.
    pub async fn from_tcp(
        socket: R::TcpStream,
        open: Open,
        options: Options,
    ) -> Result<Self, Error> {
        let runtime = R::default();
        let io = runtime.tcp_io(socket).map_err(given_socket)?;
        Self::from_io(&runtime, io, open, options).await
    }

    async fn from_io(runtime: &R, io: R::Io, open: Open, options: Options) -> Result<Self, Error> {
        let kind = if io.passes_fds() { "unix" } else { "tcp" };
        let io = Layered::plain(io, kind);
        start(runtime, io, open, AuthTarget::default(), &options)
            .await
            .map(Self::new)
    }

    /// Connects with a client that reconnects when the connection dies
    /// (see [`Reconnecting`]): `uri` and `options` as for
    /// [`RuntimeClient::connect_with`], `policy` for when and how often.
    /// The first connection must succeed.
    pub async fn connect_reconnecting(
        uri: Option<&str>,
        options: Options,
        policy: ReconnectPolicy,
    ) -> Result<Reconnecting, Error> {
        let target = Target::resolve(uri, &options)?;
        Reconnecting::connect(R::default(), target, options, policy).await
    }
}

/// A failure to take on a socket the caller connected.
fn given_socket(source: io::Error) -> Error {
    Error::Connect {
        endpoint: "the given socket".into(),
        source,
    }
}
