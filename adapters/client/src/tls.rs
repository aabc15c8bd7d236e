//! TLS as libvirt's client does it, with rustls (ring): credentials from
//! libvirt's paths, libvirt's checks of this side's own certificate and
//! CA, the server's certificate checked against the CA (and CRL) with
//! libvirt's host-name rules, and the confirmation byte the server sends
//! after the handshake.
//!
//! TLS is a byte layer under the sans-IO core: its session turns the
//! runtime's socket ([`crate::Io`]) into a plaintext one, for every
//! adapter alike.

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::task::{Context, Poll};

use libvirt_transport::TlsEndpoint;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientConnection, WebPkiServerVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{
    CertificateDer, CertificateRevocationListDer, PrivateKeyDer, ServerName, UnixTime,
};
use rustls::server::WebPkiClientVerifier;
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::io::Io;

/// Why a TLS connection could not be made. Each message names the file or
/// the certificate field involved, and the likely fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// A credential file could not be read.
    #[error(
        "cannot read the {what} {}: {reason} (libvirt looks in pkipath=DIR, ~/.pki/libvirt for non-root users, then /etc/pki)",
        file.display()
    )]
    Read {
        /// Which file.
        file: PathBuf,
        /// "CA certificate", "CA revocation list", "client certificate",
        /// "client key".
        what: &'static str,
        /// What the system said.
        reason: String,
    },
    /// A credential file does not hold what it should.
    #[error("{}: {reason}", file.display())]
    BadFile {
        /// Which file.
        file: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// This side's own certificate or CA fails libvirt's sanity checks
    /// (skipped with `no_sanity=1`).
    #[error("{}: {problem} (no_sanity=1 skips this check)", file.display())]
    OwnCertificate {
        /// The certificate file.
        file: PathBuf,
        /// What is wrong, naming the field.
        problem: String,
    },
    /// The server's certificate was refused (`no_verify=1` turns this into
    /// a warning).
    #[error("the server's certificate for {host}: {problem}")]
    ServerCertificate {
        /// The host the URI names.
        host: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The URI's host cannot be a TLS server name.
    #[error("'{0}' is not a host name or address TLS can check a certificate against")]
    BadHost(String),
    /// The handshake failed.
    #[error("TLS handshake with {host} failed: {reason}")]
    Handshake {
        /// The host.
        host: String,
        /// What rustls or the server said.
        reason: String,
    },
    /// The server ended the connection after the handshake instead of
    /// confirming it: it refused this client's certificate or address.
    #[error(
        "{host} closed the connection after the TLS handshake ({detail}): the server rejected {} or our address; check that the certificate is signed by the server's CA, and the server's tls_allowed_dn_list",
        if *sent_cert { format!("our certificate ({})", cert.display()) } else { format!("us for sending no certificate (there is none at {})", cert.display()) }
    )]
    Rejected {
        /// The host.
        host: String,
        /// The certificate sent, or the file that would have been.
        cert: PathBuf,
        /// Whether a certificate was sent.
        sent_cert: bool,
        /// What was seen (end of file, an alert).
        detail: String,
    },
    /// The TLS connection failed after it was set up.
    #[error("TLS: {0}")]
    Session(String),
}

/// What a TLS connection needs before the socket is connected: the rustls
/// configuration (credentials loaded and checked) and the server name.
#[derive(Clone)]
pub struct TlsConnector {
    config: Arc<rustls::ClientConfig>,
    name: ServerName<'static>,
    host: String,
    cert: PathBuf,
    sent_cert: bool,
}

impl fmt::Debug for TlsConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConnector")
            .field("host", &self.host)
            .field("cert", &self.cert)
            .finish_non_exhaustive()
    }
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read(file: &Path, what: &'static str) -> Result<Vec<u8>, TlsError> {
    std::fs::read(file).map_err(|e| TlsError::Read {
        file: file.to_owned(),
        what,
        reason: e.to_string(),
    })
}

fn certs(file: &Path, what: &'static str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let pem = read(file, what)?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsError::BadFile {
            file: file.to_owned(),
            reason: format!("not a PEM {what}: {e}"),
        })?;
    if certs.is_empty() {
        return Err(TlsError::BadFile {
            file: file.to_owned(),
            reason: format!("no PEM certificate (-----BEGIN CERTIFICATE-----) in this {what} file"),
        });
    }
    Ok(certs)
}

