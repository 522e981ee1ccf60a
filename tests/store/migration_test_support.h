// What a data migration's test needs on either backend ("sqlite" | "postgres", the test's
// parameter): a database it opens, closes and reopens through the store, and raw SQL under the
// store to mark a migration as not yet applied so the next Migrate() runs it again.
// Shared by migration_0010_test and migration_0014_test.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "store/store_test_support.h"

namespace srm::store::testing_support {

class MigrationTarget {
 public:
  // Makes the database (a fresh PostgreSQL one for "postgres"); check ok() before use.
  explicit MigrationTarget(const std::string& backend) : sqlite_(backend == "sqlite") {
    if (sqlite_) {
      path_ = (dir_.path() / "srm.db").string();
      return;
    }
    auto db = PostgresDatabase::Create();
    if (!db) {
      error_ = db.error().message;
      return;
    }
    database_ = std::move(*db);
    path_ = database_->url();
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // The SQLite file, or the PostgreSQL database's URL (for a raw connection of the test's own).
  const std::string& target() const { return path_; }

  Result<std::unique_ptr<Store>> Open() {
    if (sqlite_) {
      SqliteOptions o;
      o.path = path_;
      o.clock = &clock_;
      return OpenSqliteStore(o);
    }
    PostgresOptions o;
    o.url = path_;
    o.clock = &clock_;
    return OpenPostgresStore(o);
  }

  // Forgets that migration `version` ran: the next Migrate() applies it again.
  void Forget(int version) { Exec("DELETE FROM schema_migrations WHERE version = " + std::to_string(version)); }

  void Exec(const std::string& sql) {
    if (sqlite_) {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
      char* err = nullptr;
      EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
      sqlite3_free(err);
      sqlite3_close(db);
      return;
    }
    PGconn* conn = PQconnectdb(path_.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* r = PQexec(conn, sql.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(conn);
    PQclear(r);
    PQfinish(conn);
  }

 private:
  bool sqlite_;
  fakes::FakeClock clock_;
  TempDir dir_;
  std::unique_ptr<PostgresDatabase> database_;
  std::string path_;  // the SQLite file, or the PostgreSQL database's URL
  std::string error_;
};

}  // namespace srm::store::testing_support
