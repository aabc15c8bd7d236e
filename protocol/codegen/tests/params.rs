//! Typed parameter sets from libvirt's API description: every field macro
//! is a field of one set (or structural, for a stated reason), every
//! function with typed parameters uses a set or the generic list for a
//! stated reason. The counts pin libvirt 11.3.0.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use libvirt_codegen::api::{self, ParamType};
use libvirt_codegen::params::{
    self, Direction, FieldKind, GENERIC_FUNCTIONS, NAME_OVERRIDES, ParamSet, RECORD_FUNCTIONS,
    SETS, STRUCTURAL, StructDef, TYPE_OVERRIDES,
};

fn proto() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto")
}

fn apis() -> Vec<api::Api> {
    params::read_apis(&proto()).unwrap().0
}

fn sets() -> Vec<ParamSet> {
    params::sets(&apis()).unwrap()
}

fn set<'a>(sets: &'a [ParamSet], name: &str) -> &'a ParamSet {
    sets.iter().find(|s| s.def.name == name).unwrap()
}

/// (rust name, key, Rust type as text) of a struct's fields.
fn shape(s: &StructDef) -> Vec<(String, String, String)> {
    s.fields
        .iter()
        .map(|f| {
            let ty = match &f.kind {
                FieldKind::Value {
                    ty,
                    repeated,
                    uint_or_ullong,
                    ..
                } => {
                    let t = match ty {
                        ParamType::Int => "i32",
                        ParamType::UInt => "u32",
                        ParamType::LLong => "i64",
                        ParamType::ULLong if *uint_or_ullong => "u64 (uint or ullong)",
                        ParamType::ULLong => "u64",
                        ParamType::Double => "f64",
                        ParamType::Boolean => "bool",
                        ParamType::String => "String",
                    };
                    if *repeated {
                        format!("Vec<{t}>")
                    } else {
                        t.to_owned()
                    }
                }
                FieldKind::Group(g) => format!("Option<{}>", g.name),
                FieldKind::List(l) => format!("Vec<{}>", l.name),
                FieldKind::Map => "Params".to_owned(),
            };
            (f.rust.clone(), f.wire.clone(), ty)
        })
        .collect()
}

fn row(r: &str, w: &str, t: &str) -> (String, String, String) {
    (r.to_owned(), w.to_owned(), t.to_owned())
}

#[test]
fn every_field_macro_is_a_field_of_one_set_or_structural() {
    let apis = apis();
    let all: Vec<&api::ParamMacro> = apis.iter().flat_map(|a| &a.params).collect();
    let sets = params::sets(&apis).unwrap();
    let claimed: usize = sets.iter().map(|s| s.macros.len()).sum();
    assert_eq!(claimed, all.len(), "a macro claimed twice or not at all");

    let values: usize = sets.iter().map(|s| s.root.value_count()).sum();
    let lists_and_maps: usize = sets
        .iter()
        .flat_map(|s| s.root.all())
        .flat_map(|s| &s.fields)
        .filter(|f| matches!(f.kind, FieldKind::List(_) | FieldKind::Map))
        .count();
    let structural = all
        .iter()
        .filter(|m| STRUCTURAL.iter().any(|(p, _)| m.name.starts_with(p)))
        .count();
    let structs: usize = sets.iter().map(|s| s.root.all().len()).sum();
    // libvirt 11.3.0: 429 macros = 407 value fields + 17 group prefixes
    // (16 lists, the `vm.` map) + 5 structural (3 custom-stat kinds, 2
    // `%u` names); 27 sets in 54 structs.
    assert_eq!(all.len(), 429);
    assert_eq!((values, lists_and_maps, structural), (407, 17, 5));
    assert_eq!((sets.len(), structs), (27, 54));
    assert_eq!(sets.len(), SETS.len());

    // Where each value field's type comes from: its text (one type, or
    // "uint or ullong"), or a table (overrides, a set's default, counts).
    let mut from = BTreeMap::new();
    for s in sets.iter().flat_map(|s| s.root.all()) {
        for f in &s.fields {
            if let FieldKind::Value {
                type_source,
                uint_or_ullong,
                ..
            } = &f.kind
            {
                let k = match (type_source, uint_or_ullong) {
                    (None, false) => "text",
                    (None, true) => "uint or ullong",
                    (Some(_), _) => "table",
                };
                *from.entry(k).or_insert(0) += 1;
            }
        }
    }
    // The table: 21 overrides, 22 perf events, 10 node stats, 1 count.
    assert_eq!(
        from,
        BTreeMap::from([("text", 349), ("uint or ullong", 4), ("table", 54)])
    );
}

