// What rests on the SRA besides clearances and activities, over HTTP with the Carana demo data:
// MOSS/RSM and compliance, headcount, scope of requests, paging, notifications and bad input.
// The demo facts used are listed at the top of decisions_test.cpp.
#include "decisions_fixture.h"

namespace srm::testing {
namespace {

// Its own suite (and server): gtest needs one fixture class per suite name.
class DecisionsMoreTest : public DecisionsTest {};

// --------------------------------------------------------------------------- MOSS and compliance

TEST_F(DecisionsMoreTest, MossAndRsmFromThePublishedSra) {
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

TEST_F(DecisionsMoreTest, ComplianceChecklistsEvidenceRatesAndOverdueItems) {
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

TEST_F(DecisionsMoreTest, HeadcountShowsWhoIsInTheAreaNowWithinScope) {
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

TEST_F(DecisionsMoreTest, AnOrganizationSeesOnlyItsOwnRequests) {
  auto r = Request("finance", {{"activity", "Audit visit"}, {"programme_id", WfpProgramme(3)}, {"legs", json::array({Leg("area_1", 3, 4)})}});
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

TEST_F(DecisionsMoreTest, ListsArePaginatedOnTheServer) {
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(Request("finance", {{"activity", "Page " + std::to_string(i)}, {"programme_id", WfpProgramme(3)},
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

TEST_F(DecisionsMoreTest, NotificationsAreReadByTheirOwnerOnly) {
  auto r = Request("finance", {{"activity", "Notify"}, {"programme_id", WfpProgramme(2)}, {"legs", json::array({Leg("area_7", 3, 4)})}});
  const std::string path = "/api/v1/clearances/" + r.body["id"].get<std::string>() + "/legs/" +
                           r.body["legs"][0]["id"].get<std::string>() + "/decision";
  ASSERT_EQ(Post(path, {{"action", "refuse"}, {"comment", "No SRA and no escort available"}}, "sp").status, 200);
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

TEST_F(DecisionsMoreTest, BadInputIsRefusedWithAReasonAndChangesNothing) {
  const int before = AuditEntries();
  const auto clearances_before = Get("/api/v1/clearances?limit=1", "auditor").body["total"];
  const json legs = json::array({Leg("area_1", 3, 4)});
  struct Case { std::string path; json body; int status; std::string code; };
  const std::vector<Case> cases = {
      {"/api/v1/clearances", json::array(), 400, "invalid_type"},
      {"/api/v1/clearances", {{"activity", "x"}}, 400, "required"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", json::array()}}, 422, "no_legs"},
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", "one"}, {"legs", legs}}, 400, "invalid_type"},
      // Issue 14: a declared PC is refused whatever its value (was invalid_pc / pc required).
      {"/api/v1/clearances", {{"activity", "x"}, {"pc", 7}, {"legs", legs}}, 422, "pc_not_declarable"},
      {"/api/v1/clearances", {{"activity", "Shopping"}, {"pc", 1}, {"legs", legs}}, 422, "pc_not_declarable"},
      {"/api/v1/clearances", {{"legs", legs}}, 400, "required"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", legs}, {"sneaky", 1}}, 400, "unknown_field"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", json::array({{{"area_id", "area_1"}, {"from", "2026-02-30"}, {"to", Date(3)}}})}}, 400, "invalid_date"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", json::array({Leg("area_1", 5, 3)})}}, 422, "invalid_window"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", json::array({Leg("area_1", -3, 3)})}}, 422, "date_in_past"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", json::array({Leg("area_1", 3, 400)})}}, 422, "leg_too_long"},
      {"/api/v1/clearances", {{"activity", "x"}, {"legs", json::array({Leg("'; DROP TABLE docs; --", 3, 4)})}}, 422, "unknown_area"},
      {"/api/v1/clearances", {{"programme_id", "prg_5"}, {"legs", legs}}, 422, "programme_not_of_organization"},
      {"/api/v1/clearances", {{"programme_id", "prg_1"}, {"pc", 4}, {"legs", legs}}, 422, "pc_not_declarable"},
      {"/api/v1/clearances", {{"activity", std::string(300, 'a')}, {"legs", legs}}, 400, "too_long"},
      {"/api/v1/clearances", {{"traveller", {{"name", ""}}}, {"activity", "x"}, {"legs", legs}}, 400, "required"},
      {"/api/v1/clearances", {{"traveller", {{"name", "A"}, {"user_id", "ghost"}}}, {"activity", "x"}, {"legs", legs}}, 422, "unknown_user"},
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
