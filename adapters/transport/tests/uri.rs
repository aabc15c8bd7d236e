//! Table-driven tests of URI parsing, the CONNECT_OPEN name, socket
//! selection and the admin sockets. Nothing here touches the network or a
//! real socket: every environment is simulated.

use std::path::PathBuf;

use libvirt_transport::{
    Endpoint, Environment, LibvirtUri, Mode, Transport, UriError, admin_endpoint, default_endpoint,
};

const XDG: &str = "/run/user/1000";

fn root(existing: &[&str]) -> Environment {
    Environment::simulated(true, None, existing.iter().copied())
}

fn user(existing: &[&str]) -> Environment {
    Environment::simulated(false, Some(PathBuf::from(XDG)), existing.iter().copied())
}

fn user_without_xdg(existing: &[&str]) -> Environment {
    Environment::simulated(false, None, existing.iter().copied())
}

fn parse(s: &str) -> LibvirtUri {
    LibvirtUri::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn unix(path: &str) -> Endpoint {
    Endpoint::Unix(PathBuf::from(path))
}

fn tcp(host: &str, port: u16) -> Endpoint {
    Endpoint::Tcp {
        host: host.to_owned(),
        port,
    }
}

#[test]
fn remote_names() {
    let cases = [
        ("qemu:///system", "qemu:///system"),
        ("qemu:///session", "qemu:///session"),
        ("qemu+unix:///session", "qemu:///session"),
        ("test:///default", "test:///default"),
        ("test+tcp://127.0.0.1:16599/default", "test:///default"),
        ("test+unix:///default", "test:///default"),
        ("remote:///", ""),
        ("remote+tcp://host/", ""),
        ("remote+unix:///?mode=legacy", ""),
        ("xen://host/", "xen:///"),
        ("xen://host", "xen://"),
        ("lxc:///", "lxc:///"),
        ("qemu+ssh://host/system", "qemu:///system"),
        ("qemu+ssh://u@h/system?keyfile=k&x=y", "qemu:///system?x=y"),
        (
            "qemu+ssh://u@h:2222/system?keyfile=k&x=y#f",
            "qemu:///system?x=y#f",
        ),
        ("qemu+tcp://[::1]:16509/system", "qemu:///system"),
        ("qemu+tcp://[::1]/session?x=1", "qemu:///session?x=1"),
        ("QEMU+TCP://Host/system", "qemu:///system"),
        // ?name= overrides everything, decoded; the last one wins and the
        // match ignores case, as in libvirt.
        (
            "qemu+tcp://h/system?name=qemu:///session",
            "qemu:///session",
        ),
        ("remote:///?name=lxc:///system", "lxc:///system"),
        (
            "qemu:///system?name=a&NAME=test%3A%2F%2F%2Fdefault",
            "test:///default",
        ),
        ("qemu:///system?name=", ""),
        // Every client-only parameter goes, in any case; others stay in order.
        (
            "qemu:///system?socket=/s&Mode=direct&AUTH=polkit&a=1&proxy=native&no_tty=1&authfile=f\
             &pkipath=p&known_hosts=k&known_hosts_verify=normal&tls_priority=x&b=2&no_sanity=1\
             &no_verify=1&netcat=nc&command=c&sshauth=agent&keyfile=k",
            "qemu:///system?a=1&b=2",
        ),
        // Fragments are kept.
        ("qemu:///system#frag", "qemu:///system#frag"),
        ("qemu:///system?x=1#a%20b:c", "qemu:///system?x=1#a%20b:c"),
        ("qemu:///system#", "qemu:///system#"),
        // Values are decoded, then encoded again as libvirt does: all but
        // A-Za-z0-9-._~ become %XX; '+' is a plus, not a space.
        (
            "qemu:///system?x=a%20b&y=c/d",
            "qemu:///system?x=a%20b&y=c%2Fd",
        ),
        ("qemu:///system?x=a+b", "qemu:///system?x=a%2Bb"),
        ("qemu:///system?x=%c3%a9", "qemu:///system?x=%C3%A9"),
        ("qemu:///system?flag", "qemu:///system?flag="),
        ("test:///default?a=1;b=2", "test:///default?a=1&b=2"),
        ("qemu:///system?", "qemu:///system"),
        // Paths are decoded, then encoded as libxml2 writes them.
        ("test:///tmp/my%20node.xml", "test:///tmp/my%20node.xml"),
        ("test:///a%41b", "test:///aAb"),
        ("test:///a;b=c,d", "test:///a;b=c,d"),
    ];
    assert!(cases.len() >= 15);
    for (uri, want) in cases {
        assert_eq!(parse(uri).remote_name(), want, "remote_name of {uri}");
    }
}

#[test]
fn components() {
    type Row<'a> = (
        &'a str,
        &'a str,
        Transport,
        Option<&'a str>,
        Option<&'a str>,
        Option<u16>,
        &'a str,
    );
    let cases: [Row<'_>; 16] = [
        (
            "qemu:///system",
            "qemu",
            Transport::Unix,
            None,
            None,
            None,
            "/system",
        ),
        (
            "qemu:/system",
            "qemu",
            Transport::Unix,
            None,
            None,
            None,
            "/system",
        ),
        (
            "qemu://host/system",
            "qemu",
            Transport::Tls,
            None,
            Some("host"),
            None,
            "/system",
        ),
        (
            "qemu+tcp://host:1234/system",
            "qemu",
            Transport::Tcp,
            None,
            Some("host"),
            Some(1234),
            "/system",
        ),
        (
            "qemu+tcp://host:0/system",
            "qemu",
            Transport::Tcp,
            None,
            Some("host"),
            None,
            "/system",
        ),
        (
            "qemu+tls://host/system",
            "qemu",
            Transport::Tls,
            None,
            Some("host"),
            None,
            "/system",
        ),
        (
            "qemu+ssh://root@host/system",
            "qemu",
            Transport::Ssh,
            Some("root"),
            Some("host"),
            None,
            "/system",
        ),
        (
            "qemu+libssh://a%40b@host/system",
            "qemu",
            Transport::Libssh,
            Some("a@b"),
            Some("host"),
            None,
            "/system",
        ),
        (
            "qemu+libssh2://u:pw@host/system",
            "qemu",
            Transport::Libssh2,
            Some("u:pw"),
            Some("host"),
            None,
            "/system",
        ),
        (
            "qemu+ext:///system?command=/bin/x",
            "qemu",
            Transport::Ext,
            None,
            None,
            None,
            "/system",
        ),
        (
            "qemu+UNIX:///system",
            "qemu",
            Transport::Unix,
            None,
            None,
            None,
            "/system",
        ),
        (
            "test+tcp://[::1]:16599/default",
            "test",
            Transport::Tcp,
            None,
            Some("::1"),
            Some(16599),
            "/default",
        ),
        (
            "test+tcp://[0:0::1]/default",
            "test",
            Transport::Tcp,
            None,
            Some("::1"),
            None,
            "/default",
        ),
        (
            "remote://host/",
            "",
            Transport::Tls,
            None,
            Some("host"),
            None,
            "/",
        ),
        (
            "xen://host",
            "xen",
            Transport::Tls,
            None,
            Some("host"),
            None,
            "",
        ),
        (
            "network:///system",
            "network",
            Transport::Unix,
            None,
            None,
            None,
            "/system",
        ),
    ];
    for (s, driver, transport, user, host, port, path) in cases {
        let uri = parse(s);
        assert_eq!(uri.driver(), driver, "driver of {s}");
        assert_eq!(uri.transport(), transport, "transport of {s}");
        assert_eq!(uri.user(), user, "user of {s}");
        assert_eq!(uri.host(), host, "host of {s}");
        assert_eq!(uri.port(), port, "port of {s}");
        assert_eq!(uri.path(), path, "path of {s}");
        assert_eq!(uri.as_str(), s);
        assert_eq!(uri.to_string(), s);
        assert_eq!(s.parse::<LibvirtUri>().as_ref(), Ok(&uri));
    }
}

