// Method pack: the default pack of SRM-METHOD.md sections 3-5, level lookups, and the refusal of
// malformed packs naming the field at fault.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/method.h"
#include "domain/sra_json.h"
#include "pack_fixture.h"

namespace srm::domain {
namespace {

using nlohmann::json;
using testing::DefaultPack;

TEST(MethodPackDefault, Parses) {
  auto p = ParseMethodPack(DefaultMethodPackJson());
  ASSERT_TRUE(p.has_value()) << p.error().field << ": " << p.error().message;
  EXPECT_EQ(p->version, "unsms-default-2026.1");
  EXPECT_FALSE(p->name.empty());
  EXPECT_FALSE(p->source_json.empty());
  EXPECT_EQ(p->threat_formula, "mean_inverted_inhibitor");
  EXPECT_EQ(p->overall_threat, "highest");
  EXPECT_EQ(p->review_months, 12);
}

// SRM-METHOD.md section 4, written out independently of the pack.
TEST(MethodPackDefault, ScalesAreThoseOfTheMethod) {
  const MethodPack& m = DefaultPack();
  const std::array<std::string, 5> likelihoods{"Very Unlikely", "Unlikely", "Moderately Likely", "Likely",
                                               "Very Likely"};
  const std::array<std::string, 5> impacts{"Negligible", "Minor", "Moderate", "Severe", "Critical"};
  const std::array<std::string, 6> levels{"Very Low", "Low", "Medium", "High", "Very High", "Unacceptable"};
  EXPECT_EQ(m.likelihoods, likelihoods);
  EXPECT_EQ(m.impacts, impacts);
  EXPECT_EQ(m.risk_levels, levels);
}

TEST(MethodPackDefault, ThreatCategoriesAndListsOfSection3) {
  const MethodPack& m = DefaultPack();
  for (const char* key : {"armed_conflict", "terrorism", "crime", "civil_unrest", "hazards"})
    EXPECT_TRUE(IsThreatCategory(m, key)) << key;
  EXPECT_FALSE(IsThreatCategory(m, "Terrorism"));
  EXPECT_FALSE(IsThreatCategory(m, "piracy"));
  ASSERT_EQ(m.threat_categories.size(), 5u);
  for (const auto& c : m.threat_categories) EXPECT_EQ(c.deliberate, c.key != "hazards") << c.key;
  for (const char* t : {"new_office", "change_in_area", "new_mission", "programme_expansion", "resumption"})
    EXPECT_TRUE(IsTrigger(m, t)) << t;
  EXPECT_FALSE(IsTrigger(m, "whim"));
  EXPECT_TRUE(IsMossCategory(m, "telecommunications"));
  EXPECT_FALSE(IsMossCategory(m, "catering"));
}

TEST(MethodPackDefault, AcceptabilityThresholdsOfSection5) {
  const MethodPack& m = DefaultPack();
  // PC1 Very High, PC2 High, PC3 Medium, PC4 Low.
  EXPECT_EQ(m.risk_levels[m.pc_max_acceptable[0]], "Very High");
  EXPECT_EQ(m.risk_levels[m.pc_max_acceptable[1]], "High");
  EXPECT_EQ(m.risk_levels[m.pc_max_acceptable[2]], "Medium");
  EXPECT_EQ(m.risk_levels[m.pc_max_acceptable[3]], "Low");
  EXPECT_EQ(m.risk_levels[m.pc_assessment_from], "High");
  EXPECT_EQ(m.risk_levels[m.exec_approval_from], "Very High");
  EXPECT_EQ(m.risk_levels[m.never_acceptable_from], "Unacceptable");
}

struct Cell {
  const char* likelihood;
  const char* impact;
  const char* level;
};

// The default matrix of SRM-METHOD.md section 4, one row per cell.
const Cell kMethodMatrix[] = {
    {"Very Likely", "Negligible", "Low"},
    {"Very Likely", "Minor", "Medium"},
    {"Very Likely", "Moderate", "High"},
    {"Very Likely", "Severe", "Very High"},
    {"Very Likely", "Critical", "Unacceptable"},
    {"Likely", "Negligible", "Low"},
    {"Likely", "Minor", "Medium"},
    {"Likely", "Moderate", "High"},
    {"Likely", "Severe", "High"},
    {"Likely", "Critical", "Very High"},
    {"Moderately Likely", "Negligible", "Very Low"},
    {"Moderately Likely", "Minor", "Low"},
    {"Moderately Likely", "Moderate", "Medium"},
    {"Moderately Likely", "Severe", "High"},
    {"Moderately Likely", "Critical", "High"},
    {"Unlikely", "Negligible", "Very Low"},
    {"Unlikely", "Minor", "Low"},
    {"Unlikely", "Moderate", "Low"},
    {"Unlikely", "Severe", "Medium"},
    {"Unlikely", "Critical", "Medium"},
    {"Very Unlikely", "Negligible", "Very Low"},
    {"Very Unlikely", "Minor", "Very Low"},
    {"Very Unlikely", "Moderate", "Very Low"},
    {"Very Unlikely", "Severe", "Low"},
    {"Very Unlikely", "Critical", "Low"},
};

class MatrixCell : public ::testing::TestWithParam<Cell> {};
void PrintTo(const Cell& c, std::ostream* os) { *os << c.likelihood << " x " << c.impact << " = " << c.level; }

TEST_P(MatrixCell, GivesTheLevelOfTheMethodTable) {
  const MethodPack& m = DefaultPack();
  const Cell& c = GetParam();
  auto l = ScaleIndexFromName(m.likelihoods, c.likelihood, "likelihood");
  auto i = ScaleIndexFromName(m.impacts, c.impact, "impact");
  ASSERT_TRUE(l.has_value()) << c.likelihood;
  ASSERT_TRUE(i.has_value()) << c.impact;
  EXPECT_EQ(m.risk_levels[RiskIndex(m, *l, *i)], c.level) << c.likelihood << " x " << c.impact;
}

INSTANTIATE_TEST_SUITE_P(Default, MatrixCell, ::testing::ValuesIn(kMethodMatrix),
                         [](const ::testing::TestParamInfo<Cell>& info) {
                           std::string n = std::string(info.param.likelihood) + "_" + info.param.impact;
                           for (char& ch : n)
                             if (ch == ' ') ch = '_';
                           return n;
                         });

TEST(MethodPackDefault, MatrixTableCoversAll25Cells) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Cell& c : kMethodMatrix) seen.insert({c.likelihood, c.impact});
  EXPECT_EQ(seen.size(), 25u);
}

