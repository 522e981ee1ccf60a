// The SQLite backend of store/store.h: its connections (sqlite_database.h) under the shared SQL
// store (store/sql/sql_store.h), with the migrations of store/migrations/ (expanded for SQLite).
#include "store/sqlite/sqlite_store.h"

#include "security/crypto.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_migrations.h"

namespace srm::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& opts) {
  SRM_TRY(security::InitCrypto());
  if (opts.path.empty()) return Invalid("missing_path", "the SQLite database path is empty", "path");
  if (opts.readers < 0) return Invalid("bad_readers", "readers must be 0 or more", "readers");
  static const SystemClock kSystemClock;
  SRM_ASSIGN(db, sqlite::SqliteDatabase::Open(opts.path, opts.readers, opts.busy_timeout_ms));
  return sql::MakeSqlStore(std::move(db), {.migrations = sqlite::SqliteMigrations(),
                                           .clock = opts.clock != nullptr ? opts.clock : &kSystemClock,
                                           .audit_anchor = opts.audit_anchor});
}

}  // namespace srm::store
