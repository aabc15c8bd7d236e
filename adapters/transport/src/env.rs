//! What socket selection needs to know about the process and the machine.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where the system daemons put their sockets. libvirt's client writes
/// `/var/run/libvirt`, which is the same directory.
pub const SYSTEM_RUN_DIR: &str = "/run/libvirt";

/// The facts socket and credential selection depend on: whether the
/// process is root, the session socket directory's parent, the system
/// socket directory, the home directory, and a test for "does this file
/// exist".
///
/// [`Environment::current`] reads them from the running process; tests and
/// tools can build one by hand (all fields are public) or with
/// [`Environment::simulated`].
///
/// ```
/// use std::path::{Path, PathBuf};
/// use libvirt_transport::Environment;
///
/// let env = Environment {
///     is_root: false,
///     xdg_runtime_dir: Some(PathBuf::from("/run/user/1000")),
///     system_run_dir: PathBuf::from("/run/libvirt"),
///     home_dir: Some(PathBuf::from("/home/user")),
///     socket_exists: Box::new(|path: &Path| path.ends_with("virtqemud-sock")),
/// };
/// assert!((env.socket_exists)(Path::new("/run/user/1000/libvirt/virtqemud-sock")));
/// ```
pub struct Environment {
    /// Whether the effective user is root. Root uses the system daemons
    /// even for `/session` URIs.
    pub is_root: bool,
    /// `$XDG_RUNTIME_DIR`; the session daemons' sockets are in its
    /// `libvirt` subdirectory.
    pub xdg_runtime_dir: Option<PathBuf>,
    /// The system daemons' socket directory, normally [`SYSTEM_RUN_DIR`].
    pub system_run_dir: PathBuf,
    /// `$HOME`: a non-root user's TLS credentials are looked up in
    /// `$HOME/.pki/libvirt` first.
    pub home_dir: Option<PathBuf>,
    /// Whether something exists at this path (libvirt tests with
    /// `access(F_OK)`; [`Environment::current`] uses [`Path::exists`]).
    pub socket_exists: Box<dyn Fn(&Path) -> bool + Send + Sync>,
}

impl Environment {
    /// The running process's environment: root if the effective UID (the
    /// second field of the `Uid:` line of `/proc/self/status`) is 0, or, if
    /// that cannot be read, if `/proc/self` is owned by root (without `/proc`
    /// at all, the process counts as not root); `XDG_RUNTIME_DIR` if set and
    /// not empty; [`SYSTEM_RUN_DIR`]; [`Path::exists`].
    ///
    /// ```
    /// let env = libvirt_transport::Environment::current();
    /// assert_eq!(env.system_run_dir, std::path::Path::new("/run/libvirt"));
    /// ```
    pub fn current() -> Environment {
        Environment {
            is_root: effective_uid() == Some(0),
            xdg_runtime_dir: std::env::var_os("XDG_RUNTIME_DIR")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from),
            system_run_dir: PathBuf::from(SYSTEM_RUN_DIR),
            home_dir: std::env::var_os("HOME")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from),
            socket_exists: Box::new(|path: &Path| path.exists()),
        }
    }

    /// An environment where exactly the given paths exist, the system
    /// directory is [`SYSTEM_RUN_DIR`] and the home directory `/home/user`: for tests and for explaining a
    /// choice without touching the file system.
    ///
    /// ```
    /// use std::path::Path;
    /// use libvirt_transport::{Endpoint, Environment, LibvirtUri};
    ///
    /// let env = Environment::simulated(true, None, ["/run/libvirt/libvirt-sock"]);
    /// let uri = LibvirtUri::parse("qemu:///system")?;
    /// // virtqemud's socket is missing and libvirtd's exists: legacy.
    /// assert_eq!(
    ///     uri.endpoint(&env, false)?,
    ///     Endpoint::Unix("/run/libvirt/libvirt-sock".into())
    /// );
    /// # Ok::<(), libvirt_transport::UriError>(())
    /// ```
    pub fn simulated<I, P>(
        is_root: bool,
        xdg_runtime_dir: Option<PathBuf>,
        existing: I,
    ) -> Environment
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        let existing: Vec<PathBuf> = existing.into_iter().map(Into::into).collect();
        Environment {
            is_root,
            xdg_runtime_dir,
            system_run_dir: PathBuf::from(SYSTEM_RUN_DIR),
            home_dir: Some(PathBuf::from("/home/user")),
            socket_exists: Box::new(move |path: &Path| existing.iter().any(|e| e == path)),
        }
    }

    /// `$XDG_RUNTIME_DIR/libvirt`, the session daemons' socket directory.
    pub(crate) fn session_dir(&self) -> Option<PathBuf> {
        self.xdg_runtime_dir.as_ref().map(|dir| dir.join("libvirt"))
    }

    pub(crate) fn exists(&self, path: &Path) -> bool {
        (self.socket_exists)(path)
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment")
            .field("is_root", &self.is_root)
            .field("xdg_runtime_dir", &self.xdg_runtime_dir)
            .field("system_run_dir", &self.system_run_dir)
            .finish_non_exhaustive()
    }
}

fn effective_uid() -> Option<u32> {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(uid) = euid_from_status(&status) {
            return Some(uid);
        }
    }
    owner_of_proc_self()
}

#[cfg(unix)]
fn owner_of_proc_self() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

#[cfg(not(unix))]
fn owner_of_proc_self() -> Option<u32> {
    None
}

/// The effective UID from the `Uid:` line of `/proc/<pid>/status`
/// (`Uid: real effective saved filesystem`).
fn euid_from_status(status: &str) -> Option<u32> {
    status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|uids| uids.split_whitespace().nth(1))
        .and_then(|euid| euid.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euid_parsing() {
        let status = "Name:\tcat\nUmask:\t0022\nState:\tR (running)\nUid:\t1000\t0\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n";
        assert_eq!(euid_from_status(status), Some(0));
        assert_eq!(euid_from_status("Uid:\t1000\t1001\t0\t0\n"), Some(1001));
        assert_eq!(euid_from_status("Name:\tx\n"), None);
        assert_eq!(euid_from_status("Uid:\t1000\n"), None);
    }

    #[test]
    fn current_is_consistent() {
        let env = Environment::current();
        assert_eq!(env.system_run_dir, Path::new(SYSTEM_RUN_DIR));
        assert!(env.exists(Path::new("/")));
        // The debug form leaves the closure out.
        assert!(format!("{env:?}").contains("is_root"));
    }
}
