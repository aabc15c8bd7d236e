//! `wiretrace`: a recording proxy for the libvirt RPC protocol on unix sockets.
//!
//! ```text
//! wiretrace --listen PATH --connect PATH [--record FILE] [--quiet] [--decode] [--once]
//! ```
//!
//! It accepts clients on the `--listen` socket (a stale socket file there is
//! removed first) and, for each one, opens a connection to the daemon's
//! `--connect` socket and forwards bytes both ways, one thread per direction.
//! Each direction's byte stream is cut into packets on the length word (a
//! big-endian `u32` that counts the whole packet, itself included), and one
//! line per packet is printed to stdout:
//!
//! ```text
//! [1] C->S len=28 prog=0x20008086(remote) vers=1 proc=66 type=CALL serial=0 status=OK
//! ```
//!
//! A length word below 28 or above 33554436 is reported and that connection
//! is closed; so is a packet cut short by end of file. Bad input never stops
//! the proxy.
//!
//! With `--record FILE` every packet is appended to `FILE` as one record:
//! one byte of direction (`0` = client to server, `1` = server to client)
//! followed by the packet exactly as it crossed the wire, length word
//! included, so records are self-delimiting. A packet is recorded *before* it
//! is forwarded, under one lock shared by all connections, so within a
//! connection the records are in causal order: a reply is never recorded
//! before the call that caused it. Printed lines come out in the same order.
//! Records carry no connection number, so packets of concurrent connections
//! interleave in the file; record one connection per file (see `--once`)
//! when the file is meant to be replayed or decoded.
//!
//! `--decode` adds, under each line, the payload decoded with libvirt-rs's
//! generated types (`remote::DomainLookupByNameArgs { name: "test" }`),
//! chosen at run time from the program and procedure numbers.
//!
//! `--quiet` suppresses the per-packet lines (errors are still printed to
//! stderr). `--once` exits after the first client connection is closed,
//! which is handy for scripts. Otherwise the proxy runs until it is killed by
//! SIGINT or SIGTERM: std has no signal API and this crate forbids `unsafe`,
//! so the default action of those signals (terminate) is the exit path. Each
//! record is written with a single `write` to an unbuffered file, so a
//! recording stopped that way still holds only whole records. (A shell script
//! that starts wiretrace in the background must use SIGTERM: non-interactive
//! shells start background jobs with SIGINT ignored.)
//!
//! Limitations:
//! - No file-descriptor passing: `CALL_WITH_FDS`/`REPLY_WITH_FDS` packets are
//!   forwarded without their `SCM_RIGHTS` fds (a warning is printed), so the
//!   receiver will wait for fds that never come.
//! - Framing assumes a plain byte stream: after SASL negotiation with a
//!   security layer the stream is SASL-encoded and cannot be cut into packets.
//!
//! Packet parsing lives in small functions ([`parse_length_word`],
//! [`parse_header`], [`describe_packet`], [`decode_payload`]).

use std::fmt::Write as _;
use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, ErrorKind, Read, Write};
use std::net::Shutdown;
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use libvirt_core::{PayloadPart, PayloadTypeVisitor, ProcedureInfo, net};

/// Size of the length word that starts every packet.
const LEN_WORD_SIZE: usize = 4;
/// Size of the fixed packet header that follows the length word.
const HEADER_SIZE: usize = 24;
/// Smallest valid packet: length word plus header, empty payload.
const MIN_PACKET_LEN: u32 = (LEN_WORD_SIZE + HEADER_SIZE) as u32;
/// Largest valid packet: `VIR_NET_MESSAGE_MAX` (33554432) plus the length word.
const MAX_PACKET_LEN: u32 = 33_554_432 + LEN_WORD_SIZE as u32;
/// Read buffer size for each direction (libvirt's initial message buffer).
const READ_BUFFER_SIZE: usize = 65_536;

/// Which way a packet travels through the proxy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    /// From the client (e.g. virsh) to the server (libvirtd).
    ClientToServer,
    /// From the server to the client.
    ServerToClient,
}

impl Direction {
    /// The arrow printed in trace lines.
    fn arrow(self) -> &'static str {
        match self {
            Direction::ClientToServer => "C->S",
            Direction::ServerToClient => "S->C",
        }
    }

    /// The direction byte that starts a record in the `--record` file.
    fn record_byte(self) -> u8 {
        match self {
            Direction::ClientToServer => 0,
            Direction::ServerToClient => 1,
        }
    }
}

