//! Typed parameter sets: one Rust struct per parameter list of libvirt's
//! headers, derived from the field macros of the API description
//! ([`ParamMacro`]: `VIR_DOMAIN_BLKIO_WEIGHT` is `"weight"`, "as a uint").
//!
//! The structs are serde structs for `libvirt_api::params`, whose module
//! documentation gives the mapping (a field per key, `Option` for every
//! value, a name ending in `.` for a group, `$other` for the keys a struct
//! does not know, `$index` for an indexed group's element).
//!
//! # From macros to structs
//!
//! * **Which set.** A macro belongs to the set of [`SETS`] whose macro
//!   prefix is the longest that begins its name (`VIR_DOMAIN_BLOCK_STATS_`
//!   before a shorter one). libvirt's headers group their sets by prefix,
//!   but the names alone do not say where a prefix ends
//!   (`VIR_DOMAIN_BLOCK_IOTUNE_*` and `VIR_DOMAIN_BLOCK_COPY_*` are two
//!   sets, `VIR_THREADPOOL_WORKERS_*` and `VIR_THREADPOOL_JOB_*` one), so
//!   the prefixes, each set's Rust name and the functions that use it are
//!   the table. A macro no set claims is a build error.
//! * **Indexed groups, by name.** Within a set, `<P>_PREFIX` (`block.`)
//!   with `<P>_SUFFIX_<X>` macros (`.rd.reqs`) is a list: a `Vec` of an
//!   element struct whose fields are the suffixes. Suffix macros nest
//!   (`<P>_SUFFIX_<Q>_PREFIX`, `<P>_SUFFIX_<Q>_SUFFIX_<Y>`), and so do the
//!   structs. `<P>_COUNT` (`block.count`) is a plain field beside the
//!   list. A `_PREFIX` with no suffixes (`vm.`, hypervisor-specific
//!   names) is a map: a `Params` field.
//! * **Nested sets** ([`SetDef::nested`]: the domain stats record, guest
//!   info, tunable events): the keys' first dotted word is a group
//!   (`balloon`, `cpu`, `os`), and a group is a nested struct
//!   (`balloon: Option<DomainStatsBalloon>`, name `"balloon."`), except
//!   where a list has that very prefix (`block.`, `vcpu.`): then the
//!   group's plain keys (`block.count`, `vcpu.current`) stay fields of
//!   the record beside the list.
//! * **Names.** A field's Rust name is its key relative to its struct,
//!   in snake case (`rd.reqs` is `rd_reqs`, `backingIndex` is
//!   `backing_index`), plus the unit its documentation states when the
//!   name does not already say it (`cpu.time`, "in nanoseconds", is
//!   `time_ns`; `balloon.current`, "in kiB", is `current_kib`; see
//!   [`unit_suffix`]). A name that starts with a digit takes its group's
//!   word (`load.1m` is `load_1m`), a keyword is a raw identifier, and
//!   [`NAME_OVERRIDES`] renames what reads badly.
//! * **Types.** A field's type is what its documentation says
//!   ([`ParamMacro::types`]), as an `Option`: int `i32`, uint `u32`,
//!   llong `i64`, ullong `u64`, double `f64`, boolean `bool`, string
//!   `String`. Where it says "uint, or ullong since ..." the field is a
//!   `u64` sent as a uint when it fits. A "multiple field" (a key sent
//!   once per value) is a `Vec`. Where the text names no type:
//!   [`TYPE_OVERRIDES`] (each with its reason), else the set's
//!   [`SetDef::untyped`] (perf events are booleans, node stats unsigned),
//!   else a `_COUNT` is a uint; anything still untyped is a build error,
//!   never a silent `String`.
//! * **What is not a field** ([`STRUCTURAL`]): the `_PREFIX` macros
//!   themselves, the value-kind suffixes of hypervisor-specific stats,
//!   and names with a `%u` in them (`cputune.vcpupin%u`), which land in
//!   their struct's `$other`.
//!
//! # Functions
//!
//! [`SetDef::functions`] says which C functions send or return each set.
//! Every public function with a `virTypedParameterPtr` argument (other
//! than the `virTypedParams*` helpers, which are Rust values here), and
//! the four whose records are typed parameters by another name
//! ([`RECORD_FUNCTIONS`]), uses one set, or the generic `Params` for the
//! reason [`GENERIC_FUNCTIONS`] gives. [`function_params`] and
//! [`set_for_function`] answer for the typed layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::api::{self, Api, ParamMacro, ParamType};
use crate::generate::{GenError, doc_attrs};

/// Which way a function moves a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// The caller sends it (`virDomainSetBlkioParameters`).
    Sends,
    /// The caller receives it (`virDomainGetBlkioParameters`).
    Receives,
}

/// Which wire list carries a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wire {
    /// `remote_typed_param` (the remote program).
    Remote,
    /// `admin_typed_param` (the admin program).
    Admin,
    /// `remote_node_get_cpu_stats` / `remote_node_get_memory_stats`:
    /// field and unsigned hyper value.
    NodeStats,
}

/// One parameter set of libvirt's headers.
#[derive(Clone, Copy, Debug)]
pub struct SetDef {
    /// The Rust struct's name (`BlkioParameters`).
    pub name: &'static str,
    /// The macro-name prefixes of its fields (`VIR_DOMAIN_BLKIO_`).
    pub prefixes: &'static [&'static str],
    /// What it is, for the struct's documentation.
    pub doc: &'static str,
    /// Whether the keys' first dotted word makes nested groups.
    pub nested: bool,
    /// The type of its fields whose text names none, and why.
    pub untyped: Option<(ParamType, &'static str)>,
    /// The wire list that carries it.
    pub wire: Wire,
    /// The C functions that send or receive it.
    pub functions: &'static [(&'static str, Direction)],
    /// The event procedures whose message carries it.
    pub events: &'static [&'static str],
}

use Direction::{Receives, Sends};

