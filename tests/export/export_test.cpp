// The export writers, read back by independent readers (tests/export/*.py): CSV quoting, the
// byte-order mark, the formula guard, Arabic; xlsx sheets, values, level colours, frozen header
// and autofilter; the SRA register's sheets; the SVG heatmap.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/level_colors.h"
#include "domain/method.h"
#include "domain/sra.h"
#include "export/area_map.h"
#include "export/csv_writer.h"
#include "export/heatmap_svg.h"
#include "export/sra_register.h"
#include "export/xlsx_writer.h"
#include "export/reader_support.h"

namespace srm::exports {
namespace {

using nlohmann::json;
using srm::testing::ReadCsv;
using srm::testing::ReadXlsx;
using srm::testing::Sheet;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("srm-export-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string Hex(uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06x", rgb);
  return buf;
}

TEST(CsvWriter, QuotesGuardsAndKeepsUtf8) {
  struct Case {
    Cell cell;
    std::string read_back;  // what a CSV reader returns for the field
  };
  const std::vector<Case> cases = {
      {Cell::Text("plain"), "plain"},
      {Cell::Text("a,b"), "a,b"},
      {Cell::Text("say \"hi\""), "say \"hi\""},
      {Cell::Text("two\nlines"), "two\nlines"},
      {Cell::Text("cr\r\nlf"), "cr\r\nlf"},
      {Cell::Text("سرقة السيارات"), "سرقة السيارات"},
      {Cell::Text("Élevé, très"), "Élevé, très"},
      {Cell::Text("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")"},
      {Cell::Text("+1+1"), "'+1+1"},
      {Cell::Text("-2+3"), "'-2+3"},
      {Cell::Text("@SUM(A1)"), "'@SUM(A1)"},
      {Cell::Text("\tTAB"), "'\tTAB"},
      {Cell::Text("a=b"), "a=b"},
      {Cell::Number(-5), "-5"},
      {Cell::Number(2.5), "2.5"},
      {Cell::Level(4, "Very High"), "Very High"},
      {Cell::Empty(), ""},
  };
  const std::string path = TempPath("cases.csv");
  {
    auto w = CsvWriter::Create(path);
    ASSERT_TRUE(w) << w.error().message;
    ASSERT_TRUE((*w)->StartTable("t", {{"field"}, {"second"}}));
    for (const auto& c : cases) ASSERT_TRUE((*w)->Row({c.cell, Cell::Text("x")}));
    ASSERT_TRUE((*w)->Finish());
    EXPECT_EQ((*w)->rows(), static_cast<int64_t>(cases.size()));
  }
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const json r = ReadCsv(path);
  EXPECT_TRUE(r["bom"]);
  EXPECT_TRUE(r["crlf"]);
  ASSERT_EQ(r["records"].size(), cases.size() + 1);
  EXPECT_EQ(r["records"][0], json::array({"field", "second"}));
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(r["records"][i + 1][0], cases[i].read_back) << "case " << i;
    EXPECT_EQ(r["records"][i + 1][1], "x") << "case " << i;
  }
  std::filesystem::remove(path);
}

TEST(XlsxWriter, SheetsValuesColoursFrozenHeaderAndFilter) {
  for (bool constant_memory : {false, true}) {
    const std::string path = TempPath(constant_memory ? "cm.xlsx" : "n.xlsx");
    {
      XlsxOptions o;
      o.constant_memory = constant_memory;
      auto w = XlsxWriter::Create(path, o);
      ASSERT_TRUE(w) << w.error().message;
      ASSERT_TRUE((*w)->StartTable("Levels", {{"name", 20}, {"level", 12}, {"n", 8}}));
      for (int i = 0; i < 6; ++i)
        ASSERT_TRUE((*w)->Row({Cell::Text("row " + std::to_string(i)), Cell::Level(i, "L" + std::to_string(i)), Cell::Number(i)}));
      ASSERT_TRUE((*w)->StartTable("Second/sheet: [x]", {{"arabic"}}));
      ASSERT_TRUE((*w)->Row({Cell::Text("=1+1 مرتفع")}));
      ASSERT_TRUE((*w)->Finish());
    }
    const json book = ReadXlsx(path);
    ASSERT_EQ(book["sheets"].size(), 2u);
    const json s = Sheet(book, "Levels");
    ASSERT_FALSE(s.is_null());
    EXPECT_EQ(s["rows"][0], json::array({"name", "level", "n"}));
    EXPECT_EQ(s["rows"][3][0], "row 2");
    EXPECT_EQ(s["rows"][3][1], "L2");
    EXPECT_EQ(s["rows"][3][2], "2");
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(s["fills"].value("B" + std::to_string(i + 2), ""), Hex(domain::kLevelColors[i].fill)) << i;
    EXPECT_FALSE(s["fills"].contains("A2"));  // text cells are not painted
    EXPECT_EQ(s["frozen"], "A2");
    EXPECT_EQ(s["autofilter"], "A1:C7");
    const json second = book["sheets"][1];
    EXPECT_EQ(second["name"], "Second sheet   x");  // []:*?/\ are not allowed in sheet names
    EXPECT_EQ(second["rows"][1][0], "=1+1 مرتفع");  // a string cell, never a formula
    std::filesystem::remove(path);
  }
}

TEST(XlsxWriter, SheetNamesFitExcel) {
  EXPECT_EQ(XlsxWriter::SheetName(""), "Sheet");
  EXPECT_EQ(XlsxWriter::SheetName(std::string(40, 'a')).size(), 31u);
  EXPECT_EQ(XlsxWriter::SheetName("a/b\\c?d*e[f]g:h"), "a b c d e f g h");
  // Cut at a character boundary: 31 bytes of two-byte letters would split one.
  const std::string arabic = XlsxWriter::SheetName("ممممممممممممممممممممممممممم");
  EXPECT_LE(arabic.size(), 31u);
  EXPECT_EQ(arabic.size() % 2, 0u);
}

domain::MethodPack Pack() {
  auto m = domain::ParseMethodPack(domain::DefaultMethodPackJson());
  if (!m) throw std::runtime_error(m.error().message);
  return *m;
}

domain::Sra SampleSra(const domain::MethodPack& m, int scenarios) {
  domain::Sra s;
  s.id = "sra_x";
  s.title = "Kalari SRA";
  s.area_id = "area_k";
  s.version = 3;
  s.method_version = m.version;
  s.scope = {"2026-01-01", "2026-12-31", m.triggers.front()};
  for (const auto& c : m.threat_categories) {
    domain::ThreatRating t;
    t.category = c.key;
    t.intent = 4;
    t.capability = 3;
    t.inhibiting = 2;
    t.evidence = "reports";
    s.threats.push_back(t);
  }
  s.threats.back().not_applicable = true;
  s.threats.back().not_applicable_reason = "none here";
  for (int i = 0; i < scenarios; ++i) {
    domain::Scenario sc;
    sc.id = "sc" + std::to_string(i);
    sc.title = i == 0 ? "سرقة السيارات" : "Scenario " + std::to_string(i);
    sc.threat_category = m.threat_categories[i % m.threat_categories.size()].key;
    sc.description = "desc, with \"quotes\"";
    sc.vulnerability = domain::Vulnerability{"drivers", "no tracking", "radios"};
    sc.likelihood = i % 5;
    sc.impact = (i * 3) % 5;
    sc.residual_likelihood = std::max(0, *sc.likelihood - 1);
    sc.residual_impact = *sc.impact;
    domain::Measure me;
    me.type = "prevention";
    me.description = "Tracking " + std::to_string(i);
    me.moss_category = m.moss_categories.front();
    me.cost_minor = 100000 + i;
    sc.measures.push_back(me);
    s.scenarios.push_back(sc);
  }
  domain::ProgrammeAssessment p;
  p.organization_id = "org_wfp";
  p.activity = "Food distribution";
  p.pc = 2;
  p.international = 3;
  s.programmes.push_back(p);
  domain::Recompute(m, &s);
  return s;
}

TEST(SraRegister, OneSheetPerTableWithLevelsWrittenAndColoured) {
  const domain::MethodPack m = Pack();
  const domain::Sra s = SampleSra(m, 7);
  const std::string path = TempPath("register.xlsx");
  RegisterContext ctx;
  ctx.area_name = "Kalari";
  ctx.requester = "Sam Professional";
  ctx.organizations = {{"org_wfp", "WFP"}};
  {
    auto w = XlsxWriter::Create(path, {});
    ASSERT_TRUE(w);
    ASSERT_TRUE(WriteSraRegister(**w, m, s, ctx));
  }
  const json book = ReadXlsx(path);
  std::vector<std::string> names;
  for (const auto& sh : book["sheets"]) names.push_back(sh["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"Document", "Scenarios", "Measures", "Threats", "Acceptable risk"}));
  for (const auto& sh : book["sheets"]) {
    EXPECT_EQ(sh["frozen"], "A2") << sh["name"];
    EXPECT_FALSE(sh["autofilter"].is_null()) << sh["name"];
  }
  const json sc = Sheet(book, "Scenarios");
  ASSERT_EQ(sc["rows"].size(), 8u);  // header + 7
  EXPECT_EQ(sc["rows"][1][1], "سرقة السيارات");
  EXPECT_EQ(sc["autofilter"], "A1:N8");
  for (size_t i = 0; i < s.scenarios.size(); ++i) {
    const auto& x = s.scenarios[i];
    const json row = sc["rows"][i + 1];
    EXPECT_EQ(row[4], "drivers");
    EXPECT_EQ(row[7], m.likelihoods[*x.likelihood]);
    EXPECT_EQ(row[9], m.risk_levels[*x.current_level]) << i;   // the level written...
    EXPECT_EQ(sc["fills"].value("J" + std::to_string(i + 2), ""), Hex(domain::LevelColorOf(*x.current_level).fill));  // ...and coloured
    EXPECT_EQ(row[13], m.risk_levels[*x.residual_level]);
    EXPECT_EQ(sc["fills"].value("N" + std::to_string(i + 2), ""), Hex(domain::LevelColorOf(*x.residual_level).fill));
    EXPECT_NE(row[10].get<std::string>().find("Tracking " + std::to_string(i)), std::string::npos);
  }
  const json about = Sheet(book, "Document");
  bool requester = false;
  for (const auto& row : about["rows"])
    if (row.size() > 1 && row[1] == "Sam Professional") requester = true;
  EXPECT_TRUE(requester);
  EXPECT_EQ(Sheet(book, "Measures")["rows"].size(), 8u);
  const json threats = Sheet(book, "Threats");
  EXPECT_EQ(threats["rows"].size(), m.threat_categories.size() + 1);
  EXPECT_EQ(threats["rows"].back()[6], "none here");
  const json acc = Sheet(book, "Acceptable risk");
  ASSERT_EQ(acc["rows"].size(), 2u);
  EXPECT_EQ(acc["rows"][1][0], "WFP");
  EXPECT_EQ(acc["rows"][1][2], "PC2");
  std::filesystem::remove(path);
}

TEST(SraRegister, InFrenchAndArabic) {
  const domain::MethodPack m = Pack();
  const domain::Sra s = SampleSra(m, 2);
  for (auto [lang, sheet, level_word] : {std::tuple{Language::kFr, "Scénarios", "level."},
                                         std::tuple{Language::kAr, "السيناريوهات", "level."}}) {
    const std::string path = TempPath("register-lang.xlsx");
    RegisterContext ctx;
    ctx.lang = lang;
    {
      auto w = XlsxWriter::Create(path, {});
      ASSERT_TRUE(w);
      ASSERT_TRUE(WriteSraRegister(**w, m, s, ctx));
    }
    const json sc = Sheet(ReadXlsx(path), sheet);
    ASSERT_FALSE(sc.is_null()) << sheet;
    EXPECT_EQ(sc["rows"][1][9], documents::Term(lang, level_word, m.risk_levels[*s.scenarios[0].current_level]));
    EXPECT_NE(sc["rows"][1][9], m.risk_levels[*s.scenarios[0].current_level]);  // translated
    std::filesystem::remove(path);
  }
}

TEST(SraRegister, FileNameCarriesAreaVersionAndRequester) {
  EXPECT_EQ(RegisterFileName("register", "Kalari", 3, "Sam Professional", "xlsx"), "register-Kalari-v3-Sam-Professional.xlsx");
  EXPECT_EQ(RegisterFileName("register", "Kalari/../x", 1, "\"a\"\r\n", "xlsx"), "register-Kalari-..-x-v1-a.xlsx");
}

TEST(HeatmapSvg, TwentyFiveCellsColouredAndCounted) {
  const domain::MethodPack m = Pack();
  HeatmapText text;
  text.title = "Current <risk> & more";
  for (int i = 0; i < 5; ++i) {
    text.likelihoods[i] = m.likelihoods[i];
    text.impacts[i] = m.impacts[i];
  }
  for (int i = 0; i < 6; ++i) text.levels[i] = m.risk_levels[i];
  const std::string svg = HeatmapSvg(m, {{4, 4}, {4, 4}, {0, 1}, {9, 9}}, text);
  const std::string path = TempPath("heatmap.svg");
  std::ofstream(path) << svg;
  // Parsed by Python's XML parser: well-formed, 25 cells, each painted in its level's colour.
  const std::string cmd = "python3 -c \"import sys,xml.etree.ElementTree as E;r=E.parse(sys.argv[1]).getroot();"
                          "ns='{http://www.w3.org/2000/svg}';g=[x for x in r.iter(ns+'g') if x.get('class')=='cell'];"
                          "print(len(g), sum(int(x.get('data-count')) for x in g), "
                          "[x.find(ns+'rect').get('fill') for x in g if x.get('data-likelihood')=='" + m.likelihoods[4] +
                          "' and x.get('data-impact')=='" + m.impacts[4] + "'][0])\" '" + path + "'";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[256] = {};
  const size_t n = std::fread(buf, 1, sizeof buf - 1, p);
  ASSERT_EQ(::pclose(p), 0) << std::string(buf, n);
  EXPECT_EQ(std::string(buf, n), "25 3 #" + Hex(domain::LevelColorOf(domain::RiskIndex(m, 4, 4)).fill) + "\n");
  EXPECT_NE(svg.find("Current &lt;risk&gt; &amp; more"), std::string::npos);
  std::filesystem::remove(path);
}

// The area map's boundary: GeoJSON Polygon and MultiPolygon read, anything else refused by code.
TEST(AreaMap, ReadsPolygonsAndRefusesWhatIsNotOne) {
  const std::string square = "[[0,0],[1,0],[1,1],[0,1],[0,0]]";
  auto one = GeoJsonRings(R"({"type":"Polygon","coordinates":[)" + square + "]}");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].size(), 5u);
  auto two = GeoJsonRings(R"({"type":"MultiPolygon","coordinates":[[)" + square + "],[" + square + "]]}");
  ASSERT_TRUE(two.has_value());
  EXPECT_EQ(two->size(), 2u);
  for (const std::string bad : {R"({"type":"Point","coordinates":[1,2]})", R"({"type":"Polygon","coordinates":[[[200,0],[1,1],[0,1]]]})",
                                R"({"type":"Polygon","coordinates":[[["a",0]]]})", "not json", R"({"type":"Polygon","coordinates":[]})"}) {
    auto r = GeoJsonRings(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, "invalid_geometry") << bad;
  }
  AreaMapInput in;
  in.area_name = "Nowhere";
  auto none = AreaMapPicture(in);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, "no_boundary");
  // Drawn: the area fills most of the frame and its points stay inside it; a neighbour far away
  // is left out, one alongside is drawn.
  in.geometry = R"({"type":"Polygon","coordinates":[)" + square + "]}";
  in.neighbours = {{"Far", R"({"type":"Polygon","coordinates":[[[50,50],[51,50],[51,51],[50,50]]]})"},
                   {"Next", R"({"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]})"}};
  in.incidents = {{0.5, 0.5}};
  in.incidents_total = 3;
  auto pic = AreaMapPicture(in);
  ASSERT_TRUE(pic.has_value()) << pic.error().message;
  int areas = 0, neighbours = 0, dots = 0;
  for (const Shape& sh : pic->shapes) {
    if (sh.css_class == "area") {
      ++areas;
      for (const Point& p : sh.rings[0]) {
        EXPECT_GE(p.x, 16);
        EXPECT_LE(p.x, 784);
        EXPECT_GE(p.y, 44);
        EXPECT_LE(p.y, 484);
      }
    }
    neighbours += sh.css_class == "neighbour";
    dots += sh.css_class == "incident";
  }
  EXPECT_EQ(areas, 1);
  EXPECT_EQ(neighbours, 1);
  EXPECT_EQ(dots, 1);
  const std::string svg = PictureSvg(*pic);
  EXPECT_NE(svg.find("1 shown of 3"), std::string::npos);
  EXPECT_NE(svg.find("No SRA in force"), std::string::npos);
}

}  // namespace
}  // namespace srm::exports
