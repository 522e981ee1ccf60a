// The decisions that rest on the SRA (SRM-METHOD.md sections 5 and 7): every PC x residual level
// for an activity and for a clearance leg, and every clearance rule. Expected outcomes are
// written out from the method, not computed from the pack.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>

#include "domain/decisions.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using testing::DefaultPack;

constexpr int kVeryLow = 0, kLow = 1, kMedium = 2, kHigh = 3, kVeryHigh = 4, kUnacceptable = 5;

int Day(const char* ymd) {
  auto d = DayNumber(ymd);
  EXPECT_TRUE(d.has_value()) << ymd;
  return d.value_or(0);
}

bool HasCode(const std::vector<Reason>& reasons, const std::string& code) {
  return std::any_of(reasons.begin(), reasons.end(), [&](const Reason& r) { return r.code == code; });
}
bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// ---------------------------------------------------------------- dates

TEST(Dates, RoundTripAndCalendarRules) {
  EXPECT_EQ(Day("1970-01-01"), 0);
  EXPECT_EQ(Day("1970-01-02"), 1);
  EXPECT_EQ(Day("2026-11-26") - Day("2026-11-01"), 25);
  EXPECT_EQ(Day("2027-01-01") - Day("2026-12-31"), 1);
  EXPECT_EQ(Day("2024-03-01") - Day("2024-02-28"), 2);  // leap year
  EXPECT_EQ(Day("2100-03-01") - Day("2100-02-28"), 1);  // century, not leap
  EXPECT_EQ(Day("2000-03-01") - Day("2000-02-28"), 2);  // 400 years, leap
  for (const char* s : {"2026-11-26", "2024-02-29", "1999-12-31", "2030-01-01"}) EXPECT_EQ(DayString(Day(s)), s);
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-1", "26-11-2026",
                          "2026/11/26", "", "2026-11-26T00:00", "abcd-ef-gh", "1800-01-01"})
    EXPECT_FALSE(DayNumber(bad).has_value()) << bad;
}

// ---------------------------------------------------------------- EGS

EgsDecision Egs(std::string id, bool no_go, const char* from, const char* to, std::string at) {
  return {std::move(id), no_go, Day(from), Day(to), std::move(at)};
}

TEST(Egs, NoDecisionMeansNothingInForce) {
  EXPECT_FALSE(NoGoInForce({}, Day("2026-12-01"), Day("2026-12-10")));
}

TEST(Egs, NoGoOverlappingAnyDayOfTheWindowIsInForce) {
  std::vector<EgsDecision> d{Egs("egs_1", true, "2026-12-08", "2026-12-20", "2026-11-01T00:00:00Z")};
  auto in = NoGoInForce(d, Day("2026-12-01"), Day("2026-12-08"));  // last day only
  ASSERT_TRUE(in);
  EXPECT_EQ(in->id, "egs_1");
  EXPECT_FALSE(NoGoInForce(d, Day("2026-12-01"), Day("2026-12-07")));  // ends the day before
  EXPECT_FALSE(NoGoInForce(d, Day("2026-12-21"), Day("2026-12-30")));  // starts the day after
}

TEST(Egs, ALaterGoLiftsAnEarlierNoGoForTheDaysItCovers) {
  std::vector<EgsDecision> d{Egs("egs_nogo", true, "2026-12-01", "2026-12-31", "2026-11-01T00:00:00Z"),
                             Egs("egs_go", false, "2026-12-10", "2026-12-31", "2026-11-20T00:00:00Z")};
  EXPECT_FALSE(NoGoInForce(d, Day("2026-12-10"), Day("2026-12-20")));  // fully lifted
  auto partly = NoGoInForce(d, Day("2026-12-05"), Day("2026-12-12"));  // 5..9 still under no-go
  ASSERT_TRUE(partly);
  EXPECT_EQ(partly->id, "egs_nogo");
}

