//! A nom parser for the XDR language (RFC 4506 §6) as libvirt's `.x` files
//! use it, including rpcgen's `%` pass-through lines and libvirt's annotation
//! comments on procedure enums.
//!
//! Anything the parser does not know is an error with file, line and column:
//! an unknown construct is never skipped silently.

use std::borrow::Cow;
use std::fmt;

use nom::bytes::complete::{tag, take_until, take_while, take_while1};
use nom::character::complete::{char as ch, multispace1};
use nom::{Err as NomErr, IResult, Parser};

use crate::ast::{
    Annotations, Declaration, Definition, DefinitionKind, EnumVariant, Shape, Spec, TypeSpec,
    UnionCase, Value,
};

/// A parse failure, located in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The file name given to [`parse`].
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What was expected or what is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// The parser's internal error: where it failed and what it expected.
#[derive(Debug)]
struct PError<'a> {
    input: &'a str,
    message: Cow<'static, str>,
}

impl<'a> nom::error::ParseError<&'a str> for PError<'a> {
    fn from_error_kind(input: &'a str, kind: nom::error::ErrorKind) -> Self {
        PError {
            input,
            message: Cow::Owned(format!("unexpected input ({})", kind.description())),
        }
    }

    fn append(_: &'a str, _: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

type Res<'a, T> = IResult<&'a str, T, PError<'a>>;

/// A committed failure at `input`: the definition being parsed is malformed.
fn fail<'a, T>(input: &'a str, message: impl Into<Cow<'static, str>>) -> Res<'a, T> {
    Err(NomErr::Failure(PError {
        input,
        message: message.into(),
    }))
}

/// Parses one `.x` file. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Spec, ParseError> {
    let lines = LineIndex::new(text);
    let locate = |rest: &str, message: String| {
        let offset = text.len() - rest.len();
        let (line, column) = lines.line_col(text, offset);
        ParseError {
            file: file.to_string(),
            line,
            column,
            message,
        }
    };
    let mut definitions = Vec::new();
    let mut input = text;
    loop {
        let (rest, comments) = trivia(input).map_err(|e| match e {
            NomErr::Error(e) | NomErr::Failure(e) => locate(e.input, e.message.into_owned()),
            NomErr::Incomplete(_) => locate("", "incomplete input".into()),
        })?;
        if rest.is_empty() {
            break;
        }
        let start = rest;
        match definition(start) {
            Ok((rest, mut kind)) => {
                let source = &start[..start.len() - rest.len()];
                let offset = text.len() - start.len();
                if let DefinitionKind::Enum { variants, .. } = &mut kind {
                    // enum_body stored each value's distance from the end.
                    for v in variants {
                        v.line = lines.line_col(text, text.len() - v.line).0;
                    }
                }
                definitions.push(Definition {
                    kind,
                    source: source.trim_end().to_string(),
                    line: lines.line_col(text, offset).0,
                    comment: comments.last().map(|c| c.to_string()),
                });
                input = rest;
            }
            Err(NomErr::Error(e) | NomErr::Failure(e)) => {
                return Err(locate(e.input, e.message.into_owned()));
            }
            Err(NomErr::Incomplete(_)) => {
                return Err(locate(start, "incomplete definition".into()));
            }
        }
    }
    Ok(Spec {
        file: file.to_string(),
        definitions,
    })
}

/// Byte offsets of line starts, to turn offsets into line and column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }
}

/// Skips white space, `/* */` comments and `%` pass-through lines; returns
/// the comments' inner text in order.
fn trivia(mut input: &str) -> Res<'_, Vec<&str>> {
    let mut comments = Vec::new();
    loop {
        if let Ok((rest, _)) = multispace1::<_, PError<'_>>(input) {
            input = rest;
        } else if let Some(rest) = input.strip_prefix("/*") {
            let (rest, body) = match take_until::<_, _, PError<'_>>("*/").parse(rest) {
                Ok(ok) => ok,
                Err(_) => return fail(input, "unterminated comment"),
            };
            comments.push(body);
            input = &rest[2..];
        } else if input.starts_with('%') {
            // rpcgen pass-through C line: meaningful to C only.
            let end = input.find('\n').unwrap_or(input.len());
            input = &input[end..];
        } else {
            return Ok((input, comments));
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// An identifier after optional trivia.
fn ident(input: &str) -> Res<'_, &str> {
    let (input, _) = trivia(input)?;
    if !input.starts_with(is_ident_start) {
        return Err(NomErr::Error(PError {
            input,
            message: "expected an identifier".into(),
        }));
    }
    take_while1(is_ident_char).parse(input)
}

