// Threat indicators per area and category (SRM-METHOD.md section 6): counts over three windows,
// a time-decayed rate, the trend (recent rate against the longer one), severity, and the
// suggested likelihood from P(at least one relevant event in the SRA period) = 1 - exp(-rate x
// period), mapped through the pack's thresholds, with the arithmetic as the explanation.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/method.h"

namespace srm::evidence {

// What one incident contributes; a compact value so a million fit in a few MB.
struct IndicatorEvent {
  int32_t day = 0;
  int32_t fatalities = 0;
  int32_t aid_victims = 0;
  int32_t un_victims = 0;
};

// Running sums for one area x category. Add() is O(1); events after as_of or older than the
// lookback are ignored.
struct IndicatorAccumulator {
  std::array<int64_t, 3> counts{};
  int64_t recent = 0, baseline = 0, lookback = 0;
  double decayed = 0;  // sum of 2^(-age / half_life)
  int64_t severity_events = 0, fatal_events = 0, fatalities = 0, aid_victims = 0, un_victims = 0;
  int32_t last_day = INT32_MIN;
};

// Precomputed windows and decay weights for one pack and one as_of day. Shareable read-only.
class IndicatorModel {
 public:
  IndicatorModel(const domain::EvidenceParams& p, int32_t as_of_day);
  void Add(IndicatorAccumulator* acc, const IndicatorEvent& e) const {
    const int32_t age = as_of_ - e.day;
    if (age < 0 || age >= p_.lookback_days) return;
    ++acc->lookback;
    acc->decayed += weight_[static_cast<size_t>(age)];
    for (int w = 0; w < 3; ++w) acc->counts[w] += age < p_.windows_days[w];
    acc->recent += age < p_.recent_days;
    acc->baseline += age < p_.baseline_days;
    if (age < p_.severity_days) {
      ++acc->severity_events;
      acc->fatal_events += e.fatalities > 0;
      acc->fatalities += e.fatalities;
      acc->aid_victims += e.aid_victims;
      acc->un_victims += e.un_victims;
    }
    if (e.day > acc->last_day) acc->last_day = e.day;
  }
  int32_t as_of() const { return as_of_; }
  const domain::EvidenceParams& params() const { return p_; }

 private:
  const domain::EvidenceParams& p_;
  int32_t as_of_;
  std::vector<double> weight_;  // by age in days
};

struct Indicators {
  std::string category;
  std::array<int, 3> windows_days{};
  std::array<int64_t, 3> counts{};
  int64_t events_in_lookback = 0;
  double decayed_sum = 0;
  double rate_per_day = 0;       // ln 2 / half_life x decayed_sum
  double recent_rate = 0, baseline_rate = 0;  // events per day
  std::optional<double> trend_ratio;
  std::string trend;             // "rising" | "stable" | "falling" | "none"
  int64_t fatalities = 0, fatal_events = 0, aid_victims = 0, un_victims = 0;
  std::string last_event;        // YYYY-MM-DD or ""
  int period_days = 0;
  std::string as_of;             // YYYY-MM-DD: the day the indicators are computed for
  double probability = 0;        // P(at least one event in the period)
  int likelihood_index = 0;      // 0..4
  std::string likelihood;        // the pack's name of the level
  std::string explanation;       // the arithmetic, in words and numbers
};

// Finishes the sums into indicators and the suggestion for an SRA period of period_days.
Indicators Finish(const domain::MethodPack& pack, const domain::EvidenceParams& p, int32_t as_of_day,
                  const std::string& category, const IndicatorAccumulator& acc, int period_days);

// Likelihood index 0..4 for a probability, through the pack's thresholds.
int LikelihoodFromProbability(const domain::EvidenceParams& p, double probability);

// The trend chart's series: counts per calendar month over the 12 months ending with the month of
// as_of (the last one runs to as_of only). Bucket() is O(log 12); days outside are -1.
class MonthlyBuckets {
 public:
  static constexpr int kMonths = 12;
  explicit MonthlyBuckets(int32_t as_of_day);
  int Bucket(int32_t day) const;
  int32_t first_day() const { return start_[0]; }
  std::string Label(int i) const;  // "YYYY-MM"

 private:
  int32_t as_of_;
  std::array<int32_t, kMonths> start_{};  // first day of each month
};
using MonthlyCounts = std::array<int32_t, MonthlyBuckets::kMonths>;

}  // namespace srm::evidence
