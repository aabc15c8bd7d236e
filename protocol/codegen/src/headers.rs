//! Enums, flag sets and integer macros of libvirt's public C headers.
//!
//! libvirt's XDR protocol files (`.x`) use constants such as
//! `VIR_UUID_BUFLEN` or `VIR_TYPED_PARAM_INT` that are only defined in the
//! public C headers (`libvirt-domain.h`, `virterror.h`, `libvirt-common.h.in`,
//! ...), and the C API passes most options as values of C enums. This module
//! reads those headers with a small hand-written C tokenizer, evaluates every
//! enumerator and integer `#define`, and generates typed Rust items for them
//! ([`Headers::generate`]) so that users never pass magic numbers.
//!
//! # What is parsed
//!
//! * Every `typedef enum [tag] { ... } name;`. Enumerator values may be
//!   integer literals (decimal, hex or octal, with `U`/`L` suffixes), names of
//!   other enumerators or integer macros (also from other headers, in any
//!   order), parentheses, the unary operators `-`, `+` and `~`, and the binary
//!   operators `* / % + - << >> & ^ |` with C precedence. An enumerator
//!   without `=` is the previous one plus one (the first one is 0).
//!   Enumerators inside `#ifdef VIR_ENUM_SENTINELS ... #endif` (the `*_LAST`
//!   sentinels) are skipped; any other preprocessor directive, and anything
//!   else that is not an enumerator, inside an enum body is an error that
//!   names the file, line and column.
//! * Every object-like `# define NAME <integer expression>` becomes an entry
//!   of [`Headers::defines`]. Macros whose body is not an integer expression
//!   (strings, `@VAR@` placeholders of `.h.in` files, attributes, empty
//!   bodies, names that are not integer constants) and function-like macros
//!   are skipped silently; when the same macro is defined in several
//!   conditional branches the first integer definition wins.
//! * Arithmetic follows C's types (`int`, `unsigned`, `long`, ...) so that
//!   e.g. `~0U` is `0xffffffff`, except that overflow of a signed type keeps
//!   the mathematical result instead of wrapping (so `1 << 31` is
//!   `2147483648`, the bit the author meant). Every value must fit an `i64`.
//! * Documentation: the comment right before a `typedef` is the enum's
//!   documentation (the leading `virName:` line is dropped). A comment that
//!   starts on the same line as an enumerator (after its value or comma)
//!   documents that enumerator; comments on their own lines document the next
//!   enumerator, unless a blank line separates them from it (such comments,
//!   e.g. "1 << 2 is reserved for ...", are dropped). Everything outside enums
//!   and `#define`s (prototypes, structs, other macros) is ignored.
//!
//! # Enum or flag set?
//!
//! A C enum becomes a set of bit flags ([`EnumKind::Flags`]) when
//!
//! * its typedef name ends in `Flags`, `FlagValues` or `Flag` and none of its
//!   values is negative, or
//! * it has at least one non-zero value and every non-zero value is a single
//!   bit written with `<<` (directly, or through the name of another
//!   enumerator whose value is written so).
//!
//! Everything else is a plain enumeration ([`EnumKind::Enum`]).
//!
//! # Naming
//!
//! * Types drop the leading `vir` of the C name (`virDomainState` ->
//!   `DomainState`, `virAdmConnectDaemonShutdownFlags` ->
//!   `AdmConnectDaemonShutdownFlags`); names that do not start with `vir`
//!   keep their spelling with the first letter upper-cased.
//! * Values drop the longest `_`-separated prefix shared by all values of the
//!   enum, but always keep at least one token. The lone value of an enum with
//!   a single value instead drops the leading tokens that spell words of the
//!   type name (`VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM` of
//!   `virStorageVolDownloadFlags` -> `SPARSE_STREAM`, not just `STREAM`), so
//!   that its name stays the same when libvirt adds values. Enum variants are
//!   then written in `CamelCase` (`VIR_DOMAIN_RUNNING` -> `Running`), flags
//!   and aliases in `SCREAMING_SNAKE_CASE` (`VIR_CONNECT_LIST_DOMAINS_ACTIVE`
//!   -> `ACTIVE`). A name that would start with a digit gets a `V` (`V_` for
//!   flags) prefix, and `Self` becomes `SelfValue`.
//! * A value equal to an earlier value of the same enum is an alias: for
//!   plain enums it becomes an associated constant, not a variant.
//!
//! # Generated code
//!
//! [`Headers::generate`] emits, without a module wrapper, for a `#![no_std]`
//! crate that depends on `bitflags` 2:
//!
//! * one shared error type `UnknownValue`;
//! * for each plain enum a `#[repr(i32)]` (or `i64` when a value does not
//!   fit) `#[non_exhaustive]` Rust enum with `as_raw`, `from_raw`, `c_name`,
//!   `TryFrom<i32>`, `From<_> for i32` and `Display` (printing the words
//!   virsh prints, see below);
//! * for each flag set a `bitflags!` struct over `u32` (or `u64`, or a signed
//!   type if a value is negative);
//! * for each integer macro a `pub const` under its C name, typed `u32`,
//!   `u64`, `i32` or `i64` (the narrowest that fits).
//!
//! # Words
//!
//! A plain enum's `Display` prints the value as virsh prints it
//! ([`CEnumValue::words`]): `DomainState::Shutoff` is `shut off`, while
//! `c_name()` stays `VIR_DOMAIN_SHUTOFF`. By default the words are the C
//! name without the prefix the Rust name drops, lower-case, with `_` as a
//! space (`VIR_DOMAIN_PMSUSPENDED` -> `pmsuspended`,
//! `VIR_DOMAIN_RUNNING_FROM_SNAPSHOT` -> `from snapshot`). Where virsh says
//! something else, [`VIRSH_WORDS`] gives its words for every value of the
//! enum, each row naming the table of virsh's source they come from
//! (`virDomainState`: `no state`, `running`, `idle`, ...; the lifecycle
//! events as `virsh event` prints them: `Started`, `Booted`, ...). virsh
//! translates most of them; these are the English ones.
//!
//! The C documentation is carried over with Markdown escaped (brackets, angle
//! brackets, stars, unbalanced backticks), bare URLs made into links, and
//! indented blocks put in ` ```text ` fences, so that rustdoc neither warns
//! nor runs C code as a doctest.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// Everything extracted from a set of libvirt headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers {
    /// Every `typedef enum` of the headers, in the order of the files and of
    /// their appearance.
    pub enums: Vec<CEnum>,
    /// Every object-like `#define` whose body is an integer expression, by C
    /// name.
    pub defines: BTreeMap<String, i64>,
}

/// One `typedef enum` of a C header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CEnum {
    /// The typedef name, e.g. `virDomainState`.
    pub c_name: String,
    /// The Rust type name, e.g. `DomainState`.
    pub rust_name: String,
    /// The name of the header file it was found in.
    pub header: String,
    /// The documentation comment before the typedef (without the comment
    /// markers and the `virName:` title line).
    pub doc: String,
    /// Whether this is a plain enumeration or a set of bit flags.
    pub kind: EnumKind,
    /// The enumerators, in order, without `VIR_ENUM_SENTINELS` sentinels.
    pub values: Vec<CEnumValue>,
}

/// How a C enum is represented in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumKind {
    /// A plain enumeration: a Rust `enum`.
    Enum,
    /// A set of bit flags: a `bitflags!` struct.
    Flags,
}

/// One enumerator of a C enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CEnumValue {
    /// The C name, e.g. `VIR_DOMAIN_RUNNING`.
    pub c_name: String,
    /// The Rust name: a variant name (`Running`) for plain enums, a constant
    /// name (`ACTIVE`) for flags and for aliases.
    pub rust_name: String,
    /// The evaluated value.
    pub value: i64,
    /// The comment attached to the enumerator, trimmed.
    pub doc: String,
    /// The C name of the first earlier enumerator of the same enum with the
    /// same value, if any.
    pub alias_of: Option<String>,
    /// What a plain enum's `Display` prints: the words virsh prints for the
    /// value ([`VIRSH_WORDS`]), else the C name without the enum's shared
    /// prefix, lower-case, `_` as a space (`VIR_DOMAIN_RUNNING_FROM_SNAPSHOT`
    /// -> `from snapshot`).
    pub words: String,
}

/// An error found while reading a header, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError {
    /// The header's file name, as given to [`Headers::parse`].
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for HeaderError {}

fn error(file: &str, line: usize, column: usize, message: impl Into<String>) -> HeaderError {
    HeaderError {
        file: file.to_string(),
        line,
        column,
        message: message.into(),
    }
}

impl Headers {
    /// Parses the given headers, given as `(file name, contents)` pairs.
    ///
    /// Enumerators and macros may refer to names defined in any of the
    /// files, in any order.
    pub fn parse(files: &[(&str, &str)]) -> Result<Headers, HeaderError> {
        let mut enums = Vec::new();
        let mut defines = Vec::new();
        for (file, src) in files {
            let toks = Lexer::new(file, src).tokens(false)?;
            let mut parser = Parser {
                file,
                toks: &toks,
                pos: 0,
            };
            parser.parse_file(&mut enums, &mut defines)?;
        }
        resolve(&enums, &defines)
    }

    /// The value of an enumerator or integer macro, by C name.
    pub fn value(&self, c_name: &str) -> Option<i64> {
        self.enums
            .iter()
            .flat_map(|e| e.values.iter())
            .find(|v| v.c_name == c_name)
            .map(|v| v.value)
            .or_else(|| self.defines.get(c_name).copied())
    }