#[test]
fn params_and_modes() {
    let uri = parse("qemu:///system?socket=%2Ftmp%2Fa%20b&x=1&X=2&empty=&bare&=ignored");
    assert_eq!(uri.param("socket"), Some("/tmp/a b"));
    assert_eq!(uri.param("x"), Some("2"));
    assert_eq!(uri.param("empty"), Some(""));
    assert_eq!(uri.param("bare"), Some(""));
    assert_eq!(uri.param(""), None);
    assert_eq!(uri.params().count(), 5);

    let modes = [
        ("qemu:///system", Ok(Mode::Auto)),
        ("qemu:///system?mode=auto", Ok(Mode::Auto)),
        ("qemu:///system?mode=legacy", Ok(Mode::Legacy)),
        ("qemu:///system?MODE=direct", Ok(Mode::Direct)),
        ("qemu:///system?mode=legacy&mode=direct", Ok(Mode::Direct)),
        ("qemu:///system?mode=Direct", Err("Direct")),
        ("qemu:///system?mode=", Err("")),
        ("qemu:///system?mode=proxy", Err("proxy")),
    ];
    for (s, want) in modes {
        match (parse(s).mode(), want) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{s}"),
            (Err(UriError::BadParam { name, value, .. }), Err(bad)) => {
                assert_eq!((name.as_str(), value.as_str()), ("mode", bad), "{s}");
            }
            (got, _) => panic!("{s}: unexpected {got:?}"),
        }
    }
}

