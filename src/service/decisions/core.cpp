// The re-decision core: the facts an area decision rests on, the leg rules applied to a leg, and
// what publishing an SRA re-decides.
#include "service/decisions/internal.h"

#include <algorithm>

#include "domain/sra_json.h"

namespace srm::service {

using domain::Role;
using domain::records::ClearanceLeg;
using domain::records::RiskAcceptance;
using domain::records::SpecificSraApproval;
using nlohmann::json;
using namespace decision_kinds;
using namespace decision_detail;

DecisionService::DecisionService(store::Store* store, MethodRegistry* methods, const Clock* clock, IdGen* ids)
    : store_(store), records_(std::make_unique<DecisionRecords>(store)), methods_(methods), clock_(clock), ids_(ids) {}

DecisionService::~DecisionService() = default;

namespace decision_detail {

std::string RoleLabel(const Principal& p, std::initializer_list<Role> prefer) {
  for (Role r : prefer)
    if (p.Has(r)) return std::string(domain::RoleName(r));
  return p.user.grants.empty() ? "user" : std::string(domain::RoleName(p.user.grants.front().role));
}

int LevelIndex(const domain::MethodPack& m, const std::string& name) {
  for (int i = 0; i < domain::kRiskLevels; ++i)
    if (m.risk_levels[i] == name) return i;
  return -1;
}

std::vector<domain::records::ReasonCode> ReasonCodes(const std::vector<domain::Reason>& rs) {
  std::vector<domain::records::ReasonCode> out;
  for (const auto& r : rs) out.push_back({r.code, r.message});
  return out;
}

std::string LegStatusOf(const domain::LegDecision& d) {
  switch (d.outcome) {
    case domain::LegOutcome::kCleared: return "cleared";
    case domain::LegOutcome::kBlocked: return "blocked";
    case domain::LegOutcome::kReferred: return d.approver_role == "executive_office" ? "referred_executive" : "referred";
  }
  return "referred";
}

std::string Aggregate(const std::vector<std::string>& statuses) {
  bool blocked = false, refused = false, pending = false;
  for (const auto& s : statuses) {
    blocked = blocked || s == "blocked";
    refused = refused || s == "refused";
    pending = pending || s == "referred" || s == "referred_executive";
  }
  if (blocked) return "blocked";
  if (refused) return "refused";
  if (pending) return "pending";
  return "cleared";
}

int ApplyDecision(ClearanceLeg& leg, const domain::LegDecision& d, const domain::MethodPack& m, const std::string& now,
                  const std::string& cause) {
  const ClearanceLeg before = leg;
  const std::string old_status = leg.status;
  const std::string residual = d.residual ? m.risk_levels[*d.residual] : "";
  const bool same_facts = leg.rule == d.rule && leg.residual_risk == residual && leg.approver_role == d.approver_role &&
                          leg.specific_sra_id == d.specific_sra_id && leg.egs_decision_id == d.egs_id;
  leg.rule = d.rule;
  leg.approver_role = d.approver_role;
  leg.reasons = ReasonCodes(d.reasons);
  leg.residual_risk = residual;
  leg.sra_id = d.sra_id;
  leg.specific_sra_id = d.specific_sra_id;
  leg.egs_decision_id = d.egs_id;
  const bool manual = old_status == "approved" || old_status == "refused";
  const std::string status = LegStatusOf(d);
  if (!(manual && d.outcome == domain::LegOutcome::kReferred && same_facts) && status != old_status) {
    leg.status = status;
    leg.decided_at = now;
    leg.decided_by = "system";
    leg.decided_role = "";
    leg.comment = "";
    leg.history.push_back({now, status, d.rule, "system", std::nullopt, std::nullopt, cause});
  }
  if (leg == before) return 0;
  return leg.status != old_status ? 2 : 1;
}

}  // namespace decision_detail

std::string DecisionService::Now() const { return FormatTimestamp(clock_->NowMillis()); }
std::string DecisionService::Today() const { return Now().substr(0, 10); }

Result<std::shared_ptr<DecisionService::AreaFacts>> DecisionService::Facts(Batch& b, const std::string& area_id) {
  if (auto it = b.facts.find(area_id); it != b.facts.end()) return it->second;
  auto f = std::make_shared<AreaFacts>();
  SRM_ASSIGN(area, store_->GetArea(area_id));
  SRM_ASSIGN(active, methods_->Active());
  f->pack = active;
  if (area) {
    f->exists = true;
    f->area = *area;
  }
  const domain::Sra* pub = b.ov.published;
  if (pub && pub->kind == domain::SraKind::kArea && pub->area_id == area_id) {
    SRM_ASSIGN(pack, methods_->Get(pub->method_version));
    f->pack = pack;
    if (pub->overall_residual) {
      f->sra = domain::AreaSraFacts{pub->id, *pub->overall_residual, pub->review_due, pub->scope.from_date,
                                    pub->scope.to_date};
      f->version = pub->version;
      f->current = pub->overall_current;
    }
  } else if (f->exists) {
    store::SraFilter sf;
    sf.area_id = area_id;
    sf.statuses = {"published"};
    SRM_ASSIGN(rows, store_->ListSras(sf, {500, ""}));
    for (const auto& r : rows.items) {
      if (r.kind != "area" || r.overall_residual.empty()) continue;
      SRM_ASSIGN(pack, methods_->Get(r.method_version));
      const int residual = LevelIndex(*pack, r.overall_residual);
      if (residual < 0) continue;
      f->pack = pack;
      f->sra = domain::AreaSraFacts{r.id, residual, r.review_due};
      // Its scope period (in the document only): a leg is decided against it only inside it.
      SRM_ASSIGN(full, store_->GetSra(r.id));
      if (full) {
        const json doc = json::parse(full->doc, nullptr, false);
        if (!doc.is_discarded())
          if (auto s = domain::SraFromJson(doc)) {
            f->sra->period_from = s->scope.from_date;
            f->sra->period_to = s->scope.to_date;
          }
      }
      f->version = r.version;
      break;
    }
  }
  if (f->exists) {
    SRM_ASSIGN(egs, records_->EgsInArea(area_id));
    for (const auto& e : egs) {
      auto from = domain::DayNumber(e.from), to = domain::DayNumber(e.to);
      if (!from || !to) continue;
      f->egs.push_back({e.id, e.decision == "no_go", *from, *to, e.created_at});
    }
  }
  for (const auto& [a, d] : b.ov.extra_egs)
    if (a == area_id) f->egs.push_back(d);
  b.facts[area_id] = f;
  return f;
}

// PcAssessed, CurrentPc: service/decisions/pc_assessments.cpp.

Result<std::optional<domain::Programme>> DecisionService::FindProgramme(const std::string& id) {
  if (!ValidId(id)) return std::optional<domain::Programme>();
  SRM_ASSIGN(all, store_->ListProgrammes(""));
  for (auto& pr : all)
    if (pr.id == id) return std::optional<domain::Programme>(std::move(pr));
  return std::optional<domain::Programme>();
}

namespace {

SpecificApproval ApprovalFacts(const SpecificSraApproval& a) {
  SpecificApproval s;
  s.approval_id = a.id;
  s.sra_id = a.sra_id;
  s.series_id = a.series_id;
  s.mission_ref = a.mission_ref;
  s.org_id = a.organization_id;
  s.area_id = a.area_id;
  s.facts = {a.sra_id, a.id, a.residual_index, std::nullopt, std::nullopt};
  if (auto d = domain::DayNumber(a.from)) s.facts.from_day = *d;
  if (auto d = domain::DayNumber(a.to)) s.facts.to_day = *d;
  return s;
}

// The approved specific SRAs of an area, still published (a later version needs its own approval).
Status LoadSpecifics(DecisionRecords& records, store::Store* st, const std::string& area_id,
                     const domain::Sra* publishing, std::vector<SpecificApproval>* out) {
  SRM_ASSIGN(approvals, records.SpecificInArea(area_id, "approved"));
  for (const auto& a : approvals) {
    if (publishing && publishing->kind == domain::SraKind::kSpecific && publishing->series_id == a.series_id) continue;
    SRM_ASSIGN(sra, st->GetSra(a.sra_id));
    if (!sra || sra->status != "published") continue;
    out->push_back(ApprovalFacts(a));
  }
  return {};
}

}  // namespace

SpecificApproval decision_detail::ApprovedFacts(const SpecificSraApproval& a) { return ApprovalFacts(a); }

Result<Evaluated> decision_detail::EvaluateLeg(DecisionRecords& records, store::Store* st, DecisionService::AreaFacts& f,
                                               const domain::Sra* publishing,
                                               const std::optional<SpecificApproval>& extra,
                                               const domain::ProgrammePc& pc, int from_day, int to_day,
                                               const std::string& mission_ref, const std::string& org_id,
                                               const std::string& programme_id,
                                               const std::map<std::string, RiskAcceptance>& signing) {
  domain::LegInput in;
  in.pc = pc.pc;
  in.pc_assessed = pc.assessed;
  in.pc_basis = pc.reason;
  in.from_day = from_day;
  in.to_day = to_day;
  in.area_sra = f.sra;
  in.egs = f.egs;
  if (f.sra && f.sra->residual >= f.pack->exec_approval_from && !mission_ref.empty()) {
    if (!f.specifics_loaded) {
      SRM_TRY(LoadSpecifics(records, st, f.area.id, publishing, &f.specifics));
      if (extra && extra->area_id == f.area.id) f.specifics.push_back(*extra);
      f.specifics_loaded = true;
    }
    for (const auto& s : f.specifics)
      if (s.mission_ref == mission_ref && s.org_id == org_id) in.specific = s.facts;
  }
  // From High a residual within the limit stands only with the activity's signed acceptance in
  // force through the leg's last day (SRM-METHOD.md 7a); travel serving no programme has none.
  if (f.sra && f.sra->residual >= f.pack->acceptance_from && !programme_id.empty()) {
    std::optional<RiskAcceptance> latest;  // the one being signed in this change, else the latest stored
    if (auto it = signing.find(programme_id); it != signing.end()) {
      latest = it->second;
    } else {
      SRM_ASSIGN(stored, LatestAcceptanceOf(records, programme_id));
      latest = std::move(stored);
    }
    in.acceptance_in_force = AcceptanceStands(*f.pack, latest, domain::DayString(to_day), f.sra->residual,
                                              /*egs_no_go=*/false);  // an EGS no-go blocks the leg first
  }
  return Evaluated{domain::DecideLeg(*f.pack, in), f.pack};
}

// ---------------------------------------------------------------- re-decision

Status DecisionService::Redecide(Batch& b, std::vector<ClearanceLeg> legs, const std::string& cause) {
  std::map<std::string, std::map<std::string, std::string>> touched;  // request -> leg id -> new status
  for (auto& leg : legs) {
    if (leg.to < b.today) continue;  // a leg that has ended is history
    SRM_ASSIGN(f, Facts(b, leg.area_id));
    if (!f->exists) continue;
    auto from = domain::DayNumber(leg.from), to = domain::DayNumber(leg.to);
    if (!from || !to) continue;
    // The PC comes from the programme's assessment current over the leg's days, never declared.
    SRM_ASSIGN(pc, CurrentPc(b, leg.programme_id, *from, *to));
    leg.pc = pc.pc;
    leg.pc_assessed = pc.assessed;
    SRM_ASSIGN(ev, EvaluateLeg(*records_, store_, *f, b.ov.published, b.ov.extra_approval, pc, *from, *to,
                               leg.mission_ref, leg.organization_id, leg.programme_id, b.ov.acceptances));
    const std::string before_status = leg.status, before_rule = leg.rule, before_residual = leg.residual_risk;
    const json before{{"status", before_status}, {"rule", before_rule}, {"residual_risk", before_residual}};
    const int64_t revision = leg.revision;
    leg.revision = 0;  // compared without it: a stored leg differs from a fresh one only by it
    const int change = ApplyDecision(leg, ev.decision, *ev.pack, b.now, cause);
    if (change == 0) continue;
    ++b.changed_legs;
    leg.updated_at = b.now;
    b.writes.push_back(DecisionRecords::Put(leg, revision));
    b.Audit("clearance.leg.redecide", kLeg, leg.id, before,
            {{"status", leg.status}, {"rule", leg.rule}, {"residual_risk", leg.residual_risk}, {"cause", cause}});
    if (change == 2) {
      const std::string msg = "Your clearance for " + leg.area_name + " from " +
                              leg.from + " to " + leg.to + " is now " + leg.status + ": " +
                              (leg.reasons.empty() ? std::string() : leg.reasons.back().message);
      domain::records::NotificationDetail detail;
      detail.request_id = leg.request_id;
      detail.leg_id = leg.id;
      detail.area_id = leg.area_id;
      detail.before = before_status;
      detail.after = leg.status;
      detail.rule = leg.rule;
      detail.cause = cause;
      const std::string owner = leg.requested_by.id;
      SRM_TRY(Notify(b, owner, leg.organization_id, "clearance_changed", leg.request_id, msg, detail));
      const std::string& traveller = leg.traveller.user_id;
      if (!traveller.empty() && traveller != owner)
        SRM_TRY(Notify(b, traveller, leg.organization_id, "clearance_changed", leg.request_id, msg, detail));
    }
    touched[leg.request_id][leg.id] = leg.status;
  }
  // Each request whose legs changed gets its overall status again.
  for (auto& [request_id, changed] : touched) SRM_TRY(Reaggregate(b, request_id, changed, "clearance.redecide", cause));
  return {};
}

Status DecisionService::Reaggregate(Batch& b, const std::string& request_id,
                                    const std::map<std::string, std::string>& changed, const std::string& action,
                                    const std::string& cause) {
  SRM_ASSIGN(found, records_->Request(request_id));
  if (!found) return {};
  auto req = std::move(*found);
  SRM_ASSIGN(legs, records_->LegStatuses(request_id));
  std::vector<std::string> statuses;
  for (const auto& [id, status] : legs) {
    auto it = changed.find(id);
    statuses.push_back(it != changed.end() ? it->second : status);
  }
  const std::string status = Aggregate(statuses);
  if (status == req.status) return {};
  const std::string before = req.status;
  const int64_t revision = req.revision;
  req.status = status;
  req.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(req, revision));
  json after{{"status", status}};
  if (!cause.empty()) after["cause"] = cause;
  b.Audit(action, kClearance, request_id, {{"status", before}}, after);
  return {};
}

