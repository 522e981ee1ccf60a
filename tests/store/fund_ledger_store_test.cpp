// Issue 16: the emergency fund's ledger as the store keeps it (migration 0018), on SQLite and
// PostgreSQL: movements written with the fund's account at its revision and their audit entries
// in one transaction; the database refusing UPDATE and DELETE of ledger rows (and REPLACE,
// TRUNCATE); a stale account revision refused so two racing movements cannot both commit.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>

#include <nlohmann/json.hpp>

#include "domain/fund.h"
#include "domain/records/fund_records_json.h"
#include "store/audit_verify.h"
#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;
using domain::records::FundAccount;
using domain::records::FundContribution;
using domain::records::FundLedgerEntry;

bool SqliteExec(const std::string& path, const std::string& sql, std::string* error) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  *error = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close_v2(db);
  return rc == SQLITE_OK;
}

bool PgExec(const std::string& url, const std::string& sql, std::string* error) {
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* r = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  *error = ok ? "" : PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  return ok;
}

class FundLedgerStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      auto harness = std::make_unique<SqliteHarness>(&clock_, 4);
      SRM_ASSERT_OK(harness->Open());
      const std::string path = harness->path();
      exec_ = [path](const std::string& sql, std::string* e) { return SqliteExec(path, sql, e); };
      harness_ = std::move(harness);
    } else {
      auto database = PostgresDatabase::Create();
      if (!database && database.error().code == kPostgresNotConfigured) GTEST_SKIP() << database.error().message;
      ASSERT_TRUE(database.has_value()) << ErrorText(database.error());
      auto harness = std::make_unique<PostgresHarness>(std::move(*database), &clock_, 4);
      SRM_ASSERT_OK(harness->Open());
      const std::string url = harness->url();
      exec_ = [url](const std::string& sql, std::string* e) { return PgExec(url, sql, e); };
      harness_ = std::move(harness);
    }
  }
  Store& store() { return harness_->store(); }

  // A contribution of `amount` written as service/money/fund_contributions.cpp writes it.
  Status Contribute(const std::string& id, int64_t amount, const FundAccount& account) {
    FundContribution c;
    c.id = id;
    c.donor_org_id = "";
    c.amount_minor = amount;
    c.currency = "USD";
    c.movement_id = "fmv_" + id;
    c.created_at = c.updated_at = "2026-03-01T10:00:00.000Z";
    FundLedgerEntry proto;
    proto.movement_id = c.movement_id;
    proto.contribution_id = id;
    proto.currency = "USD";
    proto.at = proto.created_at = proto.updated_at = c.created_at;
    proto.by = {"", "test"};
    const auto entries = domain::FundMovement("contribution", amount, proto);
    auto after = domain::ApplyFundEntries(account, entries);
    if (!after) return std::unexpected(after.error());
    WriteBatch batch;
    batch.records.push_back({AnyRecord(c), 0});
    batch.records.push_back({AnyRecord(*after), account.revision});
    for (const auto& e : entries) batch.records.push_back({AnyRecord(e), 0});
    const AuditEvent audit{"system", "test", "fund_manager", "fund.movement.contribution", "fund_movement",
                           c.movement_id, "", domain::records::ToJson(entries).dump(), ""};
    return store().Write(batch, {audit});
  }
  FundAccount Account() {
    auto a = store().GetFundAccount(domain::kFundAccountId);
    EXPECT_TRUE(a.has_value() && a->has_value());
    return a && *a ? **a : FundAccount{};
  }

  fakes::FakeClock clock_;
  std::unique_ptr<StoreHarness> harness_;
  std::function<bool(const std::string&, std::string*)> exec_;
};

