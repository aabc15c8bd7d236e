//! An opt-in client that reconnects (see [`Reconnecting`]).

use std::collections::HashMap;
use std::fmt;
use std::future::poll_fn;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use libvirt_core::api::{AsyncCall, WithFds};
use libvirt_core::{CallProcedure, ConnectionError, Event, EventFilter};

use crate::events::{EventStream, ProgramEvent};
use crate::runtime::{BoxFuture, Runtime, connect_target, within};
use crate::shared::set_waker;
use crate::{Client, Error, Options, Stream, Target};

/// When and how often to reconnect.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ReconnectPolicy {
    /// The wait before the second attempt (the first is made at once).
    pub initial_delay: Duration,
    /// The longest wait between attempts.
    pub max_delay: Duration,
    /// Each wait is the previous one times this, up to `max_delay`.
    pub multiplier: f64,
    /// Each wait is shortened by a random fraction of up to this (0 to 1),
    /// so that many clients of one restarted daemon do not come back at
    /// the same instant.
    pub jitter: f64,
    /// Give up after this many failed attempts in a row (`None`: never).
    pub max_attempts: Option<u32>,
    /// Calls made while reconnecting wait for the new connection (within
    /// the call timeout, if any) when true, and fail at once with
    /// [`Error::Reconnecting`] when false.
    pub wait_while_reconnecting: bool,
}

impl Default for ReconnectPolicy {
    /// 100 ms, doubling up to 30 s, with half of each wait random; never
    /// give up; calls wait.
    fn default() -> Self {
        ReconnectPolicy {
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(30),
            multiplier: 2.0,
            jitter: 0.5,
            max_attempts: None,
            wait_while_reconnecting: true,
        }
    }
}

impl ReconnectPolicy {
    /// The default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the first and the longest wait.
    pub fn delays(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_delay = initial;
        self.max_delay = max.max(initial);
        self
    }

    /// Sets the random part of each wait (0 to 1).
    pub fn jitter(mut self, jitter: f64) -> Self {
        self.jitter = jitter.clamp(0.0, 1.0);
        self
    }

    /// Gives up after `attempts` failed attempts in a row.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }

    /// Whether calls wait while reconnecting (see the field).
    pub fn wait_while_reconnecting(mut self, wait: bool) -> Self {
        self.wait_while_reconnecting = wait;
        self
    }

    /// The wait after `delay`, before jitter.
    fn next_delay(&self, delay: Duration) -> Duration {
        delay.mul_f64(self.multiplier.max(1.0)).min(self.max_delay)
    }

    /// `delay` shortened by its random part.
    fn jittered(&self, delay: Duration) -> Duration {
        delay.mul_f64(1.0 - self.jitter * fastrand::f64())
    }
}

/// Where a reconnecting client is.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum LinkState {
    /// Connected; `generation` counts the connections made (1 for the
    /// first).
    Connected {
        /// Which connection this is.
        generation: u64,
    },
    /// The connection died; attempt `attempt` to open a new one is under
    /// way or waiting for its turn.
    Reconnecting {
        /// The attempt, from 1.
        attempt: u32,
        /// Why the connection died.
        reason: ConnectionError,
        /// Why the previous attempt failed.
        last_error: Option<Arc<Error>>,
    },
    /// It gave up ([`ReconnectPolicy::max_attempts`]).
    GaveUp {
        /// The attempts made.
        attempts: u32,
        /// Why the last one failed.
        last_error: Arc<Error>,
    },
    /// [`Reconnecting::close`] was called.
    Closed,
}

impl fmt::Display for LinkState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkState::Connected { generation } => write!(f, "connected (connection {generation})"),
            LinkState::Reconnecting {
                attempt, reason, ..
            } => write!(f, "reconnecting, attempt {attempt} ({reason})"),
            LinkState::GaveUp {
                attempts,
                last_error,
            } => write!(f, "gave up after {attempts} attempts: {last_error}"),
            LinkState::Closed => f.write_str("closed"),
        }
    }
}

/// What a subscription of a reconnecting client yields.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice<E> {
    /// An event.
    Event(E),
    /// The client is on a new connection and the subscription is
    /// registered there again. Events between the old connection's end
    /// and now may have been missed: resynchronise.
    Reconnected {
        /// Which connection this is.
        generation: u64,
    },
}

struct Sub {
    filter: EventFilter,
    stream: Option<EventStream<Event>>,
    /// A new connection to announce before any of its events.
    announce: Option<u64>,
    /// Why it ended, for good.
    failed: Option<Error>,
    waker: Option<Waker>,
}

