// JSON text that cannot throw on what a client sent. nlohmann::json::dump() throws type_error 316
// on a string that is not UTF-8 (a path such as /%ff, a header, a query value); every log line and
// every error reply that may hold client text is written with SafeDump, which replaces such bytes
// with U+FFFD instead.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace srm {

inline std::string SafeDump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace srm
