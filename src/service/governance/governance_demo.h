// The demo's governance (issue 16): the security governance group with its published terms of
// reference and a meeting, the other bodies, the action plan of 002 § 49, security personnel of
// Carana and a surge deployment paid by the fund's approved request (service/governance/governance_demo.cpp).
#pragma once

#include "core/calendar.h"
#include "core/result.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

// Dated relative to `seeded_on`; after the fund and the price lists are seeded (the plan links them).
Status SeedGovernance(store::Store* store, const Principal& gov, const Principal& gov2, const Principal& dss,
                      const Principal& sp, calendar::Day seeded_on);

}  // namespace srm::service
