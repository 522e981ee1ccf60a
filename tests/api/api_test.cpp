// The HTTP API end to end: a real server on a loopback port, a real SQLite database.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "complete_sra.h"
#include "test_server.h"

namespace srm::testing {
namespace {

class ApiTest : public SharedServerTest<ApiTest> {
 protected:

  // A fresh draft SRA in area_1 with one fully assessed and rated scenario.
  static std::pair<std::string, std::string> DraftWithScenario(const std::string& area = "area_1",
                                                               const std::string& title = "Test SRA") {
    auto c = S().Call("POST", "/api/v1/sras",
                      WithCompleteHeader(json{{"area_id", area}, {"title", title},
                                              {"scope", {{"from_date", "2026-01-01"}, {"to_date", "2026-12-31"}, {"trigger", "new_office"}}}}),
                      T("sp"));
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body["id"];
    auto s = S().Call("POST", "/api/v1/sras/" + id + "/scenarios",
                      WithMeasures(json{{"title", "Carjacking"}, {"threat_category", "crime"},
                                        {"vulnerability", {{"exposed", "drivers"}, {"weaknesses", "no tracking"}}},
                                        {"likelihood", "Likely"}, {"impact", "Severe"}}),
                      T("sp"));
    EXPECT_EQ(s.status, 201) << s.raw;
    return {id, s.body["scenarios"][0]["id"]};
  }
  static HttpResult Act(const std::string& id, const std::string& action, const std::string& user,
                        const std::string& comment = "ok") {
    return S().Call("POST", "/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", comment}}, T(user));
  }

};

TEST_F(ApiTest, EveryDemoUserSignsIn) {
  for (const auto& [user, token] : tokens_) EXPECT_FALSE(token.empty()) << user;
}

TEST_F(ApiTest, HealthAndReadiness) {
  EXPECT_EQ(S().Call("GET", "/healthz").status, 200);
  EXPECT_EQ(S().Call("GET", "/readyz").status, 200);
}

TEST_F(ApiTest, LoginSetsHardenedCookieAndWrongPasswordIs401) {
  auto r = S().Call("POST", "/api/v1/auth/login", json{{"username", "sp"}, {"password", "demo"}}.dump());
  ASSERT_EQ(r.status, 200);
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") cookie = v;
  EXPECT_NE(cookie.find("srm_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(r.body["csrf_token"].get<std::string>().empty());
  auto bad = S().Call("POST", "/api/v1/auth/login", json{{"username", "cell"}, {"password", "wrong"}}.dump());
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.Code(), "invalid_credentials");
}

TEST_F(ApiTest, LoginIsThrottledAfterRepeatedFailures) {
  TestServer s(/*demo=*/true);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(s.Call("POST", "/api/v1/auth/login", json{{"username", "finance"}, {"password", "x"}}.dump()).status, 401);
  auto r = s.Call("POST", "/api/v1/auth/login", json{{"username", "finance"}, {"password", "demo"}}.dump());
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.Code(), "login_throttled");
  // Another user is not affected.
  EXPECT_FALSE(s.Login("auditor").empty());
}

TEST_F(ApiTest, NoCredentialsIs401OnEveryProtectedRoute) {
  const std::set<std::string> open{"/healthz", "/readyz", "/api/v1/openapi.json", "/api/v1/auth/login",
                                   "/api/v1/config"};
  for (const auto& r : api::ApiServer::Routes()) {
    if (open.count(r.path)) continue;
    std::string path = r.path;
    // Any path parameter ({id}, {sid}, {version}, ...) becomes a well-formed but unknown id.
    for (size_t open_brace; (open_brace = path.find('{')) != std::string::npos;)
      path.replace(open_brace, path.find('}', open_brace) - open_brace + 1, "x1");
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    auto res = S().Call(m, path, "{}");
    EXPECT_EQ(res.status, 401) << m << " " << path;
    EXPECT_EQ(res.Code(), "unauthenticated") << m << " " << path;
    auto forged = S().Call(m, path, "{}", {{"Authorization", "Bearer srm_forged"}});
    EXPECT_EQ(forged.status, 401) << m << " " << path;
  }
}

