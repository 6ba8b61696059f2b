#!/usr/bin/env bash
# Installs what Vigie needs from the system when it is missing:
# the PostgreSQL server programs (initdb, pg_ctl) for the local cluster and the tests.
# Uses apt-get (Debian, Ubuntu); runs it through sudo when not root.
set -euo pipefail

have_server() {
    [ -n "${VIGIE_PG_BINDIR:-}" ] && [ -x "$VIGIE_PG_BINDIR/initdb" ] && return 0
    compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null && return 0
    command -v initdb > /dev/null && command -v pg_ctl > /dev/null
}

have_runuser() {
    [ "$(id -u)" -ne 0 ] || command -v runuser > /dev/null
}

if have_server && have_runuser; then
    exit 0
fi

if ! command -v apt-get > /dev/null; then
    echo "vigie: the PostgreSQL server (initdb, pg_ctl) is missing; install it with your package manager, or set VIGIE_PG_BINDIR" >&2
    exit 1
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "vigie: installing the PostgreSQL server with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql util-linux > /dev/null
have_server || { echo "vigie: PostgreSQL server still missing after apt-get" >&2; exit 1; }
