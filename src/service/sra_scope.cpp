#include "service/sra_scope.h"

namespace srm::service {

using domain::Role;

namespace {

bool GlobalReader(Role r) { return r == Role::kAdmin || r == Role::kAuditor; }

// A grant of one of the roles of the SRA workflow for an area, not restricted to one organization.
bool WorksOnSrasOfEveryOrganization(const domain::RoleGrant& g) {
  return g.org_id.empty() && (g.role == Role::kSecurityProfessional || g.role == Role::kSecurityCell ||
                              g.role == Role::kSmt || g.role == Role::kDssDesk);
}

bool Unscoped(const domain::RoleGrant& g) { return g.country_id.empty() && g.area_id.empty(); }

}  // namespace

bool ReadsOtherOrganizationsSpecificSras(const Principal& p, const std::string& country_id,
                                         const std::string& area_id) {
  for (const auto& g : p.user.grants) {
    if (GlobalReader(g.role)) return true;
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
    all_visible = all_visible || GlobalReader(g.role) || Unscoped(g);
    all_cross = all_cross || GlobalReader(g.role) || (WorksOnSrasOfEveryOrganization(g) && Unscoped(g));
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
