// Risk acceptance and avoidance (SRM-METHOD.md sections 5 and 7a): what an activity is judged at
// (the scenarios of the SRA in force that concern it), the programmes an SRA assesses without a
// registered one, who may sign an acceptance and whether it still stands, and the Designated
// Official's avoidance decisions. The rules are domain/acceptance.h; this file gathers the facts.
#include <algorithm>
#include <cstdio>

#include "domain/acceptance.h"
#include "domain/sra_json.h"
#include "service/decisions/internal.h"

namespace srm::service {

using domain::Role;
using domain::records::ActivityDecisionRecord;
using domain::records::AvoidanceDecision;
using domain::records::RiskAcceptance;
using nlohmann::json;
using namespace decision_kinds;
using namespace decision_detail;

namespace {

// A stable id for a programme an SRA assesses without naming a registered one: the same series,
// organization and activity give the same id in every version, so its decision carries over.
std::string SraProgrammeId(const std::string& series_id, const std::string& org, const std::string& activity) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (const std::string* part : {&series_id, &org, &activity}) {
    for (unsigned char c : *part) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string("sprg_") + buf;
}

domain::records::ReasonCode Code(const domain::Reason& r) { return {r.code, r.message}; }


// The area SRA in force as a document, loaded once per batch (the one being published, if any).
Result<std::shared_ptr<const domain::Sra>> AreaSraDoc(store::Store* st, const domain::Sra* publishing,
                                                  DecisionService::AreaFacts& f) {
  if (f.sra_doc_loaded) return f.sra_doc;
  f.sra_doc_loaded = true;
  if (!f.sra) return f.sra_doc;
  if (publishing && publishing->id == f.sra->sra_id) {
    f.sra_doc = std::make_shared<const domain::Sra>(*publishing);
    return f.sra_doc;
  }
  SRM_ASSIGN(row, st->GetSra(f.sra->sra_id));
  if (!row) return f.sra_doc;
  json d = json::parse(row->doc, nullptr, false);
  if (d.is_discarded()) return f.sra_doc;
  auto s = domain::SraFromJson(d);
  if (!s) return f.sra_doc;
  domain::Recompute(*f.pack, &*s);  // computed levels are not read back from the document
  f.sra_doc = std::make_shared<const domain::Sra>(std::move(*s));
  return f.sra_doc;
}

// The SRA's assessment of a programme: by its registered id, else by the stable id of an
// unregistered one.
const domain::ProgrammeAssessment* AssessmentOf(const domain::Sra& s, const std::string& programme_id) {
  for (const auto& a : s.programmes)
    if (!a.programme_id.empty() && a.programme_id == programme_id) return &a;
  for (const auto& a : s.programmes)
    if (SraProgrammeId(s.series_id, a.organization_id, a.activity) == programme_id) return &a;
  return nullptr;
}

}  // namespace

// ---------------------------------------------------------------- what an activity is judged at

Result<DecisionService::ActivityBasis> DecisionService::BasisOf(Batch& b, AreaFacts& f, const domain::Programme& prog) {
  ActivityBasis basis;
  if (!f.sra) return basis;
  basis.residual = f.sra->residual;
  basis.current = f.current;
  SRM_ASSIGN(doc, AreaSraDoc(store_, b.ov.published, f));
  if (!doc) return basis;
  const domain::MethodPack& m = *f.pack;
  const domain::ProgrammeAssessment* a = AssessmentOf(*doc, prog.id);
  const std::vector<std::string> linked = a ? a->scenario_ids : std::vector<std::string>{};
  std::optional<int> residual, current;
  std::string names;
  for (const auto& sc : doc->scenarios) {
    if (!linked.empty() && std::find(linked.begin(), linked.end(), sc.id) == linked.end()) continue;
    if (!sc.residual_level) continue;
    residual = std::max(residual.value_or(0), *sc.residual_level);
    current = std::max(current.value_or(0), sc.current_level.value_or(*sc.residual_level));
    names += (names.empty() ? "" : "; ") + sc.title + " (" + m.risk_levels[*sc.residual_level] + ")";
  }
  if (!residual) {  // no rated scenario: the SRA's overall levels
    if (!basis.current) basis.current = doc->overall_current ? doc->overall_current : basis.residual;
    return basis;
  }
  basis.residual = residual;
  basis.current = current;
  basis.reasons.push_back(
      {linked.empty() ? "judged_on_all_scenarios" : "judged_on_linked_scenarios",
       std::string(linked.empty() ? "judged against every scenario of the SRA in force: "
                                  : "judged against the scenarios that concern the activity: ") +
           names});
  return basis;
}

Result<std::vector<domain::Programme>> DecisionService::SraProgrammes(Batch& b, AreaFacts& f,
                                                                      const std::vector<domain::Programme>& registered) {
  std::vector<domain::Programme> out;
  SRM_ASSIGN(doc, AreaSraDoc(store_, b.ov.published, f));
  if (!doc) return out;
  for (const auto& a : doc->programmes) {
    const bool known = !a.programme_id.empty() && std::any_of(registered.begin(), registered.end(), [&](const auto& p) {
      return p.id == a.programme_id;
    });
    if (known || a.organization_id.empty() || a.activity.empty()) continue;
    domain::Programme p;
    p.id = SraProgrammeId(doc->series_id, a.organization_id, a.activity);
    auto same = [&](const auto& q) { return q.id == p.id; };
    if (std::any_of(out.begin(), out.end(), same) || std::any_of(registered.begin(), registered.end(), same)) continue;
    p.organization_id = a.organization_id;
    p.area_id = f.area.id;
    p.name = a.activity;
    p.activity = a.activity;
    p.pc = a.pc;
    p.international = a.international;
    p.national = a.national;
    p.on_mission = a.on_mission;
    out.push_back(std::move(p));
  }
  return out;
}

// ---------------------------------------------------------------- acceptance

namespace {
// Newest signature first (a replaced one and its successor share their updated_at).
void NewestFirst(std::vector<RiskAcceptance>* v) {
  std::stable_sort(v->begin(), v->end(), [](const RiskAcceptance& a, const RiskAcceptance& b) {
    return a.signed_at != b.signed_at ? a.signed_at > b.signed_at : a.id > b.id;
  });
}
}  // namespace

Result<std::optional<RiskAcceptance>> decision_detail::LatestAcceptanceOf(DecisionRecords& records,
                                                                          const std::string& programme_id) {
  SRM_ASSIGN(all, records.AcceptancesOf(programme_id));
  NewestFirst(&all);
  for (auto& a : all)
    if (a.status != "replaced") return std::optional<RiskAcceptance>(std::move(a));
  return std::optional<RiskAcceptance>();
}

Result<std::optional<RiskAcceptance>> DecisionService::LatestAcceptance(const std::string& programme_id) {
  return decision_detail::LatestAcceptanceOf(*records_, programme_id);
}

namespace {

struct Standing {
  bool in_force = false;
  domain::Reason reason{"no_acceptance", "no acceptance has been signed for the activity"};
};

Standing StandingOf(const domain::MethodPack& m, const std::optional<RiskAcceptance>& a, const std::string& today,
                    std::optional<int> residual, bool egs_no_go) {
  Standing s;
  if (!a || !residual) return s;
  const auto expires = domain::DayNumber(a->expires_on);
  const domain::InForce f = domain::AcceptanceInForce(
      m, {a->residual_index, expires.value_or(0), a->status == "voided"}, *domain::DayNumber(today), *residual, egs_no_go);
  s.in_force = f.in_force;
  s.reason = f.reason;
  return s;
}

}  // namespace

bool decision_detail::AcceptanceStands(const domain::MethodPack& m, const std::optional<RiskAcceptance>& a,
                                       const std::string& today, int residual, bool egs_no_go) {
  return StandingOf(m, a, today, residual, egs_no_go).in_force;
}

Result<AcceptanceState> DecisionService::AcceptanceFor(Batch& b, const domain::Programme& prog,
                                                       const ActivityDecisionRecord& decision) {
  SRM_ASSIGN(f, Facts(b, prog.area_id));
  const domain::MethodPack& m = *f->pack;
  AcceptanceState st;
  SRM_ASSIGN(latest, LatestAcceptance(prog.id));
  st.latest = latest;
  const int residual = decision.residual_risk ? LevelIndex(m, *decision.residual_risk) : -1;
  const bool egs = decision.egs_decision_id.has_value();
  const Standing standing = StandingOf(m, latest, b.today, residual >= 0 ? std::optional<int>(residual) : std::nullopt, egs);
  st.in_force = standing.in_force;
  st.state = Code(standing.reason);
  if (residual < 0) {
    st.need = "none";
    st.rule = {"no_sra", "the area has no published SRA in force: there is nothing to accept yet"};
    st.sign_check = st.rule;
    return st;
  }
  // The PC the decision judged the activity at (its current assessment's, once assessments expire).
  const domain::AcceptanceRule rule = domain::AcceptanceNeeded(m, decision.pc, residual);
  st.need = domain::AcceptanceNeedName(rule.need);
  st.rule = Code(rule.reason);
  st.options = rule.options;
  // May the reader sign? The same facts AcceptRisk checks.
  domain::SignerFacts s;
  const std::string& country = f->area.country_id;
  const Principal& p = b.p;
  if (p.user.organization_id == prog.organization_id) {
    for (const auto& g : p.user.grants)
      if (g.role == Role::kSmt && domain::GrantCovers(g, {prog.organization_id, country, ""})) s.org_head_in_country = true;
  }
  s.executive_office = ActsForOwnOrganization(p, Role::kExecutiveOffice, prog.organization_id, country, prog.area_id);
  s.security_cell = p.Has(Role::kSecurityCell);
  s.runs_activity = !prog.manager_id.empty() && prog.manager_id == p.user.id;
  SRM_ASSIGN(requests, records_->RequestsOfProgramme(prog.id, b.today));
  for (const auto& r : requests)
    if (r.traveller.user_id == p.user.id || r.requested_by.id == p.user.id) s.travels_on = true;
  SRM_ASSIGN(assessed, PcAssessed(b, prog.id));
  s.pc_assessment_current = assessed;
  s.egs_no_go = egs;
  const domain::SignCheck c = domain::MaySign(m, rule, s);
  st.may_sign = c.allowed;
  st.sign_check = Code(c.reason);
  return st;
}

Status DecisionService::VoidIfChanged(Batch& b, const domain::Programme& prog, const ActivityDecisionRecord& r) {
  SRM_ASSIGN(latest, LatestAcceptance(prog.id));
  if (!latest || latest->status != "in_force" || !r.residual_risk) return {};
  SRM_ASSIGN(f, Facts(b, prog.area_id));
  const int residual = LevelIndex(*f->pack, *r.residual_risk);
  if (residual < 0) return {};
  const Standing s = StandingOf(*f->pack, latest, b.today, residual, r.egs_decision_id.has_value());
  // Expiry is read-time (an expired acceptance is simply not in force); a material change is recorded.
  if (s.in_force || s.reason.code == "acceptance_expired") return {};
  RiskAcceptance a = *latest;
  const int64_t revision = a.revision;
  a.status = "voided";
  a.voided_at = b.now;
  a.void_reason = s.reason.code;
  a.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(a, revision));
  b.Audit("risk_acceptance.void", kAcceptance, a.id, {{"status", "in_force"}},
          {{"status", "voided"}, {"void_reason", s.reason.code}});
  domain::records::NotificationDetail detail;
  detail.programme_id = prog.id;
  detail.before = "in_force";
  detail.after = "voided";
  detail.cause = s.reason.code;
  SRM_TRY(Notify(b, a.signatory.id, prog.organization_id, "acceptance_voided", a.id,
                 "The acceptance of the risk for '" + a.activity + "' was voided: " + s.reason.message, detail));
  return {};
}

