//! Typed events (`libvirt_api::events`), generated from what libvirt says
//! about them, joined:
//!
//! * **Which events there are**: the values of the event-id enums of the
//!   public headers (`virDomainEventID`, `virNetworkEventID`,
//!   `virStoragePoolEventID`, `virNodeDeviceEventID`, `virSecretEventID`),
//!   one typed event per value. Each value's comment names the C callback
//!   type that receives it (`VIR_DOMAIN_EVENT_ID_RTC_CHANGE = 2, /*
//!   virConnectDomainEventRTCChangeCallback */`).
//! * **How it travels**: the event procedure of the protocol files that
//!   carries a callback id, by name: `REMOTE_PROC_DOMAIN_EVENT_CALLBACK_<ID>`
//!   or else `REMOTE_PROC_DOMAIN_EVENT_<ID>`, and its `.x` message (the
//!   message of the older procedure without a callback id, where there is
//!   one, is read too). An id without a procedure is a build error.
//! * **What its fields mean**: the callback's `<functype>` in the API
//!   description, its arguments matched to the message's fields in order
//!   (after the connection, the object, the `opaque` pointer and the
//!   lengths of arrays): the C name (`utcoffset`, where the wire says
//!   `offset`), the documentation, the enum a value is one of ("action that
//!   is to be taken due to watchdog firing (virDomainEventWatchdogAction)")
//!   and the unit ("measured in seconds": `utcoffset_secs`). A field that
//!   does not fit its argument is a build error.
//! * **Lifecycle details**: an `event` that is one of an enum (`virDomainEventType`)
//!   followed by a `detail`, where the headers have a detail enum per event
//!   value by name (`VIR_DOMAIN_EVENT_SUSPENDED` ->
//!   `virDomainEventSuspendedDetailType`), becomes one enum that pairs
//!   them: `DomainLifecycleChange::Suspended(Open<DomainEventSuspendedDetailType>)`.
//!
//! * **Typed parameters**: a `remote_typed_param` list stays as the wire
//!   has it, and where a parameter set of [`crate::params::SETS`] names
//!   the event's procedure, a method reads it as that set
//!   (`DomainJobCompletedEvent::job_stats`).
//!
//! The small tables below say what none of that says: the families and
//! their handles (`FAMILIES`), an argument whose documentation names its
//! enum wrongly (`ENUM_OVERRIDES`), and the words `virsh event` prints
//! (`VIRSH_WORDS`).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ast::{Declaration, DefinitionKind, Shape, TypeSpec};
use crate::generate::{
    self, Context, GenError, PROTOCOL_FILES, ProcKind, ProtocolFile, field_ident, snake,
};
use crate::headers::{CEnum, EnumKind, Headers};

/// The typed events' generated source.
#[derive(Clone, Debug)]
pub struct TypedEvents {
    /// The formatted Rust source.
    pub code: String,
    /// Every input file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// Every typed event.
    pub kinds: Vec<KindRow>,
}

/// One typed event: (Rust type, C event id or procedure, procedure).
pub type KindRow = (String, String, String);

/// A family of events: the objects they are about and how to subscribe.
struct Family {
    /// The types' prefix: `Domain` gives `DomainLifecycleEvent` and the
    /// family enum `DomainEvent`.
    name: &'static str,
    /// The C enum of its event ids; `None` for a family of one kind.
    ids: Option<&'static str>,
    /// For a family of one kind: its procedure and C callback type.
    single: Option<(&'static str, &'static str)>,
    /// The protocol module of its procedures.
    module: &'static str,
    /// What its procedures' names start with.
    proc_prefix: &'static str,
    /// The `.x` type of its object, and the handle that wraps it.
    object: &'static str,
    handle: &'static str,
    /// The `libvirt_core::EventFilter` variant that subscribes to it, and
    /// that variant's object field (also the events' field for the object).
    filter: &'static str,
    field: &'static str,
}

/// The families of events, with their objects' handles.
const FAMILIES: &[Family] = &[
    Family {
        name: "Domain",
        ids: Some("virDomainEventID"),
        single: None,
        module: "remote",
        proc_prefix: "REMOTE_PROC_DOMAIN_EVENT_",
        object: "remote_nonnull_domain",
        handle: "Domain",
        filter: "Domain",
        field: "domain",
    },
    Family {
        name: "Network",
        ids: Some("virNetworkEventID"),
        single: None,
        module: "remote",
        proc_prefix: "REMOTE_PROC_NETWORK_EVENT_",
        object: "remote_nonnull_network",
        handle: "Network",
        filter: "Network",
        field: "network",
    },
    Family {
        name: "StoragePool",
        ids: Some("virStoragePoolEventID"),
        single: None,
        module: "remote",
        proc_prefix: "REMOTE_PROC_STORAGE_POOL_EVENT_",
        object: "remote_nonnull_storage_pool",
        handle: "StoragePool",
        filter: "StoragePool",
        field: "pool",
    },
    Family {
        name: "NodeDevice",
        ids: Some("virNodeDeviceEventID"),
        single: None,
        module: "remote",
        proc_prefix: "REMOTE_PROC_NODE_DEVICE_EVENT_",
        object: "remote_nonnull_node_device",
        handle: "NodeDevice",
        filter: "NodeDevice",
        field: "device",
    },
    Family {
        name: "Secret",
        ids: Some("virSecretEventID"),
        single: None,
        module: "remote",
        proc_prefix: "REMOTE_PROC_SECRET_EVENT_",
        object: "remote_nonnull_secret",
        handle: "Secret",
        filter: "Secret",
        field: "secret",
    },
    Family {
        name: "QemuMonitor",
        ids: None,
        single: Some((
            "QEMU_PROC_DOMAIN_MONITOR_EVENT",
            "virConnectDomainQemuMonitorEventCallback",
        )),
        module: "qemu",
        proc_prefix: "QEMU_PROC_DOMAIN_MONITOR_EVENT",
        object: "remote_nonnull_domain",
        handle: "Domain",
        filter: "QemuMonitor",
        field: "domain",
    },
];

