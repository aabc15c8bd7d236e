//! The client handle: calls, the open handshake, close.

use std::future::{Future, poll_fn};
use std::os::fd::OwnedFd;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use libvirt_core::api::{AsyncCall, WithFds};
use libvirt_core::{
    CallId, CallProcedure, Connected, Connection, ConnectionError, FdPassing, Open, Reply,
};

use crate::io::{Driver, Io};
use crate::sasl::AuthSource;
use crate::shared::{CallSlot, Outcome, Shared, push_waker};
use crate::transport::TransportInfo;
use crate::{AuthTarget, Error, Options, Stream};

/// A libvirt connection. Cheap to clone: every clone is a handle on the
/// same connection, and calls from many tasks or threads run concurrently
/// on it (replies are matched by serial). The connection is closed when the
/// last handle, stream and event subscription are dropped, or by
/// [`Client::close`].
///
/// Every procedure of every program is a method of the generated traits
/// (`libvirt_core::remote::RemoteApi`, `qemu::QemuApi`, `lxc::LxcApi`,
/// `admin::AdminApi`), which `Client` implements through
/// [`AsyncCall`]. Dropping a call's future cancels it: its reply is
/// dropped when it comes, and the connection stays usable.
#[derive(Clone)]
pub struct Client {
    handle: Arc<Handle>,
    pub(crate) timeout: Option<Duration>,
}

/// Closes the connection when the last `Client` goes.
struct Handle {
    shared: Arc<Shared>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        let mut st = self.shared.lock();
        st.conn.close();
        st.dispatch(self.shared.event_queue_limit);
        st.kick();
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let st = self.shared().lock();
        f.debug_struct("Client")
            .field("ready", &st.conn.is_ready())
            .field("pending", &st.conn.pending())
            .field("closed", &st.closed)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// What kind of call to make.
pub(crate) enum CallKind {
    Plain,
    Stream,
    Fds(Vec<OwnedFd>),
}

impl Client {
    /// A client and the I/O loop that serves it, on a connected socket.
    /// Spawn the [`Driver`] on the runtime, then wait for
    /// [`Client::ready`]; [`crate::runtime::start`] does both on a
    /// [`crate::Runtime`].
    pub fn new<I: Io>(io: I, open: Open, options: &Options) -> (Client, Driver<I>) {
        Client::with_auth(io, open, AuthTarget::default(), options)
    }

    /// [`Client::new`] with the authentication the URI asks for
    /// ([`Target::auth`](crate::Target::auth)).
    pub fn with_auth<I: Io>(
        io: I,
        open: Open,
        auth: AuthTarget,
        options: &Options,
    ) -> (Client, Driver<I>) {
        let start = Instant::now();
        let mut config = options.core_config();
        config.auth = auth.auth;
        let conn = Connection::new(config, open, Duration::ZERO);
        let source = AuthSource {
            host: auth.host,
            authfile: auth.authfile,
            callback: options.credentials.clone(),
            plugins: options.sasl_plugins.clone(),
            // libvirt allows SASL mechanisms without a security layer
            // everywhere but on plain TCP.
            secure: io.transport().kind != "tcp",
        };
        let shared = Arc::new(Shared::new(
            conn,
            start,
            io.passes_fds(),
            options.event_queue_limit,
            source,
        ));
        let client = Client {
            handle: Arc::new(Handle {
                shared: shared.clone(),
            }),
            timeout: options.call_timeout,
        };
        (client, Driver::new(shared, io))
    }

    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.handle.shared
    }

    /// Whether both are handles on the same connection.
    pub fn same_as(&self, other: &Client) -> bool {
        Arc::ptr_eq(self.shared(), other.shared())
    }

    /// Waits until the open sequence is done (authentication,
    /// `CONNECT_OPEN`, feature probes), at most `timeout`; past it, the
    /// connection is ended and this gives [`Error::Timeout`].
    pub async fn ready(&self, timeout: Option<Duration>) -> Result<Connected, Error> {
        if let Some(t) = timeout {
            if let Some(at) = Instant::now().checked_add(t) {
                self.shared().lock().open_deadline(at, t);
            }
        }
        poll_fn(|cx| {
            let mut st = self.shared().lock();
            if let Some(t) = st.open_timed_out {
                return Poll::Ready(Err(Error::Timeout(t)));
            }
            if let Some(r) = &st.opened {
                // A TLS or ssh failure is more telling than the core's
                // "transport error" text of it.
                let layer = st.layer_error.clone();
                return Poll::Ready(
                    r.clone()
                        .map_err(|e| layer.map_or_else(|| Error::from(e), Error::from)),
                );
            }
            push_waker(&mut st.open_waiters, cx.waker());
            Poll::Pending
        })
        .await
    }

    /// How the connection is carried (unix, tcp, tls, ssh), whether it is
    /// encrypted, and the TLS protocol and cipher suite; `None` until the
    /// connection is open. The SASL mechanism, if any, is in
    /// [`Client::connected`].
    pub fn transport(&self) -> Option<TransportInfo> {
        self.shared().lock().transport.clone()
    }

    /// What the open sequence learned (the URI, the features the daemon
    /// supports), once it is done.
    pub fn connected(&self) -> Option<Connected> {
        self.shared().lock().opened.clone()?.ok()
    }

    /// A handle on the same connection whose calls time out after
    /// `timeout` (`None`: never). A call that times out gives
    /// [`Error::Timeout`] and is cancelled.
    pub fn with_timeout(&self, timeout: Option<Duration>) -> Client {
        Client {
            handle: self.handle.clone(),
            timeout,
        }
    }

