#include "evidence/area_index.h"

#include <geos_c.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdarg>
#include <mutex>

namespace srm::evidence {
namespace {

void GeosNotice(const char*, void*) {}

// One GEOS context per thread: the C API is re-entrant only through separate handles.
struct ThreadContext {
  GEOSContextHandle_t h;
  ThreadContext() {
    h = GEOS_init_r();
    GEOSContext_setNoticeMessageHandler_r(h, GeosNotice, nullptr);
    GEOSContext_setErrorMessageHandler_r(h, GeosNotice, nullptr);
  }
  ~ThreadContext() { GEOS_finish_r(h); }
};
GEOSContextHandle_t Ctx() {
  thread_local ThreadContext ctx;
  return ctx.h;
}

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371.0088, kDeg = M_PI / 180;
  const double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

struct PointGeom {
  GEOSGeometry* g;
  PointGeom(double lon, double lat) : g(GEOSGeom_createPointFromXY_r(Ctx(), lon, lat)) {}
  ~PointGeom() { GEOSGeom_destroy_r(Ctx(), g); }
};

// Keeps only the polygons of a geometry (a repaired polygon can come back as a collection with
// stray lines); takes ownership of g. nullptr when nothing polygonal is left.
GEOSGeometry* Polygonal(GEOSContextHandle_t h, GEOSGeometry* g) {
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) return g;
  std::vector<GEOSGeometry*> parts;
  const int n = GEOSGetNumGeometries_r(h, g);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(h, g, i);
    const int t = GEOSGeomTypeId_r(h, part);
    if (t == GEOS_POLYGON) {
      parts.push_back(GEOSGeom_clone_r(h, part));
    } else if (t == GEOS_MULTIPOLYGON) {
      for (int j = 0; j < GEOSGetNumGeometries_r(h, part); ++j)
        parts.push_back(GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, part, j)));
    }
  }
  GEOSGeom_destroy_r(h, g);
  if (parts.empty()) return nullptr;
  return GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size()));
}

}  // namespace

std::string NameKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
      continue;
    }
    // Latin-1 Supplement letters (U+00C0..U+00FF, two bytes C3 xx) fold to their base letter.
    if (c == 0xC3 && i + 1 < s.size()) {
      static const char kFold[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyts";  // U+00C0.. / U+00E0..
      const unsigned char n = static_cast<unsigned char>(s[i + 1]);
      const unsigned idx = (n & 0x1F);
      if (n >= 0x80 && n <= 0xBF && idx < 32) {
        const char f = kFold[idx];
        if (std::isalpha(static_cast<unsigned char>(f))) out.push_back(f);
        if (idx == 6) out.push_back('e');  // æ
      }
      ++i;
      continue;
    }
    // Any other non-ASCII byte is dropped.
  }
  return out;
}

struct AreaIndex::Impl {
  AreaIndexOptions opts;
  std::vector<AreaShape> areas;
  AreaIndexStats stats;
  std::vector<GEOSGeometry*> geoms;                 // nullptr when an area has no geometry
  std::vector<const GEOSPreparedGeometry*> prepared;
  GEOSSTRtree* tree = nullptr;
  std::unordered_map<std::string, int> by_id;
  std::unordered_map<std::string, int> by_country_admin1;  // NameKey(country) + "|" + NameKey(admin1)
  std::unordered_map<std::string, std::vector<int>> by_country;

  ~Impl() {
    GEOSContextHandle_t h = Ctx();
    if (tree) GEOSSTRtree_destroy_r(h, tree);
    for (auto* p : prepared)
      if (p) GEOSPreparedGeom_destroy_r(h, p);
    for (auto* g : geoms)
      if (g) GEOSGeom_destroy_r(h, g);
  }

  // Candidates come from a 1-degree grid of bounding boxes (flat arrays, ids ascending), checked
  // against each box, then GEOS decides exactly with the prepared polygon.
  static constexpr int kNx = 360, kNy = 180;
  std::vector<uint32_t> cell_start;   // kNx * kNy + 1 offsets into cell_items
  std::vector<int32_t> cell_items;
  std::vector<std::array<double, 4>> boxes;  // minx, miny, maxx, maxy per area

