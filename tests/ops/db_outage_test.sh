#!/usr/bin/env bash
# The database goes away under the server: PostgreSQL is stopped (fast shutdown) while clients
# write. Every answer is a success or a clear 503 (database_unavailable, Retry-After), never a 500;
# once PostgreSQL is back, the clients repeat what failed with the same Idempotency-Key and every
# request ends up stored exactly once; the chain verifies. Runs its own PostgreSQL (scripts/pg.sh)
# so it can stop it; only in the PostgreSQL pass (SRM_TEST_PG_URL set).
set -uo pipefail
SRM=${1:?usage: db_outage_test.sh path/to/srm}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${SRM_SOURCE_DIR:-$(cd "$HERE/../.." && pwd)}
. "$HERE/lib.sh"
[ -n "${SRM_TEST_PG_URL:-}" ] || { echo "SRM_TEST_PG_URL not set: this test needs PostgreSQL (scripts/test.sh sets it)"; exit 1; }
T=$(mktemp -d)
chmod 755 "$T"  # as root, pg.sh runs the server as the postgres user, who must reach $T/pg
PID=
trap 'kill $PID 2>/dev/null; "$SRC/scripts/pg.sh" stop "$T/pg" >/dev/null 2>&1; rm -rf "$T"' EXIT
export PGOPTIONS='-c client_min_messages=warning'

MAINT=$("$SRC/scripts/pg.sh" start "$T/pg") || { echo "cannot start PostgreSQL"; exit 1; }
psql "$MAINT" -qX -c "CREATE DATABASE srm_outage" >/dev/null
URL=$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/srm_outage")))' "$MAINT")
PORT=$(free_port)
"$SRM" serve --demo --port "$PORT" --db "$URL" >"$T/serve.log" 2>&1 &
PID=$!
check "server starts on PostgreSQL" "wait_up $PORT"
TOKEN=$(login "$PORT" sp)

post() {  # key title -> "status code" (the error code, or the id on success)
  curl -s -D "$T/h.$1" -o "$T/b.$1" -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -H "Idempotency-Key: $1" "http://127.0.0.1:$PORT/api/v1/sras" -d "{\"area_id\":\"area_2\",\"title\":\"$2\"}"
}
check "a write before the outage" "[ \"\$(post k0 'before outage')\" = 201 ]"

# Writers in flight while the database stops.
for i in $(seq 1 12); do ( code=$(post "k$i" "outage $i"); echo "$i $code" >>"$T/codes" ) & done
sleep 0.05
"$SRC/scripts/pg.sh" stop "$T/pg"
wait $(jobs -p | grep -v "^$PID\$") 2>/dev/null
check "every in-flight write got 201 or 503 ($(cut -d' ' -f2 "$T/codes" | sort | uniq -c | xargs))" \
  "! cut -d' ' -f2 '$T/codes' | grep -qv -e '^201$' -e '^503$'"

code=$(post k99 'during outage')
check "a write during the outage: 503 (got $code)" "[ '$code' = 503 ]"
check "  with the code database_unavailable" "grep -q '\"code\":\"database_unavailable\"' '$T/b.k99'"
check "  and Retry-After" "grep -qi '^Retry-After:' '$T/h.k99'"
check "readiness reports the outage" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/readyz)\" = 503 ]"
check "the server stays up" "curl -sf http://127.0.0.1:$PORT/healthz >/dev/null"

"$SRC/scripts/pg.sh" start "$T/pg" >/dev/null || { echo "cannot restart PostgreSQL"; exit 1; }
# The clients repeat what was not acknowledged, with the same keys (then everything once more).
not_201=0
for round in 1 2; do
  not_201=0
  for i in $(seq 1 12) 99; do
    title="outage $i"; [ "$i" = 99 ] && title="during outage"
    code=$(post "k$i" "$title")
    # 201: applied now, or the recorded first answer. 409 already_applied: applied before, but the
    # answer could not be recorded as the database went down (it names the record).
    [ "$code" = 201 ] || { [ "$code" = 409 ] && grep -q already_applied "$T/b.k$i"; } ||
      { not_201=$((not_201+1)); echo "round $round: repeat of k$i answered $code: $(cat "$T/b.k$i")"; }
  done
done
check "after the outage every repeat is settled: 201, or 409 already_applied ($not_201 not)" "[ $not_201 -eq 0 ]"
dupes=$(psql "$URL" -qAtX -c "SELECT count(*) - count(DISTINCT title) FROM sras WHERE title LIKE 'outage %' OR title = 'during outage'")
stored=$(psql "$URL" -qAtX -c "SELECT count(DISTINCT title) FROM sras WHERE title LIKE 'outage %' OR title = 'during outage'")
check "each request stored exactly once ($stored titles, $dupes duplicates)" "[ '$stored' = 13 ] && [ '$dupes' = 0 ]"
kill -TERM $PID; wait $PID; PID=
check "audit chain verifies" "'$SRM' audit verify --db '$URL' | grep -q intact"
report db_outage
