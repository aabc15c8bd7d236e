//! The state every handle of one connection shares: the core's
//! `Connection` behind a mutex, and who waits for what.
//!
//! This is bookkeeping only: which waker to wake when the core reports a
//! reply, an event or stream news. Every protocol decision is the core's.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::os::fd::{AsFd, OwnedFd};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::Waker;
use std::time::{Duration, Instant};

use libvirt_core::{
    CallError, CallId, Connected, Connection, ConnectionError, Discard, Event, Reply,
    SubscriptionId, Transmit,
};

use crate::Error;
use crate::fdio;
use crate::sasl::{AuthSource, SaslClient};
use crate::transport::{LayerError, TransportInfo, layer_error};

/// A call's answer, with the fds it carried.
pub(crate) type Outcome = Result<(Reply, Vec<OwnedFd>), Error>;

pub(crate) struct Shared {
    state: Mutex<State>,
    /// The origin of the core's clock.
    pub(crate) start: Instant,
    /// Whether the transport passes fds (UNIX sockets).
    pub(crate) fds: bool,
    pub(crate) event_queue_limit: usize,
}

impl Shared {
    pub(crate) fn new(
        conn: Connection,
        start: Instant,
        fds: bool,
        event_queue_limit: usize,
        auth: AuthSource,
    ) -> Shared {
        Shared {
            state: Mutex::new(State {
                conn,
                driver: None,
                opened: None,
                open_waiters: Vec::new(),
                calls: HashMap::new(),
                deadlines: BTreeSet::new(),
                subs: HashMap::new(),
                streams: HashMap::new(),
                fds_in: VecDeque::new(),
                fds_out: HashMap::new(),
                closed: None,
                close_waiters: Vec::new(),
                driver_gone: false,
                open_timed_out: None,
                layer_error: None,
                sasl: SaslClient::new(auth),
                transport: None,
                direct: None,
                driver_sleeps_until: None,
            }),
            start,
            fds,
            event_queue_limit,
        }
    }

    /// The state; a panic elsewhere while holding the lock does not poison
    /// it for everyone else (the state stays consistent between calls).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The core's clock.
    pub(crate) fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

/// What a timer entry is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Timed {
    Call(CallId),
    Subscribe(SubscriptionId),
    Open(Duration),
}

pub(crate) struct CallSlot {
    waker: Option<Waker>,
    outcome: Option<Outcome>,
    /// `(deadline, timeout)` of a call with a timeout.
    deadline: Option<(Instant, Duration)>,
}

impl CallSlot {
    pub(crate) fn new(deadline: Option<(Instant, Duration)>) -> CallSlot {
        CallSlot {
            waker: None,
            outcome: None,
            deadline,
        }
    }
}

/// One event subscription's queue. The core decides which events are its
/// own ([`Connection::subscribers`]).
#[derive(Default)]
pub(crate) struct Sub {
    /// Until the registration is done: `None`; then whether it worked.
    pub(crate) ready: Option<Result<(), Error>>,
    /// The registration's deadline, if the client has a call timeout.
    pub(crate) deadline: Option<(Instant, Duration)>,
    pub(crate) queue: VecDeque<Event>,
    pub(crate) waker: Option<Waker>,
    pub(crate) missed: u64,
}

#[derive(Default)]
pub(crate) struct StreamSlot {
    pub(crate) reader: Option<Waker>,
    pub(crate) writer: Option<Waker>,
    /// How the stream ended, once the core said so.
    pub(crate) closed: Option<Result<(), CallError>>,
}

pub(crate) struct State {
    pub(crate) conn: Connection,
    driver: Option<Waker>,
    pub(crate) opened: Option<Result<Connected, ConnectionError>>,
    pub(crate) open_waiters: Vec<Waker>,
    calls: HashMap<CallId, CallSlot>,
    deadlines: BTreeSet<(Instant, Timed)>,
    pub(crate) subs: HashMap<SubscriptionId, Sub>,
    pub(crate) streams: HashMap<CallId, StreamSlot>,
    /// fds received and not yet claimed by a reply, in arrival order.
    fds_in: VecDeque<OwnedFd>,
    /// fds of calls, until they are sent.
    pub(crate) fds_out: HashMap<CallId, VecDeque<OwnedFd>>,
    /// Why the connection is over, once it is.
    pub(crate) closed: Option<ConnectionError>,
    pub(crate) close_waiters: Vec<Waker>,
    /// The I/O driver has stopped.
    pub(crate) driver_gone: bool,
    /// The open sequence did not finish within this.
    pub(crate) open_timed_out: Option<Duration>,
    /// A TLS or ssh failure, typed (the core keeps its text).
    pub(crate) layer_error: Option<LayerError>,
    /// The client side of SASL, if the server asks for it.
    pub(crate) sasl: SaslClient,
    /// How the connection is carried, once open.
    pub(crate) transport: Option<TransportInfo>,
    /// The socket, for write-through ([`Io::write_through`]), once the
    /// connection is open and while the driver runs.
    pub(crate) direct: Option<Arc<OwnedFd>>,
    /// The deadline the driver last went to sleep on (`None`: it sleeps
    /// until woken). A new deadline earlier than this one needs a kick.
    pub(crate) driver_sleeps_until: Option<Instant>,
}

