//! libvirt data streams (screenshots, volume up/downloads, consoles, ...).

use std::future::poll_fn;
use std::task::{Context, Poll};

use libvirt_core::{CallError, CallId, StreamRecv};

use crate::shared::set_waker;
use crate::{Client, Error};

/// What one read from a stream gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    /// This many bytes were read into the buffer.
    Data(usize),
    /// A hole of this many bytes (streams opened with the sparse flag).
    Hole(u64),
    /// The daemon's data is over (and the stream finished cleanly).
    Eof,
}

/// A libvirt data stream, opened by a procedure such as
/// `domain_screenshot`, `storage_vol_download`, `storage_vol_upload` or
/// `domain_open_console`.
///
/// - Sparse-aware reading: [`Stream::recv`] gives data and holes;
///   [`Stream::send_hole`] writes a hole.
/// - Plain byte streams: [`Stream::read`] (holes read as zeros) and
///   [`Stream::write`], and the runtime's traits: `tokio::io::AsyncRead`/
///   `AsyncWrite` (feature `tokio`), `futures_io::AsyncRead`/`AsyncWrite`
///   (feature `futures-io`); `libvirt-blocking` adds `std::io::Read`/`Write`.
///   Shutting the writer down ([`Stream::finish`]) finishes the stream and
///   waits until the daemon has committed the data.
/// - Dropping a stream that is not over aborts it.
pub struct Stream {
    client: Client,
    id: CallId,
    /// Zeros still owed to a plain reader for a hole.
    zeros: u64,
    finish_sent: bool,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream")
            .field("serial", &self.id.serial())
            .finish_non_exhaustive()
    }
}

impl Stream {
    pub(crate) fn new(client: Client, id: CallId) -> Stream {
        Stream {
            client,
            id,
            zeros: 0,
            finish_sent: false,
        }
    }

    /// The stream's end result once it is over.
    fn ended(&self, closed: Option<&Result<(), CallError>>) -> Option<Result<(), Error>> {
        closed.map(|r| r.clone().map_err(Error::from))
    }

    /// Reads data or a hole into `buf`.
    pub fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<Result<Chunk, Error>> {
        let shared = self.client.shared();
        let mut st = shared.lock();
        let was_blocked = !st.conn.wants_input();
        let got = st.conn.stream_recv(self.id, buf);
        if was_blocked {
            // Reading may let the driver read the socket again.
            st.kick();
        }
        match got {
            Ok(StreamRecv::Data(n)) => Poll::Ready(Ok(Chunk::Data(n))),
            Ok(StreamRecv::Hole(n)) => Poll::Ready(Ok(Chunk::Hole(n))),
            Ok(StreamRecv::Eof) => Poll::Ready(Ok(Chunk::Eof)),
            Ok(StreamRecv::Pending) => {
                if let Some(e) = st.over() {
                    return Poll::Ready(Err(e));
                }
                let slot = st.streams.entry(self.id).or_default();
                set_waker(&mut slot.reader, cx.waker());
                Poll::Pending
            }
            Err(e) => Poll::Ready(Err(e.into())),
        }
    }

    /// Reads data or a hole into `buf`.
    pub async fn recv(&mut self, buf: &mut [u8]) -> Result<Chunk, Error> {
        poll_fn(|cx| self.poll_recv(cx, buf)).await
    }

