//! libvirt-rs with blocking std sockets and threads: a pure-Rust libvirt
//! client that speaks the RPC protocol to libvirtd, virtqemud or
//! virtproxyd, with no C library and no async runtime.
//!
//! ```no_run
//! use libvirt_blocking::enums::ConnectListAllDomainsFlags;
//! use libvirt_blocking::prelude::*;
//! use libvirt_blocking::{Client, Domain};
//!
//! let client = Client::connect("qemu:///system")?;
//! println!("host: {}", client.get_hostname()?);
//! for dom in client.list_all_domains(ConnectListAllDomainsFlags::empty())? {
//!     println!("{} {}", dom.name(), dom.get_info()?.state);
//! }
//! Domain::lookup_by_name(&client, "web")?.suspend()?;
//! client.close()?;
//! # Ok::<(), libvirt_blocking::Error>(())
//! ```
//!
//! **Where the methods are.** The typed API (`libvirt_api`, generated
//! from libvirt's API description): the connection-level calls are the
//! methods of [`libvirt_api::ConnectBlockingApi`], brought in by the
//! [`prelude`]; every object's calls are methods of its handle
//! ([`Domain`], [`Network`], [`StoragePool`], [`StorageVol`], ...), and
//! lookups are associated functions of the handle. A search for a C name
//! (`virDomainGetInfo`) finds its method. The raw procedures stay
//! underneath.
//!
//! Every generated procedure is a method through the blocking traits in
//! [`prelude`]. A [`Client`] is cheap to clone and may be used from many
//! threads at once: calls run concurrently on the one connection.
//! Streams are `std::io::Read`/`Write`; events come through an iterator.
//!
//! **No thread per connection.** The thread that waits drives: a call, a
//! stream read or an event iterator that blocks takes the connection's
//! driver if no other thread has it, writes what is queued, waits in
//! `poll(2)` on the socket (and a wake-up pipe, and the next deadline:
//! keepalive, call timeouts), and hands the replies and events it reads for
//! other threads to them; when its own answer is in, it hands the driver
//! on to a thread still waiting. That is how libvirt's C client works
//! without an event loop, and it costs a call one write and one read.
//!
//! What that means for an idle connection: while no thread waits on it,
//! nothing reads it. The daemon's keepalive pings go unanswered, and after
//! its `keepalive_interval` × `keepalive_count` (5 s × 5 by default) it
//! closes the connection; the next call reports that
//! ([`libvirt_core::ConnectionError`]), and events that came meanwhile are
//! read then. A program that keeps a connection idle, or wants events while
//! it does something else, calls [`Client::drive_in_background`]: a thread
//! of its own drives the connection, as an event loop does for the C
//! client. [`Reconnecting`] clients always have one.

use std::future::Future;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use libvirt_client::{
    AuthTarget, BoxFuture, Dial, Driver, EventStream, Io, Layered, NextTimeout, ProgramEvent,
    RawSubscription, Subscribe, fdio,
};
use libvirt_core::api::{AsyncCall, BlockingCall, WithFds};
use libvirt_core::{CallProcedure, Connected, ConnectionError, Open, remote};
use rustix::event::{PollFd, PollFlags, Timespec};

pub use libvirt_client::{
    Chunk, CommandLine, CommandLineError, Error, EventFilter, LinkState, Notice, Options,
    ReconnectPolicy, ReconnectingEvents, Target, TypedEvents,
};
pub use libvirt_client::{enums, libvirt_api};
pub use libvirt_core;

/// The typed handles on this client: `Domain` is
/// `libvirt_api::Domain<libvirt_api::Blocking<Client>>`, and so on for
/// every kind of object; their methods block. The connection-level calls
/// are the methods of [`libvirt_api::ConnectBlockingApi`], in the prelude.
/// The typed events with handles on this client are here too:
/// `DomainLifecycleEvent` is
/// `libvirt_api::events::DomainLifecycleEvent<libvirt_api::Blocking<Client>>`,
/// for [`Subscribe::events`].
pub mod typed {
    crate::libvirt_api::handle_aliases!(Blocking, crate::Client);
    crate::libvirt_api::event_aliases!(Blocking, crate::Client);
}
pub use typed::*;

/// What a program needs in scope (`use libvirt_blocking::prelude::*;`):
/// the typed connection-level calls ([`libvirt_api::ConnectBlockingApi`],
/// `client.list_all_domains(..)`, and the QEMU and LXC ones), the
/// generated raw API traits of the remote, QEMU and LXC programs under
/// them, and [`Subscribe`] for the typed event subscriptions
/// (`domain_events`, ...). The admin program's traits
/// (`libvirt_api::AdmConnectBlockingApi`,
/// `libvirt_core::admin::AdminBlockingApi`, for `Client::connect_admin`)
/// are left out: their method names overlap the remote program's.
pub mod prelude {
    pub use crate::libvirt_api::ConnectBlockingApi;
    pub use libvirt_client::Subscribe;
    pub use libvirt_core::api::BlockingCall;
    pub use libvirt_core::lxc::LxcBlockingApi;
    pub use libvirt_core::qemu::QemuBlockingApi;
    pub use libvirt_core::remote::RemoteBlockingApi;
}

