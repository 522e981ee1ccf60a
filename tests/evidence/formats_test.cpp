// Dates in the sources' forms, format detection, each built-in layout with awkward rows, the
// column-mapping file, the category table and stable source ids.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "evidence/dates.h"
#include "evidence/formats.h"
#include "evidence/importer.h"
#include "evidence/support.h"

namespace srm::evidence {
namespace {

using testing::MemorySink;
using testing::Pack;
using testing::StringSource;

std::string Day(std::string_view text, DateOrder o = DateOrder::kAuto) {
  ParsedDate d;
  std::string why;
  if (!ParseDate(text, o, &d, &why)) return "error: " + why;
  return FormatDay(d.day);
}

TEST(Dates, FormsTheSourcesUse) {
  EXPECT_EQ(Day("2024-01-15"), "2024-01-15");
  EXPECT_EQ(Day(" 2024-01-15 00:00:00.000"), "2024-01-15");
  EXPECT_EQ(Day("2024-01-15T08:30:00Z"), "2024-01-15");
  EXPECT_EQ(Day("2024/01/15"), "2024-01-15");
  EXPECT_EQ(Day("15 January 2024"), "2024-01-15");
  EXPECT_EQ(Day("15-Jan-2024"), "2024-01-15");
  EXPECT_EQ(Day("15 Sept 2023"), "2023-09-15");
  EXPECT_EQ(Day("January 15, 2024"), "2024-01-15");
  EXPECT_EQ(Day("2024 Jan 15"), "2024-01-15");
  EXPECT_EQ(Day("15/01/2024"), "2024-01-15");  // unambiguous: 15 is no month
  EXPECT_EQ(Day("01/15/2024"), "2024-01-15");
  EXPECT_EQ(Day("03/04/2024", DateOrder::kDayMonth), "2024-04-03");
  EXPECT_EQ(Day("03/04/2024", DateOrder::kMonthDay), "2024-03-04");
  EXPECT_EQ(Day("29 February 2024"), "2024-02-29");
}

TEST(Dates, RefusalsSayWhy) {
  EXPECT_NE(Day("03/04/2024").find("ambiguous"), std::string::npos);
  EXPECT_NE(Day("31 February 2024").find("day out of range"), std::string::npos);
  EXPECT_NE(Day("29 February 2023").find("day out of range"), std::string::npos);
  EXPECT_NE(Day("yesterday").find("unrecognised date"), std::string::npos);
  EXPECT_NE(Day("").find("empty"), std::string::npos);
  EXPECT_NE(Day("1850-01-01").find("year out of range"), std::string::npos);
}

TEST(Dates, YearMonthDayColumnsWithBlanks) {
  ParsedDate d;
  std::string why;
  ASSERT_TRUE(DateFromParts("2019", "3", "7", &d, &why));
  EXPECT_EQ(FormatDay(d.day), "2019-03-07");
  EXPECT_EQ(d.precision, DatePrecision::kDay);
  ASSERT_TRUE(DateFromParts("2019", "March", "", &d, &why));
  EXPECT_EQ(FormatDay(d.day), "2019-03-15");
  EXPECT_EQ(d.precision, DatePrecision::kMonth);
  ASSERT_TRUE(DateFromParts("2019", "", "", &d, &why));
  EXPECT_EQ(FormatDay(d.day), "2019-07-01");
  EXPECT_EQ(d.precision, DatePrecision::kYear);
  EXPECT_FALSE(DateFromParts("", "3", "1", &d, &why));
  EXPECT_FALSE(DateFromParts("2019", "13", "1", &d, &why));
}

// Found by tests/fuzz/fuzz_csv_import: a refusal quoting the first 20 or 40 bytes of a field cut a
// UTF-8 character in two, so the reason (kept with the refused row and put into the import job's
// JSON record, whose dump() then throws) was not valid UTF-8.
TEST(Dates, RefusalsQuoteTheTextWithoutSplittingACharacter) {
  ParsedDate d;
  std::string why;
  const std::string cut20 = std::string(19, '9') + "\xC3\xA9";  // "é" across the 20th byte
  EXPECT_FALSE(DateFromParts(cut20, "", "", &d, &why));
  EXPECT_TRUE(ValidUtf8(why)) << why;
  EXPECT_FALSE(DateFromParts("2019", std::string(19, 'x') + "\xC3\xA9", "", &d, &why));
  EXPECT_TRUE(ValidUtf8(why)) << why;
  EXPECT_FALSE(DateFromParts("2019", "3", std::string(19, 'x') + "\xC3\xA9", &d, &why));
  EXPECT_TRUE(ValidUtf8(why)) << why;
  EXPECT_FALSE(ParseDate(std::string(39, 'x') + "\xC3\xA9", DateOrder::kAuto, &d, &why));
  EXPECT_TRUE(ValidUtf8(why)) << why;
  EXPECT_NE(why.find("unrecognised date"), std::string::npos);
}

// Noticed by the fuzzing work: the refusals of well-formed but impossible dates quoted the whole
// field (up to the 4 MiB record cap per refused row, kept with the row), split characters included.
TEST(Dates, RefusalsOfImpossibleDatesQuoteAShortPrefixOnly) {
  ParsedDate d;
  std::string why;
  const std::string tail = "T" + std::string(100000, 'x') + "\xC3\xA9";
  for (const std::string& text : {"2024-13-01" + tail, "2024-02-30" + tail, "1800-01-01" + tail,
                                  "04/05/2024 " + std::string(100000, 'y')}) {
    EXPECT_FALSE(ParseDate(text, DateOrder::kAuto, &d, &why)) << text.substr(0, 12);
    EXPECT_LT(why.size(), 200u) << text.substr(0, 12);
    EXPECT_TRUE(ValidUtf8(why));
  }
}

TEST(Dates, CivilDaysRoundTrip) {
  EXPECT_EQ(*calendar::FromCivil(1970, 1, 1), 0);
  EXPECT_EQ(*calendar::FromCivil(2000, 3, 1), 11017);
  for (int32_t z = -1000; z < 40000; z += 37) EXPECT_EQ(FormatDay(z), FormatDay(*calendar::FromCivil(
      std::stoi(FormatDay(z).substr(0, 4)), std::stoul(FormatDay(z).substr(5, 2)), std::stoul(FormatDay(z).substr(8, 2)))));
}

Result<ImportCounts> Import(const std::string& csv, MemorySink* sink, std::optional<ColumnMapping> mapping = {},
                            int32_t max_day = *calendar::FromCivil(2030, 1, 1)) {
  static const CategoryMapper categories(Pack().evidence);
  ImportOptions o;
  o.mapping = std::move(mapping);
  o.max_day = max_day;
  return RunImport(StringSource(csv, 13), csv.size(), o, categories, nullptr, *sink);
}

TEST(Formats, DetectedByHeaderNamesInAnyCase) {
  auto detect = [](std::vector<std::string_view> h) { return DetectFormat(h); };
  EXPECT_EQ(detect({"Incident ID", "Year", "Month", "Means of attack"}), BuiltinFormat::kAwsd);
  EXPECT_EQ(detect({"incident_id", "YEAR", "means_of_attack"}), BuiltinFormat::kAwsd);
  EXPECT_EQ(detect({"EVENT_ID_CNTY", "Event_Date", "event type"}), BuiltinFormat::kAcled);
  EXPECT_EQ(detect({"id", "type_of_violence", "date_start", "best"}), BuiltinFormat::kUcdp);
  EXPECT_EQ(detect({"a", "b"}), std::nullopt);
}

TEST(Formats, AcledWithAwkwardRows) {
  const std::string csv =
      "\xEF\xBB\xBF" "event_id_cnty,event_date,year,event_type,sub_event_type,inter1,country,admin1,location,latitude,"
      "longitude,geo_precision,notes,fatalities\r\n"
      "SOM1,2024-01-15,2024,Battles,Armed clash,1,Somalia,Gedo,Bardera,2.35,42.28,1,\"Clash, heavy\",3\r\n"
      "SOM2,15 January 2024,2024,Explosions/Remote violence,Remote explosive/landmine/IED,2,Somalia,Banadir,"
      "Mogadishu,2.04,45.34,1,\"IED on \"\"MSR\"\"\nsecond line\",0\r\n"
      "SOM3,2024-02-01,2024,Protests,Peaceful protest,6,Somalia,Banadir,Mogadishu,,,2,,0\r\n"
      "SOM4,2024-02-02,2024,Strategic developments,Agreement,1,Somalia,Banadir,Mogadishu,2.04,45.34,1,,0\r\n"
      "SOM5,2024-02-30,2024,Battles,Armed clash,1,Somalia,Gedo,Bardera,2.35,42.28,1,,0\r\n"
      "SOM6,2024-02-03,2024,Battles,Armed clash,1,Somalia,Gedo,Bardera,95,42.28,1,,0\r\n"
      "SOM7,2024-02-03,2024,Battles,Armed clash,1,Somalia,Gedo\r\n"
      "SOM8,2024-02-04,2024,Riots,Mob violence,5,Somalia,Gedo,Bardera,2.35,42.28,1,,two\r\n";
  MemorySink sink;
  auto r = Import(csv, &sink);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->layout, "acled");
  EXPECT_EQ(r->records, 8);
  EXPECT_EQ(r->accepted, 4);
  EXPECT_EQ(r->refused, 4);
  ASSERT_EQ(sink.incidents.size(), 4u);
  const Incident& a = sink.incidents[0];
  EXPECT_EQ(a.source, "acled");
  EXPECT_EQ(a.source_id, "SOM1");
  EXPECT_EQ(FormatDay(a.day), "2024-01-15");
  EXPECT_TRUE(a.has_point);
  EXPECT_DOUBLE_EQ(a.lat, 2.35);
  EXPECT_EQ(a.category, "armed_conflict");
  EXPECT_EQ(a.fatalities, 3);
  EXPECT_EQ(a.notes, "Clash, heavy");
  EXPECT_EQ(sink.incidents[1].category, "terrorism");
  EXPECT_EQ(sink.incidents[1].notes, "IED on \"MSR\"\nsecond line");
  EXPECT_EQ(FormatDay(sink.incidents[1].day), "2024-01-15");
  EXPECT_FALSE(sink.incidents[2].has_point);  // missing coordinates: placed by name later
  EXPECT_EQ(sink.incidents[2].category, "civil_unrest");
  EXPECT_EQ(sink.incidents[3].category, "");  // strategic developments: context only
  EXPECT_TRUE(sink.incidents[3].mapped);
  EXPECT_EQ(r->context_only, 1);
  ASSERT_EQ(sink.refused.size(), 4u);
  EXPECT_EQ(sink.refused[0].line, 7);  // the quoted line break makes SOM2 span lines 3-4
  EXPECT_EQ(sink.refused[0].field, "event_date");
  EXPECT_NE(sink.refused[0].reason.find("day out of range"), std::string::npos);
  EXPECT_EQ(sink.refused[1].field, "latitude");
  EXPECT_NE(sink.refused[1].reason.find("outside -90..90"), std::string::npos);
  EXPECT_NE(sink.refused[2].reason.find("expected 14 fields, found 8"), std::string::npos);
  EXPECT_EQ(sink.refused[3].field, "fatalities");
  EXPECT_NE(sink.refused[3].excerpt.find("SOM8"), std::string::npos);
}

TEST(Formats, AwsdYearMonthDayWithBlanksAndCategories) {
  const std::string csv =
      "Incident ID,Year,Month,Day,Country Code,Country,Region,District,City,UN,INGO,ICRC,NRCS and IFRC,NNGO,Other,"
      "Total killed,Total wounded,Total kidnapped,Total affected,Means of attack,Attack context,Location,Latitude,"
      "Longitude,Motive,Actor type,Actor name,Details,Verified,Source\n"
      "101,2019,3,7,SO,Somalia,Banadir,,Mogadishu,1,0,0,0,0,0,1,0,0,1,Roadside IED,Ambush,Road,2.04,45.34,"
      "Political,Non-state armed group: National,Al-Shabaab,\"Convoy hit, one killed\",Yes,Media\n"
      "102,2019,,,SO,Somalia,Gedo,,,0,2,0,0,0,0,0,2,0,2,Shooting,Individual attack,Office,,,Unknown,Criminals,"
      ",,Yes,Media\n"
      "103,2019,May,,SS,South Sudan,Jonglei,,,0,0,0,1,0,0,0,1,0,1,Bodily assault,Mob violence,Public location,"
      "7.1,31.6,Unknown,Unknown,,,Yes,Media\n";
  MemorySink sink;
  auto r = Import(csv, &sink);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->layout, "awsd");
  ASSERT_EQ(sink.incidents.size(), 3u) << (sink.refused.empty() ? "" : sink.refused[0].reason);
  EXPECT_EQ(sink.incidents[0].category, "terrorism");
  EXPECT_EQ(sink.incidents[0].un_victims, 1);
  EXPECT_EQ(sink.incidents[0].aid_victims, 1);
  EXPECT_EQ(sink.incidents[0].fatalities, 1);
  EXPECT_EQ(sink.incidents[1].category, "crime");
  EXPECT_EQ(FormatDay(sink.incidents[1].day), "2019-07-01");
  EXPECT_EQ(sink.incidents[1].date_precision, 2);
  EXPECT_FALSE(sink.incidents[1].has_point);
  EXPECT_EQ(sink.incidents[2].category, "civil_unrest");
  EXPECT_EQ(FormatDay(sink.incidents[2].day), "2019-05-15");
}

