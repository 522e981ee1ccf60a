// The SRA access log as the store keeps it (store/access_log.h, migration 0016), on SQLite and
// PostgreSQL: a batch and its anchoring audit entry in one transaction, the newest-first list with
// its filters, the database refusing UPDATE/DELETE (and REPLACE, TRUNCATE), and the audit
// verifier (store/audit_verify.h) finding an access row edited, removed or added behind the
// chain's back.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "store/access_log.h"
#include "store/audit_verify.h"
#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;

// What someone with the file (SQLite) or the owner's credentials (PostgreSQL) can do.
class Raw {
 public:
  virtual ~Raw() = default;
  // true on success; the message in error() otherwise.
  virtual bool Exec(const std::string& sql) = 0;
  virtual void DisableAccessTriggers() = 0;
  std::string error() const { return error_; }

 protected:
  std::string error_;
};

class RawSqlite final : public Raw {
 public:
  explicit RawSqlite(const std::string& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~RawSqlite() override { sqlite3_close_v2(db_); }
  bool Exec(const std::string& sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    error_ = message != nullptr ? message : "";
    sqlite3_free(message);
    return rc == SQLITE_OK;
  }
  void DisableAccessTriggers() override {
    ASSERT_TRUE(Exec("DROP TRIGGER sra_access_log_no_update; DROP TRIGGER sra_access_log_no_delete; "
                     "DROP TRIGGER sra_access_log_no_replace"))
        << error_;
  }

 private:
  sqlite3* db_ = nullptr;
};

class RawPg final : public Raw {
 public:
  explicit RawPg(const std::string& url) : conn_(PQconnectdb(url.c_str())) {}
  ~RawPg() override { PQfinish(conn_); }
  bool Exec(const std::string& sql) override {
    PGresult* r = PQexec(conn_, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    error_ = ok ? "" : PQerrorMessage(conn_);
    PQclear(r);
    return ok;
  }
  void DisableAccessTriggers() override {
    ASSERT_TRUE(Exec("ALTER TABLE sra_access_log DISABLE TRIGGER USER")) << error_;
  }

 private:
  PGconn* conn_;
};

struct Backend {
  std::string name;
};
std::string BackendName(const ::testing::TestParamInfo<Backend>& info) { return info.param.name; }

class AccessLogStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam().name == "sqlite") {
      auto harness = std::make_unique<SqliteHarness>(&clock_, 4);
      SRM_ASSERT_OK(harness->Open());
      raw_ = std::make_unique<RawSqlite>(harness->path());
      harness_ = std::move(harness);
    } else {
      auto database = PostgresDatabase::Create();
      if (!database && database.error().code == kPostgresNotConfigured) GTEST_SKIP() << database.error().message;
      ASSERT_TRUE(database.has_value()) << ErrorText(database.error());
      auto harness = std::make_unique<PostgresHarness>(std::move(*database), &clock_, 4);
      SRM_ASSERT_OK(harness->Open());
      raw_ = std::make_unique<RawPg>(harness->url());
      harness_ = std::move(harness);
    }
  }
  Store& store() { return harness_->store(); }

  static AccessEntry Row(const std::string& batch, int ordinal, const std::string& at, const std::string& user,
                         const std::string& sra, const std::string& kind = "read") {
    return AccessEntry{batch, ordinal, at, "usr_" + user, user, sra, 2, kind, kind == "read" ? "json" : "pdf",
                       "", "192.0.2.7", "req-" + batch + "-" + std::to_string(ordinal)};
  }
  // Writes a batch as service/access_log.cpp does: its rows and the anchoring entry.
  void Append(const std::string& batch, std::vector<AccessEntry> rows) {
    const AuditEvent anchor{"system", "access-log", "system", kAccessBatchAction, kAccessBatchObject, batch, "",
                            AccessBatchAnchorJson(rows.size(), AccessBatchHash(batch, rows)), ""};
    SRM_ASSERT_OK(store().AppendAccessBatch(rows, anchor));
  }
  void TwoBatches() {
    Append("acb-1", {Row("acb-1", 0, "2026-01-05T10:00:00.000Z", "ana", "sra_a"),
                     Row("acb-1", 1, "2026-01-05T10:00:01.000Z", "ben", "sra_a", "document"),
                     Row("acb-1", 2, "2026-01-05T10:00:01.000Z", "ana", "sra_b")});
    Append("acb-2", {Row("acb-2", 0, "2026-01-06T09:00:00.000Z", "ana", "sra_a")});
  }
  AnchoredVerification Verify() {
    auto v = VerifyAnchoredAudit(store(), CheckpointSources{});
    EXPECT_TRUE(v.has_value());
    return v ? *v : AnchoredVerification{};
  }
  static bool HasFinding(const AnchoredVerification& v, const std::string& reason, int64_t seq = -1) {
    for (const AuditFinding& f : v.findings)
      if (f.reason == reason && (seq < 0 || f.seq == seq)) return true;
    return false;
  }
  int64_t AnchorSeq(const std::string& batch) {
    auto page = store().ListAudit(batch, PageRequest{5, ""});
    EXPECT_TRUE(page.has_value());
    return page && page->items.size() == 1 ? page->items[0].seq : -1;
  }

  fakes::FakeClock clock_;
  std::unique_ptr<StoreHarness> harness_;
  std::unique_ptr<Raw> raw_;
};