/// Stores `waker` in `slot` unless it is already there.
pub(crate) fn set_waker(slot: &mut Option<Waker>, waker: &Waker) {
    match slot {
        Some(w) if w.will_wake(waker) => {}
        _ => *slot = Some(waker.clone()),
    }
}

/// Adds `waker` to a list of waiters unless it is already there.
pub(crate) fn push_waker(list: &mut Vec<Waker>, waker: &Waker) {
    if !list.iter().any(|w| w.will_wake(waker)) {
        list.push(waker.clone());
    }
}

fn wake(slot: &mut Option<Waker>) {
    if let Some(w) = slot.take() {
        w.wake();
    }
}

impl State {
    /// Wakes the I/O driver: there is something to write, a timer to
    /// re-arm, or room to read again.
    pub(crate) fn kick(&self) {
        if let Some(w) = &self.driver {
            w.wake_by_ref();
        }
    }

    pub(crate) fn set_driver(&mut self, waker: &Waker) {
        set_waker(&mut self.driver, waker);
    }

    /// The connection's error once it is over, for new operations.
    pub(crate) fn over(&self) -> Option<Error> {
        self.closed
            .clone()
            .or_else(|| self.conn.error().cloned())
            .map(Error::Connection)
    }

    /// Registers a new call, and sends what the core queued for it.
    pub(crate) fn add_call(&mut self, id: CallId, slot: CallSlot, start: Instant) {
        if let Some((at, _)) = slot.deadline {
            self.deadlines.insert((at, Timed::Call(id)));
        }
        self.calls.insert(id, slot);
        self.send_or_kick(start);
    }

    /// Sends what the core has queued from the caller's own thread
    /// ("write-through"), and wakes the driver only if it must act: the
    /// socket did not take everything (the driver writes the rest when
    /// there is room), fds are to go, or a deadline came earlier than
    /// the one it sleeps on. The driver still reads the reply; a call
    /// thus costs one wake-up, not two, which matters most when the
    /// caller and the driver run on different threads.
    fn send_or_kick(&mut self, start: Instant) {
        let written = self.write_through();
        let later = match (self.next_deadline(start), self.driver_sleeps_until) {
            (None, _) => true,
            (Some(next), Some(armed)) => next >= armed,
            (Some(_), None) => false,
        };
        if !(written && later) {
            self.kick();
        }
    }

