#include "domain/working_time.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

#include <date/tz.h>

namespace srm::domain {

namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr int64_t kMillisPerDay = 86'400'000;

const date::time_zone* FindZone(std::string_view name) {
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {  // the library reports an unknown name by throwing
    return nullptr;
  }
}

}  // namespace

std::optional<WorkingWeek> ParseWorkingWeek(std::string_view text) {
  WorkingWeek week{};
  bool any = false;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (comma != std::string_view::npos && text.empty()) return std::nullopt;  // trailing comma
    auto it = std::find(kDayNames.begin(), kDayNames.end(), name);
    if (it == kDayNames.end()) return std::nullopt;
    size_t i = static_cast<size_t>(it - kDayNames.begin());
    if (week[i]) return std::nullopt;
    week[i] = true;
    any = true;
  }
  if (!any) return std::nullopt;
  return week;
}

std::string FormatWorkingWeek(const WorkingWeek& week) {
  std::string out;
  // Monday first, as people write a week; Sunday last.
  for (size_t k = 1; k <= 7; ++k) {
    size_t i = k % 7;
    if (!week[i]) continue;
    if (!out.empty()) out += ',';
    out += kDayNames[i];
  }
  return out;
}

bool IsKnownTimeZone(std::string_view name) { return FindZone(name) != nullptr; }

Result<WorkingCalendar> WorkingCalendar::Make(std::string time_zone, WorkingWeek week,
                                              const std::vector<std::string>& holidays) {
  WorkingCalendar c;
  c.zone_ = FindZone(time_zone);
  if (c.zone_ == nullptr)
    return Unprocessable("unknown_time_zone", "the time zone is not an IANA zone name", "time_zone");
  if (std::none_of(week.begin(), week.end(), [](bool b) { return b; }))
    return Unprocessable("empty_working_week", "a working week needs at least one working day", "working_week");
  for (const auto& h : holidays) {
    auto day = calendar::ParseIsoDate(h);
    if (!day) return Unprocessable("holiday_invalid", "a holiday is a YYYY-MM-DD date", "holidays");
    c.holidays_.push_back(*day);
  }
  std::sort(c.holidays_.begin(), c.holidays_.end());
  c.holidays_.erase(std::unique(c.holidays_.begin(), c.holidays_.end()), c.holidays_.end());
  c.zone_name_ = std::move(time_zone);
  c.week_ = week;
  return c;
}

calendar::Day WorkingCalendar::LocalDay(int64_t millis) const {
  using namespace std::chrono;
  sys_time<milliseconds> t{milliseconds{millis}};
  auto local = zone_->to_local(t);
  auto day = date::floor<days>(local);
  return static_cast<calendar::Day>(day.time_since_epoch().count());
}

bool WorkingCalendar::IsWorkingDay(calendar::Day local_day) const {
  // 1970-01-01 was a Thursday (4).
  int wday = static_cast<int>(((static_cast<int64_t>(local_day) % 7) + 7 + 4) % 7);
  if (!week_[static_cast<size_t>(wday)]) return false;
  return !std::binary_search(holidays_.begin(), holidays_.end(), local_day);
}

int64_t WorkingCalendar::LocalMidnightMillis(calendar::Day local_day) const {
  using namespace std::chrono;
  date::local_time<milliseconds> midnight{milliseconds{static_cast<int64_t>(local_day) * kMillisPerDay}};
  // earliest: on a repeated midnight, the first; on a skipped one, the instant the day begins.
  auto sys = zone_->to_sys(midnight, date::choose::earliest);
  return sys.time_since_epoch().count();
}

int64_t WorkingCalendar::WorkingMillis(int64_t start_millis, int64_t end_millis) const {
  if (end_millis <= start_millis) return 0;
  int64_t total = 0;
  calendar::Day last = LocalDay(end_millis);
  for (calendar::Day d = LocalDay(start_millis); d <= last; ++d) {
    if (!IsWorkingDay(d)) continue;
    int64_t from = std::max(start_millis, LocalMidnightMillis(d));
    int64_t to = std::min(end_millis, LocalMidnightMillis(d + 1));
    if (to > from) total += to - from;
  }
  return total;
}

double WorkingCalendar::WorkingHours(int64_t start_millis, int64_t end_millis) const {
  return static_cast<double>(WorkingMillis(start_millis, end_millis)) / 3'600'000.0;
}

int WorkingCalendar::WorkingDays(int64_t start_millis, int64_t end_millis) const {
  if (end_millis <= start_millis) return 0;
  int n = 0;
  calendar::Day last = LocalDay(end_millis);
  for (calendar::Day d = LocalDay(start_millis) + 1; d <= last; ++d)
    if (IsWorkingDay(d)) ++n;
  return n;
}

}  // namespace srm::domain
