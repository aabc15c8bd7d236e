//! The client side of SASL: picks a mechanism, gets credentials (libvirt's
//! `auth.conf`, then the program's callback) and runs the mechanism for the
//! core's exchange: SCRAM-SHA-256, SCRAM-SHA-1 and PLAIN built in (from the
//! `sasl` crate), and any mechanism a program plugs in with
//! [`crate::Options::sasl_plugin`] (GSSAPI, from the `libvirt-gssapi`
//! crate), with its security layer.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use libvirt_core::{Connection, SaslEvent};
use sasl::client::Mechanism;
use sasl::client::mechanisms::{Plain, Scram};
use sasl::common::ChannelBinding;
use sasl::common::scram::{Sha1, Sha256};

/// The mechanisms this client runs, best first.
pub const MECHANISMS: &[&str] = &["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"];

/// One run of a SASL mechanism, client side.
pub trait SaslMechanism: Send {
    /// The first message (`None` for none, which SASL tells from empty),
    /// and whether the mechanism is done on this side with it.
    fn start(&mut self) -> Result<(Option<Vec<u8>>, bool), String>;
    /// The answer to the server's challenge (`None`: the server sent no
    /// data), and whether the mechanism is done on this side.
    fn step(&mut self, challenge: Option<&[u8]>) -> Result<(Option<Vec<u8>>, bool), String>;
    /// Once done: the security layer negotiated, if any. From then on
    /// every byte both ways goes through it.
    fn security_layer(&mut self) -> Option<Box<dyn SecurityLayer>> {
        None
    }
}

/// A SASL security layer (RFC 4422 §3.7): every byte after the exchange
/// travels in tokens, each a 4-byte big-endian length and the encoded
/// data.
pub trait SecurityLayer: Send {
    /// Its strength (roughly the key length in bits; 0 for none).
    fn ssf(&self) -> u32;
    /// The most plaintext one token may carry (the server's limit, less
    /// the layer's overhead).
    fn max_plaintext(&self) -> usize;
    /// Encodes one chunk of at most [`SecurityLayer::max_plaintext`]
    /// bytes into a token (without its length word).
    fn encode(&mut self, plain: &[u8]) -> Result<Vec<u8>, String>;
    /// Decodes one token (without its length word).
    fn decode(&mut self, token: &[u8]) -> Result<Vec<u8>, String>;
}

/// Whom a mechanism authenticates to: libvirt's service name and the host
/// as written in the URI (GSSAPI's `libvirt@HOST`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SaslPeer {
    /// `libvirt`.
    pub service: &'static str,
    /// The host as written in the URI (`localhost` if none).
    pub host: String,
}

/// Makes a plug-in mechanism's run for one connection.
pub type SaslFactory =
    Arc<dyn Fn(&SaslPeer) -> Result<Box<dyn SaslMechanism>, String> + Send + Sync>;

/// A mechanism a program adds to the built-in ones (see
/// [`crate::Options::sasl_plugin`]).
#[derive(Clone)]
pub struct SaslPlugin {
    /// The name the server lists it by (`GSSAPI`).
    pub name: &'static str,
    /// Whether it can give a security layer, which plain TCP needs.
    pub security_layer: bool,
    /// Makes a run of it.
    pub factory: SaslFactory,
}

impl fmt::Debug for SaslPlugin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SaslPlugin")
            .field("name", &self.name)
            .field("security_layer", &self.security_layer)
            .finish_non_exhaustive()
    }
}

/// A built-in mechanism of the `sasl` crate.
struct Builtin {
    mech: Box<dyn Mechanism + Send>,
    name: &'static str,
}

impl SaslMechanism for Builtin {
    fn start(&mut self) -> Result<(Option<Vec<u8>>, bool), String> {
        // PLAIN is done on this side with its first message.
        Ok((Some(self.mech.initial()), self.name == "PLAIN"))
    }

    fn step(&mut self, challenge: Option<&[u8]>) -> Result<(Option<Vec<u8>>, bool), String> {
        let data = challenge.unwrap_or_default();
        match self.name {
            "PLAIN" => Ok((None, true)),
            // SCRAM: the server-first message gets the client's proof;
            // the server-final message (v=...) proves the server knows
            // the password too.
            _ if data.starts_with(b"e=") => Err(format!(
                "the server refused SCRAM: {}",
                String::from_utf8_lossy(&data[2..])
            )),
            _ if data.starts_with(b"v=") => {
                self.mech.success(data).map_err(|e| {
                    format!(
                        "the server's SCRAM proof is wrong ({e}): it does not know the password, or something is in the middle"
                    )
                })?;
                Ok((None, true))
            }
            _ => {
                let response = self
                    .mech
                    .response(data)
                    .map_err(|e| format!("SASL {}: {e}", self.name))?;
                Ok((Some(response), false))
            }
        }
    }
}

