//! The generated procedure tables, typed events, header constants and API
//! traits.

use std::cell::RefCell;
use std::collections::HashSet;

use libvirt_core::api::{BlockingCall, WithFds};
use libvirt_core::enums::{
    ConnectListAllDomainsFlags, DomainEventSuspendedDetailType, DomainEventType,
    DomainShutoffReason, DomainState, ErrorDomain, ErrorNumber,
};
use libvirt_core::remote::{self, RemoteBlockingApi};
use libvirt_core::{
    CallProcedure, CallbackRole, EventFamily, EventProcedure, FdPassing, Generate, PROGRAMS,
    Priority, Procedure, ProcedureInfo, ProcedureKind, StreamDirection, admin, keepalive, lxc, net,
    qemu,
};

#[test]
fn procedure_counts_per_program() {
    assert_eq!(remote::PROCEDURES.len(), 453);
    assert_eq!(qemu::PROCEDURES.len(), 7);
    assert_eq!(lxc::PROCEDURES.len(), 1);
    assert_eq!(admin::PROCEDURES.len(), 20);
    assert_eq!(keepalive::PROCEDURES.len(), 2);
    assert_eq!(remote::Procedure::ALL.len(), 453);
}

#[test]
fn program_numbers() {
    assert_eq!(remote::PROGRAM, 0x2000_8086);
    assert_eq!(qemu::PROGRAM, 0x2000_8087);
    assert_eq!(lxc::PROGRAM, 0x0006_8000);
    assert_eq!(admin::PROGRAM, 0x0690_0690);
    assert_eq!(keepalive::PROGRAM, 0x6b65_6570);
    for table in [
        &remote::PROCEDURES[..],
        &qemu::PROCEDURES[..],
        &lxc::PROCEDURES[..],
        &admin::PROCEDURES[..],
        &keepalive::PROCEDURES[..],
    ] {
        let numbers: HashSet<i32> = table.iter().map(|p| p.number).collect();
        assert_eq!(numbers.len(), table.len(), "procedure numbers are unique");
        assert!(table.iter().all(|p| p.version == 1));
    }
}

fn info(n: i32) -> &'static ProcedureInfo {
    remote::Procedure::from_i32(n).unwrap().info()
}

#[test]
fn metadata_of_known_procedures() {
    let open = info(1);
    assert_eq!(open.name, "REMOTE_PROC_CONNECT_OPEN");
    assert_eq!(open.method, "connect_open");
    assert_eq!(open.args, Some("remote_connect_open_args"));
    assert_eq!(open.ret, None);
    assert_eq!(open.kind, ProcedureKind::Call);
    assert_eq!(open.priority, Priority::High);
    assert_eq!(open.generate, Generate::None);
    assert_eq!(open.acl, ["connect:getattr"]);

    let download = info(209);
    assert_eq!(download.stream, StreamDirection::Read);
    assert_eq!(download.sparse_flag, Some(1));
    let upload = info(208);
    assert_eq!(upload.stream, StreamDirection::Write);
    assert_eq!(upload.sparse_flag, Some(1));
    assert_eq!(info(211).stream, StreamDirection::Read);
    assert_eq!(info(201).stream, StreamDirection::Both, "console");
    assert_eq!(info(296).stream, StreamDirection::Both, "channel");
    for n in [148, 215, 304] {
        assert_eq!(
            info(n).stream,
            StreamDirection::Write,
            "migration tunnel {n}"
        );
    }
    let streams: Vec<i32> = remote::PROCEDURES
        .iter()
        .filter(|p| p.stream.is_stream())
        .map(|p| p.number)
        .collect();
    assert_eq!(streams, [148, 201, 208, 209, 211, 215, 296, 304]);

    assert_eq!(info(249).fds, FdPassing::Call);
    assert_eq!(info(343).fds, FdPassing::Reply);
    assert_eq!(info(443).fds, FdPassing::Call);
    assert_eq!(
        lxc::Procedure::DomainOpenNamespace.info().fds,
        FdPassing::Reply
    );
    assert_eq!(
        qemu::Procedure::DomainMonitorCommandWithFiles.info().fds,
        FdPassing::Both
    );

    let list = info(273);
    assert_eq!(list.method, "connect_list_all_domains");
    assert_eq!(list.aclfilter, ["domain:getattr"]);
}

