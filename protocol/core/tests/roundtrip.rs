//! Round trips of every generated struct, union and enum with arbitrary
//! values, and hostile bytes decoded as every type without a panic.
//! Needs the `arbitrary` feature (`cargo test --all-features`).
#![cfg(feature = "arbitrary")]

use arbitrary::{Arbitrary, Unstructured};
use libvirt_core::{TypeVisitor, admin, keepalive, lxc, net, qemu, remote};

/// A small deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn fill(&mut self, buf: &mut [u8]) {
        for b in buf {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            *b = self.0 as u8;
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

#[derive(Default)]
struct RoundTrip {
    types: usize,
    values: usize,
    over_bound: usize,
}

const ITERATIONS: u64 = 48;

impl TypeVisitor for RoundTrip {
    fn visit<T>(&mut self, name: &'static str)
    where
        T: serde::Serialize
            + serde::de::DeserializeOwned
            + std::fmt::Debug
            + PartialEq
            + for<'a> Arbitrary<'a>
            + 'static,
    {
        self.types += 1;
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64);
        let mut data = vec![0u8; 4096];
        for i in 0..ITERATIONS {
            // Vary the amount of entropy so small and large values both occur.
            let len = 16 + (i as usize * 97) % data.len();
            rng.fill(&mut data[..len]);
            let Ok(value) = T::arbitrary(&mut Unstructured::new(&data[..len])) else {
                continue;
            };
            let bytes = match libvirt_xdr::to_vec(&value) {
                Ok(b) => b,
                // A random Vec or string longer than the `.x` bound is refused
                // by the encoder: that is the bound working.
                Err(libvirt_xdr::Error::LengthExceedsMax { .. }) => {
                    self.over_bound += 1;
                    continue;
                }
                Err(e) => panic!("{name}: encode {value:?}: {e}"),
            };
            let back: T = libvirt_xdr::from_bytes_exact(&bytes)
                .unwrap_or_else(|e| panic!("{name}: decode of {value:?}: {e}"));
            assert_eq!(
                libvirt_xdr::to_vec(&back).unwrap(),
                bytes,
                "{name}: re-encoding differs"
            );
            // NaN doubles are the only values not equal to themselves.
            if format!("{value:?}").contains("NaN") {
                continue;
            }
            assert_eq!(back, value, "{name}");
            self.values += 1;
        }
    }
}

#[test]
fn every_generated_type_round_trips() {
    let mut rt = RoundTrip::default();
    visit_all(&mut rt);
    // Every struct, union and enum of the six files.
    assert_eq!(
        rt.types, 760,
        "struct, union and enum types of the six files"
    );
    assert!(
        rt.values > rt.types * 20,
        "{} values for {} types",
        rt.values,
        rt.types
    );
    eprintln!(
        "{} types, {} values round-tripped, {} refused as over their bound",
        rt.types, rt.values, rt.over_bound
    );
}

/// Decodes random and mutated bytes as every type: errors are fine, panics
/// and hangs are not; whatever decodes must re-encode, stably.
#[derive(Default)]
struct Hostile {
    decoded: usize,
}

impl TypeVisitor for Hostile {
    fn visit<T>(&mut self, name: &'static str)
    where
        T: serde::Serialize
            + serde::de::DeserializeOwned
            + std::fmt::Debug
            + PartialEq
            + for<'a> Arbitrary<'a>
            + 'static,
    {
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d ^ name.len() as u64);
        let mut data = vec![0u8; 512];
        for i in 0..64usize {
            let len = i * 8 % data.len();
            rng.fill(&mut data[..len]);
            // Small length words make it past the first field more often.
            if i % 2 == 0 {
                for word in data[..len].chunks_mut(4) {
                    if word.len() == 4 && word[0] & 1 == 0 {
                        word[..3].fill(0);
                        word[3] &= 0x07;
                    }
                }
            }
            if let Ok((value, used)) = libvirt_xdr::from_bytes_prefix::<T>(&data[..len]) {
                self.decoded += 1;
                // What decodes re-encodes, to at most as many bytes, and that
                // encoding is stable. (Not always to the same bytes: `char`
                // accepts both the sign- and the zero-extended form of a byte.)
                let bytes = libvirt_xdr::to_vec(&value).unwrap();
                assert_eq!(bytes.len(), used, "{name}: re-encoding changes the length");
                let again: T = libvirt_xdr::from_bytes_exact(&bytes).unwrap();
                assert_eq!(libvirt_xdr::to_vec(&again).unwrap(), bytes, "{name}");
            }
        }
    }
}

#[test]
fn hostile_bytes_never_panic_and_decoding_is_stable() {
    let mut h = Hostile::default();
    visit_all(&mut h);
    assert!(h.decoded > 1000, "only {} decoded", h.decoded);
}
