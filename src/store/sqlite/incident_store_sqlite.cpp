// SQLite backend of store/incident_store.h: the incident tables in the main database file, on
// connections of their own, with their own schema version (incident_schema_version) so the main
// migration list stays untouched.
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <sqlite3.h>

#include "store/incident_store.h"
#include "store/sqlite/sqlite_connection.h"

namespace srm::store {
namespace {

using sqlite::Connection;
using sqlite::ConnectionRole;
using sqlite::NullIfEmpty;
using sqlite::SqlValue;
using sqlite::Statement;

constexpr int kSchemaVersion = 1;

// Version 1. Portable column types, as in the main migrations, so a PostgreSQL twin can follow.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE incidents (
  id             INTEGER PRIMARY KEY,
  source         TEXT NOT NULL,
  source_id      TEXT NOT NULL,
  day            INTEGER NOT NULL,
  date_precision INTEGER NOT NULL,
  lat            REAL,
  lon            REAL,
  country        TEXT NOT NULL,
  admin1         TEXT NOT NULL,
  location       TEXT NOT NULL,
  event_type     TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  actor_type     TEXT NOT NULL,
  category       TEXT NOT NULL,
  mapped         INTEGER NOT NULL,
  fatalities     INTEGER NOT NULL,
  aid_victims    INTEGER NOT NULL,
  un_victims     INTEGER NOT NULL,
  notes          TEXT NOT NULL,
  area_id        TEXT NOT NULL,
  precision      INTEGER NOT NULL,
  placement_note TEXT NOT NULL,
  import_id      TEXT NOT NULL,
  line           INTEGER NOT NULL,
  UNIQUE (source, source_id)
);
CREATE INDEX incidents_by_area ON incidents (area_id, day);
-- Only the unplaced incidents are listed per import: a partial index keeps bulk inserts fast.
CREATE INDEX incidents_unplaced_by_import ON incidents (import_id) WHERE area_id = '';
CREATE TABLE incident_refusals (
  id        INTEGER PRIMARY KEY,
  import_id TEXT NOT NULL,
  line      INTEGER NOT NULL,
  field     TEXT NOT NULL,
  reason    TEXT NOT NULL,
  excerpt   TEXT NOT NULL
);
CREATE INDEX incident_refusals_by_import ON incident_refusals (import_id, line);
)sql";

// The by-area indexes, also created by version 1. A bulk load drops them and builds them again
// from sorted data at its end (see BeginBulk); if the process dies in between, the next Migrate
// brings them back.
constexpr std::string_view kAreaIndexes = R"sql(
CREATE INDEX IF NOT EXISTS incidents_by_area ON incidents (area_id, day);
CREATE INDEX IF NOT EXISTS incidents_unplaced_by_import ON incidents (import_id) WHERE area_id = '';
)sql";
constexpr std::string_view kDropAreaIndexes = R"sql(
DROP INDEX IF EXISTS incidents_by_area;
DROP INDEX IF EXISTS incidents_unplaced_by_import;
)sql";

// Measured on the bench machine (bench/evidence.sh): keeping incidents_by_area up to date costs
// ~6 us per inserted row (random inserts into a B-tree), building it from scratch ~2.3 us per
// stored row. Deferring therefore pays when the load is at least as large as what is stored; below
// kBulkMinRows the difference is too small to leave the area queries without their index.
constexpr int64_t kBulkMinRows = 100000;

constexpr int kMaxPageLimit = 500;

constexpr std::string_view kInsertIncident =
    "INSERT INTO incidents (source, source_id, day, date_precision, lat, lon, country, admin1, location, event_type, "
    "sub_event_type, actor_type, category, mapped, fatalities, aid_victims, un_victims, notes, area_id, precision, "
    "placement_note, import_id, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?19, ?20, ?21, ?22, ?23) ON CONFLICT (source, source_id) DO NOTHING";

constexpr std::string_view kInsertRefusal =
    "INSERT INTO incident_refusals (import_id, line, field, reason, excerpt) VALUES (?1, ?2, ?3, ?4, ?5)";