/// The parameter sets, in the order of libvirt's headers.
pub const SETS: &[SetDef] = &[
    SetDef {
        name: "BlkioParameters",
        prefixes: &["VIR_DOMAIN_BLKIO_"],
        doc: "A domain's block I/O tunables (cgroup blkio weights and throttles).",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetBlkioParameters", Receives),
            ("virDomainSetBlkioParameters", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "MemoryParameters",
        prefixes: &["VIR_DOMAIN_MEMORY_"],
        doc: "A domain's memory tunables, in KiB; `VIR_DOMAIN_MEMORY_PARAM_UNLIMITED` means no limit.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetMemoryParameters", Receives),
            ("virDomainSetMemoryParameters", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "NumaParameters",
        prefixes: &["VIR_DOMAIN_NUMA_"],
        doc: "A domain's NUMA tunables.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetNumaParameters", Receives),
            ("virDomainSetNumaParameters", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "SchedulerParameters",
        prefixes: &["VIR_DOMAIN_SCHEDULER_"],
        doc: "A domain's CPU scheduler parameters; which keys a daemon uses depends on its scheduler (`virDomainGetSchedulerType`).",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetSchedulerParameters", Receives),
            ("virDomainGetSchedulerParametersFlags", Receives),
            ("virDomainSetSchedulerParameters", Sends),
            ("virDomainSetSchedulerParametersFlags", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "BlockIoTuneParameters",
        prefixes: &["VIR_DOMAIN_BLOCK_IOTUNE_"],
        doc: "A disk's I/O throttling, or a throttle group's.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetBlockIoTune", Receives),
            ("virDomainSetBlockIoTune", Sends),
            ("virDomainSetThrottleGroup", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "InterfaceParameters",
        prefixes: &["VIR_DOMAIN_BANDWIDTH_"],
        doc: "A domain interface's bandwidth limits.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetInterfaceParameters", Receives),
            ("virDomainSetInterfaceParameters", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "NetworkPortParameters",
        prefixes: &["VIR_NETWORK_PORT_BANDWIDTH_"],
        doc: "A network port's bandwidth limits.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virNetworkPortGetParameters", Receives),
            ("virNetworkPortSetParameters", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "BlockStats",
        prefixes: &["VIR_DOMAIN_BLOCK_STATS_"],
        doc: "A disk's I/O statistics.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virDomainBlockStatsFlags", Receives)],
        events: &[],
    },
    SetDef {
        name: "BlockCopyParameters",
        prefixes: &["VIR_DOMAIN_BLOCK_COPY_"],
        doc: "The tunables of a block copy job.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virDomainBlockCopy", Sends)],
        events: &[],
    },
    SetDef {
        name: "CpuStats",
        prefixes: &["VIR_DOMAIN_CPU_STATS_"],
        doc: "A domain's CPU usage, in total or for one host CPU: `virDomainGetCPUStats` returns one such list per CPU asked for.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virDomainGetCPUStats", Receives)],
        events: &[],
    },
    SetDef {
        name: "GuestInfo",
        prefixes: &["VIR_DOMAIN_GUEST_INFO_"],
        doc: "What the guest agent reports about the guest: users, operating system, time zone, host name, file systems, disks, interfaces and load; each group only when asked for.",
        nested: true,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virDomainGetGuestInfo", Receives)],
        events: &[],
    },
    SetDef {
        name: "JobStats",
        prefixes: &["VIR_DOMAIN_JOB_"],
        doc: "Progress and statistics of a domain's background job (migration, save, dump, backup).",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virDomainGetJobStats", Receives)],
        events: &["REMOTE_PROC_DOMAIN_EVENT_CALLBACK_JOB_COMPLETED"],
    },
    SetDef {
        name: "LaunchSecurityParameters",
        prefixes: &["VIR_DOMAIN_LAUNCH_SECURITY_"],
        doc: "A domain's launch security (AMD SEV) measurement, and the secret injected into it.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetLaunchSecurityInfo", Receives),
            ("virDomainSetLaunchSecurityState", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "SaveParameters",
        prefixes: &["VIR_DOMAIN_SAVE_PARAM_"],
        doc: "Where and how to save a domain's state, or restore it.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainSaveParams", Sends),
            ("virDomainRestoreParams", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "IoThreadParameters",
        prefixes: &["VIR_DOMAIN_IOTHREAD_"],
        doc: "An IOThread's polling and thread pool tunables.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virDomainSetIOThreadParams", Sends)],
        events: &[],
    },
    SetDef {
        name: "PerfEvents",
        prefixes: &["VIR_PERF_PARAM_"],
        doc: "Which Linux perf events a domain counts.",
        nested: false,
        untyped: Some((
            ParamType::Boolean,
            "each event is enabled or not: libvirt sends and takes booleans",
        )),
        wire: Wire::Remote,
        functions: &[
            ("virDomainGetPerfEvents", Receives),
            ("virDomainSetPerfEvents", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "MigrateParameters",
        prefixes: &["VIR_MIGRATE_PARAM_"],
        doc: "How to migrate a domain.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virDomainMigrate3", Sends),
            ("virDomainMigrateToURI3", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "Identity",
        prefixes: &["VIR_CONNECT_IDENTITY_"],
        doc: "The identity a privileged client (a proxy daemon) claims for the process it serves.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virConnectSetIdentity", Sends)],
        events: &[],
    },
    SetDef {
        name: "NodeMemoryParameters",
        prefixes: &["VIR_NODE_MEMORY_SHARED_"],
        doc: "The host's kernel same-page merging (KSM) tunables and counters.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virNodeGetMemoryParameters", Receives),
            ("virNodeSetMemoryParameters", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "NodeSevInfo",
        prefixes: &["VIR_NODE_SEV_"],
        doc: "The host's AMD SEV capabilities.",
        nested: false,
        untyped: None,
        wire: Wire::Remote,
        functions: &[("virNodeGetSEVInfo", Receives)],
        events: &[],
    },
    SetDef {
        name: "NodeCpuStats",
        prefixes: &["VIR_NODE_CPU_STATS_"],
        doc: "The host's CPU time, in total or for one CPU (read with `params::from_wire` from `remote::NodeGetCpuStats` records).",
        nested: false,
        untyped: Some((
            ParamType::ULLong,
            "a virNodeCPUStats value is an unsigned long long (`unsigned hyper` on the wire)",
        )),
        wire: Wire::NodeStats,
        functions: &[("virNodeGetCPUStats", Receives)],
        events: &[],
    },
    SetDef {
        name: "NodeMemoryStats",
        prefixes: &["VIR_NODE_MEMORY_STATS_"],
        doc: "The host's memory, in total or for one NUMA cell, in KiB (read with `params::from_wire` from `remote::NodeGetMemoryStats` records).",
        nested: false,
        untyped: Some((
            ParamType::ULLong,
            "a virNodeMemoryStats value is an unsigned long long (`unsigned hyper` on the wire)",
        )),
        wire: Wire::NodeStats,
        functions: &[("virNodeGetMemoryStats", Receives)],
        events: &[],
    },
    SetDef {
        name: "DomainStats",
        prefixes: &["VIR_DOMAIN_STATS_"],
        doc: "One domain's record of `virConnectGetAllDomainStats`: each statistics group asked for, as a nested struct, or as a list for per-device groups.",
        nested: true,
        untyped: None,
        wire: Wire::Remote,
        functions: &[
            ("virConnectGetAllDomainStats", Receives),
            ("virDomainListGetStats", Receives),
        ],
        events: &[],
    },
    SetDef {
        name: "DomainTunables",
        prefixes: &["VIR_DOMAIN_TUNABLE_"],
        doc: "The tunables a domain's tunable event reports as changed.",
        nested: true,
        untyped: None,
        wire: Wire::Remote,
        functions: &[],
        events: &["REMOTE_PROC_DOMAIN_EVENT_CALLBACK_TUNABLE"],
    },
    SetDef {
        name: "ClientInfo",
        prefixes: &["VIR_CLIENT_INFO_"],
        doc: "What a daemon knows about one of its clients (admin API).",
        nested: false,
        untyped: None,
        wire: Wire::Admin,
        functions: &[("virAdmClientGetInfo", Receives)],
        events: &[],
    },
    SetDef {
        name: "ServerClientLimits",
        prefixes: &["VIR_SERVER_CLIENTS_"],
        doc: "A daemon server's client counts and limits (admin API).",
        nested: false,
        untyped: None,
        wire: Wire::Admin,
        functions: &[
            ("virAdmServerGetClientLimits", Receives),
            ("virAdmServerSetClientLimits", Sends),
        ],
        events: &[],
    },
    SetDef {
        name: "ThreadPoolParameters",
        prefixes: &["VIR_THREADPOOL_"],
        doc: "A daemon server's worker thread pool (admin API).",
        nested: false,
        untyped: None,
        wire: Wire::Admin,
        functions: &[
            ("virAdmServerGetThreadPoolParameters", Receives),
            ("virAdmServerSetThreadPoolParameters", Sends),
        ],
        events: &[],
    },
];

