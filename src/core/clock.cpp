#include "core/clock.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace srm {

int64_t SystemClock::NowMillis() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatTimestamp(int64_t millis) {
  std::time_t secs = static_cast<std::time_t>(millis / 1000);
  int ms = static_cast<int>(millis % 1000);
  if (ms < 0) { ms += 1000; secs -= 1; }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

namespace {
int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  // Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}
// scanf's %d would also take signs and blanks: the fixed positions must be digits ('d').
bool HasShape(const std::string& text, std::string_view shape) {
  if (text.size() < shape.size()) return false;
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != shape[i]) return false;
  return true;
}
bool ValidDate(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}
}  // namespace

bool ParseTimestamp(const std::string& text, int64_t* millis) {
  int y, mo, d, h = 0, mi = 0, s = 0, ms = 0;
  int n = 0;
  if (text.size() == 10) {
    if (!HasShape(text, "dddd-dd-dd")) return false;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return false;
  } else {
    char z = 0;
    if (!HasShape(text, "dddd-dd-ddTdd:dd:dd")) return false;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6)
      return false;
    std::string rest = text.substr(static_cast<size_t>(n));
    if (!rest.empty() && rest[0] == '.') {
      int frac = 0, fn = 0;
      if (std::sscanf(rest.c_str(), ".%3d%n", &frac, &fn) != 1) return false;
      for (int k = 1; k < fn; ++k)
        if (!std::isdigit(static_cast<unsigned char>(rest[static_cast<size_t>(k)]))) return false;
      ms = fn == 4 ? frac : fn == 3 ? frac * 10 : frac * 100;
      rest = rest.substr(static_cast<size_t>(fn));
    }
    if (rest.size() != 1) return false;
    z = rest[0];
    if (z != 'Z') return false;
    if (h > 23 || mi > 59 || s > 60) return false;
  }
  if (!ValidDate(y, mo, d)) return false;
  *millis = ((DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 24 + h) * 60 + mi) * 60000LL +
            s * 1000LL + ms;
  return true;
}

}  // namespace srm
