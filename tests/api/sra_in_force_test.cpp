// Issue 14, the SRA itself (SRM-METHOD.md §2, §3, §7a), over real HTTP on the Carana demo data:
//   1. who conducts: area SRAs by the DSS security professional for the area (or one DSS
//      designates); agencies write specific SRAs for their own organization only; publishing an
//      area SRA supersedes the one in force in the same area;
//   2. separation of duties: nobody performs two different steps of one SRA version;
//   4. completeness: an SRA leaves draft only when complete, and the 422 lists every piece;
//      hazards are rated on frequency, magnitude and preparedness, not intent;
//   5. validity: current only inside the period and up to the review date;
//   7. approved measures flow into the MOSS/RSM checklists on publication.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "complete_sra.h"
#include "domain/acceptability.h"
#include "domain/method.h"
#include "service/sras.h"
#include "test_server.h"

namespace srm::testing {
namespace {



std::set<std::string> Codes(const json& missing) {
  std::set<std::string> out;
  for (const auto& m : missing) out.insert(m["code"].get<std::string>() + "@" + m["field"].get<std::string>());
  return out;
}

class SraInForceTest : public SharedServerTest<SraInForceTest> {
 protected:
  static HttpResult Act(const std::string& id, const std::string& action, const std::string& tok) {
    return Post("/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", "ok"}}, tok);
  }
  static json Grant(const std::string& role, const std::string& area = "") {
    return area.empty() ? json{{"role", role}, {"country_id", "cty_carana"}} : json{{"role", role}, {"area_id", area}};
  }
  // A complete area SRA drafted by `tok` in `area`, with one Likely x Moderate crime scenario
  // lowered to Unlikely by a prevention measure.
  static std::string CompleteAreaSra(const std::string& area, const std::string& tok, int from = 0, int to = 300,
                                     json extra = json::object()) {
    json body = WithCompleteHeader({{"area_id", area}, {"title", "In-force test " + area},
                                    {"scope", {{"from_date", DateFromToday(from)}, {"to_date", DateFromToday(to)}, {"trigger", "change_in_area"}}}});
    for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
    auto c = Post("/api/v1/sras", body, tok);
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body.value("id", "");
    auto s = Post("/api/v1/sras/" + id + "/scenarios",
                  WithMeasures({{"title", "Carjacking at the port gate"}, {"threat_category", "crime"},
                                {"vulnerability", {{"exposed", "drivers"}, {"weaknesses", "fixed timings"}}},
                                {"likelihood", "Likely"}, {"impact", "Moderate"},
                                {"residual_likelihood", "Unlikely"}, {"residual_impact", "Moderate"}}),
                  tok);
    EXPECT_EQ(s.status, 201) << s.raw;
    return id;
  }
  static void PublishAs(const std::string& id, const std::string& submitter) {
    ASSERT_EQ(Act(id, "submit", submitter).status, 200);
    ASSERT_EQ(Act(id, "review", T("cell")).status, 200);
    ASSERT_EQ(Act(id, "endorse", T("smt")).status, 200);
    auto r = Act(id, "approve", T("dss"));
    ASSERT_EQ(r.status, 200) << r.raw;
  }
  static std::vector<std::string> PublishedAreaSras(const std::string& area) {
    std::vector<std::string> out;
    const auto page = Get("/api/v1/sras?area_id=" + area + "&status=published&limit=500", T("auditor"));
    for (const auto& i : page.body["items"])
      if (i["kind"] == "area") out.push_back(i["id"]);
    return out;
  }
};

