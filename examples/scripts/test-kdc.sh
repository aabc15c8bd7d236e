#!/usr/bin/env bash
# Start or stop a PRIVATE Kerberos KDC on 127.0.0.1 for the GSSAPI tests:
#
#   test-kdc.sh start DIR PORT   realm LIBVIRT.TEST, print nothing on stdout
#   test-kdc.sh stop  DIR        stop the KDC started in DIR (by its pid)
#
# MIT's KDC tools are unpacked into DIR/root (apt-get download + dpkg -x),
# not installed: installing krb5-user would pull in krb5-config, which
# writes a system-wide /etc/krb5.conf. Their libraries, and the SASL GSSAPI
# module libvirtd needs (libsasl2-modules-gssapi-mit), are installed with
# apt; they change no configuration.
#
# What DIR holds afterwards:
#   krb5.conf       KRB5_CONFIG for the daemon and the client (rdns off,
#                   ignore_acceptor_hostname on, the KDC on PORT)
#   libvirt.keytab  KRB5_KTNAME for libvirtd: libvirt/localhost
#   ccache          KRB5CCNAME for the client: a ticket for alice (kinit)
#   sasl/           SASL_CONF_PATH for libvirtd: mech_list gssapi
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REALM=LIBVIRT.TEST
cmd=${1:-}
DIR=$(realpath -m -- "${2:?usage: $0 start DIR PORT | stop DIR}")

case "$cmd" in
start)
    PORT=${3:?usage: $0 start DIR PORT}
    mkdir -p -- "$DIR"
    lib=/usr/lib/x86_64-linux-gnu
    "$HERE/ensure-packages.sh" \
        "$lib/sasl2/libgssapiv2.so=libsasl2-modules-gssapi-mit" \
        "$lib/libkadm5srv_mit.so.12=libkadm5srv-mit12" \
        "$lib/libkadm5clnt_mit.so.12=libkadm5clnt-mit12" \
        "$lib/libkdb5.so.10=libkdb5-10" \
        "$lib/libgssrpc.so.4=libgssrpc4" \
        "$lib/libverto.so.1=libverto1" \
        "$lib/libss.so.2=libss2"
    ROOT=$DIR/root
    if ! [ -x "$ROOT/usr/sbin/krb5kdc" ]; then
        mkdir -p "$DIR/debs" "$ROOT"
        (cd "$DIR/debs" && apt-get download krb5-kdc krb5-admin-server krb5-user >&2)
        for deb in "$DIR"/debs/*.deb; do dpkg -x "$deb" "$ROOT"; done
    fi
    export LD_LIBRARY_PATH=$ROOT/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    cat >"$DIR/krb5.conf" <<CONF
[libdefaults]
    default_realm = $REALM
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    ignore_acceptor_hostname = true
    udp_preference_limit = 1
[realms]
    $REALM = {
        kdc = 127.0.0.1:$PORT
    }
[dbmodules]
    db_module_dir = $ROOT/usr/lib/x86_64-linux-gnu/krb5/plugins/kdb
CONF
    cat >"$DIR/kdc.conf" <<CONF
[kdcdefaults]
    kdc_ports = $PORT
    kdc_tcp_ports = $PORT
[realms]
    $REALM = {
        database_name = $DIR/principal
        key_stash_file = $DIR/stash
        acl_file = $DIR/kadm5.acl
    }
[logging]
    kdc = FILE:$DIR/kdc.log
CONF
    : >"$DIR/kadm5.acl"
    export KRB5_CONFIG=$DIR/krb5.conf KRB5_KDC_PROFILE=$DIR/kdc.conf
    if ! [ -e "$DIR/principal" ]; then
        "$ROOT/usr/sbin/kdb5_util" create -s -r "$REALM" -P master-password >/dev/null 2>&1 ||
            { echo "test-kdc: kdb5_util create failed" >&2; exit 1; }
        "$ROOT/usr/sbin/kadmin.local" -q "addprinc -pw alice-password alice" >/dev/null
        "$ROOT/usr/sbin/kadmin.local" -q "addprinc -randkey libvirt/localhost" >/dev/null
        "$ROOT/usr/sbin/kadmin.local" -q "ktadd -k $DIR/libvirt.keytab libvirt/localhost" >/dev/null
    fi
    rm -f "$DIR/kdc.pid"
    setsid "$ROOT/usr/sbin/krb5kdc" -n -P "$DIR/kdc.pid" </dev/null >>"$DIR/kdc.stderr" 2>&1 &
    pid=$!
    ok=
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        if echo alice-password | KRB5CCNAME="$DIR/ccache" "$ROOT/usr/bin/kinit" alice >/dev/null 2>&1; then
            ok=1
            break
        fi
        sleep 0.05
    done
    echo "$pid" >"$DIR/kdc.pid"
    if [ -z "$ok" ]; then
        echo "test-kdc: the KDC did not issue a ticket" >&2
        tail -n 20 "$DIR/kdc.log" "$DIR/kdc.stderr" >&2 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
        exit 1
    fi
    mkdir -p "$DIR/sasl"
    printf 'mech_list: gssapi\nkeytab: %s\n' "$DIR/libvirt.keytab" >"$DIR/sasl/libvirt.conf"
    echo "test-kdc: krb5kdc pid $pid on 127.0.0.1:$PORT" >&2
    ;;
stop)
    if [ -s "$DIR/kdc.pid" ]; then
        pid=$(tr -dc 0-9 <"$DIR/kdc.pid")
        if [ -n "$pid" ] && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -q krb5kdc; then
            kill "$pid" 2>/dev/null || true
        fi
    fi
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
