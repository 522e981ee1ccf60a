// Working time (domain/working_time.h): hand-computed cases, one row each.
#include "domain/working_time.h"

#include <gtest/gtest.h>

#include "core/calendar.h"

namespace srm::domain {
namespace {

int64_t At(const char* utc) { return *calendar::ParseTimestamp(utc); }

WorkingCalendar Cal(const char* zone, const char* week, std::vector<std::string> holidays = {}) {
  auto w = ParseWorkingWeek(week);
  EXPECT_TRUE(w.has_value()) << week;
  auto c = WorkingCalendar::Make(zone, *w, holidays);
  EXPECT_TRUE(c.has_value()) << zone;
  return *c;
}

struct Case {
  const char* name;
  const char* zone;
  const char* week;
  std::vector<std::string> holidays;
  const char* from;  // UTC
  const char* to;    // UTC
  double hours;
  int days;
};

TEST(WorkingTime, HandComputedCases) {
  const char* sat_sun = "mon,tue,wed,thu,fri";
  const char* fri_sat = "sun,mon,tue,wed,thu";
  const char* every_day = "mon,tue,wed,thu,fri,sat,sun";
  // Thursday 2026-11-26 16:00 local to Sunday 2026-11-29 10:00 local; both zones are UTC+3 with
  // no DST, so 13:00Z and 07:00Z.
  const std::vector<Case> cases = {
      // Fri-Sat weekend: Thu 16-24 (8h) + Sun 0-10 (10h); working dates after Thu: Sun.
      {"fri_sat_weekend", "Asia/Riyadh", fri_sat, {}, "2026-11-26T13:00:00Z", "2026-11-29T07:00:00Z", 18, 1},
      // Sat-Sun weekend: Thu 8h + Fri 24h; working dates after Thu: Fri.
      {"sat_sun_weekend", "Africa/Nairobi", sat_sun, {}, "2026-11-26T13:00:00Z", "2026-11-29T07:00:00Z", 32, 1},
      // The Friday a holiday: only Thursday's 8h, no working date begun.
      {"holiday_friday", "Africa/Nairobi", sat_sun, {"2026-11-27"}, "2026-11-26T13:00:00Z", "2026-11-29T07:00:00Z", 8, 0},
      // Fri-Sat weekend, Sunday a holiday: Thursday's 8h.
      {"holiday_sunday", "Asia/Riyadh", fri_sat, {"2026-11-29"}, "2026-11-26T13:00:00Z", "2026-11-29T07:00:00Z", 8, 0},
      // A holiday outside the span changes nothing.
      {"holiday_elsewhere", "Africa/Nairobi", sat_sun, {"2026-12-25"}, "2026-11-26T13:00:00Z", "2026-11-29T07:00:00Z", 32, 1},
      // DST spring forward in Paris (Sun 2026-03-29, 02:00 -> 03:00): Sat 12:00 CET (11:00Z) to
      // Mon 12:00 CEST (10:00Z) is 47 real hours.
      {"dst_spring_every_day", "Europe/Paris", every_day, {}, "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z", 47, 2},
      // ... Sunday working (23 hours long) + Monday 0-12.
      {"dst_spring_sun_thu", "Europe/Paris", fri_sat, {}, "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z", 35, 2},
      // ... Monday only.
      {"dst_spring_mon_fri", "Europe/Paris", sat_sun, {}, "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z", 12, 1},
      // DST fall back (Sun 2026-10-25, 03:00 -> 02:00): Sat 12:00 CEST (10:00Z) to Mon 12:00 CET
      // (11:00Z) is 49 real hours; Sunday counts 25.
      {"dst_fall_every_day", "Europe/Paris", every_day, {}, "2026-10-24T10:00:00Z", "2026-10-26T11:00:00Z", 49, 2},
      {"dst_fall_sun_thu", "Europe/Paris", fri_sat, {}, "2026-10-24T10:00:00Z", "2026-10-26T11:00:00Z", 37, 2},
      // Same local day: hours pass, no working date begun.
      {"same_day", "Africa/Nairobi", sat_sun, {}, "2026-11-26T06:00:00Z", "2026-11-26T09:30:00Z", 3.5, 0},
      // A local date is not the UTC date: 20:00Z-22:30Z Thursday is Thu 23:00 to Fri 01:30 in
      // Riyadh: Thursday's last hour counts, Friday (weekend) neither its hours nor as a day.
      {"local_date_not_utc", "Asia/Riyadh", fri_sat, {}, "2026-11-26T20:00:00Z", "2026-11-26T22:30:00Z", 1, 0},
      // ... while in Nairobi (same offset, Friday working) Friday's 1.5 hours count and so does the day.
      {"local_date_not_utc_sat_sun", "Africa/Nairobi", sat_sun, {}, "2026-11-26T20:00:00Z", "2026-11-26T22:30:00Z", 2.5, 1},
      // End before start: nothing.
      {"reversed", "Africa/Nairobi", sat_sun, {}, "2026-11-29T07:00:00Z", "2026-11-26T13:00:00Z", 0, 0},
  };
  for (const auto& c : cases) {
    auto cal = Cal(c.zone, c.week, c.holidays);
    EXPECT_DOUBLE_EQ(cal.WorkingHours(At(c.from), At(c.to)), c.hours) << c.name;
    EXPECT_EQ(cal.WorkingDays(At(c.from), At(c.to)), c.days) << c.name;
  }
}

TEST(WorkingTime, LocalDayFollowsTheZone) {
  auto riyadh = Cal("Asia/Riyadh", "sun,mon,tue,wed,thu");
  EXPECT_EQ(calendar::FormatIsoDate(riyadh.LocalDay(At("2026-11-26T22:30:00Z"))), "2026-11-27");
  EXPECT_FALSE(riyadh.IsWorkingDay(*calendar::ParseIsoDate("2026-11-27")));  // Friday
  EXPECT_TRUE(riyadh.IsWorkingDay(*calendar::ParseIsoDate("2026-11-29")));   // Sunday
  auto la = Cal("America/Los_Angeles", "mon,tue,wed,thu,fri");
  EXPECT_EQ(calendar::FormatIsoDate(la.LocalDay(At("2026-11-27T03:00:00Z"))), "2026-11-26");
}

TEST(WorkingTime, WeekText) {
  struct Row { const char* text; bool ok; const char* canonical; };
  const std::vector<Row> rows = {
      {"mon,tue,wed,thu,fri", true, "mon,tue,wed,thu,fri"},
      {"sun,mon,tue,wed,thu", true, "mon,tue,wed,thu,sun"},
      {"sat", true, "sat"},
      {"", false, ""},
      {"mon,mon", false, ""},
      {"mon,", false, ""},
      {"Mon", false, ""},
      {"mon tue", false, ""},
  };
  for (const auto& r : rows) {
    auto w = ParseWorkingWeek(r.text);
    EXPECT_EQ(w.has_value(), r.ok) << r.text;
    if (w) {
      EXPECT_EQ(FormatWorkingWeek(*w), r.canonical) << r.text;
    }
  }
}

TEST(WorkingTime, RefusesWhatItCannotCount) {
  auto week = *ParseWorkingWeek("mon,tue,wed,thu,fri");
  EXPECT_EQ(WorkingCalendar::Make("Mars/Olympus", week, {}).error().code, "unknown_time_zone");
  EXPECT_EQ(WorkingCalendar::Make("", week, {}).error().code, "unknown_time_zone");
  EXPECT_EQ(WorkingCalendar::Make("UTC", WorkingWeek{}, {}).error().code, "empty_working_week");
  EXPECT_EQ(WorkingCalendar::Make("UTC", week, {"2026-02-30"}).error().code, "holiday_invalid");
  EXPECT_TRUE(WorkingCalendar::Make("UTC", week, {"2026-12-25", "2026-12-25"}).has_value());
  EXPECT_TRUE(IsKnownTimeZone("Africa/Cairo"));
  EXPECT_FALSE(IsKnownTimeZone("Africa/Atlantis"));
}

}  // namespace
}  // namespace srm::domain
