// Starts a real srm HTTP server on a free loopback port over a fresh SQLite database in a temp
// directory, with the Carana demo data loaded; and a small JSON client for it. With SRM_TEST_PG_URL
// set (scripts/test.sh does so for its second pass), the database is instead a fresh PostgreSQL
// database on that server, created here and dropped at the end.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/server.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "openapi_validator.h"
#include "server/app.h"
#include "server/evidence_wiring.h"
#include "service/demo.h"
#include "store/postgres/postgres_store.h"

namespace srm::testing {

using nlohmann::json;

// The password of the users tests make (NewUser): long enough for the password rule.
inline constexpr const char* kPassword = "Carana api test: 7 slow herons on the river";

// The date `days_from_today` days from now (negative: before today), as YYYY-MM-DD in UTC: the
// dates SRA scopes, legs and windows are written in.
inline std::string DateFromToday(int days_from_today) {
  return calendar::FormatIsoDate(calendar::AddDays(calendar::DayOfMillis(SystemClock().NowMillis()), days_from_today));
}

struct HttpResult {
  int status = 0;
  json body;
  std::string raw;
  httplib::Headers headers;
  std::string Code() const {
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
  }
  std::string Field() const {
    if (!body.is_object() || !body.contains("error") || body["error"]["field"].is_null()) return "";
    return body["error"]["field"];
  }
};

class TestServer {
 public:
  // web_root: a directory served as the web UI's static files ("" = API only).
  // configure: adjusts the server's configuration before it opens (trusted_proxies,
  // password_hash_concurrency, ...).
  explicit TestServer(bool demo = true, size_t max_body = 1 << 20, const std::string& web_root = "",
                      const std::function<void(server::Config&)>& configure = {}) {
    dir_ = std::filesystem::temp_directory_path() /
           ("srm-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    cfg_.data_dir = dir_.string();
    if (const char* pg = std::getenv("SRM_TEST_PG_URL"); pg != nullptr && *pg != '\0') {
      pg_maintenance_ = pg;
      pg_database_ = "srm_api_" + std::to_string(::getpid()) + "_" + std::to_string(counter_ - 1);
      (void)store::DropPostgresDatabase(pg_maintenance_, pg_database_);  // left by a crashed run
      if (auto st = store::CreatePostgresDatabase(pg_maintenance_, pg_database_); !st)
        throw std::runtime_error("CREATE DATABASE: " + st.error().message);
      cfg_.db = *store::PostgresUrlWithDatabase(pg_maintenance_, pg_database_);
    }
    if (configure) configure(cfg_);
    auto app = server::OpenApp(cfg_);
    if (!app) throw std::runtime_error("OpenApp: " + app.error().message);
    app_ = std::move(*app);
    if (demo) {
      auto st = service::SeedDemo(app_->store.get(), app_->admin.get(), app_->sras.get());
      if (!st) throw std::runtime_error("SeedDemo: " + st.error().message);
    }
    api::ApiOptions opts;
    opts.threads = 8;
    opts.max_body_bytes = max_body;
    opts.access_log = false;
    opts.web_root = web_root;
    opts.trusted_proxies = cfg_.trusted_proxies;
    server_ = std::make_unique<api::ApiServer>(
        server::WithEvidence(*app_, api::ApiDeps{app_->store.get(), app_->auth.get(), app_->sras.get(), app_->admin.get(), app_->methods.get(),
                     &app_->clock, app_->decisions.get()}),
        opts);
    auto port = server_->Bind("127.0.0.1", 0);
    if (!port) throw std::runtime_error("Bind: " + port.error().message);
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Serve(); });
    // Wait until it answers.
    for (int i = 0; i < 200; ++i) {
      httplib::Client c("127.0.0.1", port_);
      if (auto r = c.Get("/healthz"); r && r->status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~TestServer() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    app_.reset();
    if (!pg_database_.empty()) (void)store::DropPostgresDatabase(pg_maintenance_, pg_database_);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    std::filesystem::remove_all(dir_.string() + "-audit", ec);  // the audit anchor's default place, beside the data
  }

  int port() const { return port_; }
  server::App& app() { return *app_; }
  // A new, empty SRM area in Carana (no SRA, no programme, no incident), for a test that needs an
  // area nothing else touches: the demo's areas carry the demo's SRAs and decisions. A small square
  // in the open sea west of the demo's map, one per call.
  std::string NewArea(const std::string& name) {
    const int n = ++areas_made_;
    const std::string id = "area_t" + std::to_string(n);
    const double lon = -40.0 - n, lat = 10.0;
    const json ring = json::array({json::array({lon, lat}), json::array({lon + 0.5, lat}), json::array({lon + 0.5, lat + 0.5}),
                                   json::array({lon, lat + 0.5}), json::array({lon, lat})});
    const domain::Area a{id, "cty_carana", name, json{{"type", "Polygon"}, {"coordinates", json::array({ring})}}.dump()};
    auto st = app_->store->PutArea(a, {"system", "test", "system", "area.put", "area", id, "", "", ""});
    if (!st) throw std::runtime_error("PutArea: " + st.error().message);
    return id;
  }
  const std::filesystem::path& dir() const { return dir_; }
  const server::Config& config() const { return cfg_; }
  // Audit entries other than the access log's batch anchors (written off the request path, at
  // times a test does not control): what tests comparing "before" and "after" a refusal count.
  int AuditEntriesBesideAccessBatches() {
    if (app_->access_log) (void)app_->access_log->Flush();
    int n = 0;
    store::PageRequest page{500, ""};
    for (;;) {
      auto entries = app_->store->ListAudit("", page);
      if (!entries) return -1;
      for (const auto& e : entries->items) n += e.event.action != "access.batch";
      if (entries->next.empty()) return n;
      page.after = entries->next;
    }
  }

  HttpResult Call(const std::string& method, const std::string& path, const std::string& body = "",
                  const httplib::Headers& headers = {}) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    auto r = method == "GET"    ? c.Get(path, headers)
             : method == "POST" ? c.Post(path, headers, body, "application/json")
             : method == "PUT"  ? c.Put(path, headers, body, "application/json")
                                : c.Delete(path, headers, body, "application/json");
    HttpResult out = ResultOf(r);
    CheckAgainstDocument(method, path, out);
    return out;
  }
  // A POST whose body is of another type than JSON (uploads, refused content types).
  HttpResult PostAs(const std::string& path, const std::string& body, const std::string& content_type,
                    const httplib::Headers& headers = {}) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    HttpResult out = ResultOf(c.Post(path, headers, body, content_type.c_str()));
    CheckAgainstDocument("POST", path, out);
    return out;
  }
  // Every answer of the API is checked against the OpenAPI document the server serves
  // (src/api/openapi.json): its path, method and status must be documented and the body must
  // match the schema there. A mismatch fails the test that received it.
  static void CheckAgainstDocument(const std::string& method, const std::string& path, const HttpResult& r) {
    if (const char* f = std::getenv("SRM_API_SAMPLES")) {  // answers collected to write schemas from
      static std::mutex mu;
      std::lock_guard lock(mu);
      std::ofstream(f, std::ios::app) << json{{"m", method}, {"p", path}, {"s", r.status}, {"b", r.body}}.dump() << "\n";
    }
    const bool api = path.rfind("/api/", 0) == 0 || path.rfind("/healthz", 0) == 0 || path.rfind("/readyz", 0) == 0;
    if (r.status == 0 || !api) return;  // no answer (the test checks that), or the web UI's files
    static OpenApiValidator validator(json::parse(api::ApiServer::OpenApiJson()));
    const auto type = r.headers.find("Content-Type");
    if (std::string why = validator.Check(method, path, r.status, r.raw,
                                          type == r.headers.end() ? std::string("application/json") : type->second);
        !why.empty())
      ADD_FAILURE() << "the answer does not match src/api/openapi.json: " << why;
  }
  static HttpResult ResultOf(const httplib::Result& r) {
    HttpResult out;
    if (!r) return out;
    out.status = r->status;
    out.raw = r->body;
    out.headers = r->headers;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }
  HttpResult Call(const std::string& method, const std::string& path, const json& body, const std::string& token) {
    return Call(method, path, body.is_null() ? std::string() : body.dump(), Auth(token));
  }
  static httplib::Headers Auth(const std::string& token) {
    if (token.empty()) return {};
    return {{"Authorization", "Bearer " + token}};
  }
  // Signs in and returns the bearer token ("" when refused).
  std::string Login(const std::string& user, const std::string& password = "demo") {
    auto r = Call("POST", "/api/v1/auth/login", json{{"username", user}, {"password", password}}.dump());
    if (r.status != 200) return "";
    return r.body["token"];
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::string pg_maintenance_, pg_database_;  // set when running on PostgreSQL
  server::Config cfg_;
  std::unique_ptr<server::App> app_;
  std::unique_ptr<api::ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
  int areas_made_ = 0;
};

// A query parameter's value, percent-encoded (cursors hold '|' and '+').
inline std::string UrlEscape(const std::string& s) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      out += static_cast<char>(ch);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", ch);
      out += hex;
    }
  }
  return out;
}

