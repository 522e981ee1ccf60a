// Issue 14 / SRM-METHOD.md §3, §7a as pure rules: completeness to leave draft (every missing piece,
// residuals justified by measures of the right type), separation of duties between the steps of
// one SRA version, validity (current inside the period and up to the review date), hazards rated
// on frequency, magnitude and preparedness.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "domain/sra.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using testing::DefaultPack;
using testing::RatedScenario;

constexpr int kVeryUnlikely = 0, kUnlikely = 1, kModeratelyLikely = 2, kLikely = 3, kVeryLikely = 4;
constexpr int kNegligible = 0, kMinor = 1, kModerate = 2, kSevere = 3, kCritical = 4;

Measure Of(const char* type) { return Measure{"m_" + std::string(type), type, "A measure", "coordination"}; }

Sra Complete() {
  Sra sra;
  sra.title = "Sanjar area SRA";
  sra.scope = {"2026-01-01", "2026-06-30", "periodic_review"};
  sra.situation = {{"political", "Fragile ceasefire."}};
  for (const auto& c : DefaultPack().threat_categories) sra.threats.push_back({c.key, 3, 3, 3});
  sra.scenarios = {RatedScenario("sc_1", kLikely, kSevere), RatedScenario("sc_2", kUnlikely, kMinor)};
  sra.scenarios[0].measures = {Of("prevention"), Of("mitigation")};
  return sra;
}

std::set<std::string> Pieces(const Sra& sra, const MethodPack& m = DefaultPack()) {
  std::set<std::string> out;
  for (const auto& p : MissingToSubmit(m, sra)) out.insert(p.code + "@" + p.field);
  return out;
}

TEST(MissingToSubmit, CompleteSraHasNothingMissing) {
  EXPECT_TRUE(Pieces(Complete()).empty());
  EXPECT_TRUE(ReadyToSubmit(DefaultPack(), Complete()).has_value());
}

TEST(MissingToSubmit, EachMissingPieceIsNamed) {
  struct Case {
    const char* name;
    std::function<void(Sra&)> mutate;
    std::set<std::string> expected;
  };
  const Case cases[] = {
      {"no trigger", [](Sra& s) { s.scope.trigger.clear(); }, {"trigger_required@scope.trigger"}},
      {"no period", [](Sra& s) { s.scope.to_date.clear(); }, {"period_required@scope.to_date"}},
      {"blank situation", [](Sra& s) { s.situation = {{"political", "  \n"}}; }, {"situation_required@situation"}},
      {"category not assessed", [](Sra& s) { s.threats.erase(s.threats.begin() + 4); },
       {"threat_assessment_required@threats.hazards"}},
      {"not applicable without a reason",
       [](Sra& s) { s.threats[1].not_applicable = true; },
       {"not_applicable_reason_required@threats[1].not_applicable_reason"}},
      {"not applicable with a reason", [](Sra& s) { s.threats[1] = {"terrorism", 1, 1, 1, 1, "", true, "none active"}; }, {}},
      {"no scenarios", [](Sra& s) { s.scenarios.clear(); }, {"scenarios_required@scenarios"}},
      {"no vulnerability", [](Sra& s) { s.scenarios[1].vulnerability.reset(); },
       {"vulnerability_required@scenarios[1].vulnerability"}},
      {"not rated", [](Sra& s) { s.scenarios[1].likelihood.reset(); s.scenarios[1].impact.reset(); },
       {"rating_required@scenarios[1].likelihood"}},
      {"High without measures", [](Sra& s) { s.scenarios[0].measures.clear(); },
       {"measures_required@scenarios[0].measures"}},
      {"Low needs no measure", [](Sra& s) { s.scenarios[1].measures.clear(); }, {}},
      {"residual above current",
       [](Sra& s) { s.scenarios[1].residual_likelihood = kVeryLikely; s.scenarios[1].residual_impact = kCritical; },
       {"residual_above_current@scenarios[1].residual_likelihood", "residual_above_current@scenarios[1].residual_impact"}},
      {"lower likelihood without prevention",
       [](Sra& s) { s.scenarios[0].measures = {Of("mitigation")}; s.scenarios[0].residual_likelihood = kUnlikely; },
       {"prevention_measure_required@scenarios[0].residual_likelihood"}},
      {"lower impact without mitigation",
       [](Sra& s) { s.scenarios[0].measures = {Of("prevention")}; s.scenarios[0].residual_impact = kMinor; },
       {"mitigation_measure_required@scenarios[0].residual_impact"}},
      {"both lowered by the right measures",
       [](Sra& s) { s.scenarios[0].residual_likelihood = kVeryUnlikely; s.scenarios[0].residual_impact = kNegligible; }, {}},
      {"Unacceptable to Very Low with no measure",
       [](Sra& s) {
         s.scenarios[0].likelihood = kVeryLikely;
         s.scenarios[0].impact = kCritical;
         s.scenarios[0].measures.clear();
         s.scenarios[0].residual_likelihood = kVeryUnlikely;
         s.scenarios[0].residual_impact = kNegligible;
       },
       {"measures_required@scenarios[0].measures", "prevention_measure_required@scenarios[0].residual_likelihood",
        "mitigation_measure_required@scenarios[0].residual_impact"}},
  };
  for (const auto& c : cases) {
    Sra sra = Complete();
    c.mutate(sra);
    EXPECT_EQ(Pieces(sra), c.expected) << c.name;
  }
}