Status RunTransaction(Connection& c, const std::function<Status()>& body) {
  SRM_TRY(c.Exec("BEGIN IMMEDIATE"));
  Status result = body();
  if (result) result = c.Exec("COMMIT");
  if (!result && c.InTransaction()) (void)c.Exec("ROLLBACK");
  return result;
}

bool ParseCursor(const std::string& s, int64_t* a, int64_t* b) {
  const size_t dot = s.find('.');
  if (dot == std::string::npos) return false;
  auto r1 = std::from_chars(s.data(), s.data() + dot, *a);
  auto r2 = std::from_chars(s.data() + dot + 1, s.data() + s.size(), *b);
  return r1.ec == std::errc() && r1.ptr == s.data() + dot && r2.ec == std::errc() && r2.ptr == s.data() + s.size();
}

class SqliteIncidentStore final : public IncidentStore {
 public:
  SqliteIncidentStore(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers)
      : writer_(std::move(writer)), readers_(std::move(readers)) {
    for (auto& r : readers_) free_.push_back(r.get());
  }
  ~SqliteIncidentStore() override {
    // Before the writer connection closes.
    sqlite3_finalize(insert_incident_);
    sqlite3_finalize(insert_refusal_);
  }

  Result<int> Migrate() override {
    std::lock_guard lock(writer_mu_);
    Connection& c = *writer_;
    int version = 0;
    SRM_TRY(RunTransaction(c, [&]() -> Status {
      SRM_TRY(c.Exec("CREATE TABLE IF NOT EXISTS incident_schema_version (version INTEGER NOT NULL)"));
      SRM_ASSIGN(q, c.Prepare("SELECT COALESCE(MAX(version), 0) FROM incident_schema_version"));
      SRM_ASSIGN(row, q.Step());
      version = row ? static_cast<int>(q.Int(0)) : 0;
      return {};
    }));
    if (version > kSchemaVersion)
      return Fail(ErrorKind::kInternal, "schema_too_new",
                  "the incident tables are at version " + std::to_string(version) + " but this build knows only " +
                      std::to_string(kSchemaVersion));
    if (version < 1) {
      SRM_TRY(RunTransaction(c, [&]() -> Status {
        // Checked again inside the write transaction: two processes migrating at once apply it once.
        SRM_ASSIGN(q, c.Prepare("SELECT COALESCE(MAX(version), 0) FROM incident_schema_version"));
        SRM_ASSIGN(row, q.Step());
        if (row && q.Int(0) >= 1) return {};
        SRM_TRY(c.Exec(kSchemaV1));
        SRM_ASSIGN(ins, c.Prepare("INSERT INTO incident_schema_version (version) VALUES (?1)"));
        ins.BindAll(1);
        return ins.Run();
      }));
      version = 1;
    }
    SRM_TRY(RunTransaction(c, [&] { return c.Exec(kAreaIndexes); }));
    return version;
  }

  Status BeginBulk(int64_t expected_rows) override {
    std::lock_guard lock(writer_mu_);
    Connection& c = *writer_;
    if (!indexes_deferred_ && expected_rows >= kBulkMinRows) {
      SRM_TRY(RunTransaction(c, [&]() -> Status {
        int64_t stored = 0;
        {  // finished before the DROP, which a pending read would block
          SRM_ASSIGN(q, c.Prepare("SELECT COALESCE(MAX(id), 0) FROM incidents"));
          SRM_ASSIGN(row, q.Step());
          stored = row ? q.Int(0) : 0;
        }
        if (stored > expected_rows) return {};
        SRM_TRY(c.Exec(kDropAreaIndexes));
        indexes_deferred_ = true;
        return {};
      }));
    }
    ++bulk_loads_;
    return {};
  }

