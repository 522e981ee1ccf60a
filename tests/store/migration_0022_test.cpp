// Migration 0022 (src/store/migrations/0022_access_log_compact.*.sql): the SRA access log as 0016
// made it, holding batches written by the earlier server (45-character "acb-..." batch ids), is
// upgraded on both backends: every row is kept as it was, the batches still match their anchors
// in the audit chain, batches written afterwards (short ids) join them, and every guarantee holds
// on the new table: UPDATE, DELETE and REPLACE refused, one row per (batch_id, ordinal), rows
// edited behind the chain's back found by the verifier. On SQLite the table is WITHOUT ROWID.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>

#include "store/access_log.h"
#include "store/audit_verify.h"
#include "store/migration_test_support.h"
#include "store/postgres/pg_migrations.h"
#include "store/sqlite/sqlite_migrations.h"

namespace srm::store {
namespace {

using namespace testing_support;

// Raw SQL under the store, as someone with the file or the owner's credentials: true on success.
class Raw {
 public:
  Raw(const std::string& backend, const std::string& target) : sqlite_(backend == "sqlite") {
    if (sqlite_) {
      sqlite3_open_v2(target.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
      sqlite3_busy_timeout(db_, 5000);
    } else {
      pg_ = PQconnectdb(target.c_str());
    }
  }
  ~Raw() {
    if (sqlite_) sqlite3_close_v2(db_);
    else PQfinish(pg_);
  }
  bool Exec(const std::string& sql) {
    if (sqlite_) {
      char* message = nullptr;
      const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
      error_ = message != nullptr ? message : "";
      sqlite3_free(message);
      return rc == SQLITE_OK;
    }
    PGresult* r = PQexec(pg_, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    error_ = ok ? "" : PQerrorMessage(pg_);
    PQclear(r);
    return ok;
  }
  const std::string& error() const { return error_; }

 private:
  bool sqlite_;
  sqlite3* db_ = nullptr;
  PGconn* pg_ = nullptr;
  std::string error_;
};

// The migration `version`'s SQL for `backend`, as compiled into the store.
std::string MigrationSql(const std::string& backend, int version) {
  const auto all = backend == "sqlite" ? sqlite::SqliteMigrations() : postgres::PostgresMigrations();
  const auto it = std::find_if(all.begin(), all.end(), [&](const sql::Migration& m) { return m.version == version; });
  return it == all.end() ? std::string() : std::string(it->sql);
}

AccessEntry Row(const std::string& batch, int ordinal, const std::string& at, const std::string& user,
                const std::string& sra, const std::string& kind = "read") {
  return AccessEntry{batch, ordinal, at, "usr_" + user, user, sra, 2, kind, kind == "read" ? "json" : "pdf", "",
                     "192.0.2.7", "req-" + std::to_string(ordinal)};
}

Status Append(Store& st, const std::string& batch, const std::vector<AccessEntry>& rows) {
  const AuditEvent anchor{"system", "access-log", "system", kAccessBatchAction, kAccessBatchObject, batch, "",
                          AccessBatchAnchorJson(rows.size(), AccessBatchHash(batch, rows)), ""};
  return st.AppendAccessBatch(rows, anchor);
}

// Batch ids as service/access_log.cpp made them before 0022.
const std::string kOld1 = "acb-1767603600000-0000000001-0123456789abcdef";
const std::string kOld2 = "acb-1767690000000-0000000002-fedcba9876543210";

std::vector<AccessEntry> OldBatch1() {
  return {Row(kOld1, 0, "2026-01-05T10:00:00.000Z", "ana", "sra_a"),
          Row(kOld1, 1, "2026-01-05T10:00:01.000Z", "ben", "sra_a", "document"),
          Row(kOld1, 2, "2026-01-05T10:00:01.000Z", "ana", "sra_b")};
}
std::vector<AccessEntry> OldBatch2() { return {Row(kOld2, 0, "2026-01-06T09:00:00.000Z", "ana", "sra_a")}; }

bool HasFinding(const AnchoredVerification& v, const std::string& reason) {
  return std::any_of(v.findings.begin(), v.findings.end(), [&](const AuditFinding& f) { return f.reason == reason; });
}

class Migration0022Test : public ::testing::TestWithParam<std::string> {};

TEST_P(Migration0022Test, AccessRowsWrittenBeforeItAreKeptAndStillVerify) {
  const std::string backend = GetParam();
  MigrationTarget db(backend);
  if (!db.ok() && backend == "postgres") GTEST_SKIP() << db.error();
  ASSERT_TRUE(db.ok()) << db.error();
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    ASSERT_GE(version, 22);
  }
  // The access log as 0016 left it: its table made again by 0016's own SQL, 0022 not applied.
  const std::string m16 = MigrationSql(backend, 16);
  ASSERT_NE(m16.find("CREATE TABLE sra_access_log"), std::string::npos);
  db.Exec(backend == "sqlite" ? "DROP TABLE sra_access_log"
                              : "DROP TABLE sra_access_log; DROP FUNCTION sra_access_log_append_only()");
  db.Exec(m16);
  db.Forget(22);
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK(Append(*st, kOld1, OldBatch1()));
    SRM_ASSERT_OK(Append(*st, kOld2, OldBatch2()));
    SRM_ASSERT_OK_AND_ASSIGN(before, VerifyAnchoredAudit(*st, CheckpointSources{}));
    ASSERT_TRUE(before.ok);
  }
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    EXPECT_GE(version, 22);

