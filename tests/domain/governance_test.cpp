// Issue 16: the rules of governance, the action plan and the security workforce
// (domain/governance.h), table-driven; every outcome's reason code is checked.
#include "domain/governance.h"

#include <gtest/gtest.h>

namespace srm::domain::governance {
namespace {

using records::ActionPlanItem;
using records::SecurityPersonnel;
using records::SurgeDeployment;
using records::TorVersion;

TEST(GovernanceRules, TheGroupOwesAnEffectivenessReviewTwelveMonthsAfterItIsEstablished) {
  struct Case { const char* kind; const char* established; int count; const char* due; };
  const Case cases[] = {
      {"security_governance_group", "2026-02-15", 1, "2027-02-15"},
      {"security_governance_group", "2028-02-29", 1, "2029-02-28"},  // no 29 February: the month's last day
      {"iasmn", "2026-02-15", 0, ""},
      {"security_governance_group", "not a date", 0, ""},
  };
  for (const auto& c : cases) {
    auto o = ObligationsOnEstablishing(c.kind, c.established);
    ASSERT_EQ(static_cast<int>(o.size()), c.count) << c.kind << " " << c.established;
    if (c.count == 1) {
      EXPECT_EQ(o[0].kind, "effectiveness_review");
      EXPECT_EQ(o[0].due_on, c.due);
    }
  }
}

TEST(GovernanceRules, TermsOfReferenceAreVersionedAndAPublishedVersionIsFinal) {
  std::vector<TorVersion> tor;
  EXPECT_EQ(CanDraftTor(tor).reason, "tor_draft_added");
  tor.push_back({1, "v1", "draft", {"u1", "gov"}, "t", {}, std::nullopt});
  EXPECT_FALSE(CanDraftTor(tor).ok);
  EXPECT_EQ(CanDraftTor(tor).reason, "tor_draft_pending");
  EXPECT_EQ(CanPublishTor(tor, 2).reason, "tor_version_missing");
  ASSERT_TRUE(CanPublishTor(tor, 1).ok);
  EXPECT_EQ(CanPublishTor(tor, 1).reason, "tor_published");
  PublishTor(&tor, 1, {"u2", "gov2"}, "t1");
  EXPECT_EQ(CanPublishTor(tor, 1).reason, "tor_not_draft");
  ASSERT_NE(TorInForce(tor), nullptr);
  EXPECT_EQ(TorInForce(tor)->version, 1);
  tor.push_back({2, "v2", "draft", {"u1", "gov"}, "t2", {}, std::nullopt});
  PublishTor(&tor, 2, {"u2", "gov2"}, "t3");
  EXPECT_EQ(tor[0].status, "superseded");
  EXPECT_EQ(tor[0].text, "v1");  // never edited
  EXPECT_EQ(TorInForce(tor)->version, 2);
}

TEST(GovernanceRules, DueState) {
  struct Case { const char* due; std::optional<std::string> done; const char* today; const char* state; };
  const Case cases[] = {
      {"2026-05-01", std::nullopt, "2026-05-02", "overdue"},
      {"2026-05-01", std::nullopt, "2026-05-01", "due"},
      {"2026-05-31", std::nullopt, "2026-05-01", "due"},
      {"2026-06-01", std::nullopt, "2026-05-01", "upcoming"},
      {"2026-05-01", std::string("2026-04-30"), "2026-06-01", "done"},
      {"", std::nullopt, "2026-05-01", "undated"},
  };
  for (const auto& c : cases) EXPECT_EQ(DueState(c.due, c.done, c.today), c.state) << c.due << " on " << c.today;
  EXPECT_EQ(CanComplete(std::nullopt).reason, "completed");
  EXPECT_EQ(CanComplete(std::string("2026-01-01")).reason, "already_done");
}

ActionPlanItem Item(const std::string& status, std::vector<std::optional<std::string>> milestones_done) {
  ActionPlanItem i;
  i.status = status;
  i.due_on = "2027-01-01";
  int n = 0;
  for (auto& d : milestones_done) i.milestones.push_back({"m" + std::to_string(n++), "m", "2026-06-01", d});
  return i;
}

TEST(ActionPlanRules, StatusChanges) {
  struct Case { ActionPlanItem item; const char* to; bool ok; const char* reason; };
  const std::optional<std::string> done = "2026-01-01";
  const Case cases[] = {
      {Item("not_started", {}), "in_progress", true, "status_changed"},
      {Item("in_progress", {}), "in_progress", false, "status_unchanged"},
      {Item("in_progress", {std::nullopt}), "done", false, "milestones_open"},
      {Item("in_progress", {done}), "done", true, "status_changed"},
      {Item("done", {done}), "in_progress", false, "item_done"},
      {Item("in_progress", {}), "finished", false, "unknown_status"},
      {Item("in_progress", {}), "blocked", true, "status_changed"},
  };
  for (const auto& c : cases) {
    auto v = CanChangeStatus(c.item, c.to);
    EXPECT_EQ(v.ok, c.ok) << c.item.status << " -> " << c.to;
    EXPECT_EQ(v.reason, c.reason) << c.item.status << " -> " << c.to;
  }
}

TEST(ActionPlanRules, EvidenceLinksAreTypedAndChecked) {
  ActionPlanItem item = Item("in_progress", {});
  item.evidence.push_back({"sla", "sla_1", "", {}, ""});
  struct Case { const char* kind; const char* target; bool found; const char* status; bool ok; const char* reason; };
  const Case cases[] = {
      {"price_list", "pl_1", true, "published", true, "evidence_linked"},
      {"price_list", "pl_2", true, "draft", false, "price_list_not_published"},
      {"price_list", "pl_3", false, "", false, "evidence_target_missing"},
      {"fund_request", "fnr_1", true, "approved", true, "evidence_linked"},
      {"sla", "sla_1", true, "", false, "evidence_already_linked"},
      {"website", "x", true, "", false, "evidence_kind_unknown"},
      {"governance_decision", "gdc_1", false, "", false, "evidence_target_missing"},
  };
  for (const auto& c : cases) {
    auto v = CanLinkEvidence(item, c.kind, c.target, c.found, c.status);
    EXPECT_EQ(v.ok, c.ok) << c.kind << " " << c.target;
    EXPECT_EQ(v.reason, c.reason) << c.kind << " " << c.target;
  }
}

TEST(ActionPlanRules, Progress) {
  const std::optional<std::string> done = "2026-01-01";
  struct Case { ActionPlanItem item; const char* today; int percent; const char* state; int overdue; };
  const Case cases[] = {
      {Item("not_started", {}), "2026-05-01", 0, "not_started", 0},
      {Item("in_progress", {done, std::nullopt}), "2026-05-01", 50, "on_track", 0},
      {Item("in_progress", {done, std::nullopt, std::nullopt}), "2026-07-01", 33, "overdue", 2},
      {Item("blocked", {done}), "2026-05-01", 100, "blocked", 0},
      {Item("done", {done}), "2030-01-01", 100, "done", 0},
      {Item("in_progress", {}), "2027-01-02", 0, "overdue", 0},  // the item's own date passed
  };
  for (const auto& c : cases) {
    auto p = ProgressOf(c.item, c.today);
    EXPECT_EQ(p.percent, c.percent) << c.item.status << " " << c.today;
    EXPECT_EQ(p.state, c.state) << c.item.status << " " << c.today;
    EXPECT_EQ(p.milestones_overdue, c.overdue) << c.item.status << " " << c.today;
  }
}

SecurityPersonnel Person(const std::string& org, const std::string& user, const std::string& status = "serving") {
  SecurityPersonnel p;
  p.id = "spn_1";
  p.organization_id = org;
  p.user_id = user;
  p.full_name = "Kofi";
  p.status = status;
  p.skills = {"liaison"};
  p.languages = {"English"};
  return p;
}

TEST(WorkforceRules, PersonalDataIsForThePersonTheirSecurityManagersDssAndAuditors) {
  using domain::Role;
  auto reader = [](const std::string& user, const std::string& org, Role r) {
    return Reader{user, org, {RoleGrant{r, "", "", ""}}};
  };
  const SecurityPersonnel wfp = Person("org_wfp", "u_kofi");
  struct Case { Reader r; bool ok; const char* reason; };
  const Case cases[] = {
      {reader("u_kofi", "org_wfp", Role::kFinance), true, "self"},
      {reader("u_hq", "org_wfp", Role::kHqSecurity), true, "organization_security_manager"},
      {reader("u_sp", "org_wfp", Role::kSecurityProfessional), true, "organization_security_manager"},
      {reader("u_hq2", "org_iom", Role::kHqSecurity), false, "not_entitled"},  // another organization's manager
      {reader("u_dss", "org_dss", Role::kDssDesk), true, "dss"},
      {reader("u_aud", "org_dss", Role::kAuditor), true, "auditor"},
      {reader("u_adm", "org_dss", Role::kAdmin), false, "not_entitled"},
      {reader("u_fin", "org_wfp", Role::kFinance), false, "not_entitled"},  // same organization, not security
  };
  for (const auto& c : cases) {
    auto v = PersonalDataAccess(c.r, wfp);
    EXPECT_EQ(v.ok, c.ok) << c.r.user_id;
    EXPECT_EQ(v.reason, c.reason) << c.r.user_id;
  }
  EXPECT_EQ(CanRecordPersonnel(reader("u_hq", "org_wfp", Role::kHqSecurity), "org_wfp").reason,
            "organization_security_manager");
  EXPECT_EQ(CanRecordPersonnel(reader("u_hq", "org_wfp", Role::kHqSecurity), "org_iom").reason, "not_entitled");
  EXPECT_EQ(CanRecordPersonnel(reader("u_dss", "org_dss", Role::kDssDesk), "org_iom").reason, "dss");
  EXPECT_EQ(CanRecordPersonnel(reader("u_aud", "org_dss", Role::kAuditor), "org_dss").reason, "not_entitled");
}

TEST(WorkforceRules, PurgeAfterTheRetentionPeriod) {
  auto left = [](const char* on) {
    SecurityPersonnel p = Person("org_wfp", "u", "left");
    p.left_on = on;
    return p;
  };
  struct Case { SecurityPersonnel p; const char* today; bool ok; const char* reason; };
  const Case cases[] = {
      {left("2024-01-01"), "2025-12-30", false, "retention_running"},  // 729 days (2024 is a leap year)
      {left("2024-01-01"), "2025-12-31", true, "purge_due"},           // 730 days
      {left("2024-01-01"), "2026-06-01", true, "purge_due"},
      {Person("org_wfp", "u"), "2040-01-01", false, "not_left"},
      {Person("org_wfp", "", "vacant"), "2040-01-01", false, "not_left"},
      {Person("org_wfp", "", "purged"), "2040-01-01", false, "already_purged"},
  };
  for (const auto& c : cases) {
    auto v = PurgeDue(c.p, c.today, 730);
    EXPECT_EQ(v.ok, c.ok) << c.p.status << " " << c.today;
    EXPECT_EQ(v.reason, c.reason) << c.p.status << " " << c.today;
  }
  EXPECT_EQ(PurgeDue(left("2024-01-01"), "2025-12-29", 730).ok, false);
  EXPECT_EQ(PurgeDue(left("2024-01-01"), "2025-12-30", 729).reason, "purge_due");
  SecurityPersonnel purged = Purged(left("2024-01-01"), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(purged.status, "purged");
  EXPECT_TRUE(purged.full_name.empty());
  EXPECT_TRUE(purged.user_id.empty());
  EXPECT_TRUE(purged.skills.empty());
  EXPECT_TRUE(purged.languages.empty());
  EXPECT_EQ(purged.organization_id, "org_wfp");  // the post stays for the coverage counts
}

TEST(WorkforceRules, SurgeDeployments) {
  SurgeDeployment existing;
  existing.from = "2026-05-10";
  existing.to = "2026-05-20";
  existing.status = "planned";
  SurgeDeployment cancelled = existing;
  cancelled.from = "2026-06-01";
  cancelled.to = "2026-06-10";
  cancelled.status = "cancelled";
  const std::vector<SurgeDeployment> mine{existing, cancelled};
  struct Case { SecurityPersonnel p; const char* from; const char* to; bool ok; const char* reason; };
  const Case cases[] = {
      {Person("o", "u"), "2026-05-21", "2026-05-30", true, "deployment_valid"},
      {Person("o", "u"), "2026-05-20", "2026-05-30", false, "overlapping_deployment"},
      {Person("o", "u"), "2026-05-01", "2026-05-10", false, "overlapping_deployment"},
      {Person("o", "u"), "2026-06-02", "2026-06-05", true, "deployment_valid"},  // over a cancelled one
      {Person("o", "u"), "2026-05-30", "2026-05-21", false, "dates_reversed"},
      {Person("o", "u"), "2026-13-01", "2026-05-21", false, "dates_invalid"},
      {Person("o", "u", "left"), "2026-07-01", "2026-07-02", false, "personnel_not_serving"},
      {Person("o", "", "vacant"), "2026-07-01", "2026-07-02", false, "personnel_not_serving"},
  };
  for (const auto& c : cases) {
    auto v = CanDeploy(c.p, c.from, c.to, mine);
    EXPECT_EQ(v.ok, c.ok) << c.from << ".." << c.to;
    EXPECT_EQ(v.reason, c.reason) << c.from << ".." << c.to;
  }
  struct FundCase { bool given, found; const char* status; const char* req_area; bool ok; const char* reason; };
  const FundCase funds[] = {
      {false, false, "", "", true, "no_fund_request"},
      {true, false, "", "", false, "fund_request_missing"},
      {true, true, "submitted", "area_1", false, "fund_request_not_approved"},
      {true, true, "refused", "area_1", false, "fund_request_not_approved"},
      {true, true, "approved", "area_2", false, "fund_request_other_area"},
      {true, true, "approved", "area_1", true, "fund_request_linked"},
      {true, true, "disbursed", "area_1", true, "fund_request_linked"},
  };
  for (const auto& f : funds) {
    auto v = CanLinkFundRequest(f.given, f.found, f.status, f.req_area, "area_1");
    EXPECT_EQ(v.ok, f.ok) << f.status;
    EXPECT_EQ(v.reason, f.reason) << f.status;
  }
}

TEST(WorkforceRules, Coverage) {
  struct Case { int pros, surge, personnel, vacancies; std::optional<int> ratio; const char* state; };
  const Case cases[] = {
      {0, 0, 0, 0, std::nullopt, "no_personnel"},
      {0, 0, 50, 0, std::nullopt, "uncovered"},
      {1, 0, 50, 0, 50, "covered"},
      {1, 0, 101, 0, 101, "stretched"},
      {1, 1, 101, 0, 51, "covered"},  // surge capacity counts while deployed
      {2, 0, 50, 1, 25, "stretched"},  // a vacant post
  };
  for (const auto& c : cases) {
    auto cov = CoverageOf(c.pros, c.surge, c.personnel, c.vacancies);
    EXPECT_EQ(cov.personnel_per_professional, c.ratio) << c.pros << "/" << c.personnel;
    EXPECT_EQ(cov.state, c.state) << c.pros << "/" << c.personnel;
  }
}

}  // namespace
}  // namespace srm::domain::governance
