#!/usr/bin/env bash
# Starts the dashboard on a local emulated Atlas organisation (no account, no network).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift build -c release --product trotter
export LANG="${LANG:-C.UTF-8}"
exec .build/release/trotter demo "$@"
