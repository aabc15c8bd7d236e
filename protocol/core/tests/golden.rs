//! Golden bytes from the real implementation: every packet `virsh` and a real
//! libvirtd exchanged (recorded by `tests/golden/record.sh`) decodes into the
//! generated types and re-encodes byte for byte.

use std::collections::BTreeMap;

use libvirt_core::enums::{ErrorDomain, ErrorNumber};
use libvirt_core::{PayloadPart, PayloadTypeVisitor, net, remote};

const SESSION: &[u8] = include_bytes!("golden/virsh-session.bin");
const SCREENSHOT: &[u8] = include_bytes!("golden/virsh-screenshot.bin");

/// Direction byte of a record.
const CLIENT_TO_SERVER: u8 = 0;
const SERVER_TO_CLIENT: u8 = 1;

struct Record<'a> {
    direction: u8,
    packet: &'a [u8],
}

fn records() -> Vec<Record<'static>> {
    let mut out = Vec::new();
    let mut rest = SESSION;
    while let Some((&direction, after)) = rest.split_first() {
        assert!(direction == CLIENT_TO_SERVER || direction == SERVER_TO_CLIENT);
        let len = u32::from_be_bytes(after[..4].try_into().unwrap()) as usize;
        assert!(len >= 28, "length word below the minimum");
        out.push(Record {
            direction,
            packet: &after[..len],
        });
        rest = &after[len..];
    }
    out
}

/// Decodes a payload as `T` (the whole payload must be consumed) and
/// re-encodes it; returns the value's debug text.
struct ReEncode<'a>(&'a [u8]);

impl PayloadTypeVisitor for ReEncode<'_> {
    type Output = Result<String, String>;

    fn visit<T>(self) -> Self::Output
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + Send + Sync + 'static,
    {
        let value: T = libvirt_xdr::from_bytes_exact(self.0)
            .map_err(|e| format!("decode as {}: {e}", std::any::type_name::<T>()))?;
        let again = libvirt_xdr::to_vec(&value).map_err(|e| format!("encode: {e}"))?;
        if again != self.0 {
            return Err(format!(
                "{} re-encodes differently",
                std::any::type_name::<T>()
            ));
        }
        Ok(format!("{value:?}"))
    }
}

fn visit(prog: u32, procedure: i32, part: PayloadPart, payload: &[u8]) -> Result<String, String> {
    if !libvirt_core::PROGRAMS.iter().any(|(p, _, _)| *p == prog) {
        return Err(format!("unknown program {prog:#x}"));
    }
    let found = libvirt_core::visit_payload_type(prog, procedure, part, ReEncode(payload));
    found.unwrap_or_else(|| Err(format!("unknown procedure {procedure} of {prog:#x}")))
}

