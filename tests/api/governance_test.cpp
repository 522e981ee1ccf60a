// Issue 16, security governance and the action plan, over real HTTP on the Carana demo data, on
// SQLite and (SRM_TEST_PG_URL) PostgreSQL:
//   - the governance secretariat records bodies, meetings and decisions; nobody else does;
//   - terms of reference are versioned: a published version is never edited, a new one supersedes it;
//   - the group's 12-month effectiveness review is an obligation that surfaces when due;
//   - the action plan carries the seed's items with typed evidence links checked to exist;
//   - every write is audited.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "export_rows.h"
#include "test_server.h"

namespace srm::testing {
namespace {

class GovernanceApiTest : public SharedServerTest<GovernanceApiTest> {
 protected:
  static void SetUpTestSuite() {
    SharedServerTest<GovernanceApiTest>::SetUpTestSuite();
    tokens_["gov"] = S().Login("gov");
    tokens_["gov2"] = S().Login("gov2");
  }
  static json Body(const std::string& kind, const std::string& name, const std::string& established) {
    return {{"kind", kind}, {"name", name}, {"reports_to", "HLCM"}, {"established_on", established},
            {"members", json::array({{{"name", "Chair"}, {"organization_id", "org_dss"}, {"member_role", "chair"}}})}};
  }
  static std::string Today() {
    return calendar::FormatIsoDate(calendar::DayOfMillis(SystemClock().NowMillis()));
  }
};

TEST_F(GovernanceApiTest, TheDemoHasTheGroupWithItsPublishedTorAMeetingAndTheActionPlan) {
  auto bodies = Get("/api/v1/governance/bodies?kind=security_governance_group", T("sp"));
  ASSERT_EQ(bodies.status, 200) << bodies.raw;
  ASSERT_GE(bodies.body["items"].size(), 1u);
  const json& g = bodies.body["items"][0];
  EXPECT_EQ(g["reports_to"], "HLCM");
  ASSERT_EQ(g["tor"].size(), 1u);
  EXPECT_EQ(g["tor"][0]["status"], "published");
  ASSERT_EQ(g["obligations"].size(), 1u);
  EXPECT_EQ(g["obligations"][0]["kind"], "effectiveness_review");
  auto meetings = Get("/api/v1/governance/meetings?body_id=" + g["id"].get<std::string>(), T("finance"));
  ASSERT_EQ(meetings.status, 200) << meetings.raw;
  EXPECT_EQ(meetings.body["total"], 1);
  // Established a year before 20 days from now: the review is due within the month; an overdue task shows too.
  auto due = Get("/api/v1/governance/due", T("smt"));
  ASSERT_EQ(due.status, 200) << due.raw;
  bool review = false, overdue_task = false;
  for (const auto& i : due.body["items"]) {
    if (i["kind"] == "obligation" && i["state"] == "due") review = true;
    if (i["kind"] == "decision" && i["state"] == "overdue") overdue_task = true;
  }
  EXPECT_TRUE(review) << due.raw;
  EXPECT_TRUE(overdue_task) << due.raw;
  auto plan = Get("/api/v1/action-plan/items?limit=100", T("auditor"));
  ASSERT_EQ(plan.status, 200) << plan.raw;
  std::set<std::string> codes;
  for (const auto& i : plan.body["items"]) codes.insert(i["code"]);
  for (const char* c : {"49b", "cat1-fund", "cat1-price-list", "cat1-integrated-workforce", "cat1-nso", "49g"})
    EXPECT_TRUE(codes.count(c)) << c;
}

TEST_F(GovernanceApiTest, OnlyTheSecretariatRecordsAndEveryStepIsAudited) {
  for (const char* who : {"sp", "dss", "finance", "auditor", "smt"}) {
    auto r = Post("/api/v1/governance/bodies", Body("iasmn", "Network", "2020-01-01"), T(who));
    EXPECT_EQ(r.status, 403) << who << " " << r.raw;
  }
  auto created = Post("/api/v1/governance/bodies", Body("finance_budget_network", "FBN test", "2020-01-01"), T("gov"));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["id"];
  EXPECT_TRUE(created.body["obligations"].empty());  // only the group owes the 12-month review
  auto meeting = Post("/api/v1/governance/meetings", {{"body_id", id}, {"held_on", Today()}, {"title", "First"}}, T("sp"));
  EXPECT_EQ(meeting.status, 403) << meeting.raw;
  auto audit = Get("/api/v1/audit?object_id=" + id, T("auditor"));
  ASSERT_EQ(audit.status, 200) << audit.raw;
  ASSERT_EQ(audit.body["items"].size(), 1u);
  EXPECT_EQ(audit.body["items"][0]["action"], "governance_body.create");
}

TEST_F(GovernanceApiTest, UnknownIdsAndBadKindsAreRefused) {
  auto kind = Post("/api/v1/governance/bodies", Body("committee", "X", "2020-01-01"), T("gov"));
  EXPECT_EQ(kind.status, 422) << kind.raw;
  EXPECT_EQ(kind.Code(), "unknown_body_kind");
  json b = Body("iasmn", "X", "2020-01-01");
  b["members"][0]["organization_id"] = "org_nowhere";
  auto org = Post("/api/v1/governance/bodies", b, T("gov"));
  EXPECT_EQ(org.status, 422) << org.raw;
  EXPECT_EQ(org.Code(), "unknown_organization");
  json smt = Body("smt", "SMT", "2020-01-01");
  auto no_country = Post("/api/v1/governance/bodies", smt, T("gov"));
  EXPECT_EQ(no_country.Code(), "country_required") << no_country.raw;
  smt["country_id"] = "cty_elsewhere";
  auto bad_country = Post("/api/v1/governance/bodies", smt, T("gov"));
  EXPECT_EQ(bad_country.Code(), "unknown_country") << bad_country.raw;
  auto meeting = Post("/api/v1/governance/meetings", {{"body_id", "gbd_missing"}, {"held_on", Today()}, {"title", "X"}},
                      T("gov"));
  EXPECT_EQ(meeting.Code(), "unknown_body") << meeting.raw;
  auto decision = Post("/api/v1/governance/decisions", {{"meeting_id", "gmt_missing"}, {"text", "X"}}, T("gov"));
  EXPECT_EQ(decision.Code(), "unknown_meeting") << decision.raw;
  EXPECT_EQ(Get("/api/v1/governance/bodies/gbd_missing", T("gov")).status, 404);
}

TEST_F(GovernanceApiTest, TermsOfReferenceAreNewVersionsNeverEdits) {
  auto group = Post("/api/v1/governance/bodies", Body("security_governance_group", "Group B", DateFromToday(-400)), T("gov"));
  ASSERT_EQ(group.status, 201) << group.raw;
  const std::string id = group.body["id"];
  ASSERT_EQ(group.body["obligations"].size(), 1u);
  const std::string obligation = group.body["obligations"][0]["id"];
  auto v1 = Post("/api/v1/governance/bodies/" + id + "/tor", {{"text", "Version one"}}, T("gov"));
  ASSERT_EQ(v1.status, 201) << v1.raw;
  auto second_draft = Post("/api/v1/governance/bodies/" + id + "/tor", {{"text", "Another"}}, T("gov"));
  EXPECT_EQ(second_draft.status, 409);
  EXPECT_EQ(second_draft.Code(), "tor_draft_pending");
  EXPECT_EQ(Post("/api/v1/governance/bodies/" + id + "/tor/1/publish", json::object(), T("sp")).status, 403);
  auto pub = Post("/api/v1/governance/bodies/" + id + "/tor/1/publish", json::object(), T("gov2"));
  ASSERT_EQ(pub.status, 200) << pub.raw;
  auto again = Post("/api/v1/governance/bodies/" + id + "/tor/1/publish", json::object(), T("gov2"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Code(), "tor_not_draft");
  EXPECT_EQ(Post("/api/v1/governance/bodies/" + id + "/tor/9/publish", json::object(), T("gov")).status, 404);
  ASSERT_EQ(Post("/api/v1/governance/bodies/" + id + "/tor", {{"text", "Version two"}}, T("gov")).status, 201);
  auto pub2 = Post("/api/v1/governance/bodies/" + id + "/tor/2/publish", json::object(), T("gov"));
  ASSERT_EQ(pub2.status, 200) << pub2.raw;
  EXPECT_EQ(pub2.body["tor"][0]["status"], "superseded");
  EXPECT_EQ(pub2.body["tor"][0]["text"], "Version one");
  EXPECT_EQ(pub2.body["tor"][1]["status"], "published");
  // Established 400 days ago: the review is overdue until it is recorded as done.
  auto due = Get("/api/v1/governance/due", T("gov"));
  bool listed = false;
  for (const auto& i : due.body["items"])
    if (i["id"] == obligation) listed = i["state"] == "overdue";
  EXPECT_TRUE(listed) << due.raw;
  auto done = Post("/api/v1/governance/bodies/" + id + "/obligations/" + obligation + "/complete", json::object(), T("gov"));
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(Post("/api/v1/governance/bodies/" + id + "/obligations/" + obligation + "/complete", json::object(), T("gov"))
                .Code(), "already_done");
  due = Get("/api/v1/governance/due", T("gov"));
  for (const auto& i : due.body["items"]) EXPECT_NE(i["id"], obligation);
}

TEST_F(GovernanceApiTest, DecisionsNameWhoIsTaskedByWhenAndTheTaskedPersonClosesThem) {
  auto body = Post("/api/v1/governance/bodies", Body("egs", "EGS test", "2020-01-01"), T("gov"));
  ASSERT_EQ(body.status, 201);
  auto meeting = Post("/api/v1/governance/meetings",
                      {{"body_id", body.body["id"]}, {"held_on", Today()}, {"title", "Session"}}, T("gov"));
  ASSERT_EQ(meeting.status, 201) << meeting.raw;
  auto me = Get("/api/v1/auth/me", T("dss"));
  ASSERT_EQ(me.status, 200) << me.raw;
  const std::string dss_id = me.body.contains("user") ? me.body["user"]["id"] : me.body["id"];
  auto unknown = Post("/api/v1/governance/decisions",
                      {{"meeting_id", meeting.body["id"]}, {"text", "X"}, {"tasked_user_id", "usr_nobody"}}, T("gov"));
  EXPECT_EQ(unknown.Code(), "unknown_user") << unknown.raw;
  auto d = Post("/api/v1/governance/decisions",
                {{"meeting_id", meeting.body["id"]}, {"text", "Propose surge rosters"}, {"tasked_to", "DSS desk"},
                 {"tasked_user_id", dss_id}, {"due_on", DateFromToday(10)}},
                T("gov"));
  ASSERT_EQ(d.status, 201) << d.raw;
  EXPECT_EQ(d.body["status"], "open");
  const std::string id = d.body["id"];
  EXPECT_EQ(Post("/api/v1/governance/decisions/" + id + "/complete", json::object(), T("sp")).status, 403);
  auto closed = Post("/api/v1/governance/decisions/" + id + "/complete", json::object(), T("dss"));
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body["status"], "done");
  EXPECT_EQ(Post("/api/v1/governance/decisions/" + id + "/complete", json::object(), T("gov")).Code(), "already_done");
  auto list = Get("/api/v1/governance/decisions?meeting_id=" + meeting.body["id"].get<std::string>(), T("finance"));
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["total"], 1);
  auto csv = S().Call("GET", "/api/v1/governance/decisions?format=csv&meeting_id=" + meeting.body["id"].get<std::string>(),
                      json(), T("finance"));
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.raw.find("Propose surge rosters"), std::string::npos) << csv.raw;
}