// Finding 1: a UNDP security professional's "area" SRA for Sanjar displaced the DSS one.
TEST_F(SraInForceTest, AgenciesDoNotConductAreaSras) {
  const std::string undp_sp = NewUser("undp_sp", "org_undp", json::array({Grant("security_professional")}));
  auto area = Post("/api/v1/sras", WithCompleteHeader({{"area_id", "area_1"}, {"title", "Pickpockets"}}), undp_sp);
  EXPECT_EQ(area.status, 403) << area.raw;
  EXPECT_EQ(area.Code(), "area_sra_conducted_by_dss");
  // Its own organization's specific SRA it writes; another organization's it does not.
  auto own = Post("/api/v1/sras",
                  {{"area_id", "area_1"}, {"kind", "specific"}, {"organization_id", "org_undp"},
                   {"mission_ref", "UNDP-1"}, {"title", "UNDP mission"}},
                  undp_sp);
  EXPECT_EQ(own.status, 201) << own.raw;
  auto other = Post("/api/v1/sras",
                    {{"area_id", "area_1"}, {"kind", "specific"}, {"organization_id", "org_wfp"},
                     {"mission_ref", "WFP-1"}, {"title", "WFP mission"}},
                    undp_sp);
  EXPECT_EQ(other.status, 403) << other.raw;
  EXPECT_EQ(other.Code(), "other_organization");
  // The DSS security professional drafts a specific SRA for no agency either.
  auto dss_for_wfp = Post("/api/v1/sras",
                          {{"area_id", "area_1"}, {"kind", "specific"}, {"organization_id", "org_wfp"},
                           {"mission_ref", "WFP-2"}, {"title", "WFP mission"}},
                          T("sp"));
  EXPECT_EQ(dss_for_wfp.status, 403) << dss_for_wfp.raw;
  // The demo's DSS draft cannot be edited or submitted by the agency professional.
  const std::string dss_draft = CompleteAreaSra("area_3", T("sp"));
  EXPECT_EQ(S().Call("PUT", "/api/v1/sras/" + dss_draft, json{{"title", "Taken over"}}, undp_sp).Code(),
            "area_sra_conducted_by_dss");
  EXPECT_EQ(Act(dss_draft, "submit", undp_sp).Code(), "area_sra_conducted_by_dss");
}

TEST_F(SraInForceTest, ADesignatedProfessionalConductsTheAreaSraOnlyWhereDesignated) {
  const std::string iom_designate =
      NewUser("iom_designate", "org_iom", json::array({Grant("sra_designate", "area_8")}));
  auto there = Post("/api/v1/sras", WithCompleteHeader({{"area_id", "area_8"}, {"title", "Designated"}}), iom_designate);
  EXPECT_EQ(there.status, 201) << there.raw;
  auto elsewhere = Post("/api/v1/sras", WithCompleteHeader({{"area_id", "area_7"}, {"title", "Not designated"}}),
                        iom_designate);
  EXPECT_EQ(elsewhere.status, 403) << elsewhere.raw;
}

// Finding 1: publishing a new area SRA supersedes the one in force in the same area, any series.
TEST_F(SraInForceTest, PublishingSupersedesTheAreaSraInForce) {
  const auto before = PublishedAreaSras("area_1");
  ASSERT_EQ(before.size(), 1u) << Get("/api/v1/sras?area_id=area_1&limit=500", T("auditor")).raw;  // the demo's DSS SRA for Sanjar
  const std::string id = CompleteAreaSra("area_1", T("sp"));
  PublishAs(id, T("sp"));
  const auto after = PublishedAreaSras("area_1");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0], id);
  auto old = Get("/api/v1/sras/" + before[0], T("auditor"));
  EXPECT_EQ(old.body["status"], "superseded");
  EXPECT_EQ(old.body["validity"]["in_force"], false);
  EXPECT_EQ(old.body["validity"]["reason"], "superseded");
  auto now = Get("/api/v1/sras/" + id, T("auditor"));
  EXPECT_EQ(now.body["validity"]["in_force"], true);
  EXPECT_EQ(now.body["validity"]["current"], true);
  // Finding 7: its approved measures reached the checklists kept in the area (the demo's WFP office).
  auto items = Get("/api/v1/compliance/items?location_id=loc_1&organization_id=org_wfp&limit=500", T("auditor"));
  ASSERT_EQ(items.status, 200) << items.raw;
  std::set<std::string> measures;
  for (const auto& i : items.body["items"]) measures.insert(i.value("requirement", ""));
  EXPECT_TRUE(measures.contains("Movement control and route planning")) << items.raw;
  // ... and the MOSS of the area is the new SRA's.
  auto moss = Get("/api/v1/moss?area_id=area_1", T("auditor"));
  ASSERT_EQ(moss.status, 200) << moss.raw;
  EXPECT_EQ(moss.body["sources"][0]["sra_id"], id) << moss.raw;
}