#[test]
fn events_are_messages_not_calls() {
    let events: Vec<i32> = remote::PROCEDURES
        .iter()
        .filter(|p| p.kind == ProcedureKind::Event)
        .map(|p| p.number)
        .collect();
    // Every event procedure of libvirt 11.3.0, callback-id and legacy.
    for n in [
        107, 169, 170, 171, 172, 173, 195, 224, 241, 248, 268, 269, 270, 276, 292, 311, 315, 318,
        319, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333, 339, 346, 348,
        354, 359, 362, 363, 367, 370, 373, 376, 377, 379, 382, 383, 385, 423, 438, 446, 453,
    ] {
        assert!(events.contains(&n), "procedure {n} is an event");
    }
    assert_eq!(events.len(), 53);
    assert!(
        remote::PROCEDURES
            .iter()
            .all(|p| p.kind != ProcedureKind::Message)
    );
    assert!(
        keepalive::PROCEDURES
            .iter()
            .all(|p| p.kind == ProcedureKind::Message)
    );
    let qemu_events: Vec<_> = qemu::PROCEDURES
        .iter()
        .filter(|p| p.kind == ProcedureKind::Event)
        .map(|p| p.number)
        .collect();
    assert_eq!(qemu_events, [6]);
}

#[test]
fn callback_roles_pair_each_registration_with_its_deregistration_and_events() {
    use CallbackRole::{Deregister, Event, Register};
    let roles: Vec<(&ProcedureInfo, CallbackRole)> = PROGRAMS
        .iter()
        .flat_map(|(_, _, table)| table.iter())
        .filter_map(|p| Some((p, p.callback?)))
        .collect();
    let mut families = Vec::new();
    for (_, role) in &roles {
        if !families.contains(&role.family()) {
            families.push(role.family());
        }
    }
    let expected = [
        EventFamily::Domain,
        EventFamily::Network,
        EventFamily::StoragePool,
        EventFamily::NodeDevice,
        EventFamily::Secret,
        EventFamily::DomainMonitor,
    ];
    assert_eq!(families.len(), expected.len(), "{families:?}");
    assert!(
        expected.iter().all(|f| families.contains(f)),
        "{families:?}"
    );
    for family in families {
        let with = |role: CallbackRole| -> Vec<&ProcedureInfo> {
            roles
                .iter()
                .filter(|(_, r)| *r == role)
                .map(|(p, _)| *p)
                .collect()
        };
        let [register] = with(Register(family))[..] else {
            panic!("{family:?} has one registration");
        };
        let [deregister] = with(Deregister(family))[..] else {
            panic!("{family:?} has one deregistration");
        };
        let events = with(Event(family));
        assert!(!events.is_empty(), "{family:?} has events");
        assert_eq!(register.kind, ProcedureKind::Call);
        assert!(register.name.contains("_REGISTER"), "{}", register.name);
        assert!(
            register.ret.is_some(),
            "{} returns the callback id",
            register.name
        );
        assert_eq!(deregister.kind, ProcedureKind::Call);
        assert!(
            deregister.name.contains("_DEREGISTER"),
            "{}",
            deregister.name
        );
        assert!(
            deregister.args.is_some(),
            "{} takes the callback id",
            deregister.name
        );
        assert_eq!(deregister.program, register.program);
        for e in events {
            assert_eq!(e.kind, ProcedureKind::Event, "{}", e.name);
            assert_eq!(e.program, register.program, "{}", e.name);
        }
    }

    // The events without a callback id, which no registered callback
    // receives: the legacy domain events and the connection's close.
    let without = [
        107, 169, 170, 171, 172, 173, 195, 224, 241, 248, 268, 269, 270, 276, 292, 311, 362,
    ];
    for p in remote::PROCEDURES
        .iter()
        .filter(|p| p.kind == ProcedureKind::Event)
    {
        assert_eq!(
            p.callback.is_none(),
            without.contains(&p.number),
            "{}",
            p.name
        );
    }
    // The legacy registrations hand out no callback id either.
    for n in [105, 106, 167, 168] {
        assert_eq!(info(n).callback, None, "{}", info(n).name);
    }
    assert_eq!(info(316).callback, Some(Register(EventFamily::Domain)));
    assert_eq!(info(317).callback, Some(Deregister(EventFamily::Domain)));
    assert_eq!(
        info(339).callback,
        Some(Event(EventFamily::Domain)),
        "BLOCK_JOB_2"
    );
    assert_eq!(info(446).callback, Some(Event(EventFamily::Network)));
    assert_eq!(info(381).callback, Some(Deregister(EventFamily::Secret)));
    let qemu_role = |n| qemu::Procedure::from_i32(n).unwrap().info().callback;
    assert_eq!(qemu_role(4), Some(Register(EventFamily::DomainMonitor)));
    assert_eq!(qemu_role(5), Some(Deregister(EventFamily::DomainMonitor)));
    assert_eq!(qemu_role(6), Some(Event(EventFamily::DomainMonitor)));
    // Only the remote and qemu programs have callbacks: the connection
    // looks for registrations there alone.
    for table in [
        &lxc::PROCEDURES[..],
        &admin::PROCEDURES[..],
        &keepalive::PROCEDURES[..],
    ] {
        assert!(table.iter().all(|p| p.callback.is_none()));
    }
}

