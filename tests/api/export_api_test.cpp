// Issue 17, the exports over real HTTP on the test's store (SQLite, or PostgreSQL with
// SRM_TEST_PG_URL): the SRA register and the country register as xlsx, the heatmap as SVG, lists
// as ?format=csv|xlsx at once or, above the configured threshold (here 1 row), as a job whose file
// holds every row. Files are read back with independent readers (tests/export/*.py). Whoever may
// not read the SRA may not export it; another organization's specific SRA is refused.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api/list_export.h"
#include "complete_sra.h"
#include "export/reader_support.h"
#include "test_server.h"

namespace srm::testing {
namespace {

class ExportApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer(true, 1 << 20, "", [](server::Config& c) { c.export_job_threshold_rows = 1; });
    for (const char* u : {"admin", "sp", "cell", "smt", "dss", "auditor", "finance"}) tokens_[u] = server_->Login(u);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer& S() { return *server_; }
  static const std::string& T(const std::string& u) { return tokens_[u]; }
  static HttpResult Get(const std::string& path, const std::string& token) { return S().Call("GET", path, json(), token); }
  static std::string Header(const HttpResult& r, const char* name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
  }
  // The answer's bytes in a file, for the readers.
  static std::string Save(const HttpResult& r, const std::string& name) {
    const std::string path = (S().dir() / name).string();
    std::ofstream(path, std::ios::binary) << r.raw;
    return path;
  }
  static std::string SraOf(const std::string& area) {
    auto list = Get("/api/v1/sras?limit=500&area_id=" + area + "&status=published", T("auditor"));
    EXPECT_EQ(list.status, 200);
    for (const auto& it : list.body["items"])
      if (it["kind"] == "area") return it["id"];
    return "";
  }

