#!/usr/bin/env bash
# End-to-end test of the dashboard: drives the real binary in tmux at a fixed size and checks what is on
# screen. Builds nothing: run `swift build` first. Waits for conditions (polling capture-pane with a
# timeout), never for fixed times. Last line: "N passed, N failed"; exit status 1 on any failure.
#   TROTTER_BIN      the binary (default .build/debug/trotter)
#   TROTTER_E2E_ARGS its arguments (default "dashboard --preview"; the demo: "demo")
set -uo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
BIN="${TROTTER_BIN:-.build/debug/trotter}"
ARGS="${TROTTER_E2E_ARGS:-dashboard --preview}"
# The demo runs a real emulated organisation; the preview runs fixed data with known run IDs.
MODE=preview
case "$ARGS" in demo*) MODE=demo ;; esac
SESSION="trotter-e2e-$$"
HOME_DIR="$(mktemp -d)"
OUT_DIR="${TROTTER_E2E_OUT:-$HOME_DIR/captures}"
mkdir -p "$OUT_DIR"
CREDS="$HOME_DIR/demo-credentials.json"
[ "$MODE" = demo ] && ARGS="$ARGS --credentials-file $CREDS"
passed=0 failed=0

if [ ! -x "$BIN" ]; then echo "e2e: $BIN not found; run swift build first" >&2; echo "0 passed, 1 failed"; exit 1; fi
command -v tmux >/dev/null || { echo "e2e: tmux is not installed" >&2; echo "0 passed, 1 failed"; exit 1; }

cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null; rm -rf "$HOME_DIR"; }
trap cleanup EXIT

capture() { tmux capture-pane -p -t "$SESSION" 2>/dev/null; }
keys() { tmux send-keys -t "$SESSION" "$@"; }
text() { tmux send-keys -t "$SESSION" -l "$1"; }

# wait_for TEXT [SECONDS]: polls the screen until it contains TEXT (fixed string).
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    capture | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  return 1
}
# wait_gone TEXT [SECONDS]: polls until TEXT is no longer on screen.
wait_gone() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    capture | grep -qF -- "$1" || return 0
    sleep 0.1
  done
  return 1
}

# check NAME COMMAND...: runs a check, saves the screen as $OUT_DIR/NAME.txt, counts the result.
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; capture | sed 's/^/     | /' | head -45; fi
  capture > "$OUT_DIR/$name.txt"
}
not_on_screen() { ! capture | grep -qF -- "$1"; }
alt_screen_off() { [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = "0" ]; }
tty_sane() {
  # The marker is computed so the typed command line itself never matches it.
  keys "stty -a | tr ' ' '\n' | grep -xE -- '-?(icanon|echo)' | tr '\n' ' '; echo STTY-\$((40+2))" Enter
  wait_for "STTY-42" 5 || return 1
  local line; line=$(capture | grep -F "STTY-42" | tail -1)
  [[ "$line" == *"icanon echo"* && "$line" != *"-icanon"* && "$line" != *"-echo"* ]]
}

# The TERM tmux itself advertises, so keys like Home arrive as the terminfo entry says.
TERM_IN_TMUX=tmux-256color
infocmp "$TERM_IN_TMUX" >/dev/null 2>&1 || TERM_IN_TMUX=screen-256color

start() {
  tmux kill-session -t "$SESSION" 2>/dev/null
  tmux new-session -d -s "$SESSION" -x 120 -y 40 "env -i PATH=$PATH HOME=$HOME_DIR LANG=C.UTF-8 TERM=$TERM_IN_TMUX bash --norc --noprofile"
  keys "export TROTTER_HOME=$HOME_DIR PS1='$ '; clear" Enter
  keys "$BIN $ARGS; echo EXIT-STATUS=\$?" Enter
}

# 1. Start and see the Namespaces pane.
start
check start-namespaces wait_for "[1 Namespaces]" 30
check header-totals wait_for " proj " 5

# 2. Switch panes with number keys and Tab.
keys 2; check pane-free-space wait_for "Top compact candidates" 5
keys Tab; check pane-runs wait_for "[3 Runs]" 5
keys 4; check pane-projects wait_for "[4 Projects]" 5

# 3. Filter as you type on the Namespaces pane; q is text while filtering.
keys 1 /; text "orders"
check filter-typing wait_for "/orders" 5
check filter-counts bash -c "tmux capture-pane -p -t $SESSION | grep -E '/orders.* [0-9,]+ / [0-9,]+'"
keys Enter; check filter-kept wait_for 'filter "orders"' 5
keys Escape; check filter-cleared wait_gone 'filter "orders"' 5