TEST_F(ApiTest, SecurityHeadersOnEveryResponse) {
  auto r = S().Call("GET", "/api/v1/method", json(), T("sp"));
  ASSERT_EQ(r.status, 200);
  std::map<std::string, std::string> h(r.headers.begin(), r.headers.end());
  EXPECT_EQ(h["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(h["X-Frame-Options"], "DENY");
  EXPECT_NE(h["Content-Security-Policy"].find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(h["Cache-Control"], "no-store");
  EXPECT_FALSE(h["X-Request-Id"].empty());
}

TEST_F(ApiTest, CookieWritesNeedTheCsrfToken) {
  auto login = S().Call("POST", "/api/v1/auth/login", json{{"username", "sp"}, {"password", "demo"}}.dump());
  std::string cookie;
  for (const auto& [k, v] : login.headers)
    if (k == "Set-Cookie") cookie = v.substr(0, v.find(';'));
  const std::string csrf = login.body["csrf_token"];
  const std::string body = json{{"area_id", "area_2"}, {"title", "Cookie SRA"}}.dump();
  auto no_token = S().Call("POST", "/api/v1/sras", body, {{"Cookie", cookie}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(no_token.Code(), "csrf_failed");
  auto wrong = S().Call("POST", "/api/v1/sras", body, {{"Cookie", cookie}, {"X-CSRF-Token", "abc"}});
  EXPECT_EQ(wrong.status, 403);
  auto ok = S().Call("POST", "/api/v1/sras", body, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 201) << ok.raw;
  auto me = S().Call("GET", "/api/v1/auth/me", "", {{"Cookie", cookie}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.body["csrf_token"], csrf);
}

TEST_F(ApiTest, LogoutEndsTheSession) {
  const std::string token = S().Login("finance");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(S().Call("GET", "/api/v1/auth/me", json(), token).status, 200);
  EXPECT_EQ(S().Call("POST", "/api/v1/auth/logout", json(), token).status, 204);
  EXPECT_EQ(S().Call("GET", "/api/v1/auth/me", json(), token).status, 401);
}

TEST_F(ApiTest, MethodPackIsServedWithItsMatrix) {
  auto r = S().Call("GET", "/api/v1/method", json(), T("finance"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["cells"].size(), 25u);
  EXPECT_EQ(r.body["risk_levels"][5], "Unacceptable");
}

TEST_F(ApiTest, RiskEvaluateEveryCellByNameAndNumber) {
  // SRM-METHOD.md section 4, rows from Very Unlikely (1) to Very Likely (5).
  const char* table[5][5] = {{"Very Low", "Very Low", "Very Low", "Low", "Low"},
                             {"Very Low", "Low", "Low", "Medium", "Medium"},
                             {"Very Low", "Low", "Medium", "High", "High"},
                             {"Low", "Medium", "High", "High", "Very High"},
                             {"Low", "Medium", "High", "Very High", "Unacceptable"}};
  const char* L[] = {"very unlikely", "UNLIKELY", "Moderately Likely", "likely", "Very Likely"};
  const char* I[] = {"negligible", "Minor", "MODERATE", "severe", "Critical"};
  for (int l = 0; l < 5; ++l)
    for (int i = 0; i < 5; ++i) {
      auto byname = S().Call("POST", "/api/v1/risk/evaluate", json{{"likelihood", L[l]}, {"impact", I[i]}}, T("sp"));
      ASSERT_EQ(byname.status, 200) << byname.raw;
      EXPECT_EQ(byname.body["level"], table[l][i]) << L[l] << " x " << I[i];
      auto bynum = S().Call("POST", "/api/v1/risk/evaluate", json{{"likelihood", l + 1}, {"impact", i + 1}}, T("sp"));
      EXPECT_EQ(bynum.body["level"], table[l][i]);
    }
}

TEST_F(ApiTest, RiskEvaluateRefusesUnknownLevelsNamingTheField) {
  auto r = S().Call("POST", "/api/v1/risk/evaluate", json{{"likelihood", "Often"}, {"impact", "Minor"}}, T("sp"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.Field(), "likelihood");
  auto r2 = S().Call("POST", "/api/v1/risk/evaluate", json{{"likelihood", 2}, {"impact", "Huge"}}, T("sp"));
  EXPECT_EQ(r2.status, 422);
  EXPECT_EQ(r2.Field(), "impact");
  auto r3 = S().Call("POST", "/api/v1/risk/evaluate", json{{"likelihood", 9}, {"impact", 1}}, T("sp"));
  EXPECT_EQ(r3.status, 422);
  EXPECT_EQ(r3.Field(), "likelihood");
}

TEST_F(ApiTest, RuleZeroNoRatingBeforeVulnerability) {
  auto c = S().Call("POST", "/api/v1/sras", json{{"area_id", "area_3"}, {"title", "Rule zero"}}, T("sp"));
  ASSERT_EQ(c.status, 201);
  const std::string id = c.body["id"];
  auto rated = S().Call("POST", "/api/v1/sras/" + id + "/scenarios",
                        json{{"title", "Ambush"}, {"threat_category", "armed_conflict"}, {"likelihood", "Likely"},
                             {"impact", "Severe"}},
                        T("sp"));
  EXPECT_EQ(rated.status, 422);
  EXPECT_EQ(rated.Code(), "vulnerability_required");
  auto plain = S().Call("POST", "/api/v1/sras/" + id + "/scenarios",
                        json{{"title", "Ambush"}, {"threat_category", "armed_conflict"}}, T("sp"));
  ASSERT_EQ(plain.status, 201);
  const std::string sid = plain.body["scenarios"][0]["id"];
  auto rate = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid, json{{"likelihood", 3}, {"impact", 3}}, T("sp"));
  EXPECT_EQ(rate.status, 422);
  EXPECT_EQ(rate.Code(), "vulnerability_required");
  // Cannot leave draft either.
  auto submit = Act(id, "submit", "sp");
  EXPECT_EQ(submit.status, 422);
  EXPECT_EQ(submit.Code(), "vulnerability_required");
  auto vuln = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid,
                       json{{"vulnerability", {{"exposed", "convoys"}, {"weaknesses", "single route"}}},
                            {"likelihood", 3}, {"impact", 3}},
                       T("sp"));
  ASSERT_EQ(vuln.status, 200) << vuln.raw;
  EXPECT_EQ(vuln.body["scenarios"][0]["current_risk"], "Medium");
}

TEST_F(ApiTest, FullWorkflowToPublicationThenRevisionAndDiff) {
  auto [id, sid] = DraftWithScenario();
  EXPECT_EQ(Act(id, "submit", "sp").status, 200);
  EXPECT_EQ(Act(id, "review", "cell").status, 200);
  EXPECT_EQ(Act(id, "endorse", "smt").status, 200);
  auto pub = Act(id, "approve", "dss");
  ASSERT_EQ(pub.status, 200) << pub.raw;
  EXPECT_EQ(pub.body["status"], "published");
  EXPECT_FALSE(pub.body["review_due"].get<std::string>().empty());
  EXPECT_EQ(pub.body["history"].size(), 4u);
  // Published is immutable.
  auto edit = S().Call("PUT", "/api/v1/sras/" + id, json{{"title", "changed"}}, T("sp"));
  EXPECT_EQ(edit.status, 409);
  // Revise: version 2 as a draft, then change and diff.
  auto v2 = S().Call("POST", "/api/v1/sras/" + id + "/revise", json(), T("sp"));
  ASSERT_EQ(v2.status, 201) << v2.raw;
  EXPECT_EQ(v2.body["version"], 2);
  const std::string id2 = v2.body["id"];
  ASSERT_EQ(S().Call("PUT", "/api/v1/sras/" + id2, json{{"title", "Test SRA v2"}}, T("sp")).status, 200);
  auto diff = S().Call("GET", "/api/v1/sras/" + id2 + "/diff", json(), T("cell"));
  ASSERT_EQ(diff.status, 200) << diff.raw;
  bool title_changed = false;
  for (const auto& ch : diff.body["changes"])
    if (ch["path"] == "/title" && ch["before"] == "Test SRA" && ch["after"] == "Test SRA v2") title_changed = true;
  EXPECT_TRUE(title_changed) << diff.raw;
  auto versions = S().Call("GET", "/api/v1/sras/" + id + "/versions", json(), T("auditor"));
  EXPECT_EQ(versions.body["items"].size(), 2u);
  // Publishing v2 supersedes v1.
  for (auto [a, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}})
    ASSERT_EQ(Act(id2, a, u).status, 200) << a;
  EXPECT_EQ(S().Call("GET", "/api/v1/sras/" + id, json(), T("sp")).body["status"], "superseded");
  // The SRA's audit trail shows every step.
  auto trail = S().Call("GET", "/api/v1/sras/" + id + "/audit", json(), T("sp"));
  ASSERT_EQ(trail.status, 200);
  EXPECT_GE(trail.body["items"].size(), 6u);
}

TEST_F(ApiTest, EachTransitionOnlyByItsRoleAndInOrder) {
  const std::vector<std::string> users{"admin", "sp", "cell", "smt", "dss", "hq", "exec", "finance", "auditor"};
  const std::vector<std::pair<std::string, std::string>> path{
      {"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}};
  auto [id, sid] = DraftWithScenario();
  for (size_t step = 0; step < path.size(); ++step) {
    // Every action other than the next one is out of order (409), whoever asks.
    for (const auto& [action, owner] : path)
      if (action != path[step].first) EXPECT_EQ(Act(id, action, owner).status, 409) << action << " at step " << step;
    // The next action by anyone without the role is 403.
    for (const auto& u : users)
      if (u != path[step].second) EXPECT_EQ(Act(id, path[step].first, u).status, 403) << u << " " << path[step].first;
    ASSERT_EQ(Act(id, path[step].first, path[step].second).status, 200);
  }
  for (const auto& [action, owner] : path) EXPECT_EQ(Act(id, action, owner).status, 409);
  EXPECT_EQ(Act(id, "return", "dss").status, 409);
}

TEST_F(ApiTest, ReturnNeedsACommentAndComesBackToTheAuthor) {
  for (auto [stage, returner] : {std::pair{1, "cell"}, {2, "smt"}, {3, "dss"}}) {
    auto [id, sid] = DraftWithScenario();
    const std::pair<const char*, const char*> steps[] = {{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}};
    for (int i = 0; i < stage; ++i) ASSERT_EQ(Act(id, steps[i].first, steps[i].second).status, 200);
    EXPECT_EQ(Act(id, "return", "sp").status, 403);
    auto no_comment = Act(id, "return", returner, "");
    EXPECT_EQ(no_comment.status, 422);
    EXPECT_EQ(no_comment.Code(), "comment_required");
    auto ret = Act(id, "return", returner, "needs more evidence");
    ASSERT_EQ(ret.status, 200);
    EXPECT_EQ(ret.body["status"], "returned");
    // The author edits and resubmits.
    EXPECT_EQ(S().Call("PUT", "/api/v1/sras/" + id, json{{"title", "Fixed"}}, T("sp")).status, 200);
    EXPECT_EQ(Act(id, "submit", "sp").status, 200);
  }
}

TEST_F(ApiTest, ScopeLimitsAnAreaScopedProfessional) {
  // An administrator creates a security professional for area_2 only.
  auto u = S().Call("POST", "/api/v1/users",
                    json{{"username", "sp_leppko"}, {"password", "a-long-password-1"},
                         {"organization_id", "org_dss"},  // area SRAs are conducted by DSS (issue 14)
                         {"grants", json::array({{{"role", "security_professional"}, {"area_id", "area_2"}}})}},
                    T("admin"));
  ASSERT_EQ(u.status, 201) << u.raw;
  const std::string tok = S().Login("sp_leppko", "a-long-password-1");
  ASSERT_FALSE(tok.empty());
  auto other = S().Call("POST", "/api/v1/sras", json{{"area_id", "area_1"}, {"title", "x"}}, tok);
  EXPECT_EQ(other.status, 403);
  auto own = S().Call("POST", "/api/v1/sras", json{{"area_id", "area_2"}, {"title", "Leppko"}}, tok);
  EXPECT_EQ(own.status, 201);
  // The published Sanjar SRA (area_1) is out of scope for reading and listing.
  auto list_all = S().Call("GET", "/api/v1/sras?limit=500", json(), T("auditor"));
  std::string sanjar;
  for (const auto& it : list_all.body["items"])
    if (it["area_id"] == "area_1") sanjar = it["id"];
  ASSERT_FALSE(sanjar.empty());
  EXPECT_EQ(S().Call("GET", "/api/v1/sras/" + sanjar, json(), tok).status, 403);
  auto mine = S().Call("GET", "/api/v1/sras?limit=500", json(), tok);
  for (const auto& it : mine.body["items"]) EXPECT_EQ(it["area_id"], "area_2");
  auto areas = S().Call("GET", "/api/v1/areas", json(), tok);
  ASSERT_EQ(areas.body["items"].size(), 1u);
  // The Carana-wide cell member cannot act on area_2 SRAs of another country... but can here.
  EXPECT_EQ(S().Call("GET", "/api/v1/sras/" + own.body["id"].get<std::string>(), json(), T("cell")).status, 200);
}

TEST_F(ApiTest, OnlyAdministratorsManageUsersAndMethods) {
  const json user{{"username", "newbie"}, {"password", "long-enough-pw"}};
  for (const char* u : {"sp", "cell", "smt", "dss", "hq", "exec", "finance", "auditor"}) {
    EXPECT_EQ(S().Call("POST", "/api/v1/users", user, T(u)).status, 403) << u;
    EXPECT_EQ(S().Call("POST", "/api/v1/methods", json::parse(domain::DefaultMethodPackJson()), T(u)).status, 403) << u;
  }
  auto weak = S().Call("POST", "/api/v1/users", json{{"username", "weak"}, {"password", "short"}}, T("admin"));
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.Field(), "password");
  EXPECT_EQ(S().Call("POST", "/api/v1/users", user, T("admin")).status, 201);
  auto dup = S().Call("POST", "/api/v1/users", user, T("admin"));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(S().Call("GET", "/api/v1/users", json(), T("sp")).status, 403);
  EXPECT_EQ(S().Call("GET", "/api/v1/users", json(), T("auditor")).status, 200);
}

TEST_F(ApiTest, AdministratorInstallsANewMethodVersionAndNewSrasRecordIt) {
  TestServer s;
  const std::string admin = s.Login("admin"), sp = s.Login("sp");
  json pack = json::parse(domain::DefaultMethodPackJson());
  pack["version"] = "carana-2027";
  pack["review_months"] = 6;
  auto bad = pack;
  bad["pc_max_acceptable"].erase("PC3");
  auto refused = s.Call("POST", "/api/v1/methods", bad, admin);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Field(), "pc_max_acceptable.PC3");
  ASSERT_EQ(s.Call("POST", "/api/v1/methods", pack, admin).status, 201);
  EXPECT_EQ(s.Call("GET", "/api/v1/method", json(), sp).body["version"], "carana-2027");
  auto c = s.Call("POST", "/api/v1/sras", json{{"area_id", "area_4"}, {"title", "new pack"}}, sp);
  EXPECT_EQ(c.body["method_version"], "carana-2027");
}

TEST_F(ApiTest, AuditVerifyIsForAuditorsAndReportsAnIntactChain) {
  // Reads queued for the access log land first: no batch anchor moves the head between the calls.
  if (S().app().access_log) ASSERT_TRUE(S().app().access_log->Flush().has_value());
  auto v = S().Call("GET", "/api/v1/audit/verify", json(), T("auditor"));
  ASSERT_EQ(v.status, 200);
  EXPECT_TRUE(v.body["ok"].get<bool>());
  EXPECT_GT(v.body["entries"].get<int>(), 20);
  EXPECT_TRUE(v.body["first_bad"].is_null());
  // The head is the hash of the newest entry, for operators to record outside the database.
  auto entries = v.body["entries"].get<int>();
  auto last = S().Call("GET", "/api/v1/audit?limit=500&cursor=" + std::to_string(entries - 1), json(), T("auditor"));
  ASSERT_EQ(last.status, 200) << last.raw;
  ASSERT_EQ(last.body["items"].size(), 1u);
  EXPECT_EQ(v.body["head_hash"], last.body["items"][0]["hash"]);
  EXPECT_EQ(S().Call("GET", "/api/v1/audit/verify", json(), T("sp")).status, 403);
  EXPECT_EQ(S().Call("GET", "/api/v1/audit", json(), T("finance")).status, 403);
}

TEST_F(ApiTest, ListsArePaginatedOnTheServer) {
  for (int i = 0; i < 7; ++i) DraftWithScenario("area_7");
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0, total = -1;
  do {
    auto r = S().Call("GET", "/api/v1/sras?limit=3&area_id=area_7" + (cursor.empty() ? "" : "&cursor=" + cursor), json(),
                      T("auditor"));
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_LE(r.body["items"].size(), 3u);
    total = r.body["total"];
    for (const auto& it : r.body["items"]) EXPECT_TRUE(seen.insert(it["id"]).second);
    cursor = r.body["next_cursor"].is_null() ? "" : r.body["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 20);
  EXPECT_EQ(static_cast<int>(seen.size()), total);
  EXPECT_GE(total, 7);
  EXPECT_GE(pages, 3);
  EXPECT_EQ(S().Call("GET", "/api/v1/sras?limit=0", json(), T("auditor")).status, 400);
}

TEST_F(ApiTest, InboxShowsWhatWaitsForMe) {
  auto [id, sid] = DraftWithScenario("area_8");
  ASSERT_EQ(Act(id, "submit", "sp").status, 200);
  auto has = [&](const std::string& user) {
    auto r = S().Call("GET", "/api/v1/inbox?limit=500", json(), T(user));
    for (const auto& it : r.body["items"])
      if (it["id"] == id) return true;
    return false;
  };
  EXPECT_TRUE(has("cell"));
  EXPECT_FALSE(has("smt"));
  EXPECT_FALSE(has("dss"));
  ASSERT_EQ(Act(id, "review", "cell").status, 200);
  EXPECT_FALSE(has("cell"));
  EXPECT_TRUE(has("smt"));
}

TEST_F(ApiTest, MapAndWizardHelpers) {
  // Areas carry their current published SRA's residual risk for the map.
  auto areas = S().Call("GET", "/api/v1/areas?with=risk", json(), T("smt"));
  ASSERT_EQ(areas.status, 200);
  auto current = S().Call("GET", "/api/v1/sras?area_id=area_1&status=published&limit=1", json(), T("smt"));
  ASSERT_EQ(current.body["items"].size(), 1u);
  int with_sra = 0;
  for (const auto& a : areas.body["items"]) {
    if (a["id"] == "area_1") {
      EXPECT_EQ(a["published_sra_id"], current.body["items"][0]["id"]);
      EXPECT_EQ(a["overall_residual_risk"], current.body["items"][0]["overall_residual_risk"]);
      ++with_sra;
    } else if (a["id"] == "area_6") {
      EXPECT_TRUE(a["published_sra_id"].is_null());  // nothing published there in these tests
    }
  }
  EXPECT_EQ(with_sra, 1);
  // An older pack version stays readable; dotted versions are valid path parameters.
  auto pack = S().Call("GET", "/api/v1/method", json(), T("sp"));
  auto by_version = S().Call("GET", "/api/v1/methods/" + pack.body["version"].get<std::string>(), json(), T("sp"));
  EXPECT_EQ(by_version.status, 200);
  EXPECT_EQ(by_version.body["version"], pack.body["version"]);
  EXPECT_EQ(S().Call("GET", "/api/v1/methods/nope-1.0", json(), T("sp")).status, 404);
  // Public config tells the sign-in page whether demo users exist (this test server: no flag).
  auto cfg = S().Call("GET", "/api/v1/config");
  EXPECT_EQ(cfg.status, 200);
  EXPECT_FALSE(cfg.body["demo"].get<bool>());
  // Scenario edits are protected by the SRA revision like header edits.
  auto [id, sid] = DraftWithScenario();
  auto doc = S().Call("GET", "/api/v1/sras/" + id, json(), T("sp"));
  const int64_t rev = doc.body["revision"];
  auto stale = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid, json{{"title", "x"}, {"revision", rev - 1}}, T("sp"));
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.Code(), "stale_revision");
  auto fresh = S().Call("PUT", "/api/v1/sras/" + id + "/scenarios/" + sid, json{{"title", "x"}, {"revision", rev}}, T("sp"));
  EXPECT_EQ(fresh.status, 200) << fresh.raw;
  // Inbox rows say what is expected next.
  ASSERT_EQ(Act(id, "submit", "sp").status, 200);
  auto inbox = S().Call("GET", "/api/v1/inbox?limit=500", json(), T("cell"));
  bool found = false;
  for (const auto& it : inbox.body["items"])
    if (it["id"] == id) { EXPECT_EQ(it["next_action"], "review"); found = true; }
  EXPECT_TRUE(found);
}

// Issue 18: the approvals inbox is searched (title, area name), filtered (area, status)
// and sorted like the SRA list, and a narrowing never adds a row the inbox would not show.
TEST_F(ApiTest, InboxSearchFiltersAndSortOnlyNarrow) {
  auto [alpha, s1] = DraftWithScenario("area_8", "Inbox Lists18 Alpha");
  auto [bravo, s2] = DraftWithScenario("area_8", "Inbox Lists18 Bravo");
  ASSERT_EQ(Act(alpha, "submit", "sp").status, 200);
  ASSERT_EQ(Act(bravo, "submit", "sp").status, 200);
  auto get = [](const std::string& query, const std::string& user) {
    return S().Call("GET", "/api/v1/inbox?limit=500" + query, json(), T(user));
  };
  auto ids = [](const HttpResult& r) {
    std::vector<std::string> out;
    for (const auto& it : r.body["items"]) out.push_back(it["id"]);
    return out;
  };
  // Search: ASCII letters folded, on the title.
  auto found = get("&q=lists18%20alpha", "cell");
  ASSERT_EQ(found.status, 200) << found.raw;
  EXPECT_EQ(ids(found), std::vector<std::string>{alpha});
  // Sort both ways.
  EXPECT_EQ(ids(get("&q=inbox%20lists18&sort=title", "cell")), (std::vector<std::string>{alpha, bravo}));
  EXPECT_EQ(ids(get("&q=inbox%20lists18&sort=-title", "cell")), (std::vector<std::string>{bravo, alpha}));
  // Area and status: exactly their rows.
  auto area = get("&area_id=area_8", "cell");
  ASSERT_EQ(area.status, 200) << area.raw;
  for (const auto& it : area.body["items"]) EXPECT_EQ(it["area_id"], "area_8");
  auto in_area = ids(area);
  EXPECT_NE(std::find(in_area.begin(), in_area.end(), alpha), in_area.end());
  EXPECT_TRUE(ids(get("&q=inbox%20lists18&area_id=area_1", "cell")).empty());
  auto submitted = get("&status=in_review&q=inbox%20lists18", "cell");
  ASSERT_EQ(submitted.status, 200) << submitted.raw;
  EXPECT_EQ(submitted.body["items"].size(), 2u);
  for (const auto& it : submitted.body["items"]) EXPECT_EQ(it["status"], "in_review");
  EXPECT_TRUE(ids(get("&status=endorsed&q=inbox%20lists18", "cell")).empty());
  // Never widens: the SMT does not await an SRA in review, whatever it searches for.
  EXPECT_TRUE(ids(get("&q=inbox%20lists18", "smt")).empty());
  EXPECT_TRUE(ids(get("&q=inbox%20lists18&status=in_review&area_id=area_8", "smt")).empty());
  // Refusals.
  auto bad_sort = get("&sort=risk", "cell");
  EXPECT_EQ(bad_sort.status, 400) << bad_sort.raw;
  EXPECT_EQ(bad_sort.Code(), "unknown_sort");
  auto unknown = get("&country_id=cty_carana", "cell");
  EXPECT_EQ(unknown.status, 400) << unknown.raw;
  EXPECT_EQ(unknown.Code(), "unknown_parameter");
  auto bad_status = get("&status=nonsense", "cell");
  EXPECT_EQ(bad_status.status, 400) << bad_status.raw;
  EXPECT_EQ(bad_status.Code(), "invalid_value");
}

TEST_F(ApiTest, OpenApiDocumentMatchesTheRoutes) {
  auto r = S().Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> routes, documented;
  for (const auto& rt : api::ApiServer::Routes()) routes.insert(rt.method + " " + rt.path);
  for (auto p = r.body["paths"].begin(); p != r.body["paths"].end(); ++p)
    for (auto m = p.value().begin(); m != p.value().end(); ++m) documented.insert(m.key() + " " + p.key());
  EXPECT_EQ(routes, documented);
}

// Every answer and request body is typed by a named schema (the UI's types are generated from
// them: web/src/generated/api.ts), and every reference resolves. What the schemas say is checked
// on every answer the API tests receive (test_server.h).
TEST_F(ApiTest, OpenApiDocumentTypesEveryRequestAndResponse) {
  const json doc = json::parse(api::ApiServer::OpenApiJson());
  const json& schemas = doc["components"]["schemas"];
  std::function<void(const json&, const std::string&)> refs_resolve = [&](const json& j, const std::string& where) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "$ref") {
          const std::string ref = it.value();
          EXPECT_NO_THROW((void)doc.at(json::json_pointer(ref.substr(1)))) << where << ": " << ref;
        } else {
          refs_resolve(it.value(), where);
        }
      }
    } else if (j.is_array()) {
      for (const auto& x : j) refs_resolve(x, where);
    }
  };
  refs_resolve(doc, "document");
  for (auto p = doc["paths"].begin(); p != doc["paths"].end(); ++p) {
    for (auto m = p.value().begin(); m != p.value().end(); ++m) {
      const std::string op = m.key() + " " + p.key();
      const json& responses = m.value()["responses"];
      bool success = false;
      for (auto r = responses.begin(); r != responses.end(); ++r) {
        if (r.key().front() != '2') continue;
        success = true;
        if (r.key() == "204") {
          EXPECT_FALSE(r.value().contains("content")) << op;
          continue;
        }
        const json& content = r.value().at("content");
        if (!content.contains("application/json")) {
          // A file (the SRA document as PDF, a register as xlsx, a list as CSV): typed as a string.
          ASSERT_FALSE(content.empty()) << op;
          for (auto c = content.begin(); c != content.end(); ++c)
            EXPECT_EQ(c.value().at("schema").value("type", ""), "string") << op << " " << c.key();
          continue;
        }
        const json& schema = content["application/json"]["schema"];
        ASSERT_TRUE(schema.contains("$ref")) << op << " " << r.key() << " answers an unnamed schema";
        const std::string name = schema["$ref"].get<std::string>().substr(std::string("#/components/schemas/").size());
        EXPECT_TRUE(schemas.contains(name)) << op << ": " << name;
      }
      EXPECT_TRUE(success) << op << " documents no success";
      EXPECT_TRUE(responses.contains("default")) << op << " documents no error answer";
      if (m.key() == "post" || m.key() == "put") {
        ASSERT_TRUE(m.value().contains("requestBody")) << op;
        EXPECT_TRUE(m.value()["requestBody"]["content"]["application/json"]["schema"].contains("$ref")) << op;
      }
    }
  }
}

}  // namespace
}  // namespace srm::testing
