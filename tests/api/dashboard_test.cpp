// Issue 18, role dashboards, over real HTTP on the Carana demo data (SQLite, or PostgreSQL with
// SRM_TEST_PG_URL): GET /api/v1/dashboard says what each reader must do first, the approvals
// inbox holds no drafts, nobody is offered a step separation of duties refuses them, and
// GET /api/v1/audit/sras lists the audit entries across SRAs for auditors and administrators only.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "complete_sra.h"
#include "test_server.h"

namespace srm::testing {
namespace {



bool Has(const json& items, const std::string& id) {
  for (const auto& i : items)
    if (i.value("id", "") == id) return true;
  return false;
}

const json* Find(const json& items, const std::string& id) {
  for (const auto& i : items)
    if (i.value("id", "") == id) return &i;
  return nullptr;
}

class DashboardTest : public SharedServerTest<DashboardTest> {
 protected:
  static HttpResult Act(const std::string& id, const std::string& action, const std::string& tok,
                        const std::string& comment = "ok") {
    return Post("/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", comment}}, tok);
  }
  // A complete area SRA drafted by the security professional, ready to submit.
  static std::string Draft(const std::string& area, const std::string& title) {
    json body = WithCompleteHeader({{"area_id", area}, {"title", title},
                                    {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(300)}, {"trigger", "change_in_area"}}}});
    auto c = Post("/api/v1/sras", body, T("sp"));
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body.value("id", "");
    auto s = Post("/api/v1/sras/" + id + "/scenarios",
                  WithMeasures({{"title", "Carjacking at the port gate"}, {"threat_category", "crime"},
                                {"vulnerability", {{"exposed", "drivers"}, {"weaknesses", "fixed timings"}}},
                                {"likelihood", "Likely"}, {"impact", "Moderate"},
                                {"residual_likelihood", "Unlikely"}, {"residual_impact", "Moderate"}}),
                  T("sp"));
    EXPECT_EQ(s.status, 201) << s.raw;
    return id;
  }
  static json Board(const std::string& tok) {
    auto r = Get("/api/v1/dashboard", tok);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  }
  static std::set<std::string> Ids(const json& items) {
    std::set<std::string> out;
    for (const auto& i : items) out.insert(i.value("id", i.value("sra_id", "")));
    return out;
  }
};

TEST_F(DashboardTest, ApprovalsNeverCountTheAssessorsOwnDrafts) {
  const std::string draft = Draft("area_2", "Leppko draft of the assessor");
  // Before issue 18 the approvals inbox (the "Approvals" badge) listed this draft for its author.
  auto inbox = Get("/api/v1/inbox?limit=500", T("sp"));
  ASSERT_EQ(inbox.status, 200);
  EXPECT_FALSE(Has(inbox.body["items"], draft)) << inbox.raw;
  for (const auto& i : inbox.body["items"]) EXPECT_NE(i["status"], "draft") << i.dump();
  // The draft is the assessor's work: on their dashboard as their own draft, not as waiting.
  const json b = Board(T("sp"));
  EXPECT_FALSE(Has(b["waiting"], draft));
  const json* mine = Find(b["drafts"], draft);
  ASSERT_NE(mine, nullptr) << b.dump();
  EXPECT_TRUE((*mine)["mine"].get<bool>());
  EXPECT_NE(std::find(b["roles"].begin(), b["roles"].end(), "security_professional"), b["roles"].end());
  EXPECT_TRUE(b["audit"].is_null()) << "the chain status is the auditor's";
  // Somebody else's dashboard does not list it as theirs.
  EXPECT_FALSE(Has(Board(T("cell"))["drafts"], draft));
}