    /// Generates the Rust items for all enums, flag sets and integer macros.
    ///
    /// The result has no module wrapper; it needs `bitflags` 2 and works in
    /// a `#![no_std]` crate.
    pub fn generate(&self) -> TokenStream {
        let mut out = unknown_value_tokens();
        for e in &self.enums {
            match e.kind {
                EnumKind::Enum => out.extend(gen_enum(e)),
                EnumKind::Flags => out.extend(gen_flags(e)),
            }
        }
        for (name, value) in &self.defines {
            out.extend(gen_define(name, *value));
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum TokKind {
    Ident(String),
    Number(String),
    /// A string or character literal; its text does not matter here.
    Literal,
    Punct(String),
    /// A comment's raw text, between `/*` and `*/` (or after `//`).
    Comment(String),
    /// A preprocessor line: its directive name and the tokens after it.
    Directive {
        name: String,
        body: Vec<Tok>,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Tok {
    kind: TokKind,
    line: usize,
    col: usize,
    end_line: usize,
    /// Character offsets of the token's start and end.
    start: usize,
    end: usize,
}

impl Tok {
    fn describe(&self) -> String {
        match &self.kind {
            TokKind::Ident(s) | TokKind::Number(s) | TokKind::Punct(s) => format!("`{s}`"),
            TokKind::Literal => "a string or character literal".to_string(),
            TokKind::Comment(_) => "a comment".to_string(),
            TokKind::Directive { name, .. } => format!("`#{name}`"),
        }
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(&self.kind, TokKind::Punct(s) if s == p)
    }

    fn ident(&self) -> Option<&str> {
        match &self.kind {
            TokKind::Ident(s) => Some(s),
            _ => None,
        }
    }
}

struct Lexer<'a> {
    file: &'a str,
    chars: Vec<char>,
    pos: usize,
    line: usize,
    col: usize,
}

impl<'a> Lexer<'a> {
    fn new(file: &'a str, src: &str) -> Self {
        Lexer {
            file,
            chars: src.chars().collect(),
            pos: 0,
            line: 1,
            col: 1,
        }
    }

    fn peek(&self, off: usize) -> Option<char> {
        self.chars.get(self.pos + off).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn line_continuation(&self) -> Option<usize> {
        if self.peek(0) != Some('\\') {
            return None;
        }
        match (self.peek(1), self.peek(2)) {
            (Some('\n'), _) => Some(2),
            (Some('\r'), Some('\n')) => Some(3),
            _ => None,
        }
    }

    /// Tokenizes up to the end of the input, or, for a directive, up to the
    /// end of its (logical) line. Comments inside directives are dropped.
    fn tokens(&mut self, in_directive: bool) -> Result<Vec<Tok>, HeaderError> {
        let mut out = Vec::new();
        let mut line_has_token = false;
        while let Some(c) = self.peek(0) {
            if let Some(n) = self.line_continuation() {
                for _ in 0..n {
                    self.bump();
                }
                continue;
            }
            if c == '\n' {
                if in_directive {
                    break;
                }
                self.bump();
                line_has_token = false;
                continue;
            }
            if c.is_whitespace() {
                self.bump();
                continue;
            }
            let (line, col, start) = (self.line, self.col, self.pos);
            let kind = if c == '/' && self.peek(1) == Some('*') {
                self.bump();
                self.bump();
                let mut text = String::new();
                loop {
                    match self.peek(0) {
                        None => return Err(error(self.file, line, col, "unterminated comment")),
                        Some('*') if self.peek(1) == Some('/') => {
                            self.bump();
                            self.bump();
                            break;
                        }
                        Some(ch) => {
                            self.bump();
                            if ch != '\r' {
                                text.push(ch);
                            }
                        }
                    }
                }
                if in_directive {
                    continue;
                }
                TokKind::Comment(text)
            } else if c == '/' && self.peek(1) == Some('/') {
                self.bump();
                self.bump();
                let mut text = String::new();
                while let Some(ch) = self.peek(0) {
                    if ch == '\n' {
                        break;
                    }
                    self.bump();
                    if ch != '\r' {
                        text.push(ch);
                    }
                }
                if in_directive {
                    continue;
                }
                TokKind::Comment(text)
            } else if c == '#' && !in_directive && !line_has_token {
                self.bump();
                let mut body = self.tokens(true)?;
                let name = match body.first().and_then(Tok::ident) {
                    Some(name) => {
                        let name = name.to_string();
                        body.remove(0);
                        name
                    }
                    None => String::new(),
                };
                TokKind::Directive { name, body }
            } else if c.is_ascii_alphabetic() || c == '_' {
                let mut s = String::new();
                while let Some(ch) = self.peek(0) {
                    if !(ch.is_ascii_alphanumeric() || ch == '_') {
                        break;
                    }
                    s.push(ch);
                    self.bump();
                }
                TokKind::Ident(s)
            } else if c.is_ascii_digit()
                || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit()))
            {
                let mut s = String::new();
                while let Some(ch) = self.peek(0) {
                    if !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.') {
                        break;
                    }
                    s.push(ch);
                    self.bump();
                }
                TokKind::Number(s)
            } else if c == '"' || c == '\'' {
                self.bump();
                loop {
                    match self.peek(0) {
                        None | Some('\n') => {
                            if in_directive {
                                break;
                            }
                            return Err(error(
                                self.file,
                                line,
                                col,
                                "unterminated string or character literal",
                            ));
                        }
                        Some('\\') => {
                            self.bump();
                            if self.peek(0).is_some_and(|ch| ch != '\n') {
                                self.bump();
                            }
                        }
                        Some(q) => {
                            self.bump();
                            if q == c {
                                break;
                            }
                        }
                    }
                }
                TokKind::Literal
            } else {
                self.bump();
                let mut p = c.to_string();
                if (c == '<' || c == '>') && self.peek(0) == Some(c) {
                    self.bump();
                    p.push(c);
                }
                TokKind::Punct(p)
            };
            let is_comment = matches!(kind, TokKind::Comment(_));
            out.push(Tok {
                kind,
                line,
                col,
                end_line: self.line,
                start,
                end: self.pos,
            });
            if !is_comment {
                line_has_token = true;
            }
        }
        Ok(out)
    }
}

/// The lines of a comment without its markers: the leading ` * ` of block
/// comment lines is removed (keeping any further indentation), other
/// continuation lines are trimmed, and blank lines at both ends are dropped.
fn comment_lines(raw: &str) -> Vec<String> {
    let raw = raw.trim_start_matches('*');
    let mut lines: Vec<String> = raw
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line = line.trim_end();
            if i == 0 {
                return line.trim_start().to_string();
            }
            let t = line.trim_start();
            match t.strip_prefix('*') {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest).to_string(),
                None => t.to_string(),
            }
        })
        .collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let first = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    lines.drain(..first);
    lines
}

fn comment_text(raw: &str) -> String {
    comment_lines(raw).join("\n")
}

/// A comment's text without the `name:` title line libvirt puts first in the
/// documentation of types and macros.
fn doc_without_title(raw: &str, name: &str) -> String {
    let mut lines = comment_lines(raw);
    if let Some(first) = lines.first() {
        if let Some(rest) = first.trim().strip_prefix(name) {
            if let Some(rest) = rest.strip_prefix(':') {
                let rest = rest.trim().to_string();
                if rest.is_empty() {
                    lines.remove(0);
                    let n = lines
                        .iter()
                        .position(|l| !l.trim().is_empty())
                        .unwrap_or(lines.len());
                    lines.drain(..n);
                } else {
                    lines[0] = rest;
                }
            }
        }
    }
    lines.join("\n")
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Num(CVal),
    Name {
        name: String,
        line: usize,
        col: usize,
    },
    Unary {
        op: char,
        arg: Box<Expr>,
        line: usize,
        col: usize,
    },
    Binary {
        op: &'static str,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
        line: usize,
        col: usize,
    },
}

/// A value with a simplified C integer type: 32 or 64 bits, signed or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CVal {
    v: i128,
    unsigned: bool,
    wide: bool,
}

impl CVal {
    fn int(v: i128) -> CVal {
        let (unsigned, wide) = if i32::try_from(v).is_ok() {
            (false, false)
        } else if u32::try_from(v).is_ok() {
            (true, false)
        } else {
            (v > i128::from(i64::MAX), true)
        };
        CVal { v, unsigned, wide }
    }

    fn bits(self) -> u32 {
        if self.wide { 64 } else { 32 }
    }

    fn wrap(v: i128, unsigned: bool, wide: bool) -> CVal {
        let v = if unsigned {
            let bits = if wide { 64 } else { 32 };
            v.rem_euclid(1i128 << bits)
        } else {
            v
        };
        CVal { v, unsigned, wide }
    }
}

/// Parses the text of a C integer literal.
fn parse_number(text: &str) -> Result<CVal, String> {
    let lower = text.to_ascii_lowercase();
    let digits_end = lower.find(['u', 'l']).unwrap_or(lower.len());
    let (digits, suffix) = lower.split_at(digits_end);
    let (radix, body) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    let bad = || format!("invalid integer literal `{text}`");
    if body.is_empty() {
        return Err(bad());
    }
    let v = u64::from_str_radix(body, radix).map_err(|_| bad())?;
    let v = i128::from(v);
    let (u_suffix, l_suffix) = match suffix {
        "" => (false, false),
        "u" => (true, false),
        "l" | "ll" => (false, true),
        "ul" | "lu" | "ull" | "llu" => (true, true),
        _ => return Err(bad()),
    };
    let fits_i32 = v <= i128::from(i32::MAX);
    let fits_u32 = v <= i128::from(u32::MAX);
    let fits_i64 = v <= i128::from(i64::MAX);
    let (unsigned, wide) = if u_suffix {
        (true, l_suffix || !fits_u32)
    } else if !l_suffix && fits_i32 {
        (false, false)
    } else if !l_suffix && radix != 10 && fits_u32 {
        (true, false)
    } else {
        (!fits_i64 && radix != 10, true)
    };
    if !fits_i64 && !unsigned {
        return Err(format!("integer literal `{text}` is too large"));
    }
    Ok(CVal { v, unsigned, wide })
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct RawEnum {
    file: String,
    c_name: String,
    doc: String,
    values: Vec<RawValue>,
    line: usize,
    col: usize,
}

#[derive(Debug)]
struct RawValue {
    c_name: String,
    expr: Option<Expr>,
    doc: Vec<String>,
    line: usize,
    col: usize,
}

#[derive(Debug)]
struct RawDefine {
    file: String,
    name: String,
    expr: Expr,
}

struct Parser<'a> {
    file: &'a str,
    toks: &'a [Tok],
    pos: usize,
}

