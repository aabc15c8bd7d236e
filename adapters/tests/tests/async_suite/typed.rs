//! The typed layer (`libvirt_api`) through the async adapters: handles,
//! typed results and flags, with `virsh` as the oracle.

use std::collections::HashSet;

use libvirt_adapter_tests::{Daemon, TEST_DOMAIN, domain_xml};
use libvirt_api::{ConnectApi, Uuid};
use libvirt_client::typed::Domain;
use libvirt_core::enums::{
    ConnectGetAllDomainStatsFlags, ConnectListAllDomainsFlags, DomainModificationImpact,
    DomainState, DomainStatsTypes, DomainUndefineFlagsValues, DomainXMLFlags,
};
use libvirt_core::remote::RemoteApi as _;

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

/// The text virsh prints for a typed parameter value.
fn virsh_text(v: &libvirt_api::params::ParamValue) -> String {
    use libvirt_api::params::ParamValue as V;
    match v {
        V::Int(n) => n.to_string(),
        V::UInt(n) => n.to_string(),
        V::LLong(n) => n.to_string(),
        V::ULLong(n) => n.to_string(),
        V::Double(d) => format!("{d:.6}"),
        V::Boolean(b) => if *b { "yes" } else { "no" }.to_owned(),
        V::String(s) => s.to_string(),
    }
}

pub(crate) async fn typed_all_domain_stats_agree_with_virsh_on_2000_domains<R: Rt>() {
    let daemon = Daemon::start();
    // 2000 running domains: the test driver runs every domain of a node
    // file given as the URI's path.
    let node = daemon.scratch().join("node-2000.xml");
    std::fs::write(&node, libvirt_adapter_tests::node_xml(2000)).unwrap();
    let uri = format!(
        "test+unix://{}?socket={}",
        node.display(),
        daemon.socket().display()
    );
    let client = R::connect(uri.clone(), libvirt_client::Options::new())
        .await
        .unwrap();
    let records = client
        .get_all_domain_stats(
            DomainStatsTypes::empty(),
            ConnectGetAllDomainStatsFlags::empty(),
        )
        .await
        .unwrap();
    assert_eq!(records.len(), 2000);
    // virsh domstats, every domain, every field.
    let out = libvirt_adapter_tests::virsh_at(&uri, &["domstats"]);
    let mut virsh: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in out.lines() {
        if let Some(name) = line.strip_prefix("Domain: '") {
            virsh.push((name.trim_end_matches('\'').to_owned(), Vec::new()));
        } else if let Some((k, v)) = line.trim().split_once('=') {
            virsh
                .last_mut()
                .unwrap()
                .1
                .push((k.to_owned(), v.to_owned()));
        }
    }
    assert_eq!(virsh.len(), 2000);
    let mut fields = 0;
    for ((dom, stats), (name, expected)) in records.iter().zip(&virsh) {
        assert_eq!(&dom.name(), name);
        // The typed record holds every field virsh printed: sent back
        // through the serializer, it gives the same keys and values.
        let wire = libvirt_api::params::to_params(stats).unwrap();
        let got: Vec<(String, String)> = wire
            .into_iter()
            .map(|p| {
                let v = libvirt_api::params::ParamValue::from(p.value);
                (p.field.to_string(), virsh_text(&v))
            })
            .collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got_sorted, want, "{name}");
        assert_eq!(
            stats.state.as_ref().and_then(|s| s.state),
            Some(DomainState::Running.as_raw()),
            "{name}"
        );
        fields += want.len();
    }
    assert!(fields >= 4000, "{fields} fields");
    client.close().await.unwrap();
}

pub(crate) async fn typed_parameters_reach_the_daemon_typed<R: Rt>() {
    let daemon = Daemon::start();
    let client = connect::<R>(&daemon).await;
    let dom = Domain::lookup_by_name(&client, TEST_DOMAIN).await.unwrap();
    // Read: the scheduler's weight as virsh shows it.
    let sched = dom.get_scheduler_parameters().await.unwrap();
    let virsh = daemon.virsh(&["schedinfo", TEST_DOMAIN]);
    let weight = virsh
        .lines()
        .find_map(|l| l.strip_prefix("weight"))
        .map(|v| v.trim_start_matches([' ', ':']).trim().to_owned())
        .unwrap();
    assert_eq!(sched.weight.map(|w| w.to_string()), Some(weight));
    // Sent: the daemon checks each parameter's name and type
    // (virTypedParamsValidate) and accepts ours; the test driver keeps
    // nothing it is sent, so it cannot echo them back.
    let new = libvirt_api::params::SchedulerParameters {
        weight: Some(100),
        ..Default::default()
    };
    dom.set_scheduler_parameters_flags(&new, DomainModificationImpact::empty())
        .await
        .unwrap();
    // ... and compares our values: a rate above its maximum is refused
    // with the names libvirt gives them.
    let tune = libvirt_api::params::BlockIoTuneParameters {
        total_bytes_sec: Some(2_000_000),
        total_bytes_sec_max: Some(1_000_000),
        ..Default::default()
    };
    let err = dom
        .set_block_io_tune("vda", &tune, DomainModificationImpact::LIVE)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("total_bytes_sec cannot be set higher than total_bytes_sec_max"),
        "{text}"
    );
    let io = dom
        .get_block_io_tune(Some("vda"), DomainModificationImpact::LIVE)
        .await
        .unwrap();
    let virsh = daemon.virsh(&["blkdeviotune", TEST_DOMAIN, "vda"]);
    assert!(
        virsh.contains(&format!("total_bytes_sec: {}", io.total_bytes_sec.unwrap())),
        "{virsh}"
    );

    // The daemon's own reply read into other shapes: a field of another
    // type is a typed error naming it; fields a struct does not know are
    // kept, not dropped.
    let raw = client
        .domain_get_scheduler_parameters(dom.raw().clone(), 16)
        .await
        .unwrap();
    #[derive(Debug, serde::Deserialize)]
    struct WrongType {
        #[serde(rename = "weight")]
        _weight: Option<String>,
    }
    let err = libvirt_api::params::from_params::<WrongType>(raw.clone()).unwrap_err();
    assert_eq!(err.field(), "weight", "{err}");
    assert!(
        matches!(err, libvirt_api::params::ParamError::Mismatch { .. }),
        "{err:?}"
    );
    #[derive(Debug, serde::Deserialize)]
    struct KnowsNothing {
        #[serde(rename = "$other")]
        other: libvirt_api::params::Params,
    }
    let kept = libvirt_api::params::from_params::<KnowsNothing>(raw).unwrap();
    assert!(kept.other.get("weight").is_some(), "{kept:?}");
    client.close().await.unwrap();
}
