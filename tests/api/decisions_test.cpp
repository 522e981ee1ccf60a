// Decisions that rest on the SRA, end to end over HTTP with the Carana demo data: security
// clearance (every rule, the approver inbox, headcount), the Executive Group on Security, specific
// SRA approvals, acceptable risk per activity, MOSS/RSM and compliance, notifications, scope and
// role refusals, bad input, and re-evaluation when an SRA is re-published.
//
// Demo facts used here: area_1 (Sanjar) has the published SRA, residual Medium, current High;
// area_5 has only a draft; users sp (DSS, security professional), cell (IOM, security cell), smt
// (UNDP), dss (DSS desk), hq (IOM HQ security), exec (IOM executive office), finance (WFP),
// auditor, admin. Programmes: prg_1 WFP PC1 area_1, prg_4 UNDP PC3 area_2, prg_5 UNDP PC4 area_1.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "test_server.h"

namespace srm::testing {
namespace {

std::string Date(int days_from_today) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  return FormatTimestamp(now + days_from_today * int64_t{86'400'000}).substr(0, 10);
}

json Leg(const std::string& area, int from, int to) { return {{"area_id", area}, {"from", Date(from)}, {"to", Date(to)}}; }

class DecisionsTest : public SharedServerTest<DecisionsTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& user) { return S().Call("GET", path, json(), T(user)); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& user) {
    return S().Call("POST", path, body, T(user));
  }

  static HttpResult Act(const std::string& id, const std::string& action, const std::string& user) {
    return Post("/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", "ok"}}, user);
  }
  static void Publish(const std::string& id) {
    for (auto [a, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}}) {
      auto r = Act(id, a, u);
      ASSERT_EQ(r.status, 200) << a << ": " << r.raw;
    }
  }
  // A published SRA with one scenario rated likelihood x impact (residual = current unless given).
  static std::string PublishedSra(const std::string& area, const std::string& likelihood, const std::string& impact,
                                  json extra = json::object(), const std::string& residual_likelihood = "",
                                  const std::string& residual_impact = "") {
    json body{{"area_id", area},
              {"title", "Decisions test SRA " + area},
              {"scope", {{"from_date", Date(0)}, {"to_date", Date(360)}, {"trigger", "change_in_area"}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
    auto c = Post("/api/v1/sras", body, "sp");
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body["id"];
    json sc{{"title", "Ambush on the road"}, {"threat_category", "armed_conflict"},
            {"vulnerability", {{"exposed", "road missions"}, {"weaknesses", "single road"}}},
            {"likelihood", likelihood}, {"impact", impact}};
    if (!residual_likelihood.empty()) {
      sc["residual_likelihood"] = residual_likelihood;
      sc["residual_impact"] = residual_impact;
      sc["measures"] = json::array({{{"type", "prevention"}, {"description", "Armoured vehicles and convoy rules"},
                                     {"moss_category", "vehicles"}, {"cost", 1000}, {"owner", "Logistics"}}});
    }
    auto s = Post("/api/v1/sras/" + id + "/scenarios", sc, "sp");
    EXPECT_EQ(s.status, 201) << s.raw;
    Publish(id);
    return id;
  }
  static HttpResult Request(const std::string& user, json body) { return Post("/api/v1/clearances", body, user); }
  static int AuditEntries() { return Get("/api/v1/audit/verify", "auditor").body["entries"].get<int>(); }
  static bool Has(const json& items, const std::string& key, const std::string& value) {
    for (const auto& i : items)
      if (i.contains(key) && i[key] == value) return true;
    return false;
  }
  static bool HasReason(const json& leg, const std::string& code) { return Has(leg["reasons"], "code", code); }

};

// ------------------------------------------------------------------------------------ clearance

TEST_F(DecisionsTest, ClearedAutomaticallyWhenTheSraIsCurrentAndTheResidualAcceptable) {
  auto r = Request("finance", {{"programme_id", "prg_1"}, {"legs", json::array({Leg("area_1", 5, 8)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["status"], "cleared");
  EXPECT_EQ(r.body["pc"], 1) << "the PC comes from the programme";
  EXPECT_EQ(r.body["organization_id"], "org_wfp");
  const json& leg = r.body["legs"][0];
  EXPECT_EQ(leg["status"], "cleared");
  EXPECT_EQ(leg["rule"], "cleared");
  EXPECT_EQ(leg["residual_risk"], "Medium");
  EXPECT_FALSE(leg["sra_id"].get<std::string>().empty());
  EXPECT_TRUE(HasReason(leg, "no_egs_no_go"));
  EXPECT_TRUE(HasReason(leg, "sra_current"));
  EXPECT_TRUE(HasReason(leg, "within_limit"));
  // Stored as decided.
  auto got = Get("/api/v1/clearances/" + r.body["id"].get<std::string>(), "finance");
  ASSERT_EQ(got.status, 200) << got.raw;
  EXPECT_EQ(got.body["legs"][0]["status"], "cleared");
  EXPECT_EQ(got.body["legs"][0]["history"].size(), 1u);
}

TEST_F(DecisionsTest, NoSraIsReferredAndTheSecurityCellDecidesInItsInbox) {
  auto r = Request("finance", {{"activity", "Warehouse inspection"}, {"pc", 2},
                               {"legs", json::array({Leg("area_7", 10, 12)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["status"], "pending");
  const std::string req = r.body["id"], leg = r.body["legs"][0]["id"];
  EXPECT_EQ(r.body["legs"][0]["status"], "referred");
  EXPECT_EQ(r.body["legs"][0]["rule"], "no_sra");
  EXPECT_EQ(r.body["legs"][0]["approver_role"], "security_cell");

  auto inbox = Get("/api/v1/clearances/inbox?limit=500", "cell");
  ASSERT_EQ(inbox.status, 200) << inbox.raw;
  EXPECT_TRUE(Has(inbox.body["items"], "id", leg));
  EXPECT_FALSE(Has(Get("/api/v1/clearances/inbox?limit=500", "exec").body["items"], "id", leg))
      << "not Very High: not the executive office's queue";

  const std::string path = "/api/v1/clearances/" + req + "/legs/" + leg + "/decision";
  const json approve{{"action", "approve"}, {"comment", "Escorted visit agreed with the SA"}};
  // Roles that must not decide a referred leg: the requester, and every role but cell / DSS desk.
  for (const char* u : {"finance", "sp", "smt", "hq", "exec", "auditor", "admin"}) {
    auto no = Post(path, approve, u);
    EXPECT_EQ(no.status, 403) << u << ": " << no.raw;
  }
  EXPECT_EQ(Post(path, {{"action", "approve"}}, "cell").Code(), "comment_required");
  EXPECT_EQ(Post(path, {{"action", "maybe"}, {"comment", "x"}}, "cell").Code(), "unknown_action");
  auto ok = Post(path, approve, "cell");
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["status"], "approved");
  EXPECT_EQ(ok.body["decided_by"], "cell");
  EXPECT_EQ(ok.body["decided_role"], "security_cell");
  EXPECT_EQ(Get("/api/v1/clearances/" + req, "finance").body["status"], "cleared");
  // Decided once: a second decision is out of order.
  EXPECT_EQ(Post(path, approve, "dss").Code(), "not_referred");
  EXPECT_FALSE(Has(Get("/api/v1/clearances/inbox?limit=500", "cell").body["items"], "id", leg));
  // The traveller is told.
  auto n = Get("/api/v1/notifications?unread=true&limit=500", "finance");
  ASSERT_EQ(n.status, 200);
  bool told = false;
  for (const auto& i : n.body["items"])
    told = told || (i["type"] == "clearance_decided" && i["object_id"] == req);
  EXPECT_TRUE(told) << n.raw;
}

TEST_F(DecisionsTest, AnSraPastItsReviewDateIsNotCurrent) {
  // The demo SRA is due for review twelve months after publication: a leg starting after that
  // date rests on an SRA that will not be current.
  auto r = Request("finance", {{"programme_id", "prg_1"}, {"legs", json::array({Leg("area_1", 400, 402)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["legs"][0]["status"], "referred");
  EXPECT_EQ(r.body["legs"][0]["rule"], "sra_expired");
}

TEST_F(DecisionsTest, NotAcceptableForThePcIsReferredAndCanBeRefused) {
  // UNDP's PC4 workshops in a Medium area: above PC4's limit (Low).
  auto r = Request("smt", {{"programme_id", "prg_5"}, {"legs", json::array({Leg("area_1", 20, 21)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const json& leg = r.body["legs"][0];
  EXPECT_EQ(leg["status"], "referred");
  EXPECT_EQ(leg["rule"], "not_acceptable");
  const std::string path = "/api/v1/clearances/" + r.body["id"].get<std::string>() + "/legs/" +
                           leg["id"].get<std::string>() + "/decision";
  auto no = Post(path, {{"action", "refuse"}, {"comment", "Hold the workshop remotely"}}, "dss");
  ASSERT_EQ(no.status, 200) << no.raw;
  EXPECT_EQ(no.body["status"], "refused");
  EXPECT_EQ(Get("/api/v1/clearances/" + r.body["id"].get<std::string>(), "smt").body["status"], "refused");
}

TEST_F(DecisionsTest, HighResidualNeedsARecordedPcAssessment) {
  TestServer s;  // publishes a High SRA in area_2: its own server
  std::map<std::string, std::string> t;
  for (const char* u : {"sp", "cell", "smt", "dss", "finance"}) t[u] = s.Login(u);
  auto c = s.Call("POST", "/api/v1/sras",
                  json{{"area_id", "area_2"}, {"title", "Leppko"},
                       {"scope", {{"from_date", Date(0)}, {"to_date", Date(300)}, {"trigger", "new_office"}}}},
                  t["sp"]);
  ASSERT_EQ(c.status, 201);
  const std::string id = c.body["id"];
  ASSERT_EQ(s.Call("POST", "/api/v1/sras/" + id + "/scenarios",
                   json{{"title", "Carjacking"}, {"threat_category", "crime"},
                        {"vulnerability", {{"exposed", "drivers"}, {"weaknesses", "no tracking"}}},
                        {"likelihood", "Likely"}, {"impact", "Severe"}},
                   t["sp"]).status, 201);
  for (auto [a, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}})
    ASSERT_EQ(s.Call("POST", "/api/v1/sras/" + id + "/transitions", json{{"action", a}}, t[u]).status, 200) << a;
  // UNDP's PC3 programme is not acceptable at High; a PC2 activity is, with a PC assessment.
  auto undp = s.Call("POST", "/api/v1/clearances",
                     json{{"programme_id", "prg_4"}, {"legs", json::array({Leg("area_2", 3, 4)})}}, t["smt"]);
  ASSERT_EQ(undp.status, 201) << undp.raw;
  EXPECT_EQ(undp.body["legs"][0]["rule"], "not_acceptable");
  auto wfp = s.Call("POST", "/api/v1/clearances",
                    json{{"activity", "Convoy"}, {"pc", 2}, {"legs", json::array({Leg("area_2", 3, 4)})}}, t["finance"]);
  ASSERT_EQ(wfp.status, 201) << wfp.raw;
  EXPECT_EQ(wfp.body["legs"][0]["rule"], "pc_assessment_required");
  EXPECT_EQ(wfp.body["legs"][0]["status"], "referred");
}

TEST_F(DecisionsTest, AnItinerarySpanningSeveralAreasIsDecidedLegByLeg) {
  auto r = Request("finance", {{"programme_id", "prg_1"},
                               {"legs", json::array({Leg("area_1", 30, 33), Leg("area_5", 34, 36), Leg("area_1", 37, 40)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  ASSERT_EQ(r.body["legs"].size(), 3u);
  EXPECT_EQ(r.body["legs"][0]["status"], "cleared");
  EXPECT_EQ(r.body["legs"][1]["status"], "referred");
  EXPECT_EQ(r.body["legs"][1]["rule"], "no_sra");
  EXPECT_EQ(r.body["legs"][2]["status"], "cleared");
  EXPECT_EQ(r.body["status"], "pending");
  EXPECT_EQ(r.body["from"], Date(30));
  EXPECT_EQ(r.body["to"], Date(40));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(r.body["legs"][i]["seq"], i + 1);
}

TEST_F(DecisionsTest, PreviewDecidesWithoutRecording) {
  const int before = AuditEntries();
  auto r = Post("/api/v1/clearances/preview",
                {{"activity", "Assessment"}, {"pc", 3}, {"legs", json::array({Leg("area_1", 2, 3), Leg("area_8", 4, 5)})}},
                "finance");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["legs"][0]["status"], "cleared");
  EXPECT_EQ(r.body["legs"][1]["rule"], "no_sra");
  EXPECT_EQ(AuditEntries(), before);
}

// --------------------------------------------------------------- Very High and specific SRAs

TEST_F(DecisionsTest, VeryHighNeedsAnApprovedSpecificSraForTheMission) {
  // area_6: Very High residual (Likely x Critical).
  PublishedSra("area_6", "Likely", "Critical");
  auto without = Request("hq", {{"programme_id", "prg_3"}, {"mission_ref", "IOM-DTM-6"},
                                {"legs", json::array({Leg("area_6", 15, 18)})}});
  ASSERT_EQ(without.status, 201) << without.raw;
  const std::string req = without.body["id"], leg = without.body["legs"][0]["id"];
  EXPECT_EQ(without.body["legs"][0]["status"], "blocked");
  EXPECT_EQ(without.body["legs"][0]["rule"], "specific_sra_required");
  // Nobody overrides it.
  EXPECT_EQ(Post("/api/v1/clearances/" + req + "/legs/" + leg + "/decision", {{"action", "approve"}, {"comment", "x"}},
                 "cell").Code(), "not_referred");

  // The specific SRA for the mission: the mission's own measures bring the residual to Medium.
  const std::string spec = PublishedSra("area_6", "Likely", "Critical",
                                        {{"kind", "specific"}, {"organization_id", "org_iom"}, {"mission_ref", "IOM-DTM-6"}},
                                        "Unlikely", "Severe");
  auto a = Get("/api/v1/specific-sras/" + spec, "hq");
  ASSERT_EQ(a.status, 200) << a.raw;
  EXPECT_EQ(a.body["status"], "awaiting_coordination");
  EXPECT_EQ(a.body["mission_ref"], "IOM-DTM-6");
  EXPECT_TRUE(Has(Get("/api/v1/specific-sras?awaiting_me=true", "hq").body["items"], "sra_id", spec));
  // Published is not enough: still blocked until approved.
  EXPECT_EQ(Get("/api/v1/clearances/" + req, "hq").body["legs"][0]["status"], "blocked");

  const std::string path = "/api/v1/specific-sras/" + spec + "/transitions";
  EXPECT_EQ(Post(path, {{"action", "approve"}, {"comment", "ok"}}, "exec").Code(), "out_of_order");
  for (const char* u : {"cell", "dss", "exec", "sp", "finance", "auditor", "admin"})
    EXPECT_EQ(Post(path, {{"action", "coordinate"}}, u).status, 403) << u;
  auto co = Post(path, {{"action", "coordinate"}, {"comment", "OSS reviewed the mission plan"}}, "hq");
  ASSERT_EQ(co.status, 200) << co.raw;
  EXPECT_EQ(co.body["status"], "coordinated");
  EXPECT_TRUE(Has(Get("/api/v1/specific-sras?awaiting_me=true", "exec").body["items"], "sra_id", spec));
  for (const char* u : {"hq", "dss", "cell", "smt", "auditor", "admin"})
    EXPECT_EQ(Post(path, {{"action", "approve"}, {"comment", "ok"}}, u).status, 403) << u;
  EXPECT_EQ(Post(path, {{"action", "approve"}}, "exec").Code(), "comment_required");
  auto ap = Post(path, {{"action", "approve"}, {"comment", "The Director General accepts the residual risk"}}, "exec");
  ASSERT_EQ(ap.status, 200) << ap.raw;
  EXPECT_EQ(ap.body["status"], "approved");
  EXPECT_EQ(ap.body["redecided_legs"], 1);

  // The blocked leg is now cleared on the specific SRA, and the traveller is told.
  auto now = Get("/api/v1/clearances/" + req, "hq");
  EXPECT_EQ(now.body["status"], "cleared");
  EXPECT_EQ(now.body["legs"][0]["status"], "cleared");
  EXPECT_EQ(now.body["legs"][0]["specific_sra_id"], spec);
  EXPECT_EQ(now.body["legs"][0]["residual_risk"], "Medium");
  EXPECT_TRUE(HasReason(now.body["legs"][0], "specific_sra_approved"));
  bool told = false;
  const auto reply1 = Get("/api/v1/notifications?limit=500", "hq");
  for (const auto& n : reply1.body["items"])
    told = told || (n["type"] == "clearance_changed" && n["object_id"] == req && n["detail"]["after"] == "cleared");
  EXPECT_TRUE(told);
  // Another mission in the same area is not covered by it.
  auto other = Request("hq", {{"programme_id", "prg_3"}, {"mission_ref", "IOM-OTHER"},
                              {"legs", json::array({Leg("area_6", 15, 18)})}});
  EXPECT_EQ(other.body["legs"][0]["rule"], "specific_sra_required");
  // An executive office of another organization cannot approve IOM's specific SRAs.
  auto wfp_exec = Post("/api/v1/users",
                       {{"username", "wfp_exec"}, {"password", "correct-horse-battery-42"}, {"display_name", "WFP ED office"},
                        {"organization_id", "org_wfp"}, {"grants", json::array({{{"role", "executive_office"}}})}},
                       "admin");
  ASSERT_EQ(wfp_exec.status, 201) << wfp_exec.raw;
  const std::string wt = S().Login("wfp_exec", "correct-horse-battery-42");
  const std::string spec2 = PublishedSra("area_6", "Likely", "Critical",
                                         {{"kind", "specific"}, {"organization_id", "org_iom"}, {"mission_ref", "IOM-M2"}},
                                         "Unlikely", "Severe");
  ASSERT_EQ(Post("/api/v1/specific-sras/" + spec2 + "/transitions", {{"action", "coordinate"}}, "hq").status, 200);
  EXPECT_EQ(S().Call("POST", "/api/v1/specific-sras/" + spec2 + "/transitions",
                     json{{"action", "approve"}, {"comment", "x"}}, wt).status, 403);
}

TEST_F(DecisionsTest, VeryHighReferralGoesToTheExecutiveOfficeOfTheTravellersOrganization) {
  PublishedSra("area_4", "Likely", "Critical");
  const std::string spec = PublishedSra("area_4", "Likely", "Critical",
                                        {{"kind", "specific"}, {"organization_id", "org_iom"}, {"mission_ref", "IOM-BH-4"}});
  ASSERT_EQ(Post("/api/v1/specific-sras/" + spec + "/transitions", {{"action", "coordinate"}}, "hq").status, 200);
  ASSERT_EQ(Post("/api/v1/specific-sras/" + spec + "/transitions", {{"action", "approve"}, {"comment", "accepted"}}, "exec").status, 200);
  // The specific SRA still says Very High; PC3 (border health posts) stops at Medium: the executive office decides.
  auto r = Request("hq", {{"programme_id", "prg_6"}, {"mission_ref", "IOM-BH-4"}, {"legs", json::array({Leg("area_4", 9, 10)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const json& leg = r.body["legs"][0];
  EXPECT_EQ(leg["status"], "referred_executive");
  EXPECT_EQ(leg["approver_role"], "executive_office");
  const std::string path = "/api/v1/clearances/" + r.body["id"].get<std::string>() + "/legs/" + leg["id"].get<std::string>() + "/decision";
  EXPECT_TRUE(Has(Get("/api/v1/clearances/inbox?queue=executive&limit=500", "exec").body["items"], "id", leg["id"]));
  EXPECT_FALSE(Has(Get("/api/v1/clearances/inbox?queue=security&limit=500", "cell").body["items"], "id", leg["id"]));
  for (const char* u : {"cell", "dss", "sp", "smt", "auditor", "admin"})
    EXPECT_EQ(Post(path, {{"action", "approve"}, {"comment", "x"}}, u).status, 403) << u;
  EXPECT_EQ(Post(path, {{"action", "approve"}, {"comment", "x"}}, "hq").status, 403) << "HQ security is not the executive office";
  // Nobody decides their own request, not even the executive office.
  auto own = Request("exec", {{"programme_id", "prg_6"}, {"mission_ref", "IOM-BH-4"}, {"legs", json::array({Leg("area_4", 9, 10)})}});
  ASSERT_EQ(own.body["legs"][0]["status"], "referred_executive");
  EXPECT_EQ(Post("/api/v1/clearances/" + own.body["id"].get<std::string>() + "/legs/" +
                     own.body["legs"][0]["id"].get<std::string>() + "/decision",
                 {{"action", "approve"}, {"comment", "my own trip"}}, "exec").Code(), "self_approval");
  auto ok = Post(path, {{"action", "approve"}, {"comment", "Accepted for this mission"}}, "exec");
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["decided_role"], "executive_office");
}

// --------------------------------------------------------------------------------------- EGS

TEST_F(DecisionsTest, AnEgsNoGoOverridesEverythingAndALaterGoLiftsIt) {
  auto r = Request("finance", {{"programme_id", "prg_1"}, {"legs", json::array({Leg("area_1", 60, 64), Leg("area_1", 90, 91)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string req = r.body["id"];
  ASSERT_EQ(r.body["legs"][0]["status"], "cleared");

  const json nogo{{"area_id", "area_1"}, {"decision", "no_go"}, {"from", Date(62)}, {"to", Date(70)},
                  {"reason", "Fighting around the port"}, {"meeting_ref", "EGS-2026-07"}};
  for (const char* u : {"admin", "exec", "hq", "sp", "cell", "smt", "finance", "auditor"}) {
    auto no = Post("/api/v1/egs-decisions", nogo, u);
    EXPECT_EQ(no.status, 403) << u << ": " << no.raw;
  }
  auto e = Post("/api/v1/egs-decisions", nogo, "dss");
  ASSERT_EQ(e.status, 201) << e.raw;
  const std::string egs = e.body["id"];
  EXPECT_GE(e.body["redecided_legs"].get<int>(), 1);

  auto after = Get("/api/v1/clearances/" + req, "finance");
  EXPECT_EQ(after.body["status"], "blocked");
  EXPECT_EQ(after.body["legs"][0]["status"], "blocked");
  EXPECT_EQ(after.body["legs"][0]["rule"], "egs_no_go");
  EXPECT_EQ(after.body["legs"][0]["egs_decision_id"], egs) << "the clearance links the EGS decision";
  EXPECT_EQ(after.body["legs"][1]["status"], "cleared") << "outside the window";
  const std::string leg = after.body["legs"][0]["id"];
  EXPECT_EQ(Post("/api/v1/clearances/" + req + "/legs/" + leg + "/decision", {{"action", "approve"}, {"comment", "x"}},
                 "cell").Code(), "not_referred");
  // New requests into the window are blocked too.
  auto late = Request("finance", {{"programme_id", "prg_1"}, {"legs", json::array({Leg("area_1", 65, 66)})}});
  EXPECT_EQ(late.body["legs"][0]["rule"], "egs_no_go");
  EXPECT_EQ(Get("/api/v1/egs-decisions/" + egs, "finance").body["decision"], "no_go");
  EXPECT_TRUE(Has(Get("/api/v1/egs-decisions?area_id=area_1", "auditor").body["items"], "id", egs));

  // The EGS lifts it: the latest decision covering a day decides.
  auto go = Post("/api/v1/egs-decisions",
                 {{"area_id", "area_1"}, {"decision", "go"}, {"from", Date(62)}, {"to", Date(70)}, {"reason", "Ceasefire holds"}},
                 "dss");
  ASSERT_EQ(go.status, 201) << go.raw;
  auto lifted = Get("/api/v1/clearances/" + req, "finance");
  EXPECT_EQ(lifted.body["legs"][0]["status"], "cleared");
  EXPECT_EQ(lifted.body["status"], "cleared");
  EXPECT_GE(lifted.body["legs"][0]["history"].size(), 3u);
}

// ------------------------------------------------------------------ re-evaluation on re-publication

TEST_F(DecisionsTest, RepublishingWithAHigherResidualReDecidesFutureClearancesAndActivities) {
  // area_2 (Leppko): UNDP's court rehabilitation, PC3. Version 1: Low residual.
  const std::string v1 = PublishedSra("area_2", "Unlikely", "Minor");
  auto act = Get("/api/v1/activities/prg_4", "smt");
  ASSERT_EQ(act.status, 200) << act.raw;
  EXPECT_EQ(act.body["status"], "proceed");
  EXPECT_EQ(act.body["recorded"], true) << "decided when the SRA was published";

  auto wfp = Request("finance", {{"activity", "Market survey"}, {"pc", 3}, {"legs", json::array({Leg("area_2", 12, 14)})}});
  auto undp = Request("smt", {{"programme_id", "prg_4"}, {"legs", json::array({Leg("area_2", 20, 22), Leg("area_1", 23, 24)})}});
  ASSERT_EQ(wfp.status, 201) << wfp.raw;
  ASSERT_EQ(undp.status, 201) << undp.raw;
  ASSERT_EQ(wfp.body["status"], "cleared");
  ASSERT_EQ(undp.body["legs"][0]["status"], "cleared");
  const std::string wfp_id = wfp.body["id"], undp_id = undp.body["id"];

  // Version 2: the situation worsened, residual High.
  auto v2r = Post("/api/v1/sras/" + v1 + "/revise", json(), "sp");
  ASSERT_EQ(v2r.status, 201) << v2r.raw;
  const std::string v2 = v2r.body["id"], sid = v2r.body["scenarios"][0]["id"];
  ASSERT_EQ(S().Call("PUT", "/api/v1/sras/" + v2 + "/scenarios/" + sid, json{{"likelihood", "Likely"}, {"impact", "Severe"}},
                     T("sp")).status, 200);
  const int audit_before = AuditEntries();
  Publish(v2);

  // Every future leg in the area was decided again, in the publication's transaction.
  auto w = Get("/api/v1/clearances/" + wfp_id, "finance");
  EXPECT_EQ(w.body["status"], "pending");
  EXPECT_EQ(w.body["legs"][0]["status"], "referred");
  EXPECT_EQ(w.body["legs"][0]["rule"], "not_acceptable");
  EXPECT_EQ(w.body["legs"][0]["residual_risk"], "High");
  EXPECT_EQ(w.body["legs"][0]["sra_id"], v2);
  ASSERT_EQ(w.body["legs"][0]["history"].size(), 2u);
  EXPECT_EQ(w.body["legs"][0]["history"][1]["cause"], "sra_published:" + v2);
  auto u = Get("/api/v1/clearances/" + undp_id, "smt");
  EXPECT_EQ(u.body["legs"][0]["status"], "referred");
  EXPECT_EQ(u.body["legs"][1]["status"], "cleared") << "the area_1 leg rests on another SRA";
  EXPECT_EQ(u.body["legs"][1]["history"].size(), 1u);
  // The people concerned see it.
  bool told = false;
  const auto reply2 = Get("/api/v1/notifications?unread=true&limit=500", "finance");
  for (const auto& n : reply2.body["items"])
    told = told || (n["type"] == "clearance_changed" && n["object_id"] == wfp_id && n["detail"]["before"] == "cleared" &&
                    n["detail"]["after"] == "referred");
  EXPECT_TRUE(told);
  // The activity decision changed too, and UNDP is told.
  auto act2 = Get("/api/v1/activities/prg_4", "smt");
  EXPECT_EQ(act2.body["status"], "not_acceptable");
  EXPECT_EQ(act2.body["sra_id"], v2);
  EXPECT_TRUE(Has(act2.body["options"], "option", "control"));
  bool undp_told = false;
  const auto reply3 = Get("/api/v1/notifications?limit=500", "smt");
  for (const auto& n : reply3.body["items"])
    undp_told = undp_told || (n["type"] == "activity_changed" && n["detail"]["after"] == "not_acceptable");
  EXPECT_TRUE(undp_told);
  // One transaction, every change audited with its cause.
  auto log = Get("/api/v1/audit?object_id=" + w.body["legs"][0]["id"].get<std::string>(), "auditor");
  ASSERT_EQ(log.status, 200) << log.raw;
  EXPECT_TRUE(Has(log.body["items"], "action", "clearance.leg.redecide")) << log.raw;
  EXPECT_GT(AuditEntries(), audit_before + 4);
  auto verify = Get("/api/v1/audit/verify", "auditor");
  EXPECT_EQ(verify.body["ok"], true);
  // The approver now finds the WFP leg in the inbox.
  EXPECT_TRUE(Has(Get("/api/v1/clearances/inbox?limit=500", "cell").body["items"], "id", w.body["legs"][0]["id"]));
}

// ---------------------------------------------------------------------------- activities

TEST_F(DecisionsTest, ActivityDecisionsPerProgrammeWithReasonsAndOptions) {
  // Demo area_1: residual Medium, current High.
  auto wfp = Get("/api/v1/activities/prg_1", "finance");
  ASSERT_EQ(wfp.status, 200) << wfp.raw;
  EXPECT_EQ(wfp.body["status"], "proceed_with_measures");
  EXPECT_EQ(wfp.body["residual_risk"], "Medium");
  EXPECT_EQ(wfp.body["current_risk"], "High");
  auto undp = Get("/api/v1/activities/prg_5", "smt");
  ASSERT_EQ(undp.status, 200);
  EXPECT_EQ(undp.body["status"], "not_acceptable");
  for (const char* o : {"control", "avoid", "transfer", "do_not_proceed"}) EXPECT_TRUE(Has(undp.body["options"], "option", o)) << o;
  EXPECT_NE(undp.body["reasons"][0]["message"].get<std::string>().find("PC4"), std::string::npos);
  // An area without a published SRA: pending, computed live.
  auto none = Get("/api/v1/activities/prg_3", "auditor");  // area_5: only a draft
  EXPECT_EQ(none.body["status"], "pending");
  EXPECT_EQ(none.body["recorded"], false);
  // Scope: WFP sees its own activities, not UNDP's; cross-organization readers see all.
  EXPECT_EQ(Get("/api/v1/activities/prg_5", "finance").status, 403);
  auto list = Get("/api/v1/activities?area_id=area_1", "finance");
  ASSERT_EQ(list.status, 200);
  for (const auto& i : list.body["items"]) EXPECT_EQ(i["organization_id"], "org_wfp");
  EXPECT_GE(Get("/api/v1/activities?area_id=area_1", "cell").body["total"].get<int>(), 3);
  auto na = Get("/api/v1/activities?status=not_acceptable", "auditor");
  EXPECT_TRUE(Has(na.body["items"], "programme_id", "prg_5"));
}

TEST_F(DecisionsTest, VeryHighActivityNeedsPcAssessmentAndExecutiveApproval) {
  PublishedSra("area_3", "Likely", "Critical");
  // An IOM PC1 activity in Kalari (reference data set up directly in the store).
  ASSERT_TRUE(S().app().store->PutProgramme({"prg_iom_pc1", "org_iom", "area_3", "Emergency shelter", "Shelter distribution",
                                             1, 3, 20, 2},
                                            {"system", "test", "system", "programme.put", "programme", "prg_iom_pc1", "", "", ""}));
  auto d = Get("/api/v1/activities/prg_iom_pc1", "hq");
  ASSERT_EQ(d.status, 200) << d.raw;
  EXPECT_EQ(d.body["status"], "pending");
  auto missing = d.body["missing"].get<std::vector<std::string>>();
  EXPECT_EQ(missing, (std::vector<std::string>{"pc_assessment", "exec_approval"}));

  // PC assessment: the SMT of the area.
  for (const char* u : {"finance", "cell", "exec", "hq", "auditor", "admin"})
    EXPECT_EQ(Post("/api/v1/activities/prg_iom_pc1/pc-assessment", {{"comment", "x"}}, u).status, 403) << u;
  auto pca = Post("/api/v1/activities/prg_iom_pc1/pc-assessment", {{"comment", "PC1: life-saving"}}, "smt");
  ASSERT_EQ(pca.status, 201) << pca.raw;
  // Executive approval: the executive office of IOM only.
  for (const char* u : {"hq", "smt", "dss", "cell", "auditor", "admin"})
    EXPECT_EQ(Post("/api/v1/activities/prg_iom_pc1/exec-approval", {{"comment", "x"}}, u).status, 403) << u;
  EXPECT_EQ(Post("/api/v1/activities/prg_iom_pc1/exec-approval", json::object(), "exec").Code(), "comment_required");
  auto ok = Post("/api/v1/activities/prg_iom_pc1/exec-approval", {{"comment", "The DG accepts Very High for shelter"}}, "exec");
  ASSERT_EQ(ok.status, 201) << ok.raw;
  EXPECT_EQ(ok.body["status"], "proceed");
  EXPECT_EQ(ok.body["exec_approval"]["by"], "exec");
  // Approval where none is needed, or where it cannot help.
  ASSERT_TRUE(S().app().store->PutProgramme({"prg_iom_a7", "org_iom", "area_7", "Transit centre", "Registration", 2, 1, 5, 0},
                                            {"system", "test", "system", "programme.put", "programme", "prg_iom_a7", "", "", ""}));
  EXPECT_EQ(Post("/api/v1/activities/prg_iom_a7/exec-approval", {{"comment", "x"}}, "exec").Code(), "not_required");
}

TEST_F(DecisionsTest, UnacceptableIsNeverOverridden) {
  PublishedSra("area_8", "Very Likely", "Critical");  // Unacceptable
  auto r = Request("finance", {{"activity", "Life-saving delivery"}, {"pc", 1}, {"mission_ref", "X"},
                               {"legs", json::array({Leg("area_8", 5, 6)})}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.body["legs"][0]["status"], "blocked");
  EXPECT_EQ(r.body["legs"][0]["rule"], "unacceptable");
  auto a = Get("/api/v1/activities/prg_8", "auditor");
  EXPECT_EQ(a.body["status"], "not_acceptable");
  EXPECT_EQ(a.body["never_acceptable"], true);
  EXPECT_FALSE(Has(a.body["options"], "option", "control"));
}

// --------------------------------------------------------------------------- MOSS and compliance

TEST_F(DecisionsTest, MossAndRsmFromThePublishedSra) {
  auto m = Get("/api/v1/moss?area_id=area_1", "finance");
  ASSERT_EQ(m.status, 200) << m.raw;
  ASSERT_EQ(m.body["sources"].size(), 1u);
  int telecom = 0, premises = 0;
  for (const auto& g : m.body["moss"]) {
    if (g["category"] == "telecommunications") telecom = static_cast<int>(g["measures"].size());
    if (g["category"] == "premises") premises = static_cast<int>(g["measures"].size());
    EXPECT_NE(g["category"], "residential") << "residential measures are the RSM";
  }
  EXPECT_GE(telecom, 1);
  EXPECT_GE(premises, 1);
  EXPECT_EQ(m.body["rsm"]["category"], "residential");
  auto country = Get("/api/v1/moss?country_id=cty_carana", "auditor");
  ASSERT_EQ(country.status, 200);
  EXPECT_TRUE(Has(country.body["areas_without_sra"], "area_id", "area_7"));
  EXPECT_EQ(Get("/api/v1/moss", "auditor").status, 400);
  EXPECT_EQ(Get("/api/v1/moss?area_id=area_99", "auditor").status, 404);
}

TEST_F(DecisionsTest, ComplianceChecklistsEvidenceRatesAndOverdueItems) {
  // Demo: WFP's checklist for the Sanjar office and an overdue item at its guest house.
  auto mine = Get("/api/v1/compliance/items?organization_id=org_wfp&limit=500", "finance");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_GE(mine.body["items"].size(), 3u);
  std::string office_item;
  for (const auto& i : mine.body["items"])
    if (i["location_id"] == "loc_1" && office_item.empty()) office_item = i["id"];
  ASSERT_FALSE(office_item.empty());
  // Another organization sees none of it.
  EXPECT_EQ(Get("/api/v1/compliance/items?limit=500", "smt").body["total"], 0);
  EXPECT_EQ(Get("/api/v1/compliance/items/" + office_item, "smt").status, 403);
  EXPECT_EQ(Get("/api/v1/compliance/items?organization_id=org_wfp", "smt").status, 403);
  EXPECT_EQ(Get("/api/v1/compliance/items/" + office_item, "cell").status, 200);

  // Evidence before compliance.
  const std::string path = "/api/v1/compliance/items/" + office_item;
  EXPECT_EQ(S().Call("PUT", path, json{{"status", "compliant"}}, T("finance")).Code(), "evidence_required");
  EXPECT_EQ(S().Call("PUT", path, json{{"status", "compliant"}, {"evidence", "x"}}, T("auditor")).status, 403);
  EXPECT_EQ(S().Call("PUT", path, json{{"status", "compliant"}, {"evidence", "x"}}, T("smt")).status, 403);
  EXPECT_EQ(S().Call("PUT", path, json{{"status", "done"}}, T("finance")).Code(), "invalid_status");
  auto up = S().Call("PUT", path, json{{"status", "compliant"}, {"evidence", "Radio log book, 30-min check-ins"}}, T("finance"));
  ASSERT_EQ(up.status, 200) << up.raw;
  EXPECT_EQ(up.body["status"], "compliant");
  EXPECT_EQ(up.body["evidence"][0]["by"], "finance");
  EXPECT_EQ(S().Call("PUT", path, json{{"owner", "x"}, {"revision", 1}}, T("finance")).Code(), "stale_revision");

  // Creating items: the area's security roles, not an organization's finance officer.
  const json item{{"location_id", "loc_2"}, {"organization_id", "org_undp"}, {"requirement", "HF radio in every vehicle"},
                  {"moss_category", "telecommunications"}, {"due_date", Date(-1)}, {"owner", "UNDP ops"}};
  for (const char* u : {"finance", "smt", "exec", "auditor", "admin"}) EXPECT_EQ(Post("/api/v1/compliance/items", item, u).status, 403) << u;
  auto created = Post("/api/v1/compliance/items", item, "cell");
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(Post("/api/v1/compliance/items", {{"location_id", "loc_nope"}, {"requirement", "x"}, {"moss_category", "training"},
                                              {"due_date", Date(3)}}, "cell").Code(), "unknown_location");
  EXPECT_EQ(Post("/api/v1/compliance/items", {{"location_id", "loc_2"}, {"requirement", "x"}, {"moss_category", "snacks"},
                                              {"due_date", Date(3)}}, "cell").Code(), "unknown_category");

  // Checklists are generated from the SRA once; again adds nothing.
  auto again = Post("/api/v1/compliance/checklists", {{"location_id", "loc_1"}, {"organization_id", "org_wfp"}}, "cell");
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body["created"].size(), 0u);
  EXPECT_GE(again.body["skipped"].get<int>(), 2);
  EXPECT_EQ(Post("/api/v1/compliance/checklists", {{"location_id", "loc_7"}}, "cell").Code(), "no_published_sra");

  // Overdue: past due and not done, most overdue first.
  auto overdue = Get("/api/v1/compliance/items?overdue=true&limit=500", "cell");
  ASSERT_EQ(overdue.status, 200);
  EXPECT_TRUE(Has(overdue.body["items"], "location_id", "loc_res_1"));
  EXPECT_TRUE(Has(overdue.body["items"], "id", created.body["id"]));
  for (const auto& i : overdue.body["items"]) EXPECT_LT(i["due_date"].get<std::string>(), Date(0));
  auto wfp_overdue = Get("/api/v1/compliance/items?overdue=true", "finance");
  for (const auto& i : wfp_overdue.body["items"]) EXPECT_EQ(i["organization_id"], "org_wfp");

  // Rates per organization and per area.
  auto rates = Get("/api/v1/compliance/rates?group_by=organization", "auditor");
  ASSERT_EQ(rates.status, 200) << rates.raw;
  bool wfp_seen = false;
  for (const auto& r : rates.body["items"])
    if (r["organization_id"] == "org_wfp") {
      wfp_seen = true;
      EXPECT_GE(r["compliant"].get<int>(), 1);
      EXPECT_GE(r["overdue"].get<int>(), 1);
      EXPECT_GT(r["rate"].get<double>(), 0.0);
      EXPECT_LT(r["rate"].get<double>(), 1.0);
    }
  EXPECT_TRUE(wfp_seen);
  auto by_area = Get("/api/v1/compliance/rates", "finance");
  ASSERT_EQ(by_area.status, 200);
  EXPECT_EQ(by_area.body["group_by"], "area");
  EXPECT_EQ(Get("/api/v1/compliance/rates?group_by=planet", "finance").status, 400);
}

// ------------------------------------------------------------------------- headcount and scope

TEST_F(DecisionsTest, HeadcountShowsWhoIsInTheAreaNowWithinScope) {
  // Demo: HQ security (IOM) is in Sanjar from today.
  auto dss = Get("/api/v1/areas/area_1/headcount", "dss");
  ASSERT_EQ(dss.status, 200) << dss.raw;
  EXPECT_GE(dss.body["total"].get<int>(), 1);
  EXPECT_TRUE(Has(dss.body["items"], "organization_id", "org_iom"));
  EXPECT_TRUE(Has(Get("/api/v1/areas/area_1/headcount", "smt").body["items"], "organization_id", "org_iom"))
      << "the SMT / DO accounts for everyone in the area";
  const auto reply4 = Get("/api/v1/areas/area_1/headcount", "finance");
  for (const auto& i : reply4.body["items"])
    EXPECT_EQ(i["organization_id"], "org_wfp") << "an organization counts its own people";
  EXPECT_EQ(Get("/api/v1/areas/area_1/headcount?date=" + Date(500), "dss").body["total"], 0);
  EXPECT_EQ(Get("/api/v1/areas/area_1/headcount?date=yesterday", "dss").status, 400);
  EXPECT_EQ(Get("/api/v1/areas/nowhere/headcount", "dss").status, 404);
}

TEST_F(DecisionsTest, AnOrganizationSeesOnlyItsOwnRequests) {
  auto r = Request("finance", {{"activity", "Audit visit"}, {"pc", 3}, {"legs", json::array({Leg("area_1", 3, 4)})}});
  ASSERT_EQ(r.status, 201);
  const std::string id = r.body["id"];
  EXPECT_EQ(Get("/api/v1/clearances/" + id, "smt").status, 403);
  EXPECT_EQ(Get("/api/v1/clearances/" + id, "exec").status, 403);
  for (const char* u : {"finance", "cell", "dss", "auditor", "admin", "sp"}) EXPECT_EQ(Get("/api/v1/clearances/" + id, u).status, 200) << u;
  auto smt_list = Get("/api/v1/clearances?limit=500", "smt");
  for (const auto& i : smt_list.body["items"]) EXPECT_EQ(i["organization_id"], "org_undp");
  EXPECT_EQ(Get("/api/v1/clearances?organization_id=org_wfp", "smt").status, 403);
  EXPECT_TRUE(Has(Get("/api/v1/clearances?organization_id=org_wfp&limit=500", "auditor").body["items"], "id", id));
  // Filing for another organization is refused; so is an auditor filing at all.
  EXPECT_EQ(Request("finance", {{"organization_id", "org_undp"}, {"activity", "x"}, {"pc", 3},
                                {"legs", json::array({Leg("area_1", 3, 4)})}}).status, 403);
  EXPECT_EQ(Request("auditor", {{"activity", "x"}, {"pc", 3}, {"legs", json::array({Leg("area_1", 3, 4)})}}).status, 403);
  // The inbox queues belong to their roles.
  EXPECT_EQ(Get("/api/v1/clearances/inbox", "finance").body["items"].size(), 0u);
  EXPECT_EQ(Get("/api/v1/clearances/inbox?queue=security", "finance").status, 403);
  EXPECT_EQ(Get("/api/v1/clearances/inbox?queue=executive", "cell").status, 403);
  EXPECT_EQ(Get("/api/v1/clearances/inbox?queue=everything", "cell").status, 400);
}

TEST_F(DecisionsTest, ListsArePaginatedOnTheServer) {
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(Request("finance", {{"activity", "Page " + std::to_string(i)}, {"pc", 3},
                                  {"legs", json::array({Leg("area_1", 40 + i, 41 + i)})}}).status, 201);
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0, total = -1;
  do {
    auto r = Get("/api/v1/clearances?limit=2" + (cursor.empty() ? std::string() : "&cursor=" + cursor), "finance");
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_LE(r.body["items"].size(), 2u);
    total = r.body["total"];
    for (const auto& i : r.body["items"]) seen.insert(i["id"]);
    cursor = r.body["next_cursor"].is_null() ? "" : r.body["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 100);
  EXPECT_EQ(static_cast<int>(seen.size()), total);
  EXPECT_GE(pages, 2);
  // In-memory lists page too.
  auto p1 = Get("/api/v1/compliance/items?overdue=true&limit=1", "cell");
  ASSERT_EQ(p1.status, 200);
  if (p1.body["total"].get<int>() > 1) {
    ASSERT_FALSE(p1.body["next_cursor"].is_null());
    auto p2 = Get("/api/v1/compliance/items?overdue=true&limit=1&cursor=" + p1.body["next_cursor"].get<std::string>(), "cell");
    ASSERT_EQ(p2.status, 200);
    EXPECT_NE(p1.body["items"][0]["id"], p2.body["items"][0]["id"]);
  }
  EXPECT_EQ(Get("/api/v1/compliance/items?overdue=true&cursor=zzz", "cell").status, 400);
  EXPECT_EQ(Get("/api/v1/clearances?limit=0", "finance").status, 400);
}

TEST_F(DecisionsTest, NotificationsAreReadByTheirOwnerOnly) {
  auto r = Request("finance", {{"activity", "Notify"}, {"pc", 2}, {"legs", json::array({Leg("area_7", 3, 4)})}});
  const std::string path = "/api/v1/clearances/" + r.body["id"].get<std::string>() + "/legs/" +
                           r.body["legs"][0]["id"].get<std::string>() + "/decision";
  ASSERT_EQ(Post(path, {{"action", "refuse"}, {"comment", "No SRA and no escort available"}}, "cell").status, 200);
  auto n = Get("/api/v1/notifications?unread=true&limit=500", "finance");
  std::string nid;
  for (const auto& i : n.body["items"])
    if (i["object_id"] == r.body["id"]) nid = i["id"];
  ASSERT_FALSE(nid.empty()) << n.raw;
  EXPECT_EQ(Post("/api/v1/notifications/" + nid + "/read", json::object(), "smt").status, 404);
  auto read = Post("/api/v1/notifications/" + nid + "/read", json::object(), "finance");
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["status"], "read");
  const auto reply5 = Get("/api/v1/notifications?unread=true&limit=500", "finance");
  for (const auto& i : reply5.body["items"]) EXPECT_NE(i["id"], nid);
}

// ------------------------------------------------------------------------------- bad input

TEST_F(DecisionsTest, BadInputIsRefusedWithAReasonAndChangesNothing) {
  const int before = AuditEntries();
  const auto clearances_before = Get("/api/v1/clearances?limit=1", "auditor").body["total"];
  const json legs = json::array({Leg("area_1", 3, 4)});
  struct Case { std::string path; json body; int status; std::string code; };
  const std::vector<Case> cases = {
      {"/api/v1/clearances", json::array(), 400, "invalid_type"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}}, 400, "required"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}, {"legs", json::array()}}, 422, "no_legs"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", "one"}, {"legs", legs}}, 400, "invalid_type"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 7}, {"legs", legs}}, 422, "invalid_pc"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", legs}}, 400, "required"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}, {"legs", legs}, {"sneaky", 1}}, 400, "unknown_field"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}, {"legs", json::array({{{"area_id", "area_1"}, {"from", "2026-02-30"}, {"to", Date(3)}}})}}, 400, "invalid_date"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}, {"legs", json::array({Leg("area_1", 5, 3)})}}, 422, "invalid_window"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}, {"legs", json::array({Leg("area_1", -3, 3)})}}, 422, "date_in_past"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}, {"legs", json::array({Leg("area_1", 3, 400)})}}, 422, "leg_too_long"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 3}, {"legs", json::array({Leg("'; DROP TABLE docs; --", 3, 4)})}}, 422, "unknown_area"},
      {"/api/v1/clearances", {{"programme_id", "prg_5"}, {"legs", legs}}, 422, "programme_not_of_organization"},
      {"/api/v1/clearances", {{"programme_id", "prg_1"}, {"pc", 4}, {"legs", legs}}, 422, "pc_mismatch"},
      {"/api/v1/clearances", {{"activity", std::string(300, 'a')}, {"pc", 3}, {"legs", legs}}, 400, "too_long"},
      {"/api/v1/clearances", {{"traveller", {{"name", ""}}}, {"activity", "x"}, {"pc", 3}, {"legs", legs}}, 400, "required"},
      {"/api/v1/clearances", {{"traveller", {{"name", "A"}, {"user_id", "ghost"}}}, {"activity", "x"}, {"pc", 3}, {"legs", legs}}, 422, "unknown_user"},
      {"/api/v1/egs-decisions", {{"area_id", "area_1"}, {"decision", "maybe"}, {"from", Date(1)}, {"to", Date(2)}, {"reason", "x"}}, 422, "invalid_decision"},
      {"/api/v1/egs-decisions", {{"area_id", "area_1"}, {"decision", "no_go"}, {"from", Date(5)}, {"to", Date(2)}, {"reason", "x"}}, 422, "invalid_window"},
      {"/api/v1/egs-decisions", {{"area_id", "area_1"}, {"decision", "no_go"}, {"from", Date(1)}, {"to", Date(2)}}, 400, "required"},
      {"/api/v1/egs-decisions", {{"area_id", "area_x"}, {"decision", "no_go"}, {"from", Date(1)}, {"to", Date(2)}, {"reason", "x"}}, 422, "unknown_area"},
      {"/api/v1/compliance/items", {{"location_id", "loc_1"}, {"requirement", "x"}, {"moss_category", "training"}, {"due_date", "soon"}}, 400, "invalid_date"},
      {"/api/v1/compliance/checklists", {{"location_id", 5}}, 400, "invalid_type"},
      {"/api/v1/specific-sras/sra_nope/transitions", {{"action", "launch"}}, 422, "unknown_action"},
      {"/api/v1/activities/prg_nope/pc-assessment", {{"comment", "x"}}, 404, "not_found"},
  };
  for (const auto& c : cases) {
    const std::string user = c.path.find("egs") != std::string::npos ? "dss"
                             : c.path.find("compliance") != std::string::npos ? "cell" : "finance";
    auto r = Post(c.path, c.body, user);
    EXPECT_EQ(r.status, c.status) << c.path << " " << c.body.dump() << " -> " << r.raw;
    EXPECT_EQ(r.Code(), c.code) << c.path << " " << c.body.dump() << " -> " << r.raw;
  }
  auto put = S().Call("PUT", "/api/v1/compliance/items/cmp_nope", json{{"status", "open"}}, T("cell"));
  EXPECT_EQ(put.status, 404);
  auto raw = S().Call("POST", "/api/v1/clearances", "{not json", TestServer::Auth(T("finance")));
  EXPECT_EQ(raw.status, 400);
  EXPECT_EQ(S().Call("POST", "/api/v1/clearances", json{{"activity", "x"}}, "").status, 401);
  // Nothing changed.
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_EQ(Get("/api/v1/clearances?limit=1", "auditor").body["total"], clearances_before);
  EXPECT_EQ(Get("/api/v1/audit/verify", "auditor").body["ok"], true);
}

}  // namespace
}  // namespace srm::testing
