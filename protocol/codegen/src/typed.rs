//! The typed layer (`libvirt-api`): object handles and their methods,
//! generated from libvirt's API description ([`crate::api`]) joined to the
//! procedures of the protocol files.
//!
//! # Rules
//!
//! * **Where a function goes.** Its *receiver* is its first C argument:
//!   an object pointer (`virDomainPtr`) or the connection. Its *namespace*
//!   is the longest object name its C name starts with (`virDomainSnapshot`
//!   in `virDomainSnapshotCreateXML`). When the two agree the function is a
//!   method of that object's handle (`Domain::get_info`); when they differ
//!   it is an associated function of the namespace's handle taking the
//!   receiver first (`DomainSnapshot::create_xml(&dom, ..)`,
//!   `Domain::lookup_by_name(&client, ..)`); functions of the connection's
//!   own namespaces (`virConnect*`, `virNode*`, ...) are methods of the
//!   connection traits.
//! * **Names.** The C name without `vir` and the namespace, in snake case;
//!   [`NAME_OVERRIDES`] keeps the `virt` crate's names where they differ.
//! * **Arguments** are the procedure's wire arguments: the receiver's
//!   object is the handle's own; other objects are handles; `flags` takes
//!   the flag set the description names, or is left out when it is "not
//!   used yet"; strings are `&str`; UUIDs are `uuid::Uuid`.
//! * **Results**: objects become handles, strings `String`, UUIDs `Uuid`,
//!   `virXIs*`/`Has*` answers `bool`, values the description calls "one of
//!   virX" `Open<X>`; a function that fills a C struct returns a generated
//!   struct with that struct's fields, enums typed and units in the names.
//! * **What is not generated** is listed with the reason
//!   ([`Exposure`]): the open sequence and close, the authentication
//!   procedures and event registrations belong to the client.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::api::{self, Api, Backing, Flags, Function};
use crate::ast::{Declaration, DefinitionKind, Shape, TypeSpec};
use crate::generate::{
    self, Context, GenError, PROTOCOL_FILES, ProcKind, Program, ProtocolFile, camel, snake,
};
use crate::headers::{EnumKind, Headers};

/// The typed layer's generated source.
#[derive(Clone, Debug)]
pub struct Typed {
    /// The formatted Rust source.
    pub code: String,
    /// Every input file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// What became of every function of every API description.
    pub exposure: Vec<(String, String, Exposure)>,
}

/// What became of one public C function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exposure {
    /// A typed method (or associated function) of this type, by this name.
    Method {
        /// `Domain`, `ConnectApi`, ...
        owner: String,
        /// The Rust name.
        name: String,
    },
    /// Not a method, for this reason.
    Left(String),
}

/// The API description files, their programs and protocol modules.
const API_FILES: &[(&str, &str)] = &[
    ("libvirt-api.xml", "remote"),
    ("libvirt-qemu-api.xml", "qemu"),
    ("libvirt-lxc-api.xml", "lxc"),
    ("libvirt-admin-api.xml", "admin"),
];

/// One kind of libvirt object and its handle.
struct Object {
    /// The C name without `Ptr` (`virDomain`).
    c: &'static str,
    /// The handle's Rust name.
    rust: &'static str,
    /// The wire struct (`remote_nonnull_domain`).
    wire: &'static str,
    /// The wire type of "this object or none" (`remote_domain`).
    optional: Option<&'static str>,
    /// The fields that identify it (for `Eq` and `Hash`), as paths in the
    /// wire struct.
    identity: &'static [&'static str],
    /// Its fields read locally: (method, field path, kind, C functions).
    accessors: &'static [(
        &'static str,
        &'static str,
        Accessor,
        &'static [&'static str],
    )],
    /// One line on what it is.
    doc: &'static str,
}

/// How a handle's local accessor reads its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Accessor {
    /// A string, lossily as text.
    Str,
    /// A UUID.
    Uuid,
    /// A domain id: `None` when inactive (-1).
    DomainId,
    /// A plain integer.
    Int,
    /// The parent object's handle, of this Rust type.
    Parent(&'static str),
}

const OBJECTS: &[Object] = &[
    Object {
        c: "virDomain",
        rust: "Domain",
        wire: "remote_nonnull_domain",
        optional: Some("remote_domain"),
        identity: &["uuid"],
        accessors: &[
            ("name", "name", Accessor::Str, &["virDomainGetName"]),
            (
                "uuid",
                "uuid",
                Accessor::Uuid,
                &["virDomainGetUUID", "virDomainGetUUIDString"],
            ),
            ("id", "id", Accessor::DomainId, &["virDomainGetID"]),
        ],
        doc: "A domain (a virtual machine or container), defined or running.",
    },
    Object {
        c: "virNetwork",
        rust: "Network",
        wire: "remote_nonnull_network",
        optional: Some("remote_network"),
        identity: &["uuid"],
        accessors: &[
            ("name", "name", Accessor::Str, &["virNetworkGetName"]),
            (
                "uuid",
                "uuid",
                Accessor::Uuid,
                &["virNetworkGetUUID", "virNetworkGetUUIDString"],
            ),
        ],
        doc: "A virtual network.",
    },
    Object {
        c: "virNetworkPort",
        rust: "NetworkPort",
        wire: "remote_nonnull_network_port",
        optional: None,
        identity: &["uuid"],
        accessors: &[
            (
                "uuid",
                "uuid",
                Accessor::Uuid,
                &["virNetworkPortGetUUID", "virNetworkPortGetUUIDString"],
            ),
            (
                "network",
                "net",
                Accessor::Parent("Network"),
                &["virNetworkPortGetNetwork"],
            ),
        ],
        doc: "A port of a virtual network, which a guest's interface plugs into.",
    },
    Object {
        c: "virStoragePool",
        rust: "StoragePool",
        wire: "remote_nonnull_storage_pool",
        optional: Some("remote_storage_pool"),
        identity: &["uuid"],
        accessors: &[
            ("name", "name", Accessor::Str, &["virStoragePoolGetName"]),
            (
                "uuid",
                "uuid",
                Accessor::Uuid,
                &["virStoragePoolGetUUID", "virStoragePoolGetUUIDString"],
            ),
        ],
        doc: "A storage pool: a directory, disk, LVM group, ... that holds volumes.",
    },
    Object {
        c: "virStorageVol",
        rust: "StorageVol",
        wire: "remote_nonnull_storage_vol",
        optional: Some("remote_storage_vol"),
        identity: &["key"],
        accessors: &[
            ("name", "name", Accessor::Str, &["virStorageVolGetName"]),
            ("key", "key", Accessor::Str, &["virStorageVolGetKey"]),
            ("pool_name", "pool", Accessor::Str, &[]),
        ],
        doc: "A storage volume of a pool: a file, a logical volume, ...",
    },
    Object {
        c: "virNodeDevice",
        rust: "NodeDevice",
        wire: "remote_nonnull_node_device",
        optional: Some("remote_node_device"),
        identity: &["name"],
        accessors: &[("name", "name", Accessor::Str, &["virNodeDeviceGetName"])],
        doc: "A device of the host (PCI, USB, SCSI, network, mediated, ...).",
    },
    Object {
        c: "virSecret",
        rust: "Secret",
        wire: "remote_nonnull_secret",
        optional: Some("remote_secret"),
        identity: &["uuid"],
        accessors: &[
            (
                "uuid",
                "uuid",
                Accessor::Uuid,
                &["virSecretGetUUID", "virSecretGetUUIDString"],
            ),
            (
                "usage_type",
                "usage_type",
                Accessor::Int,
                &["virSecretGetUsageType"],
            ),
            (
                "usage_id",
                "usage_id",
                Accessor::Str,
                &["virSecretGetUsageID"],
            ),
        ],
        doc: "A secret: a passphrase or key that a volume or a guest uses.",
    },
    Object {
        c: "virInterface",
        rust: "Interface",
        wire: "remote_nonnull_interface",
        optional: None,
        identity: &["name"],
        accessors: &[
            ("name", "name", Accessor::Str, &["virInterfaceGetName"]),
            (
                "mac_string",
                "mac",
                Accessor::Str,
                &["virInterfaceGetMACString"],
            ),
        ],
        doc: "A network interface of the host.",
    },
    Object {
        c: "virNWFilter",
        rust: "NWFilter",
        wire: "remote_nonnull_nwfilter",
        optional: None,
        identity: &["uuid"],
        accessors: &[
            ("name", "name", Accessor::Str, &["virNWFilterGetName"]),
            (
                "uuid",
                "uuid",
                Accessor::Uuid,
                &["virNWFilterGetUUID", "virNWFilterGetUUIDString"],
            ),
        ],
        doc: "A network filter: firewall rules for guests' interfaces.",
    },
    Object {
        c: "virNWFilterBinding",
        rust: "NWFilterBinding",
        wire: "remote_nonnull_nwfilter_binding",
        optional: None,
        identity: &["portdev"],
        accessors: &[
            (
                "port_dev",
                "portdev",
                Accessor::Str,
                &["virNWFilterBindingGetPortDev"],
            ),
            (
                "filter_name",
                "filtername",
                Accessor::Str,
                &["virNWFilterBindingGetFilterName"],
            ),
        ],
        doc: "A network filter bound to a port.",
    },
    Object {
        c: "virDomainSnapshot",
        rust: "DomainSnapshot",
        wire: "remote_nonnull_domain_snapshot",
        optional: None,
        identity: &["dom.uuid", "name"],
        accessors: &[
            ("name", "name", Accessor::Str, &["virDomainSnapshotGetName"]),
            (
                "domain",
                "dom",
                Accessor::Parent("Domain"),
                &["virDomainSnapshotGetDomain", "virDomainSnapshotGetConnect"],
            ),
        ],
        doc: "A snapshot of a domain.",
    },
    Object {
        c: "virDomainCheckpoint",
        rust: "DomainCheckpoint",
        wire: "remote_nonnull_domain_checkpoint",
        optional: None,
        identity: &["dom.uuid", "name"],
        accessors: &[
            (
                "name",
                "name",
                Accessor::Str,
                &["virDomainCheckpointGetName"],
            ),
            (
                "domain",
                "dom",
                Accessor::Parent("Domain"),
                &[
                    "virDomainCheckpointGetDomain",
                    "virDomainCheckpointGetConnect",
                ],
            ),
        ],
        doc: "A checkpoint of a domain (for incremental backups).",
    },
    Object {
        c: "virAdmServer",
        rust: "AdmServer",
        wire: "admin_nonnull_server",
        optional: None,
        identity: &["name"],
        accessors: &[("name", "name", Accessor::Str, &["virAdmServerGetName"])],
        doc: "A server of a libvirt daemon (admin interface): `libvirtd`, `admin`, ...",
    },
    Object {
        c: "virAdmClient",
        rust: "AdmClient",
        wire: "admin_nonnull_client",
        optional: None,
        identity: &["srv.name", "id"],
        accessors: &[
            ("id", "id", Accessor::Int, &["virAdmClientGetID"]),
            (
                "timestamp",
                "timestamp",
                Accessor::Int,
                &["virAdmClientGetTimestamp"],
            ),
            (
                "transport",
                "transport",
                Accessor::Int,
                &["virAdmClientGetTransport"],
            ),
            ("server", "srv", Accessor::Parent("AdmServer"), &[]),
        ],
        doc: "A client connected to a server of a libvirt daemon (admin interface).",
    },
];

