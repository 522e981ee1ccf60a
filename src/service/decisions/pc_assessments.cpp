// Programme criticality assessments (SRM-METHOD.md §5, §7a): recorded by the PC lead (RC/HC/SRSG
// office) for the programme's country, PC1 confirmed by the executive head's office of the
// programme's organization (another person), dated and expiring after the pack's
// pc_assessment_months. The PC every decision uses comes from here (CurrentPc); nobody declares it.
#include "service/decisions/internal.h"

namespace srm::service {

using domain::Role;
using domain::records::ClearanceLeg;
using domain::records::PcAssessment;
using nlohmann::json;
using namespace decision_kinds;
using namespace decision_detail;

namespace {

// The assessment as the rules see it. Assessments recorded before they expired carry no
// valid_until: they hold the pack's months from the day they were recorded.
domain::PcAssessmentFacts FactsOf(const PcAssessment& a, int months) {
  domain::PcAssessmentFacts f;
  f.id = a.id;
  f.pc = a.pc;
  f.assessed_on = a.recorded_at.substr(0, 10);
  f.valid_until = a.valid_until.empty() ? domain::PcValidUntil(f.assessed_on, months) : a.valid_until;
  f.confirmed = !a.confirmed_at.empty();
  return f;
}

}  // namespace

Result<std::optional<domain::PcAssessmentFacts>> DecisionService::PcFacts(Batch& b, const std::string& programme_id) {
  using Out = std::optional<domain::PcAssessmentFacts>;
  if (programme_id.empty()) return Out();
  if (auto it = b.ov.assessed.find(programme_id); it != b.ov.assessed.end()) return Out(it->second);
  if (auto it = b.pc_facts.find(programme_id); it != b.pc_facts.end()) return it->second;
  SRM_ASSIGN(found, records_->PcAssessmentOf(programme_id));
  Out f;
  if (found) {
    SRM_ASSIGN(pack, methods_->Active());
    f = FactsOf(*found, pack->pc_assessment_months);
  }
  b.pc_facts[programme_id] = f;
  return f;
}

Result<domain::ProgrammePc> DecisionService::CurrentPc(Batch& b, const std::string& programme_id, int from_day,
                                                       int to_day) {
  SRM_ASSIGN(facts, PcFacts(b, programme_id));
  return domain::ProgrammePcDuring(!programme_id.empty(), facts, from_day, to_day);
}

Result<bool> DecisionService::PcAssessed(Batch& b, const std::string& programme_id) {
  const int today = *domain::DayNumber(b.today);
  SRM_ASSIGN(pc, CurrentPc(b, programme_id, today, today));
  return pc.assessed;
}

Result<std::optional<PcAssessment>> DecisionService::GetPcAssessment(const Principal& p,
                                                                     const std::string& programme_id) {
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  const std::string country = area ? area->country_id : "";
  if (!MayReadOrganizationRecord(p, prog->organization_id, country, prog->area_id) &&
      !HoldsRoleCoveringArea(p, Role::kPcLead, country, prog->area_id))
    return Forbidden("this programme belongs to another organization");
  return records_->PcAssessmentOf(programme_id);
}

// The open legs resting on a programme: re-decided when its criticality changes (or its risk is accepted).
Result<std::vector<ClearanceLeg>> decision_detail::OpenLegsOf(DecisionRecords& records, const std::string& programme_id,
                                                              const std::string& today) {
  SRM_ASSIGN(requests, records.RequestsOfProgramme(programme_id, today));
  std::vector<ClearanceLeg> legs;
  for (const auto& req : requests) {
    SRM_ASSIGN(ls, records.LegsOfRequest(req.id));
    for (auto& l : ls) legs.push_back(std::move(l));
  }
  return legs;
}

Result<PcAssessmentRecorded> DecisionService::RecordPcAssessment(const Principal& p, const std::string& programme_id,
                                                                 const PcAssessmentInput& in) {
  if (!MayWrite(p)) return Forbidden("an auditor's access is read-only");
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  const std::string country = area ? area->country_id : "";
  if (!HoldsRoleCoveringArea(p, Role::kPcLead, country, prog->area_id))
    return Fail(ErrorKind::kForbidden, "pc_lead_required",
                "a PC assessment is led by the RC/HC/SRSG office (PC lead) for the programme's country");
  const int64_t pc = in.pc.value_or(prog->pc);
  if (pc < 1 || pc > 4) return Unprocessable("invalid_pc", "pc must be 1 (highest) to 4", "pc");
  Batch b(p, "pc_lead", Now(), Today());
  SRM_ASSIGN(pack, methods_->Active());
  SRM_ASSIGN(prior, records_->PcAssessmentOf(prog->id));
  PcAssessment a;
  a.id = "pca_" + prog->id;
  a.programme_id = prog->id;
  a.pc = static_cast<int>(pc);
  a.organization_id = prog->organization_id;
  a.area_id = prog->area_id;
  a.country_id = country;
  a.comment = in.comment;
  a.recorded_by = p.user.username;
  a.recorded_by_id = p.user.id;
  a.recorded_at = b.now;
  a.valid_until = domain::PcValidUntil(b.today, pack->pc_assessment_months);
  a.created_at = prior ? prior->created_at : b.now;
  a.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(a, prior ? prior->revision : 0));
  b.Audit("activity.pc_assessment", kPcAssessment, a.id, prior ? AuditBody(*prior) : json(nullptr), AuditBody(a));
  b.ov.assessed[prog->id] = FactsOf(a, pack->pc_assessment_months);
  // The activity and every open clearance resting on the programme are decided again.
  SRM_TRY(RedecideActivities(b, prog->area_id, "pc_assessment:" + prog->id));
  SRM_ASSIGN(legs, OpenLegsOf(*records_, prog->id, b.today));
  SRM_TRY(Redecide(b, std::move(legs), "pc_assessment:" + prog->id));
  const int changed = b.changed_legs;
  SRM_TRY(records_->Commit(b.writes, b.audit));
  a.revision = prior ? prior->revision + 1 : 1;
  return PcAssessmentRecorded{std::move(a), changed};
}

