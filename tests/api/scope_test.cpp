// Scope and references, as an adversary would try them over HTTP (issue 11, "Scope and
// references"), on the Carana demo data:
//
//   - a specific SRA is read only by its own organization and the security roles that work on it
//     (administrators and auditors; the inter-agency security professional, security cell, SMT and
//     DSS desk of its area), through every route that returns an SRA, its content or its trail,
//     and lists filter in the store (full pages, totals that add up);
//   - a traveller is a user: nobody decides a leg they travel on, and a leg recorded with a name
//     only is decided by nobody;
//   - organizations, countries and areas named in SRAs and grants exist;
//   - another organization's ids are refused and change nothing.
//
// Demo users: sp (DSS, security professional for Carana), cell (IOM, security cell for Carana),
// smt (UNDP, SMT for Carana), dss (DSS desk), hq (IOM HQ security), exec (IOM executive office),
// finance (WFP, finance for Carana), auditor, admin.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "complete_sra.h"
#include "test_server.h"

namespace srm::testing {
namespace {



class ScopeTest : public SharedServerTest<ScopeTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& token) { return S().Call("GET", path, json(), token); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& token) {
    return S().Call("POST", path, body, token);
  }
  static HttpResult Put(const std::string& path, const json& body, const std::string& token) {
    return S().Call("PUT", path, body, token);
  }
  // Creates a user (by the administrator) and signs them in.
  static std::string NewUser(const std::string& name, const std::string& org, const json& grants) {
    auto u = Post("/api/v1/users",
                  json{{"username", name}, {"password", kPassword}, {"display_name", name + " (scope test)"},
                       {"organization_id", org}, {"grants", grants}},
                  T("admin"));
    EXPECT_EQ(u.status, 201) << u.raw;
    return S().Login(name, kPassword);
  }
  static std::string UserId(const std::string& token) { return Get("/api/v1/auth/me", token).body["user"]["id"]; }
  static int AuditEntries() { return S().AuditEntriesBesideAccessBatches(); }