/// The fixed 24-byte header that follows the length word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Header {
    /// Program number (remote, qemu, lxc, keepalive, admin).
    prog: u32,
    /// Program version.
    vers: u32,
    /// Procedure number within the program.
    procedure: i32,
    /// Message type (`CALL`, `REPLY`, ...).
    kind: u32,
    /// Serial chosen by the client for a call; echoed in its reply.
    serial: u32,
    /// Status (`OK`, `ERROR`, `CONTINUE`).
    status: u32,
}

/// Why a direction's byte stream could not be cut into packets.
#[derive(Debug)]
enum FrameError {
    /// The length word is outside `MIN_PACKET_LEN..=MAX_PACKET_LEN`.
    BadLength(u32),
    /// End of file in the middle of a packet.
    Truncated {
        /// Bytes the packet should have had (including the length word).
        expected: usize,
        /// Bytes that arrived before end of file.
        got: usize,
    },
    /// The socket failed.
    Io(io::Error),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::BadLength(len) => write!(
                f,
                "invalid length word {len} (must be {MIN_PACKET_LEN}..={MAX_PACKET_LEN})"
            ),
            FrameError::Truncated { expected, got } => {
                write!(f, "end of file inside a packet ({got} of {expected} bytes)")
            }
            FrameError::Io(err) => write!(f, "{err}"),
        }
    }
}

/// Checks a length word and returns the packet length it announces.
fn parse_length_word(word: [u8; LEN_WORD_SIZE]) -> Result<usize, FrameError> {
    let len = u32::from_be_bytes(word);
    if !(MIN_PACKET_LEN..=MAX_PACKET_LEN).contains(&len) {
        return Err(FrameError::BadLength(len));
    }
    usize::try_from(len).map_err(|_| FrameError::BadLength(len))
}

/// Reads a big-endian `u32` at `offset`, if the slice is long enough.
fn be_u32(bytes: &[u8], offset: usize) -> Option<u32> {
    let word = bytes.get(offset..offset.checked_add(4)?)?;
    Some(u32::from_be_bytes(word.try_into().ok()?))
}

/// Parses the header of a packet (`packet` starts with its length word).
fn parse_header(packet: &[u8]) -> Option<Header> {
    let field = |i: usize| be_u32(packet, LEN_WORD_SIZE + 4 * i);
    Some(Header {
        prog: field(0)?,
        vers: field(1)?,
        procedure: i32::from_be_bytes(field(2)?.to_be_bytes()),
        kind: field(3)?,
        serial: field(4)?,
        status: field(5)?,
    })
}

/// The generated module of a program number: its name and procedure table.
fn program(prog: u32) -> Option<(&'static str, &'static [ProcedureInfo])> {
    libvirt_core::PROGRAMS
        .iter()
        .find(|(p, _, _)| *p == prog)
        .map(|&(_, name, table)| (name, table))
}

/// The short name of a procedure (`AUTH_LIST`), from the generated tables.
fn procedure_name(prog: u32, procedure: i32) -> Option<&'static str> {
    let (_, table) = program(prog)?;
    let info = table.iter().find(|p| p.number == procedure)?;
    Some(info.name.split_once("_PROC_").map_or(info.name, |(_, n)| n))
}

/// The name of a message type.
fn type_name(kind: u32) -> Option<&'static str> {
    let kind = net::MessageType::from_i32(i32::try_from(kind).ok()?)?;
    Some(kind.c_name().trim_start_matches("VIR_NET_"))
}

/// The name of a message status.
fn status_name(status: u32) -> Option<&'static str> {
    let status = net::MessageStatus::from_i32(i32::try_from(status).ok()?)?;
    Some(status.c_name().trim_start_matches("VIR_NET_"))
}

/// Whether a message type carries file descriptors alongside the bytes.
fn carries_fds(kind: u32) -> bool {
    kind == net::MessageType::CallWithFds as u32 || kind == net::MessageType::ReplyWithFds as u32
}

/// Decodes a payload as the Rust type picked at run time and prints it with
/// `Debug`.
struct DebugPayload<'a>(&'a [u8]);