impl TlsConnector {
    /// Loads and checks the credentials of `endpoint`, as libvirt does
    /// before it connects.
    pub fn new(endpoint: &TlsEndpoint) -> Result<TlsConnector, TlsError> {
        let files = &endpoint.files;
        if let Some(p) = &endpoint.priority {
            tracing::warn!(
                priority = %p,
                "tls_priority= is a GnuTLS priority string; rustls has none, so it is ignored"
            );
        }
        let cas = certs(&files.ca, "CA certificate")?;
        let mut roots = RootCertStore::empty();
        for (i, ca) in cas.iter().enumerate() {
            roots.add(ca.clone()).map_err(|e| TlsError::BadFile {
                file: files.ca.clone(),
                reason: format!("certificate {} is not a usable CA: {e}", i + 1),
            })?;
        }
        let crls = if files.crl.exists() {
            let pem = read(&files.crl, "CA revocation list")?;
            CertificateRevocationListDer::pem_slice_iter(&pem)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| TlsError::BadFile {
                    file: files.crl.clone(),
                    reason: format!("not a PEM revocation list: {e}"),
                })?
        } else {
            Vec::new()
        };
        // The client's own pair: both, or neither (libvirt then sends no
        // certificate).
        let own = if files.cert.exists() && files.key.exists() {
            let chain = certs(&files.cert, "client certificate")?;
            let key_pem = read(&files.key, "client key")?;
            let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| TlsError::BadFile {
                file: files.key.clone(),
                reason: format!("no PEM private key: {e}"),
            })?;
            Some((chain, key))
        } else {
            None
        };
        if endpoint.sanity {
            sanity_check_ca(&files.ca, &cas)?;
            if let Some((chain, _)) = &own {
                sanity_check_own(&files.cert, &files.ca, &chain[0], &roots)?;
            }
        }

        let roots = Arc::new(roots);
        let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider())
            .with_crls(crls)
            // As GnuTLS does: a CRL that is there is applied; a certificate
            // that no CRL covers (an intermediate's, say) is not refused.
            .only_check_end_entity_revocation()
            .allow_unknown_revocation_status()
            .build()
            .map_err(|e| TlsError::BadFile {
                file: files.crl.clone(),
                reason: format!("cannot use the CA and revocation list: {e}"),
            })?;
        let verifier = Arc::new(LibvirtVerifier {
            webpki,
            host: endpoint.host.clone(),
            ca: files.ca.clone(),
            verify: endpoint.verify,
        });
        let builder = rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsError::Handshake {
                host: endpoint.host.clone(),
                reason: e.to_string(),
            })?
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let mut config = match own {
            Some((chain, key)) => {
                builder
                    .with_client_auth_cert(chain, key)
                    .map_err(|e| TlsError::BadFile {
                        file: files.key.clone(),
                        reason: format!("does not go with {} ({e})", files.cert.display()),
                    })?
            }
            None => builder.with_no_client_auth(),
        };
        // libvirt's client sends no server name indication.
        config.enable_sni = false;
        let sent_cert = config.client_auth_cert_resolver.has_certs();
        let name = ServerName::try_from(endpoint.host.clone())
            .map_err(|_| TlsError::BadHost(endpoint.host.clone()))?;
        Ok(TlsConnector {
            config: Arc::new(config),
            name,
            host: endpoint.host.clone(),
            cert: files.cert.clone(),
            sent_cert,
        })
    }

    /// A session on a connected socket; its handshake runs as the
    /// connection's I/O starts.
    pub(crate) fn session(&self) -> Result<TlsSession, TlsError> {
        let conn = ClientConnection::new(self.config.clone(), self.name.clone()).map_err(|e| {
            TlsError::Handshake {
                host: self.host.clone(),
                reason: e.to_string(),
            }
        })?;
        Ok(TlsSession {
            conn,
            host: self.host.clone(),
            cert: self.cert.clone(),
            sent_cert: self.sent_cert,
            packet_left: 0,
            framed: true,
            phase: Phase::Handshake,
        })
    }
}

// ----- libvirt's checks of this side's own files ----------------------------------

fn parse<'a>(file: &Path, der: &'a [u8]) -> Result<X509Certificate<'a>, TlsError> {
    X509Certificate::from_der(der)
        .map(|(_, c)| c)
        .map_err(|e| TlsError::BadFile {
            file: file.to_owned(),
            reason: format!("not an X.509 certificate: {e}"),
        })
}

fn own_problem(file: &Path, problem: String) -> TlsError {
    TlsError::OwnCertificate {
        file: file.to_owned(),
        problem,
    }
}