TEST(MethodPackDefault, MethodToJsonListsTheSameCells) {
  const MethodPack& m = DefaultPack();
  json j = MethodToJson(m);
  ASSERT_TRUE(j.contains("cells"));
  ASSERT_EQ(j["cells"].size(), 25u);
  for (const Cell& c : kMethodMatrix) {
    bool found = false;
    for (const auto& cell : j["cells"])
      if (cell["likelihood"] == c.likelihood && cell["impact"] == c.impact) {
        found = true;
        EXPECT_EQ(cell["level"], c.level);
        EXPECT_EQ(cell["level_score"].get<int>(), testing::IndexOf(m.risk_levels, c.level) + 1);
      }
    EXPECT_TRUE(found) << c.likelihood << " x " << c.impact;
  }
  EXPECT_EQ(j["version"], m.version);
}

TEST(ScaleIndex, NamesAreCaseInsensitive) {
  const MethodPack& m = DefaultPack();
  for (const char* text : {"Moderately Likely", "moderately likely", "MODERATELY LIKELY", "mOdErAtElY lIkElY"}) {
    auto r = ScaleIndexFromName(m.likelihoods, text, "likelihood");
    ASSERT_TRUE(r.has_value()) << text;
    EXPECT_EQ(*r, 2) << text;
  }
  auto r = ScaleIndexFromName(m.impacts, "critical", "impact");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 4);
}

TEST(ScaleIndex, EveryNameResolvesToItsPosition) {
  const MethodPack& m = DefaultPack();
  for (int k = 0; k < kScaleSize; ++k) {
    EXPECT_EQ(ScaleIndexFromName(m.likelihoods, m.likelihoods[k], "likelihood").value(), k);
    EXPECT_EQ(ScaleIndexFromName(m.impacts, m.impacts[k], "impact").value(), k);
  }
}

