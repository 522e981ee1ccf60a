// Strict readers of JSON request bodies: an unknown field, a wrong type or an over-long string is
// refused with a code and the path of the field at fault ("legs[2].from"), never ignored or
// coerced. The API edge uses them to turn bodies into typed inputs.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/result.h"

namespace srm::strict_json {

// The body is an object whose keys are all in `allowed`; `prefix` names where it sits.
inline Status OnlyFields(const nlohmann::json& body, std::initializer_list<const char*> allowed,
                         const std::string& prefix = "") {
  if (!body.is_object()) return Invalid("invalid_type", "body must be a JSON object", prefix.empty() ? "$" : prefix);
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) return Invalid("unknown_field", "unknown field '" + it.key() + "'", prefix + it.key());
  }
  return {};
}

inline bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// A string field: absent or null -> "" (or a `required` refusal), not a string -> invalid_type,
// longer than max_len -> too_long; a required field must not be blank.
inline Result<std::string> Text(const nlohmann::json& body, const char* key, bool required, size_t max_len,
                                const std::string& prefix = "") {
  const std::string field = prefix + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Invalid("required", field + " is required", field);
    return std::string();
  }
  if (!body[key].is_string()) return Invalid("invalid_type", field + " must be a string", field);
  std::string s = body[key];
  if (s.size() > max_len)
    return Invalid("too_long", field + " must be at most " + std::to_string(max_len) + " characters", field);
  if (required && Blank(s)) return Invalid("required", field + " must not be empty", field);
  return s;
}

// An optional string field that may be absent (nullopt) as opposed to given empty.
inline Result<std::optional<std::string>> OptionalText(const nlohmann::json& body, const char* key, size_t max_len,
                                                       const std::string& prefix = "") {
  if (!body.contains(key)) return std::optional<std::string>();
  SRM_ASSIGN(s, Text(body, key, false, max_len, prefix));
  return std::optional<std::string>(std::move(s));
}

// An optional integer: absent -> nullopt, anything but an integer (null too) -> invalid_type with
// `type_message`.
inline Result<std::optional<int64_t>> OptionalInt(const nlohmann::json& body, const char* key,
                                                  const std::string& type_message) {
  if (!body.contains(key)) return std::optional<int64_t>();
  if (!body[key].is_number_integer()) return Invalid("invalid_type", type_message, key);
  return std::optional<int64_t>(body[key].get<int64_t>());
}

}  // namespace srm::strict_json