#[test]
fn the_override_tables_are_live_and_never_contradict_the_text() {
    let apis = apis();
    let all: BTreeMap<&str, &api::ParamMacro> = apis
        .iter()
        .flat_map(|a| &a.params)
        .map(|m| (m.name.as_str(), m))
        .collect();
    for (m, _, why) in TYPE_OVERRIDES {
        let mac = all
            .get(m)
            .unwrap_or_else(|| panic!("{m}: a stale type override"));
        assert!(
            mac.types().is_empty(),
            "{m}: its text says {:?}; the override would contradict it",
            mac.types()
        );
        assert!(!why.is_empty());
    }
    for (m, name, why) in NAME_OVERRIDES {
        assert!(all.contains_key(m), "{m}: a stale name override");
        assert!(!name.is_empty() && !why.is_empty());
    }
    for (p, why) in STRUCTURAL {
        assert!(
            all.keys().any(|m| m.starts_with(p)),
            "{p}: a stale structural entry"
        );
        assert!(!why.is_empty());
    }
    // Every set's prefixes claim something, and no two sets share one.
    let mut seen = BTreeSet::new();
    for s in SETS {
        for p in s.prefixes {
            assert!(seen.insert(*p), "{p} twice");
            assert!(all.keys().any(|m| m.starts_with(p)), "{p}: no macro");
        }
    }
}

#[test]
fn every_function_with_typed_parameters_uses_a_set_or_the_generic_list() {
    let apis = apis();
    let fns = params::typed_parameter_functions(&apis);
    let names: Vec<&str> = fns.iter().map(|f| f.name.as_str()).collect();
    // libvirt 11.3.0: 36 + 5 (admin) with a virTypedParameterPtr argument
    // (the 19 virTypedParams* helpers aside), and 4 whose records are
    // typed parameters by another name.
    assert_eq!(names.len(), 45);
    assert_eq!(
        fns.iter()
            .filter(|f| f.args.iter().any(|a| a.ty.contains("virTypedParameterPtr")))
            .count(),
        41
    );

    let mut to_set = 0;
    let mut generic = 0;
    let mut by_direction = BTreeMap::new();
    for f in &names {
        let p = params::function_params(f).unwrap_or_else(|| panic!("{f}: no set and no reason"));
        match p.set {
            Some(s) => {
                assert!(SETS.iter().any(|d| d.name == s));
                assert_eq!(params::set_for_function(f), Some(s));
                to_set += 1;
            }
            None => {
                assert!(p.note.is_some_and(|n| !n.is_empty()));
                assert_eq!(params::set_for_function(f), Some("Params"));
                generic += 1;
            }
        }
        *by_direction.entry(p.direction).or_insert(0) += 1;
    }
    assert_eq!((to_set, generic), (44, 1));
    assert_eq!(
        by_direction,
        BTreeMap::from([(Direction::Sends, 21), (Direction::Receives, 24)])
    );

    // Nothing in the tables that the API description does not have, and
    // no function in two sets.
    let mut listed = BTreeSet::new();
    for s in SETS {
        for (f, _) in s.functions {
            assert!(
                names.contains(f),
                "{f} ({}) has no typed parameters",
                s.name
            );
            assert!(listed.insert(*f), "{f} in two sets");
        }
    }
    for (f, why) in GENERIC_FUNCTIONS.iter().chain(RECORD_FUNCTIONS) {
        assert!(names.contains(f), "{f}: stale");
        assert!(!why.is_empty());
    }
    assert_eq!(params::set_for_function("virDomainGetXMLDesc"), None);
    assert_eq!(params::set_for_function("virTypedParamsAddInt"), None);
    assert_eq!(
        params::set_for_function("virDomainGetBlkioParameters"),
        Some("BlkioParameters")
    );
    assert_eq!(
        params::set_for_function("virConnectGetAllDomainStats"),
        Some("DomainStats")
    );
    assert_eq!(
        params::set_for_function("virDomainMigrateToURI3"),
        Some("MigrateParameters")
    );
    assert_eq!(
        params::function_params("virAdmServerSetThreadPoolParameters").map(|p| p.wire),
        Some(params::Wire::Admin)
    );
    assert!(
        params::function_params("virDomainGetCPUStats")
            .and_then(|p| p.note)
            .is_some_and(|n| n.contains("per CPU"))
    );
}

