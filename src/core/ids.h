// The one rule for record ids as they arrive from outside (path segments, query parameters, ids
// named in request bodies): 1-64 characters of [A-Za-z0-9_.-], and neither "." nor "..". Dots are
// allowed because method pack versions carry them; every other id the server issues is
// "<prefix>_<hex>" and fits. An id that breaks the rule names no record, so callers answer 404
// (or the field's "unknown_..." refusal) without looking it up.
#pragma once

#include <string_view>

namespace srm {

inline bool ValidId(std::string_view s) {
  if (s.empty() || s.size() > 64 || s == "." || s == "..") return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace srm