TEST_F(DashboardTest, WhatWaitsForADeciderComesOldestFirstWithItsAgeAndSeparationOfDutiesLeavesOut) {
  const std::string older = Draft("area_2", "Leppko waits first");
  const std::string newer = Draft("area_2", "Leppko waits second");
  ASSERT_EQ(Act(older, "submit", T("sp")).status, 200);
  ASSERT_EQ(Act(newer, "submit", T("sp")).status, 200);
  const json cell = Board(T("cell"));
  const json* first = Find(cell["waiting"], older);
  ASSERT_NE(first, nullptr) << cell.dump();
  ASSERT_NE(Find(cell["waiting"], newer), nullptr);
  EXPECT_EQ((*first)["next_action"], "review");
  EXPECT_EQ((*first)["by"], "sp");
  EXPECT_EQ((*first)["days"], 0);
  EXPECT_FALSE((*first)["since"].get<std::string>().empty());
  std::vector<std::string> order;
  for (const auto& i : cell["waiting"]) order.push_back(i["id"]);
  EXPECT_LT(std::find(order.begin(), order.end(), older), std::find(order.begin(), order.end(), newer));
  for (size_t i = 1; i < cell["waiting"].size(); ++i)
    EXPECT_LE(cell["waiting"][i - 1]["since"].get<std::string>(), cell["waiting"][i]["since"].get<std::string>());
  EXPECT_GE(cell["waiting_total"].get<int64_t>(), 2);
  // Neither waits for the SMT or the DSS desk yet.
  EXPECT_FALSE(Has(Board(T("smt"))["waiting"], older));
  EXPECT_FALSE(Has(Board(T("dss"))["waiting"], older));

  // One person holding both the cell and the SMT role reviews: the endorsement then waits for
  // another SMT member, never for them (separation of duties, SRM-METHOD.md §7a).
  const std::string both = NewUser("dash_cell_smt", "org_undp",
                                   json::array({{{"role", "security_cell"}, {"country_id", "cty_carana"}},
                                                {{"role", "smt"}, {"country_id", "cty_carana"}}}));
  ASSERT_TRUE(Has(Board(both)["waiting"], older));
  ASSERT_EQ(Act(older, "review", both).status, 200);
  EXPECT_FALSE(Has(Board(both)["waiting"], older));
  const json smt = Board(T("smt"));
  const json* endorse = Find(smt["waiting"], older);
  ASSERT_NE(endorse, nullptr) << smt.dump();
  EXPECT_EQ((*endorse)["next_action"], "endorse");
  EXPECT_EQ((*endorse)["by"], "dash_cell_smt");
  // The refusal it spares them is real.
  EXPECT_EQ(Act(older, "endorse", both).status, 403);
}

TEST_F(DashboardTest, AReturnedSraComesBackToTheAssessorWithWhy) {
  const std::string id = Draft("area_2", "Leppko returned");
  ASSERT_EQ(Act(id, "submit", T("sp")).status, 200);
  ASSERT_EQ(Act(id, "review", T("cell")).status, 200);
  ASSERT_EQ(Act(id, "return", T("smt"), "Add the port road scenario").status, 200);
  const json b = Board(T("sp"));
  const json* r = Find(b["returned"], id);
  ASSERT_NE(r, nullptr) << b.dump();
  EXPECT_EQ((*r)["comment"], "Add the port road scenario");
  EXPECT_EQ((*r)["by"], "smt");
  EXPECT_EQ((*r)["next_action"], "submit");
  EXPECT_FALSE(Has(Board(T("smt"))["waiting"], id));
}

TEST_F(DashboardTest, AnAuditorSeesTheChainStatusAndRecentAccess) {
  const std::string id = Draft("area_2", "Leppko read by the auditor");
  ASSERT_EQ(Get("/api/v1/sras/" + id, T("auditor")).status, 200);
  if (S().app().access_log) ASSERT_TRUE(S().app().access_log->Flush().has_value());
  const json b = Board(T("auditor"));
  ASSERT_TRUE(b["audit"].is_object()) << b.dump();
  EXPECT_TRUE(b["audit"]["ok"].get<bool>()) << b.dump();
  EXPECT_GT(b["audit"]["entries"].get<int64_t>(), 0);
  EXPECT_TRUE(b["audit"]["first_bad"].is_null());
  ASSERT_TRUE(b["audit"]["last_anchor"].is_object()) << b.dump();
  EXPECT_GT(b["audit"]["last_anchor"]["seq"].get<int64_t>(), 0);
  bool read = false;
  for (const auto& a : b["audit"]["recent_access"]) read = read || (a["sra_id"] == id && a["user_name"] == "auditor");
  EXPECT_TRUE(read) << b["audit"].dump();
  // An auditor decides nothing: no waiting steps, no drafts.
  EXPECT_TRUE(b["waiting"].empty());
  EXPECT_TRUE(b["drafts"].empty());
}

