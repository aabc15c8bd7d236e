//! The open sequence: AUTH_LIST, authentication (none, polkit or SASL),
//! the keepalive probe, CONNECT_OPEN, the URI and the feature probes; or
//! ADMIN_CONNECT_OPEN. What exists only while opening lives in
//! [`Opening`].

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use super::calls::Role;
use super::framing::Outbox;
use super::{Connection, Event, Reply, State};
use crate::error::{AuthError, AuthMethod, CallError, ConnectionError, MalformedPacket, Violation};
use crate::procedure::ProcedureInfo;
use crate::{admin, remote};

/// `REMOTE_AUTH_SASL_DATA_MAX`.
const SASL_DATA_MAX: usize = 65536;

/// Which authentication to use (the URI's `auth=`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// What the server asks for: none, polkit or SASL (the first type it
    /// lists), as libvirt's client does.
    #[default]
    Server,
    /// `auth=polkit`: polkit, or a clear error if the server does not offer
    /// it.
    Polkit,
    /// `auth=sasl` or `auth=sasl.MECH`: SASL, with that mechanism only if
    /// one is named.
    Sasl {
        /// The mechanism (`SCRAM-SHA-256`, ...), matched against the
        /// server's list as libvirt does (a case-sensitive substring test).
        mechanism: Option<String>,
    },
}

/// A step of the SASL exchange for the driver to take: the core runs the
/// `AUTH_SASL_*` calls, the driver runs the mechanism (it holds the
/// credentials and the cryptography) and answers with
/// [`Connection::sasl_start`], [`Connection::sasl_step`] or
/// [`Connection::sasl_fail`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SaslEvent {
    /// Pick one of these mechanisms (the server's list, or only the one
    /// `auth=sasl.MECH` asked for) and call [`Connection::sasl_start`].
    Start {
        /// The mechanisms, in the server's order.
        mechanisms: Vec<String>,
    },
    /// The server's challenge (`None` is libvirt's `nil`: no data, which is
    /// not the same as empty data); answer with [`Connection::sasl_step`].
    Challenge {
        /// The server's data.
        data: Option<Vec<u8>>,
        /// The server says it is done; the client must still check the
        /// data (for mutual authentication) before it is done too.
        server_complete: bool,
    },
    /// Both sides are done: a security layer the mechanism negotiated
    /// applies from the next byte on, both ways (the open sequence's next
    /// packets are already queued: put the layer in place before writing
    /// them).
    Complete,
}

/// How the connection is opened.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Open {
    /// The remote program: AUTH_LIST, authentication (none or polkit), the
    /// keepalive probe, CONNECT_OPEN, the URI if none was given, and the
    /// event and close-callback feature probes.
    Remote {
        /// The URI sent to the server (`test:///default`,
        /// `qemu:///system`); `None` lets the server pick, and the URI it
        /// picked is fetched.
        name: Option<String>,
        /// Open read-only (`VIR_CONNECT_RO`).
        read_only: bool,
    },
    /// The admin program, on a daemon's admin socket.
    Admin {
        /// `ADMIN_CONNECT_OPEN` flags.
        flags: u32,
    },
    /// No open sequence: the socket is already open (handed over by the
    /// caller) or the peer is not a libvirt daemon.
    Skip,
}

/// What the open sequence learned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Connected {
    /// The connection's URI, if the client asked the server for it.
    pub uri: Option<String>,
    /// The server answers keepalive (feature 10), so this side pings it.
    pub keepalive: bool,
    /// The server supports callback-id events (feature 14).
    pub event_callbacks: bool,
    /// The server supports the close callback (feature 15).
    pub close_callback: bool,
    /// The SASL mechanism the connection authenticated with, if any.
    pub sasl_mechanism: Option<String>,
}

/// A feature the open sequence asks the server about
/// (`CONNECT_SUPPORTS_FEATURE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Feature {
    /// `VIR_DRV_FEATURE_PROGRAM_KEEPALIVE`: the server answers PINGs.
    Keepalive,
    /// `VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK`: callback-id events.
    EventCallback,
    /// `VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK`: the close callback.
    CloseCallback,
}

impl Feature {
    /// The feature's number on the wire.
    const fn number(self) -> i32 {
        match self {
            Feature::Keepalive => 10,
            Feature::EventCallback => 14,
            Feature::CloseCallback => 15,
        }
    }
}

/// A call of the open sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    AuthList,
    AuthPolkit,
    SaslInit,
    SaslStart,
    SaslNext,
    Feature(Feature),
    Open,
    GetUri,
    AdminOpen,
}

