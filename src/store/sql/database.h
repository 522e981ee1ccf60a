// The seam between the SQL stores and their engines. Everything the SQLite and PostgreSQL backends
// share (the queries of store.h and incident_store.h, the audit chain, paging, migrations) is
// written once in store/sql/ against three small things each backend provides:
//
//   Executor  runs one statement on a connection inside a transaction: Query (rows to a visitor),
//             Execute (rows changed), Script (fixed DDL / several statements).
//   Database  owns the connections (pool) and runs a transaction or one lone read on one of them,
//             with the engine's rules (SQLite: BEGIN IMMEDIATE on the one writer; PostgreSQL:
//             READ COMMITTED writes, REPEATABLE READ reads, retried on deadlock / lost connection).
//   Dialect   the few SQL spellings that differ: a list bound as one parameter, transaction-level
//             locks, FOR SHARE, and whether audit checkpoints are kept in the database.
//
// SQL is written once with ?N (or bare ?) placeholders; SQLite takes them as they are, the
// PostgreSQL executor renumbers them $N. Upserts are written `INSERT ... ON CONFLICT (key) DO
// UPDATE SET c = excluded.c` (both engines), lists as `Dialect::InList(expr)`.
//
// Adding a table with its queries: add one migration, migrations/NNNN_name.sql, written once for
// both engines with the dialect tokens of migrations/README.md; write a row reader `T ReadT(const sql::Row&)`
// beside a column-list constant, and the store methods in a new store/sql/<concern>.cpp with
// Database::Transact / ReadOnce and the helpers of store/sql/query.h (ReadAll, ReadOne, FetchPage,
// WhereClause, cursors). Writes go through SqlStore::Write so their audit entries share the
// transaction. Nothing in sqlite/ or postgres/ changes unless the engines need different SQL;
// then add one field to Dialect rather than an `if (postgres)`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/sql/value.h"

namespace srm::store::sql {

struct Dialect {
  std::string_view name;  // "sqlite" | "postgres"
  // "expr is one of the list bound at the next ?" (the parameter is a TextList).
  std::string (*in_list)(std::string_view expr);
  // Statements taking a lock held until the end of the transaction; "" where the engine's write
  // transactions are serial already (SQLite). ?1 is an int64 key; for the named form ?1 is an
  // int64 key space and ?2 the name.
  std::string_view lock_key_sql;
  std::string_view lock_named_sql;
  // Appended to a SELECT that must wait for, then see, a concurrent writer of the rows it reads.
  std::string_view for_share;
  // Each server's newest signed audit checkpoint is kept in audit_checkpoints, written with the
  // chain head in one statement (servers sharing the database verify each other's).
  bool checkpoints_in_database = false;
  // "the text bound at the next ? occurs in expr, ASCII letters of expr folded to lower case"
  // (the bound text is folded by the caller): the same matches on every engine.
  std::string (*contains_folded)(std::string_view expr) = nullptr;

  std::string InList(std::string_view expr) const { return in_list(expr); }
  std::string ContainsFolded(std::string_view expr) const { return contains_folded(expr); }
};

// Called for each row until it answers false (stop) or an error.
using RowVisitor = std::function<Result<bool>(const Row&)>;

// One connection inside a transaction (or for one lone read). Not thread-safe: a Database hands
// one out per call.
class Executor {
 public:
  virtual ~Executor() = default;
  virtual const Dialect& dialect() const = 0;
  virtual Status Query(std::string_view sql, const Values& params, const RowVisitor& visit) = 0;
  // Runs a statement that returns no rows; answers the number of rows it changed.
  virtual Result<int64_t> Execute(std::string_view sql, const Values& params) = 0;
  // Fixed SQL without parameters, several statements allowed: DDL, migrations.
  virtual Status Script(std::string_view sql) = 0;
  // Lifts a statement time-out for the rest of this transaction (a migration may take long).
  virtual Status NoTimeoutInThisTransaction() { return {}; }
};

enum class TxKind { kWrite, kRead };

class Database {
 public:
  virtual ~Database() = default;
  virtual const Dialect& dialect() const = 0;
  // Runs `body` in one transaction: committed when it succeeds, rolled back otherwise. A read
  // transaction sees one snapshot. `body` may run more than once (a backend may retry after a
  // deadlock or a lost connection): it must only assign to what it produces.
  virtual Status Transact(TxKind kind, const std::function<Status(Executor&)>& body) = 0;
  // One read statement outside an explicit transaction; `body` may run more than once, like above.
  virtual Status ReadOnce(const std::function<Status(Executor&)>& body) = 0;
};

// A versioned schema step compiled in from migrations/NNNN_name.sql (expanded for the backend).
struct Migration {
  int version;            // NNNN of the file name; strictly increasing
  std::string_view name;  // file name without extension, e.g. "0001_init"
  std::string_view sql;   // one or more statements, run inside one transaction
};

// Takes the dialect's transaction-level lock on `key` (nothing where writes are serial anyway).
inline Status LockKey(Executor& e, int64_t key) {
  if (e.dialect().lock_key_sql.empty()) return {};
  SRM_TRY(e.Query(e.dialect().lock_key_sql, Args(key), [](const Row&) -> Result<bool> { return true; }));
  return {};
}
inline Status LockName(Executor& e, int64_t space, const std::string& name) {
  if (e.dialect().lock_named_sql.empty()) return {};
  SRM_TRY(e.Query(e.dialect().lock_named_sql, Args(space, name), [](const Row&) -> Result<bool> { return true; }));
  return {};
}

}  // namespace srm::store::sql
