//! The client side of SASL: picks a mechanism, gets credentials (libvirt's
//! `auth.conf`, then the program's callback) and runs the mechanism
//! (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, from the `sasl` crate) for the
//! core's exchange.

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
    mechanism: Option<Box<dyn Mechanism + Send>>,
    name: String,
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
        if !self.source.secure {
            return Err(format!(
                "the server offers {} on a plain TCP connection, where libvirt needs a SASL security layer (GSSAPI or DIGEST-MD5), which libvirt-rs does not have: connect with TLS (qemu+tls://) or ssh (qemu+ssh://), where SCRAM-SHA-256 works",
                offered.join(", ")
            ));
        }
        MECHANISMS
            .iter()
            .copied()
            .find(|m| offered.iter().any(|o| o.eq_ignore_ascii_case(m)))
            .ok_or_else(|| {
                format!(
                    "the server offers only {} and libvirt-rs runs {} (GSSAPI and DIGEST-MD5 are not supported): add scram-sha-256 to mech_list in the server's sasl2 libvirt.conf",
                    offered.join(", "),
                    MECHANISMS.join(", ")
                )
            })
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
                let user = self.credential(CredentialKind::AuthName, name)?;
                let pass = self.credential(CredentialKind::Password, name)?;
                let mut mech: Box<dyn Mechanism + Send> = match name {
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
                let initial = mech.initial();
                // PLAIN is done on this side with its first message.
                let done = name == "PLAIN";
                tracing::debug!(mechanism = name, "SASL start");
                self.name = name.to_owned();
                self.mechanism = Some(mech);
                conn.sasl_start(name, Some(&initial), done);
                Ok(())
            }
            SaslEvent::Challenge {
                data,
                server_complete,
            } => {
                let mech = self
                    .mechanism
                    .as_mut()
                    .ok_or_else(|| "a SASL challenge before the start".to_owned())?;
                let data = data.unwrap_or_default();
                if self.name == "PLAIN" {
                    // Nothing more to say; done once the server is.
                    conn.sasl_step(None, true);
                    return Ok(());
                }
                if server_complete {
                    // SCRAM's server-final message: check the server's
                    // signature (mutual authentication).
                    mech.success(&data).map_err(|e| {
                        format!(
                            "the server's SCRAM proof is wrong ({e}): it does not know the password, or something is in the middle"
                        )
                    })?;
                    conn.sasl_step(None, true);
                } else {
                    let response = mech
                        .response(&data)
                        .map_err(|e| format!("SASL {}: {e}", self.name))?;
                    conn.sasl_step(Some(&response), false);
                }
                Ok(())
            }
            other => Err(format!("unexpected SASL step {other:?}")),
        }
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
    }
}
