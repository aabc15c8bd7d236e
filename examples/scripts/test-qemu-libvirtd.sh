#!/usr/bin/env bash
# Start, stop or query a PRIVATE full libvirtd (the monolithic daemon with its
# qemu, storage, network, nodedev, secret, nwfilter and interface drivers)
# running as root in a private mount namespace, with all of its state in a
# directory of your choice. For the tests that need real QEMU guests (see
# test-guest.sh for the guest) and for live migration between two such
# daemons.
#
#   test-qemu-libvirtd.sh start  DIR   start (or reuse) the daemon, print its URI
#   test-qemu-libvirtd.sh stop   DIR   destroy its guests, stop it and its qemus
#   test-qemu-libvirtd.sh status DIR   exit 0 and print the URI if it runs
#   test-qemu-libvirtd.sh uri    DIR   print the URI (whether or not it runs)
#
# URI: qemu+unix:///system?socket=DIR/run/libvirt-sock
# (also DIR/run/libvirt-sock-ro and DIR/run/libvirt-admin-sock). stdout
# carries only the URI; everything else goes to stderr.
#
# What runs: `unshare -m --propagation private` (no -n: two daemons must share
# the loopback for migration; so never start a NAT network on it, that would
# change the host's firewall), and inside it
#   tmpfs                 on /run          (hides the host's /run; libvirt's
#                                           hard-coded /run/libvirt paths and
#                                           /run/libvirtd.pid stay private),
#                                           with an empty /run/lock (= /var/lock,
#                                           where the console's pty lock
#                                           files go: without it every
#                                           console open fails)
#   bind DIR/run          on /run/libvirt  (sockets, qemu/NAME.pid, ...)
#   bind DIR/etc          on /etc/libvirt  (libvirtd.conf, qemu.conf, the
#                                           domain/pool/... configs; hides the
#                                           host's hooks)
#   bind DIR/lib          on /var/lib/libvirt
#   bind DIR/cache        on /var/cache/libvirt (QEMU capabilities cache)
#   bind DIR/log          on /var/log/libvirt   (qemu/NAME.log: QEMU's stderr)
#   bind DIR/passwd, DIR/group on /etc/passwd, /etc/group: the host's, plus
#                         the user libvirt-qemu and the groups libvirt-qemu
#                         and kvm: Debian's qemu driver looks up its built-in
#                         user and group (libvirt-qemu) before it reads
#                         qemu.conf, and fails without them
# then `libvirtd --config DIR/etc/libvirtd.conf --pid-file DIR/libvirtd.pid`
# with the private QEMU's bin dir (from `test-guest.sh prepare`) first in
# PATH: libvirtd finds qemu-system-x86_64 through PATH.
# The mount points /etc/libvirt, /var/lib/libvirt, /var/cache/libvirt and
# /var/log/libvirt are created on the host if missing (empty directories);
# nothing else on the host changes.
#
# Files in DIR besides the ones above:
#   DIR/libvirtd.pid     pid file (written by libvirtd)
#   DIR/libvirtd.log     libvirt's log (log_outputs, level 3)
#   DIR/libvirtd.stderr  what the daemon prints before its log is set up
# qemu.conf: user/group root, dynamic_ownership = 0, remember_owner = 0,
# security_driver "none", cgroup_controllers = [ ], namespaces = [ ],
# stdio_handler "file" (no virtlogd), vnc_listen 127.0.0.1, and VNC ports
# from a range of 16 of the daemon's own (chosen by a hash of DIR, within
# 5900-49115, below the migration ports).
# libvirtd.conf: unix sockets only, auth none, host_uuid (see below).
#
# QEMU capabilities: probing them is most of a cold start (seconds). The
# probe result is kept in CACHE/libvirt-cache (CACHE = $TEST_QEMU_CACHE or
# ${TMPDIR:-/tmp}/libvirt-rs-qemu, as in test-guest.sh). Each daemon gets a
# COPY of it in DIR/cache at start, and a daemon that had to probe publishes
# its result back (written aside, then renamed). Daemons never share one
# cache directory: libvirt 9.0 rewrites a capabilities file in place
# (open O_TRUNC, then write; seen with strace), so a daemon starting while
# another one writes could read half a file (libvirt would then re-probe).
#
# Environment:
#   TEST_QEMU_HOST_UUID      host_uuid of this daemon. Default: the one in an
#                            existing DIR/etc/libvirtd.conf, else a random one.
#                            Two daemons must differ, or libvirt refuses to
#                            migrate between them ("migration to the same host").
#   TEST_QEMU_START_TIMEOUT  seconds to wait for the daemon (default 120)
#   TEST_QEMU_CACHE          see above

