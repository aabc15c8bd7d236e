//! Generates libvirt-api's typed layer from the vendored `proto/` directory
//! (the `.x` files, the headers and `proto/api/*.xml`) into `OUT_DIR`:
//! `typed.rs` (handles and methods), `params.rs` (typed parameter sets)
//! and `typed_events.rs` (typed events).

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let proto = manifest.join("../../proto");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", proto.display());
    let generated = match libvirt_codegen::typed::generate_from_dir(&proto) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("libvirt-codegen (typed layer) failed: {e}");
            std::process::exit(1);
        }
    };
    for input in &generated.inputs {
        println!("cargo:rerun-if-changed={}", input.display());
    }
    let path = out.join("typed.rs");
    if let Err(e) = std::fs::write(&path, &generated.code) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    // The typed parameter sets, included by src/params.rs.
    let params = match libvirt_codegen::params::generate_from_dir(&proto) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("libvirt-codegen (typed parameter sets) failed: {e}");
            std::process::exit(1);
        }
    };
    for input in &params.inputs {
        println!("cargo:rerun-if-changed={}", input.display());
    }
    let path = out.join("params.rs");
    if let Err(e) = std::fs::write(&path, &params.code) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    // The typed events, included by src/events.rs.
    let events = match libvirt_codegen::typed_events::generate_from_dir(&proto) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("libvirt-codegen (typed events) failed: {e}");
            std::process::exit(1);
        }
    };
    for input in &events.inputs {
        println!("cargo:rerun-if-changed={}", input.display());
    }
    let path = out.join("typed_events.rs");
    if let Err(e) = std::fs::write(&path, &events.code) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}
