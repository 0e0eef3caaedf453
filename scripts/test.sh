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
# `swift test --skip-build ARGS`, the whole log kept in LOG, its last LINES lines shown without per-test chatter.
swift_tests() { # LOG LINES ARGS...
  local log="$1" lines="$2"; shift 2
  swift test --skip-build "$@" 2>&1 | tee "$log" | grep -vE "^(Test Case|\[|􀟈|◇|↳)" | tail -n "$lines"
}
# Suites whose assertions are latencies (a change on the stream within a second) run by themselves after the
# parallel pass: inside it, two cores shared with the other suites put 0.3-1.5 s on the same path that takes 0.13 s
# alone (measured), so the figure would say how loaded the test process was, not how fast the stream is.
quiet_suites="TeamLiveStreamTests"
swift_tests .test-log.txt 60 --skip "$quiet_suites"
swift_tests .test-log-quiet.txt 12 --filter "$quiet_suites"
# The suites that use the store, again on PostgreSQL: a throwaway cluster (initdb + pg_ctl in a temporary folder),
# a fresh database per test. The same manager, engine and server code, on the store a team's servers share.
pgdir="$(mktemp -d /tmp/trotter-pg-XXXXXX)"
trap 'scripts/pg-cluster.sh stop "$pgdir" > /dev/null 2>&1 || rm -rf "$pgdir"' EXIT
pgurl="$(scripts/pg-cluster.sh start "$pgdir")"
store_suites="PostgresStoreTests|CrashRecoveryTests|DiskForecastTests|DriverFailureTests|EngineTests|EventBridgeTests|HandedAttemptTests"
store_suites+="|ForecastLimitsTests|ForecastSweepTests|HTTPExecutorTests|HistoryThinningTests|ImportIntegrationTests"
store_suites+="|LambdaCallbackTests|LambdaJobTests|ManagerIntegrationTests|MotoTests|NotifierTests|RecordSweepTests"
store_suites+="|RunListingTests|SweepRestartTests|TeamAPITests|TeamImportTests|TeamLiveStreamTests|TeamMetricsTests|TeamReportTests"
store_suites+="|TeamResultsTests|TeamStreamTests|TeamTLSTests|WebhookSecretTests"
TROTTER_TEST_DATABASE_URL="$pgurl" swift_tests .test-log-postgres.txt 30 --filter "$store_suites" --skip "$quiet_suites"
TROTTER_TEST_DATABASE_URL="$pgurl" swift_tests .test-log-postgres-quiet.txt 12 --filter "$quiet_suites"
# The real terminal end to end, in tmux: on the fixed preview data, then on `trotter demo`.
./scripts/e2e.sh
TROTTER_E2E_ARGS=demo ./scripts/e2e.sh
# Team mode with real processes: `trotter serve` and the CLI as its client (tokens, 401/403, approval, restart).
./scripts/team-e2e.sh
# Several servers on one PostgreSQL: shared projects and runs, shared sweeps, SIGKILL and SIGSTOP takeovers.
./scripts/team-postgres-e2e.sh