struct State {
    link: LinkState,
    client: Option<Client>,
    subs: HashMap<u64, Sub>,
    next_sub: u64,
    /// Bumped at each change of `link`.
    version: u64,
    watchers: Vec<Waker>,
    closing: bool,
}

struct Inner {
    state: Mutex<State>,
    runtime: Arc<dyn Runtime>,
    target: Target,
    options: Options,
    policy: ReconnectPolicy,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_link(&self, st: &mut State, link: LinkState) {
        match &link {
            LinkState::Connected { generation } => {
                tracing::info!(target: "libvirt_client::reconnect", generation, "connected")
            }
            LinkState::Reconnecting {
                attempt,
                reason,
                last_error,
            } => tracing::warn!(
                target: "libvirt_client::reconnect",
                attempt,
                %reason,
                last_error = last_error.as_ref().map(|e| e.to_string()),
                "reconnecting"
            ),
            LinkState::GaveUp {
                attempts,
                last_error,
            } => tracing::error!(
                target: "libvirt_client::reconnect",
                attempts,
                %last_error,
                "gave up reconnecting"
            ),
            LinkState::Closed => tracing::debug!(target: "libvirt_client::reconnect", "closed"),
        }
        st.link = link;
        st.version += 1;
        st.watchers.drain(..).for_each(Waker::wake);
        // Subscriptions learn of a final state; others wait for the
        // announcement.
        for sub in st.subs.values_mut() {
            if let Some(w) = sub.waker.take() {
                w.wake();
            }
        }
    }
}

/// A libvirt client that reconnects when its connection dies. Cheap to
/// clone: every clone is a handle on the same supervisor. The generated
/// API traits (`RemoteApi`, ...) work on it as on a [`Client`].
///
/// After the connection dies it opens a new one with capped exponential
/// backoff and jitter ([`ReconnectPolicy`]), and registers every live
/// event subscription on it again.
///
/// What it never does is retry a call: libvirt calls are not idempotent
/// (a `domain_create` that reached the daemon before the connection died
/// must not run twice), so a call in flight when the connection dies fails
/// with [`Error::Connection`] and the caller decides. Calls made while it
/// is reconnecting wait for the new connection (within the call timeout)
/// or fail at once with [`Error::Reconnecting`], as
/// [`ReconnectPolicy::wait_while_reconnecting`] says.
///
/// Each subscription yields [`Notice::Reconnected`] first on every new
/// connection: events of the gap may have been missed, so a controller
/// knows to resynchronise (list the domains again, say). Its events then
/// follow as [`Notice::Event`].
///
/// State changes are logged through `tracing` (target
/// `libvirt_client::reconnect`) and reported by [`Reconnecting::state`]
/// and [`Reconnecting::changed`].
#[derive(Clone)]
pub struct Reconnecting {
    inner: Arc<Inner>,
}

impl fmt::Debug for Reconnecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reconnecting")
            .field("target", &self.inner.target)
            .field("state", &self.state())
            .finish_non_exhaustive()
    }
}

impl Reconnecting {
    /// Connects to `target` and starts supervising the connection. The
    /// first connection must succeed: an error here is a configuration to
    /// fix, not an outage to wait out.
    pub async fn connect(
        runtime: impl Runtime,
        target: Target,
        options: Options,
        policy: ReconnectPolicy,
    ) -> Result<Reconnecting, Error> {
        let runtime = Arc::new(runtime);
        let client = connect_target(&*runtime, target.clone(), options.clone()).await?;
        let connect: Connect = {
            let runtime = runtime.clone();
            Box::new(move |target, options| {
                let runtime = runtime.clone();
                Box::pin(async move { connect_target(&*runtime, target, options).await })
            })
        };
        let runtime: Arc<dyn Runtime> = runtime;
        let dialer = Dialer {
            runtime: runtime.clone(),
            connect,
            target: target.clone(),
            options: options.clone(),
            policy: policy.clone(),
        };
        let inner = Arc::new(Inner {
            state: Mutex::new(State {
                link: LinkState::Connected { generation: 1 },
                client: Some(client.clone()),
                subs: HashMap::new(),
                next_sub: 0,
                version: 0,
                watchers: Vec::new(),
                closing: false,
            }),
            runtime: runtime.clone(),
            target,
            options,
            policy,
        });
        tracing::info!(target: "libvirt_client::reconnect", generation = 1, "connected");
        let supervisor = supervise(Arc::downgrade(&inner), dialer, client, 1);
        inner.runtime.spawn(Box::pin(supervisor));
        Ok(Reconnecting { inner })
    }

