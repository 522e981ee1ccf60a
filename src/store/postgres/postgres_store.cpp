#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "security/crypto.h"
#include "store/audit_anchor.h"
#include "store/audit_chain.h"
#include "store/grants_json.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_pool.h"

namespace srm::store {
namespace {

using postgres::Connection;
using postgres::ConnectOptions;
using postgres::ConnectionPool;
using postgres::NullIfEmpty;
using postgres::Params;
using postgres::Rows;
using postgres::TextArray;

constexpr int kMaxPageLimit = 500;
// Transaction-level advisory lock keys ("SRMAUDIT", "SRMMIGRT"): every writer of the audit chain,
// in any process, takes the first before reading the chain's last entry; migrations the second.
constexpr int64_t kAuditChainLock = 0x53524d4155444954;
constexpr int64_t kMigrationLock = 0x53524d4d49475254;
// Namespace of the per-counter advisory locks of login throttling ("SRMT"), beside hashtext(counter).
constexpr int64_t kThrottleLockSpace = 0x53524d54;
// Audit entries VerifyAudit reads per round trip.
constexpr int kVerifyBatch = 2000;

int ClampLimit(int limit) { return std::clamp(limit, 1, kMaxPageLimit); }

// A WHERE clause composed from fixed SQL fragments with ? placeholders; values are always bound,
// never inlined. Sql() numbers the placeholders $1.. in order.
class WhereClause {
 public:
  template <typename... Values>
  void Add(std::string_view condition, const Values&... values) {
    conditions_.emplace_back(condition);
    params_.AddAll(values...);
  }
  std::string Sql() const {
    std::string sql;
    for (size_t i = 0; i < conditions_.size(); ++i) {
      sql += i == 0 ? " WHERE " : " AND ";
      sql += conditions_[i];
    }
    return postgres::NumberPlaceholders(sql);
  }
  const Params& params() const { return params_; }
  size_t size() const { return params_.values().size(); }

 private:
  std::vector<std::string_view> conditions_;
  Params params_;
};

// A statement run for its effect only.
Status AsStatus(const Result<Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  return {};
}

Status RequireId(const std::string& id, std::string_view what) {
  if (id.empty()) return Invalid("missing_id", std::string(what) + " needs an id", "id");
  return {};
}

// --- Row readers: column order matches the SELECT lists below ---

Organization ReadOrganization(const Rows& r, int i) { return {r.Text(i, 0), r.Text(i, 1), r.Text(i, 2)}; }
Region ReadRegion(const Rows& r, int i) { return {r.Text(i, 0), r.Text(i, 1)}; }
Country ReadCountry(const Rows& r, int i) { return {r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3)}; }
Area ReadArea(const Rows& r, int i) { return {r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3)}; }
Location ReadLocation(const Rows& r, int i) {
  return {r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Real(i, 4), r.Real(i, 5)};
}
Programme ReadProgramme(const Rows& r, int i) {
  Programme p;
  p.id = r.Text(i, 0);
  p.organization_id = r.Text(i, 1);
  p.area_id = r.Text(i, 2);
  p.name = r.Text(i, 3);
  p.activity = r.Text(i, 4);
  p.pc = static_cast<int>(r.Int(i, 5));
  p.international = static_cast<int>(r.Int(i, 6));
  p.national = static_cast<int>(r.Int(i, 7));
  p.on_mission = static_cast<int>(r.Int(i, 8));
  return p;
}

constexpr std::string_view kUserColumns =
    "SELECT id, username, display_name, organization_id, password_hash, grants, disabled, created_at "
    "FROM users";
Result<User> ReadUser(const Rows& r, int i) {
  User u;
  u.id = r.Text(i, 0);
  u.username = r.Text(i, 1);
  u.display_name = r.Text(i, 2);
  u.organization_id = r.Text(i, 3);
  u.password_hash = r.Text(i, 4);
  SRM_ASSIGN(grants, GrantsFromJson(r.Text(i, 5)));
  u.grants = std::move(grants);
  u.disabled = r.Int(i, 6) != 0;
  u.created_at = r.Text(i, 7);
  return u;
}

constexpr std::string_view kSessionColumns =
    "SELECT token_hash, user_id, kind, csrf_token, created_ms, expires_ms, session_id, name FROM sessions";
Session ReadSession(const Rows& r, int i) {
  return {r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3),
          r.Int(i, 4),  r.Int(i, 5),  r.Text(i, 6), r.Text(i, 7)};
}

MethodRecord ReadMethod(const Rows& r, int i) { return {r.Text(i, 0), r.Text(i, 1), r.Int(i, 2) != 0, r.Text(i, 3)}; }

// Columns 0..14 of an SRA; the list queries stop there, GetSra adds doc as column 15.
SraRow ReadSraColumns(const Rows& r, int i) {
  SraRow s;
  s.id = r.Text(i, 0);
  s.series_id = r.Text(i, 1);
  s.version = static_cast<int>(r.Int(i, 2));
  s.kind = r.Text(i, 3);
  s.title = r.Text(i, 4);
  s.area_id = r.Text(i, 5);
  s.country_id = r.Text(i, 6);
  s.organization_id = r.Text(i, 7);
  s.status = r.Text(i, 8);
  s.method_version = r.Text(i, 9);
  s.overall_residual = r.Text(i, 10);
  s.review_due = r.Text(i, 11);
  s.created_at = r.Text(i, 12);
  s.updated_at = r.Text(i, 13);
  s.revision = r.Int(i, 14);
  return s;
}

AuditEntry ReadAuditEntry(const Rows& r, int i) {
  AuditEntry e;
  e.seq = r.Int(i, 0);
  e.at = r.Text(i, 1);
  e.event.actor_id = r.Text(i, 2);
  e.event.actor_name = r.Text(i, 3);
  e.event.role = r.Text(i, 4);
  e.event.action = r.Text(i, 5);
  e.event.object_type = r.Text(i, 6);
  e.event.object_id = r.Text(i, 7);
  e.event.before = r.Text(i, 8);
  e.event.after = r.Text(i, 9);
  e.event.request_id = r.Text(i, 10);
  e.prev_hash = r.Text(i, 11);
  e.hash = r.Text(i, 12);
  return e;
}
constexpr std::string_view kAuditColumns =
    "SELECT seq, at, actor_id, actor_name, role, action, object_type, object_id, \"before\", \"after\", "
    "request_id, prev_hash, hash FROM audit_log";