#[test]
fn endpoints() {
    let root_none = root(&[]);
    let root_legacy = root(&["/run/libvirt/libvirt-sock", "/run/libvirt/libvirt-sock-ro"]);
    let root_both = root(&[
        "/run/libvirt/libvirt-sock",
        "/run/libvirt/virtqemud-sock",
        "/run/libvirt/virtqemud-sock-ro",
    ]);
    let root_legacy_rw_only = root(&["/run/libvirt/libvirt-sock"]);
    let user_none = user(&[]);
    let user_legacy = user(&["/run/user/1000/libvirt/libvirt-sock"]);
    let user_both = user(&[
        "/run/user/1000/libvirt/libvirt-sock",
        "/run/user/1000/libvirt/virtqemud-sock",
    ]);
    let no_xdg = user_without_xdg(&[]);

    let cases: Vec<(&str, &Environment, bool, Endpoint)> = vec![
        // Auto: direct if it exists, else legacy if it exists, else direct.
        (
            "qemu:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtqemud-sock"),
        ),
        (
            "qemu:///system",
            &root_legacy,
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        (
            "qemu:///system",
            &root_both,
            false,
            unix("/run/libvirt/virtqemud-sock"),
        ),
        // Read-only: the -ro variants, probed as such.
        (
            "qemu:///system",
            &root_none,
            true,
            unix("/run/libvirt/virtqemud-sock-ro"),
        ),
        (
            "qemu:///system",
            &root_legacy,
            true,
            unix("/run/libvirt/libvirt-sock-ro"),
        ),
        (
            "qemu:///system",
            &root_both,
            true,
            unix("/run/libvirt/virtqemud-sock-ro"),
        ),
        (
            "qemu:///system",
            &root_legacy_rw_only,
            true,
            unix("/run/libvirt/virtqemud-sock-ro"),
        ),
        (
            "qemu+unix:///system",
            &root_legacy,
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        // Forced modes.
        (
            "qemu:///system?mode=legacy",
            &root_none,
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        (
            "qemu:///system?mode=legacy",
            &root_both,
            true,
            unix("/run/libvirt/libvirt-sock-ro"),
        ),
        (
            "qemu:///system?mode=direct",
            &root_legacy,
            false,
            unix("/run/libvirt/virtqemud-sock"),
        ),
        (
            "qemu:///system?mode=auto",
            &root_legacy,
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        // Root uses the system daemons even for /session.
        (
            "qemu:///session",
            &root_none,
            false,
            unix("/run/libvirt/virtqemud-sock"),
        ),
        // Non-root: /session in $XDG_RUNTIME_DIR/libvirt, no -ro there.
        (
            "qemu:///session",
            &user_none,
            false,
            unix("/run/user/1000/libvirt/virtqemud-sock"),
        ),
        (
            "qemu:///session",
            &user_none,
            true,
            unix("/run/user/1000/libvirt/virtqemud-sock"),
        ),
        (
            "qemu:///session",
            &user_legacy,
            false,
            unix("/run/user/1000/libvirt/libvirt-sock"),
        ),
        (
            "qemu:///session",
            &user_both,
            true,
            unix("/run/user/1000/libvirt/virtqemud-sock"),
        ),
        (
            "qemu+unix:///session?mode=legacy",
            &user_none,
            true,
            unix("/run/user/1000/libvirt/libvirt-sock"),
        ),
        (
            "vbox:///session",
            &user_none,
            false,
            unix("/run/user/1000/libvirt/virtvboxd-sock"),
        ),
        // Non-root with /system: the system sockets.
        (
            "qemu:///system",
            &user_none,
            false,
            unix("/run/libvirt/virtqemud-sock"),
        ),
        (
            "qemu:///system",
            &user_none,
            true,
            unix("/run/libvirt/virtqemud-sock-ro"),
        ),
        (
            "qemu:///system",
            &no_xdg,
            false,
            unix("/run/libvirt/virtqemud-sock"),
        ),
        // The test driver: session for non-root, and no daemon of its own.
        (
            "test+unix:///default",
            &user_none,
            false,
            unix("/run/user/1000/libvirt/libvirt-sock"),
        ),
        (
            "test:///default",
            &user_none,
            true,
            unix("/run/user/1000/libvirt/libvirt-sock"),
        ),
        (
            "test:///default",
            &root_none,
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        (
            "test:///default",
            &root_none,
            true,
            unix("/run/libvirt/libvirt-sock-ro"),
        ),
        (
            "test:///default?mode=legacy",
            &root_both,
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        // remote:// names no driver: legacy.
        (
            "remote:///",
            &root_none,
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        (
            "remote+unix:///system",
            &root_both,
            true,
            unix("/run/libvirt/libvirt-sock-ro"),
        ),
        // The secondary drivers and the other hypervisors.
        (
            "network:///system",
            &root_none,
            true,
            unix("/run/libvirt/virtnetworkd-sock-ro"),
        ),
        (
            "network:///system",
            &root_legacy,
            true,
            unix("/run/libvirt/libvirt-sock-ro"),
        ),
        (
            "storage:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtstoraged-sock"),
        ),
        (
            "nodedev:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtnodedevd-sock"),
        ),
        (
            "secret:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtsecretd-sock"),
        ),
        (
            "nwfilter:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtnwfilterd-sock"),
        ),
        (
            "interface:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtinterfaced-sock"),
        ),
        (
            "lxc:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtlxcd-sock"),
        ),
        (
            "xen:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtxend-sock"),
        ),
        (
            "ch:///system",
            &root_none,
            false,
            unix("/run/libvirt/virtchd-sock"),
        ),
        // ?socket= wins over everything, decoded, even without XDG_RUNTIME_DIR.
        (
            "qemu:///system?socket=/tmp/my.sock",
            &root_both,
            true,
            unix("/tmp/my.sock"),
        ),
        (
            "qemu:///session?socket=/tmp/a%20b",
            &no_xdg,
            false,
            unix("/tmp/a b"),
        ),
        (
            "remote:///?socket=/tmp/s&mode=direct",
            &root_none,
            false,
            unix("/tmp/s"),
        ),
        (
            "test+unix:///default?SOCKET=rel/sock",
            &user_none,
            false,
            unix("rel/sock"),
        ),
        // TCP: host (default localhost) and port (default 16509); socket and
        // mode do not apply.
        (
            "qemu+tcp://kvm1/system",
            &root_none,
            false,
            tcp("kvm1", 16509),
        ),
        (
            "qemu+tcp:///system",
            &user_none,
            false,
            tcp("localhost", 16509),
        ),
        (
            "test+tcp://127.0.0.1:16599/default",
            &user_none,
            false,
            tcp("127.0.0.1", 16599),
        ),
        (
            "qemu+tcp://[::1]/system",
            &root_none,
            true,
            tcp("::1", 16509),
        ),
        (
            "qemu+tcp://h:0/system?socket=/x&mode=direct",
            &root_none,
            false,
            tcp("h", 16509),
        ),
        (
            "remote+tcp://h:1/?name=qemu:///system",
            &root_none,
            false,
            tcp("h", 1),
        ),
    ];
    assert!(cases.len() >= 15);
    for (s, env, read_only, want) in cases {
        let got = parse(s).endpoint(env, read_only);
        assert_eq!(
            got.as_ref(),
            Ok(&want),
            "endpoint of {s} (ro={read_only}, {env:?})"
        );
    }
}

