#include "domain/country_calendar_rules.h"

#include <algorithm>
#include <set>

#include "domain/working_time.h"

namespace srm::domain {

Status CheckCountryCalendar(const records::CountryCalendar& c) {
  // K1
  if (!IsKnownTimeZone(c.time_zone))
    return Unprocessable("unknown_time_zone", "time_zone is an IANA zone name, e.g. Africa/Lagos", "time_zone");
  // K2
  if (!ParseWorkingWeek(c.working_week))
    return Unprocessable("working_week_invalid",
                         "working_week lists the working days once each, e.g. mon,tue,wed,thu,fri or sun,mon,tue,wed,thu",
                         "working_week");
  // K3
  if (c.holidays.size() > kMaxCountryHolidays)
    return Unprocessable("too_many_holidays", "at most " + std::to_string(kMaxCountryHolidays) + " holidays",
                         "holidays");
  // K4, K5
  std::set<std::string> dates;
  for (size_t i = 0; i < c.holidays.size(); ++i) {
    const std::string field = "holidays[" + std::to_string(i) + "].date";
    const auto day = calendar::ParseIsoDate(c.holidays[i].date);
    if (!day || calendar::FormatIsoDate(*day) != c.holidays[i].date)
      return Unprocessable("holiday_invalid", "a holiday's date is YYYY-MM-DD", field);
    if (!dates.insert(c.holidays[i].date).second)
      return Unprocessable("holiday_duplicate", "two holidays on " + c.holidays[i].date, field);
  }
  // K6, K7
  std::set<std::string> areas;
  for (size_t i = 0; i < c.area_zones.size(); ++i) {
    const std::string prefix = "area_zones[" + std::to_string(i) + "].";
    if (!IsKnownTimeZone(c.area_zones[i].time_zone))
      return Unprocessable("unknown_time_zone", "time_zone is an IANA zone name", prefix + "time_zone");
    if (!areas.insert(c.area_zones[i].area_id).second)
      return Unprocessable("area_zone_duplicate", "one zone per area", prefix + "area_id");
  }
  return {};
}

void SortHolidays(records::CountryCalendar& c) {
  std::stable_sort(c.holidays.begin(), c.holidays.end(),
                   [](const records::CountryHoliday& a, const records::CountryHoliday& b) { return a.date < b.date; });
}

}  // namespace srm::domain