/// An open conditional inside an enum body.
enum Cond {
    /// Inside the kept branch of `#ifndef VIR_ENUM_SENTINELS`: its `#else`
    /// branch must be skipped.
    KeepThenSkipElse,
    /// Inside the kept `#else` branch of a skipped sentinel block.
    KeepElse,
}

impl<'a> Parser<'a> {
    fn err_at(&self, tok: &Tok, message: impl Into<String>) -> HeaderError {
        error(self.file, tok.line, tok.col, message)
    }

    fn err_eof(&self, message: &str) -> HeaderError {
        let (line, col) = self
            .toks
            .last()
            .map_or((1, 1), |t| (t.end_line, t.col.max(1)));
        error(
            self.file,
            line,
            col,
            format!("unexpected end of file {message}"),
        )
    }

    /// The next token that is not a comment, without consuming it.
    fn peek_sig(&self) -> Option<&'a Tok> {
        self.toks[self.pos..]
            .iter()
            .find(|t| !matches!(t.kind, TokKind::Comment(_)))
    }

    /// Consumes and returns the next token that is not a comment; skipped
    /// comments are appended to `comments`.
    fn next_sig(&mut self, comments: &mut Vec<&'a Tok>) -> Option<&'a Tok> {
        while let Some(t) = self.toks.get(self.pos) {
            self.pos += 1;
            if matches!(t.kind, TokKind::Comment(_)) {
                comments.push(t);
            } else {
                return Some(t);
            }
        }
        None
    }

    fn parse_file(
        &mut self,
        enums: &mut Vec<RawEnum>,
        defines: &mut Vec<RawDefine>,
    ) -> Result<(), HeaderError> {
        let toks = self.toks;
        while self.pos < toks.len() {
            let i = self.pos;
            let tok = &toks[i];
            let prev_comment = match i.checked_sub(1).map(|j| &toks[j].kind) {
                Some(TokKind::Comment(text)) => Some(text.as_str()),
                _ => None,
            };
            match &tok.kind {
                TokKind::Directive { name, body } if name == "define" => {
                    self.pos += 1;
                    if let Some(d) = self.parse_define(body) {
                        defines.push(d);
                    }
                }
                TokKind::Ident(word) if word == "typedef" => {
                    self.pos += 1;
                    let is_enum = self.peek_sig().is_some_and(|t| t.ident() == Some("enum"));
                    if is_enum {
                        if let Some(e) = self.parse_typedef_enum(tok, prev_comment)? {
                            enums.push(e);
                        }
                    }
                }
                _ => self.pos += 1,
            }
        }
        Ok(())
    }

    /// An object-like macro whose body parses as an integer expression.
    fn parse_define(&self, body: &[Tok]) -> Option<RawDefine> {
        let (name_tok, rest) = body.split_first()?;
        let name = name_tok.ident()?;
        let first = rest.first()?;
        if first.is_punct("(") && first.start == name_tok.end {
            return None; // function-like macro
        }
        let mut sub = Parser {
            file: self.file,
            toks: rest,
            pos: 0,
        };
        let expr = sub.parse_expr().ok()?;
        if sub.pos != rest.len() {
            return None;
        }
        Some(RawDefine {
            file: self.file.to_string(),
            name: name.to_string(),
            expr,
        })
    }

    /// Parses `typedef enum [tag] { ... } name;`; the `typedef` is consumed.
    fn parse_typedef_enum(
        &mut self,
        typedef: &Tok,
        doc: Option<&str>,
    ) -> Result<Option<RawEnum>, HeaderError> {
        let mut ignored = Vec::new();
        self.next_sig(&mut ignored); // `enum`
        let mut tok = self
            .next_sig(&mut ignored)
            .ok_or_else(|| self.err_eof("after `typedef enum`"))?;
        if tok.ident().is_some() {
            // A tag: either a body follows, or this is `typedef enum tag name;`.
            tok = self
                .next_sig(&mut ignored)
                .ok_or_else(|| self.err_eof("after `typedef enum`"))?;
            if tok.ident().is_some() {
                return Ok(None);
            }
        }
        if !tok.is_punct("{") {
            return Err(self.err_at(
                tok,
                format!(
                    "expected `{{` after `typedef enum`, found {}",
                    tok.describe()
                ),
            ));
        }
        let values = self.parse_enum_body()?;
        let name_tok = self
            .next_sig(&mut ignored)
            .ok_or_else(|| self.err_eof("after enum body"))?;
        let Some(c_name) = name_tok.ident() else {
            return Err(self.err_at(
                name_tok,
                format!(
                    "expected the typedef name after the enum body, found {}",
                    name_tok.describe()
                ),
            ));
        };
        let semi = self
            .next_sig(&mut ignored)
            .ok_or_else(|| self.err_eof("after enum typedef name"))?;
        if !semi.is_punct(";") {
            return Err(self.err_at(
                semi,
                format!(
                    "expected `;` after `}} {c_name}`, found {}",
                    semi.describe()
                ),
            ));
        }
        Ok(Some(RawEnum {
            file: self.file.to_string(),
            c_name: c_name.to_string(),
            doc: doc
                .map(|d| doc_without_title(d, c_name))
                .unwrap_or_default(),
            values,
            line: typedef.line,
            col: typedef.col,
        }))
    }

    /// Parses enumerators up to and including the closing `}`.
    fn parse_enum_body(&mut self) -> Result<Vec<RawValue>, HeaderError> {
        let mut values: Vec<RawValue> = Vec::new();
        // Comments on their own lines, waiting for the next enumerator.
        let mut pending: Vec<String> = Vec::new();
        let mut pending_end = 0usize;
        // The line on which the last enumerator (with its comma) ended.
        let mut last_end: Option<usize> = None;
        let mut conds: Vec<Cond> = Vec::new();
        let toks = self.toks;
        loop {
            let Some(tok) = toks.get(self.pos) else {
                return Err(self.err_eof("inside enum body"));
            };
            self.pos += 1;
            match &tok.kind {
                TokKind::Comment(text) => {
                    if last_end == Some(tok.line) {
                        if let Some(v) = values.last_mut() {
                            v.doc.push(comment_text(text));
                            continue;
                        }
                    }
                    if !pending.is_empty() && tok.line > pending_end + 1 {
                        pending.clear();
                    }
                    pending.push(comment_text(text));
                    pending_end = tok.end_line;
                }
                TokKind::Directive { name, body } => {
                    pending.clear();
                    last_end = None;
                    self.enum_directive(tok, name, body, &mut conds)?;
                }
                TokKind::Punct(p) if p == "}" => {
                    if !conds.is_empty() {
                        return Err(self.err_at(tok, "missing `#endif` inside enum body"));
                    }
                    return Ok(values);
                }
                TokKind::Ident(name) => {
                    if !pending.is_empty() && tok.line > pending_end + 1 {
                        pending.clear();
                    }
                    let mut doc: Vec<String> = std::mem::take(&mut pending)
                        .into_iter()
                        .filter(|d| !d.is_empty())
                        .collect();
                    let mut inner = Vec::new();
                    let mut next = self
                        .next_sig(&mut inner)
                        .ok_or_else(|| self.err_eof("inside enum body"))?;
                    let mut expr = None;
                    if next.is_punct("=") {
                        expr = Some(self.parse_expr()?);
                        next = self
                            .next_sig(&mut inner)
                            .ok_or_else(|| self.err_eof("inside enum body"))?;
                    }
                    // Comments before the `,` or `}`: up to the value's last
                    // line they are its documentation, else they lead the
                    // next one.
                    let value_end = toks[..self.pos - 1]
                        .iter()
                        .rev()
                        .find(|t| !matches!(t.kind, TokKind::Comment(_)))
                        .map_or(tok.end_line, |t| t.end_line);
                    for c in inner {
                        if let TokKind::Comment(text) = &c.kind {
                            if c.line <= value_end {
                                doc.push(comment_text(text));
                            } else {
                                if !pending.is_empty() && c.line > pending_end + 1 {
                                    pending.clear();
                                }
                                pending.push(comment_text(text));
                                pending_end = c.end_line;
                            }
                        }
                    }
                    if next.is_punct("}") {
                        self.pos -= 1; // handled by the loop
                    } else if next.is_punct(",") {
                        last_end = Some(next.line);
                    } else {
                        let what = if expr.is_some() {
                            "`,` or `}` after the enumerator's value"
                        } else {
                            "`=`, `,` or `}` after the enumerator name"
                        };
                        return Err(self
                            .err_at(next, format!("expected {what}, found {}", next.describe())));
                    }
                    values.push(RawValue {
                        c_name: name.clone(),
                        expr,
                        doc,
                        line: tok.line,
                        col: tok.col,
                    });
                }
                _ => {
                    return Err(self.err_at(
                        tok,
                        format!("expected an enumerator name, found {}", tok.describe()),
                    ));
                }
            }
        }
    }

    fn enum_directive(
        &mut self,
        tok: &Tok,
        name: &str,
        body: &[Tok],
        conds: &mut Vec<Cond>,
    ) -> Result<(), HeaderError> {
        let names: Vec<&str> = body
            .iter()
            .map(|t| match &t.kind {
                TokKind::Ident(s) | TokKind::Punct(s) => s.as_str(),
                _ => "?",
            })
            .collect();
        let sentinel = |negated: bool| -> bool {
            let rest: &[&str] = if negated {
                match names.split_first() {
                    Some((&"!", rest)) => rest,
                    _ => return false,
                }
            } else {
                &names
            };
            matches!(
                rest,
                ["defined", "(", "VIR_ENUM_SENTINELS", ")"] | ["defined", "VIR_ENUM_SENTINELS"]
            )
        };
        let is_sentinel_name = names == ["VIR_ENUM_SENTINELS"];
        match name {
            "ifdef" if is_sentinel_name => self.skip_conditional(tok, conds),
            "if" if sentinel(false) => self.skip_conditional(tok, conds),
            "ifndef" if is_sentinel_name => {
                conds.push(Cond::KeepThenSkipElse);
                Ok(())
            }
            "if" if sentinel(true) => {
                conds.push(Cond::KeepThenSkipElse);
                Ok(())
            }
            "else" => match conds.pop() {
                Some(Cond::KeepThenSkipElse) => match self.skip_branch(tok)? {
                    "endif" => Ok(()),
                    other => Err(self.err_at(
                        tok,
                        format!("unexpected `#{other}` after `#else` inside enum body"),
                    )),
                },
                _ => Err(self.err_at(tok, "unexpected `#else` inside enum body")),
            },
            "endif" => match conds.pop() {
                Some(_) => Ok(()),
                None => Err(self.err_at(tok, "unexpected `#endif` inside enum body")),
            },
            _ => Err(self.err_at(
                tok,
                format!(
                    "unsupported preprocessor directive `#{name}` inside enum body \
                     (only `#ifdef VIR_ENUM_SENTINELS` ... `#endif` is understood)"
                ),
            )),
        }
    }

    /// Skips the sentinel branch just opened; an `#else` branch is kept.
    fn skip_conditional(&mut self, tok: &Tok, conds: &mut Vec<Cond>) -> Result<(), HeaderError> {
        match self.skip_branch(tok)? {
            "else" => {
                conds.push(Cond::KeepElse);
                Ok(())
            }
            "endif" => Ok(()),
            other => Err(self.err_at(
                tok,
                format!("unsupported `#{other}` in a `VIR_ENUM_SENTINELS` conditional"),
            )),
        }
    }

    /// Skips tokens up to the `#else`, `#elif` or `#endif` that closes the
    /// current branch, consuming it, and returns its name.
    fn skip_branch(&mut self, open: &Tok) -> Result<&'static str, HeaderError> {
        let mut depth = 0usize;
        while let Some(t) = self.toks.get(self.pos) {
            self.pos += 1;
            if let TokKind::Directive { name, .. } = &t.kind {
                match name.as_str() {
                    "if" | "ifdef" | "ifndef" => depth += 1,
                    "endif" if depth > 0 => depth -= 1,
                    "endif" => return Ok("endif"),
                    "else" if depth == 0 => return Ok("else"),
                    "elif" if depth == 0 => return Ok("elif"),
                    _ => {}
                }
            }
        }
        Err(self.err_at(open, "missing `#endif`"))
    }

    // Expression grammar, lowest precedence first.

    fn parse_expr(&mut self) -> Result<Expr, HeaderError> {
        self.parse_binary(0)
    }

    fn parse_binary(&mut self, level: usize) -> Result<Expr, HeaderError> {
        const LEVELS: [&[&str]; 6] = [
            &["|"],
            &["^"],
            &["&"],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.parse_unary();
        }
        let mut lhs = self.parse_binary(level + 1)?;
        loop {
            let op = match self.peek_sig() {
                Some(Tok {
                    kind: TokKind::Punct(p),
                    ..
                }) => LEVELS[level].iter().find(|o| **o == p.as_str()).copied(),
                _ => None,
            };
            let Some(op) = op else {
                return Ok(lhs);
            };
            let mut ignored = Vec::new();
            let op_tok = self.next_sig(&mut ignored).expect("peeked");
            let rhs = self.parse_binary(level + 1)?;
            lhs = Expr::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
                line: op_tok.line,
                col: op_tok.col,
            };
        }
    }

    fn parse_unary(&mut self) -> Result<Expr, HeaderError> {
        let mut ignored = Vec::new();
        let Some(tok) = self.next_sig(&mut ignored) else {
            return Err(self.err_eof("in an integer expression"));
        };
        match &tok.kind {
            TokKind::Punct(p) if p == "-" || p == "+" || p == "~" => {
                let arg = self.parse_unary()?;
                Ok(Expr::Unary {
                    op: p.chars().next().unwrap_or('+'),
                    arg: Box::new(arg),
                    line: tok.line,
                    col: tok.col,
                })
            }
            TokKind::Punct(p) if p == "(" => {
                let inner = self.parse_expr()?;
                match self.next_sig(&mut ignored) {
                    Some(t) if t.is_punct(")") => Ok(inner),
                    Some(t) => Err(self.err_at(t, format!("expected `)`, found {}", t.describe()))),
                    None => Err(self.err_eof("in an integer expression")),
                }
            }
            TokKind::Number(text) => parse_number(text)
                .map(Expr::Num)
                .map_err(|m| self.err_at(tok, m)),
            TokKind::Ident(name) => Ok(Expr::Name {
                name: name.clone(),
                line: tok.line,
                col: tok.col,
            }),
            _ => Err(self.err_at(
                tok,
                format!("expected an integer expression, found {}", tok.describe()),
            )),
        }
    }
}