TEST(Formats, UcdpCountryLevelPointsAreNotUsedAsPoints) {
  const std::string csv =
      "id,year,type_of_violence,conflict_name,where_prec,where_description,adm_1,latitude,longitude,country,"
      "date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n"
      "9001,2020,3,X,1,Village,Borno state,11.8,13.1,Nigeria,1,2020-05-03 00:00:00.000,2020-05-03,0,0,4,0,4,5,4\n"
      "9002,2020,1,X,7,Nigeria,,9.0,8.0,Nigeria,1,2020-05-04,2020-05-04,1,1,0,0,2,2,2\n";
  MemorySink sink;
  auto r = Import(csv, &sink);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->layout, "ucdp");
  ASSERT_EQ(sink.incidents.size(), 2u);
  EXPECT_TRUE(sink.incidents[0].has_point);
  EXPECT_EQ(sink.incidents[0].fatalities, 4);
  EXPECT_EQ(sink.incidents[0].category, "armed_conflict");
  EXPECT_FALSE(sink.incidents[1].has_point);
  EXPECT_EQ(sink.incidents[1].placement_note, "coordinates only locate the country");
}

// The same through an import (see Dates.RefusalsQuoteTheTextWithoutSplittingACharacter): the
// refused row's reason and the whole-file refusal that quotes it must be valid UTF-8 and JSON.
TEST(Formats, RefusalReasonsStayUtf8) {
  const std::string csv =
      "Incident ID,Year,Month,Day,Country,Region,Latitude,Longitude,Means of attack,Total killed\n"
      "1," + std::string(19, '9') + "\xC3\xA9,3,7,Somalia,Gedo,2.3,42.2,Shooting,0\n";
  MemorySink sink;
  auto r = Import(csv, &sink);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "not_incident_file");
  EXPECT_TRUE(ValidUtf8(r.error().message)) << r.error().message;
  const nlohmann::json answer = {{"error", r.error().message}};
  EXPECT_NO_THROW((void)answer.dump());
}

