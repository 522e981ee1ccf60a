// The approval path of published specific SRAs: the agency HQ security office coordinates, the
// executive head's office approves or refuses, both of the SRA's organization. An approval
// re-decides the legs of the mission it covers.
#include "service/decisions/internal.h"

namespace srm::service {

using domain::Role;
using domain::records::SpecificSraApproval;
using store::Page;
using store::PageRequest;
using namespace decision_kinds;
using namespace decision_detail;

Result<SpecificSraApproval> DecisionService::GetSpecific(const Principal& p, const std::string& sra_id) {
  if (!ValidId(sra_id)) return NotFound("specific SRA");
  SRM_ASSIGN(found, records_->SpecificApproval(sra_id));
  if (!found) return NotFound("approval of specific SRA " + sra_id + " (is it a published specific SRA?)");
  if (!MaySeeSra(p, "specific", found->organization_id, found->country_id, found->area_id))
    return Forbidden("this specific SRA belongs to another organization");
  return std::move(*found);
}

Result<Page<SpecificSraApproval>> DecisionService::ListSpecific(const Principal& p, const std::string& status,
                                                                bool awaiting_me, const PageRequest& page) {
  DecisionRecords::SpecificQuery q;
  if (!status.empty()) q.statuses = {status};
  if (awaiting_me) {
    // HQ security coordinates, the executive office decides: each sees its organization's queue.
    q.statuses.clear();
    if (p.Has(Role::kHqSecurity)) q.statuses.push_back("awaiting_coordination");
    if (p.Has(Role::kExecutiveOffice)) q.statuses.push_back("coordinated");
    if (q.statuses.empty()) return Page<SpecificSraApproval>{};
    q.org_id = p.user.organization_id;
  }
  // The read rule of specific SRAs (service/scope.h), in the store query.
  return records_->ListSpecific(q, [&](store::DocFilter* f) { return ScopeSraDocList(store_, p, f); }, page);
}

Result<SpecificTransitioned> DecisionService::TransitionSpecific(const Principal& p, const std::string& sra_id,
                                                                 const SpecificTransitionInput& in) {
  const std::string& action = in.action;
  if (action != "coordinate" && action != "approve" && action != "refuse")
    return Unprocessable("unknown_action", "action must be coordinate, approve or refuse", "action");
  if (!ValidId(sra_id)) return NotFound("specific SRA");
  SRM_ASSIGN(found, records_->SpecificApproval(sra_id));
  if (!found) return NotFound("approval of specific SRA " + sra_id + " (is it a published specific SRA?)");
  SpecificSraApproval a = std::move(*found);
  const Role needed = action == "coordinate" ? Role::kHqSecurity : Role::kExecutiveOffice;
  if (!ActsForOwnOrganization(p, needed, a.organization_id, a.country_id, a.area_id))
    return Forbidden(action == "coordinate"
                         ? "a specific SRA is coordinated by the agency HQ security office of " + a.organization_id
                         : "a specific SRA is approved or refused by the executive head's office of " + a.organization_id);
  const std::string want = action == "coordinate" ? "awaiting_coordination" : "coordinated";
  if (a.status != want)
    return Conflict("out_of_order", "this specific SRA is " + a.status + "; " + action + " needs it " + want);
  SRM_ASSIGN(sra, store_->GetSra(sra_id));
  if (!sra || sra->status != "published")
    return Conflict("not_published", "the specific SRA is no longer the published version");
  if ((action == "approve" || action == "refuse") && Blank(in.comment))
    return Unprocessable("comment_required", "the executive office records why it decides", "comment");
  Batch b(p, std::string(domain::RoleName(needed)), Now(), Today());
  const std::string before = a.status;
  const int64_t revision = a.revision;
  const std::string to = action == "coordinate" ? "coordinated" : action == "approve" ? "approved" : "refused";
  a.status = to;
  a.updated_at = b.now;
  a.history.push_back({b.now, action, p.user.username, b.role, in.comment});
  if (action == "coordinate") a.coordinated_by = p.user.username;
  else a.decided_by = p.user.username;
  b.writes.push_back(DecisionRecords::Put(a, revision));
  b.Audit("specific_sra." + action, kSpecific, a.id, {{"status", before}}, {{"status", to}, {"comment", in.comment}});
  if (action == "approve") {
    b.ov.extra_approval = ApprovedFacts(a);
    SRM_ASSIGN(legs, records_->LegsInArea(a.area_id, b.today, ""));
    SRM_TRY(Redecide(b, LegsOfMission(std::move(legs), a.mission_ref, a.organization_id),
                     "specific_sra_approved:" + sra_id));
  }
  const int changed = b.changed_legs;
  SRM_TRY(records_->Commit(b.writes, b.audit));
  a.revision = revision + 1;
  return SpecificTransitioned{std::move(a), changed};
}

}  // namespace srm::service
