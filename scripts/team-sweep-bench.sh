#!/usr/bin/env bash
# One sweep of a large organisation on 1, 2 and 4 `trotter serve` sharing one PostgreSQL, and the update latency of
# dashboards following those servers while an operator works through another (before and after the import). A throwaway cluster, the Atlas
# emulator with PROJECTS projects × CLUSTERS clusters × COLLECTIONS collections and LATENCY ms on every answer;
# the projects are onboarded once (`projects import`), then for each server count the servers are (re)started and
# one sweep is timed through the first. Builds nothing: run `swift build -c release` first.
#   TROTTER_BIN (default .build/release/trotter)  PROJECTS (2000)  CLUSTERS (3)  COLLECTIONS (50)  LATENCY (50)
#   SERVERS ("1 2 4")  DASHBOARDS (20)  CHANGES (30)  IMPORT_PARALLEL (48)  KEEP (set: keep the logs folder)
# The latency-bound model (as for the embedded sweep, README "Benchmarks"): a project's collection is 3 dependent
# round trips (the disk chain: processes → partitions → measurements; the worker's read beside it), and each server
# collects 16 projects at a time (maxParallelProjects): N servers need at least ⌈PROJECTS / 16N⌉ × 3 × LATENCY.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${TROTTER_BIN:-.build/release/trotter}")"
[ -x "$BIN" ] || { echo "team-sweep-bench: $BIN not found; run swift build -c release first" >&2; exit 1; }
PROJECTS=${PROJECTS:-2000} CLUSTERS=${CLUSTERS:-3} COLLECTIONS=${COLLECTIONS:-50} LATENCY=${LATENCY:-50}
WORK="$(mktemp -d /tmp/trotter-sweep-bench-XXXXXX)"
PGDIR="$(mktemp -d /tmp/trotter-pg-XXXXXX)"
PIDS=()
cleanup() {
  # `|| true` throughout: under `set -e` the first pid already gone (a server restarted) ended the cleanup there,
  # leaving servers and the cluster running.
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done   # whatever did not stop on SIGTERM
  wait 2>/dev/null || true
  scripts/pg-cluster.sh stop "$PGDIR" > /dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "kept the servers' logs in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
DB="$(scripts/pg-cluster.sh start "$PGDIR")"
psql_q() { PGPASSWORD="$(cat "$PGDIR/password")" psql -h 127.0.0.1 -p "$(cat "$PGDIR/port")" -U trotter -d trotter -Atqc "$1"; }
"$BIN" sandbox --projects "$PROJECTS" --clusters "$CLUSTERS" --collections "$COLLECTIONS" --latency-ms "$LATENCY" \
  --credentials-file "$WORK/org.json" > "$WORK/sandbox.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do [ -s "$WORK/org.json" ] && grep -q "http" "$WORK/sandbox.out" && break; sleep 0.1; done
ATLAS=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/sandbox.out" | head -1)
OPS=$(TROTTER_HOME="$WORK/admin" "$BIN" tokens create --name bench --role operator --database "$DB" 2>/dev/null)

SERVERS_UP=()
PORTS=()
start_servers() { # N [extra serve args]
  local count="$1"; shift
  for pid in "${SERVERS_UP[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  SERVERS_UP=() PORTS=()
  for n in $(seq 1 "$count"); do
    local port; port=$(free_port)
    TROTTER_HOME="$WORK/server$n" ATLAS_BASE_URL="$ATLAS" "$BIN" serve --listen "127.0.0.1:$port" --database "$DB" \
      --master-key "$WORK/master.key" --sweep-interval 0 "$@" > "$WORK/server$n.out" 2>&1 &
    SERVERS_UP+=($!) PORTS+=("$port")
    PIDS+=($!)
  done
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 300); do
      python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "http://127.0.0.1:$port/healthz" 2>/dev/null && break
      sleep 0.1
    done
  done
}
client() { TROTTER_HOME="$WORK/client" TROTTER_MANAGER_URL="http://127.0.0.1:${PORTS[0]}" TROTTER_TOKEN="$OPS" "$BIN" "$@"; }

# The import onboards IMPORT_PARALLEL projects at once (default 48; onboarding is a chain of some twenty
# dependent App Services calls, latency-bound); the sweeps below run at the default 16 the model assumes.
start_servers 4 --parallel-projects "${IMPORT_PARALLEL:-48}"
# Dashboards on servers 2-4, the operator on server 1: a change crosses servers through the database. Once before
# the import (what crossing costs) and once after it (each change refetches the whole snapshot, namespaces too).
dashboards() { # LABEL
  local followers; followers=$(printf 'http://127.0.0.1:%s,' "${PORTS[@]:1}"); followers=${followers%,}
  echo "dashboards on servers 2-4, operator on server 1, $1: $(client bench-dashboards --dashboards "${DASHBOARDS:-20}" \
    --changes "${CHANGES:-30}" --follow-at "$followers" 2>&1 | tail -1)"
}
dashboards "no projects yet"
ORG_PUB=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["publicKey"])' "$WORK/org.json")
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["privateKey"])' "$WORK/org.json" > "$WORK/key"
start=$(date +%s.%N)
# Not fatal: an import that ends with refusals still leaves projects to sweep, and its output says why.
client projects import --public-key "$ORG_PUB" < "$WORK/key" > "$WORK/import.out" 2>&1 || echo "import exited $?: $(grep -v '^ok' "$WORK/import.out" | tail -5)"
echo "onboarded: $(tail -1 "$WORK/import.out") in $(python3 -c "print('%.1f' % ($(date +%s.%N) - $start))") s on 4 servers"
echo "projects by state: $(psql_q "SELECT string_agg(state || ' ' || n, ', ') FROM (SELECT state, count(*) AS n FROM projects GROUP BY state) x")"

for n in ${SERVERS:-1 2 4}; do
  start_servers "$n"
  start=$(date +%s.%N)
  client sweep > "$WORK/sweep$n.out" 2>&1 || echo "sweep on $n server(s) exited $?: $(tail -3 "$WORK/sweep$n.out")"
  took=$(python3 -c "print('%.2f' % ($(date +%s.%N) - $start))")
  run=$(client runs list --json | python3 -c 'import json,sys; print(next(r["id"] for r in json.load(sys.stdin) if r["machine"]=="sweep"))')
  shares=$(psql_q "SELECT string_agg(c::text, '/' ORDER BY c DESC) FROM (SELECT count(*) AS c FROM coordination_jobs
                   WHERE run_id = '$run' GROUP BY finished_by) x")
  model=$(python3 -c "import math; print('%.2f' % (math.ceil($PROJECTS / (16 * $n)) * 3 * $LATENCY / 1000))")
  once=$(psql_q "SELECT count(*) FILTER (WHERE state = 'done' AND attempts = 1) FROM coordination_jobs WHERE run_id = '$run'")
  echo "$n server(s): $(tail -1 "$WORK/sweep$n.out") in $took s; jobs per server $shares ($once claimed once and done); bound $model s ($(python3 -c "print('%.1f' % ($took / $model))")× it)"
done

start_servers 4
dashboards "$PROJECTS projects ($((PROJECTS * CLUSTERS * COLLECTIONS)) namespaces)"