// ---------------------------------------------------------------------------
// Evaluation and classification
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Sym {
    Value(usize, usize),
    Define(usize),
}

struct Resolver<'a> {
    enums: &'a [RawEnum],
    defines: &'a [RawDefine],
    syms: HashMap<&'a str, Sym>,
    memo: HashMap<Sym, Result<CVal, HeaderError>>,
    active: HashSet<Sym>,
}

impl<'a> Resolver<'a> {
    fn sym_file(&self, sym: Sym) -> &'a str {
        match sym {
            Sym::Value(e, _) => &self.enums[e].file,
            Sym::Define(d) => &self.defines[d].file,
        }
    }

    fn sym_value(&mut self, sym: Sym) -> Result<CVal, HeaderError> {
        if let Some(r) = self.memo.get(&sym) {
            return r.clone();
        }
        let file = self.sym_file(sym);
        if !self.active.insert(sym) {
            let (line, col, name) = match sym {
                Sym::Value(e, v) => {
                    let v = &self.enums[e].values[v];
                    (v.line, v.col, v.c_name.as_str())
                }
                Sym::Define(d) => (1, 1, self.defines[d].name.as_str()),
            };
            return Err(error(
                file,
                line,
                col,
                format!("`{name}` is defined in terms of itself"),
            ));
        }
        let result = match sym {
            Sym::Value(e, v) => {
                let value = &self.enums[e].values[v];
                let r = match (&value.expr, v) {
                    (Some(expr), _) => self.eval(expr, file),
                    (None, 0) => Ok(CVal::int(0)),
                    (None, _) => self
                        .sym_value(Sym::Value(e, v - 1))
                        .map(|p| CVal { v: p.v + 1, ..p }),
                };
                r.and_then(|c| {
                    if i64::try_from(c.v).is_ok() {
                        Ok(c)
                    } else {
                        Err(error(
                            file,
                            value.line,
                            value.col,
                            format!("value {} of `{}` does not fit in i64", c.v, value.c_name),
                        ))
                    }
                })
            }
            Sym::Define(d) => {
                let expr = &self.defines[d].expr;
                self.eval(expr, file)
            }
        };
        self.active.remove(&sym);
        self.memo.insert(sym, result.clone());
        result
    }

    fn eval(&mut self, expr: &Expr, file: &str) -> Result<CVal, HeaderError> {
        match expr {
            Expr::Num(v) => Ok(*v),
            Expr::Name { name, line, col } => {
                let Some(&sym) = self.syms.get(name.as_str()) else {
                    return Err(error(
                        file,
                        *line,
                        *col,
                        format!("unknown name `{name}` (not an enumerator or integer macro)"),
                    ));
                };
                let v = self.sym_value(sym).map_err(|e| match sym {
                    Sym::Define(_) => error(
                        file,
                        *line,
                        *col,
                        format!("`{name}` is not an integer constant: {}", e.message),
                    ),
                    Sym::Value(..) => e,
                })?;
                Ok(match sym {
                    // Enumerators have the type `int` (or the smallest type
                    // that holds them); macros are substituted as written.
                    Sym::Value(..) => CVal::int(v.v),
                    Sym::Define(_) => v,
                })
            }
            Expr::Unary { op, arg, line, col } => {
                let a = self.eval(arg, file)?;
                let r = match op {
                    '-' => CVal::wrap(-a.v, a.unsigned, a.wide),
                    '~' => CVal::wrap(!a.v, a.unsigned, a.wide),
                    _ => a,
                };
                check_range(r, file, *line, *col)
            }
            Expr::Binary {
                op,
                lhs,
                rhs,
                line,
                col,
            } => {
                let a = self.eval(lhs, file)?;
                let b = self.eval(rhs, file)?;
                let fail = |m: String| error(file, *line, *col, m);
                let r = if *op == "<<" || *op == ">>" {
                    let n = u32::try_from(b.v)
                        .ok()
                        .filter(|n| *n < a.bits())
                        .ok_or_else(|| fail(format!("invalid shift count {}", b.v)))?;
                    if *op == "<<" {
                        CVal::wrap(a.v << n, a.unsigned, a.wide)
                    } else {
                        CVal { v: a.v >> n, ..a }
                    }
                } else {
                    let (unsigned, wide) = if a.wide == b.wide {
                        (a.unsigned || b.unsigned, a.wide)
                    } else if a.wide {
                        (a.unsigned, true)
                    } else {
                        (b.unsigned, true)
                    };
                    let conv = |x: CVal| {
                        if unsigned {
                            CVal::wrap(x.v, true, wide).v
                        } else {
                            x.v
                        }
                    };
                    let (x, y) = (conv(a), conv(b));
                    let v = match *op {
                        "+" => x + y,
                        "-" => x - y,
                        "*" => x.checked_mul(y).ok_or_else(|| fail("overflow".into()))?,
                        "/" | "%" if y == 0 => return Err(fail("division by zero".into())),
                        "/" => x / y,
                        "%" => x % y,
                        "&" => x & y,
                        "|" => x | y,
                        _ => x ^ y,
                    };
                    CVal::wrap(v, unsigned, wide)
                };
                check_range(r, file, *line, *col)
            }
        }
    }

    /// Whether an expression is written with `<<`, directly or through the
    /// name of an enumerator whose value is.
    fn written_with_shift(&self, expr: &Expr, depth: usize) -> bool {
        match expr {
            Expr::Num(_) => false,
            Expr::Binary { op: "<<", .. } => true,
            Expr::Binary { lhs, rhs, .. } => {
                self.written_with_shift(lhs, depth) || self.written_with_shift(rhs, depth)
            }
            Expr::Unary { arg, .. } => self.written_with_shift(arg, depth),
            Expr::Name { name, .. } => {
                if depth > 16 {
                    return false;
                }
                match self.syms.get(name.as_str()) {
                    Some(Sym::Value(e, v)) => self.enums[*e].values[*v]
                        .expr
                        .as_ref()
                        .is_some_and(|x| self.written_with_shift(x, depth + 1)),
                    Some(Sym::Define(d)) => {
                        self.written_with_shift(&self.defines[*d].expr, depth + 1)
                    }
                    None => false,
                }
            }
        }
    }
}