/// Where the SASL exchange is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Sasl {
    /// Not started (or not used).
    #[default]
    Idle,
    /// Waiting for the driver's [`Connection::sasl_start`].
    Mechanism,
    /// A START or STEP is on its way; `client_complete` is what the
    /// driver's mechanism said after producing it.
    Sent { client_complete: bool },
    /// Waiting for the driver's [`Connection::sasl_step`].
    Answer { server_complete: bool },
}

/// What exists only while the connection opens.
#[derive(Debug)]
pub(super) struct Opening {
    /// How to open (with the URI and flags to send).
    open: Open,
    /// Which authentication to use.
    auth: Auth,
    /// Calls of the sequence still waiting for their replies.
    outstanding: u32,
    sasl: Sasl,
    /// What has been learned so far.
    connected: Connected,
    /// The user's calls, sent once the sequence is done.
    pub(super) held: Outbox,
}

impl Opening {
    pub(super) fn new(open: Open, auth: Auth) -> Opening {
        Opening {
            open,
            auth,
            outstanding: 0,
            sasl: Sasl::Idle,
            connected: Connected::default(),
            held: Outbox::default(),
        }
    }
}

impl Connection {
    /// Starts the SASL exchange after [`SaslEvent::Start`]: the mechanism
    /// picked and its first data (`None` for none, as libvirt's `nil`).
    /// `client_complete` says whether the mechanism is already done on this
    /// side (`PLAIN` is; `SCRAM-*` is not). Out of turn, it does nothing.
    pub fn sasl_start(&mut self, mechanism: &str, data: Option<&[u8]>, client_complete: bool) {
        let State::Opening(o) = &mut self.state else {
            return;
        };
        if o.sasl != Sasl::Mechanism {
            return;
        }
        let (nil, data) = match sasl_data(data) {
            Ok(d) => d,
            Err(e) => return self.fail(ConnectionError::Auth(e)),
        };
        o.connected.sasl_mechanism = Some(mechanism.into());
        o.sasl = Sasl::Sent { client_complete };
        self.send_step(
            remote::Procedure::AuthSaslStart.info(),
            &remote::AuthSaslStartArgs {
                mech: mechanism.into(),
                nil,
                data,
            },
            Step::SaslStart,
        );
    }

    /// Answers a [`SaslEvent::Challenge`] with the mechanism's response
    /// (`None` for none). Once both sides are complete, nothing is sent and
    /// the connection is opened; otherwise the response goes in an
    /// `AUTH_SASL_STEP`. Out of turn, it does nothing.
    pub fn sasl_step(&mut self, data: Option<&[u8]>, client_complete: bool) {
        let State::Opening(o) = &mut self.state else {
            return;
        };
        let Sasl::Answer { server_complete } = o.sasl else {
            return;
        };
        if server_complete && client_complete {
            return self.sasl_done();
        }
        let (nil, data) = match sasl_data(data) {
            Ok(d) => d,
            Err(e) => return self.fail(ConnectionError::Auth(e)),
        };
        o.sasl = Sasl::Sent { client_complete };
        self.send_step(
            remote::Procedure::AuthSaslStep.info(),
            &remote::AuthSaslStepArgs { nil, data },
            Step::SaslNext,
        );
    }

    /// Gives up the SASL exchange on this side (no usable mechanism, no
    /// credentials, the server failed to prove itself): the connection
    /// ends with [`AuthError::Client`].
    pub fn sasl_fail(&mut self, reason: String) {
        self.fail(ConnectionError::Auth(AuthError::Client(reason)));
    }

    /// Queues the first call of the open sequence (or, with nothing to
    /// open, makes the connection ready).
    pub(super) fn start_opening(&mut self, open: &Open) {
        match open {
            Open::Remote { .. } => {
                self.send_step(remote::Procedure::AuthList.info(), &(), Step::AuthList)
            }
            Open::Admin { flags } => self.send_step(
                admin::Procedure::ConnectOpen.info(),
                &admin::ConnectOpenArgs { flags: *flags },
                Step::AdminOpen,
            ),
            Open::Skip => {
                // Nothing tells whether the peer answers PINGs; a libvirt
                // peer always does.
                self.keepalive.server_answers(true);
                self.become_ready();
            }
        }
    }

    /// Queues a call of the open sequence.
    fn send_step(&mut self, info: &'static ProcedureInfo, args: &impl Serialize, step: Step) {
        if let State::Opening(o) = &mut self.state {
            o.outstanding += 1;
        }
        if let Err(e) = self.submit(info, args, Role::Step(step), None) {
            // Encoding the open sequence's own small arguments cannot fail
            // unless a caller-given name is over 4 MiB.
            let error = match e {
                CallError::Encode(e) => ConnectionError::OpenArguments(e),
                CallError::Connection(e) => e,
                _ => ConnectionError::Closed,
            };
            self.fail(error);
        }
    }

