//! The parser reads every vendored `.x` file, and rejects what it does not
//! know with a located error.

use libvirt_codegen::ast::{DefinitionKind, Shape, Spec, TypeSpec, Value};
use libvirt_codegen::generate::PROTOCOL_FILES;
use libvirt_codegen::parser::parse;

fn proto(file: &str) -> String {
    let path = format!("{}/../../proto/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn spec(file: &str) -> Spec {
    parse(file, &proto(file)).unwrap_or_else(|e| panic!("{e}"))
}

fn procedures(spec: &Spec, name: &str) -> usize {
    spec.definitions
        .iter()
        .find_map(|d| match &d.kind {
            DefinitionKind::Enum { name: n, variants } if n == name => Some(variants.len()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no enum {name}"))
}

#[test]
fn every_vendored_file_parses() {
    for pf in PROTOCOL_FILES {
        let s = spec(pf.file);
        assert!(!s.definitions.is_empty(), "{}", pf.file);
        for d in &s.definitions {
            assert!(d.line > 0);
            assert!(!d.source.is_empty());
        }
    }
}

#[test]
fn procedure_counts_per_program() {
    assert_eq!(
        procedures(&spec("remote_protocol.x"), "remote_procedure"),
        453
    );
    assert_eq!(procedures(&spec("qemu_protocol.x"), "qemu_procedure"), 7);
    assert_eq!(procedures(&spec("lxc_protocol.x"), "lxc_procedure"), 1);
    assert_eq!(procedures(&spec("admin_protocol.x"), "admin_procedure"), 20);
    assert_eq!(
        procedures(&spec("virkeepaliveprotocol.x"), "keepalive_procedure"),
        2
    );
}

#[test]
fn annotations_are_data() {
    let s = spec("remote_protocol.x");
    let variants = s
        .definitions
        .iter()
        .find_map(|d| match &d.kind {
            DefinitionKind::Enum { name, variants } if name == "remote_procedure" => Some(variants),
            _ => None,
        })
        .unwrap();
    let get = |n: &str| variants.iter().find(|v| v.name == n).unwrap();
    let open = get("REMOTE_PROC_CONNECT_OPEN");
    assert_eq!(open.value, Value::Literal(1));
    assert_eq!(open.annotations.generate.as_deref(), Some("none"));
    assert_eq!(open.annotations.priority.as_deref(), Some("high"));
    assert_eq!(open.annotations.acl, ["connect:getattr"]);
    let dl = get("REMOTE_PROC_STORAGE_VOL_DOWNLOAD");
    assert_eq!(dl.annotations.readstream, Some(1));
    assert_eq!(
        dl.annotations.sparseflag.as_deref(),
        Some("VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM")
    );
    let up = get("REMOTE_PROC_STORAGE_VOL_UPLOAD");
    assert_eq!(up.annotations.writestream, Some(1));
    let list = get("REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS");
    assert!(!list.annotations.aclfilter.is_empty());
    // Every remote procedure says what libvirt generates for it.
    assert!(variants.iter().all(|v| v.annotations.generate.is_some()));
    assert_eq!(
        variants
            .iter()
            .filter(|v| v.annotations.readstream.is_some())
            .count(),
        4
    );
    // 148 and 215 are annotated; 304 is a write stream too, but the file does
    // not say so (the generator's override table does).
    assert_eq!(
        variants
            .iter()
            .filter(|v| v.annotations.writestream.is_some())
            .count(),
        3
    );
}

#[test]
fn declarations_keep_their_shape() {
    let s = spec("remote_protocol.x");
    let find = |n: &str| s.definitions.iter().find(|d| d.name() == n).unwrap();
    let DefinitionKind::Typedef(uuid) = &find("remote_uuid").kind else {
        panic!()
    };
    assert_eq!(uuid.ty, TypeSpec::Opaque);
    assert_eq!(
        uuid.shape,
        Shape::Fixed(Value::Named("VIR_UUID_BUFLEN".into()))
    );
    let DefinitionKind::Typedef(string) = &find("remote_string").kind else {
        panic!()
    };
    assert_eq!(string.shape, Shape::Optional);
    let DefinitionKind::Struct { fields, .. } = &find("remote_node_get_info_ret").kind else {
        panic!()
    };
    assert_eq!(fields[0].ty, TypeSpec::Char);
    assert_eq!(fields[0].shape, Shape::Fixed(Value::Literal(32)));
    let DefinitionKind::Union { cases, default, .. } = &find("remote_typed_param_value").kind
    else {
        panic!()
    };
    assert_eq!(cases.len(), 7);
    assert!(default.is_none());
    assert!(
        find("remote_nonnull_domain")
            .source
            .starts_with("struct remote_nonnull_domain {")
    );
}

#[test]
fn errors_are_located() {
    let e = parse("t.x", "const A = 1;\nstruct s { int a; b; };").unwrap_err();
    assert_eq!((e.file.as_str(), e.line, e.column), ("t.x", 2, 20));
    let e = parse("t.x", "/* c */\nprogram P { };").unwrap_err();
    assert_eq!((e.line, e.column), (2, 1));
    assert!(e.message.contains("unknown construct"), "{e}");
    let e = parse("t.x", "enum e {\n /** @bogus: 1 */ A = 1 };").unwrap_err();
    assert!(e.message.contains("unknown annotation"), "{e}");
    let e = parse("t.x", "typedef string s;").unwrap_err();
    assert!(e.message.contains("string"), "{e}");
    let e = parse("t.x", "/* open").unwrap_err();
    assert!(e.message.contains("unterminated"), "{e}");
    let e = parse("t.x", "struct s { quadruple q; };").unwrap_err();
    assert!(e.message.contains("not supported"), "{e}");
}

#[test]
fn union_with_shared_cases_and_void() {
    let s = parse(
        "t.x",
        "union u switch (int t) { case 1: case 2: int a; case 3: void; default: void; };",
    )
    .unwrap();
    let DefinitionKind::Union { cases, default, .. } = &s.definitions[0].kind else {
        panic!()
    };
    assert_eq!(cases[0].values, [Value::Literal(1), Value::Literal(2)]);
    assert!(cases[1].declaration.is_none());
    assert_eq!(default, &Some(None));
}
