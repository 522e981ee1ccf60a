// Risk acceptance and avoidance over real HTTP (SRM-METHOD.md sections 5 and 7a; issue 14
// findings 3, 6 and 7), on whichever store the suite runs on (SQLite, or PostgreSQL with
// SRM_TEST_PG_URL).
//
// Demo facts used here: every area is in Carana (cty_carana); smt is UNDP's SMT member with a
// country-wide grant (UNDP's head in Carana); cell is IOM's security cell; exec is IOM's executive
// office; finance is WFP. prg_4 is UNDP PC3 in area_2.
#include <gtest/gtest.h>

#include <chrono>

#include "test_server.h"

namespace srm::testing {
namespace {


class AcceptanceTest : public SharedServerTest<AcceptanceTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& user) { return S().Call("GET", path, json(), T(user)); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& user) {
    return S().Call("POST", path, body, T(user));
  }
  static void Publish(const std::string& id) {
    for (auto [a, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}}) {
      auto r = Post("/api/v1/sras/" + id + "/transitions", json{{"action", a}, {"comment", "ok"}}, u);
      ASSERT_EQ(r.status, 200) << a << ": " << r.raw;
    }
  }
  // A complete area SRA: situation, every threat category rated, and each scenario (title,
  // likelihood, impact) with its vulnerability and a measure; residual = current.
  static std::string PublishedSra(const std::string& area, const std::vector<std::array<std::string, 3>>& scenarios,
                                  const json& programmes = json::array()) {
    json threats = json::array();
    for (const char* c : {"armed_conflict", "terrorism", "crime", "civil_unrest"})
      threats.push_back({{"category", c}, {"intent", 3}, {"capability", 3}, {"inhibiting", 3}});
    threats.push_back({{"category", "hazards"}, {"frequency", 2}, {"magnitude", 2}, {"preparedness", 3}});
    json body{{"area_id", area},
              {"title", "Acceptance test SRA " + area},
              {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(360)}, {"trigger", "change_in_area"}}},
              {"situation", {{"political", "Tense."}, {"threat_actors", "Armed groups on the roads."}}},
              {"programmes", programmes},
              {"threats", threats}};
    auto c = Post("/api/v1/sras", body, "sp");
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body["id"];
    for (const auto& [title, likelihood, impact] : scenarios) {
      json sc{{"title", title}, {"threat_category", "armed_conflict"},
              {"vulnerability", {{"exposed", "road missions"}, {"weaknesses", "single road"}}},
              {"likelihood", likelihood}, {"impact", impact},
              {"residual_likelihood", likelihood}, {"residual_impact", impact},
              {"measures", json::array({{{"type", "prevention"}, {"description", "Convoy rules"},
                                         {"moss_category", "vehicles"}, {"cost_minor", 100000}, {"owner", "Logistics"}}})}};
      auto s = Post("/api/v1/sras/" + id + "/scenarios", sc, "sp");
      EXPECT_EQ(s.status, 201) << s.raw;
    }
    Publish(id);
    return id;
  }
  static void PutProgramme(const std::string& id, const std::string& org, const std::string& area, int pc) {
    ASSERT_TRUE(S().app().store->PutProgramme({id, org, area, "Programme " + id, "Activity " + id, pc, 2, 10, 0},
                                              {"system", "test", "system", "programme.put", "programme", id, "", "", ""}));
  }
  static void AssessPc(const std::string& programme) {
    auto r = Post("/api/v1/activities/" + programme + "/pc-assessment", {{"comment", "PC confirmed by the country team"}}, "pclead");
    ASSERT_EQ(r.status, 201) << r.raw;
  }
  static json Terms(int expires_in_days) {
    return {{"reasons", "Life-saving; the convoy rules are in place"}, {"conditions", "Armoured vehicles only"},
            {"expires_on", DateFromToday(expires_in_days)}};
  }
};