/// Wakes a thread: unparks it, and if it is driving a connection (in
/// `poll(2)` on its socket), kicks that connection's wake-up pipe too.
struct ThreadWaker {
    thread: Thread,
    driving: Mutex<Option<Arc<PipeWaker>>>,
}

impl ThreadWaker {
    fn driving(&self, pipe: Option<Arc<PipeWaker>>) {
        *self.driving.lock().unwrap_or_else(|e| e.into_inner()) = pipe;
    }
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Some(pipe) = &*self.driving.lock().unwrap_or_else(|e| e.into_inner()) {
            pipe.wake_by_ref();
        }
        self.thread.unpark();
    }
}

thread_local! {
    static THREAD_WAKER: Arc<ThreadWaker> = Arc::new(ThreadWaker {
        thread: thread::current(),
        driving: Mutex::new(None),
    });
}

/// Runs a future to completion on this thread (parking between polls).
fn block_on<F: Future>(fut: F) -> F::Output {
    match block_on_until(fut, None) {
        Some(v) => v,
        None => unreachable!("no deadline, so never given up"),
    }
}

/// Runs a future on this thread until it completes or `deadline` passes.
fn block_on_until<F: Future>(fut: F, deadline: Option<Instant>) -> Option<F::Output> {
    let mut fut = pin!(fut);
    THREAD_WAKER.with(|waker| {
        let waker = Waker::from(waker.clone());
        let mut cx = Context::from_waker(&waker);
        loop {
            if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return Some(v);
            }
            match deadline {
                None => thread::park(),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return None;
                    }
                    thread::park_timeout(d - now);
                }
            }
        }
    })
}

/// A libvirt connection. Cheap to clone; every clone is a handle on the
/// same connection, usable from any thread.
#[derive(Clone, Debug)]
pub struct Client {
    inner: libvirt_client::Client,
    engine: Arc<Engine>,
}

impl Client {
    /// Connects to a libvirt URI (`qemu:///system`, `test+tcp://host/default`,
    /// `qemu:///session`, `...?socket=/path`), as virsh does.
    pub fn connect(uri: &str) -> Result<Client, Error> {
        Client::connect_with(Some(uri), Options::new())
    }

    /// Connects with options; `uri` `None` means `LIBVIRT_DEFAULT_URI`, or
    /// else the daemon's default.
    pub fn connect_with(uri: Option<&str>, options: Options) -> Result<Client, Error> {
        let target = Target::resolve(uri, &options)?;
        Client::connect_target(target, options)
    }

    /// Connects to the admin socket of the daemon `uri` names
    /// (`libvirtd:///system`, `virtqemud:///session`, ...).
    pub fn connect_admin(uri: Option<&str>, options: Options) -> Result<Client, Error> {
        let target = Target::resolve_admin(uri)?;
        Client::connect_target(target, options)
    }

    /// Connects to a resolved target: a UNIX socket, TCP, TLS over TCP,
    /// or an `ssh` child.
    pub fn connect_target(target: Target, options: Options) -> Result<Client, Error> {
        let io = block_on(libvirt_client::runtime::dial(
            &ThreadRuntime,
            &target,
            &options,
        ))?;
        Client::start(io, target.open, target.auth, options)
    }

    /// Runs the client on an already connected UNIX or TCP socket: starts
    /// its I/O thread and runs the open sequence (`open` [`Open::Skip`]
    /// when the socket is already past it).
    pub fn from_socket(socket: OwnedFd, open: Open, options: Options) -> Result<Client, Error> {
        let io = BlockingIo::new(socket).map_err(|source| Error::Connect {
            endpoint: "the given socket".into(),
            source,
        })?;
        let kind = if io.unix { "unix" } else { "tcp" };
        let io = Layered::plain(io, kind);
        Client::start(io, open, AuthTarget::default(), options)
    }

    /// Starts the client on `io`: the connection is driven by the threads
    /// that wait on it (see [`Engine`]), the open sequence by this one.
    fn start(
        io: Layered<BlockingIo>,
        open: Open,
        auth: AuthTarget,
        options: Options,
    ) -> Result<Client, Error> {
        let (inner, driver) = libvirt_client::Client::with_auth(io, open, auth, &options);
        let engine = Arc::new(Engine::new(driver));
        engine.block_on(inner.ready(options.connect_timeout_value()))?;
        Ok(Client { inner, engine })
    }

    /// The async client underneath, for its state (`pending()`,
    /// `transport()`, ...). Its futures make progress only while
    /// something drives the connection: a blocking call of this client, or
    /// [`Client::drive_in_background`]; see [`Client::into_async`].
    pub fn as_async(&self) -> &libvirt_client::Client {
        &self.inner
    }

    /// The async client underneath, for use from any executor: the
    /// connection gets a thread of its own that drives it (see
    /// [`Client::drive_in_background`]).
    pub fn into_async(self) -> Result<libvirt_client::Client, Error> {
        self.drive_in_background()?;
        Ok(self.inner.clone())
    }

