// The evidence routes' body readers (api/evidence_body_json.h): each fault gets the strict reader's
// code and the path of the field at fault; what is accepted comes out typed.
#include "api/evidence_body_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/json_depth.h"
#include "support/refused_body_cases.h"

namespace srm::api {
namespace {

using nlohmann::json;

using testing_support::Refused;
using testing_support::StatusOf;

Status Import(const json& b) { return StatusOf(ImportBodyFrom(b)); }
Status Preview(const json& b) { return StatusOf(ScenarioEvidenceQueryFrom(b)); }

std::vector<Refused> Cases() {
  return {
      // POST /incidents/import (JSON form)
      {"import_not_object", Import, R"([1,2])", "invalid_type", "$"},
      {"import_csv_missing", Import, R"({"file_name":"a.csv"})", "required", "csv"},
      {"import_csv_blank", Import, R"({"csv":""})", "required", "csv"},
      {"import_csv_wrong_type", Import, R"({"csv":["a,b"]})", "invalid_type", "csv"},
      {"import_csv_control", Import, R"({"csv":"a,b\u0000\n"})", "invalid_text", "csv"},
      {"import_unknown_field", Import, R"({"csv":"a,b\n","format":"acled"})", "unknown_field", "format"},
      {"import_file_name_wrong_type", Import, R"({"csv":"a","file_name":1})", "invalid_type", "file_name"},
      {"import_file_name_control", Import, R"({"csv":"a","file_name":"bell\u0007.csv"})", "invalid_text",
       "file_name"},
      {"import_file_name_too_long", Import, R"({"csv":"a","file_name":")" + std::string(201, 'n') + R"("})",
       "too_long", "file_name"},
      {"import_areas_wrong_type", Import, R"({"csv":"a","areas":{"all":true}})", "invalid_type", "areas"},
      {"import_mapping_wrong_type", Import, R"({"csv":"a","mapping":"acled"})", "invalid_type", "mapping"},
      {"import_mapping_null", Import, R"({"csv":"a","mapping":null})", "invalid_type", "mapping"},
      {"import_mapping_nested_array", Import, R"({"csv":"a","mapping":[[{}]]})", "invalid_type", "mapping"},
      // POST /areas/{id}/scenario-evidence
      {"preview_not_object", Preview, R"("crime")", "invalid_type", "$"},
      {"preview_category_missing", Preview, R"({"evidence_filter":{}})", "required", "threat_category"},
      {"preview_category_blank", Preview, R"({"threat_category":" "})", "required", "threat_category"},
      {"preview_category_wrong_type", Preview, R"({"threat_category":7})", "invalid_type", "threat_category"},
      {"preview_category_too_long", Preview, R"({"threat_category":")" + std::string(65, 'c') + R"("})", "too_long",
       "threat_category"},
      {"preview_unknown_field", Preview, R"({"threat_category":"crime","extra":1})", "unknown_field", "extra"},
      {"preview_period_wrong_type", Preview, R"({"threat_category":"crime","period_days":"30"})", "invalid_type",
       "period_days"},
      {"preview_period_decimal", Preview, R"({"threat_category":"crime","period_days":30.5})", "invalid_type",
       "period_days"},
      {"preview_period_zero", Preview, R"({"threat_category":"crime","period_days":0})", "out_of_range",
       "period_days"},
      {"preview_period_above", Preview, R"({"threat_category":"crime","period_days":3651})", "out_of_range",
       "period_days"},
      {"preview_period_huge", Preview, R"({"threat_category":"crime","period_days":18446744073709551615})",
       "out_of_range", "period_days"},
      {"preview_filter_wrong_type", Preview, R"({"threat_category":"crime","evidence_filter":"airport"})",
       "invalid_type", "evidence_filter"},
      {"preview_filter_unknown_field", Preview, R"({"threat_category":"crime","evidence_filter":{"keyword":["x"]}})",
       "unknown_field", "evidence_filter.keyword"},
  };
}

class EvidenceBodyRefused : public ::testing::TestWithParam<Refused> {};

TEST_P(EvidenceBodyRefused, WithTheStrictReadersCodeAndPath) {
  testing_support::ExpectRefusedWithCodeAndPath(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Bodies, EvidenceBodyRefused, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// Too deep: refused on its text (400 too_deep in api/server.cpp) before any reader parses it; one
// level less is parsed and each reader refuses the nested value by its type.
TEST(EvidenceBodyTooDeep, IsRefusedBeforeTheReadersAndOneLevelLessByType) {
  const std::string deep = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_FALSE(DepthWithin(R"({"csv":"a","mapping":)" + deep + "}"));
  EXPECT_FALSE(DepthWithin(R"({"threat_category":"crime","evidence_filter":)" + deep + "}"));
  const json within = json::parse(std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']'));
  EXPECT_EQ(ImportBodyFrom(json{{"csv", within}}).error().field, "csv");
  EXPECT_EQ(ScenarioEvidenceQueryFrom(json{{"threat_category", "crime"}, {"evidence_filter", within}}).error().field,
            "evidence_filter");
}

TEST(ImportBody, TypesWhatIsGivenAndLeavesTheRestToTheQuery) {
  auto in = ImportBodyFrom(json{{"csv", "a,b\n1,2\n"}, {"areas", "carana"},
                                {"mapping", {{"name", "x"}, {"vocabulary", "acled"}}}});
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->csv, "a,b\n1,2\n");
  EXPECT_EQ(in->areas, "carana");
  EXPECT_FALSE(in->file_name);
  ASSERT_TRUE(in->mapping_json);
  EXPECT_EQ(json::parse(*in->mapping_json), (json{{"name", "x"}, {"vocabulary", "acled"}}));
}

TEST(ScenarioEvidenceQuery, NullMeansTheDefaultsAsTheWizardSendsThem) {
  auto q = ScenarioEvidenceQueryFrom(json{{"threat_category", "crime"}, {"evidence_filter", nullptr},
                                          {"period_days", nullptr}});
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->threat_category, "crime");
  EXPECT_EQ(q->period_days, 0);
  EXPECT_FALSE(q->filter.Narrows());
  auto narrowed = ScenarioEvidenceQueryFrom(json{{"threat_category", "armed_conflict"}, {"period_days", 90},
                                                 {"evidence_filter", {{"keywords", {"airport"}}}}});
  ASSERT_TRUE(narrowed) << narrowed.error().message;
  EXPECT_EQ(narrowed->period_days, 90);
  EXPECT_EQ(narrowed->filter.keywords, std::vector<std::string>{"airport"});
}

}  // namespace
}  // namespace srm::api
