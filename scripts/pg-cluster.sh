#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and trying out several servers on one database.
#   scripts/pg-cluster.sh start DIR   initdb + pg_ctl in DIR (created, must be new or empty) on a free port,
#                                     listening on 127.0.0.1 only; prints postgres://trotter:PASSWORD@127.0.0.1:PORT/trotter
#   scripts/pg-cluster.sh stop DIR    stops it (fast shutdown) and removes DIR
# TCP connections need the password (scram-sha-256; written to DIR/password, mode 600). Run as root, the cluster
# runs as the `postgres` user, which then owns DIR. PostgreSQL comes from Debian's `postgresql` (scripts/setup.sh).
set -euo pipefail

find_bin() { # NAME: on PATH, else Debian's versioned folder (newest first)
  if command -v "$1" > /dev/null 2>&1; then command -v "$1"; return 0; fi
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -Vr); do
    [ -x "$candidate/$1" ] && { echo "$candidate/$1"; return 0; }
  done
  echo "pg-cluster: $1 not found (install Debian's postgresql: scripts/setup.sh)" >&2
  return 1
}

as_owner() { # the cluster's user: postgres when we are root (initdb refuses root), else ourselves; from / since
  # postgres may not be allowed into the caller's folder
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

usage() { echo "usage: scripts/pg-cluster.sh start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd="$1" dir="$(realpath -m "$2")"
INITDB="$(find_bin initdb)"
PG_CTL="$(find_bin pg_ctl)"

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ -z "$(ls -A "$dir")" ] || { echo "pg-cluster: $dir is not empty" >&2; exit 1; }
    if [ "$(id -u)" -eq 0 ]; then
      id postgres > /dev/null 2>&1 || { echo "pg-cluster: running as root needs the postgres user (Debian's postgresql package creates it)" >&2; exit 1; }
      chown postgres: "$dir"
      as_owner test -w "$dir" || { echo "pg-cluster: the postgres user cannot reach $dir: use a folder it can enter, e.g. under /tmp" >&2; exit 1; }
    fi
    chmod 700 "$dir"
    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    as_owner sh -c "umask 077; printf '%s\n' '$password' > '$dir/password'"
    as_owner "$INITDB" -D "$dir/data" -U trotter --pwfile="$dir/password" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --no-locale --no-sync > "$dir/initdb.log" 2>&1 \
      || { echo "pg-cluster: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: bind 0, read it, let go (a race with another process is possible but unlikely on loopback).
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    # The socket lives in DIR, not /var/run/postgresql (which may not exist or belong to someone else).
    # 500 connections: the store's parallel test pass held up to 196 at once (a fresh database per test, each with
    # its pool, watch and queue connections) and 200 refused one in CI ("too many clients already").
    as_owner "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=500 -c fsync=off" start > /dev/null \
      || { echo "pg-cluster: the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    echo "$port" > "$dir/port"
    as_owner "$(dirname "$PG_CTL")/createdb" -h "$dir" -p "$port" -U trotter trotter 2> /dev/null \
      || as_owner psql -h "$dir" -p "$port" -U trotter -d postgres -qc "CREATE DATABASE trotter" > /dev/null
    echo "postgres://trotter:$password@127.0.0.1:$port/trotter"
    ;;
  stop)
    [ -d "$dir/data" ] || { echo "pg-cluster: no cluster in $dir" >&2; exit 1; }
    as_owner "$PG_CTL" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