TEST_P(FundLedgerStoreTest, MovementsAreWrittenWithTheAccountAndTheAuditChain) {
  // Migration 0018 opens the fund: one empty account, the two authorities of its terms.
  const FundAccount empty = Account();
  EXPECT_EQ(empty.available_minor, 0);
  EXPECT_EQ(empty.revision, 1);
  SRM_ASSERT_OK_AND_ASSIGN(authorities, store().ListFundAuthorities());
  ASSERT_EQ(authorities.size(), 2u);

  SRM_ASSERT_OK(Contribute("fco_a", 1'000, empty));
  const FundAccount one = Account();
  EXPECT_EQ(one.available_minor, 1'000);
  EXPECT_EQ(one.contributions_minor, 1'000);
  EXPECT_EQ(one.revision, 2);
  // A second writer that read the account before the first committed: refused, nothing written.
  auto stale = Contribute("fco_b", 500, empty);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, "stale_revision");
  SRM_ASSERT_OK_AND_ASSIGN(ledger, store().ListFundLedger({}, {100, ""}));
  EXPECT_EQ(ledger.total, 2);
  SRM_ASSERT_OK_AND_ASSIGN(from_ledger, domain::FundAccountFromLedger(ledger.items));
  EXPECT_EQ(from_ledger.available_minor, one.available_minor);
  // The movement is in the audit chain, entry for entry.
  SRM_ASSERT_OK_AND_ASSIGN(audit, store().ListAudit("fmv_fco_a", {10, ""}));
  ASSERT_EQ(audit.items.size(), 1u);
  const auto body = nlohmann::json::parse(audit.items[0].event.after);
  std::vector<FundLedgerEntry> sorted = ledger.items;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  EXPECT_EQ(body, domain::records::ToJson(sorted));
  SRM_ASSERT_OK_AND_ASSIGN(verified, store().VerifyAudit());
  EXPECT_TRUE(verified.ok);
}

TEST_P(FundLedgerStoreTest, TheDatabaseRefusesToChangeOrRemoveLedgerEntries) {
  SRM_ASSERT_OK(Contribute("fco_a", 1'000, Account()));
  std::vector<std::string> attempts = {"UPDATE fund_ledger SET debit_minor = 5000",
                                       "DELETE FROM fund_ledger WHERE seq = 2"};
  if (GetParam() == "sqlite") {
    attempts.push_back(
        "INSERT OR REPLACE INTO fund_ledger SELECT id, movement_id, seq, at, kind, account, 9, 0, currency, "
        "request_id, contribution_id, reverses, by_id, by_username, created_at, updated_at, revision, reason "
        "FROM fund_ledger WHERE seq = 1");
  } else {
    attempts.push_back("TRUNCATE fund_ledger");
    attempts.push_back(
        "INSERT INTO fund_ledger SELECT * FROM fund_ledger WHERE seq = 1 ON CONFLICT (id) DO UPDATE SET debit_minor = 9");
  }
  for (const std::string& sql : attempts) {
    std::string error;
    EXPECT_FALSE(exec_(sql, &error)) << sql;
    EXPECT_NE(error.find("append-only"), std::string::npos) << sql << ": " << error;
  }
  SRM_ASSERT_OK_AND_ASSIGN(ledger, store().ListFundLedger({}, {100, ""}));
  ASSERT_EQ(ledger.total, 2);
  for (const auto& e : ledger.items) EXPECT_EQ(e.debit_minor + e.credit_minor, 1'000);
}

// Migration 0023: a correction is a new movement with its reason; the database itself holds a
// movement to one reversal (the service refuses a second first; this is the floor under it), and
// a reversed contribution keeps the correction's id.
TEST_P(FundLedgerStoreTest, AMovementIsReversedOnceOnlyAndTheCorrectionKeepsItsReason) {
  SRM_ASSERT_OK(Contribute("fco_a", 1'000, Account()));
  SRM_ASSERT_OK_AND_ASSIGN(original, store().ListFundLedger({.movement_id = "fmv_fco_a"}, {10, ""}));
  ASSERT_EQ(original.items.size(), 2u);
  std::sort(original.items.begin(), original.items.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  auto reverse = [&](const std::string& movement) -> Status {
    FundLedgerEntry proto;
    proto.movement_id = movement;
    proto.currency = "USD";
    proto.at = proto.created_at = proto.updated_at = "2026-03-02T10:00:00.000Z";
    proto.by = {"", "test"};
    proto.reason = "recorded 1,000 for 100";
    const FundAccount account = Account();
    const auto entries = domain::FundCorrection(original.items, proto);
    auto after = domain::ApplyFundEntries(account, entries);
    if (!after) return std::unexpected(after.error());
    WriteBatch batch;
    batch.records.push_back({AnyRecord(*after), account.revision});
    for (const auto& e : entries) batch.records.push_back({AnyRecord(e), 0});
    return store().Write(batch, {});
  };
  SRM_ASSERT_OK(reverse("fmv_fix_1"));
  EXPECT_EQ(Account().available_minor, 0);
  // Money enough for a second reversal: only the database stands in its way.
  SRM_ASSERT_OK(Contribute("fco_b", 1'000, Account()));
  auto twice = reverse("fmv_fix_2");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "already_corrected") << twice.error().message;
  EXPECT_EQ(Account().available_minor, 1'000);
  SRM_ASSERT_OK_AND_ASSIGN(fix, store().ListFundLedger({.reverses = "fmv_fco_a"}, {10, ""}));
  ASSERT_EQ(fix.total, 2);
  for (const auto& e : fix.items) {
    EXPECT_EQ(e.movement_id, "fmv_fix_1");
    EXPECT_EQ(e.reason, "recorded 1,000 for 100");
  }
  SRM_ASSERT_OK_AND_ASSIGN(any, store().ListFundLedger({.reverses_any = {"fmv_nothing", "fmv_fco_a"}}, {10, ""}));
  EXPECT_EQ(any.total, 2);
  // The contribution marked reversed, read back.
  SRM_ASSERT_OK_AND_ASSIGN(c, store().GetFundContribution("fco_a"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->reversed_by, "");
  FundContribution marked = *c;
  marked.reversed_by = "fmv_fix_1";
  WriteBatch batch;
  batch.records.push_back({AnyRecord(marked), c->revision});
  SRM_ASSERT_OK(store().Write(batch, {}));
  SRM_ASSERT_OK_AND_ASSIGN(read, store().GetFundContribution("fco_a"));
  EXPECT_EQ(read->reversed_by, "fmv_fix_1");
}

INSTANTIATE_TEST_SUITE_P(Backends, FundLedgerStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace srm::store
