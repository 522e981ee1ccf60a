// Programme criticality (SRM-METHOD.md §5, §7a): the PC comes from a current assessment, PC1 only
// once confirmed, and everything else is judged as PC4 with the reason. Table-driven.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/decisions.h"
#include "domain/programme_criticality.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

int Day(const char* ymd) { return DayNumber(ymd).value_or(-1); }

TEST(PcValidUntil, MonthsLaterTheDayBefore) {
  EXPECT_EQ(PcValidUntil("2026-01-15", 12), "2027-01-14");
  EXPECT_EQ(PcValidUntil("2026-03-01", 1), "2026-03-31");
  EXPECT_EQ(PcValidUntil("2024-02-29", 12), "2025-02-27");  // AddMonths clamps to the 28th, then the day before
  EXPECT_EQ(PcValidUntil("not a date", 12), "");
  EXPECT_EQ(PcValidUntil("9999-06-01", 12), "9999-12-31");
}

struct PcCase {
  const char* name;
  bool serves_programme;
  std::optional<PcAssessmentFacts> assessment;
  const char* from;
  const char* to;
  int pc;
  bool assessed;
  const char* code;
};

PcAssessmentFacts A(int pc, const char* on, const char* until, bool confirmed = false) {
  return {"pca_x", pc, on, until, confirmed};
}

TEST(ProgrammePcDuring, EveryRule) {
  const std::vector<PcCase> cases = {
      {"no programme", false, A(2, "2026-01-01", "2026-12-31"), "2026-06-01", "2026-06-03", 4, false, "no_programme"},
      {"no assessment", true, std::nullopt, "2026-06-01", "2026-06-03", 4, false, "no_pc_assessment"},
      {"current PC2", true, A(2, "2026-01-01", "2026-12-31"), "2026-06-01", "2026-06-03", 2, true, "pc_assessed"},
      {"current PC3", true, A(3, "2026-01-01", "2026-12-31"), "2026-06-01", "2026-06-03", 3, true, "pc_assessed"},
      {"PC4 assessed", true, A(4, "2026-01-01", "2026-12-31"), "2026-06-01", "2026-06-03", 4, true, "pc_assessed"},
      {"first and last day hold", true, A(2, "2026-06-01", "2026-06-03"), "2026-06-01", "2026-06-03", 2, true,
       "pc_assessed"},
      {"expired before the leg", true, A(2, "2025-01-01", "2025-12-31"), "2026-06-01", "2026-06-03", 4, false,
       "pc_assessment_expired"},
      {"expires during the leg", true, A(2, "2026-01-01", "2026-06-02"), "2026-06-01", "2026-06-03", 4, false,
       "pc_assessment_expired"},
      {"dated after the leg starts", true, A(2, "2026-06-02", "2027-06-01"), "2026-06-01", "2026-06-03", 4, false,
       "pc_assessment_not_yet_valid"},
      {"PC1 unconfirmed", true, A(1, "2026-01-01", "2026-12-31", false), "2026-06-01", "2026-06-03", 4, false,
       "pc1_unconfirmed"},
      {"PC1 confirmed", true, A(1, "2026-01-01", "2026-12-31", true), "2026-06-01", "2026-06-03", 1, true,
       "pc_assessed"},
      {"PC1 confirmed but expired", true, A(1, "2025-01-01", "2025-12-31", true), "2026-06-01", "2026-06-03", 4,
       false, "pc_assessment_expired"},
      {"invalid PC", true, A(7, "2026-01-01", "2026-12-31"), "2026-06-01", "2026-06-03", 4, false,
       "no_pc_assessment"},
      {"undated", true, A(2, "", ""), "2026-06-01", "2026-06-03", 4, false, "pc_assessment_not_yet_valid"},
  };
  for (const auto& c : cases) {
    const ProgrammePc got = ProgrammePcDuring(c.serves_programme, c.assessment, Day(c.from), Day(c.to));
    EXPECT_EQ(got.pc, c.pc) << c.name;
    EXPECT_EQ(got.assessed, c.assessed) << c.name;
    EXPECT_EQ(got.reason.code, c.code) << c.name;
    EXPECT_FALSE(got.reason.message.empty()) << c.name;
  }
}

TEST(CurrentPcOn, OneDay) {
  const auto a = A(3, "2026-01-01", "2026-12-31");
  EXPECT_EQ(CurrentPcOn(a, Day("2026-12-31")).pc, 3);
  EXPECT_EQ(CurrentPcOn(a, Day("2027-01-01")).pc, 4);
  EXPECT_EQ(CurrentPcOn(a, Day("2027-01-01")).reason.code, "pc_assessment_expired");
  EXPECT_EQ(CurrentPcOn(a, Day("2025-12-31")).reason.code, "pc_assessment_not_yet_valid");
  EXPECT_EQ(CurrentPcOn(std::nullopt, Day("2026-06-01")).reason.code, "no_pc_assessment");
}

