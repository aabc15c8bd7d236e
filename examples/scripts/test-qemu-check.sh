#!/usr/bin/env bash
# Manual end-to-end check of test-guest.sh and test-qemu-libvirtd.sh, with
# virsh (the reference client) only:
#
#   test-qemu-check.sh
#
# It prepares QEMU and the tiny guest, starts a private full libvirtd, defines
# and boots the guest (readiness: the ready marker in the serial port's
# <log> file), talks to the guest's shell through `virsh console` (which
# needs a terminal: run under `script`, fed through a FIFO), asks the QEMU
# monitor (HMP `info status`), reads domstats (cpu, balloon, vcpu), takes a
# screenshot, suspends and resumes, shuts down through ACPI, boots again,
# makes a dir pool with 64 MiB sparse volumes and streams them up and down
# with and without --sparse, starts a second daemon (another host_uuid),
# live-migrates the guest to it (client-managed) and back (peer-to-peer),
# stops both daemons, and checks that none of their processes is left and
# that nothing under the host's /etc/libvirt, /var/lib/libvirt,
# /var/cache/libvirt, /var/log/libvirt and /run/libvirt changed.
#
# stdout: a summary (timings, results); progress and errors go to stderr.
# Exit status 0 when every check passed.
#
# Paths: WORK = a new ${TMPDIR:-/tmp}/lrs-qcheck.XXXXXX (removed at the end
# unless a check failed or KEEP=1), holding d1/ and d2/ (the daemons' DIRs),
# guest.xml, guest.log (the serial <log>), console.*, screen.png, pool/ and
# the volume images. The QEMU/guest cache is test-guest.sh's
# (TEST_QEMU_CACHE, default ${TMPDIR:-/tmp}/libvirt-rs-qemu); move it away
# first for a cold run.

set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

HERE=$(cd -- "$(dirname -- "$0")" && pwd)
GUEST="$HERE/test-guest.sh"
DAEMON="$HERE/test-qemu-libvirtd.sh"
CACHE=$(realpath -m -- "${TEST_QEMU_CACHE:-${TMPDIR:-/tmp}/libvirt-rs-qemu}")
MARKER=LIBVIRT-RS-GUEST-READY
NAME=lrs-check
BOOT_TIMEOUT=120

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lrs-qcheck.XXXXXX")
D1="$WORK/d1"
D2="$WORK/d2"
U1=
U2=
summary=()
passed=0
finished=0

say() {
    echo "test-qemu-check: $*" >&2
}

now() {
    date +%s.%N
}

# since START: seconds elapsed, 2 decimals
since() {
    awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
}

ok() {
    passed=$((passed + 1))
    summary+=("ok    $*")
    say "ok: $*"
}

fail() {
    say "FAIL: $*"
    summary+=("FAIL  $*")
    exit 1
}

host_state() {
    find /etc/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt /run/libvirt \
        -mindepth 1 -printf '%p %y %s %T@\n' 2>/dev/null | LC_ALL=C sort || true
}

# Pids whose command line mentions WORK or CACHE (our daemons and qemus).
our_processes() {
    # (No `| grep -q` on a producer in this script: with pipefail, grep's
    # early exit can fail the pipeline through SIGPIPE.)
    local p pid args
    for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        [ "$pid" != $$ ] || continue
        args=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
        if grep -qF -e "$WORK/" -e "$CACHE/" <<<"$args"; then
            echo "$pid ${args:0:120}"
        fi
    done
}

cleanup() {
    local rc=$?
    set +e
    [ -z "$U1" ] || "$DAEMON" stop "$D1" >/dev/null 2>&1
    [ -z "$U2" ] || "$DAEMON" stop "$D2" >/dev/null 2>&1
    if [ "$finished" != 1 ]; then
        echo "==== test-qemu-check summary (FAILED) ===="
        printf '%s\n' "${summary[@]}"
        say "failed; kept $WORK (daemon logs: d1/libvirtd.log, d1/log/qemu/, guest.log)"
    elif [ "${KEEP:-0}" = 1 ]; then
        say "kept $WORK"
    else
        rm -rf -- "$WORK"
    fi
    exit $rc
}
trap cleanup EXIT

state() {
    local s
    s=$(virsh -q -c "$1" domstate "$NAME" 2>/dev/null) || true
    echo "${s%%$'\n'*}"
}