TEST_F(DashboardTest, TheAuditPageListsEntriesAcrossSrasForAuditorsOnly) {
  const std::string a = Draft("area_2", "Leppko audited A");
  const std::string b = Draft("area_5", "Audited B");
  ASSERT_EQ(Act(a, "submit", T("sp")).status, 200);
  auto all = Get("/api/v1/audit/sras?limit=500", T("auditor"));
  ASSERT_EQ(all.status, 200) << all.raw;
  std::set<std::string> sras;
  int64_t last = std::numeric_limits<int64_t>::max();
  for (const auto& e : all.body["items"]) {
    sras.insert(e["sra_id"]);
    EXPECT_LT(e["seq"].get<int64_t>(), last) << "newest first";
    last = e["seq"];
    EXPECT_TRUE(e["action"].get<std::string>().starts_with("sra.")) << e.dump();
  }
  EXPECT_TRUE(sras.contains(a) && sras.contains(b));
  EXPECT_GE(all.body["total"].get<int64_t>(), 3);
  // The titles come with the entries (names, not ids, on the page).
  for (const auto& e : all.body["items"])
    if (e["sra_id"] == a) EXPECT_EQ(e["sra_title"], "Leppko audited A");

  // Filters: one SRA, one actor, an action prefix, a date window.
  auto one = Get("/api/v1/audit/sras?sra_id=" + a, T("auditor"));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body["total"], 3);  // created, scenario added, submitted
  EXPECT_EQ(Ids(one.body["items"]), std::set<std::string>{a});
  auto steps = Get("/api/v1/audit/sras?sra_id=" + a + "&action=sra.transition.", T("auditor"));
  ASSERT_EQ(steps.body["items"].size(), 1u) << steps.raw;
  EXPECT_EQ(steps.body["items"][0]["action"], "sra.transition.submit");
  auto by_cell = Get("/api/v1/audit/sras?actor=cell&sra_id=" + a, T("auditor"));
  EXPECT_EQ(by_cell.body["total"], 0);
  EXPECT_EQ(Get("/api/v1/audit/sras?sra_id=" + a + "&to=2000-01-01", T("auditor")).body["total"], 0);
  EXPECT_EQ(Get("/api/v1/audit/sras?sra_id=" + a + "&from=" + DateFromToday(0), T("auditor")).body["total"], 3);

  // Pages by cursor: no entry twice, none lost.
  std::set<int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto p = Get("/api/v1/audit/sras?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), T("auditor"));
    ASSERT_EQ(p.status, 200) << p.raw;
    for (const auto& e : p.body["items"]) EXPECT_TRUE(seen.insert(e["seq"].get<int64_t>()).second);
    cursor = p.body["next_cursor"].is_null() ? "" : p.body["next_cursor"].get<std::string>();
  } while (!cursor.empty() && ++pages < 1000);
  EXPECT_EQ(static_cast<int64_t>(seen.size()), all.body["total"].get<int64_t>());

  // Administrators too; every other role is refused, whatever its scope.
  EXPECT_EQ(Get("/api/v1/audit/sras", T("admin")).status, 200);
  for (const char* who : {"sp", "cell", "smt", "dss", "hq", "finance", "do"}) {
    auto r = Get("/api/v1/audit/sras", T(who));
    EXPECT_EQ(r.status, 403) << who << ": " << r.raw;
    EXPECT_EQ(r.raw.find("Leppko audited A"), std::string::npos) << who;
  }
  // The filtered list as a file, for auditors only.
  auto csv = Get("/api/v1/audit/sras?format=csv&sra_id=" + a, T("auditor"));
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_NE(csv.raw.find("seq,at,actor,role,action,sra_id,sra_title"), std::string::npos) << csv.raw;
  EXPECT_NE(csv.raw.find("sra.transition.submit"), std::string::npos);
  EXPECT_NE(csv.raw.find("Leppko audited A"), std::string::npos);
  EXPECT_EQ(csv.raw.find("Audited B"), std::string::npos) << "the filter holds in the file";
  EXPECT_EQ(Get("/api/v1/audit/sras?format=csv", T("sp")).status, 403);

  // Malformed filters name their field.
  auto bad = Get("/api/v1/audit/sras?from=yesterday", T("auditor"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Field(), "from");
  EXPECT_EQ(Get("/api/v1/audit/sras?cursor=x1", T("auditor")).status, 400);
  EXPECT_EQ(Get("/api/v1/audit/sras", "").status, 401);
}

TEST_F(DashboardTest, ATravellerSeesTheirOwnRequests) {
  // Femi of WFP files his own mission for WFP's food assistance; the auditor's dashboard does not list it.
  const json legs = json::array({{{"area_id", "area_1"}, {"from", DateFromToday(20)}, {"to", DateFromToday(22)}}});
  auto own = Post("/api/v1/clearances", json{{"activity", "Dashboard field visit"}, {"programme_id", "prg_1"}, {"legs", legs}}, T("finance"));
  ASSERT_EQ(own.status, 201) << own.raw;
  const std::string id = own.body["request"].is_object() ? own.body["request"]["id"].get<std::string>()
                                                          : own.body.value("id", "");
  ASSERT_FALSE(id.empty()) << own.raw;
  const json mine = Board(T("finance"));
  const json* r = Find(mine["my_requests"], id);
  ASSERT_NE(r, nullptr) << mine.dump();
  EXPECT_EQ((*r)["activity"], "Dashboard field visit");
  EXPECT_FALSE((*r)["status"].get<std::string>().empty());
  EXPECT_FALSE(Has(Board(T("auditor"))["my_requests"], id));
}

}  // namespace
}  // namespace srm::testing
