#include "core/calendar.h"

#include <chrono>
#include <cstdio>

namespace srm::calendar {

namespace chr = std::chrono;

namespace {

constexpr Day DayOf(chr::year_month_day ymd) { return chr::sys_days{ymd}.time_since_epoch().count(); }
constexpr chr::year_month_day Ymd(Day day) { return chr::year_month_day{chr::sys_days{chr::days{day}}}; }

static_assert(DayOf(chr::year{kFirstYear} / chr::January / 1) == kFirstDay);
static_assert(DayOf(chr::year{kLastYear} / chr::December / 31) == kLastDay);

bool InRange(chr::year y) { return static_cast<int>(y) >= kFirstYear && static_cast<int>(y) <= kLastYear; }

// Digits at the 'd' positions of the shape, the shape's own characters elsewhere; the value of
// the digit runs in order. from_chars or scanf would also take signs and blanks.
bool Fields(std::string_view text, std::string_view shape, int* out) {
  if (text.size() != shape.size()) return false;
  int n = -1;
  bool in_run = false;
  for (size_t i = 0; i < shape.size(); ++i) {
    const char c = text[i];
    if (shape[i] != 'd') {
      if (c != shape[i]) return false;
      in_run = false;
      continue;
    }
    if (c < '0' || c > '9') return false;
    if (!in_run) out[++n] = 0;
    in_run = true;
    out[n] = out[n] * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::optional<Day> FromCivil(int year, unsigned month, unsigned day) {
  // Range first: chrono's year and month constructors leave out-of-range values unspecified.
  if (year < kFirstYear || year > kLastYear || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return DayOf(ymd);
}

Civil ToCivil(Day day) {
  const auto ymd = Ymd(day);
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

std::optional<Day> ParseIsoDate(std::string_view text) {
  int f[3];
  if (!Fields(text, "dddd-dd-dd", f)) return std::nullopt;
  return FromCivil(f[0], static_cast<unsigned>(f[1]), static_cast<unsigned>(f[2]));
}

namespace {
// `width` decimal digits of v (0 <= v < 10^width), leading zeros kept; returns the end.
char* PutDigits(char* p, unsigned v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

// "YYYY-MM-DD" as "%04d-%02u-%02u" writes it, into p (at least 10 characters); returns the end.
// Years outside 0..9999 (never a supported date) take snprintf's path for the same text.
char* PutDate(char* p, const Civil& c, size_t room) {
  if (c.year < 0 || c.year > 9999 || c.month > 99 || c.day > 99)
    return p + std::snprintf(p, room, "%04d-%02u-%02u", c.year, c.month, c.day);
  p = PutDigits(p, static_cast<unsigned>(c.year), 4);
  *p++ = '-';
  p = PutDigits(p, c.month, 2);
  *p++ = '-';
  return PutDigits(p, c.day, 2);
}
}  // namespace

std::string FormatIsoDate(Day day) {
  char buf[32];
  return std::string(buf, PutDate(buf, ToCivil(day), sizeof buf));
}

std::optional<Day> AddMonths(Day day, int months) {
  const auto ymd = Ymd(day);
  const chr::year_month target = chr::year_month{ymd.year(), ymd.month()} + chr::months{months};
  if (!InRange(target.year())) return std::nullopt;
  const chr::year_month_day same_day{target / ymd.day()};
  return same_day.ok() ? DayOf(same_day) : DayOf(chr::year_month_day{target / chr::last});
}

Day FirstOfMonth(Day day) {
  const auto ymd = Ymd(day);
  return DayOf(ymd.year() / ymd.month() / 1);
}

Day DayOfMillis(int64_t millis) {
  const chr::sys_time<chr::milliseconds> t{chr::milliseconds{millis}};
  return chr::floor<chr::days>(t).time_since_epoch().count();
}

int64_t MillisOfDay(Day day) {
  return chr::duration_cast<chr::milliseconds>(chr::days{day}).count();
}

std::string FormatTimestamp(int64_t millis) {
  const chr::sys_time<chr::milliseconds> t{chr::milliseconds{millis}};
  const auto midnight = chr::floor<chr::days>(t);
  const Civil c = ToCivil(midnight.time_since_epoch().count());
  // Milliseconds since midnight: 0 .. 86,399,999 (floor to the day above, also before 1970).
  const auto in_day = static_cast<unsigned>((t - midnight).count());
  // Written as "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ" would write it, without printf's parsing
  // (two calls per API request: the SRA's validity day and the access log).
  char buf[64];
  char* p = PutDate(buf, c, sizeof buf);
  *p++ = 'T';
  p = PutDigits(p, in_day / 3'600'000, 2);
  *p++ = ':';
  p = PutDigits(p, in_day / 60'000 % 60, 2);
  *p++ = ':';
  p = PutDigits(p, in_day / 1000 % 60, 2);
  *p++ = '.';
  p = PutDigits(p, in_day % 1000, 3);
  *p++ = 'Z';
  return std::string(buf, p);
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  if (text.size() == 10) {
    const auto day = ParseIsoDate(text);
    if (!day) return std::nullopt;
    return MillisOfDay(*day);
  }
  // YYYY-MM-DDThh:mm:ss, then an optional fraction of one to three digits, then Z.
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < kShape.size() + 1 || text.back() != 'Z') return std::nullopt;
  int f[6];
  if (!Fields(text.substr(0, kShape.size()), kShape, f)) return std::nullopt;
  std::string_view fraction = text.substr(kShape.size(), text.size() - kShape.size() - 1);
  int ms = 0;
  if (!fraction.empty()) {
    if (fraction.size() < 2 || fraction.size() > 4 || fraction[0] != '.') return std::nullopt;
    fraction.remove_prefix(1);
    for (size_t i = 0; i < 3; ++i) {
      if (i < fraction.size() && (fraction[i] < '0' || fraction[i] > '9')) return std::nullopt;
      ms = ms * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    }
  }
  const int hour = f[3], minute = f[4], second = f[5];
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;  // 60: a leap second
  const auto day = FromCivil(f[0], static_cast<unsigned>(f[1]), static_cast<unsigned>(f[2]));
  if (!day) return std::nullopt;
  const auto since_midnight = chr::hours{hour} + chr::minutes{minute} + chr::seconds{second} + chr::milliseconds{ms};
  return MillisOfDay(*day) + chr::duration_cast<chr::milliseconds>(since_midnight).count();
}

}  // namespace srm::calendar