#[test]
fn every_recorded_packet_round_trips_byte_for_byte() {
    let records = records();
    assert_eq!(records.len(), 122);
    let mut typed = 0;
    let mut stream_data: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
    let mut decoded: Vec<(net::MessageHeader, String)> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let header: net::MessageHeader = libvirt_xdr::from_bytes_exact(&r.packet[4..28])
            .unwrap_or_else(|e| panic!("packet {i}: header: {e}"));
        assert_eq!(libvirt_xdr::to_vec(&header).unwrap(), &r.packet[4..28]);
        let payload = &r.packet[28..];
        use net::MessageStatus as S;
        use net::MessageType as T;
        let text = match (header.r#type, header.status) {
            (T::Call, S::Ok) => {
                assert_eq!(r.direction, CLIENT_TO_SERVER);
                visit(header.prog, header.proc, PayloadPart::Args, payload)
            }
            (T::Reply, S::Ok) => {
                assert_eq!(r.direction, SERVER_TO_CLIENT);
                visit(header.prog, header.proc, PayloadPart::Ret, payload)
            }
            (T::Message, S::Ok) => visit(header.prog, header.proc, PayloadPart::Args, payload),
            (T::Reply | T::Stream, S::Error) if r.direction == SERVER_TO_CLIENT => {
                let error: net::MessageError = libvirt_xdr::from_bytes_exact(payload).unwrap();
                assert_eq!(libvirt_xdr::to_vec(&error).unwrap(), payload);
                // The remote program's own error type is the same layout.
                let same: remote::Error = libvirt_xdr::from_bytes_exact(payload).unwrap();
                assert_eq!(libvirt_xdr::to_vec(&same).unwrap(), payload);
                Ok(format!("{error:?}"))
            }
            (T::Stream, S::Continue) => {
                stream_data
                    .entry(header.serial)
                    .or_default()
                    .extend_from_slice(payload);
                Ok(String::new())
            }
            (T::Stream, S::Ok) => {
                assert!(payload.is_empty(), "finish carries no payload");
                Ok(String::new())
            }
            other => panic!("packet {i}: unexpected {other:?}"),
        }
        .unwrap_or_else(|e| panic!("packet {i} ({header:?}): {e}"));
        if matches!(header.r#type, T::Call | T::Reply | T::Message) {
            typed += 1;
        }
        decoded.push((header, text));
    }
    // 59 calls, 59 replies (one an error), no events or keepalives.
    assert_eq!(typed, 118);

    // Facts of the session, read through the generated types.
    let find = |procedure: remote::Procedure, t: net::MessageType| {
        decoded
            .iter()
            .filter(move |(h, _)| h.proc == procedure.as_i32() && h.r#type == t)
            .map(|(_, text)| text.as_str())
    };
    let open = find(remote::Procedure::ConnectOpen, net::MessageType::Call)
        .next()
        .unwrap();
    assert!(open.contains("\"test:///default\""), "{open}");
    let list = find(
        remote::Procedure::ConnectListAllDomains,
        net::MessageType::Reply,
    )
    .next()
    .unwrap();
    assert!(list.contains("name: \"test\""), "{list}");
    let mime = find(remote::Procedure::DomainScreenshot, net::MessageType::Reply)
        .next()
        .unwrap();
    assert!(mime.contains("image/png"), "{mime}");

    // The screenshot stream's data is exactly the file virsh saved.
    assert_eq!(stream_data.len(), 1);
    assert_eq!(stream_data.values().next().unwrap(), SCREENSHOT);
}

#[test]
fn the_failing_lookup_is_a_typed_no_domain_error() {
    let records = records();
    let errors: Vec<net::MessageError> = records
        .iter()
        .filter(|r| r.packet[19] == 1 && r.packet[27] == 1) // type REPLY, status ERROR
        .map(|r| libvirt_xdr::from_bytes_exact(&r.packet[28..]).unwrap())
        .collect();
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(
        ErrorNumber::from_raw(e.code),
        Some(ErrorNumber::ErrNoDomain)
    );
    assert_eq!(ErrorDomain::from_raw(e.domain), Some(ErrorDomain::Test));
    assert_eq!(e.message, Some("Domain not found".into()));
    assert_eq!(e.level, 2);
    assert!(e.dom.is_none() && e.net.is_none());
    assert_eq!((e.int1, e.int2), (-1, -1));
}

#[test]
fn the_open_sequence_matches_the_c_client() {
    let calls: Vec<i32> = records()
        .iter()
        .filter(|r| r.direction == CLIENT_TO_SERVER && r.packet[19] == 0) // CALL
        .take(6)
        .map(|r| i32::from_be_bytes(r.packet[12..16].try_into().unwrap()))
        .collect();
    // AUTH_LIST, SUPPORTS_FEATURE(keepalive), OPEN, two feature probes,
    // REGISTER_CLOSE_CALLBACK: what libvirt's C client sends on open.
    use remote::Procedure as P;
    assert_eq!(
        calls,
        [
            P::AuthList,
            P::ConnectSupportsFeature,
            P::ConnectOpen,
            P::ConnectSupportsFeature,
            P::ConnectSupportsFeature,
            P::ConnectRegisterCloseCallback
        ]
        .map(P::as_i32)
    );
}
