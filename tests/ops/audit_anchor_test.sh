#!/usr/bin/env bash
# The audit log anchored outside the database, through the srm binary, on SQLite and (with
# SRM_TEST_PG_URL) on PostgreSQL: the signing key and checkpoint file (0600, refused when others
# may read the key or when inside the data directory), REPLACE refused, a truncated log, an entry
# rewritten with the chain recomputed and a damaged checkpoint all reported by `srm audit verify`
# and over HTTP while the server keeps serving, the head an auditor keeps, and `srm audit re-anchor`
# (audited) after which the log verifies again.
set -uo pipefail
SRM=${1:?usage: audit_anchor_test.sh path/to/srm}
. "$(dirname "$0")/lib.sh"
T=$(mktemp -d)
PID=
trap 'kill $PID 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT

if [ -n "${SRM_TEST_PG_URL:-}" ]; then
  DBNAME=srm_anchor_$$
  pg_fresh "$DBNAME" || exit 1
  trap 'kill $PID 2>/dev/null; rm -rf "$T"; pg_drop "$DBNAME"' EXIT
  DB=(--data "$T/data" --db "$(pg_url_for "$DBNAME")")
  sql() { PGOPTIONS='-c client_min_messages=warning' psql "$(pg_url_for "$DBNAME")" -qAtX -c "$1"; }
  rows_json() { sql "SELECT coalesce(json_agg(t ORDER BY seq), '[]') FROM (SELECT * FROM audit_log) t"; }
  disable_triggers() { sql "ALTER TABLE audit_log DISABLE TRIGGER USER"; }
else
  DB=(--data "$T/data")
  sql() { sqlite3 "$T/data/srm.db" "$1"; }
  rows_json() { sqlite3 -json "$T/data/srm.db" "SELECT * FROM audit_log ORDER BY seq"; }
  disable_triggers() {
    for trg in $(sql "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"); do
      sql "DROP TRIGGER $trg"
    done
  }
