// Issue 15, country calendars over real HTTP (SQLite, or PostgreSQL with SRM_TEST_PG_URL): the
// working week, holidays and time zones SLA reports count in are read by every signed-in user and
// kept by an administrator or the DSS desk (for its countries), checked, audited, and used by the
// next report at once.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "test_server.h"

namespace srm::testing {
namespace {


class CountryCalendarTest : public SharedServerTest<CountryCalendarTest> {
 protected:
  static std::string NewUser(const std::string& name, const std::string& org, const json& grants) {
    auto u = S().Call("POST", "/api/v1/users",
                      json{{"username", name}, {"password", kPassword}, {"display_name", name},
                           {"organization_id", org}, {"grants", grants}},
                      T("admin"));
    EXPECT_EQ(u.status, 201) << u.raw;
    return S().Login(name, kPassword);
  }
  static json SundayToThursday() {
    return json{{"time_zone", "Africa/Lagos"},
                {"working_week", "sun,mon,tue,wed,thu"},
                {"holidays", json::array({json{{"date", "2026-12-25"}, {"name", "Christmas Day"}},
                                          json{{"date", "2026-01-01"}, {"name", "New Year's Day"}}})},
                {"area_zones", json::array({json{{"area_id", "area_5"}, {"time_zone", "Africa/Douala"}}})}};
  }
  static void AddCountry(const std::string& id, const std::string& area) {
    store::AuditEvent seed{"system", "test", "system", "country.put", "country", id, "", "", ""};
    ASSERT_TRUE(S().app().store->PutCountry({id, "reg_west", "XZ", "Zembla"}, seed).has_value());
    ASSERT_TRUE(S().app().store->PutArea({area, id, "Zembla North", ""}, seed).has_value());
  }
};

TEST_F(CountryCalendarTest, EveryoneReadsTheCalendarTheFiguresAreCountedIn) {
  for (const char* who : {"sp", "finance", "hq", "cell", "auditor", "dss"}) {
    auto r = Get("/api/v1/countries/cty_carana/calendar", T(who));
    ASSERT_EQ(r.status, 200) << who << " " << r.raw;
    EXPECT_TRUE(r.body["stored"].get<bool>());
    EXPECT_EQ(r.body["time_zone"], "Africa/Lagos");
    EXPECT_EQ(r.body["working_week"], "mon,tue,wed,thu,fri");
    ASSERT_EQ(r.body["holidays"].size(), 12u);  // four a year, last, this and next year
    for (size_t i = 1; i < r.body["holidays"].size(); ++i)
      EXPECT_LT(r.body["holidays"][i - 1]["date"], r.body["holidays"][i]["date"]);
  }
  EXPECT_EQ(Get("/api/v1/countries/cty_carana/calendar", "").status, 401);
  EXPECT_EQ(Get("/api/v1/countries/cty_nope/calendar", T("sp")).status, 404);
  // A country without one: the default, said to be so.
  AddCountry("cty_zembla", "area_zembla");
  auto def = Get("/api/v1/countries/cty_zembla/calendar", T("finance"));
  ASSERT_EQ(def.status, 200) << def.raw;
  EXPECT_FALSE(def.body["stored"].get<bool>());
  EXPECT_EQ(def.body["time_zone"], "UTC");
  EXPECT_EQ(def.body["working_week"], "mon,tue,wed,thu,fri");
  EXPECT_EQ(def.body["revision"], 0);
  EXPECT_TRUE(def.body["updated_at"].is_null());
}

TEST_F(CountryCalendarTest, OnlyTheDssDeskOrAnAdministratorKeepsItCheckedAndAudited) {
  const std::string path = "/api/v1/countries/cty_carana/calendar";
  for (const char* who : {"sp", "finance", "hq", "cell", "smt", "auditor", "do", "exec"}) {
    auto r = Put(path, SundayToThursday(), T(who));
    EXPECT_EQ(r.status, 403) << who << " " << r.raw;
    EXPECT_EQ(r.Code(), "dss_desk_required") << who;
  }
  EXPECT_EQ(Put(path, SundayToThursday(), "").status, 401);
  AddCountry("cty_zembla2", "area_zembla2");
  // A desk grant for another country, or for one organization only, does not keep Carana's.
  const std::string elsewhere = NewUser("cal_desk_zembla", "org_dss",
                                        json::array({json{{"role", "dss_desk"}, {"country_id", "cty_zembla2"}}}));
  EXPECT_EQ(Put(path, SundayToThursday(), elsewhere).Code(), "dss_desk_required");
  const std::string one_org =
      NewUser("cal_desk_wfp", "org_dss", json::array({json{{"role", "dss_desk"}, {"org_id", "org_wfp"}}}));
  EXPECT_EQ(Put(path, SundayToThursday(), one_org).Code(), "dss_desk_required");

  // Hostile bodies, each with its code and field.
  struct Bad {
    const char* name;
    std::function<void(json&)> change;
    int status;
    const char* code;
    const char* field;
  };
  const std::vector<Bad> bad = {
      {"unknown zone", [](json& b) { b["time_zone"] = "Mars/Olympus"; }, 422, "unknown_time_zone", "time_zone"},
      {"empty week", [](json& b) { b["working_week"] = ""; }, 400, "required", "working_week"},
      {"unknown day", [](json& b) { b["working_week"] = "mon,funday"; }, 422, "working_week_invalid", "working_week"},
      {"a day twice", [](json& b) { b["working_week"] = "sun,sun"; }, 422, "working_week_invalid", "working_week"},
      {"no such date", [](json& b) { b["holidays"][0]["date"] = "2026-02-30"; }, 422, "holiday_invalid",
       "holidays[0].date"},
      {"a date twice", [](json& b) { b["holidays"][1]["date"] = "2026-12-25"; }, 422, "holiday_duplicate",
       "holidays[1].date"},
      {"another country's area", [](json& b) { b["area_zones"][0]["area_id"] = "area_zembla2"; }, 422, "unknown_area",
       "area_zones[0].area_id"},
      {"an area twice", [](json& b) { b["area_zones"].push_back(b["area_zones"][0]); }, 422, "area_zone_duplicate",
       "area_zones[1].area_id"},
      {"unknown field", [](json& b) { b["weekend"] = "fri,sat"; }, 400, "unknown_field", "weekend"},
      {"holidays missing", [](json& b) { b.erase("holidays"); }, 400, "required", "holidays"},
      {"holiday not an object", [](json& b) { b["holidays"][0] = "2026-12-25"; }, 400, "", ""},
      {"zone a number", [](json& b) { b["time_zone"] = 1; }, 400, "", "time_zone"},
      {"too many holidays", [](json& b) { b["holidays"] = json::array(); for (int i = 0; i < 1001; ++i) b["holidays"].push_back(json{{"date", "2026-01-01"}}); },
       400, "", "holidays"},
  };
  for (const auto& c : bad) {
    SCOPED_TRACE(c.name);
    json body = SundayToThursday();
    c.change(body);
    auto r = Put(path, body, T("dss"));
    EXPECT_EQ(r.status, c.status) << r.raw;
    if (*c.code) EXPECT_EQ(r.Code(), c.code);
    if (*c.field) EXPECT_EQ(r.Field(), c.field);
  }
  EXPECT_EQ(Put("/api/v1/countries/cty_nope/calendar", SundayToThursday(), T("dss")).status, 404);
  auto current = Get(path, T("dss"));
  EXPECT_EQ(current.body["working_week"], "mon,tue,wed,thu,fri");  // nothing refused was kept

  // The desk keeps it: Sunday to Thursday, holidays in date order; a stale revision is refused.
  json body = SundayToThursday();
  body["revision"] = current.body["revision"].get<int64_t>() + 5;
  EXPECT_EQ(Put(path, body, T("dss")).Code(), "stale_revision");
  body["revision"] = current.body["revision"];
  auto saved = Put(path, body, T("dss"));
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["working_week"], "sun,mon,tue,wed,thu");
  EXPECT_EQ(saved.body["holidays"][0]["date"], "2026-01-01");
  EXPECT_EQ(saved.body["area_zones"][0]["time_zone"], "Africa/Douala");
  EXPECT_EQ(saved.body["revision"], current.body["revision"].get<int64_t>() + 1);
  auto read = Get(path, T("finance"));
  EXPECT_EQ(read.body["working_week"], "sun,mon,tue,wed,thu");
  EXPECT_EQ(read.body["holidays"].size(), 2u);
  EXPECT_EQ(read.body["revision"], saved.body["revision"]);
  // In the audit chain, before and after.
  auto audit = Get("/api/v1/audit?object_id=cal_cty_carana", T("auditor"));
  ASSERT_EQ(audit.status, 200) << audit.raw;
  bool found = false;
  for (const auto& e : audit.body["items"])
    if (e["action"] == "country_calendar.put" && e["actor"] == "dss") found = true;
  EXPECT_TRUE(found) << audit.raw;
  EXPECT_EQ(Get("/api/v1/audit/verify", T("auditor")).status, 200);

