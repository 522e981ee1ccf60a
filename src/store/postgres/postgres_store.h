// The PostgreSQL backend of store/store.h, for deployments where several stateless `srm` servers
// share one database. Schema from store/migrations/ (expanded for PostgreSQL).
//
// Every mutating call is one READ COMMITTED transaction including its audit entries. Appending to
// the audit chain takes a transaction-level advisory lock before reading the last entry, so any
// number of threads, processes and servers writing at once still extend ONE valid chain (commit
// order = chain order). Connections come from a pool; a call that finds its connection broken
// before anything was committed retries once on a fresh connection, and otherwise fails
// kUnavailable ("database_unavailable") with a message saying so. libpq stays out of this header.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace srm::store {

class AuditAnchor;

struct PostgresOptions {
  std::string url;                 // postgresql://user[:password]@host[:port]/dbname[?param=value...]
  int max_connections = 16;        // pool size: the most connections this store opens at once
  const Clock* clock = nullptr;    // stamps audit entries; nullptr = SystemClock. Must outlive the store.
  int connect_timeout_s = 5;       // per connection attempt
  int lock_timeout_ms = 10000;     // how long a statement waits for a lock before failing kUnavailable
  int acquire_timeout_ms = 10000;  // how long a call waits for a free pooled connection
  // A statement or commit not done within this fails kUnavailable "database_unavailable" (the
  // server cancels it; a server that answers nothing is given up 2 s later): a stuck database
  // makes requests fail fast instead of holding every worker. 0: no limit.
  int statement_timeout_ms = 0;
  // Told every committed head of the audit chain (a signed checkpoint outside the database), and
  // signs this server's checkpoint kept in the database beside the chain; null = none. Must
  // outlive the store.
  AuditAnchor* audit_anchor = nullptr;
};

// Connects (one connection, to fail early on a bad URL or an unreachable server); does not migrate.
// Call Store::Migrate() before use.
Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& opts);

// True for "postgresql://..." and "postgres://..." URLs.
bool IsPostgresUrl(std::string_view text);

// The URL with any password replaced by "***", for logs and messages.
std::string RedactPostgresUrl(const std::string& url);

// The same server and parameters with another database name, e.g. for a maintenance connection.
Result<std::string> PostgresUrlWithDatabase(const std::string& url, const std::string& database);

// Creates / drops (WITH (FORCE): other sessions are ended) a database on the server `url` points at,
// through a connection to that URL's database. `name` must be 1..63 of [a-z0-9_]; a name is an
// identifier, so it is checked and quoted, never taken from user input. Dropping a missing database
// succeeds.
Status CreatePostgresDatabase(const std::string& url, const std::string& name);
Status DropPostgresDatabase(const std::string& url, const std::string& name);

}  // namespace srm::store