Result<PublishEffects> DecisionService::Commit(Batch& b) {
  return PublishEffects{std::move(b.writes), std::move(b.audit)};
}

namespace {
// The legs of one organization's mission among those of an area.
std::vector<ClearanceLeg> OfMission(std::vector<ClearanceLeg> legs, const std::string& mission_ref,
                                    const std::string& org_id) {
  std::vector<ClearanceLeg> out;
  for (auto& l : legs)
    if (l.mission_ref == mission_ref && l.organization_id == org_id) out.push_back(std::move(l));
  return out;
}
}  // namespace

std::vector<ClearanceLeg> decision_detail::LegsOfMission(std::vector<ClearanceLeg> legs, const std::string& mission_ref,
                                                         const std::string& org_id) {
  return OfMission(std::move(legs), mission_ref, org_id);
}

Result<PublishEffects> DecisionService::OnPublish(const Principal& p, const domain::Sra& sra, const domain::MethodPack&) {
  Batch b(p, "dss_desk", Now(), Today());
  b.ov.published = &sra;
  const std::string cause = "sra_published:" + sra.id;
  if (sra.kind == domain::SraKind::kArea) {
    SRM_ASSIGN(legs, records_->LegsInArea(sra.area_id, b.today, ""));
    SRM_TRY(Redecide(b, std::move(legs), cause));
    SRM_TRY(RedecideActivities(b, sra.area_id, cause));
    SRM_TRY(ChecklistsOnPublish(b, sra));
    return Commit(b);
  }
  // A specific SRA: its approval path starts; approvals of earlier versions no longer count.
  SRM_ASSIGN(pack, methods_->Get(sra.method_version));
  SRM_ASSIGN(area, store_->GetArea(sra.area_id));
  SRM_ASSIGN(earlier, records_->SpecificInArea(sra.area_id, ""));
  for (auto& a : earlier) {
    if (a.series_id != sra.series_id || a.status == "superseded") continue;
    const std::string before = a.status;
    const int64_t revision = a.revision;
    a.status = "superseded";
    a.updated_at = b.now;
    a.history.push_back({b.now, "supersede", p.user.username, std::nullopt,
                         "version " + std::to_string(sra.version) + " published"});
    b.writes.push_back(DecisionRecords::Put(a, revision));
    b.Audit("specific_sra.supersede", kSpecific, a.id, {{"status", before}}, {{"status", "superseded"}});
  }
  SpecificSraApproval a;
  a.id = "ssa_" + sra.id;
  a.sra_id = sra.id;
  a.series_id = sra.series_id;
  a.version = sra.version;
  a.title = sra.title;
  a.mission_ref = sra.mission_ref;
  a.organization_id = sra.organization_id;
  a.area_id = sra.area_id;
  a.area_name = area ? area->name : sra.area_id;
  a.country_id = sra.country_id;
  if (sra.overall_residual) a.residual_risk = pack->risk_levels[*sra.overall_residual];
  a.residual_index = sra.overall_residual.value_or(0);
  a.from = sra.scope.from_date;
  a.to = sra.scope.to_date;
  a.status = "awaiting_coordination";
  a.published_at = sra.published_at;
  a.created_at = a.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(a, 0));
  b.Audit("specific_sra.open", kSpecific, a.id, nullptr, {{"status", "awaiting_coordination"}});
  // Legs of this mission that relied on an earlier version's approval are decided again.
  SRM_ASSIGN(legs, records_->LegsInArea(sra.area_id, b.today, ""));
  SRM_TRY(Redecide(b, OfMission(std::move(legs), sra.mission_ref, sra.organization_id), cause));
  return Commit(b);
}

}  // namespace srm::service