fn check_times(file: &Path, cert: &X509Certificate<'_>, what: &str) -> Result<(), TlsError> {
    let validity = cert.validity();
    let now = x509_parser::time::ASN1Time::now();
    if validity.not_after < now {
        return Err(own_problem(
            file,
            format!("the {what} expired on {}", validity.not_after),
        ));
    }
    if validity.not_before > now {
        return Err(own_problem(
            file,
            format!("the {what} is not valid before {}", validity.not_before),
        ));
    }
    Ok(())
}

/// libvirt's `virNetTLSCertCheck` for the CA certificates.
fn sanity_check_ca(file: &Path, cas: &[CertificateDer<'_>]) -> Result<(), TlsError> {
    for der in cas {
        let ca = parse(file, der)?;
        check_times(file, &ca, "CA certificate")?;
        match ca.basic_constraints() {
            Ok(Some(bc)) if bc.value.ca => {}
            Ok(Some(_)) => {
                return Err(own_problem(
                    file,
                    "basicConstraints does not say CA:TRUE, so this is not a CA certificate".into(),
                ));
            }
            Ok(None) => {
                return Err(own_problem(
                    file,
                    "no basicConstraints extension, which a CA certificate needs (CA:TRUE)".into(),
                ));
            }
            Err(e) => return Err(own_problem(file, format!("basicConstraints: {e}"))),
        }
        if let Ok(Some(ku)) = ca.key_usage() {
            if !ku.value.key_cert_sign() {
                let problem = "keyUsage does not allow certificate signing (keyCertSign)";
                if ku.critical {
                    return Err(own_problem(file, problem.into()));
                }
                tracing::warn!(file = %file.display(), "{problem}");
            }
        }
    }
    Ok(())
}

const OID_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const OID_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
const OID_ANY_EKU: &str = "2.5.29.37.0";

/// Whether the extended key usage allows `purpose` (libvirt's rule: no
/// EKU allows everything; an unknown purpose other than "any" allows
/// both), and whether the extension is critical.
fn eku_allows(cert: &X509Certificate<'_>, purpose: &str) -> (bool, bool) {
    match cert.extended_key_usage() {
        Ok(Some(eku)) => {
            let v = &eku.value;
            let other = v.other.iter().any(|oid| oid.to_id_string() != OID_ANY_EKU);
            let allowed = other
                || (purpose == OID_SERVER_AUTH && v.server_auth)
                || (purpose == OID_CLIENT_AUTH && v.client_auth)
                || v.code_signing
                || v.email_protection
                || v.time_stamping
                || v.ocsp_signing;
            (allowed, eku.critical)
        }
        _ => (true, false),
    }
}

/// libvirt's checks of the client's own certificate: times, not a CA,
/// digitalSignature, clientAuth, and signed by the CA.
fn sanity_check_own(
    file: &Path,
    ca_file: &Path,
    der: &CertificateDer<'_>,
    roots: &RootCertStore,
) -> Result<(), TlsError> {
    let cert = parse(file, der)?;
    check_times(file, &cert, "client certificate")?;
    if let Ok(Some(bc)) = cert.basic_constraints() {
        if bc.value.ca {
            return Err(own_problem(
                file,
                "basicConstraints says CA:TRUE, but a client certificate must not be a CA".into(),
            ));
        }
    }
    if let Ok(Some(ku)) = cert.key_usage() {
        if !ku.value.digital_signature() {
            let problem = "keyUsage does not allow digitalSignature";
            if ku.critical {
                return Err(own_problem(file, problem.into()));
            }
            tracing::warn!(file = %file.display(), "{problem}");
        }
    }
    let (allowed, critical) = eku_allows(&cert, OID_CLIENT_AUTH);
    if !allowed {
        let problem = "no clientAuth extended key usage (TLS Web Client Authentication)";
        if critical {
            return Err(own_problem(file, problem.into()));
        }
        tracing::warn!(file = %file.display(), "{problem}");
    }
    // Signed by the CA: the check a server will make of it.
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots.clone()), provider())
        .build()
        .map_err(|e| own_problem(ca_file, format!("cannot use the CA: {e}")))?;
    if let Err(e) = verifier.verify_client_cert(der, &[], UnixTime::now()) {
        let why = match e {
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)
            | rustls::Error::InvalidCertificate(CertificateError::BadSignature) => {
                format!("not signed by the CA in {}", ca_file.display())
            }
            other => format!("fails validation against {}: {other}", ca_file.display()),
        };
        return Err(own_problem(file, why));
    }
    Ok(())
}

