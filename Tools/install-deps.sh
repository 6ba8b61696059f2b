#!/usr/bin/env bash
# Installs what Vigie needs from the system when it is missing:
# the PostgreSQL server programs (initdb, pg_ctl) for the local cluster and the tests, and
# runuser to start them as an unprivileged user when run as root.
# With --bench (`make bench` and `make test`), also libxml2, which Foundation's XML parser
# loads: `vigie-bench feed` times that parser beside Vigie's, and `swift test` builds
# vigie-bench; `vigie` does not need it. And the openssl program, with which the TLS tests
# make a throwaway certificate authority, and psql, which `vigie-bench ingest` loads its COPY
# baseline with.
# Uses apt-get (Debian, Ubuntu); runs it through sudo when not root.
set -euo pipefail

bench=false
case "${1:-}" in
    "") ;;
    --bench) bench=true ;;
    *) echo "usage: $0 [--bench]" >&2; exit 2 ;;
esac

have_server() {
    [ -n "${VIGIE_PG_BINDIR:-}" ] && [ -x "$VIGIE_PG_BINDIR/initdb" ] && return 0
    compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null && return 0
    command -v initdb > /dev/null && command -v pg_ctl > /dev/null
}

have_runuser() {
    [ "$(id -u)" -ne 0 ] || command -v runuser > /dev/null
}

have_libxml2() {
    ! $bench || ldconfig -p 2> /dev/null | grep -q 'libxml2\.so\.2'
}

have_openssl() {
    ! $bench || command -v openssl > /dev/null
}

# psql, with which `vigie-bench ingest` loads its COPY baseline (and its test runs it).
have_psql() {
    ! $bench || compgen -G "/usr/lib/postgresql/*/bin/psql" > /dev/null || command -v psql > /dev/null
}

if have_server && have_runuser && have_libxml2 && have_openssl && have_psql; then
    exit 0
fi

packages=(postgresql util-linux)
what="the PostgreSQL server (initdb, pg_ctl)"
if $bench; then
    packages+=(libxml2 openssl postgresql-client)
    what="the PostgreSQL server (initdb, pg_ctl), libxml2, openssl or psql"
fi

if ! command -v apt-get > /dev/null; then
    echo "vigie: $what is missing; install it with your package manager (or set VIGIE_PG_BINDIR)" >&2
    exit 1
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "vigie: installing ${packages[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" > /dev/null
have_server || { echo "vigie: PostgreSQL server still missing after apt-get" >&2; exit 1; }
have_libxml2 || { echo "vigie: libxml2 still missing after apt-get" >&2; exit 1; }
have_psql || { echo "vigie: psql still missing after apt-get" >&2; exit 1; }
have_openssl || { echo "vigie: openssl still missing after apt-get" >&2; exit 1; }