// The ids of a list answer's items, in order.
inline std::vector<std::string> ItemIds(const HttpResult& r) {
  std::vector<std::string> out;
  for (const auto& i : r.body["items"]) out.push_back(i.value("id", ""));
  return out;
}

// The list at `path` (which has a query already) read one row a page with `token`: fails on a
// repeated row, a page of more than one row, or a total that does not add up.
inline std::vector<std::string> WalkOneRowAPage(TestServer& server, const std::string& path, const std::string& token) {
  std::vector<std::string> seen;
  std::set<std::string> distinct;
  std::string cursor;
  int64_t total = -1;
  for (int guard = 0; guard < 1000; ++guard) {
    auto r = server.Call("GET", path + "&limit=1" + (cursor.empty() ? "" : "&cursor=" + UrlEscape(cursor)), json(), token);
    EXPECT_EQ(r.status, 200) << path << ": " << r.raw;
    if (r.status != 200) break;
    if (total < 0) total = r.body["total"];
    EXPECT_LE(r.body["items"].size(), 1u) << path;
    for (const auto& id : ItemIds(r)) {
      EXPECT_TRUE(distinct.insert(id).second) << "repeated " << id << " in " << path;
      seen.push_back(id);
    }
    if (r.body["next_cursor"].is_null()) break;
    cursor = r.body["next_cursor"];
  }
  EXPECT_EQ(static_cast<int64_t>(seen.size()), total) << path;
  return seen;
}

