//! Event subscriptions: raw ([`EventStream`]) and typed ([`TypedEvents`]).

use std::future::{Future, poll_fn};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use libvirt_api::events::TypedEvent;
use libvirt_api::{Async, Mode};
use libvirt_core::enums::{
    DomainEventID, NetworkEventID, NodeDeviceEventID, SecretEventID, StoragePoolEventID,
};
use libvirt_core::remote;
use libvirt_core::{Event, EventFilter, SubscriptionId, qemu};

use crate::shared::set_waker;
use crate::{Client, Error, Notice, Reconnecting, ReconnectingEvents};

/// The events of one program: [`remote::Event`] or [`qemu::Event`].
pub trait ProgramEvent: Sized + Send + 'static {
    /// Picks this program's event out of the core's.
    fn from_event(event: Event) -> Option<Self>;
}

impl ProgramEvent for remote::Event {
    fn from_event(event: Event) -> Option<Self> {
        match event {
            Event::Remote(e) => Some(e),
            _ => None,
        }
    }
}

impl ProgramEvent for qemu::Event {
    fn from_event(event: Event) -> Option<Self> {
        match event {
            Event::Qemu(e) => Some(e),
            _ => None,
        }
    }
}

/// The event subscriptions, written once over [`Subscribe::subscribe`]
/// and [`Subscribe::mode`]: a client implements those and gets the rest,
/// raw (`domain_events`, ...) and typed ([`Subscribe::events`]). The
/// blocking adapter's clients implement it (its prelude brings it into
/// scope); the async [`Client`] and [`Reconnecting`] have the same methods
/// as `async fn`s of their own.
pub trait Subscribe {
    /// A subscription to events of the program whose events are `E`.
    type Subscription<E: ProgramEvent>: RawSubscription<Event = E>;
    /// The mode of the handles that typed events carry: this client, in
    /// the blocking or the async mode.
    type Mode: Mode;

    /// Subscribes to the events `filter` names; equal filters share one
    /// registration on the server (see [`EventStream`]).
    fn subscribe<E: ProgramEvent>(
        &self,
        filter: EventFilter,
    ) -> Result<Self::Subscription<E>, Error>;

    /// This client in its mode, for the handles of typed events.
    fn mode(&self) -> Self::Mode;

    /// Subscribes to one kind of typed event, of one object or (`None`)
    /// of all: the stream yields that kind's type, with handles on this
    /// client.
    ///
    /// ```ignore
    /// use libvirt_blocking::prelude::*;
    /// use libvirt_blocking::{Client, Domain, DomainLifecycleEvent};
    ///
    /// let client = Client::connect("test:///default")?;
    /// let dom = Domain::lookup_by_name(&client, "test")?;
    /// for event in client.events::<DomainLifecycleEvent>(Some(&dom))? {
    ///     let event = event?;
    ///     // "test: Suspended Paused"
    ///     println!("{}: {}", event.domain.name(), event.event);
    /// }
    /// ```
    fn events<T>(
        &self,
        object: Option<&T::Object>,
    ) -> Result<TypedEvents<Self::Subscription<T::Raw>, T>, Error>
    where
        T: TypedEvent<Mode = Self::Mode>,
        T::Raw: ProgramEvent,
    {
        self.events_matching::<T>(T::filter(object))
    }

    /// [`Subscribe::events`] with the subscription's filter given, for
    /// what [`TypedEvent::filter`] does not say (a QEMU monitor event's
    /// name: `libvirt_api::events::qemu_monitor_filter`). The filter must
    /// name events of kind `T`; others are skipped.
    fn events_matching<T>(
        &self,
        filter: EventFilter,
    ) -> Result<TypedEvents<Self::Subscription<T::Raw>, T>, Error>
    where
        T: TypedEvent<Mode = Self::Mode>,
        T::Raw: ProgramEvent,
    {
        self.subscribe(filter)
            .map(|s| TypedEvents::new(s, self.mode()))
    }

    /// Subscribes to one kind of domain event (`virConnectDomainEventRegisterAny`),
    /// of one domain or (`None`) of all. The events arrive as the matching
    /// `remote::Event::DomainEventCallback*` variant.
    fn domain_events(
        &self,
        domain: Option<remote::NonnullDomain>,
        event: DomainEventID,
    ) -> Result<Self::Subscription<remote::Event>, Error> {
        self.subscribe(EventFilter::Domain { event, domain })
    }

