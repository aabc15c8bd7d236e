//! How a handle calls: the modes.

/// How a handle reaches its connection: [`Async`] or [`Blocking`]. The
/// mode is the handle's type parameter, so that one generated description
/// gives async methods to `Domain<Async<C>>` and blocking ones to
/// `Domain<Blocking<C>>`.
pub trait Mode: Clone {
    /// The client underneath.
    type Client;

    /// The client underneath.
    fn client(&self) -> &Self::Client;
}

/// The async mode: the handle's methods are `async` and call through an
/// [`AsyncCall`](libvirt_core::api::AsyncCall) client.
#[derive(Clone, Debug)]
pub struct Async<C>(pub C);

/// The blocking mode: the handle's methods block the calling thread and
/// call through a [`BlockingCall`](libvirt_core::api::BlockingCall)
/// client.
#[derive(Clone, Debug)]
pub struct Blocking<C>(pub C);

impl<C: Clone> Mode for Async<C> {
    type Client = C;

    fn client(&self) -> &C {
        &self.0
    }
}

impl<C: Clone> Mode for Blocking<C> {
    type Client = C;

    fn client(&self) -> &C {
        &self.0
    }
}
