// Issue 14 finding 7 over real HTTP (SQLite, and PostgreSQL with SRM_TEST_PG_URL): an EGS no-go in
// force shows on the map's areas and on the dashboard of everyone whose scope includes the area,
// and nowhere else; the headcount counts registered programme personnel plus cleared travellers.
#include <gtest/gtest.h>

#include <set>

#include "evidence/incident.h"
#include "test_server.h"

namespace srm::testing {
namespace {


class VisibilityApiTest : public SharedServerTest<VisibilityApiTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& token) { return S().Call("GET", path, json(), token); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& token) {
    return S().Call("POST", path, body, token);
  }
  static std::string Date(int days_from_today) {
    const int64_t day = S().app().clock.NowMillis() / 86400000 + days_from_today;
    return evidence::FormatDay(static_cast<int32_t>(day));
  }
  static std::string NewUser(const std::string& name, const std::string& org, const json& grants) {
    auto u = Post("/api/v1/users",
                  json{{"username", name}, {"password", kPassword}, {"display_name", name}, {"organization_id", org},
                       {"grants", grants}},
                  T("admin"));
    EXPECT_EQ(u.status, 201) << u.raw;
    return S().Login(name, kPassword);
  }
  static const json* Find(const json& items, const std::string& key, const std::string& value) {
    for (const auto& i : items)
      if (i.contains(key) && i[key] == value) return &i;
    return nullptr;
  }
};

TEST_F(VisibilityApiTest, ANoGoInForceShowsOnTheMapAndDashboardOfThoseInScopeOnly) {
  // Nothing in force yet.
  EXPECT_EQ(Get("/api/v1/no-go-areas", T("finance")).body["items"], json::array());
  const json nogo{{"area_id", "area_2"}, {"decision", "no_go"}, {"from", Date(-1)}, {"to", Date(30)},
                  {"reason", "Fighting in the district capital"}, {"meeting_ref", "EGS-VIS-1"}};
  // Only the DSS desk records it; a no-go in the future or past is not "in force today".
  auto later = Post("/api/v1/egs-decisions",
                    json{{"area_id", "area_7"}, {"decision", "no_go"}, {"from", Date(40)}, {"to", Date(50)},
                         {"reason", "Elections"}, {"meeting_ref", "EGS-VIS-0"}},
                    T("dss"));
  ASSERT_EQ(later.status, 201) << later.raw;
  EXPECT_EQ(Post("/api/v1/egs-decisions", nogo, T("finance")).status, 403);
  auto e = Post("/api/v1/egs-decisions", nogo, T("dss"));
  ASSERT_EQ(e.status, 201) << e.raw;
  const std::string egs = e.body["id"];

  // Everyone whose scope includes area_2: the dashboard list and the map's areas carry it.
  const std::string in_area = NewUser("vis_area2", "org_undp",
                                      json::array({{{"role", "security_cell"}, {"country_id", "cty_carana"}, {"area_id", "area_2"}}}));
  for (const std::string& token : {T("finance"), T("sp"), T("smt"), T("auditor"), in_area}) {
    auto list = Get("/api/v1/no-go-areas", token);
    ASSERT_EQ(list.status, 200) << list.raw;
    ASSERT_EQ(list.body["items"].size(), 1u) << list.raw;
    const json& n = list.body["items"][0];
    EXPECT_EQ(n["area_id"], "area_2");
    EXPECT_EQ(n["egs_decision_id"], egs);
    EXPECT_EQ(n["reason"], "Fighting in the district capital");
    EXPECT_EQ(n["to"], Date(30));
    auto areas = Get("/api/v1/areas?geometry=1", token);
    ASSERT_EQ(areas.status, 200) << areas.raw;
    const json* a2 = Find(areas.body["items"], "id", "area_2");
    ASSERT_NE(a2, nullptr);
    EXPECT_EQ((*a2)["egs_no_go"]["egs_decision_id"], egs);
    for (const auto& a : areas.body["items"])
      if (a["id"] != "area_2") EXPECT_EQ(a["egs_no_go"], nullptr) << a["id"];
  }
  // A user whose scope is another area does not see it, on the dashboard or the map.
  const std::string elsewhere = NewUser("vis_area3", "org_wfp",
                                        json::array({{{"role", "security_cell"}, {"country_id", "cty_carana"}, {"area_id", "area_3"}}}));
  EXPECT_EQ(Get("/api/v1/no-go-areas", elsewhere).body["items"], json::array());
  auto theirs = Get("/api/v1/areas", elsewhere);
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(Find(theirs.body["items"], "id", "area_2"), nullptr);
  for (const auto& a : theirs.body["items"]) EXPECT_EQ(a["egs_no_go"], nullptr);
  // On the day it starts, the later one is in force; a "go" lifts the first for the days it covers.
  auto then = Get("/api/v1/no-go-areas?date=" + Date(45), T("finance"));
  ASSERT_EQ(then.body["items"].size(), 1u);
  EXPECT_EQ(then.body["items"][0]["area_id"], "area_7");
  auto go = Post("/api/v1/egs-decisions",
                 json{{"area_id", "area_2"}, {"decision", "go"}, {"from", Date(0)}, {"to", Date(30)},
                      {"reason", "Calm restored"}, {"meeting_ref", "EGS-VIS-2"}},
                 T("dss"));
  ASSERT_EQ(go.status, 201) << go.raw;
  EXPECT_EQ(Get("/api/v1/no-go-areas", T("finance")).body["items"], json::array());
  EXPECT_EQ(Get("/api/v1/no-go-areas?date=" + Date(-1), T("finance")).body["items"].size(), 1u);
  EXPECT_EQ(Get("/api/v1/no-go-areas?date=tomorrow", T("finance")).status, 400);
}

