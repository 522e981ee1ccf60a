// Administration use cases: users and their role grants, reference data (organizations,
// geography, programmes) and the audit log. Thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/clock.h"
#include "service/auth.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

class AdminService {
 public:
  AdminService(store::Store* store, AuthService* auth, const Clock* clock, IdGen* ids)
      : store_(store), auth_(auth), clock_(clock), ids_(ids) {}

  // body: {username, password, display_name, organization_id, grants:[{role, org_id, country_id, area_id}]}
  // enforce_policy=false only for demo seeding.
  Result<domain::User> CreateUser(const Principal& p, const nlohmann::json& body, bool enforce_policy = true);
  // body: any of {display_name, organization_id, grants, disabled}
  Result<domain::User> UpdateUser(const Principal& p, const std::string& id, const nlohmann::json& body);
  // An administrator sets anyone's password; a user changes their own with current_password.
  Status SetPassword(const Principal& p, const std::string& id, const nlohmann::json& body);
  // Administrators and auditors: every user, narrowed by `f` (search, organization, role, disabled).
  Result<store::Page<domain::User>> ListUsers(const Principal& p, const store::UserFilter& f,
                                              const store::PageRequest& page);
  Result<domain::User> GetUser(const Principal& p, const std::string& id);

  Result<std::vector<domain::Organization>> Organizations(const Principal& p);
  Result<std::vector<domain::Country>> Countries(const Principal& p);
  Result<std::vector<domain::Area>> Areas(const Principal& p, const std::string& country_id, bool with_geometry);
  Result<domain::Area> Area(const Principal& p, const std::string& id);
  Result<std::vector<domain::Programme>> Programmes(const Principal& p, const std::string& area_id);

  // Auditor/administrator: the whole log; anyone who can read an SRA: that SRA's entries.
  Result<store::Page<store::AuditEntry>> Audit(const Principal& p, const std::string& object_id,
                                               const store::PageRequest& page);
  // Verifying the log: service/audit.h.

 private:
  Result<std::vector<domain::RoleGrant>> ParseGrants(const nlohmann::json& v);

  store::Store* store_;
  AuthService* auth_;
  const Clock* clock_;
  IdGen* ids_;
};

nlohmann::json UserToJson(const domain::User& u);

}  // namespace srm::service
