#!/usr/bin/env bash
# The srm binary as an operator uses it: serve with the demo, clean shutdown on SIGTERM with
# requests in flight, configuration precedence, and the operator subcommands, including
# `audit verify` catching a tampered database.
set -uo pipefail
SRM=${1:?usage: cli_test.sh path/to/srm}
SRC=${SRM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d)
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
fails=0; passes=0
check() { if eval "$2"; then passes=$((passes+1)); else echo "FAIL: $1"; fails=$((fails+1)); fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done; return 1; }

# The database: the SQLite file DATA/srm.db, or with SRM_TEST_PG_URL set (scripts/test.sh's second
# pass) a fresh PostgreSQL database on that server. sql runs one query on it and prints the rows.
if [ -n "${SRM_TEST_PG_URL:-}" ]; then
  export PGOPTIONS='-c client_min_messages=warning'
  PGDB=srm_cli_$$
  psql "$SRM_TEST_PG_URL" -qX -c "DROP DATABASE IF EXISTS $PGDB" -c "CREATE DATABASE $PGDB" >/dev/null || exit 1
  DB_FLAG=--db
  DB_VAL=$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$SRM_TEST_PG_URL" "$PGDB")
  trap 'kill $PID 2>/dev/null; rm -rf "$T"; psql "$SRM_TEST_PG_URL" -qX -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1' EXIT
  sql() { psql "$DB_VAL" -qAtX -c "$1"; }
  db_intact() { [ "$(sql 'SELECT 1 FROM audit_log LIMIT 1')" = 1 ]; }
else
  DB_FLAG=--data
  DB_VAL=$T/d1
  sql() { sqlite3 "$T/d1/srm.db" "$1"; }
  db_intact() { [ "$(sqlite3 "$T/d1/srm.db" 'PRAGMA integrity_check')" = ok ]; }
fi