// The domain function other use cases rest on: the area SRA in force on a day, and whether it is
// current then (published on or before the day, not superseded before it).
TEST_F(SraInForceTest, TheAreaSraInForceOnADay) {
  store::Store* st = S().app().store.get();
  auto none = service::AreaSraInForceOn(st, "area_7", DateFromToday(0));
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value()) << "no area SRA was ever published in area_7";
  const std::string first = CompleteAreaSra("area_7", T("sp"), 0, 100);
  PublishAs(first, T("sp"));
  auto today = service::AreaSraInForceOn(st, "area_7", DateFromToday(0));
  ASSERT_TRUE(today.has_value() && today->has_value());
  EXPECT_EQ((*today)->sra.id, first);
  EXPECT_TRUE((*today)->validity.current);
  EXPECT_FALSE(service::AreaSraInForceOn(st, "area_7", DateFromToday(-1))->has_value()) << "not yet published then";
  auto after = service::AreaSraInForceOn(st, "area_7", DateFromToday(150));
  ASSERT_TRUE(after->has_value());
  EXPECT_EQ((*after)->validity.reason, "period_ended");  // in force, not current
  EXPECT_TRUE((*after)->validity.in_force);
  const std::string second = CompleteAreaSra("area_7", T("sp"), 0, 300);
  PublishAs(second, T("sp"));
  EXPECT_EQ((*service::AreaSraInForceOn(st, "area_7", DateFromToday(1)))->sra.id, second) << "the newer one supersedes";
}

// Finding 2: one user holding every grant drafted, reviewed, endorsed and published their own SRA.
TEST_F(SraInForceTest, NobodyPerformsTwoStepsOfOneVersion) {
  const std::string all = NewUser("all_hats", "org_dss",
                                  json::array({Grant("security_professional"), Grant("security_cell"), Grant("smt"),
                                               Grant("dss_desk")}));
  const std::string id = CompleteAreaSra("area_4", all);
  ASSERT_EQ(Act(id, "submit", all).status, 200);
  auto review = Act(id, "review", all);
  EXPECT_EQ(review.status, 403) << review.raw;
  EXPECT_EQ(review.Code(), "separation_of_duties_submit");
  ASSERT_EQ(Act(id, "review", T("cell")).status, 200);
  auto endorse = Act(id, "endorse", all);
  EXPECT_EQ(endorse.status, 403);
  EXPECT_EQ(endorse.Code(), "separation_of_duties_submit");
  // The cell's reviewer may not endorse what it reviewed either (the cell user has only the cell role:
  // the check is the step, not the grant) -- and repeating one's own step after a return is allowed.
  ASSERT_EQ(Post("/api/v1/sras/" + id + "/transitions", json{{"action", "return"}, {"comment", "more detail"}}, T("smt")).status, 200);
  EXPECT_EQ(Act(id, "submit", all).status, 200);  // the drafter submits again: the same step
  EXPECT_EQ(Act(id, "review", T("cell")).status, 200);
  auto smt_again = Act(id, "endorse", T("smt"));  // smt returned at the endorse stage: its own step
  EXPECT_EQ(smt_again.status, 200) << smt_again.raw;
  auto approve = Act(id, "approve", all);
  EXPECT_EQ(approve.Code(), "separation_of_duties_submit");
  EXPECT_EQ(Act(id, "approve", T("dss")).status, 200);
}

std::set<std::string> Actions(const json& doc) {
  std::set<std::string> out;
  for (const auto& a : doc.value("actions", json::array())) out.insert(a.get<std::string>());
  return out;
}

// Issue 13: the read model says which workflow steps the caller may take now, asking the checks the
// transition itself makes (role, who conducts, separation of duties), so the UI repeats none of them.
TEST_F(SraInForceTest, TheReadModelListsTheActionsTheTransitionWouldAllow) {
  const std::string drafter_cell =
      NewUser("drafter_cell", "org_dss", json::array({Grant("security_professional"), Grant("security_cell")}));
  const std::string cell_smt = NewUser("cell_smt", "org_dss", json::array({Grant("security_cell"), Grant("smt")}));
  const std::string id = CompleteAreaSra("area_5", drafter_cell);
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + id, drafter_cell).body), (std::set<std::string>{"submit", "edit"}));
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + id, T("cell")).body), std::set<std::string>{});
  ASSERT_EQ(Act(id, "submit", drafter_cell).status, 200);
  // The drafter holds the cell role too, but separation of duties keeps the review from them.
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + id, drafter_cell).body), std::set<std::string>{});
  EXPECT_EQ(Act(id, "review", drafter_cell).status, 403);
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + id, cell_smt).body), (std::set<std::string>{"review", "return"}));
  ASSERT_EQ(Act(id, "review", cell_smt).status, 200);
  // The reviewer holds smt too: it may not endorse what it reviewed; smt may.
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + id, cell_smt).body), std::set<std::string>{});
  EXPECT_EQ(Act(id, "endorse", cell_smt).status, 403);
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + id, T("smt")).body), (std::set<std::string>{"endorse", "return"}));
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + id, T("auditor")).body), std::set<std::string>{});
}

