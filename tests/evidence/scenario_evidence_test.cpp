// Which incidents count for a scenario and whether a category has evidence at all (issue 14
// finding 6): the selector (domain/scenario_evidence.h), the evidence verdict with its reason
// codes, and the threat categories each incident source records (evidence/coverage.h).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/scenario_evidence.h"
#include "evidence/coverage.h"
#include "evidence/formats.h"

namespace srm {
namespace {

using domain::IncidentSelector;
using domain::IncidentText;
using nlohmann::json;

TEST(ScenarioSelector, KeepsOnlyTheIncidentsItNames) {
  const IncidentText battle{"Battles", "Armed clash", "1", "clash between army and rebels near Bosali", "Bosali"};
  const IncidentText ambush{"Violence against civilians", "Attack", "2", "ambush on the road to Guvi", "Guvi road"};
  const IncidentText protest{"Protests", "Peaceful protest", "6", "students march", "Sanjar"};
  struct Case {
    const char* name;
    IncidentSelector s;
    bool battle, ambush, protest;
  };
  const Case cases[] = {
      {"nothing narrowed keeps all", {}, true, true, true},
      {"event type", {{"battles"}, {}, {}}, true, false, false},
      {"sub-event type counts as an event type", {{"Peaceful protest"}, {}, {}}, false, false, true},
      {"any of several event types", {{"Battles", "Protests"}, {}, {}}, true, false, true},
      {"actor type, case and spaces ignored", {{}, {" 2 "}, {}}, false, true, false},
      {"keyword in the notes", {{}, {}, {"AMBUSH"}}, false, true, false},
      {"keyword in the location", {{}, {}, {"sanjar"}}, false, false, true},
      {"every list must hold", {{"Battles"}, {}, {"ambush"}}, false, false, false},
      {"event type and keyword together", {{"Violence against civilians"}, {}, {"road"}}, false, true, false},
      {"a keyword nobody wrote keeps none", {{}, {}, {"airport"}}, false, false, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(domain::Selects(c.s, battle), c.battle) << c.name;
    EXPECT_EQ(domain::Selects(c.s, ambush), c.ambush) << c.name;
    EXPECT_EQ(domain::Selects(c.s, protest), c.protest) << c.name;
  }
}

TEST(ScenarioSelector, JsonIsCheckedFieldByField) {
  auto ok = domain::SelectorFromJson(json{{"event_types", {"Battles"}}, {"keywords", {"road", "ambush"}}}, "f");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->event_types, std::vector<std::string>{"Battles"});
  EXPECT_TRUE(ok->actor_types.empty());
  EXPECT_EQ(domain::SelectorToJson(*ok)["keywords"], json({"road", "ambush"}));
  EXPECT_FALSE(domain::SelectorFromJson(nullptr, "f")->Narrows());
  struct Bad {
    json in;
    const char* field;
  };
  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back("k" + std::to_string(i));
  const Bad bad[] = {
      {json::array(), "f"},
      {json{{"event_type", {"Battles"}}}, "f.event_type"},
      {json{{"keywords", "road"}}, "f.keywords"},
      {json{{"keywords", {1}}}, "f.keywords[0]"},
      {json{{"keywords", {""}}}, "f.keywords[0]"},
      {json{{"keywords", {"road", "ROAD"}}}, "f.keywords[1]"},
      {json{{"actor_types", {std::string(201, 'a')}}}, "f.actor_types[0]"},
      {json{{"keywords", many}}, "f.keywords"},
  };
  for (const Bad& b : bad) {
    auto r = domain::SelectorFromJson(b.in, "f");
    ASSERT_FALSE(r) << b.in.dump();
    EXPECT_EQ(r.error().field, b.field) << b.in.dump();
  }
}

TEST(EvidenceVerdict, ReasonForEveryOutcome) {
  const std::set<std::string> acled_ucdp{"armed_conflict", "civil_unrest", "terrorism"};
  struct Case {
    const char* category;
    std::set<std::string> covered;
    int64_t area_events;
    bool has;
    const char* reason;
  };
  const Case cases[] = {
      {"armed_conflict", acled_ucdp, 10, true, "evidence_suggested"},
      {"armed_conflict", acled_ucdp, 0, false, "no_incidents_in_area"},
      {"crime", acled_ucdp, 10, false, "no_source_covers_category"},
      {"crime", acled_ucdp, 0, false, "no_source_covers_category"},
      {"hazards", acled_ucdp, 10, false, "no_source_covers_category"},
      {"crime", {}, 0, false, "no_source_covers_category"},  // nothing imported at all
  };
  for (const Case& c : cases) {
    const auto v = domain::JudgeEvidence(c.category, c.covered, c.area_events);
    EXPECT_EQ(v.has_evidence, c.has) << c.category << " " << c.area_events;
    EXPECT_EQ(v.reason, c.reason) << c.category << " " << c.area_events;
  }
}

TEST(SourceCoverage, AcledAndUcdpDoNotRecordCrimeAndNoSourceRecordsHazards) {
  auto covers = [](evidence::BuiltinFormat f) { return evidence::MappingCoverage(evidence::BuiltinMapping(f)); };
  using V = std::vector<std::string>;
  EXPECT_EQ(covers(evidence::BuiltinFormat::kAcled), (V{"armed_conflict", "civil_unrest", "terrorism"}));
  EXPECT_EQ(covers(evidence::BuiltinFormat::kUcdp), (V{"armed_conflict"}));
  EXPECT_EQ(covers(evidence::BuiltinFormat::kAwsd), (V{"armed_conflict", "civil_unrest", "crime", "terrorism"}));
  EXPECT_EQ(evidence::BuiltinCoverage("osac"), nullptr);
}

TEST(SourceCoverage, AMappingDeclaresWhatItsOwnVocabularyRecords) {
  // The shipped OSAC mapping mixes AWSD and ACLED rows: the union of both.
  auto osac = evidence::ParseColumnMapping(evidence::ShippedMapping("osac-humanitarian"));
  ASSERT_TRUE(osac) << osac.error().message;
  EXPECT_EQ(evidence::MappingCoverage(*osac),
            (std::vector<std::string>{"armed_conflict", "civil_unrest", "crime", "terrorism"}));
  const char* kPolice = R"({"name": "police-log", "vocabulary": "police", "covers": ["crime"],
                            "columns": {"date": "date", "event_type": "type", "country": "country"}})";
  auto police = evidence::ParseColumnMapping(kPolice);
  ASSERT_TRUE(police) << police.error().message;
  EXPECT_EQ(evidence::MappingCoverage(*police), std::vector<std::string>{"crime"});
  // A mapping of its own vocabulary that declares nothing records nothing.
  police->covers.clear();
  EXPECT_TRUE(evidence::MappingCoverage(*police).empty());
  auto bad = evidence::ParseColumnMapping(
      R"({"name": "x", "vocabulary": "x", "covers": "crime", "columns": {"date": "d", "event_type": "t", "country": "c"}})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "covers");
}

}  // namespace
}  // namespace srm
