// Internal to srm_store_sqlite: the users.grants column, a JSON array of
// {"role", "org_id", "country_id", "area_id"}. Kept apart so only this file parses JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/roles.h"

namespace srm::store::sqlite {

std::string GrantsToJson(const std::vector<domain::RoleGrant>& grants);
// kInternal "corrupt_grants" when the stored text is not what GrantsToJson writes.
Result<std::vector<domain::RoleGrant>> GrantsFromJson(std::string_view json);

// A JSON array of strings, e.g. for binding a list to json_each(?).
std::string JsonStringArray(const std::vector<std::string>& values);

}  // namespace srm::store::sqlite