    /// Subscribes to one kind of network event, of one network or of all.
    fn network_events(
        &self,
        network: Option<remote::NonnullNetwork>,
        event: NetworkEventID,
    ) -> Result<Self::Subscription<remote::Event>, Error> {
        self.subscribe(EventFilter::Network { event, network })
    }

    /// Subscribes to one kind of storage pool event, of one pool or of all.
    fn storage_pool_events(
        &self,
        pool: Option<remote::NonnullStoragePool>,
        event: StoragePoolEventID,
    ) -> Result<Self::Subscription<remote::Event>, Error> {
        self.subscribe(EventFilter::StoragePool { event, pool })
    }

    /// Subscribes to one kind of node device event, of one device or of all.
    fn node_device_events(
        &self,
        device: Option<remote::NonnullNodeDevice>,
        event: NodeDeviceEventID,
    ) -> Result<Self::Subscription<remote::Event>, Error> {
        self.subscribe(EventFilter::NodeDevice { event, device })
    }

    /// Subscribes to one kind of secret event, of one secret or of all.
    fn secret_events(
        &self,
        secret: Option<remote::NonnullSecret>,
        event: SecretEventID,
    ) -> Result<Self::Subscription<remote::Event>, Error> {
        self.subscribe(EventFilter::Secret { event, secret })
    }

    /// Subscribes to QEMU monitor events (`virConnectDomainQemuMonitorEventRegister`):
    /// of one domain or all, one event name or all (`None`), `flags` as in
    /// libvirt (`VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_*`).
    fn qemu_monitor_events(
        &self,
        domain: Option<remote::NonnullDomain>,
        event: Option<&str>,
        flags: u32,
    ) -> Result<Self::Subscription<qemu::Event>, Error> {
        self.subscribe(EventFilter::QemuMonitor {
            domain,
            event: event.map(str::to_owned),
            flags,
        })
    }
}

/// A raw event subscription that a [`TypedEvents`] reads: [`EventStream`]
/// and [`ReconnectingEvents`] here, and the blocking adapter's `Events`
/// and `Notices`. It says what the subscription yields, so that the typed
/// one yields the same with its events typed.
pub trait RawSubscription {
    /// The program's raw events it yields.
    type Event: ProgramEvent;
    /// What it yields with events of type `E`: `Result<E, Error>`, or
    /// `Result<Notice<E>, Error>` for a reconnecting client's.
    type Yields<E>;

    /// One item with its event made typed by `typed`; `None` when `typed`
    /// does not take the event (it is of another kind).
    fn map_event<E, T>(
        item: Self::Yields<E>,
        typed: impl FnOnce(E) -> Option<T>,
    ) -> Option<Self::Yields<T>>;
}

/// A blocking raw subscription that can wait a bounded time for its next
/// item (the blocking adapter's `Events` and `Notices`), so that a
/// [`TypedEvents`] over it can too ([`TypedEvents::next_timeout`]).
pub trait NextTimeout: RawSubscription {
    /// The next item, waiting at most `timeout`; `None` if none came.
    fn next_timeout(&mut self, timeout: Duration) -> Option<Self::Yields<Self::Event>>;
}

impl<E: ProgramEvent> RawSubscription for EventStream<E> {
    type Event = E;
    type Yields<X> = Result<X, Error>;

    fn map_event<X, T>(
        item: Result<X, Error>,
        typed: impl FnOnce(X) -> Option<T>,
    ) -> Option<Result<T, Error>> {
        match item {
            Ok(e) => typed(e).map(Ok),
            Err(e) => Some(Err(e)),
        }
    }
}

impl<E: ProgramEvent> RawSubscription for ReconnectingEvents<E> {
    type Event = E;
    type Yields<X> = Result<Notice<X>, Error>;

    fn map_event<X, T>(
        item: Result<Notice<X>, Error>,
        typed: impl FnOnce(X) -> Option<T>,
    ) -> Option<Result<Notice<T>, Error>> {
        match item {
            Ok(Notice::Event(e)) => typed(e).map(|t| Ok(Notice::Event(t))),
            Ok(Notice::Reconnected { generation }) => Some(Ok(Notice::Reconnected { generation })),
            Err(e) => Some(Err(e)),
        }
    }
}