/// What a credential callback is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialKind {
    /// The name to authenticate as (`VIR_CRED_AUTHNAME`; `authname=` in
    /// auth.conf).
    AuthName,
    /// The password (`VIR_CRED_PASSPHRASE`; `password=`).
    Password,
}

/// A question for the program's credential callback.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CredentialRequest {
    /// What is asked for.
    pub kind: CredentialKind,
    /// The host as written in the URI (`localhost` if none).
    pub host: String,
    /// The mechanism that needs it.
    pub mechanism: String,
}

/// The program's answer to credential questions: `None` when it has none.
pub type CredentialCallback = Arc<dyn Fn(&CredentialRequest) -> Option<String> + Send + Sync>;

/// Where SASL credentials come from for one connection.
#[derive(Clone, Default)]
pub(crate) struct AuthSource {
    pub(crate) host: String,
    /// The URI's `authfile=`.
    pub(crate) authfile: Option<PathBuf>,
    pub(crate) callback: Option<CredentialCallback>,
    /// Mechanisms the program plugged in.
    pub(crate) plugins: Vec<SaslPlugin>,
    /// The transport protects the bytes (TLS, unix, ssh): mechanisms
    /// without a security layer are allowed (libvirt's minimum SSF is 0
    /// there, 56 on plain TCP).
    pub(crate) secure: bool,
}

impl fmt::Debug for AuthSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthSource")
            .field("host", &self.host)
            .field("authfile", &self.authfile)
            .field("callback", &self.callback.is_some())
            .field("secure", &self.secure)
            .finish()
    }
}

/// libvirt's `auth.conf` file for a URI, in libvirt's order:
/// `$LIBVIRT_AUTH_FILE`, the URI's `authfile=`,
/// `$XDG_CONFIG_HOME/libvirt/auth.conf` (or `~/.config/...`),
/// `/etc/libvirt/auth.conf`. The first two are taken as they are; the
/// others only if they exist.
pub fn auth_file(authfile: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LIBVIRT_AUTH_FILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    if let Some(p) = authfile {
        return Some(p.to_owned());
    }
    let config_dir = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|p| !p.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        });
    let user = config_dir.map(|d| d.join("libvirt/auth.conf"));
    [user, Some(PathBuf::from("/etc/libvirt/auth.conf"))]
        .into_iter()
        .flatten()
        .find(|p| p.exists())
}

/// Looks up `key` (`authname`, `username`, `password`, `realm`) for
/// `service` (`libvirt`) and `host` in an auth.conf text, as libvirt's
/// `virAuthConfigLookup` does: `[auth-SERVICE-HOST]`, else
/// `[auth-SERVICE-default]`, names a `credentials=NAME` whose
/// `[credentials-NAME]` group holds the keys.
pub fn auth_conf_lookup(
    text: &str,
    file: &Path,
    service: &str,
    host: &str,
    key: &str,
) -> Result<Option<String>, String> {
    let ini = ini::Ini::load_from_str(text)
        .map_err(|e| format!("{}: not a valid auth.conf: {e}", file.display()))?;
    let group = [
        format!("auth-{service}-{host}"),
        format!("auth-{service}-default"),
    ]
    .into_iter()
    .find(|g| ini.section(Some(g.as_str())).is_some());
    let Some(group) = group else {
        return Ok(None);
    };
    let Some(creds) = ini
        .section(Some(group.as_str()))
        .and_then(|s| s.get("credentials"))
    else {
        return Err(format!(
            "{}: missing item 'credentials' in group '{group}'",
            file.display()
        ));
    };
    let cred_group = format!("credentials-{creds}");
    let Some(section) = ini.section(Some(cred_group.as_str())) else {
        return Err(format!(
            "{}: missing group '{cred_group}' referenced from group '{group}'",
            file.display()
        ));
    };
    Ok(section.get(key).map(str::to_owned))
}

/// One running SASL mechanism.
pub(crate) struct SaslClient {
    source: AuthSource,
    mechanism: Option<Box<dyn SaslMechanism>>,
    name: String,
    /// The security layer, once the exchange is over, for the driver to
    /// put under the core.
    pub(crate) layer: Option<Box<dyn SecurityLayer>>,
}

