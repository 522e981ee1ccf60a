// Indicators and the suggested likelihood on hand-computed cases.
#include <gtest/gtest.h>

#include <cmath>

#include "core/calendar.h"
#include "evidence/incident.h"
#include "evidence/indicators.h"
#include "evidence/support.h"

namespace srm::evidence {
namespace {

using testing::Pack;

domain::EvidenceParams SmallParams() {
  domain::EvidenceParams p;
  p.windows_days = {7, 30, 90};
  p.half_life_days = 10;
  p.lookback_days = 365;
  p.recent_days = 30;
  p.baseline_days = 90;
  p.severity_days = 30;
  p.likelihood_thresholds = {0.05, 0.2, 0.5, 0.8};
  return p;
}

TEST(Indicators, HandComputedCase) {
  const domain::EvidenceParams p = SmallParams();
  const int32_t today = *calendar::FromCivil(2024, 6, 30);
  IndicatorModel model(p, today);
  IndicatorAccumulator acc;
  // Ages 0, 10, 20 and 60 days; deaths 1, 0, 2, 5; one aid worker, one UN victim.
  model.Add(&acc, {today, 1, 1, 0});
  model.Add(&acc, {today - 10, 0, 0, 0});
  model.Add(&acc, {today - 20, 2, 0, 1});
  model.Add(&acc, {today - 60, 5, 0, 0});
  model.Add(&acc, {today + 1, 9, 9, 9});    // after as_of: ignored
  model.Add(&acc, {today - 365, 9, 9, 9});  // beyond the lookback: ignored
  Indicators in = Finish(Pack(), p, today, "crime", acc, 30);
  EXPECT_EQ(in.counts, (std::array<int64_t, 3>{1, 3, 4}));
  EXPECT_EQ(in.events_in_lookback, 4);
  // 1 + 1/2 + 1/4 + 1/64
  EXPECT_DOUBLE_EQ(in.decayed_sum, 1.765625);
  EXPECT_NEAR(in.rate_per_day, 0.1223837991, 1e-9);  // ln 2 / 10 x 1.765625
  EXPECT_NEAR(in.probability, 0.9745620715, 1e-9);   // 1 - exp(-0.12238 x 30)
  EXPECT_EQ(in.likelihood_index, 4);
  EXPECT_EQ(in.likelihood, "Very Likely");
  EXPECT_DOUBLE_EQ(in.recent_rate, 0.1);          // 3 / 30
  EXPECT_NEAR(in.baseline_rate, 4.0 / 90, 1e-12);
  ASSERT_TRUE(in.trend_ratio);
  EXPECT_NEAR(*in.trend_ratio, 2.25, 1e-12);
  EXPECT_EQ(in.trend, "rising");
  EXPECT_EQ(in.fatalities, 3);   // within the 30-day severity window
  EXPECT_EQ(in.fatal_events, 2);
  EXPECT_EQ(in.aid_victims, 1);
  EXPECT_EQ(in.un_victims, 1);
  EXPECT_EQ(in.last_event, "2024-06-30");
  EXPECT_NE(in.explanation.find("Rate = ln 2 / 10 x 1.766 = 0.1224 per day"), std::string::npos) << in.explanation;
  EXPECT_NE(in.explanation.find("1 - exp(-0.1224 x 30) = 0.975"), std::string::npos) << in.explanation;
  EXPECT_NE(in.explanation.find("0.975 >= 0.8: Very Likely"), std::string::npos) << in.explanation;
  // The same evidence over a one-day period: 1 - exp(-0.12238) = 0.1152 -> Unlikely.
  Indicators day = Finish(Pack(), p, today, "crime", acc, 1);
  EXPECT_NEAR(day.probability, 0.1151912854, 1e-9);
  EXPECT_EQ(day.likelihood, "Unlikely");
  EXPECT_NE(day.explanation.find("0.05 <= 0.115 < 0.2: Unlikely"), std::string::npos) << day.explanation;
}

TEST(Indicators, OneEventTodayWithTheDefaultPack) {
  const domain::EvidenceParams& p = Pack().evidence;
  const int32_t today = *calendar::FromCivil(2024, 1, 1);
  IndicatorModel model(p, today);
  IndicatorAccumulator acc;
  model.Add(&acc, {today, 0, 0, 0});
  Indicators in = Finish(Pack(), p, today, "terrorism", acc, p.sra_period_days);
  EXPECT_NEAR(in.rate_per_day, std::log(2.0) / 180, 1e-12);
  EXPECT_NEAR(in.probability, 0.7547674781, 1e-9);  // 1 - exp(-ln2/180 x 365)
  EXPECT_EQ(in.likelihood, "Likely");
  EXPECT_EQ(in.trend, "rising");  // 1/90 per day against 1/365
}

TEST(Indicators, NoEventsSuggestsTheLowestLevel) {
  const domain::EvidenceParams& p = Pack().evidence;
  IndicatorAccumulator acc;
  Indicators in = Finish(Pack(), p, 20000, "hazards", acc, 365);
  EXPECT_EQ(in.probability, 0);
  EXPECT_EQ(in.likelihood, "Very Unlikely");
  EXPECT_EQ(in.trend, "none");
  EXPECT_FALSE(in.trend_ratio);
  EXPECT_EQ(in.last_event, "");
}

TEST(Indicators, ThresholdsAreInclusiveFromBelow) {
  const domain::EvidenceParams p = SmallParams();
  EXPECT_EQ(LikelihoodFromProbability(p, 0.0), 0);
  EXPECT_EQ(LikelihoodFromProbability(p, 0.0499), 0);
  EXPECT_EQ(LikelihoodFromProbability(p, 0.05), 1);
  EXPECT_EQ(LikelihoodFromProbability(p, 0.5), 3);
  EXPECT_EQ(LikelihoodFromProbability(p, 0.8), 4);
  EXPECT_EQ(LikelihoodFromProbability(p, 1.0), 4);
}

TEST(Indicators, FallingTrend) {
  const domain::EvidenceParams p = SmallParams();
  const int32_t today = 20000;
  IndicatorModel model(p, today);
  IndicatorAccumulator acc;
  for (int age = 31; age < 90; age += 3) model.Add(&acc, {today - age, 0, 0, 0});  // 20 events, none recent
  Indicators in = Finish(Pack(), p, today, "crime", acc, 30);
  EXPECT_EQ(in.counts[1], 0);
  EXPECT_EQ(in.trend, "falling");
  EXPECT_DOUBLE_EQ(*in.trend_ratio, 0);
}

TEST(Indicators, MonthlyBucketsEndWithTheMonthOfAsOf) {
  const MonthlyBuckets b(*calendar::FromCivil(2024, 2, 29));  // a leap day
  EXPECT_EQ(b.Label(0), "2023-03");
  EXPECT_EQ(b.Label(10), "2024-01");
  EXPECT_EQ(b.Label(11), "2024-02");
  EXPECT_EQ(b.first_day(), *calendar::FromCivil(2023, 3, 1));
  EXPECT_EQ(b.Bucket(*calendar::FromCivil(2023, 2, 28)), -1);
  EXPECT_EQ(b.Bucket(*calendar::FromCivil(2023, 3, 1)), 0);
  EXPECT_EQ(b.Bucket(*calendar::FromCivil(2023, 12, 31)), 9);
  EXPECT_EQ(b.Bucket(*calendar::FromCivil(2024, 1, 1)), 10);
  EXPECT_EQ(b.Bucket(*calendar::FromCivil(2024, 2, 29)), 11);
  EXPECT_EQ(b.Bucket(*calendar::FromCivil(2024, 3, 1)), -1);  // after as_of
  const MonthlyBuckets dec(*calendar::FromCivil(2025, 12, 1));
  EXPECT_EQ(dec.Label(0), "2025-01");
  EXPECT_EQ(dec.Label(11), "2025-12");
}

}  // namespace
}  // namespace srm::evidence
