// JSON form of the SRA: strict input, faithful storage round trip, diffs between versions.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/sra.h"
#include "domain/sra_json.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using nlohmann::json;
using testing::DefaultPack;
using testing::RatedScenario;

// ---- ApplyScenarioInput ----

json AssessedBody() {
  return json{{"title", "IED on the MSR against a UN convoy"},
              {"threat_category", "terrorism"},
              {"description", "Roadside IED\nseen twice in 2025\tnear km 40"},
              {"vulnerability",
               {{"exposed", "Convoy staff"}, {"weaknesses", "Predictable routes"}, {"existing_measures", ""}}},
              {"likelihood", "Likely"},
              {"impact", 4},
              {"measures",
               json::array({{{"id", "m1"},
                             {"type", "prevention"},
                             {"description", "Vary routes and timings"},
                             {"moss_category", "vehicles"},
                             {"cost_minor", 150050},
                             {"currency", "USD"},
                             {"owner", "FSCO"},
                             {"status", "in_progress"}}})}};
}

struct BadInput {
  const char* name;
  std::function<void(json&)> mutate;
  const char* code;
  const char* field;
};

const std::vector<BadInput>& BadScenarioInputs() {
  static const std::vector<BadInput> all = {
      {"unknown_field", [](json& b) { b["severity"] = "high"; }, "unknown_field", "severity"},
      {"unknown_vulnerability_field", [](json& b) { b["vulnerability"]["threat"] = "x"; }, "unknown_field",
       "vulnerability.threat"},
      {"unknown_measure_field", [](json& b) { b["measures"][0]["priority"] = 1; }, "unknown_field",
       "measures[0].priority"},
      {"computed_level_name_is_not_input", [](json& b) { b["current_level"] = 3; }, "unknown_field",
       "current_level"},
      {"title_number", [](json& b) { b["title"] = 5; }, "invalid_type", "title"},
      {"title_array", [](json& b) { b["title"] = json::array({"a"}); }, "invalid_type", "title"},
      {"description_object", [](json& b) { b["description"] = json::object(); }, "invalid_type", "description"},
      {"vulnerability_string", [](json& b) { b["vulnerability"] = "none"; }, "invalid_type", "vulnerability"},
      {"vulnerability_exposed_number", [](json& b) { b["vulnerability"]["exposed"] = 3; }, "invalid_type",
       "vulnerability.exposed"},
      {"measures_object", [](json& b) { b["measures"] = json::object(); }, "invalid_type", "measures"},
      {"measure_string", [](json& b) { b["measures"][0] = "armour"; }, "invalid_type", "measures[0]"},
      {"measure_cost_string", [](json& b) { b["measures"][0]["cost_minor"] = "1500"; }, "invalid_type",
       "measures[0].cost_minor"},
      {"measure_cost_decimal", [](json& b) { b["measures"][0]["cost_minor"] = 1500.5; }, "invalid_type",
       "measures[0].cost_minor"},
      {"measure_cost_before_0014", [](json& b) { b["measures"][0]["cost"] = 15; }, "unknown_field",
       "measures[0].cost"},
      {"likelihood_bool", [](json& b) { b["likelihood"] = true; }, "invalid_type", "likelihood"},
      {"likelihood_fraction", [](json& b) { b["likelihood"] = 2.5; }, "invalid_type", "likelihood"},
      {"impact_array", [](json& b) { b["impact"] = json::array({3}); }, "invalid_type", "impact"},
      {"control_char_in_title", [](json& b) { b["title"] = "IED\x01"; }, "invalid_text", "title"},
      {"escape_in_description", [](json& b) { b["description"] = "red\x1b[31m"; }, "invalid_text", "description"},
      {"nul_in_weaknesses", [](json& b) { b["vulnerability"]["weaknesses"] = std::string("a\0b", 3); },
       "invalid_text", "vulnerability.weaknesses"},
      {"control_char_in_measure_owner", [](json& b) { b["measures"][0]["owner"] = "F\x07SCO"; }, "invalid_text",
       "measures[0].owner"},
      {"title_too_long", [](json& b) { b["title"] = std::string(301, 't'); }, "too_long", "title"},
      {"description_too_long", [](json& b) { b["description"] = std::string(20001, 'd'); }, "too_long",
       "description"},
      {"measure_description_too_long", [](json& b) { b["measures"][0]["description"] = std::string(2001, 'd'); },
       "too_long", "measures[0].description"},
      {"currency_too_long", [](json& b) { b["measures"][0]["currency"] = "USDX"; }, "too_long",
       "measures[0].currency"},
      {"too_many_measures",
       [](json& b) {
         json m = b["measures"][0];
         b["measures"] = json::array();
         for (int i = 0; i < 201; ++i) b["measures"].push_back(m);
       },
       "too_many", "measures"},
      {"measure_type_unknown", [](json& b) { b["measures"][0]["type"] = "avoidance"; }, "invalid_value",
       "measures[0].type"},
      {"measure_type_missing", [](json& b) { b["measures"][0].erase("type"); }, "invalid_value",
       "measures[0].type"},
      {"measure_status_unknown", [](json& b) { b["measures"][0]["status"] = "done"; }, "invalid_value",
       "measures[0].status"},
      {"measure_moss_unknown", [](json& b) { b["measures"][0]["moss_category"] = "catering"; }, "unknown_category",
       "measures[0].moss_category"},
      {"measure_cost_negative", [](json& b) { b["measures"][0]["cost_minor"] = -5; }, "out_of_range",
       "measures[0].cost_minor"},
      {"measure_description_missing", [](json& b) { b["measures"][0].erase("description"); }, "required",
       "measures[0].description"},
      {"likelihood_unknown_name", [](json& b) { b["likelihood"] = "Probable"; }, "unknown_level", "likelihood"},
      {"impact_name_of_likelihood", [](json& b) { b["impact"] = "Likely"; }, "unknown_level", "impact"},
      {"likelihood_zero", [](json& b) { b["likelihood"] = 0; }, "out_of_range", "likelihood"},
      {"impact_six", [](json& b) { b["impact"] = 6; }, "out_of_range", "impact"},
      {"residual_impact_six", [](json& b) { b["residual_impact"] = 6; }, "out_of_range", "residual_impact"},
      {"residual_likelihood_unknown", [](json& b) { b["residual_likelihood"] = "never"; }, "unknown_level",
       "residual_likelihood"},
      {"threat_category_unknown", [](json& b) { b["threat_category"] = "piracy"; }, "unknown_category",
       "threat_category"},
      {"rated_without_vulnerability", [](json& b) { b.erase("vulnerability"); }, "vulnerability_required",
       "vulnerability"},
      {"rated_with_incomplete_vulnerability", [](json& b) { b["vulnerability"]["weaknesses"] = ""; },
       "vulnerability_required", "vulnerability"},
      {"rated_with_null_vulnerability", [](json& b) { b["vulnerability"] = nullptr; }, "vulnerability_required",
       "vulnerability"},
      {"impact_without_likelihood", [](json& b) { b["likelihood"] = nullptr; }, "incomplete_rating", "likelihood"},
  };
  return all;
}

