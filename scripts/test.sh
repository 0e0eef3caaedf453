#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs every Swift test, then drives the real binary in tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The module rules (README, "How it is built"): the rules catch broken inputs, then the package keeps them.
python3 scripts/check-architecture.py --self-test
python3 scripts/check-architecture.py
swift build --build-tests 2>&1 | tee .build-log.txt | grep -E "error|warning: .*Sources/|warning: .*Tests/|Compiling|Build" | grep -v "^\[" || true
if grep -E "^/.*(Sources|Tests)/.*warning:" .build-log.txt; then
  echo "test: the build has warnings in our own code (above); fix them" >&2
  exit 1
fi
swift test --skip-build 2>&1 | tee .test-log.txt | grep -vE "^(Test Case|\[|􀟈|◇|↳)" | tail -n 60
# The real terminal end to end, in tmux: on the fixed preview data, then on `trotter demo`.
./scripts/e2e.sh
TROTTER_E2E_ARGS=demo ./scripts/e2e.sh
# Team mode with real processes: `trotter serve` and the CLI as its client (tokens, 401/403, approval, restart).
./scripts/team-e2e.sh
