// Issue 18, finding 8: search, filters and sort of the lists the first pass left without them
// (activities, EGS go/no-go, fund requests, budgets), over real HTTP on SQLite and (with
// SRM_TEST_PG_URL) PostgreSQL:
//   - each filter narrows, each sort orders both ways, and a sorted list walked one row a page gives
//     every row exactly once, in the order of the one-page answer (pagination stays bounded);
//   - a bad value is refused with 400 and its reason code;
//   - a filter never widens what someone sees: another organization's rows stay out.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "core/calendar.h"
#include "decisions_fixture.h"

namespace srm::testing {
namespace {

class ListFiltersMoreTest : public DecisionsTest {
 protected:
  static std::vector<std::string> Field(const HttpResult& r, const char* key) {
    std::vector<std::string> out;
    for (const auto& i : r.body["items"]) out.push_back(i[key].is_string() ? i[key].get<std::string>() : i[key].dump());
    return out;
  }
  static std::vector<int64_t> Numbers(const HttpResult& r, const char* key) {
    std::vector<int64_t> out;
    for (const auto& i : r.body["items"]) out.push_back(i[key].get<int64_t>());
    return out;
  }
  static std::vector<std::string> WalkAs(const std::string& path, const std::string& token) {
    return WalkOneRowAPage(S(), path, token);
  }
  static HttpResult GetAs(const std::string& path, const std::string& token) { return S().Call("GET", path, json(), token); }
  static std::string DayBefore(const std::string& day) {
    return calendar::FormatIsoDate(calendar::AddDays(*calendar::ParseIsoDate(day), -1));
  }
  static void ExpectRefused(const std::string& path, const std::string& token, const std::string& code) {
    auto r = GetAs(path, token);
    EXPECT_EQ(r.status, 400) << path << " " << r.raw;
    EXPECT_EQ(r.Code(), code) << path << " " << r.raw;
  }
};

TEST_F(ListFiltersMoreTest, ActivitiesFilterSearchSortAndStayInTheReadersOrganization) {
  auto all = Get("/api/v1/activities?area_id=area_1&limit=500", "cell");  // a cross-organization reader
  ASSERT_EQ(all.status, 200) << all.raw;
  ASSERT_GE(all.body["items"].size(), 3u);
  const json first = all.body["items"][0];
  const std::string name = first["programme_name"];
  // Search: the programme's name, ASCII letters folded.
  std::string upper = name;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto found = Get("/api/v1/activities?area_id=area_1&q=" + UrlEscape(upper), "cell");
  ASSERT_EQ(found.status, 200) << found.raw;
  EXPECT_TRUE(Has(found.body["items"], "id", first["id"]));
  for (const auto& i : found.body["items"]) {
    std::string hay = i["programme_name"].get<std::string>() + "|" + i["activity"].get<std::string>() + "|" +
                      i["area_name"].get<std::string>();
    for (char& ch : hay) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_NE(hay.find(upper), std::string::npos) << hay;
  }
  // A search that matches nothing leaves no decision and no undecided programme.
  auto none = Get("/api/v1/activities?area_id=area_1&q=zzqq-filters18-nothing", "cell");
  EXPECT_EQ(none.body["total"], 0);
  EXPECT_TRUE(none.body.value("undecided", json::array()).empty()) << none.raw;
  // Organization and status narrow to exactly their rows.
  int wfp = 0;
  for (const auto& i : all.body["items"]) wfp += i["organization_id"] == "org_wfp";
  auto by_org = Get("/api/v1/activities?area_id=area_1&organization_id=org_wfp&limit=500", "cell");
  EXPECT_EQ(by_org.body["total"], wfp);
  for (const auto& i : by_org.body["items"]) EXPECT_EQ(i["organization_id"], "org_wfp");
  const std::string status = first["status"];
  for (const auto& i : Get("/api/v1/activities?area_id=area_1&status=" + status + "&limit=500", "cell").body["items"])
    EXPECT_EQ(i["status"], status);
  // Decision dates: the day it was decided holds it, the day before does not.
  const std::string day = first["decided_at"].get<std::string>().substr(0, 10);
  EXPECT_TRUE(Has(Get("/api/v1/activities?area_id=area_1&limit=500&decided_from=" + day + "&decided_to=" + day, "cell")
                      .body["items"], "id", first["id"]));
  EXPECT_FALSE(Has(Get("/api/v1/activities?area_id=area_1&limit=500&decided_to=" + DayBefore(day), "cell").body["items"],
                   "id", first["id"]));
  // Sorts: by programme name (byte order) and PC, both ways; each walked one row a page.
  auto names = Field(Get("/api/v1/activities?area_id=area_1&sort=programme&limit=500", "cell"), "programme_name");
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  auto desc = Field(Get("/api/v1/activities?area_id=area_1&sort=-programme&limit=500", "cell"), "programme_name");
  EXPECT_TRUE(std::is_sorted(desc.rbegin(), desc.rend()));
  auto pcs = Numbers(Get("/api/v1/activities?area_id=area_1&sort=pc&limit=500", "cell"), "pc");
  EXPECT_TRUE(std::is_sorted(pcs.begin(), pcs.end()));
  for (const char* sort : {"programme", "-programme", "pc", "-pc", "area", "risk", "-risk", "updated", "-updated"}) {
    const std::string path = std::string("/api/v1/activities?area_id=area_1&sort=") + sort;
    EXPECT_EQ(WalkAs(path, T("cell")), ItemIds(Get(path + "&limit=500", "cell"))) << sort;
  }
  // WFP's finance officer: WFP's activities whatever the search, sort or organization asked for.
  for (const char* q : {"?area_id=area_1&q=" , "?sort=-risk&limit=500", "?organization_id=org_undp", "?sort=programme&q=a"}) {
    auto r = Get(std::string("/api/v1/activities") + q, "finance");
    ASSERT_EQ(r.status, 200) << q << r.raw;
    for (const auto& i : r.body["items"]) EXPECT_EQ(i["organization_id"], "org_wfp") << q;
    for (const auto& p : r.body.value("undecided", json::array())) EXPECT_EQ(p["organization_id"], "org_wfp") << q;
  }
  EXPECT_EQ(Get("/api/v1/activities?organization_id=org_undp", "finance").body["total"], 0);
  // Refusals with their reason.
  ExpectRefused("/api/v1/activities?sort=title", T("cell"), "unknown_sort");
  ExpectRefused("/api/v1/activities?colour=red", T("cell"), "unknown_parameter");
  ExpectRefused("/api/v1/activities?decided_from=2026-02-30", T("cell"), "invalid_value");
  ExpectRefused("/api/v1/activities?q=" + std::string(201, 'a'), T("cell"), "too_long");
  ExpectRefused("/api/v1/activities?sort=pc&cursor=x%7Cact_1", T("cell"), "bad_cursor");
}

TEST_F(ListFiltersMoreTest, EgsDecisionsFilterBySearchDecisionWindowAndSort) {
  const std::string area = S().NewArea("Filters18 Egsville");
  auto record = [&](const std::string& decision, int from, int to, const std::string& reason) {
    auto r = Post("/api/v1/egs-decisions", {{"area_id", area}, {"decision", decision}, {"from", Date(from)},
                                            {"to", Date(to)}, {"reason", reason}}, "dss");
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.contains("id") ? r.body["id"].get<std::string>() : r.body["decision"].value("id", "");
  };
  const std::string early = record("go", 10, 12, "Filters18 convoy resumed");
  const std::string late = record("no_go", 40, 45, "Filters18 fighting near the bridge");
  ASSERT_FALSE(early.empty());
  ASSERT_FALSE(late.empty());
  const std::string base = "/api/v1/egs-decisions?area_id=" + area;
  EXPECT_EQ(Get(base + "&limit=500", "dss").body["total"], 2);
  EXPECT_EQ(ItemIds(Get(base + "&q=BRIDGE", "dss")), std::vector<std::string>{late});
  EXPECT_EQ(Get("/api/v1/egs-decisions?q=egsVILLE&limit=500", "dss").body["total"], 2);  // the area's name
  EXPECT_EQ(ItemIds(Get(base + "&decision=go", "dss")), std::vector<std::string>{early});
  EXPECT_EQ(ItemIds(Get(base + "&decision=no_go", "dss")), std::vector<std::string>{late});
  // Window dates: decisions whose window meets [from, to].
  EXPECT_EQ(ItemIds(Get(base + "&window_from=" + Date(20), "dss")), std::vector<std::string>{late});
  EXPECT_EQ(ItemIds(Get(base + "&window_to=" + Date(20), "dss")), std::vector<std::string>{early});
  EXPECT_EQ(Get(base + "&window_from=" + Date(13) + "&window_to=" + Date(39), "dss").body["total"], 0);
  EXPECT_EQ(ItemIds(Get(base + "&sort=from", "dss")), (std::vector<std::string>{early, late}));
  EXPECT_EQ(ItemIds(Get(base + "&sort=-from", "dss")), (std::vector<std::string>{late, early}));
  for (const char* sort : {"from", "-from", "area", "-area", "decided", "updated", "-updated"}) {
    const std::string path = std::string("/api/v1/egs-decisions?sort=") + sort;
    EXPECT_EQ(WalkAs(path, T("dss")), ItemIds(Get(path + "&limit=500", "dss"))) << sort;
  }
  // Someone whose grants do not reach the new area never sees its decisions, whatever the filter.
  const std::string outsider = NewUser("filters18_egs_area1", "org_wfp",
                                       json::array({{{"role", "finance"}, {"country_id", "cty_carana"}, {"area_id", "area_1"}}}));
  for (const char* q : {"?q=filters18", "?decision=go&sort=from", "?window_from=2000-01-01&limit=500"}) {
    auto r = GetAs(std::string("/api/v1/egs-decisions") + q, outsider);
    ASSERT_EQ(r.status, 200) << q << r.raw;
    for (const auto& id : ItemIds(r)) {
      EXPECT_NE(id, early) << q;
      EXPECT_NE(id, late) << q;
    }
  }
  ExpectRefused(base + "&decision=maybe", T("dss"), "invalid_value");
  ExpectRefused(base + "&sort=reason", T("dss"), "unknown_sort");
  ExpectRefused(base + "&window_to=soon", T("dss"), "invalid_value");
  ExpectRefused(base + "&kind=1", T("dss"), "unknown_parameter");
}

TEST_F(ListFiltersMoreTest, FundRequestsFilterBySearchStatusOrganizationDatesAndSort) {
  const std::string fund = S().Login("fund");
  auto submit = [&](int64_t amount, const std::string& purpose, const std::string& token) {
    auto r = S().Call("POST", "/api/v1/fund/requests",
                      json{{"area_id", "area_1"}, {"purpose", purpose}, {"amount_minor", amount}, {"currency", "USD"},
                           {"days", 30}},
                      token);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  };
  const std::string small = submit(1'000, "Filters18 radio batteries", T("sp"));
  const std::string big = submit(9'000, "Filters18 armoured vehicle hire", T("sp"));
  const std::string iom = OrgProfessional("org_iom");
  const std::string iom_id = submit(5'000, "Filters18 IOM guards", T(iom));
  EXPECT_EQ(ItemIds(GetAs("/api/v1/fund/requests?q=ARMOURED", fund)), std::vector<std::string>{big});
  EXPECT_EQ(GetAs("/api/v1/fund/requests?q=filters18&limit=500", fund).body["total"], 3);
  EXPECT_EQ(GetAs("/api/v1/fund/requests?q=filters18&organization_id=org_dss&limit=500", fund).body["total"], 2);
  EXPECT_EQ(GetAs("/api/v1/fund/requests?q=filters18&status=refused", fund).body["total"], 0);
  EXPECT_EQ(GetAs("/api/v1/fund/requests?q=filters18&submitted_from=" + Date(-1) + "&submitted_to=" + Date(1), fund)
                .body["total"], 3);
  EXPECT_EQ(GetAs("/api/v1/fund/requests?q=filters18&submitted_to=" + Date(-1), fund).body["total"], 0);
  EXPECT_EQ(GetAs("/api/v1/fund/requests?q=filters18&submitted_from=" + Date(1), fund).body["total"], 0);
  auto asc = Numbers(GetAs("/api/v1/fund/requests?sort=amount&limit=500", fund), "amount_minor");
  EXPECT_TRUE(std::is_sorted(asc.begin(), asc.end()));
  auto desc = Numbers(GetAs("/api/v1/fund/requests?sort=-amount&limit=500", fund), "amount_minor");
  EXPECT_TRUE(std::is_sorted(desc.rbegin(), desc.rend()));
  EXPECT_EQ(ItemIds(GetAs("/api/v1/fund/requests?q=filters18&organization_id=org_dss&sort=-amount", fund)),
            (std::vector<std::string>{big, small}));
  for (const char* sort : {"amount", "-amount", "submitted", "-submitted", "updated", "-updated"}) {
    const std::string path = std::string("/api/v1/fund/requests?sort=") + sort;
    EXPECT_EQ(WalkAs(path, fund), ItemIds(GetAs(path + "&limit=500", fund))) << sort;
  }
  // The IOM security professional reads IOM's requests only, whatever is asked.
  const std::string iom_token = T(iom);
  ASSERT_FALSE(iom_token.empty());
  EXPECT_EQ(ItemIds(GetAs("/api/v1/fund/requests?q=filters18", iom_token)), std::vector<std::string>{iom_id});
  for (const char* q : {"?q=filters18", "?organization_id=org_dss", "?sort=-amount&limit=500", "?q=armoured&sort=submitted"}) {
    auto r = GetAs(std::string("/api/v1/fund/requests") + q, iom_token);
    ASSERT_EQ(r.status, 200) << q << r.raw;
    for (const auto& i : r.body["items"]) EXPECT_EQ(i["organization_id"], "org_iom") << q;
  }
  EXPECT_EQ(GetAs("/api/v1/fund/requests?organization_id=org_dss", iom_token).body["total"], 0);
  ExpectRefused("/api/v1/fund/requests?sort=purpose", fund, "unknown_sort");
  ExpectRefused("/api/v1/fund/requests?submitted_from=01-01-2026", fund, "invalid_value");
  ExpectRefused("/api/v1/fund/requests?donor=x", fund, "unknown_parameter");
  ExpectRefused("/api/v1/fund/requests?sort=amount&cursor=ten%7Cfnr_x", fund, "bad_cursor");
}

TEST_F(ListFiltersMoreTest, BudgetsFilterBySearchStatusYearDatesAndSort) {
  auto draft = [&](int year) {
    auto r = Post("/api/v1/budgets", json{{"country_id", "cty_carana"}, {"year", year}, {"currency", "USD"}}, "sp");
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  };
  const std::string a = draft(2081), b = draft(2082);
  auto mine = Get("/api/v1/budgets?q=CARANA&limit=500", "sp");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_TRUE(Has(mine.body["items"], "id", a));
  EXPECT_TRUE(Has(mine.body["items"], "id", b));
  EXPECT_EQ(ItemIds(Get("/api/v1/budgets?year=2082", "sp")), std::vector<std::string>{b});
  EXPECT_TRUE(Has(Get("/api/v1/budgets?status=draft&limit=500", "sp").body["items"], "id", a));
  EXPECT_FALSE(Has(Get("/api/v1/budgets?status=approved&limit=500", "sp").body["items"], "id", a));
  const std::string ref = Get("/api/v1/budgets/" + a, "sp").body["reference_date"];
  ASSERT_EQ(ref.size(), 10u);
  EXPECT_TRUE(Has(Get("/api/v1/budgets?reference_from=" + ref + "&reference_to=" + ref + "&limit=500", "sp").body["items"],
                  "id", a));
  EXPECT_FALSE(Has(Get("/api/v1/budgets?reference_to=" + DayBefore(ref) + "&limit=500", "sp").body["items"], "id", a));
  auto years = Numbers(Get("/api/v1/budgets?sort=year&limit=500", "sp"), "year");
  EXPECT_TRUE(std::is_sorted(years.begin(), years.end()));
  auto back = Numbers(Get("/api/v1/budgets?sort=-year&limit=500", "sp"), "year");
  EXPECT_TRUE(std::is_sorted(back.rbegin(), back.rend()));
  for (const char* sort : {"year", "-year", "total", "-total", "country", "updated", "-updated"}) {
    const std::string path = std::string("/api/v1/budgets?sort=") + sort;
    EXPECT_EQ(WalkAs(path, T("sp")), ItemIds(Get(path + "&limit=500", "sp"))) << sort;
  }
  // A reader without a country-wide budget grant sees none, whatever the search or sort.
  const std::string area_only = NewUser("filters18_budget_area", "org_wfp",
                                        json::array({{{"role", "finance"}, {"country_id", "cty_carana"}, {"area_id", "area_1"}}}));
  for (const char* q : {"?q=carana", "?year=2081", "?sort=-total&limit=500", "?status=draft&reference_from=2000-01-01"}) {
    auto r = GetAs(std::string("/api/v1/budgets") + q, area_only);
    ASSERT_EQ(r.status, 200) << q << r.raw;
    EXPECT_EQ(r.body["total"], 0) << q;
  }
  ExpectRefused("/api/v1/budgets?status=signed", T("sp"), "invalid_value");
  ExpectRefused("/api/v1/budgets?sort=currency", T("sp"), "unknown_sort");
  ExpectRefused("/api/v1/budgets?reference_from=2026-13-01", T("sp"), "invalid_value");
  ExpectRefused("/api/v1/budgets?area_id=area_1", T("sp"), "unknown_parameter");
}

TEST_F(ListFiltersMoreTest, GovernanceMeetingsDecisionsAndBodiesFilterAndSort) {
  const std::string gov = S().Login("gov");
  ASSERT_FALSE(gov.empty());
  auto bodies = GetAs("/api/v1/governance/bodies?limit=500", gov);
  ASSERT_EQ(bodies.status, 200) << bodies.raw;
  ASSERT_FALSE(bodies.body["items"].empty());
  const std::string body = bodies.body["items"][0]["id"];
  const std::string body_name = bodies.body["items"][0]["name"];
  auto meet = [&](const std::string& held, const std::string& title) {
    auto r = S().Call("POST", "/api/v1/governance/meetings",
                      json{{"body_id", body}, {"held_on", held}, {"title", title}, {"summary", "Filters18 minutes"}}, gov);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  };
  const std::string m1 = meet("2031-03-01", "Filters18 alpha review"), m2 = meet("2031-06-01", "Filters18 budget round");
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/meetings?q=BUDGET%20round", gov)), std::vector<std::string>{m2});
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/meetings?q=filters18&held_to=2031-04-01", gov)), std::vector<std::string>{m1});
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/meetings?q=filters18&held_from=2031-04-01", gov)), std::vector<std::string>{m2});
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/meetings?q=filters18&sort=-held", gov)), (std::vector<std::string>{m2, m1}));
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/meetings?q=filters18&sort=title", gov)), (std::vector<std::string>{m1, m2}));
  auto decide = [&](const std::string& meeting, const std::string& text, const std::string& due) {
    auto r = S().Call("POST", "/api/v1/governance/decisions",
                      json{{"meeting_id", meeting}, {"text", text}, {"tasked_to", "Filters18 desk"}, {"due_on", due}}, gov);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  };
  const std::string d1 = decide(m1, "Filters18 renew the radio contract", "2031-04-01");
  const std::string d2 = decide(m2, "Filters18 hire two guards", "2031-09-01");
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/decisions?q=RADIO", gov)), std::vector<std::string>{d1});
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/decisions?q=filters18&due_from=2031-05-01", gov)), std::vector<std::string>{d2});
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/decisions?q=filters18&due_to=2031-05-01", gov)), std::vector<std::string>{d1});
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/decisions?q=filters18&sort=-due", gov)), (std::vector<std::string>{d2, d1}));
  EXPECT_EQ(ItemIds(GetAs("/api/v1/governance/decisions?q=filters18&meeting_id=" + m2, gov)), std::vector<std::string>{d2});
  EXPECT_TRUE(Has(GetAs("/api/v1/governance/bodies?q=" + UrlEscape(body_name), gov).body["items"], "id", body));
  for (const auto& [list, sorts] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"meetings", {"held", "-held", "title", "-title", "updated"}},
           {"decisions", {"due", "-due", "updated", "-updated"}},
           {"bodies", {"name", "-name", "updated"}}}) {
    for (const auto& sort : sorts) {
      const std::string path = "/api/v1/governance/" + list + "?sort=" + sort;
      EXPECT_EQ(WalkAs(path, gov), ItemIds(GetAs(path + "&limit=500", gov))) << path;
    }
  }
  ExpectRefused("/api/v1/governance/meetings?sort=due", gov, "unknown_sort");
  ExpectRefused("/api/v1/governance/meetings?held_from=2031-02-30", gov, "invalid_value");
  ExpectRefused("/api/v1/governance/decisions?colour=1", gov, "unknown_parameter");
  ExpectRefused("/api/v1/governance/bodies?q=" + std::string(201, 'x'), gov, "too_long");
}

TEST_F(ListFiltersMoreTest, WorkforceAndActionPlanFilterSearchAndSort) {
  auto person = [&](const std::string& org, const std::string& name, const std::string& user) {
    json body{{"organization_id", org}, {"full_name", name}, {"area_id", "area_2"}, {"category", "national"},
              {"post", "Filters18 field security associate"}};
    auto r = Post("/api/v1/workforce", body, user);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  };
  const std::string zed = person("org_iom", "Zed Filters18", "hq"), amal = person("org_iom", "Amal Filters18", "hq");
  const std::string wfp = person("org_wfp", "Wanjiru Filters18", "dss");
  EXPECT_EQ(Get("/api/v1/workforce?q=FILTERS18&limit=500", "dss").body["total"], 3);
  EXPECT_EQ(ItemIds(Get("/api/v1/workforce?q=filters18&organization_id=org_wfp", "dss")), std::vector<std::string>{wfp});
  EXPECT_EQ(ItemIds(Get("/api/v1/workforce?q=filters18&sort=name", "hq")), (std::vector<std::string>{amal, zed}));
  EXPECT_EQ(ItemIds(Get("/api/v1/workforce?q=filters18&sort=-name", "hq")), (std::vector<std::string>{zed, amal}));
  // IOM's security manager: IOM's people only, whatever is asked.
  for (const char* q : {"?q=wanjiru", "?organization_id=org_wfp", "?sort=name&limit=500", "?q=filters18&sort=-updated"}) {
    auto r = Get(std::string("/api/v1/workforce") + q, "hq");
    ASSERT_EQ(r.status, 200) << q << r.raw;
    for (const auto& i : r.body["items"]) EXPECT_EQ(i["organization_id"], "org_iom") << q;
  }
  for (const char* sort : {"name", "-name", "updated", "-updated"}) {
    const std::string path = std::string("/api/v1/workforce?sort=") + sort;
    EXPECT_EQ(WalkAs(path, T("dss")), ItemIds(Get(path + "&limit=500", "dss"))) << sort;
  }
  ExpectRefused("/api/v1/workforce?sort=post", T("dss"), "unknown_sort");
  ExpectRefused("/api/v1/workforce?skill=x", T("dss"), "unknown_parameter");

  const std::string gov = S().Login("gov");
  auto item = [&](const std::string& code, const std::string& title, const std::string& due) {
    auto r = S().Call("POST", "/api/v1/action-plan/items",
                      json{{"code", code}, {"title", title}, {"category", "no_regret"}, {"lead", "DSS"}, {"due_on", due}}, gov);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  };
  const std::string i1 = item("f18-b", "Filters18 radio network", "2032-02-01");
  const std::string i2 = item("f18-a", "Filters18 guard force", "2032-08-01");
  EXPECT_EQ(ItemIds(Get("/api/v1/action-plan/items?q=RADIO%20net", "sp")), std::vector<std::string>{i1});
  EXPECT_EQ(ItemIds(Get("/api/v1/action-plan/items?q=filters18&sort=code", "sp")), (std::vector<std::string>{i2, i1}));
  EXPECT_EQ(ItemIds(Get("/api/v1/action-plan/items?q=filters18&sort=due", "sp")), (std::vector<std::string>{i1, i2}));
  EXPECT_EQ(ItemIds(Get("/api/v1/action-plan/items?q=filters18&due_from=2032-05-01", "sp")), std::vector<std::string>{i2});
  EXPECT_EQ(ItemIds(Get("/api/v1/action-plan/items?q=filters18&due_to=2032-05-01", "sp")), std::vector<std::string>{i1});
  for (const char* sort : {"code", "-code", "due", "-due", "updated"}) {
    const std::string path = std::string("/api/v1/action-plan/items?sort=") + sort;
    EXPECT_EQ(WalkAs(path, T("sp")), ItemIds(Get(path + "&limit=500", "sp"))) << sort;
  }
  ExpectRefused("/api/v1/action-plan/items?sort=title", T("sp"), "unknown_sort");
  ExpectRefused("/api/v1/action-plan/items?due_to=2032-02-31", T("sp"), "invalid_value");
}

}  // namespace
}  // namespace srm::testing