/// Field types the macro's text does not state (or states in words
/// [`ParamMacro::types`] does not read): (macro, type, why).
pub const TYPE_OVERRIDES: &[(&str, ParamType, &str)] = &[
    (
        "VIR_DOMAIN_BLOCK_COPY_BANDWIDTH",
        ParamType::ULLong,
        "its text says \"with a type of ullong\"",
    ),
    (
        "VIR_DOMAIN_GUEST_INFO_DISK_SUFFIX_GUEST_BUS",
        ParamType::String,
        "a bus name, sent as a string",
    ),
    (
        "VIR_DOMAIN_GUEST_INFO_OS_ID",
        ParamType::String,
        "\"a string identifying the operating system\"",
    ),
    (
        "VIR_DOMAIN_JOB_ERRMSG",
        ParamType::String,
        "an error message",
    ),
    (
        "VIR_DOMAIN_SAVE_PARAM_DXML",
        ParamType::String,
        "domain XML",
    ),
    ("VIR_DOMAIN_SAVE_PARAM_FILE", ParamType::String, "a path"),
    (
        "VIR_MIGRATE_PARAM_BANDWIDTH_AVAIL_SWITCHOVER",
        ParamType::ULLong,
        "in MiB/s like the other migration bandwidths, which are ullongs; libvirt's QEMU driver reads a ullong",
    ),
    (
        "VIR_MIGRATE_PARAM_COMPRESSION",
        ParamType::String,
        "a compression method's name",
    ),
    (
        "VIR_MIGRATE_PARAM_LISTEN_ADDRESS",
        ParamType::String,
        "an address or host name",
    ),
    (
        "VIR_MIGRATE_PARAM_MIGRATE_DISKS",
        ParamType::String,
        "disk target names",
    ),
    (
        "VIR_MIGRATE_PARAM_MIGRATE_DISKS_DETECT_ZEROES",
        ParamType::String,
        "disk target names",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_FULL_SCANS",
        ParamType::ULLong,
        "libvirt's host memory code sends it as a ullong",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES",
        ParamType::UInt,
        "\"has type int\" in its text, but libvirt sends and takes a uint",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_PAGES_SHARED",
        ParamType::ULLong,
        "libvirt's host memory code sends it as a ullong",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_PAGES_SHARING",
        ParamType::ULLong,
        "libvirt's host memory code sends it as a ullong",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN",
        ParamType::UInt,
        "libvirt sends and takes a uint",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED",
        ParamType::ULLong,
        "libvirt's host memory code sends it as a ullong",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE",
        ParamType::ULLong,
        "libvirt's host memory code sends it as a ullong",
    ),
    (
        "VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS",
        ParamType::UInt,
        "libvirt sends and takes a uint",
    ),
    (
        "VIR_NODE_SEV_CBITPOS",
        ParamType::UInt,
        "libvirt's QEMU driver sends a uint",
    ),
    (
        "VIR_NODE_SEV_REDUCED_PHYS_BITS",
        ParamType::UInt,
        "libvirt's QEMU driver sends a uint",
    ),
];

/// Rust names the rule makes badly: (macro, name, why).
pub const NAME_OVERRIDES: &[(&str, &str, &str)] = &[
    (
        "VIR_DOMAIN_GUEST_INFO_IF_PREFIX",
        "interfaces",
        "`if` is a keyword",
    ),
    (
        "VIR_DOMAIN_BLOCK_COPY_BANDWIDTH",
        "bandwidth_bytes_per_sec",
        "in bytes/s (its text also mentions the MiB/s of the block job calls, which the unit rule cannot tell apart)",
    ),
    (
        "VIR_NODE_MEMORY_STATS_BUFFERS",
        "buffers_kib",
        "node memory stats are in KiB (virNodeGetMemoryStats), which the macro's text does not say",
    ),
    (
        "VIR_NODE_MEMORY_STATS_CACHED",
        "cached_kib",
        "node memory stats are in KiB",
    ),
    (
        "VIR_NODE_MEMORY_STATS_FREE",
        "free_kib",
        "node memory stats are in KiB",
    ),
    (
        "VIR_NODE_MEMORY_STATS_TOTAL",
        "total_kib",
        "node memory stats are in KiB",
    ),
    (
        "VIR_DOMAIN_MEMORY_HARD_LIMIT",
        "hard_limit_kib",
        "memory tunables are in KiB (virDomainSetMemoryParameters), which the macro's text does not say",
    ),
    (
        "VIR_DOMAIN_MEMORY_SOFT_LIMIT",
        "soft_limit_kib",
        "memory tunables are in KiB",
    ),
    (
        "VIR_DOMAIN_MEMORY_MIN_GUARANTEE",
        "min_guarantee_kib",
        "memory tunables are in KiB",
    ),
    (
        "VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT",
        "swap_hard_limit_kib",
        "memory tunables are in KiB",
    ),
];