fn check_range(v: CVal, file: &str, line: usize, col: usize) -> Result<CVal, HeaderError> {
    if v.v.unsigned_abs() > 1u128 << 64 {
        Err(error(file, line, col, "integer overflow"))
    } else {
        Ok(v)
    }
}

fn resolve(enums: &[RawEnum], defines: &[RawDefine]) -> Result<Headers, HeaderError> {
    let mut syms: HashMap<&str, Sym> = HashMap::new();
    let mut first_seen: HashMap<&str, (&str, usize)> = HashMap::new();
    for (ei, e) in enums.iter().enumerate() {
        for (vi, v) in e.values.iter().enumerate() {
            if let Some((file, line)) = first_seen.get(v.c_name.as_str()) {
                return Err(error(
                    &e.file,
                    v.line,
                    v.col,
                    format!(
                        "duplicate enumerator `{}` (first defined at {file}:{line})",
                        v.c_name
                    ),
                ));
            }
            first_seen.insert(&v.c_name, (&e.file, v.line));
            syms.insert(&v.c_name, Sym::Value(ei, vi));
        }
    }
    for (di, d) in defines.iter().enumerate() {
        // Enumerators win over macros of the same name; the first integer
        // definition of a macro wins over later ones.
        syms.entry(&d.name).or_insert(Sym::Define(di));
    }
    let mut r = Resolver {
        enums,
        defines,
        syms,
        memo: HashMap::new(),
        active: HashSet::new(),
    };

    let mut out = Headers::default();
    let mut type_names: HashMap<String, &RawEnum> = HashMap::new();
    for (ei, e) in enums.iter().enumerate() {
        let mut values = Vec::with_capacity(e.values.len());
        for vi in 0..e.values.len() {
            let v = r.sym_value(Sym::Value(ei, vi))?;
            values.push(i64::try_from(v.v).expect("checked when evaluated"));
        }
        let kind = classify(&r, e, &values);
        let rust_name = type_rust_name(&e.c_name);
        if let Some(prev) = type_names.get(&rust_name) {
            return Err(error(
                &e.file,
                e.line,
                e.col,
                format!(
                    "enum `{}` maps to the same Rust name `{rust_name}` as `{}` ({}:{})",
                    e.c_name, prev.c_name, prev.file, prev.line
                ),
            ));
        }
        type_names.insert(rust_name.clone(), e);
        out.enums.push(CEnum {
            c_name: e.c_name.clone(),
            rust_name,
            header: e.file.clone(),
            doc: e.doc.clone(),
            kind,
            values: enum_values(e, &values, kind)?,
        });
    }
    for (di, d) in defines.iter().enumerate() {
        if out.defines.contains_key(&d.name) {
            continue;
        }
        if let Ok(v) = r.sym_value(Sym::Define(di)) {
            if let Ok(v) = i64::try_from(v.v) {
                out.defines.insert(d.name.clone(), v);
            }
        }
    }
    Ok(out)
}

fn classify(r: &Resolver<'_>, e: &RawEnum, values: &[i64]) -> EnumKind {
    let named_flags = ["Flags", "FlagValues", "Flag"]
        .iter()
        .any(|s| e.c_name.ends_with(s));
    if named_flags && values.iter().all(|v| *v >= 0) {
        return EnumKind::Flags;
    }
    let mut any_bit = false;
    for (raw, &v) in e.values.iter().zip(values) {
        if v == 0 {
            continue;
        }
        let single_bit = v > 0 && (v & (v - 1)) == 0;
        let shifted = raw
            .expr
            .as_ref()
            .is_some_and(|x| r.written_with_shift(x, 0));
        if !(single_bit && shifted) {
            return EnumKind::Enum;
        }
        any_bit = true;
    }
    if any_bit {
        EnumKind::Flags
    } else {
        EnumKind::Enum
    }
}

// ---------------------------------------------------------------------------
// Naming
// ---------------------------------------------------------------------------

fn type_rust_name(c_name: &str) -> String {
    let base = match c_name.strip_prefix("vir") {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_string(),
        _ => {
            let mut chars = c_name.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        }
    };
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{base}")
    } else if base == "Self" {
        "SelfType".to_string()
    } else {
        base
    }
}

