// A Clock that tests move by hand, so timestamps in results are predictable. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/clock.h"

namespace srm::fakes {

class FakeClock final : public Clock {
 public:
  // 2026-11-26T12:00:00.000Z unless told otherwise.
  explicit FakeClock(int64_t start_ms = 1'795'694'400'000) : now_ms_(start_ms) {}
  int64_t NowMillis() const override { return now_ms_.load(); }
  void Set(int64_t ms) { now_ms_.store(ms); }
  void Advance(int64_t ms) { now_ms_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace srm::fakes