Result<ActivityView> DecisionService::AcceptRisk(const Principal& p, const std::string& programme_id,
                                                 const AcceptanceInput& in) {
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  if (!MayReadOrganizationRecord(p, prog->organization_id, area ? area->country_id : "", prog->area_id))
    return Forbidden("this activity belongs to another organization");
  Batch b(p, RoleLabel(p, {Role::kSmt, Role::kExecutiveOffice}), Now(), Today());
  SRM_ASSIGN(prior, records_->Activity(prog->id));
  bool changed = false;
  SRM_ASSIGN(now_decision, DecideActivity(b, *prog, prior, "check", &changed));
  SRM_ASSIGN(state, AcceptanceFor(b, *prog, now_decision));
  if (!state.may_sign) {
    const std::string& code = state.sign_check.code;
    std::string message = state.sign_check.message;
    if (!state.options.empty()) {
      message += " (options:";
      for (const auto& o : state.options) message += " " + o;
      message += ")";
    }
    // Nothing to sign, or nobody can: a conflict with the facts; otherwise the wrong signer.
    if (code == "acceptance_not_required" || code == "acceptance_above_limit" || code == "acceptance_never" ||
        code == "egs_no_go" || code == "no_sra" || code == "pc_assessment_not_current")
      return Conflict(code, message);
    return Fail(ErrorKind::kForbidden, code, message);
  }
  SRM_ASSIGN(f, Facts(b, prog->area_id));
  const domain::MethodPack& m = *f->pack;
  domain::AcceptanceTerms terms{in.reasons, in.conditions, std::nullopt};
  if (!in.expires_on.empty()) terms.expires_day = domain::DayNumber(in.expires_on);
  if (!in.expires_on.empty() && !terms.expires_day)
    return Invalid("invalid_date", "expires_on must be a date YYYY-MM-DD", "expires_on");
  const domain::TermsCheck t = domain::CheckTerms(m, terms, *domain::DayNumber(b.today));
  if (!t.ok) return Unprocessable(t.code, t.message, t.field);

  RiskAcceptance a;
  a.id = ids_->NewId("acc");
  a.programme_id = prog->id;
  a.activity = prog->activity.empty() ? prog->name : prog->activity;
  a.organization_id = prog->organization_id;
  a.area_id = prog->area_id;
  a.area_name = f->area.name;
  a.country_id = f->area.country_id;
  a.pc = now_decision.pc;
  a.sra_id = now_decision.sra_id.value_or("");
  a.residual_risk = now_decision.residual_risk.value_or("");
  a.residual_index = LevelIndex(m, a.residual_risk);
  a.signatory = {p.user.id, p.user.username};
  a.signatory_role = state.need == "executive_office" ? "executive_office" : "smt";
  a.reasons = in.reasons;
  a.conditions = in.conditions;
  a.expires_on = in.expires_on;
  a.signed_at = b.now;
  a.status = "in_force";
  a.created_at = a.updated_at = b.now;
  // The acceptance it replaces (one acceptance stands per activity).
  if (state.latest && state.latest->status != "replaced") {
    RiskAcceptance old = *state.latest;
    const int64_t revision = old.revision;
    const std::string before = old.status;
    old.status = "replaced";
    old.updated_at = b.now;
    b.writes.push_back(DecisionRecords::Put(old, revision));
    b.Audit("risk_acceptance.replace", kAcceptance, old.id, {{"status", before}}, {{"status", "replaced"}, {"by", a.id}});
  }
  b.writes.push_back(DecisionRecords::Put(a, 0));
  b.Audit("risk_acceptance.sign", kAcceptance, a.id, nullptr, AuditBody(a));
  b.ov.acceptances[prog->id] = a;
  // The activity decided again with the acceptance in place.
  SRM_ASSIGN(r, DecideActivity(b, *prog, prior, "risk_acceptance:" + a.id, &changed));
  r.created_at = prior ? prior->created_at : b.now;
  r.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(r, prior ? prior->revision : 0));
  b.Audit("activity.decide", kActivity, r.id, prior ? json{{"status", prior->status}} : json(nullptr),
          {{"status", r.status}, {"cause", "risk_acceptance:" + a.id}});
  // Open clearance legs serving the activity are decided again: one referred for want of this
  // acceptance (SRM-METHOD.md 7a) clears if the acceptance stands through its last day.
  SRM_ASSIGN(legs, OpenLegsOf(*records_, prog->id, b.today));
  SRM_TRY(Redecide(b, std::move(legs), "risk_acceptance:" + a.id));
  SRM_TRY(records_->Commit(b.writes, b.audit));
  r.revision = prior ? prior->revision + 1 : 1;
  a.revision = 1;
  ActivityView v{std::move(r), true, {}};
  v.acceptance = state;
  v.acceptance.latest = a;
  v.acceptance.in_force = true;
  v.acceptance.state = {"acceptance_in_force", "accepted until " + a.expires_on};
  v.acceptance.may_sign = true;
  return v;
}

