#include "evidence/indicators.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>

#include "evidence/incident.h"

namespace srm::evidence {

IndicatorModel::IndicatorModel(const domain::EvidenceParams& p, int32_t as_of_day) : p_(p), as_of_(as_of_day) {
  weight_.resize(static_cast<size_t>(p.lookback_days));
  for (size_t a = 0; a < weight_.size(); ++a) weight_[a] = std::exp2(-static_cast<double>(a) / p.half_life_days);
}

int LikelihoodFromProbability(const domain::EvidenceParams& p, double probability) {
  int idx = 0;
  for (double t : p.likelihood_thresholds)
    if (probability >= t) ++idx;
  return idx;
}

MonthlyBuckets::MonthlyBuckets(int32_t as_of_day) : as_of_(as_of_day) {
  // Months before the calendar's first year (an as_of early in 1900) start at its first day: no
  // incident is dated earlier.
  const calendar::Day last = calendar::FirstOfMonth(as_of_day);
  for (int i = 0; i < kMonths; ++i)
    start_[static_cast<size_t>(i)] = calendar::AddMonths(last, i - (kMonths - 1)).value_or(calendar::kFirstDay);
}

int MonthlyBuckets::Bucket(int32_t day) const {
  if (day > as_of_ || day < start_[0]) return -1;
  return static_cast<int>(std::upper_bound(start_.begin(), start_.end(), day) - start_.begin()) - 1;
}

std::string MonthlyBuckets::Label(int i) const { return FormatDay(start_[static_cast<size_t>(i)]).substr(0, 7); }

namespace {
std::string Num(double v, int digits = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}
}  // namespace

Indicators Finish(const domain::MethodPack& pack, const domain::EvidenceParams& p, int32_t as_of_day,
                  const std::string& category, const IndicatorAccumulator& acc, int period_days) {
  Indicators r;
  r.category = category;
  r.windows_days = p.windows_days;
  r.counts = acc.counts;
  r.events_in_lookback = acc.lookback;
  r.decayed_sum = acc.decayed;
  r.rate_per_day = std::log(2.0) / p.half_life_days * acc.decayed;
  r.recent_rate = static_cast<double>(acc.recent) / p.recent_days;
  r.baseline_rate = static_cast<double>(acc.baseline) / p.baseline_days;
  if (acc.baseline > 0) {
    r.trend_ratio = r.recent_rate / r.baseline_rate;
    r.trend = *r.trend_ratio >= p.rising_ratio ? "rising" : *r.trend_ratio <= p.falling_ratio ? "falling" : "stable";
  } else {
    r.trend = "none";
  }
  r.fatalities = acc.fatalities;
  r.fatal_events = acc.fatal_events;
  r.aid_victims = acc.aid_victims;
  r.un_victims = acc.un_victims;
  r.last_event = acc.last_day == INT32_MIN ? "" : FormatDay(acc.last_day);
  r.period_days = period_days;
  r.as_of = FormatDay(as_of_day);
  r.probability = 1 - std::exp(-r.rate_per_day * period_days);
  r.likelihood_index = LikelihoodFromProbability(p, r.probability);
  r.likelihood = pack.likelihoods[static_cast<size_t>(r.likelihood_index)];
  // The explanation repeats the computation with its numbers, so an assessor can check it.
  std::string e;
  e += std::to_string(acc.lookback) + " event(s) in the " + std::to_string(p.lookback_days) + " days to " +
       FormatDay(as_of_day) + "; each weighs 2^(-age/" + Num(p.half_life_days) + " d), sum " + Num(acc.decayed) + ". ";
  e += "Rate = ln 2 / " + Num(p.half_life_days) + " x " + Num(acc.decayed) + " = " + Num(r.rate_per_day) +
       " per day. ";
  e += "P(at least one in " + std::to_string(period_days) + " days) = 1 - exp(-" + Num(r.rate_per_day) + " x " +
       std::to_string(period_days) + ") = " + Num(r.probability, 3) + ". ";
  const auto& t = p.likelihood_thresholds;
  const int i = r.likelihood_index;
  if (i == 0) e += Num(r.probability, 3) + " < " + Num(t[0]);
  else if (i == 4) e += Num(r.probability, 3) + " >= " + Num(t[3]);
  else e += Num(t[static_cast<size_t>(i - 1)]) + " <= " + Num(r.probability, 3) + " < " + Num(t[static_cast<size_t>(i)]);
  e += ": " + r.likelihood + ".";
  r.explanation = std::move(e);
  return r;
}

}  // namespace srm::evidence