TEST_F(AcceptanceTest, AHighResidualIsAcceptedWithAnExpiryByTheOrganizationsHeadInTheCountry) {
  PublishedSra("area_3", {{"Ambush on the road", "Likely", "Severe"}});  // High
  PutProgramme("prg_undp_high", "org_undp", "area_3", 2);
  auto before = Get("/api/v1/activities/prg_undp_high", "smt");
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_EQ(before.body["status"], "pending");
  EXPECT_EQ(before.body["residual_risk"], "High");
  EXPECT_EQ(before.body["acceptance"]["need"], "org_head");
  EXPECT_EQ(before.body["acceptance"]["state"]["code"], "no_acceptance");
  // Without a PC assessment the head cannot sign yet.
  EXPECT_EQ(before.body["acceptance"]["sign_check"]["code"], "pc_assessment_not_current");
  EXPECT_EQ(Post("/api/v1/activities/prg_undp_high/acceptance", Terms(30), "smt").Code(), "pc_assessment_not_current");
  AssessPc("prg_undp_high");

  // The wrong people: the security cell recommends only; another organization's executive office,
  // WFP's finance officer, the DSS desk.
  auto cell = Post("/api/v1/activities/prg_undp_high/acceptance", Terms(30), "cell");
  EXPECT_EQ(cell.status, 403) << cell.raw;
  EXPECT_EQ(cell.Code(), "security_cell_recommends_only");
  for (const char* u : {"exec", "finance", "dss", "hq", "auditor", "admin", "sp"})
    EXPECT_EQ(Post("/api/v1/activities/prg_undp_high/acceptance", Terms(30), u).status, 403) << u;

  // The terms: reasons, an expiry, within the pack's 180 days.
  EXPECT_EQ(Post("/api/v1/activities/prg_undp_high/acceptance", {{"reasons", "x"}}, "smt").Code(), "expiry_required");
  EXPECT_EQ(Post("/api/v1/activities/prg_undp_high/acceptance", {{"expires_on", DateFromToday(30)}}, "smt").Code(), "reasons_required");
  EXPECT_EQ(Post("/api/v1/activities/prg_undp_high/acceptance", Terms(181), "smt").Code(), "expiry_too_far");
  EXPECT_EQ(Post("/api/v1/activities/prg_undp_high/acceptance", Terms(-1), "smt").Code(), "expiry_past");
  EXPECT_EQ(Get("/api/v1/activities/prg_undp_high/acceptances", "smt").body["items"].size(), 0u);

  auto ok = Post("/api/v1/activities/prg_undp_high/acceptance", Terms(30), "smt");
  ASSERT_EQ(ok.status, 201) << ok.raw;
  EXPECT_EQ(ok.body["status"], "proceed");
  EXPECT_EQ(ok.body["acceptance"]["in_force"], true);
  const json& a = ok.body["acceptance"]["latest"];
  EXPECT_EQ(a["signatory"]["username"], "smt");
  EXPECT_EQ(a["signatory_role"], "smt");
  EXPECT_EQ(a["residual_risk"], "High");
  EXPECT_EQ(a["expires_on"], DateFromToday(30));
  EXPECT_EQ(a["conditions"], "Armoured vehicles only");
  EXPECT_FALSE(a["sra_id"].get<std::string>().empty());
  auto read = Get("/api/v1/activities/prg_undp_high", "auditor");
  EXPECT_EQ(read.body["status"], "proceed");
  EXPECT_EQ(read.body["acceptance"]["state"]["code"], "acceptance_in_force");
  EXPECT_EQ(read.body["acceptance"]["may_sign"], false);  // the auditor reads, never signs
  EXPECT_EQ(Get("/api/v1/activities/prg_undp_high/acceptances", "smt").body["items"].size(), 1u);
  EXPECT_EQ(Get("/api/v1/activities/prg_undp_high/acceptances", "finance").status, 403);  // WFP reads no UNDP record

  // A material change: a new SRA in force with a higher residual voids it and asks again.
  PublishedSra("area_3", {{"Ambush on the road", "Very Likely", "Severe"}});  // Very High
  auto after = Get("/api/v1/activities/prg_undp_high", "smt");
  EXPECT_EQ(after.body["residual_risk"], "Very High");
  EXPECT_EQ(after.body["status"], "not_acceptable");  // PC2 accepts up to High: nobody can accept Very High
  EXPECT_EQ(after.body["acceptance"]["need"], "nobody");
  EXPECT_EQ(after.body["acceptance"]["latest"]["status"], "voided");
  EXPECT_EQ(after.body["acceptance"]["latest"]["void_reason"], "acceptance_residual_higher");
}

