// The demo data set: the fictional UN training country Carana. Demo mode only.
#pragma once

#include "service/admin.h"
#include "service/sras.h"

namespace srm::service {

inline constexpr const char* kDemoPassword = "demo";
// The demo user names, each with password "demo" and one role.
const std::vector<std::string>& DemoUsernames();

// Loads Carana (regions, 8 areas with polygons, 5 organizations, programmes PC1-PC4, a user per
// role, one published SRA, one draft) when the store has no organizations yet. Idempotent.
Status SeedDemo(store::Store* store, AdminService* admin, SraService* sras);

// Outside demo mode, accounts still holding the demo password are disabled so a deployment
// that once ran the demo is not left open.
Result<int> DisableDemoPasswords(store::Store* store);

}  // namespace srm::service