TEST_P(AccessLogStoreTest, BatchesAreListedNewestFirstWithFiltersAndAnchoredOnceEach) {
  TwoBatches();
  SRM_ASSERT_OK_AND_ASSIGN(all, store().ListAccess(AccessFilter{.sra_id = "sra_a"}, PageRequest{2, ""}));
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0], Row("acb-2", 0, "2026-01-06T09:00:00.000Z", "ana", "sra_a"));
  EXPECT_EQ(all.items[1].user_name, "ben");
  ASSERT_FALSE(all.next.empty());
  SRM_ASSERT_OK_AND_ASSIGN(rest, store().ListAccess(AccessFilter{.sra_id = "sra_a"}, PageRequest{2, all.next}));
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].at, "2026-01-05T10:00:00.000Z");
  EXPECT_TRUE(rest.next.empty());

  SRM_ASSERT_OK_AND_ASSIGN(docs, store().ListAccess(AccessFilter{.sra_id = "sra_a", .kind = "document"}, {}));
  ASSERT_EQ(docs.items.size(), 1u);
  EXPECT_EQ(docs.items[0].format, "pdf");
  SRM_ASSERT_OK_AND_ASSIGN(ana, store().ListAccess(AccessFilter{.user_id = "usr_ana"}, {}));
  EXPECT_EQ(ana.total, 3);
  SRM_ASSERT_OK_AND_ASSIGN(day, store().ListAccess(AccessFilter{.from = "2026-01-06", .to = "2026-01-06T23:59:59Z"}, {}));
  ASSERT_EQ(day.items.size(), 1u);
  EXPECT_EQ(day.items[0].batch_id, "acb-2");
  EXPECT_FALSE(store().ListAccess(AccessFilter{}, PageRequest{5, "no-cursor"}).has_value());

  // One audit entry per batch, carrying the batch's hash.
  for (const std::string batch : {"acb-1", "acb-2"}) {
    SRM_ASSERT_OK_AND_ASSIGN(entries, store().ListAudit(batch, PageRequest{5, ""}));
    ASSERT_EQ(entries.items.size(), 1u) << batch;
    EXPECT_EQ(entries.items[0].event.action, kAccessBatchAction);
    int64_t n = 0;
    std::string hash;
    ASSERT_TRUE(ParseAccessBatchAnchor(entries.items[0].event.after, &n, &hash));
    EXPECT_EQ(n, batch == "acb-1" ? 3 : 1);
    EXPECT_EQ(hash.size(), 64u);
  }
  const AnchoredVerification v = Verify();
  EXPECT_TRUE(v.ok) << (v.first() ? v.first()->detail : "");
}

TEST_P(AccessLogStoreTest, TheDatabaseRefusesToChangeOrRemoveAccessRows) {
  TwoBatches();
  std::vector<std::string> attempts = {"UPDATE sra_access_log SET user_name = 'mallory'",
                                       "DELETE FROM sra_access_log WHERE batch_id = 'acb-2'"};
  if (GetParam().name == "sqlite") {
    attempts.push_back("INSERT OR REPLACE INTO sra_access_log VALUES ('acb-2', 0, 'x', 'u', 'mallory', 'sra_a', 1, "
                       "'read', 'json', '', '', '')");
  } else {
    attempts.push_back("TRUNCATE sra_access_log");
    attempts.push_back("INSERT INTO sra_access_log VALUES ('acb-2', 0, 'x', 'u', 'mallory', 'sra_a', 1, 'read', "
                       "'json', '', '', '') ON CONFLICT (batch_id, ordinal) DO UPDATE SET user_name = 'mallory'");
  }
  for (const std::string& sql : attempts) {
    EXPECT_FALSE(raw_->Exec(sql)) << sql;
    EXPECT_NE(raw_->error().find("append-only"), std::string::npos) << sql << ": " << raw_->error();
  }
  SRM_ASSERT_OK_AND_ASSIGN(all, store().ListAccess(AccessFilter{}, {}));
  EXPECT_EQ(all.total, 4);
  for (const AccessEntry& a : all.items) EXPECT_NE(a.user_name, "mallory");
  EXPECT_TRUE(Verify().ok);
}

TEST_P(AccessLogStoreTest, VerificationFindsAnAccessRowEditedRemovedOrAddedBehindTheChain) {
  TwoBatches();
  ASSERT_TRUE(Verify().ok);
  raw_->DisableAccessTriggers();
  // Edited: the batch no longer hashes to its anchor.
  ASSERT_TRUE(raw_->Exec("UPDATE sra_access_log SET user_name = 'someone_else' WHERE batch_id = 'acb-1' AND ordinal = 1"))
      << raw_->error();
  AnchoredVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(v.chain.ok);  // the chain itself is intact: only the access rows changed
  EXPECT_TRUE(HasFinding(v, "access_batch_altered", AnchorSeq("acb-1"))) << (v.first() ? v.first()->detail : "");
  EXPECT_FALSE(HasFinding(v, "access_batch_altered", AnchorSeq("acb-2")));
  // Removed: a whole batch gone.
  ASSERT_TRUE(raw_->Exec("DELETE FROM sra_access_log WHERE batch_id = 'acb-2'")) << raw_->error();
  v = Verify();
  EXPECT_TRUE(HasFinding(v, "access_batch_altered", AnchorSeq("acb-2")));
  // Added: rows in a batch no audit entry anchors.
  ASSERT_TRUE(raw_->Exec("INSERT INTO sra_access_log VALUES ('acb-9', 0, '2026-01-07T00:00:00.000Z', 'usr_x', 'x', "
                         "'sra_a', 1, 'read', 'json', '', '', '')"))
      << raw_->error();
  v = Verify();
  EXPECT_TRUE(HasFinding(v, "access_unanchored"));
}

INSTANTIATE_TEST_SUITE_P(store, AccessLogStoreTest, ::testing::Values(Backend{"sqlite"}, Backend{"postgres"}),
                         BackendName);

}  // namespace
}  // namespace srm::store