TEST(MissingToSubmit, AnEmptySraListsEveryPieceAndReadyNamesTheFirst) {
  Sra empty;
  const auto pieces = Pieces(empty);
  EXPECT_EQ(pieces.size(), 4u + DefaultPack().threat_categories.size());
  auto st = ReadyToSubmit(DefaultPack(), empty);
  ASSERT_FALSE(st.has_value());
  EXPECT_TRUE(st.error().unprocessable);
  EXPECT_EQ(st.error().code, "scenarios_required");  // scenario pieces (rule zero) come first
}

TEST(MissingToSubmit, AnyMeasureJustifiesWhenThePackSaysSo) {
  MethodPack m = DefaultPack();
  m.residual_justification = "any_measure";
  Sra sra = Complete();
  sra.scenarios[0].measures = {Of("mitigation")};
  sra.scenarios[0].residual_likelihood = kUnlikely;
  EXPECT_TRUE(Pieces(sra, m).empty());
  sra.scenarios[1].residual_likelihood = kVeryUnlikely;  // lowered, and no measure at all
  EXPECT_EQ(Pieces(sra, m), std::set<std::string>{"residual_unjustified@scenarios[1].measures"});
}

TEST(SeparationOfDuties, NobodyPerformsTwoDifferentStepsOfOneVersion) {
  Sra sra = Complete();
  sra.created_by = "drafter";
  sra.history = {{"submit", "draft", "in_review", "drafter", "security_professional", "", "t1"},
                 {"review", "in_review", "reviewed", "reviewer", "security_cell", "", "t2"},
                 {"return", "reviewed", "returned", "endorser", "smt", "why", "t3"}};
  struct Case {
    const char* user;
    Action action;
    SraStatus from;
    std::optional<Action> earlier;
  };
  const Case cases[] = {
      {"drafter", Action::kSubmit, SraStatus::kReturned, std::nullopt},          // the same step again
      {"drafter", Action::kReview, SraStatus::kInReview, Action::kSubmit},
      {"drafter", Action::kApprove, SraStatus::kEndorsed, Action::kSubmit},
      {"reviewer", Action::kReview, SraStatus::kInReview, std::nullopt},         // again after the return
      {"reviewer", Action::kReturn, SraStatus::kInReview, std::nullopt},         // a return at its own stage
      {"reviewer", Action::kEndorse, SraStatus::kReviewed, Action::kReview},
      {"endorser", Action::kEndorse, SraStatus::kReviewed, std::nullopt},        // it returned at the endorse stage
      {"endorser", Action::kReview, SraStatus::kInReview, Action::kEndorse},
      {"endorser", Action::kReturn, SraStatus::kEndorsed, Action::kEndorse},      // a return at the approve stage
      {"someone_else", Action::kApprove, SraStatus::kEndorsed, std::nullopt},
  };
  for (const auto& c : cases)
    EXPECT_EQ(EarlierStepBy(sra, c.user, c.action, c.from), c.earlier) << c.user << " " << ActionName(c.action);
}