TEST(Egs, AnEarlierGoDoesNotLiftALaterNoGo) {
  std::vector<EgsDecision> d{Egs("egs_go", false, "2026-12-01", "2026-12-31", "2026-11-01T00:00:00Z"),
                             Egs("egs_nogo", true, "2026-12-01", "2026-12-31", "2026-11-20T00:00:00Z")};
  auto in = NoGoInForce(d, Day("2026-12-10"), Day("2026-12-11"));
  ASSERT_TRUE(in);
  EXPECT_EQ(in->id, "egs_nogo");
}

// ---------------------------------------------------------------- activity: every PC x residual

// What section 5 says for PC x residual when every required record exists.
ActivityOutcome Expected(int pc, int residual) {
  const int limit[] = {kVeryHigh, kHigh, kMedium, kLow};  // PC1..PC4
  if (residual == kUnacceptable || residual > limit[pc - 1]) return ActivityOutcome::kNotAcceptable;
  return ActivityOutcome::kProceed;
}

class ActivityPcByResidual : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(ActivityPcByResidual, WithEveryRecordInPlace) {
  const auto [pc, residual] = GetParam();
  ActivityInput in{pc, residual, residual, true, true, true, std::nullopt, /*acceptance_in_force=*/true};
  const ActivityDecision d = DecideActivity(DefaultPack(), in);
  EXPECT_EQ(d.outcome, Expected(pc, residual)) << "PC" << pc << " residual " << residual;
  EXPECT_EQ(d.needs_pc_assessment, residual >= kHigh);
  EXPECT_EQ(d.needs_exec_approval, residual == kVeryHigh);
  EXPECT_EQ(d.never_acceptable, residual == kUnacceptable);
  ASSERT_FALSE(d.reasons.empty());
  EXPECT_NE(d.reasons[0].message.find("PC" + std::to_string(pc)), std::string::npos) << d.reasons[0].message;
  if (d.outcome == ActivityOutcome::kNotAcceptable) {
    EXPECT_TRUE(Has(d.options, "avoid"));
    EXPECT_TRUE(Has(d.options, "do_not_proceed"));
    EXPECT_EQ(Has(d.options, "control"), residual != kUnacceptable);
    EXPECT_EQ(Has(d.options, "transfer"), residual != kUnacceptable);
  } else {
    EXPECT_TRUE(d.options.empty());
  }
}