/// Field macros that are not fields: (macro-name prefix, why).
pub const STRUCTURAL: &[(&str, &str)] = &[
    (
        "VIR_DOMAIN_STATS_CUSTOM_SUFFIX_TYPE_",
        "the value kinds (`.cur`, `.sum`, `.max`) of hypervisor-specific statistics, whose names are not known: they stay in the `vm.` map and the vCPU elements' `$other`",
    ),
    (
        "VIR_DOMAIN_TUNABLE_CPU_VCPUPIN",
        "`cputune.vcpupin<N>`: a key per vCPU with no dot before the number, kept in the cputune group's `$other`",
    ),
    (
        "VIR_DOMAIN_TUNABLE_CPU_IOTHREADSPIN",
        "`cputune.iothreadpin<N>`: a key per IOThread with no dot before the number, kept in the cputune group's `$other`",
    ),
];

/// Functions whose typed parameters have no set: (function, why). They
/// use the generic `Params`.
pub const GENERIC_FUNCTIONS: &[(&str, &str)] = &[(
    "virDomainGetGuestVcpus",
    "its keys (`vcpus`, `online`, `offlinable`: CPU lists as strings) have no macros in libvirt's headers",
)];

/// Functions whose records are typed parameters although their C
/// arguments are not `virTypedParameterPtr`: (function, why).
pub const RECORD_FUNCTIONS: &[(&str, &str)] = &[
    (
        "virConnectGetAllDomainStats",
        "virDomainStatsRecord: a domain and its typed parameters",
    ),
    (
        "virDomainListGetStats",
        "virDomainStatsRecord: a domain and its typed parameters",
    ),
    (
        "virNodeGetCPUStats",
        "virNodeCPUStats: field and unsigned long long value",
    ),
    (
        "virNodeGetMemoryStats",
        "virNodeMemoryStats: field and unsigned long long value",
    ),
];

/// What a function's typed parameters are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionParams {
    /// The set's struct in `libvirt_api::params`, or `None` for the generic
    /// `Params`.
    pub set: Option<&'static str>,
    /// Which way.
    pub direction: Direction,
    /// How they travel.
    pub wire: Wire,
    /// Why a function uses `Params`, or how it uses its set when that is
    /// not one list per call.
    pub note: Option<&'static str>,
}

/// How functions use their set when it is not one list per call.
const FUNCTION_NOTES: &[(&str, &str)] = &[
    (
        "virDomainGetCPUStats",
        "one list per CPU: the reply's params hold `nparams` entries for each CPU in turn",
    ),
    ("virConnectGetAllDomainStats", "one list per domain record"),
    ("virDomainListGetStats", "one list per domain record"),
];

/// What `c_function`'s typed parameters are; `None` if it has none.
pub fn function_params(c_function: &str) -> Option<FunctionParams> {
    let note = FUNCTION_NOTES
        .iter()
        .find(|(f, _)| *f == c_function)
        .map(|(_, n)| *n);
    for set in SETS {
        if let Some(&(_, direction)) = set.functions.iter().find(|(f, _)| *f == c_function) {
            return Some(FunctionParams {
                set: Some(set.name),
                direction,
                wire: set.wire,
                note,
            });
        }
    }
    GENERIC_FUNCTIONS
        .iter()
        .find(|(f, _)| *f == c_function)
        .map(|&(_, why)| FunctionParams {
            set: None,
            direction: Receives,
            wire: Wire::Remote,
            note: Some(why),
        })
}

/// The Rust type (in `libvirt_api::params`) of `c_function`'s typed
/// parameters: a set's struct (`BlkioParameters`), or `Params` for the
/// generic list; `None` if it has none.
pub fn set_for_function(c_function: &str) -> Option<&'static str> {
    function_params(c_function).map(|p| p.set.unwrap_or("Params"))
}

/// The public functions that send or return typed parameters: those with
/// a `virTypedParameterPtr` argument, except the `virTypedParams*`
/// helpers, and [`RECORD_FUNCTIONS`]; in file order.
pub fn typed_parameter_functions(apis: &[Api]) -> Vec<&api::Function> {
    apis.iter()
        .flat_map(|a| &a.functions)
        .filter(|f| {
            (!f.name.starts_with("virTypedParams")
                && f.args.iter().any(|a| a.ty.contains("virTypedParameterPtr")))
                || RECORD_FUNCTIONS.iter().any(|(r, _)| *r == f.name)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The model

/// A parameter set, as structs.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamSet {
    /// Its definition.
    pub def: SetDef,
    /// Its struct (which holds the nested and element structs).
    pub root: StructDef,
    /// The macros it was built from.
    pub macros: Vec<String>,
}

impl PartialEq for SetDef {
    fn eq(&self, other: &SetDef) -> bool {
        self.name == other.name
    }
}

/// A generated struct.
#[derive(Clone, Debug, PartialEq)]
pub struct StructDef {
    /// Its Rust name.
    pub name: String,
    /// Its documentation.
    pub doc: String,
    /// Whether it is an indexed group's element (it has `$index`).
    pub element: bool,
    /// Its fields, in key order.
    pub fields: Vec<FieldDef>,
}

/// A generated field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDef {
    /// The Rust name.
    pub rust: String,
    /// The key relative to its struct (`rd.reqs`), ending in `.` for a
    /// group, list or map.
    pub wire: String,
    /// The full key, with `<N>` for indices (`block.<N>.rd.reqs`).
    pub key: String,
    /// The macro it comes from, if one.
    pub macro_name: Option<String>,
    /// Its documentation.
    pub doc: String,
    /// The unit its name carries (`ns`, `kib`), from its documentation.
    pub unit: Option<&'static str>,
    /// What it holds.
    pub kind: FieldKind,
}

/// What a field holds.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    /// One value (`Option<T>`), or every value of a repeated key
    /// (`Vec<T>`).
    Value {
        /// The wire type.
        ty: ParamType,
        /// A "multiple field": the key once per value.
        repeated: bool,
        /// "uint, or ullong since ...": a `u64`, sent as a uint when it fits.
        uint_or_ullong: bool,
        /// Where the type comes from, when not from the macro's text.
        type_source: Option<&'static str>,
    },
    /// A nested group (`balloon.`).
    Group(StructDef),
    /// An indexed group (`block.`).
    List(StructDef),
    /// A map of hypervisor-specific keys (`vm.`).
    Map,
}

impl StructDef {
    /// This struct and every struct inside it, outermost first.
    pub fn all(&self) -> Vec<&StructDef> {
        let mut out = vec![self];
        for f in &self.fields {
            if let FieldKind::Group(s) | FieldKind::List(s) = &f.kind {
                out.extend(s.all());
            }
        }
        out
    }

    /// The value fields of this struct and the structs inside it.
    pub fn value_count(&self) -> usize {
        self.all()
            .iter()
            .map(|s| {
                s.fields
                    .iter()
                    .filter(|f| matches!(f.kind, FieldKind::Value { .. }))
                    .count()
            })
            .sum()
    }
}