TEST_F(GovernanceApiTest, ActionPlanItemsMilestonesStatusAndTypedEvidence) {
  const json item{{"code", "t-" + DateFromToday(0)}, {"title", "Test item"}, {"category", "no_regret"}, {"lead", "DSS"},
                  {"due_on", DateFromToday(100)}, {"milestones", json::array({{{"title", "Step"}, {"due_on", DateFromToday(10)}}})}};
  EXPECT_EQ(Post("/api/v1/action-plan/items", item, T("sp")).status, 403);
  json bad = item;
  bad["category"] = "category_7";
  EXPECT_EQ(Post("/api/v1/action-plan/items", bad, T("gov")).Code(), "unknown_category");
  auto created = Post("/api/v1/action-plan/items", item, T("gov"));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(Post("/api/v1/action-plan/items", item, T("gov")).Code(), "code_exists");
  const std::string id = created.body["id"];
  EXPECT_EQ(created.body["progress"]["percent"], 0);
  // Done while a milestone is open: refused.
  EXPECT_EQ(Post("/api/v1/action-plan/items/" + id + "/status", {{"status", "done"}}, T("gov")).Code(), "milestones_open");
  EXPECT_EQ(Post("/api/v1/action-plan/items/" + id + "/status", {{"status", "in_progress"}}, T("finance")).status, 403);
  // Evidence: a missing target, a draft price list, the demo's published list and an SLA.
  EXPECT_EQ(Post("/api/v1/action-plan/items/" + id + "/evidence", {{"kind", "price_list"}, {"target_id", "pl_missing"}},
                 T("gov")).Code(), "evidence_target_missing");
  EXPECT_EQ(Post("/api/v1/action-plan/items/" + id + "/evidence", {{"kind", "web_page"}, {"target_id", "x"}}, T("gov"))
                .Code(), "evidence_kind_unknown");
  auto lists = Get("/api/v1/price-lists", T("gov"));
  ASSERT_EQ(lists.status, 200) << lists.raw;
  std::string published, draft;
  for (const auto& l : lists.body["items"]) {
    if (l["status"] == "published" && published.empty()) published = l["id"];
    if (l["status"] == "draft" && draft.empty()) draft = l["id"];
  }
  ASSERT_FALSE(published.empty()) << lists.raw;
  if (!draft.empty()) {
    EXPECT_EQ(Post("/api/v1/action-plan/items/" + id + "/evidence", {{"kind", "price_list"}, {"target_id", draft}},
                   T("gov")).Code(), "price_list_not_published");
  }
  auto linked = Post("/api/v1/action-plan/items/" + id + "/evidence", {{"kind", "price_list"}, {"target_id", published}},
                     T("gov"));
  ASSERT_EQ(linked.status, 201) << linked.raw;
  EXPECT_EQ(linked.body["evidence"][0]["kind"], "price_list");
  EXPECT_EQ(Post("/api/v1/action-plan/items/" + id + "/evidence", {{"kind", "price_list"}, {"target_id", published}},
                 T("gov")).Code(), "evidence_already_linked");
  const std::string milestone = created.body["milestones"][0]["id"];
  auto m = Post("/api/v1/action-plan/items/" + id + "/milestones/" + milestone + "/complete", json::object(), T("gov"));
  ASSERT_EQ(m.status, 200) << m.raw;
  EXPECT_EQ(m.body["progress"]["percent"], 100);
  auto done = Post("/api/v1/action-plan/items/" + id + "/status", {{"status", "done"}}, T("gov"));
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(Post("/api/v1/action-plan/items/" + id + "/status", {{"status", "in_progress"}}, T("gov")).Code(), "item_done");
  auto progress = Get("/api/v1/action-plan/progress", T("smt"));
  ASSERT_EQ(progress.status, 200) << progress.raw;
  ASSERT_EQ(progress.body["categories"].size(), 3u);
  EXPECT_EQ(progress.body["categories"][0]["category"], "no_regret");
  EXPECT_GE(progress.body["categories"][0]["done"], 1);
  auto xlsx = S().Call("GET", "/api/v1/action-plan/items?format=xlsx", json(), T("smt"));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
}


