// Threat assessment (SRM-METHOD.md section 3): category level from intent, capability and
// inhibiting context; overall threat is the highest category.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/method.h"
#include "domain/sra.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using testing::DefaultPack;

struct ThreatCase {
  int intent, capability, inhibiting, level;
};

// Hand-computed: round((intent + capability + (6 - inhibiting)) / 3). A sum of three integers over
// 3 never ends in exactly .5, so "halves" here are the thirds either side of it: x.33 rounds
// down, x.67 rounds up.
const ThreatCase kDefaultCases[] = {
    {1, 1, 5, 1},  // (1+1+1)/3 = 1        lowest possible
    {5, 5, 1, 5},  // (5+5+5)/3 = 5        highest possible
    {1, 1, 1, 2},  // (1+1+5)/3 = 2.33     no intent, no capability, nothing restrains
    {5, 5, 5, 4},  // (5+5+1)/3 = 3.67     strong inhibitor pulls Very high actors down
    {3, 3, 3, 3},  // 9/3 = 3
    {2, 2, 4, 2},  // 6/3 = 2
    {1, 1, 4, 1},  // 4/3 = 1.33 -> 1
    {1, 2, 4, 2},  // 5/3 = 1.67 -> 2
    {2, 3, 3, 3},  // 8/3 = 2.67 -> 3
    {3, 4, 5, 3},  // 8/3 = 2.67 -> 3
    {4, 5, 2, 4},  // 13/3 = 4.33 -> 4
    {5, 4, 1, 5},  // 14/3 = 4.67 -> 5
    {5, 1, 3, 3},  // 9/3 = 3
    {4, 4, 2, 4},  // 12/3 = 4
    {1, 5, 5, 2},  // 7/3 = 2.33 -> 2
    {5, 5, 2, 5},  // 14/3 = 4.67 -> 5
    {1, 1, 2, 2},  // 6/3 = 2
    {2, 1, 5, 1},  // 4/3 = 1.33 -> 1
};

class DefaultThreatFormula : public ::testing::TestWithParam<ThreatCase> {};
void PrintTo(const ThreatCase& c, std::ostream* os) {
  *os << "(" << c.intent << ", " << c.capability << ", " << c.inhibiting << ") -> " << c.level;
}

TEST_P(DefaultThreatFormula, HandComputed) {
  const auto& c = GetParam();
  EXPECT_EQ(ThreatLevel(DefaultPack(), c.intent, c.capability, c.inhibiting), c.level)
      << "intent " << c.intent << " capability " << c.capability << " inhibiting " << c.inhibiting;
}

INSTANTIATE_TEST_SUITE_P(Default, DefaultThreatFormula, ::testing::ValuesIn(kDefaultCases));

TEST(ThreatLevel, EveryFactorCombinationIsRoundedMeanInRange) {
  // Integer reference: round-half-up of s/3 is floor((2s + 3) / 6).
  for (int i = 1; i <= 5; ++i)
    for (int c = 1; c <= 5; ++c)
      for (int h = 1; h <= 5; ++h) {
        const int s = i + c + (6 - h);
        const int want = (2 * s + 3) / 6;
        const int got = ThreatLevel(DefaultPack(), i, c, h);
        EXPECT_EQ(got, want) << i << "," << c << "," << h;
        EXPECT_GE(got, 1);
        EXPECT_LE(got, 5);
      }
}

TEST(ThreatLevel, StrongerInhibitorNeverRaisesTheThreat) {
  for (int i = 1; i <= 5; ++i)
    for (int c = 1; c <= 5; ++c)
      for (int h = 2; h <= 5; ++h)
        EXPECT_LE(ThreatLevel(DefaultPack(), i, c, h), ThreatLevel(DefaultPack(), i, c, h - 1));
}

TEST(ThreatLevel, MaxFactorFormula) {
  auto doc = nlohmann::json::parse(DefaultMethodPackJson());
  doc["threat_formula"] = "max_factor";
  auto p = ParseMethodPack(doc.dump());
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(ThreatLevel(*p, 1, 1, 5), 1);
  EXPECT_EQ(ThreatLevel(*p, 2, 3, 1), 5);  // nothing restrains: 6 - 1
  EXPECT_EQ(ThreatLevel(*p, 4, 2, 3), 4);
  EXPECT_EQ(ThreatLevel(*p, 1, 5, 5), 5);
}

ThreatRating Rate(const char* category, int intent, int capability, int inhibiting) {
  ThreatRating t;
  t.category = category;
  t.intent = intent;
  t.capability = capability;
  t.inhibiting = inhibiting;
  t.level = 1;  // stale on purpose: Recompute must overwrite it
  return t;
}

TEST(OverallThreat, IsTheHighestCategory) {
  Sra sra;
  sra.threats = {Rate("crime", 3, 3, 3), Rate("terrorism", 5, 4, 1), Rate("hazards", 1, 1, 5),
                 Rate("civil_unrest", 2, 2, 4)};
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.threats[0].level, 3);
  EXPECT_EQ(sra.threats[1].level, 5);
  EXPECT_EQ(sra.threats[2].level, 1);
  EXPECT_EQ(sra.threats[3].level, 2);
  ASSERT_TRUE(sra.overall_threat.has_value());
  EXPECT_EQ(*sra.overall_threat, 5);
}

TEST(OverallThreat, HighestEvenWhenItIsFirstOrLast) {
  Sra sra;
  sra.threats = {Rate("armed_conflict", 4, 5, 2), Rate("crime", 1, 1, 5)};
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.overall_threat, 4);
  sra.threats = {Rate("crime", 1, 1, 5), Rate("armed_conflict", 2, 3, 3)};
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.overall_threat, 3);
}

TEST(OverallThreat, AbsentWithoutRatingsAndResetOnRecompute) {
  Sra sra;
  Recompute(DefaultPack(), &sra);
  EXPECT_FALSE(sra.overall_threat.has_value());
  sra.threats = {Rate("crime", 5, 5, 1)};
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.overall_threat, 5);
  sra.threats.clear();
  Recompute(DefaultPack(), &sra);
  EXPECT_FALSE(sra.overall_threat.has_value());
}

}  // namespace
}  // namespace srm::domain
