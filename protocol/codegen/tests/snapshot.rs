//! The generated code of a small synthetic protocol file
//! (`tests/fixtures/small.x`) is pinned in `tests/fixtures/small.expected.rs`.
//!
//! After an intended change to the generator, rewrite the expected file
//! with `UPDATE_SNAPSHOTS=1 cargo test -p libvirt-codegen --test snapshot`
//! and review its diff.

use std::path::PathBuf;

use libvirt_codegen::generate::{GenError, ProtocolFile, generate_file};
use libvirt_codegen::headers::Headers;
use libvirt_codegen::parser::parse;

const SMALL: ProtocolFile = ProtocolFile {
    file: "small.x",
    module: "small",
    type_prefix: "small_",
    program: Some("small"),
};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The module generated from `text`, formatted as the build formats it.
fn generate(text: &str) -> Result<String, GenError> {
    let spec = parse(SMALL.file, text).unwrap_or_else(|e| panic!("{e}"));
    let headers = Headers::parse(&[]).expect("no headers parse");
    let tokens = generate_file(&SMALL, &spec, &headers)?;
    let file: syn::File = syn::parse2(tokens).expect("the generated code parses");
    Ok(prettyplease::unparse(&file))
}

#[test]
fn the_small_protocol_file_generates_the_expected_code() {
    let text = std::fs::read_to_string(fixture("small.x")).expect("the fixture is readable");
    let actual = generate(&text).unwrap_or_else(|e| panic!("{e}"));
    let path = fixture("small.expected.rs");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).expect("the expected file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        panic!(
            "the generated code differs from {} (- expected, + generated); \
             if the change is intended, rerun with UPDATE_SNAPSHOTS=1\n{}",
            path.display(),
            line_diff(&expected, &actual)
        );
    }
}

#[test]
fn unions_with_a_default_arm_are_refused() {
    let e =
        generate("union small_u switch (int t) { case 1: int a; default: void; };").unwrap_err();
    assert!(e.message.contains("default"), "{e}");
}

#[test]
fn names_that_would_shadow_the_prelude_are_refused() {
    for text in [
        "struct small_option { int a; };",
        "typedef int small_vec;",
        "const Some = 1;",
    ] {
        let e = generate(text).unwrap_err();
        assert!(e.message.contains("shadows the prelude"), "{text}: {e}");
    }
}

/// The changed lines between two texts, with their line numbers, from a
/// longest common subsequence of lines.
fn line_diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    // lcs[i][j]: the common subsequence length of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(format!("+{:>5} {}", j + 1, b[j]));
            j += 1;
        } else {
            out.push(format!("-{:>5} {}", i + 1, a[i]));
            i += 1;
        }
    }
    const SHOWN: usize = 200;
    if out.len() > SHOWN {
        let more = out.len() - SHOWN;
        out.truncate(SHOWN);
        out.push(format!("... and {more} more changed lines"));
    }
    out.join("\n")
}

/// A program whose procedures are `defs` and `procs`.
fn program(defs: &str, procs: &str) -> String {
    format!(
        "{defs}\nconst SMALL_PROGRAM = 1;\nconst SMALL_PROTOCOL_VERSION = 1;\n\
         enum small_procedure {{ {procs} }};"
    )
}

#[test]
fn a_registration_without_a_callback_id_needs_an_exception() {
    let text = program(
        "struct small_connect_thing_event_register_any_args { int eventID; };",
        "SMALL_PROC_CONNECT_THING_EVENT_REGISTER_ANY = 1",
    );
    let e = generate(&text).unwrap_err();
    assert!(e.message.contains("CALLBACK_EXCEPTIONS"), "{e}");
}

#[test]
fn an_event_family_needs_one_register_and_one_deregister() {
    let text = program(
        "struct small_thing_event_lifecycle_msg { int callbackID; int event; };",
        "SMALL_PROC_THING_EVENT_LIFECYCLE = 1",
    );
    let e = generate(&text).unwrap_err();
    assert!(e.message.contains("event family THING"), "{e}");
}
