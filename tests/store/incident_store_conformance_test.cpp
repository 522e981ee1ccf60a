// The contract of store/incident_store.h, run against every backend (like store_conformance_test
// for store.h): batches are all-or-nothing and skip (and count) incidents already stored, imports
// are removed whole, lists page newest first (incidents) or in line order (refused rows) with
// stable cursors, and the area scans see what was stored. Backend-specific behaviour (SQLite's
// deferred indexes during bulk loads) is in incident_store_sqlite_test.cpp.
#include <gtest/gtest.h>

#include <climits>
#include <memory>
#include <set>

#include "store/incident_store.h"
#include "store/postgres/pg_incident_store.h"
#include "store_test_support.h"

namespace srm::store {
namespace {

using testing_support::ErrorText;
using testing_support::PostgresDatabase;
using testing_support::TempDir;

class IncidentHarness {
 public:
  virtual ~IncidentHarness() = default;
  virtual IncidentStore& store() = 0;
};

class SqliteIncidentHarness final : public IncidentHarness {
 public:
  static Result<std::unique_ptr<IncidentHarness>> Make(int readers) {
    auto harness = std::make_unique<SqliteIncidentHarness>();
    SRM_ASSIGN(store, OpenSqliteIncidentStore((harness->dir_.path() / "srm.db").string(), readers));
    harness->store_ = std::move(store);
    return std::unique_ptr<IncidentHarness>(std::move(harness));
  }
  IncidentStore& store() override { return *store_; }

 private:
  TempDir dir_;
  std::unique_ptr<IncidentStore> store_;
};

class PostgresIncidentHarness final : public IncidentHarness {
 public:
  static Result<std::unique_ptr<IncidentHarness>> Make(int connections) {
    SRM_ASSIGN(database, PostgresDatabase::Create());
    auto harness = std::make_unique<PostgresIncidentHarness>();
    PostgresOptions options;
    options.url = database->url();
    options.max_connections = connections;
    harness->database_ = std::move(database);
    SRM_ASSIGN(store, OpenPostgresIncidentStore(options));
    harness->store_ = std::move(store);
    return std::unique_ptr<IncidentHarness>(std::move(harness));
  }
  ~PostgresIncidentHarness() override { store_.reset(); }  // connections close before the drop
  IncidentStore& store() override { return *store_; }

 private:
  std::unique_ptr<PostgresDatabase> database_;
  std::unique_ptr<IncidentStore> store_;
};

struct IncidentBackend {
  std::string name;
  std::function<Result<std::unique_ptr<IncidentHarness>>()> make;
};
void PrintTo(const IncidentBackend& backend, std::ostream* out) { *out << backend.name; }

std::vector<IncidentBackend> AllIncidentBackends() {
  return {
      {"sqlite", [] { return SqliteIncidentHarness::Make(2); }},
      {"sqlite_single_connection", [] { return SqliteIncidentHarness::Make(0); }},
      {"postgres", [] { return PostgresIncidentHarness::Make(4); }},
  };
}

evidence::Incident Make(int n, std::string area, int32_t day, std::string category = "armed_conflict") {
  evidence::Incident i;
  i.source = "acled";
  i.source_id = "E" + std::to_string(n);
  i.day = day;
  i.category = std::move(category);
  i.event_type = "Battles";
  i.fatalities = n % 5;
  i.aid_victims = n % 2;
  i.un_victims = n % 3;
  i.area_id = std::move(area);
  i.precision = i.area_id.empty() ? evidence::Precision::kNone : evidence::Precision::kPoint;
  i.line = n + 1;
  return i;
}

class IncidentStoreConformanceTest : public ::testing::TestWithParam<IncidentBackend> {
 protected:
  void SetUp() override {
    auto harness = GetParam().make();
    ASSERT_TRUE(harness.has_value()) << ErrorText(harness.error());
    harness_ = std::move(*harness);
    auto version = store().Migrate();
    ASSERT_TRUE(version.has_value()) << ErrorText(version.error());
    ASSERT_EQ(*version, 1);
  }
  IncidentStore& store() { return harness_->store(); }

  // Every incident of `filter`, page by page (`limit` a page), checking totals on the way.
  std::vector<StoredIncident> All(const IncidentFilter& filter, int limit) {
    std::vector<StoredIncident> out;
    PageRequest page{limit, ""};
    for (int pages = 0; pages < 100; ++pages) {
      auto got = store().ListIncidents(filter, page);
      EXPECT_TRUE(got.has_value()) << ErrorText(got.error());
      if (!got) break;
      out.insert(out.end(), got->items.begin(), got->items.end());
      if (got->next.empty()) {
        EXPECT_EQ(got->total, static_cast<int64_t>(out.size()));
        break;
      }
      page.after = got->next;
    }
    return out;
  }