  // Grid column or row of a coordinate offset to start at 0, clamped to 0..n-1 before the
  // conversion to int (coordinates far outside the globe would overflow it; NaN goes to 0).
  static int Cell(double v, int n) {
    if (!(v >= 0)) return 0;
    if (v >= n - 1) return n - 1;
    return static_cast<int>(v);
  }
  static int CellOf(double lat, double lon) { return Cell(lat + 90, kNy) * kNx + Cell(lon + 180, kNx); }

  void BuildGrid() {
    std::vector<uint32_t> counts(kNx * kNy, 0);
    auto each_cell = [&](size_t i, auto&& f) {
      const auto& b = boxes[i];
      const int x0 = Cell(b[0] + 180, kNx), x1 = Cell(b[2] + 180, kNx);
      const int y0 = Cell(b[1] + 90, kNy), y1 = Cell(b[3] + 90, kNy);
      for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) f(y * kNx + x);
    };
    for (size_t i = 0; i < geoms.size(); ++i)
      if (geoms[i]) each_cell(i, [&](int c) { ++counts[static_cast<size_t>(c)]; });
    cell_start.assign(kNx * kNy + 1, 0);
    for (int c = 0; c < kNx * kNy; ++c) cell_start[static_cast<size_t>(c) + 1] = cell_start[static_cast<size_t>(c)] + counts[static_cast<size_t>(c)];
    cell_items.assign(cell_start.back(), 0);
    std::vector<uint32_t> fill(cell_start.begin(), cell_start.end() - 1);
    for (size_t i = 0; i < geoms.size(); ++i)
      if (geoms[i]) each_cell(i, [&](int c) { cell_items[fill[static_cast<size_t>(c)]++] = static_cast<int32_t>(i); });
  }

  int Covering(double lat, double lon) const {
    const int c = CellOf(lat, lon);
    GEOSGeometry* pt = nullptr;
    int found = -1;
    for (uint32_t k = cell_start[static_cast<size_t>(c)]; k < cell_start[static_cast<size_t>(c) + 1]; ++k) {
      const int i = cell_items[k];
      const auto& b = boxes[static_cast<size_t>(i)];
      if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
      if (pt == nullptr) pt = GEOSGeom_createPointFromXY_r(Ctx(), lon, lat);
      if (GEOSPreparedIntersects_r(Ctx(), prepared[static_cast<size_t>(i)], pt) == 1) {
        found = i;
        break;
      }
    }
    if (pt != nullptr) GEOSGeom_destroy_r(Ctx(), pt);
    return found;
  }

  // Nearest area (by distance in degrees) and its distance in km.
  int Nearest(double lat, double lon, double* km) const {
    if (tree == nullptr) return -1;
    PointGeom pt(lon, lat);
    struct User {
      const Impl* self;
    } user{this};
    const void* item = GEOSSTRtree_nearest_generic_r(
        Ctx(), tree, pt.g, pt.g,
        [](const void* item1, const void* item2, double* distance, void* u) -> int {
          const Impl* self = static_cast<User*>(u)->self;
          const int i = static_cast<int>(reinterpret_cast<intptr_t>(item1)) - 1;
          return GEOSDistance_r(Ctx(), self->geoms[static_cast<size_t>(i)], static_cast<const GEOSGeometry*>(item2),
                                distance);
        },
        &user);
    if (item == nullptr) return -1;
    const int i = static_cast<int>(reinterpret_cast<intptr_t>(item)) - 1;
    GEOSCoordSequence* cs = GEOSNearestPoints_r(Ctx(), geoms[static_cast<size_t>(i)], pt.g);
    *km = 1e9;
    if (cs) {
      double x1, y1, x2, y2;
      if (GEOSCoordSeq_getXY_r(Ctx(), cs, 0, &x1, &y1) && GEOSCoordSeq_getXY_r(Ctx(), cs, 1, &x2, &y2))
        *km = HaversineKm(y1, x1, y2, x2);
      GEOSCoordSeq_destroy_r(Ctx(), cs);
    }
    return i;
  }
};

