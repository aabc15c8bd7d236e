//! `custom_event_loop`: drives libvirt-rs's sans-IO core from a hand-written
//! `poll(2)` loop over a non-blocking socket: no async runtime, no adapter.
//! This is the whole of what an adapter does, in one file.
//!
//! ```text
//! custom_event_loop [-c URI] [--domain NAME]
//! ```
//!
//! It resolves the URI as virsh does (`-c`, else `LIBVIRT_DEFAULT_URI`;
//! unix or tcp), opens the connection, prints the host name, the library
//! version and every domain with its state, subscribes to lifecycle events,
//! suspends and resumes `--domain` (default `test`) checking the state and
//! the events after each, reads the domain's screenshot through a stream,
//! shows the typed error of a lookup that fails, and closes. Every step is
//! a call on `libvirt_core::Connection`; this file only moves bytes, waits
//! in `poll(2)` and keeps the clock.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use libvirt_core::enums::{DomainEventID, DomainEventType, DomainState};
use libvirt_core::remote::{self, procedures as rp};
use libvirt_core::{
    CallError, CallId, CallProcedure, Config, Connection, Event, Open, StreamRecv, Transmit,
};
use libvirt_transport::{Endpoint, Environment, LibvirtUri, default_endpoint};
use rustix::event::{PollFd, PollFlags, Timespec};

/// A non-blocking UNIX or TCP socket.
enum Socket {
    Unix(UnixStream),
    Tcp(TcpStream),
}

impl Socket {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Socket::Unix(s) => s.read(buf),
            Socket::Tcp(s) => s.read(buf),
        }
    }

    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Socket::Unix(s) => s.write(buf),
            Socket::Tcp(s) => s.write(buf),
        }
    }

    fn fd(&self) -> std::os::fd::BorrowedFd<'_> {
        match self {
            Socket::Unix(s) => s.as_fd(),
            Socket::Tcp(s) => s.as_fd(),
        }
    }
}

/// The socket, the connection and the clock: one event loop.
struct Driver {
    socket: Socket,
    conn: Connection,
    start: Instant,
    buf: Vec<u8>,
    /// Events that arrived while waiting for something else.
    events: Vec<Event>,
}

fn would_block(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::WouldBlock
}

