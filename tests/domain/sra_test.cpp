// Rule zero (SRM-METHOD.md section 2): no rating before the vulnerability is assessed, and no SRA
// leaves draft while a scenario lacks one. Recompute fills current/residual/overall levels.
#include <gtest/gtest.h>

#include <functional>

#include "domain/sra.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using testing::DefaultPack;
using testing::FullVulnerability;
using testing::RatedScenario;

// Risk level indexes written out from SRM-METHOD.md.
constexpr int kVeryLow = 0, kLow = 1, kMedium = 2, kHigh = 3, kVeryHigh = 4, kUnacceptable = 5;
// Likelihood / impact indexes.
constexpr int kVeryUnlikely = 0, kUnlikely = 1, kModeratelyLikely = 2, kLikely = 3, kVeryLikely = 4;
constexpr int kNegligible = 0, kMinor = 1, kModerate = 2, kSevere = 3, kCritical = 4;

void ExpectVulnerabilityRequired(const Status& st) {
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().kind, ErrorKind::kInvalid);
  EXPECT_TRUE(st.error().unprocessable);
  EXPECT_EQ(st.error().code, "vulnerability_required");
  EXPECT_EQ(st.error().field, "vulnerability");
}

Scenario Unassessed() {
  Scenario s = RatedScenario();
  s.vulnerability.reset();
  s.likelihood.reset();
  s.impact.reset();
  return s;
}

TEST(RuleZero, UnassessedScenarioMayBeSavedUnrated) {
  EXPECT_TRUE(ValidateScenario(DefaultPack(), Unassessed()).has_value());
}

TEST(RuleZero, RatingRefusedWithoutVulnerability) {
  Scenario s = Unassessed();
  s.likelihood = kLikely;
  s.impact = kSevere;
  ExpectVulnerabilityRequired(ValidateScenario(DefaultPack(), s));
}

TEST(RuleZero, EachRatingFieldAloneIsRefusedWithoutVulnerability) {
  for (int which = 0; which < 4; ++which) {
    Scenario s = Unassessed();
    std::optional<int>* fields[] = {&s.likelihood, &s.impact, &s.residual_likelihood, &s.residual_impact};
    *fields[which] = 2;
    SCOPED_TRACE(which);
    ExpectVulnerabilityRequired(ValidateScenario(DefaultPack(), s));
  }
}

TEST(RuleZero, ResidualRefusedWithoutVulnerability) {
  Scenario s = Unassessed();
  s.residual_likelihood = kUnlikely;
  s.residual_impact = kMinor;
  ExpectVulnerabilityRequired(ValidateScenario(DefaultPack(), s));
}

TEST(RuleZero, IncompleteVulnerabilityIsNoVulnerability) {
  for (int missing = 0; missing < 3; ++missing) {
    Scenario s = RatedScenario();
    if (missing == 0) s.vulnerability->exposed.clear();
    if (missing == 1) s.vulnerability->weaknesses.clear();
    if (missing == 2) s.vulnerability = Vulnerability{};
    SCOPED_TRACE(missing);
    EXPECT_FALSE(HasVulnerability(s));
    ExpectVulnerabilityRequired(ValidateScenario(DefaultPack(), s));
  }
  Scenario ok = RatedScenario();
  ok.vulnerability->existing_measures.clear();  // existing measures are optional
  EXPECT_TRUE(HasVulnerability(ok));
  EXPECT_TRUE(ValidateScenario(DefaultPack(), ok).has_value());
}

TEST(RuleZero, AssessedScenarioMayBeRated) {
  Scenario s = RatedScenario();
  s.residual_likelihood = kUnlikely;
  s.residual_impact = kModerate;
  EXPECT_TRUE(ValidateScenario(DefaultPack(), s).has_value());
}

TEST(ValidateScenario, RatingRules) {
  Scenario s = RatedScenario();
  s.impact.reset();
  auto st = ValidateScenario(DefaultPack(), s);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "incomplete_rating");
  EXPECT_EQ(st.error().field, "impact");

  s = RatedScenario();
  s.likelihood.reset();
  st = ValidateScenario(DefaultPack(), s);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "incomplete_rating");
  EXPECT_EQ(st.error().field, "likelihood");

  s = RatedScenario();
  s.likelihood.reset();
  s.impact.reset();
  s.residual_likelihood = kUnlikely;
  st = ValidateScenario(DefaultPack(), s);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "current_rating_required");
  EXPECT_EQ(st.error().field, "likelihood");
}

TEST(ValidateScenario, TitleAndCategory) {
  Scenario s = RatedScenario();
  s.title.clear();
  EXPECT_EQ(ValidateScenario(DefaultPack(), s).error().field, "title");
  s.title = std::string(301, 'x');
  EXPECT_EQ(ValidateScenario(DefaultPack(), s).error().code, "too_long");
  s = RatedScenario();
  s.threat_category = "piracy";
  auto st = ValidateScenario(DefaultPack(), s);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "unknown_category");
  EXPECT_EQ(st.error().field, "threat_category");
}