fn gen_err<T>(message: impl Into<String>) -> Result<T, GenError> {
    Err(GenError {
        message: message.into(),
    })
}

/// The set of `SETS` a macro belongs to.
fn set_of(name: &str) -> Option<(&'static SetDef, &'static str)> {
    SETS.iter()
        .flat_map(|s| s.prefixes.iter().map(move |p| (s, *p)))
        .filter(|(_, p)| name.starts_with(p))
        .max_by_key(|(_, p)| p.len())
}

/// Builds every set from the API descriptions' field macros.
///
/// # Errors
///
/// A macro no set claims, a field with no type, a name clash: the
/// description changed in a way the tables do not cover.
pub fn sets(apis: &[Api]) -> Result<Vec<ParamSet>, GenError> {
    let mut by_set: BTreeMap<&str, Vec<&ParamMacro>> = BTreeMap::new();
    for m in apis.iter().flat_map(|a| &a.params) {
        match set_of(&m.name) {
            Some((set, _)) => by_set.entry(set.name).or_default().push(m),
            None => {
                return gen_err(format!(
                    "typed parameter macro {} (`{}`) belongs to no set of params::SETS",
                    m.name, m.field
                ));
            }
        }
    }
    let mut out = Vec::new();
    for def in SETS {
        let macros = by_set.remove(def.name).unwrap_or_default();
        if macros.is_empty() {
            return gen_err(format!(
                "params::SETS: no macro of the API description starts with {:?} ({})",
                def.prefixes, def.name
            ));
        }
        out.push(build_set(def, &macros)?);
    }
    Ok(out)
}

/// A macro's place in its set, by name.
struct Placed<'a> {
    m: &'a ParamMacro,
    /// The macro name relative to the set prefix (`BLOCK_SUFFIX_RD_REQS`).
    rel: String,
}

fn build_set(def: &'static SetDef, macros: &[&ParamMacro]) -> Result<ParamSet, GenError> {
    let mut placed = Vec::new();
    for m in macros {
        if STRUCTURAL.iter().any(|(p, _)| m.name.starts_with(p)) {
            continue;
        }
        let (_, prefix) = set_of(&m.name).ok_or_else(|| GenError {
            message: format!("{}: no set", m.name),
        })?;
        placed.push(Placed {
            m,
            rel: m.name[prefix.len()..].to_owned(),
        });
    }
    // The lists: `<P>_PREFIX`.
    let lists: BTreeSet<String> = placed
        .iter()
        .filter_map(|p| list_name(p).map(str::to_owned))
        .collect();
    let units = units(&placed);
    let root_items = build_level(def, &placed, &lists, &units, None, "")?;
    let mut root = StructDef {
        name: def.name.to_owned(),
        doc: set_doc(def),
        element: false,
        fields: Vec::new(),
    };
    if def.nested {
        root.fields = nest(def, root_items)?;
    } else {
        root.fields = root_items;
    }
    check_names(&root)?;
    Ok(ParamSet {
        def: *def,
        root,
        macros: macros.iter().map(|m| m.name.clone()).collect(),
    })
}

/// A list's name relative to the set (`BLOCK`), if the macro is a
/// list's prefix: `<P>_PREFIX` naming a key prefix that ends in `.`
/// (`VIR_DOMAIN_GUEST_INFO_IF_SUFFIX_ADDR_SUFFIX_PREFIX` is `.prefix`, a
/// field).
fn list_name<'p>(p: &'p Placed<'_>) -> Option<&'p str> {
    p.rel
        .strip_suffix("_PREFIX")
        .filter(|_| p.m.field.ends_with('.'))
}

/// The list a macro belongs to: the longest `P` with `rel` starting
/// `P_SUFFIX_`.
fn owner<'l>(rel: &str, lists: &'l BTreeSet<String>) -> Option<&'l str> {
    lists
        .iter()
        .filter(|l| rel.starts_with(&format!("{l}_SUFFIX_")))
        .max_by_key(|l| l.len())
        .map(String::as_str)
}

/// The fields of one level: the set's top (`parent` `None`) or a list's
/// element (`parent` the list's name relative to the set).
fn build_level(
    def: &SetDef,
    placed: &[Placed<'_>],
    lists: &BTreeSet<String>,
    units: &BTreeMap<String, &'static str>,
    parent: Option<&str>,
    path: &str,
) -> Result<Vec<FieldDef>, GenError> {
    let mut fields = Vec::new();
    for p in placed {
        // A list's own PREFIX macro belongs where the list's name does.
        let (is_list, key) = match list_name(p) {
            Some(l) => (true, l),
            None => (false, p.rel.as_str()),
        };
        if owner(key, lists) != parent {
            continue;
        }
        let wire = match parent {
            Some(_) => p.m.field.strip_prefix('.').unwrap_or(&p.m.field).to_owned(),
            None => p.m.field.clone(),
        };
        if wire.is_empty() || wire.starts_with('.') || wire.contains('%') {
            return gen_err(format!(
                "{} (`{}`): not a key this generator can place; list it in params::STRUCTURAL",
                p.m.name, p.m.field
            ));
        }
        let doc = macro_doc(p.m);
        if is_list {
            let has_suffixes = placed
                .iter()
                .any(|q| q.rel.starts_with(&format!("{key}_SUFFIX_")));
            let kind = if has_suffixes {
                let index = ["<N>", "<M>", "<K>"]
                    .get(path.matches('<').count())
                    .copied()
                    .unwrap_or("<I>");
                let inner = format!("{path}{wire}{index}.");
                let fields = build_level(def, placed, lists, units, Some(key), &inner)?;
                FieldKind::List(StructDef {
                    name: format!("{}{}", def.name, pascal_words(key)),
                    doc: format!(
                        "One element of [`{}`]'s indexed group `{inner}*`.\n\n{doc}",
                        def.name
                    ),
                    element: true,
                    fields,
                })
            } else {
                FieldKind::Map
            };
            fields.push(FieldDef {
                rust: override_name(&p.m.name)
                    .unwrap_or_else(|| field_name(wire.trim_end_matches('.'), None)),
                key: format!("{path}{wire}"),
                wire,
                macro_name: Some(p.m.name.clone()),
                doc,
                unit: None,
                kind,
            });
        } else {
            let (ty, uint_or_ullong, type_source) = field_type(def, p.m)?;
            let repeated = p.m.info.contains("multiple field");
            // Units are for numbers: a perf event's text says what it
            // counts, its value is whether it is on.
            let unit = match ty {
                ParamType::Boolean | ParamType::String => None,
                _ => units.get(&p.m.name).copied(),
            };
            let rust = override_name(&p.m.name).unwrap_or_else(|| field_name(&wire, unit));
            fields.push(FieldDef {
                rust,
                key: format!("{path}{wire}"),
                wire,
                macro_name: Some(p.m.name.clone()),
                doc,
                unit,
                kind: FieldKind::Value {
                    ty,
                    repeated,
                    uint_or_ullong,
                    type_source,
                },
            });
        }
    }
    fields.sort_by(|a, b| a.wire.cmp(&b.wire));
    Ok(fields)
}

/// Nested sets: the first dotted word of a key is a group.
fn nest(def: &SetDef, items: Vec<FieldDef>) -> Result<Vec<FieldDef>, GenError> {
    // The groups that have a list under their own prefix stay flat.
    let flat_groups: BTreeSet<String> = items
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::List(_) | FieldKind::Map))
        .filter(|f| f.wire.matches('.').count() == 1)
        .map(|f| f.wire.trim_end_matches('.').to_owned())
        .collect();
    let mut groups: BTreeMap<String, Vec<FieldDef>> = BTreeMap::new();
    let mut top = Vec::new();
    for f in items {
        let first = f.wire.split('.').next().unwrap_or_default().to_owned();
        let single = !f.wire.trim_end_matches('.').contains('.');
        if single || flat_groups.contains(&first) {
            top.push(f);
        } else {
            groups.entry(first).or_default().push(f);
        }
    }
    for (group, members) in groups {
        let name = format!("{}{}", def.name, pascal_words(&group));
        let prefix = format!("{group}.");
        let fields = members
            .into_iter()
            .map(|mut f| {
                f.wire = f.wire[prefix.len()..].to_owned();
                if f.macro_name.as_deref().and_then(override_name).is_none() {
                    f.rust = field_name_in(f.wire.trim_end_matches('.'), f.unit, &group);
                }
                f
            })
            .collect();
        top.push(FieldDef {
            rust: field_name(&group, None),
            key: prefix.clone(),
            wire: prefix.clone(),
            macro_name: None,
            doc: format!("The `{prefix}*` keys."),
            unit: None,
            kind: FieldKind::Group(StructDef {
                name,
                doc: format!("The `{prefix}*` keys of [`{}`].", def.name),
                element: false,
                fields,
            }),
        });
    }
    top.sort_by(|a, b| a.wire.cmp(&b.wire));
    Ok(top)
}

