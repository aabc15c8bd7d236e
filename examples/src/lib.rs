//! What the examples share: virsh-like arguments.

/// The command line of an example: `-c URI` / `--connect URI` (else
/// `LIBVIRT_DEFAULT_URI`, else the daemon's default, as virsh), then the
/// example's own arguments.
#[derive(Debug, Default)]
pub struct Args {
    /// The URI given with `-c`, if any.
    pub uri: Option<String>,
    /// Everything else, in order.
    pub rest: Vec<String>,
}

impl Args {
    /// Reads the process's arguments.
    pub fn from_env() -> Args {
        Args::parse(std::env::args().skip(1))
    }

    /// Reads `args`.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Args {
        let mut out = Args::default();
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            match a.as_str() {
                "-c" | "--connect" => out.uri = args.next(),
                _ => match a.strip_prefix("--connect=") {
                    Some(uri) => out.uri = Some(uri.to_owned()),
                    None => out.rest.push(a),
                },
            }
        }
        out
    }
}

/// Formats a libvirt version number (`9000000` is `9.0.0`).
pub fn version(v: u64) -> String {
    format!("{}.{}.{}", v / 1_000_000, v / 1000 % 1000, v % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_virsh() {
        let a = Args::parse(["-c", "test:///default", "list"].map(String::from));
        assert_eq!(a.uri.as_deref(), Some("test:///default"));
        assert_eq!(a.rest, ["list"]);
        let a = Args::parse(["--connect=qemu:///system", "x", "y"].map(String::from));
        assert_eq!(a.uri.as_deref(), Some("qemu:///system"));
        assert_eq!(a.rest, ["x", "y"]);
        assert_eq!(version(9_000_000), "9.0.0");
        assert_eq!(version(11_003_000), "11.3.0");
    }
}
