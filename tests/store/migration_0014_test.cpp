// Migration 0014 (src/store/migrations/0014_measure_cost_minor.sql): a measure's decimal "cost"
// becomes integer "cost_minor" = round(cost x 100) in every SRA document, on both backends; the
// order of scenarios and measures is kept, nothing else in the document changes, the codec reads
// the result, running it again changes nothing, and the audit chain still verifies.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;
using nlohmann::json;

// A document as written before 0014: costs are decimals (or absent).
SraRow Before() {
  SraRow r = SampleSra("s_cost", "ser_cost", 1, "a1", "published", "2026-06-01T09:00:00.000Z");
  json m1{{"id", "m1"}, {"type", "prevention"}, {"description", "GPS"}, {"cost", 4000.5}, {"currency", "USD"}};
  json m2{{"id", "m2"}, {"type", "mitigation"}, {"description", "Kits"}, {"cost", 0.1}, {"currency", "EUR"}};
  json m3{{"id", "m3"}, {"type", "mitigation"}, {"description", "No cost given"}};
  json m4{{"id", "m4"}, {"type", "prevention"}, {"description", "Whole"}, {"cost", 25000}};
  r.doc = json{{"id", "s_cost"}, {"title", "Cost test"}, {"revision", 1},
               {"scenarios", json::array({{{"id", "sc1"}, {"title", "One"}, {"measures", json::array({m1, m2, m3})}},
                                          {{"id", "sc2"}, {"title", "Two"}, {"measures", json::array()}},
                                          {{"id", "sc3"}, {"title", "Three"}, {"measures", json::array({m4})}}})}}
              .dump();
  return r;
}

void ExpectConverted(Store& st) {
  SRM_ASSERT_OK_AND_ASSIGN(row, st.GetSra("s_cost"));
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->revision, 1) << "the amount is the same: the revision does not move";
  const json doc = json::parse(row->doc);
  ASSERT_EQ(doc["scenarios"].size(), 3u);
  const json& ms = doc["scenarios"][0]["measures"];
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0]["id"], "m1");
  EXPECT_EQ(ms[0]["cost_minor"], 400050);
  EXPECT_EQ(ms[0]["currency"], "USD");
  EXPECT_EQ(ms[1]["cost_minor"], 10);
  EXPECT_EQ(ms[1]["currency"], "EUR");
  EXPECT_EQ(ms[2], (json{{"id", "m3"}, {"type", "mitigation"}, {"description", "No cost given"}}))
      << "a measure without a cost is left as it is (read as 0)";
  for (const auto& m : ms) EXPECT_FALSE(m.contains("cost")) << m.dump();
  EXPECT_EQ(doc["scenarios"][1]["measures"].size(), 0u);
  EXPECT_EQ(doc["scenarios"][2]["measures"][0]["cost_minor"], 2500000);
  EXPECT_EQ(doc["scenarios"][2]["id"], "sc3");
  EXPECT_EQ(doc["title"], "Cost test");
  SRM_ASSERT_OK_AND_ASSIGN(verification, st.VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
}

// Runs raw SQL on the database under the store (to mark 0010 as not yet applied).
void SqliteExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}
void PostgresExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* r = PQexec(conn, sql.c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
}

constexpr const char* kForget0014 = "DELETE FROM schema_migrations WHERE version = 14";

class Migration0014Test : public ::testing::TestWithParam<std::string> {};

TEST_P(Migration0014Test, MeasureCostsBecomeIntegerMinorUnits) {
  fakes::FakeClock clock;
  std::function<Result<std::unique_ptr<Store>>()> open;
  std::function<void(const std::string&)> exec;
  TempDir dir;
  std::unique_ptr<PostgresDatabase> database;
  if (GetParam() == "sqlite") {
    const std::string path = (dir.path() / "srm.db").string();
    open = [&clock, path] {
      SqliteOptions o;
      o.path = path;
      o.clock = &clock;
      return OpenSqliteStore(o);
    };
    exec = [path](const std::string& sql) { SqliteExec(path, sql); };
  } else {
    SRM_ASSERT_OK_AND_ASSIGN(db, PostgresDatabase::Create());
    database = std::move(db);
    const std::string url = database->url();
    open = [&clock, url] {
      PostgresOptions o;
      o.url = url;
      o.clock = &clock;
      return OpenPostgresStore(o);
    };
    exec = [url](const std::string& sql) { PostgresExec(url, sql); };
  }
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, open());
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    ASSERT_GE(version, 14);
    SRM_ASSERT_OK(st->WriteSras({InsertOf(Before())},
                                {{"u_sp", "sp", "security_professional", "sra.create", "sra", "s_cost", "", "", ""}}));
  }
  exec(kForget0014);
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, open());
    SRM_ASSERT_OK(st->Migrate());
    ExpectConverted(*st);
  }
  // Again: there is no "cost" left to convert.
  exec(kForget0014);
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, open());
    SRM_ASSERT_OK(st->Migrate());
    ExpectConverted(*st);
  }
}

INSTANTIATE_TEST_SUITE_P(migration, Migration0014Test, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace srm::store
