// What only the SQLite backend promises: WAL, recorded migrations, database-level append-only
// audit log, tamper detection against an attacker with file access, lock and open failures as
// values. Runs with a reader pool and with the single-connection configuration.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "store/audit_chain.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;

// A raw sqlite3 connection of its own: what someone with access to the file can do.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db_, 5000);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
  ~RawDb() { sqlite3_close_v2(db_); }

  // Runs fixed test SQL; returns the SQLite result code, the message is in last_error().
  int Exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    last_error_ = message != nullptr ? message : "";
    sqlite3_free(message);
    return rc;
  }
  // The first column of every row of `sql`, as text.
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> values;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_);
      return values;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      values.emplace_back(text != nullptr ? text : "");
    }
    sqlite3_finalize(stmt);
    return values;
  }
  const std::string& last_error() const { return last_error_; }

  // Removes the append-only triggers, as an attacker would before editing the log.
  void DropAuditTriggers() {
    ASSERT_EQ(Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"), SQLITE_OK) << last_error_;
  }

 private:
  sqlite3* db_ = nullptr;
  std::string last_error_;
};

struct PoolConfig {
  std::string name;
  int readers;
};
void PrintTo(const PoolConfig& config, std::ostream* out) { *out << config.name; }

class SqliteStoreTest : public ::testing::TestWithParam<PoolConfig> {
 protected:
  void SetUp() override {
    harness_ = std::make_unique<SqliteHarness>(&clock_, GetParam().readers);
    SRM_ASSERT_OK(harness_->Open());
  }
  Store& store() { return harness_->store(); }
  const std::string& path() const { return harness_->path(); }

  // `count` audited writes, each its own transaction.
  void WriteRegions(int count) {
    for (int i = 0; i < count; ++i) {
      clock_.Advance(1000);
      const std::string id = "reg_" + std::to_string(i);
      SRM_ASSERT_OK(store().PutRegion({id, "Region " + std::to_string(i)}, AuditOf("region.put", "region", id)));
    }
  }
  // Verifies the chain and expects it broken at `seq`.
  void ExpectBrokenAt(int64_t seq, int64_t entries) {
    SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
    EXPECT_FALSE(verification.ok);
    ASSERT_TRUE(verification.first_bad.has_value());
    EXPECT_EQ(*verification.first_bad, seq) << verification.reason;
    EXPECT_EQ(verification.entries, entries);
    EXPECT_FALSE(verification.reason.empty());
  }

  fakes::FakeClock clock_;
  std::unique_ptr<SqliteHarness> harness_;
};

TEST_P(SqliteStoreTest, OpensInWalModeWithEveryMigrationRecorded) {
  RawDb raw(path());
  EXPECT_EQ(raw.Column("PRAGMA journal_mode"), std::vector<std::string>{"wal"});
  std::vector<std::string> expected_versions;
  for (const sqlite::Migration& m : sqlite::SqliteMigrations()) expected_versions.push_back(std::to_string(m.version));
  EXPECT_EQ(raw.Column("SELECT version FROM schema_migrations ORDER BY version"), expected_versions);
  SRM_ASSERT_OK_AND_ASSIGN(reached, store().Migrate());
  EXPECT_EQ(reached, sqlite::SqliteMigrations().back().version);
  EXPECT_EQ(raw.Column("SELECT name FROM schema_migrations WHERE version = 1"), std::vector<std::string>{"0001_init"});
}

TEST_P(SqliteStoreTest, CompiledInMigrationsAscend) {
  int previous = 0;
  for (const sqlite::Migration& m : sqlite::SqliteMigrations()) {
    EXPECT_GT(m.version, previous) << m.name;
    EXPECT_FALSE(m.sql.empty()) << m.name;
    previous = m.version;
  }
  EXPECT_GE(previous, 1);
}

TEST_P(SqliteStoreTest, AuditLogRefusesUpdateAndDelete) {
  WriteRegions(2);
  RawDb raw(path());
  EXPECT_EQ(raw.Exec("UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 1"), SQLITE_CONSTRAINT);
  EXPECT_NE(raw.last_error().find("audit log is append-only"), std::string::npos) << raw.last_error();
  EXPECT_EQ(raw.Exec("DELETE FROM audit_log WHERE seq = 2"), SQLITE_CONSTRAINT);
  EXPECT_NE(raw.last_error().find("audit log is append-only"), std::string::npos) << raw.last_error();
  EXPECT_EQ(raw.Exec("DELETE FROM audit_log"), SQLITE_CONSTRAINT);
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok);
  EXPECT_EQ(verification.entries, 2);
}

