// A clearance leg into an area whose residual is High, for an activity whose PC (assessed PC2) can
// carry it: SRM-METHOD.md 7a says that from High a signed acceptance by the organization's head in
// the country is required within the PC's limit, and section 7 clears travel only against a
// residual acceptable for the programme. So the leg is referred ("acceptance_required") until the
// activity's acceptance is in force through the leg's last day, the DSS security adviser cannot
// grant it before, and once the head signs, the open legs within its expiry are decided again and
// clear, as new ones do.
// Over real HTTP, on SQLite or (SRM_TEST_PG_URL) PostgreSQL. Each test uses an area of its own
// (TestServer::NewArea): the demo's areas carry the demo's SRAs.
#include <gtest/gtest.h>

#include <chrono>

#include "test_server.h"

namespace srm::testing {
namespace {

json Leg(const std::string& area, int from, int to) { return {{"area_id", area}, {"from", DateFromToday(from)}, {"to", DateFromToday(to)}}; }
std::string DecisionPath(const json& request, int leg = 0) {
  return "/api/v1/clearances/" + request["id"].get<std::string>() + "/legs/" + request["legs"][leg]["id"].get<std::string>() +
         "/decision";
}

class LegAcceptanceTest : public SharedServerTest<LegAcceptanceTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& user) { return S().Call("GET", path, json(), T(user)); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& user) {
    return S().Call("POST", path, body, T(user));
  }
  // A complete area SRA published through the chain, one armed-conflict scenario at the given
  // residual (= current, with a measure).
  static void PublishedSra(const std::string& area, const std::string& likelihood, const std::string& impact) {
    json threats = json::array();
    for (const char* c : {"armed_conflict", "terrorism", "crime", "civil_unrest"})
      threats.push_back({{"category", c}, {"intent", 3}, {"capability", 3}, {"inhibiting", 3}});
    threats.push_back({{"category", "hazards"}, {"frequency", 2}, {"magnitude", 2}, {"preparedness", 3}});
    auto c = Post("/api/v1/sras",
                  {{"area_id", area}, {"title", "Leg acceptance SRA"},
                   {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(360)}, {"trigger", "change_in_area"}}},
                   {"situation", {{"political", "Tense."}, {"threat_actors", "Armed groups on the roads."}}},
                   {"threats", threats}},
                  "sp");
    ASSERT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body["id"];
    auto s = Post("/api/v1/sras/" + id + "/scenarios",
                  {{"title", "Ambush on the road"}, {"threat_category", "armed_conflict"},
                   {"vulnerability", {{"exposed", "road missions"}, {"weaknesses", "single road"}}},
                   {"likelihood", likelihood}, {"impact", impact},
                   {"residual_likelihood", likelihood}, {"residual_impact", impact},
                   {"measures", json::array({{{"type", "prevention"}, {"description", "Convoy rules"},
                                              {"moss_category", "vehicles"}, {"cost_minor", 100000}, {"owner", "Logistics"}}})}},
                  "sp");
    ASSERT_EQ(s.status, 201) << s.raw;
    for (auto [a, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}}) {
      auto r = Post("/api/v1/sras/" + id + "/transitions", json{{"action", a}, {"comment", "ok"}}, u);
      ASSERT_EQ(r.status, 200) << a << ": " << r.raw;
    }
  }
  static void PutProgramme(const std::string& id, const std::string& org, const std::string& area) {
    ASSERT_TRUE(S().app().store->PutProgramme({id, org, area, "Programme " + id, "Activity " + id, 2, 2, 10, 0},
                                              {"system", "test", "system", "programme.put", "programme", id, "", "", ""}));
    auto r = Post("/api/v1/activities/" + id + "/pc-assessment", {{"pc", 2}, {"comment", "Country team"}}, "pclead");
    ASSERT_EQ(r.status, 201) << r.raw;
  }
};

