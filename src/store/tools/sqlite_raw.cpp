#include "store/tools/sqlite_raw.h"

#include <sqlite3.h>

#include <utility>

#include "core/private_files.h"
#include "store/audit_chain.h"

namespace srm::store::tools {

RawStatement::RawStatement(RawStatement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

RawStatement::~RawStatement() { sqlite3_finalize(stmt_); }

Result<bool> RawStatement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const ErrorKind kind = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || (rc & 0xff) == SQLITE_IOERR
                             ? ErrorKind::kUnavailable
                             : ErrorKind::kInternal;
  return Fail(kind, "database_error", std::string(sqlite3_sql(stmt_)) + ": " + sqlite3_errmsg(db_));
}

std::string RawStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text != nullptr ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : "";
}

int64_t RawStatement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

Result<RawSqlite> RawSqlite::Open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  // Backups, restored and copied databases: the server's user's only, like the database itself.
  if (mode == Mode::kCreate) SRM_TRY(PrepareOwnerOnlyDatabase(path));
  const int flags = mode == Mode::kReadOnly   ? SQLITE_OPEN_READONLY
                    : mode == Mode::kExisting ? SQLITE_OPEN_READWRITE
                                              : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Fail(ErrorKind::kUnavailable, "storage_unavailable", "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return RawSqlite(db, path);
}

RawSqlite::RawSqlite(RawSqlite&& other) noexcept : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

RawSqlite::~RawSqlite() { sqlite3_close_v2(db_); }

Error RawSqlite::ErrorOf(int rc, const std::string& during) const {
  const int primary = rc & 0xff;
  const ErrorKind kind = primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
                                 primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY
                             ? ErrorKind::kUnavailable
                         : primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? ErrorKind::kInvalid
                                                                                : ErrorKind::kInternal;
  const std::string code = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? "database_corrupt" : "database_error";
  return Error{kind, code, path_ + ": " + during + ": " + sqlite3_errmsg(db_), "", false};
}

Status RawSqlite::Exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(ErrorOf(rc, sql));
  return {};
}

Result<RawStatement> RawSqlite::Prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return std::unexpected(ErrorOf(rc, sql));
  }
  return RawStatement(db_, stmt);
}

Result<std::vector<std::string>> RawSqlite::Column(const std::string& sql, const std::vector<std::string>& params) {
  SRM_ASSIGN(statement, Prepare(sql));
  for (size_t i = 0; i < params.size(); ++i)
    sqlite3_bind_text64(statement.get(), static_cast<int>(i + 1), params[i].data(), params[i].size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
  std::vector<std::string> values;
  while (true) {
    SRM_ASSIGN(has_row, statement.Step());
    if (!has_row) return values;
    values.push_back(statement.Text(0));
  }
}

Result<AuditVerification> RawSqlite::VerifyAudit() {
  SRM_ASSIGN(rows, Prepare("SELECT seq, at, actor_id, actor_name, role, action, object_type, object_id, \"before\", "
                           "\"after\", request_id, prev_hash, hash FROM audit_log ORDER BY seq"));
  std::optional<Error> failure;
  AuditVerification verification = VerifyAuditChain([&](AuditEntry* e) {
    Result<bool> has_row = rows.Step();
    if (!has_row) {
      failure = has_row.error();
      return false;
    }
    if (!*has_row) return false;
    e->seq = rows.Int(0);
    e->at = rows.Text(1);
    e->event.actor_id = rows.Text(2);
    e->event.actor_name = rows.Text(3);
    e->event.role = rows.Text(4);
    e->event.action = rows.Text(5);
    e->event.object_type = rows.Text(6);
    e->event.object_id = rows.Text(7);
    e->event.before = rows.Text(8);
    e->event.after = rows.Text(9);
    e->event.request_id = rows.Text(10);
    e->prev_hash = rows.Text(11);
    e->hash = rows.Text(12);
    return true;
  });
  if (failure) return std::unexpected(std::move(*failure));
  return verification;
}

}  // namespace srm::store::tools