/// The C namespaces whose functions are connection methods.
const CONNECTION_NAMESPACES: &[&str] = &["virConnect", "virNode", "virAdmConnect"];

/// Typed names that differ from the rule: the `virt` crate's names
/// (0.4), where it has one of its own: (C function, name).
pub const NAME_OVERRIDES: &[(&str, &str)] = &[
    ("virConnectGetCPUModelNames", "get_cpu_models_names"),
    ("virConnectGetSysinfo", "get_sys_info"),
    ("virConnectGetVersion", "get_hyp_version"),
    ("virDomainBlockStats", "get_block_stats"),
    ("virDomainHasManagedSaveImage", "has_managed_save"),
    ("virDomainRestore", "domain_restore"),
    ("virDomainRestoreFlags", "domain_restore_flags"),
    ("virDomainRevertToSnapshot", "revert"),
    ("virNodeDeviceDettach", "detach"),
    ("virNodeDeviceReAttach", "reattach"),
    ("virNodeGetInfo", "get_node_info"),
];

/// A test on a function's name, and the reason the functions it matches
/// are not typed methods.
type NameTest = (fn(&str) -> bool, &'static str);

/// One line of the exposure table: (API file, C function, what it is).
type ExposureRow = (String, String, Exposure);

/// Functions a typed method is not made for, beyond the client-side ones:
/// (test on the name, reason).
const LEFT_OUT: &[NameTest] = &[
    (
        |n| {
            matches!(
                n,
                "virConnectOpen"
                    | "virConnectOpenAuth"
                    | "virConnectOpenReadOnly"
                    | "virConnectClose"
                    | "virAdmConnectOpen"
                    | "virAdmConnectClose"
            )
        },
        "the client's open sequence and close (connect, close)",
    ),
    (
        |n| n.contains("EventRegister") || n.contains("EventDeregister"),
        "event registrations: the client's typed subscriptions",
    ),
    (
        |n| n.ends_with("CloseCallback"),
        "close callbacks: the client's close reason (`closed()`)",
    ),
    (
        |n| n == "virConnectDomainEventRegister" || n == "virConnectDomainEventDeregister",
        "event registrations: the client's typed subscriptions",
    ),
];

/// Wire arguments that say how many results the client has room for; the
/// typed methods ask for as many as the reply can carry.
const IMPLICIT_COUNTS: &[&str] = &[
    "maxnames",
    "maxids",
    "maxerrors",
    "maxinfo",
    "max_stats",
    "nparams",
    "ncpumaps",
];

/// Functions whose count argument is the caller's to choose:
/// `virDomainGetCPUStats` asks for `nparams` values of each of `ncpus`
/// CPUs.
const IMPLICIT_EXCEPTIONS: &[&str] = &["virDomainGetCPUStats"];

/// Reads the vendored `proto/` directory and generates the typed layer.
pub fn generate_from_dir(proto: &Path) -> Result<Typed, GenError> {
    let (specs, headers, mut inputs) = generate::load(proto)?;
    let mut apis = Vec::new();
    for (file, _) in API_FILES {
        let path = proto.join("api").join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| GenError {
            message: format!("{}: {e}", path.display()),
        })?;
        apis.push(api::parse(file, &text).map_err(|e| GenError {
            message: e.to_string(),
        })?);
        inputs.push(path);
    }
    let ctx = Context::new(PROTOCOL_FILES.iter().zip(&specs), &headers)?;
    let mut programs = HashMap::new();
    for (pf, spec) in PROTOCOL_FILES.iter().zip(&specs) {
        if let Some(program) = pf.program
            && program != "keepalive"
        {
            programs.insert(pf.module, (pf, ctx.program_model(pf, spec, program)?));
        }
    }
    let generator = Gen {
        ctx: &ctx,
        headers: &headers,
        apis: &apis,
        programs: &programs,
        enum_types: apis
            .iter()
            .flat_map(|a| a.enum_types.iter().cloned())
            .collect(),
        structs: c_structs(proto)?,
    };
    let (tokens, exposure) = generator.all()?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| GenError {
        message: format!("the generated typed layer does not parse: {e}"),
    })?;
    let mut code = String::from(
        "// @generated by libvirt-codegen from libvirt's API description. Do not edit.\n\n",
    );
    code.push_str(&prettyplease::unparse(&file));
    Ok(Typed {
        code,
        inputs,
        exposure,
    })
}

/// A C struct of the API description: its fields (name, C type, info).
type CStruct = Vec<(String, String, String)>;

/// The `<struct>`s of the API description with their fields.
fn c_structs(proto: &Path) -> Result<HashMap<String, CStruct>, GenError> {
    let mut out = HashMap::new();
    for (file, _) in API_FILES {
        let path = proto.join("api").join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| GenError {
            message: format!("{}: {e}", path.display()),
        })?;
        let doc = roxmltree::Document::parse(&text).map_err(|e| GenError {
            message: format!("{}: {e}", path.display()),
        })?;
        for s in doc.descendants().filter(|n| n.has_tag_name("struct")) {
            let Some(name) = s.attribute("name") else {
                continue;
            };
            let fields: CStruct = s
                .children()
                .filter(|c| c.has_tag_name("field"))
                .map(|f| {
                    (
                        f.attribute("name").unwrap_or_default().to_owned(),
                        f.attribute("type").unwrap_or_default().to_owned(),
                        f.attribute("info").unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            if !fields.is_empty() {
                out.insert(name.to_owned(), fields);
            }
        }
    }
    Ok(out)
}

struct Gen<'a> {
    ctx: &'a Context<'a>,
    headers: &'a Headers,
    apis: &'a [Api],
    programs: &'a HashMap<&'static str, (&'static ProtocolFile, Program<'a>)>,
    enum_types: BTreeSet<String>,
    structs: HashMap<String, CStruct>,
}

/// Where a function lands.
#[derive(Clone, Copy, Debug)]
enum Owner {
    /// The connection traits.
    Connection,
    /// A handle, as a method or an associated function.
    Object { object: usize, receiver: Receiver },
}

/// What an object's function is called on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Receiver {
    /// The handle itself: a method.
    Own,
    /// The connection: an associated function taking the client.
    Connection,
    /// Another object's handle: an associated function taking it.
    Handle(usize),
}

