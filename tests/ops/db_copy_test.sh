#!/usr/bin/env bash
# srm db copy: a demo deployment on SQLite moves to an empty PostgreSQL database with every row and
# the audit chain verbatim (same entries, same head hash), refuses a non-empty target, and the
# copy serves. Needs SRM_TEST_PG_URL: run in the PostgreSQL pass only.
set -uo pipefail
SRM=${1:?usage: db_copy_test.sh path/to/srm}
. "$(dirname "$0")/lib.sh"
[ -n "${SRM_TEST_PG_URL:-}" ] || { echo "SRM_TEST_PG_URL not set: this test needs PostgreSQL (scripts/test.sh sets it)"; exit 1; }
T=$(mktemp -d)
DB=srm_copy_$$
PID=
trap 'kill $PID 2>/dev/null; rm -rf "$T"; pg_drop $DB' EXIT
export PGOPTIONS='-c client_min_messages=warning'

PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" --data "$T/d" >"$T/serve.log" 2>&1 &
PID=$!
check "SQLite server starts" "wait_up $PORT"
TOKEN=$(login "$PORT" sp)
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/sras" \
    -d "{\"area_id\":\"area_2\",\"title\":\"before the move $i ünïcödé 'quoted'\"}"
done
# A read, so the access log (a WITHOUT ROWID table on SQLite since 0022) has a row to carry across.
SRA=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/sras" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/sras/$SRA"
kill -TERM $PID; wait $PID; PID=
check "the read is in the access log" "[ \"\$(sqlite3 '$T/d/srm.db' \"SELECT count(*) FROM sra_access_log WHERE sra_id = '$SRA'\")\" -ge 1 ]"

pg_fresh $DB
URL=$(pg_url_for $DB)
check "copy" "'$SRM' db copy --from 'sqlite:$T/d/srm.db' --to '$URL' >'$T/copy.out' 2>&1"
cat "$T/copy.out"
for table in $(sqlite3 "$T/d/srm.db" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' AND name NOT LIKE '%schema_version'"); do
  n_sqlite=$(sqlite3 "$T/d/srm.db" "SELECT count(*) FROM $table")
  [ "$n_sqlite" = 0 ] && ! psql "$URL" -qAtX -c "SELECT 1 FROM $table LIMIT 0" >/dev/null 2>&1 && continue
  n_pg=$(psql "$URL" -qAtX -c "SELECT count(*) FROM $table")
  check "$table: $n_sqlite rows in SQLite, $n_pg in PostgreSQL" "[ '$n_sqlite' = '$n_pg' ]"
done
check "every audit entry is byte for byte the same" \
  "[ \"\$(sqlite3 '$T/d/srm.db' \"SELECT group_concat(seq||at||prev_hash||hash, '') FROM (SELECT * FROM audit_log ORDER BY seq)\" | sha256sum)\" = \
     \"\$(psql '$URL' -qAtX -c \"SELECT string_agg(seq||at||prev_hash||hash, '' ORDER BY seq) FROM audit_log\" | sha256sum)\" ]"
head_sqlite=$("$SRM" audit verify --data "$T/d" | grep '^head:')
head_pg=$("$SRM" audit verify --db "$URL" | grep '^head:')
check "audit verify on PostgreSQL: same head ($head_pg)" "[ -n '$head_pg' ] && [ '$head_sqlite' = '$head_pg' ]"
check "a second copy into the filled database is refused" \
  "! '$SRM' db copy --from 'sqlite:$T/d/srm.db' --to '$URL' 2>'$T/err' && grep -q 'already holds rows' '$T/err'"
check "copy from a missing file names it" "! '$SRM' db copy --from 'sqlite:$T/nope.db' --to '$URL' 2>'$T/err' && grep -q 'nope.db' '$T/err'"
check "copy to a non-URL is refused" "! '$SRM' db copy --from 'sqlite:$T/d/srm.db' --to '$T/x.db' 2>/dev/null"

# The moved deployment serves, with the same users and SRAs, and extends the same chain.
PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" --db "$URL" >"$T/serve-pg.log" 2>&1 &
PID=$!
check "PostgreSQL server starts on the copy" "wait_up $PORT"
TOKEN=$(login "$PORT" sp)
check "a demo user signs in on the copy" "[ -n '$TOKEN' ]"
check "the moved SRAs are served" "curl -sf -H 'Authorization: Bearer $TOKEN' 'http://127.0.0.1:$PORT/api/v1/sras?limit=500' | grep -q 'before the move 5'"
check "a write on the copy" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/api/v1/sras -d '{\"area_id\":\"area_2\",\"title\":\"after the move\"}')\" = 201 ]"
kill -TERM $PID; wait $PID; PID=
check "the chain continues and verifies" "'$SRM' audit verify --db '$URL' | grep -q intact"
report db_copy
