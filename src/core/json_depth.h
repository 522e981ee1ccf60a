// The first check on JSON text from outside (a request body, a method pack file), before it is
// parsed: nesting deeper than kMaxJsonDepth is refused, so no input can exhaust the stack of the
// recursive code that walks a parsed document (copy, dump(), comparisons, the decoders).
// Header-only and free of HTTP types, so the fuzz targets run the very function the server runs.
#pragma once

#include <string_view>

namespace srm {

inline constexpr int kMaxJsonDepth = 64;

// False when an array or object opens deeper than max_depth (brackets inside strings do not count).
inline bool DepthWithin(std::string_view s, int max_depth = kMaxJsonDepth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') { if (++depth > max_depth) return false; }
    else if (c == ']' || c == '}') --depth;
  }
  return true;
}

}  // namespace srm