/// One generated function, in both modes.
#[derive(Default)]
struct Emitted {
    async_fn: TokenStream,
    blocking_fn: TokenStream,
}

/// A result conversion: the Rust type and the expression that makes it
/// from the wire value `v`.
struct Conv {
    ty: TokenStream,
    expr: TokenStream,
    /// Whether the conversion can fail (`expr` is a `Result`).
    fallible: bool,
}

impl<'a> Gen<'a> {
    fn all(&self) -> Result<(TokenStream, Vec<ExposureRow>), GenError> {
        let mut exposure = Vec::new();
        let mut per_object: BTreeMap<usize, Vec<Emitted>> = BTreeMap::new();
        let mut connection: BTreeMap<&str, Vec<Emitted>> = BTreeMap::new();
        let mut extra = TokenStream::new();
        let mut names: HashMap<(String, String), String> = HashMap::new();
        for (api, (_, module)) in self.apis.iter().zip(API_FILES) {
            let (pf, program) = &self.programs[module];
            let procs: Vec<&str> = program.procs.iter().map(|p| p.cname).collect();
            for f in &api.functions {
                let backing = api::backing(&api.name, &f.name, &procs);
                let left =
                    |why: &str| (api.name.clone(), f.name.clone(), Exposure::Left(why.into()));
                let procedure = match &backing {
                    Some(Backing::Procedure(p)) => p.as_str(),
                    Some(Backing::Mapped { procedure, .. }) => procedure,
                    Some(Backing::Composite(why)) | Some(Backing::ClientSide(why)) => {
                        exposure.push(left(why));
                        continue;
                    }
                    None => {
                        return Err(GenError {
                            message: format!("{}: no rule serves it", f.name),
                        });
                    }
                };
                if let Some((_, why)) = LEFT_OUT.iter().find(|(t, _)| t(&f.name)) {
                    exposure.push(left(why));
                    continue;
                }
                let proc = program
                    .procs
                    .iter()
                    .find(|p| p.cname == procedure)
                    .ok_or_else(|| GenError {
                        message: format!("{}: no procedure {procedure}", f.name),
                    })?;
                if proc.kind != ProcKind::Call {
                    exposure.push(left("an event message, not a call"));
                    continue;
                }
                let owner = self.owner(f)?;
                let name = self.method_name(f, &owner);
                let owner_name = match &owner {
                    Owner::Connection => connection_trait(module).to_owned(),
                    Owner::Object { object, .. } => OBJECTS[*object].rust.to_owned(),
                };
                if matches!(owner, Owner::Connection)
                    && program.procs.iter().any(|p| p.method == name)
                {
                    return Err(GenError {
                        message: format!(
                            "{}: the typed name `{name}` is a raw method's name too, and both traits are in \
                             the preludes; add a NAME_OVERRIDES row",
                            f.name
                        ),
                    });
                }
                if let Some(other) =
                    names.insert((owner_name.clone(), name.clone()), f.name.clone())
                {
                    return Err(GenError {
                        message: format!(
                            "{} and {other} would both be {owner_name}::{name}; add a NAME_OVERRIDES row",
                            f.name
                        ),
                    });
                }
                let emitted = self
                    .function(pf, proc, f, &owner, &name, &mut extra)
                    .map_err(|e| GenError {
                        message: format!("{}: {}", f.name, e.message),
                    })?;
                match owner {
                    Owner::Connection => connection
                        .entry(connection_trait(module))
                        .or_default()
                        .push(emitted),
                    Owner::Object { object, .. } => {
                        per_object.entry(object).or_default().push(emitted)
                    }
                }
                exposure.push((
                    api.name.clone(),
                    f.name.clone(),
                    Exposure::Method {
                        owner: owner_name,
                        name,
                    },
                ));
            }
        }
        let mut out = TokenStream::new();
        for (i, o) in OBJECTS.iter().enumerate() {
            out.extend(self.handle(o)?);
            let fns = per_object.remove(&i).unwrap_or_default();
            out.extend(handle_impls(o, &fns));
        }
        for (trait_name, fns) in &connection {
            out.extend(connection_traits(trait_name, fns));
        }
        out.extend(extra);
        out.extend(aliases_macro());
        out.extend(quote! {
            /// What `virConnectGetAllDomainStats` and `virDomainListGetStats`
            /// return: each domain's handle with its typed statistics.
            pub type DomainStatsRecords<M> = Vec<(Domain<M>, crate::params::DomainStats)>;
        });
        out.extend(self.raw_enums());
        out.extend(coverage(self.apis, &exposure));
        Ok((out, exposure))
    }

    /// Where `f` goes.
    fn owner(&self, f: &Function) -> Result<Owner, GenError> {
        let namespace = OBJECTS
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                f.name.starts_with(o.c)
                    && f.name[o.c.len()..].starts_with(|c: char| c.is_ascii_uppercase())
            })
            .max_by_key(|(_, o)| o.c.len())
            .map(|(i, _)| i);
        let first = f.args.first().map(|a| a.ty.as_str()).unwrap_or_default();
        let receiver = if first == "virConnectPtr" || first == "virAdmConnectPtr" {
            None
        } else {
            let ty = first.strip_suffix("Ptr").unwrap_or(first);
            OBJECTS.iter().position(|o| o.c == ty)
        };
        Ok(match (namespace, receiver) {
            (Some(ns), Some(r)) if ns == r => Owner::Object {
                object: ns,
                receiver: Receiver::Own,
            },
            // `virDomainRevertToSnapshot(snapshot, ..)`: a method of the
            // more specific object.
            (Some(ns), Some(r)) if OBJECTS[r].c.starts_with(OBJECTS[ns].c) => Owner::Object {
                object: r,
                receiver: Receiver::Own,
            },
            (Some(ns), Some(r)) => Owner::Object {
                object: ns,
                receiver: Receiver::Handle(r),
            },
            (Some(ns), None) if first == "virConnectPtr" || first == "virAdmConnectPtr" => {
                Owner::Object {
                    object: ns,
                    receiver: Receiver::Connection,
                }
            }
            _ => Owner::Connection,
        })
    }

    /// The Rust name of `f`.
    fn method_name(&self, f: &Function, owner: &Owner) -> String {
        if let Some((_, n)) = NAME_OVERRIDES.iter().find(|(c, _)| *c == f.name) {
            return (*n).to_owned();
        }
        let stem = match owner {
            Owner::Object { object, .. } => {
                let ns = OBJECTS
                    .iter()
                    .filter(|o| f.name.starts_with(o.c))
                    .max_by_key(|o| o.c.len())
                    .map_or(OBJECTS[*object].c, |o| o.c);
                &f.name[ns.len()..]
            }
            Owner::Connection => CONNECTION_NAMESPACES
                .iter()
                .filter(|ns| f.name.starts_with(*ns))
                .max_by_key(|ns| ns.len())
                .map_or_else(
                    || f.name.strip_prefix("vir").unwrap_or(&f.name),
                    |ns| {
                        // `virNodeGetFreeMemory` is `get_free_memory`, as
                        // `virConnectGetHostname` is `get_hostname`.
                        &f.name[ns.len()..]
                    },
                ),
        };
        let name = snake(stem);
        if name == "ref" || name == "type" || name == "move" {
            format!("{name}_")
        } else {
            name
        }
    }
}

/// The connection trait of a program's functions.
fn connection_trait(module: &str) -> &'static str {
    match module {
        "qemu" => "QemuConnectApi",
        "lxc" => "LxcConnectApi",
        "admin" => "AdmConnectApi",
        _ => "ConnectApi",
    }
}

/// One of the two modes a function is emitted in.
struct ModeCx {
    /// `Async` or `Blocking`.
    ctor: Ident,
    /// The client's type: `C`, or `Self` in the connection traits.
    client: TokenStream,
    is_async: bool,
}

impl ModeCx {
    fn both(client: TokenStream) -> [ModeCx; 2] {
        [
            ModeCx {
                ctor: format_ident!("Async"),
                client: client.clone(),
                is_async: true,
            },
            ModeCx {
                ctor: format_ident!("Blocking"),
                client,
                is_async: false,
            },
        ]
    }