TEST(Formats, UnknownHeaderIsRefusedAsAWhole) {
  MemorySink sink;
  auto r = Import("foo,bar\n1,2\n", &sink);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "unknown_layout");
  EXPECT_NE(r.error().message.find("--mapping"), std::string::npos);
  EXPECT_EQ(sink.batches, 0);
}

TEST(Formats, GarbageOnlyFileIsRefusedAsAWholeAndWritesNothing) {
  std::string csv = "event_id_cnty,event_date,event_type,latitude,longitude,country,fatalities\n";
  for (int i = 0; i < 1500; ++i) csv += "x" + std::to_string(i) + ",not a date,Battles,1,1,Somalia,0\n";
  MemorySink sink;
  auto r = Import(csv, &sink);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "not_incident_file");
  EXPECT_EQ(sink.batches, 0);
}

TEST(Formats, FutureDatesAreRefused) {
  MemorySink sink;
  auto r = Import("event_id_cnty,event_date,event_type,country,latitude,longitude,fatalities\n"
                  "A,2024-01-02,Battles,Somalia,,,0\nB,2024-01-01,Battles,Somalia,,,0\n",
                  &sink, std::nullopt, *calendar::FromCivil(2024, 1, 1));
  ASSERT_TRUE(r);
  ASSERT_EQ(sink.refused.size(), 1u);
  EXPECT_NE(sink.refused[0].reason.find("in the future"), std::string::npos);
}