# --- serve, demo data, SIGTERM with requests in flight ---
PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" $DB_FLAG "$DB_VAL" >"$T/serve.log" 2>&1 &
PID=$!
check "server starts" "wait_up $PORT"
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/api/v1/auth/login" -d '{"username":"sp","password":"demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
check "demo login" "[ -n '$TOKEN' ]"
# A burst of writes in flight while SIGTERM arrives.
for i in $(seq 1 20); do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/v1/sras" -d "{\"area_id\":\"area_2\",\"title\":\"inflight $i\"}" >>"$T/codes" &
done
sleep 0.05
kill -TERM $PID
wait $PID; rc=$?
wait
check "clean exit on SIGTERM (rc=$rc)" "[ $rc -eq 0 ]"
check "shutdown logged" "grep -q '\"msg\":\"stopped\"' '$T/serve.log'"
check "log lines are JSON" "head -3 '$T/serve.log' | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]'"
check "database intact" "db_intact"
# Every write the clients saw acknowledged (201) is in the database.
acked=$(grep -c '^201$' "$T/codes" || true)
stored=$(sql "SELECT count(*) FROM sras WHERE title LIKE 'inflight %'")
check "acknowledged writes persisted ($acked acked, $stored stored)" "[ $stored -ge $acked ]"

# --- operator commands on that database ---
check "audit verify intact" "'$SRM' audit verify $DB_FLAG '$DB_VAL' | grep -q 'audit chain intact'"
check "method show prints the matrix" "'$SRM' method show $DB_FLAG '$DB_VAL' | grep -q 'Very Likely | Low | Medium | High | Very High | Unacceptable'"
SRA=$(sql "SELECT id FROM sras WHERE status='published' LIMIT 1")
check "sra export json" "'$SRM' sra export '$SRA' $DB_FLAG '$DB_VAL' -o '$T/sra.json' && python3 -c 'import json; d=json.load(open(\"$T/sra.json\")); assert d[\"status\"]==\"published\"'"
check "sra export csv" "'$SRM' sra export '$SRA' --format csv $DB_FLAG '$DB_VAL' | head -1 | grep -q '^scenario,threat_category'"
# Issue 17: the SRA document as PDF, read back by poppler (the marking, the scenarios, French).
check "sra export pdf" "'$SRM' sra export '$SRA' --format pdf $DB_FLAG '$DB_VAL' -o '$T/sra.pdf' && pdftotext '$T/sra.pdf' '$T/sra.txt' && grep -q 'UN Restricted' '$T/sra.txt' && grep -q 'Security Risk Assessment' '$T/sra.txt'"
check "sra export pdf in French" "'$SRM' sra export '$SRA' --format pdf --lang fr $DB_FLAG '$DB_VAL' -o '$T/sra-fr.pdf' && pdftotext '$T/sra-fr.pdf' '$T/sra-fr.txt' && grep -q 'Évaluation des risques de sécurité' '$T/sra-fr.txt'"
check "sra export pdf needs a file" "! '$SRM' sra export '$SRA' --format pdf $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'field: --output' '$T/err'"
# Issue 17: the Excel register too, and every CLI export in the SRA's access log as the OS user, from "cli".
check "sra export xlsx" "'$SRM' sra export '$SRA' --format xlsx --lang fr $DB_FLAG '$DB_VAL' -o '$T/sra.xlsx' && python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert \"xl/workbook.xml\" in z.namelist(); assert \"Sc\u00e9narios\" in z.read(\"xl/workbook.xml\").decode()' '$T/sra.xlsx'"
check "sra export xlsx needs a file" "! '$SRM' sra export '$SRA' --format xlsx $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'field: --output' '$T/err'"
OSUSER=$(id -un)
check "cli pdf export in the access log" "[ \"\$(sql \"SELECT user_name || '|' || kind || '|' || client_addr FROM sra_access_log WHERE sra_id='$SRA' AND format='pdf' LIMIT 1\")\" = '$OSUSER|document|cli' ]"
check "cli xlsx export in the access log" "[ \"\$(sql \"SELECT user_name || '|' || kind || '|' || client_addr FROM sra_access_log WHERE sra_id='$SRA' AND format='xlsx' LIMIT 1\")\" = '$OSUSER|register|cli' ]"
check "cli json and csv exports in the access log" "[ \"\$(sql \"SELECT count(*) FROM sra_access_log WHERE sra_id='$SRA' AND client_addr='cli' AND kind='export' AND format IN ('json','csv')\")\" = 2 ]"
check "the access batches keep the audit chain intact" "'$SRM' audit verify $DB_FLAG '$DB_VAL' | grep -q 'audit chain intact'"
check "sra export unknown id names it" "! '$SRM' sra export nope $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'not found' '$T/err'"
check "a refused export is not recorded" "[ \"\$(sql \"SELECT count(*) FROM sra_access_log WHERE sra_id='nope'\")\" = 0 ]"
check "user add (password on stdin)" "echo 'correct horse battery' | '$SRM' user add alice --role auditor $DB_FLAG '$DB_VAL' | grep -q 'created user alice'"
check "user add weak password refused naming the field" "! echo short | '$SRM' user add bob $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'field: password' '$T/err'"
check "user add unknown role refused" "! echo 'correct horse battery' | '$SRM' user add carol --role wizard $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'grants\\[0\\].role' '$T/err'"
check "user passwd" "echo 'another long password' | '$SRM' user passwd alice $DB_FLAG '$DB_VAL' | grep -q 'password changed'"
printf '{"version":"bad"}' >"$T/bad-pack.json"
check "method install refuses a malformed pack naming the field" "! '$SRM' method install '$T/bad-pack.json' $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'field: name' '$T/err'"
python3 -c "import json; p=json.load(open('$SRC/method/unsms-default.json')); p['version']='cli-2027'; p['review_months']=6; json.dump(p, open('$T/pack.json','w'))"
check "method install" "'$SRM' method install '$T/pack.json' $DB_FLAG '$DB_VAL' | grep -q 'installed methodology pack cli-2027 (active)'"
check "migrate is idempotent" "'$SRM' migrate $DB_FLAG '$DB_VAL' | grep -q 'up to date'"

# --- the new user signs in; demo passwords are disabled outside demo mode ---
PORT=$(free_port)
SRM_PORT=1 "$SRM" serve --port "$PORT" $DB_FLAG "$DB_VAL" >"$T/serve2.log" 2>&1 &
PID=$!
check "flag beats environment" "wait_up $PORT"
check "alice signs in" "curl -sf -X POST -H 'Content-Type: application/json' http://127.0.0.1:$PORT/api/v1/auth/login -d '{\"username\":\"alice\",\"password\":\"another long password\"}' >/dev/null"
check "demo password refused outside demo mode" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' http://127.0.0.1:$PORT/api/v1/auth/login -d '{\"username\":\"sp\",\"password\":\"demo\"}')\" = 401 ]"
kill -TERM $PID; wait $PID

# --- config file and environment ---
printf '{"port": "eighty"}' >"$T/bad.json"
check "bad config names the key" "! '$SRM' --config '$T/bad.json' migrate $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'port must be' '$T/err'"
check "bad environment names the variable" "! SRM_THREADS=abc '$SRM' migrate $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'SRM_THREADS' '$T/err'"
printf '{"trusted_proxies": ["10.0.0.1", "nginx"]}' >"$T/proxies.json"
check "a trusted proxy must be an address" "! '$SRM' --config '$T/proxies.json' migrate $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q \"'nginx' is not an IP address\" '$T/err'"
check "password strength threshold from the environment" "! echo 'correct horse battery' | SRM_PASSWORD_MIN_ENTROPY_BITS=60 '$SRM' user add dave $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'field: password' '$T/err'"
check "password12 refused" "! echo password12 | '$SRM' user add erin $DB_FLAG '$DB_VAL' 2>'$T/err' && grep -q 'field: password' '$T/err'"

# --- tampering is detected: edit an entry behind the application's back ---
if [ -n "${SRM_TEST_PG_URL:-}" ]; then
  check "append-only: the database refuses an edit" "! sql \"UPDATE audit_log SET actor_name='mallory' WHERE seq=5\" 2>/dev/null"
  # What someone with the table owner's rights does first.
  sql "ALTER TABLE audit_log DISABLE TRIGGER USER"
  sql "UPDATE audit_log SET actor_name='mallory' WHERE seq=5"
else
sqlite3 "$T/d1/srm.db" "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;" 2>/dev/null
for trg in $(sqlite3 "$T/d1/srm.db" "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"); do
  sqlite3 "$T/d1/srm.db" "DROP TRIGGER $trg"
done
sqlite3 "$T/d1/srm.db" "UPDATE audit_log SET actor_name='mallory' WHERE seq=5"
fi
"$SRM" audit verify $DB_FLAG "$DB_VAL" >"$T/out"; rc=$?
check "tampered chain: exit 2 (got $rc)" "[ $rc -eq 2 ]"
check "tampered chain: names entry 5" "grep -q 'BROKEN at entry 5' '$T/out'"

echo "cli: $passes passed, $fails failed"
[ $fails -eq 0 ]
