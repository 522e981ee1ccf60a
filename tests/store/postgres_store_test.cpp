// What only the PostgreSQL backend promises: recorded migrations that mirror the SQLite schema,
// a database-level append-only audit log, tamper detection, ONE valid chain when several stores
// and processes write at once, reconnection after lost connections, and an unreachable server as
// a kUnavailable value. Skipped when SRM_TEST_PG_URL is unset.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <set>
#include <thread>

#include "store/audit_chain.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_database.h"
#include "store/postgres/pg_migrations.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;

// A raw libpq connection of its own: what someone with database credentials can do.
class RawPg {
 public:
  explicit RawPg(const std::string& url) : conn_(PQconnectdb(url.c_str())) {}
  RawPg(const RawPg&) = delete;
  RawPg& operator=(const RawPg&) = delete;
  ~RawPg() { PQfinish(conn_); }
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }

  // Runs fixed test SQL; returns the SQLSTATE of a failure ("" on success); message in last_error().
  std::string Exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    std::string state;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const char* code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      state = code != nullptr ? code : "?????";
      last_error_ = PQerrorMessage(conn_);
    }
    PQclear(r);
    return state;
  }
  // The first column of every row of `sql`, as text.
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> values;
    PGresult* r = PQexec(conn_, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      ADD_FAILURE() << PQerrorMessage(conn_);
    } else {
      for (int i = 0; i < PQntuples(r); ++i) values.emplace_back(PQgetvalue(r, i, 0));
    }
    PQclear(r);
    return values;
  }
  const std::string& last_error() const { return last_error_; }

 private:
  PGconn* conn_;
  std::string last_error_;
};

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = PostgresDatabase::Create();
    ASSERT_TRUE(database.has_value()) << ErrorText(database.error());
    harness_ = std::make_unique<PostgresHarness>(std::move(*database), &clock_, 4);
    SRM_ASSERT_OK(harness_->Open());
  }
  Store& store() { return harness_->store(); }
  const std::string& url() const { return harness_->url(); }

  void WriteRegions(int count) {
    for (int i = 0; i < count; ++i) {
      clock_.Advance(1000);
      const std::string id = "reg_" + std::to_string(i);
      SRM_ASSERT_OK(store().PutRegion({id, "Region " + std::to_string(i)}, AuditOf("region.put", "region", id)));
    }
  }
  void ExpectBrokenAt(int64_t seq, int64_t entries) {
    SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
    EXPECT_FALSE(verification.ok);
    ASSERT_TRUE(verification.first_bad.has_value());
    EXPECT_EQ(*verification.first_bad, seq) << verification.reason;
    EXPECT_EQ(verification.entries, entries);
  }

  fakes::FakeClock clock_;
  std::unique_ptr<PostgresHarness> harness_;
};

// The shared stores write ?N (or bare ?, numbered after the highest so far, as SQLite does);
// PostgreSQL gets $N. Quoted text is left alone. (Needs no server.)
TEST(PgPlaceholdersTest, NumberedAndBarePlaceholdersBecomeDollarNumbers) {
  EXPECT_EQ(postgres::DollarPlaceholders("SELECT 1 WHERE a = ?1 OR b = ?1 AND c = ?2"),
            "SELECT 1 WHERE a = $1 OR b = $1 AND c = $2");
  EXPECT_EQ(postgres::DollarPlaceholders("a = ? AND b = ANY(?::text[]) LIMIT ?"), "a = $1 AND b = ANY($2::text[]) LIMIT $3");
  EXPECT_EQ(postgres::DollarPlaceholders("a = ?14, b = ?"), "a = $14, b = $15");
  EXPECT_EQ(postgres::DollarPlaceholders("x = '?' AND \"y?\" = ?"), "x = '?' AND \"y?\" = $1");
  EXPECT_EQ(postgres::DollarPlaceholders("s = 'it''s ?' AND t = ?2"), "s = 'it''s ?' AND t = $2");
}

