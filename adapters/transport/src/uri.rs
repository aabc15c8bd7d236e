//! Parsing libvirt URIs and building the name sent in `CONNECT_OPEN`.

use std::ffi::OsStr;
use std::fmt;
use std::str::FromStr;

use crate::error::UriError;
use crate::escape;

/// Default port of the `tcp` transport (libvirtd's and virtproxyd's
/// `tcp_port`).
pub const DEFAULT_TCP_PORT: u16 = 16509;

/// Default port of the `tls` transport (libvirtd's and virtproxyd's
/// `tls_port`).
pub const DEFAULT_TLS_PORT: u16 = 16514;

/// The parameters the client consumes itself and never forwards to the
/// daemon in the `CONNECT_OPEN` name (matched ignoring ASCII case, as
/// libvirt does).
pub const CLIENT_ONLY_PARAMS: &[&str] = &[
    "name",
    "command",
    "socket",
    "auth",
    "sshauth",
    "netcat",
    "keyfile",
    "pkipath",
    "known_hosts",
    "known_hosts_verify",
    "tls_priority",
    "mode",
    "proxy",
    "no_sanity",
    "no_verify",
    "no_tty",
    "authfile",
];

/// How the client reaches the daemon: the part of the URI scheme after `+`.
///
/// Without a `+transport` the default is [`Transport::Tls`] if the URI names
/// a host and [`Transport::Unix`] otherwise.
///
/// ```
/// use libvirt_transport::{LibvirtUri, Transport};
///
/// assert_eq!(LibvirtUri::parse("qemu:///system")?.transport(), Transport::Unix);
/// assert_eq!(LibvirtUri::parse("qemu://host/system")?.transport(), Transport::Tls);
/// assert_eq!(LibvirtUri::parse("qemu+SSH://host/system")?.transport(), Transport::Ssh);
/// assert_eq!(Transport::Tcp.to_string(), "tcp");
/// # Ok::<(), libvirt_transport::UriError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Transport {
    /// A local UNIX socket (`+unix`).
    Unix,
    /// Plain TCP, no encryption (`+tcp`).
    Tcp,
    /// TLS over TCP (`+tls`).
    Tls,
    /// The `ssh` binary, running `virt-ssh-helper` or `nc` on the host
    /// (`+ssh`).
    Ssh,
    /// libssh, in process (`+libssh`).
    Libssh,
    /// libssh2, in process (`+libssh2`).
    Libssh2,
    /// Any command given by `?command=`, talking on its stdin/stdout
    /// (`+ext`).
    Ext,
}