  // A specific SRA of `org` in `area` for a mission, drafted by sp with one rated scenario;
  // published through the whole workflow when `publish`.
  // Agencies write their own specific SRAs (SRM-METHOD.md §7a): the drafter is a security
  // professional of `org` for Carana, made once per organization.
  static const std::string& OrgSp(const std::string& org) {
    static std::map<std::string, std::string> tokens;
    if (!tokens.contains(org))
      tokens[org] = NewUser("sp_" + org, org, json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"}}}));
    return tokens[org];
  }
  static std::string SpecificSra(const std::string& area, const std::string& org, const std::string& mission,
                                 bool publish) {
    auto c = Post("/api/v1/sras",
                  WithCompleteHeader(json{{"area_id", area}, {"kind", "specific"}, {"organization_id", org},
                                          {"mission_ref", mission}, {"title", "Specific SRA " + mission},
                                          {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(200)}, {"trigger", "new_mission"}}}}),
                  OrgSp(org));
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body.value("id", "");
    auto s = Post("/api/v1/sras/" + id + "/scenarios",
                  WithMeasures(json{{"title", "Convoy ambush"}, {"threat_category", "armed_conflict"},
                                    {"vulnerability", {{"exposed", "mission convoy"}, {"weaknesses", "one road"}}},
                                    {"likelihood", "Likely"}, {"impact", "Moderate"}}),
                  OrgSp(org));
    EXPECT_EQ(s.status, 201) << s.raw;
    if (publish)
      for (auto [a, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}}) {
        auto r = Post("/api/v1/sras/" + id + "/transitions", json{{"action", a}, {"comment", "ok"}},
                      std::string(a) == "submit" ? OrgSp(org) : T(u));
        EXPECT_EQ(r.status, 200) << a << ": " << r.raw;
      }
    return id;
  }
  static std::string AreaSra(const std::string& area, const std::string& title) {
    auto c = Post("/api/v1/sras",
                  WithCompleteHeader(json{{"area_id", area}, {"title", title},
                                          {"scope", {{"from_date", DateFromToday(0)}, {"to_date", DateFromToday(300)}, {"trigger", "change_in_area"}}}}),
                  T("sp"));
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body.value("id", "");
    auto s = Post("/api/v1/sras/" + id + "/scenarios",
                  WithMeasures(json{{"title", "Carjacking"}, {"threat_category", "crime"},
                                    {"vulnerability", {{"exposed", "drivers"}, {"weaknesses", "no tracking"}}},
                                    {"likelihood", "Likely"}, {"impact", "Moderate"}}),
                  T("sp"));
    EXPECT_EQ(s.status, 201) << s.raw;
    return id;
  }
  static bool Has(const json& items, const std::string& id) {
    for (const auto& i : items)
      if (i.value("id", "") == id || i.value("sra_id", "") == id) return true;
    return false;
  }
  // Walks a list page by page (limit 1), checking that every page but the last is full and that
  // the total adds up; returns the ids seen.
  static std::set<std::string> Walk(const std::string& path, const std::string& token) {
    std::set<std::string> seen;
    std::string cursor;
    int pages = 0;
    int64_t total = -1;
    do {
      const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
      auto r = Get(path + sep + "limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), token);
      EXPECT_EQ(r.status, 200) << path << ": " << r.raw;
      if (r.status != 200) break;
      cursor = r.body["next_cursor"].is_null() ? "" : r.body["next_cursor"].get<std::string>();
      if (total >= 0) {
        EXPECT_EQ(r.body["total"].get<int64_t>(), total) << path << ": the total moved between pages";
      }
      total = r.body["total"];
      if (!cursor.empty()) {
        EXPECT_EQ(r.body["items"].size(), 1u) << path << ": a hole in page " << pages;
      }
      for (const auto& i : r.body["items"]) seen.insert(i["id"].get<std::string>());
    } while (!cursor.empty() && ++pages < 1000);
    EXPECT_EQ(static_cast<int64_t>(seen.size()), total) << path << ": the total does not match the rows";
    return seen;
  }
  // Every SRA, as the auditor sees them.
  static json AllSras() {
    json all = json::array();
    std::string cursor;
    do {
      auto r = Get("/api/v1/sras?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor), T("auditor"));
      EXPECT_EQ(r.status, 200);
      for (const auto& i : r.body["items"]) all.push_back(i);
      cursor = r.body["next_cursor"].is_null() ? "" : r.body["next_cursor"].get<std::string>();
    } while (!cursor.empty());
    return all;
  }
};

// ------------------------------------------------------------------------- specific SRAs

TEST_F(ScopeTest, ASpecificSraIsReadOnlyByItsOrganizationAndTheSecurityRolesThatWorkOnIt) {
  const std::string spec = SpecificSra("area_2", "org_iom", "IOM-SCOPE-1", /*publish=*/true);
  auto v2 = Post("/api/v1/sras/" + spec + "/revise", json::object(), OrgSp("org_iom"));  // its own organization revises it
  ASSERT_EQ(v2.status, 201) << v2.raw;
  const std::string next = v2.body["id"];

  for (const char* u : {"sp", "cell", "smt", "dss", "hq", "exec", "admin", "auditor"}) {
    EXPECT_EQ(Get("/api/v1/sras/" + spec, T(u)).status, 200) << u;
    EXPECT_EQ(Get("/api/v1/sras/" + next + "/diff", T(u)).status, 200) << u;
    EXPECT_EQ(Get("/api/v1/sras/" + spec + "/audit", T(u)).status, 200) << u;
    EXPECT_EQ(Get("/api/v1/specific-sras/" + spec, T(u)).status, 200) << u;
    EXPECT_TRUE(Has(Get("/api/v1/sras?limit=500", T(u)).body["items"], spec)) << u;
    EXPECT_TRUE(Has(Get("/api/v1/specific-sras?limit=500", T(u)).body["items"], spec)) << u;
  }

  // Outsiders: WFP's finance officer (Carana); WFP's HQ security office, whose grant has no scope
  // at all; a WFP security professional whose grant is restricted to WFP.
  const std::map<std::string, std::string> outsiders{
      {"finance", T("finance")},
      {"wfp_hq", NewUser("wfp_hq", "org_wfp", json::array({{{"role", "hq_security"}}}))},
      {"wfp_sp", NewUser("wfp_sp", "org_wfp",
                         json::array({{{"role", "security_professional"}, {"org_id", "org_wfp"}, {"country_id", "cty_carana"}}}))}};
  const int audit_before = AuditEntries();
  const json before = Get("/api/v1/sras/" + next, T("sp")).body;
  for (const auto& [who, tok] : outsiders) {
    ASSERT_FALSE(tok.empty()) << who;
    for (const std::string& path :
         {"/api/v1/sras/" + spec, "/api/v1/sras/" + next, "/api/v1/sras/" + spec + "/audit",
          "/api/v1/sras/" + spec + "/versions", "/api/v1/sras/" + next + "/diff", "/api/v1/sras/" + next + "/completeness",
          "/api/v1/audit?object_id=" + spec,
          "/api/v1/audit?object_id=" + next, "/api/v1/specific-sras/" + spec}) {
      auto r = Get(path, tok);
      EXPECT_EQ(r.status, 403) << who << " " << path << ": " << r.raw;
      EXPECT_EQ(r.raw.find("IOM-SCOPE-1"), std::string::npos) << who << " " << path;
    }
    for (const std::string& path : {std::string("/api/v1/sras?limit=500"), std::string("/api/v1/sras?area_id=area_2&limit=500"),
                                    std::string("/api/v1/sras?country_id=cty_carana&status=draft&limit=500"),
                                    std::string("/api/v1/specific-sras?limit=500"), std::string("/api/v1/inbox?limit=500")}) {
      auto r = Get(path, tok);
      ASSERT_EQ(r.status, 200) << who << " " << path << ": " << r.raw;
      EXPECT_FALSE(Has(r.body["items"], spec)) << who << " " << path;
      EXPECT_FALSE(Has(r.body["items"], next)) << who << " " << path;
    }
    // Writes to it are refused the same way, and change nothing.
    EXPECT_EQ(Put("/api/v1/sras/" + next, json{{"title", "Taken over"}}, tok).status, 403) << who;
    EXPECT_EQ(Post("/api/v1/sras/" + next + "/scenarios",
                   json{{"title", "x"}, {"threat_category", "crime"}}, tok).status, 403) << who;
    EXPECT_EQ(Post("/api/v1/sras/" + next + "/transitions", json{{"action", "submit"}}, tok).status, 403) << who;
    EXPECT_EQ(Post("/api/v1/sras/" + spec + "/revise", json::object(), tok).status, 403) << who;
    EXPECT_EQ(Post("/api/v1/specific-sras/" + spec + "/transitions", json{{"action", "coordinate"}}, tok).status, 403)
        << who;
  }
  // Nor can an outsider with a drafting role plant a specific SRA in another organization.
  auto planted = Post("/api/v1/sras",
                      json{{"area_id", "area_2"}, {"kind", "specific"}, {"organization_id", "org_iom"},
                           {"mission_ref", "IOM-PLANTED"}, {"title", "Planted"}},
                      outsiders.at("wfp_sp"));
  EXPECT_EQ(planted.status, 403) << planted.raw;
  // ... while it still drafts its own organization's.
  auto own = Post("/api/v1/sras",
                  json{{"area_id", "area_2"}, {"kind", "specific"}, {"organization_id", "org_wfp"},
                       {"mission_ref", "WFP-OWN-1"}, {"title", "WFP mission"}},
                  outsiders.at("wfp_sp"));
  EXPECT_EQ(own.status, 201) << own.raw;
  const json after = Get("/api/v1/sras/" + next, T("sp")).body;
  EXPECT_EQ(after["revision"], before["revision"]);
  EXPECT_EQ(after["title"], before["title"]);
  EXPECT_EQ(AuditEntries(), audit_before + (own.status == 201 ? 1 : 0));
  // Its own organization reads it; area SRAs stay shared by every organization present.
  EXPECT_EQ(Get("/api/v1/sras/" + own.body.value("id", "none"), T("finance")).status, 200);
  EXPECT_EQ(Get("/api/v1/sras/" + own.body.value("id", "none"), T("hq")).status, 403);
  auto area_list = Get("/api/v1/sras?area_id=area_1&status=published&limit=500", T("finance"));
  ASSERT_EQ(area_list.status, 200);
  EXPECT_GE(area_list.body["items"].size(), 1u);
}

TEST_F(ScopeTest, ListsFilterInTheStoreWithFullPagesAndTotalsThatAddUp) {
  for (int i = 0; i < 3; ++i) SpecificSra("area_3", "org_iom", "IOM-PAGE-" + std::to_string(i), false);
  AreaSra("area_3", "Kalari area SRA");
  SpecificSra("area_3", "org_wfp", "WFP-PAGE-1", false);
  const json all = AllSras();
  auto expected = [&](const std::string& org) {
    std::set<std::string> ids;
    for (const auto& s : all)
      if (s["kind"] != "specific" || s["organization_id"] == org) ids.insert(s["id"]);
    return ids;
  };
  const std::set<std::string> for_wfp = expected("org_wfp"), for_iom = expected("org_iom");
  ASSERT_LT(for_wfp.size(), all.size());
  EXPECT_EQ(Walk("/api/v1/sras", T("finance")), for_wfp);
  EXPECT_EQ(Walk("/api/v1/sras", T("hq")), for_iom);
  EXPECT_EQ(Walk("/api/v1/sras", T("cell")).size(), all.size());
  // The specific SRAs' approvals: each organization its own.
  const std::string spec = SpecificSra("area_3", "org_iom", "IOM-PAGE-PUB", true);
  EXPECT_TRUE(Walk("/api/v1/specific-sras", T("hq")).contains("ssa_" + spec));
  auto wfp_specific = Get("/api/v1/specific-sras?limit=500", T("finance"));
  ASSERT_EQ(wfp_specific.status, 200);
  EXPECT_FALSE(Has(wfp_specific.body["items"], spec));
  EXPECT_TRUE(Has(Get("/api/v1/specific-sras?limit=500", T("smt")).body["items"], spec))
      << "the SMT of the area endorsed it and keeps seeing it";
}

TEST_F(ScopeTest, TheInboxPagesWithoutHoles) {
  // Security cell for area_1 and SMT for area_2: SRAs in review in area_2 and reviewed in area_1
  // await somebody else.
  const std::string mixed = NewUser("mixed", "org_undp",
                                    json::array({{{"role", "security_cell"}, {"area_id", "area_1"}},
                                                 {{"role", "smt"}, {"area_id", "area_2"}}}));
  ASSERT_FALSE(mixed.empty());
  auto act = [&](const std::string& id, const char* action, const std::string& token) {
    auto r = Post("/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", "ok"}}, token);
    EXPECT_EQ(r.status, 200) << action << ": " << r.raw;
  };
  for (int i = 0; i < 3; ++i) act(AreaSra("area_2", "Leppko in review " + std::to_string(i)), "submit", T("sp"));
  for (int i = 0; i < 2; ++i) {
    const std::string id = AreaSra("area_1", "Sanjar reviewed " + std::to_string(i));
    act(id, "submit", T("sp"));
    act(id, "review", T("cell"));
  }
  const std::string mine_review = AreaSra("area_1", "Sanjar in review");
  act(mine_review, "submit", T("sp"));
  const std::string mine_endorse = AreaSra("area_2", "Leppko reviewed");
  act(mine_endorse, "submit", T("sp"));
  act(mine_endorse, "review", T("cell"));
  std::set<std::string> expected;
  for (const auto& s : AllSras())
    if ((s["status"] == "in_review" && s["area_id"] == "area_1") || (s["status"] == "reviewed" && s["area_id"] == "area_2"))
      expected.insert(s["id"]);
  ASSERT_TRUE(expected.contains(mine_review) && expected.contains(mine_endorse));
  EXPECT_EQ(Walk("/api/v1/inbox", mixed), expected);
}

