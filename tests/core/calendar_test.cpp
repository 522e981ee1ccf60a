// The civil-date module: ISO dates in and out, day and month arithmetic, the supported years.
// Expected values are written out (checked with `date -u -d ... +%s`), not computed.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/calendar.h"

namespace srm::calendar {
namespace {

constexpr int64_t kDayMillis = 86'400'000;

struct Known {
  const char* iso;
  Day day;
};
const Known kKnown[] = {
    {"1970-01-01", 0},         {"1970-01-02", 1},          {"1969-12-31", -1},
    {"1900-01-01", -25567},    {"9999-12-31", 2932896},    {"2000-03-01", 11017},
    {"2024-02-29", 19782},     {"2026-11-26", 20783},      {"2100-02-28", 47540},
    {"2200-12-31", 84370},     {"1999-12-31", 10956},      {"2038-01-19", 24855},
};

TEST(Calendar, KnownDays) {
  for (const auto& k : kKnown) {
    EXPECT_EQ(ParseIsoDate(k.iso), k.day) << k.iso;
    EXPECT_EQ(FormatIsoDate(k.day), k.iso) << k.day;
  }
  EXPECT_EQ(kFirstDay, *ParseIsoDate("1900-01-01"));
  EXPECT_EQ(kLastDay, *ParseIsoDate("9999-12-31"));
}

TEST(Calendar, EveryDayRoundTripsAcrossTheSupportedYears) {
  int n = 0;
  for (Day d = kFirstDay; d <= kLastDay; ++d, ++n) {
    const std::string iso = FormatIsoDate(d);
    ASSERT_EQ(ParseIsoDate(iso), d) << iso;
    const Civil c = ToCivil(d);
    ASSERT_EQ(FromCivil(c.year, c.month, c.day), d) << iso;
  }
  EXPECT_EQ(n, 2932896 + 25567 + 1);
}

struct YearCase {
  int year;
  int days;
};
TEST(Calendar, LeapYears) {
  for (const YearCase& y : {YearCase{2023, 365}, {2024, 366}, {1900, 365}, {2000, 366}, {2100, 365}, {2400, 366},
                            {9999, 365}, {9996, 366}}) {
    const Day first = *FromCivil(y.year, 1, 1);
    const Day next = y.year == kLastYear ? kLastDay + 1 : *FromCivil(y.year + 1, 1, 1);
    EXPECT_EQ(DaysBetween(first, next), y.days) << y.year;
    EXPECT_EQ(FromCivil(y.year, 2, 29).has_value(), y.days == 366) << y.year;
  }
}

TEST(Calendar, MonthEnds) {
  const unsigned k2024[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const unsigned k2025[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int year : {2024, 2025}) {
    const unsigned* last = year == 2024 ? k2024 : k2025;
    Day expect = *FromCivil(year, 1, 1);
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= 32; ++d) {
        const auto day = FromCivil(year, m, d);
        ASSERT_EQ(day.has_value(), d <= last[m - 1]) << year << "-" << m << "-" << d;
        if (day) {
          EXPECT_EQ(*day, expect++) << year << "-" << m << "-" << d;
        }
      }
  }
}

TEST(Calendar, RangeLimits) {
  EXPECT_FALSE(FromCivil(1899, 12, 31));
  EXPECT_TRUE(FromCivil(1900, 1, 1));
  EXPECT_TRUE(FromCivil(9999, 12, 31));
  EXPECT_FALSE(FromCivil(10000, 1, 1));
  EXPECT_FALSE(FromCivil(-2026, 1, 1));
  EXPECT_FALSE(FromCivil(2026, 0, 1));
  EXPECT_FALSE(FromCivil(2026, 13, 1));
  EXPECT_FALSE(FromCivil(2026, 256 + 1, 1));  // chrono's month keeps a byte: 257 must not become 1
  EXPECT_FALSE(FromCivil(2026, 1, 0));
  EXPECT_FALSE(FromCivil(2026, 1, 256 + 1));
  EXPECT_FALSE(FromCivil(2026, 1, 4294967295u));
  EXPECT_FALSE(ParseIsoDate("1899-12-31"));
  EXPECT_FALSE(ParseIsoDate("0000-01-01"));
}

TEST(Calendar, MalformedIsoDatesRefused) {
  for (const char* text : {"", "2026", "2026-1-1", "2026-01-1", "26-01-2026", "2026/01/01", "2026.01.01",
                           "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00:00Z", "2026-01-01x", "20260101",
                           "2026-+1-01", "2026--1-01", "+2026-01-0", "-026-01-01", "2026-01- 1", "abcd-ef-gh",
                           "2026-02-29", "2026-02-30", "2026-04-31", "2026-00-10", "2026-13-01", "2026-01-00",
                           "2026-01-32", "1900-02-29", "2100-02-29", "２０２６-01-01"})
    EXPECT_FALSE(ParseIsoDate(text).has_value()) << "'" << text << "'";
}

struct MonthCase {
  const char* from;
  int months;
  const char* to;
};
TEST(Calendar, AddMonthsEndsOnTheTargetMonthsLastDayWhenShorter) {
  for (const MonthCase& c : {
           MonthCase{"2026-01-15", 1, "2026-02-15"},
           {"2026-01-31", 1, "2026-02-28"},
           {"2024-01-31", 1, "2024-02-29"},   // leap year
           {"2026-03-31", 1, "2026-04-30"},
           {"2026-03-31", -1, "2026-02-28"},
           {"2024-02-29", 12, "2025-02-28"},
           {"2024-02-29", 48, "2028-02-29"},
           {"2026-12-31", 1, "2027-01-31"},
           {"2026-11-26", 12, "2027-11-26"},
           {"2026-11-26", 14, "2028-01-26"},
           {"2026-01-10", -13, "2024-12-10"},
           {"2026-05-31", 0, "2026-05-31"},
           {"9999-11-30", 1, "9999-12-30"},
           {"1900-02-28", -1, "1900-01-28"},
       }) {
    const auto got = AddMonths(*ParseIsoDate(c.from), c.months);
    ASSERT_TRUE(got) << c.from << " + " << c.months;
    EXPECT_EQ(FormatIsoDate(*got), c.to) << c.from << " + " << c.months;
  }
  EXPECT_FALSE(AddMonths(*ParseIsoDate("9999-12-01"), 1));
  EXPECT_FALSE(AddMonths(*ParseIsoDate("1900-01-31"), -1));
}

TEST(Calendar, DaysArithmetic) {
  const Day a = *ParseIsoDate("2026-11-01"), b = *ParseIsoDate("2026-11-26");
  EXPECT_EQ(DaysBetween(a, b), 25);
  EXPECT_EQ(DaysBetween(b, a), -25);
  EXPECT_EQ(FormatIsoDate(AddDays(*ParseIsoDate("2024-02-28"), 1)), "2024-02-29");
  EXPECT_EQ(FormatIsoDate(AddDays(*ParseIsoDate("2023-02-28"), 1)), "2023-03-01");
  EXPECT_EQ(FormatIsoDate(AddDays(*ParseIsoDate("2026-12-31"), 1)), "2027-01-01");
  EXPECT_EQ(FormatIsoDate(AddDays(*ParseIsoDate("2026-03-01"), -1)), "2026-02-28");
  EXPECT_EQ(FormatIsoDate(FirstOfMonth(*ParseIsoDate("2024-02-29"))), "2024-02-01");
  EXPECT_EQ(FormatIsoDate(FirstOfMonth(*ParseIsoDate("2024-03-01"))), "2024-03-01");
}

TEST(Calendar, DayOfMillisIsTheUtcDayEvenBeforeTheEpoch) {
  EXPECT_EQ(DayOfMillis(0), 0);
  EXPECT_EQ(DayOfMillis(kDayMillis - 1), 0);
  EXPECT_EQ(DayOfMillis(kDayMillis), 1);
  EXPECT_EQ(DayOfMillis(-1), -1);  // 1969-12-31T23:59:59.999Z
  EXPECT_EQ(DayOfMillis(-kDayMillis), -1);
  EXPECT_EQ(DayOfMillis(-kDayMillis - 1), -2);
  EXPECT_EQ(FormatIsoDate(DayOfMillis(1795694400000)), "2026-11-26");  // 12:00Z
  EXPECT_EQ(MillisOfDay(*ParseIsoDate("2026-11-26")), 1795694400000 - 12 * 3'600'000);
  EXPECT_EQ(MillisOfDay(-1), -kDayMillis);
}

TEST(Calendar, TimestampsAtTheEdgesOfTheSupportedYears) {
  EXPECT_EQ(FormatTimestamp(-2208988800000), "1900-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(253402300799999), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(ParseTimestamp("9999-12-31T23:59:59.999Z"), 253402300799999);
  EXPECT_EQ(ParseTimestamp("1900-01-01"), -2208988800000);
  EXPECT_FALSE(ParseTimestamp("1899-12-31T23:59:59.999Z"));
  EXPECT_FALSE(ParseTimestamp("10000-01-01T00:00:00Z"));
  EXPECT_EQ(ParseTimestamp("2026-06-30T23:59:60Z"), ParseTimestamp("2026-07-01"));  // a leap second
}

// FormatTimestamp writes its digits itself (it runs twice per API request): the text of every
// field at its edges, before 1970 too, and the years outside 0000-9999 as printf's %04d wrote them.
TEST(Calendar, TimestampDigitsAtEveryFieldsEdges) {
  struct Case {
    int64_t millis;
    const char* text;
  };
  const Case cases[] = {
      {0, "1970-01-01T00:00:00.000Z"},
      {1, "1970-01-01T00:00:00.001Z"},
      {10, "1970-01-01T00:00:00.010Z"},
      {100, "1970-01-01T00:00:00.100Z"},
      {1796128496789, "2026-12-01T12:34:56.789Z"},
      // a year's last millisecond and the next year's first
      {946684799999, "1999-12-31T23:59:59.999Z"},
      {946684800000, "2000-01-01T00:00:00.000Z"},
      // a leap day's last millisecond; 1900 had none
      {1709251199999, "2024-02-29T23:59:59.999Z"},
      {1709251200000, "2024-03-01T00:00:00.000Z"},
      {-2203891200001, "1900-02-28T23:59:59.999Z"},
      {-2203891200000, "1900-03-01T00:00:00.000Z"},
      // before 1970: the day is the floor, the time of day counts up from its midnight
      {-1, "1969-12-31T23:59:59.999Z"},
      {-999, "1969-12-31T23:59:59.001Z"},
      {-1000, "1969-12-31T23:59:59.000Z"},
      {-kDayMillis, "1969-12-31T00:00:00.000Z"},
      {-kDayMillis - 1, "1969-12-30T23:59:59.999Z"},
      // outside the supported years (never stored), still the same text as before
      {-30610224000001, "0999-12-31T23:59:59.999Z"},
      {-62167219200000, "0000-01-01T00:00:00.000Z"},
      {-62167219200001, "-001-12-31T23:59:59.999Z"},
      {253402300800000, "10000-01-01T00:00:00.000Z"},
  };
  for (const auto& c : cases) EXPECT_EQ(FormatTimestamp(c.millis), c.text) << c.millis;
  EXPECT_EQ(FormatIsoDate(DayOfMillis(-62167219200001)), "-001-12-31");
  EXPECT_EQ(FormatIsoDate(DayOfMillis(253402300800000)), "10000-01-01");
  EXPECT_EQ(FormatIsoDate(DayOfMillis(-30610224000001)), "0999-12-31");
}

}  // namespace
}  // namespace srm::calendar
