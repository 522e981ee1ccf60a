// Issue 18, finding 4: review comments over real HTTP on both stores (SRM_TEST_PG_URL for
// PostgreSQL). A reviewer entitled at the SRA's current step comments on the whole SRA, a scenario
// or a field; the assessor resolves; everyone else is refused with a reason code.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "complete_sra.h"
#include "test_server.h"

namespace srm::testing {
namespace {



class ReviewCommentsTest : public SharedServerTest<ReviewCommentsTest> {
 protected:
  static HttpResult Act(const std::string& id, const std::string& action, const std::string& tok) {
    return Post("/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", "see the comments"}}, tok);
  }
  static HttpResult Comment(const std::string& id, const json& body, const std::string& tok) {
    return Post("/api/v1/sras/" + id + "/comments", body, tok);
  }
  static HttpResult Resolve(const std::string& id, const std::string& cid, const std::string& tok) {
    return Post("/api/v1/sras/" + id + "/comments/" + cid + "/resolve", json::object(), tok);
  }
  // A complete area SRA drafted by sp in a new area, submitted: in review, waiting for the cell.
  // Its scenario's id in *scenario.
  static std::string SubmittedSra(const std::string& name, std::string* scenario) {
    const std::string area = S().NewArea(name);
    auto c = Post("/api/v1/sras",
                  WithCompleteHeader({{"area_id", area}, {"title", "Comments " + name},
                                      {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(300)}, {"trigger", "change_in_area"}}}}),
                  T("sp"));
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body.value("id", "");
    auto s = Post("/api/v1/sras/" + id + "/scenarios",
                  WithMeasures({{"title", "Carjacking at the port gate"}, {"threat_category", "crime"},
                                {"vulnerability", {{"exposed", "drivers"}, {"weaknesses", "fixed timings"}}},
                                {"likelihood", "Likely"}, {"impact", "Moderate"},
                                {"residual_likelihood", "Unlikely"}, {"residual_impact", "Moderate"}}),
                  T("sp"));
    EXPECT_EQ(s.status, 201) << s.raw;
    *scenario = s.body["scenarios"].back().value("id", "");
    EXPECT_EQ(Act(id, "submit", T("sp")).status, 200);
    return id;
  }
  static int AuditCount(const std::string& action, const std::string& object_id) {
    int n = 0;
    store::PageRequest page{500, ""};
    for (;;) {
      auto entries = S().app().store->ListAudit("", page);
      if (!entries) return -1;
      for (const auto& e : entries->items) n += e.event.action == action && e.event.object_id == object_id;
      if (entries->next.empty()) return n;
      page.after = entries->next;
    }
  }
};