class ScenarioInput : public ::testing::TestWithParam<BadInput> {};
void PrintTo(const BadInput& b, std::ostream* os) { *os << b.name << " -> " << b.code << " at " << b.field; }

TEST_P(ScenarioInput, RefusedNamingTheField) {
  json body = AssessedBody();
  GetParam().mutate(body);
  Scenario s;
  auto st = ApplyScenarioInput(DefaultPack(), body, &s);
  ASSERT_FALSE(st.has_value()) << GetParam().name << " accepted";
  EXPECT_EQ(st.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(st.error().code, GetParam().code) << st.error().message;
  EXPECT_EQ(st.error().field, GetParam().field) << st.error().message;
}

INSTANTIATE_TEST_SUITE_P(Strict, ScenarioInput, ::testing::ValuesIn(BadScenarioInputs()),
                         [](const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; });

TEST(ScenarioInputOk, AppliesEveryField) {
  Scenario s;
  auto st = ApplyScenarioInput(DefaultPack(), AssessedBody(), &s);
  ASSERT_TRUE(st.has_value()) << st.error().field << ": " << st.error().message;
  EXPECT_EQ(s.title, "IED on the MSR against a UN convoy");
  EXPECT_EQ(s.threat_category, "terrorism");
  EXPECT_EQ(s.description, "Roadside IED\nseen twice in 2025\tnear km 40");
  ASSERT_TRUE(s.vulnerability.has_value());
  EXPECT_EQ(s.vulnerability->exposed, "Convoy staff");
  EXPECT_EQ(s.vulnerability->weaknesses, "Predictable routes");
  EXPECT_EQ(s.likelihood, 3);
  EXPECT_EQ(s.impact, 3);
  ASSERT_EQ(s.measures.size(), 1u);
  EXPECT_EQ(s.measures[0].type, "prevention");
  EXPECT_EQ(s.measures[0].moss_category, "vehicles");
  EXPECT_EQ(s.measures[0].cost_minor, 150050);
  EXPECT_EQ(s.measures[0].owner, "FSCO");
  EXPECT_EQ(s.measures[0].status, "in_progress");
}

TEST(ScenarioInputOk, LikelihoodAsNameAnyCaseOrNumber) {
  struct Case {
    json value;
    int index;
  };
  const Case cases[] = {{"Very Unlikely", 0}, {"very unlikely", 0}, {"MODERATELY LIKELY", 2}, {"likely", 3},
                        {"Very Likely", 4},   {1, 0},               {3, 2},                  {5, 4},
                        {"2", 1},             {"5", 4}};
  for (const auto& c : cases) {
    json body = AssessedBody();
    body["likelihood"] = c.value;
    body["residual_likelihood"] = c.value;
    body["residual_impact"] = "negligible";
    Scenario s;
    auto st = ApplyScenarioInput(DefaultPack(), body, &s);
    ASSERT_TRUE(st.has_value()) << c.value.dump() << ": " << st.error().message;
    EXPECT_EQ(s.likelihood, c.index) << c.value.dump();
    EXPECT_EQ(s.residual_likelihood, c.index) << c.value.dump();
    EXPECT_EQ(s.residual_impact, 0);
  }
}

TEST(ScenarioInputOk, AbsentFieldsStayAndNullClears) {
  Scenario s;
  ASSERT_TRUE(ApplyScenarioInput(DefaultPack(), AssessedBody(), &s).has_value());
  ASSERT_TRUE(ApplyScenarioInput(DefaultPack(), json{{"title", "Renamed"}}, &s).has_value());
  EXPECT_EQ(s.title, "Renamed");
  EXPECT_EQ(s.likelihood, 3);
  EXPECT_EQ(s.measures.size(), 1u);
  ASSERT_TRUE(ApplyScenarioInput(DefaultPack(), json{{"likelihood", nullptr}, {"impact", nullptr}}, &s).has_value());
  EXPECT_FALSE(s.likelihood.has_value());
  EXPECT_FALSE(s.impact.has_value());
  // A partial vulnerability update keeps the other parts.
  ASSERT_TRUE(ApplyScenarioInput(DefaultPack(), json{{"vulnerability", {{"existing_measures", "Escorts"}}}}, &s)
                  .has_value());
  EXPECT_EQ(s.vulnerability->exposed, "Convoy staff");
  EXPECT_EQ(s.vulnerability->existing_measures, "Escorts");
  // Echoed read-only fields are tolerated.
  EXPECT_TRUE(ApplyScenarioInput(DefaultPack(), json{{"id", "sc_1"}, {"current_risk", "High"}}, &s).has_value());
  EXPECT_TRUE(ApplyScenarioInput(DefaultPack(), json::array(), &s).error().field == "$");
}

TEST(ScenarioInputOk, UnassessedScenarioWithoutRatingAccepted) {
  Scenario s;
  auto st = ApplyScenarioInput(DefaultPack(), json{{"title", "Carjacking"}, {"threat_category", "crime"}}, &s);
  ASSERT_TRUE(st.has_value()) << st.error().message;
  EXPECT_FALSE(s.vulnerability.has_value());
}

// ---- SraToJson / SraFromJson ----

Sra FullSra() {
  Sra s;
  s.id = "sra_0123456789abcdef";
  s.series_id = "srs_fedcba9876543210";
  s.version = 3;
  s.kind = SraKind::kSpecific;
  s.title = "Mogadishu specific SRA — convoy operations";
  s.area_id = "area_mog";
  s.country_id = "ctry_so";
  s.organization_id = "org_wfp";
  s.mission_ref = "MSC-2026-0042";
  s.status = SraStatus::kEndorsed;
  s.method_version = "unsms-default-2026.1";
  s.scope = {"2026-01-01", "2026-06-30", "new_mission"};
  s.situation = {{"political", "Elections due\nin March"}, {"economic", "Inflation 30%"}};
  s.programmes = {{"prg_1", "org_wfp", "Food distribution", 2, 12, 140, 3, "weekly", "WFP, local NGO"},
                  {"", "org_unicef", "Vaccination", 1, 4, 60, 0, "monthly", ""}};
  s.threats = {{"terrorism", 5, 4, 2, 1, "Three IEDs on the MSR in 2025"}, {"crime", 3, 3, 3, 1, ""}};
  Scenario a = RatedScenario("sc_a", 3, 3);
  a.residual_likelihood = 1;
  a.residual_impact = 2;
  a.vulnerability->existing_measures = "Escorts";
  a.measures = {{"m1", "prevention", "Vary routes", "vehicles", 150025, "USD", "FSCO", "implemented"},
                {"m2", "mitigation", "Trauma kits", "medical", 0, "EUR", "", "planned"}};
  Scenario b = RatedScenario("sc_b", 4, 4);
  b.residual_impact = 1;  // residual likelihood absent
  Scenario c;
  c.id = "sc_c";
  c.title = "Flooding of the compound";
  c.threat_category = "hazards";  // no vulnerability, unrated
  s.scenarios = {a, b, c};
  s.history = {{"submit", "draft", "in_review", "usr_1", "security_professional", "", "2026-01-05T10:00:00.000Z"},
               {"review", "in_review", "reviewed", "usr_2", "security_cell", "ok", "2026-01-06T10:00:00.000Z"},
               {"endorse", "reviewed", "endorsed", "usr_3", "smt", "Endorsed at SMT 12", "2026-01-07T10:00:00.000Z"}};
  s.created_by = "usr_1";
  s.created_at = "2026-01-02T09:00:00.000Z";
  s.updated_at = "2026-01-07T10:00:00.000Z";
  s.published_at = "";
  s.review_due = "2027-01-07";
  s.revision = (int64_t{1} << 40) + 7;
  Recompute(DefaultPack(), &s);
  return s;
}

// Every field through Sra's operator== (so fields added later are compared too); on a
// difference both documents are shown.
void ExpectSameSra(const Sra& a, const Sra& b) {
  EXPECT_TRUE(a == b) << "expected " << SraToJson(DefaultPack(), a).dump(1) << "\nactual "
                      << SraToJson(DefaultPack(), b).dump(1);
}

TEST(SraJson, RoundTripPreservesEveryField) {
  const Sra original = FullSra();
  const json doc = SraToJson(DefaultPack(), original);
  // Through text, as the store keeps it.
  auto back = SraFromJson(json::parse(doc.dump()));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  Sra restored = *back;
  Recompute(DefaultPack(), &restored);  // computed fields are derived, never stored as truth
  ExpectSameSra(original, restored);
  EXPECT_EQ(SraToJson(DefaultPack(), restored), doc);
}

TEST(SraJson, RoundTripOfAMinimalSra) {
  Sra s;
  s.id = "sra_1";
  s.series_id = "srs_1";
  s.title = "t";
  s.area_id = "a";
  s.method_version = "v";
  auto back = SraFromJson(SraToJson(DefaultPack(), s));
  ASSERT_TRUE(back.has_value());
  ExpectSameSra(s, *back);
}

TEST(SraJson, DocumentShowsNamesBesideScores) {
  const json doc = SraToJson(DefaultPack(), FullSra());
  EXPECT_EQ(doc["kind"], "specific");
  EXPECT_EQ(doc["status"], "endorsed");
  const json& a = doc["scenarios"][0];
  EXPECT_EQ(a["likelihood"], "Likely");
  EXPECT_EQ(a["likelihood_score"], 4);
  EXPECT_EQ(a["impact"], "Severe");
  EXPECT_EQ(a["impact_score"], 4);
  EXPECT_EQ(a["residual_likelihood"], "Unlikely");
  EXPECT_EQ(a["residual_impact"], "Moderate");
  EXPECT_EQ(a["current_risk"], "High");
  EXPECT_EQ(a["residual_risk"], "Low");
  const json& b = doc["scenarios"][1];
  EXPECT_EQ(b["current_risk"], "Unacceptable");
  EXPECT_EQ(b["residual_likelihood"], nullptr);
  EXPECT_EQ(b["residual_risk"], "Medium");  // Very Likely x Minor
  const json& c = doc["scenarios"][2];
  EXPECT_EQ(c["vulnerability"], nullptr);
  EXPECT_EQ(c["likelihood"], nullptr);
  EXPECT_EQ(c["current_risk"], nullptr);
  EXPECT_EQ(doc["overall_current_risk"], "Unacceptable");
  EXPECT_EQ(doc["overall_residual_risk"], "Medium");
  EXPECT_EQ(doc["overall_residual_score"], 3);
  EXPECT_EQ(doc["overall_threat"], 4);  // terrorism (5+4+(6-2))/3 = 4.33 -> 4 beats crime 3
}

// A document written before migration 0014 (an export, an archive) spells a measure's cost as a
// decimal "cost": it reads as round(cost × 100) minor units, as the migration converts it; the
// codec itself writes only "cost_minor".
TEST(SraJson, MeasureCostBefore0014ReadsAsMinorUnits) {
  json doc = SraToJson(DefaultPack(), FullSra());
  ASSERT_FALSE(doc["scenarios"][0]["measures"].empty());
  json& m = doc["scenarios"][0]["measures"][0];
  EXPECT_TRUE(m.contains("cost_minor"));
  EXPECT_FALSE(m.contains("cost"));
  m.erase("cost_minor");
  m["cost"] = 4000.5;
  auto back = SraFromJson(doc);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->scenarios[0].measures[0].cost_minor, 400050);
  m.erase("cost");
  EXPECT_EQ(SraFromJson(doc)->scenarios[0].measures[0].cost_minor, 0);
}

