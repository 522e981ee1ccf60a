// MOSS/RSM grouping of an SRA's measures and compliance tracking (SRM-METHOD.md section 7).
#include <gtest/gtest.h>

#include "domain/compliance.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using testing::DefaultPack;
using testing::RatedScenario;

Measure M(std::string id, std::string category, std::string status = "planned") {
  Measure m;
  m.id = std::move(id);
  m.type = "prevention";
  m.description = "measure " + m.id;
  m.moss_category = std::move(category);
  m.status = std::move(status);
  return m;
}

TEST(Moss, MeasuresAreGroupedByCategoryInThePackOrder) {
  Sra s;
  Scenario a = RatedScenario("sc_a");
  a.measures = {M("m1", "telecommunications"), M("m2", "residential"), M("m3", "telecommunications")};
  Scenario b = RatedScenario("sc_b");
  b.measures = {M("m4", "premises", "implemented")};
  s.scenarios = {a, b};
  const auto groups = MeasuresByCategory(DefaultPack(), s);
  ASSERT_EQ(groups.size(), DefaultPack().moss_categories.size());
  for (size_t i = 0; i < groups.size(); ++i) EXPECT_EQ(groups[i].first, DefaultPack().moss_categories[i]);
  auto find = [&](const std::string& c) {
    for (const auto& g : groups)
      if (g.first == c) return g.second;
    return std::vector<MossMeasure>{};
  };
  ASSERT_EQ(find("telecommunications").size(), 2u);
  EXPECT_EQ(find("telecommunications")[0].measure.id, "m1");
  EXPECT_EQ(find("telecommunications")[1].measure.id, "m3");
  EXPECT_EQ(find("telecommunications")[0].scenario_id, "sc_a");
  ASSERT_EQ(find(std::string(kRsmCategory)).size(), 1u);
  EXPECT_EQ(find("premises")[0].scenario_id, "sc_b");
  EXPECT_TRUE(find("medical").empty());
}

TEST(Compliance, StatusNamesRoundTrip) {
  for (const char* n : {"open", "in_progress", "compliant", "non_compliant", "not_applicable"}) {
    auto s = ComplianceStatusFromName(n);
    ASSERT_TRUE(s) << n;
    EXPECT_STREQ(ComplianceStatusName(*s), n);
  }
  EXPECT_FALSE(ComplianceStatusFromName("done"));
  EXPECT_FALSE(ComplianceStatusFromName(""));
}

TEST(Compliance, CompliantNeedsEvidenceAndNotApplicableAReason) {
  EXPECT_FALSE(CheckComplianceUpdate(ComplianceStatus::kCompliant, false, true).ok);
  EXPECT_EQ(CheckComplianceUpdate(ComplianceStatus::kCompliant, false, true).code, "evidence_required");
  EXPECT_TRUE(CheckComplianceUpdate(ComplianceStatus::kCompliant, true, false).ok);
  EXPECT_EQ(CheckComplianceUpdate(ComplianceStatus::kNotApplicable, true, false).code, "comment_required");
  EXPECT_TRUE(CheckComplianceUpdate(ComplianceStatus::kNotApplicable, false, true).ok);
  EXPECT_TRUE(CheckComplianceUpdate(ComplianceStatus::kInProgress, false, false).ok);
  EXPECT_TRUE(CheckComplianceUpdate(ComplianceStatus::kNonCompliant, false, false).ok);
}

TEST(Compliance, OverdueOnlyWhenPastDueAndNotDone) {
  EXPECT_TRUE(IsOverdue(ComplianceStatus::kOpen, "2026-11-25", "2026-11-26"));
  EXPECT_TRUE(IsOverdue(ComplianceStatus::kNonCompliant, "2026-01-01", "2026-11-26"));
  EXPECT_TRUE(IsOverdue(ComplianceStatus::kInProgress, "2026-11-25", "2026-11-26"));
  EXPECT_FALSE(IsOverdue(ComplianceStatus::kOpen, "2026-11-26", "2026-11-26"));  // due today
  EXPECT_FALSE(IsOverdue(ComplianceStatus::kCompliant, "2026-01-01", "2026-11-26"));
  EXPECT_FALSE(IsOverdue(ComplianceStatus::kNotApplicable, "2026-01-01", "2026-11-26"));
  EXPECT_FALSE(IsOverdue(ComplianceStatus::kOpen, "", "2026-11-26"));
}

TEST(Compliance, RateIsCompliantOverApplicable) {
  ComplianceRate r;
  const std::string today = "2026-11-26";
  AddToRate(&r, ComplianceStatus::kCompliant, "2026-01-01", today);
  AddToRate(&r, ComplianceStatus::kCompliant, "2027-01-01", today);
  AddToRate(&r, ComplianceStatus::kOpen, "2026-10-01", today);          // overdue
  AddToRate(&r, ComplianceStatus::kNonCompliant, "2027-01-01", today);
  AddToRate(&r, ComplianceStatus::kNotApplicable, "2026-01-01", today);  // not counted
  FinishRate(&r);
  EXPECT_EQ(r.total, 5);
  EXPECT_EQ(r.applicable, 4);
  EXPECT_EQ(r.compliant, 2);
  EXPECT_EQ(r.non_compliant, 1);
  EXPECT_EQ(r.open, 1);
  EXPECT_EQ(r.overdue, 1);
  ASSERT_TRUE(r.rate);
  EXPECT_DOUBLE_EQ(*r.rate, 0.5);

  ComplianceRate none;
  AddToRate(&none, ComplianceStatus::kNotApplicable, "", today);
  FinishRate(&none);
  EXPECT_FALSE(none.rate) << "nothing applicable: no rate rather than a misleading 0% or 100%";

  ComplianceRate third;
  for (auto s : {ComplianceStatus::kCompliant, ComplianceStatus::kOpen, ComplianceStatus::kOpen})
    AddToRate(&third, s, "2027-01-01", today);
  FinishRate(&third);
  EXPECT_DOUBLE_EQ(*third.rate, 0.333);
}

}  // namespace
}  // namespace srm::domain
