#!/usr/bin/env bash
# Refresh the vendored libvirt protocol files from Debian's libvirt source
# package. Usage: proto/refresh.sh UPSTREAM_VERSION DEBIAN_VERSION
#   e.g. proto/refresh.sh 11.3.0 11.3.0-3+deb13u3
# Needs a deb-src entry for a Debian suite that carries that version.
# The .dsc download may fail; the .orig tarball is all this script needs.
set -euo pipefail
upstream=${1:?upstream version, e.g. 11.3.0}
debian=${2:?Debian package version, e.g. 11.3.0-3+deb13u3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# apt-get reports on stderr: this script's stdout says only what it did.
apt-get source --download-only "libvirt=$debian" >&2 || true
tarball=libvirt_${upstream}.orig.tar.xz
[ -f "$tarball" ] || { echo "refresh: $tarball was not downloaded" >&2; exit 1; }
sum=$(sha256sum "$tarball" | cut -d' ' -f1)
tar xf "$tarball"
src=libvirt-$upstream
cp "$src/src/remote/remote_protocol.x" "$src/src/remote/qemu_protocol.x" \
   "$src/src/remote/lxc_protocol.x" "$src/src/admin/admin_protocol.x" \
   "$src/src/rpc/virnetprotocol.x" "$src/src/rpc/virkeepaliveprotocol.x" "$here/"
rm -f "$here"/include/libvirt/*
mkdir -p "$here/include/libvirt"
cp "$src"/include/libvirt/*.h "$src/include/libvirt/libvirt-common.h.in" "$here/include/libvirt/"
cp "$src/COPYING.LESSER" "$here/COPYING.LESSER"
# libvirt's API description (what libvirt-dev ships in /usr/share/libvirt/api),
# made by the tarball's own scripts/apibuild.py as libvirt's build does: it
# reads the headers, the .syms files, the .x files (for the ACLs) and the
# sources' doc comments. It needs the generated libvirt-common.h, whose only
# substitution is the version number.
command -v python3 >/dev/null || { echo "refresh: python3 is needed for apibuild.py" >&2; exit 1; }
IFS=. read -r major minor micro <<<"$upstream"
mkdir -p build/docs build/include/libvirt "$src/docs"
sed "s/@LIBVIRT_VERSION_NUMBER@/$((major * 1000000 + minor * 1000 + micro))/" \
    "$src/include/libvirt/libvirt-common.h.in" >build/include/libvirt/libvirt-common.h
python3 "$src/scripts/apibuild.py" "$src/docs" build/docs >&2
rm -rf "$here/api"
mkdir -p "$here/api"
cp build/docs/libvirt-api.xml build/docs/libvirt-qemu-api.xml \
   build/docs/libvirt-lxc-api.xml build/docs/libvirt-admin-api.xml "$here/api/"
sed -i -e "s/^Version          : .*/Version          : $upstream/" \
       -e "s/^Obtained from    : Debian source package \`libvirt\`, version .*/Obtained from    : Debian source package \`libvirt\`, version $debian/" \
       -e "s/^Tarball          : .*/Tarball          : $tarball/" \
       -e "s/^SHA-256          : .*/SHA-256          : $sum/" "$here/PROVENANCE"
echo "refreshed proto/ from $tarball ($sum)"
echo "now run: cargo test -p libvirt-core  (procedure counts in the tests may need updating)"