/// A field's type: from its text, an override, the set's default, or the
/// `_COUNT` rule.
fn field_type(
    def: &SetDef,
    m: &ParamMacro,
) -> Result<(ParamType, bool, Option<&'static str>), GenError> {
    if let Some(&(_, ty, why)) = TYPE_OVERRIDES.iter().find(|(n, _, _)| *n == m.name) {
        return Ok((ty, false, Some(why)));
    }
    let mut types = m.types();
    // "as an unsigned int or unsigned long long if exceeding range of
    // unsigned int": the reader sees only the first.
    if types.len() == 1
        && types.contains(&ParamType::UInt)
        && m.info
            .to_ascii_lowercase()
            .contains("or unsigned long long")
    {
        types.insert(ParamType::ULLong);
    }
    let v: Vec<ParamType> = types.iter().copied().collect();
    match v.as_slice() {
        [one] => Ok((*one, false, None)),
        [ParamType::UInt, ParamType::ULLong] => Ok((ParamType::ULLong, true, None)),
        [] => {
            if let Some((ty, why)) = def.untyped {
                return Ok((ty, false, Some(why)));
            }
            if m.name.ends_with("_COUNT") {
                return Ok((
                    ParamType::UInt,
                    false,
                    Some("a count, like every other count of libvirt's indexed groups: a uint"),
                ));
            }
            gen_err(format!(
                "{} (`{}`): its text names no type; give it one in params::TYPE_OVERRIDES",
                m.name, m.field
            ))
        }
        more => gen_err(format!(
            "{} (`{}`): its text names several types ({more:?}); give it one in params::TYPE_OVERRIDES",
            m.name, m.field
        )),
    }
}

fn override_name(macro_name: &str) -> Option<String> {
    NAME_OVERRIDES
        .iter()
        .find(|(m, _, _)| *m == macro_name)
        .map(|(_, n, _)| (*n).to_owned())
}

/// The unit a field's documentation states, as a name suffix: `kib`,
/// `ns`, `us`, `ms`, `secs`, `bytes`, `bytes_per_sec`, `mib_per_sec`;
/// `None` when it states none, or more than one.
pub fn unit_suffix(doc: &str) -> Option<&'static str> {
    let t = doc.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| t.contains(n));
    let mut found: Vec<&'static str> = Vec::new();
    if has(&["mib/s"]) {
        found.push("mib_per_sec");
    }
    if has(&["bytes/s", "bytes per second"]) {
        found.push("bytes_per_sec");
    }
    if has(&["(in kib)", "in kib", "kib)", "(kb)", "in kibibytes"]) {
        found.push("kib");
    }
    if has(&["nanoseconds", "nano-seconds", "(ns)", "in ns"]) {
        found.push("ns");
    }
    if has(&["microseconds"]) {
        found.push("us");
    }
    if has(&["milliseconds", "(ms)"]) {
        found.push("ms");
    }
    if has(&["in seconds", "(in seconds)"]) {
        found.push("secs");
    }
    if found.is_empty() && has(&["in bytes", "(bytes)", "number of bytes", "size in bytes"]) {
        found.push("bytes");
    }
    match found.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Each macro's unit: what its text states ([`unit_suffix`]), or, for a
