//! Codec micro-benchmarks: encode and decode of the two big replies of the
//! shared client benchmark (W4a, W4b), beside a copy of the same bytes.
//!
//! - `ConnectListAllDomains` with 2,000 domains (name, UUID, id): 64,008
//!   payload bytes, 64,036 on the wire;
//! - `ConnectGetAllDomainStats` with 2,000 records of 2 typed parameters
//!   (`state.state`, `state.reason`, as the test driver returns them):
//!   168,004 payload bytes, 168,032 on the wire.
//!
//! Each benchmark counts the reply's payload bytes, so divan prints MB/s.
//! `decode` turns the payload into the generated Rust types (every name a
//! `String`); `reply` is the whole client path: the call is issued, the
//! packet goes through `Connection::handle_input` in one piece (as one
//! socket read brings it), the reply is taken from the event queue and
//! decoded. `copy` is a `memcpy` of the payload into a ready buffer.
//!
//! ```text
//! cargo bench -p libvirt-core --bench codec
//! ```

use std::time::Duration;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use libvirt_core::packet::Header;
use libvirt_core::remote::{
    self, ConnectGetAllDomainStatsArgs, ConnectGetAllDomainStatsRet, ConnectListAllDomainsArgs,
    ConnectListAllDomainsRet, DomainStatsRecord, NonnullDomain, TypedParam, TypedParamValue,
};
use libvirt_core::{CallProcedure, Config, Connection, Event, Open};
use serde::de::DeserializeOwned;

fn main() {
    divan::main();
}

const DOMAINS: usize = 2000;

fn domain(i: usize) -> NonnullDomain {
    let mut uuid = [0u8; 16];
    uuid[..10].copy_from_slice(&[0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04, 0x79, 0xaa]);
    uuid[10..].copy_from_slice(&(i as u64).to_be_bytes()[2..]);
    NonnullDomain {
        name: format!("dom{i:04}").into(),
        uuid,
        id: i as i32 + 1,
    }
}

fn list_reply() -> ConnectListAllDomainsRet {
    ConnectListAllDomainsRet {
        domains: (0..DOMAINS).map(domain).collect(),
        ret: DOMAINS as u32,
    }
}

fn stats_reply() -> ConnectGetAllDomainStatsRet {
    ConnectGetAllDomainStatsRet {
        ret_stats: (0..DOMAINS)
            .map(|i| DomainStatsRecord {
                dom: domain(i),
                params: vec![
                    TypedParam {
                        field: "state.state".into(),
                        value: TypedParamValue::Int(1),
                    },
                    TypedParam {
                        field: "state.reason".into(),
                        value: TypedParamValue::Int(1),
                    },
                ],
            })
            .collect(),
    }
}

fn payload<T: serde::Serialize>(value: &T) -> Vec<u8> {
    libvirt_xdr::to_vec(value).expect("encodes")
}

/// The reply packet to the call with `serial`, as libvirtd sends it.
fn packet(proc: i32, serial: u32, payload: &[u8]) -> Vec<u8> {
    let header = Header {
        prog: remote::PROGRAM,
        vers: remote::VERSION,
        proc,
        kind: libvirt_core::net::MessageType::Reply,
        serial,
        status: libvirt_core::net::MessageStatus::Ok,
    };
    let mut out = Vec::with_capacity(28 + payload.len());
    header.encode((28 + payload.len()) as u32, &mut out);
    out.extend_from_slice(payload);
    out
}

/// One whole client round of procedure `P`: issue the call, take its
/// reply packet in, decode the result.
fn round<P: CallProcedure>(conn: &mut Connection, args: &P::Args, payload: &[u8]) -> P::Ret
where
    P::Ret: DeserializeOwned,
{
    let id = conn.call::<P>(args).expect("a call");
    while conn.poll_transmit().is_some() {
        let n = conn.transmit_pending();
        conn.transmitted(n);
    }
    let pkt = packet(P::INFO.number, id.serial(), payload);
    conn.handle_input(Duration::ZERO, &pkt);
    loop {
        match conn.poll_event() {
            Some(Event::Reply { result, .. }) => {
                return result.expect("a reply").decode().expect("decodes");
            }
            Some(_) => {}
            None => panic!("no reply"),
        }
    }
}

fn connection() -> Connection {
    let mut config = Config::default();
    config.keepalive = None;
    Connection::new(config, Open::Skip, Duration::ZERO)
}

/// Encodes `value`, counting its payload bytes.
fn encode<T: serde::Serialize + Sync>(b: Bencher<'_, '_>, value: T) {
    let len = payload(&value).len();
    b.counter(BytesCount::new(len))
        .bench(|| libvirt_xdr::to_vec(black_box(&value)).unwrap());
}

/// Decodes `bytes` as `T`.
fn decode<T: DeserializeOwned>(b: Bencher<'_, '_>, bytes: &[u8]) {
    b.counter(BytesCount::new(bytes.len()))
        .bench(|| libvirt_xdr::from_bytes::<T>(black_box(bytes)).unwrap());
}

/// Copies `bytes` into a ready buffer.
fn copy(b: Bencher<'_, '_>, bytes: &[u8]) {
    let mut dst = vec![0u8; bytes.len()];
    b.counter(BytesCount::new(bytes.len()))
        .bench_local(|| dst.copy_from_slice(black_box(bytes)));
}

/// The whole client path of `P` for the reply `payload`; `check` looks at
/// the decoded result.
fn reply<P: CallProcedure>(
    b: Bencher<'_, '_>,
    args: P::Args,
    payload: &[u8],
    check: impl Fn(&P::Ret),
) where
    P::Ret: DeserializeOwned,
{
    let mut conn = connection();
    b.counter(BytesCount::new(payload.len())).bench_local(|| {
        let ret = round::<P>(&mut conn, &args, payload);
        check(&ret);
        ret
    });
}

mod list_all_domains {
    use super::*;

    #[divan::bench]
    fn encode(b: Bencher<'_, '_>) {
        super::encode(b, list_reply());
    }

    #[divan::bench]
    fn decode(b: Bencher<'_, '_>) {
        super::decode::<ConnectListAllDomainsRet>(b, &payload(&list_reply()));
    }

    #[divan::bench]
    fn reply(b: Bencher<'_, '_>) {
        let args = ConnectListAllDomainsArgs {
            need_results: 1,
            flags: 0,
        };
        super::reply::<remote::procedures::ConnectListAllDomains>(
            b,
            args,
            &payload(&list_reply()),
            |ret| assert_eq!(ret.domains.len(), DOMAINS),
        );
    }

    #[divan::bench]
    fn copy(b: Bencher<'_, '_>) {
        super::copy(b, &payload(&list_reply()));
    }
}

mod get_all_domain_stats {
    use super::*;

    #[divan::bench]
    fn encode(b: Bencher<'_, '_>) {
        super::encode(b, stats_reply());
    }

    #[divan::bench]
    fn decode(b: Bencher<'_, '_>) {
        super::decode::<ConnectGetAllDomainStatsRet>(b, &payload(&stats_reply()));
    }

    #[divan::bench]
    fn reply(b: Bencher<'_, '_>) {
        let args = ConnectGetAllDomainStatsArgs {
            doms: Vec::new(),
            stats: 0,
            flags: 0,
        };
        super::reply::<remote::procedures::ConnectGetAllDomainStats>(
            b,
            args,
            &payload(&stats_reply()),
            |ret| assert_eq!(ret.ret_stats.len(), DOMAINS),
        );
    }

    #[divan::bench]
    fn copy(b: Bencher<'_, '_>) {
        super::copy(b, &payload(&stats_reply()));
    }
}
