// An IdGen giving prefix_000001, prefix_000002, ... so ids in tests are predictable. Thread-safe.
#pragma once

#include <atomic>
#include <cstdio>
#include <string>

#include "core/clock.h"

namespace srm::fakes {

class SequentialIdGen final : public IdGen {
 public:
  std::string NewId(const std::string& prefix) override {
    char digits[32];
    std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(++next_));
    return prefix + "_" + digits;
  }

 private:
  std::atomic<unsigned long long> next_{0};
};

}  // namespace srm::fakes
