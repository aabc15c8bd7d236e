//! The packet header and framing limits: a packet is a big-endian `u32`
//! length word counting the whole packet (itself included), a 24-byte
//! header, then the payload.

use crate::error::MalformedPacket;
use crate::net::{MessageStatus, MessageType};

/// Size of the length word that starts every packet.
pub const LEN_WORD: usize = 4;
/// Size of the header after the length word.
pub const HEADER_LEN: usize = 24;
/// Length word plus header: the smallest packet.
pub const MIN_PACKET: usize = LEN_WORD + HEADER_LEN;
/// The largest packet on the wire: `VIR_NET_MESSAGE_MAX` plus the length
/// word.
pub const MAX_PACKET: usize = crate::net::VIR_NET_MESSAGE_MAX as usize + LEN_WORD;
/// The largest data payload of one stream packet (libvirt's chunk size).
pub const STREAM_CHUNK: usize = crate::net::VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX as usize;
/// The most file descriptors one packet may carry.
pub const MAX_FDS: usize = crate::net::VIR_NET_MESSAGE_NUM_FDS_MAX as usize;

/// A packet header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    /// Program number.
    pub prog: u32,
    /// Program version.
    pub vers: u32,
    /// Procedure number.
    pub proc: i32,
    /// Message type.
    pub kind: MessageType,
    /// Serial: the client's number for a call, echoed by its reply and
    /// stream packets.
    pub serial: u32,
    /// Status.
    pub status: MessageStatus,
}

/// Why a header could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// Fewer than 24 bytes.
    Short,
    /// The message type is not one libvirt defines.
    UnknownType(u32),
    /// The status is not one libvirt defines.
    UnknownStatus(u32),
}

impl Header {
    /// Decodes the 24 header bytes that follow the length word.
    pub fn decode(bytes: &[u8]) -> Result<Header, HeaderError> {
        let Some(h) = bytes.first_chunk::<HEADER_LEN>() else {
            return Err(HeaderError::Short);
        };
        let word = |i: usize| u32::from_be_bytes([h[i], h[i + 1], h[i + 2], h[i + 3]]);
        let kind = word(12);
        let status = word(20);
        Ok(Header {
            prog: word(0),
            vers: word(4),
            proc: word(8) as i32,
            kind: i32::try_from(kind)
                .ok()
                .and_then(MessageType::from_i32)
                .ok_or(HeaderError::UnknownType(kind))?,
            serial: word(16),
            status: i32::try_from(status)
                .ok()
                .and_then(MessageStatus::from_i32)
                .ok_or(HeaderError::UnknownStatus(status))?,
        })
    }

    /// Appends the length word (for a packet of `total_len` bytes, length
    /// word included) and this header to `out`.
    pub fn encode(&self, total_len: u32, out: &mut alloc::vec::Vec<u8>) {
        out.extend_from_slice(&total_len.to_be_bytes());
        out.extend_from_slice(&self.prog.to_be_bytes());
        out.extend_from_slice(&self.vers.to_be_bytes());
        out.extend_from_slice(&self.proc.to_be_bytes());
        out.extend_from_slice(&(self.kind as i32).to_be_bytes());
        out.extend_from_slice(&self.serial.to_be_bytes());
        out.extend_from_slice(&(self.status as i32).to_be_bytes());
    }
}

/// Checks a length word: the packet length it announces, or why it is
/// invalid.
pub fn packet_len(word: [u8; LEN_WORD]) -> Result<usize, MalformedPacket> {
    let word = u32::from_be_bytes(word);
    let len = word as usize;
    if len < MIN_PACKET {
        Err(MalformedPacket::LengthBelowMinimum(word))
    } else if len > MAX_PACKET {
        Err(MalformedPacket::LengthAboveMaximum(word))
    } else {
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trip_matches_the_generated_type() {
        let h = Header {
            prog: 0x2000_8086,
            vers: 1,
            proc: -3,
            kind: MessageType::StreamHole,
            serial: u32::MAX,
            status: MessageStatus::Continue,
        };
        let mut out = alloc::vec::Vec::new();
        h.encode(28, &mut out);
        assert_eq!(out.len(), MIN_PACKET);
        assert_eq!(Header::decode(&out[4..]).unwrap(), h);
        let generated: crate::net::MessageHeader = libvirt_xdr::from_bytes(&out[4..]).unwrap();
        assert_eq!(generated.proc, -3);
        assert_eq!(libvirt_xdr::to_vec(&generated).unwrap(), &out[4..]);
    }

    #[test]
    fn bad_headers_and_lengths() {
        assert_eq!(Header::decode(&[0; 23]), Err(HeaderError::Short));
        let mut bytes = [0u8; 24];
        bytes[15] = 7;
        assert_eq!(Header::decode(&bytes), Err(HeaderError::UnknownType(7)));
        bytes[15] = 0;
        bytes[20] = 0x80;
        assert_eq!(
            Header::decode(&bytes),
            Err(HeaderError::UnknownStatus(0x8000_0000))
        );
        for bad in [0u32, 4, 27, 33_554_437, u32::MAX] {
            assert!(packet_len(bad.to_be_bytes()).is_err(), "{bad}");
        }
        assert_eq!(packet_len(28u32.to_be_bytes()), Ok(28));
        assert_eq!(packet_len(33_554_436u32.to_be_bytes()), Ok(33_554_436));
    }
}
