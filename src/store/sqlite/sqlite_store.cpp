#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "security/crypto.h"
#include "store/audit_anchor.h"
#include "store/audit_chain.h"
#include "store/grants_json.h"
#include "store/sqlite/json_array.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_migrations.h"

namespace srm::store {
namespace {

using sqlite::Connection;
using sqlite::ConnectionRole;
using sqlite::NullIfEmpty;
using sqlite::SqlValue;
using sqlite::Statement;

constexpr int kMaxPageLimit = 500;

// PageRequest.limit clamped to 1..500.
int ClampLimit(int limit) { return std::clamp(limit, 1, kMaxPageLimit); }

// True for paths SQLite keeps in memory: every connection would see its own database.
bool IsInMemory(const std::string& path) {
  return path == ":memory:" || path.starts_with("file::memory:");
}

// One writer connection behind a mutex and a free list of reader connections. A Lease is a
// connection borrowed for one call; it goes back when the Lease is destroyed.
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool* pool, Connection* connection, std::unique_lock<std::mutex> writer_lock)
        : pool_(pool), connection_(connection), writer_lock_(std::move(writer_lock)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->ReturnReader(connection_);
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_; }

   private:
    ConnectionPool* pool_;  // set for a reader, which goes back to the free list
    Connection* connection_;
    std::unique_lock<std::mutex> writer_lock_;  // held for the writer
  };

  ConnectionPool(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers)
      : writer_(std::move(writer)), readers_(std::move(readers)) {
    for (auto& reader : readers_) free_readers_.push_back(reader.get());
  }

  // The writer, exclusively, until the Lease ends.
  Lease Writer() { return Lease(nullptr, writer_.get(), std::unique_lock(writer_mutex_)); }

  // A reader (waiting for one to be free), or the writer when the pool has no readers.
  // Never call while holding the writer's Lease: with no readers that would deadlock.
  Lease Reader() {
    if (readers_.empty()) return Writer();
    std::unique_lock lock(readers_mutex_);
    reader_freed_.wait(lock, [&] { return !free_readers_.empty(); });
    Connection* reader = free_readers_.back();
    free_readers_.pop_back();
    return Lease(this, reader, {});
  }

 private:
  void ReturnReader(Connection* reader) {
    {
      std::lock_guard lock(readers_mutex_);
      free_readers_.push_back(reader);
    }
    reader_freed_.notify_one();
  }

  std::unique_ptr<Connection> writer_;
  std::mutex writer_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::mutex readers_mutex_;
  std::condition_variable reader_freed_;
  std::vector<Connection*> free_readers_;
};

// Runs `body` between `begin` and COMMIT on `c`; on any failure rolls back and returns the error.
Status RunTransaction(Connection& c, std::string_view begin, const std::function<Status()>& body) {
  SRM_TRY(c.Exec(begin));
  Status result = body();
  if (result) result = c.Exec("COMMIT");
  if (!result && c.InTransaction()) (void)c.Exec("ROLLBACK");
  return result;
}

// A WHERE clause composed from fixed SQL fragments only; values are always bound, never inlined.
class WhereClause {
 public:
  template <typename... Values>
  void Add(std::string_view condition, Values&&... values) {
    conditions_.emplace_back(condition);
    (values_.emplace_back(SqlValue(std::forward<Values>(values))), ...);
  }
  // "" or " WHERE a AND b ...".
  std::string Sql() const {
    std::string sql;
    for (size_t i = 0; i < conditions_.size(); ++i) {
      sql += i == 0 ? " WHERE " : " AND ";
      sql += conditions_[i];
    }
    return sql;
  }
  const std::vector<SqlValue>& values() const { return values_; }

 private:
  std::vector<std::string_view> conditions_;
  std::vector<SqlValue> values_;
};

// Binds `values` to ?1..?n; returns n + 1, the next free index.
int BindValues(Statement& statement, const std::vector<SqlValue>& values) {
  int index = 0;
  for (const SqlValue& value : values) statement.Bind(++index, value);
  return index + 1;
}

// Steps `statement` to the end, turning each row into a T with `read_row` (which may return
// T or Result<T>).
template <typename T, typename ReadRow>
Result<std::vector<T>> CollectRows(Statement& statement, ReadRow read_row) {
  std::vector<T> rows;
  while (true) {
    SRM_ASSIGN(has_row, statement.Step());
    if (!has_row) return rows;
    if constexpr (std::is_same_v<std::invoke_result_t<ReadRow, const Statement&>, Result<T>>) {
      SRM_ASSIGN(row, read_row(statement));
      rows.push_back(std::move(row));
    } else {
      rows.push_back(read_row(statement));
    }
  }
}

// The first row of `statement` as a T, or nullopt when there is none.
template <typename T, typename ReadRow>
Result<std::optional<T>> FirstRow(Statement& statement, ReadRow read_row) {
  SRM_ASSIGN(has_row, statement.Step());
  if (!has_row) return std::optional<T>();
  if constexpr (std::is_same_v<std::invoke_result_t<ReadRow, const Statement&>, Result<T>>) {
    SRM_ASSIGN(row, read_row(statement));
    return std::optional<T>(std::move(row));
  } else {
    return std::optional<T>(read_row(statement));
  }
}

// The SQL of one keyset-paginated listing.
struct PageQuery {
  std::string_view count_sql;   // "SELECT COUNT(*) FROM t"
  std::string_view select_sql;  // "SELECT columns FROM t"
  std::string_view order_by;    // " ORDER BY ..." matching the cursor condition
};