fi
AUDIT_DIR=$T/data-audit
login() {  # port user -> bearer token
  curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$1/api/v1/auth/login" \
    -d "{\"username\":\"$2\",\"password\":\"demo\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
verify() { "$SRM" audit verify "${DB[@]}" "$@" >"$T/out" 2>"$T/err"; }

# --- a server writes; every append leaves a signed checkpoint outside the data directory ---
PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" "${DB[@]}" >"$T/serve.log" 2>&1 &
PID=$!
check "server starts" "wait_up $PORT"
SP=$(login "$PORT" sp)
for i in 1 2 3; do
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $SP" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$PORT/api/v1/sras" -d "{\"area_id\":\"area_2\",\"title\":\"anchored $i\"}"
done
AUDITOR=$(login "$PORT" auditor)
curl -s -H "Authorization: Bearer $AUDITOR" "http://127.0.0.1:$PORT/api/v1/audit/verify" >"$T/verify.json"
check "GET /audit/verify: ok, with a signed head" \
  "python3 -c 'import json; v=json.load(open(\"$T/verify.json\")); assert v[\"ok\"] and v[\"checkpoint\"][\"seq\"]==v[\"entries\"] and v[\"checkpoints\"][\"checked\"]>0, v'"
# The head an auditor keeps, as the API hands it out.
python3 -c "import json; print(json.dumps(json.load(open('$T/verify.json'))['checkpoint']))" >"$T/api-head.jsonl"
PUBLIC_KEY=$(python3 -c "import json; print(json.load(open('$T/verify.json'))['public_key'])")
check "the start is logged with the public key" "grep -q 'audit log verified against its signed checkpoints' '$T/serve.log' && grep -q '$PUBLIC_KEY' '$T/serve.log'"
kill -TERM $PID; wait $PID; PID=

CHECKPOINTS=$(ls "$AUDIT_DIR"/checkpoints*.log)
check "key and checkpoint file are 0600, outside the data directory" \
  "[ \"\$(stat -c %a '$AUDIT_DIR/signing.key')\" = 600 ] && [ \"\$(stat -c %a '$CHECKPOINTS')\" = 600 ] && [ ! -e '$T/data/signing.key' ]"
check "srm audit key prints the public key" "'$SRM' audit key ${DB[*]} | grep -q 'public key: $PUBLIC_KEY'"
check "audit verify: intact, head saved" "verify --save-head '$T/head.jsonl' && grep -q 'audit chain intact' '$T/out' && [ -s '$T/head.jsonl' ]"
ENTRIES=$(sql "SELECT max(seq) FROM audit_log")

# --- the key and the checkpoints are refused where they are not safe ---
chmod 644 "$AUDIT_DIR/signing.key"
check "a key others may read is refused" "! verify && grep -q 'chmod 600' '$T/err'"
check "and the server does not start with it" "! '$SRM' serve --port \$(free_port) ${DB[*]} >'$T/serve-refused.log' 2>&1"
chmod 600 "$AUDIT_DIR/signing.key"
check "a key inside the data directory is refused" "! verify --audit-key '$T/data/audit.key' && grep -q 'outside the data directory' '$T/err'"
check "so is a checkpoint file there, from the environment" \
  "! SRM_AUDIT_CHECKPOINTS='$T/data/c.log' verify && grep -q 'audit_checkpoints' '$T/err'"
echo "{\"audit_key\": \"$T/data/sub/k\"}" >"$T/config.json"
check "or from a configuration file" "! '$SRM' --config '$T/config.json' audit verify ${DB[*]} 2>'$T/err' && grep -q 'audit_key' '$T/err'"
check "a key elsewhere, named by the configuration, is used" \
  "echo '{\"audit_key\": \"$T/elsewhere/k\", \"server_id\": \"office-1\"}' >'$T/config2.json' && '$SRM' --config '$T/config2.json' audit key ${DB[*]} | grep -q 'server: office-1' && [ \"\$(stat -c %a '$T/elsewhere/k')\" = 600 ]"

# --- REPLACE and upserts cannot rewrite an entry ---
COLS='seq, at, actor_id, actor_name, role, action, object_type, object_id, "before", "after", request_id, prev_hash, hash'
FORGED="seq, at, actor_id, 'mallory', role, action, object_type, object_id, \"before\", \"after\", request_id, prev_hash, hash"
echo "INSERT INTO audit_log ($COLS) SELECT $COLS FROM audit_log WHERE seq = 2 ON CONFLICT (seq) DO UPDATE SET actor_name = 'mallory';" >"$T/upsert.sql"
check "INSERT ... ON CONFLICT DO UPDATE refused" "! sql \"\$(cat '$T/upsert.sql')\" 2>'$T/err' && grep -q 'append-only' '$T/err'"
if [ -z "${SRM_TEST_PG_URL:-}" ]; then
  echo "INSERT OR REPLACE INTO audit_log ($COLS) SELECT $FORGED FROM audit_log WHERE seq = 2;" >"$T/replace1.sql"
  echo "REPLACE INTO audit_log ($COLS) SELECT $FORGED FROM audit_log WHERE seq = 2;" >"$T/replace2.sql"
  check "INSERT OR REPLACE refused" "! sql \"\$(cat '$T/replace1.sql')\" 2>'$T/err' && grep -q 'append-only' '$T/err'"
  check "REPLACE INTO refused" "! sql \"\$(cat '$T/replace2.sql')\" 2>'$T/err' && grep -q 'append-only' '$T/err'"
fi
check "the entry is untouched" "[ \"\$(sql 'SELECT actor_name FROM audit_log WHERE seq = 2')\" != mallory ] && verify"

# --- entries cut off the end ---
disable_triggers
sql "DELETE FROM audit_log WHERE seq > $((ENTRIES - 3))"
verify; rc=$?
check "truncated log: exit 2 (got $rc)" "[ $rc -eq 2 ]"
check "truncated log: names the checkpointed entry" "grep -q 'BROKEN at entry $ENTRIES (truncated)' '$T/out'"

# --- the server starts all the same, says so loudly, and reports it over HTTP ---
PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" "${DB[@]}" >"$T/serve2.log" 2>&1 &
PID=$!
check "a server on the truncated log starts" "wait_up $PORT"
check "and logs the broken log at start" "grep -q 'AUDIT LOG DOES NOT VERIFY' '$T/serve2.log' && grep -q '\"reason\":\"truncated\"' '$T/serve2.log'"
AUDITOR=$(login "$PORT" auditor)
curl -s -H "Authorization: Bearer $AUDITOR" "http://127.0.0.1:$PORT/api/v1/audit/verify" >"$T/verify2.json"
check "GET /audit/verify: ok false, truncated or mismatch named with its seq, no signed head" \
  "python3 -c 'import json; v=json.load(open(\"$T/verify2.json\")); assert not v[\"ok\"] and v[\"reason\"] in (\"truncated\",\"checkpoint_mismatch\") and v[\"first_bad\"]>0 and v[\"checkpoint\"] is None, v'"
check "and keeps serving" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $AUDITOR' http://127.0.0.1:$PORT/api/v1/sras)\" = 200 ]"
kill -TERM $PID; wait $PID; PID=

# --- the head the auditor kept still tells, even once the checkpoint file is re-anchored ---
check "re-anchor (after a legitimate restore)" "'$SRM' audit re-anchor ${DB[*]} >'$T/out' && grep -q 're-anchored the audit chain at entry' '$T/out'"
check "the old checkpoint file is kept" "ls '$AUDIT_DIR'/checkpoints*.retired-* >/dev/null"
check "the re-anchoring is audited" "[ \"\$(sql \"SELECT count(*) FROM audit_log WHERE action = 'audit.re_anchor'\")\" = 1 ]"
check "after re-anchoring the log verifies" "verify && grep -q 'audit chain intact' '$T/out'"
verify --checkpoint "$T/head.jsonl"; rc=$?
check "a kept head still reports the cut (exit $rc)" "[ $rc -eq 2 ] && grep -Eq '\\((truncated|checkpoint_mismatch)\\)' '$T/out'"
verify --checkpoint "$T/api-head.jsonl"; rc=$?
check "so does the head kept from the API (exit $rc)" "[ $rc -eq 2 ]"

# --- an entry rewritten, the whole chain recomputed after it (the hash scheme is no secret) ---
# More writes first, each with its checkpoint; the entry rewritten is one a checkpoint names.
PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" "${DB[@]}" >"$T/serve3.log" 2>&1 &
PID=$!
check "the re-anchored log serves" "wait_up $PORT"
SP=$(login "$PORT" sp)
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $SP" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$PORT/api/v1/sras" -d "{\"area_id\":\"area_2\",\"title\":\"after re-anchoring $i\"}"
done
kill -TERM $PID; wait $PID; PID=
CHECKPOINTS=$(ls "$AUDIT_DIR"/checkpoints*.log)
EDIT=$(tail -3 "$CHECKPOINTS" | head -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["seq"])')
rows_json | python3 -c '
import hashlib, json, sys
edit = int(sys.argv[1])
rows = json.load(sys.stdin)
def put(field):
    b = str(field).encode()
    return str(len(b)).encode() + b":" + b + b";"
prev = None
for r in rows:
    if r["seq"] < edit:
        prev = r["hash"]; continue
    if r["seq"] == edit: r["actor_name"] = "mallory"
    r["prev_hash"] = prev
    c = b"".join(put(r[k]) for k in ("prev_hash", "seq", "at", "actor_id", "actor_name", "role", "action",
                                     "object_type", "object_id", "before", "after", "request_id"))
    r["hash"] = hashlib.sha256(c).hexdigest()
    prev = r["hash"]
    print("UPDATE audit_log SET actor_name = %s, prev_hash = %s, hash = %s WHERE seq = %d;" %
          tuple(["'"'"'%s'"'"'" % v for v in (r["actor_name"], r["prev_hash"], r["hash"])] + [r["seq"]]))
' "$EDIT" >"$T/rewrite.sql"
disable_triggers
sql "$(cat "$T/rewrite.sql")"
check "the rewritten chain verifies on its own" "[ \"\$(sql \"SELECT actor_name FROM audit_log WHERE seq = $EDIT\")\" = mallory ]"
verify; rc=$?
check "recomputed chain: exit 2 (got $rc)" "[ $rc -eq 2 ]"
check "recomputed chain: the rewritten entry is named" "grep -q 'BROKEN at entry $EDIT (checkpoint_mismatch)' '$T/out'"

# --- a damaged checkpoint ---
check "re-anchor again" "'$SRM' audit re-anchor ${DB[*]} >/dev/null && verify"
CHECKPOINTS=$(ls "$AUDIT_DIR"/checkpoints*.log)
python3 - "$CHECKPOINTS" <<'EOF'
import json, sys
path = sys.argv[1]
lines = open(path).read().splitlines()
last = json.loads(lines[-1])
last["sig"] = ("0" if last["sig"][0] != "0" else "1") + last["sig"][1:]
lines[-1] = json.dumps(last, separators=(",", ":"))
open(path, "w").write("\n".join(lines) + "\n")
EOF
verify; rc=$?
check "bad signature: exit 2 (got $rc)" "[ $rc -eq 2 ] && grep -q '(bad_signature)' '$T/out'"

report audit_anchor