impl Transport {
    /// The name as written after `+` in a URI scheme.
    ///
    /// ```
    /// assert_eq!(libvirt_transport::Transport::Libssh2.as_str(), "libssh2");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Unix => "unix",
            Transport::Tcp => "tcp",
            Transport::Tls => "tls",
            Transport::Ssh => "ssh",
            Transport::Libssh => "libssh",
            Transport::Libssh2 => "libssh2",
            Transport::Ext => "ext",
        }
    }

    /// The port used when the URI gives none: 16509 for TCP, 16514 for TLS,
    /// `None` for the others (the SSH transports leave it to SSH).
    ///
    /// ```
    /// use libvirt_transport::Transport;
    ///
    /// assert_eq!(Transport::Tcp.default_port(), Some(16509));
    /// assert_eq!(Transport::Tls.default_port(), Some(16514));
    /// assert_eq!(Transport::Ssh.default_port(), None);
    /// ```
    pub fn default_port(self) -> Option<u16> {
        match self {
            Transport::Tcp => Some(DEFAULT_TCP_PORT),
            Transport::Tls => Some(DEFAULT_TLS_PORT),
            _ => None,
        }
    }

    fn from_suffix(suffix: &str) -> Option<Transport> {
        Some(match suffix {
            "unix" => Transport::Unix,
            "tcp" => Transport::Tcp,
            "tls" => Transport::Tls,
            "ssh" => Transport::Ssh,
            "libssh" => Transport::Libssh,
            "libssh2" => Transport::Libssh2,
            "ext" => Transport::Ext,
            _ => return None,
        })
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which daemon a local connection goes to (`?mode=`, libvirt's
/// `remote_mode`).
///
/// ```
/// use libvirt_transport::{LibvirtUri, Mode};
///
/// assert_eq!(LibvirtUri::parse("qemu:///system")?.mode()?, Mode::Auto);
/// assert_eq!(LibvirtUri::parse("qemu:///system?mode=legacy")?.mode()?, Mode::Legacy);
/// assert!(LibvirtUri::parse("qemu:///system?mode=fast")?.mode().is_err());
/// # Ok::<(), libvirt_transport::UriError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// The driver's own daemon if its socket exists, else libvirtd or
    /// virtproxyd if theirs exists, else the driver's own daemon.
    #[default]
    Auto,
    /// Always libvirtd or virtproxyd (`libvirt-sock`).
    Legacy,
    /// Always the driver's own daemon (`virt<driver>d-sock`).
    Direct,
}

impl Mode {
    /// The name as written in `?mode=`.
    ///
    /// ```
    /// assert_eq!(libvirt_transport::Mode::Direct.as_str(), "direct");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Auto => "auto",
            Mode::Legacy => "legacy",
            Mode::Direct => "direct",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed libvirt connection URI, such as `qemu:///system`,
/// `qemu+ssh://user@host/system?keyfile=id` or
/// `test+tcp://[::1]:16599/default`.
///
/// Components are kept percent-decoded. The scheme is lower-cased (by the
/// URL parser), so `QEMU:///system` is the same as `qemu:///system`.
///
/// ```
/// use libvirt_transport::{LibvirtUri, Transport};
///
/// let uri = LibvirtUri::parse("qemu+ssh://alice@kvm1:2222/system?keyfile=/k&x=a%20b#frag")?;
/// assert_eq!(uri.driver(), "qemu");
/// assert_eq!(uri.transport(), Transport::Ssh);
/// assert_eq!(uri.user(), Some("alice"));
/// assert_eq!(uri.host(), Some("kvm1"));
/// assert_eq!(uri.port(), Some(2222));
/// assert_eq!(uri.path(), "/system");
/// assert_eq!(uri.param("x"), Some("a b"));
/// assert_eq!(uri.fragment(), Some("frag"));
/// assert_eq!(uri.remote_name(), "qemu:///system?x=a%20b#frag");
/// assert_eq!(uri.as_str(), "qemu+ssh://alice@kvm1:2222/system?keyfile=/k&x=a%20b#frag");
/// # Ok::<(), libvirt_transport::UriError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibvirtUri {
    original: String,
    /// The whole scheme, lower-cased, e.g. `qemu+ssh`.
    scheme: String,
    /// The scheme up to `+`, e.g. `qemu` or `remote`.
    driver: String,
    transport: Transport,
    user: Option<String>,
    host: Option<String>,
    port: Option<u16>,
    path: String,
    params: Vec<(String, String)>,
    fragment: Option<String>,
}

impl LibvirtUri {
    /// Parses a libvirt URI.
    ///
    /// The rules are libvirt's: the scheme is `driver[+transport]`, the
    /// transport one of `unix`, `tcp`, `tls`, `ssh`, `libssh`, `libssh2`,
    /// `ext` (any case); `+unix` with a host is an error; port 0 means "the
    /// default". Query parameters are split as libvirt splits them: at `&`
    /// (or, in a section with no `&` left, at `;`), `name` without `=` has
    /// the value `""`, a section starting with `=` is ignored, and `+` is not
    /// a space.
    ///
    /// Errors: [`UriError::Parse`] for what is not a URI with a scheme and a
    /// `//` part (URI aliases from libvirt.conf are not supported), for a bad
    /// percent-escape or one that decodes to NUL or invalid UTF-8;
    /// [`UriError::UnknownTransport`]; [`UriError::UnixWithHost`].
    ///
    /// ```
    /// use libvirt_transport::{LibvirtUri, UriError};
    ///
    /// let uri = LibvirtUri::parse("test+tcp://127.0.0.1:16599/default")?;
    /// assert_eq!((uri.host(), uri.port()), (Some("127.0.0.1"), Some(16599)));
    ///
    /// assert!(matches!(LibvirtUri::parse("not a uri"), Err(UriError::Parse { .. })));
    /// assert!(matches!(
    ///     LibvirtUri::parse("qemu+unix://host/system"),
    ///     Err(UriError::UnixWithHost { .. })
    /// ));
    /// # Ok::<(), UriError>(())
    /// ```
    pub fn parse(s: &str) -> Result<LibvirtUri, UriError> {
        let parse_error = |reason: &str| UriError::Parse {
            uri: s.to_owned(),
            reason: reason.to_owned(),
        };
        let url = url::Url::parse(s).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => parse_error(
                "it has no scheme, such as qemu:///system (URI aliases from libvirt.conf are not supported)",
            ),
            other => parse_error(&other.to_string()),
        })?;
        if url.cannot_be_a_base() {
            return Err(parse_error(
                "it has no '//' after the scheme (write e.g. qemu:///system)",
            ));
        }
        let decode = |what: &str, value: &str| {
            escape::decode(value).map_err(|reason| parse_error(&format!("in the {what}: {reason}")))
        };

        let scheme = url.scheme().to_owned();
        let (driver, suffix) = match scheme.split_once('+') {
            Some((driver, suffix)) => (driver.to_owned(), Some(suffix)),
            None => (scheme.clone(), None),
        };

        let host = match url.host() {
            None => None,
            Some(url::Host::Domain("")) => None,
            Some(url::Host::Domain(domain)) => Some(decode("host", domain)?),
            Some(url::Host::Ipv4(addr)) => Some(addr.to_string()),
            Some(url::Host::Ipv6(addr)) => Some(addr.to_string()),
        };

        let transport = match suffix {
            Some(suffix) => {
                let transport =
                    Transport::from_suffix(suffix).ok_or_else(|| UriError::UnknownTransport {
                        transport: suffix.to_owned(),
                    })?;
                if let (Transport::Unix, Some(host)) = (transport, &host) {
                    return Err(UriError::UnixWithHost { host: host.clone() });
                }
                transport
            }
            None if host.is_some() => Transport::Tls,
            None => Transport::Unix,
        };

        // libxml2 keeps "user:password" together as the user.
        let user = match (url.username(), url.password()) {
            ("", None) => None,
            (user, None) => Some(decode("user", user)?),
            (user, Some(password)) => Some(decode("user", &format!("{user}:{password}"))?),
        };

        Ok(LibvirtUri {
            original: s.to_owned(),
            user,
            host,
            port: url.port().filter(|&p| p != 0),
            path: decode("path", url.path())?,
            params: match url.query() {
                Some(query) => split_params(query)
                    .map_err(|reason| parse_error(&format!("in the query parameters: {reason}")))?,
                None => Vec::new(),
            },
            fragment: url.fragment().map(|f| decode("fragment", f)).transpose()?,
            transport,
            driver,
            scheme,
        })
    }

    /// The URI in `LIBVIRT_DEFAULT_URI`, if that is set and not empty.
    ///
    /// `None` means the caller connects without a URI: it picks the socket
    /// with [`default_endpoint`](crate::default_endpoint) and sends the name
    /// `""`, so that the daemon chooses its driver. (libvirt's C client
    /// would also read `uri_default` from libvirt.conf; this crate does not
    /// read configuration files.)
    ///
    /// ```no_run
    /// use libvirt_transport::LibvirtUri;
    ///
    /// match LibvirtUri::from_env()? {
    ///     Some(uri) => println!("connecting to {uri}, name {:?}", uri.remote_name()),
    ///     None => println!("no default URI: the daemon chooses"),
    /// }
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn from_env() -> Result<Option<LibvirtUri>, UriError> {
        from_env_value(std::env::var_os("LIBVIRT_DEFAULT_URI").as_deref())
    }

    /// The URI as it was given.
    ///
    /// ```
    /// let uri = libvirt_transport::LibvirtUri::parse("QEMU:///system")?;
    /// assert_eq!(uri.as_str(), "QEMU:///system");
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// The whole scheme, lower-cased: `qemu`, `qemu+ssh`, `remote+tcp`...
    ///
    /// ```
    /// let uri = libvirt_transport::LibvirtUri::parse("qemu+TCP://h/system")?;
    /// assert_eq!(uri.scheme(), "qemu+tcp");
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The driver: the scheme up to `+` (`qemu`, `test`, `lxc`, `xen`,
    /// `network`...), or `""` for `remote://`, which names no driver and
    /// lets the daemon choose.
    ///
    /// ```
    /// use libvirt_transport::LibvirtUri;
    ///
    /// assert_eq!(LibvirtUri::parse("lxc+unix:///system")?.driver(), "lxc");
    /// assert_eq!(LibvirtUri::parse("remote+tcp://h/")?.driver(), "");
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn driver(&self) -> &str {
        if self.driver == "remote" {
            ""
        } else {
            &self.driver
        }
    }

    /// The transport: explicit after `+`, else TLS if there is a host, else
    /// UNIX.
    ///
    /// ```
    /// use libvirt_transport::{LibvirtUri, Transport};
    ///
    /// assert_eq!(LibvirtUri::parse("xen://host/")?.transport(), Transport::Tls);
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn transport(&self) -> Transport {
        self.transport
    }

    /// The user, percent-decoded (for SSH). As in libvirt, a
    /// `user:password` user-info is returned whole.
    ///
    /// ```
    /// use libvirt_transport::LibvirtUri;
    ///
    /// assert_eq!(LibvirtUri::parse("qemu+ssh://root@h/system")?.user(), Some("root"));
    /// assert_eq!(LibvirtUri::parse("qemu+ssh://h/system")?.user(), None);
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// The host, if any; an IPv6 address comes without its brackets.
    ///
    /// ```
    /// use libvirt_transport::LibvirtUri;
    ///
    /// assert_eq!(LibvirtUri::parse("qemu+tcp://[::1]/system")?.host(), Some("::1"));
    /// assert_eq!(LibvirtUri::parse("qemu:///system")?.host(), None);
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    /// The port written in the URI, if any (port 0 counts as none, as in
    /// libvirt). See [`Transport::default_port`] for the default.
    ///
    /// ```
    /// use libvirt_transport::LibvirtUri;
    ///
    /// assert_eq!(LibvirtUri::parse("qemu+tcp://h:1234/system")?.port(), Some(1234));
    /// assert_eq!(LibvirtUri::parse("qemu+tcp://h/system")?.port(), None);
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The path, percent-decoded: `/system`, `/session`, `/default`, or
    /// `""` if the URI has none (`xen://host`).
    ///
    /// ```
    /// use libvirt_transport::LibvirtUri;
    ///
    /// assert_eq!(LibvirtUri::parse("qemu:///session")?.path(), "/session");
    /// assert_eq!(LibvirtUri::parse("test:///tmp/my%20node.xml")?.path(), "/tmp/my node.xml");
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The fragment (after `#`), percent-decoded, if any.
    ///
    /// ```
    /// let uri = libvirt_transport::LibvirtUri::parse("test:///default#x")?;
    /// assert_eq!(uri.fragment(), Some("x"));
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// The value of query parameter `name`, percent-decoded.
    ///
    /// Names are matched ignoring ASCII case, as libvirt matches its
    /// client-side parameters; if a parameter is repeated the last one wins,
    /// as in libvirt. A parameter written without `=` has the value `""`.
    ///
    /// ```
    /// let uri = libvirt_transport::LibvirtUri::parse(
    ///     "qemu:///system?socket=/tmp/a%20b&Mode=direct&flag&x=1&x=2",
    /// )?;
    /// assert_eq!(uri.param("socket"), Some("/tmp/a b"));
    /// assert_eq!(uri.param("mode"), Some("direct"));
    /// assert_eq!(uri.param("flag"), Some(""));
    /// assert_eq!(uri.param("x"), Some("2"));
    /// assert_eq!(uri.param("missing"), None);
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// All query parameters in order, names and values percent-decoded.
    ///
    /// ```
    /// let uri = libvirt_transport::LibvirtUri::parse("qemu:///system?a=1&b=x%2By")?;
    /// let params: Vec<_> = uri.params().collect();
    /// assert_eq!(params, [("a", "1"), ("b", "x+y")]);
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.params.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The name to send in `CONNECT_OPEN`.
    ///
    /// As libvirt's client builds it: `+transport`, user, host and port are
    /// dropped, and so are the client-only parameters
    /// ([`CLIENT_ONLY_PARAMS`], matched ignoring case); the path, the other
    /// parameters and the fragment are kept, re-encoded as libvirt encodes
    /// them (the path and fragment as libxml2 writes them, parameter values
    /// with everything but `A-Za-z0-9-._~` percent-encoded). A `?name=`
    /// parameter overrides all that (the last one, taken as it is after
    /// decoding), and `remote://` URIs send `""` so that the daemon chooses.
    ///
    /// ```
    /// use libvirt_transport::LibvirtUri;
    ///
    /// let name = |s| LibvirtUri::parse(s).unwrap().remote_name();
    /// assert_eq!(name("qemu+ssh://host/system"), "qemu:///system");
    /// assert_eq!(name("qemu+ssh://u@h/system?keyfile=k&x=y"), "qemu:///system?x=y");
    /// assert_eq!(name("qemu+tcp://h/?name=qemu:///session"), "qemu:///session");
    /// assert_eq!(name("remote:///"), "");
    /// ```
    pub fn remote_name(&self) -> String {
        self.format_name(&[])
    }

    /// The URI given to `virt-ssh-helper` on the far side of an ssh
    /// connection: [`LibvirtUri::remote_name`], but with the `mode` and
    /// `socket` parameters kept (libvirt's `remoteConnectFormatURI` with
    /// `unmask`), since the helper picks the socket.
    ///
    /// ```
    /// use libvirt_transport::LibvirtUri;
    ///
    /// let uri = LibvirtUri::parse("qemu+ssh://h/system?mode=direct&keyfile=k&x=1")?;
    /// assert_eq!(uri.helper_name(), "qemu:///system?mode=direct&x=1");
    /// assert_eq!(uri.remote_name(), "qemu:///system?x=1");
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn helper_name(&self) -> String {
        self.format_name(&["mode", "socket"])
    }

    fn format_name(&self, unmasked: &[&str]) -> String {
        if let Some(name) = self.param("name") {
            return name.to_owned();
        }
        if self.driver == "remote" {
            return String::new();
        }
        let mut name = format!(
            "{}://{}",
            self.driver,
            escape::encode(&self.path, escape::is_path_char)
        );
        let mut first = true;
        for (param, value) in &self.params {
            let masked = |c: &&str| c.eq_ignore_ascii_case(param);
            if CLIENT_ONLY_PARAMS.iter().any(masked) && !unmasked.iter().any(masked) {
                continue;
            }
            name.push(if first { '?' } else { '&' });
            first = false;
            name.push_str(&escape::encode(param, escape::is_unreserved));
            name.push('=');
            name.push_str(&escape::encode(value, escape::is_unreserved));
        }
        if let Some(fragment) = &self.fragment {
            name.push('#');
            name.push_str(&escape::encode(fragment, escape::is_fragment_char));
        }
        name
    }

    /// `?mode=`: `auto` (the default), `legacy` or `direct`, spelt exactly
    /// so (as libvirt requires); anything else is
    /// [`UriError::BadParam`].
    ///
    /// ```
    /// use libvirt_transport::{LibvirtUri, Mode};
    ///
    /// assert_eq!(LibvirtUri::parse("qemu:///system?mode=direct")?.mode()?, Mode::Direct);
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn mode(&self) -> Result<Mode, UriError> {
        match self.param("mode") {
            None | Some("auto") => Ok(Mode::Auto),
            Some("legacy") => Ok(Mode::Legacy),
            Some("direct") => Ok(Mode::Direct),
            Some(other) => Err(UriError::BadParam {
                name: "mode".to_owned(),
                value: other.to_owned(),
                expected: "auto, legacy or direct",
            }),
        }
    }

    /// The whole parameter list, names as decoded (for the admin rules,
    /// which match `socket` exactly).
    pub(crate) fn raw_params(&self) -> &[(String, String)] {
        &self.params
    }
}