TEST_P(ActivityPcByResidual, WithoutAnyRecord) {
  const auto [pc, residual] = GetParam();
  ActivityInput in{pc, residual, residual, true, false, false, std::nullopt};
  const ActivityDecision d = DecideActivity(DefaultPack(), in);
  const ActivityOutcome with_records = Expected(pc, residual);
  if (with_records == ActivityOutcome::kNotAcceptable) {
    // Missing records never turn a refusal into something else.
    EXPECT_EQ(d.outcome, ActivityOutcome::kNotAcceptable);
    EXPECT_TRUE(d.missing.empty());
  } else if (residual >= kHigh) {
    EXPECT_EQ(d.outcome, ActivityOutcome::kPending);
    EXPECT_TRUE(Has(d.missing, "pc_assessment"));
    // Issue 14 (SRM-METHOD.md 7a): from High a signed acceptance is what is missing; at Very High
    // it is the executive office's signature, so no separate executive approval is asked.
    EXPECT_TRUE(Has(d.missing, "acceptance"));
    EXPECT_FALSE(Has(d.missing, "exec_approval"));
  } else {
    EXPECT_EQ(d.outcome, ActivityOutcome::kProceed);
    EXPECT_TRUE(d.missing.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(AllCells, ActivityPcByResidual,
                         ::testing::Combine(::testing::Values(1, 2, 3, 4), ::testing::Range(0, 6)),
                         [](const auto& info) {
                           return "PC" + std::to_string(std::get<0>(info.param)) + "_residual" +
                                  std::to_string(std::get<1>(info.param));
                         });

TEST(Activity, MeasuresThatLowerTheRiskMeanProceedWithMeasures) {
  ActivityInput in{3, kMedium, kHigh, true, false, false, std::nullopt};
  const ActivityDecision d = DecideActivity(DefaultPack(), in);
  EXPECT_EQ(d.outcome, ActivityOutcome::kProceedWithMeasures);
  EXPECT_TRUE(HasCode(d.reasons, "measures_required"));
}

TEST(Activity, VeryHighForPc1NeedsBothTheAssessmentAndASignedAcceptance) {
  ActivityInput in{1, kVeryHigh, kVeryHigh, true, true, false, std::nullopt};
  auto d = DecideActivity(DefaultPack(), in);
  EXPECT_EQ(d.outcome, ActivityOutcome::kPending);
  EXPECT_EQ(d.missing, std::vector<std::string>{"acceptance"});
  EXPECT_TRUE(d.needs_acceptance);
  // The old executive approval alone (no expiry, no conditions) no longer stands for a signature.
  in.exec_approved = true;
  d = DecideActivity(DefaultPack(), in);
  EXPECT_EQ(d.missing, std::vector<std::string>{"acceptance"});
  in.acceptance_in_force = true;
  in.pc_assessed = false;
  d = DecideActivity(DefaultPack(), in);
  EXPECT_EQ(d.missing, std::vector<std::string>{"pc_assessment"});
  in.pc_assessed = true;
  d = DecideActivity(DefaultPack(), in);
  EXPECT_EQ(d.outcome, ActivityOutcome::kProceed);
  EXPECT_TRUE(HasCode(d.reasons, "accepted"));
}

TEST(Activity, UnacceptableIsNeverOverriddenEvenWithEveryApproval) {
  for (int pc = 1; pc <= 4; ++pc) {
    ActivityInput in{pc, kUnacceptable, kUnacceptable, true, true, true, std::nullopt};
    const auto d = DecideActivity(DefaultPack(), in);
    EXPECT_EQ(d.outcome, ActivityOutcome::kNotAcceptable);
    EXPECT_TRUE(HasCode(d.reasons, "never_overridden"));
    EXPECT_FALSE(Has(d.options, "control"));
  }
}

TEST(Activity, NoSraMeansPendingAndAnExpiredSraHoldsTheDecision) {
  ActivityInput none{2, std::nullopt, std::nullopt, true, true, true, std::nullopt};
  auto d = DecideActivity(DefaultPack(), none);
  EXPECT_EQ(d.outcome, ActivityOutcome::kPending);
  EXPECT_EQ(d.missing, std::vector<std::string>{"published_sra"});
  ActivityInput expired{4, kLow, kLow, false, false, false, std::nullopt};
  d = DecideActivity(DefaultPack(), expired);
  EXPECT_EQ(d.outcome, ActivityOutcome::kPending);
  EXPECT_TRUE(Has(d.missing, "current_sra"));
}

TEST(Activity, AnEgsNoGoOverridesAnAcceptableResidual) {
  ActivityInput in{1, kVeryLow, kVeryLow, true, true, true,
                   EgsDecision{"egs_9", true, Day("2026-12-01"), Day("2026-12-31"), "x"}};
  const auto d = DecideActivity(DefaultPack(), in);
  EXPECT_EQ(d.outcome, ActivityOutcome::kNotAcceptable);
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(d.reasons[0].code, "egs_no_go");
  EXPECT_NE(d.reasons[0].message.find("egs_9"), std::string::npos);
  EXPECT_TRUE(Has(d.options, "avoid"));
}

TEST(Activity, EveryOptionHasAnExplanation) {
  for (const char* o : {"control", "avoid", "transfer", "do_not_proceed"})
    EXPECT_GT(OptionDetail(o).size(), std::string(o).size() + 5) << o;
  EXPECT_NE(OptionDetail("avoid").find("relocation"), std::string::npos);
  EXPECT_NE(OptionDetail("avoid").find("evacuation"), std::string::npos);
}

// ---------------------------------------------------------------- clearance legs

LegInput Leg(int pc, int residual, const char* from = "2026-12-01", const char* to = "2026-12-10") {
  LegInput in;
  in.pc = pc;
  in.pc_assessed = true;
  in.from_day = Day(from);
  in.to_day = Day(to);
  in.area_sra = AreaSraFacts{"sra_a", residual, "2027-11-26"};
  // The PC x residual table judges the leg with every other fact in place, the activity's signed
  // acceptance included; Clearance.AcceptanceRequiredFromHigh takes it away.
  in.acceptance_in_force = true;
  return in;
}

// Section 7 for PC x area residual, with a current SRA, no EGS decision, no specific SRA and the
// PC resting on an assessment.
class LegPcByResidual : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(LegPcByResidual, FollowsSection7) {
  const auto [pc, residual] = GetParam();
  const LegDecision d = DecideLeg(DefaultPack(), Leg(pc, residual));
  const int limit[] = {kVeryHigh, kHigh, kMedium, kLow};
  EXPECT_EQ(d.sra_id, "sra_a");
  if (residual == kUnacceptable) {
    EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
    EXPECT_EQ(d.rule, "unacceptable");
  } else if (residual == kVeryHigh) {
    EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
    EXPECT_EQ(d.rule, "specific_sra_required");
  } else if (residual <= limit[pc - 1]) {
    EXPECT_EQ(d.outcome, LegOutcome::kCleared);
    EXPECT_EQ(d.rule, "cleared");
    EXPECT_TRUE(d.approver_role.empty());
    EXPECT_TRUE(HasCode(d.reasons, "within_limit"));
  } else {
    // Issue 14 / SRM-METHOD.md §5: above the PC's limit is acceptable to nobody (was: referred to the cell).
    EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
    EXPECT_EQ(d.rule, "not_acceptable");
    EXPECT_TRUE(d.approver_role.empty()) << "no approver can clear it";
  }
  // Every decision says which EGS and SRA facts it rests on.
  EXPECT_TRUE(HasCode(d.reasons, "no_egs_no_go"));
  EXPECT_TRUE(HasCode(d.reasons, "sra_current"));
  ASSERT_TRUE(d.residual.has_value());
  EXPECT_EQ(*d.residual, residual);
}

INSTANTIATE_TEST_SUITE_P(AllCells, LegPcByResidual,
                         ::testing::Combine(::testing::Values(1, 2, 3, 4), ::testing::Range(0, 6)),
                         [](const auto& info) {
                           return "PC" + std::to_string(std::get<0>(info.param)) + "_residual" +
                                  std::to_string(std::get<1>(info.param));
                         });

TEST(Clearance, NoPublishedSraIsReferred) {
  LegInput in = Leg(1, kVeryLow);
  in.area_sra.reset();
  const auto d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kReferred);
  EXPECT_EQ(d.rule, "no_sra");
  EXPECT_EQ(d.approver_role, "dss_security_adviser");
  EXPECT_TRUE(d.sra_id.empty());
}

TEST(Clearance, AnSraPastItsReviewDateBeforeTheLegEndsIsReferred) {
  LegInput in = Leg(1, kVeryLow, "2026-12-01", "2026-12-10");
  in.area_sra->review_due = "2026-11-30";
  auto d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kReferred);
  EXPECT_EQ(d.rule, "sra_expired");
  EXPECT_NE(d.reasons.back().message.find("2026-11-30"), std::string::npos);
  // Issue 14 (SRM-METHOD.md §7a): decided against the SRA current on every day of the leg (was:
  // on the day it starts): due the day the leg starts is no longer enough.
  in.area_sra->review_due = "2026-12-01";
  EXPECT_EQ(DecideLeg(DefaultPack(), in).rule, "sra_expired");
  in.area_sra->review_due = "2026-12-10";  // due the day the leg ends: still current
  d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kCleared);
  in.area_sra->review_due = "not-a-date";  // a malformed date is never taken as current
  EXPECT_EQ(DecideLeg(DefaultPack(), in).rule, "sra_expired");
}