constexpr std::string_view kSraListColumns =
    "SELECT id, series_id, version, kind, title, area_id, country_id, organization_id, status, "
    "method_version, overall_residual, review_due, created_at, updated_at, revision FROM sras";

std::string SraCursor(const SraRow& row) { return row.updated_at + "|" + row.id; }

constexpr std::string_view kDocListColumns =
    "SELECT kind, id, org_id, country_id, area_id, status, starts_on, ends_on, ref_id, owner_id, created_at, "
    "updated_at, revision, '' FROM docs";
constexpr std::string_view kDocListColumnsWithDoc =
    "SELECT kind, id, org_id, country_id, area_id, status, starts_on, ends_on, ref_id, owner_id, created_at, "
    "updated_at, revision, doc FROM docs";

DocRow ReadDocRow(const Rows& r, int i) {
  DocRow d;
  d.kind = r.Text(i, 0);
  d.id = r.Text(i, 1);
  d.org_id = r.Text(i, 2);
  d.country_id = r.Text(i, 3);
  d.area_id = r.Text(i, 4);
  d.status = r.Text(i, 5);
  d.starts_on = r.Text(i, 6);
  d.ends_on = r.Text(i, 7);
  d.ref_id = r.Text(i, 8);
  d.owner_id = r.Text(i, 9);
  d.created_at = r.Text(i, 10);
  d.updated_at = r.Text(i, 11);
  d.revision = r.Int(i, 12);
  d.doc = r.Text(i, 13);
  return d;
}

std::string DocCursor(const DocRow& row) { return row.updated_at + "|" + row.id; }

// Every row of `rows` as a T (`read_row` may return T or Result<T>).
template <typename T, typename ReadRow>
Result<std::vector<T>> CollectRows(const Rows& rows, ReadRow read_row) {
  std::vector<T> out;
  out.reserve(static_cast<size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    if constexpr (std::is_same_v<std::invoke_result_t<ReadRow, const Rows&, int>, Result<T>>) {
      SRM_ASSIGN(row, read_row(rows, i));
      out.push_back(std::move(row));
    } else {
      out.push_back(read_row(rows, i));
    }
  }
  return out;
}

// "updated_at|id" cursors of the newest-first lists.
Status AddNewestFirstCursor(WhereClause* after, const std::string& cursor) {
  if (cursor.empty()) return {};
  const size_t bar = cursor.find('|');
  if (bar == std::string::npos) return Invalid("bad_cursor", "unrecognised page cursor", "after");
  std::string updated_at = cursor.substr(0, bar);
  after->Add("(updated_at < ? OR (updated_at = ? AND id < ?))", updated_at, updated_at, cursor.substr(bar + 1));
  return {};
}

Status WriteDocRows(Connection& c, const std::vector<DocWrite>& docs) {
  for (const DocWrite& write : docs) {
    const DocRow& r = write.row;
    const int64_t revision = write.expected_revision + 1;
    if (write.expected_revision == 0) {
      SRM_TRY(
          c.Run("INSERT INTO docs (kind, id, org_id, country_id, area_id, status, starts_on, ends_on, ref_id, "
                "owner_id, created_at, updated_at, revision, doc) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                r.kind, r.id, r.org_id, r.country_id, r.area_id, r.status, r.starts_on, r.ends_on, r.ref_id, r.owner_id,
                r.created_at, r.updated_at, revision, r.doc));
      continue;
    }
    SRM_ASSIGN(updated,
               c.Run("UPDATE docs SET org_id = $3, country_id = $4, area_id = $5, status = $6, starts_on = $7, "
                     "ends_on = $8, ref_id = $9, owner_id = $10, created_at = $11, updated_at = $12, "
                     "revision = $13, doc = $14 WHERE kind = $1 AND id = $2 AND revision = $15",
                     r.kind, r.id, r.org_id, r.country_id, r.area_id, r.status, r.starts_on, r.ends_on, r.ref_id,
                     r.owner_id, r.created_at, r.updated_at, revision, r.doc, write.expected_revision));
    if (updated.Affected() == 0)
      return Conflict("stale_revision", r.kind + " " + r.id + " is not at revision " +
                                            std::to_string(write.expected_revision) +
                                            " (changed by someone else, or missing)");
  }
  return {};
}

Status WriteSraRows(Connection& c, const std::vector<SraWrite>& writes) {
  for (const SraWrite& write : writes) {
    const SraRow& r = write.row;
    const int64_t revision = write.expected_revision + 1;
    if (write.expected_revision == 0) {
      SRM_TRY(
          c.Run("INSERT INTO sras (id, series_id, version, kind, title, area_id, country_id, organization_id, "
                "status, method_version, overall_residual, review_due, created_at, updated_at, revision, doc) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                r.id, r.series_id, r.version, r.kind, r.title, r.area_id, r.country_id, r.organization_id, r.status,
                r.method_version, r.overall_residual, r.review_due, r.created_at, r.updated_at, revision, r.doc));
      continue;
    }
    SRM_ASSIGN(updated, c.Run("UPDATE sras SET series_id = $2, version = $3, kind = $4, title = $5, area_id = $6, "
                              "country_id = $7, organization_id = $8, status = $9, method_version = $10, "
                              "overall_residual = $11, review_due = $12, created_at = $13, updated_at = $14, "
                              "revision = $15, doc = $16 WHERE id = $1 AND revision = $17",
                              r.id, r.series_id, r.version, r.kind, r.title, r.area_id, r.country_id, r.organization_id,
                              r.status, r.method_version, r.overall_residual, r.review_due, r.created_at, r.updated_at,
                              revision, r.doc, write.expected_revision));
    if (updated.Affected() == 0)
      return Conflict("stale_revision", "SRA " + r.id + " is not at revision " +
                                            std::to_string(write.expected_revision) +
                                            " (changed by someone else, or missing)");
  }
  return {};
}

class PostgresStore final : public Store {
 public:
  PostgresStore(ConnectOptions connect, int max_connections, int acquire_timeout_ms, const Clock* clock,
                AuditAnchor* anchor)
      : pool_(std::move(connect), max_connections, acquire_timeout_ms), clock_(clock), anchor_(anchor) {}
  void Seed(std::unique_ptr<Connection> connection) { pool_.Seed(std::move(connection)); }

  Result<int> Migrate() override;

