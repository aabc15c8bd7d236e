//! The `ssh` transport: the command line libvirt runs, byte for byte.

use crate::env::Environment;
use crate::error::UriError;
use crate::tls::int_flag;
use crate::uri::{LibvirtUri, Mode};

/// How the far side reaches the daemon (`proxy=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SshProxy {
    /// `virt-ssh-helper` if the far side has it, else netcat.
    Auto,
    /// `nc -U SOCKET`.
    Netcat,
    /// `virt-ssh-helper URI`, which picks the socket (and may start a
    /// session daemon) on the far side.
    Native,
}

/// The environment variables libvirt passes to `ssh` (all others are
/// cleared; `LC_ALL=C` is set): `virCommandAddEnvPassCommon` plus the ones
/// ssh needs for agents, Kerberos and askpass.
pub const SSH_PASSED_ENV: &[&str] = &[
    "LD_PRELOAD",
    "LD_LIBRARY_PATH",
    "DYLD_INSERT_LIBRARIES",
    "DYLD_FORCE_FLAT_NAMESPACE",
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "TMPDIR",
    "XDG_RUNTIME_DIR",
    "KRB5CCNAME",
    "SSH_AUTH_SOCK",
    "SSH_ASKPASS",
    "SSH_ASKPASS_REQUIRE",
    "OPENSSL_CONF",
    "DISPLAY",
    "XAUTHORITY",
];

/// Passed as well unless `no_tty=1`.
pub const SSH_TTY_ENV: &[&str] = &["GPG_TTY", "TERM"];

/// An `ssh` child that carries the connection on its stdin and stdout, as
/// libvirt 11.3 runs it (`virNetSocketNewConnectSSH` and
/// `virNetClientSSHHelperCommand`).
///
/// ```
/// use libvirt_transport::{Endpoint, Environment, LibvirtUri};
///
/// let env = Environment::simulated(true, None, Vec::<&str>::new());
/// let uri = LibvirtUri::parse("qemu+ssh://admin@kvm1:2222/system?proxy=netcat&no_tty=1")?;
/// let Endpoint::Ssh(ssh) = uri.endpoint(&env, false)? else { unreachable!() };
/// assert_eq!(ssh.program, "ssh");
/// assert_eq!(
///     ssh.args,
///     ["-p", "2222", "-l", "admin", "-T", "-e", "none", "-o", "BatchMode=yes", "--", "kvm1",
///      "sh -c 'if 'nc' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; \
///       then ARG=-q0;else ARG=;fi;'nc' $ARG -U /var/run/libvirt/libvirt-sock'"]
/// );
/// # Ok::<(), libvirt_transport::UriError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SshEndpoint {
    /// The program (`ssh`, or `command=`).
    pub program: String,
    /// Its arguments; the last one is the remote command.
    pub args: Vec<String>,
    /// The host as written in the URI (`localhost` if none).
    pub host: String,
    /// The variables passed from this process's environment (see
    /// [`SSH_PASSED_ENV`]).
    pub env: Vec<&'static str>,
    /// `proxy=` as resolved.
    pub proxy: SshProxy,
}

impl SshEndpoint {
    /// The remote command (the last argument).
    pub fn remote_command(&self) -> &str {
        self.args.last().map_or("", String::as_str)
    }

