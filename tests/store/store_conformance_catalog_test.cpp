// The store contract for the results chain and the universal price list (migration 0012), on
// every backend: whole-struct round trips (child lists in order), the list filters, versioning
// constraints (one current row per service code; one price list per year and version).
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

namespace rec = domain::records;

constexpr const char* kT = "2026-12-01T10:00:00.000Z";
constexpr const char* kT2 = "2026-12-02T10:00:00.000Z";

class CatalogStoreTest : public RecordKindStoreTest {
 protected:
  void SetUp() override {
    RecordKindStoreTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_b", "bob"), AuditOf("user.create", "user", "usr_b")));
  }


  static rec::SecurityService Service(const std::string& id, const std::string& code, int version, bool superseded) {
    rec::SecurityService s;
    s.id = id;
    s.code = code;
    s.name = "Clearance processing v" + std::to_string(version);
    s.description = "Processing a security clearance request";
    s.provider = "dss";
    s.unit = "per clearance";
    s.funding_source = "jointly_financed";
    s.version = version;
    s.superseded = superseded;
    s.created_by = {"usr_a", "alice"};
    s.created_at = s.updated_at = kT;
    return s;
  }

  static rec::PriceList List(const std::string& id, int year, int version, const std::string& status) {
    rec::PriceList l;
    l.id = id;
    l.year = year;
    l.currency = "USD";
    l.version = version;
    l.status = status;
    l.note = "universal price list";
    l.drafted_by = {"usr_a", "alice"};
    l.items = {{"SVC-CLR-01", 4500}, {"SVC-SRA-01", 1'250'000'000'000}, {"SVC-AAA-01", 0}};
    l.regional_factors = {{"cty_af", 1150}};
    l.arrangements = {{"outside_core_framework", 1250, "review §35"}, {"core", 1000, ""}};
    l.created_at = l.updated_at = kT;
    return l;
  }
};

auto Stored(auto r, int64_t revision = 1) {
  r.revision = revision;
  return r;
}

TEST_P(CatalogStoreTest, ServicesRoundTripAndOneVersionOfACodeIsCurrent) {
  const rec::SecurityService v1 = Service("svc_1", "SVC-CLR-01", 1, false);
  SRM_ASSERT_OK(Put(v1));
  EXPECT_EQ(*store().GetSecurityService("svc_1").value(), Stored(v1));
  // A second current row of the code is refused, whatever its version.
  auto twin = Put(Service("svc_2", "SVC-CLR-01", 2, false));
  ASSERT_FALSE(twin.has_value());
  EXPECT_EQ(twin.error().code, "service_version_exists");
  // Versioning: the old row superseded and the new one in one batch.
  rec::SecurityService old = v1;
  old.superseded = true;
  old.updated_at = kT2;
  rec::SecurityService v2 = Service("svc_2", "SVC-CLR-01", 2, false);
  v2.created_at = v2.updated_at = kT2;
  SRM_ASSERT_OK(store().WriteRecords({}, {{old, 1}, {v2, 0}}, {AuditOf("service.version", "service", "svc_2")}));
  EXPECT_EQ(*store().GetSecurityService("svc_1").value(), Stored(old, 2));
  // The same code and version twice is refused too.
  auto again = Put(Service("svc_3", "SVC-CLR-01", 2, true));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "service_version_exists");
  SRM_ASSERT_OK(Put(Service("svc_9", "SVC-SRA-01", 1, false)));
  auto current = store().ListSecurityServices({.current_only = true}, {50, ""}).value();
  ASSERT_EQ(current.total, 2);
  EXPECT_EQ(current.items[0].id, "svc_2");  // newest first: updated on the 2nd
  EXPECT_EQ(current.items[1].id, "svc_9");
  EXPECT_EQ(store().ListSecurityServices({.code = "SVC-CLR-01"}, {50, ""}).value().total, 2);
  EXPECT_EQ(store().ListSecurityServices({.code = "SVC-CLR-01", .current_only = true}, {50, ""}).value().total, 1);
  EXPECT_FALSE(store().GetSecurityService("svc_nope").value().has_value());
}

TEST_P(CatalogStoreTest, PriceListsRoundTripWholeWithTheirListsInOrder) {
  rec::PriceList draft = List("pl_1", 2027, 1, "draft");
  SRM_ASSERT_OK(Put(draft));
  EXPECT_EQ(*store().GetPriceList("pl_1").value(), Stored(draft));
  // Published: the publisher and the time are kept; the lists rewritten in their new order.
  rec::PriceList published = draft;
  published.status = "published";
  published.published_by = {"usr_b", "bob"};
  published.published_at = kT2;
  published.items = {{"SVC-AAA-01", 1}, {"SVC-CLR-01", 4600}};
  published.regional_factors.clear();
  published.updated_at = kT2;
  SRM_ASSERT_OK(Put(published, 1));
  EXPECT_EQ(*store().GetPriceList("pl_1").value(), Stored(published, 2));
  // A stale write changes nothing.
  auto stale = Put(draft, 1);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, "stale_revision");
  // A new version derived from it; the same (year, version) twice is refused.
  rec::PriceList next = List("pl_2", 2027, 2, "draft");
  next.derived_from_id = "pl_1";
  SRM_ASSERT_OK(Put(next));
  EXPECT_EQ(*store().GetPriceList("pl_2").value(), Stored(next));
  auto twin = Put(List("pl_3", 2027, 2, "draft"));
  ASSERT_FALSE(twin.has_value());
  EXPECT_EQ(twin.error().code, "price_list_version_exists");
  SRM_ASSERT_OK(Put(List("pl_4", 2028, 1, "draft")));
  // Filters; pages carry their child lists too.
  auto year = store().ListPriceLists({.year = 2027}, {50, ""}).value();
  ASSERT_EQ(year.total, 2);
  EXPECT_EQ(year.items[0], Stored(published, 2));  // newest first: updated on the 2nd
  EXPECT_EQ(store().ListPriceLists({.year = 2027, .status = "published"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListPriceLists({.status = "draft"}, {50, ""}).value().total, 2);
  EXPECT_EQ(store().ListPriceLists({}, {50, ""}).value().total, 3);
  EXPECT_EQ(store().ListPriceLists({.year = 2030}, {50, ""}).value().total, 0);
}

INSTANTIATE_TEST_SUITE_P(store, CatalogStoreTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
