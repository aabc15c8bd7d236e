//! Bytes in and out: the [`Outbox`] of packets waiting to be written (with
//! the places where a call's file descriptors go), and the [`Inbox`] that
//! cuts the bytes read into packets and eats the carrier bytes of the fds
//! a reply brings.

use alloc::collections::VecDeque;
use alloc::vec::Vec;

use super::{CallId, Transmit};
use crate::error::{ConnectionError, Violation};
use crate::packet::{self, Header, LEN_WORD, MAX_PACKET};

/// Where a call's file descriptors go in the outgoing bytes.
#[derive(Debug)]
struct FdMark {
    /// The offset, in the outbox, of the byte after the call's packet.
    end: usize,
    call: CallId,
    count: usize,
}

/// Packets waiting to be written.
#[derive(Debug, Default)]
pub(super) struct Outbox {
    buf: Vec<u8>,
    /// How much of `buf` is written.
    pos: usize,
    fds: VecDeque<FdMark>,
}

impl Outbox {
    /// The next thing to write, if any.
    pub(super) fn poll_transmit(&self) -> Option<Transmit<'_>> {
        if let Some(mark) = self.fds.front() {
            if mark.end == self.pos {
                return Some(Transmit::Fds {
                    call: mark.call,
                    count: mark.count,
                });
            }
            return Some(Transmit::Bytes(&self.buf[self.pos..mark.end]));
        }
        (self.pos < self.buf.len()).then(|| Transmit::Bytes(&self.buf[self.pos..]))
    }

    /// `n` bytes of the last [`Transmit::Bytes`] were written.
    pub(super) fn transmitted(&mut self, n: usize) {
        let limit = self.fds.front().map_or(self.buf.len(), |f| f.end);
        self.pos = (self.pos + n).min(limit);
        self.compact();
    }

    /// The fds of the last [`Transmit::Fds`] were sent.
    pub(super) fn fds_transmitted(&mut self) {
        if self.fds.front().is_some_and(|f| f.end == self.pos) {
            self.fds.pop_front();
        }
        self.compact();
    }

    /// Bytes not yet written.
    pub(super) fn pending(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Writes one packet: header, then `body`; fixes the length word. On
    /// error (or a packet over the size limit) nothing is written. Returns
    /// the packet's payload (what follows the header).
    pub(super) fn write(
        &mut self,
        header: &Header,
        body: impl FnOnce(&mut Vec<u8>) -> Result<(), libvirt_xdr::Error>,
    ) -> Result<&[u8], libvirt_xdr::Error> {
        let start = self.buf.len();
        header.encode(0, &mut self.buf);
        if let Err(e) = body(&mut self.buf) {
            self.buf.truncate(start);
            return Err(e);
        }
        let len = self.buf.len() - start;
        if len > MAX_PACKET {
            self.buf.truncate(start);
            return Err(libvirt_xdr::Error::LengthExceedsMax {
                len: len as u64,
                max: MAX_PACKET as u64,
            });
        }
        self.buf[start..start + LEN_WORD].copy_from_slice(&(len as u32).to_be_bytes());
        Ok(&self.buf[start + packet::MIN_PACKET..])
    }

    /// The packet just written is a call that carries `count` fds: they go
    /// right after it.
    pub(super) fn fds_after_last(&mut self, call: CallId, count: usize) {
        self.fds.push_back(FdMark {
            end: self.buf.len(),
            call,
            count,
        });
    }

    /// Moves everything `other` holds to the end of this outbox.
    pub(super) fn append(&mut self, other: &mut Outbox) {
        let base = self.buf.len();
        self.buf.extend_from_slice(&other.buf[other.pos..]);
        for mut mark in other.fds.drain(..) {
            mark.end = mark.end - other.pos + base;
            self.fds.push_back(mark);
        }
        other.buf.clear();
        other.pos = 0;
    }

    /// Drops everything not yet written.
    pub(super) fn clear(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.fds.clear();
    }

    fn compact(&mut self) {
        if self.pos == self.buf.len() && self.fds.is_empty() {
            self.buf.clear();
            self.pos = 0;
        } else if self.pos > 65536 && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            for f in &mut self.fds {
                f.end -= self.pos;
            }
            self.pos = 0;
        }
    }
}

/// A reply held until the carrier bytes of its file descriptors are read.
#[derive(Debug)]
pub(super) struct FdReply {
    /// The serial of the call it answers.
    pub(super) serial: u32,
    /// The encoded return value.
    pub(super) payload: Vec<u8>,
    /// How many fds came with it.
    pub(super) fds: usize,
    carriers_left: usize,
}

