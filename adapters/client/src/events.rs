//! Event subscriptions.

use std::future::poll_fn;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use libvirt_core::enums::{
    DomainEventID, NetworkEventID, NodeDeviceEventID, SecretEventID, StoragePoolEventID,
};
use libvirt_core::remote::{self, procedures as rp};
use libvirt_core::{CallProcedure, Connection, Event, qemu};

use crate::client::Kind;
use crate::shared::{Deregister, set_waker};
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

/// One event subscription (a libvirt callback id). Events come in order as
/// a `futures_core::Stream` of `Result<E, Error>` or with
/// [`EventStream::next`]. When the connection ends, the last item is the
/// error that ended it. Dropping the stream deregisters the callback.
pub struct EventStream<E> {
    client: Client,
    program: u32,
    callback: i32,
    deregister: Deregister,
    ended: bool,
    _event: PhantomData<fn() -> E>,
}

impl<E> std::fmt::Debug for EventStream<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("program", &self.program)
            .field("callback", &self.callback)
            .finish_non_exhaustive()
    }
}

impl<E: ProgramEvent> EventStream<E> {
    /// The callback id the daemon gave this subscription.
    pub fn callback_id(&self) -> i32 {
        self.callback
    }

    /// How many events were dropped because the queue was full
    /// ([`crate::Options::event_queue_limit`]).
    pub fn missed(&self) -> u64 {
        let st = self.client.shared().lock();
        st.subs
            .get(&(self.program, self.callback))
            .map_or(0, |s| s.missed)
    }

    /// The next event; `None` after the connection's end was reported.
    pub fn poll_next_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<E, Error>>> {
        if self.ended {
            return Poll::Ready(None);
        }
        let mut st = self.client.shared().lock();
        let over = st.over();
        let Some(sub) = st.subs.get_mut(&(self.program, self.callback)) else {
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
        let mut st = self.client.shared().lock();
        if st.subs.remove(&(self.program, self.callback)).is_some() {
            st.deregister(self.callback, self.deregister);
        }
    }
}

impl Client {
    async fn subscribe<R: CallProcedure, E: ProgramEvent>(
        &self,
        program: u32,
        args: R::Args,
        deregister: Deregister,
    ) -> Result<EventStream<E>, Error> {
        let (reply, _) = self
            .roundtrip::<R>(&args, Kind::Plain, Some((program, deregister)))
            .await?;
        let callback = reply
            .payload
            .first_chunk::<4>()
            .map(|w| i32::from_be_bytes(*w))
            .ok_or(Error::Call(libvirt_core::CallError::StreamViolation(
                "a registration reply without a callback id",
            )))?;
        Ok(EventStream {
            client: self.clone(),
            program,
            callback,
            deregister,
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
        let args = remote::ConnectDomainEventCallbackRegisterAnyArgs {
            event_id: event.as_raw(),
            dom: domain,
        };
        self.subscribe::<rp::ConnectDomainEventCallbackRegisterAny, _>(
            remote::PROGRAM,
            args,
            deregister_domain,
        )
        .await
    }

    /// Subscribes to one kind of network event, of one network or of all.
    pub async fn network_events(
        &self,
        network: Option<remote::NonnullNetwork>,
        event: NetworkEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        let args = remote::ConnectNetworkEventRegisterAnyArgs {
            event_id: event.as_raw(),
            net: network,
        };
        self.subscribe::<rp::ConnectNetworkEventRegisterAny, _>(
            remote::PROGRAM,
            args,
            deregister_network,
        )
        .await
    }

    /// Subscribes to one kind of storage pool event, of one pool or of all.
    pub async fn storage_pool_events(
        &self,
        pool: Option<remote::NonnullStoragePool>,
        event: StoragePoolEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        let args = remote::ConnectStoragePoolEventRegisterAnyArgs {
            event_id: event.as_raw(),
            pool,
        };
        self.subscribe::<rp::ConnectStoragePoolEventRegisterAny, _>(
            remote::PROGRAM,
            args,
            deregister_pool,
        )
        .await
    }

    /// Subscribes to one kind of node device event, of one device or of all.
    pub async fn node_device_events(
        &self,
        device: Option<remote::NonnullNodeDevice>,
        event: NodeDeviceEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        let args = remote::ConnectNodeDeviceEventRegisterAnyArgs {
            event_id: event.as_raw(),
            dev: device,
        };
        self.subscribe::<rp::ConnectNodeDeviceEventRegisterAny, _>(
            remote::PROGRAM,
            args,
            deregister_node_device,
        )
        .await
    }

    /// Subscribes to one kind of secret event, of one secret or of all.
    pub async fn secret_events(
        &self,
        secret: Option<remote::NonnullSecret>,
        event: SecretEventID,
    ) -> Result<EventStream<remote::Event>, Error> {
        let args = remote::ConnectSecretEventRegisterAnyArgs {
            event_id: event.as_raw(),
            secret,
        };
        self.subscribe::<rp::ConnectSecretEventRegisterAny, _>(
            remote::PROGRAM,
            args,
            deregister_secret,
        )
        .await
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
        let args = qemu::ConnectDomainMonitorEventRegisterArgs {
            dom: domain,
            event: event.map(str::to_owned),
            flags,
        };
        self.subscribe::<qemu::procedures::ConnectDomainMonitorEventRegister, _>(
            qemu::PROGRAM,
            args,
            deregister_qemu,
        )
        .await
    }
}

fn deregister_domain(
    c: &mut Connection,
    id: i32,
) -> Result<libvirt_core::CallId, libvirt_core::CallError> {
    c.call::<rp::ConnectDomainEventCallbackDeregisterAny>(
        &remote::ConnectDomainEventCallbackDeregisterAnyArgs { callback_id: id },
    )
}

fn deregister_network(
    c: &mut Connection,
    id: i32,
) -> Result<libvirt_core::CallId, libvirt_core::CallError> {
    c.call::<rp::ConnectNetworkEventDeregisterAny>(&remote::ConnectNetworkEventDeregisterAnyArgs {
        callback_id: id,
    })
}

fn deregister_pool(
    c: &mut Connection,
    id: i32,
) -> Result<libvirt_core::CallId, libvirt_core::CallError> {
    c.call::<rp::ConnectStoragePoolEventDeregisterAny>(
        &remote::ConnectStoragePoolEventDeregisterAnyArgs { callback_id: id },
    )
}

fn deregister_node_device(
    c: &mut Connection,
    id: i32,
) -> Result<libvirt_core::CallId, libvirt_core::CallError> {
    c.call::<rp::ConnectNodeDeviceEventDeregisterAny>(
        &remote::ConnectNodeDeviceEventDeregisterAnyArgs { callback_id: id },
    )
}

fn deregister_secret(
    c: &mut Connection,
    id: i32,
) -> Result<libvirt_core::CallId, libvirt_core::CallError> {
    c.call::<rp::ConnectSecretEventDeregisterAny>(&remote::ConnectSecretEventDeregisterAnyArgs {
        callback_id: id,
    })
}

fn deregister_qemu(
    c: &mut Connection,
    id: i32,
) -> Result<libvirt_core::CallId, libvirt_core::CallError> {
    c.call::<qemu::procedures::ConnectDomainMonitorEventDeregister>(
        &qemu::ConnectDomainMonitorEventDeregisterArgs { callback_id: id },
    )
}
