#!/usr/bin/env bash
# Starts the dashboard on a local emulated Atlas organisation (no account, no network).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# A dependency's harmless "unhandled file" warnings are filtered; a failed build still stops here (pipefail).
swift build -c release --product trotter 2>&1 | { grep -vE "swift-distributed-tracing|CMakeLists.txt|resources or exclude" || true; }
export LANG="${LANG:-C.UTF-8}"
exec .build/release/trotter demo "$@"
