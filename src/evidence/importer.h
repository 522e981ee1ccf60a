// The streaming import pipeline, free of storage: CSV records -> layout (built-in format detected
// from the header, or a column mapping) -> validated incidents with their category -> placement in
// an area. Accepted incidents and refused rows go to the sink in batches; memory stays bounded by
// the batch and the CSV reader's limits whatever the file size.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "evidence/area_index.h"
#include "evidence/csv_reader.h"
#include "evidence/formats.h"
#include "evidence/incident.h"

namespace srm::evidence {

struct ImportOptions {
  std::optional<ColumnMapping> mapping;  // absent: detect AWSD / ACLED / UCDP GED from the header
  int32_t max_day = INT32_MAX;           // dates after this day (today) are refused
  size_t batch_rows = 20000;
  int64_t max_refused_kept = 100000;     // refused rows beyond this are counted, not kept one by one
  int64_t give_up_after = 1000;          // refuse the whole file when this many records come first,
                                         // all refused (not an incident file)
  CsvOptions csv;
};

struct ImportCounts {
  std::string layout;          // "acled", "awsd", "ucdp" or the mapping's name
  uint64_t bytes_read = 0, total_bytes = 0;
  int64_t records = 0;         // data records read (excluding the header)
  int64_t accepted = 0;        // valid incidents
  int64_t placed = 0, unplaced = 0;
  int64_t refused = 0, refused_not_kept = 0;
  int64_t unmapped = 0;        // accepted, but no category rule matched their types
  int64_t context_only = 0;    // accepted, category rule says "not counted"
  int64_t inserted = 0, duplicates = 0;  // filled by the sink (idempotency by source id)
  std::array<int64_t, 5> by_precision{};
  std::map<std::string, int64_t> unmapped_types;  // "vocabulary: event type" -> rows (first 50 kinds)
  std::vector<std::string> covers;  // the threat categories the layout's sources record (evidence/coverage.h)
};

class ImportSink {
 public:
  virtual ~ImportSink() = default;
  // One batch, written atomically: the sink adds to counts->inserted / duplicates. Called on a
  // second thread (one call at a time) while the importer reads on; Progress on the caller's.
  virtual Status Write(std::vector<Incident>& incidents, std::vector<RefusedRow>& refused, ImportCounts* counts) = 0;
  virtual void Progress(const ImportCounts&) {}
};

// Runs the import. Returns the counts, or an error when the file is refused as a whole (no
// recognisable header, a mapping column missing, a read error, or only refused records at the
// start); a whole-file refusal before the first batch leaves the sink untouched.
Result<ImportCounts> RunImport(CsvReader::ReadFn read, uint64_t total_bytes, const ImportOptions& opts,
                               const CategoryMapper& categories, const AreaIndex* areas, ImportSink& sink);

}  // namespace srm::evidence
