// Country calendars: the working week, holidays and time zones SLA measurement counts in
// (domain/working_time.h), read and kept through the API (issue 15). See service/money/slas.h.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/country_calendar_rules.h"
#include "service/money/slas.h"

namespace srm::service {

using domain::Role;
using domain::records::CountryCalendar;

namespace {

constexpr const char* kCalendar = "country_calendar";

std::string CalendarId(const std::string& country_id) { return "cal_" + country_id; }

std::string AuditJson(const CountryCalendar& c) {
  nlohmann::json holidays = nlohmann::json::array(), zones = nlohmann::json::array();
  for (const auto& h : c.holidays) holidays.push_back({{"date", h.date}, {"name", h.name}});
  for (const auto& z : c.area_zones) zones.push_back({{"area_id", z.area_id}, {"time_zone", z.time_zone}});
  return nlohmann::json{{"id", c.id},
                        {"country_id", c.country_id},
                        {"time_zone", c.time_zone},
                        {"working_week", c.working_week},
                        {"holidays", holidays},
                        {"area_zones", zones}}
      .dump();
}

// The role a calendar is kept under, or "" for nobody: an administrator, or the DSS desk (not one
// organization's, not one area's; unscoped or for this country).
std::string KeeperRole(const Principal& p, const std::string& country_id) {
  std::string role;
  for (const auto& g : p.user.grants) {
    if (g.role == Role::kAdmin) return "admin";
    if (g.role == Role::kDssDesk && g.org_id.empty() && g.area_id.empty() &&
        (g.country_id.empty() || g.country_id == country_id))
      role = "dss_desk";
  }
  return role;
}

}  // namespace

Result<CountryCalendarRead> SlaService::GetCalendar(const Principal& p, const std::string& country_id) {
  (void)p;  // every signed-in user: the calendar explains every report's figures
  if (country_id.empty() || country_id.size() > 64) return NotFound("country");
  SRM_ASSIGN(countries, store_->ListCountries());
  if (std::none_of(countries.begin(), countries.end(), [&](const auto& c) { return c.id == country_id; }))
    return NotFound("country " + country_id);
  SRM_ASSIGN(found, store_->GetCountryCalendar(CalendarId(country_id)));
  if (found) return CountryCalendarRead{std::move(*found), true};
  CountryCalendar def;
  def.id = CalendarId(country_id);
  def.country_id = country_id;
  def.time_zone = "UTC";
  def.working_week = "mon,tue,wed,thu,fri";
  return CountryCalendarRead{std::move(def), false};
}

Result<CountryCalendar> SlaService::PutCalendar(const Principal& p, const std::string& country_id,
                                                const CountryCalendarInput& in) {
  SRM_ASSIGN(current, GetCalendar(p, country_id));
  const std::string role = KeeperRole(p, country_id);
  if (role.empty())
    return Fail(ErrorKind::kForbidden, "dss_desk_required",
                "a country's calendar is kept by the DSS desk (for its countries) or an administrator");
  if (in.revision && *in.revision != (current.stored ? current.calendar.revision : 0))
    return Conflict("stale_revision", "the calendar changed since you read it (revision " +
                                          std::to_string(current.stored ? current.calendar.revision : 0) + ")");
  CountryCalendar c = current.calendar;
  c.time_zone = in.time_zone;
  c.working_week = in.working_week;
  c.holidays = in.holidays;
  c.area_zones = in.area_zones;
  SRM_TRY(domain::CheckCountryCalendar(c));
  // Each zone belongs to an area of this country.
  if (!c.area_zones.empty()) {
    SRM_ASSIGN(areas, store_->ListAreas(country_id, false));
    for (size_t i = 0; i < c.area_zones.size(); ++i)
      if (std::none_of(areas.begin(), areas.end(), [&](const auto& a) { return a.id == c.area_zones[i].area_id; }))
        return Unprocessable("unknown_area", "no area " + c.area_zones[i].area_id + " in " + country_id,
                             "area_zones[" + std::to_string(i) + "].area_id");
  }
  domain::SortHolidays(c);
  const std::string now = FormatTimestamp(clock_->NowMillis());
  if (!current.stored) c.created_at = now;
  c.updated_at = now;
  const int64_t expected = current.stored ? current.calendar.revision : 0;
  store::WriteBatch batch;
  batch.records.push_back({store::AnyRecord(c), expected});
  store::AuditEvent audit{p.user.id, p.user.username, role, "country_calendar.put", kCalendar, c.id,
                          current.stored ? AuditJson(current.calendar) : "", AuditJson(c), p.request_id};
  SRM_TRY(store_->Write(batch, {audit}));
  c.revision = expected + 1;
  return c;
}

}  // namespace srm::service
