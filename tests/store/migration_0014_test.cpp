// Migration 0014 (src/store/migrations/0014_measure_cost_minor.sql): a measure's decimal "cost"
// becomes integer "cost_minor" = round(cost x 100) in every SRA document, on both backends; the
// order of scenarios and measures is kept, nothing else in the document changes, the codec reads
// the result, running it again changes nothing, and the audit chain still verifies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/migration_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;
using nlohmann::json;

// A document as written before 0014: costs are decimals (or absent).
SraRow Before() {
  SraRow r = SampleSra("s_cost", "ser_cost", 1, "a1", "published", "2026-06-01T09:00:00.000Z");
  json m1{{"id", "m1"}, {"type", "prevention"}, {"description", "GPS"}, {"cost", 4000.5}, {"currency", "USD"}};
  json m2{{"id", "m2"}, {"type", "mitigation"}, {"description", "Kits"}, {"cost", 0.1}, {"currency", "EUR"}};
  json m3{{"id", "m3"}, {"type", "mitigation"}, {"description", "No cost given"}};
  json m4{{"id", "m4"}, {"type", "prevention"}, {"description", "Whole"}, {"cost", 25000}};
  r.doc = json{{"id", "s_cost"}, {"title", "Cost test"}, {"revision", 1},
               {"scenarios", json::array({{{"id", "sc1"}, {"title", "One"}, {"measures", json::array({m1, m2, m3})}},
                                          {{"id", "sc2"}, {"title", "Two"}, {"measures", json::array()}},
                                          {{"id", "sc3"}, {"title", "Three"}, {"measures", json::array({m4})}}})}}
              .dump();
  return r;
}

void ExpectConverted(Store& st) {
  SRM_ASSERT_OK_AND_ASSIGN(row, st.GetSra("s_cost"));
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->revision, 1) << "the amount is the same: the revision does not move";
  const json doc = json::parse(row->doc);
  ASSERT_EQ(doc["scenarios"].size(), 3u);
  const json& ms = doc["scenarios"][0]["measures"];
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0]["id"], "m1");
  EXPECT_EQ(ms[0]["cost_minor"], 400050);
  EXPECT_EQ(ms[0]["currency"], "USD");
  EXPECT_EQ(ms[1]["cost_minor"], 10);
  EXPECT_EQ(ms[1]["currency"], "EUR");
  EXPECT_EQ(ms[2], (json{{"id", "m3"}, {"type", "mitigation"}, {"description", "No cost given"}}))
      << "a measure without a cost is left as it is (read as 0)";
  for (const auto& m : ms) EXPECT_FALSE(m.contains("cost")) << m.dump();
  EXPECT_EQ(doc["scenarios"][1]["measures"].size(), 0u);
  EXPECT_EQ(doc["scenarios"][2]["measures"][0]["cost_minor"], 2500000);
  EXPECT_EQ(doc["scenarios"][2]["id"], "sc3");
  EXPECT_EQ(doc["title"], "Cost test");
  SRM_ASSERT_OK_AND_ASSIGN(verification, st.VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
}

class Migration0014Test : public ::testing::TestWithParam<std::string> {};

TEST_P(Migration0014Test, MeasureCostsBecomeIntegerMinorUnits) {
  MigrationTarget db(GetParam());
  ASSERT_TRUE(db.ok()) << db.error();
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    ASSERT_GE(version, 14);
    SRM_ASSERT_OK(st->WriteSras({InsertOf(Before())},
                                {{"u_sp", "sp", "security_professional", "sra.create", "sra", "s_cost", "", "", ""}}));
  }
  db.Forget(14);
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK(st->Migrate());
    ExpectConverted(*st);
  }
  // Again: there is no "cost" left to convert.
  db.Forget(14);
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK(st->Migrate());
    ExpectConverted(*st);
  }
}

INSTANTIATE_TEST_SUITE_P(migration, Migration0014Test, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace srm::store
