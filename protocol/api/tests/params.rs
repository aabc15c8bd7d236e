//! The typed parameter codec: structs to `virTypedParameter` lists and
//! back, with hand-written inputs (the codec's own unit level).

use std::collections::BTreeMap;

use libvirt_api::params::{self, ParamError, ParamKind, ParamValue, Params};
use libvirt_core::{admin, remote};
use serde::{Deserialize, Serialize};

fn tp(field: &str, value: ParamValue) -> remote::TypedParam {
    remote::TypedParam {
        field: field.into(),
        value: value.into(),
    }
}

fn entries(list: &[remote::TypedParam]) -> Vec<(String, ParamValue)> {
    list.iter()
        .map(|p| (p.field.to_string(), p.value.clone().into()))
        .collect()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Blkio {
    weight: Option<u32>,
    device_weight: Option<String>,
    #[serde(rename = "$other", skip_serializing_if = "Params::is_empty")]
    other: Params,
}

#[test]
fn a_struct_round_trips_and_none_is_not_sent() {
    let b = Blkio {
        weight: Some(500),
        device_weight: Some("/dev/sda,100".into()),
        other: Params::new(),
    };
    let wire = params::to_params(&b).unwrap();
    assert_eq!(
        entries(&wire),
        [
            ("weight".into(), ParamValue::UInt(500)),
            (
                "device_weight".into(),
                ParamValue::String("/dev/sda,100".into())
            ),
        ]
    );
    assert_eq!(params::from_params::<Blkio>(wire).unwrap(), b);

    let empty = params::to_params(&Blkio::default()).unwrap();
    assert!(empty.is_empty());
    assert_eq!(
        params::from_params::<Blkio>(empty).unwrap(),
        Blkio::default()
    );
}

#[test]
fn unknown_keys_are_kept_in_order_and_sent_back() {
    let wire = vec![
        tp("zeta", ParamValue::Int(-1)),
        tp("weight", ParamValue::UInt(10)),
        tp("alpha", ParamValue::String("x".into())),
        tp("zeta", ParamValue::Int(-2)),
    ];
    let b: Blkio = params::from_params(wire.clone()).unwrap();
    assert_eq!(b.weight, Some(10));
    let other: Vec<_> = b.other.iter().cloned().collect();
    assert_eq!(
        other,
        [
            ("zeta".into(), ParamValue::Int(-1)),
            ("alpha".into(), ParamValue::String("x".into())),
            ("zeta".into(), ParamValue::Int(-2)),
        ]
    );
    assert_eq!(b.other.get("zeta"), Some(&ParamValue::Int(-1)));
    assert_eq!(b.other.get_all("zeta").count(), 2);
    // Sent again: the known field, then the kept ones.
    let again = params::to_params(&b).unwrap();
    assert_eq!(again.len(), 4);
    assert_eq!(again[0].field, "weight");
    assert_eq!(again[1].field, "zeta");

    // A BTreeMap works as `$other` too.
    #[derive(Debug, Deserialize)]
    struct WithMap {
        weight: Option<u32>,
        #[serde(rename = "$other")]
        other: BTreeMap<String, ParamValue>,
    }
    let m: WithMap = params::from_params(wire).unwrap();
    assert_eq!(m.weight, Some(10));
    assert_eq!(m.other["alpha"], ParamValue::String("x".into()));

    // Without `$other`, unknown keys are ignored, or refused on request.
    #[derive(Debug, Deserialize)]
    struct Plain {
        weight: Option<u32>,
    }
    let p: Plain = params::from_params(vec![tp("new", ParamValue::Int(1))]).unwrap();
    assert_eq!(p.weight, None);
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        #[allow(dead_code)]
        weight: Option<u32>,
    }
    let e = params::from_params::<Strict>(vec![tp("new", ParamValue::Int(1))]).unwrap_err();
    assert_eq!(e.field(), "new");
    assert!(e.to_string().contains("unknown field"), "{e}");
}

#[test]
fn a_type_mismatch_is_an_error_naming_the_field_what_was_expected_and_what_came() {
    #[derive(Debug, Deserialize)]
    struct S {
        #[allow(dead_code)]
        #[serde(rename = "rd_operations")]
        reads: Option<u64>,
    }
    let e = params::from_params::<S>(vec![tp("rd_operations", ParamValue::String("x".into()))])
        .unwrap_err();
    assert_eq!(
        e,
        ParamError::Mismatch {
            field: "rd_operations".into(),
            expected: "a ullong (or a uint)",
            found: ParamKind::String,
        }
    );
    assert_eq!(
        e.to_string(),
        "typed parameter `rd_operations`: expected a ullong (or a uint), found a string"
    );
    // An llong is not a ullong, even when positive: the rule is by type.
    let e = params::from_params::<S>(vec![tp("rd_operations", ParamValue::LLong(5))]).unwrap_err();
    assert!(matches!(
        e,
        ParamError::Mismatch {
            found: ParamKind::LLong,
            ..
        }
    ));
}