  Status PutOrganization(const Organization& o, const AuditEvent& audit) override;
  Result<std::vector<Organization>> ListOrganizations() override;
  Status PutRegion(const Region& r, const AuditEvent& audit) override;
  Result<std::vector<Region>> ListRegions() override;
  Status PutCountry(const Country& c, const AuditEvent& audit) override;
  Result<std::vector<Country>> ListCountries() override;
  Status PutArea(const Area& a, const AuditEvent& audit) override;
  Result<std::optional<Area>> GetArea(const std::string& id) override;
  Result<std::vector<Area>> ListAreas(const std::string& country_id, bool with_geometry) override;
  Status PutLocation(const Location& l, const AuditEvent& audit) override;
  Result<std::vector<Location>> ListLocations(const std::string& area_id) override;
  Status PutProgramme(const Programme& p, const AuditEvent& audit) override;
  Result<std::vector<Programme>> ListProgrammes(const std::string& area_id) override;

  Status CreateUser(const User& u, const AuditEvent& audit) override;
  Status UpdateUser(const User& u, const AuditEvent& audit) override;
  Status SetPasswordHash(const std::string& user_id, const std::string& password_hash,
                         const std::string& keep_session_id, const AuditEvent& audit) override;
  Result<std::optional<User>> GetUser(const std::string& id) override;
  Result<std::optional<User>> FindUserByName(const std::string& username) override;
  Result<Page<User>> ListUsers(const PageRequest& page) override;

  Status PutSessions(const std::vector<Session>& rows, const AuditEvent& audit) override;
  Result<std::optional<Session>> FindSession(const std::string& token_hash) override;
  Status DeleteSession(const std::string& token_hash, const AuditEvent& audit) override;
  Status RevokeSession(const std::string& user_id, const std::string& session_id, const AuditEvent& audit) override;
  Result<std::vector<Session>> ListSessions(const std::string& user_id, const std::string& kind) override;
  Status DeleteExpiredSessions(int64_t now_ms) override;
  Result<bool> ReserveAttempt(const std::vector<AttemptCounter>& counters, const std::string& attempt_id,
                              int64_t since_ms, int64_t at_ms) override;
  Status ReleaseAttempt(const std::string& attempt_id) override;
  Status SettleAttempt(const std::string& attempt_id) override;
  Result<int> CountFailures(const std::string& scope, const std::string& subject, int64_t since_ms,
                            int64_t unsettled_before_ms) override;
  Result<int> CountAttempts(const std::string& scope, const std::string& subject, int64_t since_ms) override;
  Status PruneAttempts(int64_t before_ms) override;

  Status InstallMethod(const MethodRecord& m, bool activate, const AuditEvent& audit) override;
  Result<std::optional<MethodRecord>> ActiveMethod() override;
  Result<std::optional<MethodRecord>> GetMethod(const std::string& version) override;
  Result<std::vector<MethodRecord>> ListMethods() override;

  Status Write(const std::vector<SraWrite>& sras, const std::vector<DocWrite>& docs,
               const std::vector<AuditEvent>& audit) override;
  Result<std::optional<DocRow>> GetDoc(const std::string& kind, const std::string& id) override;
  Result<Page<DocRow>> ListDocs(const DocFilter& filter, const PageRequest& page) override;
  Result<std::optional<SraRow>> GetSra(const std::string& id) override;
  Result<Page<SraRow>> ListSras(const SraFilter& filter, const PageRequest& page) override;

  Result<Page<AuditEntry>> ListAudit(const std::string& object_id, const PageRequest& page) override;
  Result<AuditVerification> VerifyAudit() override;
  Status ScanAudit(const std::function<bool(const AuditEntry&)>& visit) override;
  Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints() override;

 private:
  using TxKind = postgres::TxKind;

  // Runs `body` in one transaction (READ COMMITTED for writes; REPEATABLE READ READ ONLY for
  // reads, so every statement sees one snapshot). Retries the whole transaction when concurrent
  // writers deadlock, and once on a fresh connection when the connection was lost before COMMIT
  // (the server rolled that attempt back). `body` may run more than once: it must only assign to
  // what it returns.
  Status Transact(TxKind kind, const std::function<Status(Connection&)>& body);
  // One statement outside an explicit transaction, with the same retry on a lost connection.
  Result<Rows> QueryOnce(std::string_view sql, const Params& params);

  // The change and its audit entries in one transaction: both persist or neither.
  Status Write(std::span<const AuditEvent> audit, const std::function<Status(Connection&)>& change);
  // Appends `events` to the hash chain; runs inside Write's transaction. Sets *head to the last
  // entry appended and, with an anchor, keeps this server's signed checkpoint of it in the
  // database in the same transaction.
  Status AppendAudit(Connection& c, std::span<const AuditEvent> events, AuditHead* head);
  template <typename... Values>
  Status WriteOne(const AuditEvent& audit, std::string_view sql, const Values&... values) {
    return Write(std::span(&audit, 1), [&](Connection& c) -> Status { return AsStatus(c.Run(sql, values...)); });
  }
  template <typename T, typename ReadRow, typename... Values>
  Result<std::vector<T>> ReadAll(std::string_view sql, ReadRow read_row, const Values&... values) {
    Params params;
    params.AddAll(values...);
    SRM_ASSIGN(rows, QueryOnce(sql, params));
    return CollectRows<T>(rows, read_row);
  }
  template <typename T, typename ReadRow, typename... Values>
  Result<std::optional<T>> ReadOne(std::string_view sql, ReadRow read_row, const Values&... values) {
    Params params;
    params.AddAll(values...);
    SRM_ASSIGN(rows, QueryOnce(sql, params));
    if (rows.size() == 0) return std::optional<T>();
    if constexpr (std::is_same_v<std::invoke_result_t<ReadRow, const Rows&, int>, Result<T>>) {
      SRM_ASSIGN(row, read_row(rows, 0));
      return std::optional<T>(std::move(row));
    } else {
      return std::optional<T>(read_row(rows, 0));
    }
  }
  // One keyset page: count and rows in one read transaction (one snapshot).
  template <typename T, typename ReadRow, typename CursorOf>
  Result<Page<T>> FetchPage(std::string_view count_sql, std::string_view select_sql, std::string_view order_by,
                            const WhereClause& filter, const WhereClause& after, int limit, ReadRow read_row,
                            CursorOf cursor_of) {
    Page<T> page;
    const std::string count_query = std::string(count_sql) + filter.Sql();
    const std::string select_query =
        std::string(select_sql) + after.Sql() + std::string(order_by) + " LIMIT $" + std::to_string(after.size() + 1);
    Params select_params = after.params();
    select_params.Add(static_cast<int64_t>(limit) + 1);  // one more shows whether a next page exists
    SRM_TRY(Transact(TxKind::kRead, [&](Connection& c) -> Status {
      SRM_ASSIGN(count, c.Query(count_query, filter.params()));
      SRM_ASSIGN(rows, c.Query(select_query, select_params));
      SRM_ASSIGN(items, CollectRows<T>(rows, read_row));
      page = Page<T>{};
      page.total = count.size() > 0 ? count.Int(0, 0) : 0;
      if (items.size() > static_cast<size_t>(limit)) {
        items.resize(static_cast<size_t>(limit));
        page.next = cursor_of(items.back());
      }
      page.items = std::move(items);
      return {};
    }));
    return page;
  }
  std::string Now() const { return FormatTimestamp(clock_->NowMillis()); }