TEST(Mapping, ParsesAndNamesTheFieldAtFault) {
  auto ok = ParseColumnMapping(
      R"({"name":"x","vocabulary":"acled","columns":{"id":"ID","date":"When","latitude":"Lat","longitude":"Lon","event_type":"Type"}})");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->id, std::vector<std::string>{"ID"});
  auto field = [](const char* text) {
    auto r = ParseColumnMapping(text);
    return r ? std::string("ok") : r.error().field;
  };
  EXPECT_EQ(field(R"({"vocabulary":"a","columns":{"date":"d","event_type":"t","country":"c"}})"), "name");
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","columns":{"event_type":"t","country":"c"}})"), "columns.date");
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","columns":{"date":"d","event_type":"t","country":"c","colour":"x"}})"),
            "columns.colour");
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","columns":{"date":"d","event_type":"t","latitude":"y"}})"),
            "columns.longitude");
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","date_order":"ymd","columns":{"date":"d","event_type":"t","country":"c"}})"),
            "date_order");
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","columns":{"date":"d","event_type":"t","fatalities":[1]}, "x":1})"),
            "columns.fatalities[0]");
  EXPECT_EQ(field("not json"), "$");
  // Noticed by the fuzzing work: read as an int, 2^32 - 1 became -1 and 2^32 + 1 became 1.
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","points_unreliable_from":4294967297,"columns":{"date":"d","event_type":"t","country":"c"}})"),
            "points_unreliable_from");
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","points_unreliable_from":18446744073709551615,"columns":{"date":"d","event_type":"t","country":"c"}})"),
            "points_unreliable_from");
  EXPECT_EQ(field(R"({"name":"x","vocabulary":"a","points_unreliable_from":6,"columns":{"date":"d","event_type":"t","country":"c"}})"),
            "ok");
}