TEST(Clearance, ResidualAboveThePcLimitIsAcceptableToNobody) {
  const auto d = DecideLeg(DefaultPack(), Leg(4, kMedium));
  EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
  EXPECT_EQ(d.rule, "not_acceptable");
  EXPECT_TRUE(d.approver_role.empty());
  EXPECT_NE(d.reasons.back().message.find("PC4"), std::string::npos);
}

TEST(Clearance, HighResidualNeedsThePcToRestOnAnAssessment) {
  LegInput in = Leg(2, kHigh);
  in.pc_assessed = false;
  auto d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kReferred);
  EXPECT_EQ(d.rule, "pc_assessment_required");
  in.pc_assessed = true;
  EXPECT_EQ(DecideLeg(DefaultPack(), in).outcome, LegOutcome::kCleared);
  LegInput medium = Leg(3, kMedium);  // below High no assessment is needed
  medium.pc_assessed = false;
  EXPECT_EQ(DecideLeg(DefaultPack(), medium).outcome, LegOutcome::kCleared);
}

// SRM-METHOD.md 7a: from High a residual within the PC's limit stands only with the activity's
// signed acceptance, in force over the leg; without it the leg is referred, never cleared.
TEST(Clearance, AcceptanceRequiredFromHigh) {
  struct Row { int pc, residual; bool accepted; LegOutcome outcome; const char* rule; };
  const Row rows[] = {
      {2, kHigh, false, LegOutcome::kReferred, "acceptance_required"},
      {2, kHigh, true, LegOutcome::kCleared, "cleared"},
      {1, kHigh, false, LegOutcome::kReferred, "acceptance_required"},
      {1, kHigh, true, LegOutcome::kCleared, "cleared"},
      {3, kMedium, false, LegOutcome::kCleared, "cleared"},  // below High the SRA's acceptability stands
      {2, kMedium, false, LegOutcome::kCleared, "cleared"},
      {4, kLow, false, LegOutcome::kCleared, "cleared"},
      {3, kHigh, true, LegOutcome::kBlocked, "not_acceptable"},  // above the limit an acceptance changes nothing
      {3, kHigh, false, LegOutcome::kBlocked, "not_acceptable"},
  };
  for (const Row& r : rows) {
    LegInput in = Leg(r.pc, r.residual);
    in.acceptance_in_force = r.accepted;
    const LegDecision d = DecideLeg(DefaultPack(), in);
    const std::string what = "PC" + std::to_string(r.pc) + " residual " + std::to_string(r.residual) +
                             (r.accepted ? " accepted" : " not accepted");
    EXPECT_EQ(d.outcome, r.outcome) << what;
    EXPECT_EQ(d.rule, r.rule) << what;
    EXPECT_EQ(d.reasons.back().code, r.rule) << what;
    if (std::string(r.rule) == "acceptance_required") {
      EXPECT_EQ(d.approver_role, "dss_security_adviser") << what;
      EXPECT_NE(d.reasons.back().message.find("acceptance"), std::string::npos);
    }
    if (r.accepted && r.outcome == LegOutcome::kCleared && r.residual >= kHigh)
      EXPECT_TRUE(HasCode(d.reasons, "acceptance_in_force")) << what;
  }
  // A mission's approved specific SRA (the executive head's office) stands in for the acceptance.
  LegInput spec = Leg(2, kVeryHigh);
  spec.acceptance_in_force = false;
  spec.specific = SpecificSraFacts{"sra_spec", "ssa_1", kHigh, std::nullopt, std::nullopt};
  EXPECT_EQ(DecideLeg(DefaultPack(), spec).rule, "cleared");
}

