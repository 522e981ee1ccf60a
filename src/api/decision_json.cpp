#include "api/decision_json.h"

#include "api/routes.h"
#include "core/strict_json.h"
#include "domain/records/decision_records_json.h"

namespace srm::api {

using nlohmann::json;
using strict_json::Date;
using strict_json::OnlyFields;
using strict_json::OptionalText;
using strict_json::Text;

namespace {

// The itinerary of a clearance body, leg by leg; stops at the first fault.
Status ReadLegs(const json& body, std::vector<service::ClearanceLegInput>* out) {
  if (!body.contains("legs")) return Invalid("required", "legs is required: the itinerary of areas and dates", "legs");
  const json& legs = body["legs"];
  SRM_TRY(strict_json::Array(legs, "legs", service::DecisionService::kMaxLegs));
  if (legs.empty()) return Unprocessable("no_legs", "an itinerary has at least one leg", "legs");
  for (size_t i = 0; i < legs.size(); ++i) {
    const json& l = legs[i];
    const std::string prefix = strict_json::ItemPrefix("legs", i);
    SRM_TRY(OnlyFields(l, {"area_id", "from", "to"}, prefix));
    SRM_ASSIGN(area_id, Text(l, "area_id", true, 64, prefix));
    SRM_ASSIGN(from, Date(l, "from", true, prefix));
    SRM_ASSIGN(to, Date(l, "to", true, prefix));
    out->push_back({area_id, from, to});
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------- request bodies

Result<service::ClearanceInput> ClearanceInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"traveller", "organization_id", "activity", "pc", "programme_id", "mission_ref", "purpose",
                            "legs"}));
  service::ClearanceInput in;
  if (body.contains("traveller")) {
    const json& t = body["traveller"];
    SRM_TRY(OnlyFields(t, {"name", "user_id"}, "traveller."));
    SRM_ASSIGN(name, Text(t, "name", false, 200, "traveller."));
    SRM_ASSIGN(uid, Text(t, "user_id", true, 64, "traveller."));
    in.traveller = domain::records::Traveller{name, uid};
  }
  SRM_ASSIGN(org, Text(body, "organization_id", false, 64));
  SRM_ASSIGN(programme, Text(body, "programme_id", false, 64));
  SRM_ASSIGN(activity, Text(body, "activity", false, 200));
  in.organization_id = org;
  in.programme_id = programme;
  in.activity = activity;
  // A null pc is "not given", like an absent one. A given pc is read so the service can refuse it
  // with its reason (pc_not_declarable): the PC comes from the programme's assessment.
  if (body.contains("pc") && !body["pc"].is_null()) {
    SRM_ASSIGN(pc, strict_json::OptionalInt(body, "pc", "pc must be an integer 1-4"));
    in.pc = *pc;
  }
  SRM_ASSIGN(mission, Text(body, "mission_ref", false, 100));
  SRM_ASSIGN(purpose, Text(body, "purpose", false, 2000));
  in.mission_ref = mission;
  in.purpose = purpose;
  if (auto read = ReadLegs(body, &in.legs); !read) in.legs_refusal = read.error();
  return in;
}

Result<service::LegDecisionInput> LegDecisionInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"action", "comment", "revision"}));
  service::LegDecisionInput in;
  SRM_ASSIGN(action, Text(body, "action", true, 16));
  SRM_ASSIGN(comment, Text(body, "comment", false, 5000));
  in.action = action;
  in.comment = comment;
  // A revision that is not an integer matches no revision: the leg is answered as changed.
  if (body.contains("revision"))
    in.revision = body["revision"].is_number_integer() ? body["revision"].get<int64_t>() : -1;
  return in;
}

Result<service::EgsInput> EgsInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"area_id", "decision", "from", "to", "reason", "meeting_ref"}));
  service::EgsInput in;
  SRM_ASSIGN(area_id, Text(body, "area_id", true, 64));
  SRM_ASSIGN(decision, Text(body, "decision", true, 16));
  if (decision != "go" && decision != "no_go")
    return Unprocessable("invalid_decision", "decision must be go or no_go", "decision");
  SRM_ASSIGN(from, Date(body, "from", true));
  SRM_ASSIGN(to, Date(body, "to", true));
  SRM_ASSIGN(reason, Text(body, "reason", true, 5000));
  SRM_ASSIGN(meeting, Text(body, "meeting_ref", false, 200));
  return service::EgsInput{area_id, decision, from, to, reason, meeting};
}

