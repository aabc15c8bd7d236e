//! Where to connect: socket selection for UNIX URIs, host and port for TCP,
//! the no-URI default and the admin sockets.

use std::fmt;
use std::path::PathBuf;

use crate::env::Environment;
use crate::error::UriError;
use crate::ssh::SshEndpoint;
use crate::tls::TlsEndpoint;
use crate::uri::{DEFAULT_TCP_PORT, LibvirtUri, Mode, Transport};

/// The system drivers probed, in this order, when root connects without a
/// URI (the order virtproxyd probes them in).
pub const SYSTEM_PROBE_DRIVERS: &[&str] = &["xen", "qemu", "lxc", "vbox", "bhyve", "vz"];

/// The session drivers probed, in this order, when a non-root user
/// connects without a URI (the hypervisors with session daemons, in
/// virtproxyd's order).
pub const SESSION_PROBE_DRIVERS: &[&str] = &["qemu", "vbox"];

/// Where to connect.
///
/// ```
/// use libvirt_transport::{Endpoint, Environment, LibvirtUri};
///
/// let env = Environment::simulated(true, None, Vec::<&str>::new());
/// let uri = LibvirtUri::parse("qemu+tcp://[::1]/system")?;
/// let endpoint = uri.endpoint(&env, false)?;
/// assert_eq!(endpoint, Endpoint::Tcp { host: "::1".into(), port: 16509 });
/// assert_eq!(endpoint.to_string(), "[::1]:16509");
/// # Ok::<(), libvirt_transport::UriError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    /// A UNIX socket.
    Unix(PathBuf),
    /// A plain TCP connection.
    Tcp {
        /// Host name or address (an IPv6 address without brackets).
        host: String,
        /// Port.
        port: u16,
    },
    /// TLS over TCP (`+tls`, and the default for a URI with a host).
    Tls(TlsEndpoint),
    /// An `ssh` child process carrying the connection on its stdin and
    /// stdout (`+ssh`).
    Ssh(SshEndpoint),
}

impl fmt::Display for Endpoint {
    /// The socket's path, `host:port` (`[addr]:port` for IPv6),
    /// `tls://host:port`, or `ssh host`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Unix(path) => write!(f, "{}", path.display()),
            Endpoint::Tcp { host, port } if host.contains(':') => write!(f, "[{host}]:{port}"),
            Endpoint::Tcp { host, port } => write!(f, "{host}:{port}"),
            Endpoint::Tls(t) if t.host.contains(':') => write!(f, "tls://[{}]:{}", t.host, t.port),
            Endpoint::Tls(t) => write!(f, "tls://{}:{}", t.host, t.port),
            Endpoint::Ssh(s) => write!(f, "ssh {}", s.host),
        }
    }
}

impl LibvirtUri {
    /// Where to connect for this URI.
    ///
    /// **UNIX transport:**
    /// 1. `?socket=` wins.
    /// 2. The directory is the session one, `$XDG_RUNTIME_DIR/libvirt`, if
    ///    the process is not root and the path is `/session` or the driver is
    ///    `test` (libvirt says `test+…`; this crate has no in-process test
    ///    driver, so `test://` counts too); otherwise it is the system one,
    ///    [`Environment::system_run_dir`]. No `XDG_RUNTIME_DIR` for a session
    ///    socket is [`UriError::NoSessionDir`].
    /// 3. The *direct* socket is `virt<driver>d-sock` (`qemu` →
    ///    `virtqemud-sock`, `network` → `virtnetworkd-sock`, `xen` →
    ///    `virtxend-sock`...), the *legacy* one (libvirtd or virtproxyd)
    ///    `libvirt-sock`. Read-only connections use the `-sock-ro` variants
    ///    in the system directory; session daemons have none, so there they
    ///    use the same sockets (the daemon still gets the read-only flag of
    ///    `CONNECT_OPEN`).
    /// 4. `mode=auto` (the default): the direct socket if it exists, else
    ///    the legacy one if it exists, else the direct one (libvirt 11.3's
    ///    default mode). `mode=legacy` and `mode=direct` force the choice.
    /// 5. `remote://` and the test driver have no daemon of their own: auto
    ///    picks the legacy socket, and `mode=direct` is
    ///    [`UriError::NoDirectDaemon`].
    ///
    /// **TCP:** the URI's host (default `localhost`) and port (default
    /// 16509); `socket` and `mode` do not apply (a bad `mode` is still an
    /// error).
    ///
    /// **TLS:** [`Endpoint::Tls`]: the host (default `localhost`), port
    /// (default 16514), the credential files ([`crate::TlsFiles`]) and
    /// `no_verify`, `no_sanity`, `tls_priority`.
    ///
    /// **SSH:** [`Endpoint::Ssh`]: the `ssh` command line libvirt runs
    /// ([`SshEndpoint`]).
    ///
    /// **libssh, libssh2, ext:** [`UriError::Unsupported`] (use `+ssh`,
    /// which runs the system `ssh` with its configuration, agent and
    /// known hosts).
    ///
    /// ```
    /// use std::path::PathBuf;
    /// use libvirt_transport::{Endpoint, Environment, LibvirtUri};
    ///
    /// let user = Environment::simulated(
    ///     false,
    ///     Some(PathBuf::from("/run/user/1000")),
    ///     Vec::<PathBuf>::new(),
    /// );
    /// let uri = LibvirtUri::parse("qemu:///session")?;
    /// assert_eq!(
    ///     uri.endpoint(&user, false)?,
    ///     Endpoint::Unix("/run/user/1000/libvirt/virtqemud-sock".into())
    /// );
    ///
    /// let root = Environment::simulated(true, None, Vec::<PathBuf>::new());
    /// let uri = LibvirtUri::parse("network:///system")?;
    /// assert_eq!(
    ///     uri.endpoint(&root, true)?,
    ///     Endpoint::Unix("/run/libvirt/virtnetworkd-sock-ro".into())
    /// );
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn endpoint(&self, env: &Environment, read_only: bool) -> Result<Endpoint, UriError> {
        let mode = self.mode()?;
        match self.transport() {
            Transport::Unix => self.unix_socket(env, read_only, mode).map(Endpoint::Unix),
            Transport::Tcp => Ok(Endpoint::Tcp {
                host: self.host().unwrap_or("localhost").to_owned(),
                port: self.port().unwrap_or(DEFAULT_TCP_PORT),
            }),
            Transport::Tls => TlsEndpoint::from_uri(self, env).map(Endpoint::Tls),
            Transport::Ssh => SshEndpoint::from_uri(self, env, read_only).map(Endpoint::Ssh),
            other => Err(UriError::Unsupported {
                transport: other.as_str(),
            }),
        }
    }