// ------------------------------------------------------------------------------ travellers

TEST_F(ScopeTest, ATravellerIsAUserAndNeverDecidesTheirOwnLeg) {
  const json legs = json::array({{{"area_id", "area_7"}, {"from", DateFromToday(20)}, {"to", DateFromToday(22)}}});
  // WFP's finance officer files for cell's member (IOM), named by name only: refused now.
  auto by_name = Post("/api/v1/clearances",
                      json{{"traveller", {{"name", "Chloe Security Cell"}}}, {"activity", "Joint visit"}, {"legs", legs}},
                      T("finance"));
  EXPECT_EQ(by_name.status, 400) << by_name.raw;
  EXPECT_EQ(by_name.Code(), "required");
  EXPECT_EQ(by_name.Field(), "traveller.user_id");
  // A name that is not the user's is refused.
  const std::string cell_id = UserId(T("cell"));
  auto wrong = Post("/api/v1/clearances",
                    json{{"traveller", {{"name", "Somebody Else"}, {"user_id", cell_id}}}, {"activity", "Joint visit"},
                         {"legs", legs}},
                    T("finance"));
  EXPECT_EQ(wrong.status, 422) << wrong.raw;
  EXPECT_EQ(wrong.Field(), "traveller.name");
  // Named as the user: the name recorded is the user's.
  auto r = Post("/api/v1/clearances",
                json{{"traveller", {{"user_id", cell_id}}}, {"activity", "Joint visit"}, {"legs", legs}},
                T("finance"));
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["traveller"]["name"], "Chloe Security Cell");
  EXPECT_EQ(r.body["traveller"]["user_id"], cell_id);
  const std::string req = r.body["id"], leg = r.body["legs"][0]["id"];
  ASSERT_EQ(r.body["legs"][0]["status"], "referred");
  const std::string path = "/api/v1/clearances/" + req + "/legs/" + leg + "/decision";
  const json approve{{"action", "approve"}, {"comment", "Agreed"}};
  auto self = Post(path, approve, T("cell"));
  EXPECT_EQ(self.status, 403) << self.raw;
  EXPECT_EQ(self.Code(), "self_approval");
  // Issue 14: the DSS security adviser for the area decides (was: the DSS desk).
  auto ok = Post(path, approve, T("sp"));
  EXPECT_EQ(ok.status, 200) << ok.raw;
}

