//! What lies between a runtime's socket and the core: nothing (unix,
//! tcp), a TLS session, or an `ssh` child process at the far end of a
//! socket pair. Every adapter uses the same layers; it only connects the
//! socket that [`Connector::new`] names ([`Dial`]) and wraps its own I/O
//! type with [`Connector::wrap`].

use std::fmt;
use std::io::{self, Read};
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use libvirt_transport::{Endpoint, SshEndpoint};

use crate::io::Io;
use crate::sasl::SecurityLayer;
use crate::tls::{TlsConnector, TlsError, TlsSession};

/// What the adapter must connect.
#[derive(Debug)]
#[non_exhaustive]
pub enum Dial {
    /// A UNIX socket at this path.
    Unix(PathBuf),
    /// A TCP connection (set `TCP_NODELAY`, as libvirt does).
    Tcp {
        /// Host name or address.
        host: String,
        /// Port.
        port: u16,
    },
    /// Already connected: one end of a socket pair whose other end is an
    /// `ssh` child's stdin and stdout. Make it non-blocking and use it as a
    /// UNIX socket (fds cannot travel: [`Io::passes_fds`] of the wrapped
    /// I/O says no).
    Connected(UnixStream),
}

impl Dial {
    /// The error a runtime gives for a kind of socket it cannot connect.
    pub fn unsupported(&self) -> io::Error {
        io::Error::new(io::ErrorKind::Unsupported, format!("cannot dial {self:?}"))
    }
}

/// How a connection is carried, as [`crate::Client::transport`] reports
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransportInfo {
    /// `"unix"`, `"tcp"`, `"tls"` or `"ssh"`.
    pub kind: &'static str,
    /// Whether the bytes are encrypted on the way (TLS, ssh).
    pub encrypted: bool,
    /// The TLS protocol and cipher suite, once the session is open.
    pub tls: Option<String>,
    /// The strength of the SASL security layer (0: none; GSSAPI's
    /// confidentiality layer gives 56 or more).
    pub sasl_ssf: u32,
}

/// Why an `ssh` transport failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SshError {
    /// The `ssh` program could not be started.
    #[error(
        "cannot run '{program}': {reason} (install OpenSSH's client, or name another program with command=)"
    )]
    Spawn {
        /// The program (`ssh`, or `command=`).
        program: String,
        /// What the system said.
        reason: String,
    },
    /// The child ended the connection; what it wrote to stderr says why.
    #[error("ssh to {host} ended{}: {}{}", status.map(|s| format!(" with status {s}")).unwrap_or_default(), if stderr.is_empty() { "it wrote nothing to stderr" } else { stderr }, hint.map(|h| format!(" ({h})")).unwrap_or_default())]
    Exited {
        /// The host.
        host: String,
        /// Its exit status, if it has exited.
        status: Option<i32>,
        /// What it wrote to stderr (at most 1024 bytes, as libvirt reads).
        stderr: String,
        /// What usually fixes it, for the messages ssh and the far side's
        /// shell are known to give.
        hint: Option<&'static str>,
    },
}

/// The layers a [`libvirt_transport::Endpoint`] needs, prepared before the
/// socket is connected: TLS credentials loaded and checked, an `ssh` child
/// started.
pub struct Connector {
    tls: Option<TlsConnector>,
    ssh: Option<SshChild>,
    kind: &'static str,
}