// Issue 13: "edit" and "revise" in the read model are the answers of the checks PUT /sras/{id} and
// POST /sras/{id}/revise make (SraService::MayEdit, MayRevise): who conducts the SRA (the area's DSS
// professional or one designated there; the own organization for a specific SRA) and its status.
TEST_F(SraInForceTest, TheReadModelOffersEditAndReviseExactlyWhenTheServerAllowsThem) {
  const std::string undp_writer =
      NewUser("undp_writer", "org_undp", json::array({Grant("security_professional")}));
  const std::string iom_designate_2 =
      NewUser("iom_designate_2", "org_iom", json::array({Grant("sra_designate", "area_2")}));
  const std::string iom_designate_8 =
      NewUser("iom_designate_8", "org_iom", json::array({Grant("sra_designate", "area_8")}));
  // Each answer is checked against the server's own edit route: offered exactly when PUT succeeds.
  const auto expect_edit = [](const std::string& id, const std::string& tok, bool want) {
    auto doc = Get("/api/v1/sras/" + id, tok);
    EXPECT_EQ(Actions(doc.body).count("edit"), want ? 1u : 0u) << doc.raw;
    auto put = S().Call("PUT", "/api/v1/sras/" + id, json{{"title", "Edited " + id}}, tok);
    EXPECT_EQ(put.status == 200, want) << put.raw;
  };
  const auto offers_revise = [](const std::string& id, const std::string& tok) {
    return Actions(Get("/api/v1/sras/" + id, tok).body).count("revise") == 1;
  };

  // An area draft: its DSS drafter and the professional designated for the area edit it; an
  // agency's professional, one designated elsewhere, the reviewer, the DSS desk and the auditor do not.
  const std::string area = CompleteAreaSra("area_2", T("sp"));
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + area, T("sp")).body), (std::set<std::string>{"submit", "edit"}));
  expect_edit(area, T("sp"), true);
  expect_edit(area, iom_designate_2, true);
  for (const auto& tok : {undp_writer, iom_designate_8, T("cell"), T("dss"), T("auditor")}) expect_edit(area, tok, false);
  EXPECT_FALSE(offers_revise(area, T("sp")));

  // A specific SRA: its own organization's professional edits it; the DSS professional does not.
  const std::string spec = CompleteAreaSra(
      "area_2", undp_writer, 0, 300,
      {{"kind", "specific"}, {"organization_id", "org_undp"}, {"mission_ref", "UNDP-EDIT-1"}});
  expect_edit(spec, undp_writer, true);
  for (const auto& tok : {T("sp"), T("cell"), T("dss"), T("auditor")}) expect_edit(spec, tok, false);

  // Published: nobody edits it; only its organization's professional may start the next version.
  PublishAs(spec, undp_writer);
  for (const auto& tok : {undp_writer, T("sp"), T("dss"), T("auditor")}) expect_edit(spec, tok, false);
  EXPECT_EQ(S().Call("PUT", "/api/v1/sras/" + spec, json{{"title", "x"}}, undp_writer).Code(), "not_editable");
  for (const auto& tok : {T("sp"), T("cell"), T("smt"), T("dss"), T("auditor")}) {
    EXPECT_FALSE(offers_revise(spec, tok));
    EXPECT_EQ(Post("/api/v1/sras/" + spec + "/revise", json::object(), tok).status, 403);
  }
  EXPECT_EQ(Actions(Get("/api/v1/sras/" + spec, undp_writer).body), std::set<std::string>{"revise"});
  auto v2 = Post("/api/v1/sras/" + spec + "/revise", json::object(), undp_writer);
  ASSERT_EQ(v2.status, 201) << v2.raw;
  const std::string next = v2.body.value("id", "");
  // While version 2 is in progress, version 1 offers no second revision, and the server refuses one.
  EXPECT_FALSE(offers_revise(spec, undp_writer));
  EXPECT_EQ(Post("/api/v1/sras/" + spec + "/revise", json::object(), undp_writer).Code(), "revision_in_progress");
  expect_edit(next, undp_writer, true);
  expect_edit(next, T("sp"), false);

  // Submitted: no edit; returned: its drafter edits again.
  ASSERT_EQ(Act(next, "submit", undp_writer).status, 200);
  expect_edit(next, undp_writer, false);
  ASSERT_EQ(Act(next, "return", T("cell")).status, 200);
  expect_edit(next, undp_writer, true);
  for (const auto& tok : {T("sp"), T("cell"), T("auditor")}) expect_edit(next, tok, false);
}