TEST_P(SqliteStoreTest, EditedEntryIsReportedAtItsSeq) {
  WriteRegions(10);
  RawDb raw(path());
  raw.DropAuditTriggers();
  ASSERT_EQ(raw.Exec(R"(UPDATE audit_log SET "after" = '{"forged":true}' WHERE seq = 7)"), SQLITE_OK) << raw.last_error();
  ExpectBrokenAt(7, 10);
  // Still detected by a fresh process.
  SRM_ASSERT_OK(harness_->Reopen());
  ExpectBrokenAt(7, 10);
}

TEST_P(SqliteStoreTest, DeletedMiddleEntryIsReportedAtTheNextSeq) {
  WriteRegions(10);
  RawDb raw(path());
  raw.DropAuditTriggers();
  ASSERT_EQ(raw.Exec("DELETE FROM audit_log WHERE seq = 5"), SQLITE_OK) << raw.last_error();
  ExpectBrokenAt(6, 9);  // entry 6 is the first that no longer follows its predecessor
}

TEST_P(SqliteStoreTest, SwappedEntriesAreReportedAtTheFirstSwappedSeq) {
  WriteRegions(10);
  RawDb raw(path());
  raw.DropAuditTriggers();
  ASSERT_EQ(raw.Exec("UPDATE audit_log SET seq = -1 WHERE seq = 3;"
                     "UPDATE audit_log SET seq = 3 WHERE seq = 4;"
                     "UPDATE audit_log SET seq = 4 WHERE seq = -1;"),
            SQLITE_OK)
      << raw.last_error();
  ExpectBrokenAt(3, 10);
}

TEST_P(SqliteStoreTest, ForgedEntryWithRecomputedHashBreaksTheNextLink) {
  WriteRegions(10);
  SRM_ASSERT_OK_AND_ASSIGN(chain, store().ListAudit("", {50, ""}));
  AuditEntry forged = chain.items[3];  // seq 4
  forged.event.actor_name = "someone else";
  forged.hash = AuditEntryHash(forged);
  RawDb raw(path());
  raw.DropAuditTriggers();
  ASSERT_EQ(raw.Exec("UPDATE audit_log SET actor_name = 'someone else', hash = '" + forged.hash + "' WHERE seq = 4"),
            SQLITE_OK)
      << raw.last_error();
  ExpectBrokenAt(5, 10);
}

TEST_P(SqliteStoreTest, LockedDatabaseIsUnavailableAndLeavesNoTrace) {
  harness_->options().busy_timeout_ms = 100;
  SRM_ASSERT_OK(harness_->Reopen());
  RawDb raw(path());
  ASSERT_EQ(raw.Exec("BEGIN IMMEDIATE"), SQLITE_OK) << raw.last_error();
  Status blocked = store().PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1"));
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().kind, ErrorKind::kUnavailable);
  // Reads carry on while another connection holds the write lock (WAL).
  SRM_ASSERT_OK(store().ListRegions());
  ASSERT_EQ(raw.Exec("ROLLBACK"), SQLITE_OK);

  SRM_ASSERT_OK(store().PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1")));
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok);
  EXPECT_EQ(verification.entries, 1);
}

TEST_P(SqliteStoreTest, TwoStoresOnOneFileShareOneChain) {
  SqliteOptions second_options = harness_->options();
  SRM_ASSERT_OK_AND_ASSIGN(second, OpenSqliteStore(second_options));
  for (int i = 0; i < 10; ++i) {
    Store& writer = i % 2 == 0 ? store() : *second;
    const std::string id = "reg_" + std::to_string(i);
    SRM_ASSERT_OK(writer.PutRegion({id, "R"}, AuditOf("region.put", "region", id)));
  }
  SRM_ASSERT_OK_AND_ASSIGN(verification, second->VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 10);
}

TEST_P(SqliteStoreTest, UnreadableGrantsAreAnErrorNotACrash) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_1", "alice"), AuditOf("user.create", "user", "usr_1")));
  RawDb raw(path());
  ASSERT_EQ(raw.Exec(R"(UPDATE users SET grants = '[{"role":"emperor"}]')"), SQLITE_OK);
  auto user = store().GetUser("usr_1");
  ASSERT_FALSE(user.has_value());
  EXPECT_EQ(user.error().code, "corrupt_grants");
  ASSERT_EQ(raw.Exec("UPDATE users SET grants = 'not json'"), SQLITE_OK);
  auto users = store().ListUsers({}, {10, ""});
  ASSERT_FALSE(users.has_value());
  EXPECT_EQ(users.error().kind, ErrorKind::kInternal);
}

TEST_P(SqliteStoreTest, NewerSchemaThanThisBuildIsRefused) {
  RawDb raw(path());
  ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')"),
            SQLITE_OK);
  auto migrated = store().Migrate();
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, "schema_too_new");
}

