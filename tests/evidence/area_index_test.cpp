// Placement: exact point-in-polygon on edges, vertices and holes, shared borders, the nearest
// area for points just outside, and the admin-name fallback with the precision used.
#include <gtest/gtest.h>

#include "evidence/area_index.h"
#include "evidence/boundaries.h"

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

// Found by tests/fuzz/fuzz_geojson: a bounding box beyond the range of int was turned into grid
// cells by an out-of-range double-to-int conversion (undefined behaviour); with g++ the area then
// sat in one corner cell and a point inside it was not found.
TEST(AreaIndex, CoordinatesFarOutsideTheGlobeKeepTheGridWhole) {
  auto r = AreaIndex::Build({{"big", "Big", {}, R"({"type":"Polygon","coordinates":[)" + Square(-1e10, -1e10, 1e10, 1e10) + "]}"}});
  ASSERT_TRUE(r) << r.error().message;
  for (auto [lat, lon] : {std::pair{0.0, 0.0}, std::pair{45.0, 90.0}, std::pair{-89.0, -179.0}}) {
    Placement p = (*r)->Locate(lat, lon);
    EXPECT_EQ(p.area, 0) << lat << "," << lon << ": " << p.note;
    EXPECT_EQ(p.precision, Precision::kPoint) << lat << "," << lon;
  }
}

// Found by tests/fuzz/fuzz_geojson: a "type" that is null (or not a string) made ReadBoundaries
// throw nlohmann's type_error out of `srm areas load` instead of refusing the file or skipping the
// feature.
TEST(Boundaries, ATypeThatIsNotAStringIsRefusedOrSkippedNotThrown) {
  Result<std::vector<BoundaryFeature>> r;
  EXPECT_NO_THROW(r = ReadBoundaries(R"({"type":null,"features":[]})", "a.json"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid_geojson");
  const std::string square = R"({"type":"Polygon","coordinates":[)" + Square(0, 0, 1, 1) + "]}";
  const std::string doc = R"({"type":"FeatureCollection","features":[)"
                          R"({"type":"Feature","geometry":{"type":null,"coordinates":[]},"properties":{"_id":"X-1"}},)"
                          R"({"type":"Feature","geometry":)" + square + R"(,"properties":{"_id":"X-2","name":"Two"}}]})";
  EXPECT_NO_THROW(r = ReadBoundaries(doc, "b.json"));
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].shape.id, "adm1-X-2");
}

// Found by tests/fuzz/fuzz_geojson: GEOS 3.11's GeoJSON reader dereferences a null pointer on a
// position that is not two numbers (`[]`), so such a file, accepted by ReadBoundaries, crashed
// `srm areas load` in AreaIndex::Build. The reader refuses it now, naming the feature.
TEST(Boundaries, APositionThatIsNotTwoNumbersIsRefusedBeforeGeosSeesIt) {
  for (const char* bad : {"[]", "[1]", R"(["1",2])", "[[0,0]]", "7"}) {
    const std::string doc = std::string(R"({"type":"FeatureCollection","features":[)") +
                            R"({"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],)" + bad +
                            R"(,[0,0]]]},"properties":{"_id":"X-1"}}]})";
    auto r = ReadBoundaries(doc, "c.json");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "invalid_geojson") << bad;
    EXPECT_NE(r.error().message.find("feature 1"), std::string::npos) << r.error().message;
  }
  const std::string multi = R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":)"
                            R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1,5],[0,0]]]]},"properties":{"_id":"X-1"}}]})";
  auto ok = ReadBoundaries(multi, "d.json");  // a third number (altitude) is allowed
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->size(), 1u);
}

// Found while reading the boundaries reader for tests/fuzz/fuzz_geojson (the fuzzer's inputs stay
// far shallower): a member nested 200,000 deep in a feature's properties or geometry was copied or
// dumped recursively and overflowed the stack of `srm areas load` (a 400 KB file).
TEST(Boundaries, DeepNestingInAFeatureDoesNotExhaustTheStack) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  const std::string square = R"("coordinates":[)" + Square(0, 0, 1, 1) + "]";
  for (const std::string& feature :
       {R"({"type":"Feature","geometry":{"type":"Polygon",)" + square + R"(},"properties":{"_id":"X-1","d":)" + deep + "}}",
        R"({"type":"Feature","geometry":{"type":"Polygon",)" + square + R"(,"d":)" + deep + R"(},"properties":{"_id":"X-1"}})"}) {
    auto r = ReadBoundaries(R"({"type":"FeatureCollection","features":[)" + feature + "]}", "e.json");
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0].shape.geojson.find("\"d\""), std::string::npos);  // only type and coordinates are kept
  }
}

TEST(AreaIndex, NameKeyFoldsAccentsAndPunctuation) {
  EXPECT_EQ(NameKey("Gédo"), "gedo");
  EXPECT_EQ(NameKey("Côte d'Ivoire"), "cotedivoire");
  EXPECT_EQ(NameKey("Shabeellaha  Hoose"), "shabeellahahoose");
}

}  // namespace
}  // namespace srm::evidence
