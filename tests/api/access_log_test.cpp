// The SRA access log over real HTTP (issue 17), on SQLite or, with SRM_TEST_PG_URL, PostgreSQL:
// reads of an SRA and of its versions, documents and exports recorded through the service hook,
// who sees GET /api/v1/sras/{id}/access-log (owners, DSS desk, auditors) and who does not, each
// batch anchored in the audit chain with its hash, many parallel reads recorded exactly once,
// and everything queued written at shutdown. Flush() makes the batch writer deterministic here.
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "api/test_server.h"
#include "service/access_log.h"
#include "store/access_log.h"

namespace srm::testing {
namespace {

class AccessLogApiTest : public SharedServerTest<AccessLogApiTest> {
 protected:
  static std::string AnSra() {
    auto r = S().Call("GET", "/api/v1/sras?limit=1", json(), T("sp"));
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["items"][0]["id"];
  }
  static std::string UserId(const std::string& user) {
    auto r = S().Call("GET", "/api/v1/auth/me", json(), T(user));
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["user"]["id"];
  }
  static void Flush() {
    auto flushed = S().app().access_log->Flush();
    ASSERT_TRUE(flushed.has_value()) << flushed.error().message;
  }
  static HttpResult Log(const std::string& id, const std::string& query, const std::string& user) {
    return S().Call("GET", "/api/v1/sras/" + id + "/access-log" + query, json(), T(user));
  }
  static service::Principal PrincipalOf(const std::string& username) {
    auto u = S().app().store->FindUserByName(username);
    EXPECT_TRUE(u.has_value() && u->has_value());
    service::Principal p;
    p.user = **u;
    p.session_kind = "token";
    p.request_id = "req-test-" + username;
    return p;
  }
};

TEST_F(AccessLogApiTest, ReadsAppearWithWhoWhenWhatAndWhereForOwnersTheDssDeskAndAuditors) {
  const std::string id = AnSra();
  auto sra = S().Call("GET", "/api/v1/sras/" + id, json(), T("cell"));
  ASSERT_EQ(sra.status, 200) << sra.raw;
  ASSERT_EQ(S().Call("GET", "/api/v1/sras/" + id + "/versions", json(), T("cell")).status, 200);
  Flush();
  const std::string cell = UserId("cell");
  auto log = Log(id, "?user_id=" + cell, "auditor");
  ASSERT_EQ(log.status, 200) << log.raw;
  ASSERT_EQ(log.body["items"].size(), 2u) << log.raw;
  // Newest first: the versions list was read last.
  const json& versions = log.body["items"][0];
  const json& read = log.body["items"][1];
  EXPECT_EQ(versions["resource"], "versions");
  EXPECT_EQ(read["resource"], "");
  for (const json& e : {read, versions}) {
    EXPECT_EQ(e["user_id"], cell);
    EXPECT_EQ(e["user_name"], "cell");
    EXPECT_EQ(e["sra_id"], id);
    EXPECT_EQ(e["version"], sra.body["version"]);  // resolved by the writer, off the request path
    EXPECT_EQ(e["kind"], "read");
    EXPECT_EQ(e["format"], "json");
    EXPECT_EQ(e["client_addr"], "127.0.0.1");
    EXPECT_EQ(e["at"].get<std::string>().size(), 24u) << e["at"];
    EXPECT_FALSE(e["request_id"].get<std::string>().empty());
  }
  // The owners (the conducting DSS security professional) and the DSS desk see it too.
  EXPECT_EQ(Log(id, "", "sp").status, 200);
  EXPECT_EQ(Log(id, "", "dss").status, 200);
  // Readers of the SRA who are none of those: refused with the rule's code.
  for (const char* user : {"cell", "finance", "smt", "admin"}) {
    auto refused = Log(id, "", user);
    EXPECT_EQ(refused.status, 403) << user;
    EXPECT_EQ(refused.Code(), "access_log_restricted") << user;
  }
  // Whoever may not read the SRA at all (a security professional of another organization posted
  // in another area) is answered as reading it would be.
  const std::string elsewhere = sra.body["area_id"] == "area_8" ? "area_7" : "area_8";
  const json traveller{{"username", "traveller17"}, {"password", "demo"}, {"display_name", "Tess Traveller"},
                       {"organization_id", "org_wfp"},
                       {"grants", json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"},
                                                {"area_id", elsewhere}}})}};
  ASSERT_TRUE(S().app().admin->CreateUser(service::ConsolePrincipal("test"), traveller, false).has_value());
  const std::string outsider = S().Login("traveller17");
  ASSERT_FALSE(outsider.empty());
  EXPECT_EQ(S().Call("GET", "/api/v1/sras/" + id, json(), outsider).status, 403);
  auto outside = S().Call("GET", "/api/v1/sras/" + id + "/access-log", json(), outsider);
  EXPECT_EQ(outside.status, 403);
  EXPECT_NE(outside.Code(), "access_log_restricted");  // no hint beyond what reading the SRA gives
  EXPECT_EQ(Log("sra_nope", "", "auditor").status, 404);
  EXPECT_EQ(S().Call("GET", "/api/v1/sras/" + id + "/access-log").status, 401);
}