    /// A call of the open sequence was answered.
    pub(super) fn on_step(&mut self, step: Step, result: Result<Reply, CallError>) {
        let State::Opening(o) = &mut self.state else {
            return;
        };
        o.outstanding = o.outstanding.saturating_sub(1);
        match (step, result) {
            // The types as plain ints: a newer server may list a type this
            // version does not know, and must not break every connection.
            (Step::AuthList, Ok(r)) => match r.decode::<Vec<i32>>() {
                Ok(types) => self.authenticate(&types),
                Err(_) => self.fail(ConnectionError::Malformed(
                    MalformedPacket::UndecodableAuthList,
                )),
            },
            // A server too old to list auth types needs none.
            (Step::AuthList, Err(CallError::Remote(e))) if e.is_unknown_procedure() => {
                self.send_open()
            }
            (Step::AuthPolkit, Ok(_)) => self.send_open(),
            (Step::SaslInit, Ok(r)) => match r.decode::<remote::AuthSaslInitRet>() {
                Ok(ret) => self.sasl_mechanisms(ret.mechlist.into_string_lossy()),
                Err(_) => self.fail(ConnectionError::Malformed(
                    MalformedPacket::UndecodableSaslInit,
                )),
            },
            (Step::SaslStart | Step::SaslNext, Ok(r)) => {
                // START and STEP have the same reply.
                match r.decode::<remote::AuthSaslStepRet>() {
                    Ok(ret) => self.sasl_reply(ret),
                    Err(_) => self.fail(ConnectionError::Malformed(
                        MalformedPacket::UndecodableSaslStep,
                    )),
                }
            }
            (Step::Feature(Feature::Keepalive), r) => {
                o.connected.keepalive = supported(r);
                if o.connected.keepalive {
                    self.keepalive.server_answers(true);
                } else {
                    // The deadline was armed for a peer that does not ping.
                    self.keepalive.server_silent(true);
                }
            }
            (Step::Open, Ok(_)) => {
                if let Open::Remote { name: None, .. } = o.open {
                    self.send_step(remote::Procedure::ConnectGetUri.info(), &(), Step::GetUri);
                }
                for feature in [Feature::EventCallback, Feature::CloseCallback] {
                    self.send_step(
                        remote::Procedure::ConnectSupportsFeature.info(),
                        &remote::ConnectSupportsFeatureArgs {
                            feature: feature.number(),
                        },
                        Step::Feature(feature),
                    );
                }
            }
            (Step::GetUri, r) => {
                o.connected.uri = r
                    .ok()
                    .and_then(|r| r.decode::<remote::ConnectGetUriRet>().ok())
                    .map(|r| r.uri.into_string_lossy());
            }
            (Step::Feature(f), r) => {
                let yes = supported(r);
                if f == Feature::EventCallback {
                    o.connected.event_callbacks = yes;
                } else {
                    o.connected.close_callback = yes;
                }
            }
            (Step::AdminOpen, Ok(_)) => {
                o.connected.keepalive = self.keepalive.server_answers(true);
            }
            (_, Err(CallError::Remote(e))) => return self.fail(ConnectionError::Open(e)),
            (_, Err(CallError::Connection(e))) => return self.fail(e),
            (_, Err(_)) => {
                return self.fail(ConnectionError::ProtocolViolation(Violation::OpenSequence));
            }
        }
        // Waiting for the driver's SASL answer is not the end of the
        // sequence, though nothing is outstanding on the wire.
        if let State::Opening(o) = &self.state {
            if o.outstanding == 0 && o.sasl == Sasl::Idle {
                self.become_ready();
            }
        }
    }