#[test]
fn endpoint_errors() {
    let root_none = root(&[]);
    let user_none = user(&[]);
    let no_xdg = user_without_xdg(&["/run/libvirt/libvirt-sock"]);

    let cases: Vec<(&str, &Environment, UriError)> = vec![
        ("qemu:///session", &no_xdg, UriError::NoSessionDir),
        ("test+unix:///default", &no_xdg, UriError::NoSessionDir),
        ("test:///default", &no_xdg, UriError::NoSessionDir),
        (
            "remote:///?mode=direct",
            &root_none,
            UriError::NoDirectDaemon {
                driver: String::new(),
            },
        ),
        (
            "test:///default?mode=direct",
            &user_none,
            UriError::NoDirectDaemon {
                driver: "test".to_owned(),
            },
        ),
        (
            "qemu:///system?mode=fast",
            &root_none,
            UriError::BadParam {
                name: "mode".to_owned(),
                value: "fast".to_owned(),
                expected: "auto, legacy or direct",
            },
        ),
        (
            "qemu+tcp://h/system?mode=bad",
            &root_none,
            UriError::BadParam {
                name: "mode".to_owned(),
                value: "bad".to_owned(),
                expected: "auto, legacy or direct",
            },
        ),
        (
            "qemu:///system?socket=",
            &root_none,
            UriError::BadParam {
                name: "socket".to_owned(),
                value: String::new(),
                expected: "the path of a UNIX socket",
            },
        ),
        (
            "qemu+libssh://host/system",
            &root_none,
            UriError::Unsupported {
                transport: "libssh",
            },
        ),
        (
            "qemu+libssh2://host/system",
            &root_none,
            UriError::Unsupported {
                transport: "libssh2",
            },
        ),
        (
            "qemu+ext:///system?command=nc",
            &root_none,
            UriError::Unsupported { transport: "ext" },
        ),
    ];
    for (s, env, want) in cases {
        assert_eq!(parse(s).endpoint(env, false), Err(want), "endpoint of {s}");
    }
}