    /// Writes the core's queued bytes to the socket without blocking;
    /// true if nothing is left.
    fn write_through(&mut self) -> bool {
        let State { direct, conn, .. } = self;
        let Some(fd) = direct.as_deref() else {
            return false;
        };
        let mut wrote = false;
        let empty = loop {
            let bytes = match conn.poll_transmit() {
                None => break true,
                Some(Transmit::Bytes(bytes)) => bytes,
                // fds go with their carrier bytes: the driver sends them.
                Some(Transmit::Fds { .. }) => break false,
            };
            let len = bytes.len();
            match fdio::send(fd.as_fd(), bytes) {
                Ok(n @ 1..) => {
                    conn.transmitted(n);
                    wrote = true;
                    if n < len {
                        break false;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // Full, or failing: the driver meets it on its own write.
                _ => break false,
            }
        };
        if wrote {
            self.wake_writers();
        }
        empty
    }

    /// Gives the open sequence until `at`.
    pub(crate) fn open_deadline(&mut self, at: Instant, timeout: Duration) {
        if self.opened.is_none() {
            self.deadlines.insert((at, Timed::Open(timeout)));
            self.kick();
        }
    }

    /// Polls a call: its outcome, or registers the waker.
    pub(crate) fn poll_call(&mut self, id: CallId, waker: &Waker) -> Option<Outcome> {
        let Some(slot) = self.calls.get_mut(&id) else {
            return Some(Err(self
                .over()
                .unwrap_or(Error::Connection(ConnectionError::Closed))));
        };
        match slot.outcome.take() {
            Some(outcome) => {
                self.remove_call(id);
                if outcome.is_err() {
                    self.streams.remove(&id);
                }
                Some(outcome)
            }
            None => {
                set_waker(&mut slot.waker, waker);
                None
            }
        }
    }

    fn remove_call(&mut self, id: CallId) -> Option<CallSlot> {
        let slot = self.calls.remove(&id)?;
        if let Some((at, _)) = slot.deadline {
            self.deadlines.remove(&(at, Timed::Call(id)));
            self.release_deadlines();
        }
        Some(slot)
    }

    /// The caller of `id` has gone (its future was dropped, or it timed out).
    pub(crate) fn abandon(&mut self, id: CallId) {
        if self.calls.contains_key(&id) {
            self.remove_call(id);
            self.conn.cancel(id);
            self.streams.remove(&id);
            self.kick();
        }
    }

    /// A new event subscription: the core shares one registration among
    /// equal filters.
    pub(crate) fn subscribe(
        &mut self,
        filter: libvirt_core::EventFilter,
        timeout: Option<Duration>,
    ) -> Result<SubscriptionId, Error> {
        if let Some(e) = self.over() {
            return Err(e);
        }
        let id = self.conn.subscribe(filter)?;
        let deadline = timeout.and_then(|t| Some((Instant::now().checked_add(t)?, t)));
        if let Some((at, _)) = deadline {
            self.deadlines.insert((at, Timed::Subscribe(id)));
        }
        self.subs.insert(
            id,
            Sub {
                deadline,
                ..Sub::default()
            },
        );
        self.kick();
        Ok(id)
    }

    /// A subscription ends (its stream was dropped, or its caller left
    /// before it was ready).
    pub(crate) fn unsubscribe(&mut self, id: SubscriptionId) {
        if let Some(sub) = self.subs.remove(&id) {
            if let Some((at, _)) = sub.deadline {
                self.deadlines.remove(&(at, Timed::Subscribe(id)));
                self.release_deadlines();
            }
        }
        self.conn.unsubscribe(id);
        self.kick();
    }

    /// An empty timer set holds no storage (an empty `BTreeSet` keeps its
    /// root node), so an idle connection holds none.
    fn release_deadlines(&mut self) {
        if self.deadlines.is_empty() {
            self.deadlines = BTreeSet::new();
        }
    }

    /// The next time the driver must look at the clock.
    pub(crate) fn next_deadline(&self, start: Instant) -> Option<Instant> {
        let core = self.conn.poll_timeout().and_then(|d| start.checked_add(d));
        let calls = self.deadlines.first().map(|&(at, _)| at);
        match (core, calls) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Fails the calls whose timeout has expired; true if any did.
    pub(crate) fn expire(&mut self, now: Instant) -> bool {
        let mut any = false;
        while let Some(&(at, timed)) = self.deadlines.first() {
            if at > now {
                break;
            }
            self.deadlines.pop_first();
            self.release_deadlines();
            any = true;
            let id = match timed {
                Timed::Call(id) => id,
                Timed::Subscribe(id) => {
                    if let Some(sub) = self.subs.get_mut(&id) {
                        let timeout = sub.deadline.take().map_or(Duration::ZERO, |(_, t)| t);
                        if sub.ready.is_none() {
                            sub.ready = Some(Err(Error::Timeout(timeout)));
                            wake(&mut sub.waker);
                        }
                    }
                    continue;
                }
                Timed::Open(t) => {
                    if self.opened.is_none() {
                        self.open_timed_out = Some(t);
                        self.conn.handle_open_timeout(t);
                    }
                    continue;
                }
            };
            if let Some(slot) = self.calls.get_mut(&id) {
                if slot.outcome.is_none() {
                    let timeout = slot.deadline.map_or(Duration::ZERO, |(_, t)| t);
                    slot.deadline = None;
                    slot.outcome = Some(Err(Error::Timeout(timeout)));
                    wake(&mut slot.waker);
                    // Drop the late reply; abort a stream.
                    self.conn.cancel(id);
                }
            }
        }
        any
    }

    /// Wakes every stream writer (the output queue shrank).
    pub(crate) fn wake_writers(&mut self) {
        for s in self.streams.values_mut() {
            wake(&mut s.writer);
        }
    }

    /// Takes every event of the core to its waiter.
    pub(crate) fn dispatch(&mut self, event_queue_limit: usize) {
        while let Some(event) = self.conn.poll_event() {
            match event {
                Event::Connected(c) => {
                    tracing::debug!(?c, "connection open");
                    self.opened = Some(Ok(c));
                    self.deadlines.retain(|(_, t)| !matches!(t, Timed::Open(_)));
                    self.release_deadlines();
                    std::mem::take(&mut self.open_waiters)
                        .into_iter()
                        .for_each(Waker::wake);
                }
                Event::Reply { call, result } => self.on_reply(call, result),
                Event::Sasl(step) => self.sasl.on_event(&mut self.conn, step),
                Event::Subscribed {
                    subscription,
                    result,
                } => {
                    if let Some(sub) = self.subs.get_mut(&subscription) {
                        sub.ready = Some(result.map_err(Error::from));
                        wake(&mut sub.waker);
                    }
                }
                event @ (Event::Remote(_) | Event::Qemu(_)) => {
                    self.deliver(event, event_queue_limit)
                }
                Event::StreamReadable(id) => {
                    if let Some(s) = self.streams.get_mut(&id) {
                        wake(&mut s.reader);
                    }
                }
                Event::StreamClosed { stream, result } => {
                    if let Some(s) = self.streams.get_mut(&stream) {
                        s.closed = Some(result);
                        wake(&mut s.reader);
                        wake(&mut s.writer);
                    }
                }
                Event::Discarded {
                    prog,
                    procedure,
                    reason,
                } => {
                    if let Discard::CancelledWithFds(n) = reason {
                        let n = n.min(self.fds_in.len());
                        self.fds_in.drain(..n);
                    }
                    tracing::debug!(prog, procedure, ?reason, "message dropped");
                }
                Event::Closed(e) => self.on_closed(e),
                other => tracing::debug!(?other, "event ignored"),
            }
        }
    }

    /// Hands an event to each of its subscriptions.
    fn deliver(&mut self, event: Event, limit: usize) {
        let subscribers = self.conn.subscribers(&event);
        if subscribers.is_empty() {
            tracing::debug!(?event, "event for no subscription");
            return;
        }
        let last = subscribers.len() - 1;
        let mut event = Some(event);
        for (i, id) in subscribers.iter().enumerate() {
            let Some(sub) = self.subs.get_mut(id) else {
                continue;
            };
            if sub.queue.len() >= limit {
                sub.queue.pop_front();
                sub.missed += 1;
            }
            // The last one takes the event; the others a copy.
            let e = if i == last {
                event.take()
            } else {
                event.clone()
            };
            sub.queue.extend(e);
            wake(&mut sub.waker);
        }
    }

    fn on_reply(&mut self, call: CallId, result: Result<Reply, CallError>) {
        let fds = match &result {
            Ok(reply) if reply.fds > 0 => {
                let n = reply.fds.min(self.fds_in.len());
                self.fds_in.drain(..n).collect()
            }
            _ => Vec::new(),
        };
        let Some(slot) = self.calls.get_mut(&call) else {
            return;
        };
        if slot.outcome.is_none() {
            slot.outcome = Some(result.map(|r| (r, fds)).map_err(Error::from));
            wake(&mut slot.waker);
        }
    }

    fn on_closed(&mut self, e: ConnectionError) {
        tracing::debug!(error = %e, "connection over");
        if self.opened.is_none() {
            self.opened = Some(Err(e.clone()));
        }
        std::mem::take(&mut self.open_waiters)
            .into_iter()
            .for_each(Waker::wake);
        for slot in self.calls.values_mut() {
            if slot.outcome.is_none() {
                slot.outcome = Some(Err(Error::Connection(e.clone())));
            }
            wake(&mut slot.waker);
        }
        for sub in self.subs.values_mut() {
            wake(&mut sub.waker);
        }
        for s in self.streams.values_mut() {
            wake(&mut s.reader);
            wake(&mut s.writer);
        }
        self.fds_in.clear();
        self.closed = Some(e);
        self.close_waiters.drain(..).for_each(Waker::wake);
    }

    /// The transport failed while doing `what`: the core ends the
    /// connection with the text, and a TLS or ssh failure is kept typed.
    pub(crate) fn transport_failed(&mut self, what: &str, e: &std::io::Error) {
        if self.layer_error.is_none() {
            self.layer_error = layer_error(e);
        }
        self.conn.handle_transport_error(format!("{what}: {e}"));
    }

    /// The driver stopped without the core being over (its runtime shut
    /// down): end the connection so that no one waits forever.
    pub(crate) fn driver_stopped(&mut self, limit: usize) {
        self.driver_gone = true;
        self.driver = None;
        self.direct = None;
        if self.closed.is_none() {
            if self.conn.error().is_none() {
                self.conn.handle_driver_stopped();
            }
            self.dispatch(limit);
        }
        if self.closed.is_none() {
            // The core reported its end before; make sure the waiters know.
            let e = self
                .conn
                .error()
                .cloned()
                .unwrap_or(ConnectionError::Closed);
            self.on_closed(e);
        }
    }

    /// Received fds, in arrival order.
    pub(crate) fn received_fds(&mut self, fds: Vec<OwnedFd>) {
        if !fds.is_empty() {
            self.conn.handle_fds(fds.len());
            self.fds_in.extend(fds);
        }
    }
}
