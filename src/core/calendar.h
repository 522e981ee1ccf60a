// Civil dates, one module for the whole product, on the C++20 calendar of <chrono>: no
// hand-written day arithmetic anywhere else. A date is a Day, the number of days since
// 1970-01-01 (proleptic Gregorian, UTC), so comparing and subtracting dates is plain arithmetic.
//
// Supported years: 1900 to 9999, for every caller (SRA scope and review dates, decision dates,
// incident dates, query parameters, timestamps). 1900 keeps two-digit-year slips and epoch-zero
// junk out; 9999 is the largest year YYYY-MM-DD and RFC 3339 can write, so no stored date (the
// decisions' open-ended "9999-12-31" included) falls outside it.
//
// Callers elsewhere that still wrap these (domain::DayNumber/DayString, evidence::FormatDay) do
// so only for their existing call sites; new code calls this module directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace srm::calendar {

// Days since 1970-01-01.
using Day = int32_t;

inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 9999;
inline constexpr Day kFirstDay = -25567;   // 1900-01-01
inline constexpr Day kLastDay = 2932896;   // 9999-12-31

struct Civil {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

// The day of a calendar date; nullopt unless the date exists (no 2026-02-30) and its year is in
// [kFirstYear, kLastYear].
std::optional<Day> FromCivil(int year, unsigned month, unsigned day);
Civil ToCivil(Day day);

// Exactly YYYY-MM-DD: ten characters, digits where digits belong (no signs, blanks or time),
// a date that exists, a supported year.
std::optional<Day> ParseIsoDate(std::string_view text);
// YYYY-MM-DD.
std::string FormatIsoDate(Day day);

constexpr int DaysBetween(Day from, Day to) { return to - from; }
constexpr Day AddDays(Day day, int days) { return day + days; }

// The same day of the month `months` later (or earlier, when negative). When the target month is
// shorter the result is its last day: 31 Jan + 1 month = 28 Feb (29 Feb in leap years), 31 Mar +
// 1 month = 30 Apr. nullopt when the result's year is outside the supported range.
std::optional<Day> AddMonths(Day day, int months);
// The first day of the day's month.
Day FirstOfMonth(Day day);

// The UTC day an instant (milliseconds since the epoch) falls on, e.g. today from Clock::NowMillis.
Day DayOfMillis(int64_t millis);
// UTC midnight starting the day, in milliseconds since the epoch.
int64_t MillisOfDay(Day day);

// RFC 3339 UTC with milliseconds, e.g. 2026-11-26T12:00:00.000Z.
std::string FormatTimestamp(int64_t millis);
// YYYY-MM-DD (UTC midnight) or YYYY-MM-DDThh:mm:ss[.f{1,3}]Z; nullopt when malformed, not a
// real date or time, or outside the supported years.
std::optional<int64_t> ParseTimestamp(std::string_view text);

}  // namespace srm::calendar
