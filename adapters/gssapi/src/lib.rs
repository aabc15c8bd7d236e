//! GSSAPI (Kerberos 5) SASL authentication for libvirt-rs, as libvirt's
//! client does it with Cyrus SASL: the `libvirt@HOST` service ticket from
//! the user's credential cache (`kinit`), mutual authentication, and the
//! security layer (RFC 4752) that libvirt requires on plain TCP, where
//! every byte after authentication is a GSSAPI wrap token.
//!
//! It binds the system's MIT GSSAPI library (`libgssapi_krb5`) through the
//! `libgssapi` crate, which is why it is a crate of its own: building it
//! needs `libkrb5-dev` and `libclang-dev` (for bindgen); the rest of
//! libvirt-rs needs neither.
//!
//! ```no_run
//! # async fn demo() -> Result<(), libvirt_client::Error> {
//! let options = libvirt_client::Options::new().sasl_plugin(libvirt_gssapi::plugin());
//! // After `kinit`: the ticket for libvirt/kvm1.example.com@REALM is fetched.
//! # let _ = options;
//! # Ok(())
//! # }
//! ```
//!
//! Kerberos settings come from the usual places (`KRB5_CONFIG`,
//! `KRB5CCNAME`, `/etc/krb5.conf`); the host name in the URI must be the
//! one in the service principal (`libvirt/HOST`).

use std::sync::Arc;

use libgssapi::context::{ClientCtx, CtxFlags, SecurityContext};
use libgssapi::name::Name;
use libgssapi::oid::{GSS_MECH_KRB5, GSS_NT_HOSTBASED_SERVICE};
use libvirt_client::{SaslMechanism, SaslPeer, SaslPlugin, SecurityLayer};

/// The SASL mechanism's name.
pub const NAME: &str = "GSSAPI";

/// RFC 4752 security layers.
const LAYER_NONE: u8 = 1;
const LAYER_INTEGRITY: u8 = 2;
const LAYER_CONFIDENTIALITY: u8 = 4;

/// The largest token this side accepts (what libvirt's client asks for).
const RECEIVE_MAX: u32 = 65536;

/// The GSSAPI mechanism, to add with
/// [`libvirt_client::Options::sasl_plugin`].
pub fn plugin() -> SaslPlugin {
    SaslPlugin {
        name: NAME,
        security_layer: true,
        factory: Arc::new(|peer: &SaslPeer| {
            Gssapi::new(peer).map(|g| Box::new(g) as Box<dyn SaslMechanism>)
        }),
    }
}

enum State {
    /// Establishing the security context.
    Context,
    /// Context established: the server's wrapped offer of layers comes
    /// next.
    Layers,
    /// Done, with the layer chosen (if any) for the connection to take.
    Done(Option<GssLayer>),
}

/// One GSSAPI authentication, client side.
struct Gssapi {
    ctx: Option<ClientCtx>,
    state: State,
    target: String,
}

fn gss_err(what: &str, target: &str, e: libgssapi::error::Error) -> String {
    format!("GSSAPI {what} for {target}: {e}")
}

/// A failure to set up the security context: most often no ticket.
fn context_err(target: &str, e: libgssapi::error::Error) -> String {
    format!(
        "{} (is there a ticket? run kinit; does the KDC know the principal libvirt/HOST for the URI's host?)",
        gss_err("context", target, e)
    )
}

impl Gssapi {
    fn new(peer: &SaslPeer) -> Result<Gssapi, String> {
        let target = format!("{}@{}", peer.service, peer.host);
        let name = Name::new(target.as_bytes(), Some(&GSS_NT_HOSTBASED_SERVICE))
            .map_err(|e| gss_err("service name", &target, e))?;
        let flags = CtxFlags::GSS_C_MUTUAL_FLAG
            | CtxFlags::GSS_C_SEQUENCE_FLAG
            | CtxFlags::GSS_C_INTEG_FLAG
            | CtxFlags::GSS_C_CONF_FLAG;
        Ok(Gssapi {
            ctx: Some(ClientCtx::new(None, name, flags, Some(&GSS_MECH_KRB5))),
            state: State::Context,
            target,
        })
    }

