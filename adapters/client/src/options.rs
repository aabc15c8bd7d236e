//! Connection options and where a URI leads.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use libvirt_core::{Auth, Config, KeepaliveConfig, Open};
use libvirt_transport::{
    Endpoint, Environment, LibvirtUri, UriError, admin_endpoint, default_endpoint,
};

use crate::Error;
use crate::sasl::{CredentialCallback, CredentialRequest, SaslPlugin};

/// How to connect and how the connection behaves.
///
/// ```
/// use std::time::Duration;
/// use libvirt_client::Options;
///
/// let options = Options::new()
///     .read_only(true)
///     .call_timeout(Some(Duration::from_secs(30)))
///     .keepalive(Some((Duration::from_secs(2), 3)));
/// assert!(options.is_read_only());
/// ```
#[derive(Clone)]
pub struct Options {
    pub(crate) read_only: bool,
    pub(crate) keepalive: Option<KeepaliveConfig>,
    pub(crate) call_timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) event_queue_limit: usize,
    pub(crate) credentials: Option<CredentialCallback>,
    pub(crate) sasl_plugins: Vec<SaslPlugin>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("read_only", &self.read_only)
            .field("keepalive", &self.keepalive)
            .field("call_timeout", &self.call_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("event_queue_limit", &self.event_queue_limit)
            .field("credentials", &self.credentials.is_some())
            .field("sasl_plugins", &self.sasl_plugins)
            .finish()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            read_only: false,
            keepalive: Some(KeepaliveConfig::default()),
            call_timeout: None,
            connect_timeout: Some(Duration::from_secs(30)),
            event_queue_limit: 65536,
            credentials: None,
            sasl_plugins: Vec::new(),
        }
    }
}

impl Options {
    /// libvirt's defaults: read-write, keepalive every 5 s and 5 unanswered
    /// pings, no call timeout, 30 s to connect and open.
    pub fn new() -> Options {
        Options::default()
    }

    /// Opens the connection read-only (`virsh -r`): the read-only socket and
    /// `VIR_CONNECT_RO`.
    pub fn read_only(mut self, read_only: bool) -> Options {
        self.read_only = read_only;
        self
    }

    /// Keepalive `(interval, count)`: a PING after `interval` without
    /// traffic, the daemon declared dead after `count` unanswered ones.
    /// `None` turns pinging off (the daemon's pings are still answered).
    pub fn keepalive(mut self, keepalive: Option<(Duration, u32)>) -> Options {
        self.keepalive = keepalive.map(|(interval, count)| KeepaliveConfig { interval, count });
        self
    }

    /// A timeout for every call of the client (a call that times out gives
    /// [`Error::Timeout`] and is cancelled; the connection stays usable).
    /// [`crate::Client::with_timeout`] sets it per handle.
    pub fn call_timeout(mut self, timeout: Option<Duration>) -> Options {
        self.call_timeout = timeout;
        self
    }

    /// How long connecting the socket may take, and then how long the open
    /// sequence may take: each phase has this long (default 30 s), so a
    /// connection can take up to twice it. The blocking adapter bounds a
    /// TCP connect per address; its name lookup is the system's.
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Options {
        self.connect_timeout = timeout;
        self
    }

    /// How many undelivered events one subscription keeps; beyond that the
    /// oldest are dropped and counted (see
    /// [`crate::EventStream::missed`]). Default 65536.
    pub fn event_queue_limit(mut self, limit: usize) -> Options {
        self.event_queue_limit = limit.max(1);
        self
    }

    /// Where SASL credentials come from when libvirt's `auth.conf` has
    /// none for the host: the callback gets a [`CredentialRequest`] and
    /// answers `None` when it has nothing (the connection then fails with a
    /// message that says what was missing). It runs on the connection's
    /// I/O task (or thread), with the connection's state locked, while the
    /// connection opens: it may read a file or a prompt, but everything
    /// else of that connection waits meanwhile, and it must not use the
    /// connection itself (that would deadlock).
    ///
    /// ```
    /// use libvirt_client::{CredentialKind, Options};
    ///
    /// let options = Options::new().credentials(|req| match req.kind {
    ///     CredentialKind::AuthName => Some("admin".into()),
    ///     CredentialKind::Password => std::env::var("LIBVIRT_PASSWORD").ok(),
    ///     _ => None,
    /// });
    /// # let _ = options;
    /// ```
    pub fn credentials(
        mut self,
        callback: impl Fn(&CredentialRequest) -> Option<String> + Send + Sync + 'static,
    ) -> Options {
        self.credentials = Some(Arc::new(callback));
        self
    }

