#!/usr/bin/env bash
# srm backup / srm restore (SQLite): a backup taken while a client writes is consistent and
# verifies; restore refuses a damaged backup and an occupied database (without --force), and
# brings back exactly what the backup held; restoring an older backup is reported as a truncation
# until `srm audit re-anchor`. On PostgreSQL, backup is refused with the pg_dump hint.
set -uo pipefail
SRM=${1:?usage: backup_restore_test.sh path/to/srm}
. "$(dirname "$0")/lib.sh"
T=$(mktemp -d)
PID=; WRITER=
trap 'kill $WRITER $PID 2>/dev/null; rm -rf "$T"' EXIT

if [ -n "${SRM_TEST_PG_URL:-}" ]; then
  check "backup on PostgreSQL points at pg_dump" \
    "! '$SRM' backup --db '$SRM_TEST_PG_URL' --to '$T/x.db' 2>'$T/err' && grep -q pg_dump '$T/err'"
  report backup_restore
  exit
fi

PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" --data "$T/live" >"$T/serve.log" 2>&1 &
PID=$!
check "server starts" "wait_up $PORT"
TOKEN=$(login "$PORT" sp)
# A client writing all along, while the backup is taken.
( i=0; while :; do i=$((i+1));
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/sras" \
      -d "{\"area_id\":\"area_2\",\"title\":\"during backup $i\"}"; done ) &
WRITER=$!
sleep 1
check "backup while serving" "'$SRM' backup --data '$T/live' --to '$T/b1.db' >'$T/out' && grep -q 'audit chain verified' '$T/out'"
kill $WRITER; wait $WRITER 2>/dev/null; WRITER=
check "backup is one self-contained file" "[ \"\$(sqlite3 '$T/b1.db' 'PRAGMA journal_mode')\" = delete ] && [ ! -e '$T/b1.db-wal' ]"
check "backup passes integrity_check" "[ \"\$(sqlite3 '$T/b1.db' 'PRAGMA integrity_check')\" = ok ]"
check "backup never overwrites a file" "! '$SRM' backup --data '$T/live' --to '$T/b1.db' 2>'$T/err' && grep -q exists '$T/err'"
in_backup=$(sqlite3 "$T/b1.db" "SELECT count(*) FROM sras")
entries_backup=$(sqlite3 "$T/b1.db" "SELECT count(*) FROM audit_log")
kill -TERM $PID; wait $PID; PID=

# --- restore into a new data directory: exactly the backup's content ---
check "restore into an empty place" "'$SRM' restore --from '$T/b1.db' --data '$T/restored' | grep -q 'audit chain verified'"
check "restored chain verifies with the backup's entries" \
  "'$SRM' audit verify --data '$T/restored' | grep -q 'intact: $entries_backup entries'"
check "restored rows are the backup's ($in_backup SRAs)" \
  "[ \"\$(sqlite3 '$T/restored/srm.db' 'SELECT count(*) FROM sras')\" = '$in_backup' ]"

# --- restore over a database in use needs --force ---
check "restore refuses to replace data without --force" \
  "! '$SRM' restore --from '$T/b1.db' --data '$T/live' 2>'$T/err' && grep -q -- '--force' '$T/err'"
# One more audited write after the backup (its checkpoint is signed outside the data directory).
check "a write after the backup" "echo 'correct horse battery staple' | '$SRM' user add zed --data '$T/live' | grep -q 'created user zed'"
check "restore --force replaces it" "'$SRM' restore --from '$T/b1.db' --data '$T/live' --force >'$T/restore.out'"
# The backup is older than the last writes the server signed checkpoints for: a legitimate
# truncation, which restore points out, verify reports, and re-anchoring settles.
check "restore notes the checkpoints beyond the restored chain" "grep -q 'srm audit re-anchor' '$T/restore.out'"
"$SRM" audit verify --data "$T/live" >"$T/out" 2>&1; rc=$?
check "verify reports the older backup as a truncation (exit $rc)" "[ $rc -eq 2 ] && grep -q '(truncated)' '$T/out'"
check "re-anchor after the restore" "'$SRM' audit re-anchor --data '$T/live' | grep -q 're-anchored' && ls '$T'/live-audit/checkpoints.log.retired-* >/dev/null"
check "then the restored log verifies" "'$SRM' audit verify --data '$T/live' | grep -q 'audit chain intact'"
check "replaced database holds the backup's rows" \
  "[ \"\$(sqlite3 '$T/live/srm.db' 'SELECT count(*) FROM sras')\" = '$in_backup' ]"

# --- a damaged backup is refused, and the database is left as it was ---
cp "$T/b1.db" "$T/tampered.db"
for trg in $(sqlite3 "$T/tampered.db" "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"); do
  sqlite3 "$T/tampered.db" "DROP TRIGGER $trg"
done
sqlite3 "$T/tampered.db" "UPDATE audit_log SET actor_name='mallory' WHERE seq=3"
check "restore refuses a backup whose chain is broken" \
  "! '$SRM' restore --from '$T/tampered.db' --data '$T/fresh' --force 2>'$T/err' && grep -q 'does not verify' '$T/err'"
check "nothing was written for the refused restore" "[ ! -s '$T/fresh/srm.db' ]"
head -c 20000 "$T/b1.db" >"$T/truncated.db"
check "restore refuses a truncated file" "! '$SRM' restore --from '$T/truncated.db' --data '$T/fresh2' 2>/dev/null"

# --- the restored database serves ---
PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" --data "$T/restored" >"$T/serve2.log" 2>&1 &
PID=$!
check "restored database serves" "wait_up $PORT"
TOKEN=$(login "$PORT" sp)
check "and takes writes" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/api/v1/sras -d '{\"area_id\":\"area_2\",\"title\":\"after restore\"}')\" = 201 ]"
kill -TERM $PID; wait $PID; PID=
check "chain still verifies after new writes" "'$SRM' audit verify --data '$T/restored' | grep -q intact"
report backup_restore
