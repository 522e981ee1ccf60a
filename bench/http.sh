#!/usr/bin/env bash
# GET /api/v1/sras/{id} at 64 connections with wrk on loopback, beside the ceiling measured in
# the same run (bench/http_ceiling: the same HTTP library answering a fixed body of the same size).
# Last line: http: srm_rps=... ceiling_rps=... ratio=... p99_ms=...
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
SRM_PORT=${SRM_PORT:-18181}
CEIL_PORT=${CEIL_PORT:-18182}
DATA=$(mktemp -d)
cleanup() { kill "${SRM_PID:-}" "${CEIL_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

wait_up() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "server on $1 did not start" >&2; exit 1; }

"$BUILD/srm" serve --demo --port "$SRM_PORT" --data "$DATA" >"$DATA/srm.log" 2>&1 &
SRM_PID=$!
wait_up "$SRM_PORT" /healthz
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$SRM_PORT/api/v1/auth/login" -d '{"username":"sp","password":"demo"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
SRA=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SRM_PORT/api/v1/sras?status=published" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
BYTES=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SRM_PORT/api/v1/sras/$SRA" | wc -c)

"$BUILD/bench/http_ceiling" "$CEIL_PORT" "$BYTES" >/dev/null 2>&1 &
CEIL_PID=$!
wait_up "$CEIL_PORT" "/api/v1/sras/$SRA"

run() { wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/api/v1/sras/$SRA"; }
echo "== ceiling: http_ceiling, fixed $BYTES-byte body"
CEIL_OUT=$(run "$CEIL_PORT"); echo "$CEIL_OUT"
echo "== srm: GET /api/v1/sras/$SRA ($BYTES bytes; bearer auth, session + user + SRA reads, access log)"
SRM_OUT=$(run "$SRM_PORT"); echo "$SRM_OUT"

rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99_ms() { echo "$1" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}'; }
errors() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}'; }
if [ -n "$(errors "$SRM_OUT")" ]; then echo "srm answered errors: $(errors "$SRM_OUT")" >&2; fi
S=$(rps "$SRM_OUT"); C=$(rps "$CEIL_OUT")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "http: srm_rps=$S ceiling_rps=$C ratio=$(python3 -c "print(f'{$S/$C:.2f}')") p99_ms=$(p99_ms "$SRM_OUT")"
