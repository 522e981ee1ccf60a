// Risk acceptance (SRM-METHOD.md sections 5 and 7a): every residual level x PC x signer of the
// default pack, the terms of an acceptance and when it stops being in force. The expectations are
// written out from the method, not read from the pack.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "domain/acceptance.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using testing::DefaultPack;

constexpr int kMedium = 2, kHigh = 3, kVeryHigh = 4, kUnacceptable = 5;
// PC1 up to Very High, PC2 up to High, PC3 up to Medium, PC4 up to Low.
int LimitFor(int pc) { return 5 - pc; }

enum class Signer { kOrgHead, kExecutive, kSecurityCell, kOther, kOrgHeadOwnActivity, kOrgHeadNoPcAssessment,
                    kExecutiveOwnActivity, kOrgHeadRunsActivity, kExecutiveRunsActivity };
const char* SignerName(Signer s) {
  switch (s) {
    case Signer::kOrgHead: return "org_head";
    case Signer::kExecutive: return "executive";
    case Signer::kSecurityCell: return "security_cell";
    case Signer::kOther: return "other";
    case Signer::kOrgHeadOwnActivity: return "org_head_own_activity";
    case Signer::kOrgHeadNoPcAssessment: return "org_head_no_pc_assessment";
    case Signer::kExecutiveOwnActivity: return "executive_own_activity";
    case Signer::kOrgHeadRunsActivity: return "org_head_runs_activity";
    case Signer::kExecutiveRunsActivity: return "executive_runs_activity";
  }
  return "?";
}

SignerFacts FactsOf(Signer s) {
  SignerFacts f;
  f.pc_assessment_current = true;
  switch (s) {
    case Signer::kOrgHead: f.org_head_in_country = true; break;
    case Signer::kExecutive: f.executive_office = true; break;
    case Signer::kSecurityCell: f.security_cell = true; break;
    case Signer::kOther: break;
    case Signer::kOrgHeadOwnActivity: f.org_head_in_country = true; f.travels_on = true; break;
    case Signer::kOrgHeadNoPcAssessment: f.org_head_in_country = true; f.pc_assessment_current = false; break;
    case Signer::kExecutiveOwnActivity: f.executive_office = true; f.travels_on = true; break;
    case Signer::kOrgHeadRunsActivity: f.org_head_in_country = true; f.runs_activity = true; break;
    case Signer::kExecutiveRunsActivity: f.executive_office = true; f.runs_activity = true; break;
  }
  return f;
}

// What the method says: the reason code of the answer for residual x PC x signer.
std::string Expected(int residual, int pc, Signer s) {
  if (residual == kUnacceptable) return "acceptance_never";
  if (residual > LimitFor(pc)) return "acceptance_above_limit";
  if (residual < kHigh) return "acceptance_not_required";
  const bool exec_level = residual == kVeryHigh;
  if (s == Signer::kOrgHeadOwnActivity || s == Signer::kExecutiveOwnActivity || s == Signer::kOrgHeadRunsActivity ||
      s == Signer::kExecutiveRunsActivity)
    return "own_activity";
  const bool entitled = exec_level ? s == Signer::kExecutive : (s == Signer::kOrgHead || s == Signer::kOrgHeadNoPcAssessment);
  if (!entitled) {
    if (s == Signer::kSecurityCell) return "security_cell_recommends_only";
    return exec_level ? "executive_office_required" : "not_org_head";
  }
  if (s == Signer::kOrgHeadNoPcAssessment) return "pc_assessment_not_current";
  return "signer_entitled";
}

class LevelPcSigner : public ::testing::TestWithParam<std::tuple<int, int, Signer>> {};