/// Callback arguments whose documentation names their enum wrongly:
/// (callback, argument, the C enum).
const ENUM_OVERRIDES: &[(&str, &str, &str)] = &[
    // "a value from virDomainMetadataTypea"
    (
        "virConnectDomainEventMetadataChangeCallback",
        "type",
        "virDomainMetadataType",
    ),
];

/// The words `virsh event --event lifecycle` prints for the lifecycle
/// events and details (libvirt's `tools/virsh-domain-event.c`), where they
/// are not the value's own name (`VIR_DOMAIN_EVENT_SUSPENDED_PAUSED` is
/// `Paused`). The headers do not have them.
const VIRSH_WORDS: &[(&str, &str)] = &[
    ("VIR_DOMAIN_EVENT_PMSUSPENDED", "PMSuspended"),
    ("VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT", "Snapshot"),
    ("VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT", "Snapshot"),
    ("VIR_DOMAIN_EVENT_STARTED_WAKEUP", "Event wakeup"),
    ("VIR_DOMAIN_EVENT_SUSPENDED_IOERROR", "I/O Error"),
    ("VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT", "Snapshot"),
    ("VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR", "API error"),
    ("VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY", "Post-copy"),
    (
        "VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED",
        "Post-copy Error",
    ),
    ("VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT", "Snapshot"),
    ("VIR_DOMAIN_EVENT_RESUMED_POSTCOPY", "Post-copy"),
    (
        "VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED",
        "Post-copy Error",
    ),
    ("VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT", "Snapshot"),
    ("VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED", "Finished"),
    (
        "VIR_DOMAIN_EVENT_SHUTDOWN_GUEST",
        "Finished after guest request",
    ),
    (
        "VIR_DOMAIN_EVENT_SHUTDOWN_HOST",
        "Finished after host request",
    ),
];

/// A `<functype>` of the API description: a callback's C type.
struct FuncType {
    version: String,
    info: String,
    /// (name, C type, info)
    args: Vec<(String, String, String)>,
}

/// A C struct of the API description: (field, C type, info).
type CStruct = Vec<(String, String, String)>;

/// Reads the vendored `proto/` directory and generates the typed events.
pub fn generate_from_dir(proto: &Path) -> Result<TypedEvents, GenError> {
    let (specs, headers, mut inputs) = generate::load(proto)?;
    let mut functypes = HashMap::new();
    let mut cstructs = HashMap::new();
    for file in ["libvirt-api.xml", "libvirt-qemu-api.xml"] {
        let path = proto.join("api").join(file);
        read_api(&path, &mut functypes, &mut cstructs)?;
        inputs.push(path);
    }
    let ctx = Context::new(PROTOCOL_FILES.iter().zip(&specs), &headers)?;
    let mut procs = HashMap::new();
    let mut xstructs = HashMap::new();
    for (pf, spec) in PROTOCOL_FILES.iter().zip(&specs) {
        for def in &spec.definitions {
            if let DefinitionKind::Struct { name, fields } = &def.kind {
                xstructs.insert(name.as_str(), (pf, fields.as_slice()));
            }
        }
        if let Some(program) = pf.program
            && (program == "remote" || program == "qemu")
        {
            let model = ctx.program_model(pf, spec, program)?;
            for p in model.procs {
                if p.kind == ProcKind::Event {
                    procs.insert(
                        p.cname.to_owned(),
                        EventProc {
                            variant: p.ident,
                            msg: p.args.unwrap_or_default(),
                            callback_id: p.carries_callback_id,
                        },
                    );
                }
            }
        }
    }
    let generator = Gen {
        headers: &headers,
        functypes: &functypes,
        cstructs: &cstructs,
        xstructs: &xstructs,
        procs: &procs,
        nested: BTreeMap::new(),
        kinds: Vec::new(),
    };
    let (tokens, kinds) = generator.all()?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| GenError {
        message: format!("the generated typed events do not parse: {e}"),
    })?;
    let mut code = String::from(
        "// @generated by libvirt-codegen from libvirt's headers, API description and \
         protocol files. Do not edit.\n\n",
    );
    code.push_str(&prettyplease::unparse(&file));
    Ok(TypedEvents {
        code,
        inputs,
        kinds,
    })
}

fn gen_err<T>(message: impl Into<String>) -> Result<T, GenError> {
    Err(GenError {
        message: message.into(),
    })
}

