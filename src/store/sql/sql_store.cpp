// Transactions with their audit entries, the hash chain and migrations: the core every other
// concern of SqlStore writes through.
#include "store/sql/sql_store.h"

#include "store/audit_anchor.h"
#include "store/sql/query.h"

namespace srm::store::sql {
namespace {

// Keys of the transaction-level locks ("SRMAUDIT", "SRMMIGRT") where the dialect has them (one
// database shared by several servers): every writer of the audit chain, in any process, takes the
// first before reading the chain's last entry; migrations the second.
constexpr int64_t kAuditChainLock = 0x53524d4155444954;
constexpr int64_t kMigrationLock = 0x53524d4d49475254;

constexpr std::string_view kInsertEntry =
    "INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, object_id, "
    "\"before\", \"after\", request_id, prev_hash, hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

}  // namespace

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<Database> db, const SqlStoreOptions& options) {
  return std::make_unique<SqlStore>(std::move(db), options);
}

Status SqlStore::Write(std::span<const AuditEvent> audit, const std::function<Status(Executor&)>& change) {
  AuditHead head;
  Status written = db_->Transact(TxKind::kWrite, [&](Executor& e) -> Status {
    head = AuditHead{};
    SRM_TRY(change(e));
    return AppendAudit(e, audit, &head);
  });
  // The signed checkpoint of the new head, after COMMIT and outside the write lock: it never
  // names an entry that was not committed, and the next writer does not wait for it.
  if (written && anchor_ != nullptr && head.seq > 0) anchor_->Record(head.seq, head.hash);
  return written;
}

Status SqlStore::WriteOne(const AuditEvent& audit, std::string_view sql, const Values& params) {
  return Write(std::span(&audit, 1), [&](Executor& e) -> Status {
    SRM_TRY(e.Execute(sql, params));
    return {};
  });
}

Status SqlStore::AppendAudit(Executor& e, std::span<const AuditEvent> events, AuditHead* head) {
  if (events.empty()) return {};
  // Serialise every chain writer of this database (all threads, processes and servers) from here
  // to COMMIT. The lock is taken BEFORE the last entry is read, in its own statement, so the read
  // below sees every chain entry committed before us: commit order is chain order. (SQLite's
  // BEGIN IMMEDIATE already holds the database's one write lock.)
  SRM_TRY(LockKey(e, kAuditChainLock));
  int64_t last_seq = 0;
  std::string last_hash = kGenesisHash;
  SRM_TRY(e.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {},
                  [&](const Row& row) -> Result<bool> {
                    last_seq = row.Int(0);
                    last_hash = row.Text(1);
                    return false;
                  }));
  const std::string at = Now();  // one transaction, one time
  // Where the database keeps each server's signed checkpoint (servers sharing it verify each
  // other's), the last entry goes in one statement with it: the anchor adds no round trip inside
  // the lock, only the signature (~20 us).
  static const std::string kInsertEntryAndCheckpoint =
      "WITH entry AS (" + std::string(kInsertEntry) +
      ") INSERT INTO audit_checkpoints (server_id, seq, head_hash, at, public_key, signature) "
      "VALUES (?14, ?15, ?16, ?17, ?18, ?19) ON CONFLICT (server_id) DO UPDATE SET seq = excluded.seq, "
      "head_hash = excluded.head_hash, at = excluded.at, public_key = excluded.public_key, "
      "signature = excluded.signature";
  const bool checkpoint_here = anchor_ != nullptr && e.dialect().checkpoints_in_database;
  for (size_t i = 0; i < events.size(); ++i) {
    const AuditEvent& event = events[i];
    AuditEntry entry{.seq = last_seq + 1, .at = at, .event = event, .prev_hash = last_hash, .hash = {}};
    entry.hash = AuditEntryHash(entry);
    Values params = Args(entry.seq, entry.at, event.actor_id, event.actor_name, event.role, event.action,
                         event.object_type, event.object_id, event.before, event.after, event.request_id,
                         entry.prev_hash, entry.hash);
    if (checkpoint_here && i + 1 == events.size()) {
      const AuditCheckpoint checkpoint = anchor_->Sign(entry.seq, entry.hash, at);
      for (Value v : Args(checkpoint.server_id, checkpoint.seq, checkpoint.head_hash, checkpoint.at,
                          checkpoint.public_key, checkpoint.signature))
        params.push_back(std::move(v));
      SRM_TRY(e.Execute(kInsertEntryAndCheckpoint, params));
    } else {
      SRM_TRY(e.Execute(kInsertEntry, params));
    }
    last_seq = entry.seq;
    last_hash = std::move(entry.hash);
  }
  *head = AuditHead{last_seq, last_hash};
  return {};
}

Result<int> SqlStore::Migrate() {
  // Every step holds the migration lock (PostgreSQL) or the write lock (SQLite), so several
  // servers or processes starting at once apply each migration once.
  SRM_TRY(db_->Transact(TxKind::kWrite, [&](Executor& e) -> Status {
    SRM_TRY(e.NoTimeoutInThisTransaction());  // another server may hold the lock for a long migration
    SRM_TRY(LockKey(e, kMigrationLock));
    return e.Script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }));
  for (const Migration& migration : migrations_) {
    // The check runs inside the transaction so two processes migrating at once apply it once.
    SRM_TRY(db_->Transact(TxKind::kWrite, [&](Executor& e) -> Status {
      SRM_TRY(e.NoTimeoutInThisTransaction());  // a migration may rightly take long
      SRM_TRY(LockKey(e, kMigrationLock));
      SRM_ASSIGN(applied, Scalar(e, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?1",
                                 Args(migration.version)));
      if (applied > 0) return {};
      if (Status ran = e.Script(migration.sql); !ran) {
        Error error = ran.error();
        error.message = "migration " + std::string(migration.name) + ": " + error.message;
        return std::unexpected(std::move(error));
      }
      SRM_TRY(e.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                        Args(migration.version, migration.name, Now())));
      return {};
    }));
  }
  int64_t reached = 0;
  SRM_TRY(db_->ReadOnce([&](Executor& e) -> Status {
    SRM_ASSIGN(latest, Scalar(e, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    reached = latest;
    return {};
  }));
  const int known = migrations_.empty() ? 0 : migrations_.back().version;
  if (reached > known)
    return Fail(ErrorKind::kInternal, "schema_too_new",
                "the database is at schema version " + std::to_string(reached) + " but this build knows only up to " +
                    std::to_string(known));
  return static_cast<int>(reached);
}

}  // namespace srm::store::sql
