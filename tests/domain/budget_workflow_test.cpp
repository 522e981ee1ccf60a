// The budget's decision steps (domain/budget_workflow.h): one row per outcome, including who may
// not perform a second step of the same decision.
#include "domain/budget_workflow.h"

#include <gtest/gtest.h>

#include <vector>

namespace srm::domain {
namespace {

TEST(CheckBudgetStep, EveryOutcome) {
  const BudgetActor smt{.smt = true}, desk{.dss_desk = true};
  struct Row {
    const char* name;
    const char* action;
    const char* status;
    BudgetActor actor;
    bool has_lines;
    const char* comment;
    const char* code;  // "" = allowed
    const char* to;    // the status it leads to
  };
  const std::vector<Row> rows = {
      {"endorse", "endorse", "draft", smt, true, "", "", "endorsed"},
      {"approve", "approve", "endorsed", desk, true, "", "", "approved"},
      {"return with its reason", "return", "endorsed", desk, true, "Guards priced twice", "", "draft"},
      {"B1 unknown action", "reject", "draft", smt, true, "", "invalid_action", ""},
      {"B1 submit is not a budget step", "submit", "draft", smt, true, "", "invalid_action", ""},
      {"B2 endorse without SMT", "endorse", "draft", desk, true, "", "smt_required", ""},
      {"B2 approve without desk", "approve", "endorsed", smt, true, "", "dss_desk_required", ""},
      {"B2 return without desk (the SMT)", "return", "endorsed", smt, true, "why", "dss_desk_required", ""},
      {"B3 endorse twice", "endorse", "endorsed", smt, true, "", "invalid_transition", ""},
      {"B3 approve a draft", "approve", "draft", desk, true, "", "invalid_transition", ""},
      {"B3 return a draft", "return", "draft", desk, true, "why", "invalid_transition", ""},
      {"B3 return an approved budget", "return", "approved", desk, true, "why", "invalid_transition", ""},
      {"B4 drafter endorses", "endorse", "draft", {.smt = true, .drafted = true}, true, "", "separation_of_duties", ""},
      {"B4 drafter approves", "approve", "endorsed", {.dss_desk = true, .drafted = true}, true, "",
       "separation_of_duties", ""},
      {"B4 drafter returns", "return", "endorsed", {.dss_desk = true, .drafted = true}, true, "why",
       "separation_of_duties", ""},
      {"B4 endorser approves", "approve", "endorsed", {.smt = true, .dss_desk = true, .endorsed = true}, true, "",
       "separation_of_duties", ""},
      {"B4 endorser returns", "return", "endorsed", {.smt = true, .dss_desk = true, .endorsed = true}, true, "why",
       "separation_of_duties", ""},
      {"B4 who returned endorses", "endorse", "draft", {.smt = true, .dss_desk = true, .returned = true}, true, "",
       "separation_of_duties", ""},
      {"who returned approves later (the same step)", "approve", "endorsed", {.dss_desk = true, .returned = true},
       true, "", "", "approved"},
      {"B5 return without reason", "return", "endorsed", desk, true, "", "reason_required", ""},
      {"B5 return with a blank reason", "return", "endorsed", desk, true, " \t\n", "reason_required", ""},
      {"B6 endorse without lines", "endorse", "draft", smt, false, "", "budget_empty", ""},
      {"B6 approve without lines", "approve", "endorsed", desk, false, "", "budget_empty", ""},
      {"first outcome wins", "approve", "draft", {.drafted = true}, false, "", "dss_desk_required", ""},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.name);
    auto step = CheckBudgetStep(r.action, r.status, r.actor, r.has_lines, r.comment);
    if (*r.code == 0) {
      ASSERT_TRUE(step.has_value()) << step.error().code;
      EXPECT_EQ(step->to_status, r.to);
      EXPECT_EQ(step->role, std::string(r.action) == "endorse" ? "smt" : "dss_desk");
    } else {
      ASSERT_FALSE(step.has_value());
      EXPECT_EQ(step.error().code, r.code);
    }
  }
}

TEST(CheckHeadcountRefresh, DraftOnly) {
  EXPECT_TRUE(CheckHeadcountRefresh("draft").has_value());
  for (const char* s : {"endorsed", "approved"}) {
    auto st = CheckHeadcountRefresh(s);
    ASSERT_FALSE(st.has_value()) << s;
    EXPECT_EQ(st.error().code, "budget_not_draft");
    EXPECT_EQ(st.error().kind, ErrorKind::kConflict);
  }
}

}  // namespace
}  // namespace srm::domain