  ConnectionPool pool_;
  const Clock* clock_;
  AuditAnchor* anchor_;  // may be null: no checkpoints
};

// --- Transactions and the audit chain ---

Status PostgresStore::Transact(TxKind kind, const std::function<Status(Connection&)>& body) {
  return postgres::RunTransaction(pool_, kind, body);
}

Result<Rows> PostgresStore::QueryOnce(std::string_view sql, const Params& params) {
  return postgres::QueryOnce(pool_, sql, params);
}

Status PostgresStore::Write(std::span<const AuditEvent> audit, const std::function<Status(Connection&)>& change) {
  AuditHead head;
  Status written = Transact(TxKind::kWrite, [&](Connection& c) -> Status {
    head = AuditHead{};
    SRM_TRY(change(c));
    return AppendAudit(c, audit, &head);
  });
  // The checkpoint file after COMMIT, outside the advisory lock: the next writer does not wait for it.
  if (written && anchor_ != nullptr && head.seq > 0) anchor_->Record(head.seq, head.hash);
  return written;
}

Status PostgresStore::AppendAudit(Connection& c, std::span<const AuditEvent> events, AuditHead* head) {
  if (events.empty()) return {};
  // Serialise every chain writer of this database (all threads, processes and servers) from here
  // to COMMIT. The lock is taken BEFORE the last entry is read, in its own statement, so the read
  // below sees every chain entry committed before us: commit order is chain order.
  SRM_TRY(c.Run("SELECT pg_advisory_xact_lock($1::bigint)", kAuditChainLock));
  int64_t last_seq = 0;
  std::string last_hash = kGenesisHash;
  {
    SRM_ASSIGN(last, c.Run("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (last.size() > 0) {
      last_seq = last.Int(0, 0);
      last_hash = last.Text(0, 1);
    }
  }
  const std::string at = Now();  // one transaction, one time
  constexpr std::string_view kInsertEntry =
      "INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, object_id, "
      "\"before\", \"after\", request_id, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
  // With an anchor, the last entry goes in one statement with this server's signed checkpoint of
  // it (kept beside the chain for verifications on other servers): the anchor adds no round trip
  // inside the lock, only the signature (~20 us).
  static const std::string kInsertEntryAndCheckpoint =
      "WITH entry AS (" + std::string(kInsertEntry) +
      ") INSERT INTO audit_checkpoints (server_id, seq, head_hash, at, public_key, signature) "
      "VALUES ($14, $15, $16, $17, $18, $19) ON CONFLICT (server_id) DO UPDATE SET seq = excluded.seq, "
      "head_hash = excluded.head_hash, at = excluded.at, public_key = excluded.public_key, "
      "signature = excluded.signature";
  for (size_t i = 0; i < events.size(); ++i) {
    const AuditEvent& event = events[i];
    AuditEntry entry{.seq = last_seq + 1, .at = at, .event = event, .prev_hash = last_hash, .hash = {}};
    entry.hash = AuditEntryHash(entry);
    if (anchor_ != nullptr && i + 1 == events.size()) {
      const AuditCheckpoint checkpoint = anchor_->Sign(entry.seq, entry.hash, at);
      SRM_TRY(c.Run(kInsertEntryAndCheckpoint, entry.seq, entry.at, event.actor_id, event.actor_name, event.role,
                    event.action, event.object_type, event.object_id, event.before, event.after, event.request_id,
                    entry.prev_hash, entry.hash, checkpoint.server_id, checkpoint.seq, checkpoint.head_hash,
                    checkpoint.at, checkpoint.public_key, checkpoint.signature));
    } else {
      SRM_TRY(c.Run(kInsertEntry, entry.seq, entry.at, event.actor_id, event.actor_name, event.role, event.action,
                    event.object_type, event.object_id, event.before, event.after, event.request_id,
                    entry.prev_hash, entry.hash));
    }
    last_seq = entry.seq;
    last_hash = std::move(entry.hash);
  }
  *head = AuditHead{last_seq, last_hash};
  return {};
}

// --- Schema ---

Result<int> PostgresStore::Migrate() {
  // Every step holds the migration lock, so several servers starting at once apply each once.
  SRM_TRY(Transact(TxKind::kWrite, [&](Connection& c) -> Status {
    SRM_TRY(c.NoTimeoutInThisTransaction());  // another server may hold the lock for a long migration
    SRM_TRY(c.Run("SELECT pg_advisory_xact_lock($1::bigint)", kMigrationLock));
    return c.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }));
  const std::span<const postgres::Migration> migrations = postgres::PostgresMigrations();
  for (const postgres::Migration& migration : migrations) {
    SRM_TRY(Transact(TxKind::kWrite, [&](Connection& c) -> Status {
      SRM_TRY(c.NoTimeoutInThisTransaction());  // a migration may rightly take long
      SRM_TRY(c.Run("SELECT pg_advisory_xact_lock($1::bigint)", kMigrationLock));
      SRM_ASSIGN(applied, c.Run("SELECT 1 FROM schema_migrations WHERE version = $1", migration.version));
      if (applied.size() > 0) return {};
      if (Status ran = c.Exec(migration.sql); !ran) {
        Error error = ran.error();
        error.message = "migration " + std::string(migration.name) + ": " + error.message;
        return std::unexpected(std::move(error));
      }
      return AsStatus(c.Run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                            migration.version, migration.name, Now()));
    }));
  }
  SRM_ASSIGN(latest, QueryOnce("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", Params()));
  const int reached = latest.size() > 0 ? static_cast<int>(latest.Int(0, 0)) : 0;
  const int known = migrations.empty() ? 0 : migrations.back().version;
  if (reached > known)
    return Fail(ErrorKind::kInternal, "schema_too_new",
                "the database is at schema version " + std::to_string(reached) + " but this build knows only up to " +
                    std::to_string(known));
  return reached;
}

