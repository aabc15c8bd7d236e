//! Where a TLS connection's credentials come from, and its URI settings.

use std::path::{Path, PathBuf};

use crate::env::Environment;
use crate::error::UriError;
use crate::uri::LibvirtUri;

/// The system CA directory (`cacert.pem`, `cacrl.pem`).
pub const SYSTEM_CA_DIR: &str = "/etc/pki/CA";
/// The system client certificate directory (`clientcert.pem`).
pub const SYSTEM_CERT_DIR: &str = "/etc/pki/libvirt";
/// The system client key directory (`clientkey.pem`).
pub const SYSTEM_KEY_DIR: &str = "/etc/pki/libvirt/private";

/// The four files of a TLS client, as libvirt 11.3 locates them
/// (`virNetTLSContextLocateCredentials`).
///
/// - `pkipath=DIR`: all four in `DIR`, whether they exist or not (no
///   fallback).
/// - Not root: `$HOME/.pki/libvirt/`. The CA and the CRL each fall back to
///   the system one on their own when missing; the certificate and the key
///   fall back as a pair when either is missing.
/// - Root: the system files, `/etc/pki/CA/{cacert,cacrl}.pem`,
///   `/etc/pki/libvirt/clientcert.pem`,
///   `/etc/pki/libvirt/private/clientkey.pem`.
///
/// Only the CA is required; without the CRL, nothing is revoked; without
/// the certificate or the key, the client sends no certificate.
///
/// ```
/// use libvirt_transport::{Environment, TlsFiles};
///
/// let user = Environment::simulated(false, None, ["/home/user/.pki/libvirt/cacert.pem"]);
/// let files = TlsFiles::locate(None, &user);
/// assert_eq!(files.ca, std::path::Path::new("/home/user/.pki/libvirt/cacert.pem"));
/// assert_eq!(files.cert, std::path::Path::new("/etc/pki/libvirt/clientcert.pem"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TlsFiles {
    /// The CA certificate(s), PEM (`cacert.pem`); required.
    pub ca: PathBuf,
    /// The CA's revocation list, PEM (`cacrl.pem`); used when it exists.
    pub crl: PathBuf,
    /// The client's certificate, PEM (`clientcert.pem`).
    pub cert: PathBuf,
    /// The client's private key, PEM (`clientkey.pem`).
    pub key: PathBuf,
}

impl TlsFiles {
    /// The files for `pkipath` (if given) in `env`.
    pub fn locate(pkipath: Option<&Path>, env: &Environment) -> TlsFiles {
        if let Some(dir) = pkipath {
            return TlsFiles::in_dir(dir, dir);
        }
        let system = TlsFiles {
            ca: Path::new(SYSTEM_CA_DIR).join("cacert.pem"),
            crl: Path::new(SYSTEM_CA_DIR).join("cacrl.pem"),
            cert: Path::new(SYSTEM_CERT_DIR).join("clientcert.pem"),
            key: Path::new(SYSTEM_KEY_DIR).join("clientkey.pem"),
        };
        let Some(home) = env.home_dir.as_ref().filter(|_| !env.is_root) else {
            return system;
        };
        let dir = home.join(".pki/libvirt");
        let user = TlsFiles::in_dir(&dir, &dir);
        let pick = |mine: PathBuf, theirs: PathBuf| if env.exists(&mine) { mine } else { theirs };
        let pair = env.exists(&user.cert) && env.exists(&user.key);
        TlsFiles {
            ca: pick(user.ca, system.ca),
            crl: pick(user.crl, system.crl),
            cert: if pair { user.cert } else { system.cert },
            key: if pair { user.key } else { system.key },
        }
    }

    fn in_dir(ca_dir: &Path, dir: &Path) -> TlsFiles {
        TlsFiles {
            ca: ca_dir.join("cacert.pem"),
            crl: ca_dir.join("cacrl.pem"),
            cert: dir.join("clientcert.pem"),
            key: dir.join("clientkey.pem"),
        }
    }
}

/// A TLS endpoint: where to connect, which files, and how strictly to
/// check.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TlsEndpoint {
    /// The host as written in the URI (`localhost` if none): the name the
    /// server's certificate must carry.
    pub host: String,
    /// The port (default 16514).
    pub port: u16,
    /// The credential files.
    pub files: TlsFiles,
    /// Check the server's certificate (`no_verify=1` turns failures into
    /// warnings).
    pub verify: bool,
    /// Check this side's own certificate and CA before connecting
    /// (`no_sanity=1` skips it).
    pub sanity: bool,
    /// `tls_priority=`: a GnuTLS priority string. rustls has no such
    /// thing; it is kept so that a program can tell it was given, and
    /// ignored with a warning.
    pub priority: Option<String>,
}