TEST_F(AcceptanceTest, Finding3APc3ActivityIntoHighCanBeAcceptedByNobodyAndTheOptionsAreOffered) {
  PublishedSra("area_2", {{"Ambush on the road", "Likely", "Severe"}});  // High; prg_4 is UNDP PC3
  auto d = Get("/api/v1/activities/prg_4", "smt");
  ASSERT_EQ(d.status, 200) << d.raw;
  EXPECT_EQ(d.body["status"], "not_acceptable");
  EXPECT_EQ(d.body["acceptance"]["need"], "nobody");
  EXPECT_EQ(d.body["acceptance"]["options"], (json{"control", "avoid", "transfer", "do_not_proceed"}));
  EXPECT_EQ(Post("/api/v1/activities/prg_4/acceptance", Terms(30), "exec").status, 403);  // IOM's office: not its activity
  for (const char* u : {"smt", "cell"}) {
    auto r = Post("/api/v1/activities/prg_4/acceptance", Terms(30), u);
    EXPECT_EQ(r.status, 409) << u << r.raw;
    EXPECT_EQ(r.Code(), "acceptance_above_limit") << u;
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find("do_not_proceed"), std::string::npos) << r.raw;
  }
  EXPECT_EQ(Get("/api/v1/activities/prg_4/acceptances", "smt").body["items"].size(), 0u);
}

TEST_F(AcceptanceTest, NobodyAcceptsForAnActivityTheyTravelOnAndBelowHighNothingIsSigned) {
  PublishedSra("area_4", {{"Ambush on the road", "Likely", "Severe"}});  // High
  PutProgramme("prg_undp_own", "org_undp", "area_4", 2);
  AssessPc("prg_undp_own");
  auto trip = Post("/api/v1/clearances",
                   {{"programme_id", "prg_undp_own"}, {"purpose", "Site visit"},
                    {"legs", json::array({{{"area_id", "area_4"}, {"from", DateFromToday(5)}, {"to", DateFromToday(6)}}})}},
                   "smt");
  ASSERT_EQ(trip.status, 201) << trip.raw;
  auto own = Post("/api/v1/activities/prg_undp_own/acceptance", Terms(30), "smt");
  EXPECT_EQ(own.status, 403) << own.raw;
  EXPECT_EQ(own.Code(), "own_activity");
  // Below High the published SRA's acceptability stands: there is nothing to sign.
  PublishedSra("area_6", {{"Theft from a vehicle", "Unlikely", "Minor"}});  // Low
  PutProgramme("prg_undp_low", "org_undp", "area_6", 2);
  auto low = Get("/api/v1/activities/prg_undp_low", "smt");
  EXPECT_EQ(low.body["acceptance"]["need"], "none");
  EXPECT_EQ(Post("/api/v1/activities/prg_undp_low/acceptance", Terms(30), "smt").Code(), "acceptance_not_required");
}

