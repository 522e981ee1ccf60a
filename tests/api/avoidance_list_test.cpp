// Issue 18: the Designated Official's avoidance decisions list (GET /api/v1/avoidance)
// searched, filtered and sorted by the server, over real HTTP on SQLite and (with SRM_TEST_PG_URL)
// PostgreSQL:
//   - q searches the area's name, the reason, the destination, the personnel and who decided
//     (ASCII letters folded); area_id and kind narrow to exactly their rows;
//   - each sort orders both ways, and walked one row a page gives every row exactly once, in the
//     order of the one-page answer, also with a filter;
//   - an unknown key, an unknown kind or sort and an over-long search are refused with 400;
//   - a filter never widens what someone sees: another area's decisions stay out.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "decisions_fixture.h"

namespace srm::testing {
namespace {

class AvoidanceListTest : public DecisionsTest {
 protected:
  static HttpResult GetAs(const std::string& path, const std::string& token) { return S().Call("GET", path, json(), token); }
  static void ExpectRefused(const std::string& path, const std::string& code, const std::string& field) {
    auto r = Get(path, "dss");
    EXPECT_EQ(r.status, 400) << path << " " << r.raw;
    EXPECT_EQ(r.Code(), code) << path << " " << r.raw;
    if (!field.empty()) EXPECT_EQ(r.body["error"]["field"], field) << "the field is named: " << r.raw;
  }
  // One decision by the demo's Designated Official; its id.
  static std::string Decide(const std::string& area, const std::string& kind, int from, const std::string& destination,
                            const std::string& reason, const std::string& personnel) {
    auto r = Post("/api/v1/avoidance",
                  {{"area_id", area}, {"kind", kind}, {"from", Date(from)}, {"destination", destination},
                   {"reason", reason}, {"personnel", personnel}, {"personnel_count", 4}},
                  "do");
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  }
  static std::vector<std::string> Field(const HttpResult& r, const char* key) {
    std::vector<std::string> out;
    for (const auto& i : r.body["items"]) out.push_back(i[key].get<std::string>());
    return out;
  }
};

using Ids = std::vector<std::string>;

TEST_F(AvoidanceListTest, SearchKindAreaAndEachSortOnlyNarrow) {
  const std::string north = S().NewArea("Avoid18 Northgate");
  const std::string south = S().NewArea("Avoid18 Southmarsh");
  const std::string relocate = Decide(north, "relocation", 5, "Port Harbour", "Avoid18 shelling of the depot",
                                      "National staff of the Northgate office");
  const std::string evacuate = Decide(south, "evacuation", 2, "Capital airport", "Avoid18 floods on the only road",
                                      "All international staff");
  const std::string remote = Decide(north, "alternative_modality", 9, "", "Avoid18 checkpoints closed",
                                    "Field monitors of the Northgate programme");
  ASSERT_FALSE(relocate.empty());
  ASSERT_FALSE(evacuate.empty());
  ASSERT_FALSE(remote.empty());
  const std::string base = "/api/v1/avoidance?limit=500&q=avoid18";
  EXPECT_EQ(Get(base, "dss").body["total"], 3);

  // Search: each text of the record, ASCII letters folded.
  EXPECT_EQ(ItemIds(Get(base + "%20SHELLING", "dss")), Ids{relocate});                    // reason
  EXPECT_EQ(ItemIds(Get("/api/v1/avoidance?q=capital%20AIRPORT", "dss")), Ids{evacuate});  // destination
  EXPECT_EQ(ItemIds(Get("/api/v1/avoidance?q=field%20monitors%20of%20the%20northgate", "dss")), Ids{remote});
  auto by_area_name = Get("/api/v1/avoidance?q=NORTHGATE&sort=from", "dss");               // the area's name
  EXPECT_EQ(ItemIds(by_area_name), (Ids{relocate, remote}));
  EXPECT_EQ(Get("/api/v1/avoidance?q=zzqq-avoid18-nothing", "dss").body["total"], 0);

  // Area and kind: exactly their rows, and together.
  EXPECT_EQ(ItemIds(Get("/api/v1/avoidance?sort=from&area_id=" + north, "dss")), (Ids{relocate, remote}));
  EXPECT_EQ(ItemIds(Get(base + "&kind=relocation", "dss")), Ids{relocate});
  EXPECT_EQ(ItemIds(Get(base + "&kind=evacuation", "dss")), Ids{evacuate});
  EXPECT_EQ(ItemIds(Get(base + "&kind=alternative_modality", "dss")), Ids{remote});
  EXPECT_TRUE(ItemIds(Get("/api/v1/avoidance?kind=evacuation&area_id=" + north, "dss")).empty());
  for (const auto& i : Get("/api/v1/avoidance?kind=relocation&limit=500", "dss").body["items"])
    EXPECT_EQ(i["kind"], "relocation");

  // Each sort both ways (the three were decided in this order; from: evacuate, relocate, remote).
  EXPECT_EQ(ItemIds(Get(base + "&sort=from", "dss")), (Ids{evacuate, relocate, remote}));
  EXPECT_EQ(ItemIds(Get(base + "&sort=-from", "dss")), (Ids{remote, relocate, evacuate}));
  // decided (the time of the decision; three made within a few milliseconds may tie, then by id).
  auto decided = Field(Get(base + "&sort=decided", "dss"), "decided_at");
  EXPECT_EQ(decided.size(), 3u);
  EXPECT_TRUE(std::is_sorted(decided.begin(), decided.end()));
  auto decided_desc = Field(Get(base + "&sort=-decided", "dss"), "decided_at");
  EXPECT_TRUE(std::is_sorted(decided_desc.rbegin(), decided_desc.rend()));
  Ids decided_ids = ItemIds(Get(base + "&sort=decided", "dss"));
  std::reverse(decided_ids.begin(), decided_ids.end());
  EXPECT_EQ(ItemIds(Get(base + "&sort=-decided", "dss")), decided_ids);
  auto areas = Field(Get(base + "&sort=area", "dss"), "area_name");
  EXPECT_EQ(areas, (Ids{"Avoid18 Northgate", "Avoid18 Northgate", "Avoid18 Southmarsh"}));
  auto areas_desc = Field(Get(base + "&sort=-area", "dss"), "area_name");
  EXPECT_EQ(areas_desc, (Ids{"Avoid18 Southmarsh", "Avoid18 Northgate", "Avoid18 Northgate"}));
  // Walked one row a page: every row once, in the one-page order, with and without a filter.
  for (const char* sort : {"decided", "-decided", "from", "-from", "area", "-area", "updated", "-updated"}) {
    for (const std::string& filter : std::vector<std::string>{"", "&q=avoid18", "&kind=relocation", "&area_id=" + north}) {
      const std::string path = std::string("/api/v1/avoidance?sort=") + sort + filter;
      EXPECT_EQ(WalkOneRowAPage(S(), path, T("dss")), ItemIds(Get(path + "&limit=500", "dss"))) << path;
    }
  }
  EXPECT_EQ(WalkOneRowAPage(S(), "/api/v1/avoidance?area_id=" + north, T("dss")).size(), 2u);  // the default order

  // Someone whose grants reach area_1 only never sees these decisions, whatever the narrowing.
  const std::string outsider = NewUser("avoid18_area1", "org_wfp",
                                       json::array({{{"role", "finance"}, {"country_id", "cty_carana"}, {"area_id", "area_1"}}}));
  for (const std::string& q : std::vector<std::string>{"?q=avoid18", "?q=northgate&sort=-area", "?kind=evacuation&limit=500",
                                                      "?area_id=" + north, "?area_id=" + south + "&kind=evacuation",
                                                      "?sort=from&limit=500"}) {
    auto r = GetAs("/api/v1/avoidance" + q, outsider);
    ASSERT_EQ(r.status, 200) << q << r.raw;
    for (const auto& i : r.body["items"]) EXPECT_EQ(i["area_id"], "area_1") << q;
    if (q.find("avoid18") != std::string::npos || q.find("northgate") != std::string::npos ||
        q.find("area_id") != std::string::npos)
      EXPECT_EQ(r.body["total"], 0) << q;
  }

  // Refusals, the field named.
  ExpectRefused("/api/v1/avoidance?kind=vacation", "invalid_value", "kind");
  ExpectRefused("/api/v1/avoidance?kind=Relocation", "invalid_value", "kind");
  ExpectRefused("/api/v1/avoidance?sort=reason", "unknown_sort", "sort");
  ExpectRefused("/api/v1/avoidance?sort=--from", "unknown_sort", "sort");
  ExpectRefused("/api/v1/avoidance?decision=go", "unknown_parameter", "decision");
  ExpectRefused("/api/v1/avoidance?q=" + std::string(201, 'a'), "too_long", "q");
  ExpectRefused("/api/v1/avoidance?area_id=" + std::string(65, 'a'), "invalid_value", "area_id");
  ExpectRefused("/api/v1/avoidance?sort=area&cursor=no-bar", "bad_cursor", "");
}

}  // namespace
}  // namespace srm::testing
