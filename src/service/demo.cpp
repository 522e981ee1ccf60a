#include "service/demo.h"

#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "security/crypto.h"
#include "service/decisions.h"
#include "service/money/budget_demo.h"
#include "service/money/fund_demo.h"
#include "service/governance/governance_demo.h"
#include "service/money/catalog_demo.h"
#include "service/money/sla_demo.h"

namespace srm::service {

using nlohmann::json;

const std::vector<std::string>& DemoUsernames() {
  static const std::vector<std::string> names{"admin", "sp", "cell", "smt", "dss", "hq", "exec", "finance", "auditor",
                                                "do", "pclead", "wfpexec", "gov", "gov2", "fund", "board"};
  return names;
}

namespace {

store::AuditEvent Seed(const std::string& action, const std::string& type, const std::string& id) {
  return {"system", "demo-seed", "system", action, type, id, "", "", ""};
}

// Carana is drawn as an island in the open Atlantic so it never overlaps a real country on the
// map: a 4 x 2 grid of areas over lon -26..-18, lat -2..3, interior vertices nudged so the areas
// look like regions rather than boxes while still sharing their borders exactly.
std::pair<double, double> Vertex(int i, int j) {
  double lon = -26.0 + 2.0 * i;
  double lat = -2.0 + 2.5 * j;
  if (i > 0 && i < 4) lon += 0.35 * std::sin(i * 1.7 + j * 2.3);
  if (j == 1) lat += 0.4 * std::cos(i * 1.3);
  return {lon, lat};
}

std::string CellPolygon(int i, int j) {
  json ring = json::array();
  for (auto [a, b] : {std::pair{i, j}, std::pair{i + 1, j}, std::pair{i + 1, j + 1}, std::pair{i, j + 1}, std::pair{i, j}}) {
    auto [lon, lat] = Vertex(a, b);
    ring.push_back({std::round(lon * 1e4) / 1e4, std::round(lat * 1e4) / 1e4});
  }
  return json{{"type", "Polygon"}, {"coordinates", json::array({ring})}}.dump();
}

// Kalari's area SRA (SRM-METHOD.md 7a): a High residual for UNDP's community violence reduction
// (PC2, within its limit), assessed by the country team and accepted by UNDP's head in Carana (smt)
// with an expiry next month, so the demo shows a signed acceptance in force and when it runs out.
Status SeedKalariAcceptance(store::Store* store, SraService* sras, DecisionService* decisions, const Principal& sp,
                            const Principal& cell, const Principal& smt, const Principal& dss, const Principal& pclead,
                            const std::function<std::string(int)>& seed_date) {
  const std::string activity = "Community violence reduction";
  json header{{"area_id", "area_3"},
              {"title", "Kalari area SRA"},
              {"scope", {{"from_date", seed_date(-30)}, {"to_date", seed_date(330)}, {"trigger", "change_in_area"}}},
              {"situation",
               {{"political", "Militias contest the district after the disputed local elections."},
                {"threat_actors", "Two militias controlling the roads out of Kalari town; armed bandits."},
                {"host_security_forces", "One police post in Kalari town; none on the roads."}}},
              {"programmes", json::array({{{"organization_id", "org_undp"}, {"activity", activity}, {"pc", 2},
                                           {"international", 2}, {"national", 14}}})},
              {"threats", json::array()}};
  header["threats"].push_back({{"category", "armed_conflict"}, {"intent", 4}, {"capability", 3}, {"inhibiting", 2}});
  header["threats"].push_back({{"category", "crime"}, {"intent", 3}, {"capability", 3}, {"inhibiting", 3}});
  header["threats"].push_back({{"category", "civil_unrest"}, {"intent", 3}, {"capability", 2}, {"inhibiting", 3}});
  header["threats"].push_back({{"category", "terrorism"}, {"not_applicable", true},
                               {"not_applicable_reason", "No terrorist group is known in Kalari district."}});
  header["threats"].push_back({{"category", "hazards"}, {"frequency", 2}, {"magnitude", 2}, {"preparedness", 3}});
  SRM_ASSIGN(sra, sras->Create(sp, header));
  SRM_TRY(sras->AddScenario(
      sp, sra.id,
      {{"title", "Militia checkpoint turns violent on the Kalari road"},
       {"threat_category", "armed_conflict"},
       {"vulnerability", {{"exposed", "Dialogue facilitators travelling to the villages"},
                          {"weaknesses", "One road; daily, predictable trips"}}},
       {"likelihood", "Very Likely"}, {"impact", "Severe"},
       {"measures", json::array({{{"type", "prevention"}, {"description", "Daily movement clearance; convoy of two vehicles"},
                                  {"moss_category", "coordination"}, {"cost_minor", 0}, {"owner", "UNDSS Kalari"},
                                  {"status", "implemented"}}})},
       {"residual_likelihood", "Likely"}, {"residual_impact", "Severe"}}));
  SRM_TRY(sras->Transition(sp, sra.id, {{"action", "submit"}}));
  SRM_TRY(sras->Transition(cell, sra.id, {{"action", "review"}, {"comment", "Reviewed in the security cell."}}));
  SRM_TRY(sras->Transition(smt, sra.id, {{"action", "endorse"}, {"comment", "Endorsed by the SMT."}}));
  SRM_TRY(sras->Transition(dss, sra.id, {{"action", "approve"}, {"comment", "Approved and published."}}));
  // Publication registered the activity the SRA assesses; the country team assesses it PC2.
  SRM_ASSIGN(programmes, store->ListProgrammes("area_3"));
  std::string programme_id;
  for (const auto& p : programmes)
    if (p.organization_id == "org_undp" && p.activity == activity) programme_id = p.id;
  if (programme_id.empty()) return Internal("demo: Kalari's activity was not registered on publication");
  SRM_TRY(decisions->RecordPcAssessment(pclead, programme_id, PcAssessmentInput{2, "Country team PC assessment"}));
  AcceptanceInput accept{"Violence reduction dialogues cannot wait for the roads to calm down",
                         "Daily movement clearance; two-vehicle convoys; no travel after dark", seed_date(30)};
  SRM_TRY(decisions->AcceptRisk(smt, programme_id, accept));
  return {};
}

}  // namespace

Status SeedDemo(store::Store* store, AdminService* admin, SraService* sras) {
  SRM_ASSIGN(orgs, store->ListOrganizations());
  if (!orgs.empty()) return {};

  const std::vector<domain::Organization> organizations{
      {"org_dss", "UNDSS", "UN Department of Safety and Security"},
      {"org_iom", "IOM", "International Organization for Migration"},
      {"org_undp", "UNDP", "United Nations Development Programme"},
      {"org_unicef", "UNICEF", "United Nations Children's Fund"},
      {"org_wfp", "WFP", "World Food Programme"}};
  for (const auto& o : organizations) SRM_TRY(store->PutOrganization(o, Seed("org.put", "organization", o.id)));
  SRM_TRY(store->PutRegion({"reg_west", "West and Central Africa (training)"}, Seed("region.put", "region", "reg_west")));
  SRM_TRY(store->PutCountry({"cty_carana", "reg_west", "XC", "Carana"}, Seed("country.put", "country", "cty_carana")));

  const char* names[2][4] = {{"Sanjar", "Leppko", "Kalari", "Guvi Coast"},
                             {"Northern Province", "Mahbek", "Bosali", "Hanno Highlands"}};
  std::vector<std::string> area_ids;
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 4; ++i) {
      std::string id = "area_" + std::to_string(j * 4 + i + 1);
      domain::Area a{id, "cty_carana", names[j][i], CellPolygon(i, j)};
      SRM_TRY(store->PutArea(a, Seed("area.put", "area", id)));
      area_ids.push_back(id);
    }
  // A location per area: the main office, at the area's centre.
  for (int k = 0; k < 8; ++k) {
    auto [lon0, lat0] = Vertex(k % 4, k / 4);
    auto [lon1, lat1] = Vertex(k % 4 + 1, k / 4 + 1);
    domain::Location l{"loc_" + std::to_string(k + 1), area_ids[k], std::string("UN office ") + names[k / 4][k % 4],
                       "office", (lat0 + lat1) / 2, (lon0 + lon1) / 2};
    SRM_TRY(store->PutLocation(l, Seed("location.put", "location", l.id)));
  }
  const std::vector<domain::Programme> programmes{
      {"prg_1", "org_wfp", "area_1", "Emergency food assistance", "General food distribution", 1, 12, 85, 4},
      {"prg_2", "org_unicef", "area_1", "Child protection", "Mobile child-friendly spaces", 2, 6, 40, 2},
      {"prg_3", "org_iom", "area_5", "Displacement tracking", "Site assessments in IDP camps", 2, 4, 30, 6},
      {"prg_4", "org_undp", "area_2", "Rule of law", "Court rehabilitation", 3, 3, 15, 1},
      {"prg_5", "org_undp", "area_1", "Governance support", "Workshops with ministries", 4, 5, 10, 0},
      {"prg_6", "org_iom", "area_4", "Migration health", "Border health posts", 3, 2, 25, 3},
      {"prg_7", "org_wfp", "area_6", "School feeding", "Deliveries to schools", 3, 1, 20, 0},
      {"prg_8", "org_unicef", "area_8", "WASH", "Water point repair", 4, 1, 12, 2}};
  for (const auto& p : programmes) SRM_TRY(store->PutProgramme(p, Seed("programme.put", "programme", p.id)));

