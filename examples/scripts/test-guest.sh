#!/usr/bin/env bash
# Prepares QEMU and a tiny Linux guest (kernel + busybox initramfs, no disk,
# no network) for the tests that need a REAL qemu domain, and prints its
# domain XML.
#
#   test-guest.sh prepare    make sure QEMU and the guest are there (cached),
#                            print key=value lines on stdout:
#                              qemu_bin=DIR      put first in the daemon's PATH
#                                                (empty: the system's QEMU is used)
#                              kernel=FILE
#                              initrd=FILE
#                              domain_type=kvm|qemu
#   test-guest.sh xml NAME   print the guest's domain XML on stdout (runs
#                            `prepare` first, quietly)
#
# stdout carries only those results; apt, progress and errors go to stderr.
# `prepare` is idempotent and safe to run many times at once (flock).
#
# Cache directory CACHE = $TEST_QEMU_CACHE, or ${TMPDIR:-/tmp}/libvirt-rs-qemu:
#   CACHE/lock           flock taken by `prepare`
#   CACHE/qemu/          private QEMU, only when no usable qemu-system-x86_64
#                        is on PATH: Debian's qemu-system-x86 and
#                        qemu-system-common unpacked with dpkg -x (never
#                        installed: installing them would remove a newer
#                        qemu-utils, e.g. from backports); QEMU finds its
#                        firmware and modules relative to its binary, so
#                        usr/share/qemu, usr/share/seabios and usr/lib/ipxe are
#                        links to the apt-installed qemu-system-data, seabios
#                        and ipxe-qemu; modules whose libraries are missing are
#                        dropped (audio, spice, GL, USB redirection)
#   CACHE/qemu/bin/      holds only qemu-system-x86_64 (the qemu_bin= above)
#   CACHE/guest/vmlinuz  the kernel of the package linux-image-amd64 depends on
#   CACHE/guest/initrd.gz  busybox-static's busybox, a few kernel modules
#                        (evdev, button, virtio_pci, virtio_balloon and their
#                        dependencies) and an /init, see write_init below
#   CACHE/domain-type    `kvm` if the guest boots under KVM, else `qemu` (TCG)
#   CACHE/domain-type.log  evidence: serial output and qemu's messages of the
#                        detection boots
#   CACHE/libvirt-cache/ (not used here) the QEMU capabilities that
#                        test-qemu-libvirtd.sh shares between its daemons
#   CACHE/work.*         temporary, removed at the end
# Packages installed through ensure-packages.sh (only if missing, never
# upgraded or removed: a simulation refuses that first): QEMU's runtime
# libraries (from qemu-system-x86's Depends), qemu-system-data, seabios,
# ipxe-qemu. The kernel and busybox packages are only downloaded.
#
# The guest: /init mounts proc, sys and devtmpfs, loads the modules, starts
# busybox acpid (power button -> `poweroff -f`), prints the ready marker
# LIBVIRT-RS-GUEST-READY on ttyS0 (the console) and then loops a root shell
# on ttyS0 (prompt "guest# "). Under TCG the shell is up about 6 s after start.
#
# XML environment:
#   TEST_GUEST_LOG=FILE   add <log file=FILE append='off'/> to the serial port:
#                         qemu itself writes the guest's console output there
#                         (a readiness probe: wait for the marker in it). FILE
#                         must be outside /run (the daemon's /run is private).
#   TEST_GUEST_VNC=0      no <graphics type='vnc'> (default: VNC on 127.0.0.1,
#                         autoport, for virDomainOpenGraphicsFD).
#   TEST_GUEST_DOMAIN_TYPE=kvm|qemu  override the detected type.

set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
# (No `producer | grep -q` or `| head` in these scripts: with pipefail, the
# reader's early exit can fail the whole pipeline through SIGPIPE.)

