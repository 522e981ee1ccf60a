// Administrative boundaries (srm areas load FILE...): a GeoJSON FeatureCollection through the
// reader (evidence/boundaries.cpp) and, as the boundary import does before writing anything, the
// area index built from its features (evidence/area_index.cpp, GEOS), then placements in it. A
// refused file must come back as an error value; the ids of accepted features must be usable in
// the API, and every note a placement writes must be valid UTF-8 (it is shown in JSON).
#include <nlohmann/json.hpp>

#include "evidence/area_index.h"
#include "evidence/boundaries.h"
#include "fuzz_support.h"

using namespace srm;
using namespace srm::evidence;

namespace {

using fuzz::Utf8;

bool ApiId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto features = ReadBoundaries(text, "fuzz.json");
  if (!features) {
    fuzz::ErrorReply(features.error());
    return 0;
  }
  std::vector<AreaShape> shapes;
  for (const BoundaryFeature& f : *features) {
    fuzz::Expect(ApiId(f.shape.id), "a boundary feature's id is not usable in the API", f.shape.id);
    fuzz::Expect(ApiId(SafeId("cty-" + (f.iso3.empty() ? f.country_name : f.iso3))),
                 "a country id is not usable in the API", f.country_name);
    fuzz::Expect(!f.shape.geojson.empty(), "a feature kept without its geometry");
    shapes.push_back(f.shape);
  }
  auto index = AreaIndex::Build(std::move(shapes));
  if (!index) {
    fuzz::ErrorReply(index.error());
    return 0;
  }
  const AreaIndex& x = **index;
  // Points: the first vertex of each area's outline (on its edge), the origin, and the corners of
  // the coordinate range.
  std::vector<std::pair<double, double>> points{{0, 0}, {90, 180}, {-90, -180}, {12.5, 41.9}};
  for (const AreaShape& a : x.areas()) {
    const nlohmann::json g = nlohmann::json::parse(a.geojson, nullptr, false);
    const nlohmann::json* c = g.is_object() && g.contains("coordinates") ? &g["coordinates"] : nullptr;
    while (c != nullptr && c->is_array() && !c->empty() && c->front().is_array()) c = &c->front();
    if (c != nullptr && c->is_array() && c->size() >= 2 && (*c)[0].is_number() && (*c)[1].is_number()) {
      const double lon = (*c)[0].get<double>(), lat = (*c)[1].get<double>();
      if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) points.push_back({lat, lon});
    }
    if (points.size() > 12) break;
  }
  for (auto [lat, lon] : points) {
    Placement p = x.Locate(lat, lon);
    fuzz::Expect(p.area >= -1 && p.area < static_cast<int>(x.areas().size()), "a placement outside the index");
    Utf8(p.note, "a placement note is not UTF-8");
  }
  for (const BoundaryFeature& f : *features) {
    Incident inc;
    inc.country = f.country_name;
    inc.admin1 = f.shape.name;
    Placement p = x.Place(inc);
    fuzz::Expect(p.area >= -1 && p.area < static_cast<int>(x.areas().size()), "a placement outside the index");
    Utf8(p.note, "a placement note is not UTF-8");
    if (&f - features->data() >= 8) break;
  }
  return 0;
}