TEST_F(PostgresStoreTest, EveryMigrationIsRecordedWithTheSqliteVersionNumbers) {
  RawPg raw(url());
  ASSERT_TRUE(raw.ok());
  std::vector<std::string> pg_versions, sqlite_versions;
  for (const postgres::Migration& m : postgres::PostgresMigrations()) pg_versions.push_back(std::to_string(m.version));
  for (const sqlite::Migration& m : sqlite::SqliteMigrations()) sqlite_versions.push_back(std::to_string(m.version));
  EXPECT_EQ(pg_versions, sqlite_versions) << "every SQLite migration needs its PostgreSQL twin";
  EXPECT_EQ(raw.Column("SELECT version FROM schema_migrations ORDER BY version"), pg_versions);
  SRM_ASSERT_OK_AND_ASSIGN(reached, store().Migrate());
  EXPECT_EQ(reached, postgres::PostgresMigrations().back().version);
}

TEST_F(PostgresStoreTest, TablesAndColumnsAreTheSqliteSchemas) {
  // `srm db copy` moves rows column by column: both schemas must name the same tables and columns.
  TempDir dir;
  const std::string path = (dir.path() / "twin.db").string();
  {
    SRM_ASSERT_OK_AND_ASSIGN(sqlite_store, OpenSqliteStore({path, 0, &clock_}));
    SRM_ASSERT_OK(sqlite_store->Migrate());
  }
  std::map<std::string, std::set<std::string>> sqlite_columns, pg_columns;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                               "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    sqlite_columns[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))].insert(
        reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
  sqlite3_finalize(stmt);
  sqlite3_close_v2(db);

  RawPg raw(url());
  for (const std::string& row : raw.Column("SELECT table_name || '.' || column_name FROM information_schema.columns "
                                           "WHERE table_schema = current_schema()")) {
    const size_t dot = row.find('.');
    pg_columns[row.substr(0, dot)].insert(row.substr(dot + 1));
  }
  EXPECT_EQ(pg_columns, sqlite_columns);
}

TEST_F(PostgresStoreTest, AuditLogRefusesUpdateDeleteAndTruncate) {
  WriteRegions(2);
  RawPg raw(url());
  EXPECT_EQ(raw.Exec("UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 1"), "23001");
  EXPECT_NE(raw.last_error().find("audit log is append-only"), std::string::npos) << raw.last_error();
  EXPECT_EQ(raw.Exec("DELETE FROM audit_log WHERE seq = 2"), "23001");
  EXPECT_EQ(raw.Exec("TRUNCATE audit_log"), "23001");
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok);
  EXPECT_EQ(verification.entries, 2);
}

TEST_F(PostgresStoreTest, EditedDeletedAndForgedEntriesAreReported) {
  WriteRegions(10);
  RawPg raw(url());
  // What an attacker with owner rights does first.
  ASSERT_EQ(raw.Exec("ALTER TABLE audit_log DISABLE TRIGGER USER"), "") << raw.last_error();
  ASSERT_EQ(raw.Exec(R"(UPDATE audit_log SET "after" = '{"forged":true}' WHERE seq = 7)"), "") << raw.last_error();
  ExpectBrokenAt(7, 10);
  SRM_ASSERT_OK(harness_->Reopen());
  ExpectBrokenAt(7, 10);
  ASSERT_EQ(raw.Exec("DELETE FROM audit_log WHERE seq = 5"), "") << raw.last_error();
  ExpectBrokenAt(6, 9);  // entry 6 no longer follows 4 (the edit at 7 comes later)
}

TEST_F(PostgresStoreTest, TwoStoresOnOneDatabaseExtendOneChain) {
  // Two pools = two sets of connections, as two servers would have.
  SRM_ASSERT_OK_AND_ASSIGN(second, OpenPostgresStore(harness_->options()));
  constexpr int kThreadsPerStore = 3, kWrites = 30;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < 2; ++s) {
    Store* target = s == 0 ? &store() : second.get();
    for (int t = 0; t < kThreadsPerStore; ++t) {
      threads.emplace_back([&, target, s, t] {
        for (int i = 0; i < kWrites; ++i) {
          const std::string id = std::to_string(s) + "_" + std::to_string(t) + "_" + std::to_string(i);
          // Two audit entries per transaction: they must stay adjacent in the chain.
          if (!target->WriteSras({InsertOf(SampleSra("sra_" + id, "ser_" + id, 1, "a", "draft", "t"))},
                                 {AuditOf("sra.create", "sra", "sra_" + id), AuditOf("sra.note", "sra", "sra_" + id)}))
            ++failures;
        }
      });
    }
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  SRM_ASSERT_OK_AND_ASSIGN(verification, second->VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 2 * kThreadsPerStore * kWrites * 2);
  SRM_ASSERT_OK_AND_ASSIGN(chain, store().ListAudit("", {500, ""}));
  for (size_t i = 0; i + 1 < chain.items.size(); i += 2) {
    EXPECT_EQ(chain.items[i].event.action, "sra.create");
    EXPECT_EQ(chain.items[i + 1].event.object_id, chain.items[i].event.object_id)
        << "a transaction's entries interleaved";
  }
}

