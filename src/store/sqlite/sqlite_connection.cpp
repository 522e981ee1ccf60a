#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <mutex>

#include <utility>

#include "core/private_files.h"
#include "store/sql/constraint_codes.h"

namespace srm::store::sqlite {
namespace {

std::string Describe(std::string_view during, std::string_view sqlite_message) {
  std::string text(during);
  text += ": ";
  text += sqlite_message;
  return text;
}

}  // namespace

Error ErrorFromSqlite(int extended_code, std::string_view sqlite_message, std::string_view during) {
  const std::string message = Describe(during, sqlite_message);
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Fail(ErrorKind::kUnavailable, "database_busy", message).error();
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_READONLY:
    case SQLITE_NOLFS:
    case SQLITE_NOMEM:
    case SQLITE_PERM:
      return Fail(ErrorKind::kUnavailable, "storage_unavailable", message).error();
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Fail(ErrorKind::kInternal, "database_corrupt", message).error();
    case SQLITE_CONSTRAINT:
      break;
    default:
      return Fail(ErrorKind::kInternal, "database_error", message).error();
  }
  switch (extended_code) {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Unprocessable("unknown_reference", "a referenced record does not exist").error();
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      for (const sql::KnownConstraint& known : sql::KnownConstraints()) {
        const std::string_view prefix = "UNIQUE constraint failed: ";
        if (sqlite_message.starts_with(prefix) && sqlite_message.substr(prefix.size()) == known.sqlite_name)
          return Conflict(std::string(known.code), std::string(known.message)).error();
      }
      return Conflict("duplicate", message).error();
    case SQLITE_CONSTRAINT_NOTNULL:
      return Invalid("missing_field", message).error();
    case SQLITE_CONSTRAINT_TRIGGER:
      return Conflict("append_only", message).error();
    default:
      return Invalid("constraint_failed", message).error();
  }
}

// --- Statement ---

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use_flag)
    : db_(db), stmt_(stmt), in_use_flag_(in_use_flag) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_flag_(std::exchange(other.in_use_flag_, nullptr)),
      bind_error_(other.bind_error_),
      bind_error_message_(std::move(other.bind_error_message_)) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_flag_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_flag_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

namespace {
// Records the first failing bind so Step() can report it.
void KeepBindError(int rc, sqlite3* db, int* first_error, std::string* first_message) {
  if (rc != SQLITE_OK && *first_error == SQLITE_OK) {
    *first_error = rc;
    *first_message = sqlite3_errmsg(db);
  }
}
}  // namespace

Statement& Statement::Bind(int index, std::string_view text) {
  // A default string_view has data() == nullptr, which SQLite would bind as NULL.
  const char* data = text.data() != nullptr ? text.data() : "";
  KeepBindError(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), db_,
                &bind_error_, &bind_error_message_);
  return *this;
}

Statement& Statement::BindUncopied(int index, std::string_view text) {
  const char* data = text.data() != nullptr ? text.data() : "";
  KeepBindError(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8), db_,
                &bind_error_, &bind_error_message_);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  KeepBindError(sqlite3_bind_int64(stmt_, index, value), db_, &bind_error_, &bind_error_message_);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  KeepBindError(sqlite3_bind_double(stmt_, index, value), db_, &bind_error_, &bind_error_message_);
  return *this;
}

Statement& Statement::Bind(int index, NullIfEmpty value) {
  if (!value.text.empty()) return Bind(index, value.text);
  KeepBindError(sqlite3_bind_null(stmt_, index), db_, &bind_error_, &bind_error_message_);
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK)
    return std::unexpected(ErrorFromSqlite(bind_error_, bind_error_message_, sqlite3_sql(stmt_)));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(ErrorFromSqlite(rc, sqlite3_errmsg(db_), sqlite3_sql(stmt_)));
}

Status Statement::Run() {
  while (true) {
    SRM_ASSIGN(has_row, Step());
    if (!has_row) return {};
  }
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Real(int column) const { return sqlite3_column_double(stmt_, column); }

bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

// --- Connection ---

namespace {
// SQLite counts every allocation under one process-wide mutex unless memory statistics are off;
// with dozens of request threads on two cores that mutex became a lock convoy (p99 of 2.7 s at
// 64 connections, gdb showed the threads queued in sqlite3Malloc/sqlite3_free). Nothing here
// reads those statistics. Must run before SQLite initializes, hence once, before the first open.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, ConnectionRole role,
                                                     int busy_timeout_ms) {
  ConfigureSqliteOnce();
  const bool writer = role == ConnectionRole::kWriter;
  // The database and its -wal/-shm are the server's user's only (SQLite gives those the file's mode).
  if (writer) SRM_TRY(PrepareOwnerOnlyDatabase(path));
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error = ErrorFromSqlite(rc, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc),
                                  "opening " + path);
    sqlite3_close_v2(db);
    return std::unexpected(std::move(error));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (!writer) {
    SRM_TRY(connection->Exec("PRAGMA query_only = ON"));
    return connection;
  }
  {
    // journal_mode answers with the mode reached; an in-memory database stays "memory".
    SRM_ASSIGN(statement, connection->Prepare("PRAGMA journal_mode = WAL"));
    SRM_ASSIGN(has_row, statement.Step());
    const std::string mode = has_row ? statement.Text(0) : std::string();
    if (mode != "wal" && mode != "memory")
      return Unavailable("could not switch " + path + " to WAL journal mode (got '" + mode + "')");
  }
  SRM_TRY(connection->Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON"));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found != cache_.end() && !found->second.in_use) {
    found->second.in_use = true;
    return Statement(db_, found->second.stmt, &found->second.in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return std::unexpected(ErrorFromSqlite(rc, sqlite3_errmsg(db_), sql));
  }
  // The cached copy is busy (a nested use of the same SQL): hand out a private statement.
  if (found != cache_.end()) return Statement(db_, stmt, nullptr);
  auto [inserted, ok] = cache_.emplace(std::string(sql), CachedStatement{stmt, true});
  return Statement(db_, stmt, &inserted->second.in_use);
}

Status Connection::Exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  Error error = ErrorFromSqlite(rc, message != nullptr ? message : sqlite3_errmsg(db_),
                                sql.substr(0, sql.find('\n')));
  sqlite3_free(message);
  return std::unexpected(std::move(error));
}

Status Connection::ExecPrepared(std::string_view sql) {
  SRM_ASSIGN(statement, Prepare(sql));
  return statement.Run();
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace srm::store::sqlite
