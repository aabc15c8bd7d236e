//! The contract between the generated API surface and the adapters.
//!
//! Every program gets two generated traits, one async and one blocking
//! (e.g. `remote::RemoteApi` and `remote::RemoteBlockingApi`), with one method per
//! callable procedure, named after the procedure in snake_case. Their
//! methods are provided: an adapter only implements [`AsyncCall`] or
//! [`BlockingCall`] (three methods) and gets every procedure of every
//! program, so no adapter lists procedures by hand.
//!
//! Method shape: the arguments are the fields of the procedure's `_args`
//! struct in wire order (strings as `&str`, optional strings as
//! `Option<&str>`, everything else by value); the result is the `_ret`
//! struct, its only field when it has exactly one, or `()` when void.
//! Procedures that open a data stream return the adapter's stream with the
//! result; procedures that pass file descriptors take and return them.

use alloc::vec::Vec;
use core::future::Future;

use crate::procedure::CallProcedure;

/// A result together with the file descriptors that came with it.
pub type WithFds<T, Fd> = (T, Vec<Fd>);

/// What an async adapter implements to get the generated async API.
pub trait AsyncCall: Sync {
    /// The adapter's error type (a remote error, a closed connection, ...).
    type Error;
    /// The adapter's handle on a libvirt data stream.
    type Stream;
    /// The adapter's file descriptor type (e.g. `std::os::fd::OwnedFd`).
    type Fd;

    /// Sends `P`'s CALL and waits for its REPLY.
    fn call<P: CallProcedure>(
        &self,
        args: P::Args,
    ) -> impl Future<Output = Result<P::Ret, Self::Error>> + Send;

    /// Sends `P`'s CALL, which opens a data stream, and returns the REPLY with
    /// the stream.
    fn call_stream<P: CallProcedure>(
        &self,
        args: P::Args,
    ) -> impl Future<Output = Result<(P::Ret, Self::Stream), Self::Error>> + Send;

    /// Sends `P`'s CALL with `fds` attached and returns the REPLY with the file
    /// descriptors it carried.
    fn call_with_fds<P: CallProcedure>(
        &self,
        args: P::Args,
        fds: Vec<Self::Fd>,
    ) -> impl Future<Output = Result<WithFds<P::Ret, Self::Fd>, Self::Error>> + Send;
}

/// What a blocking adapter implements to get the generated blocking API.
pub trait BlockingCall {
    /// The adapter's error type.
    type Error;
    /// The adapter's handle on a libvirt data stream.
    type Stream;
    /// The adapter's file descriptor type.
    type Fd;

    /// Sends `P`'s CALL and waits for its REPLY.
    fn call<P: CallProcedure>(&self, args: P::Args) -> Result<P::Ret, Self::Error>;

    /// Sends `P`'s CALL, which opens a data stream, and returns the REPLY with
    /// the stream.
    fn call_stream<P: CallProcedure>(
        &self,
        args: P::Args,
    ) -> Result<(P::Ret, Self::Stream), Self::Error>;

    /// Sends `P`'s CALL with `fds` attached and returns the REPLY with the file
    /// descriptors it carried.
    fn call_with_fds<P: CallProcedure>(
        &self,
        args: P::Args,
        fds: Vec<Self::Fd>,
    ) -> Result<WithFds<P::Ret, Self::Fd>, Self::Error>;
}