TEST_F(AccessLogApiTest, DocumentsRegistersAndExportsRecordedThroughTheHookAppearAndFilter) {
  const std::string id = AnSra();
  const service::Principal finance = PrincipalOf("finance");
  auto& log = *S().app().access_log;
  ASSERT_TRUE(log.Record(finance, id, 0, service::AccessKind::kDocument, "pdf", "198.51.100.4").has_value());
  ASSERT_TRUE(log.Record(finance, id, 0, service::AccessKind::kRegister, "xlsx", "198.51.100.4").has_value());
  ASSERT_TRUE(log.Record(finance, "", 0, service::AccessKind::kExport, "csv", "198.51.100.4", "clearances").has_value());
  Flush();
  auto docs = Log(id, "?kind=document&user_id=" + finance.user.id, "auditor");
  ASSERT_EQ(docs.status, 200) << docs.raw;
  ASSERT_EQ(docs.body["items"].size(), 1u);
  EXPECT_EQ(docs.body["items"][0]["format"], "pdf");
  EXPECT_EQ(docs.body["items"][0]["client_addr"], "198.51.100.4");
  auto reg = Log(id, "?kind=register&user_id=" + finance.user.id, "dss");
  ASSERT_EQ(reg.body["items"].size(), 1u) << reg.raw;
  EXPECT_EQ(reg.body["items"][0]["format"], "xlsx");
  // A list export is no SRA's: it is kept (with the list named) but in no SRA's log.
  auto exports = S().app().store->ListAccess(store::AccessFilter{.kind = "export", .user_id = finance.user.id}, {});
  ASSERT_TRUE(exports.has_value());
  ASSERT_EQ(exports->items.size(), 1u);
  EXPECT_EQ(exports->items[0].resource, "clearances");
  EXPECT_EQ(exports->items[0].format, "csv");
  EXPECT_EQ(Log(id, "?kind=export&user_id=" + finance.user.id, "auditor").body["total"], 0);
  // Date bounds: today's entries are within today, none before.
  const std::string today = docs.body["items"][0]["at"].get<std::string>().substr(0, 10);
  EXPECT_EQ(Log(id, "?user_id=" + finance.user.id + "&from=" + today + "&to=" + today, "auditor").body["total"], 2);
  EXPECT_EQ(Log(id, "?user_id=" + finance.user.id + "&to=2000-01-01", "auditor").body["total"], 0);
  // Pages, newest first.
  auto first = Log(id, "?limit=1&user_id=" + finance.user.id, "auditor");
  ASSERT_FALSE(first.body["next_cursor"].is_null());
  EXPECT_EQ(first.body["items"][0]["kind"], "register");
  auto second = Log(id, "?limit=1&user_id=" + finance.user.id + "&cursor=" + first.body["next_cursor"].get<std::string>(),
                    "auditor");
  EXPECT_EQ(second.body["items"][0]["kind"], "document");
  // Bad filters are refused, not ignored.
  EXPECT_EQ(Log(id, "?kind=peek", "auditor").status, 400);
  EXPECT_EQ(Log(id, "?from=yesterday", "auditor").status, 400);
}

