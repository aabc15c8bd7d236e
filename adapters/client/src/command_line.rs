//! virsh's connection options on a program's command line: `-c URI` /
//! `--connect URI` and `-r` / `--readonly`.

use std::ffi::OsString;

use crate::Options;

/// A program's command line, read as virsh reads its own connection
/// options: `-c URI`, `-cURI`, `--connect URI` or `--connect=URI` names the
/// libvirt URI (the last one wins), `-r` or `--readonly` asks for a
/// read-only connection, and short options may be grouped (`-rc URI`).
/// They come first: the first argument that is not one of them, and
/// everything after it, is the program's own ([`rest`](Self::rest)); `--`
/// ends them too, and is dropped.
///
/// ```
/// use libvirt_client::CommandLine;
///
/// // my-tool -r -c qemu:///system list --all
/// let cmd = CommandLine::parse(["-r", "-c", "qemu:///system", "list", "--all"])?;
/// assert_eq!(cmd.uri(), Some("qemu:///system"));
/// assert!(cmd.read_only);
/// assert_eq!(cmd.rest, ["list", "--all"]);
/// assert!(cmd.options().is_read_only());
///
/// // my-tool list: no URI on the command line.
/// let cmd = CommandLine::parse(["list"])?;
/// assert_eq!(cmd.uri(), None);
/// # Ok::<(), libvirt_client::CommandLineError>(())
/// ```
///
/// A program then connects with any adapter, e.g. with `libvirt-tokio`:
///
/// ```text
/// let cmd = CommandLine::from_env()?;
/// let client = Client::connect_with(cmd.uri(), cmd.options()).await?;
/// ```
///
/// # Where the URI comes from
///
/// As with virsh, `-c` wins; without it the connection goes to
/// `LIBVIRT_DEFAULT_URI` if that is set and not empty, else to the daemon's
/// default (the first system or session socket that exists, and the daemon
/// picks the driver). This type only reads the command line: [`uri`] is
/// `None` when it names no URI, and the environment is read where the
/// connection is made, by [`Target::resolve`](crate::Target::resolve) (so by
/// every adapter's `connect_with(None, ...)`), through
/// `libvirt_transport::LibvirtUri::from_env`. A program that drives
/// `libvirt-core` itself calls `LibvirtUri::from_env` when [`uri`] is
/// `None`. As in libvirt, an empty URI (`-c ''`) means no URI. Not read:
/// virsh's own `VIRSH_DEFAULT_CONNECT_URI`, and `uri_default` of
/// `libvirt.conf`.
///
/// [`uri`]: Self::uri
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandLine {
    /// The URI the command line names, if any (never empty).
    pub uri: Option<String>,
    /// Whether `-r` / `--readonly` was given.
    pub read_only: bool,
    /// The program's own arguments, in order.
    pub rest: Vec<String>,
}

/// Why a command line could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandLineError {
    /// `-c` or `--connect` came last, without its URI.
    #[error("option '{0}' requires a URI")]
    MissingUri(String),
    /// An argument is not valid Unicode.
    #[error("argument {0:?} is not valid Unicode")]
    NotUnicode(OsString),
}

impl CommandLine {
    /// Reads the process's arguments (without the program name).
    pub fn from_env() -> Result<CommandLine, CommandLineError> {
        CommandLine::parse_os(std::env::args_os().skip(1))
    }

    fn parse_os(args: impl IntoIterator<Item = OsString>) -> Result<CommandLine, CommandLineError> {
        let args = args
            .into_iter()
            .map(|a| a.into_string().map_err(CommandLineError::NotUnicode))
            .collect::<Result<Vec<String>, _>>()?;
        CommandLine::parse(args)
    }

    /// Reads `args` (without the program name).
    pub fn parse<I>(args: I) -> Result<CommandLine, CommandLineError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let mut out = CommandLine::default();
        let mut args = args.into_iter().map(Into::into);
        while let Some(arg) = args.next() {
            if arg == "--" {
                break;
            }
            if arg == "--readonly" {
                out.read_only = true;
                continue;
            }
            if arg == "--connect" {
                let uri = args.next().ok_or(CommandLineError::MissingUri(arg))?;
                out.set_uri(uri);
                continue;
            }
            if let Some(uri) = arg.strip_prefix("--connect=") {
                out.set_uri(uri.to_owned());
                continue;
            }
            let Some(short) = Short::parse(&arg) else {
                out.rest.push(arg);
                break;
            };
            out.read_only |= short.read_only;
            match short.connect {
                None => {}
                Some("") => {
                    let option = arg.clone();
                    let uri = args.next().ok_or(CommandLineError::MissingUri(option))?;
                    out.set_uri(uri);
                }
                Some(attached) => out.set_uri(attached.to_owned()),
            }
        }
        out.rest.extend(args);
        Ok(out)
    }

    /// The URI the command line names, for `connect_with`: `None` means
    /// `LIBVIRT_DEFAULT_URI`, else the daemon's default.
    pub fn uri(&self) -> Option<&str> {
        self.uri.as_deref()
    }

    /// Connection options with what the command line asks for (read-only
    /// or not); the rest are [`Options::new`]'s defaults.
    pub fn options(&self) -> Options {
        Options::new().read_only(self.read_only)
    }

    fn set_uri(&mut self, uri: String) {
        // libvirt takes an empty name as none (virConnectOpen).
        self.uri = Some(uri).filter(|u| !u.is_empty());
    }
}