// --- Organizations, geography, programmes ---

Status PostgresStore::PutOrganization(const Organization& o, const AuditEvent& audit) {
  SRM_TRY(RequireId(o.id, "organization"));
  return WriteOne(audit,
                  "INSERT INTO organizations (id, code, name) VALUES ($1, $2, $3) "
                  "ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
                  o.id, o.code, o.name);
}

Result<std::vector<Organization>> PostgresStore::ListOrganizations() {
  return ReadAll<Organization>("SELECT id, code, name FROM organizations ORDER BY name, id", ReadOrganization);
}

Status PostgresStore::PutRegion(const Region& r, const AuditEvent& audit) {
  SRM_TRY(RequireId(r.id, "region"));
  return WriteOne(audit,
                  "INSERT INTO regions (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                  r.id, r.name);
}

Result<std::vector<Region>> PostgresStore::ListRegions() {
  return ReadAll<Region>("SELECT id, name FROM regions ORDER BY name, id", ReadRegion);
}

Status PostgresStore::PutCountry(const Country& c, const AuditEvent& audit) {
  SRM_TRY(RequireId(c.id, "country"));
  return WriteOne(audit,
                  "INSERT INTO countries (id, region_id, iso2, name) VALUES ($1, $2, $3, $4) "
                  "ON CONFLICT (id) DO UPDATE SET region_id = excluded.region_id, iso2 = excluded.iso2, "
                  "name = excluded.name",
                  c.id, NullIfEmpty{c.region_id}, c.iso2, c.name);
}

Result<std::vector<Country>> PostgresStore::ListCountries() {
  return ReadAll<Country>("SELECT id, region_id, iso2, name FROM countries ORDER BY name, id", ReadCountry);
}

Status PostgresStore::PutArea(const Area& a, const AuditEvent& audit) {
  SRM_TRY(RequireId(a.id, "area"));
  return WriteOne(audit,
                  "INSERT INTO areas (id, country_id, name, geometry) VALUES ($1, $2, $3, $4) "
                  "ON CONFLICT (id) DO UPDATE SET country_id = excluded.country_id, name = excluded.name, "
                  "geometry = excluded.geometry",
                  a.id, NullIfEmpty{a.country_id}, a.name, a.geometry);
}

Result<std::optional<Area>> PostgresStore::GetArea(const std::string& id) {
  return ReadOne<Area>("SELECT id, country_id, name, geometry FROM areas WHERE id = $1", ReadArea, id);
}

Result<std::vector<Area>> PostgresStore::ListAreas(const std::string& country_id, bool with_geometry) {
  // Geometry can be large: leave it out of the row unless asked for.
  const std::string_view columns =
      with_geometry ? "SELECT id, country_id, name, geometry FROM areas" : "SELECT id, country_id, name, '' FROM areas";
  WhereClause where;
  if (!country_id.empty()) where.Add("country_id = ?", country_id);
  SRM_ASSIGN(rows, QueryOnce(std::string(columns) + where.Sql() + " ORDER BY name, id", where.params()));
  return CollectRows<Area>(rows, ReadArea);
}

Status PostgresStore::PutLocation(const Location& l, const AuditEvent& audit) {
  SRM_TRY(RequireId(l.id, "location"));
  return WriteOne(audit,
                  "INSERT INTO locations (id, area_id, name, kind, lat, lon) VALUES ($1, $2, $3, $4, $5, $6) "
                  "ON CONFLICT (id) DO UPDATE SET area_id = excluded.area_id, name = excluded.name, "
                  "kind = excluded.kind, lat = excluded.lat, lon = excluded.lon",
                  l.id, NullIfEmpty{l.area_id}, l.name, l.kind, l.lat, l.lon);
}

Result<std::vector<Location>> PostgresStore::ListLocations(const std::string& area_id) {
  if (area_id.empty())
    return ReadAll<Location>("SELECT id, area_id, name, kind, lat, lon FROM locations ORDER BY name, id", ReadLocation);
  return ReadAll<Location>(
      "SELECT id, area_id, name, kind, lat, lon FROM locations WHERE area_id = $1 ORDER BY name, id", ReadLocation,
      area_id);
}

Status PostgresStore::PutProgramme(const Programme& p, const AuditEvent& audit) {
  SRM_TRY(RequireId(p.id, "programme"));
  return WriteOne(audit,
                  "INSERT INTO programmes (id, organization_id, area_id, name, activity, pc, international, "
                  "national, on_mission) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                  "ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, "
                  "area_id = excluded.area_id, name = excluded.name, activity = excluded.activity, "
                  "pc = excluded.pc, international = excluded.international, national = excluded.national, "
                  "on_mission = excluded.on_mission",
                  p.id, NullIfEmpty{p.organization_id}, NullIfEmpty{p.area_id}, p.name, p.activity, p.pc,
                  p.international, p.national, p.on_mission);
}

Result<std::vector<Programme>> PostgresStore::ListProgrammes(const std::string& area_id) {
  constexpr std::string_view kAll =
      "SELECT id, organization_id, area_id, name, activity, pc, international, national, on_mission "
      "FROM programmes ORDER BY name, id";
  constexpr std::string_view kInArea =
      "SELECT id, organization_id, area_id, name, activity, pc, international, national, on_mission "
      "FROM programmes WHERE area_id = $1 ORDER BY name, id";
  if (area_id.empty()) return ReadAll<Programme>(kAll, ReadProgramme);
  return ReadAll<Programme>(kInArea, ReadProgramme, area_id);
}

// --- Users ---

Status PostgresStore::CreateUser(const User& u, const AuditEvent& audit) {
  SRM_TRY(RequireId(u.id, "user"));
  return WriteOne(audit,
                  "INSERT INTO users (id, username, display_name, organization_id, password_hash, grants, "
                  "disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                  u.id, u.username, u.display_name, u.organization_id, u.password_hash, GrantsToJson(u.grants),
                  u.disabled, u.created_at);
}

Status PostgresStore::UpdateUser(const User& u, const AuditEvent& audit) {
  // created_at is the moment of creation and stays as stored.
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    SRM_ASSIGN(updated, c.Run("UPDATE users SET username = $2, display_name = $3, organization_id = $4, "
                              "password_hash = $5, grants = $6, disabled = $7 WHERE id = $1",
                              u.id, u.username, u.display_name, u.organization_id, u.password_hash,
                              GrantsToJson(u.grants), u.disabled));
    if (updated.Affected() == 0) return NotFound("user " + u.id);
    // Disabled: every session and token ends now, so enabling the user again revives none. The
    // UPDATE holds the user's row, so a sign-in racing it either committed before (its rows are
    // deleted here) or waits and sees the user disabled (PutSessions).
    if (u.disabled) SRM_TRY(c.Run("DELETE FROM sessions WHERE user_id = $1", u.id));
    return {};
  });
}

