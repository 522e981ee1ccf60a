#!/usr/bin/env bash
# One command for a fresh Debian machine: install packages, build everything, and start the
# server on SQLite with the Carana demo data at http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
echo "Starting OpenSRM on http://127.0.0.1:${PORT:-8080}/ (demo users: admin, sp, cell, smt, dss, hq, exec, finance, auditor; password: demo)"
exec build/srm serve --demo --port "${PORT:-8080}" --data "${DATA_DIR:-./data}"
