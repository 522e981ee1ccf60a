// Internal to the PostgreSQL backend: its side of the seam of store/sql/database.h. Transactions
// run on a pooled connection with pg_pool.h's retry rules; the dialect locks with transaction-level
// advisory locks and binds lists as text[].
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "store/postgres/pg_pool.h"
#include "store/sql/database.h"

namespace srm::store::postgres {

const sql::Dialect& PostgresDialect();

// `sql` with ?N placeholders as $N and bare ? numbered after the highest so far (SQLite's rule);
// quoted literals and identifiers are left alone.
std::string DollarPlaceholders(std::string_view sql);

class PgDatabase final : public sql::Database {
 public:
  PgDatabase(ConnectOptions options, int max_connections, int acquire_timeout_ms)
      : pool_(std::move(options), max_connections, acquire_timeout_ms) {}
  // Adds an already open connection (the one made to check the URL).
  void Seed(std::unique_ptr<Connection> connection) { pool_.Seed(std::move(connection)); }

  const sql::Dialect& dialect() const override { return PostgresDialect(); }
  Status Transact(sql::TxKind kind, const std::function<Status(sql::Executor&)>& body) override;
  Status ReadOnce(const std::function<Status(sql::Executor&)>& body) override;

 private:
  ConnectionPool pool_;
};

}  // namespace srm::store::postgres