TEST_P(SqliteStoreTest, CallsBeforeMigrateFailAsValues) {
  TempDir dir;
  SRM_ASSERT_OK_AND_ASSIGN(fresh, OpenSqliteStore({(dir.path() / "new.db").string(), GetParam().readers, &clock_}));
  EXPECT_FALSE(fresh->ListOrganizations().has_value());
  EXPECT_FALSE(fresh->PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1")).has_value());
  EXPECT_FALSE(fresh->VerifyAudit().has_value());
  EXPECT_FALSE(fresh->ListSras({}, {10, ""}).has_value());
  SRM_ASSERT_OK(fresh->Migrate());
  SRM_ASSERT_OK(fresh->PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1")));
}

TEST_P(SqliteStoreTest, UnusablePathsFailAsValues) {
  auto empty = OpenSqliteStore({"", GetParam().readers, &clock_});
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalid);

  auto no_directory = OpenSqliteStore({"/nonexistent-srm-dir/sub/srm.db", GetParam().readers, &clock_});
  ASSERT_FALSE(no_directory.has_value());
  EXPECT_EQ(no_directory.error().kind, ErrorKind::kUnavailable);

  TempDir dir;
  const std::string not_a_database = (dir.path() / "notes.db").string();
  {
    std::ofstream file(not_a_database);
    for (int i = 0; i < 200; ++i) file << "this is not an SQLite database\n";
  }
  auto opened = OpenSqliteStore({not_a_database, GetParam().readers, &clock_});
  if (opened.has_value()) {
    EXPECT_FALSE((*opened)->Migrate().has_value());
  } else {
    EXPECT_EQ(opened.error().code, "database_corrupt");
  }
}

TEST_P(SqliteStoreTest, InMemoryDatabaseRunsOnOneConnection) {
  SRM_ASSERT_OK_AND_ASSIGN(memory, OpenSqliteStore({":memory:", GetParam().readers, &clock_}));
  SRM_ASSERT_OK(memory->Migrate());
  SRM_ASSERT_OK(memory->PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1")));
  SRM_ASSERT_OK_AND_ASSIGN(regions, memory->ListRegions());
  EXPECT_EQ(regions.size(), 1u);
  SRM_ASSERT_OK_AND_ASSIGN(verification, memory->VerifyAudit());
  EXPECT_TRUE(verification.ok);
}

TEST_P(SqliteStoreTest, ClosingCheckpointsTheWalIntoTheDatabaseFile) {
  TempDir dir;
  const std::string db = (dir.path() / "closed.db").string();
  {
    SRM_ASSERT_OK_AND_ASSIGN(closing, OpenSqliteStore({db, GetParam().readers, &clock_}));
    SRM_ASSERT_OK(closing->Migrate());
    SRM_ASSERT_OK(closing->PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1")));
  }
  EXPECT_FALSE(std::filesystem::exists(db + "-wal"));
  RawDb raw(db);
  EXPECT_EQ(raw.Column("SELECT name FROM regions"), std::vector<std::string>{"Africa"});
  EXPECT_EQ(raw.Column("SELECT COUNT(*) FROM audit_log"), std::vector<std::string>{"1"});
}

// The connection's statement cache hashes a long SQL text by samples (sqlite_connection.h): two
// texts of one length that agree on every sample but differ elsewhere are still two statements.
TEST(SqliteConnection, StatementsThatShareTheHashedSamplesAreToldApart) {
  TempDir dir;
  SRM_ASSERT_OK_AND_ASSIGN(c, sqlite::Connection::Open((dir.path() / "cache.db").string(),
                                                       sqlite::ConnectionRole::kWriter, 5000));
  // 'SELECT '' + 40 characters + '' AS v /*...*/': the value differs at its 31st character only,
  // past the first sample; the middle and end samples fall in the comment.
  const auto sql_of = [](char differs) {
    std::string value(40, 'x');
    value[30] = differs;
    return "SELECT '" + value + "' AS v /*" + std::string(300, '-') + "*/";
  };
  const std::string a = sql_of('a'), b = sql_of('b');
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.substr(0, 32), b.substr(0, 32));
  for (int round = 0; round < 3; ++round)  // the first round prepares, the others find them cached
    for (const auto& [sql, want] : {std::pair{&a, 'a'}, std::pair{&b, 'b'}}) {
      SRM_ASSERT_OK_AND_ASSIGN(statement, c->Prepare(*sql));
      SRM_ASSERT_OK_AND_ASSIGN(row, statement.Step());
      ASSERT_TRUE(row);
      EXPECT_EQ(statement.Text(0)[30], want) << "round " << round;
    }
}

INSTANTIATE_TEST_SUITE_P(store, SqliteStoreTest,
                         ::testing::Values(PoolConfig{"pooled", 4}, PoolConfig{"single_connection", 0}),
                         [](const ::testing::TestParamInfo<PoolConfig>& info) { return info.param.name; });

}  // namespace
}  // namespace srm::store
