// Acceptable risk per programme activity: the decision, re-decided with the facts it rests on;
// PC assessments (by the area's SMT) and executive approvals of a Very High residual (by the
// executive office of the activity's organization).
#include "service/decisions/internal.h"

#include "domain/sra_json.h"

namespace srm::service {

using domain::Role;
using domain::records::ActivityDecisionRecord;
using domain::records::ClearanceLeg;
using nlohmann::json;
using store::Page;
using store::PageRequest;
using namespace decision_kinds;
using namespace decision_detail;

Result<ActivityDecisionRecord> DecisionService::DecideActivity(Batch& b, const domain::Programme& prog,
                                                               const std::optional<ActivityDecisionRecord>& prior,
                                                               const std::string& cause, bool* changed) {
  SRM_ASSIGN(f, Facts(b, prog.area_id));
  const domain::MethodPack& m = *f->pack;
  // Judged against the scenarios that concern the activity, not the area's highest residual.
  SRM_ASSIGN(basis, BasisOf(b, *f, prog));
  domain::ActivityInput in;
  // The PC of a current assessment; without one, the registered PC (High and above then waits for
  // an assessment: pc_assessment_required).
  const int today_day = *domain::DayNumber(b.today);
  SRM_ASSIGN(current_pc, CurrentPc(b, prog.id, today_day, today_day));
  in.pc = current_pc.assessed ? current_pc.pc : prog.pc;
  if (f->sra) {
    in.residual = basis.residual;
    in.current = basis.current;
    in.sra_current = f->sra->review_due.empty() || f->sra->review_due >= b.today;
  }
  SRM_ASSIGN(assessed, PcAssessed(b, prog.id));
  in.pc_assessed = assessed;
  const std::optional<domain::records::ExecApproval> approval = prior ? prior->exec_approval : std::nullopt;
  in.exec_approved = approval && in.residual && approval->residual_index >= *in.residual;
  const int today = *domain::DayNumber(b.today);
  in.egs_no_go = domain::NoGoInForce(f->egs, today, *domain::DayNumber(kFarFuture));
  if (in.residual) {
    std::optional<domain::records::RiskAcceptance> acceptance;
    if (auto it = b.ov.acceptances.find(prog.id); it != b.ov.acceptances.end()) {
      acceptance = it->second;
    } else {
      SRM_ASSIGN(latest, LatestAcceptance(prog.id));
      acceptance = std::move(latest);
    }
    in.acceptance_in_force = AcceptanceStands(m, acceptance, b.today, *in.residual, in.egs_no_go.has_value());
  }
  domain::ActivityDecision d = domain::DecideActivity(m, in);
  for (auto& r : basis.reasons) d.reasons.push_back(std::move(r));
  ActivityDecisionRecord r;
  r.id = "act_" + prog.id;
  r.programme_id = prog.id;
  r.programme_name = prog.name;
  r.activity = prog.activity;
  r.organization_id = prog.organization_id;
  r.area_id = prog.area_id;
  r.area_name = f->area.name;
  r.country_id = f->area.country_id;
  r.pc = in.pc;
  if (f->sra) r.sra_id = f->sra->sra_id;
  if (in.residual) r.residual_risk = m.risk_levels[*in.residual];
  if (in.current) r.current_risk = m.risk_levels[*in.current];
  r.status = domain::ActivityOutcomeName(d.outcome);
  r.reasons = ReasonCodes(d.reasons);
  for (const auto& o : d.options) r.options.push_back({o, domain::OptionDetail(o)});
  r.missing = d.missing;
  r.needs_pc_assessment = d.needs_pc_assessment;
  r.needs_exec_approval = d.needs_exec_approval;
  r.never_acceptable = d.never_acceptable;
  r.pc_assessed = assessed;
  r.exec_approval = approval;
  if (in.egs_no_go) r.egs_decision_id = in.egs_no_go->id;
  r.decided_at = prior && !prior->decided_at.empty() ? prior->decided_at : b.now;
  if (prior) r.history = prior->history;
  *changed = (prior ? prior->status : std::string()) != r.status;
  if (*changed) {
    r.decided_at = b.now;
    r.history.push_back({b.now, r.status, cause});
  }
  return r;
}

Status DecisionService::RedecideActivities(Batch& b, const std::string& area_id, const std::string& cause) {
  SRM_ASSIGN(programmes, store_->ListProgrammes(area_id));
  // Every programme the SRA in force assesses gets a decision, registered beforehand or not.
  SRM_ASSIGN(f, Facts(b, area_id));
  if (f->exists) {
    SRM_ASSIGN(assessed, SraProgrammes(b, *f, programmes));
    for (auto& a : assessed) {
      // Registered now (before the decision's transaction, which references it), under the stable
      // id the SRA's series, organization and activity give: the Programmes list shows it too.
      SRM_TRY(store_->PutProgramme(a, {b.p.user.id, b.p.user.username, b.role, "programme.register_from_sra",
                                       "programme", a.id, "",
                                       json{{"organization_id", a.organization_id}, {"area_id", a.area_id},
                                            {"activity", a.activity}, {"pc", a.pc}, {"cause", cause}}.dump(),
                                       b.p.request_id}));
      programmes.push_back(std::move(a));
    }
  }
  for (const auto& prog : programmes) {
    SRM_ASSIGN(prior, records_->Activity(prog.id));
    bool changed = false;
    SRM_ASSIGN(r, DecideActivity(b, prog, prior, cause, &changed));
    // A material change (a higher residual, an EGS no-go) voids the acceptance: it is asked again.
    SRM_TRY(VoidIfChanged(b, prog, r));
    if (prior) {
      // Unchanged when everything the record says is the same (its row times and revision aside).
      ActivityDecisionRecord same = r;
      same.created_at = prior->created_at;
      same.updated_at = prior->updated_at;
      same.revision = prior->revision;
      if (same == *prior) continue;
    }
    r.created_at = prior ? prior->created_at : b.now;
    r.updated_at = b.now;
    b.writes.push_back(DecisionRecords::Put(r, prior ? prior->revision : 0));
    if (!changed) continue;
    ++b.changed_activities;
    b.Audit("activity.decide", kActivity, r.id, prior ? json{{"status", prior->status}} : json(nullptr),
            {{"status", r.status}, {"cause", cause}});
    if (prior) {
      SRM_ASSIGN(users, OrgUserIds(b, prog.organization_id));
      const std::string msg = "The acceptable-risk decision for '" + prog.name + "' in " + r.area_name +
                              " changed from " + prior->status + " to " + r.status;
      domain::records::NotificationDetail detail;
      detail.programme_id = prog.id;
      detail.before = prior->status;
      detail.after = r.status;
      detail.cause = cause;
      for (const auto& u : users)
        SRM_TRY(Notify(b, u, prog.organization_id, "activity_changed", r.id, msg, detail));
    }
  }
  return {};
}

Result<ActivityView> DecisionService::GetActivity(const Principal& p, const std::string& programme_id) {
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  if (!MayReadOrganizationRecord(p, prog->organization_id, area ? area->country_id : "", prog->area_id))
    return Forbidden("this activity belongs to another organization");
  SRM_ASSIGN(stored, records_->Activity(programme_id));
  Batch b(p, "", Now(), Today());
  bool changed = false;
  // Decided again on read: an acceptance that expired since the record was written no longer stands.
  SRM_ASSIGN(r, DecideActivity(b, *prog, stored, "computed", &changed));
  const bool recorded = stored && !changed;
  ActivityView v{recorded ? std::move(*stored) : std::move(r), recorded, {}};
  SRM_ASSIGN(state, AcceptanceFor(b, *prog, v.decision));
  v.acceptance = std::move(state);
  return v;
}

Result<ActivityList> DecisionService::ListActivities(const Principal& p, const std::string& area_id,
                                                     const std::string& status, const PageRequest& page,
                                                     const std::string& organization_id,
                                                     const store::ListNarrowing& narrow) {
  DecisionRecords::ActivityQuery q;
  q.area_id = area_id;
  q.status = status;
  q.narrow = narrow;
  bool any_wide = false;
  for (const auto& g : p.user.grants) any_wide = any_wide || IsCrossOrganizationGrant(g);
  ActivityList out;
  if (!any_wide) {
    // Another organization's filter narrows an own-organization reader to nothing.
    if (!organization_id.empty() && organization_id != p.user.organization_id) return out;
    q.org_id = p.user.organization_id;
  } else {
    q.org_id = organization_id;
    SRM_ASSIGN(areas, AreasWhereHolds(store_, p, IsCrossOrganizationGrant));
    q.areas = std::move(areas);
  }
  SRM_ASSIGN(rows, records_->ListActivities(q, page));
  out.page = std::move(rows);
  // The first page, unfiltered by status, also names the programmes in the same scope that have no
  // decision yet. Two queries whatever their number (the programmes, then which are decided).
  // With a decision date asked for there is none to show; a search or organization
  // narrows them as it narrows the decisions (name and activity, ASCII letters folded).
  const bool dated = !narrow.date_from.empty() || !narrow.date_to.empty();
  const auto folded = [](std::string s) {
    for (char& ch : s)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return s;
  };
  const std::string text = folded(narrow.text);
  const auto matches = [&](const domain::Programme& prog) {
    if (!q.org_id.empty() && prog.organization_id != q.org_id) return false;
    return text.empty() || folded(prog.name).find(text) != std::string::npos ||
           folded(prog.activity).find(text) != std::string::npos;
  };
  if (page.after.empty() && status.empty() && !dated) {
    SRM_ASSIGN(programmes, store_->ListProgrammes(area_id));
    std::vector<std::string> ids;
    std::vector<domain::Programme> in_scope;
    for (auto& prog : programmes) {
      const bool visible = !any_wide ? prog.organization_id == p.user.organization_id
                                     : !q.areas || std::find(q.areas->begin(), q.areas->end(), prog.area_id) != q.areas->end();
      if (!visible || !matches(prog)) continue;
      ids.push_back(prog.id);
      in_scope.push_back(std::move(prog));
    }
    SRM_ASSIGN(decided, records_->DecidedProgrammes(ids));
    for (auto& prog : in_scope)
      if (!decided.contains(prog.id)) out.undecided.push_back(std::move(prog));
  }
  // Each card's PC assessment, read for the whole page at once (not one request per card).
  std::vector<std::string> ids;
  for (const auto& r : out.page.items) ids.push_back(r.programme_id);
  for (const auto& prog : out.undecided) ids.push_back(prog.id);
  SRM_ASSIGN(assessments, records_->PcAssessmentsOf(ids));
  out.pc_assessments = std::move(assessments);
  return out;
}

// RecordPcAssessment: service/decisions/pc_assessments.cpp.

Result<ActivityDecisionRecord> DecisionService::RecordExecApproval(const Principal& p, const std::string& programme_id,
                                                                   const std::string& comment) {
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  const std::string country = area ? area->country_id : "";
  if (!ActsForOwnOrganization(p, Role::kExecutiveOffice, prog->organization_id, country, prog->area_id))
    return Forbidden("a Very High residual risk is approved by the executive head's office of " + prog->organization_id);
  if (Blank(comment))
    return Unprocessable("comment_required", "the executive office records why it accepts the risk", "comment");
  Batch b(p, "executive_office", Now(), Today());
  SRM_ASSIGN(prior, records_->Activity(prog->id));
  bool changed = false;
  SRM_ASSIGN(now_decision, DecideActivity(b, *prog, prior, "check", &changed));
  if (now_decision.never_acceptable)
    return Conflict("never_overridden", "an Unacceptable residual risk is never overridden");
  if (!now_decision.needs_exec_approval)
    return Conflict("not_required", "the residual risk is not Very High: no executive approval is needed");
  if (now_decision.status == "not_acceptable")
    return Conflict("not_acceptable", "the residual risk is above the activity's PC limit; an approval cannot make it acceptable");
  SRM_ASSIGN(f, Facts(b, prog->area_id));
  const domain::records::ExecApproval approval{p.user.username, b.now, comment, now_decision.residual_risk,
                                               f->sra ? f->sra->residual : 0, now_decision.sra_id};
  // Decide again with the approval in place (on a prior record that carries it).
  ActivityDecisionRecord with = prior ? *prior : ActivityDecisionRecord{};
  with.exec_approval = approval;
  SRM_ASSIGN(r, DecideActivity(b, *prog, with, "exec_approval", &changed));
  r.created_at = prior ? prior->created_at : b.now;
  r.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(r, prior ? prior->revision : 0));
  b.Audit("activity.exec_approval", kActivity, r.id, prior ? json{{"status", prior->status}} : json(nullptr),
          {{"status", r.status}, {"approval", domain::records::ToJson(approval)}});
  SRM_TRY(records_->Commit(b.writes, b.audit));
  r.revision = prior ? prior->revision + 1 : 1;
  return r;
}

}  // namespace srm::service
