//! libvirt's API description: `libvirt-api.xml` and the qemu, lxc and
//! admin ones (`proto/api/`), as libvirt's `scripts/apibuild.py` writes
//! them. Every public C function with its arguments, their C types and
//! documentation, and its return value.
//!
//! [`parse`] reads a file; [`backing`] says how each function is served
//! over the wire: by the remote procedure its name maps to, by a named
//! procedure, by several, or on the client side with no procedure at all.
//! The typed layer is generated from this join, so a function that no rule
//! covers is a build error, not a silent gap.

use std::collections::BTreeSet;
use std::fmt;

/// One API description file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Api {
    /// The `<api name='...'>` attribute: `libvirt`, `libvirt-qemu`,
    /// `libvirt-lxc` or `libvirt-admin`.
    pub name: String,
    /// The public functions, in file order.
    pub functions: Vec<Function>,
    /// The C enum types its `<enum>` values belong to (`virDomainXMLFlags`).
    pub enum_types: BTreeSet<String>,
    /// The macros that name a typed parameter field (`string='weight'`).
    pub params: Vec<ParamMacro>,
}

/// A macro that names a field of a typed parameter list:
/// `VIR_DOMAIN_BLKIO_WEIGHT` is `"weight"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamMacro {
    /// The macro (`VIR_DOMAIN_BLOCK_STATS_READ_REQ`).
    pub name: String,
    /// The field's name on the wire (`rd_operations`).
    pub field: String,
    /// Its documentation.
    pub info: String,
}

/// The value types of typed parameters (`virTypedParameterType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamType {
    /// `int`
    Int,
    /// `unsigned int`
    UInt,
    /// `long long`
    LLong,
    /// `unsigned long long`
    ULLong,
    /// `double`
    Double,
    /// `boolean`
    Boolean,
    /// `string`
    String,
}

impl ParamMacro {
    /// The value types the documentation gives: "as an llong", "as a
    /// uint", "VIR_TYPED_PARAM_ULLONG". Empty when it names none, two when
    /// it names two (libvirt's texts are not always sure).
    pub fn types(&self) -> BTreeSet<ParamType> {
        let text = self.info.to_ascii_lowercase();
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        let word_type = |w: &str| {
            Some(match w {
                "int" => ParamType::Int,
                "uint" => ParamType::UInt,
                "llong" => ParamType::LLong,
                "ullong" => ParamType::ULLong,
                "double" => ParamType::Double,
                "boolean" | "bool" => ParamType::Boolean,
                "string" => ParamType::String,
                _ => return None,
            })
        };
        let mut found = BTreeSet::new();
        for (i, w) in words.iter().enumerate() {
            // "as an llong", "as a uint", "as unsigned long long".
            if *w == "as" {
                let mut rest = &words[i + 1..];
                if let Some(("a" | "an", tail)) = rest.split_first().map(|(h, t)| (*h, t)) {
                    rest = tail;
                }
                let ty = match rest {
                    ["unsigned", "long", "long", ..] => Some(ParamType::ULLong),
                    ["long", "long", ..] => Some(ParamType::LLong),
                    ["unsigned", "int", ..] => Some(ParamType::UInt),
                    [w, ..] => word_type(w),
                    [] => None,
                };
                found.extend(ty);
            }
            // VIR_TYPED_PARAM_ULLONG, VIR_TYPED_PARAMS_STRING.
            for prefix in ["vir_typed_param_", "vir_typed_params_"] {
                if let Some(t) = w.strip_prefix(prefix) {
                    found.extend(word_type(t));
                }
            }
        }
        found
    }
}

/// A public C function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// The C name (`virDomainGetInfo`).
    pub name: String,
    /// The header it is declared in, without `.h` (`libvirt-domain`).
    pub file: String,
    /// The libvirt version that added it (`0.0.3`).
    pub version: String,
    /// Its documentation.
    pub info: String,
    /// The return type and what the value means; `None` for `void`.
    pub ret: Option<Arg>,
    /// The arguments in C order.
    pub args: Vec<Arg>,
}

