// Shared by the libFuzzer targets in this directory (built with -DSRM_FUZZ=ON and clang, see
// scripts/fuzz.sh). A target reports a finding by aborting: libFuzzer then saves the input as
// crash-<sha1> and the run fails. Sanitizer reports, leaks, timeouts and uncaught exceptions are
// findings too; an error value returned for bad input is the expected outcome, not a finding.
#pragma once

#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace srm::fuzz {

[[noreturn]] inline void Finding(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n==fuzz finding== %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(std::min<size_t>(detail.size(), 2000)), detail.data());
  std::abort();
}

inline void Expect(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) Finding(what, detail);
}

// Well-formed UTF-8 by the table of the Unicode standard (3.9, table 3-7), written independently of
// the project's checks so the targets can compare against it.
inline bool WellFormedUtf8(std::string_view s) {
  size_t i = 0;
  auto in = [&](size_t k, unsigned lo, unsigned hi) {
    return i + k < s.size() && static_cast<unsigned char>(s[i + k]) >= lo && static_cast<unsigned char>(s[i + k]) <= hi;
  };
  while (i < s.size()) {
    const unsigned c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    if (c <= 0x7F) len = 1;
    else if (c >= 0xC2 && c <= 0xDF && in(1, 0x80, 0xBF)) len = 2;
    else if (c == 0xE0 && in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF)) len = 3;
    else if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF)) len = 3;
    else if (c == 0xED && in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF)) len = 3;
    else if (c == 0xF0 && in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) len = 4;
    else if (c >= 0xF1 && c <= 0xF3 && in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) len = 4;
    else if (c == 0xF4 && in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) len = 4;
    else return false;
    i += len;
  }
  return true;
}

// A string the server puts into JSON (answers, logs, stored documents) must be well-formed UTF-8.
inline void Utf8(std::string_view s, std::string_view what) {
  if (!WellFormedUtf8(s)) Finding(what, std::string("not valid UTF-8: ") + std::string(s.substr(0, 300)));
}

// The error body the API sends for an error value (api/server.cpp ErrorBody): building it must
// not throw, whatever the input was (a message holding invalid UTF-8 makes dump() throw).
inline std::string ErrorReply(const Error& e) {
  try {
    nlohmann::json j{{"error",
                      {{"code", e.code},
                       {"message", e.message},
                       {"field", e.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.field)}}}};
    return j.dump();
  } catch (const nlohmann::json::exception& x) {
    Finding("an error answer cannot be serialised as JSON", std::string(x.what()) + "\nmessage: " + e.message +
                                                                "\nfield: " + e.field);
  }
}

// dump() of a value the server would send or store; a throw is a finding.
inline std::string MustDump(const nlohmann::json& j, std::string_view what) {
  try {
    return j.dump();
  } catch (const nlohmann::json::exception& x) {
    Finding(what, x.what());
  }
}

}  // namespace srm::fuzz