  Status EndBulk() override {
    std::lock_guard lock(writer_mu_);
    if (bulk_loads_ > 0) --bulk_loads_;
    if (bulk_loads_ > 0 || !indexes_deferred_) return {};
    Connection& c = *writer_;
    SRM_TRY(RunTransaction(c, [&] { return c.Exec(kAreaIndexes); }));
    indexes_deferred_ = false;
    return {};
  }

  Status RemoveImport(const std::string& import_id) override {
    std::lock_guard lock(writer_mu_);
    Connection& c = *writer_;
    return RunTransaction(c, [&]() -> Status {
      for (const char* sql : {"DELETE FROM incidents WHERE import_id = ?1",
                              "DELETE FROM incident_refusals WHERE import_id = ?1"}) {
        SRM_ASSIGN(st, c.Prepare(sql));
        st.BindAll(import_id);
        SRM_TRY(st.Step());
      }
      return {};
    });
  }

  Result<BatchResult> AddBatch(const std::string& import_id, std::span<const evidence::Incident> incidents,
                               std::span<const evidence::RefusedRow> refused) override {
    std::lock_guard lock(writer_mu_);
    Connection& c = *writer_;
    BatchResult out;
    SRM_TRY(RunTransaction(c, [&]() -> Status {
      // The hot path of bulk imports: the statements are prepared once for the connection and
      // reset per row (values are always bound, never inlined).
      sqlite3* db = c.handle();
      auto text = [](sqlite3_stmt* st, int i, const std::string& v) {
        sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
      };
      if (!incidents.empty()) {
        SRM_ASSIGN(st, Cached(db, &insert_incident_, kInsertIncident, "prepare incident insert"));
        struct Reset {
          sqlite3_stmt* s;
          ~Reset() {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);  // no pointer into the batch outlives the call
          }
        } reset{st};
        for (const evidence::Incident& i : incidents) {
          text(st, 1, i.source);
          text(st, 2, i.source_id);
          sqlite3_bind_int64(st, 3, i.day);
          sqlite3_bind_int64(st, 4, i.date_precision);
          if (i.has_point) {
            sqlite3_bind_double(st, 5, i.lat);
            sqlite3_bind_double(st, 6, i.lon);
          } else {
            sqlite3_bind_null(st, 5);
            sqlite3_bind_null(st, 6);
          }
          text(st, 7, i.country);
          text(st, 8, i.admin1);
          text(st, 9, i.location);
          text(st, 10, i.event_type);
          text(st, 11, i.sub_event_type);
          text(st, 12, i.actor_type);
          text(st, 13, i.category);
          sqlite3_bind_int64(st, 14, i.mapped ? 1 : 0);
          sqlite3_bind_int64(st, 15, i.fatalities);
          sqlite3_bind_int64(st, 16, i.aid_victims);
          sqlite3_bind_int64(st, 17, i.un_victims);
          text(st, 18, i.notes);
          text(st, 19, i.area_id);
          sqlite3_bind_int64(st, 20, static_cast<int64_t>(i.precision));
          text(st, 21, i.placement_note);
          text(st, 22, import_id);
          sqlite3_bind_int64(st, 23, i.line);
          const int rc = sqlite3_step(st);
          if (rc != SQLITE_DONE)
            return std::unexpected(sqlite::ErrorFromSqlite(sqlite3_extended_errcode(db), sqlite3_errmsg(db),
                                                           "insert incident"));
          if (sqlite3_changes(db) > 0) ++out.inserted;
          else ++out.duplicates;
          sqlite3_reset(st);
        }
      }
      if (!refused.empty()) {
        SRM_ASSIGN(st, Cached(db, &insert_refusal_, kInsertRefusal, "prepare refusal insert"));
        struct Reset {
          sqlite3_stmt* s;
          ~Reset() {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
          }
        } reset{st};
        for (const evidence::RefusedRow& r : refused) {
          text(st, 1, import_id);
          sqlite3_bind_int64(st, 2, r.line);
          text(st, 3, r.field);
          text(st, 4, r.reason);
          text(st, 5, r.excerpt);
          const int rc = sqlite3_step(st);
          if (rc != SQLITE_DONE)
            return std::unexpected(sqlite::ErrorFromSqlite(sqlite3_extended_errcode(db), sqlite3_errmsg(db),
                                                           "insert refused row"));
          sqlite3_reset(st);
        }
      }
      return {};
    }));
    return out;
  }

  Result<Page<StoredIncident>> ListIncidents(const IncidentFilter& f, const PageRequest& page) override {
    std::string where = " WHERE 1 = 1";
    std::vector<SqlValue> values;
    auto add = [&](const char* condition, SqlValue v) {
      where += condition;
      values.push_back(std::move(v));
      where += std::to_string(values.size());
    };
    if (!f.area_id.empty()) add(" AND area_id = ?", f.area_id);
    if (f.unplaced_only) where += " AND area_id = ''";
    if (f.from_day != INT32_MIN) add(" AND day >= ?", static_cast<int64_t>(f.from_day));
    if (f.to_day != INT32_MAX) add(" AND day <= ?", static_cast<int64_t>(f.to_day));
    if (!f.category.empty()) add(" AND category = ?", f.category);
    if (!f.import_id.empty()) add(" AND import_id = ?", f.import_id);
    auto reader = Reader();
    Page<StoredIncident> out;
    {
      SRM_ASSIGN(count, reader->Prepare("SELECT COUNT(*) FROM incidents" + where));
      for (size_t i = 0; i < values.size(); ++i) count.Bind(static_cast<int>(i + 1), values[i]);
      SRM_ASSIGN(row, count.Step());
      out.total = row ? count.Int(0) : 0;
    }
    std::string sql = where;
    std::vector<SqlValue> all = values;
    if (!page.after.empty()) {
      int64_t day = 0, id = 0;
      if (!ParseCursor(page.after, &day, &id)) return Invalid("invalid_value", "cursor is malformed", "cursor");
      all.push_back(day);
      all.push_back(day);
      all.push_back(id);
      const size_t n = all.size();
      sql += " AND (day < ?" + std::to_string(n - 2) + " OR (day = ?" + std::to_string(n - 1) + " AND id < ?" +
             std::to_string(n) + "))";
    }
    const int limit = std::clamp(page.limit, 1, kMaxPageLimit);
    all.push_back(static_cast<int64_t>(limit + 1));
    sql = "SELECT id, source, source_id, day, date_precision, lat IS NOT NULL, COALESCE(lat, 0), COALESCE(lon, 0), "
          "country, admin1, location, event_type, sub_event_type, actor_type, category, mapped, fatalities, "
          "aid_victims, un_victims, notes, area_id, precision, placement_note, import_id, line FROM incidents" +
          sql + " ORDER BY day DESC, id DESC LIMIT ?" + std::to_string(all.size());
    SRM_ASSIGN(q, reader->Prepare(sql));
    for (size_t i = 0; i < all.size(); ++i) q.Bind(static_cast<int>(i + 1), all[i]);
    for (;;) {
      SRM_ASSIGN(has, q.Step());
      if (!has) break;
      StoredIncident s;
      s.id = q.Int(0);
      evidence::Incident& i = s.incident;
      i.source = q.Text(1);
      i.source_id = q.Text(2);
      i.day = static_cast<int32_t>(q.Int(3));
      i.date_precision = static_cast<uint8_t>(q.Int(4));
      i.has_point = q.Int(5) != 0;
      i.lat = q.Real(6);
      i.lon = q.Real(7);
      i.country = q.Text(8);
      i.admin1 = q.Text(9);
      i.location = q.Text(10);
      i.event_type = q.Text(11);
      i.sub_event_type = q.Text(12);
      i.actor_type = q.Text(13);
      i.category = q.Text(14);
      i.mapped = q.Int(15) != 0;
      i.fatalities = static_cast<int32_t>(q.Int(16));
      i.aid_victims = static_cast<int32_t>(q.Int(17));
      i.un_victims = static_cast<int32_t>(q.Int(18));
      i.notes = q.Text(19);
      i.area_id = q.Text(20);
      i.precision = static_cast<evidence::Precision>(q.Int(21));
      i.placement_note = q.Text(22);
      s.import_id = q.Text(23);
      i.line = q.Int(24);
      out.items.push_back(std::move(s));
    }
    if (out.items.size() > static_cast<size_t>(limit)) {
      out.items.pop_back();
      const StoredIncident& last = out.items.back();
      out.next = std::to_string(last.incident.day) + "." + std::to_string(last.id);
    }
    return out;
  }

  Result<Page<StoredRefusal>> ListRefused(const std::string& import_id, const PageRequest& page) override {
    auto reader = Reader();
    Page<StoredRefusal> out;
    {
      SRM_ASSIGN(count, reader->Prepare("SELECT COUNT(*) FROM incident_refusals WHERE import_id = ?1"));
      count.BindAll(import_id);
      SRM_ASSIGN(row, count.Step());
      out.total = row ? count.Int(0) : 0;
    }
    int64_t after_line = -1, after_id = -1;
    if (!page.after.empty() && !ParseCursor(page.after, &after_line, &after_id))
      return Invalid("invalid_value", "cursor is malformed", "cursor");
    const int limit = std::clamp(page.limit, 1, kMaxPageLimit);
    SRM_ASSIGN(q, reader->Prepare("SELECT id, line, field, reason, excerpt FROM incident_refusals WHERE import_id = ?1 "
                                  "AND (line > ?2 OR (line = ?2 AND id > ?3)) ORDER BY line, id LIMIT ?4"));
    q.BindAll(import_id, after_line, after_id, static_cast<int64_t>(limit + 1));
    for (;;) {
      SRM_ASSIGN(has, q.Step());
      if (!has) break;
      StoredRefusal r;
      r.id = q.Int(0);
      r.import_id = import_id;
      r.row.line = q.Int(1);
      r.row.field = q.Text(2);
      r.row.reason = q.Text(3);
      r.row.excerpt = q.Text(4);
      out.items.push_back(std::move(r));
    }
    if (out.items.size() > static_cast<size_t>(limit)) {
      out.items.pop_back();
      out.next = std::to_string(out.items.back().row.line) + "." + std::to_string(out.items.back().id);
    }
    return out;
  }

  Status ScanArea(const std::string& area_id, int32_t from_day,
                  const std::function<void(const std::string&, const evidence::IndicatorEvent&)>& visit) override {
    auto reader = Reader();
    SRM_ASSIGN(q, reader->Prepare("SELECT category, day, fatalities, aid_victims, un_victims FROM incidents "
                                  "WHERE area_id = ?1 AND day >= ?2"));
    q.BindAll(area_id, static_cast<int64_t>(from_day));
    std::string category;
    for (;;) {
      SRM_ASSIGN(has, q.Step());
      if (!has) break;
      category = q.Text(0);
      visit(category, evidence::IndicatorEvent{static_cast<int32_t>(q.Int(1)), static_cast<int32_t>(q.Int(2)),
                                               static_cast<int32_t>(q.Int(3)), static_cast<int32_t>(q.Int(4))});
    }
    return {};
  }

  Result<std::vector<std::string>> AreasWithIncidents(int32_t from_day) override {
    auto reader = Reader();
    SRM_ASSIGN(q, reader->Prepare("SELECT DISTINCT area_id FROM incidents WHERE area_id <> '' AND day >= ?1"));
    q.BindAll(static_cast<int64_t>(from_day));
    std::vector<std::string> out;
    for (;;) {
      SRM_ASSIGN(has, q.Step());
      if (!has) break;
      out.push_back(q.Text(0));
    }
    return out;
  }

 private:
  // A reader borrowed for one call (the writer when there are no readers).
  class Lease {
   public:
    Lease(SqliteIncidentStore* s, Connection* c, std::unique_lock<std::mutex> w) : s_(s), c_(c), w_(std::move(w)) {}
    Lease(const Lease&) = delete;
    ~Lease() {
      if (s_ == nullptr) return;
      {
        std::lock_guard lock(s_->readers_mu_);
        s_->free_.push_back(c_);
      }
      s_->freed_.notify_one();
    }
    Connection* operator->() const { return c_; }

   private:
    SqliteIncidentStore* s_;
    Connection* c_;
    std::unique_lock<std::mutex> w_;
  };
  Lease Reader() {
    if (readers_.empty()) return Lease(nullptr, writer_.get(), std::unique_lock(writer_mu_));
    std::unique_lock lock(readers_mu_);
    freed_.wait(lock, [&] { return !free_.empty(); });
    Connection* c = free_.back();
    free_.pop_back();
    return Lease(this, c, {});
  }

  // Prepared once on the writer (under writer_mu_), on first use: the tables exist by then.
  static Result<sqlite3_stmt*> Cached(sqlite3* db, sqlite3_stmt** slot, std::string_view sql, const char* what) {
    if (*slot != nullptr) return *slot;
    if (int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, slot,
                                    nullptr);
        rc != SQLITE_OK) {
      sqlite3_finalize(*slot);
      *slot = nullptr;
      return std::unexpected(sqlite::ErrorFromSqlite(rc, sqlite3_errmsg(db), what));
    }
    return *slot;
  }

  std::unique_ptr<Connection> writer_;
  std::mutex writer_mu_;
  sqlite3_stmt* insert_incident_ = nullptr;
  sqlite3_stmt* insert_refusal_ = nullptr;
  int bulk_loads_ = 0;             // BeginBulk calls not yet ended (under writer_mu_)
  bool indexes_deferred_ = false;  // the by-area indexes are dropped until the last bulk load ends
  std::vector<std::unique_ptr<Connection>> readers_;
  std::mutex readers_mu_;
  std::condition_variable freed_;
  std::vector<Connection*> free_;
};

}  // namespace