// One page in one read transaction (count and rows see the same snapshot). `filter` selects the
// rows counted in total; `after_cursor` adds the cursor condition to it.
template <typename T, typename ReadRow, typename CursorOf>
Result<Page<T>> FetchPage(Connection& c, const PageQuery& query, const WhereClause& filter,
                          const WhereClause& after_cursor, int limit, ReadRow read_row, CursorOf cursor_of) {
  Page<T> page;
  SRM_TRY(RunTransaction(c, "BEGIN", [&]() -> Status {
    {
      SRM_ASSIGN(count, c.Prepare(std::string(query.count_sql) + filter.Sql()));
      BindValues(count, filter.values());
      SRM_ASSIGN(has_row, count.Step());
      page.total = has_row ? count.Int(0) : 0;
    }
    SRM_ASSIGN(select, c.Prepare(std::string(query.select_sql) + after_cursor.Sql() +
                                 std::string(query.order_by) + " LIMIT ?"));
    const int limit_index = BindValues(select, after_cursor.values());
    select.Bind(limit_index, static_cast<int64_t>(limit) + 1);  // one more shows whether a next page exists
    SRM_ASSIGN(items, CollectRows<T>(select, read_row));
    if (items.size() > static_cast<size_t>(limit)) {
      items.resize(static_cast<size_t>(limit));
      page.next = cursor_of(items.back());
    }
    page.items = std::move(items);
    return {};
  }));
  return page;
}

Status RequireId(const std::string& id, std::string_view what) {
  if (id.empty()) return Invalid("missing_id", std::string(what) + " needs an id", "id");
  return {};
}

// --- Row readers: column order matches the SELECT lists below ---

Organization ReadOrganization(const Statement& s) { return {s.Text(0), s.Text(1), s.Text(2)}; }
Region ReadRegion(const Statement& s) { return {s.Text(0), s.Text(1)}; }
Country ReadCountry(const Statement& s) { return {s.Text(0), s.Text(1), s.Text(2), s.Text(3)}; }
Area ReadArea(const Statement& s) { return {s.Text(0), s.Text(1), s.Text(2), s.Text(3)}; }
Location ReadLocation(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Real(4), s.Real(5)};
}
Programme ReadProgramme(const Statement& s) {
  Programme p;
  p.id = s.Text(0);
  p.organization_id = s.Text(1);
  p.area_id = s.Text(2);
  p.name = s.Text(3);
  p.activity = s.Text(4);
  p.pc = static_cast<int>(s.Int(5));
  p.international = static_cast<int>(s.Int(6));
  p.national = static_cast<int>(s.Int(7));
  p.on_mission = static_cast<int>(s.Int(8));
  return p;
}

constexpr std::string_view kUserColumns =
    "SELECT id, username, display_name, organization_id, password_hash, grants, disabled, created_at "
    "FROM users";
Result<User> ReadUser(const Statement& s) {
  User u;
  u.id = s.Text(0);
  u.username = s.Text(1);
  u.display_name = s.Text(2);
  u.organization_id = s.Text(3);
  u.password_hash = s.Text(4);
  SRM_ASSIGN(grants, GrantsFromJson(s.Text(5)));
  u.grants = std::move(grants);
  u.disabled = s.Int(6) != 0;
  u.created_at = s.Text(7);
  return u;
}

constexpr std::string_view kSessionColumns =
    "SELECT token_hash, user_id, kind, csrf_token, created_ms, expires_ms, session_id, name FROM sessions";
Session ReadSession(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Int(5), s.Text(6), s.Text(7)};
}

MethodRecord ReadMethod(const Statement& s) { return {s.Text(0), s.Text(1), s.Int(2) != 0, s.Text(3)}; }

// Columns 0..14 of an SRA; the list queries stop there, GetSra adds doc as column 15.
SraRow ReadSraColumns(const Statement& s) {
  SraRow r;
  r.id = s.Text(0);
  r.series_id = s.Text(1);
  r.version = static_cast<int>(s.Int(2));
  r.kind = s.Text(3);
  r.title = s.Text(4);
  r.area_id = s.Text(5);
  r.country_id = s.Text(6);
  r.organization_id = s.Text(7);
  r.status = s.Text(8);
  r.method_version = s.Text(9);
  r.overall_residual = s.Text(10);
  r.review_due = s.Text(11);
  r.created_at = s.Text(12);
  r.updated_at = s.Text(13);
  r.revision = s.Int(14);
  return r;
}

AuditEntry ReadAuditEntry(const Statement& s) {
  AuditEntry e;
  e.seq = s.Int(0);
  e.at = s.Text(1);
  e.event.actor_id = s.Text(2);
  e.event.actor_name = s.Text(3);
  e.event.role = s.Text(4);
  e.event.action = s.Text(5);
  e.event.object_type = s.Text(6);
  e.event.object_id = s.Text(7);
  e.event.before = s.Text(8);
  e.event.after = s.Text(9);
  e.event.request_id = s.Text(10);
  e.prev_hash = s.Text(11);
  e.hash = s.Text(12);
  return e;
}
constexpr std::string_view kAuditColumns =
    "SELECT seq, at, actor_id, actor_name, role, action, object_type, object_id, \"before\", \"after\", "
    "request_id, prev_hash, hash FROM audit_log";

constexpr std::string_view kSraListColumns =
    "SELECT id, series_id, version, kind, title, area_id, country_id, organization_id, status, "
    "method_version, overall_residual, review_due, created_at, updated_at, revision FROM sras";

// Cursor of ListSras: "updated_at|id" of the last row of the page.
std::string SraCursor(const SraRow& row) { return row.updated_at + "|" + row.id; }

