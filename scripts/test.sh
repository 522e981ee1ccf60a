#!/usr/bin/env bash
# Runs every test: the C++ suites (unit, store conformance, API over real HTTP, CLI) once on
# SQLite and once on PostgreSQL, and the browser tests of the web UI. Exits non-zero when anything
# fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
status=0
# Tests that need PostgreSQL (their names say postgres, or the database copy and outage scripts)
# run in the second pass only, against the server this script starts.
PG_ONLY='/postgres|PostgresStoreTest|db_copy_test|db_outage_test|db_hang_test'
(cd build && ctest -j2 --output-on-failure --timeout 600 -E "$PG_ONLY") || status=1

# The same suite again on PostgreSQL: a throwaway server from Debian's packages (scripts/pg.sh,
# loopback only, in a temporary directory), stopped and removed at the end. The store, API, CLI
# and crash tests read SRM_TEST_PG_URL; the SQLite-only store tests are not run twice.
PGDIR=$(mktemp -d)
trap 'scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$PGDIR"' EXIT
if SRM_TEST_PG_URL=$(scripts/pg.sh start "$PGDIR"); then
  export SRM_TEST_PG_URL
  echo "PostgreSQL pass on $SRM_TEST_PG_URL"
  (cd build && ctest -j2 --output-on-failure --timeout 600 -E '/sqlite|SqliteStoreTest|SqliteIncidentStoreTest') || status=1
  unset SRM_TEST_PG_URL
else
  echo "could not start PostgreSQL for the second pass"
  status=1
fi
scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true
# libFuzzer on every input family (request edge, JSON bodies, CSV, GeoJSON, method packs) with
# ASan + UBSan, about three minutes in all with its clang build; any crash or report fails the run.
FUZZ_TOTAL_SECONDS=${FUZZ_TOTAL_SECONDS:-180} scripts/fuzz.sh || status=1
if [ -x scripts/e2e.sh ]; then
  scripts/e2e.sh || status=1
fi
if [ $status -ne 0 ]; then echo "FAILED"; fi
exit $status
