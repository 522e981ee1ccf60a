// Places incidents in SRM areas: exact point-in-polygon (GEOS prepared geometries) over a grid
// index of the areas' bounding boxes (a GEOS STR tree finds the nearest area); a point on an edge belongs to the polygon, a point in a hole
// does not, and a point on a border shared by two areas goes to the area whose id sorts first.
// A point just outside every polygon (a coast, a simplified border) goes to the nearest area
// within a tolerance; without usable coordinates the country and admin-1 names are matched. The
// precision used is returned with each placement. Thread-safe once built.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "evidence/incident.h"

namespace srm::evidence {

struct AreaShape {
  std::string id;
  std::string name;                       // matched against an incident's admin-1 name
  std::vector<std::string> country_keys;  // names and codes an incident's country may carry
  std::string geojson;                    // GeoJSON Polygon or MultiPolygon (lon/lat); "" = names only
};

struct Placement {
  int area = -1;  // index into AreaIndex::areas(), -1 when not placed
  Precision precision = Precision::kNone;
  double distance_km = 0;
  std::string note;  // why not placed, or how
};

struct AreaIndexOptions {
  double nearest_km = 25;  // a point this close to an area (and in none) is placed in it; 0 = never
};

struct AreaIndexStats {
  size_t areas = 0, with_geometry = 0, repaired = 0, vertices = 0;
};

class AreaIndex {
 public:
  // Areas are sorted by id. A geometry that is not valid GeoJSON is refused naming the area.
  static Result<std::unique_ptr<AreaIndex>> Build(std::vector<AreaShape> areas, AreaIndexOptions opts = {});
  ~AreaIndex();
  AreaIndex(const AreaIndex&) = delete;
  AreaIndex& operator=(const AreaIndex&) = delete;

  // The area whose polygon holds the point (kPoint), else the nearest within the tolerance
  // (kNearest), else none.
  Placement Locate(double lat, double lon) const;
  // Locate() for incidents with a point, then the admin-1 / country names.
  Placement Place(const Incident& inc) const;
  // Names only: country + admin-1 (kAdminName), or the country's only area (kCountry).
  Placement ByName(const std::string& country, const std::string& admin1) const;

  const std::vector<AreaShape>& areas() const;
  const AreaIndexStats& stats() const;
  int Find(const std::string& area_id) const;

 private:
  AreaIndex();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Lower-cased ASCII letters and digits only, Latin accents folded ("Gédo" -> "gedo").
std::string NameKey(std::string_view s);

}  // namespace srm::evidence