// Inserts or updates (at the expected revision) each document, inside the caller's transaction.
Status WriteDocRows(Connection& c, const std::vector<DocWrite>& docs) {
  for (const DocWrite& write : docs) {
    const DocRow& r = write.row;
    const int64_t revision = write.expected_revision + 1;
    if (write.expected_revision == 0) {
      SRM_ASSIGN(insert, c.Prepare("INSERT INTO docs (kind, id, org_id, country_id, area_id, status, starts_on, "
                                   "ends_on, ref_id, owner_id, created_at, updated_at, revision, doc) VALUES "
                                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
      insert.BindAll(r.kind, r.id, r.org_id, r.country_id, r.area_id, r.status, r.starts_on, r.ends_on, r.ref_id,
                     r.owner_id, r.created_at, r.updated_at, revision, r.doc);
      SRM_TRY(insert.Run());
      continue;
    }
    SRM_ASSIGN(update, c.Prepare("UPDATE docs SET org_id = ?3, country_id = ?4, area_id = ?5, status = ?6, "
                                 "starts_on = ?7, ends_on = ?8, ref_id = ?9, owner_id = ?10, created_at = ?11, "
                                 "updated_at = ?12, revision = ?13, doc = ?14 "
                                 "WHERE kind = ?1 AND id = ?2 AND revision = ?15"));
    update.BindAll(r.kind, r.id, r.org_id, r.country_id, r.area_id, r.status, r.starts_on, r.ends_on, r.ref_id,
                   r.owner_id, r.created_at, r.updated_at, revision, r.doc, write.expected_revision);
    SRM_TRY(update.Run());
    if (c.Changes() == 0)
      return Conflict("stale_revision", r.kind + " " + r.id + " is not at revision " +
                                            std::to_string(write.expected_revision) +
                                            " (changed by someone else, or missing)");
  }
  return {};
}

constexpr std::string_view kDocListColumns =
    "SELECT kind, id, org_id, country_id, area_id, status, starts_on, ends_on, ref_id, owner_id, created_at, "
    "updated_at, revision, '' FROM docs";
constexpr std::string_view kDocListColumnsWithDoc =
    "SELECT kind, id, org_id, country_id, area_id, status, starts_on, ends_on, ref_id, owner_id, created_at, "
    "updated_at, revision, doc FROM docs";

DocRow ReadDocRow(const Statement& s) {
  DocRow r;
  r.kind = s.Text(0);
  r.id = s.Text(1);
  r.org_id = s.Text(2);
  r.country_id = s.Text(3);
  r.area_id = s.Text(4);
  r.status = s.Text(5);
  r.starts_on = s.Text(6);
  r.ends_on = s.Text(7);
  r.ref_id = s.Text(8);
  r.owner_id = s.Text(9);
  r.created_at = s.Text(10);
  r.updated_at = s.Text(11);
  r.revision = s.Int(12);
  r.doc = s.Text(13);
  return r;
}

std::string DocCursor(const DocRow& row) { return row.updated_at + "|" + row.id; }

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers,
              const Clock* clock, AuditAnchor* anchor)
      : pool_(std::move(writer), std::move(readers)), clock_(clock), anchor_(anchor) {}

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
  // Several servers never share an SQLite file: its checkpoints are in the anchor's file only.
  Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints() override { return std::vector<AuditCheckpoint>(); }

 private:
  // The change and its audit entries in one BEGIN IMMEDIATE transaction: both persist or neither.
  Status Write(std::span<const AuditEvent> audit, const std::function<Status(Connection&)>& change);
  // Appends `events` to the hash chain; runs inside Write's transaction. Sets *head to the last
  // entry appended.
  Status AppendAudit(Connection& c, std::span<const AuditEvent> events, AuditHead* head);
  // Runs one parameterised statement that changes rows, inside Write.
  template <typename... Values>
  Status WriteOne(const AuditEvent& audit, std::string_view sql, const Values&... values) {
    return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
      SRM_ASSIGN(statement, c.Prepare(sql));
      statement.BindAll(values...);
      return statement.Run();
    });
  }
  // Runs a read-only query with `values` bound to ?1.. and collects every row.
  template <typename T, typename ReadRow, typename... Values>
  Result<std::vector<T>> ReadAll(std::string_view sql, ReadRow read_row, const Values&... values) {
    auto reader = pool_.Reader();
    SRM_ASSIGN(statement, reader->Prepare(sql));
    statement.BindAll(values...);
    return CollectRows<T>(statement, read_row);
  }
  // Like ReadAll, for at most one row.
  template <typename T, typename ReadRow, typename... Values>
  Result<std::optional<T>> ReadOne(std::string_view sql, ReadRow read_row, const Values&... values) {
    auto reader = pool_.Reader();
    SRM_ASSIGN(statement, reader->Prepare(sql));
    statement.BindAll(values...);
    return FirstRow<T>(statement, read_row);
  }
  std::string Now() const { return FormatTimestamp(clock_->NowMillis()); }

  ConnectionPool pool_;
  const Clock* clock_;
  AuditAnchor* anchor_;  // may be null: no checkpoints
};

// --- Transactions and the audit chain ---

Status SqliteStore::Write(std::span<const AuditEvent> audit,
                          const std::function<Status(Connection&)>& change) {
  AuditHead head;
  Status written;
  {
    auto writer = pool_.Writer();
    Connection& c = *writer;
    written = RunTransaction(c, "BEGIN IMMEDIATE", [&]() -> Status {
      SRM_TRY(change(c));
      return AppendAudit(c, audit, &head);
    });
  }
  // The signed checkpoint of the new head, after COMMIT and outside the write lock: it never
  // names an entry that was not committed, and the next writer does not wait for it.
  if (written && anchor_ != nullptr && head.seq > 0) anchor_->Record(head.seq, head.hash);
  return written;
}