// Found while writing tests/fuzz (a column mapping and its CSV come in one POST /incidents/import
// body; fuzz_json_body runs them): counts of up to 1,000,000 per column were summed in an int32_t,
// so a mapping summing 2,148 or more columns overflowed it (undefined behaviour; with g++ a
// negative number of people was stored). Such a row is refused now.
TEST(Mapping, ACountTooLargeToAddUpIsRefusedNotWrapped) {
  nlohmann::json columns = nlohmann::json::array();
  std::string header = "When,Type,Country", row = "2024-01-01,Battles,Somalia";
  for (int i = 0; i < 2200; ++i) {
    columns.push_back("f" + std::to_string(i));
    header += ",f" + std::to_string(i);
    row += ",1000000";
  }
  const nlohmann::json mapping = {{"name", "many"}, {"vocabulary", "acled"},
                                  {"columns", {{"date", "When"}, {"event_type", "Type"}, {"country", "Country"},
                                               {"fatalities", columns}}}};
  auto m = ParseColumnMapping(mapping.dump());
  ASSERT_TRUE(m) << m.error().message;
  MemorySink sink;
  auto r = Import(header + "\n" + row + "\n2024-01-02,Battles,Somalia" + std::string(2200, ',') + "\n", &sink, *m);
  ASSERT_TRUE(r) << r.error().message;
  for (const Incident& i : sink.incidents) EXPECT_GE(i.fatalities, 0);
  ASSERT_EQ(sink.refused.size(), 1u);
  EXPECT_EQ(sink.refused[0].line, 2);
  EXPECT_EQ(sink.incidents.size(), 1u);
}

