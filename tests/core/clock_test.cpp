// Timestamps: RFC 3339 UTC with milliseconds out, YYYY-MM-DD or RFC 3339 UTC in.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/clock.h"

namespace srm {
namespace {

constexpr int64_t kDay = 86'400'000;

int64_t Parse(const std::string& text) {
  int64_t ms = -42;
  EXPECT_TRUE(ParseTimestamp(text, &ms)) << text;
  return ms;
}

// Reference values from `date -u -d ... +%s`.
struct Known {
  const char* text;
  int64_t millis;
};
const Known kKnown[] = {
    {"1970-01-01T00:00:00.000Z", 0},
    {"2026-11-26T12:00:00.000Z", 1795694400000},
    {"1900-01-01T00:00:00.000Z", -2208988800000},
    {"2200-12-31T23:59:59.999Z", 7289654399999},
    {"2024-02-29T00:00:00.000Z", 1709164800000},
    {"2000-02-29T13:45:30.250Z", 951831930250},
    {"1969-12-31T23:59:59.999Z", -1},
};

TEST(Timestamp, FormatKnownInstants) {
  for (const auto& k : kKnown) EXPECT_EQ(FormatTimestamp(k.millis), k.text) << k.millis;
}

TEST(Timestamp, ParseKnownInstants) {
  for (const auto& k : kKnown) EXPECT_EQ(Parse(k.text), k.millis) << k.text;
}

TEST(Timestamp, RoundTripAcrossTheSupportedRange) {
  // From 1900 to 2200 in steps that hit every millisecond digit, hour and day of month.
  const int64_t from = -2208988800000, to = 7289654399999;
  const int64_t step = 7 * kDay + 3 * 3'600'000 + 17 * 60'000 + 13'000 + 377;
  int n = 0;
  for (int64_t t = from; t <= to; t += step, ++n) {
    const std::string text = FormatTimestamp(t);
    int64_t back = 0;
    ASSERT_TRUE(ParseTimestamp(text, &back)) << text;
    ASSERT_EQ(back, t) << text;
  }
  EXPECT_GT(n, 10000);
}

TEST(Timestamp, DateOnlyIsUtcMidnight) {
  EXPECT_EQ(Parse("2026-11-26"), Parse("2026-11-26T00:00:00Z"));
  EXPECT_EQ(Parse("2026-11-26"), 1795694400000 - 12 * 3'600'000);
  EXPECT_EQ(Parse("1970-01-01"), 0);
}

TEST(Timestamp, FractionsOfASecond) {
  const int64_t base = Parse("2026-01-01T00:00:00Z");
  EXPECT_EQ(Parse("2026-01-01T00:00:00.5Z") - base, 500);
  EXPECT_EQ(Parse("2026-01-01T00:00:00.05Z") - base, 50);
  EXPECT_EQ(Parse("2026-01-01T00:00:00.005Z") - base, 5);
  EXPECT_EQ(Parse("2026-01-01T00:00:00.999Z") - base, 999);
}

int64_t YearLength(int year) {
  return (Parse(std::to_string(year + 1) + "-01-01") - Parse(std::to_string(year) + "-01-01")) / kDay;
}

TEST(Timestamp, LeapYears) {
  EXPECT_EQ(YearLength(2023), 365);
  EXPECT_EQ(YearLength(2024), 366);
  EXPECT_EQ(YearLength(1900), 365);  // divisible by 100, not by 400
  EXPECT_EQ(YearLength(2000), 366);  // divisible by 400
  EXPECT_EQ(YearLength(2100), 365);
  EXPECT_EQ(Parse("2024-03-01") - Parse("2024-02-29"), kDay);
  EXPECT_EQ(Parse("2024-02-29") - Parse("2024-02-28"), kDay);
  EXPECT_EQ(Parse("2023-03-01") - Parse("2023-02-28"), kDay);
  EXPECT_EQ(FormatTimestamp(Parse("2024-02-28") + kDay), "2024-02-29T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(Parse("2023-02-28") + kDay), "2023-03-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(Parse("2100-02-28") + kDay), "2100-03-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(Parse("2000-02-28") + kDay), "2000-02-29T00:00:00.000Z");
}

TEST(Timestamp, EveryDayOfEveryMonthIn2024And2025) {
  const int days_2024[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days_2025[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int year : {2024, 2025}) {
    const int* days = year == 2024 ? days_2024 : days_2025;
    int64_t expect = Parse(std::to_string(year) + "-01-01");
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= 32; ++d) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m, d);
        int64_t ms = 0;
        const bool ok = ParseTimestamp(buf, &ms);
        EXPECT_EQ(ok, d <= days[m - 1]) << buf;
        if (ok) {
          EXPECT_EQ(ms, expect) << buf;
          expect += kDay;
        }
      }
  }
}

TEST(Timestamp, InvalidRefused) {
  for (const char* text : {
           "",
           "2026",
           "2026-1-1",
           "2026-02-29",  // 2026 is not a leap year
           "1900-02-29",
           "2100-02-29",
           "2026-02-30",
           "2026-04-31",
           "2026-13-01",
           "2026-00-01",
           "2026-01-00",
           "2026-01-32",
           "1899-12-31",  // outside the supported range (core/calendar: 1900-9999)
           "10000-01-01",
           "2026/01/01",
           "01-01-2026",
           "2026-01-01x",
           "2026-01-01T",
           "2026-01-01T00:00:00",        // no zone
           "2026-01-01T00:00:00+02:00",  // UTC only
           "2026-01-01T00:00Z",
           "2026-01-01 00:00:00Z",
           "2026-01-01T24:00:00Z",
           "2026-01-01T23:60:00Z",
           "2026-01-01T23:59:61Z",
           "2026-01-01T00:00:00.Z",
           "2026-01-01T00:00:00.1234Z",
           "2026-01-01T00:00:00ZZ",
           "2026-01-01T00:00:00z",
           // Signs and blanks that scanf would swallow are not digits.
           "2026-+1-01",
           "2026--1-01",
           " 2026-1-01",
           "+2026-01-0",
           "2026-01-01T-1:00:00Z",
           "2026-01-01T 1:00:00Z",
           "2026-01-01T00:-1:00Z",
           "2026-01-01T00:00:-1Z",
           "2026-01-01T00:00:00.-5Z",
           "2026-01-01T00:00:00.+5Z",
       }) {
    int64_t ms = 1234;
    EXPECT_FALSE(ParseTimestamp(text, &ms)) << "'" << text << "' accepted as " << ms;
    EXPECT_EQ(ms, 1234) << "output untouched on failure: " << text;
  }
}

TEST(SystemClock, NowIsAfter2025AndMonotonicEnough) {
  SystemClock clock;
  const int64_t a = clock.NowMillis();
  const int64_t b = clock.NowMillis();
  EXPECT_GT(a, Parse("2025-01-01"));
  EXPECT_LE(a, b);
}

}  // namespace
}  // namespace srm
