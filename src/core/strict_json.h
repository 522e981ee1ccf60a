// Strict readers of JSON request bodies, the one set of rules every body follows: an unknown field,
// a wrong type, an over-long string, control characters in text or a number out of its range is
// refused with a code and the path of the field at fault ("legs[2].from"), never ignored or coerced.
//
// Paths: `prefix` names where an object sits, "" for the body, "scope." or "legs[2]." inside it; a
// field's path is prefix + key, and an object's own path is its prefix without the dot ("$" for the
// body). Codes: invalid_type, unknown_field, required, too_long, too_many, invalid_text,
// out_of_range. Absent and null differ only where a reader says so: null means "empty" for text.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/result.h"

namespace srm::strict_json {

// "" -> "$", "legs[2]." -> "legs[2]".
std::string ObjectPath(const std::string& prefix);
// The prefix of item i of the array at `field`: "legs" -> "legs[2].".
std::string ItemPrefix(const std::string& field, size_t i);

// The value is an object (invalid_type at its ObjectPath otherwise).
Status Object(const nlohmann::json& v, const std::string& prefix = "");
// An object whose keys are all in `allowed`.
Status OnlyFields(const nlohmann::json& body, std::initializer_list<const char*> allowed,
                  const std::string& prefix = "");
// `v`, found at `field`, is an array of at most max_items (invalid_type / too_many).
Status Array(const nlohmann::json& v, const std::string& field, size_t max_items = SIZE_MAX);

bool Blank(const std::string& s);
// Text never holds control characters other than tab and line breaks (invalid_text).
Status PlainText(const std::string& s, const std::string& field);

// A string field: absent or null -> "" (or a `required` refusal), not a string -> invalid_type,
// longer than max_len -> too_long, control characters -> invalid_text; a required field must not
// be blank.
Result<std::string> Text(const nlohmann::json& body, const char* key, bool required, size_t max_len,
                         const std::string& prefix = "");
// An optional string field that may be absent (nullopt) as opposed to given empty (null or "").
Result<std::optional<std::string>> OptionalText(const nlohmann::json& body, const char* key, size_t max_len,
                                                const std::string& prefix = "");
// A partial update of a string: absent leaves *out as it is, null empties it.
Status PatchText(const nlohmann::json& body, const char* key, size_t max_len, std::string* out,
                 const std::string& prefix = "");

// A date YYYY-MM-DD (core/calendar) as its canonical text: Text's rules, then invalid_date for
// anything but a real calendar day; an optional date may be absent, null or "" (-> "").
Result<std::string> Date(const nlohmann::json& body, const char* key, bool required, const std::string& prefix = "");
// A partial update of a date: absent leaves *out, null or "" empties it.
Status PatchDate(const nlohmann::json& body, const char* key, std::string* out, const std::string& prefix = "");

// An optional integer: absent -> nullopt, anything but an integer (null too) -> invalid_type with
// `type_message`.
Result<std::optional<int64_t>> OptionalInt(const nlohmann::json& body, const char* key,
                                           const std::string& type_message, const std::string& prefix = "");
// A partial update of an integer in [lo, hi]: absent leaves *out, not an integer -> invalid_type,
// outside the range -> out_of_range.
Status PatchInt(const nlohmann::json& body, const char* key, int lo, int hi, int* out,
                const std::string& prefix = "");
// A partial update of a number (integer or decimal): absent leaves *out, else invalid_type.
Status PatchNumber(const nlohmann::json& body, const char* key, double* out, const std::string& prefix = "");
// A partial update of a boolean: absent leaves *out, else invalid_type.
Status PatchBool(const nlohmann::json& body, const char* key, bool* out, const std::string& prefix = "");

}  // namespace srm::strict_json
