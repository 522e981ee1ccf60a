#!/usr/bin/env bash
# Runs every test: the C++ suites (unit, store conformance, API over real HTTP, CLI) and the
# browser tests of the web UI. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
status=0
(cd build && ctest -j2 --output-on-failure --timeout 600) || status=1
if [ -x scripts/e2e.sh ]; then
  scripts/e2e.sh || status=1
fi
if [ $status -ne 0 ]; then echo "FAILED"; fi
exit $status