/// A subscription to one kind of typed event `T` (a
/// `libvirt_api::events` struct such as `DomainLifecycleEvent`): the raw
/// subscription `S` with its events made `T`, their handles on the
/// client that subscribed. It yields what `S` yields with `T` for the raw
/// event: `Result<T, Error>`, or `Result<Notice<T>, Error>` from a
/// reconnecting client. It is a `futures_core::Stream` over an async
/// subscription and an `Iterator` over a blocking one; dropping it
/// deregisters as the raw one does.
///
/// Made by `events::<T>(object)` on a client ([`Client::events`],
/// [`Reconnecting::events`], [`Subscribe::events`]).
pub struct TypedEvents<S, T: TypedEvent> {
    inner: S,
    mode: T::Mode,
}

impl<S: std::fmt::Debug, T: TypedEvent> std::fmt::Debug for TypedEvents<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedEvents")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl<S, T: TypedEvent> TypedEvents<S, T> {
    /// The raw subscription `inner` with its events made typed, their
    /// handles in `mode`.
    pub fn new(inner: S, mode: T::Mode) -> Self {
        TypedEvents { inner, mode }
    }

    /// The raw subscription (for its `callback_id`, `missed`, ...).
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The raw subscription, to read raw events from it.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// The raw subscription.
    pub fn into_inner(self) -> S {
        self.inner
    }

    /// The mode (the client) the events' handles call through.
    pub fn mode(&self) -> &T::Mode {
        &self.mode
    }
}

impl<S, T> TypedEvents<S, T>
where
    S: RawSubscription<Event = T::Raw>,
    T: TypedEvent,
    T::Mode: Clone,
{
    /// `item` typed, or `None` if its event is of another kind.
    fn typed(&self, item: S::Yields<T::Raw>) -> Option<S::Yields<T>> {
        S::map_event(item, |raw| T::from_raw(self.mode.clone(), raw))
    }
}

impl<S, T> TypedEvents<S, T>
where
    S: RawSubscription<Event = T::Raw> + futures_core::Stream<Item = S::Yields<T::Raw>> + Unpin,
    T: TypedEvent,
    T::Mode: Clone,
{
    /// The next item; `None` after the subscription's end was reported.
    pub fn poll_next_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<S::Yields<T>>> {
        loop {
            match ready!(Pin::new(&mut self.inner).poll_next(cx)) {
                Some(item) => {
                    if let Some(typed) = self.typed(item) {
                        return Poll::Ready(Some(typed));
                    }
                }
                None => return Poll::Ready(None),
            }
        }
    }

    /// The next item; `None` after the subscription's end was reported.
    pub async fn next(&mut self) -> Option<S::Yields<T>> {
        poll_fn(|cx| self.poll_next_event(cx)).await
    }
}

impl<S, T> futures_core::Stream for TypedEvents<S, T>
where
    S: RawSubscription<Event = T::Raw> + futures_core::Stream<Item = S::Yields<T::Raw>> + Unpin,
    T: TypedEvent,
    T::Mode: Clone + Unpin,
{
    type Item = S::Yields<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_next_event(cx)
    }
}

impl<S, T> Iterator for TypedEvents<S, T>
where
    S: RawSubscription<Event = T::Raw> + Iterator<Item = S::Yields<T::Raw>>,
    T: TypedEvent,
    T::Mode: Clone,
{
    type Item = S::Yields<T>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let item = self.inner.next()?;
            if let Some(typed) = self.typed(item) {
                return Some(typed);
            }
        }
    }
}

impl<S, T> TypedEvents<S, T>
where
    S: NextTimeout<Event = T::Raw>,
    T: TypedEvent,
    T::Mode: Clone,
{
    /// The next item, waiting at most `timeout`; `None` if none came.
    pub fn next_timeout(&mut self, timeout: Duration) -> Option<S::Yields<T>> {
        let deadline = Instant::now().checked_add(timeout);
        loop {
            let left = deadline.map_or(timeout, |d| d.saturating_duration_since(Instant::now()));
            let item = self.inner.next_timeout(left)?;
            if let Some(typed) = self.typed(item) {
                return Some(typed);
            }
        }
    }
}

/// One event subscription. Events come in order as a
/// `futures_core::Stream` of `Result<E, Error>` or with
/// [`EventStream::next`]. When the connection ends, the last item is the
/// error that ended it.
///
/// Any number of subscriptions may listen to the same events: they share
/// one registration on the server, each gets every event from the moment
/// it was subscribed, and the registration is undone when the last of them
/// is dropped.
pub struct EventStream<E> {
    client: Client,
    id: SubscriptionId,
    ended: bool,
    _event: PhantomData<fn() -> E>,
}

