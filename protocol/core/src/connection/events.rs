//! Events: MESSAGEs from the server decoded into typed events, the
//! callbacks whose events are dropped since they were deregistered, and
//! the subscriptions API over
//! [`Subscriptions`](super::subscriptions::Subscriptions).

use alloc::collections::BTreeSet;

use super::calls::Role;
use super::subscriptions::{
    Action, EventFilter, RegisterArgs, SubscriptionId, call_family, event_family,
};
use super::{CallId, Connection, Discard, Event, Reply, keepalive};
use crate::error::CallError;
use crate::net::MessageStatus;
use crate::packet::Header;
use crate::procedure::ProcedureInfo;
use crate::{qemu, remote};

/// Callbacks deregistered, as (family, callback id): their events are
/// dropped until the id is handed out again.
#[derive(Debug, Default)]
pub(super) struct Deregistered(BTreeSet<(usize, i32)>);

impl Deregistered {
    /// A deregistration of this callback is on its way.
    pub(super) fn deregistering(&mut self, key: (usize, i32)) {
        self.0.insert(key);
    }

    /// The deregistration of this callback was answered: the server sends
    /// nothing more of it (or a registration handed its id out again).
    pub(super) fn deregistered(&mut self, key: (usize, i32)) {
        self.0.remove(&key);
    }

    fn contains(&self, key: (usize, i32)) -> bool {
        self.0.contains(&key)
    }
}

/// The family and callback id of an event that has one.
fn event_callback(event: &Event) -> Option<(usize, i32)> {
    let (info, callback) = match event {
        Event::Remote(e) => (e.procedure().info(), e.callback_id()),
        Event::Qemu(e) => (e.procedure().info(), e.callback_id()),
        _ => return None,
    };
    Some((event_family(info)?, callback?))
}

impl Connection {
    /// Subscribes to events. Any number of subscriptions may share a filter:
    /// the first one registers with the server, the others join it (the
    /// daemon refuses a second identical registration), and the last
    /// [`Connection::unsubscribe`] undoes it. [`Event::Subscribed`] says
    /// when the registration is done (at once when one is active); from
    /// then on [`Connection::subscribers`] lists the subscription for each
    /// of its events.
    pub fn subscribe(&mut self, filter: EventFilter) -> Result<SubscriptionId, CallError> {
        self.usable()?;
        if let Some((sub, callback)) = self.subscriptions.join(&filter) {
            if callback.is_some() {
                self.events.push_back(Event::Subscribed {
                    subscription: sub,
                    result: Ok(()),
                });
            }
            return Ok(sub);
        }
        let info = filter.register_info();
        let call = self.submit(info, &RegisterArgs(&filter), Role::Register, None)?;
        Ok(self.subscriptions.add(filter, call))
    }

    /// Ends a subscription; its events stop at once. The last subscription
    /// of a registration deregisters it on the server (events already on
    /// their way are dropped as [`Discard::DeregisteredCallback`]).
    pub fn unsubscribe(&mut self, subscription: SubscriptionId) {
        let action = self.subscriptions.unsubscribe(subscription);
        self.act(action);
    }

    /// The subscriptions an event belongs to, in the order they subscribed;
    /// empty for events of no subscription (and for every other event).
    pub fn subscribers(&self, event: &Event) -> &[SubscriptionId] {
        match event_callback(event) {
            Some((family, cb)) => self.subscriptions.subscribers(family, cb),
            None => &[],
        }
    }

    /// The server's callback id behind a subscription, once registered.
    pub fn subscription_callback(&self, subscription: SubscriptionId) -> Option<i32> {
        self.subscriptions.callback(subscription)
    }

    /// What a live subscription listens to.
    pub fn subscription_filter(&self, subscription: SubscriptionId) -> Option<&EventFilter> {
        self.subscriptions.filter(subscription)
    }

    /// How many registrations the server holds for this connection's
    /// subscriptions, or is about to.
    pub fn registrations(&self) -> usize {
        self.subscriptions.registrations()
    }

    fn act(&mut self, action: Action) {
        if let Action::Deregister(filter, callback) = action {
            // Nothing to undo on a connection that is over or closing.
            let _ = self.submit(filter.deregister_info(), &callback, Role::Deregister, None);
        }
    }

    /// A registration's reply: the server may hand out a callback id that
    /// was deregistered before, whose events flow again.
    pub(super) fn registered_again(
        &mut self,
        info: &'static ProcedureInfo,
        result: &Result<Reply, CallError>,
    ) {
        if let (Some(Ok(family)), Ok(reply)) = (call_family(info.program, info.number), result) {
            if let Some(w) = reply.payload.first_chunk::<4>() {
                self.callbacks
                    .deregistered((family, i32::from_be_bytes(*w)));
            }
        }
    }

    /// The answer to a shared registration: its subscribers learn the
    /// outcome.
    pub(super) fn on_registered(&mut self, call: CallId, result: Result<Reply, CallError>) {
        let callback = result
            .and_then(|r| libvirt_xdr::from_bytes::<i32>(&r.payload).map_err(CallError::Decode));
        let (subs, action) = self
            .subscriptions
            .registered(call, callback.as_ref().map(|&cb| cb).map_err(|_| ()));
        for sub in subs {
            self.events.push_back(Event::Subscribed {
                subscription: sub,
                result: callback.as_ref().map(|_| ()).map_err(Clone::clone),
            });
        }
        self.act(action);
    }

    /// The subscriptions still waiting for their registration fail with
    /// the connection.
    pub(super) fn fail_subscriptions(&mut self, error: &crate::ConnectionError) {
        for sub in self.subscriptions.take_waiting() {
            self.events.push_back(Event::Subscribed {
                subscription: sub,
                result: Err(CallError::Connection(error.clone())),
            });
        }
    }

    /// A MESSAGE came: a keepalive PING or PONG, or an event.
    pub(super) fn on_message(&mut self, h: &Header, payload: &[u8]) {
        let discard = |reason| Event::Discarded {
            prog: h.prog,
            procedure: h.proc,
            reason,
        };
        if h.status != MessageStatus::Ok {
            self.events.push_back(discard(Discard::BadStatus));
            return;
        }
        let decoded = match h.prog {
            crate::keepalive::PROGRAM => {
                if h.proc == keepalive::PING {
                    self.send_keepalive(keepalive::PONG);
                }
                // PONG needs nothing more: hearing anything resets the count.
                return;
            }
            remote::PROGRAM => remote::Event::decode(h.proc, payload).map(|e| e.map(Event::Remote)),
            qemu::PROGRAM => qemu::Event::decode(h.proc, payload).map(|e| e.map(Event::Qemu)),
            _ => {
                self.events.push_back(discard(Discard::UnknownProgram));
                return;
            }
        };
        let event = match decoded {
            Ok(Some(e)) => e,
            Ok(None) => return self.events.push_back(discard(Discard::UnknownEvent)),
            Err(e) => return self.events.push_back(discard(Discard::Undecodable(e))),
        };
        if let Some((family, cb)) = event_callback(&event) {
            if self.callbacks.contains((family, cb)) {
                return self
                    .events
                    .push_back(discard(Discard::DeregisteredCallback(cb)));
            }
        }
        self.events.push_back(event);
    }
}