Status PostgresStore::SetPasswordHash(const std::string& user_id, const std::string& password_hash,
                                      const std::string& keep_session_id, const AuditEvent& audit) {
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    SRM_ASSIGN(updated, c.Run("UPDATE users SET password_hash = $2 WHERE id = $1", user_id, password_hash));
    if (updated.Affected() == 0) return NotFound("user " + user_id);
    return AsStatus(
        c.Run("DELETE FROM sessions WHERE user_id = $1 AND ($2 = '' OR session_id <> $2)", user_id, keep_session_id));
  });
}

Result<std::optional<User>> PostgresStore::GetUser(const std::string& id) {
  return ReadOne<User>(std::string(kUserColumns) + " WHERE id = $1", ReadUser, id);
}

Result<std::optional<User>> PostgresStore::FindUserByName(const std::string& username) {
  // lower(username) is the expression of the unique index users_username_lower, which serves it.
  return ReadOne<User>(std::string(kUserColumns) + " WHERE lower(username) = lower($1)", ReadUser, username);
}

Result<Page<User>> PostgresStore::ListUsers(const PageRequest& page) {
  // Ordered by username; the cursor is the last username of the page.
  WhereClause all;
  WhereClause after;
  if (!page.after.empty()) after.Add("username > ?", page.after);
  return FetchPage<User>("SELECT COUNT(*) FROM users", kUserColumns, " ORDER BY username", all, after,
                         ClampLimit(page.limit), ReadUser, [](const User& u) { return u.username; });
}

// --- Sessions and login throttling ---

Status PostgresStore::PutSessions(const std::vector<Session>& rows, const AuditEvent& audit) {
  for (const Session& s : rows)
    if (s.token_hash.empty()) return Invalid("missing_id", "a session needs a token hash", "token_hash");
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    for (const Session& s : rows) {
      // FOR SHARE waits for a disable in flight (UpdateUser) and then reads its outcome; a disable
      // that comes later waits for this commit and then deletes these rows.
      SRM_ASSIGN(user, c.Run("SELECT disabled FROM users WHERE id = $1 FOR SHARE", s.user_id));
      if (user.size() > 0 && user.Int(0, 0) != 0) return Conflict("user_disabled", "the account is disabled");
      SRM_TRY(c.Run("INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_ms, expires_ms, session_id, "
                    "name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                    "ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, kind = excluded.kind, "
                    "csrf_token = excluded.csrf_token, created_ms = excluded.created_ms, "
                    "expires_ms = excluded.expires_ms, session_id = excluded.session_id, name = excluded.name",
                    s.token_hash, s.user_id, s.kind, s.csrf_token, s.created_ms, s.expires_ms, s.session_id, s.name));
    }
    return {};
  });
}

Result<std::optional<Session>> PostgresStore::FindSession(const std::string& token_hash) {
  return ReadOne<Session>(std::string(kSessionColumns) + " WHERE token_hash = $1", ReadSession, token_hash);
}

Status PostgresStore::DeleteSession(const std::string& token_hash, const AuditEvent& audit) {
  // Deleting a session that is already gone succeeds (logging out twice is not an error).
  return WriteOne(audit,
                  "DELETE FROM sessions WHERE token_hash = $1 OR session_id IN "
                  "(SELECT session_id FROM sessions WHERE token_hash = $1 AND session_id <> '')",
                  token_hash);
}

Status PostgresStore::RevokeSession(const std::string& user_id, const std::string& session_id,
                                    const AuditEvent& audit) {
  if (session_id.empty()) return NotFound("session");
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    SRM_ASSIGN(revoked, c.Run("DELETE FROM sessions WHERE user_id = $1 AND session_id = $2", user_id, session_id));
    if (revoked.Affected() == 0) return NotFound("session " + session_id);
    return {};
  });
}

Result<std::vector<Session>> PostgresStore::ListSessions(const std::string& user_id, const std::string& kind) {
  return ReadAll<Session>(std::string(kSessionColumns) +
                              " WHERE user_id = $1 AND kind = $2 ORDER BY created_ms, session_id",
                          ReadSession, user_id, kind);
}

Status PostgresStore::DeleteExpiredSessions(int64_t now_ms) {
  return Write({}, [&](Connection& c) -> Status {
    return AsStatus(c.Run("DELETE FROM sessions WHERE expires_ms <= $1", now_ms));
  });
}

Result<bool> PostgresStore::ReserveAttempt(const std::vector<AttemptCounter>& counters,
                                           const std::string& attempt_id, int64_t since_ms, int64_t at_ms) {
  // Each counter's advisory lock, taken in one order by every server, makes count-then-insert one
  // step: a parallel reservation on the same counter waits for this commit and then counts it.
  std::vector<std::string> names;
  for (const AttemptCounter& counter : counters) names.push_back(counter.scope + "\n" + counter.subject);
  std::sort(names.begin(), names.end());
  bool reserved = false;
  SRM_TRY(Write({}, [&](Connection& c) -> Status {
    reserved = false;
    for (const std::string& name : names)
      SRM_TRY(c.Run("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", kThrottleLockSpace, name));
    for (const AttemptCounter& counter : counters) {
      SRM_ASSIGN(count, c.Run("SELECT COUNT(*) FROM login_attempts WHERE scope = $1 AND subject = $2 AND at_ms >= $3",
                              counter.scope, counter.subject, since_ms));
      if (count.size() > 0 && count.Int(0, 0) >= counter.limit) return {};
    }
    for (const AttemptCounter& counter : counters)
      SRM_TRY(c.Run("INSERT INTO login_attempts (scope, subject, attempt_id, at_ms) VALUES ($1, $2, $3, $4)",
                    counter.scope, counter.subject, attempt_id, at_ms));
    reserved = true;
    return {};
  }));
  return reserved;
}