TEST_F(AcceptanceTest, AnExpiredAcceptanceIsNotInForceAndAnEgsNoGoVoidsOne) {
  PublishedSra("area_7", {{"Ambush on the road", "Likely", "Severe"}});  // High
  PutProgramme("prg_undp_exp", "org_undp", "area_7", 2);
  AssessPc("prg_undp_exp");
  auto ok = Post("/api/v1/activities/prg_undp_exp/acceptance", Terms(0), "smt");  // expires today: still in force
  ASSERT_EQ(ok.status, 201) << ok.raw;
  EXPECT_EQ(ok.body["status"], "proceed");
  // Expired: the same acceptance, its expiry moved to yesterday in the store.
  auto stored = S().app().store->GetRiskAcceptance(ok.body["acceptance"]["latest"]["id"]);
  ASSERT_TRUE(stored && *stored);
  domain::records::RiskAcceptance old = **stored;
  old.expires_on = DateFromToday(-1);
  ASSERT_TRUE(S().app().store->Write(store::WriteBatch{{}, {store::RecordWrite{old, old.revision}}, {}}, {}));
  auto expired = Get("/api/v1/activities/prg_undp_exp", "smt");
  EXPECT_EQ(expired.body["status"], "pending");
  EXPECT_EQ(expired.body["acceptance"]["in_force"], false);
  EXPECT_EQ(expired.body["acceptance"]["state"]["code"], "acceptance_expired");
  EXPECT_EQ(expired.body["acceptance"]["may_sign"], true);  // asked again

  // Signed again, then an EGS no-go for the area voids it.
  ASSERT_EQ(Post("/api/v1/activities/prg_undp_exp/acceptance", Terms(20), "smt").status, 201);
  auto egs = Post("/api/v1/egs-decisions", {{"area_id", "area_7"}, {"decision", "no_go"}, {"from", DateFromToday(0)},
                                           {"to", DateFromToday(30)}, {"reason", "Fighting near the town"}}, "dss");
  ASSERT_EQ(egs.status, 201) << egs.raw;
  auto after = Get("/api/v1/activities/prg_undp_exp", "smt");
  EXPECT_EQ(after.body["status"], "not_acceptable");
  EXPECT_EQ(after.body["acceptance"]["latest"]["status"], "voided");
  EXPECT_EQ(after.body["acceptance"]["latest"]["void_reason"], "acceptance_egs_no_go");
  EXPECT_EQ(Post("/api/v1/activities/prg_undp_exp/acceptance", Terms(20), "smt").Code(), "egs_no_go");
  auto history = Get("/api/v1/activities/prg_undp_exp/acceptances", "smt");
  ASSERT_EQ(history.body["items"].size(), 2u);
  EXPECT_EQ(history.body["items"][1]["status"], "replaced");
}

