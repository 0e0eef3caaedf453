#!/usr/bin/env bash
# Several `trotter serve` on one PostgreSQL, end to end with real processes: a throwaway cluster
# (scripts/pg-cluster.sh), the Atlas emulator, three servers sharing the database and one master key, and the CLI
# as two operators' clients of different servers. Checks: tokens on --database, one server's import seen by
# another, a step-mode run started on one server and approved on another, a sweep's and a machine's jobs shared out, SIGKILL of
# the server driving a sweep (taken over within two leases, nothing finished started again), a SIGSTOPped server
# writing nothing after its lease, one scheduled sweep per interval for the team, a change reaching another
# server's event stream. Prints one line per check and "N passed, N failed".
#   TROTTER_BIN  the binary (default .build/debug/trotter)
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${TROTTER_BIN:-.build/debug/trotter}")"
[ -x "$BIN" ] || { echo "team-postgres-e2e: $BIN not found; run swift build first" >&2; exit 1; }
WORK="$(mktemp -d /tmp/trotter-pg-e2e-XXXXXX)"
PGDIR="$(mktemp -d /tmp/trotter-pg-XXXXXX)"   # its own folder: the postgres user must be able to enter it
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done   # whatever did not stop on SIGTERM
  wait 2>/dev/null
  scripts/pg-cluster.sh stop "$PGDIR" > /dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
