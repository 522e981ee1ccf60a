// Internal to the SQLite backend: its side of the seam of store/sql/database.h. Writes run in
// BEGIN IMMEDIATE transactions on the pool's one writer (so they are serial, also between
// processes, and the SQLite dialect needs no locks); reads on a reader connection.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/sql/database.h"
#include "store/sqlite/sqlite_pool.h"

namespace srm::store::sqlite {

const sql::Dialect& SqliteDialect();

class SqliteDatabase final : public sql::Database {
 public:
  SqliteDatabase(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers)
      : pool_(std::move(writer), std::move(readers)) {}

  // Opens `path` (created when missing) with one writer and `readers` readers (none for an
  // in-memory database, which exists only in the connection that made it).
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path, int readers, int busy_timeout_ms);

  const sql::Dialect& dialect() const override { return SqliteDialect(); }
  Status Transact(sql::TxKind kind, const std::function<Status(sql::Executor&)>& body) override;
  Status ReadOnce(const std::function<Status(sql::Executor&)>& body) override;

  // A write transaction on the raw connection, for what only SQLite can do (a bulk load's
  // statements prepared once and bound without copies).
  Status WriteOnConnection(const std::function<Status(Connection&)>& body);
  // Runs `body` on the writer outside any transaction (pragmas).
  Status OnWriter(const std::function<Status(Connection&)>& body);

 private:
  ConnectionPool pool_;
};

}  // namespace srm::store::sqlite
