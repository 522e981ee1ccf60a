#include "service/scope.h"

namespace srm::service {

using domain::Role;

namespace {

// A grant of one of the roles of the SRA workflow for an area, not restricted to one organization.
bool WorksOnSrasOfEveryOrganization(const domain::RoleGrant& g) {
  return g.org_id.empty() && (g.role == Role::kSecurityProfessional || g.role == Role::kSecurityCell ||
                              g.role == Role::kSmt || g.role == Role::kDssDesk);
}

bool Unscoped(const domain::RoleGrant& g) { return g.country_id.empty() && g.area_id.empty(); }

// Roles that read every organization's decision records in their areas. The Designated Official
// decides avoidance for everyone present and the PC lead runs the country team's PC assessment of
// every organization's programmes (SRM-METHOD.md §7a), so both read across organizations.
bool IsCrossOrganizationRole(Role r) {
  return r == Role::kAdmin || r == Role::kAuditor || r == Role::kDssDesk || r == Role::kSecurityCell ||
         r == Role::kSecurityProfessional || r == Role::kDesignatedOfficial || r == Role::kPcLead;
}

}  // namespace

bool IsGlobalReader(Role r) { return r == Role::kAdmin || r == Role::kAuditor; }

bool IsCrossOrganizationGrant(const domain::RoleGrant& g) {
  return (IsCrossOrganizationRole(g.role) && g.org_id.empty()) || IsGlobalReader(g.role);
}

bool MayWrite(const Principal& p) {
  for (const auto& g : p.user.grants)
    if (g.role != Role::kAuditor) return true;
  return false;
}

bool ReadsEveryOrganizationIn(const Principal& p, const std::string& country, const std::string& area, bool with_smt) {
  for (const auto& g : p.user.grants) {
    if (IsGlobalReader(g.role)) return true;
    if (!(IsCrossOrganizationRole(g.role) || (with_smt && g.role == Role::kSmt)) || !g.org_id.empty()) continue;
    if (domain::GrantCovers(g, {"", country, area})) return true;
  }
  return false;
}

bool MayReadOrganizationRecord(const Principal& p, const std::string& org, const std::string& country,
                               const std::string& area) {
  return org == p.user.organization_id || ReadsEveryOrganizationIn(p, country, area);
}

bool HoldsInterAgencyRoleIn(const Principal& p, Role r, const std::string& country, const std::string& area) {
  for (const auto& g : p.user.grants)
    if (g.role == r && g.org_id.empty() && domain::GrantCovers(g, {"", country, area})) return true;
  return false;
}

bool ActsForOwnOrganization(const Principal& p, Role r, const std::string& org, const std::string& country,
                            const std::string& area) {
  return p.user.organization_id == org && p.HasFor(r, {org, country, area});
}

bool HoldsRoleCoveringArea(const Principal& p, Role r, const std::string& country, const std::string& area) {
  for (const auto& g : p.user.grants) {
    if (g.role != r) continue;
    if (!g.country_id.empty() && g.country_id != country) continue;
    if (!g.area_id.empty() && g.area_id != area) continue;
    return true;
  }
  return false;
}

Result<std::optional<std::vector<std::string>>> AreasWhereHolds(
    store::Store* st, const Principal& p, const std::function<bool(const domain::RoleGrant&)>& pick) {
  std::vector<std::string> areas, countries;
  for (const auto& g : p.user.grants) {
    if (!pick(g)) continue;
    if (IsGlobalReader(g.role) || Unscoped(g)) return std::optional<std::vector<std::string>>();
    if (!g.area_id.empty()) areas.push_back(g.area_id);
    else countries.push_back(g.country_id);
  }
  for (const auto& c : countries) {
    SRM_ASSIGN(list, st->ListAreas(c, false));
    for (const auto& a : list) areas.push_back(a.id);
  }
  return std::optional<std::vector<std::string>>(std::move(areas));
}

Status RestrictToCrossOrganizationAreas(store::Store* st, const Principal& p, store::DocFilter* f) {
  SRM_ASSIGN(areas, AreasWhereHolds(st, p, IsCrossOrganizationGrant));
  if (areas) {
    f->restrict_areas = true;
    f->area_ids = std::move(*areas);
  }
  return {};
}


bool ReadsOtherOrganizationsSpecificSras(const Principal& p, const std::string& country_id,
                                         const std::string& area_id) {
  for (const auto& g : p.user.grants) {
    if (IsGlobalReader(g.role)) return true;
    if (!WorksOnSrasOfEveryOrganization(g)) continue;
    if (!g.country_id.empty() && g.country_id != country_id) continue;
    if (!g.area_id.empty() && g.area_id != area_id) continue;
    return true;
  }
  return false;
}

bool MaySeeSra(const Principal& p, const std::string& kind, const std::string& organization_id,
               const std::string& country_id, const std::string& area_id) {
  if (!p.CanSeeArea(country_id, area_id)) return false;
  if (kind != "specific") return true;
  return organization_id == p.user.organization_id || ReadsOtherOrganizationsSpecificSras(p, country_id, area_id);
}

namespace {

// What a listing must be restricted to, computed from the same predicates as the single reads:
// the areas the principal sees and those where it reads other organizations' specific SRAs
// (nullopt = every area, no restriction).
struct ListScope {
  std::optional<std::vector<std::string>> visible, cross_org;
};

Result<ListScope> ScopeOf(store::Store* st, const Principal& p) {
  bool all_visible = false, all_cross = false;
  for (const auto& g : p.user.grants) {
    all_visible = all_visible || IsGlobalReader(g.role) || Unscoped(g);
    all_cross = all_cross || IsGlobalReader(g.role) || (WorksOnSrasOfEveryOrganization(g) && Unscoped(g));
  }
  ListScope s;
  if (all_visible && all_cross) return s;
  SRM_ASSIGN(areas, st->ListAreas("", false));
  if (!all_visible) s.visible.emplace();
  if (!all_cross) s.cross_org.emplace();
  for (const auto& a : areas) {
    if (s.visible && p.CanSeeArea(a.country_id, a.id)) s.visible->push_back(a.id);
    if (s.cross_org && ReadsOtherOrganizationsSpecificSras(p, a.country_id, a.id)) s.cross_org->push_back(a.id);
  }
  return s;
}

}  // namespace

// SraFilter and DocFilter name the scope columns alike.
template <typename Filter>
Status ApplyScope(store::Store* st, const Principal& p, Filter* f) {
  SRM_ASSIGN(s, ScopeOf(st, p));
  if (s.visible) {
    f->restrict_areas = true;
    f->area_ids = std::move(*s.visible);
  }
  if (s.cross_org) {
    f->restrict_cross_org = true;
    f->reader_org_id = p.user.organization_id;
    f->cross_org_area_ids = std::move(*s.cross_org);
  }
  return {};
}

Status ScopeSraList(store::Store* st, const Principal& p, store::SraFilter* f) { return ApplyScope(st, p, f); }

Status ScopeSraDocList(store::Store* st, const Principal& p, store::DocFilter* f) { return ApplyScope(st, p, f); }

}  // namespace srm::service