#[test]
fn narrower_wire_types_widen_losslessly() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Wide {
        a: u64,
        b: i64,
        c: i64,
        d: f64,
        e: bool,
        f: u8,
    }
    let w: Wide = params::from_params(vec![
        tp("a", ParamValue::UInt(7)),
        tp("b", ParamValue::Int(-3)),
        tp("c", ParamValue::UInt(u32::MAX)),
        tp("d", ParamValue::Int(2)),
        tp("e", ParamValue::Boolean(true)),
        tp("f", ParamValue::UInt(200)),
    ])
    .unwrap();
    assert_eq!(
        w,
        Wide {
            a: 7,
            b: -3,
            c: u32::MAX.into(),
            d: 2.0,
            e: true,
            f: 200
        }
    );
    // A small type takes a value that fits, and says so when it does not.
    #[derive(Debug, Deserialize)]
    struct Small {
        #[allow(dead_code)]
        f: u8,
    }
    let e = params::from_params::<Small>(vec![tp("f", ParamValue::UInt(300))]).unwrap_err();
    assert_eq!(e.field(), "f");
    // A missing required field names itself.
    let e = params::from_params::<Small>(vec![]).unwrap_err();
    assert_eq!(e.field(), "f");
}

#[test]
fn booleans_are_ints_on_the_wire() {
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Perf {
        cmt: Option<bool>,
        mbmt: Option<bool>,
    }
    let wire = params::to_params(&Perf {
        cmt: Some(true),
        mbmt: Some(false),
    })
    .unwrap();
    assert_eq!(wire[0].value, remote::TypedParamValue::Boolean(1));
    assert_eq!(wire[1].value, remote::TypedParamValue::Boolean(0));
    let odd = vec![remote::TypedParam {
        field: "cmt".into(),
        value: remote::TypedParamValue::Boolean(7),
    }];
    let p: Perf = params::from_params(odd).unwrap();
    assert_eq!(p.cmt, Some(true));
    let e = params::from_params::<Perf>(vec![tp("cmt", ParamValue::Int(1))]).unwrap_err();
    assert!(
        matches!(
            e,
            ParamError::Mismatch {
                expected: "a boolean",
                ..
            }
        ),
        "{e}"
    );
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Block {
    #[serde(rename = "$index")]
    index: Option<u32>,
    name: Option<String>,
    #[serde(rename = "rd.reqs")]
    rd_reqs: Option<u64>,
    #[serde(rename = "rd.bytes")]
    rd_bytes: Option<u64>,
    #[serde(rename = "$other")]
    other: Params,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Balloon {
    current: Option<u64>,
    maximum: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Stats {
    #[serde(rename = "state.state")]
    state: Option<i32>,
    #[serde(rename = "balloon.")]
    balloon: Option<Balloon>,
    #[serde(rename = "block.count")]
    block_count: Option<u32>,
    #[serde(rename = "block.")]
    block: Vec<Block>,
    #[serde(rename = "vm.")]
    vm: Params,
    #[serde(rename = "$other")]
    other: Params,
}

fn record() -> Vec<remote::TypedParam> {
    vec![
        tp("state.state", ParamValue::Int(1)),
        tp("balloon.current", ParamValue::ULLong(1024)),
        tp("block.count", ParamValue::UInt(2)),
        tp("block.0.name", ParamValue::String("vda".into())),
        tp("block.0.rd.reqs", ParamValue::ULLong(10)),
        tp("block.1.name", ParamValue::String("vdb".into())),
        tp("block.0.rd.bytes", ParamValue::ULLong(4096)),
        tp("block.1.rd.reqs", ParamValue::ULLong(20)),
        tp("block.1.wr.future", ParamValue::ULLong(3)),
        tp("block.weird", ParamValue::Int(0)),
        tp("vm.halt_poll.sum", ParamValue::ULLong(99)),
        tp("cpu.time", ParamValue::ULLong(5)),
    ]
}

#[test]
fn indexed_groups_are_lists_with_their_count_apart() {
    let s: Stats = params::from_params(record()).unwrap();
    assert_eq!(s.state, Some(1));
    assert_eq!(
        s.balloon,
        Some(Balloon {
            current: Some(1024),
            maximum: None
        })
    );
    assert_eq!(s.block_count, Some(2));
    assert_eq!(s.block.len(), 2);
    assert_eq!(s.block[0].index, Some(0));
    assert_eq!(s.block[0].name.as_deref(), Some("vda"));
    assert_eq!(s.block[0].rd_reqs, Some(10));
    assert_eq!(s.block[0].rd_bytes, Some(4096));
    assert_eq!(s.block[1].name.as_deref(), Some("vdb"));
    assert_eq!(s.block[1].rd_reqs, Some(20));
    // An element keeps its own unknown keys, relative to it.
    assert_eq!(
        s.block[1].other.get("wr.future"),
        Some(&ParamValue::ULLong(3))
    );
    // A key under the list's prefix with no index is the record's.
    assert_eq!(s.other.get("block.weird"), Some(&ParamValue::Int(0)));
    assert_eq!(s.other.get("cpu.time"), Some(&ParamValue::ULLong(5)));
    assert_eq!(s.vm.get("halt_poll.sum"), Some(&ParamValue::ULLong(99)));

    // And back: the same keys (in field order), the same values.
    let wire = params::to_params(&s).unwrap();
    let mut sent = entries(&wire);
    let mut came = entries(&record());
    sent.sort_by(|a, b| a.0.cmp(&b.0));
    came.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(sent, came);
}

#[test]
fn sparse_indices_keep_their_index_and_do_not_allocate_by_value() {
    let wire = vec![
        tp("block.4000000000.name", ParamValue::String("far".into())),
        tp("block.3.name", ParamValue::String("near".into())),
        tp("block.07.name", ParamValue::String("not canonical".into())),
        tp(
            "block.99999999999.name",
            ParamValue::String("beyond u32".into()),
        ),
    ];
    let s: Stats = params::from_params(wire).unwrap();
    assert_eq!(s.block.len(), 2);
    assert_eq!(s.block[0].index, Some(3));
    assert_eq!(s.block[1].index, Some(4_000_000_000));
    assert!(s.other.get("block.07.name").is_some());
    assert!(s.other.get("block.99999999999.name").is_some());
    // Sent back under the same indices.
    let back = params::to_params(&Stats {
        block: s.block.clone(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(back[0].field, "block.3.name");
    assert_eq!(back[1].field, "block.4000000000.name");
    // Without an index, the position is the index.
    let fresh = params::to_params(&Stats {
        block: vec![
            Block {
                name: Some("a".into()),
                ..Default::default()
            },
            Block {
                name: Some("b".into()),
                ..Default::default()
            },
        ],
        ..Default::default()
    })
    .unwrap();
    let keys: Vec<String> = fresh.iter().map(|p| p.field.to_string()).collect();
    assert_eq!(keys, ["block.0.name", "block.1.name"]);
}

#[test]
fn errors_inside_groups_name_the_full_key() {
    let wire = vec![
        tp("block.0.name", ParamValue::String("vda".into())),
        tp("block.1.rd.reqs", ParamValue::Int(-1)),
    ];
    let e = params::from_params::<Stats>(wire).unwrap_err();
    assert_eq!(e.field(), "block.1.rd.reqs");
    let e = params::from_params::<Stats>(vec![tp("balloon.current", ParamValue::Double(1.5))])
        .unwrap_err();
    assert_eq!(e.field(), "balloon.current");

    // A single value where a group belongs, and a group where a value does.
    #[derive(Debug, Deserialize)]
    struct G {
        #[allow(dead_code)]
        #[serde(rename = "balloon.")]
        balloon: Option<Balloon>,
    }
    // "balloon." as a key is nobody's (a group takes keys *under* it), nor
    // is "$index" from the wire.
    let g: G = params::from_params(vec![
        tp("balloon.", ParamValue::Int(1)),
        tp("$index", ParamValue::Int(1)),
    ])
    .unwrap();
    assert!(g.balloon.is_none());
    #[derive(Debug, Deserialize)]
    struct V {
        #[allow(dead_code)]
        #[serde(rename = "x.")]
        x: Option<u64>,
    }
    let e = params::from_params::<V>(vec![tp("x.y", ParamValue::ULLong(1))]).unwrap_err();
    assert_eq!(
        e,
        ParamError::Group {
            field: "x".into(),
            expected: "a ullong"
        }
    );
    #[derive(Debug, Deserialize)]
    struct N {
        #[allow(dead_code)]
        x: Option<Balloon>,
    }
    let e = params::from_params::<N>(vec![tp("x", ParamValue::ULLong(1))]).unwrap_err();
    assert_eq!(
        e,
        ParamError::NotAGroup {
            field: "x".into(),
            found: ParamKind::ULLong
        }
    );
}

#[test]
fn repeated_keys_are_lists_of_values_or_an_error() {
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Migrate {
        migrate_disks: Vec<String>,
        bandwidth: Option<u64>,
    }
    let m = Migrate {
        migrate_disks: vec!["vda".into(), "vdb".into()],
        bandwidth: Some(100),
    };
    let wire = params::to_params(&m).unwrap();
    let keys: Vec<String> = wire.iter().map(|p| p.field.to_string()).collect();
    assert_eq!(keys, ["migrate_disks", "migrate_disks", "bandwidth"]);
    assert_eq!(params::from_params::<Migrate>(wire).unwrap(), m);

    let twice = vec![
        tp("bandwidth", ParamValue::ULLong(1)),
        tp("bandwidth", ParamValue::ULLong(2)),
    ];
    assert_eq!(
        params::from_params::<Migrate>(twice).unwrap_err(),
        ParamError::Repeated {
            field: "bandwidth".into(),
            count: 2
        }
    );
}

#[test]
fn keys_reach_their_fields_in_any_order_and_names_of_the_struct_itself_reach_none() {
    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Inner {
        a: Option<u32>,
        #[serde(rename = "deep.")]
        deep: Option<Leaf>,
    }
    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Leaf {
        x: Option<u32>,
    }
    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Outer {
        disks: Vec<String>,
        #[serde(rename = "g.")]
        g: Option<Inner>,
        #[serde(rename = "g.deep.")]
        g_deep: Option<Leaf>,
        #[serde(rename = "$other")]
        other: Params,
    }
    use ParamValue::{String as S, UInt};
    let wire = vec![
        tp("disks", S("vdb".into())),
        tp("g.a", UInt(1)),
        // The longest group prefix takes a key: `g.deep.`, not `g.`.
        tp("g.deep.x", UInt(2)),
        tp("disks", S("vda".into())),
        // Spelled like the struct's own names: they reach no field.
        tp("g.", UInt(3)),
        tp("$other", UInt(4)),
        tp("unknown", UInt(5)),
    ];
    let outer: Outer = params::from_params(wire).unwrap();
    assert_eq!(
        outer.disks,
        ["vdb", "vda"],
        "a repeated key keeps its order"
    );
    assert_eq!(
        outer.g,
        Some(Inner {
            a: Some(1),
            deep: None
        })
    );
    assert_eq!(outer.g_deep, Some(Leaf { x: Some(2) }));
    let other: Vec<&str> = outer.other.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(other, ["g.", "$other", "unknown"]);
}

#[test]
fn the_generic_list_converts_both_ways() {
    let wire = record();
    let p = Params::from(wire.clone());
    assert_eq!(p.len(), wire.len());
    let back: Vec<remote::TypedParam> = p.clone().into();
    assert_eq!(back, wire);
    // Through serde as well.
    let q: Params = params::from_params(wire.clone()).unwrap();
    assert_eq!(q, p);
    assert_eq!(params::to_params(&q).unwrap(), wire);

    let mut p = Params::new();
    p.push("a", 1i32);
    p.push("a", 2i32);
    p.push("b", "x");
    p.set("a", 3u64);
    assert_eq!(
        p.clone().into_vec(),
        [
            ("a".into(), ParamValue::ULLong(3)),
            ("b".into(), ParamValue::String("x".into()))
        ]
    );
    assert_eq!(p.remove("b"), Some(ParamValue::String("x".into())));
    assert_eq!(p.len(), 1);
}

#[test]
fn admin_and_node_stats_lists_work_the_same_way() {
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Limits {
        #[serde(rename = "nclients_max")]
        max: Option<u32>,
    }
    let wire: Vec<admin::TypedParam> = params::to_admin_params(&Limits { max: Some(5) }).unwrap();
    assert_eq!(wire[0].value, admin::TypedParamValue::Uint(5));
    assert_eq!(
        params::from_admin_params::<Limits>(wire).unwrap(),
        Limits { max: Some(5) }
    );

    #[derive(Debug, Deserialize)]
    struct Cpu {
        user: Option<u64>,
    }
    let c: Cpu = params::from_wire(vec![remote::NodeGetCpuStats {
        field: "user".into(),
        value: 77,
    }])
    .unwrap();
    assert_eq!(c.user, Some(77));
    #[derive(Serialize)]
    struct Bad {
        user: i32,
    }
    let e = params::to_wire::<_, remote::NodeGetCpuStats>(&Bad { user: 1 }).unwrap_err();
    assert!(matches!(
        e,
        ParamError::Mismatch {
            found: ParamKind::Int,
            ..
        }
    ));
}

#[test]
fn what_has_no_typed_parameter_form_is_an_error_not_a_panic() {
    #[derive(Serialize)]
    struct Nested {
        inner: Balloon,
    }
    let e = params::to_params(&Nested {
        inner: Balloon::default(),
    })
    .unwrap_err();
    assert!(
        matches!(e, ParamError::Unsupported { ref field, .. } if field == "inner"),
        "{e}"
    );
    assert!(params::to_params(&vec![1u32]).is_err());
    assert!(params::to_params(&5u32).is_err());
    #[derive(Serialize)]
    struct G {
        #[serde(rename = "g.")]
        g: u32,
    }
    assert!(params::to_params(&G { g: 1 }).is_err());
}

#[test]
fn strings_that_are_not_utf8_survive_as_bytes_and_read_lossily_as_text() {
    let wire = vec![remote::TypedParam {
        field: "name".into(),
        value: remote::TypedParamValue::String((&b"caf\xe9"[..]).into()),
    }];
    #[derive(Debug, Deserialize)]
    struct T {
        name: String,
    }
    #[derive(Debug, Deserialize)]
    struct B {
        name: libvirt_xdr::ByteString,
    }
    assert_eq!(
        params::from_params::<T>(wire.clone()).unwrap().name,
        "caf\u{fffd}"
    );
    assert_eq!(
        params::from_params::<B>(wire.clone())
            .unwrap()
            .name
            .as_bytes(),
        b"caf\xe9"
    );
    let p: Params = params::from_params(wire).unwrap();
    assert_eq!(
        p.get("name"),
        Some(&ParamValue::String((&b"caf\xe9"[..]).into()))
    );
}

#[test]
fn unit_enums_are_strings() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Mode {
        PageSampling,
        DirtyBitmap,
    }
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct D {
        #[serde(rename = "calc_mode")]
        mode: Mode,
    }
    let wire = params::to_params(&D {
        mode: Mode::DirtyBitmap,
    })
    .unwrap();
    assert_eq!(
        wire[0].value,
        remote::TypedParamValue::String("dirty-bitmap".into())
    );
    assert_eq!(
        params::from_params::<D>(wire).unwrap().mode,
        Mode::DirtyBitmap
    );
    let _ = Mode::PageSampling;
}

#[test]
fn uint_or_ullong_sends_the_narrowest() {
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Poll {
        #[serde(with = "libvirt_api::params::uint_or_ullong")]
        poll_grow: Option<u64>,
    }
    let small = params::to_params(&Poll { poll_grow: Some(4) }).unwrap();
    assert_eq!(small[0].value, remote::TypedParamValue::Uint(4));
    let big = params::to_params(&Poll {
        poll_grow: Some(1 << 40),
    })
    .unwrap();
    assert_eq!(big[0].value, remote::TypedParamValue::Ullong(1 << 40));
    assert_eq!(
        params::from_params::<Poll>(big).unwrap().poll_grow,
        Some(1 << 40)
    );
    assert_eq!(params::from_params::<Poll>(vec![]).unwrap().poll_grow, None);
}

// ---------------------------------------------------------------------------
// The generated sets.

use libvirt_api::params::{
    BlkioParameters, DomainStats, IoThreadParameters, JobStats, SchedulerParameters,
    ThreadPoolParameters,
};

#[test]
fn the_generated_blkio_set_round_trips() {
    let b = BlkioParameters {
        weight: Some(500),
        device_weight: Some("/dev/sda,100".into()),
        ..Default::default()
    };
    let wire = params::to_params(&b).unwrap();
    let mut sent = entries(&wire);
    sent.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        sent,
        [
            (
                "device_weight".into(),
                ParamValue::String("/dev/sda,100".into())
            ),
            ("weight".into(), ParamValue::UInt(500)),
        ]
    );
    assert_eq!(params::from_params::<BlkioParameters>(wire).unwrap(), b);

    // What a daemon returns: every key, the throttles empty.
    let reply = vec![
        tp("weight", ParamValue::UInt(100)),
        tp("device_weight", ParamValue::String("".into())),
        tp("device_read_iops_sec", ParamValue::String("".into())),
        tp("device_write_iops_sec", ParamValue::String("".into())),
        tp("device_read_bytes_sec", ParamValue::String("".into())),
        tp("device_write_bytes_sec", ParamValue::String("".into())),
    ];
    let got: BlkioParameters = params::from_params(reply).unwrap();
    assert_eq!(got.weight, Some(100));
    assert_eq!(got.device_read_bytes_sec.as_deref(), Some(""));
    assert!(got.other.is_empty());
}

#[test]
fn the_generated_scheduler_set_sends_what_is_set_and_reads_a_posix_reply() {
    let s = SchedulerParameters {
        cpu_shares: Some(2048),
        vcpu_quota: Some(-1),
        ..Default::default()
    };
    let wire = params::to_params(&s).unwrap();
    assert_eq!(
        entries(&wire),
        [
            ("cpu_shares".into(), ParamValue::ULLong(2048)),
            ("vcpu_quota".into(), ParamValue::LLong(-1)),
        ]
    );
    let reply = vec![
        tp("cpu_shares", ParamValue::ULLong(1024)),
        tp("vcpu_period", ParamValue::ULLong(100_000)),
        tp("vcpu_quota", ParamValue::LLong(-1)),
        tp("emulator_period", ParamValue::ULLong(100_000)),
        tp("emulator_quota", ParamValue::LLong(-1)),
        tp("global_period", ParamValue::ULLong(100_000)),
        tp("global_quota", ParamValue::LLong(-1)),
        tp("iothread_period", ParamValue::ULLong(100_000)),
        tp("iothread_quota", ParamValue::LLong(-1)),
    ];
    let got: SchedulerParameters = params::from_params(reply).unwrap();
    assert_eq!(got.cpu_shares, Some(1024));
    assert_eq!(got.vcpu_period_us, Some(100_000));
    assert_eq!(got.iothread_quota, Some(-1));
    assert_eq!(got.weight, None);
    let e = params::from_params::<SchedulerParameters>(vec![tp(
        "cpu_shares",
        ParamValue::String("many".into()),
    )])
    .unwrap_err();
    assert_eq!(e.field(), "cpu_shares");
}

/// A record of a real QEMU guest's shape, every group of the statistics.
fn real_shape_record() -> Vec<remote::TypedParam> {
    use ParamValue::*;
    let s = |v: &str| String(v.into());
    vec![
        tp("state.state", Int(1)),
        tp("state.reason", Int(1)),
        tp("cpu.time", ULLong(40_265_013_000)),
        tp("cpu.user", ULLong(31_210_000_000)),
        tp("cpu.system", ULLong(6_740_000_000)),
        tp("cpu.haltpoll.success.time", ULLong(1_187_000)),
        tp("cpu.haltpoll.fail.time", ULLong(296_000)),
        tp("cpu.cache.monitor.count", UInt(0)),
        tp("balloon.current", ULLong(2_097_152)),
        tp("balloon.maximum", ULLong(2_097_152)),
        tp("balloon.swap_in", ULLong(0)),
        tp("balloon.swap_out", ULLong(0)),
        tp("balloon.major_fault", ULLong(312)),
        tp("balloon.minor_fault", ULLong(151_019)),
        tp("balloon.unused", ULLong(1_601_364)),
        tp("balloon.available", ULLong(2_014_028)),
        tp("balloon.usable", ULLong(1_677_396)),
        tp("balloon.last-update", ULLong(1_700_000_000)),
        tp("balloon.disk_caches", ULLong(125_276)),
        tp("balloon.hugetlb_pgalloc", ULLong(0)),
        tp("balloon.hugetlb_pgfail", ULLong(0)),
        tp("balloon.rss", ULLong(528_452)),
        tp("vcpu.current", UInt(2)),
        tp("vcpu.maximum", UInt(4)),
        tp("vcpu.0.state", Int(1)),
        tp("vcpu.0.time", ULLong(19_870_000_000)),
        tp("vcpu.0.wait", ULLong(0)),
        tp("vcpu.0.delay", ULLong(102_345)),
        tp("vcpu.0.halted", Boolean(false)),
        tp("vcpu.0.halt_wakeup.sum", ULLong(8_204)),
        tp("vcpu.1.state", Int(1)),
        tp("vcpu.1.time", ULLong(17_250_000_000)),
        tp("vcpu.1.wait", ULLong(0)),
        tp("vcpu.1.delay", ULLong(99_001)),
        tp("vcpu.1.halted", Boolean(true)),
        tp("net.count", UInt(1)),
        tp("net.0.name", s("vnet0")),
        tp("net.0.rx.bytes", ULLong(1_245_031)),
        tp("net.0.rx.pkts", ULLong(10_412)),
        tp("net.0.rx.errs", ULLong(0)),
        tp("net.0.rx.drop", ULLong(0)),
        tp("net.0.tx.bytes", ULLong(93_112)),
        tp("net.0.tx.pkts", ULLong(921)),
        tp("net.0.tx.errs", ULLong(0)),
        tp("net.0.tx.drop", ULLong(0)),
        // With VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING: the disk and its
        // backing image.
        tp("block.count", UInt(2)),
        tp("block.0.name", s("vda")),
        tp("block.0.path", s("/var/lib/libvirt/images/web.qcow2")),
        tp("block.0.rd.reqs", ULLong(11_354)),
        tp("block.0.rd.bytes", ULLong(337_327_104)),
        tp("block.0.rd.times", ULLong(5_102_338_421)),
        tp("block.0.wr.reqs", ULLong(2_714)),
        tp("block.0.wr.bytes", ULLong(60_952_576)),
        tp("block.0.wr.times", ULLong(3_310_211_774)),
        tp("block.0.fl.reqs", ULLong(742)),
        tp("block.0.fl.times", ULLong(1_082_364_219)),
        tp("block.0.allocation", ULLong(1_404_370_944)),
        tp("block.0.capacity", ULLong(10_737_418_240)),
        tp("block.0.physical", ULLong(1_404_436_480)),
        tp("block.1.name", s("vda")),
        tp("block.1.path", s("/var/lib/libvirt/images/base.qcow2")),
        tp("block.1.backingIndex", UInt(1)),
        tp("block.1.allocation", ULLong(0)),
        tp("block.1.capacity", ULLong(10_737_418_240)),
        tp("block.1.physical", ULLong(2_147_483_648)),
        tp("iothread.count", UInt(1)),
        tp("iothread.1.poll-max-ns", ULLong(32_768)),
        tp("iothread.1.poll-grow", UInt(0)),
        tp("iothread.1.poll-shrink", UInt(0)),
        tp("dirtyrate.calc_status", Int(2)),
        tp("dirtyrate.calc_start_time", LLong(348_414)),
        tp("dirtyrate.calc_period", Int(1)),
        tp("dirtyrate.calc_mode", s("page-sampling")),
        tp("dirtyrate.megabytes_per_second", LLong(4)),
        tp("dirtyrate.vcpu.0.megabytes_per_second", ULLong(2)),
        tp("dirtyrate.vcpu.1.megabytes_per_second", ULLong(1)),
        tp("vm.halt_poll_success_ns.sum", ULLong(1_187_000)),
        tp("vm.max_mmu_page_hash_collisions.max", ULLong(3)),
    ]
}

#[test]
fn a_domain_stats_record_of_a_real_shape() {
    let record = real_shape_record();
    let n = record.len();
    let st: DomainStats = params::from_params(record.clone()).unwrap();

    let state = st.state.as_ref().unwrap();
    assert_eq!((state.state, state.reason), (Some(1), Some(1)));
    let cpu = st.cpu.as_ref().unwrap();
    assert_eq!(cpu.time_ns, Some(40_265_013_000));
    assert_eq!(cpu.haltpoll_fail_time_ns, Some(296_000));
    assert_eq!(cpu.cache_monitor_count, Some(0));
    assert!(cpu.cache_monitor.is_empty());
    let balloon = st.balloon.as_ref().unwrap();
    assert_eq!(balloon.current_kib, Some(2_097_152));
    assert_eq!(balloon.last_update_secs, Some(1_700_000_000));
    assert_eq!(balloon.rss_kib, Some(528_452));

    assert_eq!((st.vcpu_current, st.vcpu_maximum), (Some(2), Some(4)));
    assert_eq!(st.vcpu.len(), 2);
    assert_eq!(st.vcpu[1].index, Some(1));
    assert_eq!(st.vcpu[1].halted, Some(true));
    assert_eq!(st.vcpu[0].delay_ns, Some(102_345));
    // A hypervisor's own per-vCPU statistic stays with its vCPU.
    assert_eq!(
        st.vcpu[0].other.get("halt_wakeup.sum"),
        Some(&ParamValue::ULLong(8_204))
    );

    assert_eq!(st.net_count, Some(1));
    assert_eq!(st.net[0].name.as_deref(), Some("vnet0"));
    assert_eq!(st.net[0].rx_bytes, Some(1_245_031));

    assert_eq!(st.block_count, Some(2));
    assert_eq!(st.block.len(), 2);
    assert_eq!(st.block[0].rd_reqs, Some(11_354));
    assert_eq!(st.block[0].fl_times_ns, Some(1_082_364_219));
    assert_eq!(st.block[0].capacity_bytes, Some(10_737_418_240));
    assert_eq!(st.block[1].backing_index, Some(1));
    assert_eq!(
        st.block[1].path.as_deref(),
        Some("/var/lib/libvirt/images/base.qcow2")
    );

    // IOThreads are numbered by their id, from 1: the index says which.
    assert_eq!(st.iothread.len(), 1);
    assert_eq!(st.iothread[0].index, Some(1));
    assert_eq!(st.iothread[0].poll_max_ns, Some(32_768));
    assert_eq!(st.iothread[0].poll_grow, Some(0));

    let dirty = st.dirtyrate.as_ref().unwrap();
    assert_eq!(dirty.calc_mode.as_deref(), Some("page-sampling"));
    assert_eq!(dirty.calc_start_time_secs, Some(348_414));
    assert_eq!(dirty.megabytes_per_second, Some(4));
    assert_eq!(dirty.vcpu.len(), 2);
    assert_eq!(dirty.vcpu[1].megabytes_per_second, Some(1));

    assert_eq!(st.vm.len(), 2);
    assert_eq!(
        st.vm.get("max_mmu_page_hash_collisions.max"),
        Some(&ParamValue::ULLong(3))
    );
    assert!(st.other.is_empty(), "{:?}", st.other);
    assert!(st.perf.is_none() && st.memory.is_none());

    // Every key is somewhere, and goes back out as it came.
    let back = params::to_params(&st).unwrap();
    assert_eq!(back.len(), n);
    let mut sent = entries(&back);
    let mut came = entries(&record);
    sent.sort_by(|a, b| a.0.cmp(&b.0));
    came.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(sent, came);
}

#[test]
fn a_newer_daemons_keys_land_in_other_at_their_level() {
    let st: DomainStats = params::from_params(vec![
        tp("state.state", ParamValue::Int(1)),
        tp("state.future", ParamValue::Int(9)),
        tp("block.0.future.reqs", ParamValue::ULLong(1)),
        tp("gpu.count", ParamValue::UInt(1)),
    ])
    .unwrap();
    assert_eq!(
        st.state.unwrap().other.get("future"),
        Some(&ParamValue::Int(9))
    );
    assert_eq!(
        st.block[0].other.get("future.reqs"),
        Some(&ParamValue::ULLong(1))
    );
    assert_eq!(st.other.get("gpu.count"), Some(&ParamValue::UInt(1)));
}

#[test]
fn uint_or_ullong_fields_of_generated_sets() {
    let p = IoThreadParameters {
        poll_grow: Some(2),
        poll_shrink: Some(u64::from(u32::MAX) + 1),
        ..Default::default()
    };
    let wire = params::to_params(&p).unwrap();
    let got: BTreeMap<String, ParamValue> = entries(&wire).into_iter().collect();
    assert_eq!(got["poll_grow"], ParamValue::UInt(2));
    assert_eq!(got["poll_shrink"], ParamValue::ULLong(1 << 32));
    assert_eq!(params::from_params::<IoThreadParameters>(wire).unwrap(), p);
}

#[test]
fn admin_and_job_sets() {
    let wire = params::to_admin_params(&ThreadPoolParameters {
        max_workers: Some(20),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(wire[0].field, "maxWorkers");
    let back: ThreadPoolParameters = params::from_admin_params(wire).unwrap();
    assert_eq!(back.max_workers, Some(20));

    let job: JobStats = params::from_params(vec![
        tp("operation", ParamValue::Int(1)),
        tp("time_elapsed", ParamValue::ULLong(1500)),
        tp("data_total", ParamValue::ULLong(1 << 30)),
        tp("memory_bps", ParamValue::ULLong(1 << 20)),
        tp("success", ParamValue::Boolean(true)),
    ])
    .unwrap();
    assert_eq!(job.time_elapsed_ms, Some(1500));
    assert_eq!(job.data_total_bytes, Some(1 << 30));
    assert_eq!(job.success, Some(true));
}

/// A small deterministic generator (xorshift64).
fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[test]
fn arbitrary_lists_never_panic() {
    use libvirt_api::params::GuestInfo;
    // A small deterministic generator: keys built from libvirt's words,
    // indices and junk, values of every kind.
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    let words = [
        "block",
        "0",
        "1",
        "4294967295",
        "4294967296",
        "01",
        "count",
        "rd",
        "reqs",
        "name",
        "vcpu",
        "cpu",
        "cache",
        "monitor",
        "bank",
        "balloon",
        "current",
        "vm",
        "",
        "$other",
        "$index",
        "fs",
        "disk",
        "if",
        "addr",
        "dirtyrate",
        "state",
        "net",
        "..",
        "x",
    ];
    for _ in 0..2000 {
        let n = (next() % 12) as usize;
        let list: Vec<remote::TypedParam> = (0..n)
            .map(|_| {
                let parts = 1 + (next() % 5) as usize;
                let key: Vec<&str> = (0..parts)
                    .map(|_| words[(next() % words.len() as u64) as usize])
                    .collect();
                let value = match next() % 7 {
                    0 => ParamValue::Int(next() as i32),
                    1 => ParamValue::UInt(next() as u32),
                    2 => ParamValue::LLong(next() as i64),
                    3 => ParamValue::ULLong(next()),
                    4 => ParamValue::Double(0.5),
                    5 => ParamValue::Boolean(next() % 2 == 0),
                    _ => ParamValue::String("s".into()),
                };
                tp(&key.join("."), value)
            })
            .collect();
        let _ = params::from_params::<DomainStats>(list.clone());
        let _ = params::from_params::<GuestInfo>(list.clone());
        let _ = params::from_params::<Stats>(list.clone());
        let p: Params = params::from_params(list.clone()).unwrap();
        assert_eq!(p.len(), n);
        // What reads back sends back the same number of keys.
        if let Ok(s) = params::from_params::<DomainStats>(list) {
            assert_eq!(params::to_params(&s).unwrap().len(), n);
        }
    }
}

/// `read_set` (the generated sets' direct reading, which the typed methods
/// use) gives exactly what serde's `from_params` gives, `Ok` or `Err`, on
/// lists made from a real record's keys with their indices, order, types
/// and counts disturbed, and from junk keys.
#[test]
fn the_direct_reading_agrees_with_serde_on_every_list() {
    use libvirt_api::params::{
        BlkioParameters, DomainTunables, GuestInfo, JobStats, MigrateParameters,
        SchedulerParameters,
    };
    fn same<T>(list: &[remote::TypedParam])
    where
        T: params::ParamSet + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let serde: Result<T, ParamError> = params::from_params(list.to_vec());
        let direct: Result<T, ParamError> = params::read_set(list.to_vec());
        assert_eq!(direct, serde, "{:?}", entries(list));
        let borrowed: Result<T, ParamError> = params::read_set_ref(list);
        assert_eq!(borrowed, serde);
    }
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let real = real_shape_record();
    let guest = [
        "user.count",
        "user.0.name",
        "user.0.login-time",
        "os.id",
        "os.name",
        "timezone.offset",
        "hostname",
        "fs.count",
        "fs.0.name",
        "fs.0.disk.count",
        "fs.0.disk.0.serial",
        "fs.1.total-bytes",
        "disk.count",
        "disk.0.name",
        "disk.0.dependency.count",
        "disk.0.dependency.0.name",
        "if.count",
        "if.0.addr.count",
        "if.0.addr.1.addr",
        "if.0.hwaddr",
        "load.1m",
    ];
    let jobs = [
        "type",
        "time_elapsed",
        "memory_total",
        "memory_dirty_rate",
        "disk_total",
        "compression_cache",
        "auto_converge_throttle",
        "errmsg",
        "success",
        "migrate_disks",
        "migrate_uri",
        "bandwidth",
        "cpu_shares",
        "weight",
        "device_weight",
        "blkdeviotune.total_bytes_sec",
        "cputune.vcpu0",
        "cputune.emulator_quota",
        "blkdeviotune.disk",
    ];
    let indices = ["0", "1", "2", "10", "01", "x", "4294967296"];
    let value = |k: u64, n: u64| match k % 7 {
        0 => ParamValue::Int(n as i32),
        1 => ParamValue::UInt(n as u32),
        2 => ParamValue::LLong(n as i64),
        3 => ParamValue::ULLong(n),
        4 => ParamValue::Double(0.25),
        5 => ParamValue::Boolean(n % 2 == 0),
        _ => ParamValue::String("v".into()),
    };
    for round in 0..3000 {
        let n = (next() % 16) as usize;
        let mut list: Vec<remote::TypedParam> = Vec::with_capacity(n);
        for _ in 0..n {
            let pick = next();
            let (mut key, mut v) = match pick % 4 {
                0 | 1 => {
                    let p = &real[(next() % real.len() as u64) as usize];
                    (p.field.to_string(), ParamValue::from(p.value.clone()))
                }
                2 => (
                    guest[(next() % guest.len() as u64) as usize].to_owned(),
                    value(next(), next()),
                ),
                _ => (
                    jobs[(next() % jobs.len() as u64) as usize].to_owned(),
                    value(next(), next()),
                ),
            };
            // Another index, another type, a key cut short or lengthened.
            match next() % 8 {
                0 => {
                    let i = indices[(next() % indices.len() as u64) as usize];
                    key = key.replacen(|c: char| c.is_ascii_digit(), i, 1);
                }
                1 => v = value(next(), next()),
                2 => key.truncate((next() % (key.len() as u64 + 1)) as usize),
                3 => key.push_str(".new"),
                _ => {}
            }
            list.push(tp(&key, v));
        }
        // Repeats, and other orders.
        if round % 5 == 0 && !list.is_empty() {
            let again = list[(next() % list.len() as u64) as usize].clone();
            list.push(again);
        }
        if round % 3 == 0 {
            list.reverse();
        }
        same::<DomainStats>(&list);
        same::<GuestInfo>(&list);
        same::<JobStats>(&list);
        same::<MigrateParameters>(&list);
        same::<SchedulerParameters>(&list);
        same::<BlkioParameters>(&list);
        same::<DomainTunables>(&list);
        same::<Params>(&list);
    }
    // The whole real record, in its order and reversed.
    same::<DomainStats>(&real);
    let mut rev = real.clone();
    rev.reverse();
    same::<DomainStats>(&rev);
}