HERE=$(cd -- "$(dirname -- "$0")" && pwd)
CACHE=$(realpath -m -- "${TEST_QEMU_CACHE:-${TMPDIR:-/tmp}/libvirt-rs-qemu}")
MARKER=LIBVIRT-RS-GUEST-READY
CMDLINE="console=ttyS0 quiet 8250.nr_uarts=1 no_timer_check"
LOCK_TIMEOUT=1800   # seconds to wait for another `prepare`
KVM_PROBE_TIMEOUT=${TEST_GUEST_KVM_PROBE_TIMEOUT:-20}
TCG_PROBE_TIMEOUT=${TEST_GUEST_TCG_PROBE_TIMEOUT:-90}
# Guest kernel modules (the dependencies are added from their modinfo).
GUEST_MODULES="button evdev virtio_pci virtio_balloon"

usage() {
    echo "usage: $0 prepare | xml NAME" >&2
    exit 2
}

die() {
    echo "test-guest: $*" >&2
    exit 1
}

log() {
    echo "test-guest: $*" >&2
}

# --- apt helpers ----------------------------------------------------------

apt_updated=0
apt_update() {
    [ "$apt_updated" = 0 ] || return 0
    log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=600 update -q >&2 || true
    apt_updated=1
}

# apt_download DIR PKG[=VERSION]...: download .debs into DIR (nothing installed).
apt_download() {
    local dir=$1
    shift
    # apt's _apt user cannot write into a private root-owned dir; downloading
    # as root is fine (apt only warns), so silence that one warning.
    if ! (cd -- "$dir" && apt-get download -q "$@" >&2 2> >(grep -v 'unsandboxed as root' >&2)); then
        apt_update
        (cd -- "$dir" && apt-get download -q "$@" >&2 2> >(grep -v 'unsandboxed as root' >&2)) ||
            die "apt-get download $* failed"
    fi
}

candidate_version() {
    apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" && !n++ { print $2 }'
}

# Package names from a Depends field: alternatives keep the first one that is
# installed (else the first), version constraints and :any are dropped.
depends_of() {
    local field=$1 alt chosen name
    echo "$field" | tr ',' '\n' | while IFS= read -r alt; do
        chosen=
        for name in $(echo "$alt" | sed 's/([^)]*)//g; s/|/ /g; s/:any//g'); do
            [ -n "$chosen" ] || chosen=$name
            if is_installed "$name"; then
                chosen=$name
                break
            fi
        done
        [ -z "$chosen" ] || echo "$chosen"
    done
}

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == *"ok installed"* ]]
}

# Install the packages that are missing, after checking with a simulation
# that apt would neither remove nor upgrade anything.
install_missing() {
    local pkg missing=() pairs=() sim
    for pkg in "$@"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    if ! sim=$(apt-get -s install --no-install-recommends "${missing[@]}" 2>&1); then
        apt_update
        sim=$(apt-get -s install --no-install-recommends "${missing[@]}" 2>&1) ||
            { echo "$sim" >&2; die "apt cannot install ${missing[*]}"; }
    fi
    if grep -qE '^Remv |^Inst [^ ]+ \[' <<<"$sim"; then
        echo "$sim" | grep -E '^(Remv|Inst) ' >&2
        die "installing ${missing[*]} would remove or upgrade packages (see above); refusing"
    fi
    for pkg in "${missing[@]}"; do
        pairs+=("dpkg:$pkg=$pkg")
    done
    "$HERE/ensure-packages.sh" "${pairs[@]}" || die "could not install ${missing[*]}"
}

# --- QEMU -------------------------------------------------------------------

# A usable qemu-system-x86_64 on PATH that is not our private one.
system_qemu() {
    local d
    local IFS=:
    for d in $PATH; do
        [ -n "$d" ] && [ "$d" != "$CACHE/qemu/bin" ] || continue
        if [ -x "$d/qemu-system-x86_64" ] && "$d/qemu-system-x86_64" -version >/dev/null 2>&1; then
            echo "$d/qemu-system-x86_64"
            return 0
        fi
    done
    return 1
}

