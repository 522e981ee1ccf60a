#!/usr/bin/env bash
# GET /api/v1/sras/{id} with wrk on loopback, against nginx (Debian) serving the same bytes as a
# static file as the ceiling, in the same run: nginx at 64 and 1,000 connections, then srm at 64 and 1,000
# connections, then srm at 64 connections again while 500 slow-header clients hold connections
# (bench/slow_clients.py; they reconnect when dropped). Also srm's idle RSS, its peak RSS (also
# under 16 unauthenticated 60 MB uploads, bench/big_bodies.py), and the time from start to the
# first answered /healthz. Reads the build from BUILD_DIR (default build); never
# builds. Takes about 1.5 minutes with the default DURATION.
# Last line: http: srm_rps=… ceiling_rps=… ratio=… p99_ms=… c1000_p99_ms=… c1000_errors=… slow500_ratio=…
# cpu_us_per_request=… (the server's CPU time per request at 64 connections) ceiling_c1000_p99_ms=… (nginx's
# p99 at 1,000 connections, for scale)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
DURATION=${DURATION:-10s}
SRM_PORT=${SRM_PORT:-18181}
CEIL_PORT=${CEIL_PORT:-18182}
SRM_ARGS=${SRM_ARGS:-}
DATA=$(mktemp -d)
chmod 755 "$DATA"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cleanup() {
  kill "${SLOW_PID:-}" 2>/dev/null || true
  kill "${SRM_PID:-}" 2>/dev/null || true
  [ -f "$DATA/nginx.pid" ] && kill "$(cat "$DATA/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
now_ms() { date +%s%3N; }
rss_kb() { awk -v k="$2" '$1==k":" {print $2}' "/proc/$1/status"; }

# ---- srm: start, time to the first answered /healthz ----
# The first start creates the database and seeds the demo (argon2id hashes for 9 users); the time
# that measures the server is the second start, on that data.
start_srm() {
  START=$(now_ms)
  # shellcheck disable=SC2086
  "$BUILD/srm" serve --demo --port "$SRM_PORT" --data "$DATA/srm" $SRM_ARGS >>"$DATA/srm.log" 2>&1 &
  SRM_PID=$!
  until curl -sf "http://127.0.0.1:$SRM_PORT/healthz" >/dev/null 2>&1; do
    kill -0 "$SRM_PID" 2>/dev/null || { echo "srm did not start:" >&2; cat "$DATA/srm.log" >&2; exit 1; }
    [ $(($(now_ms) - START)) -lt 30000 ] || { echo "srm did not answer /healthz within 30 s" >&2; exit 1; }
    sleep 0.002
  done
  echo $(($(now_ms) - START))
}
start_srm >"$DATA/first_ms"; FIRST_MS=$(cat "$DATA/first_ms")
kill -TERM "$SRM_PID"; wait "$SRM_PID" 2>/dev/null || true
start_srm >"$DATA/start_ms"; HEALTHZ_MS=$(cat "$DATA/start_ms")
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$SRM_PORT/api/v1/auth/login" \
          -d '{"username":"sp","password":"demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
SRA=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SRM_PORT/api/v1/sras?status=published" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
URL_PATH="/api/v1/sras/$SRA"
mkdir -p "$DATA/www/api/v1/sras"
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SRM_PORT$URL_PATH" >"$DATA/www$URL_PATH"
BYTES=$(wc -c <"$DATA/www$URL_PATH")
sleep 1
IDLE_RSS_KB=$(rss_kb "$SRM_PID" VmRSS)

# ---- the ceiling: nginx with a pinned configuration, serving the same bytes as a file ----
cat >"$DATA/nginx.conf" <<EOF
user root;
worker_processes 2;
daemon on;
pid $DATA/nginx.pid;
error_log $DATA/nginx.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_timeout 65;
  keepalive_requests 100000;
  sendfile on;
  tcp_nopush on;
  default_type application/json;
  client_body_temp_path $DATA/nginx-tmp;
  proxy_temp_path $DATA/nginx-tmp;
  fastcgi_temp_path $DATA/nginx-tmp;
  uwsgi_temp_path $DATA/nginx-tmp;
  scgi_temp_path $DATA/nginx-tmp;
  server {
    listen 127.0.0.1:$CEIL_PORT;
    root $DATA/www;
  }
}
EOF
mkdir -p "$DATA/nginx-tmp"
nginx -c "$DATA/nginx.conf" -e "$DATA/nginx.err"
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$CEIL_PORT$URL_PATH" >/dev/null 2>&1 && break; sleep 0.05; done
[ "$(curl -sf "http://127.0.0.1:$CEIL_PORT$URL_PATH" | wc -c)" = "$BYTES" ] || { echo "nginx does not serve the bytes" >&2; exit 1; }

run() {  # port connections
  wrk -t2 -c"$2" -d"$DURATION" --timeout 10s --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1$URL_PATH"
}
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99_ms() { echo "$1" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}'; }
errors() {  # socket errors + non-2xx answers
  echo "$1" | awk '/Socket errors/ {gsub(/,/,""); n+=$4+$6+$8+$10} /Non-2xx or 3xx/ {n+=$NF} END {print n+0}'
}

echo "== ceiling: nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), the same $BYTES bytes as a static file, 64 connections"
CEIL_OUT=$(run "$CEIL_PORT" 64); echo "$CEIL_OUT"
# nginx at 1,000 connections too: with every connection kept busy the mean wait is the connections
# over the rate, so the ceiling's own tail there says what a 1,000-connection p99 can be on these cores.
echo "== ceiling: nginx, 1000 connections"
CEIL_C1000_OUT=$(run "$CEIL_PORT" 1000); echo "$CEIL_C1000_OUT"
echo "== srm: GET $URL_PATH ($BYTES bytes; bearer auth, session + user + SRA reads, access log), 64 connections"
# The server's CPU time per answered request over that run (user + system, all its threads,
# including the access log's batch writer, whose last batch is waited for): less disturbed by
# other programs on the machine than the request rate, and what a feature's cost shows in.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SRM_PID/stat"; }
TICKS0=$(cpu_ticks)
SRM_OUT=$(run "$SRM_PORT" 64); echo "$SRM_OUT"
sleep 1
CPU_US=$(python3 -c "print(f'{($(cpu_ticks) - $TICKS0) * 1e6 / $(getconf CLK_TCK) / $(echo "$SRM_OUT" | awk '/requests in/ {print $1}'):.1f}')")
echo "== srm: 1000 connections"
C1000_OUT=$(run "$SRM_PORT" 1000); echo "$C1000_OUT"
echo "== srm: 64 connections while 500 slow-header clients hold connections"
python3 bench/slow_clients.py 127.0.0.1 "$SRM_PORT" 500 1 &
SLOW_PID=$!
sleep 2
SLOW_OUT=$(run "$SRM_PORT" 64); echo "$SLOW_OUT"
HEALTH_UNDER_SLOW=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SRM_PORT/healthz")
kill "$SLOW_PID"; wait "$SLOW_PID" 2>/dev/null || true; SLOW_PID=
PEAK_RSS_KB=$(rss_kb "$SRM_PID" VmHWM)
echo "== 16 unauthenticated 60 MB uploads at once (refused before they are read)"
BIG=$(python3 bench/big_bodies.py 127.0.0.1 "$SRM_PORT" 16 $((60 << 20))); echo "$BIG"
ATTACK_RSS_KB=$(rss_kb "$SRM_PID" VmHWM)

S=$(rps "$SRM_OUT"); C=$(rps "$CEIL_OUT"); W=$(rps "$SLOW_OUT")
echo "srm errors at 64: $(errors "$SRM_OUT"); /healthz under the slow clients: $HEALTH_UNDER_SLOW"
echo "srm: start to first /healthz ${HEALTHZ_MS} ms (first start, creating and seeding the database: ${FIRST_MS} ms); idle RSS $((IDLE_RSS_KB / 1024)) MiB; peak RSS (wrk runs, 1000 connections, 500 slow clients) $((PEAK_RSS_KB / 1024)) MiB; after the 16 x 60 MB uploads $((ATTACK_RSS_KB / 1024)) MiB"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average at the start: $LOAD0, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "http: srm_rps=$S ceiling_rps=$C ratio=$(python3 -c "print(f'{$S/$C:.2f}')") p99_ms=$(p99_ms "$SRM_OUT") c1000_p99_ms=$(p99_ms "$C1000_OUT") c1000_errors=$(errors "$C1000_OUT") slow500_ratio=$(python3 -c "print(f'{$W/$S:.2f}')") cpu_us_per_request=$CPU_US ceiling_c1000_p99_ms=$(p99_ms "$CEIL_C1000_OUT")"