/// The `<functype>`s and `<struct>`s of one API description file.
fn read_api(
    path: &Path,
    functypes: &mut HashMap<String, FuncType>,
    cstructs: &mut HashMap<String, CStruct>,
) -> Result<(), GenError> {
    let text = std::fs::read_to_string(path).map_err(|e| GenError {
        message: format!("{}: {e}", path.display()),
    })?;
    let doc = roxmltree::Document::parse(&text).map_err(|e| GenError {
        message: format!("{}: {e}", path.display()),
    })?;
    let triples = |n: roxmltree::Node<'_, '_>, tag: &str| -> Vec<(String, String, String)> {
        n.children()
            .filter(|c| c.has_tag_name(tag))
            .map(|c| {
                (
                    c.attribute("name").unwrap_or_default().to_owned(),
                    c.attribute("type").unwrap_or_default().to_owned(),
                    c.attribute("info").unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    for n in doc.descendants() {
        let Some(name) = n.attribute("name") else {
            continue;
        };
        if n.has_tag_name("functype") {
            let info = n
                .children()
                .find(|c| c.has_tag_name("info"))
                .and_then(|i| i.text())
                .unwrap_or_default()
                .to_owned();
            functypes.insert(
                name.to_owned(),
                FuncType {
                    version: n.attribute("version").unwrap_or_default().to_owned(),
                    info,
                    args: triples(n, "arg"),
                },
            );
        } else if n.has_tag_name("struct") {
            let fields = triples(n, "field");
            if !fields.is_empty() {
                cstructs.insert(name.to_owned(), fields);
            }
        }
    }
    Ok(())
}

/// An event procedure of the protocol files.
struct EventProc {
    /// Its variant of the program's `Event` enum.
    variant: Ident,
    /// The `.x` name of its message.
    msg: String,
    /// Whether its message starts with a callback id.
    callback_id: bool,
}

/// A field of a message, its nested `msg` flattened: the path to it.
struct Leaf<'a> {
    path: Vec<Ident>,
    decl: &'a Declaration,
}

/// How a wire value becomes a typed one.
#[derive(Clone)]
enum Conv {
    /// As it is (`i32`, `u64`, `Vec<remote::TypedParam>`).
    Plain(TokenStream),
    /// A string.
    Text,
    /// A string or nothing.
    OptText,
    /// One of a plain enum: `Open<E>`.
    Open(Ident),
    /// A flag set.
    Flags(Ident),
    /// A struct of the API description.
    Struct(Ident),
    /// An array of them.
    Structs(Ident),
    /// The lifecycle pair (`event`, `detail`) as one enum.
    Pair(Ident),
}

impl Conv {
    fn ty(&self) -> TokenStream {
        match self {
            Conv::Plain(t) => t.clone(),
            Conv::Text => quote!(String),
            Conv::OptText => quote!(Option<String>),
            Conv::Open(e) => quote!(Open<#e>),
            Conv::Flags(e) | Conv::Struct(e) | Conv::Pair(e) => quote!(#e),
            Conv::Structs(e) => quote!(Vec<#e>),
        }
    }

    /// The typed value from its wire sources (two for a pair).
    fn expr(&self, src: &[TokenStream]) -> TokenStream {
        let s = &src[0];
        match self {
            Conv::Plain(_) => quote!(#s),
            Conv::Text => quote!(crate::text(#s)),
            Conv::OptText => quote!(#s.map(crate::text)),
            Conv::Open(_) => quote!(Open::from_raw(#s)),
            Conv::Flags(e) => quote!(#e::from_bits_retain(#s as _)),
            Conv::Struct(e) => quote!(#e::from(#s)),
            Conv::Structs(e) => quote!(#s.into_iter().map(#e::from).collect()),
            Conv::Pair(e) => {
                let d = &src[1];
                quote!(#e::from_raw(#s, #d))
            }
        }
    }
}

/// A typed field: its name, documentation, conversion and the wire
/// fields it is made of.
struct Field {
    ident: Ident,
    doc: String,
    conv: Conv,
    sources: Vec<String>,
}

struct Gen<'a> {
    headers: &'a Headers,
    functypes: &'a HashMap<String, FuncType>,
    cstructs: &'a HashMap<String, CStruct>,
    xstructs: &'a HashMap<&'a str, (&'a ProtocolFile, &'a [Declaration])>,
    procs: &'a HashMap<String, EventProc>,
    /// Structs of the API description that events carry, generated once.
    nested: BTreeMap<String, TokenStream>,
    kinds: Vec<KindRow>,
}

/// One kind of event, ready to emit.
struct Kind {
    /// The family enum's variant (`Lifecycle`).
    variant: Ident,
    /// The struct (`DomainLifecycleEvent`).
    name: Ident,
    /// The event id (`DomainEventID::Lifecycle`), for the filter.
    id: Option<TokenStream>,
    /// `lifecycle`, `rtc-change`: as `virsh event` names it.
    virsh_name: String,
    /// The C names to find it by: the event id, the callback type.
    aliases: Vec<String>,
    /// The procedure with callback ids (`REMOTE_PROC_...`).
    proc: String,
    doc: String,
    /// (program `Event` variant, message leaves) of the procedures it
    /// arrives by: the one with callback ids, then the older one.
    sources: Vec<(Ident, BTreeMap<String, Vec<Ident>>)>,
    fields: Vec<Field>,
    /// The object field's path in each source.
    object: Vec<Vec<Ident>>,
    pair: Option<TokenStream>,
}

impl<'a> Gen<'a> {
    fn all(mut self) -> Result<(TokenStream, Vec<KindRow>), GenError> {
        let mut out = TokenStream::new();
        let mut alias_names: Vec<(Ident, String)> = Vec::new();
        for family in FAMILIES {
            let kinds = self.family_kinds(family)?;
            for k in &kinds {
                out.extend(self.emit_kind(family, k));
                alias_names.push((
                    k.name.clone(),
                    k.doc.lines().next().unwrap_or("").to_owned(),
                ));
            }
            if family.ids.is_some() {
                out.extend(family_enum(family, &kinds));
                alias_names.push((
                    format_ident!("{}Event", family.name),
                    format!("Any {} event.", family_words(family.name)),
                ));
            }
        }
        for (_, s) in std::mem::take(&mut self.nested) {
            out.extend(s);
        }
        out.extend(aliases_macro(&alias_names));
        Ok((out, self.kinds))
    }

    fn enum_by_c(&self, c: &str) -> Option<&'a CEnum> {
        let headers: &'a Headers = self.headers;
        headers.enums.iter().find(|e| e.c_name == c)
    }

    /// The kinds of one family.
    fn family_kinds(&mut self, family: &Family) -> Result<Vec<Kind>, GenError> {
        let mut out = Vec::new();
        if let Some((proc, callback)) = family.single {
            out.push(self.kind(family, None, proc, None, callback)?);
            return Ok(out);
        }
        let ids_c = family.ids.unwrap_or_default();
        let ids = self
            .enum_by_c(ids_c)
            .ok_or_else(|| GenError {
                message: format!("the headers have no {ids_c}"),
            })?
            .clone();
        for v in ids.values.iter().filter(|v| v.alias_of.is_none()) {
            let Some((_, x)) = v.c_name.split_once("_EVENT_ID_") else {
                return gen_err(format!("{}: not an event id", v.c_name));
            };
            let Some(callback) = v
                .doc
                .split(|c: char| !c.is_ascii_alphanumeric())
                .find(|w| w.starts_with("virConnect") && w.ends_with("Callback"))
            else {
                return gen_err(format!(
                    "{}: its comment names no callback type (`virConnect...Callback`)",
                    v.c_name
                ));
            };
            let with_id = format!("{}CALLBACK_{x}", family.proc_prefix);
            let plain = format!("{}{x}", family.proc_prefix);
            let (proc, legacy) = match (self.procs.get(&with_id), self.procs.get(&plain)) {
                (Some(p), l) if p.callback_id => (
                    with_id.clone(),
                    l.filter(|l| !l.callback_id).map(|_| plain.clone()),
                ),
                (_, Some(p)) if p.callback_id => (plain.clone(), None),
                _ => {
                    return gen_err(format!(
                        "{}: no event procedure with a callback id ({with_id} or {plain})",
                        v.c_name
                    ));
                }
            };
            let id_ty = format_ident!("{}", ids.rust_name);
            let id_var = format_ident!("{}", v.rust_name);
            out.push(self.kind(
                family,
                Some((v, quote!(#id_ty::#id_var))),
                &proc,
                legacy.as_deref(),
                callback,
            )?);
        }
        Ok(out)
    }

    /// A message's fields, the nested `msg` flattened.
    fn leaves(&self, msg: &str) -> Result<Vec<Leaf<'a>>, GenError> {
        let mut out = Vec::new();
        self.flatten(msg, Vec::new(), &mut out)?;
        Ok(out)
    }

    fn flatten(
        &self,
        msg: &str,
        path: Vec<Ident>,
        out: &mut Vec<Leaf<'a>>,
    ) -> Result<(), GenError> {
        let xstructs: &'a HashMap<&'a str, (&'a ProtocolFile, &'a [Declaration])> = self.xstructs;
        let Some(&(_, fields)) = xstructs.get(msg) else {
            return gen_err(format!("no .x struct {msg}"));
        };
        for d in fields {
            if d.name == "callbackID" {
                continue;
            }
            let mut p = path.clone();
            p.push(field_ident(&d.name));
            match &d.ty {
                TypeSpec::Named(t) if d.name == "msg" && d.shape == Shape::Scalar => {
                    self.flatten(t, p, out)?;
                }
                _ => out.push(Leaf { path: p, decl: d }),
            }
        }
        Ok(())
    }

    fn kind(
        &mut self,
        family: &Family,
        id: Option<(&crate::headers::CEnumValue, TokenStream)>,
        proc: &str,
        legacy: Option<&str>,
        callback: &str,
    ) -> Result<Kind, GenError> {
        let functypes: &'a HashMap<String, FuncType> = self.functypes;
        let procs: &'a HashMap<String, EventProc> = self.procs;
        let ft = functypes.get(callback).ok_or_else(|| GenError {
            message: format!("the API description has no functype {callback}"),
        })?;
        let ep = &procs[proc];
        let leaves = self.leaves(&ep.msg)?;
        // The object, and the other fields in order.
        let (objects, rest): (Vec<&Leaf<'_>>, Vec<&Leaf<'_>>) = leaves
            .iter()
            .partition(|l| matches!(&l.decl.ty, TypeSpec::Named(t) if t == family.object));
        let [object] = objects.as_slice() else {
            return gen_err(format!("{}: not one {} in it", ep.msg, family.object));
        };
        let handle_ptr = format!("vir{}Ptr", family.handle);
        let mut args: Vec<&(String, String, String)> = Vec::new();
        let mut seen_object = false;
        for a in &ft.args {
            let after = args.last().map(|p| format!("n{}", p.0));
            if a.1 == "virConnectPtr" || a.0 == "opaque" || after.as_deref() == Some(a.0.as_str()) {
                continue;
            }
            if a.1 == handle_ptr && !seen_object {
                seen_object = true;
                continue;
            }
            args.push(a);
        }
        if args.len() != rest.len() {
            return gen_err(format!(
                "{callback} has {} arguments, {} has {} fields: they do not pair",
                args.len(),
                ep.msg,
                rest.len()
            ));
        }
        let mut fields = Vec::new();
        for (a, leaf) in args.iter().zip(&rest) {
            let conv = self.conv(callback, a, leaf.decl)?;
            let unit = if matches!(conv, Conv::Plain(_)) {
                unit_suffix(&a.0, &a.2)
            } else {
                ""
            };
            fields.push(Field {
                ident: field_ident(&format!("{}{unit}", snake(&a.0))),
                doc: a.2.clone(),
                conv,
                sources: vec![leaf.decl.name.clone()],
            });
        }
        let variant_name = match &id {
            Some((v, _)) => v.rust_name.clone(),
            None => String::new(),
        };
        let name = format_ident!("{}{}Event", family.name, variant_name);
        // The lifecycle pair.
        let mut pair = None;
        if let Some(i) = fields.iter().position(|f| f.ident == "event")
            && fields.get(i + 1).is_some_and(|f| f.ident == "detail")
            && let Conv::Open(e) = &fields[i].conv
            && let Some((pair_name, tokens)) = self.pair(family, &variant_name, &e.to_string())?
        {
            let detail = fields.remove(i + 1);
            let f = &mut fields[i];
            f.conv = Conv::Pair(pair_name.clone());
            f.doc = format!("{} and {}", f.doc, detail.doc);
            f.sources.extend(detail.sources);
            pair = Some(tokens);
        }
        // The sources: the procedure with callback ids, then the older one.
        let index = |leaves: &[Leaf<'_>]| -> BTreeMap<String, Vec<Ident>> {
            leaves
                .iter()
                .map(|l| (l.decl.name.clone(), l.path.clone()))
                .collect()
        };
        let mut sources = vec![(ep.variant.clone(), index(&leaves))];
        let mut object_paths = vec![object.path.clone()];
        if let Some(l) = legacy {
            let lp = &procs[l];
            let ll = self.leaves(&lp.msg)?;
            let lindex = index(&ll);
            // Usable if it has every field but ints (which C reads as 0).
            let complete = rest
                .iter()
                .all(|r| lindex.contains_key(&r.decl.name) || r.decl.ty == TypeSpec::Int);
            if let (true, Some(o)) = (complete, lindex.get(&object.decl.name)) {
                object_paths.push(o.clone());
                sources.push((lp.variant.clone(), lindex));
            }
        }
        let id_c = id.as_ref().map(|(v, _)| v.c_name.clone());
        let what = id_c.clone().unwrap_or_else(|| proc.to_owned());
        let mut doc = match &id_c {
            Some(c) => format!("The `{c}` event"),
            None => format!("The `{proc}` event"),
        };
        if callback.contains("Generic") {
            let _ = write!(
                doc,
                ": {} {}. It carries nothing but the {}.",
                family_words(family.name),
                words(&variant_name).to_ascii_lowercase(),
                family_words(family.handle)
            );
        } else {
            let _ = write!(doc, ".\n\n{}", clean(&ft.info));
        }
        let _ = write!(
            doc,
            "\n\nC: callback `{callback}` (since libvirt {}); procedure `{proc}`{}.",
            ft.version,
            legacy.map_or(String::new(), |l| format!(" (or the older `{l}`)"))
        );
        self.kinds.push((name.to_string(), what, proc.to_owned()));
        let mut aliases: Vec<String> = id_c.into_iter().collect();
        if !callback.contains("Generic") {
            aliases.push(callback.to_owned());
        }
        Ok(Kind {
            variant: format_ident!(
                "{}",
                if variant_name.is_empty() {
                    family.name
                } else {
                    &variant_name
                }
            ),
            name,
            id: id.map(|(_, t)| t),
            virsh_name: snake(&variant_name).replace('_', "-"),
            aliases,
            proc: proc.to_owned(),
            doc,
            sources,
            fields,
            object: object_paths,
            pair,
        })
    }

    /// How a message field becomes the callback argument's typed value.
    fn conv(
        &mut self,
        callback: &str,
        arg: &(String, String, String),
        d: &Declaration,
    ) -> Result<Conv, GenError> {
        let (name, cty, info) = arg;
        let mismatch = || {
            gen_err(format!(
                "{callback}: argument `{name}` ({cty}) does not fit the wire's `{}` ({:?} {:?})",
                d.name, d.ty, d.shape
            ))
        };
        let named = self.enum_named(callback, name, info);
        let cty_base = cty.trim_start_matches("const ").trim_end_matches(" *");
        Ok(match (&d.ty, &d.shape) {
            (TypeSpec::Int, Shape::Scalar) if cty == "int" => match named {
                Some(e) if e.kind == EnumKind::Enum => Conv::Open(format_ident!("{}", e.rust_name)),
                _ => Conv::Plain(quote!(i32)),
            },
            (TypeSpec::UnsignedInt, Shape::Scalar) if cty == "unsigned int" => match named {
                Some(e) if e.kind == EnumKind::Flags => {
                    Conv::Flags(format_ident!("{}", e.rust_name))
                }
                _ => Conv::Plain(quote!(u32)),
            },
            (TypeSpec::Hyper, Shape::Scalar) if cty == "long long" => Conv::Plain(quote!(i64)),
            (TypeSpec::UnsignedHyper, Shape::Scalar) if cty == "unsigned long long" => {
                Conv::Plain(quote!(u64))
            }
            (TypeSpec::Named(t), Shape::Scalar) if cty_base == "char" => match t.as_str() {
                "remote_nonnull_string" => Conv::Text,
                "remote_string" => Conv::OptText,
                _ => return mismatch(),
            },
            (TypeSpec::Named(t), Shape::Variable(_))
                if t == "remote_typed_param" && cty == "virTypedParameterPtr" =>
            {
                Conv::Plain(quote!(Vec<remote::TypedParam>))
            }
            (TypeSpec::Named(t), Shape::Scalar) if self.cstructs.contains_key(cty_base) => {
                Conv::Struct(self.nested_struct(t, cty_base)?)
            }
            (TypeSpec::Named(t), Shape::Variable(_)) if self.cstructs.contains_key(cty_base) => {
                // A C struct holding a count and an array of another.
                let element = self.cstructs[cty_base]
                    .iter()
                    .find_map(|(_, ty, _)| ty.strip_suffix("Ptr"))
                    .filter(|e| self.cstructs.contains_key(*e));
                match element {
                    Some(e) => Conv::Structs(self.nested_struct(t, e)?),
                    None => return mismatch(),
                }
            }
            _ => return mismatch(),
        })
    }

    /// The one header enum an argument's documentation names, or the
    /// override table's.
    fn enum_named(&self, callback: &str, arg: &str, info: &str) -> Option<&'a CEnum> {
        if let Some((_, _, e)) = ENUM_OVERRIDES
            .iter()
            .find(|(c, a, _)| *c == callback && *a == arg)
        {
            return self.enum_by_c(e);
        }
        let mut found: Vec<&'a CEnum> = Vec::new();
        for w in info.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if let Some(e) = self.enum_by_c(w)
                && !found.iter().any(|f| f.c_name == e.c_name)
            {
                found.push(e);
            }
        }
        match found.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// A typed struct for a `.x` struct and its C struct, fields joined by
    /// name; generated once.
    fn nested_struct(&mut self, xname: &str, cname: &str) -> Result<Ident, GenError> {
        let rust = cname.strip_prefix("vir").unwrap_or(cname).to_owned();
        let ident = format_ident!("{rust}");
        if self.nested.contains_key(&rust) {
            return Ok(ident);
        }
        let xstructs: &'a HashMap<&'a str, (&'a ProtocolFile, &'a [Declaration])> = self.xstructs;
        let Some(&(pf, xfields)) = xstructs.get(xname) else {
            return gen_err(format!("no .x struct {xname}"));
        };
        let module = format_ident!("{}", pf.module);
        let wire = format_ident!("{}", generate::type_name(pf, xname));
        let cfields = self.cstructs[cname].clone();
        let mut defs = TokenStream::new();
        let mut inits = TokenStream::new();
        for d in xfields {
            let Some(cf) = cfields.iter().find(|c| c.0 == d.name) else {
                return gen_err(format!("{cname} has no field {} of {xname}", d.name));
            };
            let conv = self.conv(cname, cf, d)?;
            let f = field_ident(&d.name);
            let (ty, doc) = (conv.ty(), clean(&cf.2));
            let expr = conv.expr(&[quote!(v.#f)]);
            defs.extend(quote! { #[doc = #doc] pub #f: #ty, });
            inits.extend(quote! { #f: #expr, });
        }
        let doc = format!("A `{cname}` of the C API, as an event carries it.");
        self.nested.insert(
            rust,
            quote! {
                #[doc = #doc]
                #[doc(alias = #cname)]
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub struct #ident { #defs }
                impl From<#module::#wire> for #ident {
                    fn from(v: #module::#wire) -> Self {
                        #ident { #inits }
                    }
                }
            },
        );
        Ok(ident)
    }

    /// The enum pairing an event enum with its detail enums, if the
    /// headers have detail enums for it: its name and items.
    fn pair(
        &self,
        family: &Family,
        variant: &str,
        event_enum: &str,
    ) -> Result<Option<(Ident, TokenStream)>, GenError> {
        let Some(e) = self
            .headers
            .enums
            .iter()
            .find(|x| x.rust_name == event_enum)
        else {
            return Ok(None);
        };
        let stem = e
            .c_name
            .strip_suffix("Type")
            .unwrap_or(&e.c_name)
            .to_ascii_lowercase();
        let values: Vec<_> = e.values.iter().filter(|v| v.alias_of.is_none()).collect();
        let details: Vec<Option<&CEnum>> = values
            .iter()
            .map(|v| {
                let want = format!("{stem}{}detailtype", v.rust_name.to_ascii_lowercase());
                self.headers
                    .enums
                    .iter()
                    .find(|d| d.kind == EnumKind::Enum && d.c_name.to_ascii_lowercase() == want)
            })
            .collect();
        if details.iter().all(Option::is_none) {
            return Ok(None);
        }
        if values.iter().any(|v| v.rust_name == "Unknown") {
            return gen_err(format!("{}: a value named Unknown", e.c_name));
        }
        let name = format_ident!("{}{}Change", family.name, variant);
        let ety = format_ident!("{}", e.rust_name);
        let word = |c: &str, fallback: &str| -> String {
            VIRSH_WORDS
                .iter()
                .find(|(n, _)| *n == c)
                .map_or_else(|| fallback.to_owned(), |(_, w)| (*w).to_owned())
        };
        let mut variants = TokenStream::new();
        let mut from = TokenStream::new();
        let mut raw = TokenStream::new();
        let mut event = TokenStream::new();
        let mut display = TokenStream::new();
        for (v, d) in values.iter().zip(&details) {
            let var = format_ident!("{}", v.rust_name);
            let eword = word(&v.c_name, &v.rust_name);
            let Ok(value) = i32::try_from(v.value) else {
                return gen_err(format!("{}: {} does not fit an int", v.c_name, v.value));
            };
            let value = proc_macro2::Literal::i32_unsuffixed(value);
            let vdoc = format!(
                "`{}`{}",
                v.c_name,
                if v.doc.is_empty() {
                    String::new()
                } else {
                    format!(": {}", clean(&v.doc))
                }
            );
            event.extend(quote! { Self::#var(..) => Open::Known(#ety::#var), });
            match d {
                Some(d) => {
                    let dty = format_ident!("{}", d.rust_name);
                    let vdoc = format!("{vdoc}\n\nWith its detail, one of `{}`.", d.c_name);
                    variants.extend(quote! { #[doc = #vdoc] #var(Open<#dty>), });
                    from.extend(quote! { Some(#ety::#var) => Self::#var(Open::from_raw(detail)), });
                    raw.extend(quote! {
                        Self::#var(d) => (#value, match d {
                            Open::Known(d) => d.as_raw() as i32,
                            Open::Unknown(n) => *n as i32,
                        }),
                    });
                    let mut arms = TokenStream::new();
                    for dv in d.values.iter().filter(|x| x.alias_of.is_none()) {
                        let dvar = format_ident!("{}", dv.rust_name);
                        let w = word(&dv.c_name, &dv.rust_name);
                        arms.extend(quote! { Open::Known(#dty::#dvar) => #w, });
                    }
                    display.extend(quote! {
                        Self::#var(d) => (#eword, match d {
                            #arms
                            _ => "unknown",
                        }),
                    });
                }
                None => {
                    let vdoc = format!(
                        "{vdoc}\n\nWith its detail as a number: the headers have no enum for it."
                    );
                    variants.extend(quote! { #[doc = #vdoc] #var(i32), });
                    from.extend(quote! { Some(#ety::#var) => Self::#var(detail), });
                    raw.extend(quote! { Self::#var(d) => (#value, *d), });
                    display.extend(quote! { Self::#var(_) => (#eword, "unknown"), });
                }
            }
        }
        let ec = &e.c_name;
        let doc = format!(
            "What happened in a {} lifecycle event: the event (one of `{ec}`) with its \
             detail, typed by the detail enum of that event.\n\nIt displays as \
             `virsh event` prints it: `Suspended Paused`.",
            family_words(family.name)
        );
        Ok(Some((
            name.clone(),
            quote! {
                #[doc = #doc]
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #variants
                    /// An event this build does not know, with its detail.
                    Unknown {
                        /// The event's number.
                        event: i32,
                        /// The detail's number.
                        detail: i32,
                    },
                }
                impl #name {
                    /// The pair from the wire's numbers; numbers this build
                    /// does not know are kept.
                    pub fn from_raw(event: i32, detail: i32) -> Self {
                        match #ety::from_raw(event) {
                            #from
                            _ => Self::Unknown { event, detail },
                        }
                    }
                    /// The wire's numbers: (event, detail).
                    pub fn as_raw(&self) -> (i32, i32) {
                        match self {
                            #raw
                            Self::Unknown { event, detail } => (*event, *detail),
                        }
                    }
                    /// The event, without its detail.
                    pub fn event(&self) -> Open<#ety> {
                        match self {
                            #event
                            Self::Unknown { event, .. } => Open::from_raw(*event),
                        }
                    }
                    /// The words `virsh event` prints: (event, detail).
                    pub fn virsh_words(&self) -> (&'static str, &'static str) {
                        match self {
                            #display
                            Self::Unknown { .. } => ("unknown", "unknown"),
                        }
                    }
                }
                impl core::fmt::Display for #name {
                    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        let (event, detail) = self.virsh_words();
                        write!(f, "{event} {detail}")
                    }
                }
            },
        )))
    }

    fn emit_kind(&self, family: &Family, k: &Kind) -> TokenStream {
        let name = &k.name;
        let handle = format_ident!("{}", family.handle);
        let object = format_ident!("{}", family.field);
        let module = format_ident!("{}", family.module);
        let doc = &k.doc;
        let mut defs = TokenStream::new();
        let mut clones = TokenStream::new();
        let mut debugs = TokenStream::new();
        let mut eqs = vec![quote!(self.#object == other.#object)];
        let object_doc = format!("The {} the event is about.", family_words(family.handle));
        for f in &k.fields {
            let (ident, ty, doc) = (&f.ident, f.conv.ty(), clean(&f.doc));
            defs.extend(quote! { #[doc = #doc] pub #ident: #ty, });
            clones.extend(quote! { #ident: self.#ident.clone(), });
            let label = ident.to_string();
            let label = label.trim_start_matches("r#");
            debugs.extend(quote! { .field(#label, &self.#ident) });
            eqs.push(quote!(self.#ident == other.#ident));
        }
        let mut arms = TokenStream::new();
        for ((variant, leaves), opath) in k.sources.iter().zip(&k.object) {
            let mut inits = TokenStream::new();
            for f in &k.fields {
                let srcs: Vec<TokenStream> = f
                    .sources
                    .iter()
                    .map(|s| match leaves.get(s) {
                        Some(p) => quote!(msg.#(#p).*),
                        None => quote!(0),
                    })
                    .collect();
                let (ident, expr) = (&f.ident, f.conv.expr(&srcs));
                inits.extend(quote! { #ident: #expr, });
            }
            arms.extend(quote! {
                #module::Event::#variant(msg) => Some(#name {
                    #object: crate::#handle::from_raw(mode, msg.#(#opath).*),
                    #inits
                }),
            });
        }
        let filter_variant = format_ident!("{}", family.filter);
        let filter = match &k.id {
            Some(id) => quote! {
                EventFilter::#filter_variant {
                    event: #id,
                    #object: object.map(|o| o.raw().clone()),
                }
            },
            None => quote! {
                EventFilter::#filter_variant {
                    #object: object.map(|o| o.raw().clone()),
                    event: None,
                    flags: 0,
                }
            },
        };
        let aliases = k.aliases.iter().map(|a| quote! { #[doc(alias = #a)] });
        let label = name.to_string();
        let display = if k.pair.is_some() {
            let fmt = format!(
                "event '{}' for {} '{{}}': {{}}",
                k.virsh_name,
                family_words(family.handle)
            );
            let pf = k
                .fields
                .iter()
                .find(|f| matches!(f.conv, Conv::Pair(_)))
                .map(|f| f.ident.clone());
            quote! {
                /// As `virsh event` prints it (without the newline):
                /// `event 'lifecycle' for domain 'test': Suspended Paused`.
                impl<M> core::fmt::Display for #name<M> {
                    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        write!(f, #fmt, self.#object.name(), self.#pf)
                    }
                }
            }
        } else {
            TokenStream::new()
        };
        // Typed parameter lists that a parameter set of `crate::params`
        // says this event carries: a method that reads them as it.
        let mut methods = TokenStream::new();
        for f in &k.fields {
            let Conv::Plain(ty) = &f.conv else { continue };
            if ty.to_string() != quote!(Vec<remote::TypedParam>).to_string() {
                continue;
            }
            if let Some(set) = crate::params::SETS
                .iter()
                .find(|set| set.events.contains(&k.proc.as_str()))
            {
                let field = &f.ident;
                let method = format_ident!("{}", snake(set.name));
                let set_ty = format_ident!("{}", set.name);
                let doc = format!(
                    "`{field}` read as the parameter set libvirt documents for this event, \
                     [`crate::params::{}`]; keys it does not know are kept in its `other`, a \
                     value of the wrong type is an error.",
                    set.name
                );
                methods.extend(quote! {
                    #[doc = #doc]
                    pub fn #method(&self) -> Result<crate::params::#set_ty, crate::params::ParamError> {
                        crate::params::read_set_ref(&self.#field)
                    }
                });
            }
        }
        let pair = k.pair.clone().unwrap_or_default();
        quote! {
            #[doc = #doc]
            #(#aliases)*
            #[non_exhaustive]
            pub struct #name<M> {
                #[doc = #object_doc]
                pub #object: crate::#handle<M>,
                #defs
            }
            impl<M> #name<M> {
                /// The typed event of a raw one, its handle on the
                /// connection `mode` holds; `None` if `event` is another
                /// kind of event.
                pub fn from_raw(mode: M, event: #module::Event) -> Option<Self> {
                    match event {
                        #arms
                        _ => None,
                    }
                }
                #methods
            }
            impl<M> crate::events::TypedEvent for #name<M> {
                type Mode = M;
                type Raw = #module::Event;
                type Object = crate::#handle<M>;
                fn filter(object: Option<&crate::#handle<M>>) -> EventFilter {
                    #filter
                }
                fn from_raw(mode: M, event: #module::Event) -> Option<Self> {
                    Self::from_raw(mode, event)
                }
            }
            impl<M: Clone> Clone for #name<M> {
                fn clone(&self) -> Self {
                    #name { #object: self.#object.clone(), #clones }
                }
            }
            impl<M> core::fmt::Debug for #name<M> {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.debug_struct(#label).field(stringify!(#object), &self.#object) #debugs .finish()
                }
            }
            impl<M> PartialEq for #name<M> {
                fn eq(&self, other: &Self) -> bool {
                    #(#eqs)&&*
                }
            }
            #display
            #pair
        }
    }
}

/// The enum of a family's events (`DomainEvent`).
fn family_enum(family: &Family, kinds: &[Kind]) -> TokenStream {
    let name = format_ident!("{}Event", family.name);
    let handle = format_ident!("{}", family.handle);
    let object = format_ident!("{}", family.field);
    let module = format_ident!("{}", family.module);
    let ids = format_ident!("{}EventID", family.name);
    let mut variants = TokenStream::new();
    let mut from = TokenStream::new();
    let mut id = TokenStream::new();
    let mut obj = TokenStream::new();
    let mut clones = TokenStream::new();
    let mut debugs = TokenStream::new();
    let mut eqs = TokenStream::new();
    for k in kinds {
        let (v, s) = (&k.variant, &k.name);
        let vdoc = format!("A [`{s}`].");
        variants.extend(quote! { #[doc = #vdoc] #v(#s<M>), });
        let pats = k.sources.iter().map(|(p, _)| quote!(#module::Event::#p(_)));
        from.extend(quote! { #(#pats)|* => #s::from_raw(mode, event).map(Self::#v), });
        if let Some(i) = &k.id {
            id.extend(quote! { Self::#v(_) => #i, });
        }
        obj.extend(quote! { Self::#v(e) => &e.#object, });
        clones.extend(quote! { Self::#v(e) => Self::#v(e.clone()), });
        debugs.extend(quote! { Self::#v(e) => e.fmt(f), });
        eqs.extend(quote! { (Self::#v(a), Self::#v(b)) => a == b, });
    }
    let doc = format!(
        "Any {} event: one variant per event id of `{}`.",
        family_words(family.name),
        family.ids.unwrap_or_default()
    );
    let obj_doc = format!("The {} the event is about.", family_words(family.handle));
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        pub enum #name<M> {
            #variants
        }
        impl<M> #name<M> {
            /// The typed event of a raw one, its handle on the connection
            /// `mode` holds; `None` if `event` is not one of this family
            /// (or one this build does not know).
            pub fn from_raw(mode: M, event: #module::Event) -> Option<Self> {
                match event {
                    #from
                    _ => None,
                }
            }
            /// Its event id.
            pub fn id(&self) -> #ids {
                match self { #id }
            }
            #[doc = #obj_doc]
            pub fn #object(&self) -> &crate::#handle<M> {
                match self { #obj }
            }
        }
        impl<M: Clone> Clone for #name<M> {
            fn clone(&self) -> Self {
                match self { #clones }
            }
        }
        impl<M> core::fmt::Debug for #name<M> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self { #debugs }
            }
        }
        impl<M> PartialEq for #name<M> {
            fn eq(&self, other: &Self) -> bool {
                match (self, other) {
                    #eqs
                    _ => false,
                }
            }
        }
    }
}

/// `event_aliases!(Async, Client)`: the adapters' names for the events
/// in their mode.
fn aliases_macro(names: &[(Ident, String)]) -> TokenStream {
    let idents: Vec<&Ident> = names.iter().map(|(n, _)| n).collect();
    let docs: Vec<String> = names
        .iter()
        .map(|(n, d)| format!("{d} See `libvirt_api::events::{n}`."))
        .collect();
    quote! {
        /// Declares, in the calling module, an alias of every typed event
        /// (and family enum) for one mode and client:
        /// `event_aliases!(Async, libvirt_client::Client)` declares
        /// `pub type DomainLifecycleEvent = libvirt_api::events::DomainLifecycleEvent<libvirt_api::Async<libvirt_client::Client>>;`
        /// and so on. The adapters use it.
        #[macro_export]
        macro_rules! event_aliases {
            ($mode:ident, $client:ty) => {
                #(
                    #[doc = #docs]
                    pub type #idents = $crate::events::#idents<$crate::$mode<$client>>;
                )*
            };
        }
    }
}

/// `StoragePool` as words: `storage pool`.
fn family_words(name: &str) -> String {
    words(name).to_ascii_lowercase()
}

/// `RtcChange` as `Rtc change`; `QemuMonitor` as `QEMU monitor`.
fn words(name: &str) -> String {
    let s = snake(name).replace('_', " ");
    let s = s.replace("qemu", "QEMU");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// A field's unit, from its documentation, as a name suffix (`_kib`),
/// unless the name says it already (`seconds`, `micros`).
fn unit_suffix(name: &str, info: &str) -> &'static str {
    let text = info.to_ascii_lowercase();
    let lname = name.to_ascii_lowercase();
    let has = |w: &str| {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|t| t == w)
    };
    let suffix = if has("kbytes") || has("kib") || has("kibibytes") || has("kilobytes") {
        "_kib"
    } else if has("nanoseconds") {
        "_ns"
    } else if has("microseconds") {
        "_us"
    } else if has("milliseconds") {
        "_ms"
    } else if has("seconds") {
        "_secs"
    } else if has("bytes") {
        "_bytes"
    } else {
        ""
    };
    let says = [
        "seconds", "secs", "micros", "millis", "nanos", "bytes", "kib",
    ]
    .iter()
    .any(|u| lname.ends_with(u));
    if says { "" } else { suffix }
}

/// libvirt's documentation text made safe for rustdoc: no indented code
/// blocks, no brackets or angle brackets read as links or HTML.
fn clean(text: &str) -> String {
    let mut out = String::new();
    // Inside a list item, its continuation lines are indented.
    let mut in_item = false;
    for line in text.lines() {
        let line = line.trim();
        let indent = if line.is_empty() {
            in_item = false;
            ""
        } else if line.starts_with("- ") {
            in_item = true;
            ""
        } else if in_item {
            "  "
        } else {
            ""
        };
        let line = crate::generate::rustdoc_escape(line);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(&line);
    }
    out
}