/// An identifier that must be present (committed).
fn expect_ident<'a>(input: &'a str, what: &'static str) -> Res<'a, &'a str> {
    match ident(input) {
        Ok(ok) => Ok(ok),
        Err(NomErr::Error(e)) => fail(e.input, format!("expected {what}")),
        Err(e) => Err(e),
    }
}

/// The punctuation `s` after optional trivia; committed.
fn expect<'a>(input: &'a str, s: &'static str) -> Res<'a, ()> {
    let (input, _) = trivia(input)?;
    match tag::<_, _, PError<'_>>(s).parse(input) {
        Ok((rest, _)) => Ok((rest, ())),
        Err(_) => fail(input, format!("expected `{s}`")),
    }
}

/// Whether the punctuation `s` comes next (after trivia); consumes it if so.
fn accept<'a>(input: &'a str, s: &'static str) -> Res<'a, bool> {
    let (after, _) = trivia(input)?;
    match after.strip_prefix(s) {
        Some(rest) => Ok((rest, true)),
        None => Ok((input, false)),
    }
}

/// A constant value: a literal (decimal, hex, octal, possibly negative) or
/// a constant's name.
fn value(input: &str) -> Res<'_, Value> {
    let (input, _) = trivia(input)?;
    if input.starts_with(is_ident_start) {
        let (rest, name) = take_while1(is_ident_char).parse(input)?;
        return Ok((rest, Value::Named(name.to_string())));
    }
    let start = input;
    let (input, neg) = match ch::<_, PError<'_>>('-').parse(input) {
        Ok((rest, _)) => (rest, true),
        Err(_) => (input, false),
    };
    let (rest, digits) = take_while(|c: char| c.is_ascii_alphanumeric()).parse(input)?;
    let parsed = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        i64::from_str_radix(hex, 16)
    } else if digits.len() > 1 && digits.starts_with('0') {
        i64::from_str_radix(&digits[1..], 8)
    } else {
        digits.parse::<i64>()
    };
    match parsed {
        Ok(v) => Ok((rest, Value::Literal(if neg { -v } else { v }))),
        Err(_) => fail(start, "expected a number or a constant name"),
    }
}

fn definition(input: &str) -> Res<'_, DefinitionKind> {
    let start = input;
    let (input, keyword) = match ident(input) {
        Ok(ok) => ok,
        Err(_) => return fail(start, "unknown construct: expected a definition"),
    };
    match keyword {
        "const" => {
            let (input, name) = expect_ident(input, "the constant's name")?;
            let (input, _) = expect(input, "=")?;
            let (input, value) = value(input)?;
            let (input, _) = expect(input, ";")?;
            Ok((
                input,
                DefinitionKind::Const {
                    name: name.to_string(),
                    value,
                },
            ))
        }
        "typedef" => {
            let (input, decl) = declaration(input)?;
            let Some(decl) = decl else {
                return fail(input, "`typedef void` is not allowed");
            };
            let (input, _) = expect(input, ";")?;
            Ok((input, DefinitionKind::Typedef(decl)))
        }
        "struct" => {
            let (input, name) = expect_ident(input, "the struct's name")?;
            let (mut input, _) = expect(input, "{")?;
            let mut fields = Vec::new();
            loop {
                let (rest, closed) = accept(input, "}")?;
                if closed {
                    input = rest;
                    break;
                }
                let (rest, decl) = declaration(rest)?;
                let Some(decl) = decl else {
                    return fail(rest, "`void` is not allowed in a struct");
                };
                let (rest, _) = expect(rest, ";")?;
                fields.push(decl);
                input = rest;
            }
            if fields.is_empty() {
                return fail(input, "a struct needs at least one field");
            }
            let (input, _) = expect(input, ";")?;
            Ok((
                input,
                DefinitionKind::Struct {
                    name: name.to_string(),
                    fields,
                },
            ))
        }
        "enum" => {
            let (input, name) = expect_ident(input, "the enum's name")?;
            let (input, variants) = enum_body(input)?;
            let (input, _) = expect(input, ";")?;
            Ok((
                input,
                DefinitionKind::Enum {
                    name: name.to_string(),
                    variants,
                },
            ))
        }
        "union" => union(input),
        other => {
            let _ = other;
            fail(
                start,
                "unknown construct: expected `const`, `typedef`, `struct`, `enum` or `union`",
            )
        }
    }
}

