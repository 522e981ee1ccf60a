// Reads administrative boundaries (a GeoJSON FeatureCollection in the Natural Earth admin-1
// layout of ../shared/data/boundaries/admin1/) into area shapes with their country.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "evidence/area_index.h"

namespace srm::evidence {

struct BoundaryFeature {
  AreaShape shape;           // id "adm1-<Natural Earth code>", name, country keys, geometry
  std::string country_name;  // "Somalia"
  std::string iso2;          // "SO"
  std::string iso3;          // Natural Earth adm0_a3, "SOM"
};

// One feature per Polygon/MultiPolygon; features without geometry are skipped. A document that
// is not a FeatureCollection is refused naming `label`.
Result<std::vector<BoundaryFeature>> ReadBoundaries(std::string_view geojson_text, const std::string& label);

// An id usable in the API ([A-Za-z0-9_-], at most 64 characters): other characters become '_'.
std::string SafeId(std::string_view raw);

}  // namespace srm::evidence