    /// Where it is now.
    pub fn state(&self) -> LinkState {
        self.inner.lock().link.clone()
    }

    /// Waits for the next change of state and returns the new state; a
    /// final state (`GaveUp`, `Closed`) is returned at once.
    pub async fn changed(&self) -> LinkState {
        let seen = self.inner.lock().version;
        poll_fn(|cx| {
            let mut st = self.inner.lock();
            // A final state changes no more.
            if st.version != seen || matches!(st.link, LinkState::GaveUp { .. } | LinkState::Closed)
            {
                return Poll::Ready(st.link.clone());
            }
            if !st.watchers.iter().any(|w| w.will_wake(cx.waker())) {
                st.watchers.push(cx.waker().clone());
            }
            Poll::Pending
        })
        .await
    }

    /// The current connection; while reconnecting, waits for the next one
    /// or fails at once, as the policy says. A wait is bounded by the call
    /// timeout ([`Options::call_timeout`]).
    pub async fn client(&self) -> Result<Client, Error> {
        let wait = self.inner.policy.wait_while_reconnecting;
        let current = poll_fn(|cx| {
            let mut st = self.inner.lock();
            match &st.link {
                LinkState::Connected { .. } => match &st.client {
                    // Its end is known, even if the supervisor has not
                    // taken note yet: this is a call for the next one.
                    Some(c) if c.closed().is_some() && !wait => {
                        return Poll::Ready(Err(Error::Reconnecting { attempt: 1 }));
                    }
                    Some(c) if c.closed().is_some() => {}
                    Some(c) => return Poll::Ready(Ok(c.clone())),
                    None => {}
                },
                LinkState::Reconnecting { attempt, .. } if !wait => {
                    return Poll::Ready(Err(Error::Reconnecting { attempt: *attempt }));
                }
                LinkState::Reconnecting { .. } => {}
                LinkState::GaveUp {
                    attempts,
                    last_error,
                } => {
                    return Poll::Ready(Err(Error::GaveUp {
                        attempts: *attempts,
                        last_error: last_error.to_string(),
                    }));
                }
                LinkState::Closed => {
                    return Poll::Ready(Err(Error::Connection(ConnectionError::Closed)));
                }
            }
            if !st.watchers.iter().any(|w| w.will_wake(cx.waker())) {
                st.watchers.push(cx.waker().clone());
            }
            Poll::Pending
        });
        match self.inner.options.call_timeout {
            None => current.await,
            Some(t) => within(&*self.inner.runtime, t, current).await,
        }
    }

    /// Subscribes to the events `filter` names, on this connection and on
    /// every one that follows. See [`Notice`].
    pub async fn subscribe<E: ProgramEvent>(
        &self,
        filter: EventFilter,
    ) -> Result<ReconnectingEvents<E>, Error> {
        // In the table first: a connection that dies from here on has the
        // supervisor register it again with the others.
        let id = {
            let mut st = self.inner.lock();
            let id = st.next_sub;
            st.next_sub += 1;
            st.subs.insert(
                id,
                Sub {
                    filter: filter.clone(),
                    stream: None,
                    announce: None,
                    failed: None,
                    waker: None,
                },
            );
            id
        };
        let events = ReconnectingEvents {
            inner: self.inner.clone(),
            id,
            ended: false,
            _event: PhantomData,
        };
        let client = self.client().await?;
        let stream = match client.subscribe::<Event>(filter).await {
            Ok(stream) => stream,
            // The connection died under it: the supervisor registers it
            // on the next one, with the others.
            Err(Error::Connection(_)) => return Ok(events),
            Err(e) => return Err(e),
        };
        let mut st = self.inner.lock();
        let current = st.client.as_ref().is_some_and(|c| c.same_as(&client));
        if let Some(sub) = st.subs.get_mut(&id) {
            // Unless the supervisor got there first on a newer connection.
            if current && sub.stream.is_none() && sub.announce.is_none() {
                sub.stream = Some(stream);
            }
        }
        Ok(events)
    }

    /// Stops reconnecting and closes the current connection.
    pub async fn close(&self) -> Result<(), Error> {
        let client = {
            let mut st = self.inner.lock();
            st.closing = true;
            let client = st.client.take();
            self.inner.set_link(&mut st, LinkState::Closed);
            client
        };
        match client {
            Some(c) => c.close().await,
            None => Ok(()),
        }
    }
}