TEST(ScaleIndex, NumbersOneToFiveAccepted) {
  const MethodPack& m = DefaultPack();
  for (int n = 1; n <= 5; ++n) {
    auto r = ScaleIndexFromNumber(n, "impact");
    ASSERT_TRUE(r.has_value()) << n;
    EXPECT_EQ(*r, n - 1);
    auto s = ScaleIndexFromName(m.impacts, std::to_string(n), "impact");
    ASSERT_TRUE(s.has_value()) << n;
    EXPECT_EQ(*s, n - 1);
  }
}

TEST(ScaleIndex, OutOfRangeNumbersRefused) {
  for (long long n : {0LL, 6LL, -1LL, 100LL, -9223372036854775807LL}) {
    auto r = ScaleIndexFromNumber(n, "residual_impact");
    ASSERT_FALSE(r.has_value()) << n;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(r.error().unprocessable);
    EXPECT_EQ(r.error().code, "out_of_range");
    EXPECT_EQ(r.error().field, "residual_impact");
  }
}

TEST(ScaleIndex, UnknownNamesRefusedNamingTheField) {
  const MethodPack& m = DefaultPack();
  for (const char* text : {"Probable", "", "0", "6", "Very  Likely", " Likely", "Likely ", "3.0", "12"}) {
    auto r = ScaleIndexFromName(m.likelihoods, text, "residual_likelihood");
    ASSERT_FALSE(r.has_value()) << "'" << text << "'";
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(r.error().unprocessable) << text;
    EXPECT_EQ(r.error().code, "unknown_level");
    EXPECT_EQ(r.error().field, "residual_likelihood");
    EXPECT_NE(r.error().message.find("Very Unlikely"), std::string::npos) << "message lists the names";
  }
  // An impact name is not a likelihood.
  auto r = ScaleIndexFromName(m.likelihoods, "Severe", "likelihood");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "unknown_level");
}

// ---- Malformed packs ----

struct Mutation {
  const char* name;
  std::function<void(json&)> apply;
  const char* field;
  const char* code = "invalid_method_pack";
};

json DefaultDoc() { return json::parse(DefaultMethodPackJson()); }