# 4. Help overlay.
keys '?'; check help-open wait_for "Help: Namespaces" 5
keys Escape; check help-closed wait_gone "Help: Namespaces" 5

# 4b. The organisation import (N): two fields (the private key masked), the projects the key sees, each with a
#     checkbox (all checked); `/` filters, space unchecks one; Enter onboards the rest with per-project progress.
if [ "$MODE" = demo ]; then
  opub_=$(python3 -c "import json;print(json.load(open('$CREDS'))['publicKey'])")
  opriv_=$(python3 -c "import json;print(json.load(open('$CREDS'))['privateKey'])")
  # The demo onboards the first 6 of its 8 projects: the import finds 2 new ones, leaves one out, onboards one.
  keep_=$(python3 -c "import json;print(json.load(open('$CREDS'))['projects'][6]['name'])")
  skip_=$(python3 -c "import json;print(json.load(open('$CREDS'))['projects'][7]['name'])")
else
  opub_=abcdefgh opriv_=0f8fad5b-d9cb-469f-a165-70867728950e keep_=prod-ledger skip_=legacy-billing
fi
keys 4 N; check import-open wait_for "Import an organisation" 5
text "$opub_"; keys Tab; text "$opriv_"
check import-masked wait_for "••••••••••••••••••••••••••••••••••••" 5
check import-secret-hidden not_on_screen "${opriv_:0:8}"
keys Enter; check import-listed wait_for "project(s) found" 30
check import-all-checked not_on_screen "[ ]"
keys /; text "$skip_"; keys Enter Space
check import-unchecked wait_for "[ ] $skip_" 5
keys / Escape; check import-filter-cleared wait_for "$keep_" 5
keys Enter; check import-progress wait_for "onboarded" 60
check import-done wait_for "Done:" 120
keys Enter; check import-closed wait_gone "Import an organisation" 5
check import-in-projects-pane bash -c "tmux capture-pane -p -t $SESSION | grep -F -- '$keep_' | grep -q 'ready'"
check import-skipped-not-onboarded not_on_screen "$skip_"

if [ "$MODE" = preview ]; then
# 5. The form: validation as you type, masked private key, submit opens the onboarding run.
  keys 4 n; check form-open wait_for "New project" 5
  text "6650zz"; check form-validates wait_for "Only hex digits" 5
  keys C-u; text "6650a1b2c3d4e5f6a7b8c9d0"; keys Tab; text "abcdefgh"; keys Tab
  text "0f8fad5b-d9cb-469f-a165-70867728950e"
  check form-masked wait_for "••••••••••••••••••••••••••••••••••••" 5
  check form-secret-hidden not_on_screen "0f8fad5b"
  keys Enter
  check form-submitted-opens-inspector wait_for "onboard-project" 10
  
  # 6. The inspector on a failed run: step back, first, follow, retry with confirmation.
  keys Escape 3 /; text "run-9c2e04"; keys Enter Enter
  check inspector-open wait_for "Run run-9c2e04" 10
  check inspector-last wait_for "event 16/16" 5
  keys Left Left; check inspector-step-back wait_for "event 14/16" 5
  keys Home; check inspector-first wait_for "event 0/16" 5
  # The debugger: timeline, go to, breakpoints on a kind, why a job was skipped.
  keys t; check inspector-timeline wait_for "4 attempts, 3 phases" 5
  keys t; check inspector-timeline-off wait_gone "4 attempts, 3 phases" 5
  keys g; text "5"; check inspector-goto-prompt wait_for "Go to event" 5
  keys Enter; check inspector-goto wait_for "event 5/16" 5
  keys b; text "jobfailed"; keys Enter; check inspector-breakpoint-set wait_for "break: jobFailed" 5
  keys n; check inspector-breakpoint-next wait_for "event 10/16" 5
  keys n; check inspector-breakpoint-next-again wait_for "event 13/16" 5
  keys N; check inspector-breakpoint-prev wait_for "event 10/16" 5
  keys B End Down Down Down w
  check inspector-why-skipped wait_for '"transform succeeded" was false' 5
  keys Escape Up; check inspector-why-closed wait_gone "was false" 5
  keys f; check inspector-follow wait_for "following" 5
  keys r; check inspector-confirm wait_for "Retry job transform? (y/n)" 5
  keys y; check inspector-retried wait_for "succeeded on retry" 10
  RESIZE_MARK="Run run-9c2e04"