    /// Gives the connection a thread of its own that drives it while no
    /// call does: it answers the daemon's keepalive pings and takes events
    /// in while the program does something else, as libvirt's C client does
    /// with an event loop. Without it, a connection with no call, stream
    /// or event iterator waiting is not read: the daemon's pings go
    /// unanswered, and after its `keepalive_interval` ×
    /// `keepalive_count` (5 s × 5 by default) it closes the connection,
    /// which the next call then reports. The thread ends with the
    /// connection. Calling it again does nothing.
    pub fn drive_in_background(&self) -> Result<(), Error> {
        if self.engine.background.swap(true, Ordering::AcqRel) {
            return Ok(());
        }
        let engine = self.engine.clone();
        let watch = self.inner.clone();
        thread::Builder::new()
            .name("libvirt-io".into())
            .spawn(move || {
                // Hold only the engine: the connection ends when the
                // program's last handle goes.
                let closed = watch.closed_watch();
                drop(watch);
                engine.block_on(closed);
            })
            .map(drop)
            .map_err(|source| Error::Connect {
                endpoint: "the I/O thread".into(),
                source,
            })
    }

    /// What the open sequence learned.
    pub fn connected(&self) -> Option<Connected> {
        self.inner.connected()
    }

    /// A handle on the same connection whose calls time out after
    /// `timeout` (`None`: never).
    pub fn with_timeout(&self, timeout: Option<Duration>) -> Client {
        Client {
            inner: self.inner.with_timeout(timeout),
            engine: self.engine.clone(),
        }
    }

    /// Why the connection is over, or `None` while it is usable.
    pub fn closed(&self) -> Option<ConnectionError> {
        self.inner.closed()
    }

    /// Blocks until the connection is over, and says why
    /// ([`ConnectionError::reason`]); see
    /// [`libvirt_client::Client::wait_closed`]. Without an event loop,
    /// that is: the daemon's end is seen when this call (or another one)
    /// drives the connection.
    pub fn wait_closed(&self) -> ConnectionError {
        self.engine.block_on(self.inner.wait_closed())
    }

    /// Closes the connection (`CONNECT_CLOSE`) and waits until the daemon
    /// has hung up.
    pub fn close(&self) -> Result<(), Error> {
        self.engine.block_on(self.inner.close())
    }

    /// Subscribes to the events `filter` names; equal filters share one
    /// registration on the server (see [`libvirt_client::EventStream`]).
    pub fn subscribe<E: ProgramEvent>(&self, filter: EventFilter) -> Result<Events<E>, Error> {
        self.engine
            .block_on(self.inner.subscribe(filter))
            .map(|e| Events(e, self.engine.clone()))
    }
}

/// The subscriptions, raw (`domain_events`, `network_events`, ...) and
/// typed (`events::<DomainLifecycleEvent>(..)`, with handles on this
/// client; bring the trait into scope with [`prelude`]), over
/// [`Client::subscribe`].
impl Subscribe for Client {
    type Subscription<E: ProgramEvent> = Events<E>;
    type Mode = libvirt_api::Blocking<Client>;

    fn subscribe<E: ProgramEvent>(&self, filter: EventFilter) -> Result<Events<E>, Error> {
        Client::subscribe(self, filter)
    }

    fn mode(&self) -> libvirt_api::Blocking<Client> {
        libvirt_api::Blocking(self.clone())
    }
}

