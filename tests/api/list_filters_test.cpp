// Issue 18, finding 8: search, filters and sort of the SRA, clearance and compliance
// lists over real HTTP, on SQLite and (with SRM_TEST_PG_URL) PostgreSQL:
//   - each filter narrows, each sort orders (ascending and descending), and a sorted list walked
//     one row a page gives every row exactly once, in the order of the one-page answer;
//   - hostile values (SQL metacharacters, LIKE wildcards, huge and non-UTF-8 text, unknown keys
//     and sort keys, bad dates and cursors) are refused with a reason or match literally;
//   - a filter never widens what someone sees: another organization's rows stay out of every
//     search, filter and sort.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "decisions_fixture.h"

namespace srm::testing {
namespace {

class ListFiltersTest : public DecisionsTest {
 protected:
  // The list read one row a page by `user` (WalkOneRowAPage).
  static std::vector<std::string> Walk(const std::string& path, const std::string& user) {
    return WalkOneRowAPage(S(), path, T(user));
  }
  static std::string Draft(const std::string& area, const std::string& title) {
    auto c = Post("/api/v1/sras",
                  WithCompleteHeader(json{{"area_id", area}, {"title", title},
                                          {"scope", {{"from_date", Date(0)}, {"to_date", Date(300)}, {"trigger", "change_in_area"}}}}),
                  "sp");
    EXPECT_EQ(c.status, 201) << c.raw;
    return c.body.value("id", "");
  }
};

TEST_F(ListFiltersTest, SrasFilterSearchAndSortWithinTheReadersScope) {
  const std::string area = S().NewArea("Zqxville filter town");
  const std::string alpha = Draft(area, "Lists18 Alpha road");
  const std::string beta = Draft(area, "Lists18 beta river");
  const std::string gamma = PublishedSra(area, "Likely", "Severe", json{{"title", "Lists18 Gamma hills"}});
  // Search: title, case-folded, and the area's name.
  EXPECT_EQ(Get("/api/v1/sras?q=LISTS18&limit=500", "sp").body["total"], 3);
  EXPECT_EQ(Get("/api/v1/sras?q=zqxVILLE&limit=500", "sp").body["total"], 3);
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?q=beta%20RIVER", "sp")), std::vector<std::string>{beta});
  // Filters combine: status and area.
  auto pub = Get("/api/v1/sras?status=published&area_id=" + area, "sp");
  ASSERT_EQ(pub.status, 200) << pub.raw;
  EXPECT_EQ(ItemIds(pub), std::vector<std::string>{gamma});
  EXPECT_EQ(Get("/api/v1/sras?status=draft&area_id=" + area + "&limit=500", "sp").body["total"], 2);
  // Risk: the highest residual of the published one.
  const std::string level = pub.body["items"][0]["overall_residual_risk"];
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?risk=" + UrlEscape(level) + "&area_id=" + area, "sp")), std::vector<std::string>{gamma});
  // Review due: drafts have none and stay out of a date window.
  const std::string due = Get("/api/v1/sras/" + gamma, "sp").body.value("review_due", "");
  ASSERT_FALSE(due.empty());
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?area_id=" + area + "&due_from=" + due + "&due_to=" + due, "sp")),
            std::vector<std::string>{gamma});
  EXPECT_EQ(Get("/api/v1/sras?area_id=" + area + "&due_to=2000-01-01", "sp").body["total"], 0);
  // Sort by title both ways (byte order, as both stores compare).
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?area_id=" + area + "&sort=title", "sp")), (std::vector<std::string>{alpha, gamma, beta}));
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?area_id=" + area + "&sort=-title", "sp")), (std::vector<std::string>{beta, gamma, alpha}));
  // Due: dated first, the undated after; risk: rated above unrated when descending.
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?area_id=" + area + "&sort=due", "sp"))[0], gamma);
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?area_id=" + area + "&sort=-risk", "sp"))[0], gamma);
  // Paging with a sort: one row a page gives the one-page order, each row once, for every key.
  for (const char* sort : {"title", "-title", "due", "-due", "risk", "-risk", "updated", "-updated"}) {
    const std::string path = std::string("/api/v1/sras?sort=") + sort;
    EXPECT_EQ(Walk(path, "sp"), ItemIds(Get(path + "&limit=500", "sp"))) << sort;
  }
}

TEST_F(ListFiltersTest, SraFiltersNeverWidenTheScope) {
  const std::string iom = OrgProfessional("org_iom");
  auto c = Post("/api/v1/sras",
                WithCompleteHeader(json{{"area_id", "area_3"}, {"kind", "specific"}, {"organization_id", "org_iom"},
                                        {"mission_ref", "IOM-L18"}, {"title", "Lists18 Secret IOM mission"},
                                        {"scope", {{"from_date", Date(0)}, {"to_date", Date(200)}, {"trigger", "new_mission"}}}}),
                iom);
  ASSERT_EQ(c.status, 201) << c.raw;
  const std::string secret = c.body["id"];
  EXPECT_EQ(ItemIds(Get("/api/v1/sras?q=secret%20iom", "hq")), std::vector<std::string>{secret});
  // WFP's finance officer: not by search, area, status, sort or walking a sorted list.
  for (const char* q : {"?q=secret", "?area_id=area_3&status=draft", "?sort=title&limit=500", "?sort=-risk&limit=500",
                        "?q=Secret&sort=due&due_to=9999-12-31"}) {
    auto r = Get(std::string("/api/v1/sras") + q, "finance");
    ASSERT_EQ(r.status, 200) << q << r.raw;
    for (const auto& id : ItemIds(r)) EXPECT_NE(id, secret) << q;
  }
  const auto walked = Walk("/api/v1/sras?sort=title", "finance");
  EXPECT_EQ(std::count(walked.begin(), walked.end(), secret), 0);
  EXPECT_EQ(static_cast<int64_t>(walked.size()), Get("/api/v1/sras?limit=500", "finance").body["total"].get<int64_t>());
}

TEST_F(ListFiltersTest, HostileValuesAreRefusedWithAReasonOrMatchLiterally) {
  Draft("area_2", "Lists18 100% sure_thing");
  // SQL and LIKE metacharacters are text, never syntax or wildcards.
  for (const char* q : {"'%20OR%201%3D1%20--", "%22%3B%20DROP%20TABLE%20sras%3B--", "%25%25", "_%5C", "%27"})
    EXPECT_EQ(Get(std::string("/api/v1/sras?q=") + q, "sp").body["total"], 0) << q;
  EXPECT_EQ(Get("/api/v1/sras?q=100%25%20sure_", "sp").body["total"], 1);
  EXPECT_EQ(Get("/api/v1/sras?limit=500", "sp").status, 200);  // the table is still there
  // Refusals with their reason.
  struct Case { std::string path, code; };
  for (const Case& k : std::vector<Case>{
           {"/api/v1/sras?q=" + std::string(201, 'a'), "too_long"},
           {"/api/v1/sras?q=" + std::string(5000, 'b'), "invalid_request_line"},  // the request edge's limit
           {"/api/v1/sras?q=%FF%FE", "invalid_request_line"},  // not UTF-8: the request edge
           {"/api/v1/sras?q=a%00b", "invalid_request_line"},
           {"/api/v1/sras?sort=bogus", "unknown_sort"},
           {"/api/v1/sras?sort=title%3BDROP", "unknown_sort"},
           {"/api/v1/sras?sort=--title", "unknown_sort"},
           {"/api/v1/sras?color=red", "unknown_parameter"},
           {"/api/v1/sras?risk=Apocalyptic", "invalid_value"},
           {"/api/v1/sras?status=%FF", "invalid_request_line"},
           {"/api/v1/sras?due_from=2026-13-01", "invalid_value"},
           {"/api/v1/sras?due_to=tomorrow", "invalid_value"},
           {"/api/v1/sras?sort=risk&cursor=abc%7Csra_x", "bad_cursor"},
           {"/api/v1/sras?sort=risk&cursor=nobar", "bad_cursor"},
           {"/api/v1/clearances?sort=title", "unknown_sort"},
           {"/api/v1/clearances?travel_from=31-12-2026", "invalid_value"},
           {"/api/v1/clearances?colour=1", "unknown_parameter"},
           {"/api/v1/compliance/items?sort=risk", "unknown_sort"},
           {"/api/v1/compliance/items?q=%C3%28", "invalid_request_line"},
           {"/api/v1/sras?q=%E2%80%AE" + std::string(199, 'x'), "too_long"},  // 202 bytes of valid UTF-8
           {"/api/v1/compliance/items?due_from=2026-02-30", "invalid_value"},
       }) {
    auto r = Get(k.path, "sp");
    EXPECT_GE(r.status, 400) << k.path.substr(0, 80);
    EXPECT_LT(r.status, 500) << k.path.substr(0, 80);
    if (!k.code.empty()) EXPECT_EQ(r.Code(), k.code) << k.path.substr(0, 80) << " " << r.raw;
  }
}

TEST_F(ListFiltersTest, ClearancesFilterBySearchAreaDatesAndSort) {
  auto a = Request("finance", {{"programme_id", "prg_1"}, {"activity", "Lists18 water survey"},
                               {"legs", json::array({Leg("area_1", 30, 32)})}});
  ASSERT_EQ(a.status, 201) << a.raw;
  auto b = Request("finance", {{"programme_id", "prg_1"}, {"activity", "Lists18 school visit"},
                               {"legs", json::array({Leg("area_2", 60, 61)})}});
  ASSERT_EQ(b.status, 201) << b.raw;
  const std::string ida = a.body["id"], idb = b.body["id"];
  EXPECT_EQ(ItemIds(Get("/api/v1/clearances?q=WATER%20survey", "finance")), std::vector<std::string>{ida});
  EXPECT_EQ(ItemIds(Get("/api/v1/clearances?q=lists18&area_id=area_2", "finance")), std::vector<std::string>{idb});
  EXPECT_EQ(ItemIds(Get("/api/v1/clearances?q=lists18&travel_from=" + Date(50), "finance")), std::vector<std::string>{idb});
  EXPECT_EQ(ItemIds(Get("/api/v1/clearances?q=lists18&travel_to=" + Date(40), "finance")), std::vector<std::string>{ida});
  EXPECT_EQ(ItemIds(Get("/api/v1/clearances?q=lists18&sort=from", "finance")), (std::vector<std::string>{ida, idb}));
  EXPECT_EQ(ItemIds(Get("/api/v1/clearances?q=lists18&sort=-from", "finance")), (std::vector<std::string>{idb, ida}));
  for (const char* sort : {"from", "-from", "traveller", "-traveller", "updated"}) {
    const std::string path = std::string("/api/v1/clearances?sort=") + sort;
    EXPECT_EQ(Walk(path, "finance"), ItemIds(Get(path + "&limit=500", "finance"))) << sort;
  }
  // IOM's executive office sees IOM's requests: WFP's stay out of every search.
  for (const char* q : {"?q=lists18", "?area_id=area_1&sort=from", "?q=water&travel_from=2000-01-01"})
    for (const auto& id : ItemIds(Get(std::string("/api/v1/clearances") + q, "exec"))) {
      EXPECT_NE(id, ida) << q;
      EXPECT_NE(id, idb) << q;
    }
}

TEST_F(ListFiltersTest, ComplianceFiltersBySearchStatusDueDatesAndSort) {
  auto c = Post("/api/v1/compliance/items",
                {{"location_id", "loc_2"}, {"organization_id", "org_undp"}, {"requirement", "Lists18 satellite phone"},
                 {"moss_category", "telecommunications"}, {"due_date", Date(10)}, {"owner", "UNDP ops"}},
                "cell");
  ASSERT_EQ(c.status, 201) << c.raw;
  const std::string id = c.body["id"];
  EXPECT_EQ(ItemIds(Get("/api/v1/compliance/items?q=SATELLITE", "cell")), std::vector<std::string>{id});
  EXPECT_EQ(ItemIds(Get("/api/v1/compliance/items?q=satellite&due_from=" + Date(5) + "&due_to=" + Date(15), "cell")),
            std::vector<std::string>{id});
  EXPECT_EQ(Get("/api/v1/compliance/items?q=satellite&due_to=" + Date(5), "cell").body["total"], 0);
  EXPECT_EQ(Get("/api/v1/compliance/items?q=satellite&status=compliant", "cell").body["total"], 0);
  for (const char* sort : {"due", "-due", "location", "-location", "updated"}) {
    const std::string path = std::string("/api/v1/compliance/items?sort=") + sort;
    EXPECT_EQ(Walk(path, "cell"), ItemIds(Get(path + "&limit=500", "cell"))) << sort;
  }
  auto due = ItemIds(Get("/api/v1/compliance/items?sort=due&limit=500", "cell"));
  auto rev = ItemIds(Get("/api/v1/compliance/items?sort=-due&limit=500", "cell"));
  ASSERT_FALSE(due.empty());
  EXPECT_EQ(due, std::vector<std::string>(rev.rbegin(), rev.rend()));
  // WFP's finance officer sees WFP's items only, whatever the search.
  for (const char* q : {"?q=satellite", "?q=lists18&sort=due", "?area_id=area_1&sort=-location"})
    for (const auto& got : ItemIds(Get(std::string("/api/v1/compliance/items") + q, "finance"))) EXPECT_NE(got, id) << q;
}

}  // namespace
}  // namespace srm::testing