TEST_F(AcceptanceTest, Finding6And7ActivitiesAreJudgedOnTheirScenariosAndEveryAssessedProgrammeGetsADecision) {
  PublishedSra("area_8", {{"Ambush on the road", "Likely", "Severe"}, {"Pickpocket in the market", "Unlikely", "Minor"}},
               json::array({{{"organization_id", "org_unicef"}, {"activity", "Mobile clinics"}, {"pc", 3},
                             {"international", 1}, {"national", 4}}}));
  // Not registered beforehand, assessed in the published SRA: it has a decision on the Activities page.
  auto list = Get("/api/v1/activities?area_id=area_8", "auditor");
  ASSERT_EQ(list.status, 200) << list.raw;
  std::string clinics;
  for (const auto& i : list.body["items"])
    if (i["activity"] == "Mobile clinics") clinics = i["programme_id"];
  ASSERT_FALSE(clinics.empty()) << list.raw;
  auto c = Get("/api/v1/activities/" + clinics, "auditor");
  ASSERT_EQ(c.status, 200) << c.raw;
  EXPECT_EQ(c.body["organization_id"], "org_unicef");
  EXPECT_EQ(c.body["residual_risk"], "High");  // every scenario by default: the ambush counts
  EXPECT_EQ(c.body["status"], "not_acceptable");

  // A programme linked to the pickpocket scenario only is judged on it, not on the area's highest.
  auto sra = Post("/api/v1/sras", {{"area_id", "area_8"}, {"title", "scoped"},
                                   {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(300)}, {"trigger", "change_in_area"}}}},
                  "sp");
  ASSERT_EQ(sra.status, 201) << sra.raw;
  const std::string id = sra.body["id"];
  auto sc1 = Post("/api/v1/sras/" + id + "/scenarios",
                  {{"title", "Ambush"}, {"threat_category", "armed_conflict"},
                   {"vulnerability", {{"exposed", "convoys"}, {"weaknesses", "one road"}}},
                   {"likelihood", "Likely"}, {"impact", "Severe"}, {"residual_likelihood", "Likely"}, {"residual_impact", "Severe"},
                   {"measures", json::array({{{"type", "prevention"}, {"description", "Convoys"}, {"moss_category", "vehicles"},
                                              {"cost_minor", 1000}, {"owner", "Log"}}})}}, "sp");
  auto sc2 = Post("/api/v1/sras/" + id + "/scenarios",
                  {{"title", "Pickpocket"}, {"threat_category", "crime"},
                   {"vulnerability", {{"exposed", "staff in the market"}, {"weaknesses", "crowds"}}},
                   {"likelihood", "Unlikely"}, {"impact", "Minor"}, {"residual_likelihood", "Unlikely"}, {"residual_impact", "Minor"},
                   {"measures", json::array({{{"type", "prevention"}, {"description", "Briefings"}, {"moss_category", "training"},
                                              {"cost_minor", 1000}, {"owner", "Sec"}}})}}, "sp");
  ASSERT_EQ(sc1.status, 201) << sc1.raw;
  ASSERT_EQ(sc2.status, 201) << sc2.raw;
  std::string pickpocket;
  for (const auto& s : sc2.body["scenarios"])
    if (s["title"] == "Pickpocket") pickpocket = s["id"];
  ASSERT_FALSE(pickpocket.empty()) << sc2.raw;
  PutProgramme("prg_unicef_market", "org_unicef", "area_8", 4);
  json threats = json::array();
  for (const char* cat : {"armed_conflict", "terrorism", "crime", "civil_unrest"})
    threats.push_back({{"category", cat}, {"intent", 3}, {"capability", 3}, {"inhibiting", 3}});
  threats.push_back({{"category", "hazards"}, {"frequency", 2}, {"magnitude", 2}, {"preparedness", 3}});
  auto header = S().Call("PUT", "/api/v1/sras/" + id,
                         json{{"situation", {{"political", "Tense."}}}, {"threats", threats},
                              {"programmes", json::array({{{"programme_id", "prg_unicef_market"}, {"organization_id", "org_unicef"},
                                                           {"activity", "Market survey"}, {"pc", 4},
                                                           {"scenario_ids", json::array({pickpocket})}}})}},
                         T("sp"));
  ASSERT_EQ(header.status, 200) << header.raw;
  Publish(id);
  auto market = Get("/api/v1/activities/prg_unicef_market", "auditor");
  ASSERT_EQ(market.status, 200) << market.raw;
  EXPECT_EQ(market.body["residual_risk"], "Low");  // the pickpocket scenario's residual, not the ambush's High
  EXPECT_EQ(market.body["status"], "proceed");
  bool linked = false;
  for (const auto& r : market.body["reasons"]) linked = linked || r["code"] == "judged_on_linked_scenarios";
  EXPECT_TRUE(linked) << market.raw;
}

