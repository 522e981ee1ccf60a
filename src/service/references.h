// Organizations, countries and areas named in input (an SRA and its programmes, a user's grants)
// must exist: each check answers 422 naming the field. An empty id names nothing and passes; what
// it means (the user's own organization, an unscoped grant) is the caller's.
#pragma once

#include <string>

#include "core/result.h"
#include "store/store.h"

namespace srm::service {

Status RequireOrganization(store::Store* st, const std::string& id, const std::string& field);
Status RequireCountry(store::Store* st, const std::string& id, const std::string& field);

}  // namespace srm::service