/// Connects to a target on the runtime a reconnecting client was made
/// with ([`connect_target`]).
type Connect = Box<dyn Fn(Target, Options) -> BoxFuture<Result<Client, Error>> + Send + Sync>;

/// What the supervisor needs to reconnect, held apart from the handles'
/// shared state so that an outage does not keep that state alive.
struct Dialer {
    runtime: Arc<dyn Runtime>,
    connect: Connect,
    target: Target,
    options: Options,
    policy: ReconnectPolicy,
}

/// What the supervisor does next, decided under the lock.
enum Next {
    Go,
    Stop,
}

/// Sets the state unless the client was closed (or every handle is gone).
fn update(inner: &std::sync::Weak<Inner>, link: LinkState) -> Next {
    let Some(this) = inner.upgrade() else {
        return Next::Stop;
    };
    let mut st = this.lock();
    if st.closing {
        return Next::Stop;
    }
    this.set_link(&mut st, link);
    Next::Go
}

/// Watches one connection, and makes the next when it dies. Holds only a
/// weak reference to the handles' state across its waits: when every
/// handle is gone, it stops.
async fn supervise(
    inner: std::sync::Weak<Inner>,
    dialer: Dialer,
    first: Client,
    first_generation: u64,
) {
    // Watching a connection does not hold it open: when every handle on
    // the client is gone, so is the connection, and this ends.
    let mut watch = first.closed_watch();
    drop(first);
    let mut generation = first_generation;
    let policy = &dialer.policy;
    loop {
        let reason = watch.await;
        if let Some(this) = inner.upgrade() {
            this.lock().client = None;
        }
        let reconnecting = |attempt, last_error| LinkState::Reconnecting {
            attempt,
            reason: reason.clone(),
            last_error,
        };
        if let Next::Stop = update(&inner, reconnecting(1, None)) {
            return;
        }
        let mut delay = policy.initial_delay;
        let mut attempt = 1u32;
        let next = loop {
            let result = (dialer.connect)(dialer.target.clone(), dialer.options.clone()).await;
            let closing = inner.upgrade().is_none_or(|this| this.lock().closing);
            if closing {
                if let Ok(c) = result {
                    let _ = c.close().await;
                }
                return;
            }
            match result {
                Ok(c) => break c,
                Err(e) => {
                    let e = Arc::new(e);
                    if policy.max_attempts.is_some_and(|max| attempt >= max) {
                        let gave_up = LinkState::GaveUp {
                            attempts: attempt,
                            last_error: e,
                        };
                        update(&inner, gave_up);
                        return;
                    }
                    attempt += 1;
                    if let Next::Stop = update(&inner, reconnecting(attempt, Some(e))) {
                        return;
                    }
                }
            }
            let wait = policy.jittered(delay);
            delay = policy.next_delay(delay);
            dialer.runtime.sleep(wait).await;
        };
        generation += 1;
        // Register every live subscription again before anyone can call:
        // events that follow the state change are theirs.
        let filters: Vec<(u64, EventFilter)> = match inner.upgrade() {
            Some(this) => this
                .lock()
                .subs
                .iter()
                .map(|(&id, s)| (id, s.filter.clone()))
                .collect(),
            None => Vec::new(),
        };
        let mut streams = Vec::with_capacity(filters.len());
        for (id, filter) in filters {
            streams.push((id, next.subscribe::<Event>(filter).await));
        }
        let installed = inner.upgrade().is_some_and(|this| {
            let mut st = this.lock();
            if !st.closing {
                install(&this, &mut st, streams, generation, &next);
            }
            !st.closing
        });
        if !installed {
            let _ = next.close().await;
            return;
        }
        watch = next.closed_watch();
    }
}

/// Puts the new connection and its subscriptions' new registrations in
/// place, and says so.
fn install(
    this: &Inner,
    st: &mut State,
    streams: Vec<(u64, Result<EventStream<Event>, Error>)>,
    generation: u64,
    next: &Client,
) {
    for (id, result) in streams {
        if let Some(sub) = st.subs.get_mut(&id) {
            match result {
                Ok(s) => {
                    sub.stream = Some(s);
                    sub.announce = Some(generation);
                    sub.failed = None;
                }
                // This connection died too: the next one registers it.
                Err(Error::Connection(_)) => sub.stream = None,
                Err(e) => {
                    tracing::warn!(
                        target: "libvirt_client::reconnect",
                        filter = ?sub.filter,
                        error = %e,
                        "a subscription could not be registered again"
                    );
                    sub.stream = None;
                    sub.failed = Some(e);
                }
            }
        }
    }
    st.client = Some(next.clone());
    this.set_link(st, LinkState::Connected { generation });
}

