// Internal to srm_store_sqlite: a list bound as one parameter, for `IN (SELECT value FROM json_each(?))`.
#pragma once

#include <string>
#include <vector>

namespace srm::store::sqlite {

// A JSON array of strings.
std::string JsonStringArray(const std::vector<std::string>& values);

}  // namespace srm::store::sqlite
