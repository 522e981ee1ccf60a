// The store contract for the local cost-shared security budget (migration 0013), on every
// backend: a whole-struct round trip with its four child lists in order, revisioned updates, the
// one-budget-per-country-and-year constraint and the list filters.
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

namespace rec = domain::records;

constexpr const char* kT = "2026-12-01T10:00:00.000Z";
constexpr const char* kT2 = "2026-12-02T10:00:00.000Z";

class BudgetStoreTest : public RecordKindStoreTest {
 protected:
  void SetUp() override {
    RecordKindStoreTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_b", "bob"), AuditOf("user.create", "user", "usr_b")));
    SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_1", "ser_1", 1, "are_kbl", "published", kT))}, {}));
    rec::PriceList l;
    l.id = "pl_1";
    l.year = 2027;
    l.currency = "USD";
    l.status = "published";
    l.items = {{"SVC-GRD-01", 123'457}};
    l.created_at = l.updated_at = kT;
    SRM_ASSERT_OK(Put(l));
  }


  static rec::Budget Draft(const std::string& id, int year) {
    rec::Budget b;
    b.id = id;
    b.country_id = "cty_af";
    b.year = year;
    b.currency = "USD";
    b.reference_date = "2026-12-01";
    b.status = "draft";
    b.minimum_num = 1;
    b.minimum_den = 200;
    b.decrease_num = 1;
    b.decrease_den = 4;
    b.drafted_by = {"usr_a", "alice"};
    b.headcounts = {{"org_undp", 40}};
    b.history = {{kT, "draft", "alice", "security_professional", ""}};
    b.created_at = b.updated_at = kT;
    return b;
  }
};

auto Stored(auto r, int64_t revision = 1) {
  r.revision = revision;
  return r;
}

TEST_P(BudgetStoreTest, BudgetsRoundTripWholeAndOnePerCountryAndYear) {
  const rec::Budget draft = Draft("bud_1", 2027);
  SRM_ASSERT_OK(Put(draft));
  EXPECT_EQ(*store().GetBudget("bud_1").value(), Stored(draft));
  // Lines, the approval and the frozen shares: every field and list comes back as written.
  rec::Budget approved = draft;
  approved.lines = {{"bln_1", "sra_1", "msr_1", "SVC-GRD-01", 3, "jointly_financed", "Guards, «night» shift", "pl_1",
                     123'457, 1'150, 425'927, {"usr_a", "alice"}, kT},
                    {"bln_2", "sra_1", "msr_2", "SVC-GRD-01", 1, "extrabudgetary", "", "pl_1", 123'457, 1'000,
                     123'457, {"usr_a", "alice"}, kT2}};
  approved.total_minor = 549'384;
  approved.status = "approved";
  approved.endorsed_by = {"usr_b", "bob"};
  approved.endorsed_at = kT2;
  approved.approved_by = {"usr_b", "bob"};
  approved.approved_at = kT2;
  approved.shares = {{"org_undp", 549'384, "headcount"}};
  approved.headcounts.push_back({"org_undp", 0});  // order is kept, duplicates are the service's business
  approved.history.push_back({kT2, "approve", "bob", "dss_desk", "ok"});
  approved.updated_at = kT2;
  SRM_ASSERT_OK(Put(approved, 1));
  EXPECT_EQ(*store().GetBudget("bud_1").value(), Stored(approved, 2));
  auto stale = Put(draft, 1);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, "stale_revision");
  // One budget per country and year.
  auto twin = Put(Draft("bud_2", 2027));
  ASSERT_FALSE(twin.has_value());
  EXPECT_EQ(twin.error().code, "budget_exists");
  SRM_ASSERT_OK(Put(Draft("bud_3", 2028)));
  // Filters; pages carry their child lists.
  auto all = store().ListBudgets({}, {50, ""}).value();
  ASSERT_EQ(all.total, 2);
  EXPECT_EQ(all.items[0], Stored(approved, 2));  // newest first: updated at kT2
  EXPECT_EQ(store().ListBudgets({.country_id = "cty_af", .status = "approved"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListBudgets({.year = 2028}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListBudgets({.countries = std::vector<std::string>{}}, {50, ""}).value().total, 0);
  EXPECT_EQ(store().ListBudgets({.countries = std::vector<std::string>{"cty_af"}}, {50, ""}).value().total, 2);
  EXPECT_FALSE(store().GetBudget("bud_nope").value().has_value());
}

INSTANTIATE_TEST_SUITE_P(store, BudgetStoreTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