/// An argument or return value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The argument's name (empty for a return value).
    pub name: String,
    /// The C type, as written (`virDomainPtr`, `unsigned int`).
    pub ty: String,
    /// Its documentation.
    pub info: String,
}

/// A file that is not an API description libvirt-rs can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ApiError {}

/// Reads an API description; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Api, ApiError> {
    let err = |message: String| ApiError {
        file: file.to_owned(),
        message,
    };
    let doc = roxmltree::Document::parse(text).map_err(|e| err(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "api" {
        return Err(err(format!(
            "the root element is <{}>, not <api>",
            root.tag_name().name()
        )));
    }
    let name = root
        .attribute("name")
        .ok_or_else(|| err("<api> has no name".into()))?
        .to_owned();
    let text_of = |node: roxmltree::Node<'_, '_>, child: &str| {
        node.children()
            .find(|c| c.has_tag_name(child))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_owned()
    };
    let mut functions = Vec::new();
    for node in root.descendants().filter(|n| n.has_tag_name("function")) {
        let attr = |a: &str| {
            node.attribute(a)
                .map(str::to_owned)
                .ok_or_else(|| err(format!("a <function> without {a}")))
        };
        let arg = |n: roxmltree::Node<'_, '_>| Arg {
            name: n.attribute("name").unwrap_or_default().to_owned(),
            ty: n.attribute("type").unwrap_or_default().to_owned(),
            info: n.attribute("info").unwrap_or_default().to_owned(),
        };
        let ret = node
            .children()
            .find(|c| c.has_tag_name("return"))
            .map(arg)
            .filter(|r| r.ty != "void");
        functions.push(Function {
            name: attr("name")?,
            file: attr("file")?,
            version: node.attribute("version").unwrap_or_default().to_owned(),
            info: text_of(node, "info"),
            ret,
            args: node
                .children()
                .filter(|c| c.has_tag_name("arg"))
                .map(arg)
                .collect(),
        });
    }
    let enum_types = root
        .descendants()
        .filter(|n| n.has_tag_name("enum"))
        .filter_map(|n| n.attribute("type"))
        .map(str::to_owned)
        .collect();
    let params = root
        .descendants()
        .filter(|n| n.has_tag_name("macro"))
        .filter_map(|n| {
            Some(ParamMacro {
                name: n.attribute("name")?.to_owned(),
                field: n.attribute("string")?.to_owned(),
                info: text_of(n, "info"),
            })
        })
        .collect();
    Ok(Api {
        name,
        functions,
        enum_types,
        params,
    })
}

/// What a function's `flags` argument takes, as its documentation says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flags {
    /// A bitwise-OR of the values of these C enum types (one, or two such
    /// as `virDomainModificationImpact` and `virTypedParameterFlags`).
    Typed(Vec<String>),
    /// "Not used yet": callers pass 0. A typed method leaves it out.
    Unused,
}

/// `flags` arguments whose documentation does not say in the words
/// [`flags`] reads: (function, what it takes, why).
pub const FLAGS_OVERRIDES: &[(&str, Option<&str>, &str)] = &[
    (
        "virInterfaceGetXMLDesc",
        Some("virInterfaceXMLFlags"),
        "its text names the flag values, not their type",
    ),
    (
        "virAdmConnectDaemonShutdown",
        Some("virAdmConnectDaemonShutdownFlags"),
        "\"optional extra falgs\": the type exists",
    ),
    (
        "virDomainQemuAgentCommand",
        None,
        "\"execution flags\": none are defined, callers pass 0",
    ),
];

/// How libvirt's documentation says that a `flags` argument is not used.
const UNUSED_PHRASES: &[&str] = &[
    "not used yet",
    "currently unused",
    // Two texts say "currently used" where they mean unused.
    "currently used, set to 0",
    "future flags, use 0 for now",
    "should pass 0",
    "shall pass 0",
    "should always pass 0",
    "pass zero",
    "set to 0",
];

