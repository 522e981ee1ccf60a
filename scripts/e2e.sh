#!/usr/bin/env bash
# Builds the web UI and runs the browser tests (tests/e2e) against build/srm, driving Debian's
# chromium headless through playwright-core. Exits non-zero when a test fails.
# Assumes build/srm exists (scripts/build.sh). Screenshots go to test-output/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${SRM_BIN:-build/srm}" ]; then
  echo "e2e: ${SRM_BIN:-build/srm} is missing; build it first (scripts/build.sh)" >&2
  exit 1
fi
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian's chromium"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium \
    || { $SUDO apt-get update -q && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; }
fi

npm_install() {
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
}
(cd web && npm_install && npm run build)
(cd tests/e2e && npm_install)
mkdir -p test-output/e2e
cd tests/e2e
exec node --test --test-concurrency=1 --test-timeout=600000 ui.test.mjs decisions.test.mjs acceptance.test.mjs avoidance.test.mjs evidence.test.mjs lists.test.mjs phone.test.mjs help.test.mjs visibility.test.mjs programmes.test.mjs documents.test.mjs exports.test.mjs services.test.mjs money.test.mjs fund.test.mjs action-plan.test.mjs layout.test.mjs no-lost-work.test.mjs wizard-consistency.test.mjs governance.test.mjs workforce.test.mjs admin.test.mjs list-filters.test.mjs list-filters-admin.test.mjs list-filters-inbox-slas.test.mjs list-filters-avoidance.test.mjs review-comments.test.mjs write-names.test.mjs dashboards.test.mjs accessibility.test.mjs leave-guards.test.mjs plain-language.test.mjs error-codes.test.mjs error-texts.test.mjs busy-retry.test.mjs
