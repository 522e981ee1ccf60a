// The demo's results chain and universal price lists (service/money/catalog_demo.cpp).
#pragma once

#include "core/calendar.h"
#include "core/result.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

// About thirty services of the results chain (DSS, agency and joint) added by `governance`, and
// the price lists of the year of `seeded_on` and of the next year, each drafted by `governance`
// and published by `publisher` (separation of duties), priced in USD with a regional factor for
// Carana and an arrangement for entities outside the core framework. Every write goes through
// CatalogService, so the audit trail is the real one.
Status SeedCatalog(store::Store* store, const Principal& governance, const Principal& publisher,
                   calendar::Day seeded_on);

}  // namespace srm::service