// A fixture whose tests share one demo server (started once per suite) and a bearer token per
// demo user: S() is the server, T(user) the token. Each suite gets its own server (CRTP).
template <class Suite>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    for (const char* u : {"admin", "sp", "cell", "smt", "dss", "hq", "exec", "finance", "auditor", "do", "pclead",
                          "wfpexec"})
      tokens_[u] = server_->Login(u);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer& S() { return *server_; }
  static const std::string& T(const std::string& user) { return tokens_[user]; }
  static HttpResult Get(const std::string& path, const std::string& tok) { return S().Call("GET", path, json(), tok); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& tok) {
    return S().Call("POST", path, body, tok);
  }
  static HttpResult Put(const std::string& path, const json& body, const std::string& tok) {
    return S().Call("PUT", path, body, tok);
  }
  // A new user of `org` holding `grants`, made by the demo's administrator; their bearer token.
  static std::string NewUser(const std::string& name, const std::string& org, const json& grants) {
    auto u = Post("/api/v1/users",
                  json{{"username", name}, {"password", kPassword}, {"display_name", name},
                       {"organization_id", org}, {"grants", grants}},
                  T("admin"));
    EXPECT_EQ(u.status, 201) << u.raw;
    return S().Login(name, kPassword);
  }

  static inline TestServer* server_ = nullptr;
  static inline std::map<std::string, std::string> tokens_;
};

}  // namespace srm::testing