fn camel_case(tokens: &[&str]) -> String {
    let mut s = String::new();
    for t in tokens {
        let mut chars = t.chars();
        if let Some(first) = chars.next() {
            s.push(first.to_ascii_uppercase());
            s.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if s == "Self" {
        s.push_str("Value");
    }
    s
}

fn screaming_case(tokens: &[&str]) -> String {
    let s = tokens.join("_").to_ascii_uppercase();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V_{s}")
    } else {
        s
    }
}

/// How many leading tokens of a value's name spell words of its type's
/// name, in order but possibly skipping words; a token may also be the start
/// of a word. E.g. 3 for `VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM` in
/// `virStorageVolDownloadFlags`, 3 for `VIR_TYPED_PARAM_STRING_OKAY` in
/// `virTypedParameterFlags`.
fn type_name_prefix(type_name: &str, tokens: &[&str]) -> usize {
    let lower = type_name.to_ascii_lowercase();
    let bytes = type_name.as_bytes();
    let starts: Vec<usize> = (0..bytes.len())
        .filter(|&i| {
            i == 0
                || bytes[i].is_ascii_uppercase()
                || (bytes[i].is_ascii_digit() && !bytes[i - 1].is_ascii_digit())
        })
        .collect();
    let mut pos = 0;
    let mut n = 0;
    for tok in tokens {
        let t = tok.to_ascii_lowercase();
        let found = starts
            .iter()
            .find(|&&s| s >= pos && lower.get(s..).is_some_and(|rest| rest.starts_with(&t)));
        match found {
            Some(&s) => {
                pos = s + t.len();
                n += 1;
            }
            None => break,
        }
    }
    n
}

fn enum_values(
    e: &RawEnum,
    values: &[i64],
    kind: EnumKind,
) -> Result<Vec<CEnumValue>, HeaderError> {
    let tokens: Vec<Vec<&str>> = e
        .values
        .iter()
        .map(|v| v.c_name.split('_').filter(|t| !t.is_empty()).collect())
        .collect();
    let min_len = tokens.iter().map(Vec::len).min().unwrap_or(0);
    let mut common = 0;
    if let [only] = tokens.as_slice() {
        common = type_name_prefix(&e.c_name, only).min(min_len.saturating_sub(1));
    } else {
        while common + 1 < min_len && tokens.iter().all(|t| t[common] == tokens[0][common]) {
            common += 1;
        }
    }

    let mut out: Vec<CEnumValue> = Vec::with_capacity(values.len());
    let mut seen: HashMap<String, &str> = HashMap::new();
    for ((raw, toks), &value) in e.values.iter().zip(&tokens).zip(values) {
        let alias_of = out
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.c_name.clone());
        let rest = &toks[common.min(toks.len())..];
        let rust_name = if rest.is_empty() {
            // Only for names made of underscores; keep them distinct.
            format!("V{}", out.len())
        } else if kind == EnumKind::Enum && alias_of.is_none() {
            camel_case(rest)
        } else {
            screaming_case(rest)
        };
        if let Some(other) = seen.get(&rust_name) {
            return Err(error(
                &e.file,
                raw.line,
                raw.col,
                format!(
                    "`{}` and `{other}` of `{}` both map to the Rust name `{rust_name}`",
                    raw.c_name, e.c_name
                ),
            ));
        }
        seen.insert(rust_name.clone(), &raw.c_name);
        let words = match virsh_words(&e.c_name, &raw.c_name) {
            Some(w) => w.to_string(),
            None if rest.is_empty() => raw.c_name.to_lowercase(),
            None => rest
                .iter()
                .map(|t| t.to_lowercase())
                .collect::<Vec<_>>()
                .join(" "),
        };
        out.push(CEnumValue {
            c_name: raw.c_name.clone(),
            rust_name,
            value,
            doc: raw.doc.join("\n\n"),
            alias_of,
            words,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

/// The words virsh prints for every value of one C enum whose words differ
/// from the default ones (see [`CEnumValue::words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VirshWords {
    /// The C enum's typedef name, e.g. `virDomainState`.
    pub c_enum: &'static str,
    /// Where virsh's source (`tools/` of libvirt 11.3.0, the version of
    /// `proto/`) has the words: the file, the table and, where virsh
    /// prints them through one, the function.
    pub source: &'static str,
    /// The words of each value, by C name, in the enum's order.
    pub words: &'static [(&'static str, &'static str)],
}

/// The words virsh prints, for the enums where they are not the default
/// ones.
///
/// Only the words are taken from virsh, in English (virsh translates most
/// of them). Enums that virsh only reads from its command line
/// (`virDomainCoreDumpFormat`, `virNetworkUpdateSection`, ...) have the
/// words it takes there. Enums whose virsh words are the default ones
/// (`virStoragePoolState`: `inactive`, `running`, ...; `virStorageVolType`:
/// `file`, `block`, ...; the shut-off reasons; ...) have no row; the tests
/// pin those too.
pub const VIRSH_WORDS: &[VirshWords] = &[
    VirshWords {
        c_enum: "virDomainState",
        source: "virsh-domain-monitor.c: virshDomainState (virshDomainStateToString)",
        words: &[
            ("VIR_DOMAIN_NOSTATE", "no state"),
            ("VIR_DOMAIN_RUNNING", "running"),
            ("VIR_DOMAIN_BLOCKED", "idle"),
            ("VIR_DOMAIN_PAUSED", "paused"),
            ("VIR_DOMAIN_SHUTDOWN", "in shutdown"),
            ("VIR_DOMAIN_SHUTOFF", "shut off"),
            ("VIR_DOMAIN_CRASHED", "crashed"),
            ("VIR_DOMAIN_PMSUSPENDED", "pmsuspended"),
        ],
    },
    VirshWords {
        c_enum: "virDomainRunningReason",
        source: "virsh-domain-monitor.c: virshDomainRunningReason (virshDomainStateReasonToString)",
        words: &[
            ("VIR_DOMAIN_RUNNING_UNKNOWN", "unknown"),
            ("VIR_DOMAIN_RUNNING_BOOTED", "booted"),
            ("VIR_DOMAIN_RUNNING_MIGRATED", "migrated"),
            ("VIR_DOMAIN_RUNNING_RESTORED", "restored"),
            ("VIR_DOMAIN_RUNNING_FROM_SNAPSHOT", "from snapshot"),
            ("VIR_DOMAIN_RUNNING_UNPAUSED", "unpaused"),
            (
                "VIR_DOMAIN_RUNNING_MIGRATION_CANCELED",
                "migration canceled",
            ),
            ("VIR_DOMAIN_RUNNING_SAVE_CANCELED", "save canceled"),
            ("VIR_DOMAIN_RUNNING_WAKEUP", "event wakeup"),
            ("VIR_DOMAIN_RUNNING_CRASHED", "crashed"),
            ("VIR_DOMAIN_RUNNING_POSTCOPY", "post-copy"),
            ("VIR_DOMAIN_RUNNING_POSTCOPY_FAILED", "post-copy failed"),
        ],
    },
    VirshWords {
        c_enum: "virDomainPausedReason",
        source: "virsh-domain-monitor.c: virshDomainPausedReason (virshDomainStateReasonToString)",
        words: &[
            ("VIR_DOMAIN_PAUSED_UNKNOWN", "unknown"),
            ("VIR_DOMAIN_PAUSED_USER", "user"),
            ("VIR_DOMAIN_PAUSED_MIGRATION", "migrating"),
            ("VIR_DOMAIN_PAUSED_SAVE", "saving"),
            ("VIR_DOMAIN_PAUSED_DUMP", "dumping"),
            ("VIR_DOMAIN_PAUSED_IOERROR", "I/O error"),
            ("VIR_DOMAIN_PAUSED_WATCHDOG", "watchdog"),
            ("VIR_DOMAIN_PAUSED_FROM_SNAPSHOT", "from snapshot"),
            ("VIR_DOMAIN_PAUSED_SHUTTING_DOWN", "shutting down"),
            ("VIR_DOMAIN_PAUSED_SNAPSHOT", "creating snapshot"),
            ("VIR_DOMAIN_PAUSED_CRASHED", "crashed"),
            ("VIR_DOMAIN_PAUSED_STARTING_UP", "starting up"),
            ("VIR_DOMAIN_PAUSED_POSTCOPY", "post-copy"),
            ("VIR_DOMAIN_PAUSED_POSTCOPY_FAILED", "post-copy failed"),
            ("VIR_DOMAIN_PAUSED_API_ERROR", "api error"),
        ],
    },
    VirshWords {
        c_enum: "virDomainControlState",
        source: "virsh-domain-monitor.c: virshDomainControlState (virshDomainControlStateToString)",
        words: &[
            ("VIR_DOMAIN_CONTROL_OK", "ok"),
            ("VIR_DOMAIN_CONTROL_JOB", "background job"),
            ("VIR_DOMAIN_CONTROL_OCCUPIED", "occupied"),
            ("VIR_DOMAIN_CONTROL_ERROR", "error"),
        ],
    },
    VirshWords {
        c_enum: "virDomainControlErrorReason",
        source: "virsh-domain-monitor.c: virshDomainControlErrorReason \
                 (virshDomainControlErrorReasonToString)",
        words: &[
            // virsh's word is empty: it prints no reason then.
            ("VIR_DOMAIN_CONTROL_ERROR_REASON_NONE", "none"),
            ("VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN", "unknown"),
            ("VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR", "monitor failure"),
            (
                "VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL",
                "internal (locking) error",
            ),
        ],
    },
    VirshWords {
        c_enum: "virDomainDiskErrorCode",
        source: "virsh-domain-monitor.c: virshDomainIOError (virshDomainIOErrorToString)",
        words: &[
            ("VIR_DOMAIN_DISK_ERROR_NONE", "no error"),
            ("VIR_DOMAIN_DISK_ERROR_UNSPEC", "unspecified error"),
            ("VIR_DOMAIN_DISK_ERROR_NO_SPACE", "no space"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventType",
        source: "virsh-domain-event.c: virshDomainEvent (virshDomainEventToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_DEFINED", "Defined"),
            ("VIR_DOMAIN_EVENT_UNDEFINED", "Undefined"),
            ("VIR_DOMAIN_EVENT_STARTED", "Started"),
            ("VIR_DOMAIN_EVENT_SUSPENDED", "Suspended"),
            ("VIR_DOMAIN_EVENT_RESUMED", "Resumed"),
            ("VIR_DOMAIN_EVENT_STOPPED", "Stopped"),
            ("VIR_DOMAIN_EVENT_SHUTDOWN", "Shutdown"),
            ("VIR_DOMAIN_EVENT_PMSUSPENDED", "PMSuspended"),
            ("VIR_DOMAIN_EVENT_CRASHED", "Crashed"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventDefinedDetailType",
        source: "virsh-domain-event.c: virshDomainEventDefined (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_DEFINED_ADDED", "Added"),
            ("VIR_DOMAIN_EVENT_DEFINED_UPDATED", "Updated"),
            ("VIR_DOMAIN_EVENT_DEFINED_RENAMED", "Renamed"),
            ("VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT", "Snapshot"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventUndefinedDetailType",
        source: "virsh-domain-event.c: virshDomainEventUndefined (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_UNDEFINED_REMOVED", "Removed"),
            ("VIR_DOMAIN_EVENT_UNDEFINED_RENAMED", "Renamed"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventStartedDetailType",
        source: "virsh-domain-event.c: virshDomainEventStarted (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_STARTED_BOOTED", "Booted"),
            ("VIR_DOMAIN_EVENT_STARTED_MIGRATED", "Migrated"),
            ("VIR_DOMAIN_EVENT_STARTED_RESTORED", "Restored"),
            ("VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT", "Snapshot"),
            ("VIR_DOMAIN_EVENT_STARTED_WAKEUP", "Event wakeup"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventSuspendedDetailType",
        source: "virsh-domain-event.c: virshDomainEventSuspended (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_SUSPENDED_PAUSED", "Paused"),
            ("VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED", "Migrated"),
            ("VIR_DOMAIN_EVENT_SUSPENDED_IOERROR", "I/O Error"),
            ("VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG", "Watchdog"),
            ("VIR_DOMAIN_EVENT_SUSPENDED_RESTORED", "Restored"),
            ("VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT", "Snapshot"),
            ("VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR", "API error"),
            ("VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY", "Post-copy"),
            (
                "VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED",
                "Post-copy Error",
            ),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventResumedDetailType",
        source: "virsh-domain-event.c: virshDomainEventResumed (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_RESUMED_UNPAUSED", "Unpaused"),
            ("VIR_DOMAIN_EVENT_RESUMED_MIGRATED", "Migrated"),
            ("VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT", "Snapshot"),
            ("VIR_DOMAIN_EVENT_RESUMED_POSTCOPY", "Post-copy"),
            (
                "VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED",
                "Post-copy Error",
            ),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventStoppedDetailType",
        source: "virsh-domain-event.c: virshDomainEventStopped (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN", "Shutdown"),
            ("VIR_DOMAIN_EVENT_STOPPED_DESTROYED", "Destroyed"),
            ("VIR_DOMAIN_EVENT_STOPPED_CRASHED", "Crashed"),
            ("VIR_DOMAIN_EVENT_STOPPED_MIGRATED", "Migrated"),
            ("VIR_DOMAIN_EVENT_STOPPED_SAVED", "Saved"),
            ("VIR_DOMAIN_EVENT_STOPPED_FAILED", "Failed"),
            ("VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT", "Snapshot"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventShutdownDetailType",
        source: "virsh-domain-event.c: virshDomainEventShutdown (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED", "Finished"),
            (
                "VIR_DOMAIN_EVENT_SHUTDOWN_GUEST",
                "Finished after guest request",
            ),
            (
                "VIR_DOMAIN_EVENT_SHUTDOWN_HOST",
                "Finished after host request",
            ),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventPMSuspendedDetailType",
        source: "virsh-domain-event.c: virshDomainEventPMSuspended (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY", "Memory"),
            ("VIR_DOMAIN_EVENT_PMSUSPENDED_DISK", "Disk"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventCrashedDetailType",
        source: "virsh-domain-event.c: virshDomainEventCrashed (virshDomainEventDetailToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_CRASHED_PANICKED", "Panicked"),
            ("VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED", "Crashloaded"),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventGraphicsAddressType",
        source: "virsh-domain-event.c: virshGraphicsAddress (virshGraphicsAddressToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4", "IPv4"),
            ("VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6", "IPv6"),
            ("VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX", "unix"),
        ],
    },
    VirshWords {
        c_enum: "virConnectDomainEventDiskChangeReason",
        source: "virsh-domain-event.c: virshDomainEventDiskChange (virshDomainEventDiskChangeToString)",
        words: &[
            ("VIR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START", "changed"),
            ("VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START", "dropped"),
        ],
    },
    VirshWords {
        c_enum: "virConnectDomainEventAgentLifecycleReason",
        source: "virsh-domain-event.c: virshEventAgentLifecycleReason (virshEventAgentLifecyclePrint)",
        words: &[
            (
                "VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN",
                "unknown",
            ),
            (
                "VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED",
                "domain started",
            ),
            (
                "VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL",
                "channel event",
            ),
        ],
    },
    VirshWords {
        c_enum: "virDomainEventID",
        source: "virsh-domain-event.c: virshDomainEventCallbacks (the names of `virsh event --event`)",
        words: &[
            ("VIR_DOMAIN_EVENT_ID_LIFECYCLE", "lifecycle"),
            ("VIR_DOMAIN_EVENT_ID_REBOOT", "reboot"),
            ("VIR_DOMAIN_EVENT_ID_RTC_CHANGE", "rtc-change"),
            ("VIR_DOMAIN_EVENT_ID_WATCHDOG", "watchdog"),
            ("VIR_DOMAIN_EVENT_ID_IO_ERROR", "io-error"),
            ("VIR_DOMAIN_EVENT_ID_GRAPHICS", "graphics"),
            ("VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON", "io-error-reason"),
            ("VIR_DOMAIN_EVENT_ID_CONTROL_ERROR", "control-error"),
            ("VIR_DOMAIN_EVENT_ID_BLOCK_JOB", "block-job"),
            ("VIR_DOMAIN_EVENT_ID_DISK_CHANGE", "disk-change"),
            ("VIR_DOMAIN_EVENT_ID_TRAY_CHANGE", "tray-change"),
            ("VIR_DOMAIN_EVENT_ID_PMWAKEUP", "pm-wakeup"),
            ("VIR_DOMAIN_EVENT_ID_PMSUSPEND", "pm-suspend"),
            ("VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE", "balloon-change"),
            ("VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK", "pm-suspend-disk"),
            ("VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED", "device-removed"),
            ("VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2", "block-job-2"),
            ("VIR_DOMAIN_EVENT_ID_TUNABLE", "tunable"),
            ("VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE", "agent-lifecycle"),
            ("VIR_DOMAIN_EVENT_ID_DEVICE_ADDED", "device-added"),
            (
                "VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION",
                "migration-iteration",
            ),
            ("VIR_DOMAIN_EVENT_ID_JOB_COMPLETED", "job-completed"),
            (
                "VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED",
                "device-removal-failed",
            ),
            ("VIR_DOMAIN_EVENT_ID_METADATA_CHANGE", "metadata-change"),
            ("VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD", "block-threshold"),
            ("VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE", "memory-failure"),
            (
                "VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE",
                "memory-device-size-change",
            ),
            ("VIR_DOMAIN_EVENT_ID_NIC_MAC_CHANGE", "nic-mac-change"),
        ],
    },
    VirshWords {
        c_enum: "virDomainJobType",
        source: "virsh-domain.c: virshDomainJob (virshDomainJobToString)",
        words: &[
            ("VIR_DOMAIN_JOB_NONE", "None"),
            ("VIR_DOMAIN_JOB_BOUNDED", "Bounded"),
            ("VIR_DOMAIN_JOB_UNBOUNDED", "Unbounded"),
            ("VIR_DOMAIN_JOB_COMPLETED", "Completed"),
            ("VIR_DOMAIN_JOB_FAILED", "Failed"),
            ("VIR_DOMAIN_JOB_CANCELLED", "Cancelled"),
        ],
    },
    VirshWords {
        c_enum: "virDomainJobOperation",
        source: "virsh-domain.c: virshDomainJobOperation (virshDomainJobOperationToString)",
        words: &[
            ("VIR_DOMAIN_JOB_OPERATION_UNKNOWN", "Unknown"),
            ("VIR_DOMAIN_JOB_OPERATION_START", "Start"),
            ("VIR_DOMAIN_JOB_OPERATION_SAVE", "Save"),
            ("VIR_DOMAIN_JOB_OPERATION_RESTORE", "Restore"),
            (
                "VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN",
                "Incoming migration",
            ),
            (
                "VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT",
                "Outgoing migration",
            ),
            ("VIR_DOMAIN_JOB_OPERATION_SNAPSHOT", "Snapshot"),
            (
                "VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT",
                "Snapshot revert",
            ),
            ("VIR_DOMAIN_JOB_OPERATION_DUMP", "Dump"),
            ("VIR_DOMAIN_JOB_OPERATION_BACKUP", "Backup"),
            (
                "VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE",
                "Snapshot delete",
            ),
        ],
    },
    VirshWords {
        c_enum: "virDomainBlockJobType",
        source: "virsh-util.c: virshDomainBlockJob (virshDomainBlockJobToString)",
        words: &[
            ("VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN", "Unknown job"),
            ("VIR_DOMAIN_BLOCK_JOB_TYPE_PULL", "Block Pull"),
            ("VIR_DOMAIN_BLOCK_JOB_TYPE_COPY", "Block Copy"),
            ("VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT", "Block Commit"),
            (
                "VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT",
                "Active Block Commit",
            ),
            ("VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP", "Backup"),
        ],
    },
    VirshWords {
        c_enum: "virDomainCoreDumpFormat",
        source: "virsh-domain.c: virshDomainCoreDumpFormat (`virsh dump --format`)",
        words: &[
            ("VIR_DOMAIN_CORE_DUMP_FORMAT_RAW", "elf"),
            ("VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB", "kdump-zlib"),
            ("VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO", "kdump-lzo"),
            ("VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY", "kdump-snappy"),
            ("VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP", "win-dmp"),
        ],
    },
    VirshWords {
        c_enum: "virDomainLifecycleAction",
        source: "virsh-domain.c: virshDomainLifecycleAction (`virsh set-lifecycle-action`)",
        words: &[
            ("VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY", "destroy"),
            ("VIR_DOMAIN_LIFECYCLE_ACTION_RESTART", "restart"),
            (
                "VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME",
                "rename-restart",
            ),
            ("VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE", "preserve"),
            (
                "VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY",
                "coredump-destroy",
            ),
            (
                "VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART",
                "coredump-restart",
            ),
        ],
    },
    VirshWords {
        c_enum: "virNetworkEventLifecycleType",
        source: "virsh-network.c: virshNetworkEvent (virshNetworkEventToString)",
        words: &[
            ("VIR_NETWORK_EVENT_DEFINED", "Defined"),
            ("VIR_NETWORK_EVENT_UNDEFINED", "Undefined"),
            ("VIR_NETWORK_EVENT_STARTED", "Started"),
            ("VIR_NETWORK_EVENT_STOPPED", "Stopped"),
        ],
    },
    VirshWords {
        c_enum: "virNetworkEventID",
        source: "virsh-network.c: virshNetworkEventCallbacks (the names of `virsh net-event --event`)",
        words: &[
            ("VIR_NETWORK_EVENT_ID_LIFECYCLE", "lifecycle"),
            ("VIR_NETWORK_EVENT_ID_METADATA_CHANGE", "metadata-change"),
        ],
    },
    VirshWords {
        c_enum: "virNetworkUpdateCommand",
        source: "virsh-network.c: virshNetworkUpdateCommand (`virsh net-update`)",
        words: &[
            ("VIR_NETWORK_UPDATE_COMMAND_NONE", "none"),
            ("VIR_NETWORK_UPDATE_COMMAND_MODIFY", "modify"),
            ("VIR_NETWORK_UPDATE_COMMAND_DELETE", "delete"),
            ("VIR_NETWORK_UPDATE_COMMAND_ADD_LAST", "add-last"),
            ("VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST", "add-first"),
        ],
    },
    VirshWords {
        c_enum: "virNetworkUpdateSection",
        source: "virsh-network.c: virshNetworkSection (`virsh net-update`)",
        words: &[
            ("VIR_NETWORK_SECTION_NONE", "none"),
            ("VIR_NETWORK_SECTION_BRIDGE", "bridge"),
            ("VIR_NETWORK_SECTION_DOMAIN", "domain"),
            ("VIR_NETWORK_SECTION_IP", "ip"),
            ("VIR_NETWORK_SECTION_IP_DHCP_HOST", "ip-dhcp-host"),
            ("VIR_NETWORK_SECTION_IP_DHCP_RANGE", "ip-dhcp-range"),
            ("VIR_NETWORK_SECTION_FORWARD", "forward"),
            ("VIR_NETWORK_SECTION_FORWARD_INTERFACE", "forward-interface"),
            ("VIR_NETWORK_SECTION_FORWARD_PF", "forward-pf"),
            ("VIR_NETWORK_SECTION_PORTGROUP", "portgroup"),
            ("VIR_NETWORK_SECTION_DNS_HOST", "dns-host"),
            ("VIR_NETWORK_SECTION_DNS_TXT", "dns-txt"),
            ("VIR_NETWORK_SECTION_DNS_SRV", "dns-srv"),
        ],
    },
    VirshWords {
        c_enum: "virNodeDeviceEventLifecycleType",
        source: "virsh-nodedev.c: virshNodeDeviceEvent (virshNodeDeviceEventToString)",
        words: &[
            ("VIR_NODE_DEVICE_EVENT_CREATED", "Created"),
            ("VIR_NODE_DEVICE_EVENT_DELETED", "Deleted"),
            ("VIR_NODE_DEVICE_EVENT_DEFINED", "Defined"),
            ("VIR_NODE_DEVICE_EVENT_UNDEFINED", "Undefined"),
        ],
    },
    VirshWords {
        c_enum: "virStoragePoolEventLifecycleType",
        source: "virsh-pool.c: virshPoolEvent (virshPoolEventToString)",
        words: &[
            ("VIR_STORAGE_POOL_EVENT_DEFINED", "Defined"),
            ("VIR_STORAGE_POOL_EVENT_UNDEFINED", "Undefined"),
            ("VIR_STORAGE_POOL_EVENT_STARTED", "Started"),
            ("VIR_STORAGE_POOL_EVENT_STOPPED", "Stopped"),
            ("VIR_STORAGE_POOL_EVENT_CREATED", "Created"),
            ("VIR_STORAGE_POOL_EVENT_DELETED", "Deleted"),
        ],
    },
    VirshWords {
        c_enum: "virSecretEventLifecycleType",
        source: "virsh-secret.c: virshSecretEvent (virshSecretEventToString)",
        words: &[
            ("VIR_SECRET_EVENT_DEFINED", "Defined"),
            ("VIR_SECRET_EVENT_UNDEFINED", "Undefined"),
        ],
    },
    VirshWords {
        c_enum: "virSecretEventID",
        source: "virsh-secret.c: virshSecretEventCallbacks (the names of `virsh secret-event --event`)",
        words: &[
            ("VIR_SECRET_EVENT_ID_LIFECYCLE", "lifecycle"),
            ("VIR_SECRET_EVENT_ID_VALUE_CHANGED", "value-changed"),
        ],
    },
];