#[test]
fn error_messages_are_clear() {
    let env = root(&[]);
    let msg = |s: &str| parse(s).endpoint(&env, false).unwrap_err().to_string();

    let libssh = msg("qemu+libssh://host/system");
    assert!(
        libssh.contains("libssh transport is not supported by libvirt-rs"),
        "{libssh}"
    );
    assert!(libssh.contains("use +ssh"), "{libssh}");
    let ssh_direct = msg("qemu+ssh://host/system?mode=direct");
    assert!(ssh_direct.contains("ssh transport"), "{ssh_direct}");
    let mode = msg("qemu:///system?mode=fast");
    assert!(
        mode.contains("'fast'") && mode.contains("auto, legacy or direct"),
        "{mode}"
    );
    let direct = msg("test:///default?mode=direct");
    assert!(direct.contains("no virttestd"), "{direct}");
    let remote = msg("remote:///?mode=direct");
    assert!(remote.contains("names no driver"), "{remote}");

    let no_xdg = user_without_xdg(&[]);
    let session = parse("qemu:///session")
        .endpoint(&no_xdg, false)
        .unwrap_err();
    assert!(
        session.to_string().contains("XDG_RUNTIME_DIR is not set"),
        "{session}"
    );

    let garbage = LibvirtUri::parse("qemu").unwrap_err().to_string();
    assert!(
        garbage.contains("'qemu'") && garbage.contains("no scheme"),
        "{garbage}"
    );
}

