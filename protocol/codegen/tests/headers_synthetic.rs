//! Tests of the header parser on small hand-written headers.

use libvirt_codegen::headers::{EnumKind, HeaderError, Headers};

fn parse(src: &str) -> Headers {
    Headers::parse(&[("test.h", src)]).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_err(src: &str) -> HeaderError {
    Headers::parse(&[("test.h", src)]).expect_err("should fail")
}

/// The generated code, pretty-printed, without whitespace (`bitflags!`
/// bodies are printed as raw tokens).
fn generated(h: &Headers) -> String {
    let file: syn::File = syn::parse2(h.generate()).expect("generated code parses");
    squash(&prettyplease::unparse(&file))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn has(code: &str, needle: &str) -> bool {
    code.contains(&squash(needle))
}

#[test]
fn expressions() {
    let h = parse(
        "# define BASE 0x10\n\
         # define SHIFTED (1U << 31)\n\
         typedef enum {\n\
             E_A = BASE + 2,\n\
             E_B,\n\
             E_C = (E_A | E_B) * 2 - 1,\n\
             E_D = ~0U,\n\
             E_E = -E_A,\n\
             E_F = 017,\n\
             E_G = 10UL / 3 % 2,\n\
             E_H = 0xF0 >> 4 ^ 1 & 3,\n\
             E_I = SHIFTED,\n\
             E_J = LATER,\n\
         } virExprTest;\n\
         # define LATER 1L << 40\n",
    );
    let v = |n: &str| h.value(n).unwrap();
    assert_eq!(v("E_A"), 18);
    assert_eq!(v("E_B"), 19);
    assert_eq!(v("E_C"), (18 | 19) * 2 - 1);
    assert_eq!(v("E_D"), 0xffff_ffff);
    assert_eq!(v("E_E"), -18);
    assert_eq!(v("E_F"), 15);
    assert_eq!(v("E_G"), 1);
    assert_eq!(v("E_H"), 0xF0 >> 4 ^ 1 & 3);
    assert_eq!(v("E_I"), 1 << 31);
    assert_eq!(v("E_J"), 1 << 40);
    assert_eq!(h.defines.get("LATER"), Some(&(1 << 40)));
    // Enum with a value beyond i32: i64 representation.
    assert!(has(&generated(&h), "#[repr(i64)]"));
}

#[test]
fn references_across_files() {
    let a = "typedef enum { A_ONE = 1, A_TWO = B_TWO } virA;\n";
    let b = "typedef enum { B_ONE = A_ONE, B_TWO = 2 } virB;\n";
    let h = Headers::parse(&[("a.h", a), ("b.h", b)]).unwrap();
    assert_eq!(h.value("A_TWO"), Some(2));
    assert_eq!(h.value("B_ONE"), Some(1));
    assert_eq!(h.enums[1].header, "b.h");
}

#[test]
fn sentinels() {
    let h = parse(
        "typedef enum {\n\
             S_A,\n\
             S_B,\n\
         # ifdef VIR_ENUM_SENTINELS\n\
             S_LAST\n\
             /* NB: grows */\n\
         # endif\n\
         } virSentinel;\n\
         typedef enum {\n\
             T_A = 0,\n\
         #if defined(VIR_ENUM_SENTINELS)\n\
             T_LAST\n\
         #else\n\
             T_KEPT,\n\
         #endif\n\
         } virSentinel2;\n",
    );
    assert_eq!(h.enums[0].values.len(), 2);
    assert_eq!(h.value("S_LAST"), None);
    assert_eq!(h.value("T_LAST"), None);
    assert_eq!(h.value("T_KEPT"), Some(1));
}

#[test]
fn unsupported_directive_is_an_error() {
    let err = parse_err(
        "typedef enum {\n\
             D_A,\n\
         # ifdef SOMETHING_ELSE\n\
             D_B,\n\
         # endif\n\
         } virDir;\n",
    );
    assert_eq!((err.line, err.column), (3, 1));
    assert!(err.message.contains("#ifdef"), "{err}");
}

#[test]
fn other_errors() {
    let err = parse_err("typedef enum {\n    U_A = NOPE,\n} virU;\n");
    assert_eq!((err.line, err.column), (2, 11));
    assert!(err.message.contains("unknown name `NOPE`"), "{err}");

    let err = parse_err("typedef enum { X_A = 1 } virX;\ntypedef enum { X_A = 2 } virY;\n");
    assert_eq!((err.line, err.column), (2, 16));
    assert!(err.message.contains("duplicate"), "{err}");

    let err = parse_err("typedef enum { C_A = C_B, C_B = C_A } virC;\n");
    assert!(err.message.contains("itself"), "{err}");

    let err = parse_err("typedef enum { Z_A = 1 << 99 } virZ;\n");
    assert!(err.message.contains("shift"), "{err}");

    let err = parse_err("typedef enum { Z_A = 1 } virZ\nint x;\n");
    assert_eq!((err.line, err.column), (2, 1));

    let err = parse_err("/* unterminated\n");
    assert_eq!((err.line, err.column), (1, 1));

    let err = parse_err("typedef enum { Z_A = 1 \n");
    assert!(err.message.contains("end of file"), "{err}");
}

#[test]
fn defines() {
    let h = parse(
        "# define STR \"text\"\n\
         # define FN(x) ((x) + 1)\n\
         # define SPACED (2)\n\
         # define PLACEHOLDER @VERSION@\n\
         # define EMPTY\n\
         # define ATTR __attribute__((foo))\n\
         # define ALIAS SPACED\n\
         # define OTHER_NAME some_type\n\
         # define NEG (-5)\n\
         # define CONT 1 + \\\n    2\n\
         # define COMMENTED 7 /* = 3 + 4 */\n\
         #if 0\n\
         # define TWICE 1\n\
         #else\n\
         # define TWICE 2\n\
         #endif\n",
    );
    let keys: Vec<&str> = h.defines.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["ALIAS", "COMMENTED", "CONT", "NEG", "SPACED", "TWICE"]
    );
    assert_eq!(h.defines["ALIAS"], 2);
    assert_eq!(h.defines["CONT"], 3);
    assert_eq!(h.defines["NEG"], -5);
    assert_eq!(h.defines["TWICE"], 1);
    let code = generated(&h);
    assert!(has(&code, "pub const NEG: i32 = -5;"), "{code}");
    assert!(has(&code, "pub const SPACED: u32 = 2;"), "{code}");
}

#[test]
fn documentation() {
    let h = parse(
        "/**\n\
          * virDocTest:\n\
          *\n\
          * Some [text] with <xml> and http://example.org/x.\n\
          *\n\
          *     indented code\n\
          *\n\
          * Since: 1.0.0\n\
          */\n\
         typedef enum {\n\
             /* 1 << 0 is reserved */\n\
         \n\
             /* Leading doc\n\
              * on two lines */\n\
             DOC_A = 1, /* and trailing */\n\
             DOC_B = 2, /* trailing only\n\
                           continued */\n\
             DOC_C = 3\n\
             /* reserved too */\n\
         } virDocTest;\n",
    );
    let e = &h.enums[0];
    assert_eq!(
        e.doc,
        "Some [text] with <xml> and http://example.org/x.\n\n    indented code\n\nSince: 1.0.0"
    );
    assert_eq!(e.values[0].doc, "Leading doc\non two lines\n\nand trailing");
    assert_eq!(e.values[1].doc, "trailing only\ncontinued");
    assert_eq!(e.values[2].doc, "");

    let code = generated(&h);
    assert!(
        has(
            &code,
            r"/// Some \[text\] with \<xml\> and <http://example.org/x>."
        ),
        "{code}"
    );
    assert!(
        has(&code, "/// ```text\n/// indented code\n/// ```"),
        "{code}"
    );
    assert!(has(&code, "C: `virDocTest` (test.h)"), "{code}");
    assert!(has(&code, "C: `DOC_C` = 3 (test.h)"), "{code}");
}

#[test]
fn naming_and_kinds() {
    let h = parse(
        "typedef enum { N_X_1G = 0, N_X_2G = 1, N_X_SELF = 2 } virNames;\n\
         typedef enum { F_A = 0, F_B = 1 << 0, F_C = 1 << 1 } virBits;\n\
         typedef enum { G_A = 1, G_B = 2, G_C = 3 } virSomeFlags;\n\
         typedef enum { H_A = -1, H_B = 1 } virNegFlags;\n\
         typedef enum { I_A = 1 << 0, I_B = 3 } virMixed;\n\
         typedef enum { J_A = 0, J_B = 1, J_C = 1 } virAliased;\n\
         typedef enum { K_BIG = 1ULL << 40 } virBigFlags;\n\
         typedef enum { L_A = 0 } notVir;\n",
    );
    let e = |n: &str| h.enums.iter().find(|e| e.c_name == n).unwrap();
    let names = |n: &str| {
        e(n).values
            .iter()
            .map(|v| v.rust_name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(e("virNames").rust_name, "Names");
    assert_eq!(names("virNames"), ["V1g", "V2g", "SelfValue"]);
    assert_eq!(e("virNames").kind, EnumKind::Enum);
    assert_eq!(e("virBits").kind, EnumKind::Flags);
    assert_eq!(names("virBits"), ["A", "B", "C"]);
    assert_eq!(e("virSomeFlags").kind, EnumKind::Flags);
    assert_eq!(e("virNegFlags").kind, EnumKind::Enum);
    assert_eq!(e("virMixed").kind, EnumKind::Enum);
    assert_eq!(names("virAliased"), ["A", "B", "C"]);
    assert_eq!(e("virAliased").values[2].alias_of.as_deref(), Some("J_B"));
    assert_eq!(e("notVir").rust_name, "NotVir");

    let words = |n: &str| {
        e(n).values
            .iter()
            .map(|v| v.words.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(words("virNames"), ["1g", "2g", "self"]);
    assert_eq!(words("virAliased"), ["a", "b", "c"]);
    assert_eq!(words("notVir"), ["l a"]);

    let code = generated(&h);
    assert!(has(&code, "pub const C: Self = Self::B;"), "{code}");
    // Display prints the words; an alias displays as its original.
    assert!(has(&code, "Self::V1g => \"1g\","), "{code}");
    assert!(has(&code, "Self::V1g => \"N_X_1G\","), "{code}");
    assert!(!has(&code, "=> \"c\","), "{code}");
    assert!(has(&code, "pub struct BigFlags: u64"), "{code}");
    assert!(has(&code, "const K_BIG = 1 << 40;"), "{code}");
    assert!(has(&code, "pub struct SomeFlags: u32"), "{code}");
    assert!(has(&code, "const C = 3;"), "{code}");
}

#[test]
fn ignores_everything_else() {
    let h = parse(
        "#ifndef FOO_H\n# define FOO_H\n# include <stdio.h>\n\
         typedef struct _virFoo virFoo;\n\
         struct _virFoo { int a; char *b; enum { INNER = 5 } c; };\n\
         typedef enum virTagged virTagged;\n\
         int virFooDo(virFoo *foo, unsigned int flags) VIR_DEPRECATED;\n\
         const char *s = \"typedef enum { NOT_THIS } x;\";\n\
         typedef enum _tag { T_ONE = 1 } virTagged;\n\
         #endif\n",
    );
    assert_eq!(h.enums.len(), 1);
    assert_eq!(h.enums[0].c_name, "virTagged");
    assert_eq!(h.value("INNER"), None);
    assert!(h.defines.is_empty());
}