else
  # 5. The form on the demo: validation as you type, then the demo organisation's real keys (read from the
  #    credentials file the demo writes): the onboarding run (idempotent on an onboarded project) opens.
  keys 4 n; check form-open wait_for "New project" 5
  text "6650zz"; check form-validates wait_for "Only hex digits" 5
  keys C-u
  pid_=$(python3 -c "import json;print(json.load(open('$CREDS'))['projects'][0]['id'])")
  pub_=$(python3 -c "import json;print(json.load(open('$CREDS'))['publicKey'])")
  priv_=$(python3 -c "import json;print(json.load(open('$CREDS'))['privateKey'])")
  text "$pid_"; keys Tab; text "$pub_"; keys Tab; text "$priv_"
  check form-masked wait_for "••••••••••••••••••••••••••••••••••••" 5
  check form-secret-hidden not_on_screen "${priv_:0:8}"
  keys Enter
  check form-submitted-opens-inspector wait_for "onboard-" 15
  check inspector-run-finished wait_for "runFinished" 30

  # 6. Step through the onboarding run's history, then approve the step-mode sample run.
  keys Home; check inspector-first wait_for "event 0/" 5
  keys Right Right; check inspector-step-forward wait_for "event 2/" 5
  keys Left; check inspector-step-back wait_for "event 1/" 5
  keys t; check inspector-timeline wait_for " attempts, " 5
  keys t g; text "3"; keys Enter; check inspector-goto wait_for "event 3/" 5
  keys f; check inspector-follow wait_for "following" 5
  keys Escape 3 /; text "nightly-etl-step"; keys Enter Enter
  check inspector-step-mode-waits wait_for "awaitingApproval" 10
  keys a; check inspector-approved wait_for "approved" 10
  RESIZE_MARK="nightly-etl-step"
fi

# 7. Resize below 80x24 and back.
tmux resize-window -t "$SESSION" -x 70 -y 20
check too-small wait_for "Terminal size too small" 10
tmux resize-window -t "$SESSION" -x 120 -y 40
check resized-back wait_for "$RESIZE_MARK" 10

# 8. Quit (q closes the inspector, q again quits) and the terminal is restored.
keys q; check inspector-closed wait_for "[3 Runs]" 5
keys q; check quit-exit-status wait_for "EXIT-STATUS=0" 10
check quit-alt-screen-off alt_screen_off
check quit-tty-restored tty_sane

if [ "$MODE" = demo ]; then
  # 8b. Export a finished run and replay it with no manager: --at prints the state, the inspector opens on it.
  keys clear Enter
  # A finished sample pipeline (the demo may have been quit before nightly-etl ended; lambda-pipeline ends first).
  RUN_ID=$(TROTTER_HOME="$HOME_DIR/demo" "$BIN" runs list |
    awk '($2 == "nightly-etl" || $2 == "lambda-pipeline") && ($3 == "succeeded" || $3 == "failed") { print $1; exit }')
  keys "TROTTER_HOME=$HOME_DIR/demo $BIN runs export $RUN_ID > $HOME_DIR/run.jsonl; echo EXPORTED-\$?" Enter
  check export-writes wait_for "EXPORTED-0" 10
  keys "$BIN runs replay $HOME_DIR/run.jsonl --at 3" Enter
  check replay-at wait_for "event 3 of" 10
  keys clear Enter
  keys "$BIN runs replay $HOME_DIR/run.jsonl; echo EXIT-STATUS=\$?" Enter
  check replay-opens-inspector wait_for "Run $RUN_ID" 15
  keys t; check replay-timeline wait_for " attempts, " 5
  keys q q; check replay-quits wait_for "EXIT-STATUS=0" 10
fi

# 9. Ctrl-C quits from the filter input; SIGTERM quits; both restore the terminal.
keys clear Enter
keys "$BIN $ARGS; echo EXIT-STATUS=\$?" Enter
wait_for "[1 Namespaces]" 30
keys / C-c; check ctrl-c-quits wait_for "EXIT-STATUS=0" 10
check ctrl-c-tty-restored tty_sane
keys clear Enter
keys "$BIN $ARGS; echo EXIT-STATUS=\$?" Enter
wait_for "[1 Namespaces]" 30
# The dashboard is the child of the pane's shell: signal exactly that process.
pid=$(pgrep -n -P "$(tmux display -p -t "$SESSION" '#{pane_pid}')" || true)
[ -n "$pid" ] && kill -TERM "$pid"
check sigterm-quits wait_for "EXIT-STATUS=0" 10
check sigterm-alt-screen-off alt_screen_off
LOG="$HOME_DIR/trotter.log"; [ "$MODE" = demo ] && LOG="$HOME_DIR/demo/trotter.log"
check log-written test -s "$LOG"

echo "captures in $OUT_DIR (removed on exit unless TROTTER_E2E_OUT is set)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
