#include "core/strict_json.h"

#include "core/calendar.h"

namespace srm::strict_json {

using nlohmann::json;

namespace {
std::unexpected<Error> WrongType(const std::string& field, const char* want) {
  return Invalid("invalid_type", field + " must be " + want, field);
}
}  // namespace

std::string ObjectPath(const std::string& prefix) {
  if (prefix.empty()) return "$";
  return prefix.back() == '.' ? prefix.substr(0, prefix.size() - 1) : prefix;
}

std::string ItemPrefix(const std::string& field, size_t i) { return field + "[" + std::to_string(i) + "]."; }

Status Object(const json& v, const std::string& prefix) {
  if (v.is_object()) return {};
  if (prefix.empty()) return Invalid("invalid_type", "body must be a JSON object", "$");
  return WrongType(ObjectPath(prefix), "a JSON object");
}

Status OnlyFields(const json& body, std::initializer_list<const char*> allowed, const std::string& prefix) {
  SRM_TRY(Object(body, prefix));
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) return Invalid("unknown_field", "unknown field '" + prefix + it.key() + "'", prefix + it.key());
  }
  return {};
}

Status Array(const json& v, const std::string& field, size_t max_items) {
  if (!v.is_array()) return WrongType(field, "an array");
  if (v.size() > max_items)
    return Invalid("too_many", field + " holds at most " + std::to_string(max_items) + " items", field);
  return {};
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

Status PlainText(const std::string& s, const std::string& field) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
      return Invalid("invalid_text", field + " contains control characters", field);
  return {};
}

Result<std::string> Text(const json& body, const char* key, bool required, size_t max_len, const std::string& prefix) {
  const std::string field = prefix + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Invalid("required", field + " is required", field);
    return std::string();
  }
  if (!body[key].is_string()) return WrongType(field, "a string");
  const std::string& s = body[key].get_ref<const std::string&>();
  if (s.size() > max_len)
    return Invalid("too_long", field + " must be at most " + std::to_string(max_len) + " characters", field);
  SRM_TRY(PlainText(s, field));
  if (required && Blank(s)) return Invalid("required", field + " must not be empty", field);
  return s;
}

Result<std::optional<std::string>> OptionalText(const json& body, const char* key, size_t max_len,
                                                const std::string& prefix) {
  if (!body.contains(key)) return std::optional<std::string>();
  SRM_ASSIGN(s, Text(body, key, false, max_len, prefix));
  return std::optional<std::string>(std::move(s));
}

Status PatchText(const json& body, const char* key, size_t max_len, std::string* out, const std::string& prefix) {
  SRM_ASSIGN(s, OptionalText(body, key, max_len, prefix));
  if (s) *out = std::move(*s);
  return {};
}

Result<std::string> Date(const json& body, const char* key, bool required, const std::string& prefix) {
  SRM_ASSIGN(s, Text(body, key, required, 10, prefix));
  if (s.empty()) return s;
  auto day = calendar::ParseIsoDate(s);
  if (!day) return Invalid("invalid_date", prefix + key + " must be a date YYYY-MM-DD", prefix + key);
  return calendar::FormatIsoDate(*day);
}

Status PatchDate(const json& body, const char* key, std::string* out, const std::string& prefix) {
  if (!body.contains(key)) return {};
  SRM_ASSIGN(s, Date(body, key, false, prefix));
  *out = std::move(s);
  return {};
}

Result<std::optional<int64_t>> OptionalInt(const json& body, const char* key, const std::string& type_message,
                                           const std::string& prefix) {
  if (!body.contains(key)) return std::optional<int64_t>();
  if (!body[key].is_number_integer()) return Invalid("invalid_type", type_message, prefix + key);
  return std::optional<int64_t>(body[key].get<int64_t>());
}

Status PatchInt(const json& body, const char* key, int lo, int hi, int* out, const std::string& prefix) {
  const std::string field = prefix + key;
  SRM_ASSIGN(v, OptionalInt(body, key, field + " must be an integer", prefix));
  if (!v) return {};
  // An unsigned value above INT64_MAX would read as negative: it is out of range whatever lo is.
  const bool huge = body[key].is_number_unsigned() && body[key].get<uint64_t>() > uint64_t{INT64_MAX};
  if (huge || *v < lo || *v > hi)
    return Invalid("out_of_range", field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi),
                   field);
  *out = static_cast<int>(*v);
  return {};
}

Status PatchNumber(const json& body, const char* key, double* out, const std::string& prefix) {
  if (!body.contains(key)) return {};
  if (!body[key].is_number()) return WrongType(prefix + key, "a number");
  *out = body[key].get<double>();
  return {};
}

Status PatchBool(const json& body, const char* key, bool* out, const std::string& prefix) {
  if (!body.contains(key)) return {};
  if (!body[key].is_boolean()) return WrongType(prefix + key, "true or false");
  *out = body[key].get<bool>();
  return {};
}

}  // namespace srm::strict_json
