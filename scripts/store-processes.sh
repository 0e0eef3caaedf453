#!/usr/bin/env bash
# Several trotter processes opening one new store at once: ROUNDS rounds, each on a fresh TROTTER_HOME, of
# PROCS processes started together (alternately `runs list`, which opens the store, and `projects list`, which
# also creates the master key and the log). Prints the failures and the slowest start; exit 1 on any failure.
# Builds nothing: run `swift build -c release` first.
#   TROTTER_BIN  the binary (default .build/release/trotter)
#   ROUNDS, PROCS (default 20 and 4)
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${TROTTER_BIN:-.build/release/trotter}")"
ROUNDS="${ROUNDS:-20}" PROCS="${PROCS:-4}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[ -x "$BIN" ] || { echo "store-processes: $BIN not found; run swift build -c release first" >&2; exit 1; }

failures=0 slowest=0
for r in $(seq 1 "$ROUNDS"); do
  home="$WORK/home$r"
  pids=()
  for p in $(seq 1 "$PROCS"); do
    if [ $((p % 2)) = 1 ]; then cmd=(runs list); else cmd=(projects list); fi
    ( start=$(date +%s%N)
      TROTTER_HOME="$home" "$BIN" "${cmd[@]}" > "$WORK/out.$r.$p" 2>&1
      status=$?
      echo "$status $(( ($(date +%s%N) - start) / 1000000 ))" > "$WORK/rc.$r.$p" ) &
    pids+=($!)
  done
  wait "${pids[@]}"
  for p in $(seq 1 "$PROCS"); do
    read -r status ms < "$WORK/rc.$r.$p"
    [ "$ms" -gt "$slowest" ] && slowest=$ms
    if [ "$status" != 0 ]; then
      failures=$((failures + 1))
      echo "round $r process $p exited $status: $(tail -1 "$WORK/out.$r.$p")"
    fi
  done
done
echo "$failures of $((ROUNDS * PROCS)) processes failed ($ROUNDS rounds of $PROCS at once on a new home); slowest took $slowest ms"
[ "$failures" = 0 ]
