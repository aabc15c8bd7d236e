//! The typed layer's coverage of libvirt's API description: every public
//! C function is a typed method or is listed with the reason it is not.

#[test]
fn every_function_is_a_typed_method_or_left_out_for_a_reason() {
    let mut reasons = std::collections::BTreeMap::<&str, usize>::new();
    let mut typed = 0;
    for line in libvirt_api::EXPOSURE.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            [_, f, "-", why] => {
                assert!(!why.is_empty(), "{f} is left out without a reason");
                *reasons.entry(why).or_default() += 1;
            }
            [_, f, method] => {
                assert!(method.contains("::"), "{f}: {method}");
                typed += 1;
            }
            _ => panic!("a malformed exposure line: {line}"),
        }
    }
    for c in libvirt_api::COVERAGE {
        println!("{c}");
    }
    for (why, n) in &reasons {
        println!("{n:4}  {why}");
    }
    // libvirt 11.3.0: 524 + 6 + 4 + 33 public functions.
    let functions: usize = libvirt_api::COVERAGE.iter().map(|c| c.functions).sum();
    assert_eq!(functions, 567);
    let per_api: Vec<(&str, usize)> = libvirt_api::COVERAGE
        .iter()
        .map(|c| (c.api, c.typed))
        .collect();
    assert_eq!(
        per_api,
        [
            ("libvirt", 366),
            ("libvirt-qemu", 4),
            ("libvirt-lxc", 1),
            ("libvirt-admin", 18)
        ]
    );
    assert_eq!(typed, 389);
    // Every function with a procedure of its own is a typed method, except
    // the client's open sequence, close, close callbacks and event
    // registrations (the typed subscriptions serve those).
    let served_by_client: usize = [
        "the client's open sequence and close (connect, close)",
        "event registrations: the client's typed subscriptions",
        "close callbacks: the client's close reason (`closed()`)",
    ]
    .iter()
    .map(|r| reasons.get(r).copied().unwrap_or(0))
    .sum();
    assert_eq!(served_by_client, 22);
}

/// The typed layer offers no way to open, close or authenticate by hand
/// beside the client's own `close()`: those functions are left out with
/// the reason.
#[test]
fn open_close_and_authentication_are_the_clients() {
    for f in [
        "virConnectOpen",
        "virConnectOpenAuth",
        "virConnectClose",
        "virAdmConnectOpen",
    ] {
        let line = libvirt_api::EXPOSURE
            .lines()
            .find(|l| l.split('\t').nth(1) == Some(f))
            .unwrap_or_else(|| panic!("{f} is not in the exposure table"));
        assert!(line.contains("the client's open sequence"), "{line}");
    }
}
