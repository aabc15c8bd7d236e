//! Shared event registrations: any number of subscriptions per kind of
//! event and filter, behind one registration on the server.
//!
//! libvirtd refuses a second registration identical to one the connection
//! already holds (same event, same object), so libvirt's C client counts
//! its local callbacks per registration and talks to the server only for
//! the first and the last. This is the same bookkeeping, as pure state:
//! [`Subscriptions`] knows which registration each subscription shares,
//! what each registration is waiting for, and which subscriptions an event
//! with a given callback id belongs to.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::enums::{
    DomainEventID, NetworkEventID, NodeDeviceEventID, SecretEventID, StoragePoolEventID,
};
use libvirt_xdr::ByteString;
use serde::{Serialize, Serializer};

use crate::procedure::{CallbackRole, EventFamily, ProcedureInfo};
use crate::{CallId, PROGRAMS, qemu, remote};

/// What a subscription listens to: one kind of event, of one object or
/// (`None`) of all objects of its kind.
///
/// Two subscriptions with equal filters share one registration on the
/// server. Objects are told apart as libvirt does: domains, networks,
/// storage pools and secrets by UUID, node devices by name.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EventFilter {
    /// Domain events (`virConnectDomainEventRegisterAny`).
    Domain {
        /// The kind of event.
        event: DomainEventID,
        /// One domain, or all.
        domain: Option<remote::NonnullDomain>,
    },
    /// Network events (`virConnectNetworkEventRegisterAny`).
    Network {
        /// The kind of event.
        event: NetworkEventID,
        /// One network, or all.
        network: Option<remote::NonnullNetwork>,
    },
    /// Storage pool events (`virConnectStoragePoolEventRegisterAny`).
    StoragePool {
        /// The kind of event.
        event: StoragePoolEventID,
        /// One pool, or all.
        pool: Option<remote::NonnullStoragePool>,
    },
    /// Node device events (`virConnectNodeDeviceEventRegisterAny`).
    NodeDevice {
        /// The kind of event.
        event: NodeDeviceEventID,
        /// One device, or all.
        device: Option<remote::NonnullNodeDevice>,
    },
    /// Secret events (`virConnectSecretEventRegisterAny`).
    Secret {
        /// The kind of event.
        event: SecretEventID,
        /// One secret, or all.
        secret: Option<remote::NonnullSecret>,
    },
    /// QEMU monitor events (`virConnectDomainQemuMonitorEventRegister`).
    QemuMonitor {
        /// One domain, or all.
        domain: Option<remote::NonnullDomain>,
        /// One event name (or, with the REGEX flag, a pattern), or all.
        event: Option<String>,
        /// `VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_*`.
        flags: u32,
    },
}

/// What makes two filters the same registration on the server.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    family: usize,
    event: i32,
    object: Option<Vec<u8>>,
    name: Option<String>,
    flags: u32,
}

/// A family of events that carry callback ids (see [`EventFamily`]): the
/// procedures that register and deregister them. Callback ids are counted
/// per family (each of libvirt's drivers hands out its own), so an id
/// names a registration only with its family.
#[derive(Clone, Copy)]
pub(crate) struct Family {
    family: EventFamily,
    register: &'static ProcedureInfo,
    deregister: &'static ProcedureInfo,
}

impl Family {
    /// A family's procedures, found by their generated callback roles. It
    /// is evaluated when the crate compiles: a family without both fails
    /// the build.
    const fn of(family: EventFamily) -> Family {
        Family {
            family,
            register: with_role(CallbackRole::Register(family)),
            deregister: with_role(CallbackRole::Deregister(family)),
        }
    }
}

/// The procedure of any program with callback role `role`.
const fn with_role(role: CallbackRole) -> &'static ProcedureInfo {
    let mut program = 0;
    while program < PROGRAMS.len() {
        let table = PROGRAMS[program].2;
        let mut i = 0;
        while i < table.len() {
            if let Some(r) = table[i].callback {
                if same_role(r, role) {
                    return &table[i];
                }
            }
            i += 1;
        }
        program += 1;
    }
    panic!("no procedure has this callback role")
}

