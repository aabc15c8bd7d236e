//! Hostile payloads decoded as the type of any procedure of any program,
//! picked at run time as the core will: decoding must never panic, and
//! whatever decodes must re-encode to exactly the bytes it consumed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use libvirt_core::{PayloadPart, PayloadTypeVisitor, admin, keepalive, lxc, qemu, remote};

struct Canonical<'a>(&'a [u8]);

impl PayloadTypeVisitor for Canonical<'_> {
    type Output = ();

    fn visit<T>(self)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + core::fmt::Debug + Send + Sync + 'static,
    {
        if let Ok((value, used)) = libvirt_xdr::from_bytes_prefix::<T>(self.0) {
            let again = libvirt_xdr::to_vec(&value).expect("a decoded value encodes");
            assert_eq!(again, &self.0[..used], "decoding is not canonical: {value:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // [program selector][procedure: u16][part][payload...]
    let Some((&[program, hi, lo, part], payload)) = data.split_first_chunk::<4>() else {
        return;
    };
    let procedure = i32::from(u16::from_be_bytes([hi, lo]));
    let part = if part & 1 == 0 { PayloadPart::Args } else { PayloadPart::Ret };
    let v = Canonical(payload);
    let _ = match program % 5 {
        0 => remote::visit_payload_type(procedure, part, v),
        1 => qemu::visit_payload_type(procedure, part, v),
        2 => lxc::visit_payload_type(procedure, part, v),
        3 => admin::visit_payload_type(procedure, part, v),
        _ => keepalive::visit_payload_type(procedure, part, v),
    };
});
