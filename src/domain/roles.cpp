#include "domain/roles.h"

#include <array>
#include <utility>

namespace srm::domain {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 15> kNames{{
    {Role::kAdmin, "admin"},
    {Role::kSecurityProfessional, "security_professional"},
    {Role::kSecurityCell, "security_cell"},
    {Role::kSmt, "smt"},
    {Role::kDssDesk, "dss_desk"},
    {Role::kHqSecurity, "hq_security"},
    {Role::kExecutiveOffice, "executive_office"},
    {Role::kFinance, "finance"},
    {Role::kAuditor, "auditor"},
    {Role::kDesignatedOfficial, "designated_official"},
    {Role::kPcLead, "pc_lead"},
    {Role::kSraDesignate, "sra_designate"},
    {Role::kGovernance, "governance"},
    {Role::kFundManager, "fund_manager"},
    {Role::kFundBoard, "fund_board"},
}};
}  // namespace

std::string_view RoleName(Role r) {
  for (const auto& [role, name] : kNames)
    if (role == r) return name;
  return "unknown";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (const auto& [role, n] : kNames)
    if (n == name) return role;
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> all = [] {
    std::vector<Role> v;
    for (const auto& [role, n] : kNames) v.push_back(role);
    return v;
  }();
  return all;
}

bool GrantCovers(const RoleGrant& g, const ScopeRef& r) {
  if (!g.org_id.empty() && g.org_id != r.org_id) return false;
  if (!g.country_id.empty() && g.country_id != r.country_id) return false;
  if (!g.area_id.empty() && g.area_id != r.area_id) return false;
  return true;
}

}  // namespace srm::domain
