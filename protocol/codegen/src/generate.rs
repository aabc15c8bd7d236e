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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ast::{
    Declaration, Definition, DefinitionKind, EnumVariant, Shape, Spec, TypeSpec, Value,
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
    let mut generated = generate(&specs, &headers)?;
    generated.inputs = inputs;
    Ok(generated)
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
    let ctx = Context::new(specs, headers)?;
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
enum Codec {
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
enum ParamKind {
    Str,
    OptStr,
    Value,
}

/// A resolved field type.
struct FieldType {
    ty: TokenStream,
    codec: Codec,
    param: ParamKind,
}

struct TypeEntry<'a> {
    module: &'static str,
    rust: String,
    def: &'a Definition,
}

struct Context<'a> {
    types: HashMap<&'a str, TypeEntry<'a>>,
    consts: HashMap<&'a str, &'a Value>,
    enum_values: HashMap<&'a str, i64>,
    headers: &'a Headers,
}

impl<'a> Context<'a> {
    fn new(specs: &'a [Spec], headers: &'a Headers) -> Result<Self, GenError> {
        let mut ctx = Context {
            types: HashMap::new(),
            consts: HashMap::new(),
            enum_values: HashMap::new(),
            headers,
        };
        for (pf, spec) in PROTOCOL_FILES.iter().zip(specs) {
            for def in &spec.definitions {
                let where_ = || format!("{}:{}", spec.file, def.line);
                match &def.kind {
                    DefinitionKind::Const { name, value } => {
                        if ctx.consts.insert(name, value).is_some() {
                            return err(format!("{}: constant `{name}` defined twice", where_()));
                        }
                    }
                    kind => {
                        let name = def.name();
                        let rust = type_name(pf, name);
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
    fn value(&self, v: &Value) -> Result<i64, GenError> {
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

    fn entry(&self, name: &str) -> Result<&TypeEntry<'a>, GenError> {
        self.types.get(name).ok_or_else(|| GenError {
            message: format!("unknown type `{name}`"),
        })
    }

    /// The absolute path of a named type (`crate::remote::NonnullDomain`),
    /// valid from any generated module or submodule.
    fn type_path(&self, name: &str, _from: &str) -> Result<TokenStream, GenError> {
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
    fn is_string_typedef(&self, name: &str) -> bool {
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

    fn field_type(&self, decl: &Declaration, from: &str) -> Result<FieldType, GenError> {
        let (codec, param) = self.decl_traits(&decl.ty, &decl.shape, 0)?;
        let ty = match (&decl.ty, &decl.shape) {
            (TypeSpec::String, _) => quote!(::libvirt_xdr::ByteString),
            (TypeSpec::Opaque, Shape::Fixed(n)) => {
                let n = self.array_len(n)?;
                quote!([u8; #n])
            }
            (TypeSpec::Opaque, _) => quote!(::alloc::vec::Vec<u8>),
            (t, Shape::Scalar) => self.base_type(t, from)?,
            (t, Shape::Optional) => {
                let b = self.base_type(t, from)?;
                quote!(::core::option::Option<#b>)
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
                quote!(::alloc::vec::Vec<#b>)
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

    fn definition(
        &self,
        pf: &ProtocolFile,
        spec: &Spec,
        def: &Definition,
    ) -> Result<TokenStream, GenError> {
        let docs = definition_doc(spec, def);
        match &def.kind {
            DefinitionKind::Const { name, value } => {
                let v = self.value(value)?;
                let ident = format_ident!("{}", name);
                let (ty, lit) = int_const(v);
                Ok(quote! {
                    #docs
                    pub const #ident: #ty = #lit;
                })
            }
            DefinitionKind::Typedef(decl) => {
                let ident = format_ident!("{}", self.entry(&decl.name)?.rust);
                let ft = self.field_type(decl, pf.module)?;
                let ty = ft.ty;
                Ok(quote! {
                    #docs
                    pub type #ident = #ty;
                })
            }
            DefinitionKind::Struct { name, fields } => {
                let ident = format_ident!("{}", self.entry(name)?.rust);
                let mut seen = HashSet::new();
                let mut out = TokenStream::new();
                for f in fields {
                    let fname = field_ident(&f.name);
                    if !seen.insert(fname.to_string()) {
                        return err(format!("two fields map to `{fname}`"));
                    }
                    let ft = self.field_type(f, pf.module)?;
                    let attr = codec_attr(ft.codec);
                    let ty = ft.ty;
                    let doc = doc_attrs(&format!("XDR: `{}`", decl_text(f)));
                    out.extend(quote! {
                        #doc
                        #attr
                        pub #fname: #ty,
                    });
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
                let ident = format_ident!("{}", self.entry(name)?.rust);
                if default.is_some() {
                    return err(
                        "unions with a `default` arm are not supported yet (libvirt has none)",
                    );
                }
                // On the wire a discriminant is a 4-byte int (enum, bool, int) or
                // unsigned int; it is read and written as that.
                if discriminant.shape != Shape::Scalar {
                    return err("the discriminant must be a scalar");
                }
                let dt = match &discriminant.ty {
                    TypeSpec::UnsignedInt => quote!(u32),
                    TypeSpec::Int | TypeSpec::Bool => quote!(i32),
                    TypeSpec::Named(n)
                        if matches!(self.entry(n)?.def.kind, DefinitionKind::Enum { .. }) =>
                    {
                        quote!(i32)
                    }
                    other => {
                        return err(format!(
                            "discriminant type {other:?} is not int, unsigned int, bool or an enum"
                        ));
                    }
                };
                let names: Vec<&str> = cases
                    .iter()
                    .map(|c| match c.values.first() {
                        Some(Value::Named(n)) => n.as_str(),
                        _ => "",
                    })
                    .collect();
                let vnames = if names.iter().all(|n| !n.is_empty()) {
                    variant_names(&names, true)
                } else {
                    cases
                        .iter()
                        .map(|c| {
                            c.declaration
                                .as_ref()
                                .map_or_else(|| "Void".to_string(), |d| camel(&d.name))
                        })
                        .collect()
                };
                let mut variants = TokenStream::new();
                let mut ser_arms = TokenStream::new();
                let mut de_arms = TokenStream::new();
                for (case, vname) in cases.iter().zip(&vnames) {
                    let vident = format_ident!("{}", vname);
                    let values = case
                        .values
                        .iter()
                        .map(|v| self.value(v))
                        .collect::<Result<Vec<_>, _>>()?;
                    let lits: Vec<Literal> =
                        values.iter().map(|v| Literal::i64_unsuffixed(*v)).collect();
                    let first = &lits[0];
                    let case_text = case
                        .values
                        .iter()
                        .map(|v| match v {
                            Value::Named(n) => n.clone(),
                            Value::Literal(n) => n.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    match &case.declaration {
                        Some(decl) => {
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
                            let doc =
                                doc_attrs(&format!("`case {case_text}: {};`", decl_text(decl)));
                            variants.extend(quote! { #doc #vident(#ty), });
                            ser_arms.extend(quote! {
                                Self::#vident(v) => {
                                    let mut t = s.serialize_tuple(2)?;
                                    t.serialize_element(&(#first as #dt))?;
                                    t.serialize_element(v)?;
                                    t.end()
                                }
                            });
                            de_arms.extend(quote! {
                                #(#lits)|* => seq
                                    .next_element()?
                                    .map(#ident::#vident)
                                    .ok_or_else(|| ::serde::de::Error::invalid_length(1, &self)),
                            });
                        }
                        None => {
                            let doc = doc_attrs(&format!("`case {case_text}: void;`"));
                            variants.extend(quote! { #doc #vident, });
                            ser_arms.extend(quote! {
                                Self::#vident => {
                                    let mut t = s.serialize_tuple(1)?;
                                    t.serialize_element(&(#first as #dt))?;
                                    t.end()
                                }
                            });
                            de_arms.extend(quote! { #(#lits)|* => Ok(#ident::#vident), });
                        }
                    }
                }
                let expecting = format!("the XDR union `{name}`");
                Ok(quote! {
                    #docs
                    #[derive(Clone, Debug, PartialEq)]
                    #[cfg_attr(feature = "arbitrary", derive(::arbitrary::Arbitrary))]
                    pub enum #ident {
                        #variants
                    }

                    impl ::serde::Serialize for #ident {
                        fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                            use ::serde::ser::SerializeTuple;
                            match self {
                                #ser_arms
                            }
                        }
                    }

                    impl<'de> ::serde::Deserialize<'de> for #ident {
                        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                            struct UnionVisitor;
                            impl<'de> ::serde::de::Visitor<'de> for UnionVisitor {
                                type Value = #ident;
                                fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                                    f.write_str(#expecting)
                                }
                                fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> ::core::result::Result<#ident, A::Error> {
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
                })
            }
        }
    }

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
            from_arms.extend(quote! { #lit => ::core::option::Option::Some(Self::#vident), });
            let cname = &v.name;
            name_arms.extend(quote! { Self::#vident => #cname, });
            all.push(quote!(Self::#vident));
        }
        let expecting = format!("a value of the XDR enum `{name}`");
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
                pub const fn from_i32(value: i32) -> ::core::option::Option<Self> {
                    match value {
                        #from_arms
                        _ => ::core::option::Option::None,
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

            impl ::serde::Serialize for #ident {
                fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    s.serialize_i32(*self as i32)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                    let value = <i32 as ::serde::Deserialize<'de>>::deserialize(d)?;
                    Self::from_i32(value).ok_or_else(|| {
                        <D::Error as ::serde::de::Error>::invalid_value(
                            ::serde::de::Unexpected::Signed(i64::from(value)),
                            &#expecting,
                        )
                    })
                }
            }
        })
    }

    /// The program-level items: procedure table, zero-sized procedure types,
    /// events, payload dispatch and the API traits.
    fn program(
        &self,
        pf: &ProtocolFile,
        spec: &Spec,
        program: &str,
    ) -> Result<(TokenStream, ProgramSummary), GenError> {
        let upper = program.to_uppercase();
        let prog_const = format_ident!("{}_PROGRAM", upper);
        let vers_const = format_ident!("{}_PROTOCOL_VERSION", upper);
        let program_number = self.value(&Value::Named(format!("{upper}_PROGRAM")))?;
        let program_number = u32::try_from(program_number).map_err(|_| GenError {
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
        let proc_prefix = format!("{upper}_PROC_");
        let proc_enum = format_ident!("{}", self.entry(&enum_name)?.rust);
        let is_keepalive = program == "keepalive";

        let mut table = TokenStream::new();
        let mut zsts = TokenStream::new();
        let mut info_arms = TokenStream::new();
        let mut visit_arms = TokenStream::new();
        let mut event_variants = TokenStream::new();
        let mut event_decode = TokenStream::new();
        let mut event_proc = TokenStream::new();
        let mut event_cb = TokenStream::new();
        let mut event_encode = TokenStream::new();
        let mut async_methods = TokenStream::new();
        let mut blocking_methods = TokenStream::new();
        let mut events = 0usize;
        let vnames = enum_variant_names(&enum_name, variants);
        let mut numbers = BTreeMap::new();

        for (index, (v, vname)) in variants.iter().zip(&vnames).enumerate() {
            let number = i32::try_from(self.value(&v.value)?).map_err(|_| GenError {
                message: format!("procedure number of {} does not fit in int", v.name),
            })?;
            numbers.insert(number, &v.name);
            let Some(stem) = v.name.strip_prefix(&proc_prefix) else {
                return err(format!(
                    "{}:{}: procedure `{}` lacks prefix {proc_prefix}",
                    spec.file, v.line, v.name
                ));
            };
            let method = stem.to_lowercase();
            let args_name = format!("{program}_{method}_args");
            let ret_name = format!("{program}_{method}_ret");
            let msg_name = format!("{program}_{method}_msg");
            let has = |n: &str| self.types.contains_key(n);
            let (kind, args, ret) = if has(&msg_name) {
                if has(&args_name) || has(&ret_name) {
                    return err(format!(
                        "{}: `{}` has both a _msg and _args/_ret type",
                        spec.file, v.name
                    ));
                }
                ("Event", Some(msg_name.clone()), None)
            } else if is_keepalive {
                ("Message", None, None)
            } else {
                (
                    "Call",
                    has(&args_name).then(|| args_name.clone()),
                    has(&ret_name).then(|| ret_name.clone()),
                )
            };
            let a = &v.annotations;
            let stream = match (
                STREAM_OVERRIDES.iter().find(|(n, _)| *n == v.name),
                a.readstream,
                a.writestream,
            ) {
                (Some((_, dir)), _, _) => dir,
                (None, Some(_), Some(_)) => "Both",
                (None, Some(_), None) => "Read",
                (None, None, Some(_)) => "Write",
                (None, None, None) => "None",
            };
            let sparse = match &a.sparseflag {
                Some(flag) => {
                    let n = self.value(&Value::Named(flag.clone()))?;
                    let n = u32::try_from(n).map_err(|_| GenError {
                        message: format!("sparse flag {flag} = {n} does not fit in u32"),
                    })?;
                    quote!(::core::option::Option::Some(#n))
                }
                None => quote!(::core::option::Option::None),
            };
            let fds = FD_PROCEDURES
                .iter()
                .find(|(n, _)| *n == v.name)
                .map_or("None", |(_, f)| *f);
            let priority = match a.priority.as_deref() {
                None | Some("low") => "Low",
                Some("high") => "High",
                Some(other) => return err(format!("{}: unknown priority `{other}`", v.name)),
            };
            let generate = match a.generate.as_deref() {
                None | Some("none") => "None",
                Some("client") => "Client",
                Some("server") => "Server",
                Some("both") => "Both",
                Some(other) => return err(format!("{}: unknown @generate `{other}`", v.name)),
            };
            let opt_str = |s: &Option<String>| match s {
                Some(s) => quote!(::core::option::Option::Some(#s)),
                None => quote!(::core::option::Option::None),
            };
            let (kind_i, stream_i, fds_i, prio_i, gen_i) = (
                format_ident!("{}", kind),
                format_ident!("{}", stream),
                format_ident!("{}", fds),
                format_ident!("{}", priority),
                format_ident!("{}", generate),
            );
            let (args_s, ret_s) = (opt_str(&args), opt_str(&ret));
            let (acl, aclfilter) = (&a.acl, &a.aclfilter);
            let cname = &v.name;
            table.extend(quote! {
                crate::ProcedureInfo {
                    program: #prog_const,
                    version: #vers_const,
                    number: #number,
                    name: #cname,
                    method: #method,
                    args: #args_s,
                    ret: #ret_s,
                    kind: crate::ProcedureKind::#kind_i,
                    stream: crate::StreamDirection::#stream_i,
                    sparse_flag: #sparse,
                    fds: crate::FdPassing::#fds_i,
                    priority: crate::Priority::#prio_i,
                    generate: crate::Generate::#gen_i,
                    acl: &[#(#acl),*],
                    aclfilter: &[#(#aclfilter),*],
                },
            });
            let vident = format_ident!("{}", vname);
            info_arms.extend(quote! { Self::#vident => &PROCEDURES[#index], });

            // Zero-sized procedure type.
            let mut doc = format!("`{cname}` = {number}: ");
            doc.push_str(match kind {
                "Event" => "an event the server sends.",
                "Message" => "a keepalive message either side sends.",
                _ => "a procedure the client calls.",
            });
            doc.push_str(&annotation_doc(a));
            let doc = doc_attrs(&doc);
            let args_ty = match &args {
                Some(n) => self.type_path(n, pf.module)?,
                None => quote!(()),
            };
            let ret_ty = match &ret {
                Some(n) => self.type_path(n, pf.module)?,
                None => quote!(()),
            };
            let trait_impl = match kind {
                "Call" => quote! {
                    impl crate::CallProcedure for #vident {
                        type Args = #args_ty;
                        type Ret = #ret_ty;
                    }
                },
                "Event" => quote! {
                    impl crate::EventProcedure for #vident {
                        type Message = #args_ty;
                    }
                },
                _ => TokenStream::new(),
            };
            zsts.extend(quote! {
                #doc
                #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
                pub struct #vident;
                impl crate::Procedure for #vident {
                    const INFO: &'static crate::ProcedureInfo = &super::PROCEDURES[#index];
                }
                #trait_impl
            });

            // Run-time payload dispatch.
            let num = Literal::i32_unsuffixed(number);
            visit_arms.extend(quote! { (#num, crate::PayloadPart::Args) => ::core::option::Option::Some(visitor.visit::<#args_ty>()), });
            if kind != "Event" {
                visit_arms.extend(quote! { (#num, crate::PayloadPart::Ret) => ::core::option::Option::Some(visitor.visit::<#ret_ty>()), });
            }

            if kind == "Event" {
                events += 1;
                let msg = args.as_deref().unwrap_or_default();
                let edoc = doc_attrs(&format!("`{cname}` ({number}) carrying `{msg}`."));
                event_variants.extend(quote! { #edoc #vident(#args_ty), });
                event_decode.extend(quote! {
                    #num => ::libvirt_xdr::from_bytes(payload).map(|m| ::core::option::Option::Some(Self::#vident(m))),
                });
                event_proc.extend(quote! { Self::#vident(_) => #proc_enum::#vident, });
                event_encode.extend(quote! { Self::#vident(m) => ::libvirt_xdr::to_vec(m), });
                if let Some(DefinitionKind::Struct { fields, .. }) = args
                    .as_deref()
                    .and_then(|n| self.types.get(n))
                    .map(|e| &e.def.kind)
                {
                    if fields
                        .first()
                        .is_some_and(|f| f.name == "callbackID" && f.ty == TypeSpec::Int)
                    {
                        event_cb.extend(quote! { Self::#vident(m) => ::core::option::Option::Some(m.callback_id), });
                    }
                }
            }

            if kind == "Call" {
                let (am, bm) = self.api_methods(
                    pf,
                    cname,
                    number,
                    &method,
                    &vident,
                    args.as_deref(),
                    ret.as_deref(),
                    stream,
                    fds,
                    a,
                )?;
                async_methods.extend(am);
                blocking_methods.extend(bm);
            }
        }
        if numbers.len() != variants.len() {
            return err(format!("{}: duplicate procedure numbers", spec.file));
        }

        let count = variants.len();
        let module = pf.module;
        let mut out = quote! {
            /// This program's number.
            pub const PROGRAM: u32 = #prog_const;
            /// This program's version.
            pub const VERSION: u32 = #vers_const;

            /// Metadata of every procedure of this program, in the order of the
            /// procedure enum.
            pub const PROCEDURES: &[crate::ProcedureInfo; #count] = &[#table];

            impl #proc_enum {
                /// This procedure's metadata.
                pub const fn info(self) -> &'static crate::ProcedureInfo {
                    match self {
                        #info_arms
                    }
                }
            }

            /// One zero-sized type per procedure, tying its number to its
            /// argument and return types (see [`crate::Procedure`]).
            pub mod procedures {
                #zsts
            }

            /// Calls `visitor` with the Rust type of a payload of this program,
            /// chosen by procedure number and part at run time. Returns `None`
            /// for an unknown procedure, or for `Ret` of an event.
            pub fn visit_payload_type<V: crate::PayloadTypeVisitor>(
                procedure: i32,
                part: crate::PayloadPart,
                visitor: V,
            ) -> ::core::option::Option<V::Output> {
                match (procedure, part) {
                    #visit_arms
                    _ => ::core::option::Option::None,
                }
            }
        };
        if events > 0 {
            out.extend(quote! {
                /// A typed event of this program, decoded from a MESSAGE packet.
                #[derive(Clone, Debug, PartialEq)]
                #[non_exhaustive]
                pub enum Event {
                    #event_variants
                }

                impl Event {
                    /// Decodes the payload of an event MESSAGE with this procedure
                    /// number. `Ok(None)` means the procedure is not an event this
                    /// version knows (libvirt's rule: ignore it).
                    pub fn decode(procedure: i32, payload: &[u8]) -> ::core::result::Result<::core::option::Option<Self>, ::libvirt_xdr::Error> {
                        match procedure {
                            #event_decode
                            _ => ::core::result::Result::Ok(::core::option::Option::None),
                        }
                    }

                    /// The event's procedure.
                    pub const fn procedure(&self) -> #proc_enum {
                        match self {
                            #event_proc
                        }
                    }

                    /// The server-assigned callback id the event is for, if the
                    /// event carries one (all but the legacy events do).
                    #[allow(unreachable_patterns)]
                    pub const fn callback_id(&self) -> ::core::option::Option<i32> {
                        match self {
                            #event_cb
                            _ => ::core::option::Option::None,
                        }
                    }

                    /// Encodes the event's payload (for tests and simulated peers).
                    pub fn encode(&self) -> ::core::result::Result<::alloc::vec::Vec<u8>, ::libvirt_xdr::Error> {
                        match self {
                            #event_encode
                        }
                    }
                }
            });
        }
        if !is_keepalive {
            let camel_prog = camel(program);
            let api = format_ident!("{}Api", camel_prog);
            let bapi = format_ident!("{}BlockingApi", camel_prog);
            let adoc = format!(
                "Every callable procedure of the `{module}` program as an async method; implemented for every [`crate::api::AsyncCall`]."
            );
            let bdoc = format!(
                "Every callable procedure of the `{module}` program as a blocking method; implemented for every [`crate::api::BlockingCall`]."
            );
            out.extend(quote! {
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
            });
        }
        Ok((
            out,
            ProgramSummary {
                module: module.to_string(),
                program: program_number,
                procedures: count,
                events,
            },
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn api_methods(
        &self,
        pf: &ProtocolFile,
        cname: &str,
        number: i32,
        method: &str,
        zst: &Ident,
        args: Option<&str>,
        ret: Option<&str>,
        stream: &str,
        fds: &str,
        a: &crate::ast::Annotations,
    ) -> Result<(TokenStream, TokenStream), GenError> {
        let mname = field_ident(method);
        // Parameters from the args struct.
        let mut params = Vec::new();
        let mut inits = Vec::new();
        let args_expr = match args {
            Some(n) => {
                let e = self.entry(n)?;
                let DefinitionKind::Struct { fields, .. } = &e.def.kind else {
                    return err(format!("{n} is not a struct"));
                };
                for f in fields {
                    let fid = field_ident(&f.name);
                    let ft = self.field_type(f, pf.module)?;
                    let ty = ft.ty;
                    match ft.param {
                        ParamKind::Str => {
                            // Text or bytes: `"web"`, `&dom.name`, a `Vec<u8>`.
                            params.push(quote!(#fid: impl ::core::convert::AsRef<[u8]>));
                            inits
                                .push(quote!(#fid: ::libvirt_xdr::ByteString::from(#fid.as_ref())));
                        }
                        ParamKind::OptStr => {
                            params.push(quote!(#fid: ::core::option::Option<&str>));
                            inits.push(quote!(#fid: #fid.map(::libvirt_xdr::ByteString::from)));
                        }
                        ParamKind::Value => {
                            params.push(quote!(#fid: #ty));
                            inits.push(quote!(#fid));
                        }
                    }
                }
                let path = self.type_path(n, pf.module)?;
                quote!(#path { #(#inits),* })
            }
            None => quote!(()),
        };
        // The result: void, the single field, or the whole struct.
        let (ret_ty, project) = match ret {
            None => (quote!(()), None),
            Some(n) => {
                let e = self.entry(n)?;
                let DefinitionKind::Struct { fields, .. } = &e.def.kind else {
                    return err(format!("{n} is not a struct"));
                };
                if fields.len() == 1 {
                    let f = &fields[0];
                    let ft = self.field_type(f, pf.module)?;
                    let fid = field_ident(&f.name);
                    (ft.ty, Some(fid))
                } else {
                    (self.type_path(n, pf.module)?, None)
                }
            }
        };
        let void_ret = ret.is_none();
        let is_stream = stream != "None";
        let has_fds = fds != "None";
        if is_stream && has_fds {
            return err(format!(
                "{cname}: a procedure with both a stream and fds is not supported"
            ));
        }
        // Which way the fds go: with the CALL, with the REPLY, or both.
        let fds_in = matches!(fds, "Call" | "Both");
        let fds_out = matches!(fds, "Reply" | "Both");
        if fds_in {
            params.push(quote!(fds: ::alloc::vec::Vec<Self::Fd>));
        }
        // Output type and the mapping from what the adapter returns.
        let (out_ty, map) = if is_stream {
            match (&project, void_ret) {
                (_, true) => (quote!(Self::Stream), Some(quote!(|(_, s)| s))),
                (Some(fid), _) => (
                    quote!((#ret_ty, Self::Stream)),
                    Some(quote!(|(r, s)| (r.#fid, s))),
                ),
                (None, _) => (quote!((#ret_ty, Self::Stream)), None),
            }
        } else if fds_out {
            match (&project, void_ret) {
                (_, true) => (
                    quote!(::alloc::vec::Vec<Self::Fd>),
                    Some(quote!(|(_, f)| f)),
                ),
                (Some(fid), _) => (
                    quote!((#ret_ty, ::alloc::vec::Vec<Self::Fd>)),
                    Some(quote!(|(r, f)| (r.#fid, f))),
                ),
                (None, _) => (quote!((#ret_ty, ::alloc::vec::Vec<Self::Fd>)), None),
            }
        } else if fds_in {
            // The reply carries no fds: return only the value.
            match &project {
                Some(fid) => (ret_ty.clone(), Some(quote!(|(r, _)| r.#fid))),
                None => (ret_ty.clone(), Some(quote!(|(r, _)| r))),
            }
        } else {
            match &project {
                Some(fid) => (ret_ty.clone(), Some(quote!(|r| r.#fid))),
                None => (ret_ty.clone(), None),
            }
        };
        let call = if is_stream {
            quote!(call_stream::<procedures::#zst>(args))
        } else if fds_in {
            quote!(call_with_fds::<procedures::#zst>(args, fds))
        } else if fds_out {
            quote!(call_with_fds::<procedures::#zst>(args, ::alloc::vec::Vec::new()))
        } else {
            quote!(call::<procedures::#zst>(args))
        };
        let mut doc = format!("Calls `{cname}` ({number}).");
        if let Some(n) = args {
            doc.push_str(&format!(" Arguments: the fields of `{n}`."));
        }
        if let Some(n) = ret {
            if project.is_some() {
                doc.push_str(&format!(" Returns the only field of `{n}`."));
            } else {
                doc.push_str(&format!(" Returns `{n}`."));
            }
        }
        if is_stream {
            doc.push_str(&format!(" Opens a {} data stream.", stream.to_lowercase()));
        }
        if fds_in {
            doc.push_str(" Sends file descriptors with the call.");
        }
        if fds_out {
            doc.push_str(" Returns the file descriptors the reply carries.");
        }
        doc.push_str(&annotation_doc(a));
        let doc = doc_attrs(&doc);
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
            fn #mname(&self, #(#params),*) -> impl ::core::future::Future<Output = ::core::result::Result<#out_ty, Self::Error>> + Send {
                let args = #args_expr;
                #async_body
            }
        };
        let bm = quote! {
            #doc
            fn #mname(&self, #(#params),*) -> ::core::result::Result<#out_ty, Self::Error> {
                let args = #args_expr;
                #blocking_body
            }
        };
        Ok((am, bm))
    }
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
fn type_name(pf: &ProtocolFile, name: &str) -> String {
    if let Some((_, r)) = TYPE_RENAMES.iter().find(|(n, _)| *n == name) {
        return r.to_string();
    }
    let stripped = name.strip_prefix(pf.type_prefix).unwrap_or(name);
    camel(stripped)
}

/// `domain_lookup_by_name` -> `DomainLookupByName`; existing humps are kept.
fn camel(s: &str) -> String {
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
fn snake(s: &str) -> String {
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
fn field_ident(name: &str) -> Ident {
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

fn annotation_doc(a: &crate::ast::Annotations) -> String {
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
fn doc_attrs(text: &str) -> TokenStream {
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
