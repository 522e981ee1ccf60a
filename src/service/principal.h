// Who is calling, as established by authentication; passed by const reference into every use case.
#pragma once

#include <optional>
#include <string>

#include "domain/entities.h"

namespace srm::service {

struct Principal {
  domain::User user;
  std::string session_kind;  // "cookie" | "token" | "api" (integration token) | "cli" (local operator) | "system"
  std::string session_id;    // the sign-in (or integration token) this request came with
  std::string request_id;
  // The code of the user's organization when authentication read it with the session (saves the
  // use cases that compare it, e.g. the area-SRA conductor rule, a lookup); unset otherwise.
  std::optional<std::string> organization_code;

  bool Has(domain::Role r) const;
  // True when a grant of role r covers the resource.
  bool HasFor(domain::Role r, const domain::ScopeRef& where) const;
  // True when any grant (of any role) covers the area: the read rule of area SRAs, shared by
  // every organization present in the area (specific SRAs: service/scope.h).
  bool CanSeeArea(const std::string& country_id, const std::string& area_id) const;
  // The first role the principal holds among these, for the audit record.
  std::string RoleLabel(domain::Role r) const;
};

// An operator at the server's console (CLI): acts as administrator, audited as "cli".
Principal ConsolePrincipal(const std::string& os_user);

}  // namespace srm::service