  Principal seed = ConsolePrincipal("demo-seed");
  struct DemoUser { const char* name; const char* display; const char* org; const char* role; const char* country; };
  const DemoUser users[] = {
      {"admin", "Ada Admin", "org_dss", "admin", ""},
      {"sp", "Samir Security Professional", "org_dss", "security_professional", "cty_carana"},
      {"cell", "Chloe Security Cell", "org_iom", "security_cell", "cty_carana"},
      {"smt", "Simon SMT Member", "org_undp", "smt", "cty_carana"},
      {"dss", "Dana DSS Regional Desk", "org_dss", "dss_desk", ""},
      {"hq", "Hiro Agency HQ Security", "org_iom", "hq_security", ""},
      {"exec", "Esther Executive Office", "org_iom", "executive_office", ""},
      {"finance", "Femi Finance", "org_wfp", "finance", "cty_carana"},
      {"auditor", "Ana Auditor", "org_dss", "auditor", ""},
      // SRM-METHOD.md §1, §7a: the Designated Official chairs the SMT and decides avoidance; the
      // RC/HC office leads PC assessments; a PC1 is confirmed by the programme's executive head.
      {"do", "Dario Designated Official", "org_undp", "designated_official", "cty_carana"},
      {"pclead", "Priya PC Lead (RC/HC Office)", "org_undp", "pc_lead", "cty_carana"},
      {"wfpexec", "Wen WFP Executive Office", "org_wfp", "executive_office", ""},
      // SRM-METHOD.md §8: the security governance group publishes the universal price list; two
      // members, so the one who drafts a list is never the one who publishes it.
      {"gov", "Gabriel Governance Group", "org_dss", "governance", ""},
      {"gov2", "Grace Governance Group", "org_undp", "governance", ""},
      // Issue 16: the emergency security fund's manager (authority up to USD 250,000) and the
      // chair of its board (above that).
      {"fund", "Farah Fund Manager", "org_dss", "fund_manager", ""},
      {"board", "Bruno Fund Board Chair", "org_dss", "fund_board", ""}};
  for (const auto& u : users) {
    json body{{"username", u.name}, {"password", kDemoPassword}, {"display_name", u.display},
              {"organization_id", u.org}, {"grants", json::array({{{"role", u.role}, {"country_id", u.country}}})}};
    SRM_ASSIGN(created, admin->CreateUser(seed, body, /*enforce_policy=*/false));
    (void)created;
  }