impl PayloadTypeVisitor for DebugPayload<'_> {
    type Output = String;

    fn visit<T>(self) -> String
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + Send + Sync + 'static,
    {
        let name = std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or("()");
        match libvirt_xdr::from_bytes::<T>(self.0) {
            Ok(value) => format!("{value:?}"),
            Err(e) => format!("{name}: cannot decode: {e}"),
        }
    }
}

/// The payload of a packet decoded with the generated types, if its type is
/// known (calls, replies, errors, events).
fn decode_payload(packet: &[u8]) -> Option<String> {
    let h = parse_header(packet)?;
    let mut payload = packet.get(LEN_WORD_SIZE + HEADER_SIZE..)?;
    if carries_fds(h.kind) && h.status != 1 {
        payload = payload.get(4..)?; // the fd count word
    }
    let kind = net::MessageType::from_i32(i32::try_from(h.kind).ok()?)?;
    let status = net::MessageStatus::from_i32(i32::try_from(h.status).ok()?)?;
    use net::MessageStatus as S;
    use net::MessageType as T;
    let part = match (kind, status) {
        (T::Reply | T::ReplyWithFds | T::Stream, S::Error) => {
            return Some(
                match libvirt_xdr::from_bytes::<net::MessageError>(payload) {
                    Ok(e) => format!("{e:?}"),
                    Err(e) => format!("MessageError: cannot decode: {e}"),
                },
            );
        }
        (T::Call | T::CallWithFds | T::Message, _) => PayloadPart::Args,
        (T::Reply | T::ReplyWithFds, _) => PayloadPart::Ret,
        (T::StreamHole, _) => {
            return Some(match libvirt_xdr::from_bytes::<net::StreamHole>(payload) {
                Ok(hole) => format!("{hole:?}"),
                Err(e) => format!("StreamHole: cannot decode: {e}"),
            });
        }
        (T::Stream, _) => return Some(format!("{} bytes of stream data", payload.len())),
    };
    libvirt_core::visit_payload_type(h.prog, h.procedure, part, DebugPayload(payload))
}

/// Shortens a decoded payload for a one-line display.
fn ellipsize(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push_str(" …");
    }
    text
}

/// One trace line for a packet (`packet` starts with its length word).
fn describe_packet(conn: u64, dir: Direction, packet: &[u8]) -> String {
    let mut line = format!("[{conn}] {} len={}", dir.arrow(), packet.len());
    let Some(h) = parse_header(packet) else {
        line.push_str(" (short header)");
        return line;
    };
    let _ = write!(line, " prog={:#010x}", h.prog);
    if let Some((name, _)) = program(h.prog) {
        let _ = write!(line, "({name})");
    }
    let _ = write!(line, " vers={} proc={}", h.vers, h.procedure);
    if let Some(name) = procedure_name(h.prog, h.procedure) {
        let _ = write!(line, "({name})");
    }
    match type_name(h.kind) {
        Some(name) => {
            let _ = write!(line, " type={name}");
        }
        None => {
            let _ = write!(line, " type=UNKNOWN({})", h.kind);
        }
    }
    let _ = write!(line, " serial={}", h.serial);
    match status_name(h.status) {
        Some(name) => {
            let _ = write!(line, " status={name}");
        }
        None => {
            let _ = write!(line, " status=UNKNOWN({})", h.status);
        }
    }
    line
}

/// Reads until `buf` is full or end of file; returns the bytes read.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// Reads the next packet of one direction.
///
/// Returns `Ok(None)` on a clean end of file (at a packet boundary). On
/// success the returned buffer is a whole record: the direction byte, then
/// the packet with its length word, so it can be recorded with one write and
/// forwarded as `&record[1..]`.
fn read_packet(reader: &mut impl Read, dir: Direction) -> Result<Option<Vec<u8>>, FrameError> {
    let mut word = [0u8; LEN_WORD_SIZE];
    let got = read_full(reader, &mut word).map_err(FrameError::Io)?;
    if got == 0 {
        return Ok(None);
    }
    if got < LEN_WORD_SIZE {
        return Err(FrameError::Truncated {
            expected: LEN_WORD_SIZE,
            got,
        });
    }
    let len = parse_length_word(word)?;
    let mut record = vec![0u8; 1 + len];
    record[0] = dir.record_byte();
    record[1..1 + LEN_WORD_SIZE].copy_from_slice(&word);
    let got = read_full(reader, &mut record[1 + LEN_WORD_SIZE..]).map_err(FrameError::Io)?;
    if got < len - LEN_WORD_SIZE {
        return Err(FrameError::Truncated {
            expected: len,
            got: LEN_WORD_SIZE + got,
        });
    }
    Ok(Some(record))
}

