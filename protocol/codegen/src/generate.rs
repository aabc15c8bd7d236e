//! The Rust code generator: `.x` syntax trees and header constants in,
//! formatted Rust modules out.
//!
//! For every protocol file it emits, into one module: all constants,
//! typedefs, structs, enums and unions (serde-serializable as libvirt's XDR,
//! with each `<N>` bound enforced), and for every program its procedure
//! enum, a zero-sized type and metadata per procedure, typed events, a
//! run-time payload-type dispatcher, and the async and blocking API traits.
//!
//! The generated code refers to the hand-written items of `libvirt-core`
//! (`crate::ProcedureInfo`, `crate::CallProcedure`, `crate::api::AsyncCall`,
//! ...), to `serde` and to `libvirt_xdr`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ast::{
    Annotations, Declaration, Definition, DefinitionKind, EnumVariant, Shape, Spec, TypeSpec,
    UnionCase, Value,
};
use crate::headers::Headers;
use crate::parser;

/// The XDR deserializer's default string limit (`VIR_NET_MESSAGE_STRING_MAX`):
/// a string nested where no field attribute can reach it must not declare a
/// smaller bound than this, or the bound would go unchecked.
const DEFAULT_STRING_LIMIT: i64 = 4_194_304;

/// One of libvirt's protocol files and where its items go.
#[derive(Clone, Copy, Debug)]
pub struct ProtocolFile {
    /// File name in `proto/`.
    pub file: &'static str,
    /// The Rust module the items are generated into.
    pub module: &'static str,
    /// The prefix stripped from type names (`remote_` in `remote_uuid`).
    pub type_prefix: &'static str,
    /// For program files, the lower-case program prefix: the procedure enum
    /// is `<prefix>_procedure`, the program constants `<PREFIX>_PROGRAM` and
    /// `<PREFIX>_PROTOCOL_VERSION`, procedure names `<PREFIX>_PROC_*`.
    pub program: Option<&'static str>,
}

/// The vendored protocol files, in dependency order.
pub const PROTOCOL_FILES: &[ProtocolFile] = &[
    ProtocolFile {
        file: "virnetprotocol.x",
        module: "net",
        type_prefix: "virNet",
        program: None,
    },
    ProtocolFile {
        file: "virkeepaliveprotocol.x",
        module: "keepalive",
        type_prefix: "keepalive_",
        program: Some("keepalive"),
    },
    ProtocolFile {
        file: "remote_protocol.x",
        module: "remote",
        type_prefix: "remote_",
        program: Some("remote"),
    },
    ProtocolFile {
        file: "qemu_protocol.x",
        module: "qemu",
        type_prefix: "qemu_",
        program: Some("qemu"),
    },
    ProtocolFile {
        file: "lxc_protocol.x",
        module: "lxc",
        type_prefix: "lxc_",
        program: Some("lxc"),
    },
    ProtocolFile {
        file: "admin_protocol.x",
        module: "admin",
        type_prefix: "admin_",
        program: Some("admin"),
    },
];

/// Type names whose mechanical Rust name would shadow a prelude type.
const TYPE_RENAMES: &[(&str, &str)] = &[
    ("remote_string", "OptionalString"),
    ("admin_string", "OptionalString"),
];

/// The prelude names the generated code uses unqualified (`Option<T>`,
/// `Some(..)`, `Vec<u8>`, ...; `Vec` is imported where the modules are
/// included). A `.x` type or constant whose Rust name is one of them would
/// shadow the prelude's, so the generator refuses it: such a type needs an
/// entry in [`TYPE_RENAMES`].
const RESERVED_NAMES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "AsRef", "Future",
];

/// Procedures whose stream direction the annotations get wrong: console
/// and channel are annotated `@readstream` but carry data both ways, and the
/// params variant of the tunnelled migration prepare has no annotation
/// although libvirt's hand-written code opens a write stream for it.
const STREAM_OVERRIDES: &[(&str, &str)] = &[
    ("REMOTE_PROC_DOMAIN_OPEN_CONSOLE", "Both"),
    ("REMOTE_PROC_DOMAIN_OPEN_CHANNEL", "Both"),
    ("REMOTE_PROC_DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS", "Write"),
];

/// Procedures that pass file descriptors (CALL_WITH_FDS / REPLY_WITH_FDS,
/// as libvirt's hand-written dispatch code sends them); the `.x`
/// files do not annotate them.
const FD_PROCEDURES: &[(&str, &str)] = &[
    ("REMOTE_PROC_DOMAIN_OPEN_GRAPHICS", "Call"),
    ("REMOTE_PROC_DOMAIN_CREATE_XML_WITH_FILES", "Call"),
    ("REMOTE_PROC_DOMAIN_CREATE_WITH_FILES", "Call"),
    ("REMOTE_PROC_DOMAIN_FD_ASSOCIATE", "Call"),
    ("REMOTE_PROC_DOMAIN_OPEN_GRAPHICS_FD", "Reply"),
    ("LXC_PROC_DOMAIN_OPEN_NAMESPACE", "Reply"),
    ("QEMU_PROC_DOMAIN_MONITOR_COMMAND_WITH_FILES", "Both"),
];

/// Procedures whose names say "register" or "deregister" event callbacks
/// but that are not part of libvirt's callback-id scheme: the legacy
/// domain event registrations, one per connection and event, with no
/// callback id. (Events without a callback id need no entry: an event
/// reaches a registered callback only through the id its message starts
/// with.)
const CALLBACK_EXCEPTIONS: &[&str] = &[
    "REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER",
    "REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER",
    "REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER_ANY",
    "REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER_ANY",
];

/// Whether a procedure belongs to the client's own open sequence and
/// close: opening, closing and authenticating by hand would break the
/// connection the client keeps, so the API traits leave them out (they
/// stay reachable as `call::<P>(args)`).
pub(crate) fn is_connection_internal(procedure: &str) -> bool {
    let stem = procedure.split_once("_PROC_").map_or(procedure, |(_, s)| s);
    matches!(stem, "CONNECT_OPEN" | "CONNECT_CLOSE") || stem.starts_with("AUTH_")
}

/// A generation failure, naming the definition it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenError {
    /// What went wrong, with file and line where known.
    pub message: String,
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GenError {}

fn err<T>(message: impl Into<String>) -> Result<T, GenError> {
    Err(GenError {
        message: message.into(),
    })
}

/// Facts about one generated program, for build scripts and tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramSummary {
    /// The module name (`remote`, `qemu`, ...).
    pub module: String,
    /// The program number.
    pub program: u32,
    /// Number of procedures in the procedure enum.
    pub procedures: usize,
    /// How many of them are server-to-client event messages.
    pub events: usize,
}

/// The result of a generation run.
#[derive(Clone, Debug)]
pub struct Generated {
    /// (module name, formatted Rust source) per protocol file, plus `enums`
    /// for the header constants.
    pub modules: Vec<(String, String)>,
    /// Per-program facts.
    pub programs: Vec<ProgramSummary>,
    /// Every input file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

/// Reads the vendored `proto/` directory (the `.x` files of
/// [`PROTOCOL_FILES`] and `include/libvirt/*.h` plus `libvirt-common.h.in`),
/// and generates every module.
pub fn generate_from_dir(proto: &Path) -> Result<Generated, GenError> {
    let (specs, headers, inputs) = load(proto)?;
    let mut generated = generate(&specs, &headers)?;
    generated.inputs = inputs;
    Ok(generated)
}

/// Reads and parses the protocol files and headers of `proto/`: the specs
/// in [`PROTOCOL_FILES`] order, the headers, and every file read.
pub(crate) fn load(proto: &Path) -> Result<(Vec<Spec>, Headers, Vec<PathBuf>), GenError> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| GenError {
            message: format!("{}: {e}", p.display()),
        })
    };
    let mut inputs = Vec::new();
    let include = proto.join("include/libvirt");
    let mut header_paths: Vec<PathBuf> = std::fs::read_dir(&include)
        .map_err(|e| GenError {
            message: format!("{}: {e}", include.display()),
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".h") || name.ends_with(".h.in")
        })
        .collect();
    header_paths.sort();
    let mut header_texts = Vec::new();
    for p in &header_paths {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        header_texts.push((name, read(p)?));
        inputs.push(p.clone());
    }
    let header_refs: Vec<(&str, &str)> = header_texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let headers = Headers::parse(&header_refs).map_err(|e| GenError {
        message: e.to_string(),
    })?;
    let mut specs = Vec::new();
    for pf in PROTOCOL_FILES {
        let path = proto.join(pf.file);
        let text = read(&path)?;
        inputs.push(path);
        specs.push(parser::parse(pf.file, &text).map_err(|e| GenError {
            message: e.to_string(),
        })?);
    }
    Ok((specs, headers, inputs))
}