impl fmt::Debug for Connector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connector")
            .field("tls", &self.tls)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl Connector {
    /// Prepares `endpoint`: for TLS, loads and checks the credentials; for
    /// ssh, starts the child. Gives what the adapter must connect, and the
    /// layers to put on it once connected.
    pub fn new(endpoint: &Endpoint) -> Result<(Dial, Connector), crate::Error> {
        let (dial, tls, ssh, kind) = match endpoint {
            Endpoint::Unix(path) => (Dial::Unix(path.clone()), None, None, "unix"),
            Endpoint::Tcp { host, port } => (
                Dial::Tcp {
                    host: host.clone(),
                    port: *port,
                },
                None,
                None,
                "tcp",
            ),
            Endpoint::Tls(t) => (
                Dial::Tcp {
                    host: t.host.clone(),
                    port: t.port,
                },
                Some(TlsConnector::new(t)?),
                None,
                "tls",
            ),
            Endpoint::Ssh(s) => {
                let (socket, child) = SshChild::spawn(s)?;
                (Dial::Connected(socket), None, Some(child), "ssh")
            }
            other => {
                return Err(crate::Error::Connect {
                    endpoint: other.to_string(),
                    source: io::Error::new(io::ErrorKind::Unsupported, "no transport for it"),
                });
            }
        };
        Ok((dial, Connector { tls, ssh, kind }))
    }

    /// The runtime's I/O on the connected socket, with the layers on top.
    pub fn wrap<I: Io>(self, io: I) -> Result<Layered<I>, crate::Error> {
        let tls = match self.tls {
            Some(t) => Some(Box::new(t.session()?)),
            None => None,
        };
        Ok(Layered {
            lower: Lower { io, tls },
            sasl: None,
            ssh: self.ssh,
            kind: self.kind,
        })
    }
}

/// A runtime's I/O with the transport's layers: TLS, a SASL security
/// layer, and the `ssh` child (whose stderr explains an end, and which is
/// reaped when this is dropped).
pub struct Layered<I> {
    // Dropped first: the socket closes before the child is reaped.
    lower: Lower<I>,
    sasl: Option<Box<SaslLayer>>,
    ssh: Option<SshChild>,
    kind: &'static str,
}

/// What is under the SASL layer: the runtime's socket, and TLS on it.
struct Lower<I> {
    io: I,
    tls: Option<Box<TlsSession>>,
}

impl<I: Io> Lower<I> {
    fn recv(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>> {
        match &mut self.tls {
            Some(tls) => tls.poll_recv(&mut self.io, cx, buf),
            None => self.io.poll_recv(cx, buf, fds),
        }
    }

    fn send(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match &mut self.tls {
            Some(tls) => tls.poll_send(&mut self.io, cx, buf),
            None => self.io.poll_send(cx, buf),
        }
    }

    fn flush(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.tls {
            Some(tls) => tls.poll_flush(&mut self.io, cx),
            None => self.io.poll_flush(cx),
        }
    }
}

/// The largest SASL token accepted (libvirt's client asks for 65536-byte
/// buffers; a little room for the layer's own framing).
const SASL_TOKEN_MAX: usize = 65536 + 4096;

/// A SASL security layer over the socket (or TLS): tokens of a 4-byte
/// big-endian length and the encoded data, both ways.
struct SaslLayer {
    layer: Box<dyn SecurityLayer>,
    /// Bytes read, not yet a whole token.
    raw: Vec<u8>,
    /// Decoded bytes not yet handed to the core, from `plain_pos`.
    plain: Vec<u8>,
    plain_pos: usize,
    /// An encoded token not yet written, from `out_pos`.
    out: Vec<u8>,
    out_pos: usize,
}

impl SaslLayer {
    /// Writes out the pending token.
    fn flush<I: Io>(&mut self, lower: &mut Lower<I>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.out_pos < self.out.len() {
            match lower.send(cx, &self.out[self.out_pos..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => self.out_pos += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        self.out.clear();
        self.out_pos = 0;
        Poll::Ready(Ok(()))
    }

    fn recv<I: Io>(
        &mut self,
        lower: &mut Lower<I>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>> {
        let mut chunk = [0u8; 16384];
        loop {
            if self.plain_pos < self.plain.len() {
                let n = buf.len().min(self.plain.len() - self.plain_pos);
                buf[..n].copy_from_slice(&self.plain[self.plain_pos..self.plain_pos + n]);
                self.plain_pos += n;
                return Poll::Ready(Ok(n));
            }
            if let Some(word) = self.raw.first_chunk::<4>() {
                let len = u32::from_be_bytes(*word) as usize;
                if len > SASL_TOKEN_MAX {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("SASL token of {len} bytes is over the limit of {SASL_TOKEN_MAX}"),
                    )));
                }
                if let Some(token) = self.raw.get(4..4 + len) {
                    let plain = self.layer.decode(token).map_err(|e| {
                        io::Error::new(io::ErrorKind::InvalidData, format!("SASL decode: {e}"))
                    })?;
                    self.raw.drain(..4 + len);
                    self.plain = plain;
                    self.plain_pos = 0;
                    continue;
                }
            }
            match lower.recv(cx, &mut chunk, fds) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Ok(0)),
                Poll::Ready(Ok(n)) => self.raw.extend_from_slice(&chunk[..n]),
                other => return other,
            }
        }
    }

