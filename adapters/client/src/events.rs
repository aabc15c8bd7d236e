//! Event subscriptions.

use std::future::{Future, poll_fn};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use libvirt_core::enums::{
    DomainEventID, NetworkEventID, NodeDeviceEventID, SecretEventID, StoragePoolEventID,
};
use libvirt_core::remote;
use libvirt_core::{Event, EventFilter, SubscriptionId, qemu};

use crate::shared::set_waker;
use crate::{Client, Error};

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

/// The typed event subscriptions, written once over
/// [`Subscribe::subscribe`]: a client implements that one method and
/// gets the rest. The blocking adapter's clients implement it (its
/// prelude brings it into scope); the async [`Client`] has the same
/// methods as `async fn`s of its own.
pub trait Subscribe {
    /// What subscribing gives: the subscription, or what it fails with.
    type Subscription<E: ProgramEvent>;

    /// Subscribes to the events `filter` names; equal filters share one
    /// registration on the server (see [`EventStream`]).
    fn subscribe<E: ProgramEvent>(&self, filter: EventFilter) -> Self::Subscription<E>;

    /// Subscribes to one kind of domain event (`virConnectDomainEventRegisterAny`),
    /// of one domain or (`None`) of all. The events arrive as the matching
    /// `remote::Event::DomainEventCallback*` variant.
    fn domain_events(
        &self,
        domain: Option<remote::NonnullDomain>,
        event: DomainEventID,
    ) -> Self::Subscription<remote::Event> {
        self.subscribe(EventFilter::Domain { event, domain })
    }

    /// Subscribes to one kind of network event, of one network or of all.
    fn network_events(
        &self,
        network: Option<remote::NonnullNetwork>,
        event: NetworkEventID,
    ) -> Self::Subscription<remote::Event> {
        self.subscribe(EventFilter::Network { event, network })
    }

    /// Subscribes to one kind of storage pool event, of one pool or of all.
    fn storage_pool_events(
        &self,
        pool: Option<remote::NonnullStoragePool>,
        event: StoragePoolEventID,
    ) -> Self::Subscription<remote::Event> {
        self.subscribe(EventFilter::StoragePool { event, pool })
    }

    /// Subscribes to one kind of node device event, of one device or of all.
    fn node_device_events(
        &self,
        device: Option<remote::NonnullNodeDevice>,
        event: NodeDeviceEventID,
    ) -> Self::Subscription<remote::Event> {
        self.subscribe(EventFilter::NodeDevice { event, device })
    }

    /// Subscribes to one kind of secret event, of one secret or of all.
    fn secret_events(
        &self,
        secret: Option<remote::NonnullSecret>,
        event: SecretEventID,
    ) -> Self::Subscription<remote::Event> {
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
    ) -> Self::Subscription<qemu::Event> {
        self.subscribe(EventFilter::QemuMonitor {
            domain,
            event: event.map(str::to_owned),
            flags,
        })
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
