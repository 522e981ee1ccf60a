#include "store/grants_json.h"

#include <nlohmann/json.hpp>
#include <functional>
#include <unordered_map>

namespace srm::store {

std::string GrantsToJson(const std::vector<domain::RoleGrant>& grants) {
  nlohmann::json array = nlohmann::json::array();
  for (const domain::RoleGrant& grant : grants) {
    array.push_back({{"role", std::string(domain::RoleName(grant.role))},
                     {"org_id", grant.org_id},
                     {"country_id", grant.country_id},
                     {"area_id", grant.area_id}});
  }
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

Result<std::vector<domain::RoleGrant>> ParseGrants(std::string_view json) {
  const auto corrupt = [](const std::string& why) {
    return Fail(ErrorKind::kInternal, "corrupt_grants", "stored role grants are unreadable: " + why);
  };
  const nlohmann::json array = nlohmann::json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (array.is_discarded() || !array.is_array()) return corrupt("not a JSON array");
  std::vector<domain::RoleGrant> grants;
  grants.reserve(array.size());
  for (const nlohmann::json& item : array) {
    if (!item.is_object()) return corrupt("grant is not an object");
    const auto text = [&](const char* key) -> const std::string* {
      auto found = item.find(key);
      return found != item.end() && found->is_string() ? found->get_ptr<const std::string*>() : nullptr;
    };
    const std::string* role_name = text("role");
    const std::string* org_id = text("org_id");
    const std::string* country_id = text("country_id");
    const std::string* area_id = text("area_id");
    if (role_name == nullptr || org_id == nullptr || country_id == nullptr || area_id == nullptr)
      return corrupt("grant lacks a field");
    const std::optional<domain::Role> role = domain::RoleFromName(*role_name);
    if (!role) return corrupt("unknown role '" + *role_name + "'");
    grants.push_back({*role, *org_id, *country_id, *area_id});
  }
  return grants;
}

}  // namespace

// Every authenticated request reads its user's grants: parsing the same few hundred bytes of JSON
// again each time was a twentieth of the request's instructions. The parse is a pure function of
// the text, so it is remembered by the text itself (compared whole): the row read by this request
// decides, a changed grant is a different text and is parsed anew, and nothing can go stale.
// Per thread (no lock on the request path), a few hundred texts at most.
Result<std::vector<domain::RoleGrant>> GrantsFromJson(std::string_view json) {
  constexpr size_t kMaxRemembered = 256;
  constexpr size_t kMaxTextBytes = 4096;  // a user with very many grants is parsed each time
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  thread_local std::unordered_map<std::string, std::vector<domain::RoleGrant>, TextHash, std::equal_to<>> parsed;
  if (json.size() > kMaxTextBytes) return ParseGrants(json);
  if (auto found = parsed.find(json); found != parsed.end()) return found->second;
  SRM_ASSIGN(grants, ParseGrants(json));  // an unreadable text is refused every time, never remembered
  if (parsed.size() >= kMaxRemembered) parsed.clear();
  parsed.emplace(std::string(json), grants);
  return grants;
}

}  // namespace srm::store