    /// A handle type in this mode.
    fn handle(&self, object: &Object) -> TokenStream {
        let h = format_ident!("{}", object.rust);
        let ctor = &self.ctor;
        let client = &self.client;
        quote!(#h<#ctor<#client>>)
    }

    fn call_trait(&self) -> TokenStream {
        if self.is_async {
            quote!(AsyncCall)
        } else {
            quote!(BlockingCall)
        }
    }
}

/// How a wire field is used.
enum Use {
    Object(usize),
    OptObject(usize),
    Objects(usize),
    Flags(Option<Flags>),
    /// An argument other than `flags` that takes a flag set
    /// ("binary-OR of virDomainStatsTypes").
    FlagSet(String),
    /// Objects the C function does not take (the all-domains call sends
    /// an empty list).
    NoObjects,
    /// A count the client fills in: `need_results` is 1, a `max*` or
    /// `nparams` is the bound of the reply's array, so that one call
    /// returns everything.
    Implicit(i64),
    Params,
    Str,
    OptStr,
    Strings,
    Uuid,
    Enum(String),
    Bool,
    Plain(TokenStream),
}

impl<'a> Gen<'a> {
    /// How a wire field (of `f`'s args or ret) is used.
    fn use_of(
        &self,
        f: &Function,
        d: &Declaration,
        module: &str,
        ret: bool,
    ) -> Result<Use, GenError> {
        let object = |n: &str| OBJECTS.iter().position(|o| o.wire == n);
        let optional = |n: &str| OBJECTS.iter().position(|o| o.optional == Some(n));
        if let TypeSpec::Named(n) = &d.ty {
            match (&d.shape, object(n), optional(n)) {
                (Shape::Scalar, Some(i), _) => return Ok(Use::Object(i)),
                (Shape::Variable(_), Some(_), _)
                    if !ret && !f.args.iter().any(|a| squash(&a.name) == squash(&d.name)) =>
                {
                    return Ok(Use::NoObjects);
                }
                (Shape::Variable(_), Some(i), _) => return Ok(Use::Objects(i)),
                (Shape::Scalar, None, Some(i)) => return Ok(Use::OptObject(i)),
                _ => {}
            }
            if n.ends_with("_typed_param") && matches!(d.shape, Shape::Variable(_)) {
                return Ok(Use::Params);
            }
            if n.ends_with("_uuid") && d.shape == Shape::Scalar {
                return Ok(Use::Uuid);
            }
        }
        let ft = self.ctx.field_type(d, module)?;
        match ft.param {
            generate::ParamKind::Str => return Ok(Use::Str),
            generate::ParamKind::OptStr => return Ok(Use::OptStr),
            generate::ParamKind::Value => {}
        }
        if let (TypeSpec::Named(n), Shape::Variable(_)) = (&d.ty, &d.shape)
            && self.ctx.is_string_typedef(n)
        {
            return Ok(Use::Strings);
        }
        let int = matches!(d.ty, TypeSpec::Int | TypeSpec::UnsignedInt) && d.shape == Shape::Scalar;
        if !ret && d.name == "flags" && int {
            return Ok(Use::Flags(api::flags(f, &self.enum_types)));
        }
        if !ret && int {
            if d.name == "need_results" {
                return Ok(Use::Implicit(1));
            }
            if IMPLICIT_COUNTS.contains(&d.name.as_str())
                && !IMPLICIT_EXCEPTIONS.contains(&f.name.as_str())
                && let Some(bound) = self.reply_bound(f)?
            {
                return Ok(Use::Implicit(bound));
            }
        }
        if int
            || matches!(d.ty, TypeSpec::UnsignedChar | TypeSpec::Char) && d.shape == Shape::Scalar
        {
            let info = self.info_of(f, &d.name, ret);
            if let Some(e) = info.as_deref().and_then(|i| self.enum_named(i)) {
                return Ok(Use::Enum(e));
            }
            if !ret && let Some(e) = info.as_deref().and_then(|i| self.flags_named(i)) {
                return Ok(Use::FlagSet(e));
            }
            if ret
                && matches!(d.ty, TypeSpec::Int)
                && (self.is_question(f) || d.name == "autostart")
            {
                return Ok(Use::Bool);
            }
            if !ret
                && matches!(d.ty, TypeSpec::Int)
                && info.as_deref().is_some_and(|i| {
                    i.contains("whether") || i.contains("0 to disable/1 to enable")
                })
            {
                return Ok(Use::Bool);
            }
        }
        Ok(Use::Plain(ft.ty))
    }

    /// The bound of the reply's array (`params<REMOTE_..._MAX>`), which an
    /// implicit count asks for.
    fn reply_bound(&self, f: &Function) -> Result<Option<i64>, GenError> {
        let Some(proc) = self.procedure_of(f) else {
            return Ok(None);
        };
        for d in self.fields(proc.ret.as_deref())? {
            if let Shape::Variable(Some(max)) = &d.shape
                && d.ty != TypeSpec::String
                && d.ty != TypeSpec::Opaque
            {
                return Ok(Some(self.ctx.value(max)?));
            }
        }
        Ok(None)
    }

    /// The procedure that serves `f`.
    fn procedure_of(&self, f: &Function) -> Option<&generate::Proc<'a>> {
        for (api, (_, module)) in self.apis.iter().zip(API_FILES) {
            if !api.functions.iter().any(|g| g.name == f.name) {
                continue;
            }
            let (_, program) = &self.programs[module];
            let procs: Vec<&str> = program.procs.iter().map(|p| p.cname).collect();
            let name = match api::backing(&api.name, &f.name, &procs)? {
                Backing::Procedure(p) => p,
                Backing::Mapped { procedure, .. } => procedure.to_owned(),
                _ => return None,
            };
            return program.procs.iter().find(|p| p.cname == name);
        }
        None
    }

    /// The typed-parameter struct of `f` (or the generic `Params`), and the
    /// function that sends it.
    fn param_set(&self, f: &Function, module: &str) -> (TokenStream, Ident) {
        let set = crate::params::set_for_function(&f.name).unwrap_or("Params");
        let set = format_ident!("{}", set);
        let to = if module == "admin" {
            format_ident!("to_admin_params")
        } else {
            format_ident!("to_params")
        };
        (quote!(crate::params::#set), to)
    }

    /// The documentation of the C argument (or of the return value) that a
    /// wire field carries.
    fn info_of(&self, f: &Function, field: &str, ret: bool) -> Option<String> {
        let key = squash(field);
        if let Some(a) = f.args.iter().find(|a| squash(&a.name) == key) {
            return Some(a.info.clone());
        }
        if ret {
            // The only field of a ret: the return value, or the one out
            // argument.
            return f.ret.as_ref().map(|r| r.info.clone());
        }
        None
    }

    /// The plain enum a text says a value is one of.
    fn enum_named(&self, info: &str) -> Option<String> {
        self.type_named(info, EnumKind::Enum)
    }

    /// The flag set a text says a value is an OR of.
    fn flags_named(&self, info: &str) -> Option<String> {
        let lower = info.to_ascii_lowercase();
        if !lower.contains("or of") && !lower.contains("-or") {
            return None;
        }
        self.type_named(info, EnumKind::Flags)
    }

    /// The Rust name of the one header type of this kind a text names, if
    /// it names exactly one.
    fn type_named(&self, info: &str, kind: EnumKind) -> Option<String> {
        let mut found: Vec<&str> = Vec::new();
        for w in info.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if let Some(e) = self.headers.enums.iter().find(|e| e.c_name == w)
                && e.kind == kind
                && !found.contains(&w)
            {
                found.push(w);
            }
        }
        let [one] = found.as_slice() else {
            return None;
        };
        let e = self.headers.enums.iter().find(|e| e.c_name == *one)?;
        Some(e.rust_name.clone())
    }

    /// Whether `f` asks a yes/no question (`virDomainIsActive`,
    /// `virDomainHasManagedSaveImage`).
    fn is_question(&self, f: &Function) -> bool {
        let stem = OBJECTS
            .iter()
            .filter(|o| f.name.starts_with(o.c))
            .max_by_key(|o| o.c.len())
            .map_or_else(
                || f.name.trim_start_matches("virConnect"),
                |o| &f.name[o.c.len()..],
            );
        (stem.starts_with("Is") || stem.starts_with("Has"))
            && stem[if stem.starts_with("Is") { 2 } else { 3 }..]
                .starts_with(|c: char| c.is_ascii_uppercase())
    }

    /// The Rust type of a C flags enum (`virDomainXMLFlags`).
    fn flag_type(&self, c: &str) -> Result<(Ident, EnumKind), GenError> {
        let e = self
            .headers
            .enums
            .iter()
            .find(|e| e.c_name == c)
            .ok_or_else(|| GenError {
                message: format!("flags type {c} is not in the headers"),
            })?;
        Ok((format_ident!("{}", e.rust_name), e.kind))
    }

    /// The struct fields of a named `.x` struct.
    fn fields(&self, name: Option<&str>) -> Result<&'a [Declaration], GenError> {
        let Some(n) = name else { return Ok(&[]) };
        match &self.ctx.entry(n)?.def.kind {
            DefinitionKind::Struct { fields, .. } => Ok(fields),
            _ => Err(GenError {
                message: format!("{n} is not a struct"),
            }),
        }
    }