wait_state() {
    local uri=$1 want=$2 timeout=$3 deadline
    deadline=$((SECONDS + timeout))
    while [ "$(state "$uri")" != "$want" ]; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

# Start the guest on URI and wait for the ready marker in the serial log.
boot() {
    local uri=$1 t deadline
    rm -f -- "$WORK/guest.log"
    t=$(now)
    virsh -q -c "$uri" start "$NAME" >&2 || fail "virsh start"
    deadline=$((SECONDS + BOOT_TIMEOUT))
    until grep -qa "$MARKER" "$WORK/guest.log" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || fail "no $MARKER in guest.log after ${BOOT_TIMEOUT}s"
        [ "$(state "$uri")" = running ] || fail "guest stopped while booting: $(state "$uri")"
        sleep 0.05
    done
    since "$t"
}

# Two-way console: type `echo CONSOLE-TAG-$((6*7))` until CONSOLE-TAG-42
# comes back (after a migration the shell may miss the first Enter), then
# leave with Ctrl-].
console_roundtrip() {
    local uri=$1 tag=$2 out="$WORK/console.$2.out" fifo="$WORK/console.$2.in" feeder
    mkfifo -- "$fifo"
    (
        exec 3>"$fifo"
        sleep 0.5
        for _ in $(seq 20); do
            printf '\r' >&3
            sleep 0.2
            printf 'echo CONSOLE-%s-$((6*7))\r' "$tag" >&3
            for _ in $(seq 10); do
                grep -qa "CONSOLE-$tag-42" "$out" 2>/dev/null && break 2
                sleep 0.1
            done
        done
        printf '\035' >&3
        sleep 0.5
    ) &
    feeder=$!
    timeout 60 script -qfc "virsh -c '$uri' console $NAME --force" /dev/null <"$fifo" >"$out" 2>&1 || true
    wait "$feeder" || true
    grep -qa "CONSOLE-$tag-42" "$out"
}

alloc_kib() {
    du -k -- "$1" | cut -f1
}

main() {
    local t info domain_type qemu_bin before after caps_state x v
    before=$(host_state)
    [ -z "$(our_processes)" ] || fail "processes of $CACHE are already running: $(our_processes)"

    say "work dir $WORK"
    t=$(now)
    info=$("$GUEST" prepare) || fail "test-guest.sh prepare"
    summary+=("time  test-guest.sh prepare: $(since "$t") s")
    domain_type=$(echo "$info" | sed -n 's/^domain_type=//p')
    qemu_bin=$(echo "$info" | sed -n 's/^qemu_bin=//p')
    summary+=("info  domain_type=$domain_type, qemu_bin=${qemu_bin:-(system QEMU)}")
    summary+=("info  $(cat "$CACHE/domain-type.log" | grep '^====' | tr '\n' ' ')")

    # --- first daemon ------------------------------------------------------
    if ls "$CACHE"/libvirt-cache/qemu/capabilities/*.xml >/dev/null 2>&1; then
        caps_state=warm
    else
        caps_state=cold
    fi
    t=$(now)
    U1=$("$DAEMON" start "$D1") || fail "start daemon 1"
    summary+=("time  daemon 1 start ($caps_state QEMU capabilities cache): $(since "$t") s")
    [ "$("$DAEMON" status "$D1" 2>/dev/null)" = "$U1" ] || fail "status of daemon 1"
    [ "$("$DAEMON" uri "$D1")" = "$U1" ] || fail "uri of daemon 1"
    ok "daemon 1 runs: $U1"

    TEST_GUEST_LOG="$WORK/guest.log" "$GUEST" xml "$NAME" >"$WORK/guest.xml" || fail "test-guest.sh xml"
    virsh -q -c "$U1" define "$WORK/guest.xml" >&2 || fail "virsh define"
    x=$(boot "$U1") || fail "boot"
    summary+=("time  guest boot to ready marker: $x s")
    ok "guest boots ($domain_type), ready marker in the serial log"

    t=$(now)
    console_roundtrip "$U1" boot || fail "console round trip (see $WORK/console.boot.out)"
    ok "virsh console: typed a command, read its output ($(since "$t") s)"

    x=$(virsh -c "$U1" qemu-monitor-command --hmp "$NAME" 'info status') || fail "qemu-monitor-command"
    grep -q 'VM status: running' <<<"$x" || fail "HMP info status said: $x"
    ok "qemu-monitor-command --hmp 'info status': $(echo "$x" | head -n 1)"

    # The guest's balloon driver reports its stats every second.
    local deadline=$((SECONDS + 20))
    while :; do
        x=$(virsh -c "$U1" domstats "$NAME" --cpu-total --balloon --vcpu) || fail "domstats"
        if grep -q 'balloon.available=' <<<"$x" &&
            grep -q 'cpu.time=' <<<"$x" && grep -q 'vcpu.0.state=1' <<<"$x"; then
            break
        fi
        [ "$SECONDS" -lt "$deadline" ] || fail "domstats lacks cpu/balloon/vcpu values: $x"
        sleep 0.5
    done
    ok "domstats: $(echo "$x" | grep -E 'cpu.time=|balloon.current=|balloon.available=|vcpu.0.state=' | tr -d ' ' | tr '\n' ' ')"

    virsh -q -c "$U1" screenshot "$NAME" "$WORK/screen.png" >&2 || fail "screenshot"
    [ "$(od -An -tx1 -N8 "$WORK/screen.png" | tr -d ' ')" = 89504e470d0a1a0a ] ||
        fail "the screenshot is not a PNG"
    ok "screenshot: PNG, $(stat -c %s "$WORK/screen.png") bytes"

    virsh -q -c "$U1" suspend "$NAME" >&2 || fail "suspend"
    [ "$(state "$U1")" = paused ] || fail "state after suspend: $(state "$U1")"
    x=$(virsh -c "$U1" qemu-monitor-command --hmp "$NAME" 'info status') || fail "qemu-monitor-command"
    grep -q 'VM status: paused' <<<"$x" || fail "monitor does not say paused: $x"
    virsh -q -c "$U1" resume "$NAME" >&2 || fail "resume"
    [ "$(state "$U1")" = running ] || fail "state after resume: $(state "$U1")"
    ok "suspend/resume"

    t=$(now)
    virsh -q -c "$U1" shutdown "$NAME" --mode acpi >&2 || fail "shutdown"
    wait_state "$U1" "shut off" 60 || fail "no shut off 60 s after ACPI shutdown"
    x=$(since "$t")
    v=$(virsh -q -c "$U1" domstate "$NAME" --reason) || fail "domstate --reason"
    grep -q 'shut off (shutdown)' <<<"$v" || fail "reason: $v"
    summary+=("time  ACPI shutdown to shut off: $x s")
    ok "ACPI shutdown (power button -> acpid -> poweroff -f)"

    x=$(boot "$U1") || fail "boot again"
    summary+=("time  guest boot again to ready marker: $x s")
    ok "guest boots again"

    # --- storage streams ---------------------------------------------------
    mkdir -p -- "$WORK/pool"
    virsh -q -c "$U1" pool-define-as lrs-pool dir --target "$WORK/pool" >&2 || fail "pool-define-as"
    virsh -q -c "$U1" pool-build lrs-pool >&2 || fail "pool-build"
    virsh -q -c "$U1" pool-start lrs-pool >&2 || fail "pool-start"
    # 64 MiB source with 3 MiB of data in three places.
    truncate -s 64M "$WORK/src.img"
    for x in 0 20 50; do
        dd if=/dev/urandom of="$WORK/src.img" bs=1M count=1 seek="$x" conv=notrunc status=none
    done
    for v in plain sparse; do
        local flag=()
        [ "$v" = plain ] || flag=(--sparse)
        virsh -q -c "$U1" vol-create-as lrs-pool "$v.img" 64M --allocation 0 --format raw >&2 ||
            fail "vol-create-as $v"
        t=$(now)
        virsh -q -c "$U1" vol-upload "${flag[@]}" --pool lrs-pool "$v.img" "$WORK/src.img" >&2 ||
            fail "vol-upload $v"
        local up_t up_alloc
        up_t=$(since "$t")
        cmp -s "$WORK/src.img" "$WORK/pool/$v.img" || fail "uploaded $v volume differs from the source"
        up_alloc=$(alloc_kib "$WORK/pool/$v.img")
        t=$(now)
        virsh -q -c "$U1" vol-download "${flag[@]}" --pool lrs-pool "$v.img" "$WORK/$v.down" >&2 ||
            fail "vol-download $v"
        local down_t down_alloc
        down_t=$(since "$t")
        cmp -s "$WORK/src.img" "$WORK/$v.down" || fail "downloaded $v volume differs from the source"
        down_alloc=$(alloc_kib "$WORK/$v.down")
        if [ "$v" = sparse ]; then
            [ "$up_alloc" -le 8192 ] || fail "--sparse upload allocated $up_alloc KiB"
            [ "$down_alloc" -le 8192 ] || fail "--sparse download allocated $down_alloc KiB"
        fi
        summary+=("time  vol-upload ${flag[*]:-(plain)}: $up_t s, $up_alloc KiB allocated; vol-download: $down_t s, $down_alloc KiB allocated")
        ok "64 MiB volume ($v) up and down: bytes equal"
    done

    # --- second daemon and migration ---------------------------------------
    t=$(now)
    U2=$("$DAEMON" start "$D2") || fail "start daemon 2"
    summary+=("time  daemon 2 start (warm QEMU capabilities cache): $(since "$t") s")
    local uuid1 uuid2
    uuid1=$(virsh -c "$U1" capabilities) || fail "capabilities 1"
    uuid1=$(awk -F'[<>]' '/<uuid>/ && !n++ { print $3 }' <<<"$uuid1")
    uuid2=$(virsh -c "$U2" capabilities) || fail "capabilities 2"
    uuid2=$(awk -F'[<>]' '/<uuid>/ && !n++ { print $3 }' <<<"$uuid2")
    [ -n "$uuid1" ] && [ "$uuid1" != "$uuid2" ] || fail "host UUIDs: '$uuid1' and '$uuid2'"
    ok "daemon 2 runs, host UUIDs differ ($uuid1 / $uuid2)"

    t=$(now)
    virsh -c "$U1" migrate --live "$NAME" "$U2" --migrateuri tcp://127.0.0.1 \
        --listen-address 127.0.0.1 >&2 || fail "migrate to daemon 2"
    x=$(since "$t")
    [ "$(state "$U2")" = running ] || fail "state on daemon 2: $(state "$U2")"
    [ "$(state "$U1")" = "shut off" ] || fail "state on daemon 1: $(state "$U1")"
    summary+=("time  live migration 1 -> 2 (client-managed): $x s")
    console_roundtrip "$U2" mig || fail "console after migration (see $WORK/console.mig.out)"
    ok "live migration to daemon 2; the shell answers there"

    t=$(now)
    virsh -c "$U2" migrate --live --p2p "$NAME" "$U1" --migrateuri tcp://127.0.0.1 \
        --listen-address 127.0.0.1 >&2 || fail "peer-to-peer migrate back to daemon 1"
    x=$(since "$t")
    [ "$(state "$U1")" = running ] || fail "state on daemon 1: $(state "$U1")"
    summary+=("time  live migration 2 -> 1 (peer-to-peer): $x s")
    x=$(virsh -c "$U1" qemu-monitor-command --hmp "$NAME" 'info status')
    grep -q 'VM status: running' <<<"$x" || fail "after migrating back: $x"
    ok "peer-to-peer live migration back to daemon 1"

    # --- stop and leave nothing behind -------------------------------------
    local pids
    pids=
    # (run/qemu/ also holds driver.pid, the daemon's own pid)
    for x in "$D1/libvirtd.pid" "$D2/libvirtd.pid" "$D1"/run/qemu/*.pid "$D2"/run/qemu/*.pid; do
        [ ! -f "$x" ] || pids+="$(tr -dc '0-9' <"$x") "
    done
    pids=$(tr ' ' '\n' <<<"$pids" | awk 'NF && !seen[$0]++' | tr '\n' ' ')
    t=$(now)
    "$DAEMON" stop "$D1" || fail "stop daemon 1"
    U1=
    "$DAEMON" stop "$D2" || fail "stop daemon 2"
    U2=
    summary+=("time  stopping both daemons: $(since "$t") s")
    # (a process that just exited may wait a moment for its parent to reap it)
    for x in $pids; do
        v=$((SECONDS + 10))
        while [ -e "/proc/$x" ]; do
            [ "$SECONDS" -lt "$v" ] || fail "pid $x (daemon or qemu) still there: $(cat "/proc/$x/stat" 2>/dev/null)"
            sleep 0.1
        done
    done
    x=$(our_processes)
    [ -z "$x" ] || fail "processes left: $x"
    ok "no libvirtd or qemu of ours left (checked pids $pids and every command line)"

    after=$(host_state)
    if [ "$before" != "$after" ]; then
        diff <(echo "$before") <(echo "$after") >&2 || true
        fail "the host's libvirt directories changed"
    fi
    ok "host's /etc/libvirt, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt, /run/libvirt unchanged"

    finished=1
    echo "==== test-qemu-check summary ===="
    printf '%s\n' "${summary[@]}"
    echo "test-qemu-check: $passed passed, 0 failed"
}

main