  // The next report counts in it at once (the calendars it names are this one).
  const calendar::Day today = calendar::DayOfMillis(SystemClock().NowMillis());
  auto report = Get("/api/v1/slas/sla_demo_WFP/report?from=" + calendar::FormatIsoDate(calendar::AddDays(today, -364)) +
                        "&to=" + calendar::FormatIsoDate(today),
                    T("finance"));
  ASSERT_EQ(report.status, 200) << report.raw;
  ASSERT_EQ(report.body["calendars"].size(), 1u);
  EXPECT_EQ(report.body["calendars"][0]["working_week"], "sun,mon,tue,wed,thu");
  EXPECT_EQ(report.body["calendars"][0]["holidays"], 2);

  // A first calendar for a country without one; an administrator keeps it too.
  AddCountry("cty_zembla3", "area_zembla3");
  json z = SundayToThursday();
  z["area_zones"] = json::array({json{{"area_id", "area_zembla3"}, {"time_zone", "Europe/Paris"}}});
  auto first = Put("/api/v1/countries/cty_zembla3/calendar", z, T("admin"));
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["revision"], 1);
  EXPECT_TRUE(Get("/api/v1/countries/cty_zembla3/calendar", T("sp")).body["stored"].get<bool>());
}

}  // namespace
}  // namespace srm::testing
