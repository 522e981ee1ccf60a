#include "evidence/dates.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>

#include "core/calendar.h"
#include "evidence/csv_reader.h"  // Utf8Prefix: quotes in refusals never split a character
#include "evidence/incident.h"

namespace srm::evidence {

const char* PrecisionName(Precision p) {
  switch (p) {
    case Precision::kNone: return "none";
    case Precision::kPoint: return "point";
    case Precision::kNearest: return "nearest_area";
    case Precision::kAdminName: return "admin1_name";
    case Precision::kCountry: return "country";
  }
  return "none";
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool Number(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// 1..12 for an English month name or its 3-letter abbreviation (case-insensitive), else 0.
unsigned MonthFromName(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kNames{"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};
  std::string low;
  for (char c : s) {
    if (c == '.') continue;
    low.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (low.size() < 3) return 0;
  if (low == "sept") return 9;
  for (unsigned i = 0; i < 12; ++i)
    if (low == kNames[i] || (low.size() == 3 && kNames[i].substr(0, 3) == low)) return i + 1;
  return 0;
}

// The calendar decides; the checks before it only pick the reason to give.
bool Make(int y, unsigned m, unsigned d, std::string_view text, ParsedDate* out, std::string* why) {
  if (y < calendar::kFirstYear || y > calendar::kLastYear) {
    *why = "year out of range in date '" + Utf8Prefix(text, 40) + "' (expected " +
           std::to_string(calendar::kFirstYear) + "-" + std::to_string(calendar::kLastYear) + ")";
    return false;
  }
  if (m < 1 || m > 12) {
    *why = "month out of range in date '" + Utf8Prefix(text, 40) + "'";
    return false;
  }
  const auto day = calendar::FromCivil(y, m, d);
  if (!day) {
    *why = "day out of range in date '" + Utf8Prefix(text, 40) + "'";
    return false;
  }
  out->day = *day;
  return true;
}

// Splits on '-', '/', '.', ' ' and ','; returns up to 4 tokens.
int Tokens(std::string_view s, std::array<std::string_view, 4>* t) {
  int n = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == ' ' || s[i] == ',' || s[i] == '.')) ++i;
    if (i >= s.size()) break;
    size_t j = i;
    while (j < s.size() && !(s[j] == '-' || s[j] == '/' || s[j] == ' ' || s[j] == ',' || s[j] == '.')) ++j;
    if (n == 4) return 5;
    (*t)[n++] = s.substr(i, j - i);
    i = j;
  }
  return n;
}

}  // namespace

bool ParseDate(std::string_view raw, DateOrder order, ParsedDate* out, std::string* why) {
  std::string_view text = Trim(raw);
  out->precision = DatePrecision::kDay;
  if (text.empty()) {
    *why = "date is empty";
    return false;
  }
  // ISO forms: YYYY-MM-DD, optionally followed by 'T' or ' ' and a time.
  if (text.size() >= 10 && std::isdigit(static_cast<unsigned char>(text[0])) && (text[4] == '-' || text[4] == '/') &&
      text[7] == text[4]) {
    int y, m, d;
    if (Number(text.substr(0, 4), &y) && Number(text.substr(5, 2), &m) && Number(text.substr(8, 2), &d) &&
        (text.size() == 10 || text[10] == 'T' || text[10] == ' '))
      return Make(y, static_cast<unsigned>(m), static_cast<unsigned>(d), text, out, why);
  }
  std::array<std::string_view, 4> t;
  const int n = Tokens(text, &t);
  if (n == 3) {
    int a, b, c;
    const bool na = Number(t[0], &a), nb = Number(t[1], &b), nc = Number(t[2], &c);
    // 15 January 2024 / 15-Jan-2024
    if (na && !nb && nc && t[0].size() <= 2) {
      if (unsigned m = MonthFromName(t[1])) return Make(c < 100 ? c + 2000 : c, m, static_cast<unsigned>(a), text, out, why);
    }
    // January 15, 2024
    if (!na && nb && nc) {
      if (unsigned m = MonthFromName(t[0])) return Make(c, m, static_cast<unsigned>(b), text, out, why);
    }
    // 2024 Jan 15
    if (na && !nb && nc && t[0].size() == 4) {
      if (unsigned m = MonthFromName(t[1])) return Make(a, m, static_cast<unsigned>(c), text, out, why);
    }
    if (na && nb && nc) {
      if (t[0].size() == 4) return Make(a, static_cast<unsigned>(b), static_cast<unsigned>(c), text, out, why);
      if (t[2].size() == 4) {
        DateOrder o = order;
        if (o == DateOrder::kAuto) {
          if (a > 12 && b <= 12) o = DateOrder::kDayMonth;
          else if (b > 12 && a <= 12) o = DateOrder::kMonthDay;
          else if (a == b) o = DateOrder::kDayMonth;
          else {
            *why = "ambiguous date '" + Utf8Prefix(text, 40) + "': set date_order to dmy or mdy in the column mapping";
            return false;
          }
        }
        return o == DateOrder::kDayMonth ? Make(c, static_cast<unsigned>(b), static_cast<unsigned>(a), text, out, why)
                                         : Make(c, static_cast<unsigned>(a), static_cast<unsigned>(b), text, out, why);
      }
    }
  }
  *why = "unrecognised date '" + Utf8Prefix(text, 40) +
         "' (expected e.g. 2024-01-15, 15 January 2024 or January 15, 2024)";
  return false;
}

bool DateFromParts(std::string_view year, std::string_view month, std::string_view day, ParsedDate* out,
                   std::string* why) {
  year = Trim(year);
  month = Trim(month);
  day = Trim(day);
  int y;
  if (!Number(year, &y)) {
    *why = year.empty() ? "year is empty" : "year '" + Utf8Prefix(year, 20) + "' is not a number";
    return false;
  }
  const std::string text = std::string(year) + "/" + std::string(month) + "/" + std::string(day);
  if (month.empty()) {
    out->precision = DatePrecision::kYear;
    return Make(y, 7, 1, text, out, why);  // the middle of the year
  }
  int m;
  if (!Number(month, &m)) {
    m = static_cast<int>(MonthFromName(month));
    if (m == 0) {
      *why = "month '" + Utf8Prefix(month, 20) + "' is neither 1-12 nor a month name";
      return false;
    }
  }
  if (day.empty()) {
    out->precision = DatePrecision::kMonth;
    return Make(y, static_cast<unsigned>(m), 15, text, out, why);  // the middle of the month
  }
  int d;
  if (!Number(day, &d)) {
    *why = "day '" + Utf8Prefix(day, 20) + "' is not a number";
    return false;
  }
  out->precision = DatePrecision::kDay;
  return Make(y, static_cast<unsigned>(m), static_cast<unsigned>(d), text, out, why);
}

}  // namespace srm::evidence
