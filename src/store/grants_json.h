// The users.grants column of both backends: a JSON array of {"role", "org_id", "country_id",
// "area_id"}, the same text in SQLite and PostgreSQL (so `srm db copy` moves it verbatim).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/roles.h"

namespace srm::store {

std::string GrantsToJson(const std::vector<domain::RoleGrant>& grants);
// kInternal "corrupt_grants" when the stored text is not what GrantsToJson writes.
Result<std::vector<domain::RoleGrant>> GrantsFromJson(std::string_view json);

}  // namespace srm::store
