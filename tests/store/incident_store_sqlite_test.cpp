// The SQLite incident store's bulk loads: a large load drops the by-area indexes and builds them
// again when the last load ends; answers stay the same meanwhile; a load cut short (process gone
// before EndBulk) gets its indexes back at the next open; small loads, or loads small against what
// is stored, keep the indexes live.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "store/incident_store.h"

namespace srm::store {
namespace {

// Column `col` of every row of `sql`, read through a connection of its own.
std::vector<std::string> Column(const std::string& path, const std::string& sql, int col = 0) {
  std::vector<std::string> out;
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK)
    while (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, col);
      out.emplace_back(t != nullptr ? reinterpret_cast<const char*>(t) : "");
    }
  sqlite3_finalize(st);
  sqlite3_close_v2(db);
  return out;
}

evidence::Incident Make(int64_t n, const std::string& area) {
  evidence::Incident i;
  i.source = "acled";
  i.source_id = "T" + std::to_string(n);
  i.day = 19000 + static_cast<int32_t>(n % 400);
  i.event_type = "Battles";
  i.category = "armed_conflict";
  i.fatalities = static_cast<int32_t>(n % 3);
  i.area_id = area;
  i.precision = area.empty() ? evidence::Precision::kNone : evidence::Precision::kPoint;
  i.line = n + 2;
  return i;
}

std::vector<evidence::Incident> Range(int64_t from, int64_t to) {
  static const char* kAreas[] = {"area-a", "area-b", "area-c", ""};
  std::vector<evidence::Incident> out;
  for (int64_t n = from; n < to; ++n) out.push_back(Make(n, kAreas[n % 4]));
  return out;
}

class SqliteIncidentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("srm-incident-bulk-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "srm.db").string();
    Open();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    auto s = OpenSqliteIncidentStore(path_, 2);
    ASSERT_TRUE(s.has_value()) << s.error().message;
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().has_value());
  }
  std::vector<std::string> AreaIndexes() {
    return Column(path_, "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN "
                         "('incidents_by_area', 'incidents_unplaced_by_import') ORDER BY name");
  }
  int64_t Count(const std::string& area, bool unplaced = false) {
    IncidentFilter f;
    f.area_id = area;
    f.unplaced_only = unplaced;
    auto page = store_->ListIncidents(f, PageRequest{});
    EXPECT_TRUE(page.has_value());
    return page ? page->total : -1;
  }
  void Add(int64_t from, int64_t to, int64_t want_inserted) {
    const auto rows = Range(from, to);
    auto r = store_->AddBatch("imp-1", rows, {});
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->inserted, want_inserted);
    EXPECT_EQ(r->duplicates, (to - from) - want_inserted);
  }

  const std::vector<std::string> kBoth{"incidents_by_area", "incidents_unplaced_by_import"};
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<IncidentStore> store_;
};

TEST_F(SqliteIncidentStoreTest, LargeLoadBuildsTheAreaIndexesAtItsEndWithTheSameAnswers) {
  ASSERT_EQ(AreaIndexes(), kBoth);
  ASSERT_TRUE(store_->BeginBulk(200000).has_value());
  EXPECT_TRUE(AreaIndexes().empty());  // maintained at the end, not row by row
  Add(0, 400, 400);
  Add(200, 600, 200);  // duplicates are still refused: the unique key stays live
  // Queries are answered meanwhile (by scanning): 600 rows, a quarter per area and unplaced.
  EXPECT_EQ(Count("area-a"), 150);
  EXPECT_EQ(Count("", /*unplaced=*/true), 150);
  int scanned = 0;
  ASSERT_TRUE(store_->ScanArea("area-b", 0, [&](const std::string&, const evidence::IndicatorEvent&) { ++scanned; }));
  EXPECT_EQ(scanned, 150);
  ASSERT_TRUE(store_->EndBulk().has_value());
  EXPECT_EQ(AreaIndexes(), kBoth);
  EXPECT_EQ(Count("area-a"), 150);
  EXPECT_EQ(Count("", /*unplaced=*/true), 150);
  // The rebuilt index is the one the area queries use.
  const auto plan = Column(path_, "EXPLAIN QUERY PLAN SELECT day FROM incidents WHERE area_id = 'area-a' AND "
                                  "day >= 0 ORDER BY day DESC",
                           /*col=*/3);  // the plan's "detail"
  ASSERT_FALSE(plan.empty());
  std::string joined;
  for (const auto& p : plan) joined += p + "\n";
  EXPECT_NE(joined.find("incidents_by_area"), std::string::npos) << joined;
}

TEST_F(SqliteIncidentStoreTest, SmallLoadKeepsTheIndexesLive) {
  ASSERT_TRUE(store_->BeginBulk(5000).has_value());
  EXPECT_EQ(AreaIndexes(), kBoth);
  Add(0, 100, 100);
  ASSERT_TRUE(store_->EndBulk().has_value());
  EXPECT_EQ(AreaIndexes(), kBoth);
  EXPECT_EQ(Count("area-c"), 25);
}

TEST_F(SqliteIncidentStoreTest, LoadSmallerThanWhatIsStoredKeepsTheIndexesLive) {
  // Rebuilding would cost more than it saves: more incidents are stored than the load brings.
  Add(0, 120000, 120000);
  ASSERT_TRUE(store_->BeginBulk(110000).has_value());
  EXPECT_EQ(AreaIndexes(), kBoth);
  ASSERT_TRUE(store_->EndBulk().has_value());
  ASSERT_TRUE(store_->BeginBulk(130000).has_value());
  EXPECT_TRUE(AreaIndexes().empty());
  ASSERT_TRUE(store_->EndBulk().has_value());
  EXPECT_EQ(AreaIndexes(), kBoth);
  EXPECT_EQ(Count("area-a"), 30000);
}

TEST_F(SqliteIncidentStoreTest, OverlappingLoadsGetTheIndexesBackWhenTheLastEnds) {
  ASSERT_TRUE(store_->BeginBulk(200000).has_value());
  ASSERT_TRUE(store_->BeginBulk(300).has_value());  // a small one while the large one runs
  Add(0, 40, 40);
  ASSERT_TRUE(store_->EndBulk().has_value());
  EXPECT_TRUE(AreaIndexes().empty());
  Add(40, 80, 40);
  ASSERT_TRUE(store_->EndBulk().has_value());
  EXPECT_EQ(AreaIndexes(), kBoth);
  EXPECT_EQ(Count("area-d"), 0);
  EXPECT_EQ(Count("area-a"), 20);
}

TEST_F(SqliteIncidentStoreTest, LoadCutShortGetsItsIndexesBackAtTheNextOpen) {
  ASSERT_TRUE(store_->BeginBulk(200000).has_value());
  Add(0, 80, 80);
  store_.reset();  // the process is gone before EndBulk
  EXPECT_TRUE(AreaIndexes().empty());
  Open();
  EXPECT_EQ(AreaIndexes(), kBoth);
  EXPECT_EQ(Count("area-b"), 20);  // what was committed is kept
  Add(0, 80, 0);                   // and a re-import adds nothing
}

}  // namespace
}  // namespace srm::store