TEST_F(LegAcceptanceTest, AHighLegWithinThePcLimitIsClearedOnlyWithTheActivitysSignedAcceptance) {
  const std::string area = S().NewArea("Leg acceptance (High)");
  PublishedSra(area, "Likely", "Severe");  // High
  PutProgramme("prg_undp_leg", "org_undp", area);

  // No acceptance yet: referred to the DSS security adviser, who cannot grant it either.
  auto r = Post("/api/v1/clearances", {{"programme_id", "prg_undp_leg"}, {"legs", json::array({Leg(area, 5, 6)})}}, "do");
  ASSERT_EQ(r.status, 201) << r.raw;
  const json& leg = r.body["legs"][0];
  EXPECT_EQ(leg["pc"], 2);
  EXPECT_EQ(leg["residual_risk"], "High");
  EXPECT_EQ(leg["status"], "referred");
  EXPECT_EQ(leg["rule"], "acceptance_required");
  EXPECT_EQ(leg["approver_role"], "dss_security_adviser");
  EXPECT_EQ(leg["reasons"].back()["code"], "acceptance_required");
  const std::string path = DecisionPath(r.body);
  auto early = Post(path, {{"action", "approve"}, {"comment", "Looks fine"}}, "sp");
  EXPECT_EQ(early.status, 409) << early.raw;
  EXPECT_EQ(early.Code(), "acceptance_required");
  // The wrong people: the cell advises only; WFP's finance officer and the DSS desk decide nothing.
  EXPECT_EQ(Post(path, {{"action", "approve"}, {"comment", "ok"}}, "cell").Code(), "cell_advises_only");
  for (const char* u : {"finance", "dss", "hq", "auditor"})
    EXPECT_EQ(Post(path, {{"action", "approve"}, {"comment", "ok"}}, u).status / 100, 4) << u;
  // Another organization's programme is not WFP's to travel for.
  auto wfp = Post("/api/v1/clearances", {{"programme_id", "prg_undp_leg"}, {"legs", json::array({Leg(area, 5, 6)})}},
                  "finance");
  EXPECT_EQ(wfp.status / 100, 4) << wfp.raw;
  // Refusing needs no acceptance.
  auto second = Post("/api/v1/clearances", {{"programme_id", "prg_undp_leg"}, {"legs", json::array({Leg(area, 7, 8)})}}, "do");
  ASSERT_EQ(second.body["legs"][0]["rule"], "acceptance_required") << second.raw;
  EXPECT_EQ(Post(DecisionPath(second.body), {{"action", "refuse"}, {"comment", "Not now"}}, "sp").status, 200);

  // UNDP's head in Carana signs an acceptance that expires in 30 days.
  auto signed_ = Post("/api/v1/activities/prg_undp_leg/acceptance",
                      {{"reasons", "Time-critical"}, {"conditions", "Convoys only"}, {"expires_on", DateFromToday(30)}}, "smt");
  ASSERT_EQ(signed_.status, 201) << signed_.raw;

  // Now a leg inside the acceptance clears by itself; one past its expiry is still referred.
  auto now = Post("/api/v1/clearances", {{"programme_id", "prg_undp_leg"}, {"legs", json::array({Leg(area, 5, 6)})}}, "do");
  ASSERT_EQ(now.status, 201) << now.raw;
  EXPECT_EQ(now.body["legs"][0]["status"], "cleared") << now.raw;
  bool cites = false;
  for (const auto& reason : now.body["legs"][0]["reasons"]) cites = cites || reason["code"] == "acceptance_in_force";
  EXPECT_TRUE(cites) << now.raw;
  auto later = Post("/api/v1/clearances", {{"programme_id", "prg_undp_leg"}, {"legs", json::array({Leg(area, 40, 41)})}}, "do");
  EXPECT_EQ(later.body["legs"][0]["rule"], "acceptance_required") << later.raw;
  EXPECT_EQ(Post(DecisionPath(later.body), {{"action", "approve"}, {"comment", "ok"}}, "sp").Code(), "acceptance_required");
  // The first leg, referred for want of it, was decided again when the acceptance was signed.
  auto first = Get("/api/v1/clearances/" + r.body["id"].get<std::string>(), "do");
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["legs"][0]["status"], "cleared") << first.raw;
  EXPECT_EQ(first.body["legs"][0]["rule"], "cleared");
  EXPECT_EQ(first.body["status"], "cleared");
}

TEST_F(LegAcceptanceTest, BelowHighTheSrasAcceptabilityStandsWithoutAnAcceptance) {
  const std::string area = S().NewArea("Leg acceptance (Medium)");
  PublishedSra(area, "Moderately Likely", "Moderate");  // Medium
  PutProgramme("prg_undp_medium", "org_undp", area);
  auto r = Post("/api/v1/clearances", {{"programme_id", "prg_undp_medium"}, {"legs", json::array({Leg(area, 5, 6)})}}, "do");
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["legs"][0]["residual_risk"], "Medium");
  EXPECT_EQ(r.body["legs"][0]["status"], "cleared") << r.raw;
}

}  // namespace
}  // namespace srm::testing
