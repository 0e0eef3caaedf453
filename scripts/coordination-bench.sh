#!/usr/bin/env bash
# Throughput of the shared job queue with real worker processes on a throwaway PostgreSQL cluster:
# N jobs of 1 ms, worked by 1, 2 and 4 `trotter-coordination-worker` processes (claim, heartbeat, complete, each
# a round trip). Prints jobs (claims) per second. Not part of CI.
#   JOBS (default 2000)   BIN (default .build/release/trotter-coordination-worker, else .build/debug/...)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${JOBS:-2000}"
BIN="${BIN:-.build/release/trotter-coordination-worker}"
[ -x "$BIN" ] || BIN=.build/debug/trotter-coordination-worker
[ -x "$BIN" ] || { echo "coordination-bench: build first (swift build -c release --product trotter-coordination-worker)" >&2; exit 1; }
DIR="$(mktemp -d -u /tmp/trotter-bench-pg.XXXXXX)"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; scripts/pg-cluster.sh stop "$DIR" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
URL="$(scripts/pg-cluster.sh start "$DIR")"
export TROTTER_DATABASE_URL="$URL"
for workers in 1 2 4; do
  db="bench_$workers"
  psql -q "$URL" -c "CREATE DATABASE $db"
  export TROTTER_DATABASE_URL="${URL%/*}/$db"
  PIDS=()
  for i in $(seq 1 "$workers"); do
    "$BIN" --id "w$i" --log "$WORK/w$i-$workers.log" --lease 5s --poll 200ms --work 1ms &
    PIDS+=($!)
    disown  # killed with SIGKILL below; no "Killed" line from bash
  done
  until grep -q listening "$WORK/w$workers-$workers.log" 2>/dev/null; do sleep 0.05; done
  start=$(date +%s.%N)
  psql -q "$TROTTER_DATABASE_URL" -c "INSERT INTO coordination_jobs (run_id, job_key) SELECT 'bench', 'j' || g FROM generate_series(1, $JOBS) g; NOTIFY trotter_coordination, 'jobs:'"
  until [ "$(psql -tA "$TROTTER_DATABASE_URL" -c "SELECT count(*) FROM coordination_jobs WHERE state = 'done'")" -ge "$JOBS" ]; do sleep 0.02; done
  end=$(date +%s.%N)
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{sys.argv[3]} worker(s): {sys.argv[4]} jobs in {s:.2f} s = {int(sys.argv[4])/s:.0f} jobs/s')" "$start" "$end" "$workers" "$JOBS"
done
