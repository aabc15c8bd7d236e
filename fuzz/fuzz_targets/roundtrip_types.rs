//! Arbitrary values of every generated struct, union and enum: encoding then
//! decoding gives the value back, and re-encoding gives the same bytes.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use libvirt_core::{TypeVisitor, admin, keepalive, lxc, net, qemu, remote};

/// Runs the round trip on the `target`-th type visited.
struct Pick<'a, 'b> {
    target: usize,
    index: usize,
    input: &'b mut Unstructured<'a>,
}

impl TypeVisitor for Pick<'_, '_> {
    fn visit<T>(&mut self, name: &'static str)
    where
        T: serde::Serialize
            + serde::de::DeserializeOwned
            + core::fmt::Debug
            + PartialEq
            + for<'x> Arbitrary<'x>
            + 'static,
    {
        let index = self.index;
        self.index += 1;
        if index != self.target {
            return;
        }
        let Ok(value) = T::arbitrary(self.input) else {
            return;
        };
        let Ok(bytes) = libvirt_xdr::to_vec(&value) else {
            return; // over a declared bound: refused, as it should be
        };
        let back: T = libvirt_xdr::from_bytes_exact(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {value:?} does not decode: {e}"));
        assert_eq!(libvirt_xdr::to_vec(&back).unwrap(), bytes, "{name}");
        if !format!("{value:?}").contains("NaN") {
            assert_eq!(back, value, "{name}");
        }
    }
}

fn visit_all(v: &mut impl TypeVisitor) {
    net::visit_all_types(v);
    keepalive::visit_all_types(v);
    remote::visit_all_types(v);
    qemu::visit_all_types(v);
    lxc::visit_all_types(v);
    admin::visit_all_types(v);
}

fuzz_target!(|data: &[u8]| {
    let mut input = Unstructured::new(data);
    let Ok(target) = input.arbitrary::<u16>() else {
        return;
    };
    let mut pick = Pick { target: usize::from(target) % 760, index: 0, input: &mut input };
    visit_all(&mut pick);
});
