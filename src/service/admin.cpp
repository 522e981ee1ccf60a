#include "service/admin.h"

#include <nlohmann/json.hpp>

#include "security/crypto.h"
#include "service/references.h"
#include "core/strict_json.h"
#include "service/scope.h"

namespace srm::service {

using domain::Role;
using nlohmann::json;

json UserToJson(const domain::User& u) {
  json grants = json::array();
  for (const auto& g : u.grants)
    grants.push_back({{"role", domain::RoleName(g.role)}, {"org_id", g.org_id}, {"country_id", g.country_id},
                      {"area_id", g.area_id}});
  return {{"id", u.id}, {"username", u.username}, {"display_name", u.display_name},
          {"organization_id", u.organization_id}, {"grants", grants}, {"disabled", u.disabled},
          {"created_at", u.created_at}};
}

namespace {
Status RequireAdmin(const Principal& p) {
  if (!p.Has(Role::kAdmin)) return Forbidden("only an administrator may manage users");
  return {};
}
bool ValidUsername(const std::string& u) {
  if (u.size() < 2 || u.size() > 64) return false;
  for (char c : u)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}
}  // namespace

Result<std::vector<domain::RoleGrant>> AdminService::ParseGrants(const json& v) {
  SRM_TRY(strict_json::Array(v, "grants", 100));
  std::vector<domain::RoleGrant> out;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string f = strict_json::ItemPrefix("grants", i);
    const json& g = v[i];
    SRM_TRY(strict_json::OnlyFields(g, {"role", "org_id", "country_id", "area_id"}, f));
    SRM_ASSIGN(role_name, strict_json::Text(g, "role", true, 64, f));
    auto role = domain::RoleFromName(role_name);
    if (!role) return Unprocessable("unknown_role", "unknown role '" + role_name + "'", f + "role");
    domain::RoleGrant rg{*role, "", "", ""};
    SRM_TRY(strict_json::PatchText(g, "org_id", 64, &rg.org_id, f));
    SRM_TRY(strict_json::PatchText(g, "country_id", 64, &rg.country_id, f));
    SRM_TRY(strict_json::PatchText(g, "area_id", 64, &rg.area_id, f));
    // What a grant names exists; an empty id means "any" (unscoped).
    SRM_TRY(RequireOrganization(store_, rg.org_id, f + "org_id"));
    SRM_TRY(RequireCountry(store_, rg.country_id, f + "country_id"));
    if (!rg.area_id.empty()) {
      SRM_ASSIGN(area, store_->GetArea(rg.area_id));
      if (!area) return Unprocessable("unknown_area", "unknown area '" + rg.area_id + "'", f + "area_id");
      if (rg.country_id.empty()) rg.country_id = area->country_id;
      if (rg.country_id != area->country_id)
        return Unprocessable("area_not_in_country", "area '" + rg.area_id + "' is not in country '" + rg.country_id + "'",
                             f + "area_id");
    }
    out.push_back(std::move(rg));
  }
  return out;
}

Result<domain::User> AdminService::CreateUser(const Principal& p, const json& body, bool enforce_policy) {
  SRM_TRY(RequireAdmin(p));
  SRM_TRY(strict_json::Object(body));
  domain::User u;
  std::string password;
  SRM_TRY(strict_json::PatchText(body, "username", 64, &u.username));
  SRM_TRY(strict_json::PatchText(body, "password", 1024, &password));
  SRM_TRY(strict_json::PatchText(body, "display_name", 200, &u.display_name));
  SRM_TRY(strict_json::PatchText(body, "organization_id", 64, &u.organization_id));
  if (!ValidUsername(u.username))
    return Invalid("invalid_username", "username: 2-64 letters, digits, '.', '_' or '-'", "username");
  if (enforce_policy) SRM_TRY(auth_->CheckPasswordPolicy(password, u.username, u.display_name));
  if (password.empty()) return Invalid("required", "password is required", "password");
  if (body.contains("grants")) {
    SRM_ASSIGN(grants, ParseGrants(body["grants"]));
    u.grants = std::move(grants);
  }
  SRM_ASSIGN(hash, auth_->HashPassword(password));
  u.password_hash = std::move(hash);
  u.id = ids_->NewId("usr");
  u.created_at = FormatTimestamp(clock_->NowMillis());
  json after = UserToJson(u);
  store::AuditEvent ev{p.user.id, p.user.username, "admin", "user.create", "user", u.id, "", after.dump(),
                       p.request_id};
  SRM_TRY(store_->CreateUser(u, ev));  // raises the people's names epoch (SRA views name who acted)
  return u;
}

