#!/usr/bin/env bash
# Start, stop or query a PRIVATE libvirtd that serves only libvirt's built-in
# test driver (test:///default) on a unix socket inside a directory of your
# choice. Used by the integration tests and by the golden-fixture recorder.
#
#   test-libvirtd.sh start  DIR   start (or reuse) the daemon, print its URI
#   test-libvirtd.sh stop   DIR   stop the daemon started in DIR
#   test-libvirtd.sh status DIR   exit 0 and print the URI if it runs
#   test-libvirtd.sh uri    DIR   print the URI (whether or not it runs)
#
# Everything the daemon creates lives in DIR:
#   DIR/libvirtd.conf   config (unix_sock_dir, auth none, no TLS/TCP, log file)
#   DIR/libvirtd.pid    pid file (written and locked by libvirtd itself)
#   DIR/libvirtd.log    libvirt log (log_outputs)
#   DIR/libvirtd.stderr anything the daemon prints before logging is set up
#   DIR/drivers/        empty LIBVIRT_DRIVER_DIR: no qemu/lxc/network/storage/...
#                       module is loaded; the test driver lives in libvirt.so
#   DIR/run/            libvirt-sock, libvirt-sock-ro, libvirt-admin-sock
#
# Which paths libvirtd 9.0.0 uses when running as root (checked with strace):
#   - config: /etc/libvirt/libvirtd.conf unless --config (we pass --config);
#     /etc/libvirt/libvirt.conf is also read (client-side defaults; harmless);
#   - pid file: /run/libvirtd.pid unless --pid-file (we pass --pid-file), so
#     it never fights over the pid-file lock with a system libvirtd;
#   - sockets: unix_sock_dir (rw, ro and admin sockets all go there);
#   - driver modules: LIBVIRT_DRIVER_DIR (empty here); with no module loaded
#     there is no state driver, so nothing under /var/lib/libvirt,
#     /var/cache/libvirt, /etc/libvirt/<driver> or /run/libvirt/<driver>;
#   - hard-coded, not configurable: it always creates /run/libvirt and
#     /run/libvirt/common/system.token (the identity token shared by all
#     system daemons; an existing one is only read), probes
#     /etc/libvirt/hooks/* (and would run a "daemon" hook script if one
#     exists), and tries the system D-Bus socket.
#   XDG_* variables only matter for an unprivileged (session) daemon; as root
#   they are ignored.
# To keep even those hard-coded paths off the host, the daemon is started in a
# private mount namespace (unshare -m) with a fresh tmpfs on /run (and on
# /etc/libvirt/hooks when that exists). If unshare is unavailable (no
# CAP_SYS_ADMIN, e.g. some containers), or DIR itself lives under /run, or
# TEST_LIBVIRTD_NO_NAMESPACE=1, it runs without the namespace; the only shared
# path is then the token file above, which is safe to share.
#
# URI: test+unix:///default?socket=DIR/run/libvirt-sock
# The "+unix" transport makes the client use the remote driver; the daemon is
# sent the name "test:///default". A plain "test:///default?socket=..." would
# be opened by the test driver INSIDE the client process and never reach the
# daemon.
#
# Optional loopback TCP listener (off by default): set TEST_LIBVIRTD_TCP_PORT
# to a port number and the daemon also listens on 127.0.0.1:PORT with
# auth_tcp = "none" (or TEST_LIBVIRTD_AUTH_TCP; libvirtd only honours
# listen_tcp with --listen, which is then passed).
# URI: test+tcp://127.0.0.1:PORT/default
#
# Optional TLS listener: TEST_LIBVIRTD_TLS_PORT and TEST_LIBVIRTD_TLS_DIR (a
# directory with cacert.pem, servercert.pem and serverkey.pem; see
# test-pki.sh), auth_tls = TEST_LIBVIRTD_AUTH_TLS (default none).
# URI: test+tls://localhost:PORT/default?pkipath=CLIENT_DIR
#
# Request limits: TEST_LIBVIRTD_LIMITS=REQUESTS:WORKERS sets
# max_client_requests and max_workers (libvirt's defaults are 5 and 20).
#
# SASL: TEST_LIBVIRTD_SASL_DIR is the daemon's SASL_CONF_PATH (a libvirt.conf
# with mech_list and sasldb_path); TEST_LIBVIRTD_AUTH_UNIX=sasl puts SASL on
# the read-write unix socket, TEST_LIBVIRTD_AUTH_TLS=sasl on TLS,
# TEST_LIBVIRTD_AUTH_TCP=sasl on TCP. For GSSAPI, TEST_LIBVIRTD_KRB5_CONFIG
# and TEST_LIBVIRTD_KRB5_KTNAME are the daemon's KRB5_CONFIG and KRB5_KTNAME
# (see test-kdc.sh).

