// The JSON edge of the evidence routes: the JSON form of an incident import and the scenario-evidence
// preview, read strictly (core/strict_json.h) into typed values; the same codes and field paths as
// every other body.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/scenario_evidence.h"

namespace srm::api {

// POST /incidents/import as JSON: {csv, file_name?, areas?, mapping?} (the file itself otherwise).
struct ImportBody {
  std::string csv;
  std::optional<std::string> file_name;     // absent: the query's, or "upload.csv"
  std::optional<std::string> areas;         // absent: the query's, or "all"
  std::optional<std::string> mapping_json;  // a column-mapping object, read by the import job
};
// csv required; file_name at most 200 bytes (the service checks it further); mapping an object.
Result<ImportBody> ImportBodyFrom(const nlohmann::json& body);

// POST /areas/{id}/scenario-evidence: {threat_category, evidence_filter?, period_days?}.
struct ScenarioEvidenceQuery {
  std::string threat_category;  // the service refuses a key the pack does not know
  domain::IncidentSelector filter;
  int period_days = 0;  // 0: the pack's default period; null means the same
};
Result<ScenarioEvidenceQuery> ScenarioEvidenceQueryFrom(const nlohmann::json& body);

}  // namespace srm::api