AreaIndex::AreaIndex() : impl_(std::make_unique<Impl>()) {}
AreaIndex::~AreaIndex() = default;

const std::vector<AreaShape>& AreaIndex::areas() const { return impl_->areas; }
const AreaIndexStats& AreaIndex::stats() const { return impl_->stats; }
int AreaIndex::Find(const std::string& id) const {
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? -1 : it->second;
}

Result<std::unique_ptr<AreaIndex>> AreaIndex::Build(std::vector<AreaShape> areas, AreaIndexOptions opts) {
  std::sort(areas.begin(), areas.end(), [](const AreaShape& a, const AreaShape& b) { return a.id < b.id; });
  for (size_t i = 1; i < areas.size(); ++i)
    if (areas[i].id == areas[i - 1].id) return Invalid("duplicate_area", "area id '" + areas[i].id + "' appears twice", "id");
  std::unique_ptr<AreaIndex> index(new AreaIndex());
  Impl& x = *index->impl_;
  x.opts = opts;
  x.areas = std::move(areas);
  x.stats.areas = x.areas.size();
  GEOSContextHandle_t h = Ctx();
  GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(h);
  x.geoms.assign(x.areas.size(), nullptr);
  x.prepared.assign(x.areas.size(), nullptr);
  x.boxes.assign(x.areas.size(), {0, 0, 0, 0});
  x.tree = GEOSSTRtree_create_r(h, 10);
  Status failed;
  for (size_t i = 0; i < x.areas.size(); ++i) {
    const AreaShape& a = x.areas[i];
    x.by_id.emplace(a.id, static_cast<int>(i));
    for (const auto& ck : a.country_keys) {
      const std::string k = NameKey(ck);
      if (k.empty()) continue;
      auto& list = x.by_country[k];
      if (list.empty() || list.back() != static_cast<int>(i)) list.push_back(static_cast<int>(i));
      x.by_country_admin1.emplace(k + "|" + NameKey(a.name), static_cast<int>(i));
    }
    if (a.geojson.empty()) continue;
    GEOSGeometry* g = GEOSGeoJSONReader_readGeometry_r(h, reader, a.geojson.c_str());
    if (g == nullptr) {
      failed = Invalid("invalid_geometry", "area '" + a.id + "': geometry is not valid GeoJSON", "geometry");
      break;
    }
    const int type = GEOSGeomTypeId_r(h, g);
    if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
      GEOSGeom_destroy_r(h, g);
      failed = Invalid("invalid_geometry", "area '" + a.id + "': geometry must be a Polygon or MultiPolygon", "geometry");
      break;
    }
    if (GEOSisValid_r(h, g) != 1) {
      // Simplified boundaries often self-touch; repair rather than refuse, and count it. The
      // "structure" method keeps the result polygonal: a GeometryCollection would lose the fast
      // prepared point-in-polygon path.
      GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(h);
      GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE);
      GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0);
      GEOSGeometry* fixed = GEOSMakeValidWithParams_r(h, g, params);
      GEOSMakeValidParams_destroy_r(h, params);
      if (fixed != nullptr) fixed = Polygonal(h, fixed);
      if (fixed != nullptr) {
        GEOSGeom_destroy_r(h, g);
        g = fixed;
        ++x.stats.repaired;
      }
    }
    x.stats.vertices += static_cast<size_t>(std::max(0, GEOSGetNumCoordinates_r(h, g)));
    x.geoms[i] = g;
    x.prepared[i] = GEOSPrepare_r(h, g);
    GEOSGeom_getXMin_r(h, g, &x.boxes[i][0]);
    GEOSGeom_getYMin_r(h, g, &x.boxes[i][1]);
    GEOSGeom_getXMax_r(h, g, &x.boxes[i][2]);
    GEOSGeom_getYMax_r(h, g, &x.boxes[i][3]);
    ++x.stats.with_geometry;
    GEOSSTRtree_insert_r(h, x.tree, g, reinterpret_cast<void*>(static_cast<intptr_t>(i + 1)));
  }
  GEOSGeoJSONReader_destroy_r(h, reader);
  if (!failed) return std::unexpected(failed.error());
  // Build the tree and every polygon's point locator now: both are built lazily on first use,
  // which would race between threads.
  for (size_t i = 0; i < x.geoms.size(); ++i) {
    if (!x.geoms[i]) continue;
    double px = 0, py = 0;
    GEOSGeometry* c = GEOSPointOnSurface_r(h, x.geoms[i]);
    if (c) {
      GEOSGeomGetX_r(h, c, &px);
      GEOSGeomGetY_r(h, c, &py);
      (void)GEOSPreparedIntersects_r(h, x.prepared[i], c);
      GEOSGeom_destroy_r(h, c);
    }
  }
  x.BuildGrid();
  // The STR tree (for the nearest area) builds itself on its first query: do it now.
  if (x.stats.with_geometry > 0) {
    double km = 0;
    (void)x.Nearest(0, 0, &km);
  }
  return index;
}