#[test]
fn zero_sized_procedure_types() {
    type P = remote::procedures::DomainLookupByName;
    assert_eq!(P::INFO.number, 23);
    fn args_of<T: CallProcedure>(a: T::Args) -> T::Args {
        a
    }
    let a = args_of::<P>(remote::DomainLookupByNameArgs {
        name: "test".into(),
    });
    assert_eq!(a.name, "test");
    type E = remote::procedures::DomainEventCallbackLifecycle;
    fn message_name<T: EventProcedure>() -> &'static str {
        std::any::type_name::<T::Message>()
    }
    assert!(message_name::<E>().ends_with("DomainEventCallbackLifecycleMsg"));
    assert_eq!(E::INFO.kind, ProcedureKind::Event);
}

#[test]
fn typed_events_decode_and_route_by_callback_id() {
    let msg = remote::DomainEventCallbackLifecycleMsg {
        callback_id: 7,
        msg: remote::DomainEventLifecycleMsg {
            dom: remote::NonnullDomain {
                name: "test".into(),
                uuid: [0x6a; 16],
                id: 1,
            },
            event: 3,
            detail: 0,
        },
    };
    let payload = libvirt_xdr::to_vec(&msg).unwrap();
    let event = remote::Event::decode(318, &payload).unwrap().unwrap();
    assert_eq!(event.callback_id(), Some(7));
    assert_eq!(
        event.procedure(),
        remote::Procedure::DomainEventCallbackLifecycle
    );
    assert_eq!(event.encode().unwrap(), payload);
    assert_eq!(event, remote::Event::DomainEventCallbackLifecycle(msg));
    // Legacy events carry no callback id.
    let legacy = remote::Event::decode(107, &payload[4..]).unwrap().unwrap();
    assert_eq!(legacy.callback_id(), None);
    // Unknown event procedures are not an error: libvirt ignores them.
    assert_eq!(remote::Event::decode(1, &payload).unwrap(), None);
    assert_eq!(remote::Event::decode(9999, &payload).unwrap(), None);
    // A truncated payload is a typed decode error.
    assert!(remote::Event::decode(318, &payload[..10]).is_err());
}

#[test]
fn header_constants_are_typed() {
    assert_eq!(DomainState::Running.as_raw(), 1);
    assert_eq!(DomainState::try_from(3).unwrap(), DomainState::Paused);
    assert!(DomainState::try_from(99).is_err());
    assert_eq!(ErrorNumber::ErrNoDomain.as_raw(), 42);
    assert_eq!(ErrorNumber::from_raw(39), Some(ErrorNumber::ErrRpc));
    assert_eq!(ErrorDomain::Rpc.as_raw(), 7);
    let flags = ConnectListAllDomainsFlags::ACTIVE | ConnectListAllDomainsFlags::INACTIVE;
    assert_eq!(flags.bits(), 3);
    // Display prints virsh's words, c_name() the C name.
    assert_eq!(DomainState::Paused.to_string(), "paused");
    assert_eq!(DomainState::Shutoff.to_string(), "shut off");
    assert_eq!(DomainState::Blocked.to_string(), "idle");
    assert_eq!(DomainState::Shutoff.c_name(), "VIR_DOMAIN_SHUTOFF");
    assert_eq!(format!("[{:<9}]", DomainState::Running), "[running  ]");
    assert_eq!(DomainEventType::Started.to_string(), "Started");
    assert_eq!(DomainEventSuspendedDetailType::Paused.to_string(), "Paused");
    // Where virsh has no words of its own: the C name without the shared
    // prefix, lower-case, `_` as a space.
    assert_eq!(ErrorDomain::Rpc.to_string(), "rpc");
    assert_eq!(
        DomainShutoffReason::FromSnapshot.to_string(),
        "from snapshot"
    );
    assert_eq!(libvirt_core::enums::VIR_UUID_BUFLEN, 16);
}

#[test]
fn wire_enums_and_header() {
    let header = net::MessageHeader {
        prog: remote::PROGRAM,
        vers: 1,
        proc: 1,
        r#type: net::MessageType::Call,
        serial: 5,
        status: net::MessageStatus::Ok,
    };
    let bytes = libvirt_xdr::to_vec(&header).unwrap();
    assert_eq!(
        bytes,
        [
            0x20, 0x00, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0
        ]
    );
    let back: net::MessageHeader = libvirt_xdr::from_bytes_exact(&bytes).unwrap();
    assert_eq!(back, header);
    let mut bad = bytes.clone();
    bad[15] = 9; // message type 9 does not exist
    assert!(libvirt_xdr::from_bytes::<net::MessageHeader>(&bad).is_err());
    assert_eq!(
        net::MessageType::from_i32(6),
        Some(net::MessageType::StreamHole)
    );
    assert_eq!(net::MessageType::StreamHole.c_name(), "VIR_NET_STREAM_HOLE");
}