Status SqliteStore::AppendAudit(Connection& c, std::span<const AuditEvent> events, AuditHead* head) {
  if (events.empty()) return {};
  int64_t last_seq = 0;
  std::string last_hash = kGenesisHash;
  {
    SRM_ASSIGN(last, c.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    SRM_ASSIGN(has_row, last.Step());
    if (has_row) {
      last_seq = last.Int(0);
      last_hash = last.Text(1);
    }
  }
  const std::string at = Now();  // one transaction, one time
  for (const AuditEvent& event : events) {
    AuditEntry entry{.seq = last_seq + 1, .at = at, .event = event, .prev_hash = last_hash, .hash = {}};
    entry.hash = AuditEntryHash(entry);
    SRM_ASSIGN(insert, c.Prepare(
                           "INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, "
                           "object_id, \"before\", \"after\", request_id, prev_hash, hash) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
    insert.BindAll(entry.seq, entry.at, event.actor_id, event.actor_name, event.role, event.action,
                   event.object_type, event.object_id, event.before, event.after, event.request_id,
                   entry.prev_hash, entry.hash);
    SRM_TRY(insert.Run());
    last_seq = entry.seq;
    last_hash = std::move(entry.hash);
  }
  *head = AuditHead{last_seq, last_hash};
  return {};
}

// --- Schema ---

Result<int> SqliteStore::Migrate() {
  auto writer = pool_.Writer();
  Connection& c = *writer;
  SRM_TRY(RunTransaction(c, "BEGIN IMMEDIATE", [&] {
    return c.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }));
  const std::span<const sqlite::Migration> migrations = sqlite::SqliteMigrations();
  for (const sqlite::Migration& migration : migrations) {
    // The check runs inside the transaction so two processes migrating at once apply it once.
    SRM_TRY(RunTransaction(c, "BEGIN IMMEDIATE", [&]() -> Status {
      {
        SRM_ASSIGN(applied, c.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?1"));
        applied.BindAll(migration.version);
        SRM_ASSIGN(already_applied, applied.Step());
        if (already_applied) return {};
      }
      if (Status ran = c.Exec(migration.sql); !ran) {
        Error error = ran.error();
        error.message = "migration " + std::string(migration.name) + ": " + error.message;
        return std::unexpected(std::move(error));
      }
      SRM_ASSIGN(record,
                 c.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)"));
      record.BindAll(migration.version, migration.name, Now());
      return record.Run();
    }));
  }
  SRM_ASSIGN(latest, c.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  SRM_ASSIGN(has_row, latest.Step());
  const int reached = has_row ? static_cast<int>(latest.Int(0)) : 0;
  const int known = migrations.empty() ? 0 : migrations.back().version;
  if (reached > known)
    return Fail(ErrorKind::kInternal, "schema_too_new",
                "the database is at schema version " + std::to_string(reached) +
                    " but this build knows only up to " + std::to_string(known));
  return reached;
}

// --- Organizations, geography, programmes ---

Status SqliteStore::PutOrganization(const Organization& o, const AuditEvent& audit) {
  SRM_TRY(RequireId(o.id, "organization"));
  return WriteOne(audit,
                  "INSERT INTO organizations (id, code, name) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
                  o.id, o.code, o.name);
}

Result<std::vector<Organization>> SqliteStore::ListOrganizations() {
  return ReadAll<Organization>("SELECT id, code, name FROM organizations ORDER BY name, id", ReadOrganization);
}

Status SqliteStore::PutRegion(const Region& r, const AuditEvent& audit) {
  SRM_TRY(RequireId(r.id, "region"));
  return WriteOne(audit,
                  "INSERT INTO regions (id, name) VALUES (?1, ?2) "
                  "ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                  r.id, r.name);
}

Result<std::vector<Region>> SqliteStore::ListRegions() {
  return ReadAll<Region>("SELECT id, name FROM regions ORDER BY name, id", ReadRegion);
}

Status SqliteStore::PutCountry(const Country& c, const AuditEvent& audit) {
  SRM_TRY(RequireId(c.id, "country"));
  return WriteOne(audit,
                  "INSERT INTO countries (id, region_id, iso2, name) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (id) DO UPDATE SET region_id = excluded.region_id, iso2 = excluded.iso2, "
                  "name = excluded.name",
                  c.id, NullIfEmpty{c.region_id}, c.iso2, c.name);
}

Result<std::vector<Country>> SqliteStore::ListCountries() {
  return ReadAll<Country>("SELECT id, region_id, iso2, name FROM countries ORDER BY name, id", ReadCountry);
}

Status SqliteStore::PutArea(const Area& a, const AuditEvent& audit) {
  SRM_TRY(RequireId(a.id, "area"));
  return WriteOne(audit,
                  "INSERT INTO areas (id, country_id, name, geometry) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (id) DO UPDATE SET country_id = excluded.country_id, name = excluded.name, "
                  "geometry = excluded.geometry",
                  a.id, NullIfEmpty{a.country_id}, a.name, a.geometry);
}

Result<std::optional<Area>> SqliteStore::GetArea(const std::string& id) {
  return ReadOne<Area>("SELECT id, country_id, name, geometry FROM areas WHERE id = ?1", ReadArea, id);
}

Result<std::vector<Area>> SqliteStore::ListAreas(const std::string& country_id, bool with_geometry) {
  // Geometry can be large: leave it out of the row unless asked for.
  const std::string_view columns = with_geometry ? "SELECT id, country_id, name, geometry FROM areas"
                                                 : "SELECT id, country_id, name, '' FROM areas";
  WhereClause where;
  if (!country_id.empty()) where.Add("country_id = ?", country_id);
  auto reader = pool_.Reader();
  SRM_ASSIGN(statement, reader->Prepare(std::string(columns) + where.Sql() + " ORDER BY name, id"));
  BindValues(statement, where.values());
  return CollectRows<Area>(statement, ReadArea);
}

Status SqliteStore::PutLocation(const Location& l, const AuditEvent& audit) {
  SRM_TRY(RequireId(l.id, "location"));
  return WriteOne(audit,
                  "INSERT INTO locations (id, area_id, name, kind, lat, lon) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                  "ON CONFLICT (id) DO UPDATE SET area_id = excluded.area_id, name = excluded.name, "
                  "kind = excluded.kind, lat = excluded.lat, lon = excluded.lon",
                  l.id, NullIfEmpty{l.area_id}, l.name, l.kind, l.lat, l.lon);
}

Result<std::vector<Location>> SqliteStore::ListLocations(const std::string& area_id) {
  if (area_id.empty())
    return ReadAll<Location>("SELECT id, area_id, name, kind, lat, lon FROM locations ORDER BY name, id",
                             ReadLocation);
  return ReadAll<Location>(
      "SELECT id, area_id, name, kind, lat, lon FROM locations WHERE area_id = ?1 ORDER BY name, id",
      ReadLocation, area_id);
}

Status SqliteStore::PutProgramme(const Programme& p, const AuditEvent& audit) {
  SRM_TRY(RequireId(p.id, "programme"));
  return WriteOne(audit,
                  "INSERT INTO programmes (id, organization_id, area_id, name, activity, pc, international, "
                  "national, on_mission) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                  "ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, "
                  "area_id = excluded.area_id, name = excluded.name, activity = excluded.activity, "
                  "pc = excluded.pc, international = excluded.international, national = excluded.national, "
                  "on_mission = excluded.on_mission",
                  p.id, NullIfEmpty{p.organization_id}, NullIfEmpty{p.area_id}, p.name, p.activity, p.pc,
                  p.international, p.national, p.on_mission);
}

Result<std::vector<Programme>> SqliteStore::ListProgrammes(const std::string& area_id) {
  constexpr std::string_view kAll =
      "SELECT id, organization_id, area_id, name, activity, pc, international, national, on_mission "
      "FROM programmes ORDER BY name, id";
  constexpr std::string_view kInArea =
      "SELECT id, organization_id, area_id, name, activity, pc, international, national, on_mission "
      "FROM programmes WHERE area_id = ?1 ORDER BY name, id";
  if (area_id.empty()) return ReadAll<Programme>(kAll, ReadProgramme);
  return ReadAll<Programme>(kInArea, ReadProgramme, area_id);
}

// --- Users ---

Status SqliteStore::CreateUser(const User& u, const AuditEvent& audit) {
  SRM_TRY(RequireId(u.id, "user"));
  return WriteOne(audit,
                  "INSERT INTO users (id, username, display_name, organization_id, password_hash, grants, "
                  "disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  u.id, u.username, u.display_name, u.organization_id, u.password_hash,
                  GrantsToJson(u.grants), u.disabled, u.created_at);
}

Status SqliteStore::UpdateUser(const User& u, const AuditEvent& audit) {
  // created_at is the moment of creation and stays as stored.
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    SRM_ASSIGN(update, c.Prepare(
                           "UPDATE users SET username = ?2, display_name = ?3, organization_id = ?4, "
                           "password_hash = ?5, grants = ?6, disabled = ?7 WHERE id = ?1"));
    update.BindAll(u.id, u.username, u.display_name, u.organization_id, u.password_hash,
                   GrantsToJson(u.grants), u.disabled);
    SRM_TRY(update.Run());
    if (c.Changes() == 0) return NotFound("user " + u.id);
    if (!u.disabled) return {};
    // Disabled: every session and token ends now, so enabling the user again revives none.
    SRM_ASSIGN(end_sessions, c.Prepare("DELETE FROM sessions WHERE user_id = ?1"));
    end_sessions.BindAll(u.id);
    return end_sessions.Run();
  });
}

Status SqliteStore::SetPasswordHash(const std::string& user_id, const std::string& password_hash,
                                    const std::string& keep_session_id, const AuditEvent& audit) {
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    SRM_ASSIGN(update, c.Prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1"));
    update.BindAll(user_id, password_hash);
    SRM_TRY(update.Run());
    if (c.Changes() == 0) return NotFound("user " + user_id);
    SRM_ASSIGN(end_sessions,
               c.Prepare("DELETE FROM sessions WHERE user_id = ?1 AND (?2 = '' OR session_id <> ?2)"));
    end_sessions.BindAll(user_id, keep_session_id);
    return end_sessions.Run();
  });
}

Result<std::optional<User>> SqliteStore::GetUser(const std::string& id) {
  return ReadOne<User>(std::string(kUserColumns) + " WHERE id = ?1", ReadUser, id);
}

Result<std::optional<User>> SqliteStore::FindUserByName(const std::string& username) {
  // lower(username) is the expression of the unique index users_username_lower, which serves it.
  return ReadOne<User>(std::string(kUserColumns) + " WHERE lower(username) = lower(?1)", ReadUser, username);
}

Result<Page<User>> SqliteStore::ListUsers(const PageRequest& page) {
  // Ordered by username; the cursor is the last username of the page.
  WhereClause all;
  WhereClause after = all;
  if (!page.after.empty()) after.Add("username > ?", page.after);
  auto reader = pool_.Reader();
  return FetchPage<User>(*reader, {"SELECT COUNT(*) FROM users", kUserColumns, " ORDER BY username"}, all,
                         after, ClampLimit(page.limit), ReadUser,
                         [](const User& u) { return u.username; });
}

// --- Sessions and login throttling ---

Status SqliteStore::PutSessions(const std::vector<Session>& rows, const AuditEvent& audit) {
  for (const Session& s : rows)
    if (s.token_hash.empty()) return Invalid("missing_id", "a session needs a token hash", "token_hash");
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    for (const Session& s : rows) {
      // A sign-in racing a disable: the writer lock orders them, and a disabled user gets nothing.
      SRM_ASSIGN(user, c.Prepare("SELECT disabled FROM users WHERE id = ?1"));
      user.BindAll(s.user_id);
      SRM_ASSIGN(found, user.Step());
      if (found && user.Int(0) != 0) return Conflict("user_disabled", "the account is disabled");
      SRM_ASSIGN(insert, c.Prepare(
                             "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_ms, expires_ms, "
                             "session_id, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                             "ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, kind = excluded.kind, "
                             "csrf_token = excluded.csrf_token, created_ms = excluded.created_ms, "
                             "expires_ms = excluded.expires_ms, session_id = excluded.session_id, name = excluded.name"));
      insert.BindAll(s.token_hash, s.user_id, s.kind, s.csrf_token, s.created_ms, s.expires_ms, s.session_id, s.name);
      SRM_TRY(insert.Run());
    }
    return {};
  });
}

Result<std::optional<Session>> SqliteStore::FindSession(const std::string& token_hash) {
  return ReadOne<Session>(std::string(kSessionColumns) + " WHERE token_hash = ?1", ReadSession, token_hash);
}

Status SqliteStore::DeleteSession(const std::string& token_hash, const AuditEvent& audit) {
  // Deleting a session that is already gone succeeds (logging out twice is not an error).
  return WriteOne(audit,
                  "DELETE FROM sessions WHERE token_hash = ?1 OR session_id IN "
                  "(SELECT session_id FROM sessions WHERE token_hash = ?1 AND session_id <> '')",
                  token_hash);
}

Status SqliteStore::RevokeSession(const std::string& user_id, const std::string& session_id,
                                  const AuditEvent& audit) {
  if (session_id.empty()) return NotFound("session");
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    SRM_ASSIGN(revoke, c.Prepare("DELETE FROM sessions WHERE user_id = ?1 AND session_id = ?2"));
    revoke.BindAll(user_id, session_id);
    SRM_TRY(revoke.Run());
    if (c.Changes() == 0) return NotFound("session " + session_id);
    return {};
  });
}

