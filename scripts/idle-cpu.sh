#!/usr/bin/env bash
# CPU of trotter while it waits, read from /proc/PID/stat (utime + stime, in clock ticks). Builds nothing: run
# `swift build -c release` first. Each case starts on a fresh TROTTER_HOME, lets the process settle, then
# measures a window:
#   1. `machines run` of a machine whose only job is `sleep 45`            (20 s; target <= 0.2 s of CPU)
#   2. `machines run --step`, the run awaiting `runs approve`               (20 s; target <= 0.2 s of CPU)
#   3. the dashboard (`trotter`) with no project and no run, tmux 120x40    (30 s; target 0 ticks)
#   4. `trotter demo` in tmux 120x40: sweeps every 15 s, a step-mode run waiting (60 s; target <= 1 % of a core)
# Prints one line per case and exits 1 when a case misses its target.
#   TROTTER_BIN  the binary (default .build/release/trotter)
#   IDLE_CASES   which cases to run (default "1 2 3 4")
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${TROTTER_BIN:-.build/release/trotter}")"
CASES="${IDLE_CASES:-1 2 3 4}"
HZ=$(getconf CLK_TCK)
WORK="$(mktemp -d)"
SESSION="trotter-idle-$$"
missed=0
cleanup() {
  tmux kill-session -t "$SESSION" 2>/dev/null
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -x "$BIN" ] || { echo "idle-cpu: $BIN not found; run swift build -c release first" >&2; exit 1; }

# ticks PID: utime + stime of a process (fields 14 and 15; the command name may hold spaces, so cut after ")").
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# measure NAME PID SECONDS LIMIT_TICKS: prints the CPU used by PID over SECONDS and checks it against the limit.
measure() {
  local name="$1" pid="$2" seconds="$3" limit="$4"
  local before after used
  before=$(ticks "$pid") || { echo "FAIL $name: process $pid is gone"; missed=1; return; }
  sleep "$seconds"
  after=$(ticks "$pid") || { echo "FAIL $name: process $pid ended during the window"; missed=1; return; }
  used=$((after - before))
  local verdict=ok
  [ "$used" -le "$limit" ] || { verdict=FAIL; missed=1; }
  awk -v n="$name" -v u="$used" -v hz="$HZ" -v s="$seconds" -v v="$verdict" -v l="$limit" \
    'BEGIN { printf "%-4s %s: %d ticks = %.2f s of CPU in %d s (%.2f%% of one core; limit %d ticks)\n", v, n, u, u / hz, s, 100 * u / hz / s, l }'
}

# pane_pid: trotter's pid in the tmux pane (the pane's shell execs env, which execs trotter).
pane_pid() {
  local pid
  pid=$(tmux display -p -t "$SESSION" '#{pane_pid}')
  [ "$(ps -o comm= -p "$pid")" = trotter ] && echo "$pid"
}

cat > "$WORK/sleep.json" <<'EOF'
{ "name": "long-job", "phases": [{ "name": "wait", "jobs": [{ "name": "sleep", "run": { "command": ["sleep", "45"] } }] }] }
EOF
cat > "$WORK/step.json" <<'EOF'
{ "name": "approval", "phases": [{ "name": "first", "jobs": [{ "name": "hello", "run": { "command": ["true"] } }] }] }
EOF

for c in $CASES; do
  case "$c" in
    1|2)
      home="$WORK/home$c"; mkdir -p "$home"
      if [ "$c" = 1 ]; then args=(machines run "$WORK/sleep.json"); name="machines run, job sleep 45"
      else args=(machines run "$WORK/step.json" --step); name="machines run --step, awaiting approval"; fi
      TROTTER_HOME="$home" "$BIN" "${args[@]}" > "$WORK/out$c" 2>&1 &
      PID=$!
      sleep 3
      measure "$name" "$PID" 20 $((HZ / 5))
      kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; PID=
      ;;
    3|4)
      home="$WORK/home$c"; mkdir -p "$home"
      if [ "$c" = 3 ]; then cmd="$BIN"; name="dashboard, no run"; settle=6; window=30; limit=0
      else cmd="$BIN demo"; name="demo (sweep every 15 s, step-mode run waiting)"; settle=20; window=60; limit=$((HZ * 60 / 100)); fi
      tmux new-session -d -s "$SESSION" -x 120 -y 40 "exec env TROTTER_HOME=$home LANG=C.UTF-8 $cmd"
      sleep "$settle"
      pid=$(pane_pid)
      [ -n "$pid" ] || { echo "FAIL $name: trotter did not start"; missed=1; tmux kill-session -t "$SESSION"; continue; }
      measure "$name" "$pid" "$window" "$limit"
      tmux kill-session -t "$SESSION" 2>/dev/null
      ;;
  esac
done
exit $missed
