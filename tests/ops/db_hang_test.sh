#!/usr/bin/env bash
# The database stops answering commits (PostgreSQL waiting for a synchronous standby that is gone,
# as after a failover): requests must not hang with it. With a 1 s database timeout, writes and
# sign-ins answer 503 database_unavailable (with Retry-After), /healthz keeps answering while
# writes are stuck, /readyz says the database is unavailable; once commits flow again, a write
# repeated with its Idempotency-Key is settled. Only in the PostgreSQL pass (SRM_TEST_PG_URL set).
set -uo pipefail
SRM=${1:?usage: db_hang_test.sh path/to/srm}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${SRM_SOURCE_DIR:-$(cd "$HERE/../.." && pwd)}
. "$HERE/lib.sh"
[ -n "${SRM_TEST_PG_URL:-}" ] || { echo "SRM_TEST_PG_URL not set: this test needs PostgreSQL (scripts/test.sh sets it)"; exit 1; }
T=$(mktemp -d)
chmod 755 "$T"
PID=
trap 'kill $PID 2>/dev/null; "$SRC/scripts/pg.sh" stop "$T/pg" >/dev/null 2>&1; rm -rf "$T"' EXIT
export PGOPTIONS='-c client_min_messages=warning'

MAINT=$("$SRC/scripts/pg.sh" start "$T/pg") || { echo "cannot start PostgreSQL"; exit 1; }
psql "$MAINT" -qX -c "CREATE DATABASE srm_hang" >/dev/null
URL=$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/srm_hang")))' "$MAINT")
PORT=$(free_port)
SRM_DB_TIMEOUT_MS=1000 "$SRM" serve --demo --threads 8 --port "$PORT" --db "$URL" >"$T/serve.log" 2>&1 &
PID=$!
check "server starts on PostgreSQL" "wait_up $PORT"
TOKEN=$(login "$PORT" sp)
post() {  # key -> status code (body in $T/b.key, head in $T/h.key)
  curl -s -m 30 -D "$T/h.$1" -o "$T/b.$1" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TOKEN" -H "Idempotency-Key: $1" "http://127.0.0.1:$PORT/api/v1/sras" \
    -d "{\"area_id\":\"area_2\",\"title\":\"hang $1\"}"
}
check "a write before commits hang" "[ \"\$(post k0)\" = 201 ]"

# Commits now wait for a synchronous standby that does not exist.
psql "$MAINT" -qX -c "ALTER SYSTEM SET synchronous_standby_names = 'gone_standby'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
for i in $(seq 1 12); do ( code=$(post "k$i"); echo "$i $code" >>"$T/codes" ) & done
sleep 0.3
check "/healthz answers while every worker waits on the database" \
  "[ \"\$(curl -s -m 5 -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/healthz)\" = 200 ]"
wait $(jobs -p | grep -v "^$PID\$") 2>/dev/null
check "every stuck write answered 503 ($(cut -d' ' -f2 "$T/codes" | sort | uniq -c | xargs))" \
  "! cut -d' ' -f2 '$T/codes' | grep -qv '^503$'"
code=$(post k99)
check "a write while commits hang: 503 (got $code)" "[ '$code' = 503 ]"
check "  with the code database_unavailable" "grep -q '\"code\":\"database_unavailable\"' '$T/b.k99'"
check "  and Retry-After" "grep -qi '^Retry-After:' '$T/h.k99'"
login_code=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  "http://127.0.0.1:$PORT/api/v1/auth/login" -d '{"username":"cell","password":"demo"}')
check "a sign-in is answered, not timed out (got $login_code)" "[ '$login_code' = 503 ] || [ '$login_code' = 200 ]"
check "readiness reports the database" \
  "[ \"\$(curl -s -m 5 -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/readyz)\" = 503 ]"

psql "$MAINT" -qX -c "ALTER SYSTEM RESET synchronous_standby_names" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
code=$(post k100)
check "writes flow again (got $code)" "[ '$code' = 201 ]"
code=$(post k99)
check "the stuck write repeated with its key is settled (got $code)" \
  "[ '$code' = 201 ] || { [ '$code' = 409 ] && grep -q already_applied '$T/b.k99'; }"
check "readiness is back" "[ \"\$(curl -s -m 5 -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/readyz)\" = 200 ]"
kill -TERM $PID; wait $PID; PID=
check "audit chain verifies" "'$SRM' audit verify --db '$URL' | grep -q intact"
report db_hang