    fn send<I: Io>(
        &mut self,
        lower: &mut Lower<I>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        // One token at a time: take new data only once the last is out.
        if self.flush(lower, cx)?.is_pending() {
            return Poll::Pending;
        }
        let n = buf.len().min(self.layer.max_plaintext().max(1));
        let token = self
            .layer
            .encode(&buf[..n])
            .map_err(|e| io::Error::other(format!("SASL encode: {e}")))?;
        let len =
            u32::try_from(token.len()).map_err(|_| io::Error::other("SASL token over 4 GiB"))?;
        self.out.extend_from_slice(&len.to_be_bytes());
        self.out.extend_from_slice(&token);
        if let Poll::Ready(Err(e)) = self.flush(lower, cx) {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(n))
    }
}

impl<I: Io> Layered<I> {
    /// No layers: the runtime's socket as it is (unix, tcp).
    pub fn plain(io: I, kind: &'static str) -> Layered<I> {
        Layered {
            lower: Lower { io, tls: None },
            sasl: None,
            ssh: None,
            kind,
        }
    }

    /// The runtime's I/O underneath.
    pub fn inner(&self) -> &I {
        &self.lower.io
    }

    /// The runtime's I/O underneath, mutably.
    pub fn inner_mut(&mut self) -> &mut I {
        &mut self.lower.io
    }

    /// How the connection is carried.
    fn info(&self) -> TransportInfo {
        TransportInfo {
            kind: self.kind,
            // SSF 1 is integrity only.
            encrypted: self.lower.tls.is_some()
                || self.ssh.is_some()
                || self.sasl.as_ref().is_some_and(|s| s.layer.ssf() > 1),
            tls: self.lower.tls.as_ref().and_then(|t| t.describe()),
            sasl_ssf: self.sasl.as_ref().map_or(0, |s| s.layer.ssf()),
        }
    }

    /// An end or a failure of the socket: explained by the ssh child's
    /// exit and stderr, if it has something to say. Errors of the layers
    /// above (a SASL token that does not decode) are their own.
    fn ended<T>(&mut self, r: io::Result<T>, eof: impl Fn(&T) -> bool) -> io::Result<T> {
        let Some(ssh) = &mut self.ssh else {
            return r;
        };
        let socket_end = match &r {
            Ok(v) => eof(v),
            Err(e) => e.kind() != io::ErrorKind::InvalidData && e.get_ref().is_none(),
        };
        if !socket_end {
            return r;
        }
        match ssh.explain() {
            Some(e) => Err(io::Error::other(e)),
            None => r,
        }
    }
}

impl<I: Io> Io for Layered<I> {
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>> {
        let r = match &mut self.sasl {
            Some(sasl) => sasl.recv(&mut self.lower, cx, buf, fds),
            None => self.lower.recv(cx, buf, fds),
        };
        r.map(|r| self.ended(r, |&n| n == 0))
    }

    fn poll_send(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let r = match &mut self.sasl {
            Some(sasl) => sasl.send(&mut self.lower, cx, buf),
            None => self.lower.send(cx, buf),
        };
        // ssh may be gone before the first write (a host key, a name that
        // does not resolve): its stderr says why better than EPIPE.
        r.map(|r| self.ended(r, |_| false))
    }

    fn poll_flush(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let sasl = match &mut self.sasl {
            Some(sasl) => sasl.flush(&mut self.lower, cx),
            None => Poll::Ready(Ok(())),
        };
        let r = match sasl {
            Poll::Ready(Ok(())) => self.lower.flush(cx),
            other => other,
        };
        r.map(|r| self.ended(r, |_| false))
    }