Placement AreaIndex::Locate(double lat, double lon) const {
  Placement p;
  if (impl_->stats.with_geometry == 0) {
    p.note = "no area has a geometry";
    return p;
  }
  const int i = impl_->Covering(lat, lon);
  if (i >= 0) {
    p.area = i;
    p.precision = Precision::kPoint;
    return p;
  }
  double km = 0;
  const int n = impl_->opts.nearest_km > 0 ? impl_->Nearest(lat, lon, &km) : -1;
  char buf[160];
  if (n >= 0 && km <= impl_->opts.nearest_km) {
    p.area = n;
    p.precision = Precision::kNearest;
    p.distance_km = km;
    std::snprintf(buf, sizeof buf, "point %.1f km outside the nearest area", km);
    p.note = buf;
    return p;
  }
  p.distance_km = n >= 0 ? km : 0;
  if (n >= 0)
    std::snprintf(buf, sizeof buf, "point (%.5f, %.5f) lies in no area; the nearest, %s, is %.1f km away (tolerance %.0f km)",
                  lat, lon, impl_->areas[static_cast<size_t>(n)].id.c_str(), km, impl_->opts.nearest_km);
  else
    std::snprintf(buf, sizeof buf, "point (%.5f, %.5f) lies in no area", lat, lon);
  p.note = buf;
  return p;
}

Placement AreaIndex::ByName(const std::string& country, const std::string& admin1) const {
  Placement p;
  const std::string ck = NameKey(country);
  if (ck.empty()) {
    p.note = "no country name";
    return p;
  }
  auto countries = impl_->by_country.find(ck);
  if (countries == impl_->by_country.end()) {
    p.note = "country '" + country + "' has no area";
    return p;
  }
  if (!admin1.empty()) {
    auto it = impl_->by_country_admin1.find(ck + "|" + NameKey(admin1));
    if (it != impl_->by_country_admin1.end()) {
      p.area = it->second;
      p.precision = Precision::kAdminName;
      return p;
    }
  }
  if (countries->second.size() == 1) {
    p.area = countries->second.front();
    p.precision = Precision::kCountry;
    return p;
  }
  p.note = admin1.empty() ? "no admin-1 name, and country '" + country + "' has " +
                                std::to_string(countries->second.size()) + " areas"
                          : "admin-1 '" + admin1 + "' matches no area of '" + country + "'";
  return p;
}

Placement AreaIndex::Place(const Incident& inc) const {
  std::string point_note;
  if (inc.has_point) {
    Placement p = Locate(inc.lat, inc.lon);
    if (p.area >= 0) return p;
    point_note = p.note;
  }
  Placement byname = ByName(inc.country, inc.admin1);
  if (byname.area >= 0) {
    if (!point_note.empty()) byname.note = point_note + "; placed by name";
    return byname;
  }
  if (!point_note.empty()) byname.note = point_note + "; " + byname.note;
  else if (!inc.placement_note.empty()) byname.note = inc.placement_note + "; " + byname.note;
  else byname.note = "no coordinates; " + byname.note;
  return byname;
}

}  // namespace srm::evidence
