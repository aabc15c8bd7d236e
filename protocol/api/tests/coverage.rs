//! The typed layer's coverage of libvirt's API description: every public
//! C function is a typed method or is listed with the reason it is not.

#[test]
fn every_function_is_a_typed_method_or_left_out_for_a_reason() {
    for c in libvirt_api::COVERAGE {
        println!("{c}");
    }
    let mut reasons = std::collections::BTreeMap::<&str, usize>::new();
    for line in libvirt_api::EXPOSURE.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[2] == "-" {
            *reasons.entry(cols[3]).or_default() += 1;
        }
    }
    for (why, n) in &reasons {
        println!("{n:4}  {why}");
    }
}
