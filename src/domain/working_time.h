// Working time of a country (issue 15: service levels are counted "in the area's time zone and
// the country's working week and holidays"). Pure: the zone rules come from the IANA database
// (Debian's tzdata, through Howard Hinnant's date/tz, the C++20 <chrono> zones that libstdc++ 12
// lacks); nothing here reads a clock.
//
// The rule, and why:
// - Working HOURS between two instants = the real elapsed time between them, leaving out every
//   part that falls on a local non-working day (a weekend day of the country's working week, or
//   one of its holidays). A working day counts whole (24 hours, or 23/25 on a DST change day):
//   clearances and SRAs are not handled in office hours only (duty officers, other time zones),
//   and office hours are not recorded per organization, but nobody is expected to answer on a
//   weekend or a holiday. Elapsed time is real time, so a DST change never adds or loses an hour
//   that did not pass.
// - Working DAYS between two instants = the number of local working dates d with
//   start date < d <= end date (the working days that have begun since the start): a request
//   answered the same day is 0 days, one answered the next working day is 1, whatever the hour.
//   Days are whole because a day target ("published within 20 working days") is read that way.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/result.h"

namespace date {
class time_zone;
}

namespace srm::domain {

// Weekday index as in C's tm_wday: 0 = Sunday ... 6 = Saturday.
using WorkingWeek = std::array<bool, 7>;

// "mon,tue,wed,thu,fri" <-> the week; nullopt on an unknown or repeated name or an empty week.
std::optional<WorkingWeek> ParseWorkingWeek(std::string_view text);
std::string FormatWorkingWeek(const WorkingWeek& week);

// Whether a zone name is in the IANA database ("Africa/Cairo"); "UTC" is.
bool IsKnownTimeZone(std::string_view name);

class WorkingCalendar {
 public:
  // Refused: "unknown_time_zone" (zone not in the database), "empty_working_week", "holiday_invalid".
  static Result<WorkingCalendar> Make(std::string time_zone, WorkingWeek week,
                                      const std::vector<std::string>& holidays);

  const std::string& time_zone() const { return zone_name_; }
  const WorkingWeek& week() const { return week_; }

  // The local date an instant (milliseconds since the epoch) falls on in the zone.
  calendar::Day LocalDay(int64_t millis) const;
  bool IsWorkingDay(calendar::Day local_day) const;

  // See the rule above. 0 when end <= start. The walk is one step per local day, so callers bound
  // the span (a report period is capped; an event spans at most its own lifetime).
  int64_t WorkingMillis(int64_t start_millis, int64_t end_millis) const;
  double WorkingHours(int64_t start_millis, int64_t end_millis) const;
  int WorkingDays(int64_t start_millis, int64_t end_millis) const;
  // The first instant of a local date (its midnight, or the first instant after a DST gap).
  int64_t DayStartMillis(calendar::Day local_day) const { return LocalMidnightMillis(local_day); }

 private:
  // UTC instant of local midnight starting `local_day` (the first instant of that date when
  // midnight itself does not exist on a DST change).
  int64_t LocalMidnightMillis(calendar::Day local_day) const;

  std::string zone_name_;
  const date::time_zone* zone_ = nullptr;
  WorkingWeek week_{};
  std::vector<calendar::Day> holidays_;  // sorted
};

}  // namespace srm::domain
