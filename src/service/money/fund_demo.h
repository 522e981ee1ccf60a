// The demo's emergency security fund (service/money/fund_demo.cpp, issue 16).
#pragma once

#include "core/calendar.h"
#include "core/result.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

// Three contributions and two requests in Sanjar (area_1), dated relative to `seeded_on`: one
// approved by `fund` and disbursed, one above the manager's authority waiting for `board`.
// Walks the fund's own use cases, so the ledger and the audit trail are genuine.
Status SeedFund(store::Store* store, const Principal& sp, const Principal& fund, calendar::Day seeded_on);

}  // namespace srm::service