TEST_F(ScopeTest, ALegRecordedWithANameOnlyStaysReadableAndIsDecidedByNobody) {
  const json legs = json::array({{{"area_id", "area_7"}, {"from", DateFromToday(30)}, {"to", DateFromToday(31)}}});
  auto r = Post("/api/v1/clearances", json{{"activity", "Old style"}, {"legs", legs}}, T("finance"));
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string req = r.body["id"], leg = r.body["legs"][0]["id"];
  ASSERT_EQ(r.body["legs"][0]["status"], "referred");
  // As recorded before travellers were users: a name, no user id.
  auto& store = *S().app().store;
  const domain::records::Traveller name_only{"Chloe Security Cell", ""};
  auto legacy = [&](auto record, const char* kind) {
    record.traveller = name_only;
    const int64_t revision = record.revision;
    return store.WriteRecords({}, {{record, revision}},
                              {{"system", "test", "system", "test.legacy_traveller", kind, record.id, "", "", ""}});
  };
  auto request_row = store.GetClearanceRequest(req);
  ASSERT_TRUE(request_row && *request_row);
  ASSERT_TRUE(legacy(**request_row, "clearance"));
  auto leg_row = store.GetClearanceLeg(leg);
  ASSERT_TRUE(leg_row && *leg_row);
  ASSERT_TRUE(legacy(**leg_row, "clearance_leg"));
  const int audit_before = AuditEntries();
  auto read = Get("/api/v1/clearances/" + req, T("finance"));
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["legs"][0]["traveller"]["name"], "Chloe Security Cell");
  const std::string path = "/api/v1/clearances/" + req + "/legs/" + leg + "/decision";
  // Issue 14: the DSS security adviser ("sp") decides referred legs (was: the cell and the DSS desk).
  for (const char* u : {"sp"}) {
    for (const char* action : {"approve", "refuse"}) {
      auto d = Post(path, json{{"action", action}, {"comment", "x"}}, T(u));
      EXPECT_EQ(d.status, 409) << u << " " << action << ": " << d.raw;
      EXPECT_EQ(d.Code(), "traveller_unidentified") << u;
    }
  }
  EXPECT_EQ(Get("/api/v1/clearances/" + req, T("finance")).body["legs"][0]["status"], "referred");
  EXPECT_EQ(AuditEntries(), audit_before);
}