// Issue 18: the decisions file names each decision's body and meeting (title and date) as the
// governance page shows them, in place of their ids; the decision keeps its own id. Governance is
// read by everybody with a role (no organization or area scope): a user without one gets no file.
TEST_F(GovernanceApiTest, TheDecisionsFileNamesTheBodyAndTheMeetingNotTheirIds) {
  std::map<std::string, std::pair<std::string, std::string>> expected;  // decision id -> (body, meeting)
  for (const auto& [body_name, meeting_title, held] :
       {std::tuple{"Names18 network", "Names18 spring session", DateFromToday(-40)},
        std::tuple{"Names18 panel", "Names18 autumn session", DateFromToday(-3)}}) {
    auto body = Post("/api/v1/governance/bodies", Body("iasmn", body_name, "2021-05-01"), T("gov"));
    ASSERT_EQ(body.status, 201) << body.raw;
    auto meeting = Post("/api/v1/governance/meetings",
                        {{"body_id", body.body["id"]}, {"held_on", held}, {"title", meeting_title}}, T("gov"));
    ASSERT_EQ(meeting.status, 201) << meeting.raw;
    auto d = Post("/api/v1/governance/decisions",
                  {{"meeting_id", meeting.body["id"]}, {"text", std::string("Names18 decision of ") + body_name}}, T("gov"));
    ASSERT_EQ(d.status, 201) << d.raw;
    expected[d.body["id"].get<std::string>()] = {body_name, std::string(meeting_title) + "|" + held};
  }
  for (const std::string format : {"csv", "xlsx"}) {
    const json rows = ExportRows(S(), Get("/api/v1/governance/decisions?limit=500&q=Names18&format=" + format, T("finance")), format);
    ASSERT_EQ(rows.size(), expected.size() + 1) << rows.dump();
    for (const auto& h : rows[0]) EXPECT_TRUE(h != "body_id" && h != "meeting_id") << format << " " << h;
    const size_t body = ExportColumn(rows, "body_name"), title = ExportColumn(rows, "meeting_title"),
                 held = ExportColumn(rows, "meeting_held_on");
    for (const auto& [id, names] : expected) {
      const json row = ExportRow(rows, id);
      ASSERT_FALSE(row.is_null()) << format << " " << id;
      EXPECT_EQ(ExportCell(row, body), names.first) << format;
      EXPECT_EQ(ExportCell(row, title) + "|" + ExportCell(row, held), names.second) << format;
    }
  }
  // The headings in the reader's language.
  const json fr = ExportRows(S(), Get("/api/v1/governance/decisions?q=Names18&format=csv&lang=fr", T("finance")), "csv");
  ASSERT_FALSE(fr.empty());
  EXPECT_EQ(ExportCell(fr[0], 1), "Organe");
  EXPECT_EQ(ExportCell(fr[0], 2), "Réunion");
  // A user without a role reads no governance record: no file, nothing named.
  const std::string nobody = NewUser("names18_norole", "org_wfp", json::array());
  auto refused = Get("/api/v1/governance/decisions?q=Names18&format=csv", nobody);
  EXPECT_EQ(refused.status, 403) << refused.raw;
  EXPECT_EQ(refused.raw.find("Names18 network"), std::string::npos);
}

}  // namespace
}  // namespace srm::testing
