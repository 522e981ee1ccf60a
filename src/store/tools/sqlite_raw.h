// Internal to srm_store_tools: a plain sqlite3 handle for the operator tools, which read schemas
// and whole tables rather than records (the store interface is the wrong shape for that). Fixed SQL
// with ?N parameters only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace srm::store::tools {

class RawStatement {
 public:
  RawStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  RawStatement(RawStatement&& other) noexcept;
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  ~RawStatement();
  // True while a row is available.
  Result<bool> Step();
  std::string Text(int column) const;
  int64_t Int(int column) const;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class RawSqlite {
 public:
  enum class Mode {
    kReadOnly,   // an existing file that is not in use (a backup)
    kExisting,   // an existing database, possibly in use by servers (WAL needs its -shm writable)
    kCreate,     // created when missing
  };
  static Result<RawSqlite> Open(const std::string& path, Mode mode);
  RawSqlite(RawSqlite&& other) noexcept;
  RawSqlite(const RawSqlite&) = delete;
  RawSqlite& operator=(const RawSqlite&) = delete;
  ~RawSqlite();

  Status Exec(const std::string& sql);
  Result<RawStatement> Prepare(const std::string& sql);
  // The first column of every row, with `params` bound to ?1, ?2, ...
  Result<std::vector<std::string>> Column(const std::string& sql, const std::vector<std::string>& params);
  // Walks audit_log in seq order through store/audit_chain.h (kInternal when the table is missing).
  Result<AuditVerification> VerifyAudit();
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  RawSqlite(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Error ErrorOf(int rc, const std::string& during) const;
  sqlite3* db_;
  std::string path_;
};

}  // namespace srm::store::tools
