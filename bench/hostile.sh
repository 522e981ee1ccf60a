#!/usr/bin/env bash
# Figures for hostile clients (issue 11), printed, never asserted (tests/ops/hostile_clients.sh
# asserts the outcomes):
#
#   - the server's peak RSS (VmHWM) under 60 and under 90 parallel logins (the demo users in turn,
#     each login an argon2id verification of 64 MiB behind the bounded password queue), each on a
#     freshly started server, with how many were answered 200, 503 busy, 429 or otherwise;
#   - how long `srm audit verify` takes to report a truncation of an audit chain of ~10,000 entries
#     written through the API (each append with its signed checkpoint), the last 3 entries deleted
#     by an attacker who dropped the triggers.
#
#   bench/hostile.sh                 BUILD_DIR (default build) holds srm; never builds
#   ENTRIES=20000 bench/hostile.sh   a longer chain
#
# SQLite in a temporary directory, loopback only. Last line:
#   hostile: login60_peak_rss_mb=... login90_peak_rss_mb=... verify_ms=... (and the counts)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
SRM=$BUILD/srm
ENTRIES=${ENTRIES:-10000}
[ -x "$SRM" ] || { echo "no $SRM: build it first (scripts/build.sh)" >&2; exit 1; }
T=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$T"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "nothing answers on $1" >&2; exit 1; }
kib() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
start() {  # data directory
  PORT=$(free_port)
  "$SRM" serve --demo --port "$PORT" --data "$1" >>"$T/serve.log" 2>&1 &
  PID=$!
  wait_up "$PORT"
}
stop() { kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

# N parallel logins, all released at once; prints "200=.. 503=.. 429=.. other=..".
logins() {
  python3 - "$PORT" "$1" <<'EOF'
import http.client, json, sys, threading
port, n = int(sys.argv[1]), int(sys.argv[2])
users = ["sp", "cell", "smt", "dss", "hq", "exec", "finance", "auditor", "admin"]
counts = {"200": 0, "503": 0, "429": 0, "other": 0}
lock = threading.Lock()
gate = threading.Barrier(n)
def login(i):
    gate.wait()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        c.request("POST", "/api/v1/auth/login", body=json.dumps({"username": users[i % len(users)], "password": "demo"}),
                  headers={"Content-Type": "application/json"})
        status = str(c.getresponse().status)
    except Exception:
        status = "other"
    with lock:
        counts[status if status in counts else "other"] += 1
ts = [threading.Thread(target=login, args=(i,)) for i in range(n)]
for t in ts: t.start()
for t in ts: t.join()
print(" ".join("%s=%d" % kv for kv in counts.items()))
EOF
}

declare -A RSS COUNTS BASE
for n in 60 90; do
  start "$T/login$n"
  BASE[$n]=$(kib "$PID" VmRSS)
  COUNTS[$n]=$(logins "$n")
  RSS[$n]=$(kib "$PID" VmHWM)
  stop
  echo "$n parallel logins: ${COUNTS[$n]}; RSS at start $((BASE[$n] / 1024)) MiB, peak $((RSS[$n] / 1024)) MiB"
done

# --- an audit chain of ~ENTRIES entries through the API, then truncated ---
start "$T/audit"
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/api/v1/auth/login" \
  -d '{"username":"sp","password":"demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
HAVE=$(sqlite3 "$T/audit/srm.db" 'SELECT max(seq) FROM audit_log')
WRITE_START=$(date +%s%N)
python3 - "$PORT" "$TOKEN" $((ENTRIES - HAVE)) <<'EOF'
import http.client, json, sys, threading
port, token, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
left = [n]
lock = threading.Lock()
def writer():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while True:
        with lock:
            if left[0] <= 0: return
            left[0] -= 1
            i = left[0]
        c.request("POST", "/api/v1/sras", body=json.dumps({"area_id": "area_2", "title": "chain %d" % i}),
                  headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = c.getresponse(); r.read()
        if r.status != 201:
            with lock: left[0] += 1
ts = [threading.Thread(target=writer) for _ in range(8)]
for t in ts: t.start()
for t in ts: t.join()
EOF
WRITE_MS=$(( ($(date +%s%N) - WRITE_START) / 1000000 ))
stop
CHAIN=$(sqlite3 "$T/audit/srm.db" 'SELECT max(seq) FROM audit_log')
CHECKPOINT_LINES=$(cat "$T"/audit-audit/checkpoints*.log | wc -l)
echo "audit chain: $CHAIN entries written in $WRITE_MS ms, $CHECKPOINT_LINES signed checkpoints"
for trg in $(sqlite3 "$T/audit/srm.db" "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"); do
  sqlite3 "$T/audit/srm.db" "DROP TRIGGER $trg"
done
sqlite3 "$T/audit/srm.db" "DELETE FROM audit_log WHERE seq > $((CHAIN - 3))"
VERIFY_START=$(date +%s%N)
set +e
"$SRM" audit verify --data "$T/audit" >"$T/verify.out" 2>&1
VERIFY_RC=$?
set -e
VERIFY_MS=$(( ($(date +%s%N) - VERIFY_START) / 1000000 ))
grep -m1 -E 'BROKEN|intact' "$T/verify.out" || true
DETECTED=no
[ $VERIFY_RC -ne 0 ] && grep -q truncated "$T/verify.out" && DETECTED=yes
echo "srm audit verify: exit $VERIFY_RC after $VERIFY_MS ms (truncation detected: $DETECTED)"

echo "hostile: login60_peak_rss_mb=$((RSS[60] / 1024)) login90_peak_rss_mb=$((RSS[90] / 1024)) verify_ms=$VERIFY_MS" \
     "login60=[${COUNTS[60]}] login90=[${COUNTS[90]}] chain_entries=$CHAIN truncation_detected=$DETECTED"
