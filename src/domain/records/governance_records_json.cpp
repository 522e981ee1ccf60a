#include "domain/records/governance_records_json.h"

namespace srm::domain::records {

using nlohmann::json;

namespace {
json UserJson(const UserRef& u) {
  return u.id.empty() && u.username.empty() ? json(nullptr) : json{{"id", u.id}, {"username", u.username}};
}
json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json OrNull(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }
}  // namespace

json ToJson(const GovernanceBody& b) {
  json members = json::array(), tor = json::array(), obligations = json::array();
  for (const auto& m : b.members)
    members.push_back({{"user_id", OrNull(m.user_id)}, {"name", m.name}, {"organization_id", OrNull(m.organization_id)},
                       {"member_role", m.member_role}});
  for (const auto& v : b.tor)
    tor.push_back({{"version", v.version}, {"text", v.text}, {"status", v.status},
                   {"drafted_by", UserJson(v.drafted_by)}, {"drafted_at", v.drafted_at},
                   {"published_by", UserJson(v.published_by)}, {"published_at", Opt(v.published_at)}});
  for (const auto& o : b.obligations)
    obligations.push_back({{"id", o.id}, {"kind", o.kind}, {"title", o.title}, {"due_on", o.due_on},
                           {"done_on", Opt(o.done_on)}});
  return {{"id", b.id},
          {"kind", b.kind},
          {"name", b.name},
          {"country_id", OrNull(b.country_id)},
          {"reports_to", b.reports_to},
          {"reports_to_body_id", OrNull(b.reports_to_body_id)},
          {"established_on", b.established_on},
          {"created_by", UserJson(b.created_by)},
          {"members", std::move(members)},
          {"tor", std::move(tor)},
          {"obligations", std::move(obligations)},
          {"created_at", b.created_at},
          {"updated_at", b.updated_at},
          {"revision", b.revision}};
}

json ToJson(const GovernanceMeeting& m) {
  return {{"id", m.id},           {"body_id", m.body_id},
          {"held_on", m.held_on}, {"title", m.title},
          {"summary", m.summary}, {"recorded_by", UserJson(m.recorded_by)},
          {"created_at", m.created_at}, {"updated_at", m.updated_at},
          {"revision", m.revision}};
}

json ToJson(const GovernanceDecision& d) {
  return {{"id", d.id},
          {"body_id", d.body_id},
          {"meeting_id", d.meeting_id},
          {"text", d.text},
          {"tasked_to", d.tasked_to},
          {"tasked_user_id", OrNull(d.tasked_user_id)},
          {"due_on", OrNull(d.due_on)},
          {"status", d.status},
          {"done_on", Opt(d.done_on)},
          {"recorded_by", UserJson(d.recorded_by)},
          {"created_at", d.created_at},
          {"updated_at", d.updated_at},
          {"revision", d.revision}};
}

json ToJson(const ActionPlanItem& i) {
  json milestones = json::array(), evidence = json::array();
  for (const auto& m : i.milestones)
    milestones.push_back({{"id", m.id}, {"title", m.title}, {"due_on", m.due_on}, {"done_on", Opt(m.done_on)}});
  for (const auto& e : i.evidence)
    evidence.push_back({{"kind", e.kind}, {"target_id", e.target_id}, {"note", e.note},
                        {"added_by", UserJson(e.added_by)}, {"added_at", e.added_at}});
  return {{"id", i.id},
          {"code", i.code},
          {"title", i.title},
          {"category", i.category},
          {"model", OrNull(i.model)},
          {"lead", i.lead},
          {"lead_body_id", OrNull(i.lead_body_id)},
          {"status", i.status},
          {"due_on", OrNull(i.due_on)},
          {"source", i.source},
          {"created_by", UserJson(i.created_by)},
          {"milestones", std::move(milestones)},
          {"evidence", std::move(evidence)},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at},
          {"revision", i.revision}};
}

json AuditJson(const SecurityPersonnel& p) {
  return {{"id", p.id},
          {"organization_id", p.organization_id},
          {"country_id", OrNull(p.country_id)},
          {"area_id", OrNull(p.area_id)},
          {"category", p.category},
          {"post", p.post},
          {"status", p.status},
          {"left_on", Opt(p.left_on)},
          {"purged_at", Opt(p.purged_at)}};
}

json ToJson(const SecurityPersonnel& p, bool personal) {
  json j = AuditJson(p);
  j["personal"] = personal;
  j["user_id"] = personal ? OrNull(p.user_id) : json(nullptr);
  j["full_name"] = personal ? json(p.full_name) : json(nullptr);
  j["skills"] = personal ? json(p.skills) : json(nullptr);
  j["languages"] = personal ? json(p.languages) : json(nullptr);
  j["recorded_by"] = UserJson(p.recorded_by);
  j["created_at"] = p.created_at;
  j["updated_at"] = p.updated_at;
  j["revision"] = p.revision;
  return j;
}

json ToJson(const SurgeDeployment& d) {
  return {{"id", d.id},
          {"personnel_id", d.personnel_id},
          {"organization_id", d.organization_id},
          {"area_id", d.area_id},
          {"from", d.from},
          {"to", d.to},
          {"fund_request_id", OrNull(d.fund_request_id)},
          {"purpose", d.purpose},
          {"status", d.status},
          {"recorded_by", UserJson(d.recorded_by)},
          {"created_at", d.created_at},
          {"updated_at", d.updated_at},
          {"revision", d.revision}};
}

}  // namespace srm::domain::records