set -euo pipefail

# libvirtd lives in /usr/sbin, which a non-login PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

START_TIMEOUT=10 # seconds to wait for the socket
STOP_TIMEOUT=10  # seconds to wait for the daemon to exit after SIGTERM

usage() {
    echo "usage: $0 start|stop|status|uri DIR" >&2
    exit 2
}

die() {
    echo "test-libvirtd: $*" >&2
    exit 1
}

[ $# -eq 2 ] || usage
cmd=$1
dir_arg=$2

# Absolute, symlink-free DIR (it need not exist yet; `start` creates it).
DIR=$(realpath -m -- "$dir_arg")

CONF="$DIR/libvirtd.conf"
PIDFILE="$DIR/libvirtd.pid"
LOG="$DIR/libvirtd.log"
ERRLOG="$DIR/libvirtd.stderr"
DRIVER_DIR="$DIR/drivers"
RUN="$DIR/run"
SOCK="$RUN/libvirt-sock"
URI="test+unix:///default?socket=$SOCK"

# A unix socket path must fit in sun_path (108 bytes including the NUL).
check_socket_path_length() {
    local longest="$RUN/libvirt-admin-sock"
    if [ "${#longest}" -gt 107 ]; then
        die "DIR is too long for unix socket paths (${#longest} > 107 bytes): $longest"
    fi
}

# Prints the daemon's pid if the pid file names a live libvirtd that was
# started with our config file; returns 1 otherwise.
running_pid() {
    local pid
    # The daemon removes its pid file on exit, possibly right now.
    pid=$(tr -dc '0-9' 2>/dev/null <"$PIDFILE") || return 1
    [ -n "$pid" ] || return 1
    [ -r "/proc/$pid/cmdline" ] || return 1
    # cmdline is NUL-separated; compare whole arguments.
    if tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$CONF"; then
        echo "$pid"
        return 0
    fi
    return 1
}

ensure_installed() {
    # Installs Debian's packages if the commands are missing (output on
    # stderr: this script's stdout is its result, the URI).
    "$(dirname -- "$0")/ensure-packages.sh" libvirtd=libvirt-daemon virsh=libvirt-clients ||
        die "libvirtd and virsh are needed (Debian packages libvirt-daemon, libvirt-clients)"
}

write_config() {
    {
        echo "# Generated by test-libvirtd.sh; private test daemon."
        echo "unix_sock_dir = \"$RUN\""
        echo "unix_sock_rw_perms = \"0770\""
        echo "auth_unix_rw = \"${TEST_LIBVIRTD_AUTH_UNIX:-none}\""
        echo "auth_unix_ro = \"none\""
        if [ -n "${TEST_LIBVIRTD_TCP_PORT:-}${TEST_LIBVIRTD_TLS_PORT:-}" ]; then
            echo "listen_addr = \"127.0.0.1\""
        fi
        if [ -n "${TEST_LIBVIRTD_TLS_PORT:-}" ]; then
            local pki=${TEST_LIBVIRTD_TLS_DIR:?TEST_LIBVIRTD_TLS_DIR names the server PKI}
            echo "listen_tls = 1"
            echo "tls_port = \"$TEST_LIBVIRTD_TLS_PORT\""
            echo "ca_file = \"$pki/cacert.pem\""
            echo "cert_file = \"$pki/servercert.pem\""
            echo "key_file = \"$pki/serverkey.pem\""
            echo "auth_tls = \"${TEST_LIBVIRTD_AUTH_TLS:-none}\""
            # The tests serve broken certificates on purpose (expired, ...):
            # the daemon must not refuse to start with them.
            echo "tls_no_sanity_certificate = 1"
        else
            echo "listen_tls = 0"
        fi
        if [ -n "${TEST_LIBVIRTD_TCP_PORT:-}" ]; then
            echo "listen_tcp = 1"
            echo "tcp_port = \"$TEST_LIBVIRTD_TCP_PORT\""
            echo "auth_tcp = \"${TEST_LIBVIRTD_AUTH_TCP:-none}\""
        else
            echo "listen_tcp = 0"
        fi
        if [ -n "${TEST_LIBVIRTD_LIMITS:-}" ]; then
            # REQUESTS:WORKERS, e.g. 64:32 as the shared benchmark uses, so
            # that 32 concurrent callers are all in flight at once.
            echo "max_client_requests = ${TEST_LIBVIRTD_LIMITS%%:*}"
            echo "max_workers = ${TEST_LIBVIRTD_LIMITS#*:}"
        fi
        echo "log_outputs = \"3:file:$LOG\""
    } >"$CONF.tmp"
    mv -f -- "$CONF.tmp" "$CONF"
}

# Can we run the daemon in a private mount namespace?
use_namespace() {
    [ "${TEST_LIBVIRTD_NO_NAMESPACE:-0}" != 1 ] || return 1
    command -v unshare >/dev/null 2>&1 || return 1
    case "$DIR/" in
    /run/* | /var/run/*) return 1 ;;
    esac
    # Probe the whole set-up, mount included (a security module may allow
    # the namespace but not the mount).
    unshare --mount --propagation private -- /bin/sh -c \
        'mount -t tmpfs -o mode=0755 probe /run' >/dev/null 2>&1
}

# Without a private /run, a root libvirtd shares /run/libvirt with the host
# and would run the host's daemon hook: refuse that unless told otherwise.
refuse_shared_host_state() {
    if [ -e /etc/libvirt/hooks/daemon ] && [ "${TEST_LIBVIRTD_ALLOW_HOST_HOOKS:-0}" != 1 ]; then
        echo "test-libvirtd: no private mount namespace here, and /etc/libvirt/hooks/daemon" >&2
        echo "exists: a root libvirtd would run it. Set TEST_LIBVIRTD_ALLOW_HOST_HOOKS=1 to go on." >&2
        exit 1
    fi
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
    local pid daemon_pid deadline args=()
    check_socket_path_length
    if pid=$(running_pid); then
        echo "test-libvirtd: already running (pid $pid)" >&2
        echo "$URI"
        return 0
    fi
    ensure_installed

    mkdir -p -- "$DIR" "$RUN" "$DRIVER_DIR"
    chmod 0755 -- "$RUN"
    if [ -n "$(ls -A -- "$DRIVER_DIR")" ]; then
        die "$DRIVER_DIR must be empty (it is LIBVIRT_DRIVER_DIR)"
    fi
    # Not running: anything left over is stale.
    rm -f -- "$PIDFILE" "$RUN/libvirt-sock" "$RUN/libvirt-sock-ro" "$RUN/libvirt-admin-sock"
    write_config

    args=(libvirtd --config "$CONF" --pid-file "$PIDFILE")
    if [ -n "${TEST_LIBVIRTD_TCP_PORT:-}${TEST_LIBVIRTD_TLS_PORT:-}" ]; then
        args+=(--listen)
    fi
    # A private SASL configuration (libvirt.conf with mech_list and
    # sasldb_path): libvirtd's SASL library reads SASL_CONF_PATH.
    local sasl_env=()
    if [ -n "${TEST_LIBVIRTD_SASL_DIR:-}" ]; then
        sasl_env=("SASL_CONF_PATH=$TEST_LIBVIRTD_SASL_DIR")
    fi
    # Kerberos for GSSAPI: the daemon's krb5.conf and keytab.
    if [ -n "${TEST_LIBVIRTD_KRB5_CONFIG:-}" ]; then
        sasl_env+=("KRB5_CONFIG=$TEST_LIBVIRTD_KRB5_CONFIG")
    fi
    if [ -n "${TEST_LIBVIRTD_KRB5_KTNAME:-}" ]; then
        sasl_env+=("KRB5_KTNAME=$TEST_LIBVIRTD_KRB5_KTNAME")
    fi

    # setsid: own session, so a Ctrl-C in the caller's terminal does not hit
    # it. `exec` all the way down, so $! is libvirtd's own pid.
    if use_namespace; then
        setsid env LIBVIRT_DRIVER_DIR="$DRIVER_DIR" "${sasl_env[@]}" \
            unshare --mount --propagation private -- /bin/sh -c '
                set -e
                mount -t tmpfs -o mode=0755 test-libvirtd-run /run
                if [ -d /etc/libvirt/hooks ]; then
                    mount -t tmpfs -o mode=0755 test-libvirtd-hooks /etc/libvirt/hooks
                fi
                exec "$@"' sh "${args[@]}" \
            </dev/null >>"$ERRLOG" 2>&1 &
    else
        refuse_shared_host_state
        setsid env LIBVIRT_DRIVER_DIR="$DRIVER_DIR" "${sasl_env[@]}" "${args[@]}" \
            </dev/null >>"$ERRLOG" 2>&1 &
    fi
    daemon_pid=$!

    # Wait until the socket accepts connections and the test driver answers.
    deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        if ! kill -0 "$daemon_pid" 2>/dev/null; then
            echo "test-libvirtd: libvirtd exited during startup" >&2
            tail_logs
            exit 1
        fi
        # With SASL on the read-write socket, ask the read-only one.
        local probe=$URI
        if [ "${TEST_LIBVIRTD_AUTH_UNIX:-none}" != none ]; then
            probe="test+unix:///default?socket=$RUN/libvirt-sock-ro"
        fi
        if [ -S "$SOCK" ] &&
            LIBVIRT_AUTOSTART=0 timeout 5 virsh -q -c "$probe" list --all >/dev/null 2>&1; then
            break
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "test-libvirtd: $SOCK not ready after ${START_TIMEOUT}s" >&2
            tail_logs
            kill -TERM "$daemon_pid" 2>/dev/null || true
            exit 1
        fi
        sleep 0.1
    done
    if ! pid=$(running_pid); then
        tail_logs
        die "daemon answers but $PIDFILE does not name it"
    fi
    echo "test-libvirtd: libvirtd pid $pid, socket $SOCK" >&2
    if [ -n "${TEST_LIBVIRTD_TCP_PORT:-}" ]; then
        echo "test-libvirtd: also on test+tcp://127.0.0.1:$TEST_LIBVIRTD_TCP_PORT/default" >&2
    fi
    echo "$URI"
}

do_stop() {
    local pid deadline
    if ! [ -f "$PIDFILE" ]; then
        echo "test-libvirtd: not running (no $PIDFILE)" >&2
        return 0
    fi
    if ! pid=$(running_pid); then
        echo "test-libvirtd: pid file is stale (no libvirtd with $CONF); removing it" >&2
        rm -f -- "$PIDFILE"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while [ -e "/proc/$pid" ] && running_pid >/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "test-libvirtd: pid $pid ignored SIGTERM for ${STOP_TIMEOUT}s; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
            deadline=$((SECONDS + STOP_TIMEOUT))
        fi
        sleep 0.1
    done
    rm -f -- "$PIDFILE" "$RUN/libvirt-sock" "$RUN/libvirt-sock-ro" "$RUN/libvirt-admin-sock"
    echo "test-libvirtd: stopped (pid $pid)" >&2
}

do_status() {
    local pid
    if pid=$(running_pid) && [ -S "$SOCK" ]; then
        echo "test-libvirtd: running (pid $pid)" >&2
        echo "$URI"
        return 0
    fi
    echo "test-libvirtd: not running" >&2
    return 3
}

case "$cmd" in
start) do_start ;;
stop) do_stop ;;
status) do_status ;;
uri) echo "$URI" ;;
*) usage ;;
esac
