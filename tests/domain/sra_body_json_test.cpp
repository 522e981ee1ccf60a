// The SRA routes' own body readers (domain/sra_body_json.h): each fault gets the strict reader's code
// and the path of the field at fault; what is accepted comes out typed, the rest of the body passed
// on untouched for the pack-aware header reader.
#include "domain/sra_body_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/json_depth.h"
#include "support/refused_body_cases.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using nlohmann::json;
using testing::DefaultPack;

using testing_support::Refused;
using testing_support::StatusOf;

Status Create(const json& b) { return StatusOf(SraCreateBodyFrom(b)); }
Status Edit(const json& b) { return StatusOf(SraEditBodyFrom(b)); }
Status Revision(const json& b) { return StatusOf(RevisionFrom(b)); }
Status Rating(const json& b) { return StatusOf(RiskRatingFrom(DefaultPack(), b)); }
Status Step(const json& b) { return StatusOf(SraTransitionBodyFrom(b)); }

// A body nested one level deeper than the limit: the server refuses its text before any reader.
std::string TooDeep(const std::string& key) {
  return R"({")" + key + R"(":)" + std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']') + "}";
}

std::vector<Refused> Cases() {
  return {
      // POST /sras
      {"create_not_object", Create, R"([1])", "invalid_type", "$"},
      {"create_area_missing", Create, R"({"title":"t"})", "required", "area_id"},
      {"create_area_wrong_type", Create, R"({"area_id":3,"title":"t"})", "invalid_type", "area_id"},
      {"create_area_nested", Create, R"({"area_id":[[["x"]]],"title":"t"})", "invalid_type", "area_id"},
      {"create_area_too_long", Create, R"({"area_id":")" + std::string(65, 'a') + R"(","title":"t"})", "too_long",
       "area_id"},
      {"create_area_control", Create, R"({"area_id":"a\u0001","title":"t"})", "invalid_text", "area_id"},
      {"create_title_missing", Create, R"({"area_id":"area_1"})", "required", "title"},
      {"create_title_blank", Create, R"({"area_id":"area_1","title":"  "})", "required", "title"},
      {"create_title_wrong_type", Create, R"({"area_id":"area_1","title":["t"]})", "invalid_type", "title"},
      {"create_kind_unknown", Create, R"({"area_id":"area_1","title":"t","kind":"global"})", "invalid_value", "kind"},
      {"create_kind_empty", Create, R"({"area_id":"area_1","title":"t","kind":""})", "invalid_value", "kind"},
      {"create_kind_wrong_type", Create, R"({"area_id":"area_1","title":"t","kind":1})", "invalid_type", "kind"},
      {"create_org_wrong_type", Create, R"({"area_id":"area_1","title":"t","organization_id":{}})", "invalid_type",
       "organization_id"},
      {"create_org_too_long", Create,
       R"({"area_id":"area_1","title":"t","organization_id":")" + std::string(65, 'o') + R"("})", "too_long",
       "organization_id"},
      // PUT /sras/{id}
      {"edit_not_object", Edit, R"("title")", "invalid_type", "$"},
      {"edit_revision_wrong_type", Edit, R"({"title":"t","revision":"3"})", "invalid_type", "revision"},
      {"edit_revision_decimal", Edit, R"({"revision":1.5})", "invalid_type", "revision"},
      {"edit_revision_null", Edit, R"({"revision":null})", "invalid_type", "revision"},
      {"edit_area_immutable", Edit, R"({"area_id":"area_2"})", "immutable_field", "area_id"},
      {"edit_kind_immutable", Edit, R"({"title":"t","kind":"area"})", "immutable_field", "kind"},
      {"edit_org_immutable", Edit, R"({"organization_id":"org_1"})", "immutable_field", "organization_id"},
      // The revision of a scenario or transition body
      {"revision_wrong_type", Revision, R"({"revision":[1]})", "invalid_type", "revision"},
      // POST /sras/{id}/transitions
      {"step_not_object", Step, R"(["submit"])", "invalid_type", "$"},
      {"step_action_missing", Step, R"({"comment":"c"})", "required", "action"},
      {"step_action_null", Step, R"({"action":null})", "required", "action"},
      {"step_action_blank", Step, R"({"action":" "})", "required", "action"},
      {"step_action_wrong_type", Step, R"({"action":1})", "invalid_type", "action"},
      {"step_action_nested", Step, R"({"action":[["submit"]]})", "invalid_type", "action"},
      {"step_action_too_long", Step, R"({"action":")" + std::string(33, 's') + R"("})", "too_long", "action"},
      {"step_comment_wrong_type", Step, R"({"action":"return","comment":{}})", "invalid_type", "comment"},
      {"step_comment_too_long", Step, R"({"action":"return","comment":")" + std::string(5001, 'c') + R"("})",
       "too_long", "comment"},
      {"step_comment_control", Step, R"({"action":"return","comment":"a\u0007"})", "invalid_text", "comment"},
      {"step_revision_wrong_type", Step, R"({"action":"submit","revision":"2"})", "invalid_type", "revision"},
      {"step_unknown_field", Step, R"({"action":"submit","by":"sp"})", "unknown_field", "by"},
      // POST /risk/evaluate
      {"rating_not_object", Rating, R"(null)", "invalid_type", "$"},
      {"rating_likelihood_missing", Rating, R"({"impact":1})", "required", "likelihood"},
      {"rating_impact_missing", Rating, R"({"likelihood":1})", "required", "impact"},
      {"rating_unknown_field", Rating, R"({"likelihood":1,"impact":1,"level":5})", "unknown_field", "level"},
      {"rating_null_level", Rating, R"({"likelihood":null,"impact":1})", "invalid_type", "likelihood"},
      {"rating_nested_level", Rating, R"({"likelihood":1,"impact":[[2]]})", "invalid_type", "impact"},
      {"rating_out_of_scale", Rating, R"({"likelihood":9,"impact":1})", "out_of_range", "likelihood"},
      {"rating_unknown_name", Rating, R"({"likelihood":2,"impact":"Huge"})", "unknown_level", "impact"},
  };
}