TEST(SraJson, MalformedStoredDocumentRefused) {
  json doc = SraToJson(DefaultPack(), FullSra());
  json no_id = doc;
  no_id.erase("id");
  EXPECT_EQ(SraFromJson(no_id).error().kind, ErrorKind::kInternal);
  json bad_type = doc;
  bad_type["version"] = "three";
  EXPECT_FALSE(SraFromJson(bad_type).has_value());
  EXPECT_FALSE(SraFromJson(json::array()).has_value());
}

TEST(SraJson, StoredScoresOutsideTheScaleNeverBecomeIndexes) {
  json doc = SraToJson(DefaultPack(), FullSra());
  for (const char* key : {"likelihood_score", "impact_score", "residual_likelihood_score", "residual_impact_score"})
    for (int bad : {0, 6, 7, -1}) {
      json d = doc;
      d["scenarios"][0][key] = bad;
      auto back = SraFromJson(d);
      if (!back) continue;  // refusing is fine too
      const Scenario& s = back->scenarios[0];
      for (const auto* v : {&s.likelihood, &s.impact, &s.residual_likelihood, &s.residual_impact})
        if (v->has_value()) {
          EXPECT_GE(**v, 0) << key << "=" << bad;
          EXPECT_LT(**v, kScaleSize) << key << "=" << bad;
        }
    }
}