    fn unix_socket(
        &self,
        env: &Environment,
        read_only: bool,
        mode: Mode,
    ) -> Result<PathBuf, UriError> {
        if let Some(socket) = self.param("socket") {
            return socket_param(socket);
        }
        let driver = self.driver();
        let session = !env.is_root
            && !self.path().is_empty()
            && (self.path() == "/session" || driver == "test");
        let (dir, suffix) = if session {
            (env.session_dir().ok_or(UriError::NoSessionDir)?, "sock")
        } else {
            (
                env.system_run_dir.clone(),
                if read_only { "sock-ro" } else { "sock" },
            )
        };
        let direct = has_own_daemon(driver).then(|| dir.join(format!("virt{driver}d-{suffix}")));
        let legacy = dir.join(format!("libvirt-{suffix}"));
        match (mode, direct) {
            (Mode::Legacy, _) => Ok(legacy),
            (Mode::Direct, Some(direct)) => Ok(direct),
            (Mode::Direct, None) => Err(UriError::NoDirectDaemon {
                driver: driver.to_owned(),
            }),
            (Mode::Auto, Some(direct)) if env.exists(&direct) => Ok(direct),
            (Mode::Auto, _) if env.exists(&legacy) => Ok(legacy),
            (Mode::Auto, Some(direct)) => Ok(direct),
            (Mode::Auto, None) => Ok(legacy),
        }
    }
}

/// Whether a driver has a daemon `virt<driver>d` of its own. `remote://`
/// names no driver, and the test driver lives inside libvirt's library, so
/// inside libvirtd and virtproxyd, with no `virttestd`.
fn has_own_daemon(driver: &str) -> bool {
    !driver.is_empty() && driver != "test"
}

fn socket_param(socket: &str) -> Result<PathBuf, UriError> {
    if socket.is_empty() {
        return Err(UriError::BadParam {
            name: "socket".to_owned(),
            value: String::new(),
            expected: "the path of a UNIX socket",
        });
    }
    Ok(PathBuf::from(socket))
}