/// A boolean URI parameter as libvirt reads it: an integer, non-zero is
/// true (`no_verify=yes` is an error, as in libvirt).
pub(crate) fn int_flag(uri: &LibvirtUri, name: &str) -> Result<bool, UriError> {
    match uri.param(name) {
        None => Ok(false),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .map(|n| n != 0)
            .map_err(|_| UriError::BadParam {
                name: name.to_owned(),
                value: v.to_owned(),
                expected: "an integer (0 or 1)",
            }),
    }
}

impl TlsEndpoint {
    /// The TLS endpoint of `uri` (which need not say `+tls`: it is the
    /// default for a URI with a host).
    pub(crate) fn from_uri(uri: &LibvirtUri, env: &Environment) -> Result<TlsEndpoint, UriError> {
        let pkipath = uri.param("pkipath").map(Path::new);
        Ok(TlsEndpoint {
            host: uri.host().unwrap_or("localhost").to_owned(),
            port: uri.port().unwrap_or(crate::uri::DEFAULT_TLS_PORT),
            files: TlsFiles::locate(pkipath, env),
            verify: !int_flag(uri, "no_verify")?,
            sanity: !int_flag(uri, "no_sanity")?,
            priority: uri.param("tls_priority").map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(root: bool, existing: &[&str]) -> Environment {
        Environment::simulated(root, None, existing.iter().copied())
    }

    #[test]
    fn pkipath_takes_all_four_without_fallback() {
        let files = TlsFiles::locate(Some(Path::new("/pki")), &env(false, &[]));
        assert_eq!(files.ca, Path::new("/pki/cacert.pem"));
        assert_eq!(files.crl, Path::new("/pki/cacrl.pem"));
        assert_eq!(files.cert, Path::new("/pki/clientcert.pem"));
        assert_eq!(files.key, Path::new("/pki/clientkey.pem"));
    }

    #[test]
    fn root_uses_the_system_files_even_when_home_has_some() {
        let files = TlsFiles::locate(None, &env(true, &["/home/user/.pki/libvirt/cacert.pem"]));
        assert_eq!(files.ca, Path::new("/etc/pki/CA/cacert.pem"));
        assert_eq!(files.crl, Path::new("/etc/pki/CA/cacrl.pem"));
        assert_eq!(files.cert, Path::new("/etc/pki/libvirt/clientcert.pem"));
        assert_eq!(
            files.key,
            Path::new("/etc/pki/libvirt/private/clientkey.pem")
        );
    }

    #[test]
    fn a_user_falls_back_file_by_file_and_cert_with_key_as_a_pair() {
        let u = "/home/user/.pki/libvirt";
        // CRL mine, CA the system's; only the cert of the pair: the
        // system pair.
        let files = TlsFiles::locate(
            None,
            &env(
                false,
                &[&format!("{u}/cacrl.pem"), &format!("{u}/clientcert.pem")],
            ),
        );
        assert_eq!(files.ca, Path::new("/etc/pki/CA/cacert.pem"));
        assert_eq!(files.crl, Path::new(&format!("{u}/cacrl.pem")));
        assert_eq!(files.cert, Path::new("/etc/pki/libvirt/clientcert.pem"));
        assert_eq!(
            files.key,
            Path::new("/etc/pki/libvirt/private/clientkey.pem")
        );
        // Both of the pair: mine.
        let files = TlsFiles::locate(
            None,
            &env(
                false,
                &[
                    &format!("{u}/clientcert.pem"),
                    &format!("{u}/clientkey.pem"),
                ],
            ),
        );
        assert_eq!(files.cert, Path::new(&format!("{u}/clientcert.pem")));
        assert_eq!(files.key, Path::new(&format!("{u}/clientkey.pem")));
    }

    #[test]
    fn uri_settings() {
        let e = env(true, &[]);
        let uri =
            LibvirtUri::parse("qemu://h.example/system?no_verify=1&tls_priority=NORMAL").unwrap();
        let t = TlsEndpoint::from_uri(&uri, &e).unwrap();
        assert_eq!(t.host, "h.example");
        assert_eq!(t.port, 16514);
        assert!(!t.verify);
        assert!(t.sanity);
        assert_eq!(t.priority.as_deref(), Some("NORMAL"));
        let uri = LibvirtUri::parse("qemu+tls://h:1234/system?no_sanity=2&no_verify=0").unwrap();
        let t = TlsEndpoint::from_uri(&uri, &e).unwrap();
        assert_eq!(t.port, 1234);
        assert!(t.verify && !t.sanity);
        let uri = LibvirtUri::parse("qemu+tls://h/system?no_verify=yes").unwrap();
        assert!(matches!(
            TlsEndpoint::from_uri(&uri, &e),
            Err(UriError::BadParam { .. })
        ));
    }
}