impl Driver {
    /// One turn of the loop: write what the core wants written (as much as
    /// the socket takes), collect its events, then sleep in poll(2) until
    /// the socket is ready or the core's deadline comes.
    fn turn(&mut self) {
        // 1. Output. (No call here passes fds; see libvirt-client's fdio for
        //    sendmsg/recvmsg with SCM_RIGHTS.)
        let mut blocked = false;
        while let Some(t) = self.conn.poll_transmit() {
            match t {
                Transmit::Bytes(bytes) => match self.socket.write(bytes) {
                    Ok(n) => self.conn.transmitted(n),
                    Err(e) if would_block(&e) => {
                        blocked = true;
                        break;
                    }
                    Err(e) => self.conn.handle_transport_error(e.to_string()),
                },
                Transmit::Fds { .. } => self.conn.fds_transmitted(),
            }
        }
        // 2. Events.
        let before = self.events.len();
        while let Some(e) = self.conn.poll_event() {
            self.events.push(e);
        }
        if self.events.len() > before || self.conn.error().is_some() {
            return;
        }
        // 3. Wait: readable (if the core wants input), writable (if output
        //    is stuck), or the deadline (keepalive).
        let now = self.start.elapsed();
        let deadline = self.conn.poll_timeout();
        if deadline.is_some_and(|d| d <= now) {
            self.conn.handle_timeout(now);
            return;
        }
        let mut flags = PollFlags::empty();
        if self.conn.wants_input() {
            flags |= PollFlags::IN;
        }
        if blocked {
            flags |= PollFlags::OUT;
        }
        let timeout = deadline.map(|d| {
            Timespec::try_from(d - now + Duration::from_micros(100)).unwrap_or(Timespec {
                tv_sec: i64::MAX / 2,
                tv_nsec: 0,
            })
        });
        let fd = self.socket.fd();
        let mut fds = [PollFd::new(&fd, flags)];
        if let Err(e) = rustix::event::poll(&mut fds, timeout.as_ref()) {
            if e != rustix::io::Errno::INTR {
                self.conn.handle_transport_error(format!("poll: {e}"));
            }
            return;
        }
        let woken = !fds[0].revents().is_empty();
        if !woken {
            self.conn.handle_timeout(self.start.elapsed());
            return;
        }
        // 4. Input, until the socket has no more.
        loop {
            match self.socket.read(&mut self.buf) {
                Ok(0) => {
                    self.conn.handle_eof();
                    break;
                }
                Ok(n) => {
                    let now = self.start.elapsed();
                    self.conn.handle_input(now, &self.buf[..n]);
                }
                Err(e) if would_block(&e) => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.conn.handle_transport_error(e.to_string());
                    break;
                }
            }
            if !self.conn.wants_input() {
                break;
            }
        }
    }

    /// Runs the loop until an event matches `want`.
    fn wait<T>(&mut self, mut want: impl FnMut(&Event) -> Option<T>) -> Result<T, String> {
        loop {
            if let Some(i) = self.events.iter().position(|e| want(e).is_some()) {
                let e = self.events.remove(i);
                return Ok(want(&e).expect("matched above"));
            }
            if let Some(Event::Closed(e)) =
                self.events.iter().find(|e| matches!(e, Event::Closed(_)))
            {
                return Err(format!("connection closed: {e}"));
            }
            self.turn();
        }
    }

    /// Calls `P` and waits for its decoded answer.
    fn call<P: CallProcedure>(&mut self, args: &P::Args) -> Result<P::Ret, CallError> {
        let id = self.conn.call::<P>(args)?;
        let result = self
            .wait(|e| match e {
                Event::Reply { call, result } if *call == id => Some(result.clone()),
                _ => None,
            })
            .map_err(|e| CallError::Connection(libvirt_core::ConnectionError::Transport(e)))?;
        result?.decode()
    }

    fn state(&mut self, dom: &remote::NonnullDomain) -> Result<DomainState, CallError> {
        let s = self.call::<rp::DomainGetState>(&remote::DomainGetStateArgs {
            dom: dom.clone(),
            flags: 0,
        })?;
        Ok(DomainState::from_raw(s.state).unwrap_or(DomainState::Nostate))
    }

    /// Reads a whole download stream.
    fn read_stream(&mut self, stream: CallId) -> Result<Vec<u8>, String> {
        let mut data = Vec::new();
        let mut chunk = vec![0u8; 65536];
        loop {
            match self
                .conn
                .stream_recv(stream, &mut chunk)
                .map_err(|e| e.to_string())?
            {
                StreamRecv::Data(n) => data.extend_from_slice(&chunk[..n]),
                StreamRecv::Hole(n) => data.resize(data.len() + n as usize, 0),
                StreamRecv::Eof => break,
                StreamRecv::Pending => {
                    self.wait(|e| {
                        matches!(e, Event::StreamReadable(s) if *s == stream).then_some(())
                    })?;
                }
            }
        }
        // The core finished the stream by itself at EOF; wait for the server.
        let closed = self.wait(|e| match e {
            Event::StreamClosed { stream: s, result } if *s == stream => Some(result.clone()),
            _ => None,
        })?;
        closed.map_err(|e| e.to_string())?;
        self.conn.stream_release(stream);
        Ok(data)
    }

    /// Waits for the next lifecycle event of `callback`.
    fn lifecycle(&mut self, callback: i32) -> Result<DomainEventType, String> {
        self.wait(|e| match e {
            Event::Remote(remote::Event::DomainEventCallbackLifecycle(m))
                if m.callback_id == callback =>
            {
                DomainEventType::from_raw(m.msg.event)
            }
            _ => None,
        })
    }
}

/// Connects the socket a URI (or the environment) names.
fn connect(uri: Option<&str>) -> Result<(Socket, Option<String>), String> {
    let env = Environment::current();
    let parsed = match uri {
        Some(u) => Some(LibvirtUri::parse(u).map_err(|e| e.to_string())?),
        None => LibvirtUri::from_env().map_err(|e| e.to_string())?,
    };
    let (endpoint, name) = match &parsed {
        Some(u) => (
            u.endpoint(&env, false).map_err(|e| e.to_string())?,
            Some(u.remote_name()),
        ),
        None => (
            default_endpoint(&env, false).map_err(|e| e.to_string())?,
            None,
        ),
    };
    let fail = |e: io::Error| format!("{endpoint}: {e}");
    let socket = match &endpoint {
        Endpoint::Unix(path) => {
            let s = UnixStream::connect(path).map_err(fail)?;
            s.set_nonblocking(true).map_err(fail)?;
            Socket::Unix(s)
        }
        Endpoint::Tcp { host, port } => {
            let s = TcpStream::connect((host.as_str(), *port)).map_err(fail)?;
            s.set_nonblocking(true).map_err(fail)?;
            s.set_nodelay(true).map_err(fail)?;
            Socket::Tcp(s)
        }
        // TLS and ssh are byte layers of libvirt-client (`Connector`);
        // this example keeps to a bare socket.
        other => {
            return Err(format!(
                "{other}: this example drives plain unix and tcp sockets only; the adapters (libvirt-tokio, libvirt-smol, libvirt-blocking) carry TLS and ssh"
            ));
        }
    };
    Ok((socket, name))
}