const std::vector<Mutation>& Mutations() {
  static const std::vector<Mutation> all = {
      {"missing_version", [](json& d) { d.erase("version"); }, "version"},
      {"empty_version", [](json& d) { d["version"] = ""; }, "version"},
      {"version_too_long", [](json& d) { d["version"] = std::string(65, 'v'); }, "version"},
      {"version_not_string", [](json& d) { d["version"] = 2026; }, "version"},
      {"missing_name", [](json& d) { d.erase("name"); }, "name"},
      {"four_likelihoods", [](json& d) { d["likelihoods"].erase(4); }, "likelihoods"},
      {"six_impacts", [](json& d) { d["impacts"].push_back("Catastrophic"); }, "impacts"},
      {"likelihoods_not_array", [](json& d) { d["likelihoods"] = "Very Unlikely"; }, "likelihoods"},
      {"duplicate_likelihood", [](json& d) { d["likelihoods"][3] = "unlikely"; }, "likelihoods[3]"},
      {"duplicate_risk_level", [](json& d) { d["risk_levels"][2] = "Low"; }, "risk_levels[2]"},
      {"empty_impact_name", [](json& d) { d["impacts"][1] = ""; }, "impacts[1]"},
      {"impact_name_number", [](json& d) { d["impacts"][2] = 3; }, "impacts[2]"},
      {"seven_risk_levels", [](json& d) { d["risk_levels"].push_back("Extreme"); }, "risk_levels"},
      {"factor_descriptor_empty", [](json& d) { d["factor_descriptors"][2] = ""; }, "factor_descriptors[2]"},
      {"matrix_missing", [](json& d) { d.erase("matrix"); }, "matrix"},
      {"matrix_is_array", [](json& d) { d["matrix"] = json::array(); }, "matrix"},
      {"matrix_row_missing", [](json& d) { d["matrix"].erase("Likely"); }, "matrix.Likely"},
      {"matrix_row_renamed",
       [](json& d) {
         d["matrix"]["Probable"] = d["matrix"]["Likely"];
         d["matrix"].erase("Likely");
       },
       "matrix.Likely"},
      {"matrix_extra_row", [](json& d) { d["matrix"]["Certain"] = d["matrix"]["Very Likely"]; }, "matrix.Certain"},
      {"matrix_row_four_cells", [](json& d) { d["matrix"]["Unlikely"].erase(4); }, "matrix.Unlikely"},
      {"matrix_row_not_array", [](json& d) { d["matrix"]["Unlikely"] = "Low"; }, "matrix.Unlikely"},
      {"unknown_level_in_cell", [](json& d) { d["matrix"]["Likely"][2] = "Extreme"; }, "matrix.Likely[2]"},
      {"number_in_cell", [](json& d) { d["matrix"]["Very Unlikely"][3] = 2; }, "matrix.Very Unlikely[3]"},
      {"risk_falls_as_impact_rises", [](json& d) { d["matrix"]["Very Unlikely"][0] = "Low"; },
       "matrix.Very Unlikely[1]"},
      {"risk_falls_as_likelihood_rises", [](json& d) { d["matrix"]["Very Likely"][0] = "Very Low"; },
       "matrix.Very Likely[0]"},
      {"threat_categories_empty", [](json& d) { d["threat_categories"] = json::array(); }, "threat_categories"},
      {"threat_categories_missing", [](json& d) { d.erase("threat_categories"); }, "threat_categories"},
      {"threat_category_without_key", [](json& d) { d["threat_categories"][1].erase("key"); },
       "threat_categories[1].key"},
      {"threat_category_duplicate", [](json& d) { d["threat_categories"][2]["key"] = "terrorism"; },
       "threat_categories[2].key"},
      {"threat_category_name_number", [](json& d) { d["threat_categories"][0]["name"] = 1; },
       "threat_categories[0].name"},
      {"threat_category_deliberate_string", [](json& d) { d["threat_categories"][4]["deliberate"] = "no"; },
       "threat_categories[4].deliberate"},
      {"unknown_threat_formula", [](json& d) { d["threat_formula"] = "geometric_mean"; }, "threat_formula"},
      {"threat_formula_number", [](json& d) { d["threat_formula"] = 3; }, "threat_formula"},
      {"overall_threat_mean", [](json& d) { d["overall_threat"] = "mean"; }, "overall_threat"},
      {"overall_threat_bool", [](json& d) { d["overall_threat"] = true; }, "overall_threat"},
      {"pc_max_acceptable_missing", [](json& d) { d.erase("pc_max_acceptable"); }, "pc_max_acceptable"},
      {"pc_max_acceptable_missing_pc3", [](json& d) { d["pc_max_acceptable"].erase("PC3"); },
       "pc_max_acceptable.PC3"},
      {"pc_max_acceptable_unknown_level", [](json& d) { d["pc_max_acceptable"]["PC2"] = "Severe"; },
       "pc_max_acceptable.PC2"},
      {"pc4_allowed_more_than_pc3", [](json& d) { d["pc_max_acceptable"]["PC4"] = "High"; },
       "pc_max_acceptable.PC4"},
      {"pc1_accepts_unacceptable", [](json& d) { d["pc_max_acceptable"]["PC1"] = "Unacceptable"; },
       "pc_max_acceptable.PC1"},
      {"pc_assessment_from_missing", [](json& d) { d.erase("pc_assessment_from"); }, "pc_assessment_from"},
      {"exec_approval_from_unknown", [](json& d) { d["exec_approval_from"] = "Extreme"; }, "exec_approval_from"},
      {"never_acceptable_not_top", [](json& d) { d["never_acceptable_from"] = "Very High"; },
       "never_acceptable_from"},
      {"review_months_zero", [](json& d) { d["review_months"] = 0; }, "review_months"},
      {"review_months_61", [](json& d) { d["review_months"] = 61; }, "review_months"},
      {"review_months_string", [](json& d) { d["review_months"] = "12"; }, "review_months"},
      {"review_months_fraction", [](json& d) { d["review_months"] = 12.5; }, "review_months"},
      // Noticed by the fuzzing work: read as an int, 2^32 + 1 became 1 and passed the range check.
      {"review_months_wraps_to_1", [](json& d) { d["review_months"] = 4294967297LL; }, "review_months"},
      {"review_months_unsigned_huge", [](json& d) { d["review_months"] = 18446744073709551615ULL; }, "review_months"},
      {"review_months_missing", [](json& d) { d.erase("review_months"); }, "review_months"},
      {"triggers_empty", [](json& d) { d["triggers"] = json::array(); }, "triggers"},
      {"moss_category_number", [](json& d) { d["moss_categories"][1] = 5; }, "moss_categories[1]"},
      {"situation_fields_object", [](json& d) { d["situation_fields"] = json::object(); }, "situation_fields"},
      {"root_is_array", [](json& d) { d = json::array({1, 2}); }, "$"},
      {"root_is_string", [](json& d) { d = "pack"; }, "$"},
  };
  return all;
}