/// Where to connect when there is no URI (no `LIBVIRT_DEFAULT_URI` either;
/// see [`LibvirtUri::from_env`]); the name sent in `CONNECT_OPEN` is then
/// `""` and the daemon picks its driver (`CONNECT_GET_URI` tells which).
///
/// Root probes the system sockets `virt{xen,qemu,lxc,vbox,bhyve,vz}d-sock`
/// ([`SYSTEM_PROBE_DRIVERS`], `-sock-ro` if read-only) in that order and
/// falls back to `libvirt-sock`. Other users probe
/// `$XDG_RUNTIME_DIR/libvirt/virt{qemu,vbox}d-sock`
/// ([`SESSION_PROBE_DRIVERS`]) and fall back to `libvirt-sock` there;
/// without `XDG_RUNTIME_DIR` that is [`UriError::NoSessionDir`].
///
/// libvirt's C client always goes through `libvirt-sock` here and lets
/// virtproxyd probe the same sockets in the same order; going straight to
/// the daemon it would pick saves a hop and ends in the same driver.
///
/// ```
/// use libvirt_transport::{Endpoint, Environment, default_endpoint};
///
/// let env = Environment::simulated(
///     true,
///     None,
///     ["/run/libvirt/virtlxcd-sock", "/run/libvirt/virtqemud-sock"],
/// );
/// assert_eq!(
///     default_endpoint(&env, false)?,
///     Endpoint::Unix("/run/libvirt/virtqemud-sock".into())
/// );
/// // No virtqemud-sock-ro or virtlxcd-sock-ro: libvirtd's socket.
/// assert_eq!(
///     default_endpoint(&env, true)?,
///     Endpoint::Unix("/run/libvirt/libvirt-sock-ro".into())
/// );
/// # Ok::<(), libvirt_transport::UriError>(())
/// ```
pub fn default_endpoint(env: &Environment, read_only: bool) -> Result<Endpoint, UriError> {
    let (dir, suffix, drivers) = if env.is_root {
        (
            env.system_run_dir.clone(),
            if read_only { "sock-ro" } else { "sock" },
            SYSTEM_PROBE_DRIVERS,
        )
    } else {
        (
            env.session_dir().ok_or(UriError::NoSessionDir)?,
            "sock",
            SESSION_PROBE_DRIVERS,
        )
    };
    let probed = drivers
        .iter()
        .map(|driver| dir.join(format!("virt{driver}d-{suffix}")))
        .find(|path| env.exists(path));
    Ok(Endpoint::Unix(
        probed.unwrap_or_else(|| dir.join(format!("libvirt-{suffix}"))),
    ))
}

/// The admin socket for an admin URI (the URIs of `virt-admin -c`).
///
/// - `?socket=` wins; it is the only parameter allowed (matched exactly,
///   as libvirt does), any other is [`UriError::UnknownParam`].
/// - The scheme names the daemon: `libvirtd` and `virtproxyd` use
///   `libvirt-admin-sock` (virtproxyd took over libvirtd's sockets),
///   `virt<name>d` uses `virt<name>d-admin-sock` (`virtqemud` →
///   `virtqemud-admin-sock`, also `virtlogd`, `virtlockd`...).
/// - `/system` is the system directory, `/session` the session directory
///   `$XDG_RUNTIME_DIR/libvirt` (also for root, as in libvirt).
/// - Admin connections are local: a host or a `+transport` is
///   [`UriError::BadAdminUri`], and so is any other scheme or path.
///
/// ```
/// use std::path::PathBuf;
/// use libvirt_transport::{Environment, LibvirtUri, admin_endpoint};
///
/// let env = Environment::simulated(false, Some(PathBuf::from("/run/user/1000")), Vec::<PathBuf>::new());
/// let admin = |s| admin_endpoint(&LibvirtUri::parse(s).unwrap(), &env);
/// assert_eq!(admin("libvirtd:///system")?, PathBuf::from("/run/libvirt/libvirt-admin-sock"));
/// assert_eq!(admin("virtqemud:///system")?, PathBuf::from("/run/libvirt/virtqemud-admin-sock"));
/// assert_eq!(
///     admin("virtqemud:///session")?,
///     PathBuf::from("/run/user/1000/libvirt/virtqemud-admin-sock")
/// );
/// assert_eq!(admin("libvirtd:///system?socket=/tmp/adm")?, PathBuf::from("/tmp/adm"));
/// # Ok::<(), libvirt_transport::UriError>(())
/// ```
pub fn admin_endpoint(uri: &LibvirtUri, env: &Environment) -> Result<PathBuf, UriError> {
    let bad = |reason| UriError::BadAdminUri {
        uri: uri.as_str().to_owned(),
        reason,
    };
    if uri.scheme().contains('+') {
        return Err(bad(
            "admin connections are local: the scheme takes no '+transport'",
        ));
    }
    if uri.host().is_some() {
        return Err(bad("admin connections are local: the URI names no host"));
    }
    let mut socket = None;
    for (name, value) in uri.raw_params() {
        if name == "socket" {
            socket = Some(value.as_str());
        } else {
            return Err(UriError::UnknownParam { name: name.clone() });
        }
    }
    if let Some(socket) = socket {
        return socket_param(socket);
    }
    let daemon = uri.scheme();
    let socket_name = match daemon {
        "libvirtd" | "virtproxyd" => "libvirt-admin-sock".to_owned(),
        d if d.starts_with("virt") && d.len() > "virt".len() => format!("{d}-admin-sock"),
        _ => {
            return Err(bad(
                "the scheme must name a daemon: libvirtd, virtproxyd or virt<name>d (e.g. virtqemud)",
            ));
        }
    };
    match uri.path() {
        "/system" => Ok(env.system_run_dir.join(socket_name)),
        "/session" => Ok(env
            .session_dir()
            .ok_or(UriError::NoSessionDir)?
            .join(socket_name)),
        _ => Err(bad("the path must be /system or /session")),
    }
}