fn enum_body(input: &str) -> Res<'_, Vec<EnumVariant>> {
    let (mut input, _) = expect(input, "{")?;
    let mut variants = Vec::new();
    loop {
        let (rest, comments) = trivia(input)?;
        if let Some(rest) = rest.strip_prefix('}') {
            input = rest;
            break;
        }
        let annotations = match comments.last() {
            Some(c) => match annotations(c) {
                Ok(a) => a,
                Err(message) => return fail(rest, message),
            },
            None => Annotations::default(),
        };
        let at = rest;
        let (rest, name) = expect_ident(rest, "an enum value name or `}`")?;
        let (rest, _) = expect(rest, "=")?;
        let (rest, value) = value(rest)?;
        variants.push(EnumVariant {
            name: name.to_string(),
            value,
            annotations,
            // Distance from the end of the text for now; `parse` turns it
            // into a line number once it knows the whole text.
            line: at.len(),
        });
        let (rest, comma) = accept(rest, ",")?;
        input = rest;
        if !comma {
            let (rest, _) = expect(input, "}")?;
            input = rest;
            break;
        }
    }
    if variants.is_empty() {
        return fail(input, "an enum needs at least one value");
    }
    Ok((input, variants))
}

fn union(input: &str) -> Res<'_, DefinitionKind> {
    let (input, name) = expect_ident(input, "the union's name")?;
    let (input, kw) = expect_ident(input, "`switch`")?;
    if kw != "switch" {
        return fail(input, "expected `switch`");
    }
    let (input, _) = expect(input, "(")?;
    let (input, discriminant) = declaration(input)?;
    let Some(discriminant) = discriminant else {
        return fail(input, "a union discriminant cannot be void");
    };
    let (input, _) = expect(input, ")")?;
    let (mut input, _) = expect(input, "{")?;
    let mut cases: Vec<UnionCase> = Vec::new();
    let mut default = None;
    loop {
        let (rest, closed) = accept(input, "}")?;
        if closed {
            input = rest;
            break;
        }
        let (rest, kw) = expect_ident(rest, "`case`, `default` or `}`")?;
        match kw {
            "case" => {
                let mut values = Vec::new();
                let (mut rest, v) = value(rest)?;
                values.push(v);
                loop {
                    let (r, _) = expect(rest, ":")?;
                    // Further `case X:` labels share the arm.
                    let (after, _) = trivia(r)?;
                    if let Some(after_case) = after.strip_prefix("case") {
                        if after_case.starts_with(|c: char| !is_ident_char(c)) {
                            let (r, v) = value(after_case)?;
                            values.push(v);
                            rest = r;
                            continue;
                        }
                    }
                    rest = r;
                    break;
                }
                let (rest, decl) = declaration(rest)?;
                let (rest, _) = expect(rest, ";")?;
                cases.push(UnionCase {
                    values,
                    declaration: decl,
                });
                input = rest;
            }
            "default" => {
                if default.is_some() {
                    return fail(rest, "a union has at most one `default`");
                }
                let (rest, _) = expect(rest, ":")?;
                let (rest, decl) = declaration(rest)?;
                let (rest, _) = expect(rest, ";")?;
                default = Some(decl);
                input = rest;
            }
            _ => return fail(rest, "expected `case`, `default` or `}`"),
        }
    }
    let (input, _) = expect(input, ";")?;
    Ok((
        input,
        DefinitionKind::Union {
            name: name.to_string(),
            discriminant,
            cases,
            default,
        },
    ))
}