// The PC-assessment referral: an unassessed programme is judged as PC4, so with the default pack a
// residual that needs an assessment (High) is above PC4's limit and blocked before it. A pack whose
// PC4 limit reaches the assessment level (or whose assessment level is at or below PC4's limit)
// reaches it: the leg is referred until the country team assesses the programme.
TEST(Clearance, PcAssessmentReferralIsReachedByThePack) {
  LegInput unassessed = Leg(4, kHigh);
  unassessed.pc_assessed = false;
  EXPECT_EQ(DecideLeg(DefaultPack(), unassessed).rule, "not_acceptable");  // default pack
  MethodPack generous = DefaultPack();
  generous.pc_max_acceptable[3] = kHigh;  // PC4 up to High
  auto d = DecideLeg(generous, unassessed);
  EXPECT_EQ(d.outcome, LegOutcome::kReferred);
  EXPECT_EQ(d.rule, "pc_assessment_required");
  EXPECT_EQ(d.approver_role, "dss_security_adviser");
  MethodPack strict = DefaultPack();
  strict.pc_assessment_from = kLow;  // an assessment from Low on
  LegInput low = Leg(4, kLow);
  low.pc_assessed = false;
  EXPECT_EQ(DecideLeg(DefaultPack(), low).rule, "cleared");
  EXPECT_EQ(DecideLeg(strict, low).rule, "pc_assessment_required");
  low.pc_assessed = true;
  EXPECT_EQ(DecideLeg(strict, low).rule, "cleared");
}

