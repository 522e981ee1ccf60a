// The timing loop the benches share: run a piece of work a number of rounds, then report the
// median and the slowest round in milliseconds (the median resists the noise of a shared machine).
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace srm::bench {

inline double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Timing {
  bool ok = true;  // false: a round failed (`run` returned false), the figures are not meaningful
  double median_ms = 0, max_ms = 0;
};

// Times `rounds` (at least 1) calls of run(round) -> bool, each on its own.
template <typename Run>
Timing TimeRounds(int rounds, Run&& run) {
  std::vector<double> ms;
  for (int r = 0; r < std::max(rounds, 1); ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!run(r)) return Timing{.ok = false};
    ms.push_back(MsSince(t0));
  }
  std::sort(ms.begin(), ms.end());
  return Timing{.ok = true, .median_ms = ms[ms.size() / 2], .max_ms = ms.back()};
}

}  // namespace srm::bench