fn connect_tcp(host: &str, port: u16, timeout: Option<Duration>) -> io::Result<OwnedFd> {
    use std::net::ToSocketAddrs;
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
    for addr in (host, port).to_socket_addrs()? {
        let s = match timeout {
            Some(t) => TcpStream::connect_timeout(&addr, t),
            None => TcpStream::connect(addr),
        };
        match s {
            Ok(s) => {
                s.set_nodelay(true)?;
                return Ok(OwnedFd::from(s));
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

impl BlockingCall for Client {
    type Error = Error;
    type Stream = Stream;
    type Fd = OwnedFd;

    fn call<P: CallProcedure>(&self, args: P::Args) -> Result<P::Ret, Error> {
        self.engine
            .block_on(AsyncCall::call::<P>(&self.inner, args))
    }

    fn call_stream<P: CallProcedure>(&self, args: P::Args) -> Result<(P::Ret, Stream), Error> {
        self.engine
            .block_on(AsyncCall::call_stream::<P>(&self.inner, args))
            .map(|(r, s)| (r, Stream(s, self.engine.clone())))
    }

    fn call_with_fds<P: CallProcedure>(
        &self,
        args: P::Args,
        fds: Vec<OwnedFd>,
    ) -> Result<WithFds<P::Ret, OwnedFd>, Error> {
        self.engine
            .block_on(AsyncCall::call_with_fds::<P>(&self.inner, args, fds))
    }
}

/// A libvirt data stream as `std::io::Read`/`Write` (holes read as
/// zeros; [`Stream::recv`] sees them). Dropping it before its end aborts it.
#[derive(Debug)]
pub struct Stream(libvirt_client::Stream, Arc<Engine>);

impl Stream {
    /// Reads data or a hole.
    pub fn recv(&mut self, buf: &mut [u8]) -> Result<Chunk, Error> {
        self.1.block_on(self.0.recv(buf))
    }

    /// Writes a hole (sparse streams).
    pub fn send_hole(&mut self, length: u64) -> Result<(), Error> {
        self.0.send_hole(length)
    }

    /// Finishes the stream and waits until the daemon confirms.
    pub fn finish(&mut self) -> Result<(), Error> {
        self.1.block_on(self.0.finish())
    }

    /// Aborts the stream and waits for the daemon's confirmation.
    pub fn abort(self) -> Result<(), Error> {
        let Stream(stream, engine) = self;
        engine.block_on(stream.abort())
    }

    /// Reads everything to the end, holes as zeros.
    pub fn read_all(&mut self) -> Result<Vec<u8>, Error> {
        self.1.block_on(self.0.read_to_end())
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Ok(self.1.block_on(self.0.read(buf))?)
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Ok(self.1.block_on(self.0.write(buf))?)
    }

    /// Data is queued on the connection, which writes it in order; use
    /// [`Stream::finish`] to wait until the daemon has it all.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// One event subscription as an iterator: it blocks for the next event and
/// ends after the connection's end was reported. Dropping it deregisters
/// the callback.
#[derive(Debug)]
pub struct Events<E>(EventStream<E>, Arc<Engine>);

impl<E: ProgramEvent> Events<E> {
    /// The callback id the daemon gave this subscription.
    pub fn callback_id(&self) -> i32 {
        self.0.callback_id()
    }

    /// The next event, waiting at most `timeout`; `None` if none came.
    pub fn next_timeout(&mut self, timeout: Duration) -> Option<Result<E, Error>> {
        self.1
            .block_on_until(self.0.next(), Instant::now().checked_add(timeout))
            .flatten()
    }
}

impl<E: ProgramEvent> Iterator for Events<E> {
    type Item = Result<E, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.1.block_on(self.0.next())
    }
}

/// For typed subscriptions over it ([`TypedEvents`]).
impl<E: ProgramEvent> RawSubscription for Events<E> {
    type Event = E;
    type Yields<X> = Result<X, Error>;

    fn map_event<X, T>(
        item: Result<X, Error>,
        typed: impl FnOnce(X) -> Option<T>,
    ) -> Option<Result<T, Error>> {
        <EventStream<E> as RawSubscription>::map_event(item, typed)
    }
}

impl<E: ProgramEvent> NextTimeout for Events<E> {
    fn next_timeout(&mut self, timeout: Duration) -> Option<Result<E, Error>> {
        Events::next_timeout(self, timeout)
    }
}

/// The blocking adapter's glue: std sockets dialed on the calling thread
/// (its `connect_target` runs `libvirt_client::runtime::dial` on it),
/// timers on short-lived threads, and a reconnecting client's supervisor
/// on a thread of its own (one per reconnecting client, not per
/// connection). A connection is not a task here: the threads that wait
/// on it drive it, so it is started by [`Client`] itself, not spawned.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadRuntime;

impl libvirt_client::Runtime for ThreadRuntime {
    type Io = BlockingIo;
    type UnixStream = UnixStream;
    type TcpStream = TcpStream;

    /// Dials on the calling thread: the future is ready when first
    /// polled. Each TCP address is tried within `timeout`.
    async fn dial(&self, dial: Dial, timeout: Option<Duration>) -> io::Result<BlockingIo> {
        let socket = match dial {
            Dial::Unix(path) => OwnedFd::from(UnixStream::connect(path)?),
            Dial::Tcp { host, port } => connect_tcp(&host, port, timeout)?,
            Dial::Connected(s) => OwnedFd::from(s),
            other => return Err(other.unsupported()),
        };
        BlockingIo::new(socket)
    }

    fn unix_io(&self, socket: UnixStream) -> io::Result<BlockingIo> {
        BlockingIo::new(OwnedFd::from(socket))
    }

    fn tcp_io(&self, socket: TcpStream) -> io::Result<BlockingIo> {
        BlockingIo::new(OwnedFd::from(socket))
    }

    fn spawn(&self, task: BoxFuture<()>) {
        let spawned = thread::Builder::new()
            .name("libvirt-reconnect".into())
            .spawn(move || block_on(task));
        if let Err(e) = spawned {
            // The client still works; it only cannot come back by itself.
            tracing::error!(error = %e, "libvirt-blocking: no thread for the reconnect supervisor; the client will not reconnect");
        }
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<()> {
        Box::pin(Sleep::new(duration))
    }

    /// A thread of its own drives the connection, as
    /// [`Client::drive_in_background`] gives one: its async handles have
    /// no blocking caller to drive it.
    fn run_driver(&self, driver: Driver<Layered<BlockingIo>>) {
        let engine = Engine::new(driver);
        let spawned = thread::Builder::new()
            .name("libvirt-io".into())
            .spawn(move || engine.run());
        if let Err(e) = spawned {
            // The engine is dropped with the closure, and a thread of its
            // own, if there is one, finishes the connection.
            tracing::error!(error = %e, "libvirt-blocking: no thread to drive the connection");
        }
    }
}

/// A timer future: a thread waits until the deadline (or until the future
/// is dropped) and wakes the last waker it was given. A deadline past what
/// the clock can hold never comes.
struct Sleep {
    deadline: Option<Instant>,
    timer: Option<Arc<Timer>>,
}

/// What a [`Sleep`] shares with its thread.
struct Timer {
    waker: Mutex<Waker>,
    cancelled: AtomicBool,
    thread: std::sync::OnceLock<Thread>,
}

impl Sleep {
    fn new(duration: Duration) -> Sleep {
        Sleep {
            deadline: Instant::now().checked_add(duration),
            timer: None,
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(deadline) = self.deadline else {
            return Poll::Pending;
        };
        if Instant::now() >= deadline {
            return Poll::Ready(());
        }
        match &self.timer {
            Some(t) => {
                let mut w = t.waker.lock().unwrap_or_else(|e| e.into_inner());
                if !w.will_wake(cx.waker()) {
                    *w = cx.waker().clone();
                }
            }
            None => {
                let timer = Arc::new(Timer {
                    waker: Mutex::new(cx.waker().clone()),
                    cancelled: AtomicBool::new(false),
                    thread: std::sync::OnceLock::new(),
                });
                let t = timer.clone();
                let spawned =
                    thread::Builder::new()
                        .name("libvirt-timer".into())
                        .spawn(move || {
                            while !t.cancelled.load(Ordering::Acquire) {
                                let now = Instant::now();
                                if now >= deadline {
                                    t.waker
                                        .lock()
                                        .unwrap_or_else(|e| e.into_inner())
                                        .wake_by_ref();
                                    return;
                                }
                                thread::park_timeout(deadline - now);
                            }
                        });
                match spawned {
                    Ok(handle) => {
                        let _ = timer.thread.set(handle.thread().clone());
                        self.timer = Some(timer);
                    }
                    // No thread for the timer: poll again soon instead.
                    Err(_) => cx.waker().wake_by_ref(),
                }
            }
        }
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(t) = &self.timer {
            t.cancelled.store(true, Ordering::Release);
            if let Some(thread) = t.thread.get() {
                thread.unpark();
            }
        }
    }
}

/// Migrates `dom` live from `source`'s daemon to `dest`'s, as
/// `virDomainMigrate3` does (see [`libvirt_client::migrate()`]), calling
/// `progress` with the source's job information as the data moves.
pub fn migrate(
    source: &Client,
    dest: &Client,
    dom: remote::NonnullDomain,
    migration: libvirt_client::Migration,
    progress: impl FnMut(libvirt_client::MigrationProgress) + Send,
) -> Result<remote::NonnullDomain, Error> {
    // Two connections at once: this thread drives the source's, a helper
    // the destination's, until the migration is over.
    let done = AtomicBool::new(false);
    let helper: Mutex<Option<Waker>> = Mutex::new(None);
    thread::scope(|scope| {
        scope.spawn(|| {
            dest.engine.block_on(std::future::poll_fn(|cx| {
                *helper.lock().unwrap_or_else(|e| e.into_inner()) = Some(cx.waker().clone());
                if done.load(Ordering::Acquire) {
                    Poll::Ready(())
                } else {
                    Poll::Pending
                }
            }))
        });
        let result = source.engine.block_on(libvirt_client::migrate(
            &ThreadRuntime,
            &source.inner,
            &dest.inner,
            dom,
            migration,
            progress,
        ));
        done.store(true, Ordering::Release);
        if let Some(w) = helper.lock().unwrap_or_else(|e| e.into_inner()).take() {
            w.wake();
        }
        result
    })
}

/// A blocking client that reconnects when its connection dies; see
/// [`libvirt_client::Reconnecting`] for the rules (calls are never
/// retried; each subscription yields [`Notice::Reconnected`] on every new
/// connection). Cheap to clone. The generated blocking API works on it
/// through [`BlockingCall`].
#[derive(Clone, Debug)]
pub struct Reconnecting(libvirt_client::Reconnecting);

impl Reconnecting {
    /// Connects (`uri` and `options` as for [`Client::connect_with`]) and
    /// starts supervising the connection. The first connection must
    /// succeed.
    pub fn connect(
        uri: Option<&str>,
        options: Options,
        policy: ReconnectPolicy,
    ) -> Result<Reconnecting, Error> {
        let target = Target::resolve(uri, &options)?;
        block_on(libvirt_client::Reconnecting::connect(
            ThreadRuntime,
            target,
            options,
            policy,
        ))
        .map(Reconnecting)
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &libvirt_client::Reconnecting {
        &self.0
    }

    /// Where it is now.
    pub fn state(&self) -> LinkState {
        self.0.state()
    }

    /// Waits at most `timeout` for the next change of state; `None` if
    /// there was none.
    pub fn wait_changed(&self, timeout: Duration) -> Option<LinkState> {
        block_on_until(self.0.changed(), Instant::now().checked_add(timeout))
    }

    /// The current connection (waiting for the next one while
    /// reconnecting, as the policy says).
    pub fn client(&self) -> Result<Client, Error> {
        block_on(self.0.client()).map(|inner| Client {
            inner,
            engine: Engine::elsewhere(),
        })
    }

    /// Subscribes to the events `filter` names, on every connection.
    pub fn subscribe<E: ProgramEvent>(&self, filter: EventFilter) -> Result<Notices<E>, Error> {
        block_on(self.0.subscribe(filter)).map(Notices)
    }

    /// Stops reconnecting and closes the connection.
    pub fn close(&self) -> Result<(), Error> {
        block_on(self.0.close())
    }
}

/// The subscriptions, raw (`domain_events`, ...) and typed
/// (`events::<T>(..)`, yielding [`Notice`]s of `T` with handles on this
/// client), on every connection, over [`Reconnecting::subscribe`].
impl Subscribe for Reconnecting {
    type Subscription<E: ProgramEvent> = Notices<E>;
    type Mode = libvirt_api::Blocking<Reconnecting>;

    fn subscribe<E: ProgramEvent>(&self, filter: EventFilter) -> Result<Notices<E>, Error> {
        Reconnecting::subscribe(self, filter)
    }

    fn mode(&self) -> libvirt_api::Blocking<Reconnecting> {
        libvirt_api::Blocking(self.clone())
    }
}

impl BlockingCall for Reconnecting {
    type Error = Error;
    type Stream = Stream;
    type Fd = OwnedFd;

    fn call<P: CallProcedure>(&self, args: P::Args) -> Result<P::Ret, Error> {
        block_on(AsyncCall::call::<P>(&self.0, args))
    }

    fn call_stream<P: CallProcedure>(&self, args: P::Args) -> Result<(P::Ret, Stream), Error> {
        block_on(AsyncCall::call_stream::<P>(&self.0, args))
            .map(|(r, s)| (r, Stream(s, Engine::elsewhere())))
    }

    fn call_with_fds<P: CallProcedure>(
        &self,
        args: P::Args,
        fds: Vec<OwnedFd>,
    ) -> Result<WithFds<P::Ret, OwnedFd>, Error> {
        block_on(AsyncCall::call_with_fds::<P>(&self.0, args, fds))
    }
}

/// A reconnecting client's subscription as an iterator of [`Notice`]s.
#[derive(Debug)]
pub struct Notices<E>(ReconnectingEvents<E>);

impl<E: ProgramEvent> Notices<E> {
    /// The next notice, waiting at most `timeout`; `None` if none came.
    pub fn next_timeout(&mut self, timeout: Duration) -> Option<Result<Notice<E>, Error>> {
        block_on_until(self.0.next(), Instant::now().checked_add(timeout)).flatten()
    }
}

impl<E: ProgramEvent> Iterator for Notices<E> {
    type Item = Result<Notice<E>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        block_on(self.0.next())
    }
}

/// For typed subscriptions over it ([`TypedEvents`]).
impl<E: ProgramEvent> RawSubscription for Notices<E> {
    type Event = E;
    type Yields<X> = Result<Notice<X>, Error>;

    fn map_event<X, T>(
        item: Result<Notice<X>, Error>,
        typed: impl FnOnce(X) -> Option<T>,
    ) -> Option<Result<Notice<T>, Error>> {
        <ReconnectingEvents<E> as RawSubscription>::map_event(item, typed)
    }
}

impl<E: ProgramEvent> NextTimeout for Notices<E> {
    fn next_timeout(&mut self, timeout: Duration) -> Option<Result<Notice<E>, Error>> {
        Notices::next_timeout(self, timeout)
    }
}

/// Wakes the driving thread through the connection's pipe, but only when
/// one is in `poll(2)`: a thread that is about to drive runs the driver
/// anyway, so a call made from the thread that will drive it costs no pipe
/// traffic.
struct PipeWaker {
    /// Something changed since the driver last ran.
    pending: AtomicBool,
    /// A thread is in (or entering) `poll(2)` for this connection.
    polling: AtomicBool,
    tx: UnixStream,
}

impl Wake for PipeWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // SeqCst on both sides: either the driving thread sees `pending`
        // before it sleeps, or this sees `polling` and writes.
        if !self.pending.swap(true, Ordering::SeqCst) && self.polling.load(Ordering::SeqCst) {
            // A full pipe already wakes the thread.
            let _ = (&self.tx).write(&[1]);
        }
    }
}

/// A connected socket made non-blocking, the wake-up pipe of the thread
/// that waits on it in `poll(2)`, and what the driver waits for.
pub struct BlockingIo {
    socket: Arc<OwnedFd>,
    unix: bool,
    wake_rx: UnixStream,
    /// The pipe's write end, until the connection's engine takes it.
    wake_tx: Option<UnixStream>,
    read: bool,
    /// The socket may have data: false after a read came back short (the
    /// socket was drained) until `poll(2)` says it is readable, so that no
    /// system call is spent on a read that can only say `EAGAIN`.
    readable: bool,
    write: bool,
    deadline: Option<Instant>,
}

impl BlockingIo {
    /// The socket made non-blocking, with a wake-up pipe.
    fn new(socket: OwnedFd) -> io::Result<BlockingIo> {
        rustix::io::ioctl_fionbio(&socket, true)?;
        let (wake_tx, wake_rx) = UnixStream::pair()?;
        wake_tx.set_nonblocking(true)?;
        wake_rx.set_nonblocking(true)?;
        Ok(BlockingIo {
            unix: fdio::is_unix(&socket),
            socket: Arc::new(socket),
            wake_rx,
            wake_tx: Some(wake_tx),
            read: false,
            readable: true,
            write: false,
            deadline: None,
        })
    }

    fn attempt<R>(
        socket: BorrowedFd<'_>,
        want: &mut bool,
        op: impl FnOnce(BorrowedFd<'_>) -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        match op(socket) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                *want = true;
                Poll::Pending
            }
            other => Poll::Ready(other),
        }
    }
}

impl Io for BlockingIo {
    fn poll_recv(
        &mut self,
        _: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>> {
        if !self.readable {
            self.read = true;
            return Poll::Pending;
        }
        let r = Self::attempt(self.socket.as_fd(), &mut self.read, |s| {
            fdio::recv_drained(s, buf, fds)
        });
        self.readable = match &r {
            Poll::Ready(Ok((_, drained))) => !drained,
            Poll::Ready(Err(_)) => true,
            Poll::Pending => false,
        };
        r.map_ok(|(n, _)| n)
    }

    fn poll_send(&mut self, _: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Self::attempt(self.socket.as_fd(), &mut self.write, |s| fdio::send(s, buf))
    }

    fn poll_send_fd(&mut self, _: &mut Context<'_>, fd: BorrowedFd<'_>) -> Poll<io::Result<()>> {
        Self::attempt(self.socket.as_fd(), &mut self.write, |s| {
            fdio::send_fd(s, fd)
        })
    }

    fn passes_fds(&self) -> bool {
        self.unix
    }

    fn write_through(&self) -> Option<Arc<OwnedFd>> {
        Some(self.socket.clone())
    }

    fn poll_sleep_until(&mut self, _: &mut Context<'_>, deadline: Instant) -> Poll<()> {
        if Instant::now() >= deadline {
            return Poll::Ready(());
        }
        self.deadline = Some(deadline);
        Poll::Pending
    }
}

/// The I/O thread: polls the driver, then sleeps in `poll(2)` until the
/// socket is ready, the pipe is written or the deadline comes.
/// Who drives a connection: whichever thread waits on it. A thread that
/// blocks on one of the connection's futures (a call, a stream, an event)
/// takes the driver if it is free and runs it (writes what is queued,
/// `poll(2)`s the socket, reads and dispatches) until its own future is
/// ready; the replies and events it reads for other threads wake them.
/// Threads that find the driver taken park, and the one leaving hands the
/// driver on to one of them. So no thread belongs to the connection, as in
/// libvirt's C client without an event loop.
struct Engine {
    /// The driver, while the connection lives; `None` for a handle whose
    /// connection is driven elsewhere (a reconnecting client's).
    driver: Mutex<Option<Driver<Layered<BlockingIo>>>>,
    /// Wakes the thread that is in `poll(2)` for this connection.
    pipe: Option<Arc<PipeWaker>>,
    /// Threads parked while another drives.
    waiting: Mutex<Vec<Thread>>,
    /// A thread of its own drives it ([`Client::drive_in_background`]).
    background: AtomicBool,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("background", &self.background)
            .finish_non_exhaustive()
    }
}

impl Engine {
    fn new(mut driver: Driver<Layered<BlockingIo>>) -> Engine {
        let wake_tx = driver.io_mut().inner_mut().wake_tx.take();
        Engine {
            driver: Mutex::new(Some(driver)),
            pipe: wake_tx.map(|tx| {
                Arc::new(PipeWaker {
                    pending: AtomicBool::new(false),
                    polling: AtomicBool::new(false),
                    tx,
                })
            }),
            waiting: Mutex::new(Vec::new()),
            background: AtomicBool::new(false),
        }
    }

    /// For handles on a connection that another engine drives.
    fn elsewhere() -> Arc<Engine> {
        Arc::new(Engine {
            driver: Mutex::new(None),
            pipe: None,
            waiting: Mutex::new(Vec::new()),
            background: AtomicBool::new(true),
        })
    }

    /// Drives the connection on this thread until it is over: the thread
    /// is the connection's own.
    fn run(&self) {
        let mut guard = self.driver.lock().unwrap_or_else(|e| e.into_inner());
        while let Some(driver) = guard.as_mut() {
            if self.drive_once(driver, None) {
                *guard = None;
            }
        }
    }

    fn block_on<F: Future>(&self, fut: F) -> F::Output {
        match self.block_on_until(fut, None) {
            Some(v) => v,
            None => unreachable!("no deadline, so never given up"),
        }
    }

    /// Runs `fut` on this thread, driving the connection when no other
    /// thread does, until it is ready or `deadline` passes.
    fn block_on_until<F: Future>(&self, fut: F, deadline: Option<Instant>) -> Option<F::Output> {
        let mut fut = pin!(fut);
        THREAD_WAKER.with(|thread_waker| {
            let waker = Waker::from(thread_waker.clone());
            let mut cx = Context::from_waker(&waker);
            let out = loop {
                if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                    break Some(v);
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    break None;
                }
                // In the queue first: whoever drives now hands the driver
                // on when it leaves, and sees us.
                {
                    let mut waiting = self.lock_waiting();
                    let me = thread::current();
                    if !waiting.iter().any(|t| t.id() == me.id()) {
                        waiting.push(me);
                    }
                }
                let guard = match self.driver.try_lock() {
                    Ok(guard) => Some(guard),
                    // A thread that panicked while driving left the driver
                    // as it was between two rounds: go on with it.
                    Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
                    Err(std::sync::TryLockError::WouldBlock) => None,
                };
                match guard {
                    Some(mut guard) => {
                        self.forget_me();
                        let Some(driver) = guard.as_mut() else {
                            // Driven elsewhere, or over: our waker wakes us.
                            drop(guard);
                            park(deadline);
                            continue;
                        };
                        thread_waker.driving(self.pipe.clone());
                        let over = self.drive_once(driver, deadline);
                        thread_waker.driving(None);
                        if over {
                            *guard = None;
                            drop(guard);
                            self.wake_all();
                        }
                    }
                    None => park(deadline),
                }
            };
            // Someone else may be waiting to drive.
            self.hand_on();
            out
        })
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<Thread>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn forget_me(&self) {
        let me = thread::current().id();
        self.lock_waiting().retain(|t| t.id() != me);
    }

    /// Wakes one parked thread, which takes the driver if it still needs it.
    fn hand_on(&self) {
        let me = thread::current().id();
        let next = {
            let mut waiting = self.lock_waiting();
            waiting.retain(|t| t.id() != me);
            waiting.pop()
        };
        if let Some(t) = next {
            t.unpark();
        }
    }

    fn wake_all(&self) {
        for t in self.lock_waiting().drain(..) {
            t.unpark();
        }
    }

    /// One round of the driver: it writes what it can, reads what is there
    /// and dispatches it; then `poll(2)` waits for the socket, the wake-up
    /// pipe or the next deadline. True when the connection is over.
    fn drive_once(
        &self,
        driver: &mut Driver<Layered<BlockingIo>>,
        deadline: Option<Instant>,
    ) -> bool {
        let Some(pipe) = &self.pipe else {
            return true;
        };
        pipe.pending.store(false, Ordering::SeqCst);
        {
            let io = driver.io_mut().inner_mut();
            io.read = false;
            io.write = false;
            io.deadline = None;
        }
        let pipe_waker = Waker::from(pipe.clone());
        let mut cx = Context::from_waker(&pipe_waker);
        if std::pin::Pin::new(&mut *driver).poll(&mut cx).is_ready() {
            return true;
        }
        // About to sleep: from here on, wakers write to the pipe.
        pipe.polling.store(true, Ordering::SeqCst);
        if pipe.pending.load(Ordering::SeqCst) {
            // Something was queued while it ran: go round again at once,
            // after the caller has looked at its future.
            pipe.polling.store(false, Ordering::SeqCst);
            return false;
        }
        let io = driver.io().inner();
        let mut flags = PollFlags::empty();
        if io.read {
            flags |= PollFlags::IN;
        }
        if io.write {
            flags |= PollFlags::OUT;
        }
        let until = match (io.deadline, deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let timeout = until.map(|d| {
            let left = d.saturating_duration_since(Instant::now());
            // A little past the deadline, so the driver finds it due.
            Timespec::try_from(left + Duration::from_micros(100)).unwrap_or(Timespec {
                tv_sec: i64::MAX / 2,
                tv_nsec: 0,
            })
        });
        let mut fds = [
            PollFd::new(&io.socket, flags),
            PollFd::new(&io.wake_rx, PollFlags::IN),
        ];
        let polled = rustix::event::poll(&mut fds, timeout.as_ref());
        pipe.polling.store(false, Ordering::SeqCst);
        match polled {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => {
                // Cannot wait: let the driver see the failure on its next
                // read by shutting the socket down.
                let _ = rustix::net::shutdown(&io.socket, rustix::net::Shutdown::Both);
                tracing::error!(error = %e, "libvirt-blocking: poll(2) failed; ending the connection");
            }
        }
        let readable = fds[0]
            .revents()
            .intersects(PollFlags::IN | PollFlags::HUP | PollFlags::ERR);
        if fds[1].revents().contains(PollFlags::IN) {
            // Drain the pipe.
            let mut sink = [0u8; 64];
            while matches!((&io.wake_rx).read(&mut sink), Ok(n) if n > 0) {}
        }
        if readable {
            driver.io_mut().inner_mut().readable = true;
        }
        false
    }
}

/// When the last handle goes, the driver still has work: the close
/// handshake the last `Client` queued, or, if the async client underneath
/// lives on, the whole connection. A thread finishes it.
impl Drop for Engine {
    fn drop(&mut self) {
        let driver = self
            .driver
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let (Some(driver), Some(pipe)) = (driver, self.pipe.take()) else {
            return;
        };
        let rest = Engine {
            driver: Mutex::new(Some(driver)),
            pipe: Some(pipe),
            waiting: Mutex::new(Vec::new()),
            background: AtomicBool::new(true),
        };
        let spawned = thread::Builder::new()
            .name("libvirt-close".into())
            .spawn(move || rest.run());
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "libvirt-blocking: no thread to finish the connection; it is dropped");
        }
    }
}

/// Parks until woken, or until `deadline`.
fn park(deadline: Option<Instant>) {
    match deadline {
        None => thread::park(),
        Some(d) => thread::park_timeout(d.saturating_duration_since(Instant::now())),
    }
}