/// virsh's words for one value, from [`VIRSH_WORDS`].
fn virsh_words(c_enum: &str, c_value: &str) -> Option<&'static str> {
    VIRSH_WORDS
        .iter()
        .find(|row| row.c_enum == c_enum)?
        .words
        .iter()
        .find(|(name, _)| *name == c_value)
        .map(|(_, words)| *words)
}

// ---------------------------------------------------------------------------
// Documentation
// ---------------------------------------------------------------------------

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Turns C comment text into Markdown lines that rustdoc renders as written.
fn markdown_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].is_empty() {
            i += 1;
        }
        let para = &lines[start..i];
        if !out.is_empty() {
            out.push(String::new());
        }
        let min = para.iter().map(|l| indent_of(l)).min().unwrap_or(0);
        let preformatted = min >= 4 || para.iter().any(|l| indent_of(l) >= min + 4);
        if preformatted {
            let mut run = 0;
            let mut longest = 0;
            for c in para.iter().flat_map(|l| l.chars()) {
                if c == '`' {
                    run += 1;
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
            }
            let fence = "`".repeat(longest.max(2) + 1);
            out.push(format!("{fence}text"));
            out.extend(para.iter().map(|l| l[min.min(indent_of(l))..].to_string()));
            out.push(fence);
        } else {
            let joined = para.iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n");
            out.extend(escape_markdown(&joined).split('\n').map(escape_line_start));
        }
    }
    out
}

