// Roles of SRM-METHOD.md section 1 and the scope a grant of one applies to.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace srm::domain {

enum class Role {
  kAdmin,
  kSecurityProfessional,  // drafts SRAs
  kSecurityCell,          // reviews
  kSmt,                   // SMT member / DO: endorses
  kDssDesk,               // DSS Division of Regional Operations: approves and publishes
  kHqSecurity,            // agency HQ security office (coordinates specific SRAs)
  kExecutiveOffice,       // executive head's office (very high residual risk)
  kFinance,
  kAuditor,               // read-only everything
  kDesignatedOfficial,    // chairs the SMT, decides avoidance (relocation, evacuation)
  kPcLead,                // RC/HC/SRSG office: runs programme criticality assessments
  kSraDesignate,          // a security professional DSS designates to conduct the area SRA where it has no presence
  kGovernance,            // the security governance group: publishes the universal price list (issue 15)
  kFundManager,           // the emergency security fund's manager: records contributions, decides within authority (issue 16)
  kFundBoard,             // the emergency security fund's board (its chair): decides above the manager's authority
};

std::string_view RoleName(Role r);
std::optional<Role> RoleFromName(std::string_view name);
const std::vector<Role>& AllRoles();

// A role held within a scope. Empty org/country/area means "any".
struct RoleGrant {
  Role role = Role::kAuditor;
  std::string org_id;
  std::string country_id;
  std::string area_id;

  bool operator==(const RoleGrant&) const = default;
};

// Where a resource sits, for scope checks.
struct ScopeRef {
  std::string org_id;
  std::string country_id;
  std::string area_id;
};

// True when the grant covers the resource (each non-empty grant field must match).
bool GrantCovers(const RoleGrant& g, const ScopeRef& r);

}  // namespace srm::domain
