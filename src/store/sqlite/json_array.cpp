#include "store/sqlite/json_array.h"

#include <nlohmann/json.hpp>

namespace srm::store::sqlite {

std::string JsonStringArray(const std::vector<std::string>& values) {
  // Invalid UTF-8 is replaced rather than thrown on; such a value then simply matches nothing.
  return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace srm::store::sqlite
