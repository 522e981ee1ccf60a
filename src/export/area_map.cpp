#include "export/area_map.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "domain/level_colors.h"

namespace srm::exports {

namespace {

using nlohmann::json;

constexpr int kWidth = 800, kHeight = 600;
constexpr double kFrameX = 16, kFrameY = 44, kFrameW = 768, kFrameH = 440;
constexpr double kKmPerDegree = 111.32;

bool ReadRing(const json& j, Ring* out) {
  if (!j.is_array()) return false;
  for (const auto& pt : j) {
    if (!pt.is_array() || pt.size() < 2 || !pt[0].is_number() || !pt[1].is_number()) return false;
    const double lon = pt[0].get<double>(), lat = pt[1].get<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90) return false;
    out->push_back({lon, lat});
  }
  return true;
}

bool ReadPolygon(const json& j, std::vector<Ring>* out) {
  if (!j.is_array()) return false;
  for (const auto& r : j) {
    Ring ring;
    if (!ReadRing(r, &ring)) return false;
    if (!ring.empty()) out->push_back(std::move(ring));
  }
  return true;
}

struct Box {
  double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
  void Add(double x, double y) {
    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
  }
  bool Empty() const { return x0 > x1; }
  bool Meets(const Box& o) const { return !Empty() && !o.Empty() && x0 <= o.x1 && o.x0 <= x1 && y0 <= o.y1 && o.y0 <= y1; }
};

// "…{x}…" with the value put in.
std::string Fill(std::string text, std::string_view key, const std::string& value) {
  const std::string k = "{" + std::string(key) + "}";
  if (auto at = text.find(k); at != std::string::npos) text.replace(at, k.size(), value);
  return text;
}

// The longest 1, 2 or 5 x 10^k kilometres not above `km`.
double NiceKm(double km) {
  const double p = std::pow(10.0, std::floor(std::log10(km)));
  for (double f : {5.0, 2.0, 1.0})
    if (f * p <= km) return f * p;
  return p;
}

std::string KmText(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, km >= 1 ? "%.0f" : "%.1f", km);
  return buf;
}

}  // namespace

Result<std::vector<Ring>> GeoJsonRings(std::string_view geojson) {
  const json j = json::parse(geojson, nullptr, false);
  std::vector<Ring> rings;
  bool ok = j.is_object() && j.contains("coordinates");
  if (ok && j.value("type", "") == "Polygon") {
    ok = ReadPolygon(j["coordinates"], &rings);
  } else if (ok && j.value("type", "") == "MultiPolygon" && j["coordinates"].is_array()) {
    for (const auto& poly : j["coordinates"]) ok = ok && ReadPolygon(poly, &rings);
  } else {
    ok = false;
  }
  if (!ok || rings.empty()) return Unprocessable("invalid_geometry", "the boundary is not a GeoJSON Polygon or MultiPolygon");
  return rings;
}