    /// One function in both modes.
    fn function(
        &self,
        pf: &ProtocolFile,
        proc: &generate::Proc<'_>,
        f: &Function,
        owner: &Owner,
        name: &str,
        extra: &mut TokenStream,
    ) -> Result<Emitted, GenError> {
        let module = pf.module;
        let mident = format_ident!("{}", module);
        let pident = &proc.ident;
        let args = self.fields(proc.args.as_deref())?;
        let rets = self.fields(proc.ret.as_deref())?;
        let args_path = match &proc.args {
            Some(n) => {
                let e = self.ctx.entry(n)?;
                let i = format_ident!("{}", e.rust);
                quote!(#mident::#i)
            }
            None => TokenStream::new(),
        };
        let uuid_string = f.name.ends_with("UUIDString");
        let doc = doc_attrs(f, proc.cname);
        let fname = format_ident!("{}", name);
        let mut out = Emitted::default();
        let client_ty = match owner {
            Owner::Connection => quote!(Self),
            Owner::Object { .. } => quote!(C),
        };
        let ret_conv = self.ret_conv(f, module, rets, proc.ret.as_deref(), extra)?;
        for m in ModeCx::both(client_ty) {
            let mut params: Vec<TokenStream> = Vec::new();
            let mut inits: Vec<TokenStream> = Vec::new();
            let mut fallible = ret_conv.as_ref().is_some_and(|c| c.fallible);
            let ctor = &m.ctor;
            // The client and how to make a mode for new handles.
            let (client, mk_mode, mut receiver_field) = match owner {
                Owner::Connection => (quote!(self), quote!(#ctor(self.clone())), None),
                Owner::Object {
                    receiver: Receiver::Own,
                    object,
                } => (
                    quote!(&self.mode.0),
                    quote!(self.mode.clone()),
                    Some((*object, quote!(self))),
                ),
                Owner::Object {
                    receiver: Receiver::Connection,
                    ..
                } => {
                    params.push(quote!(conn: &C));
                    (quote!(conn), quote!(#ctor(conn.clone())), None)
                }
                Owner::Object {
                    receiver: Receiver::Handle(r),
                    ..
                } => {
                    let o = &OBJECTS[*r];
                    let pname = args
                        .iter()
                        .find(|d| matches!(&d.ty, TypeSpec::Named(n) if n == o.wire))
                        .map_or_else(
                            || format_ident!("{}", snake(o.rust)),
                            |d| generate::field_ident(&d.name),
                        );
                    let ty = m.handle(o);
                    params.push(quote!(#pname: &#ty));
                    (
                        quote!(&#pname.mode.0),
                        quote!(#pname.mode.clone()),
                        Some((*r, quote!(#pname))),
                    )
                }
            };
            for d in args {
                let fid = generate::field_ident(&d.name);
                let u = self.use_of(f, d, module, false)?;
                let init = match u {
                    Use::Object(i) => {
                        if let Some((r, who)) = &receiver_field
                            && *r == i
                        {
                            let init = quote!(#who.raw.clone());
                            receiver_field = None;
                            init
                        } else {
                            let ty = m.handle(&OBJECTS[i]);
                            params.push(quote!(#fid: &#ty));
                            quote!(#fid.raw.clone())
                        }
                    }
                    Use::OptObject(i) => {
                        let ty = m.handle(&OBJECTS[i]);
                        params.push(quote!(#fid: Option<&#ty>));
                        quote!(#fid.map(|h| h.raw.clone()))
                    }
                    Use::Objects(i) => {
                        let ty = m.handle(&OBJECTS[i]);
                        params.push(quote!(#fid: &[#ty]));
                        quote!(#fid.iter().map(|h| h.raw.clone()).collect())
                    }
                    Use::Flags(Some(Flags::Typed(types))) => {
                        let (ty, kind) = self.flag_type(&types[0])?;
                        params.push(quote!(flags: #ty));
                        match kind {
                            EnumKind::Flags => quote!(flags.bits() as _),
                            EnumKind::Enum => quote!(flags.as_raw() as _),
                        }
                    }
                    Use::Flags(Some(Flags::Unused)) => quote!(0),
                    Use::FlagSet(e) => {
                        let ty = format_ident!("{}", e);
                        params.push(quote!(#fid: #ty));
                        quote!(#fid.bits() as _)
                    }
                    Use::NoObjects => quote!(Vec::new()),
                    Use::Implicit(n) => {
                        let n = proc_macro2::Literal::i64_unsuffixed(n);
                        quote!(#n)
                    }
                    Use::Flags(None) => {
                        params.push(quote!(flags: u32));
                        quote!(flags as _)
                    }
                    Use::Params => {
                        let (set, to) = self.param_set(f, module);
                        fallible = true;
                        params.push(quote!(#fid: &#set));
                        quote!(crate::params::#to(#fid).map_err(Error::from)?)
                    }
                    Use::Str => {
                        params.push(quote!(#fid: &str));
                        quote!(#fid.into())
                    }
                    Use::OptStr => {
                        params.push(quote!(#fid: Option<&str>));
                        quote!(#fid.map(Into::into))
                    }
                    Use::Strings => {
                        params.push(quote!(#fid: &[&str]));
                        quote!(#fid.iter().map(|s| (*s).into()).collect())
                    }
                    Use::Uuid if uuid_string => {
                        fallible = true;
                        params.push(quote!(uuid: &str));
                        quote!(
                            Uuid::parse_str(uuid)
                                .map_err(|e| Error::bad_uuid(uuid, e))?
                                .into_bytes()
                        )
                    }
                    Use::Uuid => {
                        params.push(quote!(#fid: Uuid));
                        quote!(#fid.into_bytes())
                    }
                    Use::Enum(e) => {
                        let ty = format_ident!("{}", e);
                        params.push(quote!(#fid: #ty));
                        quote!(#fid.as_raw() as _)
                    }
                    Use::Bool => {
                        params.push(quote!(#fid: bool));
                        quote!(#fid.into())
                    }
                    Use::Plain(ty) => {
                        // A size or a time says its unit in its name:
                        // `memory_kib`, `duration_secs`.
                        let info = self.info_of(f, &d.name, false).unwrap_or_default();
                        let numeric = matches!(
                            d.ty,
                            TypeSpec::Int
                                | TypeSpec::UnsignedInt
                                | TypeSpec::Hyper
                                | TypeSpec::UnsignedHyper
                        ) && d.shape == Shape::Scalar;
                        let suffix = if numeric {
                            unit_suffix(&d.name, &info)
                        } else {
                            ""
                        };
                        let pname = format_ident!("{}{}", snake(&d.name), suffix);
                        params.push(quote!(#pname: #ty));
                        quote!(#pname)
                    }
                };
                inits.push(quote!(#fid: #init));
            }
            let args_expr = if proc.args.is_some() {
                quote!(#args_path { #(#inits),* })
            } else {
                quote!(())
            };
            let wants_fds = matches!(proc.fds, "Call" | "Both");
            let gives_fds = matches!(proc.fds, "Reply" | "Both");
            let stream = proc.stream != "None";
            let ct = m.call_trait();
            let client_ty = &m.client;
            let fd_ty = quote!(<#client_ty as #ct>::Fd);
            let stream_ty = quote!(<#client_ty as #ct>::Stream);
            if wants_fds {
                params.push(quote!(fds: Vec<#fd_ty>));
            }
            let await_ = if m.is_async { quote!(.await) } else { quote!() };
            let call = if stream {
                quote!(#ct::call_stream::<#mident::procedures::#pident>(#client, args)#await_?)
            } else if wants_fds || gives_fds {
                let fds = if wants_fds {
                    quote!(fds)
                } else {
                    quote!(Vec::new())
                };
                quote!(#ct::call_with_fds::<#mident::procedures::#pident>(#client, args, #fds)#await_?)
            } else {
                quote!(#ct::call::<#mident::procedures::#pident>(#client, args)#await_?)
            };
            let (value_ty, value_expr) = match &ret_conv {
                Some(c) => {
                    let e = &c.expr;
                    let e = if c.fallible { quote!(#e?) } else { e.clone() };
                    (c.ty.clone(), e)
                }
                None => (quote!(()), quote!(())),
            };
            let value_ty = value_ty
                .to_string()
                .replace("MODE", &quote!(#ctor<#client_ty>).to_string());
            let value_ty: TokenStream = value_ty.parse().map_err(|_| GenError {
                message: "bad type".into(),
            })?;
            let value_expr = value_expr.to_string().replace("MODE", &mk_mode.to_string());
            let value_expr: TokenStream = value_expr.parse().map_err(|_| GenError {
                message: "bad expr".into(),
            })?;
            let unit = ret_conv.is_none();
            let (out_ty, body_end) = if stream {
                if unit {
                    (
                        stream_ty.clone(),
                        quote!(let (_, stream) = #call; Ok(stream)),
                    )
                } else {
                    (
                        quote!((#value_ty, #stream_ty)),
                        quote!(let (v, stream) = #call; Ok((#value_expr, stream))),
                    )
                }
            } else if gives_fds {
                if unit {
                    (quote!(Vec<#fd_ty>), quote!(let (_, fds) = #call; Ok(fds)))
                } else {
                    (
                        quote!((#value_ty, Vec<#fd_ty>)),
                        quote!(let (v, fds) = #call; Ok((#value_expr, fds))),
                    )
                }
            } else if wants_fds {
                if unit {
                    (value_ty.clone(), quote!(#call; Ok(())))
                } else {
                    (
                        value_ty.clone(),
                        quote!(let (v, _) = #call; Ok(#value_expr)),
                    )
                }
            } else if unit {
                (value_ty.clone(), quote!(#call; Ok(())))
            } else {
                (value_ty.clone(), quote!(let v = #call; Ok(#value_expr)))
            };
            let err_ty = quote!(<#client_ty as #ct>::Error);
            let where_ = if fallible {
                quote!(where #err_ty: From<Error>)
            } else {
                quote!()
            };
            let body = quote! {
                let args = #args_expr;
                #body_end
            };
            let tokens = match (owner, m.is_async) {
                (Owner::Connection, true) => quote! {
                    #doc
                    fn #fname(&self, #(#params),*) -> impl Future<Output = Result<#out_ty, #err_ty>> + Send #where_ {
                        async move { #body }
                    }
                },
                (Owner::Connection, false) => quote! {
                    #doc
                    fn #fname(&self, #(#params),*) -> Result<#out_ty, #err_ty> #where_ { #body }
                },
                (
                    Owner::Object {
                        receiver: Receiver::Own,
                        ..
                    },
                    true,
                ) => quote! {
                    #doc
                    pub async fn #fname(&self, #(#params),*) -> Result<#out_ty, #err_ty> #where_ { #body }
                },
                (
                    Owner::Object {
                        receiver: Receiver::Own,
                        ..
                    },
                    false,
                ) => quote! {
                    #doc
                    pub fn #fname(&self, #(#params),*) -> Result<#out_ty, #err_ty> #where_ { #body }
                },
                (Owner::Object { .. }, true) => quote! {
                    #doc
                    pub async fn #fname(#(#params),*) -> Result<#out_ty, #err_ty> #where_ { #body }
                },
                (Owner::Object { .. }, false) => quote! {
                    #doc
                    pub fn #fname(#(#params),*) -> Result<#out_ty, #err_ty> #where_ { #body }
                },
            };
            if m.is_async {
                out.async_fn = tokens;
            } else {
                out.blocking_fn = tokens;
            }
        }
        Ok(out)
    }

    /// What a function returns, made from the wire ret `v`; `None` when
    /// it returns nothing.
    fn ret_conv(
        &self,
        f: &Function,
        module: &str,
        rets: &[Declaration],
        ret_name: Option<&str>,
        extra: &mut TokenStream,
    ) -> Result<Option<Conv>, GenError> {
        // `virConnectListAll*` and kin return the objects and their count:
        // the list says the count.
        let kept: Vec<Declaration>;
        let rets = if rets.len() == 2
            && let Some(i) = rets.iter().position(|d| {
                matches!(d.name.as_str(), "ret" | "nparams") && d.shape == Shape::Scalar
            })
            && matches!(rets[1 - i].shape, Shape::Variable(_))
        {
            kept = vec![rets[1 - i].clone()];
            &kept[..]
        } else {
            rets
        };
        match rets {
            [] => Ok(None),
            [d] => {
                let fid = generate::field_ident(&d.name);
                let c = self.value_conv(f, d, module, quote!(v.#fid))?;
                Ok(Some(c))
            }
            _ => {
                let name = ret_name.unwrap_or_default();
                let e = self.ctx.entry(name)?;
                let raw = format_ident!("{}", e.rust);
                let mident = format_ident!("{}", module);
                // A C struct the function fills, whose fields the wire
                // fields are.
                let c_struct = f.args.iter().find_map(|a| {
                    let s = a.ty.strip_suffix("Ptr")?;
                    let fields = self.structs.get(s)?;
                    rets.iter()
                        .all(|d| fields.iter().any(|(n, _, _)| squash(n) == squash(&d.name)))
                        .then_some((s, fields))
                });
                let (sname, infos): (String, HashMap<String, String>) = match c_struct {
                    Some((s, fields)) => (
                        s.strip_prefix("vir").unwrap_or(s).to_owned(),
                        fields
                            .iter()
                            .map(|(n, _, i)| (squash(n), i.clone()))
                            .collect(),
                    ),
                    None => (
                        format!(
                            "{}Reply",
                            camel_of(f.name.strip_prefix("vir").unwrap_or(&f.name))
                        ),
                        f.args
                            .iter()
                            .map(|a| (squash(&a.name), a.info.clone()))
                            .collect(),
                    ),
                };
                // Handles in a multi-field result would need the mode: keep
                // the wire struct.
                if rets.iter().any(|d| {
                    matches!(
                        self.use_of(f, d, module, true),
                        Ok(Use::Object(_) | Use::OptObject(_) | Use::Objects(_))
                    )
                }) {
                    return Ok(Some(Conv {
                        ty: quote!(#mident::#raw),
                        expr: quote!(v),
                        fallible: false,
                    }));
                }
                let sident = format_ident!("{}", sname);
                let mut fields = Vec::new();
                let mut inits = Vec::new();
                let mut fallible = false;
                for d in rets {
                    let info = infos.get(&squash(&d.name)).cloned().unwrap_or_default();
                    let fid = generate::field_ident(&d.name);
                    let mut c = self.value_conv(f, d, module, quote!(v.#fid))?;
                    if let Some(e) = self.enum_named(&info)
                        && matches!(
                            d.ty,
                            TypeSpec::Int
                                | TypeSpec::UnsignedInt
                                | TypeSpec::UnsignedChar
                                | TypeSpec::Char
                        )
                    {
                        let ty = format_ident!("{}", e);
                        c = Conv {
                            ty: quote!(Open<#ty>),
                            expr: quote!(Open::from_raw(v.#fid)),
                            fallible: false,
                        };
                    }
                    let rust = format!("{}{}", snake(&d.name), unit_suffix(&d.name, &info));
                    let rid = generate::field_ident(&rust);
                    let ty = &c.ty;
                    let expr = &c.expr;
                    let fdoc = clean(&info);
                    let fdoc = if fdoc.is_empty() {
                        format!("`{}`", d.name)
                    } else {
                        fdoc
                    };
                    fields.push(quote!(#[doc = #fdoc] pub #rid: #ty));
                    if c.fallible {
                        fallible = true;
                        inits.push(quote!(#rid: #expr?));
                    } else {
                        inits.push(quote!(#rid: #expr));
                    }
                }
                let sdoc = format!("What `{}` returns.", f.name);
                if !self.emitted_struct(&sname) {
                    extra.extend(quote! {
                        #[doc = #sdoc]
                        #[derive(Clone, Debug, PartialEq)]
                        #[non_exhaustive]
                        pub struct #sident { #(#fields),* }
                    });
                }
                let _ = raw;
                Ok(Some(if fallible {
                    Conv {
                        ty: quote!(#sident),
                        expr: quote!(Ok::<_, Error>(#sident { #(#inits),* })),
                        fallible: true,
                    }
                } else {
                    Conv {
                        ty: quote!(#sident),
                        expr: quote!(#sident { #(#inits),* }),
                        fallible: false,
                    }
                }))
            }
        }
    }

    /// Whether a result struct of this name was emitted already (two
    /// functions can fill the same C struct); records it.
    fn emitted_struct(&self, name: &str) -> bool {
        thread_local! {
            static SEEN: std::cell::RefCell<BTreeSet<String>> = const { std::cell::RefCell::new(BTreeSet::new()) };
        }
        SEEN.with(|s| !s.borrow_mut().insert(name.to_owned()))
    }

    /// One returned wire value `v` as its typed value.
    fn value_conv(
        &self,
        f: &Function,
        d: &Declaration,
        module: &str,
        v: TokenStream,
    ) -> Result<Conv, GenError> {
        let plain = |ty: TokenStream, expr: TokenStream| Conv {
            ty,
            expr,
            fallible: false,
        };
        Ok(match self.use_of(f, d, module, true)? {
            Use::Object(i) => {
                let h = format_ident!("{}", OBJECTS[i].rust);
                plain(quote!(#h<MODE>), quote!(#h::from_raw(MODE, #v)))
            }
            Use::OptObject(i) => {
                let h = format_ident!("{}", OBJECTS[i].rust);
                plain(
                    quote!(Option<#h<MODE>>),
                    quote!(#v.map(|raw| #h::from_raw(MODE, raw))),
                )
            }
            Use::Objects(i) => {
                let h = format_ident!("{}", OBJECTS[i].rust);
                plain(
                    quote!(Vec<#h<MODE>>),
                    quote!({ let mode = MODE; #v.into_iter().map(|raw| #h::from_raw(mode.clone(), raw)).collect() }),
                )
            }
            Use::Str => plain(quote!(String), quote!(text(#v))),
            Use::OptStr => plain(quote!(Option<String>), quote!(#v.map(text))),
            Use::Strings => plain(
                quote!(Vec<String>),
                quote!(#v.into_iter().map(text).collect()),
            ),
            Use::Uuid => plain(quote!(Uuid), quote!(Uuid::from_bytes(#v))),
            Use::Enum(e) => {
                let ty = format_ident!("{}", e);
                plain(quote!(Open<#ty>), quote!(Open::from_raw(#v)))
            }
            Use::Bool => plain(quote!(bool), quote!(#v != 0)),
            Use::Params => {
                let (set, _) = self.param_set(f, module);
                if f.name == "virDomainGetCPUStats" {
                    // `nparams` values for each CPU, one list after another.
                    Conv {
                        ty: quote!(Vec<#set>),
                        expr: quote!({
                            let per_cpu = usize::try_from(v.nparams).unwrap_or(0).max(1);
                            let mut cpus = Vec::new();
                            let mut all = #v.into_iter();
                            loop {
                                let chunk: Vec<_> = all.by_ref().take(per_cpu).collect();
                                if chunk.is_empty() {
                                    break;
                                }
                                match crate::params::read_set(chunk) {
                                    Ok(c) => cpus.push(c),
                                    Err(e) => return Err(Error::from(e).into()),
                                }
                            }
                            Ok::<_, Error>(cpus)
                        }),
                        fallible: true,
                    }
                } else {
                    Conv {
                        ty: set.clone(),
                        expr: quote!(crate::params::read_set::<#set, _>(#v).map_err(Error::from)),
                        fallible: true,
                    }
                }
            }
            Use::Plain(ty) if ty.to_string().contains("DomainStatsRecord") => Conv {
                ty: quote!(DomainStatsRecords<MODE>),
                expr: quote!({
                    // Each record is read where it stays, in the list: a
                    // record is large, and moving it costs more than reading
                    // it. The empty records are made in the list itself.
                    let mode = MODE;
                    let records = #v;
                    let mut lists = Vec::with_capacity(records.len());
                    let mut out: Vec<_> = records
                        .into_iter()
                        .map(|r| {
                            lists.push(r.params);
                            (Domain::from_raw(mode.clone(), r.dom), crate::params::DomainStats::default())
                        })
                        .collect();
                    let read = out
                        .iter_mut()
                        .zip(lists)
                        .try_for_each(|((_, stats), list)| crate::params::read_set_into(stats, list));
                    read.map(|()| out).map_err(Error::from)
                }),
                fallible: true,
            },
            Use::Plain(ty) if ty.to_string().contains("NodeGet") => {
                let (set, _) = self.param_set(f, module);
                Conv {
                    ty: set.clone(),
                    expr: quote!(crate::params::read_set::<#set, _>(#v).map_err(Error::from)),
                    fallible: true,
                }
            }
            Use::Flags(_) | Use::Implicit(_) | Use::FlagSet(_) | Use::NoObjects => {
                plain(quote!(u32), v)
            }
            Use::Plain(ty) => plain(ty, v),
        })
    }

    /// A handle's definition.
    fn handle(&self, o: &Object) -> Result<TokenStream, GenError> {
        let h = format_ident!("{}", o.rust);
        let module = format_ident!(
            "{}",
            if o.wire.starts_with("admin") {
                "admin"
            } else {
                "remote"
            }
        );
        let raw = format_ident!("{}", self.ctx.entry(o.wire)?.rust);
        let doc = format!(
            "{} Bound to its connection, cheap to clone (the client is shared; the wire form, a name and a UUID or key, is copied), equal and hashed by its {}.\n\n\
             Its methods are libvirt's `{}*` functions: async in the [`Async`] mode, blocking in the [`Blocking`] one.",
            o.doc,
            o.identity.join(" and "),
            o.c
        );
        let ids: Vec<TokenStream> = o
            .identity
            .iter()
            .map(|p| {
                let parts = p.split('.').map(|s| format_ident!("{}", snake(s)));
                quote!(self.raw.#(#parts).*)
            })
            .collect();
        let ids_other: Vec<TokenStream> = o
            .identity
            .iter()
            .map(|p| {
                let parts = p.split('.').map(|s| format_ident!("{}", snake(s)));
                quote!(other.raw.#(#parts).*)
            })
            .collect();
        let mut accessors = TokenStream::new();
        for (name, field, kind, aliases) in o.accessors {
            let n = format_ident!("{}", name);
            let fid = format_ident!("{}", field);
            let doc = match kind {
                Accessor::Str => format!("Its `{field}`, read locally (no call)."),
                Accessor::Uuid => "Its UUID, read locally (no call).".to_owned(),
                Accessor::DomainId => {
                    "Its id while it runs; `None` when it is inactive. Read locally (no call)."
                        .to_owned()
                }
                Accessor::Int => format!("Its `{field}`, read locally (no call)."),
                Accessor::Parent(_) => "Its parent's handle, on the same connection.".to_owned(),
            };
            let body = match kind {
                Accessor::Str => {
                    quote!(pub fn #n(&self) -> alloc::borrow::Cow<'_, str> { self.raw.#fid.to_str_lossy() })
                }
                Accessor::Uuid => {
                    quote!(pub fn #n(&self) -> Uuid { Uuid::from_bytes(self.raw.#fid) })
                }
                Accessor::DomainId => {
                    quote!(pub fn #n(&self) -> Option<u32> { u32::try_from(self.raw.#fid).ok() })
                }
                Accessor::Int => {
                    let d = self.wire_field_type(o.wire, field)?;
                    quote!(pub fn #n(&self) -> #d { self.raw.#fid })
                }
                Accessor::Parent(p) => {
                    let p = format_ident!("{}", p);
                    quote!(pub fn #n(&self) -> #p<M> where M: Clone { #p::from_raw(self.mode.clone(), self.raw.#fid.clone()) })
                }
            };
            accessors.extend(quote! {
                #[doc = #doc]
                #(#[doc(alias = #aliases)])*
                #body
            });
        }
        Ok(quote! {
            #[doc = #doc]
            pub struct #h<M> {
                mode: M,
                raw: #module::#raw,
            }

            impl<M> #h<M> {
                /// A handle from its wire form, on the connection `mode` holds.
                pub fn from_raw(mode: M, raw: #module::#raw) -> Self {
                    #h { mode, raw }
                }

                /// Its wire form, for the raw procedures.
                pub fn raw(&self) -> &#module::#raw {
                    &self.raw
                }

                /// The mode it calls through, with the client.
                pub fn mode(&self) -> &M {
                    &self.mode
                }

                #accessors
            }

            impl<M: Clone> Clone for #h<M> {
                fn clone(&self) -> Self {
                    #h { mode: self.mode.clone(), raw: self.raw.clone() }
                }
            }

            impl<M> core::fmt::Debug for #h<M> {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.debug_tuple(stringify!(#h)).field(&self.raw).finish()
                }
            }

            impl<M> PartialEq for #h<M> {
                fn eq(&self, other: &Self) -> bool {
                    #(#ids == #ids_other)&&*
                }
            }

            impl<M> Eq for #h<M> {}

            impl<M> core::hash::Hash for #h<M> {
                fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
                    #(#ids.hash(state);)*
                }
            }
        })
    }

    /// The Rust type of a wire struct's field.
    fn wire_field_type(&self, wire: &str, field: &str) -> Result<TokenStream, GenError> {
        let fields = self.fields(Some(wire))?;
        let d = fields
            .iter()
            .find(|d| snake(&d.name) == field)
            .ok_or_else(|| GenError {
                message: format!("{wire} has no field {field}"),
            })?;
        Ok(self.ctx.field_type(d, "remote")?.ty)
    }

    /// `RawEnum` for every plain enum, for `Open::from_raw`.
    fn raw_enums(&self) -> TokenStream {
        let names = self
            .headers
            .enums
            .iter()
            .filter(|e| e.kind == EnumKind::Enum)
            .map(|e| format_ident!("{}", e.rust_name));
        quote! {
            #(impl crate::open::RawEnum for #names {
                fn from_raw_i64(raw: i64) -> Option<Self> {
                    i32::try_from(raw).ok().and_then(Self::from_raw)
                }
            })*
        }
    }
}

/// `handle_aliases!(Async, Client)`: the adapters' names for the handles
/// in their mode.
fn aliases_macro() -> TokenStream {
    let names: Vec<Ident> = OBJECTS
        .iter()
        .map(|o| format_ident!("{}", o.rust))
        .collect();
    let docs: Vec<String> = OBJECTS
        .iter()
        .map(|o| {
            format!(
                "{} Its methods are those of `libvirt_api::{}`.",
                o.doc, o.rust
            )
        })
        .collect();
    quote! {
        /// Declares the handle types of one mode and client under their own
        /// names: `handle_aliases!(Async, libvirt_client::Client)` declares
        /// `pub type Domain = libvirt_api::Domain<libvirt_api::Async<libvirt_client::Client>>;`
        /// and the same for every handle. The adapters use it.
        #[macro_export]
        macro_rules! handle_aliases {
            ($mode:ident, $client:ty) => {
                #(
                    #[doc = #docs]
                    pub type #names = $crate::#names<$crate::$mode<$client>>;
                )*
            };
        }
    }
}

/// A handle's two impl blocks.
fn handle_impls(o: &Object, fns: &[Emitted]) -> TokenStream {
    let h = format_ident!("{}", o.rust);
    let asyncs = fns.iter().map(|e| &e.async_fn);
    let blockings = fns.iter().map(|e| &e.blocking_fn);
    quote! {
        impl<C: AsyncCall + Clone + Send + Sync> #h<Async<C>> {
            #(#asyncs)*
        }
        impl<C: BlockingCall + Clone> #h<Blocking<C>> {
            #(#blockings)*
        }
    }
}

/// A program's two connection traits.
fn connection_traits(name: &str, fns: &[Emitted]) -> TokenStream {
    let a = format_ident!("{}", name);
    let b = format_ident!("{}", name.replace("Api", "BlockingApi"));
    let asyncs = fns.iter().map(|e| &e.async_fn);
    let blockings = fns.iter().map(|e| &e.blocking_fn);
    let adoc = "The typed connection-level calls, async: implemented for every `AsyncCall` client. \
                Lookups of objects are associated functions of their handles.";
    let bdoc =
        "The typed connection-level calls, blocking: implemented for every `BlockingCall` client.";
    quote! {
        #[doc = #adoc]
        pub trait #a: AsyncCall + Clone + Send + Sized {
            #(#asyncs)*
        }
        impl<T: AsyncCall + Clone + Send> #a for T {}

        #[doc = #bdoc]
        pub trait #b: BlockingCall + Clone + Sized {
            #(#blockings)*
        }
        impl<T: BlockingCall + Clone> #b for T {}
    }
}

/// The coverage counts, per API description.
fn coverage(apis: &[Api], exposure: &[(String, String, Exposure)]) -> TokenStream {
    let rows = apis.iter().map(|a| {
        let name = &a.name;
        let functions = a.functions.len();
        let typed = exposure
            .iter()
            .filter(|(api, _, e)| api == name && matches!(e, Exposure::Method { .. }))
            .count();
        let left = functions - typed;
        quote!(crate::Coverage { api: #name, functions: #functions, typed: #typed, client_side: #left })
    });
    let table: Vec<String> = exposure
        .iter()
        .map(|(api, f, e)| match e {
            Exposure::Method { owner, name } => format!("{api}\t{f}\t{owner}::{name}"),
            Exposure::Left(why) => format!("{api}\t{f}\t-\t{why}"),
        })
        .collect();
    let table = table.join("\n");
    quote! {
        /// How much of each API description the typed layer covers.
        pub const COVERAGE: &[crate::Coverage] = &[#(#rows),*];

        /// Every public C function and what it is here, a line each:
        /// `api<TAB>function<TAB>Type::method`, or `api<TAB>function<TAB>-<TAB>why not`.
        pub const EXPOSURE: &str = #table;
    }
}

/// A field's unit, from its documentation, as a name suffix (`_kib`): the
/// text must say "in <unit>" ("the memory in KBytes", "CPU time in
/// nanoseconds"), and the name must not already say it.
fn unit_suffix(name: &str, info: &str) -> &'static str {
    const UNITS: &[(&[&str], &str)] = &[
        (&["kbytes", "kib", "kibibytes", "kilobytes", "kb"], "_kib"),
        (&["mib", "mebibytes", "megabytes"], "_mib"),
        (&["bytes"], "_bytes"),
        (&["nanoseconds", "ns"], "_ns"),
        (&["microseconds", "us"], "_us"),
        (&["milliseconds", "ms"], "_ms"),
        (&["seconds"], "_secs"),
    ];
    let text = info.to_ascii_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let lname = name.to_ascii_lowercase();
    if [
        "second", "secs", "time", "kib", "bytes", "len", "map", "type",
    ]
    .iter()
    .any(|w| lname.contains(w))
        && !lname.ends_with("time")
    {
        return "";
    }
    if text.contains("in mib/s") {
        return "_mib_per_sec";
    }
    for pair in words.windows(2) {
        if pair[0] != "in" {
            continue;
        }
        if let Some((_, suffix)) = UNITS.iter().find(|(ws, _)| ws.contains(&pair[1])) {
            return suffix;
        }
    }
    ""
}

/// `DomainGetState` from `DomainGetState` (already camel), keeping it.
fn camel_of(s: &str) -> String {
    camel(&snake(s))
}

/// `maxMem` as `maxmem`, `nr_virt_cpu` as `nrvirtcpu`.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// libvirt's documentation text made safe for rustdoc: no indented code
/// blocks, no brackets or angle brackets read as links or HTML.
fn clean(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if !out.is_empty() {
            out.push('\n');
        }
        let words: Vec<String> = line
            .trim()
            .split(' ')
            .map(|w| {
                if w.starts_with("http://") || w.starts_with("https://") {
                    // A link, kept whole; trailing punctuation stays outside.
                    let url = w.trim_end_matches(['.', ',', ')', ';']);
                    format!("<{url}>{}", &w[url.len()..])
                } else {
                    generate::rustdoc_escape(w)
                }
            })
            .collect();
        out.push_str(&words.join(" "));
    }
    out
}

/// A typed method's documentation: libvirt's text, its arguments and
/// result, and the C name as an alias.
fn doc_attrs(f: &Function, procedure: &str) -> TokenStream {
    let mut doc = clean(&f.info);
    let _ = write!(
        doc,
        "\n\nC: `{}` (since libvirt {}); procedure `{procedure}`.",
        f.name, f.version
    );
    let args: Vec<String> = f
        .args
        .iter()
        .skip(1)
        .filter(|a| !a.info.is_empty())
        .map(|a| format!("- `{}`: {}", a.name, clean(&a.info).replace('\n', " ")))
        .collect();
    if !args.is_empty() {
        let _ = write!(doc, "\n\nArguments in C:\n\n{}", args.join("\n"));
    }
    if let Some(r) = &f.ret
        && !r.info.is_empty()
    {
        let _ = write!(
            doc,
            "\n\nReturns in C: {}",
            clean(&r.info).replace('\n', " ")
        );
    }
    let alias = &f.name;
    quote! {
        #[doc = #doc]
        #[doc(alias = #alias)]
    }
}