TEST_F(AcceptanceTest, OnlyTheDesignatedOfficialRecordsAvoidanceWithThePersonnelConcerned) {
  const std::string& dora = T("do");  // the demo's Designated Official for Carana
  ASSERT_FALSE(dora.empty());
  const json body{{"area_id", "area_5"}, {"kind", "relocation"}, {"from", DateFromToday(1)}, {"to", DateFromToday(15)},
                  {"destination", "Sanjar"}, {"reason", "Fighting on the supply route"},
                  {"personnel", "UNDP and WFP national staff of the Mahbek office"}, {"personnel_count", 14}};
  for (const char* u : {"smt", "cell", "dss", "exec", "admin", "finance"})
    EXPECT_EQ(Post("/api/v1/avoidance", body, u).status, 403) << u;
  json no_people = body;
  no_people["personnel"] = "";
  EXPECT_EQ(S().Call("POST", "/api/v1/avoidance", no_people, dora).Code(), "personnel_required");
  json bad_kind = body;
  bad_kind["kind"] = "vacation";
  EXPECT_EQ(S().Call("POST", "/api/v1/avoidance", bad_kind, dora).status, 400);
  auto ok = S().Call("POST", "/api/v1/avoidance", body, dora);
  ASSERT_EQ(ok.status, 201) << ok.raw;
  EXPECT_EQ(ok.body["decided_by"]["username"], "do");
  EXPECT_EQ(ok.body["personnel_count"], 14);
  auto list = Get("/api/v1/avoidance?area_id=area_5", "cell");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["kind"], "relocation");
  EXPECT_EQ(Post("/api/v1/avoidance", json{{"area_id", "area_nowhere"}, {"kind", "evacuation"}, {"from", DateFromToday(1)},
                                          {"destination", "x"}, {"reason", "x"}, {"personnel", "x"}, {"personnel_count", 1}},
                 "smt").status, 404);
}

// Separation of duties (SRM-METHOD.md 7a): the programme's manager runs the activity, so they do
// not accept its risk, even as the organization's head in the country; another head may.
TEST_F(AcceptanceTest, NobodyAcceptsForAnActivityTheyRunAnotherHeadInTheCountryMay) {
  PublishedSra("area_5", {{"Ambush on the road", "Likely", "Severe"}});  // High
  auto u = Post("/api/v1/users",
                {{"username", "smt_manager"}, {"password", "a-long-password-1"}, {"organization_id", "org_undp"},
                 {"grants", json::array({{{"role", "smt"}, {"country_id", "cty_carana"}}})}},
                "admin");
  ASSERT_EQ(u.status, 201) << u.raw;
  const std::string manager_id = u.body["id"];
  auto reg = Post("/api/v1/programmes",
                  {{"organization_id", "org_undp"}, {"area_id", "area_5"}, {"name", "Elections support"},
                   {"activity", "Voter registration"}, {"pc", 2}, {"manager_id", manager_id}},
                  "smt");
  ASSERT_EQ(reg.status, 201) << reg.raw;
  const std::string prg = reg.body["programme"]["id"];
  EXPECT_EQ(reg.body["programme"]["manager_id"], manager_id);
  AssessPc(prg);
  const std::string manager = S().Login("smt_manager", "a-long-password-1");
  ASSERT_FALSE(manager.empty());
  auto seen = S().Call("GET", "/api/v1/activities/" + prg, json(), manager);
  EXPECT_EQ(seen.body["acceptance"]["may_sign"], false) << seen.raw;
  EXPECT_EQ(seen.body["acceptance"]["sign_check"]["code"], "own_activity") << seen.raw;
  auto own = S().Call("POST", "/api/v1/activities/" + prg + "/acceptance", Terms(30), manager);
  EXPECT_EQ(own.status, 403) << own.raw;
  EXPECT_EQ(own.Code(), "own_activity");
  EXPECT_NE(own.body["error"]["message"].get<std::string>().find("you run this activity"), std::string::npos) << own.raw;
  auto other = Post("/api/v1/activities/" + prg + "/acceptance", Terms(30), "smt");
  EXPECT_EQ(other.status, 201) << other.raw;
  EXPECT_EQ(other.body["acceptance"]["latest"]["signatory"]["username"], "smt") << other.raw;
}

}  // namespace
}  // namespace srm::testing
