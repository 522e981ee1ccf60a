#include "domain/budget_workflow.h"

#include <algorithm>
#include <cctype>

namespace srm::domain {

namespace {
bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}
}  // namespace

Result<BudgetStep> CheckBudgetStep(std::string_view action, std::string_view status, const BudgetActor& a,
                                   bool has_lines, std::string_view comment) {
  const bool endorse = action == "endorse", approve = action == "approve", ret = action == "return";
  // B1
  if (!endorse && !approve && !ret)
    return Unprocessable("invalid_action", "action must be endorse, approve or return", "action");
  // B2
  if (endorse && !a.smt)
    return Fail(ErrorKind::kForbidden, "smt_required", "the SMT of the country endorses its cost-shared budget");
  if (!endorse && !a.dss_desk)
    return Fail(ErrorKind::kForbidden, "dss_desk_required",
                ret ? "the DSS desk, which would approve it, returns an endorsed budget to draft"
                    : "the DSS desk approves a country's cost-shared budget");
  // B3
  const std::string_view from = endorse ? "draft" : "endorsed";
  if (status != from)
    return Conflict("invalid_transition", "a budget is " + std::string(ret ? "returned" : endorse ? "endorsed" : "approved") +
                                              " from " + std::string(from) + ", this one is " + std::string(status));
  // B4
  if (a.drafted)
    return Fail(ErrorKind::kForbidden, "separation_of_duties",
                "whoever drafted the budget cannot " + std::string(action) + " it");
  if (!endorse && a.endorsed)
    return Fail(ErrorKind::kForbidden, "separation_of_duties",
                "whoever endorsed the budget cannot " + std::string(action) + " it");
  if (endorse && a.returned)
    return Fail(ErrorKind::kForbidden, "separation_of_duties", "whoever returned the budget cannot endorse it");
  // B5
  if (ret && Blank(comment))
    return Unprocessable("reason_required", "a budget is returned to draft with its reason", "comment");
  // B6
  if (!ret && !has_lines)
    return Unprocessable("budget_empty", "a budget without lines cannot be " + std::string(endorse ? "endorsed" : "approved"));
  if (endorse) return BudgetStep{"endorsed", "smt"};
  if (approve) return BudgetStep{"approved", "dss_desk"};
  return BudgetStep{"draft", "dss_desk"};
}

Status CheckHeadcountRefresh(std::string_view status) {
  if (status != "draft")
    return Conflict("budget_not_draft", "the headcount basis is refreshed while the budget is a draft");
  return {};
}

}  // namespace srm::domain
