#!/usr/bin/env bash
# Two srm servers on one PostgreSQL behind nginx, against one server behind the same nginx, under
# the same wrk load in the same run. Two workloads: reads (GET /api/v1/sras/{id}) and a mix with
# 10% creating requests (POST /api/v1/sras, each audited in the one chain). Fails when any request
# fails (non-2xx or socket errors) or when the audit chain does not verify afterwards.
#
#   bench/two_servers.sh          PostgreSQL from scripts/pg.sh in a temporary directory
#   SRM_TEST_PG_URL=... bench/two_servers.sh   an existing server (a database is created on it)
#
# Everything listens on 127.0.0.1 only; nginx runs from a config written to the temporary
# directory. Last lines: "two_servers: <workload> one_rps=... two_rps=... ratio=..." per workload.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${SRM_THREADS:-64}
# wrk gives up on a request after 2 s by default and counts it as a socket error; on two shared
# cores (wrk, nginx, two servers and PostgreSQL) a slow answer is not a failed one, so wait longer.
# The p99 printed says how slow the slowest were.
WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
T=$(mktemp -d)
chmod 755 "$T"
PIDS=()
PGDIR=
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$PGDIR" ]; then scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$PGDIR"; fi
  rm -rf "$T"
}
trap cleanup EXIT
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing (scripts/install-deps.sh)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "nothing answers on $1" >&2; exit 1; }

# --- PostgreSQL and the database ---
MAINT=${SRM_TEST_PG_URL:-}
if [ -z "$MAINT" ]; then
  PGDIR=$(mktemp -d)
  MAINT=$(scripts/pg.sh start "$PGDIR")
fi
DB=srm_bench_$$
PGOPTIONS='-c client_min_messages=warning' psql "$MAINT" -qX -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
URL=$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$MAINT" "$DB")


# --- two srm servers on it (the first seeds the demo data; the second finds it there) ---
A=$(free_port); B=$(free_port)
"$BUILD/srm" serve --demo --threads "$THREADS" --port "$A" --db "$URL" >"$T/a.log" 2>&1 &
PIDS+=($!)
wait_up "$A"
"$BUILD/srm" serve --demo --threads "$THREADS" --port "$B" --db "$URL" >"$T/b.log" 2>&1 &
PIDS+=($!)
wait_up "$B"

# --- nginx: one port in front of server A alone, one in front of A and B ---
ONE=$(free_port); TWO=$(free_port)
mkdir -p "$T/nginx"
for d in body proxy fastcgi uwsgi scgi; do mkdir -p "$T/nginx/$d"; chmod 777 "$T/nginx/$d"; done
USER_LINE=""
[ "$(id -u)" -eq 0 ] && USER_LINE="user nobody nogroup;"
cat >"$T/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes 2;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $T/nginx/body;
  proxy_temp_path $T/nginx/proxy;
  fastcgi_temp_path $T/nginx/fastcgi;
  uwsgi_temp_path $T/nginx/uwsgi;
  scgi_temp_path $T/nginx/scgi;
  # Each kept-alive upstream connection holds one srm thread (cpp-httplib serves a connection on
  # one thread): 2 workers x 2 upstreams x 16 <= 64 threads, and nginx closes idle ones (5 s)
  # before srm would (10 s), so it never writes into a connection the server is closing.
  upstream one { server 127.0.0.1:$A; keepalive 16; keepalive_timeout 5s; }
  upstream two { server 127.0.0.1:$A; server 127.0.0.1:$B; keepalive 16; keepalive_timeout 5s; }
  server {
    listen 127.0.0.1:$ONE;
    location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
  server {
    listen 127.0.0.1:$TWO;
    location / { proxy_pass http://two; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
EOF
"$NGINX" -p "$T/nginx" -c "$T/nginx/nginx.conf" -g 'daemon off;' 2>"$T/nginx/stderr" &
PIDS+=($!)
wait_up "$ONE"
wait_up "$TWO"

# Signed in through one server, used on both: sessions live in the database.
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$TWO/api/v1/auth/login" -d '{"username":"sp","password":"demo"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
SRA=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$TWO/api/v1/sras?status=published" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
for port in "$A" "$B"; do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/sras/$SRA" ||
    { echo "server on $port does not accept the token signed in elsewhere" >&2; exit 1; }
done

cat >"$T/mixed.lua" <<EOF
-- 9 reads of one SRA, then 1 creating request; every response must be 2xx.
local n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    local body = '{"area_id":"area_2","title":"bench ' .. n .. '"}'
    return wrk.format("POST", "/api/v1/sras", {["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", "/api/v1/sras/$SRA", {["Authorization"] = "Bearer $TOKEN"})
end
EOF

run() {  # port workload
  if [ "$2" = read ]; then
    wrk -t2 -c"$CONNS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/api/v1/sras/$SRA"
  else
    wrk -t2 -c"$CONNS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency -s "$T/mixed.lua" "http://127.0.0.1:$1"
  fi
}
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1=="99%" {print $2}'; }
errors() { echo "$1" | grep -E "Non-2xx|Socket errors" || true; }

failed=0
summary=()
for workload in read mixed; do
  echo "== $workload, one server behind nginx"
  OUT1=$(run "$ONE" "$workload"); echo "$OUT1"
  echo "== $workload, two servers behind nginx"
  OUT2=$(run "$TWO" "$workload"); echo "$OUT2"
  for out in "$OUT1" "$OUT2"; do
    if [ -n "$(errors "$out")" ]; then echo "requests failed: $(errors "$out")" >&2; failed=1; fi
  done
  R1=$(rps "$OUT1"); R2=$(rps "$OUT2")
  summary+=("two_servers: $workload one_rps=$R1 two_rps=$R2 ratio=$(python3 -c "print(f'{$R2/$R1:.2f}')") p99_one=$(p99 "$OUT1") p99_two=$(p99 "$OUT2")")
done

# Both servers wrote into one chain while under load: it must still be one valid chain.
VERIFY=$("$BUILD/srm" audit verify --db "$URL")
echo "$VERIFY"
echo "$VERIFY" | grep -q "audit chain intact" || { echo "the audit chain does not verify" >&2; failed=1; }
created=$(psql "$URL" -qAtX -c "SELECT count(*) FROM sras WHERE title LIKE 'bench %'")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); srm --threads $THREADS; wrk -c$CONNS -d$DURATION; nginx $("$NGINX" -v 2>&1 | cut -d/ -f2); $(psql "$URL" -qAtX -c 'SHOW server_version' | sed 's/^/PostgreSQL /')"
echo "created during the mixed runs: $created SRAs"
printf '%s\n' "${summary[@]}"
exit $failed
