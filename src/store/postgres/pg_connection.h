// Internal to srm_store_postgres: one libpq connection with a prepared-statement cache, query
// results, and the mapping of PostgreSQL errors (SQLSTATE) to srm::Error. A Connection is used by
// one thread at a time (the store's pool hands it out); it is not itself synchronised. Only
// pg_connection.cpp includes libpq-fe.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace srm::store::postgres {

// Binds "" as SQL NULL: optional references (nullable foreign keys) are NULL when absent.
struct NullIfEmpty {
  std::string_view text;
};

// A list bound as one text[] parameter (write `= ANY(?::text[])`), so the SQL text does not depend
// on the list's length and no value is ever inlined.
struct TextArray {
  const std::vector<std::string>& values;
};

// A value bound at run time: nullopt is SQL NULL; everything else travels as text.
using Param = std::optional<std::string>;

// Parameters of one statement, $1..$n in order.
class Params {
 public:
  Params& Add(std::string_view text);
  Params& Add(const std::string& text) { return Add(std::string_view(text)); }
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  Params& Add(int64_t value);
  Params& Add(int value) { return Add(static_cast<int64_t>(value)); }
  Params& Add(bool value) { return Add(static_cast<int64_t>(value ? 1 : 0)); }
  Params& Add(double value);
  Params& Add(NullIfEmpty value);
  Params& Add(TextArray value);
  Params& Add(const Param& value);
  template <typename... Values>
  Params& AddAll(const Values&... values) {
    (Add(values), ...);
    return *this;
  }
  const std::vector<Param>& values() const { return values_; }
  // Text that PostgreSQL cannot store (a NUL byte): the statement is refused before it is sent.
  const std::optional<Error>& invalid() const { return invalid_; }

 private:
  std::vector<Param> values_;
  std::optional<Error> invalid_;
};

// The rows of one statement (text format). Column readers: NULL reads as "" / 0.
class Rows {
 public:
  Rows() = default;
  explicit Rows(pg_result* result);
  int size() const;
  std::string Text(int row, int column) const;
  int64_t Int(int row, int column) const;
  double Real(int row, int column) const;
  bool IsNull(int row, int column) const;
  // Rows changed by an INSERT/UPDATE/DELETE.
  int64_t Affected() const;

 private:
  struct Free {
    void operator()(pg_result* r) const;
  };
  std::unique_ptr<pg_result, Free> result_;
};

// Settings applied to every connection the pool opens.
struct ConnectOptions {
  std::string url;
  int connect_timeout_s = 5;
  int lock_timeout_ms = 10000;
  // A statement (a COMMIT too) that has not finished within this is cancelled by the server
  // (statement_timeout); one whose answer does not arrive within it and 2 s more (a server or
  // network that stopped answering) fails here, and the connection is dropped. A COMMIT whose wait
  // for a synchronous standby was cancelled so fails as well. Either way: kUnavailable
  // "database_unavailable". 0: no limit.
  int statement_timeout_ms = 0;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const ConnectOptions& options);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs `sql` (fixed text with $1.. placeholders; never user values) as a prepared statement
  // cached on this connection, with `params` bound. (The shared stores write ?N; pg_database.cpp
  // renumbers.)
  Result<Rows> Query(std::string_view sql, const Params& params);
  template <typename... Values>
  Result<Rows> Run(std::string_view sql, const Values&... values) {
    Params params;
    params.AddAll(values...);
    return Query(sql, params);
  }
  // Runs fixed SQL without parameters (several statements allowed): transaction control, DDL,
  // migrations.
  Status Exec(std::string_view sql);
  // True once the connection is unusable (lost, or the server went away): the pool drops it.
  bool Broken() const;
  // True while a transaction is open (or failed and awaiting ROLLBACK).
  bool InTransaction() const;
  // Lifts the statement time-out for the rest of the current transaction (a migration may take
  // long); the next BEGIN has it again, on the server (SET LOCAL) and here.
  Status NoTimeoutInThisTransaction();
  // True when `e` (from this connection's last command) is a statement time-out rather than a lost
  // connection: trying again on a new connection would only wait as long again.
  bool TimedOut(const Error& e) const;

 private:
  explicit Connection(pg_conn* conn, std::string redacted_url) : conn_(conn), redacted_url_(std::move(redacted_url)) {}
  Error ErrorOf(pg_result* result, std::string_view during) const;
  // The last result of the command just sent, waiting at most the statement deadline; on time-out
  // the connection is marked broken and *timed_out set.
  pg_result* Await(bool* timed_out);
  Error TimedOut(std::string_view during) const;
  static void OnNotice(void* self, const pg_result* notice);

  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  pg_conn* conn_;
  std::string redacted_url_;
  int statement_timeout_ms_ = 0;
  bool timed_out_ = false;         // a command did not answer in time: the connection is unusable
  bool sync_wait_cancelled_ = false;  // the server gave up waiting for a synchronous standby
  mutable bool last_timeout_ = false; // the last command failed for a time-out (not a lost connection)
  bool timeout_lifted_ = false;       // NoTimeoutInThisTransaction, until the next BEGIN
  bool Deadlined() const { return statement_timeout_ms_ > 0 && !timeout_lifted_; }
  // SQL text (with $n placeholders) -> prepared statement name.
  std::unordered_map<std::string, std::string, SqlHash, std::equal_to<>> prepared_;
};

// The error classes the store acts on.
bool IsConnectionLost(const Error& e);     // kUnavailable "database_unavailable": retry on a new connection
bool IsRetryableConflict(const Error& e);  // serialization failure / deadlock: retry the transaction

}  // namespace srm::store::postgres
