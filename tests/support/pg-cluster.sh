#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests.
#
#   pg-cluster.sh start <dir>   initdb into <dir>/data, listen on 127.0.0.1 only (free port),
#                               scram-sha-256 auth, database finagent_test owned by role
#                               finagent_app; writes the URL to <dir>/url (mode 0600)
#   pg-cluster.sh stop <dir>    pg_ctl stop -m fast
#
# initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser).
# PG_BINDIR overrides where the server binaries are looked up.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop <dir>" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
action=$1
dir=$2
data="$dir/data"
urlfile="$dir/url"
logfile="$dir/server.log"

find_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then
        echo "$PG_BINDIR"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$found" ]] && command -v pg_config >/dev/null 2>&1; then
        found=$(pg_config --bindir)
    fi
    if [[ -z "$found" || ! -x "$found/initdb" ]]; then
        echo "pg-cluster: no PostgreSQL server binaries found (install the postgresql package or set PG_BINDIR)" >&2
        exit 1
    fi
    echo "$found"
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

random_secret() {
    # Alphanumeric only, so it needs no escaping in SQL or in the URL.
    head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32
}

stop_cluster() {
    local bindir=$1
    if [[ -f "$data/postmaster.pid" ]]; then
        as_owner "$bindir/pg_ctl" -D "$data" stop -m fast -w -t 30 >/dev/null || true
    fi
    rm -f "$urlfile"
}

start_cluster() {
    local bindir=$1
    # A cluster left over from an interrupted run is stopped and replaced.
    stop_cluster "$bindir"
    rm -rf "$data"
    mkdir -p "$dir"
    chmod 0700 "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$dir"
    fi

    local admin_password app_password pwfile
    admin_password=$(random_secret)
    app_password=$(random_secret)
    pwfile="$dir/admin-password"
    (umask 077 && printf '%s\n' "$admin_password" >"$pwfile")
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$pwfile"
    fi

    as_owner "$bindir/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
        -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        rm -f "$pwfile"
        exit 1
    }
    rm -f "$pwfile"

    # No Unix socket (its path length is limited and we only need TCP); throwaway data, so no fsync.
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 100
EOF

    local port attempt started=0
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$bindir/pg_ctl" -D "$data" -l "$logfile" -w -t 60 -o "-p $port" start >/dev/null; then
            started=1
            break
        fi
        echo "pg-cluster: start on port $port failed (attempt $attempt), retrying" >&2
    done
    if [[ $started -ne 1 ]]; then
        echo "pg-cluster: the server did not start; log follows" >&2
        cat "$logfile" >&2 || true
        exit 1
    fi

    local ready=0
    for _ in $(seq 1 60); do
        if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1; then
            ready=1
            break
        fi
        sleep 0.5
    done
    if [[ $ready -ne 1 ]]; then
        echo "pg-cluster: the server on 127.0.0.1:$port never became ready; log follows" >&2
        cat "$logfile" >&2 || true
        exit 1
    fi

    PGPASSWORD="$admin_password" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
        -U postgres -d postgres >/dev/null <<EOF
CREATE ROLE finagent_app LOGIN PASSWORD '$app_password';
CREATE DATABASE finagent_test OWNER finagent_app ENCODING 'UTF8';
EOF

    (umask 077 && printf 'postgresql://finagent_app:%s@127.0.0.1:%s/finagent_test\n' \
        "$app_password" "$port" >"$urlfile")
    chmod 0600 "$urlfile"
    echo "pg-cluster: PostgreSQL ready on 127.0.0.1:$port (database finagent_test); URL in $urlfile"
}

bindir=$(find_bindir)
case "$action" in
start) start_cluster "$bindir" ;;
stop)
    stop_cluster "$bindir"
    echo "pg-cluster: stopped"
    ;;
*) usage ;;
esac
