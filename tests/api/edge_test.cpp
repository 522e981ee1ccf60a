// The request edge over real HTTP: whatever bytes a client puts in the path, the query or the
// headers, the answer is a 4xx in the error shape and the server stays up; our own faults answer
// 500; JSON routes take only application/json; a second server cannot take a bound port.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "server/evidence_wiring.h"
#include "raw_socket.h"
#include "test_server.h"

namespace srm::testing {
namespace {

struct RawReply {
  int status = 0;
  std::string head, body;
  json Json() const { return json::parse(body, nullptr, false); }
};

// Sends `request` byte for byte (no client library in between to refuse or re-encode it) and reads
// the answer until the server closes the connection.
RawReply Raw(int port, const std::string& request) {
  RawReply out;
  const std::string all = SendRaw(port, request, 10);
  const size_t end = all.find("\r\n\r\n");
  if (all.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return out;
  out.status = std::atoi(all.c_str() + 9);
  out.head = all.substr(0, end);
  out.body = all.substr(end + 4);
  return out;
}

std::string Request(const std::string& method, const std::string& target, const std::string& extra_headers = "") {
  return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers + "\r\n";
}

bool Up(TestServer& s) { return s.Call("GET", "/healthz").status == 200; }

struct Case {
  std::string target, headers, code, field, note;
};

TEST(EdgeTest, TextThatIsNotCleanUtf8AnywhereIsRefusedWith400AndTheServerStaysUp) {
  TestServer s;
  const std::string long_path = "/api/v1/" + std::string(3000, 'a');
  const std::vector<Case> cases{
      {"/%ff", "", "invalid_request_line", "path", "static path not UTF-8"},
      {"/api/v1/%ff", "", "invalid_request_line", "path", "API path not UTF-8"},
      {"/api/v1/sras/%ff%fe", "", "invalid_request_line", "path", "id not UTF-8"},
      {"/healthz%ff", "", "invalid_request_line", "path", "healthz with a trailing byte"},
      {"/%c0%af", "", "invalid_request_line", "path", "overlong encoding of '/'"},
      {"/%ed%a0%80", "", "invalid_request_line", "path", "a UTF-16 surrogate"},
      {"/%f4%90%80%80", "", "invalid_request_line", "path", "beyond U+10FFFF"},
      {"/index.html%00.js", "", "invalid_request_line", "path", "NUL in the path"},
      {"/api/v1/sras%0a", "", "invalid_request_line", "path", "line feed in the path"},
      {"/api/v1/sras%7f", "", "invalid_request_line", "path", "DEL in the path"},
      {long_path, "", "invalid_request_line", "path", "over-long path"},
      {"/api/v1/sras?status=%ff", "", "invalid_request_line", "query.status", "query value not UTF-8"},
      {"/healthz?x=a%00b", "", "invalid_request_line", "query.x", "NUL in a query value"},
      {"/healthz?%ff=1", "", "invalid_request_line", "query", "query name not UTF-8"},
      {"/healthz?q=" + std::string(5000, 'q'), "", "invalid_request_line", "query.q", "over-long query value"},
      {"/healthz", "X-Thing: \xff\xfe\r\n", "invalid_header", "header.x-thing", "header value not UTF-8"},
      // The HTTP parser itself may refuse this one first (bad_request); either way a 400, never a crash.
      {"/healthz", "X-Thing: a\x01z\r\n", "invalid_header|bad_request", "header.x-thing", "control character in a header"},
      {"/api/v1/auth/me", "Authorization: Bearer \xc3\x28\r\n", "invalid_header", "header.authorization",
       "broken UTF-8 in a token"},
  };
  for (const std::string method : {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    for (const auto& c : cases) {
      const std::string body_headers = method == "GET" ? "" : "Content-Length: 0\r\n";
      RawReply r = Raw(s.port(), Request(method, c.target, c.headers + body_headers));
      EXPECT_EQ(r.status, 400) << method << " " << c.note << ": " << r.head;
      json j = r.Json();
      ASSERT_TRUE(j.is_object() && j.contains("error")) << method << " " << c.note << ": " << r.body;
      const std::string code = j["error"]["code"].is_string() ? j["error"]["code"].get<std::string>() : "";
      ASSERT_FALSE(code.empty()) << method << " " << c.note << ": " << r.body;
      const std::string primary = c.code.substr(0, c.code.find('|'));
      if (code == primary) {
        EXPECT_EQ(j["error"]["field"], c.field) << method << " " << c.note;
      } else {
        EXPECT_NE(c.code.find('|' + code), std::string::npos) << method << " " << c.note << ": " << code;
      }
      ASSERT_TRUE(Up(s)) << "server down after " << method << " " << c.note;
    }
  }
  // HEAD: the same status, no body.
  EXPECT_EQ(Raw(s.port(), Request("HEAD", "/%ff")).status, 400);
  // Clean UTF-8 is fine: an unknown area named in Arabic is a 404, not a refusal at the edge.
  RawReply ok = Raw(s.port(), Request("GET", "/api/v1/nothing/%d8%b9%d8%b1%d8%a8%d9%8a"));
  EXPECT_EQ(ok.status, 404) << ok.body;
  EXPECT_TRUE(Up(s));
}

TEST(EdgeTest, NulCannotCutAStaticPathAndStaticPathsGetTheSameCheck) {
  const auto web = std::filesystem::temp_directory_path() / ("srm-edge-web-" + std::to_string(::getpid()));
  std::filesystem::create_directories(web);
  std::ofstream(web / "index.html") << "<!doctype html><title>srm</title>";
  TestServer s(/*demo=*/false, 1 << 20, web.string());
  RawReply page = Raw(s.port(), Request("GET", "/index.html"));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>srm</title>"), std::string::npos);
  // Before: the file system saw "/index.html" and the type came from ".js".
  RawReply cut = Raw(s.port(), Request("GET", "/index.html%00.js"));
  EXPECT_EQ(cut.status, 400) << cut.head;
  EXPECT_EQ(cut.body.find("<title>"), std::string::npos);
  EXPECT_EQ(cut.Json()["error"]["code"], "invalid_request_line");
  RawReply bad = Raw(s.port(), Request("GET", "/assets/%ff.js"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Up(s));
  std::filesystem::remove_all(web);
}

TEST(EdgeTest, OurOwnFaultIsA500InternalNeverA400) {
  TestServer s;
  const std::string admin = s.Login("admin");
  auto me = s.Call("GET", "/api/v1/auth/me", json(), admin);
  ASSERT_EQ(me.status, 200);
  // A stored record our own code cannot read (a review proposal that is a JSON array, not an
  // object): the handler throws a JSON type error. That is the server's fault, not the client's.
  store::DocRow row;
  row.kind = "review_proposal";
  row.id = "rp_corrupt";
  row.status = "open";
  row.owner_id = "system";
  row.area_id = "area_1";
  row.created_at = row.updated_at = "2026-01-01T00:00:00Z";
  row.doc = "[1,2,3]";
  store::AuditEvent ev;
  ev.actor_id = me.body["user"]["id"];
  ev.actor_name = "admin";
  ev.role = "admin";
  ev.action = "test.corrupt";
  ev.object_type = row.kind;
  ev.object_id = row.id;
  ASSERT_TRUE(s.app().store->WriteDocs({store::DocWrite{row, 0}}, {ev}));
  auto r = s.Call("GET", "/api/v1/review-proposals", json(), admin);
  EXPECT_EQ(r.status, 500) << r.raw;
  EXPECT_EQ(r.Code(), "internal") << r.raw;
  // The details stay in the log; the reply names the request id to find them.
  std::string rid;
  for (auto& [k, v] : r.headers)
    if (k == "X-Request-Id") rid = v;
  ASSERT_FALSE(rid.empty());
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find(rid), std::string::npos);
  EXPECT_EQ(r.raw.find("type_error"), std::string::npos) << r.raw;
  EXPECT_TRUE(Up(s));
}

HttpResult Post(TestServer& s, const std::string& path, const std::string& body, const std::string& type,
                const httplib::Headers& headers = {}) {
  return s.PostAs(path, body, type, headers);
}

bool SetsCookie(const HttpResult& r) {
  for (auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.find("srm_session=") != std::string::npos && v.find("Max-Age=0") == std::string::npos)
      return true;
  return false;
}

TEST(EdgeTest, JsonRoutesTakeOnlyApplicationJson) {
  TestServer s;
  const std::string login = R"({"username":"sp","password":"demo"})";
  // A cross-site form can send text/plain without a preflight: it must not sign anyone in.
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                 "text/csv", "application/jsonx", "text/json"}) {
    const std::string body = type.starts_with("multipart/")
                                 ? "--x\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nsp\r\n--x\r\n"
                                   "Content-Disposition: form-data; name=\"password\"\r\n\r\ndemo\r\n--x--\r\n"
                                 : login;
    auto r = Post(s, "/api/v1/auth/login", body, type);
    EXPECT_EQ(r.status, 415) << type << ": " << r.raw;
    EXPECT_EQ(r.Code(), "unsupported_media_type") << type;
    EXPECT_EQ(r.Field(), "Content-Type") << type;
    EXPECT_FALSE(SetsCookie(r)) << type;
    EXPECT_FALSE(r.body.contains("token")) << type;
  }
  auto ok = Post(s, "/api/v1/auth/login", login, "application/json");
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_TRUE(SetsCookie(ok));
  auto charset = Post(s, "/api/v1/auth/login", login, "Application/JSON; charset=utf-8");
  EXPECT_EQ(charset.status, 200) << charset.raw;
  const std::string token = ok.body["token"];

  // Any JSON route, with a valid token: a body in another type is refused before the handler.
  const std::string sra = R"({"area_id":"area_6","title":"By form"})";
  auto form = Post(s, "/api/v1/sras", sra, "text/plain", TestServer::Auth(token));
  EXPECT_EQ(form.status, 415) << form.raw;
  auto list = s.Call("GET", "/api/v1/sras?limit=500", json(), token);
  for (auto& item : list.body["items"]) EXPECT_NE(item["title"], "By form");
  httplib::Client c("127.0.0.1", s.port());
  auto put = c.Put("/api/v1/sras/sra_nope", TestServer::Auth(token), R"({"title":"x"})", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 415);
  // An empty body in a form type is refused too; no body at all needs no type (curl -X POST without
  // -d sends none).
  EXPECT_EQ(Post(s, "/api/v1/auth/logout", "", "application/x-www-form-urlencoded", TestServer::Auth(token)).status,
            415);
  auto empty = Post(s, "/api/v1/auth/logout", "", "", TestServer::Auth(token));
  EXPECT_EQ(empty.status, 204) << empty.raw;
}

TEST(EdgeTest, APortAlreadyBoundIsRefusedAndTheAccessLogSurvivesBadPaths) {
  TestServer s;
  auto deps = server::WithEvidence(s.app(), api::ApiDeps{s.app().store.get(), s.app().auth.get(), s.app().sras.get(),
                                                         s.app().admin.get(), s.app().methods.get(), &s.app().clock,
                                                         s.app().decisions.get()});
  api::ApiOptions opts;
  opts.threads = 4;
  opts.access_log = true;  // the log line holds the path too
  api::ApiServer logged(deps, opts);
  auto port = logged.Bind("127.0.0.1", 0);
  ASSERT_TRUE(port);
  std::thread serving([&] { (void)logged.Serve(); });
  RawReply r = Raw(*port, Request("GET", "/%ff%fe"));
  EXPECT_EQ(r.status, 400);
  RawReply r2 = Raw(*port, Request("GET", "/api/v1/nothing-here"));
  EXPECT_EQ(r2.status, 404);

  // A second server on the same port: refused, saying why (before, SO_REUSEPORT let it start).
  api::ApiServer second(deps, opts);
  auto again = second.Bind("127.0.0.1", *port);
  ASSERT_FALSE(again) << "a second server bound port " << *port;
  EXPECT_EQ(again.error().code, "bind_failed");
  EXPECT_NE(again.error().message.find("already in use"), std::string::npos) << again.error().message;
  // And so is a second server on the test server's port.
  EXPECT_FALSE(second.Bind("127.0.0.1", s.port()));
  EXPECT_EQ(Raw(*port, Request("GET", "/healthz")).status, 200);
  logged.Stop();
  serving.join();
  EXPECT_TRUE(Up(s));
}

// Every answer writes one JSON line to the log (ApiServer::Impl::Finish), built by hand rather than
// through nlohmann::json: it must be the very line json::dump() writes, whatever the path holds.
TEST(EdgeTest, TheRequestLogLineIsTheJsonDumpWhateverThePathHolds) {
  std::ostringstream captured;
  auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_pattern("%v");
  struct Restore {  // the default logger again, however the test ends
    std::shared_ptr<spdlog::logger> before = spdlog::default_logger();
    ~Restore() { spdlog::set_default_logger(before); }
  } restore;
  {
    TestServer s;
    auto deps = server::WithEvidence(s.app(), api::ApiDeps{s.app().store.get(), s.app().auth.get(), s.app().sras.get(),
                                                           s.app().admin.get(), s.app().methods.get(), &s.app().clock,
                                                           s.app().decisions.get()});
    api::ApiOptions opts;
    opts.threads = 2;
    opts.access_log = true;
    api::ApiServer logged(deps, opts);
    auto port = logged.Bind("127.0.0.1", 0);
    ASSERT_TRUE(port);
    std::thread serving([&] { (void)logged.Serve(); });
    spdlog::set_default_logger(logger);  // once the servers have set up their logging
    // A quote, a backslash, a tab, a control character, non-ASCII text (refused at the edge, and
    // logged); a route's answer with the client's request id.
    EXPECT_EQ(Raw(*port, Request("GET", "/api/v1/no%22such%5Cthing%09x%01-%C3%A9t%C3%A9")).status, 400);
    EXPECT_EQ(Raw(*port, Request("GET", "/api/v1/sras/sra_none", "X-Request-Id: abc-123\r\n")).status, 401);
    logged.Stop();
    serving.join();
  }
  std::map<std::string, std::string> lines;  // path -> line
  std::istringstream in(captured.str());
  for (std::string line; std::getline(in, line);) {
    const json j = json::parse(line, nullptr, false);
    if (j.is_object() && j.value("msg", "") == "http") lines[j.value("path", "")] = line;
  }
  const std::string refused = "/api/v1/no\"such\\thing\tx\x01-\xC3\xA9t\xC3\xA9";
  const std::string routed = "/api/v1/sras/sra_none";
  for (const auto& [path, status] : {std::pair{refused, 400}, std::pair{routed, 401}}) {
    ASSERT_TRUE(lines.contains(path)) << captured.str();
    const json j = json::parse(lines[path]);
    EXPECT_EQ(lines[path], json({{"msg", "http"}, {"request_id", j["request_id"]}, {"method", "GET"}, {"path", path},
                                 {"status", status}, {"bytes", j["bytes"]}})
                               .dump());
    EXPECT_GT(j["bytes"].get<int>(), 0);
  }
  EXPECT_EQ(json::parse(lines[routed])["request_id"], "abc-123");
}

mode_t ModeOf(const std::filesystem::path& p) {
  struct stat st{};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

// The modes are set where the files are made, not left to the umask (srm also sets umask 077 at
// start; tests/ops/files_and_port_test.sh checks the binary): here the process umask is 022.
TEST(EdgeTest, TheDatabaseAndUploadsAre0600WhateverTheUmask) {
  const mode_t old = ::umask(022);
  {
    TestServer s;
    const std::string sp = s.Login("sp");
    ASSERT_EQ(s.Call("POST", "/api/v1/sras", json{{"area_id", "area_2"}, {"title", "modes"}}, sp).status, 201);
    httplib::Client c("127.0.0.1", s.port());
    auto up = c.Post("/api/v1/incidents/import?areas=carana", TestServer::Auth(sp), "a,b\n1,2\n", "text/csv");
    ASSERT_TRUE(up);
    EXPECT_EQ(up->status, 202) << up->body;
    EXPECT_EQ(ModeOf(s.dir() / "uploads"), 0700u);
    if (std::getenv("SRM_TEST_PG_URL") == nullptr || *std::getenv("SRM_TEST_PG_URL") == '\0') {
      for (const char* f : {"srm.db", "srm.db-wal", "srm.db-shm"}) {
        ASSERT_TRUE(std::filesystem::exists(s.dir() / f)) << f;
        EXPECT_EQ(ModeOf(s.dir() / f), 0600u) << f;
      }
    }
  }
  ::umask(old);
}

}  // namespace
}  // namespace srm::testing