// ---- JsonDiff ----

TEST(JsonDiff, EqualDocumentsHaveNoDifferences) {
  const json a = {{"a", 1}, {"b", {{"c", json::array({1, 2})}}}};
  EXPECT_EQ(JsonDiff(a, a), json::array());
  EXPECT_EQ(JsonDiff(json(nullptr), json(nullptr)), json::array());
}

TEST(JsonDiff, ChangedAddedRemovedKeys) {
  const json before = {{"a", 1}, {"b", "x"}, {"gone", true}};
  const json after = {{"a", 2}, {"b", "x"}, {"new", json::array()}};
  const json want = json::array({{{"path", "/a"}, {"before", 1}, {"after", 2}},
                                 {{"path", "/gone"}, {"before", true}, {"after", nullptr}},
                                 {{"path", "/new"}, {"before", nullptr}, {"after", json::array()}}});
  EXPECT_EQ(JsonDiff(before, after), want);
}

TEST(JsonDiff, NestedObjectsAndArrays) {
  const json before = {{"scope", {{"trigger", "new_office"}}}, {"list", json::array({1, 2})}};
  const json after = {{"scope", {{"trigger", "new_mission"}}}, {"list", json::array({1, 3, 4})}};
  const json want = json::array({{{"path", "/list/1"}, {"before", 2}, {"after", 3}},
                                 {{"path", "/list/2"}, {"before", nullptr}, {"after", 4}},
                                 {{"path", "/scope/trigger"}, {"before", "new_office"}, {"after", "new_mission"}}});
  EXPECT_EQ(JsonDiff(before, after), want);
  // Shrinking array.
  EXPECT_EQ(JsonDiff(json::array({"a", "b"}), json::array({"a"})),
            json::array({{{"path", "/1"}, {"before", "b"}, {"after", nullptr}}}));
}

