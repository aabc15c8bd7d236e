//! libvirt's API description, vendored in `proto/api/`, joined to the
//! procedures of the `.x` files: every public C function is served by a
//! procedure, by a sequence of them, or on the client side for a stated
//! reason. The counts pin libvirt 11.3.0; a refresh that adds functions
//! shows up here.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use libvirt_codegen::api::{self, Backing};
use libvirt_codegen::ast::DefinitionKind;
use libvirt_codegen::parser;

fn proto() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto")
}

/// The procedure constants of a `.x` file's procedure enum.
fn procedures(x: &str) -> Vec<String> {
    let text = std::fs::read_to_string(proto().join(x)).unwrap();
    let spec = parser::parse(x, &text).unwrap();
    spec.definitions
        .iter()
        .filter_map(|d| match &d.kind {
            DefinitionKind::Enum { name, variants } if name.ends_with("_procedure") => {
                Some(variants.iter().map(|v| v.name.clone()).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .collect()
}

struct Joined {
    /// (api, function, backing)
    rows: Vec<(String, String, Option<Backing>)>,
    procedures: HashMap<String, Vec<String>>,
}

fn join() -> Joined {
    let files = [
        ("libvirt-api.xml", "remote_protocol.x"),
        ("libvirt-qemu-api.xml", "qemu_protocol.x"),
        ("libvirt-lxc-api.xml", "lxc_protocol.x"),
        ("libvirt-admin-api.xml", "admin_protocol.x"),
    ];
    let mut rows = Vec::new();
    let mut all = HashMap::new();
    for (xml, x) in files {
        let text = std::fs::read_to_string(proto().join("api").join(xml)).unwrap();
        let api = api::parse(xml, &text).unwrap();
        let procs = procedures(x);
        let refs: Vec<&str> = procs.iter().map(String::as_str).collect();
        for f in &api.functions {
            rows.push((
                api.name.clone(),
                f.name.clone(),
                api::backing(&api.name, &f.name, &refs),
            ));
        }
        all.insert(api.name.clone(), procs);
    }
    Joined {
        rows,
        procedures: all,
    }
}

#[test]
fn every_public_function_is_served_by_a_procedure_or_on_the_client_for_a_reason() {
    let j = join();
    let uncovered: Vec<_> = j
        .rows
        .iter()
        .filter(|(_, _, b)| b.is_none())
        .map(|(_, f, _)| f.as_str())
        .collect();
    assert!(uncovered.is_empty(), "no rule covers {uncovered:?}");

    let count = |pred: fn(&Backing) -> bool| {
        j.rows
            .iter()
            .filter(|(_, _, b)| b.as_ref().is_some_and(pred))
            .count()
    };
    let by_rule = count(|b| matches!(b, Backing::Procedure(_)));
    let mapped = count(|b| matches!(b, Backing::Mapped { .. }));
    let composite = count(|b| matches!(b, Backing::Composite(_)));
    let client = count(|b| matches!(b, Backing::ClientSide(_)));
    // libvirt 11.3.0: 524 + 6 (qemu) + 4 (lxc) + 33 (admin) functions.
    assert_eq!(j.rows.len(), 567);
    assert_eq!(
        (by_rule, mapped, composite, client),
        (401, 10, 6, 150),
        "by name, by override, composite, client side"
    );
    let per_api = |name: &str| j.rows.iter().filter(|(a, _, _)| a == name).count();
    assert_eq!(
        [
            per_api("libvirt"),
            per_api("libvirt-qemu"),
            per_api("libvirt-lxc"),
            per_api("libvirt-admin")
        ],
        [524, 6, 4, 33]
    );
}

#[test]
fn a_procedure_serves_at_most_one_function_by_name_and_overrides_name_real_procedures() {
    let j = join();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (_, f, b) in &j.rows {
        if let Some(Backing::Procedure(p)) = b {
            if let Some(other) = seen.insert(p, f) {
                panic!("{p} serves both {other} and {f}");
            }
        }
    }
    let remote = &j.procedures["libvirt"];
    for (f, p, reason) in api::PROCEDURE_OVERRIDES {
        assert!(remote.iter().any(|r| r == p), "{f}: {p} is no procedure");
        assert!(!reason.is_empty());
        assert!(
            j.rows.iter().any(|(_, g, _)| g == f),
            "{f} is not in the API description: a stale override"
        );
    }
}

#[test]
fn functions_carry_their_arguments_types_and_docs() {
    let text = std::fs::read_to_string(proto().join("api/libvirt-api.xml")).unwrap();
    let api = api::parse("libvirt-api.xml", &text).unwrap();
    let f = api
        .functions
        .iter()
        .find(|f| f.name == "virDomainGetXMLDesc")
        .unwrap();
    assert_eq!(f.file, "libvirt-domain");
    let args: Vec<(&str, &str)> = f
        .args
        .iter()
        .map(|a| (a.name.as_str(), a.ty.as_str()))
        .collect();
    assert_eq!(
        args,
        [("domain", "virDomainPtr"), ("flags", "unsigned int")]
    );
    assert!(
        f.args[1].info.contains("virDomainXMLFlags"),
        "{:?}",
        f.args[1]
    );
    assert_eq!(f.ret.as_ref().unwrap().ty, "char *");
    assert!(f.info.contains("XML description"), "{}", f.info);
    let free = api
        .functions
        .iter()
        .find(|f| f.name == "virDomainFree")
        .unwrap();
    assert_eq!(free.ret.as_ref().unwrap().ty, "int");
}

#[test]
fn a_file_that_is_not_an_api_description_is_a_clear_error() {
    let e = api::parse("x.xml", "<other/>").unwrap_err();
    assert!(e.to_string().contains("not <api>"), "{e}");
    let e = api::parse("x.xml", "<api name='libvirt'><function").unwrap_err();
    assert!(e.to_string().starts_with("x.xml: "), "{e}");
    let e = api::parse("x.xml", "<api name='libvirt'><function name='virX'/></api>").unwrap_err();
    assert!(e.to_string().contains("without file"), "{e}");
}

#[test]
fn every_flags_argument_is_typed_by_the_enum_its_text_names_or_unused() {
    let files = [
        "libvirt-api.xml",
        "libvirt-qemu-api.xml",
        "libvirt-lxc-api.xml",
        "libvirt-admin-api.xml",
    ];
    let apis: Vec<_> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(proto().join("api").join(f)).unwrap();
            api::parse(f, &text).unwrap()
        })
        .collect();
    let enum_types = apis
        .iter()
        .flat_map(|a| a.enum_types.iter().cloned())
        .collect();
    let (mut one, mut two, mut unused, mut none) = (0, 0, 0, Vec::new());
    let mut with_flags = 0;
    for f in apis.iter().flat_map(|a| &a.functions) {
        if !f.args.iter().any(|a| a.name == "flags") {
            continue;
        }
        with_flags += 1;
        match api::flags(f, &enum_types) {
            Some(api::Flags::Typed(t)) if t.len() == 1 => one += 1,
            Some(api::Flags::Typed(t)) => {
                assert_eq!(t.len(), 2, "{}: {t:?}", f.name);
                two += 1
            }
            Some(api::Flags::Unused) => unused += 1,
            None => none.push(f.name.as_str()),
        }
    }
    assert!(
        none.is_empty(),
        "flags nothing says anything about: {none:?}"
    );
    // libvirt 11.3.0; the three overrides count among them.
    assert_eq!(with_flags, 271);
    assert_eq!((one, two, unused), (149, 8, 114));
    let get_xml = apis[0]
        .functions
        .iter()
        .find(|f| f.name == "virDomainGetXMLDesc")
        .unwrap();
    assert_eq!(
        api::flags(get_xml, &enum_types),
        Some(api::Flags::Typed(vec!["virDomainXMLFlags".into()]))
    );
    let set_memory = apis[0]
        .functions
        .iter()
        .find(|f| f.name == "virDomainSetMemoryFlags")
        .unwrap();
    assert_eq!(
        api::flags(set_memory, &enum_types),
        Some(api::Flags::Typed(vec!["virDomainMemoryModFlags".into()]))
    );
    for (f, _, why) in api::FLAGS_OVERRIDES {
        assert!(!why.is_empty());
        assert!(
            apis.iter().flat_map(|a| &a.functions).any(|g| g.name == *f),
            "{f}: a stale override"
        );
    }
}

#[test]
fn typed_parameter_fields_carry_their_value_types() {
    use api::ParamType;
    let mut all = Vec::new();
    for f in [
        "libvirt-api.xml",
        "libvirt-qemu-api.xml",
        "libvirt-lxc-api.xml",
        "libvirt-admin-api.xml",
    ] {
        let text = std::fs::read_to_string(proto().join("api").join(f)).unwrap();
        all.extend(api::parse(f, &text).unwrap().params);
    }
    let typed = |m: &api::ParamMacro| m.types().len() == 1;
    let read_req = all
        .iter()
        .find(|m| m.name == "VIR_DOMAIN_BLOCK_STATS_READ_REQ")
        .unwrap();
    assert_eq!(read_req.field, "rd_operations");
    assert_eq!(
        read_req.types().into_iter().collect::<Vec<_>>(),
        [ParamType::LLong]
    );
    let weight = all
        .iter()
        .find(|m| m.name == "VIR_DOMAIN_BLKIO_WEIGHT")
        .unwrap();
    assert_eq!(
        weight.types().into_iter().collect::<Vec<_>>(),
        [ParamType::UInt]
    );
    // libvirt 11.3.0: 429 field macros; 353 say their type, 2 name two
    // (IOThread poll grow and shrink), 74 none: 17 group prefixes, 22
    // perf events (booleans), 10 node stats (not typed parameters) and 25
    // that the typed layer's table will give.
    let counts = (
        all.len(),
        all.iter().filter(|m| typed(m)).count(),
        all.iter().filter(|m| m.types().len() > 1).count(),
        all.iter().filter(|m| m.types().is_empty()).count(),
    );
    assert_eq!(counts, (429, 353, 2, 74));
    let prefixes = all
        .iter()
        .filter(|m| m.types().is_empty() && m.name.ends_with("_PREFIX"))
        .count();
    let perf = all
        .iter()
        .filter(|m| m.types().is_empty() && m.name.starts_with("VIR_PERF_PARAM_"))
        .count();
    assert_eq!((prefixes, perf), (17, 22));
}
