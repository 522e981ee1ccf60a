// The SRA access log (store/access_log.h): batches of rows written with their one anchoring audit
// entry, the newest-first list, and the scan the audit verifier recomputes batch hashes from.
#include <limits>

#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

constexpr std::string_view kAccessColumns =
    "SELECT batch_id, ordinal, at, user_id, user_name, sra_id, version, kind, format, resource, client_addr, "
    "request_id FROM sra_access_log";

constexpr std::string_view kInsertAccess =
    "INSERT INTO sra_access_log (batch_id, ordinal, at, user_id, user_name, sra_id, version, kind, format, "
    "resource, client_addr, request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

// Rows ScanAccess reads per statement.
constexpr int kScanBatch = 2000;

AccessEntry ReadAccessEntry(const Row& r) {
  AccessEntry a;
  a.batch_id = r.Text(0);
  a.ordinal = static_cast<int>(r.Int(1));
  a.at = r.Text(2);
  a.user_id = r.Text(3);
  a.user_name = r.Text(4);
  a.sra_id = r.Text(5);
  a.version = static_cast<int>(r.Int(6));
  a.kind = r.Text(7);
  a.format = r.Text(8);
  a.resource = r.Text(9);
  a.client_addr = r.Text(10);
  a.request_id = r.Text(11);
  return a;
}

std::string CursorOf(const AccessEntry& a) { return a.at + "|" + a.batch_id + "|" + std::to_string(a.ordinal); }

}  // namespace

Status SqlStore::AppendAccessBatch(const std::vector<AccessEntry>& rows, const AuditEvent& anchor) {
  if (rows.empty()) return {};
  return Write(std::span(&anchor, 1), [&](Executor& e) -> Status {
    for (const AccessEntry& a : rows)
      SRM_TRY(e.Execute(kInsertAccess, Args(a.batch_id, static_cast<int64_t>(a.ordinal), a.at, a.user_id, a.user_name,
                                            a.sra_id, static_cast<int64_t>(a.version), a.kind, a.format, a.resource,
                                            a.client_addr, a.request_id)));
    return {};
  });
}

Result<Page<AccessEntry>> SqlStore::ListAccess(const AccessFilter& f, const PageRequest& page) {
  WhereClause where;
  if (!f.sra_id.empty()) where.Add("sra_id = ?", f.sra_id);
  if (!f.kind.empty()) where.Add("kind = ?", f.kind);
  if (!f.user_id.empty()) where.Add("user_id = ?", f.user_id);
  if (!f.from.empty()) where.Add("at >= ?", f.from);
  if (!f.to.empty()) where.Add("at <= ?", f.to);
  WhereClause after = where;
  if (!page.after.empty()) {
    // "at|batch_id|ordinal"
    const size_t first = page.after.find('|');
    const size_t second = first == std::string::npos ? first : page.after.find('|', first + 1);
    if (second == std::string::npos) return Invalid("bad_cursor", "unrecognised page cursor", "after");
    const std::string at = page.after.substr(0, first);
    const std::string batch = page.after.substr(first + 1, second - first - 1);
    const std::string ordinal_text = page.after.substr(second + 1);
    if (ordinal_text.empty() || ordinal_text.size() > 9 || ordinal_text.find_first_not_of("0123456789") != std::string::npos)
      return Invalid("bad_cursor", "unrecognised page cursor", "after");
    const int64_t ordinal = std::stoll(ordinal_text);
    after.Add("(at < ? OR (at = ? AND (batch_id < ? OR (batch_id = ? AND ordinal < ?))))", at, at, batch, batch,
              ordinal);
  }
  return FetchPage<AccessEntry>(*db_, {"SELECT COUNT(*) FROM sra_access_log", kAccessColumns,
                                       " ORDER BY at DESC, batch_id DESC, ordinal DESC"},
                                where, after, ClampLimit(page.limit), ReadAccessEntry, CursorOf);
}

Status SqlStore::ScanAccess(const std::function<bool(const AccessEntry&)>& visit) {
  // One read transaction: one snapshot, read in batches (as ScanAudit); a re-run goes on after the
  // last row visited.
  const std::string batch_sql = std::string(kAccessColumns) +
                                " WHERE batch_id > ?1 OR (batch_id = ?1 AND ordinal > ?2) "
                                "ORDER BY batch_id, ordinal LIMIT ?3";
  std::string last_batch;
  int64_t last_ordinal = -1;  // ordinals start at 0 (an INTEGER column: no int64 sentinel on PostgreSQL)
  bool done = false;
  return db_->Transact(TxKind::kRead, [&](Executor& e) -> Status {
    while (!done) {
      int rows = 0;
      SRM_TRY(e.Query(batch_sql, Args(last_batch, last_ordinal, static_cast<int64_t>(kScanBatch)),
                      [&](const Row& r) -> Result<bool> {
                        ++rows;
                        const AccessEntry entry = ReadAccessEntry(r);
                        last_batch = entry.batch_id;
                        last_ordinal = entry.ordinal;
                        done = !visit(entry);
                        return !done;
                      }));
      if (rows < kScanBatch) done = true;
    }
    return {};
  });
}

}  // namespace srm::store::sql