TEST(JsonDiff, TypeChangeAndRootScalars) {
  EXPECT_EQ(JsonDiff(json{{"v", json::object()}}, json{{"v", json::array()}}),
            json::array({{{"path", "/v"}, {"before", json::object()}, {"after", json::array()}}}));
  EXPECT_EQ(JsonDiff(json(1), json(2)), json::array({{{"path", "/"}, {"before", 1}, {"after", 2}}}));
  EXPECT_EQ(JsonDiff(json(1), json(1.0)), json::array()) << "numerically equal";
}

TEST(JsonDiff, BetweenTwoSraVersions) {
  Sra v1 = FullSra();
  Sra v2 = v1;
  v2.scenarios[1].title = "VBIED at the airport gate";
  const json d = JsonDiff(SraToJson(DefaultPack(), v1), SraToJson(DefaultPack(), v2));
  ASSERT_EQ(d.size(), 1u) << d.dump();
  EXPECT_EQ(d[0]["path"], "/scenarios/1/title");
  EXPECT_EQ(d[0]["after"], "VBIED at the airport gate");
}

// ---- ApplySraInput ----

Status ApplyScope(const json& scope, Sra* s) { return ApplySraInput(DefaultPack(), json{{"scope", scope}}, s); }

TEST(SraInput, ValidDatesAccepted) {
  for (const char* d : {"2026-01-01", "2026-12-31", "2024-02-29", "2000-02-29", "2026-04-30"}) {
    Sra s;
    auto st = ApplyScope({{"from_date", d}, {"to_date", "2099-12-31"}}, &s);
    ASSERT_TRUE(st.has_value()) << d << ": " << st.error().message;
    EXPECT_EQ(s.scope.from_date, d);
  }
}