#[test]
fn the_blkio_set() {
    let sets = sets();
    let blkio = set(&sets, "BlkioParameters");
    assert_eq!(
        shape(&blkio.root),
        [
            row("device_read_bytes_sec", "device_read_bytes_sec", "String"),
            row("device_read_iops_sec", "device_read_iops_sec", "String"),
            row("device_weight", "device_weight", "String"),
            row("device_write_bytes_sec", "device_write_bytes_sec", "String"),
            row("device_write_iops_sec", "device_write_iops_sec", "String"),
            row("weight", "weight", "u32"),
        ]
    );
    let weight = &blkio.root.fields[5];
    assert_eq!(
        weight.macro_name.as_deref(),
        Some("VIR_DOMAIN_BLKIO_WEIGHT")
    );
    assert!(weight.doc.contains("io weight"), "{}", weight.doc);
    assert!(blkio.root.doc.contains("virDomainSetBlkioParameters"));
}

#[test]
fn the_scheduler_set_carries_units_its_texts_state() {
    let sets = sets();
    assert_eq!(
        shape(&set(&sets, "SchedulerParameters").root),
        [
            row("cap", "cap", "u32"),
            row("cpu_shares", "cpu_shares", "u64"),
            row("emulator_period_us", "emulator_period", "u64"),
            row("emulator_quota", "emulator_quota", "i64"),
            row("global_period_us", "global_period", "u64"),
            row("global_quota", "global_quota", "i64"),
            row("iothread_period_us", "iothread_period", "u64"),
            row("iothread_quota", "iothread_quota", "i64"),
            row("limit", "limit", "i64"),
            row("reservation", "reservation", "i64"),
            row("shares", "shares", "i32"),
            row("vcpu_period_us", "vcpu_period", "u64"),
            row("vcpu_quota", "vcpu_quota", "i64"),
            row("weight", "weight", "u32"),
        ]
    );
    assert_eq!(
        params::unit_suffix("in nanoseconds, as a ullong"),
        Some("ns")
    );
    assert_eq!(
        params::unit_suffix("(in KiB) as unsigned long long"),
        Some("kib")
    );
    assert_eq!(params::unit_suffix("time (ms) and size in KiB"), None);
    assert_eq!(params::unit_suffix("a count"), None);
}