// ----- the server's certificate --------------------------------------------------

/// The server's certificate checks: webpki's chain, time, revocation and
/// name checks, plus libvirt's (GnuTLS's) fallback to the subject's common
/// name when the certificate has no subjectAltName, and `no_verify`.
#[derive(Debug)]
struct LibvirtVerifier {
    webpki: Arc<WebPkiServerVerifier>,
    host: String,
    ca: PathBuf,
    verify: bool,
}

/// Whether a certificate without subjectAltName names `host` in its
/// subject's common name (GnuTLS's fallback, with a leading `*.` wildcard
/// for one label).
fn legacy_cn_matches(der: &CertificateDer<'_>, host: &str) -> bool {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return false;
    };
    if cert.subject_alternative_name().ok().flatten().is_some() {
        return false;
    }
    cert.subject()
        .iter_common_name()
        .filter_map(|cn| cn.as_str().ok())
        .any(|cn| name_matches(cn, host))
}

fn name_matches(pattern: &str, host: &str) -> bool {
    if pattern.eq_ignore_ascii_case(host) {
        return true;
    }
    match (pattern.strip_prefix("*."), host.split_once('.')) {
        (Some(suffix), Some((label, rest))) => {
            !label.is_empty() && rest.eq_ignore_ascii_case(suffix) && suffix.contains('.')
        }
        _ => false,
    }
}

fn names_in(der: &CertificateDer<'_>) -> String {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return "an unreadable certificate".into();
    };
    let mut names: Vec<String> = Vec::new();
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        for n in &san.value.general_names {
            use x509_parser::extensions::GeneralName;
            match n {
                GeneralName::DNSName(d) => names.push((*d).to_owned()),
                GeneralName::IPAddress(ip) => names.push(match ip.len() {
                    4 => std::net::Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]).to_string(),
                    16 => {
                        let mut b = [0u8; 16];
                        b.copy_from_slice(ip);
                        std::net::Ipv6Addr::from(b).to_string()
                    }
                    _ => format!("{ip:?}"),
                }),
                _ => {}
            }
        }
    } else {
        names.extend(
            cert.subject()
                .iter_common_name()
                .filter_map(|cn| cn.as_str().ok())
                .map(|cn| format!("CN={cn}")),
        );
    }
    if names.is_empty() {
        "no name".into()
    } else {
        names.join(", ")
    }
}

impl LibvirtVerifier {
    fn explain(&self, e: &rustls::Error, leaf: &CertificateDer<'_>) -> String {
        let ca = self.ca.display();
        match e {
            rustls::Error::InvalidCertificate(c) => match c {
                CertificateError::UnknownIssuer => format!(
                    "it is not signed by the CA in {ca} (is that the CA that signed the server's certificate?)"
                ),
                CertificateError::BadSignature => {
                    format!("its signature does not verify against the CA in {ca}")
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    format!("it has expired ({c})")
                }
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    format!("it is not valid yet ({c})")
                }
                CertificateError::Revoked => {
                    "it has been revoked (it is listed in the CA's revocation list, cacrl.pem)"
                        .into()
                }
                CertificateError::NotValidForName
                | CertificateError::NotValidForNameContext { .. } => format!(
                    "it is for {}, not {} (connect with a name the certificate has, or re-issue it with that name)",
                    names_in(leaf),
                    self.host
                ),
                other => other.to_string(),
            },
            other => other.to_string(),
        }
    }
}

impl ServerCertVerifier for LibvirtVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let result = self.webpki.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        let err = match result {
            Ok(v) => return Ok(v),
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if legacy_cn_matches(end_entity, &self.host) => {
                // The chain and times passed (webpki checks the name last);
                // a legacy certificate names its host in the CN only.
                return Ok(ServerCertVerified::assertion());
            }
            Err(e) => e,
        };
        let problem = self.explain(&err, end_entity);
        if !self.verify {
            tracing::warn!(host = %self.host, %problem, "ignoring a bad server certificate (no_verify=1)");
            return Ok(ServerCertVerified::assertion());
        }
        Err(rustls::Error::General(problem))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

// ----- the session: a byte layer over the runtime's socket ------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Handshake,
    /// Handshake done; waiting for the server's `0x01`.
    Confirm,
    Open,
}