  // The published SRA for Sanjar walks the real workflow, so its audit trail is genuine.
  auto as = [&](const std::string& name) -> Result<Principal> {
    SRM_ASSIGN(u, store->FindUserByName(name));
    Principal p;
    p.user = *u;
    p.session_kind = "system";
    return p;
  };
  SRM_ASSIGN(sp, as("sp"));
  SRM_ASSIGN(cell, as("cell"));
  SRM_ASSIGN(smt, as("smt"));
  SRM_ASSIGN(dss, as("dss"));
  // The period is relative to the day the demo is made, so the published SRA is always current.
  const calendar::Day seeded_on = calendar::DayOfMillis(SystemClock().NowMillis());
  auto seed_date = [&](int days) { return calendar::FormatIsoDate(calendar::AddDays(seeded_on, days)); };
  json header{{"area_id", "area_1"},
              {"title", "Sanjar area SRA"},
              {"scope", {{"from_date", seed_date(-60)}, {"to_date", seed_date(300)}, {"trigger", "periodic_review"}}},
              {"situation",
               {{"political", "Fragile ceasefire between the government and the Northern armed movement."},
                {"threat_actors", "Splinter armed groups, organised criminal gangs around the port."},
                {"host_security_forces", "Police present in the capital; limited reach at night."}}},
              {"programmes", json::array()},
              {"threats", json::array()}};
  header["programmes"].push_back({{"programme_id", "prg_1"}, {"organization_id", "org_wfp"},
                                  {"activity", "General food distribution"}, {"pc", 1},
                                  {"international", 12}, {"national", 85}});
  header["programmes"].push_back({{"programme_id", "prg_5"}, {"organization_id", "org_undp"},
                                  {"activity", "Workshops with ministries"}, {"pc", 4},
                                  {"international", 5}, {"national", 10}});
  header["threats"].push_back({{"category", "armed_conflict"}, {"intent", 3}, {"capability", 3}, {"inhibiting", 3}});
  header["threats"].push_back({{"category", "crime"}, {"intent", 4}, {"capability", 3}, {"inhibiting", 2}});
  header["threats"].push_back({{"category", "civil_unrest"}, {"intent", 3}, {"capability", 2}, {"inhibiting", 3}});
  header["threats"].push_back({{"category", "terrorism"}, {"not_applicable", true},
                               {"not_applicable_reason", "No terrorist group has been active in Sanjar district since 2019."}});
  // Hazards have no actor: rated on frequency, magnitude and preparedness (SRM-METHOD.md §3).
  header["threats"].push_back({{"category", "hazards"}, {"frequency", 4}, {"magnitude", 3}, {"preparedness", 2},
                               {"evidence", "Road crashes are the first cause of UN casualties in Carana; yearly river floods."}});
  SRM_ASSIGN(published, sras->Create(sp, header));
  const json scenarios[] = {
      {{"title", "Armed robbery of a UN vehicle at a checkpoint"},
       {"threat_category", "crime"},
       {"vulnerability", {{"exposed", "National staff drivers on the port road"},
                          {"weaknesses", "Predictable routes and timings; no radio check-ins after dark"}}},
       {"likelihood", "Likely"}, {"impact", "Moderate"},
       {"measures", json::array({{{"type", "prevention"}, {"description", "Vary routes; radio check-in every 30 minutes"},
                                  {"moss_category", "telecommunications"}, {"cost_minor", 480000}, {"owner", "Security cell"},
                                  {"status", "implemented"}}})},
       {"residual_likelihood", "Unlikely"}, {"residual_impact", "Moderate"}},
      {{"title", "Demonstration turns violent outside the UN compound"},
       {"threat_category", "civil_unrest"},
       {"vulnerability", {{"exposed", "All personnel in the compound"},
                          {"weaknesses", "Single gate; perimeter wall low on the market side"}}},
       {"likelihood", "Moderately Likely"}, {"impact", "Severe"},
       {"measures", json::array({{{"type", "mitigation"}, {"description", "Raise the perimeter wall; second exit"},
                                  {"moss_category", "premises"}, {"cost_minor", 2500000}, {"owner", "UNDP operations"},
                                  {"status", "in_progress"}}})},
       {"residual_likelihood", "Moderately Likely"}, {"residual_impact", "Moderate"}},
      {{"title", "Crossfire during clashes on the northern approach"},
       {"threat_category", "armed_conflict"},
       {"vulnerability", {{"exposed", "Missions to the northern villages"},
                          {"weaknesses", "One road in and out; no advance notice of clashes"}}},
       {"likelihood", "Unlikely"}, {"impact", "Critical"},
       {"measures", json::array({{{"type", "prevention"}, {"description", "Movement control: missions north cleared daily with the security cell"},
                                  {"moss_category", "coordination"}, {"cost_minor", 0}, {"owner", "UNDSS Sanjar"},
                                  {"status", "implemented"}}})},
       {"residual_likelihood", "Very Unlikely"}, {"residual_impact", "Critical"}},
      {{"title", "Seasonal flooding of the riverside office"},
       {"threat_category", "hazards"},
       {"vulnerability", {{"exposed", "Personnel and equipment in the riverside office"},
                          {"weaknesses", "Ground floor below the 2019 flood line; servers on the ground floor"}}},
       {"likelihood", "Moderately Likely"}, {"impact", "Moderate"},
       {"measures", json::array({{{"type", "mitigation"}, {"description", "Move servers and stocks upstairs; flood relocation plan"},
                                  {"moss_category", "premises"}, {"cost_minor", 250000}, {"owner", "UNDP operations"},
                                  {"status", "planned"}}})},
       {"residual_likelihood", "Moderately Likely"}, {"residual_impact", "Minor"}},
      {{"title", "Road traffic crash on the Sanjar-port road"},
       {"threat_category", "hazards"},
       {"vulnerability", {{"exposed", "All personnel travelling by road, drivers first"},
                          {"weaknesses", "Night driving, unlit road, overloaded trucks, seat belts rarely worn"}}},
       {"likelihood", "Likely"}, {"impact", "Severe"},
       {"measures", json::array({{{"type", "prevention"}, {"description", "Defensive driving course; no road travel after dark"},
                                  {"moss_category", "training"}, {"cost_minor", 600000}, {"owner", "Security cell"},
                                  {"status", "in_progress"}},
                                 {{"type", "mitigation"}, {"description", "Trauma kit and seat-belt checks in every vehicle"},
                                  {"moss_category", "vehicles"}, {"cost_minor", 350000}, {"owner", "Fleet managers"},
                                  {"status", "planned"}}})},
       {"residual_likelihood", "Unlikely"}, {"residual_impact", "Moderate"}}};
  for (const auto& s : scenarios) SRM_TRY(sras->AddScenario(sp, published.id, s));
  SRM_TRY(sras->Transition(sp, published.id, {{"action", "submit"}}));
  SRM_TRY(sras->Transition(cell, published.id, {{"action", "review"}, {"comment", "Reviewed in the security cell."}}));
  SRM_TRY(sras->Transition(smt, published.id, {{"action", "endorse"}, {"comment", "Endorsed by the SMT."}}));
  SRM_TRY(sras->Transition(dss, published.id, {{"action", "approve"}, {"comment", "Approved and published."}}));

