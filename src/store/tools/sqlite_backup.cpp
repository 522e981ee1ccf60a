// `srm backup` / `srm restore` for SQLite, on SQLite's online backup API: the source stays usable
// (WAL: readers and the writer carry on) and the copy is one consistent snapshot.
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "store/tools/db_tools.h"
#include "store/tools/sqlite_raw.h"

namespace srm::store {
namespace {

namespace fs = std::filesystem;
using tools::RawSqlite;

// Copies database `from` into `to` (both open) page by page, waiting out short locks.
Status CopyPages(RawSqlite& from, RawSqlite& to) {
  sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (backup == nullptr)
    return Fail(ErrorKind::kUnavailable, "backup_failed", "cannot start the copy: " + std::string(sqlite3_errmsg(to.handle())));
  int rc = SQLITE_OK;
  for (int waits = 0;; ++waits) {
    // All pages in one step: the copy is one snapshot of the source.
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_DONE) break;
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waits < 200) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    return Fail(ErrorKind::kUnavailable, "backup_failed",
                "the copy did not complete: " + std::string(sqlite3_errstr(rc)) + " (" + sqlite3_errmsg(to.handle()) + ")");
  return {};
}

// A database fit to be restored from: intact file, the srm schema, an audit chain that verifies.
Result<AuditVerification> CheckDatabase(const std::string& path) {
  SRM_ASSIGN(db, RawSqlite::Open(path, RawSqlite::Mode::kReadOnly));
  auto integrity = db.Column("PRAGMA integrity_check", {});
  if (!integrity || integrity->empty() || (*integrity)[0] != "ok")
    return Invalid("database_corrupt", path + " fails SQLite's integrity check" +
                                           (integrity && !integrity->empty() ? ": " + (*integrity)[0] : std::string()));
  auto migrations = db.Column("SELECT COUNT(*) FROM schema_migrations", {});
  if (!migrations || migrations->empty() || (*migrations)[0] == "0")
    return Invalid("not_an_srm_database", path + " is not an srm database (no schema_migrations)");
  SRM_ASSIGN(chain, db.VerifyAudit());
  if (!chain.ok) return Invalid("chain_broken", path + ": the audit chain does not verify: " + chain.reason);
  return chain;
}

// Makes the file's contents and its directory entry durable.
Status SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Fail(ErrorKind::kUnavailable, "storage_unavailable", "cannot flush " + path + " to disk");
  }
  ::close(fd);
  const std::string dir = fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace

Result<BackupReport> BackupSqlite(const std::string& db_path, const std::string& to) {
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec)) return Invalid("no_source", "no SQLite database at " + db_path, "db");
  if (to.empty()) return Invalid("missing_path", "name the backup file", "to");
  if (fs::exists(to, ec)) return Conflict("backup_exists", to + " exists; choose a new file name");
  const std::string partial = to + ".partial";
  fs::remove(partial, ec);
  {
    SRM_ASSIGN(source, RawSqlite::Open(db_path, RawSqlite::Mode::kExisting));
    SRM_ASSIGN(copy, RawSqlite::Open(partial, RawSqlite::Mode::kCreate));
    Status copied = CopyPages(source, copy);
    // The copy keeps the source's WAL mode; a backup is better as one self-contained file.
    if (copied) copied = copy.Exec("PRAGMA journal_mode = DELETE");
    if (!copied) {
      fs::remove(partial, ec);
      return std::unexpected(copied.error());
    }
  }
  Result<AuditVerification> chain = CheckDatabase(partial);
  if (!chain) {
    fs::remove(partial, ec);
    return std::unexpected(chain.error());
  }
  SRM_TRY(SyncFile(partial));
  fs::rename(partial, to, ec);
  if (ec) return Fail(ErrorKind::kUnavailable, "storage_unavailable", "cannot move the backup into " + to + ": " + ec.message());
  SRM_TRY(SyncFile(to));
  BackupReport report;
  report.bytes = static_cast<int64_t>(fs::file_size(to, ec));
  report.chain = *chain;
  return report;
}

Result<BackupReport> RestoreSqlite(const std::string& from, const std::string& db_path, bool force) {
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) return Invalid("no_backup", "no backup file at " + from, "from");
  SRM_ASSIGN(backup_chain, CheckDatabase(from));
  if (fs::exists(db_path, ec) && !force) {
    SRM_ASSIGN(existing, RawSqlite::Open(db_path, RawSqlite::Mode::kExisting));
    auto entries = existing.Column("SELECT COUNT(*) FROM audit_log", {});
    if (entries && !entries->empty() && (*entries)[0] != "0")
      return Conflict("target_not_empty", db_path + " holds " + (*entries)[0] +
                                              " audit entries; stop the servers and pass --force to replace it");
  }
  if (!fs::path(db_path).parent_path().empty()) fs::create_directories(fs::path(db_path).parent_path(), ec);
  {
    SRM_ASSIGN(source, RawSqlite::Open(from, RawSqlite::Mode::kReadOnly));
    SRM_ASSIGN(target, RawSqlite::Open(db_path, RawSqlite::Mode::kCreate));
    SRM_TRY(CopyPages(source, target));
    SRM_TRY(target.Exec("PRAGMA journal_mode = WAL"));
  }
  // The restored database, opened as a server opens it.
  SRM_ASSIGN(restored, OpenSqliteStore({db_path, 0, nullptr}));
  SRM_TRY(restored->Migrate());
  SRM_ASSIGN(chain, restored->VerifyAudit());
  if (!chain.ok || chain.entries != backup_chain.entries || chain.head_hash != backup_chain.head_hash)
    return Internal("the restored audit chain does not match the backup's");
  BackupReport report;
  report.bytes = static_cast<int64_t>(fs::file_size(from, ec));
  report.chain = chain;
  return report;
}

}  // namespace srm::store
