// Issue 18: the answers of the SRA's writes name who acted as GET /sras/{id} does
// (created_by_name, history[].by_name) — create, edit, the scenario writes, every transition and a
// new version — so the web UI never shows a username the next read would name. And a rename is
// seen by every server of the database: a second server that keeps the published SRA's read view
// names the renamed person at its next read (the names epoch is in the database). Both stores.
#include <map>

#include "decisions_fixture.h"
#include "second_server.h"

namespace srm::testing {
namespace {

// username -> display name and id, as the administrator lists them.
struct People {
  std::map<std::string, std::string> name, id;
};
People PeopleOf(TestServer& s, const std::string& admin_token) {
  People p;
  auto users = s.Call("GET", "/api/v1/users?limit=500", json(), admin_token);
  EXPECT_EQ(users.status, 200) << users.raw;
  for (const auto& u : users.body["items"]) {
    p.name[u["username"]] = u["display_name"];
    p.id[u["username"]] = u["id"];
  }
  return p;
}

class SraWriteNamesTest : public DecisionsTest {
 protected:
  static HttpResult Call(const std::string& method, const std::string& path, const json& body, const std::string& user) {
    return S().Call(method, path, body, T(user));
  }
  // A write's answer names everyone as the display names say, and exactly as the next GET does.
  static void ExpectNamed(const HttpResult& w, const People& people, const std::string& what) {
    SCOPED_TRACE(what);
    ASSERT_LT(w.status, 300) << w.raw;
    ASSERT_TRUE(w.body.contains("created_by_name")) << w.raw;
    EXPECT_EQ(w.body["created_by_name"], people.name.at(w.body["created_by"])) << w.raw;
    for (const auto& h : w.body["history"]) {
      ASSERT_TRUE(h.contains("by_name")) << h.dump();
      EXPECT_EQ(h["by_name"], people.name.at(h["by"])) << h.dump();
      EXPECT_NE(h["by_name"], h["by"]) << h.dump();
    }
    auto g = Get("/api/v1/sras/" + w.body["id"].get<std::string>(), "sp");
    ASSERT_EQ(g.status, 200) << g.raw;
    EXPECT_EQ(w.body["created_by_name"], g.body["created_by_name"]);
    ASSERT_EQ(w.body["history"].size(), g.body["history"].size());
    for (size_t i = 0; i < g.body["history"].size(); ++i)
      EXPECT_EQ(w.body["history"][i]["by_name"], g.body["history"][i]["by_name"]) << i;
  }
};

TEST_F(SraWriteNamesTest, EveryWriteAnswerNamesWhoActedAsTheReadDoes) {
  People people = PeopleOf(S(), T("admin"));
  ASSERT_NE(people.name["sp"], "sp");
  // Create, edit, the scenario writes.
  auto created = Post("/api/v1/sras",
                      WithCompleteHeader({{"area_id", "area_6"}, {"title", "Names in write answers"},
                                          {"scope", {{"from_date", Date(0)}, {"to_date", Date(300)},
                                                     {"trigger", "change_in_area"}}}}),
                      "sp");
  ExpectNamed(created, people, "create");
  const std::string id = created.body["id"];
  const std::string base = "/api/v1/sras/" + id;
  ExpectNamed(Call("PUT", base, {{"title", "Names in write answers (edited)"}}, "sp"), people, "edit");
  const json scenario{{"title", "Ambush on the road"}, {"threat_category", "armed_conflict"},
                      {"vulnerability", {{"exposed", "road missions"}, {"weaknesses", "single road"}}},
                      {"likelihood", "Likely"}, {"impact", "Moderate"}};
  auto extra = Post(base + "/scenarios", WithMeasures(scenario), "sp");
  ExpectNamed(extra, people, "add a scenario");
  const std::string sid = extra.body["scenarios"][0]["id"];
  ExpectNamed(Call("PUT", base + "/scenarios/" + sid, {{"title", "Ambush on the north road"}}, "sp"), people,
              "edit a scenario");
  auto second = Post(base + "/scenarios", WithMeasures(scenario), "sp");
  ExpectNamed(second, people, "add another");
  ExpectNamed(Call("DELETE", base + "/scenarios/" + second.body["scenarios"][1]["id"].get<std::string>(), json(), "sp"),
              people, "delete a scenario");
  // Every transition, a return among them, its answer naming the whole history so far.
  for (auto [action, user] : {std::pair{"submit", "sp"}, {"return", "cell"}, {"submit", "sp"}, {"review", "cell"},
                              {"endorse", "smt"}, {"approve", "dss"}}) {
    auto t = Act(id, action, user);
    ExpectNamed(t, people, action);
    EXPECT_EQ(t.body["history"].back()["by_name"], people.name[user]) << action;
  }
  // A new version from the published one.
  auto revised = Post(base + "/revise", json(), "sp");
  ExpectNamed(revised, people, "revise");
  EXPECT_EQ(revised.status, 201);

  // A rename shows in the next write's answer at once (names are looked up per write).
  const std::string before = people.name["sp"];
  auto renamed = Call("PUT", "/api/v1/users/" + people.id["sp"], {{"display_name", "Samir Renamed Assessor"}}, "admin");
  ASSERT_EQ(renamed.status, 200) << renamed.raw;
  auto edited = Call("PUT", "/api/v1/sras/" + revised.body["id"].get<std::string>(), {{"title", "Version two"}}, "sp");
  EXPECT_EQ(edited.body["created_by_name"], "Samir Renamed Assessor") << edited.raw;
  people.name["sp"] = "Samir Renamed Assessor";
  ExpectNamed(edited, people, "edit after the rename");
  EXPECT_EQ(Call("PUT", "/api/v1/users/" + people.id["sp"], {{"display_name", before}}, "admin").status, 200);
}

// Two servers on one database: the second keeps the published SRA's read view (same revision,
// same bytes); the approver is renamed through the first; the second names the new name at its
// next read. Before the names epoch was in the database, the second server's view stayed at the
// old name until something else rebuilt it.
TEST(SraNamesOnTwoServers, ARenameThroughOneServerIsReadThroughTheOther) {
  TestServer s;
  SecondServer other(s);
  const std::string admin = s.Login("admin"), sp = s.Login("sp");
  People people = PeopleOf(s, admin);
  auto created = s.Call("POST", "/api/v1/sras",
                        WithCompleteHeader({{"area_id", "area_6"}, {"title", "Two servers, one name"},
                                            {"scope", {{"from_date", Date(0)}, {"to_date", Date(300)},
                                                       {"trigger", "change_in_area"}}}}),
                        sp);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["id"];
  auto sc = s.Call("POST", "/api/v1/sras/" + id + "/scenarios",
                   WithMeasures({{"title", "Ambush on the road"}, {"threat_category", "armed_conflict"},
                                 {"vulnerability", {{"exposed", "road missions"}, {"weaknesses", "single road"}}},
                                 {"likelihood", "Likely"}, {"impact", "Moderate"}}),
                   sp);
  ASSERT_EQ(sc.status, 201) << sc.raw;
  for (auto [action, user] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}}) {
    auto t = s.Call("POST", "/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", "ok"}},
                    s.Login(user));
    ASSERT_EQ(t.status, 200) << action << ": " << t.raw;
  }
  const auto approver_name = [](const HttpResult& r) {
    for (const auto& h : r.body["history"])
      if (h["action"] == "approve") return h["by_name"].get<std::string>();
    return std::string("(no approve entry)");
  };
  const std::string auditor = s.Login("auditor");
  // The second server reads it twice: the second read is its kept view (same bytes).
  auto first = other.Call("GET", "/api/v1/sras/" + id, json(), auditor);
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(approver_name(first), people.name["dss"]);
  auto kept = other.Call("GET", "/api/v1/sras/" + id, json(), auditor);
  EXPECT_EQ(kept.raw, first.raw);
  // Renamed through the first server: read through the second, the new name.
  auto renamed = s.Call("PUT", "/api/v1/users/" + people.id["dss"], json{{"display_name", "Dana Renamed Elsewhere"}}, admin);
  ASSERT_EQ(renamed.status, 200) << renamed.raw;
  auto after = other.Call("GET", "/api/v1/sras/" + id, json(), auditor);
  ASSERT_EQ(after.status, 200) << after.raw;
  EXPECT_EQ(approver_name(after), "Dana Renamed Elsewhere");
  EXPECT_NE(after.headers.find("ETag")->second, first.headers.find("ETag")->second);
  // And the other way round: the first server reads it (and keeps that view), the name is put back
  // through the second, and the first names it as it was at its next read.
  auto on_first = s.Call("GET", "/api/v1/sras/" + id, json(), auditor);
  EXPECT_EQ(approver_name(on_first), "Dana Renamed Elsewhere");
  auto back = other.Call("PUT", "/api/v1/users/" + people.id["dss"], json{{"display_name", people.name["dss"]}}, admin);
  ASSERT_EQ(back.status, 200) << back.raw;
  EXPECT_EQ(approver_name(s.Call("GET", "/api/v1/sras/" + id, json(), auditor)), people.name["dss"]);
  EXPECT_EQ(approver_name(other.Call("GET", "/api/v1/sras/" + id, json(), auditor)), people.name["dss"]);
}

}  // namespace
}  // namespace srm::testing
