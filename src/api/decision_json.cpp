#include "api/decision_json.h"

#include "core/strict_json.h"
#include "domain/decisions.h"
#include "domain/records/decision_records_json.h"

namespace srm::api {

using nlohmann::json;
using strict_json::OnlyFields;
using strict_json::OptionalText;
using strict_json::Text;

namespace {

// A date field (YYYY-MM-DD), required, as its canonical text.
Result<std::string> DateField(const json& body, const char* key, const std::string& prefix = "") {
  SRM_ASSIGN(s, Text(body, key, true, 10, prefix));
  auto d = domain::DayNumber(s);
  if (!d) return Invalid("invalid_date", prefix + key + " must be a date YYYY-MM-DD", prefix + key);
  return domain::DayString(*d);
}

// The itinerary of a clearance body, leg by leg; stops at the first fault.
Status ReadLegs(const json& body, std::vector<service::ClearanceLegInput>* out) {
  if (!body.contains("legs")) return Invalid("required", "legs is required: the itinerary of areas and dates", "legs");
  const json& legs = body["legs"];
  if (!legs.is_array()) return Invalid("invalid_type", "legs must be an array", "legs");
  if (legs.empty()) return Unprocessable("no_legs", "an itinerary has at least one leg", "legs");
  if (legs.size() > static_cast<size_t>(service::DecisionService::kMaxLegs))
    return Invalid("too_many", "at most " + std::to_string(service::DecisionService::kMaxLegs) + " legs per request",
                   "legs");
  for (size_t i = 0; i < legs.size(); ++i) {
    const json& l = legs[i];
    const std::string prefix = "legs[" + std::to_string(i) + "].";
    SRM_TRY(OnlyFields(l, {"area_id", "from", "to"}, prefix));
    SRM_ASSIGN(area_id, Text(l, "area_id", true, 64, prefix));
    SRM_ASSIGN(from, DateField(l, "from", prefix));
    SRM_ASSIGN(to, DateField(l, "to", prefix));
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
  if (body.contains("pc") && !body["pc"].is_null()) {
    if (!body["pc"].is_number_integer()) return Invalid("invalid_type", "pc must be an integer 1-4", "pc");
    in.pc = body["pc"].get<int64_t>();
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
  SRM_ASSIGN(from, DateField(body, "from"));
  SRM_ASSIGN(to, DateField(body, "to"));
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

Result<std::string> CommentFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"comment"}));
  return Text(body, "comment", false, 5000);
}

Result<service::ComplianceItemInput> ComplianceItemInputFrom(const json& body) {
  SRM_TRY(OnlyFields(body, {"location_id", "organization_id", "requirement", "moss_category", "due_date", "owner"}));
  service::ComplianceItemInput in;
  SRM_ASSIGN(loc_id, Text(body, "location_id", true, 64));
  SRM_ASSIGN(requirement, Text(body, "requirement", true, 2000));
  SRM_ASSIGN(category, Text(body, "moss_category", true, 64));
  SRM_ASSIGN(due, DateField(body, "due_date"));
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
    SRM_ASSIGN(due, DateField(body, "due_date"));
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
    SRM_ASSIGN(due, DateField(body, "due_date"));
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
                 {"description", m.description}, {"owner", m.owner}, {"status", m.status}, {"cost", m.cost},
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
              {"totals", {{"measures", v.total}, {"implemented", v.implemented}, {"cost", v.cost}}}};
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