TEST_F(VisibilityApiTest, HeadcountIsRegisteredPersonnelPlusClearedTravellers) {
  // area_2: the demo registers UNDP's rule-of-law programme there (3 international, 15 national).
  auto before = Get("/api/v1/areas/area_2/headcount", T("smt"));
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_EQ(before.body["headcount"]["registered"], 18);
  const int travellers = before.body["headcount"]["travellers"];
  EXPECT_EQ(before.body["headcount"]["total"], 18 + travellers);
  EXPECT_EQ(before.body["date"], Date(0));
  // Travellers whose cleared legs cover the day count once each, listed in items.
  std::set<std::string> people;
  for (const auto& i : before.body["items"]) people.insert(i["traveller"]["name"].get<std::string>());
  EXPECT_EQ(static_cast<int>(people.size()), travellers);
  // area_1: three programmes (WFP 12 + 85, UNICEF 6 + 40, UNDP 5 + 10) and the demo's travellers.
  auto a1 = Get("/api/v1/areas/area_1/headcount", T("smt"));
  ASSERT_EQ(a1.status, 200) << a1.raw;
  EXPECT_EQ(a1.body["headcount"]["registered"], 158);
  std::set<std::string> a1_people;
  for (const auto& i : a1.body["items"]) a1_people.insert(i["organization_id"].get<std::string>() + "/" + i["traveller"]["name"].get<std::string>());
  EXPECT_EQ(a1.body["headcount"]["travellers"], static_cast<int>(a1_people.size()));
  EXPECT_EQ(a1.body["headcount"]["total"], 158 + static_cast<int>(a1_people.size()));
  const json* wfp = Find(a1.body["headcount"]["by_organization"], "organization_id", "org_wfp");
  ASSERT_NE(wfp, nullptr);
  EXPECT_EQ((*wfp)["registered"], 97);
  // An organization reads its own people only: WFP's finance officer sees WFP's 97 and travellers.
  auto own = Get("/api/v1/areas/area_1/headcount", T("finance"));
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["headcount"]["registered"], 97);
  for (const auto& o : own.body["headcount"]["by_organization"]) EXPECT_EQ(o["organization_id"], "org_wfp");
  // Another day: the registered stay, the travellers are those of that day.
  auto far = Get("/api/v1/areas/area_1/headcount?date=" + Date(900), T("smt"));
  ASSERT_EQ(far.status, 200) << far.raw;
  EXPECT_EQ(far.body["headcount"]["registered"], 158);
  EXPECT_EQ(far.body["headcount"]["travellers"], 0);
  // Outside the reader's scope: refused, as the list is.
  const std::string elsewhere = NewUser("vis_hc3", "org_wfp",
                                        json::array({{{"role", "security_cell"}, {"country_id", "cty_carana"}, {"area_id", "area_3"}}}));
  EXPECT_EQ(Get("/api/v1/areas/area_1/headcount", elsewhere).status, 403);
}

}  // namespace
}  // namespace srm::testing