// Issue 13: acceptable risk per assessed activity comes from the server's rule (domain::AcceptableFor).
TEST_F(SraInForceTest, TheReadModelCarriesTheServersAcceptabilityPerActivity) {
  const json programmes = json::array({{{"organization_id", "org_wfp"}, {"activity", "Food distribution"}, {"pc", 1}},
                                       {{"organization_id", "org_wfp"}, {"activity", "Lifesaving surgery"}, {"pc", 4}}});
  const std::string id = CompleteAreaSra("area_5", T("sp"), 0, 300, {{"programmes", programmes}});
  const json doc = Get("/api/v1/sras/" + id, T("sp")).body;
  auto pack = domain::ParseMethodPack(domain::DefaultMethodPackJson());
  ASSERT_TRUE(pack);
  const auto& levels = pack->risk_levels;
  const auto idx = [&](const json& name) {
    return static_cast<int>(std::find(levels.begin(), levels.end(), name.get<std::string>()) - levels.begin());
  };
  ASSERT_EQ(doc["programmes"].size(), 2u) << doc.dump();
  ASSERT_EQ(doc["acceptability"].size(), 2u) << doc.dump();
  for (size_t i = 0; i < 2; ++i) {
    const json& p = doc["programmes"][i];
    const json& a = doc["acceptability"][i];
    ASSERT_TRUE(a.is_object()) << p.dump();
    const int residual = idx(a["residual_risk"]);
    EXPECT_EQ(a["residual_risk"], doc["overall_residual_risk"]);  // the one scenario is every scenario
    const domain::Acceptability want =
        domain::AcceptableFor(*pack, p["pc"].get<int>(), residual, idx(a["current_risk"]));
    EXPECT_EQ(a["acceptable"], want.acceptable) << p.dump();
    EXPECT_EQ(a["decision"], domain::DecisionName(want.decision));
    EXPECT_EQ(a["limit"], levels[pack->pc_max_acceptable[p["pc"].get<int>() - 1]]);
    EXPECT_EQ(a["needs_exec_approval"], want.needs_exec_approval);
    EXPECT_EQ(a["needs_pc_assessment"], want.needs_pc_assessment);
    EXPECT_EQ(a["options"], json(want.options));
    EXPECT_EQ(a["reasons"][0]["code"], want.code);
  }
  // Each activity is weighed against its own PC's limit.
  EXPECT_EQ(doc["acceptability"][1]["limit"], levels[pack->pc_max_acceptable[3]]);
}

// Finding 4: an empty SRA could be published, and residuals were not tied to measures.
TEST_F(SraInForceTest, AnIncompleteSraDoesNotLeaveDraftAndEveryMissingPieceIsListed) {
  auto c = Post("/api/v1/sras", {{"area_id", "area_6"}, {"title", "Empty"}}, T("sp"));
  ASSERT_EQ(c.status, 201);
  const std::string id = c.body["id"];
  auto sub = Act(id, "submit", T("sp"));
  ASSERT_EQ(sub.status, 422) << sub.raw;
  const auto codes = Codes(sub.body["error"]["missing"]);
  for (const char* want : {"scenarios_required@scenarios", "trigger_required@scope.trigger",
                           "period_required@scope.from_date", "situation_required@situation",
                           "threat_assessment_required@threats.armed_conflict", "threat_assessment_required@threats.terrorism",
                           "threat_assessment_required@threats.crime", "threat_assessment_required@threats.civil_unrest",
                           "threat_assessment_required@threats.hazards"})
    EXPECT_TRUE(codes.contains(want)) << want << " in " << sub.raw;
  EXPECT_EQ(Codes(Get("/api/v1/sras/" + id + "/completeness", T("sp")).body["missing"]), codes);

  // Residuals: VL -> Unacceptable-like rise and a fall with no measure are both refused.
  json header = CompleteHeaderFields();
  header["scope"] = {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(200)}, {"trigger", "new_office"}};
  ASSERT_EQ(S().Call("PUT", "/api/v1/sras/" + id, header, T("sp")).status, 200);
  auto rise = Post("/api/v1/sras/" + id + "/scenarios",
                   {{"title", "Rise"}, {"threat_category", "crime"},
                    {"vulnerability", {{"exposed", "staff"}, {"weaknesses", "none recorded"}}},
                    {"likelihood", "Very Unlikely"}, {"impact", "Negligible"},
                    {"residual_likelihood", "Very Likely"}, {"residual_impact", "Critical"}},
                   T("sp"));
  ASSERT_EQ(rise.status, 201) << rise.raw;
  auto fall = Post("/api/v1/sras/" + id + "/scenarios",
                   {{"title", "Fall"}, {"threat_category", "armed_conflict"},
                    {"vulnerability", {{"exposed", "convoys"}, {"weaknesses", "single road"}}},
                    {"likelihood", "Very Likely"}, {"impact", "Critical"},
                    {"residual_likelihood", "Very Unlikely"}, {"residual_impact", "Negligible"},
                    {"measures", json::array({{{"type", "mitigation"}, {"description", "Trauma kits"}}})}},
                   T("sp"));
  ASSERT_EQ(fall.status, 201) << fall.raw;
  auto again = Act(id, "submit", T("sp"));
  ASSERT_EQ(again.status, 422);
  const std::set<std::string> expected{"residual_above_current@scenarios[0].residual_likelihood",
                                       "residual_above_current@scenarios[0].residual_impact",
                                       "prevention_measure_required@scenarios[1].residual_likelihood"};
  EXPECT_EQ(Codes(again.body["error"]["missing"]), expected) << again.raw;
}

