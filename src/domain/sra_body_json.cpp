#include "domain/sra_body_json.h"

#include "core/strict_json.h"
#include "domain/sra_json.h"

namespace srm::domain {

using nlohmann::json;

Result<SraCreateBody> SraCreateBodyFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SraCreateBody in;
  SRM_ASSIGN(area_id, strict_json::Text(body, "area_id", true, 64));
  in.area_id = std::move(area_id);
  // The title is checked here only for presence; its limits are the header reader's.
  SRM_TRY(strict_json::Text(body, "title", true, 300));
  SRM_ASSIGN(kind, strict_json::OptionalText(body, "kind", 16));
  if (kind) {
    in.kind = KindFromName(*kind);
    if (!in.kind) return Invalid("invalid_value", "kind must be area or specific", "kind");
  }
  SRM_ASSIGN(org, strict_json::OptionalText(body, "organization_id", 64));
  in.organization_id = std::move(org);
  in.fields = body;
  for (const char* k : {"area_id", "kind", "organization_id"}) in.fields.erase(k);
  return in;
}

Result<std::optional<int64_t>> RevisionFrom(const json& body) {
  if (!body.is_object()) return std::optional<int64_t>();
  return strict_json::OptionalInt(body, "revision", "revision must be an integer");
}

Result<SraEditBody> SraEditBodyFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SraEditBody in;
  SRM_ASSIGN(revision, RevisionFrom(body));
  in.revision = revision;
  for (const char* k : {"area_id", "kind", "organization_id"})
    if (body.contains(k))
      return Invalid("immutable_field", "area, kind and organization are fixed when an SRA is created", k);
  in.fields = body;
  in.fields.erase("revision");
  return in;
}

Result<SraTransitionBody> SraTransitionBodyFrom(const json& body) {
  SRM_TRY(strict_json::OnlyFields(body, {"action", "comment", "revision"}));
  if (!body.contains("action") || body["action"].is_null())
    return Invalid("required", "action is required: submit, review, endorse, approve or return", "action");
  SRM_ASSIGN(name, strict_json::Text(body, "action", true, 32));
  auto action = ActionFromName(name);
  if (!action)
    return Unprocessable("unknown_action", "action must be submit, review, endorse, approve or return", "action");
  SraTransitionBody in;
  in.action = *action;
  SRM_ASSIGN(comment, strict_json::Text(body, "comment", false, 5000));
  in.comment = std::move(comment);
  SRM_ASSIGN(revision, RevisionFrom(body));
  in.revision = revision;
  return in;
}

Result<RiskRating> RiskRatingFrom(const MethodPack& m, const json& body) {
  SRM_TRY(strict_json::OnlyFields(body, {"likelihood", "impact"}));
  for (const char* k : {"likelihood", "impact"})
    if (!body.contains(k)) return Invalid("required", std::string(k) + " is required", k);
  SRM_ASSIGN(l, ScaleFromJson(m.likelihoods, body["likelihood"], "likelihood"));
  SRM_ASSIGN(i, ScaleFromJson(m.impacts, body["impact"], "impact"));
  return RiskRating{l, i};
}

}  // namespace srm::domain
