// Codecs of the risk acceptance and avoidance decision records (decision_records_json.h declares
// them): the JSON the API answers and back, lenient on reading like the other codecs.
#include "domain/records/decision_records_json.h"

namespace srm::domain::records {

using nlohmann::json;

namespace {

std::string Str(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<std::string> OptStr(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
int64_t Int(const json& j, const char* k, int64_t def = 0) {
  auto it = j.find(k);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : def;
}
json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json UserJson(const UserRef& u) { return {{"id", u.id}, {"username", u.username}}; }
UserRef UserFrom(const json& j) { return {Str(j, "id"), Str(j, "username")}; }
const json& Obj(const json& j, const char* k) {
  static const json kEmpty = json::object();
  auto it = j.find(k);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

}  // namespace

json ToJson(const RiskAcceptance& r) {
  json j{{"id", r.id},
         {"programme_id", r.programme_id},
         {"activity", r.activity},
         {"organization_id", r.organization_id},
         {"area_id", r.area_id},
         {"area_name", r.area_name},
         {"country_id", r.country_id},
         {"pc", r.pc},
         {"sra_id", r.sra_id},
         {"residual_risk", r.residual_risk},
         {"residual_index", r.residual_index},
         {"signatory", UserJson(r.signatory)},
         {"signatory_role", r.signatory_role},
         {"reasons", r.reasons},
         {"conditions", r.conditions},
         {"expires_on", r.expires_on},
         {"signed_at", r.signed_at},
         {"status", r.status},
         {"voided_at", OrNull(r.voided_at)},
         {"void_reason", OrNull(r.void_reason)}};
  if (r.revision != 0) j["revision"] = r.revision;
  return j;
}

template <>
RiskAcceptance FromJson<RiskAcceptance>(const json& j) {
  RiskAcceptance r;
  r.id = Str(j, "id");
  r.programme_id = Str(j, "programme_id");
  r.activity = Str(j, "activity");
  r.organization_id = Str(j, "organization_id");
  r.area_id = Str(j, "area_id");
  r.area_name = Str(j, "area_name");
  r.country_id = Str(j, "country_id");
  r.pc = static_cast<int>(Int(j, "pc", 4));
  r.sra_id = Str(j, "sra_id");
  r.residual_risk = Str(j, "residual_risk");
  r.residual_index = static_cast<int>(Int(j, "residual_index"));
  r.signatory = UserFrom(Obj(j, "signatory"));
  r.signatory_role = Str(j, "signatory_role");
  r.reasons = Str(j, "reasons");
  r.conditions = Str(j, "conditions");
  r.expires_on = Str(j, "expires_on");
  r.signed_at = Str(j, "signed_at");
  r.status = Str(j, "status");
  r.voided_at = OptStr(j, "voided_at");
  r.void_reason = OptStr(j, "void_reason");
  r.revision = Int(j, "revision");
  return r;
}

json ToJson(const AvoidanceDecision& r) {
  json j{{"id", r.id},
         {"area_id", r.area_id},
         {"area_name", r.area_name},
         {"country_id", r.country_id},
         {"kind", r.kind},
         {"from", r.from},
         {"to", r.to},
         {"destination", r.destination},
         {"reason", r.reason},
         {"personnel", r.personnel},
         {"personnel_count", r.personnel_count},
         {"decided_by", UserJson(r.decided_by)},
         {"decided_at", r.decided_at}};
  if (r.revision != 0) j["revision"] = r.revision;
  return j;
}

template <>
AvoidanceDecision FromJson<AvoidanceDecision>(const json& j) {
  AvoidanceDecision r;
  r.id = Str(j, "id");
  r.area_id = Str(j, "area_id");
  r.area_name = Str(j, "area_name");
  r.country_id = Str(j, "country_id");
  r.kind = Str(j, "kind");
  r.from = Str(j, "from");
  r.to = Str(j, "to");
  r.destination = Str(j, "destination");
  r.reason = Str(j, "reason");
  r.personnel = Str(j, "personnel");
  r.personnel_count = static_cast<int>(Int(j, "personnel_count"));
  r.decided_by = UserFrom(Obj(j, "decided_by"));
  r.decided_at = Str(j, "decided_at");
  r.revision = Int(j, "revision");
  return r;
}

}  // namespace srm::domain::records
