// The real OSAC file (1,716 AWSD and ACLED incidents in Africa) through the committed column
// mapping, placed in the real admin-1 regions of ../shared/data/boundaries/admin1/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/calendar.h"
#include "evidence/area_index.h"
#include "evidence/boundaries.h"
#include "evidence/formats.h"
#include "evidence/importer.h"
#include "evidence/support.h"

namespace srm::evidence {
namespace {

using testing::MemorySink;
using testing::Pack;

std::vector<AreaShape> LoadAdmin1(const std::vector<std::string>& countries) {
  std::vector<AreaShape> out;
  for (const auto& c : countries) {
    auto path = testing::SharedData() / "boundaries" / "admin1" / ("admin1-" + c + ".json");
    auto features = ReadBoundaries(testing::ReadFile(path), path.string());
    EXPECT_TRUE(features) << features.error().message;
    if (!features) continue;
    for (auto& f : *features) out.push_back(std::move(f.shape));
  }
  return out;
}

TEST(RealData, OsacFilePlacedInAdmin1Regions) {
  const auto csv_path = testing::SharedData() / "incidents" / "osac-africa-2016-2022.csv";
  ASSERT_TRUE(std::filesystem::exists(csv_path)) << "shared data not present (../shared beside the checkout): " << csv_path;
  // Every African country of the file, and its neighbours.
  std::vector<std::string> countries;
  for (const auto& e : std::filesystem::directory_iterator(testing::SharedData() / "boundaries" / "admin1")) {
    auto name = e.path().filename().string();  // admin1-XXX.json
    countries.push_back(name.substr(7, name.size() - 12));
  }
  auto index = AreaIndex::Build(LoadAdmin1(countries));
  ASSERT_TRUE(index) << index.error().message;
  EXPECT_EQ((*index)->areas().size(), 4594u);

  auto mapping = ParseColumnMapping(testing::ReadFile(testing::SourceDir() / "method/mappings/osac-humanitarian.json"));
  ASSERT_TRUE(mapping);
  const std::string csv = testing::ReadFile(csv_path);
  CategoryMapper categories(Pack().evidence);
  ImportOptions o;
  o.mapping = *mapping;
  o.max_day = *calendar::FromCivil(2030, 1, 1);
  MemorySink sink;
  auto r = RunImport(testing::StringSource(csv, 1 << 16), csv.size(), o, categories, index->get(), sink);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->records, 1716);
  EXPECT_EQ(r->refused, 0) << (sink.refused.empty() ? "" : sink.refused[0].reason);
  EXPECT_EQ(r->accepted, 1716);
  EXPECT_EQ(r->unmapped, 0);
  // Every row is placed, or listed with its reason.
  int by_point = 0, agree = 0;
  for (const auto& inc : sink.incidents) {
    if (inc.area_id.empty()) {
      ADD_FAILURE() << "line " << inc.line << " not placed: " << inc.placement_note;
      continue;
    }
    if (inc.precision == Precision::kPoint) ++by_point;
    const auto& area = (*index)->areas()[static_cast<size_t>((*index)->Find(inc.area_id))];
    if (NameKey(area.name) == NameKey(inc.admin1)) ++agree;
  }
  EXPECT_EQ(r->placed, 1716);
  RecordProperty("placed_by_point", by_point);
  RecordProperty("admin1_name_agrees", agree);
  std::printf("OSAC: %lld placed (%d by point, %lld nearest, %lld by name); admin-1 names agree on %d\n",
              static_cast<long long>(r->placed), by_point, static_cast<long long>(r->by_precision[2]),
              static_cast<long long>(r->by_precision[3]), agree);
  // The point says which region; where the source's own admin-1 name matches, they agree.
  EXPECT_GT(agree, 1716 * 6 / 10);
  // Source ids are unique per vocabulary: a second import would add nothing.
  std::set<std::string> keys;
  for (const auto& inc : sink.incidents) keys.insert(inc.source + "|" + inc.source_id);
  EXPECT_EQ(keys.size(), 1716u);
}

}  // namespace
}  // namespace srm::evidence
