#!/usr/bin/env bash
# Makes the certificates the TLS tests use, with GnuTLS's certtool (RSA keys:
# libvirt wants keyEncipherment, which certtool leaves out for ECDSA), in DIR:
#
#   test-pki.sh DIR
#
#   DIR/ca/          the CA (cacert.pem, cakey.pem)
#   DIR/other-ca/    another CA, which signed nothing the daemons use
#   DIR/server/      for libvirtd: cacert.pem, servercert.pem (CN localhost,
#                    SAN DNS localhost and IP 127.0.0.1), serverkey.pem
#   DIR/server-expired/     the same, expired in 2020
#   DIR/server-cn-only/     a legacy certificate: CN localhost, no SAN
#   DIR/server-other-name/  SAN DNS other.example only
#   DIR/client/             pkipath= for a client: cacert.pem, clientcert.pem,
#                           clientkey.pem
#   DIR/client-wrong-ca/    the client's pair, but other-ca as cacert.pem
#   DIR/client-foreign/     the CA, and a client pair signed by other-ca
#   DIR/client-no-cert/     the CA only
#   DIR/client-crl/         the client's pair, the CA, and a revocation list
#                           (cacrl.pem) that revokes server/servercert.pem
#
# Installs gnutls-bin if certtool is missing. Prints nothing on stdout.
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
"$HERE/ensure-packages.sh" certtool=gnutls-bin

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$1
mkdir -p -- "$DIR"
cd -- "$DIR"
if [ -f done ]; then
    exit 0
fi

ct() { certtool "$@" >/dev/null 2>&1 || { echo "test-pki: certtool $* failed" >&2; certtool "$@" >&2; exit 1; }; }
key() { ct --generate-privkey --key-type=rsa --bits=2048 --outfile "$1"; }

ca() { # NAME CN
    mkdir -p "$1"
    key "$1/cakey.pem"
    printf 'cn = %s\nca\ncert_signing_key\nexpiration_days = 3650\n' "$2" >"$1/ca.info"
    ct --generate-self-signed --load-privkey "$1/cakey.pem" --template "$1/ca.info" \
        --outfile "$1/cacert.pem"
}

sign() { # CA KEY TEMPLATE OUT
    ct --generate-certificate --load-privkey "$2" --load-ca-certificate "$1/cacert.pem" \
        --load-ca-privkey "$1/cakey.pem" --template "$3" --outfile "$4"
}

server() { # NAME TEMPLATE-LINES
    mkdir -p "$1"
    printf '%b' "$2" >"$1/server.info"
    sign ca keys/server.pem "$1/server.info" "$1/servercert.pem"
    cp keys/server.pem "$1/serverkey.pem"
    cp ca/cacert.pem "$1/cacert.pem"
}

client() { # NAME SIGNING-CA CA-FILE
    mkdir -p "$1"
    cp "$3" "$1/cacert.pem"
    if [ -n "$2" ]; then
        sign "$2" keys/client.pem client.info "$1/clientcert.pem"
        cp keys/client.pem "$1/clientkey.pem"
    fi
}

mkdir -p keys
ca ca "libvirt-rs test CA"
ca other-ca "libvirt-rs other CA"
key keys/server.pem
key keys/client.pem

usage='tls_www_server\nsigning_key\nencryption_key\n'
server server "cn = localhost\ndns_name = localhost\nip_address = 127.0.0.1\nexpiration_days = 3650\n$usage"
server server-expired "cn = localhost\ndns_name = localhost\nip_address = 127.0.0.1\nactivation_date = \"2019-01-01 00:00:00\"\nexpiration_date = \"2020-01-01 00:00:00\"\n$usage"
server server-cn-only "cn = localhost\nexpiration_days = 3650\n$usage"
server server-other-name "cn = other.example\ndns_name = other.example\nexpiration_days = 3650\n$usage"

printf 'country = GB\norganization = libvirt-rs\ncn = client\ntls_www_client\nsigning_key\nencryption_key\nexpiration_days = 3650\n' >client.info
client client ca ca/cacert.pem
client client-wrong-ca ca other-ca/cacert.pem
client client-foreign other-ca ca/cacert.pem
client client-no-cert "" ca/cacert.pem
client client-crl ca ca/cacert.pem
printf 'crl_next_update = 3650\ncrl_number = 1\n' >crl.info
ct --generate-crl --load-ca-privkey ca/cakey.pem --load-ca-certificate ca/cacert.pem \
    --load-certificate server/servercert.pem --template crl.info --outfile client-crl/cacrl.pem
touch done