impl fmt::Debug for SaslClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SaslClient")
            .field("source", &self.source)
            .field("mechanism", &self.name)
            .finish()
    }
}

impl SaslClient {
    pub(crate) fn new(source: AuthSource) -> SaslClient {
        SaslClient {
            source,
            mechanism: None,
            name: String::new(),
            layer: None,
        }
    }

    /// Asks auth.conf, then the callback.
    fn credential(&self, kind: CredentialKind, mechanism: &str) -> Result<String, String> {
        let key = match kind {
            CredentialKind::AuthName => "authname",
            CredentialKind::Password => "password",
        };
        let file = auth_file(self.source.authfile.as_deref());
        if let Some(file) = &file {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read the auth file {}: {e}", file.display()))?;
            if let Some(v) = auth_conf_lookup(&text, file, "libvirt", &self.source.host, key)? {
                return Ok(v);
            }
        }
        if let Some(cb) = &self.source.callback {
            let req = CredentialRequest {
                kind,
                host: self.source.host.clone(),
                mechanism: mechanism.to_owned(),
            };
            if let Some(v) = cb(&req) {
                return Ok(v);
            }
        }
        let place = match &file {
            Some(f) => format!(
                "{key}= in the [credentials-NAME] group that [auth-libvirt-{}] names in {}",
                self.source.host,
                f.display()
            ),
            None => format!(
                "an auth.conf ($LIBVIRT_AUTH_FILE, authfile=, ~/.config/libvirt/auth.conf or /etc/libvirt/auth.conf) with {key}= for [auth-libvirt-{}]",
                self.source.host
            ),
        };
        Err(format!(
            "SASL {mechanism} needs a{} {key} for {}: give it in {place}, or through Options::credentials",
            if key == "authname" { "n" } else { "" },
            self.source.host
        ))
    }

