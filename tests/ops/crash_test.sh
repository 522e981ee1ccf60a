#!/usr/bin/env bash
# Crash test: a client writes under load while the server is killed with SIGKILL at random moments
# and restarted. Afterwards every write the client saw acknowledged is present, nothing is
# half-written (each SRA has its audit entry and each audit entry its SRA), and the audit chain
# verifies. On SQLite; on PostgreSQL when SRM_TEST_PG_URL is set (scripts/test.sh's second pass).
# Bounded: KILLS kills (default 6), each after 0.3-1.5 s of load.
set -uo pipefail
SRM=${1:?usage: crash_test.sh path/to/srm}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
KILLS=${KILLS:-6}
T=$(mktemp -d)
PID=; CLIENT=
if [ -n "${SRM_TEST_PG_URL:-}" ]; then
  BACKEND=postgresql
  DBNAME=srm_crash_$$
  pg_fresh $DBNAME
  DB_ARGS=(--db "$(pg_url_for $DBNAME)")
  sql() { psql "$(pg_url_for $DBNAME)" -qAtX -c "$1"; }
  trap 'kill -9 $PID $CLIENT 2>/dev/null; rm -rf "$T"; pg_drop $DBNAME' EXIT
else
  BACKEND=sqlite
  DB_ARGS=(--data "$T/d")
  sql() { sqlite3 "$T/d/srm.db" "$1"; }
  trap 'kill -9 $PID $CLIENT 2>/dev/null; rm -rf "$T"' EXIT
fi
echo "crash test on $BACKEND, $KILLS kills"

PORT=$(free_port)
start() {
  "$SRM" serve --demo --threads 16 --port "$PORT" "${DB_ARGS[@]}" >>"$T/serve.log" 2>&1 &
  PID=$!
  wait_up "$PORT"
}
check "server starts" "start"
TOKEN=$(login "$PORT" sp)
check "demo login" "[ -n '$TOKEN' ]"

python3 "$HERE/crash_client.py" "$PORT" "$TOKEN" "$T/acked" "$T/stop" 4 ${CRASH_RETRY:+--retry} >"$T/client.out" &
CLIENT=$!
for k in $(seq 1 "$KILLS"); do
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 1.5), 2))')"
  kill -9 "$PID"; wait "$PID" 2>/dev/null
  check "restart after kill $k" "start"
done
sleep 0.5
touch "$T/stop"
wait "$CLIENT"
echo "client: $(cat "$T/client.out")"
kill -TERM "$PID"; wait "$PID"; PID=

acked=$(wc -l <"$T/acked")
check "the client saw writes acknowledged ($acked)" "[ $acked -gt 0 ]"
cut -f1 "$T/acked" | sort >"$T/acked.ids"
sql "SELECT id FROM sras" | sort >"$T/stored.ids"
missing=$(comm -23 "$T/acked.ids" "$T/stored.ids" | wc -l)
check "every acknowledged write is stored ($missing missing)" "[ $missing -eq 0 ]"
stored_titles=$(sql "SELECT count(*) FROM sras WHERE title LIKE 'crash %'")
distinct_titles=$(sql "SELECT count(DISTINCT title) FROM sras WHERE title LIKE 'crash %'")
check "no write stored twice ($stored_titles rows, $distinct_titles titles)" "[ $stored_titles -eq $distinct_titles ]"
check "no SRA without its audit entry" \
  "[ \"\$(sql \"SELECT count(*) FROM sras s WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_id = s.id AND a.action = 'sra.create')\")\" = 0 ]"
check "no audit entry without its SRA" \
  "[ \"\$(sql \"SELECT count(*) FROM audit_log a WHERE a.action = 'sra.create' AND NOT EXISTS (SELECT 1 FROM sras s WHERE s.id = a.object_id)\")\" = 0 ]"
if [ $BACKEND = sqlite ]; then
  check "SQLite integrity_check" "[ \"\$(sql 'PRAGMA integrity_check')\" = ok ]"
fi
check "audit chain verifies" "'$SRM' audit verify ${DB_ARGS[*]} | tee '$T/verify.out' | grep -q 'audit chain intact'"
cat "$T/verify.out"
report "crash ($BACKEND)"