impl<E> std::fmt::Debug for EventStream<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl<E: ProgramEvent> EventStream<E> {
    /// The callback id the daemon gave this subscription's registration
    /// (shared with equal subscriptions).
    pub fn callback_id(&self) -> i32 {
        let st = self.client.shared().lock();
        st.conn.subscription_callback(self.id).unwrap_or(-1)
    }

    /// What this subscription listens to.
    pub fn filter(&self) -> Option<EventFilter> {
        let st = self.client.shared().lock();
        st.conn.subscription_filter(self.id).cloned()
    }

    /// How many events were dropped because the queue was full
    /// ([`crate::Options::event_queue_limit`]).
    pub fn missed(&self) -> u64 {
        let st = self.client.shared().lock();
        st.subs.get(&self.id).map_or(0, |s| s.missed)
    }

    /// The next event; `None` after the connection's end was reported.
    pub fn poll_next_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<E, Error>>> {
        if self.ended {
            return Poll::Ready(None);
        }
        let mut st = self.client.shared().lock();
        let over = st.over();
        let Some(sub) = st.subs.get_mut(&self.id) else {
            self.ended = true;
            return Poll::Ready(None);
        };
        while let Some(event) = sub.queue.pop_front() {
            if let Some(e) = E::from_event(event) {
                return Poll::Ready(Some(Ok(e)));
            }
        }
        if let Some(e) = over {
            self.ended = true;
            return Poll::Ready(Some(Err(e)));
        }
        set_waker(&mut sub.waker, cx.waker());
        Poll::Pending
    }

    /// The next event; `None` after the connection's end was reported.
    pub async fn next(&mut self) -> Option<Result<E, Error>> {
        poll_fn(|cx| self.poll_next_event(cx)).await
    }
}

impl<E: ProgramEvent> futures_core::Stream for EventStream<E> {
    type Item = Result<E, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_next_event(cx)
    }
}

impl<E> Drop for EventStream<E> {
    fn drop(&mut self) {
        self.client.shared().lock().unsubscribe(self.id);
    }
}

/// A subscription waiting for its registration; dropping it leaves.
struct Subscribing<'a> {
    client: &'a Client,
    id: Option<SubscriptionId>,
}

impl Future for Subscribing<'_> {
    type Output = Result<SubscriptionId, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Some(id) = self.id else {
            return Poll::Pending;
        };
        let shared = self.client.shared();
        let mut st = shared.lock();
        let over = st.over();
        let Some(sub) = st.subs.get_mut(&id) else {
            drop(st);
            self.id = None;
            return Poll::Ready(Err(
                over.unwrap_or(Error::Connection(libvirt_core::ConnectionError::Closed))
            ));
        };
        match sub.ready.take() {
            Some(Ok(())) => {
                sub.ready = Some(Ok(()));
                drop(st);
                self.id = None;
                Poll::Ready(Ok(id))
            }
            Some(Err(e)) => {
                st.unsubscribe(id);
                drop(st);
                self.id = None;
                Poll::Ready(Err(e))
            }
            None => {
                set_waker(&mut sub.waker, cx.waker());
                Poll::Pending
            }
        }
    }
}

impl Drop for Subscribing<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            self.client.shared().lock().unsubscribe(id);
        }
    }
}

impl Client {
    /// Subscribes to the events `filter` names. Subscriptions with equal
    /// filters share one registration on the server (libvirtd refuses a
    /// second identical one), made by the first and undone when the last
    /// is dropped. Waits for the registration, within the call timeout.
    pub async fn subscribe<E: ProgramEvent>(
        &self,
        filter: EventFilter,
    ) -> Result<EventStream<E>, Error> {
        let id = self.shared().lock().subscribe(filter, self.timeout)?;
        let id = Subscribing {
            client: self,
            id: Some(id),
        }
        .await?;
        Ok(EventStream {
            client: self.clone(),
            id,
            ended: false,
            _event: PhantomData,
        })
    }