/// `a == b`, in a const fn.
const fn same_role(a: CallbackRole, b: CallbackRole) -> bool {
    use CallbackRole::{Deregister, Event, Register};
    match (a, b) {
        (Register(x), Register(y)) | (Deregister(x), Deregister(y)) | (Event(x), Event(y)) => {
            x as usize == y as usize
        }
        _ => false,
    }
}

/// The number the connection's bookkeeping knows a family by.
fn index(family: EventFamily) -> usize {
    family as usize
}

/// The family of an event procedure that carries a callback id.
pub(crate) fn event_family(event: &ProcedureInfo) -> Option<usize> {
    match event.callback? {
        CallbackRole::Event(family) => Some(index(family)),
        CallbackRole::Register(_) | CallbackRole::Deregister(_) => None,
    }
}

/// The family a call registers (`Ok`) or deregisters (`Err`) callbacks of.
pub(crate) fn call_family(program: u32, procedure: i32) -> Option<Result<usize, usize>> {
    // The programs with callback roles (the procedure tests check that no
    // other has any); a lookup by number is a `match`, not a search, as it
    // runs for every call.
    let info = match program {
        remote::PROGRAM => remote::Procedure::from_i32(procedure)?.info(),
        qemu::PROGRAM => qemu::Procedure::from_i32(procedure)?.info(),
        _ => return None,
    };
    match info.callback? {
        CallbackRole::Register(family) => Some(Ok(index(family))),
        CallbackRole::Deregister(family) => Some(Err(index(family))),
        CallbackRole::Event(_) => None,
    }
}

impl EventFilter {
    /// The program whose MESSAGEs carry these events.
    pub fn program(&self) -> u32 {
        self.register_info().program
    }

    fn key(&self) -> Key {
        let uuid = |u: &[u8; 16]| u.to_vec();
        let (event, object, name, flags) = match self {
            EventFilter::Domain { event, domain } => (
                event.as_raw(),
                domain.as_ref().map(|d| uuid(&d.uuid)),
                None,
                0,
            ),
            EventFilter::Network { event, network } => (
                event.as_raw(),
                network.as_ref().map(|n| uuid(&n.uuid)),
                None,
                0,
            ),
            EventFilter::StoragePool { event, pool } => (
                event.as_raw(),
                pool.as_ref().map(|p| uuid(&p.uuid)),
                None,
                0,
            ),
            EventFilter::NodeDevice { event, device } => (
                event.as_raw(),
                device.as_ref().map(|d| d.name.as_bytes().to_vec()),
                None,
                0,
            ),
            EventFilter::Secret { event, secret } => (
                event.as_raw(),
                secret.as_ref().map(|s| uuid(&s.uuid)),
                None,
                0,
            ),
            EventFilter::QemuMonitor {
                domain,
                event,
                flags,
            } => (
                0,
                domain.as_ref().map(|d| uuid(&d.uuid)),
                event.clone(),
                *flags,
            ),
        };
        Key {
            family: self.family(),
            event,
            object,
            name,
            flags,
        }
    }

    /// The family of these events and its procedures.
    fn callbacks(&self) -> Family {
        match self {
            EventFilter::Domain { .. } => const { Family::of(EventFamily::Domain) },
            EventFilter::Network { .. } => const { Family::of(EventFamily::Network) },
            EventFilter::StoragePool { .. } => const { Family::of(EventFamily::StoragePool) },
            EventFilter::NodeDevice { .. } => const { Family::of(EventFamily::NodeDevice) },
            EventFilter::Secret { .. } => const { Family::of(EventFamily::Secret) },
            EventFilter::QemuMonitor { .. } => const { Family::of(EventFamily::DomainMonitor) },
        }
    }

    /// The number of these events' family, which counts its own callback ids.
    pub(crate) fn family(&self) -> usize {
        index(self.callbacks().family)
    }