#[test]
fn parse_errors() {
    let parse_fail = [
        "",
        "   ",
        "qemu",
        "not a uri",
        "/system",
        "://system",
        "qemu:system",
        "qemu+tcp://h:99999/system",
        "qemu+tcp://h:port/system",
        "qemu+tcp://[::1/system",
        "qemu:///system?x=%zz",
        "qemu:///system?x=%",
        "qemu:///system?%zz=1",
        "qemu:///sys%zztem",
        "qemu:///system?x=%00",
        "qemu:///system?x=%ff",
        "qemu:///system#%zz",
        "qemu+ssh://a%zz@h/system",
    ];
    for s in parse_fail {
        match LibvirtUri::parse(s) {
            Err(UriError::Parse { uri, reason }) => {
                assert_eq!(uri, s);
                assert!(!reason.is_empty());
            }
            other => panic!("{s:?}: expected a parse error, got {other:?}"),
        }
    }

    let transports = [
        ("qemu+foo:///system", "foo"),
        ("qemu+:///system", ""),
        ("qemu+ssh+tcp://h/system", "ssh+tcp"),
        ("qemu+HTTP://h/system", "http"),
    ];
    for (s, want) in transports {
        assert_eq!(
            LibvirtUri::parse(s),
            Err(UriError::UnknownTransport {
                transport: want.to_owned()
            }),
            "{s}"
        );
    }

    assert_eq!(
        LibvirtUri::parse("qemu+unix://host/system"),
        Err(UriError::UnixWithHost {
            host: "host".to_owned()
        })
    );
    assert_eq!(
        LibvirtUri::parse("qemu+unix://[::1]/system"),
        Err(UriError::UnixWithHost {
            host: "::1".to_owned()
        })
    );
}

#[test]
fn default_endpoints() {
    let cases: Vec<(Environment, bool, Endpoint)> = vec![
        (root(&[]), false, unix("/run/libvirt/libvirt-sock")),
        (root(&[]), true, unix("/run/libvirt/libvirt-sock-ro")),
        (
            root(&["/run/libvirt/virtqemud-sock"]),
            false,
            unix("/run/libvirt/virtqemud-sock"),
        ),
        // Order: xen, qemu, lxc, vbox, bhyve, vz.
        (
            root(&[
                "/run/libvirt/virtlxcd-sock",
                "/run/libvirt/virtxend-sock",
                "/run/libvirt/virtqemud-sock",
            ]),
            false,
            unix("/run/libvirt/virtxend-sock"),
        ),
        (
            root(&[
                "/run/libvirt/virtvzd-sock",
                "/run/libvirt/virtbhyved-sock",
                "/run/libvirt/libvirt-sock",
            ]),
            false,
            unix("/run/libvirt/virtbhyved-sock"),
        ),
        (
            root(&[
                "/run/libvirt/virtlxcd-sock",
                "/run/libvirt/virtvboxd-sock-ro",
            ]),
            true,
            unix("/run/libvirt/virtvboxd-sock-ro"),
        ),
        // A daemon that is not a hypervisor is never probed.
        (
            root(&["/run/libvirt/virtnetworkd-sock"]),
            false,
            unix("/run/libvirt/libvirt-sock"),
        ),
        (
            user(&[]),
            false,
            unix("/run/user/1000/libvirt/libvirt-sock"),
        ),
        (user(&[]), true, unix("/run/user/1000/libvirt/libvirt-sock")),
        (
            user(&[
                "/run/user/1000/libvirt/virtvboxd-sock",
                "/run/user/1000/libvirt/virtqemud-sock",
            ]),
            true,
            unix("/run/user/1000/libvirt/virtqemud-sock"),
        ),
        // System sockets do not count for a non-root user.
        (
            user(&["/run/libvirt/virtqemud-sock"]),
            false,
            unix("/run/user/1000/libvirt/libvirt-sock"),
        ),
    ];
    for (env, read_only, want) in cases {
        assert_eq!(
            default_endpoint(&env, read_only).as_ref(),
            Ok(&want),
            "{env:?} ro={read_only}"
        );
    }
    assert_eq!(
        default_endpoint(&user_without_xdg(&[]), false),
        Err(UriError::NoSessionDir)
    );
}