Result<service::SpecificTransitionInput> SpecificTransitionInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"action", "comment"}));
  SRM_ASSIGN(action, Text(body, "action", true, 16));
  if (action != "coordinate" && action != "approve" && action != "refuse")
    return Unprocessable("unknown_action", "action must be coordinate, approve or refuse", "action");
  SRM_ASSIGN(comment, Text(body, "comment", false, 5000));
  return service::SpecificTransitionInput{action, comment};
}

Result<service::PcAssessmentInput> PcAssessmentInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"pc", "comment"}));
  service::PcAssessmentInput in;
  if (body.contains("pc") && !body["pc"].is_null()) {
    SRM_ASSIGN(pc, strict_json::OptionalInt(body, "pc", "pc must be an integer 1-4"));
    in.pc = *pc;
  }
  SRM_ASSIGN(comment, Text(body, "comment", false, 5000));
  in.comment = comment;
  return in;
}

Result<service::ProgrammeInput> ProgrammeInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"organization_id", "area_id", "name", "activity", "manager_id", "pc", "international",
                            "national", "on_mission"}));
  service::ProgrammeInput in;
  SRM_ASSIGN(org, Text(body, "organization_id", true, 64));
  SRM_ASSIGN(area, Text(body, "area_id", true, 64));
  SRM_ASSIGN(name, Text(body, "name", true, 200));
  SRM_ASSIGN(activity, Text(body, "activity", true, 200));
  SRM_ASSIGN(manager, Text(body, "manager_id", false, 64));
  in.organization_id = org;
  in.area_id = area;
  in.name = name;
  in.activity = activity;
  in.manager_id = manager;
  auto integer = [&](const char* key, int64_t* out) -> Status {
    if (!body.contains(key) || body[key].is_null()) return {};
    SRM_ASSIGN(v, strict_json::OptionalInt(body, key, std::string(key) + " must be an integer"));
    *out = *v;
    return {};
  };
  SRM_TRY(integer("pc", &in.pc));
  SRM_TRY(integer("international", &in.international));
  SRM_TRY(integer("national", &in.national));
  SRM_TRY(integer("on_mission", &in.on_mission));
  return in;
}

Result<std::string> CommentFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"comment"}));
  return Text(body, "comment", false, 5000);
}

Result<service::AcceptanceInput> AcceptanceInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"reasons", "conditions", "expires_on"}));
  service::AcceptanceInput in;
  SRM_ASSIGN(reasons, Text(body, "reasons", false, 5000));
  SRM_ASSIGN(conditions, Text(body, "conditions", false, 5000));
  // Absent is refused by the rule (expiry_required, 422) with the other terms, not here.
  SRM_ASSIGN(expires, Date(body, "expires_on", false));
  return service::AcceptanceInput{reasons, conditions, expires};
}

Result<service::AvoidanceInput> AvoidanceInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"area_id", "kind", "from", "to", "destination", "reason", "personnel", "personnel_count"}));
  service::AvoidanceInput in;
  SRM_ASSIGN(area_id, Text(body, "area_id", true, 64));
  SRM_ASSIGN(kind, Text(body, "kind", true, 32));
  SRM_ASSIGN(from, Date(body, "from", true));
  SRM_ASSIGN(to, Date(body, "to", false));
  SRM_ASSIGN(destination, Text(body, "destination", false, 500));
  SRM_ASSIGN(reason, Text(body, "reason", false, 5000));
  SRM_ASSIGN(personnel, Text(body, "personnel", false, 5000));
  SRM_ASSIGN(count, strict_json::OptionalInt(body, "personnel_count", "personnel_count must be an integer"));
  if (count && (*count < 0 || *count > 1000000))
    return Invalid("out_of_range", "personnel_count must be between 0 and 1000000", "personnel_count");
  return service::AvoidanceInput{area_id, kind, from, to, destination, reason, personnel, count.value_or(0)};
}