    pub(crate) fn from_uri(
        uri: &LibvirtUri,
        env: &Environment,
        read_only: bool,
    ) -> Result<SshEndpoint, UriError> {
        let socket = uri.param("socket");
        let netcat = uri.param("netcat");
        // The daemon of the *local* user's session: /session, or the test
        // driver, when this process is not root.
        let user = !env.is_root && (uri.path() == "/session" || uri.driver() == "test");
        let mut proxy = match uri.param("proxy") {
            Some("auto") => SshProxy::Auto,
            Some("netcat") => SshProxy::Netcat,
            Some("native") => SshProxy::Native,
            Some(other) => {
                return Err(UriError::BadParam {
                    name: "proxy".into(),
                    value: other.into(),
                    expected: "auto, netcat or native",
                });
            }
            None if socket.is_some() => SshProxy::Netcat,
            None if user => SshProxy::Native,
            None => SshProxy::Auto,
        };
        if netcat.is_some() {
            match proxy {
                SshProxy::Auto => proxy = SshProxy::Netcat,
                SshProxy::Native => {
                    return Err(UriError::BadParam {
                        name: "netcat".into(),
                        value: netcat.unwrap_or_default().into(),
                        expected: "no netcat= with proxy=native (the helper needs no netcat)",
                    });
                }
                SshProxy::Netcat => {}
            }
        }
        if uri.mode()? == Mode::Direct {
            return Err(UriError::BadParam {
                name: "mode".into(),
                value: "direct".into(),
                expected: "auto or legacy: the ssh transport reaches the far side's libvirtd or virtproxyd socket (virt-ssh-helper picks direct sockets itself)",
            });
        }
        let socket = match socket {
            Some(s) => s.to_owned(),
            None if user => env
                .session_dir()
                .ok_or(UriError::NoSessionDir)?
                .join("libvirt-sock")
                .display()
                .to_string(),
            None if read_only => "/var/run/libvirt/libvirt-sock-ro".into(),
            None => "/var/run/libvirt/libvirt-sock".into(),
        };
        let command = helper_command(
            proxy,
            netcat.unwrap_or("nc"),
            &socket,
            &uri.helper_name(),
            read_only,
        );

        let no_tty = int_flag(uri, "no_tty")?;
        let no_verify = int_flag(uri, "no_verify")?;
        let host = uri.host().unwrap_or("localhost").to_owned();
        let mut args = Vec::new();
        if let Some(port) = uri.port() {
            args.extend(["-p".into(), port.to_string()]);
        }
        if let Some(user) = uri.user() {
            args.extend(["-l".into(), user.to_owned()]);
        }
        if let Some(key) = uri.param("keyfile") {
            args.extend(["-i".into(), key.to_owned()]);
        }
        args.extend(["-T", "-e", "none"].map(String::from));
        if no_tty {
            args.extend(["-o", "BatchMode=yes"].map(String::from));
        }
        if no_verify {
            args.extend(["-o", "StrictHostKeyChecking=no"].map(String::from));
        }
        args.extend(["--".into(), host.clone(), command]);
        let mut passed = SSH_PASSED_ENV.to_vec();
        if !no_tty {
            passed.extend_from_slice(SSH_TTY_ENV);
        }
        Ok(SshEndpoint {
            program: uri.param("command").unwrap_or("ssh").to_owned(),
            args,
            host,
            env: passed,
            proxy,
        })
    }
}

/// The shell command run on the far side, as
/// `virNetClientSSHHelperCommand` builds it. The netcat path and the
/// helper's URI are escaped twice (the remote login shell, then `sh -c`);
/// the socket path is inserted as it is, as libvirt does.
pub fn helper_command(
    proxy: SshProxy,
    netcat: &str,
    socket: &str,
    helper_uri: &str,
    read_only: bool,
) -> String {
    let nc = escape_shell(&escape_shell(netcat));
    let nccmd = format!(
        "if '{nc}' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; \
         then ARG=-q0;else ARG=;fi;'{nc}' $ARG -U {socket}"
    );
    let helpercmd = format!(
        "virt-ssh-helper{}'{}'",
        if read_only { " -r " } else { " " },
        escape_shell(&escape_shell(helper_uri))
    );
    match proxy {
        SshProxy::Auto => format!(
            "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     {helpercmd}; else    {nccmd}; fi'"
        ),
        SshProxy::Netcat => format!("sh -c '{nccmd}'"),
        SshProxy::Native => format!("sh -c '{helpercmd}'"),
    }
}