    fn ctx(&mut self) -> Result<&mut ClientCtx, String> {
        self.ctx
            .as_mut()
            .ok_or_else(|| "GSSAPI: the context is already taken".to_owned())
    }
}

impl SaslMechanism for Gssapi {
    fn start(&mut self) -> Result<(Option<Vec<u8>>, bool), String> {
        let target = self.target.clone();
        let token = self
            .ctx()?
            .step(None, None)
            .map_err(|e| context_err(&target, e))?;
        Ok((Some(token.map(|t| t.to_vec()).unwrap_or_default()), false))
    }

    fn step(&mut self, challenge: Option<&[u8]>) -> Result<(Option<Vec<u8>>, bool), String> {
        let target = self.target.clone();
        match self.state {
            State::Context => {
                let ctx = self.ctx()?;
                let token = ctx
                    .step(challenge, None)
                    .map_err(|e| context_err(&target, e))?;
                if ctx.is_complete() {
                    self.state = State::Layers;
                }
                Ok((Some(token.map(|t| t.to_vec()).unwrap_or_default()), false))
            }
            State::Layers => {
                let offer = self
                    .ctx()?
                    .unwrap(challenge.unwrap_or_default())
                    .map_err(|e| gss_err("unwrap of the server's layers", &target, e))?;
                if offer.len() < 4 {
                    return Err(format!(
                        "GSSAPI: the server's offer of security layers is {} bytes, not 4",
                        offer.len()
                    ));
                }
                let layers = offer[0];
                let server_max = u32::from_be_bytes([0, offer[1], offer[2], offer[3]]) as usize;
                let chosen = [LAYER_CONFIDENTIALITY, LAYER_INTEGRITY, LAYER_NONE]
                    .into_iter()
                    .find(|l| layers & l != 0)
                    .ok_or_else(|| {
                        format!("GSSAPI: the server offers no security layer ({layers:#x})")
                    })?;
                let max = RECEIVE_MAX.to_be_bytes();
                // Layer, our largest token, no authorization identity.
                let reply = [chosen, max[1], max[2], max[3]];
                let wrapped = self
                    .ctx()?
                    .wrap(false, &reply)
                    .map_err(|e| gss_err("wrap", &target, e))?;
                let layer = if chosen == LAYER_NONE {
                    None
                } else {
                    Some(GssLayer {
                        ctx: self
                            .ctx
                            .take()
                            .ok_or_else(|| "GSSAPI: the context is already taken".to_owned())?,
                        encrypt: chosen == LAYER_CONFIDENTIALITY,
                        // The krb5 wrap token adds at most 60-odd bytes.
                        max_plaintext: server_max.saturating_sub(1024).max(1024),
                    })
                };
                self.state = State::Done(layer);
                Ok((Some(wrapped.to_vec()), true))
            }
            State::Done(_) => Ok((None, true)),
        }
    }

    fn security_layer(&mut self) -> Option<Box<dyn SecurityLayer>> {
        match std::mem::replace(&mut self.state, State::Done(None)) {
            State::Done(Some(layer)) => Some(Box::new(layer)),
            _ => None,
        }
    }
}

/// The GSSAPI security layer: wrap and unwrap tokens.
struct GssLayer {
    ctx: ClientCtx,
    encrypt: bool,
    max_plaintext: usize,
}

impl SecurityLayer for GssLayer {
    fn ssf(&self) -> u32 {
        // Cyrus's value for Kerberos 5: 56 with confidentiality, 1 with
        // integrity only.
        if self.encrypt { 56 } else { 1 }
    }

    fn max_plaintext(&self) -> usize {
        self.max_plaintext
    }

    fn encode(&mut self, plain: &[u8]) -> Result<Vec<u8>, String> {
        self.ctx
            .wrap(self.encrypt, plain)
            .map(|b| b.to_vec())
            .map_err(|e| format!("GSSAPI wrap: {e}"))
    }

    fn decode(&mut self, token: &[u8]) -> Result<Vec<u8>, String> {
        self.ctx
            .unwrap(token)
            .map(|b| b.to_vec())
            .map_err(|e| format!("GSSAPI unwrap: {e}"))
    }
}