    /// Why the connection is over, or `None` while it is usable.
    pub fn closed(&self) -> Option<ConnectionError> {
        let st = self.shared().lock();
        st.closed.clone().or_else(|| st.conn.error().cloned())
    }

    /// Waits until the connection is over, however it ends (closed by
    /// this side, the daemon gone, keepalive, a transport or protocol
    /// failure), and says why: [`ConnectionError::reason`] gives the
    /// [`libvirt_core::CloseReason`]. A long-running program can keep this
    /// future beside its work to notice a dead connection at once.
    pub async fn wait_closed(&self) -> ConnectionError {
        self.closed_watch().await
    }

    /// [`Client::wait_closed`] as a future that holds no handle on the
    /// connection: it does not keep the connection open (for supervisors
    /// and drivers that watch a connection the program owns).
    pub fn closed_watch(&self) -> impl Future<Output = ConnectionError> + Send + 'static {
        let shared = self.shared().clone();
        poll_fn(move |cx| {
            let mut st = shared.lock();
            if let Some(e) = st.closed.clone() {
                return Poll::Ready(e);
            }
            if st.driver_gone {
                let e = st.conn.error().cloned().unwrap_or(ConnectionError::Closed);
                return Poll::Ready(e);
            }
            push_waker(&mut st.close_waiters, cx.waker());
            Poll::Pending
        })
    }

    /// How many calls and streams wait for the daemon.
    pub fn pending(&self) -> usize {
        self.shared().lock().conn.pending()
    }

    /// Closes the connection politely (`CONNECT_CLOSE`) and waits until the
    /// daemon has hung up. Pending calls, streams and subscriptions fail with
    /// [`ConnectionError::Closed`]. Closing a connection that is already
    /// over returns `Ok`.
    pub async fn close(&self) -> Result<(), Error> {
        {
            let mut st = self.shared().lock();
            st.conn.close();
            st.dispatch(self.shared().event_queue_limit);
            st.kick();
        }
        self.wait_closed().await;
        Ok(())
    }

    /// Starts a call.
    pub(crate) fn start<P: CallProcedure>(
        &self,
        args: &P::Args,
        kind: CallKind,
    ) -> Result<CallId, Error> {
        let shared = self.shared();
        let mut st = shared.lock();
        if let Some(e) = st.over() {
            return Err(e);
        }
        let id = match kind {
            CallKind::Plain => st.conn.call::<P>(args)?,
            CallKind::Stream => {
                let id = st.conn.call_stream::<P>(args)?;
                st.streams.insert(id, Default::default());
                id
            }
            // A procedure that only receives fds (OPEN_GRAPHICS_FD, ...)
            // is sent as a plain call.
            CallKind::Fds(fds) if fds.is_empty() && P::INFO.fds == FdPassing::Reply => {
                st.conn.call::<P>(args)?
            }
            CallKind::Fds(fds) => {
                if !fds.is_empty() && !shared.fds {
                    return Err(Error::Fds("this transport cannot pass file descriptors"));
                }
                let id = st.conn.call_with_fds::<P>(args, fds.len())?;
                if !fds.is_empty() {
                    st.fds_out.insert(id, fds.into());
                }
                id
            }
        };
        let deadline = self
            .timeout
            .and_then(|t| Some((Instant::now().checked_add(t)?, t)));
        st.add_call(id, CallSlot::new(deadline), shared.start);
        Ok(id)
    }

    /// Makes a call and waits for its answer.
    pub(crate) async fn roundtrip<P: CallProcedure>(
        &self,
        args: &P::Args,
        kind: CallKind,
    ) -> Outcome {
        let id = self.start::<P>(args, kind)?;
        PendingCall {
            client: self,
            id,
            done: false,
        }
        .await
    }
}

/// A call in flight; dropping it cancels the call.
struct PendingCall<'a> {
    client: &'a Client,
    id: CallId,
    done: bool,
}

impl Future for PendingCall<'_> {
    type Output = Outcome;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let outcome = self.client.shared().lock().poll_call(self.id, cx.waker());
        match outcome {
            Some(o) => {
                self.done = true;
                Poll::Ready(o)
            }
            None => Poll::Pending,
        }
    }
}

impl Drop for PendingCall<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.client.shared().lock().abandon(self.id);
        }
    }
}

fn decode<T: serde::de::DeserializeOwned>(reply: &Reply) -> Result<T, Error> {
    reply.decode().map_err(Error::from)
}

impl AsyncCall for Client {
    type Error = Error;
    type Stream = Stream;
    type Fd = OwnedFd;

    async fn call<P: CallProcedure>(&self, args: P::Args) -> Result<P::Ret, Error> {
        let (reply, _) = self.roundtrip::<P>(&args, CallKind::Plain).await?;
        decode(&reply)
    }

    async fn call_stream<P: CallProcedure>(
        &self,
        args: P::Args,
    ) -> Result<(P::Ret, Stream), Error> {
        let id = self.start::<P>(&args, CallKind::Stream)?;
        // The stream owns the call from here: dropping it aborts.
        let stream = Stream::new(self.clone(), id);
        let (reply, _) = PendingCall {
            client: self,
            id,
            done: false,
        }
        .await?;
        Ok((decode(&reply)?, stream))
    }

    async fn call_with_fds<P: CallProcedure>(
        &self,
        args: P::Args,
        fds: Vec<OwnedFd>,
    ) -> Result<WithFds<P::Ret, OwnedFd>, Error> {
        let (reply, fds) = self.roundtrip::<P>(&args, CallKind::Fds(fds)).await?;
        if fds.len() != reply.fds {
            return Err(Error::Fds("the reply claimed more fds than were received"));
        }
        Ok((decode(&reply)?, fds))
    }
}