TEST_F(AccessLogApiTest, TheDocumentTheRegisterAndAListExportOverHttpAppearForTheAuditor) {
  const std::string id = AnSra();
  const std::string auditor = UserId("auditor");
  auto pdf = S().Call("GET", "/api/v1/sras/" + id + "/document.pdf", json(), T("auditor"));
  ASSERT_EQ(pdf.status, 200) << pdf.raw.substr(0, 300);
  auto xlsx = S().Call("GET", "/api/v1/sras/" + id + "/register.xlsx", json(), T("auditor"));
  ASSERT_EQ(xlsx.status, 200) << xlsx.raw.substr(0, 300);
  auto csv = S().Call("GET", "/api/v1/clearances?format=csv", json(), T("auditor"));
  ASSERT_EQ(csv.status, 200) << csv.raw.substr(0, 300);
  Flush();
  auto docs = Log(id, "?kind=document&user_id=" + auditor, "auditor");
  ASSERT_EQ(docs.body["items"].size(), 1u) << docs.raw;
  EXPECT_EQ(docs.body["items"][0]["format"], "pdf");
  EXPECT_EQ(docs.body["items"][0]["version"], S().Call("GET", "/api/v1/sras/" + id, json(), T("sp")).body["version"]);
  auto reg = Log(id, "?kind=register&user_id=" + auditor, "auditor");
  ASSERT_EQ(reg.body["items"].size(), 1u) << reg.raw;
  EXPECT_EQ(reg.body["items"][0]["format"], "xlsx");
  auto exports = S().app().store->ListAccess(store::AccessFilter{.kind = "export", .user_id = auditor}, {});
  ASSERT_TRUE(exports.has_value());
  ASSERT_EQ(exports->items.size(), 1u);
  EXPECT_EQ(exports->items[0].resource, "clearances");
  EXPECT_EQ(exports->items[0].format, "csv");
  EXPECT_EQ(exports->items[0].client_addr, "127.0.0.1");
}

TEST_F(AccessLogApiTest, EachBatchIsAnchoredInTheAuditChainByItsHashAndTheChainVerifies) {
  const std::string id = AnSra();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(S().Call("GET", "/api/v1/sras/" + id, json(), T("dss")).status, 200);
  Flush();
  auto log = Log(id, "?user_id=" + UserId("dss") + "&limit=1", "auditor");
  ASSERT_EQ(log.status, 200);
  const std::string batch = log.body["items"][0]["batch_id"];
  std::vector<store::AccessEntry> rows;
  ASSERT_TRUE(S().app().store->ScanAccess([&](const store::AccessEntry& a) {
    if (a.batch_id == batch) rows.push_back(a);
    return true;
  }));
  ASSERT_FALSE(rows.empty());
  auto anchor = S().app().store->ListAudit(batch, store::PageRequest{5, ""});
  ASSERT_TRUE(anchor.has_value());
  ASSERT_EQ(anchor->items.size(), 1u);
  EXPECT_EQ(anchor->items[0].event.action, store::kAccessBatchAction);
  int64_t n = 0;
  std::string hash;
  ASSERT_TRUE(store::ParseAccessBatchAnchor(anchor->items[0].event.after, &n, &hash));
  EXPECT_EQ(n, static_cast<int64_t>(rows.size()));
  EXPECT_EQ(hash, store::AccessBatchHash(batch, rows));
  auto verify = S().Call("GET", "/api/v1/audit/verify", json(), T("auditor"));
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(verify.body["ok"].get<bool>()) << verify.raw;
}