# Prints the lines of `ldd FILE` that say "not found".
ldd_missing() {
    ldd "$1" 2>&1 | grep 'not found' || true
}

install_private_qemu() {
    local ver deps tmp debs m miss
    if [ -f "$CACHE/qemu/.complete" ]; then
        # The private QEMU links to the machine's firmware and libraries:
        # put back any that were removed since (apt-get remove seabios...).
        if [ -f "$CACHE/qemu/.depends" ]; then
            # shellcheck disable=SC2046 # a list of package names
            install_missing $(cat "$CACHE/qemu/.depends")
        fi
        return 0
    fi
    log "unpacking a private QEMU into $CACHE/qemu"
    ver=$(candidate_version qemu-system-x86)
    if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
        apt_update
        ver=$(candidate_version qemu-system-x86)
    fi
    [ -n "$ver" ] && [ "$ver" != "(none)" ] || die "apt knows no qemu-system-x86 package"

    # Runtime libraries and firmware: everything qemu-system-x86 depends on,
    # except qemu-system-common, which is unpacked privately with it.
    deps=$(depends_of "$(apt-cache show "qemu-system-x86=$ver" |
        awk '/^Depends:/ && !n++ { sub(/^Depends: */, ""); print }')" | grep -vx 'qemu-system-common')
    # shellcheck disable=SC2086 # a list of package names
    install_missing $deps

    tmp=$(mktemp -d "$CACHE/work.XXXXXX")
    debs="$tmp/debs"
    mkdir -p "$debs" "$tmp/root"
    apt_download "$debs" "qemu-system-x86=$ver" "qemu-system-common=$ver"
    for m in "$debs"/*.deb; do
        dpkg -x "$m" "$tmp/root"
    done
    local root=$tmp/root
    rm -rf -- "$root/usr/share/qemu" "$root/usr/share/seabios" "$root/usr/lib/ipxe" "$root/etc"
    ln -s /usr/share/qemu "$root/usr/share/qemu"
    ln -s /usr/share/seabios "$root/usr/share/seabios"
    ln -s /usr/lib/ipxe "$root/usr/lib/ipxe"
    mkdir -p "$root/bin"
    ln -s ../usr/bin/qemu-system-x86_64 "$root/bin/qemu-system-x86_64"
    # Drop optional modules whose libraries are not installed (qemu would
    # print load errors for them while libvirt probes its capabilities).
    for m in "$root"/usr/lib/x86_64-linux-gnu/qemu/*.so; do
        if [ -n "$(ldd_missing "$m")" ]; then
            log "dropping module $(basename -- "$m") (libraries not installed)"
            rm -f -- "$m"
        fi
    done
    for m in "$root/usr/bin/qemu-system-x86_64" "$root"/usr/lib/x86_64-linux-gnu/qemu/accel-tcg-x86_64.so; do
        [ -e "$m" ] || die "$m is missing from the unpacked packages"
        miss=$(ldd_missing "$m")
        [ -z "$miss" ] || { echo "$miss" >&2; die "$m: libraries not found"; }
    done
    "$root/bin/qemu-system-x86_64" -version >&2 || die "the unpacked QEMU does not run"
    local accels
    accels=$("$root/bin/qemu-system-x86_64" -accel help 2>&1) || true
    grep -qx tcg <<<"$accels" ||
        die "the unpacked QEMU has no TCG accelerator"
    rm -rf -- "$debs"
    touch "$root/.complete"
    rm -rf -- "$CACHE/qemu"
    mv -- "$root" "$CACHE/qemu"
    echo "$deps" >"$CACHE/qemu/.depends"
    rmdir -- "$tmp"
}

# --- the guest --------------------------------------------------------------

write_init() {
    cat >"$1" <<EOF
#!/bin/sh
# /init of the libvirt-rs test guest (generated by test-guest.sh).
export PATH=/bin:/sbin HOME=/root TERM=linux PS1='guest# '
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
dmesg -n 1
for m in \$(cat /etc/modules); do
    insmod /lib/modules/\$m.ko || echo "init: insmod \$m failed"
done
# busybox acpid only opens the event devices that exist when it starts.
n=0
while ! grep -qs 'Power Button' /sys/class/input/event*/device/name && [ \$n -lt 50 ]; do
    sleep 0.1
    n=\$((n + 1))
done
acpid -l /dev/null
echo $MARKER
while :; do
    setsid cttyhack sh -i
    sleep 0.1
done
EOF
    chmod 0755 "$1"
}

