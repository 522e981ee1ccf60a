// Opens databases written by the release before the decision record tables (schema version 5,
// fixtures/README.md), migrates them with the current store (0006 moves the documents into
// tables, 0007 their JSON lists into child tables) and finds every record: each kind's
// count equals the fixture's documents of that kind, and each record equals what its document
// decodes to with the codec (the row's columns giving id, revision, times and the "(row)"
// fields, as the release's adapter read them). The audit chain still verifies.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <sstream>
#include <variant>

#include "domain/records/decision_records_json.h"
#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;
namespace rec = domain::records;

const std::filesystem::path kFixtures = SRM_FIXTURE_DIR;

struct Expected {
  std::map<std::string, std::vector<AnyRecord>> by_kind;  // docs.kind -> records
};

template <typename T>
T Decode(sqlite3_stmt* s) {
  auto text = [&](int c) {
    const unsigned char* t = sqlite3_column_text(s, c);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  T r = rec::FromJson<T>(nlohmann::json::parse(text(8)));
  r.id = text(1);
  r.created_at = text(5);
  r.updated_at = text(6);
  r.revision = sqlite3_column_int64(s, 7);
  if constexpr (std::is_same_v<T, rec::PcAssessment>) {
    r.country_id = text(3);
    r.recorded_by_id = text(4);
  }
  if constexpr (std::is_same_v<T, rec::Notification>) {
    r.organization_id = text(2);
    r.user_id = text(4);
  }
  return r;
}

// The decision records the release kept as documents, read straight from the SQLite fixture (the
// PostgreSQL fixture is a copy of the same database).
Expected ReadExpected() {
  Expected out;
  sqlite3* db = nullptr;
  const std::string path = (kFixtures / "release-0005-sqlite.db").string();
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db,
                               "SELECT kind, id, org_id, country_id, owner_id, created_at, updated_at, revision, doc "
                               "FROM docs ORDER BY kind, id",
                               -1, &s, nullptr),
            SQLITE_OK);
  while (sqlite3_step(s) == SQLITE_ROW) {
    const std::string kind = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    AnyRecord r;
    if (kind == "clearance") r = Decode<rec::ClearanceRequest>(s);
    else if (kind == "clearance_leg") r = Decode<rec::ClearanceLeg>(s);
    else if (kind == "egs_decision") r = Decode<rec::EgsRecord>(s);
    else if (kind == "specific_sra_approval") r = Decode<rec::SpecificSraApproval>(s);
    else if (kind == "activity_decision") r = Decode<rec::ActivityDecisionRecord>(s);
    else if (kind == "pc_assessment") r = Decode<rec::PcAssessment>(s);
    else if (kind == "compliance_item") r = Decode<rec::ComplianceItem>(s);
    else if (kind == "notification") r = Decode<rec::Notification>(s);
    else continue;
    out.by_kind[kind].push_back(std::move(r));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// The stored record with the id of `expected`, of the same kind.
Result<std::optional<AnyRecord>> Find(Store& st, const AnyRecord& expected) {
  return std::visit(
      [&](const auto& e) -> Result<std::optional<AnyRecord>> {
        using T = std::decay_t<decltype(e)>;
        std::optional<T> found;
        if constexpr (std::is_same_v<T, rec::ClearanceRequest>) { SRM_ASSIGN(f, st.GetClearanceRequest(e.id)); found = f; }
        if constexpr (std::is_same_v<T, rec::ClearanceLeg>) { SRM_ASSIGN(f, st.GetClearanceLeg(e.id)); found = f; }
        if constexpr (std::is_same_v<T, rec::EgsRecord>) { SRM_ASSIGN(f, st.GetEgsRecord(e.id)); found = f; }
        if constexpr (std::is_same_v<T, rec::SpecificSraApproval>) { SRM_ASSIGN(f, st.GetSpecificSraApproval(e.id)); found = f; }
        if constexpr (std::is_same_v<T, rec::ActivityDecisionRecord>) { SRM_ASSIGN(f, st.GetActivityDecision(e.id)); found = f; }
        if constexpr (std::is_same_v<T, rec::PcAssessment>) { SRM_ASSIGN(f, st.GetPcAssessment(e.id)); found = f; }
        if constexpr (std::is_same_v<T, rec::ComplianceItem>) { SRM_ASSIGN(f, st.GetComplianceItem(e.id)); found = f; }
        if constexpr (std::is_same_v<T, rec::Notification>) { SRM_ASSIGN(f, st.GetNotification(e.id)); found = f; }
        if (!found) return std::optional<AnyRecord>();
        return std::optional<AnyRecord>(AnyRecord(*found));
      },
      expected);
}

// How many records of a docs kind the store lists (a PC assessment has no list: counted by id).
int64_t Count(Store& st, const std::string& kind, const std::vector<AnyRecord>& expected) {
  const PageRequest all{500, ""};
  if (kind == "clearance") return st.ListClearanceRequests({}, all).value().total;
  if (kind == "clearance_leg") return st.ListClearanceLegs({}, all).value().total;
  if (kind == "egs_decision") return st.ListEgsRecords({}, all).value().total;
  if (kind == "specific_sra_approval") return st.ListSpecificSraApprovals({}, all).value().total;
  if (kind == "activity_decision") return st.ListActivityDecisions({}, all).value().total;
  if (kind == "compliance_item") return st.ListComplianceItems({}, all).value().total;
  if (kind == "notification") return st.ListNotifications({}, all).value().total;
  int64_t n = 0;
  for (const auto& e : expected) n += Find(st, e).value().has_value() ? 1 : 0;
  return n;
}

void ExpectEveryRecord(Store& st) {
  const Expected expected = ReadExpected();
  ASSERT_EQ(expected.by_kind.size(), 8u) << "the fixture holds every decision kind";
  for (const auto& [kind, records] : expected.by_kind) {
    EXPECT_EQ(Count(st, kind, records), static_cast<int64_t>(records.size())) << kind;
    for (const AnyRecord& e : records) {
      SRM_ASSERT_OK_AND_ASSIGN(found, Find(st, e));
      ASSERT_TRUE(found.has_value()) << kind << " " << std::visit([](const auto& r) { return r.id; }, e);
      EXPECT_TRUE(*found == e) << kind << " " << std::visit([](const auto& r) { return r.id; }, e);
    }
  }
  SRM_ASSERT_OK_AND_ASSIGN(verification, st.VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 100);
}

class ReleaseFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReleaseFixtureTest, MigratesRelease0005AndFindsEveryDecisionRecord) {
  fakes::FakeClock clock;
  if (GetParam() == "sqlite") {
    TempDir dir;
    const auto path = dir.path() / "srm.db";
    std::filesystem::copy_file(kFixtures / "release-0005-sqlite.db", path);
    SqliteOptions options;
    options.path = path.string();
    options.clock = &clock;
    SRM_ASSERT_OK_AND_ASSIGN(st, OpenSqliteStore(options));
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    EXPECT_GE(version, 7);  // 0006 record tables, 0007 their lists' child tables
    ExpectEveryRecord(*st);
    return;
  }
  SRM_ASSERT_OK_AND_ASSIGN(database, PostgresDatabase::Create());
  {
    std::ifstream in(kFixtures / "release-0005-postgres.sql");
    std::stringstream sql;
    sql << in.rdbuf();
    PGconn* conn = PQconnectdb(database->url().c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* r = PQexec(conn, sql.str().c_str());
    const ExecStatusType status = PQresultStatus(r);
    EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << PQerrorMessage(conn);
    PQclear(r);
    PQfinish(conn);
  }
  PostgresOptions options;
  options.url = database->url();
  options.clock = &clock;
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, OpenPostgresStore(options));
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    EXPECT_GE(version, 7);  // 0006 record tables, 0007 their lists' child tables
    ExpectEveryRecord(*st);
  }
}

// Names end in /sqlite or /postgres: scripts/test.sh runs the PostgreSQL one in its second pass.
INSTANTIATE_TEST_SUITE_P(release, ReleaseFixtureTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace srm::store
