//! Connection options and where a URI leads.

use std::time::Duration;

use libvirt_core::{Config, KeepaliveConfig, Open};
use libvirt_transport::{Endpoint, Environment, LibvirtUri, admin_endpoint, default_endpoint};

use crate::Error;

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
#[derive(Clone, Debug)]
pub struct Options {
    pub(crate) read_only: bool,
    pub(crate) keepalive: Option<KeepaliveConfig>,
    pub(crate) call_timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) event_queue_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            read_only: false,
            keepalive: Some(KeepaliveConfig::default()),
            call_timeout: None,
            connect_timeout: Some(Duration::from_secs(30)),
            event_queue_limit: 65536,
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

    /// How long connecting and the open sequence may take (default 30 s).
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
pub struct Target {
    /// The socket to connect.
    pub endpoint: Endpoint,
    /// The open sequence to run on it.
    pub open: Open,
}

impl Target {
    /// Resolves a libvirt URI as virsh does: `None` means
    /// `LIBVIRT_DEFAULT_URI`, else the daemon's default (the first system or
    /// session socket that exists, and the daemon picks the driver).
    pub fn resolve(uri: Option<&str>, options: &Options) -> Result<Target, Error> {
        let env = Environment::current();
        let parsed = match uri {
            Some(s) => Some(LibvirtUri::parse(s)?),
            None => LibvirtUri::from_env()?,
        };
        match parsed {
            Some(uri) => {
                // TLS and SSH give UriError::Unsupported here.
                Ok(Target {
                    endpoint: uri.endpoint(&env, options.read_only)?,
                    open: Open::Remote {
                        name: Some(uri.remote_name()),
                        read_only: options.read_only,
                    },
                })
            }
            None => Ok(Target {
                endpoint: default_endpoint(&env, options.read_only)?,
                open: Open::Remote {
                    name: None,
                    read_only: options.read_only,
                },
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
        })
    }
}