TEST(Clearance, VeryHighWithoutASpecificSraIsBlockedForEveryPc) {
  for (int pc = 1; pc <= 4; ++pc) {
    const auto d = DecideLeg(DefaultPack(), Leg(pc, kVeryHigh));
    EXPECT_EQ(d.outcome, LegOutcome::kBlocked) << pc;
    EXPECT_EQ(d.rule, "specific_sra_required");
    EXPECT_TRUE(d.approver_role.empty()) << "no approver can clear it";
  }
}

TEST(Clearance, VeryHighWithAnApprovedSpecificSraJudgesTheSpecificResidual) {
  LegInput in = Leg(1, kVeryHigh);
  in.specific = SpecificSraFacts{"sra_spec", "ssa_1", kVeryHigh, std::nullopt, std::nullopt};
  auto d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kCleared);  // PC1 accepts Very High, approved by the executive office
  EXPECT_EQ(d.specific_sra_id, "sra_spec");
  EXPECT_TRUE(HasCode(d.reasons, "specific_sra_approved"));

  in.pc = 2;  // PC2 stops at High: above its limit nobody accepts Very High (issue 14; was referred)
  d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
  EXPECT_EQ(d.rule, "not_acceptable");
  EXPECT_TRUE(d.approver_role.empty());

  in.specific->residual = kMedium;  // the mission's own measures bring it to Medium
  in.pc = 3;
  d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kCleared);
  EXPECT_EQ(*d.residual, kMedium);

  in.specific->residual = kUnacceptable;
  EXPECT_EQ(DecideLeg(DefaultPack(), in).rule, "unacceptable");
}

TEST(Clearance, ASpecificSraCoversOnlyItsOwnWindow) {
  LegInput in = Leg(1, kVeryHigh, "2026-12-01", "2026-12-10");
  in.specific = SpecificSraFacts{"sra_spec", "ssa_1", kHigh, Day("2026-12-01"), Day("2026-12-05")};
  auto d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
  EXPECT_EQ(d.rule, "specific_sra_out_of_scope");
  in.specific->to_day = Day("2026-12-10");
  EXPECT_EQ(DecideLeg(DefaultPack(), in).outcome, LegOutcome::kCleared);
}

TEST(Clearance, ASpecificSraDoesNotOverrideUnacceptableAreaRisk) {
  LegInput in = Leg(1, kUnacceptable);
  in.specific = SpecificSraFacts{"sra_spec", "ssa_1", kLow, std::nullopt, std::nullopt};
  const auto d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
  EXPECT_EQ(d.rule, "unacceptable");
}