// ------------------------------------------------------------------------------ references

TEST_F(ScopeTest, OrganizationsCountriesAndAreasNamedInSrasAndGrantsExist) {
  const int audit_before = AuditEntries();
  struct Case { std::string method, path; json body; std::string field; };
  const json grant_base{{"username", "ref_user"}, {"password", kPassword}, {"organization_id", "org_wfp"}};
  auto with_grant = [&](json g) {
    json b = grant_base;
    b["grants"] = json::array({g});
    return b;
  };
  const std::vector<Case> cases = {
      {"POST", "/api/v1/sras", {{"area_id", "area_4"}, {"title", "x"}, {"organization_id", "org_nowhere"}}, "organization_id"},
      {"POST", "/api/v1/sras",
       {{"area_id", "area_4"}, {"title", "x"}, {"kind", "specific"}, {"mission_ref", "M"}, {"organization_id", "org_nowhere"}},
       "organization_id"},
      {"POST", "/api/v1/sras",
       {{"area_id", "area_4"}, {"title", "x"},
        {"programmes", json::array({{{"organization_id", "org_nowhere"}, {"activity", "a"}, {"pc", 2}}})}},
       "programmes[0].organization_id"},
      {"POST", "/api/v1/users", with_grant({{"role", "security_cell"}, {"org_id", "org_nowhere"}}), "grants[0].org_id"},
      {"POST", "/api/v1/users", with_grant({{"role", "security_cell"}, {"country_id", "cty_nowhere"}}), "grants[0].country_id"},
      {"POST", "/api/v1/users", with_grant({{"role", "security_cell"}, {"area_id", "area_nowhere"}}), "grants[0].area_id"},
      {"POST", "/api/v1/users", with_grant({{"role", "security_cell"}, {"country_id", "cty_carana"}, {"area_id", "area_nowhere"}}),
       "grants[0].area_id"},
  };
  for (const auto& c : cases) {
    auto r = S().Call(c.method, c.path, c.body, c.method == "POST" && c.path == "/api/v1/sras" ? T("sp") : T("admin"));
    EXPECT_EQ(r.status, 422) << c.path << " " << c.body.dump() << " -> " << r.raw;
    EXPECT_EQ(r.Field(), c.field) << c.path << " " << c.body.dump() << " -> " << r.raw;
  }
  // An edit of a draft, and a user's grants changed later, are held to the same.
  const std::string draft = AreaSra("area_4", "Guvi Coast draft");
  auto edit = Put("/api/v1/sras/" + draft,
                  json{{"programmes", json::array({{{"organization_id", "org_nowhere"}, {"activity", "a"}, {"pc", 2}}})}},
                  T("sp"));
  EXPECT_EQ(edit.status, 422) << edit.raw;
  EXPECT_EQ(edit.Field(), "programmes[0].organization_id");
  EXPECT_EQ(AuditEntries(), audit_before + 2) << "only the draft and its scenario were recorded";
  // Empty ids still mean "unscoped"; existing ones are accepted.
  auto unscoped = Post("/api/v1/users", with_grant({{"role", "auditor"}, {"org_id", ""}, {"country_id", ""}, {"area_id", ""}}),
                       T("admin"));
  ASSERT_EQ(unscoped.status, 201) << unscoped.raw;
  auto regrant = Put("/api/v1/users/" + unscoped.body["id"].get<std::string>(),
                     json{{"grants", json::array({{{"role", "finance"}, {"country_id", "cty_nowhere"}}})}}, T("admin"));
  EXPECT_EQ(regrant.status, 422) << regrant.raw;
  EXPECT_EQ(regrant.Field(), "grants[0].country_id");
  json scoped = grant_base;
  scoped["username"] = "ref_user2";
  scoped["grants"] = json::array({{{"role", "security_cell"}, {"org_id", "org_wfp"}, {"country_id", "cty_carana"},
                                   {"area_id", "area_4"}}});
  EXPECT_EQ(Post("/api/v1/users", scoped, T("admin")).status, 201);
  auto ok = Post("/api/v1/sras",
                 json{{"area_id", "area_4"}, {"title", "Guvi Coast"}, {"organization_id", "org_unicef"},
                      {"programmes", json::array({{{"organization_id", "org_unicef"}, {"activity", "a"}, {"pc", 2}}})}},
                 T("sp"));
  EXPECT_EQ(ok.status, 201) << ok.raw;
}

