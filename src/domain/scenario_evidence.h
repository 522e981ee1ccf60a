// Which incidents are evidence for one scenario, and whether there is evidence at all (SRM-METHOD.md
// section 6; issue 14 finding 6). A scenario may narrow the incidents of its threat category to
// those of some event types, actor types or keywords: "an ambush on the Bosali road" is not every
// battle in the area. A category that no imported source records (ACLED and UCDP GED do not
// record crime; no incident source records hazards) has no evidence: the state says so with a
// reason code instead of suggesting "Very Unlikely" from zero events nobody could have recorded.
// Pure: no store, no evidence engine; the service feeds it what the incidents say.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace srm::domain {

// The incidents a scenario counts among those of its category. Each list is "any of"; an empty
// list does not narrow. Matching is case-insensitive.
struct IncidentSelector {
  std::vector<std::string> event_types;  // equal to the incident's event type or sub-event type
  std::vector<std::string> actor_types;  // equal to the incident's actor type
  std::vector<std::string> keywords;     // contained in its notes, location or types

  bool Narrows() const { return !event_types.empty() || !actor_types.empty() || !keywords.empty(); }
  bool operator==(const IncidentSelector&) const = default;
};

inline constexpr size_t kSelectorMaxEntries = 20;
inline constexpr size_t kSelectorMaxLength = 200;

// What the selector reads of one incident.
struct IncidentText {
  std::string_view event_type, sub_event_type, actor_type, notes, location;
};

bool Selects(const IncidentSelector& s, const IncidentText& incident);

// Refuses lists that are too long, entries that are empty, too long or repeated; names the field
// (field_prefix + "event_types[2]", ...).
Status CheckSelector(const IncidentSelector& s, const std::string& field_prefix);

// {"event_types": [...], "actor_types": [...], "keywords": [...]}, each optional; null = none.
// Refuses other members, non-string entries and what CheckSelector refuses, naming `field`.
Result<IncidentSelector> SelectorFromJson(const nlohmann::json& j, const std::string& field);
nlohmann::json SelectorToJson(const IncidentSelector& s);

// Whether the incidents can suggest a likelihood for a category in an area. Reason codes:
//   evidence_suggested          the sources imported record the category and the area has
//                               incidents: the suggestion stands (zero matching events included)
//   no_source_covers_category   no imported source records this category (none imported at all,
//                               or e.g. only ACLED/UCDP GED for crime, or hazards)
//   no_incidents_in_area        sources cover it, but no incident of any category is placed in the
//                               area over the lookback: the imported data does not reach the area
struct EvidenceVerdict {
  bool has_evidence = false;
  std::string reason;
  bool operator==(const EvidenceVerdict&) const = default;
};
EvidenceVerdict JudgeEvidence(std::string_view category, const std::set<std::string>& covered_categories,
                              int64_t area_incidents_in_lookback);

}  // namespace srm::domain
