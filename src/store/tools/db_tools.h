// Operator tools around the stores: moving a deployment from SQLite to PostgreSQL (`srm db copy`)
// and online backup / restore of an SQLite database (`srm backup`, `srm restore`). PostgreSQL is
// backed up with its own tools (pg_dump, base backups): see docs/deployment.md.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace srm::store {

struct CopyReport {
  std::vector<std::pair<std::string, int64_t>> tables;  // table, rows copied (in copy order)
  std::vector<std::string> skipped;                     // SQLite-only tables that were empty
  int64_t rows = 0;
  AuditVerification chain;                              // of the target, after the copy
};

// Copies every table of the SQLite database at `sqlite_path` into the PostgreSQL database at
// `pg_url` in ONE transaction: rows verbatim, the audit chain entry for entry (seq, time, hashes).
// Both are migrated first. Refuses a target that holds any row, a source whose audit chain does
// not verify, and a source table with rows but no PostgreSQL counterpart. The target's chain is
// verified after the commit and must match the source's (entries and head hash).
Result<CopyReport> CopySqliteToPostgres(const std::string& sqlite_path, const std::string& pg_url);

struct BackupReport {
  int64_t bytes = 0;
  AuditVerification chain;  // of the backup (or, after a restore, of the restored database)
};

// Writes a consistent copy of the live SQLite database at `db_path` to `to` (which must not exist)
// with SQLite's online backup API: servers may keep reading and writing meanwhile. The copy is
// written beside `to`, checked (integrity_check, audit chain) and then renamed into place.
Result<BackupReport> BackupSqlite(const std::string& db_path, const std::string& to);

// Replaces the SQLite database at `db_path` with the backup `from`, after checking the backup
// (integrity_check, schema, audit chain). Refuses to overwrite a database that holds audit entries
// unless `force`. Stop the servers first: they would otherwise keep writing to the old data.
Result<BackupReport> RestoreSqlite(const std::string& from, const std::string& db_path, bool force);

}  // namespace srm::store
