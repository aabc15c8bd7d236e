//! What the examples share. Their command lines (`-c URI`, `-r`, then
//! their own arguments) are read by libvirt-client's
//! [`CommandLine`](libvirt_client::CommandLine), re-exported by every
//! adapter.

/// Formats a libvirt version number (`9000000` is `9.0.0`).
pub fn version(v: u64) -> String {
    format!("{}.{}.{}", v / 1_000_000, v / 1000 % 1000, v % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(version(9_000_000), "9.0.0");
        assert_eq!(version(11_003_000), "11.3.0");
    }
}
