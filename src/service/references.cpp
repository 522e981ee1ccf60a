#include "service/references.h"

#include <algorithm>

namespace srm::service {

Status RequireOrganization(store::Store* st, const std::string& id, const std::string& field) {
  if (id.empty()) return {};
  SRM_ASSIGN(all, st->ListOrganizations());
  if (std::none_of(all.begin(), all.end(), [&](const domain::Organization& o) { return o.id == id; }))
    return Unprocessable("unknown_organization", "unknown organization '" + id + "'", field);
  return {};
}

Status RequireCountry(store::Store* st, const std::string& id, const std::string& field) {
  if (id.empty()) return {};
  SRM_ASSIGN(all, st->ListCountries());
  if (std::none_of(all.begin(), all.end(), [&](const domain::Country& c) { return c.id == id; }))
    return Unprocessable("unknown_country", "unknown country '" + id + "'", field);
  return {};
}

}  // namespace srm::service
