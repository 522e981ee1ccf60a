// The steps of a local cost-shared budget's decision (SRM-METHOD.md §7, §7a; issue 15): drafted by
// the DSS security professional of the country, endorsed by the SMT, approved by the DSS desk; the
// desk may instead return an endorsed budget to draft, with its reason. Nobody performs two steps
// of one decision: whoever drafted (created it, added a line, refreshed its headcount) neither
// endorses, returns nor approves it; whoever endorsed it neither returns nor approves it; whoever
// returned it does not endorse it afterwards. Pure: the service says who the actor is.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace srm::domain {

struct BudgetActor {
  bool smt = false;       // an SMT grant covering the whole country
  bool dss_desk = false;  // a DSS desk grant covering the whole country
  bool drafted = false;   // performed a drafting step of this budget
  bool endorsed = false;  // endorsed it as it stands (the current endorsement)
  bool returned = false;  // returned it to draft at some point
};

struct BudgetStep {
  std::string to_status;  // draft | endorsed | approved
  std::string role;       // smt | dss_desk: the role the step is recorded under
};

// The outcome of `action` on a budget in `status`, in this order (code, HTTP kind):
//   B1 invalid_action           action is not endorse, approve or return (422)
//   B2 smt_required             endorse without an SMT grant (403)
//      dss_desk_required        approve or return without a DSS desk grant (403)
//   B3 invalid_transition       endorse from other than draft; approve/return from other than
//                               endorsed (409)
//   B4 separation_of_duties     a drafter acting; the endorser approving or returning; who returned
//                               it endorsing (403)
//   B5 reason_required          return without a reason (blank comment) (422)
//   B6 budget_empty             endorse or approve a budget without lines (422)
// Otherwise the step: endorse -> endorsed (smt), approve -> approved (dss_desk),
// return -> draft (dss_desk).
Result<BudgetStep> CheckBudgetStep(std::string_view action, std::string_view status, const BudgetActor& actor,
                                   bool has_lines, std::string_view comment);

// Whether the headcount basis may be refreshed: a draft only (B7 budget_not_draft, 409).
Status CheckHeadcountRefresh(std::string_view status);

}  // namespace srm::domain