/// One subscription of a [`Reconnecting`] client: a `futures_core::Stream`
/// of [`Notice`]s. On a reconnection, events of the old connection not read
/// yet are dropped, and an unread marker of an earlier reconnection gives
/// way to the new one: after a gap, only resynchronising is meaningful. It ends when the client gives up or is closed, or if
/// its registration is refused on a new connection (the object it watched
/// is gone, say), with that error as its last item.
pub struct ReconnectingEvents<E> {
    inner: Arc<Inner>,
    id: u64,
    ended: bool,
    _event: PhantomData<fn() -> E>,
}

impl<E> fmt::Debug for ReconnectingEvents<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReconnectingEvents")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl<E: ProgramEvent> ReconnectingEvents<E> {
    /// The next notice; `None` once the subscription is over.
    pub fn poll_next_notice(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Notice<E>, Error>>> {
        if self.ended {
            return Poll::Ready(None);
        }
        let mut st = self.inner.lock();
        let link = st.link.clone();
        let Some(sub) = st.subs.get_mut(&self.id) else {
            self.ended = true;
            return Poll::Ready(None);
        };
        if let Some(generation) = sub.announce.take() {
            return Poll::Ready(Some(Ok(Notice::Reconnected { generation })));
        }
        if let Some(e) = sub.failed.take() {
            self.ended = true;
            return Poll::Ready(Some(Err(e)));
        }
        set_waker(&mut sub.waker, cx.waker());
        if let Some(stream) = &mut sub.stream {
            loop {
                match stream.poll_next_event(cx) {
                    Poll::Ready(Some(Ok(event))) => {
                        if let Some(e) = E::from_event(event) {
                            return Poll::Ready(Some(Ok(Notice::Event(e))));
                        }
                    }
                    // This connection is over: wait for the next.
                    Poll::Ready(Some(Err(_)) | None) => {
                        sub.stream = None;
                        break;
                    }
                    Poll::Pending => return Poll::Pending,
                }
            }
        }
        match link {
            LinkState::GaveUp {
                attempts,
                last_error,
            } => {
                self.ended = true;
                Poll::Ready(Some(Err(Error::GaveUp {
                    attempts,
                    last_error: last_error.to_string(),
                })))
            }
            LinkState::Closed => {
                self.ended = true;
                Poll::Ready(Some(Err(Error::Connection(ConnectionError::Closed))))
            }
            _ => Poll::Pending,
        }
    }

    /// The next notice; `None` once the subscription is over.
    pub async fn next(&mut self) -> Option<Result<Notice<E>, Error>> {
        poll_fn(|cx| self.poll_next_notice(cx)).await
    }
}

impl<E: ProgramEvent> futures_core::Stream for ReconnectingEvents<E> {
    type Item = Result<Notice<E>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_next_notice(cx)
    }
}

impl<E> Drop for ReconnectingEvents<E> {
    fn drop(&mut self) {
        let sub = self.inner.lock().subs.remove(&self.id);
        // Its stream unsubscribes as it drops, outside our lock.
        drop(sub);
    }
}

impl AsyncCall for Reconnecting {
    type Error = Error;
    type Stream = Stream;
    type Fd = std::os::fd::OwnedFd;

    async fn call<P: CallProcedure>(&self, args: P::Args) -> Result<P::Ret, Error> {
        self.client().await?.call::<P>(args).await
    }

    async fn call_stream<P: CallProcedure>(
        &self,
        args: P::Args,
    ) -> Result<(P::Ret, Stream), Error> {
        self.client().await?.call_stream::<P>(args).await
    }

    async fn call_with_fds<P: CallProcedure>(
        &self,
        args: P::Args,
        fds: Vec<std::os::fd::OwnedFd>,
    ) -> Result<WithFds<P::Ret, std::os::fd::OwnedFd>, Error> {
        self.client().await?.call_with_fds::<P>(args, fds).await
    }
}

impl ProgramEvent for Event {
    fn from_event(event: Event) -> Option<Self> {
        Some(event)
    }
}