TEST(Mapping, MissingColumnInTheFileIsNamed) {
  auto m = ParseColumnMapping(
      R"({"name":"x","vocabulary":"acled","columns":{"date":"When","country":"Country","event_type":"Type"}})");
  ASSERT_TRUE(m);
  MemorySink sink;
  auto r = Import("When,Country\n2024-01-01,Somalia\n", &sink, *m);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "missing_column");
  EXPECT_EQ(r.error().field, "Type");
}

TEST(Mapping, OsacMappingFileParsesAndMixesVocabulariesPerRow) {
  auto text = testing::ReadFile(testing::SourceDir() / "method" / "mappings" / "osac-humanitarian.json");
  auto m = ParseColumnMapping(text);
  ASSERT_TRUE(m) << m.error().message;
  const std::string csv =
      ",data_id,event_date,event_type,sub_event_type,actor_type,latitude,longitude,country,admin1,admin3,fatalities,"
      "ingo,ifrc_icrc,nrcs,nngo,notes,data_source,event_id_cnty\n"
      "0,2265,2016-01-07,Shooting,,Unknown Actors,6.8,29.6,South Sudan,Lakes,Rumbek,0,1,0,0,0,\"Guard shot, evacuated\","
      "Aid Worker Security Database https://www.aidworkersecurity.org,\n"
      "1,8611787,2021-10-23,Violence against civilians,Attack,Violent Islamist Extremist Groups,12.1,-1.5,Burkina Faso,"
      "Centre,Ouaga,2,0,0,0,1,,Armed Conflict Location & Event Data Project (ACLED),BFO5642\n";
  MemorySink sink;
  auto r = Import(csv, &sink, *m);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(sink.incidents.size(), 2u);
  EXPECT_EQ(sink.incidents[0].source, "awsd");
  EXPECT_EQ(sink.incidents[0].source_id, "2265");
  EXPECT_EQ(sink.incidents[0].category, "crime");
  EXPECT_EQ(sink.incidents[0].aid_victims, 1);
  EXPECT_EQ(sink.incidents[1].source, "acled");
  EXPECT_EQ(sink.incidents[1].source_id, "BFO5642");
  EXPECT_EQ(sink.incidents[1].category, "terrorism");
  EXPECT_EQ(sink.incidents[1].aid_victims, 1);
}

TEST(Mapping, RowsWithoutIdGetAStableHashId) {
  auto m = ParseColumnMapping(
      R"({"name":"x","vocabulary":"acled","columns":{"date":"When","country":"Country","event_type":"Type"}})");
  ASSERT_TRUE(m);
  const std::string csv = "When,Country,Type\n2024-01-01,Somalia,Battles\n2024-01-02,Somalia,Battles\n";
  MemorySink a, b;
  ASSERT_TRUE(Import(csv, &a, *m));
  ASSERT_TRUE(Import(csv, &b, *m));
  ASSERT_EQ(a.incidents.size(), 2u);
  EXPECT_EQ(a.incidents[0].source_id, b.incidents[0].source_id);
  EXPECT_NE(a.incidents[0].source_id, a.incidents[1].source_id);
  EXPECT_EQ(a.incidents[0].source_id.front(), 'h');
}