  static inline TestServer* server_ = nullptr;
  static inline std::map<std::string, std::string> tokens_;
};

TEST_F(ExportApiTest, RegisterIsTheSraInSheetsWithLevelsColouredAndTheRequesterNamed) {
  const std::string id = SraOf("area_1");
  ASSERT_FALSE(id.empty());
  const auto doc = Get("/api/v1/sras/" + id, T("sp"));
  ASSERT_EQ(doc.status, 200);
  const auto r = Get("/api/v1/sras/" + id + "/register.xlsx", T("sp"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Header(r, "Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string disposition = Header(r, "Content-Disposition");
  EXPECT_NE(disposition.find("attachment; filename=\"register-Sanjar-v" + std::to_string(doc.body["version"].get<int>()) +
                             "-Samir-Security-Professional.xlsx\""),
            std::string::npos)
      << disposition;
  const json book = ReadXlsx(Save(r, "register.xlsx"));
  ASSERT_EQ(book["sheets"].size(), 5u);
  const json sc = Sheet(book, "Scenarios");
  ASSERT_FALSE(sc.is_null());
  ASSERT_EQ(sc["rows"].size(), doc.body["scenarios"].size() + 1);
  EXPECT_EQ(sc["frozen"], "A2");
  for (size_t i = 0; i < doc.body["scenarios"].size(); ++i) {
    const json& s = doc.body["scenarios"][i];
    EXPECT_EQ(sc["rows"][i + 1][1], s["title"]);
    EXPECT_EQ(sc["rows"][i + 1][9], s["current_risk"]);
    EXPECT_EQ(sc["rows"][i + 1][13], s["residual_risk"]);
    EXPECT_TRUE(sc["fills"].contains("J" + std::to_string(i + 2)));
    EXPECT_TRUE(sc["fills"].contains("N" + std::to_string(i + 2)));
  }
  // In French when asked.
  const auto fr = Get("/api/v1/sras/" + id + "/register.xlsx?lang=fr", T("sp"));
  ASSERT_EQ(fr.status, 200);
  EXPECT_FALSE(Sheet(ReadXlsx(Save(fr, "register-fr.xlsx")), "Scénarios").is_null());
  EXPECT_EQ(Get("/api/v1/sras/" + id + "/register.xlsx?lang=xx", T("sp")).status, 400);
  // The export is in the SRA's access log (written in batches off the request path: wait for it).
  json entries;
  for (int i = 0; i < 150 && entries.empty(); ++i) {
    const auto log = Get("/api/v1/sras/" + id + "/access-log?kind=register", T("auditor"));
    ASSERT_EQ(log.status, 200) << log.raw;
    entries = log.body["items"];
    if (entries.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0]["format"], "xlsx");
}

TEST_F(ExportApiTest, WhoMayNotReadTheSraMayNotExportIt) {
  const std::string id = SraOf("area_1");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(S().Call("GET", "/api/v1/sras/" + id + "/register.xlsx").status, 401);
  // A security professional for area_2 only reads neither Sanjar's SRA nor its exports.
  auto u = S().Call("POST", "/api/v1/users",
                    json{{"username", "sp_leppko_x"}, {"password", "a-long-password-1"}, {"organization_id", "org_dss"},
                         {"grants", json::array({{{"role", "security_professional"}, {"area_id", "area_2"}}})}},
                    T("admin"));
  ASSERT_EQ(u.status, 201) << u.raw;
  const std::string leppko = S().Login("sp_leppko_x", "a-long-password-1");
  EXPECT_EQ(Get("/api/v1/sras/" + id, leppko).status, 403);
  EXPECT_EQ(Get("/api/v1/sras/" + id + "/register.xlsx", leppko).status, 403);
  EXPECT_EQ(Get("/api/v1/sras/" + id + "/heatmap.svg", leppko).status, 403);
  EXPECT_EQ(Get("/api/v1/sras/sra_nope/register.xlsx", T("sp")).status, 404);
  // Another organization's specific SRA: UNICEF's is not WFP finance's to read, nor to export.
  auto unicef = S().Call("POST", "/api/v1/users",
                         json{{"username", "sp_unicef_x"}, {"password", "a-long-password-1"}, {"organization_id", "org_unicef"},
                              {"grants", json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"}}})}},
                         T("admin"));
  ASSERT_EQ(unicef.status, 201) << unicef.raw;
  const std::string unicef_sp = S().Login("sp_unicef_x", "a-long-password-1");
  auto spec = S().Call("POST", "/api/v1/sras",
                       WithCompleteHeader(json{{"area_id", "area_2"}, {"kind", "specific"}, {"organization_id", "org_unicef"},
                                               {"mission_ref", "M-17"}, {"title", "UNICEF mission"}}),
                       unicef_sp);
  ASSERT_EQ(spec.status, 201) << spec.raw;
  const std::string spec_id = spec.body["id"];
  EXPECT_EQ(Get("/api/v1/sras/" + spec_id + "/register.xlsx", unicef_sp).status, 200);
  EXPECT_EQ(Get("/api/v1/sras/" + spec_id, T("finance")).status, 403);
  EXPECT_EQ(Get("/api/v1/sras/" + spec_id + "/register.xlsx", T("finance")).status, 403);
  EXPECT_EQ(Get("/api/v1/sras/" + spec_id + "/heatmap.svg?kind=residual", T("finance")).status, 403);
}

TEST_F(ExportApiTest, HeatmapIsAnSvgOfTheScenarios) {
  const std::string id = SraOf("area_3");
  ASSERT_FALSE(id.empty());
  const auto doc = Get("/api/v1/sras/" + id, T("sp"));
  for (const char* kind : {"current", "residual"}) {
    const auto r = Get("/api/v1/sras/" + id + "/heatmap.svg?kind=" + kind, T("sp"));
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(Header(r, "Content-Type"), "image/svg+xml");
    size_t cells = 0, counted = 0;
    for (size_t pos = 0; (pos = r.raw.find("data-count=\"", pos)) != std::string::npos; ++cells) {
      pos += 12;
      counted += std::stoul(r.raw.substr(pos));
    }
    EXPECT_EQ(cells, 25u);
    EXPECT_EQ(counted, doc.body["scenarios"].size()) << kind;
  }
  EXPECT_EQ(Get("/api/v1/sras/" + id + "/heatmap.svg?kind=bogus", T("sp")).status, 400);
}

TEST_F(ExportApiTest, AShortListIsAFileAtOnceAndFormatIsChecked) {
  // One SRA in area_3 (at most the threshold): the file comes in the answer.
  const auto list = Get("/api/v1/sras?area_id=area_3&status=published", T("auditor"));
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["total"], 1);
  const auto r = Get("/api/v1/sras?area_id=area_3&status=published&format=csv", T("auditor"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Header(r, "Content-Type"), "text/csv; charset=utf-8");
  const json csv = ReadCsv(Save(r, "sras.csv"));
  EXPECT_TRUE(csv["bom"]);
  ASSERT_EQ(csv["records"].size(), 2u);
  EXPECT_EQ(csv["records"][0][0], "id");
  EXPECT_EQ(csv["records"][1][0], list.body["items"][0]["id"]);
  EXPECT_EQ(csv["records"][1][1], list.body["items"][0]["title"]);
  for (const char* path : {"/api/v1/sras", "/api/v1/clearances", "/api/v1/activities", "/api/v1/compliance/items",
                           "/api/v1/areas/area_1/incidents"}) {
    const auto bad = Get(std::string(path) + "?format=bogus", T("auditor"));
    EXPECT_EQ(bad.status, 400) << path;
    EXPECT_EQ(bad.Field(), "format") << path;
  }
  // A filter the JSON list refuses is refused for the file too.
  EXPECT_EQ(Get("/api/v1/sras?status=nope&format=csv", T("auditor")).status, 400);
}

TEST_F(ExportApiTest, ListHeadingsAreInTheRequestersLanguage) {
  // French by ?lang=, as the UI sends it: the headings translated, the values as in the JSON.
  const auto fr = Get("/api/v1/sras?area_id=area_3&status=published&format=csv&lang=fr", T("auditor"));
  ASSERT_EQ(fr.status, 200) << fr.raw;
  const json csv = ReadCsv(Save(fr, "sras-fr.csv"));
  ASSERT_EQ(csv["records"].size(), 2u);
  EXPECT_EQ(csv["records"][0][0], "Identifiant");
  EXPECT_EQ(csv["records"][0][1], "Titre");
  EXPECT_EQ(csv["records"][0][8], "Risque résiduel global");
  // Arabic by Accept-Language, in an Excel sheet (read by xlsx_reader.py).
  auto ar = S().Call("GET", "/api/v1/sras?area_id=area_3&status=published&format=xlsx", std::string(),
                     {{"Authorization", "Bearer " + T("auditor")}, {"Accept-Language", "ar-SA,ar;q=0.9,en;q=0.5"}});
  ASSERT_EQ(ar.status, 200) << ar.raw;
  const json book = ReadXlsx(Save(ar, "sras-ar.xlsx"));
  ASSERT_EQ(book["sheets"].size(), 1u);
  const json& head = book["sheets"][0]["rows"][0];
  EXPECT_EQ(head[0], "المعرّف");
  EXPECT_EQ(head[1], "العنوان");
  EXPECT_EQ(head[4], "الوضع");
  // English keeps the field names (scripts read them); a language the server lacks is refused.
  const auto en = Get("/api/v1/sras?area_id=area_3&status=published&format=csv&lang=en", T("auditor"));
  EXPECT_EQ(ReadCsv(Save(en, "sras-en.csv"))["records"][0][0], "id");
  const auto bad = Get("/api/v1/sras?format=csv&lang=de", T("auditor"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Field(), "lang");
  // Every column of every exportable list has its French and Arabic heading.
  for (std::string_view kind : api::ExportKinds())
    for (const auto& col : *api::ExportColumnsFor(kind))
      EXPECT_TRUE(exports::HasColumnHeading(col.header)) << kind << "." << col.header;
}

TEST_F(ExportApiTest, AListAboveTheThresholdIsAJobWhoseFileHasEveryRow) {
  const auto list = Get("/api/v1/sras?limit=1", T("auditor"));  // one row per page: the file must still hold all
  ASSERT_EQ(list.status, 200);
  const int64_t total = list.body["total"];
  ASSERT_GT(total, 1);
  const auto started = Get("/api/v1/sras?limit=1&format=xlsx", T("auditor"));
  ASSERT_EQ(started.status, 202) << started.raw;
  const std::string job = started.body["id"];
  EXPECT_EQ(Header(started, "Location"), "/api/v1/exports/" + job);
  EXPECT_EQ(started.body["rows_total"], total);
  json state;
  for (int i = 0; i < 500; ++i) {
    state = Get("/api/v1/exports/" + job, T("auditor")).body;
    if (state["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(state["status"], "done") << state.dump();
  EXPECT_EQ(state["rows_done"], total);
  EXPECT_EQ(state["progress"], 1.0);
  // The job is its owner's: another user is told there is no such export.
  EXPECT_EQ(Get("/api/v1/exports/" + job, T("sp")).status, 404);
  EXPECT_EQ(Get("/api/v1/exports/" + job + "/file", T("sp")).status, 404);
  const auto file = Get("/api/v1/exports/" + job + "/file", T("auditor"));
  ASSERT_EQ(file.status, 200) << file.raw;
  const json book = ReadXlsx(Save(file, "job.xlsx"));
  ASSERT_EQ(book["sheets"].size(), 1u);
  const json& rows = book["sheets"][0]["rows"];
  ASSERT_EQ(static_cast<int64_t>(rows.size()), total + 1);
  std::set<std::string> ids;
  for (size_t i = 1; i < rows.size(); ++i) ids.insert(rows[i][0].get<std::string>());
  EXPECT_EQ(static_cast<int64_t>(ids.size()), total);  // every row once
  EXPECT_EQ(book["sheets"][0]["frozen"], "A2");
  // Downloading again works while the job is kept.
  EXPECT_EQ(Get("/api/v1/exports/" + job + "/file", T("auditor")).status, 200);
  EXPECT_EQ(Get("/api/v1/exports/exp_nope", T("auditor")).status, 404);
}

TEST_F(ExportApiTest, CountryRegisterListsEachAreasSraInForce) {
  const auto r = Get("/api/v1/countries/cty_carana/register.xlsx", T("sp"));
  ASSERT_EQ(r.status, 200) << r.raw;
  const json book = ReadXlsx(Save(r, "country.xlsx"));
  ASSERT_EQ(book["sheets"].size(), 1u);
  const json& rows = book["sheets"][0]["rows"];
  std::set<std::string> areas, titles;
  for (size_t i = 1; i < rows.size(); ++i) {
    areas.insert(rows[i][0].get<std::string>());
    if (rows[i].size() > 1) titles.insert(rows[i][1].get<std::string>());
  }
  EXPECT_TRUE(areas.contains("Sanjar"));
  EXPECT_TRUE(areas.contains("Kalari"));
  EXPECT_TRUE(titles.contains("Kalari area SRA"));
  EXPECT_TRUE(titles.contains("No SRA in force"));  // an area without one says so
  EXPECT_EQ(Get("/api/v1/countries/cty_nope/register.xlsx", T("sp")).status, 404);
}

}  // namespace
}  // namespace srm::testing
