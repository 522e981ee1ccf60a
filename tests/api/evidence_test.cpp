// The evidence API end to end: upload an incident file, poll the job, read indicators and the
// incidents of an area (paginated, filtered), refusals, review proposals; roles and scope.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "evidence/dates.h"
#include "test_server.h"

namespace srm::testing {
namespace {

class EvidenceApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    for (const char* u : {"admin", "sp", "cell", "auditor"}) tokens_[u] = server_->Login(u);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer& S() { return *server_; }
  static const std::string& T(const std::string& user) { return tokens_[user]; }

  static HttpResult Upload(const std::string& csv, const std::string& query, const std::string& token) {
    httplib::Client c("127.0.0.1", S().port());
    c.set_read_timeout(30);
    auto r = c.Post("/api/v1/incidents/import" + query, TestServer::Auth(token), csv, "text/csv");
    HttpResult out;
    if (!r) return out;
    out.status = r->status;
    out.raw = r->body;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }
  // Polls the job until it is no longer running.
  static json Wait(const std::string& id, const std::string& token) {
    for (int i = 0; i < 600; ++i) {
      auto r = S().Call("GET", "/api/v1/imports/" + id, json(), token);
      EXPECT_EQ(r.status, 200) << r.raw;
      if (r.status != 200 || r.body["status"] != "running") return r.body;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "import " << id << " still running";
    return json();
  }
  // An ACLED file with `n` events at the office of `area`, `days_ago` days back, one a day.
  static std::string AcledAt(const std::string& area, int n, int days_ago, const std::string& prefix,
                             const std::string& type = "Battles") {
    auto locs = S().app().store->ListLocations(area);
    EXPECT_TRUE(locs && !locs->empty());
    const auto& l = locs->front();
    const int32_t today = static_cast<int32_t>(S().app().clock.NowMillis() / 86400000);
    std::string csv = "event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,"
                      "longitude,geo_precision,notes,fatalities\n";
    for (int i = 0; i < n; ++i)
      csv += prefix + std::to_string(i) + "," + evidence::FormatDay(today - days_ago - i) + "," + type +
             ",Armed clash,1,Carana,,Town," + std::to_string(l.lat) + "," + std::to_string(l.lon) + ",1,\"note, " +
             std::to_string(i) + "\"," + std::to_string(i % 3) + "\n";
    return csv;
  }

  static inline TestServer* server_ = nullptr;
  static inline std::map<std::string, std::string> tokens_;
};

TEST_F(EvidenceApiTest, UploadPollIndicatorsAndIncidents) {
  std::string csv = AcledAt("area_2", 12, 1, "CAR2-");
  csv += "BAD1,not a date,Battles,Armed clash,1,Carana,,Town,1,1,1,,0\n";
  csv += "FAR1,2024-01-01,Battles,Armed clash,1,Atlantis,,Town,-60,-150,1,,0\n";  // in no area
  auto up = Upload(csv, "?areas=carana&file_name=carana.csv", T("sp"));
  ASSERT_EQ(up.status, 202) << up.raw;
  const std::string id = up.body["id"];
  EXPECT_EQ(up.body["status"], "running");
  json job = Wait(id, T("sp"));
  ASSERT_EQ(job["status"], "done") << job.dump();
  EXPECT_EQ(job["counts"]["records"], 14);
  EXPECT_EQ(job["counts"]["inserted"], 13);
  EXPECT_EQ(job["counts"]["placed"], 12);
  EXPECT_EQ(job["counts"]["unplaced"], 1);
  EXPECT_EQ(job["counts"]["refused"], 1);
  EXPECT_EQ(job["counts"]["layout"], "acled");
  EXPECT_EQ(job["progress"], 1.0);

  auto refused = S().Call("GET", "/api/v1/imports/" + id + "/refused", json(), T("sp"));
  ASSERT_EQ(refused.status, 200) << refused.raw;
  ASSERT_EQ(refused.body["items"].size(), 1u);
  EXPECT_EQ(refused.body["items"][0]["line"], 14);
  EXPECT_EQ(refused.body["items"][0]["field"], "event_date");
  auto unplaced = S().Call("GET", "/api/v1/imports/" + id + "/unplaced", json(), T("sp"));
  ASSERT_EQ(unplaced.status, 200);
  ASSERT_EQ(unplaced.body["items"].size(), 1u);
  EXPECT_NE(unplaced.body["items"][0]["placement_note"].get<std::string>().find("country 'Atlantis' has no area"),
            std::string::npos);

  // The same file again adds nothing.
  auto again = Upload(csv, "?areas=carana", T("sp"));
  ASSERT_EQ(again.status, 202);
  json job2 = Wait(again.body["id"], T("sp"));
  EXPECT_EQ(job2["counts"]["inserted"], 0);
  EXPECT_EQ(job2["counts"]["duplicates"], 13);

  auto ind = S().Call("GET", "/api/v1/areas/area_2/indicators?period_days=30", json(), T("sp"));
  ASSERT_EQ(ind.status, 200) << ind.raw;
  EXPECT_EQ(ind.body["area"]["id"], "area_2");
  EXPECT_EQ(ind.body["period_days"], 30);
  ASSERT_EQ(ind.body["categories"].size(), 5u);
  const json& ac = ind.body["categories"][0];
  EXPECT_EQ(ac["category"], "armed_conflict");
  EXPECT_EQ(ac["counts"]["30d"], 12);
  EXPECT_EQ(ac["counts"]["365d"], 12);
  // 12 events in the last 13 days: rate = ln 2 / 180 x (sum of weights near 1) ~ 0.045 per day, so
  // P(at least one in 30 days) ~ 0.74: Likely; over a year it is near 1: Very Likely.
  EXPECT_EQ(ac["suggestion"]["likelihood"], "Likely");
  EXPECT_GT(ac["suggestion"]["probability"].get<double>(), 0.5);
  EXPECT_LT(ac["suggestion"]["probability"].get<double>(), 0.8);
  auto year = S().Call("GET", "/api/v1/areas/area_2/indicators", json(), T("sp"));
  EXPECT_EQ(year.body["period_days"], 365);
  EXPECT_EQ(year.body["categories"][0]["suggestion"]["likelihood"], "Very Likely");
  EXPECT_NE(ac["suggestion"]["explanation"].get<std::string>().find("1 - exp(-"), std::string::npos);
  EXPECT_EQ(ind.body["categories"][2]["suggestion"]["likelihood"], "Very Unlikely");  // no crime

  // Incidents, paginated newest first, and filtered.
  auto p1 = S().Call("GET", "/api/v1/areas/area_2/incidents?limit=5", json(), T("sp"));
  ASSERT_EQ(p1.status, 200) << p1.raw;
  EXPECT_EQ(p1.body["total"], 12);
  ASSERT_EQ(p1.body["items"].size(), 5u);
  EXPECT_EQ(p1.body["items"][0]["source_id"], "CAR2-0");
  EXPECT_EQ(p1.body["items"][0]["placement"], "point");
  EXPECT_EQ(p1.body["items"][0]["notes"], "note, 0");
  std::set<std::string> seen;
  std::string cursor = p1.body["next_cursor"];
  for (auto& i : p1.body["items"]) seen.insert(i["source_id"]);
  while (!cursor.empty()) {
    auto p = S().Call("GET", "/api/v1/areas/area_2/incidents?limit=5&cursor=" + cursor, json(), T("sp"));
    ASSERT_EQ(p.status, 200);
    for (auto& i : p.body["items"]) seen.insert(i["source_id"]);
    cursor = p.body["next_cursor"].is_null() ? "" : p.body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen.size(), 12u);
  const int32_t today = static_cast<int32_t>(S().app().clock.NowMillis() / 86400000);
  auto window = S().Call("GET", "/api/v1/areas/area_2/incidents?from=" + evidence::FormatDay(today - 5) +
                                    "&to=" + evidence::FormatDay(today - 2) + "&category=armed_conflict",
                         json(), T("sp"));
  ASSERT_EQ(window.status, 200) << window.raw;
  EXPECT_EQ(window.body["total"], 4);
  auto crime = S().Call("GET", "/api/v1/areas/area_2/incidents?category=crime", json(), T("sp"));
  EXPECT_EQ(crime.body["total"], 0);
}

TEST_F(EvidenceApiTest, BadInputIsRefusedWithTheField) {
  auto bad_cat = S().Call("GET", "/api/v1/areas/area_1/incidents?category=weather", json(), T("sp"));
  EXPECT_EQ(bad_cat.status, 400);
  EXPECT_EQ(bad_cat.Field(), "category");
  auto bad_date = S().Call("GET", "/api/v1/areas/area_1/incidents?from=15/01/2024", json(), T("sp"));
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(bad_date.Field(), "from");
  auto bad_period = S().Call("GET", "/api/v1/areas/area_1/indicators?period_days=0", json(), T("sp"));
  EXPECT_EQ(bad_period.Field(), "period_days");
  auto bad_asof = S().Call("GET", "/api/v1/areas/area_1/indicators?as_of=tomorrow", json(), T("sp"));
  EXPECT_EQ(bad_asof.Field(), "as_of");
  auto unknown_area = S().Call("GET", "/api/v1/areas/area_999/indicators", json(), T("sp"));
  EXPECT_EQ(unknown_area.status, 404);
  auto no_file = Upload("", "", T("sp"));
  EXPECT_EQ(no_file.status, 400);
  auto bad_set = Upload("a,b\n1,2\n", "?areas=mars", T("sp"));
  EXPECT_EQ(bad_set.status, 400);
  EXPECT_EQ(bad_set.Field(), "areas");
  auto bad_mapping = Upload("a,b\n1,2\n", "?mapping=nope", T("sp"));
  EXPECT_EQ(bad_mapping.Field(), "mapping");
  // A file whose header no layout knows fails as a whole; the job says why.
  auto unknown = Upload("foo,bar\n1,2\n", "?areas=carana", T("sp"));
  ASSERT_EQ(unknown.status, 202);
  json job = Wait(unknown.body["id"], T("sp"));
  EXPECT_EQ(job["status"], "failed");
  EXPECT_EQ(job["error"]["code"], "unknown_layout");
  // A JSON upload with a custom mapping that names a missing column.
  auto custom = S().Call("POST", "/api/v1/incidents/import",
                         json{{"csv", "When,Country\n2024-01-01,Carana\n"}, {"areas", "carana"},
                              {"mapping", {{"name", "x"}, {"vocabulary", "acled"},
                                           {"columns", {{"date", "When"}, {"country", "Country"}, {"event_type", "Type"}}}}}},
                         T("sp"));
  ASSERT_EQ(custom.status, 202) << custom.raw;
  json cj = Wait(custom.body["id"], T("sp"));
  EXPECT_EQ(cj["error"]["code"], "missing_column");
  EXPECT_EQ(cj["error"]["field"], "Type");
  auto bad_custom = S().Call("POST", "/api/v1/incidents/import",
                             json{{"csv", "x"}, {"mapping", {{"name", "x"}}}}, T("sp"));
  EXPECT_EQ(bad_custom.status, 400);
  EXPECT_EQ(bad_custom.Field(), "vocabulary");
}

TEST_F(EvidenceApiTest, RolesAndScope) {
  const std::string csv = AcledAt("area_3", 2, 3, "CAR3-");
  EXPECT_EQ(Upload(csv, "?areas=carana", T("auditor")).status, 403);
  EXPECT_EQ(Upload(csv, "?areas=carana", T("cell")).status, 403);
  auto up = Upload(csv, "?areas=carana", T("admin"));
  ASSERT_EQ(up.status, 202);
  Wait(up.body["id"], T("admin"));
  // Another user cannot see someone else's job; the auditor can.
  EXPECT_EQ(S().Call("GET", "/api/v1/imports/" + up.body["id"].get<std::string>(), json(), T("sp")).status, 404);
  EXPECT_EQ(S().Call("GET", "/api/v1/imports/" + up.body["id"].get<std::string>(), json(), T("auditor")).status, 200);
  // A user whose grant covers another country sees neither the area nor its incidents.
  auto made = S().Call("POST", "/api/v1/users",
                       json{{"username", "elsewhere"}, {"password", "a long enough password 1"},
                            {"display_name", "Elsewhere"}, {"organization_id", "org_dss"},
                            {"grants", json::array({{{"role", "security_cell"}, {"country_id", "cty_other"}}})}},
                       T("admin"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string other = S().Login("elsewhere", "a long enough password 1");
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(S().Call("GET", "/api/v1/areas/area_3/indicators", json(), other).status, 404);
  EXPECT_EQ(S().Call("GET", "/api/v1/areas/area_3/incidents", json(), other).status, 404);
  EXPECT_EQ(S().Call("GET", "/api/v1/areas/area_3/incidents", json(), T("cell")).status, 200);
  auto proposals = S().Call("GET", "/api/v1/review-proposals", json(), other);
  ASSERT_EQ(proposals.status, 200);
  EXPECT_EQ(proposals.body["total"], 0);
  EXPECT_EQ(S().Call("POST", "/api/v1/review-proposals/evaluate", json::object(), T("auditor")).status, 403);
  auto eval = S().Call("POST", "/api/v1/review-proposals/evaluate", json::object(), T("admin"));
  EXPECT_EQ(eval.status, 200) << eval.raw;
}

}  // namespace
}  // namespace srm::testing