TEST_F(AccessLogApiTest, ManyParallelReadsAreAllRecordedExactlyOnce) {
  const std::string id = AnSra();
  const std::string smt = UserId("smt");
  Flush();
  const int64_t before = Log(id, "?user_id=" + smt, "auditor").body["total"];
  constexpr int kThreads = 8, kReads = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kReads; ++i)
        if (S().Call("GET", "/api/v1/sras/" + id, json(), T("smt")).status == 200) ++ok;
    });
  for (auto& t : threads) t.join();
  ASSERT_EQ(ok.load(), kThreads * kReads);
  Flush();
  std::set<std::string> request_ids;
  std::string cursor;
  int64_t total = 0;
  do {
    auto page = Log(id, "?limit=500&user_id=" + smt + (cursor.empty() ? "" : "&cursor=" + cursor), "auditor");
    ASSERT_EQ(page.status, 200);
    total = page.body["total"];
    for (const json& e : page.body["items"]) request_ids.insert(e["request_id"].get<std::string>());
    cursor = page.body["next_cursor"].is_null() ? "" : page.body["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_EQ(total - before, kThreads * kReads);
  EXPECT_EQ(request_ids.size(), static_cast<size_t>(total));  // each request once, none twice
}

// A server of its own whose writer would wait a minute: stopping it writes what is queued.
TEST(AccessLogShutdownTest, StoppingWritesEverythingQueuedAndLaterRecordsAreWrittenAtOnce) {
  TestServer s(true, 1 << 20, "", [](server::Config& c) { c.sra_access_log_flush_ms = 60000; });
  const std::string token = s.Login("auditor");
  auto list = s.Call("GET", "/api/v1/sras?limit=1", json(), token);
  ASSERT_EQ(list.status, 200);
  const std::string id = list.body["items"][0]["id"];
  for (int i = 0; i < 5; ++i) ASSERT_EQ(s.Call("GET", "/api/v1/sras/" + id, json(), token).status, 200);
  auto count = [&] {
    auto rows = s.app().store->ListAccess(store::AccessFilter{.sra_id = id}, {});
    EXPECT_TRUE(rows.has_value());
    return rows ? rows->total : -1;
  };
  EXPECT_EQ(count(), 0);  // still queued: nothing waits on the database
  const auto started = std::chrono::steady_clock::now();
  s.app().access_log->Stop();  // what the App's destruction does at shutdown
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(count(), 5);
  EXPECT_EQ(s.app().access_log->stats().written, 5u);
  // After Stop(), a read is still recorded (synchronously).
  ASSERT_EQ(s.Call("GET", "/api/v1/sras/" + id, json(), token).status, 200);
  EXPECT_EQ(count(), 6);
}

// Holds the write lock the batch writer needs, from another connection, until released: the
// writer stalls as it would on a database that cannot keep up. SQLite: the file's one write lock;
// PostgreSQL: an exclusive lock on the access table, taken through psql (Debian's client).
class WriterStall {
 public:
  explicit WriterStall(const TestServer& s) {
    if (s.config().db.starts_with("postgres")) {
      const std::filesystem::path ready = s.dir() / "stall.ready";
      psql_ = ::popen(("psql -X -q -v ON_ERROR_STOP=1 '" + s.config().db + "' > /dev/null").c_str(), "w");
      if (psql_ == nullptr) return;
      std::fputs("BEGIN;\nLOCK TABLE sra_access_log IN ACCESS EXCLUSIVE MODE;\n", psql_);
      std::fputs(("\\! touch '" + ready.string() + "'\n").c_str(), psql_);
      std::fflush(psql_);
      // psql runs its input in order: the file appears once the lock is held.
      for (int i = 0; i < 600 && !std::filesystem::exists(ready); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      held_ = std::filesystem::exists(ready);
    } else {
      if (sqlite3_open_v2((s.dir() / "srm.db").string().c_str(), &sqlite_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        return;
      held_ = sqlite3_exec(sqlite_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
  }
  ~WriterStall() { Release(); }
  bool held() const { return held_; }
  // Ends the other connection's transaction; true when it ended cleanly.
  bool Release() {
    bool ok = true;
    if (psql_ != nullptr) {
      std::fputs("ROLLBACK;\n", psql_);
      ok = ::pclose(psql_) == 0;
      psql_ = nullptr;
    }
    if (sqlite_ != nullptr) {
      ok = sqlite3_exec(sqlite_, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK;
      sqlite3_close_v2(sqlite_);
      sqlite_ = nullptr;
    }
    return ok;
  }

 private:
  std::FILE* psql_ = nullptr;
  sqlite3* sqlite_ = nullptr;
  bool held_ = false;
};

// The queue full: the read is refused with 503 (and Retry-After) rather than served unrecorded,
// and nothing accepted is lost. Runs on both stores.
TEST(AccessLogBackpressureTest, AFullQueueRefusesTheReadWith503AndLosesNothing) {
  TestServer s(true, 1 << 20, "", [](server::Config& c) {
    c.sra_access_log_flush_ms = 0;
    c.sra_access_log_batch = 1;
    c.sra_access_log_queue = 1;
    c.sra_access_log_wait_ms = 0;
  });
  const std::string token = s.Login("auditor");
  auto list = s.Call("GET", "/api/v1/sras?limit=1", json(), token);
  ASSERT_EQ(list.status, 200);
  const std::string id = list.body["items"][0]["id"];
  WriterStall stall(s);
  ASSERT_TRUE(stall.held());
  // The first entry goes to the writer, which waits for the lock; the second fills the queue.
  ASSERT_EQ(s.Call("GET", "/api/v1/sras/" + id, json(), token).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(s.Call("GET", "/api/v1/sras/" + id, json(), token).status, 200);
  auto refused = s.Call("GET", "/api/v1/sras/" + id, json(), token);
  EXPECT_EQ(refused.status, 503) << refused.raw;
  EXPECT_EQ(refused.Code(), "access_log_busy");
  EXPECT_EQ(refused.headers.count("Retry-After"), 1u);
  EXPECT_EQ(s.app().access_log->stats().refused, 1u);
  ASSERT_TRUE(stall.Release());
  ASSERT_TRUE(s.app().access_log->Flush().has_value());
  auto rows = s.app().store->ListAccess(store::AccessFilter{.sra_id = id}, {});
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(rows->total, 2);  // both served reads, the refused one not
}

// A batch the database refuses (its write lock held past the timeout) is retried, and once the
// database is back each entry is written exactly once and whole: the retry writes the same rows
// the first attempt made, not entries already handed on. Runs on both stores.
TEST(AccessLogRetryTest, ABatchThatFailedIsWrittenOnceAndWholeWhenTheDatabaseIsBack) {
  TestServer s(true, 1 << 20, "", [](server::Config& c) {
    c.sra_access_log_flush_ms = 0;
    c.db_timeout_ms = 500;
  });
  const std::string token = s.Login("auditor");
  auto list = s.Call("GET", "/api/v1/sras?limit=1", json(), token);
  ASSERT_EQ(list.status, 200);
  const std::string id = list.body["items"][0]["id"];
  ASSERT_TRUE(s.app().access_log->Flush().has_value());  // nothing else is waiting
  const uint64_t written_before = s.app().access_log->stats().written;
  WriterStall stall(s);
  ASSERT_TRUE(stall.held());
  for (int i = 0; i < 3; ++i) ASSERT_EQ(s.Call("GET", "/api/v1/sras/" + id, json(), token).status, 200);
  for (int i = 0; i < 400 && s.app().access_log->stats().failed_writes == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GE(s.app().access_log->stats().failed_writes, 1u);
  ASSERT_TRUE(stall.Release());
  ASSERT_TRUE(s.app().access_log->Flush().has_value());
  EXPECT_EQ(s.app().access_log->stats().written - written_before, 3u);
  EXPECT_EQ(s.app().access_log->stats().lost, 0u);
  auto rows = s.app().store->ListAccess(store::AccessFilter{.sra_id = id}, {});
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->total, 3);
  for (const store::AccessEntry& e : rows->items) {
    EXPECT_EQ(e.user_name, "auditor");
    EXPECT_FALSE(e.user_id.empty());
    EXPECT_EQ(e.kind, "read");
    EXPECT_GE(e.version, 1);
    EXPECT_FALSE(e.at.empty());
    EXPECT_FALSE(e.request_id.empty());
  }
}

TEST(AccessLogConfigTest, WithTheAccessLogOffNothingIsRecorded) {
  TestServer s(true, 1 << 20, "", [](server::Config& c) { c.sra_access_log = false; });
  const std::string token = s.Login("auditor");
  auto list = s.Call("GET", "/api/v1/sras?limit=1", json(), token);
  const std::string id = list.body["items"][0]["id"];
  ASSERT_EQ(s.Call("GET", "/api/v1/sras/" + id, json(), token).status, 200);
  ASSERT_TRUE(s.app().access_log->Flush().has_value());
  auto rows = s.app().store->ListAccess(store::AccessFilter{}, {});
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(rows->total, 0);
}

}  // namespace
}  // namespace srm::testing
