// The SRA access log (store/access_log.h): batches of rows written with their one anchoring audit
// entry, the newest-first list, and the scan the audit verifier recomputes batch hashes from.
#include <limits>
#include <span>

#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

constexpr std::string_view kAccessColumns =
    "SELECT batch_id, ordinal, at, user_id, user_name, sra_id, version, kind, format, resource, client_addr, "
    "request_id FROM sra_access_log";

// PostgreSQL: rows are inserted several to a statement, as one statement per row costs a round
// trip each; the chunk sizes are few (at most 4 distinct statements in any batch), so the
// prepared-statement cache keeps them. SQLite: one row per statement, which it runs faster than
// a many-row VALUES list (measured with bench/access_log_bench).
constexpr size_t kInsertChunks[] = {64, 16, 4, 1};
constexpr size_t kSqliteChunks[] = {1};
constexpr size_t kAccessColumnCount = 12;

// "INSERT ... VALUES (?1, ..., ?12), (?13, ...)" for `rows` rows.
std::string InsertAccessSql(size_t rows) {
  std::string sql =
      "INSERT INTO sra_access_log (batch_id, ordinal, at, user_id, user_name, sra_id, version, kind, format, "
      "resource, client_addr, request_id) VALUES ";
  size_t n = 0;
  for (size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (size_t c = 0; c < kAccessColumnCount; ++c) {
      if (c > 0) sql += ", ";
      sql += "?" + std::to_string(++n);
    }
    sql += ")";
  }
  return sql;
}

const std::string& InsertAccessSqlFor(size_t rows) {
  static const std::string k64 = InsertAccessSql(64), k16 = InsertAccessSql(16), k4 = InsertAccessSql(4),
                           k1 = InsertAccessSql(1);
  return rows == 64 ? k64 : rows == 16 ? k16 : rows == 4 ? k4 : k1;
}

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
    Values params;
    params.reserve(kInsertChunks[0] * kAccessColumnCount);
    size_t next = 0;
    const std::span<const size_t> chunks =
        e.dialect().name == "sqlite" ? std::span<const size_t>(kSqliteChunks) : std::span<const size_t>(kInsertChunks);
    for (const size_t chunk : chunks) {
      for (; rows.size() - next >= chunk; next += chunk) {
        params.clear();
        for (size_t i = next; i < next + chunk; ++i) {
          // The rows outlive the statement: their texts are bound, not copied.
          const AccessEntry& a = rows[i];
          params.emplace_back(TextRef{a.batch_id});
          params.emplace_back(static_cast<int64_t>(a.ordinal));
          params.emplace_back(TextRef{a.at});
          params.emplace_back(TextRef{a.user_id});
          params.emplace_back(TextRef{a.user_name});
          params.emplace_back(TextRef{a.sra_id});
          params.emplace_back(static_cast<int64_t>(a.version));
          params.emplace_back(TextRef{a.kind});
          params.emplace_back(TextRef{a.format});
          params.emplace_back(TextRef{a.resource});
          params.emplace_back(TextRef{a.client_addr});
          params.emplace_back(TextRef{a.request_id});
        }
        SRM_TRY(e.Execute(InsertAccessSqlFor(chunk), params));
      }
    }
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