Result<std::vector<Session>> SqliteStore::ListSessions(const std::string& user_id, const std::string& kind) {
  return ReadAll<Session>(std::string(kSessionColumns) +
                              " WHERE user_id = ?1 AND kind = ?2 ORDER BY created_ms, session_id",
                          ReadSession, user_id, kind);
}

Status SqliteStore::DeleteExpiredSessions(int64_t now_ms) {
  return Write({}, [&](Connection& c) -> Status {
    SRM_ASSIGN(purge, c.Prepare("DELETE FROM sessions WHERE expires_ms <= ?1"));
    purge.BindAll(now_ms);
    return purge.Run();
  });
}

Result<bool> SqliteStore::ReserveAttempt(const std::vector<AttemptCounter>& counters, const std::string& attempt_id,
                                         int64_t since_ms, int64_t at_ms) {
  bool reserved = false;
  // One BEGIN IMMEDIATE transaction: no other writer (thread or process) runs between the counts
  // and the inserts.
  SRM_TRY(Write({}, [&](Connection& c) -> Status {
    reserved = false;
    for (const AttemptCounter& counter : counters) {
      SRM_ASSIGN(count, c.Prepare("SELECT COUNT(*) FROM login_attempts WHERE scope = ?1 AND subject = ?2 "
                                  "AND at_ms >= ?3"));
      count.BindAll(counter.scope, counter.subject, since_ms);
      SRM_ASSIGN(has_row, count.Step());
      if (has_row && count.Int(0) >= counter.limit) return {};
    }
    for (const AttemptCounter& counter : counters) {
      SRM_ASSIGN(insert, c.Prepare("INSERT INTO login_attempts (scope, subject, attempt_id, at_ms) "
                                   "VALUES (?1, ?2, ?3, ?4)"));
      insert.BindAll(counter.scope, counter.subject, attempt_id, at_ms);
      SRM_TRY(insert.Run());
    }
    reserved = true;
    return {};
  }));
  return reserved;
}