#[test]
fn the_domain_stats_record_nests_groups_and_lists() {
    let sets = sets();
    let stats = set(&sets, "DomainStats");
    assert_eq!(
        shape(&stats.root),
        [
            row("balloon", "balloon.", "Option<DomainStatsBalloon>"),
            row("block", "block.", "Vec<DomainStatsBlock>"),
            row("block_count", "block.count", "u32"),
            row("cpu", "cpu.", "Option<DomainStatsCpu>"),
            row("dirtyrate", "dirtyrate.", "Option<DomainStatsDirtyrate>"),
            row("iothread", "iothread.", "Vec<DomainStatsIothread>"),
            row("iothread_count", "iothread.count", "u32"),
            row("memory", "memory.", "Option<DomainStatsMemory>"),
            row("net", "net.", "Vec<DomainStatsNet>"),
            row("net_count", "net.count", "u32"),
            row("perf", "perf.", "Option<DomainStatsPerf>"),
            row("state", "state.", "Option<DomainStatsState>"),
            row("vcpu", "vcpu.", "Vec<DomainStatsVcpu>"),
            row("vcpu_current", "vcpu.current", "u32"),
            row("vcpu_maximum", "vcpu.maximum", "u32"),
            row("vm", "vm.", "Params"),
        ]
    );
    let all = stats.root.all();
    let find = |n: &str| *all.iter().find(|s| s.name == n).unwrap();
    let block = find("DomainStatsBlock");
    assert!(block.element);
    assert_eq!(
        shape(block)
            .iter()
            .map(|(r, w, _)| format!("{r}={w}"))
            .collect::<Vec<_>>(),
        [
            "allocation=allocation",
            "backing_index=backingIndex",
            "capacity_bytes=capacity",
            "errors=errors",
            "fl_reqs=fl.reqs",
            "fl_times_ns=fl.times",
            "name=name",
            "path=path",
            "physical_bytes=physical",
            "rd_bytes=rd.bytes",
            "rd_reqs=rd.reqs",
            "rd_times_ns=rd.times",
            "threshold_bytes=threshold",
            "wr_bytes=wr.bytes",
            "wr_reqs=wr.reqs",
            "wr_times_ns=wr.times",
        ]
    );
    let cpu = find("DomainStatsCpu");
    assert!(!cpu.element);
    assert_eq!(
        shape(cpu),
        [
            row(
                "cache_monitor",
                "cache.monitor.",
                "Vec<DomainStatsCpuCacheMonitor>"
            ),
            row("cache_monitor_count", "cache.monitor.count", "u32"),
            row("haltpoll_fail_time_ns", "haltpoll.fail.time", "u64"),
            row("haltpoll_success_time_ns", "haltpoll.success.time", "u64"),
            row("system_ns", "system", "u64"),
            row("time_ns", "time", "u64"),
            row("user_ns", "user", "u64"),
        ]
    );
    // Lists nest: a cache monitor's banks.
    let monitor = find("DomainStatsCpuCacheMonitor");
    assert!(shape(monitor).contains(&row("bank", "bank.", "Vec<DomainStatsCpuCacheMonitorBank>")));
    // IOThread polling: "an unsigned int or unsigned long long".
    assert!(shape(find("DomainStatsIothread")).contains(&row(
        "poll_grow",
        "poll-grow",
        "u64 (uint or ullong)"
    )));
    assert!(shape(find("DomainStatsBalloon")).contains(&row("current_kib", "current", "u64")));
}