TEST(Validity, CurrentInsideThePeriodAndUpToTheReviewDateWhicheverEndsFirst) {
  Sra sra = Complete();
  sra.status = SraStatus::kPublished;
  sra.scope.from_date = "2026-01-01";
  sra.scope.to_date = "2026-12-31";
  sra.review_due = "2027-11-28";
  struct Case {
    SraStatus status;
    const char* review;
    const char* day;
    bool in_force, current;
    const char* reason;
    const char* until;
  };
  const Case cases[] = {
      {SraStatus::kPublished, "2027-11-28", "2026-06-01", true, true, "current", "2026-12-31"},
      {SraStatus::kPublished, "2027-11-28", "2026-12-31", true, true, "current", "2026-12-31"},
      {SraStatus::kPublished, "2027-11-28", "2027-01-01", true, false, "period_ended", "2026-12-31"},
      {SraStatus::kPublished, "2027-11-28", "2025-12-06", true, false, "period_not_started", "2026-12-31"},
      {SraStatus::kPublished, "2026-09-30", "2026-10-01", true, false, "review_overdue", "2026-09-30"},
      {SraStatus::kPublished, "2026-09-30", "2027-02-01", true, false, "review_overdue", "2026-09-30"},
      {SraStatus::kSuperseded, "2027-11-28", "2026-06-01", false, false, "superseded", "2026-12-31"},
      {SraStatus::kEndorsed, "", "2026-06-01", false, false, "not_published", "2026-12-31"},
  };
  for (const auto& c : cases) {
    sra.status = c.status;
    sra.review_due = c.review;
    const auto v = ValidityOn(sra, c.day);
    EXPECT_EQ(v, (SraValidity{c.in_force, c.current, c.reason, c.until})) << c.day << " " << c.review;
  }
}

TEST(Hazards, RatedOnFrequencyMagnitudeAndPreparednessNotIntent) {
  const ThreatCategory* h = FindThreatCategory(DefaultPack(), "hazards");
  ASSERT_NE(h, nullptr);
  EXPECT_FALSE(h->deliberate);
  EXPECT_EQ(h->factors, (std::array<std::string, 3>{"frequency", "magnitude", "preparedness"}));
  const ThreatCategory* crime = FindThreatCategory(DefaultPack(), "crime");
  ASSERT_NE(crime, nullptr);
  EXPECT_EQ(crime->factors, (std::array<std::string, 3>{"intent", "capability", "inhibiting"}));
  // A pack that rates hazards on intent is refused.
  std::string pack(DefaultMethodPackJson());
  const std::string from = R"("factors": ["frequency", "magnitude", "preparedness"])";
  const auto at = pack.find(from);
  ASSERT_NE(at, std::string::npos);
  pack.replace(at, from.size(), R"("factors": ["intent", "magnitude", "preparedness"])");
  auto parsed = ParseMethodPack(pack);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().field, "threat_categories[4].factors");
}

TEST(Hazards, ANotApplicableCategoryDoesNotRaiseTheOverallThreat) {
  Sra sra = Complete();
  for (auto& t : sra.threats) t = {t.category, 1, 1, 5};
  sra.threats[0] = {"armed_conflict", 5, 5, 1, 1, "", true, "no armed group"};
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.overall_threat, 1);
}

TEST(PackSettings, DefaultsAndOverrides) {
  EXPECT_TRUE(DefaultPack().separation_of_duties);
  EXPECT_EQ(DefaultPack().area_sra_conductor, "UNDSS");
  EXPECT_EQ(DefaultPack().residual_justification, "measure_type");
  std::string pack(DefaultMethodPackJson());
  const std::string from = R"("residual_justification": "measure_type")";
  const auto at = pack.find(from);
  ASSERT_NE(at, std::string::npos);
  pack.replace(at, from.size(), R"("residual_justification": "gut_feeling")");
  auto parsed = ParseMethodPack(pack);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().field, "residual_justification");
}

}  // namespace
}  // namespace srm::domain
