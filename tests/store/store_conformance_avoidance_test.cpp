// The store contract of the avoidance decisions list's narrowing (issue 18), on every
// backend: the kind, a search in the area's name, reason, destination, personnel and the deciding
// user (ASCII letters folded), each sort walked one row a page both ways without skipping or
// repeating, and a narrowing inside the reader's areas never widening them.
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

namespace rec = domain::records;

class AvoidanceListStoreTest : public RecordKindStoreTest {
 protected:
  void SetUp() override {
    RecordKindStoreTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    SRM_ASSERT_OK(store().PutArea({"are_hrt", "cty_af", "Herat", ""}, AuditOf("area.put", "area", "are_hrt")));
    //   id      area      kind                    from          decided     destination / reason / personnel
    Add("avd_1", "are_kbl", "Kabul", "relocation", "2026-12-05", "2026-11-03", "Herat", "Fighting near the bridge",
        "National staff of the Kabul office");
    Add("avd_2", "are_hrt", "Herat", "evacuation", "2026-12-01", "2026-11-01", "Islamabad", "Airport closing",
        "All international staff");
    Add("avd_3", "are_kbl", "Kabul", "alternative_modality", "2026-12-20", "2026-11-02", "", "Remote programming",
        "Field monitors");
  }
  void Add(std::string id, std::string area, std::string area_name, std::string kind, std::string from,
           const std::string& decided_day, std::string destination, std::string reason, std::string personnel) {
    rec::AvoidanceDecision d;
    d.id = std::move(id);
    d.area_id = std::move(area);
    d.area_name = std::move(area_name);
    d.country_id = "cty_af";
    d.kind = std::move(kind);
    d.from = std::move(from);
    d.destination = std::move(destination);
    d.reason = std::move(reason);
    d.personnel = std::move(personnel);
    d.personnel_count = 3;
    d.decided_by = {"usr_a", "alice"};
    d.decided_at = decided_day + "T09:00:00.000Z";
    d.created_at = d.updated_at = d.decided_at;
    SRM_ASSERT_OK(Put(d));
  }
  // The ids of every page of `f`, one row a page.
  std::vector<std::string> Walk(const AvoidanceFilter& f) {
    std::vector<std::string> out;
    PageRequest request{1, ""};
    for (int guard = 0; guard < 20; ++guard) {
      auto page = store().ListAvoidanceDecisions(f, request);
      EXPECT_TRUE(page.has_value()) << (page ? "" : ErrorText(page.error()));
      if (!page) break;
      for (const rec::AvoidanceDecision& d : page->items) out.push_back(d.id);
      if (page->next.empty()) break;
      request.after = page->next;
    }
    return out;
  }
  static AvoidanceFilter Sorted(std::string key, bool descending) {
    AvoidanceFilter f;
    f.narrow.sort = std::move(key);
    f.narrow.descending = descending;
    return f;
  }
  static AvoidanceFilter Text(std::string text) {
    AvoidanceFilter f;
    f.narrow.text = std::move(text);
    return f;
  }
};

using Ids = std::vector<std::string>;

TEST_P(AvoidanceListStoreTest, KindAndSearchNarrowToTheirRows) {
  EXPECT_EQ(Walk({.kind = "relocation"}), Ids{"avd_1"});
  EXPECT_EQ(Walk({.kind = "evacuation"}), Ids{"avd_2"});
  EXPECT_EQ(Walk({.kind = "alternative_modality"}), Ids{"avd_3"});
  EXPECT_EQ(Walk({.area_id = "are_hrt", .kind = "relocation"}), Ids{});
  // Search: each text column, ASCII letters folded.
  EXPECT_EQ(Walk(Text("BRIDGE")), Ids{"avd_1"});                          // reason
  EXPECT_EQ(Walk(Text("islamabad")), Ids{"avd_2"});                       // destination
  EXPECT_EQ(Walk(Text("field MONITORS")), Ids{"avd_3"});                  // personnel
  EXPECT_EQ(Walk(Sorted("decided", false)).size(), 3u);
  AvoidanceFilter herat = Text("herat");                                  // avd_2's area, avd_1's destination
  EXPECT_EQ(Walk(herat).size(), 2u);
  herat.narrow.sort = "area";
  EXPECT_EQ(Walk(herat), (Ids{"avd_2", "avd_1"}));
  EXPECT_EQ(Walk(Text("ALICE")).size(), 3u);                             // the deciding user
  EXPECT_EQ(Walk(Text("nothing-like-this")), Ids{});
  // Inside the reader's areas a search never reaches another area's row.
  AvoidanceFilter scoped = Text("herat");
  scoped.areas = std::vector<std::string>{"are_kbl"};
  EXPECT_EQ(Walk(scoped), Ids{"avd_1"});
  scoped.kind = "evacuation";
  EXPECT_EQ(Walk(scoped), Ids{});
  // The total counts the narrowed rows.
  EXPECT_EQ(store().ListAvoidanceDecisions({.area_id = "are_kbl"}, {1, ""}).value().total, 2);
  EXPECT_EQ(store().ListAvoidanceDecisions(Text("kabul"), {1, ""}).value().total, 2);
}

TEST_P(AvoidanceListStoreTest, EachSortWalksBothWaysWithoutSkippingOrRepeating) {
  EXPECT_EQ(Walk(Sorted("decided", false)), (Ids{"avd_2", "avd_3", "avd_1"}));
  EXPECT_EQ(Walk(Sorted("decided", true)), (Ids{"avd_1", "avd_3", "avd_2"}));
  EXPECT_EQ(Walk(Sorted("from", false)), (Ids{"avd_2", "avd_1", "avd_3"}));
  EXPECT_EQ(Walk(Sorted("from", true)), (Ids{"avd_3", "avd_1", "avd_2"}));
  EXPECT_EQ(Walk(Sorted("updated", true)), (Ids{"avd_1", "avd_3", "avd_2"}));
  // Ties on the area's name are broken by id, in the sort's direction.
  EXPECT_EQ(Walk(Sorted("area", false)), (Ids{"avd_2", "avd_1", "avd_3"}));
  EXPECT_EQ(Walk(Sorted("area", true)), (Ids{"avd_3", "avd_1", "avd_2"}));
  AvoidanceFilter kabul_by_area = Sorted("area", true);
  kabul_by_area.area_id = "are_kbl";
  EXPECT_EQ(Walk(kabul_by_area), (Ids{"avd_3", "avd_1"}));
  EXPECT_EQ(store().ListAvoidanceDecisions(Sorted("reason", false), {10, ""}).error().code, "unknown_sort");
  EXPECT_EQ(store().ListAvoidanceDecisions(Sorted("area", false), {10, "no-bar"}).error().code, "bad_cursor");
}

INSTANTIATE_TEST_SUITE_P(store, AvoidanceListStoreTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
