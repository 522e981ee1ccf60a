// An incident file (srm incidents import, POST /api/v1/incidents/import), through the CSV reader
// (evidence/csv_reader.cpp), the layouts and their dates (formats.cpp, dates.cpp) and the import
// pipeline (importer.cpp), as the import job runs them: built-in layout detection, and the shipped
// OSAC column mapping. Every string the import hands on (incidents, refused rows, the error of a
// refused file) ends up in JSON answers and job records: it must be valid UTF-8. The reader alone
// runs again with small limits, reading the input in small pieces, to reach its limit and
// buffer-boundary paths.
#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "domain/method.h"
#include "evidence/csv_reader.h"
#include "evidence/dates.h"
#include "evidence/formats.h"
#include "evidence/importer.h"
#include "fuzz_support.h"
#include "import_check.h"

using namespace srm;
using namespace srm::evidence;

namespace {

using fuzz::Utf8;
using fuzz::Import;
using fuzz::Source;

// The reader alone, with small limits: records, refusals and their excerpts.
void ReadAll(std::string_view in, size_t piece, char delimiter) {
  CsvOptions o;
  o.max_field_bytes = 40;
  o.max_record_bytes = 200;
  o.max_fields = 12;
  o.buffer_bytes = 4096;
  o.delimiter = delimiter;
  CsvReader reader(Source(in, piece), o);
  int64_t last_line = 0;
  for (int guard = 0;; ++guard) {
    fuzz::Expect(guard <= static_cast<int>(in.size()) + 2, "the reader does not advance");
    const CsvReader::Next n = reader.Read();
    if (n == CsvReader::Next::kEnd) break;
    fuzz::Expect(n != CsvReader::Next::kReadError, "a read error from an in-memory source");
    fuzz::Expect(reader.line() >= last_line && reader.line() >= 1, "record line numbers go back");
    last_line = reader.line();
    const std::string excerpt = reader.Excerpt();
    Utf8(excerpt, "an excerpt is not UTF-8");
    fuzz::Expect(excerpt.size() <= 512, "an excerpt is longer than 512 bytes");
    if (n == CsvReader::Next::kBadRecord) {
      Utf8(reader.error(), "a reader error is not UTF-8");
      fuzz::Expect(!reader.error().empty(), "a refused record without a reason");
      continue;
    }
    fuzz::Expect(!reader.fields().empty() && reader.fields().size() <= o.max_fields, "field count out of limits");
    size_t total = 0;
    for (std::string_view f : reader.fields()) {
      fuzz::Expect(f.size() <= o.max_field_bytes, "a field over the limit was returned");
      fuzz::Expect(f.find('\0') == std::string_view::npos, "a field holds a NUL byte");
      Utf8(f, "a field is not UTF-8");
      total += f.size();
      // Every field may be a date in some layout.
      for (DateOrder order : {DateOrder::kAuto, DateOrder::kDayMonth, DateOrder::kMonthDay}) {
        ParsedDate d;
        std::string why;
        if (ParseDate(f, order, &d, &why)) {
          fuzz::Expect(d.day >= calendar::kFirstDay && d.day <= calendar::kLastDay,
                       "a date outside the calendar's years was accepted", f);
        } else {
          Utf8(why, "a date error is not UTF-8");
        }
      }
    }
    fuzz::Expect(total <= o.max_record_bytes, "a record over the limit was returned");
    const auto& fs = reader.fields();
    if (fs.size() >= 3) {
      ParsedDate d;
      std::string why;
      if (!DateFromParts(fs[0], fs[1], fs[2], &d, &why)) Utf8(why, "a date error is not UTF-8");
      if (!DateFromParts(fs[0], fs[1], "", &d, &why)) Utf8(why, "a date error is not UTF-8");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  // The reader's own UTF-8 check (it refuses records that fail it) against the standard's table.
  fuzz::Expect(ValidUtf8(in) == fuzz::WellFormedUtf8(in), "evidence::ValidUtf8 disagrees with the standard");
  const size_t piece = size == 0 ? 1 : 1 + data[size - 1] % 17;
  ReadAll(in, piece, size % 3 == 0 ? ';' : ',');
  Import(in, std::nullopt, 1 << 20);
  static const ColumnMapping osac = [] {
    auto m = ParseColumnMapping(ShippedMapping("osac-humanitarian"));
    if (!m) fuzz::Finding("the shipped OSAC mapping does not parse", m.error().message);
    return *m;
  }();
  Import(in, osac, piece);
  return 0;
}
