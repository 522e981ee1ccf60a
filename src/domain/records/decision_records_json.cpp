#include "domain/records/decision_records_json.h"

namespace srm::domain::records {

using nlohmann::json;

namespace {

// ---- lenient readers of stored documents ----

std::string Str(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<std::string> OptStr(const json& j, const char* k) {  // absent or null -> nullopt
  auto it = j.find(k);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
int64_t Int(const json& j, const char* k, int64_t def = 0) {
  auto it = j.find(k);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : def;
}
bool Bool(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}
const json& Arr(const json& j, const char* k) {
  static const json kEmpty = json::array();
  auto it = j.find(k);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}
const json& Obj(const json& j, const char* k) {
  static const json kEmpty = json::object();
  auto it = j.find(k);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
void PutIf(json& j, const char* k, const std::optional<std::string>& s) {
  if (s) j[k] = *s;
}
void PutRevision(json& j, int64_t revision) {
  if (revision != 0) j["revision"] = revision;
}

json ToJson(const UserRef& u) { return {{"id", u.id}, {"username", u.username}}; }
UserRef UserRefFrom(const json& j) { return {Str(j, "id"), Str(j, "username")}; }
json ToJson(const Traveller& t) { return {{"name", t.name}, {"user_id", t.user_id}}; }
Traveller TravellerFrom(const json& j) { return {Str(j, "name"), Str(j, "user_id")}; }

json ToJson(const std::vector<ReasonCode>& rs) {
  json a = json::array();
  for (const auto& r : rs) a.push_back({{"code", r.code}, {"message", r.message}});
  return a;
}
std::vector<ReasonCode> ReasonsFrom(const json& a) {
  std::vector<ReasonCode> out;
  for (const auto& r : a)
    if (r.is_object()) out.push_back({Str(r, "code"), Str(r, "message")});
  return out;
}

std::vector<std::string> Strings(const json& a) {
  std::vector<std::string> out;
  for (const auto& s : a)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

}  // namespace

// ---- clearance ----

json ToJson(const ClearanceRequest& r) {
  json j{{"id", r.id},
         {"traveller", ToJson(r.traveller)},
         {"organization_id", r.organization_id},
         {"country_id", r.country_id},
         {"activity", r.activity},
         {"pc", r.pc},
         {"programme_id", r.programme_id},
         {"mission_ref", r.mission_ref},
         {"purpose", r.purpose},
         {"status", r.status},
         {"from", r.from},
         {"to", r.to},
         {"requested_by", ToJson(r.requested_by)},
         {"created_at", r.created_at},
         {"updated_at", r.updated_at}};
  if (r.leg_ids) j["leg_ids"] = *r.leg_ids;
  PutRevision(j, r.revision);
  return j;
}

template <>
ClearanceRequest FromJson<ClearanceRequest>(const json& j) {
  ClearanceRequest r;
  r.id = Str(j, "id");
  r.traveller = TravellerFrom(Obj(j, "traveller"));
  r.organization_id = Str(j, "organization_id");
  r.country_id = Str(j, "country_id");
  r.activity = Str(j, "activity");
  r.pc = static_cast<int>(Int(j, "pc", 4));
  r.programme_id = Str(j, "programme_id");
  r.mission_ref = Str(j, "mission_ref");
  r.purpose = Str(j, "purpose");
  r.status = Str(j, "status");
  r.from = Str(j, "from");
  r.to = Str(j, "to");
  r.requested_by = UserRefFrom(Obj(j, "requested_by"));
  if (j.contains("leg_ids")) r.leg_ids = Strings(Arr(j, "leg_ids"));
  r.created_at = Str(j, "created_at");
  r.updated_at = Str(j, "updated_at");
  r.revision = Int(j, "revision");
  return r;
}

json ToJson(const ClearanceLeg& r) {
  json history = json::array();
  for (const auto& h : r.history) {
    json e{{"at", h.at}, {"status", h.status}, {"rule", h.rule}, {"by", h.by}};
    PutIf(e, "role", h.role);
    PutIf(e, "comment", h.comment);
    PutIf(e, "cause", h.cause);
    history.push_back(std::move(e));
  }
  json j{{"id", r.id},
         {"request_id", r.request_id},
         {"seq", r.seq},
         {"organization_id", r.organization_id},
         {"traveller", ToJson(r.traveller)},
         {"requested_by", ToJson(r.requested_by)},
         {"activity", r.activity},
         {"pc", r.pc},
         {"programme_id", r.programme_id},
         {"pc_assessed", r.pc_assessed},
         {"mission_ref", r.mission_ref},
         {"area_id", r.area_id},
         {"area_name", r.area_name},
         {"country_id", r.country_id},
         {"from", r.from},
         {"to", r.to},
         {"status", r.status},
         {"rule", r.rule},
         {"approver_role", r.approver_role},
         {"reasons", ToJson(r.reasons)},
         {"residual_risk", r.residual_risk},
         {"sra_id", r.sra_id},
         {"specific_sra_id", r.specific_sra_id},
         {"egs_decision_id", r.egs_decision_id},
         {"decided_at", r.decided_at},
         {"decided_by", r.decided_by},
         {"decided_role", r.decided_role},
         {"comment", r.comment},
         {"history", std::move(history)}};
  PutRevision(j, r.revision);
  return j;
}

template <>
ClearanceLeg FromJson<ClearanceLeg>(const json& j) {
  ClearanceLeg r;
  r.id = Str(j, "id");
  r.request_id = Str(j, "request_id");
  r.seq = static_cast<int>(Int(j, "seq"));
  r.organization_id = Str(j, "organization_id");
  r.traveller = TravellerFrom(Obj(j, "traveller"));
  r.requested_by = UserRefFrom(Obj(j, "requested_by"));
  r.activity = Str(j, "activity");
  r.pc = static_cast<int>(Int(j, "pc", 4));
  r.programme_id = Str(j, "programme_id");
  r.pc_assessed = Bool(j, "pc_assessed");
  r.mission_ref = Str(j, "mission_ref");
  r.area_id = Str(j, "area_id");
  r.area_name = Str(j, "area_name");
  r.country_id = Str(j, "country_id");
  r.from = Str(j, "from");
  r.to = Str(j, "to");
  r.status = Str(j, "status");
  r.rule = Str(j, "rule");
  r.approver_role = Str(j, "approver_role");
  r.reasons = ReasonsFrom(Arr(j, "reasons"));
  r.residual_risk = Str(j, "residual_risk");
  r.sra_id = Str(j, "sra_id");
  r.specific_sra_id = Str(j, "specific_sra_id");
  r.egs_decision_id = Str(j, "egs_decision_id");
  r.decided_at = Str(j, "decided_at");
  r.decided_by = Str(j, "decided_by");
  r.decided_role = Str(j, "decided_role");
  r.comment = Str(j, "comment");
  for (const auto& h : Arr(j, "history")) {
    if (!h.is_object()) continue;
    r.history.push_back({Str(h, "at"), Str(h, "status"), Str(h, "rule"), Str(h, "by"), OptStr(h, "role"),
                         OptStr(h, "comment"), OptStr(h, "cause")});
  }
  r.revision = Int(j, "revision");
  return r;
}

// ---- EGS ----

json ToJson(const EgsRecord& r) {
  json j{{"id", r.id},
         {"area_id", r.area_id},
         {"area_name", r.area_name},
         {"country_id", r.country_id},
         {"decision", r.decision},
         {"from", r.from},
         {"to", r.to},
         {"reason", r.reason},
         {"meeting_ref", r.meeting_ref},
         {"recorded_by", ToJson(r.recorded_by)},
         {"decided_at", r.decided_at}};
  PutRevision(j, r.revision);
  return j;
}

template <>
EgsRecord FromJson<EgsRecord>(const json& j) {
  EgsRecord r;
  r.id = Str(j, "id");
  r.area_id = Str(j, "area_id");
  r.area_name = Str(j, "area_name");
  r.country_id = Str(j, "country_id");
  r.decision = Str(j, "decision");
  r.from = Str(j, "from");
  r.to = Str(j, "to");
  r.reason = Str(j, "reason");
  r.meeting_ref = Str(j, "meeting_ref");
  r.recorded_by = UserRefFrom(Obj(j, "recorded_by"));
  r.decided_at = Str(j, "decided_at");
  r.revision = Int(j, "revision");
  return r;
}

// ---- specific SRAs ----

json ToJson(const SpecificSraApproval& r) {
  json history = json::array();
  for (const auto& h : r.history) {
    json e{{"at", h.at}, {"action", h.action}, {"by", h.by}, {"comment", h.comment}};
    PutIf(e, "role", h.role);
    history.push_back(std::move(e));
  }
  json j{{"id", r.id},
         {"sra_id", r.sra_id},
         {"series_id", r.series_id},
         {"version", r.version},
         {"title", r.title},
         {"mission_ref", r.mission_ref},
         {"organization_id", r.organization_id},
         {"area_id", r.area_id},
         {"area_name", r.area_name},
         {"country_id", r.country_id},
         {"residual_risk", OrNull(r.residual_risk)},
         {"residual_index", r.residual_index},
         {"from", r.from},
         {"to", r.to},
         {"status", r.status},
         {"published_at", r.published_at},
         {"history", std::move(history)}};
  PutIf(j, "coordinated_by", r.coordinated_by);
  PutIf(j, "decided_by", r.decided_by);
  PutRevision(j, r.revision);
  return j;
}

template <>
SpecificSraApproval FromJson<SpecificSraApproval>(const json& j) {
  SpecificSraApproval r;
  r.id = Str(j, "id");
  r.sra_id = Str(j, "sra_id");
  r.series_id = Str(j, "series_id");
  r.version = static_cast<int>(Int(j, "version"));
  r.title = Str(j, "title");
  r.mission_ref = Str(j, "mission_ref");
  r.organization_id = Str(j, "organization_id");
  r.area_id = Str(j, "area_id");
  r.area_name = Str(j, "area_name");
  r.country_id = Str(j, "country_id");
  r.residual_risk = OptStr(j, "residual_risk");
  r.residual_index = static_cast<int>(Int(j, "residual_index"));
  r.from = Str(j, "from");
  r.to = Str(j, "to");
  r.status = Str(j, "status");
  r.published_at = Str(j, "published_at");
  r.coordinated_by = OptStr(j, "coordinated_by");
  r.decided_by = OptStr(j, "decided_by");
  for (const auto& h : Arr(j, "history")) {
    if (!h.is_object()) continue;
    r.history.push_back({Str(h, "at"), Str(h, "action"), Str(h, "by"), OptStr(h, "role"), Str(h, "comment")});
  }
  r.revision = Int(j, "revision");
  return r;
}

// ---- activities ----

json ToJson(const ExecApproval& a) {
  return {{"by", a.by},
          {"at", a.at},
          {"comment", a.comment},
          {"residual", OrNull(a.residual)},
          {"residual_index", a.residual_index},
          {"sra_id", OrNull(a.sra_id)}};
}

template <>
ExecApproval FromJson<ExecApproval>(const json& j) {
  return {Str(j, "by"),  Str(j, "at"), Str(j, "comment"), OptStr(j, "residual"), static_cast<int>(Int(j, "residual_index", -1)),
          OptStr(j, "sra_id")};
}

json ToJson(const ActivityDecisionRecord& r) {
  json options = json::array();
  for (const auto& o : r.options) options.push_back({{"option", o.option}, {"detail", o.detail}});
  json history = json::array();
  for (const auto& h : r.history) history.push_back({{"at", h.at}, {"status", h.status}, {"cause", h.cause}});
  json j{{"id", r.id},
         {"programme_id", r.programme_id},
         {"programme_name", r.programme_name},
         {"activity", r.activity},
         {"organization_id", r.organization_id},
         {"area_id", r.area_id},
         {"area_name", r.area_name},
         {"country_id", r.country_id},
         {"pc", r.pc},
         {"sra_id", OrNull(r.sra_id)},
         {"residual_risk", OrNull(r.residual_risk)},
         {"current_risk", OrNull(r.current_risk)},
         {"status", r.status},
         {"reasons", ToJson(r.reasons)},
         {"options", std::move(options)},
         {"missing", r.missing},
         {"needs_pc_assessment", r.needs_pc_assessment},
         {"needs_exec_approval", r.needs_exec_approval},
         {"never_acceptable", r.never_acceptable},
         {"pc_assessed", r.pc_assessed},
         {"exec_approval", r.exec_approval ? ToJson(*r.exec_approval) : json(nullptr)},
         {"egs_decision_id", OrNull(r.egs_decision_id)},
         {"decided_at", r.decided_at},
         {"history", std::move(history)}};
  PutRevision(j, r.revision);
  return j;
}

template <>
ActivityDecisionRecord FromJson<ActivityDecisionRecord>(const json& j) {
  ActivityDecisionRecord r;
  r.id = Str(j, "id");
  r.programme_id = Str(j, "programme_id");
  r.programme_name = Str(j, "programme_name");
  r.activity = Str(j, "activity");
  r.organization_id = Str(j, "organization_id");
  r.area_id = Str(j, "area_id");
  r.area_name = Str(j, "area_name");
  r.country_id = Str(j, "country_id");
  r.pc = static_cast<int>(Int(j, "pc", 4));
  r.sra_id = OptStr(j, "sra_id");
  r.residual_risk = OptStr(j, "residual_risk");
  r.current_risk = OptStr(j, "current_risk");
  r.status = Str(j, "status");
  r.reasons = ReasonsFrom(Arr(j, "reasons"));
  for (const auto& o : Arr(j, "options"))
    if (o.is_object()) r.options.push_back({Str(o, "option"), Str(o, "detail")});
  r.missing = Strings(Arr(j, "missing"));
  r.needs_pc_assessment = Bool(j, "needs_pc_assessment");
  r.needs_exec_approval = Bool(j, "needs_exec_approval");
  r.never_acceptable = Bool(j, "never_acceptable");
  r.pc_assessed = Bool(j, "pc_assessed");
  if (auto it = j.find("exec_approval"); it != j.end() && it->is_object()) r.exec_approval = FromJson<ExecApproval>(*it);
  r.egs_decision_id = OptStr(j, "egs_decision_id");
  r.decided_at = Str(j, "decided_at");
  for (const auto& h : Arr(j, "history"))
    if (h.is_object()) r.history.push_back({Str(h, "at"), Str(h, "status"), Str(h, "cause")});
  r.revision = Int(j, "revision");
  return r;
}

json ToJson(const PcAssessment& r) {
  json j{{"id", r.id},
         {"programme_id", r.programme_id},
         {"pc", r.pc},
         {"organization_id", r.organization_id},
         {"area_id", r.area_id},
         {"comment", r.comment},
         {"recorded_by", r.recorded_by},
         {"recorded_at", r.recorded_at},
         {"valid_until", r.valid_until},
         // Derived: a PC1 waits for the executive head's office; every other PC needs no confirmation.
         {"status", r.pc == 1 && r.confirmed_at.empty() ? "awaiting_confirmation" : "recorded"},
         {"confirmed_by", r.confirmed_by},
         {"confirmed_at", r.confirmed_at}};
  PutRevision(j, r.revision);
  return j;
}

template <>
PcAssessment FromJson<PcAssessment>(const json& j) {
  PcAssessment r;
  r.id = Str(j, "id");
  r.programme_id = Str(j, "programme_id");
  r.pc = static_cast<int>(Int(j, "pc", 4));
  r.organization_id = Str(j, "organization_id");
  r.area_id = Str(j, "area_id");
  r.comment = Str(j, "comment");
  r.recorded_by = Str(j, "recorded_by");
  r.recorded_at = Str(j, "recorded_at");
  r.valid_until = Str(j, "valid_until");
  r.confirmed_by = Str(j, "confirmed_by");
  r.confirmed_at = Str(j, "confirmed_at");
  r.revision = Int(j, "revision");
  return r;
}

// ---- compliance ----

json ToJson(const ComplianceItem& r) {
  json evidence = json::array();
  for (const auto& e : r.evidence) evidence.push_back({{"text", e.text}, {"by", e.by}, {"at", e.at}});
  json history = json::array();
  for (const auto& h : r.history)
    history.push_back({{"at", h.at}, {"by", h.by}, {"status", h.status}, {"evidence", h.evidence}, {"comment", h.comment}});
  json j{{"id", r.id},
         {"location_id", r.location_id},
         {"location_name", r.location_name},
         {"location_kind", r.location_kind},
         {"area_id", r.area_id},
         {"country_id", r.country_id},
         {"organization_id", r.organization_id},
         {"requirement", r.requirement},
         {"moss_category", r.moss_category},
         {"sra_id", r.sra_id},
         {"measure_id", r.measure_id},
         {"status", r.status},
         {"due_date", r.due_date},
         {"owner", r.owner},
         {"evidence", std::move(evidence)},
         {"comment", r.comment},
         {"created_by", r.created_by},
         {"created_at", r.created_at},
         {"updated_at", r.updated_at},
         {"history", std::move(history)}};
  PutRevision(j, r.revision);
  return j;
}

template <>
ComplianceItem FromJson<ComplianceItem>(const json& j) {
  ComplianceItem r;
  r.id = Str(j, "id");
  r.location_id = Str(j, "location_id");
  r.location_name = Str(j, "location_name");
  r.location_kind = Str(j, "location_kind");
  r.area_id = Str(j, "area_id");
  r.country_id = Str(j, "country_id");
  r.organization_id = Str(j, "organization_id");
  r.requirement = Str(j, "requirement");
  r.moss_category = Str(j, "moss_category");
  r.sra_id = Str(j, "sra_id");
  r.measure_id = Str(j, "measure_id");
  r.status = Str(j, "status");
  r.due_date = Str(j, "due_date");
  r.owner = Str(j, "owner");
  for (const auto& e : Arr(j, "evidence"))
    if (e.is_object()) r.evidence.push_back({Str(e, "text"), Str(e, "by"), Str(e, "at")});
  r.comment = Str(j, "comment");
  r.created_by = Str(j, "created_by");
  r.created_at = Str(j, "created_at");
  r.updated_at = Str(j, "updated_at");
  for (const auto& h : Arr(j, "history"))
    if (h.is_object())
      r.history.push_back({Str(h, "at"), Str(h, "by"), Str(h, "status"), Str(h, "evidence"), Str(h, "comment")});
  r.revision = Int(j, "revision");
  return r;
}

// ---- notifications ----

json ToJson(const Notification& r) {
  json detail{{"before", r.detail.before}, {"after", r.detail.after}};
  PutIf(detail, "request_id", r.detail.request_id);
  PutIf(detail, "leg_id", r.detail.leg_id);
  PutIf(detail, "area_id", r.detail.area_id);
  PutIf(detail, "programme_id", r.detail.programme_id);
  PutIf(detail, "rule", r.detail.rule);
  PutIf(detail, "cause", r.detail.cause);
  json j{{"id", r.id},
         {"type", r.type},
         {"object_id", r.object_id},
         {"message", r.message},
         {"detail", std::move(detail)},
         {"created_at", r.created_at},
         {"read_at", OrNull(r.read_at)},
         {"status", r.status}};
  PutRevision(j, r.revision);
  return j;
}

template <>
Notification FromJson<Notification>(const json& j) {
  Notification r;
  r.id = Str(j, "id");
  r.type = Str(j, "type");
  r.object_id = Str(j, "object_id");
  r.message = Str(j, "message");
  const json& d = Obj(j, "detail");
  r.detail.request_id = OptStr(d, "request_id");
  r.detail.leg_id = OptStr(d, "leg_id");
  r.detail.area_id = OptStr(d, "area_id");
  r.detail.programme_id = OptStr(d, "programme_id");
  r.detail.before = Str(d, "before");
  r.detail.after = Str(d, "after");
  r.detail.rule = OptStr(d, "rule");
  r.detail.cause = OptStr(d, "cause");
  r.created_at = Str(j, "created_at");
  r.read_at = OptStr(j, "read_at");
  r.status = Str(j, "status");
  r.revision = Int(j, "revision");
  return r;
}

}  // namespace srm::domain::records