    fn poll_send_fd(&mut self, cx: &mut Context<'_>, fd: BorrowedFd<'_>) -> Poll<io::Result<()>> {
        if self.sasl.is_some() {
            // The carrier byte would bypass the layer.
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "file descriptors cannot travel through a SASL security layer",
            )));
        }
        self.lower.io.poll_send_fd(cx, fd)
    }

    fn passes_fds(&self) -> bool {
        self.lower.tls.is_none()
            && self.ssh.is_none()
            && self.sasl.is_none()
            && self.lower.io.passes_fds()
    }

    fn set_security_layer(&mut self, layer: Box<dyn SecurityLayer>) -> bool {
        if let Some(tls) = &mut self.lower.tls {
            tls.unframed();
        }
        self.sasl = Some(Box::new(SaslLayer {
            layer,
            raw: Vec::new(),
            plain: Vec::new(),
            plain_pos: 0,
            out: Vec::new(),
            out_pos: 0,
        }));
        true
    }

    fn transport(&self) -> TransportInfo {
        self.info()
    }

    fn write_through(&self) -> Option<std::sync::Arc<OwnedFd>> {
        // Not under TLS or a SASL layer, which frame what they send; a
        // plain socket or the ssh child's socket pair carries the bytes
        // as they are.
        if self.lower.tls.is_some() || self.sasl.is_some() {
            return None;
        }
        self.lower.io.write_through()
    }

    fn poll_sleep_until(&mut self, cx: &mut Context<'_>, deadline: Instant) -> Poll<()> {
        self.lower.io.poll_sleep_until(cx, deadline)
    }

    fn cancel_sleep(&mut self) {
        self.lower.io.cancel_sleep();
    }
}

/// The most of the child's stderr that is kept (libvirt reads 1024
/// bytes).
const STDERR_MAX: usize = 1024;

/// What the child wrote to stderr, read by a thread of its own all along
/// (so that a chatty ssh never blocks on a full pipe), and whether the
/// pipe has ended.
#[derive(Default)]
struct StderrLog {
    state: Mutex<(Vec<u8>, bool)>,
    ended: Condvar,
}

impl StderrLog {
    fn read_all(&self, mut pipe: std::process::ChildStderr) {
        let mut buf = [0u8; 4096];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                    let room = STDERR_MAX.saturating_sub(st.0.len());
                    st.0.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
        self.ended.notify_all();
    }

    /// The text so far, once the pipe has ended or `wait` has passed.
    fn text(&self, wait: Duration) -> String {
        let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (st, _) = self
            .ended
            .wait_timeout_while(st, wait, |s| !s.1)
            .unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&st.0).into_owned()
    }
}

/// An `ssh` child: its stderr, and reaping.
struct SshChild {
    child: Option<Child>,
    stderr: Arc<StderrLog>,
    host: String,
    explained: bool,
}

impl SshChild {
    /// Starts `ssh` as libvirt does: a socket pair as its stdin and
    /// stdout, a pipe for its stderr, only the passed environment.
    fn spawn(s: &SshEndpoint) -> Result<(UnixStream, SshChild), SshError> {
        let spawn_error = |e: io::Error| SshError::Spawn {
            program: s.program.clone(),
            reason: e.to_string(),
        };
        let (ours, theirs) = UnixStream::pair().map_err(spawn_error)?;
        let theirs_out = theirs.try_clone().map_err(spawn_error)?;
        let mut cmd = Command::new(&s.program);
        cmd.args(&s.args)
            .env_clear()
            .env("LC_ALL", "C")
            .stdin(Stdio::from(OwnedFd::from(theirs)))
            .stdout(Stdio::from(OwnedFd::from(theirs_out)))
            .stderr(Stdio::piped());
        for name in &s.env {
            if let Some(v) = std::env::var_os(name) {
                cmd.env(name, v);
            }
        }
        let mut child = cmd.spawn().map_err(spawn_error)?;
        tracing::debug!(program = %s.program, args = ?s.args, pid = child.id(), "started ssh");
        let stderr = Arc::new(StderrLog::default());
        if let Some(pipe) = child.stderr.take() {
            let log = stderr.clone();
            let reader = std::thread::Builder::new()
                .name("libvirt-ssh-stderr".into())
                .spawn(move || log.read_all(pipe));
            if let Err(e) = reader {
                let _ = child.kill();
                let _ = child.wait();
                return Err(spawn_error(e));
            }
        }
        Ok((
            ours,
            SshChild {
                child: Some(child),
                stderr,
                host: s.host.clone(),
                explained: false,
            },
        ))
    }