// The finding: the reviewer comments on one scenario, returns the SRA, the assessor resolves it.
TEST_F(ReviewCommentsTest, AReviewerCommentsOnAScenarioAndTheAssessorResolvesIt) {
  std::string sid;
  const std::string id = SubmittedSra("Comments happy", &sid);
  auto empty = Get("/api/v1/sras/" + id + "/comments", T("sp"));
  ASSERT_EQ(empty.status, 200) << empty.raw;
  EXPECT_EQ(empty.body["total"], 0);

  auto made = Comment(id, {{"anchor", "scenarios/" + sid + "/vulnerability"}, {"text", "Who is exposed at night?"}}, T("cell"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string cid = made.body["id"];
  EXPECT_EQ(made.body["anchor"], "scenarios/" + sid + "/vulnerability");
  EXPECT_EQ(made.body["author"]["username"], "cell");
  EXPECT_EQ(made.body["author_role"], "security_cell");
  EXPECT_EQ(made.body["sra_status"], "in_review");
  EXPECT_EQ(made.body["sra_version"], 1);
  EXPECT_EQ(made.body["resolved"], false);
  auto whole = Comment(id, {{"text", "Situation analysis is thin."}}, T("cell"));
  ASSERT_EQ(whole.status, 201) << whole.raw;
  EXPECT_EQ(whole.body["anchor"], "sra");
  EXPECT_EQ(Comment(id, {{"anchor", "scenarios/" + sid}, {"text", "Rated too low."}}, T("cell")).status, 201);
  EXPECT_EQ(Comment(id, {{"anchor", "steps/threats"}, {"text", "Crime intent 4?"}}, T("cell")).status, 201);
  EXPECT_EQ(AuditCount("sra.comment.add", cid), 1);

  ASSERT_EQ(Act(id, "return", T("cell")).status, 200);
  auto listed = Get("/api/v1/sras/" + id + "/comments", T("sp"));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body["total"], 4);

  auto resolved = Resolve(id, cid, T("sp"));
  ASSERT_EQ(resolved.status, 200) << resolved.raw;
  EXPECT_EQ(resolved.body["resolved"], true);
  EXPECT_EQ(resolved.body["resolved_by"]["username"], "sp");
  EXPECT_FALSE(resolved.body["resolved_at"].is_null());
  EXPECT_EQ(AuditCount("sra.comment.resolve", cid), 1);
  // The reviewer sees it resolved.
  auto seen = Get("/api/v1/sras/" + id + "/comments", T("cell"));
  bool found = false;
  for (const auto& c : seen.body["items"])
    if (c["id"] == cid) {
      found = true;
      EXPECT_EQ(c["resolved"], true);
    }
  EXPECT_TRUE(found);
  // Resolving twice.
  auto twice = Resolve(id, cid, T("sp"));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.Code(), "already_resolved");
  EXPECT_EQ(AuditCount("sra.comment.resolve", cid), 1);
}

// Each step by the wrong person, and at the wrong time.
TEST_F(ReviewCommentsTest, TheWrongPersonIsRefusedAtEachStep) {
  std::string sid;
  const std::string id = SubmittedSra("Comments wrong person", &sid);
  // Not the reviewer of this step: the drafter, the SMT (a later step), the auditor.
  auto by_sp = Comment(id, {{"text", "self-review"}}, T("sp"));
  EXPECT_EQ(by_sp.status, 403);
  EXPECT_EQ(by_sp.Code(), "reviewer_role_required");
  auto by_smt = Comment(id, {{"text", "early"}}, T("smt"));
  EXPECT_EQ(by_smt.status, 403);
  EXPECT_EQ(by_smt.Code(), "reviewer_role_required");
  EXPECT_EQ(Comment(id, {{"text", "read-only"}}, T("auditor")).Code(), "reviewer_role_required");
  // Separation of duties: who drafted this version may hold the cell role too, and still not review it.
  const std::string both = NewUser("cmt_both", "org_dss", json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"}},
                                                                          {{"role", "security_cell"}, {"country_id", "cty_carana"}}}));
  const std::string area = S().NewArea("Comments separation");
  auto c = Post("/api/v1/sras",
                WithCompleteHeader({{"area_id", area}, {"title", "Separation"},
                                    {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(300)}, {"trigger", "change_in_area"}}}}),
                both);
  ASSERT_EQ(c.status, 201) << c.raw;
  {
    const std::string own = c.body["id"];
    auto s = Post("/api/v1/sras/" + own + "/scenarios",
                  WithMeasures({{"title", "Theft"}, {"threat_category", "crime"},
                                {"vulnerability", {{"exposed", "staff"}, {"weaknesses", "none"}}},
                                {"likelihood", "Likely"}, {"impact", "Moderate"},
                                {"residual_likelihood", "Unlikely"}, {"residual_impact", "Moderate"}}),
                  both);
    ASSERT_EQ(s.status, 201) << s.raw;
    ASSERT_EQ(Act(own, "submit", both).status, 200);
    auto self = Comment(own, {{"text", "my own"}}, both);
    EXPECT_EQ(self.status, 403);
    EXPECT_EQ(self.Code(), "separation_of_duties_submit");
  }

  auto made = Comment(id, {{"anchor", "scenarios/" + sid}, {"text", "Check the residual."}}, T("cell"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string cid = made.body["id"];
  // While the SRA is in the chain, the assessor cannot resolve; the author never can.
  auto early = Resolve(id, cid, T("sp"));
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.Code(), "not_with_assessor");
  auto own_comment = Resolve(id, cid, T("cell"));
  EXPECT_EQ(own_comment.status, 403);
  EXPECT_EQ(own_comment.Code(), "own_comment");

  ASSERT_EQ(Act(id, "return", T("cell")).status, 200);
  // Returned: nobody comments until it is submitted again.
  auto late = Comment(id, {{"text", "one more"}}, T("cell"));
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.Code(), "not_under_review");
  EXPECT_EQ(Resolve(id, cid, T("cell")).Code(), "own_comment");
  auto by_smt_resolve = Resolve(id, cid, T("smt"));
  EXPECT_EQ(by_smt_resolve.status, 403);
  EXPECT_EQ(by_smt_resolve.Code(), "assessor_required");
  // An agency's security professional in the area does not conduct the area SRA.
  const std::string wfp_sp = NewUser("cmt_wfp_sp", "org_wfp", json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"}}}));
  auto agency = Resolve(id, cid, wfp_sp);
  EXPECT_EQ(agency.status, 403);
  EXPECT_EQ(agency.Code(), "assessor_required");
  // Unknown comment ids, and no resolution happened.
  EXPECT_EQ(Resolve(id, "rvc_nope", T("sp")).status, 404);
  EXPECT_EQ(AuditCount("sra.comment.resolve", cid), 0);
  EXPECT_EQ(Resolve(id, cid, T("sp")).status, 200);
}