fn escape_line_start(line: &str) -> String {
    let setext =
        !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'));
    if line.starts_with(['#', '+', '~']) || setext {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

/// Escapes text so that Markdown shows it literally, except for balanced
/// code spans, and turns bare URLs into autolinks.
fn escape_markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Code spans are kept only in the simple case: single backticks, paired.
    // Anything else (a ``` fence, an unpaired backtick) is escaped.
    let balanced = chars.iter().filter(|c| **c == '`').count() % 2 == 0
        && !chars.windows(2).any(|w| w == ['`', '`']);
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            if balanced {
                in_code = !in_code;
                out.push('`');
            } else {
                out.push_str("\\`");
            }
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        let word_start = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if word_start && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let mut end = i;
            while end < chars.len()
                && !chars[end].is_whitespace()
                && !matches!(
                    chars[end],
                    '<' | '>' | '"' | '\'' | '`' | '(' | ')' | '[' | ']'
                )
            {
                end += 1;
            }
            while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':') {
                end -= 1;
            }
            let url: String = chars[i..end].iter().collect();
            let wrapped = i > 0 && chars[i - 1] == '<' && chars.get(end) == Some(&'>');
            if wrapped {
                out.truncate(out.len() - 2); // the escaped `<`
                i = end + 1;
            } else {
                i = end;
            }
            out.push('<');
            out.push_str(&url);
            out.push('>');
            continue;
        }
        if matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '|' | '_' | '&')
            && !(c == '_' && i > 0 && chars[i - 1].is_ascii_alphanumeric())
        {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `#[doc]` attributes: the C documentation, then a line naming the C item.
fn doc_attrs(c_doc: &str, trailer: &str) -> TokenStream {
    let mut lines = markdown_lines(c_doc);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(trailer.to_string());
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#attrs)* }
}

// ---------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// An integer literal token stream, with a separate `-` for negative values.
fn int_tokens(v: i64) -> TokenStream {
    let lit = Literal::u64_unsuffixed(v.unsigned_abs());
    if v < 0 {
        quote! { -#lit }
    } else {
        quote! { #lit }
    }
}

fn unknown_value_tokens() -> TokenStream {
    quote! {
        /// The error returned when converting an integer that is not a known
        /// value of a libvirt C enum.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct UnknownValue {
            /// The Rust name of the enum that was converted to.
            pub type_name: &'static str,
            /// The value that names no variant of the enum.
            pub value: i64,
        }

        impl core::fmt::Display for UnknownValue {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "unknown {} value {}", self.type_name, self.value)
            }
        }

        impl core::error::Error for UnknownValue {}
    }
}

fn value_trailer(e: &CEnum, v: &CEnumValue) -> String {
    let mut s = format!("C: `{}` = {} ({})", v.c_name, v.value, e.header);
    if let Some(orig) = &v.alias_of {
        s.push_str(&format!("; same value as `{orig}`"));
    }
    s
}

fn gen_enum(e: &CEnum) -> TokenStream {
    if e.values.is_empty() {
        return TokenStream::new();
    }
    let name = ident(&e.rust_name);
    let type_name = &e.rust_name;
    let fits_i32 = e.values.iter().all(|v| i32::try_from(v.value).is_ok());
    let repr = if fits_i32 { ident("i32") } else { ident("i64") };
    let doc = doc_attrs(&e.doc, &format!("C: `{}` ({})", e.c_name, e.header));

    let originals: Vec<&CEnumValue> = e.values.iter().filter(|v| v.alias_of.is_none()).collect();
    let variants = originals.iter().map(|v| {
        let trailer = format!("{}; displayed as `{}`", value_trailer(e, v), v.words);
        let doc = doc_attrs(&v.doc, &trailer);
        let vname = ident(&v.rust_name);
        let value = int_tokens(v.value);
        quote! { #doc #vname = #value, }
    });
    let aliases = e.values.iter().filter_map(|v| {
        let orig_c = v.alias_of.as_ref()?;
        let orig = e.values.iter().find(|o| &o.c_name == orig_c)?;
        let doc = doc_attrs(&v.doc, &value_trailer(e, v));
        let aname = ident(&v.rust_name);
        let oname = ident(&orig.rust_name);
        Some(quote! { #doc pub const #aname: Self = Self::#oname; })
    });
    let from_arms = originals.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = int_tokens(v.value);
        quote! { #value => ::core::option::Option::Some(Self::#vname), }
    });
    let name_arms = originals.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let c = &v.c_name;
        quote! { Self::#vname => #c, }
    });
    let words_arms = originals.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let words = &v.words;
        quote! { Self::#vname => #words, }
    });
    let widen = if fits_i32 {
        quote! { i64::from(value) }
    } else {
        quote! { value }
    };

    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(#repr)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            #(#aliases)*

            /// The C value of this variant.
            #[must_use]
            pub const fn as_raw(self) -> #repr {
                self as #repr
            }

            /// The variant with the given C value, if there is one.
            #[must_use]
            pub const fn from_raw(value: #repr) -> ::core::option::Option<Self> {
                match value {
                    #(#from_arms)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The C name of this variant.
            #[must_use]
            pub const fn c_name(self) -> &'static str {
                match self {
                    #(#name_arms)*
                }
            }
        }

        impl ::core::convert::TryFrom<#repr> for #name {
            type Error = UnknownValue;

            fn try_from(value: #repr) -> ::core::result::Result<Self, UnknownValue> {
                match Self::from_raw(value) {
                    ::core::option::Option::Some(v) => ::core::result::Result::Ok(v),
                    ::core::option::Option::None => ::core::result::Result::Err(UnknownValue {
                        type_name: #type_name,
                        value: #widen,
                    }),
                }
            }
        }

        impl ::core::convert::From<#name> for #repr {
            fn from(value: #name) -> #repr {
                value.as_raw()
            }
        }

        /// The words virsh prints for the value (`c_name` gives the C name).
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(match self {
                    #(#words_arms)*
                })
            }
        }
    }
}

fn gen_flags(e: &CEnum) -> TokenStream {
    let name = ident(&e.rust_name);
    let all = |f: fn(i64) -> bool| e.values.iter().all(|v| f(v.value));
    let ty = if all(|v| u32::try_from(v).is_ok()) {
        "u32"
    } else if all(|v| v >= 0) {
        "u64"
    } else if all(|v| i32::try_from(v).is_ok()) {
        "i32"
    } else {
        "i64"
    };
    let ty = ident(ty);
    let doc = doc_attrs(&e.doc, &format!("C: `{}` ({})", e.c_name, e.header));
    let consts = e.values.iter().map(|v| {
        let doc = doc_attrs(&v.doc, &value_trailer(e, v));
        let cname = ident(&v.rust_name);
        let value = if v.value > 0 && v.value & (v.value - 1) == 0 {
            let shift = Literal::u32_unsuffixed(v.value.trailing_zeros());
            quote! { 1 << #shift }
        } else {
            int_tokens(v.value)
        };
        quote! { #doc const #cname = #value; }
    });
    quote! {
        bitflags::bitflags! {
            #doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct #name: #ty {
                #(#consts)*
            }
        }
    }
}

/// Lower-case Rust keywords, which no constant may be named.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "try", "typeof", "unsized", "virtual", "yield", "_",
];

fn gen_define(name: &str, value: i64) -> TokenStream {
    if KEYWORDS.contains(&name) {
        return TokenStream::new();
    }
    let ty = if u32::try_from(value).is_ok() {
        "u32"
    } else if value >= 0 {
        "u64"
    } else if i32::try_from(value).is_ok() {
        "i32"
    } else {
        "i64"
    };
    let ty = ident(ty);
    let cname = ident(name);
    let lit = int_tokens(value);
    let doc = format!(" The C macro `{name}` of libvirt's public headers.");
    quote! {
        #[doc = #doc]
        pub const #cname: #ty = #lit;
    }
}
