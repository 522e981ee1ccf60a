// The layouts of incident files: the built-in Aid Worker Security Database, ACLED and UCDP GED
// layouts, detected from the header by column names (case-insensitive, ignoring spaces, '_' and
// '-'), and a column-mapping file (JSON) for any other CSV. A bound layout turns one CSV record
// into an Incident or says which field is wrong and why.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "domain/method.h"
#include "evidence/csv_reader.h"
#include "evidence/dates.h"
#include "evidence/incident.h"

namespace srm::evidence {

// Which rows use which vocabulary of the pack's category table: rows whose `column` contains
// `contains` (case-insensitive) use `vocabulary`; otherwise the mapping's default vocabulary.
struct VocabularyRule {
  std::string contains;  // lower-cased
  std::string vocabulary;
};

struct ColumnMapping {
  std::string name;                      // e.g. "acled", "osac-humanitarian"
  std::string vocabulary;                // default vocabulary ("acled", "awsd", "ucdp", ...)
  std::string vocabulary_column;         // optional per-row vocabulary selector
  std::vector<VocabularyRule> vocabulary_rules;
  std::vector<std::string> id;           // first non-empty column is the source id; none = a hash of the row
  std::string date;                      // one date column, or:
  std::string year, month, day;          // Year/Month/Day columns
  DateOrder date_order = DateOrder::kAuto;
  std::string latitude, longitude;
  std::string geo_precision;             // optional column; values >= points_unreliable_from are not points
  int points_unreliable_from = 0;        // 0 = always use coordinates
  std::string country, admin1, location;
  std::string event_type, sub_event_type, actor_type;
  std::vector<std::string> fatalities, aid_victims, un_victims;  // summed columns
  std::string notes;
  // The threat categories rows of a vocabulary that is not built in record (evidence/coverage.h).
  std::vector<std::string> covers;
};

enum class BuiltinFormat { kAwsd, kAcled, kUcdp };
const char* BuiltinFormatName(BuiltinFormat f);
ColumnMapping BuiltinMapping(BuiltinFormat f);

// The built-in format whose key columns the header has, if any.
std::optional<BuiltinFormat> DetectFormat(const std::vector<std::string_view>& header);

// Parses a column-mapping file; a malformed one is refused naming the field at fault.
Result<ColumnMapping> ParseColumnMapping(std::string_view json_text);

// The column mappings shipped in method/mappings/ (name without .json, JSON text).
const std::vector<std::pair<std::string_view, std::string_view>>& ShippedMappings();
// The JSON of a shipped mapping by name, or "" when there is none.
std::string_view ShippedMapping(std::string_view name);

// Normalised header name: lower case, without spaces, '_', '-', '.'.
std::string HeaderKey(std::string_view name);

// Maps an incident's types to a threat category through the pack's table. Thread-safe after
// construction; lookups are cached per distinct combination.
class CategoryMapper {
 public:
  explicit CategoryMapper(const domain::EvidenceParams& params);
  struct Outcome {
    std::string category;  // "" = context only or unmapped
    bool mapped = false;   // a rule matched
  };
  Outcome Map(std::string_view vocabulary, std::string_view event_type, std::string_view sub_event_type,
              std::string_view actor_type) const;

 private:
  const domain::EvidenceParams& params_;
};

// A mapping bound to a file's header: column positions resolved.
class BoundLayout {
 public:
  // Refuses (naming the column) when a column the mapping names is not in the header.
  static Result<BoundLayout> Bind(const ColumnMapping& m, const std::vector<std::string_view>& header);

  // Converts one record. Returns false and fills *refused when the row cannot be used.
  // `max_day`: dates after it are refused (in the future).
  bool Convert(const std::vector<std::string_view>& fields, int64_t line, const CategoryMapper& categories,
               int32_t max_day, Incident* out, RefusedRow* refused) const;

  const ColumnMapping& mapping() const { return m_; }
  size_t header_size() const { return header_size_; }

 private:
  ColumnMapping m_;
  size_t header_size_ = 0;
  std::vector<std::string> header_names_;
  std::vector<int> id_;
  int date_ = -1, year_ = -1, month_ = -1, day_ = -1, lat_ = -1, lon_ = -1, geo_precision_ = -1;
  int country_ = -1, admin1_ = -1, location_ = -1, event_type_ = -1, sub_event_type_ = -1, actor_type_ = -1;
  int notes_ = -1, vocabulary_column_ = -1;
  std::vector<int> fatalities_, aid_victims_, un_victims_;
};

}  // namespace srm::evidence