/// Generates every module from parsed specs (in [`PROTOCOL_FILES`] order)
/// and the parsed headers.
pub fn generate(specs: &[Spec], headers: &Headers) -> Result<Generated, GenError> {
    if specs.len() != PROTOCOL_FILES.len() {
        return err(format!(
            "expected {} protocol files, got {}",
            PROTOCOL_FILES.len(),
            specs.len()
        ));
    }
    let ctx = Context::new(PROTOCOL_FILES.iter().zip(specs), headers)?;
    let mut modules = Vec::new();
    let mut programs = Vec::new();
    for (pf, spec) in PROTOCOL_FILES.iter().zip(specs) {
        let (tokens, summary) = ctx.module(pf, spec)?;
        modules.push((pf.module.to_string(), format(tokens, pf.module)?));
        programs.extend(summary);
    }
    modules.push(("enums".to_string(), format(headers.generate(), "enums")?));
    Ok(Generated {
        modules,
        programs,
        inputs: Vec::new(),
    })
}

/// Generates the module of one protocol file on its own, unformatted: its
/// types may refer only to each other, its constants to each other and to
/// `headers`. The snapshot tests use it on small synthetic files.
pub fn generate_file(
    pf: &ProtocolFile,
    spec: &Spec,
    headers: &Headers,
) -> Result<TokenStream, GenError> {
    let ctx = Context::new([(pf, spec)], headers)?;
    Ok(ctx.module(pf, spec)?.0)
}

fn format(tokens: TokenStream, module: &str) -> Result<String, GenError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| GenError {
        message: format!("generated module `{module}` does not parse: {e}"),
    })?;
    let mut out = String::from(
        "// @generated by libvirt-codegen from libvirt's protocol files. Do not edit.\n\n",
    );
    out.push_str(&prettyplease::unparse(&file));
    Ok(out)
}

/// How a field must be (de)serialized beyond its Rust type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Codec {
    /// Plain serde.
    Plain,
    /// `opaque x[N]`: packed bytes, no length word.
    FixedOpaque,
    /// `opaque x<>`: length word and packed bytes.
    Opaque,
    /// `opaque x<N>`.
    BoundedOpaque(i64),
    /// `string x<N>`, `T x<N>`, or an optional of one.
    Bounded(i64),
}

/// How a field becomes a method parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ParamKind {
    Str,
    OptStr,
    Value,
}

/// A resolved field type.
pub(crate) struct FieldType {
    pub(crate) ty: TokenStream,
    pub(crate) codec: Codec,
    pub(crate) param: ParamKind,
}

pub(crate) struct TypeEntry<'a> {
    pub(crate) module: &'static str,
    pub(crate) rust: String,
    pub(crate) def: &'a Definition,
}

