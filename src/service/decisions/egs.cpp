// Executive Group on Security go/no-go decisions: recorded by the DSS regional desk (the EGS
// secretariat) for the areas its grant covers; recording one re-decides the legs and activities
// it touches.
#include "service/decisions/internal.h"

#include <algorithm>

namespace srm::service {

using domain::Role;
using domain::records::EgsRecord;
using store::Page;
using store::PageRequest;
using namespace decision_kinds;
using namespace decision_detail;

Result<EgsRecorded> DecisionService::RecordEgs(const Principal& p, const EgsInput& in) {
  if (in.decision != "go" && in.decision != "no_go")
    return Unprocessable("invalid_decision", "decision must be go or no_go", "decision");
  SRM_ASSIGN(from, DayOf(in.from, "from"));
  SRM_ASSIGN(to, DayOf(in.to, "to"));
  if (to < from) return Unprocessable("invalid_window", "the window ends on or after the day it starts", "to");
  if (to - from > 3660) return Unprocessable("window_too_long", "a decision covers at most ten years", "to");
  SRM_ASSIGN(area, store_->GetArea(in.area_id));
  if (!area) return Unprocessable("unknown_area", "unknown area '" + in.area_id + "'", "area_id");
  if (!HoldsInterAgencyRoleIn(p, Role::kDssDesk, area->country_id, area->id))
    return Forbidden("EGS decisions are recorded by the DSS regional desk (the EGS secretariat) for the area");
  Batch b(p, "dss_desk", Now(), Today());
  EgsRecord r;
  r.id = ids_->NewId("egs");
  r.area_id = area->id;
  r.area_name = area->name;
  r.country_id = area->country_id;
  r.decision = in.decision;
  r.from = domain::DayString(from);
  r.to = domain::DayString(to);
  r.reason = in.reason;
  r.meeting_ref = in.meeting_ref;
  r.recorded_by = {p.user.id, p.user.username};
  r.decided_at = b.now;
  r.created_at = r.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(r, 0));
  b.Audit("egs.record", kEgs, r.id, nullptr, AuditBody(r));
  b.ov.extra_egs.push_back({area->id, {r.id, in.decision == "no_go", from, to, b.now}});
  if (r.to >= b.today) {
    const std::string lo = std::max(r.from, b.today);
    SRM_ASSIGN(legs, records_->LegsInArea(area->id, lo, r.to));
    SRM_TRY(Redecide(b, std::move(legs), "egs:" + r.id));
    SRM_TRY(RedecideActivities(b, area->id, "egs:" + r.id));
  }
  const int changed = b.changed_legs, activities = b.changed_activities;
  SRM_TRY(records_->Commit(b.writes, b.audit));
  r.revision = 1;
  return EgsRecorded{std::move(r), changed, activities};
}

Result<EgsRecord> DecisionService::GetEgs(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("EGS decision");
  SRM_ASSIGN(found, records_->Egs(id));
  if (!found) return NotFound("EGS decision " + id);
  if (!p.CanSeeArea(found->country_id, found->area_id)) return Forbidden("this area is outside your scope");
  return std::move(*found);
}

Result<Page<EgsRecord>> DecisionService::ListEgs(const Principal& p, const std::string& area_id, const PageRequest& page,
                                                  const std::string& decision, const store::ListNarrowing& narrow) {
  SRM_ASSIGN(areas, AreasWhereHolds(store_, p, [](const domain::RoleGrant&) { return true; }));
  return records_->ListEgs(area_id, areas, page, decision, narrow);
}

}  // namespace srm::service
