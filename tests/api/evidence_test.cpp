// The evidence API end to end: upload an incident file, poll the job, read indicators and the
// incidents of an area (paginated, filtered), refusals, review proposals; roles and scope.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "evidence/dates.h"
#include "test_server.h"

namespace srm::testing {
namespace {

class EvidenceApiTest : public SharedServerTest<EvidenceApiTest> {
 protected:

  static HttpResult Upload(const std::string& csv, const std::string& query, const std::string& token) {
    return S().PostAs("/api/v1/incidents/import" + query, csv, "text/csv", TestServer::Auth(token));
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
  // No crime: ACLED does not record crime, so zero crime events is no evidence, not "Very Unlikely"
  // (issue 14 finding 6).
  EXPECT_EQ(ind.body["categories"][2]["category"], "crime");
  EXPECT_EQ(ind.body["categories"][2]["suggestion"], nullptr);
  EXPECT_EQ(ind.body["categories"][2]["evidence"]["reason"], "no_source_covers_category");

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
  // A user whose grant covers another country sees neither the area nor its incidents. (Countries
  // named in grants exist: this one is added beside Carana.)
  ASSERT_TRUE(S().app().store->PutCountry({"cty_other", "reg_west", "XO", "Elsewhere"},
                                          {"system", "test", "system", "country.put", "country", "cty_other", "", "", ""}));
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

// The trend chart's series: counts per calendar month over the 12 months to as_of, per category.
TEST_F(EvidenceApiTest, MonthlySeriesForTheTrendChart) {
  auto locs = S().app().store->ListLocations("area_8");
  ASSERT_TRUE(locs && !locs->empty());
  const std::string at = std::to_string(locs->front().lat) + "," + std::to_string(locs->front().lon);
  std::string csv = "event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,"
                    "longitude,geo_precision,notes,fatalities\n";
  int n = 0;
  auto row = [&](const std::string& date, const std::string& type) {
    csv += "MON-" + std::to_string(n++) + "," + date + "," + type + ",x,1,Carana,,Town," + at + ",1,,0\n";
  };
  row("2026-03-15", "Battles");  // as_of itself: the last month
  row("2026-03-16", "Battles");  // after as_of: not counted
  row("2026-03-01", "Battles");
  row("2026-02-28", "Battles");
  row("2025-12-25", "Battles");
  row("2025-12-31", "Battles");
  row("2025-04-01", "Battles");  // the first day of the first month
  row("2025-03-31", "Battles");  // the day before: not counted
  row("2026-01-10", "Protests");
  row("2026-01-11", "Riots");
  auto up = Upload(csv, "?areas=carana", T("sp"));
  ASSERT_EQ(up.status, 202) << up.raw;
  ASSERT_EQ(Wait(up.body["id"], T("sp"))["counts"]["placed"], 10);

  auto ind = S().Call("GET", "/api/v1/areas/area_8/indicators?as_of=2026-03-15", json(), T("sp"));
  ASSERT_EQ(ind.status, 200) << ind.raw;
  const json months = json::array({"2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10",
                                   "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"});
  EXPECT_EQ(ind.body["months"], months);
  std::map<std::string, json> by;
  for (const auto& c : ind.body["categories"]) by[c["category"]] = c["monthly"];
  EXPECT_EQ(by["armed_conflict"], json::array({1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 2}));
  EXPECT_EQ(by["civil_unrest"], json::array({0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0}));
  EXPECT_EQ(by["crime"], json::array({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  // Year boundary and a short month: as_of 2026-02-28 runs from March 2025.
  auto feb = S().Call("GET", "/api/v1/areas/area_8/indicators?as_of=2026-02-28", json(), T("sp"));
  ASSERT_EQ(feb.status, 200);
  EXPECT_EQ(feb.body["months"][0], "2025-03");
  EXPECT_EQ(feb.body["months"][11], "2026-02");
  EXPECT_EQ(feb.body["categories"][0]["monthly"], json::array({1, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1}));
}

// "The assessor's choice and any difference from the suggestion are both recorded": setting a
// scenario's likelihood records the evidence's suggestion of that moment in the SRA document and
// in the audit entry of the change.
TEST_F(EvidenceApiTest, ScenarioRecordsTheSuggestionBesideTheChoice) {
  auto up = Upload(AcledAt("area_7", 12, 1, "CAR7-"), "?areas=carana", T("sp"));
  ASSERT_EQ(up.status, 202) << up.raw;
  ASSERT_EQ(Wait(up.body["id"], T("sp"))["status"], "done");
  auto ind = S().Call("GET", "/api/v1/areas/area_7/indicators", json(), T("sp"));
  ASSERT_EQ(ind.body["categories"][0]["suggestion"]["likelihood"], "Very Likely");

  auto made = S().Call("POST", "/api/v1/sras",
                       json{{"area_id", "area_7"}, {"title", "Bosali SRA"}, {"scope", {{"trigger", "new_office"}}}},
                       T("sp"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string id = made.body["id"];
  const json vuln{{"exposed", "staff on the roads"}, {"weaknesses", "no convoy procedure"}};
  auto added = S().Call("POST", "/api/v1/sras/" + id + "/scenarios",
                        json{{"title", "Ambush on the Bosali road"}, {"threat_category", "armed_conflict"},
                             {"vulnerability", vuln}, {"likelihood", "Unlikely"}, {"impact", "Severe"},
                             {"likelihood_reason", "the clashes are in the north, away from our routes"}},
                        T("sp"));
  ASSERT_EQ(added.status, 201) << added.raw;
  json sc = added.body["scenarios"][0];
  EXPECT_EQ(sc["likelihood"], "Unlikely");
  EXPECT_EQ(sc["likelihood_suggested"], "Very Likely");
  EXPECT_EQ(sc["likelihood_suggested_score"], 5);
  EXPECT_EQ(sc["likelihood_difference"], -3);
  EXPECT_EQ(sc["likelihood_reason"], "the clashes are in the north, away from our routes");
  EXPECT_EQ(sc["likelihood_suggestion"]["period_days"], 365);
  EXPECT_EQ(sc["likelihood_suggestion"]["events"], 12);
  EXPECT_NE(sc["likelihood_suggestion"]["explanation"].get<std::string>().find("1 - exp(-"), std::string::npos);

  // The audit entry of the change carries both.
  auto trail = S().Call("GET", "/api/v1/sras/" + id + "/audit?limit=500", json(), T("sp"));
  ASSERT_EQ(trail.status, 200) << trail.raw;
  bool found = false;
  for (const auto& e : trail.body["items"]) {
    if (e["action"] != "sra.scenario.add") continue;
    json after = json::parse(e["after"].get<std::string>());
    EXPECT_EQ(after["scenarios"][0]["likelihood"], "Unlikely");
    EXPECT_EQ(after["scenarios"][0]["likelihood_suggested"], "Very Likely");
    found = true;
  }
  EXPECT_TRUE(found) << trail.raw;

  // The scenario as read can be sent back whole: the server-filled fields are accepted and ignored.
  json back = sc;
  back["likelihood_suggested"] = "Very Unlikely";
  back["likelihood_difference"] = 0;
  back.erase("likelihood_score");
  back.erase("impact_score");
  back.erase("residual_likelihood_score");
  back.erase("residual_impact_score");
  const std::string sid = sc["id"];
  auto same = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid, back, T("sp"));
  ASSERT_EQ(same.status, 200) << same.raw;
  EXPECT_EQ(same.body["scenarios"][0]["likelihood_suggested"], "Very Likely");
  EXPECT_EQ(same.body["scenarios"][0]["likelihood_difference"], -3);
  // Following the suggestion: no difference; the reason stays as the assessor wrote it.
  auto follow = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid, json{{"likelihood", 5}}, T("sp"));
  ASSERT_EQ(follow.status, 200) << follow.raw;
  EXPECT_EQ(follow.body["scenarios"][0]["likelihood"], "Very Likely");
  EXPECT_EQ(follow.body["scenarios"][0]["likelihood_difference"], 0);
  // Unknown fields are still refused.
  auto unknown = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid, json{{"likelihood_sugested", 1}}, T("sp"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.Field(), "likelihood_sugested");
  // An unrated scenario has no suggestion; an area without any incident gives none either.
  auto cleared = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid,
                          json{{"likelihood", nullptr}, {"impact", nullptr}}, T("sp"));
  ASSERT_EQ(cleared.status, 200) << cleared.raw;
  EXPECT_EQ(cleared.body["scenarios"][0]["likelihood_suggested"], nullptr);
  EXPECT_EQ(cleared.body["scenarios"][0]["likelihood_difference"], nullptr);
  auto quiet = S().Call("POST", "/api/v1/sras",
                        json{{"area_id", "area_4"}, {"title", "Guvi Coast SRA"}, {"scope", {{"trigger", "new_office"}}}},
                        T("sp"));
  ASSERT_EQ(quiet.status, 201) << quiet.raw;
  auto q = S().Call("POST", "/api/v1/sras/" + quiet.body["id"].get<std::string>() + "/scenarios",
                    json{{"title", "Flood"}, {"threat_category", "hazards"}, {"vulnerability", vuln},
                         {"likelihood", "Likely"}, {"impact", "Moderate"}},
                    T("sp"));
  ASSERT_EQ(q.status, 201) << q.raw;
  EXPECT_EQ(q.body["scenarios"][0]["likelihood_suggested"], nullptr);
  EXPECT_EQ(q.body["scenarios"][0]["likelihood"], "Likely");
}

}  // namespace
}  // namespace srm::testing