TEST_F(PostgresStoreTest, WritersInSeveralProcessesExtendOneChain) {
  constexpr int kProcesses = 3, kWrites = 40;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // The child: its own store (its own connections), never the parent's; _exit skips destructors.
      auto own = OpenPostgresStore(harness_->options());
      if (!own) _exit(2);
      int failed = 0;
      for (int i = 0; i < kWrites; ++i) {
        const std::string id = "p" + std::to_string(p) + "_" + std::to_string(i);
        if (!(*own)->PutOrganization({"org_" + id, "C", "Org " + id}, AuditOf("organization.put", "organization", id)))
          ++failed;
      }
      own->reset();
      _exit(failed == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  // The parent writes too, at the same time.
  for (int i = 0; i < kWrites; ++i)
    SRM_ASSERT_OK(store().PutRegion({"reg_" + std::to_string(i), "R"}, AuditOf("region.put", "region", "r")));
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << pid << " status " << status;
  }
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, (kProcesses + 1) * kWrites);
  SRM_ASSERT_OK_AND_ASSIGN(orgs, store().ListOrganizations());
  EXPECT_EQ(orgs.size(), static_cast<size_t>(kProcesses * kWrites));
}

TEST_F(PostgresStoreTest, LostConnectionsAreReplacedOnTheNextCall) {
  WriteRegions(1);
  SRM_ASSERT_OK(store().ListRegions());
  // Every connection of this store is killed by the server (as on a failover or restart).
  RawPg raw(url());
  ASSERT_EQ(raw.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()"),
            "")
      << raw.last_error();
  SRM_ASSERT_OK(store().PutRegion({"reg_x", "After"}, AuditOf("region.put", "region", "reg_x")));
  SRM_ASSERT_OK_AND_ASSIGN(regions, store().ListRegions());
  EXPECT_EQ(regions.size(), 2u);
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok);
  EXPECT_EQ(verification.entries, 2);
}

// A statement that outlasts statement_timeout_ms fails as the database being unavailable (it is
// stuck), without a second try on a new connection that would wait as long again; a migration's
// transaction may lift the limit, and the next transaction has it again.
TEST_F(PostgresStoreTest, StatementsThatOutlastTheTimeoutAreUnavailable) {
  SRM_ASSERT_OK_AND_ASSIGN(c, postgres::Connection::Open({url(), 5, 10000, /*statement_timeout_ms=*/300}));
  SRM_ASSERT_OK(c->Run("SELECT 1"));
  auto slow = c->Run("SELECT pg_sleep(2)");
  ASSERT_FALSE(slow.has_value());
  EXPECT_EQ(slow.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(slow.error().code, "database_unavailable");
  EXPECT_TRUE(c->TimedOut(slow.error())) << "a time-out, not a lost connection";
  EXPECT_FALSE(c->Broken()) << "the server cancelled it: the connection is still good";
  SRM_ASSERT_OK(c->Run("SELECT 1"));

  SRM_ASSERT_OK(c->Exec("BEGIN"));
  SRM_ASSERT_OK(c->NoTimeoutInThisTransaction());
  SRM_ASSERT_OK(c->Run("SELECT pg_sleep(0.6)"));  // twice the limit: allowed here
  SRM_ASSERT_OK(c->Exec("COMMIT"));
  SRM_ASSERT_OK(c->Exec("BEGIN"));
  auto again = c->Run("SELECT pg_sleep(2)");
  ASSERT_FALSE(again.has_value()) << "the limit is back in the next transaction";
  EXPECT_EQ(again.error().code, "database_unavailable");
  SRM_ASSERT_OK(c->Exec("ROLLBACK"));

  // The store: a read that outlasts the limit is answered unavailable at once (one try).
  PostgresOptions options;
  options.url = url();
  options.clock = &clock_;
  options.statement_timeout_ms = 300;
  SRM_ASSERT_OK_AND_ASSIGN(timed, OpenPostgresStore(options));
  SRM_ASSERT_OK(timed->Migrate());  // migrations are not limited
  RawPg raw(url());
  ASSERT_EQ(raw.Exec("BEGIN; LOCK TABLE regions IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(0); "), "") << raw.last_error();
  auto blocked = timed->ListRegions();  // waits for the lock, past the limit
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().kind, ErrorKind::kUnavailable);
  raw.Exec("ROLLBACK");
  SRM_ASSERT_OK(timed->ListRegions());
}

