// The PostgreSQL backend of store/store.h: its pooled connections (pg_database.h) under the shared
// SQL store (store/sql/sql_store.h), with the migrations of store/migrations/ (expanded for PostgreSQL).
#include "store/postgres/postgres_store.h"

#include <algorithm>

#include "security/crypto.h"
#include "store/postgres/pg_database.h"
#include "store/postgres/pg_migrations.h"
#include "store/sql/sql_store.h"

namespace srm::store {

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& opts) {
  SRM_TRY(security::InitCrypto());
  if (!IsPostgresUrl(opts.url))
    return Invalid("bad_url",
                   "the PostgreSQL URL must start with postgresql:// (got '" + RedactPostgresUrl(opts.url) + "')",
                   "db");
  if (opts.max_connections < 1)
    return Invalid("bad_connections", "max_connections must be 1 or more", "max_connections");
  static const SystemClock kSystemClock;
  postgres::ConnectOptions connect{opts.url, std::max(1, opts.connect_timeout_s), opts.lock_timeout_ms,
                                   std::max(0, opts.statement_timeout_ms)};
  SRM_ASSIGN(first, postgres::Connection::Open(connect));
  auto db = std::make_unique<postgres::PgDatabase>(std::move(connect), opts.max_connections,
                                                   std::max(1, opts.acquire_timeout_ms));
  db->Seed(std::move(first));
  return sql::MakeSqlStore(std::move(db), {.migrations = postgres::PostgresMigrations(),
                                           .clock = opts.clock != nullptr ? opts.clock : &kSystemClock,
                                           .audit_anchor = opts.audit_anchor});
}

}  // namespace srm::store
