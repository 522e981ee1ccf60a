// Internal to srm_store_sqlite: one sqlite3 connection with a prepared-statement cache, and the
// mapping of SQLite result codes to srm::Error. A Connection is used by one thread at a time
// (the store's pool hands it out); it is not itself synchronised.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace srm::store::sqlite {

// Binds "" as SQL NULL: optional references (nullable foreign keys) are NULL when absent.
struct NullIfEmpty {
  std::string_view text;
};

// Maps a failed SQLite call to an Error: busy/locked/IO -> kUnavailable, unique/primary key ->
// kConflict, foreign key -> kInvalid "unknown_reference" (422), corruption -> kInternal.
Error ErrorFromSqlite(int extended_code, std::string_view sqlite_message, std::string_view during);

// A prepared statement borrowed from a Connection's cache. Destroying it resets the statement
// and clears its bindings (or finalizes it, when it was prepared outside the cache).
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use_flag);
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Positional binds, 1-based. The first failure is kept and reported by Step()/Run().
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, bool value) { return Bind(index, static_cast<int64_t>(value ? 1 : 0)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, NullIfEmpty value);
  // Binds the text without copying it: it must stay unchanged until this Statement is destroyed
  // (which resets it). Bind copies, which after the reset's clearing is an allocation per text.
  Statement& BindUncopied(int index, std::string_view text);
  // Binds `values` to ?1, ?2, ... in order.
  template <typename... Values>
  Statement& BindAll(const Values&... values) {
    int index = 0;
    (Bind(++index, values), ...);
    return *this;
  }

  // Advances to the next row: true while a row is available, false once done.
  Result<bool> Step();
  // Steps to completion; for statements that return no rows.
  Status Run();

  // Column readers for the current row (0-based); NULL reads as "" / 0.
  std::string Text(int column) const;
  int64_t Int(int column) const;
  double Real(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_flag_;  // the cache entry's flag; nullptr when this statement owns stmt_
  int bind_error_ = 0;
  std::string bind_error_message_;
};

enum class ConnectionRole { kWriter, kReader };

class Connection {
 public:
  // Opens (creating when the role is kWriter) `path` and applies the pragmas of the role:
  // writer: WAL, synchronous=FULL, foreign_keys=ON; reader: query_only. Both: busy timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, ConnectionRole role,
                                                  int busy_timeout_ms);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A cached prepared statement for `sql` (fixed text with ? placeholders; never user values).
  Result<Statement> Prepare(std::string_view sql);
  // Runs fixed SQL without parameters: pragmas, DDL, transaction control, migrations.
  Status Exec(std::string_view sql);
  // One statement (BEGIN, COMMIT, ...), prepared on first use and kept in the cache: Exec
  // compiles its SQL every time, which for a transaction's BEGIN and COMMIT is most of the cost
  // of a short read.
  Status ExecPrepared(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t Changes() const;
  // True while a transaction is open on this connection.
  bool InTransaction() const;
  // The raw handle, for the rare caller that needs an SQLite-specific query.
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // Lets the cache be searched with a string_view without building a std::string. A long text
  // is hashed by its length and three 32-character samples (start, middle, end), not whole: every
  // statement looks itself up here, and hashing a 600-character read whole was most of the lookup.
  // Texts that share the samples share a bucket and are told apart by comparing them whole.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const {
      const std::hash<std::string_view> hash;
      if (sql.size() <= 96) return hash(sql);
      size_t h = hash(sql.substr(0, 32));
      h = h * 1099511628211u ^ hash(sql.substr(sql.size() / 2 - 16, 32));
      h = h * 1099511628211u ^ hash(sql.substr(sql.size() - 32));
      return h * 1099511628211u ^ sql.size();
    }
  };
  sqlite3* db_;
  std::unordered_map<std::string, CachedStatement, SqlHash, std::equal_to<>> cache_;
};

}  // namespace srm::store::sqlite
