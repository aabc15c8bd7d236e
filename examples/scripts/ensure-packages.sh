#!/usr/bin/env bash
# Installs Debian packages that a test harness or the demo needs, only if a
# command they provide is missing:
#
#   ensure-packages.sh COMMAND=PACKAGE [COMMAND=PACKAGE ...]
#
# e.g. `ensure-packages.sh libvirtd=libvirt-daemon virsh=libvirt-clients`.
# Commands are looked up in PATH plus the sbin directories; a COMMAND that
# starts with / is a file that must exist (for libraries), and dpkg:NAME
# asks dpkg whether package NAME is installed. Everything this
# prints goes to stderr: callers capture stdout for their own results.
# Many tests may call it at once; one installs, the others wait for it (a
# lock on this script itself, so nothing new is created on the host).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

missing() {
    local pair pkgs=()
    for pair in "$@"; do
        case "$pair" in
        /*) [ -e "${pair%%=*}" ] || pkgs+=("${pair#*=}") ;;
        dpkg:*)
            local name=${pair%%=*}
            dpkg-query -W -f='${Status}' "${name#dpkg:}" 2>/dev/null | grep -q 'ok installed' ||
                pkgs+=("${pair#*=}")
            ;;
        *) command -v "${pair%%=*}" >/dev/null 2>&1 || pkgs+=("${pair#*=}") ;;
        esac
    done
    echo "${pkgs[@]:-}"
}

[ $# -gt 0 ] || { echo "usage: $0 COMMAND=PACKAGE..." >&2; exit 2; }
[ -n "$(missing "$@")" ] || exit 0
[ "$(id -u)" -eq 0 ] || {
    echo "ensure-packages: missing $(missing "$@"), and installing packages needs root" >&2
    exit 1
}
exec 9<"$0"
flock 9
pkgs=$(missing "$@")
[ -n "$pkgs" ] || exit 0
echo "ensure-packages: installing $pkgs" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # a list of package names
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $pkgs >&2 ||
    { apt-get -o DPkg::Lock::Timeout=600 update -q >&2 && apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $pkgs >&2; }
pkgs=$(missing "$@")
if [ -n "$pkgs" ]; then
    echo "ensure-packages: still missing after the install: $pkgs" >&2
    exit 1
fi
