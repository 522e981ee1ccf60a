// Shared by the store tests: backends under test, temporary directories, sample records and
// assertion helpers. Tests see backends only through the Store interface and a StoreHarness.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"
#include "fakes/fake_clock.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

// Asserts that a Status/Result holds a value, printing the error otherwise.
#define SRM_ASSERT_OK(expr)                                                              \
  do {                                                                                   \
    const auto& srm_assert_result = (expr);                                              \
    ASSERT_TRUE(srm_assert_result.has_value())                                           \
        << #expr << " failed: " << srm_assert_result.error().code << ": "                \
        << srm_assert_result.error().message;                                            \
  } while (0)

// Asserts success and moves the value of a Result into a new variable `lhs`.
#define SRM_ASSERT_OK_AND_ASSIGN(lhs, expr)                                             \
  auto lhs##_result = (expr);                                                            \
  ASSERT_TRUE(lhs##_result.has_value())                                                  \
      << #expr << " failed: " << lhs##_result.error().code << ": "                       \
      << lhs##_result.error().message;                                                   \
  auto lhs = std::move(*lhs##_result)

namespace srm::store::testing_support {

// A directory under the gtest temp dir, unique per instance, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("srm_store_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A store under test plus what a backend needs to be closed and opened again.
class StoreHarness {
 public:
  virtual ~StoreHarness() = default;
  virtual Store& store() = 0;
  // Destroys the store and opens the same database again (data must survive).
  virtual Status Reopen() = 0;
};

// A migrated SQLite store in a fresh temporary directory.
class SqliteHarness final : public StoreHarness {
 public:
  SqliteHarness(const Clock* clock, int readers) {
    options_.path = (dir_.path() / "srm.db").string();
    options_.readers = readers;
    options_.clock = clock;
  }
  Status Open() {
    SRM_ASSIGN(opened, OpenSqliteStore(options_));
    store_ = std::move(opened);
    SRM_TRY(store_->Migrate());
    return {};
  }
  Store& store() override { return *store_; }
  Status Reopen() override {
    store_.reset();
    return Open();
  }
  const std::string& path() const { return options_.path; }
  SqliteOptions& options() { return options_; }

 private:
  TempDir dir_;
  SqliteOptions options_;
  std::unique_ptr<Store> store_;
};

// The PostgreSQL server the tests may use: SRM_TEST_PG_URL, a URL to a maintenance database on a
// throwaway server (scripts/pg.sh prints one), or "" when the PostgreSQL tests are to be skipped.
inline std::string TestPostgresUrl() {
  const char* url = std::getenv("SRM_TEST_PG_URL");
  return url != nullptr ? url : "";
}

// The error a PostgreSQL harness returns when SRM_TEST_PG_URL is unset: tests skip on it.
inline constexpr const char* kPostgresNotConfigured = "pg_not_configured";

// A fresh database on the SRM_TEST_PG_URL server (CREATE DATABASE srm_t_<pid>_<n>), dropped at the
// end. Each Open() is a new connection pool on the same database.
class PostgresDatabase {
 public:
  static Result<std::unique_ptr<PostgresDatabase>> Create() {
    const std::string maintenance = TestPostgresUrl();
    if (maintenance.empty())
      return Fail(ErrorKind::kUnavailable, kPostgresNotConfigured, "SRM_TEST_PG_URL is not set: PostgreSQL tests run in scripts/test.sh's PostgreSQL pass");
    static std::atomic<int> counter{0};
    const std::string name = "srm_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    SRM_TRY(DropPostgresDatabase(maintenance, name));  // a leftover of a crashed run with the same pid
    SRM_TRY(CreatePostgresDatabase(maintenance, name));
    SRM_ASSIGN(url, PostgresUrlWithDatabase(maintenance, name));
    return std::unique_ptr<PostgresDatabase>(new PostgresDatabase(maintenance, name, url));
  }
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;
  ~PostgresDatabase() { (void)DropPostgresDatabase(maintenance_, name_); }
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  PostgresDatabase(std::string maintenance, std::string name, std::string url)
      : maintenance_(std::move(maintenance)), name_(std::move(name)), url_(std::move(url)) {}
  std::string maintenance_, name_, url_;
};

// A migrated PostgreSQL store in a fresh database.
class PostgresHarness final : public StoreHarness {
 public:
  PostgresHarness(std::unique_ptr<PostgresDatabase> database, const Clock* clock, int connections)
      : database_(std::move(database)) {
    options_.url = database_->url();
    options_.clock = clock;
    options_.max_connections = connections;
  }
  ~PostgresHarness() override { store_.reset(); }  // connections close before the database is dropped
  Status Open() {
    SRM_ASSIGN(opened, OpenPostgresStore(options_));
    store_ = std::move(opened);
    SRM_TRY(store_->Migrate());
    return {};
  }
  Store& store() override { return *store_; }
  Status Reopen() override {
    store_.reset();
    return Open();
  }
  const std::string& url() const { return database_->url(); }
  PostgresOptions& options() { return options_; }

 private:
  std::unique_ptr<PostgresDatabase> database_;
  PostgresOptions options_;
  std::unique_ptr<Store> store_;
};

inline Result<std::unique_ptr<StoreHarness>> MakePostgresHarness(const Clock* clock, int connections) {
  SRM_ASSIGN(database, PostgresDatabase::Create());
  auto harness = std::make_unique<PostgresHarness>(std::move(database), clock, connections);
  SRM_TRY(harness->Open());
  return std::unique_ptr<StoreHarness>(std::move(harness));
}

// One backend of the conformance suite; `name` becomes the test-name suffix.
struct BackendFactory {
  std::string name;
  std::function<Result<std::unique_ptr<StoreHarness>>(const Clock*)> make;
};

// Keeps test names readable and stable: gtest prints the parameter after the name.
inline void PrintTo(const BackendFactory& backend, std::ostream* out) { *out << backend.name; }

inline Result<std::unique_ptr<StoreHarness>> MakeSqliteHarness(const Clock* clock, int readers) {
  auto harness = std::make_unique<SqliteHarness>(clock, readers);
  SRM_TRY(harness->Open());
  return std::unique_ptr<StoreHarness>(std::move(harness));
}

// Every backend the conformance suite runs against. The PostgreSQL entries are always listed (test
// discovery happens at build time) and skip when SRM_TEST_PG_URL is unset.
inline std::vector<BackendFactory> AllBackends() {
  return {
      {"sqlite", [](const Clock* clock) { return MakeSqliteHarness(clock, 4); }},
      // All calls on the one writer connection: the ":memory:" configuration.
      {"sqlite_single_connection", [](const Clock* clock) { return MakeSqliteHarness(clock, 0); }},
      {"postgres", [](const Clock* clock) { return MakePostgresHarness(clock, 8); }},
      // One pooled connection: every call waits for it, as under heavy load.
      {"postgres_single_connection", [](const Clock* clock) { return MakePostgresHarness(clock, 1); }},
  };
}

inline std::string ErrorText(const Error& e) { return e.code + ": " + e.message; }

// An audit event of the "admin" user.
inline AuditEvent AuditOf(std::string action, std::string object_type, std::string object_id,
                          std::string after = "{}") {
  AuditEvent e;
  e.actor_id = "usr_admin";
  e.actor_name = "admin";
  e.role = "admin";
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.after = std::move(after);
  e.request_id = "req-test";
  return e;
}

inline domain::User SampleUser(std::string id, std::string username) {
  domain::User u;
  u.id = std::move(id);
  u.username = std::move(username);
  u.display_name = "User " + u.username;
  u.organization_id = "org_undp";
  u.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";
  u.grants = {{domain::Role::kSecurityProfessional, "org_undp", "cty_af", ""},
              {domain::Role::kAuditor, "", "", ""}};
  u.created_at = "2026-11-26T12:00:00.000Z";
  return u;
}

inline SraRow SampleSra(std::string id, std::string series_id, int version, std::string area_id,
                        std::string status, std::string updated_at) {
  SraRow r;
  r.id = std::move(id);
  r.series_id = std::move(series_id);
  r.version = version;
  r.kind = "area";
  r.title = "SRA " + r.id;
  r.area_id = std::move(area_id);
  r.country_id = "cty_af";
  r.organization_id = "org_undp";
  r.status = std::move(status);
  r.method_version = "unsms-2025.1";
  r.overall_residual = "Medium";
  r.review_due = "2027-05-26";
  r.created_at = "2026-11-26T12:00:00.000Z";
  r.updated_at = std::move(updated_at);
  r.doc = R"({"id":")" + r.id + R"(","title":"SRA with \"quotes\" and ünïcödé"})";
  return r;
}

// An insert of `row` (expected revision 0).
inline SraWrite InsertOf(SraRow row) { return SraWrite{std::move(row), 0}; }

// How many audit entries the store holds.
inline int64_t AuditCount(Store& store) {
  auto page = store.ListAudit("", PageRequest{1, ""});
  return page ? page->total : -1;
}

}  // namespace srm::store::testing_support