# Kernel modules WANTED (names) plus their dependencies, extracted from DEB
# into DEST (flat, NAME.ko); prints the load order (dependencies first).
extract_modules() {
    local deb=$1 dest=$2 work=$3
    local -A path_of=() deps_of=() done_=()
    local p n line want=() todo=() order=()
    while IFS= read -r p; do
        n=$(basename -- "$p" .ko)
        path_of[${n//-/_}]=$p
    done < <(dpkg-deb -c "$deb" | awk '{ print $6 }' | grep '/kernel/.*\.ko$')
    for n in $GUEST_MODULES; do
        [ -n "${path_of[$n]:-}" ] || die "module $n is not in $(basename -- "$deb")"
        todo+=("$n")
    done
    # Extract in rounds until the dependencies are closed.
    while [ ${#todo[@]} -gt 0 ]; do
        local members=()
        for n in "${todo[@]}"; do
            members+=("${path_of[$n]}")
        done
        dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" -- "${members[@]}"
        local next=()
        for n in "${todo[@]}"; do
            done_[$n]=1
            cp -- "$work/${path_of[$n]}" "$dest/$n.ko"
            line=$(tr '\0' '\n' <"$dest/$n.ko" | awk '/^depends=/ && !n++ { sub(/^depends=/, ""); print }')
            deps_of[$n]=${line//,/ }
            local d
            for d in ${deps_of[$n]}; do
                d=${d//-/_}
                [ -n "${path_of[$d]:-}" ] || die "module $d (needed by $n) not found"
                if [ -z "${done_[$d]:-}" ] && [[ " ${next[*]:-} " != *" $d "* ]]; then
                    next+=("$d")
                fi
            done
        done
        todo=("${next[@]}")
    done
    # Topological order.
    local -A placed=()
    visit() {
        local m=$1 d
        [ -z "${placed[$m]:-}" ] || return 0
        placed[$m]=1
        for d in ${deps_of[$m]}; do
            visit "${d//-/_}"
        done
        order+=("$m")
    }
    for n in $GUEST_MODULES; do
        visit "$n"
    done
    printf '%s\n' "${order[@]}"
}

build_guest() {
    local tmp kpkg kdeb bdeb root bb a
    [ -f "$CACHE/guest/.complete" ] && return 0
    log "building the guest in $CACHE/guest"
    tmp=$(mktemp -d "$CACHE/work.XXXXXX")
    mkdir -p "$tmp/debs" "$tmp/x" "$tmp/out"
    kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '$1 == "Depends:" && !n++ { print $2 }')
    if [ -z "$kpkg" ]; then
        apt_update
        kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '$1 == "Depends:" && !n++ { print $2 }')
    fi
    [ -n "$kpkg" ] || die "apt knows no linux-image-amd64"
    apt_download "$tmp/debs" "$kpkg" busybox-static
    kdeb=$(ls "$tmp/debs/${kpkg}"_*.deb)
    bdeb=$(ls "$tmp/debs/"busybox-static_*.deb)

    root=$tmp/root
    mkdir -p "$root"/{bin,etc/acpi/PWRF,proc,sys,dev,tmp,root,var/run,var/log,lib/modules}
    ln -s bin "$root/sbin"
    dpkg-deb --fsys-tarfile "$bdeb" | tar -x -C "$tmp/x" ./bin/busybox
    bb=$root/bin/busybox
    cp -- "$tmp/x/bin/busybox" "$bb"
    for a in $("$bb" --list); do
        [ "$a" = busybox ] || ln -sf busybox "$root/bin/$a"
    done
    dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$tmp/x" --wildcards './boot/vmlinuz-*'
    cp -- "$tmp/x"/boot/vmlinuz-* "$tmp/out/vmlinuz"
    extract_modules "$kdeb" "$root/lib/modules" "$tmp/x" >"$root/etc/modules"
    printf '#!/bin/sh\npoweroff -f\n' >"$root/etc/acpi/PWRF/00000080"
    chmod 0755 "$root/etc/acpi/PWRF/00000080"
    write_init "$root/init"
    (cd -- "$root" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) |
        gzip -9 >"$tmp/out/initrd.gz"
    log "guest: $kpkg, modules $(tr '\n' ' ' <"$root/etc/modules"), initrd $(du -h "$tmp/out/initrd.gz" | cut -f1)"
    touch "$tmp/out/.complete"
    rm -rf -- "$CACHE/guest"
    mv -- "$tmp/out" "$CACHE/guest"
    rm -rf -- "$tmp"
}

# --- KVM or TCG -------------------------------------------------------------

# The probe's qemu runs under `timeout` (so it dies even if this script is
# killed outright); kill_probe sends TERM to timeout, which passes it on to
# qemu, and KILLs it 2 s later if needed.
probe_pid=
kill_probe() {
    if [ -n "$probe_pid" ]; then
        kill -TERM "$probe_pid" 2>/dev/null || true
        wait "$probe_pid" 2>/dev/null || true
        probe_pid=
    fi
}

# boot_guest QEMU ACCEL TIMEOUT: boot the guest directly (no libvirt) and
# succeed if the ready marker shows up on its serial port within TIMEOUT s.
# Without "quiet", so that the kernel's messages land in the evidence log.
boot_guest() {
    local qemu=$1 accel=$2 timeout=$3 out deadline rc=1
    out=$(mktemp "$CACHE/work.XXXXXX")
    trap kill_probe EXIT
    trap 'kill_probe; exit 130' INT TERM HUP
    # fd 9 (the lock) must not stay open in qemu.
    timeout -k 2 "$((timeout + 5))" "$qemu" -nodefaults -no-user-config -machine "pc,accel=$accel" -m 128 -smp 1 \
        -display none -vga none -chardev "file,id=s0,path=$out" -serial chardev:s0 \
        -kernel "$CACHE/guest/vmlinuz" -initrd "$CACHE/guest/initrd.gz" \
        -append "${CMDLINE/ quiet/}" -no-reboot </dev/null >"$out.err" 2>&1 9>&- &
    probe_pid=$!
    deadline=$((SECONDS + timeout))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if grep -qa "$MARKER" "$out"; then
            rc=0
            break
        fi
        kill -0 "$probe_pid" 2>/dev/null || break
        sleep 0.2
    done
    kill_probe
    trap - EXIT INT TERM HUP
    {
        echo "==== accel=$accel: $([ $rc = 0 ] && echo "ready marker seen" || echo "NO ready marker") after $((SECONDS - deadline + timeout)) s"
        echo "---- serial output:"
        tr -d '\r' <"$out" | tail -n 20
        echo "---- qemu's messages:"
        tail -n 20 "$out.err"
    } >>"$CACHE/domain-type.log.tmp"
    rm -f -- "$out" "$out.err"
    return $rc
}

detect_domain_type() {
    local qemu=$1 type
    [ -s "$CACHE/domain-type" ] && return 0
    rm -f -- "$CACHE/domain-type.log.tmp"
    type=qemu
    if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
        log "trying the guest under KVM (up to ${KVM_PROBE_TIMEOUT}s)"
        if boot_guest "$qemu" kvm "$KVM_PROBE_TIMEOUT"; then
            type=kvm
        fi
    else
        echo "==== /dev/kvm missing or not accessible: TCG" >>"$CACHE/domain-type.log.tmp"
    fi
    if [ "$type" = qemu ]; then
        log "checking that the guest boots under TCG (up to ${TCG_PROBE_TIMEOUT}s)"
        boot_guest "$qemu" tcg "$TCG_PROBE_TIMEOUT" || {
            cat "$CACHE/domain-type.log.tmp" >&2
            die "the guest does not boot under TCG either"
        }
    fi
    mv -f -- "$CACHE/domain-type.log.tmp" "$CACHE/domain-type.log"
    log "domain type: $type (evidence in $CACHE/domain-type.log)"
    echo "$type" >"$CACHE/domain-type.tmp"
    mv -f -- "$CACHE/domain-type.tmp" "$CACHE/domain-type"
}

# --- commands ---------------------------------------------------------------

do_prepare() {
    local qemu qemu_bin=
    mkdir -p -- "$CACHE"
    exec 9>>"$CACHE/lock"
    flock -w "$LOCK_TIMEOUT" 9 || die "another prepare holds $CACHE/lock for too long"
    rm -rf -- "$CACHE"/work.*
    if qemu=$(system_qemu); then
        :
    else
        "$HERE/ensure-packages.sh" apt-get=apt dpkg-deb=dpkg gzip=gzip ldd=libc-bin flock=util-linux ||
            die "basic tools are missing"
        install_private_qemu
        qemu_bin=$CACHE/qemu/bin
        qemu=$qemu_bin/qemu-system-x86_64
    fi
    build_guest
    detect_domain_type "$qemu"
    exec 9>&-
    echo "qemu_bin=$qemu_bin"
    echo "kernel=$CACHE/guest/vmlinuz"
    echo "initrd=$CACHE/guest/initrd.gz"
    echo "domain_type=$(cat "$CACHE/domain-type")"
}

xml_escape() {
    local s=$1
    s=${s//&/&amp;}
    s=${s//</&lt;}
    s=${s//>/&gt;}
    s=${s//\'/&apos;}
    s=${s//\"/&quot;}
    printf '%s' "$s"
}

do_xml() {
    local name=$1 info kernel initrd type serial_log='' graphics=''
    case "$name" in
    '' | *[!A-Za-z0-9._-]*) die "NAME must be letters, digits, '.', '_' or '-'" ;;
    esac
    info=$(do_prepare)
    kernel=$(echo "$info" | sed -n 's/^kernel=//p')
    initrd=$(echo "$info" | sed -n 's/^initrd=//p')
    type=${TEST_GUEST_DOMAIN_TYPE:-$(echo "$info" | sed -n 's/^domain_type=//p')}
    if [ -n "${TEST_GUEST_LOG:-}" ]; then
        serial_log="
      <log file='$(xml_escape "$(realpath -m -- "$TEST_GUEST_LOG")")' append='off'/>"
    fi
    if [ "${TEST_GUEST_VNC:-1}" != 0 ]; then
        graphics="
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'>
      <listen type='address' address='127.0.0.1'/>
    </graphics>"
    fi
    cat <<EOF
<domain type='$type'>
  <name>$name</name>
  <memory unit='MiB'>128</memory>
  <currentMemory unit='MiB'>128</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$(xml_escape "$kernel")</kernel>
    <initrd>$(xml_escape "$initrd")</initrd>
    <cmdline>$CMDLINE</cmdline>
  </os>
  <features>
    <acpi/>
  </features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <controller type='usb' model='none'/>
    <serial type='pty'>$serial_log
      <target port='0'/>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>$graphics
    <video>
      <model type='vga'/>
    </video>
    <memballoon model='virtio'>
      <stats period='1'/>
    </memballoon>
  </devices>
</domain>
EOF
}

[ $# -ge 1 ] || usage
case "$1" in
prepare)
    [ $# -eq 1 ] || usage
    do_prepare
    ;;
xml)
    [ $# -eq 2 ] || usage
    do_xml "$2"
    ;;
*) usage ;;
esac
