// The demo's Carana cost-shared security budget for next year (service/money/budget_demo.cpp).
#pragma once

#include "core/result.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

// Drafts it as `sp` when next year's published price list exists (seeded before it); else nothing.
Status SeedCaranaBudget(store::Store* store, const Principal& sp);

}  // namespace srm::service
