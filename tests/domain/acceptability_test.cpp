// Acceptable risk against programme criticality (SRM-METHOD.md section 5): every PC x residual
// level of the default pack.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>

#include "domain/acceptability.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using testing::DefaultPack;

// Written out from SRM-METHOD.md, not read from the pack.
const char* const kLevels[] = {"Very Low", "Low", "Medium", "High", "Very High", "Unacceptable"};
constexpr int kHigh = 3, kVeryHigh = 4, kUnacceptable = 5;
// PC1 up to Very High, PC2 up to High, PC3 up to Medium, PC4 up to Low.
int LimitFor(int pc) {
  switch (pc) {
    case 1: return 4;
    case 2: return 3;
    case 3: return 2;
    case 4: return 1;
  }
  return -1;
}

bool Has(const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); }

class PcByResidual : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(PcByResidual, FollowsSection5) {
  const auto [pc, residual] = GetParam();
  // current == residual: no measure has lowered the risk.
  const Acceptability a = AcceptableFor(DefaultPack(), pc, residual, residual);
  const bool want_acceptable = residual != kUnacceptable && residual <= LimitFor(pc);
  EXPECT_EQ(a.acceptable, want_acceptable);
  EXPECT_EQ(a.never_acceptable, residual == kUnacceptable);
  EXPECT_EQ(a.needs_pc_assessment, residual >= kHigh);
  EXPECT_EQ(a.needs_exec_approval, residual == kVeryHigh);
  EXPECT_NE(a.reason.find(kLevels[residual]), std::string::npos) << a.reason;
  EXPECT_NE(a.reason.find("PC" + std::to_string(pc)), std::string::npos) << a.reason;
  if (want_acceptable) {
    EXPECT_EQ(a.decision, Decision::kProceed);
    EXPECT_TRUE(a.options.empty());
  } else {
    EXPECT_EQ(a.decision, Decision::kNotAcceptable);
    EXPECT_TRUE(Has(a.options, "avoid"));
    EXPECT_TRUE(Has(a.options, "do_not_proceed"));
    if (residual == kUnacceptable) {
      EXPECT_FALSE(Has(a.options, "control")) << "more measures cannot make Unacceptable acceptable";
    } else {
      EXPECT_TRUE(Has(a.options, "control"));
      EXPECT_TRUE(Has(a.options, "transfer"));
    }
  }
}

TEST_P(PcByResidual, DecisionDependsOnWhetherMeasuresLoweredTheRisk) {
  const auto [pc, residual] = GetParam();
  const bool acceptable = residual != kUnacceptable && residual <= LimitFor(pc);
  for (int current = 0; current <= kUnacceptable; ++current) {
    const Acceptability a = AcceptableFor(DefaultPack(), pc, residual, current);
    EXPECT_EQ(a.acceptable, acceptable) << "current must not change acceptability";
    const Decision want = !acceptable         ? Decision::kNotAcceptable
                          : current > residual ? Decision::kProceedWithMeasures
                                               : Decision::kProceed;
    EXPECT_EQ(a.decision, want) << "pc " << pc << " residual " << residual << " current " << current;
  }
}

INSTANTIATE_TEST_SUITE_P(Default, PcByResidual, ::testing::Combine(::testing::Range(1, 5), ::testing::Range(0, 6)),
                         [](const ::testing::TestParamInfo<std::tuple<int, int>>& info) {
                           return "PC" + std::to_string(std::get<0>(info.param)) + "_residual" +
                                  std::to_string(std::get<1>(info.param));
                         });

TEST(Acceptability, ReasonNamesTheLimitWhenAboveIt) {
  const Acceptability a = AcceptableFor(DefaultPack(), 3, kHigh, kHigh);
  EXPECT_FALSE(a.acceptable);
  EXPECT_EQ(a.reason, "residual High is above PC3's limit Medium");
  const Acceptability b = AcceptableFor(DefaultPack(), 2, kHigh, kVeryHigh);
  EXPECT_TRUE(b.acceptable);
  EXPECT_EQ(b.decision, Decision::kProceedWithMeasures);
  EXPECT_NE(b.reason.find("within"), std::string::npos) << b.reason;
}

TEST(Acceptability, UnacceptableEvenForPc1) {
  const Acceptability a = AcceptableFor(DefaultPack(), 1, kUnacceptable, kUnacceptable);
  EXPECT_FALSE(a.acceptable);
  EXPECT_TRUE(a.never_acceptable);
  EXPECT_FALSE(a.needs_exec_approval) << "no approval can override Unacceptable";
  EXPECT_NE(a.reason.find("never acceptable"), std::string::npos);
}

TEST(Acceptability, DecisionNames) {
  EXPECT_STREQ(DecisionName(Decision::kProceed), "proceed");
  EXPECT_STREQ(DecisionName(Decision::kProceedWithMeasures), "proceed_with_measures");
  EXPECT_STREQ(DecisionName(Decision::kNotAcceptable), "not_acceptable");
}

}  // namespace
}  // namespace srm::domain
