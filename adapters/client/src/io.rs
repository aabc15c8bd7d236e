//! The I/O loop: the one piece an adapter runs on its runtime.

use std::cell::RefCell;
use std::future::Future;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use libvirt_core::Transmit;

use crate::sasl::SecurityLayer;
use crate::shared::Shared;
use crate::transport::TransportInfo;

/// A connected socket and a timer, as a runtime provides them. The methods
/// follow the usual `poll` contract: `Pending` means the waker of `cx` will
/// be woken when trying again is worthwhile.
pub trait Io: Send + Unpin + 'static {
    /// Reads bytes (and fds, on UNIX sockets: see [`crate::fdio::recv`]).
    /// `Ok(0)` is the end of the stream.
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
        fds: &mut Vec<OwnedFd>,
    ) -> Poll<io::Result<usize>>;

    /// Writes some of `buf`.
    fn poll_send(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>>;

    /// Writes out what a layer above the socket holds (a TLS record);
    /// plain sockets hold nothing.
    fn poll_flush(&mut self, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    /// Puts a SASL security layer under the core (after the SASL
    /// exchange negotiated one); `false` if this I/O cannot carry one.
    fn set_security_layer(&mut self, _layer: Box<dyn SecurityLayer>) -> bool {
        false
    }

    /// How the connection is carried (for [`crate::Client::transport`]).
    fn transport(&self) -> TransportInfo {
        TransportInfo {
            kind: if self.passes_fds() { "unix" } else { "tcp" },
            encrypted: false,
            tls: None,
            sasl_ssf: 0,
        }
    }

    /// Sends one fd with its carrier byte ([`crate::fdio::send_fd`]).
    fn poll_send_fd(&mut self, cx: &mut Context<'_>, fd: BorrowedFd<'_>) -> Poll<io::Result<()>>;

    /// Whether fds can travel on this socket.
    fn passes_fds(&self) -> bool;

    /// The socket, shared, if a caller's thread may write a call's packet
    /// to it directly while the driver sleeps ("write-through":
    /// non-blocking `send`s under the connection's lock, so that packets
    /// never interleave). Only for a plain socket, where the bytes the core
    /// hands out are the bytes on the wire (no TLS or SASL layer keeps
    /// state between writes). `None` (the default) makes every write go
    /// through the driver.
    fn write_through(&self) -> Option<Arc<OwnedFd>> {
        None
    }

    /// Sleeps until `deadline` (re-armed whenever it changes); `Ready` once
    /// it has passed.
    fn poll_sleep_until(&mut self, cx: &mut Context<'_>, deadline: Instant) -> Poll<()>;

    /// Disarms the timer of [`Io::poll_sleep_until`]: the driver has no
    /// deadline now. The default does nothing.
    fn cancel_sleep(&mut self) {}
}

/// A runtime's timer, as an [`Alarm`] drives it.
pub trait Timer: Send + Unpin + 'static {
    /// Sets it to go off at `deadline`.
    fn reset(&mut self, deadline: Instant);

    /// `Ready` once it has gone off.
    fn poll_fired(&mut self, cx: &mut Context<'_>) -> Poll<()>;

    /// Takes it off the runtime's timers: nothing is due. The default
    /// does nothing (the timer then fires once, for nothing).
    fn disarm(&mut self) {}
}

/// The timer half of an [`Io`], written once over a runtime's [`Timer`]:
/// what [`Io::poll_sleep_until`] asks, with the timer re-armed only when
/// the deadline changes.
#[derive(Debug)]
pub struct Alarm<T> {
    timer: T,
    armed: Option<Instant>,
}

impl<T: Timer> Alarm<T> {
    /// An alarm on `timer`; the first poll sets its deadline.
    pub fn new(timer: T) -> Alarm<T> {
        Alarm { timer, armed: None }
    }

    /// Sleeps until `deadline`: `Ready` once it has passed.
    pub fn poll_sleep_until(&mut self, cx: &mut Context<'_>, deadline: Instant) -> Poll<()> {
        if Instant::now() >= deadline {
            return Poll::Ready(());
        }
        if self.armed != Some(deadline) {
            self.armed = Some(deadline);
            self.timer.reset(deadline);
        }
        self.timer.poll_fired(cx)
    }

    /// Disarms the timer ([`Io::cancel_sleep`]).
    pub fn cancel(&mut self) {
        if self.armed.take().is_some() {
            self.timer.disarm();
        }
    }
}

/// How many turns the driver takes before yielding to its runtime.
const TURNS_PER_POLL: usize = 32;
/// The read buffer's largest size. The core keeps partial packets itself,
/// so one scratch buffer per thread serves every connection driven on that
/// thread, and an idle connection holds none.
const READ_BUF: usize = 256 * 1024;
/// The read buffer's first size. It doubles (up to [`READ_BUF`]) whenever
/// a read fills it, so a thread that only ever sees small replies (an I/O
/// thread of the blocking adapter, say) keeps a small one.
const READ_BUF_START: usize = 16 * 1024;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The I/O loop of one connection, as a future: reads into the core, writes
/// what it wants written, keeps its timers and routes its events. It ends
/// when the connection is over; dropping it before ends the connection with
/// an error that every waiter sees. Spawn it on the runtime
/// (`tokio::spawn`, `smol::spawn`) or run it on a thread
/// (`libvirt-blocking`).
pub struct Driver<I: Io> {
    shared: Arc<Shared>,
    io: I,
    /// The socket's read side is over.
    eof: bool,
    done: bool,
}

impl<I: Io> Driver<I> {
    pub(crate) fn new(shared: Arc<Shared>, io: I) -> Driver<I> {
        Driver {
            shared,
            io,
            eof: false,
            done: false,
        }
    }

    /// The socket and timer (for a hand-written reactor that needs to know
    /// what they wait for).
    pub fn io(&self) -> &I {
        &self.io
    }

    /// The socket and timer, mutably (a hand-written reactor resets what
    /// they wait for before each poll).
    pub fn io_mut(&mut self) -> &mut I {
        &mut self.io
    }

    /// One turn; true if anything moved.
    fn turn(&mut self, cx: &mut Context<'_>) -> bool {
        let shared = &*self.shared;
        let mut st = shared.lock();
        st.set_driver(cx.waker());
        let mut progress = false;

        // Write.
        let mut wrote = false;
        loop {
            match st.conn.poll_transmit() {
                None => break,
                Some(Transmit::Bytes(bytes)) => match self.io.poll_send(cx, bytes) {
                    Poll::Ready(Ok(0)) => {
                        st.conn
                            .handle_transport_error("the socket accepts no more data".into());
                        break;
                    }
                    Poll::Ready(Ok(n)) => {
                        st.conn.transmitted(n);
                        wrote = true;
                    }
                    Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                    Poll::Ready(Err(e)) => {
                        st.transport_failed("write", &e);
                        break;
                    }
                    Poll::Pending => break,
                },
                Some(Transmit::Fds { call, .. }) => {
                    let mut queue = st.fds_out.remove(&call).unwrap_or_default();
                    let mut failed = None;
                    while let Some(fd) = queue.front() {
                        match self.io.poll_send_fd(cx, fd.as_fd()) {
                            Poll::Ready(Ok(())) => {
                                queue.pop_front();
                            }
                            Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                            Poll::Ready(Err(e)) => {
                                failed = Some(e);
                                break;
                            }
                            Poll::Pending => break,
                        }
                    }
                    if let Some(e) = failed {
                        st.conn.handle_transport_error(format!("sending fds: {e}"));
                        break;
                    }
                    if queue.is_empty() {
                        st.conn.fds_transmitted();
                        wrote = true;
                    } else {
                        st.fds_out.insert(call, queue);
                        break;
                    }
                }
            }
        }
        if wrote {
            st.wake_writers();
            progress = true;
        }
        // What a layer (TLS) still holds goes out too.
        if let Poll::Ready(Err(e)) = self.io.poll_flush(cx) {
            st.transport_failed("write", &e);
        }

        // Read.
        if !self.eof && st.conn.wants_input() {
            let mut fds = Vec::new();
            let io = &mut self.io;
            let read = SCRATCH.with_borrow_mut(|buf| {
                if buf.is_empty() {
                    buf.resize(READ_BUF_START, 0);
                }
                let read = io.poll_recv(cx, buf, &mut fds);
                if let Poll::Ready(Ok(n @ 1..)) = read {
                    st.received_fds(std::mem::take(&mut fds));
                    st.conn.handle_input(shared.now(), &buf[..n]);
                    if n == buf.len() && n < READ_BUF {
                        buf.resize(2 * n, 0);
                    }
                }
                read
            });
            match read {
                Poll::Ready(Ok(n)) => {
                    if n == 0 {
                        st.received_fds(fds);
                        self.eof = true;
                        st.conn.handle_eof();
                    }
                    progress = true;
                }
                Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::Interrupted => progress = true,
                Poll::Ready(Err(e)) => {
                    self.eof = true;
                    st.transport_failed("read", &e);
                    progress = true;
                }
                Poll::Pending => {}
            }
        }

        // Timers.
        let now = Instant::now();
        if st
            .conn
            .poll_timeout()
            .is_some_and(|d| shared.start.checked_add(d).is_some_and(|at| at <= now))
        {
            st.conn.handle_timeout(shared.now());
            progress = true;
        }
        if st.expire(now) {
            progress = true;
        }

        st.dispatch(shared.event_queue_limit);
        // SASL negotiated a security layer: it carries the open sequence's
        // next packets, which the core has queued but nobody has written.
        if let Some(layer) = st.sasl.layer.take() {
            if !self.io.set_security_layer(layer) {
                st.conn.handle_transport_error(
                    "SASL negotiated a security layer this transport cannot carry".into(),
                );
            }
        }
        if st.transport.is_none() && st.opened.is_some() {
            st.transport = Some(self.io.transport());
            if matches!(st.opened, Some(Ok(_))) && !st.driver_gone {
                st.direct = self.io.write_through();
            }
        }
        if st.conn.error().is_some() && st.conn.poll_transmit().is_none() {
            st.driver_stopped(shared.event_queue_limit);
            self.done = true;
            return false;
        }
        progress
    }
}

impl<I: Io> Future for Driver<I> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(());
        }
        for _ in 0..TURNS_PER_POLL {
            let progress = this.turn(cx);
            if this.done {
                return Poll::Ready(());
            }
            if !progress {
                let deadline = {
                    let mut st = this.shared.lock();
                    let at = st.next_deadline(this.shared.start);
                    st.driver_sleeps_until = at;
                    at
                };
                match deadline {
                    Some(at) => match this.io.poll_sleep_until(cx, at) {
                        // Due already: take another turn.
                        Poll::Ready(()) => continue,
                        Poll::Pending => return Poll::Pending,
                    },
                    None => {
                        // No deadline left (the open sequence's is gone
                        // once it is over): a timer still armed would
                        // wake the driver for nothing, and keep the
                        // reactor waiting with a timeout.
                        this.io.cancel_sleep();
                        return Poll::Pending;
                    }
                }
            }
        }
        // Busy: let the runtime run others, then come back.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

impl<I: Io> Drop for Driver<I> {
    fn drop(&mut self) {
        if !self.done {
            self.shared
                .lock()
                .driver_stopped(self.shared.event_queue_limit);
        }
    }
}