#[test]
fn admin_endpoints() {
    let env_user = user(&[]);
    let env_root = Environment::simulated(
        true,
        Some(PathBuf::from("/run/user/0")),
        Vec::<PathBuf>::new(),
    );
    let ok = [
        (
            "libvirtd:///system",
            &env_user,
            "/run/libvirt/libvirt-admin-sock",
        ),
        (
            "virtproxyd:///system",
            &env_user,
            "/run/libvirt/libvirt-admin-sock",
        ),
        (
            "virtqemud:///system",
            &env_user,
            "/run/libvirt/virtqemud-admin-sock",
        ),
        (
            "virtnetworkd:///system",
            &env_root,
            "/run/libvirt/virtnetworkd-admin-sock",
        ),
        (
            "virtlogd:///system",
            &env_root,
            "/run/libvirt/virtlogd-admin-sock",
        ),
        (
            "libvirtd:///session",
            &env_user,
            "/run/user/1000/libvirt/libvirt-admin-sock",
        ),
        (
            "virtqemud:///session",
            &env_user,
            "/run/user/1000/libvirt/virtqemud-admin-sock",
        ),
        (
            "virtqemud:///session",
            &env_root,
            "/run/user/0/libvirt/virtqemud-admin-sock",
        ),
        (
            "libvirtd:///system?socket=/tmp/admin",
            &env_user,
            "/tmp/admin",
        ),
        (
            "virtqemud:///anything?socket=/tmp/a%20b",
            &env_user,
            "/tmp/a b",
        ),
        ("nonsense:///?socket=/tmp/s", &env_user, "/tmp/s"),
    ];
    for (s, env, want) in ok {
        assert_eq!(
            admin_endpoint(&parse(s), env),
            Ok(PathBuf::from(want)),
            "{s}"
        );
    }

    let no_xdg = user_without_xdg(&[]);
    let bad = |s: &str, env: &Environment| admin_endpoint(&parse(s), env).unwrap_err();
    assert_eq!(
        bad("libvirtd:///system?mode=direct", &env_user),
        UriError::UnknownParam {
            name: "mode".to_owned()
        }
    );
    assert_eq!(
        bad("libvirtd:///system?Socket=/x", &env_user),
        UriError::UnknownParam {
            name: "Socket".to_owned()
        }
    );
    assert_eq!(bad("virtqemud:///session", &no_xdg), UriError::NoSessionDir);
    for s in [
        "qemu:///system",
        "virt:///system",
        "remote:///system",
        "virtqemud:///",
        "virtqemud:///default",
        "virtqemud+unix:///system",
        "virtqemud+tcp://host/system",
        "libvirtd://host/system",
    ] {
        match bad(s, &env_user) {
            UriError::BadAdminUri { uri, reason } => {
                assert_eq!(uri, s);
                assert!(!reason.is_empty());
            }
            other => panic!("{s}: unexpected {other:?}"),
        }
    }
}

#[test]
fn endpoint_display() {
    assert_eq!(
        unix("/run/libvirt/libvirt-sock").to_string(),
        "/run/libvirt/libvirt-sock"
    );
    assert_eq!(tcp("h", 16509).to_string(), "h:16509");
    assert_eq!(tcp("::1", 16514).to_string(), "[::1]:16514");
}