TEST_F(PostgresStoreTest, UnreachableServerIsUnavailableWithoutThePassword) {
  PostgresOptions options;
  options.url = "postgresql://srm:s3cret@127.0.0.1:1/srm";  // nothing listens on port 1
  options.connect_timeout_s = 2;
  auto opened = OpenPostgresStore(options);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(opened.error().code, "database_unavailable");
  EXPECT_NE(opened.error().message.find("cannot connect"), std::string::npos) << opened.error().message;
  EXPECT_EQ(opened.error().message.find("s3cret"), std::string::npos) << opened.error().message;

  auto not_a_url = OpenPostgresStore({"mysql://x", 4, &clock_});
  ASSERT_FALSE(not_a_url.has_value());
  EXPECT_EQ(not_a_url.error().kind, ErrorKind::kInvalid);
}

TEST_F(PostgresStoreTest, TextPostgresCannotStoreIsRefusedAndNothingIsWritten) {
  Status nul = store().PutRegion({"reg_1", std::string("Af\0rica", 7)}, AuditOf("region.put", "region", "reg_1"));
  ASSERT_FALSE(nul.has_value());
  EXPECT_EQ(nul.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(nul.error().code, "invalid_text");
  Status bad_utf8 = store().PutRegion({"reg_1", "Af\xff\xfeica"}, AuditOf("region.put", "region", "reg_1"));
  ASSERT_FALSE(bad_utf8.has_value());
  EXPECT_EQ(bad_utf8.error().code, "invalid_text");
  SRM_ASSERT_OK_AND_ASSIGN(regions, store().ListRegions());
  EXPECT_TRUE(regions.empty());
  EXPECT_EQ(AuditCount(store()), 0);
}

TEST_F(PostgresStoreTest, NewerSchemaThanThisBuildIsRefused) {
  RawPg raw(url());
  ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')"), "");
  auto migrated = store().Migrate();
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, "schema_too_new");
}

TEST_F(PostgresStoreTest, ConcurrentMigrationsApplyEachOnce) {
  // A fresh database, and several servers starting at once.
  SRM_ASSERT_OK_AND_ASSIGN(database, PostgresDatabase::Create());
  PostgresOptions options;
  options.url = database->url();
  options.clock = &clock_;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto s = OpenPostgresStore(options);
      if (!s || !(*s)->Migrate()) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  RawPg raw(database->url());
  EXPECT_EQ(raw.Column("SELECT COUNT(*) FROM schema_migrations"),
            std::vector<std::string>{std::to_string(postgres::PostgresMigrations().size())});
}

TEST(PostgresUrlTest, PasswordsAreRedactedAndDatabasesSwapped) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://srm:pw@db.example:5432/srm?sslmode=require"),
            "postgresql://srm:***@db.example:5432/srm?sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgresql://srm@db/srm?password=pw&sslmode=require"),
            "postgresql://srm@db/srm?password=***&sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgresql://db/srm"), "postgresql://db/srm");
  EXPECT_EQ(*PostgresUrlWithDatabase("postgresql://srm@h:1/postgres?sslmode=disable", "srm_x"),
            "postgresql://srm@h:1/srm_x?sslmode=disable");
  EXPECT_EQ(*PostgresUrlWithDatabase("postgres://h", "d"), "postgres://h/d");
  EXPECT_FALSE(PostgresUrlWithDatabase("sqlite:x.db", "d").has_value());
  EXPECT_TRUE(IsPostgresUrl("postgresql://h/d"));
  EXPECT_FALSE(IsPostgresUrl("sqlite:/tmp/x.db"));
  EXPECT_FALSE(CreatePostgresDatabase("postgresql://h/d", "Robert'); DROP TABLE users;--").has_value());
}

}  // namespace
}  // namespace srm::store