class SraBodyRefused : public ::testing::TestWithParam<Refused> {};

TEST_P(SraBodyRefused, WithTheStrictReadersCodeAndPath) {
  testing_support::ExpectRefusedWithCodeAndPath(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Bodies, SraBodyRefused, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// Too deep: refused on its text (400 too_deep in api/server.cpp) before any reader parses it; one
// level less is parsed and each reader refuses the nested value by its type.
TEST(SraBodyTooDeep, IsRefusedBeforeTheReadersAndOneLevelLessByType) {
  for (const char* key : {"area_id", "revision", "likelihood"}) EXPECT_FALSE(DepthWithin(TooDeep(key))) << key;
  const std::string within = std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']');
  ASSERT_TRUE(DepthWithin(R"({"x":)" + within + "}"));
  const json nested = json::parse(within);
  EXPECT_EQ(SraCreateBodyFrom(json{{"area_id", nested}, {"title", "t"}}).error().field, "area_id");
  EXPECT_EQ(SraEditBodyFrom(json{{"revision", nested}}).error().field, "revision");
  EXPECT_EQ(RiskRatingFrom(DefaultPack(), json{{"likelihood", nested}, {"impact", 1}}).error().code, "invalid_type");
}

TEST(SraCreateBody, TypesTheFixedFieldsAndPassesTheHeaderOn) {
  const json body{{"area_id", "area_6"}, {"title", "Carana"}, {"kind", "specific"}, {"organization_id", "org_wfp"},
                  {"mission_ref", "M-1"}, {"scope", {{"trigger", "periodic"}}}};
  auto in = SraCreateBodyFrom(body);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->area_id, "area_6");
  EXPECT_EQ(in->kind, SraKind::kSpecific);
  EXPECT_EQ(in->organization_id, "org_wfp");
  EXPECT_EQ(in->fields, (json{{"title", "Carana"}, {"mission_ref", "M-1"}, {"scope", {{"trigger", "periodic"}}}}));
  // Absent kind and organization stay absent: the service fills them in.
  auto plain = SraCreateBodyFrom(json{{"area_id", "area_6"}, {"title", "x"}});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->kind);
  EXPECT_FALSE(plain->organization_id);
}

TEST(SraEditBody, SplitsTheRevisionFromTheFields) {
  auto in = SraEditBodyFrom(json{{"title", "x"}, {"revision", 4}});
  ASSERT_TRUE(in);
  EXPECT_EQ(in->revision, 4);
  EXPECT_EQ(in->fields, (json{{"title", "x"}}));
  auto none = SraEditBodyFrom(json::object());
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->revision);
  // A body that is not an object carries no revision; the scenario reader refuses it itself.
  auto r = RevisionFrom(json::array());
  ASSERT_TRUE(r);
  EXPECT_FALSE(*r);
}

TEST(SraTransitionBody, TypesTheStepAndRefusesANameThatIsNoStep) {
  auto in = SraTransitionBodyFrom(json{{"action", "return"}, {"comment", "No vulnerability"}, {"revision", 7}});
  ASSERT_TRUE(in);
  EXPECT_EQ(in->action, Action::kReturn);
  EXPECT_EQ(in->comment, "No vulnerability");
  EXPECT_EQ(in->revision, 7);
  auto bare = SraTransitionBodyFrom(json{{"action", "submit"}, {"comment", nullptr}});
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->action, Action::kSubmit);
  EXPECT_EQ(bare->comment, "");
  EXPECT_FALSE(bare->revision);
  auto unknown = SraTransitionBodyFrom(json{{"action", "publish"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "unknown_action");
  EXPECT_EQ(unknown.error().field, "action");
  EXPECT_TRUE(unknown.error().unprocessable) << "422, not 400";
}

TEST(RiskRating, ReadsNamesAndNumbersAsScaleIndexes) {
  const MethodPack& m = DefaultPack();
  auto by_number = RiskRatingFrom(m, json{{"likelihood", 1}, {"impact", 5}});
  ASSERT_TRUE(by_number);
  EXPECT_EQ(by_number->likelihood, 0);
  EXPECT_EQ(by_number->impact, 4);
  auto by_name = RiskRatingFrom(m, json{{"likelihood", m.likelihoods[2]}, {"impact", m.impacts[3]}});
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->likelihood, 2);
  EXPECT_EQ(by_name->impact, 3);
}

}  // namespace
}  // namespace srm::domain