pub(crate) struct Context<'a> {
    pub(crate) types: HashMap<&'a str, TypeEntry<'a>>,
    pub(crate) consts: HashMap<&'a str, &'a Value>,
    pub(crate) enum_values: HashMap<&'a str, i64>,
    pub(crate) headers: &'a Headers,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        files: impl IntoIterator<Item = (&'a ProtocolFile, &'a Spec)>,
        headers: &'a Headers,
    ) -> Result<Self, GenError> {
        let mut ctx = Context {
            types: HashMap::new(),
            consts: HashMap::new(),
            enum_values: HashMap::new(),
            headers,
        };
        for (pf, spec) in files {
            for def in &spec.definitions {
                let where_ = || format!("{}:{}", spec.file, def.line);
                let rust = match &def.kind {
                    DefinitionKind::Const { name, .. } => name.clone(),
                    _ => type_name(pf, def.name()),
                };
                if RESERVED_NAMES.contains(&rust.as_str()) {
                    return err(format!(
                        "{}: `{}` would be named `{rust}` in Rust, which shadows the prelude's; \
                         rename it in TYPE_RENAMES",
                        where_(),
                        def.name()
                    ));
                }
                match &def.kind {
                    DefinitionKind::Const { name, value } => {
                        if ctx.consts.insert(name, value).is_some() {
                            return err(format!("{}: constant `{name}` defined twice", where_()));
                        }
                    }
                    kind => {
                        let name = def.name();
                        if ctx
                            .types
                            .insert(
                                name,
                                TypeEntry {
                                    module: pf.module,
                                    rust,
                                    def,
                                },
                            )
                            .is_some()
                        {
                            return err(format!("{}: type `{name}` defined twice", where_()));
                        }
                        if let DefinitionKind::Enum { variants, .. } = kind {
                            for v in variants {
                                if let Value::Literal(n) = v.value {
                                    ctx.enum_values.insert(&v.name, n);
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(ctx)
    }

    /// The integer value of a constant expression.
    pub(crate) fn value(&self, v: &Value) -> Result<i64, GenError> {
        self.value_depth(v, 0)
    }

    fn value_depth(&self, v: &Value, depth: usize) -> Result<i64, GenError> {
        match v {
            Value::Literal(n) => Ok(*n),
            Value::Named(name) => {
                if depth > 32 {
                    return err(format!("constant `{name}` is defined in a loop"));
                }
                if let Some(v) = self.consts.get(name.as_str()) {
                    return self.value_depth(v, depth + 1);
                }
                if let Some(n) = self.enum_values.get(name.as_str()) {
                    return Ok(*n);
                }
                match self.headers.value(name) {
                    Some(n) => Ok(n),
                    None => err(format!(
                        "unknown constant `{name}` (not in the .x files nor libvirt's headers)"
                    )),
                }
            }
        }
    }

    pub(crate) fn entry(&self, name: &str) -> Result<&TypeEntry<'a>, GenError> {
        self.types.get(name).ok_or_else(|| GenError {
            message: format!("unknown type `{name}`"),
        })
    }

    /// The absolute path of a named type (`crate::remote::NonnullDomain`),
    /// valid from any generated module or submodule.
    pub(crate) fn type_path(&self, name: &str, _from: &str) -> Result<TokenStream, GenError> {
        let e = self.entry(name)?;
        let ident = format_ident!("{}", e.rust);
        let module = format_ident!("{}", e.module);
        Ok(quote!(crate::#module::#ident))
    }

    /// The Rust type of a scalar XDR type (not string/opaque).
    fn base_type(&self, ty: &TypeSpec, from: &str) -> Result<TokenStream, GenError> {
        Ok(match ty {
            TypeSpec::Int => quote!(i32),
            TypeSpec::UnsignedInt => quote!(u32),
            TypeSpec::Hyper => quote!(i64),
            TypeSpec::UnsignedHyper => quote!(u64),
            TypeSpec::Short => quote!(i16),
            TypeSpec::UnsignedShort => quote!(u16),
            TypeSpec::Char => quote!(i8),
            TypeSpec::UnsignedChar => quote!(u8),
            TypeSpec::Float => quote!(f32),
            TypeSpec::Double => quote!(f64),
            TypeSpec::Bool => quote!(bool),
            TypeSpec::Named(n) => self.type_path(n, from)?,
            TypeSpec::String | TypeSpec::Opaque => {
                return err("`string`/`opaque` need an array shape");
            }
        })
    }

    /// The codec and parameter kind a named type brings with it (through
    /// typedefs).
    fn named_traits(&self, name: &str, depth: usize) -> Result<(Codec, ParamKind), GenError> {
        if depth > 32 {
            return err(format!("typedef `{name}` refers to itself"));
        }
        let e = self.entry(name)?;
        match &e.def.kind {
            DefinitionKind::Typedef(decl) => self.decl_traits(&decl.ty, &decl.shape, depth + 1),
            _ => Ok((Codec::Plain, ParamKind::Value)),
        }
    }

    fn decl_traits(
        &self,
        ty: &TypeSpec,
        shape: &Shape,
        depth: usize,
    ) -> Result<(Codec, ParamKind), GenError> {
        let bound = |v: &Option<Value>| -> Result<Option<i64>, GenError> {
            v.as_ref().map(|v| self.value(v)).transpose()
        };
        Ok(match (ty, shape) {
            (TypeSpec::String, Shape::Variable(max)) => (
                bound(max)?.map_or(Codec::Plain, Codec::Bounded),
                ParamKind::Str,
            ),
            (TypeSpec::Opaque, Shape::Fixed(_)) => (Codec::FixedOpaque, ParamKind::Value),
            (TypeSpec::Opaque, Shape::Variable(max)) => (
                bound(max)?.map_or(Codec::Opaque, Codec::BoundedOpaque),
                ParamKind::Value,
            ),
            (TypeSpec::Named(n), Shape::Scalar) => self.named_traits(n, depth)?,
            (TypeSpec::Named(n), Shape::Optional) => {
                let (inner, param) = self.named_traits(n, depth)?;
                let param = if param == ParamKind::Str {
                    ParamKind::OptStr
                } else {
                    ParamKind::Value
                };
                match inner {
                    Codec::Plain | Codec::Bounded(_) => (inner, param),
                    _ => return err(format!("optional `{n}` of opaque data is not supported")),
                }
            }
            (elem, Shape::Fixed(_) | Shape::Variable(_)) => {
                // The element's own codec cannot be reached by an attribute.
                if let TypeSpec::Named(n) = elem {
                    let (inner, _) = self.named_traits(n, depth)?;
                    match inner {
                        Codec::Plain => {}
                        // The codec's default string limit enforces exactly this.
                        Codec::Bounded(DEFAULT_STRING_LIMIT) if self.is_string_typedef(n) => {}
                        other => {
                            return err(format!(
                                "arrays of `{n}` (codec {other:?}) are not supported"
                            ));
                        }
                    }
                }
                match shape {
                    Shape::Variable(max) => (
                        bound(max)?.map_or(Codec::Plain, Codec::Bounded),
                        ParamKind::Value,
                    ),
                    _ => (Codec::Plain, ParamKind::Value),
                }
            }
            (_, Shape::Optional) | (_, Shape::Scalar) => (Codec::Plain, ParamKind::Value),
        })
    }

    /// Whether a named type is (through typedefs) a plain `string<N>`.
    pub(crate) fn is_string_typedef(&self, name: &str) -> bool {
        let mut name = name;
        for _ in 0..32 {
            match self.types.get(name).map(|e| &e.def.kind) {
                Some(DefinitionKind::Typedef(d)) => match (&d.ty, &d.shape) {
                    (TypeSpec::String, Shape::Variable(_)) => return true,
                    (TypeSpec::Named(n), Shape::Scalar) => name = n,
                    _ => return false,
                },
                _ => return false,
            }
        }
        false
    }

    pub(crate) fn field_type(&self, decl: &Declaration, from: &str) -> Result<FieldType, GenError> {
        let (codec, param) = self.decl_traits(&decl.ty, &decl.shape, 0)?;
        let ty = match (&decl.ty, &decl.shape) {
            (TypeSpec::String, _) => quote!(::libvirt_xdr::ByteString),
            (TypeSpec::Opaque, Shape::Fixed(n)) => {
                let n = self.array_len(n)?;
                quote!([u8; #n])
            }
            (TypeSpec::Opaque, _) => quote!(Vec<u8>),
            (t, Shape::Scalar) => self.base_type(t, from)?,
            (t, Shape::Optional) => {
                let b = self.base_type(t, from)?;
                quote!(Option<#b>)
            }
            (t, Shape::Fixed(n)) => {
                let b = self.base_type(t, from)?;
                if self.value(n)? > 32 {
                    return err(format!(
                        "fixed array `{}` longer than 32 elements",
                        decl.name
                    ));
                }
                let n = self.array_len(n)?;
                quote!([#b; #n])
            }
            (t, Shape::Variable(_)) => {
                let b = self.base_type(t, from)?;
                quote!(Vec<#b>)
            }
        };
        Ok(FieldType { ty, codec, param })
    }

    fn array_len(&self, v: &Value) -> Result<Literal, GenError> {
        let n = self.value(v)?;
        usize::try_from(n)
            .map(Literal::usize_unsuffixed)
            .map_err(|_| GenError {
                message: format!("array length {n} is negative"),
            })
    }

    fn module(
        &self,
        pf: &ProtocolFile,
        spec: &'a Spec,
    ) -> Result<(TokenStream, Option<ProgramSummary>), GenError> {
        let mut items = TokenStream::new();
        for def in &spec.definitions {
            let at = format!("{}:{}", spec.file, def.line);
            let tokens = self.definition(pf, spec, def).map_err(|e| GenError {
                message: format!("{at}: `{}`: {}", def.name(), e.message),
            })?;
            items.extend(tokens);
        }
        // Every struct, union and enum, for property tests and fuzzing.
        let mut visits = TokenStream::new();
        for def in &spec.definitions {
            if matches!(
                def.kind,
                DefinitionKind::Struct { .. }
                    | DefinitionKind::Union { .. }
                    | DefinitionKind::Enum { .. }
            ) {
                let path = self.type_path(def.name(), pf.module)?;
                let name = def.name();
                visits.extend(quote! { visitor.visit::<#path>(#name); });
            }
        }
        items.extend(quote! {
            /// Calls `visitor` with every struct, union and enum type of this
            /// module and its `.x` name (for property tests and fuzzing).
            #[cfg(feature = "arbitrary")]
            pub fn visit_all_types<V: crate::TypeVisitor>(visitor: &mut V) {
                #visits
            }
        });
        let mut summary = None;
        if let Some(program) = pf.program {
            let (tokens, s) = self.program(pf, spec, program)?;
            items.extend(tokens);
            summary = Some(s);
        }
        Ok((items, summary))
    }

    /// One top-level definition, by kind.
    fn definition(
        &self,
        pf: &ProtocolFile,
        spec: &Spec,
        def: &Definition,
    ) -> Result<TokenStream, GenError> {
        let docs = definition_doc(spec, def);
        match &def.kind {
            DefinitionKind::Const { name, value } => self.xdr_const(name, value, docs),
            DefinitionKind::Typedef(decl) => self.xdr_typedef(pf, decl, docs),
            DefinitionKind::Struct { name, fields } => self.xdr_struct(pf, name, fields, docs),
            DefinitionKind::Enum { name, variants } => {
                let ident = format_ident!("{}", self.entry(name)?.rust);
                self.xdr_enum(&ident, name, variants, docs)
            }
            DefinitionKind::Union {
                name,
                discriminant,
                cases,
                default,
            } => {
                if default.is_some() {
                    return err(
                        "unions with a `default` arm are not supported yet (libvirt has none)",
                    );
                }
                self.xdr_union(pf, name, discriminant, cases, docs)
            }
        }
    }

    /// `const NAME = value;`
    fn xdr_const(
        &self,
        name: &str,
        value: &Value,
        docs: TokenStream,
    ) -> Result<TokenStream, GenError> {
        let ident = format_ident!("{}", name);
        let (ty, lit) = int_const(self.value(value)?);
        Ok(quote! {
            #docs
            pub const #ident: #ty = #lit;
        })
    }

    /// `typedef T name;`: a type alias.
    fn xdr_typedef(
        &self,
        pf: &ProtocolFile,
        decl: &Declaration,
        docs: TokenStream,
    ) -> Result<TokenStream, GenError> {
        let ident = format_ident!("{}", self.entry(&decl.name)?.rust);
        let ty = self.field_type(decl, pf.module)?.ty;
        Ok(quote! {
            #docs
            pub type #ident = #ty;
        })
    }

    /// `struct name { ... };`: a struct with serde derives and a codec
    /// attribute on every field that needs one.
    fn xdr_struct(
        &self,
        pf: &ProtocolFile,
        name: &str,
        fields: &[Declaration],
        docs: TokenStream,
    ) -> Result<TokenStream, GenError> {
        let ident = format_ident!("{}", self.entry(name)?.rust);
        let mut seen = HashSet::new();
        let mut out = TokenStream::new();
        for f in fields {
            let fname = field_ident(&f.name);
            if !seen.insert(fname.to_string()) {
                return err(format!("two fields map to `{fname}`"));
            }
            out.extend(self.struct_field(pf, &fname, f)?);
        }
        Ok(quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[cfg_attr(feature = "arbitrary", derive(::arbitrary::Arbitrary))]
            pub struct #ident {
                #out
            }
        })
    }

    /// One field of a struct, documented with its XDR declaration.
    fn struct_field(
        &self,
        pf: &ProtocolFile,
        fname: &Ident,
        f: &Declaration,
    ) -> Result<TokenStream, GenError> {
        let ft = self.field_type(f, pf.module)?;
        let attr = codec_attr(ft.codec);
        let ty = ft.ty;
        let doc = doc_attrs(&format!("XDR: `{}`", decl_text(f)));
        Ok(quote! {
            #doc
            #attr
            pub #fname: #ty,
        })
    }

    /// `union name switch (...) { ... };`: an enum with one variant per
    /// arm and hand-written serde impls that put the discriminant first.
    fn xdr_union(
        &self,
        pf: &ProtocolFile,
        name: &str,
        discriminant: &Declaration,
        cases: &[UnionCase],
        docs: TokenStream,
    ) -> Result<TokenStream, GenError> {
        let ident = format_ident!("{}", self.entry(name)?.rust);
        let dt = self.union_discriminant(discriminant)?;
        let mut variants = TokenStream::new();
        let mut ser_arms = TokenStream::new();
        let mut de_arms = TokenStream::new();
        for (case, vname) in cases.iter().zip(union_variant_names(cases)) {
            let arm = self.union_arm(pf, &ident, dt, case, &format_ident!("{}", vname))?;
            variants.extend(arm.variant);
            ser_arms.extend(arm.ser);
            de_arms.extend(arm.de);
        }
        let serde = union_serde(&ident, name, dt, &ser_arms, &de_arms);
        Ok(quote! {
            #docs
            #[derive(Clone, Debug, PartialEq)]
            #[cfg_attr(feature = "arbitrary", derive(::arbitrary::Arbitrary))]
            pub enum #ident {
                #variants
            }

            #serde
        })
    }

    /// The Rust type a union's discriminant is read and written as: on the
    /// wire it is a 4-byte int (enum, bool, int) or unsigned int.
    fn union_discriminant(&self, discriminant: &Declaration) -> Result<Discriminant, GenError> {
        if discriminant.shape != Shape::Scalar {
            return err("the discriminant must be a scalar");
        }
        Ok(match &discriminant.ty {
            TypeSpec::UnsignedInt => Discriminant::UnsignedInt,
            TypeSpec::Int | TypeSpec::Bool => Discriminant::Int,
            TypeSpec::Named(n)
                if matches!(self.entry(n)?.def.kind, DefinitionKind::Enum { .. }) =>
            {
                Discriminant::Int
            }
            other => {
                return err(format!(
                    "discriminant type {other:?} is not int, unsigned int, bool or an enum"
                ));
            }
        })
    }

    /// One arm of a union: its variant, and its serialize and deserialize
    /// match arms.
    fn union_arm(
        &self,
        pf: &ProtocolFile,
        ident: &Ident,
        dt: Discriminant,
        case: &UnionCase,
        vident: &Ident,
    ) -> Result<UnionArm, GenError> {
        let values = case
            .values
            .iter()
            .map(|v| self.value(v))
            .collect::<Result<Vec<_>, _>>()?;
        let lits: Vec<Literal> = values.iter().map(|v| Literal::i64_unsuffixed(*v)).collect();
        // The discriminant as written first, typed as it goes on the wire.
        let first = match dt {
            Discriminant::Int => i32::try_from(values[0]).map(Literal::i32_suffixed).ok(),
            Discriminant::UnsignedInt => u32::try_from(values[0]).map(Literal::u32_suffixed).ok(),
        }
        .ok_or_else(|| GenError {
            message: format!("case value {} does not fit the discriminant", values[0]),
        })?;
        let case_text = case
            .values
            .iter()
            .map(value_text)
            .collect::<Vec<_>>()
            .join(", ");
        let Some(decl) = &case.declaration else {
            let doc = doc_attrs(&format!("`case {case_text}: void;`"));
            return Ok(UnionArm {
                variant: quote! { #doc #vident, },
                ser: quote! { Self::#vident => ::serde::Serialize::serialize(&(#first,), s), },
                de: quote! { #(#lits)|* => Ok(#ident::#vident), },
            });
        };
        let ft = self.field_type(decl, pf.module)?;
        match (ft.codec, &decl.ty) {
            (Codec::Plain, _) => {}
            // The codec's default string limit enforces exactly this.
            (Codec::Bounded(DEFAULT_STRING_LIMIT), TypeSpec::Named(n))
                if self.is_string_typedef(n) => {}
            (other, _) => {
                return err(format!("union arm codec {other:?} not supported"));
            }
        }
        let ty = ft.ty;
        let doc = doc_attrs(&format!("`case {case_text}: {};`", decl_text(decl)));
        Ok(UnionArm {
            variant: quote! { #doc #vident(#ty), },
            ser: quote! { Self::#vident(v) => ::serde::Serialize::serialize(&(#first, v), s), },
            de: quote! {
                #(#lits)|* => seq
                    .next_element()?
                    .map(#ident::#vident)
                    .ok_or_else(|| ::serde::de::Error::invalid_length(1, &self)),
            },
        })
    }

    /// `enum name { ... };`: a `#[repr(i32)]` enum, its value table and
    /// its serde impls (as the XDR int).
    fn xdr_enum(
        &self,
        ident: &Ident,
        name: &str,
        variants: &[EnumVariant],
        docs: TokenStream,
    ) -> Result<TokenStream, GenError> {
        let vnames = enum_variant_names(name, variants);
        let mut seen = HashMap::new();
        let mut defs = TokenStream::new();
        let mut from_arms = TokenStream::new();
        let mut name_arms = TokenStream::new();
        let mut all = Vec::new();
        for (v, vname) in variants.iter().zip(&vnames) {
            let value = self.value(&v.value)?;
            let value32 = i32::try_from(value).map_err(|_| GenError {
                message: format!("enum value {} = {value} does not fit in an int", v.name),
            })?;
            if let Some(prev) = seen.insert(value32, &v.name) {
                return err(format!(
                    "enum values `{prev}` and `{}` share {value}",
                    v.name
                ));
            }
            let vident = format_ident!("{}", vname);
            let lit = Literal::i32_unsuffixed(value32);
            let doc = doc_attrs(&format!("`{} = {}`", v.name, value));
            defs.extend(quote! { #doc #vident = #lit, });
            from_arms.extend(quote! { #lit => Some(Self::#vident), });
            let cname = &v.name;
            name_arms.extend(quote! { Self::#vident => #cname, });
            all.push(quote!(Self::#vident));
        }
        let serde = enum_serde(ident, name);
        Ok(quote! {
            #docs
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[cfg_attr(feature = "arbitrary", derive(::arbitrary::Arbitrary))]
            #[repr(i32)]
            pub enum #ident {
                #defs
            }

            impl #ident {
                /// Every value, in definition order.
                pub const ALL: &'static [Self] = &[#(#all),*];

                /// The value with this number, if any.
                pub const fn from_i32(value: i32) -> Option<Self> {
                    match value {
                        #from_arms
                        _ => None,
                    }
                }

                /// The number of this value on the wire.
                pub const fn as_i32(self) -> i32 {
                    self as i32
                }

                /// The value's name in the `.x` file.
                pub const fn c_name(self) -> &'static str {
                    match self {
                        #name_arms
                    }
                }
            }

            #serde
        })
    }

    /// The program-level items: constants, procedure table, zero-sized
    /// procedure types, payload dispatch, events and the API traits.
    fn program(
        &self,
        pf: &ProtocolFile,
        spec: &Spec,
        program: &str,
    ) -> Result<(TokenStream, ProgramSummary), GenError> {
        let p = self.program_model(pf, spec, program)?;
        let mut out = program_constants(&p);
        out.extend(procedure_table(&p));
        out.extend(procedure_types(&p));
        out.extend(payload_dispatch(&p));
        out.extend(event_enum(&p));
        out.extend(self.api_traits(pf, &p)?);
        let summary = ProgramSummary {
            module: pf.module.to_string(),
            program: p.number,
            procedures: p.procs.len(),
            events: p.procs.iter().filter(|p| p.kind == ProcKind::Event).count(),
        };
        Ok((out, summary))
    }

    /// Everything the program emitters need, checked: the program's
    /// constants, its procedure enum and each procedure's metadata.
    pub(crate) fn program_model(
        &self,
        pf: &ProtocolFile,
        spec: &'a Spec,
        program: &str,
    ) -> Result<Program<'a>, GenError> {
        let upper = program.to_uppercase();
        let number = self.value(&Value::Named(format!("{upper}_PROGRAM")))?;
        let number = u32::try_from(number).map_err(|_| GenError {
            message: format!("{upper}_PROGRAM does not fit in u32"),
        })?;
        self.value(&Value::Named(format!("{upper}_PROTOCOL_VERSION")))?;
        let enum_name = format!("{program}_procedure");
        let Some(Definition {
            kind: DefinitionKind::Enum { variants, .. },
            ..
        }) = spec.definitions.iter().find(|d| d.name() == enum_name)
        else {
            return err(format!("{}: no enum `{enum_name}`", spec.file));
        };
        let vnames = enum_variant_names(&enum_name, variants);
        let mut procs = Vec::new();
        let mut numbers = BTreeSet::new();
        for (index, (v, vname)) in variants.iter().zip(&vnames).enumerate() {
            let proc = self.procedure_model(pf, spec, program, index, v, vname)?;
            numbers.insert(proc.number);
            procs.push(proc);
        }
        if numbers.len() != variants.len() {
            return err(format!("{}: duplicate procedure numbers", spec.file));
        }
        let program = Program {
            module: pf.module,
            name: program.to_string(),
            number,
            prog_const: format_ident!("{}_PROGRAM", upper),
            vers_const: format_ident!("{}_PROTOCOL_VERSION", upper),
            proc_enum: format_ident!("{}", self.entry(&enum_name)?.rust),
            procs,
        };
        check_callback_families(&program)?;
        Ok(program)
    }

    /// One procedure's metadata: its types (by the `_args`/`_ret`/`_msg`
    /// naming rule), annotations and override tables.
    fn procedure_model(
        &self,
        pf: &ProtocolFile,
        spec: &Spec,
        program: &str,
        index: usize,
        v: &'a EnumVariant,
        vname: &str,
    ) -> Result<Proc<'a>, GenError> {
        let number = i32::try_from(self.value(&v.value)?).map_err(|_| GenError {
            message: format!("procedure number of {} does not fit in int", v.name),
        })?;
        let proc_prefix = format!("{}_PROC_", program.to_uppercase());
        let Some(stem) = v.name.strip_prefix(&proc_prefix) else {
            return err(format!(
                "{}:{}: procedure `{}` lacks prefix {proc_prefix}",
                spec.file, v.line, v.name
            ));
        };
        let method = stem.to_lowercase();
        let (kind, args, ret) =
            self.procedure_payloads(program, &method)
                .map_err(|e| GenError {
                    message: format!("{}: `{}`: {}", spec.file, v.name, e.message),
                })?;
        let a = &v.annotations;
        let sparse_flag = match &a.sparseflag {
            Some(flag) => {
                let n = self.value(&Value::Named(flag.clone()))?;
                Some(u32::try_from(n).map_err(|_| GenError {
                    message: format!("sparse flag {flag} = {n} does not fit in u32"),
                })?)
            }
            None => None,
        };
        let fds = FD_PROCEDURES
            .iter()
            .find(|(n, _)| *n == v.name)
            .map_or("None", |(_, f)| *f);
        let args_ty = match &args {
            Some(n) => self.type_path(n, pf.module)?,
            None => quote!(()),
        };
        let ret_ty = match &ret {
            Some(n) => self.type_path(n, pf.module)?,
            None => quote!(()),
        };
        let carries_callback_id = kind == ProcKind::Event
            && args
                .as_deref()
                .is_some_and(|n| self.starts_with_callback_id(n));
        let callback = self.callback_role(v, stem, kind, args.as_deref(), ret.as_deref())?;
        Ok(Proc {
            index,
            number,
            cname: &v.name,
            ident: format_ident!("{}", vname),
            method,
            kind,
            args,
            ret,
            args_ty,
            ret_ty,
            stream: stream_direction(v),
            sparse_flag,
            fds,
            priority: priority(v)?,
            generate: generate_stubs(v)?,
            annotations: a,
            carries_callback_id,
            callback,
        })
    }

    /// A procedure's callback role: by its name, confirmed by its types (a
    /// registration's reply, a deregistration's arguments and an event's
    /// message start with `int callbackID`), except for the procedures of
    /// [`CALLBACK_EXCEPTIONS`]. An event without a callback id has none.
    fn callback_role(
        &self,
        v: &EnumVariant,
        stem: &str,
        kind: ProcKind,
        args: Option<&str>,
        ret: Option<&str>,
    ) -> Result<Option<Callback>, GenError> {
        let Some(callback) = callback_by_name(stem, kind) else {
            return Ok(None);
        };
        if CALLBACK_EXCEPTIONS.contains(&v.name.as_str()) {
            return Ok(None);
        }
        let carrier = match callback.role {
            CallbackKind::Register => ret,
            CallbackKind::Deregister | CallbackKind::Event => args,
        };
        match (
            callback.role,
            carrier.is_some_and(|n| self.starts_with_callback_id(n)),
        ) {
            (_, true) => Ok(Some(callback)),
            (CallbackKind::Event, false) => Ok(None),
            (role, false) => err(format!(
                "{}: named like a callback {role:?} procedure but carries no callbackID; \
                 list it in CALLBACK_EXCEPTIONS",
                v.name
            )),
        }
    }

    /// Whether a struct type's first field is `int callbackID`.
    fn starts_with_callback_id(&self, name: &str) -> bool {
        matches!(
            self.types.get(name).map(|e| &e.def.kind),
            Some(DefinitionKind::Struct { fields, .. })
                if fields.first().is_some_and(|f| f.name == "callbackID" && f.ty == TypeSpec::Int)
        )
    }

    /// A procedure's kind and payload types, by libvirt's naming rule: an
    /// event has a `_msg` type, a call `_args` and `_ret` types where it
    /// takes or returns anything; keepalive's procedures are bare messages.
    fn procedure_payloads(
        &self,
        program: &str,
        method: &str,
    ) -> Result<(ProcKind, Option<String>, Option<String>), GenError> {
        let args = format!("{program}_{method}_args");
        let ret = format!("{program}_{method}_ret");
        let msg = format!("{program}_{method}_msg");
        let has = |n: &str| self.types.contains_key(n);
        if has(&msg) {
            if has(&args) || has(&ret) {
                return err("it has both a _msg and _args/_ret type");
            }
            Ok((ProcKind::Event, Some(msg), None))
        } else if program == "keepalive" {
            Ok((ProcKind::Message, None, None))
        } else {
            Ok((
                ProcKind::Call,
                has(&args).then_some(args),
                has(&ret).then_some(ret),
            ))
        }
    }

    /// The async and blocking API traits: a method per callable procedure.
    fn api_traits(&self, pf: &ProtocolFile, p: &Program<'_>) -> Result<TokenStream, GenError> {
        if p.name == "keepalive" {
            return Ok(TokenStream::new());
        }
        let mut async_methods = TokenStream::new();
        let mut blocking_methods = TokenStream::new();
        for proc in p
            .procs
            .iter()
            .filter(|p| p.kind == ProcKind::Call && !is_connection_internal(p.cname))
        {
            let (am, bm) = self.api_methods(pf, proc)?;
            async_methods.extend(am);
            blocking_methods.extend(bm);
        }
        let module = p.module;
        let camel_prog = camel(&p.name);
        let api = format_ident!("{}Api", camel_prog);
        let bapi = format_ident!("{}BlockingApi", camel_prog);
        let adoc = format!(
            "Every callable procedure of the `{module}` program as an async method; implemented for every [`crate::api::AsyncCall`]."
        );
        let bdoc = format!(
            "Every callable procedure of the `{module}` program as a blocking method; implemented for every [`crate::api::BlockingCall`]."
        );
        Ok(quote! {
            #[doc = #adoc]
            pub trait #api: crate::api::AsyncCall {
                #async_methods
            }
            impl<T: crate::api::AsyncCall + ?Sized> #api for T {}

            #[doc = #bdoc]
            pub trait #bapi: crate::api::BlockingCall {
                #blocking_methods
            }
            impl<T: crate::api::BlockingCall + ?Sized> #bapi for T {}
        })
    }

    /// The async and blocking API methods of one callable procedure.
    fn api_methods(
        &self,
        pf: &ProtocolFile,
        proc: &Proc<'_>,
    ) -> Result<(TokenStream, TokenStream), GenError> {
        if proc.stream != "None" && proc.fds != "None" {
            return err(format!(
                "{}: a procedure with both a stream and fds is not supported",
                proc.cname
            ));
        }
        let mname = field_ident(&proc.method);
        let (mut params, args_expr) = self.api_args(pf, proc.args.as_deref())?;
        let (ret_ty, project) = self.api_ret(pf, proc.ret.as_deref())?;
        if matches!(proc.fds, "Call" | "Both") {
            params.push(quote!(fds: Vec<Self::Fd>));
        }
        let (out_ty, map) = api_output(proc, ret_ty, project.as_ref());
        let call = api_call(proc);
        let doc = doc_attrs(&api_doc(proc, project.is_some()));
        let async_body = match &map {
            Some(m) => quote! {
                let fut = self.#call;
                async move { fut.await.map(#m) }
            },
            None => quote! { self.#call },
        };
        let blocking_body = match &map {
            Some(m) => quote! { self.#call.map(#m) },
            None => quote! { self.#call },
        };
        let am = quote! {
            #doc
            fn #mname(&self, #(#params),*) -> impl Future<Output = Result<#out_ty, Self::Error>> + Send {
                let args = #args_expr;
                #async_body
            }
        };
        let bm = quote! {
            #doc
            fn #mname(&self, #(#params),*) -> Result<#out_ty, Self::Error> {
                let args = #args_expr;
                #blocking_body
            }
        };
        Ok((am, bm))
    }

    /// An API method's parameters (the fields of the args struct, in wire
    /// order) and the expression that builds the args from them.
    fn api_args(
        &self,
        pf: &ProtocolFile,
        args: Option<&str>,
    ) -> Result<(Vec<TokenStream>, TokenStream), GenError> {
        let Some(n) = args else {
            return Ok((Vec::new(), quote!(())));
        };
        let DefinitionKind::Struct { fields, .. } = &self.entry(n)?.def.kind else {
            return err(format!("{n} is not a struct"));
        };
        let mut params = Vec::new();
        let mut inits = Vec::new();
        for f in fields {
            let fid = field_ident(&f.name);
            let ft = self.field_type(f, pf.module)?;
            let ty = ft.ty;
            match ft.param {
                ParamKind::Str => {
                    // Text or bytes: `"web"`, `&dom.name`, a `Vec<u8>`.
                    params.push(quote!(#fid: impl AsRef<[u8]>));
                    inits.push(quote!(#fid: ::libvirt_xdr::ByteString::from(#fid.as_ref())));
                }
                ParamKind::OptStr => {
                    params.push(quote!(#fid: Option<&str>));
                    inits.push(quote!(#fid: #fid.map(::libvirt_xdr::ByteString::from)));
                }
                ParamKind::Value => {
                    params.push(quote!(#fid: #ty));
                    inits.push(quote!(#fid));
                }
            }
        }
        let path = self.type_path(n, pf.module)?;
        Ok((params, quote!(#path { #(#inits),* })))
    }

    /// What an API method returns of the ret struct: nothing, its only
    /// field (named, to project it), or the whole struct.
    fn api_ret(
        &self,
        pf: &ProtocolFile,
        ret: Option<&str>,
    ) -> Result<(TokenStream, Option<Ident>), GenError> {
        let Some(n) = ret else {
            return Ok((quote!(()), None));
        };
        let DefinitionKind::Struct { fields, .. } = &self.entry(n)?.def.kind else {
            return err(format!("{n} is not a struct"));
        };
        if let [f] = fields.as_slice() {
            let ft = self.field_type(f, pf.module)?;
            Ok((ft.ty, Some(field_ident(&f.name))))
        } else {
            Ok((self.type_path(n, pf.module)?, None))
        }
    }
}

/// Which way a procedure is used (see `crate::ProcedureKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProcKind {
    Call,
    Event,
    Message,
}

impl ProcKind {
    fn variant(self) -> Ident {
        match self {
            ProcKind::Call => format_ident!("Call"),
            ProcKind::Event => format_ident!("Event"),
            ProcKind::Message => format_ident!("Message"),
        }
    }
}

/// One procedure of a program, with everything derived from its `.x` entry.
pub(crate) struct Proc<'a> {
    /// Its position in the procedure enum and table.
    pub(crate) index: usize,
    pub(crate) number: i32,
    /// The C name, `REMOTE_PROC_...`.
    pub(crate) cname: &'a str,
    /// The enum variant and zero-sized type.
    pub(crate) ident: Ident,
    pub(crate) method: String,
    pub(crate) kind: ProcKind,
    /// The `.x` name of the args (or event message) and ret types.
    pub(crate) args: Option<String>,
    pub(crate) ret: Option<String>,
    /// Their Rust types, `()` when absent.
    pub(crate) args_ty: TokenStream,
    pub(crate) ret_ty: TokenStream,
    /// Variant names of `crate::StreamDirection`, `crate::FdPassing`,
    /// `crate::Priority` and `crate::Generate`.
    pub(crate) stream: &'static str,
    pub(crate) fds: &'static str,
    pub(crate) priority: &'static str,
    pub(crate) generate: &'static str,
    pub(crate) sparse_flag: Option<u32>,
    pub(crate) annotations: &'a Annotations,
    /// An event whose message starts with `int callbackID`.
    pub(crate) carries_callback_id: bool,
    /// Its part in event callbacks, if any.
    pub(crate) callback: Option<Callback>,
}

/// One program of a protocol file.
pub(crate) struct Program<'a> {
    pub(crate) module: &'static str,
    /// The lower-case program prefix (`remote`).
    pub(crate) name: String,
    pub(crate) number: u32,
    /// `REMOTE_PROGRAM`, `REMOTE_PROTOCOL_VERSION`.
    pub(crate) prog_const: Ident,
    pub(crate) vers_const: Ident,
    /// The procedure enum's Rust name.
    pub(crate) proc_enum: Ident,
    pub(crate) procs: Vec<Proc<'a>>,
}

/// How a union's discriminant goes on the wire: every XDR discriminant
/// (int, bool, enum) is a 4-byte int, except an unsigned int.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Discriminant {
    Int,
    UnsignedInt,
}

/// What one union arm contributes to the generated union.
struct UnionArm {
    variant: TokenStream,
    ser: TokenStream,
    de: TokenStream,
}

/// A procedure's part in libvirt's event callbacks (see
/// `crate::CallbackRole`), with the family's name (`STORAGE_POOL`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Callback {
    role: CallbackKind,
    family: String,
}

/// The variants of `crate::CallbackRole`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallbackKind {
    Register,
    Deregister,
    Event,
}

/// A procedure's callback role as its name tells it (`stem` is the name
/// without `<PROGRAM>_PROC_`): calls
/// `CONNECT_<FAMILY>_EVENT[_CALLBACK]_REGISTER[_ANY]` and the same with
/// `DEREGISTER`, and events `<FAMILY>_EVENT[_...]`.
fn callback_by_name(stem: &str, kind: ProcKind) -> Option<Callback> {
    let (role, family) = match kind {
        ProcKind::Call => {
            let (family, rest) = stem.strip_prefix("CONNECT_")?.split_once("_EVENT")?;
            let rest = rest.strip_prefix("_CALLBACK").unwrap_or(rest);
            let rest = rest.strip_suffix("_ANY").unwrap_or(rest);
            let role = match rest {
                "_REGISTER" => CallbackKind::Register,
                "_DEREGISTER" => CallbackKind::Deregister,
                _ => return None,
            };
            (role, family)
        }
        ProcKind::Event => {
            let (family, rest) = stem.split_once("_EVENT")?;
            if !(rest.is_empty() || rest.starts_with('_')) {
                return None;
            }
            (CallbackKind::Event, family)
        }
        ProcKind::Message => return None,
    };
    (!family.is_empty()).then(|| Callback {
        role,
        family: family.to_string(),
    })
}

/// Checks that every family of a program has exactly one register and one
/// deregister procedure, so every event has a registration to come from.
fn check_callback_families(p: &Program<'_>) -> Result<(), GenError> {
    let mut families: Vec<&str> = p
        .procs
        .iter()
        .filter_map(|p| p.callback.as_ref())
        .map(|c| c.family.as_str())
        .collect();
    families.sort_unstable();
    families.dedup();
    for family in families {
        for role in [CallbackKind::Register, CallbackKind::Deregister] {
            let n = p
                .procs
                .iter()
                .filter_map(|p| p.callback.as_ref())
                .filter(|c| c.family == family && c.role == role)
                .count();
            if n != 1 {
                return err(format!(
                    "the `{}` program's event family {family} has {n} {role:?} procedures, not one",
                    p.name
                ));
            }
        }
    }
    Ok(())
}

/// The variant names of a union: after the case constants when every arm
/// has one, else after the arms' declarations.
fn union_variant_names(cases: &[UnionCase]) -> Vec<String> {
    let names: Vec<&str> = cases
        .iter()
        .map(|c| match c.values.first() {
            Some(Value::Named(n)) => n.as_str(),
            _ => "",
        })
        .collect();
    if names.iter().all(|n| !n.is_empty()) {
        return variant_names(&names, true);
    }
    cases
        .iter()
        .map(|c| {
            c.declaration
                .as_ref()
                .map_or_else(|| "Void".to_string(), |d| camel(&d.name))
        })
        .collect()
}

/// A constant value as written in the `.x` file.
fn value_text(v: &Value) -> String {
    match v {
        Value::Named(n) => n.clone(),
        Value::Literal(n) => n.to_string(),
    }
}

/// A union's serde impls: the discriminant, then the arm's value.
fn union_serde(
    ident: &Ident,
    name: &str,
    dt: Discriminant,
    ser_arms: &TokenStream,
    de_arms: &TokenStream,
) -> TokenStream {
    let expecting = format!("the XDR union `{name}`");
    let dt = match dt {
        Discriminant::Int => quote!(i32),
        Discriminant::UnsignedInt => quote!(u32),
    };
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    #ser_arms
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct UnionVisitor;
                impl<'de> ::serde::de::Visitor<'de> for UnionVisitor {
                    type Value = #ident;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<#ident, A::Error> {
                        let discriminant: #dt = seq
                            .next_element()?
                            .ok_or_else(|| ::serde::de::Error::invalid_length(0, &self))?;
                        #[allow(unreachable_patterns)]
                        match discriminant as i64 {
                            #de_arms
                            other => Err(::serde::de::Error::invalid_value(
                                ::serde::de::Unexpected::Signed(other),
                                &self,
                            )),
                        }
                    }
                }
                d.deserialize_tuple(2, UnionVisitor)
            }
        }
    }
}

/// An enum's serde impls: the value as an XDR int, checked on the way in.
fn enum_serde(ident: &Ident, name: &str) -> TokenStream {
    let expecting = format!("a value of the XDR enum `{name}`");
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i32(*self as i32)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = <i32 as ::serde::Deserialize<'de>>::deserialize(d)?;
                Self::from_i32(value).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::invalid_value(
                        ::serde::de::Unexpected::Signed(i64::from(value)),
                        &#expecting,
                    )
                })
            }
        }
    }
}

/// `PROGRAM` and `VERSION`.
fn program_constants(p: &Program<'_>) -> TokenStream {
    let (prog_const, vers_const) = (&p.prog_const, &p.vers_const);
    quote! {
        /// This program's number.
        pub const PROGRAM: u32 = #prog_const;
        /// This program's version.
        pub const VERSION: u32 = #vers_const;
    }
}

/// The `PROCEDURES` table and the procedure enum's `info()`.
fn procedure_table(p: &Program<'_>) -> TokenStream {
    let count = p.procs.len();
    let entries = p.procs.iter().map(|proc| procedure_info(p, proc));
    let arms = p.procs.iter().map(|proc| {
        let (ident, index) = (&proc.ident, proc.index);
        quote! { Self::#ident => &PROCEDURES[#index], }
    });
    let proc_enum = &p.proc_enum;
    quote! {
        /// Metadata of every procedure of this program, in the order of the
        /// procedure enum.
        pub const PROCEDURES: &[crate::ProcedureInfo; #count] = &[#(#entries)*];

        impl #proc_enum {
            /// This procedure's metadata.
            pub const fn info(self) -> &'static crate::ProcedureInfo {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// One procedure's `crate::ProcedureInfo`.
fn procedure_info(p: &Program<'_>, proc: &Proc<'_>) -> TokenStream {
    let (prog_const, vers_const) = (&p.prog_const, &p.vers_const);
    let (number, cname, method) = (proc.number, proc.cname, &proc.method);
    let opt_str = |s: &Option<String>| match s {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    let (args, ret) = (opt_str(&proc.args), opt_str(&proc.ret));
    let sparse = match proc.sparse_flag {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    let kind = proc.kind.variant();
    let stream = format_ident!("{}", proc.stream);
    let fds = format_ident!("{}", proc.fds);
    let priority = format_ident!("{}", proc.priority);
    let generate = format_ident!("{}", proc.generate);
    let callback = match &proc.callback {
        Some(c) => {
            let role = format_ident!("{}", format!("{:?}", c.role));
            let family = format_ident!("{}", camel(&c.family.to_lowercase()));
            quote!(Some(crate::CallbackRole::#role(crate::EventFamily::#family)))
        }
        None => quote!(None),
    };
    let (acl, aclfilter) = (&proc.annotations.acl, &proc.annotations.aclfilter);
    quote! {
        crate::ProcedureInfo {
            program: #prog_const,
            version: #vers_const,
            number: #number,
            name: #cname,
            method: #method,
            args: #args,
            ret: #ret,
            kind: crate::ProcedureKind::#kind,
            callback: #callback,
            stream: crate::StreamDirection::#stream,
            sparse_flag: #sparse,
            fds: crate::FdPassing::#fds,
            priority: crate::Priority::#priority,
            generate: crate::Generate::#generate,
            acl: &[#(#acl),*],
            aclfilter: &[#(#aclfilter),*],
        },
    }
}

/// The `procedures` module: one zero-sized type per procedure.
fn procedure_types(p: &Program<'_>) -> TokenStream {
    let zsts = p.procs.iter().map(procedure_type);
    quote! {
        /// One zero-sized type per procedure, tying its number to its
        /// argument and return types (see [`crate::Procedure`]).
        pub mod procedures {
            #(#zsts)*
        }
    }
}

/// One procedure's zero-sized type and its trait impls.
fn procedure_type(proc: &Proc<'_>) -> TokenStream {
    let Proc {
        ident,
        index,
        args_ty,
        ret_ty,
        ..
    } = proc;
    let mut doc = format!("`{}` = {}: ", proc.cname, proc.number);
    doc.push_str(match proc.kind {
        ProcKind::Event => "an event the server sends.",
        ProcKind::Message => "a keepalive message either side sends.",
        ProcKind::Call => "a procedure the client calls.",
    });
    doc.push_str(&annotation_doc(proc.annotations));
    let doc = doc_attrs(&doc);
    let trait_impl = match proc.kind {
        ProcKind::Call => quote! {
            impl crate::CallProcedure for #ident {
                type Args = #args_ty;
                type Ret = #ret_ty;
            }
        },
        ProcKind::Event => quote! {
            impl crate::EventProcedure for #ident {
                type Message = #args_ty;
            }
        },
        ProcKind::Message => TokenStream::new(),
    };
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct #ident;
        impl crate::Procedure for #ident {
            const INFO: &'static crate::ProcedureInfo = &super::PROCEDURES[#index];
        }
        #trait_impl
    }
}

/// `visit_payload_type`: a payload's Rust type chosen at run time.
fn payload_dispatch(p: &Program<'_>) -> TokenStream {
    let mut arms = TokenStream::new();
    for proc in &p.procs {
        let (args_ty, ret_ty) = (&proc.args_ty, &proc.ret_ty);
        let num = Literal::i32_unsuffixed(proc.number);
        arms.extend(
            quote! { (#num, crate::PayloadPart::Args) => Some(visitor.visit::<#args_ty>()), },
        );
        if proc.kind != ProcKind::Event {
            arms.extend(
                quote! { (#num, crate::PayloadPart::Ret) => Some(visitor.visit::<#ret_ty>()), },
            );
        }
    }
    quote! {
        /// Calls `visitor` with the Rust type of a payload of this program,
        /// chosen by procedure number and part at run time. Returns `None`
        /// for an unknown procedure, or for `Ret` of an event.
        pub fn visit_payload_type<V: crate::PayloadTypeVisitor>(
            procedure: i32,
            part: crate::PayloadPart,
            visitor: V,
        ) -> Option<V::Output> {
            match (procedure, part) {
                #arms
                _ => None,
            }
        }
    }
}

/// The `Event` enum of a program's typed events (none if it has none).
fn event_enum(p: &Program<'_>) -> TokenStream {
    let events: Vec<&Proc<'_>> = p
        .procs
        .iter()
        .filter(|p| p.kind == ProcKind::Event)
        .collect();
    if events.is_empty() {
        return TokenStream::new();
    }
    let proc_enum = &p.proc_enum;
    let mut variants = TokenStream::new();
    let mut decode = TokenStream::new();
    let mut procedure = TokenStream::new();
    let mut callback = TokenStream::new();
    let mut encode = TokenStream::new();
    for e in events {
        let (ident, ty, cname, number) = (&e.ident, &e.args_ty, e.cname, e.number);
        let num = Literal::i32_unsuffixed(number);
        let msg = e.args.as_deref().unwrap_or_default();
        let doc = doc_attrs(&format!("`{cname}` ({number}) carrying `{msg}`."));
        variants.extend(quote! { #doc #ident(#ty), });
        decode.extend(quote! {
            #num => ::libvirt_xdr::from_bytes(payload).map(|m| Some(Self::#ident(m))),
        });
        procedure.extend(quote! { Self::#ident(_) => #proc_enum::#ident, });
        encode.extend(quote! { Self::#ident(m) => ::libvirt_xdr::to_vec(m), });
        if e.carries_callback_id {
            callback.extend(quote! { Self::#ident(m) => Some(m.callback_id), });
        }
    }
    quote! {
        /// A typed event of this program, decoded from a MESSAGE packet.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            #variants
        }

        impl Event {
            /// Decodes the payload of an event MESSAGE with this procedure
            /// number. `Ok(None)` means the procedure is not an event this
            /// version knows (libvirt's rule: ignore it).
            pub fn decode(procedure: i32, payload: &[u8]) -> Result<Option<Self>, ::libvirt_xdr::Error> {
                match procedure {
                    #decode
                    _ => Ok(None),
                }
            }

            /// The event's procedure.
            pub const fn procedure(&self) -> #proc_enum {
                match self {
                    #procedure
                }
            }

            /// The server-assigned callback id the event is for, if the
            /// event carries one (all but the legacy events do).
            #[allow(unreachable_patterns)]
            pub const fn callback_id(&self) -> Option<i32> {
                match self {
                    #callback
                    _ => None,
                }
            }

            /// Encodes the event's payload (for tests and simulated peers).
            pub fn encode(&self) -> Result<Vec<u8>, ::libvirt_xdr::Error> {
                match self {
                    #encode
                }
            }
        }
    }
}

/// A procedure's `crate::StreamDirection`: the override table, else its
/// stream annotations.
fn stream_direction(v: &EnumVariant) -> &'static str {
    let a = &v.annotations;
    match (
        STREAM_OVERRIDES.iter().find(|(n, _)| *n == v.name),
        a.readstream,
        a.writestream,
    ) {
        (Some((_, dir)), _, _) => dir,
        (None, Some(_), Some(_)) => "Both",
        (None, Some(_), None) => "Read",
        (None, None, Some(_)) => "Write",
        (None, None, None) => "None",
    }
}

/// A procedure's `crate::Priority` (`@priority`).
fn priority(v: &EnumVariant) -> Result<&'static str, GenError> {
    match v.annotations.priority.as_deref() {
        None | Some("low") => Ok("Low"),
        Some("high") => Ok("High"),
        Some(other) => err(format!("{}: unknown priority `{other}`", v.name)),
    }
}

/// A procedure's `crate::Generate` (`@generate`).
fn generate_stubs(v: &EnumVariant) -> Result<&'static str, GenError> {
    match v.annotations.generate.as_deref() {
        None | Some("none") => Ok("None"),
        Some("client") => Ok("Client"),
        Some("server") => Ok("Server"),
        Some("both") => Ok("Both"),
        Some(other) => err(format!("{}: unknown @generate `{other}`", v.name)),
    }
}

/// An API method's output type, and the closure that maps what the
/// adapter returns to it (`None`: returned as is).
fn api_output(
    proc: &Proc<'_>,
    ret_ty: TokenStream,
    project: Option<&Ident>,
) -> (TokenStream, Option<TokenStream>) {
    let void_ret = proc.ret.is_none();
    let fds_in = matches!(proc.fds, "Call" | "Both");
    let fds_out = matches!(proc.fds, "Reply" | "Both");
    if proc.stream != "None" {
        match (project, void_ret) {
            (_, true) => (quote!(Self::Stream), Some(quote!(|(_, s)| s))),
            (Some(fid), _) => (
                quote!((#ret_ty, Self::Stream)),
                Some(quote!(|(r, s)| (r.#fid, s))),
            ),
            (None, _) => (quote!((#ret_ty, Self::Stream)), None),
        }
    } else if fds_out {
        match (project, void_ret) {
            (_, true) => (quote!(Vec<Self::Fd>), Some(quote!(|(_, f)| f))),
            (Some(fid), _) => (
                quote!((#ret_ty, Vec<Self::Fd>)),
                Some(quote!(|(r, f)| (r.#fid, f))),
            ),
            (None, _) => (quote!((#ret_ty, Vec<Self::Fd>)), None),
        }
    } else if fds_in {
        // The reply carries no fds: return only the value.
        match project {
            Some(fid) => (ret_ty, Some(quote!(|(r, _)| r.#fid))),
            None => (ret_ty, Some(quote!(|(r, _)| r))),
        }
    } else {
        match project {
            Some(fid) => (ret_ty, Some(quote!(|r| r.#fid))),
            None => (ret_ty, None),
        }
    }
}

/// The adapter call an API method makes: plain, with a stream, or with
/// file descriptors (either way).
fn api_call(proc: &Proc<'_>) -> TokenStream {
    let zst = &proc.ident;
    if proc.stream != "None" {
        quote!(call_stream::<procedures::#zst>(args))
    } else if matches!(proc.fds, "Call" | "Both") {
        quote!(call_with_fds::<procedures::#zst>(args, fds))
    } else if proc.fds == "Reply" {
        quote!(call_with_fds::<procedures::#zst>(args, Vec::new()))
    } else {
        quote!(call::<procedures::#zst>(args))
    }
}

/// An API method's doc: what it calls, takes and returns.
fn api_doc(proc: &Proc<'_>, projected: bool) -> String {
    let mut doc = format!("Calls `{}` ({}).", proc.cname, proc.number);
    if let Some(n) = &proc.args {
        doc.push_str(&format!(" Arguments: the fields of `{n}`."));
    }
    if let Some(n) = &proc.ret {
        if projected {
            doc.push_str(&format!(" Returns the only field of `{n}`."));
        } else {
            doc.push_str(&format!(" Returns `{n}`."));
        }
    }
    if proc.stream != "None" {
        doc.push_str(&format!(
            " Opens a {} data stream.",
            proc.stream.to_lowercase()
        ));
    }
    if matches!(proc.fds, "Call" | "Both") {
        doc.push_str(" Sends file descriptors with the call.");
    }
    if matches!(proc.fds, "Reply" | "Both") {
        doc.push_str(" Returns the file descriptors the reply carries.");
    }
    doc.push_str(&annotation_doc(proc.annotations));
    doc
}

/// The integer type and literal of a constant.
fn int_const(v: i64) -> (TokenStream, Literal) {
    if let Ok(u) = u32::try_from(v) {
        (quote!(u32), Literal::u32_unsuffixed(u))
    } else if let Ok(i) = i32::try_from(v) {
        (quote!(i32), Literal::i32_unsuffixed(i))
    } else {
        (quote!(i64), Literal::i64_unsuffixed(v))
    }
}

/// The Rust name of a `.x` type.
pub(crate) fn type_name(pf: &ProtocolFile, name: &str) -> String {
    if let Some((_, r)) = TYPE_RENAMES.iter().find(|(n, _)| *n == name) {
        return r.to_string();
    }
    let stripped = name.strip_prefix(pf.type_prefix).unwrap_or(name);
    camel(stripped)
}

/// `domain_lookup_by_name` -> `DomainLookupByName`; existing humps are kept.
pub(crate) fn camel(s: &str) -> String {
    let mut out = String::new();
    for part in s.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// `callbackID` -> `callback_id`, `cacheSize` -> `cache_size`.
pub(crate) fn snake(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
    "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// A field or method identifier, raw when it is a keyword.
pub(crate) fn field_ident(name: &str) -> Ident {
    let s = snake(name);
    if s == "self" || s == "Self" {
        return format_ident!("{}_", s);
    }
    if KEYWORDS.contains(&s.as_str()) {
        Ident::new_raw(&s, Span::call_site())
    } else {
        Ident::new(&s, Span::call_site())
    }
}

/// Variant names of an `.x` enum: procedure enums drop their
/// `<PROGRAM>_PROC_` prefix (so names stay stable however few procedures a
/// program has), other enums their common prefix.
fn enum_variant_names(enum_name: &str, variants: &[EnumVariant]) -> Vec<String> {
    if let Some(program) = enum_name.strip_suffix("_procedure") {
        let prefix = format!("{}_PROC_", program.to_uppercase());
        let stems: Vec<&str> = variants
            .iter()
            .map(|v| v.name.strip_prefix(&prefix).unwrap_or(&v.name))
            .collect();
        return variant_names(&stems, false);
    }
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    variant_names(&names, true)
}

/// CamelCase variant names for C-style value names, after removing their
/// longest common `_`-token prefix (never emptying a name).
fn variant_names(names: &[&str], strip: bool) -> Vec<String> {
    let tokens: Vec<Vec<&str>> = names.iter().map(|n| n.split('_').collect()).collect();
    let mut common = 0;
    if strip && names.len() > 1 {
        let min = tokens.iter().map(Vec::len).min().unwrap_or(0);
        while common + 1 < min && tokens.iter().all(|t| t[common] == tokens[0][common]) {
            common += 1;
        }
    } else if strip && names.len() == 1 {
        common = tokens[0].len().saturating_sub(1);
    }
    tokens
        .iter()
        .map(|t| {
            let mut s = String::new();
            for part in &t[common..] {
                let lower = part.to_lowercase();
                let mut cs = lower.chars();
                if let Some(c) = cs.next() {
                    s.extend(c.to_uppercase());
                    s.push_str(cs.as_str());
                }
            }
            if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() {
                s.insert(0, 'V');
            }
            if s == "Self" {
                s.push('_');
            }
            s
        })
        .collect()
}

/// The declaration as it reads in XDR, for docs.
fn decl_text(d: &Declaration) -> String {
    let ty = match &d.ty {
        TypeSpec::Int => "int".to_string(),
        TypeSpec::UnsignedInt => "unsigned int".to_string(),
        TypeSpec::Hyper => "hyper".to_string(),
        TypeSpec::UnsignedHyper => "unsigned hyper".to_string(),
        TypeSpec::Short => "short".to_string(),
        TypeSpec::UnsignedShort => "unsigned short".to_string(),
        TypeSpec::Char => "char".to_string(),
        TypeSpec::UnsignedChar => "unsigned char".to_string(),
        TypeSpec::Float => "float".to_string(),
        TypeSpec::Double => "double".to_string(),
        TypeSpec::Bool => "bool".to_string(),
        TypeSpec::String => "string".to_string(),
        TypeSpec::Opaque => "opaque".to_string(),
        TypeSpec::Named(n) => n.clone(),
    };
    let val = |v: &Value| match v {
        Value::Literal(n) => n.to_string(),
        Value::Named(n) => n.clone(),
    };
    match &d.shape {
        Shape::Scalar => format!("{ty} {}", d.name),
        Shape::Optional => format!("{ty} *{}", d.name),
        Shape::Fixed(n) => format!("{ty} {}[{}]", d.name, val(n)),
        Shape::Variable(None) => format!("{ty} {}<>", d.name),
        Shape::Variable(Some(n)) => format!("{ty} {}<{}>", d.name, val(n)),
    }
}

fn annotation_doc(a: &Annotations) -> String {
    let mut s = String::new();
    if !a.acl.is_empty() {
        s.push_str(&format!("\n\nACL: `{}`", a.acl.join("`, `")));
    }
    if !a.aclfilter.is_empty() {
        s.push_str(&format!("\n\nACL filter: `{}`", a.aclfilter.join("`, `")));
    }
    if let Some(p) = &a.priority {
        s.push_str(&format!("\n\nPriority: {p}."));
    }
    s
}

/// `#[doc]` attributes, one per line, so prettyplease prints `///` lines.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let mut out = TokenStream::new();
    for line in text.lines() {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        out.extend(quote!(#[doc = #line]));
    }
    out
}

/// The doc of a definition: its comment and its source, fenced as text so
/// rustdoc neither links nor tests them.
fn definition_doc(spec: &Spec, def: &Definition) -> TokenStream {
    let mut text = String::new();
    if let Some(c) = &def.comment {
        let cleaned: Vec<String> = c
            .lines()
            .map(|l| l.trim().trim_start_matches('*').trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if !cleaned.is_empty() && !cleaned.iter().any(|l| l.starts_with('@')) {
            text.push_str("```text\n");
            for l in &cleaned {
                text.push_str(&l.replace("```", "'''"));
                text.push('\n');
            }
            text.push_str("```\n\n");
        }
    }
    text.push_str(&format!(
        "Defined in `{}` line {}:\n\n```text\n",
        spec.file, def.line
    ));
    text.push_str(&def.source.replace("```", "'''"));
    text.push_str("\n```");
    doc_attrs(&text)
}

fn codec_attr(codec: Codec) -> TokenStream {
    match codec {
        Codec::Plain => TokenStream::new(),
        Codec::FixedOpaque => quote!(#[serde(with = "::libvirt_xdr::with::fixed_opaque")]),
        Codec::Opaque => quote!(#[serde(with = "::libvirt_xdr::with::opaque")]),
        Codec::BoundedOpaque(n) => {
            let ser = format!("::libvirt_xdr::with::bounded_opaque::serialize::<{n}, _, _>");
            let de = format!("::libvirt_xdr::with::bounded_opaque::deserialize::<{n}, _, _>");
            quote!(#[serde(serialize_with = #ser, deserialize_with = #de)])
        }
        Codec::Bounded(n) => {
            let ser = format!("::libvirt_xdr::with::bounded::serialize::<{n}, _, _>");
            let de = format!("::libvirt_xdr::with::bounded::deserialize::<{n}, _, _>");
            quote!(#[serde(serialize_with = #ser, deserialize_with = #de)])
        }
    }
}

/// A word of libvirt's documentation made safe for rustdoc: brackets and
/// angle brackets are not read as links or HTML, markdown's marks stay
/// text.
pub(crate) fn rustdoc_escape(word: &str) -> String {
    word.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('`', "'")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('#', "\\#")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake("callbackID"), "callback_id");
        assert_eq!(snake("cacheSize"), "cache_size");
        assert_eq!(snake("nparams"), "nparams");
        assert_eq!(snake("IOThread"), "io_thread");
        assert_eq!(
            camel("domain_lookup_by_name_args"),
            "DomainLookupByNameArgs"
        );
        assert_eq!(camel("MessageHeader"), "MessageHeader");
        assert_eq!(
            variant_names(&["VIR_NET_CALL", "VIR_NET_REPLY_WITH_FDS"], true),
            vec!["Call", "ReplyWithFds"]
        );
        assert_eq!(field_ident("type").to_string(), "r#type");
    }
}