Result<PcAssessmentRecorded> DecisionService::ConfirmPcAssessment(const Principal& p, const std::string& programme_id,
                                                                  const std::string& comment) {
  if (!MayWrite(p)) return Forbidden("an auditor's access is read-only");
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  const std::string country = area ? area->country_id : "";
  if (!ActsForOwnOrganization(p, Role::kExecutiveOffice, prog->organization_id, country, prog->area_id))
    return Fail(ErrorKind::kForbidden, "executive_office_required",
                "a PC1 is confirmed by the executive head's office of " + prog->organization_id);
  SRM_ASSIGN(found, records_->PcAssessmentOf(prog->id));
  if (!found) return Conflict("no_pc_assessment", "the programme has no PC assessment to confirm");
  PcAssessment a = std::move(*found);
  SRM_ASSIGN(pack, methods_->Active());
  const domain::PcAssessmentFacts facts = FactsOf(a, pack->pc_assessment_months);
  if (auto refusal = domain::RefuseConfirmation(facts, a.recorded_by_id, p.user.id)) {
    const ErrorKind kind =
        refusal->code == "pc_confirm_own_assessment" ? ErrorKind::kForbidden : ErrorKind::kConflict;
    return Fail(kind, refusal->code, refusal->message);
  }
  Batch b(p, "executive_office", Now(), Today());
  const int today = *domain::DayNumber(b.today);
  if (const auto until = domain::DayNumber(facts.valid_until); !until || *until < today)
    return Conflict("pc_assessment_expired", "the PC assessment expired on " + facts.valid_until +
                                                 "; the PC lead records a new one");
  const json before = AuditBody(a);
  const int64_t revision = a.revision;
  a.confirmed_by = p.user.username;
  a.confirmed_by_id = p.user.id;
  a.confirmed_at = b.now;
  if (!Blank(comment)) a.comment = a.comment.empty() ? comment : a.comment + "\n" + comment;
  a.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(a, revision));
  b.Audit("activity.pc_confirm", kPcAssessment, a.id, before, AuditBody(a));
  b.ov.assessed[prog->id] = FactsOf(a, pack->pc_assessment_months);
  SRM_TRY(RedecideActivities(b, prog->area_id, "pc_confirmation:" + prog->id));
  SRM_ASSIGN(legs, OpenLegsOf(*records_, prog->id, b.today));
  SRM_TRY(Redecide(b, std::move(legs), "pc_confirmation:" + prog->id));
  const int changed = b.changed_legs;
  SRM_TRY(records_->Commit(b.writes, b.audit));
  a.revision = revision + 1;
  return PcAssessmentRecorded{std::move(a), changed};
}

}  // namespace srm::service