/// A TLS session over a runtime's socket.
pub(crate) struct TlsSession {
    conn: ClientConnection,
    host: String,
    cert: PathBuf,
    sent_cert: bool,
    /// Bytes of the RPC packet being written that are not in a record yet
    /// (see `poll_send`).
    packet_left: usize,
    /// Whether what is written is RPC packets (not a SASL layer's tokens).
    framed: bool,
    phase: Phase,
}

/// The runtime's socket as `Read`/`Write` for rustls: `Pending` is
/// `WouldBlock`.
struct Wire<'a, 'b, I> {
    io: &'a mut I,
    cx: &'a mut Context<'b>,
}

impl<I: Io> Read for Wire<'_, '_, I> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut fds = Vec::new();
        match self.io.poll_recv(self.cx, buf, &mut fds) {
            Poll::Ready(r) => r,
            Poll::Pending => Err(io::ErrorKind::WouldBlock.into()),
        }
    }
}

impl<I: Io> Write for Wire<'_, '_, I> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.io.poll_send(self.cx, buf) {
            Poll::Ready(r) => r,
            Poll::Pending => Err(io::ErrorKind::WouldBlock.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn pending_on_block<T>(r: io::Result<T>) -> Poll<io::Result<T>> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Poll::Pending,
        other => Poll::Ready(other),
    }
}

impl TlsSession {
    fn fail(&self, e: TlsError) -> io::Error {
        io::Error::other(e)
    }

    /// A TLS error, named for the phase it came in.
    fn handshake_error(&self, e: rustls::Error) -> io::Error {
        use rustls::AlertDescription as A;
        let reason = match e {
            rustls::Error::General(problem) => {
                return self.fail(TlsError::ServerCertificate {
                    host: self.host.clone(),
                    problem,
                });
            }
            // The server refusing our certificate: an alert at the end of
            // the handshake (TLS 1.2) or after it (TLS 1.3).
            rustls::Error::AlertReceived(
                alert @ (A::BadCertificate
                | A::CertificateRequired
                | A::UnknownCA
                | A::UnsupportedCertificate
                | A::CertificateRevoked
                | A::CertificateExpired
                | A::AccessDenied),
            ) if self.phase != Phase::Open => {
                return self.rejected(format!("alert {alert:?}"));
            }
            rustls::Error::AlertReceived(alert) if self.phase == Phase::Confirm => {
                return self.rejected(format!("alert {alert:?}"));
            }
            rustls::Error::AlertReceived(alert) => {
                format!("the server sent the alert {alert:?}")
            }
            other => other.to_string(),
        };
        if self.phase == Phase::Open {
            return self.fail(TlsError::Session(reason));
        }
        self.fail(TlsError::Handshake {
            host: self.host.clone(),
            reason,
        })
    }

    fn rejected(&self, detail: String) -> io::Error {
        self.fail(TlsError::Rejected {
            host: self.host.clone(),
            cert: self.cert.clone(),
            sent_cert: self.sent_cert,
            detail,
        })
    }

