#include "api/evidence_body_json.h"

#include <limits>

#include "core/strict_json.h"

namespace srm::api {

using nlohmann::json;

Result<ImportBody> ImportBodyFrom(const json& body) {
  SRM_TRY(strict_json::OnlyFields(body, {"csv", "file_name", "areas", "mapping"}));
  ImportBody in;
  // No length of its own: the request's body limit (api/http) bounds the file.
  SRM_ASSIGN(csv, strict_json::Text(body, "csv", true, std::numeric_limits<size_t>::max()));
  in.csv = std::move(csv);
  SRM_ASSIGN(file_name, strict_json::OptionalText(body, "file_name", 200));
  SRM_ASSIGN(areas, strict_json::OptionalText(body, "areas", 200));
  in.file_name = std::move(file_name);
  in.areas = std::move(areas);
  if (body.contains("mapping")) {
    SRM_TRY(strict_json::Object(body["mapping"], "mapping."));
    in.mapping_json = body["mapping"].dump();
  }
  return in;
}

Result<ScenarioEvidenceQuery> ScenarioEvidenceQueryFrom(const json& body) {
  SRM_TRY(strict_json::OnlyFields(body, {"threat_category", "evidence_filter", "period_days"}));
  ScenarioEvidenceQuery q;
  SRM_ASSIGN(category, strict_json::Text(body, "threat_category", true, 64));
  q.threat_category = std::move(category);
  // The wizard sends null for "the pack's default period" (web/src/components/ScenarioEvidence.tsx).
  if (!(body.contains("period_days") && body["period_days"].is_null()))
    SRM_TRY(strict_json::PatchInt(body, "period_days", 1, 3650, &q.period_days));
  if (body.contains("evidence_filter")) {
    SRM_ASSIGN(filter, domain::SelectorFromJson(body["evidence_filter"], "evidence_filter"));
    q.filter = std::move(filter);
  }
  return q;
}

}  // namespace srm::api