/// A declaration; `None` for `void`.
fn declaration(input: &str) -> Res<'_, Option<Declaration>> {
    let (input, _) = trivia(input)?;
    let type_at = input;
    let (input, word) = expect_ident(input, "a type")?;
    let (input, ty) = match word {
        "void" => return Ok((input, None)),
        "unsigned" => {
            // `unsigned` alone means `unsigned int`.
            match ident(input) {
                Ok((rest, "int")) => (rest, TypeSpec::UnsignedInt),
                Ok((rest, "hyper")) => (rest, TypeSpec::UnsignedHyper),
                Ok((rest, "char")) => (rest, TypeSpec::UnsignedChar),
                Ok((rest, "short")) => (rest, TypeSpec::UnsignedShort),
                Ok((rest, "long")) => return fail(rest, "`long` is not an XDR type"),
                _ => (input, TypeSpec::UnsignedInt),
            }
        }
        "int" => (input, TypeSpec::Int),
        "hyper" => (input, TypeSpec::Hyper),
        "short" => (input, TypeSpec::Short),
        "char" => (input, TypeSpec::Char),
        "float" => (input, TypeSpec::Float),
        "double" => (input, TypeSpec::Double),
        "bool" => (input, TypeSpec::Bool),
        "string" => (input, TypeSpec::String),
        "opaque" => (input, TypeSpec::Opaque),
        "quadruple" | "long" => {
            return fail(type_at, "type not supported by XDR as libvirt uses it");
        }
        "struct" | "enum" | "union" => {
            let (rest, name) = expect_ident(input, "a type name")?;
            (rest, TypeSpec::Named(name.to_string()))
        }
        _ => (input, TypeSpec::Named(word.to_string())),
    };
    let (input, star) = accept(input, "*")?;
    let (input, name) = expect_ident(input, "a declaration name")?;
    let name = name.to_string();
    let (input, shape) = if star {
        (input, Shape::Optional)
    } else if let (rest, true) = accept(input, "[")? {
        let (rest, n) = value(rest)?;
        let (rest, _) = expect(rest, "]")?;
        (rest, Shape::Fixed(n))
    } else if let (rest, true) = accept(input, "<")? {
        let (rest, closed) = accept(rest, ">")?;
        if closed {
            (rest, Shape::Variable(None))
        } else {
            let (rest, n) = value(rest)?;
            let (rest, _) = expect(rest, ">")?;
            (rest, Shape::Variable(Some(n)))
        }
    } else {
        (input, Shape::Scalar)
    };
    match (&ty, &shape) {
        (TypeSpec::String, Shape::Variable(_)) => {}
        (TypeSpec::String, _) => return fail(type_at, "`string` must be declared as `name<N>`"),
        (TypeSpec::Opaque, Shape::Fixed(_) | Shape::Variable(_)) => {}
        (TypeSpec::Opaque, _) => {
            return fail(
                type_at,
                "`opaque` must be declared as `name[N]` or `name<N>`",
            );
        }
        _ => {}
    }
    Ok((input, Some(Declaration { name, ty, shape })))
}

/// Reads the `@key: value` lines of a procedure's doc comment.
fn annotations(comment: &str) -> Result<Annotations, String> {
    let mut a = Annotations::default();
    for line in comment.lines() {
        let line = line.trim_start().trim_start_matches('*').trim();
        let Some(rest) = line.strip_prefix('@') else {
            continue;
        };
        let Some((key, value)) = rest.split_once(':') else {
            return Err(format!("malformed annotation `{line}`"));
        };
        let value = value.trim().to_string();
        let number = |v: &str| {
            v.parse::<u32>()
                .map_err(|_| format!("annotation `@{key}` needs a number, got `{v}`"))
        };
        match key.trim() {
            "generate" => a.generate = Some(value),
            "priority" => a.priority = Some(value),
            "acl" => a.acl.push(value),
            "aclfilter" => a.aclfilter.push(value),
            "readstream" => a.readstream = Some(number(&value)?),
            "writestream" => a.writestream = Some(number(&value)?),
            "sparseflag" => a.sparseflag = Some(value),
            other => return Err(format!("unknown annotation `@{other}`")),
        }
    }
    Ok(a)
}