Measure GoodMeasure() {
  Measure m;
  m.id = "m1";
  m.type = "prevention";
  m.description = "Armoured vehicles for MSR movements";
  m.moss_category = "vehicles";
  m.cost_minor = 12'000'000;
  m.owner = "FSCO";
  return m;
}

TEST(ValidateScenario, Measures) {
  struct Case {
    std::function<void(Measure&)> mutate;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {[](Measure& m) { m.type = "avoidance"; }, "invalid_value", "measures[1].type"},
      {[](Measure& m) { m.type = ""; }, "invalid_value", "measures[1].type"},
      {[](Measure& m) { m.description.clear(); }, "required", "measures[1].description"},
      {[](Measure& m) { m.moss_category = "catering"; }, "unknown_category", "measures[1].moss_category"},
      {[](Measure& m) { m.cost_minor = -1; }, "out_of_range", "measures[1].cost_minor"},
      {[](Measure& m) { m.cost_minor = 100'000'000'000'001; }, "out_of_range", "measures[1].cost_minor"},
      {[](Measure& m) { m.status = "done"; }, "invalid_value", "measures[1].status"},
  };
  for (const auto& c : cases) {
    Scenario s = RatedScenario();
    s.measures = {GoodMeasure(), GoodMeasure()};
    c.mutate(s.measures[1]);
    auto st = ValidateScenario(DefaultPack(), s);
    ASSERT_FALSE(st.has_value()) << c.field;
    EXPECT_EQ(st.error().code, c.code);
    EXPECT_EQ(st.error().field, c.field);
  }
  Scenario s = RatedScenario();
  s.measures = {GoodMeasure(), GoodMeasure()};
  s.measures[1].type = "mitigation";
  s.measures[1].moss_category.clear();  // optional
  s.measures[1].status = "implemented";
  EXPECT_TRUE(ValidateScenario(DefaultPack(), s).has_value());
}

Sra CompleteSra() {
  Sra sra;
  sra.title = "Mogadishu area SRA";
  sra.scope = {"2026-01-01", "2026-12-31", "new_mission"};
  sra.scenarios = {RatedScenario("sc_1", kLikely, kSevere), RatedScenario("sc_2", kUnlikely, kMinor)};
  // Complete in the §7a sense too: situation, every category assessed, measures where High.
  sra.situation = {{"political", "Transitional government; elections postponed."}};
  for (const auto& c : DefaultPack().threat_categories) sra.threats.push_back({c.key, 3, 3, 3});
  sra.scenarios[0].measures = {Measure{"m1", "prevention", "Armoured vehicles", "vehicles"}};
  return sra;
}

TEST(ReadyToSubmit, AcceptsACompleteSra) { EXPECT_TRUE(ReadyToSubmit(DefaultPack(), CompleteSra()).has_value()); }

TEST(ReadyToSubmit, RefusesNoScenarios) {
  Sra sra = CompleteSra();
  sra.scenarios.clear();
  auto st = ReadyToSubmit(DefaultPack(), sra);
  ASSERT_FALSE(st.has_value());
  EXPECT_TRUE(st.error().unprocessable);
  EXPECT_EQ(st.error().code, "scenarios_required");
  EXPECT_EQ(st.error().field, "scenarios");
}

TEST(ReadyToSubmit, RefusesAnUnassessedScenario) {
  Sra sra = CompleteSra();
  sra.scenarios[1].vulnerability.reset();
  auto st = ReadyToSubmit(DefaultPack(), sra);
  ASSERT_FALSE(st.has_value());
  EXPECT_TRUE(st.error().unprocessable);
  EXPECT_EQ(st.error().code, "vulnerability_required");
  EXPECT_EQ(st.error().field, "scenarios[1].vulnerability");

  sra = CompleteSra();
  sra.scenarios[0].vulnerability->weaknesses.clear();
  st = ReadyToSubmit(DefaultPack(), sra);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "vulnerability_required");
  EXPECT_EQ(st.error().field, "scenarios[0].vulnerability");
}

TEST(ReadyToSubmit, RefusesAnUnratedScenario) {
  Sra sra = CompleteSra();
  sra.scenarios[1].likelihood.reset();
  sra.scenarios[1].impact.reset();
  auto st = ReadyToSubmit(DefaultPack(), sra);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "rating_required");
  EXPECT_EQ(st.error().field, "scenarios[1].likelihood");

  sra = CompleteSra();
  sra.scenarios[0].impact.reset();
  st = ReadyToSubmit(DefaultPack(), sra);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "rating_required");
}

TEST(ReadyToSubmit, RefusesMissingTrigger) {
  Sra sra = CompleteSra();
  sra.scope.trigger.clear();
  auto st = ReadyToSubmit(DefaultPack(), sra);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "trigger_required");
  EXPECT_EQ(st.error().field, "scope.trigger");
}