TEST(RefuseConfirmation, EveryRule) {
  struct C {
    const char* name;
    PcAssessmentFacts a;
    const char* recorder;
    const char* user;
    const char* code;  // "" = allowed
  };
  const std::vector<C> cases = {
      {"PC1 by another person", A(1, "2026-01-01", "2026-12-31"), "u_lead", "u_exec", ""},
      {"PC1 by the recorder", A(1, "2026-01-01", "2026-12-31"), "u_lead", "u_lead", "pc_confirm_own_assessment"},
      {"PC2 needs none", A(2, "2026-01-01", "2026-12-31"), "u_lead", "u_exec", "pc_confirmation_not_needed"},
      {"already confirmed", A(1, "2026-01-01", "2026-12-31", true), "u_lead", "u_exec", "pc_already_confirmed"},
  };
  for (const auto& c : cases) {
    const auto r = RefuseConfirmation(c.a, c.recorder, c.user);
    EXPECT_EQ(r ? r->code : std::string(), c.code) << c.name;
  }
}

// The leg rules that PC and dates feed (SRM-METHOD.md §5, §7, §7a).
TEST(DecideLegPcAndDates, EveryRule) {
  const MethodPack& m = testing::DefaultPack();
  constexpr int kLow = 1, kMedium = 2, kHigh = 3;
  struct C {
    const char* name;
    int pc;
    bool assessed;
    int residual;
    const char* period_from;
    const char* period_to;
    const char* review_due;
    const char* from;
    const char* to;
    LegOutcome outcome;
    const char* rule;
  };
  const std::vector<C> cases = {
      // Finding 5: a leg for 6-8 Dec 2026 against an SRA for 1 Jan - 30 Jun 2027.
      {"leg before the period", 4, false, kLow, "2027-01-01", "2027-06-30", "2027-12-01", "2026-12-06", "2026-12-08",
       LegOutcome::kReferred, "sra_out_of_period"},
      {"leg runs past the period", 4, false, kLow, "2026-01-01", "2026-12-07", "2027-12-01", "2026-12-06",
       "2026-12-08", LegOutcome::kReferred, "sra_out_of_period"},
      {"leg inside the period", 4, false, kLow, "2026-01-01", "2026-12-31", "2027-12-01", "2026-12-06", "2026-12-08",
       LegOutcome::kCleared, "cleared"},
      {"open period", 4, false, kLow, "", "", "", "2026-12-06", "2026-12-08", LegOutcome::kCleared, "cleared"},
      {"review due during the leg", 4, false, kLow, "", "", "2026-12-07", "2026-12-06", "2026-12-08",
       LegOutcome::kReferred, "sra_expired"},
      {"review due on the last day", 4, false, kLow, "", "", "2026-12-08", "2026-12-06", "2026-12-08",
       LegOutcome::kCleared, "cleared"},
      // Finding 3: risk above the PC's limit is acceptable to nobody.
      {"PC3 into High", 3, true, kHigh, "", "", "", "2026-12-06", "2026-12-08", LegOutcome::kBlocked,
       "not_acceptable"},
      {"PC4 (no programme) into Medium", 4, false, kMedium, "", "", "", "2026-12-06", "2026-12-08",
       LegOutcome::kBlocked, "not_acceptable"},
      {"PC2 assessed into High", 2, true, kHigh, "", "", "", "2026-12-06", "2026-12-08", LegOutcome::kCleared,
       "cleared"},
      {"PC2 not assessed into High", 2, false, kHigh, "", "", "", "2026-12-06", "2026-12-08", LegOutcome::kReferred,
       "pc_assessment_required"},
  };
  for (const auto& c : cases) {
    LegInput in;
    in.pc = c.pc;
    in.pc_assessed = c.assessed;
    in.pc_basis = Reason{c.assessed ? "pc_assessed" : "no_programme", "x"};
    // The activity's signed acceptance stands: the table is about PC and dates (its absence from
    // High is Clearance.AcceptanceRequiredFromHigh in decisions_test.cpp).
    in.acceptance_in_force = true;
    in.from_day = Day(c.from);
    in.to_day = Day(c.to);
    in.area_sra = AreaSraFacts{"sra_1", c.residual, c.review_due, c.period_from, c.period_to};
    const LegDecision d = DecideLeg(m, in);
    EXPECT_EQ(d.outcome, c.outcome) << c.name;
    EXPECT_EQ(d.rule, c.rule) << c.name;
    ASSERT_GE(d.reasons.size(), 2u) << c.name;
    EXPECT_EQ(d.reasons[1].code, in.pc_basis->code) << c.name << ": the PC's basis is the second reason";
    if (d.outcome == LegOutcome::kReferred) EXPECT_EQ(d.approver_role, "dss_security_adviser") << c.name;
  }
}

}  // namespace
}  // namespace srm::domain