    // Every row as it was, newest first; the batches still match their anchors.
    SRM_ASSERT_OK_AND_ASSIGN(all, st->ListAccess(AccessFilter{}, {}));
    ASSERT_EQ(all.items.size(), 4u);
    EXPECT_EQ(all.items[0], OldBatch2()[0]);
    EXPECT_EQ(all.items[1], OldBatch1()[2]);  // same time as ordinal 1: the higher ordinal first
    EXPECT_EQ(all.items[2], OldBatch1()[1]);
    EXPECT_EQ(all.items[3], OldBatch1()[0]);
    SRM_ASSERT_OK_AND_ASSIGN(by_sra, st->ListAccess(AccessFilter{.sra_id = "sra_a"}, PageRequest{2, ""}));
    EXPECT_EQ(by_sra.total, 3);
    ASSERT_EQ(by_sra.items.size(), 2u);
    SRM_ASSERT_OK_AND_ASSIGN(rest, st->ListAccess(AccessFilter{.sra_id = "sra_a"}, PageRequest{2, by_sra.next}));
    ASSERT_EQ(rest.items.size(), 1u);
    EXPECT_EQ(rest.items[0], OldBatch1()[0]);
    SRM_ASSERT_OK_AND_ASSIGN(after, VerifyAnchoredAudit(*st, CheckpointSources{}));
    EXPECT_TRUE(after.ok) << (after.first() ? after.first()->detail : "");

    // A batch written afterwards, with a short id, joins them.
    const std::string fresh = "b0VxYz1a2B3c4D";
    SRM_ASSERT_OK(Append(*st, fresh, {Row(fresh, 0, "2026-01-07T08:00:00.000Z", "cy", "sra_a")}));
    SRM_ASSERT_OK_AND_ASSIGN(three, VerifyAnchoredAudit(*st, CheckpointSources{}));
    EXPECT_TRUE(three.ok) << (three.first() ? three.first()->detail : "");
    // (batch_id, ordinal) stays unique: writing a row again fails, and the batch is unchanged.
    EXPECT_FALSE(Append(*st, fresh, {Row(fresh, 0, "2026-01-07T08:00:00.000Z", "eve", "sra_a")}).has_value());
    SRM_ASSERT_OK_AND_ASSIGN(count, st->ListAccess(AccessFilter{}, {}));
    EXPECT_EQ(count.total, 5);
  }

  // The database still refuses to change, replace or remove a row, old or new.
  Raw raw(backend, db.target());
  std::vector<std::string> attempts = {"UPDATE sra_access_log SET user_name = 'mallory'",
                                       "DELETE FROM sra_access_log WHERE batch_id = '" + kOld2 + "'",
                                       "DELETE FROM sra_access_log WHERE batch_id LIKE 'b%'"};
  const std::string again = "INTO sra_access_log VALUES ('" + kOld2 +
                            "', 0, 'x', 'u', 'mallory', 'sra_a', 1, 'read', 'json', '', '', '')";
  if (backend == "sqlite") {
    attempts.push_back("INSERT OR REPLACE " + again);
    attempts.push_back("REPLACE " + again);
  } else {
    attempts.push_back("TRUNCATE sra_access_log");
    attempts.push_back("INSERT " + again + " ON CONFLICT (batch_id, ordinal) DO UPDATE SET user_name = 'mallory'");
  }
  for (const std::string& sql : attempts) {
    EXPECT_FALSE(raw.Exec(sql)) << sql;
    EXPECT_NE(raw.error().find("append-only"), std::string::npos) << sql << ": " << raw.error();
  }
  // A plain duplicate is refused by the key (and, on SQLite, first by the no-replace trigger).
  EXPECT_FALSE(raw.Exec("INSERT " + again)) << "a second row " << kOld2 << "/0";
  if (backend == "sqlite") {
    // WITHOUT ROWID: the key is the row's place, there is no rowid (nor a second copy of the key).
    EXPECT_FALSE(raw.Exec("SELECT rowid FROM sra_access_log"));
    EXPECT_TRUE(raw.Exec("DROP TRIGGER sra_access_log_no_update")) << raw.error();
  } else {
    EXPECT_TRUE(raw.Exec("ALTER TABLE sra_access_log DISABLE TRIGGER USER")) << raw.error();
  }
  // Edited behind the chain's back: the old batch no longer matches its anchor.
  ASSERT_TRUE(raw.Exec("UPDATE sra_access_log SET user_name = 'someone_else' WHERE batch_id = '" + kOld1 +
                       "' AND ordinal = 1"))
      << raw.error();
  SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
  SRM_ASSERT_OK_AND_ASSIGN(edited, VerifyAnchoredAudit(*st, CheckpointSources{}));
  EXPECT_FALSE(edited.ok);
  EXPECT_TRUE(HasFinding(edited, "access_batch_altered"));
}

INSTANTIATE_TEST_SUITE_P(store, Migration0022Test, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace srm::store