    /// The procedure that registers these events.
    pub(crate) fn register_info(&self) -> &'static ProcedureInfo {
        self.callbacks().register
    }

    /// The procedure that deregisters them; its only argument is the
    /// callback id.
    pub(crate) fn deregister_info(&self) -> &'static ProcedureInfo {
        self.callbacks().deregister
    }
}

/// The registration call's arguments for a filter.
pub(crate) struct RegisterArgs<'a>(pub(crate) &'a EventFilter);

impl Serialize for RegisterArgs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.clone() {
            EventFilter::Domain { event, domain } => {
                remote::ConnectDomainEventCallbackRegisterAnyArgs {
                    event_id: event.as_raw(),
                    dom: domain,
                }
                .serialize(s)
            }
            EventFilter::Network { event, network } => remote::ConnectNetworkEventRegisterAnyArgs {
                event_id: event.as_raw(),
                net: network,
            }
            .serialize(s),
            EventFilter::StoragePool { event, pool } => {
                remote::ConnectStoragePoolEventRegisterAnyArgs {
                    event_id: event.as_raw(),
                    pool,
                }
                .serialize(s)
            }
            EventFilter::NodeDevice { event, device } => {
                remote::ConnectNodeDeviceEventRegisterAnyArgs {
                    event_id: event.as_raw(),
                    dev: device,
                }
                .serialize(s)
            }
            EventFilter::Secret { event, secret } => remote::ConnectSecretEventRegisterAnyArgs {
                event_id: event.as_raw(),
                secret,
            }
            .serialize(s),
            EventFilter::QemuMonitor {
                domain,
                event,
                flags,
            } => qemu::ConnectDomainMonitorEventRegisterArgs {
                dom: domain,
                event: event.map(ByteString::from),
                flags,
            }
            .serialize(s),
        }
    }
}

/// One subscription to events (see [`crate::Connection::subscribe`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubscriptionId(u64);

impl SubscriptionId {
    /// A number that identifies the subscription within its connection.
    pub const fn get(self) -> u64 {
        self.0
    }
}

/// Where a registration on the server is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RegState {
    /// Its registration call is on its way.
    Registering(CallId),
    /// Registered under this callback id.
    Active(i32),
}

#[derive(Debug)]
struct Registration {
    filter: EventFilter,
    key: Key,
    state: RegState,
    /// In the order they subscribed. Empty while registering means: undo
    /// the registration when its answer comes.
    subscribers: Vec<SubscriptionId>,
}

/// What the connection must do after a change to the subscriptions.
#[derive(Debug, PartialEq)]
pub(crate) enum Action {
    /// Nothing on the wire.
    None,
    /// Send this deregistration (filter, callback id).
    Deregister(EventFilter, i32),
}

/// Every subscription of one connection and the registrations behind them.
#[derive(Debug, Default)]
pub(crate) struct Subscriptions {
    next: u64,
    registrations: Vec<Registration>,
    /// Active registrations by (family, callback id): an index into
    /// `registrations` is not stable, so this maps to the registration's
    /// key.
    by_callback: BTreeMap<(usize, i32), Key>,
}

impl Subscriptions {
    fn find(&self, key: &Key) -> Option<usize> {
        self.registrations.iter().position(|r| &r.key == key)
    }

    fn find_sub(&self, sub: SubscriptionId) -> Option<usize> {
        self.registrations
            .iter()
            .position(|r| r.subscribers.contains(&sub))
    }

    /// A new subscription to an existing registration, if there is one
    /// for an equal filter: with its callback id once that is active.
    pub(crate) fn join(&mut self, filter: &EventFilter) -> Option<(SubscriptionId, Option<i32>)> {
        let i = self.find(&filter.key())?;
        let sub = self.next_id();
        let reg = &mut self.registrations[i];
        reg.subscribers.push(sub);
        let callback = match reg.state {
            RegState::Active(cb) => Some(cb),
            RegState::Registering(_) => None,
        };
        Some((sub, callback))
    }

