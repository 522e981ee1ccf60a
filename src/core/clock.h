// Time and randomness are seams: production uses the system, tests inject fakes
// (tests/fakes/) so behaviour that depends on "now" or on ids is repeatable.
#pragma once

#include <cstdint>
#include <string>

#include "core/calendar.h"

namespace srm {

// Milliseconds since the Unix epoch, UTC. Implementations must be thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMillis() const = 0;
};

// Produces unique, unguessable identifiers. Implementations must be thread-safe.
class IdGen {
 public:
  virtual ~IdGen() = default;
  // A short unique id, e.g. "sra_3f9c0a1b2d4e5f60".
  virtual std::string NewId(const std::string& prefix) = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override;
};

// Timestamps are core/calendar's; these two names stay for the callers that predate it.
// RFC 3339 UTC with milliseconds, e.g. 2026-11-26T12:00:00.000Z.
inline std::string FormatTimestamp(int64_t millis) { return calendar::FormatTimestamp(millis); }
// YYYY-MM-DD (UTC midnight) or a full RFC 3339 UTC timestamp; false (and *millis untouched) when
// malformed or outside the calendar's years.
inline bool ParseTimestamp(const std::string& text, int64_t* millis) {
  const auto parsed = calendar::ParseTimestamp(text);
  if (parsed) *millis = *parsed;
  return parsed.has_value();
}

}  // namespace srm