TEST(Categories, TableFromThePackFirstMatchWins) {
  CategoryMapper m(Pack().evidence);
  EXPECT_EQ(m.Map("acled", "Battles", "Armed clash", "").category, "armed_conflict");
  EXPECT_EQ(m.Map("acled", " explosions/remote VIOLENCE ", "Suicide bomb", "").category, "terrorism");
  EXPECT_EQ(m.Map("acled", "Explosions/Remote violence", "Air/drone strike", "").category, "armed_conflict");
  EXPECT_EQ(m.Map("acled", "Violence against civilians", "Attack", "State Forces").category, "armed_conflict");
  EXPECT_EQ(m.Map("acled", "Violence against civilians", "Attack", "Unknown Actors").category, "crime");
  EXPECT_EQ(m.Map("acled", "Riots", "", "").category, "civil_unrest");
  auto strategic = m.Map("acled", "Strategic developments", "", "");
  EXPECT_TRUE(strategic.mapped);
  EXPECT_EQ(strategic.category, "");
  EXPECT_FALSE(m.Map("acled", "Something new", "", "").mapped);
  EXPECT_FALSE(m.Map("nosuchsource", "Battles", "", "").mapped);
  EXPECT_EQ(m.Map("awsd", "Vehicle-born IED", "", "Unknown").category, "terrorism");
  EXPECT_EQ(m.Map("ucdp", "3", "", "").category, "armed_conflict");
}

TEST(Categories, PackEvidenceSectionIsValidatedNamingTheField) {
  auto pack_with = [](const std::string& evidence) {
    nlohmann::json doc = nlohmann::json::parse(domain::DefaultMethodPackJson());
    doc["evidence"] = nlohmann::json::parse(evidence);
    auto r = domain::ParseMethodPack(doc.dump());
    return r ? std::string("ok") : r.error().field;
  };
  EXPECT_EQ(pack_with(R"({"half_life_days": 30})"), "ok");
  EXPECT_EQ(pack_with(R"({"half_life_days": 0})"), "evidence.half_life_days");
  EXPECT_EQ(pack_with(R"({"windows_days": [90, 30, 365]})"), "evidence.windows_days[1]");
  EXPECT_EQ(pack_with(R"({"likelihood_thresholds": [0.1, 0.05, 0.5, 0.8]})"), "evidence.likelihood_thresholds[1]");
  EXPECT_EQ(pack_with(R"({"likelihood_thresholds": [0.1, 0.5]})"), "evidence.likelihood_thresholds");
  EXPECT_EQ(pack_with(R"({"category_rules": {"acled": [{"event_type": "Battles", "category": "war"}]}})"),
            "evidence.category_rules.acled[0].category");
  EXPECT_EQ(pack_with(R"({"category_rules": {"acled": [{"event_type": "Battles"}]}})"),
            "evidence.category_rules.acled[0].category");
  EXPECT_EQ(pack_with(R"({"category_rules": {"acled": [{"evnt_type": "Battles", "category": null}]}})"),
            "evidence.category_rules.acled[0].evnt_type");
  EXPECT_EQ(pack_with(R"({"review_trigger": {"rate_ratio": 0.5}})"), "evidence.review_trigger.rate_ratio");
  EXPECT_EQ(pack_with(R"({"recent_days": 400})"), "evidence.recent_days");
  EXPECT_EQ(pack_with(R"({"halflife": 3})"), "evidence.halflife");
  EXPECT_TRUE(Pack().has_evidence);
  EXPECT_EQ(Pack().evidence.half_life_days, 180);
}

}  // namespace
}  // namespace srm::evidence
