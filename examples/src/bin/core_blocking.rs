//! `core_blocking`: drives libvirt-rs's sans-IO core over a blocking UNIX
//! socket with a hand-written loop, no async runtime, against a real daemon.
//!
//! ```text
//! core_blocking --socket PATH [--name URI] [--domain NAME]
//! ```
//!
//! It opens the connection (`--name` is the URI the daemon is asked to open,
//! e.g. `test:///default`), prints the host name, the library version and
//! every domain with its state, suspends and resumes `--domain` (default
//! `test`) checking the state after each, reads the domain's screenshot
//! through a stream, shows the typed error of a lookup that fails, and
//! closes. Every step is a call on `libvirt_core::Connection`; this file only
//! moves bytes and waits.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::process::ExitCode;
use std::time::Instant;

use libvirt_core::enums::DomainState;
use libvirt_core::remote::{self, procedures as rp};
use libvirt_core::{
    CallError, CallId, CallProcedure, Config, Connection, Event, Open, StreamRecv, Transmit,
};

/// The socket, the connection and the clock: one blocking driver.
struct Driver {
    socket: UnixStream,
    conn: Connection,
    start: Instant,
    buf: Vec<u8>,
    /// Events that arrived while waiting for something else.
    events: Vec<Event>,
}

impl Driver {
    /// Writes what the connection wants written.
    fn flush(&mut self) -> io::Result<()> {
        while let Some(t) = self.conn.poll_transmit() {
            match t {
                Transmit::Bytes(bytes) => {
                    let n = self.socket.write(bytes)?;
                    self.conn.transmitted(n);
                }
                // No call here passes file descriptors.
                Transmit::Fds { .. } => self.conn.fds_transmitted(),
            }
        }
        Ok(())
    }

    /// One turn: flush, collect events, then read (or fire the timer).
    fn turn(&mut self) -> io::Result<()> {
        self.flush()?;
        let before = self.events.len();
        while let Some(e) = self.conn.poll_event() {
            if std::env::var_os("CORE_BLOCKING_TRACE").is_some() {
                eprintln!("event: {e:?}");
            }
            self.events.push(e);
        }
        if self.events.len() > before {
            // New events to look at before blocking on the socket.
            return Ok(());
        }
        let now = self.start.elapsed();
        let deadline = self.conn.poll_timeout();
        if deadline.is_some_and(|d| d <= now) {
            self.conn.handle_timeout(now);
            return Ok(());
        }
        self.socket.set_read_timeout(deadline.map(|d| d - now))?;
        match self.socket.read(&mut self.buf) {
            Ok(0) => self.conn.handle_eof(),
            Ok(n) => {
                let now = self.start.elapsed();
                self.conn.handle_input(now, &self.buf[..n]);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                self.conn.handle_timeout(self.start.elapsed());
            }
            Err(e) => self.conn.handle_transport_error(e.to_string()),
        }
        Ok(())
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
            self.turn().map_err(|e| e.to_string())?;
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
}

fn run(socket: &str, name: Option<String>, domain: &str) -> Result<(), String> {
    let stream = UnixStream::connect(socket).map_err(|e| format!("{socket}: {e}"))?;
    let start = Instant::now();
    let open = Open::Remote {
        name,
        read_only: false,
    };
    let mut d = Driver {
        socket: stream,
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
    d.call::<rp::DomainSuspend>(&remote::DomainSuspendArgs { dom: dom.clone() })
        .map_err(e)?;
    let paused = d.state(&dom).map_err(e)?;
    d.call::<rp::DomainResume>(&remote::DomainResumeArgs { dom: dom.clone() })
        .map_err(e)?;
    let running = d.state(&dom).map_err(e)?;
    println!("suspend: {paused}, resume: {running}");
    if (paused, running) != (DomainState::Paused, DomainState::Running) {
        return Err("the domain did not change state as asked".into());
    }

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
        mime.as_deref().unwrap_or("?")
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
    let mut args = std::env::args().skip(1);
    let (mut socket, mut name, mut domain) = (None, None, "test".to_string());
    while let Some(a) = args.next() {
        match a.as_str() {
            "--socket" => socket = args.next(),
            "--name" => name = args.next(),
            "--domain" => domain = args.next().unwrap_or(domain),
            _ => {
                eprintln!("usage: core_blocking --socket PATH [--name URI] [--domain NAME]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(socket) = socket else {
        eprintln!("usage: core_blocking --socket PATH [--name URI] [--domain NAME]");
        return ExitCode::from(2);
    };
    match run(&socket, name, &domain) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("core_blocking: {e}");
            ExitCode::FAILURE
        }
    }
}