    /// After the socket ended or failed: why, from the child's exit status
    /// and what it wrote to stderr. `None` when it went well (status 0, or
    /// still running with nothing to say): a plain end of the daemon's
    /// side.
    ///
    /// It waits a moment (at most about 300 ms, on a failure path only)
    /// for stderr to end and the child to exit, as libvirt waits for
    /// stderr's end.
    fn explain(&mut self) -> Option<SshError> {
        if self.explained {
            return None;
        }
        self.explained = true;
        let text = self.stderr.text(Duration::from_millis(200));
        let deadline = Instant::now() + Duration::from_millis(100);
        let status = loop {
            match self.child.as_mut().map(Child::try_wait) {
                Some(Ok(None)) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Some(Ok(status)) => break status,
                _ => break None,
            }
        };
        let code = status.map(|s| s.code().or(s.signal().map(|n| 128 + n)).unwrap_or(-1));
        // ssh's notes about known_hosts are not why anything failed.
        let stderr = text
            .lines()
            .filter(|l| !l.starts_with("Warning: Permanently added"))
            .collect::<Vec<_>>()
            .join("\n")
            .trim_end()
            .to_owned();
        match code {
            Some(0) => return None,
            None if stderr.is_empty() => return None,
            _ => {}
        }
        let hint = ssh_hint(&stderr);
        Some(SshError::Exited {
            host: self.host.clone(),
            status: code,
            stderr,
            hint,
        })
    }
}

/// What usually fixes a failure ssh or the far side reports.
fn ssh_hint(stderr: &str) -> Option<&'static str> {
    let hints: &[(&str, &str)] = &[
        (
            "Host key verification failed",
            "the host's key is not in known_hosts: connect once with ssh to check and accept it, or add no_verify=1",
        ),
        (
            "Permission denied",
            "the far side refused our keys: give the key with keyfile=, or load it into ssh-agent",
        ),
        (
            "not found",
            "a command is missing on the far side: install netcat-openbsd (or libvirt's virt-ssh-helper) there, or name it with netcat=",
        ),
        (
            "Connection refused",
            "no sshd listens at that address and port",
        ),
        (
            "No such file or directory",
            "the daemon's socket is not there on the far side: is libvirtd (or virtproxyd) running, and is socket= right?",
        ),
    ];
    hints
        .iter()
        .find(|(needle, _)| stderr.contains(needle))
        .map(|&(_, hint)| hint)
}

impl Drop for SshChild {
    /// libvirt's `virProcessAbort`: reaped if it has exited; else SIGTERM,
    /// 10 ms, and SIGKILL, on a thread of its own so that dropping a
    /// connection never blocks. Never left a zombie.
    fn drop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        let reap = move || {
            if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
            }
            std::thread::sleep(Duration::from_millis(10));
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            let _ = child.kill();
            let _ = child.wait();
        };
        if let Err(e) = std::thread::Builder::new()
            .name("libvirt-ssh-reaper".into())
            .spawn(reap)
        {
            tracing::warn!(error = %e, "no thread to reap the ssh child");
        }
    }
}

/// A failure of a layer, kept typed beside the core's text of it.
#[derive(Debug, Clone)]
pub(crate) enum LayerError {
    Tls(TlsError),
    Ssh(SshError),
}

impl From<LayerError> for crate::Error {
    fn from(e: LayerError) -> crate::Error {
        match e {
            LayerError::Tls(e) => crate::Error::Tls(e),
            LayerError::Ssh(e) => crate::Error::Ssh(e),
        }
    }
}

/// The typed error inside an I/O error from the layers, if there is one.
pub(crate) fn layer_error(e: &io::Error) -> Option<LayerError> {
    let inner = e.get_ref()?;
    if let Some(t) = inner.downcast_ref::<TlsError>() {
        return Some(LayerError::Tls(t.clone()));
    }
    if let Some(s) = inner.downcast_ref::<SshError>() {
        return Some(LayerError::Ssh(s.clone()));
    }
    None
}