/// libvirt's `virBufferEscapeShell`: `''` for the empty string; the string
/// itself if it has no shell-special character; else single-quoted with
/// each `'` written `'\''`.
pub fn escape_shell(s: &str) -> String {
    const SPECIAL: &str = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";
    if s.is_empty() {
        return "''".into();
    }
    if !s.chars().any(|c| SPECIAL.contains(c)) {
        return s.into();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::endpoint::Endpoint;

    fn ssh(uri: &str, root: bool, ro: bool) -> Result<SshEndpoint, UriError> {
        let env = Environment::simulated(
            root,
            Some(PathBuf::from("/run/user/1000")),
            Vec::<&str>::new(),
        );
        match LibvirtUri::parse(uri)?.endpoint(&env, ro)? {
            Endpoint::Ssh(s) => Ok(s),
            other => panic!("not ssh: {other:?}"),
        }
    }

    const NC: &str = "if 'nc' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;'nc' $ARG -U ";

    // The expected strings are libvirt 11.3's, rendered from the format
    // strings of virNetClientSSHHelperCommand.
    #[test]
    fn auto_proxy_for_system_uris() {
        let s = ssh("qemu+ssh://host/system", true, false).unwrap();
        assert_eq!(s.proxy, SshProxy::Auto);
        assert_eq!(
            s.remote_command(),
            format!(
                "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     virt-ssh-helper 'qemu:///system'; else    {NC}/var/run/libvirt/libvirt-sock; fi'"
            )
        );
        assert_eq!(s.args[..4], ["-T", "-e", "none", "--"]);
        assert_eq!(s.args[4], "host");
        let ro = ssh("qemu+ssh://host/system", true, true).unwrap();
        assert_eq!(
            ro.remote_command(),
            format!(
                "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     virt-ssh-helper -r 'qemu:///system'; else    {NC}/var/run/libvirt/libvirt-sock-ro; fi'"
            )
        );
    }

    #[test]
    fn netcat_and_native() {
        let s = ssh("qemu+ssh://host/system?proxy=netcat", true, false).unwrap();
        assert_eq!(
            s.remote_command(),
            format!("sh -c '{NC}/var/run/libvirt/libvirt-sock'")
        );
        let s = ssh("qemu+ssh://host/session", false, false).unwrap();
        assert_eq!(s.proxy, SshProxy::Native);
        assert_eq!(
            s.remote_command(),
            "sh -c 'virt-ssh-helper 'qemu:///session''"
        );
        // Root's /session is the system daemon's business: auto.
        assert_eq!(
            ssh("qemu+ssh://host/session", true, false).unwrap().proxy,
            SshProxy::Auto
        );
        // socket= forces netcat and is inserted as it is.
        let s = ssh(
            "test+ssh://host/default?socket=/tmp/x/libvirt-sock",
            false,
            false,
        )
        .unwrap();
        assert_eq!(s.proxy, SshProxy::Netcat);
        assert_eq!(
            s.remote_command(),
            format!("sh -c '{NC}/tmp/x/libvirt-sock'")
        );
        // A remote:// URI gives the helper an empty URI.
        let s = ssh("remote+ssh://host/?proxy=native", true, false).unwrap();
        assert_eq!(s.remote_command(), "sh -c 'virt-ssh-helper '''\\'''\\'''''");
    }

    #[test]
    fn netcat_path_is_escaped_twice() {
        let s = ssh("qemu+ssh://host/system?netcat=/opt/my%20nc", true, false).unwrap();
        assert_eq!(s.proxy, SshProxy::Netcat);
        assert_eq!(
            s.remote_command(),
            "sh -c 'if '''\\''/opt/my nc'\\'''' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;'''\\''/opt/my nc'\\'''' $ARG -U /var/run/libvirt/libvirt-sock'"
        );
        assert!(ssh("qemu+ssh://host/system?netcat=nc&proxy=native", true, false).is_err());
    }

    #[test]
    fn argv_order_and_options() {
        let s = ssh(
            "qemu+ssh://u@h:22/system?keyfile=/k&no_tty=1&no_verify=1&command=/usr/bin/myssh",
            true,
            false,
        )
        .unwrap();
        assert_eq!(s.program, "/usr/bin/myssh");
        assert_eq!(
            s.args[..s.args.len() - 1],
            [
                "-p",
                "22",
                "-l",
                "u",
                "-i",
                "/k",
                "-T",
                "-e",
                "none",
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "--",
                "h"
            ]
        );
        assert!(!s.env.contains(&"TERM"));
        assert!(
            ssh("qemu+ssh://h/system", true, false)
                .unwrap()
                .env
                .contains(&"TERM")
        );
    }

    #[test]
    fn bad_settings() {
        assert!(ssh("qemu+ssh://h/system?proxy=magic", true, false).is_err());
        assert!(ssh("qemu+ssh://h/system?mode=direct", true, false).is_err());
        assert!(ssh("qemu+ssh://h/system?no_tty=yes", true, false).is_err());
        assert!(ssh("qemu+ssh://h/system?mode=legacy", true, false).is_ok());
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_shell(""), "''");
        assert_eq!(escape_shell("nc"), "nc");
        assert_eq!(escape_shell("a b"), "'a b'");
        assert_eq!(escape_shell("it's"), "'it'\\''s'");
        assert_eq!(escape_shell("qemu:///system"), "qemu:///system");
        assert_eq!(escape_shell("qemu:///system?x=1"), "'qemu:///system?x=1'");
    }
}