// Revising a published version: the comments still open go to the new draft, where
// the assessor resolves them; the resolved ones stay in the published version's history.
TEST_F(ReviewCommentsTest, RevisingCarriesTheOpenCommentsToTheNewVersion) {
  std::string sid;
  const std::string v1 = SubmittedSra("Comments carried", &sid);
  auto a = Comment(v1, {{"anchor", "scenarios/" + sid + "/vulnerability"}, {"text", "Night shifts?"}}, T("cell"));
  ASSERT_EQ(a.status, 201) << a.raw;
  auto b = Comment(v1, {{"anchor", "steps/threats"}, {"text", "Crime intent 4 next time."}}, T("cell"));
  ASSERT_EQ(b.status, 201) << b.raw;
  const std::string resolved_id = a.body["id"], open_cell = b.body["id"];
  ASSERT_EQ(Act(v1, "return", T("cell")).status, 200);
  ASSERT_EQ(Resolve(v1, resolved_id, T("sp")).status, 200);
  ASSERT_EQ(Act(v1, "submit", T("sp")).status, 200);
  ASSERT_EQ(Act(v1, "review", T("cell")).status, 200);
  auto c = Comment(v1, {{"anchor", "scenarios/" + sid + "/residual"}, {"text", "Residual to watch at the next review."}}, T("smt"));
  ASSERT_EQ(c.status, 201) << c.raw;
  const std::string open_smt = c.body["id"];
  ASSERT_EQ(Act(v1, "endorse", T("smt")).status, 200);
  ASSERT_EQ(Act(v1, "approve", T("dss")).status, 200);

  // Not who conducts the SRA: no new version, nothing moves.
  auto by_cell = Post("/api/v1/sras/" + v1 + "/revise", json::object(), T("cell"));
  EXPECT_EQ(by_cell.status, 403) << by_cell.raw;
  EXPECT_EQ(AuditCount("sra.comment.carry", open_cell), 0);

  auto rev = Post("/api/v1/sras/" + v1 + "/revise", json::object(), T("sp"));
  ASSERT_EQ(rev.status, 201) << rev.raw;
  const std::string v2 = rev.body["id"];
  ASSERT_NE(v2, v1);

  // The new draft lists the two open comments, made on version 1, still open.
  auto listed = Get("/api/v1/sras/" + v2 + "/comments", T("sp"));
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["total"], 2);
  for (const auto& x : listed.body["items"]) {
    EXPECT_TRUE(x["id"] == open_cell || x["id"] == open_smt) << x.dump();
    EXPECT_EQ(x["sra_id"], v2);
    EXPECT_EQ(x["sra_version"], 1);
    EXPECT_EQ(x["resolved"], false);
  }
  // The published version keeps the resolved one only.
  auto old = Get("/api/v1/sras/" + v1 + "/comments", T("cell"));
  ASSERT_EQ(old.status, 200) << old.raw;
  ASSERT_EQ(old.body["total"], 1);
  EXPECT_EQ(old.body["items"][0]["id"], resolved_id);
  EXPECT_EQ(old.body["items"][0]["resolved"], true);
  EXPECT_EQ(AuditCount("sra.comment.carry", open_cell), 1);
  EXPECT_EQ(AuditCount("sra.comment.carry", open_smt), 1);
  EXPECT_EQ(AuditCount("sra.comment.carry", resolved_id), 0);

  // The wrong person on the new version: the author, a reviewer, an outsider; through the old path: not found.
  auto own = Resolve(v2, open_smt, T("smt"));
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(own.Code(), "own_comment");
  auto cell_resolves = Resolve(v2, open_smt, T("cell"));
  EXPECT_EQ(cell_resolves.status, 403);
  EXPECT_EQ(cell_resolves.Code(), "assessor_required");
  const std::string outsider = NewUser("cmt_carry_outsider", "org_wfp", json::array({{{"role", "security_cell"}, {"area_id", "area_1"}}}));
  EXPECT_EQ(Get("/api/v1/sras/" + v2 + "/comments", outsider).Code(), "outside_scope");
  EXPECT_EQ(Resolve(v2, open_cell, outsider).Code(), "outside_scope");
  EXPECT_EQ(Resolve(v1, open_cell, T("sp")).status, 404);
  EXPECT_EQ(Resolve(v2, resolved_id, T("sp")).status, 404);
  // The assessor resolves a carried comment where they work.
  auto done = Resolve(v2, open_cell, T("sp"));
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["resolved_by"]["username"], "sp");
  // A second revision is refused while this one is in progress: nothing moves again.
  auto again = Post("/api/v1/sras/" + v1 + "/revise", json::object(), T("sp"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(AuditCount("sra.comment.carry", open_smt), 1);
}

// Resolving one's own comment is refused even to who may also resolve: a user who
// holds the cell role and conducts the SRA comments while reviewing, then the SRA comes back.
TEST_F(ReviewCommentsTest, WhoWroteTheCommentNeverResolvesItEvenAsAssessor) {
  std::string sid;
  const std::string id = SubmittedSra("Comments own", &sid);
  const std::string both = NewUser("cmt_own_both", "org_dss", json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"}},
                                                                              {{"role", "security_cell"}, {"country_id", "cty_carana"}}}));
  auto made = Comment(id, {{"anchor", "scenarios/" + sid}, {"text", "Rated too low."}}, both);
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string cid = made.body["id"];
  ASSERT_EQ(Act(id, "return", both).status, 200);
  auto own = Resolve(id, cid, both);
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(own.Code(), "own_comment");
  EXPECT_EQ(AuditCount("sra.comment.resolve", cid), 0);
  EXPECT_EQ(Resolve(id, cid, T("sp")).status, 200);
}

