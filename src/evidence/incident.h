// Plain values of the evidence engine: one incident as imported, and one refused row. Shared by
// the importer, the indicator computation and the incident store (store/incident_store.h).
#pragma once

#include <cstdint>
#include <string>

#include "core/calendar.h"

namespace srm::evidence {

// How an incident was placed in its area.
enum class Precision : uint8_t {
  kNone = 0,         // not placed (reason in Incident::placement_note)
  kPoint = 1,        // its coordinates fall inside (or on the edge of) the area's polygon
  kNearest = 2,      // its coordinates fall just outside every polygon (coast, simplified border):
                     // the nearest area within the tolerance
  kAdminName = 3,    // no usable coordinates: matched by country + admin-1 name
  kCountry = 4,      // no usable coordinates nor admin-1: the country's only area
};
const char* PrecisionName(Precision p);

struct Incident {
  std::string source;        // vocabulary of the row: "acled", "awsd", "ucdp", or a mapping's own
  std::string source_id;     // the source's id of the event; with `source`, the idempotency key
  int32_t day = 0;           // date as days since 1970-01-01 (UTC)
  uint8_t date_precision = 0;  // 0 day, 1 month (day blank), 2 year (month blank)
  bool has_point = false;
  double lat = 0, lon = 0;
  std::string country;       // as given (name or code)
  std::string admin1;
  std::string location;
  std::string event_type, sub_event_type, actor_type;
  std::string category;      // threat category key; "" = context only / not mapped
  bool mapped = true;        // false when no category rule matched the row
  int32_t fatalities = 0;
  int32_t aid_victims = 0;   // aid workers killed, wounded or kidnapped (or organisations hit)
  int32_t un_victims = 0;
  std::string notes;         // at most 2,000 bytes kept
  // Placement.
  std::string area_id;       // "" when not placed
  Precision precision = Precision::kNone;
  std::string placement_note;  // why not placed, or how (e.g. "nearest area 3.2 km")
  int64_t line = 0;          // line of the source file where the record starts

  bool operator==(const Incident&) const = default;
};

// A row the importer refused: kept with its line number and the reason, never silently dropped.
struct RefusedRow {
  int64_t line = 0;
  std::string field;    // column at fault, "" when the whole record
  std::string reason;
  std::string excerpt;  // the start of the raw record (at most 512 bytes, valid UTF-8)

  bool operator==(const RefusedRow&) const = default;
};

// YYYY-MM-DD of a day (days since 1970-01-01); the arithmetic is core/calendar's.
inline std::string FormatDay(int32_t day) { return calendar::FormatIsoDate(day); }

}  // namespace srm::evidence