Result<service::ComplianceItemInput> ComplianceItemInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"location_id", "organization_id", "requirement", "moss_category", "due_date", "owner"}));
  service::ComplianceItemInput in;
  SRM_ASSIGN(loc_id, Text(body, "location_id", true, 64));
  SRM_ASSIGN(requirement, Text(body, "requirement", true, 2000));
  SRM_ASSIGN(category, Text(body, "moss_category", true, 64));
  SRM_ASSIGN(due, Date(body, "due_date", true));
  SRM_ASSIGN(owner, Text(body, "owner", false, 200));
  SRM_ASSIGN(org, Text(body, "organization_id", false, 64));
  return service::ComplianceItemInput{loc_id, org, requirement, category, due, owner};
}

Result<service::ChecklistInput> ChecklistInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"location_id", "organization_id", "due_date", "owner"}));
  service::ChecklistInput in;
  SRM_ASSIGN(loc_id, Text(body, "location_id", true, 64));
  SRM_ASSIGN(owner, Text(body, "owner", false, 200));
  SRM_ASSIGN(org, Text(body, "organization_id", false, 64));
  in.location_id = loc_id;
  in.owner = owner;
  in.organization_id = org;
  if (body.contains("due_date")) {
    SRM_ASSIGN(due, Date(body, "due_date", true));
    in.due_date = due;
  }
  return in;
}

Result<service::ComplianceUpdateInput> ComplianceUpdateInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"status", "evidence", "comment", "due_date", "owner", "revision"}));
  if (body.empty()) return Invalid("nothing_to_change", "give at least one of status, evidence, comment, due_date, owner", "$");
  service::ComplianceUpdateInput in;
  SRM_ASSIGN(revision, strict_json::OptionalInt(body, "revision", "revision must be an integer"));
  in.revision = revision;
  SRM_ASSIGN(status, OptionalText(body, "status", 32));
  SRM_ASSIGN(evidence, OptionalText(body, "evidence", 2000));
  SRM_ASSIGN(comment, OptionalText(body, "comment", 2000));
  SRM_ASSIGN(owner, OptionalText(body, "owner", 200));
  in.status = status;
  in.evidence = evidence;
  in.comment = comment;
  in.owner = owner;
  if (body.contains("due_date")) {
    SRM_ASSIGN(due, Date(body, "due_date", true));
    in.due_date = due;
  }
  return in;
}

// ---------------------------------------------------------------- answers

json ToJson(const service::ClearanceView& v) {
  json out = domain::records::ToJson(v.request);
  json legs = json::array();
  for (const auto& l : v.legs) legs.push_back(domain::records::ToJson(l));
  out["legs"] = std::move(legs);
  return out;
}

json NoGoJson(const service::AreaNoGo& n) {
  return {{"area_id", n.area_id}, {"area_name", n.area_name}, {"country_id", n.country_id},
          {"egs_decision_id", n.egs_id}, {"from", n.from}, {"to", n.to}, {"reason", n.reason},
          {"meeting_ref", n.meeting_ref}, {"decided_at", n.decided_at}};
}

json ToJson(const service::HeadcountEntry& e) {
  return {{"traveller", {{"name", e.traveller.name}, {"user_id", e.traveller.user_id}}},
          {"organization_id", e.organization_id},
          {"request_id", e.request_id},
          {"leg_id", e.leg_id},
          {"from", e.from},
          {"to", e.to},
          {"status", e.status},
          {"mission_ref", e.mission_ref},
          {"activity", e.activity}};
}

json ToJson(const service::EgsRecorded& r) {
  json out = domain::records::ToJson(r.record);
  out["redecided_legs"] = r.redecided_legs;
  out["redecided_activities"] = r.redecided_activities;
  return out;
}

json ToJson(const service::SpecificTransitioned& r) {
  json out = domain::records::ToJson(r.approval);
  out["redecided_legs"] = r.redecided_legs;
  return out;
}

json ToJson(const service::ActivityView& v) {
  json out = domain::records::ToJson(v.decision);
  out["recorded"] = v.recorded;
  const service::AcceptanceState& a = v.acceptance;
  auto code = [](const domain::records::ReasonCode& r) { return json{{"code", r.code}, {"message", r.message}}; };
  out["acceptance"] = {{"need", a.need},
                       {"rule", code(a.rule)},
                       {"options", a.options},
                       {"latest", a.latest ? domain::records::ToJson(*a.latest) : json(nullptr)},
                       {"in_force", a.in_force},
                       {"state", code(a.state)},
                       {"may_sign", a.may_sign},
                       {"sign_check", code(a.sign_check)}};
  return out;
}