    /// Reads bytes, holes as zeros; `Ok(0)` at the end.
    pub fn poll_read(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<Result<usize, Error>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        loop {
            if self.zeros > 0 {
                let n = buf
                    .len()
                    .min(usize::try_from(self.zeros).unwrap_or(usize::MAX));
                buf[..n].fill(0);
                self.zeros -= n as u64;
                return Poll::Ready(Ok(n));
            }
            match self.poll_recv(cx, buf) {
                Poll::Ready(Ok(Chunk::Data(n))) => return Poll::Ready(Ok(n)),
                Poll::Ready(Ok(Chunk::Hole(n))) => self.zeros = n,
                Poll::Ready(Ok(Chunk::Eof)) => return Poll::Ready(Ok(0)),
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    /// Reads bytes, holes as zeros; `Ok(0)` at the end.
    pub async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Error> {
        poll_fn(|cx| self.poll_read(cx, buf)).await
    }

    /// Reads everything to the end, holes as zeros.
    pub async fn read_to_end(&mut self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        let mut buf = vec![0; 64 * 1024];
        loop {
            match self.read(&mut buf).await? {
                0 => return Ok(out),
                n => out.extend_from_slice(&buf[..n]),
            }
        }
    }

    /// Writes some of `data`; waits while the connection's output queue is
    /// full.
    pub fn poll_write(&mut self, cx: &mut Context<'_>, data: &[u8]) -> Poll<Result<usize, Error>> {
        if data.is_empty() {
            return Poll::Ready(Ok(0));
        }
        let shared = self.client.shared();
        let mut st = shared.lock();
        match st.conn.stream_send(self.id, data) {
            Ok(0) => {
                if let Some(e) = st.over() {
                    return Poll::Ready(Err(e));
                }
                let slot = st.streams.entry(self.id).or_default();
                set_waker(&mut slot.writer, cx.waker());
                Poll::Pending
            }
            Ok(n) => {
                st.kick();
                Poll::Ready(Ok(n))
            }
            Err(e) => Poll::Ready(Err(e.into())),
        }
    }

    /// Writes some of `data`.
    pub async fn write(&mut self, data: &[u8]) -> Result<usize, Error> {
        poll_fn(|cx| self.poll_write(cx, data)).await
    }

    /// Writes all of `data`.
    pub async fn write_all(&mut self, mut data: &[u8]) -> Result<(), Error> {
        while !data.is_empty() {
            let n = self.write(data).await?;
            data = &data[n..];
        }
        Ok(())
    }

    /// Writes a hole of `length` bytes (streams opened with the sparse
    /// flag).
    pub fn send_hole(&mut self, length: u64) -> Result<(), Error> {
        let mut st = self.client.shared().lock();
        st.conn.stream_send_hole(self.id, length)?;
        st.kick();
        Ok(())
    }

    /// Finishes a stream this side writes to and waits until the daemon
    /// confirms (the data is committed); for a stream this side reads,
    /// waits for its end.
    pub fn poll_finish(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let shared = self.client.shared();
        let mut st = shared.lock();
        let slot = st.streams.entry(self.id).or_default();
        if let Some(r) = self.ended(slot.closed.as_ref()) {
            return Poll::Ready(r);
        }
        if !self.finish_sent {
            self.finish_sent = true;
            if let Err(e) = st.conn.stream_finish(self.id) {
                return Poll::Ready(Err(e.into()));
            }
            st.kick();
            let slot = st.streams.entry(self.id).or_default();
            if let Some(r) = self.ended(slot.closed.as_ref()) {
                return Poll::Ready(r);
            }
        }
        if let Some(e) = st.over() {
            return Poll::Ready(Err(e));
        }
        let slot = st.streams.entry(self.id).or_default();
        set_waker(&mut slot.writer, cx.waker());
        Poll::Pending
    }

    /// Finishes the stream and waits for the daemon's confirmation.
    pub async fn finish(&mut self) -> Result<(), Error> {
        poll_fn(|cx| self.poll_finish(cx)).await
    }

    /// Aborts the stream (the daemon discards what it got) and waits for the
    /// daemon's confirmation.
    pub async fn abort(mut self) -> Result<(), Error> {
        {
            let mut st = self.client.shared().lock();
            st.conn.stream_abort(self.id)?;
            st.kick();
        }
        self.finish_sent = true;
        match self.finish().await {
            Ok(()) | Err(Error::Call(CallError::Aborted)) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        let mut st = self.client.shared().lock();
        // Aborts a stream that is not over.
        st.conn.stream_release(self.id);
        st.streams.remove(&self.id);
        st.kick();
    }
}

#[cfg(feature = "tokio")]
mod tokio_io {
    use std::io;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

    use super::Stream;

    impl AsyncRead for Stream {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            let this = self.get_mut();
            let n = std::task::ready!(this.poll_read(cx, buf.initialize_unfilled()))?;
            buf.advance(n);
            Poll::Ready(Ok(()))
        }
    }

    impl AsyncWrite for Stream {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            data: &[u8],
        ) -> Poll<io::Result<usize>> {
            self.get_mut().poll_write(cx, data).map_err(Into::into)
        }

        /// Data is queued on the connection, which writes it in order.
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        /// Finishes the stream and waits until the daemon confirms.
        fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            self.get_mut().poll_finish(cx).map_err(Into::into)
        }
    }
}

#[cfg(feature = "futures-io")]
mod futures_io_impl {
    use std::io;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use futures_io::{AsyncRead, AsyncWrite};

    use super::Stream;

    impl AsyncRead for Stream {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut [u8],
        ) -> Poll<io::Result<usize>> {
            self.get_mut().poll_read(cx, buf).map_err(Into::into)
        }
    }

    impl AsyncWrite for Stream {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            data: &[u8],
        ) -> Poll<io::Result<usize>> {
            self.get_mut().poll_write(cx, data).map_err(Into::into)
        }

        /// Data is queued on the connection, which writes it in order.
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        /// Finishes the stream and waits until the daemon confirms.
        fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            self.get_mut().poll_finish(cx).map_err(Into::into)
        }
    }
}