Result<std::vector<RiskAcceptance>> DecisionService::ListAcceptances(const Principal& p, const std::string& programme_id) {
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  if (!MayReadOrganizationRecord(p, prog->organization_id, area ? area->country_id : "", prog->area_id))
    return Forbidden("this activity belongs to another organization");
  SRM_ASSIGN(all, records_->AcceptancesOf(prog->id));
  NewestFirst(&all);
  return all;
}

// ---------------------------------------------------------------- avoidance (the DO)

Result<AvoidanceDecision> DecisionService::RecordAvoidance(const Principal& p, const AvoidanceInput& in) {
  SRM_ASSIGN(area, store_->GetArea(in.area_id));
  if (!area) return NotFound("area " + in.area_id);
  if (!HoldsInterAgencyRoleIn(p, Role::kDesignatedOfficial, area->country_id, area->id))
    return Forbidden("avoidance (relocation, evacuation) is decided by the Designated Official for the area");
  if (in.kind != "relocation" && in.kind != "evacuation" && in.kind != "alternative_modality")
    return Invalid("invalid_value", "kind must be relocation, evacuation or alternative_modality", "kind");
  if (Blank(in.reason)) return Unprocessable("reason_required", "an avoidance decision says why", "reason");
  if (Blank(in.personnel) || in.personnel_count < 1)
    return Unprocessable("personnel_required", "an avoidance decision names the personnel concerned and how many",
                         Blank(in.personnel) ? "personnel" : "personnel_count");
  if (in.kind != "alternative_modality" && Blank(in.destination))
    return Unprocessable("destination_required", "a relocation or evacuation names where personnel go", "destination");
  SRM_ASSIGN(from, DayOf(in.from, "from"));
  if (!in.to.empty()) {
    SRM_ASSIGN(to, DayOf(in.to, "to"));
    if (to < from) return Unprocessable("invalid_window", "to is before from", "to");
  }
  Batch b(p, "designated_official", Now(), Today());
  AvoidanceDecision d;
  d.id = ids_->NewId("avd");
  d.area_id = area->id;
  d.area_name = area->name;
  d.country_id = area->country_id;
  d.kind = in.kind;
  d.from = in.from;
  d.to = in.to;
  d.destination = in.destination;
  d.reason = in.reason;
  d.personnel = in.personnel;
  d.personnel_count = static_cast<int>(in.personnel_count);
  d.decided_by = {p.user.id, p.user.username};
  d.decided_at = b.now;
  d.created_at = d.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(d, 0));
  b.Audit("avoidance.record", kAvoidance, d.id, nullptr, AuditBody(d));
  SRM_TRY(records_->Commit(b.writes, b.audit));
  d.revision = 1;
  return d;
}

Result<store::Page<AvoidanceDecision>> DecisionService::ListAvoidance(const Principal& p, store::AvoidanceFilter narrowed,
                                                                      const store::PageRequest& page) {
  // Avoidance concerns everyone in the area: whoever reads the area's EGS decisions reads it.
  SRM_ASSIGN(areas, AreasWhereHolds(store_, p, [](const domain::RoleGrant&) { return true; }));
  return records_->ListAvoidance(std::move(narrowed), areas, page);
}

}  // namespace srm::service