Status PostgresStore::ReleaseAttempt(const std::string& attempt_id) {
  return Write({}, [&](Connection& c) -> Status {
    return AsStatus(c.Run("DELETE FROM login_attempts WHERE attempt_id = $1", attempt_id));
  });
}

Status PostgresStore::SettleAttempt(const std::string& attempt_id) {
  return Write({}, [&](Connection& c) -> Status {
    return AsStatus(c.Run("UPDATE login_attempts SET settled = 1 WHERE attempt_id = $1", attempt_id));
  });
}

Result<int> PostgresStore::CountFailures(const std::string& scope, const std::string& subject, int64_t since_ms,
                                         int64_t unsettled_before_ms) {
  SRM_ASSIGN(count, ReadOne<int64_t>("SELECT COUNT(*) FROM login_attempts WHERE scope = $1 AND subject = $2 "
                                     "AND at_ms >= $3 AND (settled = 1 OR at_ms < $4)",
                                     [](const Rows& r, int i) { return r.Int(i, 0); }, scope, subject, since_ms,
                                     unsettled_before_ms));
  return static_cast<int>(count.value_or(0));
}

Result<int> PostgresStore::CountAttempts(const std::string& scope, const std::string& subject, int64_t since_ms) {
  SRM_ASSIGN(count, ReadOne<int64_t>(
                        "SELECT COUNT(*) FROM login_attempts WHERE scope = $1 AND subject = $2 AND at_ms >= $3",
                        [](const Rows& r, int i) { return r.Int(i, 0); }, scope, subject, since_ms));
  return static_cast<int>(count.value_or(0));
}

Status PostgresStore::PruneAttempts(int64_t before_ms) {
  return Write({}, [&](Connection& c) -> Status {
    return AsStatus(c.Run("DELETE FROM login_attempts WHERE at_ms < $1", before_ms));
  });
}

// --- Methodology packs ---

Status PostgresStore::InstallMethod(const MethodRecord& m, bool activate, const AuditEvent& audit) {
  if (m.version.empty()) return Invalid("missing_version", "a method pack needs a version", "version");
  const std::string installed_at = m.installed_at.empty() ? Now() : m.installed_at;
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    if (activate) SRM_TRY(c.Run("UPDATE methods SET active = 0 WHERE active = 1"));
    return AsStatus(c.Run("INSERT INTO methods (version, json, active, installed_at) VALUES ($1, $2, $3, $4)",
                          m.version, m.json, activate, installed_at));
  });
}

Result<std::optional<MethodRecord>> PostgresStore::ActiveMethod() {
  return ReadOne<MethodRecord>("SELECT version, json, active, installed_at FROM methods WHERE active = 1", ReadMethod);
}

Result<std::optional<MethodRecord>> PostgresStore::GetMethod(const std::string& version) {
  return ReadOne<MethodRecord>("SELECT version, json, active, installed_at FROM methods WHERE version = $1", ReadMethod,
                               version);
}

Result<std::vector<MethodRecord>> PostgresStore::ListMethods() {
  return ReadAll<MethodRecord>("SELECT version, json, active, installed_at FROM methods ORDER BY installed_at, version",
                               ReadMethod);
}

// --- SRAs and documents ---

Status PostgresStore::Write(const std::vector<SraWrite>& writes, const std::vector<DocWrite>& docs,
                            const std::vector<AuditEvent>& audit) {
  for (const SraWrite& write : writes) {
    SRM_TRY(RequireId(write.row.id, "SRA"));
    if (write.expected_revision < 0)
      return Invalid("bad_revision", "expected_revision must be 0 (insert) or the stored revision", "revision");
  }
  for (const DocWrite& write : docs) {
    SRM_TRY(RequireId(write.row.id, "document"));
    if (write.row.kind.empty()) return Invalid("missing_kind", "a document needs a kind", "kind");
    if (write.expected_revision < 0)
      return Invalid("bad_revision", "expected_revision must be 0 (insert) or the stored revision", "revision");
  }
  return Write(audit, [&](Connection& c) -> Status {
    SRM_TRY(WriteDocRows(c, docs));
    return WriteSraRows(c, writes);
  });
}

Result<std::optional<DocRow>> PostgresStore::GetDoc(const std::string& kind, const std::string& id) {
  return ReadOne<DocRow>(std::string(kDocListColumnsWithDoc) + " WHERE kind = $1 AND id = $2", ReadDocRow, kind, id);
}

Result<Page<DocRow>> PostgresStore::ListDocs(const DocFilter& filter, const PageRequest& page) {
  if (filter.kind.empty()) return Invalid("missing_kind", "a document listing needs a kind", "kind");
  WhereClause where;
  where.Add("kind = ?", filter.kind);
  if (!filter.org_id.empty()) where.Add("org_id = ?", filter.org_id);
  if (!filter.country_id.empty()) where.Add("country_id = ?", filter.country_id);
  if (!filter.area_id.empty()) where.Add("area_id = ?", filter.area_id);
  if (!filter.status.empty()) where.Add("status = ?", filter.status);
  if (!filter.ref_id.empty()) where.Add("ref_id = ?", filter.ref_id);
  if (!filter.owner_id.empty()) where.Add("owner_id = ?", filter.owner_id);
  if (!filter.statuses.empty()) where.Add("status = ANY(?::text[])", TextArray{filter.statuses});
  if (filter.restrict_areas || !filter.area_ids.empty())
    where.Add("area_id = ANY(?::text[])", TextArray{filter.area_ids});
  if (filter.restrict_cross_org)
    where.Add("(org_id = '' OR org_id = ? OR area_id = ANY(?::text[]))", filter.reader_org_id,
              TextArray{filter.cross_org_area_ids});
  if (!filter.active_on.empty())
    where.Add("starts_on <= ? AND (ends_on = '' OR ends_on >= ?)", filter.active_on, filter.active_on);
  if (!filter.overlaps_from.empty()) where.Add("(ends_on = '' OR ends_on >= ?)", filter.overlaps_from);
  if (!filter.overlaps_to.empty()) where.Add("starts_on <= ?", filter.overlaps_to);
  WhereClause after = where;
  SRM_TRY(AddNewestFirstCursor(&after, page.after));
  return FetchPage<DocRow>("SELECT COUNT(*) FROM docs", filter.with_doc ? kDocListColumnsWithDoc : kDocListColumns,
                           " ORDER BY updated_at DESC, id DESC", where, after, ClampLimit(page.limit), ReadDocRow,
                           DocCursor);
}