TEST(Clearance, AnEgsNoGoOverridesEverything) {
  // The best case otherwise: Very Low residual, PC1, assessed, an approved specific SRA too.
  LegInput in = Leg(1, kVeryLow, "2026-12-01", "2026-12-10");
  in.specific = SpecificSraFacts{"sra_spec", "ssa_1", kVeryLow, std::nullopt, std::nullopt};
  in.egs = {Egs("egs_crisis", true, "2026-12-10", "2027-01-31", "2026-11-20T10:00:00Z")};
  auto d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kBlocked);
  EXPECT_EQ(d.rule, "egs_no_go");
  EXPECT_EQ(d.egs_id, "egs_crisis");
  ASSERT_EQ(d.reasons.size(), 1u);
  // Even with no SRA at all the no-go decides first.
  in.area_sra.reset();
  EXPECT_EQ(DecideLeg(DefaultPack(), in).rule, "egs_no_go");
  // A later go for the whole window lifts it.
  in.area_sra = AreaSraFacts{"sra_a", kVeryLow, "2027-11-26"};
  in.egs.push_back(Egs("egs_go", false, "2026-12-01", "2027-01-31", "2026-11-25T10:00:00Z"));
  d = DecideLeg(DefaultPack(), in);
  EXPECT_EQ(d.outcome, LegOutcome::kCleared);
  EXPECT_TRUE(d.egs_id.empty());
}

TEST(Clearance, AnItinerarySpanningSeveralAreasAndDatesIsDecidedLegByLeg) {
  // Area A: Medium, current. Area B: High, a no-go from 2026-12-15 to 2026-12-20.
  // Area C: no SRA. Area D: Very High with the mission's specific SRA approved.
  const auto& m = DefaultPack();
  auto area_a = AreaSraFacts{"sra_a", kMedium, "2027-06-30"};
  auto area_b = AreaSraFacts{"sra_b", kHigh, "2027-06-30"};
  std::vector<EgsDecision> egs_b{Egs("egs_b", true, "2026-12-15", "2026-12-20", "2026-11-20T00:00:00Z")};
  struct Case { const char* area; const char* from; const char* to; LegOutcome want; const char* rule; };
  const Case itinerary[] = {
      {"A", "2026-12-01", "2026-12-05", LegOutcome::kCleared, "cleared"},
      {"B", "2026-12-06", "2026-12-14", LegOutcome::kCleared, "cleared"},        // before the no-go
      {"B", "2026-12-14", "2026-12-16", LegOutcome::kBlocked, "egs_no_go"},      // runs into it
      {"C", "2026-12-17", "2026-12-18", LegOutcome::kReferred, "no_sra"},
      {"D", "2026-12-19", "2026-12-22", LegOutcome::kCleared, "cleared"},
      {"B", "2026-12-21", "2026-12-24", LegOutcome::kCleared, "cleared"},        // after it
      {"A", "2027-07-01", "2027-07-03", LegOutcome::kReferred, "sra_expired"},   // A's SRA lapses first
  };
  for (const auto& c : itinerary) {
    LegInput in;
    in.pc = 2;
    in.pc_assessed = true;
    in.acceptance_in_force = true;  // the activity's signed acceptance (needed from High) stands
    in.from_day = Day(c.from);
    in.to_day = Day(c.to);
    const std::string a = c.area;
    if (a == "A") in.area_sra = area_a;
    if (a == "B") { in.area_sra = area_b; in.egs = egs_b; }
    if (a == "D") {
      in.area_sra = AreaSraFacts{"sra_d", kVeryHigh, "2027-06-30"};
      in.specific = SpecificSraFacts{"sra_d_spec", "ssa_d", kHigh, std::nullopt, std::nullopt};
    }
    const auto d = DecideLeg(m, in);
    EXPECT_EQ(d.outcome, c.want) << c.area << " " << c.from;
    EXPECT_EQ(d.rule, c.rule) << c.area << " " << c.from;
  }
}

}  // namespace
}  // namespace srm::domain
