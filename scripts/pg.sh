#!/usr/bin/env bash
# The private PostgreSQL cluster of this checkout: data, log and Unix socket all live in
# .pgdata/ (ignored by git); it listens on no TCP port, so it never fights over one.
#   scripts/pg.sh url     print the DATABASE_URL of the cluster (does not start it)
#   scripts/pg.sh start   create the cluster and database if needed, start it if stopped
#   scripts/pg.sh stop    stop it if running
set -euo pipefail
# runuser and friends live in sbin, which a non-login root shell may not have on PATH.
export PATH="$PATH:/usr/sbin:/sbin"

root="$(cd "$(dirname "$0")/.." && pwd)"
pgroot="$root/.pgdata"
data="$pgroot/data"
dbname="newsroom"
dbuser="newsroom"

die() { echo "pg.sh: $*" >&2; exit 1; }

url() {
    # dj-database-url reads a percent-encoded socket directory as the host.
    local host
    host=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$pgroot")
    echo "postgres://$dbuser@$host/$dbname"
}

find_bindir() {
    local dir
    # Debian and Ubuntu keep server binaries off PATH, one folder per major version.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) \
        /usr/local/opt/postgresql*/bin /opt/homebrew/opt/postgresql*/bin; do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
    done
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"; return
    fi
    if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir; return
    fi
    die "PostgreSQL server binaries (initdb, pg_ctl) not found: install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@16) or set DATABASE_URL."
}

# PostgreSQL refuses to run as root: as root, run the cluster as an unprivileged user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}

setup_owner() {
    owner="$(id -un)"
    if [ "$(id -u)" -eq 0 ]; then
        owner="${PG_RUN_AS:-postgres}"
        id "$owner" >/dev/null 2>&1 || die "running as root and user '$owner' does not exist: create it (useradd --system $owner) or set PG_RUN_AS to an unprivileged user."
        mkdir -p "$pgroot"
        chown "$owner" "$pgroot"
        runuser -u "$owner" -- test -w "$pgroot" \
            || die "user '$owner' cannot reach $pgroot: make the checkout's parent folders traversable (chmod o+x) or set DATABASE_URL."
    fi
}

running() {
    [ -f "$data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
    bindir="$(find_bindir)"
    setup_owner
    mkdir -p "$pgroot"
    if [ ! -f "$data/PG_VERSION" ]; then
        echo "pg.sh: creating a private PostgreSQL cluster in $pgroot"
        as_owner "$bindir/initdb" -D "$data" -U "$dbuser" --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 --no-instructions >"$pgroot/initdb.log" 2>&1 \
            || die "initdb failed; see $pgroot/initdb.log"
    fi
    if ! running; then
        # A dead server can leave its pid file behind; pg_ctl handles a stale one.
        as_owner "$bindir/pg_ctl" -D "$data" -l "$pgroot/server.log" -w -t 60 \
            -o "-k '$pgroot' -c listen_addresses='' -c synchronous_commit=off" start >/dev/null \
            || die "the cluster did not start; see $pgroot/server.log"
    fi
    if ! as_owner "$bindir/psql" -h "$pgroot" -U "$dbuser" -d postgres -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = '$dbname'" | grep -q 1; then
        as_owner "$bindir/createdb" -h "$pgroot" -U "$dbuser" "$dbname"
    fi
}

stop() {
    [ -f "$data/PG_VERSION" ] || { echo "pg.sh: no private cluster here"; return; }
    bindir="$(find_bindir)"
    setup_owner
    if running; then
        as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null
        echo "pg.sh: stopped the private cluster"
    else
        echo "pg.sh: the private cluster is not running"
    fi
}

case "${1:-}" in
    url) url ;;
    start) start ;;
    stop) stop ;;
    *) die "usage: scripts/pg.sh url|start|stop" ;;
esac
