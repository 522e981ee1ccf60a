// A country's calendar as kept through the API (domain/country_calendar_rules.h): one row per rule.
#include "domain/country_calendar_rules.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace srm::domain {
namespace {

using records::CountryCalendar;

CountryCalendar Good() {
  CountryCalendar c;
  c.country_id = "cty_x";
  c.time_zone = "Asia/Riyadh";
  c.working_week = "sun,mon,tue,wed,thu";
  c.holidays = {{"2026-09-23", "National Day"}, {"2026-02-22", "Founding Day"}};
  c.area_zones = {{"area_a", "Asia/Aden"}};
  return c;
}

TEST(CheckCountryCalendar, EveryRule) {
  struct Row {
    const char* name;
    std::function<void(CountryCalendar&)> change;
    const char* code;  // "" = accepted
    const char* field;
  };
  const std::vector<Row> rows = {
      {"good", [](CountryCalendar&) {}, "", ""},
      {"no holidays, no zones", [](CountryCalendar& c) { c.holidays.clear(); c.area_zones.clear(); }, "", ""},
      {"UTC", [](CountryCalendar& c) { c.time_zone = "UTC"; }, "", ""},
      {"K1 unknown zone", [](CountryCalendar& c) { c.time_zone = "Mars/Olympus"; }, "unknown_time_zone", "time_zone"},
      {"K1 empty zone", [](CountryCalendar& c) { c.time_zone = ""; }, "unknown_time_zone", "time_zone"},
      {"K2 empty week", [](CountryCalendar& c) { c.working_week = ""; }, "working_week_invalid", "working_week"},
      {"K2 repeated day", [](CountryCalendar& c) { c.working_week = "mon,mon"; }, "working_week_invalid",
       "working_week"},
      {"K2 unknown day", [](CountryCalendar& c) { c.working_week = "mon,funday"; }, "working_week_invalid",
       "working_week"},
      {"K2 every day", [](CountryCalendar& c) { c.working_week = "mon,tue,wed,thu,fri,sat,sun"; }, "", ""},
      {"K3 too many", [](CountryCalendar& c) { c.holidays.resize(kMaxCountryHolidays + 1, {"2026-01-01", ""}); },
       "too_many_holidays", "holidays"},
      {"K4 not a date", [](CountryCalendar& c) { c.holidays[1].date = "2026-02-30"; }, "holiday_invalid",
       "holidays[1].date"},
      {"K4 other format", [](CountryCalendar& c) { c.holidays[0].date = "23/09/2026"; }, "holiday_invalid",
       "holidays[0].date"},
      {"K5 duplicate", [](CountryCalendar& c) { c.holidays[1].date = "2026-09-23"; }, "holiday_duplicate",
       "holidays[1].date"},
      {"K6 area zone unknown", [](CountryCalendar& c) { c.area_zones[0].time_zone = "Asia/Nowhere"; },
       "unknown_time_zone", "area_zones[0].time_zone"},
      {"K7 area twice", [](CountryCalendar& c) { c.area_zones.push_back({"area_a", "UTC"}); }, "area_zone_duplicate",
       "area_zones[1].area_id"},
      {"first rule wins", [](CountryCalendar& c) { c.time_zone = "x"; c.working_week = ""; }, "unknown_time_zone",
       "time_zone"},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.name);
    CountryCalendar c = Good();
    r.change(c);
    const Status st = CheckCountryCalendar(c);
    if (*r.code == 0) {
      EXPECT_TRUE(st.has_value()) << st.error().code;
    } else {
      ASSERT_FALSE(st.has_value());
      EXPECT_EQ(st.error().code, r.code);
      EXPECT_EQ(st.error().field, r.field);
    }
  }
}

TEST(SortHolidays, DateOrder) {
  CountryCalendar c = Good();
  SortHolidays(c);
  EXPECT_EQ(c.holidays[0].date, "2026-02-22");
  EXPECT_EQ(c.holidays[1].date, "2026-09-23");
}

}  // namespace
}  // namespace srm::domain