Result<std::optional<SraRow>> PostgresStore::GetSra(const std::string& id) {
  return ReadOne<SraRow>(
      "SELECT id, series_id, version, kind, title, area_id, country_id, organization_id, status, "
      "method_version, overall_residual, review_due, created_at, updated_at, revision, doc "
      "FROM sras WHERE id = $1",
      [](const Rows& r, int i) {
        SraRow row = ReadSraColumns(r, i);
        row.doc = r.Text(i, 15);
        return row;
      },
      id);
}

Result<Page<SraRow>> PostgresStore::ListSras(const SraFilter& filter, const PageRequest& page) {
  WhereClause where;
  if (!filter.area_id.empty()) where.Add("area_id = ?", filter.area_id);
  if (!filter.series_id.empty()) where.Add("series_id = ?", filter.series_id);
  if (!filter.country_id.empty()) where.Add("country_id = ?", filter.country_id);
  // Lists are bound as one text[], so the SQL text does not depend on their length.
  if (!filter.statuses.empty()) where.Add("status = ANY(?::text[])", TextArray{filter.statuses});
  if (filter.restrict_areas || !filter.area_ids.empty())
    where.Add("area_id = ANY(?::text[])", TextArray{filter.area_ids});
  if (filter.restrict_cross_org)
    where.Add("(kind <> 'specific' OR organization_id = ? OR area_id = ANY(?::text[]))", filter.reader_org_id,
              TextArray{filter.cross_org_area_ids});
  if (filter.restrict_status_areas)
    where.Add("(status || '|' || area_id) = ANY(?::text[])", TextArray{filter.status_areas});
  WhereClause after = where;
  SRM_TRY(AddNewestFirstCursor(&after, page.after));
  return FetchPage<SraRow>("SELECT COUNT(*) FROM sras", kSraListColumns, " ORDER BY updated_at DESC, id DESC", where,
                           after, ClampLimit(page.limit), ReadSraColumns, SraCursor);
}

// --- Audit log ---

Result<Page<AuditEntry>> PostgresStore::ListAudit(const std::string& object_id, const PageRequest& page) {
  WhereClause where;
  if (!object_id.empty()) where.Add("object_id = ?", object_id);
  WhereClause after = where;
  if (!page.after.empty()) {
    int64_t last_seq = 0;
    const char* end = page.after.data() + page.after.size();
    auto [stop, error] = std::from_chars(page.after.data(), end, last_seq);
    if (error != std::errc() || stop != end) return Invalid("bad_cursor", "unrecognised page cursor", "after");
    after.Add("seq > ?", last_seq);
  }
  return FetchPage<AuditEntry>("SELECT COUNT(*) FROM audit_log", kAuditColumns, " ORDER BY seq", where, after,
                               ClampLimit(page.limit), ReadAuditEntry,
                               [](const AuditEntry& e) { return std::to_string(e.seq); });
}

Result<AuditVerification> PostgresStore::VerifyAudit() {
  AuditChainVerifier verifier;
  SRM_TRY(ScanAudit([&](const AuditEntry& entry) {
    verifier.Add(entry);
    return true;
  }));
  return verifier.Result();
}

Status PostgresStore::ScanAudit(const std::function<bool(const AuditEntry&)>& visit) {
  // One read transaction: one consistent snapshot of the chain, read in batches rather than loaded.
  // Should the transaction be run again (a connection lost), it goes on after the last entry
  // visited, so no entry is visited twice.
  const std::string batch_sql = std::string(kAuditColumns) + " WHERE seq > $1 ORDER BY seq LIMIT $2";
  int64_t last_seq = std::numeric_limits<int64_t>::min();
  bool done = false;
  return Transact(TxKind::kRead, [&](Connection& c) -> Status {
    while (!done) {
      SRM_ASSIGN(batch, c.Run(batch_sql, last_seq, static_cast<int64_t>(kVerifyBatch)));
      for (int i = 0; i < batch.size() && !done; ++i) {
        const AuditEntry entry = ReadAuditEntry(batch, i);
        last_seq = entry.seq;
        done = !visit(entry);
      }
      if (batch.size() < kVerifyBatch) done = true;
    }
    return {};
  });
}

Result<std::vector<AuditCheckpoint>> PostgresStore::ListAuditCheckpoints() {
  return ReadAll<AuditCheckpoint>(
      "SELECT server_id, seq, head_hash, at, public_key, signature FROM audit_checkpoints ORDER BY server_id",
      [](const Rows& r, int i) {
        AuditCheckpoint c;
        c.server_id = r.Text(i, 0);
        c.seq = r.Int(i, 1);
        c.head_hash = r.Text(i, 2);
        c.at = r.Text(i, 3);
        c.public_key = r.Text(i, 4);
        c.signature = r.Text(i, 5);
        return c;
      });
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& opts) {
  SRM_TRY(security::InitCrypto());
  if (!IsPostgresUrl(opts.url))
    return Invalid("bad_url",
                   "the PostgreSQL URL must start with postgresql:// (got '" + RedactPostgresUrl(opts.url) + "')",
                   "db");
  if (opts.max_connections < 1)
    return Invalid("bad_connections", "max_connections must be 1 or more", "max_connections");
  static const SystemClock kSystemClock;
  const Clock* clock = opts.clock != nullptr ? opts.clock : &kSystemClock;
  ConnectOptions connect{opts.url, std::max(1, opts.connect_timeout_s), opts.lock_timeout_ms,
                         std::max(0, opts.statement_timeout_ms)};
  SRM_ASSIGN(first, Connection::Open(connect));
  auto store = std::make_unique<PostgresStore>(std::move(connect), opts.max_connections,
                                               std::max(1, opts.acquire_timeout_ms), clock, opts.audit_anchor);
  store->Seed(std::move(first));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace srm::store
