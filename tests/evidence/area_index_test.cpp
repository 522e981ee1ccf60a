// Placement: exact point-in-polygon on edges, vertices and holes, shared borders, the nearest
// area for points just outside, and the admin-name fallback with the precision used.
#include <gtest/gtest.h>

#include "evidence/area_index.h"

namespace srm::evidence {
namespace {

std::string Square(double x0, double y0, double x1, double y1) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]", x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
  return buf;
}

std::unique_ptr<AreaIndex> TestIndex(double nearest_km = 25) {
  std::vector<AreaShape> areas;
  // "a": 0..10 x 0..10 with a hole 4..6 that area "c" fills (an enclave).
  areas.push_back({"a", "Western", {"Testland", "TL"},
                   R"({"type":"Polygon","coordinates":[)" + Square(0, 0, 10, 10) + "," + Square(4, 4, 6, 6) + "]}"});
  // "b": 10..20 x 0..10, sharing the edge x = 10 with "a", with an empty hole 14..16.
  areas.push_back({"b", "Eastern", {"Testland", "TL"},
                   R"({"type":"MultiPolygon","coordinates":[[)" + Square(10, 0, 20, 10) + "," + Square(14, 4, 16, 6) +
                       "]]}"});
  areas.push_back({"c", "Enclave", {"Testland", "TL"}, R"({"type":"Polygon","coordinates":[)" + Square(4, 4, 6, 6) + "]}"});
  areas.push_back({"d", "Nörthern Hills", {"Testland", "TL"}, ""});
  areas.push_back({"e", "Solo", {"Sololand"}, ""});
  auto idx = AreaIndex::Build(std::move(areas), {nearest_km});
  EXPECT_TRUE(idx) << idx.error().message;
  return std::move(*idx);
}

std::string At(const AreaIndex& x, double lat, double lon) {
  Placement p = x.Locate(lat, lon);
  if (p.area < 0) return "-";
  return x.areas()[static_cast<size_t>(p.area)].id + (p.precision == Precision::kNearest ? "~" : "");
}

TEST(AreaIndex, InteriorEdgesAndVertices) {
  auto x = TestIndex();
  EXPECT_EQ(At(*x, 2, 2), "a");     // lat 2, lon 2
  EXPECT_EQ(At(*x, 2, 12), "b");
  EXPECT_EQ(At(*x, 0, 0), "a");     // a vertex belongs to the polygon
  EXPECT_EQ(At(*x, 0, 5), "a");     // on the outer edge
  EXPECT_EQ(At(*x, 10, 20), "b");   // the far corner
  // On the border a and b share: the id that sorts first, every time.
  EXPECT_EQ(At(*x, 5, 10), "a");
  EXPECT_EQ(At(*x, 0, 10), "a");
}

TEST(AreaIndex, Holes) {
  auto x = TestIndex();
  EXPECT_EQ(At(*x, 5, 5), "c");     // inside a's hole: the enclave that fills it, not a
  EXPECT_EQ(At(*x, 4, 5), "a");     // on the hole's edge: both a and c touch it; a sorts first
  EXPECT_EQ(At(*x, 3.999, 5), "a");
  EXPECT_EQ(At(*x, 4.001, 5.5), "c");
  // b's hole is filled by nothing: the point is in no area, and 1 degree (~111 km) from b's
  // edge is beyond the 25 km tolerance.
  Placement p = x->Locate(5, 15);
  EXPECT_EQ(p.area, -1);
  EXPECT_NE(p.note.find("lies in no area"), std::string::npos) << p.note;
  EXPECT_NE(p.note.find("b, is 111"), std::string::npos) << p.note;
  EXPECT_EQ(At(*x, 4.0, 15), "b");  // the hole's edge belongs to b
}

TEST(AreaIndex, NearestAreaWithinToleranceRecordsTheDistance) {
  auto x = TestIndex();
  Placement p = x->Locate(5, -0.1);  // 0.1 degree west of a, ~11 km at lat 5
  ASSERT_EQ(p.area, x->Find("a"));
  EXPECT_EQ(p.precision, Precision::kNearest);
  EXPECT_NEAR(p.distance_km, 11.08, 0.1);
  EXPECT_EQ(At(*x, 5, -1), "-");     // ~111 km: too far
  auto wide = TestIndex(200);
  EXPECT_EQ(At(*wide, 5, 15), "b~");
  EXPECT_EQ(At(*x, 50, 50), "-");
}

TEST(AreaIndex, NamesWhenCoordinatesAreMissing) {
  auto x = TestIndex();
  Incident inc;
  inc.country = "TESTLAND";
  inc.admin1 = "Northern Hills";  // accents and case folded: "Nörthern Hills"
  Placement p = x->Place(inc);
  ASSERT_EQ(p.area, x->Find("d"));
  EXPECT_EQ(p.precision, Precision::kAdminName);
  inc.country = "TL";
  inc.admin1 = "western";
  EXPECT_EQ(x->Place(inc).area, x->Find("a"));
  inc.admin1 = "Atlantis";
  p = x->Place(inc);
  EXPECT_EQ(p.area, -1);
  EXPECT_NE(p.note.find("admin-1 'Atlantis' matches no area of 'TL'"), std::string::npos) << p.note;
  inc.country = "Sololand";  // a country with one area: placed at country precision
  inc.admin1 = "";
  p = x->Place(inc);
  EXPECT_EQ(p.area, x->Find("e"));
  EXPECT_EQ(p.precision, Precision::kCountry);
  inc.country = "Nowhere";
  EXPECT_NE(x->Place(inc).note.find("country 'Nowhere' has no area"), std::string::npos);
}

TEST(AreaIndex, PointOutsideFallsBackToNames) {
  auto x = TestIndex();
  Incident inc;
  inc.has_point = true;
  inc.lat = 50;
  inc.lon = 50;
  inc.country = "Testland";
  inc.admin1 = "Eastern";
  Placement p = x->Place(inc);
  EXPECT_EQ(p.area, x->Find("b"));
  EXPECT_EQ(p.precision, Precision::kAdminName);
  EXPECT_NE(p.note.find("placed by name"), std::string::npos);
}

TEST(AreaIndex, RefusesBadGeometryNamingTheArea) {
  auto r = AreaIndex::Build({{"bad", "x", {}, R"({"type":"Point","coordinates":[1,2]})"}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'bad'"), std::string::npos);
  auto r2 = AreaIndex::Build({{"bad2", "x", {}, "{not json"}});
  ASSERT_FALSE(r2);
  auto dup = AreaIndex::Build({{"a", "x", {}, ""}, {"a", "y", {}, ""}});
  ASSERT_FALSE(dup);
}

TEST(AreaIndex, NameKeyFoldsAccentsAndPunctuation) {
  EXPECT_EQ(NameKey("Gédo"), "gedo");
  EXPECT_EQ(NameKey("Côte d'Ivoire"), "cotedivoire");
  EXPECT_EQ(NameKey("Shabeellaha  Hoose"), "shabeellahahoose");
}

}  // namespace
}  // namespace srm::evidence