#[test]
fn guest_info_and_migration_sets() {
    let sets = sets();
    let guest = set(&sets, "GuestInfo");
    let top: Vec<String> = shape(&guest.root)
        .into_iter()
        .map(|(r, w, t)| format!("{r}={w}:{t}"))
        .collect();
    assert_eq!(
        top,
        [
            "disk=disk.:Vec<GuestInfoDisk>",
            "disk_count=disk.count:u32",
            "fs=fs.:Vec<GuestInfoFs>",
            "fs_count=fs.count:u32",
            "hostname=hostname:String",
            "interfaces=if.:Vec<GuestInfoIf>",
            "if_count=if.count:u32",
            "load=load.:Option<GuestInfoLoad>",
            "os=os.:Option<GuestInfoOs>",
            "timezone=timezone.:Option<GuestInfoTimezone>",
            "user=user.:Vec<GuestInfoUser>",
            "user_count=user.count:u32",
        ]
    );
    let load = guest
        .root
        .all()
        .into_iter()
        .find(|s| s.name == "GuestInfoLoad")
        .unwrap();
    let names: Vec<&str> = load.fields.iter().map(|f| f.rust.as_str()).collect();
    assert_eq!(names, ["load_15m", "load_1m", "load_5m"]);

    let migrate = shape(&set(&sets, "MigrateParameters").root);
    assert!(migrate.contains(&row("migrate_disks", "migrate_disks", "Vec<String>")));
    assert!(migrate.contains(&row("bandwidth_mib_per_sec", "bandwidth", "u64")));
    assert!(migrate.contains(&row("migrate_uri", "migrate_uri", "String")));
    // The tunable event's pinning keys have no field: `%u` names.
    let tunables = set(&sets, "DomainTunables");
    assert!(
        !tunables
            .root
            .all()
            .iter()
            .flat_map(|s| &s.fields)
            .any(|f| f.wire.contains('%'))
    );
}

#[test]
fn the_emitted_code_parses_and_names_its_sources() {
    let g = params::generate_from_dir(&proto()).unwrap();
    let file: syn::File = syn::parse_str(&g.code).unwrap();
    let structs = file
        .items
        .iter()
        .filter(|i| matches!(i, syn::Item::Struct(_)))
        .count();
    assert_eq!(structs, 54);
    assert_eq!(g.inputs.len(), 4);
    for snippet in [
        "pub struct BlkioParameters {",
        "#[doc(alias = \"VIR_DOMAIN_BLKIO_WEIGHT\")]",
        "#[serde(rename = \"weight\", skip_serializing_if = \"Option::is_none\")]",
        "pub weight: Option<u32>,",
        "#[serde(rename = \"block.\", skip_serializing_if = \"alloc::vec::Vec::is_empty\")]",
        "pub block: alloc::vec::Vec<DomainStatsBlock>,",
        "#[serde(rename = \"$index\", skip_serializing_if = \"Option::is_none\")]",
        "#[serde(rename = \"$other\", skip_serializing_if = \"Params::is_empty\")]",
        "with = \"crate::params::uint_or_ullong\"",
        "pub r#type: Option<alloc::string::String>,",
    ] {
        assert!(g.code.contains(snippet), "missing: {snippet}");
    }
    // Docs are escaped for rustdoc: no raw `<num>` or `[IPv6]`.
    for line in g.code.lines().filter(|l| l.trim_start().starts_with("///")) {
        assert!(
            !line.contains("<num>") && !line.contains(" [IPv6]"),
            "{line}"
        );
    }
}

#[test]
fn a_macro_no_set_claims_or_no_type_is_a_build_error() {
    let xml =
        |macros: &str| format!("<api name='libvirt'><files/><symbols>{macros}</symbols></api>");
    let parse = |macros: &str| api::parse("x.xml", &xml(macros)).unwrap();
    let orphan = parse(
        "<macro name='VIR_NEW_THING_KNOB' file='x' string='knob'><info>as a uint</info></macro>",
    );
    let e = params::sets(&[orphan]).unwrap_err();
    assert!(e.message.contains("VIR_NEW_THING_KNOB"), "{}", e.message);
    assert!(e.message.contains("no set"), "{}", e.message);

    // A whole description with one new untyped field.
    let mut apis = apis();
    apis[0].params.push(api::ParamMacro {
        name: "VIR_DOMAIN_BLKIO_NEW".into(),
        field: "new".into(),
        info: "Something new.".into(),
    });
    let e = params::sets(&apis).unwrap_err();
    assert!(e.message.contains("VIR_DOMAIN_BLKIO_NEW"), "{}", e.message);
    assert!(e.message.contains("TYPE_OVERRIDES"), "{}", e.message);
}
