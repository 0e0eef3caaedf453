#!/usr/bin/env bash
# The update latency of remote dashboards: a `trotter serve` on a fresh home, N dashboards following it
# (`trotter bench-dashboards`, each its own connection as a separate `trotter` would have) while an operator
# starts runs; prints p50/p99/max from the start of the operator's request to each dashboard's snapshot listing
# the run. Builds nothing: run `swift build -c release` first.
#   TROTTER_BIN  the binary (default .build/release/trotter)
#   DASHBOARDS   how many dashboards (default 20);  CHANGES  how many runs (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${TROTTER_BIN:-.build/release/trotter}")"
[ -x "$BIN" ] || { echo "team-bench: $BIN not found; run swift build -c release first" >&2; exit 1; }
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export TROTTER_HOME="$WORK/server-home"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
OPS=$("$BIN" tokens create --name bench --role operator)
"$BIN" serve --listen "127.0.0.1:$PORT" --sweep-interval 0 > "$WORK/serve.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.1
done
TROTTER_HOME="$WORK/client-home" TROTTER_MANAGER_URL="http://127.0.0.1:$PORT" TROTTER_TOKEN="$OPS" \
  "$BIN" bench-dashboards --dashboards "${DASHBOARDS:-20}" --changes "${CHANGES:-30}"