  json draft{{"area_id", "area_5"},
             {"title", "Northern Province area SRA"},
             {"scope", {{"from_date", seed_date(-60)}, {"to_date", seed_date(304)}, {"trigger", "change_in_area"}}},
             {"threats", json::array({{{"category", "armed_conflict"}, {"intent", 4}, {"capability", 4}, {"inhibiting", 2}}})}};
  SRM_ASSIGN(d, sras->Create(sp, draft));
  SRM_TRY(sras->AddScenario(sp, d.id, {{"title", "IED on the main supply route against a UN convoy"},
                                       {"threat_category", "terrorism"},
                                       {"description", "Road from Mahbek to the IDP sites."}}));

  // Decisions resting on the published SRA: clearance requests (one cleared and in Sanjar today,
  // one referred for its PC, one partly referred for lack of an SRA) and compliance checklists.
  {
    MethodRegistry methods(store);
    SystemClock clock;
    security::RandomIdGen ids;
    DecisionService decisions(store, &methods, &clock, &ids);
    SRM_ASSIGN(finance, as("finance"));
    SRM_ASSIGN(hq, as("hq"));
    const calendar::Day today = calendar::DayOfMillis(clock.NowMillis());
    auto date = [&](int days) { return calendar::FormatIsoDate(calendar::AddDays(today, days)); };
    auto leg = [&](const char* area, int from, int to) { return ClearanceLegInput{area, date(from), date(to)}; };
    // Programme criticality from the country team's PC assessment (dated today, expiring after the
    // pack's months); WFP's PC1 confirmed by its executive head's office. prg_4 and prg_8 are not
    // assessed: they are judged as PC4.
    SRM_ASSIGN(pclead, as("pclead"));
    SRM_ASSIGN(wfpexec, as("wfpexec"));
    for (const auto& [prog, pc] : {std::pair{"prg_1", 1}, {"prg_2", 2}, {"prg_3", 2}, {"prg_5", 4}, {"prg_6", 3},
                                    {"prg_7", 3}})
      SRM_TRY(decisions.RecordPcAssessment(pclead, prog, PcAssessmentInput{pc, "Country team PC assessment"}));
    SRM_TRY(decisions.ConfirmPcAssessment(wfpexec, "prg_1", "PC1 confirmed by WFP's Executive Director's office"));
    // The acceptance rests on the activity that publication registers (the decision service's
    // publish hook); a world built without that service has no activity to accept for.
    if (sras->HasPublishHook())
      SRM_TRY(SeedKalariAcceptance(store, sras, &decisions, sp, cell, smt, dss, pclead, seed_date));
    ClearanceInput visit;
    visit.activity = "HQ security assessment visit";
    visit.programme_id = "prg_3";  // the travel serves IOM's displacement tracking (PC2)
    visit.purpose = "Review of the Sanjar office's MOSS compliance";
    visit.legs = {leg("area_1", 0, 10)};
    SRM_TRY(decisions.CreateClearance(hq, visit));
    ClearanceInput distribution;
    distribution.programme_id = "prg_1";
    distribution.mission_ref = "WFP-DIST-01";
    distribution.purpose = "Distribution monitoring";
    distribution.legs = {leg("area_1", 7, 12), leg("area_5", 13, 15)};
    SRM_TRY(decisions.CreateClearance(finance, distribution));
    ClearanceInput workshop;
    workshop.programme_id = "prg_5";
    workshop.purpose = "Ministry workshop";
    workshop.legs = {leg("area_1", 3, 5)};
    SRM_TRY(decisions.CreateClearance(smt, workshop));
    SRM_TRY(decisions.GenerateChecklist(cell, ChecklistInput{"loc_1", "org_wfp", "", date(30)}));
    auto [lon0, lat0] = Vertex(0, 0);
    auto [lon1, lat1] = Vertex(1, 1);
    domain::Location residence{"loc_res_1", "area_1", "WFP guest house, Sanjar", "residence",
                               (lat0 + lat1) / 2 + 0.05, (lon0 + lon1) / 2 + 0.05};
    SRM_TRY(store->PutLocation(residence, Seed("location.put", "location", residence.id)));
    SRM_TRY(decisions.CreateComplianceItem(
        cell, ComplianceItemInput{"loc_res_1", "org_wfp", "Grilles on ground-floor windows and a safe room",
                                  "residential", date(-10), "WFP country office"}));

  }
  // The Carana cost-shared security budget for next year, traced to the published SRAs' measures
  // and priced from next year's published price list (issue 15): after the price lists are seeded.
  {
    // The results chain and this year's and next year's universal price lists (issue 15).
    SRM_ASSIGN(gov, as("gov"));
    SRM_ASSIGN(gov2, as("gov2"));
    SRM_TRY(SeedCatalog(store, gov, gov2, seeded_on));
  }
  SRM_TRY(SeedCaranaBudget(store, sp));
  // Service levels (issue 15): Carana's working time, two agreements and a year of back-dated
  // events behind their reports; after the catalog, whose collective services they cover.
  {
    MethodRegistry methods(store);
    SRM_TRY(SeedServiceLevels(store, &methods, seeded_on));
  }
  // The emergency security fund (issue 16): three contributions, one request approved and
  // disbursed, one waiting for the board.
  {
    SRM_ASSIGN(fund, as("fund"));
    SRM_TRY(SeedFund(store, sp, fund, seeded_on));
  }
  // Governance, the action plan and the security workforce (issue 16): after the fund, the price
  // lists and the SLAs, which the plan links as evidence and the surge deployment is paid by.
  {
    SRM_ASSIGN(gov, as("gov"));
    SRM_ASSIGN(gov2, as("gov2"));
    SRM_TRY(SeedGovernance(store, gov, gov2, dss, sp, seeded_on));
  }
  return {};
}

Result<int> DisableDemoPasswords(store::Store* store) {
  int disabled = 0;
  for (const auto& name : DemoUsernames()) {
    SRM_ASSIGN(u, store->FindUserByName(name));
    if (!u || u->disabled || !security::VerifyPassword(kDemoPassword, u->password_hash)) continue;
    domain::User copy = *u;
    copy.disabled = true;
    SRM_TRY(store->UpdateUser(copy, {"system", "system", "system", "user.disable_demo_password", "user", u->id, "",
                                     R"({"disabled":true})", ""}));
    ++disabled;
  }
  return disabled;
}

}  // namespace srm::service
