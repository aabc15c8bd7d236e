//! Typed events: every domain event id, the network, storage pool, node
//! device and secret events, and QEMU monitor events, each a struct that
//! carries the handle of its object and typed fields.
//!
//! They are generated from libvirt's own descriptions (the event-id enums
//! of the headers, the callback types of the API description and the
//! event messages of the protocol files); see `libvirt-codegen`'s
//! `typed_events` for the rules.
//!
//! * One struct per kind of event, named after its event id:
//!   `VIR_DOMAIN_EVENT_ID_LIFECYCLE` is [`DomainLifecycleEvent`],
//!   `VIR_DOMAIN_EVENT_ID_RTC_CHANGE` is [`DomainRtcChangeEvent`],
//!   `VIR_NETWORK_EVENT_ID_LIFECYCLE` is [`NetworkLifecycleEvent`], a QEMU
//!   monitor event is a [`QemuMonitorEvent`]. Its first field is the
//!   object's handle (`domain`, `network`, `pool`, `device`, `secret`), on
//!   the connection the subscription came from; values that are one of an
//!   enum are [`Open`](crate::Open) enums (a number this build does not
//!   know is kept), sizes and times carry their unit in their name
//!   (`actual_kib`, `utcoffset_secs`).
//! * A lifecycle event pairs the event with its detail:
//!   [`DomainLifecycleChange::Suspended`]`(Open::Known(DomainEventSuspendedDetailType::Paused))`,
//!   not `(3, 0)`. It displays as `virsh event` prints it: `Suspended Paused`.
//! * One enum per family ([`DomainEvent`], [`NetworkEvent`],
//!   [`StoragePoolEvent`], [`NodeDeviceEvent`], [`SecretEvent`]) with a
//!   variant per kind, and `from_raw` from the raw `remote::Event`.
//! * [`TypedEvent`] ties each kind to its subscription: the filter that
//!   subscribes to it and the conversion from the raw event. The clients'
//!   typed subscriptions (`client.events::<DomainLifecycleEvent<_>>(..)`
//!   in `libvirt-client`) are written once over it.
//!
//! The typed parameters of the tunable and job-completed events are kept
//! as the wire's `Vec<remote::TypedParam>` (`params`), and read as the
//! parameter set libvirt documents for them on demand:
//! [`DomainTunableEvent::domain_tunables`],
//! [`DomainJobCompletedEvent::job_stats`] (a value of the wrong type is an
//! error there, not a lost event).

use core::time::Duration;

use libvirt_core::EventFilter;

use crate::Domain;

/// One kind of typed event: how to subscribe to it, and how it is made
/// from the raw event the subscription yields. Every generated event
/// struct implements it; a client's typed subscriptions are written once
/// over it.
pub trait TypedEvent: Sized {
    /// The mode of the handles it carries ([`Async`](crate::Async) or
    /// [`Blocking`](crate::Blocking) over a client).
    type Mode;
    /// The raw events of its program: `libvirt_core::remote::Event` or
    /// `libvirt_core::qemu::Event`.
    type Raw;
    /// The handle of the objects it is about (`Domain<M>`, `Network<M>`,
    /// ...), by which a subscription is narrowed to one object.
    type Object;

    /// The subscription to this kind of event: of `object`, or of all
    /// objects (`None`).
    fn filter(object: Option<&Self::Object>) -> EventFilter;

    /// The typed event of a raw one, its handle on the connection `mode`
    /// holds; `None` if `raw` is another kind of event.
    fn from_raw(mode: Self::Mode, raw: Self::Raw) -> Option<Self>;
}

impl<M> QemuMonitorEvent<M> {
    /// When QEMU says the event happened, as the time since the Unix
    /// epoch; `None` when it did not say (`seconds` is -1).
    pub fn timestamp(&self) -> Option<Duration> {
        let seconds = u64::try_from(self.seconds).ok()?;
        Some(Duration::from_secs(seconds) + Duration::from_micros(u64::from(self.micros)))
    }

    /// When QEMU says the event happened; `None` when it did not say.
    #[cfg(feature = "std")]
    pub fn time(&self) -> Option<std::time::SystemTime> {
        std::time::UNIX_EPOCH.checked_add(self.timestamp()?)
    }
}

/// The subscription to QEMU monitor events named `event` (or, with
/// `VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX`, matching it; all
/// events with `None`), of `domain` or all domains: for a client's
/// `events_matching::<QemuMonitorEvent<_>>(..)`. [`TypedEvent::filter`]
/// subscribes to every event name.
pub fn qemu_monitor_filter<M>(
    domain: Option<&Domain<M>>,
    event: Option<&str>,
    flags: libvirt_core::enums::ConnectDomainQemuMonitorEventRegisterFlags,
) -> EventFilter {
    EventFilter::QemuMonitor {
        domain: domain.map(|d| d.raw().clone()),
        event: event.map(alloc::borrow::ToOwned::to_owned),
        flags: flags.bits(),
    }
}

#[allow(
    clippy::clone_on_copy,
    clippy::unnecessary_cast,
    clippy::cast_lossless,
    clippy::match_single_binding,
    clippy::needless_update
)]
mod generated {
    use alloc::string::String;
    use alloc::vec::Vec;