set -euo pipefail

# libvirtd lives in /usr/sbin, which a non-login PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

HERE=$(cd -- "$(dirname -- "$0")" && pwd)
START_TIMEOUT=${TEST_QEMU_START_TIMEOUT:-120}
STOP_TIMEOUT=10 # seconds to wait for a process to exit after SIGTERM
CACHE=$(realpath -m -- "${TEST_QEMU_CACHE:-${TMPDIR:-/tmp}/libvirt-rs-qemu}")
SHARED_CAPS="$CACHE/libvirt-cache/qemu/capabilities"

usage() {
    echo "usage: $0 start|stop|status|uri DIR" >&2
    exit 2
}

die() {
    echo "test-qemu-libvirtd: $*" >&2
    exit 1
}

log() {
    echo "test-qemu-libvirtd: $*" >&2
}

[ $# -eq 2 ] || usage
cmd=$1
# Absolute, symlink-free DIR (it need not exist yet; `start` creates it).
DIR=$(realpath -m -- "$2")

CONF="$DIR/etc/libvirtd.conf"
QEMU_CONF="$DIR/etc/qemu.conf"
PIDFILE="$DIR/libvirtd.pid"
LOG="$DIR/libvirtd.log"
ERRLOG="$DIR/libvirtd.stderr"
RUN="$DIR/run"
SOCK="$RUN/libvirt-sock"
URI="qemu+unix:///system?socket=$SOCK"
# Private dir -> host mount point.
BINDS=("etc:/etc/libvirt" "lib:/var/lib/libvirt" "cache:/var/cache/libvirt" "log:/var/log/libvirt")

check_dir() {
    local longest="$RUN/libvirt-admin-sock"
    if [ "${#longest}" -gt 107 ]; then
        die "DIR is too long for unix socket paths (${#longest} > 107 bytes): $longest"
    fi
    case "$DIR/" in
    /run/* | /var/run/*) die "DIR must not be under /run (the daemon gets a private /run)" ;;
    esac
    case "$DIR" in
    *[!A-Za-z0-9._/+-]*) die "DIR may only hold letters, digits and . _ / + - (it goes into a URI and config files): $DIR" ;;
    esac
}

# Prints the daemon's pid if the pid file names a live libvirtd started with
# our config file; returns 1 otherwise.
running_pid() {
    local pid
    pid=$(tr -dc '0-9' 2>/dev/null <"$PIDFILE") || return 1
    [ -n "$pid" ] || return 1
    [ -r "/proc/$pid/cmdline" ] || return 1
    # (No `| grep -q` on a producer in this script: with pipefail, grep's
    # early exit can fail the pipeline through SIGPIPE.)
    local args
    args=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    if grep -qxF -- "$CONF" <<<"$args"; then
        echo "$pid"
        return 0
    fi
    return 1
}

# Is process PID one of ours, i.e. does it see DIR/run as /run/libvirt?
# (True exactly for the processes in this DIR's private mount namespace.)
in_our_namespace() {
    local pid=$1 ours theirs
    ours=$(stat -L -c '%d:%i' -- "$RUN" 2>/dev/null) || return 1
    theirs=$(stat -L -c '%d:%i' -- "/proc/$pid/root/run/libvirt" 2>/dev/null) || return 1
    [ "$ours" = "$theirs" ]
}

# All pids of this DIR's namespace (libvirtd, qemu, any helper).
namespace_pids() {
    local p pid
    for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        [ "$pid" != $$ ] || continue
        if in_our_namespace "$pid"; then
            echo "$pid"
        fi
    done
}

ensure_installed() {
    "$HERE/ensure-packages.sh" libvirtd=libvirt-daemon virsh=libvirt-clients \
        dpkg:libvirt-daemon-driver-qemu=libvirt-daemon-driver-qemu \
        unshare=util-linux flock=util-linux ||
        die "libvirtd, its qemu driver and virsh are needed (libvirt-daemon, libvirt-daemon-driver-qemu, libvirt-clients)"
}

# A free numeric id in a passwd/group-style FILE, from 64055 (Debian's usual
# libvirt-qemu uid) upwards.
free_id() {
    local file=$1 id=64055 used
    used=$(cut -d: -f3 "$file")
    while grep -qx "$id" <<<"$used"; do
        id=$((id + 1))
    done
    echo "$id"
}

write_identity_files() {
    local kvm_gid uid
    cp -- /etc/passwd "$DIR/passwd.tmp"
    cp -- /etc/group "$DIR/group.tmp"
    if ! grep -q '^kvm:' "$DIR/group.tmp"; then
        echo "kvm:x:$(free_id "$DIR/group.tmp"):" >>"$DIR/group.tmp"
    fi
    if ! grep -q '^libvirt-qemu:' "$DIR/group.tmp"; then
        echo "libvirt-qemu:x:$(free_id "$DIR/group.tmp"):" >>"$DIR/group.tmp"
    fi
    kvm_gid=$(awk -F: '$1 == "kvm" { print $3; exit }' "$DIR/group.tmp")
    if ! grep -q '^libvirt-qemu:' "$DIR/passwd.tmp"; then
        uid=$(free_id "$DIR/passwd.tmp")
        echo "libvirt-qemu:x:$uid:$kvm_gid:Libvirt Qemu,,,:/var/lib/libvirt:/usr/sbin/nologin" >>"$DIR/passwd.tmp"
    fi
    mv -f -- "$DIR/passwd.tmp" "$DIR/passwd"
    mv -f -- "$DIR/group.tmp" "$DIR/group"
}

host_uuid() {
    local old
    if [ -n "${TEST_QEMU_HOST_UUID:-}" ]; then
        echo "$TEST_QEMU_HOST_UUID"
        return
    fi
    old=$(sed -n 's/^host_uuid = "\(.*\)"$/\1/p' "$CONF" 2>/dev/null | head -n 1)
    if [ -n "$old" ]; then
        echo "$old"
    else
        cat /proc/sys/kernel/random/uuid
    fi
}

write_config() {
    local uuid
    uuid=$(host_uuid)
    {
        echo "# Generated by test-qemu-libvirtd.sh; private test daemon."
        echo "unix_sock_dir = \"$RUN\""
        echo "unix_sock_rw_perms = \"0770\""
        echo "auth_unix_rw = \"none\""
        echo "auth_unix_ro = \"none\""
        echo "listen_tls = 0"
        echo "listen_tcp = 0"
        echo "log_outputs = \"3:file:$LOG\""
        echo "host_uuid = \"$uuid\""
    } >"$CONF.tmp"
    mv -f -- "$CONF.tmp" "$CONF"
    {
        echo "# Generated by test-qemu-libvirtd.sh; private test daemon."
        echo "user = \"root\""
        echo "group = \"root\""
        echo "dynamic_ownership = 0"
        echo "remember_owner = 0"
        echo "security_driver = \"none\""
        echo "cgroup_controllers = [ ]"
        echo "namespaces = [ ]"
        echo "stdio_handler = \"file\""
        echo "vnc_listen = \"127.0.0.1\""
        # Each private daemon picks VNC ports from a range of its own: two
        # daemons' allocators do not know of each other, and with the
        # default range (from 5900) two guests started at once by two
        # daemons would race for the same port.
        local base
        base=$((5900 + 16 * ($(printf '%s' "$DIR" | cksum | cut -d' ' -f1) % 2700)))
        echo "remote_display_port_min = $base"
        echo "remote_display_port_max = $((base + 15))"
    } >"$QEMU_CONF.tmp"
    mv -f -- "$QEMU_CONF.tmp" "$QEMU_CONF"
}

# Seed DIR/cache with the shared QEMU capabilities.
seed_caps_cache() {
    local f
    mkdir -p -- "$DIR/cache/qemu/capabilities"
    for f in "$SHARED_CAPS"/*.xml; do
        [ -f "$f" ] || continue
        cp -p -- "$f" "$DIR/cache/qemu/capabilities/" 2>/dev/null || true
    done
}

# Publish the daemon's QEMU capabilities when the shared cache lacks them or
# has other ones (written aside, then renamed: readers never see half a file).
publish_caps_cache() {
    local f tmp
    mkdir -p -- "$SHARED_CAPS"
    for f in "$DIR/cache/qemu/capabilities"/*.xml; do
        [ -f "$f" ] || continue
        if ! cmp -s -- "$f" "$SHARED_CAPS/$(basename -- "$f")"; then
            tmp=$(mktemp "$SHARED_CAPS/.new.XXXXXX")
            cp -p -- "$f" "$tmp"
            mv -f -- "$tmp" "$SHARED_CAPS/$(basename -- "$f")"
        fi
    done
}

namespace_usable() {
    command -v unshare >/dev/null 2>&1 || return 1
    unshare --mount --propagation private -- /bin/sh -c \
        'mount -t tmpfs -o mode=0755 probe /run' >/dev/null 2>&1
}

tail_logs() {
    local f
    for f in "$LOG" "$ERRLOG"; do
        if [ -s "$f" ]; then
            echo "---- tail of $f ----" >&2
            tail -n 30 -- "$f" >&2
        fi
    done
}

do_start() {
    local pid daemon_pid deadline info qemu_bin pair caps
    check_dir
    if pid=$(running_pid); then
        log "already running (pid $pid)"
        echo "$URI"
        return 0
    fi
    ensure_installed
    namespace_usable || die "cannot make a private mount namespace here (unshare -m needs CAP_SYS_ADMIN); refusing to run a root libvirtd on the host's state"
    info=$("$HERE/test-guest.sh" prepare) || die "test-guest.sh prepare failed"
    qemu_bin=$(echo "$info" | sed -n 's/^qemu_bin=//p')

    # Leftovers of a daemon that died: its qemus must not linger.
    if [ -d "$RUN" ] && [ -n "$(namespace_pids)" ]; then
        log "processes of an earlier daemon in $DIR are still running; stopping them"
        do_stop
    fi
    mkdir -p -- "$DIR" "$RUN" "$DIR/etc" "$DIR/lib" "$DIR/cache" "$DIR/log"
    chmod 0755 -- "$RUN"
    rm -f -- "$PIDFILE" "$RUN/libvirt-sock" "$RUN/libvirt-sock-ro" "$RUN/libvirt-admin-sock"
    write_config
    write_identity_files
    seed_caps_cache
    for pair in "${BINDS[@]}"; do
        [ -d "${pair#*:}" ] || mkdir -p -- "${pair#*:}"
    done

    # setsid: own session, so a Ctrl-C in the caller's terminal does not hit
    # it. `exec` all the way down, so $! is libvirtd's own pid.
    setsid env PATH="${qemu_bin:+$qemu_bin:}$PATH" \
        unshare --mount --propagation private -- /bin/sh -c '
            set -e
            d=$1
            shift
            mount -t tmpfs -o mode=0755 test-qemu-libvirtd-run /run
            mkdir /run/libvirt
            mkdir -m 1777 /run/lock
            mount --bind "$d/run" /run/libvirt
            mount --bind "$d/etc" /etc/libvirt
            mount --bind "$d/lib" /var/lib/libvirt
            mount --bind "$d/cache" /var/cache/libvirt
            mount --bind "$d/log" /var/log/libvirt
            mount --bind "$d/passwd" /etc/passwd
            mount --bind "$d/group" /etc/group
            exec "$@"' sh "$DIR" libvirtd --config "$CONF" --pid-file "$PIDFILE" \
        </dev/null >>"$ERRLOG" 2>&1 &
    daemon_pid=$!

    # Ready when the qemu driver answers with an x86_64 guest of type qemu,
    # i.e. the capabilities probe of qemu-system-x86_64 is done.
    deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        if ! kill -0 "$daemon_pid" 2>/dev/null; then
            log "libvirtd exited during startup"
            tail_logs
            exit 1
        fi
        if [ -S "$SOCK" ]; then
            caps=$(LIBVIRT_AUTOSTART=0 timeout 20 virsh -q -c "$URI" capabilities 2>/dev/null) || caps=
            if grep -q "<domain type='qemu'" <<<"$caps"; then
                break
            fi
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "$SOCK not ready (or no QEMU in the capabilities) after ${START_TIMEOUT}s"
            tail_logs
            do_stop
            exit 1
        fi
        sleep 0.1
    done
    if ! pid=$(running_pid); then
        tail_logs
        die "daemon answers but $PIDFILE does not name it"
    fi
    publish_caps_cache
    log "libvirtd pid $pid, socket $SOCK"
    echo "$URI"
}

# Does PID run? A zombie whose threads are all gone only waits for its
# parent to reap it: done. (A multi-threaded process shows its main thread as
# a zombie while the other threads still exit: not done.)
is_running() {
    local stat tasks
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [ "${stat%% *}" = Z ] || return 0
    tasks=(/proc/"$1"/task/*)
    [ ${#tasks[@]} -gt 1 ]
}

# Wait until none of PIDS runs (SIGKILL after STOP_TIMEOUT).
wait_gone() {
    local deadline pid alive
    deadline=$((SECONDS + STOP_TIMEOUT))
    while :; do
        alive=()
        for pid in "$@"; do
            if is_running "$pid"; then
                alive+=("$pid")
            fi
        done
        [ ${#alive[@]} -gt 0 ] || return 0
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "pid(s) ${alive[*]} ignored SIGTERM for ${STOP_TIMEOUT}s; sending SIGKILL"
            kill -KILL "${alive[@]}" 2>/dev/null || true
            deadline=$((SECONDS + STOP_TIMEOUT))
        fi
        sleep 0.1
    done
}

do_stop() {
    local pid name pids=() f
    if pid=$(running_pid); then
        # Destroy the running guests while the daemon can still do it cleanly.
        for name in $(timeout 20 virsh -q -c "$URI" list --name 2>/dev/null || true); do
            timeout 30 virsh -q -c "$URI" destroy "$name" >/dev/null 2>&1 ||
                log "could not destroy $name; its qemu is killed below"
        done
        kill -TERM "$pid" 2>/dev/null || true
        wait_gone "$pid"
        log "libvirtd stopped (pid $pid)"
    else
        log "libvirtd is not running"
    fi
    # qemu processes outlive libvirtd: kill those named by the pid files, if
    # they are really in our namespace, then anything else left in it.
    for f in "$RUN"/qemu/*.pid; do
        [ -f "$f" ] || continue
        pid=$(tr -dc '0-9' <"$f" 2>/dev/null || true)
        if [ -n "$pid" ] && in_our_namespace "$pid"; then
            pids+=("$pid")
        fi
    done
    for pid in $(namespace_pids); do
        [[ " ${pids[*]:-} " == *" $pid "* ]] || pids+=("$pid")
    done
    if [ ${#pids[@]} -gt 0 ]; then
        log "killing leftover processes ${pids[*]}"
        kill -TERM "${pids[@]}" 2>/dev/null || true
        wait_gone "${pids[@]}"
    fi
    # Like a reboot: the run dir's state (sockets, pid and status files of
    # guests that no longer run) goes.
    rm -f -- "$PIDFILE"
    if [ -d "$RUN" ]; then
        find "$RUN" -mindepth 1 -delete
    fi
}

do_status() {
    local pid
    if pid=$(running_pid) && [ -S "$SOCK" ]; then
        log "running (pid $pid)"
        echo "$URI"
        return 0
    fi
    log "not running"
    return 3
}

case "$cmd" in
start) do_start ;;
stop) do_stop ;;
status) do_status ;;
uri) echo "$URI" ;;
*) usage ;;
esac