    fn pick(&self, offered: &[String]) -> Result<&'static str, String> {
        let has = |m: &str| offered.iter().any(|o| o.eq_ignore_ascii_case(m));
        // The program's own mechanisms first: it added them to be used.
        if let Some(p) = self
            .source
            .plugins
            .iter()
            .find(|p| has(p.name) && (self.source.secure || p.security_layer))
        {
            return Ok(p.name);
        }
        if !self.source.secure {
            let how = if has("GSSAPI") {
                "add GSSAPI with the libvirt-gssapi crate (Options::sasl_plugin(libvirt_gssapi::plugin())), or "
            } else {
                ""
            };
            return Err(format!(
                "the server offers {} on a plain TCP connection, where libvirt needs a mechanism with a security layer (GSSAPI): {how}connect with TLS (qemu+tls://) or ssh (qemu+ssh://), where SCRAM-SHA-256 works",
                offered.join(", ")
            ));
        }
        MECHANISMS.iter().copied().find(|m| has(m)).ok_or_else(|| {
            let gssapi = if has("GSSAPI") {
                " (GSSAPI needs the libvirt-gssapi crate: Options::sasl_plugin(libvirt_gssapi::plugin()))"
            } else {
                ""
            };
            format!(
                "the server offers only {} and this client runs {}{gssapi}: or add scram-sha-256 to mech_list in the server's sasl2 libvirt.conf",
                offered.join(", "),
                self.names().join(", ")
            )
        })
    }

    fn names(&self) -> Vec<&'static str> {
        self.source
            .plugins
            .iter()
            .map(|p| p.name)
            .chain(MECHANISMS.iter().copied())
            .collect()
    }

    /// Answers one SASL step of the core.
    pub(crate) fn on_event(&mut self, conn: &mut Connection, event: SaslEvent) {
        if let Err(reason) = self.step(conn, event) {
            conn.sasl_fail(reason);
        }
    }

    fn step(&mut self, conn: &mut Connection, event: SaslEvent) -> Result<(), String> {
        match event {
            SaslEvent::Start { mechanisms } => {
                let name = self.pick(&mechanisms)?;
                let mut mech = self.mechanism_for(name)?;
                let (data, done) = mech.start()?;
                tracing::debug!(mechanism = name, "SASL start");
                self.name = name.to_owned();
                self.mechanism = Some(mech);
                conn.sasl_start(name, data.as_deref(), done);
                Ok(())
            }
            SaslEvent::Challenge { data, .. } => {
                let mech = self
                    .mechanism
                    .as_mut()
                    .ok_or_else(|| "a SASL challenge before the start".to_owned())?;
                let (response, done) = mech.step(data.as_deref())?;
                // The core decides: done on both sides ends the exchange,
                // anything else goes to the server.
                conn.sasl_step(response.as_deref(), done);
                Ok(())
            }
            SaslEvent::Complete => {
                self.layer = self.mechanism.as_mut().and_then(|m| m.security_layer());
                let ssf = self.layer.as_ref().map_or(0, |l| l.ssf());
                tracing::debug!(mechanism = %self.name, ssf, "SASL done");
                // libvirt's floor on plain TCP: 56.
                if !self.source.secure && ssf < 56 {
                    return Err(format!(
                        "SASL {} negotiated a security strength of {ssf}, and plain TCP needs 56 or more: use TLS (qemu+tls://)",
                        self.name
                    ));
                }
                Ok(())
            }
            other => Err(format!("unexpected SASL step {other:?}")),
        }
    }

    fn mechanism_for(&self, name: &'static str) -> Result<Box<dyn SaslMechanism>, String> {
        if let Some(p) = self.source.plugins.iter().find(|p| p.name == name) {
            let peer = SaslPeer {
                service: "libvirt",
                host: self.source.host.clone(),
            };
            return (p.factory)(&peer);
        }
        let user = self.credential(CredentialKind::AuthName, name)?;
        let pass = self.credential(CredentialKind::Password, name)?;
        let mech: Box<dyn Mechanism + Send> = match name {
            "SCRAM-SHA-256" => Box::new(
                Scram::<Sha256>::new(user, pass, ChannelBinding::None)
                    .map_err(|e| format!("SCRAM: {e:?}"))?,
            ),
            "SCRAM-SHA-1" => Box::new(
                Scram::<Sha1>::new(user, pass, ChannelBinding::None)
                    .map_err(|e| format!("SCRAM: {e:?}"))?,
            ),
            _ => Box::new(Plain::new(user, pass)),
        };
        Ok(Box::new(Builtin { mech, name }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONF: &str = "\
[credentials-test]
authname=fred
password=123456

[credentials-prod]
authname=bar
password=letmein

[auth-libvirt-test1.example.com]
credentials=test

[auth-libvirt-default]
credentials=prod

[auth-libvirt-broken]
credentials=nothere
";

    fn lookup(host: &str, key: &str) -> Result<Option<String>, String> {
        auth_conf_lookup(CONF, Path::new("auth.conf"), "libvirt", host, key)
    }

    #[test]
    fn auth_conf_host_then_default() {
        assert_eq!(
            lookup("test1.example.com", "authname").unwrap().as_deref(),
            Some("fred")
        );
        assert_eq!(
            lookup("test1.example.com", "password").unwrap().as_deref(),
            Some("123456")
        );
        assert_eq!(lookup("other", "authname").unwrap().as_deref(), Some("bar"));
        assert_eq!(lookup("other", "realm").unwrap(), None);
        let e = lookup("broken", "authname").unwrap_err();
        assert!(e.contains("missing group 'credentials-nothere'"), "{e}");
        let none = auth_conf_lookup(
            "[credentials-x]\nauthname=a\n",
            Path::new("f"),
            "libvirt",
            "h",
            "authname",
        );
        assert_eq!(none.unwrap(), None);
        let e = auth_conf_lookup(
            "[auth-libvirt-h]\nx=1\n",
            Path::new("f"),
            "libvirt",
            "h",
            "authname",
        )
        .unwrap_err();
        assert!(e.contains("missing item 'credentials'"), "{e}");
    }

    #[test]
    fn picks_the_best_mechanism_and_refuses_plain_tcp() {
        let mut c = SaslClient::new(AuthSource {
            secure: true,
            ..AuthSource::default()
        });
        let offered = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            c.pick(&offered(&["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"])),
            Ok("SCRAM-SHA-256")
        );
        assert_eq!(c.pick(&offered(&["scram-sha-1"])), Ok("SCRAM-SHA-1"));
        let e = c.pick(&offered(&["GSSAPI"])).unwrap_err();
        assert!(e.contains("GSSAPI") && e.contains("scram-sha-256"), "{e}");
        c.source.secure = false;
        let e = c.pick(&offered(&["SCRAM-SHA-256"])).unwrap_err();
        assert!(e.contains("plain TCP") && e.contains("qemu+tls://"), "{e}");
        let e = c.pick(&offered(&["GSSAPI"])).unwrap_err();
        assert!(e.contains("libvirt_gssapi::plugin()"), "{e}");
    }
}
