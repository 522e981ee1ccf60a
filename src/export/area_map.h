// The map of one area for slides and briefings (issue 17): its boundary from the store, the
// neighbouring areas drawn faint, the incidents placed in it as points, painted in the overall
// residual risk colour of the SRA in force (if any), with a legend, a scale bar and a north arrow.
// A Picture (export/picture.h), written as SVG (PictureSvg) or PNG (documents::PicturePng).
// Projection: equirectangular around the area's middle latitude (an area is small enough that
// distances along the scale bar are right within a few per cent).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "export/picture.h"
#include "export/words.h"

namespace srm::exports {

struct LonLat {
  double lon = 0, lat = 0;
};
using Ring = std::vector<LonLat>;

// The rings of a GeoJSON Polygon or MultiPolygon (outer rings and holes alike); an error when the
// text is not one, or a coordinate is not a finite lon/lat.
Result<std::vector<Ring>> GeoJsonRings(std::string_view geojson);

struct AreaMapInput {
  Language lang = Language::kEn;
  std::string area_name;
  std::string geometry;  // GeoJSON of the area ("" = none recorded: an error)
  struct Neighbour {
    std::string name, geometry;
  };
  std::vector<Neighbour> neighbours;  // other areas the reader may see; those off the map are left out
  std::vector<LonLat> incidents;      // points of incidents placed in the area (at most what is drawn)
  int64_t incidents_total = 0;        // incidents placed in the area, with or without a point
  std::optional<int> level;           // overall residual risk index of the SRA in force
  std::string level_name;             // that level, translated
  int sra_version = 0;
};

// 422 `no_boundary` when the area has no geometry; 422 `invalid_geometry` when it is malformed.
Result<Picture> AreaMapPicture(const AreaMapInput& in);

}  // namespace srm::exports
