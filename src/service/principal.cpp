#include "service/principal.h"

namespace srm::service {

using domain::Role;

bool Principal::Has(Role r) const {
  for (const auto& g : user.grants)
    if (g.role == r) return true;
  return false;
}

bool Principal::HasFor(Role r, const domain::ScopeRef& where) const {
  for (const auto& g : user.grants)
    if (g.role == r && domain::GrantCovers(g, where)) return true;
  return false;
}

bool Principal::CanSeeArea(const std::string& country_id, const std::string& area_id) const {
  for (const auto& g : user.grants) {
    if (g.role == Role::kAuditor || g.role == Role::kAdmin) return true;
    if (!g.country_id.empty() && g.country_id != country_id) continue;
    if (!g.area_id.empty() && g.area_id != area_id) continue;
    return true;
  }
  return false;
}

std::string Principal::RoleLabel(Role r) const { return std::string(domain::RoleName(r)); }

Principal ConsolePrincipal(const std::string& os_user) {
  Principal p;
  p.user.id = "cli";
  p.user.username = os_user.empty() ? "console" : os_user;
  p.user.grants.push_back({Role::kAdmin, "", "", ""});
  p.session_kind = "cli";
  return p;
}

}  // namespace srm::service