/// Where packets go: the trace on stdout and the optional record file.
///
/// One lock covers both so the printed order is the recorded order.
struct Sink {
    /// Suppress the per-packet lines.
    quiet: bool,
    /// Print each payload decoded with the generated types.
    decode: bool,
    /// The `--record` file, if any.
    record: Mutex<Option<File>>,
}

impl Sink {
    /// Prints and records one packet; `record` is the direction byte followed
    /// by the packet. Fails only if the record file cannot be written.
    fn packet(&self, conn: u64, dir: Direction, record: &[u8]) -> io::Result<()> {
        let packet = &record[1..];
        let mut file = self.record.lock().unwrap_or_else(PoisonError::into_inner);
        if !self.quiet {
            let mut line = describe_packet(conn, dir, packet);
            if self.decode {
                if let Some(text) = decode_payload(packet) {
                    let _ = write!(line, "\n      {}", ellipsize(text, 400));
                }
            }
            // A closed stdout must not stop the proxy.
            let _ = writeln!(io::stdout().lock(), "{line}");
        }
        if let Some(file) = file.as_mut() {
            file.write_all(record)?;
        }
        Ok(())
    }

    /// Prints an informational line (connection opened/closed).
    fn info(&self, line: &str) {
        if !self.quiet {
            let _guard = self.record.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = writeln!(io::stdout().lock(), "{line}");
        }
    }
}

/// Prints an error line to stderr.
fn report(line: &str) {
    let _ = writeln!(io::stderr().lock(), "wiretrace: {line}");
}

/// Forwards one direction of a connection, packet by packet, until end of
/// file or an error. Returns the number of packets forwarded.
///
/// On a clean end of file the write side of `to` is shut down so the peer
/// sees end of file too. On any error both sockets are shut down, which also
/// ends the other direction's thread; `closing` keeps that thread from
/// reporting the resulting error a second time.
fn pump(
    conn: u64,
    dir: Direction,
    from: &UnixStream,
    mut to: &UnixStream,
    sink: &Sink,
    closing: &AtomicBool,
) -> u64 {
    let mut reader = BufReader::with_capacity(READ_BUFFER_SIZE, from);
    let mut count = 0u64;
    let failure = loop {
        let record = match read_packet(&mut reader, dir) {
            Ok(Some(record)) => record,
            Ok(None) => {
                let _ = to.shutdown(Shutdown::Write);
                return count;
            }
            Err(err) => break format!("{}: {err}", dir.arrow()),
        };
        if parse_header(&record[1..]).is_some_and(|h| carries_fds(h.kind)) {
            report(&format!(
                "[{conn}] {}: packet with file descriptors; fd passing is not supported, \
                 forwarding the bytes only",
                dir.arrow()
            ));
        }
        // Record before forwarding: the peer cannot answer a packet it has
        // not received yet, so answers are always recorded after it.
        if let Err(err) = sink.packet(conn, dir, &record) {
            break format!("writing the record file: {err}");
        }
        if let Err(err) = to.write_all(&record[1..]) {
            break format!("{}: forwarding: {err}", dir.arrow());
        }
        count += 1;
    };
    if !closing.swap(true, Ordering::SeqCst) {
        report(&format!("[{conn}] {failure}; closing the connection"));
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
    count
}

/// Serves one client: connects to the daemon and forwards both directions.
fn handle_connection(conn: u64, client: UnixStream, upstream: &Path, sink: &Sink) {
    let server = match UnixStream::connect(upstream) {
        Ok(server) => server,
        Err(err) => {
            report(&format!(
                "[{conn}] cannot connect to {}: {err}; dropping the client",
                upstream.display()
            ));
            return;
        }
    };
    sink.info(&format!("[{conn}] open"));
    let closing = AtomicBool::new(false);
    let (c2s, s2c) = thread::scope(|scope| {
        let s2c = scope.spawn(|| {
            pump(
                conn,
                Direction::ServerToClient,
                &server,
                &client,
                sink,
                &closing,
            )
        });
        let c2s = pump(
            conn,
            Direction::ClientToServer,
            &client,
            &server,
            sink,
            &closing,
        );
        (c2s, s2c.join().unwrap_or(0))
    });
    sink.info(&format!(
        "[{conn}] closed ({c2s} packets C->S, {s2c} packets S->C)"
    ));
}

/// Command-line options.
#[derive(Debug)]
struct Options {
    /// Socket to accept clients on.
    listen: PathBuf,
    /// The daemon's socket.
    connect: PathBuf,
    /// File to append records to.
    record: Option<PathBuf>,
    /// Suppress per-packet lines.
    quiet: bool,
    /// Decode payloads with the generated types.
    decode: bool,
    /// Exit after the first connection closes.
    once: bool,
}

/// The usage text.
const USAGE: &str =
    "usage: wiretrace --listen PATH --connect PATH [--record FILE] [--quiet] [--decode] [--once]";

/// Parses the command line; `Err` carries the message to print.
fn parse_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Options, String> {
    let mut listen = None;
    let mut connect = None;
    let mut record = None;
    let mut quiet = false;
    let mut decode = false;
    let mut once = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.to_str() {
            Some("--listen") => listen = Some(value("--listen")?),
            Some("--connect") => connect = Some(value("--connect")?),
            Some("--record") => record = Some(value("--record")?),
            Some("--quiet") => quiet = true,
            Some("--decode") => decode = true,
            Some("--once") => once = true,
            Some("-h" | "--help") => return Err(USAGE.to_string()),
            _ => return Err(format!("unknown argument {arg:?}\n{USAGE}")),
        }
    }
    Ok(Options {
        listen: listen.ok_or_else(|| format!("--listen is required\n{USAGE}"))?,
        connect: connect.ok_or_else(|| format!("--connect is required\n{USAGE}"))?,
        record,
        quiet,
        decode,
        once,
    })
}

