#!/usr/bin/env bash
# The srm binary against a hostile environment and hostile clients (issue 11): whatever umask it
# starts with, what it creates (the database and its WAL/SHM, the data directory, uploads,
# backups, restored databases) is its own user's only; a database left 0644 by an older version is
# narrowed at start; a second server on a port already in use exits non-zero saying so; a path that
# is not UTF-8 or holds %00 is answered 400 with the access log on, and the server stays up; the
# server runs on tcmalloc.
# Runs on SQLite in both passes of scripts/test.sh (it needs no PostgreSQL).
set -uo pipefail
SRM=${1:?usage: files_and_port_test.sh path/to/srm}
. "$(dirname "$0")/lib.sh"
T=$(mktemp -d)
PID=
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
umask 022  # what a shell usually has: files would come out 0644
mode() { stat -c %a "$1" 2>/dev/null; }

PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" --data "$T/data" >"$T/serve.log" 2>&1 &
PID=$!
check "server starts" "wait_up $PORT"
# The server allocates with tcmalloc (src/server/CMakeLists.txt): the running process has it mapped
# (a linker that drops a library nothing names would silently bring glibc's malloc back).
check "the running server allocates with tcmalloc" "grep -q libtcmalloc_minimal /proc/$PID/maps"

# --- the port ---
"$SRM" serve --port "$PORT" --data "$T/other" >"$T/second.out" 2>"$T/second.err" &
SECOND=$!
for _ in $(seq 1 100); do kill -0 $SECOND 2>/dev/null || break; sleep 0.1; done
if kill -0 $SECOND 2>/dev/null; then kill $SECOND; wait $SECOND 2>/dev/null; rc=started; else wait $SECOND; rc=$?; fi
check "a second server on port $PORT does not start (exit $rc)" "[ '$rc' != started ] && [ '$rc' -ne 0 ]"
check "it says the address is in use" "grep -q 'already in use' '$T/second.err'"
check "the first server still answers" "curl -sf http://127.0.0.1:$PORT/healthz >/dev/null"

# --- hostile paths, with the access log on ---
status() { curl -s --path-as-is -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$1"; }
check "/%ff is a 400" "[ \"\$(status /%ff)\" = 400 ]"
check "/index.html%00.js is a 400" "[ \"\$(status /index.html%00.js)\" = 400 ]"
check "/api/v1/sras?status=%ff is a 400" "[ \"\$(status '/api/v1/sras?status=%ff')\" = 400 ]"
check "the server is up after them" "curl -sf http://127.0.0.1:$PORT/healthz >/dev/null"
# The access log is buffered for at most a second (src/server/buffered_stdout_sink.h).
access_400s() {  # prints how many 400 lines the log holds, or "invalid" when one is not JSON
  grep '"status":400' "$T/serve.log" | python3 -c 'import json,sys; print(sum(1 for l in sys.stdin if json.loads(l)))' 2>/dev/null || echo invalid
}
for _ in $(seq 1 30); do [ "$(access_400s)" = 3 ] && break; sleep 0.1; done
check "the access log holds the three as valid JSON lines (got $(access_400s))" "[ \"\$(access_400s)\" = 3 ]"

# --- files: the database, its WAL and SHM, the data directory, an upload's directory ---
TOKEN=$(login "$PORT" sp)
printf 'event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,longitude,geo_precision,notes,fatalities\nF1,2024-01-02,Battles,Armed clash,1,Carana,,Town,8.5,-11.5,1,n,0\n' >"$T/in.csv"
check "an upload is accepted" "curl -sf -X POST -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: text/csv' \
  --data-binary @'$T/in.csv' 'http://127.0.0.1:$PORT/api/v1/incidents/import?areas=carana' >/dev/null"
sleep 1
check "srm.db is 0600 ($(mode "$T/data/srm.db"))" "[ \"\$(mode '$T/data/srm.db')\" = 600 ]"
check "srm.db-wal is 0600 ($(mode "$T/data/srm.db-wal"))" "[ \"\$(mode '$T/data/srm.db-wal')\" = 600 ]"
check "srm.db-shm is 0600 ($(mode "$T/data/srm.db-shm"))" "[ \"\$(mode '$T/data/srm.db-shm')\" = 600 ]"
check "the data directory is 0700" "[ \"\$(mode '$T/data')\" = 700 ]"
check "uploads wait in a 0700 directory of the data directory" "[ \"\$(mode '$T/data/uploads')\" = 700 ]"
check "and none is left once the job ended" "[ -z \"\$(ls -A '$T/data/uploads')\" ]"
check "no upload went to /tmp (as before: /tmp/srm-upload-*)" "[ -z \"\$(find /tmp -maxdepth 1 -name 'srm-upload-*' -newer '$T/in.csv')\" ]"

# --- backups and restores ---
check "backup while serving" "'$SRM' backup --data '$T/data' --to '$T/backup.db' >/dev/null"
check "the backup is 0600 ($(mode "$T/backup.db"))" "[ \"\$(mode '$T/backup.db')\" = 600 ]"
kill -TERM $PID; wait $PID; PID=
check "restore into a new place" "'$SRM' restore --from '$T/backup.db' --data '$T/restored' >/dev/null"
check "the restored database is 0600" "[ \"\$(mode '$T/restored/srm.db')\" = 600 ]"
check "nothing srm wrote is readable by others" \
  "[ -z \"\$(find '$T/data' '$T/restored' '$T/backup.db' -perm /077 2>/dev/null)\" ]"

# --- a database made 0644 by an older version is narrowed at start ---
chmod 644 "$T/data/srm.db"
PORT2=$(free_port)
"$SRM" serve --port "$PORT2" --data "$T/data" >"$T/serve2.log" 2>&1 &
PID=$!
check "server starts on the old database" "wait_up $PORT2"
check "srm.db is 0600 again" "[ \"\$(mode '$T/data/srm.db')\" = 600 ]"
kill -TERM $PID; wait $PID; PID=

report files_and_port