TEST_P(LevelPcSigner, FollowsSection7a) {
  const auto [residual, pc, signer] = GetParam();
  const AcceptanceRule rule = AcceptanceNeeded(DefaultPack(), pc, residual);
  const SignCheck c = MaySign(DefaultPack(), rule, FactsOf(signer));
  const std::string want = Expected(residual, pc, signer);
  EXPECT_EQ(c.reason.code, want);
  EXPECT_EQ(c.allowed, want == "signer_entitled");
  EXPECT_FALSE(c.reason.message.empty());
  // Above the limit and at Unacceptable the answer offers the section 5 options instead.
  if (want == "acceptance_above_limit") {
    EXPECT_EQ(rule.options, (std::vector<std::string>{"control", "avoid", "transfer", "do_not_proceed"}));
  } else if (want == "acceptance_never") {
    EXPECT_EQ(rule.options, (std::vector<std::string>{"avoid", "do_not_proceed"}));
  } else {
    EXPECT_TRUE(rule.options.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllCells, LevelPcSigner,
    ::testing::Combine(::testing::Range(0, 6), ::testing::Values(1, 2, 3, 4),
                       ::testing::Values(Signer::kOrgHead, Signer::kExecutive, Signer::kSecurityCell, Signer::kOther,
                                         Signer::kOrgHeadOwnActivity, Signer::kOrgHeadNoPcAssessment,
                                         Signer::kExecutiveOwnActivity, Signer::kOrgHeadRunsActivity,
                                         Signer::kExecutiveRunsActivity)),
    [](const auto& info) {
      return "residual" + std::to_string(std::get<0>(info.param)) + "_PC" + std::to_string(std::get<1>(info.param)) +
             "_" + SignerName(std::get<2>(info.param));
    });

TEST(Acceptance, WhoSignsEachLevel) {
  const MethodPack& m = DefaultPack();
  EXPECT_EQ(AcceptanceNeeded(m, 1, kMedium).need, AcceptanceNeed::kNone);
  EXPECT_EQ(AcceptanceNeeded(m, 2, kHigh).need, AcceptanceNeed::kOrgHead);
  EXPECT_EQ(AcceptanceNeeded(m, 1, kVeryHigh).need, AcceptanceNeed::kExecutive);
  EXPECT_EQ(AcceptanceNeeded(m, 3, kHigh).need, AcceptanceNeed::kNobody);  // finding 3: PC3 into High
  EXPECT_EQ(AcceptanceNeeded(m, 1, kUnacceptable).need, AcceptanceNeed::kNever);
}

TEST(Acceptance, SeparationOfDutiesCanBeTurnedOffByThePackSetting) {
  SignerFacts f = FactsOf(Signer::kOrgHeadOwnActivity);
  f.separation_of_duties = false;
  EXPECT_TRUE(MaySign(DefaultPack(), AcceptanceNeeded(DefaultPack(), 2, kHigh), f).allowed);
  SignerFacts runs = FactsOf(Signer::kOrgHeadRunsActivity);
  runs.separation_of_duties = false;
  EXPECT_TRUE(MaySign(DefaultPack(), AcceptanceNeeded(DefaultPack(), 2, kHigh), runs).allowed);
}

TEST(Acceptance, TheMessageSaysWhetherTheSignerRunsOrTravelsOnTheActivity) {
  const AcceptanceRule rule = AcceptanceNeeded(DefaultPack(), 2, kHigh);
  const SignCheck runs = MaySign(DefaultPack(), rule, FactsOf(Signer::kOrgHeadRunsActivity));
  const SignCheck travels = MaySign(DefaultPack(), rule, FactsOf(Signer::kOrgHeadOwnActivity));
  EXPECT_EQ(runs.reason.code, "own_activity");
  EXPECT_NE(runs.reason.message.find("you run this activity"), std::string::npos) << runs.reason.message;
  EXPECT_EQ(travels.reason.message.find("you run this activity"), std::string::npos) << travels.reason.message;
}

TEST(Acceptance, AnEgsNoGoLeavesNothingToSign) {
  SignerFacts f = FactsOf(Signer::kOrgHead);
  f.egs_no_go = true;
  const SignCheck c = MaySign(DefaultPack(), AcceptanceNeeded(DefaultPack(), 2, kHigh), f);
  EXPECT_FALSE(c.allowed);
  EXPECT_EQ(c.reason.code, "egs_no_go");
}

TEST(Acceptance, TermsNeedReasonsAndAnExpiryWithinThePackLimit) {
  const MethodPack& m = DefaultPack();
  const int today = *DayNumber("2026-11-30");
  struct Case {
    AcceptanceTerms terms;
    std::string code;
  } cases[] = {
      {{"", "", today + 30}, "reasons_required"},
      {{" \n", "", today + 30}, "reasons_required"},
      {{"life-saving", "", std::nullopt}, "expiry_required"},
      {{"life-saving", "", today - 1}, "expiry_past"},
      {{"life-saving", "", today + m.acceptance_max_days + 1}, "expiry_too_far"},
      {{"life-saving", "", today + m.acceptance_max_days}, ""},
      {{"life-saving", "armoured vehicles only", today}, ""},
  };
  for (const auto& c : cases) {
    const TermsCheck t = CheckTerms(m, c.terms, today);
    EXPECT_EQ(t.ok, c.code.empty()) << c.code;
    EXPECT_EQ(t.code, c.code);
  }
  EXPECT_EQ(m.acceptance_max_days, 180);
  EXPECT_EQ(m.acceptance_from, kHigh);
}

TEST(Acceptance, AMaterialChangeOrExpiryEndsIt) {
  const MethodPack& m = DefaultPack();
  const int today = *DayNumber("2026-11-30");
  const AcceptanceFacts a{kHigh, today + 10, false};
  struct Case {
    AcceptanceFacts facts;
    int day, residual;
    bool egs;
    std::string code;
  } cases[] = {
      {a, today, kHigh, false, "acceptance_in_force"},
      {a, today + 10, kHigh, false, "acceptance_in_force"},      // the expiry day itself still counts
      {a, today, kMedium, false, "acceptance_in_force"},         // a lower residual: the signature covers it
      {a, today + 11, kHigh, false, "acceptance_expired"},
      {a, today, kVeryHigh, false, "acceptance_residual_higher"},  // a new SRA in force, higher residual
      {a, today, kHigh, true, "acceptance_egs_no_go"},
      {{kHigh, today + 10, true}, today, kHigh, false, "acceptance_voided"},
  };
  for (const auto& c : cases) {
    const InForce f = AcceptanceInForce(m, c.facts, c.day, c.residual, c.egs);
    EXPECT_EQ(f.reason.code, c.code);
    EXPECT_EQ(f.in_force, c.code == "acceptance_in_force");
  }
}

}  // namespace
}  // namespace srm::domain