/// What `function`'s `flags` argument takes, given the enum types of the
/// API description ([`Api::enum_types`] of every file); `None` if it has
/// no `flags` argument, or if its text says neither and no override does.
pub fn flags(function: &Function, enum_types: &BTreeSet<String>) -> Option<Flags> {
    let arg = function.args.iter().find(|a| a.name == "flags")?;
    if let Some(&(_, ty, _)) = FLAGS_OVERRIDES.iter().find(|o| o.0 == function.name) {
        return Some(match ty {
            Some(ty) => Flags::Typed(vec![ty.to_owned()]),
            None => Flags::Unused,
        });
    }
    let mut named: Vec<String> = Vec::new();
    for word in arg
        .info
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("vir") && w[3..].starts_with(|c: char| c.is_ascii_uppercase()))
    {
        if enum_types.contains(word) && !named.iter().any(|n| n == word) {
            named.push(word.to_owned());
        }
    }
    if !named.is_empty() {
        return Some(Flags::Typed(named));
    }
    let text = arg.info.to_ascii_lowercase();
    UNUSED_PHRASES
        .iter()
        .any(|p| text.contains(p))
        .then_some(Flags::Unused)
}

/// How a C function is served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backing {
    /// By the procedure its name maps to: `vir<X>` to `<PROGRAM>_PROC_<X>`,
    /// compared without case and underscores (the program's own word is
    /// dropped first: `virDomainQemuMonitorCommand` is
    /// `QEMU_PROC_DOMAIN_MONITOR_COMMAND`, `virAdmServerGetClientLimits`
    /// is `ADMIN_PROC_SERVER_GET_CLIENT_LIMITS`).
    Procedure(String),
    /// By a procedure of another name ([`PROCEDURE_OVERRIDES`]).
    Mapped {
        /// The procedure's constant (`REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID`).
        procedure: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// By a sequence of procedures that the client drives.
    Composite(&'static str),
    /// On the client side, with no procedure: why, and what serves it.
    ClientSide(&'static str),
}

/// The procedure constants' prefix of the program an API file describes.
pub fn program_prefix(api: &str) -> Option<&'static str> {
    Some(match api {
        "libvirt" => "REMOTE_PROC_",
        "libvirt-qemu" => "QEMU_PROC_",
        "libvirt-lxc" => "LXC_PROC_",
        "libvirt-admin" => "ADMIN_PROC_",
        _ => return None,
    })
}

/// Functions served by a procedure of another name.
pub const PROCEDURE_OVERRIDES: &[(&str, &str, &str)] = &[
    (
        "virConnectOpenAuth",
        "REMOTE_PROC_CONNECT_OPEN",
        "an open with credentials: the open sequence",
    ),
    (
        "virConnectOpenReadOnly",
        "REMOTE_PROC_CONNECT_OPEN",
        "an open with VIR_CONNECT_RO: the open sequence",
    ),
    (
        "virDomainCreateLinux",
        "REMOTE_PROC_DOMAIN_CREATE_XML",
        "the old name of virDomainCreateXML",
    ),
    (
        "virDomainListGetStats",
        "REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS",
        "the stats of the domains given: the all-domains call with a list",
    ),
    (
        "virDomainLookupByUUIDString",
        "REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID",
        "the UUID is parsed on the client",
    ),
    (
        "virNetworkLookupByUUIDString",
        "REMOTE_PROC_NETWORK_LOOKUP_BY_UUID",
        "the UUID is parsed on the client",
    ),
    (
        "virNetworkPortLookupByUUIDString",
        "REMOTE_PROC_NETWORK_PORT_LOOKUP_BY_UUID",
        "the UUID is parsed on the client",
    ),
    (
        "virStoragePoolLookupByUUIDString",
        "REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_UUID",
        "the UUID is parsed on the client",
    ),
    (
        "virSecretLookupByUUIDString",
        "REMOTE_PROC_SECRET_LOOKUP_BY_UUID",
        "the UUID is parsed on the client",
    ),
    (
        "virNWFilterLookupByUUIDString",
        "REMOTE_PROC_NWFILTER_LOOKUP_BY_UUID",
        "the UUID is parsed on the client",
    ),
];

/// A test on a function's name, and what the functions it matches are.
type NameRule = (fn(&str) -> bool, &'static str);

/// What a function that maps to no procedure is, by its name. The first
/// rule that matches wins.
const CLIENT_SIDE: &[NameRule] = &[
    (
        |n| n.starts_with("virDomainMigrate"),
        "migration: several procedures over two connections (libvirt_client::migrate)",
    ),
    (
        |n| n.starts_with("virTypedParams"),
        "typed parameter list helpers: Rust values",
    ),
    (
        |n| n.starts_with("virStream"),
        "streams: the adapters' Stream, carried by the call that opened it",
    ),
    (
        |n| n.starts_with("virEvent"),
        "the event loop: the adapters' runtime",
    ),
    (|n| n.contains("Error"), "error reporting: Rust errors"),
    (
        |n| n.ends_with("Ref") || n.ends_with("Free"),
        "reference counting: Clone and Drop",
    ),
    (
        |n| n.ends_with("GetConnect") || n.ends_with("GetDomain") || n.ends_with("GetNetwork"),
        "the object's parent, which its handle holds",
    ),
    (
        |n| {
            [
                "GetName",
                "GetUUID",
                "GetUUIDString",
                "GetID",
                "GetKey",
                "GetMACString",
                "GetUsageID",
                "GetUsageType",
                "GetFilterName",
                "GetPortDev",
                "GetTimestamp",
                "GetTransport",
                "GetURI",
            ]
            .iter()
            .any(|s| n.ends_with(s))
        },
        "a field of the object's handle, read locally",
    ),
    (
        |n| {
            n.ends_with("IsAlive")
                || n.ends_with("IsEncrypted")
                || n.ends_with("SetKeepAlive")
                || n.ends_with("CloseCallback")
        },
        "the connection's state: the client (closed, transport, keepalive options)",
    ),
    (
        |n| {
            matches!(
                n,
                "virInitialize" | "virAdmInitialize" | "virGetVersion" | "virAdmGetVersion"
            )
        },
        "library set-up and version: nothing to set up",
    ),
    (
        |n| n.starts_with("virDomainLxcEnter"),
        "acts on the calling process (namespaces, cgroups, security labels)",
    ),
];

/// How `function` of the API file `api` is served, given the procedure
/// constants of its program (`REMOTE_PROC_DOMAIN_GET_INFO`, ...); `None`
/// if no rule covers it.
pub fn backing(api: &str, function: &str, procedures: &[&str]) -> Option<Backing> {
    if let Some(&(_, procedure, reason)) =
        PROCEDURE_OVERRIDES.iter().find(|(f, _, _)| *f == function)
    {
        return Some(Backing::Mapped { procedure, reason });
    }
    let prefix = program_prefix(api)?;
    let key = function_key(api, function)?;
    if let Some(p) = procedures.iter().find(|p| {
        p.strip_prefix(prefix)
            .is_some_and(|rest| squash(rest) == key)
    }) {
        return Some(Backing::Procedure((*p).to_owned()));
    }
    CLIENT_SIDE
        .iter()
        .find(|(matches, _)| matches(function))
        .map(|&(_, reason)| match reason {
            r if r.starts_with("migration:") => Backing::Composite(r),
            r => Backing::ClientSide(r),
        })
}

/// A function's name without `vir` (or `virAdm`) and its program's own
/// word, lower case: what a procedure name squashes to.
fn function_key(api: &str, function: &str) -> Option<String> {
    let rest = match api {
        "libvirt-admin" => function.strip_prefix("virAdm")?.to_owned(),
        "libvirt-qemu" => function.strip_prefix("vir")?.replacen("Qemu", "", 1),
        "libvirt-lxc" => function.strip_prefix("vir")?.replacen("Lxc", "", 1),
        _ => function.strip_prefix("vir")?.to_owned(),
    };
    Some(rest.to_ascii_lowercase())
}

/// `DOMAIN_GET_XML_DESC` as `domaingetxmldesc`.
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