Result<Picture> AreaMapPicture(const AreaMapInput& in) {
  if (in.geometry.empty()) return Unprocessable("no_boundary", "no boundary is recorded for this area");
  SRM_ASSIGN(rings, GeoJsonRings(in.geometry));
  const Language lang = in.lang;
  const bool rtl = documents::RightToLeft(lang);
  // Equirectangular: x = lon * cos(middle latitude), y = -lat, in degrees; then to pixels.
  Box lonlat;
  for (const auto& r : rings)
    for (const auto& p : r) lonlat.Add(p.lon, p.lat);
  const double kx = std::cos((lonlat.y0 + lonlat.y1) / 2 * M_PI / 180);
  Box area;
  for (const auto& r : rings)
    for (const auto& p : r) area.Add(p.lon * kx, -p.lat);
  // Room around the area for its neighbours: an eighth of its size on each side (at least ~1 km).
  const double pad = std::max({(area.x1 - area.x0) / 8, (area.y1 - area.y0) / 8, 0.01});
  Box view{area.x0 - pad, area.y0 - pad, area.x1 + pad, area.y1 + pad};
  const double scale = std::min(kFrameW / (view.x1 - view.x0), kFrameH / (view.y1 - view.y0));
  const double ox = kFrameX + (kFrameW - (view.x1 - view.x0) * scale) / 2 - view.x0 * scale;
  const double oy = kFrameY + (kFrameH - (view.y1 - view.y0) * scale) / 2 - view.y0 * scale;
  // The whole frame in projected degrees: the neighbours that reach into it are drawn.
  const Box frame{(kFrameX - ox) / scale, (kFrameY - oy) / scale, (kFrameX + kFrameW - ox) / scale,
                  (kFrameY + kFrameH - oy) / scale};
  auto to_px = [&](const LonLat& p) { return Point{ox + p.lon * kx * scale, oy - p.lat * scale}; };
  auto path_of = [&](const std::vector<Ring>& rs) {
    Shape s;
    s.kind = Shape::Kind::kPath;
    for (const auto& r : rs) {
      std::vector<Point> pts;
      pts.reserve(r.size());
      for (const auto& p : r) pts.push_back(to_px(p));
      s.rings.push_back(std::move(pts));
    }
    return s;
  };

  Picture pic;
  pic.width = kWidth;
  pic.height = kHeight;
  pic.title = Fill(Word(lang, "map.title"), "area", in.area_name);
  pic.clip = Picture::Rect{kFrameX, kFrameY, kFrameW, kFrameH};
  pic.Add(TextShape(kWidth / 2.0, 28, pic.title, 16, Anchor::kMiddle, true));
  pic.Add(RectShape(kFrameX, kFrameY, kFrameW, kFrameH, 0xf8fafc));

  // Neighbours, faint, with their names where their middle is on the map.
  for (const auto& n : in.neighbours) {
    auto nr = GeoJsonRings(n.geometry);
    if (!nr) continue;  // a malformed neighbour does not spoil the area's map
    Box b;
    for (const auto& r : *nr)
      for (const auto& p : r) b.Add(p.lon * kx, -p.lat);
    if (!b.Meets(frame)) continue;
    Shape s = path_of(*nr);
    s.fill = 0xe5e7eb;
    s.stroke = 0x9ca3af;
    s.stroke_width = 1;
    s.clipped = true;
    s.css_class = "neighbour";
    s.data = {{"name", n.name}};
    pic.Add(std::move(s));
    const double cx = ox + (b.x0 + b.x1) / 2 * scale, cy = oy + (b.y0 + b.y1) / 2 * scale;
    if (cx > kFrameX + 40 && cx < kFrameX + kFrameW - 40 && cy > kFrameY + 14 && cy < kFrameY + kFrameH - 6) {
      Shape t = TextShape(cx, cy, n.name, 11, Anchor::kMiddle, false, 0x6b7280);
      t.clipped = true;
      pic.Add(std::move(t));
    }
  }

  // The area, in its risk colour.
  const std::optional<domain::LevelColor> color =
      in.level ? std::optional(domain::LevelColorOf(*in.level)) : std::nullopt;
  Shape a = path_of(rings);
  a.fill = color ? color->fill : 0xdbeafe;
  a.fill_opacity = 0.55;
  a.stroke = 0x1f2937;
  a.stroke_width = 2;
  a.css_class = "area";
  a.data = {{"name", in.area_name}};
  if (in.level) a.data.emplace_back("level", in.level_name);
  a.tooltip = in.area_name;
  pic.Add(std::move(a));

  // Incidents as points.
  for (const auto& p : in.incidents) {
    const Point q = to_px(p);
    Shape c = CircleShape(q.x, q.y, 3.5, 0xb91c1c, 0xffffff, 1);
    c.clipped = true;
    c.css_class = "incident";
    pic.Add(std::move(c));
  }
  // The area's name on top, in the middle of its box.
  pic.Add(TextShape(ox + (area.x0 + area.x1) / 2 * scale, oy + (area.y0 + area.y1) / 2 * scale, in.area_name, 14,
                    Anchor::kMiddle, true, 0x111827));

  // North arrow (top right, or top left in Arabic) and scale bar (bottom left, or right).
  const double nx = rtl ? kFrameX + 24 : kFrameX + kFrameW - 24, ny = kFrameY + 12;
  Shape arrow;
  arrow.kind = Shape::Kind::kPath;
  arrow.rings = {{{nx, ny}, {nx + 8, ny + 24}, {nx, ny + 18}, {nx - 8, ny + 24}}};
  arrow.fill = 0x111827;
  arrow.css_class = "north";
  pic.Add(std::move(arrow));
  pic.Add(TextShape(nx, ny + 40, Word(lang, "map.north"), 12, Anchor::kMiddle, true));
  const double km_per_px = kKmPerDegree / scale;
  const double km = NiceKm(120 * km_per_px);
  const double bar = km / km_per_px;
  const double bx = rtl ? kFrameX + kFrameW - 16 - bar : kFrameX + 16, by = kFrameY + kFrameH - 16;
  pic.Add(RectShape(bx - 6, by - 22, bar + 12, 30, 0xffffff)).fill_opacity = 0.8;
  Shape line;
  line.kind = Shape::Kind::kPath;
  line.closed = false;
  line.rings = {{{bx, by - 6}, {bx, by}, {bx + bar, by}, {bx + bar, by - 6}}};
  line.fill.reset();
  line.stroke = 0x111827;
  line.stroke_width = 2;
  line.css_class = "scale";
  pic.Add(std::move(line));
  pic.Add(TextShape(bx + bar / 2, by - 8, KmText(km) + " " + Word(lang, "map.km"), 11, Anchor::kMiddle));
  pic.Add(RectShape(kFrameX, kFrameY, kFrameW, kFrameH, std::nullopt, 0x6b7280, 1));

  // Legend: a swatch and a line of text each, from the reading side.
  double ly = kFrameY + kFrameH + 26;
  const double sx = rtl ? kWidth - kFrameX - 18 : kFrameX, tx = rtl ? sx - 8 : sx + 26;
  const Anchor ta = rtl ? Anchor::kEnd : Anchor::kStart;
  auto row = [&](Shape swatch, std::string text) {
    swatch.css_class = "legend";
    pic.Add(std::move(swatch));
    pic.Add(TextShape(tx, ly + 5, std::move(text), 12, ta));
    ly += 26;
  };
  std::string risk = in.level ? Fill(Fill(Word(lang, "map.risk"), "level", in.level_name), "version",
                                     std::to_string(in.sra_version))
                              : Word(lang, "xl.no_sra");
  Shape area_swatch = RectShape(sx, ly - 8, 18, 14, color ? color->fill : 0xdbeafe, 0x1f2937, 1.5);
  row(area_swatch, in.area_name + " — " + risk);
  row(RectShape(sx, ly - 8, 18, 14, 0xe5e7eb, 0x9ca3af, 1), Word(lang, "map.neighbours"));
  std::string count = Fill(Word(lang, "map.incidents"), "shown", std::to_string(in.incidents.size()));
  if (static_cast<int64_t>(in.incidents.size()) < in.incidents_total)
    count += " " + Fill(Word(lang, "map.of_total"), "total", std::to_string(in.incidents_total));
  row(CircleShape(sx + 9, ly - 1, 4, 0xb91c1c, 0xffffff, 1), count);
  return pic;
}

}  // namespace srm::exports