// Another organization's or another area's SRA: its ids lead nowhere.
TEST_F(ReviewCommentsTest, AnSraOutsideTheReadersScopeIsRefused) {
  std::string sid;
  const std::string id = SubmittedSra("Comments other scope", &sid);
  auto made = Comment(id, {{"text", "Fine."}}, T("cell"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string cid = made.body["id"];
  // A WFP security cell member granted another area only.
  const std::string outsider = NewUser("cmt_outsider", "org_wfp", json::array({{{"role", "security_cell"}, {"area_id", "area_1"}}}));
  auto list = Get("/api/v1/sras/" + id + "/comments", outsider);
  EXPECT_EQ(list.status, 403);
  EXPECT_EQ(list.Code(), "outside_scope");
  auto add = Comment(id, {{"text", "from afar"}}, outsider);
  EXPECT_EQ(add.status, 403);
  EXPECT_EQ(add.Code(), "outside_scope");
  ASSERT_EQ(Act(id, "return", T("cell")).status, 200);
  auto resolve = Resolve(id, cid, outsider);
  EXPECT_EQ(resolve.status, 403);
  EXPECT_EQ(resolve.Code(), "outside_scope");
  // A comment id of this SRA through another SRA's path is not found there.
  std::string sid2;
  const std::string other = SubmittedSra("Comments other sra", &sid2);
  EXPECT_EQ(Resolve(other, cid, T("sp")).status, 404);
  EXPECT_EQ(Get("/api/v1/sras/sra_unknown/comments", T("sp")).status, 404);
  EXPECT_EQ(Comment("sra_unknown", {{"text", "x"}}, T("cell")).status, 404);
}

// Anchors and text: what a comment may be attached to and hold.
TEST_F(ReviewCommentsTest, UnknownAnchorsAndBadTextAreRefusedWithTheirReason) {
  std::string sid;
  const std::string id = SubmittedSra("Comments anchors", &sid);
  const std::pair<std::string, std::string> anchors[] = {
      {"nowhere", "unknown_anchor"},
      {"scenarios/", "unknown_anchor"},
      {"scenarios/scn_nope", "unknown_scenario"},
      {"scenarios/" + sid + "/colour", "unknown_field"},
      {"steps/lunch", "unknown_step"},
  };
  for (const auto& [anchor, code] : anchors) {
    auto r = Comment(id, {{"anchor", anchor}, {"text", "x"}}, T("cell"));
    EXPECT_EQ(r.status, 422) << anchor;
    EXPECT_EQ(r.Code(), code) << anchor;
    EXPECT_EQ(r.Field(), "anchor") << anchor;
  }
  for (const char* ok : {"sra", "steps/scope", "steps/acceptability"})
    EXPECT_EQ(Comment(id, {{"anchor", ok}, {"text", "fine"}}, T("cell")).status, 201) << ok;
  std::string long_text, at_limit;
  for (int i = 0; i < 2000; ++i) at_limit += "é";  // 2,000 characters, 4,000 bytes: allowed
  long_text = at_limit + "x";
  const std::pair<json, std::string> texts[] = {
      {json{{"text", ""}}, "text_required"},
      {json{{"text", "  \n "}}, "text_required"},
      {json::object(), "text_required"},
      {json{{"text", long_text}}, "comment_too_long"},
  };
  for (const auto& [body, code] : texts) {
    auto r = Comment(id, body, T("cell"));
    EXPECT_EQ(r.status, 422) << body.dump().substr(0, 60);
    EXPECT_EQ(r.Code(), code) << body.dump().substr(0, 60);
  }
  EXPECT_EQ(Comment(id, {{"text", at_limit}}, T("cell")).status, 201);
  // A control character, not a string, unknown fields, and bytes that are not UTF-8: the body is
  // refused by the JSON edge (strict_json) before any rule, 400.
  auto bell = Comment(id, {{"text", std::string("bell\x07")}}, T("cell"));
  EXPECT_EQ(bell.status, 400);
  EXPECT_EQ(bell.Code(), "invalid_text");
  EXPECT_EQ(Comment(id, {{"text", 5}}, T("cell")).status, 400);
  EXPECT_EQ(Comment(id, {{"text", "x"}, {"scenario", sid}}, T("cell")).status, 400);
  auto bytes = S().Call("POST", "/api/v1/sras/" + id + "/comments", std::string("{\"text\":\"\xff\xfe\"}"),
                        TestServer::Auth(T("cell")));
  EXPECT_EQ(bytes.status, 400) << bytes.raw;
  auto listed = Get("/api/v1/sras/" + id + "/comments?limit=500", T("cell"));
  EXPECT_EQ(listed.body["total"], 4);  // three anchors and the text at the limit
}

}  // namespace
}  // namespace srm::testing