TEST(SraInput, InvalidDatesRefused) {
  for (const char* d : {"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-02-29", "2100-02-29",
                        "2026-02-30", "2026-04-31", "2026/01/01", "26-01-2026", "2026-1-011", "2026-01-1a",
                        "abcd-ef-gh", " 2026-1-01", "2026-+1-01"}) {
    Sra s;
    auto st = ApplyScope({{"from_date", d}}, &s);
    ASSERT_FALSE(st.has_value()) << d << " accepted";
    EXPECT_EQ(st.error().code, "invalid_date") << d;
    EXPECT_EQ(st.error().field, "scope.from_date") << d;
  }
  for (json d : {json("2026-01-01T00:00:00Z"), json("2026-01-011")}) {
    Sra s;
    auto st = ApplyScope({{"to_date", d}}, &s);
    ASSERT_FALSE(st.has_value()) << d;
    EXPECT_EQ(st.error().field, "scope.to_date");
  }
  Sra s;
  auto st = ApplyScope({{"to_date", 20260101}}, &s);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "invalid_type");
  EXPECT_EQ(st.error().field, "scope.to_date");
}

TEST(SraInput, ToBeforeFromRefused) {
  Sra s;
  auto st = ApplyScope({{"from_date", "2026-06-01"}, {"to_date", "2026-05-31"}}, &s);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "invalid_range");
  EXPECT_EQ(st.error().field, "scope.to_date");
  // Against the stored from_date too.
  Sra t;
  t.scope.from_date = "2026-06-01";
  st = ApplyScope({{"to_date", "2025-12-31"}}, &t);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "invalid_range");
  // Same day is a valid one-day scope; null clears.
  Sra u;
  EXPECT_TRUE(ApplyScope({{"from_date", "2026-06-01"}, {"to_date", "2026-06-01"}}, &u).has_value());
  EXPECT_TRUE(ApplyScope({{"to_date", nullptr}}, &u).has_value());
  EXPECT_EQ(u.scope.to_date, "");
  EXPECT_EQ(u.scope.from_date, "2026-06-01");
}