// ------------------------------------------------------------- another organization's ids

TEST_F(ScopeTest, AnotherOrganizationsIdsAreRefusedAndChangeNothing) {
  // A WFP request referred in area_7, and the WFP residence's compliance item from the demo.
  auto r = Post("/api/v1/clearances",
                json{{"activity", "Warehouse"}, {"legs", json::array({{{"area_id", "area_7"}, {"from", DateFromToday(40)}, {"to", DateFromToday(41)}}})}},
                T("finance"));
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string req = r.body["id"], leg = r.body["legs"][0]["id"];
  auto items = Get("/api/v1/compliance/items?organization_id=org_wfp&limit=1", T("cell"));
  ASSERT_EQ(items.status, 200);
  ASSERT_FALSE(items.body["items"].empty());
  const std::string item = items.body["items"][0]["id"];
  const std::string own_req = Post("/api/v1/clearances",
                                   json{{"activity", "Own"}, {"legs", json::array({{{"area_id", "area_7"}, {"from", DateFromToday(42)}, {"to", DateFromToday(43)}}})}},
                                   T("smt")).body["id"];
  const int audit_before = AuditEntries();
  // UNDP's SMT member and IOM's executive office: not WFP, not the security cell or DSS desk.
  for (const char* u : {"smt", "exec", "hq"}) {
    EXPECT_EQ(Get("/api/v1/clearances/" + req, T(u)).status, 403) << u;
    auto d = Post("/api/v1/clearances/" + req + "/legs/" + leg + "/decision",
                  json{{"action", "approve"}, {"comment", "mine now"}}, T(u));
    EXPECT_EQ(d.status, 403) << u << ": " << d.raw;
    EXPECT_EQ(Get("/api/v1/compliance/items/" + item, T(u)).status, 403) << u;
    EXPECT_EQ(Put("/api/v1/compliance/items/" + item, json{{"comment", "mine now"}}, T(u)).status, 403) << u;
  }
  // The leg id under another request id: not found, for everyone.
  auto crossed = Post("/api/v1/clearances/" + own_req + "/legs/" + leg + "/decision",
                      json{{"action", "approve"}, {"comment", "x"}}, T("dss"));
  EXPECT_EQ(crossed.status, 404) << crossed.raw;
  EXPECT_EQ(AuditEntries(), audit_before);
  EXPECT_EQ(Get("/api/v1/clearances/" + req, T("finance")).body["legs"][0]["status"], "referred");
}

}  // namespace
}  // namespace srm::testing