impl FdReply {
    /// A reply whose `fds` (at least one) carrier bytes come next.
    pub(super) fn new(serial: u32, payload: Vec<u8>, fds: usize) -> FdReply {
        FdReply {
            serial,
            payload,
            fds,
            carriers_left: fds,
        }
    }
}

/// What the inbox is reading.
#[derive(Debug)]
enum Reading {
    /// Packets; this holds the start of one split across reads (empty
    /// between packets).
    Packets(Vec<u8>),
    /// The one-byte carriers of a reply's file descriptors.
    Carriers(FdReply),
}

/// What the inbox made of the bytes it was given.
#[derive(Debug)]
pub(super) enum Received<'a> {
    /// A whole packet without its length word, straight from the bytes
    /// read.
    Packet(&'a [u8]),
    /// A whole packet gathered from several reads, length word included;
    /// hand the buffer back with [`Inbox::recycle`].
    Gathered(Vec<u8>),
    /// A reply's last fd carrier came: the reply is complete.
    FdReply(FdReply),
}

/// Cuts the bytes read into packets.
#[derive(Debug)]
pub(super) struct Inbox {
    reading: Reading,
    /// Fds received (`handle_fds`) and not yet claimed by a carrier byte.
    fds_available: usize,
}

impl Default for Inbox {
    fn default() -> Self {
        Inbox {
            reading: Reading::Packets(Vec::new()),
            fds_available: 0,
        }
    }
}

impl Inbox {
    /// `count` fds arrived with the bytes about to be read.
    pub(super) fn add_fds(&mut self, count: usize) {
        self.fds_available = self.fds_available.saturating_add(count);
    }

    /// Whether the bytes read so far end between two packets.
    pub(super) fn between_packets(&self) -> bool {
        matches!(&self.reading, Reading::Packets(rx) if rx.is_empty())
    }

    /// The carrier bytes of this reply's fds come next.
    pub(super) fn expect_carriers(&mut self, reply: FdReply) {
        self.reading = Reading::Carriers(reply);
    }

    /// Drops what was read of a packet or a reply.
    pub(super) fn clear(&mut self) {
        self.reading = Reading::Packets(Vec::new());
    }

    /// Gives the buffer of a [`Received::Gathered`] back, for the next
    /// split packet.
    pub(super) fn recycle(&mut self, mut buf: Vec<u8>) {
        if let Reading::Packets(rx) = &mut self.reading {
            if rx.is_empty() {
                buf.clear();
                *rx = buf;
            }
        }
    }

    /// Consumes bytes from the front of `data` until a packet or a reply
    /// is whole (or `data` is used up).
    pub(super) fn next<'a>(
        &mut self,
        data: &mut &'a [u8],
    ) -> Result<Option<Received<'a>>, ConnectionError> {
        if let Reading::Carriers(reply) = &mut self.reading {
            let n = reply.carriers_left.min(data.len());
            if self.fds_available < n {
                return Err(ConnectionError::ProtocolViolation(
                    Violation::FdCarrierWithoutFd,
                ));
            }
            self.fds_available -= n;
            reply.carriers_left -= n;
            *data = &data[n..];
            if reply.carriers_left > 0 {
                return Ok(None);
            }
            let done = core::mem::replace(&mut self.reading, Reading::Packets(Vec::new()));
            return Ok(match done {
                Reading::Carriers(reply) => Some(Received::FdReply(reply)),
                Reading::Packets(_) => None,
            });
        }
        let Reading::Packets(rx) = &mut self.reading else {
            return Ok(None);
        };
        if rx.is_empty() {
            // Fast path: whole packets straight from the caller's buffer.
            if let Some(word) = data.first_chunk::<LEN_WORD>() {
                let len = packet_len(*word)?;
                if let Some((packet, rest)) = data.split_at_checked(len) {
                    *data = rest;
                    return Ok(Some(Received::Packet(&packet[LEN_WORD..])));
                }
            }
        }
        // Slow path: gather a packet split across reads.
        let need = match rx.first_chunk::<LEN_WORD>() {
            None => LEN_WORD,
            Some(word) => packet_len(*word)?,
        };
        let take = (need - rx.len()).min(data.len());
        rx.extend_from_slice(&data[..take]);
        *data = &data[take..];
        if let Some(word) = rx.first_chunk::<LEN_WORD>().filter(|_| need == LEN_WORD) {
            // Judge a length word as soon as it is complete, not when (if
            // ever) the next byte comes.
            packet_len(*word)?;
        }
        if rx.len() == need && need > LEN_WORD {
            return Ok(Some(Received::Gathered(core::mem::take(rx))));
        }
        Ok(None)
    }
}

fn packet_len(word: [u8; LEN_WORD]) -> Result<usize, ConnectionError> {
    packet::packet_len(word).map_err(ConnectionError::Malformed)
}