TEST(SraInput, HeaderFieldsApplied) {
  Sra s;
  const json in = {{"title", "Kismayo SRA"},
                   {"scope", {{"from_date", "2026-01-01"}, {"to_date", "2026-12-31"}, {"trigger", "new_office"}}},
                   {"situation", {{"political", "Stable"}}},
                   {"programmes", json::array({{{"activity", "Nutrition"}, {"pc", 2}, {"national", 30}}})},
                   {"threats", json::array({{{"category", "crime"}, {"intent", 4}, {"capability", 3},
                                             {"inhibiting", 2}, {"evidence", "UNDSS reports"}}})}};
  auto st = ApplySraInput(DefaultPack(), in, &s);
  ASSERT_TRUE(st.has_value()) << st.error().field << ": " << st.error().message;
  EXPECT_EQ(s.title, "Kismayo SRA");
  EXPECT_EQ(s.scope.trigger, "new_office");
  EXPECT_EQ(s.situation.at("political"), "Stable");
  ASSERT_EQ(s.programmes.size(), 1u);
  EXPECT_EQ(s.programmes[0].pc, 2);
  EXPECT_EQ(s.programmes[0].national, 30);
  ASSERT_EQ(s.threats.size(), 1u);
  EXPECT_EQ(s.threats[0].intent, 4);
}

TEST(SraInput, StrictHeaderFields) {
  struct Case {
    json in;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {json::array(), "invalid_type", "$"},
      {{{"status", "published"}}, "unknown_field", "status"},
      {{{"scope", {{"until", "2026-01-01"}}}}, "unknown_field", "scope.until"},
      {{{"scope", "2026"}}, "invalid_type", "scope"},
      {{{"title", std::string(301, 'x')}}, "too_long", "title"},
      {{{"title", "a\x02"}}, "invalid_text", "title"},
      {{{"situation", {{"political", 3}}}}, "invalid_type", "situation.political"},
      {{{"programmes", {{"pc", 1}}}}, "invalid_type", "programmes"},
      {{{"programmes", json::array({{{"pc", 5}}})}}, "out_of_range", "programmes[0].pc"},
      {{{"programmes", json::array({{{"pc", "1"}}})}}, "invalid_type", "programmes[0].pc"},
      {{{"programmes", json::array({{{"national", -1}}})}}, "out_of_range", "programmes[0].national"},
      {{{"programmes", json::array({{{"staff", 1}}})}}, "unknown_field", "programmes[0].staff"},
      {{{"threats", json::array({{{"category", "piracy"}, {"intent", 1}, {"capability", 1}, {"inhibiting", 1}}})}},
       "unknown_category", "threats[0].category"},
      {{{"threats", json::array({{{"category", "crime"}, {"capability", 1}, {"inhibiting", 1}}})}}, "required",
       "threats[0].intent"},
      {{{"threats", json::array({{{"category", "crime"}, {"intent", 6}, {"capability", 1}, {"inhibiting", 1}}})}},
       "out_of_range", "threats[0].intent"},
      {{{"threats", json::array({{{"category", "crime"}, {"intent", 1}, {"capability", 1}, {"inhibiting", 1}},
                                 {{"category", "crime"}, {"intent", 2}, {"capability", 1}, {"inhibiting", 1}}})}},
       "duplicate", "threats[1].category"},
  };
  for (const auto& c : cases) {
    Sra s;
    auto st = ApplySraInput(DefaultPack(), c.in, &s);
    ASSERT_FALSE(st.has_value()) << c.in.dump() << " accepted";
    EXPECT_EQ(st.error().code, c.code) << c.in.dump();
    EXPECT_EQ(st.error().field, c.field) << c.in.dump();
  }
}

TEST(ScaleFromJson, NamesNumbersAndTypes) {
  const MethodPack& m = DefaultPack();
  EXPECT_EQ(ScaleFromJson(m.impacts, json("severe"), "impact").value(), 3);
  EXPECT_EQ(ScaleFromJson(m.impacts, json(2), "impact").value(), 1);
  EXPECT_EQ(ScaleFromJson(m.impacts, json(nullptr), "impact").error().code, "invalid_type");
  EXPECT_EQ(ScaleFromJson(m.impacts, json(7), "impact").error().code, "out_of_range");
  EXPECT_EQ(ScaleFromJson(m.impacts, json("Likely"), "impact").error().code, "unknown_level");
}

}  // namespace
}  // namespace srm::domain