Status SqliteStore::ReleaseAttempt(const std::string& attempt_id) {
  return Write({}, [&](Connection& c) -> Status {
    SRM_ASSIGN(release, c.Prepare("DELETE FROM login_attempts WHERE attempt_id = ?1"));
    release.BindAll(attempt_id);
    return release.Run();
  });
}

Status SqliteStore::SettleAttempt(const std::string& attempt_id) {
  return Write({}, [&](Connection& c) -> Status {
    SRM_ASSIGN(settle, c.Prepare("UPDATE login_attempts SET settled = 1 WHERE attempt_id = ?1"));
    settle.BindAll(attempt_id);
    return settle.Run();
  });
}

Result<int> SqliteStore::CountFailures(const std::string& scope, const std::string& subject, int64_t since_ms,
                                       int64_t unsettled_before_ms) {
  SRM_ASSIGN(count, ReadOne<int64_t>("SELECT COUNT(*) FROM login_attempts WHERE scope = ?1 AND subject = ?2 "
                                     "AND at_ms >= ?3 AND (settled = 1 OR at_ms < ?4)",
                                     [](const Statement& s) { return s.Int(0); }, scope, subject, since_ms,
                                     unsettled_before_ms));
  return static_cast<int>(count.value_or(0));
}

Result<int> SqliteStore::CountAttempts(const std::string& scope, const std::string& subject, int64_t since_ms) {
  SRM_ASSIGN(count, ReadOne<int64_t>("SELECT COUNT(*) FROM login_attempts WHERE scope = ?1 AND subject = ?2 "
                                     "AND at_ms >= ?3",
                                     [](const Statement& s) { return s.Int(0); }, scope, subject, since_ms));
  return static_cast<int>(count.value_or(0));
}

Status SqliteStore::PruneAttempts(int64_t before_ms) {
  return Write({}, [&](Connection& c) -> Status {
    SRM_ASSIGN(prune, c.Prepare("DELETE FROM login_attempts WHERE at_ms < ?1"));
    prune.BindAll(before_ms);
    return prune.Run();
  });
}

// --- Methodology packs ---