Result<std::unique_ptr<IncidentStore>> OpenSqliteIncidentStore(const std::string& path, int readers) {
  if (path.empty()) return Invalid("missing_path", "the SQLite database path is empty", "path");
  const bool memory = path == ":memory:" || path.starts_with("file::memory:");
  SRM_ASSIGN(writer, Connection::Open(path, ConnectionRole::kWriter, 30000));
  // A bigger page cache keeps the unique (source, source_id) index in memory during bulk imports.
  SRM_TRY(writer->Exec("PRAGMA cache_size = -131072"));
  // A batch of 20,000 incidents is ~1,500 WAL pages, so the default (1,000 pages) checkpointed the
  // whole WAL into the database after every batch commit, writing each page twice. Checkpointing
  // every ~64 MB instead lets a checkpoint cover several batches (pages written again and again,
  // such as index pages, are copied once). Durability is unchanged: every COMMIT is still synced
  // to the WAL (synchronous = FULL on all connections); only the copy back into the main file is
  // grouped.
  SRM_TRY(writer->Exec("PRAGMA wal_autocheckpoint = 16384"));
  // Helper threads for SQLite's sorter: the by-area indexes rebuilt at the end of a bulk load
  // (EndBulk) are built from a sort that then uses the idle cores (2.7 s instead of 3.4 s for 1M
  // incidents on the 2-core bench machine).
  const unsigned cores = std::thread::hardware_concurrency();
  SRM_TRY(writer->Exec("PRAGMA threads = " + std::to_string(std::clamp(cores == 0 ? 1u : cores, 1u, 4u))));
  std::vector<std::unique_ptr<Connection>> pool;
  for (int i = 0; i < (memory ? 0 : readers); ++i) {
    SRM_ASSIGN(reader, Connection::Open(path, ConnectionRole::kReader, 30000));
    pool.push_back(std::move(reader));
  }
  return std::unique_ptr<IncidentStore>(std::make_unique<SqliteIncidentStore>(std::move(writer), std::move(pool)));
}

}  // namespace srm::store
