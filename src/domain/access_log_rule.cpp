#include "domain/access_log_rule.h"

#include <algorithm>

namespace srm::domain {
namespace {
bool Holds(const User& u, Role r, const ScopeRef& where) {
  return std::any_of(u.grants.begin(), u.grants.end(),
                     [&](const RoleGrant& g) { return g.role == r && GrantCovers(g, where); });
}
}  // namespace

AccessLogVerdict MayReadAccessLog(const User& reader, const ScopeRef& sra, bool may_read_sra) {
  if (!may_read_sra) return {false, "sra_not_readable"};
  if (Holds(reader, Role::kAuditor, sra)) return {true, "auditor"};
  if (Holds(reader, Role::kDssDesk, sra)) return {true, "dss_desk"};
  // The owners: whoever conducts SRAs for the area in the organization the SRA belongs to.
  const bool same_org = !sra.org_id.empty() && reader.organization_id == sra.org_id;
  if (same_org && (Holds(reader, Role::kSecurityProfessional, sra) || Holds(reader, Role::kSraDesignate, sra)))
    return {true, "owner"};
  return {false, "access_log_restricted"};
}

}  // namespace srm::domain