TEST(Recompute, FillsCurrentAndResidualLevels) {
  Sra sra;
  Scenario a = RatedScenario("a", kLikely, kSevere);  // High
  a.residual_likelihood = kUnlikely;                   // Unlikely x Severe = Medium
  Scenario b = RatedScenario("b", kVeryLikely, kCritical);  // Unacceptable
  b.residual_impact = kModerate;                            // Very Likely x Moderate = High
  Scenario c = RatedScenario("c", kModeratelyLikely, kMinor);  // Low; no residual rating
  Scenario d = Unassessed();                                     // unrated: no levels
  d.current_level = kVeryHigh;                                   // stale values are cleared
  d.residual_level = kVeryHigh;
  sra.scenarios = {a, b, c, d};
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.scenarios[0].current_level, kHigh);
  EXPECT_EQ(sra.scenarios[0].residual_level, kMedium);
  EXPECT_EQ(sra.scenarios[1].current_level, kUnacceptable);
  EXPECT_EQ(sra.scenarios[1].residual_level, kHigh);
  EXPECT_EQ(sra.scenarios[2].current_level, kLow);
  EXPECT_EQ(sra.scenarios[2].residual_level, kLow) << "residual defaults to current";
  EXPECT_FALSE(sra.scenarios[3].current_level.has_value());
  EXPECT_FALSE(sra.scenarios[3].residual_level.has_value());
  EXPECT_EQ(sra.overall_current, kUnacceptable);
  EXPECT_EQ(sra.overall_residual, kHigh);
}

TEST(Recompute, OverallIsTheMaximumWhereverItSits) {
  Sra sra;
  sra.scenarios = {RatedScenario("a", kVeryUnlikely, kNegligible), RatedScenario("b", kUnlikely, kSevere),
                   RatedScenario("c", kVeryUnlikely, kMinor)};
  sra.scenarios[1].residual_likelihood = kVeryUnlikely;  // Very Unlikely x Severe = Low
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.overall_current, kMedium);
  EXPECT_EQ(sra.overall_residual, kLow);
  // The overall Very Low must still be reported (index 0 is a level, not "absent").
  sra.scenarios = {RatedScenario("a", kVeryUnlikely, kNegligible)};
  Recompute(DefaultPack(), &sra);
  EXPECT_EQ(sra.overall_current, kVeryLow);
  EXPECT_EQ(sra.overall_residual, kVeryLow);
}

TEST(Recompute, NoRatedScenarioMeansNoOverall) {
  Sra sra;
  sra.overall_current = kHigh;
  sra.overall_residual = kHigh;
  sra.scenarios = {Unassessed()};
  Recompute(DefaultPack(), &sra);
  EXPECT_FALSE(sra.overall_current.has_value());
  EXPECT_FALSE(sra.overall_residual.has_value());
}

TEST(ValidateSraContent, NamesTheNestedField) {
  Sra sra = CompleteSra();
  EXPECT_TRUE(ValidateSraContent(DefaultPack(), sra).has_value());

  Sra s1 = sra;
  s1.scenarios[1].vulnerability.reset();
  auto st = ValidateSraContent(DefaultPack(), s1);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "vulnerability_required");
  EXPECT_EQ(st.error().field, "scenarios[1].vulnerability");

  Sra s2 = sra;
  s2.scope.trigger = "whim";
  EXPECT_EQ(ValidateSraContent(DefaultPack(), s2).error().field, "scope.trigger");

  Sra s3 = sra;
  s3.situation["gossip"] = "x";
  EXPECT_EQ(ValidateSraContent(DefaultPack(), s3).error().field, "situation.gossip");
  s3.situation.erase("gossip");
  s3.situation["political"] = "Elections due";
  EXPECT_TRUE(ValidateSraContent(DefaultPack(), s3).has_value());

  Sra s4 = sra;
  s4.programmes.push_back({});
  s4.programmes[0].pc = 5;
  EXPECT_EQ(ValidateSraContent(DefaultPack(), s4).error().field, "programmes[0].pc");

  Sra s5 = sra;
  s5.threats.clear();  // CompleteSra assesses every category; this case builds its own list
  s5.threats.push_back({"crime", 3, 6, 2, 1, ""});
  EXPECT_EQ(ValidateSraContent(DefaultPack(), s5).error().field, "threats[0].capability");
  s5.threats[0] = {"piracy", 3, 3, 2, 1, ""};
  EXPECT_EQ(ValidateSraContent(DefaultPack(), s5).error().field, "threats[0].category");

  Sra s6 = sra;
  s6.title.clear();
  EXPECT_EQ(ValidateSraContent(DefaultPack(), s6).error().field, "title");
}

}  // namespace
}  // namespace srm::domain
