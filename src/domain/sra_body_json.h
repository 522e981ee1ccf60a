// The request bodies of the SRA routes that are not the SRA's own fields: what POST /sras fixes at
// creation, the revision an edit was based on, the fields PUT /sras/{id} may not change, and the
// likelihood/impact pair of POST /risk/evaluate. Read strictly (core/strict_json.h): the same codes
// and field paths as every other body. The header and scenario fields themselves are read against
// the SRA's methodology pack by domain::ApplySraInput / ApplyScenarioInput (domain/sra_json.h),
// which only the service knows, so those parts travel on as `fields`.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/method.h"
#include "domain/sra.h"

namespace srm::domain {

// POST /sras: {area_id, title, kind?, organization_id?, ...header fields}.
struct SraCreateBody {
  std::string area_id;
  std::optional<SraKind> kind;                 // absent: an area SRA
  std::optional<std::string> organization_id;  // absent: the creator's organization
  nlohmann::json fields;                       // the body without area_id, kind and organization_id
};
// area_id and title required (not blank), kind "area" or "specific" (invalid_value otherwise).
Result<SraCreateBody> SraCreateBodyFrom(const nlohmann::json& body);

// PUT /sras/{id}: the header fields and the revision they were edited from.
struct SraEditBody {
  std::optional<int64_t> revision;  // absent: no stale-edit check
  nlohmann::json fields;            // the body without revision
};
// area_id, kind and organization_id are fixed at creation: immutable_field when sent.
Result<SraEditBody> SraEditBodyFrom(const nlohmann::json& body);

// The revision an edit (header, scenario, transition) was based on: absent -> nullopt, not an
// integer -> invalid_type. A body that is not an object carries none (its own reader refuses it).
Result<std::optional<int64_t>> RevisionFrom(const nlohmann::json& body);

// POST /sras/{id}/transitions: {action, comment?, revision?}; nothing else.
struct SraTransitionBody {
  Action action = Action::kSubmit;
  std::string comment;              // at most 5000 characters, plain text
  std::optional<int64_t> revision;  // absent: no stale-step check
};
// action required (a string; unknown_action, 422, for a name that is no step), comment plain text.
Result<SraTransitionBody> SraTransitionBodyFrom(const nlohmann::json& body);

// POST /risk/evaluate: {likelihood, impact}, each a level name of the pack or 1-5; indexes 0-4.
struct RiskRating {
  int likelihood = 0;
  int impact = 0;
};
Result<RiskRating> RiskRatingFrom(const MethodPack& m, const nlohmann::json& body);

}  // namespace srm::domain