json ProgrammeJson(const domain::Programme& p) {
  return {{"id", p.id},
          {"organization_id", p.organization_id},
          {"area_id", p.area_id},
          {"name", p.name},
          {"activity", p.activity},
          {"pc", p.pc},
          {"international", p.international},
          {"national", p.national},
          {"on_mission", p.on_mission},
          {"manager_id", p.manager_id.empty() ? json(nullptr) : json(p.manager_id)}};
}

json ToJson(const service::ProgrammeRegistered& r) {
  return {{"programme", ProgrammeJson(r.programme)}, {"decision", domain::records::ToJson(r.decision)}};
}

json ToJson(const service::ActivityList& l) {
  auto assessment = [&](const std::string& programme_id) {
    auto it = l.pc_assessments.find(programme_id);
    return it == l.pc_assessments.end() ? json(nullptr) : domain::records::ToJson(it->second);
  };
  json out = PageJson(l.page, [&](const domain::records::ActivityDecisionRecord& r) {
    json j = domain::records::ToJson(r);
    j["pc_assessment"] = assessment(r.programme_id);
    return j;
  });
  json undecided = json::array();
  for (const auto& p : l.undecided) {
    json j = ProgrammeJson(p);
    j["pc_assessment"] = assessment(p.id);
    undecided.push_back(std::move(j));
  }
  out["undecided"] = std::move(undecided);
  return out;
}

json ToJson(const service::PcAssessmentRecorded& r) {
  json out = domain::records::ToJson(r.assessment);
  out["redecided_legs"] = r.redecided_legs;
  return out;
}

namespace {
json MeasuresJson(const std::vector<service::MossMeasureView>& ms) {
  json a = json::array();
  for (const auto& m : ms)
    a.push_back({{"area_id", m.area_id}, {"sra_id", m.sra_id}, {"scenario_id", m.scenario_id},
                 {"scenario", m.scenario}, {"measure_id", m.measure_id}, {"type", m.type},
                 {"description", m.description}, {"owner", m.owner}, {"status", m.status}, {"cost_minor", m.cost_minor},
                 {"currency", m.currency}});
  return a;
}
}  // namespace

json ToJson(const service::MossView& v) {
  json sources = json::array(), without = json::array(), moss = json::array();
  for (const auto& s : v.sources)
    sources.push_back({{"area_id", s.area_id}, {"area_name", s.area_name}, {"sra_id", s.sra_id},
                       {"version", s.version}, {"published_at", s.published_at}, {"review_due", s.review_due},
                       {"current", s.current}});
  for (const auto& [id, name] : v.areas_without_sra) without.push_back({{"area_id", id}, {"area_name", name}});
  for (const auto& c : v.moss) moss.push_back({{"category", c.category}, {"measures", MeasuresJson(c.measures)}});
  return json{{"country_id", v.country_id.empty() ? json(nullptr) : json(v.country_id)},
              {"area_id", v.area_id.empty() ? json(nullptr) : json(v.area_id)},
              {"sources", std::move(sources)},
              {"areas_without_sra", std::move(without)},
              {"moss", std::move(moss)},
              {"rsm", {{"category", v.rsm.category}, {"measures", MeasuresJson(v.rsm.measures)}}},
              {"totals", {{"measures", v.total}, {"implemented", v.implemented}, {"cost_minor", v.cost_minor}}}};
}

json ToJson(const service::ChecklistResult& r) {
  json created = json::array();
  for (const auto& i : r.created) created.push_back(domain::records::ToJson(i));
  return json{{"location_id", r.location_id}, {"organization_id", r.organization_id}, {"sra_id", r.sra_id},
              {"kind", r.kind},               {"created", std::move(created)},       {"skipped", r.skipped}};
}

json ToJson(const service::ComplianceRateRow& r, const std::string& group_by) {
  const auto& rate = r.rate;
  return {{group_by == "area" ? "area_id" : "organization_id", r.key},
          {"name", r.name},
          {"total", rate.total},
          {"applicable", rate.applicable},
          {"compliant", rate.compliant},
          {"non_compliant", rate.non_compliant},
          {"open", rate.open},
          {"overdue", rate.overdue},
          {"rate", rate.rate ? json(*rate.rate) : json(nullptr)}};
}

}  // namespace srm::api