    /// Writes what rustls has to send.
    pub(crate) fn poll_flush<I: Io>(
        &mut self,
        io: &mut I,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<()>> {
        while self.conn.wants_write() {
            match pending_on_block(self.conn.write_tls(&mut Wire { io, cx })) {
                Poll::Ready(Ok(0)) => {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                Poll::Ready(Ok(_)) => {}
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(()))
    }

    /// Reads and processes TLS records; `Ok(false)` at the end of the
    /// stream.
    fn poll_fill<I: Io>(&mut self, io: &mut I, cx: &mut Context<'_>) -> Poll<io::Result<bool>> {
        let n = match pending_on_block(self.conn.read_tls(&mut Wire { io, cx })) {
            Poll::Ready(Ok(n)) => n,
            Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
            Poll::Pending => return Poll::Pending,
        };
        if let Err(e) = self.conn.process_new_packets() {
            // Send the alert rustls queued, if the socket takes it.
            let _ = self.poll_flush(io, cx);
            return Poll::Ready(Err(self.handshake_error(e)));
        }
        Poll::Ready(Ok(n > 0))
    }

    /// Drives the handshake and the confirmation byte; `Ready(Ok)` once
    /// the session is open.
    fn poll_open<I: Io>(&mut self, io: &mut I, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        loop {
            if let Poll::Ready(Err(e)) = self.poll_flush(io, cx) {
                return Poll::Ready(Err(e));
            }
            match self.phase {
                Phase::Open => return Poll::Ready(Ok(())),
                Phase::Handshake if !self.conn.is_handshaking() => {
                    self.phase = Phase::Confirm;
                    continue;
                }
                Phase::Confirm => {
                    let mut byte = [0u8; 1];
                    match self.conn.reader().read(&mut byte) {
                        Ok(1) if byte[0] == 1 => {
                            self.phase = Phase::Open;
                            tracing::debug!(host = %self.host, "TLS session confirmed");
                            continue;
                        }
                        Ok(1) => {
                            return Poll::Ready(Err(self.rejected(format!(
                                "it sent {:#04x} instead of the confirmation byte 0x01",
                                byte[0]
                            ))));
                        }
                        Ok(_) => {
                            return Poll::Ready(Err(self.rejected("end of file".into())));
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                        Err(e) => return Poll::Ready(Err(self.rejected(e.to_string()))),
                    }
                }
                Phase::Handshake => {}
            }
            match self.poll_fill(io, cx) {
                Poll::Ready(Ok(true)) => {}
                Poll::Ready(Ok(false)) => {
                    let e = if self.phase == Phase::Confirm {
                        self.rejected("end of file".into())
                    } else {
                        self.fail(TlsError::Handshake {
                            host: self.host.clone(),
                            reason: "the server closed the connection during the handshake (is this a TLS port? libvirtd listens for TLS on 16514 with listen_tls = 1)".into(),
                        })
                    };
                    return Poll::Ready(Err(e));
                }
                Poll::Ready(Err(e)) => {
                    if e.get_ref().is_some_and(|i| i.is::<TlsError>()) {
                        return Poll::Ready(Err(e));
                    }
                    if self.phase == Phase::Confirm {
                        return Poll::Ready(Err(self.rejected(e.to_string())));
                    }
                    return Poll::Ready(Err(self.fail(TlsError::Handshake {
                        host: self.host.clone(),
                        reason: e.to_string(),
                    })));
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    pub(crate) fn poll_recv<I: Io>(
        &mut self,
        io: &mut I,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        if self.poll_open(io, cx)?.is_pending() {
            return Poll::Pending;
        }
        loop {
            match self.conn.reader().read(buf) {
                Ok(n) => return Poll::Ready(Ok(n)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                // The peer closed without close_notify: an end of file
                // all the same for libvirt (its server does that).
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Poll::Ready(Ok(0)),
                Err(e) => return Poll::Ready(Err(e)),
            }
            match self.poll_fill(io, cx) {
                Poll::Ready(Ok(true)) => {}
                Poll::Ready(Ok(false)) => return Poll::Ready(Ok(0)),
                // Already a TlsError (named for its phase), or the socket's.
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    pub(crate) fn poll_send<I: Io>(
        &mut self,
        io: &mut I,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.poll_open(io, cx)?.is_pending() {
            return Poll::Pending;
        }
        // Take new data only once earlier records are out, so what this
        // layer holds stays bounded.
        if self.poll_flush(io, cx)?.is_pending() {
            return Poll::Pending;
        }
        // One RPC packet per TLS record at most, as libvirt's own client
        // writes them: libvirtd reads a packet out of GnuTLS and then waits
        // for the socket, without asking GnuTLS whether the record it
        // decrypted holds more (its virNetSocketHasCachedData knows SASL
        // and SSH, not TLS). A second packet in the same record would wait
        // there until the socket stirs again: the next keepalive ping, or
        // never.
        if !self.framed {
            self.packet_left = buf.len();
        } else if self.packet_left == 0 {
            self.packet_left = match buf.get(..4) {
                Some(word) => {
                    let len = u32::from_be_bytes([word[0], word[1], word[2], word[3]]) as usize;
                    len.max(1)
                }
                None => buf.len(),
            };
        }
        let take = buf.len().min(self.packet_left);
        let n = self.conn.writer().write(&buf[..take])?;
        self.packet_left -= n;
        // Best effort now; the driver flushes what is left.
        if let Poll::Ready(Err(e)) = self.poll_flush(io, cx) {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(n))
    }

    /// From now on what is written are a SASL security layer's tokens, not
    /// RPC packets: records are cut where the layer's writes are.
    pub(crate) fn unframed(&mut self) {
        self.framed = false;
        self.packet_left = 0;
    }

    /// The negotiated cipher suite and protocol, once open.
    pub(crate) fn describe(&self) -> Option<String> {
        let suite = self.conn.negotiated_cipher_suite()?;
        let version = self.conn.protocol_version()?;
        Some(format!("{version:?} {:?}", suite.suite()))
    }
}
