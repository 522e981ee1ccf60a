#!/usr/bin/env bash
# bench/clearance: security clearance decisions, in process and over HTTP, in one run.
#   1. build/bench/clearance_bench: 100,000 requests over 5,000 areas on the real SQLite store and
#      services (decisions per second, p99, and the re-evaluation after an SRA change);
#   2. over HTTP: wrk posting POST /api/v1/clearances/preview (a two-leg itinerary, decided in full
#      and not recorded) to `srm serve --demo` at 16 connections (CONNS). On two cores shared by wrk
#      and the server, 64 connections leave ~60 runnable threads per core pair and the p99 then
#      measures the scheduler (hundreds of ms to seconds, for wrk's own threads too), not the server.
# Last line: clearance: decisions_per_s=... p99_us=... reevaluate_ms=...   (the in-process figures)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-16}
DATA=$(mktemp -d)
cleanup() { kill "${SRM_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "== in process"
IN=$("$BUILD/bench/clearance_bench" "$@")
echo "$IN"

echo "== over HTTP: POST /api/v1/clearances/preview"
PORT=$(free_port)
"$BUILD/srm" serve --demo --port "$PORT" --data "$DATA" >"$DATA/srm.log" 2>&1 &
SRM_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/api/v1/auth/login" -d '{"username":"finance","password":"demo"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
FROM=$(date -u -d '+3 days' +%F); MID=$(date -u -d '+6 days' +%F); TO=$(date -u -d '+9 days' +%F)
BODY="{\"programme_id\":\"prg_1\",\"purpose\":\"bench\",\"legs\":[{\"area_id\":\"area_1\",\"from\":\"$FROM\",\"to\":\"$MID\"},{\"area_id\":\"area_5\",\"from\":\"$MID\",\"to\":\"$TO\"}]}"
# One request by hand first: the bench measures decisions, not refusals.
code=$(curl -s -o "$DATA/one.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/api/v1/clearances/preview" -d "$BODY")
[ "$code" = 200 ] || { echo "preview answered $code: $(cat "$DATA/one.json")" >&2; exit 1; }
cat >"$DATA/post.lua" <<LUA
wrk.method = "POST"
wrk.body = [[$BODY]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
OUT=$(wrk -t2 -c"$CONNS" -d"$DURATION" --timeout 30s --latency -s "$DATA/post.lua" "http://127.0.0.1:$PORT/api/v1/clearances/preview")
echo "$OUT"
if echo "$OUT" | grep -qE 'Non-2xx|Socket errors'; then echo "the server answered errors" >&2; exit 1; fi
rps=$(echo "$OUT" | awk '/Requests\/sec/ {printf "%.0f", $2}')
p99=$(echo "$OUT" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}')
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "clearance_http: requests_per_s=$rps legs_per_s=$((rps * 2)) p99_ms=$p99 connections=$CONNS"
echo "$IN" | tail -1
