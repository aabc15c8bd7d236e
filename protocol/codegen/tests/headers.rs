//! Tests of the header parser against libvirt's vendored public headers.

use std::path::Path;

use libvirt_codegen::headers::{EnumKind, Headers, VIRSH_WORDS};

fn header_dir() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../proto/include/libvirt"
    ))
}

/// Every header of the vendored tree, sorted by file name.
fn read_headers() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(header_dir())
        .expect("header directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".h") || name.ends_with(".h.in")
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&p).expect("readable header");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

fn parse_all() -> Headers {
    let files = read_headers();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Headers::parse(&refs).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn finds_all_headers() {
    let names: Vec<String> = read_headers().into_iter().map(|(n, _)| n).collect();
    for expected in [
        "libvirt-domain.h",
        "virterror.h",
        "libvirt-common.h.in",
        "libvirt-admin.h",
        "libvirt-qemu.h",
        "libvirt-lxc.h",
        "libvirt-host.h",
        "libvirt-storage.h",
    ] {
        assert!(names.iter().any(|n| n == expected), "missing {expected}");
    }
}

#[test]
fn known_values() {
    let h = parse_all();
    for (name, value) in [
        ("VIR_UUID_BUFLEN", 16),
        ("VIR_UUID_STRING_BUFLEN", 37),
        ("VIR_TYPED_PARAM_FIELD_LENGTH", 80),
        ("VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH", 80),
        ("VIR_SECURITY_LABEL_BUFLEN", 4097),
        ("VIR_KEYCODE_SET_RFB", 9),
        ("VIR_DOMAIN_MEMORY_PARAM_UNLIMITED", 9_007_199_254_740_991),
        ("VIR_DOMAIN_NOSTATE", 0),
        ("VIR_DOMAIN_RUNNING", 1),
        ("VIR_DOMAIN_PMSUSPENDED", 7),
        ("VIR_CONNECT_LIST_DOMAINS_ACTIVE", 1),
        ("VIR_CONNECT_LIST_DOMAINS_INACTIVE", 2),
        ("VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE", 2),
        ("VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS", 1 << 31),
        ("VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE", 1 << 31),
        ("VIR_ERR_OK", 0),
        ("VIR_ERR_NO_DOMAIN", 42),
        ("VIR_ERR_RPC", 39),
        ("VIR_FROM_RPC", 7),
        ("VIR_TYPED_PARAM_INT", 1),
        ("VIR_TYPED_PARAM_STRING", 7),
        ("VIR_TYPED_PARAM_STRING_OKAY", 4),
        ("VIR_DOMAIN_SCHED_FIELD_BOOLEAN", 6),
        ("VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM", 1),
        ("VIR_DOMAIN_EVENT_ID_LIFECYCLE", 0),
        ("VIR_DOMAIN_AFFECT_CURRENT", 0),
        ("VIR_DOMAIN_AFFECT_CONFIG", 2),
        ("VIR_DOMAIN_MEM_CONFIG", 2),
        ("VIR_DOMAIN_SNAPSHOT_XML_SECURE", 1),
        ("VIR_CPU_COMPARE_ERROR", -1),
        ("VIR_VCPU_INFO_CPU_UNAVAILABLE", -2),
        ("VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP", 4),
        ("VIR_CLIENT_TRANS_TLS", 2),
        ("VIR_DAEMON_SHUTDOWN_PRESERVE", 1),
        ("VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN", -2),
        ("VIR_DOMAIN_QEMU_AGENT_COMMAND_SHUTDOWN", 60),
        ("VIR_DOMAIN_MEMORY_STAT_NR", 13),
    ] {
        assert_eq!(h.value(name), Some(value), "{name}");
    }
    assert_eq!(h.defines.get("VIR_UUID_BUFLEN"), Some(&16));
    assert_eq!(h.value("VIR_NO_SUCH_THING"), None);
}

#[test]
fn skips_sentinels_and_non_integer_macros() {
    let h = parse_all();
    for name in [
        "VIR_DOMAIN_LAST",
        "VIR_DOMAIN_EVENT_ID_LAST",
        "VIR_TYPED_PARAM_LAST",
        "VIR_DOMAIN_MEMORY_STAT_LAST",
        "VIR_ERR_NUMBER_LAST",
        "VIR_FROM_LAST",
        "VIR_CLIENT_TRANS_LAST",
    ] {
        assert_eq!(h.value(name), None, "{name} should be skipped");
    }
    // The only `_LAST` left is a real value ("add at the end of the list").
    let lasts: Vec<&str> = h
        .enums
        .iter()
        .flat_map(|e| &e.values)
        .map(|v| v.c_name.as_str())
        .filter(|n| n.ends_with("_LAST"))
        .collect();
    assert_eq!(lasts, ["VIR_NETWORK_UPDATE_COMMAND_ADD_LAST"]);

    for name in [
        "LIBVIR_VERSION_NUMBER",           // @VAR@ placeholder
        "VIR_DOMAIN_SCHEDULER_CPU_SHARES", // string
        "VIR_CPU_MAPLEN",                  // function-like
        "VIR_DEPRECATED",                  // attribute
        "__VIR_LIBVIRT_H_INCLUDES__",      // empty
        "_virSchedParameter",              // another name
    ] {
        assert!(!h.defines.contains_key(name), "{name} should be skipped");
    }
}

#[test]
fn kinds() {
    let h = parse_all();
    let kind = |name: &str| {
        h.enums
            .iter()
            .find(|e| e.c_name == name)
            .unwrap_or_else(|| panic!("no enum {name}"))
            .kind
    };
    for name in [
        "virDomainState",
        "virDomainEventID",
        "virDomainEventType",
        "virDomainEventDefinedDetailType",
        "virDomainEventStoppedDetailType",
        "virErrorNumber",
        "virErrorDomain",
        "virErrorLevel",
        "virTypedParameterType",
        "virDomainMemoryStatTags",
        "virCPUCompareResult",
        "virDomainAgentResponseTimeoutValues",
        "virClientTransport",
    ] {
        assert_eq!(kind(name), EnumKind::Enum, "{name}");
    }
    for name in [
        "virConnectListAllDomainsFlags",
        "virDomainModificationImpact",
        "virConnectFlags",
        "virStorageVolDownloadFlags",
        "virTypedParameterFlags",
        "virDomainRebootFlagValues",
        "virConnectGetAllDomainStatsFlags",
        "virEventHandleType",
        "virDomainStatsTypes",
        "virAdmConnectDaemonShutdownFlags",
    ] {
        assert_eq!(kind(name), EnumKind::Flags, "{name}");
    }
}

#[test]
fn names_and_docs() {
    let h = parse_all();
    let find = |name: &str| h.enums.iter().find(|e| e.c_name == name).unwrap();

    let state = find("virDomainState");
    assert_eq!(state.rust_name, "DomainState");
    assert_eq!(state.header, "libvirt-domain.h");
    assert!(state.doc.starts_with("A domain may be in different states"));
    assert!(!state.doc.contains("virDomainState:"));
    let running = &state.values[1];
    assert_eq!(running.c_name, "VIR_DOMAIN_RUNNING");
    assert_eq!(running.rust_name, "Running");
    assert_eq!(running.doc, "the domain is running (Since: 0.0.1)");
    let pm = &state.values[7];
    assert_eq!(pm.rust_name, "Pmsuspended");
    assert_eq!(
        pm.doc,
        "the domain is suspended by guest\npower management (Since: 0.9.11)"
    );

    let list = find("virConnectListAllDomainsFlags");
    assert_eq!(list.rust_name, "ConnectListAllDomainsFlags");
    assert_eq!(list.values[0].rust_name, "ACTIVE");

    let download = find("virStorageVolDownloadFlags");
    assert_eq!(download.values[0].rust_name, "SPARSE_STREAM");

    // A leading comment documents the next value...
    let tpf = find("virTypedParameterFlags");
    assert_eq!(tpf.values.len(), 1);
    assert!(tpf.values[0].doc.starts_with("Older servers lacked"));
    assert!(!tpf.values[0].doc.contains("reserved"));
    let mem = find("virDomainMemoryStatTags");
    assert!(mem.values[2].doc.starts_with("Page faults occur"));

    // Aliases.
    let snap = find("virDomainSnapshotListFlags");
    let desc = snap
        .values
        .iter()
        .find(|v| v.c_name == "VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS")
        .unwrap();
    assert_eq!(
        desc.alias_of.as_deref(),
        Some("VIR_DOMAIN_SNAPSHOT_LIST_ROOTS")
    );
    assert!(state.values.iter().all(|v| v.alias_of.is_none()));

    // Rust type names are unique.
    let mut names: Vec<&str> = h.enums.iter().map(|e| e.rust_name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn generated_code_parses_and_prints() {
    let h = parse_all();
    let tokens = h.generate();
    let file: syn::File = syn::parse2(tokens).expect("generated code parses");
    let text = prettyplease::unparse(&file);
    // Compare without whitespace: macro bodies are printed as raw tokens.
    let squashed = squash(&text);
    for needle in [
        "pub struct UnknownValue",
        "pub enum DomainState",
        "Running = 1,",
        "pub enum ErrorNumber",
        "pub struct ConnectListAllDomainsFlags: u32",
        "const ACTIVE = 1 << 0;",
        "pub const VIR_UUID_BUFLEN: u32 = 16;",
        "pub const VIR_DOMAIN_MEMORY_PARAM_UNLIMITED: u64 = 9007199254740991;",
        "impl ::core::convert::TryFrom<i32> for DomainState",
        "C: `virDomainState` (libvirt-domain.h)",
        "```text",
        "impl ::core::fmt::Display for DomainState",
        "Self::Shutoff => \"shut off\",",
        "Self::Shutoff => \"VIR_DOMAIN_SHUTOFF\",",
        "C: `VIR_DOMAIN_SHUTOFF` = 5 (libvirt-domain.h); displayed as `shut off`",
    ] {
        assert!(
            squashed.contains(&squash(needle)),
            "generated code lacks {needle:?}"
        );
    }
    assert_eq!(text.matches("pub struct UnknownValue").count(), 1);
    // Minus signs are separate tokens: `-1`, not a negative literal.
    assert!(text.contains("Error = -1,"));
}

#[test]
fn garbage_enum_body_is_an_error_with_position() {
    let src = "/* header */\n\ntypedef enum {\n    VIR_OK = 0,\n    VIR_BAD = 1 +,\n} virBroken;\n";
    let err = Headers::parse(&[("broken.h", src)]).unwrap_err();
    assert_eq!(err.file, "broken.h");
    assert_eq!((err.line, err.column), (5, 18));
    assert!(
        err.message.contains("expected an integer expression"),
        "{err}"
    );
    assert!(err.to_string().starts_with("broken.h:5:18: "));

    let src = "typedef enum {\n    VIR_A = 0,\n    int x;\n} virBroken;\n";
    let err = Headers::parse(&[("h.h", "/* ok */"), ("broken.h", src)]).unwrap_err();
    assert_eq!(
        (err.file.as_str(), err.line, err.column),
        ("broken.h", 3, 9)
    );
}

/// The words of every value of a C enum, in order.
fn words(h: &Headers, c_enum: &str) -> Vec<String> {
    let e = h
        .enums
        .iter()
        .find(|e| e.c_name == c_enum)
        .unwrap_or_else(|| panic!("no enum {c_enum}"));
    e.values.iter().map(|v| v.words.clone()).collect()
}

#[test]
fn words_as_virsh_prints_them() {
    let h = parse_all();
    // virshDomainStateToString.
    assert_eq!(
        words(&h, "virDomainState"),
        [
            "no state",
            "running",
            "idle",
            "paused",
            "in shutdown",
            "shut off",
            "crashed",
            "pmsuspended"
        ]
    );
    // `virsh event --event lifecycle`: the event, then its detail.
    assert_eq!(words(&h, "virDomainEventType")[3], "Suspended");
    assert_eq!(
        words(&h, "virDomainEventSuspendedDetailType")[..3],
        ["Paused", "Migrated", "I/O Error"]
    );
    assert_eq!(words(&h, "virDomainEventStoppedDetailType")[1], "Destroyed");
    assert_eq!(words(&h, "virDomainEventID")[16], "block-job-2");
    assert_eq!(words(&h, "virDomainPausedReason")[1], "user");
    assert_eq!(words(&h, "virDomainRunningReason")[1], "booted");
}

#[test]
fn default_words() {
    let h = parse_all();
    // The C name without the enum's shared prefix, lower-case, `_` as a
    // space.
    assert_eq!(words(&h, "virDomainShutoffReason")[7], "from snapshot");
    let rpc = h
        .enums
        .iter()
        .flat_map(|e| &e.values)
        .find(|v| v.c_name == "VIR_FROM_RPC")
        .unwrap();
    assert_eq!(rpc.words, "rpc");
    // A lone value keeps the words the Rust name keeps.
    assert_eq!(words(&h, "virDomainNostateReason"), ["unknown"]);
    // Enums whose default words are virsh's (checked against virsh's
    // source of the same libvirt version), so they need no row.
    for (c_enum, virsh) in [
        (
            "virStoragePoolState",
            &[
                "inactive",
                "building",
                "running",
                "degraded",
                "inaccessible",
            ][..],
        ),
        (
            "virStorageVolType",
            &["file", "block", "dir", "network", "netdir", "ploop"],
        ),
        ("virVcpuState", &["offline", "running", "blocked"]),
        ("virDomainNostateReason", &["unknown"]),
        ("virDomainBlockedReason", &["unknown"]),
        ("virDomainShutdownReason", &["unknown", "user"]),
        (
            "virDomainShutoffReason",
            &[
                "unknown",
                "shutdown",
                "destroyed",
                "crashed",
                "migrated",
                "saved",
                "failed",
                "from snapshot",
                "daemon",
            ],
        ),
        ("virDomainCrashedReason", &["unknown", "panicked"]),
        ("virDomainPMSuspendedReason", &["unknown"]),
        (
            "virConnectDomainEventBlockJobStatus",
            &["completed", "failed", "canceled", "ready"],
        ),
        (
            "virDomainEventGraphicsPhase",
            &["connect", "initialize", "disconnect"],
        ),
        (
            "virConnectDomainEventAgentLifecycleState",
            &["connected", "disconnected"],
        ),
        (
            "virDomainMetadataType",
            &["description", "title", "element"],
        ),
        (
            "virNetworkMetadataType",
            &["description", "title", "element"],
        ),
        (
            "virDomainMemoryFailureRecipientType",
            &["hypervisor", "guest"],
        ),
        (
            "virDomainMemoryFailureActionType",
            &["ignore", "inject", "fatal", "reset"],
        ),
        ("virNodeDeviceEventID", &["lifecycle", "update"]),
        ("virStoragePoolEventID", &["lifecycle", "refresh"]),
        ("virDomainLifecycle", &["poweroff", "reboot", "crash"]),
        ("virNodeSuspendTarget", &["mem", "disk", "hybrid"]),
        (
            "virDomainInterfaceAddressesSource",
            &["lease", "agent", "arp"],
        ),
        ("virClientTransport", &["unix", "tcp", "tls"]),
    ] {
        assert_eq!(words(&h, c_enum), virsh, "{c_enum}");
    }
    let signals = words(&h, "virDomainProcessSignal");
    assert_eq!(signals[..3], ["nop", "hup", "int"]);
    assert_eq!(signals[64], "rt32");
    let wipe = words(&h, "virStorageVolWipeAlgorithm");
    assert_eq!(wipe[6..], ["pfitzner7", "pfitzner33", "random", "trim"]);
}

/// Every row of the override table names a plain enum of the headers and
/// gives words for each of its values, in order: a new libvirt value
/// fails here until its virsh words are looked up.
#[test]
fn virsh_words_rows_cover_their_enums() {
    let h = parse_all();
    let mut seen = Vec::new();
    for row in VIRSH_WORDS {
        assert!(!seen.contains(&row.c_enum), "two rows for {}", row.c_enum);
        seen.push(row.c_enum);
        assert!(
            row.source.starts_with("virsh-") && row.source.contains(".c: "),
            "{}: source {:?}",
            row.c_enum,
            row.source
        );
        let e = h
            .enums
            .iter()
            .find(|e| e.c_name == row.c_enum)
            .unwrap_or_else(|| panic!("no enum {}", row.c_enum));
        assert_eq!(e.kind, EnumKind::Enum, "{}", row.c_enum);
        let names: Vec<&str> = e.values.iter().map(|v| v.c_name.as_str()).collect();
        let row_names: Vec<&str> = row.words.iter().map(|(n, _)| *n).collect();
        assert_eq!(row_names, names, "{}", row.c_enum);
        for ((_, w), v) in row.words.iter().zip(&e.values) {
            assert_eq!(v.words, *w);
            assert!(!w.is_empty() && w.trim() == *w, "{}: {w:?}", v.c_name);
        }
        // A row is only for words that differ from the default ones.
        let defaults: Vec<String> = e
            .values
            .iter()
            .map(|v| {
                v.c_name
                    .split('_')
                    .skip(common_prefix(&names))
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert!(
            row.words.iter().zip(&defaults).any(|((_, w), d)| w != d),
            "{}: every word is the default one",
            row.c_enum
        );
    }
}

/// How many `_`-separated tokens all the names share (at least one token
/// is left to each).
fn common_prefix(names: &[&str]) -> usize {
    let tokens: Vec<Vec<&str>> = names.iter().map(|n| n.split('_').collect()).collect();
    let min = tokens.iter().map(Vec::len).min().unwrap_or(0);
    let mut n = 0;
    while n + 1 < min && tokens.iter().all(|t| t[n] == tokens[0][n]) {
        n += 1;
    }
    n
}
