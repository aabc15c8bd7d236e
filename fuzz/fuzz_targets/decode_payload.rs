//! Hostile payloads decoded as the type of any procedure of any program,
//! picked at run time as the core will: decoding must never panic, and
//! whatever decodes must re-encode to as many bytes, stably.
#![no_main]

use libfuzzer_sys::fuzz_target;
use libvirt_core::{PayloadPart, PayloadTypeVisitor};

struct Canonical<'a>(&'a [u8]);

impl PayloadTypeVisitor for Canonical<'_> {
    type Output = ();

    fn visit<T>(self)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + core::fmt::Debug + Send + Sync + 'static,
    {
        if let Ok((value, used)) = libvirt_xdr::from_bytes_prefix::<T>(self.0) {
            let bytes = libvirt_xdr::to_vec(&value).expect("a decoded value encodes");
            assert_eq!(bytes.len(), used, "re-encoding changes the length: {value:?}");
            // Stable from then on (`char` accepts two forms of one byte).
            let again: T = libvirt_xdr::from_bytes_exact(&bytes).expect("re-encoding decodes");
            assert_eq!(libvirt_xdr::to_vec(&again).unwrap(), bytes, "{value:?}");
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
    let (program, _, _) = libvirt_core::PROGRAMS[usize::from(program) % libvirt_core::PROGRAMS.len()];
    let _ = libvirt_core::visit_payload_type(program, procedure, part, Canonical(payload));
});
