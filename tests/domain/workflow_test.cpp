// SRA workflow (SRM-METHOD.md section 2): draft -> review -> endorsement -> approval/publication,
// any stage may send it back; every (action x status x role) combination.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "domain/roles.h"
#include "domain/sra.h"

namespace srm::domain {
namespace {

const SraStatus kStatuses[] = {SraStatus::kDraft,     SraStatus::kInReview, SraStatus::kReviewed,
                               SraStatus::kEndorsed,  SraStatus::kPublished, SraStatus::kReturned,
                               SraStatus::kSuperseded};
const Action kActions[] = {Action::kSubmit, Action::kReview, Action::kEndorse, Action::kApprove, Action::kReturn};

struct Transition {
  Action action;
  SraStatus from;
  Role role;
  SraStatus to;
};

// The allowed transitions, written out from the method; everything else is out of order.
const Transition kAllowed[] = {
    {Action::kSubmit, SraStatus::kDraft, Role::kSecurityProfessional, SraStatus::kInReview},
    {Action::kSubmit, SraStatus::kReturned, Role::kSecurityProfessional, SraStatus::kInReview},
    {Action::kReview, SraStatus::kInReview, Role::kSecurityCell, SraStatus::kReviewed},
    {Action::kEndorse, SraStatus::kReviewed, Role::kSmt, SraStatus::kEndorsed},
    {Action::kApprove, SraStatus::kEndorsed, Role::kDssDesk, SraStatus::kPublished},
    {Action::kReturn, SraStatus::kInReview, Role::kSecurityCell, SraStatus::kReturned},
    {Action::kReturn, SraStatus::kReviewed, Role::kSmt, SraStatus::kReturned},
    {Action::kReturn, SraStatus::kEndorsed, Role::kDssDesk, SraStatus::kReturned},
};

std::optional<Transition> Allowed(Action a, SraStatus from) {
  for (const auto& t : kAllowed)
    if (t.action == a && t.from == from) return t;
  return std::nullopt;
}

TEST(Workflow, EveryActionStatusRoleCombination) {
  int allowed = 0, combos = 0;
  for (Action a : kActions)
    for (SraStatus s : kStatuses) {
      const auto want = Allowed(a, s);
      const auto role = RoleFor(a, s);
      for (Role r : AllRoles()) {
        ++combos;
        const bool may = role.has_value() && *role == r;
        const bool should = want.has_value() && want->role == r;
        EXPECT_EQ(may, should) << ActionName(a) << " from " << StatusName(s) << " by " << RoleName(r);
        allowed += may;
      }
      auto next = NextStatus(s, a);
      if (want) {
        ASSERT_TRUE(role.has_value()) << ActionName(a) << " from " << StatusName(s);
        ASSERT_TRUE(next.has_value()) << ActionName(a) << " from " << StatusName(s);
        EXPECT_EQ(*next, want->to) << ActionName(a) << " from " << StatusName(s);
      } else {
        EXPECT_FALSE(role.has_value()) << ActionName(a) << " from " << StatusName(s);
        ASSERT_FALSE(next.has_value()) << ActionName(a) << " from " << StatusName(s);
        EXPECT_EQ(next.error().kind, ErrorKind::kConflict);
        EXPECT_EQ(next.error().code, "transition_out_of_order");
        EXPECT_NE(next.error().message.find(ActionName(a)), std::string::npos) << next.error().message;
        EXPECT_NE(next.error().message.find(StatusName(s)), std::string::npos) << next.error().message;
      }
    }
  EXPECT_EQ(combos, 5 * 7 * static_cast<int>(AllRoles().size()));
  EXPECT_EQ(allowed, 8);
}

TEST(Workflow, PublishedAndSupersededAcceptNoAction) {
  for (SraStatus s : {SraStatus::kPublished, SraStatus::kSuperseded})
    for (Action a : kActions) {
      EXPECT_FALSE(RoleFor(a, s).has_value());
      auto next = NextStatus(s, a);
      ASSERT_FALSE(next.has_value());
      EXPECT_EQ(next.error().code, "transition_out_of_order");
      EXPECT_EQ(next.error().message.find("allowed:"), std::string::npos) << "nothing is allowed";
    }
}

TEST(Workflow, ConflictNamesTheAllowedActions) {
  auto next = NextStatus(SraStatus::kReviewed, Action::kApprove);
  ASSERT_FALSE(next.has_value());
  EXPECT_NE(next.error().message.find("endorse"), std::string::npos) << next.error().message;
  EXPECT_NE(next.error().message.find("return"), std::string::npos) << next.error().message;
}

TEST(Workflow, HappyPathAndReturnLoop) {
  SraStatus s = SraStatus::kDraft;
  for (Action a : {Action::kSubmit, Action::kReview, Action::kReturn, Action::kSubmit, Action::kReview,
                   Action::kEndorse, Action::kReturn, Action::kSubmit, Action::kReview, Action::kEndorse,
                   Action::kApprove}) {
    auto next = NextStatus(s, a);
    ASSERT_TRUE(next.has_value()) << ActionName(a) << " from " << StatusName(s);
    s = *next;
  }
  EXPECT_EQ(s, SraStatus::kPublished);
}

TEST(Workflow, StatusesAwaiting) {
  using V = std::vector<SraStatus>;
  auto sorted = [](V v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(StatusesAwaiting(Role::kSecurityProfessional)), sorted({SraStatus::kDraft, SraStatus::kReturned}));
  EXPECT_EQ(StatusesAwaiting(Role::kSecurityCell), V{SraStatus::kInReview});
  EXPECT_EQ(StatusesAwaiting(Role::kSmt), V{SraStatus::kReviewed});
  EXPECT_EQ(StatusesAwaiting(Role::kDssDesk), V{SraStatus::kEndorsed});
  for (Role r : {Role::kAdmin, Role::kHqSecurity, Role::kExecutiveOffice, Role::kFinance, Role::kAuditor,
                 Role::kDesignatedOfficial, Role::kPcLead})
    EXPECT_TRUE(StatusesAwaiting(r).empty()) << RoleName(r);
  // Consistent with RoleFor: a status awaits a role exactly when some action there needs it.
  for (Role r : AllRoles())
    for (SraStatus s : kStatuses) {
      bool some = false;
      for (Action a : kActions) some = some || RoleFor(a, s) == r;
      const V w = StatusesAwaiting(r);
      EXPECT_EQ(std::find(w.begin(), w.end(), s) != w.end(), some) << RoleName(r) << " " << StatusName(s);
    }
}

TEST(Workflow, NamesRoundTrip) {
  std::set<std::string> names;
  for (SraStatus s : kStatuses) {
    names.insert(StatusName(s));
    EXPECT_EQ(StatusFromName(StatusName(s)), s);
  }
  EXPECT_EQ(names.size(), 7u);
  for (Action a : kActions) EXPECT_EQ(ActionFromName(ActionName(a)), a);
  EXPECT_EQ(KindFromName(KindName(SraKind::kArea)), SraKind::kArea);
  EXPECT_EQ(KindFromName(KindName(SraKind::kSpecific)), SraKind::kSpecific);
  EXPECT_FALSE(StatusFromName("Draft").has_value());
  EXPECT_FALSE(StatusFromName("").has_value());
  EXPECT_FALSE(ActionFromName("publish").has_value());
  EXPECT_FALSE(KindFromName("country").has_value());
  EXPECT_STREQ(StatusName(SraStatus::kInReview), "in_review");
  EXPECT_STREQ(ActionName(Action::kApprove), "approve");
}

TEST(Roles, NamesRoundTrip) {
  // 9 + designated_official, pc_lead, sra_designate (issue 14), governance (15), fund_manager, fund_board (16)
  ASSERT_EQ(AllRoles().size(), 15u);
  std::set<std::string_view> names;
  for (Role r : AllRoles()) {
    names.insert(RoleName(r));
    EXPECT_EQ(RoleFromName(RoleName(r)), r);
  }
  EXPECT_EQ(names.size(), AllRoles().size());  // every name distinct
  EXPECT_EQ(RoleName(Role::kDssDesk), "dss_desk");
  EXPECT_FALSE(RoleFromName("Admin").has_value());
  EXPECT_FALSE(RoleFromName("root").has_value());
}

TEST(Roles, GrantCoversScope) {
  const ScopeRef r{"org_wfp", "ctry_so", "area_mog"};
  EXPECT_TRUE(GrantCovers({Role::kAuditor, "", "", ""}, r));
  EXPECT_TRUE(GrantCovers({Role::kSmt, "org_wfp", "", ""}, r));
  EXPECT_TRUE(GrantCovers({Role::kSmt, "org_wfp", "ctry_so", "area_mog"}, r));
  EXPECT_TRUE(GrantCovers({Role::kSmt, "", "ctry_so", ""}, r));
  EXPECT_FALSE(GrantCovers({Role::kSmt, "org_unicef", "", ""}, r));
  EXPECT_FALSE(GrantCovers({Role::kSmt, "", "ctry_ke", ""}, r));
  EXPECT_FALSE(GrantCovers({Role::kSmt, "org_wfp", "ctry_so", "area_kis"}, r));
  EXPECT_FALSE(GrantCovers({Role::kSmt, "", "", "area_mog"}, ScopeRef{"org_wfp", "ctry_so", ""}));
}

// The review date rule as it has always been: the day of the month is kept up to the 28th and
// capped at the 28th after it, whatever the target month's length.
TEST(ReviewDue, MonthsAfterApprovalWithTheDayCappedAtThe28th) {
  struct Case {
    const char* approved;
    int months;
    const char* due;
  };
  for (const Case& c : {Case{"2026-11-26", 12, "2027-11-26"}, {"2026-11-26", 6, "2027-05-26"},
                        {"2026-01-28", 1, "2026-02-28"}, {"2026-01-29", 1, "2026-02-28"},
                        {"2026-01-31", 1, "2026-02-28"}, {"2024-01-31", 1, "2024-02-28"},  // leap year too
                        {"2026-03-31", 1, "2026-04-28"}, {"2026-03-31", 12, "2027-03-28"},
                        {"2024-02-29", 12, "2025-02-28"}, {"2026-12-31", 1, "2027-01-28"},
                        {"2026-12-15", 25, "2029-01-15"}, {"9999-06-15", 12, "9999-12-31"}}) {
    EXPECT_EQ(ReviewDue(*calendar::ParseIsoDate(c.approved), c.months), c.due) << c.approved << " + " << c.months;
  }
}

}  // namespace
}  // namespace srm::domain
