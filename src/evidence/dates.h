// Dates in the forms incident sources use: 2024-01-15 (also with a time, or with '/'),
// 15 January 2024, 15-Jan-2024, January 15, 2024, 15/01/2024 (with a day/month order), and
// Year/Month/Day columns where Month or Day may be blank.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace srm::evidence {

enum class DateOrder { kAuto, kDayMonth, kMonthDay };

enum class DatePrecision : uint8_t { kDay = 0, kMonth = 1, kYear = 2 };

struct ParsedDate {
  int32_t day = 0;  // days since 1970-01-01
  DatePrecision precision = DatePrecision::kDay;
};

// Parses one date text. On failure returns false and sets *why (e.g. "ambiguous date '03/04/2021':
// set date_order to dmy or mdy").
bool ParseDate(std::string_view text, DateOrder order, ParsedDate* out, std::string* why);

// Year, Month and Day columns (Month and Day may be blank: the middle of the year or month is
// used and the precision says so). Month may be a number or a month name.
bool DateFromParts(std::string_view year, std::string_view month, std::string_view day, ParsedDate* out,
                   std::string* why);

}  // namespace srm::evidence