passed=0 failed=0
check() { # NAME CONDITION...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

DB="$(scripts/pg-cluster.sh start "$PGDIR")" || { echo "team-postgres-e2e: PostgreSQL did not start" >&2; exit 1; }
LEASE=1
"$BIN" sandbox --projects 12 --clusters 2 --collections 4 --latency-ms 300 --credentials-file "$WORK/org.json" > "$WORK/sandbox.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do [ -s "$WORK/org.json" ] && grep -q "http" "$WORK/sandbox.out" && break; sleep 0.1; done
ATLAS=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/sandbox.out" | head -1)
ORG_PUB=$(json 'd["publicKey"]' < "$WORK/org.json")
ORG_KEY=$(json 'd["privateKey"]' < "$WORK/org.json")

OPS=$(TROTTER_HOME="$WORK/admin" "$BIN" tokens create --name ops-lead --role operator --database "$DB" 2>/dev/null)
NIGHT=$(TROTTER_HOME="$WORK/admin" "$BIN" tokens create --name night-ops --role operator --database "$DB" 2>/dev/null)
VIEW=$(TROTTER_HOME="$WORK/admin" "$BIN" tokens create --name viewer --role viewer --database "$DB" 2>/dev/null)
check "tokens are created on the shared database" test "${OPS:0:4}" = "trt_" -a "${VIEW:0:4}" = "trt_"
TROTTER_HOME="$WORK/admin" "$BIN" tokens list --database "${DB/trotter:/trotter:wrong}" > "$WORK/badpw.out" 2>&1; rc=$?
check "a wrong database password is said so, exit 1, the password nowhere" \
  bash -c "test $rc = 1 && grep -q 'refused the credentials' '$WORK/badpw.out' && ! grep -q wrong '$WORK/badpw.out'"

# Server N listens on PORT[N] with its own home; all share the database and the master key.
declare -A PORT SERVER
start_server() { # N [extra serve args]
  local n="$1"; shift
  [ -n "${PORT[$n]:-}" ] || PORT[$n]=$(free_port)
  TROTTER_HOME="$WORK/server$n" ATLAS_BASE_URL="$ATLAS" "$BIN" serve --listen "127.0.0.1:${PORT[$n]}" --database "$DB" \
    --master-key "$WORK/master.key" --lease "${LEASE}s" "$@" > "$WORK/server$n.out" 2>&1 &
  SERVER[$n]=$!
  PIDS+=(${SERVER[$n]})
  for _ in $(seq 1 150); do
    python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "http://127.0.0.1:${PORT[$n]}/healthz" 2> /dev/null && return 0
    sleep 0.1
  done
  echo "team-postgres-e2e: server $n did not start: $(cat "$WORK/server$n.out")" >&2; return 1
}
# A client of server N with a token.
on() { local n="$1" token="$2"; shift 2; TROTTER_HOME="$WORK/client$n" TROTTER_MANAGER_URL="http://127.0.0.1:${PORT[$n]}" TROTTER_TOKEN="$token" "$BIN" "$@"; }
psql_q() { PGPASSWORD="$(cat "$PGDIR/password")" psql -h 127.0.0.1 -p "$(cat "$PGDIR/port")" -U trotter -d trotter -Atqc "$1"; }

# Three projects at once per server: a sweep of the 12 on three servers then comes in waves, so the SIGKILL below
# lands mid-sweep (with 16 at once all 12 end within the same few milliseconds).
# Two users' jobs at once per server: a run's six parallel jobs then must spread over the servers.
start_server 1 --sweep-interval 0 --parallel-projects 3 --parallel-jobs 2 || exit 1
start_server 2 --sweep-interval 0 --parallel-projects 3 --parallel-jobs 2 || exit 1
start_server 3 --sweep-interval 0 --parallel-projects 3 --parallel-jobs 2 || exit 1

echo "$ORG_KEY" | on 1 "$OPS" projects import --public-key "$ORG_PUB" > "$WORK/import.out" 2>&1; rc=$?
check "an import through server 1 onboards the 12 projects" bash -c "test $rc = 0 && grep -q '^12 onboarded' '$WORK/import.out'"
on 2 "$VIEW" projects list --json > "$WORK/projects2.json" 2>&1
check "server 2 shows the same 12 projects, ready" \
  bash -c "test \"\$(python3 -c 'import json; p=json.load(open(\"$WORK/projects2.json\")); print(sum(x[\"state\"]==\"ready\" for x in p))')\" = 12"
check "server 3 reads their namespaces (sealed keys open with the shared master key)" \
  bash -c "test \"\$(TROTTER_HOME='$WORK/client3' TROTTER_MANAGER_URL='http://127.0.0.1:${PORT[3]}' TROTTER_TOKEN='$VIEW' '$BIN' namespaces --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')\" = 96"
# A fourth server given its own master key (another host, the key file not copied) is refused at its start.
TROTTER_HOME="$WORK/stranger" ATLAS_BASE_URL="$ATLAS" timeout 60 "$BIN" serve --listen "127.0.0.1:$(free_port)" --database "$DB" \
  --master-key "$WORK/stranger/master.key" > "$WORK/stranger.out" 2>&1; rc=$?
check "a server with another master key exits 1 naming the file and --master-key (rc $rc)" \
  bash -c "test $rc = 1 && grep -q 'stranger/master.key is not the one that sealed' '$WORK/stranger.out' && grep -q -- '--master-key' '$WORK/stranger.out'"

# Two operators, two servers: one starts a step-mode run, the other sees it waiting and approves it.
cat > "$WORK/step.json" <<'JSON'
{"name": "handover", "phases": [{"name": "first", "jobs": [{"name": "a", "run": {"command": ["sh", "-c", "echo one"]}}]},
  {"name": "second", "jobs": [{"name": "b", "run": {"command": ["sh", "-c", "echo two"]}}]}]}
JSON
on 1 "$OPS" machines run --step "$WORK/step.json" > "$WORK/step.out" 2>&1 &
STEP_PID=$!
# Step mode waits before each phase: the second operator approves each wait seen through server 2.
run_id="" approvals=0
for _ in $(seq 1 200); do
  waiting=$(on 2 "$NIGHT" runs list --json | json 'next((r["id"] for r in d if r["machine"]=="handover" and r["status"]=="awaitingApproval"), "")')
  if [ -n "$waiting" ]; then
    run_id="$waiting"
    on 2 "$NIGHT" runs approve "$run_id" > /dev/null 2>&1 && approvals=$((approvals + 1))
  fi
  kill -0 "$STEP_PID" 2>/dev/null || break
  sleep 0.1
done
wait "$STEP_PID"; rc=$?
check "a step-mode run started on server 1 waits, is approved on server 2 ($approvals approvals), and succeeds" \
  bash -c "test -n '$run_id' && test $rc = 0 && test $approvals = 2"
check "the audit, read on server 3, names night-ops for the approval" \
  bash -c "TROTTER_HOME='$WORK/client3' TROTTER_MANAGER_URL='http://127.0.0.1:${PORT[3]}' TROTTER_TOKEN='$VIEW' '$BIN' audit | grep night-ops | grep -q runs.approve"
named=$(on 3 "$VIEW" runs export "$run_id" 2>/dev/null | grep -c '"approved by night-ops"' || true)
check "the run's log, exported through server 3, names night-ops in both approvals ($named)" test "$named" = 2

# A change made through server 1 reaches a client of server 2's event stream within a second.
latency=$(python3 - "http://127.0.0.1:${PORT[2]}" "$VIEW" "$BIN" "$WORK" "http://127.0.0.1:${PORT[1]}" "$OPS" <<'PY'
import json, os, subprocess, sys, threading, time, urllib.request
base2, view, binary, work, base1, ops = sys.argv[1:]
def stream(out):
    req = urllib.request.Request(base2 + "/v1/events", headers={"Authorization": "Bearer " + view})
    with urllib.request.urlopen(req, timeout=30) as r:
        for line in r:
            if line.startswith(b"id:"):
                out.append(time.monotonic())
def runs():
    req = urllib.request.Request(base2 + "/v1/runs", headers={"Authorization": "Bearer " + view})
    return len(json.load(urllib.request.urlopen(req, timeout=10)))
seen = []
threading.Thread(target=stream, args=(seen,), daemon=True).start()
time.sleep(1.5)
before, n = runs(), len(seen)
env = dict(os.environ, TROTTER_HOME=work + "/client1", TROTTER_MANAGER_URL=base1, TROTTER_TOKEN=ops)
start = time.monotonic()   # from the moment the client starts: its own start-up and POST are counted too
child = subprocess.Popen([binary, "machines", "run", "--step", work + "/step.json"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
arrived = None
while arrived is None and time.monotonic() - start < 5:
    if len(seen) > n:
        n = len(seen)
        if runs() > before: arrived = seen[n - 1]   # the event that announced the new run on server 2
    time.sleep(0.005)
child.kill()
print("%.3f" % (arrived - start) if arrived else "none")
PY
)
check "a run started through server 1 reaches server 2's event stream in under 1 s ($latency s, client start-up included)" \
  python3 -c "import sys; sys.exit(0 if '$latency' != 'none' and float('$latency') < 1.0 else 1)"

# Users' jobs are the team's too: a machine's six parallel jobs, started through server 1, each claimed from the
# queue by one server (two at a time each), and run where they were claimed ($PPID in the job is that server).
python3 - "$WORK/fan.json" <<'PY'
import json, sys
jobs = [{"name": "j%d" % i, "run": {"command": ["sh", "-c", "sleep 1; echo ran by $PPID"]}} for i in range(1, 7)]
json.dump({"name": "fan-out", "phases": [{"name": "spread", "jobs": jobs}]}, open(sys.argv[1], "w"))
PY
on 1 "$OPS" machines run "$WORK/fan.json" > "$WORK/fan.out" 2>&1; rc=$?
fan=$(on 1 "$VIEW" runs list --json | json 'next(r["id"] for r in d if r["machine"]=="fan-out")')
once=$(psql_q "SELECT count(*) FROM coordination_jobs WHERE run_id = '$fan' AND state = 'done' AND attempts = 1")
servers=$(psql_q "SELECT count(DISTINCT finished_by) FROM coordination_jobs WHERE run_id = '$fan'")
ran_by=$(psql_q "SELECT count(DISTINCT detail) FROM statuses WHERE run_id = '$fan' AND kind = 'jobSucceeded' AND detail LIKE 'ran by %'")
check "a machine's six parallel jobs succeed, each claimed once ($once), spread over $servers servers" \
  bash -c "test $rc = 0 -a '$once' = 6 -a '$servers' -ge 2"
check "each job ran on the server that claimed it ($ran_by distinct server pids in the outcomes)" test "$ran_by" = "$servers" -a "$ran_by" -ge 2

# A sweep through server 2: its 12 jobs are claimed by the servers (one claim each), every project collected.
on 2 "$OPS" sweep > "$WORK/sweep1.out" 2>&1; rc=$?
sweep1=$(on 2 "$VIEW" runs list --json | json 'next(r["id"] for r in d if r["machine"]=="sweep")')
check "a sweep through server 2 collects all 12 projects" bash -c "test $rc = 0 && grep -q '12 of 12 projects collected' '$WORK/sweep1.out'"
check "each of its 12 jobs was claimed once and finished once" \
  test "$(psql_q "SELECT count(*) FILTER (WHERE state = 'done' AND attempts = 1) FROM coordination_jobs WHERE run_id = '$sweep1'")" = 12

# SIGKILL of the server driving a sweep: the others take the run and its claimed jobs over.
on 3 "$OPS" sweep > "$WORK/sweep2.out" 2>&1 &
for _ in $(seq 1 100); do
  sweep2=$(on 1 "$VIEW" runs list --json | json 'next((r["id"] for r in d if r["machine"]=="sweep" and r["status"]=="running"), "")')
  [ -n "$sweep2" ] && break; sleep 0.05
done
# Mid-sweep: some projects collected, not all.
for _ in $(seq 1 200); do
  [ "$(psql_q "SELECT count(*) FROM coordination_jobs WHERE run_id = '$sweep2' AND state = 'done'")" -ge 2 ] && break
  sleep 0.02
done
done_before=$(psql_q "SELECT string_agg(job_key, ',' ORDER BY job_key) FROM coordination_jobs WHERE run_id = '$sweep2' AND state = 'done'")
kill -9 "${SERVER[3]}"; killed_at=$(date +%s.%N)
taken=""
for _ in $(seq 1 100); do
  owner=$(psql_q "SELECT owner_token IS NOT NULL AND owner_pid <> ${SERVER[3]} FROM runs WHERE id = '$sweep2'")
  [ "$owner" = t ] && { taken=$(python3 -c "import time; print('%.2f' % (time.time() - $killed_at))"); break; }
  sleep 0.05
done
check "the killed server's sweep is taken over within two leases (${taken:-never} s, lease ${LEASE} s)" \
  python3 -c "import sys; sys.exit(0 if '$taken' and float('$taken') <= 2 * $LEASE + 0.5 else 1)"
for _ in $(seq 1 200); do
  st=$(on 1 "$VIEW" runs list --json | json "next(r['status'] for r in d if r['id']=='$sweep2')")
  [ "$st" = succeeded ] && break; sleep 0.1
done
check "the taken-over sweep succeeds" test "$st" = succeeded
redone=$(psql_q "SELECT count(*) FROM coordination_jobs WHERE run_id = '$sweep2' AND attempts > 1 AND job_key = ANY(string_to_array('$done_before', ','))")
done_count=$(echo "$done_before" | tr ',' '\n' | grep -c .)
check "nothing finished before the kill ran again ($done_count of 12 were done at the kill)" \
  bash -c "test '$redone' = 0 -a $done_count -ge 1 -a $done_count -lt 12"
check "every project of the taken-over sweep was collected" \
  test "$(psql_q "SELECT count(*) FROM coordination_jobs WHERE run_id = '$sweep2' AND state = 'done'")" = 12

# SIGSTOP: the server running a job, paused past its lease, loses the job's claim (and its run, when it drove
# it) and writes nothing when it wakes; the server that claimed the job next runs it and its outcome stands.
cat > "$WORK/slow.json" <<'JSON'
{"name": "paused", "phases": [{"name": "only", "jobs": [{"name": "slow", "run": {"command": ["sh", "-c", "sleep 3; echo ran by $PPID"]}}]}]}
JSON
on 1 "$OPS" machines run "$WORK/slow.json" > "$WORK/paused.out" 2>&1 &
paused="" claimer=""
for _ in $(seq 1 100); do
  paused=$(on 2 "$VIEW" runs list --json | json 'next((r["id"] for r in d if r["machine"]=="paused" and r["status"]=="running"), "")')
  [ -n "$paused" ] && claimer=$(psql_q "SELECT claimed_by FROM coordination_jobs WHERE run_id = '$paused' AND job_key = 'slow#1' AND state = 'claimed'")
  [ -n "$claimer" ] && break; sleep 0.05
done
victim="${claimer##*:}" victim_n=""
for n in 1 2; do [ "${SERVER[$n]}" = "$victim" ] && victim_n=$n; done
sleep 0.3
kill -STOP "$victim"
sleep $((LEASE * 2 + 1))
kill -CONT "$victim"
for _ in $(seq 1 100); do
  st=$(on 2 "$VIEW" runs list --json | json "next(r['status'] for r in d if r['id']=='$paused')")
  [ "$st" = succeeded ] && break; sleep 0.1
done
sleep 4   # the paused server's attempt has ended by now: its outcome must not have been written
row=$(psql_q "SELECT attempts || ' ' || state || ' ' || finished_by FROM coordination_jobs WHERE run_id = '$paused' AND job_key = 'slow#1'")
outcome=$(psql_q "SELECT detail FROM statuses WHERE id = '$paused/slow/1/outcome'")
check "the paused server's job (server ${victim_n:-?}) was claimed again by another and succeeded there ($row)" \
  bash -c "test -n '$victim_n' -a '$st' = succeeded && [[ '$row' == '2 done '* ]] && [[ '$row' != *':$victim' ]]"
check "the paused server wrote nothing after waking: the outcome is the other server's ($outcome)" \
  bash -c "[[ '$outcome' == 'ran by '* ]] && [[ '$outcome' != 'ran by $victim' ]]"
grep -q "was claimed by another server meanwhile" "$WORK/server${victim_n:-1}/trotter.log"; rc=$?
check "the woken server says its claim was taken over" test $rc = 0

# One scheduled sweep per interval for the whole team, not one per server.
for n in 1 2; do kill "${SERVER[$n]}" 2>/dev/null; wait "${SERVER[$n]}" 2>/dev/null; done
before=$(psql_q "SELECT count(*) FROM runs WHERE machine = 'sweep'")
for n in 1 2 3; do start_server "$n" --sweep-interval 4 || exit 1; done
sleep 13
after=$(psql_q "SELECT count(*) FROM runs WHERE machine = 'sweep'")
scheduled=$((after - before))
check "three servers with --sweep-interval 4 ran $scheduled sweeps in 13 s (one per interval: 3 or 4, not 9 or more)" \
  bash -c "test $scheduled -ge 3 -a $scheduled -le 4"
check "no private key or token in any server's output or log" \
  bash -c "! grep -rqF -- '$ORG_KEY' '$WORK'/server*.out '$WORK'/server*/trotter.log && ! grep -rqF -- '$OPS' '$WORK'/server*.out '$WORK'/server*/trotter.log"

echo "$passed passed, $failed failed"
test "$failed" = 0