  std::unique_ptr<IncidentHarness> harness_;
};

TEST_P(IncidentStoreConformanceTest, MigrateIsIdempotent) {
  auto again = store().Migrate();
  ASSERT_TRUE(again.has_value()) << ErrorText(again.error());
  EXPECT_EQ(*again, 1);
}

TEST_P(IncidentStoreConformanceTest, StoresEveryFieldAndSkipsWhatIsStoredAlready) {
  evidence::Incident placed = Make(1, "area-a", 19000);
  placed.date_precision = 1;
  placed.has_point = true;
  placed.lat = 34.5553;
  placed.lon = 69.2075;
  placed.country = "Afghanistan";
  placed.admin1 = "Kabul";
  placed.location = "Kabul \"city\" ünïcödé";
  placed.sub_event_type = "Armed clash";
  placed.actor_type = "state";
  placed.mapped = false;
  placed.notes = "notes, with 'quotes'";
  placed.placement_note = "nearest area 3.2 km";
  placed.precision = evidence::Precision::kNearest;
  const evidence::Incident unplaced = Make(2, "", 19001);
  const std::vector<evidence::RefusedRow> refused = {{7, "date", "bad date", "x,y,z"}};
  auto first = store().AddBatch("imp-1", std::vector{placed, unplaced}, refused);
  ASSERT_TRUE(first.has_value()) << ErrorText(first.error());
  EXPECT_EQ(first->inserted, 2);
  EXPECT_EQ(first->duplicates, 0);

  // Re-importing adds nothing: (source, source_id) is the key.
  auto again = store().AddBatch("imp-2", std::vector{placed, Make(3, "area-a", 19002)}, {});
  ASSERT_TRUE(again.has_value()) << ErrorText(again.error());
  EXPECT_EQ(again->inserted, 1);
  EXPECT_EQ(again->duplicates, 1);

  IncidentFilter only_first;
  only_first.import_id = "imp-1";
  const auto stored = All(only_first, 10);
  ASSERT_EQ(stored.size(), 2u);
  const StoredIncident& back = stored[1];  // newest first: day 19001, then 19000
  EXPECT_EQ(back.import_id, "imp-1");
  EXPECT_GT(back.id, 0);
  // Every field, through Incident's operator== (fields added later are compared too).
  EXPECT_TRUE(back.incident == placed) << back.incident.source_id;
  EXPECT_FALSE(stored[0].incident.has_point);
  EXPECT_EQ(stored[0].incident.lat, 0);
}

TEST_P(IncidentStoreConformanceTest, ListsFilterAndPageNewestFirst) {
  std::vector<evidence::Incident> rows;
  for (int n = 0; n < 23; ++n)
    rows.push_back(Make(n, n % 3 == 0 ? "" : (n % 3 == 1 ? "area-a" : "area-b"), 19000 + n / 2,
                        n % 2 == 0 ? "armed_conflict" : "crime"));
  ASSERT_TRUE(store().AddBatch("imp-1", rows, {}).has_value());

  const auto all = All(IncidentFilter{}, 4);
  ASSERT_EQ(all.size(), 23u);
  std::set<int64_t> ids;
  for (size_t k = 0; k < all.size(); ++k) {
    ids.insert(all[k].id);
    if (k == 0) continue;
    const auto& prev = all[k - 1];
    EXPECT_TRUE(prev.incident.day > all[k].incident.day ||
                (prev.incident.day == all[k].incident.day && prev.id > all[k].id));
  }
  EXPECT_EQ(ids.size(), 23u);  // no row twice across pages

  IncidentFilter area;
  area.area_id = "area-a";
  EXPECT_EQ(All(area, 3).size(), 8u);
  IncidentFilter unplaced;
  unplaced.unplaced_only = true;
  EXPECT_EQ(All(unplaced, 3).size(), 8u);
  IncidentFilter window;
  window.from_day = 19002;
  window.to_day = 19004;
  EXPECT_EQ(All(window, 2).size(), 6u);
  IncidentFilter crime;
  crime.category = "crime";
  crime.area_id = "area-b";
  for (const auto& s : All(crime, 2)) {
    EXPECT_EQ(s.incident.category, "crime");
    EXPECT_EQ(s.incident.area_id, "area-b");
  }
  IncidentFilter other_import;
  other_import.import_id = "imp-9";
  EXPECT_TRUE(All(other_import, 5).empty());

  auto bad = store().ListIncidents(IncidentFilter{}, PageRequest{5, "not-a-cursor"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "invalid_value");
}

TEST_P(IncidentStoreConformanceTest, RefusedRowsPageInLineOrder) {
  std::vector<evidence::RefusedRow> refused;
  for (int n = 9; n >= 0; --n) refused.push_back({n / 2 + 2, "field", "reason " + std::to_string(n), "excerpt"});
  ASSERT_TRUE(store().AddBatch("imp-1", {}, refused).has_value());
  ASSERT_TRUE(store().AddBatch("imp-2", {}, std::vector<evidence::RefusedRow>{{1, "", "other", ""}}).has_value());
  std::vector<StoredRefusal> got;
  PageRequest page{3, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto list = store().ListRefused("imp-1", page);
    ASSERT_TRUE(list.has_value()) << ErrorText(list.error());
    EXPECT_EQ(list->total, 10);
    got.insert(got.end(), list->items.begin(), list->items.end());
    if (list->next.empty()) break;
    page.after = list->next;
  }
  ASSERT_EQ(got.size(), 10u);
  for (size_t k = 1; k < got.size(); ++k) {
    EXPECT_EQ(got[k].import_id, "imp-1");
    EXPECT_TRUE(got[k - 1].row.line < got[k].row.line ||
                (got[k - 1].row.line == got[k].row.line && got[k - 1].id < got[k].id));
  }
  auto bad = store().ListRefused("imp-1", PageRequest{3, "7"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "invalid_value");
}

TEST_P(IncidentStoreConformanceTest, RemoveImportTakesOnlyWhatTheImportStored) {
  ASSERT_TRUE(store().AddBatch("imp-1", std::vector{Make(1, "area-a", 19000)}, {}).has_value());
  // imp-2 brings a duplicate of imp-1's incident (not its own) and one of its own.
  ASSERT_TRUE(store()
                  .AddBatch("imp-2", std::vector{Make(1, "area-a", 19000), Make(2, "area-a", 19001)},
                            std::vector<evidence::RefusedRow>{{3, "", "bad", ""}})
                  .has_value());
  ASSERT_TRUE(store().RemoveImport("imp-2").has_value());
  const auto left = All(IncidentFilter{}, 10);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].import_id, "imp-1");
  auto refused = store().ListRefused("imp-2", PageRequest{});
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->total, 0);
}

TEST_P(IncidentStoreConformanceTest, ScansSeeTheAreaFromTheDay) {
  ASSERT_TRUE(store()
                  .AddBatch("imp-1",
                            std::vector{Make(1, "area-a", 19000), Make(2, "area-a", 19010, ""),
                                        Make(3, "area-b", 18000), Make(4, "", 19020)},
                            {})
                  .has_value());
  std::vector<std::pair<std::string, int32_t>> seen;
  ASSERT_TRUE(store()
                  .ScanArea("area-a", 19005,
                            [&](const std::string& category, const evidence::IndicatorEvent& event) {
                              seen.emplace_back(category, event.day);
                            })
                  .has_value());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].first, "");  // category "" included
  EXPECT_EQ(seen[0].second, 19010);
  auto areas = store().AreasWithIncidents(18500);
  ASSERT_TRUE(areas.has_value());
  EXPECT_EQ(*areas, std::vector<std::string>{"area-a"});  // area-b is older, unplaced has no area
  auto all_areas = store().AreasWithIncidents(INT32_MIN);
  ASSERT_TRUE(all_areas.has_value());
  EXPECT_EQ(std::set<std::string>(all_areas->begin(), all_areas->end()), (std::set<std::string>{"area-a", "area-b"}));
}

std::string IncidentBackendName(const ::testing::TestParamInfo<IncidentBackend>& info) { return info.param.name; }

// The "store" prefix keeps every test selectable with `ctest -R store`; the backend suffix lets
// scripts/test.sh run the PostgreSQL ones in its PostgreSQL pass only.
INSTANTIATE_TEST_SUITE_P(store, IncidentStoreConformanceTest, ::testing::ValuesIn(AllIncidentBackends()),
                         IncidentBackendName);

}  // namespace
}  // namespace srm::store
