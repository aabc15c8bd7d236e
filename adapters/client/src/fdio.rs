//! Non-blocking socket I/O on a raw fd, with file descriptor passing:
//! what every adapter's [`crate::Io`] does once its runtime says the socket
//! is ready.
//!
//! libvirt sends each fd with one byte of data (a carrier) in its own
//! `sendmsg()`, and Linux ends a `recvmsg()` at a byte that carries fds, so
//! each read returns bytes and the fds that came with them
//! (protocol-notes §8). Received fds are close-on-exec.

use std::io::{self, IoSlice, IoSliceMut};
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::net::{
    RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SendAncillaryBuffer,
    SendAncillaryMessage, SendFlags,
};

/// The most fds one message of libvirt carries (`VIR_NET_MESSAGE_NUM_FDS_MAX`).
const MAX_FDS: usize = 32;

/// Reads into `buf` with `recvmsg()`, appending any fds that came along to
/// `fds`. Works on TCP sockets too (no fds ever arrive there).
pub fn recv(socket: BorrowedFd<'_>, buf: &mut [u8], fds: &mut Vec<OwnedFd>) -> io::Result<usize> {
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(MAX_FDS))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    let mut iov = [IoSliceMut::new(buf)];
    let msg = rustix::net::recvmsg(
        socket,
        &mut iov,
        &mut control,
        RecvFlags::CMSG_CLOEXEC | RecvFlags::DONTWAIT,
    )?;
    for message in control.drain() {
        if let RecvAncillaryMessage::ScmRights(received) = message {
            fds.extend(received);
        }
    }
    Ok(msg.bytes)
}

/// [`recv`], and whether the read drained the socket: it came back short
/// (neither empty, the end of the stream, nor full) without fds. A read
/// stops early only at an fd boundary or when the queue is empty, so the
/// next read can wait for readiness instead of spending a system call on
/// `EAGAIN`.
pub fn recv_drained(
    socket: BorrowedFd<'_>,
    buf: &mut [u8],
    fds: &mut Vec<OwnedFd>,
) -> io::Result<(usize, bool)> {
    let (len, before) = (buf.len(), fds.len());
    let n = recv(socket, buf, fds)?;
    Ok((n, n > 0 && n < len && fds.len() == before))
}

/// Writes `buf` (never raising `SIGPIPE`).
pub fn send(socket: BorrowedFd<'_>, buf: &[u8]) -> io::Result<usize> {
    Ok(rustix::net::send(
        socket,
        buf,
        SendFlags::NOSIGNAL | SendFlags::DONTWAIT,
    )?)
}

/// Sends one fd with its single `0` carrier byte.
pub fn send_fd(socket: BorrowedFd<'_>, fd: BorrowedFd<'_>) -> io::Result<()> {
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    let mut control = SendAncillaryBuffer::new(&mut space);
    let fds = [fd];
    if !control.push(SendAncillaryMessage::ScmRights(&fds)) {
        return Err(io::Error::other("no room for SCM_RIGHTS"));
    }
    let n = rustix::net::sendmsg(
        socket,
        &[IoSlice::new(&[0])],
        &mut control,
        SendFlags::NOSIGNAL | SendFlags::DONTWAIT,
    )?;
    if n == 1 {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::WriteZero,
            "the fd's carrier byte was not sent",
        ))
    }
}

/// Whether `socket` is a UNIX socket (the only kind that passes fds).
pub fn is_unix(socket: impl AsFd) -> bool {
    rustix::net::getsockname(socket)
        .is_ok_and(|addr| addr.address_family() == rustix::net::AddressFamily::UNIX)
}