fn run(uri: Option<&str>, domain: &str) -> Result<(), String> {
    let (socket, name) = connect(uri)?;
    let start = Instant::now();
    let open = Open::Remote {
        name,
        read_only: false,
    };
    let mut d = Driver {
        socket,
        conn: Connection::new(Config::default(), open, start.elapsed()),
        start,
        buf: vec![0u8; 256 * 1024],
        events: Vec::new(),
    };
    let connected = d.wait(|e| match e {
        Event::Connected(c) => Some(c.clone()),
        _ => None,
    })?;
    println!(
        "connected: keepalive={} event callbacks={} close callback={}",
        connected.keepalive, connected.event_callbacks, connected.close_callback
    );
    let e = |e: CallError| e.to_string();
    let uri = d.call::<rp::ConnectGetUri>(&()).map_err(e)?.uri;
    let host = d.call::<rp::ConnectGetHostname>(&()).map_err(e)?.hostname;
    let version = d.call::<rp::ConnectGetLibVersion>(&()).map_err(e)?.lib_ver;
    println!(
        "uri {uri}, host {host}, libvirt {}.{}.{}",
        version / 1_000_000,
        version / 1000 % 1000,
        version % 1000
    );
    let all = d
        .call::<rp::ConnectListAllDomains>(&remote::ConnectListAllDomainsArgs {
            need_results: 1,
            flags: 0,
        })
        .map_err(e)?;
    for dom in &all.domains {
        let state = d.state(dom).map_err(e)?;
        println!("domain {:>3} {:<12} {state}", dom.id, dom.name);
    }
    let dom = d
        .call::<rp::DomainLookupByName>(&remote::DomainLookupByNameArgs {
            name: domain.into(),
        })
        .map_err(e)?
        .dom;
    // Events: register a lifecycle callback; its events carry the id.
    let callback = d
        .call::<rp::ConnectDomainEventCallbackRegisterAny>(
            &remote::ConnectDomainEventCallbackRegisterAnyArgs {
                event_id: DomainEventID::Lifecycle.as_raw(),
                dom: Some(dom.clone()),
            },
        )
        .map_err(e)?
        .callback_id;
    d.call::<rp::DomainSuspend>(&remote::DomainSuspendArgs { dom: dom.clone() })
        .map_err(e)?;
    let paused = d.state(&dom).map_err(e)?;
    let suspended = d.lifecycle(callback)?;
    d.call::<rp::DomainResume>(&remote::DomainResumeArgs { dom: dom.clone() })
        .map_err(e)?;
    let running = d.state(&dom).map_err(e)?;
    let resumed = d.lifecycle(callback)?;
    println!("suspend: {paused} (event {suspended}), resume: {running} (event {resumed})");
    if (paused, running) != (DomainState::Paused, DomainState::Running)
        || (suspended, resumed) != (DomainEventType::Suspended, DomainEventType::Resumed)
    {
        return Err("the domain did not change state as asked".into());
    }
    d.call::<rp::ConnectDomainEventCallbackDeregisterAny>(
        &remote::ConnectDomainEventCallbackDeregisterAnyArgs {
            callback_id: callback,
        },
    )
    .map_err(e)?;

    let shot = d
        .conn
        .call_stream::<rp::DomainScreenshot>(&remote::DomainScreenshotArgs {
            dom,
            screen: 0,
            flags: 0,
        })
        .map_err(e)?;
    let mime = d
        .wait(|ev| match ev {
            Event::Reply { call, result } if *call == shot => Some(result.clone()),
            _ => None,
        })?
        .and_then(|r| r.decode::<remote::DomainScreenshotRet>())
        .map_err(e)?
        .mime;
    let image = d.read_stream(shot)?;
    println!(
        "screenshot: {} bytes of {}",
        image.len(),
        mime.unwrap_or_else(|| "?".into())
    );

    match d.call::<rp::DomainLookupByName>(&remote::DomainLookupByNameArgs {
        name: "no-such-domain".into(),
    }) {
        Err(CallError::Remote(err)) => println!(
            "lookup of a missing domain: {:?}: {}",
            err.number(),
            err.message.as_deref().unwrap_or("")
        ),
        other => return Err(format!("expected a remote error, got {other:?}")),
    }

    d.conn.close();
    let end = d.wait(|e| match e {
        Event::Closed(e) => Some(e.clone()),
        _ => None,
    });
    match end {
        Ok(libvirt_core::ConnectionError::Closed) | Err(_) => {
            println!("closed");
            Ok(())
        }
        Ok(other) => Err(format!("closed with {other}")),
    }
}

fn main() -> ExitCode {
    let usage = "usage: custom_event_loop [-c URI] [--domain NAME]";
    let mut args = std::env::args().skip(1);
    let (mut uri, mut domain) = (None, "test".to_string());
    while let Some(a) = args.next() {
        match a.as_str() {
            "-c" | "--connect" => uri = args.next(),
            "--domain" => domain = args.next().unwrap_or(domain),
            _ => {
                eprintln!("{usage}");
                return ExitCode::from(2);
            }
        }
    }
    match run(uri.as_deref(), &domain) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("custom_event_loop: {e}");
            ExitCode::FAILURE
        }
    }
}
