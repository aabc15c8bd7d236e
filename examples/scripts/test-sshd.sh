#!/usr/bin/env bash
# Start or stop a PRIVATE sshd on 127.0.0.1 for the ssh transport tests:
#
#   test-sshd.sh start DIR PORT   start it, print nothing on stdout
#   test-sshd.sh stop  DIR        stop the sshd started in DIR (by its pid)
#
# Everything lives in DIR: its host key, a client key (id_ed25519) that it
# accepts for root, its config, pid file and log, and two wrappers for the
# client side that never touch ~/.ssh:
#   DIR/ssh          ssh with DIR/ssh_config (known_hosts has the host key)
#   DIR/ssh-unknown  the same with an empty known_hosts
# Use them as the URI's command=. Installs openssh-server and netcat-openbsd
# (for the remote `nc -U`) if they are missing.
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

cmd=${1:-}
DIR=$(realpath -m -- "${2:?usage: $0 start DIR PORT | stop DIR}")

case "$cmd" in
start)
    PORT=${3:?usage: $0 start DIR PORT}
    "$HERE/ensure-packages.sh" sshd=openssh-server ssh=openssh-client nc=netcat-openbsd
    mkdir -p -- "$DIR"
    [ -f "$DIR/host_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$DIR/host_key"
    [ -f "$DIR/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$DIR/id_ed25519"
    cp "$DIR/id_ed25519.pub" "$DIR/authorized_keys"
    cat >"$DIR/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
LogLevel VERBOSE
CONF
    echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$DIR/host_key.pub")" >"$DIR/known_hosts"
    : >"$DIR/known_hosts.empty"
    for which in known unknown; do
        kh=$DIR/known_hosts
        [ "$which" = known ] || kh=$DIR/known_hosts.empty
        cat >"$DIR/ssh_config.$which" <<CONF
UserKnownHostsFile $kh
GlobalKnownHostsFile /dev/null
IdentitiesOnly yes
CONF
    done
    printf '#!/bin/sh\nexec ssh -F %s "$@"\n' "$DIR/ssh_config.known" >"$DIR/ssh"
    printf '#!/bin/sh\nexec ssh -F %s "$@"\n' "$DIR/ssh_config.unknown" >"$DIR/ssh-unknown"
    chmod 0755 "$DIR/ssh" "$DIR/ssh-unknown"
    chmod 0600 "$DIR/id_ed25519" "$DIR/host_key"
    # sshd insists on its privilege separation directory.
    mkdir -p /run/sshd
    rm -f "$DIR/sshd.pid"
    setsid "$(command -v sshd)" -D -e -f "$DIR/sshd_config" </dev/null >>"$DIR/sshd.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "test-sshd: sshd exited:" >&2
            tail -n 20 "$DIR/sshd.log" >&2
            exit 1
        fi
        if [ -s "$DIR/sshd.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
            echo "test-sshd: sshd pid $pid on 127.0.0.1:$PORT" >&2
            exit 0
        fi
        sleep 0.05
    done
    echo "test-sshd: sshd did not listen on $PORT" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
    ;;
stop)
    if [ -s "$DIR/sshd.pid" ]; then
        pid=$(tr -dc 0-9 <"$DIR/sshd.pid")
        if [ -n "$pid" ] && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF "$DIR/sshd_config"; then
            kill "$pid" 2>/dev/null || true
        fi
    fi
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