    use libvirt_core::EventFilter;
    use libvirt_core::enums::*;
    use libvirt_core::{qemu, remote};

    use crate::Open;

    include!(concat!(env!("OUT_DIR"), "/typed_events.rs"));
}

pub use generated::*;

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use libvirt_core::enums::{DomainEventSuspendedDetailType, DomainEventType};
    use libvirt_core::remote;

    use super::*;
    use crate::{Async, Open};

    fn dom() -> remote::NonnullDomain {
        remote::NonnullDomain {
            name: "test".into(),
            uuid: [7; 16],
            id: 1,
        }
    }

    fn lifecycle(event: i32, detail: i32) -> remote::Event {
        remote::Event::DomainEventCallbackLifecycle(remote::DomainEventCallbackLifecycleMsg {
            callback_id: 3,
            msg: remote::DomainEventLifecycleMsg {
                dom: dom(),
                event,
                detail,
            },
        })
    }

    #[test]
    fn a_known_lifecycle_event_pairs_its_detail() {
        let e = DomainLifecycleEvent::from_raw(Async(()), lifecycle(3, 0)).unwrap();
        assert_eq!(e.domain.name(), "test");
        assert_eq!(
            e.event,
            DomainLifecycleChange::Suspended(Open::Known(DomainEventSuspendedDetailType::Paused))
        );
        assert_eq!(e.event.event(), Open::Known(DomainEventType::Suspended));
        assert_eq!(e.event.as_raw(), (3, 0));
        assert_eq!(e.event.to_string(), "Suspended Paused");
        assert_eq!(
            e.to_string(),
            "event 'lifecycle' for domain 'test': Suspended Paused"
        );
    }

    #[test]
    fn unknown_lifecycle_numbers_are_kept() {
        // A detail this build does not know, of a known event.
        let e = DomainLifecycleEvent::from_raw(Async(()), lifecycle(3, 99)).unwrap();
        assert_eq!(e.event, DomainLifecycleChange::Suspended(Open::Unknown(99)));
        assert_eq!(e.event.as_raw(), (3, 99));
        assert_eq!(e.event.to_string(), "Suspended unknown");
        // An event this build does not know.
        let e = DomainLifecycleEvent::from_raw(Async(()), lifecycle(42, 7)).unwrap();
        assert_eq!(
            e.event,
            DomainLifecycleChange::Unknown {
                event: 42,
                detail: 7
            }
        );
        assert_eq!(e.event.as_raw(), (42, 7));
        assert_eq!(e.event.event(), Open::Unknown(42));
        assert_eq!(e.event.to_string(), "unknown unknown");
        // The family enum keeps them too.
        let any = DomainEvent::from_raw(Async(()), lifecycle(42, 7)).unwrap();
        assert_eq!(any.id(), libvirt_core::enums::DomainEventID::Lifecycle);
        assert!(matches!(
            any,
            DomainEvent::Lifecycle(DomainLifecycleEvent {
                event: DomainLifecycleChange::Unknown {
                    event: 42,
                    detail: 7
                },
                ..
            })
        ));
    }

    #[test]
    fn the_older_message_without_a_callback_id_converts_too() {
        let raw = remote::Event::DomainEventLifecycle(remote::DomainEventLifecycleMsg {
            dom: dom(),
            event: 5,
            detail: 1,
        });
        let Some(DomainEvent::Lifecycle(e)) = DomainEvent::from_raw(Async(()), raw) else {
            panic!("not a lifecycle event");
        };
        assert_eq!(e.event.to_string(), "Stopped Destroyed");
    }

    #[test]
    fn job_completed_reads_its_parameters_as_job_stats() {
        let param = |field: &str, value| remote::TypedParam {
            field: field.into(),
            value,
        };
        let raw = |params| {
            remote::Event::DomainEventCallbackJobCompleted(
                remote::DomainEventCallbackJobCompletedMsg {
                    callback_id: 2,
                    dom: dom(),
                    params,
                },
            )
        };
        let e = DomainJobCompletedEvent::from_raw(
            Async(()),
            raw(alloc::vec![
                param("time_elapsed", remote::TypedParamValue::Ullong(1500)),
                param("newer_key", remote::TypedParamValue::Int(-1)),
            ]),
        )
        .unwrap();
        let stats = e.job_stats().unwrap();
        assert_eq!(stats.time_elapsed_ms, Some(1500));
        assert!(stats.other.get("newer_key").is_some());
        // A value of the wrong type is an error, not a panic.
        let e = DomainJobCompletedEvent::from_raw(
            Async(()),
            raw(alloc::vec![param(
                "time_elapsed",
                remote::TypedParamValue::String("soon".into())
            )]),
        )
        .unwrap();
        assert!(e.job_stats().is_err());
    }

    #[test]
    fn other_kinds_are_not_taken() {
        let reboot =
            remote::Event::DomainEventCallbackReboot(remote::DomainEventCallbackRebootMsg {
                callback_id: 1,
                msg: remote::DomainEventRebootMsg { dom: dom() },
            });
        assert!(DomainLifecycleEvent::from_raw(Async(()), reboot.clone()).is_none());
        let e = DomainEvent::from_raw(Async(()), reboot).unwrap();
        assert!(matches!(e, DomainEvent::Reboot(_)));
        assert_eq!(e.domain().name(), "test");
    }
}