/// Removes a stale socket file at `path`; refuses to remove anything else,
/// or a socket someone is still listening on.
fn remove_stale_socket(path: &Path) -> Result<(), String> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(format!("{}: {err}", path.display())),
    };
    if !meta.file_type().is_socket() {
        return Err(format!(
            "{} exists and is not a socket; not removing it",
            path.display()
        ));
    }
    if UnixStream::connect(path).is_ok() {
        return Err(format!("{} is in use by another listener", path.display()));
    }
    std::fs::remove_file(path).map_err(|err| format!("removing {}: {err}", path.display()))
}

/// Sets up the listener and record file, then serves clients.
fn run(opts: &Options) -> Result<(), String> {
    let record = match &opts.record {
        Some(path) => Some(
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|err| format!("opening {}: {err}", path.display()))?,
        ),
        None => None,
    };
    let sink = Arc::new(Sink {
        quiet: opts.quiet,
        decode: opts.decode,
        record: Mutex::new(record),
    });
    remove_stale_socket(&opts.listen)?;
    let listener = UnixListener::bind(&opts.listen)
        .map_err(|err| format!("binding {}: {err}", opts.listen.display()))?;
    let _ = writeln!(
        io::stderr().lock(),
        "wiretrace: listening on {}, forwarding to {}",
        opts.listen.display(),
        opts.connect.display()
    );

    let mut conn = 0u64;
    loop {
        let client = match listener.accept() {
            Ok((client, _addr)) => client,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => {
                // E.g. EMFILE: report and keep serving.
                report(&format!("accept: {err}"));
                thread::sleep(std::time::Duration::from_millis(100));
                continue;
            }
        };
        conn += 1;
        if opts.once {
            handle_connection(conn, client, &opts.connect, &sink);
            drop(listener);
            let _ = std::fs::remove_file(&opts.listen);
            return Ok(());
        }
        let sink = Arc::clone(&sink);
        let upstream = opts.connect.clone();
        let spawned = thread::Builder::new()
            .name(format!("conn-{conn}"))
            .spawn(move || handle_connection(conn, client, &upstream, &sink));
        if let Err(err) = spawned {
            report(&format!("[{conn}] cannot start a thread: {err}"));
        }
    }
}

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args_os().skip(1)) {
        Ok(opts) => opts,
        Err(msg) => {
            let _ = writeln!(io::stderr().lock(), "{msg}");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            report(&msg);
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A packet with the given header fields and payload.
    fn packet(fields: [u32; 6], payload: &[u8]) -> Vec<u8> {
        let len = (LEN_WORD_SIZE + HEADER_SIZE + payload.len()) as u32;
        let mut out = len.to_be_bytes().to_vec();
        for field in fields {
            out.extend_from_slice(&field.to_be_bytes());
        }
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn length_word_bounds() {
        assert!(parse_length_word(27u32.to_be_bytes()).is_err());
        assert_eq!(parse_length_word(28u32.to_be_bytes()).unwrap(), 28);
        assert_eq!(
            parse_length_word(33_554_436u32.to_be_bytes()).unwrap(),
            33_554_436
        );
        assert!(parse_length_word(33_554_437u32.to_be_bytes()).is_err());
        assert!(parse_length_word([0xff; 4]).is_err());
    }

    #[test]
    fn describes_a_call() {
        let p = packet([0x2000_8086, 1, 66, 0, 0, 0], &[]);
        assert_eq!(
            describe_packet(1, Direction::ClientToServer, &p),
            "[1] C->S len=28 prog=0x20008086(remote) vers=1 proc=66(AUTH_LIST) type=CALL serial=0 status=OK"
        );
        // The payload is decoded with the generated types.
        let p = packet(
            [0x2000_8086, 1, 23, 0, 8, 0],
            &[0, 0, 0, 4, b't', b'e', b's', b't'],
        );
        assert_eq!(
            decode_payload(&p).unwrap(),
            "DomainLookupByNameArgs { name: \"test\" }"
        );
        let p = packet([0x6b65_6570, 1, 1, 2, 0, 0], &[]);
        assert!(
            describe_packet(2, Direction::ServerToClient, &p).contains("proc=1(PING) type=MESSAGE")
        );
        let p = packet([1, 1, u32::MAX, 9, 7, 9], &[1, 2, 3, 4]);
        assert_eq!(
            describe_packet(3, Direction::ServerToClient, &p),
            "[3] S->C len=32 prog=0x00000001 vers=1 proc=-1 type=UNKNOWN(9) serial=7 status=UNKNOWN(9)"
        );
    }

    #[test]
    fn reads_records_and_stops_cleanly() {
        let a = packet([0x2000_8086, 1, 1, 0, 5, 0], &[0, 0, 0, 0]);
        let b = packet([0x2000_8086, 1, 2, 0, 6, 0], &[]);
        let mut input: &[u8] = &[a.clone(), b.clone()].concat();
        let r = read_packet(&mut input, Direction::ServerToClient)
            .unwrap()
            .unwrap();
        assert_eq!(r[0], 1);
        assert_eq!(&r[1..], &a[..]);
        let r = read_packet(&mut input, Direction::ClientToServer)
            .unwrap()
            .unwrap();
        assert_eq!(r[0], 0);
        assert_eq!(&r[1..], &b[..]);
        assert!(
            read_packet(&mut input, Direction::ClientToServer)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn rejects_bad_input() {
        let mut short: &[u8] = &[0, 0];
        assert!(matches!(
            read_packet(&mut short, Direction::ClientToServer),
            Err(FrameError::Truncated {
                expected: 4,
                got: 2
            })
        ));
        let mut bad: &[u8] = &[0, 0, 0, 4, 0, 0, 0, 0];
        assert!(matches!(
            read_packet(&mut bad, Direction::ClientToServer),
            Err(FrameError::BadLength(4))
        ));
        let full = packet([0x2000_8086, 1, 1, 0, 0, 0], &[0; 8]);
        let mut cut: &[u8] = &full[..30];
        assert!(matches!(
            read_packet(&mut cut, Direction::ClientToServer),
            Err(FrameError::Truncated {
                expected: 36,
                got: 30
            })
        ));
        assert!(parse_header(&full[..20]).is_none());
    }

    #[test]
    fn parses_arguments() {
        let args = ["--listen", "a", "--connect", "b", "--record", "c", "--once"];
        let opts = parse_args(args.iter().map(Into::into)).unwrap();
        assert_eq!(opts.listen, PathBuf::from("a"));
        assert_eq!(opts.connect, PathBuf::from("b"));
        assert_eq!(opts.record, Some(PathBuf::from("c")));
        assert!(opts.once && !opts.quiet);
        assert!(parse_args(["--listen", "a"].iter().map(Into::into)).is_err());
        assert!(parse_args(["--bogus"].iter().map(Into::into)).is_err());
    }
}
