// Throws bad input at every writing endpoint: each is refused with a 4xx and a machine-readable
// reason, the server stays up, and the database is exactly as it was.
#include <gtest/gtest.h>

#include "test_server.h"

namespace srm::testing {
namespace {

struct Bad {
  std::string method, path, body;
  std::string note;
};

std::string Snapshot(TestServer& s, const std::string& token, const std::string& sra_id) {
  // The access log anchors its batches of reads (this snapshot's own included) in the chain.
  const int entries = s.AuditEntriesBesideAccessBatches();
  auto sra = s.Call("GET", "/api/v1/sras/" + sra_id, json(), token);
  auto users = s.Call("GET", "/api/v1/users?limit=500", json(), token);
  auto list = s.Call("GET", "/api/v1/sras?limit=500", json(), token);
  return std::to_string(entries) + "|" + sra.raw + "|" + users.raw + "|" + list.raw;
}

TEST(BadInputTest, RefusedWith4xxAndNothingChanges) {
  TestServer s(/*demo=*/true, /*max_body=*/64 * 1024);
  const std::string sp = s.Login("sp"), admin = s.Login("admin");
  // A draft to aim at.
  auto c = s.Call("POST", "/api/v1/sras", json{{"area_id", "area_6"}, {"title", "Target"}}, sp);
  ASSERT_EQ(c.status, 201);
  const std::string id = c.body["id"];
  auto sc = s.Call("POST", "/api/v1/sras/" + id + "/scenarios", json{{"title", "T"}, {"threat_category", "crime"}}, sp);
  ASSERT_EQ(sc.status, 201);
  const std::string sid = sc.body["scenarios"][0]["id"];
  const std::string before = Snapshot(s, admin, id);

  const std::string sras = "/api/v1/sras", one = sras + "/" + id, scen = one + "/scenarios", sc1 = scen + "/" + sid;
  std::vector<Bad> bad{
      {"POST", sras, "{", "truncated JSON"},
      {"POST", sras, "not json at all", "garbage"},
      {"POST", sras, "[1,2,3]", "array instead of object"},
      {"POST", sras, std::string(100, '[') + std::string(100, ']'), "deep nesting"},
      {"POST", sras, std::string(200000, '['), "very deep nesting"},
      {"POST", sras, "{\"area_id\":\"area_6\",\"title\":\"" + std::string(70000, 'x') + "\"}", "body over the limit"},
      {"POST", sras, R"({"area_id":"area_6","title":"t\u0000x"})", "NUL in text"},
      {"POST", sras, R"({"area_id":"area_6"})", "missing title"},
      {"POST", sras, R"({"area_id":42,"title":"x"})", "wrong type id"},
      {"POST", sras, R"({"area_id":"area_6","title":7})", "wrong type title"},
      {"POST", sras, R"({"area_id":"nope","title":"x"})", "unknown area"},
      {"POST", sras, R"({"area_id":"' OR 1=1 --","title":"x"})", "injection in id"},
      {"POST", sras, R"({"area_id":"area_6","title":"x","kind":"evil"})", "unknown kind"},
      {"POST", sras, R"({"area_id":"area_6","title":"x","scope":{"from_date":"2026-13-45"}})", "bad date"},
      {"POST", sras, R"({"area_id":"area_6","title":"x","scope":{"trigger":"whim"}})", "unknown trigger"},
      {"POST", sras, R"({"area_id":"area_6","title":"x","threats":[{"category":"crime","intent":9,"capability":1,"inhibiting":1}]})", "factor out of range"},
      {"POST", sras, R"({"area_id":"area_6","title":"x","programmes":[{"pc":7}]})", "PC out of range"},
      {"POST", sras, R"({"area_id":"area_6","title":"x","admin":true})", "unknown field"},
      {"PUT", one, R"({"title":["a"]})", "array title"},
      {"PUT", one, R"({"situation":{"political":5}})", "number situation"},
      {"PUT", one, R"({"situation":{"<script>":"x"}})", "unknown situation heading"},
      {"PUT", one, R"({"area_id":"area_1"})", "immutable area"},
      {"PUT", one, R"({"title":"x","revision":999})", "stale revision"},
      {"PUT", "/api/v1/sras/does_not_exist", R"({"title":"x"})", "unknown SRA"},
      {"PUT", "/api/v1/sras/%27%3B%20DROP%20TABLE%20sras%3B--", R"({"title":"x"})", "injection in path"},
      {"POST", scen, R"({"title":"x","threat_category":"aliens"})", "unknown category"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","likelihood":"Likely","impact":"Minor"})", "rule zero"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","vulnerability":{"exposed":"a","weaknesses":"b"},"likelihood":"Often","impact":"Minor"})", "unknown level"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","vulnerability":{"exposed":"a","weaknesses":"b"},"likelihood":0,"impact":1})", "level 0"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","vulnerability":"weak"})", "vulnerability as string"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","measures":[{"type":"hope","description":"d"}]})", "measure type"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","measures":[{"type":"prevention","description":"d","cost_minor":-5}]})", "negative cost"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","measures":[{"type":"prevention","description":"d","cost_minor":"1e999"}]})", "cost as string"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","measures":[{"type":"prevention","description":"d","cost_minor":12.5}]})", "cost_minor not an integer"},
      {"POST", scen, R"({"title":"x","threat_category":"crime","measures":[{"type":"prevention","description":"d","cost":12}]})", "cost (before 0014) is no field"},
      {"PUT", sc1, R"({"likelihood":"Likely","impact":"Minor"})", "rate unassessed"},
      {"PUT", scen + "/scn_missing", R"({"title":"x"})", "unknown scenario"},
      {"POST", one + "/transitions", R"({"action":"publish_now"})", "unknown action"},
      {"POST", one + "/transitions", R"({"action":"approve"})", "out of order"},
      {"POST", one + "/transitions", R"({"action":"submit"})", "rule zero at submit"},
      {"POST", one + "/transitions", R"({"comment":"x"})", "missing action"},
      {"POST", one + "/revise", "{}", "revise a draft"},
      {"POST", "/api/v1/risk/evaluate", R"({"likelihood":null,"impact":1})", "null level"},
      {"POST", "/api/v1/users", R"({"username":"x y","password":"long-enough-pass"})", "bad username"},
      {"POST", "/api/v1/users", R"({"username":"ok","password":"long-enough-pass","grants":[{"role":"god"}]})", "unknown role"},
      {"POST", "/api/v1/methods", R"({"version":"x"})", "incomplete pack"},
      {"GET", "/api/v1/sras?limit=abc", "", "bad limit"},
      {"GET", "/api/v1/sras?status=%3Cscript%3E", "", "bad status"},
      {"GET", "/api/v1/sras/" + std::string(100, 'a'), "", "overlong id"},
      {"GET", "/api/v1/nothing-here", "", "unknown route"},
  };
  for (const auto& b : bad) {
    const std::string& token = (b.path.find("/users") != std::string::npos || b.path.find("/methods") != std::string::npos) ? admin : sp;
    auto r = s.Call(b.method, b.path, b.body, TestServer::Auth(token));
    EXPECT_GE(r.status, 400) << b.note;
    EXPECT_LT(r.status, 500) << b.note << ": " << r.raw;
    ASSERT_TRUE(r.body.is_object()) << b.note << ": " << r.raw;
    EXPECT_FALSE(r.Code().empty()) << b.note << ": " << r.raw;
    EXPECT_TRUE(r.body["error"].contains("message")) << b.note;
    EXPECT_EQ(s.Call("GET", "/healthz").status, 200) << "server down after " << b.note;
  }
  EXPECT_EQ(Snapshot(s, admin, id), before);
}

TEST(BadInputTest, InjectionStringsInTextAreStoredVerbatimAndEscapedByJson) {
  // Text like O'Brien or <b> is legitimate in an assessment: it is stored exactly, never
  // interpreted (parameterized SQL), and returned JSON-encoded.
  TestServer s;
  const std::string sp = s.Login("sp");
  const std::vector<std::string> nasty{"'; DROP TABLE sras; --", "<script>alert(1)</script>", "\" OR \"1\"=\"1",
                                       "Robert'); DELETE FROM users;--", "${jndi:ldap://x}", "../../etc/passwd"};
  for (const auto& text : nasty) {
    auto c = s.Call("POST", "/api/v1/sras",
                    json{{"area_id", "area_3"}, {"title", text}, {"situation", {{"political", text}}}}, sp);
    ASSERT_EQ(c.status, 201) << text;
    auto g = s.Call("GET", "/api/v1/sras/" + c.body["id"].get<std::string>(), json(), sp);
    EXPECT_EQ(g.body["title"], text);
    EXPECT_EQ(g.body["situation"]["political"], text);
    // Served as JSON with nosniff, so a browser never renders it as HTML.
    std::map<std::string, std::string> h(g.headers.begin(), g.headers.end());
    EXPECT_EQ(h["Content-Type"], "application/json");
    EXPECT_EQ(h["X-Content-Type-Options"], "nosniff");
  }
  EXPECT_EQ(s.Call("GET", "/api/v1/users", json(), s.Login("admin")).status, 200);
}

}  // namespace
}  // namespace srm::testing
