// Reading and verifying the audit log (appending is in sql_store.cpp, inside each write).
#include <charconv>
#include <limits>

#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

// Audit entries ScanAudit reads per statement.
constexpr int kScanBatch = 2000;

constexpr std::string_view kAuditColumns =
    "SELECT seq, at, actor_id, actor_name, role, action, object_type, object_id, \"before\", \"after\", "
    "request_id, prev_hash, hash FROM audit_log";

AuditEntry ReadAuditEntry(const Row& r) {
  AuditEntry e;
  e.seq = r.Int(0);
  e.at = r.Text(1);
  e.event.actor_id = r.Text(2);
  e.event.actor_name = r.Text(3);
  e.event.role = r.Text(4);
  e.event.action = r.Text(5);
  e.event.object_type = r.Text(6);
  e.event.object_id = r.Text(7);
  e.event.before = r.Text(8);
  e.event.after = r.Text(9);
  e.event.request_id = r.Text(10);
  e.prev_hash = r.Text(11);
  e.hash = r.Text(12);
  return e;
}

// An audit page's cursor: the seq of the entry the previous page ended at.
Result<int64_t> SeqOfCursor(const std::string& after) {
  int64_t seq = 0;
  const char* end = after.data() + after.size();
  auto [stop, error] = std::from_chars(after.data(), end, seq);
  if (error != std::errc() || stop != end) return Invalid("bad_cursor", "unrecognised page cursor", "after");
  return seq;
}

}  // namespace

Result<Page<AuditEntry>> SqlStore::ListAudit(const std::string& object_id, const PageRequest& page) {
  WhereClause where;
  if (!object_id.empty()) where.Add("object_id = ?", object_id);
  WhereClause after = where;
  if (!page.after.empty()) {
    SRM_ASSIGN(last_seq, SeqOfCursor(page.after));
    after.Add("seq > ?", last_seq);
  }
  return FetchPage<AuditEntry>(*db_, {"SELECT COUNT(*) FROM audit_log", kAuditColumns, " ORDER BY seq"}, where, after,
                               ClampLimit(page.limit), ReadAuditEntry,
                               [](const AuditEntry& e) { return std::to_string(e.seq); });
}

Result<Page<AuditEntry>> SqlStore::ListAuditNewestFirst(const AuditQuery& query, const PageRequest& page) {
  WhereClause where;
  if (!query.object_type.empty()) where.Add("object_type = ?", query.object_type);
  if (query.object_ids) {
    if (query.object_ids->empty()) return Page<AuditEntry>{};  // a scope holding no object: nothing to read
    std::string in = "object_id IN (";
    Values ids;
    for (const auto& id : *query.object_ids) {
      in += ids.empty() ? "?" : ", ?";
      ids.emplace_back(id);
    }
    where.AddWith(in + ")", ids);
  }
  if (!query.actor_name.empty()) where.Add("actor_name = ?", query.actor_name);
  if (!query.action.empty()) {
    if (query.action.back() == '.')  // a prefix: the range [prefix, prefix + '/') ('/' follows '.')
      where.Add("action >= ? AND action < ?", query.action,
                query.action.substr(0, query.action.size() - 1) + "/");
    else
      where.Add("action = ?", query.action);
  }
  if (!query.from.empty()) where.Add("at >= ?", query.from);
  if (!query.to.empty()) where.Add("at <= ?", query.to);
  WhereClause after = where;
  if (!page.after.empty()) {
    SRM_ASSIGN(last_seq, SeqOfCursor(page.after));
    after.Add("seq < ?", last_seq);
  }
  return FetchPage<AuditEntry>(*db_, {"SELECT COUNT(*) FROM audit_log", kAuditColumns, " ORDER BY seq DESC"}, where,
                               after, ClampLimit(page.limit), ReadAuditEntry,
                               [](const AuditEntry& e) { return std::to_string(e.seq); });
}

Result<AuditVerification> SqlStore::VerifyAudit() {
  AuditChainVerifier verifier;
  SRM_TRY(ScanAudit([&](const AuditEntry& entry) {
    verifier.Add(entry);
    return true;
  }));
  return verifier.Result();
}

Status SqlStore::ScanAudit(const std::function<bool(const AuditEntry&)>& visit) {
  // One read transaction: one consistent snapshot of the chain, read in batches rather than loaded.
  // Should the transaction be run again (a connection lost), it goes on after the last entry
  // visited, so no entry is visited twice.
  const std::string batch_sql = std::string(kAuditColumns) + " WHERE seq > ?1 ORDER BY seq LIMIT ?2";
  int64_t last_seq = std::numeric_limits<int64_t>::min();
  bool done = false;
  return db_->Transact(TxKind::kRead, [&](Executor& e) -> Status {
    while (!done) {
      int rows = 0;
      SRM_TRY(e.Query(batch_sql, Args(last_seq, static_cast<int64_t>(kScanBatch)), [&](const Row& r) -> Result<bool> {
        ++rows;
        const AuditEntry entry = ReadAuditEntry(r);
        last_seq = entry.seq;
        done = !visit(entry);
        return !done;
      }));
      if (rows < kScanBatch) done = true;
    }
    return {};
  });
}

Result<std::vector<AuditCheckpoint>> SqlStore::ListAuditCheckpoints() {
  // Only where the database keeps them (servers sharing it); an SQLite file has one server, whose
  // checkpoints are in its anchor's file only.
  if (!db_->dialect().checkpoints_in_database) return std::vector<AuditCheckpoint>();
  return ReadAll<AuditCheckpoint>(
      *db_, "SELECT server_id, seq, head_hash, at, public_key, signature FROM audit_checkpoints ORDER BY server_id",
      {}, [](const Row& r) {
        AuditCheckpoint c;
        c.server_id = r.Text(0);
        c.seq = r.Int(1);
        c.head_hash = r.Text(2);
        c.at = r.Text(3);
        c.public_key = r.Text(4);
        c.signature = r.Text(5);
        return c;
      });
}

}  // namespace srm::store::sql