Status SqliteStore::InstallMethod(const MethodRecord& m, bool activate, const AuditEvent& audit) {
  if (m.version.empty()) return Invalid("missing_version", "a method pack needs a version", "version");
  // installed_at is the caller's when given, else now.
  const std::string installed_at = m.installed_at.empty() ? Now() : m.installed_at;
  return Write(std::span(&audit, 1), [&](Connection& c) -> Status {
    if (activate) {
      SRM_ASSIGN(deactivate, c.Prepare("UPDATE methods SET active = 0 WHERE active = 1"));
      SRM_TRY(deactivate.Run());
    }
    SRM_ASSIGN(insert,
               c.Prepare("INSERT INTO methods (version, json, active, installed_at) VALUES (?1, ?2, ?3, ?4)"));
    insert.BindAll(m.version, m.json, activate, installed_at);
    return insert.Run();
  });
}

Result<std::optional<MethodRecord>> SqliteStore::ActiveMethod() {
  return ReadOne<MethodRecord>("SELECT version, json, active, installed_at FROM methods WHERE active = 1",
                               ReadMethod);
}

Result<std::optional<MethodRecord>> SqliteStore::GetMethod(const std::string& version) {
  return ReadOne<MethodRecord>("SELECT version, json, active, installed_at FROM methods WHERE version = ?1",
                               ReadMethod, version);
}

Result<std::vector<MethodRecord>> SqliteStore::ListMethods() {
  return ReadAll<MethodRecord>(
      "SELECT version, json, active, installed_at FROM methods ORDER BY installed_at, version", ReadMethod);
}

// --- SRAs ---

Status SqliteStore::Write(const std::vector<SraWrite>& writes, const std::vector<DocWrite>& docs,
                          const std::vector<AuditEvent>& audit) {
  for (const SraWrite& write : writes) {
    SRM_TRY(RequireId(write.row.id, "SRA"));
    if (write.expected_revision < 0)
      return Invalid("bad_revision", "expected_revision must be 0 (insert) or the stored revision",
                     "revision");
  }
  for (const DocWrite& write : docs) {
    SRM_TRY(RequireId(write.row.id, "document"));
    if (write.row.kind.empty()) return Invalid("missing_kind", "a document needs a kind", "kind");
    if (write.expected_revision < 0)
      return Invalid("bad_revision", "expected_revision must be 0 (insert) or the stored revision",
                     "revision");
  }
  return Write(audit, [&](Connection& c) -> Status {
    SRM_TRY(WriteDocRows(c, docs));
    for (const SraWrite& write : writes) {
      const SraRow& r = write.row;
      const int64_t revision = write.expected_revision + 1;
      if (write.expected_revision == 0) {
        SRM_ASSIGN(insert, c.Prepare(
                               "INSERT INTO sras (id, series_id, version, kind, title, area_id, country_id, "
                               "organization_id, status, method_version, overall_residual, review_due, "
                               "created_at, updated_at, revision, doc) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"));
        insert.BindAll(r.id, r.series_id, r.version, r.kind, r.title, r.area_id, r.country_id,
                       r.organization_id, r.status, r.method_version, r.overall_residual, r.review_due,
                       r.created_at, r.updated_at, revision, r.doc);
        SRM_TRY(insert.Run());
        continue;
      }
      SRM_ASSIGN(update, c.Prepare(
                             "UPDATE sras SET series_id = ?2, version = ?3, kind = ?4, title = ?5, area_id = ?6, "
                             "country_id = ?7, organization_id = ?8, status = ?9, method_version = ?10, "
                             "overall_residual = ?11, review_due = ?12, created_at = ?13, updated_at = ?14, "
                             "revision = ?15, doc = ?16 WHERE id = ?1 AND revision = ?17"));
      update.BindAll(r.id, r.series_id, r.version, r.kind, r.title, r.area_id, r.country_id, r.organization_id,
                     r.status, r.method_version, r.overall_residual, r.review_due, r.created_at, r.updated_at,
                     revision, r.doc, write.expected_revision);
      SRM_TRY(update.Run());
      if (c.Changes() == 0)
        return Conflict("stale_revision", "SRA " + r.id + " is not at revision " +
                                              std::to_string(write.expected_revision) +
                                              " (changed by someone else, or missing)");
    }
    return {};
  });
}

Result<std::optional<DocRow>> SqliteStore::GetDoc(const std::string& kind, const std::string& id) {
  return ReadOne<DocRow>(std::string(kDocListColumnsWithDoc) + " WHERE kind = ?1 AND id = ?2", ReadDocRow, kind, id);
}

Result<Page<DocRow>> SqliteStore::ListDocs(const DocFilter& filter, const PageRequest& page) {
  if (filter.kind.empty()) return Invalid("missing_kind", "a document listing needs a kind", "kind");
  WhereClause where;
  where.Add("kind = ?", filter.kind);
  if (!filter.org_id.empty()) where.Add("org_id = ?", filter.org_id);
  if (!filter.country_id.empty()) where.Add("country_id = ?", filter.country_id);
  if (!filter.area_id.empty()) where.Add("area_id = ?", filter.area_id);
  if (!filter.status.empty()) where.Add("status = ?", filter.status);
  if (!filter.ref_id.empty()) where.Add("ref_id = ?", filter.ref_id);
  if (!filter.owner_id.empty()) where.Add("owner_id = ?", filter.owner_id);
  if (!filter.statuses.empty())
    where.Add("status IN (SELECT value FROM json_each(?))", sqlite::JsonStringArray(filter.statuses));
  if (filter.restrict_areas || !filter.area_ids.empty())
    where.Add("area_id IN (SELECT value FROM json_each(?))", sqlite::JsonStringArray(filter.area_ids));
  if (filter.restrict_cross_org)
    where.Add("(org_id = '' OR org_id = ? OR area_id IN (SELECT value FROM json_each(?)))", filter.reader_org_id,
              sqlite::JsonStringArray(filter.cross_org_area_ids));
  if (!filter.active_on.empty())
    where.Add("starts_on <= ? AND (ends_on = '' OR ends_on >= ?)", filter.active_on, filter.active_on);
  if (!filter.overlaps_from.empty()) where.Add("(ends_on = '' OR ends_on >= ?)", filter.overlaps_from);
  if (!filter.overlaps_to.empty()) where.Add("starts_on <= ?", filter.overlaps_to);
  WhereClause after = where;
  if (!page.after.empty()) {
    const size_t bar = page.after.find('|');
    if (bar == std::string::npos) return Invalid("bad_cursor", "unrecognised page cursor", "after");
    std::string updated_at = page.after.substr(0, bar);
    after.Add("(updated_at < ? OR (updated_at = ? AND id < ?))", updated_at, updated_at, page.after.substr(bar + 1));
  }
  auto reader = pool_.Reader();
  return FetchPage<DocRow>(*reader,
                           {"SELECT COUNT(*) FROM docs", filter.with_doc ? kDocListColumnsWithDoc : kDocListColumns,
                            " ORDER BY updated_at DESC, id DESC"},
                           where, after, ClampLimit(page.limit), ReadDocRow, DocCursor);
}

