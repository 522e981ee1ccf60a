#!/usr/bin/env bash
# The hostile-client test of issue 11 (tests/ops/hostile_clients.py says what it asserts): invalid
# UTF-8 paths, parallel logins, parallel password guesses against the throttle, tokens ended by
# logout / password change / disabling, another organization's specific SRA, and a truncated and a
# recomputed audit log. Outcomes only, never timings; about a minute. On SQLite; on PostgreSQL when
# SRM_TEST_PG_URL is set (scripts/test.sh's second pass).
set -uo pipefail
SRM=${1:?usage: hostile_clients.sh path/to/srm}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
T=$(mktemp -d)
if [ -n "${SRM_TEST_PG_URL:-}" ]; then
  DBNAME=srm_hostile_$$
  pg_fresh "$DBNAME" || { echo "hostile_clients: could not create database $DBNAME"; exit 1; }
  trap '[ -n "${KEEP:-}" ] || rm -rf "$T"; pg_drop "$DBNAME"' EXIT
  python3 "$HERE/hostile_clients.py" "$SRM" "$T" "$(pg_url_for "$DBNAME")"
else
  trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
  python3 "$HERE/hostile_clients.py" "$SRM" "$T"
fi
rc=$?
if [ $rc -ne 0 ] && [ -f "$T/serve.log" ]; then
  echo "--- last lines of the server log"
  tail -n 40 "$T/serve.log"
fi
exit $rc