/// A group of short options: `-r`, `-rr`, `-c`, `-cURI`, `-rc`, `-rcURI`.
struct Short<'a> {
    read_only: bool,
    /// After a `c`: the URI attached to it (`""` when it is the next
    /// argument).
    connect: Option<&'a str>,
}

impl<'a> Short<'a> {
    fn parse(arg: &'a str) -> Option<Short<'a>> {
        let letters = arg
            .strip_prefix('-')
            .filter(|l| !l.is_empty() && !l.starts_with('-'))?;
        let after_r = letters.trim_start_matches('r');
        let read_only = after_r.len() < letters.len();
        if after_r.is_empty() {
            return Some(Short {
                read_only,
                connect: None,
            });
        }
        let attached = after_r.strip_prefix('c')?;
        Some(Short {
            read_only,
            connect: Some(attached),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> CommandLine {
        CommandLine::parse(args.iter().copied()).expect("parses")
    }

    #[test]
    fn connect_options() {
        for args in [
            &["-c", "test:///default", "list"][..],
            &["--connect", "test:///default", "list"],
            &["--connect=test:///default", "list"],
            &["-ctest:///default", "list"],
        ] {
            let cmd = parse(args);
            assert_eq!(cmd.uri(), Some("test:///default"), "{args:?}");
            assert!(!cmd.read_only);
            assert_eq!(cmd.rest, ["list"], "{args:?}");
        }
        // The last one wins.
        let cmd = parse(&["-c", "a:///x", "--connect", "b:///y"]);
        assert_eq!(cmd.uri(), Some("b:///y"));
        assert!(cmd.rest.is_empty());
        // No URI: the connecting layer reads LIBVIRT_DEFAULT_URI.
        assert_eq!(parse(&[]), CommandLine::default());
        assert_eq!(parse(&["list"]).uri(), None);
        // An empty URI is none, as in libvirt.
        assert_eq!(parse(&["-c", ""]).uri(), None);
        assert_eq!(parse(&["-c", "a:///x", "--connect="]).uri(), None);
    }

    #[test]
    fn read_only() {
        for args in [
            &["-r", "-c", "qemu:///system", "x"][..],
            &["--readonly", "--connect=qemu:///system", "x"],
            &["-rc", "qemu:///system", "x"],
            &["-rcqemu:///system", "x"],
            &["-c", "qemu:///system", "-rr", "x"],
        ] {
            let cmd = parse(args);
            assert!(cmd.read_only, "{args:?}");
            assert_eq!(cmd.uri(), Some("qemu:///system"), "{args:?}");
            assert_eq!(cmd.rest, ["x"], "{args:?}");
            assert!(cmd.options().is_read_only());
        }
        assert!(!parse(&["-c", "qemu:///system"]).options().is_read_only());
    }

    #[test]
    fn the_program_keeps_its_own_arguments() {
        // They start at the first argument that is not a connection option,
        // even if connection options follow, as virsh's do.
        let cmd = parse(&["-c", "u:///", "--count", "4", "-c", "v:///", "-r"]);
        assert_eq!(cmd.uri(), Some("u:///"));
        assert!(!cmd.read_only);
        assert_eq!(cmd.rest, ["--count", "4", "-c", "v:///", "-r"]);
        // Other options, `-`, and negative numbers are the program's.
        assert_eq!(parse(&["-x", "-c", "u:///"]).rest, ["-x", "-c", "u:///"]);
        assert_eq!(parse(&["-rx"]).rest, ["-rx"]);
        assert_eq!(parse(&["-", "a"]).rest, ["-", "a"]);
        assert_eq!(parse(&["-1"]).rest, ["-1"]);
        assert_eq!(parse(&["--connectx"]).rest, ["--connectx"]);
        // `--` ends the options and is dropped.
        let cmd = parse(&["-r", "--", "-c", "u:///"]);
        assert!(cmd.read_only);
        assert_eq!(cmd.uri(), None);
        assert_eq!(cmd.rest, ["-c", "u:///"]);
    }

    #[test]
    fn arguments_must_be_unicode() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(b"caf\xe9".to_vec());
        let err = CommandLine::parse_os(["-c".into(), bad.clone()]).unwrap_err();
        assert_eq!(err, CommandLineError::NotUnicode(bad));
        let cmd = CommandLine::parse_os(["-r".into(), "x".into()]).unwrap();
        assert!(cmd.read_only);
        assert_eq!(cmd.rest, ["x"]);
    }

    #[test]
    fn a_missing_uri_is_an_error() {
        for (args, option) in [
            (&["-c"][..], "-c"),
            (&["--connect"], "--connect"),
            (&["-r", "-rc"], "-rc"),
        ] {
            let err = CommandLine::parse(args.iter().copied()).unwrap_err();
            assert_eq!(err, CommandLineError::MissingUri(option.into()));
            assert_eq!(err.to_string(), format!("option '{option}' requires a URI"));
        }
    }
}