    /// A new subscription with a new registration, whose call `call` is on
    /// its way.
    pub(crate) fn add(&mut self, filter: EventFilter, call: CallId) -> SubscriptionId {
        let sub = self.next_id();
        self.registrations.push(Registration {
            key: filter.key(),
            filter,
            state: RegState::Registering(call),
            subscribers: alloc::vec![sub],
        });
        sub
    }

    fn next_id(&mut self) -> SubscriptionId {
        let sub = SubscriptionId(self.next);
        self.next += 1;
        sub
    }

    /// A subscription ends. The last one of an active registration undoes
    /// it on the server.
    pub(crate) fn unsubscribe(&mut self, sub: SubscriptionId) -> Action {
        let Some(i) = self.find_sub(sub) else {
            return Action::None;
        };
        let reg = &mut self.registrations[i];
        reg.subscribers.retain(|&s| s != sub);
        if !reg.subscribers.is_empty() {
            return Action::None;
        }
        match reg.state {
            // Undone when the answer comes.
            RegState::Registering(_) => Action::None,
            RegState::Active(cb) => {
                let reg = self.registrations.remove(i);
                self.by_callback.remove(&(reg.key.family, cb));
                Action::Deregister(reg.filter, cb)
            }
        }
    }

    /// The answer to registration call `call` came: the subscribers now
    /// waiting for it, with the callback id or the error, and what to do.
    pub(crate) fn registered(
        &mut self,
        call: CallId,
        callback: Result<i32, ()>,
    ) -> (Vec<SubscriptionId>, Action) {
        let Some(i) = self
            .registrations
            .iter()
            .position(|r| r.state == RegState::Registering(call))
        else {
            return (Vec::new(), Action::None);
        };
        match callback {
            Err(()) => {
                let reg = self.registrations.remove(i);
                (reg.subscribers, Action::None)
            }
            Ok(cb) if self.registrations[i].subscribers.is_empty() => {
                // Everyone left while it was on its way: undo it.
                let reg = self.registrations.remove(i);
                (Vec::new(), Action::Deregister(reg.filter, cb))
            }
            Ok(cb) => {
                let reg = &mut self.registrations[i];
                reg.state = RegState::Active(cb);
                self.by_callback
                    .insert((reg.key.family, cb), reg.key.clone());
                (reg.subscribers.clone(), Action::None)
            }
        }
    }

    /// The subscriptions that an event of `family` with `callback` goes
    /// to, in the order they subscribed.
    pub(crate) fn subscribers(&self, family: usize, callback: i32) -> &[SubscriptionId] {
        self.by_callback
            .get(&(family, callback))
            .and_then(|key| self.find(key))
            .map_or(&[], |i| &self.registrations[i].subscribers)
    }

    /// The callback id behind a subscription, once registered.
    pub(crate) fn callback(&self, sub: SubscriptionId) -> Option<i32> {
        self.find_sub(sub)
            .and_then(|i| match self.registrations[i].state {
                RegState::Active(cb) => Some(cb),
                RegState::Registering(_) => None,
            })
    }

    /// The filter of a live subscription.
    pub(crate) fn filter(&self, sub: SubscriptionId) -> Option<&EventFilter> {
        self.find_sub(sub).map(|i| &self.registrations[i].filter)
    }

    /// Every subscription still waiting for its registration, which fails
    /// with the connection: they are forgotten.
    pub(crate) fn take_waiting(&mut self) -> Vec<SubscriptionId> {
        let mut waiting = Vec::new();
        self.registrations.retain_mut(|r| match r.state {
            RegState::Registering(_) => {
                waiting.append(&mut r.subscribers);
                false
            }
            RegState::Active(_) => true,
        });
        waiting
    }

    /// How many registrations the server holds or is about to (for tests
    /// and diagnostics).
    pub(crate) fn registrations(&self) -> usize {
        self.registrations.len()
    }
}