#[test]
fn bounds_from_the_x_files_are_enforced() {
    // remote_auth_list_ret: remote_auth_type types<REMOTE_AUTH_TYPE_LIST_MAX = 20>
    let too_many = remote::AuthListRet {
        types: vec![remote::AuthType::None; 21],
    };
    assert!(matches!(
        libvirt_xdr::to_vec(&too_many),
        Err(libvirt_xdr::Error::LengthExceedsMax { len: 21, max: 20 })
    ));
    let mut bytes = libvirt_xdr::to_vec(&remote::AuthListRet {
        types: vec![remote::AuthType::None; 20],
    })
    .unwrap();
    bytes[3] = 21;
    bytes.extend([0; 4]);
    assert!(matches!(
        libvirt_xdr::from_bytes::<remote::AuthListRet>(&bytes),
        Err(libvirt_xdr::Error::LengthExceedsMax { len: 21, max: 20 })
    ));
    // A hostile count is refused before anything is allocated.
    let hostile = [0xff, 0xff, 0xff, 0xff];
    assert!(libvirt_xdr::from_bytes::<remote::ConnectListAllDomainsRet>(&hostile).is_err());
}

/// A fake blocking adapter: encodes the CALL, answers from a canned REPLY.
struct Fake {
    sent: RefCell<Vec<(i32, Vec<u8>)>>,
    reply: Vec<u8>,
}

impl BlockingCall for Fake {
    type Error = libvirt_xdr::Error;
    type Stream = &'static str;
    type Fd = i32;

    fn call<P: CallProcedure>(&self, args: P::Args) -> Result<P::Ret, Self::Error> {
        self.sent
            .borrow_mut()
            .push((P::INFO.number, libvirt_xdr::to_vec(&args)?));
        libvirt_xdr::from_bytes(&self.reply)
    }

    fn call_stream<P: CallProcedure>(
        &self,
        args: P::Args,
    ) -> Result<(P::Ret, Self::Stream), Self::Error> {
        assert!(P::INFO.stream.is_stream());
        Ok((self.call::<P>(args)?, "stream"))
    }

    fn call_with_fds<P: CallProcedure>(
        &self,
        args: P::Args,
        fds: Vec<Self::Fd>,
    ) -> Result<WithFds<P::Ret, Self::Fd>, Self::Error> {
        assert_ne!(P::INFO.fds, FdPassing::None);
        Ok((self.call::<P>(args)?, fds))
    }
}

#[test]
fn blocking_api_encodes_args_and_projects_results() {
    let dom = remote::NonnullDomain {
        name: "test".into(),
        uuid: [1; 16],
        id: 1,
    };
    let fake = Fake {
        sent: RefCell::default(),
        reply: libvirt_xdr::to_vec(&remote::DomainLookupByNameRet { dom: dom.clone() }).unwrap(),
    };
    // A single-field return value comes back as that field.
    assert_eq!(fake.domain_lookup_by_name("test").unwrap(), dom);
    assert_eq!(
        fake.sent.borrow()[0],
        (23, vec![0, 0, 0, 4, b't', b'e', b's', b't'])
    );

    // A stream procedure returns the adapter's stream with the result.
    let fake = Fake {
        sent: RefCell::default(),
        reply: libvirt_xdr::to_vec(&remote::DomainScreenshotRet {
            mime: Some("image/png".into()),
        })
        .unwrap(),
    };
    let (mime, stream) = fake.domain_screenshot(dom.clone(), 0, 0).unwrap();
    assert_eq!(mime, Some("image/png".into()));
    assert_eq!(stream, "stream");

    // A void procedure returns (); fd procedures hand fds through.
    let fake = Fake {
        sent: RefCell::default(),
        reply: Vec::new(),
    };
    fake.domain_suspend(dom.clone()).unwrap();
    // fds go only the way libvirt sends them: with the CALL for
    // OPEN_GRAPHICS, with the REPLY for OPEN_GRAPHICS_FD.
    let () = fake
        .domain_open_graphics(dom.clone(), 0, 0, vec![9])
        .unwrap();
    let fds: Vec<i32> = fake.domain_open_graphics_fd(dom, 0, 0).unwrap();
    assert!(fds.is_empty());
    assert_eq!(fake.sent.borrow()[0].0, 34);
}
