// The API over the event-driven transport (api/http): body limits by route decided from the head
// before the body is read (a sign-in, a JSON route, an upload before and after authentication),
// and a published SRA answered 304 for the ETag the client holds. Outcomes only.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "complete_sra.h"
#include "raw_socket.h"
#include "test_server.h"

namespace srm::testing {
namespace {

class HttpApiTest : public SharedServerTest<HttpApiTest> {};

// Sends only a request head (the body it announces is never sent) and reads the answer until the
// server closes: an answer at all proves the server decided without the body.
std::pair<int, std::string> HeadOnly(int port, const std::string& head) {
  const std::string all = SendRaw(port, head, 20);
  if (all.size() < 12) return {0, all};
  return {std::atoi(all.c_str() + 9), all};
}

TEST_F(HttpApiTest, BodyLimitsByRouteAreAppliedBeforeTheBodyIsRead) {
  const int port = S().port();
  // A sign-in is a few hundred bytes: 9,000 announced is refused at once.
  auto login = HeadOnly(port, "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                              "Content-Length: 9000\r\n\r\n");
  EXPECT_EQ(login.first, 413) << login.second;
  EXPECT_NE(login.second.find("body_too_large"), std::string::npos);
  // A JSON route: above max_body_bytes (1 MiB here).
  auto json_route = HeadOnly(port, "POST /api/v1/sras HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                   "Authorization: Bearer " + T("sp") + "\r\nContent-Length: 2000000\r\n\r\n");
  EXPECT_EQ(json_route.first, 413) << json_route.second;
  // An upload without credentials: 401 before any of its 60 MB is read.
  auto anonymous = HeadOnly(port, "POST /api/v1/incidents/import HTTP/1.1\r\nHost: t\r\nContent-Type: text/csv\r\n"
                                  "Content-Length: 62914560\r\n\r\n");
  EXPECT_EQ(anonymous.first, 401) << anonymous.second;
  EXPECT_NE(anonymous.second.find("\"error\""), std::string::npos) << "the error shape";
  // Authenticated, but above the upload limit (64 MiB): 413, still unread.
  auto too_big = HeadOnly(port, "POST /api/v1/incidents/import HTTP/1.1\r\nHost: t\r\nContent-Type: text/csv\r\n"
                                "Authorization: Bearer " + T("sp") + "\r\nContent-Length: 70000000\r\n\r\n");
  EXPECT_EQ(too_big.first, 413) << too_big.second;
  // Liveness never needs a body and answers throughout.
  EXPECT_EQ(S().Call("GET", "/healthz").status, 200);
}

TEST_F(HttpApiTest, APublishedSraIsAnswered304ForTheETagTheClientHolds) {
  auto list = S().Call("GET", "/api/v1/sras?status=published", json(), T("sp"));
  ASSERT_EQ(list.status, 200);
  ASSERT_FALSE(list.body["items"].empty());
  const std::string path = "/api/v1/sras/" + list.body["items"][0]["id"].get<std::string>();
  auto first = S().Call("GET", path, json(), T("sp"));
  ASSERT_EQ(first.status, 200);
  std::string etag;
  for (const auto& [k, v] : first.headers)
    if (k == "ETag") etag = v;
  ASSERT_FALSE(etag.empty());
  auto again = S().Call("GET", path, "", {{"Authorization", "Bearer " + T("sp")}, {"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.raw.empty());
  auto other = S().Call("GET", path, "", {{"Authorization", "Bearer " + T("sp")}, {"If-None-Match", "\"0\""}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.raw, first.raw);
  // The tag does not bypass authentication.
  auto anonymous = S().Call("GET", path, "", {{"If-None-Match", etag}});
  EXPECT_EQ(anonymous.status, 401);
  // The document carries the reader's own actions: another reader holding the drafter's tag (a
  // shared cache, a second account in the same browser) is answered their own document, not 304.
  auto auditor = S().Call("GET", path, "", {{"Authorization", "Bearer " + T("auditor")}, {"If-None-Match", etag}});
  ASSERT_EQ(auditor.status, 200) << "the auditor may not take the drafter's actions from a 304";
  EXPECT_NE(auditor.raw, first.raw);
}

// A published SRA's document is built once and kept (service/sra_read_cache.h): what a reader is
// answered must not depend on who read it before. The same bytes again; every reader's own actions;
// and once a new version is published, the kept version reads as superseded.
TEST_F(HttpApiTest, AKeptPublishedSraStillAnswersEachReaderForThemselves) {
  auto list = S().Call("GET", "/api/v1/sras?status=published", json(), T("sp"));
  ASSERT_EQ(list.status, 200);
  ASSERT_FALSE(list.body["items"].empty());
  const std::string id = list.body["items"][0]["id"];
  const std::string path = "/api/v1/sras/" + id;
  auto sp = S().Call("GET", path, json(), T("sp"));
  ASSERT_EQ(sp.status, 200) << sp.raw;
  EXPECT_EQ(S().Call("GET", path, json(), T("sp")).raw, sp.raw);
  auto auditor = S().Call("GET", path, json(), T("auditor"));
  ASSERT_EQ(auditor.status, 200) << auditor.raw;
  EXPECT_EQ(auditor.body["actions"], json::array()) << "the auditor takes no step";
  ASSERT_TRUE(sp.body["actions"].is_array());
  EXPECT_EQ(sp.body["actions"].size(), 1u) << sp.raw;  // its conducting professional may start version 2
  EXPECT_EQ(sp.body["actions"][0], "revise");
  json a = auditor.body, b = sp.body;
  a.erase("actions");
  b.erase("actions");
  EXPECT_EQ(a, b) << "everything but the actions is the same document";
  // A new version published: the kept one is stale and the read says superseded.
  auto v2 = S().Call("POST", path + "/revise", json(), T("sp"));
  ASSERT_EQ(v2.status, 201) << v2.raw;
  const std::string id2 = v2.body["id"];
  for (auto [act, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}}) {
    auto r = S().Call("POST", "/api/v1/sras/" + id2 + "/transitions", json{{"action", act}}, T(u));
    ASSERT_EQ(r.status, 200) << act << ": " << r.raw;
  }
  auto old = S().Call("GET", path, json(), T("sp"));
  ASSERT_EQ(old.status, 200);
  EXPECT_EQ(old.body["status"], "superseded");
  EXPECT_EQ(old.body["validity"]["reason"], "superseded");
  EXPECT_EQ(old.body["actions"], json::array()) << "a superseded version is revised no more";
}

// A read writes its per-reader members (validity, actions) as text beside the kept document's
// members: the answer is still, byte for byte, what json::dump() writes for the whole document,
// for a kept published version and for a draft with several actions alike.
TEST_F(HttpApiTest, AnSraReadIsByteForByteTheDocumentsJsonDump) {
  auto list = S().Call("GET", "/api/v1/sras?status=published", json(), T("sp"));
  ASSERT_EQ(list.status, 200);
  ASSERT_FALSE(list.body["items"].empty());
  const std::string published = list.body["items"][0]["id"];
  auto draft = S().Call("POST", "/api/v1/sras",
                        WithCompleteHeader(json{{"area_id", "area_2"}, {"title", "Quote \" and é"},
                                                {"scope", {{"from_date", "2026-01-01"}, {"to_date", "2026-12-31"},
                                                           {"trigger", "new_office"}}}}),
                        T("sp"));
  ASSERT_EQ(draft.status, 201) << draft.raw;
  const std::string drafted = draft.body["id"];
  for (const auto& [id, who] : {std::pair{published, "sp"}, {published, "auditor"}, {drafted, "sp"}}) {
    auto r = S().Call("GET", "/api/v1/sras/" + id, json(), T(who));
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.raw, json::parse(r.raw).dump()) << id << " as " << who;
    ASSERT_TRUE(r.body["validity"].is_object()) << r.raw;
    EXPECT_EQ(r.body["validity"].size(), 4u) << r.raw;
    EXPECT_TRUE(r.body["validity"]["in_force"].is_boolean());
    EXPECT_TRUE(r.body["validity"]["current"].is_boolean());
    EXPECT_TRUE(r.body["validity"]["reason"].is_string());
    ASSERT_TRUE(r.body["actions"].is_array()) << r.raw;
    if (id != published) { EXPECT_GE(r.body["actions"].size(), 2u) << "the drafter may edit and submit: " << r.raw; }
  }
}

}  // namespace
}  // namespace srm::testing