/// text that defines it by another's ("as VIR_DOMAIN_JOB_DATA_PROCESSED
/// but only tracking guest disk progress"), that one's.
fn units(placed: &[Placed<'_>]) -> BTreeMap<String, &'static str> {
    let mut out: BTreeMap<String, &'static str> = placed
        .iter()
        .filter_map(|p| Some((p.m.name.clone(), unit_suffix(&p.m.info)?)))
        .collect();
    for p in placed {
        if out.contains_key(&p.m.name) {
            continue;
        }
        let words: Vec<&str> = p.m.info.split_whitespace().collect();
        let referred = words
            .windows(3)
            .find(|w| w[0] == "as" && w[1].starts_with("VIR_") && w[2] == "but")
            .map(|w| w[1]);
        if let Some(unit) = referred.and_then(|r| out.get(r).copied()) {
            out.insert(p.m.name.clone(), unit);
        }
    }
    out
}

/// Whether a snake name already says its unit.
fn says_unit(name: &str, unit: &str) -> bool {
    let words: Vec<&str> = name.split('_').collect();
    let has = |w: &str| words.contains(&w);
    match unit {
        "kib" => has("kib"),
        "ns" => has("ns") || name.ends_with("ns"),
        "us" => has("us"),
        "ms" => has("ms") || has("millisecs"),
        "secs" => has("secs") || has("sec") || has("seconds"),
        "bytes" => has("bytes"),
        "bytes_per_sec" => has("bps") || (has("bytes") && has("sec")),
        "mib_per_sec" => has("mib") || has("megabytes") || name.contains("per_second"),
        _ => false,
    }
}

/// A key's Rust name: snake case, plus the unit if it does not say it.
fn field_name(wire: &str, unit: Option<&str>) -> String {
    let mut s = snake_key(wire);
    if let Some(u) = unit {
        if !says_unit(&s, u) {
            s.push('_');
            s.push_str(u);
        }
    }
    s
}

/// A key's Rust name in a nested group: a name that would start with a
/// digit takes the group's word.
fn field_name_in(wire: &str, unit: Option<&str>, group: &str) -> String {
    let s = field_name(wire, unit);
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{}_{s}", snake_key(group))
    } else {
        s
    }
}

/// `rd.reqs` -> `rd_reqs`, `backingIndex` -> `backing_index`,
/// `os.kernel-release` -> `os_kernel_release`.
fn snake_key(wire: &str) -> String {
    let chars: Vec<char> = wire.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            if prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                && !out.ends_with('_')
            {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// `CPU_CACHE_MONITOR_SUFFIX_BANK` -> `CpuCacheMonitorBank`; `balloon`
/// -> `Balloon`.
fn pascal_words(s: &str) -> String {
    s.split(['_', '.', '-'])
        .filter(|w| !w.is_empty() && *w != "SUFFIX")
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn check_names(root: &StructDef) -> Result<(), GenError> {
    for s in root.all() {
        let mut seen = BTreeSet::new();
        for f in &s.fields {
            if f.rust == "other" || f.rust == "index" || !seen.insert(f.rust.as_str()) {
                return gen_err(format!(
                    "{}: two fields named `{}` (or one named like a reserved field); rename one in params::NAME_OVERRIDES",
                    s.name, f.rust
                ));
            }
            if f.rust.is_empty() || f.rust.starts_with(|c: char| c.is_ascii_digit()) {
                return gen_err(format!("{}: no Rust name for `{}`", s.name, f.wire));
            }
        }
    }
    Ok(())
}

/// Markdown-safe documentation text: one paragraph, with the characters
/// rustdoc would read as HTML or links escaped.
fn clean(text: &str) -> String {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one.len());
    for c in one.chars() {
        if matches!(c, '<' | '>' | '[' | ']' | '*' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn macro_doc(m: &ParamMacro) -> String {
    clean(&m.info)
}

fn set_doc(def: &SetDef) -> String {
    let mut s = def.doc.to_owned();
    if !def.functions.is_empty() {
        s.push_str("\n\nUsed by ");
        let uses: Vec<String> = def
            .functions
            .iter()
            .map(|(f, d)| {
                format!(
                    "`{f}` ({})",
                    match d {
                        Sends => "sends",
                        Receives => "returns",
                    }
                )
            })
            .collect();
        s.push_str(&uses.join(", "));
        s.push('.');
    }
    if !def.events.is_empty() {
        s.push_str("\n\nCarried by ");
        let ev: Vec<String> = def.events.iter().map(|e| format!("`{e}`")).collect();
        s.push_str(&ev.join(", "));
        s.push('.');
    }
    let prefixes: Vec<String> = def.prefixes.iter().map(|p| format!("`{p}*`")).collect();
    s.push_str(&format!(
        "\n\nGenerated from the {} macros of libvirt's headers; keys it does not know are kept in `other`.",
        prefixes.join(" and ")
    ));
    s
}

// ---------------------------------------------------------------------------
// Emitting

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
    "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

fn type_name(ty: ParamType) -> &'static str {
    match ty {
        ParamType::Int => "an int",
        ParamType::UInt => "a uint",
        ParamType::LLong => "an llong",
        ParamType::ULLong => "a ullong",
        ParamType::Double => "a double",
        ParamType::Boolean => "a boolean",
        ParamType::String => "a string",
    }
}

fn rust_type(ty: ParamType) -> TokenStream {
    match ty {
        ParamType::Int => quote!(i32),
        ParamType::UInt => quote!(u32),
        ParamType::LLong => quote!(i64),
        ParamType::ULLong => quote!(u64),
        ParamType::Double => quote!(f64),
        ParamType::Boolean => quote!(bool),
        ParamType::String => quote!(alloc::string::String),
    }
}

fn emit_struct(s: &StructDef, out: &mut TokenStream) {
    let name = format_ident!("{}", s.name);
    let doc = doc_attrs(&s.doc);
    let mut fields = TokenStream::new();
    if s.element {
        fields.extend(quote! {
            /// The element's index in its group (`<prefix><index>.`): set
            /// when read; when sending, `None` means its position.
            #[serde(rename = "$index", skip_serializing_if = "Option::is_none")]
            pub index: Option<u32>,
        });
    }
    for f in &s.fields {
        let id = ident(&f.rust);
        let wire = &f.wire;
        let mut text = f.doc.clone();
        let alias = f
            .macro_name
            .as_ref()
            .map(|m| quote!(#[doc(alias = #m)]))
            .unwrap_or_default();
        let ty = match &f.kind {
            FieldKind::Value {
                ty,
                repeated,
                uint_or_ullong,
                type_source,
            } => {
                let what = if *uint_or_ullong {
                    "a uint, or a ullong where it does not fit (older daemons take only a uint)"
                        .to_owned()
                } else {
                    type_name(*ty).to_owned()
                };
                let m = f.macro_name.as_deref().unwrap_or_default();
                let times = if *repeated { ", once per value" } else { "" };
                text.push_str(&format!("\n\nKey `{}`, {what}{times} (`{m}`).", f.key));
                if let Some(src) = type_source {
                    text.push_str(&format!(" The type is libvirt-rs's: {src}."));
                }
                let rt = rust_type(*ty);
                if *repeated {
                    quote!(#[serde(rename = #wire, skip_serializing_if = "alloc::vec::Vec::is_empty")] pub #id: alloc::vec::Vec<#rt>,)
                } else if *uint_or_ullong {
                    quote!(#[serde(rename = #wire, with = "crate::params::uint_or_ullong", skip_serializing_if = "Option::is_none")] pub #id: Option<#rt>,)
                } else {
                    quote!(#[serde(rename = #wire, skip_serializing_if = "Option::is_none")] pub #id: Option<#rt>,)
                }
            }
            FieldKind::Group(inner) => {
                let t = format_ident!("{}", inner.name);
                quote!(#[serde(rename = #wire, skip_serializing_if = "Option::is_none")] pub #id: Option<#t>,)
            }
            FieldKind::List(inner) => {
                let t = format_ident!("{}", inner.name);
                text.push_str(&format!(
                    "\n\nKeys `{}<index>.*`, one element per index (`{}`).",
                    f.key,
                    f.macro_name.as_deref().unwrap_or_default()
                ));
                quote!(#[serde(rename = #wire, skip_serializing_if = "alloc::vec::Vec::is_empty")] pub #id: alloc::vec::Vec<#t>,)
            }
            FieldKind::Map => {
                text.push_str(&format!(
                    "\n\nEvery key under `{}`, without that prefix (`{}`).",
                    f.key,
                    f.macro_name.as_deref().unwrap_or_default()
                ));
                quote!(#[serde(rename = #wire, skip_serializing_if = "Params::is_empty")] pub #id: Params,)
            }
        };
        let doc = doc_attrs(&text);
        fields.extend(quote!(#doc #alias #ty));
    }
    fields.extend(quote! {
        /// The keys of this level that no field above takes (a newer
        /// daemon's, a hypervisor's own), as they came.
        #[serde(rename = "$other", skip_serializing_if = "Params::is_empty")]
        pub other: Params,
    });
    out.extend(quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(default)]
        pub struct #name {
            #fields
        }
    });
}

/// The direct reading of one struct (`ParamSet::read_key`): its exact
/// keys first, then its groups, the longest prefix first, then `$other`,
/// as `libvirt_api::params`'s serde reading routes them.
fn emit_read(s: &StructDef, out: &mut TokenStream) {
    let name = format_ident!("{}", s.name);
    // By the key's first byte: its exact names, then its groups, the
    // longest prefix first (a stable sort keeps field order otherwise).
    let mut by_byte: BTreeMap<u8, (TokenStream, Vec<(usize, TokenStream)>)> = BTreeMap::new();
    for f in &s.fields {
        let Some(&first) = f.wire.as_bytes().first() else {
            continue;
        };
        let (exact, groups) = by_byte.entry(first).or_default();
        let id = ident(&f.rust);
        let wire = proc_macro2::Literal::byte_string(f.wire.as_bytes());
        let group = |body: TokenStream| {
            (
                f.wire.len(),
                quote!(if let Some(rest) = read::under(key, #wire) { #body }),
            )
        };
        match &f.kind {
            FieldKind::Value { repeated, .. } => {
                let how = if *repeated { quote!(many) } else { quote!(one) };
                exact.extend(quote!(#wire => return read::#how(&mut self.#id, value),));
            }
            FieldKind::Group(_) => groups.push(group(quote!(
                return self.#id.get_or_insert_with(Default::default).read_key(rest, value);
            ))),
            FieldKind::List(_) => groups.push(group(quote!(
                return read::element(&mut self.#id, rest, value);
            ))),
            FieldKind::Map => groups.push(group(quote!(
                read::keep(&mut self.#id, rest, value);
                return Ok(());
            ))),
        }
    }
    let arms = by_byte.into_iter().map(|(byte, (exact, mut groups))| {
        groups.sort_by_key(|(len, _)| core::cmp::Reverse(*len));
        let groups = groups.into_iter().map(|(_, code)| code);
        let exact = if exact.is_empty() {
            TokenStream::new()
        } else {
            quote!(match key { #exact _ => {} })
        };
        let byte = proc_macro2::Literal::u8_suffixed(byte);
        quote!(Some(#byte) => { #exact #(#groups)* })
    });
    out.extend(quote! {
        impl crate::params::ParamSet for #name {
            // One shape for every struct, whatever its number of keys.
            #[allow(clippy::single_match)]
            fn read_key(&mut self, key: &[u8], value: ParamValue) -> Result<(), crate::params::NotSimple> {
                use crate::params::read;
                match key.first().copied() {
                    #(#arms)*
                    _ => {}
                }
                read::keep(&mut self.other, key, value);
                Ok(())
            }
        }
    });
    if s.element {
        out.extend(quote! {
            impl crate::params::read::Element for #name {
                fn index(&self) -> Option<u32> {
                    self.index
                }
                fn at(index: u32) -> Self {
                    #name { index: Some(index), ..Default::default() }
                }
            }
        });
    }
}

/// The struct definitions of `sets`, for `libvirt_api::params` (they name
/// `Params` and `crate::params::uint_or_ullong`, and `alloc`), with their
/// direct reading.
pub fn emit(sets: &[ParamSet]) -> TokenStream {
    let mut out = TokenStream::new();
    for set in sets {
        for s in set.root.all() {
            emit_struct(s, &mut out);
            emit_read(s, &mut out);
        }
    }
    out
}

/// The generated typed parameter sets.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Every input file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The sets.
    pub sets: Vec<ParamSet>,
}

/// The API description files, in `proto/api/`.
pub const API_FILES: &[&str] = &[
    "libvirt-api.xml",
    "libvirt-qemu-api.xml",
    "libvirt-lxc-api.xml",
    "libvirt-admin-api.xml",
];

/// Reads the four API descriptions of the vendored `proto/` directory.
///
/// # Errors
///
/// A file that cannot be read or parsed.
pub fn read_apis(proto: &Path) -> Result<(Vec<Api>, Vec<PathBuf>), GenError> {
    let mut apis = Vec::new();
    let mut inputs = Vec::new();
    for f in API_FILES {
        let path = proto.join("api").join(f);
        let text = std::fs::read_to_string(&path).map_err(|e| GenError {
            message: format!("{}: {e}", path.display()),
        })?;
        apis.push(api::parse(f, &text).map_err(|e| GenError {
            message: e.to_string(),
        })?);
        inputs.push(path);
    }
    Ok((apis, inputs))
}

/// Reads the vendored `proto/` directory and generates the parameter
/// sets' structs.
///
/// # Errors
///
/// What [`read_apis`] and [`sets`] report, or generated code that does not
/// parse.
pub fn generate_from_dir(proto: &Path) -> Result<Generated, GenError> {
    let (apis, inputs) = read_apis(proto)?;
    let sets = sets(&apis)?;
    let tokens = emit(&sets);
    let file: syn::File = syn::parse2(tokens).map_err(|e| GenError {
        message: format!("the generated parameter sets do not parse: {e}"),
    })?;
    let mut code = String::from(
        "// @generated by libvirt-codegen (params) from libvirt's API description. Do not edit.\n\n",
    );
    code.push_str(&prettyplease::unparse(&file));
    Ok(Generated { code, inputs, sets })
}