Result<std::optional<SraRow>> SqliteStore::GetSra(const std::string& id) {
  return ReadOne<SraRow>(
      "SELECT id, series_id, version, kind, title, area_id, country_id, organization_id, status, "
      "method_version, overall_residual, review_due, created_at, updated_at, revision, doc "
      "FROM sras WHERE id = ?1",
      [](const Statement& s) {
        SraRow row = ReadSraColumns(s);
        row.doc = s.Text(15);
        return row;
      },
      id);
}

Result<Page<SraRow>> SqliteStore::ListSras(const SraFilter& filter, const PageRequest& page) {
  WhereClause where;
  if (!filter.area_id.empty()) where.Add("area_id = ?", filter.area_id);
  if (!filter.series_id.empty()) where.Add("series_id = ?", filter.series_id);
  if (!filter.country_id.empty()) where.Add("country_id = ?", filter.country_id);
  // Lists are bound as one JSON array, so the SQL text does not depend on their length.
  if (!filter.statuses.empty())
    where.Add("status IN (SELECT value FROM json_each(?))", sqlite::JsonStringArray(filter.statuses));
  if (filter.restrict_areas || !filter.area_ids.empty())
    where.Add("area_id IN (SELECT value FROM json_each(?))", sqlite::JsonStringArray(filter.area_ids));
  if (filter.restrict_cross_org)
    where.Add("(kind <> 'specific' OR organization_id = ? OR area_id IN (SELECT value FROM json_each(?)))",
              filter.reader_org_id, sqlite::JsonStringArray(filter.cross_org_area_ids));
  if (filter.restrict_status_areas)
    where.Add("status || '|' || area_id IN (SELECT value FROM json_each(?))",
              sqlite::JsonStringArray(filter.status_areas));

  WhereClause after = where;
  if (!page.after.empty()) {
    const size_t bar = page.after.find('|');
    if (bar == std::string::npos) return Invalid("bad_cursor", "unrecognised page cursor", "after");
    std::string updated_at = page.after.substr(0, bar);
    after.Add("(updated_at < ? OR (updated_at = ? AND id < ?))", updated_at, updated_at,
              page.after.substr(bar + 1));
  }
  auto reader = pool_.Reader();
  return FetchPage<SraRow>(*reader,
                           {"SELECT COUNT(*) FROM sras", kSraListColumns, " ORDER BY updated_at DESC, id DESC"},
                           where, after, ClampLimit(page.limit), ReadSraColumns, SraCursor);
}

// --- Audit log ---

Result<Page<AuditEntry>> SqliteStore::ListAudit(const std::string& object_id, const PageRequest& page) {
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
  auto reader = pool_.Reader();
  return FetchPage<AuditEntry>(*reader, {"SELECT COUNT(*) FROM audit_log", kAuditColumns, " ORDER BY seq"},
                               where, after, ClampLimit(page.limit), ReadAuditEntry,
                               [](const AuditEntry& e) { return std::to_string(e.seq); });
}

Result<AuditVerification> SqliteStore::VerifyAudit() {
  AuditChainVerifier verifier;
  SRM_TRY(ScanAudit([&](const AuditEntry& entry) {
    verifier.Add(entry);
    return true;
  }));
  return verifier.Result();
}

Status SqliteStore::ScanAudit(const std::function<bool(const AuditEntry&)>& visit) {
  // One statement: one consistent snapshot of the chain, streamed rather than loaded.
  auto reader = pool_.Reader();
  SRM_ASSIGN(rows, reader->Prepare(std::string(kAuditColumns) + " ORDER BY seq"));
  while (true) {
    SRM_ASSIGN(has_row, rows.Step());
    if (!has_row || !visit(ReadAuditEntry(rows))) return {};
  }
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& opts) {
  SRM_TRY(security::InitCrypto());
  if (opts.path.empty()) return Invalid("missing_path", "the SQLite database path is empty", "path");
  if (opts.readers < 0) return Invalid("bad_readers", "readers must be 0 or more", "readers");
  static const SystemClock kSystemClock;
  const Clock* clock = opts.clock != nullptr ? opts.clock : &kSystemClock;

  SRM_ASSIGN(writer, Connection::Open(opts.path, ConnectionRole::kWriter, opts.busy_timeout_ms));
  // An in-memory database exists only in the connection that made it: no readers then.
  const int reader_count = IsInMemory(opts.path) ? 0 : opts.readers;
  std::vector<std::unique_ptr<Connection>> readers;
  readers.reserve(static_cast<size_t>(reader_count));
  for (int i = 0; i < reader_count; ++i) {
    SRM_ASSIGN(reader, Connection::Open(opts.path, ConnectionRole::kReader, opts.busy_timeout_ms));
    readers.push_back(std::move(reader));
  }
  return std::unique_ptr<Store>(
      std::make_unique<SqliteStore>(std::move(writer), std::move(readers), clock, opts.audit_anchor));
}

}  // namespace srm::store