Result<domain::User> AdminService::UpdateUser(const Principal& p, const std::string& id, const json& body) {
  SRM_TRY(RequireAdmin(p));
  SRM_TRY(strict_json::OnlyFields(body, {"display_name", "organization_id", "grants", "disabled"}));
  SRM_ASSIGN(found, store_->GetUser(id));
  if (!found) return NotFound("user " + id);
  domain::User u = *found;
  json before = UserToJson(u);
  SRM_TRY(strict_json::PatchText(body, "display_name", 200, &u.display_name));
  SRM_TRY(strict_json::PatchText(body, "organization_id", 64, &u.organization_id));
  if (body.contains("grants")) {
    SRM_ASSIGN(grants, ParseGrants(body["grants"]));
    u.grants = std::move(grants);
  }
  SRM_TRY(strict_json::PatchBool(body, "disabled", &u.disabled));
  if (u.id == p.user.id && (u.disabled || std::none_of(u.grants.begin(), u.grants.end(), [](const auto& g) {
                              return g.role == Role::kAdmin;
                            })))
    return Conflict("self_lockout", "you cannot disable yourself or remove your own administrator role");
  store::AuditEvent ev{p.user.id, p.user.username, "admin", "user.update", "user", u.id, before.dump(),
                       UserToJson(u).dump(), p.request_id};
  // Disabling ends the user's sessions and tokens in the same transaction (store.h); a new display
  // name raises the people's names epoch there too (SRA views name who acted).
  SRM_TRY(store_->UpdateUser(u, ev));
  return u;
}

Status AdminService::SetPassword(const Principal& p, const std::string& id, const json& body) {
  const bool self = id == p.user.id;
  if (!self && !p.Has(Role::kAdmin)) return Forbidden("you may only change your own password");
  SRM_TRY(strict_json::Object(body));
  std::string password, current;
  SRM_TRY(strict_json::PatchText(body, "password", 1024, &password));
  SRM_TRY(strict_json::PatchText(body, "current_password", 1024, &current));
  SRM_ASSIGN(found, store_->GetUser(id));
  if (!found) return NotFound("user " + id);
  SRM_TRY(auth_->CheckPasswordPolicy(password, found->username, found->display_name));
  // Proving the current password is throttled per user, like signing in.
  if (self && p.session_kind != "cli") SRM_TRY(auth_->VerifyCurrentPassword(*found, current));
  SRM_ASSIGN(hash, auth_->HashPassword(password));
  // Every other session and token of the user ends with the old password; a user changing their
  // own keeps the sign-in they did it from.
  const std::string keep = self && p.session_kind != "cli" ? p.session_id : std::string();
  store::AuditEvent ev{p.user.id, p.user.username, self ? "self" : "admin", "user.password", "user", id, "",
                       json{{"other_sessions_ended", true}}.dump(), p.request_id};
  return store_->SetPasswordHash(id, hash, keep, ev);
}

Result<store::Page<domain::User>> AdminService::ListUsers(const Principal& p, const store::UserFilter& f,
                                                          const store::PageRequest& page) {
  if (!p.Has(Role::kAdmin) && !p.Has(Role::kAuditor)) return Forbidden("only administrators and auditors list users");
  return store_->ListUsers(f, page);
}

Result<domain::User> AdminService::GetUser(const Principal& p, const std::string& id) {
  if (id != p.user.id && !p.Has(Role::kAdmin) && !p.Has(Role::kAuditor))
    return Forbidden("only administrators and auditors see other users");
  SRM_ASSIGN(found, store_->GetUser(id));
  if (!found) return NotFound("user " + id);
  return *found;
}

Result<std::vector<domain::Organization>> AdminService::Organizations(const Principal&) {
  return store_->ListOrganizations();
}
Result<std::vector<domain::Country>> AdminService::Countries(const Principal&) { return store_->ListCountries(); }

Result<std::vector<domain::Area>> AdminService::Areas(const Principal& p, const std::string& country_id,
                                                      bool with_geometry) {
  SRM_ASSIGN(all, store_->ListAreas(country_id, with_geometry));
  std::vector<domain::Area> out;
  for (auto& a : all)
    if (p.CanSeeArea(a.country_id, a.id)) out.push_back(std::move(a));
  return out;
}

Result<domain::Area> AdminService::Area(const Principal& p, const std::string& id) {
  if (id.empty() || id.size() > 64) return NotFound("area");
  SRM_ASSIGN(a, store_->GetArea(id));
  if (!a) return NotFound("area " + id);
  if (!p.CanSeeArea(a->country_id, a->id)) return Forbidden("this area is outside your scope");
  return *a;
}

Result<std::vector<domain::Programme>> AdminService::Programmes(const Principal& p, const std::string& area_id) {
  if (!area_id.empty()) SRM_TRY(Area(p, area_id));
  SRM_ASSIGN(all, store_->ListProgrammes(area_id));
  std::vector<domain::Programme> out;
  std::vector<domain::Area> areas;
  for (auto& pr : all) {
    SRM_ASSIGN(a, store_->GetArea(pr.area_id));
    if (a && p.CanSeeArea(a->country_id, a->id)) out.push_back(std::move(pr));
  }
  return out;
}

Result<store::Page<store::AuditEntry>> AdminService::Audit(const Principal& p, const std::string& object_id,
                                                           const store::PageRequest& page) {
  const bool all = p.Has(Role::kAuditor) || p.Has(Role::kAdmin);
  if (!all) {
    if (object_id.empty()) return Forbidden("only auditors and administrators read the whole audit log");
    SRM_ASSIGN(row, store_->GetSra(object_id));
    if (!row || !MaySeeSra(p, *row)) return Forbidden("you may read the audit trail only of SRAs you may read");
  }
  return store_->ListAudit(object_id, page);
}

}  // namespace srm::service
