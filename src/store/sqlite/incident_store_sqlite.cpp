// SQLite backend of store/incident_store.h: the incident tables in the main database file, on
// connections of their own (the same pool type as the main store), with their own schema version
// (incident_schema_version) so the main migration list stays untouched. The queries are the shared
// ones of store/sql/incident_store_sql.h; here are the schema, the bulk insert on raw prepared
// statements, and the by-area indexes a large bulk load defers.
#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "store/sql/incident_store_sql.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_database.h"

namespace srm::store {
namespace {

using sqlite::Connection;
using sqlite::SqliteDatabase;

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


constexpr std::string_view kInsertRefusal =
    "INSERT INTO incident_refusals (import_id, line, field, reason, excerpt) VALUES (?1, ?2, ?3, ?4, ?5)";

// The insert of AddBatch: duplicates of a stored (source, source_id) are skipped and counted.
std::string InsertIncidentSql() {
  std::string sql = "INSERT INTO incidents (" + std::string(sql::kIncidentInsertColumns) + ") VALUES (";
  for (int i = 1; i <= sql::kIncidentInsertColumnCount; ++i) sql += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return sql + ") ON CONFLICT (source, source_id) DO NOTHING";
}

class SqliteIncidentStore final : public sql::SqlIncidentStore {
 public:
  explicit SqliteIncidentStore(std::unique_ptr<SqliteDatabase> db)
      : SqlIncidentStore(std::move(db), kSchemaV1), database_(static_cast<SqliteDatabase*>(&this->db())) {}
  ~SqliteIncidentStore() override {
    // Before the writer connection closes (with the base class).
    sqlite3_finalize(insert_incident_);
    sqlite3_finalize(insert_refusal_);
  }

  Status BeginBulk(int64_t expected_rows) override {
    std::lock_guard lock(bulk_mu_);
    if (!indexes_deferred_ && expected_rows >= kBulkMinRows) {
      SRM_TRY(database_->WriteOnConnection([&](Connection& c) -> Status {
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
    std::lock_guard lock(bulk_mu_);
    if (bulk_loads_ > 0) --bulk_loads_;
    if (bulk_loads_ > 0 || !indexes_deferred_) return {};
    SRM_TRY(database_->WriteOnConnection([&](Connection& c) { return c.Exec(kAreaIndexes); }));
    indexes_deferred_ = false;
    return {};
  }

  Result<BatchResult> AddBatch(const std::string& import_id, std::span<const evidence::Incident> incidents,
                               std::span<const evidence::RefusedRow> refused) override {
    BatchResult out;
    SRM_TRY(database_->WriteOnConnection([&](Connection& c) -> Status {
      out = BatchResult{};
      // The hot path of bulk imports: the statements are prepared once for the connection and
      // reset per row (values are always bound, never inlined).
      sqlite3* db = c.handle();
      auto text = [](sqlite3_stmt* st, int i, const std::string& v) {
        sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
      };
      if (!incidents.empty()) {
        SRM_ASSIGN(st, Cached(db, &insert_incident_, insert_incident_sql_, "prepare incident insert"));
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

 protected:
  // The by-area indexes a bulk load cut short (process gone before EndBulk) left out.
  Status AfterMigrate() override {
    return database_->WriteOnConnection([&](Connection& c) { return c.Exec(kAreaIndexes); });
  }

 private:
  // Prepared once on the writer (inside its write transaction), on first use: the tables exist by then.
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

  SqliteDatabase* database_;  // the base class's, with its raw connections
  const std::string insert_incident_sql_ = InsertIncidentSql();
  sqlite3_stmt* insert_incident_ = nullptr;  // used under the writer's lease only
  sqlite3_stmt* insert_refusal_ = nullptr;
  std::mutex bulk_mu_;
  int bulk_loads_ = 0;             // BeginBulk calls not yet ended (under bulk_mu_)
  bool indexes_deferred_ = false;  // the by-area indexes are dropped until the last bulk load ends
};

}  // namespace

Result<std::unique_ptr<IncidentStore>> OpenSqliteIncidentStore(const std::string& path, int readers) {
  if (path.empty()) return Invalid("missing_path", "the SQLite database path is empty", "path");
  SRM_ASSIGN(db, SqliteDatabase::Open(path, readers, 30000));
  SRM_TRY(db->OnWriter([](Connection& writer) -> Status {
    // A bigger page cache keeps the unique (source, source_id) index in memory during bulk imports.
    SRM_TRY(writer.Exec("PRAGMA cache_size = -131072"));
    // A batch of 20,000 incidents is ~1,500 WAL pages, so the default (1,000 pages) checkpointed the
    // whole WAL into the database after every batch commit, writing each page twice. Checkpointing
    // every ~64 MB instead lets a checkpoint cover several batches (pages written again and again,
    // such as index pages, are copied once). Durability is unchanged: every COMMIT is still synced
    // to the WAL (synchronous = FULL on all connections); only the copy back into the main file is
    // grouped.
    SRM_TRY(writer.Exec("PRAGMA wal_autocheckpoint = 16384"));
    // Helper threads for SQLite's sorter: the by-area indexes rebuilt at the end of a bulk load
    // (EndBulk) are built from a sort that then uses the idle cores (2.7 s instead of 3.4 s for 1M
    // incidents on the 2-core bench machine).
    const unsigned cores = std::thread::hardware_concurrency();
    return writer.Exec("PRAGMA threads = " + std::to_string(std::clamp(cores == 0 ? 1u : cores, 1u, 4u)));
  }));
  return std::unique_ptr<IncidentStore>(std::make_unique<SqliteIncidentStore>(std::move(db)));
}

}  // namespace srm::store
