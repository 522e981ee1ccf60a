// The SQLite backend of store/store.h: one file, WAL journal, durable (synchronous=FULL) commits,
// one writer connection and a pool of reader connections. Schema from store/migrations/.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace srm::store {

class AuditAnchor;

struct SqliteOptions {
  std::string path;                 // database file, created when missing; ":memory:" implies readers = 0
  int readers = 8;                  // reader connections; 0 = every call shares the writer connection
  const Clock* clock = nullptr;     // stamps audit entries; nullptr = SystemClock. Must outlive the store.
  int busy_timeout_ms = 5000;       // how long a call waits for a lock before failing kUnavailable
  // Told every committed head of the audit chain (a signed checkpoint outside the database); null =
  // none. Must outlive the store.
  AuditAnchor* audit_anchor = nullptr;
};

// Opens (creating if needed) the database; does not migrate. Call Store::Migrate() before use.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& opts);

}  // namespace srm::store
