//! The syntax tree of a libvirt `.x` protocol file.
//!
//! It keeps everything the generator needs: every definition with its
//! original source text and line, and the annotation comments of procedure
//! enums (`@generate`, `@acl`, ...) as data.

/// One parsed `.x` file.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// The file name the spec was parsed from (for messages and docs).
    pub file: String,
    /// The definitions in file order.
    pub definitions: Vec<Definition>,
}

/// One top-level definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// What is defined.
    pub kind: DefinitionKind,
    /// The definition's text exactly as written in the `.x` file.
    pub source: String,
    /// 1-based line of the definition's first character.
    pub line: usize,
    /// The comment directly before the definition, if any (without `/*`, `*/`).
    pub comment: Option<String>,
}

impl Definition {
    /// The name this definition declares.
    pub fn name(&self) -> &str {
        match &self.kind {
            DefinitionKind::Const { name, .. }
            | DefinitionKind::Struct { name, .. }
            | DefinitionKind::Enum { name, .. }
            | DefinitionKind::Union { name, .. } => name,
            DefinitionKind::Typedef(decl) => &decl.name,
        }
    }
}

/// The kinds of top-level definitions of the XDR language as libvirt uses it.
#[derive(Clone, Debug, PartialEq)]
pub enum DefinitionKind {
    /// `const NAME = value;`
    Const {
        /// The constant's name.
        name: String,
        /// Its value: a literal or another constant's name.
        value: Value,
    },
    /// `typedef <declaration>;`
    Typedef(Declaration),
    /// `struct name { declarations };`
    Struct {
        /// The struct's name.
        name: String,
        /// Its fields in wire order.
        fields: Vec<Declaration>,
    },
    /// `enum name { A = 1, B = 2 };`
    Enum {
        /// The enum's name.
        name: String,
        /// Its values in file order.
        variants: Vec<EnumVariant>,
    },
    /// `union name switch (type discr) { case ...: decl; default: decl; };`
    Union {
        /// The union's name.
        name: String,
        /// The discriminant declaration.
        discriminant: Declaration,
        /// The arms, each with one or more case values.
        cases: Vec<UnionCase>,
        /// The `default:` arm, if present (`None` inside means `void`).
        default: Option<Option<Declaration>>,
    },
}

/// A constant value: a literal or a reference to a named constant (which may
/// come from another `.x` file or from libvirt's public C headers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A decimal, hexadecimal or octal literal, possibly negative.
    Literal(i64),
    /// A named constant.
    Named(String),
}

/// A declaration: a field, typedef body, union arm or discriminant.
#[derive(Clone, Debug, PartialEq)]
pub struct Declaration {
    /// The declared name.
    pub name: String,
    /// The element type.
    pub ty: TypeSpec,
    /// Scalar, optional, fixed or variable-length array.
    pub shape: Shape,
}

/// How a declaration arranges its type.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// `T name`
    Scalar,
    /// `T *name`: XDR optional data.
    Optional,
    /// `T name[N]`: fixed-length array (fixed opaque for `opaque`).
    Fixed(Value),
    /// `T name<N>` or `T name<>`: variable-length array (string, opaque, or
    /// counted array), with its maximum if declared.
    Variable(Option<Value>),
}

/// An XDR type specifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeSpec {
    /// `int`
    Int,
    /// `unsigned int` or `unsigned`
    UnsignedInt,
    /// `hyper`
    Hyper,
    /// `unsigned hyper`
    UnsignedHyper,
    /// `short` (4 bytes on the wire)
    Short,
    /// `unsigned short` (4 bytes on the wire)
    UnsignedShort,
    /// `char` (4 bytes on the wire, as libvirt's rpcgen uses it)
    Char,
    /// `unsigned char` (4 bytes on the wire)
    UnsignedChar,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `bool`
    Bool,
    /// `string` (only with a variable shape)
    String,
    /// `opaque` (only with a fixed or variable shape)
    Opaque,
    /// A named type (typedef, struct, enum or union), possibly written with
    /// a `struct`/`enum`/`union` keyword before it.
    Named(String),
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The value's name.
    pub name: String,
    /// Its value.
    pub value: Value,
    /// The annotations from the comment just before it (procedure enums).
    pub annotations: Annotations,
    /// 1-based line of the value.
    pub line: usize,
}

/// One arm of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionCase {
    /// The case values that select this arm.
    pub values: Vec<Value>,
    /// The arm's declaration, or `None` for `void`.
    pub declaration: Option<Declaration>,
}

/// Annotations from the doc comment of a procedure, as libvirt's `.x`
/// files define them at the top of their procedure enums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    /// `@generate: none|client|server|both`
    pub generate: Option<String>,
    /// `@priority: low|high`
    pub priority: Option<String>,
    /// Every `@acl:` rule, in order.
    pub acl: Vec<String>,
    /// Every `@aclfilter:` rule, in order.
    pub aclfilter: Vec<String>,
    /// `@readstream: N` (server to client stream; N is the C argument index)
    pub readstream: Option<u32>,
    /// `@writestream: N` (client to server stream)
    pub writestream: Option<u32>,
    /// `@sparseflag: FLAG_NAME`
    pub sparseflag: Option<String>,
}

impl Annotations {
    /// Whether no annotation is set.
    pub fn is_empty(&self) -> bool {
        *self == Annotations::default()
    }
}
