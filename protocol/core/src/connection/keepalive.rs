//! Keepalive (protocol-notes §5): this side PINGs a server that said it
//! answers them, and gives up on one that stops; during the open sequence,
//! before the server has said so, long silence alone ends the connection.

use core::time::Duration;

use super::Connection;
use crate::error::ConnectionError;
use crate::keepalive;
use crate::net::{MessageStatus, MessageType};
use crate::packet::Header;

/// The keepalive program's PING.
pub(super) const PING: i32 = 1;
/// The keepalive program's PONG.
pub(super) const PONG: i32 = 2;

/// Keepalive settings (protocol-notes §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeepaliveConfig {
    /// Send a PING after this long without hearing from the server.
    pub interval: Duration,
    /// Declare the server dead after this many unanswered PINGs.
    pub count: u32,
}

impl Default for KeepaliveConfig {
    /// libvirt's defaults: 5 seconds, 5 pings.
    fn default() -> Self {
        KeepaliveConfig {
            interval: Duration::from_secs(5),
            count: 5,
        }
    }
}

/// Whether and how this side keeps the connection alive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Turned off: PINGs from the server are still answered.
    Off,
    /// Turned on, but this side does not ping (the server has not said it
    /// answers PINGs, or said it does not).
    Passive(KeepaliveConfig),
    /// This side PINGs the server, which answers them.
    Pinging(KeepaliveConfig),
}

/// What a timeout asks of the connection.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Action {
    /// Nothing.
    None,
    /// Send a PING.
    Ping,
    /// The server is gone.
    Fail(ConnectionError),
}

/// Keepalive bookkeeping.
#[derive(Debug)]
pub(super) struct Keepalive {
    mode: Mode,
    deadline: Option<Duration>,
    unanswered: u32,
    /// When the server was last heard from (or the connection made).
    last_heard: Duration,
}

impl Keepalive {
    /// Keepalive as configured, on a connection made at `now`; nothing is
    /// armed yet.
    pub(super) fn new(config: Option<KeepaliveConfig>, now: Duration) -> Keepalive {
        Keepalive {
            mode: config.map_or(Mode::Off, Mode::Passive),
            deadline: None,
            unanswered: 0,
            last_heard: now,
        }
    }

    /// Whether keepalive is turned on.
    pub(super) fn enabled(&self) -> bool {
        self.mode != Mode::Off
    }

    /// The server answers PINGs (or is taken to): ping it from now on, if
    /// keepalive is on. Re-arms the deadline from when the server was last
    /// heard; returns whether this side pings.
    pub(super) fn server_answers(&mut self, opening: bool) -> bool {
        if let Mode::Passive(config) = self.mode {
            self.mode = Mode::Pinging(config);
        }
        self.arm(self.last_heard, opening);
        matches!(self.mode, Mode::Pinging(_))
    }

    /// The server does not answer PINGs: re-arms the deadline (armed for
    /// a peer that might).
    pub(super) fn server_silent(&mut self, opening: bool) {
        self.arm(self.last_heard, opening);
    }

    /// The server was heard from at `now`.
    pub(super) fn heard(&mut self, now: Duration, opening: bool) {
        self.unanswered = 0;
        self.last_heard = now;
        self.arm(now, opening);
    }

    /// Sets the deadline from `now`.
    pub(super) fn arm(&mut self, now: Duration, opening: bool) {
        self.deadline = match self.mode {
            Mode::Off => None,
            Mode::Pinging(k) => Some(now + k.interval),
            Mode::Passive(k) if opening => Some(now + k.interval * (k.count + 1)),
            // The server does not answer PINGs: as with libvirt's C client,
            // nothing can tell a quiet server from a dead one.
            Mode::Passive(_) => None,
        };
    }

    /// When the next timeout is due.
    pub(super) fn deadline(&self) -> Option<Duration> {
        self.deadline
    }

    /// Nothing is due any more (the connection is over).
    pub(super) fn stop(&mut self) {
        self.deadline = None;
    }

    /// The clock says `now`: what to do. Early or repeated calls do
    /// nothing.
    pub(super) fn on_timeout(&mut self, now: Duration, opening: bool) -> Action {
        let Some(deadline) = self.deadline.filter(|&d| now >= d) else {
            return Action::None;
        };
        match self.mode {
            Mode::Off => Action::None,
            Mode::Passive(_) => {
                // Only during the open sequence (before the server said it
                // answers PINGs): silence this long, interval × (count + 1),
                // while waiting for its answers means it is gone.
                if opening {
                    return Action::Fail(ConnectionError::NoAnswer(
                        deadline.saturating_sub(self.last_heard),
                    ));
                }
                self.deadline = None;
                Action::None
            }
            Mode::Pinging(config) => {
                if self.unanswered >= config.count {
                    return Action::Fail(ConnectionError::KeepaliveTimeout(config.count));
                }
                self.unanswered += 1;
                self.deadline = Some(now + config.interval);
                Action::Ping
            }
        }
    }
}

impl Connection {
    /// Queues a message of the keepalive program (PING or PONG).
    pub(super) fn send_keepalive(&mut self, proc: i32) {
        let header = Header {
            prog: keepalive::PROGRAM,
            vers: keepalive::VERSION,
            proc,
            kind: MessageType::Message,
            serial: 0,
            status: MessageStatus::Ok,
        };
        let _ = self.outbox.write(&header, |_| Ok(()));
    }
}