// Finding 6 (the SRA part): hazards have no actor and no intent.
TEST_F(SraInForceTest, HazardsAreRatedOnFrequencyMagnitudeAndPreparedness) {
  auto c = Post("/api/v1/sras", {{"area_id", "area_6"}, {"title", "Hazards"}}, T("sp"));
  ASSERT_EQ(c.status, 201);
  const std::string id = c.body["id"];
  auto intent = S().Call("PUT", "/api/v1/sras/" + id,
                         json{{"threats", json::array({{{"category", "hazards"}, {"intent", 3}, {"magnitude", 3},
                                                        {"preparedness", 3}}})}},
                         T("sp"));
  EXPECT_EQ(intent.status, 400) << intent.raw;
  EXPECT_EQ(intent.Field(), "threats[0].intent");
  auto ok = S().Call("PUT", "/api/v1/sras/" + id,
                     json{{"threats", json::array({{{"category", "hazards"}, {"frequency", 5}, {"magnitude", 4},
                                                    {"preparedness", 1}}})}},
                     T("sp"));
  ASSERT_EQ(ok.status, 200) << ok.raw;
  const json& t = ok.body["threats"][0];
  EXPECT_EQ(t["frequency"], 5);
  EXPECT_FALSE(t.contains("intent"));
  EXPECT_EQ(t["level"], 5);  // round((5 + 4 + (6 - 1)) / 3)
}

// Finding 5: "current (review due ...)" past the end of the scope; a period not yet begun.
TEST_F(SraInForceTest, CurrentOnlyInsideThePeriodAndUntilTheReviewDate) {
  // The demo's Sanjar SRA: its period ends before its review date, and it is valid until then.
  const auto sanjar = PublishedAreaSras("area_1");
  ASSERT_EQ(sanjar.size(), 1u);
  auto doc = Get("/api/v1/sras/" + sanjar[0], T("cell")).body;
  EXPECT_EQ(doc["validity"]["current"], true);
  EXPECT_EQ(doc["validity"]["valid_until"], doc["scope"]["to_date"]);
  EXPECT_LT(doc["scope"]["to_date"].get<std::string>(), doc["review_due"].get<std::string>());
  // An SRA whose period starts next month is in force (the area's risk) but not current today.
  const std::string later = CompleteAreaSra("area_2", T("sp"), 30, 200);
  PublishAs(later, T("sp"));
  auto v = Get("/api/v1/sras/" + later, T("cell")).body["validity"];
  EXPECT_EQ(v["in_force"], true);
  EXPECT_EQ(v["current"], false);
  EXPECT_EQ(v["reason"], "period_not_started");
  // A user of another organization with a grant in another area only sees none of it.
  const std::string outsider = NewUser("area8_finance", "org_wfp", json::array({Grant("finance", "area_8")}));
  ASSERT_FALSE(outsider.empty());
  EXPECT_EQ(Get("/api/v1/sras/" + later + "/completeness", outsider).status, 403);
  EXPECT_EQ(Get("/api/v1/sras/" + later, outsider).status, 403);
}

}  // namespace
}  // namespace srm::testing
