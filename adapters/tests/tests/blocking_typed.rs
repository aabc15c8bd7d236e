//! The typed layer (`libvirt_api`) through `libvirt-blocking`: handles,
//! typed results and flags, with `virsh` as the oracle.

use std::collections::HashSet;

use libvirt_adapter_tests::{Daemon, TEST_DOMAIN, domain_xml};
use libvirt_blocking::enums::{
    ConnectGetAllDomainStatsFlags, ConnectListAllDomainsFlags, DomainState, DomainStatsTypes,
    DomainUndefineFlagsValues, DomainXMLFlags,
};
use libvirt_blocking::libvirt_api::Uuid;
use libvirt_blocking::prelude::*;
use libvirt_blocking::{Client, Domain};

/// `virsh dominfo`'s value for `key`.
fn dominfo(daemon: &Daemon, name: &str, key: &str) -> String {
    let out = daemon.virsh(&["dominfo", name]);
    out.lines()
        .find_map(|l| {
            l.strip_prefix(key)
                .map(|v| v.trim_start_matches(':').trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no {key} in {out}"))
}

#[test]
fn typed_handles_lookups_and_info() {
    let daemon = Daemon::start();
    let client = Client::connect(&daemon.unix_uri()).unwrap();
    let all = client
        .list_all_domains(ConnectListAllDomainsFlags::ACTIVE)
        .unwrap();
    let dom = all
        .iter()
        .find(|d| d.name() == TEST_DOMAIN)
        .unwrap()
        .clone();
    let uuid: Uuid = dominfo(&daemon, TEST_DOMAIN, "UUID").parse().unwrap();
    let by_name = Domain::lookup_by_name(&client, TEST_DOMAIN).unwrap();
    let by_uuid = Domain::lookup_by_uuid(&client, uuid).unwrap();
    let by_text = Domain::lookup_by_uuid_string(&client, &uuid.to_string()).unwrap();
    assert!(dom == by_name && by_name == by_uuid && by_uuid == by_text);
    // Equal and hashed by identity (the UUID), never by the client inside.
    #[allow(clippy::mutable_key_type)]
    let set: HashSet<Domain> = [dom.clone(), by_name, by_uuid, by_text].into();
    assert_eq!(set.len(), 1);
    let info = dom.get_info().unwrap();
    assert_eq!(info.state, DomainState::Running);
    assert_eq!(
        info.state.to_string(),
        dominfo(&daemon, TEST_DOMAIN, "State")
    );
    assert_eq!(
        format!("{} KiB", info.memory_kib),
        dominfo(&daemon, TEST_DOMAIN, "Used memory")
    );
    assert!(dom.is_active().unwrap());
    let xml = dom.get_xml_desc(DomainXMLFlags::empty()).unwrap();
    assert!(xml.contains(&format!("<uuid>{uuid}</uuid>")), "{xml}");
    client.close().unwrap();
}

#[test]
fn typed_define_start_destroy_undefine() {
    let daemon = Daemon::start();
    let client = Client::connect(&daemon.unix_uri()).unwrap();
    let dom = Domain::define_xml(&client, &domain_xml("typed")).unwrap();
    assert_eq!((dom.name().as_ref(), dom.id()), ("typed", None));
    assert_eq!(dom.get_info().unwrap().state.to_string(), "shut off");
    dom.create().unwrap();
    assert_eq!(dominfo(&daemon, "typed", "State"), "running");
    dom.suspend().unwrap();
    assert_eq!(dom.get_state().unwrap().state, DomainState::Paused);
    dom.resume().unwrap();
    dom.destroy().unwrap();
    dom.undefine_flags(DomainUndefineFlagsValues::empty())
        .unwrap();
    assert!(!daemon.virsh(&["list", "--all", "--name"]).contains("typed"));
    client.close().unwrap();
}

#[test]
fn typed_all_domain_stats_and_parameters() {
    let daemon = Daemon::start();
    let node = daemon.scratch().join("node-2000.xml");
    std::fs::write(&node, libvirt_adapter_tests::node_xml(2000)).unwrap();
    let uri = format!(
        "test+unix://{}?socket={}",
        node.display(),
        daemon.socket().display()
    );
    let client = Client::connect(&uri).unwrap();
    let records = client
        .get_all_domain_stats(
            DomainStatsTypes::STATE,
            ConnectGetAllDomainStatsFlags::empty(),
        )
        .unwrap();
    assert_eq!(records.len(), 2000);
    let out = libvirt_adapter_tests::virsh_at(&uri, &["domstats", "--state"]);
    let states: Vec<&str> = out
        .lines()
        .filter_map(|l| l.trim().strip_prefix("state.state="))
        .collect();
    assert_eq!(states.len(), 2000);
    for ((dom, stats), state) in records.iter().zip(states) {
        assert!(dom.name().starts_with("dom"));
        let typed = stats.state.as_ref().and_then(|s| s.state).unwrap();
        assert_eq!(typed.to_string(), state);
    }
    let dom = Domain::lookup_by_name(&client, "dom0007").unwrap();
    assert_eq!(
        dom.uuid().to_string(),
        "6695eb01-f6a4-8304-79aa-000000000007"
    );
    let sched = dom.get_scheduler_parameters().unwrap();
    assert!(
        libvirt_adapter_tests::virsh_at(&uri, &["schedinfo", "dom0007"])
            .lines()
            .any(|l| l.starts_with("weight") && l.ends_with(&format!(" {}", sched.weight.unwrap()))),
        "{sched:?}"
    );
    client.close().unwrap();
}