    /// Subscribes to one kind of typed event, of one object or (`None`)
    /// of all: the stream yields that kind's type (a `libvirt_api::events`
    /// struct), with handles on this client.
    ///
    /// ```no_run
    /// # async fn demo(client: &libvirt_client::Client) -> Result<(), libvirt_client::Error> {
    /// use libvirt_client::typed::{Domain, DomainLifecycleEvent};
    ///
    /// let dom = Domain::lookup_by_name(client, "test").await?;
    /// let mut events = client.events::<DomainLifecycleEvent>(Some(&dom)).await?;
    /// while let Some(event) = events.next().await {
    ///     let event = event?;
    ///     // "test: Suspended Paused"
    ///     println!("{}: {}", event.domain.name(), event.event);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn events<T>(
        &self,
        object: Option<&T::Object>,
    ) -> Result<TypedEvents<EventStream<T::Raw>, T>, Error>
    where
        T: TypedEvent<Mode = Async<Client>>,
        T::Raw: ProgramEvent,
    {
        self.events_matching::<T>(T::filter(object)).await
    }

    /// [`Client::events`] with the subscription's filter given, for what
    /// [`TypedEvent::filter`] does not say (a QEMU monitor event's name:
    /// `libvirt_api::events::qemu_monitor_filter`). The filter must name
    /// events of kind `T`; others are skipped.
    pub async fn events_matching<T>(
        &self,
        filter: EventFilter,
    ) -> Result<TypedEvents<EventStream<T::Raw>, T>, Error>
    where
        T: TypedEvent<Mode = Async<Client>>,
        T::Raw: ProgramEvent,
    {
        let raw = self.subscribe(filter).await?;
        Ok(TypedEvents::new(raw, Async(self.clone())))
    }

    /// Subscribes to one kind of domain event (`virConnectDomainEventRegisterAny`),
    /// of one domain or (`None`) of all. The events arrive as the matching
    /// `remote::Event::DomainEventCallback*` variant.
    pub async fn domain_events(
        &self,
        domain: Option<remote::NonnullDomain>,
        event: DomainEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        self.subscribe(EventFilter::Domain { event, domain }).await
    }

    /// Subscribes to one kind of network event, of one network or of all.
    pub async fn network_events(
        &self,
        network: Option<remote::NonnullNetwork>,
        event: NetworkEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        self.subscribe(EventFilter::Network { event, network })
            .await
    }

    /// Subscribes to one kind of storage pool event, of one pool or of all.
    pub async fn storage_pool_events(
        &self,
        pool: Option<remote::NonnullStoragePool>,
        event: StoragePoolEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        self.subscribe(EventFilter::StoragePool { event, pool })
            .await
    }

    /// Subscribes to one kind of node device event, of one device or of all.
    pub async fn node_device_events(
        &self,
        device: Option<remote::NonnullNodeDevice>,
        event: NodeDeviceEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        self.subscribe(EventFilter::NodeDevice { event, device })
            .await
    }

    /// Subscribes to one kind of secret event, of one secret or of all.
    pub async fn secret_events(
        &self,
        secret: Option<remote::NonnullSecret>,
        event: SecretEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        self.subscribe(EventFilter::Secret { event, secret }).await
    }

    /// Subscribes to QEMU monitor events (`virConnectDomainQemuMonitorEventRegister`):
    /// of one domain or all, one event name or all (`None`), `flags` as in
    /// libvirt (`VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_*`).
    pub async fn qemu_monitor_events(
        &self,
        domain: Option<remote::NonnullDomain>,
        event: Option<&str>,
        flags: u32,
    ) -> Result<EventStream<qemu::Event>, Error> {
        self.subscribe(EventFilter::QemuMonitor {
            domain,
            event: event.map(str::to_owned),
            flags,
        })
        .await
    }
}

impl Reconnecting {
    /// Subscribes to one kind of typed event, of one object or (`None`)
    /// of all, on every connection (see [`Reconnecting::subscribe`]): the
    /// stream yields [`Notice`]s of that kind's type, with handles on this
    /// client.
    pub async fn events<T>(
        &self,
        object: Option<&T::Object>,
    ) -> Result<TypedEvents<ReconnectingEvents<T::Raw>, T>, Error>
    where
        T: TypedEvent<Mode = Async<Reconnecting>>,
        T::Raw: ProgramEvent,
    {
        self.events_matching::<T>(T::filter(object)).await
    }

    /// [`Reconnecting::events`] with the subscription's filter given.
    pub async fn events_matching<T>(
        &self,
        filter: EventFilter,
    ) -> Result<TypedEvents<ReconnectingEvents<T::Raw>, T>, Error>
    where
        T: TypedEvent<Mode = Async<Reconnecting>>,
        T::Raw: ProgramEvent,
    {
        let raw = self.subscribe(filter).await?;
        Ok(TypedEvents::new(raw, Async(self.clone())))
    }
}