    /// Adds a SASL mechanism to the built-in ones (SCRAM-SHA-256,
    /// SCRAM-SHA-1, PLAIN): GSSAPI from the `libvirt-gssapi` crate, say.
    /// Plugged-in mechanisms are preferred when the server offers them.
    pub fn sasl_plugin(mut self, plugin: SaslPlugin) -> Options {
        self.sasl_plugins.push(plugin);
        self
    }

    /// The connect and open timeout.
    pub fn connect_timeout_value(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The default call timeout.
    pub fn call_timeout_value(&self) -> Option<Duration> {
        self.call_timeout
    }

    /// Whether the connection is opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The core's configuration for these options.
    pub fn core_config(&self) -> Config {
        let mut config = Config::default();
        config.keepalive = self.keepalive;
        config
    }
}

/// Where a connection goes, and what it asks the daemon to open.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Target {
    /// The socket to connect.
    pub endpoint: Endpoint,
    /// The open sequence to run on it.
    pub open: Open,
    /// How to authenticate.
    pub auth: AuthTarget,
}

/// How a connection authenticates: the URI's `auth=`, and where SASL
/// credentials are looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthTarget {
    /// `auth=`: what the server asks for (default), `polkit`, `sasl` or
    /// `sasl.MECH`.
    pub auth: Auth,
    /// The host as written in the URI, `localhost` if none: the
    /// `[auth-libvirt-HOST]` group of `auth.conf`.
    pub host: String,
    /// The URI's `authfile=`.
    pub authfile: Option<PathBuf>,
}

impl Default for AuthTarget {
    fn default() -> Self {
        AuthTarget {
            auth: Auth::Server,
            host: "localhost".into(),
            authfile: None,
        }
    }
}

impl AuthTarget {
    /// The authentication settings of a URI (libvirt's `auth=` values:
    /// `sasl`, `sasl.MECH`, `polkit`, ignoring case).
    pub fn from_uri(uri: &LibvirtUri) -> Result<AuthTarget, Error> {
        let auth = match uri.param("auth") {
            None => Auth::Server,
            Some(a) if a.eq_ignore_ascii_case("sasl") => Auth::Sasl { mechanism: None },
            Some(a) if a.len() > 5 && a[..5].eq_ignore_ascii_case("sasl.") => Auth::Sasl {
                mechanism: Some(a[5..].to_owned()),
            },
            Some(a) if a.eq_ignore_ascii_case("polkit") => Auth::Polkit,
            Some(other) => {
                return Err(UriError::BadParam {
                    name: "auth".into(),
                    value: other.into(),
                    expected: "sasl, sasl.MECHANISM or polkit",
                }
                .into());
            }
        };
        Ok(AuthTarget {
            auth,
            host: uri.host().unwrap_or("localhost").to_owned(),
            authfile: uri.param("authfile").map(PathBuf::from),
        })
    }
}

impl Target {
    /// Resolves a libvirt URI as virsh does: `None` means
    /// `LIBVIRT_DEFAULT_URI`, else the daemon's default (the first system or
    /// session socket that exists, and the daemon picks the driver). This is
    /// where the adapters read `LIBVIRT_DEFAULT_URI` (a [`CommandLine`](crate::CommandLine)
    /// leaves it to them).
    pub fn resolve(uri: Option<&str>, options: &Options) -> Result<Target, Error> {
        let env = Environment::current();
        let parsed = match uri {
            Some(s) => Some(LibvirtUri::parse(s)?),
            None => LibvirtUri::from_env()?,
        };
        match parsed {
            Some(uri) => Ok(Target {
                endpoint: uri.endpoint(&env, options.read_only)?,
                open: Open::Remote {
                    name: Some(uri.remote_name()),
                    read_only: options.read_only,
                },
                auth: AuthTarget::from_uri(&uri)?,
            }),
            None => Ok(Target {
                endpoint: default_endpoint(&env, options.read_only)?,
                open: Open::Remote {
                    name: None,
                    read_only: options.read_only,
                },
                auth: AuthTarget::default(),
            }),
        }
    }

    /// Resolves an admin URI (`libvirtd:///system`, `virtqemud:///session`,
    /// `...?socket=`) to the daemon's admin socket, as `virt-admin` does:
    /// `None` means `LIBVIRT_ADMIN_DEFAULT_URI`, else `libvirtd:///system`.
    pub fn resolve_admin(uri: Option<&str>) -> Result<Target, Error> {
        let from_env = std::env::var("LIBVIRT_ADMIN_DEFAULT_URI").ok();
        let uri = uri
            .or(from_env.as_deref().filter(|s| !s.is_empty()))
            .unwrap_or("libvirtd:///system");
        let uri = LibvirtUri::parse(uri)?;
        Ok(Target {
            endpoint: Endpoint::Unix(admin_endpoint(&uri, &Environment::current())?),
            open: Open::Admin { flags: 0 },
            auth: AuthTarget::default(),
        })
    }
}