    /// Picks the authentication from the server's `AUTH_LIST` and the
    /// configured [`Auth`], as libvirt's `remoteAuthenticate` does (a server
    /// that lists "none" among others is opened without authentication).
    fn authenticate(&mut self, types: &[i32]) {
        let State::Opening(o) = &self.state else {
            return;
        };
        let offers = |t: remote::AuthType| types.contains(&t.as_i32());
        let chosen = match &o.auth {
            Auth::Server if types.is_empty() || offers(remote::AuthType::None) => {
                return self.send_open();
            }
            Auth::Server => types.first().copied().unwrap_or(-1),
            Auth::Polkit if offers(remote::AuthType::Polkit) => remote::AuthType::Polkit.as_i32(),
            Auth::Sasl { .. } if offers(remote::AuthType::Sasl) => remote::AuthType::Sasl.as_i32(),
            wanted => {
                let wanted = if matches!(wanted, Auth::Polkit) {
                    AuthMethod::Polkit
                } else {
                    AuthMethod::Sasl
                };
                return self.fail(ConnectionError::Auth(AuthError::TypeRejected {
                    wanted,
                    offered: types.to_vec(),
                }));
            }
        };
        if chosen == remote::AuthType::Polkit.as_i32() {
            self.send_step(remote::Procedure::AuthPolkit.info(), &(), Step::AuthPolkit);
        } else if chosen == remote::AuthType::Sasl.as_i32() {
            self.send_step(remote::Procedure::AuthSaslInit.info(), &(), Step::SaslInit);
        } else if chosen == remote::AuthType::None.as_i32() {
            self.send_open();
        } else {
            self.fail(ConnectionError::AuthUnsupported(chosen));
        }
    }

    fn sasl_mechanisms(&mut self, mechlist: String) {
        let State::Opening(o) = &mut self.state else {
            return;
        };
        let mechanisms = match &o.auth {
            // libvirt tests `strstr(mechlist, wanted)`.
            Auth::Sasl {
                mechanism: Some(wanted),
            } => {
                if !mechlist.contains(wanted.as_str()) {
                    let wanted = wanted.clone();
                    return self.fail(ConnectionError::Auth(AuthError::MechanismNotOffered {
                        wanted,
                        offered: mechlist,
                    }));
                }
                alloc::vec![wanted.clone()]
            }
            _ => mechlist
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(String::from)
                .collect(),
        };
        o.sasl = Sasl::Mechanism;
        self.events
            .push_back(Event::Sasl(SaslEvent::Start { mechanisms }));
    }

    fn sasl_reply(&mut self, ret: remote::AuthSaslStepRet) {
        let State::Opening(o) = &mut self.state else {
            return;
        };
        let Sasl::Sent { client_complete } = o.sasl else {
            return self.fail(ConnectionError::ProtocolViolation(
                Violation::UnaskedSaslReply,
            ));
        };
        let server_complete = ret.complete != 0;
        if server_complete && client_complete {
            return self.sasl_done();
        }
        o.sasl = Sasl::Answer { server_complete };
        let data = (ret.nil == 0).then(|| ret.data.iter().map(|&b| b as u8).collect());
        self.events.push_back(Event::Sasl(SaslEvent::Challenge {
            data,
            server_complete,
        }));
    }

    fn sasl_done(&mut self) {
        if let State::Opening(o) = &mut self.state {
            o.sasl = Sasl::Idle;
        }
        self.events.push_back(Event::Sasl(SaslEvent::Complete));
        self.send_open();
    }

    fn send_open(&mut self) {
        let State::Opening(o) = &self.state else {
            return;
        };
        let Open::Remote { name, read_only } = &o.open else {
            return;
        };
        let args = remote::ConnectOpenArgs {
            // Without a URI the C client sends "" (not an absent name) and
            // lets the server pick (protocol-notes §3).
            name: Some(name.clone().unwrap_or_default().into()),
            flags: u32::from(*read_only), // VIR_CONNECT_RO
        };
        if self.keepalive.enabled() {
            self.send_step(
                remote::Procedure::ConnectSupportsFeature.info(),
                &remote::ConnectSupportsFeatureArgs {
                    feature: Feature::Keepalive.number(),
                },
                Step::Feature(Feature::Keepalive),
            );
        }
        self.send_step(remote::Procedure::ConnectOpen.info(), &args, Step::Open);
    }

    /// The open sequence is done: the calls made meanwhile go now.
    fn become_ready(&mut self) {
        let opening = core::mem::replace(&mut self.state, State::Ready);
        if let State::Opening(mut o) = opening {
            self.outbox.append(&mut o.held);
            self.events.push_back(Event::Connected(o.connected));
        } else {
            self.events
                .push_back(Event::Connected(Connected::default()));
        }
    }
}

fn sasl_data(data: Option<&[u8]>) -> Result<(i32, Vec<i8>), AuthError> {
    match data {
        None => Ok((1, Vec::new())),
        Some(d) if d.len() > SASL_DATA_MAX => Err(AuthError::DataTooLong(d.len())),
        Some(d) => Ok((0, d.iter().map(|&b| b as i8).collect())),
    }
}

fn supported(r: Result<Reply, CallError>) -> bool {
    r.ok()
        .and_then(|r| r.decode::<remote::ConnectSupportsFeatureRet>().ok())
        .is_some_and(|r| r.supported != 0)
}
