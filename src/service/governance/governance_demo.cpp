// Seeded through the services, so the audit trail and the refusals are the real ones.
#include "service/governance/governance_demo.h"

#include "security/crypto.h"
#include "service/governance/action_plan.h"
#include "service/governance/governance.h"
#include "service/governance/workforce.h"

namespace srm::service {

namespace {
using domain::records::ActionMilestone;
}  // namespace

Status SeedGovernance(store::Store* store, const Principal& gov, const Principal& gov2, const Principal& dss,
                      const Principal& sp, calendar::Day seeded_on) {
  SystemClock clock;
  security::RandomIdGen ids;
  GovernanceService governance(store, &clock, &ids);
  ActionPlanService plan(store, &clock, &ids);
  WorkforceService workforce(store, &clock, &ids, 730);
  auto day = [&](int days) { return calendar::FormatIsoDate(calendar::AddDays(seeded_on, days)); };

  // The group was established a year before the day 20 days from now: its 12-month effectiveness
  // review (002 § 49 f) falls due within the month, whatever the month's length, and shows on the dashboard.
  const std::string established =
      calendar::FormatIsoDate(*calendar::AddMonths(calendar::AddDays(seeded_on, 20), -12));
  SRM_ASSIGN(iasmn, governance.CreateBody(gov, {"iasmn", "Inter-Agency Security Management Network", "", "HLCM", "",
                                                "2002-01-01", {}}));
  SRM_ASSIGN(group, governance.CreateBody(
                        gov, {"security_governance_group", "Security Governance Group", "", "HLCM", "", established,
                              {{gov.user.id, gov.user.display_name, "org_dss", "chair"},
                               {gov2.user.id, gov2.user.display_name, "org_undp", "member"},
                               {"", "WFP representative", "org_wfp", "member"},
                               {"", "UNICEF representative", "org_unicef", "member"},
                               {"", "HLCM secretariat", "", "secretariat"}}}));
  SRM_TRY(governance.CreateBody(gov, {"finance_budget_network", "Finance and Budget Network", "", "HLCM", "",
                                      "2000-01-01", {}}));
  SRM_TRY(governance.CreateBody(gov, {"egs", "Executive Group on Security", "", "", iasmn.id, "2015-01-01", {}}));
  SRM_TRY(governance.CreateBody(gov, {"smt", "Security Management Team, Carana", "cty_carana", "Designated Official", "",
                                      "2020-01-01", {}}));
  SRM_TRY(governance.DraftTor(gov, group.id,
                              "1. Scope: oversight of the UN security management system's financing, the emergency "
                              "security fund and the universal price list.\n2. Composition: balanced representation of "
                              "the UN system (002 § 49 e).\n3. Reporting line: to HLCM; relationship with IASMN and the "
                              "Finance and Budget Network.\n4. Review: effectiveness and utility reviewed 12 months "
                              "after establishment (002 § 49 f)."));
  SRM_TRY(governance.PublishTor(gov, group.id, 1));
  SRM_ASSIGN(meeting, governance.CreateMeeting(gov, {group.id, day(-14), "Second meeting of the security governance group",
                                                     "Reviewed the fund's first requests and the price list timetable."}));
  SRM_TRY(governance.CreateDecision(gov, {meeting.id, "Circulate the draft service-level agreement template to IASMN",
                                          "DSS", "", day(14)}));
  SRM_TRY(governance.CreateDecision(gov, {meeting.id, "Report the fund's first quarter to the group", "Fund manager",
                                          "", day(-2)}));

  // The action plan of model 1 and the category 1 recommendations (002 §§ 8, 49 b-d, g).
  auto item = [&](const char* code, const char* title, const char* category, const char* model, const char* lead,
                  const std::string& lead_body, int due, const char* source,
                  std::vector<ActionMilestone> milestones) -> Result<ActionItemRead> {
    return plan.Create(gov, {code, title, category, model, lead, lead_body, day(due), source, std::move(milestones)});
  };
  SRM_ASSIGN(model1, item("49b", "Implement model 1 as the immediate way forward", "under_way", "model_1", "DSS", "", 270,
                          "002 § 49 b", {{"", "Action plan agreed with IASMN", day(-30), std::nullopt},
                                         {"", "First progress report to HLCM", day(90), std::nullopt}}));
  SRM_TRY(plan.CompleteMilestone(gov, model1.item.id, model1.item.milestones[0].id));
  SRM_TRY(plan.SetStatus(gov, model1.item.id, "in_progress"));
  // The fund's approved (or disbursed) request, the published price list, an SLA: the evidence.
  std::string request_id, request_area = "area_1";
  store::PageRequest first;
  first.limit = 1;
  for (const char* status : {"disbursed", "approved"}) {
    store::FundRequestFilter by_status;
    by_status.status = status;
    SRM_ASSIGN(reqs, store->ListFundRequests(by_status, first));
    if (!reqs.items.empty() && request_id.empty()) {
      request_id = reqs.items[0].id;
      request_area = reqs.items[0].area_id;
    }
  }
  store::PriceListFilter published;
  published.status = "published";
  SRM_ASSIGN(lists, store->ListPriceLists(published, first));
  SRM_ASSIGN(slas, store->ListServiceLevelAgreements({}, first));

  SRM_ASSIGN(fund, item("cat1-fund", "Establish an emergency security fund", "no_regret", "model_1", "DSS", group.id,
                        180, "002 §§ 8 b, 25, 40-41",
                        {{"", "Terms of the fund and expenditure authority agreed", day(-60), std::nullopt},
                         {"", "First contributions received", day(-20), std::nullopt},
                         {"", "Transparency report to contributors", day(60), std::nullopt}}));
  SRM_TRY(plan.CompleteMilestone(gov, fund.item.id, fund.item.milestones[0].id));
  SRM_TRY(plan.CompleteMilestone(gov, fund.item.id, fund.item.milestones[1].id));
  SRM_TRY(plan.SetStatus(gov, fund.item.id, "in_progress"));
  if (!request_id.empty()) SRM_TRY(plan.LinkEvidence(gov, fund.item.id, "fund_request", request_id, "First surge request"));

  SRM_ASSIGN(prices, item("cat1-price-list", "Develop a universal price list for security services", "no_regret",
                          "model_1", "Security governance group", group.id, 120, "002 §§ 8 b, 49 g",
                          {{"", "Results chain of security services agreed", day(-90), std::nullopt},
                           {"", "Price list published", day(-10), std::nullopt}}));
  SRM_TRY(plan.CompleteMilestone(gov, prices.item.id, prices.item.milestones[0].id));
  SRM_TRY(plan.CompleteMilestone(gov, prices.item.id, prices.item.milestones[1].id));
  SRM_TRY(plan.SetStatus(gov, prices.item.id, "in_progress"));
  if (!lists.items.empty())
    SRM_TRY(plan.LinkEvidence(gov, prices.item.id, "price_list", lists.items[0].id, "Published price list"));

  SRM_TRY(item("cat1-integrated-workforce",
               "Address outstanding issues of the integrated security workforce of special political and "
               "peacekeeping missions", "no_regret", "model_1", "DSS with DPO and DPPA", "", 240, "002 §§ 8 b, 27",
               {{"", "Inventory of mission security posts", day(45), std::nullopt}}));
  SRM_ASSIGN(nso, item("cat1-nso", "Strengthen the role of national security officers", "no_regret", "model_1",
                       "IASMN", iasmn.id, 300, "002 §§ 8 b, 27",
                       {{"", "Survey of national security officers' roles", day(-5), std::nullopt},
                        {"", "Career path proposal", day(150), std::nullopt}}));
  SRM_TRY(plan.SetStatus(gov, nso.item.id, "in_progress"));

  SRM_ASSIGN(sla, item("49g", "Consult IASMN and the Finance and Budget Network on service-level agreements",
                       "under_way", "", "DSS", "", 200, "002 § 49 g",
                       {{"", "Template circulated to IASMN", day(14), std::nullopt}}));
  SRM_TRY(plan.SetStatus(gov, sla.item.id, "in_progress"));
  if (!slas.items.empty())
    SRM_TRY(plan.LinkEvidence(gov, sla.item.id, "sla", slas.items[0].id, "First agreement measured in the product"));
  SRM_TRY(item("49b-model4", "Financial, operational and structural analysis of model 4", "further_study", "", "DSS",
               "", 540, "002 § 49 b", {}));

  // Security personnel in Carana (personal data: DSS, auditors, their organization's security
  // managers and the people themselves read it) and one surge deployment paid by the fund.
  SRM_TRY(workforce.Create(dss, {sp.user.id, sp.user.display_name, "org_dss", "", "area_1", "international",
                                 "Field Security Coordination Officer (P-3)", "serving", {"SRA", "crisis management"},
                                 {"English", "French"}}));
  SRM_TRY(workforce.Create(dss, {"", "Kofi Mensah", "org_dss", "", "area_1", "national", "National Security Officer",
                                 "serving", {"liaison", "travel security"}, {"English", "Carana Creole"}}));
  SRM_TRY(workforce.Create(dss, {"", "Amina Diallo", "org_wfp", "", "area_5", "national",
                                 "Field Security Associate (WFP)", "serving", {"convoy security"}, {"French"}}));
  SRM_TRY(workforce.Create(dss, {"", "", "org_dss", "", "area_5", "international", "Security Adviser (P-4)", "vacant",
                                 {}, {}}));
  SRM_TRY(workforce.Create(dss, {"", "Rui Costa", "org_dss", "", "area_6", "mission",
                                 "Mission Security Officer (FS-5)", "serving", {"close protection"}, {"Portuguese", "English"}}));
  SRM_ASSIGN(surge_officer, workforce.Create(dss, {"", "Lina Haddad", "org_dss", "", "", "international",
                                                   "Surge Security Coordination Officer", "serving",
                                                   {"crisis management", "SRA"}, {"Arabic", "English", "French"}}));
  SRM_TRY(workforce.Deploy(dss, {surge_officer.id, request_area, day(-3), day(27), request_id,
                                 "Extra capacity while the Northern ceasefire holds"}));
  return {};
}

}  // namespace srm::service