class MalformedPack : public ::testing::TestWithParam<Mutation> {};
void PrintTo(const Mutation& m, std::ostream* os) { *os << m.name << " -> " << m.field; }

TEST_P(MalformedPack, RefusedNamingTheField) {
  json doc = DefaultDoc();
  GetParam().apply(doc);
  auto p = ParseMethodPack(doc.dump());
  ASSERT_FALSE(p.has_value()) << GetParam().name << " was accepted";
  EXPECT_EQ(p.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(p.error().field, GetParam().field) << p.error().message;
  EXPECT_EQ(p.error().code, GetParam().code);
  EXPECT_FALSE(p.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(Default, MalformedPack, ::testing::ValuesIn(Mutations()),
                         [](const ::testing::TestParamInfo<Mutation>& info) { return info.param.name; });

TEST(MalformedPackText, NotJsonAtAll) {
  for (const char* text : {"", "not json", "{\"version\": ", "<pack/>", "{'version': 'x'}"}) {
    auto p = ParseMethodPack(text);
    ASSERT_FALSE(p.has_value()) << text;
    EXPECT_EQ(p.error().code, "invalid_json");
    EXPECT_EQ(p.error().field, "$");
  }
}

// Found while reading the validator for tests/fuzz/fuzz_method_pack (the fuzzer's inputs stay far
// shallower): an otherwise valid pack with a member nested 200,000 deep (a 400 KB file given to
// `srm method install`) overflowed the stack when the validator kept it (source_json = dump()).
// POST /methods was safe only because the API refuses bodies nested deeper than 64 levels.
TEST(MalformedPackText, NestingDeeperThanTheApiAllowsIsRefusedWithoutExhaustingTheStack) {
  std::string text(DefaultMethodPackJson());
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  text.insert(text.find('{') + 1, "\"notes\":" + deep + ",");
  auto p = ParseMethodPack(text);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code, "invalid_json");
  EXPECT_EQ(p.error().field, "$");
  // 64 levels, the API's limit, still parse.
  std::string ok(DefaultMethodPackJson());
  ok.insert(ok.find('{') + 1, "\"notes\":" + std::string(63, '[') + std::string(63, ']') + ",");
  EXPECT_TRUE(ParseMethodPack(ok).has_value());
}

TEST(MethodPackVariants, AlternativeValidPacksAccepted) {
  // Names may differ in case from the matrix rows only through exact keys; a pack with its own names works.
  json doc = DefaultDoc();
  doc["threat_formula"] = "max_factor";
  doc["review_months"] = 6;
  doc.erase("overall_threat");  // defaults to highest
  doc["matrix"]["Very Unlikely"][0] = "very low";  // cell names are case-insensitive
  auto p = ParseMethodPack(doc.dump());
  ASSERT_TRUE(p.has_value()) << p.error().field << ": " << p.error().message;
  EXPECT_EQ(p->threat_formula, "max_factor");
  EXPECT_EQ(p->overall_threat, "highest");
  EXPECT_EQ(p->review_months, 6);
  EXPECT_EQ(p->matrix[0][0], 0);
}

TEST(MethodPackVariants, MutationListIsLargeEnough) { EXPECT_GE(Mutations().size(), 12u); }

}  // namespace
}  // namespace srm::domain