impl fmt::Display for LibvirtUri {
    /// Writes the URI as it was given.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

impl FromStr for LibvirtUri {
    type Err = UriError;

    /// The same as [`LibvirtUri::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LibvirtUri::parse(s)
    }
}

/// [`LibvirtUri::from_env`] on a given value of `LIBVIRT_DEFAULT_URI`.
pub(crate) fn from_env_value(value: Option<&OsStr>) -> Result<Option<LibvirtUri>, UriError> {
    match value {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => match v.to_str() {
            Some(s) => LibvirtUri::parse(s).map(Some),
            None => Err(UriError::Parse {
                uri: v.to_string_lossy().into_owned(),
                reason: "LIBVIRT_DEFAULT_URI is not valid UTF-8".to_owned(),
            }),
        },
    }
}

/// Splits a raw query as libvirt's `virURIParseParams` does.
fn split_params(query: &str) -> Result<Vec<(String, String)>, &'static str> {
    let mut params = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        // libvirt looks for '&' first, and for ';' only if no '&' is left.
        let end = rest
            .find('&')
            .or_else(|| rest.find(';'))
            .unwrap_or(rest.len());
        let section = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        match section.find('=') {
            _ if section.is_empty() => {}
            // "=value": ignored, as CGI.pm does.
            Some(0) => {}
            None => params.push((escape::decode(section)?, String::new())),
            Some(eq) => params.push((
                escape::decode(&section[..eq])?,
                escape::decode(&section[eq + 1..])?,
            )),
        }
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_value() {
        assert_eq!(from_env_value(None), Ok(None));
        assert_eq!(from_env_value(Some(OsStr::new(""))), Ok(None));
        let uri = from_env_value(Some(OsStr::new("qemu:///system")))
            .unwrap()
            .unwrap();
        assert_eq!(uri.remote_name(), "qemu:///system");
        assert!(matches!(
            from_env_value(Some(OsStr::new("garbage"))),
            Err(UriError::Parse { .. })
        ));
    }

    #[test]
    #[cfg(unix)]
    fn env_value_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let err = from_env_value(Some(OsStr::from_bytes(b"qemu:///\xff"))).unwrap_err();
        assert!(err.to_string().contains("UTF-8"), "{err}");
    }

    #[test]
    fn split_like_libvirt() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("a=1&b=2", &[("a", "1"), ("b", "2")]),
            ("a=1;b=2", &[("a", "1"), ("b", "2")]),
            // ';' splits only where no '&' is left.
            ("a=1;b=2&c=3", &[("a", "1;b=2"), ("c", "3")]),
            ("&&a&=x&b=", &[("a", ""), ("b", "")]),
            ("a=x=y", &[("a", "x=y")]),
            ("a+b=c+d", &[("a+b", "c+d")]),
            ("a%3Db=%26", &[("a=b", "&")]),
            ("", &[]),
        ];
        for (query, want) in cases {
            let got = split_params(query).unwrap();
            let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (&a[..], &b[..])).collect();
            assert_eq!(&got[..], *want, "{query}");
        }
        assert!(split_params("a=%zz").is_err());
    }
}
