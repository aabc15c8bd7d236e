//! The typed layer (`libvirt_api`) through the async adapters: handles,
//! typed results and flags, with `virsh` as the oracle.

use std::collections::HashSet;

use libvirt_adapter_tests::{Daemon, TEST_DOMAIN, domain_xml};
use libvirt_api::{ConnectApi, Uuid};
use libvirt_client::typed::Domain;
use libvirt_core::enums::{
    ConnectListAllDomainsFlags, DomainState, DomainUndefineFlagsValues, DomainXMLFlags,
};

use super::{Rt, connect};

/// `virsh dominfo`'s value for `key` (`Used memory:  2097152 KiB`).
fn dominfo(daemon: &Daemon, name: &str, key: &str) -> String {
    let out = daemon.virsh(&["dominfo", name]);
    out.lines()
        .find_map(|l| {
            l.strip_prefix(key)
                .map(|v| v.trim_start_matches(':').trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no {key} in {out}"))
}

pub(crate) async fn typed_handles_lookups_and_info<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;

    // Lists and lookups give handles, equal by identity.
    let all = client
        .list_all_domains(ConnectListAllDomainsFlags::empty())
        .await
        .unwrap();
    let dom = all
        .iter()
        .find(|d| d.name() == TEST_DOMAIN)
        .expect("the test domain is listed")
        .clone();
    let by_name = Domain::lookup_by_name(&client, TEST_DOMAIN).await.unwrap();
    let uuid: Uuid = dominfo(&daemon, TEST_DOMAIN, "UUID").parse().unwrap();
    assert_eq!(by_name.uuid(), uuid);
    let by_uuid = Domain::lookup_by_uuid(&client, uuid).await.unwrap();
    let by_text = Domain::lookup_by_uuid_string(&client, &uuid.to_string())
        .await
        .unwrap();
    let id: u32 = dominfo(&daemon, TEST_DOMAIN, "Id").parse().unwrap();
    assert_eq!(dom.id(), Some(id));
    let by_id = Domain::lookup_by_id(&client, id as i32).await.unwrap();
    assert!(dom == by_name && by_name == by_uuid && by_uuid == by_text && by_text == by_id);
    // Equal and hashed by identity (the UUID), never by the client inside.
    #[allow(clippy::mutable_key_type)]
    let set: HashSet<Domain> = [dom.clone(), by_name, by_uuid, by_text, by_id].into();
    assert_eq!(set.len(), 1);

    // A UUID string that does not parse is the typed layer's error.
    let err = Domain::lookup_by_uuid_string(&client, "not-a-uuid")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            libvirt_client::Error::Typed(libvirt_api::Error::BadUuid { .. })
        ),
        "{err:?}"
    );

    // Typed results agree with virsh.
    let info = dom.get_info().await.unwrap();
    assert_eq!(info.state, DomainState::Running);
    assert_eq!(
        info.state.to_string(),
        dominfo(&daemon, TEST_DOMAIN, "State")
    );
    assert_eq!(
        format!("{} KiB", info.memory_kib),
        dominfo(&daemon, TEST_DOMAIN, "Used memory")
    );
    assert_eq!(
        format!("{} KiB", info.max_mem_kib),
        dominfo(&daemon, TEST_DOMAIN, "Max memory")
    );
    assert_eq!(
        info.nr_virt_cpu.to_string(),
        dominfo(&daemon, TEST_DOMAIN, "CPU(s)")
    );
    assert_eq!(dom.get_state().await.unwrap().state, DomainState::Running);
    assert!(dom.is_active().await.unwrap());
    assert!(dom.is_persistent().await.unwrap());
    let xml = dom.get_xml_desc(DomainXMLFlags::SECURE).await.unwrap();
    assert!(xml.contains(&format!("<uuid>{uuid}</uuid>")), "{xml}");
    assert_eq!(
        client.get_hostname().await.unwrap(),
        daemon.virsh(&["hostname"]).trim()
    );
    client.close().await.unwrap();
}

pub(crate) async fn typed_define_start_destroy_undefine<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let dom = Domain::define_xml(&client, &domain_xml("typed"))
        .await
        .unwrap();
    assert_eq!(dom.name(), "typed");
    assert_eq!(dom.id(), None);
    assert!(!dom.is_active().await.unwrap());
    assert_eq!(dominfo(&daemon, "typed", "State"), "shut off");
    assert_eq!(dom.get_info().await.unwrap().state.to_string(), "shut off");
    dom.create().await.unwrap();
    assert_eq!(dominfo(&daemon, "typed", "State"), "running");
    dom.suspend().await.unwrap();
    assert_eq!(dom.get_state().await.unwrap().state, DomainState::Paused);
    assert_eq!(dominfo(&daemon, "typed", "State"), "paused");
    dom.resume().await.unwrap();
    dom.set_autostart(true).await.unwrap();
    assert!(dom.get_autostart().await.unwrap());
    assert_eq!(dominfo(&daemon, "typed", "Autostart"), "enable");
    dom.destroy().await.unwrap();
    // The handle from before it started names the same domain.
    let running = Domain::lookup_by_name(&client, "typed").await.unwrap();
    assert_eq!(running, dom);
    dom.undefine_flags(DomainUndefineFlagsValues::empty())
        .await
        .unwrap();
    assert!(!daemon.virsh(&["list", "--all", "--name"]).contains("typed"));
    client.close().await.unwrap();
}
